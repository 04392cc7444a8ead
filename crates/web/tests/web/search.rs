//! The search page: ranked results with highlighted matches.

use axum::http::StatusCode;

use crate::harness::{Client, app};

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
