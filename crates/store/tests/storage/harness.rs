//! Fresh databases for each test, on either backend, and small fixtures.

use pledgewatch_core::dataset;
use pledgewatch_core::service::{self, Services};
use pledgewatch_core::storage::{Change, Storage};
use pledgewatch_store::{DatabaseUrl, OpenMode, Store};

pub const POSTGRES_ENV: &str = "PLEDGEWATCH_TEST_POSTGRES_URL";

pub struct TestDb {
    pub store: Store,
    pub url: DatabaseUrl,
    pub backend: &'static str,
    /// Keeps a SQLite database's folder alive for the test.
    _dir: Option<tempfile::TempDir>,
    /// The server URL and database name of a PostgreSQL test database.
    postgres: Option<(String, String)>,
}

impl TestDb {
    /// Another empty, migrated database on the same backend.
    pub async fn another(&self, name: &str) -> TestDb {
        match self.backend {
            "sqlite" => sqlite().await,
            _ => postgres(name)
                .await
                .expect("PostgreSQL was available a moment ago"),
        }
    }

    /// Drops a PostgreSQL test database (SQLite ones go with their folder).
    pub async fn drop_database(&self) {
        self.store.close().await;
        if let Some((server, name)) = &self.postgres {
            let admin = Store::open(&DatabaseUrl::Postgres(server.clone()), OpenMode::MustExist)
                .await
                .unwrap();
            admin
                .execute_raw(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                .await
                .unwrap();
            admin.close().await;
        }
    }
}

pub async fn sqlite() -> TestDb {
    let dir = tempfile::tempdir().unwrap();
    let url = DatabaseUrl::Sqlite(dir.path().join("test.db"));
    let store = Store::open(&url, OpenMode::CreateIfMissing).await.unwrap();
    store.migrate().await.unwrap();
    TestDb {
        store,
        url,
        backend: "sqlite",
        _dir: Some(dir),
        postgres: None,
    }
}

/// A new database on the test server, or `None` (said loudly) when no server
/// is configured outside CI.
pub async fn postgres(test: &str) -> Option<TestDb> {
    let Ok(server) = std::env::var(POSTGRES_ENV) else {
        if std::env::var_os("CI").is_some() {
            panic!(
                "{POSTGRES_ENV} is not set under CI: the PostgreSQL storage tests must run in CI"
            );
        }
        eprintln!(
            "\n*** NOT RUN on PostgreSQL: {test} ({POSTGRES_ENV} is not set; .ci/run sets it up) ***\n"
        );
        return None;
    };
    let name = format!(
        "pw_{}_{}",
        &test[..test.len().min(30)],
        uuid::Uuid::new_v4().simple()
    );
    let admin = Store::open(&DatabaseUrl::Postgres(server.clone()), OpenMode::MustExist)
        .await
        .unwrap();
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
    Some(TestDb {
        store,
        url,
        backend: "postgres",
        _dir: None,
        postgres: Some((server, name)),
    })
}

/// The server URL with its database name replaced.
fn with_database(server: &str, name: &str) -> String {
    let (base, query) = match server.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (server, String::new()),
    };
    let authority_start = base.find("://").map(|i| i + 3).unwrap_or(0);
    let path_start = base[authority_start..]
        .find('/')
        .map(|i| i + authority_start);
    let host = match path_start {
        Some(i) => &base[..i],
        None => base,
    };
    format!("{host}/{name}{query}")
}

pub fn context(reason: &str) -> pledgewatch_core::storage::ChangeContext {
    service::context("tester", Some(reason)).unwrap()
}

/// Loads the seed dossier through the services, as `pledgewatch demo` does.
pub async fn load_demo(store: &Store) -> usize {
    let parsed = dataset::parse(dataset::DEMO).unwrap();
    let converted = dataset::convert(&parsed).unwrap();
    let n = converted.entities.len();
    Services::new(store)
        .apply(
            &context("load the demo"),
            converted.entities.into_iter().map(Change::Create).collect(),
        )
        .await
        .unwrap();
    n
}

/// Number of audit entries.
pub async fn audit_len(store: &Store) -> i64 {
    store.verify_audit().await.unwrap().entries
}
