use std::sync::Arc;
use std::time::Duration;

use crate::TokenStore;

/// Settings shared by the fetching token providers (every [`TokenFetcher`]: WeChat's
/// `WechatClientCredential` and `WechatStableToken` in `mpapi_wechat::token`, and
/// [`BaiduClientCredentials`]).
///
/// [`TokenFetcher`]: crate::TokenFetcher
/// [`BaiduClientCredentials`]: crate::BaiduClientCredentials
///
/// ```
/// use std::time::Duration;
/// use mpapi_client::TokenOptions;
/// let options = TokenOptions::default()
///     .base_url("http://127.0.0.1:8080")
///     .refresh_margin(Duration::from_secs(60))
///     .timeout(Duration::from_secs(5));
/// # drop(options);
/// ```
#[derive(Clone, Debug)]
pub struct TokenOptions {
    pub(crate) base_url: Option<String>,
    pub(crate) refresh_margin: Duration,
    pub(crate) store: Option<Arc<dyn TokenStore>>,
    pub(crate) store_key: Option<String>,
    pub(crate) timeout: Duration,
    pub(crate) connect_timeout: Duration,
    pub(crate) lease_ttl: Duration,
    pub(crate) lease_wait: Duration,
}

impl Default for TokenOptions {
    fn default() -> Self {
        TokenOptions {
            base_url: None,
            refresh_margin: Duration::from_secs(300),
            store: None,
            store_key: None,
            timeout: Duration::from_secs(10),
            connect_timeout: Duration::from_secs(5),
            lease_ttl: Duration::from_secs(15),
            lease_wait: Duration::from_secs(20),
        }
    }
}

impl TokenOptions {
    /// The token host, e.g. `http://127.0.0.1:8080` for a sandbox (default: the
    /// platform's real host).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// How long before expiry a new token is fetched (default 5 minutes; at most half
    /// the token's lifetime is used).
    pub fn refresh_margin(mut self, margin: Duration) -> Self {
        self.refresh_margin = margin;
        self
    }

    /// The store shared with other providers (default: a private [`MemoryTokenStore`]).
    ///
    /// [`MemoryTokenStore`]: crate::MemoryTokenStore
    pub fn store(mut self, store: Arc<dyn TokenStore>) -> Self {
        self.store = Some(store);
        self
    }

    /// The key the token is stored under (default `mpapi:token:<platform>:<app id>`).
    pub fn store_key(mut self, key: impl Into<String>) -> Self {
        self.store_key = Some(key.into());
        self
    }

    /// Total time allowed for one token request (default 10 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Time allowed to connect to the token host (default 5 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How long a refresh lease lasts if its holder never publishes (default 15 s).
    pub fn lease_ttl(mut self, ttl: Duration) -> Self {
        self.lease_ttl = ttl;
        self
    }

    /// How long to wait for another instance's refresh before giving up (default 20 s).
    pub fn lease_wait(mut self, wait: Duration) -> Self {
        self.lease_wait = wait;
        self
    }
}
