//! Reading the platforms' response envelopes.

use std::fmt;

use mpapi_runtime::Envelope;
use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
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
    read_members(envelope, |key| value.get(key))
}

/// [`read_envelope`] over any way of looking a member up by name.
fn read_members<'a>(
    envelope: Envelope,
    get: impl Fn(&str) -> Option<&'a Value>,
) -> Result<Outcome, String> {
    let (code_key, message_keys): (&str, &[&str]) = match envelope {
        Envelope::Errcode => ("errcode", &["errmsg"]),
        Envelope::Errno => ("errno", &["msg", "errmsg"]),
    };
    let code = match get(code_key) {
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
        .find_map(|k| get(k).and_then(Value::as_str))
        .unwrap_or("")
        .to_owned();
    Ok(Outcome::Failure { code, message })
}

/// A response body read as far as the client needs it.
#[derive(Debug)]
pub(crate) enum Answer {
    /// The whole object, for the untyped calls that hand it out.
    Value(Value),
    /// Only the envelope's members; the typed calls read the rest straight from the body
    /// into the response type.
    Envelope(EnvelopeMembers),
}

impl Answer {
    /// What the envelope says, as [`read_envelope`].
    pub(crate) fn outcome(&self, envelope: Envelope) -> Result<Outcome, String> {
        match self {
            Answer::Value(value) => read_envelope(envelope, value),
            Answer::Envelope(members) => read_members(envelope, |key| members.get(key)),
        }
    }

    /// The whole object, if it was kept.
    pub(crate) fn into_value(self) -> Option<Value> {
        match self {
            Answer::Value(value) => Some(value),
            Answer::Envelope(_) => None,
        }
    }
}

/// Why a body could not be read as an answer.
#[derive(Debug)]
pub(crate) enum Unreadable {
    /// The body is JSON, but not an object.
    NotObject,
    /// The body is not JSON.
    NotJson(serde_json::Error),
}

/// Reads `body` as a JSON object: whole (`keep_value`), or only its envelope members,
/// skipping the others without building them. Either way the whole body is checked to be
/// JSON (and UTF-8), so both fail alike on a body that is not.
pub(crate) fn read_answer(body: &[u8], keep_value: bool) -> Result<Answer, Unreadable> {
    let whole = |body: &[u8]| match serde_json::from_slice::<Value>(body) {
        Ok(value @ Value::Object(_)) => Ok(Answer::Value(value)),
        Ok(_) => Err(Unreadable::NotObject),
        Err(e) => Err(Unreadable::NotJson(e)),
    };
    if keep_value {
        return whole(body);
    }
    // Skipped strings are not checked for UTF-8 by the parser; invalid UTF-8 anywhere
    // takes the whole reading, which reports it where it is.
    let Ok(text) = std::str::from_utf8(body) else {
        return whole(body);
    };
    match serde_json::from_str::<EnvelopeMembers>(text) {
        Ok(members) => Ok(Answer::Envelope(members)),
        // The only data error the visitor can meet is a root that is not an object.
        Err(e) if e.classify() == serde_json::error::Category::Data => Err(Unreadable::NotObject),
        Err(e) => Err(Unreadable::NotJson(e)),
    }
}

/// The envelope members of an answer (`errcode`, `errno`, `errmsg`, `msg`), the last one
/// of each name winning as in a [`Value`]; every other member is skipped.
#[derive(Debug, Default)]
pub(crate) struct EnvelopeMembers {
    errcode: Option<Value>,
    errno: Option<Value>,
    errmsg: Option<Value>,
    msg: Option<Value>,
}

impl EnvelopeMembers {
    fn get(&self, key: &str) -> Option<&Value> {
        match key {
            "errcode" => self.errcode.as_ref(),
            "errno" => self.errno.as_ref(),
            "errmsg" => self.errmsg.as_ref(),
            "msg" => self.msg.as_ref(),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for EnvelopeMembers {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(MembersVisitor)
    }
}

struct MembersVisitor;

impl<'de> Visitor<'de> for MembersVisitor {
    type Value = EnvelopeMembers;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<EnvelopeMembers, A::Error> {
        let mut members = EnvelopeMembers::default();
        while let Some(key) = map.next_key::<Member>()? {
            let slot = match key {
                Member::Errcode => &mut members.errcode,
                Member::Errno => &mut members.errno,
                Member::Errmsg => &mut members.errmsg,
                Member::Msg => &mut members.msg,
                Member::Other => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            *slot = Some(map.next_value::<Value>()?);
        }
        Ok(members)
    }
}

/// A member name, read without allocating.
enum Member {
    Errcode,
    Errno,
    Errmsg,
    Msg,
    Other,
}

impl<'de> Deserialize<'de> for Member {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_identifier(MemberVisitor)
    }
}

struct MemberVisitor;

impl Visitor<'_> for MemberVisitor {
    type Value = Member;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Member, E> {
        Ok(match key {
            "errcode" => Member::Errcode,
            "errno" => Member::Errno,
            "errmsg" => Member::Errmsg,
            "msg" => Member::Msg,
            _ => Member::Other,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The envelope read both ways agrees, on the whole value and on its members only.
    fn both(envelope: Envelope, value: &Value) -> Result<Outcome, String> {
        let whole = read_envelope(envelope, value);
        let text = value.to_string();
        let members = read_answer(text.as_bytes(), false)
            .map_err(|e| format!("{e:?}"))?
            .outcome(envelope);
        assert_eq!(whole, members, "{text}");
        whole
    }

    #[test]
    fn errcode_absent_or_zero_is_success() {
        let e = Envelope::Errcode;
        assert_eq!(both(e, &json!({"a": 1})), Ok(Outcome::Success));
        assert_eq!(both(e, &json!({"errcode": 0})), Ok(Outcome::Success));
        assert_eq!(both(e, &json!({"errcode": null})), Ok(Outcome::Success));
        assert_eq!(
            both(
                e,
                &json!({"errcode": 40001, "errmsg": "invalid credential"})
            ),
            Ok(Outcome::Failure {
                code: 40001,
                message: "invalid credential".into()
            })
        );
        assert!(both(e, &json!({"errcode": "x"})).is_err());
        assert!(both(e, &json!({"errcode": [1]})).is_err());
    }

    #[test]
    fn errno_must_be_present_and_may_be_a_string() {
        let e = Envelope::Errno;
        assert_eq!(
            both(e, &json!({"errno": "0", "data": []})),
            Ok(Outcome::Success)
        );
        assert_eq!(both(e, &json!({"errno": 0})), Ok(Outcome::Success));
        assert_eq!(
            both(e, &json!({"errno": "110", "msg": "invalid token"})),
            Ok(Outcome::Failure {
                code: 110,
                message: "invalid token".into()
            })
        );
        assert_eq!(
            both(e, &json!({"errno": 7, "errmsg": "from errmsg"})),
            Ok(Outcome::Failure {
                code: 7,
                message: "from errmsg".into()
            })
        );
        assert!(both(e, &json!({"data": []})).is_err());
        assert!(both(e, &json!({"errno": 1.5})).is_err());
    }

    #[test]
    fn members_only_skips_the_rest_and_keeps_the_last_of_a_name() {
        let body = br#"{"list": [{"errcode": 5}, {"x": "\u00e9"}], "errcode": 1, "errmsg": "first",
            "nested": {"errcode": 9}, "errcode": 40014, "errmsg": "last"}"#;
        let answer = read_answer(body, false).expect("an object");
        assert!(matches!(answer, Answer::Envelope(_)));
        assert_eq!(
            answer.outcome(Envelope::Errcode),
            Ok(Outcome::Failure {
                code: 40014,
                message: "last".into()
            })
        );
        assert_eq!(answer.into_value(), None);
        let whole = read_answer(body, true).expect("an object");
        assert_eq!(
            whole.outcome(Envelope::Errcode),
            Ok(Outcome::Failure {
                code: 40014,
                message: "last".into()
            })
        );
        assert!(whole.into_value().is_some_and(|v| v["list"][1]["x"] == "é"));
    }

    #[test]
    fn a_body_that_is_not_an_object_is_refused_alike_both_ways() {
        for keep in [false, true] {
            for body in [&b"[1, 2]"[..], b"5", b"\"ok\"", b"null"] {
                assert!(
                    matches!(read_answer(body, keep), Err(Unreadable::NotObject)),
                    "{keep} {body:?}"
                );
            }
            for body in [
                &b"<html>busy</html>"[..],
                b"",
                b"{\"errcode\": 0",
                b"{\"errcode\": 0} trailing",
                b"{\"errcode\": 0, \"x\": \"\xff\"}",
                b"{\"errcode\": 0, \"x\": \"\x01\"}",
            ] {
                assert!(
                    matches!(read_answer(body, keep), Err(Unreadable::NotJson(_))),
                    "{keep} {body:?}"
                );
            }
        }
        // The same error text both ways, e.g. for invalid UTF-8 in a skipped member.
        let bad = b"{\"errcode\": 0, \"skipped\": \"\xff\"}";
        let (Err(Unreadable::NotJson(a)), Err(Unreadable::NotJson(b))) =
            (read_answer(bad, false), read_answer(bad, true))
        else {
            panic!("both refuse invalid UTF-8");
        };
        assert_eq!(a.to_string(), b.to_string());
    }
}
