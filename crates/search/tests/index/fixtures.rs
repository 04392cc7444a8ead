//! Indexes over a test database, as an app server opens them (a store of
//! its own on the same database), and the records the tests write.

use std::collections::BTreeSet;
use std::sync::Arc;

use pledgewatch_core::ids::{ConcernId, QuoteId, SourceId};
use pledgewatch_core::model::{Concern, Entity, EntityKind, Quote, Source};
use pledgewatch_core::service;
use pledgewatch_core::storage::{Change, SearchIndex, SearchQuery, Storage};
use pledgewatch_search::{DerivedIndex, Place};
use pledgewatch_store::{OpenMode, Store};
use pledgewatch_testkit::TestDb;
use uuid::Uuid;

/// An index with a store of its own on the test's database: another
/// server's view. Close it before the test ends.
pub struct Server {
    pub index: DerivedIndex,
    store: Arc<Store>,
}

impl Server {
    pub async fn open(db: &TestDb, place: Place) -> Server {
        let store = Arc::new(Store::open(&db.url, OpenMode::MustExist).await.unwrap());
        let index = DerivedIndex::open(store.clone(), place).unwrap();
        Server { index, store }
    }

    pub async fn in_memory(db: &TestDb) -> Server {
        Server::open(db, Place::Memory).await
    }

    pub async fn close(self) {
        drop(self.index);
        self.store.close().await;
    }

    /// The ids found for `text` in this view.
    pub async fn ids(&self, text: &str, view: View) -> BTreeSet<Uuid> {
        ids(&self.index.search(&view.query(text)).await.unwrap())
    }
}

pub fn ids(hits: &[pledgewatch_core::storage::SearchHit]) -> BTreeSet<Uuid> {
    hits.iter().map(|h| h.id).collect()
}

/// Who searches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The team, with confidential sources.
    Team,
    /// The team without confidential sources.
    Restricted,
    /// The public: published and not confidential.
    Public,
}

impl View {
    pub const ALL: [View; 3] = [View::Team, View::Restricted, View::Public];

    pub fn query(self, text: &str) -> SearchQuery {
        SearchQuery {
            text: text.to_owned(),
            kinds: vec![],
            include_confidential: self == View::Team,
            include_drafts: self != View::Public,
            limit: 1_000,
        }
    }
}

pub fn context() -> pledgewatch_core::storage::ChangeContext {
    service::context("tester", Some("search index test")).unwrap()
}

pub async fn apply(db: &TestDb, changes: Vec<Change>) {
    db.store.apply(&context(), changes).await.unwrap();
}

pub fn concern(title: &str, description: &str) -> Concern {
    Concern {
        id: ConcernId::new(),
        title: title.parse().unwrap(),
        description: description.parse().unwrap(),
        themes: vec![],
        description_as_of: None,
        earlier_descriptions: vec![],
    }
}

pub fn source(title: &str, text: &str, confidential: bool) -> Source {
    Source {
        id: SourceId::new(),
        title: title.into(),
        publisher: None,
        author: None,
        published: None,
        url: None,
        language: None,
        confidential,
        text: Some(text.into()),
        file_sha256: None,
        note: None,
        known_from: None,
        own_document: false,
    }
}

pub fn quote(source: &Source, text: &str) -> Quote {
    Quote {
        id: QuoteId::new(),
        source: source.id,
        text: text.parse().unwrap(),
        locator: None,
        speaker: None,
    }
}

/// Creates a concern and returns its id.
pub async fn add_concern(db: &TestDb, title: &str, description: &str) -> Uuid {
    let c = concern(title, description);
    let id = c.id.uuid();
    apply(db, vec![Change::Create(Entity::Concern(c))]).await;
    id
}

/// Publishes a record.
pub async fn publish(db: &TestDb, kind: EntityKind, id: Uuid) {
    apply(db, vec![Change::Publish { kind, id }]).await;
}
