//! An index on disk across restarts: it picks up where it stopped, and an
//! index it cannot trust (another database's, another format's) is built
//! again rather than used.

use pledgewatch_core::dataset;
use pledgewatch_core::search::search_document;
use pledgewatch_core::storage::{Change, Storage};
use pledgewatch_search::{Place, SEARCHED};
use pledgewatch_testkit::TestDb;

use crate::fixtures::{Server, View, add_concern, apply};

pub async fn an_index_on_disk_reopens_where_it_stopped_and_catches_up(db: &TestDb) {
    let dir = tempfile::tempdir().unwrap();
    let place = Place::Directory(dir.path().join("index"));
    let first = add_concern(db, "Copper", "copper mines").await;
    let server = Server::open(db, place.clone()).await;
    assert_eq!(server.ids("copper", View::Team).await, [first].into());
    let stopped_at = server.index.applied();
    server.close().await;

    let second = add_concern(db, "Copper again", "more copper").await;
    let server = Server::open(db, place).await;
    assert_eq!(
        server.index.applied(),
        stopped_at,
        "it remembers how far it got"
    );
    assert_eq!(server.index.len(), 1);
    assert_eq!(
        server.ids("copper", View::Team).await,
        [first, second].into()
    );
    assert_eq!(server.index.len(), 2);
    server.close().await;
}

pub async fn an_index_of_another_database_is_rebuilt_not_reused(db: &TestDb) {
    let dir = tempfile::tempdir().unwrap();
    let place = Place::Directory(dir.path().join("index"));
    add_concern(db, "Orchid", "an orchid here").await;
    add_concern(db, "Orchid two", "and another orchid").await;
    let server = Server::open(db, place.clone()).await;
    assert_eq!(server.ids("orchid", View::Team).await.len(), 2);
    server.close().await;

    // Another database with as many audit entries and more: the hash of
    // the entry the index stopped at differs.
    let other = db.another("search_other_database").await;
    let only = add_concern(&other, "Meadow", "a meadow").await;
    add_concern(&other, "Meadow two", "another meadow").await;
    add_concern(&other, "Meadow three", "a third meadow").await;
    let server = Server::open(&other, place).await;
    assert!(server.ids("orchid", View::Team).await.is_empty());
    let meadows = server.ids("meadow", View::Team).await;
    assert_eq!(meadows.len(), 3);
    assert!(meadows.contains(&only));
    server.close().await;
    other.drop_database().await;
}

pub async fn an_index_of_another_format_is_rebuilt(db: &TestDb) {
    let dir = tempfile::tempdir().unwrap();
    let index_dir = dir.path().join("index");
    let id = add_concern(db, "Quartz", "quartz crystals").await;
    // Something that is not an index of this format.
    std::fs::create_dir_all(&index_dir).unwrap();
    std::fs::write(index_dir.join("meta.json"), "{\"not\": \"an index\"}").unwrap();
    let server = Server::open(db, Place::Directory(index_dir)).await;
    assert_eq!(server.index.applied(), 0);
    assert_eq!(server.ids("quartz", View::Team).await, [id].into());
    server.close().await;
}

pub async fn the_demo_is_indexed_with_exactly_the_searched_kinds(db: &TestDb) {
    let parsed = dataset::parse(dataset::DEMO).unwrap();
    let converted = dataset::convert(&parsed).unwrap();
    let mut searchable = 0;
    for entity in &converted.entities {
        let has = search_document(entity).is_some();
        assert_eq!(
            has,
            SEARCHED.contains(&entity.kind()),
            "{}: a search document only for the searched kinds",
            entity.kind()
        );
        searchable += usize::from(has);
    }
    apply(
        db,
        converted.entities.into_iter().map(Change::Create).collect(),
    )
    .await;
    let server = Server::in_memory(db).await;
    server.index.catch_up().await.unwrap();
    assert_eq!(server.index.len(), searchable as u64);
    assert_eq!(server.index.applied(), db.store.audit_seq().await.unwrap());
    server.close().await;
}
