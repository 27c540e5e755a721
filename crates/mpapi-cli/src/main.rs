//! `mpapi`: list the endpoints mpapi knows and validate request bodies against their specs.
//!
//! Exit codes: 0 success (valid), 1 the body has violations, 2 usage errors, unreadable
//! files, malformed JSON or unknown endpoints.

use std::io::Read;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use mpapi_runtime::EndpointInfo;

#[derive(Parser)]
#[command(
    name = "mpapi",
    version,
    about = "Typed, validated mini-program API bindings: inspect and validate requests"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List every endpoint id with its method and URL.
    Endpoints,
    /// Validate a JSON request body; prints one JSON object per violation on stdout.
    Validate {
        /// Endpoint id, `platform.group.name` (see `mpapi endpoints`).
        endpoint: String,
        /// File holding the JSON request body, or `-` for standard input.
        file: String,
    },
}

/// Every endpoint of every platform crate, in a stable order.
fn all_endpoints() -> impl Iterator<Item = &'static EndpointInfo> {
    mpapi_wechat::ENDPOINTS
        .iter()
        .chain(mpapi_baidu::ENDPOINTS.iter())
        .copied()
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Endpoints => {
            for e in all_endpoints() {
                println!("{}\t{}\t{}", e.id, e.method, e.url());
            }
            ExitCode::SUCCESS
        }
        Command::Validate { endpoint, file } => validate(&endpoint, &file),
    }
}

fn usage_error(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}

fn validate(id: &str, file: &str) -> ExitCode {
    let Some(endpoint) = all_endpoints().find(|e| e.id == id) else {
        let known: Vec<&str> = all_endpoints().map(|e| e.id).collect();
        return usage_error(format_args!(
            "unknown endpoint `{id}`; known endpoints: {} (see `mpapi endpoints`)",
            known.join(", ")
        ));
    };
    let text = if file == "-" {
        let mut s = String::new();
        match std::io::stdin().read_to_string(&mut s) {
            Ok(_) => s,
            Err(e) => return usage_error(format_args!("cannot read standard input: {e}")),
        }
    } else {
        match std::fs::read_to_string(file) {
            Ok(s) => s,
            Err(e) => return usage_error(format_args!("cannot read {file}: {e}")),
        }
    };
    let value: serde_json::Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            return usage_error(format_args!(
                "{file} is not valid JSON (line {}, column {}): {e}",
                e.line(),
                e.column()
            ));
        }
    };
    match (endpoint.validate_request)(&value) {
        Ok(()) => {
            eprintln!("valid: the body satisfies every constraint and rule of {id}");
            ExitCode::SUCCESS
        }
        Err(violations) => {
            for v in &violations {
                match serde_json::to_string(v) {
                    Ok(line) => println!("{line}"),
                    Err(e) => return usage_error(format_args!("cannot print a violation: {e}")),
                }
            }
            eprintln!("{} violation(s) of {id}", violations.len());
            ExitCode::from(1)
        }
    }
}
