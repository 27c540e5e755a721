//! The errors of this crate: one enum per layer, each saying what to do next.

use std::fmt;
use std::time::Duration;

use mpapi_runtime::{ErrorCodeInfo, Violations};

use crate::Secret;
use crate::secret::scrub;

/// The most bytes of a response body kept in an error.
pub const EXCERPT_MAX_BYTES: usize = 512;

/// What went wrong while calling an endpoint.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request body breaks the spec; nothing was sent. Holds every violation found.
    #[error(
        "the request was not sent because it breaks the spec: {0}\n\
         fix the listed fields and call again"
    )]
    Validation(Violations),
    /// The platform answered with an error code.
    #[error("platform error {code}: {message}{}", PlatformAdvice(*.doc))]
    Platform {
        /// The platform's code (`errcode` or `errno`).
        code: i64,
        /// The platform's own message (`errmsg` or `msg`), with any token removed.
        message: String,
        /// The doc's row for this code, with its message and fix, when the endpoint's or
        /// the platform's table lists it.
        doc: Option<&'static ErrorCodeInfo>,
    },
    /// No access token could be had.
    #[error(transparent)]
    Token(#[from] TokenError),
    /// The request did not complete: connection refused or dropped, or timed out.
    #[error(
        "{0}; check that the platform host is reachable, or raise the timeout or the \
         retry count"
    )]
    Transport(TransportError),
    /// The response could not be read: not JSON, no envelope, or not the expected shape.
    #[error(
        "HTTP {status} response could not be read: {reason}; the body starts with \
         {excerpt:?}. If the platform changed its answer, report it against the spec"
    )]
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
    #[error("the request body cannot be serialized to JSON: {message}; check the value")]
    Serialize {
        /// serde_json's explanation.
        message: String,
    },
    /// Paging could not go on: the answer says more pages follow but gives no usable
    /// cursor, or the endpoint is not paged.
    #[error(
        "paging stopped: {reason}; if the platform changed its answer, report it against the spec"
    )]
    Pagination {
        /// What was wrong.
        reason: String,
    },
    /// The endpoint's URL (base URL and path) is not a valid URL.
    #[error("{url:?} is not a valid URL ({reason}); check the client's base_url")]
    InvalidUrl {
        /// The URL without any token.
        url: String,
        /// The parser's explanation.
        reason: String,
    },
}

impl Error {
    /// Whether the error is the platform's answer with this code.
    pub fn is_platform_code(&self, code: i64) -> bool {
        matches!(self, Error::Platform { code: c, .. } if *c == code)
    }
}

struct PlatformAdvice(Option<&'static ErrorCodeInfo>);

impl fmt::Display for PlatformAdvice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(doc) if !doc.fix.is_empty() => {
                write!(f, " (doc: {}; fix: {})", doc.message, doc.fix)
            }
            Some(doc) => write!(f, " (doc: {})", doc.message),
            None => f.write_str(
                " (this code is not in the endpoint's error table; look it up in the \
                 platform's error-code reference)",
            ),
        }
    }
}

/// Why an access token could not be had.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TokenError {
    /// WeChat refused the token request.
    #[error("WeChat refused the access token request: errcode {errcode}: {errmsg}; {fix}")]
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
    #[error(
        "Baidu refused the access token request: {error}: {description}; check the \
         client_id (app key) and client_secret"
    )]
    Baidu {
        /// Baidu's `error`.
        error: String,
        /// Baidu's `error_description`, with any secret removed.
        description: String,
    },
    /// The token request did not complete.
    #[error("the access token request failed: {0}; check that the token host is reachable")]
    Transport(TransportError),
    /// The token endpoint answered something that is not a token.
    #[error(
        "the token endpoint answered HTTP {status} with something that is not a token: \
         {reason}; check the token base URL"
    )]
    Decode {
        /// The HTTP status.
        status: u16,
        /// What was wrong; never contains the body, which may hold a token.
        reason: String,
    },
    /// The token endpoint's URL is not a valid URL.
    #[error("the token URL {url:?} is not valid ({reason}); check the provider's base_url")]
    InvalidUrl {
        /// The URL without credentials.
        url: String,
        /// The parser's explanation.
        reason: String,
    },
    /// The shared token store failed.
    #[error("the shared token store failed: {0}")]
    Store(#[from] StoreError),
    /// Another instance holds the refresh lease and published no token in time.
    #[error(
        "another instance is refreshing the access token and published none within \
         {waited:?}; check that instance's logs, or raise the provider's lease wait"
    )]
    LeaseTimeout {
        /// How long this instance waited.
        waited: Duration,
    },
}

impl TokenError {
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
/// the access token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TransportError {
    kind: TransportErrorKind,
    detail: String,
    attempts: u32,
}

impl TransportError {
    /// The kind of failure.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// The HTTP stack's explanation, without URL or token.
    pub fn detail(&self) -> &str {
        &self.detail
    }

    /// How many requests were sent in total before giving up.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    pub(crate) fn with_attempts(mut self, attempts: u32) -> Self {
        self.attempts = attempts;
        self
    }

    /// The TLS settings could not be made (e.g. no root certificates on the system).
    pub(crate) fn tls_setup(err: &rustls::Error) -> Self {
        TransportError {
            kind: TransportErrorKind::Other,
            detail: format!("TLS setup failed: {err}"),
            attempts: 0,
        }
    }

    pub(crate) fn from_reqwest(err: reqwest::Error, secrets: &[&Secret]) -> Self {
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
        TransportError {
            kind,
            detail: scrub(&detail, secrets),
            attempts: 1,
        }
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.kind, self.detail)?;
        if self.attempts > 1 {
            write!(f, " after {} attempts", self.attempts)?;
        }
        Ok(())
    }
}

impl std::error::Error for TransportError {}

/// A failure of a [`TokenStore`](crate::TokenStore).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}; check that the store (e.g. Redis) is reachable")]
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
    #[error("the HTTP client could not be built: {0}")]
    Http(TransportError),
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
