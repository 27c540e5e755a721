//! A hand-written matcher for the docs' URL pattern, used instead of the regex engine
//! because URL checks dominate validation time (an order carries dozens of links).
//!
//! The pattern (the WeChat user-order docs' link pattern, with its garbled escapes
//! repaired) is [`SOURCE`]. A differential test runs both over many generated strings.

use crate::words;

/// The pattern this module decides, exactly as written in the specs.
pub const SOURCE: &str = r"^https?://([^\s/?#\[\]@]+@)?([^\s/?#@:]+)(?::\d{2,5})?([^\[\]]*)$";

/// Ends a host run: ASCII whitespace and `/ ? # @ :` (the byte classes are bits of
/// [`CLASS`]).
const HOST_STOP: u8 = 1;
/// Ends a user-info run: ASCII whitespace and `/ ? # [ ] @`.
const USER_STOP: u8 = 2;
/// A byte of a non-ASCII character: whether it ends a run depends on the character
/// (`\s` is Unicode whitespace), so the character is decoded.
const NON_ASCII: u8 = 4;

/// The class of every byte: [`HOST_STOP`] for what ends a host run (ASCII whitespace and
/// `/ ? # @ :`), [`USER_STOP`] for what ends a user-info run, and [`NON_ASCII`] together
/// with both stop bits for the bytes of non-ASCII characters.
static CLASS: [u8; 256] = {
    let mut class = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        let ws = matches!(c, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r');
        let mut bits = 0;
        if ws || matches!(c, b'/' | b'?' | b'#' | b'@' | b':') {
            bits |= HOST_STOP;
        }
        if ws || matches!(c, b'/' | b'?' | b'#' | b'[' | b']' | b'@') {
            bits |= USER_STOP;
        }
        if c >= 0x80 {
            bits |= HOST_STOP | USER_STOP | NON_ASCII;
        }
        class[b] = bits;
        b += 1;
    }
    class
};

/// The end of the run that starts at byte `i` of `s` and stops before the first
/// character of class `stop` (a non-ASCII character stops it only when it is whitespace).
/// `i` must be a character boundary; the result is one too.
#[inline]
fn run_end(s: &str, mut i: usize, stop: u8) -> usize {
    let bytes = s.as_bytes();
    while let Some(&b) = bytes.get(i) {
        let class = CLASS[usize::from(b)];
        if class & stop == 0 {
            i += 1;
            continue;
        }
        if class & NON_ASCII != 0
            && let Some(c) = s.get(i..).and_then(|rest| rest.chars().next())
            && !c.is_whitespace()
        {
            i += c.len_utf8();
            continue;
        }
        break;
    }
    i
}

/// Whether `bytes` holds no `[` or `]`. Byte-wise is exact on UTF-8: the bytes of
/// non-ASCII characters are all 0x80 or above. Eight bytes at a time (URL paths are
/// mostly shorter than a vector register, where a vectorised loop would run its scalar
/// tail).
#[inline]
fn bracket_free(bytes: &[u8]) -> bool {
    let has_bracket = |word: u64| {
        (words::bytes_equal(word, b'[') | words::bytes_equal(word, b']')) & words::HIGHS != 0
    };
    !words::any_word(bytes, has_bracket, |short| {
        short.iter().any(|&b| b == b'[' || b == b']')
    })
}

/// `([^\s/?#@:]+)(?::\d{2,5})?([^\[\]]*)$` on `s` from byte `start`: a non-empty run of
/// host characters followed by bracket-free text. The optional port needs no case of its
/// own: `:` and digits are bracket-free, so the tail absorbs it. Host characters may be
/// brackets and the tail may not, and the host can end anywhere inside its maximal run, so
/// it suffices that nothing after that run is a bracket.
#[inline]
fn host_then_tail(s: &str, start: usize) -> bool {
    let host_end = run_end(s, start, HOST_STOP);
    host_end > start && bracket_free(s.as_bytes().get(host_end..).unwrap_or_default())
}

/// Whether `s` matches [`SOURCE`].
///
/// One pass over the bytes in the usual case (no user info): the scheme, the host run,
/// then a bracket scan of the rest. Non-ASCII characters are decoded only where they
/// could end a run (Unicode whitespace).
#[inline]
pub fn is_match(s: &str) -> bool {
    let rest = match s.as_bytes() {
        [b'h', b't', b't', b'p', b's', b':', b'/', b'/', ..] => s.get(8..),
        [b'h', b't', b't', b'p', b':', b'/', b'/', ..] => s.get(7..),
        _ => None,
    };
    let Some(rest) = rest else { return false };
    if host_then_tail(rest, 0) {
        return true;
    }
    // With user info: a non-empty run of user-info characters ending at an `@` (user info
    // cannot contain `@`, so only the first one can end it), then host and tail.
    let user_end = run_end(rest, 0, USER_STOP);
    user_end > 0
        && rest.as_bytes().get(user_end) == Some(&b'@')
        && host_then_tail(rest, user_end + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_examples() {
        assert!(is_match("https://www.weixin.qq.com/wxpay/pay.php"));
        assert!(is_match("https://qpic.cn/xxx"));
        assert!(is_match("http://user@host:8080/a?b#c"));
        assert!(!is_match("ftp://x"));
        assert!(!is_match("https://"));
        assert!(!is_match("https:///path"));
        assert!(!is_match("https://host/[x]"));
    }

    /// A bracket anywhere after the host, in a tail of every length up to past three
    /// words, is seen whichever word (or overlapping last word) holds it.
    #[test]
    fn a_bracket_at_every_position_of_the_tail() {
        for len in 0..30 {
            let tail: String = "abcdefghijklmnopqrstuvwxyz0123".chars().take(len).collect();
            assert!(is_match(&format!("https://qpic.cn/{tail}")), "{tail}");
            for at in 0..len {
                for bracket in ["[", "]"] {
                    let mut bad = tail.clone();
                    bad.replace_range(at..=at, bracket);
                    assert!(!is_match(&format!("https://qpic.cn/{bad}")), "{bad}");
                }
            }
        }
    }

    /// Runs the regex engine and the matcher over generated strings built from the
    /// characters that matter to the pattern; they must agree on every one.
    #[test]
    fn agrees_with_the_regex_engine() {
        let re = regex::Regex::new(SOURCE).expect("the pattern compiles");
        let pieces = [
            "https://",
            "http://",
            "h",
            "t",
            "p",
            "s",
            ":",
            "/",
            "//",
            "@",
            "[",
            "]",
            " ",
            "\t",
            "\n",
            "?",
            "#",
            "a",
            "Z",
            "0",
            "80",
            "8080",
            "123456",
            "é",
            "中",
            "\u{3000}",
            "\r",
            "\u{0B}",
            "\u{0C}",
            "\u{1C}",
            "\u{85}",
            "\u{A0}",
            ".",
            "-",
            "_",
            "%",
            // Added with the one-pass matcher: more Unicode whitespace (inside and outside
            // the host), user info with a password, schemes in other cases or cut short,
            // long runs (past any word-at-a-time step) and bracket look-alikes.
            "\u{1680}",
            "\u{2028}",
            "\u{2029}",
            "\u{205F}",
            "\u{FEFF}",
            "\u{200B}",
            "user:pw@",
            "@@",
            "HTTP://",
            "http:/",
            "https:",
            "abcdefghijklmnop",
            "0123456789abcdef",
            "{",
            "}",
            "\\",
            "（",
            "［",
            "］",
            "\u{7F}",
        ];
        // A small xorshift generator: deterministic, no dependency.
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut matched = 0;
        for _ in 0..400_000 {
            let len = (next() % 12) as usize;
            let mut s = String::new();
            if next() % 3 != 0 {
                s.push_str(if next() % 2 == 0 {
                    "https://"
                } else {
                    "http://"
                });
            }
            for _ in 0..len {
                s.push_str(pieces[(next() % pieces.len() as u64) as usize]);
            }
            let want = re.is_match(&s);
            assert_eq!(is_match(&s), want, "disagreement on {s:?}");
            matched += usize::from(want);
        }
        assert!(
            matched > 10_000,
            "the generated strings should exercise matches too ({matched})"
        );
    }
}
