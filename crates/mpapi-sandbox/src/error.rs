//! The errors of starting, running and stopping a sandbox.

use std::io;
use std::net::SocketAddr;

/// Why a sandbox could not start, run or stop cleanly.
#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    /// The listening socket could not be bound (port taken, address not local, ...).
    #[error("cannot bind the sandbox to {addr}: {source}")]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// The operating system's error.
        source: io::Error,
    },
    /// The server's runtime or thread could not be created.
    #[error("cannot start the sandbox runtime: {0}")]
    Runtime(#[source] io::Error),
    /// The HTTP server stopped with an I/O error.
    #[error("the sandbox server failed: {0}")]
    Serve(#[source] io::Error),
    /// The server thread panicked.
    #[error("the sandbox server thread panicked")]
    ServerPanicked,
    /// Two configured endpoints answer the same method, path and fixed query parameters.
    #[error(
        "endpoints {first} and {second} are both served at {method} {path} with the same fixed query"
    )]
    DuplicateRoute {
        /// The id of the endpoint configured first.
        first: &'static str,
        /// The id of the endpoint configured later.
        second: &'static str,
        /// The shared HTTP method.
        method: &'static str,
        /// The shared path.
        path: &'static str,
    },
    /// A configured endpoint sits where the sandbox serves a token endpoint.
    #[error("endpoint {id} uses the path {path}, which the sandbox reserves for tokens")]
    ReservedPath {
        /// The endpoint's id.
        id: &'static str,
        /// The reserved path.
        path: &'static str,
    },
    /// Writing the "listening on" line to standard output failed.
    #[error("cannot write to standard output: {0}")]
    Output(#[source] io::Error),
    /// [`run_until`](crate::run_until) was called on a thread that is running a tokio
    /// runtime, where it cannot block.
    #[error("run_until cannot block inside a tokio runtime; use Sandbox::start instead")]
    InsideRuntime,
    /// The seed does not fit the endpoints' seed declarations.
    #[error("{0}")]
    Seed(#[from] crate::seed::SeedError),
    /// Waiting for Ctrl-C failed.
    #[error("cannot wait for Ctrl-C: {0}")]
    Signal(#[source] io::Error),
}
