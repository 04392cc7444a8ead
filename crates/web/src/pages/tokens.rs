//! The account page: who is signed in, their password and sessions (the
//! forms are handled in `pages::password`), and their API tokens (make one
//! with its expiry, shown once; list; revoke). Every form posts with the
//! CSRF token.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use pledgewatch_core::accounts::{
    Accounts, DEFAULT_TOKEN_DAYS, TOKEN_DAY_CHOICES, User, parse_token_expiry,
};
use pledgewatch_core::error::ValidationErrors;
use pledgewatch_core::lang::{Args, Lang};
use pledgewatch_core::service;
use pledgewatch_core::service::accounts::issue_api_token;
use pledgewatch_core::wording;
use serde::Deserialize;

use super::{Flash, FlashQuery, nav, render};
use crate::AppState;
use crate::auth::Ctx;
use crate::error::WebError;
use crate::extract::PageQuery;
use crate::extract::PathOf;
use crate::paths::url;
use crate::shown_once::Shown as Once;
use crate::templates::{AccountPage, ErrorLink, FormField, Opt, TokenRow};

pub(crate) fn when(at: &chrono::DateTime<chrono::Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// A moment in `lang`: its day as the reader writes it, then the time in UTC.
fn when_in(lang: Lang, at: &chrono::DateTime<chrono::Utc>) -> String {
    let args = Args::new()
        .str("day", wording::day(lang, at.date_naive()))
        .str("time", at.format("%H:%M").to_string());
    lang.tr("tokens-at", &args)
}

pub(crate) fn signed_in(ctx: &Ctx) -> Result<&User, WebError> {
    ctx.user.as_ref().ok_or(WebError::Forbidden)
}

/// What the account page shows besides the stored state: a flash, a new
/// token's secret, and a refused form's values and errors.
#[derive(Default)]
pub(crate) struct Shown {
    pub done: Option<Flash>,
    pub secret: String,
    pub secret_name: String,
    pub token: NewToken,
    pub token_errors: ValidationErrors,
    pub password_errors: ValidationErrors,
}

/// The reasons filed under `field`, joined.
pub(crate) fn errors_of(lang: Lang, errors: &ValidationErrors, field: &str) -> String {
    errors
        .0
        .iter()
        .filter(|e| e.field == field)
        .map(|e| e.reason_in(lang))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A required text input of a hand-built form.
pub(crate) fn input(
    lang: Lang,
    name: &str,
    label: &str,
    widget: &'static str,
    help: &str,
    errors: &ValidationErrors,
) -> FormField {
    FormField {
        name: name.into(),
        label: label.into(),
        help: help.into(),
        widget,
        value: String::new(),
        options: vec![],
        rows: vec![],
        error: errors_of(lang, errors, name),
        required: true,
        empty_choice: String::new(),
        ..FormField::default()
    }
}

fn password_fields(lang: Lang, errors: &ValidationErrors) -> Vec<FormField> {
    vec![
        input(
            lang,
            "current_password",
            &lang.t("tokens-current-password"),
            "password",
            "",
            errors,
        ),
        input(
            lang,
            "new_password",
            &lang.t("reset-new-password"),
            "password",
            &lang.t("account-password-help"),
            errors,
        ),
        input(
            lang,
            "new_password_again",
            &lang.t("reset-new-password-again"),
            "password",
            "",
            errors,
        ),
    ]
}

fn token_row(
    lang: Lang,
    t: &pledgewatch_core::accounts::ApiToken,
    now: chrono::DateTime<chrono::Utc>,
) -> TokenRow {
    let when = |at: &chrono::DateTime<chrono::Utc>| when_in(lang, at);
    TokenRow {
        id: t.id.to_string(),
        name: t.name.clone(),
        created: when(&t.created_at),
        last_used: t
            .last_used_at
            .as_ref()
            .map(when)
            .unwrap_or_else(|| lang.t("tokens-never")),
        expires: when(&t.expires_at),
        revoked: t.revoked_at.as_ref().map(when).unwrap_or_default(),
        expired: t.revoked_at.is_none() && t.expires_at <= now,
    }
}

pub(crate) async fn page(
    state: &AppState,
    ctx: &Ctx,
    shown: Shown,
) -> Result<Html<String>, WebError> {
    let user = signed_in(ctx)?;
    let now = pledgewatch_core::audit::now();
    let tokens = state
        .store
        .list_api_tokens(Some(user.id))
        .await?
        .iter()
        .map(|t| token_row(ctx.lang, t, now))
        .collect();
    let chosen = shown
        .token
        .expires
        .clone()
        .unwrap_or_else(|| DEFAULT_TOKEN_DAYS.to_string());
    let errors = account_errors(ctx.lang, &shown);
    render(&AccountPage {
        nav: nav(ctx, shown.done),
        title: ctx.lang.t("tokens-title"),
        username: user.username.clone(),
        role: ctx.lang.t(&format!("role-{}", user.role)),
        tokens,
        new_secret: shown.secret,
        new_name: shown.secret_name,
        name: shown.token.name,
        name_error: errors_of(ctx.lang, &shown.token_errors, "name"),
        expiry_choices: TOKEN_DAY_CHOICES
            .iter()
            .map(|d| Opt {
                value: d.to_string(),
                label: ctx.lang.tr(
                    "tokens-days",
                    &Args::new().count("n", usize::try_from(*d).unwrap_or(0)),
                ),
                selected: d.to_string() == chosen,
            })
            .collect(),
        expires_on: shown.token.expires_on.unwrap_or_default(),
        expires_error: errors_of(ctx.lang, &shown.token_errors, "expires"),
        fields: password_fields(ctx.lang, &shown.password_errors),
        errors,
    })
}

/// The account page's error summary: the password form's fields, then
/// the new token's, each linked to its input.
fn account_errors(lang: Lang, shown: &Shown) -> Vec<ErrorLink> {
    let line = |label: &str, error: &str| {
        let args = Args::new().str("field", label).str("error", error);
        lang.tr("form-error-line", &args)
    };
    let password = password_fields(lang, &shown.password_errors)
        .into_iter()
        .filter(|f| !f.error.is_empty())
        .map(|f| ErrorLink {
            href: format!("#f-{}", f.name),
            text: line(&f.label, &f.error),
        });
    let token = [
        ("name", "token-name", lang.t("tokens-name")),
        ("expires", "token-expires-on", lang.t("tokens-expiry")),
    ]
    .into_iter()
    .map(|(field, id, label)| (id, label, errors_of(lang, &shown.token_errors, field)))
    .filter(|(_, _, e)| !e.is_empty())
    .map(|(id, label, e)| ErrorLink {
        href: format!("#{id}"),
        text: line(&label, &e),
    });
    password.chain(token).collect()
}

/// The new token a cookie named, when it is one of the user's own and the
/// secret is its own: its name and secret.
async fn new_token_of(
    state: &AppState,
    user: &User,
    (id, secret): (String, String),
) -> Result<Option<(String, String)>, WebError> {
    let hash = pledgewatch_core::service::accounts::token_hash(&secret);
    Ok(state
        .store
        .list_api_tokens(Some(user.id))
        .await?
        .into_iter()
        .find(|t| t.id.to_string() == id && t.token_hash == hash)
        .map(|t| (t.name, secret)))
}

/// The account page. Just after a token was made (post/redirect/get), it
/// shows the token's secret, which the redirect left in a short-lived
/// cookie, and clears the cookie, so that reloading shows it no more and
/// makes no second token.
pub async fn account(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    headers: axum::http::HeaderMap,
    PageQuery(q): PageQuery<FlashQuery>,
) -> Result<Response, WebError> {
    let user = signed_in(&ctx)?;
    let secure = state.config.secure_cookies;
    let mut shown = Shown {
        done: q.done,
        ..Shown::default()
    };
    if let Some(carried) = Once::ApiToken.taken(&headers, secure)
        && let Some((name, secret)) = new_token_of(&state, user, carried).await?
    {
        shown.secret = secret;
        shown.secret_name = name;
    }
    let mut response = page(&state, &ctx, shown).await?.into_response();
    Once::ApiToken.clear(&mut response, &headers, secure);
    Ok(response)
}

#[derive(Debug, Deserialize, Default)]
pub struct NewToken {
    #[serde(default)]
    pub name: String,
    /// A number of days, from the choices.
    pub expires: Option<String>,
    /// A date, which wins over the days when given.
    pub expires_on: Option<String>,
}

impl NewToken {
    /// When the token expires: the date if one is given, else the days
    /// chosen, else the default.
    fn expiry(
        &self,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<chrono::DateTime<chrono::Utc>, pledgewatch_core::error::FieldError> {
        let on = self
            .expires_on
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty());
        let days = self
            .expires
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty());
        let default = DEFAULT_TOKEN_DAYS.to_string();
        parse_token_expiry(on.or(days).unwrap_or(&default), now)
    }
}

/// Makes a token and goes to the account page (post/redirect/get), which
/// shows its secret once: the secret is not stored, so it travels to that
/// page in a short-lived cookie, cleared there.
pub async fn token_create(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Form(form): Form<NewToken>,
) -> Result<Response, WebError> {
    let user = signed_in(&ctx)?.clone();
    let context = service::context(&ctx.actor(), Some("API token made on the account page"))?;
    let made = match form.expiry(context.at) {
        Ok(expires_at) => {
            issue_api_token(&*state.store, &context, &user, &form.name, expires_at).await
        }
        Err(e) => Err(e.into()),
    };
    match made {
        Ok((token, secret)) => {
            let mut response =
                Redirect::to(&format!("{}#new-token", url::account())).into_response();
            let (id, secret) = (token.id.to_string(), secret.into_exposed());
            Once::ApiToken.carry(&mut response, state.config.secure_cookies, &id, &secret)?;
            Ok(response)
        }
        Err(pledgewatch_core::Error::Invalid(errors)) => {
            let shown = Shown {
                token: form,
                token_errors: errors,
                ..Shown::default()
            };
            let page = page(&state, &ctx, shown).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
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
