//! The text of one generated file, held as the parts it was put together from.
//!
//! After a small change most of a file's items come from the item cache unchanged, and most of
//! them sit in its kept text in the order the file wants them. Such runs of items stay where they
//! are: the file is a few borrowed parts and the few items made in this run, and nothing is
//! copied. Putting stripe's 10 MB of files together took 3.7 ms of copying into 2,500 fresh
//! pages of a one-change run of 45 ms, where writing them needs only the parts. Reading the text
//! as one `str` puts it together then, once.

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use crate::cache_file::KeptText;

/// A file's text: [`FileText::parts`] for writing and comparing it, or as one `str` through
/// `Deref` (put together on first use when it has several parts).
#[derive(Default)]
pub struct FileText {
    parts: Vec<Part>,
    /// Where each part starts in the text, so that a place is found by a binary search: a
    /// file whose changed and unchanged items alternate has as many parts as items.
    starts: Vec<usize>,
    len: usize,
    whole: OnceLock<String>,
}

/// One item's text: a span of the item cache's kept text, or made in this run.
pub enum ItemText<'c> {
    Kept {
        text: &'c Arc<KeptText>,
        range: Range<usize>,
    },
    Made(String),
}

/// Puts a file's text together from its items in order.
#[derive(Default)]
struct FileTextBuilder {
    parts: Vec<Part>,
}

#[derive(Clone)]
enum Part {
    Made(String),
    /// Always a `str` range of the kept text, on character boundaries.
    Kept(Arc<KeptText>, Range<usize>),
}

impl FileText {
    /// The text of `items` in order. Each run of made items is copied into one string
    /// allocated at the run's final size: a string grown by doubling would hold up to twice a
    /// large file (stripe's cold run peaked 10 MiB higher).
    pub fn from_items(items: Vec<ItemText<'_>>) -> FileText {
        let mut runs = vec![0; items.len()];
        let mut ahead = 0;
        for (idx, item) in items.iter().enumerate().rev() {
            ahead = match item {
                ItemText::Made(text) => ahead + text.len(),
                ItemText::Kept { .. } => 0,
            };
            runs[idx] = ahead;
        }
        let mut builder = FileTextBuilder::default();
        for (item, run) in items.into_iter().zip(runs) {
            builder.push(item, run);
        }
        builder.finish()
    }

    /// The text's parts, in order.
    pub fn parts(&self) -> impl Iterator<Item = &str> + Clone {
        self.parts.iter().map(Part::as_str)
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The whole text, put together once if it has several parts.
    pub fn as_str(&self) -> &str {
        match self.parts.as_slice() {
            [] => "",
            [part] => part.as_str(),
            parts => self
                .whole
                .get_or_init(|| parts.iter().map(Part::as_str).collect()),
        }
    }

    /// The text at `range` when it lies within one part, as every item does.
    pub fn within_part(&self, range: Range<usize>) -> Option<&str> {
        let (part_idx, offset) = self.place(range.start)?;
        let end = offset.checked_add(range.len())?;
        self.parts[part_idx].as_str().get(offset..end)
    }

    /// Whether `bytes` are the text's bytes from `at` on.
    pub fn bytes_at_are(&self, at: usize, mut bytes: &[u8]) -> bool {
        if at.checked_add(bytes.len()).is_none_or(|end| end > self.len) {
            return false;
        }
        let Some((first, mut offset)) = self.place(at) else {
            return bytes.is_empty();
        };
        for part in &self.parts[first..] {
            if bytes.is_empty() {
                break;
            }
            let part = &part.as_str().as_bytes()[offset..];
            let take = part.len().min(bytes.len());
            if part[..take] != bytes[..take] {
                return false;
            }
            bytes = &bytes[take..];
            offset = 0;
        }
        bytes.is_empty()
    }

    /// The part `at` falls in, and where in it; `None` at or past the end.
    fn place(&self, at: usize) -> Option<(usize, usize)> {
        if at >= self.len {
            return None;
        }
        // The last part starting at or before `at`; empty parts are never kept.
        let part_idx = self.starts.partition_point(|&start| start <= at) - 1;
        Some((part_idx, at - self.starts[part_idx]))
    }
}

impl std::ops::Deref for FileText {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for FileText {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<[u8]> for FileText {
    fn as_ref(&self) -> &[u8] {
        self.as_str().as_bytes()
    }
}

impl From<String> for FileText {
    fn from(text: String) -> Self {
        FileText::from_items(vec![ItemText::Made(text)])
    }
}

impl From<&str> for FileText {
    fn from(text: &str) -> Self {
        FileText::from(text.to_owned())
    }
}

impl PartialEq for FileText {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len
            && self
                .parts()
                .zip(&self.starts)
                .all(|(part, &start)| other.bytes_at_are(start, part.as_bytes()))
    }
}

impl Eq for FileText {}

impl PartialEq<str> for FileText {
    fn eq(&self, other: &str) -> bool {
        self.len == other.len() && self.bytes_at_are(0, other.as_bytes())
    }
}

impl PartialEq<&str> for FileText {
    fn eq(&self, other: &&str) -> bool {
        *self == **other
    }
}

impl Clone for FileText {
    fn clone(&self) -> Self {
        FileText {
            parts: self.parts.clone(),
            starts: self.starts.clone(),
            len: self.len,
            whole: OnceLock::new(),
        }
    }
}

impl std::fmt::Debug for FileText {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), formatter)
    }
}

impl std::fmt::Display for FileText {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.parts().try_for_each(|part| formatter.write_str(part))
    }
}

impl<'c> ItemText<'c> {
    /// The text of an item kept in the cache, as long as the cache.
    #[cfg(test)]
    pub fn kept(&self) -> Option<&'c str> {
        match self {
            ItemText::Kept { text, range } => Some(&text.as_str()[range.clone()]),
            ItemText::Made(_) => None,
        }
    }

    /// The text, whether kept or made.
    #[cfg(test)]
    pub fn as_str(&self) -> &str {
        match self {
            ItemText::Kept { text, range } => &text.as_str()[range.clone()],
            ItemText::Made(text) => text,
        }
    }

    pub fn len(&self) -> usize {
        match self {
            ItemText::Kept { range, .. } => range.len(),
            ItemText::Made(text) => text.len(),
        }
    }
}

impl FileTextBuilder {
    /// Appends `item`; a made item that starts a run of them reserves `run`, the run's length.
    /// A kept item right after the kept part before it extends that part; made text that the
    /// kept text holds just before a kept item (a file's head, before its first item) is taken
    /// from there too, so that an unchanged file is one part.
    fn push(&mut self, item: ItemText<'_>, run: usize) {
        match item {
            ItemText::Made(text) => match self.parts.last_mut() {
                Some(Part::Made(last)) => last.push_str(&text),
                _ if text.len() == run => self.parts.push(Part::Made(text)),
                _ => {
                    let mut part = String::with_capacity(run);
                    part.push_str(&text);
                    self.parts.push(Part::Made(part));
                }
            },
            ItemText::Kept { text, range } => self.push_kept(text, range),
        }
    }

    fn push_kept(&mut self, text: &Arc<KeptText>, range: Range<usize>) {
        let joined_start = match self.parts.last() {
            Some(Part::Kept(last, last_range))
                if Arc::ptr_eq(last, text) && last_range.end == range.start =>
            {
                Some(last_range.start)
            }
            Some(Part::Made(made)) => range
                .start
                .checked_sub(made.len())
                .filter(|&start| text.as_str().get(start..range.start) == Some(made.as_str())),
            _ => None,
        };
        let start = match joined_start {
            Some(start) => {
                self.parts.pop();
                start
            }
            None => range.start,
        };
        self.parts
            .push(Part::Kept(Arc::clone(text), start..range.end));
    }

    fn finish(self) -> FileText {
        let parts: Vec<Part> = self
            .parts
            .into_iter()
            .filter(|part| !part.as_str().is_empty())
            .collect();
        let mut len = 0;
        let starts = parts
            .iter()
            .map(|part| {
                let start = len;
                len += part.as_str().len();
                start
            })
            .collect();
        FileText {
            parts,
            starts,
            len,
            whole: OnceLock::new(),
        }
    }
}

impl Part {
    fn as_str(&self) -> &str {
        match self {
            Part::Made(text) => text,
            Part::Kept(text, range) => &text.as_str()[range.clone()],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache_file::FileBytes;

    /// `text` kept as a cache file keeps an earlier run's files: amid other bytes.
    fn kept(text: &str) -> Arc<KeptText> {
        let bytes = FileBytes::Read(format!("##{text}##").into_bytes());
        Arc::new(KeptText::new(bytes, 2..2 + text.len()).unwrap())
    }

    fn kept_item<'c>(text: &'c Arc<KeptText>, item: &str) -> ItemText<'c> {
        let start = text.as_str().find(item).unwrap();
        ItemText::Kept {
            text,
            range: start..start + item.len(),
        }
    }

    fn made(text: &str) -> ItemText<'static> {
        ItemText::Made(text.to_owned())
    }

    #[test]
    fn an_unchanged_file_is_one_part_of_the_kept_text_head_and_all() {
        let cache = kept("// head\nfn a() {}\nfn b() {}\n");
        let items = vec![
            made("// head\n"),
            kept_item(&cache, "fn a() {}\n"),
            kept_item(&cache, "fn b() {}\n"),
        ];
        let file = FileText::from_items(items);
        assert_eq!(file.parts().count(), 1);
        assert_eq!(file, "// head\nfn a() {}\nfn b() {}\n");
    }

    #[test]
    fn a_changed_item_cuts_the_kept_runs_around_it() {
        let cache = kept("// head\nfn a() {}\nfn b() {}\nfn c() {}\n");
        let items = vec![
            made("// other head\n"),
            kept_item(&cache, "fn a() {}\n"),
            made("fn B() {}\n"),
            kept_item(&cache, "fn c() {}\n"),
        ];
        let file = FileText::from_items(items);
        let parts: Vec<&str> = file.parts().collect();
        assert_eq!(
            parts,
            [
                "// other head\n",
                "fn a() {}\n",
                "fn B() {}\n",
                "fn c() {}\n"
            ]
        );
        assert_eq!(file.as_str(), parts.concat());
        assert_eq!(file.within_part(14..24), Some("fn a() {}\n"));
        assert_eq!(file.within_part(20..30), None, "across two parts");
    }

    #[test]
    fn bytes_compare_alike_wherever_the_parts_are_cut() {
        let cache = kept("x\nfn a() {}\nfn b() {}\n");
        let items = vec![
            made("h\n"),
            kept_item(&cache, "fn a() {}\n"),
            made("é\n"),
            kept_item(&cache, "fn b() {}\n"),
        ];
        let file = FileText::from_items(items);
        let whole = file.to_string();
        assert_eq!(file.parts().count(), 4);
        let bytes = whole.as_bytes();
        for at in 0..=bytes.len() {
            for end in at..=bytes.len() {
                assert!(file.bytes_at_are(at, &bytes[at..end]), "{at}..{end}");
            }
            let mut other = bytes[at..].to_vec();
            if let Some(last) = other.last_mut() {
                *last ^= 1;
                assert!(
                    !file.bytes_at_are(at, &other),
                    "{at}.. with its last byte off"
                );
            }
        }
        assert!(!file.bytes_at_are(bytes.len(), b"x"), "past the end");
        assert_eq!(file, FileText::from(whole.clone()));
        assert_ne!(file, FileText::from(whole.replace('é', "e")));
    }

    #[test]
    fn every_item_of_a_file_cut_at_every_item_is_found_in_its_part() {
        let texts: Vec<String> = (0..50).map(|idx| format!("fn f{idx}() {{}}\n")).collect();
        let cache = kept(&texts.concat());
        let mut items = Vec::new();
        let mut spans = Vec::new();
        let mut at = 0;
        for (idx, text) in texts.iter().enumerate() {
            spans.push(at..at + text.len());
            at += text.len();
            match idx % 2 {
                0 => items.push(kept_item(&cache, text)),
                _ => items.push(made(&text.to_uppercase())),
            }
        }
        let file = FileText::from_items(items);
        assert_eq!(file.parts().count(), 50);
        for (idx, span) in spans.into_iter().enumerate() {
            let item = file.within_part(span).unwrap();
            assert_eq!(item.to_lowercase(), texts[idx]);
        }
        assert_eq!(file, FileText::from(file.to_string()));
    }

    #[test]
    fn kept_text_that_is_not_utf8_is_refused() {
        let bytes = FileBytes::Read(vec![b'a', 0xff, b'b']);
        assert!(KeptText::new(bytes, 0..3).is_none());
        let bytes = FileBytes::Read(b"abc".to_vec());
        assert!(KeptText::new(bytes, 1..4).is_none(), "past the end");
    }
}
