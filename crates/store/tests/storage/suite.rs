//! The tests themselves, each taking a fresh database of either backend.

use chrono::NaiveDate;
use pledgewatch_core::accounts::{Accounts, ApiToken, Role, Session, User};
use pledgewatch_core::audit::AuditSubject;
use pledgewatch_core::date::{PreciseDate, parse_day};
use pledgewatch_core::drafting;
use pledgewatch_core::error::Error;
use pledgewatch_core::facts::DeadlineState;
use pledgewatch_core::ids::*;
use pledgewatch_core::model::Records;
use pledgewatch_core::model::*;
use pledgewatch_core::service::Services;
use pledgewatch_core::service::review::Approval;
use pledgewatch_core::storage::{Change, SearchQuery, Storage};
use pledgewatch_core::view::{Audience, dossier_view};
use pledgewatch_store::schema::TABLES;
use pledgewatch_testkit::build;

use crate::harness::{TestDb, audit_len, context, load_demo};
pub use crate::typed_rows::a_null_in_a_required_column_is_a_storage_error_naming_table_and_column;

fn day(s: &str) -> NaiveDate {
    parse_day(s).unwrap()
}

pub fn demo_slug() -> Slug {
    Slug::parse("kazakhstan-osce-2010").unwrap()
}

fn actor(name: &str) -> Actor {
    build::actor(name).build()
}

pub async fn migrations_create_exactly_the_columns_the_specs_name(db: &TestDb) {
    for table in TABLES {
        let mut have = db.store.table_columns(table.name).await.unwrap();
        // The version the public sees, kept by the publications' triggers
        // for the review queue's index (migration 0010); derived, so not
        // part of a backup.
        if table.entity.is_some() {
            have.retain(|c| c != "published_version");
        }
        let want: Vec<String> = table
            .all_columns()
            .iter()
            .map(|c| c.name.to_owned())
            .collect();
        assert_eq!(have, want, "{}: table {}", db.backend, table.name);
    }
}

pub async fn every_demo_entity_reads_back_as_it_was_written(db: &TestDb) {
    let parsed = pledgewatch_core::dataset::parse(pledgewatch_core::dataset::DEMO).unwrap();
    let entities = pledgewatch_core::dataset::convert(&parsed)
        .unwrap()
        .entities;
    load_demo(&db.store).await;
    for entity in &entities {
        let stored = db
            .store
            .get(entity.kind(), entity.id())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(&stored.entity, entity);
        assert_eq!(stored.meta.version, 1);
    }
    // One audit entry per entity, each a creation.
    assert_eq!(audit_len(&db.store).await, entities.len() as i64);
}

pub async fn the_demo_dossier_shows_214_days_left_on_31_may_2008(db: &TestDb) {
    load_demo(&db.store).await;
    let view = dossier_view(&db.store, &demo_slug(), day("2008-05-31"))
        .await
        .unwrap();
    let reforms: Vec<_> = view
        .commitments
        .iter()
        .filter(|c| c.deadline.map(|d| d.date) == Some(day("2008-12-31")))
        .collect();
    assert_eq!(
        reforms.len(),
        3,
        "the media, election and party-registration reforms"
    );
    for c in reforms {
        assert_eq!(c.deadline_state, DeadlineState::Upcoming { days_left: 214 });
        assert_eq!(
            c.deadline.unwrap().precision,
            pledgewatch_core::date::Precision::Year
        );
        assert_eq!(c.made_by.as_ref().unwrap().name, "Marat Tazhin");
        assert_eq!(c.bound.name, "Kazakhstan");
        assert!(
            c.quote
                .as_ref()
                .unwrap()
                .text
                .contains("by the end of 2008")
        );
    }
}

pub async fn the_demo_dossier_shows_the_reforms_overdue_on_1_march_2009(db: &TestDb) {
    load_demo(&db.store).await;
    let view = dossier_view(&db.store, &demo_slug(), day("2009-03-01"))
        .await
        .unwrap();
    let overdue = view
        .commitments
        .iter()
        .filter(|c| matches!(c.deadline_state, DeadlineState::Overdue { days: 60 }))
        .count();
    assert_eq!(overdue, 3);
}

pub async fn the_view_as_of_a_past_date_ignores_what_came_later(db: &TestDb) {
    load_demo(&db.store).await;
    let before = dossier_view(&db.store, &demo_slug(), day("2008-05-31"))
        .await
        .unwrap();
    let after = dossier_view(&db.store, &demo_slug(), day("2009-05-20"))
        .await
        .unwrap();
    for c in &before.commitments {
        assert!(c.history.iter().all(|s| s.as_of <= day("2008-05-31")));
        assert!(
            c.developments
                .iter()
                .all(|d| d.date.latest() <= day("2008-05-31"))
        );
    }
    // The February 2009 amendments appear only in the later view.
    let mentions_feb_2009 = |v: &pledgewatch_core::view::DossierView| {
        v.commitments.iter().flat_map(|c| &c.developments).any(|d| {
            d.date.earliest() >= day("2009-02-01") && d.date.earliest() < day("2009-03-01")
        })
    };
    assert!(!mentions_feb_2009(&before));
    assert!(mentions_feb_2009(&after));
    // Before 2007-11-29 no commitment had been made.
    let madrid_eve = dossier_view(&db.store, &demo_slug(), day("2007-11-28"))
        .await
        .unwrap();
    assert!(madrid_eve.commitments.is_empty());
}

pub async fn the_demo_shows_regressions_where_sources_report_backtracking(db: &TestDb) {
    load_demo(&db.store).await;
    let view = dossier_view(&db.store, &demo_slug(), day("2025-01-01"))
        .await
        .unwrap();
    let media = view
        .commitments
        .iter()
        .find(|c| c.statement.contains("media"))
        .unwrap();
    assert!(
        media.history.iter().any(|s| s.regression),
        "the 2009 internet law is a step back"
    );
    assert!(view.regressions.iter().any(|r| r.commitment == media.id));
}

pub async fn an_edit_based_on_a_stale_version_is_refused_as_a_conflict(db: &TestDb) {
    let services = Services::new(&db.store);
    let a = actor("Kazakhstan");
    services
        .create(&context("add"), Entity::Actor(a.clone()))
        .await
        .unwrap();
    // Two people read version 1; the first saves, the second is refused.
    let first = Actor {
        name: "Republic of Kazakhstan".parse().unwrap(),
        ..a.clone()
    };
    let second = Actor {
        name: "Kazakstan".parse().unwrap(),
        ..a.clone()
    };
    services
        .update(&context("rename"), Entity::Actor(first.clone()), 1)
        .await
        .unwrap();
    let err = services
        .update(&context("rename"), Entity::Actor(second), 1)
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Conflict {
                expected: 1,
                actual: 2,
                ..
            }
        ),
        "{err}"
    );
    let stored = db
        .store
        .get(EntityKind::Actor, a.id.0)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.entity, Entity::Actor(first));
    assert_eq!(stored.meta.version, 2);
}

pub async fn two_concurrent_writers_never_lose_an_update(db: &TestDb) {
    let a = Actor {
        name: "0".parse().unwrap(),
        ..actor("counter")
    };
    Services::new(&db.store)
        .create(&context("add"), Entity::Actor(a.clone()))
        .await
        .unwrap();
    const EACH: usize = 15;
    let writer = |store: &'static pledgewatch_store::Store, id: ActorId| async move {
        let services = Services::new(store);
        let mut conflicts = 0;
        for _ in 0..EACH {
            loop {
                let stored = store.get(EntityKind::Actor, id.0).await.unwrap().unwrap();
                let Entity::Actor(mut current) = stored.entity else {
                    panic!()
                };
                current.name = (current.name.parse::<usize>().unwrap() + 1)
                    .to_string()
                    .parse()
                    .unwrap();
                match services
                    .update(
                        &context("count"),
                        Entity::Actor(current),
                        stored.meta.version,
                    )
                    .await
                {
                    Ok(_) => break,
                    Err(Error::Conflict { .. }) => conflicts += 1,
                    Err(e) => panic!("unexpected error: {e}"),
                }
            }
        }
        conflicts
    };
    // The store outlives both tasks; leak a reference for 'static.
    let store: &'static pledgewatch_store::Store = Box::leak(Box::new(
        pledgewatch_store::Store::open(&db.url, pledgewatch_store::OpenMode::MustExist)
            .await
            .unwrap(),
    ));
    let (x, y) = tokio::join!(
        tokio::spawn(writer(store, a.id)),
        tokio::spawn(writer(store, a.id))
    );
    let _conflicts = x.unwrap() + y.unwrap();
    let stored = db
        .store
        .get(EntityKind::Actor, a.id.0)
        .await
        .unwrap()
        .unwrap();
    let Entity::Actor(done) = stored.entity else {
        panic!()
    };
    assert_eq!(
        done.name,
        (2 * EACH).to_string(),
        "every increment survives"
    );
    assert_eq!(stored.meta.version, 1 + 2 * EACH as i64);
    assert!(db.store.verify_audit().await.unwrap().broken.is_none());
    store.close().await;
}

pub async fn a_dangling_reference_is_refused_and_the_batch_writes_nothing(db: &TestDb) {
    let services = Services::new(&db.store);
    let kz = actor("Kazakhstan");
    let commitment = build::commitment()
        .bound(&kz)
        .made_by_id(ActorId::new()) // nobody
        .build();
    let err = services
        .apply(
            &context("add"),
            vec![
                Change::Create(Entity::Actor(kz.clone())),
                Change::Create(Entity::Commitment(commitment)),
            ],
        )
        .await
        .unwrap_err();
    match err {
        Error::DanglingReference { field, kind, .. } => {
            assert_eq!(field, "made_by");
            assert_eq!(kind, "actor");
        }
        other => panic!("expected a dangling reference, got {other}"),
    }
    assert!(
        db.store
            .get(EntityKind::Actor, kz.id.0)
            .await
            .unwrap()
            .is_none(),
        "the whole batch was rolled back"
    );
    assert_eq!(audit_len(&db.store).await, 0);
}

/// An id names one record whatever its kind: links and history find a
/// record by it. A record of another kind is refused the id, whether it was
/// taken before or earlier in the same batch, and nothing is written.
pub async fn an_id_taken_by_a_record_of_another_kind_is_refused_and_nothing_is_written(
    db: &TestDb,
) {
    let services = Services::new(&db.store);
    let kz = actor("Kazakhstan");
    services
        .create(&context("add"), Entity::Actor(kz.clone()))
        .await
        .unwrap();
    let written = audit_len(&db.store).await;
    let same_id_as = |id: uuid::Uuid| {
        let mut commitment = build::commitment().bound(&kz).build();
        commitment.id = CommitmentId(id);
        Entity::Commitment(commitment)
    };

    let err = services
        .create(&context("same id"), same_id_as(kz.id.0))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Refused(_)), "{err}");
    let said = err.to_string();
    assert!(
        said.contains("actor") && said.contains(&kz.id.0.to_string()),
        "names the kind holding the id and the id: {said}"
    );
    assert!(
        db.store
            .get(EntityKind::Commitment, kz.id.0)
            .await
            .unwrap()
            .is_none()
    );

    let by = actor("Belarus");
    let err = services
        .apply(
            &context("both at once"),
            vec![
                Change::Create(Entity::Actor(by.clone())),
                Change::Create(same_id_as(by.id.0)),
            ],
        )
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Refused(_)), "{err}");
    assert!(
        db.store
            .get(EntityKind::Actor, by.id.0)
            .await
            .unwrap()
            .is_none(),
        "the whole batch was rolled back"
    );
    assert_eq!(audit_len(&db.store).await, written);
}

pub async fn a_removed_entity_leaves_lists_but_keeps_its_history(db: &TestDb) {
    let services = Services::new(&db.store);
    let a = actor("Kazakhstan");
    services
        .create(&context("add"), Entity::Actor(a.clone()))
        .await
        .unwrap();
    let no_reason = pledgewatch_core::service::context("tester", None).unwrap();
    let err = services
        .delete(&no_reason, EntityKind::Actor, a.id.0, 1)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("reason"), "{err}");
    services
        .delete(&context("entered twice"), EntityKind::Actor, a.id.0, 1)
        .await
        .unwrap();
    assert!(
        db.store
            .get_many(EntityKind::Actor, &[a.id.0])
            .await
            .unwrap()
            .is_empty()
    );
    let stored = db
        .store
        .get(EntityKind::Actor, a.id.0)
        .await
        .unwrap()
        .unwrap();
    assert!(stored.meta.deleted_at.is_some());
    // Asked in bulk, only the removed id is named, and only for its kind.
    let live = actor("Austria");
    services
        .create(&context("add"), Entity::Actor(live.clone()))
        .await
        .unwrap();
    let unknown = uuid::Uuid::new_v4();
    let ids = [live.id.0, a.id.0, unknown];
    assert_eq!(
        db.store.removed(EntityKind::Actor, &ids).await.unwrap(),
        [a.id.0]
    );
    assert!(
        db.store
            .removed(EntityKind::Concern, &ids)
            .await
            .unwrap()
            .is_empty()
    );
    let history = db
        .store
        .history(EntityKind::Actor.into(), a.id.0)
        .await
        .unwrap();
    let actions: Vec<&str> = history.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["create", "delete"]);
    assert_eq!(history[1].reason.as_deref(), Some("entered twice"));
    assert!(history[1].before.as_deref().unwrap().contains("Kazakhstan"));
    // Nothing new may refer to it, and it cannot be edited.
    let err = services
        .update(&context("edit"), Entity::Actor(a.clone()), 2)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Refused(_)), "{err}");
}

pub async fn an_entity_still_referred_to_cannot_be_removed(db: &TestDb) {
    load_demo(&db.store).await;
    let view = dossier_view(&db.store, &demo_slug(), day("2008-05-31"))
        .await
        .unwrap();
    let kz = view.commitments[0].bound.id;
    let before = audit_len(&db.store).await;
    let err = Services::new(&db.store)
        .delete(&context("try"), EntityKind::Actor, kz.0, 1)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("still refers to it"), "{err}");
    assert_eq!(audit_len(&db.store).await, before);
}

pub async fn moving_a_milestone_moves_the_deadlines_tied_to_it(db: &TestDb) {
    let services = Services::new(&db.store);
    let kz = actor("Kazakhstan");
    let chair = Milestone {
        id: MilestoneId::new(),
        title: "Kazakhstan assumes the OSCE chairmanship".parse().unwrap(),
        date: PreciseDate::parse("2010-01-01").unwrap(),
        description: None,
    };
    let c = Commitment {
        id: CommitmentId::new(),
        statement: "Take reform steps before the chairmanship".parse().unwrap(),
        bound: kz.id,
        made_by: None,
        occasion: None,
        made_on: PreciseDate::parse("2007-11-29").unwrap(),
        origin: Origin::Pledge,
        themes: vec![],
        quote: None,
        timing: Timing::ByDeadline {
            deadline: DateRef::Milestone {
                milestone: chair.id,
                offset_days: -1,
            },
            as_written: Some("prior to taking the chairmanship".into()),
        },
        condition: None,
        external_id: None,
    };
    let dossier = Dossier {
        id: DossierId::new(),
        slug: Slug::parse("kz").unwrap(),
        title: "KZ".parse().unwrap(),
        summary: None,
        scale: pledgewatch_core::scale::ScaleId::Default,
        commitments: vec![c.id],
        concerns: vec![],
        milestones: vec![chair.id],
        recipient_lists: vec![],
        signatories: vec![],
        summary_as_of: None,
        earlier_summaries: Vec::new(),
        stakes: None,
        publisher: None,
    };
    services
        .apply(
            &context("add"),
            vec![
                Change::Create(Entity::Actor(kz)),
                Change::Create(Entity::Milestone(chair.clone())),
                Change::Create(Entity::Commitment(c)),
                Change::Create(Entity::Dossier(dossier)),
            ],
        )
        .await
        .unwrap();
    let slug = Slug::parse("kz").unwrap();
    let deadline =
        |v: &pledgewatch_core::view::DossierView| v.commitments[0].deadline.unwrap().date;
    assert_eq!(
        deadline(
            &dossier_view(&db.store, &slug, day("2008-01-01"))
                .await
                .unwrap()
        ),
        day("2009-12-31")
    );
    let moved = Milestone {
        date: PreciseDate::parse("2011-01-01").unwrap(),
        ..chair
    };
    services
        .update(&context("postponed"), Entity::Milestone(moved), 1)
        .await
        .unwrap();
    assert_eq!(
        deadline(
            &dossier_view(&db.store, &slug, day("2008-01-01"))
                .await
                .unwrap()
        ),
        day("2010-12-31")
    );
}

pub async fn the_audit_chain_verifies_after_ordinary_work(db: &TestDb) {
    let n = load_demo(&db.store).await;
    let report = db.store.verify_audit().await.unwrap();
    assert_eq!(report.broken, None);
    assert_eq!(report.entries, n as i64);
}

async fn demo_with_chain(db: &TestDb) -> i64 {
    load_demo(&db.store).await;
    let n = audit_len(&db.store).await;
    assert!(n > 10);
    n
}

async fn first_broken(db: &TestDb) -> i64 {
    let report = db.store.verify_audit().await.unwrap();
    report.broken.expect("verify must find the tampering").seq
}

pub async fn an_edited_audit_entry_is_named_by_verify(db: &TestDb) {
    demo_with_chain(db).await;
    db.store
        .execute_raw("UPDATE audit_log SET actor = 'someone else' WHERE seq = 7")
        .await
        .unwrap();
    assert_eq!(first_broken(db).await, 7);
}

pub async fn a_deleted_audit_entry_is_named_by_verify(db: &TestDb) {
    demo_with_chain(db).await;
    db.store
        .execute_raw("DELETE FROM audit_log WHERE seq = 5")
        .await
        .unwrap();
    assert_eq!(first_broken(db).await, 6);
}

pub async fn reordered_audit_entries_are_named_by_verify(db: &TestDb) {
    demo_with_chain(db).await;
    // Swap entries 3 and 4 by their sequence numbers.
    db.store
        .execute_raw("UPDATE audit_log SET seq = -4 WHERE seq = 4")
        .await
        .unwrap();
    db.store
        .execute_raw("UPDATE audit_log SET seq = 4 WHERE seq = 3")
        .await
        .unwrap();
    db.store
        .execute_raw("UPDATE audit_log SET seq = 3 WHERE seq = -4")
        .await
        .unwrap();
    assert_eq!(first_broken(db).await, 3);
}

/// The `after` and `after_sha256` columns of an entity's audit entries, as
/// the database holds them, in order.
async fn stored_afters(db: &TestDb, id: uuid::Uuid) -> Vec<(serde_json::Value, serde_json::Value)> {
    let dump = db.store.dump().await.unwrap();
    let log = dump.iter().find(|t| t.table == "audit_log").unwrap();
    let col = |name: &str| log.columns.iter().position(|c| c == name).unwrap();
    let (entity, after, hash) = (col("entity_id"), col("after"), col("after_sha256"));
    log.rows
        .iter()
        .filter(|r| r[entity] == serde_json::Value::String(id.to_string()))
        .map(|r| (r[after].clone(), r[hash].clone()))
        .collect()
}

/// Renames an actor at its first version, through the services.
async fn rename_first_version(db: &TestDb, actor: &Actor, name: &str) {
    let renamed = Actor {
        name: name.parse().unwrap(),
        ..actor.clone()
    };
    Services::new(&db.store)
        .apply(
            &context("rename"),
            vec![Change::Update {
                entity: Entity::Actor(renamed),
                expected_version: 1,
            }],
        )
        .await
        .unwrap();
}

/// Changes a Tanganyika actor's row directly in the database, as someone
/// with access to the file or the server could.
async fn misspell_row_outside_pledgewatch(db: &TestDb, actor: &Actor) {
    db.store
        .execute_raw(&format!(
            "UPDATE actors SET body = replace(body, 'Tanganyika', 'Tanganyyika') WHERE id = '{}'",
            actor.id.0
        ))
        .await
        .unwrap();
}

pub async fn a_creation_is_audited_by_its_body_hash_and_its_body_found_again(db: &TestDb) {
    let first = build::actor("Zanzibar").create(db).await;
    let id = first.id.0;
    let body = serde_json::to_string(&Entity::Actor(first.clone())).unwrap();
    // The entry holds the body's hash, not the body.
    let stored = stored_afters(db, id).await;
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].0, serde_json::Value::Null, "{}", db.backend);
    assert_eq!(
        stored[0].1,
        serde_json::Value::String(pledgewatch_core::audit::AuditEntry::body_sha256(&body))
    );
    // The history shows it, from the record's row and, once the record has
    // changed, from the change's `before`.
    let history = || {
        db.store
            .history(AuditSubject::Record(EntityKind::Actor), id)
    };
    assert_eq!(
        history().await.unwrap()[0].after.as_deref(),
        Some(body.as_str())
    );
    rename_first_version(db, &first, "Zanzibar and Pemba").await;
    let entries = history().await.unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0].after.as_deref(), Some(body.as_str()));
    assert_eq!(entries[1].before.as_deref(), Some(body.as_str()));
    assert!(entries[1].after.as_deref().unwrap().contains("Pemba"));
    assert_eq!(db.store.verify_audit().await.unwrap().broken, None);

    // A record's row changed outside pledgewatch before its first change
    // no longer matches its creation: verify names the creation's entry,
    // and the history does not show the changed body as the created one.
    let second = build::actor("Tanganyika").create(db).await;
    let created_at = history_of(db, second.id.0).await[0].seq;
    misspell_row_outside_pledgewatch(db, &second).await;
    assert_eq!(first_broken(db).await, created_at);
    assert_eq!(history_of(db, second.id.0).await[0].after, None);
    // Copying the changed body beside the hash does not hide it.
    db.store
        .execute_raw(&format!(
            "UPDATE audit_log SET after = (SELECT body FROM actors WHERE id = '{}') WHERE seq = {created_at}",
            second.id.0
        ))
        .await
        .unwrap();
    assert_eq!(first_broken(db).await, created_at);
    assert_eq!(history_of(db, second.id.0).await[0].after, None);
}

pub async fn verify_names_the_entry_tampered_with_not_the_creation_it_holds_the_body_of(
    db: &TestDb,
) {
    let services = Services::new(&db.store);
    let first = build::actor("Zanzibar").create(db).await;
    rename_first_version(db, &first, "Zanzibar and Pemba").await;
    // A later entry of another record, so that the change is not the
    // newest entry.
    let later = Concern {
        id: ConcernId::new(),
        title: "A later concern".parse().unwrap(),
        description: "Written after the actor's change.".parse().unwrap(),
        themes: vec![],
        description_as_of: None,
        earlier_descriptions: vec![],
    };
    services
        .apply(
            &context("later"),
            vec![Change::Create(Entity::Concern(later))],
        )
        .await
        .unwrap();
    assert_eq!(db.store.verify_audit().await.unwrap().broken, None);
    let entries = history_of(db, first.id.0).await;
    assert_eq!(entries.len(), 2, "the actor's entries only");
    assert!(
        entries[0]
            .after
            .as_deref()
            .unwrap()
            .contains("\"Zanzibar\"")
    );
    let update = entries[1].seq;

    // The change's `before` edited: the change's own entry is named.
    db.store
        .execute_raw(&format!(
            "UPDATE audit_log SET before = replace(before, 'Zanzibar', 'Zanzibarr') WHERE seq = {update}"
        ))
        .await
        .unwrap();
    assert_eq!(first_broken(db).await, update);
    assert_eq!(history_of(db, first.id.0).await[0].after, None);

    // The change's entry deleted: the gap is named.
    db.store
        .execute_raw(&format!("DELETE FROM audit_log WHERE seq = {update}"))
        .await
        .unwrap();
    let report = db.store.verify_audit().await.unwrap();
    let broken = report.broken.unwrap();
    assert_eq!(broken.seq, update + 1, "{}", broken.reason);
    assert!(broken.reason.contains("sequence"), "{}", broken.reason);
}

pub async fn a_creations_hash_rewritten_to_a_changed_row_breaks_its_entry(db: &TestDb) {
    let actor = build::actor("Tanganyika").create(db).await;
    let created_at = history_of(db, actor.id.0).await[0].seq;
    misspell_row_outside_pledgewatch(db, &actor).await;
    let changed = history_of(db, actor.id.0).await;
    assert_eq!(changed[0].after, None);
    let body = serde_json::to_string(&Entity::Actor(Actor {
        name: "Tanganyyika".parse().unwrap(),
        ..actor.clone()
    }))
    .unwrap();
    db.store
        .execute_raw(&format!(
            "UPDATE audit_log SET after_sha256 = '{}' WHERE seq = {created_at}",
            pledgewatch_core::audit::AuditEntry::body_sha256(&body)
        ))
        .await
        .unwrap();
    let report = db.store.verify_audit().await.unwrap();
    let broken = report.broken.unwrap();
    assert_eq!(broken.seq, created_at);
    assert!(
        broken.reason.contains("does not match its hash"),
        "{}",
        broken.reason
    );
    // The history does not show the changed row as the creation either.
    assert_eq!(history_of(db, actor.id.0).await[0].after, None);
}

async fn history_of(db: &TestDb, id: uuid::Uuid) -> Vec<pledgewatch_core::audit::AuditEntry> {
    db.store
        .history(AuditSubject::Record(EntityKind::Actor), id)
        .await
        .unwrap()
}

pub async fn removing_the_newest_audit_entry_is_named_by_verify(db: &TestDb) {
    let n = demo_with_chain(db).await;
    db.store
        .execute_raw(&format!("DELETE FROM audit_log WHERE seq = {n}"))
        .await
        .unwrap();
    assert_eq!(first_broken(db).await, n);
}

fn query(text: &str, include_confidential: bool) -> SearchQuery {
    SearchQuery {
        text: text.into(),
        kinds: vec![],
        include_confidential,
        include_drafts: true,
        limit: 20,
    }
}

pub async fn search_ranks_matches_and_returns_snippets(db: &TestDb) {
    load_demo(&db.store).await;
    let hits = db.search(&query("media law", true)).await.unwrap();
    assert!(!hits.is_empty());
    assert!(
        hits.windows(2).all(|w| w[0].score >= w[1].score),
        "ranked best first"
    );
    assert!(
        hits.iter()
            .any(|h| h.kind == EntityKind::Commitment && h.title == "Amend the media law")
    );
    let top = &hits[0];
    assert!(
        top.snippet.contains(pledgewatch_core::storage::MATCH_START)
            && top.snippet.contains(pledgewatch_core::storage::MATCH_END),
        "{}",
        top.snippet
    );
    let only = db
        .search(&SearchQuery {
            kinds: vec![EntityKind::Commitment],
            ..query("media", true)
        })
        .await
        .unwrap();
    assert!(!only.is_empty() && only.iter().all(|h| h.kind == EntityKind::Commitment));
}

async fn add_concern(db: &TestDb, title: &str, description: &str) -> ConcernId {
    build::concern(title)
        .description(description)
        .create(db)
        .await
        .id
}

pub async fn search_finds_cyrillic_and_accented_french_text(db: &TestDb) {
    let ru = add_concern(
        db,
        "Свобода собраний",
        "Полиция задержала участников мирного собрания в Алматы.",
    )
    .await;
    let fr = add_concern(
        db,
        "Élections législatives",
        "La réforme électorale promise n'a pas été adoptée avant la présidence.",
    )
    .await;
    add_concern(db, "Unrelated", "Nothing to see here.").await;
    for (text, expected) in [
        ("собрания", ru),
        ("СВОБОДА", ru),
        ("Алматы", ru),
        ("réforme", fr),
        ("élections", fr),
        ("ÉLECTIONS législatives", fr),
    ] {
        let hits = db.search(&query(text, false)).await.unwrap();
        assert_eq!(hits.len(), 1, "{}: '{text}' gave {hits:?}", db.backend);
        assert_eq!(hits[0].id, expected.0, "{text}");
    }
}

pub async fn search_never_returns_confidential_sources_to_the_public(db: &TestDb) {
    let secret = Source {
        id: SourceId::new(),
        title: "Interview notes with a detained journalist".into(),
        publisher: None,
        author: None,
        published: Some(PreciseDate::parse("2022-01-05").unwrap()),
        url: None,
        language: Some("en".into()),
        confidential: true,
        text: Some("The witness described the zhanaozen events.".into()),
        file_sha256: None,
        note: None,
        known_from: None,
        own_document: false,
    };
    let quote = Quote {
        id: QuoteId::new(),
        source: secret.id,
        text: "They beat us in zhanaozen.".parse().unwrap(),
        locator: None,
        speaker: None,
    };
    Services::new(&db.store)
        .apply(
            &context("add"),
            vec![
                Change::Create(Entity::Source(secret)),
                Change::Create(Entity::Quote(quote)),
            ],
        )
        .await
        .unwrap();
    assert!(
        db.search(&query("zhanaozen", false))
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(db.search(&query("zhanaozen", true)).await.unwrap().len(), 2);
}

pub async fn hostile_search_text_is_searched_for_not_executed(db: &TestDb) {
    load_demo(&db.store).await;
    for text in [
        "\"",
        "media OR",
        "NEAR(a b)",
        "*",
        "'; DROP TABLE actors; --",
        "a AND NOT",
        "^media",
        "col:media",
        ")(",
        "\0media",
        "media\u{1}\u{7f} law",
    ] {
        let result = db.search(&query(text, false)).await;
        assert!(result.is_ok(), "{text}: {result:?}");
    }
    assert!(
        db.search(&query("   ", false)).await.is_err(),
        "an empty query is an input error"
    );
    assert!(
        matches!(
            db.search(&query("\0\u{1}", false)).await,
            Err(Error::Invalid(_))
        ),
        "control characters alone are no words"
    );
    assert_eq!(db.store.list_dossiers().await.unwrap().len(), 1);
}

pub async fn backup_and_restore_into_an_empty_database_gives_identical_tables(db: &TestDb) {
    load_demo(&db.store).await;
    // Some edits and a removal, so that versions and deletions are covered.
    let services = Services::new(&db.store);
    let a = actor("Extra");
    services
        .create(&context("add"), Entity::Actor(a.clone()))
        .await
        .unwrap();
    services
        .delete(&context("mistake"), EntityKind::Actor, a.id.0, 1)
        .await
        .unwrap();
    let original = db.store.dump().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("backup.jsonl");
    pledgewatch_store::backup::write(&file, db.backend.as_str(), 1, &original).unwrap();
    let read = pledgewatch_store::backup::read(&file).unwrap();

    let target = db.another("restore_target").await;
    target.store.restore(read.tables).await.unwrap();
    let restored = target.store.dump().await.unwrap();
    assert_eq!(restored.len(), original.len());
    for (a, b) in original.iter().zip(&restored) {
        assert_eq!(a, b, "table {} differs after restore", a.table);
    }
    assert!(target.store.verify_audit().await.unwrap().broken.is_none());
    // The restored database works: search and views.
    assert!(
        !target
            .search(&query("media", true))
            .await
            .unwrap()
            .is_empty()
    );
    dossier_view(&target.store, &demo_slug(), day("2008-05-31"))
        .await
        .unwrap();
    target.drop_database().await;
}

pub async fn restore_into_a_database_that_is_not_empty_is_refused_and_changes_nothing(db: &TestDb) {
    load_demo(&db.store).await;
    let dump = db.store.dump().await.unwrap();
    let err = db.store.restore(dump.clone()).await.unwrap_err();
    assert!(matches!(err, Error::Refused(_)), "{err}");
    assert_eq!(db.store.dump().await.unwrap(), dump);
}

pub async fn a_duplicate_dossier_slug_is_refused_naming_the_field(db: &TestDb) {
    load_demo(&db.store).await;
    let copy = Dossier {
        id: DossierId::new(),
        slug: demo_slug(),
        title: "Copy".parse().unwrap(),
        summary: None,
        scale: pledgewatch_core::scale::ScaleId::Default,
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
    let err = Services::new(&db.store)
        .create(&context("copy"), Entity::Dossier(copy))
        .await
        .unwrap_err();
    match err {
        Error::Invalid(e) => assert_eq!(e.0[0].field, "slug"),
        other => panic!("{other}"),
    }
}

pub async fn the_public_sees_only_published_entities_and_never_confidential_sources(db: &TestDb) {
    load_demo(&db.store).await;
    let slug = demo_slug();
    // Nothing is published yet: the public finds no dossier.
    let err = pledgewatch_core::view::dossier_view_for(
        &db.store,
        &slug,
        day("2009-06-01"),
        Audience::Public,
    )
    .await
    .unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err}");
    assert!(db.search(&public_query("media")).await.unwrap().is_empty());

    // Publish the dossier and its first commitment only.
    let team = dossier_view(&db.store, &slug, day("2009-06-01"))
        .await
        .unwrap();
    let dossier = db.store.dossier_by_slug(&slug).await.unwrap().unwrap();
    let first = team.commitments[0].id;
    let latest = team.commitments[0].history.last().unwrap().assessment;
    let reviewer = user("reviewer", Role::Reviewer);
    let approval = Approval {
        with_references: true,
        allow_self_review: false,
        ..Approval::default()
    };
    for (kind, id) in [
        (EntityKind::Dossier, dossier.entity.id.0),
        (EntityKind::Commitment, first.0),
        (EntityKind::Assessment, latest.0),
    ] {
        Services::new(&db.store)
            .approve(&reviewer, kind, id, approval.clone())
            .await
            .unwrap();
    }
    let rests_on = db
        .store
        .get_record(latest)
        .await
        .unwrap()
        .unwrap()
        .entity
        .developments;
    let public = pledgewatch_core::view::dossier_view_for(
        &db.store,
        &slug,
        day("2009-06-01"),
        Audience::Public,
    )
    .await
    .unwrap();
    assert_eq!(public.commitments.len(), 1);
    assert_eq!(public.commitments[0].id, first);
    assert_eq!(
        public.commitments[0].history.len(),
        1,
        "only the published assessment"
    );
    let shown: Vec<DevelopmentId> = public.commitments[0]
        .developments
        .iter()
        .map(|d| d.id)
        .collect();
    assert!(!shown.is_empty());
    assert!(
        shown.iter().all(|d| rests_on.contains(d)),
        "only the developments published with the assessment: {shown:?}"
    );
    let hits = db.search(&public_query("media")).await.unwrap();
    let ids: Vec<uuid::Uuid> = hits.iter().map(|h| h.id).collect();
    let published = db.store.published(&ids).await.unwrap();
    assert!(hits.iter().any(|h| h.id == first.0), "{hits:?}");
    assert!(
        ids.iter().all(|id| published.contains_key(id)),
        "public search finds published records only: {hits:?}"
    );
    // Publishing twice is refused; unpublishing withdraws it.
    let again = Services::new(&db.store)
        .apply(
            &context("again"),
            vec![Change::Publish {
                kind: EntityKind::Commitment,
                id: first.0,
            }],
        )
        .await
        .unwrap_err();
    assert!(matches!(again, Error::Refused(_)), "{again}");
    Services::new(&db.store)
        .apply(
            &context("withdraw"),
            vec![Change::Unpublish {
                kind: EntityKind::Commitment,
                id: first.0,
            }],
        )
        .await
        .unwrap();
    let public = pledgewatch_core::view::dossier_view_for(
        &db.store,
        &slug,
        day("2009-06-01"),
        Audience::Public,
    )
    .await
    .unwrap();
    assert!(public.commitments.is_empty());
    let history = db
        .store
        .history(EntityKind::Commitment.into(), first.0)
        .await
        .unwrap();
    let actions: Vec<&str> = history.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["create", "publish", "unpublish"]);
    assert!(db.store.verify_audit().await.unwrap().broken.is_none());
}

fn public_query(text: &str) -> SearchQuery {
    SearchQuery {
        text: text.into(),
        kinds: vec![],
        include_confidential: false,
        include_drafts: false,
        limit: 20,
    }
}

pub fn user(name: &str, role: Role) -> User {
    User {
        id: UserId::new(),
        username: name.into(),
        display_name: name.to_uppercase(),
        role,
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo".into(),
        created_at: pledgewatch_core::audit::now(),
        disabled: false,
    }
}

pub async fn accounts_are_created_once_audited_without_their_secret_and_sessions_expire(
    db: &TestDb,
) {
    let alice = user("alice", Role::Editor);
    db.store
        .create_first_user(&context("setup"), user("admin", Role::Admin))
        .await
        .unwrap();
    let err = db
        .store
        .create_first_user(&context("setup"), user("mallory", Role::Admin))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Refused(_)), "setup runs once: {err}");
    db.store
        .create_user(&context("hire"), alice.clone())
        .await
        .unwrap();
    let err = db
        .store
        .create_user(&context("hire"), user("alice", Role::Viewer))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("already taken"), "{err}");
    assert_eq!(db.store.user_count().await.unwrap(), 2);
    assert_eq!(
        db.store.user_by_name("alice").await.unwrap().unwrap(),
        alice
    );
    db.store
        .set_role(&context("promote"), alice.id, Role::Reviewer)
        .await
        .unwrap();
    assert_eq!(
        db.store.user_by_id(alice.id).await.unwrap().unwrap().role,
        Role::Reviewer
    );
    let history = db
        .store
        .history(AuditSubject::User, alice.id.uuid())
        .await
        .unwrap();
    assert_eq!(history.len(), 2);
    assert!(
        history
            .iter()
            .all(|e| !e.after.as_deref().unwrap_or_default().contains("argon2")),
        "no secret in the log"
    );

    let now = pledgewatch_core::audit::now();
    let session = Session {
        token_hash: "f".repeat(64),
        user_id: alice.id,
        csrf_token: "c".repeat(43),
        created_at: now,
        expires_at: now + chrono::Duration::hours(8),
    };
    db.store.create_session(&session).await.unwrap();
    let (found, who) = db
        .store
        .session(&session.token_hash, now)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found, session);
    assert_eq!(who.username, "alice");
    assert!(
        db.store
            .session(&session.token_hash, now + chrono::Duration::hours(9))
            .await
            .unwrap()
            .is_none()
    );
    db.store.delete_session(&session.token_hash).await.unwrap();
    assert!(
        db.store
            .session(&session.token_hash, now)
            .await
            .unwrap()
            .is_none()
    );

    for ok in [false, false, true, false] {
        let attempt = pledgewatch_core::accounts::SignInAttempt {
            username: "alice".into(),
            user_id: None,
            success: ok,
            at: now,
            client: None,
        };
        db.store
            .record_sign_in(&attempt, Some(now - chrono::Duration::days(1)))
            .await
            .unwrap();
    }
    assert_eq!(
        db.store
            .failed_logins_since("alice", now - chrono::Duration::minutes(1))
            .await
            .unwrap(),
        3
    );
    assert_eq!(
        db.store
            .failed_logins_since("alice", now + chrono::Duration::minutes(1))
            .await
            .unwrap(),
        0
    );
    assert!(db.store.verify_audit().await.unwrap().broken.is_none());
}

pub fn api_token(owner: &User, name: &str, hash: &str) -> ApiToken {
    ApiToken {
        id: ApiTokenId::new(),
        user_id: owner.id,
        name: name.into(),
        token_hash: hash.into(),
        created_at: pledgewatch_core::audit::now(),
        last_used_at: None,
        revoked_at: None,
        expires_at: pledgewatch_core::audit::now() + chrono::Duration::days(90),
    }
}

pub async fn api_tokens_authenticate_their_owner_until_revoked_and_are_audited(db: &TestDb) {
    let alice = user("alice", Role::Editor);
    db.store
        .create_user(&context("hire"), alice.clone())
        .await
        .unwrap();
    let token = api_token(&alice, "nightly export", &"a".repeat(64));
    db.store
        .create_api_token(&context("new token"), &token)
        .await
        .unwrap();
    let other = api_token(&alice, "laptop", &"b".repeat(64));
    db.store
        .create_api_token(&context("new token"), &other)
        .await
        .unwrap();

    // A token of an account that does not exist is refused.
    let ghost = User {
        id: UserId::new(),
        ..alice.clone()
    };
    let err = db
        .store
        .create_api_token(
            &context("new token"),
            &api_token(&ghost, "x", &"c".repeat(64)),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err}");

    let now = pledgewatch_core::audit::now();
    let (found, who) = db
        .store
        .api_token(&token.token_hash, now)
        .await
        .unwrap()
        .expect("a live token authenticates");
    assert_eq!(found.id, token.id);
    assert_eq!(who.username, "alice");
    assert_eq!(who.role, Role::Editor);
    assert_eq!(found.last_used_at, Some(now));
    assert!(
        db.store
            .api_token(&"d".repeat(64), now)
            .await
            .unwrap()
            .is_none(),
        "an unknown token is refused"
    );

    let listed = db.store.list_api_tokens(Some(alice.id)).await.unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0].id, other.id, "newest first");
    assert_eq!(listed[1].last_used_at, Some(now), "last use is kept");
    assert!(
        db.store
            .list_api_tokens(Some(UserId::new()))
            .await
            .unwrap()
            .is_empty()
    );

    let revoked = db
        .store
        .revoke_api_token(&context("lost laptop"), token.id)
        .await
        .unwrap();
    assert!(revoked.revoked_at.is_some());
    assert!(
        db.store
            .api_token(&token.token_hash, now)
            .await
            .unwrap()
            .is_none(),
        "a revoked token is refused"
    );
    assert!(
        db.store
            .api_token(&other.token_hash, now)
            .await
            .unwrap()
            .is_some(),
        "revoking one token leaves the others"
    );
    let err = db
        .store
        .revoke_api_token(&context("again"), token.id)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Refused(_)), "{err}");
    let err = db
        .store
        .revoke_api_token(&context("again"), ApiTokenId::new())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err}");

    let history = db
        .store
        .history(AuditSubject::User, token.id.uuid())
        .await
        .unwrap();
    let actions: Vec<&str> = history.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["create", "delete"]);
    assert_eq!(history[1].reason.as_deref(), Some("lost laptop"));
    assert!(
        history.iter().all(|e| {
            !e.after
                .as_deref()
                .unwrap_or_default()
                .contains(&token.token_hash)
                && !e
                    .before
                    .as_deref()
                    .unwrap_or_default()
                    .contains(&token.token_hash)
        }),
        "no token hash in the log"
    );
    assert!(db.store.verify_audit().await.unwrap().broken.is_none());
}

pub async fn files_are_stored_once_by_content_and_sources_must_name_a_stored_file(db: &TestDb) {
    let content = "Протокол заседания — séance du 28 mai 2008".as_bytes();
    let a = db.store.put_file("text/plain", content).await.unwrap();
    let b = db.store.put_file("text/plain", content).await.unwrap();
    assert_eq!(a, b);
    assert_eq!(a, Sha256Hex::of(content));
    let (media, back) = db.store.get_file(&a).await.unwrap().unwrap();
    assert_eq!(media, "text/plain");
    assert_eq!(back, content);
    let missing = Sha256Hex::of(b"never stored");
    assert!(db.store.get_file(&missing).await.unwrap().is_none());
    let source = |file| Source {
        id: SourceId::new(),
        title: "Minutes".into(),
        publisher: None,
        author: None,
        published: Some(PreciseDate::parse("2024").unwrap()),
        url: None,
        language: Some("ru".into()),
        confidential: false,
        text: None,
        file_sha256: Some(file),
        note: None,
        known_from: None,
        own_document: false,
    };
    let err = Services::new(&db.store)
        .create(&context("attach"), Entity::Source(source(missing)))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("no stored file"), "{err}");
    let kept = source(a.clone());
    Services::new(&db.store)
        .create(&context("attach"), Entity::Source(kept.clone()))
        .await
        .unwrap();
    let holders = db.store.sources_with_file(&a).await.unwrap();
    assert_eq!(holders.len(), 1);
    assert_eq!(holders[0].entity.id(), kept.id.0);
}

// ---- Drafting help: the review queue ------------------------------------

const LETTER: &str = "At last year’s OSCE Ministerial Council in Madrid, Kazakhstan pledged to amend its media law by the end of 2008. We ask that you raise this.";

fn letter_source() -> Source {
    Source {
        id: SourceId::derived("pledgewatch-test", "letter"),
        title: "Letter to OSCE ministers".into(),
        publisher: Some("Human Rights Watch".into()),
        author: None,
        published: Some(PreciseDate::parse("2008-05-28").unwrap()),
        url: None,
        language: Some("en".into()),
        confidential: false,
        text: Some(LETTER.into()),
        file_sha256: Some(Sha256Hex::of(LETTER.as_bytes())),
        note: None,
        known_from: None,
        own_document: false,
    }
}

fn proposal(statement: &str) -> drafting::Proposal {
    let quote = "At last year’s OSCE Ministerial Council in Madrid, Kazakhstan pledged to amend its media law by the end of 2008.";
    drafting::Proposal {
        quote_text: quote.into(),
        quote_start: 0,
        quote_end: quote.chars().count() as u64,
        actor: Some("Kazakhstan".into()),
        speaker: None,
        occasion: Some("OSCE Ministerial Council in Madrid".into()),
        statement: statement.into(),
        origin: Origin::Pledge,
        recommended_by: None,
        timing: TimingKind::ByDeadline,
        deadline: Some(PreciseDate::parse("2008").unwrap()),
        deadline_as_written: Some("by the end of 2008".into()),
        deadline_unresolved: None,
        condition: None,
        made_on: Some(PreciseDate::parse("2007").unwrap()),
        confidence: 90,
        rule: Some("trigger \"pledged to\"".into()),
    }
}

async fn propose_letter(db: &TestDb) -> drafting::Proposed {
    db.store
        .put_file("text/plain", LETTER.as_bytes())
        .await
        .unwrap();
    drafting::propose(
        &Services::new(&db.store),
        &context("draft from the letter"),
        letter_source(),
        vec![proposal("Amend its media law")],
    )
    .await
    .unwrap()
}

async fn candidate(db: &TestDb, id: CandidateId) -> Stored<Entity> {
    db.store
        .get(EntityKind::Candidate, id.0)
        .await
        .unwrap()
        .unwrap()
}

pub async fn proposed_candidates_are_pending_drafts_linked_to_their_source(db: &TestDb) {
    let proposed = propose_letter(db).await;
    assert!(proposed.source_created);
    assert_eq!(proposed.created.len(), 1);
    let queue = db
        .store
        .list_candidates(Some(CandidateStatus::Pending))
        .await
        .unwrap();
    assert_eq!(queue.len(), 1);
    let c = &queue[0].entity;
    assert_eq!(c.source, letter_source().id);
    assert_eq!(c.status, CandidateStatus::Pending);
    assert!(c.quote_text.contains("by the end of 2008"));
    // The page showing the source finds its candidates through the source.
    let of_source = drafting::candidates_of(&Services::new(&db.store), letter_source().id)
        .await
        .unwrap();
    assert_eq!(of_source.len(), 1);
    assert_eq!(of_source[0].entity.id, proposed.created[0]);
    // Proposing the same text again adds nothing.
    let again = propose_letter(db).await;
    assert!(!again.source_created);
    assert!(again.created.is_empty());
    assert_eq!(again.unchanged, 1);
    assert_eq!(db.store.list_candidates(None).await.unwrap().len(), 1);
    // One audit entry for the source, one for the candidate.
    assert_eq!(audit_len(&db.store).await, 2);
}

pub async fn accepting_a_candidate_creates_its_quote_and_commitment_in_one_audited_step(
    db: &TestDb,
) {
    let id = propose_letter(db).await.created[0];
    let edits = drafting::Edits {
        statement: Some("Amend the media law".into()),
        ..Default::default()
    };
    let accepted = drafting::accept(
        &Services::new(&db.store),
        &context("reviewed against the letter"),
        id,
        edits,
        1,
    )
    .await
    .unwrap();
    // Actor, quote, commitment and the candidate's update, in one batch.
    assert_eq!(accepted.audit.len(), 4);
    assert!(accepted.actor_created);
    let Entity::Commitment(c) = db
        .store
        .get(EntityKind::Commitment, accepted.commitment.0)
        .await
        .unwrap()
        .unwrap()
        .entity
    else {
        panic!("not a commitment")
    };
    assert_eq!(c.statement, "Amend the media law");
    assert_eq!(c.quote, Some(accepted.quote));
    assert_eq!(c.made_on.to_string(), "2007");
    assert_eq!(c.timing.as_written(), Some("by the end of 2008"));
    let Entity::Quote(q) = db
        .store
        .get(EntityKind::Quote, accepted.quote.0)
        .await
        .unwrap()
        .unwrap()
        .entity
    else {
        panic!("not a quote")
    };
    assert_eq!(q.source, letter_source().id);
    assert!(
        q.text
            .starts_with("At last year’s OSCE Ministerial Council")
    );
    let stored = candidate(db, id).await;
    assert_eq!(stored.meta.version, 2);
    let Entity::Candidate(k) = stored.entity else {
        panic!("not a candidate")
    };
    assert_eq!(k.status, CandidateStatus::Accepted);
    assert_eq!(k.commitment, Some(accepted.commitment));
    assert!(
        db.store
            .list_candidates(Some(CandidateStatus::Pending))
            .await
            .unwrap()
            .is_empty()
    );
    let history = db
        .store
        .history(EntityKind::Candidate.into(), id.0)
        .await
        .unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(
        history[1].reason.as_deref(),
        Some("reviewed against the letter")
    );
    assert!(db.store.verify_audit().await.unwrap().broken.is_none());
}

/// The live actors of the store, by name.
async fn actors_by_name(db: &TestDb) -> Vec<(String, Actor)> {
    let mut actors: Vec<(String, Actor)> = db
        .store
        .list(EntityKind::Actor, 100_000, 0)
        .await
        .unwrap()
        .into_iter()
        .filter(|s| s.meta.deleted_at.is_none())
        .filter_map(|s| match s.entity {
            Entity::Actor(a) => Some((a.name.to_string(), a)),
            _ => None,
        })
        .collect();
    actors.sort_by(|a, b| a.0.cmp(&b.0));
    actors
}

async fn commitment(db: &TestDb, id: CommitmentId) -> Commitment {
    db.store.get_record(id).await.unwrap().unwrap().entity
}

pub async fn an_accepted_candidate_is_bound_to_the_actor_of_its_name_and_made_by_its_speaker_on_its_occasion(
    db: &TestDb,
) {
    load_demo(&db.store).await;
    db.store
        .put_file("text/plain", LETTER.as_bytes())
        .await
        .unwrap();
    let services = Services::new(&db.store);
    let actors = actors_by_name(db).await;
    let named = |name: &str| actors.iter().find(|(n, _)| n == name).unwrap().1.clone();
    let (kazakhstan, tazhin) = (named("Kazakhstan"), named("Marat Tazhin"));
    assert_eq!(
        kazakhstan.country_code.as_ref().map(|c| c.as_str()),
        Some("KZ")
    );
    let madrid = db
        .store
        .list(EntityKind::Occasion, 100, 0)
        .await
        .unwrap()
        .into_iter()
        .find_map(|s| match s.entity {
            Entity::Occasion(o) if o.place.as_deref() == Some("Madrid") => Some(o),
            _ => None,
        })
        .unwrap();
    // The extractor's words: the state in another case, the speaker, and
    // the occasion with its place.
    let mut p = proposal("Reform the law on elections");
    p.actor = Some("KAZAKHSTAN".into());
    p.speaker = Some("Marat Tazhin".into());
    p.occasion = Some("OSCE Ministerial Council in Madrid".into());
    let id = drafting::propose(&services, &context("draft"), letter_source(), vec![p])
        .await
        .unwrap()
        .created[0];
    let accepted = drafting::accept(&services, &context("accept"), id, Default::default(), 1)
        .await
        .unwrap();
    assert!(!accepted.actor_created);
    assert_eq!(accepted.bound, kazakhstan.id);
    assert_eq!(actors_by_name(db).await.len(), actors.len(), "no new actor");
    let c = commitment(db, accepted.commitment).await;
    assert_eq!(c.bound, kazakhstan.id);
    assert_eq!(c.made_by, Some(tazhin.id));
    assert_eq!(c.occasion, Some(madrid.id));
    // An actor entered by hand is found by a later draft naming it (by its
    // country code here); a speaker and an occasion that are not recorded
    // are left out, never created.
    let tajikistan = build::actor("Tajikistan").country("TJ").build();
    services
        .create(&context("by hand"), Entity::Actor(tajikistan.clone()))
        .await
        .unwrap();
    let mut p = proposal("Amend the law on religion");
    p.actor = Some("tj".into());
    p.speaker = Some("Someone Unrecorded".into());
    p.occasion = Some("OSCE Ministerial Council in Vienna".into());
    let id = drafting::propose(&services, &context("draft"), letter_source(), vec![p])
        .await
        .unwrap()
        .created[0];
    let accepted = drafting::accept(&services, &context("accept"), id, Default::default(), 1)
        .await
        .unwrap();
    assert!(!accepted.actor_created);
    let c = commitment(db, accepted.commitment).await;
    assert_eq!(c.bound, tajikistan.id);
    assert_eq!((c.made_by, c.occasion), (None, None));
    assert_eq!(actors_by_name(db).await.len(), actors.len() + 1);
    // A name no live actor goes by still makes a new actor: a removed
    // actor of the name is not used.
    let removed = build::actor("Turkmenistan").build();
    services
        .create(&context("by hand"), Entity::Actor(removed.clone()))
        .await
        .unwrap();
    services
        .delete(&context("gone"), EntityKind::Actor, removed.id.uuid(), 1)
        .await
        .unwrap();
    let mut p = proposal("Amend the law on the press");
    p.actor = Some("Turkmenistan".into());
    let id = drafting::propose(&services, &context("draft"), letter_source(), vec![p])
        .await
        .unwrap()
        .created[0];
    let accepted = drafting::accept(&services, &context("accept"), id, Default::default(), 1)
        .await
        .unwrap();
    assert!(accepted.actor_created);
    assert_ne!(accepted.bound, removed.id);
    assert!(db.store.verify_audit().await.unwrap().broken.is_none());
}

pub async fn a_rejected_candidate_keeps_its_reason_and_cannot_then_be_accepted(db: &TestDb) {
    let id = propose_letter(db).await.created[0];
    let services = Services::new(&db.store);
    let blank = drafting::reject(&services, &context("x"), id, "  ", 1)
        .await
        .unwrap_err();
    assert!(matches!(blank, Error::Invalid(_)), "{blank}");
    drafting::reject(
        &services,
        &context("review"),
        id,
        "a request to others, not a pledge",
        1,
    )
    .await
    .unwrap();
    let Entity::Candidate(k) = candidate(db, id).await.entity else {
        panic!("not a candidate")
    };
    assert_eq!(k.status, CandidateStatus::Rejected);
    assert_eq!(
        k.rejection_reason.as_deref(),
        Some("a request to others, not a pledge")
    );
    let err = drafting::accept(&services, &context("x"), id, Default::default(), 2)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Refused(_)), "{err}");
    assert_eq!(
        db.store
            .list_candidates(Some(CandidateStatus::Rejected))
            .await
            .unwrap()
            .len(),
        1
    );
}

pub async fn accepting_a_stale_version_of_a_candidate_is_refused_as_a_conflict(db: &TestDb) {
    let id = propose_letter(db).await.created[0];
    let services = Services::new(&db.store);
    let before = audit_len(&db.store).await;
    let err = drafting::accept(&services, &context("x"), id, Default::default(), 7)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Conflict { .. }), "{err}");
    assert_eq!(audit_len(&db.store).await, before);
}

pub async fn a_quote_that_is_not_the_source_text_is_refused_and_nothing_is_written(db: &TestDb) {
    let mut bad = proposal("Amend its media law");
    bad.quote_start = 3;
    let err = drafting::propose(
        &Services::new(&db.store),
        &context("x"),
        letter_source(),
        vec![bad],
    )
    .await
    .unwrap_err();
    match err {
        Error::Invalid(e) => assert_eq!(e.0[0].field, "candidates[0].quote_text"),
        other => panic!("unexpected {other}"),
    }
    assert_eq!(audit_len(&db.store).await, 0);
}

/// Proposes from the letter one candidate per statement `Amend law N`, N in
/// `numbers`.
async fn propose_numbered(
    db: &TestDb,
    numbers: std::ops::Range<usize>,
) -> pledgewatch_core::error::Result<drafting::Proposed> {
    let proposals = numbers
        .map(|n| proposal(&format!("Amend law {n}")))
        .collect();
    drafting::propose(
        &Services::new(&db.store),
        &context("draft"),
        letter_source(),
        proposals,
    )
    .await
}

pub async fn a_text_is_kept_with_at_most_500_candidates_and_beyond_nothing_is_written(db: &TestDb) {
    db.store
        .put_file("text/plain", LETTER.as_bytes())
        .await
        .unwrap();
    let refused = |err: Error, given: usize| match err {
        Error::Invalid(e) => {
            assert_eq!(e.0[0].field, "text");
            assert_eq!(
                e.0[0].reason,
                format!(
                    "this text gives {given} candidates; at most 500 are kept per text: split it"
                )
            );
        }
        other => panic!("unexpected {other}"),
    };
    refused(propose_numbered(db, 0..501).await.unwrap_err(), 501);
    assert_eq!(
        audit_len(&db.store).await,
        0,
        "nothing, not even the source"
    );
    let first = propose_numbered(db, 0..300).await.unwrap();
    assert_eq!(first.created.len(), 300);
    assert_eq!(
        audit_len(&db.store).await,
        301,
        "the source and each candidate"
    );
    // The cap holds for the text, across runs.
    refused(propose_numbered(db, 300..550).await.unwrap_err(), 550);
    assert_eq!(audit_len(&db.store).await, 301);
    let second = propose_numbered(db, 250..500).await.unwrap();
    assert_eq!((second.created.len(), second.unchanged), (200, 50));
    assert_eq!(audit_len(&db.store).await, 501);
    let queue = db.store.list_candidates(None).await.unwrap();
    assert_eq!(queue.len(), drafting::MAX_CANDIDATES_PER_TEXT);
}

fn numbered_commitment(bound: ActorId, n: usize, external_id: Option<&str>) -> Commitment {
    let commitment = build::commitment()
        .bound_id(bound)
        .statement(&format!("Ratify protocol number {n} zanzibarite"))
        .made_on("2010-05")
        .origin(Origin::AcceptedRecommendation);
    match external_id {
        Some(id) => commitment.external_id(id).build(),
        None => commitment.build(),
    }
}

pub async fn a_large_batch_writes_every_link_and_search_document_and_refuses_repeats(db: &TestDb) {
    let services = Services::new(&db.store);
    let state = actor("Zanzibar");
    // More links and search documents than one statement writes.
    let mut changes = vec![Change::Create(Entity::Actor(state.clone()))];
    for n in 0..250 {
        changes.push(Change::Create(Entity::Commitment(numbered_commitment(
            state.id,
            n,
            Some(&format!("batch:{n}")),
        ))));
    }
    services
        .apply(&context("large batch"), changes)
        .await
        .unwrap();
    let bound = db
        .store
        .referring(EntityKind::Commitment, EntityKind::Actor, &[state.id.0])
        .await
        .unwrap();
    assert_eq!(bound.len(), 250);
    let hits = db
        .search(&SearchQuery {
            text: "zanzibarite".into(),
            kinds: vec![],
            include_confidential: true,
            include_drafts: true,
            limit: 1000,
        })
        .await
        .unwrap();
    assert_eq!(hits.len(), 250);
    assert_eq!(audit_len(&db.store).await, 251);

    // An external id used twice in one batch, or already stored.
    for taken in ["fresh:1", "batch:7"] {
        let err = services
            .apply(
                &context("repeat"),
                vec![
                    Change::Create(Entity::Commitment(numbered_commitment(
                        state.id,
                        1,
                        Some("fresh:1"),
                    ))),
                    Change::Create(Entity::Commitment(numbered_commitment(
                        state.id,
                        2,
                        Some(taken),
                    ))),
                ],
            )
            .await
            .unwrap_err();
        match err {
            Error::Invalid(e) => assert_eq!(e.0[0].field, "external_id", "{taken}"),
            other => panic!("expected an invalid external id, got {other}"),
        }
    }
    // The same id twice in one batch.
    let twice = actor("Twice");
    let err = services
        .apply(
            &context("twice"),
            vec![
                Change::Create(Entity::Actor(twice.clone())),
                Change::Create(Entity::Actor(twice)),
            ],
        )
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Refused(ref m) if m.as_str().contains("already exists")),
        "{err}"
    );
    assert_eq!(
        audit_len(&db.store).await,
        251,
        "refused batches write nothing"
    );

    // An external id given up by one commitment can be taken by another in
    // the same batch.
    let first = bound
        .iter()
        .find_map(|s| match &s.entity {
            Entity::Commitment(c) if c.external_id.as_deref() == Some("batch:0") => {
                Some((c.clone(), s.meta.version))
            }
            _ => None,
        })
        .unwrap();
    let mut renamed = first.0.clone();
    renamed.external_id = Some("batch:0-renamed".into());
    services
        .apply(
            &context("rename"),
            vec![
                Change::Update {
                    entity: Entity::Commitment(renamed),
                    expected_version: first.1,
                },
                Change::Create(Entity::Commitment(numbered_commitment(
                    state.id,
                    0,
                    Some("batch:0"),
                ))),
            ],
        )
        .await
        .unwrap();
    assert!(db.store.verify_audit().await.unwrap().broken.is_none());
}

/// The demo's commitment a statement names, as stored.
async fn demo_commitment(db: &TestDb, statement: &str) -> Stored<Entity> {
    db.store
        .list(EntityKind::Commitment, 1_000, 0)
        .await
        .unwrap()
        .into_iter()
        .find(|s| matches!(&s.entity, Entity::Commitment(c) if c.statement.as_ref() == statement))
        .unwrap()
}

pub async fn a_candidate_like_a_recorded_commitment_is_found_and_attached_to_it_as_evidence(
    db: &TestDb,
) {
    load_demo(&db.store).await;
    let id = propose_letter(db).await.created[0];
    let recorded = pledgewatch_core::similar::Recorded::read(&db.store)
        .await
        .unwrap();
    let proposed = |statement| pledgewatch_core::similar::Proposed {
        actor: "Kazakhstan",
        statement,
        quote: "Kazakhstan pledged to amend its media law by the end of 2008.",
    };
    let like = recorded.like(proposed("Amend its media law"));
    let media = demo_commitment(db, "Amend the media law").await;
    assert_eq!(like[0].commitment.uuid(), media.entity.id(), "{like:?}");
    assert!(
        recorded
            .like(pledgewatch_core::similar::Proposed {
                actor: "Uzbekistan",
                ..proposed("Amend its media law")
            })
            .is_empty(),
        "another actor's pledge is not the same"
    );
    let before = audit_len(&db.store).await;
    let attached = drafting::attach(
        &Services::new(&db.store),
        &context("the letter restates it"),
        id,
        CommitmentId(media.entity.id()),
        1,
    )
    .await
    .unwrap();
    assert!(!attached.quote_set, "the demo's commitment has its quote");
    // Quote, development and the candidate's update: one batch.
    assert_eq!(audit_len(&db.store).await, before + 3);
    let Entity::Development(d) = db
        .store
        .get(EntityKind::Development, attached.development.0)
        .await
        .unwrap()
        .unwrap()
        .entity
    else {
        panic!("not a development")
    };
    assert_eq!(d.quotes, vec![attached.quote]);
    assert_eq!(d.sources, vec![letter_source().id]);
    assert_eq!(d.date.to_string(), "2008-05-28");
    assert_eq!(d.effects[0].direction, Direction::NoChange);
    let Entity::Candidate(k) = candidate(db, id).await.entity else {
        panic!("not a candidate")
    };
    assert_eq!(k.status, CandidateStatus::Accepted);
    assert_eq!(k.commitment.map(|c| c.uuid()), Some(media.entity.id()));
    // The same candidate cannot be attached or accepted twice.
    assert!(
        drafting::attach(
            &Services::new(&db.store),
            &context("again"),
            id,
            CommitmentId(media.entity.id()),
            2,
        )
        .await
        .is_err()
    );
    assert!(db.store.verify_audit().await.unwrap().broken.is_none());
}

pub async fn an_accepted_candidate_joins_the_dossier_chosen_in_the_same_step(db: &TestDb) {
    load_demo(&db.store).await;
    let id = propose_letter(db).await.created[0];
    let dossier = db.store.list(EntityKind::Dossier, 1, 0).await.unwrap()[0].clone();
    let edits = drafting::Edits {
        statement: Some("Amend the media law again".into()),
        dossier: Some(DossierId(dossier.entity.id())),
        ..Default::default()
    };
    let accepted = drafting::accept(
        &Services::new(&db.store),
        &context("into the dossier"),
        id,
        edits,
        1,
    )
    .await
    .unwrap();
    let Entity::Dossier(d) = db
        .store
        .get(EntityKind::Dossier, dossier.entity.id())
        .await
        .unwrap()
        .unwrap()
        .entity
    else {
        panic!("not a dossier")
    };
    assert_eq!(d.commitments.last(), Some(&accepted.commitment));
    assert!(
        accepted
            .audit
            .iter()
            .any(|e| e.entity_id == dossier.entity.id()),
        "the dossier's change is in the same batch"
    );
    // A removed or unknown dossier is refused and nothing is written.
    let id = drafting::propose(
        &Services::new(&db.store),
        &context("draft"),
        letter_source(),
        vec![proposal("Amend its media law once more")],
    )
    .await
    .unwrap()
    .created[0];
    let before = audit_len(&db.store).await;
    let refused = drafting::accept(
        &Services::new(&db.store),
        &context("nowhere"),
        id,
        drafting::Edits {
            dossier: Some(DossierId::new()),
            ..Default::default()
        },
        1,
    )
    .await;
    assert!(
        matches!(refused, Err(Error::DanglingReference { .. })),
        "{refused:?}"
    );
    assert_eq!(audit_len(&db.store).await, before);
}
