//! The generator's integration tests, in one test binary: one link instead of one per file.
//!
//! Each module was a test file of its own; add a new one as a module here.

mod check_diagnostics;
mod constructs;
mod determinism;
mod doc_sources;
mod emit_bound_codes;
mod exports;
mod load_errors;
mod load_ok;
mod load_real;
mod obstacle;
mod surface_diagnostics;
