//! What the public sees is what a reviewer approved: an editor's edit,
//! removal or confidential flip reaches no public output (page, search,
//! feed, export, API) until a reviewer approves it, and what only a draft
//! refers to never does.

use axum::http::StatusCode;
use pledgewatch_core::accounts::{Accounts, Role, User};
use pledgewatch_core::model::{Entity, EntityKind, Records, Stored};
use pledgewatch_core::service::review::Approval;
use pledgewatch_core::service::{self, Services};
use pledgewatch_core::storage::Storage;
use serde_json::json;

use crate::assessment_dates::{send_json, token};
use crate::harness::{App, Client, app, app_with};
use crate::{SLUG, first_commitment};

/// Every public output of the demo dossier, as one text: the commitment
/// page, the scorecard, the feed, both exports and the API's view.
async fn public_text(app: &App, commitment: &str) -> String {
    let mut anon = Client::new(app);
    let mut out = String::new();
    for path in [
        format!("/dossiers/{SLUG}/commitments/{commitment}"),
        format!("/dossiers/{SLUG}"),
        format!("/dossiers/{SLUG}/feed.atom"),
        format!("/dossiers/{SLUG}/export.json"),
        format!("/dossiers/{SLUG}/export.csv"),
        format!("/api/v1/dossiers/{SLUG}"),
        format!("/api/v1/dossiers/{SLUG}/commitments/{commitment}"),
    ] {
        let reply = anon.get(&path).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}: {}", reply.body);
        out.push_str(&reply.body);
    }
    out
}

/// What an anonymous search finds for these words, on the page and in the API.
async fn public_hits(app: &App, words: &str) -> (usize, usize) {
    let mut anon = Client::new(app);
    let q = words.replace(' ', "+");
    let page = anon.get(&format!("/search?q={q}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let api = anon.get(&format!("/api/v1/search?q={q}")).await;
    assert_eq!(api.status, StatusCode::OK, "{}", api.body);
    let total = serde_json::from_str::<serde_json::Value>(&api.body).unwrap()["total"]
        .as_u64()
        .unwrap();
    (page.count("ol.hits > li"), total as usize)
}

pub(crate) async fn user(app: &App, name: &str) -> User {
    app.state.store.user_by_name(name).await.unwrap().unwrap()
}

/// A published development of the first commitment that nothing else
/// needs, as stored.
pub(crate) async fn a_published_development(app: &App, commitment: &str) -> Stored<Entity> {
    let id: uuid::Uuid = commitment.parse().unwrap();
    let found = app
        .state
        .store
        .referring(EntityKind::Development, EntityKind::Commitment, &[id])
        .await
        .unwrap();
    let ids: Vec<uuid::Uuid> = found.iter().map(|d| d.entity.id()).collect();
    let published = app.state.store.published(&ids).await.unwrap();
    found
        .into_iter()
        .find(|d| published.contains_key(&d.entity.id()))
        .expect("a published development")
}

/// A source a published development of the commitment cites (not one of the
/// organisation's own documents), as stored, with its title up to the first
/// character HTML would escape (so that it can be looked for in pages as it
/// is); the first such source whose title gives more than ten characters.
async fn a_cited_source(
    app: &App,
    commitment: &str,
) -> (
    pledgewatch_core::ids::SourceId,
    Stored<pledgewatch_core::model::Source>,
    String,
) {
    let id: uuid::Uuid = commitment.parse().unwrap();
    let found = app
        .state
        .store
        .referring(EntityKind::Development, EntityKind::Commitment, &[id])
        .await
        .unwrap();
    let ids: Vec<uuid::Uuid> = found.iter().map(|d| d.entity.id()).collect();
    let published = app.state.store.published(&ids).await.unwrap();
    for development in found
        .iter()
        .filter(|d| published.contains_key(&d.entity.id()))
    {
        let Entity::Development(d) = &development.entity else {
            unreachable!()
        };
        for &source_id in &d.sources {
            let stored: Stored<pledgewatch_core::model::Source> = app
                .state
                .store
                .get_record(source_id)
                .await
                .unwrap()
                .unwrap();
            if stored.entity.own_document {
                continue;
            }
            let title: String = stored
                .entity
                .title
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == ' ')
                .collect();
            if title.len() > 10 {
                return (source_id, stored, title);
            }
        }
    }
    panic!("no published development of {commitment} cites a source with a plain title");
}

/// `who` approves the pending change of a record, as it now stands.
pub(crate) async fn approve(app: &App, who: &User, kind: EntityKind, id: uuid::Uuid) {
    Services::new(app.state.store.as_ref())
        .approve(who, kind, id, Approval::default())
        .await
        .unwrap();
}

pub(crate) async fn edit_development(app: &App, by: &str, title: &str, stored: &Stored<Entity>) {
    let Entity::Development(mut d) = stored.entity.clone() else {
        panic!("not a development")
    };
    d.title = title.parse().unwrap();
    let context = service::context(by, Some("Retitled")).unwrap();
    Services::new(app.state.store.as_ref())
        .update(&context, Entity::Development(d), stored.meta.version)
        .await
        .unwrap();
}

#[tokio::test]
async fn an_editors_edit_stays_out_of_every_public_output_until_a_reviewer_approves_it() {
    let app = app().await;
    let commitment = first_commitment(&app).await;
    let development = a_published_development(&app, &commitment).await;
    let old_title = development.entity.label();
    let old_title = old_title
        .split_once(' ')
        .map_or(old_title.as_str(), |(_, t)| t);
    let before = public_text(&app, &commitment).await;
    assert!(before.contains(old_title), "{old_title}");
    assert_eq!(public_hits(&app, "Quetzalcoatl").await, (0, 0));

    edit_development(
        &app,
        "editor",
        "Quetzalcoatl amendments adopted",
        &development,
    )
    .await;
    let during = public_text(&app, &commitment).await;
    assert!(
        !during.contains("Quetzalcoatl"),
        "the edit is public too soon"
    );
    assert!(during.contains(old_title), "the approved title went away");
    assert_eq!(
        public_hits(&app, "Quetzalcoatl").await,
        (0, 0),
        "public search finds a pending edit"
    );
    // The team sees the edit at once.
    let mut editor = crate::harness::as_role(&app, Some(Role::Editor)).await;
    let team = editor
        .get(&format!("/records/development/{}", development.entity.id()))
        .await;
    assert!(team.body.contains("Quetzalcoatl"));

    let reviewer = user(&app, "reviewer").await;
    approve(
        &app,
        &reviewer,
        EntityKind::Development,
        development.entity.id(),
    )
    .await;
    let after = public_text(&app, &commitment).await;
    assert!(after.contains("Quetzalcoatl amendments adopted"));
    let (page, api) = public_hits(&app, "Quetzalcoatl").await;
    assert!(page >= 1 && api >= 1, "{page} {api}");
}

#[tokio::test]
async fn while_an_edit_is_pending_the_public_finds_and_counts_the_published_text() {
    let app = app().await;
    let commitment = first_commitment(&app).await;
    let development = a_published_development(&app, &commitment).await;
    let id = development.entity.id();
    let reviewer = user(&app, "reviewer").await;
    edit_development(&app, "editor", "Xylophonic reform enacted", &development).await;
    approve(&app, &reviewer, EntityKind::Development, id).await;
    assert_eq!(public_hits(&app, "Xylophonic reform").await, (1, 1));
    let approved = app
        .state
        .store
        .get(EntityKind::Development, id)
        .await
        .unwrap()
        .unwrap();
    edit_development(&app, "editor", "Quetzalcoatl reform enacted", &approved).await;
    // The public still finds the published title, shown as published, and
    // counts it once; the pending words find nothing.
    assert_eq!(public_hits(&app, "Xylophonic reform").await, (1, 1));
    assert_eq!(public_hits(&app, "Quetzalcoatl").await, (0, 0));
    let mut anon = Client::new(&app);
    let api = anon
        .get("/api/v1/search?q=reform+enacted&kind=development")
        .await;
    assert!(api.body.contains("Xylophonic"), "{}", api.body);
    assert!(!api.body.contains("Quetzalcoatl"), "{}", api.body);
    // The team finds the live text only.
    let mut editor = crate::harness::as_role(&app, Some(Role::Editor)).await;
    let team = editor
        .get("/search?q=reform+enacted&kind=development")
        .await;
    assert!(team.body.contains("Quetzalcoatl"), "{}", team.body);
    assert!(!team.body.contains("Xylophonic"), "{}", team.body);
    approve(&app, &reviewer, EntityKind::Development, id).await;
    assert_eq!(public_hits(&app, "Xylophonic").await, (0, 0));
    assert_eq!(public_hits(&app, "Quetzalcoatl").await, (1, 1));
}

#[tokio::test]
async fn a_reviewer_may_not_approve_their_own_change_unless_the_server_allows_it() {
    for allow in [false, true] {
        let app = app_with(pledgewatch_web::Config {
            allow_self_review: allow,
            ..pledgewatch_web::Config::default()
        })
        .await;
        let commitment = first_commitment(&app).await;
        let development = a_published_development(&app, &commitment).await;
        edit_development(&app, "reviewer", "Narcissus reform", &development).await;
        let reviewer = user(&app, "reviewer").await;
        let approval = Approval {
            with_references: false,
            allow_self_review: app.state.config.allow_self_review,
            ..Approval::default()
        };
        let result = Services::new(app.state.store.as_ref())
            .approve(
                &reviewer,
                EntityKind::Development,
                development.entity.id(),
                approval,
            )
            .await;
        let public = public_text(&app, &commitment).await;
        if allow {
            let entries = result.unwrap();
            assert!(
                entries[0]
                    .reason
                    .as_deref()
                    .unwrap()
                    .contains("self-review"),
                "{entries:?}"
            );
            assert!(public.contains("Narcissus reform"));
        } else {
            let err = result.unwrap_err().to_string();
            assert!(err.contains("another reviewer"), "{err}");
            assert!(!public.contains("Narcissus reform"));
            // Another reviewer (an administrator) may.
            let admin = user(&app, "admin").await;
            approve(
                &app,
                &admin,
                EntityKind::Development,
                development.entity.id(),
            )
            .await;
            assert!(
                public_text(&app, &commitment)
                    .await
                    .contains("Narcissus reform")
            );
        }
    }
}

#[tokio::test]
async fn lifting_confidentiality_waits_for_review_but_imposing_it_is_at_once() {
    let app = app().await;
    let commitment = first_commitment(&app).await;
    let (source_id, stored, title) = a_cited_source(&app, &commitment).await;
    assert!(public_text(&app, &commitment).await.contains(&title));
    let services = Services::new(app.state.store.as_ref());
    let context = service::context("editor", Some("Protect a witness")).unwrap();
    let mut closed = stored.entity.clone();
    closed.confidential = true;
    services
        .update(
            &context,
            Entity::Source(closed.clone()),
            stored.meta.version,
        )
        .await
        .unwrap();
    let hidden = public_text(&app, &commitment).await;
    assert!(!hidden.contains(&title), "a protected source stays public");
    assert!(!hidden.contains(&source_id.to_string()), "its id is shown");
    let reviewer = user(&app, "reviewer").await;
    approve(&app, &reviewer, EntityKind::Source, source_id.uuid()).await;
    assert!(!public_text(&app, &commitment).await.contains(&title));

    // Lifting it again is an edit like any other: it waits for review.
    let mut open = closed;
    open.confidential = false;
    services
        .update(&context, Entity::Source(open), stored.meta.version + 1)
        .await
        .unwrap();
    assert!(
        !public_text(&app, &commitment).await.contains(&title),
        "lifting confidentiality went public before review"
    );
    let mut admin_page = crate::harness::as_role(&app, Some(Role::Admin)).await;
    let queue = admin_page.get("/review").await;
    assert!(
        queue
            .texts("p.warning")
            .iter()
            .any(|w| w.contains("Approving makes this confidential source public")),
        "the queue does not warn: {}",
        queue.body
    );
    approve(&app, &reviewer, EntityKind::Source, source_id.uuid()).await;
    assert!(public_text(&app, &commitment).await.contains(&title));
}

#[tokio::test]
async fn a_removal_stays_public_until_a_reviewer_approves_it() {
    let app = app().await;
    let commitment = first_commitment(&app).await;
    let id: uuid::Uuid = commitment.parse().unwrap();
    let recommendations = app
        .state
        .store
        .referring(EntityKind::Recommendation, EntityKind::Commitment, &[id])
        .await
        .unwrap();
    let recommendation = recommendations.first().expect("a recommendation").clone();
    let Entity::Recommendation(r) = &recommendation.entity else {
        unreachable!()
    };
    let action: String = r.action.to_string();
    let words: String = action
        .split_whitespace()
        .take(6)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(public_text(&app, &commitment).await.contains(&words));
    let context = service::context("editor", Some("Superseded")).unwrap();
    let services = Services::new(app.state.store.as_ref());
    services
        .delete(
            &context,
            EntityKind::Recommendation,
            recommendation.entity.id(),
            recommendation.meta.version,
        )
        .await
        .unwrap();
    assert!(
        public_text(&app, &commitment).await.contains(&words),
        "a removal went public before review"
    );
    let reviewer = user(&app, "reviewer").await;
    approve(
        &app,
        &reviewer,
        EntityKind::Recommendation,
        recommendation.entity.id(),
    )
    .await;
    assert!(!public_text(&app, &commitment).await.contains(&words));
}

#[tokio::test]
async fn what_only_drafts_refer_to_never_reaches_a_public_output() {
    let app = app().await;
    let commitment = first_commitment(&app).await;
    let editor = token(&app, Role::Editor).await;
    let actor = uuid::Uuid::now_v7();
    let source = uuid::Uuid::now_v7();
    let development = uuid::Uuid::now_v7();
    let quote = uuid::Uuid::now_v7();
    let dossier = uuid::Uuid::now_v7();
    for (kind, data) in [
        (
            "actor",
            json!({"id": actor, "name": "Zebulon Draftsman", "kind": "person",
                   "country_code": null, "roles": []}),
        ),
        (
            "source",
            json!({"id": source, "title": "Zebulon's private dossier", "publisher": null,
                   "author": null, "published": "2008-01-01", "url": null, "language": null,
                   "confidential": false, "text": "Zebulon text", "file_sha256": null,
                   "note": "Zebulon internal note"}),
        ),
        (
            "quote",
            json!({"id": quote, "source": source, "text": "Zebulon text",
                   "locator": null, "speaker": "Zebulon"}),
        ),
        (
            "development",
            json!({"id": development, "date": "2009-01-01", "title": "Zebulon event",
                   "summary": "Zebulon summary", "baseline": false, "note": "Zebulon note",
                   "sources": [source], "quotes": [quote],
                   "effects": [{"target": {"commitment": commitment}, "direction": "advance"}]}),
        ),
        (
            "dossier",
            json!({"id": dossier, "slug": "zebulon-unpublished", "title": "Zebulon's dossier",
                   "summary": null, "scale": "default", "commitments": [commitment],
                   "concerns": [], "milestones": [], "recipient_lists": [], "signatories": []}),
        ),
    ] {
        let body = json!({"entity": {"kind": kind, "data": data}});
        let (status, reply) = send_json(
            &app,
            "POST",
            &format!("/api/v1/records/{kind}"),
            &editor,
            Some(&body),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{kind}: {reply}");
    }
    let public = public_text(&app, &commitment).await;
    assert!(!public.contains("Zebulon"), "a draft reached the public");
    assert!(!public.contains("zebulon-unpublished"));
    assert_eq!(public_hits(&app, "Zebulon").await, (0, 0));
    // A published commitment listed by a draft dossier is found and linked
    // through the published dossier only.
    let mut anon = Client::new(&app);
    for path in ["/search?q=media+law", "/api/v1/search?q=media+law"] {
        let hits = anon.get(path).await;
        assert!(hits.body.contains(SLUG), "{path}");
        assert!(!hits.body.contains("zebulon-unpublished"), "{path}");
    }
    assert_eq!(
        anon.get("/dossiers/zebulon-unpublished").await.status,
        StatusCode::NOT_FOUND
    );
    let mut anon = Client::new(&app);
    let search = anon.get("/search").await;
    assert!(
        !search.body.contains("Zebulon Draftsman"),
        "the actor filter lists a draft actor"
    );
    // The team sees all three.
    let mut viewer = crate::harness::as_role(&app, Some(Role::Viewer)).await;
    let team = viewer.get("/search?q=Zebulon").await;
    assert!(team.body.contains("Zebulon event"), "{}", team.body);
}

#[tokio::test]
async fn a_client_cannot_name_a_stored_file_in_a_new_source() {
    let app = app().await;
    let editor = token(&app, Role::Editor).await;
    let sha = "a".repeat(64);
    let id = uuid::Uuid::now_v7();
    let body = json!({"entity": {"kind": "source", "data": {
        "id": id, "title": "Borrowed file", "publisher": null, "author": null,
        "published": "2008-01-01", "url": null, "language": null, "confidential": false,
        "text": null, "file_sha256": sha, "note": null}}});
    let (status, reply) =
        send_json(&app, "POST", "/api/v1/records/source", &editor, Some(&body)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{reply}");
    assert!(reply.to_string().contains("file_sha256"), "{reply}");
    assert!(
        app.state
            .store
            .get(EntityKind::Source, id)
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn a_role_below_the_confidential_role_reads_no_confidential_source() {
    let app = app().await;
    let commitment = first_commitment(&app).await;
    let (source_id, stored, title) = a_cited_source(&app, &commitment).await;
    let mut closed = stored.entity.clone();
    closed.confidential = true;
    let context = service::context("editor", Some("Protect a witness")).unwrap();
    Services::new(app.state.store.as_ref())
        .update(&context, Entity::Source(closed), stored.meta.version)
        .await
        .unwrap();
    // Approved as confidential, then lifted by an editor: the lift waits
    // for review, for a viewer as for the public.
    let admin = user(&app, "admin").await;
    approve(&app, &admin, EntityKind::Source, source_id.uuid()).await;
    let mut lifted = app
        .state
        .store
        .get_record(source_id)
        .await
        .unwrap()
        .unwrap();
    lifted.entity.confidential = false;
    Services::new(app.state.store.as_ref())
        .update(&context, Entity::Source(lifted.entity), lifted.meta.version)
        .await
        .unwrap();
    let source_page = format!("/records/source/{source_id}");
    let development = a_published_development(&app, &commitment).await;
    let development_page = format!("/records/development/{}", development.entity.id());
    let scorecard = format!("/dossiers/{SLUG}/commitments/{commitment}");
    let mut viewer = crate::harness::as_role(&app, Some(Role::Viewer)).await;
    assert_eq!(viewer.get(&source_page).await.status, StatusCode::NOT_FOUND);
    for path in [
        development_page.as_str(),
        scorecard.as_str(),
        "/records/source",
        "/records/source/export.json",
        &format!("/dossiers/{SLUG}/export.json"),
    ] {
        let reply = viewer.get(path).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert!(!reply.body.contains(&title), "a viewer reads it on {path}");
    }
    let team_search = viewer.get("/search?q=media").await;
    assert!(!team_search.body.contains(&title));
    // Nor the team's draft memorandum, nor the API's record routes.
    let memo_path = format!("/dossiers/{SLUG}/memo?format=md&audience=team");
    let memo = viewer.get(&memo_path).await;
    assert_eq!(memo.status, StatusCode::OK);
    assert!(!memo.body.contains(&title), "the draft memo names it");
    let viewer_token = token(&app, Role::Viewer).await;
    let source_api = format!("/api/v1/records/source/{source_id}");
    for path in [source_api.clone(), format!("{source_api}/history")] {
        let (status, _) = send_json(&app, "GET", &path, &viewer_token, None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
    }
    let (status, list) = send_json(
        &app,
        "GET",
        "/api/v1/records/source?limit=100",
        &viewer_token,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(!list.to_string().contains(&source_id.to_string()));
    let editor_token = token(&app, Role::Editor).await;
    let (status, _) = send_json(&app, "GET", &source_api, &editor_token, None).await;
    assert_eq!(status, StatusCode::OK);
    // An editor (the default confidential role) reads it.
    let mut editor = crate::harness::as_role(&app, Some(Role::Editor)).await;
    let page = editor.get(&source_page).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&title));
    assert!(editor.get(&scorecard).await.body.contains(&title));
    assert!(editor.get(&memo_path).await.body.contains(&title));
}

#[tokio::test]
async fn the_teams_dossier_pages_mark_drafts_and_pending_changes() {
    let app = app().await;
    let commitment = first_commitment(&app).await;
    let page = format!("/dossiers/{SLUG}/commitments/{commitment}");
    let mut viewer = crate::harness::as_role(&app, Some(Role::Viewer)).await;
    let before = viewer.get(&page).await;
    assert_eq!(before.count("li.unpublished"), 0, "everything is published");
    let development = a_published_development(&app, &commitment).await;
    edit_development(&app, "editor", "Retitled by an editor", &development).await;
    let during = viewer.get(&page).await;
    let marked = during.texts("li.unpublished");
    assert_eq!(marked.len(), 1, "{marked:?}");
    assert!(marked[0].contains("Retitled by an editor"));
    assert!(marked[0].contains("Pending change — the public sees version"));
    let scorecard = viewer.get(&format!("/dossiers/{SLUG}")).await;
    assert_eq!(scorecard.count("tr.unpublished"), 0);
    // The public sees no marks, and the approved title.
    let public = Client::new(&app).get(&page).await;
    assert_eq!(public.count(".unpublished"), 0);
    assert!(!public.body.contains("Retitled by an editor"));
}

#[tokio::test]
async fn what_an_approval_publishes_with_it_is_not_the_reviewers_own_and_is_what_they_saw() {
    let app = app().await;
    let commitment = first_commitment(&app).await;
    let reviewer = user(&app, "reviewer").await;
    let services = Services::new(app.state.store.as_ref());
    // The reviewer writes a source; an editor cites it in a development.
    let (_, stored, _) = a_cited_source(&app, &commitment).await;
    let mine = pledgewatch_core::model::Source {
        id: pledgewatch_core::ids::SourceId::new(),
        title: "Reviewer's own source".into(),
        confidential: false,
        ..stored.entity.clone()
    };
    services
        .create(
            &service::context("reviewer", Some("found it")).unwrap(),
            Entity::Source(mine.clone()),
        )
        .await
        .unwrap();
    let development = a_published_development(&app, &commitment).await;
    let Entity::Development(mut d) = development.entity.clone() else {
        unreachable!()
    };
    d.id = pledgewatch_core::ids::DevelopmentId::new();
    d.sources = vec![mine.id];
    services
        .create(
            &service::context("editor", Some("new")).unwrap(),
            Entity::Development(d.clone()),
        )
        .await
        .unwrap();
    let with = |needed: Vec<(uuid::Uuid, i64)>, version: i64| Approval {
        with_references: true,
        seen_version: Some(version),
        seen_needed: Some(needed),
        ..Approval::default()
    };
    let refused = services
        .approve(
            &reviewer,
            EntityKind::Development,
            d.id.uuid(),
            with(vec![(mine.id.uuid(), 1)], 1),
        )
        .await
        .unwrap_err()
        .to_string();
    assert!(refused.contains("another reviewer"), "{refused}");
    assert!(
        app.state
            .store
            .published(&[mine.id.uuid()])
            .await
            .unwrap()
            .is_empty()
    );

    // Another reviewer: refused when the version or the list changed since
    // they looked, accepted as seen.
    let admin = user(&app, "admin").await;
    let stale = services
        .approve(
            &admin,
            EntityKind::Development,
            d.id.uuid(),
            with(vec![(mine.id.uuid(), 1)], 0),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(stale, pledgewatch_core::Error::Conflict { .. }),
        "{stale}"
    );
    let changed = services
        .approve(
            &admin,
            EntityKind::Development,
            d.id.uuid(),
            with(vec![], 1),
        )
        .await
        .unwrap_err()
        .to_string();
    assert!(changed.contains("changed since you looked"), "{changed}");
    assert!(changed.contains("Reviewer's own source"), "{changed}");
    services
        .approve(
            &admin,
            EntityKind::Development,
            d.id.uuid(),
            with(vec![(mine.id.uuid(), 1)], 1),
        )
        .await
        .unwrap();
    assert_eq!(
        app.state
            .store
            .published(&[mine.id.uuid(), d.id.uuid()])
            .await
            .unwrap()
            .len(),
        2
    );
}

#[tokio::test]
async fn a_published_file_stays_downloadable_while_its_replacement_waits() {
    let app = app().await;
    let commitment = first_commitment(&app).await;
    let (source_id, stored, _) = a_cited_source(&app, &commitment).await;
    let store = app.state.store.as_ref();
    let old = store
        .put_file("application/pdf", b"%PDF-1.4 the approved file")
        .await
        .unwrap();
    let new = store
        .put_file("application/pdf", b"%PDF-1.4 the proposed file")
        .await
        .unwrap();
    let services = Services::new(store);
    let mut with_file = stored.entity.clone();
    with_file.file_sha256 = Some(old.clone());
    services
        .update(
            &service::context("editor", Some("attach")).unwrap(),
            Entity::Source(with_file.clone()),
            stored.meta.version,
        )
        .await
        .unwrap();
    let admin = user(&app, "admin").await;
    approve(&app, &admin, EntityKind::Source, source_id.uuid()).await;
    let mut replaced = with_file;
    replaced.file_sha256 = Some(new.clone());
    services
        .update(
            &service::context("editor", Some("replace")).unwrap(),
            Entity::Source(replaced),
            stored.meta.version + 1,
        )
        .await
        .unwrap();
    let mut anon = Client::new(&app);
    let file = |sha: &pledgewatch_core::model::Sha256Hex| format!("/files/{}", sha.as_str());
    assert_eq!(anon.get(&file(&old)).await.status, StatusCode::OK);
    assert_eq!(anon.get(&file(&new)).await.status, StatusCode::NOT_FOUND);
    approve(&app, &admin, EntityKind::Source, source_id.uuid()).await;
    assert_eq!(anon.get(&file(&old)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(anon.get(&file(&new)).await.status, StatusCode::OK);
}

#[tokio::test]
async fn the_review_diff_shows_what_changed_not_a_reordered_list_or_a_relabelled_reference() {
    let app = app().await;
    let commitment = first_commitment(&app).await;
    let id: uuid::Uuid = commitment.parse().unwrap();
    let services = Services::new(app.state.store.as_ref());
    // A published development with several sources.
    let developments = app
        .state
        .store
        .referring(EntityKind::Development, EntityKind::Commitment, &[id])
        .await
        .unwrap();
    let stored = developments
        .into_iter()
        .find(|d| matches!(&d.entity, Entity::Development(d) if d.sources.len() > 1))
        .expect("a development with two sources");
    let Entity::Development(mut d) = stored.entity.clone() else {
        unreachable!()
    };
    d.sources.reverse();
    d.title = "Only the title changed".parse().unwrap();
    d.effects = d.effects.iter().rev().cloned().collect();
    let context = service::context("editor", Some("retitle")).unwrap();
    services
        .update(
            &context,
            Entity::Development(d.clone()),
            stored.meta.version,
        )
        .await
        .unwrap();
    // The commitment it affects gets a pending statement too.
    let c = app
        .state
        .store
        .get(EntityKind::Commitment, id)
        .await
        .unwrap()
        .unwrap();
    let Entity::Commitment(mut edited) = c.entity.clone() else {
        unreachable!()
    };
    edited.statement = "Statement pending review".parse().unwrap();
    services
        .update(&context, Entity::Commitment(edited), c.meta.version)
        .await
        .unwrap();
    let mut reviewer = crate::harness::as_role(&app, Some(Role::Reviewer)).await;
    let queue = reviewer.get("/review").await;
    let rows = queue.texts(&format!("#r-{} table.diff tbody th", d.id));
    assert_eq!(rows, ["Title"], "{}", queue.body);
    // The lines of a text in another order are a change.
    let now = app
        .state
        .store
        .get(EntityKind::Development, d.id.uuid())
        .await
        .unwrap()
        .unwrap();
    let Entity::Development(mut swapped) = now.entity.clone() else {
        unreachable!()
    };
    swapped.summary = "Second line.\nFirst line.".parse().unwrap();
    let before = {
        let mut b = swapped.clone();
        b.summary = "First line.\nSecond line.".parse().unwrap();
        b
    };
    services
        .update(&context, Entity::Development(before), now.meta.version)
        .await
        .unwrap();
    let admin = user(&app, "admin").await;
    approve(&app, &admin, EntityKind::Development, d.id.uuid()).await;
    services
        .update(&context, Entity::Development(swapped), now.meta.version + 1)
        .await
        .unwrap();
    let queue = reviewer.get("/review").await;
    let rows = queue.texts(&format!("#r-{} table.diff tbody th", d.id));
    assert!(
        rows.iter()
            .any(|r| r.contains("ummary") || r.contains("What happened")),
        "{rows:?}"
    );
}

#[tokio::test]
async fn withdrawing_a_record_does_not_make_a_reviewers_own_edit_approvable_by_them() {
    let app = app().await;
    let commitment = first_commitment(&app).await;
    let development = a_published_development(&app, &commitment).await;
    edit_development(&app, "reviewer", "Reviewer's own wording", &development).await;
    let reviewer = user(&app, "reviewer").await;
    let services = Services::new(app.state.store.as_ref());
    let id = development.entity.id();
    services
        .set_published("reviewer", EntityKind::Development, id, false)
        .await
        .unwrap();
    let err = services
        .approve(&reviewer, EntityKind::Development, id, Approval::default())
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("another reviewer"), "{err}");
    assert!(
        !public_text(&app, &commitment)
            .await
            .contains("Reviewer's own wording")
    );
}

#[tokio::test]
async fn an_approval_is_refused_when_what_it_publishes_with_it_changed_since() {
    let app = app().await;
    let commitment = first_commitment(&app).await;
    let (_, stored, _) = a_cited_source(&app, &commitment).await;
    let services = Services::new(app.state.store.as_ref());
    let editor = service::context("editor", Some("new")).unwrap();
    let source = pledgewatch_core::model::Source {
        id: pledgewatch_core::ids::SourceId::new(),
        title: "Benign source".into(),
        confidential: false,
        ..stored.entity.clone()
    };
    services
        .create(&editor, Entity::Source(source.clone()))
        .await
        .unwrap();
    let quote = pledgewatch_core::model::Quote {
        id: pledgewatch_core::ids::QuoteId::new(),
        source: source.id,
        text: "Words from the benign source".parse().unwrap(),
        locator: None,
        speaker: None,
    };
    services
        .create(&editor, Entity::Quote(quote.clone()))
        .await
        .unwrap();
    // The reviewer is shown the quote and, to publish with it, source v1.
    let seen = Approval {
        with_references: true,
        seen_version: Some(1),
        seen_needed: Some(vec![(source.id.uuid(), 1)]),
        ..Approval::default()
    };
    // Then the editor changes the source.
    let mut changed = source.clone();
    changed.title = "Changed after the reviewer looked".into();
    services
        .update(&editor, Entity::Source(changed), 1)
        .await
        .unwrap();
    let reviewer = user(&app, "reviewer").await;
    let err = services
        .approve(&reviewer, EntityKind::Quote, quote.id.uuid(), seen)
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("changed since you looked"), "{err}");
    assert!(
        app.state
            .store
            .published(&[source.id.uuid(), quote.id.uuid()])
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn a_draft_source_made_confidential_stays_closed_to_viewers_when_lifted_unreviewed() {
    let app = app().await;
    let commitment = first_commitment(&app).await;
    let (_, stored, _) = a_cited_source(&app, &commitment).await;
    let services = Services::new(app.state.store.as_ref());
    let editor = service::context("editor", Some("new")).unwrap();
    let mut source = pledgewatch_core::model::Source {
        id: pledgewatch_core::ids::SourceId::new(),
        title: "Walrus witness statement".into(),
        confidential: true,
        ..stored.entity.clone()
    };
    services
        .create(&editor, Entity::Source(source.clone()))
        .await
        .unwrap();
    source.confidential = false;
    services
        .update(&editor, Entity::Source(source.clone()), 1)
        .await
        .unwrap();
    let mut viewer = crate::harness::as_role(&app, Some(Role::Viewer)).await;
    let page = format!("/records/source/{}", source.id);
    assert_eq!(viewer.get(&page).await.status, StatusCode::NOT_FOUND);
    assert!(!viewer.get("/records/source").await.body.contains("Walrus"));
    assert!(
        !viewer
            .get("/search?q=Walrus")
            .await
            .body
            .contains("Walrus witness")
    );
    // Approved by a reviewer as not confidential, it is open to them.
    let reviewer = user(&app, "reviewer").await;
    approve(&app, &reviewer, EntityKind::Source, source.id.uuid()).await;
    assert_eq!(viewer.get(&page).await.status, StatusCode::OK);
}
