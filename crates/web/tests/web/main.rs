//! The web application through its router, in process: every page and form,
//! the authorisation matrix, CSRF, publication rules and escaping.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod api;
mod assessment_dates;
mod exports;
mod feeds;
mod harness;
mod observability;
mod paths;
mod scorecard_query;

use axum::http::StatusCode;
use harness::{App, Client, app, as_role};
use pledgewatch_core::accounts::{Accounts, Role};
use pledgewatch_core::model::{EntityKind, Slug};
use pledgewatch_core::storage::Storage;
use pledgewatch_web::{Access, ROUTES};

const SLUG: &str = "kazakhstan-osce-2010";

async fn first_commitment(app: &App) -> String {
    let view = pledgewatch_core::view::dossier_view(
        app.state.store.as_ref(),
        &Slug::parse(SLUG).unwrap(),
        chrono::NaiveDate::from_ymd_opt(2009, 1, 1).unwrap(),
    )
    .await
    .unwrap();
    view.commitments[0].id.to_string()
}

async fn an_assessment(app: &App) -> String {
    let list = app
        .state
        .store
        .list(EntityKind::Assessment, 1, 0)
        .await
        .unwrap();
    list[0].entity.id().to_string()
}

/// The expected access of every route. A route missing here fails the
/// matrix test, so every new route gets a decision.
fn expected_access(name: &str) -> Option<Access> {
    use Access::*;
    Some(match name {
        "home" | "dossier" | "commitment" | "search" | "stylesheet" | "login_form" | "login"
        | "setup_form" | "setup" | "file" | "htmx" => Public,
        "dossiers_csv" | "dossiers_json" | "dossier_csv" | "dossier_json" | "export_schema" => {
            Public
        }
        "dossier_feed" | "commitment_feed" => Public,
        "logout" | "record_list" | "record_show" | "memo" | "letters" => AtLeast(Role::Viewer),
        "record_csv" | "record_json" => AtLeast(Role::Viewer),
        "account" | "token_create" | "token_revoke" => AtLeast(Role::Viewer),
        "drafting" | "drafting_submit" | "drafting_source" | "candidate_accept"
        | "candidate_reject" | "record_new_form" | "record_create" | "record_edit_form"
        | "record_update" | "record_delete" => AtLeast(Role::Editor),
        "record_publish" | "record_unpublish" | "assessment_approve" | "review_queue" => {
            AtLeast(Role::Reviewer)
        }
        "users" | "user_create" | "user_role" => AtLeast(Role::Admin),
        _ => return None,
    })
}

fn is_denied(reply: &harness::Reply) -> bool {
    reply.status == StatusCode::FORBIDDEN
        || (reply.status == StatusCode::SEE_OTHER && reply.location().starts_with("/login?next="))
}

#[tokio::test]
async fn every_route_answers_every_role_as_the_route_table_says() {
    assert!(pledgewatch_web::routes::all_routes_have_handlers().is_empty());
    let roles: [Option<Role>; 5] = [
        None,
        Some(Role::Viewer),
        Some(Role::Editor),
        Some(Role::Reviewer),
        Some(Role::Admin),
    ];
    for role in roles {
        // A fresh application per role, so that one role's posts cannot
        // change what the next sees.
        let app = app().await;
        let commitment = first_commitment(&app).await;
        let assessment = an_assessment(&app).await;
        let viewer_id = app
            .state
            .store
            .user_by_name("viewer")
            .await
            .unwrap()
            .unwrap()
            .id
            .to_string();
        let mut client = as_role(&app, role).await;
        for spec in ROUTES {
            let expected = expected_access(spec.name).unwrap_or_else(|| {
                panic!("route '{}' has no expected access in the test", spec.name)
            });
            assert_eq!(
                spec.access, expected,
                "route '{}' declares {:?}",
                spec.name, spec.access
            );
            let id = match spec.name {
                "assessment_approve" => assessment.clone(),
                "user_role" => viewer_id.clone(),
                _ => commitment.clone(),
            };
            let path = spec
                .path
                .replace("{slug}", SLUG)
                .replace("{kind}", "commitment")
                .replace("{id}", &id);
            let reply = if spec.method == "GET" {
                client.get(&path).await
            } else {
                // Posts that are allowed must not need a valid body to show
                // it: an incomplete form is answered with an error page.
                client.post(&path, &[("role", "nobody")]).await
            };
            if role.is_some() && !client.cookies.contains_key("pw_session") {
                // The logout route signed this client out: sign in again.
                client
                    .login(role.map(|r| r.as_str()).unwrap_or_default())
                    .await;
            }
            let allowed = match expected.role() {
                None => true,
                Some(needed) => role.is_some_and(|r| r >= needed),
            };
            if allowed {
                assert!(
                    !is_denied(&reply),
                    "{:?} should reach {} {} but got {} {}",
                    role,
                    spec.method,
                    path,
                    reply.status,
                    reply.location()
                );
                assert_ne!(
                    reply.status,
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "{} {}: {}",
                    spec.method,
                    path,
                    reply.body
                );
            } else {
                assert!(
                    is_denied(&reply),
                    "{:?} must not reach {} {} but got {}",
                    role,
                    spec.method,
                    path,
                    reply.status
                );
                if role.is_none() && spec.method == "GET" {
                    assert_eq!(
                        reply.status,
                        StatusCode::SEE_OTHER,
                        "anonymous GETs go to the login page"
                    );
                }
            }
        }
    }
}

#[tokio::test]
async fn a_post_without_or_with_a_wrong_csrf_token_is_refused_and_changes_nothing() {
    let app = app().await;
    let commitment = first_commitment(&app).await;
    let mut admin = as_role(&app, Some(Role::Admin)).await;
    let before = app.state.store.dump().await.unwrap();
    for spec in ROUTES.iter().filter(|r| r.method == "POST") {
        let path = spec
            .path
            .replace("{slug}", SLUG)
            .replace("{kind}", "commitment")
            .replace("{id}", &commitment);
        let fields = [
            ("reason", "x"),
            ("version", "1"),
            ("username", "admin"),
            ("password", harness::PASSWORD),
        ];
        let missing = admin.post_raw(&path, &fields).await;
        assert_eq!(
            missing.status,
            StatusCode::FORBIDDEN,
            "{path} without a token"
        );
        let mut wrong = fields.to_vec();
        wrong.push((
            "csrf",
            "0000000000000000000000000000000000000000000000000000000000000000",
        ));
        let wrong = admin.post_raw(&path, &wrong).await;
        assert_eq!(
            wrong.status,
            StatusCode::FORBIDDEN,
            "{path} with a wrong token"
        );
        assert!(wrong.body.contains("security token"));
    }
    assert_eq!(
        app.state.store.dump().await.unwrap(),
        before,
        "refused posts changed the database"
    );
}

#[tokio::test]
async fn the_scorecard_shows_each_commitment_with_status_deadline_and_charts() {
    let app = app().await;
    let mut anon = Client::new(&app);
    let page = anon
        .get(&format!("/dossiers/{SLUG}?as_of=2008-05-31"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.count("table.scorecard tbody tr"), 6);
    let states = page.texts("table.scorecard tbody td:nth-child(3) .meta");
    assert_eq!(
        states
            .iter()
            .filter(|s| s.as_str() == "upcoming, 214 days left")
            .count(),
        3,
        "{states:?}"
    );
    assert_eq!(page.count("svg.chart"), 2);
    assert_eq!(page.count("svg.chart title"), page.count("svg.chart title"));
    assert!(
        page.count("figure details table tbody tr") >= 1,
        "a data table for the status chart"
    );
    assert_eq!(page.count("progress"), 6);
    assert!(page.texts("h1")[0].contains("Kazakhstan and the 2010 OSCE chairmanship"));
    // Filters apply to the list and the charts.
    let filtered = anon
        .get(&format!("/dossiers/{SLUG}?as_of=2008-05-31&status=stalled"))
        .await;
    assert_eq!(filtered.count("table.scorecard tbody tr"), 2);
    // The three reforms share the sentence that names the media law.
    let by_text = anon
        .get(&format!("/dossiers/{SLUG}?as_of=2008-05-31&q=media"))
        .await;
    assert_eq!(by_text.count("table.scorecard tbody tr"), 3);
    // Later: overdue and regressions marked.
    let later = anon
        .get(&format!("/dossiers/{SLUG}?as_of=2010-01-01"))
        .await;
    assert!(
        later
            .texts(".overdue")
            .iter()
            .any(|t| t.starts_with("overdue by"))
    );
    assert!(
        later.count("tr.regression") >= 1,
        "the media law regressed in 2009"
    );
    // A bad as-of date is a clear error, not a crash.
    let bad = anon
        .get(&format!("/dossiers/{SLUG}?as_of=2008-02-30"))
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("no such day"));
}

#[tokio::test]
async fn the_commitment_page_shows_the_promise_its_history_and_the_steps() {
    let app = app().await;
    let id = first_commitment(&app).await;
    let mut anon = Client::new(&app);
    let page = anon
        .get(&format!(
            "/dossiers/{SLUG}/commitments/{id}?as_of=2010-01-01"
        ))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.texts("blockquote p")[0].contains("by the end of 2008"));
    assert!(
        page.attr("blockquote footer a", "href")
            .unwrap()
            .starts_with("https://www.hrw.org/")
    );
    assert!(page.count("ol.history li") >= 4);
    assert!(page.count("ol.history li.regression") >= 1);
    assert!(page.count("ul.developments li") >= 5);
    let early = anon
        .get(&format!(
            "/dossiers/{SLUG}/commitments/{id}?as_of=2008-05-31"
        ))
        .await;
    assert_eq!(
        early.count("ol.history li"),
        1,
        "only what was known by then"
    );
    assert_eq!(
        anon.get(&format!("/dossiers/{SLUG}/commitments/not-an-id"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn search_shows_ranked_results_with_highlighted_matches() {
    let app = app().await;
    let mut anon = Client::new(&app);
    let page = anon.get("/search?q=media+law").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.count("ol.hits li") > 1);
    assert!(page.count("ol.hits mark") > 0);
    let only = anon.get("/search?q=media&kind=commitment").await;
    assert!(
        only.texts("ol.hits .badge")
            .iter()
            .all(|k| k == "commitment")
    );
    // The scorecard's filters narrow results to matching commitments.
    let stalled = anon.get("/search?q=ODIHR&status=stalled").await;
    assert_eq!(
        stalled.count("ol.hits li"),
        0,
        "no ODIHR pledge is stalled today"
    );
    let progress = anon.get("/search?q=ODIHR&status=in_progress").await;
    assert_eq!(progress.count("ol.hits li"), 1, "{}", progress.body);
    let due = anon
        .get("/search?q=2008&deadline_from=2008-12-01&deadline_to=2008-12-31")
        .await;
    assert_eq!(due.count("ol.hits li"), 3, "the three 2008 reforms");
    assert!(
        due.texts("ol.hits .badge")
            .iter()
            .all(|k| k == "commitment")
    );
    let bad = anon.get("/search?q=law&deadline_from=2008-13-01").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let empty = anon.get("/search?q=+++").await;
    assert_eq!(empty.count("ol.hits li"), 0);
}

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
    let sources = app
        .state
        .store
        .list(EntityKind::Source, 1, 0)
        .await
        .unwrap();
    let source = sources[0].entity.id().to_string();
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let effect = format!("effect:commitment:{commitment}");
    let reply = editor
        .post(
            "/records/development/new",
            &[
                ("date", "2030-03-01"),
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
    let reply = reviewer.post(&action, &[("version", &version)]).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let public = anon.get(&public_url).await;
    assert!(public.body.contains("Parliament adopts a new media law"));
    assert!(public.texts(".facts dd").iter().any(|t| t == "Fulfilled"));
    assert!(public.body.contains("reviewed by reviewer"));
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
    assert!(stale.body.contains("changed by someone else"));
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
async fn sign_in_uses_secure_cookies_and_is_rate_limited() {
    let app = app().await;
    let mut client = Client::new(&app);
    for _ in 0..5 {
        let reply = client
            .post(
                "/login",
                &[("username", "editor"), ("password", "wrong password!")],
            )
            .await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
        assert!(reply.body.contains("Wrong username or password"));
    }
    let blocked = client
        .post(
            "/login",
            &[("username", "editor"), ("password", harness::PASSWORD)],
        )
        .await;
    assert_eq!(blocked.status, StatusCode::TOO_MANY_REQUESTS);
    let mut other = Client::new(&app);
    let token = other.csrf().await;
    let reply = other
        .post_raw(
            "/login",
            &[
                ("username", "viewer"),
                ("password", harness::PASSWORD),
                ("csrf", &token),
                ("next", "//evil.example/"),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert!(
        reply.location().starts_with("/?"),
        "no open redirect: {}",
        reply.location()
    );
    let cookie = reply
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("pw_session="))
        .unwrap();
    for attr in ["HttpOnly", "SameSite=Lax", "Secure", "Path=/"] {
        assert!(cookie.contains(attr), "{cookie}");
    }
    // Signing out ends the session in the database too.
    let out = other.post("/logout", &[]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(
        other.get("/records/commitment").await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn every_response_carries_a_strict_content_security_policy() {
    let app = app().await;
    let mut anon = Client::new(&app);
    for path in ["/", "/search", "/login", "/no-such-page"] {
        let reply = anon.get(path).await;
        let csp = reply
            .headers
            .get("content-security-policy")
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
            "{csp}"
        );
        assert_eq!(reply.headers.get("x-frame-options").unwrap(), "DENY");
    }
    assert_eq!(
        anon.get("/no-such-page").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn first_run_setup_creates_one_administrator_only() {
    let dir = tempfile::tempdir().unwrap();
    let store = pledgewatch_store::Store::open(
        &pledgewatch_store::DatabaseUrl::Sqlite(dir.path().join("s.db")),
        pledgewatch_store::OpenMode::CreateIfMissing,
    )
    .await
    .unwrap();
    store.migrate().await.unwrap();
    let state = pledgewatch_web::AppState::new(store, pledgewatch_web::Config::default());
    let app = App::from_state(state, dir);
    let mut client = Client::new(&app);
    let form = client.get("/setup").await;
    assert_eq!(form.status, StatusCode::OK);
    let short = client
        .post(
            "/setup",
            &[
                ("username", "root"),
                ("display_name", "Root"),
                ("password", "short"),
            ],
        )
        .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(short.texts("#e-password")[0].contains("at least 10"));
    let ok = client
        .post(
            "/setup",
            &[
                ("username", "root"),
                ("display_name", "Root"),
                ("password", harness::PASSWORD),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    assert_eq!(
        app.state
            .store
            .user_by_name("root")
            .await
            .unwrap()
            .unwrap()
            .role,
        Role::Admin
    );
    let mut late = Client::new(&app);
    let again = late
        .post(
            "/setup",
            &[
                ("username", "eve"),
                ("display_name", "Eve"),
                ("password", harness::PASSWORD),
            ],
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(app.state.store.user_count().await.unwrap(), 1);
}

#[tokio::test]
async fn admins_create_accounts_and_change_roles() {
    let app = app().await;
    let mut admin = as_role(&app, Some(Role::Admin)).await;
    let page = admin.get("/admin/users").await;
    assert_eq!(page.count("tbody tr"), 4);
    let bad = admin
        .post(
            "/admin/users",
            &[
                ("username", "new person"),
                ("display_name", "N"),
                ("password", harness::PASSWORD),
                ("role", "editor"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!bad.texts("#e-username").is_empty());
    let ok = admin
        .post(
            "/admin/users",
            &[
                ("username", "nadia"),
                ("display_name", "Nadia"),
                ("password", harness::PASSWORD),
                ("role", "editor"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let nadia = app
        .state
        .store
        .user_by_name("nadia")
        .await
        .unwrap()
        .unwrap();
    let reply = admin
        .post(
            &format!("/admin/users/{}/role", nadia.id),
            &[("role", "reviewer")],
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.state
            .store
            .user_by_name("nadia")
            .await
            .unwrap()
            .unwrap()
            .role,
        Role::Reviewer
    );
}

#[tokio::test]
async fn a_source_file_is_stored_by_its_sha256_and_never_leaks_from_a_confidential_source() {
    use axum::body::Body;
    use axum::http::{Request, header};
    use tower::ServiceExt;
    let app = app().await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let token = editor.csrf().await;
    let boundary = "XyZboundary";
    let content = "<html><script>alert(1)</script>Interview notes</html>";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nInterview notes\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"confidential\"\r\n\r\non\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"notes.html\"\r\nContent-Type: text/html\r\n\r\n{content}\r\n--{boundary}--\r\n"
    );
    let cookie = editor
        .cookies
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("; ");
    let request = Request::post(format!("/records/source/new?csrf={token}"))
        .header(header::COOKIE, cookie)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(body))
        .unwrap();
    let response = app.router.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response
        .headers()
        .get(header::LOCATION)
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    let page = editor.get(&location).await;
    let sha = pledgewatch_core::model::Sha256Hex::of(content.as_bytes());
    let href = format!("/files/{}", sha.as_str());
    assert_eq!(
        page.attr("a[href^='/files/']", "href").as_deref(),
        Some(href.as_str())
    );
    let download = editor.get(&href).await;
    assert_eq!(download.status, StatusCode::OK);
    assert_eq!(download.body, content);
    assert_eq!(
        download.headers.get(header::CONTENT_TYPE).unwrap(),
        "application/octet-stream",
        "never served as HTML"
    );
    assert!(
        download
            .headers
            .get(header::CONTENT_DISPOSITION)
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    // The public cannot fetch it, even knowing the digest.
    let mut anon = Client::new(&app);
    assert_eq!(anon.get(&href).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        anon.get("/files/not-a-digest").await.status,
        StatusCode::NOT_FOUND
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
async fn signed_in_users_download_the_memorandum_and_the_letters_from_the_dossier_page() {
    let app = app().await;
    let mut anon = Client::new(&app);
    assert_eq!(
        anon.get(&format!("/dossiers/{SLUG}"))
            .await
            .count("section.documents"),
        0
    );
    assert_eq!(
        anon.get(&format!("/dossiers/{SLUG}/memo?format=md"))
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let mut viewer = as_role(&app, Some(Role::Viewer)).await;
    let page = viewer
        .get(&format!("/dossiers/{SLUG}?as_of=2008-05-31"))
        .await;
    assert_eq!(page.count("section.documents form"), 2);
    let list = page.attr("#l-list option", "value").unwrap();
    let md = viewer
        .get(&format!("/dossiers/{SLUG}/memo?as_of=2008-05-31&format=md"))
        .await;
    assert_eq!(md.status, StatusCode::OK);
    assert!(
        md.headers
            .get("content-disposition")
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    assert!(
        md.body.contains("by the end of 2008"),
        "the quotes are in the memorandum"
    );
    let pdf = viewer
        .get(&format!(
            "/dossiers/{SLUG}/memo?as_of=2008-05-31&format=pdf"
        ))
        .await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert_eq!(pdf.headers.get("content-type").unwrap(), "application/pdf");
    assert!(pdf.body.starts_with("%PDF"));
    let letters = viewer
        .get(&format!(
            "/dossiers/{SLUG}/letters?as_of=2008-05-31&format=html&recipients={list}"
        ))
        .await;
    assert_eq!(letters.status, StatusCode::OK, "{}", letters.body);
    assert!(
        letters.body.contains("Kouchner"),
        "the letter to France names its minister"
    );
    let bad = viewer
        .get(&format!("/dossiers/{SLUG}/memo?format=odt"))
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let unknown = viewer
        .get(&format!(
            "/dossiers/{SLUG}/letters?format=md&recipients=nobody"
        ))
        .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
}
