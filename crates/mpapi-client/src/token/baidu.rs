use std::fmt;

use super::cache::TokenCache;
use super::fetch::{send, str_member, token_from, url_with_query};
use super::{AccessToken, TokenFuture, TokenOptions, TokenProvider};
use crate::http::{build_client, check_base_url};
use crate::secret::scrub;
use crate::{BuildError, Secret, TokenError};

/// Baidu's open platform host.
pub const BAIDU_BASE_URL: &str = "https://openapi.baidu.com";

/// Baidu smart programs' token: `GET /oauth/2.0/token?grant_type=client_credentials`
/// with the app key as `client_id` and the app secret as `client_secret`.
///
/// # Effect on other holders of the app's token
///
/// None known: no Baidu document this crate follows says that a new token retires older
/// ones, and the sandbox lets every Baidu token live out its `expires_in`. Each fetch
/// still costs a call to the platform, so sharing one provider or one
/// [`TokenStore`](crate::TokenStore) among processes remains worthwhile.
///
/// ```no_run
/// use std::sync::Arc;
/// use mpapi_client::{ApiClient, BaiduClientCredentials};
/// let provider = Arc::new(BaiduClientCredentials::new("app-key", "app-secret")?);
/// let api = ApiClient::builder().token_provider(provider).build()?;
/// # drop(api);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct BaiduClientCredentials {
    client_id: String,
    client_secret: Secret,
    base_url: String,
    http: reqwest::Client,
    cache: TokenCache,
}

impl BaiduClientCredentials {
    /// A provider for the app key `client_id` with the default [`TokenOptions`].
    pub fn new(
        client_id: impl Into<String>,
        client_secret: impl Into<Secret>,
    ) -> Result<Self, BuildError> {
        Self::with_options(client_id, client_secret, TokenOptions::default())
    }

    /// A provider for the app key `client_id` with the given options.
    pub fn with_options(
        client_id: impl Into<String>,
        client_secret: impl Into<Secret>,
        options: TokenOptions,
    ) -> Result<Self, BuildError> {
        let client_id = client_id.into();
        let base_url = check_base_url(options.base_url.as_deref().unwrap_or(BAIDU_BASE_URL))?;
        Ok(BaiduClientCredentials {
            cache: TokenCache::new(format!("mpapi:token:baidu:{client_id}"), &options),
            http: build_client(options.timeout, options.connect_timeout)?,
            client_id,
            client_secret: client_secret.into(),
            base_url,
        })
    }

    async fn fetch(&self) -> Result<AccessToken, TokenError> {
        let url = url_with_query(
            &format!("{}/oauth/2.0/token", self.base_url),
            &[
                ("grant_type", "client_credentials"),
                ("client_id", self.client_id.as_str()),
                ("client_secret", self.client_secret.expose()),
                ("scope", "smartapp_snsapi_base"),
            ],
        )?;
        let (status, body) = send(self.http.get(url), &[&self.client_secret]).await?;
        if body.contains_key("error") {
            let error = match body.get("error") {
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(other) => other.to_string(),
                None => String::new(),
            };
            return Err(TokenError::Baidu {
                error: scrub(&error, &[&self.client_secret]),
                description: scrub(
                    str_member(&body, "error_description"),
                    &[&self.client_secret],
                ),
            });
        }
        token_from(status, &body)
    }
}

impl TokenProvider for BaiduClientCredentials {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(self.cache.get(|_force| self.fetch()))
    }

    fn invalidate(&self, failed: &AccessToken) {
        self.cache.invalidate(failed);
    }
}

impl fmt::Debug for BaiduClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BaiduClientCredentials")
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .field("base_url", &self.base_url)
            .field("cache", &self.cache)
            .finish()
    }
}
