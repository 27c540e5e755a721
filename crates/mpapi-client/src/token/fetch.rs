//! Reading a token endpoint's answer without ever echoing it: the body holds the token,
//! so errors name what is missing, never what was there.

use std::time::Duration;

use serde_json::{Map, Value};

use super::AccessToken;
use crate::http::read_limited;
use crate::{Secret, TokenError, TransportError};

/// Token answers are a few hundred bytes; anything far larger is not one.
const MAX_TOKEN_BODY: usize = 64 * 1024;

/// `base` with the query parameters appended; errors name `base` only, never the
/// parameters (which hold the secret).
pub(crate) fn url_with_query(
    base: &str,
    pairs: &[(&str, &str)],
) -> Result<reqwest::Url, TokenError> {
    let mut url = reqwest::Url::parse(base).map_err(|e| TokenError::InvalidUrl {
        url: base.to_owned(),
        reason: e.to_string(),
    })?;
    url.query_pairs_mut().extend_pairs(pairs);
    Ok(url)
}

/// Sends a token request and returns the HTTP status and the JSON object answered.
pub(crate) async fn send(
    request: reqwest::RequestBuilder,
    secrets: &[&Secret],
) -> Result<(u16, Map<String, Value>), TokenError> {
    let transport = |e| TokenError::Transport(TransportError::from_reqwest(e, secrets));
    let response = request.send().await.map_err(transport)?;
    let status = response.status().as_u16();
    let (body, cut) = read_limited(response, MAX_TOKEN_BODY)
        .await
        .map_err(transport)?;
    let decode = |reason: &str| TokenError::Decode {
        status,
        reason: reason.to_owned(),
    };
    if cut {
        return Err(decode("the body is larger than any token answer"));
    }
    match serde_json::from_slice::<Value>(&body) {
        Ok(Value::Object(map)) => Ok((status, map)),
        Ok(_) => Err(decode("the body is JSON but not an object")),
        Err(_) => Err(decode("the body is not JSON")),
    }
}

/// The `access_token` and `expires_in` members as a token.
pub(crate) fn token_from(
    status: u16,
    body: &Map<String, Value>,
) -> Result<AccessToken, TokenError> {
    let decode = |reason: &str| TokenError::Decode {
        status,
        reason: reason.to_owned(),
    };
    let token = match body.get("access_token") {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        Some(_) => return Err(decode("access_token is not a non-empty string")),
        None => return Err(decode("the answer has no access_token and no error code")),
    };
    let expires_in = match body.get("expires_in") {
        Some(Value::Number(n)) => n.as_u64(),
        Some(Value::String(s)) => s.trim().parse::<u64>().ok(),
        _ => None,
    };
    let Some(expires_in) = expires_in else {
        return Err(decode(
            "expires_in is missing or not a whole number of seconds",
        ));
    };
    Ok(AccessToken::new(token, Duration::from_secs(expires_in)))
}

/// A string member, or the empty string.
pub(crate) fn str_member<'a>(body: &'a Map<String, Value>, name: &str) -> &'a str {
    body.get(name).and_then(Value::as_str).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(v: Value) -> Map<String, Value> {
        match v {
            Value::Object(m) => m,
            _ => Map::new(),
        }
    }

    #[test]
    fn token_errors_never_echo_the_body() {
        let body = obj(serde_json::json!({"access_token": "LEAKME", "expires_in": "soon"}));
        let err = token_from(200, &body).expect_err("expires_in is not a number");
        assert!(!format!("{err} {err:?}").contains("LEAKME"));
        let body = obj(serde_json::json!({"access_token": 12345678, "expires_in": 7200}));
        let err = token_from(200, &body).expect_err("access_token is not a string");
        assert!(!format!("{err} {err:?}").contains("12345678"));
    }

    #[test]
    fn expires_in_may_be_a_string() {
        let body = obj(serde_json::json!({"access_token": "T", "expires_in": "7200"}));
        let token = token_from(200, &body).expect("valid answer");
        assert_eq!(token.secret().expose(), "T");
        let lifetime = token
            .expires_at()
            .and_then(|e| e.duration_since(token.issued_at()).ok());
        assert_eq!(lifetime, Some(Duration::from_secs(7200)));
    }
}
