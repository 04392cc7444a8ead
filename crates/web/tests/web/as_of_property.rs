//! "As of a date" means "as known on that date", in every output.
//!
//! The demo dossier is walked at every date on which anything in it changed
//! (a development, a source becoming known, an assessment, a commitment, a
//! milestone, a dated text) and the day before each. At each date D every
//! output is rendered: the memorandum in its four formats, the letters (one
//! combined document), the public scorecard and commitment pages, and the
//! API's view of the dossier. The test fails when one of them
//!
//! - names a date or a year later than D that is not a deadline, a period's
//!   bound or a milestone stated by a commitment, or the schedule of an
//!   occasion (those are what was said or planned, not what happened), or
//! - shows the title of a source not yet known on D.
//!
//! Web addresses, record ids and digests are not read: an address is where a
//! document is found today, not what it says. The PDF is read with
//! pdftotext (run only where it is installed) and the DOCX from its XML.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::Read;
use std::time::Instant;

use axum::http::StatusCode;
use chrono::{Datelike, Duration, NaiveDate};
use pledgewatch_core::date::PreciseDate;
use pledgewatch_core::facts::resolve_date_ref;
use pledgewatch_core::ids::MilestoneId;
use pledgewatch_core::model::{DateRef, Entity, EntityKind, Milestone, Slug, Stored, Timing};
use pledgewatch_core::storage::Storage;
use pledgewatch_report::{Format, LetterOptions, MemoOptions};
use scraper::{Html, Selector};

use crate::SLUG;
use crate::harness::{App, Client, app};

const RECIPIENTS: &str = "Foreign ministers of the OSCE participating States (2008)";

/// What the walk needs to know about the dossier.
struct Record {
    /// Every date on which something changed, and the day before each.
    days: BTreeSet<NaiveDate>,
    /// Days a commitment's timing or a milestone states.
    allowed_days: HashSet<NaiveDate>,
    /// Years a commitment's timing or a milestone states.
    allowed_years: HashSet<i32>,
    /// Each source's title with the day from which it is known (for an
    /// undated source, the day it was entered: never, as of a past day).
    sources: Vec<(String, NaiveDate)>,
}

async fn stored(store: &dyn Storage, kind: EntityKind) -> Vec<Stored<Entity>> {
    store
        .list(kind, 100_000, 0)
        .await
        .unwrap()
        .into_iter()
        .filter(|s| s.meta.deleted_at.is_none())
        .collect()
}

async fn all(store: &dyn Storage, kind: EntityKind) -> Vec<Entity> {
    stored(store, kind)
        .await
        .into_iter()
        .map(|s| s.entity)
        .collect()
}

fn span(days: &mut HashSet<NaiveDate>, years: &mut HashSet<i32>, d: &PreciseDate) {
    days.insert(d.earliest());
    days.insert(d.latest());
    years.insert(d.earliest().year());
    years.insert(d.latest().year());
}

fn allow_date_ref(
    r: &DateRef,
    milestones: &HashMap<MilestoneId, Milestone>,
    days: &mut HashSet<NaiveDate>,
    years: &mut HashSet<i32>,
) {
    if let DateRef::Fixed { date, .. } = r {
        span(days, years, date);
    }
    if let Some(resolved) = resolve_date_ref(r, milestones) {
        days.insert(resolved.date);
        years.insert(resolved.date.year());
    }
}

async fn record(app: &App) -> Record {
    let store = app.state.store.as_ref();
    let mut changed: BTreeSet<NaiveDate> = BTreeSet::new();
    let mut allowed_days = HashSet::new();
    let mut allowed_years = HashSet::new();
    let mut milestones = HashMap::new();
    for e in all(store, EntityKind::Milestone).await {
        if let Entity::Milestone(m) = e {
            changed.insert(m.date.earliest());
            span(&mut allowed_days, &mut allowed_years, &m.date);
            milestones.insert(m.id, m);
        }
    }
    // An occasion's dates are its schedule, known before it ends.
    for e in all(store, EntityKind::Occasion).await {
        if let Entity::Occasion(o) = e {
            for d in std::iter::once(&o.starts).chain(o.ends.as_ref()) {
                allowed_days.extend([d.earliest(), d.latest()]);
            }
        }
    }
    for e in all(store, EntityKind::Commitment).await {
        if let Entity::Commitment(c) = e {
            changed.insert(c.made_on.latest());
            match &c.timing {
                Timing::ByDeadline { deadline, .. } => {
                    allow_date_ref(deadline, &milestones, &mut allowed_days, &mut allowed_years)
                }
                Timing::DuringPeriod { from, until, .. } => {
                    for r in [from, until] {
                        allow_date_ref(r, &milestones, &mut allowed_days, &mut allowed_years)
                    }
                }
                Timing::RefrainFrom { .. } | Timing::NoneStated => {}
            }
        }
    }
    let mut sources = Vec::new();
    for e in stored(store, EntityKind::Source).await {
        let entered = e.meta.created_at.date_naive();
        if let Entity::Source(s) = e.entity {
            // The rule restated: its dates, else the day it was entered.
            let known = s.known_on().unwrap_or(entered);
            changed.insert(known);
            sources.push((s.title.clone(), known));
        }
    }
    for e in all(store, EntityKind::Development).await {
        if let Entity::Development(d) = e {
            changed.insert(d.date.latest());
        }
    }
    for e in all(store, EntityKind::Assessment).await {
        if let Entity::Assessment(a) = e {
            changed.insert(a.as_of);
        }
    }
    for e in all(store, EntityKind::Concern).await {
        if let Entity::Concern(c) = e {
            changed.extend(c.description_as_of);
            changed.extend(c.earlier_descriptions.iter().map(|t| t.as_of));
        }
    }
    for e in all(store, EntityKind::Dossier).await {
        if let Entity::Dossier(d) = e {
            changed.extend(d.summary_as_of);
            changed.extend(d.earlier_summaries.iter().map(|t| t.as_of));
        }
    }
    let days = changed
        .iter()
        .flat_map(|d| [*d, *d - Duration::days(1)])
        .collect();
    Record {
        days,
        allowed_days,
        allowed_years,
        sources,
    }
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The text with web addresses, ids and digests blanked, typographic
/// quotes made plain and white space collapsed.
fn readable(text: &str) -> String {
    let plain: String = text
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            '\u{a0}' | '\u{202f}' | '\u{2009}' => ' ',
            '\u{200b}' | '\u{ad}' => '\u{0}',
            c => c,
        })
        .filter(|c| *c != '\u{0}')
        .collect();
    let words: Vec<&str> = plain
        .split_whitespace()
        .filter(|w| !w.contains("://") && !w.starts_with("www."))
        .map(|w| if is_hexish(w) { "#" } else { w })
        .collect();
    words.join(" ")
}

/// A word holding a record id or a digest: a run of 16 or more hexadecimal
/// digits and hyphens.
fn is_hexish(word: &str) -> bool {
    let mut run = 0;
    for b in word.bytes() {
        if b.is_ascii_hexdigit() || b == b'-' {
            run += 1;
            if run >= 16 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

/// A date or a year named in a text: the first day it denotes, whether it
/// names a single day, and the words around it.
#[derive(Debug)]
struct Named {
    first_day: NaiveDate,
    exact_day: Option<NaiveDate>,
    context: String,
}

/// Where the text after the last character matching `stop` begins.
fn after_last(text: &str, stop: impl Fn(char) -> bool) -> usize {
    text.char_indices()
        .rev()
        .find(|(_, c)| stop(*c))
        .map_or(0, |(i, c)| i + c.len_utf8())
}

fn month_at_end(before: &str) -> Option<(u32, &str)> {
    let trimmed = before.trim_end_matches([' ', ',']);
    let word_start = after_last(trimmed, |c| !c.is_ascii_alphabetic());
    let word = trimmed[word_start..].to_ascii_lowercase();
    let m = MONTHS.iter().position(|m| *m == word)?;
    Some((m as u32 + 1, &trimmed[..word_start]))
}

fn number_at_end(before: &str) -> Option<u32> {
    let trimmed = before.trim_end_matches(' ');
    let start = after_last(trimmed, |c| !c.is_ascii_digit());
    let digits = &trimmed[start..];
    if (1..=2).contains(&digits.len()) {
        digits.parse().ok()
    } else {
        None
    }
}

/// Every date and year (1900-2099) the text names.
fn named_dates(text: &str) -> Vec<Named> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 <= bytes.len() {
        let four = &bytes[i..i + 4];
        let bounded_before = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        let bounded_after = i + 4 == bytes.len() || !bytes[i + 4].is_ascii_alphanumeric();
        let is_year = four.iter().all(u8::is_ascii_digit)
            && (four[0] == b'1' && four[1] == b'9' || four[0] == b'2' && four[1] == b'0');
        if !(is_year && bounded_before && bounded_after) {
            i += 1;
            continue;
        }
        let year: i32 = text[i..i + 4].parse().unwrap();
        let from = text[..i].char_indices().rev().nth(60).map_or(0, |(k, _)| k);
        let to = text[i..]
            .char_indices()
            .nth(40)
            .map_or(text.len(), |(k, _)| i + k);
        let context = text[from..to].to_owned();
        let iso = text
            .get(i..i + 10)
            .and_then(|t| NaiveDate::parse_from_str(t, "%Y-%m-%d").ok());
        let (first_day, exact_day) = if let Some(day) = iso {
            (day, Some(day))
        } else if let Some((month, rest)) = month_at_end(&text[..i]) {
            // "14 September 2010" or "September 2010"
            match number_at_end(rest).and_then(|d| NaiveDate::from_ymd_opt(year, month, d)) {
                Some(day) => (day, Some(day)),
                None => (NaiveDate::from_ymd_opt(year, month, 1).unwrap(), None),
            }
        } else if let Some(day) = us_date_before(&text[..i], year) {
            // "September 14, 2010"
            (day, Some(day))
        } else {
            (NaiveDate::from_ymd_opt(year, 1, 1).unwrap(), None)
        };
        out.push(Named {
            first_day,
            exact_day,
            context,
        });
        i += if iso.is_some() { 10 } else { 4 };
    }
    out
}

fn us_date_before(before: &str, year: i32) -> Option<NaiveDate> {
    let trimmed = before.strip_suffix(", ")?;
    let start = after_last(trimmed, |c| !c.is_ascii_digit());
    let day: u32 = trimmed[start..].parse().ok()?;
    let (month, _) = month_at_end(trimmed[..start].trim_end())?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// What is wrong with one output as of `day`.
fn problems(record: &Record, day: NaiveDate, output: &str, text: &str) -> Vec<String> {
    let text = readable(text);
    let mut out = Vec::new();
    for n in named_dates(&text) {
        if n.first_day <= day {
            continue;
        }
        let allowed = match n.exact_day {
            Some(d) => record.allowed_days.contains(&d),
            None => record.allowed_years.contains(&n.first_day.year()),
        };
        if !allowed {
            out.push(format!(
                "{day} {output}: names {}: \"…{}…\"",
                n.first_day, n.context
            ));
        }
    }
    let lower = text.to_lowercase();
    for (title, known) in &record.sources {
        if *known <= day {
            continue;
        }
        if lower.contains(&readable(title).to_lowercase()) {
            out.push(format!(
                "{day} {output}: cites a source known only from {known}: \"{title}\""
            ));
        }
    }
    out
}

fn html_text(html: &str) -> String {
    let doc = Html::parse_document(html);
    let body = Selector::parse("body").unwrap();
    let skip = Selector::parse("script, style, template").unwrap();
    let hidden: HashSet<_> = doc
        .select(&skip)
        .flat_map(|e| e.descendants())
        .map(|n| n.id())
        .collect();
    let mut out = String::new();
    for root in doc.select(&body) {
        for node in root.descendants() {
            if hidden.contains(&node.id()) {
                continue;
            }
            if let Some(t) = node.value().as_text() {
                out.push_str(t);
                out.push(' ');
            }
        }
    }
    out
}

fn json_text(json: &str) -> String {
    fn walk(v: &serde_json::Value, out: &mut String) {
        match v {
            serde_json::Value::String(s) => {
                out.push_str(s);
                out.push_str(" | ");
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            serde_json::Value::Object(o) => o.values().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut out = String::new();
    walk(&serde_json::from_str(json).unwrap(), &mut out);
    out
}

fn docx_text(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = String::new();
    for name in [
        "word/document.xml",
        "word/footnotes.xml",
        "word/footer1.xml",
        "docProps/core.xml",
    ] {
        let Ok(mut file) = zip.by_name(name) else {
            continue;
        };
        let mut xml = String::new();
        file.read_to_string(&mut xml).unwrap();
        let doc = roxmltree::Document::parse(&xml).unwrap();
        for node in doc.descendants() {
            if node.is_text() {
                out.push_str(node.text().unwrap_or_default());
            } else if node.tag_name().name() == "p" {
                out.push(' ');
            }
        }
        out.push(' ');
    }
    out
}

fn pdf_text(bytes: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .ok()?;
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The memorandum's texts in its four formats, kept while its content does
/// not change: the four are written from one document, so a day whose
/// Markdown is the day before's has the same HTML, DOCX and PDF.
#[derive(Default)]
struct Memos {
    markdown: String,
    texts: Vec<(String, String)>,
    /// Whether `texts` holds the PDF's.
    with_pdf: bool,
}

/// Typesetting a PDF takes seconds in a test build: the PDF is read back at
/// every this many dates, at the two memoranda's dates and at the last date.
/// Its text comes from the same document as the other three formats, which
/// are read at every date; the PDF reading checks that typesetting adds
/// nothing of its own.
const PDF_EVERY: usize = 10;

/// Whether the PDF is read back at the `i`th date, `day`, of `count`.
fn reads_pdf(i: usize, count: usize, day: NaiveDate) -> bool {
    i.is_multiple_of(PDF_EVERY)
        || i + 1 == count
        || ["2008-05-28", "2009-05-20"].contains(&day.to_string().as_str())
}

/// The memorandum as of `day` in its four formats (the PDF only when
/// `pdf`), as (name, text).
async fn memo_texts(
    app: &App,
    day: NaiveDate,
    pdf: bool,
    last: &mut Memos,
) -> Vec<(String, String)> {
    let store = app.state.store.as_ref();
    let slug = Slug::parse(SLUG).unwrap();
    let memo = MemoOptions::new(day);
    let markdown = pledgewatch_report::memo(store, &slug, &memo, Format::Markdown)
        .await
        .unwrap();
    let markdown = String::from_utf8(markdown).unwrap();
    if markdown == last.markdown && (!pdf || last.with_pdf) {
        return last.texts.clone();
    }
    let mut out = vec![("memo.md".to_owned(), markdown.clone())];
    for format in [Format::Html, Format::Docx, Format::Pdf] {
        if format == Format::Pdf && !pdf {
            continue;
        }
        let bytes = pledgewatch_report::memo(store, &slug, &memo, format)
            .await
            .unwrap();
        let text = match format {
            Format::Html => html_text(&String::from_utf8(bytes).unwrap()),
            Format::Docx => docx_text(&bytes),
            Format::Pdf => match pdf_text(&bytes) {
                Some(t) => t,
                None => continue,
            },
            Format::Markdown => continue,
        };
        out.push((format!("memo.{}", format.extension()), text));
    }
    *last = Memos {
        markdown,
        texts: out.clone(),
        with_pdf: pdf,
    };
    out
}

/// Every output of the dossier as of `day`, as (name, text).
async fn outputs(
    app: &App,
    anon: &mut Client<'_>,
    day: NaiveDate,
    pdf: bool,
    memos: &mut Memos,
) -> Vec<(String, String)> {
    let store = app.state.store.as_ref();
    let slug = Slug::parse(SLUG).unwrap();
    let mut out = memo_texts(app, day, pdf, memos).await;
    let mut letters = LetterOptions::new(day, RECIPIENTS);
    letters.combined = true;
    // Before the first commitment there is nothing to write about: the
    // template refuses, which is not what this test is about.
    if let Ok(written) = pledgewatch_report::letters(store, &slug, &letters, Format::Markdown).await
    {
        for l in written {
            out.push(("letters.md".into(), String::from_utf8(l.bytes).unwrap()));
        }
    }
    let scorecard = anon.get(&format!("/dossiers/{SLUG}?as_of={day}")).await;
    assert_eq!(scorecard.status, StatusCode::OK, "{day}");
    out.push(("scorecard".into(), html_text(&scorecard.body)));
    let api = anon
        .get(&format!("/api/v1/dossiers/{SLUG}?as_of={day}"))
        .await;
    assert_eq!(api.status, StatusCode::OK, "{day}: {}", api.body);
    let view: serde_json::Value = serde_json::from_str(&api.body).unwrap();
    out.push(("api dossier".into(), json_text(&api.body)));
    for c in view["commitments"].as_array().unwrap() {
        let id = c["id"].as_str().unwrap();
        let page = anon
            .get(&format!("/dossiers/{SLUG}/commitments/{id}?as_of={day}"))
            .await;
        assert_eq!(page.status, StatusCode::OK, "{day} {id}");
        out.push((format!("commitment page {id}"), html_text(&page.body)));
    }
    out
}

#[tokio::test]
async fn no_output_as_of_a_date_shows_what_was_known_only_later() {
    let started = Instant::now();
    let app = app().await;
    let record = record(&app).await;
    let mut anon = Client::new(&app);
    let mut found: Vec<String> = Vec::new();
    let mut memos = Memos::default();
    for (i, &day) in record.days.iter().enumerate() {
        let pdf = reads_pdf(i, record.days.len(), day);
        for (name, text) in outputs(&app, &mut anon, day, pdf, &mut memos).await {
            // Printed as found, so that a long run shows its progress.
            for problem in problems(&record, day, &name, &text) {
                eprintln!("{problem}");
                found.push(problem);
            }
        }
        eprintln!(
            "as-of walk: {day} done ({}/{}), {:.0} s",
            i + 1,
            record.days.len(),
            started.elapsed().as_secs_f64()
        );
    }
    eprintln!(
        "as-of walk: {} dates, {} problems, {:.1} s",
        record.days.len(),
        found.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        found.is_empty(),
        "{} problems:\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn dates_in_words_and_in_figures_are_read() {
    let found: Vec<NaiveDate> = named_dates(
        "on 14 September 2010, on September 14, 2010, in May 2009, in 2011, 2008-05-28, \
         id 12010 and a2010",
    )
    .iter()
    .map(|n| n.first_day)
    .collect();
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    assert_eq!(
        found,
        [
            d("2010-09-14"),
            d("2010-09-14"),
            d("2009-05-01"),
            d("2011-01-01"),
            d("2008-05-28")
        ]
    );
    assert_eq!(
        readable("see https://x.org/2011/a and 0d5e9c1a-2011-4e0b-8000-000000000000"),
        "see and #"
    );
}
