// generated from spec/resource-sharing.openapi.yaml by `cargo xtask generate`; do not edit

//! A typed, in-process fake of the API, for testing code that uses this client (the
//! `testing` feature; without it this module does not exist and adds nothing).
//!
//! [`Fake::client`] gives a [`Client`](crate::Client) whose requests never leave the process:
//! the runtime's transport seam hands each attempt to the fake, so the client's retries,
//! timeouts, pagination and error mapping run unchanged. Register answers per operation,
//! grouped like the client (`fake.resource().operation()`), with `.handle(|input| …)`,
//! `.returns(value)`, `.fails(FakeError::status(404).error(1003, "…"))` or `.once(…)`.
//! The fake wraps results in the API's envelope, serves lists page by page, answers 400 in
//! the envelope shape when a request breaks the document's constraints, records every call,
//! and answers 501 naming the operation when nothing is registered for it.
#![cfg_attr(
    feature = "resource-sharing",
    doc = "\n ```no_run\n # async fn example() -> cloudflare_resource_sharing::Result<()> {\n use cloudflare_resource_sharing::fake::Fake;\n use cloudflare_resource_sharing::runtime::fake::FakeError;\n \n let fake = Fake::new();\n fake.resource_sharing().list().fails(FakeError::status(404).error(1003, \"not found\"));\n \n // The code under test gets the fake's client instead of `Client::from_env()`.\n let client = fake.client();\n let result = client.resource_sharing().list(\"023e105f4ecef8ad9ca31a8372d0c353\").await;\n assert_eq!(result.unwrap_err().status(), Some(404));\n \n fake.assert_all_called();\n fake.assert_no_unexpected_calls();\n # Ok(())\n # }\n ```"
)]
/// Every operation of the API, for routing.
const ROUTES: &[crate::runtime::fake::Route] = &[
    crate::runtime::fake::Route {
        operation: "resource_sharing.list",
        method: "GET",
        template: "/accounts/{account_id}/shares",
    },
    crate::runtime::fake::Route {
        operation: "resource_sharing.create",
        method: "POST",
        template: "/accounts/{account_id}/shares",
    },
    crate::runtime::fake::Route {
        operation: "resource_sharing.get",
        method: "GET",
        template: "/accounts/{account_id}/shares/{share_id}",
    },
    crate::runtime::fake::Route {
        operation: "resource_sharing.update",
        method: "PUT",
        template: "/accounts/{account_id}/shares/{share_id}",
    },
    crate::runtime::fake::Route {
        operation: "resource_sharing.delete",
        method: "DELETE",
        template: "/accounts/{account_id}/shares/{share_id}",
    },
    crate::runtime::fake::Route {
        operation: "resource_sharing.recipients.list",
        method: "GET",
        template: "/accounts/{account_id}/shares/{share_id}/recipients",
    },
    crate::runtime::fake::Route {
        operation: "resource_sharing.recipients.create",
        method: "POST",
        template: "/accounts/{account_id}/shares/{share_id}/recipients",
    },
    crate::runtime::fake::Route {
        operation: "resource_sharing.recipients.get",
        method: "GET",
        template: "/accounts/{account_id}/shares/{share_id}/recipients/{recipient_id}",
    },
    crate::runtime::fake::Route {
        operation: "resource_sharing.recipients.delete",
        method: "DELETE",
        template: "/accounts/{account_id}/shares/{share_id}/recipients/{recipient_id}",
    },
    crate::runtime::fake::Route {
        operation: "resource_sharing.resources.list",
        method: "GET",
        template: "/accounts/{account_id}/shares/{share_id}/resources",
    },
    crate::runtime::fake::Route {
        operation: "resource_sharing.resources.create",
        method: "POST",
        template: "/accounts/{account_id}/shares/{share_id}/resources",
    },
    crate::runtime::fake::Route {
        operation: "resource_sharing.resources.get",
        method: "GET",
        template: "/accounts/{account_id}/shares/{share_id}/resources/{resource_id}",
    },
    crate::runtime::fake::Route {
        operation: "resource_sharing.resources.update",
        method: "PUT",
        template: "/accounts/{account_id}/shares/{share_id}/resources/{resource_id}",
    },
    crate::runtime::fake::Route {
        operation: "resource_sharing.resources.delete",
        method: "DELETE",
        template: "/accounts/{account_id}/shares/{share_id}/resources/{resource_id}",
    },
];
/// An in-process fake of the API: register answers per operation, then test your code
/// with [`Fake::client`].
///
/// Cheap to clone: clones share the handlers and the recorded calls.
#[derive(Clone)]
pub struct Fake {
    server: ::std::sync::Arc<crate::runtime::fake::FakeServer>,
}
impl Fake {
    /// A fake with no operation handled yet: every call answers 501 until registered.
    pub fn new() -> Self {
        Self {
            server: crate::runtime::fake::FakeServer::new(ROUTES),
        }
    }
    /// A client whose every request is answered by this fake, in process.
    ///
    /// Retries, timeouts, pagination and error mapping run as for the real API; the
    /// wait between retries is zero unless an answer asks for one (`Retry-After`).
    pub fn client(&self) -> crate::Client {
        let core = self
            .server
            .core(::std::option::Option::Some("cf-ray"))
            .expect("the fake's client configuration is fixed and valid");
        crate::Client { core }
    }
    /// Every call received so far, in order, retries and rejected calls included.
    pub fn calls(&self) -> ::std::vec::Vec<crate::runtime::fake::Call> {
        self.server.calls()
    }
    /// Panics, naming them, when an operation that was given answers was never called.
    pub fn assert_all_called(&self) {
        self.server.assert_all_called();
    }
    /// Panics, describing them, when a call reached an operation without answers (it was
    /// answered 501) or a path the API does not have (404).
    pub fn assert_no_unexpected_calls(&self) {
        self.server.assert_no_unexpected_calls();
    }
    #[cfg(feature = "resource-sharing")]
    /// Registers answers for the operations on `resource_sharing`.
    pub fn resource_sharing(&self) -> resource_sharing::ResourceSharing<'_> {
        resource_sharing::ResourceSharing::new(self)
    }
}
impl ::std::default::Default for Fake {
    fn default() -> Self {
        Self::new()
    }
}
impl ::std::fmt::Debug for Fake {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("Fake")
            .field("calls", &self.server.calls().len())
            .finish_non_exhaustive()
    }
}
#[cfg(feature = "resource-sharing")]
/// The fake's operations on `resource_sharing`.
pub mod resource_sharing {
    /// The fake's operations on `recipients`.
    pub mod recipients {
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
                ::std::vec::Vec<crate::models::ShareRecipientObject>,
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
            pub account_id: ::std::string::String,
            /// The `share_id` path parameter.
            pub share_id: ::std::string::String,
            /// The `include_resources` query parameter.
            pub include_resources: ::std::option::Option<bool>,
            /// The `page` query parameter.
            pub page: ::std::option::Option<i64>,
            /// The `per_page` query parameter.
            pub per_page: ::std::option::Option<i64>,
        }
        impl crate::runtime::fake::FakeInput for ListRequest {
            fn read(
                request: &crate::runtime::fake::FakeRequest,
            ) -> ::std::result::Result<Self, crate::runtime::fake::FakeError> {
                ::std::result::Result::Ok(Self {
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
                if let ::std::option::Option::Some(value) = &self.page {
                    crate::runtime::validate::minimum(
                        "page",
                        *value as f64,
                        0f64,
                        false,
                    )?;
                }
                if let ::std::option::Option::Some(value) = &self.per_page {
                    crate::runtime::validate::minimum(
                        "per_page",
                        *value as f64,
                        0f64,
                        false,
                    )?;
                    crate::runtime::validate::maximum(
                        "per_page",
                        *value as f64,
                        100f64,
                        false,
                    )?;
                }
                ::std::result::Result::Ok(())
            }
        }
        /// The inputs of a `POST /accounts/{account_id}/shares/{share_id}/recipients` call (`resource_sharing.recipients.create`), as the fake received them.
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub struct CreateRequest {
            /// The `account_id` path parameter.
            pub account_id: ::std::string::String,
            /// The `share_id` path parameter.
            pub share_id: ::std::string::String,
            /// The request body.
            pub body: crate::models::CreateShareRecipientRequest,
        }
        impl crate::runtime::fake::FakeInput for CreateRequest {
            fn read(
                request: &crate::runtime::fake::FakeRequest,
            ) -> ::std::result::Result<Self, crate::runtime::fake::FakeError> {
                ::std::result::Result::Ok(Self {
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
                self.body.validate("body")?;
                ::std::result::Result::Ok(())
            }
        }
        /// The inputs of a `GET /accounts/{account_id}/shares/{share_id}/recipients/{recipient_id}` call (`resource_sharing.recipients.get`), as the fake received them.
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub struct GetRequest {
            /// The `account_id` path parameter.
            pub account_id: ::std::string::String,
            /// The `share_id` path parameter.
            pub share_id: ::std::string::String,
            /// The `recipient_id` path parameter.
            pub recipient_id: ::std::string::String,
            /// The `include_resources` query parameter.
            pub include_resources: ::std::option::Option<bool>,
        }
        impl crate::runtime::fake::FakeInput for GetRequest {
            fn read(
                request: &crate::runtime::fake::FakeRequest,
            ) -> ::std::result::Result<Self, crate::runtime::fake::FakeError> {
                ::std::result::Result::Ok(Self {
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
                    crate::runtime::validate::max_length(
                        "recipient_id",
                        value,
                        32usize,
                    )?;
                }
                ::std::result::Result::Ok(())
            }
        }
        /// The inputs of a `DELETE /accounts/{account_id}/shares/{share_id}/recipients/{recipient_id}` call (`resource_sharing.recipients.delete`), as the fake received them.
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub struct DeleteRequest {
            /// The `account_id` path parameter.
            pub account_id: ::std::string::String,
            /// The `share_id` path parameter.
            pub share_id: ::std::string::String,
            /// The `recipient_id` path parameter.
            pub recipient_id: ::std::string::String,
        }
        impl crate::runtime::fake::FakeInput for DeleteRequest {
            fn read(
                request: &crate::runtime::fake::FakeRequest,
            ) -> ::std::result::Result<Self, crate::runtime::fake::FakeError> {
                ::std::result::Result::Ok(Self {
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
                    crate::runtime::validate::max_length(
                        "recipient_id",
                        value,
                        32usize,
                    )?;
                }
                ::std::result::Result::Ok(())
            }
        }
    }
    /// The fake's operations on `resources`.
    pub mod resources {
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
                ::std::vec::Vec<crate::models::ShareResourceObject>,
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
            pub account_id: ::std::string::String,
            /// The `share_id` path parameter.
            pub share_id: ::std::string::String,
            /// The `status` query parameter.
            pub status: ::std::option::Option<crate::models::ResourceStatus>,
            /// The `resource_type` query parameter.
            pub resource_type: ::std::option::Option<crate::models::ResourceType>,
            /// The `page` query parameter.
            pub page: ::std::option::Option<i64>,
            /// The `per_page` query parameter.
            pub per_page: ::std::option::Option<i64>,
        }
        impl crate::runtime::fake::FakeInput for ListRequest {
            fn read(
                request: &crate::runtime::fake::FakeRequest,
            ) -> ::std::result::Result<Self, crate::runtime::fake::FakeError> {
                ::std::result::Result::Ok(Self {
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
                if let ::std::option::Option::Some(value) = &self.status {
                    crate::runtime::validate::known_value(
                        "status",
                        value.as_str(),
                        crate::models::ResourceStatus::VALUES,
                    )?;
                }
                if let ::std::option::Option::Some(value) = &self.resource_type {
                    crate::runtime::validate::known_value(
                        "resource_type",
                        value.as_str(),
                        crate::models::ResourceType::VALUES,
                    )?;
                }
                if let ::std::option::Option::Some(value) = &self.page {
                    crate::runtime::validate::minimum(
                        "page",
                        *value as f64,
                        0f64,
                        false,
                    )?;
                }
                if let ::std::option::Option::Some(value) = &self.per_page {
                    crate::runtime::validate::minimum(
                        "per_page",
                        *value as f64,
                        0f64,
                        false,
                    )?;
                    crate::runtime::validate::maximum(
                        "per_page",
                        *value as f64,
                        100f64,
                        false,
                    )?;
                }
                ::std::result::Result::Ok(())
            }
        }
        /// The inputs of a `POST /accounts/{account_id}/shares/{share_id}/resources` call (`resource_sharing.resources.create`), as the fake received them.
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub struct CreateRequest {
            /// The `account_id` path parameter.
            pub account_id: ::std::string::String,
            /// The `share_id` path parameter.
            pub share_id: ::std::string::String,
            /// The request body.
            pub body: crate::models::CreateShareResourceRequest,
        }
        impl crate::runtime::fake::FakeInput for CreateRequest {
            fn read(
                request: &crate::runtime::fake::FakeRequest,
            ) -> ::std::result::Result<Self, crate::runtime::fake::FakeError> {
                ::std::result::Result::Ok(Self {
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
                self.body.validate("body")?;
                ::std::result::Result::Ok(())
            }
        }
        /// The inputs of a `GET /accounts/{account_id}/shares/{share_id}/resources/{resource_id}` call (`resource_sharing.resources.get`), as the fake received them.
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub struct GetRequest {
            /// The `account_id` path parameter.
            pub account_id: ::std::string::String,
            /// The `share_id` path parameter.
            pub share_id: ::std::string::String,
            /// The `resource_id` path parameter.
            pub resource_id: ::std::string::String,
        }
        impl crate::runtime::fake::FakeInput for GetRequest {
            fn read(
                request: &crate::runtime::fake::FakeRequest,
            ) -> ::std::result::Result<Self, crate::runtime::fake::FakeError> {
                ::std::result::Result::Ok(Self {
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
                ::std::result::Result::Ok(())
            }
        }
        /// The inputs of a `PUT /accounts/{account_id}/shares/{share_id}/resources/{resource_id}` call (`resource_sharing.resources.update`), as the fake received them.
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub struct UpdateRequest {
            /// The `account_id` path parameter.
            pub account_id: ::std::string::String,
            /// The `share_id` path parameter.
            pub share_id: ::std::string::String,
            /// The `resource_id` path parameter.
            pub resource_id: ::std::string::String,
            /// The request body.
            pub body: crate::models::UpdateShareResourceRequest,
        }
        impl crate::runtime::fake::FakeInput for UpdateRequest {
            fn read(
                request: &crate::runtime::fake::FakeRequest,
            ) -> ::std::result::Result<Self, crate::runtime::fake::FakeError> {
                ::std::result::Result::Ok(Self {
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
                self.body.validate("body")?;
                ::std::result::Result::Ok(())
            }
        }
        /// The inputs of a `DELETE /accounts/{account_id}/shares/{share_id}/resources/{resource_id}` call (`resource_sharing.resources.delete`), as the fake received them.
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub struct DeleteRequest {
            /// The `account_id` path parameter.
            pub account_id: ::std::string::String,
            /// The `share_id` path parameter.
            pub share_id: ::std::string::String,
            /// The `resource_id` path parameter.
            pub resource_id: ::std::string::String,
        }
        impl crate::runtime::fake::FakeInput for DeleteRequest {
            fn read(
                request: &crate::runtime::fake::FakeRequest,
            ) -> ::std::result::Result<Self, crate::runtime::fake::FakeError> {
                ::std::result::Result::Ok(Self {
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
                ::std::result::Result::Ok(())
            }
        }
    }
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
        ) -> crate::runtime::fake::Operation<
            ListRequest,
            ::std::vec::Vec<crate::models::ShareObject>,
        > {
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
        pub account_id: ::std::string::String,
        /// The `status` query parameter.
        pub status: ::std::option::Option<crate::models::ShareStatus>,
        /// The `kind` query parameter.
        pub kind: ::std::option::Option<crate::models::ShareKind>,
        /// The `target_type` query parameter.
        pub target_type: ::std::option::Option<crate::models::ShareTargetType>,
        /// The `resource_types` query parameter.
        pub resource_types: ::std::option::Option<
            ::std::vec::Vec<crate::models::ResourceType>,
        >,
        /// The `order` query parameter.
        pub order: ::std::option::Option<crate::models::Order>,
        /// The `direction` query parameter.
        pub direction: ::std::option::Option<crate::models::Direction>,
        /// The `page` query parameter.
        pub page: ::std::option::Option<i64>,
        /// The `per_page` query parameter.
        pub per_page: ::std::option::Option<i64>,
        /// The `include_resources` query parameter.
        pub include_resources: ::std::option::Option<bool>,
        /// The `include_recipient_counts` query parameter.
        pub include_recipient_counts: ::std::option::Option<bool>,
    }
    impl crate::runtime::fake::FakeInput for ListRequest {
        fn read(
            request: &crate::runtime::fake::FakeRequest,
        ) -> ::std::result::Result<Self, crate::runtime::fake::FakeError> {
            ::std::result::Result::Ok(Self {
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
                include_recipient_counts: request
                    .query_param("include_recipient_counts")?,
            })
        }
        fn validate(&self) -> crate::runtime::Result<()> {
            {
                let value = &self.account_id;
                crate::runtime::validate::max_length("account_id", value, 32usize)?;
            }
            if let ::std::option::Option::Some(value) = &self.status {
                crate::runtime::validate::known_value(
                    "status",
                    value.as_str(),
                    crate::models::ShareStatus::VALUES,
                )?;
            }
            if let ::std::option::Option::Some(value) = &self.kind {
                crate::runtime::validate::known_value(
                    "kind",
                    value.as_str(),
                    crate::models::ShareKind::VALUES,
                )?;
            }
            if let ::std::option::Option::Some(value) = &self.target_type {
                crate::runtime::validate::known_value(
                    "target_type",
                    value.as_str(),
                    crate::models::ShareTargetType::VALUES,
                )?;
            }
            if let ::std::option::Option::Some(value) = &self.resource_types {
                for (idx, item) in value.iter().enumerate() {
                    let item_path = ::std::format!("{}[{}]", "resource_types", idx);
                    crate::runtime::validate::known_value(
                        &item_path,
                        item.as_str(),
                        crate::models::ResourceType::VALUES,
                    )?;
                }
            }
            if let ::std::option::Option::Some(value) = &self.order {
                crate::runtime::validate::known_value(
                    "order",
                    value.as_str(),
                    crate::models::Order::VALUES,
                )?;
            }
            if let ::std::option::Option::Some(value) = &self.direction {
                crate::runtime::validate::known_value(
                    "direction",
                    value.as_str(),
                    crate::models::Direction::VALUES,
                )?;
            }
            if let ::std::option::Option::Some(value) = &self.page {
                crate::runtime::validate::minimum("page", *value as f64, 0f64, false)?;
            }
            if let ::std::option::Option::Some(value) = &self.per_page {
                crate::runtime::validate::minimum(
                    "per_page",
                    *value as f64,
                    0f64,
                    false,
                )?;
                crate::runtime::validate::maximum(
                    "per_page",
                    *value as f64,
                    100f64,
                    false,
                )?;
            }
            ::std::result::Result::Ok(())
        }
    }
    /// The inputs of a `POST /accounts/{account_id}/shares` call (`resource_sharing.create`), as the fake received them.
    #[derive(Clone, Debug, PartialEq)]
    #[non_exhaustive]
    pub struct CreateRequest {
        /// The `account_id` path parameter.
        pub account_id: ::std::string::String,
        /// The request body.
        pub body: crate::models::CreateShareRequest,
    }
    impl crate::runtime::fake::FakeInput for CreateRequest {
        fn read(
            request: &crate::runtime::fake::FakeRequest,
        ) -> ::std::result::Result<Self, crate::runtime::fake::FakeError> {
            ::std::result::Result::Ok(Self {
                account_id: request.path_param("account_id")?,
                body: crate::runtime::fake::required("body", request.json_body()?)?,
            })
        }
        fn validate(&self) -> crate::runtime::Result<()> {
            {
                let value = &self.account_id;
                crate::runtime::validate::max_length("account_id", value, 32usize)?;
            }
            self.body.validate("body")?;
            ::std::result::Result::Ok(())
        }
    }
    /// The inputs of a `GET /accounts/{account_id}/shares/{share_id}` call (`resource_sharing.get`), as the fake received them.
    #[derive(Clone, Debug, PartialEq)]
    #[non_exhaustive]
    pub struct GetRequest {
        /// The `account_id` path parameter.
        pub account_id: ::std::string::String,
        /// The `share_id` path parameter.
        pub share_id: ::std::string::String,
        /// The `include_resources` query parameter.
        pub include_resources: ::std::option::Option<bool>,
        /// The `include_recipient_counts` query parameter.
        pub include_recipient_counts: ::std::option::Option<bool>,
    }
    impl crate::runtime::fake::FakeInput for GetRequest {
        fn read(
            request: &crate::runtime::fake::FakeRequest,
        ) -> ::std::result::Result<Self, crate::runtime::fake::FakeError> {
            ::std::result::Result::Ok(Self {
                account_id: request.path_param("account_id")?,
                share_id: request.path_param("share_id")?,
                include_resources: request.query_param("include_resources")?,
                include_recipient_counts: request
                    .query_param("include_recipient_counts")?,
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
            ::std::result::Result::Ok(())
        }
    }
    /// The inputs of a `PUT /accounts/{account_id}/shares/{share_id}` call (`resource_sharing.update`), as the fake received them.
    #[derive(Clone, Debug, PartialEq)]
    #[non_exhaustive]
    pub struct UpdateRequest {
        /// The `account_id` path parameter.
        pub account_id: ::std::string::String,
        /// The `share_id` path parameter.
        pub share_id: ::std::string::String,
        /// The request body.
        pub body: crate::models::UpdateShareRequest,
    }
    impl crate::runtime::fake::FakeInput for UpdateRequest {
        fn read(
            request: &crate::runtime::fake::FakeRequest,
        ) -> ::std::result::Result<Self, crate::runtime::fake::FakeError> {
            ::std::result::Result::Ok(Self {
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
            self.body.validate("body")?;
            ::std::result::Result::Ok(())
        }
    }
    /// The inputs of a `DELETE /accounts/{account_id}/shares/{share_id}` call (`resource_sharing.delete`), as the fake received them.
    #[derive(Clone, Debug, PartialEq)]
    #[non_exhaustive]
    pub struct DeleteRequest {
        /// The `account_id` path parameter.
        pub account_id: ::std::string::String,
        /// The `share_id` path parameter.
        pub share_id: ::std::string::String,
    }
    impl crate::runtime::fake::FakeInput for DeleteRequest {
        fn read(
            request: &crate::runtime::fake::FakeRequest,
        ) -> ::std::result::Result<Self, crate::runtime::fake::FakeError> {
            ::std::result::Result::Ok(Self {
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
            ::std::result::Result::Ok(())
        }
    }
}
