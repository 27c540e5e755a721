use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::{Duration, Instant};

use bytes::Bytes;
use mpapi_runtime::{EndpointInfo, Envelope, Validate};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use tracing::Instrument;

use crate::envelope::{Outcome, Unreadable, read_answer};
use crate::error::{EXCERPT_MAX_BYTES, excerpt};
use crate::http::{build_client, check_base_url, read_limited};
use crate::secret::scrub;
use crate::{
    AccessToken, AnyCode, BuildError, Error, RetryPolicy, Secret, TokenProvider, TransportError,
};

/// WeChat codes meaning "the access token is invalid or expired": 40001 (invalid
/// credential), 40014 (invalid access_token), 42001 (access_token expired).
pub const WECHAT_TOKEN_REJECTED: &[i64] = &[40001, 40014, 42001];

/// Baidu open-platform codes meaning "the access token is invalid or expired": 110
/// (invalid) and 111 (expired). These come from Baidu's general open-API code list, not
/// from a page transcribed under `spec/`.
pub const BAIDU_TOKEN_REJECTED: &[i64] = &[110, 111];

/// The platform code for "system busy, retry later".
pub const SYSTEM_BUSY: i64 = -1;

/// Calls endpoints of one platform with one app's tokens: builds the URL, adds the
/// token, validates and sends the body, reads the envelope, retries what is worth
/// retrying, and maps the rest to an [`Error`]. Cheap to clone; clones share everything.
///
/// ```no_run
/// use std::sync::Arc;
/// use std::time::Duration;
/// use mpapi_client::{ApiClient, RetryPolicy, StaticToken};
/// let api = ApiClient::builder()
///     .base_url("http://127.0.0.1:1234")
///     .token_provider(Arc::new(StaticToken::new("ACCESS_TOKEN")))
///     .timeout(Duration::from_secs(10))
///     .retry(RetryPolicy { max_retries: 3, base_delay: Duration::from_millis(100), max_delay: Duration::from_secs(2) })
///     .build()?;
/// # drop(api);
/// # Ok::<(), mpapi_client::BuildError>(())
/// ```
#[derive(Clone)]
pub struct ApiClient {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base_url: Option<String>,
    provider: Arc<dyn TokenProvider>,
    validate_requests: bool,
    retry: RetryPolicy,
    timeout: Duration,
    connect_timeout: Duration,
    max_response_bytes: usize,
    /// Each endpoint's URL on this client (base URL, path, fixed query parameters),
    /// parsed on its first call and cloned for the next ones; keyed by the address of the
    /// endpoint's `&'static` [`EndpointInfo`]. It holds no token: that is added per
    /// attempt.
    urls: RwLock<BTreeMap<usize, reqwest::Url>>,
}

/// The most endpoint URLs one client keeps parsed; the URLs of further endpoints are
/// parsed on every call. Generated crates have a few hundred endpoints at most.
const URL_CACHE_MAX: usize = 1024;

impl fmt::Debug for ApiClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = &self.inner;
        f.debug_struct("ApiClient")
            .field("base_url", &i.base_url)
            .field("validate_requests", &i.validate_requests)
            .field("retry", &i.retry)
            .field("timeout", &i.timeout)
            .field("connect_timeout", &i.connect_timeout)
            .field("max_response_bytes", &i.max_response_bytes)
            .finish_non_exhaustive()
    }
}

/// Configures an [`ApiClient`]; see [`ApiClient::builder`].
#[derive(Clone)]
pub struct ApiClientBuilder {
    base_url: Option<String>,
    provider: Option<Arc<dyn TokenProvider>>,
    validate_requests: bool,
    timeout: Duration,
    connect_timeout: Duration,
    retry: RetryPolicy,
    max_response_bytes: usize,
}

impl fmt::Debug for ApiClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiClientBuilder")
            .field("base_url", &self.base_url)
            .field("token_provider", &self.provider.as_ref().map(|_| ".."))
            .field("validate_requests", &self.validate_requests)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("retry", &self.retry)
            .field("max_response_bytes", &self.max_response_bytes)
            .finish()
    }
}

impl Default for ApiClientBuilder {
    fn default() -> Self {
        ApiClientBuilder {
            base_url: None,
            provider: None,
            validate_requests: true,
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(5),
            retry: RetryPolicy::default(),
            max_response_bytes: 8 * 1024 * 1024,
        }
    }
}

impl ApiClientBuilder {
    /// Sends every call to this scheme and host instead of each endpoint's own base URL
    /// (e.g. a sandbox on loopback).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Where tokens come from. Required.
    pub fn token_provider(mut self, provider: Arc<dyn TokenProvider>) -> Self {
        self.provider = Some(provider);
        self
    }

    /// Whether request bodies are validated before sending (default `true`).
    pub fn validate_requests(mut self, validate: bool) -> Self {
        self.validate_requests = validate;
        self
    }

    /// Total time allowed for one attempt, from connecting to the end of the body
    /// (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Time allowed to connect (default 5 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The retry policy for transient failures (default: 2 retries, 100 ms to 2 s).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The largest response body read (default 8 MiB); a larger one is a
    /// [`Error::Decode`].
    pub fn max_response_bytes(mut self, max: usize) -> Self {
        self.max_response_bytes = max;
        self
    }

    /// Builds the client.
    pub fn build(self) -> Result<ApiClient, BuildError> {
        let provider = self.provider.ok_or(BuildError::MissingTokenProvider)?;
        let base_url = self.base_url.as_deref().map(check_base_url).transpose()?;
        Ok(ApiClient {
            inner: Arc::new(Inner {
                http: build_client(self.timeout, self.connect_timeout)?,
                base_url,
                provider,
                validate_requests: self.validate_requests,
                retry: self.retry,
                timeout: self.timeout,
                connect_timeout: self.connect_timeout,
                max_response_bytes: self.max_response_bytes,
                urls: RwLock::new(BTreeMap::new()),
            }),
        })
    }
}

/// A response that passed the envelope check.
struct Success {
    status: u16,
    /// The whole answer, when the call asked for it.
    value: Option<Value>,
    body: Vec<u8>,
    /// The token sent, `None` for an endpoint that takes none.
    token: Option<AccessToken>,
}

/// How much of a successful answer [`ApiClient::exchange`] keeps.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Keep {
    /// The whole object as a [`Value`] (the untyped calls hand it out).
    Value,
    /// Only the body: the typed calls read it straight into their response type.
    Body,
}

impl Success {
    /// The answer as `Resp`. Read straight from the body unless the whole value was kept;
    /// should that fail, the body is read through a [`Value`] as before, so that the
    /// outcome (a duplicate member's last value, the error's text) stays the same.
    fn into_response<Resp: DeserializeOwned>(mut self) -> Result<Resp, Error> {
        let read = match self.value.take() {
            Some(value) => serde_json::from_value(value),
            None => match serde_json::from_slice(&self.body) {
                Ok(resp) => return Ok(resp),
                Err(_) => match serde_json::from_slice::<Value>(&self.body) {
                    Ok(value) => serde_json::from_value(value),
                    Err(e) => return Err(self.decode(format!("the body is not JSON ({e})"))),
                },
            },
        };
        read.map_err(|e| self.decode(format!("the answer does not match the response type: {e}")))
    }

    /// The whole answer as JSON.
    fn into_value(self) -> Result<Value, Error> {
        match self.value {
            Some(value) => Ok(value),
            // Not reached: the untyped calls keep the value. Read the body then.
            None => serde_json::from_slice(&self.body)
                .map_err(|e| self.decode(format!("the body is not JSON ({e})"))),
        }
    }

    fn decode(&self, reason: String) -> Error {
        Error::Decode {
            status: self.status,
            excerpt: excerpt(
                &self.body,
                EXCERPT_MAX_BYTES,
                self.token.as_ref().map(AccessToken::secret).as_slice(),
            ),
            reason,
        }
    }
}

impl ApiClient {
    /// A builder with the defaults: validation on, 30 s timeout, 5 s connect timeout,
    /// [`RetryPolicy::default`].
    pub fn builder() -> ApiClientBuilder {
        ApiClientBuilder::default()
    }

    /// Whether requests are validated before sending (see
    /// [`ApiClientBuilder::validate_requests`]); generated clients use it for the URL
    /// query parameters too.
    pub fn validates_requests(&self) -> bool {
        self.inner.validate_requests
    }

    /// Calls `endpoint` with the extra URL parameters `query` and the body `request`,
    /// and reads the answer as `Resp` (deserialized from the whole JSON object, envelope
    /// members included).
    ///
    /// The body and the query parameters are validated first (unless disabled), and
    /// nothing is sent when either breaks the spec. A rejected token is replaced and the call repeated once; "system busy"
    /// and transport failures are retried under the [`RetryPolicy`].
    pub async fn call<Req, Resp>(
        &self,
        endpoint: &'static EndpointInfo,
        query: &[(&'static str, String)],
        request: &Req,
    ) -> Result<Resp, Error>
    where
        Req: Serialize + Validate + ?Sized,
        Resp: DeserializeOwned,
    {
        if self.inner.validate_requests {
            check_locally(endpoint, query, || request.validate())?;
        }
        let body = serialize(request)?;
        self.exchange(endpoint, query, body, Keep::Body)
            .await?
            .into_response()
    }

    /// Like [`ApiClient::call`] for an untyped JSON body, validated with the endpoint's
    /// own `validate_request` and `validate_query` (for tools that work on any endpoint by id). Returns the
    /// whole answer.
    pub async fn call_json(
        &self,
        endpoint: &'static EndpointInfo,
        query: &[(&'static str, String)],
        request: &Value,
    ) -> Result<Value, Error> {
        if self.inner.validate_requests {
            check_locally(endpoint, query, || (endpoint.validate_request)(request))?;
        }
        let body = serialize(request)?;
        self.exchange(endpoint, query, body, Keep::Value)
            .await?
            .into_value()
    }

    /// Calls an endpoint that sends no body (a `GET`), with the extra URL parameters
    /// `query`, and reads the answer as `Resp`. The query parameters are validated first
    /// (unless disabled); retries and token renewal are as for [`ApiClient::call`].
    pub async fn call_without_body<Resp>(
        &self,
        endpoint: &'static EndpointInfo,
        query: &[(&'static str, String)],
    ) -> Result<Resp, Error>
    where
        Resp: DeserializeOwned,
    {
        if self.inner.validate_requests {
            check_locally(endpoint, query, || Ok(()))?;
        }
        self.exchange(endpoint, query, Bytes::new(), Keep::Body)
            .await?
            .into_response()
    }

    /// Like [`ApiClient::call_without_body`] with the answer as untyped JSON (for tools
    /// that work on any endpoint by id).
    pub async fn call_json_without_body(
        &self,
        endpoint: &'static EndpointInfo,
        query: &[(&'static str, String)],
    ) -> Result<Value, Error> {
        if self.inner.validate_requests {
            check_locally(endpoint, query, || Ok(()))?;
        }
        self.exchange(endpoint, query, Bytes::new(), Keep::Value)
            .await?
            .into_value()
    }

    async fn exchange(
        &self,
        endpoint: &'static EndpointInfo,
        query: &[(&'static str, String)],
        body: Bytes,
        keep: Keep,
    ) -> Result<Success, Error> {
        let span = tracing::info_span!(
            "mpapi.call",
            endpoint = endpoint.id,
            idempotent = endpoint.idempotent,
            attempt = tracing::field::Empty,
            http.status = tracing::field::Empty,
            platform.code = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
            outcome = tracing::field::Empty,
        );
        let started = Instant::now();
        let result = self
            .attempts(endpoint, query, &body, keep, &span)
            .instrument(span.clone())
            .await;
        let millis = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
        span.record("duration_ms", millis);
        let outcome = match &result {
            Ok(_) => "ok",
            Err(Error::Validation(_)) => "validation",
            Err(Error::Platform { .. }) => "platform_error",
            Err(Error::Busy { .. }) => "busy",
            Err(Error::Token(_)) => "token_error",
            Err(Error::Transport(_)) => "transport_error",
            Err(Error::Decode { .. }) => "decode_error",
            Err(_) => "error",
        };
        span.record("outcome", outcome);
        span.in_scope(|| match &result {
            Ok(_) => tracing::debug!(duration_ms = millis, "call succeeded"),
            Err(e) => tracing::info!(duration_ms = millis, error = %e, "call failed"),
        });
        result
    }

    /// Sends the request until it succeeds, fails for good, or runs out of retries.
    ///
    /// Retries: a token that could not be fetched (transiently) and a rejected token are
    /// retried for every endpoint (nothing was processed). A transport failure is retried
    /// for an idempotent endpoint, and for any other only when it provably happened
    /// before the request was sent. "System busy" and a 5xx page that is not JSON are
    /// retried only for an idempotent endpoint.
    async fn attempts(
        &self,
        endpoint: &'static EndpointInfo,
        query: &[(&'static str, String)],
        body: &Bytes,
        keep: Keep,
        span: &tracing::Span,
    ) -> Result<Success, Error> {
        let inner = &*self.inner;
        let mut url = self.endpoint_url(endpoint)?;
        if !query.is_empty() {
            url.query_pairs_mut()
                .extend_pairs(query.iter().map(|(k, v)| (*k, v.as_str())));
        }
        let method = reqwest::Method::from_bytes(endpoint.method.as_bytes()).map_err(|_| {
            Error::InvalidUrl {
                url: self.endpoint_url_text(endpoint),
                reason: format!("{:?} is not an HTTP method", endpoint.method),
            }
        })?;
        let rejected_codes = match endpoint.envelope {
            Envelope::Errcode => WECHAT_TOKEN_REJECTED,
            Envelope::Errno => BAIDU_TOKEN_REJECTED,
        };

        let mut retries = 0u32;
        let mut attempts = 0u32;
        let mut token_renewed = false;
        loop {
            // An endpoint declared `auth: none` takes no token: none is fetched or sent.
            let token = if endpoint.needs_token() {
                match inner.provider.token().await {
                    Ok(token) => Some(token),
                    Err(e) if e.is_transient() && retries < inner.retry.max_retries => {
                        self.back_off(&mut retries, "token_unavailable").await;
                        continue;
                    }
                    Err(e) => return Err(Error::Token(e)),
                }
            } else {
                None
            };
            let secret: Option<&Secret> = token.as_ref().map(AccessToken::secret);
            let secrets = secret.as_slice();
            let mut attempt_url = url.clone();
            if let Some(token) = &token {
                attempt_url
                    .query_pairs_mut()
                    .append_pair(endpoint.token_param, token.secret().expose());
            }
            let mut request = inner.http.request(method.clone(), attempt_url);
            if method != reqwest::Method::GET && endpoint.request_body {
                request = request
                    .header(reqwest::header::CONTENT_TYPE, "application/json")
                    .body(body.clone());
            }
            attempts += 1;
            span.record("attempt", attempts);
            let sent = async {
                let response = request.send().await?;
                let status = response.status();
                let (bytes, cut) = read_limited(response, inner.max_response_bytes).await?;
                Ok::<_, reqwest::Error>((status, bytes, cut))
            }
            .await;
            let (status, bytes, cut) = match sent {
                Ok(answer) => answer,
                Err(e) => {
                    let err = TransportError::from_reqwest(e, secrets).with_attempts(attempts);
                    let safe = endpoint.idempotent || err.before_send();
                    if safe && retries < inner.retry.max_retries {
                        self.back_off(&mut retries, transport_reason(&err)).await;
                        continue;
                    }
                    if !safe {
                        tracing::info!(
                            reason = transport_reason(&err),
                            "not retried: the endpoint is not idempotent and the request may have been processed"
                        );
                    }
                    return Err(Error::Transport(err));
                }
            };
            span.record("http.status", status.as_u16());
            let decode = |reason: String| Error::Decode {
                status: status.as_u16(),
                excerpt: excerpt(&bytes, EXCERPT_MAX_BYTES, secrets),
                reason,
            };
            if cut {
                return Err(decode(format!(
                    "the body is larger than {} bytes",
                    inner.max_response_bytes
                )));
            }
            let answer = match read_answer(&bytes, keep == Keep::Value) {
                Ok(answer) => answer,
                Err(Unreadable::NotObject) => {
                    return Err(decode("the body is JSON but not an object".to_owned()));
                }
                Err(Unreadable::NotJson(e)) => {
                    // A gateway's HTML error page: the platform behind it may recover, but
                    // may also have processed the request.
                    if status.is_server_error()
                        && endpoint.idempotent
                        && retries < inner.retry.max_retries
                    {
                        self.back_off(&mut retries, "server_error_page").await;
                        continue;
                    }
                    return Err(decode(format!("the body is not JSON ({e})")));
                }
            };
            match answer.outcome(endpoint.envelope) {
                Err(reason) => return Err(decode(reason)),
                Ok(Outcome::Success) if status.is_success() => {
                    return Ok(Success {
                        status: status.as_u16(),
                        value: answer.into_value(),
                        body: bytes,
                        token,
                    });
                }
                Ok(Outcome::Success) => {
                    return Err(decode(format!(
                        "HTTP status {} with no platform error code",
                        status.as_u16()
                    )));
                }
                Ok(Outcome::Failure { code, message }) => {
                    span.record("platform.code", code);
                    if let Some(token) = token.as_ref().filter(|_| !token_renewed)
                        && rejected_codes.contains(&code)
                    {
                        tracing::info!(
                            platform.code = code,
                            reason = "token_rejected",
                            "retrying with a new access token"
                        );
                        inner.provider.invalidate(token);
                        token_renewed = true;
                        continue;
                    }
                    let message = scrub(&message, secrets);
                    if code == SYSTEM_BUSY {
                        if endpoint.idempotent && retries < inner.retry.max_retries {
                            self.back_off(&mut retries, "system_busy").await;
                            continue;
                        }
                        return Err(Error::Busy { message, attempts });
                    }
                    return Err(Error::Platform {
                        code: AnyCode::new(endpoint, code),
                        message,
                    });
                }
            }
        }
    }

    /// The URL of `endpoint` on this client without the call's query parameters and
    /// token: base URL (the client's, else the endpoint's), path and the endpoint's fixed
    /// query parameters. Parsed once per endpoint and client, then cloned from the cache.
    fn endpoint_url(&self, endpoint: &'static EndpointInfo) -> Result<reqwest::Url, Error> {
        let key = std::ptr::from_ref(endpoint).addr();
        let urls = &self.inner.urls;
        if let Some(url) = urls
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&key)
        {
            return Ok(url.clone());
        }
        let raw = self.endpoint_url_text(endpoint);
        let mut url = reqwest::Url::parse(&raw).map_err(|e| Error::InvalidUrl {
            url: raw,
            reason: e.to_string(),
        })?;
        url.query_pairs_mut()
            .extend_pairs(endpoint.fixed_query.iter().copied());
        let mut urls = urls.write().unwrap_or_else(PoisonError::into_inner);
        if urls.len() < URL_CACHE_MAX {
            urls.insert(key, url.clone());
        }
        Ok(url)
    }

    /// The base URL and path of `endpoint` on this client, as text.
    fn endpoint_url_text(&self, endpoint: &EndpointInfo) -> String {
        let base = self.inner.base_url.as_deref().unwrap_or(endpoint.base_url);
        format!("{base}{}", endpoint.path)
    }

    async fn back_off(&self, retries: &mut u32, reason: &'static str) {
        let delay = self.inner.retry.delay(*retries);
        tracing::info!(
            reason,
            retry = *retries + 1,
            delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
            "retrying"
        );
        tokio::time::sleep(delay).await;
        *retries += 1;
    }
}

/// The JSON body, written into a buffer sized for a typical request (grown from empty,
/// a 4 kB body costs about ten reallocations and copies while serializing) by
/// [`mpapi_runtime::write`]: the bytes `serde_json` would write, with strings checked a
/// word at a time. Every attempt sends the same buffer, without a copy.
fn serialize<Req: Serialize + ?Sized>(request: &Req) -> Result<Bytes, Error> {
    let mut body = Vec::with_capacity(4096);
    mpapi_runtime::write::to_writer(&mut body, request).map_err(|e| Error::Serialize {
        message: e.to_string(),
    })?;
    Ok(Bytes::from(body))
}

/// The retry reason logged for a transport failure.
fn transport_reason(err: &TransportError) -> &'static str {
    match err.kind() {
        crate::TransportErrorKind::Connect => "connect_failed",
        crate::TransportErrorKind::Timeout if err.before_send() => "connect_timeout",
        crate::TransportErrorKind::Timeout => "timeout",
        crate::TransportErrorKind::Interrupted => "connection_interrupted",
        _ => "transport_error",
    }
}

/// Validates the query parameters and the body, reporting the violations of both.
fn check_locally(
    endpoint: &EndpointInfo,
    query: &[(&'static str, String)],
    body: impl FnOnce() -> Result<(), mpapi_runtime::Violations>,
) -> Result<(), Error> {
    let pairs: Vec<(&str, &str)> = query.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut all = mpapi_runtime::Violations::new();
    if let Err(found) = (endpoint.validate_query)(&pairs) {
        all.extend(found);
    }
    if let Err(found) = body() {
        all.extend(found);
    }
    all.into_result().map_err(Error::Validation)
}
