//! Builds the search index of a database and times searches in-process.
//!
//! ```sh
//! cargo run --release -p pledgewatch-search --example search_latency -- DATABASE_URL [INDEX_DIR] [--keep]
//! ```
//!
//! Prints the build's time, the index's size on disk and its documents,
//! then the median and 99th percentile of each query of a fixed set (as
//! the team searches, drafts and confidential sources included, then as
//! the public searches, published text only; 20 results with snippets,
//! then the count of the matches up to 1,000 as a search page makes it), 30 runs
//! each. With `--keep`, an index already in `INDEX_DIR` is only brought up
//! to date, not built again.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use pledgewatch_core::storage::{SearchIndex, SearchQuery};
use pledgewatch_search::{DerivedIndex, Place};
use pledgewatch_store::{DatabaseUrl, OpenMode, Store};

/// The fixed query set: common words first.
const QUERIES: [&str; 10] = [
    "women",
    "children",
    "rights",
    "law",
    "torture",
    "freedom of expression",
    "death penalty",
    "domestic violence",
    "human rights defenders",
    "ratify the convention",
];

const RUNS: usize = 30;

fn size_of(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|e| e.metadata().ok())
                .filter(std::fs::Metadata::is_file)
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let keep = std::env::args().any(|a| a == "--keep");
    let mut args = std::env::args().skip(1).filter(|a| a != "--keep");
    let url = args.next().expect("a database URL");
    let temp = tempfile::tempdir().unwrap();
    let dir = args
        .next()
        .map_or_else(|| temp.path().join("index"), Into::into);
    let url = DatabaseUrl::parse(&url).unwrap();
    let store = Arc::new(Store::open(&url, OpenMode::MustExist).await.unwrap());
    let index = DerivedIndex::open(store, Place::Directory(dir.clone())).unwrap();
    let started = Instant::now();
    if keep {
        index.catch_up().await.unwrap();
    } else {
        index.rebuild(&|_| {}).await.unwrap();
    }
    println!(
        "{}: {:.1} s, {} documents, {:.1} MB on disk, up to audit entry {}",
        if keep { "kept, caught up" } else { "build" },
        started.elapsed().as_secs_f64(),
        index.len(),
        size_of(&dir) as f64 / 1e6,
        index.applied()
    );
    for (view, team) in [("the team", true), ("the public", false)] {
        println!("as {view}:");
        time_view(&index, team).await;
    }
}

/// Times every query of the set as the team (drafts and confidential
/// sources included) or as the public, printing each and all.
async fn time_view(index: &DerivedIndex, team: bool) {
    let (mut all, mut all_counts) = (Vec::new(), Vec::new());
    for text in QUERIES {
        let query = SearchQuery {
            text: text.into(),
            kinds: vec![],
            include_confidential: team,
            include_drafts: team,
            limit: 20,
        };
        let mut times = Vec::with_capacity(RUNS);
        let mut counts = Vec::with_capacity(RUNS);
        let (mut found, mut matching) = (0, 0);
        for _ in 0..RUNS {
            let t = Instant::now();
            found = index.search(&query).await.unwrap().len();
            times.push(t.elapsed());
            // A search page counts up to the 1,000 results it can show.
            let all = SearchQuery {
                limit: 1_000,
                ..query.clone()
            };
            let t = Instant::now();
            matching = index.count(&all).await.unwrap();
            counts.push(t.elapsed());
        }
        times.sort();
        counts.sort();
        println!(
            "{text:>24}: p50 {:>7.2} ms  p99 {:>7.2} ms  ({found} hits); count p50 {:>7.2} ms  p99 {:>7.2} ms  ({matching} matching)",
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.99)),
            ms(percentile(&counts, 0.5)),
            ms(percentile(&counts, 0.99)),
        );
        all.extend(times);
        all_counts.extend(counts);
    }
    all.sort();
    all_counts.sort();
    println!(
        "{:>24}: p50 {:>7.2} ms  p99 {:>7.2} ms;              count p50 {:>7.2} ms  p99 {:>7.2} ms",
        "all",
        ms(percentile(&all, 0.5)),
        ms(percentile(&all, 0.99)),
        ms(percentile(&all_counts, 0.5)),
        ms(percentile(&all_counts, 0.99)),
    );
}
