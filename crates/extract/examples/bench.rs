//! Throughput of the extractor over every UPR Working Group report text in
//! the shared data, on one thread: `cargo run --release -p
//! pledgewatch-extract --example bench [RUNS]`. Prints MB/s (megabytes of
//! input file per second) for each run and their median, by wall clock and,
//! on Linux, by the thread's own CPU time (what one core achieves even when
//! other work shares the machine). Decoding is timed with the extraction,
//! since both happen for every document.

use std::path::Path;
use std::time::Instant;

use pledgewatch_extract::{Options, decode, extract};

/// The CPU time this thread has used, in seconds (Linux: user + system time
/// from /proc, in clock ticks of 1/100 s); None elsewhere.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the command name, which is in parentheses.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

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
    let mut cpu_rates = Vec::new();
    let mut candidates = 0;
    let mb = bytes as f64 / 1e6;
    for run in 1..=runs {
        let cpu_before = thread_cpu_seconds();
        let started = Instant::now();
        candidates = 0;
        for t in &texts {
            candidates += extract(&decode(t), &options).candidates.len();
        }
        let seconds = started.elapsed().as_secs_f64();
        let cpu = match (cpu_before, thread_cpu_seconds()) {
            (Some(a), Some(b)) if b > a => Some(b - a),
            _ => None,
        };
        rates.push(mb / seconds);
        let cpu_text = match cpu {
            Some(c) => {
                cpu_rates.push(mb / c);
                format!("; {c:.2} s of CPU = {:.1} MB/s", mb / c)
            }
            None => String::new(),
        };
        println!(
            "run {run}: {mb:.1} MB in {seconds:.3} s = {:.1} MB/s{cpu_text}",
            mb / seconds
        );
    }
    println!(
        "{} documents, {mb:.1} MB, {candidates} candidates; median {:.1} MB/s by wall clock{} on one thread",
        texts.len(),
        median(rates),
        if cpu_rates.is_empty() {
            String::new()
        } else {
            format!(", {:.1} MB/s of CPU time", median(cpu_rates))
        }
    );
    std::process::ExitCode::SUCCESS
}
