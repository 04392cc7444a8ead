//! Recommendations: steps needed, who should take them and who asks, the
//! commitments and concerns they answer, and (for one made to a State) how
//! the State answered.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{
    Column, ColumnType, ColumnValue, EntityKind, FieldShape, Record, Reference, Target, shorten,
};
use crate::error::{Said, ValidationErrors};
use crate::facts::ResolvedDate;
use crate::field::Prose;
use crate::ids::{ActorId, OccasionId, RecommendationId, SourceId};
use crate::search::{SearchDocument, first_words};
use crate::validate::{Check, MAX_TITLE};

named_enum!(
    /// How urgent a recommended step is.
    Priority, "a priority" {
        High,
        Medium,
        Low,
    }
);

named_enum!(
    /// How a State answered a recommendation made to it (at the UPR:
    /// supported, noted, or still to be examined).
    Response, "a response" {
        Supported,
        Noted,
        Pending,
    }
);

/// A step needed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Recommendation {
    pub id: RecommendationId,
    #[schema(value_type = String)]
    pub action: Prose,
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

impl Record for Recommendation {
    type Id = RecommendationId;
    const KIND: EntityKind = EntityKind::Recommendation;
    const FIELDS: &'static [(&'static str, FieldShape)] = &[
        ("id", FieldShape::Text),
        ("action", FieldShape::Text),
        ("responsible", FieldShape::Optional),
        ("proposed_by", FieldShape::Optional),
        ("priority", FieldShape::Text),
        ("answers", FieldShape::List),
        ("source", FieldShape::Optional),
        ("response", FieldShape::Optional),
        ("themes", FieldShape::List),
        ("occasion", FieldShape::Optional),
        ("external_id", FieldShape::Optional),
    ];
    const COLUMNS: &'static [Column] = &[
        Column::new("priority", ColumnType::Text),
        Column::new("responsible_actor_id", ColumnType::Uuid),
        Column::new("proposed_by_actor_id", ColumnType::Uuid),
        Column::new("source_id", ColumnType::Uuid),
    ];

    fn id(&self) -> RecommendationId {
        self.id
    }

    fn label(&self) -> String {
        shorten(&self.action, 90)
    }

    fn column_values(&self, _: Option<ResolvedDate>) -> Vec<ColumnValue> {
        vec![
            ColumnValue::text(self.priority.as_str()),
            ColumnValue::opt_id(self.responsible),
            ColumnValue::opt_id(self.proposed_by),
            ColumnValue::opt_id(self.source),
        ]
    }

    fn references(&self) -> Vec<Reference> {
        let mut refs: Vec<Reference> = Vec::new();
        refs.extend(self.responsible.map(|id| Reference::to("responsible", id)));
        refs.extend(self.proposed_by.map(|id| Reference::to("proposed_by", id)));
        refs.extend(self.source.map(|id| Reference::to("source", id)));
        refs.extend(self.occasion.map(|id| Reference::to("occasion", id)));
        refs.extend(
            self.answers
                .iter()
                .enumerate()
                .map(|(i, t)| t.reference(format!("answers[{i}]"))),
        );
        refs
    }

    fn retain_references(&mut self, keep: &dyn Fn(EntityKind, Uuid) -> bool) -> bool {
        self.responsible = self
            .responsible
            .filter(|id| keep(EntityKind::Actor, id.uuid()));
        self.proposed_by = self
            .proposed_by
            .filter(|id| keep(EntityKind::Actor, id.uuid()));
        self.source = self.source.filter(|id| keep(EntityKind::Source, id.uuid()));
        self.occasion = self
            .occasion
            .filter(|id| keep(EntityKind::Occasion, id.uuid()));
        self.answers.retain(|t| t.kept(keep));
        true
    }

    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut c = Check::new();
        c.list("themes", &self.themes);
        c.optional("external_id", &self.external_id, MAX_TITLE, false);
        // A recommendation made to a State (with its answer) stands on its
        // own; the team's own must answer something.
        if self.answers.is_empty() && self.response.is_none() {
            c.push("answers", Said::new("reason-recommendation-needs-target"));
        }
        c.finish()
    }

    fn search_document(&self) -> Option<SearchDocument> {
        Some(SearchDocument::of(
            &first_words(&self.action),
            &[Some(&self.action)],
        ))
    }
}
