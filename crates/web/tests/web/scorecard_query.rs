//! The scorecard's filters and counts as a query on the dossier view (core),
//! on the demo dossier: what the page and the API's scorecard route show.

use pledgewatch_core::model::Slug;
use pledgewatch_core::view::{ScorecardFilter, ScorecardFilterText, dossier_view};

use crate::SLUG;
use crate::harness::app;

fn day(text: &str) -> chrono::NaiveDate {
    pledgewatch_core::date::parse_day(text).unwrap()
}

#[tokio::test]
async fn the_scorecard_query_filters_and_counts_what_it_shows() {
    let app = app().await;
    let view = dossier_view(
        app.state.store.as_ref(),
        &Slug::parse(SLUG).unwrap(),
        day("2009-03-01"),
    )
    .await
    .unwrap();

    // Blank values are no filter; unfiltered, the counts are the view's.
    let blank = ScorecardFilterText {
        theme: Some("  ".into()),
        ..ScorecardFilterText::default()
    };
    let none = ScorecardFilter::parse(&blank).unwrap();
    assert!(!none.is_active());
    let all = view.scorecard(&none);
    assert_eq!(all.shown.len(), view.commitments.len());
    assert_eq!(all.overdue, view.overdue);
    assert_eq!(all.overdue, 3);
    assert_eq!(all.with_progress, view.with_progress);
    assert_eq!(
        all.counts.iter().map(|c| c.count).sum::<usize>(),
        all.shown.len()
    );
    assert!(all.counts.iter().all(|c| c.count > 0));

    // A deadline window of one day.
    let window = ScorecardFilter::parse(&ScorecardFilterText {
        deadline_from: Some("2008-12-31".into()),
        deadline_to: Some("2008-12-31".into()),
        ..ScorecardFilterText::default()
    })
    .unwrap();
    assert!(window.is_active());
    let due = view.scorecard(&window);
    assert_eq!(due.shown.len(), 3);
    assert!(
        due.shown
            .iter()
            .all(|c| c.deadline.is_some_and(|d| d.date == day("2008-12-31")))
    );
    assert_eq!(due.overdue, 3);

    // One status: one count, of every shown commitment.
    let status = view.commitments[0].status.clone();
    let by_status = ScorecardFilter::parse(&ScorecardFilterText {
        status: Some(status.clone()),
        ..ScorecardFilterText::default()
    })
    .unwrap();
    let rated = view.scorecard(&by_status);
    assert!(rated.shown.iter().all(|c| c.status == status));
    assert_eq!(rated.counts.len(), 1);
    assert_eq!(rated.counts[0].key, status);
    assert_eq!(rated.counts[0].count, rated.shown.len());
    assert!(
        rated
            .regressions
            .iter()
            .all(|r| { rated.shown.iter().any(|c| c.id == r.commitment) })
    );

    // Text is matched without regard to case.
    let word = view.commitments[0]
        .statement
        .split_whitespace()
        .max_by_key(|w| w.len())
        .unwrap()
        .to_uppercase();
    let text = ScorecardFilter::parse(&ScorecardFilterText {
        q: Some(word.clone()),
        ..ScorecardFilterText::default()
    })
    .unwrap();
    let found = view.scorecard(&text);
    assert!(
        found.shown.iter().any(|c| c.id == view.commitments[0].id),
        "{word}"
    );

    // A day that does not parse names its parameter.
    let bad = ScorecardFilter::parse(&ScorecardFilterText {
        deadline_to: Some("31/12/2008".into()),
        ..ScorecardFilterText::default()
    })
    .unwrap_err();
    assert_eq!(bad.field, "deadline_to");
}
