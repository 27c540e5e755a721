//! Fault injection: make chosen calls misbehave the way real servers and networks do.
//!
//! A [`FaultRule`] says *where* ([`FaultScope`]), *what* ([`Fault`]) and *how often*
//! (the next N matching calls, or every call). Rules are checked in the order they were
//! added; every matching rule consumes one of its calls. [`Fault::Latency`] delays the
//! answer and lets the call go on (so it combines with other rules); the first matching
//! terminal fault ([`Fault::SystemBusy`], [`Fault::MalformedBody`],
//! [`Fault::DropConnection`], [`Fault::DropAfterProcessing`]) decides the answer. All but
//! the last stop the call before it is processed (no token check, no validation, no state
//! change); [`Fault::DropAfterProcessing`] processes the call in full (its state change
//! stays) and then closes the connection instead of answering.
//!
//! Scopes name endpoints by id; the token endpoints have the pseudo ids
//! [`WECHAT_TOKEN`], [`WECHAT_STABLE_TOKEN`] and [`BAIDU_TOKEN`]. [`FaultScope::All`]
//! covers every call, token endpoints included.
//!
//! ```
//! use std::time::Duration;
//! use mpapi_sandbox::{Fault, FaultRule, FaultScope};
//!
//! // The next two calls of the logistics endpoint answer `{"errcode": -1, ...}`.
//! let busy = FaultRule::times(FaultScope::endpoint("wechat.logistics.add_order"), Fault::SystemBusy, 2);
//! // Every call, anywhere, waits 50 ms before answering.
//! let slow = FaultRule::always(FaultScope::All, Fault::Latency(Duration::from_millis(50)));
//! assert_eq!(busy.remaining(), Some(2));
//! assert_eq!(slow.remaining(), None);
//! ```

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use crate::tokens::TokenStore;

/// Pseudo endpoint id of WeChat's `GET /cgi-bin/token`, for [`FaultScope::Endpoint`].
pub const WECHAT_TOKEN: &str = "wechat.token";
/// Pseudo endpoint id of WeChat's `POST /cgi-bin/stable_token`, for [`FaultScope::Endpoint`].
pub const WECHAT_STABLE_TOKEN: &str = "wechat.stable_token";
/// Pseudo endpoint id of Baidu's `/oauth/2.0/token`, for [`FaultScope::Endpoint`].
pub const BAIDU_TOKEN: &str = "baidu.token";

/// What a faulty call does instead of (or before) answering normally.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Answer the platform's "system busy" error: `{"errcode": -1, "errmsg": "system busy"}`
    /// on WeChat, `{"errno": -1, "msg": "system busy", "data": []}` on Baidu's errno
    /// endpoints, `{"error": "temporarily_unavailable", ...}` (HTTP 503) on Baidu's token
    /// endpoint.
    SystemBusy,
    /// Wait this long, then go on with the call (not terminal: later rules still apply).
    Latency(Duration),
    /// Answer HTTP 200 with a body that is not valid JSON.
    MalformedBody(Malformation),
    /// Close the connection without writing any answer; the call is not processed.
    DropConnection,
    /// Process the call in full (token check, validation, state change), then close the
    /// connection without writing the answer: the client cannot tell whether the request
    /// took effect, as after a network failure on the way back.
    DropAfterProcessing,
}

/// The kind of broken body [`Fault::MalformedBody`] sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Malformation {
    /// An HTML error page (as a misconfigured proxy would send), labelled `application/json`.
    NotJson,
    /// The first half of a valid JSON answer, as if the connection had been cut.
    Truncated,
}

/// Which calls a [`FaultRule`] applies to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FaultScope {
    /// Every call, token endpoints included.
    All,
    /// Calls of one endpoint, by id (`wechat.logistics.add_order`) or by one of the token
    /// pseudo ids ([`WECHAT_TOKEN`], [`WECHAT_STABLE_TOKEN`], [`BAIDU_TOKEN`]).
    Endpoint(String),
}

impl FaultScope {
    /// Scope of the endpoint with id `id`.
    pub fn endpoint(id: impl Into<String>) -> Self {
        FaultScope::Endpoint(id.into())
    }

    fn covers(&self, id: &str) -> bool {
        match self {
            FaultScope::All => true,
            FaultScope::Endpoint(scope) => scope == id,
        }
    }
}

/// One injected fault: where, what, and for how many calls.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FaultRule {
    scope: FaultScope,
    fault: Fault,
    remaining: Option<u32>,
}

impl FaultRule {
    /// The fault applies to the next `n` calls in `scope`, then the rule is gone.
    pub fn times(scope: FaultScope, fault: Fault, n: u32) -> Self {
        FaultRule {
            scope,
            fault,
            remaining: Some(n),
        }
    }

    /// The fault applies to every call in `scope` until [`Faults::clear`].
    pub fn always(scope: FaultScope, fault: Fault) -> Self {
        FaultRule {
            scope,
            fault,
            remaining: None,
        }
    }

    /// Where the rule applies.
    pub fn scope(&self) -> &FaultScope {
        &self.scope
    }

    /// What the rule does.
    pub fn fault(&self) -> Fault {
        self.fault
    }

    /// Calls left, or `None` for a rule that applies to every call.
    pub fn remaining(&self) -> Option<u32> {
        self.remaining
    }
}

/// What the faults decided for one call.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct FaultPlan {
    /// Total delay before answering.
    pub delay: Duration,
    /// The terminal fault that replaces the answer, if any.
    pub terminal: Option<Fault>,
}

/// The live list of fault rules, shared by the server and every [`Faults`] control.
#[derive(Debug, Default)]
pub(crate) struct FaultTable {
    rules: Mutex<Vec<FaultRule>>,
}

impl FaultTable {
    pub(crate) fn new(rules: Vec<FaultRule>) -> Self {
        FaultTable {
            rules: Mutex::new(rules),
        }
    }

    fn push(&self, rule: FaultRule) {
        self.rules
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(rule);
    }

    fn clear(&self) {
        self.rules
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }

    fn snapshot(&self) -> Vec<FaultRule> {
        self.rules
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Consumes one call of every rule matching `id` and says what happens to the call.
    pub(crate) fn plan(&self, id: &str) -> FaultPlan {
        let mut rules = self.rules.lock().unwrap_or_else(PoisonError::into_inner);
        let mut plan = FaultPlan::default();
        for rule in rules.iter_mut() {
            if plan.terminal.is_some() {
                break;
            }
            if rule.remaining == Some(0) || !rule.scope.covers(id) {
                continue;
            }
            if let Some(n) = rule.remaining.as_mut() {
                *n -= 1;
            }
            match rule.fault {
                Fault::Latency(d) => plan.delay = plan.delay.saturating_add(d),
                terminal => plan.terminal = Some(terminal),
            }
        }
        rules.retain(|r| r.remaining != Some(0));
        plan
    }
}

/// The fault-injection control of a running sandbox; cheap to clone, usable from any thread.
///
/// Obtained from [`SandboxHandle::faults`](crate::SandboxHandle::faults).
///
/// ```no_run
/// # fn demo(handle: &mpapi_sandbox::SandboxHandle) {
/// use mpapi_sandbox::{Fault, FaultScope, Malformation};
/// let faults = handle.faults();
/// faults.inject(FaultScope::All, Fault::MalformedBody(Malformation::Truncated), 1);
/// faults.expire_all_tokens();
/// # }
/// ```
#[derive(Clone, Debug)]
pub struct Faults {
    pub(crate) table: Arc<FaultTable>,
    pub(crate) tokens: Arc<TokenStore>,
}

impl Faults {
    /// Applies `fault` to the next `times` calls in `scope`.
    pub fn inject(&self, scope: FaultScope, fault: Fault, times: u32) {
        self.add(FaultRule::times(scope, fault, times));
    }

    /// Applies `fault` to every call in `scope` until [`Faults::clear`].
    pub fn inject_always(&self, scope: FaultScope, fault: Fault) {
        self.add(FaultRule::always(scope, fault));
    }

    /// Adds a prepared rule after the existing ones.
    pub fn add(&self, rule: FaultRule) {
        self.table.push(rule);
    }

    /// Removes every pending rule.
    pub fn clear(&self) {
        self.table.clear();
    }

    /// The pending rules, in the order they are checked.
    pub fn pending(&self) -> Vec<FaultRule> {
        self.table.snapshot()
    }

    /// Expires every access token issued so far, now: calls with them answer
    /// 42001 "access_token expired" (WeChat) or errno 111 (Baidu). Tokens issued
    /// afterwards are unaffected.
    pub fn expire_all_tokens(&self) {
        self.tokens.expire_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counted_rules_run_out_and_latency_combines() {
        let table = FaultTable::new(vec![
            FaultRule::times(FaultScope::All, Fault::Latency(Duration::from_millis(5)), 1),
            FaultRule::times(FaultScope::endpoint("a"), Fault::SystemBusy, 1),
        ]);
        let first = table.plan("b");
        assert_eq!(first.delay, Duration::from_millis(5));
        assert_eq!(first.terminal, None);
        assert_eq!(table.plan("a").terminal, Some(Fault::SystemBusy));
        assert_eq!(table.plan("a"), FaultPlan::default());
        assert!(table.snapshot().is_empty());
    }

    #[test]
    fn first_terminal_rule_wins_and_later_rules_keep_their_calls() {
        let table = FaultTable::new(vec![
            FaultRule::always(FaultScope::All, Fault::DropConnection),
            FaultRule::times(FaultScope::All, Fault::SystemBusy, 1),
        ]);
        assert_eq!(table.plan("x").terminal, Some(Fault::DropConnection));
        assert_eq!(table.snapshot()[1].remaining(), Some(1));
    }

    #[test]
    fn drop_after_processing_is_terminal() {
        let table = FaultTable::new(vec![
            FaultRule::times(FaultScope::endpoint("a"), Fault::DropAfterProcessing, 1),
            FaultRule::times(FaultScope::endpoint("a"), Fault::SystemBusy, 1),
        ]);
        assert_eq!(table.plan("a").terminal, Some(Fault::DropAfterProcessing));
        assert_eq!(table.plan("a").terminal, Some(Fault::SystemBusy));
        assert_eq!(table.plan("a"), FaultPlan::default());
    }
}
