//! The generated error-code enums carry every row of the docs' tables with their message
//! and fix, keep unknown codes, and include the platform-wide codes.

use mpapi_wechat::logistics::AddOrderErrorCode;
use mpapi_wechat::mall::{ImportOrderErrorCode, ImportOrderOrderErrorCode};
use mpapi_wechat::user_order::{UploadCombinedShoppingInfoErrorCode, UploadShoppingInfoErrorCode};

type Row = (i64, Option<&'static str>, Option<&'static str>);
type Lookup = (&'static str, fn(i64) -> Row);

macro_rules! lookup {
    ($enum:ty) => {
        |c: i64| -> Row {
            let e = <$enum>::from_code(c);
            (e.code(), e.message(), e.fix())
        }
    };
}

#[test]
fn every_registry_row_round_trips_through_its_enum() {
    let wechat: [Lookup; 4] = [
        (
            "wechat.user_order.upload_shopping_info",
            lookup!(UploadShoppingInfoErrorCode),
        ),
        (
            "wechat.user_order.upload_combined_shopping_info",
            lookup!(UploadCombinedShoppingInfoErrorCode),
        ),
        ("wechat.mall.import_order", lookup!(ImportOrderErrorCode)),
        ("wechat.logistics.add_order", lookup!(AddOrderErrorCode)),
    ];
    for (id, lookup) in wechat {
        let ep = mpapi_wechat::endpoint(id).expect("registered");
        assert!(!ep.error_codes.is_empty(), "{id} has its error table");
        assert_eq!(ep.platform_error_codes, &mpapi_wechat::PLATFORM_ERRORS[..]);
        for row in ep.error_codes.iter().chain(ep.platform_error_codes) {
            // The endpoint's own row wins where it redefines a platform code.
            let row = ep.error_code(row.code).expect("found");
            let (code, message, fix) = lookup(row.code);
            assert_eq!(code, row.code);
            assert_eq!(message, Some(row.message), "{id} {}", row.code);
            assert_eq!(fix.unwrap_or(""), row.fix, "{id} {}", row.code);
        }
        // The platform-wide codes are part of every WeChat endpoint's table.
        for code in [-1, 40001, 40014, 41001, 42001] {
            assert!(
                ep.error_code(code).is_some(),
                "{id} lacks platform code {code}"
            );
        }
    }
}

#[test]
fn doc_messages_and_fixes_are_kept() {
    let e = UploadShoppingInfoErrorCode::from_code(268485204);
    assert_eq!(e, UploadShoppingInfoErrorCode::CODE_268485204);
    assert!(e.is_known());
    // Codes are constants, so they can be matched on.
    assert!(matches!(e, UploadShoppingInfoErrorCode::CODE_268485204));
    assert!(
        e.message()
            .is_some_and(|m| m.to_lowercase().contains("appid")),
        "{e}"
    );
    assert!(e.fix().is_some());
    // Display is the code and the doc's message; the fix is data, not glued on.
    let message = e.message().unwrap_or_default();
    assert_eq!(e.to_string(), format!("268485204 {message}"));
}

#[test]
fn unknown_codes_are_kept_with_their_number() {
    let e = UploadShoppingInfoErrorCode::from_code(123_456);
    assert_eq!(e, UploadShoppingInfoErrorCode(123_456));
    assert!(!e.is_known());
    assert_eq!(e.code(), 123_456);
    assert_eq!(e.message(), None);
    assert!(e.to_string().contains("not in the doc's table"));
}

#[test]
fn per_item_tables_have_their_own_enum() {
    // The mall page's per-order table reuses -1 with a per-order meaning.
    let order = ImportOrderOrderErrorCode::from_code(-1);
    assert_eq!(order.code(), -1);
    assert!(order.fix().is_some_and(|f| f.contains("订单")), "{order}");
    let request = ImportOrderErrorCode::from_code(-1);
    assert_eq!(request.code(), -1);
    assert_ne!(
        request.fix(),
        order.fix(),
        "the request-level -1 is the platform's, not the per-order row"
    );
    assert!(order.is_known());
}

#[test]
fn baidu_registry_has_its_envelope() {
    let ep = mpapi_baidu::endpoint("baidu.ordercenter.add_main_info").expect("registered");
    assert_eq!(ep.envelope, mpapi_runtime::Envelope::Errno);
    assert_eq!(ep.token_param, "access_token");
    assert!(
        mpapi_baidu::ordercenter::AddMainInfoErrorCode::from_code(7)
            .message()
            .is_none()
    );
}
