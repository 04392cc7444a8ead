//! The rule "an assessment is not dated before its commitment was made" on
//! every way in from the command line: `assess`, `load` of a dataset and
//! `import` of the project's own export (the last two accepted such an
//! assessment before the rule moved into the services).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

mod common;

use common::{ok, run_in};

const DOSSIER: &str = "kazakhstan-osce-2010";

/// A byte-exact snapshot of every table (backups carry no clock).
fn snapshot(dir: &Path) -> Vec<u8> {
    let file = dir.join("snapshot.jsonl");
    ok(dir, &["backup", file.to_str().unwrap()]);
    let bytes = std::fs::read(&file).unwrap();
    std::fs::remove_file(&file).unwrap();
    bytes
}

fn demo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["demo"]);
    dir
}

#[test]
fn assess_refuses_a_date_before_the_commitment_and_accepts_its_first_day() {
    let dir = demo();
    let export = dir.path().join("dossier.json");
    ok(
        dir.path(),
        &[
            "export",
            "dossier",
            DOSSIER,
            "--format",
            "json",
            "-o",
            export.to_str().unwrap(),
        ],
    );
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&export).unwrap()).unwrap();
    let commitment = json["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "commitment" && e["data"]["made_on"] == "2007-11-29")
        .expect("a commitment made in Madrid");
    let id = commitment["data"]["id"].as_str().unwrap().to_owned();
    let before = snapshot(dir.path());
    let assess = |as_of: &str| {
        run_in(
            dir.path(),
            &[
                "assess",
                &id,
                "--status",
                "fulfilled",
                "--as-of",
                as_of,
                "--rationale",
                "r",
            ],
        )
    };
    let r = assess("2007-11-28");
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("as_of: 2007-11-28 is before the commitment was made (2007-11-29)"),
        "{}",
        r.stderr
    );
    assert_eq!(snapshot(dir.path()), before);
    let r = assess("2007-11-29");
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn load_refuses_a_dataset_whose_assessment_predates_its_commitment() {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["init"]);
    let demo = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/src/demo/kazakhstan-osce-2010.json"),
    )
    .unwrap();
    let mut early: serde_json::Value = serde_json::from_str(&demo).unwrap();
    assert_eq!(
        early["assessments"][0]["as_of"], "2008-05-28",
        "the demo's first assessment moved"
    );
    early["assessments"][0]["as_of"] = "2006-05-28".into();
    let early = serde_json::to_string_pretty(&early).unwrap();
    std::fs::write(dir.path().join("early.json"), early).unwrap();
    let before = snapshot(dir.path());
    let r = run_in(dir.path(), &["load", "early.json", "--reason", "test"]);
    assert_eq!(r.code, 3, "{}\n{}", r.stdout, r.stderr);
    // Named as the dataset's author knows it, not by its place in the batch.
    assert!(
        r.stderr
            .contains(" as of 2006-05-28.as_of: 2006-05-28 is before the commitment was made")
            && r.stderr.contains("assessment of '"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("changes["), "{}", r.stderr);
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn import_rejects_the_row_of_an_assessment_that_predates_its_commitment() {
    let source = demo();
    ok(
        source.path(),
        &[
            "export",
            "dossier",
            DOSSIER,
            "--format",
            "json",
            "-o",
            "dossier.json",
        ],
    );
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(source.path().join("dossier.json")).unwrap())
            .unwrap();
    let entities = json["entities"].as_array_mut().unwrap();
    let total = entities.len();
    let assessment = entities
        .iter_mut()
        .find(|e| e["kind"] == "assessment")
        .unwrap();
    assessment["data"]["as_of"] = serde_json::json!("1990-01-01");

    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["init"]);
    std::fs::write(
        dir.path().join("early.json"),
        serde_json::to_vec_pretty(&json).unwrap(),
    )
    .unwrap();
    let before = snapshot(dir.path());
    let r = run_in(dir.path(), &["import", "early.json"]);
    assert_eq!(r.code, 3, "{}\n{}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains(
            "column 'assessment.as_of', value '1990-01-01': 1990-01-01 is before the commitment was made (2007-11-29)"
        ),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("Nothing was imported"), "{}", r.stderr);
    assert_eq!(snapshot(dir.path()), before);

    // With --skip-invalid everything else is imported.
    let out = ok(dir.path(), &["import", "early.json", "--skip-invalid"]);
    let expected = format!("{total} rows read, {} created, 0 updated", total - 1);
    assert!(out.contains(&expected), "{out}");
    assert!(out.contains(" 1 rejected"), "{out}");
}

#[test]
fn import_rejects_the_row_moving_a_commitment_after_its_assessment() {
    let dir = demo();
    ok(
        dir.path(),
        &[
            "export",
            "dossier",
            DOSSIER,
            "--format",
            "json",
            "-o",
            "dossier.json",
        ],
    );
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("dossier.json")).unwrap()).unwrap();
    let entities = json["entities"].as_array_mut().unwrap();
    let total = entities.len();
    // Its first assessment is of 2008-05-28.
    let commitment = entities
        .iter_mut()
        .find(|e| {
            e["kind"] == "commitment"
                && e["data"]["statement"]
                    == "Incorporate ODIHR's recommendations in the election legislation"
        })
        .unwrap();
    commitment["data"]["made_on"] = serde_json::json!("2008-06-01");
    std::fs::write(
        dir.path().join("moved.json"),
        serde_json::to_vec_pretty(&json).unwrap(),
    )
    .unwrap();
    let before = snapshot(dir.path());
    let rejection = "column 'commitment.made_on', value '2008-06-01': 2008-06-01 is after the \
                     assessment of 2008-05-28 that rates this commitment";

    let r = run_in(dir.path(), &["import", "moved.json"]);
    assert_eq!(r.code, 3, "{}\n{}", r.stdout, r.stderr);
    assert!(r.stderr.contains(rejection), "{}", r.stderr);
    assert!(r.stderr.contains("Nothing was imported"), "{}", r.stderr);

    // With --skip-invalid the other rows go in (all of them as stored).
    let out = ok(dir.path(), &["import", "moved.json", "--skip-invalid"]);
    let expected = format!(
        "{total} rows read, 0 created, 0 updated, {} unchanged, 1 rejected",
        total - 1
    );
    assert!(out.contains(&expected), "{out}");
    assert_eq!(snapshot(dir.path()), before);
}
