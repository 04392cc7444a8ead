//! Accounts: `user add`, `user list`, `user disable` and `user enable`,
//! `user passwd` and `user reset`.

use pledgewatch_core::accounts::{Accounts, Role, User};
use pledgewatch_core::error::Error;
use pledgewatch_core::service;
use pledgewatch_core::service::accounts::{Registrar, Registration, register};
use pledgewatch_store::Store;

use crate::{Failure, exit, open_current};

/// `pledgewatch user add`: the account is checked before the database is
/// opened, and registered by core.
pub async fn add(
    db: &str,
    who: &str,
    username: String,
    role: &str,
    name: Option<String>,
) -> Result<(), Failure> {
    let role = Role::parse(role).map_err(|e| e.at("--role"))?;
    let password = new_password()?;
    let registration = Registration {
        display_name: name.unwrap_or_else(|| username.clone()),
        username,
        password,
        role,
    };
    let account = registration.check().map_err(Error::from)?;
    let store = open_current(db).await?;
    let by = Registrar::By {
        actor: who,
        reason: "Account created on the command line",
    };
    let user = register(&store, account, by).await?;
    let (username, role) = (user.username, user.role);
    outln!("Created account {username} ({role}).");
    Ok(())
}

/// `pledgewatch user list`.
pub async fn list(db: &str) -> Result<(), Failure> {
    let store = open_current(db).await?;
    for u in store.list_users().await? {
        let state = if u.disabled { "  disabled" } else { "" };
        outln!("{}  {}  ({}){state}", u.username, u.display_name, u.role);
    }
    Ok(())
}

/// The account a command names.
pub(crate) async fn account(store: &Store, username: &str) -> Result<User, Failure> {
    Ok(store
        .user_by_name(username)
        .await?
        .ok_or_else(|| Error::NotFound {
            kind: "user",
            id: username.to_owned(),
        })?)
}

/// `pledgewatch user disable` and `user enable`.
pub async fn set_disabled(
    db: &str,
    who: &str,
    username: &str,
    disabled: bool,
) -> Result<(), Failure> {
    let store = open_current(db).await?;
    let user = account(&store, username).await?;
    let reason = if disabled {
        "Account disabled on the command line"
    } else {
        "Account enabled on the command line"
    };
    let context = service::context(who, Some(reason))?;
    let ended = service::accounts::set_disabled(&store, &context, None, &user, disabled).await?;
    if disabled {
        outln!(
            "Disabled {username}: {} sessions ended, {} API tokens revoked.",
            ended.sessions,
            ended.tokens
        );
    } else {
        outln!("Enabled {username}.");
    }
    Ok(())
}

/// `pledgewatch user passwd`: the new password is checked before the
/// database is opened; every session of the account ends.
pub async fn passwd(db: &str, who: &str, username: &str) -> Result<(), Failure> {
    let password = new_password()?;
    let hash = service::accounts::new_password_hash(&password, "password").map_err(Error::from)?;
    let store = open_current(db).await?;
    let user = account(&store, username).await?;
    let context = service::context(who, Some("Password set on the command line"))?;
    let ended = store.set_password(&context, user.id, &hash, None).await?;
    outln!(
        "Password of {username} changed: {} sessions ended.",
        ended.sessions
    );
    Ok(())
}

/// `pledgewatch user reset`: the code on standard output, what it is for on
/// standard error.
pub async fn reset(db: &str, who: &str, username: &str) -> Result<(), Failure> {
    let store = open_current(db).await?;
    let user = account(&store, username).await?;
    let context = service::context(who, Some("Password reset code issued on the command line"))?;
    let (reset, code) = service::accounts::issue_reset_code(&store, &context, &user).await?;
    errln!(
        "One-time reset code for {username}, valid until {} UTC: give it to them by a channel you trust; they set a new password with it at /reset. It is not shown again.",
        reset.expires_at.format("%Y-%m-%d %H:%M")
    );
    crate::output::write_secret(code.expose()).map_err(|e| Failure {
        code: exit::FAILURE,
        message: format!(
            "the reset code could not be written to standard output ({e}), and it cannot be shown again: issue another with `pledgewatch user reset {username}`"
        ),
    })
}

/// The new password, from PLEDGEWATCH_NEW_PASSWORD or else the first line
/// of standard input.
fn new_password() -> Result<String, Failure> {
    if let Ok(p) = std::env::var("PLEDGEWATCH_NEW_PASSWORD") {
        return Ok(p);
    }
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).map_err(|e| Failure {
        code: exit::FAILURE,
        message: format!("cannot read the password: {e}"),
    })?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}
