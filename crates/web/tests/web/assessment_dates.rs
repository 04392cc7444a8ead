//! The rule "an assessment is not dated before its commitment was made",
//! through the web form and the JSON API (both accepted such an assessment
//! before the rule moved into the services), and approval of an assessment
//! through both, which now share one use case.

use std::collections::HashMap;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use pledgewatch_core::accounts::{Accounts, Role};
use pledgewatch_core::model::EntityKind;
use pledgewatch_core::storage::Storage;
use serde_json::{Value, json};
use tower::ServiceExt;

use crate::harness::{App, app, as_role};
use crate::{an_assessment, first_commitment};

async fn assessment_count(app: &App) -> usize {
    app.state
        .store
        .list(EntityKind::Assessment, 10_000, 0)
        .await
        .unwrap()
        .len()
}

/// An API token of the account of `role`.
pub(crate) async fn token(app: &App, role: Role) -> String {
    let context = pledgewatch_core::service::context("tester", Some("test token")).unwrap();
    let user = app
        .state
        .store
        .user_by_name(role.as_str())
        .await
        .unwrap()
        .unwrap();
    let (_, secret) = pledgewatch_core::service::accounts::issue_api_token(
        &*app.state.store,
        &context,
        &user,
        "tests",
        context.at + chrono::Duration::days(90),
    )
    .await
    .unwrap();
    secret.into_exposed()
}

pub(crate) async fn send_json(
    app: &App,
    method: &str,
    path: &str,
    token: &str,
    body: Option<&Value>,
) -> (StatusCode, Value) {
    let request = Request::builder()
        .method(method)
        .uri(path)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(
            body.map(|b| serde_json::to_vec(b).unwrap())
                .unwrap_or_default(),
        ))
        .unwrap();
    let response = app.router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

#[tokio::test]
async fn the_form_refuses_an_assessment_dated_before_its_commitment_was_made() {
    let app = app().await;
    let commitment = first_commitment(&app).await;
    let before = assessment_count(&app).await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let fields = |as_of: &'static str| {
        [
            ("commitment", commitment.clone()),
            ("as_of", as_of.to_owned()),
            ("scale", "default".to_owned()),
            ("status", "fulfilled".to_owned()),
            ("rationale", "The law now meets the pledge.".to_owned()),
        ]
    };
    let early = fields("1990-01-01");
    let pairs: Vec<(&str, &str)> = early.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let reply = editor.post("/records/assessment/new", &pairs).await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.body
    );
    assert!(
        reply
            .body
            .contains("1990-01-01 is before the commitment was made (2007-11-29)"),
        "{}",
        reply.body
    );
    assert_eq!(assessment_count(&app).await, before);
    // The day the commitment was made is allowed.
    let same_day = fields("2007-11-29");
    let pairs: Vec<(&str, &str)> = same_day.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let reply = editor.post("/records/assessment/new", &pairs).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    assert_eq!(assessment_count(&app).await, before + 1);
}

#[tokio::test]
async fn the_api_refuses_an_assessment_dated_before_its_commitment_was_made() {
    let app = app().await;
    let editor = token(&app, Role::Editor).await;
    let existing = an_assessment(&app).await;
    let (status, record) = send_json(
        &app,
        "GET",
        &format!("/api/v1/records/assessment/{existing}"),
        &editor,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{record}");
    let mut entity = record["entity"].clone();
    entity["data"]["id"] = json!(uuid::Uuid::now_v7());
    entity["data"]["as_of"] = json!("1990-01-01");
    let before = assessment_count(&app).await;
    let body = json!({"entity": entity, "reason": "An early rating"});
    let (status, reply) = send_json(
        &app,
        "POST",
        "/api/v1/records/assessment",
        &editor,
        Some(&body),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{reply}");
    let fields = reply["error"]["fields"].as_array().unwrap();
    assert_eq!(fields.len(), 1, "{reply}");
    assert_eq!(fields[0]["field"], "entity.data.as_of", "{reply}");
    assert!(
        fields[0]["reason"]
            .as_str()
            .unwrap()
            .contains("is before the commitment was made"),
        "{reply}"
    );
    assert_eq!(assessment_count(&app).await, before);
    // Moving a stored assessment before its commitment is refused too.
    let mut moved = record["entity"].clone();
    moved["data"]["as_of"] = json!("1990-01-01");
    let body = json!({"expected_version": record["version"], "entity": moved});
    let path = format!("/api/v1/records/assessment/{existing}");
    let (status, reply) = send_json(&app, "PUT", &path, &editor, Some(&body)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{reply}");
}

/// The published ids among `ids`.
async fn published(app: &App, ids: &[uuid::Uuid]) -> HashMap<uuid::Uuid, ()> {
    let found = app.state.store.published(ids).await.unwrap();
    found.into_keys().map(|id| (id, ())).collect()
}

#[tokio::test]
async fn approving_through_the_api_records_the_reviewer_and_publishes_what_it_rests_on() {
    let app = app().await;
    let editor = token(&app, Role::Editor).await;
    let reviewer = token(&app, Role::Reviewer).await;
    let existing = an_assessment(&app).await;
    let path = format!("/api/v1/records/assessment/{existing}");
    let (_, record) = send_json(&app, "GET", &path, &editor, None).await;
    // A new draft assessment resting on a new draft development.
    let commitment = record["entity"]["data"]["commitment"].clone();
    let sources = app
        .state
        .store
        .list(EntityKind::Source, 1, 0)
        .await
        .unwrap();
    let source = sources[0].entity.id();
    let development = uuid::Uuid::now_v7();
    let body = json!({"entity": {"kind": "development", "data": {
        "id": development, "date": "2030-03-01", "title": "A new media law",
        "summary": "Registration gives way to notification.", "baseline": false,
        "note": null, "sources": [source],
        "effects": [], "quotes": []
    }}});
    let (status, reply) = send_json(
        &app,
        "POST",
        "/api/v1/records/development",
        &editor,
        Some(&body),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{reply}");
    let mut entity = record["entity"].clone();
    let id = uuid::Uuid::now_v7();
    entity["data"]["id"] = json!(id);
    entity["data"]["as_of"] = json!("2030-03-02");
    entity["data"]["commitment"] = commitment;
    entity["data"]["developments"] = json!([development]);
    let body = json!({"entity": entity});
    let (status, reply) = send_json(
        &app,
        "POST",
        "/api/v1/records/assessment",
        &editor,
        Some(&body),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{reply}");
    assert!(published(&app, &[id, development]).await.is_empty());

    let approve = format!("/api/v1/assessments/{id}/approve");
    let stale = json!({"expected_version": 0});
    let (status, _) = send_json(&app, "POST", &approve, &reviewer, Some(&stale)).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(published(&app, &[id, development]).await.is_empty());
    // It rests on a draft development: approving it alone is refused,
    // naming what it needs; approving it with its references publishes both.
    let current = json!({"expected_version": reply["version"]});
    let (status, refused) = send_json(&app, "POST", &approve, &reviewer, Some(&current)).await;
    assert_eq!(status, StatusCode::CONFLICT, "{refused}");
    assert!(refused.to_string().contains("A new media law"), "{refused}");
    assert!(published(&app, &[id, development]).await.is_empty());
    let with = json!({"expected_version": current["expected_version"], "with_references": true});
    let (status, reply) = send_json(&app, "POST", &approve, &reviewer, Some(&with)).await;
    assert_eq!(status, StatusCode::OK, "{reply}");
    assert_eq!(reply["entity"]["data"]["reviewed_by"], "reviewer");
    assert_eq!(published(&app, &[id, development]).await.len(), 2);
}

#[tokio::test]
async fn moving_a_commitment_after_an_assessment_that_rates_it_is_refused() {
    let app = app().await;
    let editor = token(&app, Role::Editor).await;
    let existing = an_assessment(&app).await;
    let (_, assessment) = send_json(
        &app,
        "GET",
        &format!("/api/v1/records/assessment/{existing}"),
        &editor,
        None,
    )
    .await;
    let as_of = assessment["entity"]["data"]["as_of"]
        .as_str()
        .unwrap()
        .to_owned();
    let commitment = assessment["entity"]["data"]["commitment"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/api/v1/records/commitment/{commitment}");
    let (status, record) = send_json(&app, "GET", &path, &editor, None).await;
    assert_eq!(status, StatusCode::OK, "{record}");
    let mut moved = record["entity"].clone();
    moved["data"]["made_on"] = json!("2030-01-01");
    let body = json!({"expected_version": record["version"], "entity": moved});
    let (status, reply) = send_json(&app, "PUT", &path, &editor, Some(&body)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{reply}");
    // (The deadline rule may object too; the rating rule must name made_on.)
    let fields = reply["error"]["fields"].as_array().unwrap();
    let made_on = fields
        .iter()
        .find(|f| f["field"] == "entity.data.made_on")
        .unwrap_or_else(|| panic!("no error on made_on: {reply}"));
    let reason = made_on["reason"].as_str().unwrap();
    // It names the earliest assessment of the commitment: not after this one.
    let named = reason
        .split("is after the assessment of ")
        .nth(1)
        .and_then(|rest| rest.get(..10))
        .unwrap_or_else(|| panic!("{reply}"));
    assert!(named <= as_of.as_str(), "{named} > {as_of}: {reply}");
    // Nothing was written: the commitment keeps its date and version.
    let (_, after) = send_json(&app, "GET", &path, &editor, None).await;
    assert_eq!(after["version"], record["version"]);
    assert_eq!(
        after["entity"]["data"]["made_on"],
        record["entity"]["data"]["made_on"]
    );
    // A date that keeps every assessment after it is still accepted.
    let mut earlier = record["entity"].clone();
    earlier["data"]["made_on"] = json!("2007-11-01");
    let body = json!({"expected_version": record["version"], "entity": earlier});
    let (status, reply) = send_json(&app, "PUT", &path, &editor, Some(&body)).await;
    assert_eq!(status, StatusCode::OK, "{reply}");
}
