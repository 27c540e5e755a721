//! Answering one call: routing, faults, tokens, validation, state.
//!
//! Other endpoints: see [`crate::reply`] for the codes, [`crate::orders`] for the state.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use mpapi_runtime::{EndpointInfo, Envelope, JsonInputError, Strictness};
use serde_json::{Map, Value, json};
use std::sync::Arc;

use crate::conn::KillSwitch;
use crate::error::SandboxError;
use crate::faults::{BAIDU_TOKEN, Fault, FaultTable, WECHAT_STABLE_TOKEN, WECHAT_TOKEN};
use crate::orders::OrderStore;
use crate::reply::{self, Reply, SYSTEM_BUSY};
use crate::tokens::{AppId, Platform, TokenStore};

const WECHAT_TOKEN_PATH: &str = "/cgi-bin/token";
const WECHAT_STABLE_TOKEN_PATH: &str = "/cgi-bin/stable_token";
const BAIDU_TOKEN_PATH: &str = "/oauth/2.0/token";

/// The configured endpoints, found by method, path and fixed query parameters.
#[derive(Debug)]
pub(crate) struct Routes {
    endpoints: Vec<&'static EndpointInfo>,
}

impl Routes {
    /// Checks that no two endpoints share a route and none takes a token path. A token
    /// endpoint itself (it takes no token, and its path is a token path) is left out: the
    /// sandbox's own token routes answer it.
    pub(crate) fn new(endpoints: &[&'static EndpointInfo]) -> Result<Self, SandboxError> {
        let token_paths = [
            WECHAT_TOKEN_PATH,
            WECHAT_STABLE_TOKEN_PATH,
            BAIDU_TOKEN_PATH,
        ];
        let endpoints: Vec<&'static EndpointInfo> = endpoints
            .iter()
            .copied()
            .filter(|e| e.needs_token() || !token_paths.contains(&e.path))
            .collect();
        for (i, e) in endpoints.iter().enumerate() {
            for path in [
                WECHAT_TOKEN_PATH,
                WECHAT_STABLE_TOKEN_PATH,
                BAIDU_TOKEN_PATH,
            ] {
                if e.path == path {
                    return Err(SandboxError::ReservedPath { id: e.id, path });
                }
            }
            let same = |o: &&&EndpointInfo| {
                o.method.eq_ignore_ascii_case(e.method)
                    && o.path == e.path
                    && same_fixed_query(o.fixed_query, e.fixed_query)
            };
            if let Some(first) = endpoints[..i].iter().find(same) {
                return Err(SandboxError::DuplicateRoute {
                    first: first.id,
                    second: e.id,
                    method: e.method,
                    path: e.path,
                });
            }
        }
        Ok(Routes { endpoints })
    }

    /// The store an endpoint keeps its records in: its `sandbox:` block's, else its id.
    pub(crate) fn store_of<'a>(&self, endpoint_id: &'a str) -> &'a str {
        self.endpoints
            .iter()
            .find(|e| e.id == endpoint_id)
            .and_then(|e| e.sandbox)
            .map_or(endpoint_id, |s| s.store)
    }

    /// The endpoint at `method` and `path` whose fixed query parameters are all present;
    /// the most specific one when several match.
    fn find(
        &self,
        method: &Method,
        path: &str,
        query: &[(String, String)],
    ) -> Option<&'static EndpointInfo> {
        self.endpoints
            .iter()
            .filter(|e| e.method.eq_ignore_ascii_case(method.as_str()) && e.path == path)
            .filter(|e| {
                e.fixed_query
                    .iter()
                    .all(|(k, v)| query.iter().any(|(qk, qv)| qk == k && qv == v))
            })
            .max_by_key(|e| e.fixed_query.len())
            .copied()
    }

    /// The first endpoint at `method` and `path`, whatever the URL's parameters: when
    /// [`Routes::find`] finds none, the call reached a real path without the fixed
    /// parameters that tell its endpoints apart (or with other values), which the platform
    /// answers in its envelope, not with a 404.
    fn at_path(&self, method: &Method, path: &str) -> Option<&'static EndpointInfo> {
        self.endpoints
            .iter()
            .find(|e| e.method.eq_ignore_ascii_case(method.as_str()) && e.path == path)
            .copied()
    }
}

fn same_fixed_query(a: &[(&str, &str)], b: &[(&str, &str)]) -> bool {
    a.len() == b.len() && a.iter().all(|p| b.contains(p))
}

/// Everything the request handlers share.
#[derive(Debug)]
pub(crate) struct Shared {
    pub routes: Routes,
    pub wechat_apps: HashMap<String, String>,
    pub baidu_apps: HashMap<String, String>,
    pub tokens: Arc<TokenStore>,
    pub faults: Arc<FaultTable>,
    pub orders: OrderStore,
    pub calls: Mutex<HashMap<String, u64>>,
    /// The largest request body accepted, in bytes.
    pub body_limit: usize,
}

/// The single axum handler: every request comes here.
pub(crate) async fn dispatch(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(switch): ConnectInfo<KillSwitch>,
    method: Method,
    uri: Uri,
    body: Body,
) -> Response {
    let query = Query::<Vec<(String, String)>>::try_from_uri(&uri)
        .map(|q| q.0)
        .unwrap_or_default();
    let body = match read_limited(body, shared.body_limit).await {
        Ok(body) => body,
        Err(TooLarge(size)) => {
            let reply = too_large(&shared, &method, uri.path(), &query, size);
            return respond(reply, &switch);
        }
    };
    let reply = shared.answer(&method, uri.path(), query, &body).await;
    respond(reply, &switch)
}

/// A request body over the limit, with the bytes received.
struct TooLarge(usize);

/// Reads the whole body, keeping it only up to `limit` bytes: a larger one is read to its
/// end without being kept (so the client, still sending, gets the answer rather than a
/// reset connection), and reported with its size. A body that breaks off is what was
/// received.
async fn read_limited(mut body: Body, limit: usize) -> Result<Bytes, TooLarge> {
    let mut kept: Vec<u8> = Vec::new();
    let mut seen = 0usize;
    while let Some(Ok(frame)) =
        std::future::poll_fn(|cx| std::pin::Pin::new(&mut body).poll_frame(cx)).await
    {
        if let Ok(data) = frame.into_data() {
            seen = seen.saturating_add(data.len());
            if seen <= limit {
                kept.extend_from_slice(&data);
            } else if !kept.is_empty() {
                kept = Vec::new();
            }
        }
    }
    if seen > limit {
        Err(TooLarge(seen))
    } else {
        Ok(Bytes::from(kept))
    }
}

/// The answer to a body over the limit: the platform's envelope with the endpoint's
/// generic parameter-error code (or the platform's, when no endpoint is at that route).
fn too_large(
    shared: &Shared,
    method: &Method,
    path: &str,
    query: &[(String, String)],
    size: usize,
) -> Reply {
    let message = format!(
        "request body of {size} bytes is over the sandbox's limit of {} bytes \
         (SandboxConfig::body_limit)",
        shared.body_limit
    );
    match shared.routes.find(method, path, query) {
        Some(endpoint) => {
            let (code, _) = reply::parameter_error(endpoint);
            Reply::ok(reply::error(endpoint.envelope, code, &message))
        }
        None if path.starts_with("/rest/") || path == BAIDU_TOKEN_PATH => Reply::ok(reply::error(
            Envelope::Errno,
            reply::BAIDU_INVALID_PARAMETER,
            &message,
        )),
        None => Reply::ok(reply::error(
            Envelope::Errcode,
            reply::WECHAT_DATA_FORMAT_ERROR,
            &message,
        )),
    }
}

fn respond(reply: Reply, switch: &KillSwitch) -> Response {
    let json = HeaderValue::from_static("application/json; charset=utf-8");
    match reply {
        Reply::Json(status, body) => {
            (status, [(header::CONTENT_TYPE, json)], body.to_string()).into_response()
        }
        Reply::Malformed(kind) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, json)],
            reply::malformed_text(kind),
        )
            .into_response(),
        Reply::Drop => {
            switch.throw();
            StatusCode::OK.into_response()
        }
        // The URL is not echoed: its query carries the access token.
        Reply::NotFound => (
            StatusCode::NOT_FOUND,
            "no sandbox endpoint at this method and path",
        )
            .into_response(),
    }
}

fn param<'q>(query: &'q [(String, String)], name: &str) -> Option<&'q str> {
    query
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.is_empty())
}

/// The kind of answer "system busy" takes where it is injected.
#[derive(Clone, Copy)]
enum BusyShape {
    Envelope(Envelope),
    BaiduOauth,
}

impl Shared {
    fn count(&self, id: &str) {
        let mut calls = self.calls.lock().unwrap_or_else(PoisonError::into_inner);
        *calls.entry(id.to_owned()).or_insert(0) += 1;
    }

    async fn answer(
        &self,
        method: &Method,
        path: &str,
        query: Vec<(String, String)>,
        body: &[u8],
    ) -> Reply {
        let (id, busy, endpoint) = match (method.as_str(), path) {
            ("GET", WECHAT_TOKEN_PATH) => {
                (WECHAT_TOKEN, BusyShape::Envelope(Envelope::Errcode), None)
            }
            ("POST", WECHAT_STABLE_TOKEN_PATH) => (
                WECHAT_STABLE_TOKEN,
                BusyShape::Envelope(Envelope::Errcode),
                None,
            ),
            ("GET" | "POST", BAIDU_TOKEN_PATH) => (BAIDU_TOKEN, BusyShape::BaiduOauth, None),
            _ => match self.routes.find(method, path, &query) {
                Some(e) => (e.id, BusyShape::Envelope(e.envelope), Some(e)),
                None => {
                    return match self.routes.at_path(method, path) {
                        Some(e) => self.fixed_query_mismatch(e, &query),
                        None => Reply::NotFound,
                    };
                }
            },
        };
        self.count(id);
        let plan = self.faults.plan(id);
        if !plan.delay.is_zero() {
            tokio::time::sleep(plan.delay).await;
        }
        match plan.terminal {
            Some(Fault::SystemBusy) => return busy_reply(busy),
            Some(Fault::MalformedBody(kind)) => return Reply::Malformed(kind),
            Some(Fault::DropConnection) => return Reply::Drop,
            Some(Fault::DropAfterProcessing) | Some(Fault::Latency(_)) | None => {}
        }
        let reply = match (id, endpoint) {
            (_, Some(e)) => self.call(e, &query, body),
            (WECHAT_TOKEN, None) => self.wechat_token(&query),
            (WECHAT_STABLE_TOKEN, None) => self.wechat_stable_token(body),
            _ => self.baidu_token(query, body),
        };
        if plan.terminal == Some(Fault::DropAfterProcessing) {
            return Reply::Drop;
        }
        reply
    }

    /// Checks appid and secret against the configured WeChat apps.
    fn wechat_app(&self, appid: Option<&str>, secret: Option<&str>) -> Result<AppId, Value> {
        let errcode = |code: i64, msg: &str| reply::error(Envelope::Errcode, code, msg);
        let appid = appid.ok_or_else(|| errcode(41002, "appid missing"))?;
        let secret = secret.ok_or_else(|| errcode(41004, "appsecret missing"))?;
        let expected = self
            .wechat_apps
            .get(appid)
            .ok_or_else(|| errcode(40013, "invalid appid"))?;
        if expected != secret {
            return Err(errcode(40125, "invalid appsecret"));
        }
        Ok(AppId {
            platform: Platform::WeChat,
            id: appid.to_owned(),
        })
    }

    fn wechat_token(&self, query: &[(String, String)]) -> Reply {
        if param(query, "grant_type") != Some("client_credential") {
            return Reply::ok(reply::error(Envelope::Errcode, 40002, "invalid grant_type"));
        }
        match self.wechat_app(param(query, "appid"), param(query, "secret")) {
            Ok(app) => {
                let issued = self.tokens.issue(&app);
                Reply::ok(json!({
                    "access_token": issued.token,
                    "expires_in": issued.expires_in.as_secs(),
                }))
            }
            Err(body) => Reply::ok(body),
        }
    }

    fn wechat_stable_token(&self, body: &[u8]) -> Reply {
        let request: Map<String, Value> = match serde_json::from_slice(body) {
            Ok(r) => r,
            Err(e) => {
                return Reply::ok(reply::data_format_error(Envelope::Errcode, &e.to_string()));
            }
        };
        let text = |k: &str| {
            request
                .get(k)
                .and_then(Value::as_str)
                .filter(|v| !v.is_empty())
        };
        if text("grant_type") != Some("client_credential") {
            return Reply::ok(reply::error(Envelope::Errcode, 40002, "invalid grant_type"));
        }
        let app = match self.wechat_app(text("appid"), text("secret")) {
            Ok(app) => app,
            Err(body) => return Reply::ok(body),
        };
        let force = request
            .get("force_refresh")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let issued = if force {
            self.tokens.force_refresh(&app)
        } else {
            self.tokens.current_or_issue(&app)
        };
        Reply::ok(json!({
            "access_token": issued.token,
            "expires_in": issued.expires_in.as_secs(),
        }))
    }

    fn baidu_token(&self, mut query: Vec<(String, String)>, body: &[u8]) -> Reply {
        // A POST may carry the parameters form-encoded in its body.
        if let Some(form) = std::str::from_utf8(body)
            .ok()
            .filter(|b| !b.trim().is_empty())
            .and_then(|b| format!("/?{}", b.trim()).parse::<Uri>().ok())
            .and_then(|uri| Query::<Vec<(String, String)>>::try_from_uri(&uri).ok())
        {
            query.extend(form.0);
        }
        let oauth_error = |status: StatusCode, error: &str, description: &str| {
            Reply::Json(
                status,
                json!({ "error": error, "error_description": description }),
            )
        };
        if param(&query, "grant_type") != Some("client_credentials") {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                "The authorization grant type is not supported",
            );
        }
        let (Some(client_id), Some(secret)) =
            (param(&query, "client_id"), param(&query, "client_secret"))
        else {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                "client_id and client_secret are required",
            );
        };
        match self.baidu_apps.get(client_id) {
            None => oauth_error(
                StatusCode::UNAUTHORIZED,
                "invalid_client",
                "unknown client id",
            ),
            Some(expected) if expected != secret => oauth_error(
                StatusCode::UNAUTHORIZED,
                "invalid_client",
                "Client authentication failed",
            ),
            Some(_) => {
                let app = AppId {
                    platform: Platform::Baidu,
                    id: client_id.to_owned(),
                };
                let issued = self.tokens.issue(&app);
                let scope = param(&query, "scope").unwrap_or("smartapp_snsapi_base");
                Reply::ok(json!({
                    "access_token": issued.token,
                    "expires_in": issued.expires_in.as_secs(),
                    "refresh_token": "",
                    "scope": scope,
                    "session_key": "",
                    "session_secret": "",
                }))
            }
        }
    }

    /// A call to an endpoint's path without its fixed URL parameters (or with other
    /// values): the token is checked as for the endpoint, then the endpoint's generic
    /// parameter error names the parameters expected.
    fn fixed_query_mismatch(&self, endpoint: &EndpointInfo, query: &[(String, String)]) -> Reply {
        let envelope = endpoint.envelope;
        if let Err(why) = self
            .tokens
            .check(platform_of(endpoint), param(query, endpoint.token_param))
        {
            return Reply::ok(reply::token_rejected(envelope, why));
        }
        let (code, doc_message) = reply::parameter_error(endpoint);
        let expected: Vec<String> = endpoint
            .fixed_query
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        let message = format!(
            "{doc_message}; this path takes the URL parameter {}",
            expected.join("&")
        );
        Reply::ok(reply::error(envelope, code, &message))
    }

    /// A call to a configured endpoint, past the faults.
    fn call(&self, endpoint: &EndpointInfo, query: &[(String, String)], body: &[u8]) -> Reply {
        let envelope = endpoint.envelope;
        let app = match self
            .tokens
            .check(platform_of(endpoint), param(query, endpoint.token_param))
        {
            Ok(app) => app,
            Err(why) => return Reply::ok(reply::token_rejected(envelope, why)),
        };
        // An endpoint without a body (a GET) is answered without reading one.
        let request: Value = if endpoint.request_body {
            match serde_json::from_slice(body) {
                Ok(v) => v,
                Err(e) => return Reply::ok(reply::data_format_error(envelope, &e.to_string())),
            }
        } else {
            Value::Null
        };
        let pairs: Vec<(&str, &str)> = query
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        if let Err(found) = (endpoint.validate_query)(&pairs) {
            return Reply::ok(reply::violations(endpoint, &found));
        }
        // Strictly, on the text itself: unknown members, enum wire forms and repeated
        // members (which the parsed `Value` no longer shows) are violations too.
        if endpoint.request_body {
            match (endpoint.validate_request_json)(body, Strictness::Strict) {
                Ok(()) => {}
                Err(JsonInputError::Invalid(found)) => {
                    return Reply::ok(reply::violations(endpoint, &found));
                }
                Err(JsonInputError::Malformed { message, .. }) => {
                    return Reply::ok(reply::data_format_error(envelope, &message));
                }
            }
        }
        let mut answer = success_answer(endpoint, &request);
        let view = request_view(endpoint, request, query);
        match self.orders.apply(endpoint, &app, &view, &mut answer) {
            Ok(()) => Reply::ok(answer),
            Err(refused) => Reply::ok(reply::error(envelope, refused.code, &refused.message)),
        }
    }
}

/// The request as the endpoint's behaviour reads it: the body, with the URL's parameters
/// (other than the token and the fixed ones) added as strings where the body has no member
/// of that name.
fn request_view(endpoint: &EndpointInfo, body: Value, query: &[(String, String)]) -> Value {
    let mut view = match body {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    for (k, v) in query {
        let fixed = endpoint.fixed_query.iter().any(|(f, _)| f == k);
        if k != endpoint.token_param && !fixed && !view.contains_key(k) {
            view.insert(k.clone(), Value::String(v.clone()));
        }
    }
    Value::Object(view)
}

fn busy_reply(shape: BusyShape) -> Reply {
    match shape {
        BusyShape::Envelope(envelope) => {
            Reply::ok(reply::error(envelope, SYSTEM_BUSY, "system busy"))
        }
        BusyShape::BaiduOauth => Reply::Json(
            StatusCode::SERVICE_UNAVAILABLE,
            json!({ "error": "temporarily_unavailable", "error_description": "system busy" }),
        ),
    }
}

/// The platform whose tokens an endpoint accepts: from its id, else from its envelope.
pub(crate) fn platform_of(endpoint: &EndpointInfo) -> Platform {
    if endpoint.id.starts_with("baidu.") {
        Platform::Baidu
    } else if endpoint.id.starts_with("wechat.") {
        Platform::WeChat
    } else {
        match endpoint.envelope {
            Envelope::Errcode => Platform::WeChat,
            Envelope::Errno => Platform::Baidu,
        }
    }
}

/// Whether an example answer is a success (code 0 or no code at all).
fn is_success(answer: &Value) -> bool {
    ["errcode", "errno"]
        .iter()
        .all(|k| answer.get(k).is_none_or(|c| c.as_i64() == Some(0)))
}

/// Keys of the envelope that are never copied from a request.
const ENVELOPE_KEYS: [&str; 5] = ["errcode", "errmsg", "errno", "msg", "data"];

/// The success answer: the first successful example answer of the endpoint, with every
/// top-level scalar that the request also carries copied from the request (so logistics'
/// `order_id` is the caller's); the envelope's default success answer without examples.
fn success_answer(endpoint: &EndpointInfo, request: &Value) -> Value {
    let example = endpoint
        .examples
        .iter()
        .filter_map(|e| e.response)
        .filter_map(|text| serde_json::from_str::<Value>(text).ok())
        .find(|v| v.is_object() && is_success(v));
    let Some(mut answer) = example else {
        return reply::success(endpoint.envelope);
    };
    if let (Some(out), Some(input)) = (answer.as_object_mut(), request.as_object()) {
        for (key, value) in out.iter_mut() {
            if ENVELOPE_KEYS.contains(&key.as_str()) {
                continue;
            }
            if let Some(given) = input.get(key).filter(|v| !v.is_object() && !v.is_array()) {
                *value = given.clone();
            }
        }
    }
    answer
}
