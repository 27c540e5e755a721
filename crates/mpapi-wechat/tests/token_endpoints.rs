//! The sandbox's hand-written token endpoints answer in the shape of the generated
//! `access_token` types, over loopback HTTP: a token is a valid `GetAccessTokenResponse` /
//! `GetStableAccessTokenResponse`, and a refusal carries a code of the endpoint's doc table.
//! The sandbox is given the whole registry, token endpoints included, as users do.

use mpapi_client::{TokenAnswer, TokenFetcher, TokenOptions};
use mpapi_runtime::validate_value;
use mpapi_sandbox::{Sandbox, SandboxConfig, SandboxHandle};
use mpapi_wechat::access_token::{
    GET_ACCESS_TOKEN, GET_STABLE_ACCESS_TOKEN, GetAccessTokenErrorCode, GetAccessTokenResponse,
    GetStableAccessTokenErrorCode, GetStableAccessTokenRequest, GetStableAccessTokenResponse,
    GrantType,
};
use serde_json::Value;

const APP: &str = "wx_token_shape";
const SECRET: &str = "token-shape-secret";

fn start() -> (SandboxHandle, TokenFetcher) {
    let sandbox = Sandbox::start(
        SandboxConfig::new(mpapi_wechat::ENDPOINTS.to_vec())
            .wechat_app(APP, SECRET)
            .token_ttl(std::time::Duration::from_secs(600)),
    )
    .expect("the sandbox starts with the token endpoints in its registry");
    let fetcher = TokenFetcher::new(sandbox.base_url(), "test", &TokenOptions::default())
        .expect("fetcher builds");
    (sandbox, fetcher)
}

fn body(answer: &TokenAnswer) -> Value {
    Value::Object(answer.body().clone())
}

async fn get_token(fetcher: &TokenFetcher, grant_type: &str, secret: &str) -> TokenAnswer {
    fetcher
        .get(
            GET_ACCESS_TOKEN.path,
            &[
                ("grant_type", grant_type),
                ("appid", APP),
                ("secret", secret),
            ],
            &[],
        )
        .await
        .expect("the sandbox answers")
}

async fn stable_token(
    fetcher: &TokenFetcher,
    request: &GetStableAccessTokenRequest,
) -> TokenAnswer {
    fetcher
        .post_json(GET_STABLE_ACCESS_TOKEN.path, request, &[])
        .await
        .expect("the sandbox answers")
}

#[tokio::test]
async fn get_access_token_answers_a_valid_generated_response() {
    let (_sandbox, fetcher) = start();
    let fixed = GET_ACCESS_TOKEN.fixed_query;
    assert_eq!(fixed, &[("grant_type", "client_credential")]);
    let answer = get_token(&fetcher, fixed[0].1, SECRET).await;
    let response: GetAccessTokenResponse =
        validate_value(&body(&answer)).expect("the answer is a valid GetAccessTokenResponse");
    assert!(!response.access_token.is_empty());
    assert_eq!(response.expires_in, 600);
    assert!(!GET_ACCESS_TOKEN.needs_token());
}

#[tokio::test]
async fn get_stable_access_token_answers_a_valid_generated_response() {
    let (_sandbox, fetcher) = start();
    let request = GetStableAccessTokenRequest::new(GrantType::ClientCredential, APP, SECRET);
    // The request the providers send is itself valid for the spec.
    validate_value::<GetStableAccessTokenRequest>(
        &serde_json::to_value(&request).expect("serializes"),
    )
    .expect("the request is valid");
    let first: GetStableAccessTokenResponse =
        validate_value(&body(&stable_token(&fetcher, &request).await))
            .expect("the answer is a valid GetStableAccessTokenResponse");
    let again: GetStableAccessTokenResponse =
        validate_value(&body(&stable_token(&fetcher, &request).await)).expect("valid again");
    assert_eq!(
        first.access_token, again.access_token,
        "same token while valid"
    );
    let forced: GetStableAccessTokenResponse = validate_value(&body(
        &stable_token(&fetcher, &request.clone().with_force_refresh(true)).await,
    ))
    .expect("valid after a forced refresh");
    assert_ne!(
        forced.access_token, first.access_token,
        "force_refresh issues a new token"
    );
    assert!(!GET_STABLE_ACCESS_TOKEN.needs_token());
}

#[tokio::test]
async fn debug_never_shows_the_secret_or_the_token() {
    let (_sandbox, fetcher) = start();
    let request = GetStableAccessTokenRequest::new(GrantType::ClientCredential, APP, SECRET);
    let answer = stable_token(&fetcher, &request).await;
    let response: GetStableAccessTokenResponse = validate_value(&body(&answer)).expect("valid");
    let texts = [
        format!("{request:?}"),
        format!("{response:?}"),
        format!("{answer:?}"),
        format!(
            "{:?}",
            mpapi_wechat::access_token::GetAccessTokenQuery::new(APP, SECRET)
        ),
    ];
    for text in &texts {
        assert!(!text.contains(SECRET), "{text}");
        assert!(!text.contains(&response.access_token), "{text}");
    }
    assert!(
        texts[0].contains(APP),
        "the appid is not a secret: {}",
        texts[0]
    );
}

#[tokio::test]
async fn refusals_carry_codes_of_the_doc_tables() {
    let (_sandbox, fetcher) = start();
    let code = |answer: &TokenAnswer| {
        answer
            .body()
            .get("errcode")
            .and_then(Value::as_i64)
            .expect("an errcode")
    };
    let wrong_secret = code(&get_token(&fetcher, "client_credential", "wrong").await);
    assert_eq!(wrong_secret, 40125);
    assert!(GetAccessTokenErrorCode(wrong_secret).is_known());
    let wrong_grant = code(&get_token(&fetcher, "password", SECRET).await);
    assert_eq!(wrong_grant, 40002);
    assert!(GetAccessTokenErrorCode(wrong_grant).is_known());
    // A body with a refusal is not a token: it fails the generated response's shape.
    let refused = get_token(&fetcher, "client_credential", "wrong").await;
    assert!(validate_value::<GetAccessTokenResponse>(&body(&refused)).is_err());

    let unknown_app =
        GetStableAccessTokenRequest::new(GrantType::ClientCredential, "wx_nobody", SECRET);
    let unknown = code(&stable_token(&fetcher, &unknown_app).await);
    assert_eq!(unknown, 40013);
    assert!(GetStableAccessTokenErrorCode(unknown).is_known());
}
