//! `mpapi schema ENDPOINT_ID [--openapi]`: prints the exported JSON Schema of an endpoint's
//! request body (the typed query parameters as one object for an endpoint without a body),
//! or with `--openapi` the OpenAPI 3.1 document of its platform. The documents are the
//! ones generated next to the platform crates (`crates/<crate>/schema/`), embedded in them.

use std::process::ExitCode;

use clap::Args;
use mpapi_runtime::EndpointInfo;

/// Arguments of `mpapi schema`.
#[derive(Args)]
pub(crate) struct SchemaArgs {
    /// Endpoint id, `platform.group.name` (see `mpapi endpoints`).
    endpoint: String,
    /// Print the OpenAPI 3.1 document of the endpoint's platform instead.
    #[arg(long)]
    openapi: bool,
}

/// One platform crate's embedded exports.
struct Exports {
    endpoints: &'static [&'static EndpointInfo],
    openapi: &'static str,
    request: fn(&str) -> Option<&'static str>,
    query: fn(&str) -> Option<&'static str>,
}

const PLATFORMS: [Exports; 2] = [
    Exports {
        endpoints: mpapi_wechat::ENDPOINTS,
        openapi: mpapi_wechat::schema::OPENAPI,
        request: mpapi_wechat::schema::request_schema,
        query: mpapi_wechat::schema::query_schema,
    },
    Exports {
        endpoints: mpapi_baidu::ENDPOINTS,
        openapi: mpapi_baidu::schema::OPENAPI,
        request: mpapi_baidu::schema::request_schema,
        query: mpapi_baidu::schema::query_schema,
    },
];

pub(crate) fn run(args: SchemaArgs) -> ExitCode {
    let endpoint = match crate::find_endpoint(&args.endpoint) {
        Ok(e) => e,
        Err(code) => return code,
    };
    let Some(exports) = PLATFORMS
        .iter()
        .find(|p| p.endpoints.iter().any(|e| e.id == endpoint.id))
    else {
        return crate::usage_error(format_args!("no exports for `{}`", endpoint.id));
    };
    let text = if args.openapi {
        Some(exports.openapi)
    } else if endpoint.method == "GET" {
        // No body: the query parameters are what the caller supplies.
        (exports.query)(endpoint.id).or_else(|| (exports.request)(endpoint.id))
    } else {
        (exports.request)(endpoint.id)
    };
    match text {
        Some(t) => {
            print!("{t}");
            ExitCode::SUCCESS
        }
        None => crate::usage_error(format_args!(
            "`{}` has no exported schema; run `cargo xtask gen`",
            endpoint.id
        )),
    }
}
