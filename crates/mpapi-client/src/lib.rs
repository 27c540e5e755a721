//! The HTTP client core of mpapi's generated bindings: access tokens, retries, typed
//! errors and secrets that never print.
//!
//! Generated crates build an [`ApiClient`] per platform and call
//! [`ApiClient::call`] with an endpoint's static [`EndpointInfo`](mpapi_runtime::EndpointInfo):
//!
//! - tokens come from a [`TokenProvider`]: [`StaticToken`] (including a third party's
//!   `authorizer_access_token`), WeChat's `WechatClientCredential` and `WechatStableToken`
//!   (in `mpapi_wechat::token`, built on the generated types of WeChat's token endpoints
//!   and on this crate's [`TokenFetcher`]), [`BaiduClientCredentials`]; fetching
//!   providers cache the token, refresh it ahead of
//!   expiry, fetch it once for any number of concurrent callers, and share it with other
//!   instances through a [`TokenStore`] ([`MemoryTokenStore`], or `RedisTokenStore` with
//!   the `redis` feature);
//! - a rejected token (WeChat 40001/40014/42001) is replaced and the call repeated once;
//!   failures before the request is sent are retried for every endpoint, and "system
//!   busy" (-1), timeouts and dropped connections only for endpoints whose spec declares
//!   them idempotent, with bounded, jittered exponential backoff ([`RetryPolicy`]);
//! - every failure is an [`Error`] variant that says what happened, with what to do next
//!   as data ([`Error::fix`]) and the platform's code typed per endpoint in the generated
//!   clients ([`PlatformCode`]); no error, log line, config or provider ever prints a
//!   token or secret ([`Secret`]);
//! - every call is a `tracing` span (`mpapi.call`: endpoint id, attempts, HTTP status,
//!   platform code, duration, outcome), with events for retries and their reason and for
//!   token fetches, refreshes and invalidations.
//!
//! ```no_run
//! use std::sync::Arc;
//! use mpapi_client::{ApiClient, TokenOptions};
//! use mpapi_wechat::token::WechatStableToken;
//! let provider = WechatStableToken::with_options(
//!     "wx1234",
//!     "app-secret",
//!     TokenOptions::default().base_url("http://127.0.0.1:8080"),
//! )?;
//! let api = ApiClient::builder()
//!     .base_url("http://127.0.0.1:8080")
//!     .token_provider(Arc::new(provider))
//!     .build()?;
//! # drop(api);
//! # Ok::<(), mpapi_client::BuildError>(())
//! ```
#![deny(missing_docs)]

mod client;
mod envelope;
mod error;
mod http;
mod pages;
mod retry;
mod secret;
mod store;
mod token;

pub use client::{
    ApiClient, ApiClientBuilder, BAIDU_TOKEN_REJECTED, SYSTEM_BUSY, WECHAT_TOKEN_REJECTED,
};
pub use error::{
    AnyCode, BuildError, EXCERPT_MAX_BYTES, Error, PlatformCode, StoreError, TokenError,
    TransportError, TransportErrorKind,
};
pub use pages::{Page, PageFuture, Pages};
pub use retry::RetryPolicy;
pub use secret::Secret;
#[cfg(feature = "redis")]
pub use store::RedisTokenStore;
pub use store::{Lease, MemoryTokenStore, StoreFuture, TokenStore};
pub use token::{
    AccessToken, BaiduClientCredentials, StaticToken, TokenAnswer, TokenFetcher, TokenFuture,
    TokenOptions, TokenProvider,
};

/// Implements [`PlatformCode`] for generated error-code types (newtypes over the code with
/// `code()` and `info()`, as `#[derive(mpapi_derive::ErrorCode)]` makes them); the
/// generated clients invoke it for the error-code type of each endpoint they call.
#[macro_export]
macro_rules! impl_platform_code {
    ($($code:ty),* $(,)?) => {
        $(
            impl $crate::PlatformCode for $code {
                fn number(self) -> i64 {
                    self.code()
                }

                fn row(self) -> ::std::option::Option<&'static ::mpapi_runtime::ErrorCodeInfo> {
                    self.info()
                }
            }
        )*
    };
}
