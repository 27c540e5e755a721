//! `format(url)` and `format(url, code = N)`, on a field and inside `each(...)`, in a crate
//! that denies missing docs and warnings like the generated crates do.
#![deny(missing_docs, warnings)]

use mpapi_runtime::Validate;

/// A link and its images.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, mpapi_derive::Validate)]
pub struct Link {
    /// The page, optional.
    #[serde(default)]
    #[validate(bytes(min = 1, max = 1024), format(url))]
    pub url: Option<String>,
    /// A required page, with a code.
    #[validate(format(url, code = 7))]
    pub page: String,
    /// Image links.
    #[validate(items(min = 1, max = 3), each(bytes(max = 1024), format(code = 8, url)))]
    pub images: Vec<String>,
}

fn main() {
    let mut v = Link {
        url: None,
        page: "https://shop.example.com:8443/p?id=1#top".into(),
        images: vec!["http://user@img.example.com/1.jpg".into()],
    };
    assert!(v.validate().is_ok());
    v.page = "https://shop.example.com/a[1]".into();
    v.images.push("ftp://img.example.com/2.jpg".into());
    let found = v.validate().err().map(|e| e.len());
    assert_eq!(found, Some(2));
}
