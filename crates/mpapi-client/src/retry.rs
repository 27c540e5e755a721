use std::time::Duration;

/// How often and how patiently a call is retried after a transient failure, and the
/// waits between attempts.
///
/// What is retried depends on the endpoint's spec (`idempotent:`, exposed as
/// [`EndpointInfo::idempotent`](mpapi_runtime::EndpointInfo::idempotent)):
///
/// - every endpoint: a failure that provably happened before the request was sent (the
///   connection could not be made: refused, unreachable, DNS, TLS handshake, connect
///   timeout), and a token provider's transient failure;
/// - idempotent endpoints only (a repeat is harmless, e.g. an upload that overwrites the
///   record named by its order key): also a timeout or a connection broken after the
///   request was sent, a 5xx answer that is not JSON, and the platform's "system busy"
///   code (`-1`).
///
/// A non-idempotent endpoint (e.g. one that creates a waybill) therefore reports a
/// timeout as [`Error::Transport`](crate::Error::Transport) (with
/// [`may_have_been_processed`](crate::TransportError::may_have_been_processed)) and
/// "system busy" as [`Error::Busy`](crate::Error::Busy), and the caller decides whether to
/// repeat it. A token the platform rejects is replaced and the call repeated once, for
/// every endpoint: the platform processed nothing.
///
/// The wait before retry `n` (from 0) is drawn uniformly from
/// `0 ..= min(max_delay, base_delay * 2^n)` ("full jitter"), so clients that failed
/// together do not retry together.
///
/// ```
/// use std::time::Duration;
/// use mpapi_client::RetryPolicy;
/// let policy = RetryPolicy { max_retries: 3, base_delay: Duration::from_millis(50), max_delay: Duration::from_secs(1) };
/// assert!(policy.delay(10) <= Duration::from_secs(1));
/// assert_eq!(RetryPolicy::default().max_retries, 2);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (0: never retry).
    pub max_retries: u32,
    /// The ceiling of the first wait.
    pub base_delay: Duration,
    /// The largest wait between two attempts.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(2),
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub const NONE: RetryPolicy = RetryPolicy {
        max_retries: 0,
        base_delay: Duration::ZERO,
        max_delay: Duration::ZERO,
    };

    /// The wait before retry number `retry` (counting from 0), with full jitter.
    pub fn delay(&self, retry: u32) -> Duration {
        let factor = 1u32.checked_shl(retry.min(31)).unwrap_or(u32::MAX);
        let ceiling = self
            .base_delay
            .checked_mul(factor)
            .unwrap_or(self.max_delay)
            .min(self.max_delay);
        let nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
        Duration::from_nanos(fastrand::u64(0..=nanos))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_and_stay_under_the_cap() {
        let p = RetryPolicy {
            max_retries: 5,
            base_delay: Duration::from_millis(10),
            max_delay: Duration::from_millis(80),
        };
        for retry in 0..40 {
            let ceiling = Duration::from_millis(10 * (1u64 << retry.min(10))).min(p.max_delay);
            for _ in 0..50 {
                assert!(p.delay(retry) <= ceiling, "retry {retry}");
            }
        }
        // Jitter: 200 draws under a 80 ms ceiling are not all equal.
        let draws: std::collections::BTreeSet<_> = (0..200).map(|_| p.delay(5)).collect();
        assert!(draws.len() > 1);
        assert_eq!(RetryPolicy::NONE.delay(3), Duration::ZERO);
    }
}
