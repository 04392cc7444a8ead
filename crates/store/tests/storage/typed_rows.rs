//! Rows are read by column name into typed values: a NULL where the Rust
//! side needs a value is a storage error naming the table and the column,
//! never a default, an empty list or "not found".

use pledgewatch_core::error::Error;
use pledgewatch_core::storage::Storage;

use crate::harness::{TestDb, load_demo};

/// Lets `dossiers.version` hold NULL (the migrations forbid it), then
/// writes one there, as a damaged or hand-edited database might.
async fn null_dossier_versions(db: &TestDb) {
    let sql = match db.backend.as_str() {
        // SQLite cannot drop a NOT NULL: the table is rebuilt without it
        // (nothing refers to dossiers, so the foreign keys stay intact;
        // the publications' triggers name it, so the rename leaves them
        // as they are).
        "sqlite" => {
            "PRAGMA foreign_keys = OFF; \
             PRAGMA legacy_alter_table = ON; \
             CREATE TABLE dossiers_loose AS SELECT * FROM dossiers; \
             DROP TABLE dossiers; \
             ALTER TABLE dossiers_loose RENAME TO dossiers; \
             UPDATE dossiers SET version = NULL; \
             PRAGMA legacy_alter_table = OFF; \
             PRAGMA foreign_keys = ON;"
        }
        _ => {
            "ALTER TABLE dossiers ALTER COLUMN version DROP NOT NULL; \
             UPDATE dossiers SET version = NULL;"
        }
    };
    db.store.execute_raw(sql).await.unwrap();
}

pub async fn a_null_in_a_required_column_is_a_storage_error_naming_table_and_column(db: &TestDb) {
    load_demo(&db.store).await;
    let slug = crate::suite::demo_slug();
    assert!(db.store.dossier_by_slug(&slug).await.unwrap().is_some());
    null_dossier_versions(db).await;

    for result in [
        db.store.list_dossiers().await.map(|d| d.len()),
        db.store
            .dossier_by_slug(&slug)
            .await
            .map(|d| usize::from(d.is_some())),
    ] {
        let err = result.unwrap_err();
        assert!(matches!(err, Error::Storage { .. }), "{err:?}");
        let message = err.to_string();
        assert!(
            message.contains("dossiers.version is NULL where a value is required"),
            "{message}"
        );
        let source = std::error::Error::source(&err).map(ToString::to_string);
        assert!(
            source.is_some_and(|s| s.contains("dossiers.version")),
            "the cause is kept as the error's source"
        );
    }
}
