//! An import on both backends, written chunk by chunk in one transaction:
//! every entity it creates has its audit entry and, if its kind is
//! searched, is found by search at once; a second import of the same file
//! creates nothing. Runs on the testkit's harness, once per backend.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use pledgewatch_core::audit::AuditSubject;
use pledgewatch_core::model::EntityKind;
use pledgewatch_core::search::search_document;
use pledgewatch_core::storage::{SearchQuery, Storage};
use pledgewatch_exchange::file::{ImportRequest, import_file};
use pledgewatch_exchange::import::Quiet;
use pledgewatch_exchange::{decode, table};
use pledgewatch_testkit::{TestDb, backend_trials, every_test_here_is_a_trial};

fn main() {
    let mut trials = backend_trials!(tests {
        every_entity_an_import_creates_is_audited_and_searchable,
    });
    trials.push(every_test_here_is_a_trial(&[include_str!(
        "import_backends.rs"
    )]));
    pledgewatch_testkit::run(trials);
}

/// `rows` rows of the real UPR Info recommendations (UTF-8), the first
/// file's rows again and again with the text of each round after the first
/// marked "replayed kNz" (N the row's number: words the real texts do not
/// hold), so that they are new records.
fn upr_info_rows(rows: usize) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/upr-info-recommendations-sessions-1-20/1-5.csv");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let t = table::read(&decode::decode(&bytes, None).unwrap().text, b',').unwrap();
    let text_at = t.column("Text").unwrap();
    let mut out = Vec::with_capacity(rows);
    for round in 0.. {
        for row in &t.rows {
            if out.len() == rows {
                return table::write(&t.header, &out).unwrap();
            }
            let mut cells = row.cells.clone();
            if round > 0 {
                cells[text_at] =
                    format!("{} (replayed k{}z)", cells[text_at].trim_end(), out.len());
            }
            out.push(cells);
        }
    }
    unreachable!()
}

mod tests {
    use super::*;

    pub async fn every_entity_an_import_creates_is_audited_and_searchable(db: &TestDb) {
        let store = &db.store;
        let context = pledgewatch_core::service::context("tester", Some("import")).unwrap();
        let request = ImportRequest {
            file_name: "big.csv".into(),
            ..ImportRequest::default()
        };
        // More rows than one chunk holds entities, so that later chunks
        // refer to entities written by earlier ones.
        let bytes = upr_info_rows(12_000);
        let before = store.audit_seq().await.unwrap();
        let imported = import_file(store, &context, &bytes, &request, &Quiet)
            .await
            .unwrap();
        let s = &imported.summary;
        assert!(s.written && s.rejected == 0, "{s:?}");
        let created: u64 = s.entities.values().map(|c| c.created).sum();
        assert!(created > 12_000, "{s:?}");
        assert_eq!(s.audit_entries, created);
        assert_eq!(store.audit_seq().await.unwrap() - before, created as i64);
        let report = store.verify_audit().await.unwrap();
        assert_eq!(report.broken, None);

        // Every entity is stored, with its one audit entry (every 40th
        // looked at); every 20th entity of a searched kind whose text was
        // marked is found by a search for its row's mark.
        let mut stored = 0;
        let mut marks: Vec<(uuid::Uuid, String)> = Vec::new();
        for kind in EntityKind::ALL.iter().copied() {
            let all = store.list(kind, 1_000_000, 0).await.unwrap();
            stored += all.len() as u64;
            for (i, e) in all.iter().enumerate() {
                if i % 40 == 0 {
                    let history = store
                        .history(AuditSubject::Record(kind), e.entity.id())
                        .await
                        .unwrap();
                    assert_eq!(history.len(), 1, "{kind} {}", e.entity.id());
                }
                let Some(doc) = search_document(&e.entity) else {
                    continue;
                };
                let text = format!("{} {}", doc.title, doc.body);
                let mark = text
                    .split(|c: char| !c.is_alphanumeric())
                    .find(|w| w.starts_with('k') && w.ends_with('z') && w.len() > 2);
                if let Some(mark) = mark {
                    marks.push((e.entity.id(), mark.to_owned()));
                }
            }
        }
        assert_eq!(stored, created);
        assert!(marks.len() > 4_000, "{}", marks.len());
        let index = db.search_index().await;
        for (id, mark) in marks.iter().step_by(20) {
            let hits = index
                .search(&SearchQuery {
                    text: mark.clone(),
                    kinds: Vec::new(),
                    include_confidential: true,
                    include_drafts: true,
                    limit: 100,
                })
                .await
                .unwrap();
            assert!(
                hits.iter().any(|h| h.id == *id),
                "{id} ({mark}) is not found"
            );
        }
        index.close().await;

        // The same file again creates nothing.
        let again = import_file(store, &context, &bytes, &request, &Quiet)
            .await
            .unwrap();
        assert_eq!(again.summary.created, 0, "{:?}", again.summary);
        assert!(!again.summary.written);
        assert_eq!(store.audit_seq().await.unwrap() - before, created as i64);
    }
}
