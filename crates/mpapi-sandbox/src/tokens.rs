//! Access tokens: issuing, checking, superseding and expiring them.
//!
//! WeChat behaviour imitated here:
//! - a `client_credential` refresh (`/cgi-bin/token`) supersedes the app's previous token,
//!   which keeps working for [`SandboxConfig::token_grace`](crate::SandboxConfig::token_grace)
//!   (the platform's overlap, 5 minutes by default) and then answers 40001;
//! - `/cgi-bin/stable_token` in normal mode (`force_refresh` false or absent) hands back the
//!   app's current token while it is valid, and retires nothing;
//! - `/cgi-bin/stable_token` with `force_refresh: true` issues a new token and the previous
//!   one stops working at once (the doc: "会导致上次获取的 access_token 失效"), with no
//!   overlap.
//!
//! Both WeChat token endpoints share one token per app (the real platform keeps the two
//! kinds apart; one pool is enough to exercise a client's refresh logic). Baidu tokens are
//! never superseded, they only expire.

use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

/// The platform a token or app belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Platform {
    WeChat,
    Baidu,
}

/// An app known to the sandbox: platform and app id (WeChat appid, Baidu client_id).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct AppId {
    pub platform: Platform,
    pub id: String,
}

/// Why a token is not accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokenRejection {
    /// No token parameter, or an empty one.
    Missing,
    /// Never issued by this sandbox, or issued for the other platform.
    Unknown,
    /// Past its lifetime (or expired by a fault).
    Expired,
    /// A newer token was issued for the app and the grace period is over.
    Superseded,
}

/// A token handed out: the token text and its remaining lifetime.
#[derive(Clone, Debug)]
pub(crate) struct Issued {
    pub token: String,
    pub expires_in: Duration,
}

#[derive(Debug)]
struct TokenRecord {
    app: AppId,
    expires_at: Instant,
    superseded_at: Option<Instant>,
}

#[derive(Debug, Default)]
struct Tokens {
    by_token: HashMap<String, TokenRecord>,
    current: HashMap<AppId, String>,
    issues: HashMap<AppId, u64>,
}

/// Every token issued by one sandbox.
#[derive(Debug)]
pub(crate) struct TokenStore {
    ttl: Duration,
    grace: Duration,
    seed: RandomState,
    counter: AtomicU64,
    tokens: Mutex<Tokens>,
}

impl TokenStore {
    pub(crate) fn new(ttl: Duration, grace: Duration) -> Self {
        TokenStore {
            ttl,
            grace,
            seed: RandomState::new(),
            counter: AtomicU64::new(0),
            tokens: Mutex::new(Tokens::default()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Tokens> {
        self.tokens.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A fresh, unguessable-enough token text (random per sandbox, unique per issue).
    fn mint(&self, platform: Platform) -> String {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        let a = self.seed.hash_one(n);
        let b = self.seed.hash_one(a ^ 0x5bd1_e995);
        let prefix = match platform {
            Platform::WeChat => "wx",
            Platform::Baidu => "bd",
        };
        format!("sbx_{prefix}_{a:016x}{b:016x}_{n}")
    }

    /// Issues a new token for `app` (a `client_credential` refresh): the app's current
    /// WeChat token keeps working for the grace period, then is superseded.
    pub(crate) fn issue(&self, app: &AppId) -> Issued {
        self.issue_retiring(app, self.grace)
    }

    /// Issues a new token for `app` (`stable_token` with `force_refresh`): the app's
    /// current WeChat token stops working at once.
    pub(crate) fn force_refresh(&self, app: &AppId) -> Issued {
        self.issue_retiring(app, Duration::ZERO)
    }

    /// Issues a new token for `app`; the previous WeChat token works `overlap` longer.
    fn issue_retiring(&self, app: &AppId, overlap: Duration) -> Issued {
        let now = Instant::now();
        let token = self.mint(app.platform);
        let mut tokens = self.lock();
        if app.platform == Platform::WeChat
            && let Some(previous) = tokens.current.get(app).cloned()
            && let Some(record) = tokens.by_token.get_mut(&previous)
        {
            record.superseded_at = Some(now + overlap);
        }
        tokens.by_token.insert(
            token.clone(),
            TokenRecord {
                app: app.clone(),
                expires_at: now + self.ttl,
                superseded_at: None,
            },
        );
        tokens.current.insert(app.clone(), token.clone());
        *tokens.issues.entry(app.clone()).or_insert(0) += 1;
        Issued {
            token,
            expires_in: self.ttl,
        }
    }

    /// The app's current token if it is still valid, else a newly issued one (the
    /// previous token, expired or about to be, is retired as by [`TokenStore::issue`]).
    pub(crate) fn current_or_issue(&self, app: &AppId) -> Issued {
        let now = Instant::now();
        {
            let tokens = self.lock();
            if let Some(token) = tokens.current.get(app)
                && let Some(record) = tokens.by_token.get(token)
                && record.expires_at > now
            {
                return Issued {
                    token: token.clone(),
                    expires_in: record.expires_at - now,
                };
            }
        }
        self.issue(app)
    }

    /// Checks `token` for a call to an endpoint of `platform`; the app it belongs to.
    pub(crate) fn check(
        &self,
        platform: Platform,
        token: Option<&str>,
    ) -> Result<AppId, TokenRejection> {
        let token = match token {
            Some(t) if !t.is_empty() => t,
            _ => return Err(TokenRejection::Missing),
        };
        let now = Instant::now();
        let tokens = self.lock();
        let record = tokens
            .by_token
            .get(token)
            .filter(|r| r.app.platform == platform)
            .ok_or(TokenRejection::Unknown)?;
        if record.expires_at <= now {
            return Err(TokenRejection::Expired);
        }
        if record.superseded_at.is_some_and(|at| at <= now) {
            return Err(TokenRejection::Superseded);
        }
        Ok(record.app.clone())
    }

    /// Makes every token issued so far expired.
    pub(crate) fn expire_all(&self) {
        let now = Instant::now();
        let mut tokens = self.lock();
        for record in tokens.by_token.values_mut() {
            record.expires_at = record.expires_at.min(now);
        }
    }

    /// How many tokens were issued for `app`.
    pub(crate) fn issue_count(&self, app: &AppId) -> u64 {
        self.lock().issues.get(app).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wx(id: &str) -> AppId {
        AppId {
            platform: Platform::WeChat,
            id: id.to_owned(),
        }
    }

    #[test]
    fn new_wechat_token_supersedes_the_previous_one() {
        let store = TokenStore::new(Duration::from_secs(60), Duration::ZERO);
        let first = store.issue(&wx("a"));
        let other_app = store.issue(&wx("b"));
        let second = store.issue(&wx("a"));
        assert_ne!(first.token, second.token);
        assert_eq!(
            store.check(Platform::WeChat, Some(&first.token)),
            Err(TokenRejection::Superseded)
        );
        assert_eq!(
            store.check(Platform::WeChat, Some(&second.token)),
            Ok(wx("a"))
        );
        assert_eq!(
            store.check(Platform::WeChat, Some(&other_app.token)),
            Ok(wx("b"))
        );
        assert_eq!(store.issue_count(&wx("a")), 2);
    }

    #[test]
    fn grace_keeps_the_previous_token_alive() {
        let store = TokenStore::new(Duration::from_secs(60), Duration::from_secs(30));
        let first = store.issue(&wx("a"));
        store.issue(&wx("a"));
        assert_eq!(
            store.check(Platform::WeChat, Some(&first.token)),
            Ok(wx("a"))
        );
    }

    #[test]
    fn force_refresh_retires_the_previous_token_at_once_despite_grace() {
        let store = TokenStore::new(Duration::from_secs(60), Duration::from_secs(300));
        let first = store.issue(&wx("a"));
        let forced = store.force_refresh(&wx("a"));
        assert_ne!(first.token, forced.token);
        assert_eq!(
            store.check(Platform::WeChat, Some(&first.token)),
            Err(TokenRejection::Superseded)
        );
        assert_eq!(
            store.check(Platform::WeChat, Some(&forced.token)),
            Ok(wx("a"))
        );
        // Normal mode hands back the forced token and retires nothing.
        assert_eq!(store.current_or_issue(&wx("a")).token, forced.token);
        assert_eq!(
            store.check(Platform::WeChat, Some(&forced.token)),
            Ok(wx("a"))
        );
        assert_eq!(store.issue_count(&wx("a")), 2);
    }

    #[test]
    fn rejections_are_told_apart() {
        let store = TokenStore::new(Duration::from_secs(60), Duration::ZERO);
        let t = store.issue(&wx("a"));
        assert_eq!(
            store.check(Platform::WeChat, None),
            Err(TokenRejection::Missing)
        );
        assert_eq!(
            store.check(Platform::WeChat, Some("")),
            Err(TokenRejection::Missing)
        );
        assert_eq!(
            store.check(Platform::WeChat, Some("nope")),
            Err(TokenRejection::Unknown)
        );
        assert_eq!(
            store.check(Platform::Baidu, Some(&t.token)),
            Err(TokenRejection::Unknown)
        );
        store.expire_all();
        assert_eq!(
            store.check(Platform::WeChat, Some(&t.token)),
            Err(TokenRejection::Expired)
        );
        let fresh = store.current_or_issue(&wx("a"));
        assert_ne!(fresh.token, t.token);
        assert_eq!(store.current_or_issue(&wx("a")).token, fresh.token);
    }
}
