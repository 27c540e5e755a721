//! Access tokens and the providers that obtain them.

mod baidu;
mod cache;
mod fetch;
mod fetcher;
mod options;
mod static_token;

use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, SystemTime};

use crate::{Secret, TokenError};

pub use baidu::BaiduClientCredentials;
pub use fetcher::{TokenAnswer, TokenFetcher};
pub use options::TokenOptions;
pub use static_token::StaticToken;

/// The future returned by [`TokenProvider::token`].
pub type TokenFuture<'a> =
    Pin<Box<dyn Future<Output = Result<AccessToken, TokenError>> + Send + 'a>>;

/// A source of access tokens for one app, shared by every call of an
/// [`ApiClient`](crate::ApiClient).
///
/// The trait is object safe (`Arc<dyn TokenProvider>`): `token` returns a boxed future.
///
/// ```
/// use mpapi_client::{AccessToken, StaticToken, TokenProvider};
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// let provider = StaticToken::new("TOKEN");
/// let token: AccessToken = provider.token().await.unwrap();
/// assert_eq!(token.secret().expose(), "TOKEN");
/// # });
/// ```
pub trait TokenProvider: Send + Sync {
    /// A token that is valid now: cached while fresh, fetched when not.
    fn token(&self) -> TokenFuture<'_>;

    /// Tells the provider that the platform rejected `failed` as invalid or expired.
    /// The cached token is dropped only if it is still `failed`, so a late report about
    /// an old token never throws away a newer one.
    fn invalidate(&self, failed: &AccessToken);
}

/// An access token with its lifetime. `Debug` never shows the token.
///
/// Two tokens are equal when their values are equal, whatever their lifetimes.
#[derive(Clone, Debug)]
pub struct AccessToken {
    secret: Secret,
    issued_at: SystemTime,
    expires_at: Option<SystemTime>,
}

impl AccessToken {
    /// A token issued now that expires after `expires_in`.
    pub fn new(value: impl Into<Secret>, expires_in: Duration) -> Self {
        let now = SystemTime::now();
        AccessToken {
            secret: value.into(),
            issued_at: now,
            expires_at: Some(now + expires_in),
        }
    }

    /// A token with no known expiry (e.g. one managed elsewhere and passed in).
    pub fn without_expiry(value: impl Into<Secret>) -> Self {
        AccessToken {
            secret: value.into(),
            issued_at: SystemTime::now(),
            expires_at: None,
        }
    }

    /// A token with an explicit issue time and expiry, e.g. read back from a store.
    pub fn from_parts(
        value: impl Into<Secret>,
        issued_at: SystemTime,
        expires_at: Option<SystemTime>,
    ) -> Self {
        AccessToken {
            secret: value.into(),
            issued_at,
            expires_at,
        }
    }

    /// The token value; use [`Secret::expose`] to read it.
    pub fn secret(&self) -> &Secret {
        &self.secret
    }

    /// When the token was obtained.
    pub fn issued_at(&self) -> SystemTime {
        self.issued_at
    }

    /// When the platform stops accepting the token, if known.
    pub fn expires_at(&self) -> Option<SystemTime> {
        self.expires_at
    }

    /// Whether the token has expired at `now`.
    pub fn is_expired_at(&self, now: SystemTime) -> bool {
        self.expires_at.is_some_and(|e| now >= e)
    }

    /// Whether a new token should be fetched at `now`: within `margin` of expiry.
    /// The margin is capped at half the token's lifetime, so a short-lived token is
    /// still used for a while rather than refetched on every call.
    pub fn refresh_due_at(&self, now: SystemTime, margin: Duration) -> bool {
        let Some(expires_at) = self.expires_at else {
            return false;
        };
        let lifetime = expires_at
            .duration_since(self.issued_at)
            .unwrap_or(Duration::ZERO);
        let margin = margin.min(lifetime / 2);
        match expires_at.checked_sub(margin) {
            Some(refresh_at) => now >= refresh_at,
            None => true,
        }
    }
}

impl PartialEq for AccessToken {
    fn eq(&self, other: &Self) -> bool {
        self.secret == other.secret
    }
}

impl Eq for AccessToken {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refresh_is_due_within_margin_capped_at_half_lifetime() {
        let t0 = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let token = AccessToken::from_parts("t", t0, Some(t0 + Duration::from_secs(7200)));
        let margin = Duration::from_secs(300);
        assert!(!token.refresh_due_at(t0 + Duration::from_secs(6899), margin));
        assert!(token.refresh_due_at(t0 + Duration::from_secs(6900), margin));
        assert!(!token.is_expired_at(t0 + Duration::from_secs(7199)));
        assert!(token.is_expired_at(t0 + Duration::from_secs(7200)));

        let short = AccessToken::from_parts("s", t0, Some(t0 + Duration::from_secs(60)));
        assert!(!short.refresh_due_at(t0 + Duration::from_secs(29), margin));
        assert!(short.refresh_due_at(t0 + Duration::from_secs(30), margin));

        let forever = AccessToken::without_expiry("f");
        assert!(!forever.refresh_due_at(SystemTime::now() + Duration::from_secs(1 << 30), margin));
    }
}
