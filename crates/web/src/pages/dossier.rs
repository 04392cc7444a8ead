//! The dossier scorecard and the commitment page, as of any date, for the
//! public (published only) or the team (drafts too).

use axum::Extension;
use axum::extract::{Query, State};
use axum::response::Html;
use pledgewatch_core::facts::DeadlineState;
use pledgewatch_core::ids::CommitmentId;
use std::collections::HashMap;

use pledgewatch_core::model::{Direction, EntityKind, Origin, Slug};
use pledgewatch_core::scale::Scale;
use pledgewatch_core::storage::Storage;
use pledgewatch_core::view::{
    Audience, CommitmentView, DossierView, ScorecardFilter, ScorecardFilterText, ScorecardRows,
    dossier_view_for,
};
use serde::Deserialize;

use super::review::Standing;
use super::{as_of, audience, nav, render};
use crate::AppState;
use crate::auth::Ctx;
use crate::charts;
use crate::error::WebError;
use crate::extract::PathOf;
use crate::flash::Flash;
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
    ScorecardFilter::parse(&text).map_err(|e| WebError::BadRequest(e.to_string()))
}

fn deadline_text(c: &CommitmentView) -> String {
    match c.deadline {
        Some(d) => format!("{} ({} precision)", d.date, d.precision.as_str()),
        None => format!("No deadline ({})", c.timing.as_str().replace('_', " ")),
    }
}

fn state_class(state: &DeadlineState) -> &'static str {
    match state {
        DeadlineState::Overdue { .. } | DeadlineState::MetLate { .. } => "overdue",
        DeadlineState::MetOnTime { .. } => "met",
        _ => "",
    }
}

/// The "promise clock": how much of the time to the deadline has passed.
fn clock(c: &CommitmentView, as_of: chrono::NaiveDate) -> (u32, String) {
    let since = c.elapsed.days;
    match c.deadline {
        Some(d) => {
            let total = (d.date - c.made_on.earliest()).num_days().max(1);
            let used = since.clamp(0, total);
            let pct = u32::try_from(used * 100 / total).unwrap_or(100);
            let label = if as_of > d.date {
                format!("{since} days since the pledge; the {total} days allowed have run out")
            } else {
                format!("{since} of {total} days used")
            };
            (pct, label)
        }
        None => (0, format!("{since} days since the pledge; no deadline")),
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
    Query(q): Query<ScorecardQuery>,
) -> Result<Html<String>, WebError> {
    let as_of = as_of(q.as_of.as_deref())?;
    let view = load(&state, &ctx, &slug, as_of).await?;
    let filter = filter_of(&q)?;
    let rows = view.scorecard(&filter);
    let recipient_lists = recipient_lists(&state, &ctx, &view).await?;
    let mut page = scorecard_page(&view, &rows, &filter, &q);
    page.nav = nav(&ctx, q.done);
    page.team = audience(&ctx) == Audience::Team;
    page.recipient_lists = recipient_lists;
    if page.team {
        let ids: Vec<(EntityKind, String)> = page
            .rows
            .iter()
            .map(|r| (EntityKind::Commitment, r.id.clone()))
            .collect();
        let marks = standings(&state, &ids).await?;
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

fn score_row(view: &DossierView, c: &CommitmentView) -> ScoreRow {
    let as_of = view.as_of;
    let (clock_value, clock_label) = clock(c, as_of);
    ScoreRow {
        id: c.id.to_string(),
        standing: String::new(),
        url: format!("{}?as_of={as_of}", url::commitment(&view.slug, c.id)),
        statement: c.statement.clone(),
        actor: c.bound.name.clone(),
        made_on: c.made_on.to_string(),
        status_label: c.status_label.clone(),
        status_key: c.status.clone(),
        rated_on: c
            .rated_on
            .map(|d| format!("rated {d}"))
            .unwrap_or_else(|| "no rating yet".into()),
        deadline: deadline_text(c),
        deadline_state: c.deadline_state.to_string(),
        state_class: state_class(&c.deadline_state).to_owned(),
        clock_value,
        clock_label,
        regression: c.history.iter().any(|s| s.regression),
        stale: c.stale,
    }
}

/// The scorecard page without what depends on who asks (navigation, team
/// tools), which the handler fills in.
fn scorecard_page(
    view: &DossierView,
    rows: &ScorecardRows<'_>,
    filter: &ScorecardFilter,
    q: &ScorecardQuery,
) -> ScorecardPage {
    let scale = view.scale.scale();
    let colour_row = |key: &str, label: &str, count: usize| CountRow {
        label: label.to_owned(),
        colour: charts::status_colour(scale, key).to_owned(),
        count,
    };
    let points = charts::status_points(view, &rows.shown);
    let events = charts::timeline_events(view, &rows.shown);
    let given = |v: &Option<String>| some(v).unwrap_or_default().to_owned();
    ScorecardPage {
        nav: Nav::default(),
        title: view.title.clone(),
        slug: view.slug.clone(),
        summary: view.summary.clone().unwrap_or_default(),
        as_of: view.as_of.to_string(),
        team: false,
        filtered: filter.is_active(),
        total: rows.shown.len(),
        counts: rows
            .counts
            .iter()
            .map(|c| colour_row(c.key, c.label, c.count))
            .collect(),
        overdue: rows.overdue,
        with_progress: rows.with_progress,
        stale_count: rows.stale,
        rows: rows.shown.iter().map(|c| score_row(view, c)).collect(),
        regressions: rows
            .regressions
            .iter()
            .map(|r| format!("{}: {}, from {} to {}", r.on, r.statement, r.from, r.to))
            .collect(),
        chart_legend: scale
            .statuses
            .iter()
            .filter(|s| points.iter().any(|p| p.counts.iter().any(|c| c.0 == s.key)))
            .map(|s| colour_row(s.key, s.label, 0))
            .collect(),
        status_svg: charts::status_chart(scale, &points, "chart-status"),
        status_header: scale.statuses.iter().map(|s| s.label.to_owned()).collect(),
        status_table: status_table(scale, &points),
        timeline_svg: charts::timeline_chart(&events, view.as_of, "chart-timeline"),
        timeline_list: events
            .iter()
            .map(|e| format!("{}: {} ({})", e.date, e.label, e.kind))
            .collect(),
        concerns: view.concerns.iter().map(|c| c.title.clone()).collect(),
        recipient_lists: vec![],
        letter_subject: letter_subject(view),
        filter_actor: opts(view.actor_choices(), some(&q.actor)),
        filter_theme: opts(
            view.theme_choices().into_iter().map(|t| (t.clone(), t)),
            some(&q.theme),
        ),
        filter_status: opts(
            scale
                .statuses
                .iter()
                .map(|s| (s.key.to_owned(), s.label.to_owned())),
            some(&q.status),
        ),
        filter_origin: opts(
            Origin::ALL
                .iter()
                .map(|o| (o.as_str().to_owned(), o.as_str().replace('_', " "))),
            some(&q.origin),
        ),
        deadline_from: given(&q.deadline_from),
        deadline_to: given(&q.deadline_to),
        text: given(&q.q),
    }
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

fn direction_label(d: Direction) -> (&'static str, &'static str) {
    match d {
        Direction::Advance => ("Advance", "advance"),
        Direction::NoChange => ("No change", "no-change"),
        Direction::Setback => ("Setback", "setback"),
    }
}

pub async fn commitment(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    PathOf((slug, id)): PathOf<(Slug, CommitmentId)>,
    Query(q): Query<AsOfQuery>,
) -> Result<Html<String>, WebError> {
    let as_of = as_of(q.as_of.as_deref())?;
    let view = load(&state, &ctx, &slug, as_of).await?;
    let c = view
        .commitments
        .iter()
        .find(|c| c.id == id)
        .ok_or(WebError::NotFound)?;
    let page = CommitmentPage {
        nav: nav(&ctx, None),
        title: c.statement.clone(),
        slug: view.slug.clone(),
        dossier_title: view.title.clone(),
        id: c.id.to_string(),
        as_of: as_of.to_string(),
        team: audience(&ctx) == Audience::Team,
        standing: String::new(),
        quote: c.quote.as_ref().map(|q| q.text.clone()).unwrap_or_default(),
        quote_source: c.quote.as_ref().map(|q| Cited {
            text: q.source.title.clone(),
            url: safe_url(q.source.url.as_deref()),
        }),
        made_by: made_by_text(c),
        bound: c.bound.name.clone(),
        occasion: occasion_text(c),
        made_on: format!("{} ({} days before {as_of})", c.made_on, c.elapsed.days),
        origin: c.origin.as_str().replace('_', " "),
        timing: match &c.timing_as_written {
            Some(w) => format!(
                "{} (\u{201c}{w}\u{201d})",
                c.timing.as_str().replace('_', " ")
            ),
            None => c.timing.as_str().replace('_', " "),
        },
        condition: c.condition.clone().unwrap_or_default(),
        deadline: deadline_text(c),
        deadline_state: c.deadline_state.to_string(),
        status_label: c.status_label.clone(),
        themes: c.themes.join(", "),
        history: step_rows(c),
        developments: development_rows(c),
        steps: steps_needed(c),
    };
    let mut page = page;
    if page.team {
        mark_commitment_page(&state, &mut page).await?;
    }
    render(&page)
}

/// For the team: which of these records the public does not see as the
/// team does, by id, with the words of their state ([`Standing`]): a draft,
/// or a change the public does not see yet.
async fn standings(
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
                out.insert(live.entity.id().to_string(), standing.badge().text);
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
    let marks = standings(state, &ids).await?;
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
fn made_by_text(c: &CommitmentView) -> String {
    c.made_by
        .as_ref()
        .map(|m| match &m.role {
            Some(r) => format!("{} ({r})", m.name),
            None => m.name.clone(),
        })
        .unwrap_or_else(|| "Not recorded".into())
}

/// Where and when the commitment was made: the occasion's title, place
/// and dates.
fn occasion_text(c: &CommitmentView) -> String {
    c.occasion
        .as_ref()
        .map(|o| {
            let place = o
                .place
                .as_deref()
                .map(|p| format!(", {p}"))
                .unwrap_or_default();
            let dates = match o.ends {
                Some(e) if e != o.starts => format!("{} to {e}", o.starts),
                _ => o.starts.to_string(),
            };
            format!("{}{place}, {dates}", o.title)
        })
        .unwrap_or_else(|| "Not recorded".into())
}

/// The commitment's assessments, newest first, each with the developments
/// it cites.
fn step_rows(c: &CommitmentView) -> Vec<StepRow> {
    let dev_title = |id: &pledgewatch_core::ids::DevelopmentId| {
        c.developments
            .iter()
            .find(|d| d.id == *id)
            .map(|d| format!("{} {}", d.date, d.title))
    };
    c.history
        .iter()
        .rev()
        .map(|s| StepRow {
            id: s.assessment.to_string(),
            standing: String::new(),
            as_of: s.as_of.to_string(),
            status_label: s.status_label.clone(),
            scale: s.scale.clone(),
            rationale: s.rationale.clone(),
            developments: s.developments.iter().filter_map(dev_title).collect(),
            rated_by: s.rated_by.clone(),
            reviewed_by: s.reviewed_by.clone().unwrap_or_default(),
            regression: s.regression,
        })
        .collect()
}

/// The commitment's developments, newest first, with their sources.
fn development_rows(c: &CommitmentView) -> Vec<DevelopmentRow> {
    c.developments
        .iter()
        .rev()
        .map(|d| {
            let (direction, class) = direction_label(d.direction);
            DevelopmentRow {
                id: d.id.to_string(),
                standing: String::new(),
                date: d.date.to_string(),
                title: d.title.clone(),
                summary: d.summary.clone(),
                direction: direction.into(),
                direction_class: class.into(),
                sources: d
                    .sources
                    .iter()
                    .map(|s| Cited {
                        text: match &s.publisher {
                            Some(p) => format!("{p}, \u{201c}{}\u{201d}", s.title),
                            None => s.title.clone(),
                        },
                        url: safe_url(s.url.as_deref()),
                    })
                    .collect(),
            }
        })
        .collect()
}

/// What is recommended to move the commitment on.
fn steps_needed(c: &CommitmentView) -> Vec<StepNeeded> {
    c.recommendations
        .iter()
        .map(|r| StepNeeded {
            action: r.action.clone(),
            responsible: r
                .responsible
                .clone()
                .unwrap_or_else(|| "body not named".into()),
            priority: r.priority.as_str().into(),
        })
        .collect()
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
