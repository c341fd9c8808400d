// generated from spec/resource-sharing.openapi.yaml by `cargo xtask generate`; do not edit

//! Operations on `resources`.
/// Operations on `resources`.
#[derive(Clone, Copy, Debug)]
pub struct Resources<'a> {
    client: &'a crate::Client,
}
impl<'a> Resources<'a> {
    pub(crate) fn new(client: &'a crate::Client) -> Self {
        Self { client }
    }
    /// List share resources by share ID.
    ///
    /// `GET /accounts/{account_id}/shares/{share_id}/resources`
    ///
    /// # Arguments
    ///
    /// - `account_id`: Account identifier. (Maximum length: 32)
    /// - `share_id`: Share identifier tag. (Maximum length: 32)
    ///
    /// # Returns
    ///
    /// One [`crate::Page`] of [`ShareResourceObject`](crate::models::ShareResourceObject): List account share resources response. `.stream()` yields every item across pages, fetching lazily.
    ///
    /// # Errors
    ///
    /// - `4XX`: List account share resources response failure.
    /// - `5XX`: List account share resources response failure.
    /// - [`crate::Error::InvalidRequest`] before sending, when an input breaks the document's constraints; `Timeout`, `Connection` or `Decode` when the exchange itself fails.
    ///
    /// # Example
    ///
    /// ```no_run
    /// # async fn example(client: &cloudflare_resource_sharing::Client) -> cloudflare_resource_sharing::Result<()> {
    /// let response = client.resource_sharing().resources().list("023e105f4ecef8ad9ca31a8372d0c353", "3fd85f74b32742f1bff64a85009dda07").await?;
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
            status: None,
            resource_type: None,
            page: None,
            per_page: None,
        }
    }
    /// Create a new share resource.
    ///
    /// `POST /accounts/{account_id}/shares/{share_id}/resources`
    ///
    /// # Arguments
    ///
    /// - `account_id`: Account identifier. (Maximum length: 32)
    /// - `share_id`: Share identifier tag. (Maximum length: 32)
    /// - `body`: the request body.
    ///
    /// # Returns
    ///
    /// [`ShareResourceObject`](crate::models::ShareResourceObject): Share resource created. `send_with_response` adds the status and headers.
    ///
    /// # Errors
    ///
    /// - `4XX`: Create share resource failure.
    /// - `5XX`: Create share resource failure.
    /// - [`crate::Error::InvalidRequest`] before sending, when an input breaks the document's constraints; `Timeout`, `Connection` or `Decode` when the exchange itself fails.
    ///
    /// # Example
    ///
    /// ```no_run
    /// # async fn example(client: &cloudflare_resource_sharing::Client, body: cloudflare_resource_sharing::models::CreateShareResourceRequest) -> cloudflare_resource_sharing::Result<()> {
    /// let response = client.resource_sharing().resources().create("023e105f4ecef8ad9ca31a8372d0c353", "3fd85f74b32742f1bff64a85009dda07", body).await?;
    /// println!("{response:?}");
    /// # Ok(())
    /// # }
    /// ```
    pub fn create(
        &self,
        account_id: impl Into<String>,
        share_id: impl Into<String>,
        body: crate::models::CreateShareResourceRequest,
    ) -> CreateRequest {
        CreateRequest {
            core: self.client.core().clone(),
            options: crate::runtime::RequestOptions::default(),
            account_id: account_id.into(),
            share_id: share_id.into(),
            body,
        }
    }
    /// Get share resource by ID.
    ///
    /// `GET /accounts/{account_id}/shares/{share_id}/resources/{resource_id}`
    ///
    /// # Arguments
    ///
    /// - `account_id`: Account identifier. (Maximum length: 32)
    /// - `share_id`: Share identifier tag. (Maximum length: 32)
    /// - `resource_id`: Share Resource identifier. (Maximum length: 32)
    ///
    /// # Returns
    ///
    /// [`ShareResourceObject`](crate::models::ShareResourceObject): Get account share resource response. `send_with_response` adds the status and headers.
    ///
    /// # Errors
    ///
    /// - `4XX`: Get account share resource response failure.
    /// - `5XX`: Get account share resource response failure.
    /// - [`crate::Error::InvalidRequest`] before sending, when an input breaks the document's constraints; `Timeout`, `Connection` or `Decode` when the exchange itself fails.
    ///
    /// # Example
    ///
    /// ```no_run
    /// # async fn example(client: &cloudflare_resource_sharing::Client) -> cloudflare_resource_sharing::Result<()> {
    /// let response = client.resource_sharing().resources().get("023e105f4ecef8ad9ca31a8372d0c353", "3fd85f74b32742f1bff64a85009dda07", "023e105f4ecef8ad9ca31a8372d0c353").await?;
    /// println!("{response:?}");
    /// # Ok(())
    /// # }
    /// ```
    pub fn get(
        &self,
        account_id: impl Into<String>,
        share_id: impl Into<String>,
        resource_id: impl Into<String>,
    ) -> GetRequest {
        GetRequest {
            core: self.client.core().clone(),
            options: crate::runtime::RequestOptions::default(),
            account_id: account_id.into(),
            share_id: share_id.into(),
            resource_id: resource_id.into(),
        }
    }
    /// Update a share resource
    ///
    /// Update is not immediate, an updated share resource object with a new status will be returned.
    ///
    /// `PUT /accounts/{account_id}/shares/{share_id}/resources/{resource_id}`
    ///
    /// # Arguments
    ///
    /// - `account_id`: Account identifier. (Maximum length: 32)
    /// - `share_id`: Share identifier tag. (Maximum length: 32)
    /// - `resource_id`: Share Resource identifier. (Maximum length: 32)
    /// - `body`: the request body.
    ///
    /// # Returns
    ///
    /// [`ShareResourceObject`](crate::models::ShareResourceObject): Share resource updated. `send_with_response` adds the status and headers.
    ///
    /// # Errors
    ///
    /// - `4XX`: Update share resource failure.
    /// - `5XX`: Update share resource failure.
    /// - [`crate::Error::InvalidRequest`] before sending, when an input breaks the document's constraints; `Timeout`, `Connection` or `Decode` when the exchange itself fails.
    ///
    /// # Example
    ///
    /// ```no_run
    /// # async fn example(client: &cloudflare_resource_sharing::Client, body: cloudflare_resource_sharing::models::UpdateShareResourceRequest) -> cloudflare_resource_sharing::Result<()> {
    /// let response = client.resource_sharing().resources().update("023e105f4ecef8ad9ca31a8372d0c353", "3fd85f74b32742f1bff64a85009dda07", "023e105f4ecef8ad9ca31a8372d0c353", body).await?;
    /// println!("{response:?}");
    /// # Ok(())
    /// # }
    /// ```
    pub fn update(
        &self,
        account_id: impl Into<String>,
        share_id: impl Into<String>,
        resource_id: impl Into<String>,
        body: crate::models::UpdateShareResourceRequest,
    ) -> UpdateRequest {
        UpdateRequest {
            core: self.client.core().clone(),
            options: crate::runtime::RequestOptions::default(),
            account_id: account_id.into(),
            share_id: share_id.into(),
            resource_id: resource_id.into(),
            body,
        }
    }
    /// Delete a share resource
    ///
    /// Deletion is not immediate, an updated share resource object with a new status will be returned.
    ///
    /// `DELETE /accounts/{account_id}/shares/{share_id}/resources/{resource_id}`
    ///
    /// # Arguments
    ///
    /// - `account_id`: Account identifier. (Maximum length: 32)
    /// - `share_id`: Share identifier tag. (Maximum length: 32)
    /// - `resource_id`: Share Resource identifier. (Maximum length: 32)
    ///
    /// # Returns
    ///
    /// [`ShareResourceObject`](crate::models::ShareResourceObject): Share resource deleted. `send_with_response` adds the status and headers.
    ///
    /// # Errors
    ///
    /// - `4XX`: Delete share resource failure.
    /// - `5XX`: Delete share resource failure.
    /// - [`crate::Error::InvalidRequest`] before sending, when an input breaks the document's constraints; `Timeout`, `Connection` or `Decode` when the exchange itself fails.
    ///
    /// # Example
    ///
    /// ```no_run
    /// # async fn example(client: &cloudflare_resource_sharing::Client) -> cloudflare_resource_sharing::Result<()> {
    /// let response = client.resource_sharing().resources().delete("023e105f4ecef8ad9ca31a8372d0c353", "3fd85f74b32742f1bff64a85009dda07", "023e105f4ecef8ad9ca31a8372d0c353").await?;
    /// println!("{response:?}");
    /// # Ok(())
    /// # }
    /// ```
    pub fn delete(
        &self,
        account_id: impl Into<String>,
        share_id: impl Into<String>,
        resource_id: impl Into<String>,
    ) -> DeleteRequest {
        DeleteRequest {
            core: self.client.core().clone(),
            options: crate::runtime::RequestOptions::default(),
            account_id: account_id.into(),
            share_id: share_id.into(),
            resource_id: resource_id.into(),
        }
    }
}
/// A `GET /accounts/{account_id}/shares/{share_id}/resources` request; set optional inputs, then `.await` it (or call `send`).
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is awaited or sent"]
pub struct ListRequest {
    core: crate::runtime::Core,
    options: crate::runtime::RequestOptions,
    account_id: String,
    share_id: String,
    status: Option<crate::models::ResourceStatus>,
    resource_type: Option<crate::models::ResourceType>,
    page: Option<i64>,
    per_page: Option<i64>,
}
impl ListRequest {
    /// Filter share resources by status.
    pub fn status(mut self, value: impl Into<crate::models::ResourceStatus>) -> Self {
        self.status = Some(value.into());
        self
    }
    /// Filter share resources by resource_type.
    pub fn resource_type(
        mut self,
        value: impl Into<crate::models::ResourceType>,
    ) -> Self {
        self.resource_type = Some(value.into());
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
    ) -> crate::runtime::PageStream<crate::models::ShareResourceObject> {
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
        if let Some(value) = &self.status {
            crate::runtime::validate::known_value(
                "status",
                value.as_str(),
                crate::models::ResourceStatus::VALUES,
            )?;
        }
        if let Some(value) = &self.resource_type {
            crate::runtime::validate::known_value(
                "resource_type",
                value.as_str(),
                crate::models::ResourceType::VALUES,
            )?;
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
        let path = ::std::format!("/accounts/{account_id}/shares/{share_id}/resources");
        let mut request = crate::runtime::ApiRequest::new(
            ::reqwest::Method::GET,
            "/accounts/{account_id}/shares/{share_id}/resources",
            path,
        );
        if let Some(value) = &self.status {
            request = request.query("status", String::from(value.as_str()));
        }
        if let Some(value) = &self.resource_type {
            request = request.query("resource_type", String::from(value.as_str()));
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
    ListRequest => crate::runtime::Page<crate::models::ShareResourceObject>,
    envelope_page
);
/// A `POST /accounts/{account_id}/shares/{share_id}/resources` request; set optional inputs, then `.await` it (or call `send`).
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is awaited or sent"]
pub struct CreateRequest {
    core: crate::runtime::Core,
    options: crate::runtime::RequestOptions,
    account_id: String,
    share_id: String,
    body: crate::models::CreateShareResourceRequest,
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
        let path = ::std::format!("/accounts/{account_id}/shares/{share_id}/resources");
        let mut request = crate::runtime::ApiRequest::new(
            ::reqwest::Method::POST,
            "/accounts/{account_id}/shares/{share_id}/resources",
            path,
        );
        request = request.json(&self.body)?;
        Ok(request)
    }
}
crate::runtime::request_methods!(
    CreateRequest => crate::models::ShareResourceObject,
    envelope_result
);
/// A `GET /accounts/{account_id}/shares/{share_id}/resources/{resource_id}` request; set optional inputs, then `.await` it (or call `send`).
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is awaited or sent"]
pub struct GetRequest {
    core: crate::runtime::Core,
    options: crate::runtime::RequestOptions,
    account_id: String,
    share_id: String,
    resource_id: String,
}
impl GetRequest {
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
            let value = &self.resource_id;
            crate::runtime::validate::max_length("resource_id", value, 32usize)?;
        }
        let account_id = crate::runtime::encode::path_segment(&self.account_id);
        let share_id = crate::runtime::encode::path_segment(&self.share_id);
        let resource_id = crate::runtime::encode::path_segment(&self.resource_id);
        let path = ::std::format!(
            "/accounts/{account_id}/shares/{share_id}/resources/{resource_id}"
        );
        let request = crate::runtime::ApiRequest::new(
            ::reqwest::Method::GET,
            "/accounts/{account_id}/shares/{share_id}/resources/{resource_id}",
            path,
        );
        Ok(request)
    }
}
crate::runtime::request_methods!(GetRequest => crate::models::ShareResourceObject, envelope_result);
/// A `PUT /accounts/{account_id}/shares/{share_id}/resources/{resource_id}` request; set optional inputs, then `.await` it (or call `send`).
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is awaited or sent"]
pub struct UpdateRequest {
    core: crate::runtime::Core,
    options: crate::runtime::RequestOptions,
    account_id: String,
    share_id: String,
    resource_id: String,
    body: crate::models::UpdateShareResourceRequest,
}
impl UpdateRequest {
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
            let value = &self.resource_id;
            crate::runtime::validate::max_length("resource_id", value, 32usize)?;
        }
        self.body.validate(&"body")?;
        let account_id = crate::runtime::encode::path_segment(&self.account_id);
        let share_id = crate::runtime::encode::path_segment(&self.share_id);
        let resource_id = crate::runtime::encode::path_segment(&self.resource_id);
        let path = ::std::format!(
            "/accounts/{account_id}/shares/{share_id}/resources/{resource_id}"
        );
        let mut request = crate::runtime::ApiRequest::new(
            ::reqwest::Method::PUT,
            "/accounts/{account_id}/shares/{share_id}/resources/{resource_id}",
            path,
        );
        request = request.json(&self.body)?;
        Ok(request)
    }
}
crate::runtime::request_methods!(
    UpdateRequest => crate::models::ShareResourceObject,
    envelope_result
);
/// A `DELETE /accounts/{account_id}/shares/{share_id}/resources/{resource_id}` request; set optional inputs, then `.await` it (or call `send`).
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is awaited or sent"]
pub struct DeleteRequest {
    core: crate::runtime::Core,
    options: crate::runtime::RequestOptions,
    account_id: String,
    share_id: String,
    resource_id: String,
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
            let value = &self.resource_id;
            crate::runtime::validate::max_length("resource_id", value, 32usize)?;
        }
        let account_id = crate::runtime::encode::path_segment(&self.account_id);
        let share_id = crate::runtime::encode::path_segment(&self.share_id);
        let resource_id = crate::runtime::encode::path_segment(&self.resource_id);
        let path = ::std::format!(
            "/accounts/{account_id}/shares/{share_id}/resources/{resource_id}"
        );
        let request = crate::runtime::ApiRequest::new(
            ::reqwest::Method::DELETE,
            "/accounts/{account_id}/shares/{share_id}/resources/{resource_id}",
            path,
        );
        Ok(request)
    }
}
crate::runtime::request_methods!(
    DeleteRequest => crate::models::ShareResourceObject,
    envelope_result
);
