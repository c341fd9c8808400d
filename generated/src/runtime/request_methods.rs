// generated from spec/resource-sharing.openapi.yaml by `cargo xtask generate`; do not edit
//! The methods every request builder has, written once: a generated builder supplies its
//! `core` and `options` fields, a `build` method that validates and encodes its inputs into an
//! [`ApiRequest`](crate::runtime::ApiRequest), and how its response decodes; this macro gives
//! it `options`, `send`, `send_with_response` and `IntoFuture`. Written out in every builder,
//! they were a third of a large client's resource modules.
//!
//! The emitter reserves these names (`codegen/src/emit/members.rs`, `RequestBuilderMember`),
//! so no parameter's setter takes one.

/// `options`, `send`, `send_with_response` and `IntoFuture` for the request builder `$builder`,
/// whose response decodes to `$output` with the function `$decode` of
/// [`decode`](crate::runtime::decode), given the response and any further arguments.
///
/// None is compiled in the client crate: `options` and `into_future` are `#[inline]` and the
/// others are async, so an operation's send path is compiled in the program that sends it.
#[allow(unused_macros)] // not every build of an API's features has an operation
macro_rules! request_methods {
    ($builder:ident => $output:ty, $decode:ident $(($($arg:expr),*))?) => {
        impl $builder {
            /// Overrides client settings for this request: timeout, retries, extra headers and query.
            #[inline]
            pub fn options(mut self, options: crate::runtime::RequestOptions) -> Self {
                self.options = options;
                self
            }

            /// Sends the request and returns the decoded result.
            pub async fn send(self) -> crate::runtime::Result<$output> {
                self.send_with_response()
                    .await
                    .map(crate::runtime::Response::into_inner)
            }

            /// Sends the request and returns the decoded result with the HTTP status and headers.
            pub async fn send_with_response(
                self,
            ) -> crate::runtime::Result<crate::runtime::Response<$output>> {
                let request = self.build()?;
                let raw = self.core.execute(request, &self.options).await?;
                crate::runtime::Response::decoded(raw, |raw| {
                    crate::runtime::decode::$decode(raw $($(, $arg)*)?)
                })
            }
        }

        impl ::std::future::IntoFuture for $builder {
            type Output = crate::runtime::Result<$output>;
            type IntoFuture = crate::runtime::SendFuture<Self::Output>;

            #[inline]
            fn into_future(self) -> Self::IntoFuture {
                ::std::boxed::Box::pin(self.send())
            }
        }
    };
}

#[allow(unused_imports)] // likewise
pub(crate) use request_methods;
