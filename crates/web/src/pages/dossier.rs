//! The dossier scorecard and the commitment page, as of any date, for the
//! public (published only) or the team (drafts too).

use axum::Extension;
use axum::extract::{RawQuery, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use pledgewatch_core::ids::CommitmentId;
use std::collections::HashMap;

use pledgewatch_core::lang::{Args, Lang};
use pledgewatch_core::model::{Direction, Entity, EntityKind, Origin, Slug};
use pledgewatch_core::scale::{Scale, Verdict};
use pledgewatch_core::slugs::{self, Found, SlugTable};
use pledgewatch_core::storage::Storage;
use pledgewatch_core::view::{
    Audience, CommitmentView, DossierView, ScorecardFilter, ScorecardFilterText, ScorecardRows,
    ScorecardSort, SortColumn, dossier_view_for,
};
use pledgewatch_core::wording;
use serde::Deserialize;

use super::review::Standing;
use super::{as_of, audience, nav, render};
use crate::AppState;
use crate::auth::Ctx;
use crate::charts;
use crate::error::WebError;
use crate::extract::{PageQuery, PathOf};
use crate::flash::Flash;
use crate::marks;
use crate::paths::url;
use crate::templates::*;

#[derive(Debug, Deserialize, Default)]
pub struct ScorecardQuery {
    pub as_of: Option<String>,
    pub actor: Option<String>,
    pub theme: Option<String>,
    pub status: Option<String>,
    pub origin: Option<String>,
    pub deadline_from: Option<String>,
    pub deadline_to: Option<String>,
    pub q: Option<String>,
    /// A column to sort by, and "asc" or "desc".
    pub sort: Option<String>,
    pub order: Option<String>,
    #[serde(default, deserialize_with = "crate::flash::lenient")]
    pub done: Option<Flash>,
}

fn some(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn parse_slug(slug: &str) -> Result<Slug, WebError> {
    Slug::parse(slug).map_err(|_| WebError::NotFound)
}

async fn load(
    state: &AppState,
    ctx: &Ctx,
    slug: &Slug,
    as_of: chrono::NaiveDate,
) -> Result<DossierView, WebError> {
    // The reader is the projection this viewer may see (the public one, or
    // the team's without confidential sources for a role below
    // `confidential_role`).
    let reader = super::Reader::new(state, ctx);
    Ok(dossier_view_for(reader.store(), slug, as_of, Audience::Team).await?)
}

/// The scorecard's filters of a query; a day that does not parse is a bad
/// request naming its parameter.
pub(crate) fn filter_of(q: &ScorecardQuery) -> Result<ScorecardFilter, WebError> {
    let text = ScorecardFilterText {
        actor: q.actor.clone(),
        theme: q.theme.clone(),
        status: q.status.clone(),
        origin: q.origin.clone(),
        deadline_from: q.deadline_from.clone(),
        deadline_to: q.deadline_to.clone(),
        q: q.q.clone(),
    };
    ScorecardFilter::parse(&text).map_err(WebError::BadField)
}

/// The deadline as written ("by the end of 2008"), or the timing in words.
pub(crate) fn deadline_text(lang: Lang, c: &CommitmentView) -> String {
    match (c.deadline, c.period_starts) {
        (Some(until), Some(from)) => wording::period(lang, from, until),
        (Some(d), None) => wording::deadline(lang, d),
        (None, _) => wording::timing_kind(lang, c.timing),
    }
}

/// The "promise clock": how much of the time to the deadline has passed,
/// and that in words.
fn clock(lang: Lang, c: &CommitmentView, as_of: chrono::NaiveDate) -> (u32, String) {
    let since = wording::since_pledge(lang, c.made_on.earliest(), as_of);
    match c.deadline {
        Some(d) => {
            let total = (d.date - c.made_on.earliest()).num_days().max(1);
            let used = c.elapsed.days.clamp(0, total);
            let pct = u32::try_from(used * 100 / total).unwrap_or(100);
            let allowed =
                wording::duration(lang, wording::Span::between(c.made_on.earliest(), d.date));
            let args = Args::new().str("allowed", allowed).str("since", since);
            (pct, lang.tr("scorecard-clock", &args))
        }
        None => (0, since),
    }
}

fn opts(values: impl IntoIterator<Item = (String, String)>, selected: Option<&str>) -> Vec<Opt> {
    values
        .into_iter()
        .map(|(value, label)| Opt {
            selected: selected == Some(value.as_str()),
            value,
            label,
        })
        .collect()
}

pub async fn scorecard(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    PathOf(slug): PathOf<Slug>,
    PageQuery(q): PageQuery<ScorecardQuery>,
) -> Result<Html<String>, WebError> {
    let as_of = as_of(q.as_of.as_deref())?;
    let view = load(&state, &ctx, &slug, as_of).await?;
    let filter = filter_of(&q)?;
    let sort =
        ScorecardSort::parse(q.sort.as_deref(), q.order.as_deref()).map_err(WebError::BadField)?;
    let rows = view.scorecard(&filter);
    let recipient_lists = recipient_lists(&state, &ctx, &view).await?;
    let names = names_of(super::Reader::new(&state, &ctx).store(), &slug).await?;
    let mut page = scorecard_page(ctx.lang, &view, &rows, &filter, &sort, &q, &names);
    page.nav = nav(&ctx, q.done);
    page.team = audience(&ctx) == Audience::Team;
    page.recipient_lists = recipient_lists;
    if page.team {
        let ids: Vec<(EntityKind, String)> = page
            .rows
            .iter()
            .map(|r| (EntityKind::Commitment, r.id.clone()))
            .collect();
        let marks = standings(ctx.lang, &state, &ids).await?;
        for r in &mut page.rows {
            r.standing = marks.get(&r.id).cloned().unwrap_or_default();
        }
    }
    render(&page)
}

/// The actor bound by most of the commitments shown: the State the letters
/// leave out unless asked to write to it.
fn letter_subject(view: &DossierView) -> String {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for c in &view.commitments {
        match counts.iter_mut().find(|(name, _)| *name == c.bound.name) {
            Some((_, n)) => *n += 1,
            None => counts.push((&c.bound.name, 1)),
        }
    }
    let most = counts.iter().map(|(_, n)| *n).max().unwrap_or(0);
    counts
        .into_iter()
        .find(|(_, n)| *n == most)
        .map(|(name, _)| name.to_owned())
        .unwrap_or_default()
}

/// The dossier's recipient lists, for the team's letter form.
async fn recipient_lists(
    state: &AppState,
    ctx: &Ctx,
    view: &DossierView,
) -> Result<Vec<Opt>, WebError> {
    if audience(ctx) != Audience::Team {
        return Ok(vec![]);
    }
    let slug = parse_slug(&view.slug)?;
    Ok(
        pledgewatch_report::letter::recipient_lists(state.store.as_ref(), &slug)
            .await
            .map_err(|e| WebError::Internal(e.to_string()))?
            .into_iter()
            .map(|(name, slug)| Opt {
                value: slug,
                label: name,
                selected: false,
            })
            .collect(),
    )
}

/// The title text a stored record's name comes from (empty for none).
fn slug_text_of(stored: Option<&pledgewatch_core::model::Stored<Entity>>) -> String {
    stored
        .map(|s| slugs::slug_text(&s.entity))
        .unwrap_or_default()
}

/// The names of the dossier's commitments as the reader sees them.
async fn names_of(store: &dyn Storage, slug: &Slug) -> Result<SlugTable, WebError> {
    let dossier = store
        .dossier_by_slug(slug)
        .await?
        .ok_or(WebError::NotFound)?;
    super::public::commitment_slugs(store, &dossier.entity).await
}

/// A commitment's page in the dossier, by its slug, as of the view's date.
fn commitment_url(view: &DossierView, names: &SlugTable, id: CommitmentId) -> String {
    let name = names
        .slug(id.uuid())
        .map_or_else(|| id.to_string(), str::to_owned);
    format!("{}?as_of={}", url::commitment(&view.slug, name), view.as_of)
}

fn score_row(lang: Lang, view: &DossierView, c: &CommitmentView, names: &SlugTable) -> ScoreRow {
    let as_of = view.as_of;
    let (clock_value, clock_label) = clock(lang, c, as_of);
    let verdict = verdict_of(view, &c.status);
    let kind = c.deadline_state.clock_kind();
    ScoreRow {
        id: c.id.to_string(),
        standing: String::new(),
        url: commitment_url(view, names, c.id),
        statement: c.statement.clone(),
        actor: c.bound.name.clone(),
        made_on: wording::precise(lang, &c.made_on),
        status_label: wording::status_label(lang, view.scale, &c.status_label),
        verdict: verdict.as_str().to_owned(),
        verdict_icon: marks::verdict_icon(verdict),
        rated_on: c
            .rated_on
            .map(|d| {
                lang.tr(
                    "scorecard-rated-on",
                    &Args::new().str("date", wording::day(lang, d)),
                )
            })
            .unwrap_or_else(|| lang.t("scorecard-not-rated")),
        deadline: deadline_text(lang, c),
        deadline_state: wording::deadline_state(lang, &c.deadline_state, c.deadline, as_of),
        clock_kind: kind.as_str().replace('_', "-"),
        clock_icon: marks::clock_icon(kind),
        clock_bar: marks::clock_bar(clock_value),
        clock_label,
        backtracking: c.backtracking,
        stale: c.stale,
    }
}

/// The verdict a status key gives on the dossier's scale.
pub(crate) fn verdict_of(view: &DossierView, key: &str) -> Verdict {
    view.scale
        .scale()
        .status(key)
        .map(|s| s.verdict)
        .unwrap_or(Verdict::Unrated)
}

/// The query of the scorecard as it is, with another sort.
fn with_sort(q: &ScorecardQuery, as_of: &str, sort: SortColumn, descending: bool) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    out.append_pair("as_of", as_of);
    for (name, value) in [
        ("actor", &q.actor),
        ("theme", &q.theme),
        ("status", &q.status),
        ("origin", &q.origin),
        ("deadline_from", &q.deadline_from),
        ("deadline_to", &q.deadline_to),
        ("q", &q.q),
    ] {
        if let Some(v) = some(value) {
            out.append_pair(name, v);
        }
    }
    out.append_pair("sort", sort.as_str());
    out.append_pair("order", if descending { "desc" } else { "asc" });
    out.finish()
}

/// The headers of the sortable columns: each links to the scorecard sorted
/// by it (the other way round when it is the sort already).
fn sort_headers(
    lang: Lang,
    view: &DossierView,
    q: &ScorecardQuery,
    sort: &ScorecardSort,
) -> Vec<SortHeader> {
    [
        (SortColumn::Commitment, "scorecard-col-commitment"),
        (SortColumn::Verdict, "scorecard-col-verdict"),
        (SortColumn::Deadline, "scorecard-col-deadline"),
    ]
    .into_iter()
    .map(|(column, id)| {
        let label = lang.t(id);
        let current = sort.column == Some(column);
        let descending = current && !sort.descending;
        let aria_sort = match (current, sort.descending) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        };
        SortHeader {
            url: format!(
                "{}?{}",
                url::dossier(&view.slug),
                with_sort(q, &view.as_of.to_string(), column, descending)
            ),
            aria_sort: aria_sort.to_owned(),
            hint: lang.tr(
                if descending {
                    "scorecard-sort-descending"
                } else {
                    "scorecard-sort-ascending"
                },
                &Args::new().str("column", label.to_lowercase()),
            ),
            label,
        }
    })
    .collect()
}

/// How many developments the "what changed" list shows.
const RECENT: usize = 5;

/// The latest developments of the commitments shown, as the scorecard's
/// "what changed" list.
fn recent_rows(
    lang: Lang,
    view: &DossierView,
    rows: &ScorecardRows<'_>,
    names: &SlugTable,
) -> Vec<RecentRow> {
    view.recent_developments(&rows.shown, RECENT)
        .into_iter()
        .map(|r| {
            let class = direction_class(r.development.direction);
            let direction = wording::direction(lang, r.development.direction);
            RecentRow {
                date: wording::precise(lang, &r.development.date),
                title: r.development.title.clone(),
                direction,
                direction_class: class.into(),
                commitments: r
                    .commitments
                    .iter()
                    .map(|(id, statement)| Cited {
                        text: (*statement).to_owned(),
                        url: commitment_url(view, names, *id),
                    })
                    .collect(),
            }
        })
        .collect()
}

/// A count (or a legend entry) with its verdict's badge.
fn count_row(label: &str, verdict: Verdict, count: usize) -> CountRow {
    CountRow {
        label: label.to_owned(),
        verdict: verdict.as_str().to_owned(),
        icon: marks::verdict_icon(verdict),
        count,
    }
}

/// The filter form's choices, as the query has them.
fn fill_filters(lang: Lang, page: &mut ScorecardPage, view: &DossierView, q: &ScorecardQuery) {
    let scale = view.scale.scale();
    let given = |v: &Option<String>| some(v).unwrap_or_default().to_owned();
    page.filter_actor = opts(view.actor_choices(), some(&q.actor));
    page.filter_theme = opts(
        view.theme_choices().into_iter().map(|t| (t.clone(), t)),
        some(&q.theme),
    );
    page.filter_status = opts(
        scale
            .statuses
            .iter()
            .map(|s| (s.key.to_owned(), wording::status(lang, view.scale, s.key))),
        some(&q.status),
    );
    page.filter_origin = opts(
        Origin::ALL
            .iter()
            .map(|o| (o.as_str().to_owned(), wording::origin(lang, *o))),
        some(&q.origin),
    );
    page.deadline_from = given(&q.deadline_from);
    page.deadline_to = given(&q.deadline_to);
    page.text = given(&q.q);
}

/// The charts and their text alternatives.
fn fill_charts(lang: Lang, page: &mut ScorecardPage, view: &DossierView, rows: &ScorecardRows<'_>) {
    let scale = view.scale.scale();
    let points = charts::status_points(lang, view, &rows.shown);
    let events = charts::timeline_events(lang, view, &rows.shown);
    let label = |s: &pledgewatch_core::scale::Status| wording::status(lang, view.scale, s.key);
    page.chart_legend = scale
        .statuses
        .iter()
        .filter(|s| points.iter().any(|p| p.counts.iter().any(|c| c.0 == s.key)))
        .map(|s| count_row(&label(s), s.verdict, 0))
        .collect();
    page.status_svg = charts::status_chart(lang, scale, &points, "chart-status");
    page.status_header = scale.statuses.iter().map(label).collect();
    page.status_table = status_table(scale, &points);
    page.timeline_svg = charts::timeline_chart(lang, &events, view.as_of, "chart-timeline");
    page.timeline_list = events
        .iter()
        .map(|e| {
            let args = Args::new()
                .str("date", wording::day(lang, e.date))
                .str("event", e.label.clone())
                .str("kind", lang.t(&format!("chart-kind-{}", e.kind)));
            lang.tr("chart-timeline-item", &args)
        })
        .collect();
}

/// The line under the counts: progress, backtracking, steps back, stale.
fn tally_notes(lang: Lang, rows: &ScorecardRows<'_>) -> String {
    let args = Args::new()
        .count("progress", rows.with_progress)
        .count("backtracking", rows.backtracking)
        .str("steps", wording::steps_back(lang, rows.regressions.len()))
        .count("stale", rows.stale);
    lang.tr("scorecard-notes", &args)
}

/// The scorecard page without what depends on who asks (navigation, team
/// tools), which the handler fills in.
/// The scorecard's steps back, one line each.
fn regression_lines(lang: Lang, view: &DossierView, rows: &ScorecardRows<'_>) -> Vec<String> {
    rows.regressions
        .iter()
        .map(|r| {
            let args = Args::new()
                .str("date", wording::day(lang, r.on))
                .str("commitment", r.statement.clone())
                .str("from", wording::status_label(lang, view.scale, &r.from))
                .str("to", wording::status_label(lang, view.scale, &r.to));
            lang.tr("scorecard-regression", &args)
        })
        .collect()
}

fn scorecard_page(
    lang: Lang,
    view: &DossierView,
    rows: &ScorecardRows<'_>,
    filter: &ScorecardFilter,
    sort: &ScorecardSort,
    q: &ScorecardQuery,
    names: &SlugTable,
) -> ScorecardPage {
    let recent = recent_rows(lang, view, rows, names);
    let mut shown = rows.shown.clone();
    sort.apply(view, &mut shown);
    let mut page = ScorecardPage {
        nav: Nav::default(),
        title: view.title.clone(),
        slug: view.slug.clone(),
        summary: view.summary.clone().unwrap_or_default(),
        as_of: view.as_of.to_string(),
        as_of_words: wording::day(lang, view.as_of),
        last_updated: view
            .last_updated()
            .map(|d| wording::day(lang, d))
            .unwrap_or_default(),
        notes: tally_notes(lang, rows),
        team: false,
        filtered: filter.is_active(),
        sort: sort
            .column
            .map(|c| c.as_str().to_owned())
            .unwrap_or_default(),
        order: if sort.descending { "desc" } else { "" }.to_owned(),
        headers: sort_headers(lang, view, q, sort),
        total: rows.shown.len(),
        counts: rows
            .counts
            .iter()
            .map(|c| {
                count_row(
                    &wording::status(lang, view.scale, c.key),
                    c.verdict,
                    c.count,
                )
            })
            .collect(),
        overdue: rows.overdue,
        overdue_icon: marks::clock_icon(pledgewatch_core::facts::ClockKind::Overdue),
        rows: shown
            .iter()
            .map(|c| score_row(lang, view, c, names))
            .collect(),
        regressions: regression_lines(lang, view, rows),
        recent_since: recent.last().map(|r| r.date.clone()).unwrap_or_default(),
        recent,
        chart_legend: vec![],
        status_svg: String::new(),
        status_header: vec![],
        status_table: vec![],
        timeline_svg: String::new(),
        timeline_list: vec![],
        concerns: view.concerns.iter().map(|c| c.title.clone()).collect(),
        recipient_lists: vec![],
        letter_subject: letter_subject(view),
        filter_actor: vec![],
        filter_theme: vec![],
        filter_status: vec![],
        filter_origin: vec![],
        deadline_from: String::new(),
        deadline_to: String::new(),
        text: String::new(),
    };
    fill_filters(lang, &mut page, view, q);
    fill_charts(lang, &mut page, view, rows);
    page
}

/// The status chart's points as a table, one column per status.
fn status_table(scale: &Scale, points: &[charts::StatusPoint]) -> Vec<DataRow> {
    points
        .iter()
        .map(|p| DataRow {
            label: p.label.clone(),
            cells: scale
                .statuses
                .iter()
                .map(|s| {
                    p.counts
                        .iter()
                        .find(|c| c.0 == s.key)
                        .map(|c| c.2)
                        .unwrap_or(0)
                        .to_string()
                })
                .collect(),
        })
        .collect()
}
#[derive(Debug, Deserialize, Default)]
pub struct AsOfQuery {
    pub as_of: Option<String>,
}

/// The class that colours a development's direction.
fn direction_class(d: Direction) -> &'static str {
    match d {
        Direction::Advance => "advance",
        Direction::NoChange => "no-change",
        Direction::Setback => "setback",
    }
}

pub async fn commitment(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    PathOf((slug, name)): PathOf<(Slug, String)>,
    PageQuery(q): PageQuery<AsOfQuery>,
    RawQuery(raw): RawQuery,
) -> Result<Response, WebError> {
    let as_of = as_of(q.as_of.as_deref())?;
    let reader = super::Reader::new(&state, &ctx);
    // The id in the name finds the commitment the reader sees (a team
    // member gets the draft, whose name may differ from a public link's).
    let stored = match slugs::id_in(&name) {
        Some(id) => reader.store().get(EntityKind::Commitment, id).await?,
        None => None,
    };
    let id = match slugs::found(&name, stored.as_ref().map(|s| &s.entity)) {
        Found::Here(id) => CommitmentId(id),
        Found::Moved(id) => {
            let to = url::commitment(&slug, slugs::name_of(id, &slug_text_of(stored.as_ref())));
            let to = match raw.filter(|r| !r.is_empty()) {
                Some(query) => format!("{to}?{query}"),
                None => to,
            };
            return Ok(Redirect::permanent(&to).into_response());
        }
        Found::Nothing => return Err(WebError::NotFound),
    };
    let view = load(&state, &ctx, &slug, as_of).await?;
    let c = view
        .commitments
        .iter()
        .find(|c| c.id == id)
        .ok_or(WebError::NotFound)?;
    let mut page = commitment_page(ctx.lang, &view, c, as_of);
    page.nav = nav(&ctx, None);
    page.name = name.clone();
    page.team = audience(&ctx) == Audience::Team;
    link_commitment_page(reader.store(), ctx.lang, &view, c, &mut page).await?;
    if page.team {
        mark_commitment_page(&state, &mut page).await?;
    }
    Ok(render(&page)?.into_response())
}

/// The commitment page as of a day, without what depends on who asks
/// (navigation, team marks) or on other pages (links), which the handler
/// fills in.
fn commitment_page(
    lang: Lang,
    view: &DossierView,
    c: &CommitmentView,
    as_of: chrono::NaiveDate,
) -> CommitmentPage {
    CommitmentPage {
        nav: Nav::default(),
        title: c.statement.clone(),
        slug: view.slug.clone(),
        dossier_title: view.title.clone(),
        id: c.id.to_string(),
        name: c.id.to_string(),
        as_of: as_of.to_string(),
        team: false,
        standing: String::new(),
        quote: c.quote.as_ref().map(|q| q.text.clone()).unwrap_or_default(),
        quote_source: c.quote.as_ref().map(|q| Cited {
            text: q.source.title.clone(),
            url: String::new(),
        }),
        quote_url: String::new(),
        made_by_url: String::new(),
        bound_url: String::new(),
        occasion_url: String::new(),
        made_by_known: c.made_by.is_some(),
        occasion_title: c
            .occasion
            .as_ref()
            .map(|o| o.title.clone())
            .unwrap_or_default(),
        made_on_day: wording::precise(lang, &c.made_on),
        concerns: vec![],
        made_by: made_by_text(lang, c),
        bound: c.bound.name.clone(),
        occasion: occasion_text(lang, c),
        made_on: format!(
            "{} ({})",
            wording::precise(lang, &c.made_on),
            wording::ago(lang, c.made_on.earliest(), as_of)
        ),
        origin: wording::origin(lang, c.origin),
        timing: match &c.timing_as_written {
            Some(w) => lang.tr(
                "commitment-timing-as-written",
                &Args::new()
                    .str("timing", wording::timing_kind(lang, c.timing))
                    .str("written", w.clone()),
            ),
            None => wording::timing_kind(lang, c.timing),
        },
        condition: c.condition.clone().unwrap_or_default(),
        deadline: deadline_text(lang, c),
        deadline_state: wording::deadline_state(lang, &c.deadline_state, c.deadline, as_of),
        clock_kind: c.deadline_state.clock_kind().as_str().replace('_', "-"),
        clock_icon: marks::clock_icon(c.deadline_state.clock_kind()),
        status_label: wording::status_label(lang, view.scale, &c.status_label),
        verdict: verdict_of(view, &c.status).as_str().to_owned(),
        verdict_icon: marks::verdict_icon(verdict_of(view, &c.status)),
        rated_on: c
            .rated_on
            .map(|d| wording::day(lang, d))
            .unwrap_or_default(),
        backtracking: c.backtracking,
        stale: c.stale,
        as_of_words: wording::day(lang, as_of),
        themes: c.themes.join(", "),
        history: step_rows(lang, view, c),
        developments: development_rows(lang, c),
        steps: steps_needed(lang, c),
    }
}

/// Every record the commitment page links to, to be found at once.
fn linked(
    view: &DossierView,
    c: &CommitmentView,
    page: &CommitmentPage,
    stored_quote: Option<pledgewatch_core::ids::QuoteId>,
) -> Vec<(EntityKind, uuid::Uuid)> {
    let mut wanted = vec![(EntityKind::Actor, c.bound.id.uuid())];
    wanted.extend(c.made_by.iter().map(|m| (EntityKind::Actor, m.id.uuid())));
    wanted.extend(
        c.occasion
            .iter()
            .map(|o| (EntityKind::Occasion, o.id.uuid())),
    );
    wanted.extend(stored_quote.map(|q| (EntityKind::Quote, q.uuid())));
    wanted.extend(
        c.quote
            .iter()
            .map(|q| (EntityKind::Source, q.source.id.uuid())),
    );
    for d in &c.developments {
        wanted.push((EntityKind::Development, d.id.uuid()));
        wanted.extend(d.sources.iter().map(|s| (EntityKind::Source, s.id.uuid())));
    }
    for s in &page.history {
        wanted.extend(
            s.developments
                .iter()
                .filter_map(|d| d.url.parse().ok())
                .map(|id| (EntityKind::Development, id)),
        );
    }
    wanted.extend(
        c.recommendations
            .iter()
            .map(|r| (EntityKind::Recommendation, r.id.uuid())),
    );
    wanted.extend(
        view.concerns
            .iter()
            .map(|x| (EntityKind::Concern, x.id.uuid())),
    );
    wanted
}

/// Links the commitment page to the public pages of what it cites: the
/// actors, the occasion, the quote and its source, the developments and
/// their sources, the recommendations, and the concerns that share a
/// development with it.
async fn link_commitment_page(
    store: &dyn Storage,
    lang: Lang,
    view: &DossierView,
    c: &CommitmentView,
    page: &mut CommitmentPage,
) -> Result<(), WebError> {
    let mut l = super::public::Linker::new(store, lang);
    let stored_quote = match store.get(EntityKind::Commitment, c.id.uuid()).await? {
        Some(pledgewatch_core::model::Stored {
            entity: Entity::Commitment(stored),
            ..
        }) => stored.quote,
        _ => None,
    };
    l.prefetch(&linked(view, c, page, stored_quote)).await?;
    page.bound_url = l.url(EntityKind::Actor, c.bound.id.uuid()).await?;
    if let Some(m) = &c.made_by {
        page.made_by_url = l.url(EntityKind::Actor, m.id.uuid()).await?;
    }
    if let Some(o) = &c.occasion {
        page.occasion_url = l.url(EntityKind::Occasion, o.id.uuid()).await?;
    }
    if let Some(quote) = stored_quote {
        page.quote_url = l.url(EntityKind::Quote, quote.uuid()).await?;
    }
    if let (Some(cited), Some(q)) = (&mut page.quote_source, &c.quote) {
        cited.url = l.url(EntityKind::Source, q.source.id.uuid()).await?;
    }
    for (row, d) in page
        .developments
        .iter_mut()
        .zip(c.developments.iter().rev())
    {
        row.url = l.url(EntityKind::Development, d.id.uuid()).await?;
        for (cited, s) in row.sources.iter_mut().zip(&d.sources) {
            cited.url = l.url(EntityKind::Source, s.id.uuid()).await?;
        }
    }
    for s in &mut page.history {
        for d in &mut s.developments {
            d.url = l
                .url(EntityKind::Development, d.url.parse().unwrap_or_default())
                .await?;
        }
    }
    for (step, r) in page.steps.iter_mut().zip(&c.recommendations) {
        step.url = l.url(EntityKind::Recommendation, r.id.uuid()).await?;
    }
    let mine: std::collections::HashSet<_> = c.developments.iter().map(|d| d.id).collect();
    for concern in &view.concerns {
        if concern.developments.iter().any(|d| mine.contains(&d.id)) {
            page.concerns.push(Cited {
                text: concern.title.clone(),
                url: l.url(EntityKind::Concern, concern.id.uuid()).await?,
            });
        }
    }
    Ok(())
}

/// For the team: which of these records the public does not see as the
/// team does, by id, with the words of their state ([`Standing`]): a draft,
/// or a change the public does not see yet.
async fn standings(
    lang: Lang,
    state: &AppState,
    ids: &[(EntityKind, String)],
) -> Result<HashMap<String, String>, WebError> {
    let mut by_kind: HashMap<EntityKind, Vec<uuid::Uuid>> = HashMap::new();
    for (kind, id) in ids {
        if let Ok(id) = id.parse() {
            by_kind.entry(*kind).or_default().push(id);
        }
    }
    let mut out = HashMap::new();
    for (kind, ids) in by_kind {
        let public: HashMap<uuid::Uuid, _> = state
            .store
            .published_records(kind, &ids)
            .await?
            .into_iter()
            .map(|p| (p.entity.id(), p))
            .collect();
        for live in state.store.get_many(kind, &ids).await? {
            let standing = Standing::of(&live, public.get(&live.entity.id()));
            if standing.is_pending() {
                out.insert(live.entity.id().to_string(), standing.badge(lang).text);
            }
        }
    }
    Ok(out)
}

/// Marks the commitment, its ratings and its developments that the public
/// does not see as the team does.
async fn mark_commitment_page(state: &AppState, page: &mut CommitmentPage) -> Result<(), WebError> {
    let mut ids = vec![(EntityKind::Commitment, page.id.clone())];
    ids.extend(
        page.history
            .iter()
            .map(|s| (EntityKind::Assessment, s.id.clone())),
    );
    ids.extend(
        page.developments
            .iter()
            .map(|d| (EntityKind::Development, d.id.clone())),
    );
    let marks = standings(Lang::En, state, &ids).await?;
    let mark = |id: &String| marks.get(id).cloned().unwrap_or_default();
    page.standing = mark(&page.id);
    for s in &mut page.history {
        s.standing = mark(&s.id);
    }
    for d in &mut page.developments {
        d.standing = mark(&d.id);
    }
    Ok(())
}

/// Who made the commitment, with their role when known.
fn made_by_text(lang: Lang, c: &CommitmentView) -> String {
    c.made_by
        .as_ref()
        .map(|m| match &m.role {
            Some(r) => format!("{} ({r})", m.name),
            None => m.name.clone(),
        })
        .unwrap_or_else(|| lang.t("commitment-not-recorded"))
}

/// Where and when the commitment was made: the occasion's title, place
/// and dates.
fn occasion_text(lang: Lang, c: &CommitmentView) -> String {
    c.occasion
        .as_ref()
        .map(|o| {
            let place = o
                .place
                .as_deref()
                .map(|p| format!(", {p}"))
                .unwrap_or_default();
            let dates = wording::span(lang, &o.starts, o.ends.as_ref());
            format!("{}{place}, {dates}", o.title)
        })
        .unwrap_or_else(|| lang.t("commitment-not-recorded"))
}

/// The commitment's assessments, newest first, each with the developments
/// it cites.
fn step_rows(lang: Lang, view: &DossierView, c: &CommitmentView) -> Vec<StepRow> {
    // The link holds the development's id until the page is linked.
    let dev_title = |id: &pledgewatch_core::ids::DevelopmentId| {
        c.developments.iter().find(|d| d.id == *id).map(|d| Cited {
            text: format!("{}: {}", wording::precise(lang, &d.date), d.title),
            url: d.id.to_string(),
        })
    };
    c.history
        .iter()
        .rev()
        .map(|s| StepRow {
            id: s.assessment.to_string(),
            standing: String::new(),
            as_of: wording::day(lang, s.as_of),
            status_label: wording::status_label(lang, view.scale, &s.status_label),
            scale: scale_words(lang, &s.scale).unwrap_or_else(|| s.scale_name.clone()),
            rationale: s.rationale.clone(),
            developments: s.developments.iter().filter_map(dev_title).collect(),
            rated_by: s.rated_by.clone(),
            reviewed_by: s.reviewed_by.clone().unwrap_or_default(),
            regression: s.regression,
        })
        .collect()
}

/// The commitment's developments, newest first, with their sources.
fn development_rows(lang: Lang, c: &CommitmentView) -> Vec<DevelopmentRow> {
    c.developments
        .iter()
        .rev()
        .map(|d| {
            let class = direction_class(d.direction);
            let direction = wording::direction(lang, d.direction);
            DevelopmentRow {
                id: d.id.to_string(),
                url: String::new(),
                standing: String::new(),
                date: wording::precise(lang, &d.date),
                title: d.title.clone(),
                summary: d.summary.clone(),
                direction,
                direction_class: class.into(),
                sources: d
                    .sources
                    .iter()
                    .map(|s| Cited {
                        text: match &s.publisher {
                            Some(p) => format!("{p}, \u{201c}{}\u{201d}", s.title),
                            None => s.title.clone(),
                        },
                        url: String::new(),
                    })
                    .collect(),
            }
        })
        .collect()
}

/// What is recommended to move the commitment on.
fn steps_needed(lang: Lang, c: &CommitmentView) -> Vec<StepNeeded> {
    c.recommendations
        .iter()
        .map(|r| StepNeeded {
            action: r.action.clone(),
            url: String::new(),
            responsible: r
                .responsible
                .clone()
                .unwrap_or_else(|| lang.t("commitment-body-not-named")),
            priority: wording::priority(lang, r.priority),
        })
        .collect()
}

/// A scale as an assessment names it ("default@1"), in words; `None`
/// when it names no scale of ours.
fn scale_words(lang: Lang, scale: &str) -> Option<String> {
    let (id, version) = scale.split_once('@')?;
    let scale = pledgewatch_core::scale::ScaleVersion {
        scale: pledgewatch_core::scale::ScaleId::parse(id).ok()?,
        version: version.parse().ok()?,
    };
    Some(wording::scale_version(lang, scale))
}

/// Only web addresses become links; anything else (a `javascript:` URL that
/// slipped in) is shown as text.
pub fn safe_url(url: Option<&str>) -> String {
    match url {
        Some(u)
            if u.to_ascii_lowercase().starts_with("https://")
                || u.to_ascii_lowercase().starts_with("http://") =>
        {
            u.to_owned()
        }
        _ => String::new(),
    }
}
