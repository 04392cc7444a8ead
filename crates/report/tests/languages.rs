//! The documents' fixed text in Russian, French and Spanish: headings,
//! labels, the sentences the generator writes and dates in the language
//! asked for, while what the record holds stays as it was entered.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use pledgewatch_core::dataset;
use pledgewatch_core::lang::Lang;
use pledgewatch_core::model::Slug;
use pledgewatch_core::service::{self, Services};
use pledgewatch_core::storage::{Change, Storage};
use pledgewatch_report::{Format, LetterOptions, MemoOptions, letters, memo};
use pledgewatch_store::{DatabaseUrl, OpenMode, Store};

const DEMO: &str = "kazakhstan-osce-2010";
const LIST: &str = "Foreign ministers of the OSCE participating States (2008)";

struct Db {
    store: Store,
    _dir: tempfile::TempDir,
}

async fn demo() -> Db {
    let dir = tempfile::tempdir().unwrap();
    let url = DatabaseUrl::Sqlite(dir.path().join("test.db"));
    let store = Store::open(&url, OpenMode::CreateIfMissing).await.unwrap();
    store.migrate().await.unwrap();
    let converted = dataset::convert(&dataset::parse(dataset::DEMO).unwrap()).unwrap();
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
    Slug::parse(DEMO).unwrap()
}

async fn memo_text(db: &Db, lang: Lang, as_of: &str) -> String {
    let options = MemoOptions {
        lang,
        ..MemoOptions::new(day(as_of))
    };
    let bytes = memo(&db.store, &slug(), &options, Format::Markdown)
        .await
        .unwrap();
    String::from_utf8(bytes).unwrap()
}

async fn letter_text(db: &Db, lang: Lang, as_of: &str) -> Vec<String> {
    let options = LetterOptions {
        lang,
        include_subject: true,
        ..LetterOptions::new(day(as_of), LIST)
    };
    letters(&db.store, &slug(), &options, Format::Markdown)
        .await
        .unwrap()
        .into_iter()
        .map(|l| String::from_utf8(l.bytes).unwrap())
        .collect()
}

/// The English fixed text of the memorandum: headings, labels and the
/// generator's phrases, none of which the demo's records contain.
const ENGLISH_MEMO: &[&str] = &[
    "Memorandum",
    "Promises and reality",
    "promises and reality",
    "## Summary",
    "The commitments",
    "Concerns beyond the commitments",
    "The promise",
    "The situation as of",
    "Where it stands",
    "Steps needed",
    "See above",
    "A step back",
    "This memorandum sets",
    "Made by",
    "as assessed on",
    "as reported by",
    "Deadline:",
    "Period:",
    "Timing:",
    "no end date",
    "show progress",
    "past their deadline",
    "addressed to",
    "asked for by",
    "31 December 2009",
];

/// The English fixed text of the letters.
const ENGLISH_LETTER: &[&str] = &[
    "Re:",
    "Dear Minister",
    "With best regards",
    "We ask that you",
    "We write about",
    "We urge",
    "public commitments",
    "months ago",
    "were welcome",
    "The attached memorandum",
    "promises and reality",
    "by the end of",
    "throughout",
    "prior to",
    "has made no progress",
    "The deadline",
    "upholds its commitments",
    "May 2008",
    "November 2007",
];

struct Expected {
    lang: Lang,
    memo_headings: &'static [&'static str],
    memo_date: &'static str,
    letter_phrases: &'static [&'static str],
}

const EXPECTED: [Expected; 3] = [
    Expected {
        lang: Lang::Ru,
        memo_headings: &[
            "*Меморандум*",
            "**Обещания и реальность**",
            "## Резюме",
            "## Обязательства",
            "#### Обещание",
            "#### Положение дел на 31 декабря 2009 г.",
            "**Текущее положение:**",
            "## Источники",
        ],
        memo_date: "31 декабря 2009 г.",
        letter_phrases: &[
            "Уважаемый господин министр!",
            "С уважением,",
            "Тема: Обязательства Kazakhstan",
            "28 мая 2008 г.",
            "29–30 ноября 2007 г.",
            "до конца 2008 г.",
            "Почти 6 месяцев назад",
            "были приняты 6 публичных обязательств",
        ],
    },
    Expected {
        lang: Lang::Fr,
        memo_headings: &[
            "*Mémorandum*",
            "**Promesses et réalité**",
            "## Résumé",
            "## Les engagements",
            "#### La promesse",
            "#### La situation au 31 décembre 2009",
            "**Situation\u{a0}:**",
            "## Sources",
        ],
        memo_date: "31 décembre 2009",
        letter_phrases: &[
            "Madame, Monsieur le Ministre,",
            "Nous vous prions d’agréer",
            "Engagements pris par l’État (Kazakhstan) lors de la réunion",
            "l’État (Kazakhstan) a pris",
            "28 mai 2008",
            "29–30 novembre 2007",
            "Il y a près de 6 mois",
            "6 engagements publics",
        ],
    },
    Expected {
        lang: Lang::Es,
        memo_headings: &[
            "*Memorando*",
            "**Promesas y realidad**",
            "## Resumen",
            "## Los compromisos",
            "#### La promesa",
            "#### La situación a 31 de diciembre de 2009",
            "**Situación:**",
            "## Fuentes",
        ],
        memo_date: "31 de diciembre de 2009",
        letter_phrases: &[
            "Señora Ministra, Señor Ministro:",
            "Reciba el testimonio de nuestra más alta consideración.",
            "Asunto: Compromisos de Kazakhstan",
            "28 de mayo de 2008",
            "Hace casi 6 meses",
            "6 compromisos públicos",
        ],
    },
];

/// What the record holds, which no language changes.
const CONTENT: &[&str] = &[
    "Amend the media law",
    "Kazakhstan’s first bid for the OSCE chairmanship fails",
    "Marat Tazhin",
    "OSCE Ministerial Council",
];

fn absent(text: &str, english: &[&str], what: &str) {
    for phrase in english {
        assert!(
            !text.contains(phrase),
            "{what} still says {phrase:?}:\n{text}"
        );
    }
}

fn present(text: &str, phrases: &[&str], what: &str) {
    for phrase in phrases {
        assert!(text.contains(phrase), "{what} lacks {phrase:?}:\n{text}");
    }
}

#[tokio::test]
async fn memoranda_in_russian_french_and_spanish_have_no_english_fixed_text() {
    let db = demo().await;
    for e in &EXPECTED {
        let text = memo_text(&db, e.lang, "2009-12-31").await;
        let what = format!("the {} memo", e.lang.code());
        absent(&text, ENGLISH_MEMO, &what);
        present(&text, e.memo_headings, &what);
        present(&text, &[e.memo_date], &what);
        present(&text, CONTENT, &what);
        // Quotes stay in the words of their source.
        assert!(
            text.contains("These included amending Kazakhstan’s media law"),
            "{what}"
        );
        assert!(!text.contains("г.."), "{what}: a doubled full stop");
    }
}

#[tokio::test]
async fn letters_in_russian_french_and_spanish_have_no_english_fixed_text() {
    let db = demo().await;
    for e in &EXPECTED {
        let letters = letter_text(&db, e.lang, "2008-05-28").await;
        assert!(letters.len() > 50, "{}", letters.len());
        let what = format!("the {} letter", e.lang.code());
        let text = &letters[0];
        absent(text, ENGLISH_LETTER, &what);
        present(text, e.letter_phrases, &what);
        present(text, &["Amend the media law", "Marat Tazhin"], &what);
        assert!(!text.contains("{{") && !text.contains("г.."), "{what}");
        // No letter opens with an English salutation, whatever the list
        // says ("Dear Secretary of State", "Dear Federal Councillor").
        for letter in &letters {
            assert!(!letter.contains("\nDear "), "{what}: {letter}");
        }
        // The letter to the State bound is written in the language too.
        let direct = letters
            .iter()
            .find(|l| l.contains("Kazakhstan\n") || l.contains("Republic of Kazakhstan"))
            .expect("a letter to the State bound");
        absent(
            direct,
            ENGLISH_LETTER,
            &format!("{what} to the State bound"),
        );
    }
}

#[tokio::test]
async fn english_is_the_default_and_keeps_its_wording() {
    let db = demo().await;
    let text = memo_text(&db, Lang::En, "2009-12-31").await;
    present(
        &text,
        &["## Summary", "#### The promise", "31 December 2009"],
        "the English memo",
    );
    let letters = letter_text(&db, Lang::En, "2008-05-28").await;
    present(
        &letters[0],
        &[
            "Dear Minister,",
            "With best regards,",
            "Nearly six months ago",
        ],
        "the English letter",
    );
}

/// Every message id the documents' code names exists in all four
/// languages (the catalogue's own test keeps the families complete).
#[test]
fn every_message_the_documents_use_exists_in_every_language() {
    let sources = [
        include_str!("../src/memo.rs"),
        include_str!("../src/memo/timing.rs"),
        include_str!("../src/memo/cite.rs"),
        include_str!("../src/text.rs"),
        include_str!("../src/letter/mod.rs"),
        include_str!("../src/letter/foreign.rs"),
        include_str!("../src/letter/content.rs"),
        include_str!("../src/render/html.rs"),
    ];
    let mut ids = Vec::new();
    for source in sources {
        for literal in source.split('"').skip(1).step_by(2) {
            let is_id = ["memo-", "letter-", "doc-"]
                .iter()
                .any(|p| literal.starts_with(p))
                && literal.chars().all(|c| c.is_ascii_lowercase() || c == '-');
            if is_id {
                ids.push(literal.to_owned());
            }
        }
    }
    assert!(ids.len() > 80, "{}", ids.len());
    for id in &ids {
        for lang in Lang::ALL {
            assert!(lang.has(id), "{id} is missing in {}", lang.code());
        }
    }
}
