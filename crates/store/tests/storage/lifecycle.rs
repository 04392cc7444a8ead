//! The rest of an account's life: disabling (which ends its sessions and
//! revokes its tokens in the same audited transaction), the last enabled
//! administrator, password changes, signing out everywhere, token expiry
//! and one-time reset codes.

use chrono::{DateTime, Duration, Utc};
use pledgewatch_core::accounts::{Accounts, Ended, PasswordReset, Role, Session, User};
use pledgewatch_core::audit::AuditSubject;
use pledgewatch_core::error::Error;
use pledgewatch_core::ids::{PasswordResetId, UserId};
use pledgewatch_core::storage::Storage;

use crate::harness::{TestDb, audit_len, context};
use crate::suite::{api_token, user};

async fn hired(db: &TestDb, name: &str, role: Role) -> User {
    let u = user(name, role);
    db.store
        .create_user(&context("hire"), u.clone())
        .await
        .unwrap();
    u
}

fn session(owner: &User, mark: char, now: DateTime<Utc>) -> Session {
    Session {
        token_hash: mark.to_string().repeat(64),
        user_id: owner.id,
        csrf_token: "c".repeat(43),
        created_at: now,
        expires_at: now + Duration::hours(8),
    }
}

async fn signed_in(db: &TestDb, s: &Session, now: DateTime<Utc>) -> bool {
    db.store
        .session(&s.token_hash, now)
        .await
        .unwrap()
        .is_some()
}

/// Whether the last audit entry of `id` says `event` and keeps no secret.
async fn last_event(db: &TestDb, id: uuid::Uuid) -> String {
    let history = db.store.history(AuditSubject::User, id).await.unwrap();
    let last = history.last().unwrap();
    let after = last.after.clone().unwrap_or_default();
    assert!(!after.contains("argon2"), "no password hash in the log");
    after
}

pub async fn disabling_an_account_ends_its_sessions_and_revokes_its_tokens_in_one_audited_step(
    db: &TestDb,
) {
    let now = pledgewatch_core::audit::now();
    hired(db, "admin", Role::Admin).await;
    let alice = hired(db, "alice", Role::Editor).await;
    let bob = hired(db, "bob", Role::Editor).await;
    let (a1, a2, b1) = (
        session(&alice, 'a', now),
        session(&alice, 'b', now),
        session(&bob, 'c', now),
    );
    for s in [&a1, &a2, &b1] {
        db.store.create_session(s).await.unwrap();
    }
    let token = api_token(&alice, "export", &"1".repeat(64));
    let bobs = api_token(&bob, "export", &"2".repeat(64));
    for t in [&token, &bobs] {
        db.store.create_api_token(&context("t"), t).await.unwrap();
    }
    let before = audit_len(&db.store).await;

    let ended = db
        .store
        .set_disabled(&context("left the team"), alice.id, true)
        .await
        .unwrap();
    assert_eq!(
        ended,
        Ended {
            sessions: 2,
            tokens: 1
        }
    );
    let stored = db.store.user_by_id(alice.id).await.unwrap().unwrap();
    assert!(stored.disabled);
    assert!(!signed_in(db, &a1, now).await && !signed_in(db, &a2, now).await);
    assert!(signed_in(db, &b1, now).await, "other accounts keep theirs");
    assert!(
        db.store
            .api_token(&token.token_hash, now)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        db.store
            .api_token(&bobs.token_hash, now)
            .await
            .unwrap()
            .is_some()
    );
    let listed = db.store.list_api_tokens(Some(alice.id)).await.unwrap();
    assert!(listed[0].revoked_at.is_some(), "revoked for good");
    // One entry for the account and one for its token.
    assert_eq!(audit_len(&db.store).await, before + 2);
    let after = last_event(db, alice.id.uuid()).await;
    assert!(after.contains("\"disabled\":true"), "{after}");
    assert!(after.contains("\"sessions_ended\":2"), "{after}");

    let err = db
        .store
        .set_disabled(&context("again"), alice.id, true)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("already disabled"), "{err}");

    // A disabled account's session, made somehow, does not sign it in.
    let late = session(&alice, 'd', now);
    db.store.create_session(&late).await.unwrap();
    assert!(!signed_in(db, &late, now).await);

    // Enabling gives back sign-in, not the revoked tokens.
    let ended = db
        .store
        .set_disabled(&context("back"), alice.id, false)
        .await
        .unwrap();
    assert_eq!(ended, Ended::default());
    assert!(signed_in(db, &late, now).await);
    assert!(
        db.store
            .api_token(&token.token_hash, now)
            .await
            .unwrap()
            .is_none()
    );
    let err = db
        .store
        .set_disabled(&context("x"), UserId::new(), true)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err}");
    assert!(db.store.verify_audit().await.unwrap().broken.is_none());
}

pub async fn the_last_enabled_administrator_can_be_neither_disabled_nor_demoted(db: &TestDb) {
    let root = hired(db, "root", Role::Admin).await;
    let other = hired(db, "other", Role::Admin).await;
    db.store
        .set_disabled(&context("x"), other.id, true)
        .await
        .unwrap();
    let before = db.store.dump().await.unwrap();
    let err = db
        .store
        .set_disabled(&context("x"), root.id, true)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Refused(m) if m.as_str().contains("last enabled administrator")),
        "{err}"
    );
    let err = db
        .store
        .set_role(&context("x"), root.id, Role::Editor)
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("last enabled administrator"),
        "{err}"
    );
    assert_eq!(db.store.dump().await.unwrap(), before, "nothing changed");
    // With a second enabled administrator, either may go.
    db.store
        .set_disabled(&context("x"), other.id, false)
        .await
        .unwrap();
    db.store
        .set_disabled(&context("x"), root.id, true)
        .await
        .unwrap();
    // A disabled administrator may be demoted: it is not counted.
    db.store
        .set_role(&context("x"), root.id, Role::Viewer)
        .await
        .unwrap();
}

pub async fn a_new_password_ends_the_other_sessions_and_is_audited_without_the_hash(db: &TestDb) {
    let now = pledgewatch_core::audit::now();
    let alice = hired(db, "alice", Role::Viewer).await;
    let (here, there) = (session(&alice, 'a', now), session(&alice, 'b', now));
    db.store.create_session(&here).await.unwrap();
    db.store.create_session(&there).await.unwrap();
    let new_hash = "$argon2id$v=19$m=19456,t=2,p=1$bmV3c2FsdA$bmV3aGFzaA";
    let ended = db
        .store
        .set_password(&context("pw"), alice.id, new_hash, Some(&here.token_hash))
        .await
        .unwrap();
    assert_eq!(ended.sessions, 1);
    assert!(signed_in(db, &here, now).await, "the current one stays");
    assert!(!signed_in(db, &there, now).await);
    let stored = db.store.user_by_id(alice.id).await.unwrap().unwrap();
    assert_eq!(stored.password_hash, new_hash);
    let after = last_event(db, alice.id.uuid()).await;
    assert!(after.contains("password changed"), "{after}");

    // Signing out everywhere ends the rest, the current one included.
    let ended = db
        .store
        .end_sessions(&context("out"), alice.id)
        .await
        .unwrap();
    assert_eq!(ended.sessions, 1);
    assert!(!signed_in(db, &here, now).await);
    let after = last_event(db, alice.id.uuid()).await;
    assert!(after.contains("signed out everywhere"), "{after}");
    assert!(db.store.verify_audit().await.unwrap().broken.is_none());
}

pub async fn an_expired_token_is_refused_like_a_revoked_one_and_keeps_its_expiry(db: &TestDb) {
    let now = pledgewatch_core::audit::now();
    let alice = hired(db, "alice", Role::Editor).await;
    let mut token = api_token(&alice, "short-lived", &"e".repeat(64));
    token.expires_at = now + Duration::minutes(5);
    db.store
        .create_api_token(&context("t"), &token)
        .await
        .unwrap();
    assert!(
        db.store
            .api_token(&token.token_hash, now)
            .await
            .unwrap()
            .is_some()
    );
    let later = now + Duration::minutes(5);
    assert!(
        db.store
            .api_token(&token.token_hash, later)
            .await
            .unwrap()
            .is_none()
    );
    let listed = db.store.list_api_tokens(Some(alice.id)).await.unwrap();
    assert_eq!(listed[0].expires_at, token.expires_at);
    let history = db
        .store
        .history(AuditSubject::User, token.id.uuid())
        .await
        .unwrap();
    assert!(history[0].after.as_deref().unwrap().contains("expires_at"));
}

fn reset(owner: &User, mark: char, now: DateTime<Utc>) -> PasswordReset {
    PasswordReset {
        id: PasswordResetId::new(),
        user_id: owner.id,
        code_hash: mark.to_string().repeat(64),
        created_at: now,
        expires_at: now + Duration::hours(24),
        used_at: None,
    }
}

pub async fn a_reset_code_works_once_until_it_expires_and_a_new_one_replaces_the_old(db: &TestDb) {
    let now = pledgewatch_core::audit::now();
    let alice = hired(db, "alice", Role::Viewer).await;
    let bob = hired(db, "bob", Role::Viewer).await;
    let old = reset(&alice, 'a', now);
    db.store
        .create_password_reset(&context("r"), &old)
        .await
        .unwrap();
    let new = reset(&alice, 'b', now);
    db.store
        .create_password_reset(&context("r"), &new)
        .await
        .unwrap();
    let find = |r: &PasswordReset, who: UserId, at| {
        let hash = r.code_hash.clone();
        async move { db.store.password_reset(who, &hash, at).await.unwrap() }
    };
    assert_eq!(find(&old, alice.id, now).await, None, "replaced");
    assert_eq!(find(&new, alice.id, now).await, Some(new.clone()));
    assert_eq!(find(&new, bob.id, now).await, None, "only for its account");
    assert_eq!(find(&new, alice.id, new.expires_at).await, None, "expired");

    let s = session(&alice, 's', now);
    db.store.create_session(&s).await.unwrap();
    let hash = "$argon2id$v=19$m=19456,t=2,p=1$cmVzZXQ$cmVzZXRoYXNo";
    let mut at = context("reset");
    let ended = db
        .store
        .redeem_password_reset(&at, new.id, hash)
        .await
        .unwrap();
    assert_eq!(ended.map(|e| e.sessions), Some(1));
    assert!(!signed_in(db, &s, now).await, "every session ends");
    let stored = db.store.user_by_id(alice.id).await.unwrap().unwrap();
    assert_eq!(stored.password_hash, hash);
    let after = last_event(db, alice.id.uuid()).await;
    assert!(after.contains("one-time code"), "{after}");

    // Single use.
    assert_eq!(find(&new, alice.id, now).await, None);
    let before = db.store.dump().await.unwrap();
    let again = db.store.redeem_password_reset(&at, new.id, "x").await;
    assert_eq!(again.unwrap(), None);
    // Expired: refused even if it was found a moment before.
    let bobs = reset(&bob, 'c', now);
    db.store
        .create_password_reset(&context("r"), &bobs)
        .await
        .unwrap();
    let before_bob = db.store.dump().await.unwrap();
    at.at = bobs.expires_at;
    assert_eq!(
        db.store
            .redeem_password_reset(&at, bobs.id, "x")
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        db.store.dump().await.unwrap(),
        before_bob,
        "nothing changed"
    );
    assert_ne!(before, before_bob);

    // No code for a disabled account, and a code dies with the account's
    // access.
    let carol = hired(db, "carol", Role::Viewer).await;
    let carols = reset(&carol, 'd', now);
    db.store
        .create_password_reset(&context("r"), &carols)
        .await
        .unwrap();
    db.store
        .set_disabled(&context("x"), carol.id, true)
        .await
        .unwrap();
    assert_eq!(find(&carols, carol.id, now).await, None);
    let err = db
        .store
        .create_password_reset(&context("r"), &reset(&carol, 'f', now))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Refused(_)), "{err}");
    let dump = db.store.dump().await.unwrap();
    let audit = dump.iter().find(|t| t.table == "audit_log").unwrap();
    let audit = serde_json::to_string(&audit.rows).unwrap();
    assert!(!audit.contains(&new.code_hash), "no code hash in the log");
    assert!(db.store.verify_audit().await.unwrap().broken.is_none());
}

pub async fn an_accounts_language_is_saved_audited_and_forgotten(db: &TestDb) {
    use pledgewatch_core::lang::Lang;
    let alice = hired(db, "alice", Role::Viewer).await;
    assert_eq!(db.store.user_language(alice.id).await.unwrap(), None);
    let before = audit_len(&db.store).await;
    db.store
        .set_user_language(&context("language"), alice.id, Some(Lang::Ru))
        .await
        .unwrap();
    assert_eq!(
        db.store.user_language(alice.id).await.unwrap(),
        Some(Lang::Ru)
    );
    assert_eq!(audit_len(&db.store).await, before + 1);
    assert!(last_event(db, alice.id.uuid()).await.contains("\"ru\""));
    db.store
        .set_user_language(&context("language"), alice.id, Some(Lang::Es))
        .await
        .unwrap();
    db.store
        .set_user_language(&context("language"), alice.id, None)
        .await
        .unwrap();
    assert_eq!(db.store.user_language(alice.id).await.unwrap(), None);
    let nobody = UserId::new();
    assert!(matches!(
        db.store.user_language(nobody).await,
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        db.store
            .set_user_language(&context("language"), nobody, Some(Lang::Fr))
            .await,
        Err(Error::NotFound { .. })
    ));
    assert_eq!(audit_len(&db.store).await, before + 3);
}
