//! Accounts, sessions and login attempts, for both backends. Account changes
//! are appended to the audit chain in the same transaction (without the
//! password hash).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use pledgewatch_core::accounts::{
    Accounts, ApiToken, Ended, PasswordReset, Role, Session, SignInAttempt, User,
};
use pledgewatch_core::audit::{AuditAction, AuditEntry, AuditSubject};
use pledgewatch_core::error::{Error, FieldError, Result, Said};
use pledgewatch_core::ids::{ApiTokenId, PasswordResetId, UserId};
use pledgewatch_core::lang::Lang;
use pledgewatch_core::storage::ChangeContext;
use uuid::Uuid;

use crate::Store;
use crate::ops::{audit_head, db};
use crate::schema::Value;
use crate::tx::{Count, Dialect, FromRow, Row, Tx, TxError, fetch_as, fetch_one_as};

const USER_COLUMNS: &str = "id, username, display_name, role, password_hash, created_at, disabled";
impl FromRow for User {
    fn from_row(row: &Row<'_>) -> Result<Self, TxError> {
        Ok(User {
            id: row.get("id")?,
            username: row.get("username")?,
            display_name: row.get("display_name")?,
            role: row.parse("role", Role::parse)?,
            password_hash: row.get("password_hash")?,
            created_at: row.get("created_at")?,
            disabled: row.get("disabled")?,
        })
    }
}

/// An account's language column.
struct LanguageRow(Option<String>);

impl FromRow for LanguageRow {
    fn from_row(row: &Row<'_>) -> Result<Self, TxError> {
        Ok(LanguageRow(row.opt("language")?))
    }
}

/// The language an account chose; an account that does not exist is not
/// found.
async fn language_of(tx: &mut dyn Tx, id: UserId) -> Result<Option<Lang>> {
    let row: Option<LanguageRow> = fetch_one_as(
        tx,
        "users",
        "SELECT language FROM users WHERE id = $1",
        &[Value::id(id)],
    )
    .await
    .map_err(db)?;
    let row = row.ok_or_else(|| Error::NotFound {
        kind: "user",
        id: id.to_string(),
    })?;
    Ok(row.0.as_deref().and_then(Lang::parse))
}

/// What the audit log records of an account: never the password hash.
pub(crate) fn user_json(user: &User) -> String {
    serde_json::json!({
        "id": user.id,
        "username": user.username,
        "display_name": user.display_name,
        "role": user.role.as_str(),
        "disabled": user.disabled,
    })
    .to_string()
}

pub(crate) async fn user_where(
    tx: &mut dyn Tx,
    clause: &str,
    value: Value,
) -> Result<Option<User>> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE {clause}");
    fetch_one_as(tx, "users", &sql, &[value]).await.map_err(db)
}

async fn insert_user(tx: &mut dyn Tx, context: &ChangeContext, user: &User) -> Result<()> {
    if user_where(tx, "username = $1", Value::text(&user.username))
        .await?
        .is_some()
    {
        return Err(FieldError::said(
            "username",
            Said::new("reason-username-taken").text("value", &user.username),
        )
        .into());
    }
    tx.exec(
        &format!("INSERT INTO users ({USER_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)"),
        &[
            Value::id(user.id),
            Value::text(&user.username),
            Value::text(&user.display_name),
            Value::text(user.role.as_str()),
            Value::text(&user.password_hash),
            Value::Timestamp(Some(user.created_at)),
            Value::Bool(Some(user.disabled)),
        ],
    )
    .await
    .map_err(db)?;
    append_audit(
        tx,
        context,
        AuditAction::Create,
        user.id.uuid(),
        1,
        None,
        Some(user_json(user)),
    )
    .await
}

/// Appends one audit entry for an account change, inside `tx`.
pub(crate) async fn append_audit(
    tx: &mut dyn Tx,
    context: &ChangeContext,
    action: AuditAction,
    id: Uuid,
    version: i64,
    before: Option<String>,
    after: Option<String>,
) -> Result<()> {
    let head = audit_head(tx, true)
        .await?
        .ok_or_else(|| Error::storage("reading the audit head", "it is missing"))?;
    let (seq, prev) = (head.seq, head.hash);
    let entry = AuditEntry {
        seq: seq + 1,
        at: context.at,
        actor: context.actor.clone(),
        action,
        subject: AuditSubject::User,
        entity_id: id,
        entity_version: version,
        reason: context.reason.clone(),
        before,
        after,
        after_sha256: None,
        prev_hash: prev,
        hash: String::new(),
    }
    .seal();
    crate::ops::insert_audit(tx, &entry).await?;
    tx.exec(
        "UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1",
        &[Value::Int(Some(entry.seq)), Value::text(&entry.hash)],
    )
    .await
    .map_err(db)?;
    Ok(())
}

pub(crate) const TOKEN_COLUMNS: &str =
    "id, user_id, name, token_hash, created_at, last_used_at, revoked_at, expires_at";
impl FromRow for ApiToken {
    fn from_row(row: &Row<'_>) -> Result<Self, TxError> {
        Ok(ApiToken {
            id: row.get("id")?,
            user_id: row.get("user_id")?,
            name: row.get("name")?,
            token_hash: row.get("token_hash")?,
            created_at: row.get("created_at")?,
            last_used_at: row.opt("last_used_at")?,
            revoked_at: row.opt("revoked_at")?,
            expires_at: row.get("expires_at")?,
        })
    }
}

impl FromRow for Session {
    fn from_row(row: &Row<'_>) -> Result<Self, TxError> {
        Ok(Session {
            token_hash: row.get("token_hash")?,
            user_id: row.get("user_id")?,
            csrf_token: row.get("csrf_token")?,
            created_at: row.get("created_at")?,
            expires_at: row.get("expires_at")?,
        })
    }
}

/// A `COUNT(*) AS n` query's answer.
pub(crate) async fn count(
    tx: &mut dyn Tx,
    table: &str,
    sql: &str,
    params: &[Value],
) -> Result<i64> {
    let n: Option<Count> = fetch_one_as(tx, table, sql, params).await.map_err(db)?;
    Ok(n.map_or(0, |n| n.0))
}

/// What the audit log records of a token: never its hash.
pub(crate) fn token_json(token: &ApiToken) -> String {
    serde_json::json!({
        "id": token.id,
        "user_id": token.user_id,
        "name": token.name,
        "revoked_at": token.revoked_at.map(|t| pledgewatch_core::audit::format_timestamp(&t)),
        "expires_at": pledgewatch_core::audit::format_timestamp(&token.expires_at),
    })
    .to_string()
}

async fn token_where(tx: &mut dyn Tx, clause: &str, value: Value) -> Result<Option<ApiToken>> {
    let sql = format!("SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE {clause}");
    fetch_one_as(tx, "api_tokens", &sql, &[value])
        .await
        .map_err(db)
}

/// A token's last use is noted at most this often, so that a busy client
/// does not turn every read into a write.
const LAST_USED_GRANULARITY_SECONDS: i64 = 60;

#[async_trait]
impl Accounts for Store {
    async fn user_count(&self) -> Result<i64> {
        let mut tx = self.read().await?;
        count(tx.as_mut(), "users", "SELECT COUNT(*) AS n FROM users", &[]).await
    }

    async fn create_user(&self, context: &ChangeContext, user: User) -> Result<()> {
        let mut tx = self.write().await?;
        insert_user(tx.as_mut(), context, &user).await?;
        crate::commit(tx).await
    }

    async fn create_first_user(&self, context: &ChangeContext, user: User) -> Result<()> {
        let mut tx = self.write().await?;
        // Serialise with every other writer before counting.
        audit_head(tx.as_mut(), true).await?;
        if count(tx.as_mut(), "users", "SELECT COUNT(*) AS n FROM users", &[]).await? > 0 {
            return Err(Error::refused(Said::new("reason-setup-done")));
        }
        insert_user(tx.as_mut(), context, &user).await?;
        crate::commit(tx).await
    }

    async fn user_by_name(&self, username: &str) -> Result<Option<User>> {
        user_where(
            self.read().await?.as_mut(),
            "username = $1",
            Value::text(username),
        )
        .await
    }

    async fn user_by_id(&self, id: UserId) -> Result<Option<User>> {
        user_where(self.read().await?.as_mut(), "id = $1", Value::id(id)).await
    }

    async fn list_users(&self) -> Result<Vec<User>> {
        let mut tx = self.read().await?;
        let sql = format!("SELECT {USER_COLUMNS} FROM users ORDER BY username");
        fetch_as(tx.as_mut(), "users", &sql, &[]).await.map_err(db)
    }

    async fn set_role(&self, context: &ChangeContext, id: UserId, role: Role) -> Result<()> {
        let mut tx = self.write().await?;
        // Serialise with every other writer before counting administrators.
        audit_head(tx.as_mut(), true).await?;
        let user = user_where(tx.as_mut(), "id = $1", Value::id(id))
            .await?
            .ok_or_else(|| Error::NotFound {
                kind: "user",
                id: id.to_string(),
            })?;
        if role != Role::Admin {
            crate::lifecycle::keep_one_admin(tx.as_mut(), &user).await?;
        }
        let changed = User {
            role,
            ..user.clone()
        };
        tx.exec(
            "UPDATE users SET role = $1 WHERE id = $2",
            &[Value::text(role.as_str()), Value::id(id)],
        )
        .await
        .map_err(db)?;
        let version = crate::lifecycle::next_version(tx.as_mut(), id.uuid()).await?;
        append_audit(
            tx.as_mut(),
            context,
            AuditAction::Update,
            id.uuid(),
            version,
            Some(user_json(&user)),
            Some(user_json(&changed)),
        )
        .await?;
        crate::commit(tx).await
    }

    async fn user_language(&self, id: UserId) -> Result<Option<Lang>> {
        let mut tx = self.read().await?;
        language_of(tx.as_mut(), id).await
    }

    async fn set_user_language(
        &self,
        context: &ChangeContext,
        id: UserId,
        language: Option<Lang>,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        audit_head(tx.as_mut(), true).await?;
        let before = language_of(tx.as_mut(), id).await?;
        let code = language.map(Lang::code);
        tx.exec(
            "UPDATE users SET language = $1 WHERE id = $2",
            &[Value::Text(code.map(str::to_owned)), Value::id(id)],
        )
        .await
        .map_err(db)?;
        let version = crate::lifecycle::next_version(tx.as_mut(), id.uuid()).await?;
        let json =
            |code: Option<&str>| serde_json::json!({ "id": id, "language": code }).to_string();
        append_audit(
            tx.as_mut(),
            context,
            AuditAction::Update,
            id.uuid(),
            version,
            Some(json(before.map(Lang::code))),
            Some(json(code)),
        )
        .await?;
        crate::commit(tx).await
    }

    async fn set_disabled(
        &self,
        context: &ChangeContext,
        id: UserId,
        disabled: bool,
    ) -> Result<Ended> {
        crate::lifecycle::set_disabled(self, context, id, disabled).await
    }

    async fn set_password(
        &self,
        context: &ChangeContext,
        id: UserId,
        password_hash: &str,
        keep_session: Option<&str>,
    ) -> Result<Ended> {
        crate::lifecycle::set_password(self, context, id, password_hash, keep_session).await
    }

    async fn end_sessions(&self, context: &ChangeContext, id: UserId) -> Result<Ended> {
        crate::lifecycle::end_sessions(self, context, id).await
    }

    async fn create_password_reset(
        &self,
        context: &ChangeContext,
        reset: &PasswordReset,
    ) -> Result<()> {
        crate::lifecycle::create_password_reset(self, context, reset).await
    }

    async fn password_reset(
        &self,
        user_id: UserId,
        code_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<PasswordReset>> {
        crate::lifecycle::password_reset(self, user_id, code_hash, now).await
    }

    async fn redeem_password_reset(
        &self,
        context: &ChangeContext,
        id: PasswordResetId,
        password_hash: &str,
    ) -> Result<Option<Ended>> {
        crate::lifecycle::redeem_password_reset(self, context, id, password_hash).await
    }

    async fn create_session(&self, session: &Session) -> Result<()> {
        let mut tx = self.write().await?;
        tx.exec(
            "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
            &[
                Value::text(&session.token_hash),
                Value::id(session.user_id),
                Value::text(&session.csrf_token),
                Value::Timestamp(Some(session.created_at)),
                Value::Timestamp(Some(session.expires_at)),
            ],
        )
        .await
        .map_err(db)?;
        // Expired sessions go when new ones come.
        tx.exec(
            "DELETE FROM sessions WHERE expires_at < $1",
            &[Value::Timestamp(Some(session.created_at))],
        )
        .await
        .map_err(db)?;
        crate::commit(tx).await
    }

    async fn session(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<(Session, User)>> {
        let mut tx = self.read().await?;
        let session: Option<Session> = fetch_one_as(
            tx.as_mut(),
            "sessions",
            "SELECT token_hash, user_id, csrf_token, created_at, expires_at FROM sessions WHERE token_hash = $1 AND expires_at > $2",
            &[Value::text(token_hash), Value::Timestamp(Some(now))],
        )
        .await
        .map_err(db)?;
        let Some(session) = session else {
            return Ok(None);
        };
        let user = user_where(tx.as_mut(), "id = $1", Value::id(session.user_id)).await?;
        Ok(user.filter(|u| !u.disabled).map(|u| (session, u)))
    }

    async fn delete_session(&self, token_hash: &str) -> Result<()> {
        let mut tx = self.write().await?;
        tx.exec(
            "DELETE FROM sessions WHERE token_hash = $1",
            &[Value::text(token_hash)],
        )
        .await
        .map_err(db)?;
        crate::commit(tx).await
    }

    async fn record_sign_in(
        &self,
        attempt: &SignInAttempt,
        purge_before: Option<DateTime<Utc>>,
    ) -> Result<()> {
        crate::signins::record(self, attempt, purge_before).await
    }

    async fn failed_logins_since(&self, username: &str, since: DateTime<Utc>) -> Result<i64> {
        let mut tx = self.read().await?;
        let success_false = match tx.dialect() {
            Dialect::Sqlite => "success = 0",
            Dialect::Postgres => "NOT success",
        };
        let sql = format!(
            "SELECT COUNT(*) AS n FROM login_attempts WHERE username = $1 AND at > $2 AND {success_false}"
        );
        let params = [Value::text(username), Value::Timestamp(Some(since))];
        count(tx.as_mut(), "login_attempts", &sql, &params).await
    }

    async fn create_api_token(&self, context: &ChangeContext, token: &ApiToken) -> Result<()> {
        let mut tx = self.write().await?;
        if user_where(tx.as_mut(), "id = $1", Value::id(token.user_id))
            .await?
            .is_none()
        {
            return Err(Error::NotFound {
                kind: "user",
                id: token.user_id.to_string(),
            });
        }
        tx.exec(
            &format!(
                "INSERT INTO api_tokens ({TOKEN_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
            ),
            &[
                Value::id(token.id),
                Value::id(token.user_id),
                Value::text(&token.name),
                Value::text(&token.token_hash),
                Value::Timestamp(Some(token.created_at)),
                Value::Timestamp(token.last_used_at),
                Value::Timestamp(token.revoked_at),
                Value::Timestamp(Some(token.expires_at)),
            ],
        )
        .await
        .map_err(db)?;
        append_audit(
            tx.as_mut(),
            context,
            AuditAction::Create,
            token.id.uuid(),
            1,
            None,
            Some(token_json(token)),
        )
        .await?;
        crate::commit(tx).await
    }

    async fn api_token(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<(ApiToken, User)>> {
        let found = {
            let mut tx = self.read().await?;
            let Some(token) = token_where(
                tx.as_mut(),
                "token_hash = $1 AND revoked_at IS NULL",
                Value::text(token_hash),
            )
            .await?
            .filter(|t| t.is_live(now)) else {
                return Ok(None);
            };
            let user = user_where(tx.as_mut(), "id = $1", Value::id(token.user_id)).await?;
            match user.filter(|u| !u.disabled) {
                Some(user) => (token, user),
                None => return Ok(None),
            }
        };
        let (mut token, user) = found;
        let stale = token
            .last_used_at
            .is_none_or(|t| (now - t).num_seconds() >= LAST_USED_GRANULARITY_SECONDS);
        if stale {
            let mut tx = self.write().await?;
            tx.exec(
                "UPDATE api_tokens SET last_used_at = $1 WHERE id = $2",
                &[Value::Timestamp(Some(now)), Value::id(token.id)],
            )
            .await
            .map_err(db)?;
            crate::commit(tx).await?;
            token.last_used_at = Some(now);
        }
        Ok(Some((token, user)))
    }

    async fn list_api_tokens(&self, user_id: Option<UserId>) -> Result<Vec<ApiToken>> {
        let mut tx = self.read().await?;
        let (clause, params) = match user_id {
            Some(id) => ("WHERE user_id = $1 ", vec![Value::id(id)]),
            None => ("", vec![]),
        };
        let sql = format!(
            "SELECT {TOKEN_COLUMNS} FROM api_tokens {clause}ORDER BY created_at DESC, id DESC"
        );
        fetch_as(tx.as_mut(), "api_tokens", &sql, &params)
            .await
            .map_err(db)
    }

    async fn revoke_api_token(&self, context: &ChangeContext, id: ApiTokenId) -> Result<ApiToken> {
        let mut tx = self.write().await?;
        let token = token_where(tx.as_mut(), "id = $1", Value::id(id))
            .await?
            .ok_or_else(|| Error::NotFound {
                kind: "API token",
                id: id.to_string(),
            })?;
        if token.revoked_at.is_some() {
            return Err(Error::refused(
                Said::new("reason-token-revoked").text("id", id),
            ));
        }
        let revoked = ApiToken {
            revoked_at: Some(context.at),
            ..token.clone()
        };
        tx.exec(
            "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2",
            &[Value::Timestamp(Some(context.at)), Value::id(id)],
        )
        .await
        .map_err(db)?;
        append_audit(
            tx.as_mut(),
            context,
            AuditAction::Delete,
            id.uuid(),
            2,
            Some(token_json(&token)),
            Some(token_json(&revoked)),
        )
        .await?;
        crate::commit(tx).await?;
        Ok(revoked)
    }
}
