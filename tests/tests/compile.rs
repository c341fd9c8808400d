//! What must and must not compile for users of the generated crate.
//!
//! `pass/` holds consumer programs (the README's examples among them); `fail/` holds only the
//! compiler messages we promise: the deprecated alias under `#![deny(deprecated)]`, required
//! inputs that cannot be left out, and fake handlers whose input or output is another
//! operation's.

#[test]
fn consumer_programs() {
    let cases = trybuild::TestCases::new();
    cases.pass("ui/pass/*.rs");
    cases.compile_fail("ui/fail/*.rs");
}
