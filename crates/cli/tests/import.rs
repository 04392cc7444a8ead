//! `pledgewatch import` as a user runs it, on the real collections in
//! `../shared/data/`: imports that run again create nothing, a dry run
//! writes nothing, rejected rows stop the import or go to a file that
//! imports after correction, hostile files change nothing, and a killed
//! import leaves the database as it was.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::time::Duration;

mod common;

use common::{big, ok, run_in, run_reader_gone};

/// A file of the shared data folder; its absence fails the test.
fn data(path: &str) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    assert!(
        root.is_dir(),
        "the shared data folder is missing at {}: these tests need ../shared/data next to the repository",
        root.display()
    );
    root.join(path)
}

fn mapping(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/mappings")
        .join(name)
        .to_str()
        .unwrap()
        .to_owned()
}

fn new_database() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["init"]);
    dir
}

/// A byte-exact snapshot of every table (backups carry no clock).
fn snapshot(dir: &Path) -> Vec<u8> {
    let file = dir.join("snapshot.jsonl");
    ok(dir, &["backup", file.to_str().unwrap()]);
    let bytes = std::fs::read(&file).unwrap();
    std::fs::remove_file(&file).unwrap();
    bytes
}

fn audit_intact(dir: &Path) {
    let out = ok(dir, &["audit", "verify"]);
    assert!(out.contains("Audit log intact"), "{out}");
}

fn integrity_ok(db: &Path) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let result: String = runtime.block_on(async {
        use sqlx::ConnectOptions;
        let mut conn = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(db)
            .connect()
            .await
            .unwrap();
        sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&mut conn)
            .await
            .unwrap()
    });
    assert_eq!(result, "ok");
}

fn upr_info(file: &str) -> String {
    data(&format!("upr-info-recommendations-sessions-1-20/{file}"))
        .to_str()
        .unwrap()
        .to_owned()
}

/// The first `n` data rows of a UPR Info file, in its own bytes (Mac Roman,
/// CR line endings), with `edit` applied to each line.
fn upr_info_sample(n: usize, edit: impl Fn(usize, &[u8]) -> Vec<u8>) -> Vec<u8> {
    let bytes = std::fs::read(upr_info("1-5.csv")).unwrap();
    let lines: Vec<&[u8]> = bytes.split(|&b| b == b'\r').take(n + 1).collect();
    let edited: Vec<Vec<u8>> = lines.iter().enumerate().map(|(i, l)| edit(i, l)).collect();
    let mut out = edited.join(&b'\r');
    out.push(b'\r');
    out
}

fn replace(line: &[u8], from: &str, to: &str) -> Vec<u8> {
    let text: String = line.iter().map(|&b| b as char).collect();
    let replaced = text.replacen(from, to, 1);
    assert_ne!(text, replaced, "the sample line has no '{from}'");
    replaced.chars().map(|c| c as u8).collect()
}

#[test]
fn voluntary_pledges_import_once_and_a_second_import_changes_nothing() {
    let dir = new_database();
    let out = ok(dir.path(), &["import", &upr_info("voluntary.csv")]);
    // Two pledges stand twice, word for word, in the file.
    assert!(
        out.contains("894 rows read, 892 created, 0 updated, 2 unchanged, 0 rejected"),
        "{out}"
    );
    assert!(out.contains("2 repeat an earlier row"), "{out}");
    assert!(out.contains("commitments 892 created"), "{out}");
    assert!(
        out.contains("mac-roman (detected), CR line endings"),
        "{out}"
    );
    let before = snapshot(dir.path());
    let again = ok(dir.path(), &["import", &upr_info("voluntary.csv")]);
    assert!(
        again.contains("894 rows read, 0 created, 0 updated, 894 unchanged, 0 rejected"),
        "{again}"
    );
    assert_eq!(snapshot(dir.path()), before);
    audit_intact(dir.path());
}

/// `pledgewatch import FILE | head -0`: the reader goes away before the
/// report is printed. The import still completes, without a panic, and
/// the exit code says the report was not delivered.
#[test]
fn an_import_whose_reader_went_away_completes_without_a_panic() {
    let dir = new_database();
    let r = run_reader_gone(dir.path(), &["import", &upr_info("voluntary.csv")], &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "standard output did not take all of the output (closed early, or full); what the command did is done"
        ),
        "{}",
        r.stderr
    );
    let again = ok(
        dir.path(),
        &["import", &upr_info("voluntary.csv"), "--dry-run"],
    );
    assert!(
        again.contains("0 created, 0 updated, 894 unchanged"),
        "{again}"
    );
    // A command that fails says its own failure, not the closed output.
    let r = run_reader_gone(dir.path(), &["dossier", "show", "no-such-dossier"], &[]);
    assert_eq!(r.code, 4, "{}", r.stderr);
}

#[test]
fn a_dry_run_reports_everything_and_writes_nothing() {
    let dir = new_database();
    let db = dir.path().join("pledgewatch.db");
    let before = snapshot(dir.path());
    let file_before = std::fs::read(&db).unwrap();
    let out = ok(dir.path(), &["import", &upr_info("1-5.csv"), "--dry-run"]);
    assert!(
        out.contains("Dry run, nothing written: 5828 rows read, 5828 created, 0 updated, 0 unchanged, 0 rejected"),
        "{out}"
    );
    assert!(out.contains("recommendations 5828 created"), "{out}");
    assert_eq!(snapshot(dir.path()), before);
    assert_eq!(std::fs::read(&db).unwrap(), file_before);
}

#[test]
fn a_rejected_row_stops_the_import_and_skip_invalid_writes_it_to_a_file_to_correct() {
    let dir = new_database();
    // Data row 3 is on line 4, data row 5 on line 6.
    let sample = upr_info_sample(60, |i, line| match i {
        3 => replace(line, ",Accepted,", ",Maybe,"),
        5 => replace(line, "Afghanistan,", "Atlantis,"),
        _ => line.to_vec(),
    });
    let file = dir.path().join("sample.csv");
    std::fs::write(&file, &sample).unwrap();
    let before = snapshot(dir.path());

    let r = run_in(dir.path(), &["import", "sample.csv"]);
    assert_eq!(r.code, 3, "{}\n{}", r.stdout, r.stderr);
    assert!(
        r.stderr
            .contains("row 4, column 'Response', value 'Maybe': is not a response"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("row 6, column 'To', value 'Atlantis'"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("Nothing was imported"), "{}", r.stderr);
    assert_eq!(snapshot(dir.path()), before);

    let out = ok(
        dir.path(),
        &[
            "import",
            "sample.csv",
            "--skip-invalid",
            "--report",
            "report.csv",
        ],
    );
    assert!(
        out.contains("60 rows read, 58 created, 0 updated, 0 unchanged, 2 rejected"),
        "{out}"
    );
    assert!(out.contains("sample.rejected.csv"), "{out}");
    let report = std::fs::read_to_string(dir.path().join("report.csv")).unwrap();
    assert_eq!(report.lines().count(), 3, "{report}");
    assert!(
        report.starts_with("row,column,value,reason\n4,Response,Maybe,"),
        "{report}"
    );

    let rejects = std::fs::read_to_string(dir.path().join("sample.rejected.csv")).unwrap();
    assert_eq!(rejects.lines().count(), 3, "{rejects}");
    assert!(
        rejects.starts_with("To,To-Rgrp,To-Org,Text,From,"),
        "{rejects}"
    );
    let corrected = rejects
        .replace(",Maybe,", ",Accepted,")
        .replace("Atlantis,", "Afghanistan,");
    std::fs::write(dir.path().join("corrected.csv"), corrected).unwrap();
    let out = ok(dir.path(), &["import", "corrected.csv"]);
    assert!(
        out.contains("2 rows read, 2 created, 0 updated, 0 unchanged, 0 rejected"),
        "{out}"
    );
    assert!(out.contains("utf-8"), "{out}");
    // The corrected rows are those of the original file: it now imports whole.
    let original = upr_info_sample(60, |_, line| line.to_vec());
    std::fs::write(dir.path().join("original.csv"), original).unwrap();
    let out = ok(dir.path(), &["import", "original.csv"]);
    assert!(
        out.contains("60 rows read, 0 created, 0 updated, 60 unchanged, 0 rejected"),
        "{out}"
    );
    audit_intact(dir.path());
}

#[test]
fn hostile_files_are_refused_with_a_clear_error_and_change_nothing() {
    let dir = new_database();
    let before = snapshot(dir.path());
    let write = |name: &str, bytes: &[u8]| {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    };
    write("garbage.csv", b"To,From\n\x00\x01\x02\xff\xfe garbage");
    let mut long =
        b"To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session\n".to_vec();
    long.extend(std::iter::repeat_n(b'x', 100 * 1024 * 1024));
    write("long.csv", &long);
    drop(long);
    write("unknown.csv", b"name,age\nx,1\n");
    write("bad-mapping.toml", b"format = \"pledgewatch-mapping/1\"\ncollection = \"x\"\nentity = \"promise\"\nkey = [\"a\"]\n");
    let mac_roman = upr_info("1-5.csv");
    let cases: [(&[&str], &str); 6] = [
        (
            &["import", "garbage.csv"],
            "this is not a text file: it holds the control byte 0x00 at byte 8 (line 2)",
        ),
        (
            &["import", &mac_roman, "--encoding", "utf-8"],
            "is not valid UTF-8 as declared: the byte 0x8E",
        ),
        (
            &["import", "long.csv"],
            "line 2 is 104857600 bytes long, more than the 1048576 bytes a line may hold",
        ),
        (
            &["import", "unknown.csv"],
            "cannot tell the file's format from its header (name,age)",
        ),
        (
            &["import", "unknown.csv", "--mapping", "bad-mapping.toml"],
            "the mapping's entity: 'promise' is not an entity a mapping can make",
        ),
        (&["import", "missing.csv"], "missing.csv: No such file"),
    ];
    for (args, message) in cases {
        let r = run_in(dir.path(), args);
        assert_ne!(r.code, 0, "{args:?}");
        assert!(r.stderr.contains(message), "{args:?}: {}", r.stderr);
        assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    }
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn working_group_csvs_import_with_their_quirks() {
    let dir = new_database();
    let wg = |f: &str| {
        data(&format!("upr-wg-reports-2008-2014/year-csvs/{f}"))
            .to_str()
            .unwrap()
            .to_owned()
    };
    // CR line endings; every row good.
    let out = ok(dir.path(), &["import", &wg("2008data.csv")]);
    assert!(
        out.contains("917 rows read, 917 created, 0 updated, 0 unchanged, 0 rejected"),
        "{out}"
    );
    // A header of five columns, lowercase "from".
    let out = ok(dir.path(), &["import", &wg("haiti2011.csv")]);
    assert!(out.contains("136 rows read, 136 created"), "{out}");
    // Mixed line endings and line breaks inside quoted fields: every row
    // is accounted for, the few unreadable ones with their reasons.
    let r = run_in(dir.path(), &["import", &wg("2010data.csv"), "--dry-run"]);
    let line = r.stdout.lines().find(|l| l.contains("rows read")).unwrap();
    let numbers: Vec<u64> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    assert_eq!(numbers[0], 5_885, "{line}");
    assert_eq!(
        numbers[1] + numbers[2] + numbers[3] + numbers[4],
        5_885,
        "{line}"
    );
    audit_intact(dir.path());
}

#[test]
fn the_new_zealand_and_canada_trackers_import_through_their_mappings() {
    let dir = new_database();
    let nz = data("nz-coalition-commitments-2023/data.csv");
    let out = ok(
        dir.path(),
        &[
            "import",
            nz.to_str().unwrap(),
            "--mapping",
            &mapping("nz-coalition-2023.toml"),
        ],
    );
    assert!(
        out.contains("225 rows read, 225 created, 0 updated, 0 unchanged, 0 rejected"),
        "{out}"
    );
    let canada = data("canada-federal-commitments/2021-mandate-commitments.csv");
    let args = [
        "import",
        canada.to_str().unwrap(),
        "--mapping",
        &mapping("canada-2021-mandate-letters.toml"),
    ];
    let out = ok(dir.path(), &args);
    assert!(
        out.contains("760 rows read, 760 created, 0 updated, 0 unchanged, 0 rejected"),
        "{out}"
    );
    let again = ok(dir.path(), &args);
    assert!(again.contains("760 unchanged"), "{again}");
    audit_intact(dir.path());
}

#[test]
fn killing_an_import_midway_leaves_the_database_as_it_was() {
    let dir = new_database();
    ok(dir.path(), &["import", &upr_info("voluntary.csv")]);
    let before = snapshot(dir.path());
    let audit_before = ok(dir.path(), &["audit", "verify"]);
    // 100,000 rows made from the real ones: the import writes in chunks
    // for far longer than the test waits.
    big::write_upr_info(&dir.path().join("big.csv"), 100_000);
    let wal = dir.path().join("pledgewatch.db-wal");
    let wal_size = || std::fs::metadata(&wal).map_or(0, |m| m.len());
    let args = ["import", "big.csv"];
    // While reading and checking; once the transaction has begun writing;
    // and once it has written several chunks (pages of the open transaction
    // spill into the write-ahead log).
    for (after, delay_ms) in [(None, 300), (Some(0), 0), (Some(8 << 20), 200)] {
        big::kill_import(
            dir.path(),
            &args,
            &wal_size,
            after,
            Duration::from_millis(delay_ms),
        );
        assert_eq!(
            snapshot(dir.path()),
            before,
            "the database changed after a kill ({after:?} bytes written)"
        );
        integrity_ok(&dir.path().join("pledgewatch.db"));
        assert_eq!(ok(dir.path(), &["audit", "verify"]), audit_before);
    }
}

#[test]
fn what_was_removed_is_not_brought_back_by_importing_the_file_again() {
    let dir = new_database();
    let file = dir.path().join("sample.csv");
    std::fs::write(&file, upr_info_sample(10, |_, line| line.to_vec())).unwrap();
    let file = file.to_str().unwrap();
    ok(dir.path(), &["import", file]);
    let list = ok(
        dir.path(),
        &["export", "recommendations", "--format", "csv", "-o", "-"],
    );
    let id = list.lines().nth(1).unwrap().split(',').nth(1).unwrap();
    ok(
        dir.path(),
        &[
            "remove",
            "recommendation",
            id,
            "--version",
            "1",
            "--reason",
            "entered by mistake",
        ],
    );
    let before = snapshot(dir.path());
    let again = run_in(dir.path(), &["import", file]);
    assert_eq!(again.code, 3, "{}\n{}", again.stdout, again.stderr);
    let said = format!("{}{}", again.stdout, again.stderr);
    assert!(
        said.contains(&format!(
            "gives the recommendation {id}, which was removed from the database"
        )),
        "{said}"
    );
    assert_eq!(snapshot(dir.path()), before);
    // The other rows are unchanged; the removed one stays removed.
    let skipped = ok(dir.path(), &["import", file, "--skip-invalid"]);
    assert!(
        skipped.contains(", 0 created, 0 updated, 9 unchanged, 1 rejected."),
        "{skipped}"
    );
    assert_eq!(snapshot(dir.path()), before);
    let list = ok(
        dir.path(),
        &["export", "recommendations", "--format", "csv", "-o", "-"],
    );
    assert!(!list.contains(id));
    audit_intact(dir.path());
}

#[test]
fn a_rejects_or_report_file_naming_the_input_is_refused_before_anything_is_read() {
    let dir = new_database();
    let sample = upr_info_sample(20, |i, line| match i {
        3 => replace(line, ",Accepted,", ",Maybe,"),
        _ => line.to_vec(),
    });
    let file = dir.path().join("sample.csv");
    std::fs::write(&file, &sample).unwrap();
    let before = snapshot(dir.path());
    let cases: [&[&str]; 3] = [
        &[
            "import",
            "sample.csv",
            "--skip-invalid",
            "--rejects",
            "sample.csv",
        ],
        &[
            "import",
            "sample.csv",
            "--skip-invalid",
            "--report",
            "./sample.csv",
        ],
        &[
            "import",
            "sample.csv",
            "--rejects",
            "out.csv",
            "--report",
            "out.csv",
        ],
    ];
    for args in cases {
        let r = run_in(dir.path(), args);
        assert_eq!(r.code, 3, "{args:?}\n{}\n{}", r.stdout, r.stderr);
        assert!(
            r.stderr.contains("give another file name") || r.stderr.contains("give two file names"),
            "{}",
            r.stderr
        );
        assert_eq!(std::fs::read(&file).unwrap(), sample, "the input is intact");
        assert_eq!(snapshot(dir.path()), before, "nothing was imported");
    }
}

/// One entity of a pledgewatch JSON export: `data` is its fields after the id.
fn export_entity(kind: &str, id: &str, data: &str) -> String {
    format!("{{\"kind\":\"{kind}\",\"data\":{{\"id\":\"{id}\",{data}}}}}")
}

/// Writes a pledgewatch JSON export of `entities` to `dir/name`.
fn export_file(dir: &Path, name: &str, entities: &[String]) -> String {
    let path = dir.join(name);
    std::fs::write(
        &path,
        format!(
            "{{\"format\":\"pledgewatch-export/1\",\"entities\":[{}]}}",
            entities.join(",")
        ),
    )
    .unwrap();
    path.to_str().unwrap().to_owned()
}

/// A person's fields, holding one role of the actor `of`.
fn person(name: &str, role: &str, of: &str) -> String {
    format!(
        r#""kind":"person","name":"{name}","short_name":null,"country_code":null,"roles":[{{"title":"{role}","of":"{of}","from":null,"until":null}}]"#
    )
}

#[test]
fn a_row_giving_an_id_another_kind_holds_is_rejected_naming_it_in_a_dry_run_too() {
    let dir = new_database();
    let file = |name: &str, entities: &[String]| export_file(dir.path(), name, entities);
    let actor =
        r#""kind":"state","name":"Zedland","short_name":null,"country_code":null,"roles":[]"#;
    let concern = |title: &str| {
        format!(
            r#""title":"{title}","description":"Seen.","themes":[],"description_as_of":null,"earlier_descriptions":[]"#
        )
    };
    let (held, free) = (
        "0192f3c0-0000-7000-8000-00000000f002",
        "0192f3c0-0000-7000-8000-00000000f003",
    );
    let zedland = file("actor.json", &[export_entity("actor", held, actor)]);
    ok(dir.path(), &["import", &zedland]);
    let concerns = file(
        "concerns.json",
        &[
            export_entity("concern", free, &concern("A good concern")),
            export_entity("concern", held, &concern("Given the actor's id")),
        ],
    );
    let before = snapshot(dir.path());
    for args in [
        vec!["import", concerns.as_str(), "--dry-run"],
        vec!["import", concerns.as_str()],
    ] {
        let r = run_in(dir.path(), &args);
        assert_eq!(r.code, 3, "{args:?}: {}\n{}", r.stdout, r.stderr);
        let said = format!("{}{}", r.stdout, r.stderr);
        assert!(
            said.contains(&format!(
                "gives the concern {held}, an id the database gives its actor"
            )),
            "{said}"
        );
        assert_eq!(snapshot(dir.path()), before);
    }
    let skipped = ok(dir.path(), &["import", &concerns, "--skip-invalid"]);
    assert!(
        skipped.contains("1 created, 0 updated, 0 unchanged, 1 rejected."),
        "{skipped}"
    );
    audit_intact(dir.path());

    // Two kinds given one id within a file: the later row is rejected,
    // naming the earlier one's kind.
    let both = file(
        "both.json",
        &[
            export_entity("actor", "0192f3c0-0000-7000-8000-00000000f004", actor),
            export_entity(
                "concern",
                "0192f3c0-0000-7000-8000-00000000f004",
                &concern("Twin"),
            ),
        ],
    );
    let r = run_in(dir.path(), &["import", &both, "--dry-run"]);
    assert_eq!(r.code, 3, "{}\n{}", r.stdout, r.stderr);
    let said = format!("{}{}", r.stdout, r.stderr);
    assert!(said.contains("an id row 1 gives its actor"), "{said}");
}

#[test]
fn a_row_referring_to_what_only_a_later_row_gives_is_rejected_in_a_dry_run_too() {
    let dir = new_database();
    let file = |name: &str, entities: &[String]| export_file(dir.path(), name, entities);
    let (state, minister, concern) = (
        "0192f3c0-0000-7000-8000-00000000f011",
        "0192f3c0-0000-7000-8000-00000000f012",
        "0192f3c0-0000-7000-8000-00000000f013",
    );
    let zedland =
        r#""kind":"state","name":"Zedland","short_name":null,"country_code":null,"roles":[]"#;
    let minister_of = person("A. Minister", "Foreign minister", state);
    let seen = r#""title":"Seen","description":"Seen.","themes":[],"description_as_of":null,"earlier_descriptions":[]"#;
    // The minister (row 1) is of a state only row 2 gives: the write goes
    // in the file's order, so the dry run must say what the write would.
    let backwards = file(
        "backwards.json",
        &[
            export_entity("actor", minister, &minister_of),
            export_entity("actor", state, zedland),
            export_entity("concern", concern, seen),
        ],
    );
    let before = snapshot(dir.path());
    for args in [
        vec!["import", backwards.as_str(), "--dry-run"],
        vec!["import", backwards.as_str()],
    ] {
        let r = run_in(dir.path(), &args);
        assert_eq!(r.code, 3, "{args:?}: {}\n{}", r.stdout, r.stderr);
        let said = format!("{}{}", r.stdout, r.stderr);
        assert!(
            said.contains(&format!(
                "refers to the actor {state}, which only row 2, a later row, gives"
            )),
            "{said}"
        );
        assert_eq!(snapshot(dir.path()), before);
    }
    let skipped = ok(dir.path(), &["import", &backwards, "--skip-invalid"]);
    assert!(
        skipped.contains("2 created, 0 updated, 0 unchanged, 1 rejected."),
        "{skipped}"
    );
    // Once the database holds the state, the same order is fine.
    let again = ok(dir.path(), &["import", &backwards]);
    assert!(
        again.contains("1 created, 0 updated, 2 unchanged, 0 rejected."),
        "{again}"
    );
    audit_intact(dir.path());
}

/// The file `name` of `entities`, rejected for each of `reasons` by a dry
/// run and by the import, with nothing written.
fn rejected_unwritten(dir: &Path, name: &str, entities: &[String], reasons: &[&str]) {
    let file = export_file(dir, name, entities);
    let before = snapshot(dir);
    for dry in [true, false] {
        let mut args = vec!["import", file.as_str()];
        if dry {
            args.push("--dry-run");
        }
        let r = run_in(dir, &args);
        assert_eq!(r.code, 3, "{args:?}: {}\n{}", r.stdout, r.stderr);
        let said = format!("{}{}", r.stdout, r.stderr);
        for reason in reasons {
            assert!(said.contains(reason), "{args:?}: {reason}\n{said}");
        }
        assert_eq!(snapshot(dir), before);
    }
}

fn actor_id(n: u32) -> String {
    format!("0192f3c0-0000-7000-8000-0000000f{n:04}")
}

#[test]
fn a_loop_of_three_actors_is_named_round_from_each() {
    let dir = new_database();
    let id = actor_id;
    rejected_unwritten(
        dir.path(),
        "three.json",
        &[
            export_entity("actor", &id(11), &person("X", "Deputy", &id(12))),
            export_entity("actor", &id(12), &person("Y", "Deputy", &id(13))),
            export_entity("actor", &id(13), &person("Z", "Deputy", &id(11))),
        ],
        &[
            "Z already holds a role of this actor, directly or through others (X → Y → Z → X",
            "(Y → Z → X → Y, each holding a role of the next)",
            "(Z → X → Y → Z,",
        ],
    );
}

#[test]
fn roles_going_round_in_a_loop_or_of_the_actor_itself_are_rejected_before_the_write() {
    let dir = new_database();
    let id = actor_id;
    let refused = |name: &str, entities: &[String], reasons: &[&str]| {
        rejected_unwritten(dir.path(), name, entities, reasons)
    };
    // Two actors each the other's, in one file.
    refused(
        "loop.json",
        &[
            export_entity("actor", &id(1), &person("A", "Deputy", &id(2))),
            export_entity("actor", &id(2), &person("B", "Deputy", &id(1))),
        ],
        &[
            "B already holds a role of this actor",
            "A already holds a role of this actor",
        ],
    );
    // An actor whose role is of itself.
    refused(
        "self.json",
        &[export_entity(
            "actor",
            &id(3),
            &person("C", "Chair", &id(3)),
        )],
        &["a role cannot be of the actor that holds it"],
    );
    // A loop closed through the database: B (stored) is of A; the file
    // makes A of B.
    let state = r#""kind":"state","name":"A","short_name":null,"country_code":null,"roles":[]"#;
    let stored = export_file(
        dir.path(),
        "stored.json",
        &[
            export_entity("actor", &id(4), state),
            export_entity("actor", &id(5), &person("B", "Envoy", &id(4))),
        ],
    );
    ok(dir.path(), &["import", &stored]);
    refused(
        "closing.json",
        &[export_entity(
            "actor",
            &id(4),
            &person("A", "Deputy", &id(5)),
        )],
        &["B already holds a role of this actor"],
    );
    // A row referring to a rejected row's actor falls with it: row 1 is of
    // an actor only row 2 gives, row 3 of row 1's actor.
    refused(
        "chain.json",
        &[
            export_entity("actor", &id(6), &person("D", "Envoy", &id(7))),
            export_entity("actor", &id(7), state),
            export_entity("actor", &id(8), &person("E", "Aide", &id(6))),
        ],
        &[
            "which only row 2, a later row, gives",
            "which row 1 gives, and row 1 is rejected",
        ],
    );
    audit_intact(dir.path());
}
