use std::fmt;

use super::cache::TokenCache;
use super::fetch::{int_member, send, str_member, token_from, url_with_query};
use super::{AccessToken, TokenFuture, TokenOptions, TokenProvider};
use crate::http::{build_client, check_base_url};
use crate::secret::scrub;
use crate::{BuildError, Secret, TokenError};

/// WeChat's API host.
pub const WECHAT_BASE_URL: &str = "https://api.weixin.qq.com";

struct WechatApp {
    appid: String,
    secret: Secret,
    base_url: String,
    http: reqwest::Client,
    cache: TokenCache,
}

impl WechatApp {
    fn new(
        kind: &str,
        appid: impl Into<String>,
        secret: impl Into<Secret>,
        options: &TokenOptions,
    ) -> Result<Self, BuildError> {
        let appid = appid.into();
        let base_url = check_base_url(options.base_url.as_deref().unwrap_or(WECHAT_BASE_URL))?;
        Ok(WechatApp {
            cache: TokenCache::new(format!("mpapi:token:{kind}:{appid}"), options),
            http: build_client(options.timeout, options.connect_timeout)?,
            appid,
            secret: secret.into(),
            base_url,
        })
    }

    fn fmt_debug(&self, name: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct(name)
            .field("appid", &self.appid)
            .field("secret", &self.secret)
            .field("base_url", &self.base_url)
            .field("cache", &self.cache)
            .finish()
    }

    async fn answer(&self, request: reqwest::RequestBuilder) -> Result<AccessToken, TokenError> {
        let (status, body) = send(request, &[&self.secret]).await?;
        match int_member(&body, "errcode") {
            Some(errcode) if errcode != 0 => Err(TokenError::Wechat {
                errcode,
                errmsg: scrub(str_member(&body, "errmsg"), &[&self.secret]),
            }),
            _ => token_from(status, &body),
        }
    }
}

/// WeChat's `getAccessToken`: `GET /cgi-bin/token?grant_type=client_credential`.
///
/// Each fetch makes WeChat retire the previous token (after a short overlap), so share
/// one provider, or one [`TokenStore`](crate::TokenStore), among everything that calls
/// with this app's tokens. Prefer [`WechatStableToken`] where possible.
///
/// ```no_run
/// use std::sync::Arc;
/// use mpapi_client::{ApiClient, WechatClientCredential};
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
        let url = url_with_query(
            &format!("{}/cgi-bin/token", app.base_url),
            &[
                ("grant_type", "client_credential"),
                ("appid", app.appid.as_str()),
                ("secret", app.secret.expose()),
            ],
        )?;
        app.answer(app.http.get(url)).await
    }
}

impl TokenProvider for WechatClientCredential {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(self.app.cache.get(|_force| self.fetch()))
    }

    fn invalidate(&self, failed: &AccessToken) {
        self.app.cache.invalidate(failed);
    }
}

impl fmt::Debug for WechatClientCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.app.fmt_debug("WechatClientCredential", f)
    }
}

/// WeChat's `getStableAccessToken`: `POST /cgi-bin/stable_token`.
///
/// The stable token stays the same across fetches while valid, so instances do not
/// retire each other's tokens. After the platform rejects a token, the next fetch asks
/// for a new one with `force_refresh: true`.
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
        let url = format!("{}/cgi-bin/stable_token", app.base_url);
        let body = serde_json::json!({
            "grant_type": "client_credential",
            "appid": app.appid,
            "secret": app.secret.expose(),
            "force_refresh": force_refresh,
        });
        app.answer(app.http.post(url).json(&body)).await
    }
}

impl TokenProvider for WechatStableToken {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(self.app.cache.get(|force| self.fetch(force)))
    }

    fn invalidate(&self, failed: &AccessToken) {
        self.app.cache.invalidate(failed);
    }
}

impl fmt::Debug for WechatStableToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.app.fmt_debug("WechatStableToken", f)
    }
}
