//! Commitments: what an actor promised, when and where, in which words, and
//! by when (its timing, with the dates a deadline may refer to).

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Column, ColumnType, ColumnValue, EntityKind, FieldShape, Record, Reference, shorten};
use crate::date::PreciseDate;
use crate::error::{Said, ValidationErrors};
use crate::facts::ResolvedDate;
use crate::field::Prose;
use crate::ids::{ActorId, CommitmentId, MilestoneId, OccasionId, QuoteId};
use crate::search::SearchDocument;
use crate::validate::{Check, MAX_TEXT, MAX_TITLE};

named_enum!(
    /// Where a commitment comes from.
    Origin, "a commitment origin" {
        Pledge,
        AcceptedRecommendation,
        LegalObligation,
    }
);

named_enum!(
    /// The shape of a commitment's timing.
    TimingKind, "a timing kind" {
        ByDeadline,
        DuringPeriod,
        RefrainFrom,
        NoneStated,
    }
);

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

    /// Fixed dates in order: a deadline not before `made_on`, a period's
    /// end not before its start. Dates tied to milestones are checked by
    /// the services, which can read the milestone.
    fn check_dates(&self, made_on: &PreciseDate, c: &mut Check) {
        match self {
            Timing::ByDeadline {
                deadline: DateRef::Fixed { date, .. },
                ..
            } if date.latest() < made_on.earliest() => c.push(
                "timing.deadline",
                Said::new("reason-deadline-before-made")
                    .date("deadline", date)
                    .date("made", made_on),
            ),
            Timing::DuringPeriod {
                from: DateRef::Fixed { date: f, .. },
                until: DateRef::Fixed { date: u, .. },
                ..
            } => c.period("timing.until", Some(f), Some(u)),
            _ => {}
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Commitment {
    pub id: CommitmentId,
    /// A short statement of what was promised.
    #[schema(value_type = String)]
    pub statement: Prose,
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

impl Record for Commitment {
    type Id = CommitmentId;
    const KIND: EntityKind = EntityKind::Commitment;
    const FIELDS: &'static [(&'static str, FieldShape)] = &[
        ("id", FieldShape::Text),
        ("statement", FieldShape::Text),
        ("bound", FieldShape::Text),
        ("made_by", FieldShape::Optional),
        ("occasion", FieldShape::Optional),
        ("made_on", FieldShape::Text),
        ("origin", FieldShape::Text),
        ("themes", FieldShape::List),
        ("quote", FieldShape::Optional),
        ("timing", FieldShape::Json),
        ("condition", FieldShape::Optional),
        ("external_id", FieldShape::Optional),
    ];
    const COLUMNS: &'static [Column] = &[
        Column::new("statement", ColumnType::Text),
        Column::new("bound_actor_id", ColumnType::Uuid),
        Column::new("made_by_actor_id", ColumnType::Uuid),
        Column::new("occasion_id", ColumnType::Uuid),
        Column::new("made_on", ColumnType::Date),
        Column::new("made_precision", ColumnType::Text),
        Column::new("origin", ColumnType::Text),
        Column::new("timing_kind", ColumnType::Text),
        Column::new("deadline_on", ColumnType::Date),
        Column::new("deadline_precision", ColumnType::Text),
        Column::new("quote_id", ColumnType::Uuid),
        Column::new("external_id", ColumnType::Text),
    ];

    fn id(&self) -> CommitmentId {
        self.id
    }

    fn label(&self) -> String {
        shorten(&self.statement, 100)
    }

    fn column_values(&self, deadline: Option<ResolvedDate>) -> Vec<ColumnValue> {
        vec![
            ColumnValue::text(&self.statement),
            ColumnValue::id(self.bound),
            ColumnValue::opt_id(self.made_by),
            ColumnValue::opt_id(self.occasion),
            ColumnValue::Date(Some(self.made_on.earliest())),
            ColumnValue::text(self.made_on.precision().as_str()),
            ColumnValue::text(self.origin.as_str()),
            ColumnValue::text(self.timing.kind().as_str()),
            ColumnValue::Date(deadline.map(|d| d.date)),
            ColumnValue::opt_text(deadline.map(|d| d.precision.as_str())),
            ColumnValue::opt_id(self.quote),
            ColumnValue::opt_text(self.external_id.as_deref()),
        ]
    }

    fn references(&self) -> Vec<Reference> {
        let mut refs = vec![Reference::to("bound", self.bound)];
        refs.extend(self.made_by.map(|id| Reference::to("made_by", id)));
        refs.extend(self.occasion.map(|id| Reference::to("occasion", id)));
        refs.extend(self.quote.map(|id| Reference::to("quote", id)));
        refs.extend(
            self.timing
                .milestones()
                .into_iter()
                .map(|id| Reference::to("timing", id)),
        );
        refs
    }

    fn retain_references(&mut self, keep: &dyn Fn(EntityKind, Uuid) -> bool) -> bool {
        // Who is bound, and the milestones its timing hangs on, are required.
        if !keep(EntityKind::Actor, self.bound.uuid())
            || self
                .timing
                .milestones()
                .iter()
                .any(|m| !keep(EntityKind::Milestone, m.uuid()))
        {
            return false;
        }
        self.made_by = self.made_by.filter(|id| keep(EntityKind::Actor, id.uuid()));
        self.occasion = self
            .occasion
            .filter(|id| keep(EntityKind::Occasion, id.uuid()));
        self.quote = self.quote.filter(|id| keep(EntityKind::Quote, id.uuid()));
        true
    }

    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut c = Check::new();
        c.list("themes", &self.themes);
        c.optional("condition", &self.condition, MAX_TEXT, true);
        c.optional("external_id", &self.external_id, MAX_TITLE, false);
        c.optional(
            "timing.as_written",
            &self.timing.as_written().map(str::to_owned),
            MAX_TITLE,
            false,
        );
        self.timing.check_dates(&self.made_on, &mut c);
        c.finish()
    }

    fn search_document(&self) -> Option<SearchDocument> {
        let themes = self.themes.join(", ");
        Some(SearchDocument::of(
            &self.statement,
            &[
                Some(&self.statement),
                self.condition.as_deref(),
                self.timing.as_written(),
                Some(&themes),
            ],
        ))
    }
}
