//! `pledgewatch token`: API tokens for the JSON API. A new token's secret is
//! printed once and never stored; the database keeps its SHA-256.

use clap::Subcommand;
use pledgewatch_core::accounts::Accounts;
use pledgewatch_core::error::{Error, FieldError};
use pledgewatch_core::service;

use crate::{Failure, open_current};

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Make an API token for an account; it acts with the account's role.
    /// Prints the secret once, on standard output.
    Create {
        /// The account the token belongs to.
        #[arg(long = "user", id = "owner", value_name = "USER")]
        user: String,
        /// What the token is for ("nightly export").
        #[arg(long)]
        name: String,
    },
    /// List tokens (never their secrets): of one account, or all.
    List {
        /// Only this account's tokens.
        #[arg(long = "user", id = "owner", value_name = "USER")]
        user: Option<String>,
    },
    /// Revoke a token by its id; it is refused from then on.
    Revoke {
        /// The token's id, as `token list` shows it.
        id: String,
    },
}

async fn account(
    store: &pledgewatch_store::Store,
    username: &str,
) -> Result<pledgewatch_core::accounts::User, Failure> {
    Ok(store
        .user_by_name(username)
        .await?
        .ok_or_else(|| Error::NotFound {
            kind: "user",
            id: username.to_owned(),
        })?)
}

pub async fn run(db: &str, who: &str, command: TokenCommand) -> Result<(), Failure> {
    let store = open_current(db).await?;
    match command {
        TokenCommand::Create { user, name } => {
            let owner = account(&store, &user).await?;
            let context = service::context(who, Some("API token created on the command line"))?;
            let (token, secret) =
                service::accounts::issue_api_token(&store, &context, &owner, &name).await?;
            eprintln!(
                "Token {} for {} ({}). Keep the secret below: it is not shown again.",
                token.id, owner.username, owner.role
            );
            println!("{}", secret.expose());
        }
        TokenCommand::List { user } => {
            let users = store.list_users().await?;
            let owner = match user {
                Some(name) => Some(account(&store, &name).await?.id),
                None => None,
            };
            for t in store.list_api_tokens(owner).await? {
                let username = users
                    .iter()
                    .find(|u| u.id == t.user_id)
                    .map(|u| u.username.as_str())
                    .unwrap_or("?");
                let state = match t.revoked_at {
                    Some(at) => format!("revoked {}", at.format("%Y-%m-%d %H:%M")),
                    None => "active".to_owned(),
                };
                let used = t
                    .last_used_at
                    .map(|at| at.format("%Y-%m-%d %H:%M").to_string())
                    .unwrap_or_else(|| "never".into());
                println!(
                    "{}  {}  {}  created {}  last used {}  {}",
                    t.id,
                    username,
                    t.name,
                    t.created_at.format("%Y-%m-%d %H:%M"),
                    used,
                    state
                );
            }
        }
        TokenCommand::Revoke { id } => {
            let id = uuid::Uuid::parse_str(id.trim())
                .map(pledgewatch_core::ids::ApiTokenId)
                .map_err(|_| FieldError::new("ID", format!("'{id}' is not a token id (a UUID)")))?;
            let context = service::context(who, Some("API token revoked on the command line"))?;
            let token = store.revoke_api_token(&context, id).await?;
            eprintln!("Token {} ({}) is revoked.", token.id, token.name);
        }
    }
    Ok(())
}
