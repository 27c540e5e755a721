//! Static descriptions of generated endpoints, for tools that work on any endpoint by id
//! (the `mpapi` CLI, the sandbox server, the tests).

use serde_json::Value;

use crate::Violations;

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
    /// Checks a request body: shape, constraints and rules, every violation.
    pub validate_request: fn(&Value) -> Result<(), Violations>,
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

/// The row for `code` in `own`, else in `platform`; what generated error-code enums use.
pub fn find_code(
    own: &'static [ErrorCodeInfo],
    platform: &'static [ErrorCodeInfo],
    code: i64,
) -> Option<&'static ErrorCodeInfo> {
    own.iter().chain(platform).find(|e| e.code == code)
}
