//! Reading the platforms' response envelopes.

use mpapi_runtime::Envelope;
use serde_json::Value;

/// What the envelope says about a call.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// The call succeeded; the whole object is the answer.
    Success,
    /// The platform refused with `code`.
    Failure {
        /// `errcode` or `errno`.
        code: i64,
        /// `errmsg` or `msg`.
        message: String,
    },
}

/// Reads the code of `value` under `envelope`; the error says why there is none.
///
/// `errcode`: success when absent or 0. `errno`: success only when present and 0.
/// Either may be a number or a string of digits.
pub(crate) fn read_envelope(envelope: Envelope, value: &Value) -> Result<Outcome, String> {
    let (code_key, message_keys): (&str, &[&str]) = match envelope {
        Envelope::Errcode => ("errcode", &["errmsg"]),
        Envelope::Errno => ("errno", &["msg", "errmsg"]),
    };
    let code = match value.get(code_key) {
        None | Some(Value::Null) if envelope == Envelope::Errcode => return Ok(Outcome::Success),
        None | Some(Value::Null) => return Err(format!("the answer has no {code_key}")),
        Some(Value::Number(n)) => n.as_i64(),
        Some(Value::String(s)) => s.trim().parse::<i64>().ok(),
        Some(_) => None,
    };
    let Some(code) = code else {
        return Err(format!("{code_key} is not an integer"));
    };
    if code == 0 {
        return Ok(Outcome::Success);
    }
    let message = message_keys
        .iter()
        .find_map(|k| value.get(*k).and_then(Value::as_str))
        .unwrap_or("")
        .to_owned();
    Ok(Outcome::Failure { code, message })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn errcode_absent_or_zero_is_success() {
        let e = Envelope::Errcode;
        assert_eq!(read_envelope(e, &json!({"a": 1})), Ok(Outcome::Success));
        assert_eq!(
            read_envelope(e, &json!({"errcode": 0})),
            Ok(Outcome::Success)
        );
        assert_eq!(
            read_envelope(
                e,
                &json!({"errcode": 40001, "errmsg": "invalid credential"})
            ),
            Ok(Outcome::Failure {
                code: 40001,
                message: "invalid credential".into()
            })
        );
        assert!(read_envelope(e, &json!({"errcode": "x"})).is_err());
    }

    #[test]
    fn errno_must_be_present_and_may_be_a_string() {
        let e = Envelope::Errno;
        assert_eq!(
            read_envelope(e, &json!({"errno": "0", "data": []})),
            Ok(Outcome::Success)
        );
        assert_eq!(read_envelope(e, &json!({"errno": 0})), Ok(Outcome::Success));
        assert_eq!(
            read_envelope(e, &json!({"errno": "110", "msg": "invalid token"})),
            Ok(Outcome::Failure {
                code: 110,
                message: "invalid token".into()
            })
        );
        assert!(read_envelope(e, &json!({"data": []})).is_err());
        assert!(read_envelope(e, &json!({"errno": 1.5})).is_err());
    }
}
