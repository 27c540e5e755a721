//! Writes the seed corpora of the fuzz targets from what the repository already has: the
//! cleaned doc examples of every generated endpoint and the spec files.
//!
//! ```text
//! cargo +nightly fuzz build
//! fuzz/target/x86_64-unknown-linux-gnu/release/seeds [OUT_DIR]
//! ```
//!
//! `OUT_DIR` defaults to `fuzz/corpus`; each target's seeds go to `OUT_DIR/<target>/`.

use std::path::{Path, PathBuf};

use mpapi_fuzz::{BAIDU_APP, Call, NO_TOKEN, OTHER_METHOD, OTHER_TOKEN, Route, WECHAT_APP};

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join(name), bytes)
}

/// The bodies an endpoint's seeds use: its example requests, else an empty object.
fn bodies(e: &mpapi_runtime::EndpointInfo) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = e.examples.iter().filter_map(|x| x.request).collect();
    if out.is_empty() {
        out.push("{}");
    }
    out
}

fn main() -> std::io::Result<()> {
    let out = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"));
    let endpoints = mpapi_fuzz::endpoints();

    // validate_json: [endpoint] body, for every example request of every endpoint.
    let dir = out.join("validate_json");
    let mut n = 0;
    for (i, e) in endpoints.iter().enumerate() {
        for (j, body) in bodies(e).into_iter().enumerate() {
            let mut seed = vec![mpapi_fuzz::selector(i)];
            seed.extend_from_slice(body.as_bytes());
            write(&dir, &format!("{}-{j}", e.id), &seed)?;
            n += 1;
        }
    }
    println!("validate_json: {n} seeds");

    // spec_check: [file] text, for every spec file.
    let dir = out.join("spec_check");
    let spec = mpapi_fuzz::spec_dir();
    let files = mpapi_fuzz::tree_files(&spec);
    for (i, rel) in files.iter().enumerate() {
        let mut seed = vec![mpapi_fuzz::selector(i)];
        seed.extend(std::fs::read(spec.join(rel))?);
        let name = rel.to_string_lossy().replace(['/', '\\'], "-");
        write(&dir, &name, &seed)?;
    }
    println!("spec_check: {} seeds", files.len());

    // sandbox_request: each example alone, with each flag; then each platform's examples
    // in registry order as one sequence, so that calls reading stored state follow the
    // calls that store it; and the token routes with their parameters.
    let dir = out.join("sandbox_request");
    let mut n = 0;
    for e in endpoints {
        let route = Route::Endpoint(e).selector();
        for (j, body) in bodies(e).into_iter().enumerate() {
            for flags in [0, NO_TOKEN, OTHER_TOKEN, OTHER_METHOD] {
                let call = Call {
                    route,
                    flags,
                    query: b"",
                    body: body.as_bytes(),
                };
                write(
                    &dir,
                    &format!("{}-{j}-{flags}", e.id),
                    &mpapi_fuzz::encode(&[call]),
                )?;
                n += 1;
            }
        }
    }
    for platform in ["wechat.", "baidu."] {
        let calls: Vec<Call<'_>> = endpoints
            .iter()
            .filter(|e| e.id.starts_with(platform))
            .flat_map(|e| {
                let route = Route::Endpoint(e).selector();
                bodies(e).into_iter().map(move |body| Call {
                    route,
                    flags: 0,
                    query: b"",
                    body: body.as_bytes(),
                })
            })
            .collect();
        for chunk in calls.chunks(mpapi_fuzz::MAX_CALLS).enumerate() {
            write(
                &dir,
                &format!("{platform}sequence-{}", chunk.0),
                &mpapi_fuzz::encode(chunk.1),
            )?;
            n += 1;
        }
    }
    let wechat_query = format!(
        "grant_type=client_credential&appid={}&secret={}",
        WECHAT_APP.0, WECHAT_APP.1
    );
    let stable_body = format!(
        r#"{{"grant_type":"client_credential","appid":"{}","secret":"{}","force_refresh":true}}"#,
        WECHAT_APP.0, WECHAT_APP.1
    );
    let baidu_query = format!(
        "grant_type=client_credentials&client_id={}&client_secret={}",
        BAIDU_APP.0, BAIDU_APP.1
    );
    let tokens = [
        (
            "wechat-token",
            Route::WechatToken,
            wechat_query.as_str(),
            "",
        ),
        (
            "wechat-stable-token",
            Route::WechatStableToken,
            "",
            stable_body.as_str(),
        ),
        (
            "baidu-token-query",
            Route::BaiduToken,
            baidu_query.as_str(),
            "",
        ),
        (
            "baidu-token-form",
            Route::BaiduToken,
            "",
            baidu_query.as_str(),
        ),
    ];
    for (name, route, query, body) in tokens {
        let call = Call {
            route: route.selector(),
            flags: 0,
            query: query.as_bytes(),
            body: body.as_bytes(),
        };
        write(&dir, name, &mpapi_fuzz::encode(&[call]))?;
        n += 1;
    }
    println!("sandbox_request: {n} seeds");
    Ok(())
}
