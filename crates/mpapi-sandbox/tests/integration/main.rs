//! The sandbox's integration tests, in one test binary: one link instead of one per file.
//!
//! Each module was a test file of its own; add a new one as a module here.

mod common;

mod endpoints;
mod faults;
mod real_endpoints;
mod router;
mod run_until;
mod state;
mod strict_bodies;
mod tokens;
