//! The lists that grow with the record, in the order their indexes give
//! (migration 0008): a kind's live records latest change first (ties by
//! id), pages by offset that neither skip nor repeat; the review queue
//! oldest change first across kinds (ties newest id first), cut at its
//! limit; the public pages latest publication first (ties by id).

use pledgewatch_core::model::*;
use pledgewatch_core::service::Services;
use pledgewatch_core::storage::{Change, Pending, Storage};
use pledgewatch_testkit::build;

use crate::harness::{TestDb, context};

/// Actors named `prefix-0..n`, created in one batch (one timestamp: every
/// one ties with every other).
async fn actors_in_one_batch(db: &TestDb, prefix: &str, n: usize) -> Vec<Actor> {
    let actors: Vec<Actor> = (0..n)
        .map(|i| build::actor(&format!("{prefix}-{i}")).build())
        .collect();
    Services::new(&db.store)
        .apply(
            &context("many at once"),
            actors
                .iter()
                .cloned()
                .map(|a| Change::Create(Entity::Actor(a)))
                .collect(),
        )
        .await
        .unwrap();
    actors
}

/// Every page of `size` of the kind's list, joined.
async fn all_pages(db: &TestDb, kind: EntityKind, size: u32) -> Vec<Stored<Entity>> {
    let mut out = Vec::new();
    loop {
        let page = db.store.list(kind, size, out.len() as u32).await.unwrap();
        let last = page.len() < size as usize;
        out.extend(page);
        if last {
            return out;
        }
    }
}

pub async fn a_kinds_pages_come_latest_change_first_ties_by_id_and_never_skip_or_repeat(
    db: &TestDb,
) {
    let first = actors_in_one_batch(db, "early", 12).await;
    let second = actors_in_one_batch(db, "late", 9).await;
    // An edit moves one of the first batch to the front; a removal takes
    // one out.
    let services = Services::new(&db.store);
    let mut edited = first[3].clone();
    edited.name = "early-3, renamed".parse().unwrap();
    services
        .update(&context("rename"), Entity::Actor(edited.clone()), 1)
        .await
        .unwrap();
    services
        .delete(&context("gone"), EntityKind::Actor, first[5].id.uuid(), 1)
        .await
        .unwrap();

    let listed = all_pages(db, EntityKind::Actor, 4).await;
    let ids: Vec<uuid::Uuid> = listed.iter().map(|s| s.entity.id()).collect();
    let sorted_ids = |actors: &[Actor], except: &[usize]| {
        let mut ids: Vec<uuid::Uuid> = actors
            .iter()
            .enumerate()
            .filter(|(i, _)| !except.contains(i))
            .map(|(_, a)| a.id.uuid())
            .collect();
        ids.sort();
        ids
    };
    let mut expected = vec![edited.id.uuid()];
    expected.extend(sorted_ids(&second, &[]));
    expected.extend(sorted_ids(&first, &[3, 5]));
    assert_eq!(ids, expected);
    for pair in listed.windows(2) {
        assert!(pair[0].meta.updated_at >= pair[1].meta.updated_at);
    }
    // A page beyond the end is empty, not an error.
    assert!(
        db.store
            .list(EntityKind::Actor, 5, 1_000)
            .await
            .unwrap()
            .is_empty()
    );
}

pub async fn the_review_queue_is_oldest_change_first_across_kinds_and_cut_at_its_limit(
    db: &TestDb,
) {
    let actors = actors_in_one_batch(db, "queued", 6).await;
    let concern = build::concern("A later concern").create(db).await;
    let milestone = build::milestone("A later milestone", "2030-01-01")
        .create(db)
        .await;
    // Published and then edited: pending again, as the newest change.
    let services = Services::new(&db.store);
    services
        .set_published("reviewer", EntityKind::Actor, actors[0].id.uuid(), true)
        .await
        .unwrap();
    let mut edited = actors[0].clone();
    edited.name = "queued-0, renamed".parse().unwrap();
    services
        .update(&context("rename"), Entity::Actor(edited), 1)
        .await
        .unwrap();

    let all = db.store.pending(1_000).await.unwrap();
    let ids: Vec<uuid::Uuid> = all.iter().map(|p| p.id).collect();
    let mut batch: Vec<uuid::Uuid> = actors[1..].iter().map(|a| a.id.uuid()).collect();
    batch.sort_by(|a, b| b.cmp(a));
    let mut expected = batch;
    expected.extend([concern.id.uuid(), milestone.id.uuid(), actors[0].id.uuid()]);
    assert_eq!(ids, expected);
    let last: &Pending = all.last().unwrap();
    assert_eq!(
        (last.kind, last.version, last.published_version),
        (EntityKind::Actor, 2, Some(1))
    );
    // Every limit gives the first entries of the whole queue.
    for limit in 1..=all.len() as u32 + 1 {
        let cut = db.store.pending(limit).await.unwrap();
        assert_eq!(cut, all[..all.len().min(limit as usize)], "limit {limit}");
    }
}

pub async fn the_public_pages_of_a_kind_come_latest_publication_first_ties_by_id(db: &TestDb) {
    let actors = actors_in_one_batch(db, "public", 10).await;
    let services = Services::new(&db.store);
    let publish = |ids: &[usize]| -> Vec<Change> {
        ids.iter()
            .map(|i| Change::Publish {
                kind: EntityKind::Actor,
                id: actors[*i].id.uuid(),
            })
            .collect()
    };
    services
        .apply(&context("publish"), publish(&[0, 1, 2, 3, 4, 5]))
        .await
        .unwrap();
    services
        .apply(&context("publish later"), publish(&[6, 7]))
        .await
        .unwrap();
    let mut listed = Vec::new();
    for offset in (0..10).step_by(3) {
        listed.extend(
            db.store
                .published_list(EntityKind::Actor, 3, offset)
                .await
                .unwrap()
                .into_iter()
                .map(|s| s.entity.id()),
        );
    }
    let sorted = |ids: &[usize]| {
        let mut out: Vec<uuid::Uuid> = ids.iter().map(|i| actors[*i].id.uuid()).collect();
        out.sort();
        out
    };
    let mut expected = sorted(&[6, 7]);
    expected.extend(sorted(&[0, 1, 2, 3, 4, 5]));
    assert_eq!(listed, expected);
}

/// The review queue as (id, version, published version, removed).
async fn queue(db: &TestDb) -> Vec<(uuid::Uuid, i64, Option<i64>, bool)> {
    let mut q: Vec<_> = db
        .store
        .pending(1_000)
        .await
        .unwrap()
        .into_iter()
        .map(|p| (p.id, p.version, p.published_version, p.removed))
        .collect();
    q.sort();
    q
}

pub async fn the_review_queue_lists_exactly_the_records_waiting_and_follows_every_publication(
    db: &TestDb,
) {
    // Ten actors: 0 never published; 1 published; 2 published then edited;
    // 3 published then removed; 4 removed before any publication; 5
    // published then unpublished; 6 published, edited and published again;
    // 7..9 published (the bulk the queue must not read).
    let actors = actors_in_one_batch(db, "mark", 10).await;
    let id = |i: usize| actors[i].id.uuid();
    let services = Services::new(&db.store);
    let publish = |ids: &[usize]| -> Vec<Change> {
        ids.iter()
            .map(|i| Change::Publish {
                kind: EntityKind::Actor,
                id: id(*i),
            })
            .collect()
    };
    services
        .apply(&context("approve"), publish(&[1, 2, 3, 5, 6, 7, 8, 9]))
        .await
        .unwrap();
    for i in [2, 6] {
        let mut edited = actors[i].clone();
        edited.name = format!("mark-{i}, renamed").parse().unwrap();
        services
            .update(&context("rename"), Entity::Actor(edited), 1)
            .await
            .unwrap();
    }
    for i in [3, 4] {
        services
            .delete(&context("gone"), EntityKind::Actor, id(i), 1)
            .await
            .unwrap();
    }
    services
        .apply(&context("approve again"), publish(&[6]))
        .await
        .unwrap();
    services
        .apply(
            &context("withdraw"),
            vec![Change::Unpublish {
                kind: EntityKind::Actor,
                id: id(5),
            }],
        )
        .await
        .unwrap();

    let mut expected = vec![
        (id(0), 1, None, false),
        (id(2), 2, Some(1), false),
        (id(3), 2, Some(1), true),
        (id(5), 1, None, false),
    ];
    expected.sort();
    assert_eq!(queue(db).await, expected, "{}", db.backend);

    // The version the public sees is derived from the publications: a
    // restore (which writes the entity tables, then the publications)
    // gives the same queue.
    let target = db.another("queue_restored").await;
    target
        .store
        .restore(db.store.dump().await.unwrap())
        .await
        .unwrap();
    assert_eq!(queue(&target).await, expected, "{} restored", db.backend);
}
