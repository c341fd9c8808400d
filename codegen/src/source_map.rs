//! Maps JSON pointers back to lines of the YAML or JSON source, for error messages.
//!
//! serde gives values without positions, so on the (rare) error path the source is parsed
//! again with `yaml-rust2`, whose events carry markers. JSON is parsed by the same YAML parser.
//! Lines and columns are 1-based, as serde_json and serde_yaml report them.

use std::collections::{HashMap, HashSet};

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// Line and column of every node, by JSON pointer.
#[derive(Debug, Default)]
pub struct SourceMap {
    positions: HashMap<String, (usize, usize)>,
    /// Every key and value in source order, for finding the node before a syntax error.
    in_order: Vec<((usize, usize), String)>,
}

impl SourceMap {
    /// Parses `text`; a document YAML cannot parse maps what comes before the syntax error.
    pub fn build(text: &str) -> SourceMap {
        let mut builder = Builder::default();
        let mut parser = Parser::new_from_str(text);
        // On a syntax error the nodes before it are still mapped, which is what places the error.
        let _ = parser.load(&mut builder, false);
        SourceMap {
            positions: builder.positions,
            in_order: builder.in_order,
        }
    }

    /// Maps only `pointers` and their ancestors (what [`SourceMap::position`] may fall back to),
    /// keeping nothing for the rest: a multi-megabyte document has millions of nodes.
    /// [`SourceMap::pointer_near`] finds nothing in such a map.
    pub fn build_for(text: &str, pointers: &[&str]) -> SourceMap {
        let mut wanted = HashSet::new();
        for pointer in pointers {
            let mut current = pointer.trim_start_matches('#');
            loop {
                wanted.insert(current.to_owned());
                match current.rfind('/') {
                    Some(idx) => current = &current[..idx],
                    None => break,
                }
            }
        }
        let mut builder = Builder {
            wanted: Some(wanted),
            ..Builder::default()
        };
        let mut parser = Parser::new_from_str(text);
        let _ = parser.load(&mut builder, false);
        SourceMap {
            positions: builder.positions,
            in_order: builder.in_order,
        }
    }

    /// The pointer of the last key or value that starts at or before `line`:`column`, or `#`.
    pub fn pointer_near(&self, line: usize, column: usize) -> String {
        let n_before = self
            .in_order
            .partition_point(|(position, _)| *position <= (line, column));
        match n_before.checked_sub(1) {
            Some(node_idx) => format!("#{}", self.in_order[node_idx].1),
            None => String::from("#"),
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
    Mapping {
        key: Option<String>,
    },
    Sequence {
        next_idx: usize,
    },
    /// A sequence or mapping used as a key (`? [a, b]`): its contents have no pointer.
    ComplexKey,
}

#[derive(Default)]
struct Builder {
    positions: HashMap<String, (usize, usize)>,
    in_order: Vec<((usize, usize), String)>,
    stack: Vec<(String, Container)>,
    /// When set, only these pointers are recorded, and nothing in source order.
    wanted: Option<HashSet<String>>,
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
                    *key = Some(key_text);
                    if matches!(event, Event::MappingStart(..) | Event::SequenceStart(..)) {
                        self.stack.push((pointer.clone(), Container::ComplexKey));
                    }
                    self.record(pointer, mark);
                    None
                }
            },
            Container::Sequence { next_idx } => {
                let pointer = format!("{base}/{next_idx}");
                *next_idx += 1;
                Some(pointer)
            }
            Container::ComplexKey => {
                if matches!(event, Event::MappingStart(..) | Event::SequenceStart(..)) {
                    let base = base.clone();
                    self.stack.push((base, Container::ComplexKey));
                }
                None
            }
        }
    }

    /// Remembers where `pointer` starts (its first occurrence wins), with 1-based columns.
    fn record(&mut self, pointer: String, mark: Marker) {
        let position = (mark.line(), mark.col() + 1);
        match &self.wanted {
            Some(wanted) => {
                if wanted.contains(&pointer) {
                    self.positions.entry(pointer).or_insert(position);
                }
            }
            None => {
                self.positions.entry(pointer.clone()).or_insert(position);
                self.in_order.push((position, pointer));
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
        let Some(pointer) = self.value_pointer(&event, mark) else {
            return;
        };
        self.record(pointer.clone(), mark);
        match event {
            Event::MappingStart(..) => self.stack.push((pointer, Container::Mapping { key: None })),
            Event::SequenceStart(..) => self
                .stack
                .push((pointer, Container::Sequence { next_idx: 0 })),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_keys_win_over_their_values() {
        let source_map = SourceMap::build("a:\n  b: [1, 2]\n");
        assert_eq!(source_map.position("#/a"), Some((1, 1)));
        assert_eq!(source_map.position("#/a/b"), Some((2, 3)));
        assert_eq!(source_map.position("#/a/b/1"), Some((2, 10)));
        assert_eq!(source_map.position("#/a/missing"), Some((1, 1)));
    }

    #[test]
    fn a_map_for_some_pointers_places_them_and_their_ancestors_alike() {
        let text = "a:\n  b: [1, 2]\n  c: {d: 1}\n";
        let full = SourceMap::build(text);
        let partial = SourceMap::build_for(text, &["#/a/b/1", "#/a/c/missing"]);
        for pointer in ["#/a/b/1", "#/a/c/missing", "#/a", "#/a/b"] {
            assert_eq!(
                partial.position(pointer),
                full.position(pointer),
                "{pointer}"
            );
        }
        assert_eq!(partial.position("#/a/c/d"), full.position("#/a/c"));
    }

    #[test]
    fn a_syntax_error_is_placed_after_the_last_node_before_it() {
        let source_map = SourceMap::build("a:\n  b: 1\n\tc: 2\n");
        assert_eq!(source_map.pointer_near(3, 1), "#/a/b");
        assert_eq!(source_map.pointer_near(1, 1), "#/a");
        assert_eq!(SourceMap::build("").pointer_near(1, 1), "#");
    }

    #[test]
    fn contents_of_complex_keys_are_not_mapped_and_do_not_shift_siblings() {
        let source_map = SourceMap::build("m:\n  ? [x, y]\n  : 1\n  after: 2\n");
        assert_eq!(source_map.position("#/m/?"), Some((2, 5)));
        assert_eq!(source_map.position("#/m/after"), Some((4, 3)));
        assert_eq!(source_map.position("#/m/x"), Some((1, 1)));
    }
}
