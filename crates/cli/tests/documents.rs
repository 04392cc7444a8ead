//! The `memo` and `letter` commands as a user runs them: the real binary, the
//! demo in a temporary folder, the files they write and their exit codes.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

mod common;
#[path = "../../report/tests/seed/mod.rs"]
mod seed;

use common::{ok, run_in};

fn demo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["demo"]);
    dir
}

const DEMO: &str = "kazakhstan-osce-2010";
const LIST: &str = "foreign-ministers-of-the-osce-participating-states-2008";

#[test]
fn memo_writes_each_format_to_the_named_file() {
    let dir = demo();
    for (format, magic) in [
        ("html", &b"<!DOCTYPE html>"[..]),
        ("md", &b"*Memorandum*"[..]),
        ("docx", &b"PK"[..]),
        ("pdf", &b"%PDF"[..]),
    ] {
        let file = format!("memo.{format}");
        let out = ok(
            dir.path(),
            &[
                "memo",
                DEMO,
                "--as-of",
                "2008-05-31",
                "--format",
                format,
                "-o",
                &file,
            ],
        );
        assert!(out.contains("Wrote the memorandum"), "{out}");
        let bytes = std::fs::read(dir.path().join(&file)).unwrap();
        assert!(bytes.starts_with(magic), "{format}");
    }
    let md = std::fs::read_to_string(dir.path().join("memo.md")).unwrap();
    assert!(
        md.contains("These included amending Kazakhstan’s media law"),
        "{md}"
    );
    // No temporary file is left behind.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn the_same_memo_twice_is_byte_identical() {
    let dir = demo();
    for _ in 0..2 {
        ok(
            dir.path(),
            &[
                "memo",
                DEMO,
                "--as-of",
                "2009-05-20",
                "--format",
                "html",
                "-o",
                "a.html",
                "--steps-by-body",
            ],
        );
        std::fs::rename(dir.path().join("a.html"), dir.path().join("b.html")).ok();
    }
    ok(
        dir.path(),
        &[
            "memo",
            DEMO,
            "--as-of",
            "2009-05-20",
            "--format",
            "html",
            "-o",
            "a.html",
            "--steps-by-body",
        ],
    );
    let a = std::fs::read(dir.path().join("a.html")).unwrap();
    let b = std::fs::read(dir.path().join("b.html")).unwrap();
    assert_eq!(a, b);
    assert!(
        String::from_utf8(a)
            .unwrap()
            .contains("Steps by the body they are addressed to")
    );
}

#[test]
fn letter_writes_one_file_per_recipient_into_a_folder() {
    let dir = demo();
    let out = ok(
        dir.path(),
        &[
            "letter",
            DEMO,
            "--recipients",
            LIST,
            "--as-of",
            "2008-05-28",
            "--format",
            "md",
            "-o",
            "letters",
        ],
    );
    assert!(
        out.contains("55 letters; Kazakhstan, the State bound by these commitments, is left out"),
        "{out}"
    );
    let names: Vec<String> = std::fs::read_dir(dir.path().join("letters"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 55);
    assert!(!names.iter().any(|n| n.contains("kazakhstan")), "{names:?}");
    let albania = std::fs::read_to_string(dir.path().join("letters/01-albania.md")).unwrap();
    assert!(albania.contains("Nearly six months ago"), "{albania}");
    assert!(albania.contains("Albania"), "{albania}");
}

/// The letters of 28 May 2008 as `pledgewatch letter` writes them from the
/// demo: 55 (none to Kazakhstan), each stating what the seed letter of that
/// day states. Needs the demo to record the earlier bids (baseline
/// developments before Madrid linked to every pledge), the ratings showing
/// the ODIHR pledges going back as of that day, and the stakes.
#[test]
fn the_letters_of_28_may_2008_state_the_seed_letter_s_facts() {
    let dir = demo();
    ok(
        dir.path(),
        &[
            "letter",
            DEMO,
            "--recipients",
            LIST,
            "--as-of",
            "2008-05-28",
            "--format",
            "md",
            "-o",
            "letters",
        ],
    );
    let mut letters: Vec<(String, String)> = std::fs::read_dir(dir.path().join("letters"))
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let text = std::fs::read_to_string(e.path()).unwrap();
            (e.file_name().to_string_lossy().into_owned(), text)
        })
        .collect();
    letters.sort();
    assert_eq!(letters.len(), 55);
    for (name, text) in &letters {
        assert!(!name.contains("kazakhstan"), "{name}");
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            !flat.contains("Foreign Affairs Kazakhstan"),
            "{name}: {flat}"
        );
        for needle in [
            "by the end of 2008",
            "prior to assuming the OSCE chairmanship in 2010",
            "may be backtracking on its pledge",
            "preserve ODIHR",
            "2005",
            "2006",
            "credibility of the OSCE",
        ] {
            assert!(flat.contains(needle), "{name}: no {needle:?} in {flat}");
        }
        // The demo records no step for the concerns known on that day (the
        // memorandum's own steps were never seen), so the letter must not
        // say it outlines them.
        let missing = seed::missing_seed_facts(text, false);
        assert!(missing.is_empty(), "{name} misses {missing:?}:\n{flat}");
    }
}

#[test]
fn letter_combined_writes_one_file_with_every_letter() {
    let dir = demo();
    ok(
        dir.path(),
        &[
            "letter",
            DEMO,
            "--recipients",
            "Foreign ministers of the OSCE participating States (2008)",
            "--as-of",
            "2008-05-31",
            "--format",
            "html",
            "--combined",
            "-o",
            "all.html",
        ],
    );
    let html = std::fs::read_to_string(dir.path().join("all.html")).unwrap();
    assert_eq!(html.matches("class=\"page-break\"").count(), 54);
}

#[test]
fn a_misspelt_template_field_exits_3_naming_the_field_and_line() {
    let dir = demo();
    std::fs::write(
        dir.path().join("t.txt"),
        "{{date}}\n\nDear {{recipient.nmae}},\n",
    )
    .unwrap();
    let r = run_in(
        dir.path(),
        &[
            "letter",
            DEMO,
            "--recipients",
            LIST,
            "--format",
            "pdf",
            "--template",
            "t.txt",
            "-o",
            "out",
        ],
    );
    assert_eq!(r.code, 3, "{}{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("t.txt, line 3"), "{}", r.stderr);
    assert!(r.stderr.contains("{{recipient.nmae}}"), "{}", r.stderr);
    assert!(!dir.path().join("out").exists());
}

#[test]
fn bad_input_to_the_document_commands_exits_with_the_documented_codes() {
    let dir = demo();
    let r = run_in(
        dir.path(),
        &[
            "memo",
            DEMO,
            "--as-of",
            "31/05/2008",
            "--format",
            "pdf",
            "-o",
            "m.pdf",
        ],
    );
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(r.stderr.contains("--as-of"), "{}", r.stderr);
    let r = run_in(
        dir.path(),
        &["memo", "no-such-dossier", "--format", "md", "-o", "m.md"],
    );
    assert_eq!(r.code, 4, "{}", r.stderr);
    let r = run_in(
        dir.path(),
        &[
            "letter",
            DEMO,
            "--recipients",
            "nobody",
            "--format",
            "md",
            "-o",
            "x",
        ],
    );
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(r.stderr.contains("recipients"), "{}", r.stderr);
    let r = run_in(
        dir.path(),
        &["memo", DEMO, "--format", "odt", "-o", "m.odt"],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
}

#[test]
fn letter_help_lists_every_merge_field() {
    let out = ok(Path::new("."), &["letter", "--help"]);
    for field in [
        "{{recipient.salutation}}",
        "{{facts.since}}",
        "{{signatories}}",
        "{{memo.title}}",
    ] {
        assert!(out.contains(field), "{field} missing from:\n{out}");
    }
}

#[test]
fn memo_audience_team_writes_the_watermarked_draft_and_public_is_the_default() {
    let dir = demo();
    let memo = |audience: &str, file: &str| {
        ok(
            dir.path(),
            &[
                "memo",
                DEMO,
                "--as-of",
                "2008-05-31",
                "--format",
                "md",
                "--audience",
                audience,
                "-o",
                file,
            ],
        )
    };
    let out = memo("team", "draft.md");
    assert!(
        out.contains("Wrote the team's draft of the memorandum"),
        "{out}"
    );
    let draft = std::fs::read_to_string(dir.path().join("draft.md")).unwrap();
    assert!(
        draft.starts_with("**Draft — not for circulation**"),
        "{draft}"
    );
    memo("public", "public.md");
    let public = std::fs::read_to_string(dir.path().join("public.md")).unwrap();
    assert!(!public.contains("not for circulation"), "{public}");
    // The default is the public's version.
    ok(
        dir.path(),
        &[
            "memo",
            DEMO,
            "--as-of",
            "2008-05-31",
            "--format",
            "md",
            "-o",
            "default.md",
        ],
    );
    assert_eq!(
        std::fs::read(dir.path().join("default.md")).unwrap(),
        public.into_bytes()
    );
    let r = run_in(
        dir.path(),
        &[
            "memo",
            DEMO,
            "--format",
            "md",
            "--audience",
            "all",
            "-o",
            "x.md",
        ],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
}

#[test]
fn letter_audience_team_names_each_file_draft() {
    let dir = demo();
    ok(
        dir.path(),
        &[
            "letter",
            DEMO,
            "--recipients",
            LIST,
            "--as-of",
            "2008-05-28",
            "--format",
            "html",
            "--audience",
            "team",
            "-o",
            "letters",
        ],
    );
    let albania =
        std::fs::read_to_string(dir.path().join("letters/01-albania-draft.html")).unwrap();
    assert!(albania.contains("class=\"watermark\""), "{albania}");
    let names: Vec<String> = std::fs::read_dir(dir.path().join("letters"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 55);
    assert!(
        names.iter().all(|n| n.ends_with("-draft.html")),
        "{names:?}"
    );
}

#[test]
fn the_public_document_of_an_unpublished_dossier_is_refused_with_exit_7() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/src/demo/kazakhstan-osce-2010.json"),
        dir.path().join("demo.json"),
    )
    .unwrap();
    ok(dir.path(), &["init"]);
    // Loaded without --publish: every record is a draft.
    ok(dir.path(), &["load", "demo.json"]);
    let r = run_in(dir.path(), &["memo", DEMO, "--format", "md", "-o", "m.md"]);
    assert_eq!(r.code, 7, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains(&format!(
            "the dossier {DEMO} is not published; use --audience team for the team's draft"
        )),
        "{}",
        r.stderr
    );
    assert!(!dir.path().join("m.md").exists());
    let r = run_in(
        dir.path(),
        &[
            "letter",
            DEMO,
            "--recipients",
            LIST,
            "--format",
            "md",
            "--combined",
            "-o",
            "l.md",
        ],
    );
    assert_eq!(r.code, 7, "{}", r.stderr);
    ok(
        dir.path(),
        &[
            "memo",
            DEMO,
            "--format",
            "md",
            "--audience",
            "team",
            "-o",
            "m.md",
        ],
    );
    assert!(dir.path().join("m.md").exists());
}

#[test]
fn a_letter_with_no_signatory_anywhere_exits_3_saying_what_to_add() {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["init"]);
    let demo = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/src/demo/kazakhstan-osce-2010.json"),
    )
    .unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&demo).unwrap();
    v["signatories"] = serde_json::json!([]);
    v["recipient_list"]["signatories"] = serde_json::json!([]);
    std::fs::write(dir.path().join("unsigned.json"), v.to_string()).unwrap();
    ok(dir.path(), &["load", "unsigned.json", "--reason", "test"]);
    let r = run_in(
        dir.path(),
        &[
            "letter",
            DEMO,
            "--recipients",
            LIST,
            "--audience",
            "team",
            "--format",
            "md",
            "-o",
            "out",
        ],
    );
    assert_eq!(r.code, 3, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains("the letter to Albania has no signatory")
            && r.stderr.contains("add a signatory"),
        "{}",
        r.stderr
    );
    assert!(!dir.path().join("out").exists());
}

#[test]
fn lang_writes_the_fixed_text_in_russian_and_refuses_an_unknown_code_naming_the_four() {
    let dir = demo();
    let memo = |lang: &str, file: &str| {
        run_in(
            dir.path(),
            &[
                "memo",
                DEMO,
                "--as-of",
                "2009-12-31",
                "--format",
                "md",
                "-o",
                file,
                "--lang",
                lang,
            ],
        )
    };
    assert_eq!(memo("ru", "memo-ru.md").code, 0);
    let md = std::fs::read_to_string(dir.path().join("memo-ru.md")).unwrap();
    for russian in ["*Меморандум*", "## Резюме", "31 декабря 2009 г."] {
        assert!(md.contains(russian), "{russian}: {md}");
    }
    for english in ["## Summary", "The promise", "31 December 2009"] {
        assert!(!md.contains(english), "{english}: {md}");
    }
    // The record's words stay as entered.
    assert!(md.contains("Amend the media law"), "{md}");
    let r = memo("de", "memo-de.md");
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(
        r.stderr.contains("--lang") && r.stderr.contains("en, ru, fr, es"),
        "{}",
        r.stderr
    );
    assert!(!dir.path().join("memo-de.md").exists());
    let out = ok(
        dir.path(),
        &[
            "letter",
            DEMO,
            "--recipients",
            LIST,
            "--as-of",
            "2008-05-28",
            "--format",
            "md",
            "--combined",
            "-o",
            "letters-es.md",
            "--lang",
            "es",
        ],
    );
    assert!(out.contains("55 letters"), "{out}");
    let md = std::fs::read_to_string(dir.path().join("letters-es.md")).unwrap();
    assert!(
        md.contains("Señor Ministro:") && md.contains("28 de mayo de 2008"),
        "{md}"
    );
    assert!(
        !md.contains("Dear Minister") && !md.contains("With best regards"),
        "{md}"
    );
}
