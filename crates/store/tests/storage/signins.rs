//! Sign-in attempts: each is recorded with its audit entry in one
//! transaction (never with a password), and recording purges old attempts.

use chrono::Duration;
use pledgewatch_core::accounts::{Accounts, SignInAttempt};
use pledgewatch_core::audit::AuditSubject;
use pledgewatch_core::storage::Storage;
use uuid::Uuid;

use crate::harness::{TestDb, audit_len};

fn attempt(username: &str, success: bool, at: chrono::DateTime<chrono::Utc>) -> SignInAttempt {
    SignInAttempt {
        username: username.into(),
        user_id: success.then(pledgewatch_core::ids::UserId::new),
        success,
        at,
        client: Some("192.0.2.7".into()),
    }
}

/// The ids of the rows of `login_attempts`, oldest first.
async fn attempt_ids(db: &TestDb) -> Vec<Uuid> {
    let dump = db.store.dump().await.unwrap();
    let table = dump.iter().find(|t| t.table == "login_attempts").unwrap();
    let id = table.columns.iter().position(|c| c == "id").unwrap();
    table
        .rows
        .iter()
        .map(|row| row[id].as_str().unwrap().parse().unwrap())
        .collect()
}

pub async fn sign_ins_are_audited_with_their_attempt_and_old_attempts_are_purged(db: &TestDb) {
    let now = pledgewatch_core::audit::now();
    let before = audit_len(&db.store).await;
    let old = attempt("alice", false, now - Duration::days(2));
    db.store
        .record_sign_in(&old, Some(now - Duration::days(3)))
        .await
        .unwrap();
    assert_eq!(attempt_ids(db).await.len(), 1);
    db.store
        .record_sign_in(&attempt("alice", false, now), None)
        .await
        .unwrap();
    db.store
        .record_sign_in(&attempt("alice", true, now), Some(now - Duration::days(1)))
        .await
        .unwrap();
    let ids = attempt_ids(db).await;
    assert_eq!(ids.len(), 2, "the attempt from two days ago is purged");
    assert_eq!(audit_len(&db.store).await, before + 3, "one entry each");
    assert_eq!(
        db.store
            .failed_logins_since("alice", now - Duration::minutes(1))
            .await
            .unwrap(),
        1
    );
    let failed = db.store.history(AuditSubject::User, ids[0]).await.unwrap();
    let signed_in = db.store.history(AuditSubject::User, ids[1]).await.unwrap();
    assert_eq!((failed.len(), signed_in.len()), (1, 1));
    assert_eq!(failed[0].actor, "anonymous");
    assert_eq!(failed[0].reason.as_deref(), Some("Failed sign-in"));
    assert_eq!(signed_in[0].actor, "alice");
    assert_eq!(signed_in[0].reason.as_deref(), Some("Signed in"));
    let after: serde_json::Value =
        serde_json::from_str(signed_in[0].after.as_deref().unwrap()).unwrap();
    assert_eq!(after["username"], "alice");
    let failed_after: serde_json::Value =
        serde_json::from_str(failed[0].after.as_deref().unwrap()).unwrap();
    assert!(
        failed_after["username"].is_null(),
        "a failed attempt's typed name (perhaps a password) is not kept for good"
    );
    assert_eq!(after["success"], true);
    assert_eq!(after["client"], "192.0.2.7");
    assert!(db.store.verify_audit().await.unwrap().broken.is_none());
}

pub async fn old_attempts_are_purged_only_when_asked(db: &TestDb) {
    let now = pledgewatch_core::audit::now();
    let old = attempt("alice", false, now - Duration::days(40));
    db.store.record_sign_in(&old, None).await.unwrap();
    db.store
        .record_sign_in(&attempt("bob", false, now), None)
        .await
        .unwrap();
    assert_eq!(attempt_ids(db).await.len(), 2, "no purge without a horizon");
    db.store
        .record_sign_in(&attempt("bob", true, now), Some(now - Duration::days(1)))
        .await
        .unwrap();
    assert_eq!(attempt_ids(db).await.len(), 2, "the 40-day-old one is gone");
}

pub async fn a_username_no_account_could_have_is_never_stored(db: &TestDb) {
    let now = pledgewatch_core::audit::now();
    let longest = "a".repeat(64);
    for name in [
        "a".repeat(65),
        "é".repeat(65),
        "x".repeat(100_000),
        "correct horse battery staple".to_owned(),
        String::new(),
        "alice\n".to_owned(),
    ] {
        let err = db
            .store
            .record_sign_in(&attempt(&name, false, now), Some(now))
            .await
            .unwrap_err();
        assert!(
            matches!(&err, pledgewatch_core::error::Error::Invalid(e) if e.0[0].field == "username"),
            "{err}"
        );
    }
    assert!(attempt_ids(db).await.is_empty(), "no row");
    assert_eq!(audit_len(&db.store).await, 0, "no audit entry");
    db.store
        .record_sign_in(&attempt(&longest, false, now), None)
        .await
        .unwrap();
    assert_eq!(attempt_ids(db).await.len(), 1, "64 characters are allowed");
}
