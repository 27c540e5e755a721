//! Reading doc captures: sections, whitespace normalisation and the content hash.
//!
//! The hash is SHA-256 over the section's text with every line trimmed, runs of
//! whitespace inside a line collapsed to one space and blank lines dropped, the lines
//! joined by `\n`. Re-wrapping, indentation and trailing spaces therefore do not count as a
//! change; any change of a word, number or table cell does. SHA-256 is standard, stable
//! across platforms and tools (`sha256sum` can reproduce it on the normalised text) and has
//! no practical collisions, so an equal hash means an equal section.

use sha2::{Digest, Sha256};

/// A section of a capture: a `## HEADING` block, or the whole file.
#[derive(Clone, Debug)]
pub struct Section<'a> {
    /// The heading, for a `##` block.
    pub heading: Option<String>,
    /// The text, heading line included.
    pub text: &'a str,
    /// 1-based line of the first line of `text` in the file.
    pub first_line: usize,
}

/// Whether a capture is a structured one (Markdown parameter tables) whose facts can be read.
pub fn is_structured(file: &str) -> bool {
    file.ends_with(".md")
}

/// The text with every line trimmed, inner whitespace runs collapsed and blank lines dropped.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&words.join(" "));
    }
    out
}

/// SHA-256 of the normalised text, lowercase hex.
pub fn hash(text: &str) -> String {
    let digest = Sha256::digest(normalise(text).as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Every `## ` block of a file, in order (the preamble before the first is not one).
pub fn sections(text: &str) -> Vec<Section<'_>> {
    let mut starts: Vec<(usize, usize, String)> = Vec::new();
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if let Some(h) = line.strip_prefix("## ") {
            starts.push((offset, i + 1, h.trim().to_owned()));
        }
        offset += line.len();
    }
    let mut out = Vec::new();
    for (k, (start, line, heading)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map(|s| s.0).unwrap_or(text.len());
        out.push(Section {
            heading: Some(heading.clone()),
            text: &text[*start..end],
            first_line: *line,
        });
    }
    out
}

/// Whether the file holds several endpoints, each under a `## ` heading with its
/// `- Official page:` line.
pub fn is_multi_endpoint(text: &str) -> bool {
    sections(text)
        .iter()
        .any(|s| official_url(s.text).is_some())
}

/// The endpoint sections of a multi-endpoint file.
pub fn endpoint_sections(text: &str) -> Vec<Section<'_>> {
    sections(text)
        .into_iter()
        .filter(|s| official_url(s.text).is_some())
        .collect()
}

/// Why a section could not be found.
#[derive(Debug, PartialEq, Eq)]
pub enum SectionError {
    /// No `## HEADING` block has this heading.
    Missing,
    /// Several have it.
    Ambiguous(usize),
}

/// The `## heading` block, or the whole file without a heading.
pub fn find_section<'a>(text: &'a str, heading: Option<&str>) -> Result<Section<'a>, SectionError> {
    let Some(heading) = heading else {
        return Ok(Section {
            heading: None,
            text,
            first_line: 1,
        });
    };
    let wanted = normalise(heading);
    let found: Vec<Section<'a>> = sections(text)
        .into_iter()
        .filter(|s| s.heading.as_deref().map(normalise).as_deref() == Some(wanted.as_str()))
        .collect();
    match found.len() {
        0 => Err(SectionError::Missing),
        1 => Ok(found.into_iter().next().ok_or(SectionError::Missing)?),
        n => Err(SectionError::Ambiguous(n)),
    }
}

/// The first `http(s)://` URL on the section's `Official page` line.
pub fn official_url(text: &str) -> Option<String> {
    text.lines()
        .filter(|l| l.trim_start().starts_with("- Official page"))
        .find_map(first_url)
}

/// The method and URL of the section's `HTTP request` line (`POST https://...`).
pub fn http_request(text: &str) -> Option<(String, String, bool)> {
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("- HTTP request"))?;
    let inferred = line.contains("(inferred)");
    let code = line.split('`').nth(1)?;
    let mut parts = code.split_whitespace();
    let method = parts.next()?.to_owned();
    let url = parts.next()?.to_owned();
    Some((method, url, inferred))
}

/// The id the capture proposes (`- Proposed endpoint id: `x.y.z``).
pub fn proposed_id(text: &str) -> Option<String> {
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("- Proposed endpoint id"))?;
    line.split('`').nth(1).map(str::to_owned)
}

fn first_url(line: &str) -> Option<String> {
    let start = line.find("https://").or_else(|| line.find("http://"))?;
    let url: String = line[start..]
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != ')' && *c != '`')
        .collect();
    Some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalising_ignores_layout_but_not_words() {
        assert_eq!(normalise("  a   b \n\n\tc  \n"), "a b\nc");
        assert_eq!(hash("a  b\n\nc"), hash("a b\nc\n"));
        assert_ne!(hash("a b c"), hash("a b\nc"));
        assert_ne!(hash("限制: [1, 128]"), hash("限制: [1, 64]"));
        // The hash of the empty text is SHA-256's well-known value.
        assert_eq!(
            hash(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn sections_split_at_level_two_headings() {
        let text = "# T\npre\n## A\n- Official page: https://x/a.html\n### sub\nx\n## B\ny\n";
        let s = sections(text);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].heading.as_deref(), Some("A"));
        assert_eq!(s[0].first_line, 3);
        assert!(s[0].text.contains("### sub"));
        assert!(!s[0].text.contains("## B"));
        assert!(is_multi_endpoint(text));
        assert_eq!(official_url(s[0].text).as_deref(), Some("https://x/a.html"));
        assert_eq!(find_section(text, Some("B")).map(|s| s.first_line), Ok(7));
        assert_eq!(
            find_section(text, Some("C")).map(|s| s.first_line),
            Err(SectionError::Missing)
        );
        let twice = "## A\nx\n## A\ny\n";
        assert_eq!(
            find_section(twice, Some("A")).map(|s| s.first_line),
            Err(SectionError::Ambiguous(2))
        );
    }
}
