//! What the generated client costs over raw reqwest, one request at a time.
//!
//! Each variant sends the uploadShoppingInfo doc example (the request example the spec
//! keeps) to the sandbox on loopback, sequentially, and checks every answer. The sandbox
//! refuses an upload that is not later than the previous one of the same order, so each
//! variant uploads its own order (the process id and the variant in `transaction_id`) and
//! every request carries an `upload_time` 1 ms later than the one before: a string made
//! beforehand, moved into the typed request or copied over the same bytes of the
//! serialized body.
//!
//! - `client`: `mpapi_wechat::client::Client` as shipped: validation on, tokens from
//!   `WechatStableToken` (fetched once from the sandbox, then cached), default retry
//!   policy, no tracing subscriber;
//! - `no-validation`: the same client built with `validate_requests(false)`;
//! - `raw`: a reqwest client with the same timeouts posting the body serialized once
//!   beforehand, with a token fetched from the sandbox beforehand, and reading `errcode`
//!   from the answer;
//! - `raw-serialize`: the same, serializing the typed request for every call (what code
//!   without the client would do with a typed body), so that its gap to `no-validation`
//!   is the client's own work.
//!
//! Throughput (the default): starts the sandbox in this process (or uses the one at
//! `--sandbox URL`), then runs the variants in turn, rotating their order, `--runs` times
//! (default 5) with `--calls` requests each (default 2,000) after one warm-up request, and
//! prints each variant's median requests per second and its ratio to `raw`, both of the
//! medians and paired (the median of the ratios within each run):
//!
//! ```sh
//! cargo bench -p mpapi-wechat --bench client_overhead
//! cargo bench -p mpapi-wechat --bench client_overhead -- --runs 5 --calls 2000
//! ```
//!
//! Instructions (for callgrind, client and server in separate processes): `--serve`
//! starts a sandbox and prints its base URL (also usable for throughput, each process on
//! its own core); `--sandbox URL --only VARIANT --calls N`
//! sets one variant up, sends one warm-up request, then `N` more and exits. Subtracting
//! a run with `--calls 0` leaves what `N` requests cost on the client side; the commands
//! are in BENCHMARKS.md.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use mpapi_client::{ApiClient, TokenOptions};
use mpapi_sandbox::{Sandbox, SandboxConfig};
use mpapi_wechat::client::Client;
use mpapi_wechat::token::WechatStableToken;
use mpapi_wechat::user_order::{UPLOAD_SHOPPING_INFO, UploadShoppingInfoRequest};
use serde::Deserialize;

/// The app the doc example's links name, so that the sandbox accepts the body as sent.
const APPID: &str = "wxd678efh567hg6787";
const SECRET: &str = "bench-secret";
/// The client's defaults, given to the raw reqwest client too.
const TIMEOUT: Duration = Duration::from_secs(30);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Variant {
    Client,
    NoValidation,
    Raw,
    RawSerialize,
}

impl Variant {
    const ALL: [Variant; 4] = [
        Variant::Client,
        Variant::NoValidation,
        Variant::Raw,
        Variant::RawSerialize,
    ];

    fn name(self) -> &'static str {
        match self {
            Variant::Client => "client",
            Variant::NoValidation => "no-validation",
            Variant::Raw => "raw",
            Variant::RawSerialize => "raw-serialize",
        }
    }

    fn parse(s: &str) -> Option<Variant> {
        Variant::ALL.into_iter().find(|v| v.name() == s)
    }
}

struct Args {
    calls: usize,
    runs: usize,
    sandbox: Option<String>,
    only: Option<Variant>,
    serve: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        calls: 2_000,
        runs: 5,
        sandbox: None,
        only: None,
        serve: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} takes a value"));
        match arg.as_str() {
            "--calls" => {
                args.calls = value("--calls")?
                    .parse()
                    .map_err(|e| format!("--calls: {e}"))?
            }
            "--runs" => {
                args.runs = value("--runs")?
                    .parse()
                    .map_err(|e| format!("--runs: {e}"))?
            }
            "--sandbox" => args.sandbox = Some(value("--sandbox")?),
            "--only" => {
                let v = value("--only")?;
                args.only = Some(Variant::parse(&v).ok_or(format!(
                    "--only takes client, no-validation, raw or raw-serialize, not {v:?}"
                ))?);
            }
            "--serve" => args.serve = true,
            // cargo bench passes `--bench`; filters are not used by this benchmark.
            "--bench" => {}
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(args)
}

/// The doc's request example as the typed request.
fn doc_example() -> UploadShoppingInfoRequest {
    let text = UPLOAD_SHOPPING_INFO.examples[0]
        .request
        .expect("the spec keeps the doc's request");
    serde_json::from_str(text).expect("the example is an UploadShoppingInfoRequest")
}

fn sandbox_config() -> SandboxConfig {
    SandboxConfig::new(mpapi_wechat::ENDPOINTS.to_vec()).wechat_app(APPID, SECRET)
}

/// The part of an answer the raw variant checks.
#[derive(Deserialize)]
struct Errcode {
    errcode: i64,
}

/// One variant, set up and warmed up (connection open, token fetched).
struct Sender {
    kind: Kind,
    /// The next request's `upload_time`, as milliseconds after the first one.
    next: u64,
}

enum Kind {
    Client {
        client: Client,
        request: UploadShoppingInfoRequest,
    },
    Raw {
        http: reqwest::Client,
        url: reqwest::Url,
        body: Vec<u8>,
        /// Where the `upload_time` string starts in `body`.
        time_at: usize,
        /// Serialize `request` for every call instead of patching `body`.
        serialize: Option<UploadShoppingInfoRequest>,
    },
}

/// `upload_time` of the `n`th request: 2022-05-20 00:00:00.000 at +08:00, plus `n` ms;
/// always 29 bytes.
fn upload_time(n: u64) -> String {
    let (s, ms) = (n / 1000, n % 1000);
    format!(
        "2022-05-20T{:02}:{:02}:{:02}.{ms:03}+08:00",
        s / 3600 % 24,
        s / 60 % 60,
        s % 60
    )
}

impl Sender {
    async fn new(variant: Variant, base: &str) -> Sender {
        let mut request = doc_example();
        request.order_key.transaction_id =
            Some(format!("bench-{}-{}", std::process::id(), variant.name()));
        request.upload_time = upload_time(0);
        let kind = match variant {
            Variant::Client | Variant::NoValidation => {
                let tokens = WechatStableToken::with_options(
                    APPID,
                    SECRET,
                    TokenOptions::default().base_url(base),
                )
                .expect("token provider");
                let api = ApiClient::builder()
                    .base_url(base)
                    .token_provider(Arc::new(tokens))
                    .validate_requests(variant == Variant::Client)
                    .timeout(TIMEOUT)
                    .connect_timeout(CONNECT_TIMEOUT)
                    .build()
                    .expect("client");
                Kind::Client {
                    client: Client::new(api),
                    request,
                }
            }
            Variant::Raw | Variant::RawSerialize => {
                let http = reqwest::Client::builder()
                    .timeout(TIMEOUT)
                    .connect_timeout(CONNECT_TIMEOUT)
                    .build()
                    .expect("reqwest client");
                let token = raw_token(&http, base).await;
                let url = reqwest::Url::parse(&format!(
                    "{base}{}?{}={token}",
                    UPLOAD_SHOPPING_INFO.path, UPLOAD_SHOPPING_INFO.token_param
                ))
                .expect("upload URL");
                let body = serde_json::to_vec(&request).expect("body serializes");
                let key = br#""upload_time":""#;
                let time_at = body
                    .windows(key.len())
                    .position(|w| w == key)
                    .expect("the body has an upload_time")
                    + key.len();
                Kind::Raw {
                    http,
                    url,
                    body,
                    time_at,
                    serialize: (variant == Variant::RawSerialize).then_some(request),
                }
            }
        };
        let mut sender = Sender { kind, next: 0 };
        sender.send(upload_time(0)).await;
        sender
    }

    /// The `upload_time` strings of the next `n` requests.
    fn times(&mut self, n: usize) -> Vec<String> {
        let times = (1..=n as u64).map(|i| upload_time(self.next + i)).collect();
        self.next += n as u64;
        times
    }

    /// Sends the body once with this `upload_time`; panics unless the sandbox accepts it.
    async fn send(&mut self, time: String) {
        match &mut self.kind {
            Kind::Client { client, request } => {
                request.upload_time = time;
                let answer = client
                    .upload_shopping_info(request)
                    .await
                    .expect("the sandbox accepts the upload");
                assert_eq!(answer.errcode, 0);
            }
            Kind::Raw {
                http,
                url,
                body,
                time_at,
                serialize,
            } => {
                let body = match serialize {
                    Some(request) => {
                        request.upload_time = time;
                        serde_json::to_vec(request).expect("body serializes")
                    }
                    None => {
                        body[*time_at..*time_at + time.len()].copy_from_slice(time.as_bytes());
                        body.clone()
                    }
                };
                let response = http
                    .post(url.clone())
                    .header(reqwest::header::CONTENT_TYPE, "application/json")
                    .body(body)
                    .send()
                    .await
                    .expect("the sandbox answers");
                assert!(response.status().is_success());
                let bytes = response.bytes().await.expect("the answer is readable");
                let answer: Errcode = serde_json::from_slice(&bytes).expect("an errcode");
                assert_eq!(answer.errcode, 0, "{}", String::from_utf8_lossy(&bytes));
            }
        }
    }

    /// Sends `n` requests one after the other; the time strings are made before.
    async fn send_many(&mut self, n: usize) {
        for time in self.times(n) {
            self.send(time).await;
        }
    }
}

/// A token from the sandbox's `stable_token` endpoint, fetched with plain reqwest.
async fn raw_token(http: &reqwest::Client, base: &str) -> String {
    #[derive(Deserialize)]
    struct Token {
        access_token: String,
    }
    let body = serde_json::json!({
        "grant_type": "client_credential",
        "appid": APPID,
        "secret": SECRET,
    });
    let response = http
        .post(format!("{base}/cgi-bin/stable_token"))
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .body(body.to_string())
        .send()
        .await
        .expect("the sandbox answers");
    let bytes = response.bytes().await.expect("the answer is readable");
    serde_json::from_slice::<Token>(&bytes)
        .expect("the sandbox issues a token")
        .access_token
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2.0
    }
}

/// Runs the variants in turn against `base`, prints each run, the median requests per
/// second of each variant and two ratios to `raw`: of the medians, and the median of the
/// ratios within each run (each run's variants ran back to back, so a slow spell of the
/// machine tends to hit the whole run rather than one variant).
fn throughput(rt: &tokio::runtime::Runtime, args: &Args, base: &str) {
    let variants: Vec<Variant> = match args.only {
        Some(v) => vec![v],
        None => Variant::ALL.to_vec(),
    };
    let mut senders: Vec<Sender> = variants
        .iter()
        .map(|&v| rt.block_on(Sender::new(v, base)))
        .collect();
    let body_len = serde_json::to_vec(&doc_example()).map_or(0, |b| b.len());
    println!(
        "uploadShoppingInfo doc example ({body_len} bytes), {} sequential requests per run, {} runs",
        args.calls, args.runs
    );
    let mut rates: Vec<Vec<f64>> = vec![Vec::new(); senders.len()];
    for run in 0..args.runs {
        let mut line = format!("run {}:", run + 1);
        // Rotate the order so that no variant always runs first or last.
        for k in 0..senders.len() {
            let i = (run + k) % senders.len();
            let times = senders[i].times(args.calls);
            let sender = &mut senders[i];
            let start = Instant::now();
            rt.block_on(async {
                for time in times {
                    sender.send(time).await;
                }
            });
            let rate = args.calls as f64 / start.elapsed().as_secs_f64();
            rates[i].push(rate);
            line.push_str(&format!("  {} {rate:.0}/s", variants[i].name()));
        }
        println!("{line}");
    }
    let raw = variants.iter().position(|&v| v == Variant::Raw);
    println!(
        "median requests per second (and of raw: the medians' ratio; the median of each run's ratio):"
    );
    for (i, v) in variants.iter().enumerate() {
        let m = median(rates[i].clone());
        match raw {
            Some(r) => {
                let of_medians = m / median(rates[r].clone());
                let per_run = rates[i].iter().zip(&rates[r]).map(|(x, y)| x / y).collect();
                println!(
                    "  {:<14} {m:>8.0}/s  {of_medians:.3} of raw; paired {:.3}",
                    v.name(),
                    median(per_run)
                );
            }
            None => println!("  {:<14} {m:>8.0}/s", v.name()),
        }
    }
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    // The workspace builds reqwest without a default crypto provider (mpapi-client gives
    // its clients ring explicitly); the raw variant's plain reqwest client needs one.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    if args.serve {
        let sandbox = Sandbox::start(sandbox_config()).expect("sandbox starts");
        println!("{}", sandbox.base_url());
        // Serve until stdin closes (or the process is killed).
        let _ = std::io::copy(&mut std::io::stdin(), &mut std::io::sink());
        sandbox.shutdown().expect("sandbox stops");
        return ExitCode::SUCCESS;
    }
    match (&args.sandbox, args.only) {
        (Some(base), Some(variant)) => {
            rt.block_on(async {
                let mut sender = Sender::new(variant, base).await;
                sender.send_many(args.calls).await;
            });
        }
        (Some(base), None) => throughput(&rt, &args, base),
        (None, _) => {
            let sandbox = Sandbox::start(sandbox_config()).expect("sandbox starts");
            throughput(&rt, &args, sandbox.base_url());
            sandbox.shutdown().expect("sandbox stops");
        }
    }
    ExitCode::SUCCESS
}
