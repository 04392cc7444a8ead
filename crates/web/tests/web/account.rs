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
