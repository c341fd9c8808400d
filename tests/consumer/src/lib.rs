//! A small service built on `cloudflare-resource-sharing`, standing in for a user's own code.
//!
//! It is what the tests in `tests/` exercise through the crate's `testing` fake, using only the
//! crate's public API, as a user would. It knows nothing about the fake: it takes a `Client`.

use cloudflare_resource_sharing::models::{
    CreateShareRecipientRequest, CreateShareRequest, CreateShareResourceRequest, ShareObject,
    ShareStatus,
};
use cloudflare_resource_sharing::{Client, Error};
use futures::TryStreamExt;

/// Shares of one account, through the Resource Sharing API.
#[derive(Clone, Debug)]
pub struct ShareService {
    client: Client,
    account_id: String,
}

impl ShareService {
    /// A service for `account_id`.
    pub fn new(client: Client, account_id: impl Into<String>) -> Self {
        ShareService {
            client,
            account_id: account_id.into(),
        }
    }

    /// Shares one resource with one account, and returns the new share's id.
    pub async fn share_with(
        &self,
        name: &str,
        recipient_account: &str,
        resource: CreateShareResourceRequest,
    ) -> Result<String, Error> {
        let recipient =
            CreateShareRecipientRequest::default().recipient_account_id(recipient_account);
        let body = CreateShareRequest::new(name.to_owned(), vec![recipient], vec![resource]);
        let share = self
            .client
            .resource_sharing()
            .create(&self.account_id, body)
            .await?;
        Ok(share.id)
    }

    /// The names of every active share, across all pages.
    pub async fn active_share_names(&self, per_page: i64) -> Result<Vec<String>, Error> {
        let shares: Vec<ShareObject> = self
            .client
            .resource_sharing()
            .list(&self.account_id)
            .status(ShareStatus::Active)
            .per_page(per_page)
            .stream()
            .try_collect()
            .await?;
        Ok(shares.into_iter().map(|share| share.name).collect())
    }

    /// Whether the share exists: `false` on 404, an error otherwise.
    pub async fn exists(&self, share_id: &str) -> Result<bool, Error> {
        match self
            .client
            .resource_sharing()
            .get(&self.account_id, share_id)
            .await
        {
            Ok(_) => Ok(true),
            Err(Error::NotFound(_)) => Ok(false),
            Err(error) => Err(error),
        }
    }
}
