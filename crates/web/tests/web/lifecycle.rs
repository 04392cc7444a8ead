//! An account's life after it is made: disabled and enabled by an
//! administrator, its password changed by its owner or set again with a
//! one-time reset code, every session ended at once, and API tokens that
//! expire.

use std::sync::Arc;

use axum::http::StatusCode;
use chrono::Duration;
use pledgewatch_core::accounts::{Accounts, Role, User};
use pledgewatch_core::service;
use pledgewatch_core::storage::Storage;

use crate::api::get;
use crate::harness::{self, App, Client, app, as_role};

const NEW_PASSWORD: &str = "a brand new passphrase";

async fn account(app: &App, name: &str) -> User {
    app.state.store.user_by_name(name).await.unwrap().unwrap()
}

/// The audit log's entries, as text.
async fn audit_text(app: &App) -> String {
    let dump = app.state.store.dump().await.unwrap();
    let audit = dump.iter().find(|t| t.table == "audit_log").unwrap();
    serde_json::to_string(&audit.rows).unwrap()
}

/// Signs in with a password, giving the answer's status.
async fn sign_in(client: &mut Client<'_>, username: &str, password: &str) -> harness::Reply {
    client
        .post(
            "/login",
            &[
                ("username", username),
                ("password", password),
                ("next", "/"),
            ],
        )
        .await
}

/// Whether a client is signed in (the account page answers it).
async fn is_signed_in(client: &mut Client<'_>) -> bool {
    client.get("/account").await.status == StatusCode::OK
}

/// A token made on the account page, its secret.
async fn token_of(client: &mut Client<'_>) -> String {
    let made = client
        .post("/account/tokens", &[("name", "export"), ("expires", "30")])
        .await;
    let made = client.follow(&made).await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    made.attr("input#new-token", "value").unwrap()
}

#[tokio::test]
async fn a_disabled_account_cannot_sign_in_and_its_session_and_tokens_stop_at_once() {
    let app = app().await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let secret = token_of(&mut editor).await;
    assert_eq!(
        get(&app, "/api/v1/dossiers", Some(&secret)).await.status,
        StatusCode::OK
    );
    let target = account(&app, "editor").await;
    let mut admin = as_role(&app, Some(Role::Admin)).await;
    let done = admin
        .post(&format!("/admin/users/{}/disable", target.id), &[])
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(done.location(), "/admin/users?done=disabled");
    let page = admin.get(&done.location()).await;
    assert!(page.texts("p.flash")[0].contains("disabled"));
    assert!(page.attr("form[action$='/enable']", "action").is_some());
    assert!(account(&app, "editor").await.disabled);

    // The session stops at once, and so does the token.
    assert!(!is_signed_in(&mut editor).await);
    let refused = get(&app, "/api/v1/dossiers", Some(&secret)).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);

    // Signing in fails exactly as a wrong password does.
    let mut again = Client::new(&app);
    let disabled = sign_in(&mut again, "editor", harness::PASSWORD).await;
    let wrong = sign_in(&mut Client::new(&app), "reviewer", "not the password").await;
    assert_eq!(disabled.status, StatusCode::UNAUTHORIZED);
    assert_eq!(disabled.texts("#login-error"), wrong.texts("#login-error"));
    assert!(!again.cookies.contains_key("pw_session"));

    // Enabled again, it signs in; its token stays revoked.
    let done = admin
        .post(&format!("/admin/users/{}/enable", target.id), &[])
        .await;
    assert_eq!(done.location(), "/admin/users?done=enabled");
    assert_eq!(
        sign_in(&mut again, "editor", harness::PASSWORD)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        get(&app, "/api/v1/dossiers", Some(&secret)).await.status,
        StatusCode::UNAUTHORIZED
    );
    let audit = audit_text(&app).await;
    assert!(audit.contains("Account disabled") && audit.contains("Account enabled"));
}

#[tokio::test]
async fn an_administrator_cannot_disable_their_own_account() {
    let app = app().await;
    let me = account(&app, "admin").await;
    let mut admin = as_role(&app, Some(Role::Admin)).await;
    let page = admin.get("/admin/users").await;
    assert_eq!(
        page.count("form[action$='/disable']"),
        3,
        "a button for every account but one's own"
    );
    let before = app.state.store.dump().await.unwrap();
    let refused = admin
        .post(&format!("/admin/users/{}/disable", me.id), &[])
        .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(
        refused.body.contains("your own account"),
        "{}",
        refused.body
    );
    assert_eq!(app.state.store.dump().await.unwrap(), before);
    assert!(is_signed_in(&mut admin).await);
    // An unknown account is not found.
    let missing = admin
        .post(&format!("/admin/users/{}/disable", uuid::Uuid::nil()), &[])
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_last_enabled_administrator_cannot_be_disabled() {
    let app = app().await;
    // A second administrator disables the first, then cannot be disabled
    // by anyone: the last one left. (Through the web an administrator is
    // always enabled and cannot disable themselves, so the store's rule is
    // reached here through the service, as the command line reaches it.)
    let mut admin = as_role(&app, Some(Role::Admin)).await;
    let viewer = account(&app, "viewer").await;
    admin
        .post(
            &format!("/admin/users/{}/role", viewer.id),
            &[("role", "admin")],
        )
        .await;
    let first = account(&app, "admin").await;
    let mut second = as_role(&app, Some(Role::Viewer)).await;
    let done = second
        .post(&format!("/admin/users/{}/disable", first.id), &[])
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    let context = service::context("cli", Some("test")).unwrap();
    let last = account(&app, "viewer").await;
    let err =
        service::accounts::set_disabled(app.state.store.as_ref(), &context, None, &last, true)
            .await
            .unwrap_err();
    assert!(
        err.to_string().contains("last enabled administrator"),
        "{err}"
    );
    assert!(!account(&app, "viewer").await.disabled);
    // Nor demoted by itself.
    let refused = second
        .post(
            &format!("/admin/users/{}/role", last.id),
            &[("role", "editor")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn changing_the_password_needs_the_current_one_and_signs_out_the_other_sessions() {
    let app = app().await;
    let mut here = as_role(&app, Some(Role::Viewer)).await;
    let mut there = as_role(&app, Some(Role::Viewer)).await;
    let before = account(&app, "viewer").await.password_hash;

    let wrong = here
        .post(
            "/account/password",
            &[
                ("current_password", "not my password"),
                ("new_password", NEW_PASSWORD),
                ("new_password_again", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        wrong.texts("#e-current_password"),
        ["is not your current password"]
    );
    assert_eq!(account(&app, "viewer").await.password_hash, before);
    assert!(is_signed_in(&mut there).await, "nothing changed");

    for (new, again, says) in [
        ("short", "short", "at least 10"),
        (NEW_PASSWORD, "a brand new passphrasE", "the same way twice"),
    ] {
        let refused = here
            .post(
                "/account/password",
                &[
                    ("current_password", harness::PASSWORD),
                    ("new_password", new),
                    ("new_password_again", again),
                ],
            )
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.texts("#e-new_password")[0].contains(says));
        assert!(refused.texts("#e-current_password").is_empty());
        assert_eq!(account(&app, "viewer").await.password_hash, before);
    }

    let done = here
        .post(
            "/account/password",
            &[
                ("current_password", harness::PASSWORD),
                ("new_password", NEW_PASSWORD),
                ("new_password_again", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(done.location(), "/account?done=password-changed");
    assert!(is_signed_in(&mut here).await, "this session stays");
    assert!(!is_signed_in(&mut there).await, "the other one ends");
    let mut fresh = Client::new(&app);
    assert_eq!(
        sign_in(&mut fresh, "viewer", harness::PASSWORD)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        sign_in(&mut fresh, "viewer", NEW_PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
    let audit = audit_text(&app).await;
    assert!(audit.contains("password changed"));
    assert!(!audit.contains(NEW_PASSWORD) && !audit.contains(harness::PASSWORD));
}

#[tokio::test]
async fn signing_out_everywhere_ends_every_session_including_this_one() {
    let app = app().await;
    let mut here = as_role(&app, Some(Role::Reviewer)).await;
    let mut there = as_role(&app, Some(Role::Reviewer)).await;
    let mut other = as_role(&app, Some(Role::Editor)).await;
    let cookie = here.cookies["__Host-pw_session"].clone();
    let done = here.post("/account/sessions/end", &[]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(done.location(), "/login?done=signed-out-everywhere");
    assert!(
        !here.cookies.contains_key("__Host-pw_session"),
        "cookie cleared"
    );
    let page = here.get(&done.location()).await;
    assert_eq!(page.texts("p.flash"), ["You are signed out everywhere."]);
    // The old cookie, kept by a thief, no longer works.
    here.cookies.insert("pw_session".into(), cookie);
    assert!(!is_signed_in(&mut here).await);
    assert!(!is_signed_in(&mut there).await);
    assert!(
        is_signed_in(&mut other).await,
        "other accounts are untouched"
    );
    assert!(audit_text(&app).await.contains("signed out everywhere"));
}

/// Issues a reset code on the users page, as the administrator would.
async fn reset_code(app: &App, name: &str) -> String {
    let target = account(app, name).await;
    let mut admin = as_role(app, Some(Role::Admin)).await;
    let issued = admin
        .post(&format!("/admin/users/{}/reset", target.id), &[])
        .await;
    // Post/redirect/get: the code is shown on the page redirected to.
    assert_eq!(issued.status, StatusCode::SEE_OTHER, "{}", issued.body);
    let issued = admin.follow(&issued).await;
    assert_eq!(issued.status, StatusCode::OK, "{}", issued.body);
    let code = issued.attr("input#reset-code", "value").unwrap();
    let page = admin.get("/admin/users").await;
    assert!(!page.body.contains(&code), "shown once");
    code
}

async fn redeem(client: &mut Client<'_>, username: &str, code: &str) -> harness::Reply {
    client
        .post(
            "/reset",
            &[
                ("username", username),
                ("code", code),
                ("new_password", NEW_PASSWORD),
                ("new_password_again", NEW_PASSWORD),
            ],
        )
        .await
}

#[tokio::test]
async fn a_reset_code_sets_a_new_password_once_and_ends_every_session() {
    let app = app().await;
    let mut session = as_role(&app, Some(Role::Viewer)).await;
    let code = reset_code(&app, "viewer").await;
    assert_eq!(code.len(), 29, "{code}");
    let stored = serde_json::to_string(&app.state.store.dump().await.unwrap()).unwrap();
    assert!(!stored.contains(&code) && !stored.contains(&code.replace('-', "")));

    let mut anon = Client::new(&app);
    assert_eq!(anon.get("/reset").await.status, StatusCode::OK);
    let malformed = redeem(&mut anon, "viewer", "not-a-code").await;
    assert_eq!(malformed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!malformed.texts("#e-code").is_empty());
    // A wrong code and an unknown account get the same answer.
    let wrong_code = code.replace(&code[..4], "aaaa");
    let wrong = redeem(&mut anon, "viewer", &wrong_code).await;
    let nobody = redeem(&mut anon, "nobody", &code).await;
    let editor = redeem(&mut anon, "editor", &code).await;
    for reply in [&wrong, &nobody, &editor] {
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
        assert_eq!(reply.texts("#reset-error"), wrong.texts("#reset-error"));
    }
    assert!(is_signed_in(&mut session).await, "nothing changed yet");

    // Typed in capitals with spaces, it works.
    let typed = code.to_uppercase().replace('-', " ");
    let done = redeem(&mut anon, "viewer", &typed).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(done.location(), "/login?done=password-reset");
    assert!(!is_signed_in(&mut session).await, "every session ends");
    assert_eq!(
        sign_in(&mut Client::new(&app), "viewer", NEW_PASSWORD)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    // Once only.
    let again = redeem(&mut anon, "viewer", &code).await;
    assert_eq!(again.status, StatusCode::UNAUTHORIZED);
    let audit = audit_text(&app).await;
    assert!(audit.contains("Password reset code issued"));
    assert!(audit.contains("one-time code"));
    assert!(!audit.contains(NEW_PASSWORD));
}

#[tokio::test]
async fn an_expired_reset_code_is_refused_and_changes_nothing() {
    let app = app().await;
    let viewer = account(&app, "viewer").await;
    let mut context = service::context("admin", Some("test")).unwrap();
    context.at -= Duration::hours(25);
    let (_, code) =
        service::accounts::issue_reset_code(app.state.store.as_ref(), &context, &viewer)
            .await
            .unwrap();
    let mut anon = Client::new(&app);
    let refused = redeem(&mut anon, "viewer", code.expose()).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert!(refused.texts("#reset-error")[0].contains("expired"));
    assert_eq!(
        account(&app, "viewer").await.password_hash,
        viewer.password_hash
    );
}

#[tokio::test]
async fn the_reset_page_hashes_through_the_sign_in_gate_and_is_throttled() {
    let app = app().await;
    let code = reset_code(&app, "viewer").await;
    let mut state = app.state.clone();
    state.hashing = Arc::new(pledgewatch_web::signin::HashGate::new(1, 0));
    let gated = App::from_state(state, tempfile::tempdir().unwrap());
    let held = gated.state.hashing.admit().unwrap();
    let mut anon = Client::new(&gated);
    let busy = redeem(&mut anon, "viewer", &code).await;
    assert_eq!(busy.status, StatusCode::SERVICE_UNAVAILABLE);
    drop(held);

    // Five wrong codes, then the sixth attempt must wait, even with the
    // right code.
    let wrong = code.replace(&code[..4], "aaaa");
    for _ in 0..5 {
        let reply = redeem(&mut anon, "viewer", &wrong).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    }
    let waits = redeem(&mut anon, "viewer", &code).await;
    assert_eq!(waits.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        account(&app, "viewer").await.password_hash,
        account(&app, "editor").await.password_hash,
        "the password is still the one every test account shares"
    );
}

#[tokio::test]
async fn tokens_expire_and_the_account_page_lists_when() {
    let app = app().await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let made = editor
        .post("/account/tokens", &[("name", "monthly"), ("expires", "30")])
        .await;
    let made = editor.follow(&made).await;
    assert_eq!(made.status, StatusCode::OK);
    // The day as the reader writes it ("5 January 2027 21:42 UTC").
    let in_30_days = pledgewatch_core::wording::day(
        pledgewatch_core::lang::Lang::En,
        (chrono::Utc::now() + Duration::days(30)).date_naive(),
    );
    assert!(
        made.texts("td")[3].starts_with(&in_30_days),
        "{:?}",
        made.texts("td")
    );
    let dated = editor
        .post(
            "/account/tokens",
            &[
                ("name", "dated"),
                ("expires", "90"),
                ("expires_on", "2099-01-01"),
            ],
        )
        .await;
    assert_eq!(dated.status, StatusCode::UNPROCESSABLE_ENTITY, "too far");
    assert!(!dated.texts("#token-expires-error").is_empty());
    let past = editor
        .post(
            "/account/tokens",
            &[("name", "dated"), ("expires_on", "2001-01-01")],
        )
        .await;
    assert_eq!(past.status, StatusCode::UNPROCESSABLE_ENTITY);
    let owner = account(&app, "editor").await;
    assert_eq!(
        app.state
            .store
            .list_api_tokens(Some(owner.id))
            .await
            .unwrap()
            .len(),
        1,
        "refused forms made no token"
    );

    // A token past its expiry is refused like a revoked one.
    let mut context = service::context("editor", Some("test")).unwrap();
    context.at -= Duration::days(91);
    let expires_at = context.at + Duration::days(90);
    let (_, secret) = service::accounts::issue_api_token(
        app.state.store.as_ref(),
        &context,
        &owner,
        "old",
        expires_at,
    )
    .await
    .unwrap();
    let refused = get(&app, "/api/v1/dossiers", Some(secret.expose())).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    let message = refused.json.to_string();
    assert!(message.contains("expired"), "{message}");
    let page = editor.get("/account").await;
    assert!(page.texts("td").contains(&"Expired".to_owned()));
}
