//! Sign-in attempts, for both backends: each one is a `login_attempts` row
//! and an audit entry, written in one transaction that may also purge the
//! attempts older than the caller's horizon (so the table does not grow
//! without end). The password is never part of either, and a username no
//! account could have is never stored.

use chrono::{DateTime, Utc};
use pledgewatch_core::accounts::{SignInAttempt, parse_username};
use pledgewatch_core::audit::AuditAction;
use pledgewatch_core::error::Result;
use pledgewatch_core::storage::ChangeContext;
use uuid::Uuid;

use crate::Store;
use crate::accounts::append_audit;
use crate::ops::db;
use crate::schema::Value;

/// Who an attempt is audited as: the account's name when it signed in,
/// else nobody known.
fn context(attempt: &SignInAttempt) -> ChangeContext {
    let (actor, reason) = if attempt.success {
        (attempt.username.clone(), "Signed in")
    } else {
        ("anonymous".to_owned(), "Failed sign-in")
    };
    ChangeContext {
        actor,
        reason: Some(reason.to_owned()),
        at: attempt.at,
    }
}

/// What the audit log records of an attempt. The name typed for a failed
/// attempt is left out: people type their password into the name field,
/// and the audit log is kept for good (the `login_attempts` row keeps the
/// name for a day, until it is purged).
fn attempt_json(attempt: &SignInAttempt) -> String {
    let username = attempt.user_id.map(|_| &attempt.username);
    serde_json::json!({
        "username": username,
        "user_id": attempt.user_id,
        "success": attempt.success,
        "client": attempt.client,
    })
    .to_string()
}

/// Records `attempt` with its audit entry and purges attempts from before
/// `purge_before` if given, in one transaction. A username that no account
/// could have (over 64 characters, say) is refused before anything is
/// written: front ends check it first, and this keeps any other caller from
/// filling the table with whatever was typed.
pub(crate) async fn record(
    store: &Store,
    attempt: &SignInAttempt,
    purge_before: Option<DateTime<Utc>>,
) -> Result<()> {
    parse_username(&attempt.username)?;
    let mut tx = store.write().await?;
    let id = Uuid::now_v7();
    tx.exec(
        "INSERT INTO login_attempts (id, username, at, success) VALUES ($1, $2, $3, $4)",
        &[
            Value::Uuid(Some(id)),
            Value::text(&attempt.username),
            Value::Timestamp(Some(attempt.at)),
            Value::Bool(Some(attempt.success)),
        ],
    )
    .await
    .map_err(db)?;
    if let Some(before) = purge_before {
        tx.exec(
            "DELETE FROM login_attempts WHERE at < $1",
            &[Value::Timestamp(Some(before))],
        )
        .await
        .map_err(db)?;
    }
    append_audit(
        tx.as_mut(),
        &context(attempt),
        AuditAction::Create,
        id,
        1,
        None,
        Some(attempt_json(attempt)),
    )
    .await?;
    crate::commit(tx).await
}
