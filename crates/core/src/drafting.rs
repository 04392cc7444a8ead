//! Drafting help's review queue. The extractor's proposals are stored as
//! [`Candidate`]s linked to the source they were read from and to their
//! exact quote; a person then accepts one (possibly after editing it), which
//! creates the quote and the commitment in the same audited transaction, or
//! rejects it with a reason. Every step goes through [`Services::apply`], so
//! drafts are audited like everything else.
//!
//! The extractor itself lives in its own crate; front ends convert its output
//! into [`Proposal`]s, so the domain does not depend on it.

use crate::audit::AuditEntry;
use crate::date::PreciseDate;
use crate::error::{Error, FieldError, Result, Said, ValidationErrors};
use crate::field::{Prose, Title};
use crate::ids::*;
use crate::model::*;
use crate::service::Services;
use crate::storage::{Change, ChangeContext, Storage};
use chrono::Datelike;
use unicode_normalization::UnicodeNormalization;

/// What the extractor proposes: a candidate without its identity, source
/// and review state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub quote_text: String,
    pub quote_start: u64,
    pub quote_end: u64,
    pub actor: Option<String>,
    pub speaker: Option<String>,
    pub occasion: Option<String>,
    pub statement: String,
    pub origin: Origin,
    pub recommended_by: Option<String>,
    pub timing: TimingKind,
    pub deadline: Option<PreciseDate>,
    pub deadline_as_written: Option<String>,
    pub deadline_unresolved: Option<String>,
    pub condition: Option<String>,
    pub made_on: Option<PreciseDate>,
    pub confidence: u8,
    pub rule: Option<String>,
}

/// At most this many candidates are kept per source text. Each is a stored
/// record with its audit entry, so without a cap one pasted text of a few
/// megabytes wrote hundreds of thousands of them; no person reviews more
/// than this from one text, and a longer document can be split.
pub const MAX_CANDIDATES_PER_TEXT: usize = 500;

/// Refuses `count` candidates from one text when more than
/// [`MAX_CANDIDATES_PER_TEXT`] would be kept (the error names the field
/// `text`; front ends check this before storing anything).
pub fn check_candidate_count(count: usize) -> std::result::Result<(), FieldError> {
    if count > MAX_CANDIDATES_PER_TEXT {
        Err(FieldError::said(
            "text",
            Said::new("reason-too-many-candidates")
                .count("count", count)
                .count("max", MAX_CANDIDATES_PER_TEXT),
        ))
    } else {
        Ok(())
    }
}

/// What [`propose`] stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposed {
    pub source: SourceId,
    /// Whether the source was new (false: an identical one was reused).
    pub source_created: bool,
    /// The candidates created, in the order given.
    pub created: Vec<CandidateId>,
    /// Proposals already in the queue from an earlier run, left alone.
    pub unchanged: usize,
}

/// The id a proposal gets: the same proposal from the same source is the
/// same candidate, so proposing a text twice adds nothing.
pub fn candidate_id(source: SourceId, p: &Proposal) -> CandidateId {
    CandidateId::derived(
        &format!("pledgewatch-candidate/{source}"),
        &format!("{}-{}-{}", p.quote_start, p.quote_end, p.statement),
    )
}

fn chars(text: &str, start: u64, end: u64) -> Option<String> {
    let (start, end) = (usize::try_from(start).ok()?, usize::try_from(end).ok()?);
    if end < start {
        return None;
    }
    let s: String = text.chars().skip(start).take(end - start).collect();
    (s.chars().count() == end - start).then_some(s)
}

/// Stores the source (or reuses the identical one already stored under the
/// same id) and the proposals as pending candidates, in one transaction.
/// Every quote must be exactly the source's text at its offsets, and the
/// source may not end up with more than [`MAX_CANDIDATES_PER_TEXT`]
/// candidates (else nothing is written).
pub async fn propose(
    services: &Services<'_>,
    context: &ChangeContext,
    source: Source,
    proposals: Vec<Proposal>,
) -> Result<Proposed> {
    let Some(text) = source.text.clone() else {
        return Err(FieldError::said("source.text", Said::new("reason-draft-needs-text")).into());
    };
    check_candidate_count(proposals.len())?;
    let store = services.store();
    let mut changes = Vec::new();
    let source_created = !source_stored(store, &source, &text).await?;
    if source_created {
        changes.push(Change::Create(Entity::Source(source.clone())));
    }
    let mut errors = ValidationErrors::default();
    let mut created = Vec::new();
    let mut unchanged = 0;
    for (i, p) in proposals.into_iter().enumerate() {
        if chars(&text, p.quote_start, p.quote_end).as_deref() != Some(p.quote_text.as_str()) {
            errors.push(FieldError::said(
                format!("candidates[{i}].quote_text"),
                Said::new("reason-quote-not-in-source")
                    .text("start", p.quote_start)
                    .text("end", p.quote_end),
            ));
            continue;
        }
        let id = candidate_id(source.id, &p);
        if store.get_record(id).await?.is_some() {
            unchanged += 1;
            continue;
        }
        created.push(id);
        changes.push(Change::Create(Entity::Candidate(pending_candidate(
            id, source.id, p,
        ))));
    }
    errors.into_result()?;
    if !source_created && !created.is_empty() {
        let kept = candidates_of(services, source.id).await?.len();
        check_candidate_count(kept + created.len())?;
    }
    if !changes.is_empty() {
        services.apply(context, changes).await?;
    }
    Ok(Proposed {
        source: source.id,
        source_created,
        created,
        unchanged,
    })
}

/// Whether the source is already stored with the same text (false: it is
/// new); a removed source, or one with another text, is refused.
async fn source_stored(store: &dyn Storage, source: &Source, text: &str) -> Result<bool> {
    let Some(stored) = store.get_record(source.id).await? else {
        return Ok(false);
    };
    if stored.meta.deleted_at.is_some() {
        return Err(Error::refused(
            Said::new("reason-draft-source-removed").text("id", source.id),
        ));
    }
    if stored.entity.text.as_deref() != Some(text) {
        return Err(Error::refused(
            Said::new("reason-draft-source-differs").text("id", source.id),
        ));
    }
    Ok(true)
}

/// A proposal as a pending candidate read from `source`.
fn pending_candidate(id: CandidateId, source: SourceId, p: Proposal) -> Candidate {
    Candidate {
        id,
        source,
        quote_text: p.quote_text,
        quote_start: p.quote_start,
        quote_end: p.quote_end,
        actor: p.actor,
        speaker: p.speaker,
        occasion: p.occasion,
        statement: p.statement,
        origin: p.origin,
        recommended_by: p.recommended_by,
        timing: p.timing,
        deadline: p.deadline,
        deadline_as_written: p.deadline_as_written,
        deadline_unresolved: p.deadline_unresolved,
        condition: p.condition,
        made_on: p.made_on,
        confidence: p.confidence.min(100),
        rule: p.rule,
        status: CandidateStatus::Pending,
        rejection_reason: None,
        commitment: None,
    }
}

/// The live candidates read from one source, in the order of their place
/// in its text: what a page showing the text with its candidates
/// highlighted needs.
pub async fn candidates_of(
    services: &Services<'_>,
    source: SourceId,
) -> Result<Vec<Stored<Candidate>>> {
    let found = services
        .store()
        .referring(EntityKind::Candidate, EntityKind::Source, &[source.uuid()])
        .await?;
    let mut out: Vec<Stored<Candidate>> = found
        .into_iter()
        .filter_map(|s| match s.entity {
            Entity::Candidate(c) if c.source == source => Some(Stored {
                meta: s.meta,
                entity: c,
            }),
            _ => None,
        })
        .collect();
    out.sort_by_key(|s| (s.entity.quote_start, s.entity.quote_end, s.entity.id));
    Ok(out)
}

/// Changes a person makes before accepting a candidate. Unset fields keep
/// the candidate's values.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Edits {
    pub statement: Option<String>,
    /// An existing actor who is bound.
    pub bound: Option<ActorId>,
    /// Or the bound actor's name: a live actor of that name (see
    /// [`actor_named`]) is used, else the one drafting help made for it, or
    /// a new one is created (as `actor_kind`, default state).
    pub actor_name: Option<String>,
    pub actor_kind: Option<ActorKind>,
    /// Who spoke or signed; unset, the live actor named as the candidate's
    /// speaker, if there is one.
    pub made_by: Option<ActorId>,
    /// Where it was said; unset, the live occasion the candidate's
    /// occasion text names (see [`occasion_named`]), if there is one.
    pub occasion: Option<OccasionId>,
    pub made_on: Option<PreciseDate>,
    pub origin: Option<Origin>,
    pub timing: Option<TimingKind>,
    pub deadline: Option<PreciseDate>,
    pub deadline_as_written: Option<String>,
    pub condition: Option<String>,
    pub themes: Vec<String>,
    /// The dossier the new commitment joins, in the same change.
    pub dossier: Option<DossierId>,
}

impl Edits {
    /// The edits a person types when accepting a candidate (the web form and
    /// the API): the statement, the bound actor's name, the deadline (at any
    /// precision) and the condition. A blank value keeps the candidate's.
    pub fn typed(
        statement: Option<&str>,
        actor: Option<&str>,
        deadline: Option<&str>,
        condition: Option<&str>,
    ) -> std::result::Result<Self, FieldError> {
        let text = |v: Option<&str>| {
            v.map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let deadline = text(deadline)
            .map(|d| PreciseDate::parse(&d).map_err(|e| e.at("deadline")))
            .transpose()?;
        Ok(Edits {
            statement: text(statement),
            actor_name: text(actor),
            deadline,
            condition: text(condition),
            ..Edits::default()
        })
    }
}

/// What accepting created.
#[derive(Debug, Clone)]
pub struct Accepted {
    pub commitment: CommitmentId,
    pub quote: QuoteId,
    pub bound: ActorId,
    pub actor_created: bool,
    pub audit: Vec<AuditEntry>,
}

/// The id of the actor drafting help creates for a name.
pub fn actor_id_for_name(name: &str) -> ActorId {
    ActorId::derived("pledgewatch-drafting-actor", &name.trim().to_lowercase())
}

/// The timing a commitment gets from a candidate's kind, deadline and words.
pub fn timing_for(
    kind: TimingKind,
    deadline: Option<PreciseDate>,
    as_written: Option<String>,
    made_on: PreciseDate,
) -> Result<Timing, FieldError> {
    let fixed = |date: PreciseDate| DateRef::Fixed {
        date,
        resolved_from: as_written.clone(),
    };
    match kind {
        TimingKind::ByDeadline => match deadline {
            Some(d) => Ok(Timing::ByDeadline {
                deadline: fixed(d),
                as_written: as_written.clone(),
            }),
            None => Err(FieldError::said(
                "deadline",
                Said::new("reason-by-deadline-needs-date"),
            )),
        },
        TimingKind::DuringPeriod => match deadline {
            Some(until) => Ok(Timing::DuringPeriod {
                from: DateRef::Fixed {
                    date: made_on,
                    resolved_from: None,
                },
                until: fixed(until),
                as_written: as_written.clone(),
            }),
            None => Err(FieldError::said(
                "deadline",
                Said::new("reason-during-period-needs-end"),
            )),
        },
        TimingKind::RefrainFrom => Ok(Timing::RefrainFrom { as_written }),
        TimingKind::NoneStated => Ok(Timing::NoneStated),
    }
}

async fn pending(
    services: &Services<'_>,
    id: CandidateId,
    expected_version: i64,
) -> Result<Candidate> {
    let stored = services
        .store()
        .get_record(id)
        .await?
        .filter(|s| s.meta.deleted_at.is_none())
        .ok_or_else(|| Error::NotFound {
            kind: "candidate",
            id: id.to_string(),
        })?;
    if stored.meta.version != expected_version {
        return Err(Error::Conflict {
            kind: "candidate",
            id: id.to_string(),
            expected: expected_version,
            actual: stored.meta.version,
        });
    }
    let c = stored.entity;
    if c.status != CandidateStatus::Pending {
        return Err(Error::refused(
            Said::new("reason-candidate-not-pending")
                .text("id", id)
                .key(
                    "status",
                    c.status,
                    format!("reason-candidate-status-{}", c.status),
                ),
        ));
    }
    Ok(c)
}

/// Accepts a candidate: creates its quote and its commitment (and the bound
/// actor, when no live actor goes by the name given) and marks it accepted,
/// all in one audited transaction. Unless the edits say otherwise, the
/// commitment is made by the live actor named as the candidate's speaker
/// and on the live occasion its occasion text names; neither is ever
/// created, and either is left empty when none matches.
pub async fn accept(
    services: &Services<'_>,
    context: &ChangeContext,
    id: CandidateId,
    edits: Edits,
    expected_version: i64,
) -> Result<Accepted> {
    let mut candidate = pending(services, id, expected_version).await?;
    let store = services.store();
    let Some(source) = store.get_record(candidate.source).await? else {
        return Err(Error::DanglingReference {
            field: "source".into(),
            kind: "source",
            id: candidate.source.to_string(),
        });
    };
    let mut errors = ValidationErrors::default();
    let mut changes = Vec::new();
    let (bound, actor_created) = match bound_actor(store, &edits, &candidate, &mut changes).await? {
        Some((id, created)) => (Some(id), created),
        None => {
            errors.push(FieldError::said(
                "actor",
                Said::new("reason-candidate-no-actor"),
            ));
            (None, false)
        }
    };
    let made_on = edits
        .made_on
        .or(candidate.made_on)
        .or(source.entity.published);
    if made_on.is_none() {
        errors.push(FieldError::said(
            "made_on",
            Said::new("reason-candidate-no-date"),
        ));
    }
    apply_edits(&mut candidate, &edits);
    candidate.made_on = made_on;
    let timing = made_on.and_then(|m| {
        errors.check(timing_for(
            candidate.timing,
            candidate.deadline,
            candidate.deadline_as_written.clone(),
            m,
        ))
    });
    errors.into_result()?;
    let (Some(bound), Some(made_on), Some(timing)) = (bound, made_on, timing) else {
        return Err(Error::storage(
            "accepting a candidate",
            "values missing after validation",
        ));
    };
    let quote = quote_of(&candidate, source.entity.text.as_deref())?;
    let edits = with_speaker_and_occasion(store, &candidate, edits).await?;
    let commitment = commitment_of(&candidate, &edits, bound, made_on, timing, quote.id)?;
    let (commitment_id, quote_id) = (commitment.id, quote.id);
    candidate.status = CandidateStatus::Accepted;
    candidate.commitment = Some(commitment_id);
    changes.push(Change::Create(Entity::Quote(quote)));
    changes.push(Change::Create(Entity::Commitment(commitment)));
    if let Some(dossier) = edits.dossier {
        changes.push(joined_dossier(store, dossier, commitment_id).await?);
    }
    changes.push(Change::Update {
        entity: Entity::Candidate(candidate),
        expected_version,
    });
    let audit = services.apply(context, changes).await?;
    Ok(Accepted {
        commitment: commitment_id,
        quote: quote_id,
        bound,
        actor_created,
        audit,
    })
}

/// The dossier with the commitment added to its list (an update based on
/// the version read); a removed or missing dossier is refused.
async fn joined_dossier(
    store: &dyn Storage,
    id: DossierId,
    commitment: CommitmentId,
) -> Result<Change> {
    let stored = store
        .get_record(id)
        .await?
        .filter(|s| s.meta.deleted_at.is_none())
        .ok_or_else(|| Error::DanglingReference {
            field: "dossier".into(),
            kind: "dossier",
            id: id.to_string(),
        })?;
    let mut dossier = stored.entity;
    if !dossier.commitments.contains(&commitment) {
        dossier.commitments.push(commitment);
    }
    Ok(Change::Update {
        entity: Entity::Dossier(dossier),
        expected_version: stored.meta.version,
    })
}

/// What attaching a candidate to an existing commitment created.
#[derive(Debug, Clone)]
pub struct Attached {
    pub quote: QuoteId,
    /// The development that records the restatement.
    pub development: DevelopmentId,
    /// Whether the quote became the commitment's own (it had none).
    pub quote_set: bool,
}

/// Attaches a candidate to a commitment already recorded instead of
/// creating a duplicate: its words become a quote of its source, recorded
/// as a development that restates the commitment (no change in its
/// direction) dated when the source was published (or the candidate says
/// it was made); the quote also becomes the commitment's own when it has
/// none. The candidate is marked accepted into that commitment. One
/// audited transaction.
pub async fn attach(
    services: &Services<'_>,
    context: &ChangeContext,
    id: CandidateId,
    commitment: CommitmentId,
    expected_version: i64,
) -> Result<Attached> {
    let mut candidate = pending(services, id, expected_version).await?;
    let store = services.store();
    let dangling = |field: &str, kind: &'static str, id: String| Error::DanglingReference {
        field: field.into(),
        kind,
        id,
    };
    let source = store
        .get_record(candidate.source)
        .await?
        .ok_or_else(|| dangling("source", "source", candidate.source.to_string()))?;
    let existing = store
        .get_record(commitment)
        .await?
        .filter(|s| s.meta.deleted_at.is_none())
        .ok_or_else(|| dangling("commitment", "commitment", commitment.to_string()))?;
    let date = source
        .entity
        .published
        .or(candidate.made_on)
        .ok_or_else(|| {
            Error::from(FieldError::said(
                "made_on",
                Said::new("reason-quote-no-date"),
            ))
        })?;
    let quote = quote_of(&candidate, source.entity.text.as_deref())?;
    let development = Development {
        id: DevelopmentId::new(),
        date,
        title: Title::parse(format!("Restated in “{}”", source.entity.title))
            .map_err(|e| e.at("title"))?,
        summary: Prose::parse(format!(
            "The commitment “{}” was stated again: “{}”",
            existing.entity.statement, candidate.quote_text
        ))
        .map_err(|e| e.at("summary"))?,
        baseline: false,
        note: None,
        sources: vec![candidate.source],
        quotes: vec![quote.id],
        effects: vec![Effect {
            target: Target::Commitment(commitment),
            direction: Direction::NoChange,
        }],
    };
    let quote_set = existing.entity.quote.is_none();
    let (quote_id, development_id) = (quote.id, development.id);
    candidate.status = CandidateStatus::Accepted;
    candidate.commitment = Some(commitment);
    let mut changes = vec![
        Change::Create(Entity::Quote(quote)),
        Change::Create(Entity::Development(development)),
    ];
    if quote_set {
        let mut c = existing.entity;
        c.quote = Some(quote_id);
        changes.push(Change::Update {
            entity: Entity::Commitment(c),
            expected_version: existing.meta.version,
        });
    }
    changes.push(Change::Update {
        entity: Entity::Candidate(candidate),
        expected_version,
    });
    services.apply(context, changes).await?;
    Ok(Attached {
        quote: quote_id,
        development: development_id,
        quote_set,
    })
}

/// The commitment an accepted candidate becomes, with the person's edits.
fn commitment_of(
    candidate: &Candidate,
    edits: &Edits,
    bound: ActorId,
    made_on: PreciseDate,
    timing: Timing,
    quote: QuoteId,
) -> Result<Commitment> {
    let statement = Prose::parse(candidate.statement.clone()).map_err(|e| e.at("statement"))?;
    Ok(Commitment {
        id: CommitmentId::new(),
        statement,
        bound,
        made_by: edits.made_by,
        occasion: edits.occasion,
        made_on,
        origin: candidate.origin,
        themes: edits.themes.clone(),
        quote: Some(quote),
        timing,
        condition: candidate.condition.clone(),
        external_id: None,
    })
}

/// Who is bound, with whether the actor is new: the actor chosen, else the
/// live actor going by the name given or read, else the one drafting help
/// made for that name, else a new one (its creation added to `changes`);
/// `None` when nobody is named.
async fn bound_actor(
    store: &dyn Storage,
    edits: &Edits,
    candidate: &Candidate,
    changes: &mut Vec<Change>,
) -> Result<Option<(ActorId, bool)>> {
    let name = match (
        edits.bound,
        edits.actor_name.clone().or(candidate.actor.clone()),
    ) {
        (Some(id), _) => return Ok(Some((id, false))),
        (None, Some(name)) if !name.trim().is_empty() => name,
        _ => return Ok(None),
    };
    if let Some(id) = actor_named(&live_actors(store).await?, &name) {
        return Ok(Some((id, false)));
    }
    let id = actor_id_for_name(&name);
    if store.get_record(id).await?.is_some() {
        return Ok(Some((id, false)));
    }
    changes.push(Change::Create(Entity::Actor(Actor {
        id,
        kind: edits.actor_kind.unwrap_or(ActorKind::State),
        name: Title::parse(name.trim()).map_err(|e| e.at("name"))?,
        short_name: None,
        country_code: None,
        roles: vec![],
    })));
    Ok(Some((id, true)))
}

/// A name as it is compared: Unicode compatibility forms folded (NFKC),
/// lower case, spaces trimmed and collapsed.
fn name_key(name: &str) -> String {
    let folded: String = name.nfkc().collect::<String>().to_lowercase();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether an actor goes by `name`: its name or short name, compared by
/// [`name_key`], or its country code when `name` is two letters ("kz").
pub fn goes_by(actor: &Actor, name: &str) -> bool {
    let key = name_key(name);
    if key.is_empty() {
        return false;
    }
    let code = key.chars().count() == 2 && key.chars().all(|c| c.is_ascii_alphabetic());
    name_key(actor.name.as_ref()) == key
        || actor
            .short_name
            .as_deref()
            .is_some_and(|s| name_key(s) == key)
        || (code
            && actor
                .country_code
                .as_ref()
                .is_some_and(|c| c.as_str().eq_ignore_ascii_case(&key)))
}

/// The actor of `actors` going by `name` (see [`goes_by`]); of several, a
/// state first, then the one created first, then the lowest id, so the
/// same store always gives the same one. Removed actors are never chosen.
pub fn actor_named(actors: &[Stored<Actor>], name: &str) -> Option<ActorId> {
    actors
        .iter()
        .filter(|a| a.meta.deleted_at.is_none() && goes_by(&a.entity, name))
        .min_by_key(|a| {
            (
                a.entity.kind != ActorKind::State,
                a.meta.created_at,
                a.entity.id,
            )
        })
        .map(|a| a.entity.id)
}

/// Connecting words that may stand between an occasion's title and its
/// place in an occasion text ("... Council in Madrid").
const OCCASION_LINKS: &[&str] = &["in", "at", "of", "held"];

/// Whether an occasion text names `occasion` by its title followed only by
/// its place and start year, in any order, with connecting words between:
/// "OSCE Ministerial Council in Madrid" for the Ministerial Council whose
/// place is Madrid.
fn names_by_title_and_place(text: &str, occasion: &Occasion) -> bool {
    let title = name_key(occasion.title.as_ref());
    let Some(rest) = text.strip_prefix(&title) else {
        return false;
    };
    if !rest.starts_with(|c: char| !c.is_alphanumeric()) {
        return false;
    }
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let year = occasion.starts.earliest().year().to_string();
    let rest: Vec<String> = words(rest)
        .into_iter()
        .filter(|w| !OCCASION_LINKS.contains(&w.as_str()) && *w != year)
        .collect();
    let place = occasion.place.as_deref().map(name_key).unwrap_or_default();
    !rest.is_empty() && rest == words(&place)
}

/// The live occasion an occasion text names: the one whose title it is
/// (compared by [`name_key`]), else the one whose title it starts with,
/// followed only by its place (and start year). When no occasion or more
/// than one fits either way, none: a wrong link is worse than none.
pub fn occasion_named(occasions: &[Stored<Occasion>], text: &str) -> Option<OccasionId> {
    let key = name_key(text);
    if key.is_empty() {
        return None;
    }
    let live = || occasions.iter().filter(|o| o.meta.deleted_at.is_none());
    let only = |found: Vec<OccasionId>| match found.as_slice() {
        [one] => Some(*one),
        _ => None,
    };
    let exact: Vec<OccasionId> = live()
        .filter(|o| name_key(o.entity.title.as_ref()) == key)
        .map(|o| o.entity.id)
        .collect();
    if !exact.is_empty() {
        return only(exact);
    }
    only(
        live()
            .filter(|o| names_by_title_and_place(&key, &o.entity))
            .map(|o| o.entity.id)
            .collect(),
    )
}

/// Every live record of a kind (another kind in the answer is the store's
/// failure, never skipped).
async fn live_records<T: Record>(store: &dyn Storage) -> Result<Vec<Stored<T>>> {
    store
        .list(T::KIND, 1_000_000, 0)
        .await?
        .into_iter()
        .filter(|s| s.meta.deleted_at.is_none())
        .map(|s| {
            s.into_record::<T>().map_err(|other| {
                Error::storage(
                    format!("listing the records of kind {}", T::KIND),
                    format!("the store gave {} instead", other.entity.kind()),
                )
            })
        })
        .collect()
}

async fn live_actors(store: &dyn Storage) -> Result<Vec<Stored<Actor>>> {
    live_records(store).await
}

/// The edits with who made the commitment and where, when they leave
/// either unset: the live actor named as the candidate's speaker and the
/// live occasion its occasion text names, if any.
async fn with_speaker_and_occasion(
    store: &dyn Storage,
    candidate: &Candidate,
    edits: Edits,
) -> Result<Edits> {
    Ok(Edits {
        made_by: match edits.made_by {
            Some(id) => Some(id),
            None => speaker_of(store, candidate).await?,
        },
        occasion: match edits.occasion {
            Some(id) => Some(id),
            None => occasion_of(store, candidate).await?,
        },
        ..edits
    })
}

/// The live actor named as the candidate's speaker, if any.
async fn speaker_of(store: &dyn Storage, candidate: &Candidate) -> Result<Option<ActorId>> {
    match candidate.speaker.as_deref() {
        Some(name) if !name.trim().is_empty() => Ok(actor_named(&live_actors(store).await?, name)),
        _ => Ok(None),
    }
}

/// The live occasion the candidate's occasion text names, if any.
async fn occasion_of(store: &dyn Storage, candidate: &Candidate) -> Result<Option<OccasionId>> {
    match candidate.occasion.as_deref() {
        Some(text) if !text.trim().is_empty() => {
            Ok(occasion_named(&live_records(store).await?, text))
        }
        _ => Ok(None),
    }
}

/// Puts a person's edits into the candidate, before it becomes a commitment.
fn apply_edits(candidate: &mut Candidate, edits: &Edits) {
    if let Some(s) = &edits.statement {
        candidate.statement = s.clone();
    }
    if let Some(o) = edits.origin {
        candidate.origin = o;
    }
    if let Some(t) = edits.timing {
        candidate.timing = t;
    }
    if let Some(d) = edits.deadline {
        candidate.deadline = Some(d);
        candidate.deadline_unresolved = None;
    }
    if let Some(w) = &edits.deadline_as_written {
        candidate.deadline_as_written = Some(w.clone());
    }
    if let Some(c) = &edits.condition {
        candidate.condition = Some(c.clone());
    }
    if let Some(name) = &edits.actor_name {
        candidate.actor = Some(name.clone());
    }
}

/// The quote an accepted candidate becomes, located by its characters in
/// the source's text, and by its page when the text has pages (a PDF's or
/// a Word file's): "p. 12, para. 63, characters 5120-5310".
fn quote_of(candidate: &Candidate, source_text: Option<&str>) -> Result<Quote> {
    let text = Prose::parse(candidate.quote_text.clone()).map_err(|e| e.at("text"))?;
    let characters = format!(
        "characters {}-{}",
        candidate.quote_start, candidate.quote_end
    );
    let page = source_text
        .filter(|t| t.contains(PAGE_BREAK))
        .and_then(|t| {
            locator(
                t,
                usize::try_from(candidate.quote_start).unwrap_or(usize::MAX),
            )
        });
    Ok(Quote {
        id: QuoteId::new(),
        source: candidate.source,
        text,
        locator: Some(match page {
            Some(page) => format!("{page}, {characters}"),
            None => characters,
        }),
        speaker: candidate.speaker.clone(),
    })
}

/// The page separator in the text of a paged document (a PDF's or a Word
/// file's), as `pdftotext` writes it.
pub const PAGE_BREAK: char = '\u{c}';

/// Where the character at `offset` (counted in Unicode scalar values)
/// stands in a text: "p. 12, para. 63" (the page, counting page breaks,
/// and the UN-numbered paragraph it falls in), "p. 3" outside numbered
/// paragraphs, "para. 63" in a text without pages; `None` when there is
/// neither.
pub fn locator(text: &str, offset: usize) -> Option<String> {
    let before_end = text
        .char_indices()
        .nth(offset)
        .map_or(text.len(), |(i, _)| i);
    let before = &text[..before_end];
    let paged = text.contains(PAGE_BREAK);
    let page = before.matches(PAGE_BREAK).count() + 1;
    // The paragraph's number may stand at the start of the quote itself.
    let line_end = text[before_end..]
        .find(['\n', PAGE_BREAK])
        .map_or(text.len(), |i| before_end + i);
    match (paged, paragraph_at(&text[..line_end])) {
        (true, Some(p)) => Some(format!("p. {page}, para. {p}")),
        (true, None) => Some(format!("p. {page}")),
        (false, Some(p)) => Some(format!("para. {p}")),
        (false, None) => None,
    }
}

/// The number of the UN-style numbered paragraph ("63. The Government
/// ...") that the end of `before` falls in. Paragraph numbers run on by
/// one (or two, where one was lost), so the items of a list inside a
/// paragraph ("1. To ratify ...") are not taken for paragraphs.
fn paragraph_at(before: &str) -> Option<u32> {
    let mut current: Option<u32> = None;
    for line in before.split(['\n', PAGE_BREAK]) {
        let t = line.trim_start();
        let digits = t.chars().take_while(char::is_ascii_digit).count();
        if digits == 0 || digits > 3 {
            continue;
        }
        let rest = &t[digits..];
        let numbered = rest == "." || rest.starts_with(". ") || rest.starts_with(".\u{a0}");
        let Ok(n) = t[..digits].parse::<u32>() else {
            continue;
        };
        let follows = match current {
            None => n <= 3,
            Some(c) => n == c + 1 || n == c + 2,
        };
        if numbered && follows {
            current = Some(n);
        }
    }
    current
}

/// Rejects a candidate; the reason is kept with it and in the audit log.
pub async fn reject(
    services: &Services<'_>,
    context: &ChangeContext,
    id: CandidateId,
    reason: &str,
    expected_version: i64,
) -> Result<AuditEntry> {
    if reason.trim().is_empty() {
        return Err(FieldError::said("reason", Said::new("reason-reject-needs-reason")).into());
    }
    let mut candidate = pending(services, id, expected_version).await?;
    candidate.status = CandidateStatus::Rejected;
    candidate.rejection_reason = Some(reason.trim().to_owned());
    services
        .update(context, Entity::Candidate(candidate), expected_version)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> PreciseDate {
        PreciseDate::parse(s).unwrap()
    }

    #[test]
    fn a_locator_names_the_page_and_the_numbered_paragraph() {
        let text = "1. Introduction.\n\n2. The review.\u{c}continued here.\n\n3. The State will act.\u{c}4. Annex.";
        let at = |s: &str| locator(text, text[..text.find(s).unwrap()].chars().count());
        assert_eq!(at("Introduction").as_deref(), Some("p. 1, para. 1"));
        assert_eq!(at("continued").as_deref(), Some("p. 2, para. 2"));
        assert_eq!(at("The State").as_deref(), Some("p. 2, para. 3"));
        assert_eq!(at("Annex").as_deref(), Some("p. 3, para. 4"));
        assert_eq!(at("4. Annex").as_deref(), Some("p. 3, para. 4"));
        assert_eq!(locator("No pages. No numbers.", 3), None);
        assert_eq!(locator("Préface.\u{c}Text.", 10).as_deref(), Some("p. 2"));
    }

    #[test]
    fn paragraph_numbers_run_on_and_list_items_are_not_paragraphs() {
        let text =
            "1. Intro.\n2. Review.\n3. Conclusions:\n1. To ratify;\n2. To amend.\n4. Voluntary.";
        let at = |s: &str| paragraph_at(&text[..text.find(s).unwrap() + 1]);
        assert_eq!(at("Intro"), Some(1));
        assert_eq!(at("To ratify"), Some(3));
        assert_eq!(at("To amend"), Some(3));
        assert_eq!(at("Voluntary"), Some(4));
        assert_eq!(paragraph_at("No numbers here."), None);
    }

    #[test]
    fn a_quote_from_a_paged_text_is_located_by_page_and_characters() {
        let c = Candidate {
            id: CandidateId::new(),
            source: SourceId::new(),
            quote_text: "We will act.".into(),
            quote_start: 12,
            quote_end: 24,
            actor: None,
            speaker: None,
            occasion: None,
            statement: "Act".into(),
            origin: Origin::Pledge,
            recommended_by: None,
            timing: TimingKind::NoneStated,
            deadline: None,
            deadline_as_written: None,
            deadline_unresolved: None,
            condition: None,
            made_on: None,
            confidence: 80,
            rule: None,
            status: CandidateStatus::Pending,
            rejection_reason: None,
            commitment: None,
        };
        let paged = quote_of(&c, Some("1. Preface.\u{c}We will act.")).unwrap();
        assert_eq!(
            paged.locator.as_deref(),
            Some("p. 2, para. 1, characters 12-24")
        );
        let plain = quote_of(&c, Some("1. Preface. We will act.")).unwrap();
        assert_eq!(plain.locator.as_deref(), Some("characters 12-24"));
    }

    #[test]
    fn a_deadline_timing_keeps_the_words_it_was_resolved_from() {
        let t = timing_for(
            TimingKind::ByDeadline,
            Some(date("2008")),
            Some("by the end of 2008".into()),
            date("2007-11-29"),
        )
        .unwrap();
        assert_eq!(t.as_written(), Some("by the end of 2008"));
        match t {
            Timing::ByDeadline {
                deadline:
                    DateRef::Fixed {
                        date: d,
                        resolved_from,
                    },
                ..
            } => {
                assert_eq!(d, date("2008"));
                assert_eq!(resolved_from.as_deref(), Some("by the end of 2008"));
            }
            other => panic!("unexpected timing {other:?}"),
        }
    }

    #[test]
    fn a_deadline_timing_without_a_date_is_refused_naming_the_field() {
        let err = timing_for(
            TimingKind::ByDeadline,
            None,
            Some("soon".into()),
            date("2016"),
        )
        .unwrap_err();
        assert_eq!(err.field, "deadline");
    }

    #[test]
    fn refraining_needs_no_date() {
        let t = timing_for(TimingKind::RefrainFrom, None, None, date("2007")).unwrap();
        assert_eq!(t.kind(), TimingKind::RefrainFrom);
    }

    #[test]
    fn the_same_proposal_from_the_same_source_has_the_same_id() {
        let p = Proposal {
            quote_text: "q".into(),
            quote_start: 1,
            quote_end: 2,
            actor: None,
            speaker: None,
            occasion: None,
            statement: "Amend the media law".into(),
            origin: Origin::Pledge,
            recommended_by: None,
            timing: TimingKind::NoneStated,
            deadline: None,
            deadline_as_written: None,
            deadline_unresolved: None,
            condition: None,
            made_on: None,
            confidence: 50,
            rule: None,
        };
        let s = SourceId::derived("t", "s");
        assert_eq!(candidate_id(s, &p), candidate_id(s, &p.clone()));
        let mut other = p.clone();
        other.statement = "Reform the election law".into();
        assert_ne!(candidate_id(s, &p), candidate_id(s, &other));
    }

    fn stored<T>(entity: T, created: &str, removed: bool) -> Stored<T> {
        let at = chrono::DateTime::parse_from_rfc3339(created)
            .unwrap()
            .with_timezone(&chrono::Utc);
        Stored {
            meta: Meta {
                version: 1,
                created_at: at,
                updated_at: at,
                deleted_at: removed.then_some(at),
            },
            entity,
        }
    }

    fn actor(name: &str, kind: ActorKind, short: Option<&str>, code: Option<&str>) -> Actor {
        Actor {
            id: ActorId::new(),
            kind,
            name: Title::parse(name).unwrap(),
            short_name: short.map(str::to_owned),
            country_code: code.map(|c| crate::CountryCode::parse(c).unwrap()),
            roles: vec![],
        }
    }

    fn occasion(title: &str, place: Option<&str>, starts: &str) -> Occasion {
        Occasion {
            id: OccasionId::new(),
            title: Title::parse(title).unwrap(),
            kind: OccasionKind::Conference,
            place: place.map(str::to_owned),
            starts: date(starts),
            ends: None,
            organiser: None,
        }
    }

    #[test]
    fn an_actor_goes_by_its_name_short_name_or_country_code_in_any_case() {
        let kz = actor("Kazakhstan", ActorKind::State, None, Some("KZ"));
        for name in ["Kazakhstan", "  kazakhstan ", "KAZAKHSTAN", "kz", "KZ"] {
            assert!(goes_by(&kz, name), "{name}");
        }
        for name in ["Kazakh", "Kazakhstan’s", "", "  ", "KZA"] {
            assert!(!goes_by(&kz, name), "{name}");
        }
        let osce = actor(
            "Organization for Security and  Cooperation in Europe",
            ActorKind::Institution,
            Some("OSCE"),
            None,
        );
        assert!(goes_by(
            &osce,
            "organization for security and cooperation in europe"
        ));
        assert!(goes_by(&osce, "osce"));
        // Unicode case and compatibility forms.
        let ru = actor("Казахстан", ActorKind::State, None, None);
        assert!(goes_by(&ru, "КАЗАХСТАН"));
        assert!(goes_by(&ru, "казахстан"));
        let wide = actor("ＯＳＣＥ", ActorKind::Institution, None, None);
        assert!(goes_by(&wide, "osce"));
        // Two letters are a country code only for an actor that has one.
        assert!(!goes_by(&osce, "kz"));
    }

    #[test]
    fn of_several_actors_of_a_name_a_state_then_the_oldest_is_chosen_never_a_removed_one() {
        let person = stored(
            actor("Kazakhstan", ActorKind::Person, None, None),
            "2020-01-01T00:00:00Z",
            false,
        );
        let late_state = stored(
            actor("kazakhstan", ActorKind::State, None, None),
            "2024-01-01T00:00:00Z",
            false,
        );
        let early_state = stored(
            actor("Kazakhstan", ActorKind::State, None, Some("KZ")),
            "2022-01-01T00:00:00Z",
            false,
        );
        let removed_state = stored(
            actor("Kazakhstan", ActorKind::State, None, None),
            "2010-01-01T00:00:00Z",
            true,
        );
        let tazhin = stored(
            actor("Marat Tazhin", ActorKind::Person, None, None),
            "2021-01-01T00:00:00Z",
            false,
        );
        let all = vec![
            person.clone(),
            late_state.clone(),
            removed_state,
            early_state.clone(),
            tazhin.clone(),
        ];
        assert_eq!(actor_named(&all, "Kazakhstan"), Some(early_state.entity.id));
        let mut reversed = all.clone();
        reversed.reverse();
        assert_eq!(
            actor_named(&reversed, "KAZAKHSTAN"),
            Some(early_state.entity.id)
        );
        assert_eq!(actor_named(&all, "kz"), Some(early_state.entity.id));
        assert_eq!(
            actor_named(&[person.clone(), late_state.clone()], "Kazakhstan"),
            Some(late_state.entity.id),
            "a state before an older person"
        );
        assert_eq!(
            actor_named(std::slice::from_ref(&person), "Kazakhstan"),
            Some(person.entity.id)
        );
        assert_eq!(actor_named(&all, "marat tazhin"), Some(tazhin.entity.id));
        assert_eq!(actor_named(&all, "Tajikistan"), None);
        assert_eq!(actor_named(&all, " "), None);
    }

    #[test]
    fn an_occasion_is_named_by_its_title_or_its_title_and_place_and_otherwise_not_at_all() {
        let madrid = stored(
            occasion("OSCE Ministerial Council", Some("Madrid"), "2007-11-29"),
            "2020-01-01T00:00:00Z",
            false,
        );
        let summit = stored(
            occasion("OSCE Summit", Some("Astana"), "2010-12-01"),
            "2020-01-01T00:00:00Z",
            false,
        );
        let all = vec![madrid.clone(), summit.clone()];
        let m = Some(madrid.entity.id);
        assert_eq!(
            occasion_named(&all, "OSCE Ministerial Council in Madrid"),
            m
        );
        assert_eq!(occasion_named(&all, "osce ministerial council"), m);
        assert_eq!(occasion_named(&all, "OSCE Ministerial Council, Madrid"), m);
        assert_eq!(
            occasion_named(&all, "OSCE Ministerial Council in Madrid in 2007"),
            m
        );
        assert_eq!(
            occasion_named(&all, "OSCE Summit in Astana"),
            Some(summit.entity.id)
        );
        for unsure in [
            "OSCE Ministerial Council in Helsinki",
            "OSCE Ministerial Council in Madrid in 2008",
            "OSCE Ministerial Councils in Madrid",
            "OSCE Summit Declaration",
            "OSCE",
            "Madrid",
            "",
        ] {
            assert_eq!(occasion_named(&all, unsure), None, "{unsure}");
        }
        // Two councils of one title: the title alone is ambiguous, the
        // place tells them apart.
        let helsinki = stored(
            occasion("OSCE Ministerial Council", Some("Helsinki"), "2008-12-04"),
            "2021-01-01T00:00:00Z",
            false,
        );
        let both = vec![madrid.clone(), helsinki.clone(), summit];
        assert_eq!(occasion_named(&both, "OSCE Ministerial Council"), None);
        assert_eq!(
            occasion_named(&both, "OSCE Ministerial Council in Madrid"),
            m
        );
        assert_eq!(
            occasion_named(&both, "OSCE Ministerial Council at Helsinki"),
            Some(helsinki.entity.id)
        );
        // A removed occasion is never linked.
        let removed = stored(madrid.entity.clone(), "2020-01-01T00:00:00Z", true);
        assert_eq!(occasion_named(&[removed], "OSCE Ministerial Council"), None);
    }

    #[test]
    fn offsets_count_characters_not_bytes() {
        assert_eq!(chars("Kazakhstan’s law", 10, 12).as_deref(), Some("’s"));
        assert_eq!(chars("abc", 2, 5), None);
    }
}
