//! Typed path parameters: a parameter that does not parse as the route's
//! type (an id, a digest, a kind with records) names nothing, so the page
//! answers 404 like for an unknown id, and the API a JSON 404.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use pledgewatch_core::accounts::{Accounts, Role};
use tower::ServiceExt;

use crate::SLUG;
use crate::harness::{app, as_role};

#[tokio::test]
async fn a_malformed_path_parameter_is_not_found() {
    let app = app().await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    for path in [
        "/drafting/not-an-id",
        "/files/not-a-digest",
        "/files/ABCDEF",
        "/records/nonsense",
        "/records/nonsense/new",
        "/records/actor/not-a-uuid",
        "/records/actor/not-a-uuid/edit",
        "/records/user/00000000-0000-0000-0000-000000000000",
        "/dossiers/Not_A_Slug/feed.atom",
        "/dossiers/Not_A_Slug/commitments/x/feed.atom",
        "/dossiers/Not_A_Slug/export.csv",
        "/dossiers/Not_A_Slug/export.json",
        "/dossiers/Not_A_Slug/memo",
        "/dossiers/Not_A_Slug/letters",
        "/dossiers/Not_A_Slug",
        "/dossiers/Not_A_Slug/commitments/x",
        "/records/nonsense/export.csv",
        "/records/nonsense/export.json",
    ] {
        let reply = editor.get(path).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(reply.texts("h1"), vec!["Not found".to_owned()], "{path}");
    }
    for unknown in [
        format!("/drafting/{}", uuid::Uuid::nil()),
        format!("/dossiers/{SLUG}/commitments/not-a-uuid"),
        format!("/dossiers/{SLUG}/commitments/not-a-uuid/feed.atom"),
        format!("/dossiers/{SLUG}/commitments/{}", uuid::Uuid::nil()),
    ] {
        assert_eq!(
            editor.get(&unknown).await.status,
            StatusCode::NOT_FOUND,
            "{unknown}"
        );
    }
    for path in [
        "/drafting/candidates/nope/reject",
        "/account/tokens/nope/revoke",
        "/records/actor/nope/delete",
        "/records/nonsense/00000000-0000-0000-0000-000000000000/edit",
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

#[tokio::test]
async fn a_malformed_api_path_parameter_is_a_json_not_found() {
    let app = app().await;
    let context = pledgewatch_core::service::context("tester", Some("test")).unwrap();
    let admin = app
        .state
        .store
        .user_by_name("admin")
        .await
        .unwrap()
        .unwrap();
    let (_, token) = pledgewatch_core::service::accounts::issue_api_token(
        &*app.state.store,
        &context,
        &admin,
        "t",
        context.at + chrono::Duration::days(90),
    )
    .await
    .unwrap();
    let token = token.into_exposed();
    let nil = uuid::Uuid::nil();
    for (method, path) in [
        ("GET", "/api/v1/records/actor/not-a-uuid/history".to_owned()),
        ("GET", format!("/api/v1/records/nonsense/{nil}/history")),
        ("PUT", "/api/v1/records/actor/not-a-uuid".to_owned()),
        ("DELETE", format!("/api/v1/records/nonsense/{nil}?reason=x")),
        (
            "POST",
            "/api/v1/records/actor/not-a-uuid/publish".to_owned(),
        ),
        ("POST", format!("/api/v1/records/user/{nil}/unpublish")),
        ("POST", "/api/v1/candidates/nope/accept".to_owned()),
        ("POST", "/api/v1/candidates/nope/reject".to_owned()),
        ("GET", "/api/v1/dossiers/Not_A_Slug".to_owned()),
        (
            "GET",
            "/api/v1/dossiers/Not_A_Slug/commitments/x".to_owned(),
        ),
        (
            "GET",
            format!("/api/v1/dossiers/{SLUG}/commitments/not-a-uuid"),
        ),
        ("GET", format!("/api/v1/dossiers/{SLUG}/commitments/{nil}")),
        ("GET", "/api/v1/records/nonsense".to_owned()),
        ("POST", "/api/v1/records/nonsense".to_owned()),
    ] {
        let request = Request::builder()
            .method(method)
            .uri(&path)
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from("{}"))
            .unwrap();
        let response = app.router.clone().oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{method} {path}");
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(json["error"]["code"], "not_found", "{method} {path}");
    }
}

#[tokio::test]
async fn a_path_two_api_routes_share_answers_other_methods_in_json_naming_both() {
    // GET and POST /api/v1/records/{kind} come from two handlers, merged
    // into one method router: its 405 must be JSON and allow both.
    let app = app().await;
    let request = Request::builder()
        .method("PATCH")
        .uri("/api/v1/records/actor")
        .body(Body::empty())
        .unwrap();
    let response = app.router.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    let allow = response.headers()[header::ALLOW]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(allow.contains("GET") && allow.contains("POST"), "{allow}");
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(json["error"]["code"], "bad_request");
}
