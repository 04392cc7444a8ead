//! The memorandum and the letter on real databases: the seed dossier at the
//! dates of the memoranda written about it, every format read back as a
//! reader (or a program) would read it, and a dossier full of hostile text.
//!
//! PDFs are read back with pdftotext (Debian's poppler-utils), so the PDF
//! checks are trials of their own, run on the testkit's harness: without
//! pdftotext they are reported as ignored with the reason (failed under CI
//! and `./test`), and the other formats are still checked.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines
)]

use std::io::Read;

use chrono::NaiveDate;
use pledgewatch_core::dataset;
use pledgewatch_core::model::{Entity, EntityKind, Slug};
use pledgewatch_core::service::{self, Services};
use pledgewatch_core::storage::{Change, Storage};
use pledgewatch_report::doc::{Block, Role};
use pledgewatch_report::{
    Audience, DRAFT_WATERMARK, Error, Format, LetterOptions, MemoOptions, letter_documents,
    letters, memo, memo_document, render,
};
use pledgewatch_store::{DatabaseUrl, OpenMode, Store};
use pledgewatch_testkit::{Trial, block_on, need, trial, trial_needing};

const DEMO: &str = "kazakhstan-osce-2010";
const LIST: &str = "Foreign ministers of the OSCE participating States (2008)";

/// The formats read back without tools from outside Rust.
const TEXT_FORMATS: [Format; 3] = [Format::Html, Format::Markdown, Format::Docx];

/// Each test, or its part for some formats, as a trial; the PDF parts need
/// pdftotext.
fn main() {
    macro_rules! plain {
        ($($test:ident),* $(,)?) => {
            vec![$(trial(stringify!($test), || block_on($test()))),*]
        };
    }
    macro_rules! by_format {
        ($($test:ident),* $(,)?) => {
            vec![$(
                trial(stringify!($test), || block_on($test(&TEXT_FORMATS))),
                pdf_trial(concat!(stringify!($test), "::pdf"), || block_on($test(&[Format::Pdf]))),
            )*]
        };
    }
    let mut trials: Vec<Trial> = plain![
        memoranda_as_of_may_2008_and_may_2009_differ_as_the_sources_say,
        every_situation_paragraph_of_the_demo_memo_cites_a_source,
        letters_go_to_every_recipient_of_the_seed_list_in_all_four_formats,
        the_letter_computes_its_facts_in_words,
        a_misspelt_or_empty_merge_field_is_an_error_naming_it_never_a_blank,
        documents_render_from_an_in_memory_document_in_every_format,
        an_editors_pending_edit_of_a_published_development_stays_out_of_the_public_memo,
        a_public_document_of_an_unpublished_dossier_or_list_is_refused_naming_it,
        public_letters_use_only_published_signatories_and_team_letters_are_named_draft,
        the_memo_tells_each_development_once_and_refers_back_to_it,
        notes_give_a_source_in_full_once_then_in_short_or_as_ibid,
        the_organisations_own_documents_are_never_cited_and_quotes_say_whose_words_they_are,
        the_docx_has_one_normal_style_page_numbers_core_properties_and_hyperlinks,
    ];
    trials.extend(by_format![
        the_memo_as_of_31_may_2008_shows_every_quote_deadline_and_status_in_all_four_formats,
        the_same_dossier_date_and_template_give_the_same_documents,
        hostile_text_cannot_break_or_inject_into_any_format,
        the_public_memo_holds_no_draft_no_confidential_source_and_no_staff_username,
        the_team_draft_holds_them_and_is_watermarked_on_every_page,
        the_memo_holds_no_internal_note_no_jargon_and_shows_periods_as_periods,
    ]);
    trials.push(pdf_trial(
        "letters_go_to_every_recipient_of_the_seed_list_in_all_four_formats::pdf",
        || block_on(letters_to_every_recipient_as_pdf()),
    ));
    trials.push(pdf_trial(
        "the_pdf_text_has_whole_addresses_and_each_note_number_once",
        || block_on(the_pdf_text_has_whole_addresses_and_each_note_number_once()),
    ));
    trials.push(pledgewatch_testkit::every_test_here_is_a_trial(&[
        include_str!("documents.rs"),
    ]));
    pledgewatch_testkit::run(trials)
}

fn pdf_trial(name: &str, test: impl FnOnce() + Send + 'static) -> Trial {
    trial_needing(
        name,
        need::program("pdftotext", "-v", "poppler-utils"),
        |()| test(),
    )
}

struct Db {
    store: Store,
    _dir: tempfile::TempDir,
}

/// A database holding the dataset `text`, with every record published but
/// those `withheld` picks out, which stay drafts.
async fn db_publishing(text: &str, withheld: impl Fn(&Entity) -> bool) -> Db {
    let dir = tempfile::tempdir().unwrap();
    let url = DatabaseUrl::Sqlite(dir.path().join("test.db"));
    let store = Store::open(&url, OpenMode::CreateIfMissing).await.unwrap();
    store.migrate().await.unwrap();
    let parsed = dataset::parse(text).unwrap();
    let converted = dataset::convert(&parsed).unwrap();
    let publish: Vec<Change> = converted
        .entities
        .iter()
        .filter(|e| !withheld(e))
        .map(|e| Change::Publish {
            kind: e.kind(),
            id: e.id(),
        })
        .collect();
    let mut changes: Vec<Change> = converted.entities.into_iter().map(Change::Create).collect();
    changes.extend(publish);
    Services::new(&store)
        .apply(&service::context("tester", Some("load")).unwrap(), changes)
        .await
        .unwrap();
    Db { store, _dir: dir }
}

/// A database holding the dataset `text`, published.
async fn db_with(text: &str) -> Db {
    db_publishing(text, |_| false).await
}

async fn demo() -> Db {
    db_with(dataset::DEMO).await
}

fn day(s: &str) -> NaiveDate {
    pledgewatch_core::date::parse_day(s).unwrap()
}

fn slug(s: &str) -> Slug {
    Slug::parse(s).unwrap()
}

/// The text of a DOCX: every text run of the body and the footnotes.
fn docx_text(bytes: &[u8]) -> String {
    docx_rs::read_docx(bytes).expect("the DOCX reads back");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = String::new();
    for part in ["word/document.xml", "word/footnotes.xml"] {
        let Ok(mut file) = archive.by_name(part) else {
            continue;
        };
        let mut xml = String::new();
        file.read_to_string(&mut xml).unwrap();
        let mut rest = xml.as_str();
        while let Some(start) = rest.find("<w:t") {
            let after = &rest[start + 4..];
            // <w:tab/>, <w:tbl> and the like are not text.
            if !after.starts_with('>') && !after.starts_with(' ') {
                rest = after;
                continue;
            }
            let open_end = after.find('>').unwrap();
            let body = &after[open_end + 1..];
            let close = body.find("</w:t>").unwrap();
            out.push_str(&unescape_xml(&body[..close]));
            rest = &body[close..];
        }
        out.push('\n');
    }
    out
}

fn unescape_xml(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The text of a PDF, by pdftotext (only in the trials that need it).
fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("doc.pdf");
    let txt = dir.path().join("doc.txt");
    std::fs::write(&pdf, bytes).unwrap();
    let status = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&pdf)
        .arg(&txt)
        .status()
        .unwrap();
    assert!(status.success(), "pdftotext failed");
    std::fs::read_to_string(&txt).unwrap()
}

/// Whitespace collapsed to single spaces, for text that wraps across lines.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a reader of each format sees.
fn visible_text(bytes: &[u8], format: Format) -> String {
    match format {
        Format::Html | Format::Markdown => String::from_utf8(bytes.to_vec()).unwrap(),
        Format::Docx => docx_text(bytes),
        Format::Pdf => pdf_text(bytes),
    }
}

/// The part of `text` from `start` up to the next `end` (or the end).
fn section<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in:\n{text}"));
    let rest = &text[from..];
    match rest[start.len()..].find(end) {
        Some(to) => &rest[..start.len() + to],
        None => rest,
    }
}

async fn memoranda_as_of_may_2008_and_may_2009_differ_as_the_sources_say() {
    let db = demo().await;
    let first = memo_document(&db.store, &slug(DEMO), &MemoOptions::new(day("2008-05-28")))
        .await
        .unwrap()
        .plain_text();
    let second = memo_document(&db.store, &slug(DEMO), &MemoOptions::new(day("2009-05-20")))
        .await
        .unwrap()
        .plain_text();
    assert!(
        !first.contains("President signs the reform package"),
        "{first}"
    );
    assert!(
        second.contains("President signs the reform package"),
        "{second}"
    );
    assert!(second.contains("6 February 2009"), "{second}");
    for (n, title) in [
        (1, "Amend the media law"),
        (2, "Reform the law on elections"),
        (
            3,
            "Liberalize the registration requirements for political parties",
        ),
    ] {
        let head = format!("{n}. {title}");
        let next = format!("{}. ", n + 1);
        let then = section(&first, &head, &next);
        let now = section(&second, &head, &next);
        // A deadline in words, never as a count of days.
        assert!(
            then.contains("Deadline: the end of 2008; due in seven months."),
            "{then}"
        );
        assert!(!then.contains("passed"), "{then}");
        assert!(
            now.contains("Deadline: the end of 2008; it passed nearly five months ago")
                || now.contains("fulfilled late"),
            "{now}"
        );
        for text in [then, now] {
            assert!(!text.contains(" days"), "{text}");
        }
    }
}

async fn every_situation_paragraph_of_the_demo_memo_cites_a_source() {
    let db = demo().await;
    for as_of in ["2008-05-31", "2009-05-20", "2012-01-01", "2024-12-31"] {
        let doc = memo_document(&db.store, &slug(DEMO), &MemoOptions::new(day(as_of)))
            .await
            .unwrap();
        let sources = doc
            .blocks
            .iter()
            .rev()
            .find_map(|b| match b {
                Block::List {
                    numbered: true,
                    items,
                } => Some(items.len()),
                _ => None,
            })
            .unwrap();
        let mut situations = 0;
        for block in &doc.blocks {
            if let Block::Para { role, inlines } = block {
                assert_ne!(*role, Role::Unsourced, "as of {as_of}: {inlines:?}");
                if *role == Role::Situation {
                    situations += 1;
                    let cited = inlines.iter().any(|i| match i {
                        pledgewatch_report::doc::Inline::Note { n } => {
                            !doc.notes[n - 1].sources.is_empty()
                        }
                        _ => false,
                    });
                    assert!(cited, "as of {as_of}, uncited: {inlines:?}");
                }
            }
        }
        assert!(
            situations > 10,
            "as of {as_of}: only {situations} situation paragraphs"
        );
        // Every note cites numbers of the source list, and every source is cited.
        let mut cited: Vec<usize> = doc.notes.iter().flat_map(|n| n.sources.clone()).collect();
        cited.sort();
        cited.dedup();
        assert_eq!(cited, (1..=sources).collect::<Vec<_>>(), "as of {as_of}");
    }
}

async fn the_memo_as_of_31_may_2008_shows_every_quote_deadline_and_status_in_all_four_formats(
    formats: &[Format],
) {
    let db = demo().await;
    let view = pledgewatch_core::view::dossier_view(&db.store, &slug(DEMO), day("2008-05-31"))
        .await
        .unwrap();
    assert_eq!(view.commitments.len(), 6);
    for &format in formats {
        let bytes = memo(
            &db.store,
            &slug(DEMO),
            &MemoOptions::new(day("2008-05-31")),
            format,
        )
        .await
        .unwrap();
        let text = flat(&visible_text(&bytes, format));
        for c in &view.commitments {
            let quote = flat(&c.quote.as_ref().unwrap().text);
            assert!(
                text.contains(&quote),
                "{format}: quote missing: {quote}\n{text}"
            );
            // Statuses in plain words, never the scale's labels.
            assert!(
                !text.contains(&format!(" {} ", c.status_label)),
                "{format}: {}",
                c.status_label
            );
        }
        // (HTML and Markdown are read as their source: labels are in markup.)
        assert!(
            text.contains("the end of 2008; due in seven months."),
            "{format}"
        );
        assert!(
            text.contains("throughout 2010") && text.contains("it has not yet begun"),
            "{format}"
        );
        assert!(
            text.contains("no progress, as assessed on 28 May 2008."),
            "{format}"
        );
        // The ODIHR pledge lost ground before its period began: both are said.
        assert!(
            text.contains("lost ground, as assessed on 28 May 2008; its period has not yet begun."),
            "{format}"
        );
        for jargon in [
            "Stalled",
            "Not started",
            "due in 214 days",
            "Ratings so far",
            "By status",
        ] {
            assert!(!text.contains(jargon), "{format}: {jargon}");
        }
        assert!(text.contains("Human Rights Watch"), "{format}");
    }
}

async fn letters_go_to_every_recipient_of_the_seed_list_in_all_four_formats() {
    let db = demo().await;
    let list = pledgewatch_core::dataset::parse(dataset::DEMO).unwrap();
    let mut recipients = list.recipient_list.unwrap().recipients;
    assert_eq!(recipients.len(), 56);
    // The State bound by the commitments is left out.
    recipients.retain(|r| r.state.as_deref() != Some("Kazakhstan"));
    let options = LetterOptions::new(day("2008-05-31"), LIST);
    for format in TEXT_FORMATS {
        let written = letters(&db.store, &slug(DEMO), &options, format)
            .await
            .unwrap();
        assert_eq!(written.len(), recipients.len(), "{format}");
        for (letter, recipient) in written.iter().zip(&recipients) {
            let text = flat(&visible_text(&letter.bytes, format));
            let state = recipient.state.as_deref().unwrap();
            assert!(
                text.contains(state),
                "{format} {}: {text}",
                letter.file_name
            );
            assert!(text.contains(&recipient.salutation), "{format}: {text}");
            assert!(text.contains("Holly Cartner"), "{format}: {text}");
            assert!(text.contains("Jean-Marie Fardeau"), "{format}: {text}");
        }
    }
}

async fn letters_to_every_recipient_as_pdf() {
    let db = demo().await;
    let list = pledgewatch_core::dataset::parse(dataset::DEMO).unwrap();
    let mut recipients = list.recipient_list.unwrap().recipients;
    recipients.retain(|r| r.state.as_deref() != Some("Kazakhstan"));
    let options = LetterOptions::new(day("2008-05-31"), LIST);
    // Every recipient's letter, in one PDF with a page break between letters.
    let mut combined = options.clone();
    combined.combined = true;
    let pdf = letters(&db.store, &slug(DEMO), &combined, Format::Pdf)
        .await
        .unwrap();
    assert_eq!(pdf.len(), 1);
    assert_eq!(
        pdf[0].file_name,
        "letters-foreign-ministers-of-the-osce-participating-states-2008.pdf"
    );
    let text = pdf_text(&pdf[0].bytes);
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert!(pages.len() >= recipients.len(), "{} pages", pages.len());
    let text = flat(&text);
    for r in &recipients {
        let state = r.state.as_deref().unwrap();
        assert!(text.contains(&format!("{} {state}", r.title)), "{state}");
    }
    assert_eq!(flat(&text).matches("With best regards").count(), 55);
    // And one PDF per recipient, named after whom it is for.
    let one = letters(&db.store, &slug(DEMO), &options, Format::Pdf)
        .await
        .unwrap();
    assert_eq!(one[0].file_name, "01-albania.pdf");
    let text = pdf_text(&one[0].bytes);
    assert!(
        flat(&text).contains("Minister of Foreign Affairs Albania"),
        "{text}"
    );
}

async fn the_letter_computes_its_facts_in_words() {
    let db = demo().await;
    let docs = letter_documents(
        &db.store,
        &slug(DEMO),
        &LetterOptions::new(
            day("2008-05-28"),
            "foreign-ministers-of-the-osce-participating-states-2008",
        ),
    )
    .await
    .unwrap();
    let text = flat(&docs[5].document.plain_text());
    assert!(
        text.contains("Nearly six months ago, at the OSCE Ministerial Council in Madrid"),
        "{text}"
    );
    assert!(
        text.contains("the government has made no progress toward fulfilling any of its"),
        "{text}"
    );
    assert!(
        text.contains("Marat Tazhin, Minister of Foreign Affairs, Kazakhstan, pledged"),
        "{text}"
    );
    assert!(text.contains("28 May 2008"), "{text}");
    assert!(text.contains("Dear Minister,"), "{text}");
    assert!(
        text.contains("amend the media law, reform the law on elections"),
        "{text}"
    );
}

async fn a_misspelt_or_empty_merge_field_is_an_error_naming_it_never_a_blank() {
    let db = demo().await;
    let mut options = LetterOptions::new(day("2008-05-31"), LIST);
    options.template = Some("{{date}}\n\n{{recipient.salutaton}},\n".to_owned());
    options.template_name = "mine.txt".to_owned();
    let err = letter_documents(&db.store, &slug(DEMO), &options)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Template { line: 3, field: Some(f), .. } if f == "recipient.salutaton"),
        "{err}"
    );
    assert!(err.to_string().contains("mine.txt, line 3"), "{err}");

    // The seed list records no names: a required name is an error, an optional one drops its line.
    options.template = Some("{{date}}\n\nTo {{recipient.name}}\n".to_owned());
    let err = letter_documents(&db.store, &slug(DEMO), &options)
        .await
        .unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("line 3") && text.contains("{{recipient.name}}") && text.contains("Albania"),
        "{text}"
    );
    options.template = Some("{{date}}\n{{recipient.name?}}\n{{recipient.state}}\n".to_owned());
    let docs = letter_documents(&db.store, &slug(DEMO), &options)
        .await
        .unwrap();
    assert_eq!(flat(&docs[0].document.plain_text()), "31 May 2008 Albania");

    options.recipients = "no such list".to_owned();
    let err = letter_documents(&db.store, &slug(DEMO), &options)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("recipients"), "{err}");
}

async fn the_same_dossier_date_and_template_give_the_same_documents(formats: &[Format]) {
    let db = demo().await;
    let public = MemoOptions::new(day("2009-05-20"));
    let team = MemoOptions {
        audience: Audience::Team,
        ..public.clone()
    };
    for (&format, options) in formats.iter().flat_map(|f| [(f, &public), (f, &team)]) {
        let a = memo(&db.store, &slug(DEMO), options, format).await.unwrap();
        let b = memo(&db.store, &slug(DEMO), options, format).await.unwrap();
        match format {
            Format::Html | Format::Markdown => assert_eq!(a, b, "{format}"),
            Format::Docx => assert_eq!(docx_text(&a), docx_text(&b)),
            Format::Pdf => assert_eq!(pdf_text(&a), pdf_text(&b)),
        }
    }
}

/// The demo with hostile text in every kind of field.
fn hostile_dataset() -> String {
    let mut v: serde_json::Value = serde_json::from_str(dataset::DEMO).unwrap();
    let long = "Supercalifragilistic".repeat(15);
    v["dossier"]["slug"] = "hostile".into();
    v["dossier"]["title"] =
        "<script>alert(1)</script> #set page(width: 1cm) *bold* _it_ [x](javascript:alert(1)) $x^2$ `code` Қазақстан"
            .into();
    let c = &mut v["commitments"][0];
    c["statement"] = "Amend the <b>media</b> law #pagebreak() ]] [[ {{date}} \\ @cite".into();
    c["quote"]["text"] =
        "Réformer la loi électorale — «Қазақстан заңы» مرحبا بالعالم שלום עולם \u{202E}reversed"
            .into();
    let d = &mut v["developments"][0];
    d["title"] = "</p><script>x</script> #import \"evil.typ\": * ".into();
    d["summary"] =
        format!("{long} # Heading\n\n- not a list\n1. not a list either [^1] <!-- --> &amp;")
            .into();
    v["sources"][0]["title"] = "[^1]: injected note ${1+1} #eval(\"1\")".into();
    v["sources"][0]["url"] = "https://example.org/a?b=<script>&c=\"x\"'y".into();
    let r = &mut v["recipient_list"]["recipients"][0];
    r["name"] = "<img src=x onerror=alert(1)> **Ivan** `Petrov`".into();
    r["state"] = "Россия | \u{202b}עברית\u{202c}".into();
    r["salutation"] = "Уважаемый министр #strong[x]".into();
    let signatory = "Hólly \\Cártner\\ _x_ #h(10cm)";
    v["signatories"][0]["name"] = signatory.into();
    v["recipient_list"]["signatories"][0] = signatory.into();
    serde_json::to_string(&v).unwrap()
}

async fn hostile_text_cannot_break_or_inject_into_any_format(formats: &[Format]) {
    let db = db_with(&hostile_dataset()).await;
    let hostile = slug("hostile");
    let mut options = LetterOptions::new(day("2008-05-31"), LIST);
    options.combined = true;
    for &format in formats {
        let memo_bytes = memo(
            &db.store,
            &hostile,
            &MemoOptions::new(day("2008-05-31")),
            format,
        )
        .await
        .unwrap();
        let letter = letters(&db.store, &hostile, &options, format)
            .await
            .unwrap()
            .remove(0)
            .bytes;
        for bytes in [&memo_bytes, &letter] {
            match format {
                Format::Html => {
                    let html = String::from_utf8(bytes.clone()).unwrap();
                    assert!(!html.contains("<script>"), "raw script tag");
                    assert!(!html.contains("<img"), "raw img tag");
                    assert!(!html.contains("<b>"), "raw b tag");
                    assert!(!html.contains("href=\"javascript"), "javascript link");
                    assert!(!html.contains("<script>&"), "address not escaped");
                    assert!(!html.contains('\u{202E}'), "bidi override kept");
                    assert!(
                        html.contains("&lt;script&gt;") || html.contains("&lt;img"),
                        "escaped text missing"
                    );
                }
                Format::Markdown => {
                    let md = String::from_utf8(bytes.clone()).unwrap();
                    for tag in ["<script>", "<img", "<b>", "</p>"] {
                        for (at, _) in md.match_indices(tag) {
                            assert!(md[..at].ends_with('\\'), "raw {tag} in Markdown:\n{md}");
                        }
                    }
                    assert!(!md.contains("[x](javascript"), "link injected");
                    assert!(
                        md.contains("\\<") || md.contains("\\*"),
                        "no escapes at all"
                    );
                    for line in md.lines() {
                        assert!(
                            !line.starts_with("- not a list") && !line.starts_with("1. not"),
                            "{line}"
                        );
                        assert!(!line.starts_with("[^1]: injected"), "{line}");
                    }
                }
                Format::Docx => {
                    let text = docx_text(bytes);
                    assert!(text.contains("<script>") || text.contains("<img"), "{text}");
                    assert!(
                        text.contains("Қазақстан") || text.contains("Уважаемый"),
                        "{text}"
                    );
                }
                Format::Pdf => {
                    let text = flat(&pdf_text(bytes));
                    // The typst code in the data shows as text: it was never run.
                    assert!(
                        text.contains("#set page(width: 1cm)") || text.contains("#h(10cm)"),
                        "{text}"
                    );
                }
            }
        }
    }
    // The accented and Cyrillic quote survives in every format.
    let quote = "Réformer la loi électorale — «Қазақстан заңы»";
    for &format in formats {
        let bytes = memo(
            &db.store,
            &hostile,
            &MemoOptions::new(day("2008-05-31")),
            format,
        )
        .await
        .unwrap();
        let text = visible_text(&bytes, format);
        assert!(flat(&text).contains(quote), "{format}: {text}");
    }
}

async fn documents_render_from_an_in_memory_document_in_every_format() {
    let db = demo().await;
    let doc = memo_document(&db.store, &slug(DEMO), &MemoOptions::new(day("2010-06-01")))
        .await
        .unwrap();
    for format in Format::ALL {
        let bytes = render(&doc, format).unwrap();
        assert!(bytes.len() > 1000, "{format}");
    }
}

// ------------------------------------------------ the public's and the team's

const TRUST: &str = "trust";
/// A development the team has entered and no reviewer has approved.
const DRAFT_TITLE: &str = "Ministry circulates a secret media bill";
const INSIDER_TITLE: &str = "Notes of a meeting with a ministry insider";
const INSIDER_QUOTE: &str = "The minister told us the media law would wait until after 2010";
/// Staff usernames in the ratings, which the public never sees.
const STAFF: [&str; 2] = ["ayla.k", "bora.m"];

/// The demo as a dossier of its own, with a confidential source that a
/// commitment quotes and a published development cites, ratings by named
/// staff, and a development still a draft.
fn trust_dataset() -> String {
    let mut v: serde_json::Value = serde_json::from_str(dataset::DEMO).unwrap();
    v["dossier"]["slug"] = TRUST.into();
    let mut insider = v["sources"][0].clone();
    insider["key"] = "insider".into();
    insider["title"] = INSIDER_TITLE.into();
    insider["publisher"] = "Ministry contact".into();
    insider["published"] = "2008-03-01".into();
    insider["url"] = serde_json::Value::Null;
    insider["confidential"] = true.into();
    v["sources"].as_array_mut().unwrap().push(insider);
    v["commitments"][0]["quote"]["source"] = "insider".into();
    v["commitments"][0]["quote"]["text"] = INSIDER_QUOTE.into();
    // t02, published, also cites the confidential source.
    let t02 = v["developments"]
        .as_array()
        .unwrap()
        .iter()
        .position(|d| d["key"] == "t02")
        .unwrap();
    v["developments"][t02]["sources"]
        .as_array_mut()
        .unwrap()
        .push("insider".into());
    let mut draft = v["developments"][t02].clone();
    draft["key"] = "draft".into();
    // Before the notes of 1 March that report it: a source attests only
    // what happened on or before its day.
    draft["date"] = "2008-02-25".into();
    draft["title"] = DRAFT_TITLE.into();
    draft["sources"] = serde_json::json!(["insider"]);
    v["developments"].as_array_mut().unwrap().push(draft);
    v["assessments"][0]["rated_by"] = STAFF[0].into();
    v["assessments"][0]["reviewed_by"] = STAFF[1].into();
    serde_json::to_string(&v).unwrap()
}

fn is_draft_development(e: &Entity) -> bool {
    matches!(e, Entity::Development(d) if d.title.as_str() == DRAFT_TITLE)
}

async fn trust() -> Db {
    db_publishing(&trust_dataset(), is_draft_development).await
}

fn options_for(audience: Audience) -> MemoOptions {
    MemoOptions {
        audience,
        ..MemoOptions::new(day("2008-05-31"))
    }
}

async fn the_public_memo_holds_no_draft_no_confidential_source_and_no_staff_username(
    formats: &[Format],
) {
    let db = trust().await;
    for &format in formats {
        // The default is the public's version.
        let bytes = memo(
            &db.store,
            &slug(TRUST),
            &MemoOptions::new(day("2008-05-31")),
            format,
        )
        .await
        .unwrap();
        let text = flat(&visible_text(&bytes, format));
        for hidden in [
            DRAFT_TITLE,
            INSIDER_TITLE,
            INSIDER_QUOTE,
            "Ministry contact",
        ]
        .into_iter()
        .chain(STAFF)
        {
            assert!(!text.contains(hidden), "{format}: {hidden} in:\n{text}");
        }
        assert!(!text.contains("Confidential source"), "{format}: {text}");
        assert!(!text.contains(DRAFT_WATERMARK), "{format}: {text}");
        // What is published is there: t02 with its public source, the
        // other commitments' quotes.
        assert!(
            text.contains("OSCE media representative asks Kazakhstan to abolish insult laws"),
            "{format}: {text}"
        );
        assert!(
            text.contains("reforming the law on elections"),
            "{format}: {text}"
        );
    }
}

/// The pages of a PDF, as pdftotext reads each.
fn pdf_pages(bytes: &[u8]) -> Vec<String> {
    pdf_text(bytes)
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .map(flat)
        .collect()
}

/// The XML of the DOCX parts whose names start with `prefix`.
fn docx_parts(bytes: &[u8], prefix: &str) -> Vec<String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let names: Vec<String> = archive
        .file_names()
        .filter(|n| n.starts_with(prefix))
        .map(str::to_owned)
        .collect();
    names
        .into_iter()
        .map(|n| {
            let mut xml = String::new();
            archive
                .by_name(&n)
                .unwrap()
                .read_to_string(&mut xml)
                .unwrap();
            xml
        })
        .collect()
}

/// Checks that `bytes` carries the draft watermark on every page, or at the
/// top where the format has no pages.
fn assert_watermarked(bytes: &[u8], format: Format) {
    match format {
        Format::Pdf => {
            let pages = pdf_pages(bytes);
            assert!(pages.len() > 3, "{} pages", pages.len());
            for (i, page) in pages.iter().enumerate() {
                assert!(page.contains(DRAFT_WATERMARK), "page {}: {page}", i + 1);
            }
        }
        Format::Docx => {
            let headers = docx_parts(bytes, "word/header");
            assert!(
                headers.iter().any(|h| h.contains(DRAFT_WATERMARK)),
                "no header holds the watermark: {headers:?}"
            );
            let body = &docx_parts(bytes, "word/document.xml")[0];
            // The section's default header is on every page; the first page,
            // which has a header of its own (it has no page number), holds
            // the watermark too: every header does.
            assert!(
                body.contains(r#"<w:headerReference w:type="default""#),
                "{body}"
            );
            assert!(
                body.contains(r#"<w:headerReference w:type="first""#),
                "{body}"
            );
            assert!(headers.len() >= 2, "{headers:?}");
            assert!(
                headers.iter().all(|h| h.contains(DRAFT_WATERMARK)),
                "a header without the watermark: {headers:?}"
            );
            assert!(
                flat(&docx_text(bytes)).starts_with(DRAFT_WATERMARK),
                "the body does not open with the watermark"
            );
        }
        Format::Html => {
            let html = String::from_utf8(bytes.to_vec()).unwrap();
            let body = &html[html.find("<body>").unwrap()..];
            assert!(
                body.starts_with(&format!(
                    "<body>\n<p class=\"watermark\" role=\"note\">{DRAFT_WATERMARK}</p>"
                )),
                "{body}"
            );
            // In print, on every page: in the top margin, and pale across
            // the middle behind the text.
            assert!(
                html.contains(&format!(
                    "@page{{@top-center{{content:\"{DRAFT_WATERMARK}\""
                )),
                "{html}"
            );
            assert!(
                body.contains(&format!(
                    "<div class=\"watermark-print\" aria-hidden=\"true\">{DRAFT_WATERMARK}</div>"
                )),
                "{body}"
            );
            let print = &html[html.find("@media print").unwrap()..];
            assert!(
                print.contains(".watermark-print{display:block;position:fixed"),
                "{print}"
            );
        }
        Format::Markdown => {
            let md = String::from_utf8(bytes.to_vec()).unwrap();
            assert!(md.starts_with(&format!("**{DRAFT_WATERMARK}**\n")), "{md}");
        }
    }
}

async fn the_team_draft_holds_them_and_is_watermarked_on_every_page(formats: &[Format]) {
    let db = trust().await;
    for &format in formats {
        let bytes = memo(
            &db.store,
            &slug(TRUST),
            &options_for(Audience::Team),
            format,
        )
        .await
        .unwrap();
        let text = flat(&visible_text(&bytes, format));
        for shown in [DRAFT_TITLE, INSIDER_TITLE, INSIDER_QUOTE] {
            assert!(text.contains(shown), "{format}: no {shown} in:\n{text}");
        }
        assert!(
            text.contains("Confidential source (team only)"),
            "{format}: {text}"
        );
        assert_watermarked(&bytes, format);
        // The public's version of the same has no watermark.
        let public = memo(
            &db.store,
            &slug(TRUST),
            &options_for(Audience::Public),
            format,
        )
        .await
        .unwrap();
        match format {
            Format::Pdf => assert!(
                pdf_pages(&public)
                    .iter()
                    .all(|p| !p.contains(DRAFT_WATERMARK))
            ),
            Format::Docx => assert!(
                docx_parts(&public, "word/header")
                    .iter()
                    .all(|h| !h.contains(DRAFT_WATERMARK))
            ),
            Format::Html | Format::Markdown => {
                let text = String::from_utf8(public).unwrap();
                assert!(!text.contains(DRAFT_WATERMARK), "{format}");
                assert!(!text.contains("class=\"watermark\""), "{format}");
            }
        }
    }
    // Letters too.
    let mut options = LetterOptions::new(day("2008-05-31"), LIST);
    options.audience = Audience::Team;
    options.combined = true;
    for &format in formats {
        let combined = letters(&db.store, &slug(TRUST), &options, format)
            .await
            .unwrap();
        assert_watermarked(&combined[0].bytes, format);
    }
}

async fn an_editors_pending_edit_of_a_published_development_stays_out_of_the_public_memo() {
    let db = trust().await;
    const OLD: &str = "Haraszti asks for withdrawal of Interior Ministry defamation proposals";
    const NEW: &str = "Haraszti's request, as an editor rewrote it";
    let id = dataset::convert(&dataset::parse(&trust_dataset()).unwrap())
        .unwrap()
        .entities
        .iter()
        .find(|e| matches!(e, Entity::Development(d) if d.title.as_str() == OLD))
        .unwrap()
        .id();
    let live = db
        .store
        .get(EntityKind::Development, id)
        .await
        .unwrap()
        .unwrap();
    let Entity::Development(mut edited) = live.entity else {
        panic!("not a development");
    };
    edited.title = NEW.parse().unwrap();
    Services::new(&db.store)
        .update(
            &service::context("editor.cem", Some("retitle")).unwrap(),
            Entity::Development(edited),
            live.meta.version,
        )
        .await
        .unwrap();
    let public = memo_document(&db.store, &slug(TRUST), &options_for(Audience::Public))
        .await
        .unwrap()
        .plain_text();
    assert!(public.contains(OLD), "{public}");
    assert!(!public.contains(NEW), "{public}");
    assert!(!public.contains("editor.cem"), "{public}");
    let team = memo_document(&db.store, &slug(TRUST), &options_for(Audience::Team))
        .await
        .unwrap()
        .plain_text();
    assert!(team.contains(NEW), "{team}");
    assert!(!team.contains(OLD), "{team}");
}

async fn a_public_document_of_an_unpublished_dossier_or_list_is_refused_naming_it() {
    // Nothing published: the public's memorandum and letters are refused,
    // the team's draft is written.
    let db = db_publishing(&trust_dataset(), |_| true).await;
    let err = memo_document(&db.store, &slug(TRUST), &options_for(Audience::Public))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::NotPublished { .. }), "{err:?}");
    assert_eq!(err.to_string(), "the dossier trust is not published");
    let err = letter_documents(
        &db.store,
        &slug(TRUST),
        &LetterOptions::new(day("2008-05-31"), LIST),
    )
    .await
    .unwrap_err();
    assert_eq!(err.to_string(), "the dossier trust is not published");
    let team = memo_document(&db.store, &slug(TRUST), &options_for(Audience::Team))
        .await
        .unwrap();
    assert_eq!(team.watermark.as_deref(), Some(DRAFT_WATERMARK));
    // A dossier that is not there at all is still "not found".
    let err = memo_document(
        &db.store,
        &slug("no-such-dossier"),
        &options_for(Audience::Public),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(err, Error::Core(pledgewatch_core::Error::NotFound { .. })),
        "{err:?}"
    );

    // The dossier published, its recipient list not.
    let db = db_publishing(&trust_dataset(), |e| {
        is_draft_development(e) || matches!(e, Entity::RecipientList(_))
    })
    .await;
    let err = letter_documents(
        &db.store,
        &slug(TRUST),
        &LetterOptions::new(day("2008-05-31"), LIST),
    )
    .await
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("the recipient list '{LIST}' is not published")
    );
    let mut team = LetterOptions::new(day("2008-05-31"), LIST);
    team.audience = Audience::Team;
    assert_eq!(
        letter_documents(&db.store, &slug(TRUST), &team)
            .await
            .unwrap()
            .len(),
        55
    );
}

async fn public_letters_use_only_published_signatories_and_team_letters_are_named_draft() {
    let db = db_publishing(&trust_dataset(), |e| {
        is_draft_development(e)
            || matches!(e, Entity::Signatory(s) if s.name.as_str() == "Jean-Marie Fardeau")
    })
    .await;
    let public = letter_documents(
        &db.store,
        &slug(TRUST),
        &LetterOptions::new(day("2008-05-31"), LIST),
    )
    .await
    .unwrap();
    assert_eq!(public[0].file_stem, "01-albania");
    let text = public[0].document.plain_text();
    assert!(public[0].document.watermark.is_none());
    assert!(text.contains("Holly Cartner"), "{text}");
    assert!(!text.contains("Jean-Marie Fardeau"), "{text}");

    let mut options = LetterOptions::new(day("2008-05-31"), LIST);
    options.audience = Audience::Team;
    let team = letter_documents(&db.store, &slug(TRUST), &options)
        .await
        .unwrap();
    assert_eq!(team[0].file_stem, "01-albania-draft");
    assert!(team.iter().all(|l| l.file_stem.ends_with("-draft")));
    let text = team[0].document.plain_text();
    assert!(text.starts_with(DRAFT_WATERMARK), "{text}");
    assert!(text.contains("Jean-Marie Fardeau"), "{text}");
    options.combined = true;
    let combined = letters(&db.store, &slug(TRUST), &options, Format::Html)
        .await
        .unwrap();
    assert_eq!(
        combined[0].file_name,
        "letters-foreign-ministers-of-the-osce-participating-states-2008-draft.html"
    );
}

// ------------------------------------------- a memorandum fit for a minister

/// The dates of the two memoranda of the seed case.
const MEMO_DATES: [&str; 2] = ["2008-05-28", "2009-05-20"];

/// The development paragraphs of a memorandum: a date in bold, then the
/// title in italics; their titles, in order.
fn told_developments(doc: &pledgewatch_report::Document) -> Vec<String> {
    use pledgewatch_report::doc::Inline;
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Para { inlines, .. } => match inlines.as_slice() {
                [
                    Inline::Strong { .. },
                    Inline::Text { .. },
                    Inline::Emph { v },
                    ..,
                ] => Some(v.clone()),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

async fn the_memo_tells_each_development_once_and_refers_back_to_it() {
    let db = demo().await;
    for as_of in MEMO_DATES {
        let doc = memo_document(&db.store, &slug(DEMO), &MemoOptions::new(day(as_of)))
            .await
            .unwrap();
        let told = told_developments(&doc);
        let mut distinct = told.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(
            told.len(),
            distinct.len(),
            "as of {as_of}, told twice: {told:?}"
        );
        assert!(told.len() >= 10, "as of {as_of}: {told:?}");
        // Every development linked to a later commitment as well is referred
        // back to, by its title, where it was told.
        let text = doc.plain_text();
        let back: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with("See above: "))
            .collect();
        assert!(!back.is_empty(), "as of {as_of}: no reference back");
        for line in back {
            for item in line["See above: ".len()..].split("); ") {
                let title = item.split('“').nth(1).unwrap().split('”').next().unwrap();
                assert!(told.iter().any(|t| t == title), "{title} was never told");
                assert!(item.contains("(under commitment "), "{item}");
            }
        }
    }
}

async fn the_memo_holds_no_internal_note_no_jargon_and_shows_periods_as_periods(
    formats: &[Format],
) {
    let db = demo().await;
    let data: serde_json::Value = serde_json::from_str(dataset::DEMO).unwrap();
    // The internal notes of sources and developments.
    let notes: Vec<String> = ["sources", "developments"]
        .iter()
        .flat_map(|k| data[k].as_array().unwrap())
        .filter_map(|r| r["note"].as_str().map(str::to_owned))
        .collect();
    assert!(notes.len() > 5);
    for as_of in MEMO_DATES {
        for &format in formats {
            let options = MemoOptions::new(day(as_of));
            let bytes = memo(&db.store, &slug(DEMO), &options, format)
                .await
                .unwrap();
            let text = flat(&visible_text(&bytes, format));
            for note in &notes {
                assert!(
                    !text.contains(flat(note).as_str()),
                    "{format} {as_of}: {note}"
                );
            }
            for jargon in [
                "(no change)",
                "(advance)",
                "(setback)",
                "Ratings so far",
                "By status",
                "Dossier:",
                DEMO,
                "Stalled",
                "Not started",
                "In progress",
                "priority high",
                "No step has been recorded",
            ] {
                assert!(
                    !text.contains(jargon),
                    "{format} {as_of}: {jargon} in:\n{text}"
                );
            }
            // No count of days, for a deadline or a period.
            let words: Vec<&str> = text.split(' ').collect();
            for pair in words.windows(2) {
                let days = pair[1].trim_end_matches([',', '.', ';', ')']);
                assert!(
                    !(days == "days" && pair[0].chars().all(|c| c.is_ascii_digit())),
                    "{format} {as_of}: {} {}",
                    pair[0],
                    pair[1]
                );
            }
            // The chairmanship pledge runs during 2010: a period, not yet begun in 2008 and 2009.
            assert!(text.contains("throughout 2010"), "{format} {as_of}");
            assert!(text.contains("it has not yet begun"), "{format} {as_of}");
            assert!(text.contains("period not yet begun"), "{format} {as_of}");
        }
    }
}

async fn notes_give_a_source_in_full_once_then_in_short_or_as_ibid() {
    let db = demo().await;
    for as_of in MEMO_DATES {
        let doc = memo_document(&db.store, &slug(DEMO), &MemoOptions::new(day(as_of)))
            .await
            .unwrap();
        let texts: Vec<String> = doc
            .notes
            .iter()
            .map(|n| n.inlines.iter().map(|i| i.plain()).collect())
            .collect();
        let mut ibid = 0;
        for (i, note) in doc.notes.iter().enumerate() {
            // Numbers of the source list are never printed in a note.
            assert!(!texts[i].starts_with('['), "{}", texts[i]);
            let mut these = note.sources.clone();
            these.sort();
            let same_as_before = i > 0 && {
                let mut before = doc.notes[i - 1].sources.clone();
                before.sort();
                before == these
            };
            assert_eq!(
                texts[i] == "Ibid.",
                same_as_before,
                "note {}: {}",
                i + 1,
                texts[i]
            );
            ibid += usize::from(same_as_before);
        }
        assert!(ibid >= 3, "as of {as_of}: {ibid} Ibid.");
        // A source is given in full (with its date) in one note only.
        let entries: Vec<String> = doc
            .blocks
            .iter()
            .rev()
            .find_map(|b| match b {
                Block::List {
                    numbered: true,
                    items,
                } => Some(items.iter().map(|i| i[0].plain()).collect()),
                _ => None,
            })
            .unwrap();
        for entry in entries {
            let full = entry.trim_end_matches('.');
            let count = texts.iter().filter(|t| t.contains(full)).count();
            assert_eq!(count, 1, "as of {as_of}: {full} in full {count} times");
        }
    }
}

/// The demo with the organisation's own letter and memorandum of 28 May
/// 2008 marked as its own documents, and Human Rights Watch as publisher.
fn own_dataset() -> String {
    let mut v: serde_json::Value = serde_json::from_str(dataset::DEMO).unwrap();
    v["dossier"]["slug"] = "own".into();
    v["dossier"]["publisher"] = serde_json::json!({"name": "Human Rights Watch"});
    for s in v["sources"].as_array_mut().unwrap() {
        let key = s["key"].as_str().unwrap();
        if key == "hrw-letter-2008-05-28" || key == "hrw-memo-2008-05-28" {
            s["own_document"] = true.into();
        }
    }
    // One pledge quoted from a news report, the last from the government's
    // own announcement.
    v["commitments"][4]["quote"]["source"] = "rferl-2007-12".into();
    v["commitments"][5]["quote"]["source"] = "kz-prnewswire-2007-11-30".into();
    serde_json::to_string(&v).unwrap()
}

async fn the_organisations_own_documents_are_never_cited_and_quotes_say_whose_words_they_are() {
    // As the demo stands, the pledges are quoted from the organisation's own
    // letter: named as its earlier words, with their date, not cited.
    let db = demo().await;
    let text = memo_document(&db.store, &slug(DEMO), &MemoOptions::new(day("2008-05-28")))
        .await
        .unwrap()
        .plain_text();
    assert!(
        text.contains(
            "weaken this institution.” (as Human Rights Watch reported it on 28 May 2008)\n"
        ),
        "{text}"
    );
    // The organisation's own letter and memorandum: never cited, never in
    // the source list; a development only they report is left out; the
    // quotes they give are named as the organisation's earlier words.
    let db = db_with(&own_dataset()).await;
    for as_of in MEMO_DATES {
        let doc = memo_document(&db.store, &slug("own"), &MemoOptions::new(day(as_of)))
            .await
            .unwrap();
        let text = doc.plain_text();
        for own in [
            "Letter to French Foreign Minister",
            "Madrid Promises and Beyond",
            "HRW writes to OSCE foreign ministers",
        ] {
            assert!(!text.contains(own), "as of {as_of}: {own} in\n{text}");
        }
        assert!(
            text.contains("(as Human Rights Watch reported it on 28 May 2008)"),
            "{text}"
        );
        // A reporter's words say whose they are, and are cited.
        assert!(
            text.contains("weaken this institution.” (as reported by RFE/RL)"),
            "{text}"
        );
        // The government's words are the official record's.
        assert!(
            text.contains("weaken this institution.” (the words of the official record)"),
            "{text}"
        );
        // A development that also has other sources is still told, citing them.
        assert!(text.contains("Tazhin makes the pledges"), "{text}");
        // An earlier fact only the organisation's memorandum records is its
        // own finding: told, without a note.
        assert!(text.contains("working group"), "as of {as_of}:\n{text}");
        // The title page: title, organisation and date; no slug.
        let Block::TitlePage { lines, .. } = &doc.blocks[0] else {
            panic!("no title page");
        };
        assert_eq!(
            lines,
            &[
                "Human Rights Watch".to_owned(),
                pledgewatch_report::text::day(day(as_of))
            ]
        );
        assert_eq!(doc.author.as_deref(), Some("Human Rights Watch"));
    }
}

/// The named part of a DOCX, as text.
fn docx_part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    archive
        .by_name(name)
        .unwrap_or_else(|_| panic!("no {name}"))
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

async fn the_docx_has_one_normal_style_page_numbers_core_properties_and_hyperlinks() {
    let db = db_with(&own_dataset()).await;
    let options = MemoOptions::new(day("2008-05-28"));
    let bytes = memo(&db.store, &slug("own"), &options, Format::Docx)
        .await
        .unwrap();
    // One Normal style, which the body's font and size reach as defaults.
    let styles = docx_part(&bytes, "word/styles.xml");
    assert_eq!(
        styles.matches(r#"w:styleId="Normal""#).count(),
        1,
        "{styles}"
    );
    assert!(styles.contains(r#"w:ascii="Times New Roman""#), "{styles}");
    // A footer with the PAGE field, on every page after the title page.
    let footers = docx_parts(&bytes, "word/footer");
    assert!(
        footers.iter().any(|f| f.contains("<w:instrText")
            && f.contains("PAGE")
            && f.contains(r#"w:fldCharType="begin""#)),
        "{footers:?}"
    );
    let body = docx_part(&bytes, "word/document.xml");
    assert!(
        body.contains(r#"<w:footerReference w:type="default""#),
        "{body}"
    );
    assert!(body.contains("<w:titlePg"), "{body}");
    // Title, organisation and the as-of date, never 1970 nor "unknown".
    let core = docx_part(&bytes, "docProps/core.xml");
    assert!(
        core.contains("<dc:title>Kazakhstan and the 2010 OSCE chairmanship: promises and reality, as of 28 May 2008</dc:title>"),
        "{core}"
    );
    assert!(
        core.contains("<dc:creator>Human Rights Watch</dc:creator>"),
        "{core}"
    );
    assert!(
        core.contains(
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">2008-05-28T00:00:00Z</dcterms:created>"#
        ),
        "{core}"
    );
    assert!(
        core.contains(
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">2008-05-28T00:00:00Z</dcterms:modified>"#
        ),
        "{core}"
    );
    assert!(
        !core.contains("1970") && !core.contains("unknown"),
        "{core}"
    );
    // Every address of the source list is a hyperlink, numbered in order.
    let rels = docx_part(&bytes, "word/_rels/document.xml.rels");
    let links = body.matches("<w:hyperlink r:id=\"rIdLink").count();
    assert!(links >= 10, "{links} hyperlinks");
    let mut at = 0;
    for n in 1..=links {
        let id = format!("Id=\"rIdLink{n}\"");
        let found = rels[at..]
            .find(&id)
            .unwrap_or_else(|| panic!("{id} missing or out of order"));
        at += found;
        assert!(
            body.contains(&format!("<w:hyperlink r:id=\"rIdLink{n}\"")),
            "{n}"
        );
    }
    assert!(
        rels.contains(r#"Target="https://osce.org/fom/48994" TargetMode="External""#),
        "{rels}"
    );
    // The same document gives the same file, byte for byte.
    let again = memo(&db.store, &slug("own"), &options, Format::Docx)
        .await
        .unwrap();
    assert!(again == bytes, "the DOCX differs between two runs");
}

async fn the_pdf_text_has_whole_addresses_and_each_note_number_once() {
    let db = demo().await;
    for as_of in MEMO_DATES {
        let options = MemoOptions::new(day(as_of));
        let doc = memo_document(&db.store, &slug(DEMO), &options)
            .await
            .unwrap();
        let pdf = memo(&db.store, &slug(DEMO), &options, Format::Pdf)
            .await
            .unwrap();
        let text = pdf_text(&pdf);
        assert!(!text.contains('\u{200B}'), "a zero-width space in the text");
        // No "⁵[2]": a note's text never opens with a number in brackets.
        let chars: Vec<char> = text.chars().collect();
        for w in chars.windows(3) {
            assert!(
                !(w[0].is_ascii_digit() && w[1] == '[' && w[2].is_ascii_digit()),
                "a note numbered twice in:\n{text}"
            );
        }
        // Each address, wrapped over lines, reads back whole once the line
        // breaks are taken out (pdftotext drops a hyphen that ends a line,
        // as if it were a word's, so hyphens are left out of the comparison).
        // Page breaks and the page numbers at the foot are left out too.
        let joined: String = text
            .split('\u{c}')
            .flat_map(|page| {
                let mut lines: Vec<&str> = page.lines().filter(|l| !l.is_empty()).collect();
                if lines
                    .last()
                    .is_some_and(|l| l.chars().all(|c| c.is_ascii_digit()))
                {
                    lines.pop();
                }
                lines
            })
            .collect::<String>()
            .replace('-', "");
        let data: serde_json::Value = serde_json::from_str(dataset::DEMO).unwrap();
        let cited = doc.plain_text();
        let mut checked = 0;
        for s in data["sources"].as_array().unwrap() {
            let (Some(title), Some(url)) = (s["title"].as_str(), s["url"].as_str()) else {
                continue;
            };
            if cited.contains(title) && cited.contains(url) {
                assert!(
                    joined.contains(&url.replace('-', "")),
                    "as of {as_of}: {url} broken in the PDF text:\n{text}"
                );
                checked += 1;
            }
        }
        assert!(checked >= 10, "{checked} addresses");
        // Straight apostrophes between letters are typeset curly.
        let words = flat(&text);
        assert!(!words.contains("Kazakhstan's"), "a straight apostrophe");
        assert!(words.contains("Kazakhstan’s"), "{words}");
    }
}
