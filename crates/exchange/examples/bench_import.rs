//! Benchmark: importing every UPR Info recommendation file (40,634 rows)
//! into a new SQLite database, beside `sqlite3`'s `.import` of the same rows
//! converted to UTF-8 (the raw limit of writing rows), in the same run.
//!
//! ```sh
//! cargo run --release -p pledgewatch-exchange --example bench_import -- 5
//! ```
//!
//! Run from the repository's root, with the shared data next to it and
//! `sqlite3` on the PATH. Prints each run and the medians.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use pledgewatch_core::service;
use pledgewatch_core::storage::Storage;
use pledgewatch_exchange::import::{self, Options, Quiet};
use pledgewatch_exchange::{decode, upr};
use pledgewatch_store::{DatabaseUrl, OpenMode, Store};

const FILES: [&str; 5] = ["1-5.csv", "6-9.csv", "10-13.csv", "14-17.csv", "17-20.csv"];

fn data_dir() -> PathBuf {
    let dir = PathBuf::from("../shared/data/upr-info-recommendations-sessions-1-20");
    assert!(
        dir.is_dir(),
        "run from the repository's root with ../shared/data next to it"
    );
    dir
}

fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    values[values.len() / 2]
}

#[derive(Default)]
struct Phases {
    read: Duration,
    plan: Duration,
    write: Duration,
}

async fn import_all(dir: &std::path::Path) -> (Duration, Phases, u64) {
    let db = dir.join("bench.db");
    let store = Store::open(&DatabaseUrl::Sqlite(db), OpenMode::CreateIfMissing)
        .await
        .unwrap();
    store.migrate().await.unwrap();
    let context = service::context("bench", Some("benchmark import")).unwrap();
    let mut phases = Phases::default();
    let mut rows = 0;
    let started = Instant::now();
    for file in FILES {
        let t = Instant::now();
        let bytes = std::fs::read(data_dir().join(file)).unwrap();
        let text = decode::decode(&bytes, None).unwrap().text;
        let parsed = upr::read_upr_info(&text).unwrap();
        rows += parsed.rows_read;
        phases.read += t.elapsed();
        let t = Instant::now();
        let plan = import::plan(&store, parsed, &Quiet).await.unwrap();
        assert_eq!(plan.summary.rejected, 0);
        phases.plan += t.elapsed();
        let t = Instant::now();
        pledgewatch_core::service::Services::new(&store)
            .apply(&context, plan.changes)
            .await
            .unwrap();
        phases.write += t.elapsed();
    }
    let total = started.elapsed();
    // The same through the pipeline's own entry point: a second import of
    // everything changes nothing.
    for file in FILES {
        let bytes = std::fs::read(data_dir().join(file)).unwrap();
        let text = decode::decode(&bytes, None).unwrap().text;
        let parsed = upr::read_upr_info(&text).unwrap();
        let summary = import::run(&store, &context, parsed, Options::default(), &Quiet)
            .await
            .unwrap();
        assert_eq!(summary.created + summary.updated, 0);
    }
    assert!(store.verify_audit().await.unwrap().broken.is_none());
    store.close().await;
    (total, phases, rows)
}

/// `sqlite3 DB .import` of the same rows, as one UTF-8 CSV.
fn sqlite_import(dir: &std::path::Path, csv: &std::path::Path) -> Duration {
    let db = dir.join("raw.db");
    let started = Instant::now();
    let status = Command::new("sqlite3")
        .arg(&db)
        .arg(".mode csv")
        .arg(format!(".import {} recommendations", csv.display()))
        .status()
        .expect("sqlite3 must be on the PATH");
    let elapsed = started.elapsed();
    assert!(status.success());
    elapsed
}

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .map(|a| a.parse().unwrap())
        .unwrap_or(5);
    let work = tempfile::tempdir().unwrap();
    // The rows in UTF-8 with LF line endings, header once.
    let mut utf8 = String::new();
    for (i, file) in FILES.iter().enumerate() {
        let bytes = std::fs::read(data_dir().join(file)).unwrap();
        let text = decode::decode(&bytes, None).unwrap().text;
        let body = if i == 0 {
            text.as_str()
        } else {
            text.split_once('\n').unwrap().1
        };
        utf8.push_str(body);
        if !utf8.ends_with('\n') {
            utf8.push('\n');
        }
    }
    let csv = work.path().join("all-utf8.csv");
    std::fs::write(&csv, &utf8).unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (mut ours, mut raw) = (Vec::new(), Vec::new());
    let (mut reads, mut plans, mut writes) = (Vec::new(), Vec::new(), Vec::new());
    for run in 1..=runs {
        let dir = tempfile::tempdir_in(work.path()).unwrap();
        let (total, phases, rows) = runtime.block_on(import_all(dir.path()));
        let baseline = sqlite_import(dir.path(), &csv);
        println!(
            "run {run}: pledgewatch {:.2} s ({:.0} rows/s; read {:.2} s, plan {:.2} s, write {:.2} s), sqlite3 .import {:.3} s ({:.0} rows/s), ratio {:.1}",
            total.as_secs_f64(),
            rows as f64 / total.as_secs_f64(),
            phases.read.as_secs_f64(),
            phases.plan.as_secs_f64(),
            phases.write.as_secs_f64(),
            baseline.as_secs_f64(),
            rows as f64 / baseline.as_secs_f64(),
            total.as_secs_f64() / baseline.as_secs_f64()
        );
        ours.push(total);
        raw.push(baseline);
        reads.push(phases.read);
        plans.push(phases.plan);
        writes.push(phases.write);
    }
    let (o, r) = (median(ours), median(raw));
    println!(
        "median of {runs}: pledgewatch {:.2} s ({:.0} rows/s; read {:.2} s, plan {:.2} s, write {:.2} s), sqlite3 .import {:.3} s ({:.0} rows/s), ratio {:.1}",
        o.as_secs_f64(),
        40_634.0 / o.as_secs_f64(),
        median(reads).as_secs_f64(),
        median(plans).as_secs_f64(),
        median(writes).as_secs_f64(),
        r.as_secs_f64(),
        40_634.0 / r.as_secs_f64(),
        o.as_secs_f64() / r.as_secs_f64()
    );
}
