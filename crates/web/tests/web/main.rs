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
mod dated_records;
mod documents;
mod dossier;
mod drafting;
mod exports;
mod feeds;
mod files;
mod harness;
mod lifecycle;
mod observability;
mod paths;
mod publication;
mod records;
mod review;
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

async fn an_assessment(app: &App) -> String {
    let list = app
        .state
        .store
        .list(EntityKind::Assessment, 1, 0)
        .await
        .unwrap();
    list[0].entity.id().to_string()
}
