//! Candidates: draft commitments the extractor proposes from a source's
//! text, waiting in the review queue to be accepted or rejected.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{
    Column, ColumnType, ColumnValue, EntityKind, FieldShape, Origin, Record, Reference, TimingKind,
    shorten,
};
use crate::date::PreciseDate;
use crate::error::{Said, ValidationErrors};
use crate::facts::ResolvedDate;
use crate::ids::{CandidateId, CommitmentId, SourceId};
use crate::validate::{Check, MAX_TEXT, MAX_TITLE};

named_enum!(
    /// Where a draft commitment stands in the review queue.
    CandidateStatus, "a candidate status" {
        Pending,
        Accepted,
        Rejected,
    }
);

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

impl Candidate {
    /// The text fields: required ones, then optional ones.
    fn check_texts(&self, c: &mut Check) {
        c.text("statement", &self.statement, MAX_TEXT, true);
        c.text("quote_text", &self.quote_text, MAX_TEXT, true);
        let short = [
            ("actor", &self.actor),
            ("speaker", &self.speaker),
            ("occasion", &self.occasion),
            ("recommended_by", &self.recommended_by),
            ("deadline_as_written", &self.deadline_as_written),
            ("deadline_unresolved", &self.deadline_unresolved),
        ];
        for (field, value) in short {
            c.optional(field, value, MAX_TITLE, false);
        }
        c.optional("condition", &self.condition, MAX_TEXT, true);
        c.optional("rule", &self.rule, MAX_TITLE, false);
        c.optional("rejection_reason", &self.rejection_reason, MAX_TEXT, true);
    }

    /// The status agrees with the outcome: a pending candidate has none, an
    /// accepted one names its commitment, a rejected one gives its reason.
    fn check_status(&self, c: &mut Check) {
        match self.status {
            CandidateStatus::Pending => {
                if self.commitment.is_some() || self.rejection_reason.is_some() {
                    c.push("status", Said::new("reason-candidate-pending-outcome"));
                }
            }
            CandidateStatus::Accepted => {
                if self.commitment.is_none() {
                    c.push(
                        "commitment",
                        Said::new("reason-candidate-accepted-commitment"),
                    );
                }
            }
            CandidateStatus::Rejected => {
                if self.rejection_reason.is_none() {
                    c.push(
                        "rejection_reason",
                        Said::new("reason-candidate-rejected-reason"),
                    );
                }
                if self.commitment.is_some() {
                    c.push(
                        "commitment",
                        Said::new("reason-candidate-rejected-commitment"),
                    );
                }
            }
        }
    }
}

impl Record for Candidate {
    type Id = CandidateId;
    const KIND: EntityKind = EntityKind::Candidate;
    const FIELDS: &'static [(&'static str, FieldShape)] = &[
        ("id", FieldShape::Text),
        ("source", FieldShape::Text),
        ("quote_text", FieldShape::Text),
        ("quote_start", FieldShape::Number),
        ("quote_end", FieldShape::Number),
        ("actor", FieldShape::Optional),
        ("speaker", FieldShape::Optional),
        ("occasion", FieldShape::Optional),
        ("statement", FieldShape::Text),
        ("origin", FieldShape::Text),
        ("recommended_by", FieldShape::Optional),
        ("timing", FieldShape::Text),
        ("deadline", FieldShape::Optional),
        ("deadline_as_written", FieldShape::Optional),
        ("deadline_unresolved", FieldShape::Optional),
        ("condition", FieldShape::Optional),
        ("made_on", FieldShape::Optional),
        ("confidence", FieldShape::Number),
        ("rule", FieldShape::Optional),
        ("status", FieldShape::Text),
        ("rejection_reason", FieldShape::Optional),
        ("commitment", FieldShape::Optional),
    ];
    const COLUMNS: &'static [Column] = &[
        Column::new("source_id", ColumnType::Uuid),
        Column::new("status", ColumnType::Text),
        Column::new("statement", ColumnType::Text),
        Column::new("quote_start", ColumnType::Int),
        Column::new("quote_end", ColumnType::Int),
        Column::new("commitment_id", ColumnType::Uuid),
    ];

    fn id(&self) -> CandidateId {
        self.id
    }

    fn label(&self) -> String {
        shorten(&self.statement, 100)
    }

    fn column_values(&self, _: Option<ResolvedDate>) -> Vec<ColumnValue> {
        vec![
            ColumnValue::id(self.source),
            ColumnValue::text(self.status.as_str()),
            ColumnValue::text(&self.statement),
            ColumnValue::int(self.quote_start),
            ColumnValue::int(self.quote_end),
            ColumnValue::opt_id(self.commitment),
        ]
    }

    fn references(&self) -> Vec<Reference> {
        let mut refs = vec![Reference::to("source", self.source)];
        refs.extend(self.commitment.map(|id| Reference::to("commitment", id)));
        refs
    }

    fn retain_references(&mut self, keep: &dyn Fn(EntityKind, Uuid) -> bool) -> bool {
        if !keep(EntityKind::Source, self.source.uuid()) {
            return false;
        }
        self.commitment = self
            .commitment
            .filter(|id| keep(EntityKind::Commitment, id.uuid()));
        true
    }

    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut c = Check::new();
        self.check_texts(&mut c);
        if self.quote_end <= self.quote_start {
            c.push(
                "quote_end",
                Said::new("reason-quote-end")
                    .text("end", self.quote_end)
                    .text("start", self.quote_start),
            );
        }
        if self.confidence > 100 {
            c.push("confidence", Said::new("reason-confidence"));
        }
        self.check_status(&mut c);
        c.finish()
    }
}
