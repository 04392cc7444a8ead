//! Observability seen from outside: every response carries a request id, an
//! id the client sends is kept, and an internal error's HTML page and JSON
//! body show the same id as their response's `x-request-id` header, so a
//! reported reference finds the failure in the server's log.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use scraper::{Html, Selector};
use tower::ServiceExt;

use crate::harness::{App, app};

/// Sends a GET, optionally with a request id; gives status, the response's
/// request id and the body.
async fn get(app: &App, path: &str, request_id: Option<&str>) -> (StatusCode, String, String) {
    let mut request = Request::get(path);
    if let Some(id) = request_id {
        request = request.header("x-request-id", id);
    }
    let response = app
        .router
        .clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let id = response
        .headers()
        .get("x-request-id")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, id, String::from_utf8_lossy(&bytes).into_owned())
}

#[tokio::test]
async fn every_response_carries_a_request_id_and_a_sent_one_is_kept() {
    let app = app().await;
    let mut seen = Vec::new();
    for path in ["/", "/no-such-page", "/api/v1/dossiers", "/api/v1/nothing"] {
        let (_, id, _) = get(&app, path, None).await;
        assert!(uuid::Uuid::parse_str(&id).is_ok(), "{path}: '{id}'");
        seen.push(id);
    }
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), 4, "each request has its own id");
    let (status, id, _) = get(&app, "/", Some("client-chosen-17")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(id, "client-chosen-17");
}

#[tokio::test]
async fn an_internal_error_shows_the_request_id_as_its_reference() {
    let app = app().await;
    // With its database gone, every page fails inside the server.
    app.state.store.close().await;

    let (status, id, body) = get(&app, "/", None).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR, "{body}");
    assert!(!id.is_empty());
    let page = Html::parse_document(&body);
    let reference: Vec<String> = page
        .select(&Selector::parse("#reference").unwrap())
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(reference, vec![id.clone()]);
    assert!(
        !body.to_lowercase().contains("pool"),
        "no internal detail: {body}"
    );

    let (status, id, body) = get(&app, "/api/v1/dossiers", Some("report-me-42")).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR, "{body}");
    assert_eq!(id, "report-me-42");
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["error"]["code"], "internal");
    assert_eq!(json["error"]["reference"], "report-me-42");
    assert!(
        json["error"]["message"]
            .as_str()
            .unwrap()
            .contains("report-me-42"),
        "{body}"
    );
}
