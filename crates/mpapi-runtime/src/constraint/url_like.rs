//! A hand-written matcher for the docs' URL pattern, used instead of the regex engine
//! because URL checks dominate validation time (an order carries dozens of links).
//!
//! The pattern (the WeChat user-order docs' link pattern, with its garbled escapes
//! repaired) is [`SOURCE`]. A differential test runs both over many generated strings.

/// The pattern this module decides, exactly as written in the specs.
pub const SOURCE: &str = r"^https?://([^\s/?#\[\]@]+@)?([^\s/?#@:]+)(?::\d{2,5})?([^\[\]]*)$";

fn host_char(c: char) -> bool {
    !(c.is_whitespace() || matches!(c, '/' | '?' | '#' | '@' | ':'))
}

fn userinfo_char(c: char) -> bool {
    !(c.is_whitespace() || matches!(c, '/' | '?' | '#' | '[' | ']' | '@'))
}

fn bracket(c: char) -> bool {
    matches!(c, '[' | ']')
}

/// `([^\s/?#@:]+)(?::\d{2,5})?([^\[\]]*)$` on `s`: a non-empty run of host characters
/// followed by bracket-free text. The optional port needs no case of its own: `:` and
/// digits are bracket-free, so the tail absorbs it.
fn host_then_tail(s: &str) -> bool {
    let host_end = s
        .char_indices()
        .find(|&(_, c)| !host_char(c))
        .map_or(s.len(), |(i, _)| i);
    if host_end == 0 {
        return false;
    }
    // Host characters may be brackets; the tail may not. The host can end anywhere inside
    // its maximal run, so there must be no bracket after that run.
    match s.char_indices().rev().find(|&(_, c)| bracket(c)) {
        None => true,
        Some((last_bracket, _)) => last_bracket < host_end,
    }
}

/// Whether `s` matches [`SOURCE`].
pub fn is_match(s: &str) -> bool {
    if s.is_ascii() {
        return is_match_ascii(s.as_bytes());
    }
    is_match_chars(s)
}

/// The same decision over ASCII bytes, where whitespace is the ASCII set (`\s` in the
/// regex is Unicode whitespace, of which only these are ASCII).
fn is_match_ascii(s: &[u8]) -> bool {
    let ws = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r');
    let host = |b: u8| !(ws(b) || matches!(b, b'/' | b'?' | b'#' | b'@' | b':'));
    let user = |b: u8| !(ws(b) || matches!(b, b'/' | b'?' | b'#' | b'[' | b']' | b'@'));
    let host_then_tail = |s: &[u8]| {
        let host_end = s.iter().position(|&b| !host(b)).unwrap_or(s.len());
        host_end > 0 && !s[host_end..].iter().any(|&b| b == b'[' || b == b']')
    };
    let rest = match s
        .strip_prefix(b"https://")
        .or_else(|| s.strip_prefix(b"http://"))
    {
        Some(rest) => rest,
        None => return false,
    };
    if host_then_tail(rest) {
        return true;
    }
    match rest.iter().position(|&b| b == b'@') {
        Some(at) if at > 0 && rest[..at].iter().all(|&b| user(b)) => {
            host_then_tail(&rest[at + 1..])
        }
        _ => false,
    }
}

fn is_match_chars(s: &str) -> bool {
    let Some(rest) = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
    else {
        return false;
    };
    if host_then_tail(rest) {
        return true;
    }
    // With user info: a non-empty run of user-info characters up to the first `@`
    // (user info cannot contain `@`, so only the first one can end it).
    match rest.find('@') {
        Some(at) if at > 0 && rest[..at].chars().all(userinfo_char) => {
            host_then_tail(&rest[at + 1..])
        }
        _ => false,
    }
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

    /// Runs the regex engine and the matcher over generated strings built from the
    /// characters that matter to the pattern; they must agree on every one.
    #[test]
    fn agrees_with_the_regex_engine() {
        let re = regex::Regex::new(SOURCE).expect("the pattern compiles");
        let pieces = [
            "https://", "http://", "h", "t", "p", "s", ":", "/", "//", "@", "[", "]", " ", "\t",
            "\n", "?", "#", "a", "Z", "0", "80", "8080", "123456", "é", "中", "\u{3000}", "\r",
            "\u{0B}", "\u{0C}", "\u{1C}", "\u{85}", "\u{A0}", ".", "-", "_", "%",
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
        for _ in 0..200_000 {
            let len = (next() % 9) as usize;
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
