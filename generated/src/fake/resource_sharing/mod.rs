// generated from spec/resource-sharing.openapi.yaml by `cargo xtask generate`; do not edit

//! The fake's operations on `resource_sharing`.
pub mod recipients;
pub mod resources;
/// The fake's operations on `resource_sharing`.
#[derive(Clone, Copy, Debug)]
pub struct ResourceSharing<'a> {
    fake: &'a crate::fake::Fake,
}
impl<'a> ResourceSharing<'a> {
    pub(crate) fn new(fake: &'a crate::fake::Fake) -> Self {
        Self { fake }
    }
    /// Registers answers for the operations on `recipients`.
    pub fn recipients(&self) -> recipients::Recipients<'a> {
        recipients::Recipients::new(self.fake)
    }
    /// Registers answers for the operations on `resources`.
    pub fn resources(&self) -> resources::Resources<'a> {
        resources::Resources::new(self.fake)
    }
    /// Answers `GET /accounts/{account_id}/shares` (`resource_sharing.list`): `.handle(…)`, `.returns(…)`, `.fails(…)` or `.once(…)`.
    ///
    /// Return every item: the fake serves them page by page, as `page` and `per_page` ask.
    pub fn list(
        &self,
    ) -> crate::runtime::fake::Operation<ListRequest, Vec<crate::models::ShareObject>> {
        self.fake
            .server
            .operation(
                "resource_sharing.list",
                crate::runtime::fake::Reply::page("page", 200u16),
            )
    }
    /// Answers `POST /accounts/{account_id}/shares` (`resource_sharing.create`): `.handle(…)`, `.returns(…)`, `.fails(…)` or `.once(…)`.
    pub fn create(
        &self,
    ) -> crate::runtime::fake::Operation<CreateRequest, crate::models::ShareObject> {
        self.fake
            .server
            .operation(
                "resource_sharing.create",
                crate::runtime::fake::Reply::envelope(200u16),
            )
    }
    /// Answers `GET /accounts/{account_id}/shares/{share_id}` (`resource_sharing.get`): `.handle(…)`, `.returns(…)`, `.fails(…)` or `.once(…)`.
    pub fn get(
        &self,
    ) -> crate::runtime::fake::Operation<GetRequest, crate::models::ShareObject> {
        self.fake
            .server
            .operation(
                "resource_sharing.get",
                crate::runtime::fake::Reply::envelope(200u16),
            )
    }
    /// Answers `PUT /accounts/{account_id}/shares/{share_id}` (`resource_sharing.update`): `.handle(…)`, `.returns(…)`, `.fails(…)` or `.once(…)`.
    pub fn update(
        &self,
    ) -> crate::runtime::fake::Operation<UpdateRequest, crate::models::ShareObject> {
        self.fake
            .server
            .operation(
                "resource_sharing.update",
                crate::runtime::fake::Reply::envelope(200u16),
            )
    }
    /// Answers `DELETE /accounts/{account_id}/shares/{share_id}` (`resource_sharing.delete`): `.handle(…)`, `.returns(…)`, `.fails(…)` or `.once(…)`.
    pub fn delete(
        &self,
    ) -> crate::runtime::fake::Operation<DeleteRequest, crate::models::ShareObject> {
        self.fake
            .server
            .operation(
                "resource_sharing.delete",
                crate::runtime::fake::Reply::envelope(200u16),
            )
    }
}
/// The inputs of a `GET /accounts/{account_id}/shares` call (`resource_sharing.list`), as the fake received them.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ListRequest {
    /// The `account_id` path parameter.
    pub account_id: String,
    /// The `status` query parameter.
    pub status: Option<crate::models::ShareStatus>,
    /// The `kind` query parameter.
    pub kind: Option<crate::models::ShareKind>,
    /// The `target_type` query parameter.
    pub target_type: Option<crate::models::ShareTargetType>,
    /// The `resource_types` query parameter.
    pub resource_types: Option<Vec<crate::models::ResourceType>>,
    /// The `order` query parameter.
    pub order: Option<crate::models::Order>,
    /// The `direction` query parameter.
    pub direction: Option<crate::models::Direction>,
    /// The `page` query parameter.
    pub page: Option<i64>,
    /// The `per_page` query parameter.
    pub per_page: Option<i64>,
    /// The `include_resources` query parameter.
    pub include_resources: Option<bool>,
    /// The `include_recipient_counts` query parameter.
    pub include_recipient_counts: Option<bool>,
}
impl crate::runtime::fake::FakeInput for ListRequest {
    fn read(
        request: &crate::runtime::fake::FakeRequest,
    ) -> Result<Self, crate::runtime::fake::FakeError> {
        Ok(Self {
            account_id: request.path_param("account_id")?,
            status: request.query_param("status")?,
            kind: request.query_param("kind")?,
            target_type: request.query_param("target_type")?,
            resource_types: request.query_list("resource_types", true)?,
            order: request.query_param("order")?,
            direction: request.query_param("direction")?,
            page: request.query_param("page")?,
            per_page: request.query_param("per_page")?,
            include_resources: request.query_param("include_resources")?,
            include_recipient_counts: request.query_param("include_recipient_counts")?,
        })
    }
    fn validate(&self) -> crate::runtime::Result<()> {
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
        Ok(())
    }
}
/// The inputs of a `POST /accounts/{account_id}/shares` call (`resource_sharing.create`), as the fake received them.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct CreateRequest {
    /// The `account_id` path parameter.
    pub account_id: String,
    /// The request body.
    pub body: crate::models::CreateShareRequest,
}
impl crate::runtime::fake::FakeInput for CreateRequest {
    fn read(
        request: &crate::runtime::fake::FakeRequest,
    ) -> Result<Self, crate::runtime::fake::FakeError> {
        Ok(Self {
            account_id: request.path_param("account_id")?,
            body: crate::runtime::fake::required("body", request.json_body()?)?,
        })
    }
    fn validate(&self) -> crate::runtime::Result<()> {
        {
            let value = &self.account_id;
            crate::runtime::validate::max_length("account_id", value, 32usize)?;
        }
        self.body.validate(&"body")?;
        Ok(())
    }
}
/// The inputs of a `GET /accounts/{account_id}/shares/{share_id}` call (`resource_sharing.get`), as the fake received them.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct GetRequest {
    /// The `account_id` path parameter.
    pub account_id: String,
    /// The `share_id` path parameter.
    pub share_id: String,
    /// The `include_resources` query parameter.
    pub include_resources: Option<bool>,
    /// The `include_recipient_counts` query parameter.
    pub include_recipient_counts: Option<bool>,
}
impl crate::runtime::fake::FakeInput for GetRequest {
    fn read(
        request: &crate::runtime::fake::FakeRequest,
    ) -> Result<Self, crate::runtime::fake::FakeError> {
        Ok(Self {
            account_id: request.path_param("account_id")?,
            share_id: request.path_param("share_id")?,
            include_resources: request.query_param("include_resources")?,
            include_recipient_counts: request.query_param("include_recipient_counts")?,
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
        Ok(())
    }
}
/// The inputs of a `PUT /accounts/{account_id}/shares/{share_id}` call (`resource_sharing.update`), as the fake received them.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct UpdateRequest {
    /// The `account_id` path parameter.
    pub account_id: String,
    /// The `share_id` path parameter.
    pub share_id: String,
    /// The request body.
    pub body: crate::models::UpdateShareRequest,
}
impl crate::runtime::fake::FakeInput for UpdateRequest {
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
/// The inputs of a `DELETE /accounts/{account_id}/shares/{share_id}` call (`resource_sharing.delete`), as the fake received them.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct DeleteRequest {
    /// The `account_id` path parameter.
    pub account_id: String,
    /// The `share_id` path parameter.
    pub share_id: String,
}
impl crate::runtime::fake::FakeInput for DeleteRequest {
    fn read(
        request: &crate::runtime::fake::FakeRequest,
    ) -> Result<Self, crate::runtime::fake::FakeError> {
        Ok(Self {
            account_id: request.path_param("account_id")?,
            share_id: request.path_param("share_id")?,
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
        Ok(())
    }
}
