//! `pledgewatch export` on PostgreSQL: the demo gives the same files as on
//! SQLite, and the dossier imported into an empty PostgreSQL database
//! exports the same again. Without a server (`PLEDGEWATCH_TEST_POSTGRES_URL`)
//! it is reported as ignored with the reason; under CI and `./test` it fails.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

use common::exports::{DOSSIER, export_everything, import_into, read};
use common::ok;
use pledgewatch_exchange::format::{self, KINDS};
use pledgewatch_testkit::{TestDb, block_on, every_test_here_is_a_trial, need, trial_needing};

fn main() {
    pledgewatch_testkit::run(vec![
        trial_needing(
            "postgresql_and_sqlite_give_the_same_exports_and_take_them_back",
            need::postgres_server(),
            |_| block_on(postgresql_and_sqlite_give_the_same_exports_and_take_them_back()),
        ),
        every_test_here_is_a_trial(&[include_str!("export_postgres.rs")]),
    ]);
}

/// Exports with the binary from the database at `url`, into `dir`.
fn export(dir: &Path, url: &str, args: &[&str]) {
    let mut all = vec!["--db", url, "export"];
    all.extend_from_slice(args);
    ok(dir, &all);
}

async fn postgresql_and_sqlite_give_the_same_exports_and_take_them_back() {
    let test = "export_postgres";
    let sqlite = tempfile::tempdir().unwrap();
    ok(sqlite.path(), &["demo"]);
    let names = export_everything(sqlite.path());

    let db = TestDb::postgres(test).await.unwrap();
    let url = db.url_string();
    let pg = tempfile::tempdir().unwrap();
    ok(pg.path(), &["--db", &url, "demo"]);
    for format in ["json", "csv"] {
        let file = format!("dossier.{format}");
        export(
            pg.path(),
            &url,
            &["dossier", DOSSIER, "--format", format, "-o", &file],
        );
        for kind in KINDS {
            let plural = format::plural(kind.as_str());
            let file = format!("{plural}.{format}");
            export(pg.path(), &url, &[&plural, "--format", format, "-o", &file]);
        }
    }
    db.drop_database().await;
    for file in &names {
        assert!(
            read(sqlite.path(), file) == read(pg.path(), file),
            "{file} differs between SQLite and PostgreSQL"
        );
    }

    // The dossier imported into an empty PostgreSQL database exports the same.
    let db = TestDb::postgres(test).await.unwrap();
    let url = db.url_string();
    import_into(&url, &[read(sqlite.path(), "dossier.csv")]).await;
    let again = tempfile::tempdir().unwrap();
    export(
        again.path(),
        &url,
        &["dossier", DOSSIER, "--format", "csv", "-o", "dossier.csv"],
    );
    db.drop_database().await;
    assert!(read(sqlite.path(), "dossier.csv") == read(again.path(), "dossier.csv"));
}
