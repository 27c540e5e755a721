//! Diagnostics (in progress).
