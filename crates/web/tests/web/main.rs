//! The web application through its router, in process. One module per page
//! family (as in `src/pages/`) or concern; this file holds the module list
//! and the helpers they share.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines
)]

mod access;
mod account;
mod api;
mod as_of_property;
mod assessment_dates;
mod cache;
mod dated_records;
mod documents;
mod dossier;
mod drafting;
mod entry;
mod entry_languages;
mod exports;
mod feeds;
mod files;
mod harness;
mod languages;
mod lifecycle;
mod observability;
mod paths;
mod public_pages;
mod publication;
mod reasons;
mod records;
mod review;
mod scorecard;
mod scorecard_query;
mod search;
mod signin_abuse;
mod tokens;

use harness::App;
use pledgewatch_core::model::{EntityKind, Slug};
use pledgewatch_core::storage::Storage;

const SLUG: &str = "kazakhstan-osce-2010";

async fn first_commitment(app: &App) -> String {
    let view = pledgewatch_core::view::dossier_view(
        app.state.store.as_ref(),
        &Slug::parse(SLUG).unwrap(),
        chrono::NaiveDate::from_ymd_opt(2009, 1, 1).unwrap(),
    )
    .await
    .unwrap();
    view.commitments[0].id.to_string()
}

/// The published source of the demo published last, with its day: a
/// development dated that day is attested by it (a source attests only what
/// happened on or before it was published).
async fn latest_source(app: &App) -> (String, String) {
    app.state
        .store
        .published_list(EntityKind::Source, 100_000, 0)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|r| match r.entity {
            pledgewatch_core::model::Entity::Source(s) => {
                s.published.map(|p| (p.latest(), s.id.to_string()))
            }
            _ => None,
        })
        .max()
        .map(|(day, id)| (id, day.to_string()))
        .expect("a dated source")
}

async fn an_assessment(app: &App) -> String {
    let list = app
        .state
        .store
        .list(EntityKind::Assessment, 1, 0)
        .await
        .unwrap();
    list[0].entity.id().to_string()
}
