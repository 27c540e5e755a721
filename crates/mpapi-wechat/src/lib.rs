//! WeChat bindings (in progress).
