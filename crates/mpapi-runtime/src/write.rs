//! Compact JSON output for request bodies, byte for byte what `serde_json::to_vec` writes,
//! at a fraction of its cost for string-heavy bodies.
//!
//! Request bodies of these platforms are mostly text: ids, names, URLs, Chinese product
//! titles, nearly never with a character to escape. `serde_json` looks every byte of every
//! string up in its escape table and copies it; this writer checks eight bytes at a time
//! whether any needs an escape and copies a string without one in one go. Only a string
//! with an escape goes byte by byte (see `BENCHMARKS.md`, "Client overhead", for what
//! this saves).
//!
//! Numbers are formatted by `serde_json`'s own [`CompactFormatter`], and everything else
//! follows `serde_json`'s compact serializer, so the bytes are the same: the generated
//! tests compare both on every typed doc example, and a fuzz target on arbitrary
//! documents. The text of a `serde_json::Number` or `RawValue` is written as it is, as
//! `serde_json` does when another crate of the build turns on its `arbitrary_precision`
//! or `raw_value` feature.
//!
//! ```
//! let body = mpapi_runtime::write::to_vec(&serde_json::json!({"name": "鞋\n", "sizes": [1, 2.5]}))
//!     .unwrap();
//! assert_eq!(body, r#"{"name":"鞋\n","sizes":[1,2.5]}"#.as_bytes());
//! ```

use serde::Serialize;
use serde::ser::{self, Impossible};
use serde_json::Error;
use serde_json::ser::{CompactFormatter, Formatter};

use crate::words::{self, HIGHS, ONES};

/// Serializes `value` as compact JSON at the end of `out`.
///
/// The bytes are those of `serde_json::to_writer(out, value)`. On an error (a map key
/// that is not a string, number, boolean or unit variant, or a `Serialize` impl that
/// fails), `out` holds what was written before it.
pub fn to_writer<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> Result<(), Error> {
    value.serialize(&mut Writer { out })
}

/// Serializes `value` as compact JSON into a new buffer (see [`to_writer`]).
pub fn to_vec<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(128);
    to_writer(&mut out, value)?;
    Ok(out)
}

/// The escape of each byte below 0x80 that needs one, as `serde_json` writes it:
/// `b'u'` for `\u00XX`, another letter for its short form, 0 for none. Bytes from 0x80 up
/// (UTF-8 beyond ASCII) never need one.
static ESCAPE: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b'u';
        b += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0a] = b'n';
    table[0x0c] = b'f';
    table[0x0d] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

/// Whether any of the eight bytes of `word` needs an escape: a control byte (below 0x20),
/// a quote or a backslash. One test for all three: a byte below 0x20 borrows into its
/// high bit when 0x20 is subtracted while its own high bit is clear, as a zero byte does
/// when 1 is (exact as a yes/no, like [`words::zero_bytes`]).
#[inline(always)]
const fn needs_escape(word: u64) -> bool {
    let control = word.wrapping_sub(ONES * 0x20) & !word;
    let quote = words::bytes_equal(word, b'"');
    let backslash = words::bytes_equal(word, b'\\');
    (control | quote | backslash) & HIGHS != 0
}

/// 1 for each byte that needs an escape, for strings shorter than a word.
static NEEDS_ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (ESCAPE[b] != 0) as u8;
        b += 1;
    }
    table
};

/// Whether any byte of `bytes` needs an escape.
#[inline(always)]
fn any_escape(bytes: &[u8]) -> bool {
    words::any_word(bytes, needs_escape, |short| {
        short
            .iter()
            .fold(0, |any, &b| any | NEEDS_ESCAPE[usize::from(b)])
            != 0
    })
}

/// Writes `s` as a JSON string, quotes included. A string without escapes (nearly all
/// of them) is one scan and one copy.
#[inline]
fn write_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    if any_escape(bytes) {
        write_escaped(out, bytes);
    } else {
        out.extend_from_slice(bytes);
    }
    out.push(b'"');
}

/// The contents of a string that needs escapes: runs without one copied whole, each
/// escape written as `serde_json` writes it.
#[cold]
#[inline(never)]
fn write_escaped(out: &mut Vec<u8>, bytes: &[u8]) {
    // `start` is where the run not yet copied begins.
    let mut start = 0;
    for (i, &byte) in bytes.iter().enumerate() {
        let escape = ESCAPE.get(usize::from(byte)).copied().unwrap_or(0);
        if escape != 0 {
            out.extend_from_slice(&bytes[start..i]);
            write_escape(out, byte, escape);
            start = i + 1;
        }
    }
    out.extend_from_slice(&bytes[start..]);
}

fn write_escape(out: &mut Vec<u8>, byte: u8, escape: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    if escape == b'u' {
        out.extend_from_slice(&[
            b'\\',
            b'u',
            b'0',
            b'0',
            HEX[usize::from(byte >> 4)],
            HEX[usize::from(byte & 0xf)],
        ]);
    } else {
        out.extend_from_slice(&[b'\\', escape]);
    }
}

/// The serializer: compact JSON appended to a buffer.
struct Writer<'a> {
    out: &'a mut Vec<u8>,
}

impl Writer<'_> {
    fn number(
        &mut self,
        write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>,
    ) -> Result<(), Error> {
        // Writing into a `Vec` cannot fail.
        let _ = write(self.out);
        Ok(())
    }
}

/// The integer methods of a `Serializer`, each writing through `serde_json`'s
/// [`CompactFormatter`] by the serializer's method `$via` (plain, or quoted for a key).
macro_rules! integers {
    ($via:ident) => {
        integers!($via: serialize_i8(i8) write_i8, serialize_i16(i16) write_i16,
            serialize_i32(i32) write_i32, serialize_i64(i64) write_i64,
            serialize_i128(i128) write_i128, serialize_u8(u8) write_u8,
            serialize_u16(u16) write_u16, serialize_u32(u32) write_u32,
            serialize_u64(u64) write_u64, serialize_u128(u128) write_u128);
    };
    ($via:ident: $($method:ident($ty:ty) $write:ident),*) => {
        $(
            fn $method(self, v: $ty) -> Result<(), Error> {
                self.$via(|out| CompactFormatter.$write(out, v))
            }
        )*
    };
}

/// An array or object being written; `first` says whether a comma is due.
struct Compound<'w, 'a> {
    w: &'w mut Writer<'a>,
    first: bool,
    /// `}` after the container for `{"Variant":[…]}` and `{"Variant":{…}}`.
    variant: bool,
    /// The struct is `serde_json`'s carrier of text to write as it is: a `Number` under its
    /// `arbitrary_precision` feature or a `RawValue` under `raw_value`, which another crate
    /// of the build may turn on.
    verbatim: bool,
}

/// The struct names `serde_json` gives the carriers of verbatim JSON text (see
/// [`Compound::verbatim`]).
const VERBATIM: [&str; 2] = [
    "$serde_json::private::Number",
    "$serde_json::private::RawValue",
];

impl Compound<'_, '_> {
    #[inline]
    fn comma(&mut self) {
        if !std::mem::take(&mut self.first) {
            self.w.out.push(b',');
        }
    }

    #[inline]
    fn close(self, bracket: u8) {
        self.w.out.push(bracket);
        if self.variant {
            self.w.out.push(b'}');
        }
    }
}

impl<'w, 'a> ser::Serializer for &'w mut Writer<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'w, 'a>;
    type SerializeTuple = Compound<'w, 'a>;
    type SerializeTupleStruct = Compound<'w, 'a>;
    type SerializeTupleVariant = Compound<'w, 'a>;
    type SerializeMap = Compound<'w, 'a>;
    type SerializeStruct = Compound<'w, 'a>;
    type SerializeStructVariant = Compound<'w, 'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out
            .extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }

    integers!(number);

    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        if v.is_finite() {
            self.number(|out| CompactFormatter.write_f32(out, v))
        } else {
            self.serialize_unit()
        }
    }

    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        if v.is_finite() {
            self.number(|out| CompactFormatter.write_f64(out, v))
        } else {
            self.serialize_unit()
        }
    }

    fn serialize_char(self, v: char) -> Result<(), Error> {
        write_str(self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        write_str(self.out, v);
        Ok(())
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for byte in v {
            seq.serialize_element(byte)?;
        }
        seq.end()
    }

    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        write_str(self.out, variant);
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.out.push(b'{');
        write_str(self.out, variant);
        self.out.push(b':');
        value.serialize(&mut *self)?;
        self.out.push(b'}');
        Ok(())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        self.out.push(b'[');
        Ok(Compound {
            w: self,
            first: true,
            variant: false,
            verbatim: false,
        })
    }

    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple, Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        self.out.push(b'{');
        write_str(self.out, variant);
        self.out.extend_from_slice(b":[");
        Ok(Compound {
            w: self,
            first: true,
            variant: true,
            verbatim: false,
        })
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        self.out.push(b'{');
        Ok(Compound {
            w: self,
            first: true,
            variant: false,
            verbatim: false,
        })
    }

    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStruct, Error> {
        // Struct names that start with `$` are serde_json's; one byte spares the rest the
        // comparisons.
        if name.as_bytes().first() == Some(&b'$') && VERBATIM.contains(&name) {
            return Ok(Compound {
                w: self,
                first: true,
                variant: false,
                verbatim: true,
            });
        }
        self.serialize_map(Some(len))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        self.out.push(b'{');
        write_str(self.out, variant);
        self.out.extend_from_slice(b":{");
        Ok(Compound {
            w: self,
            first: true,
            variant: true,
            verbatim: false,
        })
    }
}

impl ser::SerializeSeq for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.comma();
        value.serialize(&mut *self.w)
    }

    fn end(self) -> Result<(), Error> {
        self.close(b']');
        Ok(())
    }
}

/// A tuple, tuple struct or tuple variant is written as an array (a variant's closing
/// brace is [`Compound::close`]'s).
macro_rules! like_a_seq {
    ($($trait:ident::$method:ident),*) => {
        $(
            impl ser::$trait for Compound<'_, '_> {
                type Ok = ();
                type Error = Error;

                fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                    ser::SerializeSeq::serialize_element(self, value)
                }

                fn end(self) -> Result<(), Error> {
                    ser::SerializeSeq::end(self)
                }
            }
        )*
    };
}

like_a_seq!(
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.comma();
        key.serialize(MapKey { out: self.w.out })?;
        self.w.out.push(b':');
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut *self.w)
    }

    fn end(self) -> Result<(), Error> {
        self.close(b'}');
        Ok(())
    }
}

impl ser::SerializeStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        if self.verbatim {
            return write_verbatim(self.w.out, value);
        }
        self.comma();
        write_str(self.w.out, key);
        self.w.out.push(b':');
        value.serialize(&mut *self.w)
    }

    fn end(self) -> Result<(), Error> {
        if !self.verbatim {
            self.close(b'}');
        }
        Ok(())
    }
}

/// Writes the text that `serde_json`'s verbatim carriers hold (a string field) as it is.
/// Rare enough to go the long way: written as a JSON string, then read back.
#[cold]
fn write_verbatim<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> Result<(), Error> {
    let quoted = to_vec(value)?;
    let text: String = serde_json::from_slice(&quoted)
        .map_err(|_| ser::Error::custom("a verbatim JSON carrier must hold text"))?;
    out.extend_from_slice(text.as_bytes());
    Ok(())
}

impl ser::SerializeStructVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        ser::SerializeStruct::serialize_field(self, key, value)
    }

    fn end(self) -> Result<(), Error> {
        ser::SerializeStruct::end(self)
    }
}

/// A map key: JSON keys are strings, so numbers and booleans are written quoted, as
/// `serde_json` does; anything else is an error.
struct MapKey<'a> {
    out: &'a mut Vec<u8>,
}

impl MapKey<'_> {
    fn quoted(self, write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> Result<(), Error> {
        self.out.push(b'"');
        // Writing into a `Vec` cannot fail.
        let _ = write(self.out);
        self.out.push(b'"');
        Ok(())
    }
}

fn key_must_be_a_string() -> Error {
    ser::Error::custom("key must be a string")
}

fn float_key_must_be_finite() -> Error {
    ser::Error::custom("float key must be finite (got NaN or +/-inf)")
}

impl ser::Serializer for MapKey<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Impossible<(), Error>;
    type SerializeStructVariant = Impossible<(), Error>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.quoted(|out| CompactFormatter.write_bool(out, v))
    }

    integers!(quoted);

    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        if !v.is_finite() {
            return Err(float_key_must_be_finite());
        }
        self.quoted(|out| CompactFormatter.write_f32(out, v))
    }

    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        if !v.is_finite() {
            return Err(float_key_must_be_finite());
        }
        self.quoted(|out| CompactFormatter.write_f64(out, v))
    }

    fn serialize_char(self, v: char) -> Result<(), Error> {
        write_str(self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        write_str(self.out, v);
        Ok(())
    }

    fn serialize_bytes(self, _v: &[u8]) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_none(self) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        write_str(self.out, variant);
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(key_must_be_a_string())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde_json::{Value, json};

    use super::*;

    /// Both writers on one value: the same bytes, or both an error.
    fn same<T: Serialize + ?Sized>(value: &T) {
        let ours = to_vec(value);
        let theirs = serde_json::to_vec(value);
        match (&ours, &theirs) {
            (Ok(a), Ok(b)) => assert_eq!(
                String::from_utf8_lossy(a),
                String::from_utf8_lossy(b),
                "output differs from serde_json"
            ),
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
            _ => panic!("one failed: ours {ours:?}, serde_json {theirs:?}"),
        }
    }

    #[test]
    fn every_byte_alone_and_in_runs() {
        for b in 0u8..0x80 {
            let c = char::from(b);
            same(&c.to_string());
            // The byte at every position of a run longer than one word.
            for at in 0..20 {
                let mut s = "abcdefghijklmnopqrst".to_owned();
                s.replace_range(at..=at, &c.to_string());
                same(&s);
            }
        }
    }

    #[test]
    fn text_beyond_ascii_and_escape_clusters() {
        for s in [
            "",
            "纯棉T恤 白色 XL",
            "a\"b\\c\nd\te\u{0}\u{1f}\u{7f}/",
            "\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"",
            "\\\\\\\\\\\\\\\\\\",
            "https://example.com/a?b=c&d=\"e\"#f",
            "😀 emoji and 𝄞 beyond the BMP, \u{2028}\u{2029}",
            "ÿÿÿÿÿÿÿÿÿÿÿÿ ¡¢£ 0x80 and up",
        ] {
            same(s);
            same(&s.repeat(7));
        }
    }

    #[test]
    fn numbers_as_serde_json_formats_them() {
        same(&[
            0.0,
            -0.0,
            1.5,
            1e21,
            1e-7,
            f64::MAX,
            f64::MIN_POSITIVE,
            0.1 + 0.2,
        ]);
        same(&[f64::NAN, f64::INFINITY, f64::NEG_INFINITY]);
        same(&[1.5f32, f32::NAN, 3.4e38]);
        same(&(i8::MIN, i16::MIN, i32::MIN, i64::MIN, i128::MIN));
        same(&(u8::MAX, u16::MAX, u32::MAX, u64::MAX, u128::MAX));
        same(&json!({"big": 18446744073709551615u64, "neg": -9223372036854775808i64}));
    }

    #[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
    enum Shape {
        Unit,
        Newtype(u8),
        Tuple(u8, String),
        Struct { a: Option<u8>, b: Vec<bool> },
    }

    #[derive(Serialize)]
    struct Outer<'a> {
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<u8>,
        none: Option<u8>,
        unit: (),
        shapes: Vec<Shape>,
        tuple: (u8, char, &'a str),
        #[serde(with = "serde_bytes_as_seq")]
        bytes: &'a [u8],
        map: BTreeMap<i32, Shape>,
        #[serde(flatten)]
        extra: BTreeMap<String, Value>,
    }

    mod serde_bytes_as_seq {
        pub fn serialize<S: serde::Serializer>(v: &&[u8], s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(v)
        }
    }

    #[test]
    fn structs_enums_maps_and_flatten() {
        let outer = Outer {
            skipped: None,
            none: None,
            unit: (),
            shapes: vec![
                Shape::Unit,
                Shape::Newtype(7),
                Shape::Tuple(1, "x\"".into()),
                Shape::Struct {
                    a: Some(2),
                    b: vec![true, false],
                },
                Shape::Struct { a: None, b: vec![] },
            ],
            tuple: (1, '\n', "鞋"),
            bytes: b"\x00\xff",
            map: BTreeMap::from([(-1, Shape::Unit), (2, Shape::Newtype(0))]),
            extra: BTreeMap::from([("k\u{1}".to_owned(), json!([{}, [], null]))]),
        };
        same(&outer);
        same(&BTreeMap::from([(true, 1)]));
        same(&BTreeMap::from([('c', 1)]));
        same(&BTreeMap::from([(Shape::Unit, 1)]));
    }

    #[test]
    fn keys_that_are_not_strings_fail_as_in_serde_json() {
        same(&BTreeMap::from([(vec![1], 1)]));
        same(&BTreeMap::from([(Shape::Newtype(1), 1)]));
        same(&BTreeMap::from([((), 1)]));
        same(&BTreeMap::from([(Some(1), 1)]));
        assert!(to_vec(&BTreeMap::from([(vec![1], 1)])).is_err());
    }

    /// What `serde_json::Number` and `RawValue` send when another crate of the build turns
    /// on `arbitrary_precision` or `raw_value`: a struct of that name whose one field holds
    /// the text to write as it is.
    struct Carrier(&'static str, &'static str);

    impl Serialize for Carrier {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeStruct;
            let mut st = s.serialize_struct(self.0, 1)?;
            st.serialize_field(self.0, self.1)?;
            st.end()
        }
    }

    #[test]
    fn serde_json_verbatim_carriers_are_written_as_their_text() {
        let number = Carrier("$serde_json::private::Number", "12345678901234567890.50");
        let raw = Carrier("$serde_json::private::RawValue", r#"{"a": "b\"c"}"#);
        let body = to_vec(&(number, raw, Carrier("Other", "x"))).expect("writes");
        assert_eq!(
            String::from_utf8_lossy(&body),
            r#"[12345678901234567890.50,{"a": "b\"c"},{"Other":"x"}]"#
        );
    }

    #[test]
    fn appends_to_what_is_there() {
        let mut out = b"x".to_vec();
        to_writer(&mut out, &json!({"a": 1})).expect("writes");
        assert_eq!(out, br#"x{"a":1}"#);
    }
}
