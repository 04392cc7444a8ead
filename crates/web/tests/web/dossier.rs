//! The public dossier pages: the scorecard and a commitment's page.

use axum::http::StatusCode;

use crate::harness::{Client, app};
use crate::{SLUG, first_commitment};

#[tokio::test]
async fn the_scorecard_shows_each_commitment_with_status_deadline_and_charts() {
    let app = app().await;
    let mut anon = Client::new(&app);
    let page = anon
        .get(&format!("/dossiers/{SLUG}?as_of=2008-05-31"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.count("table.scorecard tbody tr"), 6);
    let states = page.texts("table.scorecard tbody .clock-upcoming");
    assert_eq!(
        states
            .iter()
            .filter(|s| s.trim() == "due in 7 months")
            .count(),
        3,
        "{states:?}"
    );
    let deadlines = page.texts("table.scorecard tbody td.deadline");
    assert_eq!(
        deadlines
            .iter()
            .filter(|s| s.as_str() == "by the end of 2008")
            .count(),
        3,
        "{deadlines:?}"
    );
    // Each chart drawn wide and narrow.
    assert_eq!(page.count("svg.chart"), 4);
    assert_eq!(page.count("svg.chart title"), page.count("svg.chart title"));
    assert!(
        page.count("figure details table tbody tr") >= 1,
        "a data table for the status chart"
    );
    assert_eq!(page.count("table.scorecard tbody svg.bar"), 6);
    assert!(page.texts("h1")[0].contains("Kazakhstan and the 2010 OSCE chairmanship"));
    // Filters apply to the list and the charts.
    let filtered = anon
        .get(&format!(
            "/dossiers/{SLUG}?as_of=2008-05-31&status=regressed"
        ))
        .await;
    assert_eq!(filtered.count("table.scorecard tbody tr"), 2);
    // The three reforms share the sentence that names the media law.
    let by_text = anon
        .get(&format!("/dossiers/{SLUG}?as_of=2008-05-31&q=media"))
        .await;
    assert_eq!(by_text.count("table.scorecard tbody tr"), 3);
    // Later: overdue and regressions marked.
    let later = anon
        .get(&format!("/dossiers/{SLUG}?as_of=2010-01-01"))
        .await;
    assert!(
        later
            .texts("table.scorecard .clock-overdue")
            .iter()
            .any(|t| t.trim() == "1 year overdue"),
        "{:?}",
        later.texts(".clock-overdue")
    );
    assert!(
        later.count("tr.backtracking") >= 1,
        "the media law regressed in 2009"
    );
    // A bad as-of date is a clear error, not a crash.
    let bad = anon
        .get(&format!("/dossiers/{SLUG}?as_of=2008-02-30"))
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("no such day"));
}

#[tokio::test]
async fn the_commitment_page_shows_the_promise_its_history_and_the_steps() {
    let app = app().await;
    let id = first_commitment(&app).await;
    let mut anon = Client::new(&app);
    let page = anon
        .get(&format!(
            "/dossiers/{SLUG}/commitments/{id}?as_of=2010-01-01"
        ))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.texts("blockquote p")[0].contains("by the end of 2008"));
    // The quote's source links to its public page, which gives its address.
    let source = page.attr("blockquote footer a", "href").unwrap();
    assert!(source.starts_with("/sources/"), "{source}");
    let source = anon.get(&source).await;
    assert_eq!(source.status, StatusCode::OK);
    assert!(
        source
            .attr(".facts a[rel=noopener]", "href")
            .unwrap()
            .starts_with("https://www.hrw.org/")
    );
    assert!(page.count("ol.history li") >= 4);
    assert!(page.count("ol.history li.regression") >= 1);
    assert!(page.count("ul.developments li") >= 5);
    let early = anon
        .get(&format!(
            "/dossiers/{SLUG}/commitments/{id}?as_of=2008-05-31"
        ))
        .await;
    assert_eq!(
        early.count("ol.history li"),
        1,
        "only what was known by then"
    );
    assert_eq!(
        anon.get(&format!("/dossiers/{SLUG}/commitments/not-an-id"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}
