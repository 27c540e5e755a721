//! `RedisTokenStore` against a real `redis-server` on loopback: many instances, one token.
//!
//! Needs the `redis` feature and `MPAPI_TEST_REDIS_URL` (e.g. `redis://127.0.0.1:6379/`);
//! without the variable these tests fail, saying how to start a server.
#![cfg(feature = "redis")]

use crate::common;

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use common::*;
use mpapi_client::{AccessToken, Lease, RedisTokenStore, TokenError, TokenProvider, TokenStore};
use mpapi_sandbox::{Fault, FaultScope, WECHAT_STABLE_TOKEN};
use mpapi_wechat::token::WechatStableToken;

fn redis_url() -> String {
    std::env::var("MPAPI_TEST_REDIS_URL").unwrap_or_else(|_| {
        panic!(
            "MPAPI_TEST_REDIS_URL is not set. Start a throwaway Redis and point the tests at it:\n  \
             apt-get install -y redis-server\n  \
             redis-server --port 6391 --bind 127.0.0.1 --save '' --daemonize yes\n  \
             MPAPI_TEST_REDIS_URL=redis://127.0.0.1:6391/ cargo test -p mpapi-client --features redis"
        )
    })
}

/// A key no other test run uses.
fn unique_key(name: &str) -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!("mpapi-test:{name}:{}:{nanos}", std::process::id())
}

/// A fresh store instance, as another process would have.
fn store() -> Arc<RedisTokenStore> {
    Arc::new(RedisTokenStore::open(&redis_url()).expect("the Redis URL parses"))
}

async fn raw_connection() -> redis::aio::MultiplexedConnection {
    redis::Client::open(redis_url())
        .expect("the Redis URL parses")
        .get_multiplexed_async_connection()
        .await
        .expect("Redis is reachable")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn instances_sharing_redis_fetch_one_token() {
    let sandbox = start(sandbox_config());
    sandbox.faults().inject_always(
        FaultScope::endpoint(WECHAT_STABLE_TOKEN),
        Fault::Latency(Duration::from_millis(150)),
    );
    let key = unique_key("single");
    // Three instances, each with its own store connection, as three processes would.
    let providers: Vec<Arc<dyn TokenProvider>> = (0..3)
        .map(|_| {
            let opts = options(sandbox.base_url())
                .store(store())
                .store_key(key.clone());
            let p: Arc<dyn TokenProvider> =
                Arc::new(WechatStableToken::with_options(WX_APP, WX_SECRET, opts).expect("builds"));
            p
        })
        .collect();
    let tasks: Vec<_> = (0..60)
        .map(|i| {
            let p = Arc::clone(&providers[i % 3]);
            tokio::spawn(async move { p.token().await })
        })
        .collect();
    let mut tokens = Vec::new();
    for t in tasks {
        tokens.push(t.await.expect("task ran").expect("token"));
    }
    assert!(tokens.iter().all(|t| t == &tokens[0]));
    assert_eq!(sandbox.wechat_token_issues(WX_APP), 1);

    // The token sits in Redis with a TTL, and no lease is left behind.
    let mut conn = raw_connection().await;
    let ttl: i64 = redis::cmd("PTTL")
        .arg(&key)
        .query_async(&mut conn)
        .await
        .expect("PTTL");
    assert!(ttl > 0 && ttl <= 7_200_000, "PTTL {ttl}");
    let lease: i64 = redis::cmd("EXISTS")
        .arg(format!("{key}:lease"))
        .query_async(&mut conn)
        .await
        .expect("EXISTS");
    assert_eq!(lease, 0);
}

#[tokio::test]
async fn a_rejected_token_is_replaced_once_for_all_instances() {
    let sandbox = start(sandbox_config());
    let key = unique_key("reject");
    let make = || {
        let opts = options(sandbox.base_url())
            .store(store())
            .store_key(key.clone());
        WechatStableToken::with_options(WX_APP, WX_SECRET, opts).expect("builds")
    };
    let (a, b) = (make(), make());
    let first = a.token().await.expect("token");
    assert_eq!(b.token().await.expect("shared token"), first);

    // Both learn the token was rejected; only the first to look fetches a new one.
    a.invalidate(&first);
    b.invalidate(&first);
    let second = a.token().await.expect("replacement");
    assert_ne!(second, first);
    assert_eq!(b.token().await.expect("picked up from Redis"), second);
    assert_eq!(sandbox.wechat_token_issues(WX_APP), 2);
}

#[tokio::test]
async fn a_waiting_instance_takes_the_published_token_or_gives_up_in_time() {
    let sandbox = start(sandbox_config());
    let key = unique_key("lease");
    let other = store();
    // Another instance holds the lease and is slow.
    let lease: Lease = other
        .try_lease(&key, Duration::from_secs(30))
        .await
        .expect("Redis answers")
        .expect("the lease is free");
    assert!(
        other
            .try_lease(&key, Duration::from_secs(30))
            .await
            .expect("Redis answers")
            .is_none(),
        "the lease is exclusive"
    );

    let opts = options(sandbox.base_url())
        .store(store())
        .store_key(key.clone())
        .lease_wait(Duration::from_millis(300));
    let waiter = WechatStableToken::with_options(WX_APP, WX_SECRET, opts).expect("builds");
    let err = waiter
        .token()
        .await
        .expect_err("the lease is never released");
    assert!(matches!(err, TokenError::LeaseTimeout { .. }), "{err:?}");
    assert_eq!(sandbox.wechat_token_issues(WX_APP), 0);

    // When the holder publishes during the wait, the waiter uses that token.
    let published = AccessToken::new("published-elsewhere", Duration::from_secs(600));
    let holder = Arc::clone(&other);
    let (k, t, l) = (key.clone(), published.clone(), lease.clone());
    let publisher = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(100)).await;
        holder.publish(&k, &t, &l).await
    });
    let opts = options(sandbox.base_url())
        .store(store())
        .store_key(key.clone())
        .lease_wait(Duration::from_secs(3));
    let waiter = WechatStableToken::with_options(WX_APP, WX_SECRET, opts).expect("builds");
    assert_eq!(waiter.token().await.expect("published token"), published);
    publisher.await.expect("task ran").expect("published");
    assert_eq!(sandbox.wechat_token_issues(WX_APP), 0);

    // The published token was stored and the lease released by its holder.
    assert_eq!(
        other.get(&key).await.expect("Redis answers"),
        Some(published)
    );
    assert!(
        other
            .try_lease(&key, Duration::from_secs(1))
            .await
            .expect("Redis answers")
            .is_some()
    );
}

#[tokio::test]
async fn only_the_holder_releases_a_lease() {
    let key = unique_key("release");
    let s = store();
    let held = s
        .try_lease(&key, Duration::from_secs(30))
        .await
        .expect("Redis answers")
        .expect("free");
    let stranger = Lease::new_random();
    s.release(&key, &stranger).await.expect("Redis answers");
    assert!(
        s.try_lease(&key, Duration::from_secs(30))
            .await
            .expect("Redis answers")
            .is_none()
    );
    s.release(&key, &held).await.expect("Redis answers");
    assert!(
        s.try_lease(&key, Duration::from_secs(30))
            .await
            .expect("Redis answers")
            .is_some()
    );
    assert!(!format!("{s:?}").contains("redis://"));
}
