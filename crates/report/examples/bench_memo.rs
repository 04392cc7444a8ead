//! Benchmark: a synthetic dossier of 50 commitments and 200 developments in a
//! temporary SQLite database; the memorandum is built and written in all four
//! formats several times, and the median times are printed, beside the time
//! pandoc takes to turn the same Markdown into DOCX (when pandoc is installed).
//!
//! Run with `cargo run --release -p pledgewatch-report --example bench_memo [RUNS]`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::{Duration, Instant};

use pledgewatch_core::dataset;
use pledgewatch_core::model::Slug;
use pledgewatch_core::service::{self, Services};
use pledgewatch_core::storage::Storage;
use pledgewatch_report::{Format, MemoOptions, memo_document, render};
use pledgewatch_store::{DatabaseUrl, OpenMode, Store};
use serde_json::json;

const COMMITMENTS: usize = 50;
const DEVELOPMENTS: usize = 200;

fn synthetic() -> String {
    let sources: Vec<_> = (0..100)
        .map(|i| {
            json!({"key": format!("s{i}"), "title": format!("Report number {i} on the state of reforms"),
                   "publisher": "Civil Rights Monitor", "published": format!("2009-{:02}-{:02}", i % 12 + 1, i % 27 + 1),
                   "url": format!("https://example.org/reports/{i}"), "language": "en"})
        })
        .collect();
    let commitments: Vec<_> = (0..COMMITMENTS)
        .map(|i| {
            json!({"key": format!("c{i}"), "statement": format!("Reform area number {i} of the law on assemblies"),
                   "bound": "state", "made_by": "minister", "occasion": "summit", "made_on": "2008-03-01",
                   "origin": "pledge", "themes": ["reform"],
                   "quote": {"source": format!("s{}", i % 100), "text": format!("We will reform area {i} of the law, réformer la loi, реформировать закон, by the end of 2009."), "locator": "p. 2"},
                   "timing": {"kind": "by_deadline", "deadline": {"date": "2009", "as_written": "by the end of 2009"}}})
        })
        .collect();
    let developments: Vec<_> = (0..DEVELOPMENTS)
        .map(|i| {
            json!({"key": format!("d{i}"), "date": format!("2009-{:02}-{:02}", i % 12 + 1, i % 28 + 1),
                   "title": format!("Development {i}: a bill is tabled"),
                   "summary": "Parliament debated the bill in first reading; observers noted that the draft kept the registration requirement and the criminal penalties that the pledge was meant to remove.",
                   "sources": [format!("s{}", i % 100), format!("s{}", (i + 7) % 100)],
                   "effects": [{"commitment": format!("c{}", i % COMMITMENTS), "direction": if i % 3 == 0 { "setback" } else { "advance" }}]})
        })
        .collect();
    let assessments: Vec<_> = (0..COMMITMENTS)
        .map(|i| {
            json!({"commitment": format!("c{i}"), "as_of": "2009-12-30", "status": if i % 2 == 0 { "in_progress" } else { "stalled" },
                   "rationale": "The bill was tabled but its core provisions remain unchanged.",
                   "developments": [format!("d{i}"), format!("d{}", i + COMMITMENTS)], "rated_by": "bench"})
        })
        .collect();
    let recommendations: Vec<_> = (0..COMMITMENTS)
        .map(|i| {
            json!({"key": format!("r{i}"), "action": format!("Adopt the reform of area {i} without the registration requirement."),
                   "responsible": "state", "priority": "high", "answers": [{"commitment": format!("c{i}")}]})
        })
        .collect();
    json!({
        "format": dataset::FORMAT,
        "dossier": {"slug": "bench", "title": "A synthetic dossier", "scale": "default"},
        "actors": [
            {"key": "state", "kind": "state", "name": "Examplestan", "country_code": "EX"},
            {"key": "minister", "kind": "person", "name": "A. Minister", "roles": [{"title": "Minister of Foreign Affairs", "of": "state"}]}
        ],
        "occasions": [{"key": "summit", "title": "Summit", "kind": "conference", "place": "Vienna", "starts": "2008-03-01"}],
        "sources": sources,
        "commitments": commitments,
        "developments": developments,
        "assessments": assessments,
        "recommendations": recommendations,
        "signatories": [{"name": "A. Director", "title": "Director", "organisation": "Civil Rights Monitor"}]
    })
    .to_string()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// A fresh SQLite database in `dir` holding the synthetic dossier,
/// published, since the memorandum is the public's by default.
async fn load(dir: &std::path::Path) -> Store {
    let store = Store::open(
        &DatabaseUrl::Sqlite(dir.join("bench.db")),
        OpenMode::CreateIfMissing,
    )
    .await
    .unwrap();
    store.migrate().await.unwrap();
    dataset::load(
        &Services::new(&store),
        &synthetic(),
        &service::context("bench", Some("load")).unwrap(),
        true,
    )
    .await
    .unwrap();
    store
}

/// Builds and renders the memorandum `runs` times and prints the medians;
/// returns the Markdown of the warm-up run, for pandoc.
async fn time_memo(store: &Store, runs: usize) -> Vec<u8> {
    let slug = Slug::parse("bench").unwrap();
    let options = MemoOptions::new(pledgewatch_core::date::parse_day("2010-01-15").unwrap());

    // One warm-up run loads the fonts, as a running server would have.
    let doc = memo_document(store, &slug, &options).await.unwrap();
    for format in Format::ALL {
        render(&doc, format).unwrap();
    }
    let pages_md = render(&doc, Format::Markdown).unwrap();

    let mut build = Vec::new();
    let mut per_format: Vec<Vec<Duration>> = vec![Vec::new(); 4];
    let mut total = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        let doc = memo_document(store, &slug, &options).await.unwrap();
        build.push(start.elapsed());
        for (i, format) in Format::ALL.into_iter().enumerate() {
            let t = Instant::now();
            std::hint::black_box(render(&doc, format).unwrap());
            per_format[i].push(t.elapsed());
        }
        total.push(start.elapsed());
    }
    println!(
        "dossier: {COMMITMENTS} commitments, {DEVELOPMENTS} developments, {} notes; median of {runs} runs",
        doc.notes.len()
    );
    println!(
        "  build the memorandum from the database: {}",
        ms(median(build))
    );
    for (i, format) in Format::ALL.into_iter().enumerate() {
        println!(
            "  render {:<4}: {}",
            format.extension(),
            ms(median(per_format[i].clone()))
        );
    }
    println!(
        "  all four formats, database included: {}",
        ms(median(total))
    );
    pages_md
}

/// Times pandoc turning the same Markdown into DOCX, when it is installed.
fn time_pandoc(dir: &std::path::Path, pages_md: &[u8], runs: usize) {
    let md = dir.join("memo.md");
    std::fs::write(&md, pages_md).unwrap();
    let out = dir.join("memo.docx");
    let mut pandoc = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let status = std::process::Command::new("pandoc")
            .args(["-f", "markdown", "-t", "docx", "-o"])
            .arg(&out)
            .arg(&md)
            .status();
        match status {
            Ok(s) if s.success() => pandoc.push(t.elapsed()),
            _ => {
                println!("  pandoc: not available (apt-get install pandoc)");
                return;
            }
        }
    }
    println!(
        "  pandoc -f markdown -t docx on the same Markdown: {}",
        ms(median(pandoc))
    );
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(9);
    let dir = tempfile::tempdir().unwrap();
    let store = load(dir.path()).await;
    let pages_md = time_memo(&store, runs).await;
    time_pandoc(dir.path(), &pages_md, runs);
}
