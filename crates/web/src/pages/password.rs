//! One's own password and sessions: changing the password on the account
//! page (with the current one), signing out everywhere, and setting a new
//! password on the public reset page with an administrator's one-time code.
//! Every password check and hash goes through the sign-in gate and the
//! failures through the sign-in throttle (decision 0015), as at sign-in.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use pledgewatch_core::accounts::{Accounts, check_password, parse_sign_in_name};
use pledgewatch_core::error::{FieldError, Said, ValidationErrors};
use pledgewatch_core::lang::Lang;
use pledgewatch_core::service;
use pledgewatch_core::service::accounts::{PasswordChange, new_password_hash, reset_code_hash};
use serde::Deserialize;

use super::tokens::{Shown, input, page, signed_in};
use super::{Flash, nav, render};
use crate::AppState;
use crate::auth::{Ctx, session_cookie, set_cookie};
use crate::error::WebError;
use crate::paths::url;
use crate::templates::{FormField, ResetPage};

#[derive(Deserialize, Default)]
pub struct PasswordForm {
    #[serde(default)]
    pub current_password: String,
    #[serde(default)]
    pub new_password: String,
    #[serde(default)]
    pub new_password_again: String,
}

/// Changes the signed-in user's password, given the current one: the
/// other sessions end, this one stays. A wrong current password counts as
/// a failed sign-in for the throttle, so a borrowed session cannot be used
/// to guess it quickly.
pub async fn password_change(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    Form(form): Form<PasswordForm>,
) -> Result<Response, WebError> {
    let user = signed_in(&ctx)?.clone();
    let client = peer.map(|Extension(ConnectInfo(addr))| addr.ip());
    let admission = state.hashing.admit()?;
    state
        .throttle
        .begin(&user.username, client)
        .map_err(WebError::Throttled)?;
    let change = PasswordChange {
        current: form.current_password,
        new: form.new_password,
        repeated: Some(form.new_password_again),
    };
    let stored = user.password_hash.clone();
    let checked = admission.run(move || change.check(&stored)).await?;
    let hash = match checked {
        Ok(hash) => hash,
        Err(errors) => {
            if !errors.0.iter().any(|e| e.field == "current_password") {
                state.throttle.succeeded(&user.username, client);
            }
            let shown = Shown {
                password_errors: errors,
                ..Shown::default()
            };
            let page = page(&state, &ctx, shown).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    state.throttle.succeeded(&user.username, client);
    let context = service::context(&ctx.actor(), Some("Password changed on the account page"))?;
    let keep = ctx.session.as_ref().map(|s| s.token_hash.as_str());
    state
        .store
        .set_password(&context, user.id, &hash, keep)
        .await?;
    Ok(Redirect::to(&Flash::PasswordChanged.on(&url::account())).into_response())
}

/// Ends every session of the signed-in user, this one included.
pub async fn sign_out_everywhere(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
) -> Result<Response, WebError> {
    let user = signed_in(&ctx)?;
    let context = service::context(&ctx.actor(), Some("Signed out everywhere"))?;
    state.store.end_sessions(&context, user.id).await?;
    let mut response = Redirect::to(&Flash::SignedOutEverywhere.on(&url::login())).into_response();
    let secure = state.config.secure_cookies;
    if let Some(expired) = set_cookie(session_cookie(secure), "", 0, secure) {
        response.headers_mut().append(header::SET_COOKIE, expired);
    }
    Ok(response)
}

#[derive(Deserialize, Default)]
pub struct ResetForm {
    #[serde(default)]
    pub username: String,
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub new_password: String,
    #[serde(default)]
    pub new_password_again: String,
}

fn reset_fields(lang: Lang, form: &ResetForm, errors: &ValidationErrors) -> Vec<FormField> {
    let mut username = input(
        lang,
        "username",
        &lang.t("login-username"),
        "text",
        "",
        errors,
    );
    // An over-long name is not echoed back.
    username.value = form.username.chars().take(64).collect();
    vec![
        username,
        input(
            lang,
            "code",
            &lang.t("reset-code"),
            "text",
            &lang.t("reset-code-help"),
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

fn reset_page(
    ctx: &Ctx,
    form: &ResetForm,
    errors: &ValidationErrors,
    error: &str,
) -> Result<Html<String>, WebError> {
    render(&ResetPage {
        nav: nav(ctx, None),
        title: ctx.lang.t("reset-title"),
        fields: reset_fields(ctx.lang, form, errors),
        error: error.into(),
    })
}

pub async fn reset_form(Extension(ctx): Extension<Ctx>) -> Result<Html<String>, WebError> {
    reset_page(
        &ctx,
        &ResetForm::default(),
        &ValidationErrors::default(),
        "",
    )
}

/// What a reset form holds, checked before anything is looked up: the
/// username, the code's hash and the new password's rules.
fn checked_reset(form: &ResetForm) -> Result<(String, String), ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let username = errors.check(parse_sign_in_name(&form.username));
    let code_hash = errors.check(reset_code_hash(&form.code));
    if let Err(e) = check_password(&form.new_password) {
        errors.push(e.renamed("new_password"));
    } else if form.new_password != form.new_password_again {
        errors.push(FieldError::said(
            "new_password",
            Said::new("reason-password-mismatch"),
        ));
    }
    errors.into_result()?;
    Ok((username.unwrap_or_default(), code_hash.unwrap_or_default()))
}

/// The one answer to a code that does not work, whatever the reason
/// (unknown or disabled account, wrong, used or expired code), so that it
/// tells nobody which accounts exist.
const CODE_REFUSED: &str = "This code does not work for this account: it is wrong, was used already or has expired. Ask an administrator for a new one.";

/// Sets a new password with a reset code. As at sign-in: the form is
/// checked first (422, nothing looked up), then the hash gate is entered
/// (503 when full), then the throttle counts the attempt (429 while a wait
/// runs); only a code that works has the new password hashed, and its use
/// ends every session of the account.
pub async fn reset(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    Form(form): Form<ResetForm>,
) -> Result<Response, WebError> {
    let (username, code_hash) = match checked_reset(&form) {
        Ok(checked) => checked,
        Err(errors) => {
            let page = reset_page(&ctx, &form, &errors, "")?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let client = peer.map(|Extension(ConnectInfo(addr))| addr.ip());
    let admission = state.hashing.admit()?;
    state
        .throttle
        .begin(&username, client)
        .map_err(WebError::Throttled)?;
    let refused = || -> Result<Response, WebError> {
        let page = reset_page(&ctx, &form, &ValidationErrors::default(), CODE_REFUSED)?;
        Ok((StatusCode::UNAUTHORIZED, page).into_response())
    };
    let now = pledgewatch_core::audit::now();
    let found = match state.store.user_by_name(&username).await? {
        Some(user) if !user.disabled => {
            state.store.password_reset(user.id, &code_hash, now).await?
        }
        _ => None,
    };
    let Some(found) = found else {
        return refused();
    };
    let password = form.new_password.clone();
    let hash = admission
        .run(move || new_password_hash(&password, "new_password"))
        .await?
        .map_err(|e| WebError::Internal(e.to_string()))?;
    let context = service::context(&username, Some("Password reset with a one-time code"))?;
    if state
        .store
        .redeem_password_reset(&context, found.id, &hash)
        .await?
        .is_none()
    {
        return refused();
    }
    state.throttle.succeeded(&username, client);
    Ok(Redirect::to(&Flash::PasswordReset.on(&url::login())).into_response())
}
