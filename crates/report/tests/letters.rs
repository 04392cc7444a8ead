//! The letters to officials as an advocate would send them, on a real
//! database: the demo dossier completed with what the seed letter of 28 May
//! 2008 rests on (the earlier bids as baseline developments, a rating of
//! the ODIHR pledges before and after, the stakes, the publisher, a
//! recipient's address and signatories), checked fact by fact against the
//! seed letter in `../shared/seed` (read at test time, never copied).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use pledgewatch_core::dataset;
use pledgewatch_core::model::Slug;
use pledgewatch_core::service::{self, Services};
use pledgewatch_core::storage::{Change, Storage};
use pledgewatch_report::doc::{Block, Document, Inline, Role};
use pledgewatch_report::{Error, Format, LetterOptions, letter_set, letters, render};
use pledgewatch_store::{DatabaseUrl, OpenMode, Store};
use pledgewatch_testkit::{Trial, block_on, need, trial, trial_needing};

mod seed;

use seed::missing_seed_facts;

const SLUG: &str = "letters";
const LIST: &str = "foreign-ministers-of-the-osce-participating-states-2008";
const STAKES: &str =
    "The credibility of this government is on the line. But so too is the credibility of the OSCE.";

fn main() {
    let mut trials: Vec<Trial> = vec![
        trial("the_letters_leave_out_the_state_bound_and_say_so", || {
            block_on(the_letters_leave_out_the_state_bound_and_say_so())
        }),
        trial(
            "the_letter_carries_the_seed_letter_s_facts_one_by_one",
            || block_on(the_letter_carries_the_seed_letter_s_facts_one_by_one()),
        ),
        trial(
            "the_state_bound_gets_a_direct_letter_only_when_asked",
            || block_on(the_state_bound_gets_a_direct_letter_only_when_asked()),
        ),
        trial(
            "letterhead_address_and_signatories_follow_the_publisher_the_list_and_the_recipient",
            || {
                block_on(
                    letterhead_address_and_signatories_follow_the_publisher_the_list_and_the_recipient(),
                )
            },
        ),
        trial(
            "a_year_later_the_letter_speaks_of_progress_and_passed_deadlines_in_uk_spelling",
            || {
                block_on(
                    a_year_later_the_letter_speaks_of_progress_and_passed_deadlines_in_uk_spelling(
                    ),
                )
            },
        ),
        trial(
            "the_letter_calls_backtracking_what_the_scorecard_does",
            || block_on(the_letter_calls_backtracking_what_the_scorecard_does()),
        ),
        trial(
            "a_combined_docx_is_one_section_per_letter_numbered_from_one",
            || block_on(a_combined_docx_is_one_section_per_letter_numbered_from_one()),
        ),
        trial_needing(
            "a_combined_pdf_numbers_each_letter_on_its_own",
            need::program("pdftotext", "-v", "poppler-utils"),
            |()| block_on(a_combined_pdf_numbers_each_letter_on_its_own()),
        ),
        trial("a_state_named_formally_is_still_the_state_bound", || {
            block_on(a_state_named_formally_is_still_the_state_bound())
        }),
        trial(
            "before_any_assessment_the_letter_claims_no_lack_of_progress",
            || block_on(before_any_assessment_the_letter_claims_no_lack_of_progress()),
        ),
        trial("a_letter_without_any_signatory_is_refused", || {
            block_on(a_letter_without_any_signatory_is_refused())
        }),
        trial_needing(
            "web_and_email_addresses_keep_their_characters_in_every_format",
            need::program("pdftotext", "-v", "poppler-utils"),
            |()| block_on(web_and_email_addresses_keep_their_characters_in_every_format()),
        ),
        trial_needing(
            "a_closing_and_its_signatories_share_a_page",
            need::program("pdftotext", "-v", "poppler-utils"),
            |()| a_closing_and_its_signatories_share_a_page(),
        ),
    ];
    trials.push(pledgewatch_testkit::every_test_here_is_a_trial(&[
        include_str!("letters.rs"),
    ]));
    pledgewatch_testkit::run(trials)
}

struct Db {
    store: Store,
    _dir: tempfile::TempDir,
}

/// The demo dossier with what the seed letter rests on.
fn letters_dataset() -> String {
    let mut v: serde_json::Value = serde_json::from_str(dataset::DEMO).unwrap();
    v["dossier"]["slug"] = SLUG.into();
    v["dossier"]["stakes"] = STAKES.into();
    v["dossier"]["publisher"] = serde_json::json!({
        "name": "Human Rights Watch",
        "address": ["350 Fifth Avenue, 34th Floor", "New York, NY 10118-3299", "USA"],
        "website": "https://www.hrw.org",
        "email": "hrwnyc@hrw.org",
        "spelling": "us"
    });
    // The ODIHR pledges, rated before the letter, then rated worse on its day.
    for key in ["odihr-mandate", "odihr-no-weakening"] {
        v["assessments"]
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!({
                "commitment": key,
                "as_of": "2007-11-30",
                "status": "not_started",
                "rationale": "Made at Madrid; nothing to rate yet.",
                "developments": [],
                "rated_by": "Demo data",
                "reviewed_by": null
            }));
    }
    // A step for a concern beyond the pledges, known by 28 May 2008 (the
    // demo has none: the memorandum's own steps were never seen), so that
    // the letter says it outlines them.
    v["recommendations"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({
            "key": "beyond-step",
            "action": "Decriminalize libel.",
            "responsible": "kazakhstan",
            "proposed_by": null,
            "priority": "high",
            "answers": [
                {"concern": "expression"},
                {"concern": "assembly"},
                {"concern": "political-opposition"}
            ],
            "source": "hrw-2007-11-29"
        }));
    let list = &mut v["recipient_list"];
    list["signatories"] = serde_json::json!(["Holly Cartner", "Jean-Marie Fardeau"]);
    for r in list["recipients"].as_array_mut().unwrap() {
        if r["state"] == "France" {
            r["address"] = serde_json::json!(["37 Quai d'Orsay", "75351 Paris"]);
            r["signatories"] = serde_json::json!(["Jean-Marie Fardeau"]);
        }
    }
    serde_json::to_string(&v).unwrap()
}

async fn db_with(text: &str) -> Db {
    let dir = tempfile::tempdir().unwrap();
    let url = DatabaseUrl::Sqlite(dir.path().join("test.db"));
    let store = Store::open(&url, OpenMode::CreateIfMissing).await.unwrap();
    store.migrate().await.unwrap();
    let parsed = dataset::parse(text).unwrap();
    let converted = dataset::convert(&parsed).unwrap();
    let publish: Vec<Change> = converted
        .entities
        .iter()
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

fn day(s: &str) -> NaiveDate {
    pledgewatch_core::date::parse_day(s).unwrap()
}

fn slug() -> Slug {
    Slug::parse(SLUG).unwrap()
}

/// Text as compared: whitespace collapsed, typographic apostrophes plain.
fn flat(text: &str) -> String {
    text.replace(['’', '‘'], "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Each letter's visible text, by its file stem.
async fn texts(db: &Db, options: &LetterOptions) -> Vec<(String, String)> {
    letter_set(&db.store, &slug(), options)
        .await
        .unwrap()
        .letters
        .into_iter()
        .map(|l| (l.file_stem, flat(&l.document.plain_text())))
        .collect()
}

async fn the_letters_leave_out_the_state_bound_and_say_so() {
    let db = db_with(&letters_dataset()).await;
    let options = LetterOptions::new(day("2008-05-28"), LIST);
    let set = letter_set(&db.store, &slug(), &options).await.unwrap();
    assert_eq!(set.letters.len(), 55);
    assert_eq!(set.written, 55);
    assert_eq!(
        set.summary(),
        "55 letters; Kazakhstan, the State bound by these commitments, is left out"
    );
    for l in &set.letters {
        let text = flat(&l.document.plain_text());
        assert!(!l.file_stem.contains("kazakhstan"), "{}", l.file_stem);
        assert!(
            !text.contains("Minister of Foreign Affairs Kazakhstan Re:"),
            "{text}"
        );
        for needle in [
            "by the end of 2008",
            "may be backtracking on its pledges to preserve ODIHR and its existing mandate",
            "bid for the OSCE chairmanship was unsuccessful",
            "In December 2006 the OSCE postponed its decision",
            "the credibility of the OSCE",
        ] {
            assert!(
                text.contains(needle),
                "{}: no {needle:?} in {text}",
                l.file_stem
            );
        }
        // Nothing that weakens the request, and no promise the memo cannot keep.
        assert!(!text.contains("none is yet past its deadline"), "{text}");
        assert!(!text.contains("due in"), "{text}");
    }
    // The combined document leaves it out too.
    let combined = LetterOptions {
        combined: true,
        ..options
    };
    let set = letter_set(&db.store, &slug(), &combined).await.unwrap();
    let text = flat(&set.letters[0].document.plain_text());
    assert_eq!(text.matches("With best regards").count(), 55);
    assert!(!text.contains("Foreign Affairs Kazakhstan"), "{text}");
    assert_eq!(set.left_out.as_deref(), Some("Kazakhstan"));
}

async fn the_letter_carries_the_seed_letter_s_facts_one_by_one() {
    let db = db_with(&letters_dataset()).await;
    let options = LetterOptions::new(day("2008-05-28"), LIST);
    // France's letter has a signatory of its own (see the next tests).
    for (stem, text) in texts(&db, &options).await {
        if stem.contains("france") {
            continue;
        }
        let missing = missing_seed_facts(&text, true);
        assert!(missing.is_empty(), "{stem} misses {missing:?}:\n{text}");
    }
    // The memorandum is named by its title and date.
    let (_, france) = texts(&db, &options)
        .await
        .into_iter()
        .find(|(stem, _)| stem.contains("france"))
        .unwrap();
    assert!(
        france.contains(
            "The attached memorandum, “Kazakhstan and the 2010 OSCE chairmanship: promises and reality, as of 28 May 2008”"
        ),
        "{france}"
    );
}

async fn the_state_bound_gets_a_direct_letter_only_when_asked() {
    let db = db_with(&letters_dataset()).await;
    let options = LetterOptions {
        include_subject: true,
        ..LetterOptions::new(day("2008-05-28"), LIST)
    };
    let set = letter_set(&db.store, &slug(), &options).await.unwrap();
    assert_eq!(set.letters.len(), 56);
    assert_eq!(set.left_out, None);
    assert_eq!(set.summary(), "56 letters");
    let own = set
        .letters
        .iter()
        .find(|l| l.file_stem.ends_with("kazakhstan"))
        .unwrap();
    let text = flat(&own.document.plain_text());
    assert!(
        text.contains("We write about the commitments your government made"),
        "{text}"
    );
    assert!(
        text.contains("your government has made no progress"),
        "{text}"
    );
    assert!(
        text.contains("We urge your government to fulfill these commitments"),
        "{text}"
    );
    assert!(!text.contains("raise with the leadership"), "{text}");
    // The others get the letter asking them to press it.
    let albania = flat(&set.letters[0].document.plain_text());
    assert!(
        albania.contains("raise with the leadership of Kazakhstan"),
        "{albania}"
    );
}

async fn letterhead_address_and_signatories_follow_the_publisher_the_list_and_the_recipient() {
    let db = db_with(&letters_dataset()).await;
    let options = LetterOptions::new(day("2008-05-28"), LIST);
    let all = texts(&db, &options).await;
    let (_, france) = all.iter().find(|(s, _)| s.contains("france")).unwrap();
    assert!(
        france.starts_with(
            "Human Rights Watch 350 Fifth Avenue, 34th Floor New York, NY 10118-3299 USA https://www.hrw.org hrwnyc@hrw.org 28 May 2008"
        ),
        "{france}"
    );
    assert!(
        france.contains(
            "Bernard Kouchner Minister of Foreign and European Affairs France 37 Quai d'Orsay 75351 Paris Re: Kazakhstan's commitments at the OSCE Ministerial Council (Madrid, 29–30 November 2007) Dear Minister,"
        ),
        "{france}"
    );
    // France's letter is signed by the one the recipient names; the others by the list's.
    assert!(france.contains("Jean-Marie Fardeau"), "{france}");
    assert!(!france.contains("Holly Cartner"), "{france}");
    let (_, albania) = &all[0];
    assert!(albania.contains("Holly Cartner") && albania.contains("Jean-Marie Fardeau"));
    // Every format carries the letterhead.
    for format in [Format::Html, Format::Markdown] {
        let written = letters(&db.store, &slug(), &options, format).await.unwrap();
        let text = String::from_utf8(written[0].bytes.clone()).unwrap();
        assert!(text.contains("Human Rights Watch"), "{format}");
        assert!(text.contains("350 Fifth Avenue"), "{format}");
    }
}

async fn a_year_later_the_letter_speaks_of_progress_and_passed_deadlines_in_uk_spelling() {
    let mut v: serde_json::Value = serde_json::from_str(&letters_dataset()).unwrap();
    v["dossier"]["publisher"]["spelling"] = "uk".into();
    let db = db_with(&v.to_string()).await;
    let options = LetterOptions::new(day("2009-05-20"), LIST);
    let (_, text) = texts(&db, &options).await.remove(0);
    assert!(
        text.contains("Nearly eighteen months ago, at the OSCE Ministerial Council in Madrid"),
        "{text}"
    );
    assert!(
        text.contains("the progress still needed towards fulfilling these commitments"),
        "{text}"
    );
    assert!(
        text.contains("the government has made progress on four of its six pledges"),
        "{text}"
    );
    assert!(
        text.contains("The deadline has passed for three of them."),
        "{text}"
    );
    assert!(!text.contains("show any progress"), "{text}");
    assert!(!text.contains("toward "), "{text}");
}

fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("doc.pdf");
    let txt = dir.path().join("doc.txt");
    std::fs::write(&pdf, bytes).unwrap();
    let status = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-layout"])
        .arg(&pdf)
        .arg(&txt)
        .status()
        .unwrap();
    assert!(status.success(), "pdftotext failed");
    std::fs::read_to_string(&txt).unwrap()
}

async fn a_combined_pdf_numbers_each_letter_on_its_own() {
    // France's letter runs over a page: ten more people sign it.
    let mut v: serde_json::Value = serde_json::from_str(&letters_dataset()).unwrap();
    let names: Vec<String> = (1..=10).map(|i| format!("Signatory {i}")).collect();
    for name in &names {
        v["signatories"]
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!({
                "name": name,
                "title": "Director",
                "division": "Europe and Central Asia Division",
                "organisation": "Human Rights Watch"
            }));
    }
    for r in v["recipient_list"]["recipients"].as_array_mut().unwrap() {
        if r["state"] == "France" {
            r["signatories"] = serde_json::json!(names);
        }
    }
    let db = db_with(&v.to_string()).await;
    let options = LetterOptions {
        combined: true,
        ..LetterOptions::new(day("2008-05-28"), LIST)
    };
    let pdf = letters(&db.store, &slug(), &options, Format::Pdf)
        .await
        .unwrap();
    let text = pdf_text(&pdf[0].bytes);
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    // A page that starts a letter starts with the letterhead.
    let mut letters: Vec<Vec<&str>> = Vec::new();
    for page in pages {
        if page.trim_start().starts_with("Human Rights Watch") {
            letters.push(vec![page]);
        } else {
            letters
                .last_mut()
                .expect("the first page starts a letter")
                .push(page);
        }
    }
    assert_eq!(letters.len(), 55);
    let last_line = |page: &str| {
        page.lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap()
            .trim()
            .to_owned()
    };
    let mut long = 0;
    for pages in &letters {
        if pages.len() == 1 {
            assert!(
                last_line(pages[0]).parse::<u32>().is_err(),
                "a one-page letter has no page number: {}",
                pages[0]
            );
        } else {
            // The first page carries no number; the others theirs in the letter.
            long += 1;
            assert!(last_line(pages[0]).parse::<u32>().is_err(), "{}", pages[0]);
            for (i, page) in pages.iter().enumerate().skip(1) {
                assert_eq!(last_line(page), (i + 1).to_string(), "{page}");
            }
        }
    }
    assert!(long >= 1, "France's letter runs over a page");
}

/// A part of a DOCX, as text.
fn docx_part(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

async fn a_combined_docx_is_one_section_per_letter_numbered_from_one() {
    let db = db_with(&letters_dataset()).await;
    let options = LetterOptions {
        combined: true,
        ..LetterOptions::new(day("2008-05-28"), LIST)
    };
    let docx = letters(&db.store, &slug(), &options, Format::Docx)
        .await
        .unwrap();
    let bytes = &docx[0].bytes;
    docx_rs::read_docx(bytes).expect("the DOCX reads back");
    let document = docx_part(bytes, "word/document.xml");
    // 55 letters: 54 section breaks and the document's own section.
    assert_eq!(document.matches("<w:sectPr").count(), 55);
    assert_eq!(
        document.matches("<w:titlePg").count(),
        55,
        "no number on first pages"
    );
    assert_eq!(document.matches("w:start=\"1\"").count(), 55, "each from 1");
    // Section breaks replace the page breaks between letters.
    assert_eq!(document.matches("w:type=\"page\"").count(), 0);
    assert!(!document.contains("PledgewatchLetterEnd"));
    let footers: Vec<String> = (1..=2)
        .map(|n| docx_part(bytes, &format!("word/footer{n}.xml")))
        .collect();
    assert!(footers.iter().any(|f| f.contains("PAGE")), "{footers:?}");
    assert!(footers.iter().any(|f| !f.contains("PAGE")), "{footers:?}");
}

/// The letters' dataset with `edit` applied.
async fn db_edited(edit: impl FnOnce(&mut serde_json::Value)) -> Db {
    let mut v: serde_json::Value = serde_json::from_str(&letters_dataset()).unwrap();
    edit(&mut v);
    db_with(&v.to_string()).await
}

async fn a_state_named_formally_is_still_the_state_bound() {
    let db = db_edited(|v| {
        for r in v["recipient_list"]["recipients"].as_array_mut().unwrap() {
            if r["state"] == "Kazakhstan" {
                r["state"] = "the Republic of Kazakhstan".into();
            }
        }
    })
    .await;
    let options = LetterOptions::new(day("2008-05-28"), LIST);
    let set = letter_set(&db.store, &slug(), &options).await.unwrap();
    assert_eq!(set.written, 55);
    // The actor is named, not the recipient's own words.
    assert_eq!(
        set.summary(),
        "55 letters; Kazakhstan, the State bound by these commitments, is left out"
    );
    let options = LetterOptions {
        include_subject: true,
        ..options
    };
    let set = letter_set(&db.store, &slug(), &options).await.unwrap();
    assert_eq!(set.written, 56);
    let own = set
        .letters
        .iter()
        .find(|l| l.file_stem.ends_with("republic-of-kazakhstan"))
        .unwrap();
    let text = flat(&own.document.plain_text());
    assert!(
        text.contains("We write about the commitments your government made"),
        "{text}"
    );
    assert!(!text.contains("raise with the leadership"), "{text}");
}

async fn before_any_assessment_the_letter_claims_no_lack_of_progress() {
    // The demo as it is: nothing is rated before 28 May 2008.
    let db = db_edited(|v| {
        v["assessments"]
            .as_array_mut()
            .unwrap()
            .retain(|a| a["as_of"] != "2007-11-30");
    })
    .await;
    let options = LetterOptions::new(day("2007-12-15"), LIST);
    for (stem, text) in texts(&db, &options).await {
        for claim in ["lack of progress", "no progress", "none on"] {
            assert!(!text.contains(claim), "{stem} says {claim:?}: {text}");
        }
        assert!(
            text.contains("Two weeks after they were made, it is too early to judge progress."),
            "{stem}: {text}"
        );
    }
    // With the two ODIHR pledges rated "not started", only they lack progress.
    let db = db_with(&letters_dataset()).await;
    let (_, text) = texts(&db, &options).await.remove(0);
    assert!(
        text.contains(
            "the government has made no progress toward fulfilling two of its six pledges; \
             four have not yet been assessed"
        ),
        "{text}"
    );
    assert!(text.contains("the lack of progress"), "{text}");
}

/// Backtracking is what the scorecard shows: a current rating worse than
/// an earlier one, or a status whose badge says the commitment moved
/// backwards. A step back that recovered is no longer backtracking.
async fn the_letter_calls_backtracking_what_the_scorecard_does() {
    // The demo as it is: the ODIHR pledges are first rated on 28 May 2008,
    // "regressed", with nothing earlier: the badge says backwards.
    let db = db_edited(|v| {
        v["assessments"]
            .as_array_mut()
            .unwrap()
            .retain(|a| a["as_of"] != "2007-11-30");
    })
    .await;
    let options = LetterOptions::new(day("2008-06-01"), LIST);
    let (_, first_rated) = texts(&db, &options).await.remove(0);
    assert!(
        first_rated.contains("may be backtracking on its pledges to preserve ODIHR"),
        "{first_rated}"
    );
    // Rated "not started" before, then "regressed": a step back.
    let db = db_with(&letters_dataset()).await;
    let (_, worse) = texts(&db, &options).await.remove(0);
    assert!(
        worse.contains("may be backtracking on its pledges to preserve ODIHR"),
        "{worse}"
    );
    // In 2010 both are "in progress" again, better than before: recovered
    // (the media law, rated worse again by then, is the one step back).
    let options = LetterOptions::new(day("2010-06-01"), LIST);
    let (_, recovered) = texts(&db, &options).await.remove(0);
    let step_back = recovered
        .split(". ")
        .find(|s| s.contains("backtracking"))
        .unwrap_or_default();
    assert!(
        step_back.contains("amend the media law") && !step_back.contains("ODIHR"),
        "{recovered}"
    );
}

async fn a_letter_without_any_signatory_is_refused() {
    let db = db_edited(|v| {
        v["signatories"] = serde_json::json!([]);
        v["recipient_list"]["signatories"] = serde_json::json!([]);
        for r in v["recipient_list"]["recipients"].as_array_mut().unwrap() {
            r["signatories"] = serde_json::json!([]);
        }
    })
    .await;
    let options = LetterOptions::new(day("2008-05-28"), LIST);
    let err = letter_set(&db.store, &slug(), &options).await.unwrap_err();
    assert!(matches!(err, Error::NoSignatory { .. }), "{err:?}");
    let message = err.to_string();
    assert!(
        message.contains("the letter to Albania has no signatory"),
        "{message}"
    );
    assert!(message.contains("add a signatory"), "{message}");
    assert!(message.contains("or to the dossier"), "{message}");
}

/// Text of HTML or XML with its apostrophe escapes undone.
fn unescaped(text: &str) -> String {
    text.replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

async fn web_and_email_addresses_keep_their_characters_in_every_format() {
    const EMAIL: &str = "o'brien@example.org";
    const WEB: &str = "https://example.org/people's-centre--uk";
    let db = db_edited(|v| {
        v["dossier"]["publisher"]["email"] = EMAIL.into();
        v["dossier"]["publisher"]["website"] = WEB.into();
        v["dossier"]["stakes"] = format!("Write to {EMAIL} or see {WEB} - today.").into();
    })
    .await;
    let options = LetterOptions {
        combined: true,
        ..LetterOptions::new(day("2008-05-28"), LIST)
    };
    for format in [Format::Markdown, Format::Html, Format::Docx, Format::Pdf] {
        let out = letters(&db.store, &slug(), &options, format).await.unwrap();
        let bytes = &out[0].bytes;
        let text = match format {
            Format::Pdf => pdf_text(bytes)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            Format::Docx => unescaped(&docx_part(bytes, "word/document.xml")),
            // Markdown escapes "@" so that it is not read as a mention.
            _ => unescaped(&String::from_utf8(bytes.clone()).unwrap()).replace("\\@", "@"),
        };
        for address in [EMAIL, WEB] {
            // The letterhead's line and the stakes' text: once per letter each.
            assert!(
                text.matches(address).count() >= 110,
                "{format}: {address} changed: {}",
                &text[..text.len().min(3000)]
            );
        }
        assert!(
            !text.contains("o’brien") && !text.contains("people’s"),
            "{format}"
        );
        assert!(
            text.contains(" – today"),
            "{format}: the text around is typeset"
        );
    }
}

/// For every length of what comes before it, the closing and both
/// signature blocks are on one page of the PDF.
fn a_closing_and_its_signatories_share_a_page() {
    for filler in 30..=52 {
        let mut doc = Document::default();
        let lines = (1..=filler)
            .map(|i| vec![Inline::text(format!("Address line {i}"))])
            .collect();
        doc.blocks.push(Block::Lines { lines });
        doc.para(Role::Plain, vec![Inline::text("With best regards,")]);
        for name in ["Holly Cartner", "Jean-Marie Fardeau"] {
            doc.blocks.push(Block::Lines {
                lines: vec![
                    vec![Inline::strong(name)],
                    vec![Inline::text("Director")],
                    vec![Inline::text("Human Rights Watch")],
                ],
            });
        }
        let text = pdf_text(&render(&doc, Format::Pdf).unwrap());
        let page = text
            .split('\u{c}')
            .find(|p| p.contains("With best regards"))
            .unwrap();
        for name in ["Holly Cartner", "Jean-Marie Fardeau"] {
            assert!(
                page.contains(name),
                "{filler} lines: {name} is not with the closing: {page}"
            );
        }
    }
}
