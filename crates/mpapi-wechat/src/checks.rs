//! Hand-written checks named by `custom` rules in `spec/wechat/`: doc sentences that no
//! declared rule of the spec language can say.

use mpapi_runtime::constraint::items::check_len;
use mpapi_runtime::{Path, RuleKind, Violations};

use crate::order_shipping::{
    CombinedSubOrder, DeliveryMode, MaterialType, SetWxaTradeTypeRequest, UploadShippingInfoRequest,
};

/// The most packages one payment order may be split into (多重性 [1, 15]).
const MAX_PACKAGES: usize = 15;
/// `10060024`: 物流信息列表太长，长度不可大于 15.
const LIST_TOO_LONG: i64 = 10060024;

/// Outside unified delivery, the shipping list holds 1 to 15 packages; more than 15
/// reports 10060024. Unified delivery is left to the field's own `items` constraint
/// (exactly one element, 268485228), so a list is never reported twice.
fn shipping_list_len(mode: &DeliveryMode, len: usize, path: &Path<'_>, out: &mut Violations) {
    if matches!(mode, DeliveryMode::UnifiedDelivery) {
        return;
    }
    let at = path.field("shipping_list");
    check_len(len, Some(1), None, None, &at, out);
    check_len(len, None, Some(MAX_PACKAGES), Some(LIST_TOO_LONG), &at, out);
}

/// `shipping_list` of an upload: 1 to 15 packages outside unified delivery.
pub(crate) fn upload_shipping_list_len(
    body: &UploadShippingInfoRequest,
    path: &Path<'_>,
    out: &mut Violations,
) {
    shipping_list_len(&body.delivery_mode, body.shipping_list.len(), path, out);
}

/// `shipping_list` of a combined upload's sub-order: 1 to 15 packages outside unified
/// delivery.
pub(crate) fn combined_sub_order_shipping_list_len(
    sub: &CombinedSubOrder,
    path: &Path<'_>,
    out: &mut Violations,
) {
    shipping_list_len(&sub.delivery_mode, sub.shipping_list.len(), path, out);
}

/// The most videos among the materials of a trade-type change (其中视频最多3个).
const MAX_VIDEOS: usize = 3;

/// At most three of the materials are videos; every video past the third is reported at
/// its `type`, with no platform code (the doc gives none).
pub(crate) fn at_most_three_videos(
    body: &SetWxaTradeTypeRequest,
    path: &Path<'_>,
    out: &mut Violations,
) {
    let list = path.field("material_list");
    body.material_list
        .iter()
        .enumerate()
        .filter(|(_, m)| matches!(m.type_, MaterialType::Video))
        .skip(MAX_VIDEOS)
        .for_each(|(i, _)| {
            out.push(
                &list.index(i).field("type"),
                RuleKind::Custom,
                None,
                format_args!("at most {MAX_VIDEOS} of the materials may be videos"),
            );
        });
}
