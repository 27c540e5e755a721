//! `mpapi`: list the endpoints mpapi knows, validate request bodies against their specs,
//! run the loopback sandbox, and call endpoints through the generated clients.
//!
//! Exit codes: 0 success (valid), 1 the body has violations, 2 usage errors, unreadable
//! files, malformed JSON or unknown endpoints; for `call` also 3 a platform error, 4 a
//! transport failure (connection, timeout), 5 no access token could be had, 6 an
//! unreadable response.

mod call;
mod schema;
mod token_args;

use std::io::{Read, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use mpapi_runtime::{EndpointInfo, JsonInputError, Strictness};

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
        /// Accept members the spec does not declare and enum values in the other wire form
        /// (a code where the spec sends the name, or the reverse). By default both are
        /// violations (`unknown_member`, `enum`); repeated members always are.
        #[arg(long)]
        lenient: bool,
    },
    /// Run the sandbox: a loopback imitation of the WeChat and Baidu servers for every
    /// endpoint. Prints `listening on http://127.0.0.1:PORT` first; stops on Ctrl-C.
    Sandbox {
        /// Port to listen on; 0 picks a free one.
        #[arg(long, default_value_t = 0)]
        port: u16,
        /// A WeChat app the token endpoints accept, as APPID:SECRET (repeatable).
        #[arg(long = "app", value_name = "APPID:SECRET")]
        apps: Vec<String>,
        /// A Baidu app the token endpoint accepts, as CLIENT_ID:SECRET (repeatable).
        #[arg(long = "baidu-app", value_name = "CLIENT_ID:SECRET")]
        baidu_apps: Vec<String>,
        /// JSON file of the records the stores start with, e.g. the payments that exist:
        /// `{"payments": [{"transaction_id": "…", "mchid": "…", "out_trade_no": "…",
        /// "openid": "…", "paid_amount": 100}]}` (an entry may add `"order_state": 3` for a
        /// received payment, and `"pay_time"`, a Unix timestamp, for `pay_time_range`). With it, shipping an unknown payment answers 10060001 and
        /// another user's payment 10060031; without it, a payment is created on its first
        /// upload.
        #[arg(long, value_name = "FILE")]
        seed: Option<std::path::PathBuf>,
    },
    /// Send a JSON request body through the generated client and print the response JSON.
    Call(Box<call::CallArgs>),
    /// Print the JSON Schema of an endpoint's request body, or its platform's OpenAPI document.
    Schema(schema::SchemaArgs),
}

/// Every endpoint of every platform crate, in a stable order.
pub(crate) fn all_endpoints() -> impl Iterator<Item = &'static EndpointInfo> {
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
        Command::Validate {
            endpoint,
            file,
            lenient,
        } => {
            let strictness = if lenient {
                Strictness::Lenient
            } else {
                Strictness::Strict
            };
            validate(&endpoint, &file, strictness)
        }
        Command::Sandbox {
            port,
            apps,
            baidu_apps,
            seed,
        } => sandbox(port, &apps, &baidu_apps, seed.as_deref()),
        Command::Call(args) => call::run(*args),
        Command::Schema(args) => schema::run(args),
    }
}

fn split_pair(s: &str) -> Option<(&str, &str)> {
    s.split_once(':')
        .filter(|(a, b)| !a.is_empty() && !b.is_empty())
}

fn sandbox(
    port: u16,
    apps: &[String],
    baidu_apps: &[String],
    seed: Option<&std::path::Path>,
) -> ExitCode {
    let endpoints: Vec<&'static EndpointInfo> = all_endpoints().collect();
    let mut config = mpapi_sandbox::SandboxConfig::new(endpoints.clone()).port(port);
    if let Some(path) = seed {
        match mpapi_sandbox::Seed::read(path, &endpoints) {
            Ok(seed) => {
                for (list, n) in seed.lists() {
                    eprintln!("seed: {n} {list} from {}", path.display());
                }
                config = config.seed(seed);
            }
            Err(e) => {
                return usage_error(format_args!(
                    "{e}\nThe seed file is one JSON object of lists, e.g. {{\"payments\": [{{\"transaction_id\": \"…\", \"mchid\": \"…\", \"out_trade_no\": \"…\", \"openid\": \"…\", \"paid_amount\": 100}}]}}."
                ));
            }
        }
    }
    for app in apps {
        let Some((id, secret)) = split_pair(app) else {
            return usage_error(format_args!(
                "--app takes APPID:SECRET, got `{}`",
                app.split(':').next().unwrap_or("")
            ));
        };
        config = config.wechat_app(id, secret);
    }
    for app in baidu_apps {
        let Some((id, secret)) = split_pair(app) else {
            return usage_error(format_args!(
                "--baidu-app takes CLIENT_ID:SECRET, got `{}`",
                app.split(':').next().unwrap_or("")
            ));
        };
        config = config.baidu_app(id, secret);
    }
    match mpapi_sandbox::run_until_ctrl_c(config) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => usage_error(format_args!("the sandbox stopped: {e}")),
    }
}

pub(crate) fn usage_error(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}

/// The endpoint with this id, or a usage error listing the known ones.
pub(crate) fn find_endpoint(id: &str) -> Result<&'static EndpointInfo, ExitCode> {
    all_endpoints().find(|e| e.id == id).ok_or_else(|| {
        let known: Vec<&str> = all_endpoints().map(|e| e.id).collect();
        usage_error(format_args!(
            "unknown endpoint `{id}`; known endpoints: {} (see `mpapi endpoints`)",
            known.join(", ")
        ))
    })
}

fn validate(id: &str, file: &str, strictness: Strictness) -> ExitCode {
    let endpoint = match find_endpoint(id) {
        Ok(e) => e,
        Err(code) => return code,
    };
    let bytes = match read_body_bytes(file) {
        Ok(t) => t,
        Err(code) => return code,
    };
    // One pass over the text: no `Value` tree is built.
    match (endpoint.validate_request_json)(&bytes, strictness) {
        Ok(()) => {
            eprintln!("valid: the body satisfies every constraint and rule of {id}");
            ExitCode::SUCCESS
        }
        Err(JsonInputError::Invalid(violations)) => print_violations(id, &violations),
        Err(JsonInputError::Malformed {
            line,
            column,
            message,
        }) => usage_error(format_args!(
            "{file} is not valid JSON (line {line}, column {column}): {message}"
        )),
    }
}

/// Reads a body's bytes from a file or, for `-`, standard input.
fn read_body_bytes(file: &str) -> Result<Vec<u8>, ExitCode> {
    if file == "-" {
        let mut s = Vec::new();
        std::io::stdin()
            .read_to_end(&mut s)
            .map(|_| s)
            .map_err(|e| usage_error(format_args!("cannot read standard input: {e}")))
    } else {
        std::fs::read(file).map_err(|e| usage_error(format_args!("cannot read {file}: {e}")))
    }
}

/// Prints each violation as one JSON object per line on stdout; exit status 1.
///
/// The lines go through one buffer, not a write per line as `println!` would make: a body
/// with a violation in each of its 200,000 orders prints 200,000 lines.
pub(crate) fn print_violations(id: &str, violations: &mpapi_runtime::Violations) -> ExitCode {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for v in violations {
        let written = serde_json::to_writer(&mut out, v)
            .map_err(|e| e.to_string())
            .and_then(|()| out.write_all(b"\n").map_err(|e| e.to_string()));
        if let Err(e) = written {
            return usage_error(format_args!("cannot print a violation: {e}"));
        }
    }
    if let Err(e) = out.flush() {
        return usage_error(format_args!("cannot print the violations: {e}"));
    }
    eprintln!("{} violation(s) of {id}", violations.len());
    ExitCode::from(1)
}

/// Reads a body from a file or, for `-`, standard input.
pub(crate) fn read_body(file: &str) -> Result<String, ExitCode> {
    if file == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map(|_| s)
            .map_err(|e| usage_error(format_args!("cannot read standard input: {e}")))
    } else {
        std::fs::read_to_string(file)
            .map_err(|e| usage_error(format_args!("cannot read {file}: {e}")))
    }
}

/// Parses a body as JSON, with the position of the error if it is not.
pub(crate) fn parse_body(file: &str, text: &str) -> Result<serde_json::Value, ExitCode> {
    serde_json::from_str(text).map_err(|e| {
        usage_error(format_args!(
            "{file} is not valid JSON (line {}, column {}): {e}",
            e.line(),
            e.column()
        ))
    })
}
