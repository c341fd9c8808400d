//! Reads an OpenAPI document (YAML or JSON) into typed and raw forms, with located errors.
//!
//! This and `xtask` are the only places that touch the filesystem. Checking `$ref`s is left to `resolve`.

use std::path::Path;
use std::sync::OnceLock;

use crate::error::{Error, Location};
use crate::source_map::SourceMap;

/// A parsed document: the typed view for lowering and the raw tree for resolving `$ref`s.
#[derive(Debug)]
pub struct Document {
    /// The path as the user gave it, used in messages.
    pub file: String,
    pub text: String,
    pub raw: serde_json::Value,
    pub openapi: openapiv3::OpenAPI,
    source_map: OnceLock<SourceMap>,
}

/// Reads and parses the document at `path`.
pub fn load_document(path: &Path) -> Result<Document, Error> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        file: file.clone(),
        source,
    })?;
    parse_document(file, text)
}

/// Parses document text; `file` only names it in messages.
pub fn parse_document(file: String, text: String) -> Result<Document, Error> {
    let raw = parse_tree(&file, &text)?;
    let mut document = Document {
        file,
        text,
        raw: serde_json::Value::Null,
        openapi: openapiv3::OpenAPI::default(),
        source_map: OnceLock::new(),
    };
    check_version(&document, &raw)?;
    document.openapi = match serde_path_to_error::deserialize(&raw) {
        Ok(openapi) => openapi,
        Err(error) => {
            let pointer = pointer_from_serde_path(error.path());
            return Err(document.invalid(
                &pointer,
                format!("not a valid OpenAPI 3.0 document: {}", error.inner()),
            ));
        }
    };
    document.raw = raw;
    Ok(document)
}

impl Document {
    /// Where `pointer` is in the source.
    pub fn locate(&self, pointer: &str) -> Location {
        let source_map = self.source_map.get_or_init(|| SourceMap::build(&self.text));
        let position = source_map.position(pointer);
        Location {
            file: self.file.clone(),
            pointer: pointer.to_owned(),
            line: position.map(|(line, _)| line),
            column: position.map(|(_, column)| column),
        }
    }

    /// An error at `pointer`.
    pub fn invalid(&self, pointer: &str, message: impl Into<String>) -> Error {
        Error::Invalid {
            location: self.locate(pointer),
            message: message.into(),
        }
    }
}

fn parse_tree(file: &str, text: &str) -> Result<serde_json::Value, Error> {
    let syntax_error =
        |message: String, line: Option<usize>, column: Option<usize>| Error::Invalid {
            location: Location {
                file: file.to_owned(),
                pointer: "#".to_owned(),
                line,
                column,
            },
            message,
        };
    let mut yaml: serde_yaml::Value = serde_yaml::from_str(text).map_err(|error| {
        let location = error.location();
        syntax_error(
            format!("not valid YAML or JSON: {error}"),
            location.as_ref().map(|l| l.line()),
            location.as_ref().map(|l| l.column()),
        )
    })?;
    // `<<` merge keys are YAML, not JSON; real documents use them for shared fragments.
    yaml.apply_merge()
        .map_err(|error| syntax_error(format!("invalid YAML merge key: {error}"), None, None))?;
    serde_yaml::from_value(yaml).map_err(|error| {
        syntax_error(
            format!("cannot read the document as JSON data: {error}"),
            None,
            None,
        )
    })
}

fn check_version(document: &Document, raw: &serde_json::Value) -> Result<(), Error> {
    if !raw.is_object() {
        return Err(document.invalid("#", "the document is not a mapping of OpenAPI fields"));
    }
    match raw.get("openapi").and_then(|version| version.as_str()) {
        Some(version) if version.starts_with("3.0") => Ok(()),
        Some(version) => Err(document.invalid(
            "#/openapi",
            format!(
                "OpenAPI version {version} is not supported; this generator reads OpenAPI 3.0.x"
            ),
        )),
        None if raw.get("swagger").is_some() => Err(document.invalid(
            "#/swagger",
            "Swagger 2.0 documents are not supported; convert the document to OpenAPI 3.0 first",
        )),
        None => Err(document.invalid("#", "missing the `openapi` version field")),
    }
}

fn pointer_from_serde_path(path: &serde_path_to_error::Path) -> String {
    let mut pointer = String::from("#");
    for segment in path.iter() {
        match segment {
            serde_path_to_error::Segment::Seq { index } => pointer.push_str(&format!("/{index}")),
            serde_path_to_error::Segment::Map { key } => {
                pointer.push('/');
                pointer.push_str(&crate::source_map::escape_segment(key));
            }
            serde_path_to_error::Segment::Enum { .. } | serde_path_to_error::Segment::Unknown => {}
        }
    }
    pointer
}
