//! The reader's language: chosen from the `lang` cookie the switcher sets,
//! else the signed-in account's saved language, else the browser's
//! `Accept-Language`, else English; and the switcher's route, which sets
//! the cookie (and saves the choice on the account when signed in), then
//! goes back to the page it was used on.

use axum::Extension;
use axum::extract::State;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use pledgewatch_core::accounts::{Accounts, User};
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

/// The reader's language and the page asked for (where the switcher
/// returns), for the request's context: a signed-in reader without the
/// cookie costs one read of the account's saved language.
pub async fn of_request(
    state: &AppState,
    parts: &Parts,
    user: Option<&User>,
) -> Result<(Lang, String), WebError> {
    let saved = match (user, chosen(&parts.headers)) {
        (Some(u), None) => state.store.user_language(u.id).await?,
        _ => None,
    };
    let here = parts
        .uri
        .path_and_query()
        .map_or_else(crate::paths::url::home, |p| p.to_string());
    Ok((negotiate(&parts.headers, saved), here))
}

/// Whether a post without a session may set the language without a form
/// token: the switcher sits on shared pages, which carry no visitor's
/// token, so a post to its route from this site's own pages is enough
/// (nothing but the visitor's cookie changes).
pub fn switch_without_token(parts: &Parts) -> bool {
    parts.uri.path() == crate::paths::Route::LanguageSet.path() && same_origin(&parts.headers)
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
    if let Some(value) = cookie_of(lang, state.config.secure_cookies) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    Ok(response)
}

/// The `Set-Cookie` value that keeps `lang` as the reader's choice.
pub fn cookie_of(lang: Lang, secure: bool) -> Option<HeaderValue> {
    set_cookie(COOKIE, lang.code(), COOKIE_SECONDS, secure)
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

/// The catalogue against the templates and the code: every message they
/// name exists in every language, and the converted templates hold no
/// English of their own.
#[cfg(test)]
mod catalogue_tests {
    use std::path::{Path, PathBuf};

    use pledgewatch_core::accounts::Role;
    use pledgewatch_core::lang::Lang;

    /// The templates whose words all come from the catalogue. Every
    /// template joins this list as it is converted.
    const CONVERTED: [&str; 24] = [
        "layout/base.html",
        "records/review.html",
        "records/_pending.html",
        "records/list.html",
        "records/record.html",
        "home.html",
        "dossier/scorecard.html",
        "account/login.html",
        "account/setup.html",
        "account/users.html",
        "password/reset.html",
        "public/_words.html",
        "public/record.html",
        "search/results.html",
        "dossier/commitment.html",
        "records/form.html",
        "records/_picker.html",
        "records/picker.html",
        "layout/fields.html",
        "layout/error_summary.html",
        "layout/error.html",
        "drafting/index.html",
        "drafting/source.html",
        "tokens/account.html",
    ];

    /// Words a page may show in any language: names and formats.
    const NAMES: [&str; 11] = [
        "pledgewatch",
        "CSV",
        "JSON",
        "API",
        "Atom",
        "PDF",
        "DOCX",
        "HTML",
        "Markdown",
        "Word",
        "Schema",
    ];

    fn crate_dir() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
    }

    fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                files(&path, ext, out);
            } else if path.extension().is_some_and(|e| e == ext) {
                out.push(path);
            }
        }
    }

    /// The message ids named literally in calls of the catalogue: `t("id")`,
    /// `t1("id", ...)`, `t2`, `tn`, `tr`.
    fn ids_used(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for call in ["t(\"", "t1(\"", "t2(\"", "tn(\"", "tr(\""] {
            for (at, _) in text.match_indices(call) {
                let before = text[..at].chars().last();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let rest = &text[at + call.len()..];
                let id: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                    .collect();
                if rest[id.len()..].starts_with('"') && !id.is_empty() {
                    out.push(id);
                }
            }
        }
        out
    }

    #[test]
    fn every_message_the_templates_and_the_code_name_exists_in_every_language() {
        let mut paths = Vec::new();
        files(&crate_dir().join("templates"), "html", &mut paths);
        files(&crate_dir().join("src"), "rs", &mut paths);
        files(&crate_dir().join("../core/src"), "rs", &mut paths);
        let mut checked = 0;
        for path in paths {
            let text = std::fs::read_to_string(&path).unwrap();
            // The code's own tests name made-up messages.
            let text = text.split("#[cfg(test)]").next().unwrap_or_default();
            for id in ids_used(text) {
                for lang in Lang::ALL {
                    assert!(
                        lang.has(&id),
                        "{}: '{id}' missing in {lang:?}",
                        path.display()
                    );
                }
                checked += 1;
            }
        }
        assert!(checked > 150, "only {checked} uses found");
        for lang in Lang::ALL {
            for role in Role::ALL {
                assert!(lang.has(&format!("role-{}", role.as_str())), "{lang:?}");
            }
        }
    }

    /// A template without its `{{ }}`, `{% %}` and `{# #}` parts.
    fn without_tags(template: &str) -> String {
        let mut out = String::with_capacity(template.len());
        let mut rest = template;
        while let Some(open) = rest.find(['{']) {
            out.push_str(&rest[..open]);
            let close = match &rest[open..].get(..2) {
                Some("{{") => "}}",
                Some("{%") => "%}",
                Some("{#") => "#}",
                _ => {
                    out.push('{');
                    rest = &rest[open + 1..];
                    continue;
                }
            };
            rest = rest[open..]
                .find(close)
                .map_or("", |end| &rest[open + end + 2..]);
        }
        out.push_str(rest);
        out
    }

    /// Words of two letters or more that are not names every language
    /// shares.
    fn english_words(text: &str) -> Vec<String> {
        text.split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| w.len() >= 2 && !NAMES.contains(w))
            .map(str::to_owned)
            .collect()
    }

    /// Every template under `templates/`, by its path there.
    fn every_template() -> Vec<String> {
        fn walk(dir: &std::path::Path, base: &std::path::Path, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(&path, base, out);
                } else if path.extension().is_some_and(|e| e == "html") {
                    let name = path.strip_prefix(base).unwrap();
                    out.push(name.to_string_lossy().replace('\\', "/"));
                }
            }
        }
        let base = crate_dir().join("templates");
        let mut out = Vec::new();
        walk(&base, &base, &mut out);
        out.sort();
        out
    }

    /// Words the stylesheet writes (`content: "…"`) are words of no
    /// language: a label it shows comes from the page (`attr(data-label)`).
    #[test]
    fn the_stylesheet_writes_no_words_of_its_own() {
        let css = std::fs::read_to_string(crate_dir().join("static/app.css")).unwrap();
        let mut found = Vec::new();
        for part in css.split("content:").skip(1) {
            let value = part.split(';').next().unwrap_or_default();
            for quoted in value.split('"').skip(1).step_by(2) {
                // CSS escapes ("\25B8") are characters, not words.
                let mut text = String::new();
                let mut escape = false;
                for c in quoted.chars() {
                    if c == '\\' {
                        escape = true;
                    } else if escape && c.is_ascii_hexdigit() {
                    } else {
                        escape = false;
                        text.push(c);
                    }
                }
                found.extend(english_words(&text));
            }
        }
        assert!(found.is_empty(), "app.css writes {found:?}");
    }

    #[test]
    fn every_template_is_converted() {
        let all = every_template();
        assert!(all.len() >= CONVERTED.len(), "{all:?}");
        for name in &all {
            assert!(
                CONVERTED.contains(&name.as_str()),
                "{name} is not in CONVERTED: its words must come from the catalogue"
            );
        }
    }

    #[test]
    fn the_converted_templates_hold_no_english_of_their_own() {
        for name in CONVERTED {
            let template =
                std::fs::read_to_string(crate_dir().join("templates").join(name)).unwrap();
            let html = scraper::Html::parse_fragment(&without_tags(&template));
            let mut found = Vec::new();
            for node in html.tree.nodes() {
                match node.value() {
                    scraper::Node::Text(text) => found.extend(english_words(text)),
                    scraper::Node::Element(e) => {
                        for attr in ["aria-label", "title", "placeholder", "alt"] {
                            found.extend(english_words(e.attr(attr).unwrap_or_default()));
                        }
                        let shown_value = e.name() == "button"
                            || matches!(e.attr("type"), Some("submit" | "button" | "reset"));
                        if shown_value {
                            found.extend(english_words(e.attr("value").unwrap_or_default()));
                        }
                    }
                    _ => {}
                }
            }
            assert!(found.is_empty(), "{name} shows English: {found:?}");
        }
    }

    #[test]
    fn the_scan_finds_english_in_text_and_attributes() {
        let html =
            r#"<p>{{ nav.t("x") }} Hello</p><a title="Your account">{% if x %}y{% endif %}</a>"#;
        let stripped = without_tags(html);
        assert!(stripped.contains("Hello") && !stripped.contains("nav.t"));
        assert_eq!(english_words("Your account · CSV"), ["Your", "account"]);
        assert_eq!(
            ids_used(r#"nav.t("a-b") x.tr("c", &args) cat("no") nav.tn("d", "n", 1)"#),
            ["a-b", "d", "c"]
        );
    }
}
