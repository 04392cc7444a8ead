//! The account page's API tokens (`pages::tokens`): made there, shown
//! once, usable on the API with the owner's role, and revoked there.

use axum::http::StatusCode;
use pledgewatch_core::accounts::{Accounts, Role};
use pledgewatch_core::service::accounts::token_hash;

use crate::api::{get, send};
use crate::harness::app;

#[tokio::test]
async fn tokens_are_made_on_the_account_page_shown_once_and_revoked_there() {
    let app = app().await;
    let mut editor = crate::harness::as_role(&app, Some(Role::Editor)).await;
    let made = editor
        .post("/account/tokens", &[("name", "Nightly <b>export</b>")])
        .await;
    // Post/redirect/get: the answer is a redirect to the account page,
    // which shows the secret once.
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    assert!(made.location().starts_with("/account"));
    assert!(
        !made.body.contains("pw_"),
        "no secret in the redirect's body"
    );
    let made = editor.follow(&made).await;
    assert_eq!(made.status, StatusCode::OK);
    let secret = made.attr("input#new-token", "value").unwrap();
    // Reloading shows it no more and makes no second token.
    let reloaded = editor.get("/account").await;
    assert_eq!(reloaded.status, StatusCode::OK);
    assert!(!reloaded.body.contains(&secret));
    assert_eq!(reloaded.count("input#new-token"), 0);
    assert_eq!(
        reloaded
            .texts("td")
            .iter()
            .filter(|t| t.contains("Nightly"))
            .count(),
        1
    );
    assert!(secret.starts_with("pw_"), "{secret}");
    assert_eq!(
        made.texts("td")[0],
        "Nightly <b>export</b>",
        "the name is escaped"
    );
    assert!(!made.body.contains("<b>export"), "no markup from the name");

    // The secret works on the API, with the editor's role.
    let reply = get(&app, "/api/v1/records/actor?limit=1", Some(&secret)).await;
    assert_eq!(reply.status, StatusCode::OK);
    let reply = send(
        &app,
        "POST",
        "/api/v1/records/actor/00000000-0000-0000-0000-000000000000/publish",
        Some(&secret),
        None,
        vec![],
    )
    .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);

    // It is shown once: the page lists the token, never its secret again.
    let page = editor.get("/account").await;
    assert!(
        page.texts("td")
            .contains(&"Nightly <b>export</b>".to_owned())
    );
    assert!(!page.body.contains(&secret));
    let stored = app.state.store.list_api_tokens(None).await.unwrap();
    assert!(
        stored
            .iter()
            .all(|t| t.token_hash != secret && !t.token_hash.contains("pw_"))
    );
    // Kept under the one hash the API's token check looks it up by.
    assert!(stored.iter().any(|t| t.token_hash == token_hash(&secret)));

    // A name is required.
    let refused = editor.post("/account/tokens", &[("name", "  ")]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!refused.texts("p.error").is_empty());

    // Another user cannot revoke it; its owner can.
    let form = page.attr("form[action$='/revoke']", "action").unwrap();
    let mut viewer = crate::harness::as_role(&app, Some(Role::Viewer)).await;
    assert_eq!(viewer.post(&form, &[]).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        get(&app, "/api/v1/dossiers", Some(&secret)).await.status,
        StatusCode::OK
    );
    let revoked = editor.post(&form, &[]).await;
    assert_eq!(revoked.status, StatusCode::SEE_OTHER);
    assert_eq!(
        get(&app, "/api/v1/dossiers", Some(&secret)).await.status,
        StatusCode::UNAUTHORIZED
    );
    let page = editor.get("/account?done=token-revoked").await;
    assert!(page.body.contains("Revoked "));
    assert_eq!(page.count("form[action$='/revoke']"), 0);
}

#[tokio::test]
async fn a_new_tokens_cookie_shows_only_a_secret_of_the_users_own_token() {
    let app = app().await;
    let mut editor = crate::harness::as_role(&app, Some(Role::Editor)).await;
    let made = editor.post("/account/tokens", &[("name", "mine")]).await;
    let cookie = editor
        .cookies
        .get("__Host-pw_new_token")
        .cloned()
        .expect("the one-time cookie");
    let (id, secret) = cookie.split_once('.').unwrap();
    // Another user handed the same cookie sees no secret.
    let mut viewer = crate::harness::as_role(&app, Some(Role::Viewer)).await;
    viewer
        .cookies
        .insert("__Host-pw_new_token".into(), cookie.clone());
    let page = viewer.get("/account").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains(secret));
    assert!(
        !viewer.cookies.contains_key("__Host-pw_new_token"),
        "and it is cleared"
    );
    // A made-up secret for the editor's own token is not shown either.
    editor.cookies.insert(
        "__Host-pw_new_token".into(),
        format!("{id}.pw_madeup<script>"),
    );
    let page = editor.get("/account").await;
    assert_eq!(page.count("input#new-token"), 0);
    assert!(!page.body.contains("pw_madeup"));
    drop(made);
}
