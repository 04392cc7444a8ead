//! Open-data downloads on every list page: the team's record lists, the
//! dossier and the list of dossiers, in CSV and JSON, with what each
//! visitor may see; formulas neutralised in CSV.

use axum::http::StatusCode;
use pledgewatch_core::model::{Dossier, Entity, EntityKind, Slug};
use pledgewatch_core::scale::ScaleId;
use pledgewatch_core::service::{self, Services};
use pledgewatch_core::storage::{Change, Storage};
use pledgewatch_exchange::format;

use super::harness::{self, Client, app, as_role};
use super::{SLUG, first_commitment};
use pledgewatch_core::accounts::Role;

fn header(reply: &harness::Reply, name: &str) -> String {
    reply
        .headers
        .get(name)
        .unwrap_or_else(|| panic!("no {name} header"))
        .to_str()
        .unwrap()
        .to_owned()
}

fn ids_in_json(reply: &harness::Reply) -> Vec<String> {
    let parsed = format::json::read(reply.body.as_bytes()).unwrap();
    assert!(parsed.rejected.is_empty(), "{:?}", parsed.rejected);
    parsed
        .records
        .iter()
        .flat_map(|r| r.entities.iter().map(|e| e.id().to_string()))
        .collect()
}

#[tokio::test]
async fn every_record_list_links_and_serves_its_downloads_for_the_team() {
    let app = app().await;
    let mut viewer = as_role(&app, Some(Role::Viewer)).await;
    // Every kind with record pages: all exported kinds but drafted candidates.
    for kind in format::KINDS
        .into_iter()
        .filter(|k| *k != EntityKind::Candidate)
    {
        let name = kind.as_str();
        let page = viewer.get(&format!("/records/{name}")).await;
        assert_eq!(page.status, StatusCode::OK);
        for ext in ["csv", "json"] {
            let href = format!("/records/{name}/export.{ext}");
            assert_eq!(
                page.count(&format!("p.downloads a[href=\"{href}\"]")),
                1,
                "the {name} list links {href}"
            );
            let reply = viewer.get(&href).await;
            assert_eq!(reply.status, StatusCode::OK, "{href}: {}", reply.body);
            let stem = format::plural(name).replace('_', "-");
            assert_eq!(
                header(&reply, "content-disposition"),
                format!("attachment; filename=\"pledgewatch-{stem}.{ext}\"")
            );
            let expected_type = if ext == "csv" {
                "text/csv; charset=utf-8"
            } else {
                "application/json"
            };
            assert_eq!(header(&reply, "content-type"), expected_type);
            let parsed = if ext == "csv" {
                format::csv::read(&reply.body).unwrap()
            } else {
                format::json::read(reply.body.as_bytes()).unwrap()
            };
            assert!(parsed.rejected.is_empty(), "{href}: {:?}", parsed.rejected);
            let live = app.state.store.list(kind, 10_000, 0).await.unwrap();
            assert_eq!(parsed.records.len(), live.len(), "{href}");
            assert!(
                parsed
                    .records
                    .iter()
                    .all(|r| r.entities.iter().all(|e| e.kind() == kind))
            );
        }
    }
    assert_eq!(
        viewer.get("/records/user/export.csv").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        viewer.get("/records/candidate/export.json").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn csv_downloads_neutralise_formulas_typed_into_a_form() {
    let app = app().await;
    let mut editor = as_role(&app, Some(Role::Editor)).await;
    let formula = "=cmd|' /C calc'!A0";
    let reply = editor
        .post(
            "/records/concern/new",
            &[
                ("title", formula),
                ("description", "@SUM(A1:A9)"),
                ("description_as_of", "2008-05-28"),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let csv = editor.get("/records/concern/export.csv").await;
    assert!(
        csv.body.contains(",'=cmd|' /C calc'!A0,'@SUM(A1:A9),"),
        "{}",
        csv.body
    );
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.body.as_bytes());
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a formula cell: {cell}"
            );
        }
    }
    // Reading the download gives back exactly what was typed.
    let parsed = format::csv::read(&csv.body).unwrap();
    assert!(parsed.records.iter().any(|r| matches!(
        &r.entities[0],
        Entity::Concern(c) if c.title == formula && c.description == "@SUM(A1:A9)"
    )));
}

#[tokio::test]
async fn the_dossier_download_gives_the_public_only_what_is_published() {
    let app = app().await;
    let hidden = first_commitment(&app).await;
    let mut reviewer = as_role(&app, Some(Role::Reviewer)).await;
    let reply = reviewer
        .post(&format!("/records/commitment/{hidden}/unpublish"), &[])
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);

    let mut anon = Client::new(&app);
    let page = anon.get(&format!("/dossiers/{SLUG}")).await;
    for ext in ["csv", "json"] {
        let href = format!("/dossiers/{SLUG}/export.{ext}");
        assert_eq!(
            page.count(&format!("section.open-data a[href=\"{href}\"]")),
            1
        );
        let reply = anon.get(&href).await;
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(
            header(&reply, "content-disposition"),
            format!("attachment; filename=\"pledgewatch-dossier-{SLUG}.{ext}\"")
        );
        assert!(
            !reply.body.contains(&hidden),
            "the public {ext} names the draft"
        );
    }
    let public = ids_in_json(&anon.get(&format!("/dossiers/{SLUG}/export.json")).await);
    let team = ids_in_json(&reviewer.get(&format!("/dossiers/{SLUG}/export.json")).await);
    assert!(team.contains(&hidden));
    assert!(!public.contains(&hidden));
    assert!(public.len() > 20 && public.len() < team.len());

    assert_eq!(
        anon.get("/dossiers/no-such-dossier/export.csv")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        anon.get("/dossiers/Not%20A%20Slug/export.json")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_dossier_list_download_leaves_drafts_to_the_team() {
    let app = app().await;
    let draft = Dossier {
        id: pledgewatch_core::ids::DossierId::new(),
        slug: Slug::parse("draft-campaign").unwrap(),
        title: "A campaign in preparation".parse().unwrap(),
        summary: None,
        scale: ScaleId::Default,
        commitments: vec![],
        concerns: vec![],
        milestones: vec![],
        recipient_lists: vec![],
        signatories: vec![],
        summary_as_of: None,
        earlier_summaries: Vec::new(),
        stakes: None,
        publisher: None,
    };
    let context = service::context("tester", Some("draft")).unwrap();
    Services::new(app.state.store.as_ref())
        .apply(
            &context,
            vec![Change::Create(Entity::Dossier(draft.clone()))],
        )
        .await
        .unwrap();

    let mut anon = Client::new(&app);
    let home = anon.get("/").await;
    assert_eq!(
        home.count("p.downloads a[href=\"/dossiers/export.csv\"]"),
        1
    );
    assert_eq!(
        home.count("p.downloads a[href=\"/dossiers/export.json\"]"),
        1
    );
    let public = anon.get("/dossiers/export.csv").await;
    assert_eq!(public.status, StatusCode::OK);
    assert_eq!(
        header(&public, "content-disposition"),
        "attachment; filename=\"pledgewatch-dossiers.csv\""
    );
    assert!(public.body.contains(SLUG));
    assert!(!public.body.contains("draft-campaign"));
    assert_eq!(
        anon.get("/dossiers/draft-campaign/export.json")
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    let mut viewer = as_role(&app, Some(Role::Viewer)).await;
    let team = viewer.get("/dossiers/export.json").await;
    assert!(team.body.contains("draft-campaign"));
    let all = app
        .state
        .store
        .list(EntityKind::Dossier, 100, 0)
        .await
        .unwrap();
    assert_eq!(ids_in_json(&team).len(), all.len());
}

#[tokio::test]
async fn the_json_schema_is_served_with_its_media_type() {
    let app = app().await;
    let mut anon = Client::new(&app);
    let reply = anon.get("/schemas/pledgewatch-export-1.schema.json").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(header(&reply, "content-type"), "application/schema+json");
    let schema: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(
        schema["properties"]["format"]["const"],
        "pledgewatch-export/1"
    );
}
