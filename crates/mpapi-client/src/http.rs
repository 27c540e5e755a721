//! Small pieces of HTTP plumbing shared by the client and the token providers.

use std::time::Duration;

use crate::{BuildError, TransportError};

/// Builds the HTTP client: rustls, the given timeouts, no proxy lookups from the
/// environment beyond reqwest's defaults.
pub(crate) fn build_client(
    timeout: Duration,
    connect_timeout: Duration,
) -> Result<reqwest::Client, BuildError> {
    reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(connect_timeout)
        .build()
        .map_err(|e| BuildError::Http(TransportError::from_reqwest(e, &[])))
}

/// Checks that `url` is an absolute http(s) URL and returns it without a trailing `/`.
pub(crate) fn check_base_url(url: &str) -> Result<String, BuildError> {
    let invalid = |reason: String| BuildError::InvalidBaseUrl {
        url: url.to_owned(),
        reason,
    };
    let parsed = reqwest::Url::parse(url).map_err(|e| invalid(e.to_string()))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(invalid(format!(
            "scheme {:?} is not http or https",
            parsed.scheme()
        )));
    }
    if parsed.query().is_some() {
        return Err(invalid("a base URL carries no query".to_owned()));
    }
    Ok(url.trim_end_matches('/').to_owned())
}

/// Reads the body, keeping at most `max` bytes; the flag says whether more was sent.
pub(crate) async fn read_limited(
    mut resp: reqwest::Response,
    max: usize,
) -> Result<(Vec<u8>, bool), reqwest::Error> {
    let mut body = Vec::new();
    while let Some(chunk) = resp.chunk().await? {
        let room = max - body.len();
        if chunk.len() > room {
            body.extend_from_slice(&chunk[..room]);
            return Ok((body, true));
        }
        body.extend_from_slice(&chunk);
    }
    Ok((body, false))
}
