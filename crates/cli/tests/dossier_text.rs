//! `dossier show` as text, byte for byte: the demo dossier on three days
//! (before any commitment, with deadlines pending, with histories and
//! regressions) against the printouts kept in `tests/dossier_show/`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::ok;

#[test]
fn the_demo_dossier_prints_exactly_as_recorded_on_three_days() {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["demo"]);
    let expected_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/dossier_show");
    for day in ["2007-01-01", "2008-05-31", "2012-12-31"] {
        let out = ok(
            dir.path(),
            &["dossier", "show", "kazakhstan-osce-2010", "--as-of", day],
        );
        let expected =
            std::fs::read_to_string(expected_dir.join(format!("as-of-{day}.txt"))).unwrap();
        assert_eq!(out, expected, "dossier show --as-of {day}");
    }
}
