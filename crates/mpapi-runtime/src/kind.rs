//! The registry of check kinds: every rule between fields ([`RuleKind`]), every
//! per-value constraint ([`ConstraintKind`]), and [`Check`], the kind recorded in a
//! [`Violation`](crate::Violation).
//!
//! Each kind has one wire name (`required_if`, `bytes`, ...), used in JSON output, in
//! the spec files and in the test cases.

use std::fmt;
use std::str::FromStr;

/// Declares a fieldless enum of kinds with its wire names, `ALL`, `NAMES`, `as_str`,
/// `FromStr` and `Display`.
macro_rules! kinds {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident ($what:literal) {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:expr, )*
        }
    ) => {
        $(#[$meta])*
        #[non_exhaustive]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )*
        }

        impl $name {
            /// Every kind, in declaration order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),*];

            /// The wire name of every kind, in the order of [`ALL`](Self::ALL).
            pub const NAMES: &'static [&'static str] = &[$($wire),*];

            /// The wire name, e.g. as written in a violation's `rule` member.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $wire,)*
                }
            }
        }

        impl FromStr for $name {
            type Err = UnknownKind;

            fn from_str(s: &str) -> Result<Self, UnknownKind> {
                Self::ALL
                    .iter()
                    .copied()
                    .find(|k| k.as_str() == s)
                    .ok_or_else(|| UnknownKind {
                        what: $what,
                        given: s.to_owned(),
                        expected: Self::NAMES,
                    })
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

/// Declares [`RuleKind`] from the registry of rule kinds, and the list of every check.
macro_rules! rule_kinds {
    ($($module:ident $variant:ident $doc:literal;)*) => {
        kinds! {
            /// A rule between fields of one object, as declared under a spec's `rules`.
            ///
            /// ```
            /// use mpapi_runtime::RuleKind;
            /// assert_eq!(RuleKind::RequiredIf.as_str(), "required_if");
            /// assert_eq!("unique_by".parse::<RuleKind>(), Ok(RuleKind::UniqueBy));
            /// assert!("unique".parse::<RuleKind>().is_err());
            /// ```
            pub enum RuleKind ("rule kind") {
                $( #[doc = $doc] $variant = stringify!($module), )*
            }
        }

    };
}

crate::for_each_rule_kind!(rule_kinds);

/// Declares [`ConstraintKind`] from the checks every value gets (type, presence, enum
/// membership) and the registry of constraint kinds a spec can write.
macro_rules! constraint_kinds {
    ($($module:ident $variant:ident $doc:literal;)*) => {
        kinds! {
            /// A constraint on one value (checked by the runtime's shape check or by
            /// `#[derive(Validate)]`/`#[derive(WireEnum)]`).
            ///
            /// ```
            /// use mpapi_runtime::ConstraintKind;
            /// assert_eq!(ConstraintKind::Bytes.to_string(), "bytes");
            /// assert_eq!(ConstraintKind::ALL.len(), ConstraintKind::NAMES.len());
            /// ```
            pub enum ConstraintKind ("constraint kind") {
                /// The JSON type (or integer range of the Rust type) of a value.
                Type = "type",
                /// A required member is present and not `null`.
                Required = "required",
                /// A wire enum holds one of its known values (and, when read strictly, in
                /// the wire form the spec declares).
                Enum = "enum",
                /// A member the object's type does not declare (strict reading only).
                UnknownMember = "unknown_member",
                /// A member given twice in one object (or under two of its names).
                DuplicateMember = "duplicate_member",
                $( #[doc = $doc] $variant = stringify!($module), )*
            }
        }
    };
}

crate::for_each_constraint_kind!(constraint_kinds);

const CHECK_COUNT: usize = RuleKind::ALL.len() + ConstraintKind::ALL.len();

/// Every rule kind and then every constraint kind, made from the two registries.
const CHECK_ALL: [Check; CHECK_COUNT] = {
    let mut out = [Check::Rule(RuleKind::Custom); CHECK_COUNT];
    let mut i = 0;
    while i < RuleKind::ALL.len() {
        out[i] = Check::Rule(RuleKind::ALL[i]);
        i += 1;
    }
    let mut j = 0;
    while j < ConstraintKind::ALL.len() {
        out[i + j] = Check::Constraint(ConstraintKind::ALL[j]);
        j += 1;
    }
    out
};

/// The wire names of [`CHECK_ALL`], in its order.
const CHECK_NAMES: [&str; CHECK_COUNT] = {
    let mut out = [""; CHECK_COUNT];
    let mut i = 0;
    while i < CHECK_COUNT {
        out[i] = CHECK_ALL[i].as_str();
        i += 1;
    }
    out
};

/// The kind of check that failed, as recorded in a [`Violation`](crate::Violation).
///
/// Serialized as its plain wire name (`"required_if"`, `"bytes"`, ...) and deserialized
/// from it; an unknown name is an error.
///
/// ```
/// use mpapi_runtime::{Check, ConstraintKind, RuleKind};
/// let c: Check = RuleKind::Sum.into();
/// assert_eq!(c, "sum");
/// assert_eq!(serde_json::to_string(&c).unwrap(), "\"sum\"");
/// let back: Check = serde_json::from_str("\"bytes\"").unwrap();
/// assert_eq!(back, Check::Constraint(ConstraintKind::Bytes));
/// assert!(serde_json::from_str::<Check>("\"byte\"").is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Check {
    /// A rule between fields.
    Rule(RuleKind),
    /// A constraint on one value.
    Constraint(ConstraintKind),
}

impl Check {
    /// Every check: the rule kinds, then the constraint kinds.
    pub const ALL: &'static [Self] = &CHECK_ALL;

    /// The wire name of every check, in the order of [`ALL`](Self::ALL).
    pub const NAMES: &'static [&'static str] = &CHECK_NAMES;

    /// The wire name, e.g. `required_if` or `bytes`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Check::Rule(k) => k.as_str(),
            Check::Constraint(k) => k.as_str(),
        }
    }
}

impl FromStr for Check {
    type Err = UnknownKind;

    fn from_str(s: &str) -> Result<Self, UnknownKind> {
        if let Ok(k) = s.parse::<RuleKind>() {
            return Ok(Check::Rule(k));
        }
        if let Ok(k) = s.parse::<ConstraintKind>() {
            return Ok(Check::Constraint(k));
        }
        Err(UnknownKind {
            what: "check kind",
            given: s.to_owned(),
            expected: &CHECK_NAMES,
        })
    }
}

impl fmt::Display for Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<RuleKind> for Check {
    fn from(k: RuleKind) -> Self {
        Check::Rule(k)
    }
}

impl From<ConstraintKind> for Check {
    fn from(k: ConstraintKind) -> Self {
        Check::Constraint(k)
    }
}

impl PartialEq<str> for Check {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Check {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<Check> for str {
    fn eq(&self, other: &Check) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Check> for &str {
    fn eq(&self, other: &Check) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<RuleKind> for Check {
    fn eq(&self, other: &RuleKind) -> bool {
        *self == Check::Rule(*other)
    }
}

impl PartialEq<ConstraintKind> for Check {
    fn eq(&self, other: &ConstraintKind) -> bool {
        *self == Check::Constraint(*other)
    }
}

impl serde::Serialize for Check {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Check {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Check;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "the name of a check, one of {}", CHECK_NAMES.join(", "))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Check, E> {
                v.parse().map_err(E::custom)
            }
        }
        d.deserialize_str(V)
    }
}

/// The error of parsing a name that is not a known check kind.
///
/// ```
/// use mpapi_runtime::Check;
/// let err = "requred".parse::<Check>().unwrap_err();
/// assert_eq!(err.given, "requred");
/// assert!(err.expected.contains(&"required"));
/// assert!(err.to_string().contains("required_if"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownKind {
    /// What was being parsed: `rule kind`, `constraint kind` or `check kind`.
    pub what: &'static str,
    /// The name given.
    pub given: String,
    /// Every name that would have been accepted.
    pub expected: &'static [&'static str],
}

impl fmt::Display for UnknownKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} is not a {}; expected one of {}",
            self.given,
            self.what,
            self.expected.join(", ")
        )
    }
}

impl std::error::Error for UnknownKind {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_distinct() {
        assert_eq!(Check::ALL.len(), Check::NAMES.len());
        for (c, name) in Check::ALL.iter().zip(Check::NAMES) {
            assert_eq!(c.as_str(), *name);
            assert_eq!(name.parse::<Check>(), Ok(*c));
            assert_eq!(c.to_string(), *name);
            assert_eq!(*c, *name);
            let json = serde_json::to_string(c).expect("serializes");
            assert_eq!(json, format!("\"{name}\""));
            let back: Check = serde_json::from_str(&json).expect("deserializes");
            assert_eq!(back, *c);
        }
        let mut sorted = Check::NAMES.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), Check::NAMES.len(), "wire names are distinct");
        for k in RuleKind::ALL {
            assert_eq!(k.as_str().parse::<RuleKind>(), Ok(*k));
            assert!(Check::ALL.contains(&Check::from(*k)));
        }
        for k in ConstraintKind::ALL {
            assert_eq!(k.as_str().parse::<ConstraintKind>(), Ok(*k));
            assert!(Check::ALL.contains(&Check::from(*k)));
        }
        assert_eq!(
            RuleKind::ALL.len() + ConstraintKind::ALL.len(),
            Check::ALL.len()
        );
    }

    #[test]
    fn unknown_names_are_errors() {
        assert!("bytes".parse::<RuleKind>().is_err());
        assert!("sum".parse::<ConstraintKind>().is_err());
        assert!(serde_json::from_str::<Check>("\"Bytes\"").is_err());
        assert!(serde_json::from_str::<Check>("3").is_err());
        let err = "x".parse::<RuleKind>().expect_err("not a rule kind");
        assert_eq!(err.expected, RuleKind::NAMES);
    }
}
