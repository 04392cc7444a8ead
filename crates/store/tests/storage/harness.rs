//! Small fixtures of the storage suite; the databases come from the testkit.

use pledgewatch_core::dataset;
use pledgewatch_core::service::{self, Services};
use pledgewatch_core::storage::{Change, Storage};
use pledgewatch_store::Store;

pub use pledgewatch_testkit::TestDb;

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
