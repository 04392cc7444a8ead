//! The search page: ranked results with highlighted matches.

use axum::http::StatusCode;

use pledgewatch_core::accounts::Role;

use crate::harness::{Client, app, as_role};

#[tokio::test]
async fn search_shows_ranked_results_with_highlighted_matches() {
    let app = app().await;
    let mut anon = Client::new(&app);
    let page = anon.get("/search?q=media+law").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.count("ol.hits li") > 1);
    assert!(page.count("ol.hits mark") > 0);
    let only = anon.get("/search?q=media&kind=commitment").await;
    assert!(
        only.texts("ol.hits .badge")
            .iter()
            .all(|k| k == "Commitment")
    );
    // The scorecard's filters narrow results to matching commitments.
    let stalled = anon.get("/search?q=ODIHR&status=stalled").await;
    assert_eq!(
        stalled.count("ol.hits li"),
        0,
        "no ODIHR pledge is stalled today"
    );
    let progress = anon.get("/search?q=ODIHR&status=in_progress").await;
    assert_eq!(progress.count("ol.hits li"), 1, "{}", progress.body);
    let due = anon
        .get("/search?q=2008&deadline_from=2008-12-01&deadline_to=2008-12-31")
        .await;
    assert_eq!(due.count("ol.hits li"), 3, "the three 2008 reforms");
    assert!(
        due.texts("ol.hits .badge")
            .iter()
            .all(|k| k == "Commitment")
    );
    let bad = anon.get("/search?q=law&deadline_from=2008-13-01").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let empty = anon.get("/search?q=+++").await;
    assert_eq!(empty.count("ol.hits li"), 0);
}

#[tokio::test]
async fn a_repeated_or_unreadable_query_field_gets_the_sites_answer() {
    let app = app().await;
    let mut anon = Client::new(&app);
    // A second `q` is not read: the first is searched and shown.
    let twice = anon.get("/search?q=ODIHR&q=zzyzx").await;
    assert_eq!(twice.status, StatusCode::OK, "{}", twice.body);
    assert_eq!(
        twice.attr("input[name=q]", "value").as_deref(),
        Some("ODIHR")
    );
    assert!(twice.count("ol.hits li") > 0);
    // The API refuses it, naming the field.
    let api = anon.get("/api/v1/search?q=ODIHR&q=zzyzx").await;
    assert_eq!(api.status, StatusCode::BAD_REQUEST, "{}", api.body);
    let error: serde_json::Value = serde_json::from_str(&api.body).unwrap();
    assert_eq!(error["error"]["fields"][0]["field"], "q", "{}", api.body);
    // Control characters are never written back into the page.
    let control = anon.get("/search?q=law%00x%01").await;
    assert!(!control.body.contains('\u{0}') && !control.body.contains('\u{1}'));
    assert_eq!(
        control.attr("input[name=q]", "value").as_deref(),
        Some("law\u{FFFD}x\u{FFFD}")
    );
    // A value that cannot be read is the site's error page, not a bare text.
    let mut reviewer = as_role(&app, Some(Role::Reviewer)).await;
    let bad = reviewer.get("/review?offset=abc").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{}", bad.body);
    assert!(bad.body.contains("<html"), "{}", bad.body);
}

/// How many results the API counts for `q`, as the public sees them.
async fn api_total(anon: &mut Client<'_>, q: &str) -> u64 {
    let reply = anon.get(&format!("/api/v1/search?q={q}&limit=100")).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let body: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    body["total"].as_u64().unwrap()
}

/// Each hit of a page as its title and where it leads.
fn hits_of(page: &crate::harness::Reply) -> Vec<(String, Option<String>)> {
    let html = page.html();
    let title = scraper::Selector::parse("ol.hits p.hit-title").unwrap();
    let link = scraper::Selector::parse("a").unwrap();
    html.select(&title)
        .map(|t| {
            (
                t.text().collect::<String>(),
                t.select(&link)
                    .next()
                    .and_then(|a| a.value().attr("href"))
                    .map(str::to_owned),
            )
        })
        .collect()
}

#[tokio::test]
async fn search_gives_the_true_total_and_pages_of_fifty() {
    let app = app().await;
    let mut anon = Client::new(&app);
    let total = api_total(&mut anon, "kazakhstan").await;
    assert!(total > 100, "the demo has over 100 public hits: {total}");
    let first = anon.get("/search?q=kazakhstan").await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(first.count("ol.hits p.hit-title"), 50);
    assert_eq!(
        first.texts("#results h2"),
        [format!("1–50 of {total} results for “kazakhstan”")]
    );
    assert_eq!(first.count("nav.pages a[rel=prev]"), 0);
    let next = first.attr("nav.pages a[rel=next]", "href").unwrap();
    assert_eq!(next, "/search?q=kazakhstan&page=2");
    let second = anon.get(&next).await;
    assert_eq!(
        second.texts("#results h2"),
        [format!("51–100 of {total} results for “kazakhstan”")]
    );
    assert_eq!(
        second.attr("ol.hits", "start").as_deref(),
        Some("51"),
        "the second page numbers its hits from 51"
    );
    assert_eq!(first.attr("ol.hits", "start"), None);
    let (one, two) = (hits_of(&first), hits_of(&second));
    assert_eq!(two.len(), 50);
    assert!(
        two.iter().all(|h| h.1.is_none() || !one.contains(h)),
        "the second page repeats none of the first"
    );
    assert_eq!(
        second.attr("nav.pages a[rel=prev]", "href").as_deref(),
        Some("/search?q=kazakhstan&page=1")
    );
    // Past the end: the last page, with no next.
    let last_number = total.div_ceil(50);
    let past = anon.get("/search?q=kazakhstan&page=99").await;
    assert_eq!(past.status, StatusCode::OK);
    let first_of_last = (last_number - 1) * 50 + 1;
    assert_eq!(
        past.texts("#results h2"),
        [format!(
            "{first_of_last}–{total} of {total} results for “kazakhstan”"
        )]
    );
    assert_eq!(past.count("nav.pages a[rel=next]"), 0);
    // One page only: the plain count, no paging.
    let few = anon.get("/search?q=ODIHR&kind=commitment").await;
    assert!(few.texts("#results h2")[0].ends_with("for “ODIHR”"));
    assert!(!few.texts("#results h2")[0].contains(" of "));
    assert_eq!(few.count("nav.pages"), 0);
}

#[tokio::test]
async fn a_malformed_page_number_is_refused_by_name() {
    let app = app().await;
    let mut anon = Client::new(&app);
    for bad in ["abc", "0", "-1", "2.5"] {
        let page = anon.get(&format!("/search?q=kazakhstan&page={bad}")).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "page={bad}");
        assert_eq!(
            page.texts("p.error"),
            [format!("“{bad}” is not a page number (1, 2, 3…).")]
        );
        assert_eq!(page.count("ol.hits li"), 0);
    }
}

#[tokio::test]
async fn a_kind_is_never_dropped_for_a_commitment_filter() {
    let app = app().await;
    let mut anon = Client::new(&app);
    let mixed = anon
        .get("/search?q=media&kind=concern&status=regressed")
        .await;
    assert_eq!(mixed.status, StatusCode::BAD_REQUEST);
    assert_eq!(mixed.count("ol.hits li"), 0, "{}", mixed.body);
    let error = mixed.texts("p.error").join(" ");
    assert!(error.contains("filter commitments only"), "{error}");
    assert!(error.contains("“concern”"), "{error}");
    let api = anon
        .get("/api/v1/search?q=media&kind=concern&status=regressed")
        .await;
    assert_eq!(api.status, StatusCode::BAD_REQUEST);
    // With the kind commitment, or none, the filter applies.
    for path in [
        "/search?q=media&kind=commitment&status=regressed",
        "/search?q=media&status=regressed",
    ] {
        let page = anon.get(path).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.count("ol.hits li") > 0, "{path}");
        assert!(
            page.texts("ol.hits .badge")
                .iter()
                .all(|k| k == "Commitment")
        );
    }
}

#[tokio::test]
async fn filters_without_words_ask_for_words() {
    let app = app().await;
    let mut anon = Client::new(&app);
    for path in [
        "/search?q=&status=regressed",
        "/search?q=&kind=development",
        "/search?kind=development",
    ] {
        let page = anon.get(path).await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(
            page.texts("p.error"),
            ["Filters narrow a search by words: type at least one word to search for."],
            "{path}"
        );
        assert_eq!(page.count("ol.hits li"), 0);
    }
    let bare = anon.get("/search").await;
    assert_eq!(bare.count("p.error"), 0, "no message before a search");
}

#[tokio::test]
async fn an_unknown_kind_status_or_origin_is_named() {
    let app = app().await;
    let mut anon = Client::new(&app);
    for (path, field) in [
        ("/search?q=media&kind=bogus", "Kind"),
        ("/search?q=media&status=bogus", "Status"),
        ("/search?q=media&origin=bogus", "Origin"),
    ] {
        let page = anon.get(path).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{path}");
        assert_eq!(
            page.texts("p.error"),
            [format!("{field}: “bogus” is not one of the choices.")]
        );
        assert_eq!(page.count("ol.hits li"), 0);
    }
    // A status no commitment has today is a choice: no results, no error.
    let stalled = anon.get("/search?q=ODIHR&status=stalled").await;
    assert_eq!(stalled.status, StatusCode::OK);
    assert_eq!(stalled.count("p.error"), 0);
}

#[tokio::test]
async fn paging_and_refusals_speak_russian() {
    let app = app().await;
    let mut anon = Client::new(&app);
    let total = api_total(&mut anon, "kazakhstan").await;
    let ru = [("accept-language", "ru")];
    let first = anon.get_with("/search?q=kazakhstan", &ru).await;
    // "из" takes the genitive: "результата" after one, "результатов" else.
    let noun = if total % 10 == 1 && total % 100 != 11 {
        "результата"
    } else {
        "результатов"
    };
    assert_eq!(
        first.texts("#results h2"),
        [format!("1–50 из {total} {noun} по запросу «kazakhstan»")]
    );
    assert_eq!(first.texts("nav.pages a"), ["Следующая страница"]);
    let bogus = anon.get_with("/search?q=media&kind=bogus", &ru).await;
    assert_eq!(bogus.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        bogus.texts("p.error"),
        ["Вид: «bogus» нет среди вариантов выбора."]
    );
    let mixed = anon
        .get_with("/search?q=media&kind=concern&status=regressed", &ru)
        .await;
    assert!(mixed.texts("p.error")[0].contains("отбирают только обязательства"));
    let wordless = anon.get_with("/search?q=&status=regressed", &ru).await;
    assert_eq!(
        wordless.texts("p.error"),
        ["Фильтры уточняют поиск по словам: введите хотя бы одно слово для поиска."]
    );
}
