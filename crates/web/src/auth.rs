//! Who is asking: sessions from the session cookie (the database holds
//! only the SHA-256 of its token), argon2id passwords, CSRF tokens, and the
//! guard every route passes through (role check, CSRF check on posts).

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use pledgewatch_core::accounts::{Accounts, Role, Session, User};
use subtle::ConstantTimeEq;

use crate::AppState;
use crate::error::{ErrorShown, WebError};
use crate::paths::Access;

/// The session cookie's name. With Secure cookies (the default) it has the
/// `__Host-` prefix: a browser then keeps it only if it was set over HTTPS
/// with `Path=/` and no `Domain`, so neither a sibling subdomain nor a page
/// on plain HTTP can plant or overwrite it (session fixation). Browsers
/// refuse a `__Host-` cookie without `Secure`, so with `--insecure-cookies`
/// (plain HTTP) the plain name is kept (decision 0018).
pub fn session_cookie(secure: bool) -> &'static str {
    if secure {
        "__Host-pw_session"
    } else {
        "pw_session"
    }
}

/// The anonymous CSRF cookie's name, prefixed as [`session_cookie`]'s.
pub fn csrf_cookie(secure: bool) -> &'static str {
    if secure { "__Host-pw_csrf" } else { "pw_csrf" }
}

// Password hashing is core's, with account registration, and so is the
// hash sessions and API tokens are kept under; re-exported for the sign-in
// page, the API's token check and the tests.
pub use pledgewatch_core::service::accounts::{hash_password, token_hash, verify_password};

/// 32 random bytes as 64 hex digits.
pub fn random_token() -> Result<String, WebError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| WebError::Internal(format!("no randomness: {e}")))?;
    Ok(hex::encode(bytes))
}

/// The value of one cookie of the request.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    CookieJar::from_headers(headers)
        .get(name)
        .map(|c| c.value().to_owned())
}

fn is_token(value: &str) -> bool {
    value.len() == 64 && value.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A `Set-Cookie` value with the attributes every cookie here carries.
pub fn set_cookie(
    name: &str,
    value: &str,
    max_age_seconds: i64,
    secure: bool,
) -> Option<HeaderValue> {
    let cookie = Cookie::build((name, value))
        .path(crate::paths::url::home())
        .http_only(true)
        .same_site(SameSite::Lax)
        .max_age(cookie::time::Duration::seconds(max_age_seconds))
        .secure(secure)
        .build();
    HeaderValue::from_str(&cookie.to_string()).ok()
}

/// Compares without leaking where the first difference is.
pub(crate) fn same(a: &str, b: &str) -> bool {
    bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

/// The request's context, for handlers.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub user: Option<User>,
    pub session: Option<Session>,
    /// The token forms must carry.
    pub csrf: String,
    /// Who publishes, for the page footer.
    pub site: crate::Site,
    /// The reader's language (`crate::lang::negotiate`).
    pub lang: pledgewatch_core::lang::Lang,
    /// The path and query asked for, where the language switcher returns.
    pub here: String,
}

impl Ctx {
    pub fn role(&self) -> Option<Role> {
        self.user.as_ref().map(|u| u.role)
    }

    pub fn can(&self, role: Role) -> bool {
        self.role().is_some_and(|r| r >= role)
    }

    /// The name recorded in the audit log.
    pub fn actor(&self) -> String {
        self.user
            .as_ref()
            .map(|u| u.username.clone())
            .unwrap_or_else(|| "anonymous".into())
    }
}

/// The form token an anonymous visitor's answer was rendered with, on the
/// answer: the page cache keeps no page that carries it.
#[derive(Debug, Clone)]
pub struct IssuedCsrf(pub String);

/// Finds the csrf field in a URL-encoded body or query string.
fn csrf_field(encoded: &[u8]) -> Option<String> {
    form_urlencoded_pairs(encoded)
        .into_iter()
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v)
}

/// Decodes `application/x-www-form-urlencoded` pairs; undecodable input
/// gives no pairs.
pub fn form_urlencoded_pairs(encoded: &[u8]) -> Vec<(String, String)> {
    serde_urlencoded::from_bytes(encoded).unwrap_or_default()
}

/// The guard in front of every route: resolves the session, checks the
/// role the route needs, checks the CSRF token of every POST (whose body
/// may be at most `body_limit` bytes), and hands the handler a [`Ctx`].
pub async fn guard(
    State((state, access, body_limit)): State<(AppState, Access, usize)>,
    request: Request,
    next: Next,
) -> Response {
    match guarded(state, access, body_limit, request, next).await {
        Ok(response) => response,
        Err(e) => e.into_response(),
    }
}

async fn guarded(
    state: AppState,
    access: Access,
    body_limit: usize,
    request: Request,
    next: Next,
) -> Result<Response, WebError> {
    let (mut parts, body) = request.into_parts();
    let now = pledgewatch_core::audit::now();
    let secure = state.config.secure_cookies;
    let found = match cookie(&parts.headers, session_cookie(secure)).filter(|t| is_token(t)) {
        Some(token) => state.store.session(&token_hash(&token), now).await?,
        None => None,
    };
    let (session, user) = match found {
        Some((s, u)) => (Some(s), Some(u)),
        None => (None, None),
    };
    let (lang, here) = crate::lang::of_request(&state, &parts, user.as_ref()).await?;
    let shown = Shown { lang, here: &here };
    if let Some(e) = access_refused(access, &parts, user.as_ref()) {
        return Ok(signed_in_error(&state, e, &user, &session, &shown));
    }
    let anonymous_csrf = cookie(&parts.headers, csrf_cookie(secure)).filter(|t| is_token(t));
    let expected = session
        .as_ref()
        .map(|s| s.csrf_token.clone())
        .or_else(|| anonymous_csrf.clone());
    let body = if parts.method == Method::POST {
        let exempt = session.is_none() && crate::lang::switch_without_token(&parts);
        let expected = if exempt { None } else { expected };
        match checked_post(&parts, body, body_limit, expected.as_deref(), exempt).await {
            Ok(body) => body,
            Err(e) => return Ok(signed_in_error(&state, e, &user, &session, &shown)),
        }
    } else {
        body
    };
    let (csrf, new_cookie) = match (&session, anonymous_csrf) {
        (Some(s), _) => (s.csrf_token.clone(), None),
        (None, Some(c)) => (c, None),
        (None, None) => {
            let t = random_token()?;
            (t.clone(), Some(t))
        }
    };
    let issued = session.is_none().then(|| IssuedCsrf(csrf.clone()));
    let ctx = Ctx {
        lang,
        here: here.clone(),
        user,
        session,
        csrf,
        site: state.config.site.clone(),
    };
    // An error page is drawn again with the reader's header and language
    // (a refused form's with a link back to the page it was sent from).
    let reader = ctx.clone();
    let back = (parts.method == Method::POST)
        .then(|| form_page(&parts.headers))
        .flatten();
    parts.extensions.insert(ctx);
    let mut response = next.run(Request::from_parts(parts, body)).await;
    response = ErrorShown::with_nav(response, crate::pages::nav(&reader, None), back);
    if let Some(issued) = issued {
        response.extensions_mut().insert(issued);
    }
    // Forms live in pages: a stylesheet, a feed or a JSON answer carries
    // no cookie, so that a reverse proxy may keep it for everyone.
    let page = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|t| t.as_bytes().starts_with(b"text/html"));
    if let Some(token) = new_cookie.filter(|_| page)
        && let Some(value) = set_cookie(csrf_cookie(secure), &token, 60 * 60 * 24, secure)
    {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    Ok(response)
}

/// The path (and query) of the page a form was sent from: the `Referer`
/// when it names this site (the policy `same-origin` sends it only then),
/// never an address that would lead elsewhere.
fn form_page(headers: &HeaderMap) -> Option<String> {
    let referer: axum::http::Uri = headers.get(header::REFERER)?.to_str().ok()?.parse().ok()?;
    let host = headers.get(header::HOST)?.to_str().ok()?;
    if !referer.authority()?.as_str().eq_ignore_ascii_case(host) {
        return None;
    }
    let path = referer.path_and_query()?.as_str();
    (path.starts_with('/') && !path.starts_with("//") && !path.contains('\\'))
        .then(|| path.to_owned())
}

/// Why the route is refused to this user, if it is: a sign-in first
/// (for a page), or not allowed.
fn access_refused(
    access: Access,
    parts: &axum::http::request::Parts,
    user: Option<&User>,
) -> Option<WebError> {
    let required = access.role()?;
    match user {
        None if parts.method == Method::GET => Some(WebError::LoginRequired {
            next: parts
                .uri
                .path_and_query()
                .map(|p| p.to_string())
                .unwrap_or_else(crate::paths::url::home),
        }),
        None => Some(WebError::Forbidden),
        Some(u) if u.role < required => Some(WebError::Forbidden),
        Some(_) => None,
    }
}

/// An error page for whoever the request's session cookie names (the
/// answer to a URL no route has, which the guard does not see).
pub async fn error_for_session(state: &AppState, headers: &HeaderMap, error: WebError) -> Response {
    let secure = state.config.secure_cookies;
    let now = pledgewatch_core::audit::now();
    let found = match cookie(headers, session_cookie(secure)).filter(|t| is_token(t)) {
        Some(token) => state
            .store
            .session(&token_hash(&token), now)
            .await
            .ok()
            .flatten(),
        None => None,
    };
    match found {
        Some((s, u)) => {
            let saved = state.store.user_language(u.id).await.ok().flatten();
            let home = crate::paths::url::home();
            let shown = Shown {
                lang: crate::lang::negotiate(headers, saved),
                here: &home,
            };
            signed_in_error(state, error, &Some(u), &Some(s), &shown)
        }
        None => {
            let home = crate::paths::url::home();
            let shown = Shown {
                lang: crate::lang::negotiate(headers, None),
                here: &home,
            };
            signed_in_error(state, error, &None, &None, &shown)
        }
    }
}

/// An error answered before the handler ran, with the header of the user
/// signed in (if any) rather than "Sign in".
/// The reader's language and the page asked for, for an error page shown
/// before the handler runs.
struct Shown<'a> {
    lang: pledgewatch_core::lang::Lang,
    here: &'a str,
}

fn signed_in_error(
    state: &AppState,
    error: WebError,
    user: &Option<User>,
    session: &Option<Session>,
    shown: &Shown<'_>,
) -> Response {
    let response = error.into_response();
    match (user, session) {
        (Some(_), Some(s)) => {
            let ctx = Ctx {
                lang: shown.lang,
                here: shown.here.to_owned(),
                user: user.clone(),
                session: session.clone(),
                csrf: s.csrf_token.clone(),
                site: state.config.site.clone(),
            };
            ErrorShown::with_nav(response, crate::pages::nav(&ctx, None), None)
        }
        _ => {
            let nav = crate::templates::Nav {
                lang: shown.lang,
                ..crate::templates::Nav::default()
            };
            ErrorShown::with_nav(response, nav, None)
        }
    }
}

/// Reads a POST's body, at most `limit` bytes, and checks its CSRF token
/// (a form field, in multipart uploads too: never in the URL, where logs
/// and referrers would keep it) against the expected one; gives the body
/// back for the handler. A body that says it is over the limit is refused
/// before any of it is read.
async fn checked_post(
    parts: &axum::http::request::Parts,
    body: Body,
    limit: usize,
    expected: Option<&str>,
    exempt: bool,
) -> Result<Body, WebError> {
    let content_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let declared = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(WebError::TooLarge);
    }
    let bytes = to_bytes(body, limit)
        .await
        .map_err(|_| WebError::TooLarge)?;
    let given = if content_type.starts_with("multipart/form-data") {
        multipart_csrf(parts, content_type, bytes.clone()).await
    } else {
        csrf_field(&bytes)
    };
    match (expected, given.as_deref()) {
        (Some(e), Some(g)) if same(e, g) => Ok(Body::from(bytes)),
        _ if exempt => Ok(Body::from(bytes)),
        _ => Err(WebError::BadCsrf),
    }
}

/// The `csrf` field of a multipart body (the forms send it first). The
/// request's extensions go along: they carry the route's body limit, which
/// axum's multipart reader obeys.
async fn multipart_csrf(
    parts: &axum::http::request::Parts,
    content_type: &str,
    bytes: axum::body::Bytes,
) -> Option<String> {
    use axum::extract::{FromRequest, Multipart};
    let mut request = Request::builder()
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(bytes))
        .ok()?;
    *request.extensions_mut() = parts.extensions.clone();
    let mut form = Multipart::from_request(request, &()).await.ok()?;
    while let Ok(Some(field)) = form.next_field().await {
        if field.name() == Some("csrf") {
            return field.text().await.ok();
        }
    }
    None
}

/// Signs a user in: a new session row and its cookie.
pub async fn start_session(state: &AppState, user: &User) -> Result<HeaderValue, WebError> {
    let token = random_token()?;
    let now = pledgewatch_core::audit::now();
    let session = Session {
        token_hash: token_hash(&token),
        user_id: user.id,
        csrf_token: random_token()?,
        created_at: now,
        expires_at: now + chrono::Duration::hours(state.config.session_hours),
    };
    state.store.create_session(&session).await?;
    set_cookie(
        session_cookie(state.config.secure_cookies),
        &token,
        state.config.session_hours * 3600,
        state.config.secure_cookies,
    )
    .ok_or_else(|| WebError::Internal("bad cookie".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_against_its_own_hash_only() {
        let hash = hash_password("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("correct horse batterx", &hash));
        assert!(!verify_password("anything", "not a hash"));
    }

    #[test]
    fn form_fields_decode_percent_and_plus() {
        let pairs = form_urlencoded_pairs(b"a=1+2&csrf=%41b&empty=");
        assert_eq!(pairs[0], ("a".into(), "1 2".into()));
        assert_eq!(pairs[1], ("csrf".into(), "Ab".into()));
        assert_eq!(pairs[2], ("empty".into(), String::new()));
    }

    #[test]
    fn secure_cookies_have_the_host_prefix_and_its_attributes() {
        let value = set_cookie(session_cookie(true), "abc", 3600, true).unwrap();
        let text = value.to_str().unwrap();
        assert!(text.starts_with("__Host-pw_session=abc;"), "{text}");
        assert!(!text.contains("Domain"), "{text}");
        let mut attributes: Vec<&str> = text.split("; ").skip(1).collect();
        attributes.sort_unstable();
        assert_eq!(
            attributes,
            [
                "HttpOnly",
                "Max-Age=3600",
                "Path=/",
                "SameSite=Lax",
                "Secure"
            ]
        );
        let csrf = set_cookie(csrf_cookie(true), "x", 0, true).unwrap();
        assert!(csrf.to_str().unwrap().starts_with("__Host-pw_csrf=x;"));
        // Without Secure a browser would refuse the prefix: plain names.
        let plain = set_cookie(csrf_cookie(false), "x", 0, false).unwrap();
        let plain = plain.to_str().unwrap();
        assert!(plain.starts_with("pw_csrf=x;") && !plain.contains("Secure"));
        assert_eq!(session_cookie(false), "pw_session");
    }

    #[test]
    fn a_cookie_is_read_by_its_exact_name_from_any_cookie_header() {
        let mut headers = HeaderMap::new();
        headers.append(
            header::COOKIE,
            HeaderValue::from_static("a=1; pw_session=s1"),
        );
        headers.append(header::COOKIE, HeaderValue::from_static("pw_csrf=c1"));
        assert_eq!(
            cookie(&headers, session_cookie(false)).as_deref(),
            Some("s1")
        );
        assert_eq!(cookie(&headers, csrf_cookie(false)).as_deref(), Some("c1"));
        assert_eq!(cookie(&headers, session_cookie(true)), None);
        assert_eq!(cookie(&headers, "pw_sess"), None);
    }

    #[test]
    fn comparison_needs_equal_length_and_bytes() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "abcd"));
        assert!(!same("", "a"));
    }

    #[test]
    fn tokens_are_64_hex_digits_and_differ() {
        let (a, b) = (random_token().unwrap(), random_token().unwrap());
        assert!(is_token(&a) && is_token(&b));
        assert_ne!(a, b);
    }
}
