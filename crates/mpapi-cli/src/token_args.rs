//! The token options of `mpapi call`: which WeChat token endpoint a token comes from, and
//! the store through which the token is shared with the app's other processes.

use std::sync::Arc;

use clap::{Args, ValueEnum};
use mpapi_client::{BuildError, RedisTokenStore, Secret, TokenOptions, TokenProvider};
use mpapi_wechat::token::{WechatClientCredential, WechatStableToken};

/// How `mpapi call` gets a WeChat token from `--appid` and `--secret`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum TokenMode {
    /// `POST /cgi-bin/stable_token` in normal mode: the app's current stable token, and
    /// every other holder's token keeps working.
    Stable,
    /// `GET /cgi-bin/token`: a new token, and the one the app's other processes hold
    /// stops working after WeChat's overlap (about 5 minutes). Use it only together with
    /// `--token-store` shared with those processes, or when nothing else holds a token.
    ClientCredential,
}

/// Token options of `mpapi call`; each may also come from its environment variable.
#[derive(Args)]
pub(crate) struct TokenArgs {
    /// How a WeChat token is fetched with --appid and --secret. `stable` (default) asks
    /// /cgi-bin/stable_token without force_refresh: it returns the app's current token and
    /// invalidates nobody's. `client-credential` asks /cgi-bin/token for a new token, which
    /// makes WeChat retire the token the app's servers hold after about 5 minutes: run it
    /// only with --token-store shared with them, or when nothing else uses the app's token.
    #[arg(
        long,
        env = "MPAPI_TOKEN_MODE",
        value_enum,
        default_value_t = TokenMode::Stable,
        verbatim_doc_comment
    )]
    token_mode: TokenMode,
    /// Share the token cache and the refresh lease with the app's other processes through
    /// this Redis store (redis://HOST:PORT/DB), as their providers do with a RedisTokenStore:
    /// a token found there is used without asking the platform.
    #[arg(long, env = "MPAPI_TOKEN_STORE", hide_env_values = true)]
    token_store: Option<String>,
    /// The key of the token in --token-store, when the other processes use their own
    /// (default: mpapi:token:wechat-stable:APPID for `stable`, mpapi:token:wechat:APPID for
    /// `client-credential`, mpapi:token:baidu:CLIENT_ID for Baidu).
    #[arg(long, env = "MPAPI_TOKEN_STORE_KEY", requires = "token_store")]
    token_store_key: Option<String>,
}

impl TokenArgs {
    /// `options` with the store and the store key, if any were given.
    pub(crate) fn options(&self, mut options: TokenOptions) -> Result<TokenOptions, String> {
        if let Some(url) = &self.token_store {
            if !(url.starts_with("redis://") || url.starts_with("rediss://")) {
                return Err(
                    "--token-store takes a Redis URL (redis://HOST:PORT/DB or rediss://...)"
                        .to_owned(),
                );
            }
            let store = RedisTokenStore::open(url).map_err(|e| format!("--token-store: {e}"))?;
            options = options.store(Arc::new(store));
        }
        if let Some(key) = &self.token_store_key {
            options = options.store_key(key.clone());
        }
        Ok(options)
    }

    /// The WeChat token provider of the chosen mode.
    pub(crate) fn wechat(
        &self,
        appid: &str,
        secret: &str,
        options: TokenOptions,
    ) -> Result<Arc<dyn TokenProvider>, BuildError> {
        let secret = Secret::new(secret);
        Ok(match self.token_mode {
            TokenMode::Stable => Arc::new(WechatStableToken::with_options(appid, secret, options)?),
            TokenMode::ClientCredential => Arc::new(WechatClientCredential::with_options(
                appid, secret, options,
            )?),
        })
    }
}
