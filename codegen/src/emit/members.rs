//! The names the emitter gives its own members, per kind of item: the one list lowering asks.
//!
//! The emitter spells these members only through the enums below (each is `ToTokens`), and
//! lowering reserves `NAMES` in the scope where it names spec items of the same kind, so a spec
//! name can never collide with an emitted one. A member added here is reserved at once; a member
//! emitted without an entry here has no way to be spelled. This module depends on nothing else
//! in the crate, so any stage may ask it.

use proc_macro2::{Ident, Span, TokenStream};
use quote::ToTokens;

/// Declares one kind of item's members: an enum to spell them with and the list to reserve.
macro_rules! members {
    ($(#[$doc:meta])* $kind:ident { $( $variant:ident = $name:literal, )* }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $kind {
            $( $variant, )*
        }

        impl $kind {
            /// Every name this kind of item defines itself.
            pub const NAMES: &'static [&'static str] = &[ $( $name, )* ];

            pub fn name(self) -> &'static str {
                match self {
                    $( $kind::$variant => $name, )*
                }
            }
        }

        impl ToTokens for $kind {
            fn to_tokens(&self, tokens: &mut TokenStream) {
                Ident::new(self.name(), Span::call_site()).to_tokens(tokens);
            }
        }
    };
}

members! {
    /// Fields and methods of an operation's request builder, beside one per optional input.
    RequestBuilderMember {
        Core = "core",
        Options = "options",
        Body = "body",
        Send = "send",
        SendWithResponse = "send_with_response",
        Stream = "stream",
        Build = "build",
        IntoFuture = "into_future",
    }
}

members! {
    /// Locals of a request builder's `build` and of a resource method, beside the parameters.
    RequestLocal {
        Request = "request",
        Value = "value",
        Item = "item",
        ItemPath = "item_path",
        Idx = "idx",
        Files = "files",
    }
}

members! {
    /// Fields and methods of a resource handle, beside one method per operation and child.
    ResourceMember {
        Client = "client",
        New = "new",
    }
}

members! {
    /// Members of `Client`, beside one accessor per top-level resource.
    ClientMember {
        Builder = "builder",
        FromEnv = "from_env",
        Core = "core",
        Resources = "resources",
    }
}

members! {
    /// Methods of `ClientBuilder` (the runtime's generic ones and the generated ones), beside
    /// one setter per security scheme.
    ClientBuilderMember {
        BaseUrl = "base_url",
        Timeout = "timeout",
        MaxRetries = "max_retries",
        HttpClient = "http_client",
        Header = "header",
        Transport = "transport",
        WithEnv = "with_env",
        Build = "build",
        Settings = "settings",
        Credentials = "credentials",
    }
}

members! {
    /// The methods of the generated `Fake` (the `testing` feature); the top-level resource
    /// accessors share its scope, as they share the client's.
    FakeMember {
        New = "new",
        Client = "client",
        Calls = "calls",
        AssertAllCalled = "assert_all_called",
        AssertNoUnexpectedCalls = "assert_no_unexpected_calls",
    }
}

members! {
    /// The functions an operation's input type in the fake implements of the runtime's
    /// `FakeInput`; its fields are the request builder's, and fields and functions never collide.
    FakeInputMember {
        Read = "read",
        Validate = "validate",
    }
}

members! {
    /// The field of the fake's per-resource handle; its methods are the client handle's names.
    FakeHandleMember {
        Fake = "fake",
    }
}

members! {
    /// Members of a model struct, beside one field (and setter) per property.
    ModelMember {
        New = "new",
        Validate = "validate",
        AdditionalProperties = "additional_properties",
    }
}

members! {
    /// Associated items of an open enum, beside one variant per value.
    EnumMember {
        AsStr = "as_str",
        Values = "VALUES",
        Unknown = "Unknown",
    }
}

members! {
    /// Associated items of a constant (a one-value enum), which has no spec-named members.
    ConstMember {
        AsStr = "as_str",
        Value = "VALUE",
    }
}

/// Method names of std traits: an inherent method with one of these names and a matching shape
/// trips clippy's `should_implement_trait`, so accessors and operation methods never take them.
pub const STD_TRAIT_METHODS: &[&str] = &[
    "add",
    "as_mut",
    "as_ref",
    "bitand",
    "bitor",
    "bitxor",
    "borrow",
    "borrow_mut",
    "clone",
    "cmp",
    "default",
    "deref",
    "deref_mut",
    "div",
    "drop",
    "eq",
    "from_iter",
    "from_str",
    "hash",
    "index",
    "index_mut",
    "into_iter",
    "mul",
    "neg",
    "next",
    "not",
    "rem",
    "shl",
    "shr",
    "sub",
];

/// The std trait methods shaped like a setter (`fn x(self, value) -> Self`): only these trip
/// the lint on setters, so only these are kept from field, parameter and credential names.
pub const SETTER_TRAIT_METHODS: &[&str] = &[
    "add", "bitand", "bitor", "bitxor", "div", "mul", "rem", "shl", "shr", "sub",
];

/// The type holding a struct's wire form when deprecated aliases feed its fields.
pub fn alias_wire_type(type_name: &str) -> String {
    format!("{type_name}Wire")
}

/// The request builder type of a method, e.g. `ListRequest` for `list`.
pub fn request_builder_type(method_type_name: &str) -> String {
    format!("{method_type_name}Request")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_member_spells_its_own_name() {
        for (member, name) in [
            (
                RequestBuilderMember::SendWithResponse.name(),
                "send_with_response",
            ),
            (ClientBuilderMember::WithEnv.name(), "with_env"),
            (EnumMember::Values.name(), "VALUES"),
        ] {
            assert_eq!(member, name);
        }
        assert_eq!(RequestBuilderMember::NAMES.len(), 8);
        assert!(SETTER_TRAIT_METHODS
            .iter()
            .all(|name| STD_TRAIT_METHODS.contains(name)));
    }

    /// The runtime's generic `ClientBuilder` defines methods of its own: each must be listed,
    /// or a security scheme could be named like one.
    #[test]
    fn the_runtime_client_builder_methods_are_listed() {
        let source = include_str!("../../runtime/client.rs");
        let file = syn::parse_file(source).expect("the runtime parses");
        let methods: Vec<String> = file
            .items
            .iter()
            .filter_map(|item| match item {
                syn::Item::Impl(item) if item.trait_.is_none() => Some(item),
                _ => None,
            })
            .filter(|item| {
                quote::quote!(#item)
                    .to_string()
                    .contains("ClientBuilder < C >")
            })
            .flat_map(|item| &item.items)
            .filter_map(|item| match item {
                syn::ImplItem::Fn(method) => Some(method.sig.ident.to_string()),
                _ => None,
            })
            .collect();
        assert!(!methods.is_empty());
        for method in methods {
            assert!(
                ClientBuilderMember::NAMES.contains(&method.as_str()),
                "`{method}` is missing from ClientBuilderMember"
            );
        }
    }

    /// The runtime's `request_methods!` defines some of a builder's methods and uses its
    /// `core`, `options` and `build`: each name must be the one listed here, or a setter could
    /// take it, or the macro would not find what the emitter wrote.
    #[test]
    fn the_runtime_request_methods_are_listed() {
        let source = include_str!("../../runtime/request_methods.rs");
        let defined: Vec<&str> = source
            .split("fn ")
            .skip(1)
            .filter_map(|rest| rest.split(['(', '<']).next())
            .collect();
        assert_eq!(
            defined,
            [
                RequestBuilderMember::Options.name(),
                RequestBuilderMember::Send.name(),
                RequestBuilderMember::SendWithResponse.name(),
                RequestBuilderMember::IntoFuture.name(),
            ]
        );
        let used: Vec<&str> = source
            .split("self.")
            .skip(1)
            .map(|rest| {
                let end = rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                &rest[..end]
            })
            .collect();
        for member in [
            RequestBuilderMember::Core,
            RequestBuilderMember::Options,
            RequestBuilderMember::Build,
        ] {
            let name = member.name();
            assert!(
                used.contains(&name),
                "request_methods! does not use `self.{name}`"
            );
        }
        for name in used {
            assert!(
                RequestBuilderMember::NAMES.contains(&name),
                "request_methods! uses `self.{name}`, which RequestBuilderMember does not list"
            );
        }
    }
}
