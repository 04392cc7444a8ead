//! Typed path parameters: a parameter that does not parse as the route's
//! type (an id, a digest) names nothing, so the page answers 404 like for an
//! unknown id, for every role that may use the route.

use axum::http::StatusCode;
use pledgewatch_core::accounts::Role;

use crate::harness::{app, as_role};

#[tokio::test]
async fn a_malformed_path_parameter_is_not_found() {
    let app = app().await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    for path in [
        "/drafting/not-an-id",
        "/files/not-a-digest",
        "/files/ABCDEF",
    ] {
        let reply = editor.get(path).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(reply.texts("h1"), vec!["Not found".to_owned()], "{path}");
    }
    let unknown = format!("/drafting/{}", uuid::Uuid::nil());
    assert_eq!(editor.get(&unknown).await.status, StatusCode::NOT_FOUND);
    for path in [
        "/drafting/candidates/nope/reject",
        "/account/tokens/nope/revoke",
    ] {
        let reply = editor
            .post(path, &[("reason", "x"), ("version", "1")])
            .await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
    }
    let mut admin = as_role(&app, Some(Role::Admin)).await;
    let reply = admin
        .post("/admin/users/nope/role", &[("role", "viewer")])
        .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
}
