//! WeChat's access-token providers (feature `client`), written by hand on top of the
//! generated [`access_token`](crate::access_token) group: the requests they send are the
//! generated [`GetAccessTokenQuery`] and [`GetStableAccessTokenRequest`], the answers are
//! read as [`GetAccessTokenResponse`] and [`GetStableAccessTokenResponse`], the paths come
//! from the endpoints' [`EndpointInfo`](mpapi_runtime::EndpointInfo), and a refusal carries
//! the fix from the endpoint's generated error table.
//!
//! They live here rather than in `mpapi-client` because the generated types do: this crate
//! depends on `mpapi-client` (for the generated `Client`), so `mpapi-client` cannot depend
//! on this crate, and generating the token group into a crate of its own would split one
//! platform's specs over two crates. `mpapi-client` keeps what does not depend on the
//! platform ([`TokenFetcher`]: the HTTP client, the cache, single flight, shared stores).

use std::fmt;
use std::time::Duration;

use mpapi_client::{
    AccessToken, BuildError, Secret, TokenAnswer, TokenError, TokenFetcher, TokenFuture,
    TokenOptions, TokenProvider,
};

use crate::access_token::{
    GET_ACCESS_TOKEN, GET_STABLE_ACCESS_TOKEN, GetAccessTokenErrorCode, GetAccessTokenQuery,
    GetAccessTokenResponse, GetStableAccessTokenErrorCode, GetStableAccessTokenRequest,
    GetStableAccessTokenResponse, GrantType,
};

/// The hint for a refusal whose code the endpoint's table does not list.
const GENERAL_FIX: &str = "check the appid, the app secret and the server IP whitelist";

/// One app's credentials and the fetcher that uses them.
struct WechatApp {
    appid: String,
    secret: Secret,
    fetcher: TokenFetcher,
}

impl WechatApp {
    fn new(
        kind: &str,
        appid: impl Into<String>,
        secret: impl Into<Secret>,
        options: &TokenOptions,
    ) -> Result<Self, BuildError> {
        let appid = appid.into();
        Ok(WechatApp {
            // Both endpoints are on the same host.
            fetcher: TokenFetcher::new(
                GET_ACCESS_TOKEN.base_url,
                format!("mpapi:token:{kind}:{appid}"),
                options,
            )?,
            appid,
            secret: secret.into(),
        })
    }

    fn fmt_debug(&self, name: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct(name)
            .field("appid", &self.appid)
            .field("secret", &self.secret)
            .field("fetcher", &self.fetcher)
            .finish()
    }
}

/// The token in `answer`: a refusal (`errcode` other than 0) with the doc's fix from
/// `fix_of`, else the body read as the generated response `R`.
fn token_of<R: TokenResponse>(
    answer: &TokenAnswer,
    fix_of: impl Fn(i64) -> Option<&'static str>,
) -> Result<AccessToken, TokenError> {
    let body = answer.body();
    let errcode = body.get("errcode").and_then(|v| {
        v.as_i64()
            .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
    });
    if let Some(errcode) = errcode.filter(|c| *c != 0) {
        let errmsg = body.get("errmsg").and_then(|v| v.as_str()).unwrap_or("");
        tracing::warn!(errcode, "WeChat refused the access token request");
        return Err(TokenError::Wechat {
            errcode,
            errmsg: answer.scrub(errmsg),
            fix: fix_of(errcode).unwrap_or(GENERAL_FIX).to_owned(),
        });
    }
    let (token, expires_in) = answer.parse::<R>()?.into_parts();
    let decode = |reason: &str| TokenError::Decode {
        status: answer.status(),
        reason: reason.to_owned(),
    };
    if token.is_empty() {
        return Err(decode("access_token is empty"));
    }
    let expires_in =
        u64::try_from(expires_in).map_err(|_| decode("expires_in is a negative number"))?;
    Ok(AccessToken::new(token, Duration::from_secs(expires_in)))
}

/// The generated response types of the two token endpoints.
trait TokenResponse: serde::de::DeserializeOwned {
    /// `access_token` and `expires_in`.
    fn into_parts(self) -> (String, i64);
}

impl TokenResponse for GetAccessTokenResponse {
    fn into_parts(self) -> (String, i64) {
        (self.access_token, self.expires_in)
    }
}

impl TokenResponse for GetStableAccessTokenResponse {
    fn into_parts(self) -> (String, i64) {
        (self.access_token, self.expires_in)
    }
}

/// WeChat's `getAccessToken` ([`GET_ACCESS_TOKEN`]): `GET /cgi-bin/token` with
/// `grant_type=client_credential`, the appid and the app secret.
///
/// # Effect on other holders of the app's token
///
/// **Every fetch disturbs them.** Each `/cgi-bin/token` call issues a new token and starts
/// the retirement of the app's previous one: WeChat keeps the old token working for an
/// overlap of about 5 minutes, then answers 40001 to whoever still uses it. Any other
/// process holding the app's `client_credential` token (the app's servers, a cron job,
/// another instance of this provider with its own cache) must notice and refetch, and a
/// holder that caches the token for longer than the overlap fails. So share one provider,
/// or one [`TokenStore`](mpapi_client::TokenStore) (same store key), among everything
/// that calls with this app's tokens: a fetch then happens only when the shared token is
/// due, under the store's lease. Prefer [`WechatStableToken`], which leaves other holders
/// alone.
///
/// ```no_run
/// use std::sync::Arc;
/// use mpapi_client::ApiClient;
/// use mpapi_wechat::token::WechatClientCredential;
/// let provider = Arc::new(WechatClientCredential::new("wx1234", "app-secret")?);
/// let api = ApiClient::builder().token_provider(provider).build()?;
/// # drop(api);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct WechatClientCredential {
    app: WechatApp,
}

impl WechatClientCredential {
    /// A provider for the app `appid` with the default [`TokenOptions`].
    pub fn new(appid: impl Into<String>, secret: impl Into<Secret>) -> Result<Self, BuildError> {
        Self::with_options(appid, secret, TokenOptions::default())
    }

    /// A provider for the app `appid` with the given options.
    pub fn with_options(
        appid: impl Into<String>,
        secret: impl Into<Secret>,
        options: TokenOptions,
    ) -> Result<Self, BuildError> {
        Ok(WechatClientCredential {
            app: WechatApp::new("wechat", appid, secret, &options)?,
        })
    }

    async fn fetch(&self) -> Result<AccessToken, TokenError> {
        let app = &self.app;
        let query = GetAccessTokenQuery {
            appid: app.appid.clone(),
            secret: app.secret.expose().to_owned(),
        };
        tracing::debug!(
            endpoint = GET_ACCESS_TOKEN.id,
            appid = %app.appid,
            "requesting an access token"
        );
        let pairs = query.to_query_pairs();
        let all: Vec<(&str, &str)> = GET_ACCESS_TOKEN
            .fixed_query
            .iter()
            .copied()
            .chain(pairs.iter().map(|(k, v)| (*k, v.as_str())))
            .collect();
        let answer = app
            .fetcher
            .get(GET_ACCESS_TOKEN.path, &all, &[&app.secret])
            .await?;
        token_of::<GetAccessTokenResponse>(&answer, |c| GetAccessTokenErrorCode(c).fix())
    }
}

impl TokenProvider for WechatClientCredential {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(self.app.fetcher.cached(|_force| self.fetch()))
    }

    fn invalidate(&self, failed: &AccessToken) {
        self.app.fetcher.invalidate(failed);
    }
}

impl fmt::Debug for WechatClientCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.app.fmt_debug("WechatClientCredential", f)
    }
}

/// WeChat's `getStableAccessToken` ([`GET_STABLE_ACCESS_TOKEN`]):
/// `POST /cgi-bin/stable_token` with a [`GetStableAccessTokenRequest`].
///
/// # Effect on other holders of the app's token
///
/// **Normally none.** A fetch is sent in normal mode (`force_refresh: false`): WeChat
/// hands back the app's current stable token while it is valid and invalidates nothing,
/// so any number of processes (servers, cron jobs, command-line runs) may fetch it
/// independently without knocking each other out. On the real platform the stable token
/// is kept apart from the `client_credential` one, so fetching it does not touch tokens
/// obtained from [`WechatClientCredential`] either.
///
/// **After a rejection, it disturbs them.** When the platform rejects the newest token
/// this provider knows (40001 and the like, reported through
/// [`TokenProvider::invalidate`]), the next fetch asks with `force_refresh: true`: WeChat
/// then issues a new token and the one obtained before stops working at once, with no
/// overlap, for every other holder too. That only happens when the old token already
/// failed here; share a [`TokenStore`](mpapi_client::TokenStore) among the holders so they
/// pick up the new token instead of forcing again.
///
/// ```no_run
/// use std::sync::Arc;
/// use mpapi_client::{ApiClient, TokenOptions};
/// use mpapi_wechat::token::WechatStableToken;
/// let provider = WechatStableToken::with_options("wx1234", "app-secret", TokenOptions::default())?;
/// let api = ApiClient::builder().token_provider(Arc::new(provider)).build()?;
/// # drop(api);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct WechatStableToken {
    app: WechatApp,
}

impl WechatStableToken {
    /// A provider for the app `appid` with the default [`TokenOptions`].
    pub fn new(appid: impl Into<String>, secret: impl Into<Secret>) -> Result<Self, BuildError> {
        Self::with_options(appid, secret, TokenOptions::default())
    }

    /// A provider for the app `appid` with the given options.
    pub fn with_options(
        appid: impl Into<String>,
        secret: impl Into<Secret>,
        options: TokenOptions,
    ) -> Result<Self, BuildError> {
        Ok(WechatStableToken {
            app: WechatApp::new("wechat-stable", appid, secret, &options)?,
        })
    }

    async fn fetch(&self, force_refresh: bool) -> Result<AccessToken, TokenError> {
        let app = &self.app;
        let request = GetStableAccessTokenRequest {
            grant_type: GrantType::ClientCredential,
            appid: app.appid.clone(),
            secret: app.secret.expose().to_owned(),
            force_refresh: Some(force_refresh),
        };
        tracing::debug!(
            endpoint = GET_STABLE_ACCESS_TOKEN.id,
            appid = %app.appid,
            force_refresh,
            "requesting an access token"
        );
        let answer = app
            .fetcher
            .post_json(GET_STABLE_ACCESS_TOKEN.path, &request, &[&app.secret])
            .await?;
        token_of::<GetStableAccessTokenResponse>(&answer, |c| {
            GetStableAccessTokenErrorCode(c).fix()
        })
    }
}

impl TokenProvider for WechatStableToken {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(self.app.fetcher.cached(|force| self.fetch(force)))
    }

    fn invalidate(&self, failed: &AccessToken) {
        self.app.fetcher.invalidate(failed);
    }
}

impl fmt::Debug for WechatStableToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.app.fmt_debug("WechatStableToken", f)
    }
}
