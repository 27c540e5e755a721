use std::fmt;
use std::sync::Mutex;

use super::{AccessToken, TokenFuture, TokenProvider};
use crate::Secret;

/// A token managed elsewhere and handed in as is: a third-party platform's
/// `authorizer_access_token`, or a token a central service distributes.
///
/// `invalidate` cannot get a new one; a caller that refreshes the token elsewhere
/// passes the new value with [`StaticToken::replace`].
///
/// # Effect on other holders of the app's token
///
/// None: it never asks the platform for a token, so it cannot retire anyone's.
///
/// ```
/// use mpapi_client::{StaticToken, TokenProvider};
/// let provider = StaticToken::new("AUTHORIZER_TOKEN");
/// assert_eq!(format!("{provider:?}"), "StaticToken(Secret(***))");
/// provider.replace("NEW_TOKEN");
/// ```
pub struct StaticToken {
    token: Mutex<AccessToken>,
}

impl StaticToken {
    /// A provider that always answers `token`.
    pub fn new(token: impl Into<Secret>) -> Self {
        StaticToken {
            token: Mutex::new(AccessToken::without_expiry(token)),
        }
    }

    /// A provider that answers `token`, including its known expiry.
    pub fn from_token(token: AccessToken) -> Self {
        StaticToken {
            token: Mutex::new(token),
        }
    }

    /// Replaces the token handed out from now on.
    pub fn replace(&self, token: impl Into<Secret>) {
        *self.lock() = AccessToken::without_expiry(token);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, AccessToken> {
        // The guarded value is always whole, so a panic elsewhere cannot leave it torn.
        self.token.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl TokenProvider for StaticToken {
    fn token(&self) -> TokenFuture<'_> {
        let token = self.lock().clone();
        Box::pin(async move { Ok(token) })
    }

    fn invalidate(&self, _failed: &AccessToken) {}
}

impl fmt::Debug for StaticToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("StaticToken")
            .field(self.lock().secret())
            .finish()
    }
}
