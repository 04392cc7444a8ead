//! Accounts: signing in, first-run setup and the administrator's users page.

use axum::http::StatusCode;
use pledgewatch_core::accounts::{Accounts, Role};
use pledgewatch_core::storage::Storage;

use crate::harness::{self, App, Client, app, as_role};

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
    let mut fields = vec![
        ("username", "viewer"),
        ("password", harness::PASSWORD),
        ("csrf", &token),
        ("next", "//evil.example/"),
    ];
    let refused = other.post_raw("/login", &fields).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "no open redirect");
    assert!(refused.body.contains("not a path on this site"));
    assert!(!other.cookies.contains_key("__Host-pw_session"));
    fields[3] = ("next", "/records/commitment");
    let reply = other.post_raw("/login", &fields).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.location(), "/records/commitment?done=signed-in");
    let cookie = reply
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("__Host-pw_session="))
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

/// Where a sign-in with this (already URL-encoded) `next` leads: its status
/// and `Location`, and whether a session cookie was set.
async fn sign_in_with_next(app: &App, encoded_next: &str) -> (StatusCode, String, bool) {
    let mut client = Client::new(app);
    let token = client.csrf().await;
    let body = format!(
        "username=viewer&password={}&csrf={token}&next={encoded_next}",
        harness::PASSWORD.replace(' ', "+")
    );
    let reply = client.post_encoded("/login", body).await;
    let session = client.cookies.contains_key("__Host-pw_session");
    (reply.status, reply.location(), session)
}

/// A `Location` a browser can only read as a path on this site.
fn is_same_site_location(location: &str) -> bool {
    location.starts_with('/')
        && !location.starts_with("//")
        && location.bytes().all(|b| b.is_ascii_graphic() && b != b'\\')
}

#[tokio::test]
async fn a_hostile_next_after_sign_in_is_refused_or_stays_on_this_site() {
    let app = app().await;
    let mut hostile: Vec<String> = Vec::new();
    for byte in (0u8..0x20).chain([0x7f]) {
        let raw = serde_urlencoded::to_string([("x", (byte as char).to_string())]).unwrap();
        let raw = raw.trim_start_matches("x=");
        // As typed (the form decodes it), percent-encoded once in the value,
        // at the start of the path, inside it and in the query.
        for encoded in [
            raw.to_owned(),
            format!("%25{byte:02x}"),
            format!("%25{byte:02X}"),
        ] {
            hostile.push(format!("/{encoded}/evil.example"));
            hostile.push(format!("{encoded}/evil.example"));
            hostile.push(format!("/a{encoded}b"));
            hostile.push(format!("/search?q={encoded}"));
        }
    }
    for space in [
        "%20",
        "%2520",
        "%C2%A0",
        "%E2%80%A8",
        "%E3%80%80",
        "%25C2%25A0",
    ] {
        hostile.push(format!("/{space}/evil.example"));
    }
    for off_site in [
        "%2F%2Fevil.example",
        "%2F%5Cevil.example",
        "%2F%255Cevil.example",
        "%2F%252F%2Fevil.example",
        "https%3A%2F%2Fevil.example",
        "javascript%3Aalert(1)",
        "evil.example",
        "%5C%5Cevil.example",
    ] {
        hostile.push(off_site.to_owned());
    }
    for next in &hostile {
        let (status, location, session) = sign_in_with_next(&app, next).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "next={next}: {location}");
        assert!(!session, "next={next}: no session for a refused sign-in");
    }
    // Every byte, percent-encoded once in the value: refused, or a path on
    // this site; never a 500.
    for byte in 0u8..=255 {
        for next in [
            format!("/%{byte:02X}/x"),
            format!("/%25{byte:02X}/x"),
            format!("%{byte:02X}x"),
        ] {
            let (status, location, _) = sign_in_with_next(&app, &next).await;
            assert!(
                status == StatusCode::BAD_REQUEST
                    || (status == StatusCode::SEE_OTHER && is_same_site_location(&location)),
                "next={next}: {status} {location}"
            );
        }
    }
    let (status, location, session) =
        sign_in_with_next(&app, "%2Fsearch%3Fq%3Dmedia%2520law").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(session);
    assert_eq!(location, "/search?q=media%20law&done=signed-in");
    // The sign-in page drops a hostile next rather than carrying it.
    let mut client = Client::new(&app);
    let page = client.get("/login?next=%2F%09%2Fevil.example").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.attr("input[name=next]", "value").as_deref(), Some("/"));
}

/// The `Set-Cookie` values of a reply, whole.
fn set_cookies(reply: &harness::Reply) -> Vec<String> {
    reply
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn secure_cookies_have_the_host_prefix_and_a_plain_named_one_is_ignored() {
    let app = app().await;
    let mut client = Client::new(&app);
    let page = client.get("/login").await;
    let csrf = set_cookies(&page);
    assert!(csrf[0].starts_with("__Host-pw_csrf="), "{csrf:?}");
    client.login("editor").await;
    let token = client.cookies["__Host-pw_session"].clone();
    for cookie in &csrf {
        assert!(
            cookie.contains("; Secure") && cookie.contains("; Path=/"),
            "{cookie}"
        );
        assert!(!cookie.contains("Domain"), "{cookie}");
    }
    assert_eq!(
        client.get("/records/commitment").await.status,
        StatusCode::OK
    );
    // The same token under the unprefixed name (as a sibling subdomain or a
    // plain-HTTP page could set it) is not a session.
    let mut planted = Client::new(&app);
    planted.cookies.insert("pw_session".into(), token);
    let reply = planted.get("/records/commitment").await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert!(reply.location().starts_with("/login?next="));
}

#[tokio::test]
async fn insecure_cookies_keep_the_plain_names_browsers_accept_over_http() {
    let app = harness::app_with(pledgewatch_web::Config {
        secure_cookies: false,
        ..pledgewatch_web::Config::default()
    })
    .await;
    let mut client = Client::new(&app);
    let page = client.get("/login").await;
    let token = page.attr("input[name=csrf]", "value").unwrap();
    let reply = client
        .post_raw(
            "/login",
            &[
                ("username", "editor"),
                ("password", harness::PASSWORD),
                ("csrf", &token),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let cookies: Vec<String> = set_cookies(&page)
        .into_iter()
        .chain(set_cookies(&reply))
        .collect();
    assert!(cookies[0].starts_with("pw_csrf="), "{cookies:?}");
    assert!(cookies[1].starts_with("pw_session="), "{cookies:?}");
    assert!(
        cookies
            .iter()
            .all(|c| !c.contains("Secure") && !c.contains("__Host-"))
    );
    assert_eq!(
        client.get("/records/commitment").await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn every_sign_in_starts_a_fresh_random_session_and_a_planted_token_is_not_kept() {
    let app = app().await;
    let mut client = Client::new(&app);
    let planted = "a".repeat(64);
    client
        .cookies
        .insert("__Host-pw_session".into(), planted.clone());
    client.login("editor").await;
    let first = client.cookies["__Host-pw_session"].clone();
    client.login("editor").await;
    let second = client.cookies["__Host-pw_session"].clone();
    for token in [&first, &second] {
        assert_ne!(token, &planted, "no session fixation");
        assert_eq!(token.len(), 64, "256 random bits as hex: {token}");
        assert!(token.bytes().all(|b| b.is_ascii_hexdigit()));
    }
    assert_ne!(first, second, "each sign-in has its own token");
}

#[tokio::test]
async fn pages_for_the_team_and_the_public_are_never_cached() {
    let app = app().await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    for path in ["/records/commitment", "/drafting", "/login"] {
        let reply = editor.get(path).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert_eq!(
            reply.headers.get("cache-control").unwrap(),
            "private, no-store",
            "{path}"
        );
    }
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
                ("code", &app.state.setup_code),
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
                ("code", &app.state.setup_code),
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
