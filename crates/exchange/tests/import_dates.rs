//! Import and the date rules between assessments and commitments: a row
//! that moves a commitment after a stored assessment rating it is rejected
//! on its own, naming `made_on`, and the rest of the file goes in; moving
//! the commitment together with its assessments is accepted.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use pledgewatch_core::dataset;
use pledgewatch_core::ids::CommitmentId;
use pledgewatch_core::model::{Records, Slug};
use pledgewatch_core::service::{Services, context};
use pledgewatch_core::storage::Storage;
use pledgewatch_core::view::Audience;
use pledgewatch_exchange::export::{Format as ExportFormat, Selection, export};
use pledgewatch_exchange::file::{ImportRequest, Imported, import_file};
use pledgewatch_exchange::import::{Options, Quiet};
use pledgewatch_store::{DatabaseUrl, OpenMode, Store};
use serde_json::Value;

const DOSSIER: &str = "kazakhstan-osce-2010";
const STATEMENT: &str = "Incorporate ODIHR's recommendations in the election legislation";

/// A store holding the demo dossier, and the dossier's export.
async fn demo(dir: &tempfile::TempDir) -> (Store, Value) {
    let store = Store::open(
        &DatabaseUrl::Sqlite(dir.path().join("dates.db")),
        OpenMode::CreateIfMissing,
    )
    .await
    .unwrap();
    store.migrate().await.unwrap();
    let text = include_str!("../../core/src/demo/kazakhstan-osce-2010.json");
    let ctx = context("tester", Some("demo")).unwrap();
    dataset::load(&Services::new(&store), text, &ctx, true)
        .await
        .unwrap();
    let selection = Selection::Dossier(Slug::parse(DOSSIER).unwrap());
    let bytes = export(&store, &selection, Audience::Team, ExportFormat::Json)
        .await
        .unwrap();
    (store, serde_json::from_slice(&bytes).unwrap())
}

/// The commitment of `STATEMENT` in an export, and its id.
fn commitment(export: &mut Value) -> (&mut Value, String) {
    let c = export["entities"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|e| e["kind"] == "commitment" && e["data"]["statement"] == STATEMENT)
        .expect("the ODIHR commitment");
    let id = c["data"]["id"].as_str().unwrap().to_owned();
    (c, id)
}

async fn import(store: &Store, export: &Value) -> Imported {
    let request = ImportRequest {
        file_name: "dossier.json".into(),
        options: Options {
            skip_invalid: true,
            dry_run: false,
        },
        ..ImportRequest::default()
    };
    let ctx = context("tester", Some("import")).unwrap();
    let bytes = serde_json::to_vec(export).unwrap();
    import_file(store, &ctx, &bytes, &request, &Quiet)
        .await
        .unwrap()
}

async fn made_on(store: &Store, id: &str) -> String {
    let id = CommitmentId::parse(id).unwrap();
    let stored = store.get_record(id).await.unwrap().unwrap();
    stored.entity.made_on.to_string()
}

#[tokio::test]
async fn a_row_moving_a_commitment_after_its_stored_assessment_is_rejected_alone() {
    let dir = tempfile::tempdir().unwrap();
    let (store, mut file) = demo(&dir).await;
    let (c, id) = commitment(&mut file);
    // Its first assessment is of 2008-05-28.
    c["data"]["made_on"] = Value::from("2008-06-01");

    let imported = import(&store, &file).await;
    let summary = &imported.summary;
    assert_eq!(summary.rejected, 1, "{:?}", summary.rejected_rows);
    let errors: Vec<_> = summary.report().collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    let error = errors[0];
    assert_eq!(error.column.as_deref(), Some("commitment.made_on"));
    assert_eq!(error.value.as_deref(), Some("2008-06-01"));
    assert_eq!(
        error.reason,
        "2008-06-01 is after the assessment of 2008-05-28 that rates this commitment; \
         change or remove that assessment first"
    );
    // Every other row is the stored record as it is: imported, unchanged.
    assert_eq!(summary.unchanged, summary.rows_read - 1);
    assert_eq!((summary.created, summary.updated), (0, 0));
    assert_eq!(made_on(&store, &id).await, "2007-11-29");
}

#[tokio::test]
async fn a_row_moving_a_commitment_is_rejected_while_other_rows_change() {
    let dir = tempfile::tempdir().unwrap();
    let (store, mut file) = demo(&dir).await;
    let (c, id) = commitment(&mut file);
    c["data"]["made_on"] = Value::from("2008-06-01");
    let other = file["entities"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|e| e["kind"] == "concern")
        .unwrap();
    other["data"]["title"] = Value::from("Freedom of assembly, renamed");

    let imported = import(&store, &file).await;
    assert_eq!(imported.summary.rejected, 1);
    assert_eq!(imported.summary.updated, 1);
    assert!(imported.summary.written, "the good rows are written");
    assert_eq!(made_on(&store, &id).await, "2007-11-29");
}

#[tokio::test]
async fn a_commitment_moved_with_its_assessments_is_imported() {
    let dir = tempfile::tempdir().unwrap();
    let (store, mut file) = demo(&dir).await;
    let (c, id) = commitment(&mut file);
    c["data"]["made_on"] = Value::from("2008-06-01");
    let mut moved = 0;
    for e in file["entities"].as_array_mut().unwrap() {
        if e["kind"] == "assessment"
            && e["data"]["commitment"] == id.as_str()
            && e["data"]["as_of"].as_str().unwrap() < "2008-06-01"
        {
            e["data"]["as_of"] = Value::from("2008-06-01");
            moved += 1;
        }
    }
    assert!(moved > 0);

    let imported = import(&store, &file).await;
    assert_eq!(
        imported.summary.rejected, 0,
        "{:?}",
        imported.summary.rejected_rows
    );
    assert_eq!(imported.summary.updated, 1 + moved);
    assert!(imported.summary.written);
    assert_eq!(made_on(&store, &id).await, "2008-06-01");
}

#[tokio::test]
async fn a_commitment_moved_after_an_assessment_moved_too_early_rejects_both_rows() {
    // The assessment's row falls for its own date; its stored date then holds
    // the commitment back, so the commitment's row falls too rather than the
    // whole file at the write.
    let dir = tempfile::tempdir().unwrap();
    let (store, mut file) = demo(&dir).await;
    let (c, id) = commitment(&mut file);
    c["data"]["made_on"] = Value::from("2008-06-01");
    let assessment = file["entities"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|e| {
            e["kind"] == "assessment"
                && e["data"]["commitment"] == id.as_str()
                && e["data"]["as_of"] == "2008-05-28"
        })
        .unwrap();
    assessment["data"]["as_of"] = Value::from("2008-05-30");

    let imported = import(&store, &file).await;
    let columns: Vec<_> = imported
        .summary
        .report()
        .map(|e| e.column.clone().unwrap_or_default())
        .collect();
    assert_eq!(imported.summary.rejected, 2, "{columns:?}");
    assert!(
        columns.contains(&"assessment.as_of".to_owned()),
        "{columns:?}"
    );
    assert!(
        columns.contains(&"commitment.made_on".to_owned()),
        "{columns:?}"
    );
    assert_eq!(made_on(&store, &id).await, "2007-11-29");
}

#[tokio::test]
async fn a_row_referring_to_a_rejected_row_names_that_row_even_when_the_record_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let (store, mut file) = demo(&dir).await;
    let (c, id) = commitment(&mut file);
    // The commitment is stored; this row binds it to an actor nobody has.
    c["data"]["bound"] = Value::from("00000000-0000-4000-8000-000000000001");

    let imported = import(&store, &file).await;
    let errors: Vec<_> = imported.summary.report().collect();
    let bound = errors
        .iter()
        .find(|e| e.column.as_deref() == Some("commitment.bound"))
        .expect("the commitment's row is rejected for its actor");
    let followers: Vec<_> = errors
        .iter()
        .filter(|e| e.value.as_deref() == Some(id.as_str()))
        .collect();
    assert!(!followers.is_empty(), "{errors:?}");
    for e in followers {
        assert_eq!(
            e.reason,
            format!(
                "refers to the commitment {id}, which row {row} gives, and row {row} is rejected",
                row = bound.row
            ),
            "{e}"
        );
    }
}
