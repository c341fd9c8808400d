//! **Invariant** (ARCHITECTURE, "Compile time of generated crates"): the client crate compiles no
//! operation's or model's code itself. rustc compiles a library's non-generic functions where
//! they are defined and its generic or `#[inline]` ones where they are used, so every method the
//! emitter writes for an operation or a model is async, generic or `#[inline]`; one that is none
//! of these, in a request builder or a model, would make a dev build of the client compile it
//! (and, for `into_future`, the whole send path behind it) whether or not any program calls it.
//!
//! Checked on the syntax of what the emitter writes for the project's document and every
//! fidelity fixture: resource and model files, every function in an `impl` of a type the file
//! declares without lifetimes (resource handles borrow the client and are a few lines each).

use std::path::{Path, PathBuf};

#[test]
fn every_emitted_method_of_builders_and_models_is_async_generic_or_inline() {
    let root = workspace_root();
    let mut documents = vec![root.join("spec/resource-sharing.openapi.yaml")];
    let fidelity = root.join("tests/fixtures/fidelity");
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(&fidelity)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    fixtures.sort();
    assert!(fixtures.len() > 10, "the fidelity fixtures are there");
    documents.extend(fixtures);
    let mut checked = 0;
    let mut roots = Vec::new();
    for document in &documents {
        let spec = codegen::load_document(document).unwrap();
        let output = codegen::generate(&spec, &codegen::Config::default()).unwrap();
        for (path, text) in &output.files {
            if !is_checked(path) {
                continue;
            }
            let file = syn::parse_file(text).unwrap();
            for (owner, method) in owned_methods(&file.items) {
                checked += 1;
                if !is_deferred(method) {
                    roots.push(format!(
                        "{}: {path}: {owner}::{}",
                        document.display(),
                        method.sig.ident
                    ));
                }
            }
        }
    }
    assert!(checked > 300, "only {checked} methods were checked");
    assert!(
        roots.is_empty(),
        "compiled in the client crate whether used or not (make them #[inline]):\n{}",
        roots.join("\n")
    );
}

/// The methods the runtime's `request_methods!` gives every builder, checked on its expansion
/// for a builder `Builder` that returns `Output`.
#[test]
fn every_method_request_methods_gives_a_builder_is_async_or_inline() {
    let source = include_str!("../runtime/request_methods.rs");
    let start = source.find("=> {").expect("the macro's one rule") + "=> {".len();
    let end = source.rfind("};").expect("the rule's end");
    let expansion = source[start..end]
        .replace("$decode(raw $($(, $arg)*)?)", "json(raw)")
        .replace("$builder", "Builder")
        .replace("$output", "Output");
    let file = syn::parse_file(&expansion).unwrap_or_else(|error| {
        panic!(
            "request_methods! expands to Rust once its fragments are named: {error}\n{expansion}"
        )
    });
    let methods = owned_methods(&file.items);
    assert_eq!(
        methods.len(),
        4,
        "options, send, send_with_response, into_future"
    );
    for (owner, method) in methods {
        assert!(
            is_deferred(method),
            "{owner}::{} is compiled in the client crate whether used or not",
            method.sig.ident
        );
    }
}

/// The trait methods `open_enum!` and `const_value!` give every enum and one-value type
/// (through `written_as_str!`), checked on their expansions for a type `Name`.
#[test]
fn every_method_the_string_trait_macros_give_is_generic_or_inline() {
    let open_enum = include_str!("../runtime/open_enum.rs");
    let written_as_str = macro_rule(
        &open_enum[open_enum
            .find("macro_rules! written_as_str")
            .expect("written_as_str! beside open_enum!")..],
    );
    // `owned_methods` leaves out `impl<'de> Deserialize<'de>`, whose method is generic anyway.
    for (source, count) in [
        (open_enum, 4),
        (include_str!("../runtime/const_value.rs"), 2),
    ] {
        let expansion = macro_rule(source)
            .replace("crate::runtime::written_as_str!($name);", written_as_str)
            .replace("$name", "Name");
        let file = syn::parse_file(&expansion)
            .unwrap_or_else(|error| panic!("the macro expands to Rust: {error}\n{expansion}"));
        let methods = owned_methods(&file.items);
        assert_eq!(methods.len(), count, "{expansion}");
        for (owner, method) in methods {
            assert!(
                is_deferred(method),
                "{owner}::{} is compiled in the client crate whether used or not",
                method.sig.ident
            );
        }
    }
}

/// The body of the first rule of the first macro in `source`.
fn macro_rule(source: &str) -> &str {
    let start = source.find("=> {").expect("a macro rule") + "=> {".len();
    let end = source[start..].find("\n    };").expect("the rule's end") + start;
    &source[start..end]
}

/// Resource modules and models; not the fake (behind `testing`) nor the hand-written runtime.
fn is_checked(path: &str) -> bool {
    path.ends_with(".rs") && (path.starts_with("src/resources/") || path.starts_with("src/models"))
}

/// The methods of every `impl` in `items` for a type without lifetime parameters, with the
/// type's name.
fn owned_methods(items: &[syn::Item]) -> Vec<(String, &syn::ImplItemFn)> {
    let mut methods = Vec::new();
    for item in items {
        let syn::Item::Impl(block) = item else {
            continue;
        };
        if block.generics.lifetimes().next().is_some() {
            continue;
        }
        let owner = match &*block.self_ty {
            syn::Type::Path(path) => path.path.segments.last().unwrap().ident.to_string(),
            other => panic!("an impl for {}", quote::quote!(#other)),
        };
        for member in &block.items {
            if let syn::ImplItem::Fn(method) = member {
                methods.push((owner.clone(), method));
            }
        }
    }
    methods
}

/// Whether rustc compiles `method` only where it is used.
fn is_deferred(method: &syn::ImplItemFn) -> bool {
    let signature = &method.sig;
    let generic = signature.generics.type_params().next().is_some()
        || signature.inputs.iter().any(|input| {
            matches!(input, syn::FnArg::Typed(arg) if matches!(*arg.ty, syn::Type::ImplTrait(_)))
        });
    let inline = method
        .attrs
        .iter()
        .any(|attr| attr.path().is_ident("inline"));
    signature.asyncness.is_some() || generic || inline
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}
