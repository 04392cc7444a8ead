//! Accounts: `user add` and `user list`.

use pledgewatch_core::accounts::{Accounts, Role};
use pledgewatch_core::error::Error;
use pledgewatch_core::service::accounts::{Registrar, Registration, register};

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
    println!("Created account {username} ({role}).");
    Ok(())
}

/// `pledgewatch user list`.
pub async fn list(db: &str) -> Result<(), Failure> {
    let store = open_current(db).await?;
    for u in store.list_users().await? {
        println!("{}  {}  ({})", u.username, u.display_name, u.role);
    }
    Ok(())
}

/// The new account's password, from PLEDGEWATCH_NEW_PASSWORD or else the
/// first line of standard input.
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
