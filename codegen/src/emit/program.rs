//! A program that uses one resource: every operation behind one resource feature, each sent from
//! a function that boxes its future, so that building the program compiles each operation's whole
//! send path. The client compiles none of it itself (its non-generic methods are `#[inline]`), so
//! `xtask bench --compile` builds this program against it to show what calling the operations
//! costs, where a program pays it.

use super::features::{collect_operations, Features};
use super::method_docs::Example;
use crate::ir::Api;

/// The program using one resource: a library crate of its own beside the client.
pub struct Program {
    /// Its `src/lib.rs`.
    pub source: String,
    /// How many operations it sends.
    pub operations: usize,
    /// The client's package name.
    client: String,
    /// The resource's feature.
    feature: String,
}

/// The program sending every operation of `feature`'s resource through the client, whose
/// package is `client`; `None` when the API has no such feature.
pub fn program_using(api: &Api, client: &str, feature: &str) -> Option<Program> {
    let resource = &api.resources()[Features::of(api).resource_of(feature)?];
    let krate = client.replace('-', "_");
    let mut operations = Vec::new();
    collect_operations(resource, &mut operations);
    let mut source = format!(
        "//! Sends every operation of the `{feature}` feature of `{krate}`.\n\n\
         use std::future::Future;\nuse std::pin::Pin;\n\n\
         type Sent<'a> = Pin<Box<dyn Future<Output = {krate}::Result<()>> + Send + 'a>>;\n"
    );
    for (idx, id) in operations.iter().enumerate() {
        let Example { params, statement } = Example::of(api, api.operation(*id), &krate);
        let params: String = params
            .iter()
            .skip(1)
            .map(|param| format!(", {param}"))
            .collect();
        let body: String = statement
            .lines()
            .map(|line| format!("        {line}\n"))
            .collect();
        source.push_str(&format!(
            "\npub fn send_{idx}<'a>(client: &'a {krate}::Client{params}) -> Sent<'a> {{\n    \
             Box::pin(async move {{\n{body}        Ok(())\n    }})\n}}\n"
        ));
    }
    Some(Program {
        source,
        operations: operations.len(),
        client: client.to_owned(),
        feature: feature.to_owned(),
    })
}

impl Program {
    /// Its `Cargo.toml`, as package `name`: the client at `client_path` with only the resource's
    /// feature, and the client's own dependencies (`client_manifest` is the client's
    /// `Cargo.toml`), where the types its calls name come from, as a user's program has them.
    /// Its own `[workspace]` when `standalone`.
    pub fn manifest(
        &self,
        name: &str,
        client_manifest: &str,
        client_path: &str,
        standalone: bool,
    ) -> String {
        let (client, feature) = (&self.client, &self.feature);
        let dependencies = dependencies_of(client_manifest).unwrap_or_default();
        let workspace = if standalone { "\n[workspace]\n" } else { "" };
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n\
             [dependencies]\n{client} = {{ path = {client_path:?}, default-features = false, \
             features = [\"{feature}\"] }}{dependencies}{workspace}"
        )
    }
}

/// The text of a manifest's `[dependencies]` table, after its header line.
pub fn dependencies_of(manifest: &str) -> Option<&str> {
    manifest
        .split("[dependencies]")
        .nth(1)
        .and_then(|rest| rest.split("\n[").next())
}
