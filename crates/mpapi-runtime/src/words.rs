//! Eight bytes at a time: the word tests shared by the JSON writer's escape scan and the
//! URL matcher's bracket scan, which both ask whether a short string holds any byte of a
//! small set.

/// `0x01` in every byte.
pub(crate) const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
/// `0x80` in every byte.
pub(crate) const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);

/// The bytes of `word` that are zero have their high bit set in the result (and a byte
/// above a zero byte may too, from the borrow; bytes of 0x80 and up never): nonzero under
/// [`HIGHS`] exactly when a byte is zero.
#[inline(always)]
pub(crate) const fn zero_bytes(word: u64) -> u64 {
    word.wrapping_sub(ONES) & !word
}

/// The bytes of `word` equal to `byte`, flagged as by [`zero_bytes`].
#[inline(always)]
pub(crate) const fn bytes_equal(word: u64, byte: u8) -> u64 {
    zero_bytes(word ^ (ONES * byte as u64))
}

/// Whether `word_hits` holds for a word of `bytes`, read eight bytes at a time with the
/// last word overlapping the one before it; a slice shorter than a word goes to
/// `short_hits` instead. Short strings are the common case of both users, where a
/// vectorised loop would spend its time in its scalar tail.
#[inline(always)]
pub(crate) fn any_word(
    bytes: &[u8],
    word_hits: impl Fn(u64) -> bool,
    short_hits: impl Fn(&[u8]) -> bool,
) -> bool {
    let word = |at: usize| {
        bytes.get(at..at + 8).map_or(0, |w| {
            u64::from_ne_bytes(w.try_into().expect("eight bytes"))
        })
    };
    if bytes.len() < 8 {
        return short_hits(bytes);
    }
    let mut at = 0;
    while at + 8 < bytes.len() {
        if word_hits(word(at)) {
            return true;
        }
        at += 8;
    }
    word_hits(word(bytes.len() - 8))
}
