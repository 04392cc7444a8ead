//! The reader's language: chosen from the `lang` cookie the switcher sets,
//! else the signed-in account's saved language, else the browser's
//! `Accept-Language`, else English; and the switcher's route, which sets
//! the cookie (and saves the choice on the account when signed in), then
//! goes back to the page it was used on.

use axum::Extension;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use pledgewatch_core::accounts::Accounts;
use pledgewatch_core::lang::Lang;

use crate::AppState;
use crate::auth::{Ctx, cookie, form_urlencoded_pairs, set_cookie};
use crate::error::WebError;

/// The cookie that holds the reader's choice of language.
pub const COOKIE: &str = "lang";

/// A year: a choice of language is not a session's business.
const COOKIE_SECONDS: i64 = 60 * 60 * 24 * 365;

/// The language the reader chose with the switcher, if any.
pub fn chosen(headers: &HeaderMap) -> Option<Lang> {
    cookie(headers, COOKIE).as_deref().and_then(Lang::parse)
}

/// The reader's language: the switcher's cookie, else the account's saved
/// language, else `Accept-Language`, else English.
pub fn negotiate(headers: &HeaderMap, saved: Option<Lang>) -> Lang {
    chosen(headers)
        .or(saved)
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .unwrap_or_default()
}

/// Whether a post comes from this site's own pages: the browser's
/// `Sec-Fetch-Site` says so, or its `Origin` names the host asked for.
pub fn same_origin(headers: &HeaderMap) -> bool {
    let text = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    if let Some(site) = text(header::HeaderName::from_static("sec-fetch-site")) {
        return site == "same-origin";
    }
    match (text(header::ORIGIN), text(header::HOST)) {
        (Some(origin), Some(host)) => origin
            .split_once("://")
            .is_some_and(|(_, rest)| rest.eq_ignore_ascii_case(host)),
        _ => false,
    }
}

/// A path on this site to go back to, or the home page: never another
/// site (`//host`, `/\host`, a scheme) nor anything with control
/// characters.
pub fn back_path(wanted: Option<&str>) -> String {
    match wanted {
        Some(p)
            if p.starts_with('/')
                && !p.starts_with("//")
                && !p.starts_with("/\\")
                && !p.chars().any(|c| c.is_control() || c == '\\') =>
        {
            p.to_owned()
        }
        _ => crate::paths::url::home(),
    }
}

/// `POST /language`: `lang` (a code of ours) and `back` (the page to
/// return to). Sets the cookie, saves the choice on the account of a
/// signed-in reader (audited), and redirects back.
pub async fn set_language(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    body: axum::body::Bytes,
) -> Result<Response, WebError> {
    let fields = form_urlencoded_pairs(&body);
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let code = field("lang").unwrap_or_default();
    let lang = Lang::parse(code).filter(|l| l.code() == code.trim()).ok_or_else(|| {
        WebError::BadRequest(format!(
            "lang: '{code}' is not a language of the interface (expected one of: en, ru, fr, es)"
        ))
    })?;
    if let Some(user) = &ctx.user {
        let context = pledgewatch_core::service::context(&ctx.actor(), Some("Language chosen"))?;
        state
            .store
            .set_user_language(&context, user.id, Some(lang))
            .await?;
    }
    let mut response = Redirect::to(&back_path(field("back"))).into_response();
    if let Some(value) = set_cookie(
        COOKIE,
        lang.code(),
        COOKIE_SECONDS,
        state.config.secure_cookies,
    ) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn the_cookie_wins_then_the_account_then_the_browser_then_english() {
        let browser = headers(&[("accept-language", "fr-FR,fr;q=0.9")]);
        let both = headers(&[("accept-language", "fr"), ("cookie", "lang=es")]);
        assert_eq!(negotiate(&both, Some(Lang::Ru)), Lang::Es);
        assert_eq!(negotiate(&browser, Some(Lang::Ru)), Lang::Ru);
        assert_eq!(negotiate(&browser, None), Lang::Fr);
        assert_eq!(
            negotiate(&headers(&[("cookie", "lang=xx")]), None),
            Lang::En
        );
        assert_eq!(negotiate(&HeaderMap::new(), None), Lang::En);
    }

    #[test]
    fn only_same_site_paths_are_gone_back_to() {
        assert_eq!(back_path(Some("/search?q=x")), "/search?q=x");
        for bad in [
            "//evil.example/",
            "/\\evil.example",
            "https://evil.example/",
            "x",
            "",
        ] {
            assert_eq!(back_path(Some(bad)), "/", "{bad}");
        }
        assert_eq!(back_path(None), "/");
    }

    #[test]
    fn a_post_from_another_site_is_not_same_origin() {
        assert!(same_origin(&headers(&[("sec-fetch-site", "same-origin")])));
        assert!(!same_origin(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(same_origin(&headers(&[
            ("origin", "https://pw.example"),
            ("host", "pw.example")
        ])));
        assert!(!same_origin(&headers(&[
            ("origin", "https://evil.example"),
            ("host", "pw.example")
        ])));
        assert!(!same_origin(&HeaderMap::new()));
    }
}
