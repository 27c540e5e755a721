//! Compile-time behaviour of the derives: every attribute compiles where it makes sense
//! (`ui/pass`), and every mistake is a compile error pointing at it (`ui/fail`, with the
//! expected messages in the `.stderr` files next to each case).

#[test]
fn derive_ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("ui/pass/*.rs");
    cases.compile_fail("ui/fail/*.rs");
}
