//! The account page: who is signed in, and their API tokens (make one,
//! shown once; list; revoke). Every form posts with the CSRF token.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use pledgewatch_core::accounts::{Accounts, User};
use pledgewatch_core::service;
use pledgewatch_core::service::accounts::issue_api_token;
use serde::Deserialize;

use super::{Flash, FlashQuery, nav, render};
use crate::AppState;
use crate::auth::Ctx;
use crate::error::WebError;
use crate::extract::PathOf;
use crate::paths::url;
use crate::templates::{AccountPage, TokenRow};

fn when(at: &chrono::DateTime<chrono::Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

fn signed_in(ctx: &Ctx) -> Result<&User, WebError> {
    ctx.user.as_ref().ok_or(WebError::Forbidden)
}

struct Shown {
    done: Option<Flash>,
    secret: String,
    secret_name: String,
    name: String,
    name_error: String,
}

async fn page(state: &AppState, ctx: &Ctx, shown: Shown) -> Result<Html<String>, WebError> {
    let user = signed_in(ctx)?;
    let tokens = state
        .store
        .list_api_tokens(Some(user.id))
        .await?
        .iter()
        .map(|t| TokenRow {
            id: t.id.to_string(),
            name: t.name.clone(),
            created: when(&t.created_at),
            last_used: t
                .last_used_at
                .as_ref()
                .map(when)
                .unwrap_or_else(|| "never".into()),
            revoked: t.revoked_at.as_ref().map(when).unwrap_or_default(),
        })
        .collect();
    render(&AccountPage {
        nav: nav(ctx, shown.done),
        title: "Your account".into(),
        username: user.username.clone(),
        role: user.role.to_string(),
        tokens,
        new_secret: shown.secret,
        new_name: shown.secret_name,
        name: shown.name,
        name_error: shown.name_error,
    })
}

pub async fn account(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Query(q): Query<FlashQuery>,
) -> Result<Html<String>, WebError> {
    page(
        &state,
        &ctx,
        Shown {
            done: q.done,
            secret: String::new(),
            secret_name: String::new(),
            name: String::new(),
            name_error: String::new(),
        },
    )
    .await
}

#[derive(Debug, Deserialize)]
pub struct NewToken {
    #[serde(default)]
    pub name: String,
}

/// Makes a token and shows its secret in the answer itself (not after a
/// redirect): the secret is not stored, so this is the only time it exists.
pub async fn token_create(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Form(form): Form<NewToken>,
) -> Result<Response, WebError> {
    let user = signed_in(&ctx)?.clone();
    let context = service::context(&ctx.actor(), Some("API token made on the account page"))?;
    match issue_api_token(&*state.store, &context, &user, &form.name).await {
        Ok((token, secret)) => Ok(page(
            &state,
            &ctx,
            Shown {
                done: None,
                secret: secret.into_exposed(),
                secret_name: token.name,
                name: String::new(),
                name_error: String::new(),
            },
        )
        .await?
        .into_response()),
        Err(pledgewatch_core::Error::Invalid(e)) => {
            let reason =
                e.0.iter()
                    .map(|f| f.reason.clone())
                    .collect::<Vec<_>>()
                    .join("; ");
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                page(
                    &state,
                    &ctx,
                    Shown {
                        done: None,
                        secret: String::new(),
                        secret_name: String::new(),
                        name: form.name,
                        name_error: format!("The name {reason}."),
                    },
                )
                .await?,
            )
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// Revokes one of the signed-in user's own tokens.
pub async fn token_revoke(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    PathOf(id): PathOf<pledgewatch_core::ids::ApiTokenId>,
) -> Result<Response, WebError> {
    let user = signed_in(&ctx)?;
    let owned = state
        .store
        .list_api_tokens(Some(user.id))
        .await?
        .iter()
        .any(|t| t.id == id);
    if !owned {
        return Err(WebError::NotFound);
    }
    let context = service::context(&ctx.actor(), Some("API token revoked on the account page"))?;
    state.store.revoke_api_token(&context, id).await?;
    Ok(Redirect::to(&Flash::TokenRevoked.on(&url::account())).into_response())
}
