// generated from spec/resource-sharing.openapi.yaml by `cargo xtask generate`; do not edit
//! The trait impls every open enum has, written once: each generated enum supplies `as_str`
//! (its wire value) and `From<&str>` (unknown values kept), and this macro derives the rest.
//! Written out in every enum, they were a tenth of a large client's models.

/// `Display`, `AsRef<str>`, `FromStr`, `Serialize` and `Deserialize` for the open enum `$name`,
/// all through its `as_str` and its `From<&str>` (`Display` and `Serialize` by
/// [`written_as_str`]); `AsRef<str>` lets lists of it be checked and
/// sent as lists of strings.
#[allow(unused_macros)] // not every API, or every build of its features, has an enum
macro_rules! open_enum {
    ($name:ident) => {
        crate::runtime::written_as_str!($name);

        impl ::std::convert::AsRef<str> for $name {
            #[inline]
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;

            #[inline]
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from(value))
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let value = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(
                    deserializer,
                )?;
                ::std::result::Result::Ok(Self::from(value.as_ref()))
            }
        }
    };
}

#[allow(unused_imports)] // likewise
pub(crate) use open_enum;

/// `Display` and `Serialize` for `$name` through its `as_str`: how an enum and a one-value
/// type are both written.
#[allow(unused_macros)] // likewise
macro_rules! written_as_str {
    ($name:ident) => {
        impl ::std::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    };
}

#[allow(unused_imports)] // likewise
pub(crate) use written_as_str;
