// generated from spec/resource-sharing.openapi.yaml by `cargo xtask generate`; do not edit

//! The fake's operations on `recipients`.
/// The fake's operations on `recipients`.
#[derive(Clone, Copy, Debug)]
pub struct Recipients<'a> {
    fake: &'a crate::fake::Fake,
}
impl<'a> Recipients<'a> {
    pub(crate) fn new(fake: &'a crate::fake::Fake) -> Self {
        Self { fake }
    }
    /// Answers `GET /accounts/{account_id}/shares/{share_id}/recipients` (`resource_sharing.recipients.list`): `.handle(…)`, `.returns(…)`, `.fails(…)` or `.once(…)`.
    ///
    /// Return every item: the fake serves them page by page, as `page` and `per_page` ask.
    pub fn list(
        &self,
    ) -> crate::runtime::fake::Operation<
        ListRequest,
        Vec<crate::models::ShareRecipientObject>,
    > {
        self.fake
            .server
            .operation(
                "resource_sharing.recipients.list",
                crate::runtime::fake::Reply::page("page", 200u16),
            )
    }
    /// Answers `POST /accounts/{account_id}/shares/{share_id}/recipients` (`resource_sharing.recipients.create`): `.handle(…)`, `.returns(…)`, `.fails(…)` or `.once(…)`.
    pub fn create(
        &self,
    ) -> crate::runtime::fake::Operation<
        CreateRequest,
        crate::models::ShareRecipientObject,
    > {
        self.fake
            .server
            .operation(
                "resource_sharing.recipients.create",
                crate::runtime::fake::Reply::envelope(200u16),
            )
    }
    /// Answers `GET /accounts/{account_id}/shares/{share_id}/recipients/{recipient_id}` (`resource_sharing.recipients.get`): `.handle(…)`, `.returns(…)`, `.fails(…)` or `.once(…)`.
    pub fn get(
        &self,
    ) -> crate::runtime::fake::Operation<
        GetRequest,
        crate::models::ShareRecipientObject,
    > {
        self.fake
            .server
            .operation(
                "resource_sharing.recipients.get",
                crate::runtime::fake::Reply::envelope(200u16),
            )
    }
    /// Answers `DELETE /accounts/{account_id}/shares/{share_id}/recipients/{recipient_id}` (`resource_sharing.recipients.delete`): `.handle(…)`, `.returns(…)`, `.fails(…)` or `.once(…)`.
    pub fn delete(
        &self,
    ) -> crate::runtime::fake::Operation<
        DeleteRequest,
        crate::models::ShareRecipientObject,
    > {
        self.fake
            .server
            .operation(
                "resource_sharing.recipients.delete",
                crate::runtime::fake::Reply::envelope(200u16),
            )
    }
}
/// The inputs of a `GET /accounts/{account_id}/shares/{share_id}/recipients` call (`resource_sharing.recipients.list`), as the fake received them.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ListRequest {
    /// The `account_id` path parameter.
    pub account_id: String,
    /// The `share_id` path parameter.
    pub share_id: String,
    /// The `include_resources` query parameter.
    pub include_resources: Option<bool>,
    /// The `page` query parameter.
    pub page: Option<i64>,
    /// The `per_page` query parameter.
    pub per_page: Option<i64>,
}
impl crate::runtime::fake::FakeInput for ListRequest {
    fn read(
        request: &crate::runtime::fake::FakeRequest,
    ) -> Result<Self, crate::runtime::fake::FakeError> {
        Ok(Self {
            account_id: request.path_param("account_id")?,
            share_id: request.path_param("share_id")?,
            include_resources: request.query_param("include_resources")?,
            page: request.query_param("page")?,
            per_page: request.query_param("per_page")?,
        })
    }
    fn validate(&self) -> crate::runtime::Result<()> {
        {
            let value = &self.account_id;
            crate::runtime::validate::max_length("account_id", value, 32usize)?;
        }
        {
            let value = &self.share_id;
            crate::runtime::validate::max_length("share_id", value, 32usize)?;
        }
        if let Some(value) = &self.page {
            crate::runtime::validate::minimum("page", *value as f64, 0f64, false)?;
        }
        if let Some(value) = &self.per_page {
            crate::runtime::validate::minimum("per_page", *value as f64, 0f64, false)?;
            crate::runtime::validate::maximum("per_page", *value as f64, 100f64, false)?;
        }
        Ok(())
    }
}
/// The inputs of a `POST /accounts/{account_id}/shares/{share_id}/recipients` call (`resource_sharing.recipients.create`), as the fake received them.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct CreateRequest {
    /// The `account_id` path parameter.
    pub account_id: String,
    /// The `share_id` path parameter.
    pub share_id: String,
    /// The request body.
    pub body: crate::models::CreateShareRecipientRequest,
}
impl crate::runtime::fake::FakeInput for CreateRequest {
    fn read(
        request: &crate::runtime::fake::FakeRequest,
    ) -> Result<Self, crate::runtime::fake::FakeError> {
        Ok(Self {
            account_id: request.path_param("account_id")?,
            share_id: request.path_param("share_id")?,
            body: crate::runtime::fake::required("body", request.json_body()?)?,
        })
    }
    fn validate(&self) -> crate::runtime::Result<()> {
        {
            let value = &self.account_id;
            crate::runtime::validate::max_length("account_id", value, 32usize)?;
        }
        {
            let value = &self.share_id;
            crate::runtime::validate::max_length("share_id", value, 32usize)?;
        }
        self.body.validate(&"body")?;
        Ok(())
    }
}
/// The inputs of a `GET /accounts/{account_id}/shares/{share_id}/recipients/{recipient_id}` call (`resource_sharing.recipients.get`), as the fake received them.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct GetRequest {
    /// The `account_id` path parameter.
    pub account_id: String,
    /// The `share_id` path parameter.
    pub share_id: String,
    /// The `recipient_id` path parameter.
    pub recipient_id: String,
    /// The `include_resources` query parameter.
    pub include_resources: Option<bool>,
}
impl crate::runtime::fake::FakeInput for GetRequest {
    fn read(
        request: &crate::runtime::fake::FakeRequest,
    ) -> Result<Self, crate::runtime::fake::FakeError> {
        Ok(Self {
            account_id: request.path_param("account_id")?,
            share_id: request.path_param("share_id")?,
            recipient_id: request.path_param("recipient_id")?,
            include_resources: request.query_param("include_resources")?,
        })
    }
    fn validate(&self) -> crate::runtime::Result<()> {
        {
            let value = &self.account_id;
            crate::runtime::validate::max_length("account_id", value, 32usize)?;
        }
        {
            let value = &self.share_id;
            crate::runtime::validate::max_length("share_id", value, 32usize)?;
        }
        {
            let value = &self.recipient_id;
            crate::runtime::validate::max_length("recipient_id", value, 32usize)?;
        }
        Ok(())
    }
}
/// The inputs of a `DELETE /accounts/{account_id}/shares/{share_id}/recipients/{recipient_id}` call (`resource_sharing.recipients.delete`), as the fake received them.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct DeleteRequest {
    /// The `account_id` path parameter.
    pub account_id: String,
    /// The `share_id` path parameter.
    pub share_id: String,
    /// The `recipient_id` path parameter.
    pub recipient_id: String,
}
impl crate::runtime::fake::FakeInput for DeleteRequest {
    fn read(
        request: &crate::runtime::fake::FakeRequest,
    ) -> Result<Self, crate::runtime::fake::FakeError> {
        Ok(Self {
            account_id: request.path_param("account_id")?,
            share_id: request.path_param("share_id")?,
            recipient_id: request.path_param("recipient_id")?,
        })
    }
    fn validate(&self) -> crate::runtime::Result<()> {
        {
            let value = &self.account_id;
            crate::runtime::validate::max_length("account_id", value, 32usize)?;
        }
        {
            let value = &self.share_id;
            crate::runtime::validate::max_length("share_id", value, 32usize)?;
        }
        {
            let value = &self.recipient_id;
            crate::runtime::validate::max_length("recipient_id", value, 32usize)?;
        }
        Ok(())
    }
}
