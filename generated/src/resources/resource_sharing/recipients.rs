// generated from spec/resource-sharing.openapi.yaml by `cargo xtask generate`; do not edit

//! Operations on `recipients`.
/// Operations on `recipients`.
#[derive(Clone, Copy, Debug)]
pub struct Recipients<'a> {
    client: &'a crate::Client,
}
impl<'a> Recipients<'a> {
    pub(crate) fn new(client: &'a crate::Client) -> Self {
        Self { client }
    }
    /// List share recipients by share ID.
    ///
    /// `GET /accounts/{account_id}/shares/{share_id}/recipients`
    ///
    /// # Arguments
    ///
    /// - `account_id`: Account identifier. (Maximum length: 32)
    /// - `share_id`: Share identifier tag. (Maximum length: 32)
    ///
    /// # Returns
    ///
    /// One [`crate::Page`] of [`ShareRecipientObject`](crate::models::ShareRecipientObject): List account share recipients response. `.stream()` yields every item across pages, fetching lazily.
    ///
    /// # Errors
    ///
    /// - `4XX`: List account share recipients response failure.
    /// - `5XX`: List account share recipients response failure.
    /// - [`crate::Error::InvalidRequest`] before sending, when an input breaks the document's constraints; `Timeout`, `Connection` or `Decode` when the exchange itself fails.
    ///
    /// # Example
    ///
    /// ```no_run
    /// # async fn example(client: &cloudflare_resource_sharing::Client) -> cloudflare_resource_sharing::Result<()> {
    /// let response = client.resource_sharing().recipients().list("023e105f4ecef8ad9ca31a8372d0c353", "3fd85f74b32742f1bff64a85009dda07").await?;
    /// println!("{response:?}");
    /// # Ok(())
    /// # }
    /// ```
    pub fn list(
        &self,
        account_id: impl Into<String>,
        share_id: impl Into<String>,
    ) -> ListRequest {
        ListRequest {
            core: self.client.core().clone(),
            options: crate::runtime::RequestOptions::default(),
            account_id: account_id.into(),
            share_id: share_id.into(),
            include_resources: None,
            page: None,
            per_page: None,
        }
    }
    /// Create a new share recipient.
    ///
    /// `POST /accounts/{account_id}/shares/{share_id}/recipients`
    ///
    /// # Arguments
    ///
    /// - `account_id`: Account identifier. (Maximum length: 32)
    /// - `share_id`: Share identifier tag. (Maximum length: 32)
    /// - `body`: the request body.
    ///
    /// # Returns
    ///
    /// [`ShareRecipientObject`](crate::models::ShareRecipientObject): Share recipient created. `send_with_response` adds the status and headers.
    ///
    /// # Errors
    ///
    /// - `4XX`: Create share recipient failure.
    /// - `5XX`: Create share recipient failure.
    /// - [`crate::Error::InvalidRequest`] before sending, when an input breaks the document's constraints; `Timeout`, `Connection` or `Decode` when the exchange itself fails.
    ///
    /// # Example
    ///
    /// ```no_run
    /// # async fn example(client: &cloudflare_resource_sharing::Client, body: cloudflare_resource_sharing::models::CreateShareRecipientRequest) -> cloudflare_resource_sharing::Result<()> {
    /// let response = client.resource_sharing().recipients().create("023e105f4ecef8ad9ca31a8372d0c353", "3fd85f74b32742f1bff64a85009dda07", body).await?;
    /// println!("{response:?}");
    /// # Ok(())
    /// # }
    /// ```
    pub fn create(
        &self,
        account_id: impl Into<String>,
        share_id: impl Into<String>,
        body: crate::models::CreateShareRecipientRequest,
    ) -> CreateRequest {
        CreateRequest {
            core: self.client.core().clone(),
            options: crate::runtime::RequestOptions::default(),
            account_id: account_id.into(),
            share_id: share_id.into(),
            body,
        }
    }
    /// Get share recipient by ID.
    ///
    /// `GET /accounts/{account_id}/shares/{share_id}/recipients/{recipient_id}`
    ///
    /// # Arguments
    ///
    /// - `account_id`: Account identifier. (Maximum length: 32)
    /// - `share_id`: Share identifier tag. (Maximum length: 32)
    /// - `recipient_id`: Share Recipient identifier tag. (Maximum length: 32)
    ///
    /// # Returns
    ///
    /// [`ShareRecipientObject`](crate::models::ShareRecipientObject): Get account share recipient response. `send_with_response` adds the status and headers.
    ///
    /// # Errors
    ///
    /// - `4XX`: Get account share recipient response failure.
    /// - `5XX`: Get account share recipient response failure.
    /// - [`crate::Error::InvalidRequest`] before sending, when an input breaks the document's constraints; `Timeout`, `Connection` or `Decode` when the exchange itself fails.
    ///
    /// # Example
    ///
    /// ```no_run
    /// # async fn example(client: &cloudflare_resource_sharing::Client) -> cloudflare_resource_sharing::Result<()> {
    /// let response = client.resource_sharing().recipients().get("023e105f4ecef8ad9ca31a8372d0c353", "3fd85f74b32742f1bff64a85009dda07", "3fd85f74b32742f1bff64a85009dda07").await?;
    /// println!("{response:?}");
    /// # Ok(())
    /// # }
    /// ```
    pub fn get(
        &self,
        account_id: impl Into<String>,
        share_id: impl Into<String>,
        recipient_id: impl Into<String>,
    ) -> GetRequest {
        GetRequest {
            core: self.client.core().clone(),
            options: crate::runtime::RequestOptions::default(),
            account_id: account_id.into(),
            share_id: share_id.into(),
            recipient_id: recipient_id.into(),
            include_resources: None,
        }
    }
    /// Delete a share recipient
    ///
    /// Deletion is not immediate, an updated share recipient object with a new status will be returned.
    ///
    /// `DELETE /accounts/{account_id}/shares/{share_id}/recipients/{recipient_id}`
    ///
    /// # Arguments
    ///
    /// - `account_id`: Account identifier. (Maximum length: 32)
    /// - `share_id`: Share identifier tag. (Maximum length: 32)
    /// - `recipient_id`: Share Recipient identifier tag. (Maximum length: 32)
    ///
    /// # Returns
    ///
    /// [`ShareRecipientObject`](crate::models::ShareRecipientObject): Share recipient deleted. `send_with_response` adds the status and headers.
    ///
    /// # Errors
    ///
    /// - `4XX`: Delete share recipient failure.
    /// - `5XX`: Delete share recipient failure.
    /// - [`crate::Error::InvalidRequest`] before sending, when an input breaks the document's constraints; `Timeout`, `Connection` or `Decode` when the exchange itself fails.
    ///
    /// # Example
    ///
    /// ```no_run
    /// # async fn example(client: &cloudflare_resource_sharing::Client) -> cloudflare_resource_sharing::Result<()> {
    /// let response = client.resource_sharing().recipients().delete("023e105f4ecef8ad9ca31a8372d0c353", "3fd85f74b32742f1bff64a85009dda07", "3fd85f74b32742f1bff64a85009dda07").await?;
    /// println!("{response:?}");
    /// # Ok(())
    /// # }
    /// ```
    pub fn delete(
        &self,
        account_id: impl Into<String>,
        share_id: impl Into<String>,
        recipient_id: impl Into<String>,
    ) -> DeleteRequest {
        DeleteRequest {
            core: self.client.core().clone(),
            options: crate::runtime::RequestOptions::default(),
            account_id: account_id.into(),
            share_id: share_id.into(),
            recipient_id: recipient_id.into(),
        }
    }
}
/// A `GET /accounts/{account_id}/shares/{share_id}/recipients` request; set optional inputs, then `.await` it (or call `send`).
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is awaited or sent"]
pub struct ListRequest {
    core: crate::runtime::Core,
    options: crate::runtime::RequestOptions,
    account_id: String,
    share_id: String,
    include_resources: Option<bool>,
    page: Option<i64>,
    per_page: Option<i64>,
}
impl ListRequest {
    /// Include resources in the response.
    pub fn include_resources(mut self, value: impl Into<bool>) -> Self {
        self.include_resources = Some(value.into());
        self
    }
    /// Page number.
    ///
    /// - Minimum: 0
    /// - Example: `2`
    pub fn page(mut self, value: impl Into<i64>) -> Self {
        self.page = Some(value.into());
        self
    }
    /// Number of objects to return per page.
    ///
    /// - Minimum: 0
    /// - Maximum: 100
    /// - Example: `20`
    pub fn per_page(mut self, value: impl Into<i64>) -> Self {
        self.per_page = Some(value.into());
        self
    }
    /// Every item across all pages, fetched lazily one page at a time.
    ///
    /// Starts at the page set with the page setter (or the first page) and stops at an empty page,
    /// at the last page `result_info` reports, or when the server repeats a page.
    #[inline]
    pub fn stream(
        self,
    ) -> crate::runtime::PageStream<crate::models::ShareRecipientObject> {
        let first_page = self.page.map_or(1, |page| page as u64);
        crate::runtime::pagination::paginate(
            first_page,
            move |page| {
                let mut request = self.clone();
                request.page = Some(page as _);
                request.send()
            },
        )
    }
    #[inline]
    fn build(&self) -> crate::runtime::Result<crate::runtime::ApiRequest> {
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
        let account_id = crate::runtime::encode::path_segment(&self.account_id);
        let share_id = crate::runtime::encode::path_segment(&self.share_id);
        let path = ::std::format!("/accounts/{account_id}/shares/{share_id}/recipients");
        let mut request = crate::runtime::ApiRequest::new(
            ::reqwest::Method::GET,
            "/accounts/{account_id}/shares/{share_id}/recipients",
            path,
        );
        if let Some(value) = &self.include_resources {
            request = request.query("include_resources", value.to_string());
        }
        if let Some(value) = &self.page {
            request = request.query("page", value.to_string());
        }
        if let Some(value) = &self.per_page {
            request = request.query("per_page", value.to_string());
        }
        Ok(request)
    }
}
crate::runtime::request_methods!(
    ListRequest => crate::runtime::Page<crate::models::ShareRecipientObject>,
    envelope_page
);
/// A `POST /accounts/{account_id}/shares/{share_id}/recipients` request; set optional inputs, then `.await` it (or call `send`).
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is awaited or sent"]
pub struct CreateRequest {
    core: crate::runtime::Core,
    options: crate::runtime::RequestOptions,
    account_id: String,
    share_id: String,
    body: crate::models::CreateShareRecipientRequest,
}
impl CreateRequest {
    #[inline]
    fn build(&self) -> crate::runtime::Result<crate::runtime::ApiRequest> {
        {
            let value = &self.account_id;
            crate::runtime::validate::max_length("account_id", value, 32usize)?;
        }
        {
            let value = &self.share_id;
            crate::runtime::validate::max_length("share_id", value, 32usize)?;
        }
        self.body.validate(&"body")?;
        let account_id = crate::runtime::encode::path_segment(&self.account_id);
        let share_id = crate::runtime::encode::path_segment(&self.share_id);
        let path = ::std::format!("/accounts/{account_id}/shares/{share_id}/recipients");
        let mut request = crate::runtime::ApiRequest::new(
            ::reqwest::Method::POST,
            "/accounts/{account_id}/shares/{share_id}/recipients",
            path,
        );
        request = request.json(&self.body)?;
        Ok(request)
    }
}
crate::runtime::request_methods!(
    CreateRequest => crate::models::ShareRecipientObject,
    envelope_result
);
/// A `GET /accounts/{account_id}/shares/{share_id}/recipients/{recipient_id}` request; set optional inputs, then `.await` it (or call `send`).
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is awaited or sent"]
pub struct GetRequest {
    core: crate::runtime::Core,
    options: crate::runtime::RequestOptions,
    account_id: String,
    share_id: String,
    recipient_id: String,
    include_resources: Option<bool>,
}
impl GetRequest {
    /// Include resources in the response.
    pub fn include_resources(mut self, value: impl Into<bool>) -> Self {
        self.include_resources = Some(value.into());
        self
    }
    #[inline]
    fn build(&self) -> crate::runtime::Result<crate::runtime::ApiRequest> {
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
        let account_id = crate::runtime::encode::path_segment(&self.account_id);
        let share_id = crate::runtime::encode::path_segment(&self.share_id);
        let recipient_id = crate::runtime::encode::path_segment(&self.recipient_id);
        let path = ::std::format!(
            "/accounts/{account_id}/shares/{share_id}/recipients/{recipient_id}"
        );
        let mut request = crate::runtime::ApiRequest::new(
            ::reqwest::Method::GET,
            "/accounts/{account_id}/shares/{share_id}/recipients/{recipient_id}",
            path,
        );
        if let Some(value) = &self.include_resources {
            request = request.query("include_resources", value.to_string());
        }
        Ok(request)
    }
}
crate::runtime::request_methods!(
    GetRequest => crate::models::ShareRecipientObject,
    envelope_result
);
/// A `DELETE /accounts/{account_id}/shares/{share_id}/recipients/{recipient_id}` request; set optional inputs, then `.await` it (or call `send`).
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is awaited or sent"]
pub struct DeleteRequest {
    core: crate::runtime::Core,
    options: crate::runtime::RequestOptions,
    account_id: String,
    share_id: String,
    recipient_id: String,
}
impl DeleteRequest {
    #[inline]
    fn build(&self) -> crate::runtime::Result<crate::runtime::ApiRequest> {
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
        let account_id = crate::runtime::encode::path_segment(&self.account_id);
        let share_id = crate::runtime::encode::path_segment(&self.share_id);
        let recipient_id = crate::runtime::encode::path_segment(&self.recipient_id);
        let path = ::std::format!(
            "/accounts/{account_id}/shares/{share_id}/recipients/{recipient_id}"
        );
        let request = crate::runtime::ApiRequest::new(
            ::reqwest::Method::DELETE,
            "/accounts/{account_id}/shares/{share_id}/recipients/{recipient_id}",
            path,
        );
        Ok(request)
    }
}
crate::runtime::request_methods!(
    DeleteRequest => crate::models::ShareRecipientObject,
    envelope_result
);
