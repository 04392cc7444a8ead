//! The interface in the reader's language: negotiated from the switcher's
//! cookie, the account's saved choice or `Accept-Language`; no English
//! left in the navigation, headings, labels or buttons of a converted
//! page; the switcher's route; and a page cache that never serves one
//! language's page to a reader of another.

use axum::http::StatusCode;
use pledgewatch_core::accounts::Accounts;
use pledgewatch_core::lang::Lang;

use crate::SLUG;
use crate::harness::{Client, Reply, app};

/// Words that are the same in every language (names, formats).
const SAME_IN_EVERY_LANGUAGE: [&str; 12] = [
    "pledgewatch",
    "JSON Schema",
    "JSON",
    "CSV",
    "API",
    "Atom",
    "PDF",
    "DOCX",
    "Word",
    "HTML",
    "Markdown",
    "English",
];

/// The interface's texts of a page: navigation, headings, labels,
/// buttons, summaries, column headers, badges and counts (not the records'
/// own words, which stay in the language they were entered in).
pub(crate) fn interface_texts(reply: &Reply, content: &[&str]) -> Vec<String> {
    let html = reply.html();
    let selector = scraper::Selector::parse(
        "header a, header button, footer a, footer label, footer button, h1, h2, label, button, \
         summary, th[scope=col], .badge, .count .what, .clock, .verdict, .dateline, .tally-notes",
    )
    .unwrap();
    html.select(&selector)
        .map(|e| e.text().collect::<String>())
        .filter(|t| !content.iter().any(|c| t.contains(c)))
        .collect()
}

/// The texts that still hold Latin letters once the names every language
/// shares are taken out.
pub(crate) fn english_left(texts: &[String], content: &[&str]) -> Vec<String> {
    texts
        .iter()
        .filter(|t| {
            let mut rest = (*t).clone();
            for same in SAME_IN_EVERY_LANGUAGE.iter().chain(content) {
                rest = rest.replace(same, "");
            }
            rest.chars().any(|c| c.is_ascii_alphabetic())
        })
        .cloned()
        .collect()
}

fn lang_of(reply: &Reply) -> String {
    reply.attr("html", "lang").unwrap_or_default()
}

#[tokio::test]
async fn accept_language_ru_gives_a_russian_home_and_scorecard_with_no_english_in_the_interface() {
    let app = app().await;
    let mut anon = Client::new(&app);
    let ru = [("accept-language", "ru-RU,ru;q=0.9,en;q=0.5")];
    let home = anon.get_with("/", &ru).await;
    assert_eq!(home.status, StatusCode::OK);
    assert_eq!(lang_of(&home), "ru");
    // The dossiers' titles are content, entered in English.
    let titles = home.texts(".card h2");
    let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
    let left = english_left(&interface_texts(&home, &titles), &titles);
    assert!(
        left.is_empty(),
        "English on the Russian home page: {left:?}"
    );
    assert!(home.body.contains("Досье") && home.body.contains("Поиск"));

    let page = format!("/dossiers/{SLUG}?as_of=2026-12-06");
    let scorecard = anon.get_with(&page, &ru).await;
    assert_eq!(scorecard.status, StatusCode::OK);
    assert_eq!(lang_of(&scorecard), "ru");
    let title = scorecard.texts("h1");
    let mut content: Vec<&str> = title.iter().map(String::as_str).collect();
    // Statements and development titles quoted inside the interface's
    // sentences are the record's words.
    let statements = scorecard.texts("td.what a, .recent a");
    content.extend(statements.iter().map(String::as_str));
    let texts = interface_texts(&scorecard, &content);
    assert!(texts.len() > 30, "{texts:?}");
    let left = english_left(&texts, &content);
    assert!(
        left.is_empty(),
        "English on the Russian scorecard: {left:?}"
    );
    for expected in [
        "6 декабря 2026 г.",
        "Просрочено",
        "до конца 2008 г.",
        "Обязательство",
        "Срок",
    ] {
        assert!(scorecard.body.contains(expected), "{expected}");
    }
    assert!(scorecard.body.contains("просрочено на 17 лет 11 месяцев"));
}

#[tokio::test]
async fn the_switcher_sets_the_cookie_and_goes_back_to_a_page_of_this_site_only() {
    let app = app().await;
    let mut anon = Client::new(&app);
    let english = anon.get("/").await;
    assert_eq!(lang_of(&english), "en");
    assert_eq!(
        english.count("footer form.lang-switch select[name=lang] option"),
        4
    );
    assert_eq!(
        english
            .attr("footer form.lang-switch input[name=back]", "value")
            .as_deref(),
        Some("/")
    );
    let same_site = [("origin", "http://localhost"), ("host", "localhost")];
    let reply = anon
        .post_with(
            "/language",
            &[("lang", "fr"), ("back", "/search?q=loi")],
            &same_site,
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    assert_eq!(reply.location(), "/search?q=loi");
    assert_eq!(anon.cookies.get("lang").map(String::as_str), Some("fr"));
    let french = anon.get_with("/", &[("accept-language", "ru")]).await;
    assert_eq!(lang_of(&french), "fr", "the cookie wins over the browser");
    assert!(french.body.contains("Rechercher"));

    let away = anon
        .post_with(
            "/language",
            &[("lang", "es"), ("back", "//evil.example/")],
            &same_site,
        )
        .await;
    assert_eq!(away.location(), "/");
    let unknown = anon
        .post_with("/language", &[("lang", "de"), ("back", "/")], &same_site)
        .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    assert!(unknown.body.contains("not a language of the interface"));
    assert_eq!(anon.cookies.get("lang").map(String::as_str), Some("es"));

    // From another site, or with no sign of where it comes from: refused.
    let mut other = Client::new(&app);
    for headers in [
        vec![("origin", "https://evil.example"), ("host", "localhost")],
        vec![("sec-fetch-site", "cross-site")],
        vec![],
    ] {
        let refused = other
            .post_with("/language", &[("lang", "ru"), ("back", "/")], &headers)
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{headers:?}");
        assert!(!other.cookies.contains_key("lang"));
    }
}

#[tokio::test]
async fn a_signed_in_readers_language_is_saved_and_used_after_the_next_sign_in() {
    let app = app().await;
    let mut first = Client::new(&app);
    first.login("viewer").await;
    // Signed in, the form token is required even from this site.
    let without = first
        .post_with(
            "/language",
            &[("lang", "ru"), ("back", "/")],
            &[("sec-fetch-site", "same-origin")],
        )
        .await;
    assert_eq!(without.status, StatusCode::FORBIDDEN);
    let page = first.get("/").await;
    assert!(
        page.attr("footer form.lang-switch input[name=csrf]", "value")
            .is_some()
    );
    let reply = first
        .post("/language", &[("lang", "ru"), ("back", "/")])
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let viewer = app
        .state
        .store
        .user_by_name("viewer")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        app.state.store.user_language(viewer.id).await.unwrap(),
        Some(Lang::Ru)
    );

    // Another browser, which asks for Spanish: the account's choice wins
    // once signed in.
    let mut second = Client::new(&app);
    let before = second.get_with("/", &[("accept-language", "es")]).await;
    assert_eq!(lang_of(&before), "es");
    second.login("viewer").await;
    let after = second.get_with("/", &[("accept-language", "es")]).await;
    assert_eq!(lang_of(&after), "ru");
    assert!(
        after.body.contains("Выйти"),
        "the sign-out button in Russian"
    );
}

#[tokio::test]
async fn the_page_cache_never_serves_one_languages_page_to_a_reader_of_another() {
    let app = app().await;
    let page = format!("/dossiers/{SLUG}");
    let mut russian = Client::new(&app);
    let mut english = Client::new(&app);
    let ru = russian.get_with(&page, &[("accept-language", "ru")]).await;
    let ru_again = russian.get_with(&page, &[("accept-language", "ru")]).await;
    assert_eq!(ru.body, ru_again.body);
    assert_eq!(
        app.state.pages.counts().0,
        1,
        "the second Russian request is a hit"
    );
    let en = english
        .get_with(&page, &[("accept-language", "en-GB")])
        .await;
    assert_eq!(lang_of(&ru), "ru");
    assert_eq!(lang_of(&en), "en");
    let none = english.get(&page).await;
    assert_eq!(lang_of(&none), "en");
    english.cookies.insert("lang".into(), "es".into());
    let es = english.get_with(&page, &[("accept-language", "ru")]).await;
    assert_eq!(lang_of(&es), "es");
    let vary = en.headers.get("vary").unwrap().to_str().unwrap();
    assert!(
        vary.contains("Accept-Language") && vary.contains("Cookie"),
        "{vary}"
    );
    assert_ne!(en.headers.get("etag"), ru.headers.get("etag"));
}
