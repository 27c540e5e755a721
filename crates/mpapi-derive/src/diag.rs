//! Collects every error found in one derive input, so they are all reported together.

use std::fmt::Display;

use proc_macro2::{Span, TokenStream};

/// The errors found so far in one derive input.
#[derive(Default)]
pub(crate) struct Diagnostics {
    errors: Option<syn::Error>,
}

impl Diagnostics {
    /// Records an error that was already built.
    pub(crate) fn push(&mut self, error: syn::Error) {
        match &mut self.errors {
            Some(errors) => errors.combine(error),
            None => self.errors = Some(error),
        }
    }

    /// Records `message` at `span`.
    pub(crate) fn error(&mut self, span: Span, message: impl Display) {
        self.push(syn::Error::new(span, message));
    }

    /// Records `message` over the whole of `tokens`.
    pub(crate) fn error_spanned(&mut self, tokens: impl quote::ToTokens, message: impl Display) {
        self.push(syn::Error::new_spanned(tokens, message));
    }

    /// `Err` with every recorded error, or `Ok` when there are none.
    pub(crate) fn finish(self) -> Result<(), syn::Error> {
        match self.errors {
            Some(errors) => Err(errors),
            None => Ok(()),
        }
    }
}

/// Turns the outcome of a derive into tokens: the expansion, or every error.
pub(crate) fn into_tokens(result: Result<TokenStream, syn::Error>) -> TokenStream {
    result.unwrap_or_else(syn::Error::into_compile_error)
}

/// The closest of `candidates` to `given`, if it is close enough to be a likely typo.
pub(crate) fn suggest<'a>(given: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(given, c), *c))
        .filter(|(d, c)| *d <= 2 && *d < c.len())
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance over characters; the inputs are short attribute keys.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = Vec::with_capacity(b.len() + 1);
        cur.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            let del = prev[j + 1] + 1;
            let ins = cur[j] + 1;
            cur.push(sub.min(del).min(ins));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// "`a`, `b` or `c`" style hint suffix: " (did you mean `x`?)" when a close match exists.
pub(crate) fn did_you_mean(given: &str, candidates: &[&str]) -> String {
    match suggest(given, candidates) {
        Some(s) => format!("; did you mean `{s}`?"),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_keys_only() {
        let keys = ["bytes", "chars", "items"];
        assert_eq!(suggest("byts", &keys), Some("bytes"));
        assert_eq!(suggest("itemz", &keys), Some("items"));
        assert_eq!(suggest("zzzzzz", &keys), None);
    }
}
