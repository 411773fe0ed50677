//! Mistakes the types turn into compile errors: each file under `tests/ui/` must fail to
//! compile with the error recorded beside it (`TRYBUILD=overwrite` rewrites the records after
//! a deliberate change; review the diff).

#[test]
fn mistakes_do_not_compile() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}
