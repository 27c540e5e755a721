//! The errors of this crate: one enum per layer, each saying what to do next.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use mpapi_runtime::{EndpointInfo, ErrorCodeInfo, Violations};

use crate::Secret;
use crate::secret::scrub;

/// The most bytes of a response body kept in an error.
pub const EXCERPT_MAX_BYTES: usize = 512;

/// A platform error code: the generated per-endpoint error-code types (e.g.
/// `mpapi_wechat::logistics::AddOrderErrorCode`) and [`AnyCode`] for calls by endpoint id.
/// Every number is representable, listed in the doc's table or not.
pub trait PlatformCode: Copy + fmt::Debug + Send + Sync + 'static {
    /// The platform's number.
    fn number(self) -> i64;

    /// The doc's row for this code (the endpoint's own table first, then the platform's),
    /// `None` for a code the doc does not list.
    fn row(self) -> Option<&'static ErrorCodeInfo>;

    /// The doc's message for this code, `None` when the doc does not list it.
    fn doc_message(self) -> Option<&'static str> {
        self.row().map(|r| r.message)
    }

    /// The doc's fix for this code, `None` when the doc gives none.
    fn doc_fix(self) -> Option<&'static str> {
        self.row().map(|r| r.fix).filter(|f| !f.is_empty())
    }
}

/// The platform code of a call made by endpoint id ([`ApiClient::call_json`](crate::ApiClient::call_json)
/// and friends): the number and the doc's row, if the endpoint's or the platform's table
/// lists it. The generated clients use each endpoint's own error-code type instead.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AnyCode {
    code: i64,
    row: Option<&'static ErrorCodeInfo>,
}

impl AnyCode {
    /// The code `code` as `endpoint` documents it.
    pub fn new(endpoint: &EndpointInfo, code: i64) -> Self {
        AnyCode {
            code,
            row: endpoint.error_code(code),
        }
    }

    /// The platform's number.
    pub fn code(self) -> i64 {
        self.code
    }

    /// The doc's message for this code, `None` when the doc does not list it.
    pub fn message(self) -> Option<&'static str> {
        self.doc_message()
    }

    /// The doc's fix for this code, `None` when the doc gives none.
    pub fn fix(self) -> Option<&'static str> {
        self.doc_fix()
    }

    /// Whether the doc lists this code.
    pub fn is_known(self) -> bool {
        self.row.is_some()
    }
}

impl PlatformCode for AnyCode {
    fn number(self) -> i64 {
        self.code
    }

    fn row(self) -> Option<&'static ErrorCodeInfo> {
        self.row
    }
}

impl fmt::Display for AnyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.row {
            Some(r) => write!(f, "{} {}", self.code, r.message),
            None => write!(f, "{} (not in the doc's table)", self.code),
        }
    }
}

/// What went wrong while calling an endpoint. `C` is the endpoint's error-code type: the
/// generated clients return `Error<EndpointErrorCode>`, calls by endpoint id
/// `Error<AnyCode>` (the default).
///
/// `Display` says what happened; [`Error::fix`] says what to do next.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error<C: PlatformCode = AnyCode> {
    /// The request breaks the spec; nothing was sent. Holds every violation found.
    #[error("the request was not sent because it breaks the spec: {0}")]
    Validation(Violations),
    /// The platform answered with an error code other than "system busy".
    #[error("platform error {}: {message}", .code.number())]
    Platform {
        /// The code, typed as the endpoint's error-code type: its doc message and fix
        /// are [`PlatformCode::doc_message`] and [`PlatformCode::doc_fix`] (or the
        /// generated type's own `message()` and `fix()`).
        code: C,
        /// The platform's own message (`errmsg` or `msg`), with any token removed.
        message: String,
    },
    /// The platform answered "system busy" (code -1), after the retries the endpoint
    /// allows (none for an endpoint that is not idempotent). The doc does not say whether
    /// a busy platform processed the request: repeat it only if a duplicate is acceptable
    /// or was ruled out (e.g. by reading the order back).
    #[error("the platform is busy (code -1: {message}) after {attempts} attempt(s)")]
    Busy {
        /// The platform's own message, with any token removed.
        message: String,
        /// How many requests were sent.
        attempts: u32,
    },
    /// No access token could be had.
    #[error("no access token could be had")]
    Token(#[from] TokenError),
    /// The request did not complete: connection refused or dropped, or timed out. See
    /// [`TransportError::may_have_been_processed`] before repeating the call.
    #[error("the request did not complete")]
    Transport(#[source] TransportError),
    /// The response could not be read: not JSON, no envelope, or not the expected shape.
    #[error("HTTP {status} response could not be read: {reason}; the body starts with {excerpt:?}")]
    Decode {
        /// The HTTP status of the response.
        status: u16,
        /// The start of the body, at most [`EXCERPT_MAX_BYTES`] bytes, cut on a character
        /// boundary, with any token removed.
        excerpt: String,
        /// Why it could not be read.
        reason: String,
    },
    /// The request body could not be turned into JSON (e.g. a map with non-string keys).
    #[error("the request body cannot be serialized to JSON: {message}")]
    Serialize {
        /// serde_json's explanation.
        message: String,
    },
    /// Paging could not go on: the answer says more pages follow but gives no usable
    /// cursor, or the endpoint is not paged.
    #[error("paging stopped: {reason}")]
    Pagination {
        /// What was wrong.
        reason: String,
    },
    /// The endpoint's URL (base URL and path) is not a valid URL.
    #[error("{url:?} is not a valid URL ({reason})")]
    InvalidUrl {
        /// The URL without any token.
        url: String,
        /// The parser's explanation.
        reason: String,
    },
}

impl<C: PlatformCode> Error<C> {
    /// Whether the error is the platform's answer with this code ("system busy", -1,
    /// included).
    pub fn is_platform_code(&self, code: i64) -> bool {
        match self {
            Error::Platform { code: c, .. } => c.number() == code,
            Error::Busy { .. } => code == crate::SYSTEM_BUSY,
            _ => false,
        }
    }

    /// The platform's code, for [`Error::Platform`] and [`Error::Busy`].
    pub fn platform_code(&self) -> Option<i64> {
        match self {
            Error::Platform { code, .. } => Some(code.number()),
            Error::Busy { .. } => Some(crate::SYSTEM_BUSY),
            _ => None,
        }
    }

    /// What to do next: the doc's fix for a platform code, or advice for the other
    /// kinds of failure. `None` for a platform code whose doc row gives no fix.
    pub fn fix(&self) -> Option<String> {
        Some(match self {
            Error::Validation(_) => "fix the listed fields and call again".to_owned(),
            Error::Platform { code, .. } => match code.row() {
                Some(_) => return code.doc_fix().map(str::to_owned),
                None => "this code is not in the endpoint's error table; look it up in the \
                         platform's error-code reference"
                    .to_owned(),
            },
            Error::Busy { .. } => "retry later; the platform does not say whether the busy \
                                  request was processed, so check before repeating a call that \
                                  is not idempotent"
                .to_owned(),
            Error::Token(e) => e.fix(),
            Error::Transport(t) if t.before_send() => {
                "check that the platform host is reachable, or raise the retry count".to_owned()
            }
            Error::Transport(_) => "check that the platform host is reachable, or raise the \
                timeout; the request may have been processed, so check its effect (e.g. read \
                the order back) before repeating a call that is not idempotent"
                .to_owned(),
            Error::Decode { .. } | Error::Pagination { .. } => {
                "if the platform changed its answer, report it against the spec".to_owned()
            }
            Error::Serialize { .. } => "check the value".to_owned(),
            Error::InvalidUrl { .. } => "check the client's base_url".to_owned(),
        })
    }

    /// The same error with the platform code converted by `f` (e.g. from [`AnyCode`] to
    /// an endpoint's generated error-code type); every other variant is kept.
    pub fn map_code<D: PlatformCode>(self, f: impl FnOnce(C) -> D) -> Error<D> {
        match self {
            Error::Validation(v) => Error::Validation(v),
            Error::Platform { code, message } => Error::Platform {
                code: f(code),
                message,
            },
            Error::Busy { message, attempts } => Error::Busy { message, attempts },
            Error::Token(e) => Error::Token(e),
            Error::Transport(t) => Error::Transport(t),
            Error::Decode {
                status,
                excerpt,
                reason,
            } => Error::Decode {
                status,
                excerpt,
                reason,
            },
            Error::Serialize { message } => Error::Serialize { message },
            Error::Pagination { reason } => Error::Pagination { reason },
            Error::InvalidUrl { url, reason } => Error::InvalidUrl { url, reason },
        }
    }
}

impl Error<AnyCode> {
    /// This error with the platform code typed by the generated error-code type whose
    /// `from_code` is `from_code`; what the generated clients return.
    pub fn typed<D: PlatformCode>(self, from_code: impl FnOnce(i64) -> D) -> Error<D> {
        self.map_code(|c| from_code(c.code()))
    }
}

/// Why an access token could not be had.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TokenError {
    /// WeChat refused the token request.
    #[error("WeChat refused the access token request: errcode {errcode}: {errmsg}")]
    Wechat {
        /// WeChat's `errcode`.
        errcode: i64,
        /// WeChat's `errmsg`, with any secret removed.
        errmsg: String,
        /// What to do: the doc's fix for `errcode` from the token endpoint's error table,
        /// or a general hint for a code the doc does not list.
        fix: String,
    },
    /// Baidu refused the token request.
    #[error("Baidu refused the access token request: {error}: {description}")]
    Baidu {
        /// Baidu's `error`.
        error: String,
        /// Baidu's `error_description`, with any secret removed.
        description: String,
    },
    /// The token request did not complete.
    #[error("the access token request did not complete")]
    Transport(#[source] TransportError),
    /// The token endpoint answered something that is not a token.
    #[error(
        "the token endpoint answered HTTP {status} with something that is not a token: {reason}"
    )]
    Decode {
        /// The HTTP status.
        status: u16,
        /// What was wrong; never contains the body, which may hold a token.
        reason: String,
    },
    /// The token endpoint's URL is not a valid URL.
    #[error("the token URL {url:?} is not valid ({reason})")]
    InvalidUrl {
        /// The URL without credentials.
        url: String,
        /// The parser's explanation.
        reason: String,
    },
    /// The shared token store failed.
    #[error("the shared token store failed")]
    Store(#[from] StoreError),
    /// Another instance holds the refresh lease and published no token in time.
    #[error("another instance is refreshing the access token and published none within {waited:?}")]
    LeaseTimeout {
        /// How long this instance waited.
        waited: Duration,
    },
}

impl TokenError {
    /// What to do next.
    pub fn fix(&self) -> String {
        match self {
            TokenError::Wechat { fix, .. } => fix.clone(),
            TokenError::Baidu { .. } => "check the client_id (app key) and client_secret".to_owned(),
            TokenError::Transport(_) => "check that the token host is reachable".to_owned(),
            TokenError::Decode { .. } => "check the token base URL".to_owned(),
            TokenError::InvalidUrl { .. } => "check the provider's base_url".to_owned(),
            TokenError::Store(_) => "check that the store (e.g. Redis) is reachable".to_owned(),
            TokenError::LeaseTimeout { .. } => {
                "check the logs of the instance holding the lease, or raise the provider's lease wait"
                    .to_owned()
            }
        }
    }

    /// Whether trying again later may succeed (a network failure, a busy platform).
    pub fn is_transient(&self) -> bool {
        match self {
            TokenError::Transport(_) | TokenError::LeaseTimeout { .. } => true,
            TokenError::Wechat { errcode, .. } => *errcode == -1,
            TokenError::Baidu { error, .. } => error == "temporarily_unavailable",
            _ => false,
        }
    }
}

/// What kind of transport failure happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// The connection could not be made (refused, unreachable, DNS, TLS).
    Connect,
    /// The request or the connection took longer than the configured timeout.
    Timeout,
    /// The connection broke while sending the request or reading the response.
    Interrupted,
    /// Anything else the HTTP stack reported.
    Other,
}

impl fmt::Display for TransportErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TransportErrorKind::Connect => "could not connect",
            TransportErrorKind::Timeout => "timed out",
            TransportErrorKind::Interrupted => "connection interrupted",
            TransportErrorKind::Other => "HTTP failure",
        })
    }
}

/// A failure of the HTTP exchange itself. Never carries the request URL, which holds
/// the access token; its [`source`](std::error::Error::source) is the HTTP stack's error
/// with the URL removed.
#[derive(Clone)]
pub struct TransportError {
    kind: TransportErrorKind,
    detail: String,
    attempts: u32,
    before_send: bool,
    source: Option<Arc<reqwest::Error>>,
}

impl PartialEq for TransportError {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind
            && self.detail == other.detail
            && self.attempts == other.attempts
            && self.before_send == other.before_send
    }
}

impl Eq for TransportError {}

impl fmt::Debug for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TransportError")
            .field("kind", &self.kind)
            .field("detail", &self.detail)
            .field("attempts", &self.attempts)
            .field("before_send", &self.before_send)
            .finish_non_exhaustive()
    }
}

impl TransportError {
    /// The kind of failure.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// The HTTP stack's explanation (its error and causes, rendered), without URL or
    /// token.
    pub fn detail(&self) -> &str {
        &self.detail
    }

    /// How many requests were sent in total before giving up.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Whether the failure provably happened before any byte of the request left: the
    /// connection could not be made (refused, unreachable, DNS, TLS handshake). Such a
    /// call can be repeated safely, whatever the endpoint.
    pub fn before_send(&self) -> bool {
        self.before_send
    }

    /// Whether the platform may have received and processed the request (the opposite of
    /// [`before_send`](Self::before_send)): a timeout or a connection that broke once the
    /// request was on its way. Repeating the call may repeat its effect.
    pub fn may_have_been_processed(&self) -> bool {
        !self.before_send
    }

    pub(crate) fn with_attempts(mut self, attempts: u32) -> Self {
        self.attempts = attempts;
        self
    }

    /// The TLS settings could not be made (e.g. no root certificates on the system).
    pub(crate) fn tls_setup(err: &rustls::Error) -> Self {
        TransportError {
            kind: TransportErrorKind::Other,
            detail: format!("tls setup failed: {err}"),
            attempts: 0,
            before_send: true,
            source: None,
        }
    }

    pub(crate) fn from_reqwest(err: reqwest::Error, secrets: &[&Secret]) -> Self {
        // Only a connector failure (DNS, TCP connect, TLS handshake) is known to precede
        // the request; a connect *timeout* is one too. Anything else may follow it.
        let before_send = err.is_connect();
        let kind = if err.is_timeout() {
            TransportErrorKind::Timeout
        } else if err.is_connect() {
            TransportErrorKind::Connect
        } else if err.is_request() || err.is_body() || err.is_decode() {
            TransportErrorKind::Interrupted
        } else {
            TransportErrorKind::Other
        };
        // The URL carries the access token: drop it, then render the cause chain.
        let err = err.without_url();
        let mut detail = err.to_string();
        let mut source = std::error::Error::source(&err);
        while let Some(s) = source {
            detail.push_str(": ");
            detail.push_str(&s.to_string());
            source = s.source();
        }
        let scrubbed = scrub(&detail, secrets);
        // Should a cause ever quote a secret, it is not handed out as the source.
        let source = (scrubbed == detail).then(|| Arc::new(err));
        TransportError {
            kind,
            detail: scrubbed,
            attempts: 1,
            before_send,
            source,
        }
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.kind)?;
        if self.attempts > 1 {
            write!(f, " after {} attempts", self.attempts)?;
        }
        Ok(())
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// A failure of a [`TokenStore`](crate::TokenStore).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct StoreError {
    message: String,
}

impl StoreError {
    /// A store failure with this explanation (which must hold no secret).
    pub fn new(message: impl Into<String>) -> Self {
        StoreError {
            message: message.into(),
        }
    }
}

/// Why an [`ApiClient`](crate::ApiClient) could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// No token provider was given.
    #[error("no token provider was set; call .token_provider(..) on the builder")]
    MissingTokenProvider,
    /// The base URL is not an absolute http(s) URL.
    #[error("base_url {url:?} is not an absolute http(s) URL ({reason})")]
    InvalidBaseUrl {
        /// The URL given.
        url: String,
        /// The parser's explanation.
        reason: String,
    },
    /// The HTTP stack could not be set up (e.g. no TLS roots).
    #[error("the HTTP client could not be built")]
    Http(#[source] TransportError),
}

/// The start of `body`: at most `max` bytes, cut on a character boundary, invalid UTF-8
/// replaced, secrets removed.
pub(crate) fn excerpt(body: &[u8], max: usize, secrets: &[&Secret]) -> String {
    // Three extra bytes let a character that straddles `max` decode whole before the cut.
    let head = &body[..body.len().min(max.saturating_add(3))];
    let text = String::from_utf8_lossy(head);
    let mut cut = text.len().min(max);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let mut out = scrub(&text[..cut], secrets);
    if cut < text.len() || head.len() < body.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_is_bounded_and_cut_on_char_boundary() {
        let body = "订".repeat(400); // 3 bytes each: 1200 bytes
        let e = excerpt(body.as_bytes(), EXCERPT_MAX_BYTES, &[]);
        let kept = e.trim_end_matches('…');
        assert!(kept.len() <= EXCERPT_MAX_BYTES);
        assert_eq!(kept.len(), 510);
        assert!(e.ends_with('…'));
        assert_eq!(excerpt(b"short", EXCERPT_MAX_BYTES, &[]), "short");
    }

    #[test]
    fn excerpt_replaces_invalid_utf8() {
        assert_eq!(excerpt(b"a\xffb", 16, &[]), "a\u{fffd}b");
    }
}
