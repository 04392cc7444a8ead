//! Throughput of the extractor over every UPR Working Group report text in
//! the shared data, on one thread: `cargo run --release -p
//! pledgewatch-extract --example bench [RUNS]`. Prints MB/s (megabytes of
//! input file per second) for each run and their median. Decoding is timed
//! with the extraction, since both happen for every document.

use std::path::Path;
use std::time::Instant;

use pledgewatch_extract::{Options, decode, extract};

fn main() -> std::process::ExitCode {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/upr-wg-reports-2008-2014/txts");
    let mut files: Vec<_> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            eprintln!(
                "{}: {e} (the shared data must be next to the repository)",
                dir.display()
            );
            return std::process::ExitCode::from(1);
        }
    };
    files.sort();
    let texts: Vec<Vec<u8>> = files.iter().filter_map(|f| std::fs::read(f).ok()).collect();
    let bytes: usize = texts.iter().map(Vec::len).sum();
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let options = Options::default();
    let mut rates = Vec::new();
    let mut candidates = 0;
    for run in 1..=runs {
        let started = Instant::now();
        candidates = 0;
        for t in &texts {
            candidates += extract(&decode(t), &options).candidates.len();
        }
        let seconds = started.elapsed().as_secs_f64();
        let rate = bytes as f64 / 1e6 / seconds;
        println!(
            "run {run}: {:.1} MB in {seconds:.3} s = {rate:.1} MB/s",
            bytes as f64 / 1e6
        );
        rates.push(rate);
    }
    rates.sort_by(f64::total_cmp);
    let median = rates.get(rates.len() / 2).copied().unwrap_or(0.0);
    println!(
        "{} documents, {:.1} MB, {candidates} candidates; median {median:.1} MB/s on one thread",
        texts.len(),
        bytes as f64 / 1e6
    );
    std::process::ExitCode::SUCCESS
}
