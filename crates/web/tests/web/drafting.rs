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
    assert!(page.body.contains("2008-12-31 (year precision)"));
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
    let accepted = editor
        .post(
            &accept,
            &[
                ("version", &version),
                ("statement", "Amend the media law"),
                ("actor", "Kazakhstan"),
                ("deadline", "2008"),
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
