//! Maps JSON pointers back to lines of the YAML or JSON source, for error messages.
//!
//! serde gives values without positions, so on the (rare) error path the source is parsed
//! again with `yaml-rust2`, whose events carry markers. JSON is parsed by the same YAML parser.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// Line and column of every node, by JSON pointer.
#[derive(Debug, Default)]
pub struct SourceMap {
    positions: HashMap<String, (usize, usize)>,
}

impl SourceMap {
    /// Parses `text`; a document YAML cannot parse maps nothing.
    pub fn build(text: &str) -> SourceMap {
        let mut builder = Builder::default();
        let mut parser = Parser::new_from_str(text);
        if parser.load(&mut builder, false).is_err() {
            return SourceMap::default();
        }
        SourceMap {
            positions: builder.positions,
        }
    }

    /// The position of `pointer` (`#/a/b`), or of its nearest mapped ancestor.
    pub fn position(&self, pointer: &str) -> Option<(usize, usize)> {
        let mut current = pointer.trim_start_matches('#');
        loop {
            if let Some(found) = self.positions.get(current) {
                return Some(*found);
            }
            match current.rfind('/') {
                Some(idx) => current = &current[..idx],
                None => return None,
            }
        }
    }
}

/// Escapes one JSON pointer segment (RFC 6901).
pub fn escape_segment(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

enum Container {
    Mapping { key: Option<String> },
    Sequence { next_idx: usize },
}

#[derive(Default)]
struct Builder {
    positions: HashMap<String, (usize, usize)>,
    stack: Vec<(String, Container)>,
}

impl Builder {
    /// Decides the pointer of a value event, or returns `None` for a mapping key.
    fn value_pointer(&mut self, event: &Event, mark: Marker) -> Option<String> {
        let Some((base, container)) = self.stack.last_mut() else {
            return Some(String::new());
        };
        match container {
            Container::Mapping { key } => match key.take() {
                Some(key) => Some(format!("{base}/{}", escape_segment(&key))),
                None => {
                    let key_text = match event {
                        Event::Scalar(text, ..) => text.clone(),
                        _ => String::from("?"),
                    };
                    let pointer = format!("{base}/{}", escape_segment(&key_text));
                    self.positions
                        .entry(pointer)
                        .or_insert((mark.line(), mark.col()));
                    *key = Some(key_text);
                    None
                }
            },
            Container::Sequence { next_idx } => {
                let pointer = format!("{base}/{next_idx}");
                *next_idx += 1;
                Some(pointer)
            }
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        match event {
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
                return;
            }
            Event::Scalar(..)
            | Event::Alias(_)
            | Event::MappingStart(..)
            | Event::SequenceStart(..) => {}
            _ => return,
        }
        // A composite key (`? [a, b]: c`) would confuse the key tracking; such keys never occur in OpenAPI.
        let Some(pointer) = self.value_pointer(&event, mark) else {
            return;
        };
        self.positions
            .entry(pointer.clone())
            .or_insert((mark.line(), mark.col()));
        match event {
            Event::MappingStart(..) => self.stack.push((pointer, Container::Mapping { key: None })),
            Event::SequenceStart(..) => self
                .stack
                .push((pointer, Container::Sequence { next_idx: 0 })),
            _ => {}
        }
    }
}
