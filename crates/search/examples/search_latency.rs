//! Builds the search index of a database and times searches in-process.
//!
//! ```sh
//! cargo run --release -p pledgewatch-search --example search_latency -- DATABASE_URL [INDEX_DIR]
//! ```
//!
//! Prints the build's time, the index's size on disk and its documents,
//! then the median and 99th percentile of each query of a fixed set (as
//! the team searches, drafts and confidential sources included, then as
//! the public searches, published text only; 20 results with snippets),
//! 30 runs each.

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

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let mut args = std::env::args().skip(1);
    let url = args.next().expect("a database URL");
    let temp = tempfile::tempdir().unwrap();
    let dir = args
        .next()
        .map_or_else(|| temp.path().join("index"), Into::into);
    let url = DatabaseUrl::parse(&url).unwrap();
    let store = Arc::new(Store::open(&url, OpenMode::MustExist).await.unwrap());
    let index = DerivedIndex::open(store, Place::Directory(dir.clone())).unwrap();
    let started = Instant::now();
    index.rebuild(&|_| {}).await.unwrap();
    println!(
        "build: {:.1} s, {} documents, {:.1} MB on disk, up to audit entry {}",
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
    let mut all = Vec::new();
    for text in QUERIES {
        let query = SearchQuery {
            text: text.into(),
            kinds: vec![],
            include_confidential: team,
            include_drafts: team,
            limit: 20,
        };
        let mut times = Vec::with_capacity(RUNS);
        let mut found = 0;
        for _ in 0..RUNS {
            let t = Instant::now();
            found = index.search(&query).await.unwrap().len();
            times.push(t.elapsed());
        }
        times.sort();
        println!(
            "{text:>24}: p50 {:>7.2} ms  p99 {:>7.2} ms  ({found} hits)",
            percentile(&times, 0.5).as_secs_f64() * 1e3,
            percentile(&times, 0.99).as_secs_f64() * 1e3,
        );
        all.extend(times);
    }
    all.sort();
    println!(
        "{:>24}: p50 {:>7.2} ms  p99 {:>7.2} ms",
        "all",
        percentile(&all, 0.5).as_secs_f64() * 1e3,
        percentile(&all, 0.99).as_secs_f64() * 1e3,
    );
}
