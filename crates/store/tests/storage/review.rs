//! Publication keeps the approved version (decision 0016): what each
//! backend stores and answers for the public projection and the review
//! queue — published bodies and their references, pending changes,
//! removals that wait, send-backs in the audit log.

use pledgewatch_core::accounts::Role;
use pledgewatch_core::audit::{AuditAction, AuditSubject};
use pledgewatch_core::error::Error;
use pledgewatch_core::model::*;
use pledgewatch_core::public::PublicStore;
use pledgewatch_core::service::Services;
use pledgewatch_core::service::review::Approval;
use pledgewatch_core::storage::{Change, Storage};

use crate::harness::{TestDb, context, load_demo};
use crate::suite::user;

/// The demo, all published, and one of its published developments.
async fn published_demo(db: &TestDb) -> Stored<Entity> {
    load_demo(&db.store).await;
    let mut publish = Vec::new();
    for kind in EntityKind::ALL {
        for s in db.store.list(*kind, 10_000, 0).await.unwrap() {
            publish.push(Change::Publish {
                kind: *kind,
                id: s.entity.id(),
            });
        }
    }
    Services::new(&db.store)
        .apply(&context("publish all"), publish)
        .await
        .unwrap();
    db.store
        .list(EntityKind::Development, 1, 0)
        .await
        .unwrap()
        .remove(0)
}

fn retitled(stored: &Stored<Entity>, title: &str) -> Entity {
    let Entity::Development(mut d) = stored.entity.clone() else {
        panic!("not a development")
    };
    d.title = title.parse().unwrap();
    Entity::Development(d)
}

pub async fn an_edit_waits_in_the_queue_and_the_public_keeps_the_approved_body(db: &TestDb) {
    let development = published_demo(db).await;
    let id = development.entity.id();
    assert!(db.store.pending(100).await.unwrap().is_empty());
    let editor = "editor";
    Services::new(&db.store)
        .update(
            &pledgewatch_core::service::context(editor, Some("retitle")).unwrap(),
            retitled(&development, "Pending title"),
            development.meta.version,
        )
        .await
        .unwrap();
    let pending = db.store.pending(100).await.unwrap();
    assert_eq!(pending.len(), 1, "{pending:?}");
    assert_eq!(pending[0].id, id);
    assert_eq!(pending[0].version, development.meta.version + 1);
    assert_eq!(pending[0].published_version, Some(development.meta.version));
    assert!(!pending[0].removed);
    let public = db
        .store
        .published_records(EntityKind::Development, &[id])
        .await
        .unwrap();
    assert_eq!(public[0].entity, development.entity, "the approved body");
    assert_eq!(public[0].meta.version, development.meta.version);
    let projected = PublicStore::new(&db.store)
        .get(EntityKind::Development, id)
        .await
        .unwrap()
        .unwrap();
    assert_ne!(
        projected.entity.label(),
        retitled(&development, "Pending title").label()
    );

    // Sent back: an audit entry with the comment, nothing else changes.
    let reviewer = user("reviewer", Role::Reviewer);
    let services = Services::new(&db.store);
    let entry = services
        .send_back(&reviewer, EntityKind::Development, id, "Cite the gazette")
        .await
        .unwrap();
    assert_eq!(entry.action, AuditAction::SendBack);
    assert_eq!(entry.reason.as_deref(), Some("Cite the gazette"));
    assert_eq!(
        services
            .sent_back(EntityKind::Development, id)
            .await
            .unwrap()
            .unwrap()
            .seq,
        entry.seq
    );
    assert_eq!(db.store.pending(100).await.unwrap().len(), 1);
    assert!(db.store.verify_audit().await.unwrap().broken.is_none());

    // Approved by another: the public body is the new one, nothing waits.
    services
        .approve(&reviewer, EntityKind::Development, id, Approval::default())
        .await
        .unwrap();
    assert!(db.store.pending(100).await.unwrap().is_empty());
    let public = db
        .store
        .published_records(EntityKind::Development, &[id])
        .await
        .unwrap();
    assert_eq!(public[0].meta.version, development.meta.version + 1);
    assert!(public[0].entity.label().contains("Pending title"));
    assert!(
        services
            .sent_back(EntityKind::Development, id)
            .await
            .unwrap()
            .is_none()
    );
    let again = services
        .approve(&reviewer, EntityKind::Development, id, Approval::default())
        .await
        .unwrap_err();
    assert!(matches!(again, Error::Refused(_)), "{again}");
}

pub async fn a_removal_waits_and_the_published_references_answer_for_the_public(db: &TestDb) {
    let development = published_demo(db).await;
    let id = development.entity.id();
    let Entity::Development(d) = &development.entity else {
        unreachable!()
    };
    let source = d.sources[0].uuid();
    // The published references answer "what refers to this source".
    let citing = db
        .store
        .published_referring(EntityKind::Development, EntityKind::Source, &[source])
        .await
        .unwrap();
    assert!(citing.iter().any(|c| c.entity.id() == id));
    // An editor's new draft citing the same source is not among them.
    let draft = Development {
        id: pledgewatch_core::ids::DevelopmentId::new(),
        ..d.clone()
    };
    Services::new(&db.store)
        .create(&context("draft"), Entity::Development(draft.clone()))
        .await
        .unwrap();
    let citing = db
        .store
        .published_referring(EntityKind::Development, EntityKind::Source, &[source])
        .await
        .unwrap();
    assert!(!citing.iter().any(|c| c.entity.id() == draft.id.uuid()));

    // Removing a published one no rating rests on keeps it public until
    // a reviewer approves the removal.
    let mut free = None;
    for d in db
        .store
        .list(EntityKind::Development, 10_000, 0)
        .await
        .unwrap()
    {
        let rated = db
            .store
            .referring(
                EntityKind::Assessment,
                EntityKind::Development,
                &[d.entity.id()],
            )
            .await
            .unwrap();
        if rated.is_empty() && d.entity.id() != draft.id.uuid() {
            free = Some(d);
            break;
        }
    }
    let stored = free.expect("a development no rating rests on");
    let id = stored.entity.id();
    let services = Services::new(&db.store);
    services
        .delete(
            &context("superseded"),
            EntityKind::Development,
            id,
            stored.meta.version,
        )
        .await
        .unwrap();
    let pending = db.store.pending(100).await.unwrap();
    assert!(
        pending.iter().any(|p| p.id == id && p.removed),
        "{pending:?}"
    );
    assert!(
        PublicStore::new(&db.store)
            .get(EntityKind::Development, id)
            .await
            .unwrap()
            .is_some(),
        "still public before review"
    );
    let reviewer = user("reviewer", Role::Reviewer);
    services
        .approve(&reviewer, EntityKind::Development, id, Approval::default())
        .await
        .unwrap();
    assert!(db.store.published(&[id]).await.unwrap().is_empty());
    assert!(
        !db.store
            .pending(100)
            .await
            .unwrap()
            .iter()
            .any(|p| p.id == id)
    );
    let history = db
        .store
        .history(AuditSubject::Record(EntityKind::Development), id)
        .await
        .unwrap();
    assert_eq!(history.last().unwrap().action, AuditAction::Unpublish);
}
