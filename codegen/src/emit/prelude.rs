//! Writes the `std` names the emitters use (`Option`, `Some`, `String`, …) short, as the
//! prelude names them, in a file that defines none of those names itself, and written out
//! (`::std::option::Option`) where it does.
//!
//! Emitters write these names through the constants here (`#OPTION<#ty>`, `#SOME(value)`),
//! because a spec can name a model `Option` or `Result`, and a model shadows the prelude in the
//! module that defines it. Only the file knows what it defines, so a file's pieces are built
//! inside [`Prelude::writing`], which tells the constants which names are free; outside it,
//! every name is written out. Written out, such paths were 31 % of the tokens of a Microsoft
//! Graph models file, and shortening them afterwards, tree by tree, cost a tenth of emitting.

use std::cell::Cell;

use proc_macro2::{Ident, Punct, Spacing, Span, TokenStream};
use quote::{ToTokens, TokenStreamExt};

use crate::ir::{Operation, Resource};
/// The prelude items a path may be shortened to: the `std` module each lives in, and its name.
const ITEMS: &[(&str, &str)] = &[
    ("option", "Option"),
    ("result", "Result"),
    ("string", "String"),
    ("vec", "Vec"),
    ("boxed", "Box"),
    ("convert", "Into"),
    ("convert", "From"),
    ("convert", "TryFrom"),
    ("default", "Default"),
    ("clone", "Clone"),
];

/// Enum variants the prelude names alone: `Option::Some` is `Some`.
const VARIANTS: &[(&str, &[&str])] = &[("Option", &["Some", "None"]), ("Result", &["Ok", "Err"])];

/// Which prelude names a file leaves to the prelude.
#[derive(Clone, Copy, Debug, Hash)]
pub struct Prelude {
    /// A bit per name of [`ITEMS`], then per variant of [`VARIANTS`], set when it is free.
    free: u32,
}

impl Prelude {
    /// The names a file defining `defined` (its types' names) leaves free.
    pub fn beside<'a>(defined: impl IntoIterator<Item = &'a str>) -> Prelude {
        let defined: Vec<&str> = defined.into_iter().collect();
        let mut free = 0;
        for (bit, name) in all_names().enumerate() {
            if !defined.contains(&name) {
                free |= 1 << bit;
            }
        }
        Prelude { free }
    }

    /// The names a resource's module declares, in the client and in the fake alike: its
    /// handle, and one type per operation (the request builder, or the fake's input).
    pub fn of_resource(resource: &Resource, operations: &[&Operation]) -> Prelude {
        let builders = operations
            .iter()
            .map(|operation| operation.request_type.as_str());
        Prelude::beside(std::iter::once(resource.type_name.as_str()).chain(builders))
    }

    /// `build()`, with each name of this module it writes short where this prelude leaves
    /// the name free. The names are only read while `build` runs, on this thread.
    pub fn writing<T>(self, build: impl FnOnce() -> T) -> T {
        struct Restore(u32);
        impl Drop for Restore {
            fn drop(&mut self) {
                FREE.set(self.0);
            }
        }
        let _restore = Restore(FREE.replace(self.free));
        build()
    }

    fn is_free(self, bit: usize) -> bool {
        self.free & (1 << bit) != 0
    }
}

/// Every name of [`ITEMS`], then every variant of [`VARIANTS`]: bit order of [`Prelude::free`].
fn all_names() -> impl Iterator<Item = &'static str> {
    let items = ITEMS.iter().map(|(_, name)| *name);
    items.chain(
        VARIANTS
            .iter()
            .flat_map(|(_, variants)| variants.iter().copied()),
    )
}

fn variant_name(bit: usize) -> &'static str {
    all_names().nth(bit).unwrap_or_default()
}

thread_local! {
    /// The free names of the [`Prelude`] whose file is being built on this thread; none
    /// outside [`Prelude::writing`].
    static FREE: Cell<u32> = const { Cell::new(0) };
}

/// A prelude item, or one of its variants, as an emitter writes it: `#OPTION<#ty>`.
#[derive(Clone, Copy, Debug)]
pub struct Std {
    /// The bit of the item in [`ITEMS`].
    item: usize,
    /// The bit of the variant (after [`ITEMS`]), for `Some`, `None`, `Ok` and `Err`.
    variant: Option<usize>,
}

pub const OPTION: Std = Std::item(0);
pub const RESULT: Std = Std::item(1);
pub const STRING: Std = Std::item(2);
pub const VEC: Std = Std::item(3);
pub const BOX: Std = Std::item(4);
pub const INTO: Std = Std::item(5);
pub const FROM: Std = Std::item(6);
pub const TRY_FROM: Std = Std::item(7);
pub const DEFAULT: Std = Std::item(8);
pub const CLONE: Std = Std::item(9);
pub const SOME: Std = Std::variant(0, 10);
pub const NONE: Std = Std::variant(0, 11);
pub const OK: Std = Std::variant(1, 12);
pub const ERR: Std = Std::variant(1, 13);

/// `Option::is_none` as serde's `skip_serializing_if` takes it: a path in a string.
pub const OPTION_IS_NONE: StdInString = StdInString {
    item: OPTION,
    rest: "::is_none",
};

impl Std {
    const fn item(item: usize) -> Std {
        Std {
            item,
            variant: None,
        }
    }

    const fn variant(item: usize, variant: usize) -> Std {
        Std {
            item,
            variant: Some(variant),
        }
    }

    /// The path's segments as written in the file being built, and whether it starts at `::`:
    /// `Some`, `Option::Some` where only `Some` is taken, `::std::option::Option::Some` where
    /// `Option` is.
    fn segments(self) -> (bool, impl Iterator<Item = &'static str>) {
        let free = Prelude { free: FREE.get() };
        let (module, item) = ITEMS[self.item];
        let variant = self.variant.map(|bit| (bit, variant_name(bit)));
        let (rooted, segments) = match variant {
            Some((bit, name)) if free.is_free(self.item) && free.is_free(bit) => {
                (false, [Some(name), None, None, None])
            }
            _ if free.is_free(self.item) => (false, [Some(item), variant.map(|v| v.1), None, None]),
            _ => (
                true,
                [Some("std"), Some(module), Some(item), variant.map(|v| v.1)],
            ),
        };
        (rooted, segments.into_iter().flatten())
    }
}

impl Std {
    /// The path as [`ToTokens`] writes it, as text on the end of `out`.
    pub fn push_text(self, out: &mut String) {
        let (rooted, segments) = self.segments();
        for (idx, segment) in segments.enumerate() {
            if rooted || idx > 0 {
                out.push_str("::");
            }
            out.push_str(segment);
        }
    }
}

impl ToTokens for Std {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let (rooted, segments) = self.segments();
        for (idx, segment) in segments.enumerate() {
            if rooted || idx > 0 {
                tokens.append(Punct::new(':', Spacing::Joint));
                tokens.append(Punct::new(':', Spacing::Alone));
            }
            tokens.append(Ident::new(segment, Span::call_site()));
        }
    }
}

/// A path that starts at a prelude item, written in a string literal.
#[derive(Clone, Copy, Debug)]
pub struct StdInString {
    item: Std,
    rest: &'static str,
}

impl StdInString {
    /// The path in the file being built, without quotes.
    pub fn path(self) -> String {
        let mut path = String::new();
        self.item.push_text(&mut path);
        path.push_str(self.rest);
        path
    }
}

impl ToTokens for StdInString {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        tokens.append(super::tokens::lit_str(&self.path()));
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;

    fn file_defining(names: &[&str], build: impl FnOnce() -> TokenStream) -> String {
        Prelude::beside(names.iter().copied())
            .writing(build)
            .to_string()
    }

    #[test]
    fn free_names_are_short_and_taken_ones_written_out() {
        let build = || {
            quote! {
                pub struct Result {
                    #[serde(skip_serializing_if = #OPTION_IS_NONE)]
                    a: #OPTION<#STRING>,
                }
                fn f() -> #RESULT<(), ()> {
                    let _ = #SOME(1).is_some();
                    let _ = #OPTION::<u8>::None;
                    <#STRING as #DEFAULT>::default();
                    #OK(())
                }
            }
        };
        let expected = quote! {
            pub struct Result {
                #[serde(skip_serializing_if = "Option::is_none")]
                a: Option<String>,
            }
            fn f() -> ::std::result::Result<(), ()> {
                let _ = Some(1).is_some();
                let _ = Option::<u8>::None;
                <String as Default>::default();
                ::std::result::Result::Ok(())
            }
        };
        assert_eq!(file_defining(&["Result"], build), expected.to_string());
    }

    #[test]
    fn a_taken_variant_keeps_its_type() {
        let tokens = file_defining(&["Some"], || quote! { #SOME(1) });
        assert_eq!(tokens, quote! { Option::Some(1) }.to_string());
    }

    #[test]
    fn outside_a_file_every_name_is_written_out_and_a_file_ends_with_its_build() {
        let outside = || quote! { #NONE: #VEC<#STRING> = #OPTION_IS_NONE };
        let expected = quote! {
            ::std::option::Option::None: ::std::vec::Vec<::std::string::String> =
                "::std::option::Option::is_none"
        };
        assert_eq!(outside().to_string(), expected.to_string());
        let inside = file_defining(&[], || {
            // A nested file's names hold only while it is built.
            let nested = file_defining(&["Vec"], || quote! { #VEC });
            assert_eq!(nested, quote! { ::std::vec::Vec }.to_string());
            quote! { #VEC }
        });
        assert_eq!(inside, quote! { Vec }.to_string());
        assert_eq!(outside().to_string(), expected.to_string());
    }

    #[test]
    fn the_constants_name_their_items() {
        let all = file_defining(&[], || {
            quote! { #OPTION #RESULT #STRING #VEC #BOX #INTO #FROM #TRY_FROM #DEFAULT #CLONE #SOME #NONE #OK #ERR }
        });
        let expected = quote! { Option Result String Vec Box Into From TryFrom Default Clone Some None Ok Err };
        assert_eq!(all, expected.to_string());
    }
}
