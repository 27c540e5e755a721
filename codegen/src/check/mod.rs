//! Semantic checks over a loaded spec set (in progress).
