// generated from spec/resource-sharing.openapi.yaml by `cargo xtask generate`; do not edit
//! The trait impls every one-value type has, written once: each generated unit struct supplies
//! `as_str` (its one wire value), and this macro derives the rest. Written out in every such
//! type, they were thirty lines each, and a part of the models that only `syn` could format.

/// `Display`, `Serialize` (by `written_as_str!`) and `Deserialize` for the one-value unit struct
/// `$name`, all through its `as_str`: it writes its value, and reads that value and nothing else, which is what lets
/// a pinned property tell union alternatives apart.
#[allow(unused_macros)] // not every API, or every build of its features, has such a type
macro_rules! const_value {
    ($name:ident) => {
        crate::runtime::written_as_str!($name);

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let value = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(
                    deserializer,
                )?;
                if value == $name.as_str() {
                    return ::std::result::Result::Ok($name);
                }
                let expected = ::std::format!("the string `{}`", $name.as_str());
                ::std::result::Result::Err(::serde::de::Error::invalid_value(
                    ::serde::de::Unexpected::Str(&value),
                    &expected.as_str(),
                ))
            }
        }
    };
}

#[allow(unused_imports)] // likewise
pub(crate) use const_value;
