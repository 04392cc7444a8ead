//! `pledgewatch import` on PostgreSQL, killed with SIGKILL midway: the
//! database is left exactly as it was (the import writes in one
//! transaction). Without a server (`PLEDGEWATCH_TEST_POSTGRES_URL`) it is
//! reported as ignored with the reason; under CI and `./test` it fails.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;
use std::time::Duration;

use common::{big, ok};
use pledgewatch_testkit::{TestDb, every_test_here_is_a_trial, need, trial_needing};

fn main() {
    pledgewatch_testkit::run(vec![
        trial_needing(
            "killing_an_import_midway_leaves_the_postgresql_database_as_it_was",
            need::postgres_server(),
            |_| killing_an_import_midway_leaves_the_postgresql_database_as_it_was(),
        ),
        every_test_here_is_a_trial(&[include_str!("import_postgres.rs")]),
    ]);
}

/// A byte-exact snapshot of every table of the database at `url`.
fn snapshot(dir: &Path, url: &str) -> Vec<u8> {
    let file = dir.join("snapshot.jsonl");
    ok(dir, &["--db", url, "backup", file.to_str().unwrap()]);
    let bytes = std::fs::read(&file).unwrap();
    std::fs::remove_file(&file).unwrap();
    bytes
}

fn killing_an_import_midway_leaves_the_postgresql_database_as_it_was() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let db = runtime.block_on(TestDb::postgres("import_killed")).unwrap();
    let url = db.url_string();
    let dir = tempfile::tempdir().unwrap();
    let voluntary = big::upr_info_dir().join("voluntary.csv");
    ok(
        dir.path(),
        &["--db", &url, "import", voluntary.to_str().unwrap()],
    );
    let before = snapshot(dir.path(), &url);
    let audit_before = ok(dir.path(), &["--db", &url, "audit", "verify"]);
    big::write_upr_info(&dir.path().join("big.csv"), 100_000);
    // The audit log's table grows on disk as soon as the open transaction
    // writes to it, long before anything is committed.
    let pool = runtime
        .block_on(
            sqlx::postgres::PgPoolOptions::new()
                .max_connections(1)
                .connect(&url),
        )
        .unwrap();
    let audit_log_size = || {
        runtime.block_on(async {
            sqlx::query_scalar::<_, i64>("SELECT pg_relation_size('audit_log')")
                .fetch_one(&pool)
                .await
                .unwrap() as u64
        })
    };
    let args = ["--db", &url, "import", "big.csv"];
    for (after, delay_ms) in [(None, 300), (Some(0), 0), (Some(4 << 20), 200)] {
        big::kill_import(
            dir.path(),
            &args,
            &audit_log_size,
            after,
            Duration::from_millis(delay_ms),
        );
        // The server rolls the transaction back when it sees the connection
        // gone; what was written was never visible.
        assert_eq!(
            snapshot(dir.path(), &url),
            before,
            "the database changed after a kill ({after:?} bytes written)"
        );
        assert_eq!(
            ok(dir.path(), &["--db", &url, "audit", "verify"]),
            audit_before
        );
    }
    runtime.block_on(pool.close());
    runtime.block_on(db.drop_database());
}
