//! What must and must not compile for users of the generated crate.
//!
//! `pass/` holds consumer programs (the README example among them); `fail/` holds only the
//! compiler messages we promise: the deprecated alias under `#![deny(deprecated)]`, and required
//! inputs that cannot be left out.

#[test]
fn consumer_programs() {
    let cases = trybuild::TestCases::new();
    cases.pass("ui/pass/*.rs");
    cases.compile_fail("ui/fail/*.rs");
}
