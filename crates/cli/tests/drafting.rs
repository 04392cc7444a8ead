//! Drafting help as a user runs it: `extract` on the seed letter (the
//! "done means" case, exact), saving drafts, accepting and rejecting them,
//! clear errors, and the evaluation command. The seed letter is read from
//! the shared folder next to the repository; without it these tests fail.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

mod common;

use common::{ok, run_in};

/// The repository's root.
fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The seed letter, which lives next to the repository.
fn letter() -> String {
    let path = repo_root().join("../shared/seed/letter-to-osce-ministers.txt");
    assert!(
        path.exists(),
        "the seed letter is missing at {}: these tests need the shared folder next to the repository",
        path.display()
    );
    path.to_str().unwrap().to_owned()
}

fn extract_json(dir: &Path) -> serde_json::Value {
    let out = ok(
        dir,
        &[
            "extract",
            &letter(),
            "--date",
            "2008-05-28",
            "--format",
            "json",
        ],
    );
    serde_json::from_str(&out).unwrap()
}

fn statements(v: &serde_json::Value) -> Vec<String> {
    v["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["statement"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn the_seed_letter_yields_each_of_tazhins_pledges_as_its_own_candidate() {
    let dir = tempfile::tempdir().unwrap();
    let v = extract_json(dir.path());
    assert_eq!(
        statements(&v),
        [
            "Amending Kazakhstan’s media law",
            "Reforming the law on elections",
            "Liberalizing the registration requirements for political parties",
            "Incorporate recommendations by the Office for Democratic Institutions and Human Rights (ODIHR) in the election legislation",
            "Preserve the ODIHR and its existing mandate",
            "Refrain from supporting any future efforts to weaken this institution",
        ]
    );
    for c in v["candidates"].as_array().unwrap() {
        assert_eq!(c["actor"], "Kazakhstan", "{c}");
        assert_eq!(c["occasion"], "OSCE Ministerial Council in Madrid", "{c}");
        assert_eq!(c["speaker"], "Marat Tazhin", "{c}");
        assert_eq!(c["origin"], "pledge", "{c}");
    }
    let timings: Vec<&str> = v["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["timing"].as_str().unwrap())
        .collect();
    assert_eq!(
        timings,
        [
            "by_deadline",
            "by_deadline",
            "by_deadline",
            "none_stated",
            "during_period",
            "refrain_from"
        ]
    );
}

#[test]
fn the_three_law_reforms_share_the_deadline_2008_12_31_with_year_precision() {
    let dir = tempfile::tempdir().unwrap();
    let v = extract_json(dir.path());
    let reforms: Vec<&serde_json::Value> = v["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| !c["deadline"].is_null())
        .collect();
    assert_eq!(reforms.len(), 3);
    for c in reforms {
        assert_eq!(c["deadline"]["date"], "2008-12-31");
        assert_eq!(c["deadline"]["precision"], "year");
        assert_eq!(c["deadline"]["as_written"], "by the end of 2008");
        // "at last year's OSCE Ministerial Council": made in 2007.
        assert_eq!(c["made_on"], "2007");
    }
}

#[test]
fn the_closing_requests_to_the_recipients_are_not_candidates() {
    let dir = tempfile::tempdir().unwrap();
    let v = extract_json(dir.path());
    for c in v["candidates"].as_array().unwrap() {
        let quote = c["quote"].as_str().unwrap();
        assert!(!quote.contains("We ask that you"), "{quote}");
        assert!(!quote.contains("should be taking"), "{quote}");
    }
}

#[test]
fn quotes_are_the_exact_characters_of_the_letter_at_their_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let v = extract_json(dir.path());
    let text: Vec<char> = std::fs::read_to_string(letter()).unwrap().chars().collect();
    for c in v["candidates"].as_array().unwrap() {
        let (s, e) = (
            c["start"].as_u64().unwrap() as usize,
            c["end"].as_u64().unwrap() as usize,
        );
        let at: String = text[s..e].iter().collect();
        assert_eq!(at, c["quote"].as_str().unwrap());
    }
}

#[test]
fn saved_drafts_are_reviewed_accepted_with_edits_and_rejected_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["init"]);
    let saved = ok(
        d,
        &[
            "extract",
            &letter(),
            "--date",
            "2008-05-28",
            "--save",
            "--title",
            "HRW letter to OSCE ministers",
        ],
    );
    assert!(saved.contains("Saved 6 new draft(s)"), "{saved}");
    // Saving again adds nothing.
    let again = ok(d, &["extract", &letter(), "--date", "2008-05-28", "--save"]);
    assert!(
        again.contains("Saved 0 new draft(s)") && again.contains("6 already"),
        "{again}"
    );
    let queue: serde_json::Value =
        serde_json::from_str(&ok(d, &["drafts", "list", "--format", "json"])).unwrap();
    let queue = queue.as_array().unwrap();
    assert_eq!(queue.len(), 6);
    let media = queue
        .iter()
        .find(|c| c["statement"].as_str().unwrap().contains("media law"))
        .unwrap();
    let refrain = queue
        .iter()
        .find(|c| c["timing"] == "refrain_from")
        .unwrap();
    let media_id = media["id"].as_str().unwrap();
    let out = ok(
        d,
        &[
            "drafts",
            "accept",
            media_id,
            "--statement",
            "Amend the media law",
            "--version",
            "1",
        ],
    );
    assert!(out.contains("commitment"), "{out}");
    let refrain_id = refrain["id"].as_str().unwrap();
    ok(
        d,
        &[
            "drafts",
            "reject",
            refrain_id,
            "--reason",
            "kept with the ODIHR pledge",
        ],
    );
    let pending: serde_json::Value = serde_json::from_str(&ok(
        d,
        &["drafts", "list", "--status", "pending", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(pending.as_array().unwrap().len(), 4);
    let text = ok(d, &["drafts", "list"]);
    assert!(
        text.contains("rejected: kept with the ODIHR pledge"),
        "{text}"
    );
    assert!(text.contains("became commitment"), "{text}");
    // The accepted draft's history shows both steps; the chain verifies.
    let history = ok(d, &["history", "candidate", media_id]);
    assert!(
        history.contains("create") && history.contains("update"),
        "{history}"
    );
    assert!(ok(d, &["audit", "verify"]).contains("intact"));
    // A decided candidate cannot be decided again.
    let r = run_in(d, &["drafts", "reject", media_id, "--reason", "x"]);
    assert_eq!(r.code, 7, "{}", r.stderr);
}

#[test]
fn bad_input_is_refused_with_exit_3_naming_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["init"]);
    let r = run_in(d, &["extract", &letter(), "--date", "28 May 2008"]);
    assert_eq!(r.code, 3);
    assert!(r.stderr.contains("--date"), "{}", r.stderr);
    ok(d, &["extract", &letter(), "--date", "2008-05-28", "--save"]);
    let queue: serde_json::Value =
        serde_json::from_str(&ok(d, &["drafts", "list", "--format", "json"])).unwrap();
    let id = queue[0]["id"].as_str().unwrap().to_owned();
    let r = run_in(d, &["drafts", "accept", &id, "--deadline", "end of 2008"]);
    assert_eq!(r.code, 3);
    assert!(r.stderr.contains("--deadline"), "{}", r.stderr);
    let r = run_in(d, &["drafts", "accept", &id, "--timing", "someday"]);
    assert_eq!(r.code, 3);
    assert!(r.stderr.contains("--timing"), "{}", r.stderr);
    let r = run_in(d, &["drafts", "reject", &id]);
    assert_eq!(r.code, 3);
    assert!(r.stderr.contains("--reason"), "{}", r.stderr);
    let r = run_in(d, &["drafts", "reject", "not-an-id", "--reason", "x"]);
    assert_eq!(r.code, 3);
    let r = run_in(d, &["drafts", "list", "--status", "maybe"]);
    assert_eq!(r.code, 3);
    assert!(r.stderr.contains("--status"), "{}", r.stderr);
    // A stale version is a conflict and changes nothing.
    let r = run_in(
        d,
        &["drafts", "reject", &id, "--reason", "x", "--version", "9"],
    );
    assert_eq!(r.code, 5, "{}", r.stderr);
}

#[test]
fn every_drafting_command_explains_itself_in_help() {
    let dir = tempfile::tempdir().unwrap();
    let help = ok(dir.path(), &["extract", "--help"]);
    for flag in ["--date", "--actor", "--format", "--save", "--title"] {
        assert!(help.contains(flag), "{flag} missing:\n{help}");
    }
    for args in [
        &["drafts", "--help"][..],
        &["drafts", "list", "--help"],
        &["drafts", "accept", "--help"],
        &["drafts", "reject", "--help"],
        &["extract-eval", "--help"],
    ] {
        assert!(!ok(dir.path(), args).is_empty());
    }
}

#[test]
fn the_evaluation_command_prints_scores_by_genre() {
    let out = ok(&repo_root(), &["extract-eval", "--split", "dev"]);
    assert!(out.contains("precision") && out.contains("recall"), "{out}");
    assert!(out.contains("letter"), "{out}");
    let r = run_in(&repo_root(), &["extract-eval", "--split", "train"]);
    assert_eq!(r.code, 3);
}

#[test]
fn html_input_is_read_and_quotes_point_into_the_original_markup() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("statement.html");
    let html = "<html><head><title>Statement</title></head><body>\
                <p>Geneva, 10 March 2017.</p>\
                <p>The Minister said: &ldquo;Canada <em>will</em> ratify the Protocol by Canada Day.&rdquo;</p>\
                <p>We ask that you hold us to it.</p></body></html>";
    std::fs::write(&page, html).unwrap();
    let out = ok(
        dir.path(),
        &[
            "extract",
            page.to_str().unwrap(),
            "--date",
            "2017-03-10",
            "--format",
            "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["format"], "html");
    let candidates = v["candidates"].as_array().unwrap();
    assert_eq!(candidates.len(), 1, "{out}");
    let c = &candidates[0];
    assert_eq!(c["actor"], "Canada");
    assert_eq!(c["deadline"]["date"], "2017-07-01");
    assert_eq!(c["deadline"]["precision"], "day");
    let chars: Vec<char> = html.chars().collect();
    let (s, e) = (
        c["start"].as_u64().unwrap() as usize,
        c["end"].as_u64().unwrap() as usize,
    );
    let at: String = chars[s..e].iter().collect();
    assert_eq!(at, c["quote"].as_str().unwrap());
    assert!(at.contains("<em>will</em>"), "{at}");
}

/// A text of `n` pledges, one per line, each its own candidate.
fn pledges(n: usize) -> String {
    (0..n)
        .map(|i| format!("Kazakhstan pledged to amend law number {i} by the end of 2008.\n"))
        .collect()
}

#[test]
fn a_text_with_more_candidates_than_are_kept_is_refused_and_nothing_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["init"]);
    let audit_before = ok(d, &["audit", "verify"]);
    std::fs::write(d.join("long.txt"), pledges(501)).unwrap();
    let r = run_in(
        d,
        &["extract", "long.txt", "--date", "2008-05-28", "--save"],
    );
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("this text gives 501 candidates; at most 500 are kept per text: split it"),
        "{}",
        r.stderr
    );
    assert_eq!(ok(d, &["drafts", "list", "--format", "json"]).trim(), "[]");
    assert_eq!(ok(d, &["audit", "verify"]), audit_before, "no audit entry");
    // Without --save the candidates are only shown, so any number is fine.
    ok(d, &["extract", "long.txt", "--date", "2008-05-28"]);
    // At the cap everything is kept: the source and one entry per candidate.
    std::fs::write(d.join("at-cap.txt"), pledges(500)).unwrap();
    let saved = ok(
        d,
        &["extract", "at-cap.txt", "--date", "2008-05-28", "--save"],
    );
    assert!(saved.contains("Saved 500 new draft(s)"), "{saved}");
    let verified = ok(d, &["audit", "verify"]);
    assert!(verified.contains(" 501 entries"), "{verified}");
}

/// The seed letter written as a PDF or DOCX by the project's own writers,
/// its first paragraph on page 1 and the rest on page 2.
fn letter_file(dir: &Path, format: pledgewatch_report::Format) -> String {
    use pledgewatch_report::doc::{Block, Document, Inline, Role};
    let text = std::fs::read_to_string(letter()).unwrap();
    let mut blocks = Vec::new();
    for (i, line) in text.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        if i == 1 {
            blocks.push(Block::PageBreak);
        }
        blocks.push(Block::Para {
            role: Role::Plain,
            inlines: vec![Inline::text(line)],
        });
    }
    let doc = Document {
        title: "Letter to OSCE ministers".into(),
        blocks,
        ..Document::default()
    };
    let bytes = pledgewatch_report::render(&doc, format).unwrap();
    let path = dir.join(format!("letter.{}", format.extension()));
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn a_pdf_or_docx_letter_gives_the_same_pledges_with_their_page() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let from_text = statements(&extract_json(d));
    for format in [
        pledgewatch_report::Format::Pdf,
        pledgewatch_report::Format::Docx,
    ] {
        let file = letter_file(d, format);
        let out = ok(
            d,
            &["extract", &file, "--date", "2008-05-28", "--format", "json"],
        );
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(statements(&v), from_text, "{format:?}");
        assert_eq!(v["file"]["pages"], 2, "{format:?}");
        for c in v["candidates"].as_array().unwrap() {
            assert_eq!(c["locator"], "p. 2", "{c}");
            assert_eq!(c["actor"], "Kazakhstan", "{c}");
        }
        let text = ok(d, &["extract", &file, "--date", "2008-05-28"]);
        assert!(
            text.contains("6 candidate(s)") && text.contains("2 page(s)"),
            "{text}"
        );
        assert!(text.contains("Locator:    p. 2"), "{text}");
        assert!(!text.contains("We ask that you"), "{text}");
    }
}

#[test]
fn a_pdf_is_saved_as_drafts_with_its_text_and_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["init"]);
    let file = letter_file(d, pledgewatch_report::Format::Pdf);
    let saved = ok(d, &["extract", &file, "--date", "2008-05-28", "--save"]);
    assert!(saved.contains("Saved 6 new draft(s)"), "{saved}");
    let queue: serde_json::Value =
        serde_json::from_str(&ok(d, &["drafts", "list", "--format", "json"])).unwrap();
    assert_eq!(queue.as_array().unwrap().len(), 6);
    assert!(
        queue[0]["quote_text"]
            .as_str()
            .unwrap()
            .contains("Kazakhstan")
    );
}

#[test]
fn a_broken_or_textless_pdf_is_refused_with_exit_3_and_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let file = letter_file(d, pledgewatch_report::Format::Pdf);
    let bytes = std::fs::read(&file).unwrap();
    let cut = d.join("cut.pdf");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let r = run_in(d, &["extract", cut.to_str().unwrap()]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(r.stderr.contains("not a readable PDF"), "{}", r.stderr);
    let empty = pledgewatch_report::render(
        &pledgewatch_report::Document {
            title: "Scan".into(),
            ..Default::default()
        },
        pledgewatch_report::Format::Pdf,
    )
    .unwrap();
    let scan = d.join("scan.pdf");
    std::fs::write(&scan, empty).unwrap();
    let r = run_in(d, &["extract", scan.to_str().unwrap()]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(r.stderr.contains("hold no text"), "{}", r.stderr);
}

#[test]
fn text_in_any_common_encoding_is_read_and_what_is_not_text_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let sentence =
        "Le Gouvernement du Sénégal s’engage à abolir la peine de mort d’ici à la fin de 2026.";
    let write = |name: &str, bytes: &[u8]| {
        let path = d.join(name);
        std::fs::write(&path, bytes).unwrap();
        path.to_str().unwrap().to_owned()
    };
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(sentence.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    // Windows-1252, as a word processor's "save as text" writes it.
    let cp1252: Vec<u8> = sentence
        .chars()
        .map(|c| match c {
            'é' => 0xE9,
            'à' => 0xE0,
            '’' => 0x92,
            c => u8::try_from(c).unwrap(),
        })
        .collect();
    for file in [write("utf16.txt", &utf16), write("cp1252.txt", &cp1252)] {
        let v: serde_json::Value =
            serde_json::from_str(&ok(d, &["extract", &file, "--format", "json"])).unwrap();
        let c = &v["candidates"].as_array().unwrap()[..];
        assert_eq!(c.len(), 1, "{file}: {v}");
        assert_eq!(c[0]["actor"], "Senegal", "{file}: {v}");
        assert_eq!(c[0]["deadline"]["date"], "2026-12-31", "{file}: {v}");
    }
    for (name, bytes, why) in [
        ("empty.txt", &b""[..], "empty"),
        (
            "renamed.docx",
            &b"PK\x03\x04\x14\x00\x00\x00hello.txt"[..],
            "not a Word document",
        ),
        (
            "junk.bin",
            &b"\x7fELF\x02\x01\x01\x00\x00"[..],
            "not a text file",
        ),
    ] {
        let r = run_in(d, &["extract", &write(name, bytes)]);
        assert_eq!(r.code, 3, "{name}: {}", r.stderr);
        assert!(r.stderr.contains(why), "{name}: {}", r.stderr);
    }
    let big = write("big.txt", &vec![b'a'; 10 * 1024 * 1024 + 1]);
    let r = run_in(d, &["extract", &big]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(r.stderr.contains("up to 10 MB"), "{}", r.stderr);
}
