//! PDF and DOCX input, end to end: a UPR Working Group report from the
//! shared data is written as a PDF (typst) and as a DOCX (docx-rs) by the
//! project's own document writers, read back, and its commitments come out
//! with page locators. Nothing is downloaded and no binary fixture is kept.
//! The report is read from the shared folder next to the repository.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use pledgewatch_extract::input::{self, DocumentFormat, InputError, PAGE_BREAK};
use pledgewatch_extract::{Extraction, InputFormat, Options, extract};
use pledgewatch_report::doc::{Block, Document, Inline, Role};
use pledgewatch_report::{Format, render};

/// Indonesia's first review (dev split of the gold annotations): supported
/// recommendations, then the voluntary commitment of paragraph 80.
const REPORT: &str = "shared/data/upr-wg-reports-2008-2014/txts/indonesia2008.txt";
/// The report's symbol, which the PDF repeats at the top of every page.
const SYMBOL: &str = "A/HRC/8/23";
const VOLUNTARY: &str = "involve civil society and national human rights institutions";

/// The report's paragraphs: the raw PDF text with its page headers
/// dropped, lines joined, and a paragraph number standing alone on its line
/// put back at the start of its paragraph.
fn report_paragraphs() -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../..")
        .join(REPORT);
    let bytes = std::fs::read(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (the shared data folder is needed)", path.display()));
    let text = pledgewatch_extract::decode(&bytes)
        .replace("\r\n", "\n")
        .replace('\r', "\n");
    let mut paragraphs: Vec<String> = Vec::new();
    let mut number: Option<String> = None;
    for block in text.split("\n\n") {
        let lines: Vec<&str> = block
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !is_page_header(l))
            .collect();
        if lines.is_empty() {
            continue;
        }
        let joined = lines.join(" ");
        if joined.len() <= 4
            && joined.ends_with('.')
            && joined[..joined.len() - 1]
                .bytes()
                .all(|b| b.is_ascii_digit())
        {
            number = Some(joined);
            continue;
        }
        paragraphs.push(match number.take() {
            Some(n) => format!("{n} {joined}"),
            None => joined,
        });
    }
    paragraphs
}

/// "A/HRC/8/23 Page 5" and "GE.08-13682": the raw text's page furniture.
fn is_page_header(line: &str) -> bool {
    (line.starts_with("A/HRC/") && line.contains("Page")) || line.starts_with("GE.")
}

fn document(paragraphs: &[String], page_every: Option<usize>) -> Document {
    let mut blocks = Vec::new();
    for (i, p) in paragraphs.iter().enumerate() {
        if let Some(every) = page_every
            && i > 0
            && i % every == 0
        {
            blocks.push(Block::PageBreak);
        }
        blocks.push(Block::Para {
            role: Role::Plain,
            inlines: vec![Inline::text(p.clone())],
        });
    }
    Document {
        title: "Report of the Working Group on the Universal Periodic Review: Indonesia".into(),
        // The writers put the mark at the top of every page: a running header.
        watermark: Some(SYMBOL.into()),
        blocks,
        ..Document::default()
    }
}

fn options() -> Options {
    Options {
        format: Some(InputFormat::Plain),
        ..Options::default()
    }
}

/// The candidate quoting the voluntary commitment, and its locator.
fn voluntary(text: &str, e: &Extraction) -> String {
    let c = e
        .candidates
        .iter()
        .find(|c| c.quote.contains(VOLUNTARY))
        .unwrap_or_else(|| {
            panic!(
                "no candidate quotes the voluntary commitment; candidates: {:#?}",
                e.candidates.iter().map(|c| &c.quote).collect::<Vec<_>>()
            )
        });
    assert_eq!(c.actor.as_deref(), Some("Indonesia"));
    input::locator(text, c.start).expect("a locator")
}

fn statements(e: &Extraction) -> Vec<String> {
    e.candidates.iter().map(|c| c.statement.clone()).collect()
}

#[test]
fn a_report_pdf_gives_its_commitments_with_page_locators() {
    let paragraphs = report_paragraphs();
    let pdf = render(&document(&paragraphs, None), Format::Pdf).unwrap();
    let read = input::read(&pdf).unwrap().unwrap();
    assert_eq!(read.format, DocumentFormat::Pdf);
    assert!(read.pages >= 10, "{} pages", read.pages);
    assert_eq!(read.text.matches(PAGE_BREAK).count() + 1, read.pages);
    // The running header, the watermark and the page numbers are gone.
    for line in read.text.lines() {
        let t = line.trim_matches(|c: char| c.is_whitespace() || c == PAGE_BREAK);
        assert_ne!(t, SYMBOL, "running header left in the text");
        assert_ne!(t, "DRAFT", "watermark left in the text");
        assert!(
            t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()),
            "page number left in the text: {t:?}"
        );
    }
    let e = extract(&read.text, &options());
    let locator = voluntary(&read.text, &e);
    assert!(locator.ends_with(", para. 80"), "{locator}");
    // The page named is the one the PDF prints the commitment on (read
    // page by page without this crate's layout).
    let page: usize = locator[3..locator.find(',').unwrap()].parse().unwrap();
    let raw_pages = pdf_pages(&pdf);
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat(&raw_pages[page - 1]).contains("will involve civil society"),
        "page {page} does not hold the commitment"
    );
    // Nothing the extractor finds in the report's paragraphs is lost on the
    // way through the PDF.
    let direct = extract(&paragraphs.join("\n\n"), &options());
    assert!(!direct.candidates.is_empty());
    assert_eq!(statements(&e), statements(&direct));
}

fn pdf_pages(pdf: &[u8]) -> Vec<String> {
    let mut pages = Vec::new();
    let doc = pdf_extract::Document::load_mem(pdf).unwrap();
    for n in doc.get_pages().keys() {
        let mut s = String::new();
        let mut out = pdf_extract::PlainTextOutput::new(&mut s);
        pdf_extract::output_doc_page(&doc, &mut out, *n).unwrap();
        pages.push(s);
    }
    pages
}

#[test]
fn a_report_docx_gives_its_commitments_with_page_locators() {
    let paragraphs = report_paragraphs();
    let every = 10;
    let docx = render(&document(&paragraphs, Some(every)), Format::Docx).unwrap();
    let read = input::read(&docx).unwrap().unwrap();
    assert_eq!(read.format, DocumentFormat::Docx);
    assert_eq!(read.pages, paragraphs.len().div_ceil(every));
    let e = extract(&read.text, &options());
    let at = paragraphs
        .iter()
        .position(|p| p.contains(VOLUNTARY))
        .unwrap();
    assert_eq!(
        voluntary(&read.text, &e),
        format!("p. {}, para. 80", at / every + 1)
    );
    let direct = extract(&paragraphs.join("\n\n"), &options());
    assert_eq!(statements(&e), statements(&direct));
}

#[test]
fn broken_and_textless_files_are_refused_with_the_reason() {
    let pdf = render(&document(&report_paragraphs()[..3], None), Format::Pdf).unwrap();
    let cut = &pdf[..pdf.len() / 2];
    match input::read(cut) {
        Some(Err(InputError::Broken { format, .. })) => assert_eq!(format, DocumentFormat::Pdf),
        other => panic!("a truncated PDF: {other:?}"),
    }
    let docx = render(&document(&report_paragraphs()[..3], None), Format::Docx).unwrap();
    let cut = &docx[..docx.len() / 2];
    match input::read(cut) {
        // A zip cut in half has lost its directory: no longer a Word file.
        None | Some(Err(InputError::Broken { .. })) => {}
        other => panic!("a truncated DOCX: {other:?}"),
    }
    // A PDF without text: a page that only carries an empty paragraph.
    let empty = Document {
        title: "Scan".into(),
        blocks: vec![Block::Para {
            role: Role::Plain,
            inlines: vec![Inline::text(" ")],
        }],
        ..Document::default()
    };
    let pdf = render(&empty, Format::Pdf).unwrap();
    match input::read(&pdf) {
        Some(Err(e @ InputError::NoText { .. })) => {
            assert!(e.to_string().contains("hold no text"))
        }
        other => panic!("a PDF without text: {other:?}"),
    }
}
