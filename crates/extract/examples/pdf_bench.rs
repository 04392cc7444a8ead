//! How long reading a UN report PDF takes: `cargo run --release -p
//! pledgewatch-extract --example pdf_bench [RUNS] [REPORT.txt ...]`. The
//! reports (default: the longest Working Group report in the shared data)
//! are first written, one after the other, as one PDF by the project's own
//! writer (typst), with a running header on every page; then the PDF is
//! read RUNS times (default 7) and the median time printed, for reading the
//! PDF alone and for reading it and extracting its commitments.

use std::path::Path;
use std::time::Instant;

use pledgewatch_extract::{InputFormat, Options, decode, extract, input};
use pledgewatch_report::doc::{Block, Document, Inline, Role};
use pledgewatch_report::{Format, render};

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

/// "A/HRC/8/23 Page 5" and "GE.08-13682": the raw text's page furniture.
fn is_page_header(line: &str) -> bool {
    (line.starts_with("A/HRC/") && line.contains("Page")) || line.starts_with("GE.")
}

/// The report's paragraphs: blank-line separated blocks of the raw text,
/// lines joined, page headers ("A/HRC/... Page 3", "GE.08-...") dropped.
fn paragraphs(raw: &str) -> Vec<String> {
    let text = raw.replace("\r\n", "\n").replace('\r', "\n");
    text.split("\n\n")
        .map(|block| {
            block
                .lines()
                .map(str::trim)
                .filter(|l| !is_page_header(l))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|p| !p.trim().is_empty())
        .collect()
}

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runs: usize = args.first().and_then(|r| r.parse().ok()).unwrap_or(7);
    let mut names: Vec<&str> = args.iter().skip(1).map(String::as_str).collect();
    if names.is_empty() {
        names.push("china2009.txt");
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/upr-wg-reports-2008-2014/txts");
    let mut raw = String::new();
    for name in &names {
        match std::fs::read(dir.join(name)) {
            Ok(bytes) => raw.push_str(&decode(&bytes)),
            Err(e) => {
                eprintln!("{}: {e}", dir.join(name).display());
                return std::process::ExitCode::from(1);
            }
        }
        raw.push_str("\n\n");
    }
    let name = names.join(" + ");
    let doc = Document {
        title: name.clone(),
        watermark: Some("A/HRC".into()),
        blocks: paragraphs(&raw)
            .into_iter()
            .map(|p| Block::Para {
                role: Role::Plain,
                inlines: vec![Inline::text(p)],
            })
            .collect(),
        ..Document::default()
    };
    let pdf = match render(&doc, Format::Pdf) {
        Ok(pdf) => pdf,
        Err(e) => {
            eprintln!("writing the PDF: {e}");
            return std::process::ExitCode::from(1);
        }
    };
    let mut read_times = Vec::new();
    let mut total_times = Vec::new();
    let mut summary = String::new();
    for _ in 0..runs {
        let start = Instant::now();
        let Some(Ok(read)) = input::read(&pdf) else {
            eprintln!("the PDF could not be read");
            return std::process::ExitCode::from(1);
        };
        read_times.push(start.elapsed().as_secs_f64());
        let options = Options {
            format: Some(InputFormat::Plain),
            ..Options::default()
        };
        let e = extract(&read.text, &options);
        total_times.push(start.elapsed().as_secs_f64());
        summary = format!(
            "{name}: {} pages, {} KB of PDF, {} KB of text, {} candidates",
            read.pages,
            pdf.len() / 1024,
            read.text.len() / 1024,
            e.candidates.len()
        );
    }
    println!("{summary}");
    println!(
        "read the PDF: median {:.0} ms; read and extract: median {:.0} ms ({runs} runs)",
        median(read_times) * 1000.0,
        median(total_times) * 1000.0
    );
    std::process::ExitCode::SUCCESS
}
