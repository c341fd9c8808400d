//! A program that uses one resource: every operation behind one resource feature, each sent from
//! a function that boxes its future, so that building the program compiles each operation's whole
//! send path. The client compiles none of it itself (its non-generic methods are `#[inline]`), so
//! `xtask bench --compile` builds this program against it to show what calling the operations
//! costs, where a program pays it.

use super::features::{collect_operations, Features};
use super::method_docs::Example;
use crate::ir::Api;

/// The program using one resource.
pub struct Program {
    /// `lib.rs` of a crate depending on the client with the resource's feature on.
    pub source: String,
    /// How many operations it sends.
    pub operations: usize,
}

/// The program sending every operation of `feature`'s resource through the client `krate` (a
/// Rust identifier); `None` when the API has no such feature.
pub fn program_using(api: &Api, krate: &str, feature: &str) -> Option<Program> {
    let resource = &api.resources[Features::of(api).resource_of(feature)?];
    let mut operations = Vec::new();
    collect_operations(resource, &mut operations);
    let mut program = format!(
        "//! Sends every operation of the `{feature}` feature of `{krate}`.\n\n\
         use std::future::Future;\nuse std::pin::Pin;\n\n\
         type Sent<'a> = Pin<Box<dyn Future<Output = {krate}::Result<()>> + Send + 'a>>;\n"
    );
    for (idx, id) in operations.iter().enumerate() {
        let Example { params, statement } = Example::of(api, api.operation(*id), krate);
        let params: String = params
            .iter()
            .skip(1)
            .map(|param| format!(", {param}"))
            .collect();
        let body: String = statement
            .lines()
            .map(|line| format!("        {line}\n"))
            .collect();
        program.push_str(&format!(
            "\npub fn send_{idx}<'a>(client: &'a {krate}::Client{params}) -> Sent<'a> {{\n    \
             Box::pin(async move {{\n{body}        Ok(())\n    }})\n}}\n"
        ));
    }
    Some(Program {
        source: program,
        operations: operations.len(),
    })
}
