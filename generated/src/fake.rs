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
#[rustfmt::skip]
pub mod resource_sharing;
