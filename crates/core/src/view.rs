//! The state of a dossier as of a date: what the CLI's `dossier show`, the
//! scorecard and the memorandum present. Built from the store, using only
//! what was known by the date: commitments made by then, assessments dated
//! on or before it, and developments, sources, quotes, recommendations and
//! texts as the rule of [`known`] says.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

use crate::date::PreciseDate;
use crate::error::{Error, Result};
use crate::facts::{self, DeadlineState, Elapsed, ResolvedDate};
use crate::ids::*;
use crate::model::*;
use crate::scale::{Scale, ScaleId};
use crate::storage::Storage;

pub mod known;
pub mod scorecard;

pub use known::Knowledge;

pub use scorecard::{
    RecentDevelopment, ScorecardFilter, ScorecardFilterText, ScorecardRows, ScorecardSort,
    SortColumn, StatusCount,
};

/// A rating older than this many days is flagged as stale.
pub const DEFAULT_STALE_DAYS: i64 = 180;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DossierView {
    pub slug: String,
    pub title: String,
    pub summary: Option<String>,
    /// Why the commitments matter to the bodies written to.
    pub stakes: Option<String>,
    /// The organisation publishing the dossier's documents.
    pub publisher: Option<Publisher>,
    pub scale: ScaleId,
    pub as_of: NaiveDate,
    pub commitments: Vec<CommitmentView>,
    pub concerns: Vec<ConcernView>,
    pub milestones: Vec<Milestone>,
    /// Latest status key -> number of commitments.
    pub counts_by_status: BTreeMap<String, usize>,
    /// The steps back: every rating worse than the rated step before it
    /// (on the same scale), of every commitment. This is the one meaning of
    /// "regression" in pledgewatch: the scorecard, the commitment page, the
    /// feeds and the documents all count these.
    pub regressions: Vec<RegressionView>,
    pub stale: Vec<CommitmentId>,
    pub overdue: usize,
    pub with_progress: usize,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ActorRef {
    pub id: ActorId,
    pub name: String,
    /// The role the person held when the commitment was made, if known.
    pub role: Option<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OccasionRef {
    pub id: OccasionId,
    pub title: String,
    pub place: Option<String>,
    pub starts: PreciseDate,
    pub ends: Option<PreciseDate>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct QuoteView {
    pub text: String,
    pub locator: Option<String>,
    pub source: SourceRef,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SourceRef {
    pub id: SourceId,
    pub title: String,
    pub publisher: Option<String>,
    pub published: Option<PreciseDate>,
    pub url: Option<String>,
    pub confidential: bool,
    /// One of the organisation's own documents about the dossier: its
    /// documents never cite it.
    pub own_document: bool,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StepView {
    pub assessment: AssessmentId,
    pub as_of: NaiveDate,
    pub status: String,
    pub status_label: String,
    pub scale: String,
    /// The scale in words ([`crate::wording::scale_version`]).
    pub scale_name: String,
    pub rationale: String,
    pub developments: Vec<DevelopmentId>,
    pub rated_by: String,
    pub reviewed_by: Option<String>,
    pub regression: bool,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DevelopmentView {
    pub id: DevelopmentId,
    pub date: PreciseDate,
    pub title: String,
    pub summary: String,
    pub direction: Direction,
    pub sources: Vec<SourceRef>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RecommendationView {
    pub id: RecommendationId,
    pub action: String,
    pub responsible: Option<String>,
    pub proposed_by: Option<String>,
    pub priority: Priority,
    /// Where the step was asked for, if recorded.
    pub source: Option<SourceRef>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CommitmentView {
    pub id: CommitmentId,
    pub statement: String,
    pub bound: ActorRef,
    pub made_by: Option<ActorRef>,
    pub occasion: Option<OccasionRef>,
    pub made_on: PreciseDate,
    pub origin: Origin,
    pub themes: Vec<String>,
    pub quote: Option<QuoteView>,
    pub timing: TimingKind,
    pub timing_as_written: Option<String>,
    pub condition: Option<String>,
    pub deadline: Option<ResolvedDate>,
    /// The first day of the period a commitment runs during (timing
    /// "during a period"); `deadline` is then its last day.
    pub period_starts: Option<ResolvedDate>,
    pub deadline_state: DeadlineState,
    pub elapsed: Elapsed,
    pub status: String,
    pub status_label: String,
    pub rated_on: Option<NaiveDate>,
    /// Still open: not rated kept or broken, and not for a period that has
    /// ended ([`facts::is_open`]).
    pub open: bool,
    /// An open commitment whose latest rating is older than
    /// [`DEFAULT_STALE_DAYS`] (or, never rated, made longer ago).
    pub stale: bool,
    /// Its current rating is worse than an earlier one
    /// ([`facts::backtracking`]).
    pub backtracking: bool,
    pub history: Vec<StepView>,
    pub developments: Vec<DevelopmentView>,
    pub recommendations: Vec<RecommendationView>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ConcernView {
    pub id: ConcernId,
    pub title: String,
    pub description: String,
    pub developments: Vec<DevelopmentView>,
    pub recommendations: Vec<RecommendationView>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RegressionView {
    pub commitment: CommitmentId,
    pub statement: String,
    pub on: NaiveDate,
    pub from: String,
    pub to: String,
}

/// Everything a dossier refers to, loaded once.
struct Loaded {
    actors: HashMap<ActorId, Actor>,
    occasions: HashMap<OccasionId, Occasion>,
    quotes: HashMap<QuoteId, Quote>,
    sources: HashMap<SourceId, Source>,
    milestones: HashMap<MilestoneId, Milestone>,
    assessments: Vec<Assessment>,
    developments: Vec<Development>,
    recommendations: Vec<Recommendation>,
    /// Each source with the day it is known from ([`known::source_known_from`]).
    known_from: HashMap<SourceId, NaiveDate>,
    /// The day each concern was last changed (its undated text's day).
    concerns_changed: HashMap<ConcernId, NaiveDate>,
    /// The day the dossier was last changed (its undated summary's day).
    dossier_changed: NaiveDate,
}

fn entities<T>(
    stored: Vec<crate::model::Stored<Entity>>,
    pick: impl Fn(Entity) -> Option<T>,
) -> Vec<T> {
    stored.into_iter().filter_map(|s| pick(s.entity)).collect()
}

macro_rules! pick {
    ($variant:ident) => {
        |e| match e {
            Entity::$variant(x) => Some(x),
            _ => None,
        }
    };
}

fn ids<T: Copy + Into<Uuid>>(items: impl IntoIterator<Item = T>) -> Vec<Uuid> {
    let set: HashSet<Uuid> = items.into_iter().map(Into::into).collect();
    let mut v: Vec<Uuid> = set.into_iter().collect();
    v.sort();
    v
}

/// Builds the view of the dossier `slug` as of `as_of`.
/// Who a view is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Signed-in members of the team: drafts and confidential sources included.
    Team,
    /// Everyone else: only what is published; confidential sources never.
    Public,
}

/// Builds the team's view of the dossier `slug` as of `as_of`.
pub async fn dossier_view(
    store: &dyn Storage,
    slug: &Slug,
    as_of: NaiveDate,
) -> Result<DossierView> {
    dossier_view_for(store, slug, as_of, Audience::Team).await
}

/// Builds the view of the dossier `slug` as of `as_of` for an audience.
pub async fn dossier_view_for(
    store: &dyn Storage,
    slug: &Slug,
    as_of: NaiveDate,
    audience: Audience,
) -> Result<DossierView> {
    // The public reads the approved versions of published records only,
    // through the one public projection.
    let public = crate::public::PublicStore::new(store);
    let store: &dyn Storage = match audience {
        Audience::Team => store,
        Audience::Public => &public,
    };
    let (dossier, commitments, concerns, loaded) = load(store, slug).await?;
    Ok(build(&dossier, commitments, concerns, &loaded, as_of))
}

/// Loads a dossier and everything it refers to.
async fn load(
    store: &dyn Storage,
    slug: &Slug,
) -> Result<(Dossier, Vec<Commitment>, Vec<Concern>, Loaded)> {
    let stored_dossier = store
        .dossier_by_slug(slug)
        .await?
        .filter(|d| d.meta.deleted_at.is_none())
        .ok_or_else(|| Error::NotFound {
            kind: "dossier",
            id: slug.to_string(),
        })?;
    let dossier_changed = stored_dossier.meta.updated_at.date_naive();
    let dossier = stored_dossier.entity;
    let commitments: Vec<Commitment> = records(store, dossier.commitments.iter().copied()).await?;
    let stored_concerns = stored(store, dossier.concerns.iter().copied()).await?;
    let concerns_changed = stored_concerns
        .iter()
        .map(|c| (c.entity.id, c.meta.updated_at.date_naive()))
        .collect();
    let concerns: Vec<Concern> = stored_concerns.into_iter().map(|c| c.entity).collect();
    let mut milestone_ids: Vec<MilestoneId> = dossier.milestones.clone();
    milestone_ids.extend(commitments.iter().flat_map(|c| c.timing.milestones()));
    let milestones = records(store, milestone_ids)
        .await?
        .into_iter()
        .map(|m: Milestone| (m.id, m))
        .collect();
    let (assessments, developments, recommendations) =
        load_referring(store, &commitments, &concerns).await?;
    let quotes: HashMap<QuoteId, Quote> = by_id(
        records(store, commitments.iter().filter_map(|c| c.quote)).await?,
        |q| q.id,
    );
    let source_ids = quotes
        .values()
        .map(|q| q.source)
        .chain(developments.iter().flat_map(|d| d.sources.iter().copied()))
        .chain(recommendations.iter().filter_map(|r| r.source));
    let stored_sources = stored(store, source_ids).await?;
    let known_from = stored_sources
        .iter()
        .map(|s| {
            let entered = s.meta.created_at.date_naive();
            (s.entity.id, known::source_known_from(&s.entity, entered))
        })
        .collect();
    let sources = by_id(
        stored_sources.into_iter().map(|s| s.entity).collect(),
        |s: &Source| s.id,
    );
    let actor_ids = commitments
        .iter()
        .flat_map(|c| std::iter::once(c.bound).chain(c.made_by))
        .chain(
            recommendations
                .iter()
                .flat_map(|r| r.responsible.into_iter().chain(r.proposed_by)),
        );
    let actors = by_id(records(store, actor_ids).await?, |a: &Actor| a.id);
    let occasion_ids = commitments.iter().filter_map(|c| c.occasion);
    let occasions = by_id(records(store, occasion_ids).await?, |o: &Occasion| o.id);
    let loaded = Loaded {
        actors,
        occasions,
        quotes,
        sources,
        milestones,
        assessments,
        developments,
        recommendations,
        known_from,
        concerns_changed,
        dossier_changed,
    };
    Ok((dossier, commitments, concerns, loaded))
}

/// The live records with the given ids (each once, in id order).
async fn records<I: RecordId + Ord>(
    store: &dyn Storage,
    wanted: impl IntoIterator<Item = I>,
) -> Result<Vec<I::Record>> {
    Ok(stored(store, wanted)
        .await?
        .into_iter()
        .map(|s| s.entity)
        .collect())
}

/// The live records with the given ids as stored (each once, in id order).
async fn stored<I: RecordId + Ord>(
    store: &dyn Storage,
    wanted: impl IntoIterator<Item = I>,
) -> Result<Vec<Stored<I::Record>>> {
    let wanted: BTreeSet<I> = wanted.into_iter().collect();
    let wanted: Vec<I> = wanted.into_iter().collect();
    store.get_records(&wanted).await
}

fn by_id<T, K: std::hash::Hash + Eq>(items: Vec<T>, key: impl Fn(&T) -> K) -> HashMap<K, T> {
    items.into_iter().map(|x| (key(&x), x)).collect()
}

/// The assessments, developments and recommendations that refer to the
/// dossier's commitments or concerns, each once.
async fn load_referring(
    store: &dyn Storage,
    commitments: &[Commitment],
    concerns: &[Concern],
) -> Result<(Vec<Assessment>, Vec<Development>, Vec<Recommendation>)> {
    use EntityKind as K;
    let commitment_ids = ids(commitments.iter().map(|c| c.id));
    let concern_ids = ids(concerns.iter().map(|c| c.id));
    let assessments = entities(
        store
            .referring(K::Assessment, K::Commitment, &commitment_ids)
            .await?,
        pick!(Assessment),
    );
    let mut developments = entities(
        store
            .referring(K::Development, K::Commitment, &commitment_ids)
            .await?,
        pick!(Development),
    );
    developments.extend(entities(
        store
            .referring(K::Development, K::Concern, &concern_ids)
            .await?,
        pick!(Development),
    ));
    let mut recommendations = entities(
        store
            .referring(K::Recommendation, K::Commitment, &commitment_ids)
            .await?,
        pick!(Recommendation),
    );
    recommendations.extend(entities(
        store
            .referring(K::Recommendation, K::Concern, &concern_ids)
            .await?,
        pick!(Recommendation),
    ));
    dedup_by_id(&mut developments, |d| d.id);
    dedup_by_id(&mut recommendations, |r| r.id);
    Ok((assessments, developments, recommendations))
}

fn dedup_by_id<T, K: Ord + Copy>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    items.sort_by_key(|x| key(x));
    items.dedup_by_key(|x| key(x));
}

fn build(
    dossier: &Dossier,
    mut commitments: Vec<Commitment>,
    mut concerns: Vec<Concern>,
    l: &Loaded,
    as_of: NaiveDate,
) -> DossierView {
    let scale = dossier.scale.scale();
    // Keep the dossier's own order.
    commitments.sort_by_key(|c| position(&dossier.commitments, c.id));
    concerns.sort_by_key(|c| position(&dossier.concerns, c.id));
    let known = Knowledge::new(as_of, l.known_from.clone());
    let known_developments = developments_known(l, &known);
    let mut views = Vec::new();
    let mut regressions = Vec::new();
    for c in commitments
        .into_iter()
        .filter(|c| c.made_on.latest() <= as_of)
    {
        let mine: Vec<&Assessment> = l
            .assessments
            .iter()
            .filter(|a| a.commitment == c.id)
            .collect();
        let history = facts::status_history(&mine, as_of);
        regressions.extend(regressions_in(&c, &history));
        views.push(commitment_view(
            l,
            scale,
            &c,
            &history,
            &known_developments,
            &known,
        ));
    }
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for v in &views {
        *counts.entry(v.status.clone()).or_default() += 1;
    }
    let stale = views.iter().filter(|v| v.stale).map(|v| v.id).collect();
    let concern_views = concerns
        .iter()
        .filter_map(|c| concern_view(l, c, &known_developments, &known))
        .collect();
    let milestones = dossier_milestones(dossier, l, !views.is_empty());
    DossierView {
        slug: dossier.slug.to_string(),
        title: dossier.title.to_string(),
        summary: dossier.summary.as_deref().and_then(|summary| {
            known::dated_text(
                summary,
                dossier.summary_as_of,
                l.dossier_changed,
                &dossier.earlier_summaries,
                as_of,
            )
            .map(str::to_owned)
        }),
        stakes: dossier.stakes.clone(),
        publisher: dossier.publisher.clone(),
        scale: dossier.scale,
        as_of,
        overdue: views
            .iter()
            .filter(|v| matches!(v.deadline_state, DeadlineState::Overdue { .. }))
            .count(),
        with_progress: views
            .iter()
            .filter(|v| {
                scale
                    .status(&v.status)
                    .map(|s| s.shows_progress)
                    .unwrap_or(false)
            })
            .count(),
        commitments: views,
        concerns: concern_views,
        milestones,
        counts_by_status: counts,
        regressions,
        stale,
    }
}

/// A concern as of the day: its description then, and what was known of it.
/// A concern with no description speaking as of the day or earlier was not
/// yet a concern then: it is left out.
fn concern_view(
    l: &Loaded,
    c: &Concern,
    known_developments: &[&Development],
    known: &Knowledge,
) -> Option<ConcernView> {
    let changed = l
        .concerns_changed
        .get(&c.id)
        .copied()
        .unwrap_or(NaiveDate::MAX);
    let description = known::dated_text(
        &c.description,
        c.description_as_of,
        changed,
        &c.earlier_descriptions,
        known.day(),
    )?;
    Some(ConcernView {
        id: c.id,
        title: c.title.to_string(),
        description: description.to_owned(),
        developments: developments_for(l, known_developments, known, Target::Concern(c.id)),
        recommendations: recommendations_for(l, known, Target::Concern(c.id)),
    })
}

/// The dossier's milestones, earliest first; none before the first
/// commitment was made (`following`): until then the dossier followed
/// nothing, and a milestone's description speaks of what led to it.
fn dossier_milestones(dossier: &Dossier, l: &Loaded, following: bool) -> Vec<Milestone> {
    if !following {
        return Vec::new();
    }
    let mut milestones: Vec<Milestone> = dossier
        .milestones
        .iter()
        .filter_map(|id| l.milestones.get(id).cloned())
        .collect();
    milestones.sort_by_key(|m| m.date.earliest());
    milestones
}

/// Where `id` stands in the dossier's list (ids not in it last).
fn position<I: PartialEq>(list: &[I], id: I) -> usize {
    list.iter().position(|x| *x == id).unwrap_or(usize::MAX)
}

/// The developments known on the day, oldest first.
fn developments_known<'a>(l: &'a Loaded, known: &Knowledge) -> Vec<&'a Development> {
    let mut v: Vec<&Development> = l
        .developments
        .iter()
        .filter(|d| known.development_known(d))
        .collect();
    v.sort_by(|a, b| {
        a.date
            .earliest()
            .cmp(&b.date.earliest())
            .then(a.id.cmp(&b.id))
    });
    v
}

/// The steps of a commitment's history that rated it worse than the rated
/// step before.
fn regressions_in(c: &Commitment, history: &[facts::HistoryStep<'_>]) -> Vec<RegressionView> {
    let mut regressions = Vec::new();
    let mut prev_label = None;
    for step in history {
        if step.regression {
            regressions.push(RegressionView {
                commitment: c.id,
                statement: c.statement.to_string(),
                on: step.assessment.as_of,
                from: prev_label.clone().unwrap_or_default(),
                to: step.status.label.to_owned(),
            });
        }
        if step.status.rank.is_some() {
            prev_label = Some(step.status.label.to_owned());
        }
    }
    regressions
}

/// One commitment as of the date, with its rating history.
fn commitment_view(
    l: &Loaded,
    scale: &Scale,
    c: &Commitment,
    history: &[facts::HistoryStep<'_>],
    known_developments: &[&Development],
    known: &Knowledge,
) -> CommitmentView {
    let as_of = known.day();
    let latest = history.last();
    let fulfilled_on = history
        .iter()
        .find(|s| s.status.fulfils)
        .map(|s| s.assessment.as_of);
    let deadline = facts::deadline_of(&c.timing, &l.milestones);
    let open = facts::is_open(latest.map(|s| s.status), &c.timing, deadline, as_of);
    let (status, status_label) = match latest {
        Some(step) => (step.status.key.to_owned(), step.status.label.to_owned()),
        None => scale
            .unrated()
            .map(|s| (s.key.to_owned(), s.label.to_owned()))
            .unwrap_or_else(|| ("not_yet_rated".into(), "Not yet rated".into())),
    };
    let rated_on = latest.map(|s| s.assessment.as_of);
    let target = Target::Commitment(c.id);
    let quote = c.quote.and_then(|id| l.quotes.get(&id));
    CommitmentView {
        id: c.id,
        statement: c.statement.to_string(),
        bound: actor_ref(l, c.bound, None),
        made_by: c.made_by.map(|id| actor_ref(l, id, Some(&c.made_on))),
        occasion: c
            .occasion
            .and_then(|id| l.occasions.get(&id))
            .map(|o| OccasionRef {
                id: o.id,
                title: o.title.to_string(),
                place: o.place.clone(),
                starts: o.starts,
                ends: o.ends,
            }),
        made_on: c.made_on,
        origin: c.origin,
        themes: c.themes.clone(),
        quote: quote
            .filter(|q| known.source_known(q.source))
            .map(|q| QuoteView {
                text: q.text.to_string(),
                locator: q.locator.clone(),
                source: source_ref(l, q.source),
            }),
        timing: c.timing.kind(),
        timing_as_written: known
            .timing_as_written(&c.timing, quote.map(|q| q.source))
            .map(str::to_owned),
        condition: c.condition.clone(),
        deadline,
        period_starts: match &c.timing {
            // A fixed start counts from its first day.
            Timing::DuringPeriod {
                from: DateRef::Fixed { date, .. },
                ..
            } => Some(ResolvedDate {
                date: date.earliest(),
                precision: date.precision(),
            }),
            Timing::DuringPeriod { from, .. } => facts::resolve_date_ref(from, &l.milestones),
            _ => None,
        },
        deadline_state: facts::deadline_state(deadline, fulfilled_on, as_of),
        elapsed: facts::elapsed_since(&c.made_on, as_of),
        status,
        status_label,
        rated_on,
        open,
        stale: open && facts::is_stale(rated_on, c.made_on.earliest(), as_of, DEFAULT_STALE_DAYS),
        backtracking: facts::backtracking(history),
        history: history
            .iter()
            .map(|s| step_view(s, known_developments))
            .collect(),
        developments: developments_for(l, known_developments, known, target),
        recommendations: recommendations_for(l, known, target),
    }
}

/// A step of the history; of the developments it rests on, those known on
/// the day.
fn step_view(s: &facts::HistoryStep<'_>, known_developments: &[&Development]) -> StepView {
    StepView {
        assessment: s.assessment.id,
        as_of: s.assessment.as_of,
        status: s.status.key.to_owned(),
        status_label: s.status.label.to_owned(),
        scale: s.assessment.scale.to_string(),
        scale_name: crate::wording::scale_version(crate::lang::Lang::En, s.assessment.scale),
        rationale: s.assessment.rationale.to_string(),
        developments: s
            .assessment
            .developments
            .iter()
            .copied()
            .filter(|id| known_developments.iter().any(|d| d.id == *id))
            .collect(),
        rated_by: s.assessment.rated_by.clone(),
        reviewed_by: s.assessment.reviewed_by.clone(),
        regression: s.regression,
    }
}

fn actor_ref(l: &Loaded, id: ActorId, on: Option<&PreciseDate>) -> ActorRef {
    match l.actors.get(&id) {
        Some(a) => ActorRef {
            id: a.id,
            name: a.name.to_string(),
            role: on.and_then(|on| role_on(l, a, on)),
        },
        None => ActorRef {
            id,
            name: format!("(removed actor {id})"),
            role: None,
        },
    }
}

/// The role a person held on a date, with the body it was held in.
fn role_on(l: &Loaded, actor: &Actor, on: &PreciseDate) -> Option<String> {
    let day = on.earliest();
    actor
        .roles
        .iter()
        .find(|r| {
            r.from.is_none_or(|f| f.earliest() <= day) && r.until.is_none_or(|u| day <= u.latest())
        })
        .map(|r| match r.of.and_then(|of| l.actors.get(&of)) {
            Some(of) => format!("{}, {}", r.title, of.name),
            None => r.title.to_string(),
        })
}

fn source_ref(l: &Loaded, id: SourceId) -> SourceRef {
    match l.sources.get(&id) {
        Some(s) => SourceRef {
            id: s.id,
            title: s.title.clone(),
            publisher: s.publisher.clone(),
            published: s.published,
            url: s.url.clone().map(String::from),
            confidential: s.confidential,
            own_document: s.own_document,
        },
        None => SourceRef {
            id,
            title: format!("(removed source {id})"),
            publisher: None,
            published: None,
            url: None,
            confidential: false,
            own_document: false,
        },
    }
}

fn developments_for(
    l: &Loaded,
    known_developments: &[&Development],
    known: &Knowledge,
    target: Target,
) -> Vec<DevelopmentView> {
    known_developments
        .iter()
        .filter_map(|d| {
            let effect = d.effects.iter().find(|e| e.target == target)?;
            Some(DevelopmentView {
                id: d.id,
                date: d.date,
                title: d.title.to_string(),
                summary: d.summary.to_string(),
                direction: effect.direction,
                sources: known
                    .known_sources(&d.sources)
                    .into_iter()
                    .map(|s| source_ref(l, s))
                    .collect(),
            })
        })
        .collect()
}

fn recommendations_for(l: &Loaded, known: &Knowledge, target: Target) -> Vec<RecommendationView> {
    let name = |id: Option<ActorId>| {
        id.and_then(|id| l.actors.get(&id))
            .map(|a| a.short_name.clone().unwrap_or_else(|| a.name.to_string()))
    };
    l.recommendations
        .iter()
        .filter(|r| r.answers.contains(&target) && known.recommendation_known(r))
        .map(|r| RecommendationView {
            id: r.id,
            action: r.action.to_string(),
            responsible: name(r.responsible),
            proposed_by: name(r.proposed_by),
            priority: r.priority,
            source: r.source.map(|s| source_ref(l, s)),
        })
        .collect()
}
