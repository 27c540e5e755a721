//! Constraints: each kind checks itself (see [`crate::constraints`]); this module keeps
//! what the checks share.

/// The smallest and largest value of an integer type.
pub(crate) fn int_limits(signed: bool, bits: u8) -> (i128, i128) {
    let bits = u32::from(bits.clamp(1, 64));
    if signed {
        let half = 1i128 << (bits - 1);
        (-half, half - 1)
    } else {
        (0, (1i128 << bits) - 1)
    }
}
