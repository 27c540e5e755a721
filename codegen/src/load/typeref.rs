//! Parsing field type strings: `string`, `uint32`, `array<OrderItem>`, `LinkType`.

use crate::load::reader::did_you_mean;
use crate::model::TypeRef;

/// The built-in type names.
pub(crate) const SCALARS: &[&str] = &[
    "string",
    "bool",
    "int8",
    "int16",
    "int32",
    "int64",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "number",
    "json",
    "int64_or_string",
];

/// Why a type string is not a type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum TypeError {
    /// An empty string or `array<>`.
    #[error("empty type")]
    Empty,
    /// `uint33`, `int7`.
    #[error(
        "`{0}` is not an integer type: integer types are int8, int16, int32, int64, uint8, uint16, uint32 and uint64"
    )]
    IntWidth(String),
    /// `strin`, `foo_bar`, `array<x`.
    #[error("`{found}` is not a type")]
    Unknown {
        /// The unrecognized text.
        found: String,
        /// A near built-in name.
        near: Option<&'static str>,
    },
}

impl TypeError {
    /// A help line for the diagnostic.
    pub(crate) fn help(&self) -> String {
        let base = "types are string, bool, int8..int64, uint8..uint64, number, json, \
                    array<T>, or the PascalCase name of a type or enum of the group";
        match self {
            TypeError::Unknown {
                near: Some(near), ..
            } => format!("did you mean `{near}`? {base}"),
            _ => base.to_owned(),
        }
    }
}

/// Parses a type string.
///
/// ```text
/// "array<string>"  -> Array(String)
/// "uint33"         -> Err(IntWidth)
/// ```
pub(crate) fn parse_type(text: &str) -> Result<TypeRef, TypeError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(TypeError::Empty);
    }
    if let Some(rest) = text.strip_prefix("array<") {
        return match rest.strip_suffix('>') {
            Some(inner) => Ok(TypeRef::Array(Box::new(parse_type(inner)?))),
            None => Err(TypeError::Unknown {
                found: text.to_owned(),
                near: None,
            }),
        };
    }
    match text {
        "string" => return Ok(TypeRef::String),
        "bool" => return Ok(TypeRef::Bool),
        "number" => return Ok(TypeRef::Number),
        "json" => return Ok(TypeRef::Json),
        "int64_or_string" => return Ok(TypeRef::IntOrString),
        _ => {}
    }
    for (prefix, signed) in [("uint", false), ("int", true)] {
        if let Some(width) = text.strip_prefix(prefix)
            && !width.is_empty()
            && width.bytes().all(|b| b.is_ascii_digit())
        {
            return match width {
                "8" => Ok(TypeRef::Int { signed, bits: 8 }),
                "16" => Ok(TypeRef::Int { signed, bits: 16 }),
                "32" => Ok(TypeRef::Int { signed, bits: 32 }),
                "64" => Ok(TypeRef::Int { signed, bits: 64 }),
                _ => Err(TypeError::IntWidth(text.to_owned())),
            };
        }
    }
    let named = text.starts_with(|c: char| c.is_ascii_uppercase())
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if named {
        // Whether the name exists is the checker's business (it knows the group).
        return Ok(TypeRef::Named(text.to_owned()));
    }
    Err(TypeError::Unknown {
        found: text.to_owned(),
        near: did_you_mean(text, SCALARS.iter().copied()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses() {
        assert_eq!(parse_type("string"), Ok(TypeRef::String));
        assert_eq!(
            parse_type("array<array<uint8>>"),
            Ok(TypeRef::Array(Box::new(TypeRef::Array(Box::new(
                TypeRef::Int {
                    signed: false,
                    bits: 8
                }
            )))))
        );
        assert_eq!(
            parse_type(" LinkType "),
            Ok(TypeRef::Named("LinkType".into()))
        );
    }

    #[test]
    fn rejects() {
        assert_eq!(
            parse_type("uint33"),
            Err(TypeError::IntWidth("uint33".into()))
        );
        assert_eq!(
            parse_type("array<strin>"),
            Err(TypeError::Unknown {
                found: "strin".into(),
                near: Some("string")
            })
        );
        assert!(matches!(
            parse_type("array<string"),
            Err(TypeError::Unknown { .. })
        ));
        assert_eq!(parse_type("array<>"), Err(TypeError::Empty));
        assert!(matches!(
            parse_type("foo_bar"),
            Err(TypeError::Unknown { near: None, .. })
        ));
    }
}
