//! The `mpapi` command's integration tests, in one test binary: one link instead of one per file.
//!
//! Each module was a test file of its own; add a new one as a module here.

mod common;

mod cli;
mod schema;
mod strict;
mod token_store;
mod tokens;
