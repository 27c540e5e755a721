//! Validation never panics, whatever the input: every endpoint's doc example is mutated
//! thousands of times (values swapped for other JSON kinds, huge and negative numbers, long
//! strings, members removed or added, arrays emptied or grown) and validated.

use serde_json::{Map, Value, json};

/// A small xorshift generator: deterministic, so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn odd_value(rng: &mut Rng) -> Value {
    match rng.below(14) {
        0 => Value::Null,
        1 => json!(true),
        2 => json!(-1),
        3 => json!(u64::MAX),
        4 => json!(i64::MIN),
        5 => json!(1.5e300),
        6 => json!(""),
        7 => json!("中".repeat(300)),
        8 => json!([]),
        9 => json!({}),
        10 => json!("2022-13-45T99:99:99+25:00"),
        11 => json!("MINI_PROGRAM"),
        12 => json!(0),
        _ => json!("https://qpic.cn/[x]"),
    }
}

/// Applies one random mutation somewhere in `v`.
fn mutate(v: &mut Value, rng: &mut Rng, depth: usize) {
    let descend = depth < 8 && rng.below(3) != 0;
    match v {
        Value::Object(m) if descend && !m.is_empty() => {
            let key = m
                .keys()
                .nth(rng.below(m.len()))
                .cloned()
                .unwrap_or_default();
            if let Some(child) = m.get_mut(&key) {
                mutate(child, rng, depth + 1);
            }
        }
        Value::Array(a) if descend && !a.is_empty() => {
            let i = rng.below(a.len());
            mutate(&mut a[i], rng, depth + 1);
        }
        Value::Object(m) => match rng.below(3) {
            0 if !m.is_empty() => {
                let key = m
                    .keys()
                    .nth(rng.below(m.len()))
                    .cloned()
                    .unwrap_or_default();
                m.remove(&key);
            }
            1 => {
                m.insert("unexpected".into(), odd_value(rng));
            }
            _ => *v = odd_value(rng),
        },
        Value::Array(a) => match rng.below(3) {
            0 => a.clear(),
            1 => {
                let copy = a.first().cloned().unwrap_or(Value::Null);
                for _ in 0..60 {
                    a.push(copy.clone());
                }
            }
            _ => *v = odd_value(rng),
        },
        _ => *v = odd_value(rng),
    }
}

#[test]
fn mutated_examples_never_panic_the_validators() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let mut rejected = 0;
    let mut runs = 0;
    for ep in mpapi_wechat::ENDPOINTS
        .iter()
        .chain(mpapi_baidu::ENDPOINTS.iter())
    {
        let Some(text) = ep.examples.iter().find_map(|e| e.request) else {
            continue;
        };
        let base: Value = serde_json::from_str(text).expect("example is JSON");
        for _ in 0..1500 {
            let mut doc = base.clone();
            for _ in 0..=rng.below(4) {
                mutate(&mut doc, &mut rng, 0);
            }
            runs += 1;
            if (ep.validate_request)(&doc).is_err() {
                rejected += 1;
            }
        }
        // Neither the root nor garbage documents panic either.
        for doc in [Value::Null, json!([]), json!("x")] {
            assert!(
                (ep.validate_request)(&doc).is_err(),
                "{}: {doc} accepted",
                ep.id
            );
        }
        // An empty object is rejected whenever the example loses its validity by dropping
        // one of its members; a body whose every member is optional (a list filter, or no
        // table at all) accepts it.
        let needs_a_member = base.as_object().is_some_and(|m| {
            m.keys().any(|k| {
                let mut fewer = m.clone();
                fewer.remove(k);
                (ep.validate_request)(&Value::Object(fewer)).is_err()
            })
        });
        assert_eq!(
            (ep.validate_request)(&Value::Object(Map::new())).is_err(),
            needs_a_member,
            "{}: an empty object is {} although the example {} a member to be valid",
            ep.id,
            if needs_a_member {
                "accepted"
            } else {
                "rejected"
            },
            if needs_a_member {
                "needs"
            } else {
                "does not need"
            },
        );
        let pairs = [("scene_type", "\u{0}"), ("open_id", ""), ("x", "y")];
        let _ = (ep.validate_query)(&pairs);
    }
    assert!(runs >= 7000, "{runs}");
    // The mutations must mostly produce invalid documents, or the test exercises nothing.
    assert!(
        rejected * 2 > runs,
        "only {rejected} of {runs} mutated documents were rejected"
    );
}
