//! Starting, observing and stopping a sandbox.

use std::collections::HashMap;
use std::fmt;
use std::io::Write;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use axum::Router;
use axum::extract::connect_info::MockConnectInfo;
use serde_json::Value;
use tokio::sync::oneshot;

use crate::config::SandboxConfig;
use crate::conn::{KillSwitch, KillableListener};
use crate::error::SandboxError;
use crate::faults::{FaultTable, Faults};
use crate::orders::OrderStore;
use crate::service::{Routes, Shared, dispatch};
use crate::tokens::{AppId, Platform, TokenStore};

/// The sandbox server.
///
/// The server runs on its own thread with its own single-threaded tokio runtime, so it
/// can be started from synchronous tests, from async tests of any runtime flavour, and
/// from a CLI alike.
///
/// ```no_run
/// use mpapi_sandbox::{Sandbox, SandboxConfig};
///
/// let handle = Sandbox::start(SandboxConfig::new(Vec::new()).wechat_app("wx1", "s"))?;
/// println!("{}", handle.base_url()); // http://127.0.0.1:PORT
/// handle.shutdown()?;
/// # Ok::<(), mpapi_sandbox::SandboxError>(())
/// ```
#[derive(Debug)]
pub struct Sandbox;

impl Sandbox {
    /// Binds the configured address (127.0.0.1, port 0 = a free port, by default) and
    /// starts answering in the background. Returns once the socket is bound, so the
    /// handle's [`base_url`](SandboxHandle::base_url) is ready for calls.
    pub fn start(config: SandboxConfig) -> Result<SandboxHandle, SandboxError> {
        let addr = SocketAddr::new(config.bind, config.port);
        let timeout = config.shutdown_timeout;
        let shared = shared(config)?;
        let listener = std::net::TcpListener::bind(addr)
            .and_then(|l| l.set_nonblocking(true).map(|()| l))
            .map_err(|source| SandboxError::Bind { addr, source })?;
        let local = listener
            .local_addr()
            .map_err(|source| SandboxError::Bind { addr, source })?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(SandboxError::Runtime)?;
        let (stop, stopped) = oneshot::channel();
        let server_shared = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("mpapi-sandbox".to_owned())
            .spawn(move || runtime.block_on(serve(listener, server_shared, stopped, timeout)))
            .map_err(SandboxError::Runtime)?;
        Ok(SandboxHandle {
            addr: local,
            base_url: format!("http://{local}"),
            shared,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// The sandbox's request handling as an [`axum::Router`], without a socket, a thread or
    /// a runtime of its own: a request handed to it (for instance with tower's
    /// `ServiceExt::oneshot`) is answered as the server of [`Sandbox::start`] answers it
    /// over HTTP, state and tokens included.
    ///
    /// `bind`, `port` and `shutdown_timeout` of the configuration are not used. Latency
    /// faults sleep on the caller's tokio runtime, which needs its timer enabled; a
    /// [`Fault::DropConnection`](crate::Fault::DropConnection) answers an empty `200`,
    /// there being no connection to cut.
    pub fn router(config: SandboxConfig) -> Result<Router, SandboxError> {
        Ok(Router::new()
            .fallback(dispatch)
            .with_state(shared(config)?)
            .layer(MockConnectInfo(KillSwitch::default())))
    }
}

/// The state every request handler shares, built from the configuration.
fn shared(config: SandboxConfig) -> Result<Arc<Shared>, SandboxError> {
    let routes = Routes::new(&config.endpoints)?;
    config.seed.check(&config.endpoints)?;
    let orders = OrderStore::new(&config.endpoints, &config.seed);
    let tokens = Arc::new(TokenStore::new(config.token_ttl, config.token_grace));
    let faults = Arc::new(FaultTable::new(config.faults));
    Ok(Arc::new(Shared {
        routes,
        wechat_apps: config.wechat_apps.into_iter().collect(),
        baidu_apps: config.baidu_apps.into_iter().collect(),
        tokens,
        faults,
        orders,
        calls: Mutex::new(HashMap::new()),
        body_limit: config.body_limit,
    }))
}

async fn serve(
    listener: std::net::TcpListener,
    shared: Arc<Shared>,
    stopped: oneshot::Receiver<()>,
    timeout: Duration,
) -> Result<(), SandboxError> {
    let listener = tokio::net::TcpListener::from_std(listener).map_err(SandboxError::Serve)?;
    let app = Router::new().fallback(dispatch).with_state(shared);
    let (drain, draining) = oneshot::channel::<()>();
    let server = axum::serve(
        KillableListener(listener),
        app.into_make_service_with_connect_info::<KillSwitch>(),
    )
    .with_graceful_shutdown(async move {
        let _ = draining.await;
    });
    let mut task = tokio::spawn(server.into_future());
    tokio::select! {
        // The server only ends by itself on an error.
        ended = &mut task => return finished(ended),
        // A dropped handle stops the server too.
        _ = stopped => {}
    }
    let _ = drain.send(());
    match tokio::time::timeout(timeout, &mut task).await {
        Ok(ended) => finished(ended),
        // Calls still running are cut when the runtime goes away.
        Err(_) => Ok(()),
    }
}

fn finished(
    ended: Result<std::io::Result<()>, tokio::task::JoinError>,
) -> Result<(), SandboxError> {
    match ended {
        Ok(result) => result.map_err(SandboxError::Serve),
        Err(_) => Err(SandboxError::ServerPanicked),
    }
}

/// A running sandbox: its address, its fault control, what it has seen; stops when
/// [`shutdown`](SandboxHandle::shutdown) is called or the handle is dropped.
pub struct SandboxHandle {
    addr: SocketAddr,
    base_url: String,
    shared: Arc<Shared>,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<Result<(), SandboxError>>>,
}

impl fmt::Debug for SandboxHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SandboxHandle")
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

impl SandboxHandle {
    /// `http://127.0.0.1:PORT`, without a trailing slash; endpoint paths go right after it.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The bound socket address.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The fault-injection control.
    pub fn faults(&self) -> Faults {
        Faults {
            table: Arc::clone(&self.shared.faults),
            tokens: Arc::clone(&self.shared.tokens),
        }
    }

    /// How many tokens were issued to the WeChat app `appid` (both token endpoints;
    /// a `stable_token` call that returned the current token does not count).
    pub fn wechat_token_issues(&self, appid: &str) -> u64 {
        self.shared.tokens.issue_count(&AppId {
            platform: Platform::WeChat,
            id: appid.to_owned(),
        })
    }

    /// How many tokens were issued to the Baidu app `client_id`.
    pub fn baidu_token_issues(&self, client_id: &str) -> u64 {
        self.shared.tokens.issue_count(&AppId {
            platform: Platform::Baidu,
            id: client_id.to_owned(),
        })
    }

    /// How many calls reached the endpoint `id` (or token pseudo id such as
    /// [`WECHAT_TOKEN`](crate::WECHAT_TOKEN)), whatever they were answered, faults included.
    pub fn calls(&self, id: &str) -> u64 {
        let calls = self
            .shared
            .calls
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        calls.get(id).copied().unwrap_or(0)
    }

    /// The last accepted request body stored for order `key` of app `app_id` at
    /// `endpoint_id` (key formats are listed in the [`orders`](crate::orders) table).
    pub fn stored_order(&self, endpoint_id: &str, app_id: &str, key: &str) -> Option<Value> {
        let platform = if endpoint_id.starts_with("baidu.") {
            Platform::Baidu
        } else {
            Platform::WeChat
        };
        let app = AppId {
            platform,
            id: app_id.to_owned(),
        };
        self.shared
            .orders
            .get(self.shared.routes.store_of(endpoint_id), &app, key)
    }

    /// How many orders are stored for `endpoint_id`, all apps together.
    pub fn stored_order_count(&self, endpoint_id: &str) -> usize {
        self.shared
            .orders
            .count(self.shared.routes.store_of(endpoint_id))
    }

    /// Stops accepting connections, lets calls in progress finish (up to
    /// [`SandboxConfig::shutdown_timeout`]) and waits for the server thread.
    ///
    /// This blocks the calling thread for that long at most; dropping the handle does the
    /// same and ignores the result. Calling it from async code is fine: the server runs
    /// on its own thread, so nothing it waits for needs the caller's runtime.
    pub fn shutdown(mut self) -> Result<(), SandboxError> {
        self.stop_and_join()
    }

    fn stop_and_join(&mut self) -> Result<(), SandboxError> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        match self.thread.take() {
            Some(thread) => thread.join().map_err(|_| SandboxError::ServerPanicked)?,
            None => Ok(()),
        }
    }
}

impl Drop for SandboxHandle {
    fn drop(&mut self) {
        let _ = self.stop_and_join();
    }
}

/// Runs a sandbox until Ctrl-C, for the `mpapi sandbox` command; blocks the caller.
///
/// Once the socket is bound it prints exactly one line to standard output,
/// `listening on http://127.0.0.1:PORT`, and flushes it; it prints nothing else, on
/// either stream. Must not be called from inside a tokio runtime (it starts its own to
/// wait for the signal).
pub fn run_until_ctrl_c(config: SandboxConfig) -> Result<(), SandboxError> {
    run_until(
        config,
        &mut std::io::stdout().lock(),
        tokio::signal::ctrl_c(),
    )
}

/// Runs a sandbox until `stop` completes; blocks the caller. [`run_until_ctrl_c`] is this
/// with standard output and Ctrl-C.
///
/// Once the socket is bound it writes exactly one line to `out`,
/// `listening on http://127.0.0.1:PORT`, and flushes it. `stop` is polled on a private
/// single-threaded tokio runtime, so it may use tokio's timers, signals and channels; an
/// error from it ends the sandbox and is returned as [`SandboxError::Signal`]. Must not be
/// called from inside a tokio runtime.
pub fn run_until<W, F>(config: SandboxConfig, out: &mut W, stop: F) -> Result<(), SandboxError>
where
    W: Write + ?Sized,
    F: Future<Output = std::io::Result<()>>,
{
    if tokio::runtime::Handle::try_current().is_ok() {
        return Err(SandboxError::InsideRuntime);
    }
    let handle = Sandbox::start(config)?;
    writeln!(out, "listening on {}", handle.base_url()).map_err(SandboxError::Output)?;
    out.flush().map_err(SandboxError::Output)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(SandboxError::Runtime)?;
    let stopped = runtime.block_on(stop).map_err(SandboxError::Signal);
    let shut = handle.shutdown();
    stopped.and(shut)
}
