//! The machinery of the in-process fake (the `testing` feature): routing, recording, replies.
//!
//! [`FakeServer`] is a [`Transport`]: a client built on it sends each attempt here instead of
//! to the network, so retries, timeouts, pagination and error mapping run as they do for real.
//! It matches the attempt to one of the document's operations by method and path template,
//! records it, and lets that operation's handler answer. An [`Operation`] is the typed handle
//! the generated `fake` module gives out per operation: it decodes and validates the request
//! into the operation's typed input (answering 400 in the envelope shape when that fails), runs
//! the handler, and encodes its typed result as its [`Reply`] says (an envelope, a page of a
//! list). All of that is generic and lives here once; the generated code only declares each
//! operation (its route, its input type with a [`FakeInput`] impl, its output type and
//! `Reply`), so this module knows no particular API.

use std::any::Any;
use std::collections::{BTreeMap, VecDeque};
use std::fmt;
use std::marker::PhantomData;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use bytes::Bytes;
use percent_encoding::percent_decode_str;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE, RETRY_AFTER};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

use crate::runtime::core::{Core, CoreConfig};
use crate::runtime::error::{Error, ResponseMessage, Result};
use crate::runtime::multipart::{decode_parts, FilePart, ReceivedPart};
use crate::runtime::retry::Backoff;
use crate::runtime::transport::{Transport, TransportFuture, TransportRequest, TransportResponse};

/// The base URL of a client talking to the fake; nothing is ever sent there.
pub const FAKE_BASE_URL: &str = "http://fake.invalid";

/// Items per page when a list request names no `per_page`.
pub const DEFAULT_PAGE_SIZE: usize = 20;

/// One operation of the document, as the generated `fake` module lists it.
#[derive(Clone, Copy, Debug)]
pub struct Route {
    /// The operation's name in the client, e.g. `resource_sharing.recipients.create`.
    pub operation: &'static str,
    /// The HTTP method.
    pub method: &'static str,
    /// The path template, e.g. `/accounts/{account_id}/shares`.
    pub template: &'static str,
}

/// The fake API: every operation's handler, and every call it received.
pub struct FakeServer {
    routes: Vec<Route>,
    state: Mutex<State>,
}

/// A request as the fake received it, before decoding into an operation's input.
#[derive(Clone, Debug)]
pub struct FakeRequest {
    method: Method,
    path: String,
    path_params: Vec<(String, String)>,
    /// Query pairs as sent, still percent-encoded, so a comma-joined list can be split first.
    query: Vec<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
}

/// One call the fake received, and how it answered.
#[derive(Clone, Debug)]
pub struct Call {
    /// The operation it matched (`resource_sharing.create`), or `None` when none did.
    pub operation: Option<&'static str>,
    /// Whether a handler was registered for it; a call without one is unexpected.
    pub handled: bool,
    /// The status the fake answered with.
    pub status: u16,
    /// The request.
    pub request: FakeRequest,
}

/// An error answer: a status, the envelope's errors and messages, extra headers, and a delay.
///
/// `FakeError::status(404).error(1003, "share not found")` answers like the API does when a
/// share is missing; [`FakeError::rate_limited`] adds `Retry-After`; [`FakeError::unsuccessful`]
/// answers 200 with `success: false`.
#[derive(Clone, Debug)]
pub struct FakeError {
    status: u16,
    success_status: bool,
    errors: Vec<ResponseMessage>,
    messages: Vec<ResponseMessage>,
    headers: Vec<(String, String)>,
    delay: Duration,
}

/// The typed handle of one operation: register what it answers, and read its calls.
///
/// `I` is the operation's input (path and query parameters, headers and body, decoded and
/// validated); `O` is what the operation returns (for a paginated list, every item: the fake
/// serves them page by page).
pub struct Operation<I, O> {
    server: Arc<FakeServer>,
    /// The operation's name, as in [`Route::operation`].
    operation: &'static str,
    reply: Reply<O>,
    input: PhantomData<fn() -> I>,
}

/// An operation's input type, as the generated `fake` module declares it: the request
/// builder's fields, read back from a request.
///
/// [`Operation`] calls [`FakeInput::read`], then [`FakeInput::validate`], and answers 400 when
/// either fails, so each operation's code says only what is particular to it.
pub trait FakeInput: Sized + Send + 'static {
    /// Reads the inputs from a request; a missing or mistyped one is an error (usually 400).
    fn read(request: &FakeRequest) -> std::result::Result<Self, FakeError>;

    /// The document's constraints on these inputs, checked as the client checks them before
    /// sending; none by default.
    fn validate(&self) -> Result<()> {
        Ok(())
    }
}

/// How an operation writes its output `O` as the API would: the body's shape and the status.
///
/// Made by the constructor that fits the output: [`Reply::envelope`] or [`Reply::json`] for
/// any serialisable value, [`Reply::page`] and [`Reply::page_in`] for every item of a list,
/// [`Reply::text`], [`Reply::bytes`] and [`Reply::empty`] for the outputs of those names.
pub struct Reply<O> {
    write: Arc<WriteFn<O>>,
}

/// A complete answer of the fake.
#[derive(Clone, Debug)]
pub struct FakeResponse {
    status: u16,
    headers: Vec<(String, String)>,
    body: Bytes,
    delay: Duration,
}

#[derive(Default)]
struct State {
    handlers: BTreeMap<&'static str, Registered>,
    calls: Vec<Call>,
}

/// A registered operation: its type-erased responder, and the typed slot its handle fills.
struct Registered {
    responder: Arc<dyn Responder>,
    slot: Arc<dyn Any + Send + Sync>,
}

type Handler<I, O> = Arc<dyn Fn(I) -> std::result::Result<O, FakeError> + Send + Sync>;

type WriteFn<O> = dyn Fn(O, &FakeRequest) -> FakeResponse + Send + Sync;

/// What one operation answers: one-off replies first, in order, then the standing handler.
struct Slot<I, O> {
    queued: VecDeque<std::result::Result<O, FakeError>>,
    handler: Option<Handler<I, O>>,
    delay: Duration,
}

struct TypedResponder<I, O> {
    reply: Reply<O>,
    slot: Arc<Mutex<Slot<I, O>>>,
}

trait Responder: Send + Sync {
    /// The answer, or `None` when nothing is left to answer with.
    fn respond(&self, request: &FakeRequest) -> Option<FakeResponse>;
}

impl FakeServer {
    /// A fake of the API with these operations, none of them handled yet.
    pub fn new(routes: &[Route]) -> Arc<FakeServer> {
        Arc::new(FakeServer {
            routes: routes.to_vec(),
            state: Mutex::new(State::default()),
        })
    }

    /// A client core that sends every attempt here.
    ///
    /// Retries, timeouts and error mapping run as configured by default, except that the wait
    /// between attempts is zero unless the fake's answer asks for one (`Retry-After`).
    pub fn core(self: &Arc<Self>, request_id_header: Option<&'static str>) -> Result<Core> {
        let user_agent = format!(
            "{}/{} (fake)",
            env!("CARGO_PKG_NAME"),
            env!("CARGO_PKG_VERSION")
        );
        let mut config = CoreConfig::new(FAKE_BASE_URL, user_agent);
        config.request_id_header = request_id_header;
        config.backoff = Backoff {
            initial_delay: Duration::ZERO,
            max_delay: Duration::ZERO,
        };
        let transport: Arc<dyn Transport> = self.clone();
        config.transport = Some(transport);
        Core::new(config)
    }

    /// The typed handle of the operation named `operation` (as in its [`Route`]), answering
    /// as `reply` says.
    pub fn operation<I, O>(
        self: &Arc<Self>,
        operation: &'static str,
        reply: Reply<O>,
    ) -> Operation<I, O> {
        Operation {
            server: self.clone(),
            operation,
            reply,
            input: PhantomData,
        }
    }

    /// Every call received so far, in order, retries included.
    pub fn calls(&self) -> Vec<Call> {
        self.lock().calls.clone()
    }

    /// Panics, naming them, when a registered operation was never called.
    pub fn assert_all_called(&self) {
        let state = self.lock();
        let uncalled: Vec<&str> = state
            .handlers
            .keys()
            .filter(|name| {
                !state
                    .calls
                    .iter()
                    .any(|call| call.operation == Some(**name))
            })
            .copied()
            .collect();
        assert!(
            uncalled.is_empty(),
            "operations registered with the fake but never called: {}",
            uncalled.join(", ")
        );
    }

    /// Panics, describing them, when a call reached no handler (an unregistered operation, or
    /// a path no operation of the API has).
    pub fn assert_no_unexpected_calls(&self) {
        let unexpected: Vec<String> = self
            .lock()
            .calls
            .iter()
            .filter(|call| !call.handled)
            .map(|call| {
                let name = call.operation.unwrap_or("no operation");
                format!("{} {} ({name})", call.request.method, call.request.path)
            })
            .collect();
        assert!(
            unexpected.is_empty(),
            "calls the fake had no handler for: {}",
            unexpected.join(", ")
        );
    }

    /// Routes, answers and records one attempt.
    fn answer(&self, request: TransportRequest) -> FakeResponse {
        let path = request.url.path().to_owned();
        let query = request.url.query().map(split_query).unwrap_or_default();
        let (route, path_params) = match self.route(request.method.as_str(), &path) {
            Some((route, params)) => (Some(route), params),
            None => (None, Vec::new()),
        };
        let fake_request = FakeRequest {
            method: request.method,
            path,
            path_params,
            query,
            headers: request.headers,
            body: request.body,
        };
        let operation = route.map(|route| route.operation);
        let responder = operation.and_then(|name| {
            let state = self.lock();
            state
                .handlers
                .get(name)
                .map(|registered| registered.responder.clone())
        });
        // The responder runs without the lock, so a handler may use the fake itself.
        let answer = responder.and_then(|responder| responder.respond(&fake_request));
        let handled = answer.is_some();
        let response = answer.unwrap_or_else(|| match route {
            Some(route) => unregistered(route),
            None => FakeError::status(404)
                .error(
                    404,
                    format!(
                        "the fake knows no operation {} {}",
                        fake_request.method, fake_request.path
                    ),
                )
                .into_response(),
        });
        self.lock().calls.push(Call {
            operation,
            handled,
            status: response.status,
            request: fake_request,
        });
        response
    }

    /// The route for `method` and `path`, preferring the one with the most literal segments
    /// (`/shares/search` over `/shares/{id}`), with its path parameters decoded.
    fn route(&self, method: &str, path: &str) -> Option<(&Route, Vec<(String, String)>)> {
        self.routes
            .iter()
            .filter(|route| route.method.eq_ignore_ascii_case(method))
            .filter_map(|route| {
                match_template(route.template, path)
                    .map(|(literals, params)| (route, literals, params))
            })
            .max_by_key(|(_, literals, _)| *literals)
            .map(|(route, _, params)| (route, params))
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A handler that panicked leaves the state consistent: each change is one push.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Transport for FakeServer {
    fn send(&self, request: TransportRequest) -> TransportFuture<'_> {
        let response = self.answer(request);
        Box::pin(async move {
            if !response.delay.is_zero() {
                tokio::time::sleep(response.delay).await;
            }
            Ok(response.into_transport())
        })
    }
}

impl<I: FakeInput, O: Send + 'static> Operation<I, O> {
    /// Answers every call with what `handler` returns for the call's typed input.
    pub fn handle<F>(&self, handler: F) -> &Self
    where
        F: Fn(I) -> std::result::Result<O, FakeError> + Send + Sync + 'static,
    {
        self.with_slot(|slot| slot.handler = Some(Arc::new(handler)));
        self
    }

    /// Answers every call with `value`.
    pub fn returns(&self, value: O) -> &Self
    where
        O: Clone + Sync,
    {
        self.handle(move |_| Ok(value.clone()))
    }

    /// Answers every call with `error`.
    pub fn fails(&self, error: FakeError) -> &Self {
        self.handle(move |_| Err(error.clone()))
    }

    /// Answers the next call with `reply`, before the standing handler; queue several to
    /// script a sequence (a 429, then a success).
    pub fn once(&self, reply: std::result::Result<O, FakeError>) -> &Self {
        self.with_slot(|slot| slot.queued.push_back(reply));
        self
    }

    /// Waits `delay` before every answer, so the client's timeout can run.
    pub fn delay(&self, delay: Duration) -> &Self {
        self.with_slot(|slot| slot.delay = delay);
        self
    }

    /// The typed inputs of every call of this operation that decoded, in order.
    pub fn calls(&self) -> Vec<I> {
        self.server
            .calls()
            .iter()
            .filter(|call| call.operation == Some(self.operation))
            .filter_map(|call| decode::<I>(&call.request).ok())
            .collect()
    }

    /// The slot of this operation, registering it on first use.
    fn with_slot(&self, change: impl FnOnce(&mut Slot<I, O>)) {
        let mut state = self.server.lock();
        let registered = state.handlers.entry(self.operation).or_insert_with(|| {
            let slot = Arc::new(Mutex::new(Slot::<I, O> {
                queued: VecDeque::new(),
                handler: None,
                delay: Duration::ZERO,
            }));
            Registered {
                responder: Arc::new(TypedResponder {
                    reply: self.reply.clone(),
                    slot: slot.clone(),
                }),
                slot,
            }
        });
        let slot = registered
            .slot
            .clone()
            .downcast::<Mutex<Slot<I, O>>>()
            .unwrap_or_else(|_| panic!("`{}` is registered with two types", self.operation));
        drop(state);
        let mut slot = slot.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        change(&mut slot);
    }
}

impl<O: Serialize> Reply<O> {
    /// The API's envelope around the output: `{ success: true, …, result }`.
    pub fn envelope(status: u16) -> Self {
        Reply::new(move |value, _| envelope(value, status))
    }

    /// The output as a plain JSON body.
    pub fn json(status: u16) -> Self {
        Reply::new(move |value, _| json(value, status))
    }
}

impl<T: Serialize> Reply<Vec<T>> {
    /// The page of the items the request asks for (`page_param`, from 1, and `per_page`) as
    /// the envelope's `result`, with `result_info`.
    pub fn page(page_param: &'static str, status: u16) -> Self {
        Reply::new(move |items, request| envelope_page(items, request, page_param, status))
    }

    /// As [`Reply::page`], with the page's items as the `property` of an object `result`.
    pub fn page_in(page_param: &'static str, property: &'static str, status: u16) -> Self {
        Reply::new(move |items, request| {
            envelope_page_in(items, request, page_param, property, status)
        })
    }
}

impl Reply<String> {
    /// The output as a text body.
    pub fn text(status: u16) -> Self {
        Reply::new(move |value, _| text(value, status))
    }
}

impl Reply<Bytes> {
    /// The output as a binary body.
    pub fn bytes(status: u16) -> Self {
        Reply::new(move |value, _| bytes(value, status))
    }
}

impl Reply<()> {
    /// No body.
    pub fn empty(status: u16) -> Self {
        Reply::new(move |value, _| empty(value, status))
    }
}

impl<O> Reply<O> {
    fn new(write: impl Fn(O, &FakeRequest) -> FakeResponse + Send + Sync + 'static) -> Self {
        Reply {
            write: Arc::new(write),
        }
    }
}

impl<O> Clone for Reply<O> {
    fn clone(&self) -> Self {
        Reply {
            write: self.write.clone(),
        }
    }
}

impl<I: FakeInput, O: Send + 'static> Responder for TypedResponder<I, O> {
    fn respond(&self, request: &FakeRequest) -> Option<FakeResponse> {
        let input = match decode::<I>(request) {
            Ok(input) => input,
            Err(error) => return Some(error.into_response()),
        };
        let (queued, handler, delay) = {
            let mut slot = self
                .slot
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            (slot.queued.pop_front(), slot.handler.clone(), slot.delay)
        };
        let reply = match (queued, handler) {
            (Some(reply), _) => reply,
            (None, Some(handler)) => handler(input),
            (None, None) => return None,
        };
        let mut response = match reply {
            Ok(output) => (self.reply.write)(output, request),
            Err(error) => error.into_response(),
        };
        response.delay += delay;
        Some(response)
    }
}

impl FakeRequest {
    /// The HTTP method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The path as sent, still percent-encoded.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The headers as sent (credentials and defaults included).
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The body as sent.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// A query parameter's decoded values, in order (one per repeated key).
    pub fn query(&self, name: &str) -> Vec<String> {
        self.raw_query(name).map(decode_component).collect()
    }

    /// A path parameter, read as `T`.
    pub fn path_param<T: DeserializeOwned>(&self, name: &str) -> std::result::Result<T, FakeError> {
        let text = self
            .path_params
            .iter()
            .find(|(param, _)| param == name)
            .map(|(_, value)| value.as_str())
            .ok_or_else(|| invalid(name, "is missing from the path"))?;
        parse_text(name, text)
    }

    /// A query parameter, read as `T`; `None` when absent.
    pub fn query_param<T: DeserializeOwned>(
        &self,
        name: &str,
    ) -> std::result::Result<Option<T>, FakeError> {
        match self.raw_query(name).next() {
            Some(raw) => parse_text(name, &decode_component(raw)).map(Some),
            None => Ok(None),
        }
    }

    /// A list query parameter: repeated keys when `explode`, else one comma-joined value.
    pub fn query_list<T: DeserializeOwned>(
        &self,
        name: &str,
        explode: bool,
    ) -> std::result::Result<Option<Vec<T>>, FakeError> {
        let raw: Vec<&str> = self.raw_query(name).collect();
        if raw.is_empty() {
            return Ok(None);
        }
        let items: Vec<String> = if explode {
            raw.into_iter().map(decode_component).collect()
        } else {
            // Each item was encoded on its own and joined with a literal comma.
            raw[0].split(',').map(decode_component).collect()
        };
        items
            .iter()
            .map(|item| parse_text(name, item))
            .collect::<std::result::Result<Vec<T>, _>>()
            .map(Some)
    }

    /// A header parameter, read as `T`; `None` when absent.
    pub fn header_param<T: DeserializeOwned>(
        &self,
        name: &str,
    ) -> std::result::Result<Option<T>, FakeError> {
        match self.header_text(name)? {
            Some(text) => parse_text(name, &text).map(Some),
            None => Ok(None),
        }
    }

    /// A list header parameter, comma-joined; `None` when absent.
    pub fn header_list<T: DeserializeOwned>(
        &self,
        name: &str,
    ) -> std::result::Result<Option<Vec<T>>, FakeError> {
        let Some(text) = self.header_text(name)? else {
            return Ok(None);
        };
        text.split(',')
            .map(|item| parse_text(name, item.trim()))
            .collect::<std::result::Result<Vec<T>, _>>()
            .map(Some)
    }

    /// A JSON body, read as `T`; `None` when there is none.
    pub fn json_body<T: DeserializeOwned>(&self) -> std::result::Result<Option<T>, FakeError> {
        if self.body.is_empty() {
            return Ok(None);
        }
        let deserializer = &mut serde_json::Deserializer::from_slice(&self.body);
        serde_path_to_error::deserialize(deserializer)
            .map(Some)
            .map_err(|error| body_error(error.path().to_string(), error.inner().to_string()))
    }

    /// A form body, read as `T`; `None` when there is none.
    pub fn form_body<T: DeserializeOwned>(&self) -> std::result::Result<Option<T>, FakeError> {
        if self.body.is_empty() {
            return Ok(None);
        }
        serde_urlencoded::from_bytes(&self.body)
            .map(Some)
            .map_err(|error| body_error(String::from("."), error.to_string()))
    }

    /// A multipart body: its text fields read as `T` (file fields, which serde skips, stay
    /// empty) and every part, for [`file_part`] and [`file_parts`]; `None` when there is none.
    pub fn multipart_body<T: DeserializeOwned>(
        &self,
    ) -> std::result::Result<Option<(T, Vec<ReceivedPart>)>, FakeError> {
        if self.body.is_empty() {
            return Ok(None);
        }
        let content_type = self.header_text(CONTENT_TYPE.as_str())?.unwrap_or_default();
        let parts = decode_parts(&content_type, &self.body)
            .map_err(|message| body_error(String::from("."), message))?;
        let mut fields = serde_json::Map::new();
        for part in parts.iter().filter(|part| part.filename.is_none()) {
            let value = part_value(part)?;
            match fields.get_mut(&part.name) {
                // A repeated name is a list, sent one part per item.
                Some(Value::Array(items)) => items.push(value),
                Some(first) => *first = Value::Array(vec![first.take(), value]),
                None => {
                    fields.insert(part.name.clone(), value);
                }
            }
        }
        let body = decode_text_fields(Value::Object(fields))?;
        Ok(Some((body, parts)))
    }

    /// A text body; `None` when there is none.
    pub fn text_body(&self) -> std::result::Result<Option<String>, FakeError> {
        if self.body.is_empty() {
            return Ok(None);
        }
        String::from_utf8(self.body.to_vec())
            .map(Some)
            .map_err(|_| body_error(String::from("."), String::from("is not UTF-8 text")))
    }

    /// A binary body; `None` when there is none.
    pub fn bytes_body(&self) -> std::result::Result<Option<Vec<u8>>, FakeError> {
        Ok((!self.body.is_empty()).then(|| self.body.to_vec()))
    }

    fn raw_query<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.query
            .iter()
            .filter(move |(key, _)| decode_component(key) == name)
            .map(|(_, value)| value.as_str())
    }

    fn header_text(&self, name: &str) -> std::result::Result<Option<String>, FakeError> {
        match self.headers.get(name) {
            Some(value) => value
                .to_str()
                .map(|text| Some(text.to_owned()))
                .map_err(|_| invalid(name, "is not text")),
            None => Ok(None),
        }
    }
}

impl FakeError {
    /// An error answer with this status and no messages yet.
    pub fn status(status: u16) -> Self {
        FakeError {
            status,
            success_status: false,
            errors: Vec::new(),
            messages: Vec::new(),
            headers: Vec::new(),
            delay: Duration::ZERO,
        }
    }

    /// 429 Too Many Requests, asking the client to wait `retry_after` (sent as `Retry-After`
    /// in whole seconds, rounded up).
    pub fn rate_limited(retry_after: Duration) -> Self {
        let seconds = retry_after.as_secs() + u64::from(retry_after.subsec_nanos() > 0);
        FakeError::status(429)
            .error(10000, "rate limited")
            .header(RETRY_AFTER.as_str(), seconds.to_string())
    }

    /// A 200 answer whose envelope says `success: false`, with this error.
    pub fn unsuccessful(code: i64, message: impl Into<String>) -> Self {
        let mut error = FakeError::status(200).error(code, message);
        error.success_status = true;
        error
    }

    /// The 400 the fake answers when a request breaks the document's rules.
    pub fn invalid_request(error: Error) -> Self {
        FakeError::status(400).error(400, error.to_string())
    }

    /// Adds an entry to the envelope's `errors`.
    pub fn error(mut self, code: i64, message: impl Into<String>) -> Self {
        self.errors.push(message_entry(code, message.into()));
        self
    }

    /// Adds an entry to the envelope's `messages`.
    pub fn message(mut self, code: i64, message: impl Into<String>) -> Self {
        self.messages.push(message_entry(code, message.into()));
        self
    }

    /// Adds a response header.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Answers only after `delay`, so the client's timeout can run.
    pub fn after(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    /// The answer: the envelope shape, `success: false`, with `errors` and `messages`.
    pub fn into_response(self) -> FakeResponse {
        let body = json!({
            "success": false,
            "errors": self.errors,
            "messages": self.messages,
            "result": null,
        });
        let mut response = FakeResponse::json(self.status, &body);
        response.headers.extend(self.headers);
        response.delay = self.delay;
        response
    }
}

impl fmt::Display for FakeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}", self.status)?;
        for error in &self.errors {
            write!(f, ": {}", error.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for FakeError {}

impl FakeResponse {
    /// A JSON answer.
    pub fn json<T: Serialize + ?Sized>(status: u16, value: &T) -> FakeResponse {
        match serde_json::to_vec(value) {
            Ok(body) => FakeResponse::with_body(status, "application/json", body),
            Err(error) => FakeError::status(500)
                .error(
                    500,
                    format!("the fake could not serialise the answer: {error}"),
                )
                .into_response(),
        }
    }

    /// An answer with this body and content type.
    pub fn with_body(status: u16, content_type: &str, body: Vec<u8>) -> FakeResponse {
        FakeResponse {
            status,
            headers: vec![(CONTENT_TYPE.as_str().to_owned(), content_type.to_owned())],
            body: Bytes::from(body),
            delay: Duration::ZERO,
        }
    }

    /// The status.
    pub fn status(&self) -> u16 {
        self.status
    }

    fn into_transport(self) -> TransportResponse {
        let mut headers = HeaderMap::new();
        for (name, value) in &self.headers {
            // Names and values come from the fake's own code or the test's; a bad one is skipped.
            if let (Ok(name), Ok(value)) = (
                HeaderName::from_bytes(name.as_bytes()),
                HeaderValue::from_str(value),
            ) {
                headers.append(name, value);
            }
        }
        TransportResponse {
            status: StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            headers,
            body: self.body,
        }
    }
}

/// `{ success: true, errors: [], messages: [], result }`.
pub fn envelope<O: Serialize>(value: O, status: u16) -> FakeResponse {
    FakeResponse::json(
        status,
        &json!({ "success": true, "errors": [], "messages": [], "result": value }),
    )
}

/// The page of `items` the request asks for (`page_param`, from 1, and `per_page`), in an
/// envelope with `result_info`, as the API serves lists.
pub fn envelope_page<T: Serialize>(
    items: Vec<T>,
    request: &FakeRequest,
    page_param: &str,
    status: u16,
) -> FakeResponse {
    let (result, result_info) = page_of(items, request, page_param);
    paged_envelope(json!(result), result_info, status)
}

/// As [`envelope_page`], with the page's items as the `property` of an object `result`
/// (`{"result": {"images": […]}}`).
pub fn envelope_page_in<T: Serialize>(
    items: Vec<T>,
    request: &FakeRequest,
    page_param: &str,
    property: &str,
    status: u16,
) -> FakeResponse {
    let (result, result_info) = page_of(items, request, page_param);
    paged_envelope(json!({ property: result }), result_info, status)
}

/// The items of the page the request asks for, and the `result_info` describing it.
fn page_of<T>(
    items: Vec<T>,
    request: &FakeRequest,
    page_param: &str,
) -> (Vec<T>, serde_json::Value) {
    let number = |name: &str| {
        request
            .query(name)
            .first()
            .and_then(|text| text.parse::<usize>().ok())
    };
    let page = number(page_param).unwrap_or(1).max(1);
    let per_page = number("per_page")
        .filter(|size| *size > 0)
        .unwrap_or(DEFAULT_PAGE_SIZE);
    let total_count = items.len();
    let total_pages = total_count.div_ceil(per_page).max(1);
    let result: Vec<T> = items
        .into_iter()
        .skip((page - 1).saturating_mul(per_page))
        .take(per_page)
        .collect();
    let result_info = json!({
        "page": page,
        "per_page": per_page,
        "count": result.len(),
        "total_count": total_count,
        "total_pages": total_pages,
    });
    (result, result_info)
}

fn paged_envelope(
    result: serde_json::Value,
    result_info: serde_json::Value,
    status: u16,
) -> FakeResponse {
    FakeResponse::json(
        status,
        &json!({
            "success": true,
            "errors": [],
            "messages": [],
            "result": result,
            "result_info": result_info,
        }),
    )
}

/// A plain JSON body.
pub fn json<O: Serialize>(value: O, status: u16) -> FakeResponse {
    FakeResponse::json(status, &value)
}

/// A text body.
pub fn text(value: String, status: u16) -> FakeResponse {
    FakeResponse::with_body(status, "text/plain", value.into_bytes())
}

/// A binary body.
pub fn bytes(value: Bytes, status: u16) -> FakeResponse {
    FakeResponse::with_body(status, "application/octet-stream", value.to_vec())
}

/// No body.
pub fn empty(_value: (), status: u16) -> FakeResponse {
    FakeResponse {
        status,
        headers: Vec::new(),
        body: Bytes::new(),
        delay: Duration::ZERO,
    }
}

/// Reads an operation's input from a request and checks it as the client does before sending;
/// a value that breaks the document's constraints is a 400.
fn decode<I: FakeInput>(request: &FakeRequest) -> std::result::Result<I, FakeError> {
    let input = I::read(request)?;
    input.validate().map_err(FakeError::invalid_request)?;
    Ok(input)
}

/// Fails with `missing` when a required input is absent.
pub fn required<T>(name: &str, value: Option<T>) -> std::result::Result<T, FakeError> {
    value.ok_or_else(|| invalid(name, "is required"))
}

/// A text part as text, a JSON part as its value.
fn part_value(part: &ReceivedPart) -> std::result::Result<Value, FakeError> {
    let text = String::from_utf8_lossy(&part.bytes).into_owned();
    let json = part
        .content_type
        .as_deref()
        .is_some_and(|content_type| content_type.contains("json"));
    if !json {
        return Ok(Value::String(text));
    }
    serde_json::from_str(&text).map_err(|error| body_error(part.name.clone(), error.to_string()))
}

/// Reads multipart fields as `T`. Every text part arrives as text, so where `T` wants a number
/// or a boolean at a path, the text there is read as one and decoding starts again; text that
/// a string field wants stays text.
fn decode_text_fields<T: DeserializeOwned>(mut fields: Value) -> std::result::Result<T, FakeError> {
    loop {
        let error = match serde_path_to_error::deserialize(&fields) {
            Ok(value) => return Ok(value),
            Err(error) => error,
        };
        let wants_list = error.inner().to_string().contains("expected a sequence");
        let value = text_at(&mut fields, error.path()).and_then(|place| {
            let text = place.as_str()?;
            let value = if wants_list {
                // One item of a list arrives as a single part.
                Value::Array(vec![Value::String(text.to_owned())])
            } else {
                serde_json::from_str::<Value>(text)
                    .ok()
                    .filter(|value| matches!(value, Value::Number(_) | Value::Bool(_)))?
            };
            Some((place, value))
        });
        let Some((place, value)) = value else {
            return Err(body_error(
                error.path().to_string(),
                error.inner().to_string(),
            ));
        };
        *place = value;
    }
}

/// The text at `path` in `value`, when there is text there.
fn text_at<'a>(value: &'a mut Value, path: &serde_path_to_error::Path) -> Option<&'a mut Value> {
    let mut place = value;
    for segment in path.iter() {
        place = match segment {
            serde_path_to_error::Segment::Seq { index } => place.get_mut(*index)?,
            serde_path_to_error::Segment::Map { key } => place.get_mut(key.as_str())?,
            _ => return None,
        };
    }
    place.is_string().then_some(place)
}

/// The first file part named `name`.
pub fn file_part(parts: &[ReceivedPart], name: &str) -> Option<FilePart> {
    parts
        .iter()
        .find(|part| part.name == name)
        .map(ReceivedPart::to_file)
}

/// Every file part named `name`, in order.
pub fn file_parts(parts: &[ReceivedPart], name: &str) -> Vec<FilePart> {
    parts
        .iter()
        .filter(|part| part.name == name)
        .map(ReceivedPart::to_file)
        .collect()
}

/// The 501 of an operation nobody registered, naming it so the test cannot miss it.
fn unregistered(route: &Route) -> FakeResponse {
    FakeError::status(501)
        .error(
            501,
            format!(
                "operation `{}` ({} {}) has no handler registered in the fake",
                route.operation, route.method, route.template
            ),
        )
        .into_response()
}

/// Matches `path` against `template`: the number of literal segments, and the parameters.
fn match_template(template: &str, path: &str) -> Option<(usize, Vec<(String, String)>)> {
    let template_segments: Vec<&str> = template.trim_matches('/').split('/').collect();
    let path_segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    if template_segments.len() != path_segments.len() {
        return None;
    }
    let mut literals = 0;
    let mut params = Vec::new();
    for (pattern, segment) in template_segments.iter().zip(&path_segments) {
        let Some(open) = pattern.find('{') else {
            if pattern != segment {
                return None;
            }
            literals += 1;
            continue;
        };
        // One parameter per segment, with literal text around it (`{id}.json`).
        let close = pattern[open..].find('}')? + open;
        let (prefix, suffix) = (&pattern[..open], &pattern[close + 1..]);
        let value = segment.strip_prefix(prefix)?.strip_suffix(suffix)?;
        if value.is_empty() {
            return None;
        }
        params.push((pattern[open + 1..close].to_owned(), decode_component(value)));
    }
    Some((literals, params))
}

fn split_query(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((name, value)) => (name.to_owned(), value.to_owned()),
            None => (pair.to_owned(), String::new()),
        })
        .collect()
}

fn decode_component(text: &str) -> String {
    percent_decode_str(&text.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
}

/// Reads a parameter's text as `T`: as a JSON string first (strings, enums, dates), then as
/// JSON text (numbers, booleans, objects).
fn parse_text<T: DeserializeOwned>(name: &str, text: &str) -> std::result::Result<T, FakeError> {
    serde_json::from_value(Value::String(text.to_owned()))
        .or_else(|_| serde_json::from_str(text))
        .map_err(|error| invalid(name, &format!("`{text}` is not a valid value: {error}")))
}

fn invalid(name: &str, message: &str) -> FakeError {
    FakeError::invalid_request(Error::InvalidRequest {
        parameter: name.to_owned(),
        message: message.to_owned(),
    })
}

fn body_error(path: String, message: String) -> FakeError {
    FakeError::invalid_request(Error::InvalidRequest {
        parameter: format!("body at `{path}`"),
        message,
    })
}

fn message_entry(code: i64, message: String) -> ResponseMessage {
    ResponseMessage {
        code: Some(code),
        message,
        ..ResponseMessage::default()
    }
}
