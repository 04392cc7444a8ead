//! Signing in and out, first-run setup, and account management.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use pledgewatch_core::accounts::{Accounts, Role, SignInAttempt, User, parse_sign_in_name};
use pledgewatch_core::error::ValidationErrors;
use pledgewatch_core::ids::UserId;
use pledgewatch_core::lang::{Args, Lang};
use pledgewatch_core::service;
use pledgewatch_core::service::accounts::{Registrar, Registration, register};
use serde::Deserialize;

use super::{Flash, FlashQuery, nav, render};
use crate::AppState;
use crate::auth::{Ctx, hash_password, session_cookie, set_cookie, start_session, verify_password};
use crate::error::WebError;
use crate::extract::{PageQuery, PathOf};
use crate::paths::url;
use crate::shown_once::Shown as Once;
use crate::signin::Admission;
use crate::templates::{FormField, IssuedCode, LoginPage, Opt, SetupPage, UserRow, UsersPage};

#[derive(Debug, Deserialize, Default)]
pub struct LoginQuery {
    pub next: Option<String>,
    /// After signing out everywhere or setting a new password.
    #[serde(default, deserialize_with = "crate::flash::lenient")]
    pub done: Option<Flash>,
}

/// What a refused `next` is told.
const NEXT_REFUSED: &str = "The page to go to after signing in (next) is not a path on this site: \
     it must start with a single /, and hold no . or .. segment, backslash, space or control \
     character, typed or percent-encoded.";

/// The page to go to after signing in: `/` when none is given, else a path
/// on this site, or an error naming what is wrong (decision 0018).
fn parse_next(next: Option<&str>) -> Result<String, WebError> {
    match next {
        None | Some("") => Ok(url::home()),
        Some(n) if is_same_site_path(n) => Ok(ascii_location(n)),
        Some(_) => Err(WebError::BadRequest(NEXT_REFUSED.into())),
    }
}

/// The login page's `next`: a refused one is dropped for `/` (the page is
/// only shown; the sign-in itself refuses it with [`parse_next`]).
fn shown_next(next: Option<&str>) -> String {
    parse_next(next).unwrap_or_else(|_| url::home())
}

/// Whether `n` is a path on this site that no browser can read as another
/// site's address. Browsers drop tabs and newlines and read `\` as `/`, so
/// `/\t/evil.example` or `/\evil.example` would lead off-site: the path
/// starts with one `/`, and holds no backslash, whitespace or control
/// character, as typed or once percent-decoded (`/%2F/evil.example`,
/// `/%09/...`); the query and fragment hold no control character.
fn is_same_site_path(n: &str) -> bool {
    let typed_ok = !n
        .chars()
        .any(|c| c == '\\' || c.is_whitespace() || c.is_control());
    let (path, rest) = n.split_at(n.find(['?', '#']).unwrap_or(n.len()));
    let path = percent_decode(path);
    // A `.` or `..` segment is resolved by the browser (`/..//x` becomes
    // `//x`): none is needed to name a page here.
    let dot_segment = path.split('/').any(|s| s == "." || s == "..");
    typed_ok
        && path.starts_with('/')
        && !path.starts_with("//")
        && !dot_segment
        && !path
            .chars()
            .any(|c| c == '\\' || c.is_whitespace() || c.is_control())
        && !percent_decode(rest).chars().any(char::is_control)
}

/// `%XX` sequences decoded (others kept as typed), as text.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `n` with its non-ASCII characters percent-encoded, as a browser would
/// send them, so that it is always a valid `Location` header.
fn ascii_location(n: &str) -> String {
    let mut out = String::with_capacity(n.len());
    for c in n.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
}

pub async fn login_form(
    Extension(ctx): Extension<Ctx>,
    PageQuery(q): PageQuery<LoginQuery>,
) -> Result<Html<String>, WebError> {
    render(&LoginPage {
        nav: nav(&ctx, q.done),
        title: ctx.lang.t("login-title"),
        next: shown_next(q.next.as_deref()),
        username: String::new(),
        error: String::new(),
    })
}

#[derive(Debug, Deserialize)]
pub struct LoginForm {
    pub username: String,
    pub password: String,
    pub next: Option<String>,
}

/// The sign-in page again, with what went wrong.
fn login_again(
    ctx: &Ctx,
    form: &LoginForm,
    status: StatusCode,
    error: &str,
) -> Result<Response, WebError> {
    let page = LoginPage {
        nav: nav(ctx, None),
        title: ctx.lang.t("login-title"),
        next: shown_next(form.next.as_deref()),
        // An over-long name is not echoed back.
        username: form.username.chars().take(MAX_ECHOED).collect(),
        error: error.into(),
    };
    Ok((status, render(&page)?).into_response())
}

/// How much of a refused username the page shows again.
const MAX_ECHOED: usize = 64;

/// Attempts older than this are purged as new ones are recorded (at most
/// once a minute per process).
const KEEP_ATTEMPTS: chrono::Duration = chrono::Duration::days(1);

/// Signs in: the username is checked first (nothing is looked up or
/// stored for one that cannot exist), then the hash gate is entered (503
/// when full), then the throttle counts the attempt (429 while a wait
/// runs), and only then is the password checked and the attempt recorded
/// with its audit entry.
pub async fn login(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    Form(form): Form<LoginForm>,
) -> Result<Response, WebError> {
    let next = parse_next(form.next.as_deref())?;
    let username = match parse_sign_in_name(&form.username) {
        Ok(name) => name,
        Err(e) => {
            let args = Args::new().str("reason", e.reason_in(ctx.lang));
            let error = ctx.lang.tr("reason-sign-in-name", &args);
            return login_again(&ctx, &form, StatusCode::UNPROCESSABLE_ENTITY, &error);
        }
    };
    let client = peer.map(|Extension(ConnectInfo(addr))| addr.ip());
    let admission = state.hashing.admit()?;
    state
        .throttle
        .begin(&username, client)
        .map_err(WebError::Throttled)?;
    let user = check_password(&state, admission, &username, form.password.clone()).await?;
    let attempt = SignInAttempt {
        username: username.clone(),
        user_id: user.as_ref().map(|u| u.id),
        success: user.is_some(),
        at: pledgewatch_core::audit::now(),
        client: client.map(|ip| ip.to_string()),
    };
    let purge_before = state
        .attempts_purge
        .due(std::time::Instant::now())
        .then(|| attempt.at - KEEP_ATTEMPTS);
    state.store.record_sign_in(&attempt, purge_before).await?;
    let Some(user) = user else {
        return login_again(
            &ctx,
            &form,
            StatusCode::UNAUTHORIZED,
            &ctx.lang.t("login-wrong"),
        );
    };
    state.throttle.succeeded(&username, client);
    // A fresh session on every sign-in (no fixation).
    let cookie = start_session(&state, &user).await?;
    let mut response = Redirect::to(&Flash::SignedIn.on(&next)).into_response();
    response.headers_mut().append(header::SET_COOKIE, cookie);
    // The account's language, where it chose one, follows it to this
    // browser (over an earlier choice made here while signed out).
    if let Some(lang) = state.store.user_language(user.id).await?
        && let Some(value) = crate::lang::cookie_of(lang, state.config.secure_cookies)
    {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    Ok(response)
}

/// The enabled account `username` names if `password` is its password.
/// The hash is checked through the gate even for an unknown username, so
/// that timing does not tell which exist.
async fn check_password(
    state: &AppState,
    admission: Admission,
    username: &str,
    password: String,
) -> Result<Option<User>, WebError> {
    let user = state
        .store
        .user_by_name(username)
        .await?
        .filter(|u| !u.disabled);
    let known_hash = user.as_ref().map(|u| u.password_hash.clone());
    let ok = admission
        .run(move || match known_hash {
            Some(hash) => verify_password(&password, &hash),
            None => {
                if let Ok(hash) = dummy_hash() {
                    verify_password(&password, &hash);
                }
                false
            }
        })
        .await?;
    Ok(user.filter(|_| ok))
}

/// A hash of a random password, checked when the username does not exist
/// so that answering takes as long either way (made once, on a blocking
/// thread inside the gate).
fn dummy_hash() -> Result<String, WebError> {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    if let Some(h) = HASH.get() {
        return Ok(h.clone());
    }
    let hash = hash_password(&crate::auth::random_token()?)
        .map_err(|e| WebError::Internal(e.to_string()))?;
    Ok(HASH.get_or_init(|| hash).clone())
}

pub async fn logout(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
) -> Result<Response, WebError> {
    if let Some(session) = &ctx.session {
        state.store.delete_session(&session.token_hash).await?;
    }
    let mut response = Redirect::to(&Flash::SignedOut.on(&url::home())).into_response();
    let secure = state.config.secure_cookies;
    if let Some(expired) = set_cookie(session_cookie(secure), "", 0, secure) {
        response.headers_mut().append(header::SET_COOKIE, expired);
    }
    Ok(response)
}

fn account_fields(
    lang: Lang,
    values: &NewAccount,
    errors: &ValidationErrors,
    with_role: bool,
) -> Vec<FormField> {
    let error = |name: &str| {
        errors
            .0
            .iter()
            .filter(|e| e.field == name)
            .map(|e| e.reason_in(lang))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let text = |name: &str, label: &str, widget: &'static str, value: &str, help: &str| FormField {
        name: name.into(),
        label: label.into(),
        help: help.into(),
        widget,
        value: value.into(),
        options: vec![],
        rows: vec![],
        error: error(name),
        required: true,
        empty_choice: String::new(),
        ..FormField::default()
    };
    let mut fields = vec![
        text(
            "username",
            &lang.t("login-username"),
            "text",
            &values.username,
            &lang.t("account-username-help"),
        ),
        text(
            "display_name",
            &lang.t("users-col-name"),
            "text",
            &values.display_name,
            "",
        ),
        text(
            "password",
            &lang.t("login-password"),
            "password",
            "",
            &lang.t("account-password-help"),
        ),
    ];
    if with_role {
        let mut role = text(
            "role",
            &lang.t("users-col-role"),
            "select",
            "",
            &lang.t("account-role-help"),
        );
        role.options = Role::ALL
            .iter()
            .map(|r| Opt {
                value: r.as_str().into(),
                label: lang.t(&format!("role-{}", r.as_str())),
                selected: values.role.as_deref() == Some(r.as_str()),
            })
            .collect();
        fields.push(role);
    }
    fields
}

#[derive(Debug, Deserialize, Default)]
pub struct NewAccount {
    /// First-run setup's one-time code.
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub username: String,
    #[serde(default)]
    pub display_name: String,
    #[serde(default)]
    pub password: String,
    pub role: Option<String>,
}

pub async fn setup_form(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
) -> Result<Response, WebError> {
    if state.store.user_count().await? > 0 {
        return Ok(Redirect::to(&url::login()).into_response());
    }
    Ok(render(&SetupPage {
        nav: nav(&ctx, None),
        title: ctx.lang.t("setup-title"),
        fields: setup_fields(
            ctx.lang,
            &NewAccount::default(),
            &ValidationErrors::default(),
        ),
    })?
    .into_response())
}

/// The setup form: the one-time code, then the account's fields.
fn setup_fields(lang: Lang, values: &NewAccount, errors: &ValidationErrors) -> Vec<FormField> {
    let mut fields = account_fields(lang, values, errors, false);
    let code = FormField {
        name: "code".into(),
        label: lang.t("setup-code"),
        help: lang.t("setup-code-help"),
        widget: "text",
        value: String::new(),
        options: vec![],
        rows: vec![],
        error: errors
            .0
            .iter()
            .filter(|e| e.field == "code")
            .map(|e| e.reason_in(lang))
            .collect::<Vec<_>>()
            .join("; "),
        required: true,
        empty_choice: String::new(),
        ..FormField::default()
    };
    fields.insert(0, code);
    fields
}

/// Registers the account of a form through the core use case, hashing
/// through the gate (503 when it is full); what is wrong with the input comes back as the inner
/// error, to show next to the fields.
async fn register_from(
    state: &AppState,
    form: &NewAccount,
    role: Role,
    by: Registrar<'_>,
) -> Result<Result<User, ValidationErrors>, WebError> {
    let registration = Registration {
        username: form.username.clone(),
        display_name: form.display_name.clone(),
        password: form.password.clone(),
        role,
    };
    let checked = state.hashing.run(move || registration.check()).await?;
    let account = match checked {
        Ok(account) => account,
        Err(errors) => return Ok(Err(errors)),
    };
    match register(state.store.as_ref(), account, by).await {
        Ok(user) => Ok(Ok(user)),
        Err(pledgewatch_core::Error::Invalid(errors)) => Ok(Err(errors)),
        Err(e) => Err(e.into()),
    }
}

pub async fn setup(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Form(form): Form<NewAccount>,
) -> Result<Response, WebError> {
    if state.store.user_count().await? > 0 {
        return Err(WebError::Conflict(ctx.lang.t("reason-setup-done-sign-in")));
    }
    // Checked before anything is hashed or stored.
    if !crate::auth::same(form.code.trim(), &state.setup_code) {
        let errors = ValidationErrors::from(pledgewatch_core::error::FieldError::new(
            "code",
            "is not the code printed on the server's console",
        ));
        let page = SetupPage {
            nav: nav(&ctx, None),
            title: ctx.lang.t("setup-title"),
            fields: setup_fields(ctx.lang, &form, &errors),
        };
        return Ok((StatusCode::FORBIDDEN, render(&page)?).into_response());
    }
    let errors = match register_from(&state, &form, Role::Admin, Registrar::FirstRun).await? {
        Ok(user) => {
            let cookie = start_session(&state, &user).await?;
            let mut response = Redirect::to(&Flash::Account.on(&url::home())).into_response();
            response.headers_mut().append(header::SET_COOKIE, cookie);
            return Ok(response);
        }
        Err(errors) => errors,
    };
    let page = SetupPage {
        nav: nav(&ctx, None),
        title: ctx.lang.t("setup-title"),
        fields: setup_fields(ctx.lang, &form, &errors),
    };
    Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

async fn users_page(
    state: &AppState,
    ctx: &Ctx,
    form: &NewAccount,
    errors: &ValidationErrors,
    done: Option<Flash>,
    issued: Option<IssuedCode>,
) -> Result<Html<String>, WebError> {
    let users = state.store.list_users().await?;
    let me = ctx.user.as_ref().map(|u| u.id);
    render(&UsersPage {
        nav: nav(ctx, done),
        title: ctx.lang.t("users-title"),
        users: users
            .into_iter()
            .map(|u| UserRow {
                id: u.id.to_string(),
                disabled: u.disabled,
                is_self: Some(u.id) == me,
                roles: Role::ALL
                    .iter()
                    .map(|r| Opt {
                        value: r.as_str().into(),
                        label: ctx.lang.t(&format!("role-{}", r.as_str())),
                        selected: *r == u.role,
                    })
                    .collect(),
                username: u.username,
                display_name: u.display_name,
            })
            .collect(),
        fields: account_fields(ctx.lang, form, errors, true),
        issued,
    })
}

/// The accounts page. Just after a reset code was issued (post/redirect/
/// get), it shows the code once, carried by a short-lived cookie that it
/// clears (`shown_once`), after checking it against the stored hash.
pub async fn users(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    headers: axum::http::HeaderMap,
    PageQuery(q): PageQuery<FlashQuery>,
) -> Result<Response, WebError> {
    let secure = state.config.secure_cookies;
    let issued = match Once::ResetCode.taken(&headers, secure) {
        Some((id, code)) => issued_code(&state, &id, &code).await?,
        None => None,
    };
    let page = users_page(
        &state,
        &ctx,
        &NewAccount::default(),
        &ValidationErrors::default(),
        q.done,
        issued,
    )
    .await?;
    let mut response = page.into_response();
    Once::ResetCode.clear(&mut response, &headers, secure);
    Ok(response)
}

/// The reset code a cookie carried, when it is the account's current one.
async fn issued_code(
    state: &AppState,
    id: &str,
    code: &str,
) -> Result<Option<IssuedCode>, WebError> {
    let Ok(id) = id.parse::<uuid::Uuid>() else {
        return Ok(None);
    };
    let Ok(hash) = service::accounts::reset_code_hash(code) else {
        return Ok(None);
    };
    let Some(user) = state.store.user_by_id(UserId(id)).await? else {
        return Ok(None);
    };
    let now = pledgewatch_core::audit::now();
    Ok(state
        .store
        .password_reset(user.id, &hash, now)
        .await?
        .map(|reset| IssuedCode {
            username: user.username,
            code: code.to_owned(),
            until: crate::pages::tokens::when(&reset.expires_at),
        }))
}

pub async fn user_create(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Form(form): Form<NewAccount>,
) -> Result<Response, WebError> {
    let role = match form.role.as_deref().map(Role::parse) {
        Some(Ok(r)) => r,
        Some(Err(e)) => {
            let errors = ValidationErrors::from(e.at("role"));
            return Ok((
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                users_page(&state, &ctx, &form, &errors, None, None).await?,
            )
                .into_response());
        }
        None => Role::Viewer,
    };
    let actor = ctx.actor();
    let by = Registrar::By {
        actor: &actor,
        reason: "New account",
    };
    let Err(errors) = register_from(&state, &form, role, by).await? else {
        return Ok(Redirect::to(&Flash::Account.on(&url::users())).into_response());
    };
    Ok((
        axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        users_page(&state, &ctx, &form, &errors, None, None).await?,
    )
        .into_response())
}

#[derive(Debug, Deserialize)]
pub struct RoleForm {
    pub role: String,
}

pub async fn user_role(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    PathOf(id): PathOf<UserId>,
    Form(form): Form<RoleForm>,
) -> Result<Response, WebError> {
    let role = Role::parse(&form.role).map_err(|e| WebError::BadField(e.at("role")))?;
    if ctx.user.as_ref().is_some_and(|u| u.id == id) && role != Role::Admin {
        return Err(WebError::BadRequest(ctx.lang.t("reason-own-admin-role")));
    }
    let context = service::context(&ctx.actor(), Some("Role changed"))?;
    state.store.set_role(&context, id, role).await?;
    Ok(Redirect::to(&Flash::Account.on(&url::users())).into_response())
}

/// The account an administrator's form names.
async fn target(state: &AppState, id: UserId) -> Result<User, WebError> {
    state.store.user_by_id(id).await?.ok_or(WebError::NotFound)
}

/// Disables or enables an account through core, which refuses an
/// administrator's own account and the last enabled administrator.
async fn set_disabled(
    state: &AppState,
    ctx: &Ctx,
    id: UserId,
    disabled: bool,
) -> Result<(), WebError> {
    let user = target(state, id).await?;
    let reason = if disabled {
        "Account disabled"
    } else {
        "Account enabled"
    };
    let context = service::context(&ctx.actor(), Some(reason))?;
    let by = ctx.user.as_ref().map(|u| u.id);
    service::accounts::set_disabled(state.store.as_ref(), &context, by, &user, disabled).await?;
    Ok(())
}

pub async fn user_disable(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    PathOf(id): PathOf<UserId>,
) -> Result<Response, WebError> {
    set_disabled(&state, &ctx, id, true).await?;
    Ok(Redirect::to(&Flash::Disabled.on(&url::users())).into_response())
}

pub async fn user_enable(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    PathOf(id): PathOf<UserId>,
) -> Result<Response, WebError> {
    set_disabled(&state, &ctx, id, false).await?;
    Ok(Redirect::to(&Flash::Enabled.on(&url::users())).into_response())
}

/// Issues a reset code and goes back to the accounts page, which shows it
/// once (only its hash is stored; see `shown_once`).
pub async fn user_reset(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    PathOf(id): PathOf<UserId>,
) -> Result<Response, WebError> {
    let user = target(&state, id).await?;
    let context = service::context(&ctx.actor(), Some("Password reset code issued"))?;
    let (_, code) =
        service::accounts::issue_reset_code(state.store.as_ref(), &context, &user).await?;
    let mut response = Redirect::to(&format!("{}#reset-code", url::users())).into_response();
    Once::ResetCode.carry(
        &mut response,
        state.config.secure_cookies,
        &user.id.to_string(),
        code.expose(),
    )?;
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_same_site_paths_are_followed_after_signing_in() {
        for ok in [
            "/",
            "/search?q=media%20law",
            "/records/commitment#top",
            "/a/b?x=%2F",
        ] {
            assert_eq!(parse_next(Some(ok)).unwrap(), ok);
        }
        assert_eq!(parse_next(None).unwrap(), url::home());
        assert_eq!(parse_next(Some("")).unwrap(), url::home());
        assert_eq!(parse_next(Some("/café")).unwrap(), "/caf%C3%A9");
        for hostile in [
            "/..//evil.example",
            "/./%2E%2E//evil.example",
            "/records/../..//evil.example",
            "//evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n/evil.example",
            "/ /evil.example",
            "/\\evil.example",
            "https://evil.example",
            "javascript:alert(1)",
            "evil.example",
            "/\u{0}x",
            "/%09/evil.example",
            "/%0a/evil.example",
            "/%0D%0A/evil.example",
            "/%20/evil.example",
            "/%2F/evil.example",
            "/%5Cevil.example",
            "/%C2%A0/evil.example",
            "/x?q=%0d%0aSet-Cookie:x",
            "/\u{2028}/evil.example",
        ] {
            assert!(parse_next(Some(hostile)).is_err(), "{hostile:?}");
            assert_eq!(shown_next(Some(hostile)), url::home(), "{hostile:?}");
        }
    }

    #[test]
    fn percent_decoding_keeps_what_is_not_an_escape() {
        assert_eq!(percent_decode("/a%20b%zz%4"), "/a b%zz%4");
        assert_eq!(percent_decode("%E2%80%A8"), "\u{2028}");
    }
}
