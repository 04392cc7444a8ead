//! The rest of an account's life, for both backends: disabling and
//! enabling it (which ends its sessions and revokes its API tokens),
//! replacing its password, ending its sessions, and one-time reset codes.
//! Each change and its audit entries are one transaction, which first
//! locks the audit head so that the rule "one administrator stays enabled"
//! is checked and kept by one writer at a time.

use pledgewatch_core::accounts::{Ended, PasswordReset, Role, User};
use pledgewatch_core::audit::{AuditAction, format_timestamp};
use pledgewatch_core::error::{Error, Result, Said};
use pledgewatch_core::ids::{PasswordResetId, UserId};
use pledgewatch_core::storage::ChangeContext;
use uuid::Uuid;

use crate::Store;
use crate::accounts::{append_audit, count, token_json, user_json, user_where};
use crate::ops::{audit_head, db};
use crate::schema::Value;
use crate::tx::{FromRow, Row, Tx, TxError, fetch_as, fetch_one_as};

const RESET_COLUMNS: &str = "id, user_id, code_hash, created_at, expires_at, used_at";

impl FromRow for PasswordReset {
    fn from_row(row: &Row<'_>) -> Result<Self, TxError> {
        Ok(PasswordReset {
            id: row.get("id")?,
            user_id: row.get("user_id")?,
            code_hash: row.get("code_hash")?,
            created_at: row.get("created_at")?,
            expires_at: row.get("expires_at")?,
            used_at: row.opt("used_at")?,
        })
    }
}

/// The account, in a write transaction that holds the audit head.
async fn locked_user(tx: &mut dyn Tx, id: UserId) -> Result<User> {
    audit_head(tx, true).await?;
    user_where(tx, "id = $1", Value::id(id))
        .await?
        .ok_or_else(|| Error::NotFound {
            kind: "user",
            id: id.to_string(),
        })
}

/// The version the next audit entry of `id` gets.
pub(crate) async fn next_version(tx: &mut dyn Tx, id: Uuid) -> Result<i64> {
    let sql = "SELECT COUNT(*) AS n FROM audit_log WHERE entity_id = $1";
    Ok(count(tx, "audit_log", sql, &[Value::Uuid(Some(id))]).await? + 1)
}

/// What the audit log records after an event in an account's life: the
/// account (never its password hash), what happened and what it ended.
fn event_json(user: &User, event: &str, ended: Ended) -> String {
    let mut json: serde_json::Value =
        serde_json::from_str(&user_json(user)).unwrap_or(serde_json::Value::Null);
    if let Some(map) = json.as_object_mut() {
        map.insert("event".into(), event.into());
        map.insert("sessions_ended".into(), ended.sessions.into());
        map.insert("tokens_revoked".into(), ended.tokens.into());
    }
    json.to_string()
}

/// Appends the account's audit entry for an event.
async fn audit_event(
    tx: &mut dyn Tx,
    context: &ChangeContext,
    before: &User,
    after: &User,
    event: &str,
    ended: Ended,
) -> Result<()> {
    let version = next_version(tx, before.id.uuid()).await?;
    append_audit(
        tx,
        context,
        AuditAction::Update,
        before.id.uuid(),
        version,
        Some(user_json(before)),
        Some(event_json(after, event, ended)),
    )
    .await
}

/// Deletes the account's sessions, but the one kept.
async fn delete_sessions(tx: &mut dyn Tx, id: UserId, keep: Option<&str>) -> Result<u64> {
    let (sql, params) = match keep {
        Some(kept) => (
            "DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2",
            vec![Value::id(id), Value::text(kept)],
        ),
        None => (
            "DELETE FROM sessions WHERE user_id = $1",
            vec![Value::id(id)],
        ),
    };
    tx.exec(sql, &params).await.map_err(db)
}

/// Revokes every token of the account not yet revoked, each audited as its
/// own revocation.
async fn revoke_tokens(tx: &mut dyn Tx, context: &ChangeContext, id: UserId) -> Result<u64> {
    let sql = format!(
        "SELECT {} FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL ORDER BY created_at, id",
        crate::accounts::TOKEN_COLUMNS
    );
    let live: Vec<pledgewatch_core::accounts::ApiToken> =
        fetch_as(tx, "api_tokens", &sql, &[Value::id(id)])
            .await
            .map_err(db)?;
    for token in &live {
        tx.exec(
            "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2",
            &[Value::Timestamp(Some(context.at)), Value::id(token.id)],
        )
        .await
        .map_err(db)?;
        let revoked = pledgewatch_core::accounts::ApiToken {
            revoked_at: Some(context.at),
            ..token.clone()
        };
        let version = next_version(tx, token.id.uuid()).await?;
        append_audit(
            tx,
            context,
            AuditAction::Delete,
            token.id.uuid(),
            version,
            Some(token_json(token)),
            Some(token_json(&revoked)),
        )
        .await?;
    }
    Ok(live.len() as u64)
}

/// Refuses to take `user` out of the enabled administrators if no other
/// is left (the caller holds the audit head).
pub(crate) async fn keep_one_admin(tx: &mut dyn Tx, user: &User) -> Result<()> {
    if user.role != Role::Admin || user.disabled {
        return Ok(());
    }
    let sql = "SELECT COUNT(*) AS n FROM users WHERE role = $1 AND disabled = $2";
    let params = [Value::text(Role::Admin.as_str()), Value::Bool(Some(false))];
    if count(tx, "users", sql, &params).await? <= 1 {
        return Err(Error::refused(
            Said::new("reason-last-admin").text("user", &user.username),
        ));
    }
    Ok(())
}

pub(crate) async fn set_disabled(
    store: &Store,
    context: &ChangeContext,
    id: UserId,
    disabled: bool,
) -> Result<Ended> {
    let mut tx = store.write().await?;
    let user = locked_user(tx.as_mut(), id).await?;
    if user.disabled == disabled {
        let id = if disabled {
            "reason-account-already-disabled"
        } else {
            "reason-account-already-enabled"
        };
        return Err(Error::refused(Said::new(id).text("user", &user.username)));
    }
    if disabled {
        keep_one_admin(tx.as_mut(), &user).await?;
    }
    tx.exec(
        "UPDATE users SET disabled = $1 WHERE id = $2",
        &[Value::Bool(Some(disabled)), Value::id(id)],
    )
    .await
    .map_err(db)?;
    let ended = if disabled {
        Ended {
            sessions: delete_sessions(tx.as_mut(), id, None).await?,
            tokens: revoke_tokens(tx.as_mut(), context, id).await?,
        }
    } else {
        Ended::default()
    };
    let changed = User {
        disabled,
        ..user.clone()
    };
    let event = if disabled { "disabled" } else { "enabled" };
    audit_event(tx.as_mut(), context, &user, &changed, event, ended).await?;
    crate::commit(tx).await?;
    Ok(ended)
}

pub(crate) async fn set_password(
    store: &Store,
    context: &ChangeContext,
    id: UserId,
    password_hash: &str,
    keep_session: Option<&str>,
) -> Result<Ended> {
    let mut tx = store.write().await?;
    let user = locked_user(tx.as_mut(), id).await?;
    tx.exec(
        "UPDATE users SET password_hash = $1 WHERE id = $2",
        &[Value::text(password_hash), Value::id(id)],
    )
    .await
    .map_err(db)?;
    let ended = Ended {
        sessions: delete_sessions(tx.as_mut(), id, keep_session).await?,
        tokens: 0,
    };
    audit_event(
        tx.as_mut(),
        context,
        &user,
        &user,
        "password changed",
        ended,
    )
    .await?;
    crate::commit(tx).await?;
    Ok(ended)
}

pub(crate) async fn end_sessions(
    store: &Store,
    context: &ChangeContext,
    id: UserId,
) -> Result<Ended> {
    let mut tx = store.write().await?;
    let user = locked_user(tx.as_mut(), id).await?;
    let ended = Ended {
        sessions: delete_sessions(tx.as_mut(), id, None).await?,
        tokens: 0,
    };
    let event = "signed out everywhere";
    audit_event(tx.as_mut(), context, &user, &user, event, ended).await?;
    crate::commit(tx).await?;
    Ok(ended)
}

/// What the audit log records of a reset code: never its hash.
fn reset_json(reset: &PasswordReset) -> String {
    serde_json::json!({
        "id": reset.id,
        "user_id": reset.user_id,
        "expires_at": format_timestamp(&reset.expires_at),
        "used_at": reset.used_at.map(|t| format_timestamp(&t)),
    })
    .to_string()
}

pub(crate) async fn create_password_reset(
    store: &Store,
    context: &ChangeContext,
    reset: &PasswordReset,
) -> Result<()> {
    let mut tx = store.write().await?;
    let user = locked_user(tx.as_mut(), reset.user_id).await?;
    if user.disabled {
        return Err(Error::refused(
            Said::new("reason-account-disabled").text("user", &user.username),
        ));
    }
    // One code per account: a new one replaces the earlier (the audit log
    // keeps their history); codes past their time go too.
    tx.exec(
        "DELETE FROM password_resets WHERE user_id = $1 OR expires_at < $2",
        &[Value::id(user.id), Value::Timestamp(Some(context.at))],
    )
    .await
    .map_err(db)?;
    tx.exec(
        &format!("INSERT INTO password_resets ({RESET_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)"),
        &[
            Value::id(reset.id),
            Value::id(reset.user_id),
            Value::text(&reset.code_hash),
            Value::Timestamp(Some(reset.created_at)),
            Value::Timestamp(Some(reset.expires_at)),
            Value::Timestamp(reset.used_at),
        ],
    )
    .await
    .map_err(db)?;
    append_audit(
        tx.as_mut(),
        context,
        AuditAction::Create,
        reset.id.uuid(),
        1,
        None,
        Some(reset_json(reset)),
    )
    .await?;
    crate::commit(tx).await
}

pub(crate) async fn password_reset(
    store: &Store,
    user_id: UserId,
    code_hash: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Option<PasswordReset>> {
    let mut tx = store.read().await?;
    let sql = format!(
        "SELECT {RESET_COLUMNS} FROM password_resets WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL AND expires_at > $3"
    );
    let params = [
        Value::id(user_id),
        Value::text(code_hash),
        Value::Timestamp(Some(now)),
    ];
    let reset: Option<PasswordReset> = fetch_one_as(tx.as_mut(), "password_resets", &sql, &params)
        .await
        .map_err(db)?;
    let Some(reset) = reset else {
        return Ok(None);
    };
    let user = user_where(tx.as_mut(), "id = $1", Value::id(user_id)).await?;
    Ok(user.filter(|u| !u.disabled).map(|_| reset))
}

pub(crate) async fn redeem_password_reset(
    store: &Store,
    context: &ChangeContext,
    id: PasswordResetId,
    password_hash: &str,
) -> Result<Option<Ended>> {
    let mut tx = store.write().await?;
    audit_head(tx.as_mut(), true).await?;
    let sql = format!("SELECT {RESET_COLUMNS} FROM password_resets WHERE id = $1");
    let reset: Option<PasswordReset> =
        fetch_one_as(tx.as_mut(), "password_resets", &sql, &[Value::id(id)])
            .await
            .map_err(db)?;
    let Some(reset) = reset.filter(|r| r.used_at.is_none() && r.expires_at > context.at) else {
        return Ok(None);
    };
    let user = user_where(tx.as_mut(), "id = $1", Value::id(reset.user_id)).await?;
    let Some(user) = user.filter(|u| !u.disabled) else {
        return Ok(None);
    };
    tx.exec(
        "UPDATE password_resets SET used_at = $1 WHERE id = $2",
        &[Value::Timestamp(Some(context.at)), Value::id(id)],
    )
    .await
    .map_err(db)?;
    tx.exec(
        "UPDATE users SET password_hash = $1 WHERE id = $2",
        &[Value::text(password_hash), Value::id(user.id)],
    )
    .await
    .map_err(db)?;
    let ended = Ended {
        sessions: delete_sessions(tx.as_mut(), user.id, None).await?,
        tokens: 0,
    };
    let event = "password reset with a one-time code";
    audit_event(tx.as_mut(), context, &user, &user, event, ended).await?;
    crate::commit(tx).await?;
    Ok(Some(ended))
}
