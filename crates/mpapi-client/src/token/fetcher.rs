//! The parts of a fetching token provider that do not depend on the platform: the token
//! host, an HTTP client and the cache, for providers written outside this crate (WeChat's
//! live in `mpapi-wechat`, next to the generated types of its token endpoints).

use std::fmt;
use std::future::Future;

use serde_json::{Map, Value};

use super::cache::TokenCache;
use super::fetch::{send, token_from, url_with_query};
use super::{AccessToken, TokenOptions};
use crate::http::{build_client, check_base_url};
use crate::secret::scrub;
use crate::{BuildError, Secret, TokenError};

/// A token host, an HTTP client and a token cache, configured from [`TokenOptions`]: what a
/// [`TokenProvider`](crate::TokenProvider) that fetches its tokens over HTTP is made of.
///
/// The provider supplies the platform's request and reads the platform's answer; the
/// fetcher sends it (never echoing the secrets passed along in any error), caches the
/// token, refreshes it ahead of expiry, fetches once for concurrent callers and shares it
/// through the options' [`TokenStore`](crate::TokenStore).
///
/// ```no_run
/// use mpapi_client::{AccessToken, Secret, TokenError, TokenFetcher, TokenOptions};
/// # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
/// let secret = Secret::new("app-secret");
/// let fetcher = TokenFetcher::new("https://example.com", "mpapi:token:example:app", &TokenOptions::default())?;
/// let token = fetcher
///     .cached(|_force_refresh| async {
///         let answer = fetcher
///             .get("/token", &[("app", "app"), ("secret", secret.expose())], &[&secret])
///             .await?;
///         answer.token()
///     })
///     .await?;
/// # drop(token);
/// # Ok(()) }
/// ```
pub struct TokenFetcher {
    base_url: String,
    http: reqwest::Client,
    cache: TokenCache,
}

impl TokenFetcher {
    /// A fetcher for the token host `default_base_url` (the options' base URL replaces it
    /// when set), caching under `cache_key` (the options' store key replaces it when set).
    pub fn new(
        default_base_url: &str,
        cache_key: impl Into<String>,
        options: &TokenOptions,
    ) -> Result<Self, BuildError> {
        Ok(TokenFetcher {
            base_url: check_base_url(options.base_url.as_deref().unwrap_or(default_base_url))?,
            http: build_client(options.timeout, options.connect_timeout)?,
            cache: TokenCache::new(cache_key.into(), options),
        })
    }

    /// The token host, without a trailing `/`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// A token that is valid now: the cached one while fresh, else one from `fetch`.
    /// `fetch(force_refresh)` gets `true` when the platform rejected the newest token known,
    /// so a platform that hands out the same token while it is valid must be asked for a
    /// new one.
    pub async fn cached<F, Fut>(&self, fetch: F) -> Result<AccessToken, TokenError>
    where
        F: Fn(bool) -> Fut,
        Fut: Future<Output = Result<AccessToken, TokenError>>,
    {
        self.cache.get(fetch).await
    }

    /// Drops the cached token if it is still `failed` (see
    /// [`TokenProvider::invalidate`](crate::TokenProvider::invalidate)).
    pub fn invalidate(&self, failed: &AccessToken) {
        self.cache.invalidate(failed);
    }

    /// `GET {base_url}{path}?{query}`; `secrets` (those in the query) never appear in an
    /// error.
    pub async fn get(
        &self,
        path: &str,
        query: &[(&str, &str)],
        secrets: &[&Secret],
    ) -> Result<TokenAnswer, TokenError> {
        let url = url_with_query(&format!("{}{path}", self.base_url), query)?;
        TokenAnswer::read(self.http.get(url), secrets).await
    }

    /// `POST {base_url}{path}` with `body` as JSON; `secrets` (those in the body) never
    /// appear in an error.
    pub async fn post_json<B: serde::Serialize + ?Sized>(
        &self,
        path: &str,
        body: &B,
        secrets: &[&Secret],
    ) -> Result<TokenAnswer, TokenError> {
        let url = url_with_query(&format!("{}{path}", self.base_url), &[])?;
        TokenAnswer::read(self.http.post(url).json(body), secrets).await
    }
}

impl fmt::Debug for TokenFetcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenFetcher")
            .field("base_url", &self.base_url)
            .field("cache", &self.cache)
            .finish_non_exhaustive()
    }
}

/// A token host's answer: its HTTP status and the JSON object it sent. `Debug` never
/// shows the body, which may hold a token.
pub struct TokenAnswer {
    status: u16,
    body: Map<String, Value>,
    secrets: Vec<Secret>,
}

impl TokenAnswer {
    async fn read(
        request: reqwest::RequestBuilder,
        secrets: &[&Secret],
    ) -> Result<TokenAnswer, TokenError> {
        let (status, body) = send(request, secrets).await?;
        Ok(TokenAnswer {
            status,
            body,
            secrets: secrets.iter().map(|s| (*s).clone()).collect(),
        })
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The JSON object answered. It may hold the token: do not log it.
    pub fn body(&self) -> &Map<String, Value> {
        &self.body
    }

    /// The body as `T`, or [`TokenError::Decode`] naming what is wrong without echoing
    /// the body.
    pub fn parse<T: serde::de::DeserializeOwned>(&self) -> Result<T, TokenError> {
        serde_json::from_value(Value::Object(self.body.clone())).map_err(|e| {
            // serde's message names the member and the expected type; for a value of the
            // wrong type it also quotes the value, which may be the token, so only the
            // category and the position-free part before any quote are kept.
            let reason = match e.classify() {
                serde_json::error::Category::Data => {
                    let text = e.to_string();
                    // "missing field `access_token`" names a member; "invalid type:
                    // string `...`" would quote the value, so it is cut at the quote.
                    let kept = if text.starts_with("missing field") {
                        text.as_str()
                    } else {
                        text.find(['"', '`']).map_or(text.as_str(), |i| &text[..i])
                    };
                    format!(
                        "the answer does not have the token's shape ({})",
                        kept.trim()
                    )
                }
                _ => "the answer is not a token".to_owned(),
            };
            TokenError::Decode {
                status: self.status,
                reason,
            }
        })
    }

    /// The `access_token` and `expires_in` members as a token (`expires_in` may be a
    /// number or a string of digits).
    pub fn token(&self) -> Result<AccessToken, TokenError> {
        token_from(self.status, &self.body)
    }

    /// `text` with every secret of the request replaced by `***`, for an error message
    /// the platform sent back.
    pub fn scrub(&self, text: &str) -> String {
        let secrets: Vec<&Secret> = self.secrets.iter().collect();
        scrub(text, &secrets)
    }
}

impl fmt::Debug for TokenAnswer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenAnswer")
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}
