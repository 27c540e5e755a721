use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime};

use super::{Lease, StoreFuture, TokenStore};
use crate::AccessToken;

/// A [`TokenStore`] in this process's memory: the default of every provider, and
/// shareable between providers (and so between [`ApiClient`](crate::ApiClient)s) of one
/// process by handing them the same `Arc<MemoryTokenStore>`.
///
/// ```
/// use std::sync::Arc;
/// use mpapi_client::{MemoryTokenStore, TokenOptions};
/// use mpapi_wechat::token::WechatStableToken;
/// let store = Arc::new(MemoryTokenStore::new());
/// let options = TokenOptions::default().store(store.clone());
/// let a = WechatStableToken::with_options("wx123", "secret", options.clone()).unwrap();
/// let b = WechatStableToken::with_options("wx123", "secret", options).unwrap();
/// // `a` and `b` now fetch one token between them.
/// # drop((a, b));
/// ```
#[derive(Default)]
pub struct MemoryTokenStore {
    slots: Mutex<HashMap<String, Slot>>,
}

#[derive(Debug, Default)]
struct Slot {
    token: Option<AccessToken>,
    lease: Option<(Lease, Instant)>,
}

impl fmt::Debug for MemoryTokenStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let slots = self.slots();
        let keys: Vec<&String> = slots.keys().collect();
        f.debug_struct("MemoryTokenStore")
            .field("keys", &keys)
            .finish()
    }
}

impl MemoryTokenStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    fn slots(&self) -> MutexGuard<'_, HashMap<String, Slot>> {
        // Every update below leaves the map consistent, so a poisoned lock is still usable.
        self.slots.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl TokenStore for MemoryTokenStore {
    fn get<'a>(&'a self, key: &'a str) -> StoreFuture<'a, Option<AccessToken>> {
        let now = SystemTime::now();
        let token = self
            .slots()
            .get(key)
            .and_then(|s| s.token.clone())
            .filter(|t| !t.is_expired_at(now));
        Box::pin(async move { Ok(token) })
    }

    fn try_lease<'a>(&'a self, key: &'a str, ttl: Duration) -> StoreFuture<'a, Option<Lease>> {
        let now = Instant::now();
        let mut slots = self.slots();
        let slot = slots.entry(key.to_owned()).or_default();
        let free = slot.lease.as_ref().is_none_or(|(_, until)| now >= *until);
        let lease = free.then(|| {
            let lease = Lease::new_random();
            slot.lease = Some((lease.clone(), now + ttl));
            lease
        });
        drop(slots);
        Box::pin(async move { Ok(lease) })
    }

    fn publish<'a>(
        &'a self,
        key: &'a str,
        token: &'a AccessToken,
        lease: &'a Lease,
    ) -> StoreFuture<'a, ()> {
        let mut slots = self.slots();
        let slot = slots.entry(key.to_owned()).or_default();
        slot.token = Some(token.clone());
        if slot.lease.as_ref().is_some_and(|(held, _)| held == lease) {
            slot.lease = None;
        }
        drop(slots);
        Box::pin(async { Ok(()) })
    }

    fn release<'a>(&'a self, key: &'a str, lease: &'a Lease) -> StoreFuture<'a, ()> {
        if let Some(slot) = self.slots().get_mut(key)
            && slot.lease.as_ref().is_some_and(|(held, _)| held == lease)
        {
            slot.lease = None;
        }
        Box::pin(async { Ok(()) })
    }

    fn poll_interval(&self) -> Duration {
        Duration::from_millis(10)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block_on<F: std::future::Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .expect("a current-thread runtime builds")
            .block_on(f)
    }

    #[test]
    fn lease_is_exclusive_until_published_or_expired() {
        block_on(async {
            let store = MemoryTokenStore::new();
            let ttl = Duration::from_secs(60);
            let lease = store.try_lease("k", ttl).await.expect("memory store");
            let lease = lease.expect("first lease is granted");
            assert!(store.try_lease("k", ttl).await.expect("memory").is_none());
            assert!(
                store
                    .try_lease("other", ttl)
                    .await
                    .expect("memory")
                    .is_some()
            );

            let token = AccessToken::new("T", Duration::from_secs(100));
            store.publish("k", &token, &lease).await.expect("memory");
            assert_eq!(store.get("k").await.expect("memory"), Some(token));
            assert!(store.try_lease("k", ttl).await.expect("memory").is_some());

            let short = store.try_lease("z", Duration::ZERO).await.expect("memory");
            assert!(short.is_some());
            assert!(store.try_lease("z", ttl).await.expect("memory").is_some());
        });
    }

    #[test]
    fn expired_tokens_are_not_returned_and_stale_release_is_ignored() {
        block_on(async {
            let store = MemoryTokenStore::new();
            let lease = store
                .try_lease("k", Duration::from_secs(60))
                .await
                .expect("memory")
                .expect("granted");
            let past = SystemTime::now() - Duration::from_secs(10);
            let old = AccessToken::from_parts("old", past, Some(past));
            store.publish("k", &old, &lease).await.expect("memory");
            assert_eq!(store.get("k").await.expect("memory"), None);

            let held = store
                .try_lease("k", Duration::from_secs(60))
                .await
                .expect("memory")
                .expect("granted");
            store.release("k", &lease).await.expect("memory");
            assert!(
                store
                    .try_lease("k", Duration::from_secs(60))
                    .await
                    .expect("memory")
                    .is_none()
            );
            store.release("k", &held).await.expect("memory");
            assert!(
                store
                    .try_lease("k", Duration::from_secs(60))
                    .await
                    .expect("memory")
                    .is_some()
            );
        });
    }
}
