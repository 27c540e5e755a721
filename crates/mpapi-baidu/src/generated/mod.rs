//! Generated bindings (run `cargo xtask gen`).
