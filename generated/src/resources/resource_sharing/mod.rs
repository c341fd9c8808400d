// generated from spec/resource-sharing.openapi.yaml by `cargo xtask generate`; do not edit

//! Operations on `resource_sharing`.
pub mod recipients;
pub mod resources;
/// Operations on `resource_sharing`.
#[derive(Clone, Copy, Debug)]
pub struct ResourceSharing<'a> {
    client: &'a crate::Client,
}
impl<'a> ResourceSharing<'a> {
    pub(crate) fn new(client: &'a crate::Client) -> Self {
        Self { client }
    }
    /// Operations on `recipients`.
    pub fn recipients(&self) -> recipients::Recipients<'a> {
        recipients::Recipients::new(self.client)
    }
    /// Operations on `resources`.
    pub fn resources(&self) -> resources::Resources<'a> {
        resources::Resources::new(self.client)
    }
    /// List account shares
    ///
    /// Lists all account shares.
    ///
    /// `GET /accounts/{account_id}/shares`
    ///
    /// # Arguments
    ///
    /// - `account_id`: Account identifier. (Maximum length: 32)
    ///
    /// # Returns
    ///
    /// One [`crate::Page`] of [`ShareObject`](crate::models::ShareObject): List account shares response. `.stream()` yields every item across pages, fetching lazily.
    ///
    /// # Errors
    ///
    /// - `4XX`: List account shares response failure.
    /// - `5XX`: List account shares response failure.
    /// - [`crate::Error::InvalidRequest`] before sending, when an input breaks the document's constraints; `Timeout`, `Connection` or `Decode` when the exchange itself fails.
    ///
    /// # Example
    ///
    /// ```no_run
    /// # async fn example(client: &cloudflare_resource_sharing::Client) -> cloudflare_resource_sharing::Result<()> {
    /// let response = client.resource_sharing().list("023e105f4ecef8ad9ca31a8372d0c353").await?;
    /// println!("{response:?}");
    /// # Ok(())
    /// # }
    /// ```
    pub fn list(&self, account_id: impl Into<String>) -> ListRequest {
        ListRequest {
            core: self.client.core().clone(),
            options: crate::runtime::RequestOptions::default(),
            account_id: account_id.into(),
            status: None,
            kind: None,
            target_type: None,
            resource_types: None,
            order: None,
            direction: None,
            page: None,
            per_page: None,
            include_resources: None,
            include_recipient_counts: None,
        }
    }
    /// Create a new share
    ///
    /// Creates a new resource share for sharing Cloudflare resources with other accounts or organizations.
    ///
    /// `POST /accounts/{account_id}/shares`
    ///
    /// # Arguments
    ///
    /// - `account_id`: Account identifier. (Maximum length: 32)
    /// - `body`: the request body.
    ///
    /// # Returns
    ///
    /// [`ShareObject`](crate::models::ShareObject): Share created. `send_with_response` adds the status and headers.
    ///
    /// # Errors
    ///
    /// - `4XX`: Create share failure.
    /// - `5XX`: Create share failure.
    /// - [`crate::Error::InvalidRequest`] before sending, when an input breaks the document's constraints; `Timeout`, `Connection` or `Decode` when the exchange itself fails.
    ///
    /// # Example
    ///
    /// ```no_run
    /// # async fn example(client: &cloudflare_resource_sharing::Client, body: cloudflare_resource_sharing::models::CreateShareRequest) -> cloudflare_resource_sharing::Result<()> {
    /// let response = client.resource_sharing().create("023e105f4ecef8ad9ca31a8372d0c353", body).await?;
    /// println!("{response:?}");
    /// # Ok(())
    /// # }
    /// ```
    pub fn create(
        &self,
        account_id: impl Into<String>,
        body: crate::models::CreateShareRequest,
    ) -> CreateRequest {
        CreateRequest {
            core: self.client.core().clone(),
            options: crate::runtime::RequestOptions::default(),
            account_id: account_id.into(),
            body,
        }
    }
    /// Get account share by ID
    ///
    /// Fetches share by ID.
    ///
    /// `GET /accounts/{account_id}/shares/{share_id}`
    ///
    /// # Arguments
    ///
    /// - `account_id`: Account identifier. (Maximum length: 32)
    /// - `share_id`: Share identifier tag. (Maximum length: 32)
    ///
    /// # Returns
    ///
    /// [`ShareObject`](crate::models::ShareObject): Get account share response. `send_with_response` adds the status and headers.
    ///
    /// # Errors
    ///
    /// - `4XX`: Get account share response failure.
    /// - `5XX`: Get account share response failure.
    /// - [`crate::Error::InvalidRequest`] before sending, when an input breaks the document's constraints; `Timeout`, `Connection` or `Decode` when the exchange itself fails.
    ///
    /// # Example
    ///
    /// ```no_run
    /// # async fn example(client: &cloudflare_resource_sharing::Client) -> cloudflare_resource_sharing::Result<()> {
    /// let response = client.resource_sharing().get("023e105f4ecef8ad9ca31a8372d0c353", "3fd85f74b32742f1bff64a85009dda07").await?;
    /// println!("{response:?}");
    /// # Ok(())
    /// # }
    /// ```
    pub fn get(
        &self,
        account_id: impl Into<String>,
        share_id: impl Into<String>,
    ) -> GetRequest {
        GetRequest {
            core: self.client.core().clone(),
            options: crate::runtime::RequestOptions::default(),
            account_id: account_id.into(),
            share_id: share_id.into(),
            include_resources: None,
            include_recipient_counts: None,
        }
    }
    /// Update a share
    ///
    /// Updating is not immediate, an updated share object with a new status will be returned.
    ///
    /// `PUT /accounts/{account_id}/shares/{share_id}`
    ///
    /// # Arguments
    ///
    /// - `account_id`: Account identifier. (Maximum length: 32)
    /// - `share_id`: Share identifier tag. (Maximum length: 32)
    /// - `body`: the request body.
    ///
    /// # Returns
    ///
    /// [`ShareObject`](crate::models::ShareObject): Share updated. `send_with_response` adds the status and headers.
    ///
    /// # Errors
    ///
    /// - `4XX`: Update share failure.
    /// - `5XX`: Update share failure.
    /// - [`crate::Error::InvalidRequest`] before sending, when an input breaks the document's constraints; `Timeout`, `Connection` or `Decode` when the exchange itself fails.
    ///
    /// # Example
    ///
    /// ```no_run
    /// # async fn example(client: &cloudflare_resource_sharing::Client, body: cloudflare_resource_sharing::models::UpdateShareRequest) -> cloudflare_resource_sharing::Result<()> {
    /// let response = client.resource_sharing().update("023e105f4ecef8ad9ca31a8372d0c353", "3fd85f74b32742f1bff64a85009dda07", body).await?;
    /// println!("{response:?}");
    /// # Ok(())
    /// # }
    /// ```
    pub fn update(
        &self,
        account_id: impl Into<String>,
        share_id: impl Into<String>,
        body: crate::models::UpdateShareRequest,
    ) -> UpdateRequest {
        UpdateRequest {
            core: self.client.core().clone(),
            options: crate::runtime::RequestOptions::default(),
            account_id: account_id.into(),
            share_id: share_id.into(),
            body,
        }
    }
    /// Delete a share
    ///
    /// Deletion is not immediate, an updated share object with a new status will be returned.
    ///
    /// `DELETE /accounts/{account_id}/shares/{share_id}`
    ///
    /// # Arguments
    ///
    /// - `account_id`: Account identifier. (Maximum length: 32)
    /// - `share_id`: Share identifier tag. (Maximum length: 32)
    ///
    /// # Returns
    ///
    /// [`ShareObject`](crate::models::ShareObject): Share deleted. `send_with_response` adds the status and headers.
    ///
    /// # Errors
    ///
    /// - `4XX`: Delete share failure.
    /// - `5XX`: Delete share failure.
    /// - [`crate::Error::InvalidRequest`] before sending, when an input breaks the document's constraints; `Timeout`, `Connection` or `Decode` when the exchange itself fails.
    ///
    /// # Example
    ///
    /// ```no_run
    /// # async fn example(client: &cloudflare_resource_sharing::Client) -> cloudflare_resource_sharing::Result<()> {
    /// let response = client.resource_sharing().delete("023e105f4ecef8ad9ca31a8372d0c353", "3fd85f74b32742f1bff64a85009dda07").await?;
    /// println!("{response:?}");
    /// # Ok(())
    /// # }
    /// ```
    pub fn delete(
        &self,
        account_id: impl Into<String>,
        share_id: impl Into<String>,
    ) -> DeleteRequest {
        DeleteRequest {
            core: self.client.core().clone(),
            options: crate::runtime::RequestOptions::default(),
            account_id: account_id.into(),
            share_id: share_id.into(),
        }
    }
}
/// A `GET /accounts/{account_id}/shares` request; set optional inputs, then `.await` it (or call `send`).
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is awaited or sent"]
pub struct ListRequest {
    core: crate::runtime::Core,
    options: crate::runtime::RequestOptions,
    account_id: String,
    status: Option<crate::models::ShareStatus>,
    kind: Option<crate::models::ShareKind>,
    target_type: Option<crate::models::ShareTargetType>,
    resource_types: Option<Vec<crate::models::ResourceType>>,
    order: Option<crate::models::Order>,
    direction: Option<crate::models::Direction>,
    page: Option<i64>,
    per_page: Option<i64>,
    include_resources: Option<bool>,
    include_recipient_counts: Option<bool>,
}
impl ListRequest {
    /// Filter shares by status.
    pub fn status(mut self, value: impl Into<crate::models::ShareStatus>) -> Self {
        self.status = Some(value.into());
        self
    }
    /// Filter shares by kind.
    pub fn kind(mut self, value: impl Into<crate::models::ShareKind>) -> Self {
        self.kind = Some(value.into());
        self
    }
    /// Filter shares by target_type.
    pub fn target_type(
        mut self,
        value: impl Into<crate::models::ShareTargetType>,
    ) -> Self {
        self.target_type = Some(value.into());
        self
    }
    /// Filter share resources by resource_types.
    ///
    /// - Example: `["custom-ruleset"]`
    pub fn resource_types(
        mut self,
        value: impl Into<Vec<crate::models::ResourceType>>,
    ) -> Self {
        self.resource_types = Some(value.into());
        self
    }
    /// Order shares by values in the given field.
    pub fn order(mut self, value: impl Into<crate::models::Order>) -> Self {
        self.order = Some(value.into());
        self
    }
    /// Direction to sort objects.
    pub fn direction(mut self, value: impl Into<crate::models::Direction>) -> Self {
        self.direction = Some(value.into());
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
    /// Include resources in the response.
    pub fn include_resources(mut self, value: impl Into<bool>) -> Self {
        self.include_resources = Some(value.into());
        self
    }
    /// Include recipient counts in the response.
    pub fn include_recipient_counts(mut self, value: impl Into<bool>) -> Self {
        self.include_recipient_counts = Some(value.into());
        self
    }
    /// Every item across all pages, fetched lazily one page at a time.
    ///
    /// Starts at the page set with the page setter (or the first page) and stops at an empty page,
    /// at the last page `result_info` reports, or when the server repeats a page.
    #[inline]
    pub fn stream(self) -> crate::runtime::PageStream<crate::models::ShareObject> {
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
        if let Some(value) = &self.status {
            crate::runtime::validate::known_value(
                "status",
                value.as_str(),
                crate::models::ShareStatus::VALUES,
            )?;
        }
        if let Some(value) = &self.kind {
            crate::runtime::validate::known_value(
                "kind",
                value.as_str(),
                crate::models::ShareKind::VALUES,
            )?;
        }
        if let Some(value) = &self.target_type {
            crate::runtime::validate::known_value(
                "target_type",
                value.as_str(),
                crate::models::ShareTargetType::VALUES,
            )?;
        }
        if let Some(value) = &self.resource_types {
            crate::runtime::validate::known_values(
                "resource_types",
                value,
                crate::models::ResourceType::VALUES,
            )?;
        }
        if let Some(value) = &self.order {
            crate::runtime::validate::known_value(
                "order",
                value.as_str(),
                crate::models::Order::VALUES,
            )?;
        }
        if let Some(value) = &self.direction {
            crate::runtime::validate::known_value(
                "direction",
                value.as_str(),
                crate::models::Direction::VALUES,
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
        let path = ::std::format!("/accounts/{account_id}/shares");
        let mut request = crate::runtime::ApiRequest::new(
            ::reqwest::Method::GET,
            "/accounts/{account_id}/shares",
            path,
        );
        if let Some(value) = &self.status {
            request = request.query("status", String::from(value.as_str()));
        }
        if let Some(value) = &self.kind {
            request = request.query("kind", String::from(value.as_str()));
        }
        if let Some(value) = &self.target_type {
            request = request.query("target_type", String::from(value.as_str()));
        }
        if let Some(value) = &self.resource_types {
            for item in value.iter() {
                request = request.query("resource_types", String::from(item.as_str()));
            }
        }
        if let Some(value) = &self.order {
            request = request.query("order", String::from(value.as_str()));
        }
        if let Some(value) = &self.direction {
            request = request.query("direction", String::from(value.as_str()));
        }
        if let Some(value) = &self.page {
            request = request.query("page", value.to_string());
        }
        if let Some(value) = &self.per_page {
            request = request.query("per_page", value.to_string());
        }
        if let Some(value) = &self.include_resources {
            request = request.query("include_resources", value.to_string());
        }
        if let Some(value) = &self.include_recipient_counts {
            request = request.query("include_recipient_counts", value.to_string());
        }
        Ok(request)
    }
}
crate::runtime::request_methods!(
    ListRequest => crate::runtime::Page<crate::models::ShareObject>,
    envelope_page
);
/// A `POST /accounts/{account_id}/shares` request; set optional inputs, then `.await` it (or call `send`).
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is awaited or sent"]
pub struct CreateRequest {
    core: crate::runtime::Core,
    options: crate::runtime::RequestOptions,
    account_id: String,
    body: crate::models::CreateShareRequest,
}
impl CreateRequest {
    #[inline]
    fn build(&self) -> crate::runtime::Result<crate::runtime::ApiRequest> {
        {
            let value = &self.account_id;
            crate::runtime::validate::max_length("account_id", value, 32usize)?;
        }
        self.body.validate(&"body")?;
        let account_id = crate::runtime::encode::path_segment(&self.account_id);
        let path = ::std::format!("/accounts/{account_id}/shares");
        let mut request = crate::runtime::ApiRequest::new(
            ::reqwest::Method::POST,
            "/accounts/{account_id}/shares",
            path,
        );
        request = request.json(&self.body)?;
        Ok(request)
    }
}
crate::runtime::request_methods!(CreateRequest => crate::models::ShareObject, envelope_result);
/// A `GET /accounts/{account_id}/shares/{share_id}` request; set optional inputs, then `.await` it (or call `send`).
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is awaited or sent"]
pub struct GetRequest {
    core: crate::runtime::Core,
    options: crate::runtime::RequestOptions,
    account_id: String,
    share_id: String,
    include_resources: Option<bool>,
    include_recipient_counts: Option<bool>,
}
impl GetRequest {
    /// Include resources in the response.
    pub fn include_resources(mut self, value: impl Into<bool>) -> Self {
        self.include_resources = Some(value.into());
        self
    }
    /// Include recipient counts in the response.
    pub fn include_recipient_counts(mut self, value: impl Into<bool>) -> Self {
        self.include_recipient_counts = Some(value.into());
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
        let account_id = crate::runtime::encode::path_segment(&self.account_id);
        let share_id = crate::runtime::encode::path_segment(&self.share_id);
        let path = ::std::format!("/accounts/{account_id}/shares/{share_id}");
        let mut request = crate::runtime::ApiRequest::new(
            ::reqwest::Method::GET,
            "/accounts/{account_id}/shares/{share_id}",
            path,
        );
        if let Some(value) = &self.include_resources {
            request = request.query("include_resources", value.to_string());
        }
        if let Some(value) = &self.include_recipient_counts {
            request = request.query("include_recipient_counts", value.to_string());
        }
        Ok(request)
    }
}
crate::runtime::request_methods!(GetRequest => crate::models::ShareObject, envelope_result);
/// A `PUT /accounts/{account_id}/shares/{share_id}` request; set optional inputs, then `.await` it (or call `send`).
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is awaited or sent"]
pub struct UpdateRequest {
    core: crate::runtime::Core,
    options: crate::runtime::RequestOptions,
    account_id: String,
    share_id: String,
    body: crate::models::UpdateShareRequest,
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
        self.body.validate(&"body")?;
        let account_id = crate::runtime::encode::path_segment(&self.account_id);
        let share_id = crate::runtime::encode::path_segment(&self.share_id);
        let path = ::std::format!("/accounts/{account_id}/shares/{share_id}");
        let mut request = crate::runtime::ApiRequest::new(
            ::reqwest::Method::PUT,
            "/accounts/{account_id}/shares/{share_id}",
            path,
        );
        request = request.json(&self.body)?;
        Ok(request)
    }
}
crate::runtime::request_methods!(UpdateRequest => crate::models::ShareObject, envelope_result);
/// A `DELETE /accounts/{account_id}/shares/{share_id}` request; set optional inputs, then `.await` it (or call `send`).
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is awaited or sent"]
pub struct DeleteRequest {
    core: crate::runtime::Core,
    options: crate::runtime::RequestOptions,
    account_id: String,
    share_id: String,
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
        let account_id = crate::runtime::encode::path_segment(&self.account_id);
        let share_id = crate::runtime::encode::path_segment(&self.share_id);
        let path = ::std::format!("/accounts/{account_id}/shares/{share_id}");
        let request = crate::runtime::ApiRequest::new(
            ::reqwest::Method::DELETE,
            "/accounts/{account_id}/shares/{share_id}",
            path,
        );
        Ok(request)
    }
}
crate::runtime::request_methods!(DeleteRequest => crate::models::ShareObject, envelope_result);
