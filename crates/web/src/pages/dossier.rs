//! The dossier scorecard and the commitment page, as of any date, for the
//! public (published only) or the team (drafts too).

use std::collections::BTreeSet;

use axum::Extension;
use axum::extract::{Query, State};
use axum::response::Html;
use pledgewatch_core::facts::DeadlineState;
use pledgewatch_core::ids::CommitmentId;
use pledgewatch_core::model::{Direction, Origin, Slug};
use pledgewatch_core::view::{Audience, CommitmentView, DossierView, dossier_view_for};
use serde::Deserialize;

use super::{as_of, audience, nav, render};
use crate::AppState;
use crate::auth::Ctx;
use crate::charts;
use crate::error::WebError;
use crate::extract::PathOf;
use crate::flash::Flash;
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
    Ok(dossier_view_for(state.store.as_ref(), slug, as_of, audience(ctx)).await?)
}

/// Whether a commitment passes the scorecard's filters.
pub(crate) fn passes(c: &CommitmentView, q: &ScorecardQuery) -> Result<bool, WebError> {
    let day = |name: &str, v: &Option<String>| -> Result<Option<chrono::NaiveDate>, WebError> {
        some(v)
            .map(|t| {
                pledgewatch_core::date::parse_day(t)
                    .map_err(|e| WebError::BadRequest(format!("{name}: {}", e.reason)))
            })
            .transpose()
    };
    let from = day("deadline_from", &q.deadline_from)?;
    let to = day("deadline_to", &q.deadline_to)?;
    let deadline = c.deadline.map(|d| d.date);
    let text = some(&q.q).map(str::to_lowercase);
    Ok(some(&q.actor).is_none_or(|a| {
        c.bound.id.to_string() == a || c.made_by.as_ref().is_some_and(|m| m.id.to_string() == a)
    }) && some(&q.theme).is_none_or(|t| c.themes.iter().any(|x| x == t))
        && some(&q.status).is_none_or(|s| c.status == s)
        && some(&q.origin).is_none_or(|o| c.origin.as_str() == o)
        && from.is_none_or(|f| deadline.is_some_and(|d| d >= f))
        && to.is_none_or(|t| deadline.is_some_and(|d| d <= t))
        && text.is_none_or(|t| {
            c.statement.to_lowercase().contains(&t)
                || c.quote
                    .as_ref()
                    .is_some_and(|q| q.text.to_lowercase().contains(&t))
        }))
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
    let scale = view.scale.scale();
    let mut shown = Vec::new();
    for c in &view.commitments {
        if passes(c, &q)? {
            shown.push(c);
        }
    }
    let filtered = [
        &q.actor,
        &q.theme,
        &q.status,
        &q.origin,
        &q.deadline_from,
        &q.deadline_to,
        &q.q,
    ]
    .iter()
    .any(|v| some(v).is_some());

    let mut actors: Vec<(String, String)> = view
        .commitments
        .iter()
        .flat_map(|c| {
            std::iter::once((c.bound.id.to_string(), c.bound.name.clone()))
                .chain(c.made_by.iter().map(|m| (m.id.to_string(), m.name.clone())))
        })
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    actors.sort_by(|a, b| a.1.cmp(&b.1));
    let themes: BTreeSet<String> = view
        .commitments
        .iter()
        .flat_map(|c| c.themes.iter().cloned())
        .collect();

    let mut counts: Vec<CountRow> = scale
        .statuses
        .iter()
        .map(|s| CountRow {
            label: s.label.to_owned(),
            colour: charts::status_colour(scale, s.key).to_owned(),
            count: shown.iter().filter(|c| c.status == s.key).count(),
        })
        .collect();
    counts.retain(|c| c.count > 0);

    let rows = shown
        .iter()
        .map(|c| {
            let (clock_value, clock_label) = clock(c, as_of);
            ScoreRow {
                url: format!("/dossiers/{}/commitments/{}?as_of={as_of}", view.slug, c.id),
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
        })
        .collect();
    let shown_ids: Vec<_> = shown.iter().map(|c| c.id).collect();
    let regressions = view
        .regressions
        .iter()
        .filter(|r| shown_ids.contains(&r.commitment))
        .map(|r| format!("{}: {}, from {} to {}", r.on, r.statement, r.from, r.to))
        .collect::<Vec<_>>();

    let points = charts::status_points(&view, &shown);
    let status_header: Vec<String> = scale.statuses.iter().map(|s| s.label.to_owned()).collect();
    let status_table = points
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
        .collect();
    let events = charts::timeline_events(&view, &shown);
    let timeline_list = events
        .iter()
        .map(|e| format!("{}: {} ({})", e.date, e.label, e.kind))
        .collect();

    let recipient_lists = if audience(&ctx) == Audience::Team {
        let slug = parse_slug(&view.slug)?;
        pledgewatch_report::letter::recipient_lists(state.store.as_ref(), &slug)
            .await
            .map_err(|e| WebError::Internal(e.to_string()))?
            .into_iter()
            .map(|(name, slug)| Opt {
                value: slug,
                label: name,
                selected: false,
            })
            .collect()
    } else {
        vec![]
    };
    let page = ScorecardPage {
        nav: nav(&ctx, q.done),
        title: view.title.clone(),
        slug: view.slug.clone(),
        summary: view.summary.clone().unwrap_or_default(),
        as_of: as_of.to_string(),
        team: audience(&ctx) == Audience::Team,
        filter_actor: opts(actors, some(&q.actor)),
        filter_theme: opts(themes.into_iter().map(|t| (t.clone(), t)), some(&q.theme)),
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
        deadline_from: some(&q.deadline_from).unwrap_or_default().to_owned(),
        deadline_to: some(&q.deadline_to).unwrap_or_default().to_owned(),
        text: some(&q.q).unwrap_or_default().to_owned(),
        filtered,
        total: shown.len(),
        counts,
        overdue: shown
            .iter()
            .filter(|c| matches!(c.deadline_state, DeadlineState::Overdue { .. }))
            .count(),
        with_progress: shown
            .iter()
            .filter(|c| scale.status(&c.status).is_ok_and(|s| s.shows_progress))
            .count(),
        stale_count: shown.iter().filter(|c| c.stale).count(),
        rows,
        regressions,
        chart_legend: scale
            .statuses
            .iter()
            .filter(|s| points.iter().any(|p| p.counts.iter().any(|c| c.0 == s.key)))
            .map(|s| CountRow {
                label: s.label.to_owned(),
                colour: charts::status_colour(scale, s.key).to_owned(),
                count: 0,
            })
            .collect(),
        status_svg: charts::status_chart(scale, &points, "chart-status"),
        status_header,
        status_table,
        timeline_svg: charts::timeline_chart(&events, as_of, "chart-timeline"),
        timeline_list,
        concerns: view.concerns.iter().map(|c| c.title.clone()).collect(),
        recipient_lists,
    };
    render(&page)
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
    render(&page)
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
