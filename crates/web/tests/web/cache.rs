//! The cache of rendered public pages: exact after every write (the next
//! anonymous request shows it), never shared with or filled by a signed-in
//! visitor, never holding a team page or a visitor's form token, and its
//! entity tags answer 304 until the page changes.

use axum::http::StatusCode;
use pledgewatch_core::accounts::Role;
use pledgewatch_core::model::EntityKind;
use pledgewatch_core::service::Services;

use crate::harness::{App, Client, Reply, app, app_with, as_role};
use crate::publication::{a_published_development, approve, edit_development, user};
use crate::{SLUG, first_commitment};

const SHARED: &str = "public, max-age=0, must-revalidate";
const PRIVATE: &str = "private, no-store";

fn header<'a>(reply: &'a Reply, name: &str) -> &'a str {
    reply
        .headers
        .get(name)
        .map(|v| v.to_str().unwrap())
        .unwrap_or_default()
}

fn hits(app: &App) -> u64 {
    app.state.pages.counts().0
}

/// The part of a development's label after its date.
fn title_of(label: &str) -> String {
    label.split_once(' ').map_or(label, |(_, t)| t).to_owned()
}

#[tokio::test]
async fn each_write_shows_on_the_next_anonymous_request_though_pages_are_served_from_the_cache() {
    let app = app().await;
    let commitment = first_commitment(&app).await;
    let page = format!("/dossiers/{SLUG}/commitments/{commitment}");
    let development = a_published_development(&app, &commitment).await;
    let old_title = title_of(&development.entity.label());
    let mut anon = Client::new(&app);

    let first = anon.get(&page).await;
    assert_eq!(first.status, StatusCode::OK);
    assert!(first.body.contains(&old_title), "{old_title}");
    let served = hits(&app);
    let second = anon.get(&page).await;
    assert_eq!(hits(&app), served + 1, "the second request is a hit");
    assert_eq!(second.body, first.body);
    assert_eq!(header(&second, "etag"), header(&first, "etag"));

    // A pending edit changes nothing public: a new generation, the same
    // page, the same tag.
    edit_development(&app, "editor", "Quetzalcoatl statute", &development).await;
    let pending = anon.get(&page).await;
    assert!(!pending.body.contains("Quetzalcoatl"));
    assert_eq!(header(&pending, "etag"), header(&first, "etag"));

    // Approved: the very next anonymous request shows it.
    let reviewer = user(&app, "reviewer").await;
    let id = development.entity.id();
    approve(&app, &reviewer, EntityKind::Development, id).await;
    let published = anon.get(&page).await;
    assert!(published.body.contains("Quetzalcoatl statute"));
    assert_ne!(header(&published, "etag"), header(&first, "etag"));
    let feed = anon.get(&format!("/dossiers/{SLUG}/feed.atom")).await;
    assert!(feed.body.contains("Quetzalcoatl statute"));

    // Withdrawn: the next request no longer shows it.
    Services::new(app.state.store.as_ref())
        .set_published("reviewer", EntityKind::Development, id, false)
        .await
        .unwrap();
    let withdrawn = anon.get(&page).await;
    assert!(!withdrawn.body.contains("Quetzalcoatl"));
    let feed = anon.get(&format!("/dossiers/{SLUG}/feed.atom")).await;
    assert!(!feed.body.contains("Quetzalcoatl"));
}

#[tokio::test]
async fn a_signed_in_visitor_never_gets_the_shared_page_nor_fills_the_cache() {
    let app = app().await;
    let scorecard = format!("/dossiers/{SLUG}");
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let team = editor.get(&scorecard).await;
    assert_eq!(team.status, StatusCode::OK);
    assert!(team.body.contains("Sign out"));
    assert_eq!(header(&team, "cache-control"), PRIVATE);
    assert!(header(&team, "etag").is_empty());
    assert!(app.state.pages.is_empty(), "a signed-in page was kept");

    let mut anon = Client::new(&app);
    let public = anon.get(&scorecard).await;
    assert!(!public.body.contains("Sign out"));
    assert_eq!(header(&public, "cache-control"), SHARED);
    assert_eq!(header(&public, "vary"), "Accept-Language, Cookie");
    assert_eq!(app.state.pages.len(), 1);

    let served = hits(&app);
    let again = editor.get(&scorecard).await;
    assert!(
        again.body.contains("Sign out"),
        "the team got the public page"
    );
    assert_eq!(header(&again, "cache-control"), PRIVATE);
    assert_eq!(hits(&app), served);

    // A session cookie that signs nobody in is not served from the cache
    // either (nor kept: the visitor may be anyone).
    let mut stale = Client::new(&app);
    stale
        .cookies
        .insert("__Host-pw_session".into(), "0".repeat(64));
    let reply = stale.get(&scorecard).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(header(&reply, "cache-control"), PRIVATE);
    assert_eq!(hits(&app), served);
    assert_eq!(app.state.pages.len(), 1);
}

#[tokio::test]
async fn team_pages_are_private_and_never_kept() {
    let app = app().await;
    let mut reviewer = as_role(&app, Some(Role::Reviewer)).await;
    let mut anon = Client::new(&app);
    for path in [
        "/records/commitment",
        "/records/commitment/export.json",
        "/review",
        "/drafting",
        "/account",
        "/login",
    ] {
        let reply = reviewer.get(path).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert_eq!(header(&reply, "cache-control"), PRIVATE, "{path}");
        assert!(header(&reply, "etag").is_empty(), "{path}");
        let reply = anon.get(path).await;
        assert_eq!(header(&reply, "cache-control"), PRIVATE, "{path}");
    }
    assert!(app.state.pages.is_empty());
    assert_eq!(app.state.pages.counts(), (0, 0));
}

#[tokio::test]
async fn a_tag_answers_304_until_a_write_changes_the_page() {
    let app = app().await;
    let commitment = first_commitment(&app).await;
    let development = a_published_development(&app, &commitment).await;
    let mut anon = Client::new(&app);
    for path in [
        format!("/dossiers/{SLUG}"),
        format!("/dossiers/{SLUG}/feed.atom"),
        format!("/dossiers/{SLUG}/commitments/{commitment}/feed.atom"),
    ] {
        let first = anon.get(&path).await;
        let etag = header(&first, "etag").to_owned();
        assert!(etag.starts_with('"') && etag.len() == 34, "{path}: {etag}");
        assert_eq!(header(&first, "cache-control"), SHARED, "{path}");
        let same = anon.get_with(&path, &[("if-none-match", &etag)]).await;
        assert_eq!(same.status, StatusCode::NOT_MODIFIED, "{path}");
        assert!(same.body.is_empty());
        assert_eq!(header(&same, "etag"), etag);
        assert_eq!(header(&same, "cache-control"), SHARED);
        let other = anon.get_with(&path, &[("if-none-match", "\"x\"")]).await;
        assert_eq!(other.status, StatusCode::OK, "{path}");
    }

    let path = format!("/dossiers/{SLUG}/commitments/{commitment}");
    let before = anon.get(&path).await;
    let etag = header(&before, "etag").to_owned();
    edit_development(&app, "editor", "Quetzalcoatl statute", &development).await;
    let reviewer = user(&app, "reviewer").await;
    approve(
        &app,
        &reviewer,
        EntityKind::Development,
        development.entity.id(),
    )
    .await;
    let after = anon.get_with(&path, &[("if-none-match", &etag)]).await;
    assert_eq!(after.status, StatusCode::OK);
    assert!(after.body.contains("Quetzalcoatl statute"));
    assert_ne!(header(&after, "etag"), etag);
}

#[tokio::test]
async fn a_shared_page_carries_no_visitors_form_token_or_cookie() {
    let app = app().await;
    let scorecard = format!("/dossiers/{SLUG}");
    // A first visitor holding a form token fills the cache.
    let mut first = Client::new(&app);
    let token = first.csrf().await;
    let filled = first.get(&scorecard).await;
    assert!(!filled.body.contains(&token));
    assert!(filled.headers.get("set-cookie").is_none());
    assert_eq!(app.state.pages.len(), 1);
    // A second, without any cookie, is served the kept page: no cookie is
    // set on it and no one's token is in it.
    let mut second = Client::new(&app);
    let served = second.get(&scorecard).await;
    assert_eq!(app.state.pages.counts().0, 1);
    assert!(served.headers.get("set-cookie").is_none());
    assert!(!served.body.contains(&token));
    assert!(second.cookies.is_empty());
    // Its own sign-in form gets a token of its own.
    assert_ne!(second.csrf().await, token);
    // A fresh visitor's miss sets no cookie either: every anonymous
    // visitor gets the same answer.
    let mut third = Client::new(&app);
    let page = third.get("/search?q=media").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.headers.get("set-cookie").is_none());
}

#[tokio::test]
async fn without_a_budget_nothing_is_kept_but_pages_are_still_tagged() {
    let app = app_with(pledgewatch_web::Config {
        page_cache_bytes: 0,
        ..pledgewatch_web::Config::default()
    })
    .await;
    let mut anon = Client::new(&app);
    let first = anon.get("/").await;
    assert_eq!(header(&first, "cache-control"), SHARED);
    let etag = header(&first, "etag").to_owned();
    let again = anon.get_with("/", &[("if-none-match", &etag)]).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(app.state.pages.is_empty());
    assert_eq!(app.state.pages.counts().0, 0);
}

#[tokio::test]
async fn requests_arriving_together_each_see_every_write_made_before_they_arrived() {
    use axum::body::Body;
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let app = app().await;
    let commitment = first_commitment(&app).await;
    // The page's own URL (its id redirects to it).
    let page = Client::new(&app)
        .get_once(&format!("/dossiers/{SLUG}/commitments/{commitment}"))
        .await
        .location();
    let reviewer = user(&app, "reviewer").await;
    for round in 0..3 {
        let development = a_published_development(&app, &commitment).await;
        let title = format!("Quetzalcoatl statute {round}");
        edit_development(&app, "editor", &title, &development).await;
        approve(
            &app,
            &reviewer,
            EntityKind::Development,
            development.entity.id(),
        )
        .await;
        let requests: Vec<_> = (0..16)
            .map(|_| {
                let router = app.router.clone();
                let request = axum::http::Request::get(&page).body(Body::empty()).unwrap();
                tokio::spawn(async move {
                    let response = router.oneshot(request).await.unwrap();
                    let body = response.into_body().collect().await.unwrap().to_bytes();
                    String::from_utf8_lossy(&body).into_owned()
                })
            })
            .collect();
        for request in requests {
            assert!(request.await.unwrap().contains(&title), "round {round}");
        }
    }
}

#[tokio::test]
async fn only_pages_give_a_new_visitor_the_form_cookie_so_a_proxy_may_keep_the_rest() {
    let app = app().await;
    let mut anon = Client::new(&app);
    let stylesheet = anon.get("/static/app.css").await;
    assert_eq!(stylesheet.status, StatusCode::OK);
    assert!(stylesheet.headers.get("set-cookie").is_none());
    let feed = anon.get(&format!("/dossiers/{SLUG}/feed.atom")).await;
    assert_eq!(feed.status, StatusCode::OK);
    assert!(feed.headers.get("set-cookie").is_none());
    // The sign-in page holds a form: it sets the visitor's form cookie.
    let login = Client::new(&app).get("/login").await;
    assert_eq!(login.status, StatusCode::OK);
    assert!(
        header(&login, "set-cookie").contains("pw_csrf="),
        "{:?}",
        login.headers
    );
}

#[tokio::test]
async fn a_head_request_is_answered_as_its_get_and_leaves_the_page_whole() {
    let app = app().await;
    let commitment = first_commitment(&app).await;
    let by_id = format!("/dossiers/{SLUG}/commitments/{commitment}");
    let mut anon = Client::new(&app);
    // The id leads to the page's slug URL.
    let moved = anon.head(&by_id).await;
    assert_eq!(moved.status, StatusCode::PERMANENT_REDIRECT);
    let page = moved.location();
    // First a HEAD, on an empty cache: the page it fills must be whole.
    let head = anon.head(&page).await;
    assert_eq!(head.status, StatusCode::OK);
    assert_eq!(header(&head, "cache-control"), SHARED);
    let get = anon.get(&page).await;
    assert_eq!(get.status, StatusCode::OK);
    assert!(get.body.contains("</html>"), "{}", get.body);
    assert_eq!(header(&get, "etag"), header(&head, "etag"));
    assert_eq!(
        header(&get, "content-length"),
        header(&head, "content-length")
    );
    // A team page stays private to HEAD as to GET.
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let private = editor.head(&page).await;
    assert_eq!(header(&private, "cache-control"), PRIVATE);
}
