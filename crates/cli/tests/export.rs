//! `pledgewatch export`: every list and the demo dossier, in CSV and JSON,
//! survive an import into an empty database byte for byte; the public sees
//! only what is published; failures leave no file behind.
//!
//! The imports here are `pledgewatch import`, one file after the other.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

use common::exports::{DOSSIER, export_everything, import_into, read};
use common::{ok, run_in};
use pledgewatch_core::model::{Entity, EntityKind, Slug};
use pledgewatch_core::service::{self, Services};
use pledgewatch_core::storage::{Change, Storage};
use pledgewatch_core::view::Audience;
use pledgewatch_exchange::export::{self, Selection};
use pledgewatch_exchange::format::{self, KINDS};

fn database(dir: &Path) -> String {
    format!("sqlite:{}", dir.join("pledgewatch.db").display())
}

/// Reads files of the project's own format and creates their entities in
/// the (migrated, empty) database of `dir`, in one batch.
async fn import(dir: &Path, files: &[Vec<u8>]) {
    import_into(&database(dir), files).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_list_exported_imported_into_an_empty_database_and_exported_again_is_identical() {
    let first = tempfile::tempdir().unwrap();
    ok(first.path(), &["demo"]);
    let names = export_everything(first.path());
    for format in ["json", "csv"] {
        let second = tempfile::tempdir().unwrap();
        let lists: Vec<Vec<u8>> = KINDS
            .iter()
            .map(|k| {
                read(
                    first.path(),
                    &format!("{}.{format}", format::plural(k.as_str())),
                )
            })
            .collect();
        import(second.path(), &lists).await;
        let again = export_everything(second.path());
        assert_eq!(again, names);
        for name in &names {
            assert!(
                read(first.path(), name) == read(second.path(), name),
                "{name} differs after a round trip through {format}"
            );
        }
    }
    // The demo has something of every kind a dossier holds.
    let dossier = String::from_utf8(read(first.path(), "dossier.json")).unwrap();
    for kind in KINDS.iter().filter(|k| **k != EntityKind::Candidate) {
        assert!(
            dossier.contains(&format!("\"kind\": \"{}\"", kind.as_str())),
            "the demo dossier export has no {kind}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_dossier_export_alone_imports_into_an_empty_database_and_exports_identically() {
    let first = tempfile::tempdir().unwrap();
    ok(first.path(), &["demo"]);
    for format in ["json", "csv"] {
        let name = format!("dossier.{format}");
        ok(
            first.path(),
            &[
                "export", "dossier", DOSSIER, "--format", format, "-o", &name,
            ],
        );
        let second = tempfile::tempdir().unwrap();
        import(second.path(), &[read(first.path(), &name)]).await;
        ok(
            second.path(),
            &[
                "export", "dossier", DOSSIER, "--format", format, "-o", &name,
            ],
        );
        assert!(
            read(first.path(), &name) == read(second.path(), &name),
            "the dossier differs after a round trip through {format}"
        );
        // The view built from the imported records is the same as the original's.
        let show = [
            "dossier",
            "show",
            DOSSIER,
            "--as-of",
            "2008-05-31",
            "--format",
            "json",
        ];
        assert_eq!(ok(first.path(), &show), ok(second.path(), &show));
    }
}

#[test]
fn real_exports_are_valid_against_the_published_schema() {
    let schema: serde_json::Value = serde_json::from_str(include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../schemas/pledgewatch-export-1.schema.json"
    )))
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["demo"]);
    let mut names = vec!["dossier.json".to_owned(), "public.json".to_owned()];
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
    ok(
        dir.path(),
        &[
            "export",
            "dossier",
            DOSSIER,
            "--format",
            "json",
            "--public",
            "-o",
            "public.json",
        ],
    );
    for kind in KINDS {
        let plural = format::plural(kind.as_str());
        let name = format!("{plural}.json");
        ok(
            dir.path(),
            &["export", &plural, "--format", "json", "-o", &name],
        );
        names.push(name);
    }
    let mut records = 0;
    for name in names {
        let document: serde_json::Value = serde_json::from_slice(&read(dir.path(), &name)).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&document)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
        records += document["entities"].as_array().unwrap().len();
    }
    assert!(records > 100, "only {records} records were checked");
    let mut broken: serde_json::Value =
        serde_json::from_slice(&read(dir.path(), "dossier.json")).unwrap();
    broken["entities"][0]["data"]["kind"] = serde_json::json!("planet");
    assert!(!validator.is_valid(&broken));
}

#[test]
fn two_exports_of_the_same_data_are_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["demo"]);
    for format in ["json", "csv"] {
        ok(
            dir.path(),
            &["export", "dossier", DOSSIER, "--format", format, "-o", "a"],
        );
        ok(
            dir.path(),
            &["export", "dossier", DOSSIER, "--format", format, "-o", "b"],
        );
        assert_eq!(read(dir.path(), "a"), read(dir.path(), "b"));
    }
}

#[test]
fn kind_names_are_taken_singular_or_plural_and_unknown_ones_list_the_valid_ones() {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["demo"]);
    ok(
        dir.path(),
        &["export", "commitment", "--format", "json", "-o", "one.json"],
    );
    ok(
        dir.path(),
        &[
            "export",
            "commitments",
            "--format",
            "json",
            "-o",
            "many.json",
        ],
    );
    assert_eq!(read(dir.path(), "one.json"), read(dir.path(), "many.json"));
    ok(
        dir.path(),
        &[
            "export",
            "recipient-lists",
            "--format",
            "csv",
            "-o",
            "r.csv",
        ],
    );

    let r = run_in(
        dir.path(),
        &["export", "pledges", "--format", "csv", "-o", "p.csv"],
    );
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(
        r.stderr.contains("'pledges' is not a kind of record"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("commitments, developments"),
        "{}",
        r.stderr
    );
    let r = run_in(
        dir.path(),
        &["export", "dossier", "--format", "csv", "-o", "d.csv"],
    );
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(r.stderr.contains("slug"), "{}", r.stderr);
    let r = run_in(
        dir.path(),
        &[
            "export", "dossier", "no-such", "--format", "csv", "-o", "d.csv",
        ],
    );
    assert_eq!(r.code, 4, "{}", r.stderr);
    let r = run_in(
        dir.path(),
        &["export", "actors", "--format", "xml", "-o", "a.xml"],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    for name in ["p.csv", "d.csv", "a.xml"] {
        assert!(!dir.path().join(name).exists(), "{name} was written");
    }
}

#[test]
fn a_failed_export_leaves_an_existing_file_untouched_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["demo"]);
    std::fs::write(dir.path().join("keep.json"), "old").unwrap();
    let r = run_in(
        dir.path(),
        &[
            "export",
            "dossier",
            "no-such",
            "--format",
            "json",
            "-o",
            "keep.json",
        ],
    );
    assert_eq!(r.code, 4);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("keep.json")).unwrap(),
        "old"
    );
    let r = run_in(
        dir.path(),
        &[
            "export",
            "actors",
            "--format",
            "json",
            "-o",
            "missing-folder/a.json",
        ],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("missing-folder/a.json"), "{}", r.stderr);
    let mut left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("pledgewatch.db"))
        .collect();
    left.sort();
    assert_eq!(left, ["keep.json"]);
}

#[test]
fn a_dash_writes_the_export_to_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["demo"]);
    let out = ok(
        dir.path(),
        &["export", "milestones", "--format", "json", "-o", "-"],
    );
    assert!(
        out.starts_with("{\n  \"format\": \"pledgewatch-export/1\""),
        "{out}"
    );
    ok(
        dir.path(),
        &["export", "milestones", "--format", "json", "-o", "m.json"],
    );
    assert_eq!(out.as_bytes(), read(dir.path(), "m.json"));
}

/// The demo with one commitment withdrawn from the public and one source
/// made confidential.
async fn demo_with_secrets(dir: &Path) -> (pledgewatch_store::Store, Entity, Entity) {
    ok(dir, &["demo"]);
    let store = pledgewatch_store::open_and_migrate(&database(dir))
        .await
        .unwrap();
    let slug = Slug::parse(DOSSIER).unwrap();
    let team = export::gather(&store, &Selection::Dossier(slug), Audience::Team)
        .await
        .unwrap();
    let hidden = team
        .iter()
        .find(|e| matches!(e, Entity::Commitment(c) if c.quote.is_some()))
        .cloned()
        .unwrap();
    // A source a quote of another commitment comes from.
    let quoted_source = team
        .iter()
        .filter_map(|e| match e {
            Entity::Commitment(c) if c.id.0 != hidden.id() => c.quote,
            _ => None,
        })
        .find_map(|q| {
            team.iter().find_map(|e| match e {
                Entity::Quote(quote) if quote.id == q => Some(quote.source),
                _ => None,
            })
        })
        .unwrap();
    let stored = store
        .get(EntityKind::Source, quoted_source.0)
        .await
        .unwrap()
        .unwrap();
    let Entity::Source(mut source) = stored.entity else {
        panic!("not a source")
    };
    source.confidential = true;
    let context = service::context("tester", Some("Protect a witness")).unwrap();
    Services::new(&store)
        .apply(
            &context,
            vec![
                Change::Unpublish {
                    kind: EntityKind::Commitment,
                    id: hidden.id(),
                },
                Change::Update {
                    entity: Entity::Source(source.clone()),
                    expected_version: stored.meta.version,
                },
            ],
        )
        .await
        .unwrap();
    (store, hidden, Entity::Source(source))
}

#[tokio::test(flavor = "multi_thread")]
async fn the_public_dossier_export_leaves_out_drafts_and_confidential_sources_and_still_imports() {
    let first = tempfile::tempdir().unwrap();
    let (store, hidden, secret) = demo_with_secrets(first.path()).await;
    let slug = Slug::parse(DOSSIER).unwrap();
    let selection = Selection::Dossier(slug);
    let team = export::gather(&store, &selection, Audience::Team)
        .await
        .unwrap();
    let public = export::gather(&store, &selection, Audience::Public)
        .await
        .unwrap();
    let json = String::from_utf8(
        export::export(&store, &selection, Audience::Public, export::Format::Json)
            .await
            .unwrap(),
    )
    .unwrap();
    store.close().await;

    let ids = |list: &[Entity]| list.iter().map(Entity::id).collect::<Vec<_>>();
    assert!(ids(&team).contains(&hidden.id()) && ids(&team).contains(&secret.id()));
    for gone in [hidden.id(), secret.id()] {
        assert!(!ids(&public).contains(&gone));
        assert!(!json.contains(&gone.to_string()), "{gone} is still named");
    }
    // Nothing public quotes the confidential source.
    for e in &public {
        if let Entity::Quote(q) = e {
            assert_ne!(q.source.0, secret.id());
        }
    }
    assert!(public.len() < team.len());
    assert!(public.iter().any(|e| e.kind() == EntityKind::Commitment));

    let second = tempfile::tempdir().unwrap();
    import(second.path(), &[json.into_bytes()]).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn public_lists_hold_only_published_records_and_no_confidential_source() {
    let dir = tempfile::tempdir().unwrap();
    let (store, hidden, secret) = demo_with_secrets(dir.path()).await;
    let commitments = export::gather(
        &store,
        &Selection::List(EntityKind::Commitment),
        Audience::Public,
    )
    .await
    .unwrap();
    let all = export::gather(
        &store,
        &Selection::List(EntityKind::Commitment),
        Audience::Team,
    )
    .await
    .unwrap();
    assert_eq!(commitments.len() + 1, all.len());
    assert!(!commitments.iter().any(|e| e.id() == hidden.id()));
    let sources = export::gather(
        &store,
        &Selection::List(EntityKind::Source),
        Audience::Public,
    )
    .await
    .unwrap();
    assert!(!sources.is_empty());
    assert!(!sources.iter().any(|e| e.id() == secret.id()));
    let quotes = export::gather(
        &store,
        &Selection::List(EntityKind::Quote),
        Audience::Public,
    )
    .await
    .unwrap();
    assert!(
        quotes
            .iter()
            .all(|e| !matches!(e, Entity::Quote(q) if q.source.0 == secret.id()))
    );
    // Developments keep their other sources but do not name the secret one.
    let developments = export::gather(
        &store,
        &Selection::List(EntityKind::Development),
        Audience::Public,
    )
    .await
    .unwrap();
    for e in &developments {
        if let Entity::Development(d) = e {
            assert!(d.sources.iter().all(|s| s.0 != secret.id()));
            assert!(!d.sources.is_empty());
        }
    }
    let dossiers = export::gather(
        &store,
        &Selection::List(EntityKind::Dossier),
        Audience::Public,
    )
    .await
    .unwrap();
    let Entity::Dossier(d) = &dossiers[0] else {
        panic!()
    };
    assert!(!d.commitments.iter().any(|c| c.0 == hidden.id()));
    store.close().await;
}

#[test]
fn importing_an_export_again_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["demo"]);
    for format in ["json", "csv"] {
        let name = format!("dossier.{format}");
        ok(
            dir.path(),
            &[
                "export", "dossier", DOSSIER, "--format", format, "-o", &name,
            ],
        );
        let before = read(dir.path(), "pledgewatch.db");
        let out = ok(dir.path(), &["import", &name, "--reason", "Again"]);
        assert!(
            out.contains("Nothing to change") && out.contains(" 0 created, 0 updated, "),
            "{out}"
        );
        assert!(
            before == read(dir.path(), "pledgewatch.db"),
            "a re-import changed the database"
        );
    }
}
