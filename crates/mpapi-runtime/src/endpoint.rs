//! Static descriptions of generated endpoints, for tools that work on any endpoint by id
//! (the `mpapi` CLI, the sandbox server, the tests).

use serde_json::Value;

use crate::{JsonInputError, Strictness, Violations};

/// The response envelope a platform wraps every answer in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Envelope {
    /// WeChat: `{"errcode": 0, "errmsg": "ok", ...}`; success fields sit beside these.
    Errcode,
    /// Baidu: `{"errno": 0, "msg": "success", "data": ...}`.
    Errno,
}

/// Checks URL query parameters given as name/value pairs.
pub type QueryValidator = fn(&[(&str, &str)]) -> Result<(), Violations>;

/// A row of a doc's error-code table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ErrorCodeInfo {
    /// The platform's code.
    pub code: i64,
    /// The doc's message.
    pub message: &'static str,
    /// The doc's fix, empty where the doc gives none.
    pub fix: &'static str,
}

impl ErrorCodeInfo {
    /// A row: code, the doc's message, the doc's fix (empty where the doc gives none).
    pub const fn new(code: i64, message: &'static str, fix: &'static str) -> Self {
        ErrorCodeInfo { code, message, fix }
    }
}

/// A doc example kept in the spec, cleaned to valid JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExampleInfo {
    /// The example's name in the spec.
    pub name: &'static str,
    /// The request body as JSON text, if the example has one.
    pub request: Option<&'static str>,
    /// The response body as JSON text, if the example has one.
    pub response: Option<&'static str>,
}

/// Everything a tool needs to know about one endpoint, generated from its spec.
#[derive(Clone, Copy, Debug)]
pub struct EndpointInfo {
    /// `platform.group.name`, e.g. `wechat.user_order.upload_shopping_info`.
    pub id: &'static str,
    /// The doc's interface name, e.g. `uploadShoppingInfo`.
    pub interface: &'static str,
    /// One-line title.
    pub title: &'static str,
    /// `GET` or `POST`.
    pub method: &'static str,
    /// Scheme and host, e.g. `https://api.weixin.qq.com`.
    pub base_url: &'static str,
    /// URL path, e.g. `/user-order/orders`.
    pub path: &'static str,
    /// Query parameters always sent, e.g. `("action", "add-order")`.
    pub fixed_query: &'static [(&'static str, &'static str)],
    /// Name of the query parameter carrying the access token; empty for an endpoint that
    /// takes no token (`auth: none` in its spec: the token endpoints themselves). See
    /// [`EndpointInfo::needs_token`].
    pub token_param: &'static str,
    /// The platform's response envelope.
    pub envelope: Envelope,
    /// Whether a repeat of the same request is harmless (the spec's `idempotent:`): the
    /// client retries such an endpoint after any transient failure, and any other endpoint
    /// only after a failure that happened before the request was sent. `false` where the
    /// spec does not say.
    pub idempotent: bool,
    /// Whether the endpoint sends a JSON body; `false` for a `GET` endpoint, whose
    /// parameters all travel in the URL.
    pub request_body: bool,
    /// Checks a request body: shape, constraints and rules, every violation
    /// ([`no_request_body`] for an endpoint without a body).
    pub validate_request: fn(&Value) -> Result<(), Violations>,
    /// Checks the JSON text of a request body in one pass, without building a
    /// [`Value`] first: malformed JSON, shape, constraints and rules, every violation, with
    /// the given [`Strictness`] (unknown members and enum wire forms; `validate_request`
    /// is always strict). [`no_request_body_json`] for an endpoint without a body.
    pub validate_request_json: fn(&[u8], Strictness) -> Result<(), JsonInputError>,
    /// Checks the URL query parameters the caller supplies (name/value pairs as sent;
    /// the token and fixed parameters are ignored): types, required ones, constraints and
    /// `query_rules`. [`no_query_parameters`] for endpoints that describe none.
    pub validate_query: QueryValidator,
    /// The endpoint's own (request-level) error-code table, in the doc's order.
    pub error_codes: &'static [ErrorCodeInfo],
    /// The platform-wide codes (shared by every endpoint of the platform); a code in
    /// `error_codes` takes precedence.
    pub platform_error_codes: &'static [ErrorCodeInfo],
    /// The spec's cleaned doc examples.
    pub examples: &'static [ExampleInfo],
    /// How a list endpoint pages, from the spec's `pagination:`.
    pub pagination: Option<PaginationInfo>,
    /// What the sandbox does with a call, from the spec's `sandbox:` block.
    pub sandbox: Option<&'static crate::sandbox::SandboxSpec>,
}

/// How a list endpoint pages: the caller sends the previous page's cursor while the
/// answer says more pages follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PaginationInfo {
    /// The request member (or URL parameter, see [`cursor_in_query`](Self::cursor_in_query))
    /// that carries the cursor; absent on the first page.
    pub cursor: &'static str,
    /// Whether the cursor is a URL query parameter rather than a body member.
    pub cursor_in_query: bool,
    /// The response member holding the cursor of the next page.
    pub next_cursor: &'static str,
    /// The response member saying whether more pages follow.
    pub has_more: &'static str,
    /// The response member holding the page's items (a list).
    pub items: &'static str,
}

impl EndpointInfo {
    /// The full URL without the token: base URL, path and fixed query parameters.
    pub fn url(&self) -> String {
        let mut url = format!("{}{}", self.base_url, self.path);
        for (i, (k, v)) in self.fixed_query.iter().enumerate() {
            url.push(if i == 0 { '?' } else { '&' });
            url.push_str(k);
            url.push('=');
            url.push_str(v);
        }
        url
    }

    /// Whether the endpoint is called with an access token (every endpoint but the
    /// platform's token endpoints, whose spec says `auth: none`).
    pub fn needs_token(&self) -> bool {
        !self.token_param.is_empty()
    }

    /// The doc's row for `code`, if the endpoint's or the platform's table has one (the
    /// endpoint's own row first).
    pub fn error_code(&self, code: i64) -> Option<&'static ErrorCodeInfo> {
        find_code(self.error_codes, self.platform_error_codes, code)
    }
}

/// The query validator of an endpoint whose spec describes no query parameters besides the
/// token and fixed ones: every query is accepted.
pub fn no_query_parameters(_: &[(&str, &str)]) -> Result<(), Violations> {
    Ok(())
}

/// The body validator of an endpoint that sends no body (a `GET`): accepts JSON `null`
/// and the empty object, and reports anything else at the root.
///
/// ```
/// use mpapi_runtime::no_request_body;
/// assert!(no_request_body(&serde_json::Value::Null).is_ok());
/// assert!(no_request_body(&serde_json::json!({})).is_ok());
/// let err = no_request_body(&serde_json::json!({"a": 1})).unwrap_err();
/// assert_eq!(err.as_slice()[0].rule.as_str(), "type");
/// ```
pub fn no_request_body(body: &Value) -> Result<(), Violations> {
    match body {
        Value::Null => Ok(()),
        Value::Object(map) if map.is_empty() => Ok(()),
        _ => {
            let mut out = Violations::new();
            out.push(
                &crate::Path::Root,
                crate::ConstraintKind::Type,
                None,
                "this endpoint sends no body; its parameters go in the URL query",
            );
            out.into_result()
        }
    }
}

/// [`no_request_body`] on JSON text: accepts `null` and the empty object (whatever the
/// strictness), reports malformed JSON and anything else.
///
/// ```
/// use mpapi_runtime::{no_request_body_json, Strictness};
/// assert!(no_request_body_json(b" null ", Strictness::Strict).is_ok());
/// assert!(no_request_body_json(b"{}", Strictness::Strict).is_ok());
/// assert!(no_request_body_json(b"{\"a\": 1}", Strictness::Lenient).is_err());
/// assert!(no_request_body_json(b"{", Strictness::Lenient).is_err());
/// ```
pub fn no_request_body_json(body: &[u8], _: Strictness) -> Result<(), JsonInputError> {
    let value: Value = serde_json::from_slice(body).map_err(|e| JsonInputError::Malformed {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    no_request_body(&value).map_err(JsonInputError::Invalid)
}

/// The row for `code` in `own`, else in `platform`; what generated error-code enums use.
pub fn find_code(
    own: &'static [ErrorCodeInfo],
    platform: &'static [ErrorCodeInfo],
    code: i64,
) -> Option<&'static ErrorCodeInfo> {
    own.iter().chain(platform).find(|e| e.code == code)
}

/// The error one item of a batch answer carries in its own `errcode`/`errmsg`, with the
/// code typed as the endpoint's error-code type `C` (whose `info()` gives the doc's row).
/// Generated `outcome()` accessors return it.
///
/// ```
/// use mpapi_runtime::ItemError;
/// let e = ItemError { code: 9300501, message: "delivery logic fail".to_owned() };
/// assert_eq!(e.to_string(), "item error 9300501: delivery logic fail");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemError<C> {
    /// The item's code.
    pub code: C,
    /// The item's message, as received.
    pub message: String,
}

impl<C: std::fmt::Display> std::fmt::Display for ItemError<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "item error {}: {}", self.code, self.message)
    }
}

impl<C: std::fmt::Display + std::fmt::Debug> std::error::Error for ItemError<C> {}
