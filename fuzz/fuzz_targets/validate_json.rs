//! Bytes -> the request validation of every generated endpoint, as `mpapi validate` and the
//! sandbox run it: the first byte picks the endpoint from the generated registries, the
//! rest is the body text. The body is parsed as JSON (what `validate_json` does), checked
//! by the endpoint's request validator, and its top-level members are checked as URL
//! query parameters; every violation found is rendered as JSON and as text. Nothing may panic, and a rejection must name at least one violation.
//! The body is also written back by `mpapi_runtime::write`, which must give the bytes
//! `serde_json` gives.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let endpoint = mpapi_fuzz::pick(selector);
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let Ok(body) = serde_json::from_str::<Value>(text) else {
        return;
    };
    assert_eq!(
        mpapi_runtime::write::to_vec(&body).ok(),
        serde_json::to_vec(&body).ok(),
        "write and serde_json differ"
    );
    if let Err(found) = (endpoint.validate_request)(&body) {
        assert!(
            !found.is_empty(),
            "{}: a rejection without a violation",
            endpoint.id
        );
        let _ = serde_json::to_string(&found);
        let _ = found.to_string();
    }
    // The members as query parameters: strings as they are, anything else as JSON text.
    if let Value::Object(members) = &body {
        let owned: Vec<(String, String)> = members
            .iter()
            .map(|(k, v)| {
                let text = match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                (k.clone(), text)
            })
            .collect();
        let pairs: Vec<(&str, &str)> = owned
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        if let Err(found) = (endpoint.validate_query)(&pairs) {
            assert!(
                !found.is_empty(),
                "{}: a query rejection without a violation",
                endpoint.id
            );
            let _ = found.to_string();
        }
    }
});
