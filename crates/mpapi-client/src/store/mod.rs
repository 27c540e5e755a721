//! Where cached tokens live, so that many client instances share one token.
//!
//! A platform issues one valid token per app at a time (WeChat's `cgi-bin/token`
//! invalidates the previous token a few minutes after issuing a new one), so instances
//! that each fetched their own would knock each other's tokens out. A [`TokenStore`]
//! holds the current token and a *lease*: the instance that wins the lease fetches a new
//! token and publishes it; the others wait and reuse it.

mod memory;
#[cfg(feature = "redis")]
mod redis;

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use crate::{AccessToken, StoreError};

pub use memory::MemoryTokenStore;
#[cfg(feature = "redis")]
pub use redis::RedisTokenStore;

/// The future returned by [`TokenStore`] methods.
pub type StoreFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, StoreError>> + Send + 'a>>;

/// The right, held for a limited time, to fetch and publish a new token under a key.
#[derive(Clone, PartialEq, Eq)]
pub struct Lease {
    id: String,
}

impl Lease {
    /// A lease with a fresh random id.
    pub fn new_random() -> Self {
        Lease {
            id: format!("{:016x}{:016x}", fastrand::u64(..), fastrand::u64(..)),
        }
    }

    /// The lease's id, unique per acquisition.
    pub fn id(&self) -> &str {
        &self.id
    }
}

impl fmt::Debug for Lease {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Lease").field(&self.id).finish()
    }
}

/// A shared cache of access tokens, keyed by app, with a refresh lease.
///
/// Implementations: [`MemoryTokenStore`] (one process) and, with the `redis` feature,
/// `RedisTokenStore` (many processes).
pub trait TokenStore: Send + Sync + fmt::Debug {
    /// The token stored under `key`, if any and not expired.
    fn get<'a>(&'a self, key: &'a str) -> StoreFuture<'a, Option<AccessToken>>;

    /// Takes the refresh lease of `key` for `ttl`, unless someone else holds it.
    fn try_lease<'a>(&'a self, key: &'a str, ttl: Duration) -> StoreFuture<'a, Option<Lease>>;

    /// Stores `token` under `key` until it expires, then releases `lease`.
    fn publish<'a>(
        &'a self,
        key: &'a str,
        token: &'a AccessToken,
        lease: &'a Lease,
    ) -> StoreFuture<'a, ()>;

    /// Releases `lease` if it is still held, without storing anything.
    fn release<'a>(&'a self, key: &'a str, lease: &'a Lease) -> StoreFuture<'a, ()>;

    /// How long a waiting instance sleeps between looks at the store.
    fn poll_interval(&self) -> Duration {
        Duration::from_millis(50)
    }
}
