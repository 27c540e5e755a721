//! What a sandbox serves and how it behaves.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;

use mpapi_runtime::EndpointInfo;

use crate::faults::FaultRule;
use crate::seed::Seed;

/// The configuration of a sandbox: endpoints, apps, token behaviour, address, faults.
///
/// Its `Debug` output names the apps but never their secrets.
///
/// ```
/// use std::time::Duration;
/// use mpapi_sandbox::SandboxConfig;
///
/// let config = SandboxConfig::new(Vec::new())
///     .wechat_app("wx0000000000000001", "wechat-secret")
///     .baidu_app("baidu-client", "baidu-secret")
///     .token_ttl(Duration::from_secs(60));
/// assert_eq!(config.port, 0);
/// assert!(!format!("{config:?}").contains("secret\""));
/// ```
#[derive(Clone)]
pub struct SandboxConfig {
    /// The endpoints served, each at its path, method and fixed query parameters.
    pub endpoints: Vec<&'static EndpointInfo>,
    /// WeChat apps allowed to get tokens: `(appid, secret)`.
    pub wechat_apps: Vec<(String, String)>,
    /// Baidu apps allowed to get tokens: `(client_id, client_secret)`.
    pub baidu_apps: Vec<(String, String)>,
    /// Lifetime of every issued token (`expires_in`); default 7200 s.
    pub token_ttl: Duration,
    /// How long a WeChat token keeps working after a `client_credential` refresh
    /// (`/cgi-bin/token`) issued a newer one for its app; default 5 minutes, the
    /// platform's overlap. Set it to zero to make the old token fail at once, so that
    /// refresh storms and supersession show up in tests. (`stable_token` with
    /// `force_refresh: true` retires the old token at once whatever this says.)
    pub token_grace: Duration,
    /// Address to bind; default `127.0.0.1`. Change it only on purpose: the sandbox has
    /// no authentication worth the name.
    pub bind: IpAddr,
    /// Port to bind; default 0, a free port chosen by the system.
    pub port: u16,
    /// Fault rules active from the start.
    pub faults: Vec<FaultRule>,
    /// How long [`SandboxHandle::shutdown`](crate::SandboxHandle::shutdown) waits for
    /// calls in progress before cutting them; default 2 s.
    pub shutdown_timeout: Duration,
    /// The largest request body accepted, in bytes; default
    /// [`DEFAULT_BODY_LIMIT`] (8 MiB). A larger body is read to its end (without being
    /// kept) and answered with HTTP 200 and the platform's error envelope: the endpoint's
    /// generic parameter-error code (WeChat) or `invalid parameter` (Baidu), with a message
    /// giving the size and the limit.
    pub body_limit: usize,
    /// The records the stores start with (see [`Seed`]); default none, so that records
    /// are created on first use.
    pub seed: Seed,
}

/// The default [`SandboxConfig::body_limit`]: 8 MiB, four times the largest body the
/// validation benchmarks use (uploadShoppingInfo with 100 orders of 50 items, 1.9 MB).
pub const DEFAULT_BODY_LIMIT: usize = 8 * 1024 * 1024;

impl Default for SandboxConfig {
    fn default() -> Self {
        SandboxConfig {
            endpoints: Vec::new(),
            wechat_apps: Vec::new(),
            baidu_apps: Vec::new(),
            token_ttl: Duration::from_secs(7200),
            token_grace: Duration::from_secs(300),
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 0,
            faults: Vec::new(),
            shutdown_timeout: Duration::from_secs(2),
            body_limit: DEFAULT_BODY_LIMIT,
            seed: Seed::default(),
        }
    }
}

impl SandboxConfig {
    /// The default configuration serving `endpoints`.
    pub fn new(endpoints: Vec<&'static EndpointInfo>) -> Self {
        SandboxConfig {
            endpoints,
            ..SandboxConfig::default()
        }
    }

    /// Sets the largest request body accepted, in bytes (see
    /// [`body_limit`](Self::body_limit)).
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = bytes;
        self
    }

    /// Adds a WeChat app.
    pub fn wechat_app(mut self, appid: impl Into<String>, secret: impl Into<String>) -> Self {
        self.wechat_apps.push((appid.into(), secret.into()));
        self
    }

    /// Adds a Baidu app.
    pub fn baidu_app(mut self, client_id: impl Into<String>, secret: impl Into<String>) -> Self {
        self.baidu_apps.push((client_id.into(), secret.into()));
        self
    }

    /// Sets [`SandboxConfig::token_ttl`].
    pub fn token_ttl(mut self, ttl: Duration) -> Self {
        self.token_ttl = ttl;
        self
    }

    /// Sets [`SandboxConfig::token_grace`].
    pub fn token_grace(mut self, grace: Duration) -> Self {
        self.token_grace = grace;
        self
    }

    /// Sets [`SandboxConfig::port`].
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// Sets the records the stores start with (see [`Seed`]). It is checked against the
    /// endpoints' seed declarations when the sandbox starts.
    pub fn seed(mut self, seed: Seed) -> Self {
        self.seed = seed;
        self
    }

    /// Adds a fault rule active from the start.
    pub fn fault(mut self, rule: FaultRule) -> Self {
        self.faults.push(rule);
        self
    }
}

impl fmt::Debug for SandboxConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ids =
            |apps: &[(String, String)]| apps.iter().map(|(id, _)| id.clone()).collect::<Vec<_>>();
        f.debug_struct("SandboxConfig")
            .field(
                "endpoints",
                &self.endpoints.iter().map(|e| e.id).collect::<Vec<_>>(),
            )
            .field("wechat_apps", &ids(&self.wechat_apps))
            .field("baidu_apps", &ids(&self.baidu_apps))
            .field("token_ttl", &self.token_ttl)
            .field("token_grace", &self.token_grace)
            .field("bind", &self.bind)
            .field("port", &self.port)
            .field("faults", &self.faults)
            .field("shutdown_timeout", &self.shutdown_timeout)
            .field("body_limit", &self.body_limit)
            .field("seed", &self.seed)
            .finish()
    }
}
