//! `pledgewatch token`: API tokens for the JSON API. A new token's secret is
//! printed once and never stored; the database keeps its SHA-256.

use clap::Subcommand;
use pledgewatch_core::accounts::{Accounts, parse_token_expiry};
use pledgewatch_core::error::FieldError;
use pledgewatch_core::service;

use crate::{Failure, exit, open_current};

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
        /// When it expires: a number of days (1 to 365) or a date
        /// (YYYY-MM-DD, the token working through that day, UTC).
        #[arg(long, default_value = "90")]
        expires: String,
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

use crate::commands::user::account;

pub async fn run(db: &str, who: &str, command: TokenCommand) -> Result<(), Failure> {
    let store = open_current(db).await?;
    match command {
        TokenCommand::Create {
            user,
            name,
            expires,
        } => {
            let context = service::context(who, Some("API token created on the command line"))?;
            let expires_at = parse_token_expiry(&expires, context.at)
                .map_err(|e| FieldError::new("--expires", e.reason))?;
            let owner = account(&store, &user).await?;
            let (token, secret) =
                service::accounts::issue_api_token(&store, &context, &owner, &name, expires_at)
                    .await?;
            errln!(
                "Token {} for {} ({}), expires {} UTC. Keep the secret below: it is not shown again.",
                token.id,
                owner.username,
                owner.role,
                token.expires_at.format("%Y-%m-%d %H:%M")
            );
            if let Err(e) = crate::output::write_secret(secret.expose()) {
                let context = service::context(who, Some("API token's secret not delivered"))?;
                store.revoke_api_token(&context, token.id).await?;
                return Err(Failure {
                    code: exit::FAILURE,
                    message: format!(
                        "the token's secret could not be written to standard output ({e}), so token {} was revoked: create another",
                        token.id
                    ),
                });
            }
        }
        TokenCommand::List { user } => {
            let users = store.list_users().await?;
            let now = pledgewatch_core::audit::now();
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
                    None if t.expires_at <= now => "expired".to_owned(),
                    None => "active".to_owned(),
                };
                let used = t
                    .last_used_at
                    .map(|at| at.format("%Y-%m-%d %H:%M").to_string())
                    .unwrap_or_else(|| "never".into());
                outln!(
                    "{}  {}  {}  created {}  last used {}  expires {}  {}",
                    t.id,
                    username,
                    t.name,
                    t.created_at.format("%Y-%m-%d %H:%M"),
                    used,
                    t.expires_at.format("%Y-%m-%d %H:%M"),
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
            errln!("Token {} ({}) is revoked.", token.id, token.name);
        }
    }
    Ok(())
}
