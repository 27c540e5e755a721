use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use redis::aio::MultiplexedConnection;
use serde_json::{Value, json};

use super::{Lease, StoreFuture, TokenStore};
use crate::{AccessToken, StoreError};

/// Deletes the lease only if it still holds our id, so a lease that expired and was
/// taken by another instance is never released by the old holder.
const RELEASE: &str = r"
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
";

/// A [`TokenStore`] in Redis, so that every process of a deployment shares one token.
///
/// The token is stored under the key as JSON, with a TTL ending at its expiry. The
/// refresh lease is `<key>:lease`, taken with `SET NX PX` and released only by its
/// holder; instances that lose the race poll for the published token.
///
/// ```no_run
/// use std::sync::Arc;
/// use mpapi_client::{RedisTokenStore, TokenOptions};
/// use mpapi_wechat::token::WechatStableToken;
/// let store = Arc::new(RedisTokenStore::open("redis://127.0.0.1:6379/")?);
/// let provider = WechatStableToken::with_options(
///     "wx1234",
///     "app-secret",
///     TokenOptions::default().store(store),
/// )?;
/// # drop(provider);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct RedisTokenStore {
    client: redis::Client,
    connection: tokio::sync::Mutex<Option<MultiplexedConnection>>,
}

impl RedisTokenStore {
    /// A store on the Redis server at `url` (`redis://host:port/db`); connects on
    /// first use.
    pub fn open(url: &str) -> Result<Self, StoreError> {
        let client = redis::Client::open(url)
            .map_err(|e| StoreError::new(format!("invalid Redis URL: {}", e.category())))?;
        Ok(Self::from_client(client))
    }

    /// A store using an already configured Redis client.
    pub fn from_client(client: redis::Client) -> Self {
        RedisTokenStore {
            client,
            connection: tokio::sync::Mutex::new(None),
        }
    }

    async fn connection(&self) -> Result<MultiplexedConnection, StoreError> {
        let mut slot = self.connection.lock().await;
        if let Some(conn) = slot.as_ref() {
            return Ok(conn.clone());
        }
        let conn = self
            .client
            .get_multiplexed_async_connection()
            .await
            .map_err(redis_error)?;
        *slot = Some(conn.clone());
        Ok(conn)
    }

    /// Runs `cmd`; a connection failure drops the cached connection so the next call
    /// reconnects.
    async fn run<T: redis::FromRedisValue>(&self, cmd: &redis::Cmd) -> Result<T, StoreError> {
        let mut conn = self.connection().await?;
        match cmd.query_async(&mut conn).await {
            Ok(v) => Ok(v),
            Err(e) => {
                if e.is_io_error() || e.is_connection_dropped() || e.is_connection_refusal() {
                    *self.connection.lock().await = None;
                }
                Err(redis_error(e))
            }
        }
    }

    async fn release_lease(&self, key: &str, lease: &Lease) -> Result<(), StoreError> {
        let mut conn = self.connection().await?;
        redis::Script::new(RELEASE)
            .key(lease_key(key))
            .arg(lease.id())
            .invoke_async::<i64>(&mut conn)
            .await
            .map(|_| ())
            .map_err(redis_error)
    }
}

fn lease_key(key: &str) -> String {
    format!("{key}:lease")
}

fn redis_error(e: redis::RedisError) -> StoreError {
    // redis-rs renders the failure (I/O error, server reply), not the connection URL.
    StoreError::new(format!("Redis: {e}"))
}

fn millis(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

fn encode(token: &AccessToken) -> String {
    json!({
        "token": token.secret().expose(),
        "issued_at_ms": millis(token.issued_at()),
        "expires_at_ms": token.expires_at().map(millis),
    })
    .to_string()
}

fn decode(text: &str) -> Option<AccessToken> {
    let v: Value = serde_json::from_str(text).ok()?;
    let token = v.get("token")?.as_str()?;
    let issued = UNIX_EPOCH + Duration::from_millis(v.get("issued_at_ms")?.as_u64()?);
    let expires = match v.get("expires_at_ms") {
        Some(Value::Number(n)) => Some(UNIX_EPOCH + Duration::from_millis(n.as_u64()?)),
        _ => None,
    };
    Some(AccessToken::from_parts(token, issued, expires))
}

impl TokenStore for RedisTokenStore {
    fn get<'a>(&'a self, key: &'a str) -> StoreFuture<'a, Option<AccessToken>> {
        Box::pin(async move {
            let text: Option<String> = self.run(redis::cmd("GET").arg(key)).await?;
            // An unreadable entry is treated as absent: the next refresh overwrites it.
            Ok(text
                .as_deref()
                .and_then(decode)
                .filter(|t| !t.is_expired_at(SystemTime::now())))
        })
    }

    fn try_lease<'a>(&'a self, key: &'a str, ttl: Duration) -> StoreFuture<'a, Option<Lease>> {
        Box::pin(async move {
            let lease = Lease::new_random();
            let ms = u64::try_from(ttl.as_millis()).unwrap_or(u64::MAX).max(1);
            let set: Option<String> = self
                .run(
                    redis::cmd("SET")
                        .arg(lease_key(key))
                        .arg(lease.id())
                        .arg("NX")
                        .arg("PX")
                        .arg(ms),
                )
                .await?;
            Ok(set.map(|_| lease))
        })
    }

    fn publish<'a>(
        &'a self,
        key: &'a str,
        token: &'a AccessToken,
        lease: &'a Lease,
    ) -> StoreFuture<'a, ()> {
        Box::pin(async move {
            let mut cmd = redis::cmd("SET");
            cmd.arg(key).arg(encode(token));
            if let Some(expires_at) = token.expires_at() {
                let left = expires_at
                    .duration_since(SystemTime::now())
                    .unwrap_or(Duration::ZERO);
                let ms = u64::try_from(left.as_millis()).unwrap_or(u64::MAX).max(1);
                cmd.arg("PX").arg(ms);
            }
            let _: () = self.run(&cmd).await?;
            self.release_lease(key, lease).await
        })
    }

    fn release<'a>(&'a self, key: &'a str, lease: &'a Lease) -> StoreFuture<'a, ()> {
        Box::pin(self.release_lease(key, lease))
    }
}

impl fmt::Debug for RedisTokenStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The connection info may hold a password: show only where it points.
        let addr = self.client.get_connection_info().addr().to_string();
        f.debug_struct("RedisTokenStore")
            .field("addr", &addr)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip_through_the_stored_form() {
        let t = AccessToken::new("TOK", Duration::from_secs(7200));
        let back = decode(&encode(&t)).expect("encoded form decodes");
        assert_eq!(back, t);
        assert_eq!(back.expires_at().map(millis), t.expires_at().map(millis));
        let forever = AccessToken::without_expiry("F");
        assert_eq!(decode(&encode(&forever)).and_then(|t| t.expires_at()), None);
        assert!(decode("not json").is_none());
    }
}
