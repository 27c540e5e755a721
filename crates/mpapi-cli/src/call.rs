//! `mpapi call`: send a request through the generated client and print the answer.

use std::process::ExitCode;
use std::sync::Arc;

use clap::Args;
use mpapi_client::{
    ApiClient, BaiduClientCredentials, Error, StaticToken, TokenOptions, TokenProvider,
};
use mpapi_runtime::Envelope;

use crate::{find_endpoint, parse_body, print_violations, read_body, usage_error};

/// Arguments of `mpapi call`; each flag may also come from its environment variable.
#[derive(Args)]
pub(crate) struct CallArgs {
    /// Endpoint id, `platform.group.name` (see `mpapi endpoints`).
    endpoint: String,
    /// File holding the JSON request body, or `-` for standard input; omitted for an
    /// endpoint that sends no body (a GET, whose parameters go in `--query`).
    file: Option<String>,
    /// Send to this base URL (e.g. a sandbox's) instead of the platform's host; also used
    /// for the token endpoint.
    #[arg(long, env = "MPAPI_BASE_URL")]
    base_url: Option<String>,
    /// WeChat appid, to fetch an access token (see --token-mode).
    #[arg(long, env = "MPAPI_APPID")]
    appid: Option<String>,
    /// WeChat app secret.
    #[arg(long, env = "MPAPI_SECRET", hide_env_values = true)]
    secret: Option<String>,
    /// Baidu client id (AppKey), to fetch an access token.
    #[arg(long, env = "MPAPI_CLIENT_ID")]
    client_id: Option<String>,
    /// Baidu client secret.
    #[arg(long, env = "MPAPI_CLIENT_SECRET", hide_env_values = true)]
    client_secret: Option<String>,
    /// Use this access token (or a third party's authorizer_access_token) instead of
    /// fetching one.
    #[arg(long, env = "MPAPI_ACCESS_TOKEN", hide_env_values = true)]
    access_token: Option<String>,
    /// Extra URL query parameter as NAME=VALUE, e.g. Baidu's `scene_id=...` (repeatable).
    #[arg(long = "query", value_name = "NAME=VALUE")]
    query: Vec<String>,
    /// Send the body even if it breaks the spec (the platform will answer with its error).
    #[arg(long)]
    no_validate: bool,
    /// For a paged endpoint: fetch every page (sending each answer's cursor back) and
    /// print one JSON line per item instead of the answers.
    #[arg(long)]
    all_pages: bool,
    #[command(flatten)]
    token: crate::token_args::TokenArgs,
}

/// Exit status for a failed call, by kind of failure.
fn exit_for(err: &Error) -> u8 {
    match err {
        Error::Validation(_) => 1,
        Error::Platform { .. } | Error::Busy { .. } => 3,
        Error::Transport(_) => 4,
        Error::Token(_) => 5,
        Error::Decode { .. } | Error::Pagination { .. } => 6,
        _ => 2,
    }
}

fn provider(args: &CallArgs, envelope: Envelope) -> Result<Arc<dyn TokenProvider>, ExitCode> {
    if let Some(token) = &args.access_token {
        return Ok(Arc::new(StaticToken::new(token.clone())));
    }
    let mut options = TokenOptions::default();
    if let Some(base) = &args.base_url {
        options = options.base_url(base.clone());
    }
    let options = args.token.options(options).map_err(usage_error)?;
    let built = match (
        envelope,
        &args.appid,
        &args.secret,
        &args.client_id,
        &args.client_secret,
    ) {
        (Envelope::Errcode, Some(id), Some(secret), _, _) => args.token.wechat(id, secret, options),
        (Envelope::Errno, _, _, Some(id), Some(secret)) => {
            BaiduClientCredentials::with_options(id.clone(), secret.clone(), options)
                .map(|p| Arc::new(p) as Arc<dyn TokenProvider>)
        }
        (Envelope::Errcode, ..) => {
            return Err(usage_error(
                "a WeChat endpoint needs --access-token, or --appid and --secret (or MPAPI_ACCESS_TOKEN, MPAPI_APPID, MPAPI_SECRET)",
            ));
        }
        (Envelope::Errno, ..) => {
            return Err(usage_error(
                "a Baidu endpoint needs --access-token, or --client-id and --client-secret (or MPAPI_ACCESS_TOKEN, MPAPI_CLIENT_ID, MPAPI_CLIENT_SECRET)",
            ));
        }
    };
    built.map_err(|e| usage_error(format_args!("cannot set up the token provider: {e}")))
}

/// Runs `mpapi call`.
pub(crate) fn run(args: CallArgs) -> ExitCode {
    let endpoint = match find_endpoint(&args.endpoint) {
        Ok(e) => e,
        Err(code) => return code,
    };
    let body = match (&args.file, endpoint.request_body) {
        (Some(file), true) => match read_body(file).and_then(|t| parse_body(file, &t)) {
            Ok(b) => b,
            Err(code) => return code,
        },
        (None, true) => {
            return usage_error(format_args!(
                "`{}` sends a JSON body: give its file (or `-` for standard input)",
                endpoint.id
            ));
        }
        (Some(_), false) => {
            return usage_error(format_args!(
                "`{}` sends no body: drop the file and pass its parameters with --query NAME=VALUE",
                endpoint.id
            ));
        }
        (None, false) => serde_json::Value::Null,
    };
    if args.all_pages && endpoint.pagination.is_none() {
        return usage_error(format_args!(
            "`{}` is not a paged endpoint: drop --all-pages",
            endpoint.id
        ));
    }
    let mut query: Vec<(&'static str, String)> = Vec::new();
    for q in &args.query {
        let Some((name, value)) = q.split_once('=') else {
            return usage_error(format_args!("--query takes NAME=VALUE, got `{q}`"));
        };
        // Query names live as long as the process; leaking these few strings is simpler
        // than threading lifetimes through the client's `&'static str` names.
        query.push((
            Box::leak(name.to_owned().into_boxed_str()),
            value.to_owned(),
        ));
    }
    let provider = match provider(&args, endpoint.envelope) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let mut builder = ApiClient::builder()
        .token_provider(provider)
        .validate_requests(!args.no_validate);
    if let Some(base) = &args.base_url {
        builder = builder.base_url(base.clone());
    }
    let client = match builder.build() {
        Ok(c) => c,
        Err(e) => return usage_error(format_args!("cannot build the client: {e}")),
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => return usage_error(format_args!("cannot start the async runtime: {e}")),
    };
    let outcome = if args.all_pages {
        runtime.block_on(print_every_item(&client, endpoint, query, body))
    } else if endpoint.request_body {
        runtime
            .block_on(client.call_json(endpoint, &query, &body))
            .map(|answer| println!("{answer}"))
    } else {
        runtime
            .block_on(client.call_json_without_body(endpoint, &query))
            .map(|answer| println!("{answer}"))
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(Error::Validation(violations)) => print_violations(endpoint.id, &violations),
        Err(e) => {
            eprint!("{}", report(&e));
            ExitCode::from(exit_for(&e))
        }
    }
}

/// What the user reads on a failed call: what happened (the error and its causes, one
/// per line), the doc's meaning of a platform code, and what to do next.
fn report(err: &Error) -> String {
    use std::fmt::Write;
    let mut out = format!("error: {err}\n");
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        let _ = writeln!(out, "  caused by: {cause}");
        source = cause.source();
    }
    if let Error::Platform { code, .. } = err {
        match code.message() {
            Some(meaning) => {
                let _ = writeln!(out, "  the doc says: {} {meaning}", code.code());
            }
            None => {
                let _ = writeln!(out, "  the doc does not list code {}", code.code());
            }
        }
    }
    if let Some(fix) = err.fix() {
        let _ = writeln!(out, "fix: {fix}");
    }
    out
}

/// Prints one JSON line per item of every page, fetching the pages one after the other.
async fn print_every_item(
    client: &ApiClient,
    endpoint: &'static mpapi_runtime::EndpointInfo,
    query: Vec<(&'static str, String)>,
    body: serde_json::Value,
) -> Result<(), Error> {
    use std::io::Write;
    let mut pages = client.pages_json(endpoint, query, body)?;
    let mut out = std::io::stdout().lock();
    while let Some(item) = pages.next_item().await {
        let item = item?;
        // A closed stdout (e.g. `| head`) ends the listing; nothing more to print.
        if writeln!(out, "{item}").is_err() {
            break;
        }
    }
    Ok(())
}
