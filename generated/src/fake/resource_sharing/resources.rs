// generated from spec/resource-sharing.openapi.yaml by `cargo xtask generate`; do not edit

//! The fake's operations on `resources`.
/// The fake's operations on `resources`.
#[derive(Clone, Copy, Debug)]
pub struct Resources<'a> {
    fake: &'a crate::fake::Fake,
}
impl<'a> Resources<'a> {
    pub(crate) fn new(fake: &'a crate::fake::Fake) -> Self {
        Self { fake }
    }
    /// Answers `GET /accounts/{account_id}/shares/{share_id}/resources` (`resource_sharing.resources.list`): `.handle(…)`, `.returns(…)`, `.fails(…)` or `.once(…)`.
    ///
    /// Return every item: the fake serves them page by page, as `page` and `per_page` ask.
    pub fn list(
        &self,
    ) -> crate::runtime::fake::Operation<
        ListRequest,
        Vec<crate::models::ShareResourceObject>,
    > {
        self.fake
            .server
            .operation(
                "resource_sharing.resources.list",
                crate::runtime::fake::Reply::page("page", 200u16),
            )
    }
    /// Answers `POST /accounts/{account_id}/shares/{share_id}/resources` (`resource_sharing.resources.create`): `.handle(…)`, `.returns(…)`, `.fails(…)` or `.once(…)`.
    pub fn create(
        &self,
    ) -> crate::runtime::fake::Operation<
        CreateRequest,
        crate::models::ShareResourceObject,
    > {
        self.fake
            .server
            .operation(
                "resource_sharing.resources.create",
                crate::runtime::fake::Reply::envelope(200u16),
            )
    }
    /// Answers `GET /accounts/{account_id}/shares/{share_id}/resources/{resource_id}` (`resource_sharing.resources.get`): `.handle(…)`, `.returns(…)`, `.fails(…)` or `.once(…)`.
    pub fn get(
        &self,
    ) -> crate::runtime::fake::Operation<
        GetRequest,
        crate::models::ShareResourceObject,
    > {
        self.fake
            .server
            .operation(
                "resource_sharing.resources.get",
                crate::runtime::fake::Reply::envelope(200u16),
            )
    }
    /// Answers `PUT /accounts/{account_id}/shares/{share_id}/resources/{resource_id}` (`resource_sharing.resources.update`): `.handle(…)`, `.returns(…)`, `.fails(…)` or `.once(…)`.
    pub fn update(
        &self,
    ) -> crate::runtime::fake::Operation<
        UpdateRequest,
        crate::models::ShareResourceObject,
    > {
        self.fake
            .server
            .operation(
                "resource_sharing.resources.update",
                crate::runtime::fake::Reply::envelope(200u16),
            )
    }
    /// Answers `DELETE /accounts/{account_id}/shares/{share_id}/resources/{resource_id}` (`resource_sharing.resources.delete`): `.handle(…)`, `.returns(…)`, `.fails(…)` or `.once(…)`.
    pub fn delete(
        &self,
    ) -> crate::runtime::fake::Operation<
        DeleteRequest,
        crate::models::ShareResourceObject,
    > {
        self.fake
            .server
            .operation(
                "resource_sharing.resources.delete",
                crate::runtime::fake::Reply::envelope(200u16),
            )
    }
}
/// The inputs of a `GET /accounts/{account_id}/shares/{share_id}/resources` call (`resource_sharing.resources.list`), as the fake received them.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ListRequest {
    /// The `account_id` path parameter.
    pub account_id: String,
    /// The `share_id` path parameter.
    pub share_id: String,
    /// The `status` query parameter.
    pub status: Option<crate::models::ResourceStatus>,
    /// The `resource_type` query parameter.
    pub resource_type: Option<crate::models::ResourceType>,
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
            status: request.query_param("status")?,
            resource_type: request.query_param("resource_type")?,
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
        Ok(())
    }
}
/// The inputs of a `POST /accounts/{account_id}/shares/{share_id}/resources` call (`resource_sharing.resources.create`), as the fake received them.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct CreateRequest {
    /// The `account_id` path parameter.
    pub account_id: String,
    /// The `share_id` path parameter.
    pub share_id: String,
    /// The request body.
    pub body: crate::models::CreateShareResourceRequest,
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
/// The inputs of a `GET /accounts/{account_id}/shares/{share_id}/resources/{resource_id}` call (`resource_sharing.resources.get`), as the fake received them.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct GetRequest {
    /// The `account_id` path parameter.
    pub account_id: String,
    /// The `share_id` path parameter.
    pub share_id: String,
    /// The `resource_id` path parameter.
    pub resource_id: String,
}
impl crate::runtime::fake::FakeInput for GetRequest {
    fn read(
        request: &crate::runtime::fake::FakeRequest,
    ) -> Result<Self, crate::runtime::fake::FakeError> {
        Ok(Self {
            account_id: request.path_param("account_id")?,
            share_id: request.path_param("share_id")?,
            resource_id: request.path_param("resource_id")?,
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
            let value = &self.resource_id;
            crate::runtime::validate::max_length("resource_id", value, 32usize)?;
        }
        Ok(())
    }
}
/// The inputs of a `PUT /accounts/{account_id}/shares/{share_id}/resources/{resource_id}` call (`resource_sharing.resources.update`), as the fake received them.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct UpdateRequest {
    /// The `account_id` path parameter.
    pub account_id: String,
    /// The `share_id` path parameter.
    pub share_id: String,
    /// The `resource_id` path parameter.
    pub resource_id: String,
    /// The request body.
    pub body: crate::models::UpdateShareResourceRequest,
}
impl crate::runtime::fake::FakeInput for UpdateRequest {
    fn read(
        request: &crate::runtime::fake::FakeRequest,
    ) -> Result<Self, crate::runtime::fake::FakeError> {
        Ok(Self {
            account_id: request.path_param("account_id")?,
            share_id: request.path_param("share_id")?,
            resource_id: request.path_param("resource_id")?,
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
        {
            let value = &self.resource_id;
            crate::runtime::validate::max_length("resource_id", value, 32usize)?;
        }
        self.body.validate(&"body")?;
        Ok(())
    }
}
/// The inputs of a `DELETE /accounts/{account_id}/shares/{share_id}/resources/{resource_id}` call (`resource_sharing.resources.delete`), as the fake received them.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct DeleteRequest {
    /// The `account_id` path parameter.
    pub account_id: String,
    /// The `share_id` path parameter.
    pub share_id: String,
    /// The `resource_id` path parameter.
    pub resource_id: String,
}
impl crate::runtime::fake::FakeInput for DeleteRequest {
    fn read(
        request: &crate::runtime::fake::FakeRequest,
    ) -> Result<Self, crate::runtime::fake::FakeError> {
        Ok(Self {
            account_id: request.path_param("account_id")?,
            share_id: request.path_param("share_id")?,
            resource_id: request.path_param("resource_id")?,
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
            let value = &self.resource_id;
            crate::runtime::validate::max_length("resource_id", value, 32usize)?;
        }
        Ok(())
    }
}
