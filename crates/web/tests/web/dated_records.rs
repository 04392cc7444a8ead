//! The forms of what a view as of a date depends on: a source's dates
//! (published, or "known from" when that is unknown) and its own-document
//! mark; a concern's description and a dossier's summary with the day they
//! speak as of, where editing adds a dated version.

use axum::http::StatusCode;
use pledgewatch_core::accounts::Role;
use pledgewatch_core::ids::ConcernId;
use pledgewatch_core::model::{Concern, DatedText, EntityKind, Records};
use pledgewatch_core::storage::Storage;

use crate::harness::{App, as_role};

fn id_in(location: &str) -> String {
    location
        .split('/')
        .nth(3)
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_owned()
}

async fn count(app: &App, kind: EntityKind) -> usize {
    app.state.store.list(kind, 100_000, 0).await.unwrap().len()
}

#[tokio::test]
async fn a_source_without_any_date_is_refused_naming_the_field_and_changes_nothing() {
    let app = crate::harness::app().await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let before = count(&app, EntityKind::Source).await;
    let reply = editor
        .post("/records/source/new", &[("title", "Undated minutes")])
        .await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.body
    );
    let error = reply.texts("#e-published").join(" ");
    assert!(error.contains("known from"), "{error}");
    assert_eq!(count(&app, EntityKind::Source).await, before);
}

#[tokio::test]
async fn a_source_keeps_its_known_from_date_and_its_own_document_mark() {
    let app = crate::harness::app().await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let reply = editor
        .post(
            "/records/source/new",
            &[
                ("title", "Our memorandum of May 2008"),
                ("known_from", "2008-05-28"),
                ("own_document", "on"),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let id = id_in(&reply.location());
    let stored = app
        .state
        .store
        .get(EntityKind::Source, id.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    let pledgewatch_core::model::Entity::Source(source) = stored.entity else {
        panic!("not a source");
    };
    assert_eq!(source.known_from.unwrap().to_string(), "2008-05-28");
    assert!(source.own_document);
    let form = editor.get(&format!("/records/source/{id}/edit")).await;
    assert_eq!(
        form.attr("input[name=known_from]", "value").as_deref(),
        Some("2008-05-28")
    );
    assert!(form.attr("input[name=own_document]", "checked").is_some());
}

async fn concern(app: &App, id: &str) -> Concern {
    let id = ConcernId(id.parse().unwrap());
    app.state
        .store
        .get_record(id)
        .await
        .unwrap()
        .unwrap()
        .entity
}

#[tokio::test]
async fn editing_a_concern_as_of_a_later_day_keeps_the_text_it_replaces() {
    let app = crate::harness::app().await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let missing = editor
        .post(
            "/records/concern/new",
            &[("title", "Journalists sued"), ("description", "Two suits.")],
        )
        .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(missing.texts("#e-description_as_of").len(), 1);
    let reply = editor
        .post(
            "/records/concern/new",
            &[
                ("title", "Journalists sued"),
                ("description", "Two suits in 2008."),
                ("description_as_of", "2008-05-28"),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let id = id_in(&reply.location());
    let edit = format!("/records/concern/{id}/edit");
    let later = editor
        .post(
            &edit,
            &[
                ("title", "Journalists sued"),
                ("description", "Five suits by May 2009."),
                ("description_as_of", "2009-05-20"),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(later.status, StatusCode::SEE_OTHER, "{}", later.body);
    let c = concern(&app, &id).await;
    assert_eq!(c.description.to_string(), "Five suits by May 2009.");
    assert_eq!(c.description_as_of.unwrap().to_string(), "2009-05-20");
    assert_eq!(
        c.earlier_descriptions,
        vec![DatedText {
            as_of: "2008-05-28".parse().unwrap(),
            text: "Two suits in 2008.".into()
        }]
    );
    let earlier = editor
        .post(
            &edit,
            &[
                ("title", "Journalists sued"),
                ("description", "Something else."),
                ("description_as_of", "2008-01-01"),
                ("version", "2"),
            ],
        )
        .await;
    assert_eq!(
        earlier.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        earlier.body
    );
    assert!(
        earlier.body.contains("2009-05-20"),
        "the error names the current day"
    );
    assert_eq!(concern(&app, &id).await, c, "nothing changed");
}

#[tokio::test]
async fn a_summary_needs_the_day_it_speaks_as_of() {
    let app = crate::harness::app().await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let reply = editor
        .post(
            "/records/dossier/new",
            &[
                ("slug", "dated-summary"),
                ("title", "Dated summary"),
                ("summary", "What the dossier follows."),
                ("scale", "default"),
            ],
        )
        .await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.body
    );
    assert_eq!(reply.texts("#e-summary_as_of").len(), 1);
}

#[tokio::test]
async fn an_api_edit_without_the_earlier_versions_keeps_them_and_adds_the_replaced_text() {
    use crate::assessment_dates::{send_json, token};
    use serde_json::json;
    let app = crate::harness::app().await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let reply = editor
        .post(
            "/records/concern/new",
            &[
                ("title", "Journalists sued"),
                ("description", "Two suits in 2008."),
                ("description_as_of", "2008-05-28"),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let id = id_in(&reply.location());
    let later = editor
        .post(
            &format!("/records/concern/{id}/edit"),
            &[
                ("title", "Journalists sued"),
                ("description", "Five suits by May 2009."),
                ("description_as_of", "2009-05-20"),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(later.status, StatusCode::SEE_OTHER, "{}", later.body);
    let api = token(&app, Role::Editor).await;
    let path = format!("/api/v1/records/concern/{id}");
    let (status, record) = send_json(&app, "GET", &path, &api, None).await;
    assert_eq!(status, StatusCode::OK, "{record}");
    let mut entity = record["entity"].clone();
    let data = entity["data"].as_object_mut().unwrap();
    data.remove("earlier_descriptions");
    data.insert("description".into(), json!("Seven suits by 2010."));
    data.insert("description_as_of".into(), json!("2010-01-15"));
    let body = json!({"expected_version": record["version"], "entity": entity});
    let (status, reply) = send_json(&app, "PUT", &path, &api, Some(&body)).await;
    assert_eq!(status, StatusCode::OK, "{reply}");
    let c = concern(&app, &id).await;
    assert_eq!(c.description.to_string(), "Seven suits by 2010.");
    assert_eq!(
        c.earlier_descriptions,
        vec![
            DatedText {
                as_of: "2008-05-28".parse().unwrap(),
                text: "Two suits in 2008.".into()
            },
            DatedText {
                as_of: "2009-05-20".parse().unwrap(),
                text: "Five suits by May 2009.".into()
            },
        ],
        "the stored versions are kept and the replaced text added"
    );
}
