//! Accounts, roles and sessions. Roles are ordered: a viewer reads drafts,
//! an editor also enters and edits, a reviewer also approves assessments and
//! publishes, an admin also manages accounts. The anonymous public sees only
//! what is published.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{FieldError, InvalidValue, Result, Said, ValidationErrors};
use crate::ids::{ApiTokenId, PasswordResetId, UserId};
use crate::storage::ChangeContext;

/// What someone may do, in increasing order.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Viewer,
    Editor,
    Reviewer,
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Viewer, Role::Editor, Role::Reviewer, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Editor => "editor",
            Role::Reviewer => "reviewer",
            Role::Admin => "admin",
        }
    }

    pub fn parse(text: &str) -> Result<Self, InvalidValue> {
        Self::ALL
            .into_iter()
            .find(|r| r.as_str() == text)
            .ok_or_else(|| InvalidValue::said(Said::new("reason-role").text("value", text)))
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct User {
    pub id: UserId,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    /// An argon2id PHC string; never shown, never logged.
    #[serde(skip)]
    pub password_hash: String,
    pub created_at: DateTime<Utc>,
    pub disabled: bool,
}

/// A signed-in browser. Only the SHA-256 of the cookie's token is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub token_hash: String,
    pub user_id: UserId,
    pub csrf_token: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// A credential for the JSON API, owned by one account and acting with its
/// role. Only the SHA-256 of the secret is stored; the secret is shown once,
/// when the token is made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ApiToken {
    pub id: ApiTokenId,
    pub user_id: UserId,
    /// What the token is for ("nightly export"), chosen by its owner.
    pub name: String,
    #[serde(skip)]
    pub token_hash: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    /// From this moment the token is refused, as a revoked one is. Every
    /// token has one (decision 0017).
    pub expires_at: DateTime<Utc>,
}

impl ApiToken {
    /// Whether the token is neither revoked nor expired at `now`.
    pub fn is_live(&self, now: DateTime<Utc>) -> bool {
        self.revoked_at.is_none() && self.expires_at > now
    }
}

/// A one-time code with which an account's owner sets a new password,
/// issued by an administrator. Only the SHA-256 of the code is stored; it
/// works once, until `expires_at`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordReset {
    pub id: PasswordResetId,
    pub user_id: UserId,
    pub code_hash: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
}

/// What ending an account's access did, for the page or the command line
/// to say.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Ended {
    /// Sessions deleted.
    pub sessions: u64,
    /// Live API tokens revoked.
    pub tokens: u64,
}

/// The longest life an API token may be given, in days.
pub const MAX_TOKEN_DAYS: i64 = 365;

/// The life of a token made without a choice, in days.
pub const DEFAULT_TOKEN_DAYS: i64 = 90;

/// The lives the forms offer, in days.
pub const TOKEN_DAY_CHOICES: [i64; 3] = [30, 90, 365];

/// Reads when a new API token expires: a number of days from `now` (1 to
/// 365, "90" or "90d"), or a date (`YYYY-MM-DD`, the token working through
/// that day, UTC), from tomorrow to 365 days ahead. There is no "never":
/// a forgotten token ends by itself.
pub fn parse_token_expiry(text: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, FieldError> {
    let text = text.trim();
    let out_of_range = || {
        FieldError::said(
            "expires",
            Said::new("reason-expires-days").num("max", MAX_TOKEN_DAYS),
        )
    };
    let days = text.strip_suffix('d').unwrap_or(text);
    if !days.is_empty() && days.bytes().all(|b| b.is_ascii_digit()) {
        let n: i64 = days.parse().map_err(|_| out_of_range())?;
        if !(1..=MAX_TOKEN_DAYS).contains(&n) {
            return Err(out_of_range());
        }
        return Ok(now + chrono::Duration::days(n));
    }
    let date = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
        FieldError::said(
            "expires",
            Said::new("reason-expires-text").text("value", text),
        )
    })?;
    let today = now.date_naive();
    if date <= today || date > today + chrono::Duration::days(MAX_TOKEN_DAYS) {
        return Err(FieldError::said(
            "expires",
            Said::new("reason-expires-range").num("max", MAX_TOKEN_DAYS),
        ));
    }
    let next_day = date.succ_opt().ok_or_else(out_of_range)?;
    Ok(next_day.and_time(chrono::NaiveTime::MIN).and_utc())
}

/// Checks the label of an API token: 1 to 100 printable characters.
pub fn parse_token_name(text: &str) -> Result<String, FieldError> {
    let name = text.trim();
    if name.is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
        Err(FieldError::said("name", Said::new("reason-token-name")))
    } else {
        Ok(name.to_owned())
    }
}

/// Checks a username: 1-64 characters of letters, digits, `.`, `_`, `-`.
pub fn parse_username(text: &str) -> Result<String, FieldError> {
    let ok = !text.is_empty()
        && text.chars().count() <= 64
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if ok {
        Ok(text.to_owned())
    } else {
        Err(FieldError::said("username", Said::new("reason-username")))
    }
}

/// Checks a username typed at sign-in before anything is looked up or
/// stored: what [`parse_username`] would refuse cannot name an account.
pub fn parse_sign_in_name(text: &str) -> Result<String, FieldError> {
    parse_username(text.trim())
}

/// One attempt to sign in, as recorded (never with the password).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInAttempt {
    /// The username given, already checked by [`parse_sign_in_name`].
    pub username: String,
    /// The account signed in, for a successful attempt.
    pub user_id: Option<UserId>,
    pub success: bool,
    pub at: DateTime<Utc>,
    /// The client's address, as the server saw it.
    pub client: Option<String>,
}

/// The rules for a new password, before it is hashed.
pub fn check_password(password: &str) -> Result<(), FieldError> {
    let n = password.chars().count();
    if n < 10 {
        Err(FieldError::said(
            "password",
            Said::new("reason-password-short"),
        ))
    } else if n > 1_000 {
        Err(FieldError::said(
            "password",
            Said::new("reason-password-long"),
        ))
    } else {
        Ok(())
    }
}

/// Checks the username of a new account: 1-64 lowercase ASCII letters,
/// digits, `.`, `_` or `-`, so that no two accounts' names look alike
/// (a Cyrillic "а" for a Latin "a", "Admin" beside "admin") in the audit
/// log and the team's pages. The display name may be in any script.
/// Accounts made before this rule keep their names ([`parse_username`]).
pub fn parse_new_username(text: &str) -> Result<String, FieldError> {
    let ok = !text.is_empty()
        && text.len() <= 64
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
    if ok {
        Ok(text.to_owned())
    } else {
        Err(FieldError::said(
            "username",
            Said::new("reason-new-username"),
        ))
    }
}

/// Validates the fields of a new account.
pub fn validate_new_user(
    username: &str,
    display_name: &str,
    password: &str,
) -> Result<String, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let username = errors.check(parse_new_username(username.trim()));
    if display_name.trim().is_empty()
        || display_name.chars().count() > 200
        || display_name.chars().any(char::is_control)
    {
        errors.push(FieldError::said(
            "display_name",
            Said::new("reason-display-name"),
        ));
    }
    errors.check(check_password(password));
    errors.into_result()?;
    Ok(username.unwrap_or_default())
}

/// Where accounts and sessions are kept. Changes to accounts are audited in
/// the same transaction, without the password hash.
#[async_trait]
pub trait Accounts: Send + Sync {
    async fn user_count(&self) -> Result<i64>;

    /// Creates an account; refused if the username is taken.
    async fn create_user(&self, context: &ChangeContext, user: User) -> Result<()>;

    /// Creates the first account, only while there is none (for first-run
    /// setup, safe against two browsers racing).
    async fn create_first_user(&self, context: &ChangeContext, user: User) -> Result<()>;

    async fn user_by_name(&self, username: &str) -> Result<Option<User>>;

    async fn user_by_id(&self, id: UserId) -> Result<Option<User>>;

    async fn list_users(&self) -> Result<Vec<User>>;

    async fn set_role(&self, context: &ChangeContext, id: UserId, role: Role) -> Result<()>;

    /// The language the account chose for the interface, if any.
    async fn user_language(&self, id: UserId) -> Result<Option<crate::lang::Lang>>;

    /// Saves (or, with `None`, forgets) the account's language; audited.
    async fn set_user_language(
        &self,
        context: &ChangeContext,
        id: UserId,
        language: Option<crate::lang::Lang>,
    ) -> Result<()>;

    /// Disables or enables an account (audited). Disabling ends its
    /// sessions and revokes its live API tokens in the same transaction,
    /// and is refused if the account is the last enabled administrator.
    /// Refused if the account already is in that state.
    async fn set_disabled(
        &self,
        context: &ChangeContext,
        id: UserId,
        disabled: bool,
    ) -> Result<Ended>;

    /// Replaces an account's password hash and ends its sessions, except
    /// the one whose token hash is `keep_session` (audited, without the
    /// hash).
    async fn set_password(
        &self,
        context: &ChangeContext,
        id: UserId,
        password_hash: &str,
        keep_session: Option<&str>,
    ) -> Result<Ended>;

    /// Ends every session of an account (audited).
    async fn end_sessions(&self, context: &ChangeContext, id: UserId) -> Result<Ended>;

    /// Stores a new reset code (its hash) for an enabled account, replacing
    /// any earlier one of that account (audited).
    async fn create_password_reset(
        &self,
        context: &ChangeContext,
        reset: &PasswordReset,
    ) -> Result<()>;

    /// The unused, unexpired reset of an enabled account with this code
    /// hash, if there is one.
    async fn password_reset(
        &self,
        user_id: UserId,
        code_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<PasswordReset>>;

    /// Uses a reset: checks again that it is unused and unexpired at
    /// `context.at` and its account enabled, marks it used, sets the new
    /// password hash and ends every session of the account, audited, in one
    /// transaction. `None` if the reset is no longer usable.
    async fn redeem_password_reset(
        &self,
        context: &ChangeContext,
        id: PasswordResetId,
        password_hash: &str,
    ) -> Result<Option<Ended>>;

    async fn create_session(&self, session: &Session) -> Result<()>;

    /// A session that has not expired, with its user.
    async fn session(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<(Session, User)>>;

    async fn delete_session(&self, token_hash: &str) -> Result<()>;

    /// Records a sign-in attempt and its audit entry in one transaction,
    /// and, when given, purges the attempts from before `purge_before`. An
    /// attempt whose username [`parse_username`] refuses is refused
    /// (invalid) and nothing is written.
    async fn record_sign_in(
        &self,
        attempt: &SignInAttempt,
        purge_before: Option<DateTime<Utc>>,
    ) -> Result<()>;

    /// Failed attempts for a username since a moment.
    async fn failed_logins_since(&self, username: &str, since: DateTime<Utc>) -> Result<i64>;

    /// Stores a new API token (its hash), audited as a change to the owner's
    /// account; refused if the owner does not exist.
    async fn create_api_token(&self, context: &ChangeContext, token: &ApiToken) -> Result<()>;

    /// The live token with this hash and its enabled owner, or `None` for an
    /// unknown, revoked, expired or disabled one. Notes when the token was last used.
    async fn api_token(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<(ApiToken, User)>>;

    /// Tokens, of one owner or of everyone, newest first.
    async fn list_api_tokens(&self, user_id: Option<UserId>) -> Result<Vec<ApiToken>>;

    /// Revokes a token for good (audited); refused if it already is.
    async fn revoke_api_token(&self, context: &ChangeContext, id: ApiTokenId) -> Result<ApiToken>;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn noon() -> DateTime<Utc> {
        "2026-03-10T12:00:00Z".parse().unwrap()
    }

    #[test]
    fn new_usernames_cannot_look_like_another() {
        for good in ["ada", "a.b-c_9", &"x".repeat(64)] {
            assert_eq!(parse_new_username(good).unwrap(), good);
        }
        // A Cyrillic "а", capitals, a full-width letter, a space, too long.
        for bad in [
            "\u{430}dmin",
            "Admin",
            "ａdmin",
            "ad min",
            "",
            &"x".repeat(65),
        ] {
            assert!(parse_new_username(bad).is_err(), "{bad}");
        }
        // Names made before the rule still sign in.
        assert!(parse_username("\u{430}dmin").is_ok());
    }

    #[test]
    fn a_token_lives_a_number_of_days_or_through_a_date() {
        let now = noon();
        for (text, expected) in [
            ("90", "2026-06-08T12:00:00Z"),
            (" 30d ", "2026-04-09T12:00:00Z"),
            ("365", "2027-03-10T12:00:00Z"),
            ("2026-03-11", "2026-03-12T00:00:00Z"),
            ("2027-03-10", "2027-03-11T00:00:00Z"),
        ] {
            let at: DateTime<Utc> = expected.parse().unwrap();
            assert_eq!(parse_token_expiry(text, now), Ok(at), "{text}");
        }
    }

    #[test]
    fn a_token_life_out_of_range_or_unreadable_is_refused_naming_the_field() {
        for text in [
            "0",
            "366",
            "99999999999999999999",
            "",
            "never",
            "-5",
            "2026-03-10",
            "2026-03-09",
            "2027-03-11",
            "2026-02-30",
        ] {
            let e = parse_token_expiry(text, noon()).unwrap_err();
            assert_eq!(e.field, "expires", "{text}");
        }
    }

    #[test]
    fn a_token_is_live_until_it_expires_or_is_revoked() {
        let now = noon();
        let token = ApiToken {
            id: ApiTokenId::new(),
            user_id: UserId::new(),
            name: "x".into(),
            token_hash: "a".repeat(64),
            created_at: now,
            last_used_at: None,
            revoked_at: None,
            expires_at: now + chrono::Duration::seconds(1),
        };
        assert!(token.is_live(now));
        assert!(!token.is_live(token.expires_at));
        let revoked = ApiToken {
            revoked_at: Some(now),
            ..token
        };
        assert!(!revoked.is_live(now));
    }
}
