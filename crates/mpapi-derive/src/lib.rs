//! Derive macros (in progress).
