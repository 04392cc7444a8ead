//! Copying a database into another (`Store::copy_to`, behind `pledgewatch
//! migrate-to`): page by page, every row arrives and the copy verifies; a
//! copy that does not verify is rolled back; a target that holds records is
//! refused unless it is to be replaced.

use pledgewatch_core::error::Error;
use pledgewatch_core::storage::Storage;
use pledgewatch_store::schema::TABLES;
use pledgewatch_store::{CopyOptions, CopyProgress, NonEmptyTarget};

use crate::harness::{TestDb, load_demo};

/// Pages this small cut every table of the demo into several, so that the
/// keyset paging (compound keys included) is walked.
const SMALL_PAGES: CopyOptions = CopyOptions {
    non_empty: NonEmptyTarget::Refuse,
    page_rows: 7,
};

pub async fn a_copy_in_small_pages_holds_every_row_and_verifies(db: &TestDb) {
    load_demo(&db.store).await;
    db.store
        .put_file("text/plain", b"a stored file")
        .await
        .unwrap();
    let target = db.another("copy_target").await;
    let (mut tables, mut rows) = (Vec::new(), 0);
    let report = db
        .store
        .copy_to(&target.store, SMALL_PAGES, &mut |step| match step {
            CopyProgress::Table { name, .. } => tables.push(name.to_owned()),
            CopyProgress::Rows { rows: n } => {
                assert!(n <= 7, "a page of {n} rows");
                rows += n;
            }
            CopyProgress::Verifying => {}
        })
        .await
        .unwrap();
    assert!(report.committed, "{:?}", report.problems());
    assert_eq!(report.problems(), Vec::<String>::new());
    assert_eq!(tables.len(), TABLES.len());
    assert_eq!(rows, report.rows());
    let original = db.store.dump().await.unwrap();
    let copied = target.store.dump().await.unwrap();
    for (a, b) in original.iter().zip(&copied) {
        assert!(a.rows.len() > 7 || a.table != "entity_links");
        assert_eq!(a, b, "table {} differs after the copy", a.table);
    }
    assert_eq!(
        target.store.audit_seq().await.unwrap(),
        db.store.audit_seq().await.unwrap()
    );
    assert_eq!(target.store.verify_audit().await.unwrap().broken, None);
    target.drop_database().await;
}

pub async fn a_copy_that_does_not_verify_is_rolled_back(db: &TestDb) {
    load_demo(&db.store).await;
    let changed = db
        .store
        .execute_raw("UPDATE audit_log SET actor = 'someone else' WHERE seq = 3")
        .await
        .unwrap();
    assert_eq!(changed, 1);
    let target = db.another("copy_broken").await;
    let report = db
        .store
        .copy_to(&target.store, SMALL_PAGES, &mut |_| {})
        .await
        .unwrap();
    assert!(!report.committed);
    let problems = report.problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("the copied audit chain does not verify: audit entry 3 is broken"),
        "{problems:?}"
    );
    assert!(target.store.is_empty().await.unwrap(), "nothing was kept");
    assert_eq!(target.store.audit_seq().await.unwrap(), 0);
    target.drop_database().await;
}

pub async fn a_target_that_holds_records_is_refused_unless_replaced(db: &TestDb) {
    load_demo(&db.store).await;
    let target = db.another("copy_non_empty").await;
    target
        .store
        .put_file("text/plain", b"something else")
        .await
        .unwrap();
    let before = target.store.dump().await.unwrap();
    let refused = db
        .store
        .copy_to(&target.store, CopyOptions::default(), &mut |_| {})
        .await
        .unwrap_err();
    assert!(
        matches!(&refused, Error::Refused(m) if m.as_str().contains("not empty")),
        "{refused}"
    );
    assert_eq!(target.store.dump().await.unwrap(), before);

    let replace = CopyOptions {
        non_empty: NonEmptyTarget::Replace,
        ..CopyOptions::default()
    };
    let report = db
        .store
        .copy_to(&target.store, replace, &mut |_| {})
        .await
        .unwrap();
    assert!(report.committed, "{:?}", report.problems());
    assert_eq!(
        target.store.dump().await.unwrap(),
        db.store.dump().await.unwrap()
    );
    target.drop_database().await;
}
