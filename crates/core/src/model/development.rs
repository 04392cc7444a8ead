//! Developments: dated facts about what happened, with their sources and
//! the way they moved commitments and concerns (their effects).

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Column, ColumnType, ColumnValue, EntityKind, FieldShape, Record, Reference, shorten};
use crate::date::PreciseDate;
use crate::error::{Said, ValidationErrors};
use crate::facts::ResolvedDate;
use crate::field::{Prose, Title};
use crate::ids::{CommitmentId, ConcernId, DevelopmentId, QuoteId, SourceId};
use crate::search::SearchDocument;
use crate::validate::{Check, MAX_TEXT};

named_enum!(
    /// Which way a development moved a commitment or concern.
    Direction, "a direction" {
        Advance,
        NoChange,
        Setback,
    }
);

/// What a development is linked to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    Commitment(CommitmentId),
    Concern(ConcernId),
}

impl Target {
    /// The reference by `field` to the commitment or concern.
    pub fn reference(&self, field: String) -> Reference {
        match *self {
            Target::Commitment(id) => Reference::to(field, id),
            Target::Concern(id) => Reference::to(field, id),
        }
    }

    /// Whether `keep` keeps the commitment or concern it names
    /// (`Record::retain_references`).
    pub fn kept(&self, keep: &dyn Fn(EntityKind, Uuid) -> bool) -> bool {
        match *self {
            Target::Commitment(id) => keep(EntityKind::Commitment, id.uuid()),
            Target::Concern(id) => keep(EntityKind::Concern, id.uuid()),
        }
    }
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
    #[schema(value_type = String)]
    pub title: Title,
    #[schema(value_type = String)]
    pub summary: Prose,
    /// The situation before or at the moment of the pledge.
    pub baseline: bool,
    pub note: Option<String>,
    pub sources: Vec<SourceId>,
    pub quotes: Vec<QuoteId>,
    pub effects: Vec<Effect>,
}

impl Record for Development {
    type Id = DevelopmentId;
    const KIND: EntityKind = EntityKind::Development;
    const FIELDS: &'static [(&'static str, FieldShape)] = &[
        ("id", FieldShape::Text),
        ("date", FieldShape::Text),
        ("title", FieldShape::Text),
        ("summary", FieldShape::Text),
        ("baseline", FieldShape::Bool),
        ("note", FieldShape::Optional),
        ("sources", FieldShape::List),
        ("quotes", FieldShape::List),
        ("effects", FieldShape::List),
    ];
    const COLUMNS: &'static [Column] = &[
        Column::new("occurred_on", ColumnType::Date),
        Column::new("occurred_precision", ColumnType::Text),
        Column::new("known_by", ColumnType::Date),
        Column::new("title", ColumnType::Text),
        Column::new("baseline", ColumnType::Bool),
    ];

    fn id(&self) -> DevelopmentId {
        self.id
    }

    fn label(&self) -> String {
        format!("{} {}", self.date, shorten(&self.title, 90))
    }

    fn column_values(&self, _: Option<ResolvedDate>) -> Vec<ColumnValue> {
        vec![
            ColumnValue::Date(Some(self.date.earliest())),
            ColumnValue::text(self.date.precision().as_str()),
            ColumnValue::Date(Some(self.date.latest())),
            ColumnValue::text(&self.title),
            ColumnValue::Bool(Some(self.baseline)),
        ]
    }

    fn references(&self) -> Vec<Reference> {
        let mut refs: Vec<Reference> = Reference::each("sources", &self.sources).collect();
        refs.extend(Reference::each("quotes", &self.quotes));
        refs.extend(
            self.effects
                .iter()
                .enumerate()
                .map(|(i, e)| e.target.reference(format!("effects[{i}]"))),
        );
        refs
    }

    fn retain_references(&mut self, keep: &dyn Fn(EntityKind, Uuid) -> bool) -> bool {
        self.sources
            .retain(|id| keep(EntityKind::Source, id.uuid()));
        self.quotes.retain(|id| keep(EntityKind::Quote, id.uuid()));
        self.effects.retain(|e| e.target.kept(keep));
        true
    }

    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut c = Check::new();
        c.optional("note", &self.note, MAX_TEXT, true);
        if self.sources.is_empty() {
            c.push("sources", Said::new("reason-development-needs-source"));
        }
        let mut seen = std::collections::HashSet::new();
        for (i, e) in self.effects.iter().enumerate() {
            if !seen.insert(e.target) {
                c.push(format!("effects[{i}]"), Said::new("reason-effect-twice"));
            }
        }
        c.finish()
    }

    fn search_document(&self) -> Option<SearchDocument> {
        Some(SearchDocument::of(
            &self.title,
            &[Some(&self.title), Some(&self.summary)],
        ))
    }
}
