//! The comparison with the store that the dataset loader and import share
//! (`core::service::upsert`), on a real SQLite store: new, changed, same and
//! removed entities, and the changes each needs.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use pledgewatch_core::ids::SignatoryId;
use pledgewatch_core::model::{Entity, Signatory};
use pledgewatch_core::service::upsert::{Comparison, compare};
use pledgewatch_core::service::{Services, context};
use pledgewatch_core::storage::{Change, Storage};
use pledgewatch_store::{DatabaseUrl, OpenMode, Store};

fn signatory(name: &str) -> Entity {
    Entity::Signatory(Signatory {
        id: SignatoryId::new(),
        name: name.parse().unwrap(),
        title: "Director".parse().unwrap(),
        division: None,
        organisation: None,
    })
}

fn renamed(entity: &Entity, name: &str) -> Entity {
    let Entity::Signatory(s) = entity else {
        panic!("not a signatory")
    };
    Entity::Signatory(Signatory {
        name: name.parse().unwrap(),
        ..s.clone()
    })
}

#[tokio::test]
async fn entities_compare_as_new_changed_same_or_removed_and_only_two_need_a_change() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(
        &DatabaseUrl::Sqlite(dir.path().join("upsert.db")),
        OpenMode::CreateIfMissing,
    )
    .await
    .unwrap();
    store.migrate().await.unwrap();
    let services = Services::new(&store);
    let ctx = context("tester", Some("setup")).unwrap();
    let (same, changed, gone) = (signatory("Ada"), signatory("Grace"), signatory("Edsger"));
    for e in [&same, &changed, &gone] {
        services.create(&ctx, e.clone()).await.unwrap();
    }
    services
        .delete(&ctx, gone.kind(), gone.id(), 1)
        .await
        .unwrap();

    let new = signatory("Barbara");
    let edited = renamed(&changed, "Grace Hopper");
    let entities = [&new, &edited, &same, &gone];
    let counted = std::sync::atomic::AtomicU64::new(0);
    let advance = |n: u64| {
        counted.fetch_add(n, std::sync::atomic::Ordering::Relaxed);
    };
    let found = compare(&store, &entities, &advance).await.unwrap();
    assert_eq!(
        found,
        [
            Comparison::New,
            Comparison::Changed { version: 1 },
            Comparison::Same,
            Comparison::Removed
        ]
    );
    assert_eq!(counted.into_inner(), 4);

    let changes: Vec<Change> = entities
        .iter()
        .zip(found)
        .filter_map(|(e, c)| c.into_change((*e).clone()))
        .collect();
    assert!(matches!(&changes[..], [
        Change::Create(c),
        Change::Update { entity: u, expected_version: 1 },
    ] if c == &new && u == &edited));
    services.apply(&ctx, changes).await.unwrap();
    let again = compare(&store, &entities, &|_| {}).await.unwrap();
    assert_eq!(
        again,
        [
            Comparison::Same,
            Comparison::Same,
            Comparison::Same,
            Comparison::Removed
        ]
    );
}
