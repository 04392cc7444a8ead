//! A fresh, migrated database per test on SQLite or PostgreSQL, dropped
//! afterwards.

use std::fmt;

use pledgewatch_core::storage::Storage;
use pledgewatch_store::{DatabaseUrl, OpenMode, Store};

use crate::need::{self, Missing};

/// The two storage backends every storage test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub const ALL: [Backend; 2] = [Backend::Sqlite, Backend::Postgres];

    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

impl fmt::Display for Backend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Lets tests write `db.backend == "sqlite"`.
impl PartialEq<&str> for Backend {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// An empty, migrated database of its own for one test.
pub struct TestDb {
    pub store: Store,
    pub url: DatabaseUrl,
    pub backend: Backend,
    /// Keeps a SQLite database's folder alive for the test.
    _dir: Option<tempfile::TempDir>,
    /// The server URL and database name of a PostgreSQL test database.
    postgres: Option<(String, String)>,
}

impl TestDb {
    /// A database on `backend`, or what is missing to make one.
    pub async fn new(backend: Backend, test: &str) -> Result<TestDb, Missing> {
        match backend {
            Backend::Sqlite => Ok(TestDb::sqlite().await),
            Backend::Postgres => TestDb::postgres(test).await,
        }
    }

    /// A SQLite database in a temporary folder.
    pub async fn sqlite() -> TestDb {
        let (store, dir) = sqlite_store().await;
        let url = DatabaseUrl::Sqlite(dir.path().join(SQLITE_FILE));
        TestDb {
            store,
            url,
            backend: Backend::Sqlite,
            _dir: Some(dir),
            postgres: None,
        }
    }

    /// A new database named after `test` on the server of
    /// `PLEDGEWATCH_TEST_POSTGRES_URL`, or why there is none.
    pub async fn postgres(test: &str) -> Result<TestDb, Missing> {
        let server = need::postgres_server()?;
        let short: String = test.chars().take(30).collect();
        let name = format!("pw_{short}_{}", uuid::Uuid::new_v4().simple());
        let admin = admin(&server).await;
        admin
            .execute_raw(&format!(
                "CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'"
            ))
            .await
            .unwrap();
        admin.close().await;
        let url = DatabaseUrl::Postgres(with_database(&server, &name));
        let store = Store::open(&url, OpenMode::MustExist).await.unwrap();
        store.migrate().await.unwrap();
        Ok(TestDb {
            store,
            url,
            backend: Backend::Postgres,
            _dir: None,
            postgres: Some((server, name)),
        })
    }

    /// Another empty, migrated database on the same backend.
    pub async fn another(&self, test: &str) -> TestDb {
        TestDb::new(self.backend, test)
            .await
            .expect("the backend was available a moment ago")
    }

    /// Searches the database as an app server does: through a search index
    /// derived from it (built in memory for this one search, over a store
    /// of its own on the same database).
    pub async fn search(
        &self,
        query: &pledgewatch_core::storage::SearchQuery,
    ) -> pledgewatch_core::error::Result<Vec<pledgewatch_core::storage::SearchHit>> {
        let index = self.search_index().await;
        let hits = index.search(query).await;
        index.close().await;
        hits
    }

    /// A search index derived from the database, in memory, kept current as
    /// an app server's is: for tests that search many times.
    pub async fn search_index(&self) -> TestIndex {
        let store = std::sync::Arc::new(Store::open(&self.url, OpenMode::MustExist).await.unwrap());
        let index = pledgewatch_search::DerivedIndex::in_memory(store.clone()).unwrap();
        TestIndex { index, store }
    }

    /// The database URL as the command line takes it.
    pub fn url_string(&self) -> String {
        match &self.url {
            DatabaseUrl::Sqlite(path) => format!("sqlite:{}", path.display()),
            DatabaseUrl::Postgres(url) => url.clone(),
        }
    }

    /// Drops a PostgreSQL test database (SQLite ones go with their folder).
    pub async fn drop_database(&self) {
        self.store.close().await;
        if let Some((server, name)) = &self.postgres {
            let admin = admin(server).await;
            admin
                .execute_raw(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                .await
                .unwrap();
            admin.close().await;
        }
    }
}

impl AsRef<dyn Storage> for TestDb {
    fn as_ref(&self) -> &(dyn Storage + 'static) {
        &self.store
    }
}

const SQLITE_FILE: &str = "test.db";

/// A migrated SQLite store of its own, for tests that hand the store over
/// (to an application state, say); it lives as long as the folder.
pub async fn sqlite_store() -> (Store, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let url = DatabaseUrl::Sqlite(dir.path().join(SQLITE_FILE));
    let store = Store::open(&url, OpenMode::CreateIfMissing).await.unwrap();
    store.migrate().await.unwrap();
    (store, dir)
}

async fn admin(server: &str) -> Store {
    Store::open(
        &DatabaseUrl::Postgres(server.to_owned()),
        OpenMode::MustExist,
    )
    .await
    .unwrap_or_else(|e| panic!("cannot reach the PostgreSQL test server {server}: {e}"))
}

/// The server URL with its database name replaced.
pub fn with_database(server: &str, name: &str) -> String {
    let (base, query) = match server.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (server, String::new()),
    };
    let authority_start = base.find("://").map(|i| i + 3).unwrap_or(0);
    let host = match base[authority_start..].find('/') {
        Some(i) => &base[..i + authority_start],
        None => base,
    };
    format!("{host}/{name}{query}")
}

/// A search index over a test database, with the store it reads through.
pub struct TestIndex {
    index: pledgewatch_search::DerivedIndex,
    store: std::sync::Arc<Store>,
}

impl TestIndex {
    pub async fn search(
        &self,
        query: &pledgewatch_core::storage::SearchQuery,
    ) -> pledgewatch_core::error::Result<Vec<pledgewatch_core::storage::SearchHit>> {
        use pledgewatch_core::storage::SearchIndex;
        self.index.search(query).await
    }

    /// Closes the index and its store's connections.
    pub async fn close(self) {
        drop(self.index);
        self.store.close().await;
    }
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn the_database_name_of_a_server_url_is_replaced_and_its_options_kept() {
        assert_eq!(
            with_database("postgres://u@h:5/postgres?sslmode=disable", "t1"),
            "postgres://u@h:5/t1?sslmode=disable"
        );
        assert_eq!(
            with_database("postgres://u@h:5", "t1"),
            "postgres://u@h:5/t1"
        );
    }
}
