//! mpapi-client's integration tests, in one test binary: one link instead of one per file.
//!
//! Each module was a test file of its own; add a new one as a module here.

mod common;

mod call;
mod no_token;
mod redaction;
mod redis_store;
mod tokens;
mod tracing_output;
