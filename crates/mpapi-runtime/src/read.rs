//! Reading raw JSON into typed values in one pass, recording every structural violation
//! (wrong JSON type, out-of-range integer, missing or `null` required member, unknown or
//! repeated member, enum in the wrong wire form) at its path as it goes and carrying on.
//!
//! [`ReadChecked`] is implemented by `#[derive(Validate)]` for generated structs, by
//! `#[derive(WireEnum)]` for generated enums, and here for the scalar and container types
//! they use. It works with any serde [`Deserializer`]: `serde_json`'s byte reader, for
//! [`validate_slice`](crate::validate_slice), and `&serde_json::Value`, for
//! [`validate_value`](crate::validate_value). No intermediate tree is built.
//!
//! A value comes back typed (`Some`) when its own subtree is structurally sound, and `None`
//! otherwise. The level that gives up on a value it could not type validates the sound
//! parts it did type (each with its constraints and its own [`Validate`]), so no
//! violation is hidden by a structural problem elsewhere; the rules between the fields of
//! an object need the whole object and run only on objects that could be typed.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use crate::{ConstraintKind, IntOrString, Path, Validate, Violations, WireEnum, WireForm};

/// How strictly raw JSON is read.
///
/// | | `Strict` | `Lenient` |
/// |---|---|---|
/// | a member the type does not declare | `unknown_member` violation | ignored |
/// | the same member twice (or under two of its names) | `duplicate_member` | `duplicate_member` |
/// | an enum in the other wire form (a code for a name, a name or a string of digits for a code) | `enum` violation | accepted |
///
/// A repeated member is reported in both modes: which of the two values counts is
/// ambiguous, and serde refuses it for a typed struct anyway.
///
/// Requests are checked strictly by default (a misspelt optional member would otherwise
/// be dropped without a word); responses are read leniently by default, so that a member
/// the platform adds later never breaks an answer (see [`ReadChecked::DEFAULT_STRICTNESS`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Strictness {
    /// Unknown members and enum values in the other wire form are violations.
    #[default]
    Strict,
    /// Unknown members are ignored and enums are accepted in either wire form.
    Lenient,
}

/// What a read records into: the violations found so far and the strictness.
///
/// Passed down by [`ReadChecked::read_checked`]; generated code reaches the collection
/// through [`out`](Self::out).
#[derive(Debug)]
pub struct ReadCx<'o> {
    out: &'o mut Violations,
    strict: bool,
}

impl<'o> ReadCx<'o> {
    /// A context recording into `out`.
    pub fn new(out: &'o mut Violations, strictness: Strictness) -> Self {
        ReadCx {
            out,
            strict: strictness == Strictness::Strict,
        }
    }

    /// The violations recorded so far.
    pub fn out(&mut self) -> &mut Violations {
        self.out
    }

    /// Whether the read is strict.
    pub fn is_strict(&self) -> bool {
        self.strict
    }

    /// Records a `type` violation: `expected`, and what was found.
    fn mismatch(&mut self, path: &Path<'_>, expected: &dyn fmt::Display, found: Found<'_>) {
        self.out.push(
            path,
            ConstraintKind::Type,
            None,
            format_args!("expected {expected}, found {found}"),
        );
    }

    /// Records that the member found under `name` appears a second time.
    pub fn duplicate(&mut self, path: &Path<'_>, name: &'static str) {
        self.out.push(
            &path.field(name),
            ConstraintKind::DuplicateMember,
            None,
            "the member appears more than once (the first one is kept); send it once",
        );
    }
}

/// A type that can be read from raw JSON in one pass, recording every structural
/// violation instead of stopping at the first.
///
/// ```
/// use mpapi_runtime::{Path, ReadChecked, ReadCx, Strictness, Violations};
/// let mut out = Violations::new();
/// let mut cx = ReadCx::new(&mut out, Strictness::Strict);
/// let v = serde_json::json!([1, "two", 300]);
/// let read = <Vec<u8>>::read_checked(&v, &Path::Root, &mut cx).unwrap();
/// assert_eq!(read, None);
/// let paths: Vec<_> = out.iter().map(|v| v.path.as_str()).collect();
/// assert_eq!(paths, ["[1]", "[2]"]);
/// ```
pub trait ReadChecked: Validate + Sized {
    /// The strictness a document of this type is read with by default: strict, but
    /// lenient for the response types of the generated crates (`#[validate(lenient)]`).
    const DEFAULT_STRICTNESS: Strictness = Strictness::Strict;

    /// Reads one value from `d`, found at `path`: `Some` when it could be typed, `None`
    /// (after recording why into `cx`) when not. An `Err` is the deserializer's own error
    /// (malformed JSON), never a type mismatch.
    fn read_checked<'de, D: Deserializer<'de>>(
        d: D,
        path: &Path<'_>,
        cx: &mut ReadCx<'_>,
    ) -> Result<Option<Self>, D::Error>;
}

/// The [`DeserializeSeed`] that reads a `T` with [`ReadChecked::read_checked`]; what
/// objects and arrays hand to their members and elements.
pub struct Checked<'a, 'p, 'o, T> {
    path: &'a Path<'p>,
    cx: &'a mut ReadCx<'o>,
    ty: PhantomData<fn() -> T>,
}

impl<'a, 'p, 'o, T> Checked<'a, 'p, 'o, T> {
    /// A seed reading a `T` at `path`.
    pub fn new(path: &'a Path<'p>, cx: &'a mut ReadCx<'o>) -> Self {
        Checked {
            path,
            cx,
            ty: PhantomData,
        }
    }
}

impl<'de, T: ReadChecked> DeserializeSeed<'de> for Checked<'_, '_, '_, T> {
    type Value = Option<T>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        T::read_checked(d, self.path, self.cx)
    }
}

/// What was found where something else was expected, for a `type` message.
#[derive(Clone, Copy)]
enum Found<'a> {
    Null,
    Bool,
    Signed(i64),
    Unsigned(u64),
    Float(f64),
    Str(&'a str),
    Array,
    Object,
}

impl fmt::Display for Found<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Found::Null => f.write_str("null"),
            Found::Bool => f.write_str("a boolean"),
            Found::Signed(v) if v < 0 => write!(f, "a negative integer {v}"),
            Found::Signed(v) => write!(f, "an integer {v}"),
            Found::Unsigned(v) => write!(f, "an integer {v}"),
            Found::Float(v) => write!(f, "a fractional number {v:?}"),
            // At most 40 characters: stop counting past that.
            Found::Str(s) if s.chars().nth(40).is_none() => write!(f, "the string {s:?}"),
            Found::Str(_) => f.write_str("a string"),
            Found::Array => f.write_str("an array"),
            Found::Object => f.write_str("an object"),
        }
    }
}

/// A scalar read from any JSON kind: each `from_*` accepts its value or says no, and
/// the visitor turns a no into a `type` violation.
trait Scalar: Sized {
    fn expected(f: &mut fmt::Formatter<'_>) -> fmt::Result;
    fn from_bool(_: bool) -> Option<Self> {
        None
    }
    fn from_i64(_: i64) -> Option<Self> {
        None
    }
    fn from_u64(_: u64) -> Option<Self> {
        None
    }
    fn from_f64(_: f64) -> Option<Self> {
        None
    }
    fn from_str(_: &str) -> Option<Self> {
        None
    }
}

/// `Display` of what a [`Scalar`] expects.
struct Expected<S>(PhantomData<S>);

impl<S: Scalar> fmt::Display for Expected<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        S::expected(f)
    }
}

/// Reads a [`Scalar`] from whatever JSON value comes, recording a mismatch.
struct ScalarVisitor<'a, 'p, 'o, S> {
    path: &'a Path<'p>,
    cx: &'a mut ReadCx<'o>,
    ty: PhantomData<fn() -> S>,
}

impl<S: Scalar> ScalarVisitor<'_, '_, '_, S> {
    #[cold]
    fn miss(self, found: Found<'_>) -> Option<S> {
        self.cx
            .mismatch(self.path, &Expected::<S>(PhantomData), found);
        None
    }

    #[inline]
    fn or_miss(self, v: Option<S>, found: Found<'_>) -> Option<S> {
        match v {
            Some(v) => Some(v),
            None => self.miss(found),
        }
    }
}

/// The visitor methods of a scalar reader (a plain scalar or an enum) for what is never
/// one: `null` and absent values are misses, `Some` reads its content, and a list or an
/// object is skipped to its end and recorded as a miss.
macro_rules! nulls_and_containers_are_misses {
    () => {
        fn visit_unit<Er: de::Error>(self) -> Result<Self::Value, Er> {
            Ok(self.miss(Found::Null))
        }
        fn visit_none<Er: de::Error>(self) -> Result<Self::Value, Er> {
            Ok(self.miss(Found::Null))
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(self.miss(Found::Array))
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok(self.miss(Found::Object))
        }
    };
}

impl<'de, S: Scalar> Visitor<'de> for ScalarVisitor<'_, '_, '_, S> {
    type Value = Option<S>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        S::expected(f)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(self.or_miss(S::from_bool(v), Found::Bool))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(self.or_miss(S::from_i64(v), Found::Signed(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(self.or_miss(S::from_u64(v), Found::Unsigned(v)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(self.or_miss(S::from_f64(v), Found::Float(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(self.or_miss(S::from_str(v), Found::Str(v)))
    }

    nulls_and_containers_are_misses!();
}

/// Reads a scalar with [`ScalarVisitor`].
#[inline]
fn read_scalar<'de, S: Scalar, D: Deserializer<'de>>(
    d: D,
    path: &Path<'_>,
    cx: &mut ReadCx<'_>,
) -> Result<Option<S>, D::Error> {
    d.deserialize_any(ScalarVisitor::<S> {
        path,
        cx,
        ty: PhantomData,
    })
}

impl Scalar for String {
    fn expected(f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }
    #[inline]
    fn from_str(s: &str) -> Option<Self> {
        Some(s.to_owned())
    }
}

impl Scalar for bool {
    fn expected(f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a boolean")
    }
    fn from_bool(b: bool) -> Option<Self> {
        Some(b)
    }
}

macro_rules! integer {
    ($($t:ty, $what:literal;)*) => {$(
        impl Scalar for $t {
            fn expected(f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{} ({}, {} to {})", $what, stringify!($t), <$t>::MIN, <$t>::MAX)
            }
            #[inline]
            fn from_i64(v: i64) -> Option<Self> {
                <$t>::try_from(v).ok()
            }
            #[inline]
            fn from_u64(v: u64) -> Option<Self> {
                <$t>::try_from(v).ok()
            }
        }
    )*};
}

integer! {
    u8, "an unsigned integer"; u16, "an unsigned integer"; u32, "an unsigned integer";
    u64, "an unsigned integer"; i8, "an integer"; i16, "an integer"; i32, "an integer";
    i64, "an integer";
}

impl Scalar for f64 {
    fn expected(f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number")
    }
    fn from_i64(v: i64) -> Option<Self> {
        Some(v as f64)
    }
    fn from_u64(v: u64) -> Option<Self> {
        Some(v as f64)
    }
    fn from_f64(v: f64) -> Option<Self> {
        Some(v)
    }
}

impl Scalar for f32 {
    fn expected(f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number (f32)")
    }
    fn from_i64(v: i64) -> Option<Self> {
        Some(v as f32)
    }
    fn from_u64(v: u64) -> Option<Self> {
        Some(v as f32)
    }
    fn from_f64(v: f64) -> Option<Self> {
        (v.abs() <= f64::from(f32::MAX)).then_some(v as f32)
    }
}

impl Scalar for IntOrString {
    fn expected(f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an integer or a string of an integer")
    }
    fn from_i64(v: i64) -> Option<Self> {
        Some(IntOrString::new(v))
    }
    fn from_u64(v: u64) -> Option<Self> {
        i64::try_from(v).ok().map(IntOrString::new)
    }
    fn from_str(s: &str) -> Option<Self> {
        s.parse::<i64>().ok().map(IntOrString::string_form)
    }
}

macro_rules! scalar_read {
    ($($t:ty),*) => {$(
        impl ReadChecked for $t {
            #[inline]
            fn read_checked<'de, D: Deserializer<'de>>(
                d: D,
                path: &Path<'_>,
                cx: &mut ReadCx<'_>,
            ) -> Result<Option<Self>, D::Error> {
                read_scalar::<Self, D>(d, path, cx)
            }
        }
    )*};
}

scalar_read!(
    String,
    bool,
    u8,
    u16,
    u32,
    u64,
    i8,
    i16,
    i32,
    i64,
    f32,
    f64,
    IntOrString
);

impl ReadChecked for Value {
    fn read_checked<'de, D: Deserializer<'de>>(
        d: D,
        _: &Path<'_>,
        _: &mut ReadCx<'_>,
    ) -> Result<Option<Self>, D::Error> {
        serde::Deserialize::deserialize(d).map(Some)
    }
}

/// `null` is `Some(None)`; anything else is read as a `T`.
impl<T: ReadChecked> ReadChecked for Option<T> {
    const DEFAULT_STRICTNESS: Strictness = T::DEFAULT_STRICTNESS;

    #[inline]
    fn read_checked<'de, D: Deserializer<'de>>(
        d: D,
        path: &Path<'_>,
        cx: &mut ReadCx<'_>,
    ) -> Result<Option<Self>, D::Error> {
        d.deserialize_option(OptionVisitor::<T> {
            path,
            cx,
            ty: PhantomData,
        })
    }
}

struct OptionVisitor<'a, 'p, 'o, T> {
    path: &'a Path<'p>,
    cx: &'a mut ReadCx<'o>,
    ty: PhantomData<fn() -> T>,
}

impl<'de, T: ReadChecked> Visitor<'de> for OptionVisitor<'_, '_, '_, T> {
    type Value = Option<Option<T>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Some(None))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Some(None))
    }

    #[inline]
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        Ok(T::read_checked(d, self.path, self.cx)?.map(Some))
    }
}

impl<T: ReadChecked> ReadChecked for Box<T> {
    const DEFAULT_STRICTNESS: Strictness = T::DEFAULT_STRICTNESS;

    fn read_checked<'de, D: Deserializer<'de>>(
        d: D,
        path: &Path<'_>,
        cx: &mut ReadCx<'_>,
    ) -> Result<Option<Self>, D::Error> {
        Ok(T::read_checked(d, path, cx)?.map(Box::new))
    }
}

/// A JSON array read element by element.
///
/// `#[derive(Validate)]` reads a list field that has `items` or `each` constraints as
/// this, so that when an element is broken it can still check the array's length and
/// give the sound elements their `each` constraints.
#[derive(Debug)]
pub enum ListRead<T> {
    /// Every element was typed.
    Sound(Vec<T>),
    /// Some element could not be typed (and was reported).
    Broken(BrokenList<T>),
}

/// An array with an element that could not be typed.
#[derive(Debug)]
pub struct BrokenList<T> {
    /// How many elements the array has.
    pub len: usize,
    /// The elements that could be typed, with their index; not yet validated.
    pub sound: Vec<(usize, T)>,
}

impl<T: Validate> Validate for ListRead<T> {
    fn validate_at(&self, path: &Path<'_>, out: &mut Violations) {
        match self {
            ListRead::Sound(v) => v.validate_at(path, out),
            ListRead::Broken(b) => {
                for (i, t) in &b.sound {
                    t.validate_at(&path.index(*i), out);
                }
            }
        }
    }
}

impl<T: ReadChecked> ReadChecked for ListRead<T> {
    fn read_checked<'de, D: Deserializer<'de>>(
        d: D,
        path: &Path<'_>,
        cx: &mut ReadCx<'_>,
    ) -> Result<Option<Self>, D::Error> {
        d.deserialize_any(ListVisitor::<T> {
            path,
            cx,
            ty: PhantomData,
        })
    }
}

impl<T: ReadChecked> ReadChecked for Vec<T> {
    fn read_checked<'de, D: Deserializer<'de>>(
        d: D,
        path: &Path<'_>,
        cx: &mut ReadCx<'_>,
    ) -> Result<Option<Self>, D::Error> {
        Ok(match ListRead::<T>::read_checked(d, path, cx)? {
            Some(ListRead::Sound(v)) => Some(v),
            Some(ListRead::Broken(b)) => {
                // The list is given up: its sound elements are validated here.
                for (i, t) in &b.sound {
                    t.validate_at(&path.index(*i), cx.out);
                }
                None
            }
            None => None,
        })
    }
}

struct ListVisitor<'a, 'p, 'o, T> {
    path: &'a Path<'p>,
    cx: &'a mut ReadCx<'o>,
    ty: PhantomData<fn() -> T>,
}

impl<T> ListVisitor<'_, '_, '_, T> {
    #[cold]
    fn miss(self, found: Found<'_>) -> Option<ListRead<T>> {
        self.cx.mismatch(self.path, &"an array", found);
        None
    }
}

/// The visitor methods of a list or object reader for a scalar or `null` where it wants its
/// own shape: each records the mismatch through the visitor's `miss` (a `Some` is read as
/// the value inside).
macro_rules! scalars_are_misses {
    () => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok(self.miss(Found::Bool))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(self.miss(Found::Signed(v)))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(self.miss(Found::Unsigned(v)))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok(self.miss(Found::Float(v)))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(self.miss(Found::Str(v)))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(self.miss(Found::Null))
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(self.miss(Found::Null))
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
    };
}

impl<'de, T: ReadChecked> Visitor<'de> for ListVisitor<'_, '_, '_, T> {
    type Value = Option<ListRead<T>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items: Vec<T> = Vec::new();
        let mut i = 0;
        // While every element is sound they go straight into `items`.
        loop {
            let path = self.path.index(i);
            match seq.next_element_seed(Checked::<T>::new(&path, self.cx))? {
                None => return Ok(Some(ListRead::Sound(items))),
                Some(Some(t)) => items.push(t),
                Some(None) => break,
            }
            i += 1;
        }
        let mut sound: Vec<(usize, T)> = items.into_iter().enumerate().collect();
        loop {
            i += 1;
            let path = self.path.index(i);
            match seq.next_element_seed(Checked::<T>::new(&path, self.cx))? {
                None => break,
                Some(Some(t)) => sound.push((i, t)),
                Some(None) => {}
            }
        }
        Ok(Some(ListRead::Broken(BrokenList { len: i, sound })))
    }

    scalars_are_misses!();
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(self.miss(Found::Object))
    }
}

/// A slot for one member of an object being read.
#[derive(Debug)]
pub enum Slot<T> {
    /// Not (yet) seen, or `null` for a member that may not be `null`.
    Missing,
    /// Read and typed.
    Sound(T),
    /// Read, but broken (and reported).
    Broken,
}

impl<T> Slot<T> {
    /// The slot of a member read as `Option<T>` so that `null` counts as missing.
    #[inline]
    pub fn from_required(read: Option<Option<T>>) -> Self {
        match read {
            Some(Some(v)) => Slot::Sound(v),
            Some(None) => Slot::Missing,
            None => Slot::Broken,
        }
    }

    /// The slot of a member read as its own type.
    #[inline]
    pub fn from_read(read: Option<T>) -> Self {
        match read {
            Some(v) => Slot::Sound(v),
            None => Slot::Broken,
        }
    }

    /// Whether the member has not been seen.
    #[inline]
    pub fn is_missing(&self) -> bool {
        matches!(self, Slot::Missing)
    }

    /// A missing member takes `fill()` (its default, or `None` for an `Option`).
    #[inline]
    pub fn or_fill(self, fill: impl FnOnce() -> T) -> Self {
        match self {
            Slot::Missing => Slot::Sound(fill()),
            other => other,
        }
    }
}

impl<T> Slot<ListRead<T>> {
    /// A list member as the list, and the broken list aside when an element was broken.
    pub fn split_list(self) -> (Slot<Vec<T>>, Option<BrokenList<T>>) {
        match self {
            Slot::Sound(ListRead::Sound(v)) => (Slot::Sound(v), None),
            Slot::Sound(ListRead::Broken(b)) => (Slot::Broken, Some(b)),
            Slot::Missing => (Slot::Missing, None),
            Slot::Broken => (Slot::Broken, None),
        }
    }
}

impl<T> Slot<Option<ListRead<T>>> {
    /// An optional list member as the list, and the broken list aside when an element was
    /// broken.
    pub fn split_list(self) -> (Slot<Option<Vec<T>>>, Option<BrokenList<T>>) {
        match self {
            Slot::Sound(Some(ListRead::Sound(v))) => (Slot::Sound(Some(v)), None),
            Slot::Sound(Some(ListRead::Broken(b))) => (Slot::Broken, Some(b)),
            Slot::Sound(None) => (Slot::Sound(None), None),
            Slot::Missing => (Slot::Missing, None),
            Slot::Broken => (Slot::Broken, None),
        }
    }
}

/// What an object's member key turned out to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// The field with this index, found under this name (its wire name or an alias).
    Field(u16, &'static str),
    /// A member the type does not declare (reported in strict mode).
    Unknown,
}

/// The [`DeserializeSeed`] of an object's member keys: looks the key up with `lookup`
/// (the derive's `match` over the wire names and aliases) and reports an unknown one in
/// strict mode, with a did-you-mean among `names`.
pub struct KeySeed<'a, 'p, 'o, F> {
    lookup: F,
    names: &'static [&'static str],
    type_name: &'static str,
    path: &'a Path<'p>,
    cx: &'a mut ReadCx<'o>,
}

impl<'a, 'p, 'o, F: Fn(&str) -> Option<(u16, &'static str)>> KeySeed<'a, 'p, 'o, F> {
    /// A seed for the keys of the `type_name` object at `path`, whose member names
    /// (wire names and aliases) are `names`.
    #[inline]
    pub fn new(
        lookup: F,
        names: &'static [&'static str],
        type_name: &'static str,
        path: &'a Path<'p>,
        cx: &'a mut ReadCx<'o>,
    ) -> Self {
        KeySeed {
            lookup,
            names,
            type_name,
            path,
            cx,
        }
    }

    #[inline]
    fn key(self, name: &str) -> Key {
        match (self.lookup)(name) {
            Some((i, n)) => Key::Field(i, n),
            None => {
                if self.cx.strict {
                    unknown_member(self.cx.out, self.path, name, self.names, self.type_name);
                }
                Key::Unknown
            }
        }
    }
}

impl<'de, F: Fn(&str) -> Option<(u16, &'static str)>> DeserializeSeed<'de>
    for KeySeed<'_, '_, '_, F>
{
    type Value = Key;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de, F: Fn(&str) -> Option<(u16, &'static str)>> Visitor<'de> for KeySeed<'_, '_, '_, F> {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    #[inline]
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
        Ok(self.key(v))
    }
}

/// Records an `unknown_member` violation for `name` in the object at `path`.
#[cold]
fn unknown_member(
    out: &mut Violations,
    path: &Path<'_>,
    name: &str,
    names: &[&'static str],
    type_name: &str,
) {
    let mut message = format!("`{name}` is not a member of {type_name}");
    match crate::suggest::closest(name, names) {
        Some(close) => {
            message.push_str("; did you mean `");
            message.push_str(close);
            message.push_str("`?");
        }
        None if names.is_empty() => message.push_str(", which has no members"),
        None => {
            message.push_str("; expected one of ");
            message.push_str(&names.join(", "));
        }
    }
    out.push_member(path, name, ConstraintKind::UnknownMember, None, message);
}

/// Reads an object with the member reader `R`, recording a mismatch for anything else.
///
/// `#[derive(Validate)]` implements [`ReadChecked`] for a struct with this, and
/// [`ReadMembers`] with the code that reads its members.
#[inline]
pub fn read_object<'de, R: ReadMembers, D: Deserializer<'de>>(
    d: D,
    path: &Path<'_>,
    cx: &mut ReadCx<'_>,
) -> Result<Option<R>, D::Error> {
    // `deserialize_any`, not `deserialize_map`: given something else than an object,
    // serde_json's deserializers fail at once instead of calling the visitor.
    d.deserialize_any(ObjectVisitor::<R> {
        path,
        cx,
        ty: PhantomData,
    })
}

/// The members of an object type, read one by one (written by `#[derive(Validate)]`).
pub trait ReadMembers: Sized {
    /// Reads every member from `map` (the object at `path`); `Some` when the object could
    /// be typed whole, else `None` after validating the members that could.
    fn read_members<'de, A: MapAccess<'de>>(
        map: A,
        path: &Path<'_>,
        cx: &mut ReadCx<'_>,
    ) -> Result<Option<Self>, A::Error>;
}

struct ObjectVisitor<'a, 'p, 'o, R> {
    path: &'a Path<'p>,
    cx: &'a mut ReadCx<'o>,
    ty: PhantomData<fn() -> R>,
}

impl<R> ObjectVisitor<'_, '_, '_, R> {
    #[cold]
    fn miss(self, found: Found<'_>) -> Option<R> {
        self.cx.mismatch(self.path, &"an object", found);
        None
    }
}

impl<'de, R: ReadMembers> Visitor<'de> for ObjectVisitor<'_, '_, '_, R> {
    type Value = Option<R>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    #[inline]
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        R::read_members(map, self.path, self.cx)
    }

    scalars_are_misses!();
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(self.miss(Found::Array))
    }
}

/// Skips a member's value (an unknown or repeated member).
#[inline]
pub fn skip_value<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(|_| ())
}

/// Reads a type through a [`serde_json::Value`] and its [`JsonShape`](crate::JsonShape)
/// deep check: what `#[derive(Validate)]` uses for the rare struct whose members it
/// cannot read one by one (a `#[serde(flatten)]` field or a container `#[serde(default)]`).
/// Such a struct is always read leniently.
pub fn read_through_value<'de, T: crate::JsonShape, D: Deserializer<'de>>(
    d: D,
    path: &Path<'_>,
    cx: &mut ReadCx<'_>,
) -> Result<Option<T>, D::Error> {
    let value: Value = serde::Deserialize::deserialize(d)?;
    Ok(crate::typed_if_sound::<T>(&value, path, cx.out))
}

/// Reads a wire enum: its declared wire form always, the other form only when lenient
/// (in strict mode it is an `enum` violation, with the enum's invalid-value code).
/// `#[derive(WireEnum)]` implements [`ReadChecked`] with this.
#[inline]
pub fn read_wire_enum<'de, E: WireEnum + Validate, D: Deserializer<'de>>(
    d: D,
    path: &Path<'_>,
    cx: &mut ReadCx<'_>,
) -> Result<Option<E>, D::Error> {
    d.deserialize_any(EnumVisitor::<E> {
        path,
        cx,
        ty: PhantomData,
    })
}

struct EnumVisitor<'a, 'p, 'o, E> {
    path: &'a Path<'p>,
    cx: &'a mut ReadCx<'o>,
    ty: PhantomData<fn() -> E>,
}

/// What a wire enum expects, for a `type` message.
struct EnumExpected<E>(bool, PhantomData<E>);

impl<E: WireEnum> fmt::Display for EnumExpected<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let strict = self.0;
        match (E::FORM, strict) {
            (WireForm::String, true) => write!(f, "a {} name (a string)", E::TYPE_NAME),
            (WireForm::String, false) => {
                write!(f, "a {} name (a string) or its numeric code", E::TYPE_NAME)
            }
            (WireForm::Integer, true) => write!(f, "a {} code (an integer)", E::TYPE_NAME),
            (WireForm::Integer, false) => write!(
                f,
                "a {} code (an integer in i64 range) or a known name ({})",
                E::TYPE_NAME,
                E::NAMES.join(", ")
            ),
        }
    }
}

impl<E: WireEnum> EnumVisitor<'_, '_, '_, E> {
    #[cold]
    fn miss(self, found: Found<'_>) -> Option<E> {
        let strict = self.cx.strict;
        self.cx
            .mismatch(self.path, &EnumExpected::<E>(strict, PhantomData), found);
        None
    }

    /// A value in the form the spec does not declare, in strict mode. A known variant is
    /// reported and still returned (so the rules of the object around it run); a value
    /// that is no variant in either form is returned as the unknown value, which
    /// validation reports (once) as not a known value.
    #[cold]
    fn other_form(self, read: Option<E>, found: Found<'_>) -> Option<E> {
        let known = match read {
            Some(e) if e.is_known() => Some(e),
            unknown => return unknown,
        };
        let hint = match (&known, E::FORM) {
            (Some(e), WireForm::String) => format!("; send {:?}", name_of(e)),
            (Some(e), WireForm::Integer) => format!("; send {}", code_of(e)),
            (None, _) => String::new(),
        };
        let form = match E::FORM {
            WireForm::String => "by name (a string)",
            WireForm::Integer => "by code (an integer)",
        };
        self.cx.out.push(
            self.path,
            ConstraintKind::Enum,
            E::INVALID_CODE,
            format_args!("{} is sent {form}, found {found}{hint}", E::TYPE_NAME),
        );
        known
    }
}

/// The wire name of a known variant.
fn name_of<E: WireEnum>(e: &E) -> &'static str {
    E::NAMES
        .iter()
        .copied()
        .find(|n| E::from_name(n).is_some_and(|v| same_variant(&v, e)))
        .unwrap_or_default()
}

/// The code of a known variant.
fn code_of<E: WireEnum>(e: &E) -> i64 {
    E::CODES
        .iter()
        .copied()
        .find(|c| E::from_code(*c).is_some_and(|v| same_variant(&v, e)))
        .unwrap_or_default()
}

fn same_variant<E>(a: &E, b: &E) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
}

impl<'de, E: WireEnum> Visitor<'de> for EnumVisitor<'_, '_, '_, E> {
    type Value = Option<E>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&EnumExpected::<E>(self.cx.strict, PhantomData), f)
    }

    fn visit_str<Er: de::Error>(self, v: &str) -> Result<Self::Value, Er> {
        let read = E::from_wire_str(v);
        Ok(match (E::FORM, self.cx.strict) {
            (WireForm::String, _) | (WireForm::Integer, false) => match read {
                Some(e) => Some(e),
                None => self.miss(Found::Str(v)),
            },
            (WireForm::Integer, true) => match read {
                Some(e) => self.other_form(Some(e), Found::Str(v)),
                None => self.miss(Found::Str(v)),
            },
        })
    }

    fn visit_i64<Er: de::Error>(self, v: i64) -> Result<Self::Value, Er> {
        let read = E::from_wire_i64(v);
        Ok(match (E::FORM, self.cx.strict) {
            (WireForm::String, true) => self.other_form(Some(read), Found::Signed(v)),
            _ => Some(read),
        })
    }

    fn visit_u64<Er: de::Error>(self, v: u64) -> Result<Self::Value, Er> {
        let read = E::from_wire_u64(v);
        Ok(match (E::FORM, self.cx.strict, read) {
            (WireForm::String, true, read) => self.other_form(read, Found::Unsigned(v)),
            (_, _, Some(e)) => Some(e),
            (_, _, None) => self.miss(Found::Unsigned(v)),
        })
    }

    fn visit_f64<Er: de::Error>(self, v: f64) -> Result<Self::Value, Er> {
        Ok(self.miss(Found::Float(v)))
    }
    fn visit_bool<Er: de::Error>(self, _: bool) -> Result<Self::Value, Er> {
        Ok(self.miss(Found::Bool))
    }
    nulls_and_containers_are_misses!();
}
