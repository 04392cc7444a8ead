//! The drafting help: pasted text with its proposed commitments to accept
//! or reject.

use axum::http::StatusCode;
use pledgewatch_core::accounts::Role;
use pledgewatch_core::storage::Storage;

use crate::harness::{app, as_role};

#[tokio::test]
async fn pasted_text_shows_its_proposed_commitments_highlighted_to_accept_or_reject() {
    let app = app().await;
    let letter = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/seed/letter-to-osce-ministers.txt"
    ))
    .expect("the seed letter in ../shared/seed (shared data must be present)");
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let missing = editor
        .post("/drafting", &[("title", ""), ("text", "")])
        .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(missing.texts("#e-title")[0].contains("name the document"));
    assert!(missing.texts("#e-text")[0].contains("paste a text"));
    let reply = editor
        .post(
            "/drafting",
            &[
                ("title", "Letter to OSCE ministers"),
                ("date", "2008-05-28"),
                ("text", &letter),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let page = editor.get(&reply.location()).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.count("article.candidate"),
        6,
        "each of Tazhin's pledges"
    );
    assert!(page.count(".source-text mark") >= 3);
    assert!(
        page.texts(".source-text")
            .iter()
            .all(|t| t.contains("We ask that you")),
        "the whole text is shown"
    );
    assert!(
        page.texts(".source-text mark")
            .iter()
            .all(|m| !m.contains("We ask that you")),
        "requests are not marked"
    );
    assert!(page.body.contains("by the end of 2008"));
    // Accept the first (edited), reject the second.
    let accept = page
        .attr("article.candidate form[action$='/accept']", "action")
        .unwrap();
    let version = page
        .attr(
            "article.candidate form[action$='/accept'] input[name=version]",
            "value",
        )
        .unwrap();
    let dossier = page
        .attr("select[name=dossier] option[selected]", "value")
        .expect("the only dossier, chosen in advance");
    let accepted = editor
        .post(
            &accept,
            &[
                ("version", &version),
                ("statement", "Amend the media law"),
                ("actor", "Kazakhstan"),
                ("deadline", "2008"),
                ("dossier", &dossier),
                // The demo records this pledge already (see `entry.rs`).
                ("duplicate_ok", "1"),
            ],
        )
        .await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER, "{}", accepted.body);
    let page = editor.get(&accepted.location()).await;
    assert!(
        page.count("a[href^='/records/commitment/']") >= 1,
        "the accepted candidate links to its commitment"
    );
    let reject = page
        .attr("article.candidate form[action$='/reject']", "action")
        .unwrap();
    let version = page
        .attr(
            "article.candidate form[action$='/reject'] input[name=version]",
            "value",
        )
        .unwrap();
    let rejected = editor
        .post(
            &reject,
            &[("version", &version), ("reason", "Repeats another pledge")],
        )
        .await;
    assert_eq!(rejected.status, StatusCode::SEE_OTHER);
    let page = editor.get(&rejected.location()).await;
    assert!(page.body.contains("Repeats another pledge"));
    assert_eq!(
        page.count("form[action$='/accept']"),
        4,
        "two decided, four pending"
    );
    // Viewers cannot use drafting help.
    let mut viewer = as_role(&app, Some(Role::Viewer)).await;
    assert_eq!(viewer.get("/drafting").await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_text_with_more_candidates_than_are_kept_is_refused_and_nothing_is_stored() {
    let app = app().await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let pledges = |n: usize| -> String {
        (0..n)
            .map(|i| format!("Kazakhstan pledged to amend law number {i} by the end of 2008.\n"))
            .collect()
    };
    let before = app.state.store.dump().await.unwrap();
    let reply = editor
        .post(
            "/drafting",
            &[
                ("title", "Too long"),
                ("date", "2008-05-28"),
                ("text", &pledges(501)),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        reply.texts("#e-text"),
        ["this text gives 501 candidates; at most 500 are kept per text: split it"]
    );
    assert!(
        app.state.store.dump().await.unwrap() == before,
        "no file, source, candidate or audit entry is stored"
    );
    // At the cap the text is kept, with one audit entry per record.
    let audit = |dump: &[pledgewatch_core::storage::TableDump]| {
        dump.iter()
            .find(|t| t.table == "audit_log")
            .map(|t| t.rows.len())
    };
    let reply = editor
        .post(
            "/drafting",
            &[
                ("title", "At the cap"),
                ("date", "2008-05-28"),
                ("text", &pledges(500)),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let after = app.state.store.dump().await.unwrap();
    assert_eq!(audit(&after), audit(&before).map(|n| n + 501));
}

/// The seed letter as a PDF made by the project's own writer: its first
/// paragraph on page 1, the pledges on page 2.
fn letter_pdf() -> Vec<u8> {
    use pledgewatch_report::doc::{Block, Document, Inline, Role};
    let letter = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/seed/letter-to-osce-ministers.txt"
    ))
    .expect("the seed letter in ../shared/seed (shared data must be present)");
    let mut blocks = Vec::new();
    for (i, line) in letter.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        if i == 1 {
            blocks.push(Block::PageBreak);
        }
        blocks.push(Block::Para {
            role: Role::Plain,
            inlines: vec![Inline::text(line)],
        });
    }
    let doc = Document {
        title: "Letter".into(),
        blocks,
        ..Document::default()
    };
    pledgewatch_report::render(&doc, pledgewatch_report::Format::Pdf).unwrap()
}

#[tokio::test]
async fn an_uploaded_pdf_shows_its_commitments_with_their_page() {
    let app = app().await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let pdf = letter_pdf();
    let fields = [
        ("title", "Letter to OSCE ministers"),
        ("date", "2008-05-28"),
    ];
    let file = ("file", "letter.pdf", "application/pdf", pdf.as_slice());
    // The form's token is required, as for every form.
    let before = app.state.store.dump().await.unwrap();
    let forged = editor
        .post_multipart("/drafting", &fields, file, false)
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert!(app.state.store.dump().await.unwrap() == before);
    let reply = editor
        .post_multipart("/drafting", &fields, file, true)
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let page = editor.get(&reply.location()).await;
    assert_eq!(
        page.count("article.candidate"),
        6,
        "each of Tazhin's pledges"
    );
    assert_eq!(
        page.texts("article.candidate blockquote footer"),
        vec!["p. 2"; 6],
        "every pledge is on page 2"
    );
    assert_eq!(page.texts(".source-text .page-break"), ["p. 2"]);
    assert!(page.body.contains("by the end of 2008"));
}

#[tokio::test]
async fn a_broken_or_textless_pdf_is_refused_next_to_the_file_and_nothing_is_stored() {
    let app = app().await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let pdf = letter_pdf();
    let before = app.state.store.dump().await.unwrap();
    let fields = [("title", "Broken"), ("date", "2008-05-28")];
    let cut = &pdf[..pdf.len() / 2];
    let reply = editor
        .post_multipart(
            "/drafting",
            &fields,
            ("file", "cut.pdf", "application/pdf", cut),
            true,
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let error = reply.texts("#e-file");
    assert_eq!(error.len(), 1);
    assert!(error[0].contains("not a readable PDF"), "{error:?}");
    let scan = pledgewatch_report::render(
        &pledgewatch_report::Document {
            title: "Scan".into(),
            ..Default::default()
        },
        pledgewatch_report::Format::Pdf,
    )
    .unwrap();
    let reply = editor
        .post_multipart(
            "/drafting",
            &fields,
            ("file", "scan.pdf", "application/octet-stream", &scan),
            true,
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.texts("#e-file")[0].contains("hold no text"));
    // Neither PDF, Word nor text: named, never read as if it were text.
    for (name, bytes, why) in [
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
        let reply = editor
            .post_multipart(
                "/drafting",
                &fields,
                ("file", name, "application/octet-stream", bytes),
                true,
            )
            .await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{name}");
        assert!(reply.texts("#e-file")[0].contains(why), "{name}");
    }
    assert!(
        app.state.store.dump().await.unwrap() == before,
        "no file, source, candidate or audit entry is stored"
    );
}
