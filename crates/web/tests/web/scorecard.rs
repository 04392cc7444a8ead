//! The scorecard's first screen on the demo dossier: a verdict badge in
//! colour, shape and words on every commitment, honest signals
//! (backtracking, steps back, staleness, the promise clock), sorting by
//! links, filters folded away, and plain words instead of keys.

use std::collections::HashSet;

use axum::http::StatusCode;
use pledgewatch_core::model::Slug;
use pledgewatch_core::view::{DossierView, dossier_view};

use crate::SLUG;
use crate::harness::{App, Client, app};

fn day(text: &str) -> chrono::NaiveDate {
    pledgewatch_core::date::parse_day(text).unwrap()
}

async fn view(app: &App, as_of: &str) -> DossierView {
    dossier_view(
        app.state.store.as_ref(),
        &Slug::parse(SLUG).unwrap(),
        day(as_of),
    )
    .await
    .unwrap()
}

/// A day after every event of the demo.
const LATE: &str = "2026-06-01";

#[tokio::test]
async fn every_commitment_carries_a_verdict_badge_with_its_words_and_its_shape() {
    let app = app().await;
    let mut anon = Client::new(&app);
    let page = anon.get(&format!("/dossiers/{SLUG}?as_of={LATE}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let rows = page.count("table.scorecard tbody tr");
    assert_eq!(rows, 6);
    assert_eq!(page.count("table.scorecard tbody tr .verdict"), rows);
    assert_eq!(
        page.count("table.scorecard tbody tr .verdict svg.icon"),
        rows
    );
    let html = page.html();
    let badge = scraper::Selector::parse("table.scorecard tbody .verdict").unwrap();
    let mut classes = HashSet::new();
    for b in html.select(&badge) {
        let text = b.text().collect::<String>().trim().to_owned();
        assert!(!text.is_empty() && !text.contains('_'), "{text:?}");
        let class = b
            .value()
            .classes()
            .find(|c| c.starts_with("verdict-"))
            .expect("a verdict class")
            .to_owned();
        classes.insert((class, text));
    }
    // Two statuses never share a badge.
    let distinct: HashSet<&String> = classes.iter().map(|c| &c.0).collect();
    assert_eq!(distinct.len(), classes.len(), "{classes:?}");
    // Big counts by verdict, summing to the commitments shown, and overdue.
    let counts: Vec<usize> = page
        .texts(".counts .count .n")
        .iter()
        .map(|n| n.parse().unwrap())
        .collect();
    let v = view(&app, LATE).await;
    assert_eq!(counts[0], 6);
    assert_eq!(*counts.last().unwrap(), v.overdue);
    assert_eq!(counts[1..counts.len() - 1].iter().sum::<usize>(), 6);
}

#[tokio::test]
async fn backtracking_marks_only_commitments_rated_below_an_earlier_rating_now() {
    let app = app().await;
    let v = view(&app, LATE).await;
    let ever_stepped_back = v
        .commitments
        .iter()
        .filter(|c| c.history.iter().any(|s| s.regression))
        .count();
    let backtracking: Vec<&str> = v
        .commitments
        .iter()
        .filter(|c| c.backtracking)
        .map(|c| c.statement.as_str())
        .collect();
    assert!(
        ever_stepped_back > backtracking.len(),
        "some commitments recovered after a step back"
    );
    for c in v.commitments.iter().filter(|c| c.backtracking) {
        let current = c.history.last().unwrap();
        let scale = v.scale.scale();
        let rank = |key: &str| scale.status(key).unwrap().rank;
        assert!(
            c.history
                .iter()
                .any(|s| rank(&s.status) > rank(&current.status)),
            "{}",
            c.statement
        );
    }
    let mut anon = Client::new(&app);
    let page = anon.get(&format!("/dossiers/{SLUG}?as_of={LATE}")).await;
    assert_eq!(page.count("tr.backtracking"), backtracking.len());
    assert_eq!(
        page.count("table.scorecard .badge.regression"),
        backtracking.len()
    );
}

#[tokio::test]
async fn steps_back_are_counted_one_way_on_the_scorecard_and_the_commitment_pages() {
    let app = app().await;
    let v = view(&app, LATE).await;
    let steps = v.regressions.len();
    assert!(steps > 1);
    let mut anon = Client::new(&app);
    let page = anon.get(&format!("/dossiers/{SLUG}?as_of={LATE}")).await;
    let notes = page.texts(".tally-notes").join(" ");
    assert!(
        notes.contains(&format!("{steps} steps back in the ratings")),
        "{notes}"
    );
    assert_eq!(page.count("#steps-back-h + p + ul li"), steps);
    let mut on_pages = 0;
    for c in &v.commitments {
        let page = anon
            .get(&format!(
                "/dossiers/{SLUG}/commitments/{}?as_of={LATE}",
                c.id
            ))
            .await;
        on_pages += page
            .texts(".history .badge.regression")
            .iter()
            .filter(|t| t.as_str() == "Step back")
            .count();
    }
    assert_eq!(on_pages, steps);
}

#[tokio::test]
async fn stale_ratings_are_flagged_only_on_open_commitments() {
    let app = app().await;
    let v = view(&app, LATE).await;
    let scale = v.scale.scale();
    let kept: Vec<_> = v
        .commitments
        .iter()
        .filter(|c| scale.status(&c.status).is_ok_and(|s| s.closes))
        .collect();
    assert!(!kept.is_empty(), "the demo has a commitment kept or broken");
    assert!(kept.iter().all(|c| !c.stale && !c.open));
    assert!(v.commitments.iter().all(|c| !c.stale || c.open));
    let stale = v.commitments.iter().filter(|c| c.stale).count();
    assert!(stale < v.commitments.len(), "not every rating is stale");
    let mut anon = Client::new(&app);
    let page = anon.get(&format!("/dossiers/{SLUG}?as_of={LATE}")).await;
    assert_eq!(page.count("table.scorecard .badge.stale"), stale);
}

#[tokio::test]
async fn the_promise_clock_shows_overdue_met_and_upcoming_apart() {
    let app = app().await;
    let mut anon = Client::new(&app);
    let early = anon
        .get(&format!("/dossiers/{SLUG}?as_of=2008-05-31"))
        .await;
    let late = anon.get(&format!("/dossiers/{SLUG}?as_of={LATE}")).await;
    let icon = |page: &crate::harness::Reply, kind: &str| {
        let html = page.html();
        let sel = scraper::Selector::parse(&format!(".clock-{kind} svg.icon")).unwrap();
        html.select(&sel).next().map(|e| e.inner_html())
    };
    let upcoming = icon(&early, "upcoming").expect("upcoming in May 2008");
    let overdue = icon(&late, "overdue").expect("overdue by 2026");
    let met = icon(&late, "met")
        .or_else(|| icon(&late, "met-late"))
        .expect("one commitment was kept");
    assert_ne!(overdue, met);
    assert_ne!(overdue, upcoming);
    assert_ne!(met, upcoming);
    let overdue = late.texts("table.scorecard .clock-overdue");
    assert!(
        !overdue.is_empty() && overdue.iter().all(|t| t.trim().ends_with(" overdue")),
        "{overdue:?}"
    );
}

#[tokio::test]
async fn the_columns_sort_by_links_and_a_bad_sort_is_refused_by_name() {
    let app = app().await;
    let mut anon = Client::new(&app);
    let base = format!("/dossiers/{SLUG}?as_of={LATE}");
    let page = anon.get(&base).await;
    let links = page
        .html()
        .select(&scraper::Selector::parse("table.scorecard thead a.sort").unwrap())
        .map(|a| a.value().attr("href").unwrap().to_owned())
        .collect::<Vec<_>>();
    assert_eq!(links.len(), 3);
    assert!(links.iter().all(|l| l.contains(&format!("as_of={LATE}"))));
    assert!(links[0].contains("sort=commitment&order=asc"), "{links:?}");

    let by_statement = anon.get(&links[0]).await;
    let statements = by_statement.texts("table.scorecard tbody td.what > a");
    let mut sorted = statements.clone();
    sorted.sort_by_key(|s| s.to_lowercase());
    assert_eq!(statements, sorted);
    assert_eq!(
        by_statement.attr("table.scorecard thead th[aria-sort]", "aria-sort"),
        Some("ascending".into())
    );
    // Following the sorted column's link again reverses it.
    let again = by_statement.attr("table.scorecard thead th[aria-sort] a", "href");
    assert!(again.as_deref().unwrap().contains("order=desc"));
    let reversed = anon.get(&again.unwrap()).await;
    let mut backwards = sorted.clone();
    backwards.reverse();
    assert_eq!(
        reversed.texts("table.scorecard tbody td.what > a"),
        backwards
    );

    // Sorting keeps the filters, and the filter form keeps the sort.
    let filtered = anon
        .get(&format!("{base}&status=partially_fulfilled&sort=deadline"))
        .await;
    assert!(
        filtered
            .attr("table.scorecard thead a.sort", "href")
            .unwrap()
            .contains("status=partially_fulfilled")
    );
    assert_eq!(
        filtered.attr("form.filters input[name=sort]", "value"),
        Some("deadline".into())
    );

    for (query, field) in [("sort=colour", "sort"), ("sort=deadline&order=up", "order")] {
        let bad = anon.get(&format!("{base}&{query}")).await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{query}");
        assert!(bad.body.contains(field), "{query}: {}", bad.body);
    }
}

#[tokio::test]
async fn the_filters_are_folded_away_unless_one_is_set() {
    let app = app().await;
    let mut anon = Client::new(&app);
    let plain = anon.get(&format!("/dossiers/{SLUG}")).await;
    assert_eq!(plain.count("details.filter-panel"), 1);
    assert_eq!(plain.count("details.filter-panel[open]"), 0);
    assert_eq!(plain.count("details.filter-panel form.filters"), 1);
    let filtered = anon
        .get(&format!("/dossiers/{SLUG}?status=regressed"))
        .await;
    assert_eq!(filtered.count("details.filter-panel[open]"), 1);
}

#[tokio::test]
async fn the_scorecard_says_when_it_last_changed_and_what_changed() {
    let app = app().await;
    let v = view(&app, "2009-03-01").await;
    let mut anon = Client::new(&app);
    let page = anon
        .get(&format!("/dossiers/{SLUG}?as_of=2009-03-01"))
        .await;
    let dateline = page.texts(".dateline").join(" ");
    assert!(dateline.contains("As of 1 March 2009"), "{dateline}");
    let last = v.last_updated().unwrap();
    assert!(last <= day("2009-03-01"));
    assert!(
        dateline.contains(&format!(
            "Latest development or rating {}",
            pledgewatch_core::wording::day(pledgewatch_core::lang::Lang::En, last)
        )),
        "{dateline}"
    );
    let heading = page.texts("#recent-h").join("");
    assert!(heading.starts_with("What changed since "), "{heading}");
    let items = page.count(".recent li");
    assert_eq!(items, 5);
    // Nothing later than the day, newest first.
    let recent = v.recent_developments(&v.commitments.iter().collect::<Vec<_>>(), 5);
    assert!(
        recent
            .iter()
            .all(|r| r.development.date.earliest() <= day("2009-03-01"))
    );
    assert!(
        recent
            .windows(2)
            .all(|w| w[0].development.date.earliest() >= w[1].development.date.earliest())
    );
}

#[tokio::test]
async fn the_scorecard_and_commitment_page_speak_in_words_not_keys() {
    let app = app().await;
    let v = view(&app, LATE).await;
    let mut anon = Client::new(&app);
    let page = anon.get(&format!("/dossiers/{SLUG}?as_of={LATE}")).await;
    let table = page.texts("table.scorecard").join(" ");
    for machine in ["precision", "days left", "overdue by", "_", "@1"] {
        assert!(!table.contains(machine), "{machine:?} in {table}");
    }
    let c = &v.commitments[0];
    let page = anon
        .get(&format!(
            "/dossiers/{SLUG}/commitments/{}?as_of={LATE}",
            c.id
        ))
        .await;
    let main = page.texts("main").join(" ");
    for machine in [
        "precision",
        "(default@1)",
        "by_deadline",
        "overdue by",
        "days before",
    ] {
        assert!(
            !main.contains(machine),
            "{machine:?} on the commitment page"
        );
    }
    assert!(main.contains("pledgewatch's own scale"));
}
