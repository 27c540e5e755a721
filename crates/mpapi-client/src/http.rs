//! Small pieces of HTTP plumbing shared by the client and the token providers.

use std::sync::Arc;
use std::time::Duration;

use rustls_platform_verifier::BuilderVerifierExt;

use crate::{BuildError, TransportError};

/// Builds the HTTP client: rustls with ring, the given timeouts, no proxy lookups from
/// the environment beyond reqwest's defaults.
pub(crate) fn build_client(
    timeout: Duration,
    connect_timeout: Duration,
) -> Result<reqwest::Client, BuildError> {
    reqwest::Client::builder()
        .tls_backend_preconfigured(tls_config()?)
        .timeout(timeout)
        .connect_timeout(connect_timeout)
        .build()
        .map_err(|e| BuildError::Http(TransportError::from_reqwest(e, &[])))
}

/// The TLS settings reqwest would choose itself (TLS 1.2 and 1.3, the system's roots
/// through rustls-platform-verifier, ALPN `http/1.1` as the client speaks HTTP/1 only),
/// with ring as the crypto provider. The provider is given to this config alone: no
/// process-wide default is installed, so an application stays free to install its own.
fn tls_config() -> Result<rustls::ClientConfig, BuildError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .and_then(|builder| builder.with_platform_verifier())
        .map_err(|e| BuildError::Http(TransportError::tls_setup(&e)))?
        .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clients_get_ring_without_a_process_default() {
        let config = tls_config().expect("the system has root certificates");
        let ring = rustls::crypto::ring::default_provider();
        let suites = |p: &rustls::crypto::CryptoProvider| {
            p.cipher_suites
                .iter()
                .map(|s| s.suite())
                .collect::<Vec<_>>()
        };
        assert_eq!(suites(config.crypto_provider()), suites(&ring));
        assert_eq!(config.alpn_protocols, vec![b"http/1.1".to_vec()]);

        build_client(Duration::from_secs(1), Duration::from_secs(1))
            .expect("reqwest takes the preconfigured rustls config");
        // Nothing process-wide: an application keeps the choice of its default provider.
        assert!(rustls::crypto::CryptoProvider::get_default().is_none());
    }
}
