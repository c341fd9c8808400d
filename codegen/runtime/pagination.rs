//! Paged list endpoints, as one page or as a lazy stream of items.
//!
//! A [`Page`] is one decoded response of a list endpoint; [`paginate`] turns a "fetch page n"
//! function, and [`paginate_cursor`] a "fetch the page after this cursor" function, into a
//! [`PageStream`] of items that requests pages one at a time, only as they are consumed, and
//! always ends. Building the request for a page (its `page` or `cursor` query parameter) is left
//! to the generated code, and decoding the envelope to `decode`.

use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;

use futures_core::Stream;
use futures_util::stream::{self, StreamExt};
use serde::{Deserialize, Deserializer};

use crate::runtime::error::Result;

/// One page of a list endpoint.
#[derive(Clone, Debug)]
pub struct Page<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// The envelope's `result_info`, when the API sent one.
    pub info: Option<PageInfo>,
    /// A hash of the raw `result`, to notice a server that ignores the `page` parameter.
    fingerprint: Option<u64>,
    /// The cursor of the page after this one, from `result_info.cursor` or
    /// `result_info.cursors.after`; empty means none.
    next_cursor: Option<String>,
}

/// The envelope's `result_info`: where this page sits in the whole list.
///
/// Decoding is lenient: a field may be missing, null, an integer, a whole float such as `2.0`,
/// or a numeric string; anything else reads as missing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct PageInfo {
    /// The number of this page, counting from 1.
    #[serde(deserialize_with = "lenient_u64")]
    pub page: Option<u64>,
    /// The page size the server used.
    #[serde(deserialize_with = "lenient_u64")]
    pub per_page: Option<u64>,
    /// How many items this page holds.
    #[serde(deserialize_with = "lenient_u64")]
    pub count: Option<u64>,
    /// How many items the whole list holds.
    #[serde(deserialize_with = "lenient_u64")]
    pub total_count: Option<u64>,
    /// How many pages the whole list holds.
    #[serde(deserialize_with = "lenient_u64")]
    pub total_pages: Option<u64>,
}

/// A stream of the items of every page, fetched lazily; see [`paginate`].
pub type PageStream<T> = Pin<Box<dyn Stream<Item = Result<T>> + Send + 'static>>;

/// Streams the items of every page, starting at `first_page`.
///
/// `fetch(n)` must request page `n`. Nothing is requested until the stream is first polled, and
/// page `n + 1` is requested only once the items of page `n` have all been yielded, so only one
/// page is held in memory. The stream always ends, at the first of:
///
/// - a page with no items;
/// - a page whose `result_info` says it is the last (`page >= total_pages`);
/// - a page whose raw `result` is identical to the previous page's, which means the server
///   ignores the `page` parameter (its items were already yielded, so they are not repeated);
/// - an error, which is yielded once.
pub fn paginate<T, F, Fut>(first_page: u64, fetch: F) -> PageStream<T>
where
    T: Send + 'static,
    F: FnMut(u64) -> Fut + Send + 'static,
    Fut: Future<Output = Result<Page<T>>> + Send + 'static,
{
    let pager = Pager {
        fetch,
        next_page: Some(first_page),
        previous_fingerprint: None,
    };
    let pages = stream::unfold(pager, Pager::next);
    Box::pin(pages.flat_map(|page| match page {
        Ok(items) => stream::iter(items).map(Ok).left_stream(),
        Err(error) => stream::once(async { Err(error) }).right_stream(),
    }))
}

/// Streams the items of every page of a cursor-paged list, starting after `first_cursor`
/// (`None` for the beginning).
///
/// `fetch(cursor)` must request the page after `cursor`. Pages are requested lazily, as in
/// [`paginate`], and the stream always ends, at the first of:
///
/// - a page with no items;
/// - a page without a next cursor, or with an empty one;
/// - a next cursor already used, which would loop (the server's items so far were yielded once);
/// - a page whose raw `result` is identical to the previous page's;
/// - an error, which is yielded once.
pub fn paginate_cursor<T, F, Fut>(first_cursor: Option<String>, fetch: F) -> PageStream<T>
where
    T: Send + 'static,
    F: FnMut(Option<String>) -> Fut + Send + 'static,
    Fut: Future<Output = Result<Page<T>>> + Send + 'static,
{
    let pager = CursorPager {
        fetch,
        next_cursor: Some(first_cursor),
        used: HashSet::new(),
        previous_fingerprint: None,
    };
    let pages = stream::unfold(pager, CursorPager::next);
    Box::pin(pages.flat_map(|page| match page {
        Ok(items) => stream::iter(items).map(Ok).left_stream(),
        Err(error) => stream::once(async { Err(error) }).right_stream(),
    }))
}

/// The state between two pages: what to fetch next and what the last page looked like.
struct Pager<F> {
    fetch: F,
    /// `None` once the stream has ended.
    next_page: Option<u64>,
    previous_fingerprint: Option<u64>,
}

/// The state between two pages of a cursor-paged list.
struct CursorPager<F> {
    fetch: F,
    /// The cursor to fetch after (`Some(None)` is the first page); `None` once the stream ended.
    next_cursor: Option<Option<String>>,
    /// Every cursor requested so far: a server that hands one out twice would loop forever.
    used: HashSet<String>,
    previous_fingerprint: Option<u64>,
}

impl<T> Page<T> {
    /// A page built by hand, e.g. by a custom fetch function.
    ///
    /// Such a page has no fingerprint, so [`paginate`] cannot tell whether it repeats the
    /// previous one; it still stops on an empty page or on `page >= total_pages`.
    pub fn new(items: Vec<T>, info: Option<PageInfo>) -> Self {
        Page {
            items,
            info,
            fingerprint: None,
            next_cursor: None,
        }
    }

    /// The cursor that selects the page after this one, when the server sent a non-empty one.
    pub fn next_cursor(&self) -> Option<&str> {
        self.next_cursor
            .as_deref()
            .filter(|cursor| !cursor.is_empty())
    }

    /// Attaches the cursor of the next page, as the envelope's `result_info` reported it.
    pub(crate) fn with_next_cursor(mut self, cursor: Option<String>) -> Self {
        self.next_cursor = cursor;
        self
    }

    /// Whether a next page may hold more items.
    ///
    /// False when this page is empty or when `result_info` reports it as the last one.
    /// A server that reports no totals gets the benefit of the doubt.
    pub fn has_next_page(&self) -> bool {
        if self.items.is_empty() {
            return false;
        }
        match &self.info {
            Some(PageInfo {
                page: Some(page),
                total_pages: Some(total_pages),
                ..
            }) => page < total_pages,
            _ => true,
        }
    }

    /// The number of the next page, when there is one and this page reported its own number.
    pub fn next_page_number(&self) -> Option<u64> {
        if !self.has_next_page() {
            return None;
        }
        self.info.as_ref()?.page?.checked_add(1)
    }

    /// Attaches the fingerprint of the raw `result` this page was decoded from.
    pub(crate) fn with_fingerprint(mut self, fingerprint: u64) -> Self {
        self.fingerprint = Some(fingerprint);
        self
    }
}

impl<F> Pager<F> {
    /// Fetches the next page, returning its items and the state after it, or `None` at the end.
    async fn next<T, Fut>(mut self) -> Option<(Result<Vec<T>>, Self)>
    where
        F: FnMut(u64) -> Fut,
        Fut: Future<Output = Result<Page<T>>>,
    {
        let page_number = self.next_page?;
        let page = match (self.fetch)(page_number).await {
            Ok(page) => page,
            Err(error) => {
                self.next_page = None;
                return Some((Err(error), self));
            }
        };
        let repeated = page.fingerprint.is_some() && page.fingerprint == self.previous_fingerprint;
        if page.items.is_empty() || repeated {
            return None;
        }
        // Count pages ourselves rather than trusting `info.page`: a server that echoes a wrong
        // page number must not send us back to a page we already saw.
        self.next_page = if page.has_next_page() {
            page_number.checked_add(1)
        } else {
            None
        };
        self.previous_fingerprint = page.fingerprint;
        Some((Ok(page.items), self))
    }
}

impl<F> CursorPager<F> {
    /// Fetches the next page, returning its items and the state after it, or `None` at the end.
    async fn next<T, Fut>(mut self) -> Option<(Result<Vec<T>>, Self)>
    where
        F: FnMut(Option<String>) -> Fut,
        Fut: Future<Output = Result<Page<T>>>,
    {
        let cursor = self.next_cursor.take()?;
        if let Some(cursor) = &cursor {
            self.used.insert(cursor.clone());
        }
        let page = match (self.fetch)(cursor).await {
            Ok(page) => page,
            Err(error) => return Some((Err(error), self)),
        };
        let repeated = page.fingerprint.is_some() && page.fingerprint == self.previous_fingerprint;
        if page.items.is_empty() || repeated {
            return None;
        }
        self.next_cursor = page
            .next_cursor()
            .filter(|next| !self.used.contains(*next))
            .map(|next| Some(next.to_owned()));
        self.previous_fingerprint = page.fingerprint;
        Some((Ok(page.items), self))
    }
}

/// Reads a count that servers send as an integer, a whole float or a string; else `None`.
fn lenient_u64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u64>, D::Error> {
    let value = Option::<serde_json::Value>::deserialize(deserializer)?;
    Ok(match value {
        Some(serde_json::Value::Number(number)) => number.as_u64().or_else(|| {
            number
                .as_f64()
                .filter(|float| float.fract() == 0.0 && (0.0..=u64::MAX as f64).contains(float))
                .map(|float| float as u64)
        }),
        Some(serde_json::Value::String(text)) => text.trim().parse().ok(),
        _ => None,
    })
}
