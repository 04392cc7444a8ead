//! The record pages: forms and their validation, escaping of hostile
//! input, the record-rate-review-publish flow, stale edits and removal.

use axum::http::StatusCode;
use pledgewatch_core::accounts::Role;

use crate::harness::{self, Client, app, as_role};
use crate::{SLUG, first_commitment};

#[tokio::test]
async fn every_form_shows_each_validation_error_next_to_its_field_and_keeps_the_input() {
    let app = app().await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    for kind in [
        "actor",
        "occasion",
        "source",
        "quote",
        "commitment",
        "milestone",
        "development",
        "assessment",
        "recommendation",
        "concern",
        "dossier",
        "recipient_list",
        "signatory",
    ] {
        let form = editor.get(&format!("/records/{kind}/new")).await;
        assert_eq!(form.status, StatusCode::OK, "{kind}");
        assert!(form.count("form input[name=csrf]") >= 1);
        assert!(form.count("label") >= 2, "{kind} fields are labelled");
        let reply = editor
            .post(
                &format!("/records/{kind}/new"),
                &[("reason", "keep me"), ("kind", "")],
            )
            .await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{kind}: {}",
            reply.body
        );
        assert!(
            reply.count(".field.invalid .error") >= 1,
            "{kind}: errors beside fields"
        );
        assert!(
            reply.count(".error-summary li") >= 1,
            "{kind}: a summary of errors"
        );
        assert_eq!(
            reply.attr("#f-reason", "value").as_deref(),
            Some("keep me"),
            "{kind} keeps the input"
        );
    }
    // Field-specific messages.
    let reply = editor
        .post(
            "/records/commitment/new",
            &[
                ("statement", "Promise"),
                ("made_on", "2008-02-30"),
                ("timing_kind", "by_deadline"),
                ("origin", "pledge"),
            ],
        )
        .await;
    assert!(reply.texts("#e-made_on")[0].contains("no such day"));
    assert!(reply.texts("#e-bound")[0].contains("choose one"));
    assert!(reply.texts("#e-deadline")[0].contains("deadline"));
    assert_eq!(
        reply.attr("#f-statement", "value"),
        None,
        "textareas keep text as content"
    );
    assert!(reply.texts("#f-statement")[0].contains("Promise"));
}

/// Hostile strings entered through text fields must come back as text.
const HOSTILE: &[&str] = &[
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "\"><svg onload=alert(1)>",
    "</textarea><b>broken",
    "javascript:alert(1)",
    "Свобода собраний — Алматы",
    "حرية التجمع \u{202e}reversed",
];

#[tokio::test]
async fn hostile_text_in_every_field_is_rendered_back_escaped() {
    let app = app().await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let long = "x".repeat(5_000);
    let mut corpus: Vec<String> = HOSTILE.iter().map(|s| s.to_string()).collect();
    corpus.push(long);
    for (i, text) in corpus.iter().enumerate() {
        let reply = editor
            .post(
                "/records/concern/new",
                &[
                    ("title", text),
                    ("description", text),
                    ("description_as_of", "2008-05-28"),
                    ("themes", text),
                    ("reason", text),
                ],
            )
            .await;
        if text.chars().count() > 1_000 {
            // Too long for a title: refused with the reason, nothing saved.
            assert_eq!(
                reply.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "concern {i}"
            );
            assert!(reply.texts("#e-title")[0].contains("at most 1000"));
            assert_no_injection(&reply, text);
            continue;
        }
        assert_eq!(
            reply.status,
            StatusCode::SEE_OTHER,
            "concern {i}: {}",
            reply.body
        );
        let page = editor.get(&reply.location()).await;
        assert_no_injection(&page, text);
        let reply = editor
            .post(
                "/records/source/new",
                &[
                    ("title", text),
                    ("published", "2008"),
                    ("publisher", text),
                    ("note", text),
                    ("text", text),
                    ("url", "javascript:alert(1)"),
                ],
            )
            .await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "a javascript: URL is refused"
        );
        assert_no_injection(&reply, text);
        assert!(reply.texts("#e-url")[0].contains("not a web address"));
    }
    let search = editor.get("/search?q=script+alert").await;
    assert_no_injection(&search, "<script>");
    let records = editor.get("/records/concern").await;
    assert_no_injection(&records, "<script>");
}

fn assert_no_injection(reply: &harness::Reply, text: &str) {
    assert_no_markup(reply, "page");
    assert_eq!(reply.count("body b"), 0, "no injected markup");
    let shown: String = reply.html().root_element().text().collect();
    assert!(shown.contains(text), "the text is shown as text");
}

/// No script but the application's own, no event handler attribute, no
/// `javascript:` link.
fn assert_no_markup(reply: &harness::Reply, what: &str) {
    assert_eq!(
        reply.count("script:not([src='/static/htmx.min.js'])"),
        0,
        "{what}: no script element but the application's own may appear"
    );
    let html = reply.html();
    for element in html
        .root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
    {
        for (name, value) in element.value().attrs() {
            assert!(
                !name.starts_with("on"),
                "{what}: event handler attribute {name} injected"
            );
            if name == "href" {
                assert!(
                    !value.to_lowercase().starts_with("javascript:"),
                    "{what}: javascript: link injected"
                );
            }
        }
    }
}

#[tokio::test]
async fn the_public_never_sees_drafts_or_confidential_sources() {
    let app = app().await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let reply = editor
        .post(
            "/records/source/new",
            &[
                ("title", "Secret interview zanzibarword"),
                ("published", "2008-03-01"),
                ("text", "zanzibarword notes"),
                ("confidential", "on"),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let reply = editor
        .post(
            "/records/concern/new",
            &[
                ("title", "Draft concern quixoticword"),
                ("description", "quixoticword"),
                ("description_as_of", "2008-05-28"),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    let mut anon = Client::new(&app);
    for path in [
        "/",
        &format!("/dossiers/{SLUG}"),
        "/search?q=zanzibarword",
        "/search?q=quixoticword",
    ] {
        let page = anon.get(path).await;
        assert!(
            !page.body.contains("zanzibarword") || path.starts_with("/search"),
            "{path}"
        );
        assert_eq!(page.count("ol.hits li"), 0, "{path}");
        assert!(!page.body.contains("Secret interview"), "{path}");
        assert!(!page.body.contains("Draft concern"), "{path}");
    }
    assert_eq!(
        anon.get("/records/source").await.status,
        StatusCode::SEE_OTHER
    );
    // The team sees both.
    assert_eq!(
        editor
            .get("/search?q=zanzibarword")
            .await
            .count("ol.hits li"),
        1
    );
    assert_eq!(
        editor
            .get("/search?q=quixoticword")
            .await
            .count("ol.hits li"),
        1
    );
}

#[tokio::test]
async fn recording_rating_reviewing_and_publishing_reaches_the_public() {
    let app = app().await;
    let commitment = first_commitment(&app).await;
    let (source, date) = crate::latest_source(&app).await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let effect = format!("effect:commitment:{commitment}");
    let reply = editor
        .post(
            "/records/development/new",
            &[
                ("date", &date),
                ("title", "Parliament adopts a new media law"),
                (
                    "summary",
                    "A new law replaces registration with notification.",
                ),
                ("sources", &source),
                (&effect, "advance"),
                ("reason", "From the gazette"),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let development = reply
        .location()
        .split('/')
        .nth(3)
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let reply = editor
        .post(
            "/records/assessment/new",
            &[
                ("commitment", &commitment),
                ("as_of", "2030-03-02"),
                ("scale", "default"),
                ("status", "fulfilled"),
                ("rationale", "The law now meets the pledge."),
                ("developments", &development),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let assessment_url = reply.location();
    let public_url = format!("/dossiers/{SLUG}/commitments/{commitment}?as_of=2030-03-05");
    let mut anon = Client::new(&app);
    assert!(
        !anon
            .get(&public_url)
            .await
            .body
            .contains("Parliament adopts a new media law"),
        "drafts stay private"
    );
    // The reviewer approves: the assessment and its development go public.
    let mut reviewer = as_role(&app, Some(Role::Reviewer)).await;
    let page = reviewer.get(&assessment_url).await;
    let action = page
        .attr("form[action$='/approve']", "action")
        .expect("an approve button");
    let version = page
        .attr("form[action$='/approve'] input[name=version]", "value")
        .unwrap();
    // The form lists what approving also publishes, as the reviewer saw it.
    let selector = scraper::Selector::parse("form[action$='/approve'] input[name=needed]").unwrap();
    let needed: Vec<String> = page
        .html()
        .select(&selector)
        .filter_map(|e| e.value().attr("value").map(str::to_owned))
        .collect();
    assert!(!needed.is_empty(), "the development and its source");
    let mut fields = vec![("version", version.as_str()), ("with_references", "1")];
    fields.extend(needed.iter().map(|n| ("needed", n.as_str())));
    let reply = reviewer.post(&action, &fields).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let public = anon.get(&public_url).await;
    assert!(public.body.contains("Parliament adopts a new media law"));
    assert!(public.texts(".facts dd").iter().any(|t| t == "Fulfilled"));
    // Staff usernames stay with the team.
    assert!(
        !public.body.contains("reviewed by reviewer"),
        "{}",
        public.body
    );
    assert!(public.body.contains("reviewed by the research team"));
    // The history shows who did what, with the reason.
    let history = editor
        .get(&format!("/records/development/{development}"))
        .await;
    let rows = history.texts(".history-table tbody tr");
    assert!(
        rows.iter()
            .any(|r| r.contains("create") && r.contains("From the gazette"))
    );
    assert!(
        rows.iter()
            .any(|r| r.contains("publish") && r.contains("reviewer"))
    );
}

#[tokio::test]
async fn an_edit_based_on_an_old_version_is_refused_and_keeps_the_input() {
    let app = app().await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let reply = editor
        .post(
            "/records/signatory/new",
            &[("name", "Holly"), ("title", "Director")],
        )
        .await;
    let url = reply.location().split('?').next().unwrap().to_owned();
    let first = editor
        .post(
            &format!("{url}/edit"),
            &[
                ("name", "Holly C."),
                ("title", "Director"),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    let stale = editor
        .post(
            &format!("{url}/edit"),
            &[
                ("name", "H. Cartner"),
                ("title", "Director"),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(
        stale.attr("#f-name", "value").as_deref(),
        Some("H. Cartner")
    );
    // In words: the kind of record, never its id.
    let id = url.rsplit('/').next().unwrap();
    let errors = stale.texts(".error, .error-summary");
    assert!(
        errors
            .iter()
            .any(|e| e.contains("Someone else changed this signatory")),
        "{errors:?}"
    );
    assert!(errors.iter().all(|e| !e.contains(id)), "{errors:?}");
}

#[tokio::test]
async fn removing_a_record_needs_a_reason_and_keeps_its_history_readable() {
    let app = app().await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let reply = editor
        .post(
            "/records/signatory/new",
            &[("name", "Temp"), ("title", "Intern")],
        )
        .await;
    let url = reply.location().split('?').next().unwrap().to_owned();
    let no_reason = editor
        .post(&format!("{url}/delete"), &[("version", "1")])
        .await;
    assert_eq!(no_reason.status, StatusCode::BAD_REQUEST);
    let removed = editor
        .post(
            &format!("{url}/delete"),
            &[("version", "1"), ("reason", "Entered by mistake")],
        )
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    let page = editor.get(&url).await;
    assert!(page.body.contains("Removed"));
    assert!(
        page.texts(".history-table tbody tr")
            .iter()
            .any(|r| r.contains("delete") && r.contains("Entered by mistake"))
    );
}

#[tokio::test]
async fn hostile_text_entered_in_every_text_field_of_every_form_comes_back_escaped() {
    let app = app().await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let kinds = [
        "actor",
        "occasion",
        "source",
        "quote",
        "commitment",
        "milestone",
        "development",
        "assessment",
        "recommendation",
        "concern",
        "dossier",
        "recipient_list",
        "signatory",
    ];
    for text in HOSTILE {
        for kind in kinds {
            let form = editor.get(&format!("/records/{kind}/new")).await;
            let html = form.html();
            let fields =
                scraper::Selector::parse("form.stack input[type=text], form.stack textarea")
                    .unwrap();
            let names: Vec<String> = html
                .select(&fields)
                .filter_map(|e| e.value().attr("name").map(str::to_owned))
                .collect();
            assert!(!names.is_empty(), "{kind} has text fields");
            // Required choices get their first option, so that the text is saved where it can be.
            let selects = scraper::Selector::parse("form.stack select:not([multiple])").unwrap();
            let option = scraper::Selector::parse("option").unwrap();
            let mut choices: Vec<(String, String)> = Vec::new();
            for select in html.select(&selects) {
                let first = select
                    .select(&option)
                    .filter_map(|o| o.value().attr("value"))
                    .find(|v| !v.is_empty());
                if let (Some(name), Some(value)) = (select.value().attr("name"), first) {
                    choices.push((name.to_owned(), value.to_owned()));
                }
            }
            let mut fields: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), *text)).collect();
            fields.extend(choices.iter().map(|(n, v)| (n.as_str(), v.as_str())));
            let reply = editor.post(&format!("/records/{kind}/new"), &fields).await;
            assert!(
                reply.status == StatusCode::SEE_OTHER
                    || reply.status == StatusCode::UNPROCESSABLE_ENTITY,
                "{kind}: {} {}",
                reply.status,
                reply.body
            );
            let page = if reply.status == StatusCode::SEE_OTHER {
                editor.get(&reply.location()).await
            } else {
                reply
            };
            assert_no_markup(&page, kind);
            assert!(
                !page.body.contains(text) || !text.contains('<'),
                "{kind}: raw markup echoed"
            );
        }
    }
}

/// A list of records keeps its order through the form: the chosen ones
/// come first, in the order stored (here: a dossier's commitments,
/// reversed), and saving the form unchanged keeps that order.
#[tokio::test]
async fn chosen_records_are_shown_and_saved_in_their_stored_order() {
    use pledgewatch_core::model::{Entity, EntityKind};
    use pledgewatch_core::storage::{Change, ChangeContext, Storage};
    let app = app().await;
    let store = &app.state.store;
    let dossier = store
        .dossier_by_slug(&pledgewatch_core::model::Slug::parse(SLUG).unwrap())
        .await
        .unwrap()
        .unwrap();
    let mut reversed = dossier.entity.clone();
    reversed.commitments.reverse();
    let order: Vec<String> = reversed.commitments.iter().map(|c| c.to_string()).collect();
    assert!(order.len() > 1);
    let context = ChangeContext {
        actor: "test".into(),
        reason: None,
        at: chrono::Utc::now(),
    };
    store
        .apply(
            &context,
            vec![Change::Update {
                entity: Entity::Dossier(reversed.clone()),
                expected_version: dossier.meta.version,
            }],
        )
        .await
        .unwrap();
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let url = format!("/records/dossier/{}", reversed.id);
    let form = editor.get(&format!("{url}/edit")).await;
    let checked = form.attrs("input[name=commitments][checked]", "value");
    assert_eq!(checked, order);
    // Posted back as a browser would: every input as shown.
    let saved = crate::review::edit(&mut editor, &url, &[]).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let stored = store
        .get(EntityKind::Dossier, reversed.id.uuid())
        .await
        .unwrap()
        .unwrap();
    let Entity::Dossier(after) = stored.entity else {
        panic!("not a dossier")
    };
    assert_eq!(after.commitments, reversed.commitments);
}
