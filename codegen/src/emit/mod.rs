//! Emits the client crate from the IR: every file's path and formatted text, in memory.
//!
//! Rust is built with `quote`, formatted with `prettyplease`, then headed with the line that
//! names the command regenerating it. The runtime is hand-written and copied as is. Writing the
//! files is the caller's job.

mod client;
mod docs;
mod fake;
mod features;
mod file_text;
mod format;
mod impls;
mod item_cache;
mod items;
mod macro_calls;
pub mod members;
mod method_docs;
mod model_text;
mod models;
mod piece_memo;
mod prelude;
mod program;
mod request;
mod resources;
mod rust;
mod stand_in;
mod statements;
mod structs;
mod text;
mod tokens;
mod tree;
mod validate;

use std::collections::BTreeMap;

use self::features::Features;
pub use self::file_text::FileText;
use self::format::RustFile;
pub use self::item_cache::{copy as copy_item_cache, remove as remove_item_cache};
use self::item_cache::{ItemCache, ItemSpan};
pub use self::program::{dependencies_of, program_using, Program};
pub use crate::cache_file::generator_identity;
use crate::config::{Config, RuntimeSource};
use crate::error::Error;
use crate::ir::{Api, Decode, ParamLocation, Resource, TypeRef};

/// The hand-written runtime, copied into `src/runtime/` of every generated crate.
const RUNTIME_FILES: &[(&str, &str)] = &[
    ("mod.rs", include_str!("../../runtime/mod.rs")),
    ("base64.rs", include_str!("../../runtime/base64.rs")),
    ("client.rs", include_str!("../../runtime/client.rs")),
    (
        "const_value.rs",
        include_str!("../../runtime/const_value.rs"),
    ),
    ("core.rs", include_str!("../../runtime/core.rs")),
    ("decode.rs", include_str!("../../runtime/decode.rs")),
    ("encode.rs", include_str!("../../runtime/encode.rs")),
    ("error.rs", include_str!("../../runtime/error.rs")),
    ("error_path.rs", include_str!("../../runtime/error_path.rs")),
    ("form.rs", include_str!("../../runtime/form.rs")),
    ("multipart.rs", include_str!("../../runtime/multipart.rs")),
    ("nullable.rs", include_str!("../../runtime/nullable.rs")),
    ("open_enum.rs", include_str!("../../runtime/open_enum.rs")),
    ("pagination.rs", include_str!("../../runtime/pagination.rs")),
    ("request.rs", include_str!("../../runtime/request.rs")),
    (
        "request_methods.rs",
        include_str!("../../runtime/request_methods.rs"),
    ),
    ("response.rs", include_str!("../../runtime/response.rs")),
    ("retry.rs", include_str!("../../runtime/retry.rs")),
    ("secret.rs", include_str!("../../runtime/secret.rs")),
    ("transport.rs", include_str!("../../runtime/transport.rs")),
    ("fake.rs", include_str!("../../runtime/fake.rs")),
    ("validate.rs", include_str!("../../runtime/validate.rs")),
];

/// Relative path → file contents.
pub type Files = BTreeMap<String, FileText>;

/// Every file of the generated crate.
pub fn emit(api: &Api, config: &Config) -> Result<Files, Error> {
    emit_reading(api, config, CacheRead::start(config))
}

/// The item cache of `config`, read on a helper thread (`worker::ahead`) from when
/// [`CacheRead::start`] is called, or by emit itself if no helper has begun it by then: `generate` starts it before lowering, which leaves a core idle for part of a
/// one-change run, and reading stripe's 10.6 MB took 10 ms of its emit (6 ms of it the kernel
/// handing the buffer fresh pages).
pub struct CacheRead(Option<crate::worker::Ahead<ItemCache>>);

impl CacheRead {
    /// Begins reading `config`'s item cache, if it has one.
    pub fn start(config: &Config) -> CacheRead {
        let path = config.item_cache.clone();
        CacheRead(path.map(|path| crate::worker::ahead(move || ItemCache::load(&path))))
    }
}

/// [`emit`], with the item cache read as `cache`.
pub fn emit_reading(api: &Api, config: &Config, cache: CacheRead) -> Result<Files, Error> {
    let header = format!(
        "// generated from {} by `cargo xtask generate`; do not edit\n",
        config.spec_label
    );
    // Reading the item cache (Graph beta's is 195 MB) and the features' reach are both one
    // thread's work, and neither needs the other.
    let (cache, features) = crate::worker::both(
        || cache.0.map(crate::worker::Ahead::join),
        || Features::of(api),
    );
    let mut files = Files::new();
    files.insert(
        "Cargo.toml".into(),
        cargo_toml(api, config, &features).into(),
    );
    files.insert(
        "src/lib.rs".into(),
        format!("{header}{}", lib_rs(api, config, &features)).into(),
    );
    let example = example_call(api);
    let mut rust_files = fake::fake_files(api, config, &features, example.as_ref());
    rust_files.push(RustFile::whole("src/client.rs", || {
        client::emit_client(api, config, &features)
    }));
    for resource in api.resources() {
        resource_files(api, resource, "src/resources", config, &mut rust_files);
    }
    rust_files.extend(models::model_files(api, &features));
    let memo = cache.as_ref().map(|_| piece_memo::Hashes::new(api));
    let formatted = format::format_files(
        rust_files,
        cache.as_ref(),
        memo.as_ref(),
        &format!("{header}\n"),
    )?;
    // A delta needs only where the base's items are; the texts stay mapped while the files
    // borrow them.
    let base = cache.and_then(ItemCache::into_base);
    if let Some(path) = &config.item_cache {
        let files: Vec<(&FileText, &[ItemSpan])> = formatted
            .files
            .iter()
            .zip(&formatted.spans)
            .map(|((_, text), spans)| (text, spans.as_slice()))
            .collect();
        item_cache::store(path, &files, &formatted.pieces, base.as_ref());
    }
    files.extend(formatted.files);
    let resource_mods = api
        .resources()
        .iter()
        .enumerate()
        .map(|(idx, resource)| {
            format!(
                "{}\n{}",
                features.resource_cfg_line(idx),
                mod_line(&resource.name)
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    files.insert(
        "src/resources/mod.rs".into(),
        format!("{header}//! One module per API resource.\n\n{resource_mods}\n").into(),
    );
    if config.runtime == RuntimeSource::Copied {
        for (name, text) in RUNTIME_FILES {
            files.insert(
                format!("src/runtime/{name}"),
                format!("{header}{text}").into(),
            );
        }
    }
    Ok(files)
}

/// The files of `resource` and its children, each built by one piece.
fn resource_files<'a>(
    api: &'a Api,
    resource: &'a Resource,
    dir: &str,
    config: &'a Config,
    files: &mut Vec<RustFile<'a>>,
) {
    files.push(RustFile {
        path: rust::module_file(dir, resource),
        pieces: resources::resource_pieces(api, resource, &config.crate_name),
    });
    for child in &resource.children {
        let dir = format!("{dir}/{}", resource.name);
        resource_files(api, child, &dir, config, files);
    }
}

/// prettyplease output is not always what `cargo fmt` would write, so rustfmt is told to leave it.
fn mod_line(name: &str) -> String {
    format!("#[rustfmt::skip]\npub mod {name};")
}

fn cargo_toml(api: &Api, config: &Config, features: &Features) -> String {
    let uses = |wanted: &dyn Fn(&TypeRef) -> bool| {
        let mut found = false;
        api.walk_type_refs(&mut |ty| found |= wanted(ty));
        found
    };
    let mut optional = Vec::new();
    if uses(&|ty| matches!(ty, TypeRef::DateTime | TypeRef::Date)) {
        optional.push(r#"chrono = { version = "0.4.38", default-features = false, features = ["serde", "std"] }"#);
    }
    if uses(&|ty| matches!(ty, TypeRef::Uuid)) {
        optional.push(r#"uuid = { version = "1", features = ["serde"] }"#);
    }
    let optional = optional
        .iter()
        .map(|line| format!("{line}\n"))
        .collect::<String>();
    let description = format!(
        "Async Rust client for the {}",
        api.info().title.trim_end_matches('.')
    )
    .replace('"', "'");
    format!(
        r#"# generated from {spec} by `cargo xtask generate`; do not edit
[package]
name = "{name}"
version = "0.1.0"
edition = "2021"
rust-version = "1.80"
description = "{description}"
license = "MIT OR Apache-2.0"

[dependencies]
bytes = "1"
{optional}futures-core = "0.3"
futures-util = {{ version = "0.3", default-features = false, features = ["std"] }}
httpdate = "1"
percent-encoding = "2"
reqwest = {{ version = "0.12", default-features = false, features = ["json", "rustls-tls"] }}
serde = {{ version = "1", features = ["derive"] }}
serde_json = {{ version = "1", features = ["raw_value"] }}
serde_path_to_error = {{ version = "0.1", optional = true }}
serde_urlencoded = "0.7"
thiserror = "2"
tokio = {{ version = "1", features = ["time"] }}
tracing = "0.1"

[features]
{resource_features}# `fake::Fake`, an in-process fake of the API for testing code that uses this client.
# It adds only serde_path_to_error, to say where a request body fails to decode; without the
# feature, the build is the same as if the fake did not exist.
testing = ["dep:serde_path_to_error"]
"#,
        spec = config.spec_label,
        name = config.crate_name,
        resource_features = features.cargo_lines(),
    )
}

fn lib_rs(api: &Api, config: &Config, features: &Features) -> String {
    let krate = config.crate_name.replace('-', "_");
    let mut docs = vec![format!("# {}", api.info().title), String::new()];
    if let Some(description) = &api.info().description {
        docs.extend(docs::sanitize(description).lines().map(str::to_owned));
        docs.push(String::new());
    }
    docs.push(format!(
        "Generated from `{}` (API version {}) by `cargo xtask generate`.",
        config.spec_label,
        api.info().version
    ));
    let example = example_call(api);
    let mut block = vec![
        "```no_run".to_owned(),
        format!("# async fn example() -> {krate}::Result<()> {{"),
        format!("let client = {krate}::Client::from_env()?;"),
    ];
    if let Some(call) = &example {
        let fake::ExampleCall {
            accessors,
            method,
            args,
            resource_idx: _,
        } = call;
        block.push(format!(
            "let result = client.{accessors}.{method}({args}).await?;"
        ));
        block.push("println!(\"{result:?}\");".into());
    }
    block.extend(["# Ok(())".into(), "# }".into(), "```".into()]);
    // An example calling a resource compiles only with the resource's feature, so rustdoc sees it
    // only then; written as rustfmt writes it, since `cargo fmt` formats lib.rs.
    let client_example = match &example {
        Some(call) => format!(
            "#![cfg_attr(\n    {},\n    doc = {:?}\n)]\n",
            features.resource_predicate(call.resource_idx),
            format!("\n{}", block.join("\n"))
        ),
        None => {
            docs.push(String::new());
            docs.extend(block);
            String::new()
        }
    };
    let tail = doc_lines(&testing_docs());
    // The testing example also needs the `fake` module.
    let testing_example = match &example {
        Some(call) => format!(
            "#![cfg_attr(\n    all(feature = \"testing\", {}),\n    doc = {:?}\n)]\n",
            features.resource_predicate(call.resource_idx),
            format!("\n{}", fake::example_lines(&krate, call).join("\n"))
        ),
        None => String::new(),
    };
    let runtime_mod = match &config.runtime {
        RuntimeSource::Copied => String::from("pub mod runtime;"),
        RuntimeSource::Shared { path } => format!("#[path = {path:?}]\npub mod runtime;"),
    };
    let docs = doc_lines(&docs);
    format!(
        r#"{docs}{client_example}{tail}
{testing_example}#![warn(missing_docs)]

#[rustfmt::skip]
mod client;
#[rustfmt::skip]
pub mod models;
#[rustfmt::skip]
pub mod resources;
{runtime_mod}
#[cfg(feature = "testing")]
#[rustfmt::skip]
pub mod fake;

pub use client::{{Client, ClientBuilder, Credentials}};
pub use runtime::{{Error, Page, PageStream, RequestOptions, Response, Result}};
"#
    )
}

/// Crate docs as `//!` lines.
fn doc_lines(lines: &[String]) -> String {
    lines
        .iter()
        .map(|line| {
            if line.is_empty() {
                "//!\n".to_owned()
            } else {
                format!("//! {line}\n")
            }
        })
        .collect()
}

/// The crate docs' "Testing your code" section; the example lives in the `fake` module, which
/// exists only with the feature.
fn testing_docs() -> Vec<String> {
    [
        "",
        "# Testing your code",
        "",
        "With the `testing` feature (`features = [\"testing\"]` in your `[dev-dependencies]`), the `fake` module adds `fake::Fake`: a typed, in-process fake of this API.",
        "`Fake::new()` gives a fake whose `client()` is a `Client` answered in process, with no sockets; register an answer per operation, grouped like the client, with `.handle(|input| …)`, `.returns(value)`, `.fails(FakeError::…)` or `.once(…)`.",
        "The client's retries, timeouts, pagination and error mapping run unchanged against it.",
        "The fake wraps results in the envelope, serves lists page by page, rejects requests that break the document's constraints with a 400, records every call (`calls()`), answers 501 naming any operation nothing was registered for, and checks with `assert_all_called()` and `assert_no_unexpected_calls()`.",
        "Every model has a constructor (`new` with the required fields) and setters, so a test builds the values it returns without JSON.",
        "With the feature, an example follows; the `fake` module documents the rest.",
    ]
    .iter()
    .map(|line| (*line).to_owned())
    .collect()
}

/// `resource_sharing().list("…")` for the first operation callable with string arguments only.
fn example_call(api: &Api) -> Option<fake::ExampleCall> {
    fn walk(api: &Api, resource: &Resource, prefix: &str) -> Option<fake::ExampleCall> {
        let accessor = format!("{prefix}{}()", resource.name);
        for id in &resource.operations {
            let operation = api.operation(*id);
            let simple = operation.body.as_ref().is_none_or(|body| !body.required)
                && operation.response.decode != Decode::Bytes
                && operation
                    .params
                    .iter()
                    .filter(|param| param.required)
                    .all(|param| {
                        param.ty == TypeRef::String && param.location == ParamLocation::Path
                    });
            if simple {
                let args: Vec<String> = operation
                    .params
                    .iter()
                    .filter(|param| param.required)
                    .map(|param| {
                        let example = param
                            .docs
                            .example
                            .clone()
                            .unwrap_or_else(|| format!("\"{}\"", param.wire_name));
                        if example.starts_with('"') {
                            example
                        } else {
                            format!("{example:?}")
                        }
                    })
                    .collect();
                return Some(fake::ExampleCall {
                    accessors: accessor,
                    method: operation.method_name.clone(),
                    args: args.join(", "),
                    resource_idx: 0,
                });
            }
        }
        resource
            .children
            .iter()
            .find_map(|child| walk(api, child, &format!("{accessor}.")))
    }
    api.resources()
        .iter()
        .enumerate()
        .find_map(|(idx, resource)| {
            let call = walk(api, resource, "")?;
            Some(fake::ExampleCall {
                resource_idx: idx,
                ..call
            })
        })
}
