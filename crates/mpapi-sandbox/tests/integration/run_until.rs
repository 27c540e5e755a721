//! The blocking entry point the CLI uses.

use crate::common;

use std::io::{self, Write};
use std::sync::mpsc;

use common::*;
use serde_json::json;

/// Forwards every written line to a channel.
struct Lines(mpsc::Sender<String>, Vec<u8>);

impl Write for Lines {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.1.extend_from_slice(buf);
        while let Some(end) = self.1.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = self.1.drain(..=end).collect();
            let _ = self.0.send(String::from_utf8_lossy(&line).into_owned());
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn run_until_prints_one_line_serves_and_stops() {
    let (line_tx, line_rx) = mpsc::channel();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let runner = std::thread::spawn(move || {
        let mut out = Lines(line_tx, Vec::new());
        mpapi_sandbox::run_until(config(), &mut out, async move {
            let _ = stop_rx.await;
            Ok(())
        })
    });
    let line = line_rx.recv().expect("the listening line is written");
    let base = line
        .strip_prefix("listening on ")
        .and_then(|rest| rest.strip_suffix('\n'))
        .expect("the line is `listening on URL`")
        .to_owned();
    assert!(base.starts_with("http://127.0.0.1:"), "{line}");

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a test runtime");
    let answer = runtime.block_on(get(&format!(
        "{base}/cgi-bin/token?grant_type=client_credential&appid={WX_APP}&secret=wrong"
    )));
    assert_eq!(answer.json()["errcode"], json!(40125));

    stop_tx.send(()).expect("the sandbox is still waiting");
    let result = runner.join().expect("the runner thread ends");
    assert!(result.is_ok(), "{result:?}");
    assert!(line_rx.try_recv().is_err(), "nothing else was written");
    assert!(
        runtime
            .block_on(try_post(&format!("{base}/mall/importorder"), "{}"))
            .is_err()
    );
}

#[test]
fn an_error_from_the_stop_future_is_reported() {
    let mut out = Vec::new();
    let result = mpapi_sandbox::run_until(config(), &mut out, async {
        Err(io::Error::other("no signal handler"))
    });
    assert!(
        matches!(result, Err(mpapi_sandbox::SandboxError::Signal(_))),
        "{result:?}"
    );
    assert!(String::from_utf8_lossy(&out).starts_with("listening on http://127.0.0.1:"));
}

#[tokio::test]
async fn run_until_refuses_to_block_inside_a_runtime() {
    let mut out = Vec::new();
    let result = mpapi_sandbox::run_until(config(), &mut out, async { Ok(()) });
    assert!(
        matches!(result, Err(mpapi_sandbox::SandboxError::InsideRuntime)),
        "{result:?}"
    );
    assert!(out.is_empty(), "nothing is printed when nothing is served");
}
