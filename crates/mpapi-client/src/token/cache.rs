//! The cache behind every fetching provider: refresh ahead of expiry, one fetch at a
//! time per process (single flight), one fetch at a time across processes (the store's
//! lease), and invalidation that only drops the token that failed.

use std::fmt;
use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime};

use tokio::time::Instant;

use super::{AccessToken, TokenOptions};
use crate::{MemoryTokenStore, Secret, TokenError, TokenStore};

pub(crate) struct TokenCache {
    key: String,
    margin: Duration,
    lease_ttl: Duration,
    lease_wait: Duration,
    store: Arc<dyn TokenStore>,
    local: Mutex<Local>,
    /// Held by the one task of this process that is looking for a new token.
    refresh: tokio::sync::Mutex<()>,
}

#[derive(Debug, Default)]
struct Local {
    current: Option<AccessToken>,
    /// The last token the platform rejected: never handed out again, even if a store
    /// still holds it.
    rejected: Option<Secret>,
}

impl fmt::Debug for TokenCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenCache")
            .field("key", &self.key)
            .field("refresh_margin", &self.margin)
            .field("lease_ttl", &self.lease_ttl)
            .field("lease_wait", &self.lease_wait)
            .finish_non_exhaustive()
    }
}

impl TokenCache {
    pub(crate) fn new(default_key: String, options: &TokenOptions) -> Self {
        TokenCache {
            key: options.store_key.clone().unwrap_or(default_key),
            margin: options.refresh_margin,
            lease_ttl: options.lease_ttl,
            lease_wait: options.lease_wait,
            store: options
                .store
                .clone()
                .unwrap_or_else(|| Arc::new(MemoryTokenStore::new())),
            local: Mutex::new(Local::default()),
            refresh: tokio::sync::Mutex::new(()),
        }
    }

    fn local(&self) -> MutexGuard<'_, Local> {
        // Local is two independent options; a panic elsewhere cannot leave it torn.
        self.local.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn fresh_local(&self) -> Option<AccessToken> {
        let now = SystemTime::now();
        self.local()
            .current
            .clone()
            .filter(|t| !t.refresh_due_at(now, self.margin))
    }

    /// `Some(token)` when `token` may be handed out now without refreshing.
    fn usable(&self, token: &AccessToken) -> bool {
        let rejected = self.local().rejected.clone();
        !token.refresh_due_at(SystemTime::now(), self.margin)
            && rejected.is_none_or(|r| &r != token.secret())
    }

    fn not_rejected_unexpired(&self, token: &AccessToken) -> bool {
        let rejected = self.local().rejected.clone();
        !token.is_expired_at(SystemTime::now()) && rejected.is_none_or(|r| &r != token.secret())
    }

    fn adopt(&self, token: &AccessToken) {
        let mut local = self.local();
        local.current = Some(token.clone());
        if local.rejected.as_ref() == Some(token.secret()) {
            local.rejected = None;
        }
    }

    /// A usable token: cached, or published by another instance, or fetched by calling
    /// `fetch(force_refresh)`. `force_refresh` is true when the token the platform
    /// rejected is still the newest one known.
    pub(crate) async fn get<F, Fut>(&self, fetch: F) -> Result<AccessToken, TokenError>
    where
        F: Fn(bool) -> Fut,
        Fut: Future<Output = Result<AccessToken, TokenError>>,
    {
        if let Some(token) = self.fresh_local() {
            return Ok(token);
        }
        let _flight = self.refresh.lock().await;
        if let Some(token) = self.fresh_local() {
            return Ok(token);
        }
        // A token past its refresh time but not expired is still worth handing out if
        // the refresh fails.
        let current = self.local().current.clone();
        let mut fallback = current.filter(|t| self.not_rejected_unexpired(t));
        let mut saw_rejected = false;
        let deadline = Instant::now() + self.lease_wait;
        loop {
            if let Some(token) = self.look_in_store(&mut fallback, &mut saw_rejected).await? {
                return Ok(token);
            }
            if let Some(lease) = self.store.try_lease(&self.key, self.lease_ttl).await? {
                // Someone may have published between our look and our lease.
                match self.look_in_store(&mut fallback, &mut saw_rejected).await {
                    Ok(Some(token)) => {
                        self.store.release(&self.key, &lease).await?;
                        return Ok(token);
                    }
                    Ok(None) => {}
                    Err(e) => {
                        // Best effort: the lease also expires by itself.
                        let _ = self.store.release(&self.key, &lease).await;
                        return Err(e);
                    }
                }
                let force = saw_rejected || self.local().rejected.is_some();
                tracing::info!(key = %self.key, force_refresh = force, "fetching a new access token");
                return match fetch(force).await {
                    Ok(token) => {
                        tracing::info!(
                            key = %self.key,
                            expires_in_s = token
                                .expires_at()
                                .and_then(|at| at.duration_since(SystemTime::now()).ok())
                                .map_or(0, |d| d.as_secs()),
                            "fetched a new access token"
                        );
                        let published = self.store.publish(&self.key, &token, &lease).await;
                        {
                            let mut local = self.local();
                            local.current = Some(token.clone());
                            local.rejected = None;
                        }
                        // The token is good even if other instances cannot see it.
                        if published.is_err() {
                            let _ = self.store.release(&self.key, &lease).await;
                        }
                        Ok(token)
                    }
                    Err(e) => {
                        let _ = self.store.release(&self.key, &lease).await;
                        match fallback {
                            Some(token) if !token.is_expired_at(SystemTime::now()) => {
                                tracing::warn!(
                                    key = %self.key,
                                    error = %e,
                                    "access token refresh failed; the current token is still valid and kept"
                                );
                                Ok(token)
                            }
                            _ => {
                                tracing::warn!(key = %self.key, error = %e, "access token fetch failed");
                                Err(e)
                            }
                        }
                    }
                };
            }
            let now = Instant::now();
            if now >= deadline {
                tracing::warn!(
                    key = %self.key,
                    waited_ms = u64::try_from(self.lease_wait.as_millis()).unwrap_or(u64::MAX),
                    "no access token published by the lease holder in time"
                );
                return Err(TokenError::LeaseTimeout {
                    waited: self.lease_wait,
                });
            }
            tokio::time::sleep(self.store.poll_interval().min(deadline - now)).await;
        }
    }

    async fn look_in_store(
        &self,
        fallback: &mut Option<AccessToken>,
        saw_rejected: &mut bool,
    ) -> Result<Option<AccessToken>, TokenError> {
        let Some(token) = self.store.get(&self.key).await? else {
            return Ok(None);
        };
        if self.usable(&token) {
            tracing::debug!(key = %self.key, "took the access token from the store");
            self.adopt(&token);
            return Ok(Some(token));
        }
        if self.not_rejected_unexpired(&token) {
            *fallback = Some(token);
        } else if self.local().rejected.as_ref() == Some(token.secret()) {
            *saw_rejected = true;
        }
        Ok(None)
    }

    pub(crate) fn invalidate(&self, failed: &AccessToken) {
        tracing::info!(key = %self.key, "access token invalidated after the platform rejected it");
        let mut local = self.local();
        if local.current.as_ref() == Some(failed) {
            local.current = None;
            local.rejected = Some(failed.secret().clone());
        } else if local.current.is_none() {
            local.rejected = Some(failed.secret().clone());
        }
    }
}
