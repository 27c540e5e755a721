//! Every cleaned doc example kept in the specs validates clean through the registry.
//! (Typed round-trips are generated next to each endpoint's types.)

#[test]
fn every_example_request_validates_clean() {
    let mut checked = 0;
    for ep in mpapi_wechat::ENDPOINTS
        .iter()
        .chain(mpapi_baidu::ENDPOINTS.iter())
    {
        assert!(!ep.examples.is_empty(), "{} has no doc example", ep.id);
        for ex in ep.examples {
            if let Some(req) = ex.request {
                let v: serde_json::Value = serde_json::from_str(req).expect("example is JSON");
                if let Err(violations) = (ep.validate_request)(&v) {
                    panic!("{} example {}: {violations}", ep.id, ex.name);
                }
                checked += 1;
            }
        }
    }
    assert!(
        checked >= 5,
        "expected an example request for each of the five endpoints, checked {checked}"
    );
}
