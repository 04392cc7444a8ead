//! Occasions: the gatherings and documents where commitments are made (a
//! conference, a session, a speech, a letter).

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Column, ColumnType, ColumnValue, EntityKind, FieldShape, Record, Reference};
use crate::date::PreciseDate;
use crate::error::ValidationErrors;
use crate::facts::ResolvedDate;
use crate::field::Title;
use crate::ids::{ActorId, OccasionId};
use crate::validate::{Check, MAX_TITLE};

named_enum!(
    /// The kind of gathering or document where commitments are made.
    OccasionKind, "an occasion kind" {
        Conference,
        Session,
        Speech,
        Letter,
        Report,
        Other,
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Occasion {
    pub id: OccasionId,
    #[schema(value_type = String)]
    pub title: Title,
    pub kind: OccasionKind,
    pub place: Option<String>,
    pub starts: PreciseDate,
    pub ends: Option<PreciseDate>,
    pub organiser: Option<ActorId>,
}

impl Record for Occasion {
    type Id = OccasionId;
    const KIND: EntityKind = EntityKind::Occasion;
    const FIELDS: &'static [(&'static str, FieldShape)] = &[
        ("id", FieldShape::Text),
        ("title", FieldShape::Text),
        ("kind", FieldShape::Text),
        ("place", FieldShape::Optional),
        ("starts", FieldShape::Text),
        ("ends", FieldShape::Optional),
        ("organiser", FieldShape::Optional),
    ];
    const COLUMNS: &'static [Column] = &[
        Column::new("title", ColumnType::Text),
        Column::new("kind", ColumnType::Text),
        Column::new("starts_on", ColumnType::Date),
        Column::new("starts_precision", ColumnType::Text),
        Column::new("ends_on", ColumnType::Date),
    ];

    fn id(&self) -> OccasionId {
        self.id
    }

    fn label(&self) -> String {
        format!("{} ({})", self.title, self.starts)
    }

    fn column_values(&self, _: Option<ResolvedDate>) -> Vec<ColumnValue> {
        vec![
            ColumnValue::text(&self.title),
            ColumnValue::text(self.kind.as_str()),
            ColumnValue::Date(Some(self.starts.earliest())),
            ColumnValue::text(self.starts.precision().as_str()),
            ColumnValue::Date(self.ends.map(|e| e.latest())),
        ]
    }

    fn references(&self) -> Vec<Reference> {
        self.organiser
            .map(|id| Reference::to("organiser", id))
            .into_iter()
            .collect()
    }

    fn retain_references(&mut self, keep: &dyn Fn(EntityKind, Uuid) -> bool) -> bool {
        self.organiser = self
            .organiser
            .filter(|id| keep(EntityKind::Actor, id.uuid()));
        true
    }

    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut c = Check::new();
        c.optional("place", &self.place, MAX_TITLE, false);
        c.period("ends", Some(&self.starts), self.ends.as_ref());
        c.finish()
    }
}
