//! A loopback imitation of the WeChat and Baidu mini-program servers, driven by the
//! endpoint descriptions ([`EndpointInfo`]) that mpapi generates from its specs.
//!
//! The sandbox serves, on `127.0.0.1` only unless configured otherwise:
//!
//! - the token endpoints of both platforms, with WeChat's "a new token supersedes the old
//!   one" behaviour ([`tokens`](crate::SandboxConfig::token_grace));
//! - every configured endpoint at its real path, method and fixed query parameters: it
//!   checks the access token, validates the body with the endpoint's own validator and
//!   answers in the platform's envelope with the doc's error codes ([`reply`]);
//! - the server-side state the docs describe ([`orders`]);
//! - injected faults: system busy, latency, malformed bodies, dropped connections,
//!   expired tokens ([`Fault`], [`Faults`]).
//!
//! It never logs anything, and never puts a token or a secret in an answer other than the
//! token endpoints' own.
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
mod server;
mod service;
mod tokens;

pub use config::SandboxConfig;
pub use error::SandboxError;
pub use faults::{
    BAIDU_TOKEN, Fault, FaultRule, FaultScope, Faults, Malformation, WECHAT_STABLE_TOKEN,
    WECHAT_TOKEN,
};
pub use mpapi_runtime::EndpointInfo;
pub use server::{Sandbox, SandboxHandle, run_until_ctrl_c};
