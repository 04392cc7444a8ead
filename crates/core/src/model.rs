//! The entities of pledgewatch's vocabulary (see DESIGN.md): actors,
//! occasions, sources and quotes, commitments, milestones, developments,
//! assessments, recommendations, concerns, dossiers, recipient lists and
//! signatories.
//!
//! Enumerations parse from and print to stable snake_case names, which are
//! also what the database stores.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::date::PreciseDate;
use crate::error::InvalidValue;
use crate::ids::*;
use crate::scale::{ScaleId, ScaleVersion};

/// Defines a closed set of names with `as_str`, `parse` and serde support.
macro_rules! named_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($variant:ident => $text:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),* }
            }

            pub fn parse(text: &str) -> Result<Self, InvalidValue> {
                match text {
                    $($text => Ok($name::$variant),)*
                    _ => Err(InvalidValue::new(format!(
                        concat!("'{}' is not ", $what, " (expected one of: {})"),
                        text,
                        [$($text),*].join(", ")
                    ))),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

named_enum!(
    /// What sort of actor this is.
    ActorKind, "an actor kind" {
        State => "state",
        Institution => "institution",
        Person => "person",
        Organisation => "organisation",
    }
);

named_enum!(
    /// Where a commitment comes from.
    Origin, "a commitment origin" {
        Pledge => "pledge",
        AcceptedRecommendation => "accepted_recommendation",
        LegalObligation => "legal_obligation",
    }
);

named_enum!(
    /// The shape of a commitment's timing.
    TimingKind, "a timing kind" {
        ByDeadline => "by_deadline",
        DuringPeriod => "during_period",
        RefrainFrom => "refrain_from",
        NoneStated => "none_stated",
    }
);

named_enum!(
    /// Which way a development moved a commitment or concern.
    Direction, "a direction" {
        Advance => "advance",
        NoChange => "no_change",
        Setback => "setback",
    }
);

named_enum!(
    /// How urgent a recommended step is.
    Priority, "a priority" {
        High => "high",
        Medium => "medium",
        Low => "low",
    }
);

named_enum!(
    /// How a State answered a recommendation made to it (at the UPR:
    /// supported, noted, or still to be examined).
    Response, "a response" {
        Supported => "supported",
        Noted => "noted",
        Pending => "pending",
    }
);

named_enum!(
    /// The kind of gathering or document where commitments are made.
    OccasionKind, "an occasion kind" {
        Conference => "conference",
        Session => "session",
        Speech => "speech",
        Letter => "letter",
        Report => "report",
        Other => "other",
    }
);

named_enum!(
    /// Every kind of entity, as named in the audit log and in search results.
    EntityKind, "an entity kind" {
        Actor => "actor",
        Occasion => "occasion",
        Source => "source",
        Quote => "quote",
        Commitment => "commitment",
        Milestone => "milestone",
        Development => "development",
        Assessment => "assessment",
        Recommendation => "recommendation",
        Concern => "concern",
        Dossier => "dossier",
        RecipientList => "recipient_list",
        Signatory => "signatory",
        User => "user",
        Candidate => "candidate",
    }
);

named_enum!(
    /// Where a draft commitment stands in the review queue.
    CandidateStatus, "a candidate status" {
        Pending => "pending",
        Accepted => "accepted",
        Rejected => "rejected",
    }
);

/// A role a person holds over a period ("Minister of Foreign Affairs of
/// Kazakhstan" from 2007).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ActorRole {
    pub title: String,
    pub of: Option<ActorId>,
    pub from: Option<PreciseDate>,
    pub until: Option<PreciseDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Actor {
    pub id: ActorId,
    pub kind: ActorKind,
    pub name: String,
    pub short_name: Option<String>,
    /// ISO 3166-1 alpha-2, for states.
    pub country_code: Option<String>,
    pub roles: Vec<ActorRole>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Occasion {
    pub id: OccasionId,
    pub title: String,
    pub kind: OccasionKind,
    pub place: Option<String>,
    pub starts: PreciseDate,
    pub ends: Option<PreciseDate>,
    pub organiser: Option<ActorId>,
}

/// A SHA-256 digest, as 64 lowercase hexadecimal digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(try_from = "String", into = "String")]
pub struct Sha256Hex(String);

impl Sha256Hex {
    pub fn parse(text: &str) -> Result<Self, InvalidValue> {
        if text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
            Ok(Self(text.to_owned()))
        } else {
            Err(InvalidValue::new(format!(
                "'{text}' is not a SHA-256 digest (expected 64 lowercase hex digits)"
            )))
        }
    }

    pub fn of(bytes: &[u8]) -> Self {
        use sha2::Digest;
        Self(hex(&sha2::Sha256::digest(bytes)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Sha256Hex {
    type Error = InvalidValue;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Sha256Hex> for String {
    fn from(value: Sha256Hex) -> String {
        value.0
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut out, b| {
            let _ = write!(out, "{b:02x}");
            out
        })
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Source {
    pub id: SourceId,
    pub title: String,
    pub publisher: Option<String>,
    pub author: Option<String>,
    pub published: Option<PreciseDate>,
    pub url: Option<String>,
    /// BCP 47 language tag ("en", "ru", "fr").
    pub language: Option<String>,
    /// Confidential sources are never shown to the public.
    pub confidential: bool,
    /// The document's text, for search.
    pub text: Option<String>,
    /// The stored file, identified by its content.
    pub file_sha256: Option<Sha256Hex>,
    pub note: Option<String>,
}

/// An exact passage of a source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Quote {
    pub id: QuoteId,
    pub source: SourceId,
    pub text: String,
    /// Page, paragraph or character offsets.
    pub locator: Option<String>,
    /// Who said it, where the source reports someone else's words.
    pub speaker: Option<String>,
}

/// A date a deadline or a period boundary refers to: a fixed date, or a
/// milestone whose date may move.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(untagged)]
pub enum DateRef {
    Fixed {
        date: PreciseDate,
        /// The relative expression the date was resolved from, if any
        /// ("six months ago", read in a letter of 2008-05-28).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        resolved_from: Option<String>,
    },
    Milestone {
        milestone: MilestoneId,
        #[serde(default)]
        offset_days: i32,
    },
}

/// When a commitment is to be kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Timing {
    ByDeadline {
        deadline: DateRef,
        as_written: Option<String>,
    },
    DuringPeriod {
        from: DateRef,
        until: DateRef,
        as_written: Option<String>,
    },
    RefrainFrom {
        as_written: Option<String>,
    },
    NoneStated,
}

impl Timing {
    pub fn kind(&self) -> TimingKind {
        match self {
            Timing::ByDeadline { .. } => TimingKind::ByDeadline,
            Timing::DuringPeriod { .. } => TimingKind::DuringPeriod,
            Timing::RefrainFrom { .. } => TimingKind::RefrainFrom,
            Timing::NoneStated => TimingKind::NoneStated,
        }
    }

    pub fn as_written(&self) -> Option<&str> {
        match self {
            Timing::ByDeadline { as_written, .. }
            | Timing::DuringPeriod { as_written, .. }
            | Timing::RefrainFrom { as_written } => as_written.as_deref(),
            Timing::NoneStated => None,
        }
    }

    /// The milestones this timing depends on.
    pub fn milestones(&self) -> Vec<MilestoneId> {
        let refs: Vec<&DateRef> = match self {
            Timing::ByDeadline { deadline, .. } => vec![deadline],
            Timing::DuringPeriod { from, until, .. } => vec![from, until],
            _ => vec![],
        };
        refs.into_iter()
            .filter_map(|r| match r {
                DateRef::Milestone { milestone, .. } => Some(*milestone),
                DateRef::Fixed { .. } => None,
            })
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Commitment {
    pub id: CommitmentId,
    /// A short statement of what was promised.
    pub statement: String,
    /// Who is bound.
    pub bound: ActorId,
    /// Who made it (spoke or signed).
    pub made_by: Option<ActorId>,
    pub occasion: Option<OccasionId>,
    pub made_on: PreciseDate,
    pub origin: Origin,
    pub themes: Vec<String>,
    /// The words it was made in.
    pub quote: Option<QuoteId>,
    pub timing: Timing,
    /// "subject to...", "if...".
    pub condition: Option<String>,
    /// Identity in an outside collection, for imports that run again.
    pub external_id: Option<String>,
}

/// A named event whose date may move; deadlines can be tied to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Milestone {
    pub id: MilestoneId,
    pub title: String,
    pub date: PreciseDate,
    pub description: Option<String>,
}

/// What a development is linked to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    Commitment(CommitmentId),
    Concern(ConcernId),
}

/// A development's direction for one commitment or concern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Effect {
    pub target: Target,
    pub direction: Direction,
}

/// A dated fact about what happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Development {
    pub id: DevelopmentId,
    pub date: PreciseDate,
    pub title: String,
    pub summary: String,
    /// The situation before or at the moment of the pledge.
    pub baseline: bool,
    pub note: Option<String>,
    pub sources: Vec<SourceId>,
    pub quotes: Vec<QuoteId>,
    pub effects: Vec<Effect>,
}

/// A rating of one commitment as of a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Assessment {
    pub id: AssessmentId,
    pub commitment: CommitmentId,
    pub as_of: NaiveDate,
    pub scale: ScaleVersion,
    /// A status key of `scale`.
    pub status: String,
    pub rationale: String,
    pub developments: Vec<DevelopmentId>,
    pub rated_by: String,
    pub reviewed_by: Option<String>,
}

/// A step needed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Recommendation {
    pub id: RecommendationId,
    pub action: String,
    /// The body that should act.
    pub responsible: Option<ActorId>,
    /// Who asks for it (the team, ODIHR, a UPR recommending state).
    pub proposed_by: Option<ActorId>,
    pub priority: Priority,
    pub answers: Vec<Target>,
    pub source: Option<SourceId>,
    /// For a recommendation made to a State: how the State answered.
    #[serde(default)]
    pub response: Option<Response>,
    #[serde(default)]
    pub themes: Vec<String>,
    /// Where it was made (a UPR session).
    #[serde(default)]
    pub occasion: Option<OccasionId>,
    /// Identity in an outside collection, for imports that run again.
    #[serde(default)]
    pub external_id: Option<String>,
}

/// A human-rights problem beyond the commitments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Concern {
    pub id: ConcernId,
    pub title: String,
    pub description: String,
    pub themes: Vec<String>,
}

/// A URL-safe name: lowercase letters, digits and hyphens.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

impl Slug {
    pub fn parse(text: &str) -> Result<Self, InvalidValue> {
        let ok = !text.is_empty()
            && text.len() <= 100
            && text
                .bytes()
                .all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-'))
            && !text.starts_with('-')
            && !text.ends_with('-');
        if ok {
            Ok(Self(text.to_owned()))
        } else {
            Err(InvalidValue::new(format!(
                "'{text}' is not a slug (1-100 lowercase letters, digits and inner hyphens)"
            )))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Slug {
    type Error = InvalidValue;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Slug> for String {
    fn from(value: Slug) -> String {
        value.0
    }
}

impl std::fmt::Display for Slug {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A working set for one campaign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Dossier {
    pub id: DossierId,
    pub slug: Slug,
    pub title: String,
    pub summary: Option<String>,
    pub scale: ScaleId,
    pub commitments: Vec<CommitmentId>,
    pub concerns: Vec<ConcernId>,
    pub milestones: Vec<MilestoneId>,
    pub recipient_lists: Vec<RecipientListId>,
    pub signatories: Vec<SignatoryId>,
}

/// One addressee of a letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Recipient {
    pub state: Option<String>,
    pub title: String,
    pub name: Option<String>,
    pub salutation: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RecipientList {
    pub id: RecipientListId,
    pub name: String,
    pub recipients: Vec<Recipient>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Signatory {
    pub id: SignatoryId,
    pub name: String,
    pub title: String,
    pub division: Option<String>,
    pub organisation: Option<String>,
}

/// A draft commitment proposed by the extractor from a source's text,
/// waiting for a person to accept (possibly after editing) or reject it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Candidate {
    pub id: CandidateId,
    /// The source whose text it was read from.
    pub source: SourceId,
    /// The exact words, as they stand in the source's text.
    pub quote_text: String,
    /// Character offsets (Unicode scalar values) of the quote in the
    /// source's text, end exclusive.
    pub quote_start: u64,
    pub quote_end: u64,
    /// Who is bound, as named in the text ("Kazakhstan").
    pub actor: Option<String>,
    /// Who spoke or signed, if stated.
    pub speaker: Option<String>,
    /// The occasion, if stated ("OSCE Ministerial Council in Madrid").
    pub occasion: Option<String>,
    /// What is promised.
    pub statement: String,
    pub origin: Origin,
    /// For an accepted UPR recommendation: the States that made it.
    pub recommended_by: Option<String>,
    pub timing: TimingKind,
    /// The deadline (or the end of the period) resolved to a date.
    pub deadline: Option<PreciseDate>,
    /// The deadline or period as written ("by the end of 2008").
    pub deadline_as_written: Option<String>,
    /// Why the deadline could not be resolved, if it could not.
    pub deadline_unresolved: Option<String>,
    pub condition: Option<String>,
    /// When the commitment was made, if the text says.
    pub made_on: Option<PreciseDate>,
    /// How sure the extractor was, 0 to 100.
    #[schema(minimum = 0, maximum = 100)]
    pub confidence: u8,
    /// The rule that proposed it.
    pub rule: Option<String>,
    pub status: CandidateStatus,
    /// Why it was rejected.
    pub rejection_reason: Option<String>,
    /// The commitment it became, once accepted.
    pub commitment: Option<CommitmentId>,
}

/// Any entity, for the storage layer and the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "kind", content = "data", rename_all = "snake_case")]
pub enum Entity {
    Actor(Actor),
    Occasion(Occasion),
    Source(Source),
    Quote(Quote),
    Commitment(Commitment),
    Milestone(Milestone),
    Development(Development),
    Assessment(Assessment),
    Recommendation(Recommendation),
    Concern(Concern),
    Dossier(Dossier),
    RecipientList(RecipientList),
    Signatory(Signatory),
    Candidate(Candidate),
}

impl Entity {
    pub fn kind(&self) -> EntityKind {
        match self {
            Entity::Actor(_) => EntityKind::Actor,
            Entity::Occasion(_) => EntityKind::Occasion,
            Entity::Source(_) => EntityKind::Source,
            Entity::Quote(_) => EntityKind::Quote,
            Entity::Commitment(_) => EntityKind::Commitment,
            Entity::Milestone(_) => EntityKind::Milestone,
            Entity::Development(_) => EntityKind::Development,
            Entity::Assessment(_) => EntityKind::Assessment,
            Entity::Recommendation(_) => EntityKind::Recommendation,
            Entity::Concern(_) => EntityKind::Concern,
            Entity::Dossier(_) => EntityKind::Dossier,
            Entity::RecipientList(_) => EntityKind::RecipientList,
            Entity::Signatory(_) => EntityKind::Signatory,
            Entity::Candidate(_) => EntityKind::Candidate,
        }
    }

    pub fn id(&self) -> uuid::Uuid {
        match self {
            Entity::Actor(e) => e.id.0,
            Entity::Occasion(e) => e.id.0,
            Entity::Source(e) => e.id.0,
            Entity::Quote(e) => e.id.0,
            Entity::Commitment(e) => e.id.0,
            Entity::Milestone(e) => e.id.0,
            Entity::Development(e) => e.id.0,
            Entity::Assessment(e) => e.id.0,
            Entity::Recommendation(e) => e.id.0,
            Entity::Concern(e) => e.id.0,
            Entity::Dossier(e) => e.id.0,
            Entity::RecipientList(e) => e.id.0,
            Entity::Signatory(e) => e.id.0,
            Entity::Candidate(e) => e.id.0,
        }
    }

    /// The other entities this one refers to, with the field that refers,
    /// so that a dangling reference can be named.
    pub fn references(&self) -> Vec<(String, EntityKind, uuid::Uuid)> {
        use EntityKind as K;
        let mut refs: Vec<(String, EntityKind, uuid::Uuid)> = Vec::new();
        let target = |field: String, t: &Target| match t {
            Target::Commitment(id) => (field, K::Commitment, id.0),
            Target::Concern(id) => (field, K::Concern, id.0),
        };
        match self {
            Entity::Actor(a) => {
                for (i, role) in a.roles.iter().enumerate() {
                    if let Some(of) = role.of {
                        refs.push((format!("roles[{i}].of"), K::Actor, of.0));
                    }
                }
            }
            Entity::Occasion(o) => {
                if let Some(id) = o.organiser {
                    refs.push(("organiser".into(), K::Actor, id.0));
                }
            }
            Entity::Source(_)
            | Entity::Concern(_)
            | Entity::Signatory(_)
            | Entity::RecipientList(_)
            | Entity::Milestone(_) => {}
            Entity::Quote(q) => refs.push(("source".into(), K::Source, q.source.0)),
            Entity::Candidate(c) => {
                refs.push(("source".into(), K::Source, c.source.0));
                if let Some(id) = c.commitment {
                    refs.push(("commitment".into(), K::Commitment, id.0));
                }
            }
            Entity::Commitment(c) => {
                refs.push(("bound".into(), K::Actor, c.bound.0));
                if let Some(id) = c.made_by {
                    refs.push(("made_by".into(), K::Actor, id.0));
                }
                if let Some(id) = c.occasion {
                    refs.push(("occasion".into(), K::Occasion, id.0));
                }
                if let Some(id) = c.quote {
                    refs.push(("quote".into(), K::Quote, id.0));
                }
                for id in c.timing.milestones() {
                    refs.push(("timing".into(), K::Milestone, id.0));
                }
            }
            Entity::Development(d) => {
                refs.extend(
                    d.sources
                        .iter()
                        .enumerate()
                        .map(|(i, id)| (format!("sources[{i}]"), K::Source, id.0)),
                );
                refs.extend(
                    d.quotes
                        .iter()
                        .enumerate()
                        .map(|(i, id)| (format!("quotes[{i}]"), K::Quote, id.0)),
                );
                refs.extend(
                    d.effects
                        .iter()
                        .enumerate()
                        .map(|(i, e)| target(format!("effects[{i}]"), &e.target)),
                );
            }
            Entity::Assessment(a) => {
                refs.push(("commitment".into(), K::Commitment, a.commitment.0));
                refs.extend(
                    a.developments
                        .iter()
                        .enumerate()
                        .map(|(i, id)| (format!("developments[{i}]"), K::Development, id.0)),
                );
            }
            Entity::Recommendation(r) => {
                if let Some(id) = r.responsible {
                    refs.push(("responsible".into(), K::Actor, id.0));
                }
                if let Some(id) = r.proposed_by {
                    refs.push(("proposed_by".into(), K::Actor, id.0));
                }
                if let Some(id) = r.source {
                    refs.push(("source".into(), K::Source, id.0));
                }
                if let Some(id) = r.occasion {
                    refs.push(("occasion".into(), K::Occasion, id.0));
                }
                refs.extend(
                    r.answers
                        .iter()
                        .enumerate()
                        .map(|(i, t)| target(format!("answers[{i}]"), t)),
                );
            }
            Entity::Dossier(d) => {
                refs.extend(
                    d.commitments
                        .iter()
                        .enumerate()
                        .map(|(i, id)| (format!("commitments[{i}]"), K::Commitment, id.0)),
                );
                refs.extend(
                    d.concerns
                        .iter()
                        .enumerate()
                        .map(|(i, id)| (format!("concerns[{i}]"), K::Concern, id.0)),
                );
                refs.extend(
                    d.milestones
                        .iter()
                        .enumerate()
                        .map(|(i, id)| (format!("milestones[{i}]"), K::Milestone, id.0)),
                );
                refs.extend(
                    d.recipient_lists
                        .iter()
                        .enumerate()
                        .map(|(i, id)| (format!("recipient_lists[{i}]"), K::RecipientList, id.0)),
                );
                refs.extend(
                    d.signatories
                        .iter()
                        .enumerate()
                        .map(|(i, id)| (format!("signatories[{i}]"), K::Signatory, id.0)),
                );
            }
        }
        refs
    }
}

/// Bookkeeping the store keeps for every entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Meta {
    /// Starts at 1 and grows by one with every change.
    pub version: i64,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
    /// Set when the entity was removed (it stays readable).
    pub deleted_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// An entity as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stored<T> {
    pub meta: Meta,
    pub entity: T,
}
