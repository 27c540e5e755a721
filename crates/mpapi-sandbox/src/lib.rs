//! A loopback imitation of the WeChat and Baidu mini-program servers, driven by the
//! endpoint descriptions ([`EndpointInfo`]) that mpapi generates from its specs.
//!
//! The sandbox serves, on `127.0.0.1` only unless configured otherwise:
//!
//! - the token endpoints of both platforms, with WeChat's "a new token supersedes the old
//!   one" behaviour (see [below](#token-endpoints));
//! - every configured endpoint at its real path, method and fixed query parameters: it
//!   checks the access token, validates the URL query parameters and the body (an
//!   endpoint without a body, a `GET`, is answered without reading one) with the
//!   endpoint's own validators and answers in the platform's envelope with the doc's error
//!   codes ([`reply`]); a call to an endpoint's path without its fixed query parameters
//!   gets the endpoint's generic parameter error in the envelope, not a 404;
//! - the server-side state the docs describe, as each spec's `sandbox:` block declares it
//!   ([`orders`]): keyed stores per app, checks with the doc's codes, states that other
//!   endpoints change and read, lists paged like the real ones, records the stores start
//!   with from a seed file ([`Seed`], e.g. the payments that exist);
//! - a limit on the size of a request body ([`SandboxConfig::body_limit`], default
//!   [`DEFAULT_BODY_LIMIT`], 8 MiB): a larger body is answered in the platform's error
//!   envelope with a message giving its size and the limit, not with a bare HTTP 413 or a
//!   closed connection;
//! - injected faults: system busy, latency, malformed bodies, dropped connections,
//!   expired tokens ([`Fault`], [`Faults`]).
//!
//! An endpoint that describes a token route itself (e.g. `GET /cgi-bin/token`) is left to
//! the token endpoints above.
//!
//! # Token endpoints
//!
//! - WeChat `GET /cgi-bin/token?grant_type=client_credential&appid=&secret=` and
//!   `POST /cgi-bin/stable_token` (`{grant_type, appid, secret, force_refresh}`) answer
//!   `{access_token, expires_in}`; errors: 40002 wrong grant_type, 41002 appid missing,
//!   41004 secret missing, 40013 unknown appid, 40125 wrong secret, 47001 body not JSON
//!   (stable_token).
//! - Baidu `GET|POST /oauth/2.0/token?grant_type=client_credentials&client_id=&client_secret=&scope=`
//!   (parameters in the query, or form-encoded in a POST body) answers
//!   `{access_token, expires_in, refresh_token, scope, session_key, session_secret}`;
//!   errors are `{error, error_description}`: HTTP 400 `unsupported_grant_type`, 400
//!   `invalid_request` (client_id or secret missing), 401 `invalid_client` (unknown
//!   client or wrong secret).
//!
//!
//! A WeChat `client_credential` refresh (`/cgi-bin/token`) supersedes the app's previous
//! token after [`SandboxConfig::token_grace`] (default 5 minutes, as on the platform);
//! `stable_token` without `force_refresh` returns the app's current token and retires
//! nothing; `stable_token` with `force_refresh: true` issues a new token and the previous
//! one stops working at once. Both WeChat token endpoints share one token per app (the
//! real platform keeps them apart). Baidu tokens are never superseded, they only expire.
//!
//! # Secrets
//!
//! The sandbox never logs anything, and never puts a token or a secret in an answer other
//! than the token endpoints' own (unknown routes answer 404 without echoing the URL).
//!
//! # Example
//!
//! ```no_run
//! use mpapi_sandbox::{Fault, FaultScope, Sandbox, SandboxConfig};
//! # static ENDPOINTS: &[&mpapi_runtime::EndpointInfo] = &[];
//!
//! let config = SandboxConfig::new(ENDPOINTS.to_vec()).wechat_app("wx1", "secret");
//! let sandbox = Sandbox::start(config)?;
//! // GET {base}/cgi-bin/token?grant_type=client_credential&appid=wx1&secret=secret
//! let base = sandbox.base_url();
//! sandbox.faults().inject(FaultScope::All, Fault::SystemBusy, 1);
//! # let _ = base;
//! sandbox.shutdown()?;
//! # Ok::<(), mpapi_sandbox::SandboxError>(())
//! ```
#![deny(missing_docs)]

mod config;
mod conn;
mod error;
mod faults;
pub mod orders;
pub mod reply;
pub mod seed;
mod server;
mod service;
mod tokens;

pub use config::{DEFAULT_BODY_LIMIT, SandboxConfig};
pub use error::SandboxError;
pub use faults::{
    BAIDU_TOKEN, Fault, FaultRule, FaultScope, Faults, Malformation, WECHAT_STABLE_TOKEN,
    WECHAT_TOKEN,
};
pub use mpapi_runtime::EndpointInfo;
pub use seed::{Seed, SeedError};
pub use server::{Sandbox, SandboxHandle, run_until, run_until_ctrl_c};
