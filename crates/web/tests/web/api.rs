//! The JSON API through the router, in process: the authorisation matrix of
//! every API route for every role and for a revoked token, publication
//! rules, pagination, filters, JSON errors naming the field at fault,
//! version conflicts, the audit entry of a change, and the shape of the
//! OpenAPI document.

use std::collections::HashMap;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use pledgewatch_core::accounts::{Accounts, Role};
use pledgewatch_core::model::EntityKind;
use pledgewatch_core::storage::Storage;
use pledgewatch_web::Access;
use pledgewatch_web::api::API_ROUTES;
use serde_json::{Value, json};
use tower::ServiceExt;

use crate::harness::{App, app};
use crate::{SLUG, an_assessment, first_commitment};

/// One API token per role, plus a revoked one.
struct Tokens {
    by_role: HashMap<Role, String>,
    revoked: String,
}

async fn tokens(app: &App) -> Tokens {
    let context = pledgewatch_core::service::context("tester", Some("test tokens")).unwrap();
    let mut by_role = HashMap::new();
    for role in Role::ALL {
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
        by_role.insert(role, secret.into_exposed());
    }
    let admin = app
        .state
        .store
        .user_by_name("admin")
        .await
        .unwrap()
        .unwrap();
    let (token, revoked) = pledgewatch_core::service::accounts::issue_api_token(
        &*app.state.store,
        &context,
        &admin,
        "old",
        context.at + chrono::Duration::days(90),
    )
    .await
    .unwrap();
    app.state
        .store
        .revoke_api_token(&context, token.id)
        .await
        .unwrap();
    Tokens {
        by_role,
        revoked: revoked.into_exposed(),
    }
}

pub(crate) struct Reply {
    pub(crate) status: StatusCode,
    content_type: String,
    pub(crate) json: Value,
}

pub(crate) async fn send(
    app: &App,
    method: &str,
    path: &str,
    token: Option<&str>,
    content_type: Option<&str>,
    body: Vec<u8>,
) -> Reply {
    let mut request = Request::builder().method(method).uri(path);
    if let Some(t) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    if let Some(ct) = content_type {
        request = request.header(header::CONTENT_TYPE, ct);
    }
    let response = app
        .router
        .clone()
        .oneshot(request.body(Body::from(body)).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    Reply {
        status,
        content_type,
        json,
    }
}

pub(crate) async fn get(app: &App, path: &str, token: Option<&str>) -> Reply {
    send(app, "GET", path, token, None, vec![]).await
}

async fn send_json(
    app: &App,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: &Value,
) -> Reply {
    send(
        app,
        method,
        path,
        token,
        Some("application/json"),
        serde_json::to_vec(body).unwrap(),
    )
    .await
}

fn error_fields(reply: &Reply) -> Vec<String> {
    reply.json["error"]["fields"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| f["field"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// The expected access of every API route, decided here and compared with
/// the table, so that a new route needs a decision.
fn expected_api_access(name: &str) -> Option<Access> {
    use Access::*;
    Some(match name {
        "api_openapi" | "api_dossiers" | "api_dossier" | "api_commitment" | "api_search" => Public,
        "api_record_list" | "api_record_show" | "api_record_history" => AtLeast(Role::Viewer),
        "api_record_create" | "api_record_update" | "api_record_delete" => AtLeast(Role::Editor),
        "api_candidates" | "api_candidate_accept" | "api_candidate_reject" => AtLeast(Role::Editor),
        "api_record_publish" | "api_record_unpublish" | "api_assessment_approve" => {
            AtLeast(Role::Reviewer)
        }
        _ => return None,
    })
}

#[tokio::test]
async fn every_api_route_answers_every_role_and_a_revoked_token_as_the_table_says() {
    assert!(pledgewatch_web::api::routes_without_handlers().is_empty());
    // None: anonymous; Some(None): the revoked token; Some(Some(role)).
    let callers: [Option<Option<Role>>; 6] = [
        None,
        Some(Some(Role::Viewer)),
        Some(Some(Role::Editor)),
        Some(Some(Role::Reviewer)),
        Some(Some(Role::Admin)),
        Some(None),
    ];
    for caller in callers {
        let app = app().await;
        let tokens = tokens(&app).await;
        let commitment = first_commitment(&app).await;
        let assessment = an_assessment(&app).await;
        let token = match caller {
            None => None,
            Some(None) => Some(tokens.revoked.clone()),
            Some(Some(role)) => Some(tokens.by_role[&role].clone()),
        };
        for spec in API_ROUTES.iter() {
            let expected = expected_api_access(spec.name).unwrap_or_else(|| {
                panic!(
                    "API route '{}' has no expected access in the test",
                    spec.name
                )
            });
            assert_eq!(spec.access, expected, "API route '{}'", spec.name);
            let id = if spec.name == "api_assessment_approve" {
                assessment.clone()
            } else {
                commitment.clone()
            };
            let path = spec
                .path
                .replace("{slug}", SLUG)
                .replace("{kind}", "commitment")
                .replace("{id}", &id);
            let reply = match spec.method {
                "GET" => get(&app, &path, token.as_deref()).await,
                // An allowed write with an unusable body is answered with a
                // JSON error, never a denial.
                _ => send_json(&app, spec.method, &path, token.as_deref(), &json!({})).await,
            };
            assert!(
                reply.content_type.starts_with("application/json"),
                "{} {path}: {}",
                spec.method,
                reply.content_type
            );
            let status = reply.status;
            match caller {
                Some(None) => assert_eq!(
                    status,
                    StatusCode::UNAUTHORIZED,
                    "a revoked token must not reach {} {path}",
                    spec.method
                ),
                None if expected.role().is_some() => {
                    assert_eq!(status, StatusCode::UNAUTHORIZED, "{} {path}", spec.method);
                    assert_eq!(reply.json["error"]["code"], "unauthorized");
                }
                Some(Some(role)) if expected.role().is_some_and(|needed| role < needed) => {
                    assert_eq!(
                        status,
                        StatusCode::FORBIDDEN,
                        "{role:?} {} {path}",
                        spec.method
                    );
                    assert_eq!(reply.json["error"]["code"], "forbidden");
                }
                _ => {
                    assert!(
                        status != StatusCode::UNAUTHORIZED
                            && status != StatusCode::FORBIDDEN
                            && !status.is_server_error(),
                        "{caller:?} should reach {} {path} but got {status}: {}",
                        spec.method,
                        reply.json
                    );
                }
            }
        }
    }
}

#[tokio::test]
async fn a_malformed_or_unknown_token_is_refused_not_taken_as_anonymous() {
    let app = app().await;
    for header_value in ["Bearer nonsense", "Basic YWRtaW46eA==", "Bearer pw_"] {
        let request = Request::get("/api/v1/dossiers")
            .header(header::AUTHORIZATION, header_value)
            .body(Body::empty())
            .unwrap();
        let response = app.router.clone().oneshot(request).await.unwrap();
        assert_eq!(
            response.status(),
            StatusCode::UNAUTHORIZED,
            "{header_value}"
        );
        assert!(response.headers().contains_key(header::WWW_AUTHENTICATE));
    }
    let unknown = format!("pw_{}", "A".repeat(43));
    let reply = get(&app, "/api/v1/dossiers", Some(&unknown)).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.json["error"]["code"], "unauthorized");
}

#[tokio::test]
async fn session_cookies_do_not_authenticate_the_api() {
    let app = app().await;
    let mut browser = crate::harness::as_role(&app, Some(Role::Admin)).await;
    let session = browser.cookies["__Host-pw_session"].clone();
    let request = Request::get("/api/v1/records/actor")
        .header(header::COOKIE, format!("__Host-pw_session={session}"))
        .body(Body::empty())
        .unwrap();
    let response = app.router.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    // And the page is still reachable with the cookie.
    assert_eq!(browser.get("/records/actor").await.status, StatusCode::OK);
}

fn new_dossier(slug: &str) -> Value {
    json!({"entity": {"kind": "dossier", "data": {
        "id": uuid::Uuid::now_v7(), "slug": slug, "title": "A draft campaign", "summary": null,
        "scale": "default", "commitments": [], "concerns": [], "milestones": [],
        "recipient_lists": [], "signatories": []
    }}, "reason": "new campaign"})
}

fn new_concern(title: &str) -> Value {
    json!({"entity": {"kind": "concern", "data": {
        "id": uuid::Uuid::now_v7(), "title": title, "description": "Seen in the record.", "themes": []
    }}})
}

#[tokio::test]
async fn drafts_are_for_the_team_until_a_reviewer_publishes_them() {
    let app = app().await;
    let t = tokens(&app).await;
    let (editor, reviewer, viewer) = (
        t.by_role[&Role::Editor].as_str(),
        t.by_role[&Role::Reviewer].as_str(),
        t.by_role[&Role::Viewer].as_str(),
    );
    let created = send_json(
        &app,
        "POST",
        "/api/v1/records/dossier",
        Some(editor),
        &new_dossier("draft-campaign"),
    )
    .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.json);
    assert!(created.json["published_at"].is_null());
    let id = created.json["id"].as_str().unwrap().to_owned();
    let concern = send_json(
        &app,
        "POST",
        "/api/v1/records/concern",
        Some(editor),
        &new_concern("Quuxolotl detentions"),
    )
    .await;
    assert_eq!(concern.status, StatusCode::CREATED, "{}", concern.json);

    let slugs = |r: &Reply| -> Vec<String> {
        r.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["slug"].as_str().unwrap().to_owned())
            .collect()
    };
    let public = get(&app, "/api/v1/dossiers", None).await;
    assert_eq!(slugs(&public), [SLUG]);
    let team = get(&app, "/api/v1/dossiers", Some(viewer)).await;
    assert!(slugs(&team).contains(&"draft-campaign".to_owned()));
    assert_eq!(
        get(&app, "/api/v1/dossiers/draft-campaign", None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&app, "/api/v1/dossiers/draft-campaign", Some(viewer))
            .await
            .status,
        StatusCode::OK
    );
    let found = |r: &Reply| r.json["total"].as_u64().unwrap();
    assert_eq!(
        found(&get(&app, "/api/v1/search?q=quuxolotl", None).await),
        0
    );
    let team = get(&app, "/api/v1/search?q=quuxolotl", Some(viewer)).await;
    assert_eq!(found(&team), 1);
    // A score only for those who read every record: a viewer is kept from
    // confidential sources, an editor is not.
    assert!(team.json["items"][0]["score"].is_null(), "{}", team.json);
    let editors = get(&app, "/api/v1/search?q=quuxolotl", Some(editor)).await;
    assert!(
        editors.json["items"][0]["score"].as_f64().unwrap() > 0.0,
        "{}",
        editors.json
    );

    // An editor may not publish; a reviewer may.
    let path = format!("/api/v1/records/dossier/{id}/publish");
    let refused = send(&app, "POST", &path, Some(editor), None, vec![]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.json["error"]["code"], "forbidden");
    let published = send(&app, "POST", &path, Some(reviewer), None, vec![]).await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.json);
    assert!(published.json["published_at"].is_string());
    assert_eq!(
        get(&app, "/api/v1/dossiers/draft-campaign", None)
            .await
            .status,
        StatusCode::OK
    );
    let again = send(&app, "POST", &path, Some(reviewer), None, vec![]).await;
    assert_eq!(
        again.status,
        StatusCode::CONFLICT,
        "publishing twice: {}",
        again.json
    );

    // A viewer may not write.
    let refused = send_json(
        &app,
        "POST",
        "/api/v1/records/concern",
        Some(viewer),
        &new_concern("x"),
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn record_lists_are_paginated_with_a_next_link_that_walks_them_all() {
    let app = app().await;
    let t = tokens(&app).await;
    let viewer = t.by_role[&Role::Viewer].as_str();
    let all = app
        .state
        .store
        .list(EntityKind::Actor, 1000, 0)
        .await
        .unwrap();
    assert!(all.len() > 3, "the demo has actors");
    let mut seen = Vec::new();
    let mut next = Some("/api/v1/records/actor?limit=2".to_owned());
    while let Some(path) = next {
        let page = get(&app, &path, Some(viewer)).await;
        assert_eq!(page.status, StatusCode::OK);
        let items = page.json["items"].as_array().unwrap();
        assert!(items.len() <= 2);
        for item in items {
            assert_eq!(item["kind"], "actor");
            assert_eq!(item["entity"]["kind"], "actor");
            assert!(item["version"].as_i64().unwrap() >= 1);
            seen.push(item["id"].as_str().unwrap().to_owned());
        }
        next = page.json["next"].as_str().map(str::to_owned);
    }
    let mut expected: Vec<String> = all.iter().map(|s| s.entity.id().to_string()).collect();
    assert_eq!(seen.len(), expected.len(), "no record twice, none left out");
    seen.sort();
    expected.sort();
    assert_eq!(seen, expected);

    for (query, field) in [
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("limit=abc", "limit"),
        ("offset=-1", "offset"),
    ] {
        let reply = get(
            &app,
            &format!("/api/v1/records/actor?{query}"),
            Some(viewer),
        )
        .await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(reply.json["error"]["code"], "bad_request");
        assert_eq!(error_fields(&reply), [field], "{query}: {}", reply.json);
    }
    assert_eq!(
        get(&app, "/api/v1/records/nonsense", Some(viewer))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&app, "/api/v1/records/actor/not-a-uuid", Some(viewer))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_scorecard_and_search_take_the_same_filters_as_the_pages() {
    let app = app().await;
    let all = get(
        &app,
        &format!("/api/v1/dossiers/{SLUG}?as_of=2009-03-01"),
        None,
    )
    .await;
    assert_eq!(all.status, StatusCode::OK);
    assert_eq!(all.json["as_of"], "2009-03-01");
    let commitments = all.json["commitments"].as_array().unwrap();
    assert!(commitments.len() > 1);
    let status = commitments[0]["status"].as_str().unwrap().to_owned();
    let expected = commitments
        .iter()
        .filter(|c| c["status"] == status.as_str())
        .count();
    let filtered = get(
        &app,
        &format!("/api/v1/dossiers/{SLUG}?as_of=2009-03-01&status={status}"),
        None,
    )
    .await;
    let kept = filtered.json["commitments"].as_array().unwrap();
    assert_eq!(kept.len(), expected);
    assert!(kept.iter().all(|c| c["status"] == status.as_str()));

    let id = commitments[0]["id"].as_str().unwrap();
    let one = get(
        &app,
        &format!("/api/v1/dossiers/{SLUG}/commitments/{id}?as_of=2009-03-01"),
        None,
    )
    .await;
    assert_eq!(one.status, StatusCode::OK);
    assert_eq!(one.json["id"], id);
    assert!(one.json["history"].is_array());
    assert!(one.json["developments"].is_array());

    let bad = get(
        &app,
        &format!("/api/v1/dossiers/{SLUG}?as_of=31-05-2008"),
        None,
    )
    .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_eq!(error_fields(&bad), ["as_of"]);
    let bad = get(&app, &format!("/api/v1/dossiers/{SLUG}?deadline_to="), None).await;
    assert_eq!(error_fields(&bad), ["deadline_to"]);

    let everything = get(&app, "/api/v1/search?q=law&limit=100", None).await;
    assert_eq!(everything.status, StatusCode::OK);
    // The public is led to each result's public page, whatever its kind.
    let items = everything.json["items"].as_array().unwrap();
    let linked: Vec<&str> = items
        .iter()
        .filter(|h| h["kind"] != "commitment")
        .filter_map(|h| h["url"].as_str())
        .collect();
    assert!(!linked.is_empty(), "{}", everything.json);
    assert!(
        linked
            .iter()
            .all(|u| u.starts_with('/') && !u.starts_with("/records/") && !u.starts_with("/api/")),
        "{linked:?}"
    );
    // The public is given no score: it is reckoned over drafts and
    // confidential sources too.
    assert!(
        everything.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["score"].is_null()),
        "{}",
        everything.json
    );
    let pledges = get(&app, "/api/v1/search?q=law&origin=pledge&limit=100", None).await;
    let items = pledges.json["items"].as_array().unwrap();
    assert!(!items.is_empty());
    assert!(
        items.iter().all(|h| h["kind"] == "commitment"),
        "the commitment filters keep commitments"
    );
    assert!(pledges.json["total"].as_u64() < everything.json["total"].as_u64());
    let first = get(&app, "/api/v1/search?q=law&limit=1", None).await;
    assert_eq!(first.json["items"].as_array().unwrap().len(), 1);
    let next = first.json["next"].as_str().unwrap();
    let second = get(&app, next, None).await;
    assert_eq!(second.json["offset"], 1);
    assert_ne!(first.json["items"][0]["id"], second.json["items"][0]["id"]);
    let missing_q = get(&app, "/api/v1/search", None).await;
    assert_eq!(missing_q.status, StatusCode::BAD_REQUEST);
    assert_eq!(error_fields(&missing_q), ["q"]);
    let bad_kind = get(&app, "/api/v1/search?q=law&kind=user", None).await;
    assert_eq!(error_fields(&bad_kind), ["kind"]);
}

#[tokio::test]
async fn bad_bodies_get_json_errors_naming_what_is_wrong_and_change_nothing() {
    let app = app().await;
    let t = tokens(&app).await;
    let editor = t.by_role[&Role::Editor].as_str();
    // Everything but the tokens' "last used" moments.
    let records = || async {
        let mut tables = app.state.store.dump().await.unwrap();
        tables.retain(|t| t.table != "api_tokens");
        tables
    };
    let before = records().await;
    let path = "/api/v1/records/concern";

    let reply = send(
        &app,
        "POST",
        path,
        Some(editor),
        Some("application/json"),
        b"{\"entity\": ".to_vec(),
    )
    .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.json["error"]["code"], "bad_request");

    let reply = send(
        &app,
        "POST",
        path,
        Some(editor),
        Some("text/plain"),
        b"{}".to_vec(),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(reply.json["error"]["code"], "bad_request");

    let huge = format!("{{\"reason\": \"{}\"}}", "x".repeat(2 * 1024 * 1024));
    let reply = send(
        &app,
        "POST",
        path,
        Some(editor),
        Some("application/json"),
        huge.into_bytes(),
    )
    .await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(reply.json["error"]["code"], "bad_request");

    let mut wrong_type = new_concern("A title");
    wrong_type["entity"]["data"]["themes"] = json!("not a list");
    let reply = send_json(&app, "POST", path, Some(editor), &wrong_type).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(reply.json["error"]["code"], "validation_failed");
    assert_eq!(
        error_fields(&reply),
        ["entity.data.themes"],
        "{}",
        reply.json
    );

    let reply = send_json(&app, "POST", path, Some(editor), &new_concern("")).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error_fields(&reply),
        ["entity.data.title"],
        "{}",
        reply.json
    );
    assert_eq!(
        reply.json["error"]["message"],
        "entity.data.title: must not be empty"
    );

    let reply = send_json(
        &app,
        "POST",
        "/api/v1/records/actor",
        Some(editor),
        &new_concern("A title"),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(&reply), ["entity.kind"]);

    let mut dangling = new_dossier("dangling");
    dangling["entity"]["data"]["commitments"] = json!([uuid::Uuid::now_v7()]);
    let reply = send_json(
        &app,
        "POST",
        "/api/v1/records/dossier",
        Some(editor),
        &dangling,
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error_fields(&reply),
        ["entity.data.commitments[0]"],
        "{}",
        reply.json
    );

    // An id an actor holds is not given to a concern: an id names one
    // record, whatever its kind.
    let actor = app
        .state
        .store
        .list(EntityKind::Actor, 1, 0)
        .await
        .unwrap()
        .remove(0);
    let mut taken = new_concern("A concern with an actor's id");
    taken["entity"]["data"]["id"] = json!(actor.entity.id());
    let reply = send_json(&app, "POST", path, Some(editor), &taken).await;
    assert_eq!(reply.status, StatusCode::CONFLICT, "{}", reply.json);
    let message = reply.json["error"]["message"].as_str().unwrap();
    assert_eq!(
        message,
        format!("actor {} already exists", actor.entity.id())
    );
    assert_eq!(error_fields(&reply), ["entity.data.id"]);

    let after = records().await;
    assert_eq!(before.len(), after.len());
    for (b, a) in before.iter().zip(&after) {
        assert!(b == a, "table {} changed", b.table);
    }
}

#[tokio::test]
async fn a_role_of_the_actor_itself_or_closing_a_loop_is_refused_naming_the_field() {
    let app = app().await;
    let t = tokens(&app).await;
    let editor = t.by_role[&Role::Editor].as_str();
    let path = "/api/v1/records/actor";
    let person = |id: uuid::Uuid, name: &str, of: Option<uuid::Uuid>| {
        let roles = match of {
            Some(of) => json!([{"title": "Deputy", "of": of, "from": null, "until": null}]),
            None => json!([]),
        };
        json!({"entity": {"kind": "actor", "data": {"id": id, "kind": "person", "name": name,
            "short_name": null, "country_code": null, "roles": roles}}})
    };
    // Refused, naming the role's field, with `reason`.
    let refused = |reply: &Reply, reason: &str| {
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            reply.json
        );
        assert_eq!(error_fields(reply), ["entity.data.roles[0].of"]);
        assert_eq!(
            reply.json["error"]["message"],
            format!("entity.data.roles[0].of: {reason}")
        );
    };
    let (a, b) = (uuid::Uuid::now_v7(), uuid::Uuid::now_v7());
    let reply = send_json(&app, "POST", path, Some(editor), &person(a, "A", Some(a))).await;
    refused(&reply, "a role cannot be of the actor that holds it");
    let reply = send_json(&app, "POST", path, Some(editor), &person(a, "A", None)).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.json);
    let reply = send_json(&app, "POST", path, Some(editor), &person(b, "B", Some(a))).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.json);
    // A of B, where B is of A: refused, and A stays as it was.
    let mut closing = person(a, "A", Some(b));
    closing["expected_version"] = json!(1);
    closing["reason"] = json!("a loop");
    let reply = send_json(&app, "PUT", &format!("{path}/{a}"), Some(editor), &closing).await;
    refused(
        &reply,
        "B already holds a role of this actor, directly or through others (A → B → A, each \
         holding a role of the next): roles must not go round in a loop",
    );
    let stored = app
        .state
        .store
        .get(EntityKind::Actor, a)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.meta.version, 1);
}

/// The live versions never loop, but a reviewer publishing one actor's new
/// version while another's old one stays public could make the published
/// roles loop (and a public export that does not import): refused.
#[tokio::test]
async fn publishing_a_version_that_closes_a_loop_among_the_published_roles_is_refused() {
    let app = app().await;
    let t = tokens(&app).await;
    let editor = t.by_role[&Role::Editor].as_str();
    let reviewer = t.by_role[&Role::Reviewer].as_str();
    let path = "/api/v1/records/actor";
    let person = |id: uuid::Uuid, name: &str, of: Option<uuid::Uuid>, version: Option<i64>| {
        let roles = match of {
            Some(of) => json!([{"title": "Deputy", "of": of, "from": null, "until": null}]),
            None => json!([]),
        };
        let mut body = json!({"entity": {"kind": "actor", "data": {"id": id, "kind": "person",
            "name": name, "short_name": null, "country_code": null, "roles": roles}}});
        if let Some(v) = version {
            body["expected_version"] = json!(v);
            body["reason"] = json!("roles changed");
        }
        body
    };
    let publish = |id: uuid::Uuid| format!("{path}/{id}/publish");
    let (a, b) = (uuid::Uuid::now_v7(), uuid::Uuid::now_v7());
    for body in [person(a, "A", None, None), person(b, "B", Some(a), None)] {
        let reply = send_json(&app, "POST", path, Some(editor), &body).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.json);
    }
    for id in [a, b] {
        let reply = send(&app, "POST", &publish(id), Some(reviewer), None, vec![]).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.json);
    }
    // Live: B leaves A's office, then A takes one of B's: no loop.
    for (id, body) in [
        (b, person(b, "B", None, Some(1))),
        (a, person(a, "A", Some(b), Some(1))),
    ] {
        let reply = send_json(&app, "PUT", &format!("{path}/{id}"), Some(editor), &body).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.json);
    }
    // Published: B (version 1) still holds A's office, so A's version 2
    // would close a loop.
    let refused = send(&app, "POST", &publish(a), Some(reviewer), None, vec![]).await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.json);
    assert_eq!(
        refused.json["error"]["message"],
        "publishing this would make the published actors' roles go round in a loop: 'A' would \
         hold a role leading back to B, who in the published records holds a role of it, \
         directly or through others (A → B → A, each holding a role of the next); publish the \
         change that ends the loop first"
    );
    let public_roles = || async {
        let public = app
            .state
            .store
            .published_records(EntityKind::Actor, &[a])
            .await
            .unwrap();
        match &public[0].entity {
            pledgewatch_core::model::Entity::Actor(actor) => actor.roles.clone(),
            other => panic!("{other:?}"),
        }
    };
    assert!(public_roles().await.is_empty());
    // B's change first, then A's: both go public.
    for id in [b, a] {
        let reply = send(&app, "POST", &publish(id), Some(reviewer), None, vec![]).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.json);
    }
    assert_eq!(public_roles().await[0].of.map(|id| id.uuid()), Some(b));
}

#[tokio::test]
async fn an_update_based_on_a_stale_version_is_a_conflict_and_changes_are_audited() {
    let app = app().await;
    let t = tokens(&app).await;
    let editor = t.by_role[&Role::Editor].as_str();
    let created = send_json(
        &app,
        "POST",
        "/api/v1/records/concern",
        Some(editor),
        &new_concern("Arrests of bloggers"),
    )
    .await;
    assert_eq!(created.status, StatusCode::CREATED);
    let id = created.json["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/records/concern/{id}");
    let mut entity = created.json["entity"].clone();
    entity["data"]["description"] = json!("Three bloggers were arrested in 2008.");
    let body = json!({"expected_version": 1, "entity": entity, "reason": "new facts"});
    let saved = send_json(&app, "PUT", &path, Some(editor), &body).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.json);
    assert_eq!(saved.json["version"], 2);

    let stale = send_json(&app, "PUT", &path, Some(editor), &body).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(stale.json["error"]["code"], "conflict");

    let history = get(&app, &format!("{path}/history"), Some(editor)).await;
    let entries = history.json["items"].as_array().unwrap();
    assert_eq!(entries.len(), 2, "{}", history.json);
    assert_eq!(entries[1]["action"], "update");
    assert_eq!(
        entries[1]["actor"], "editor",
        "the token's owner is the actor"
    );
    assert_eq!(entries[1]["reason"], "new facts");
    assert!(
        entries[1]["after"]
            .as_str()
            .unwrap()
            .contains("Three bloggers")
    );

    let no_reason = send(
        &app,
        "DELETE",
        &format!("{path}?expected_version=2&reason=%20"),
        Some(editor),
        None,
        vec![],
    )
    .await;
    assert_eq!(no_reason.status, StatusCode::BAD_REQUEST);
    assert_eq!(error_fields(&no_reason), ["reason"]);
    let removed = send(
        &app,
        "DELETE",
        &format!("{path}?expected_version=2&reason=duplicate"),
        Some(editor),
        None,
        vec![],
    )
    .await;
    assert_eq!(removed.status, StatusCode::OK, "{}", removed.json);
    assert!(removed.json["deleted_at"].is_string());
    let history = get(&app, &format!("{path}/history"), Some(editor)).await;
    assert_eq!(history.json["items"][2]["action"], "delete");
    assert_eq!(history.json["items"][2]["reason"], "duplicate");
    assert!(
        app.state
            .store
            .verify_audit()
            .await
            .unwrap()
            .broken
            .is_none()
    );
}

#[tokio::test]
async fn the_openapi_document_is_3_1_describes_every_route_and_every_ref_resolves() {
    let app = app().await;
    let reply = get(&app, "/api/v1/openapi.json", None).await;
    assert_eq!(reply.status, StatusCode::OK);
    let doc = reply.json;
    assert!(
        doc["openapi"].as_str().unwrap().starts_with("3.1."),
        "{}",
        doc["openapi"]
    );
    let paths = doc["paths"].as_object().unwrap();
    let mut operations = 0;
    for (path, item) in paths {
        for (method, op) in item.as_object().unwrap() {
            operations += 1;
            let responses = op["responses"].as_object().unwrap();
            assert!(!responses.is_empty(), "{method} {path} has no responses");
            assert!(
                responses.keys().any(|s| s.starts_with('2')),
                "{method} {path}"
            );
            assert!(
                responses.contains_key("401"),
                "{method} {path} documents 401"
            );
            let spec = API_ROUTES
                .iter()
                .find(|r| r.path == path && r.method.eq_ignore_ascii_case(method))
                .unwrap_or_else(|| panic!("{method} {path} is not in the route table"));
            if spec.access.role().is_some() {
                assert!(
                    responses.contains_key("403"),
                    "{method} {path} documents 403"
                );
            }
        }
    }
    assert_eq!(
        operations,
        API_ROUTES.len(),
        "every route is documented once"
    );

    fn refs(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(r)) = map.get("$ref") {
                    out.push(r.clone());
                }
                map.values().for_each(|v| refs(v, out));
            }
            Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
            _ => {}
        }
    }
    let mut all = Vec::new();
    refs(&doc, &mut all);
    assert!(all.len() > 20);
    for r in all {
        let pointer = r
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("external $ref {r}"));
        assert!(doc.pointer(pointer).is_some(), "$ref {r} does not resolve");
    }
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
    // A method a path does not take is answered in JSON, with Allow.
    let request = Request::patch("/api/v1/dossiers")
        .body(Body::empty())
        .unwrap();
    let response = app.router.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert!(
        response.headers()[header::ALLOW]
            .to_str()
            .unwrap()
            .contains("GET")
    );
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let body: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(body["error"]["code"], "bad_request");
    // Unknown API paths answer in JSON too.
    let missing = get(&app, "/api/v1/nothing-here", None).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.json["error"]["code"], "not_found");
}

#[tokio::test]
async fn an_editor_accepts_and_rejects_drafted_candidates_through_the_api() {
    let app = app().await;
    let t = tokens(&app).await;
    let editor = t.by_role[&Role::Editor].as_str();
    let mut browser = crate::harness::as_role(&app, Some(Role::Editor)).await;
    let reply = browser
        .post(
            "/drafting",
            &[
                ("title", "A statement"),
                ("date", "2008-05-28"),
                (
                    "text",
                    "Kazakhstan will amend its media law by the end of 2008. \
                     Kazakhstan will reform its election law by the end of 2008.",
                ),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);

    let queue = get(&app, "/api/v1/candidates?status=pending", Some(editor)).await;
    assert_eq!(queue.status, StatusCode::OK, "{}", queue.json);
    let items = queue.json["items"].as_array().unwrap().clone();
    assert_eq!(items.len(), 2, "{}", queue.json);
    let (first, second) = (&items[0], &items[1]);
    assert_eq!(first["entity"]["data"]["status"], "pending");

    let path =
        |c: &Value, what: &str| format!("/api/v1/candidates/{}/{what}", c["id"].as_str().unwrap());
    let no_reason = send_json(
        &app,
        "POST",
        &path(second, "reject"),
        Some(editor),
        &json!({"expected_version": 1, "reason": " "}),
    )
    .await;
    assert_eq!(
        no_reason.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        no_reason.json
    );
    assert_eq!(error_fields(&no_reason), ["reason"]);
    let rejected = send_json(
        &app,
        "POST",
        &path(second, "reject"),
        Some(editor),
        &json!({"expected_version": 1, "reason": "a repeat"}),
    )
    .await;
    assert_eq!(rejected.status, StatusCode::OK, "{}", rejected.json);
    assert_eq!(rejected.json["entity"]["data"]["status"], "rejected");
    assert_eq!(
        rejected.json["entity"]["data"]["rejection_reason"],
        "a repeat"
    );

    let stale = send_json(
        &app,
        "POST",
        &path(first, "accept"),
        Some(editor),
        &json!({"expected_version": 7}),
    )
    .await;
    assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.json);
    let accepted = send_json(
        &app,
        "POST",
        &path(first, "accept"),
        Some(editor),
        &json!({"expected_version": 1, "statement": "Amend the media law"}),
    )
    .await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.json);
    assert_eq!(accepted.json["entity"]["data"]["status"], "accepted");
    let commitment = accepted.json["entity"]["data"]["commitment"]
        .as_str()
        .unwrap();
    let made = get(
        &app,
        &format!("/api/v1/records/commitment/{commitment}"),
        Some(editor),
    )
    .await;
    assert_eq!(
        made.json["entity"]["data"]["statement"],
        "Amend the media law"
    );
    assert!(
        made.json["published_at"].is_null(),
        "a draft until reviewed"
    );
    let pending = get(&app, "/api/v1/candidates?status=pending", Some(editor)).await;
    assert!(pending.json["items"].as_array().unwrap().is_empty());
    let bad = get(&app, "/api/v1/candidates?status=maybe", Some(editor)).await;
    assert_eq!(error_fields(&bad), ["status"]);
}

#[tokio::test]
async fn search_results_link_commitments_to_their_page_and_records_into_the_api() {
    let app = app().await;
    let t = tokens(&app).await;
    let viewer = t.by_role[&Role::Viewer].as_str();
    let reply = get(&app, "/api/v1/search?q=law&limit=100", Some(viewer)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json);
    let items = reply.json["items"].as_array().unwrap();
    let mut kinds = std::collections::HashSet::new();
    for item in items {
        let (kind, id) = (item["kind"].as_str().unwrap(), item["id"].as_str().unwrap());
        let url = item["url"].as_str().unwrap();
        if kind == "commitment" {
            assert_eq!(url, format!("/dossiers/{SLUG}/commitments/{id}"), "{item}");
        } else {
            assert_eq!(url, format!("/api/v1/records/{kind}/{id}"), "{item}");
        }
        kinds.insert(kind.to_owned());
    }
    assert!(kinds.contains("commitment"), "{kinds:?}");
    assert!(kinds.len() > 1, "{kinds:?}");
}

#[tokio::test]
async fn a_viewer_cannot_count_the_words_of_a_confidential_source_whose_lifting_awaits_review() {
    let app = app().await;
    let t = tokens(&app).await;
    let (editor, reviewer, viewer) = (
        t.by_role[&Role::Editor].as_str(),
        t.by_role[&Role::Reviewer].as_str(),
        t.by_role[&Role::Viewer].as_str(),
    );
    let source = json!({"entity": {"kind": "source", "data": {
        "id": "0192f3c0-0000-7000-8000-0000000000b1", "title": "Informant notes",
        "publisher": "Anonymous", "author": null, "published": "2020-01-01", "url": null,
        "language": "en", "confidential": true, "text": "the informant victoryankee named",
        "file_sha256": null, "note": null, "known_from": null, "own_document": false}},
        "reason": "notes"});
    let created = send_json(
        &app,
        "POST",
        "/api/v1/records/source",
        Some(editor),
        &source,
    )
    .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.json);
    let path = format!(
        "/api/v1/records/source/{}",
        created.json["id"].as_str().unwrap()
    );
    let published = send(
        &app,
        "POST",
        &format!("{path}/publish?expected_version=1"),
        Some(reviewer),
        None,
        vec![],
    )
    .await;
    assert!(published.status.is_success(), "{}", published.json);
    let search = "/api/v1/search?q=victoryankee";
    assert_eq!(get(&app, search, Some(viewer)).await.json["total"], 0);
    // An editor lifts the confidentiality; a reviewer has not approved it.
    let mut entity = created.json["entity"].clone();
    entity["data"]["confidential"] = json!(false);
    let body = json!({"expected_version": 1, "entity": entity, "reason": "cleared"});
    let saved = send_json(&app, "PUT", &path, Some(editor), &body).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.json);
    let found = get(&app, search, Some(viewer)).await;
    assert_eq!(found.json["total"], 0, "{}", found.json);
    assert_eq!(found.json["items"], json!([]), "{}", found.json);
    // An editor, who reads confidential sources, finds it.
    assert_eq!(get(&app, search, Some(editor)).await.json["total"], 1);
}
