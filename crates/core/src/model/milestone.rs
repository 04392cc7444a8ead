//! Milestones: named events whose date may move (an election, a
//! chairmanship); deadlines can be tied to them.

use serde::{Deserialize, Serialize};

use super::{Column, ColumnType, ColumnValue, EntityKind, FieldShape, Record};
use crate::date::PreciseDate;
use crate::error::ValidationErrors;
use crate::facts::ResolvedDate;
use crate::field::Title;
use crate::ids::MilestoneId;
use crate::validate::{Check, MAX_TEXT};

/// A named event whose date may move; deadlines can be tied to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Milestone {
    pub id: MilestoneId,
    #[schema(value_type = String)]
    pub title: Title,
    pub date: PreciseDate,
    pub description: Option<String>,
}

impl Record for Milestone {
    type Id = MilestoneId;
    const KIND: EntityKind = EntityKind::Milestone;
    const FIELDS: &'static [(&'static str, FieldShape)] = &[
        ("id", FieldShape::Text),
        ("title", FieldShape::Text),
        ("date", FieldShape::Text),
        ("description", FieldShape::Optional),
    ];
    const COLUMNS: &'static [Column] = &[
        Column::new("title", ColumnType::Text),
        Column::new("date_on", ColumnType::Date),
        Column::new("date_precision", ColumnType::Text),
    ];

    fn id(&self) -> MilestoneId {
        self.id
    }

    fn label(&self) -> String {
        format!("{} ({})", self.title, self.date)
    }

    fn column_values(&self, _: Option<ResolvedDate>) -> Vec<ColumnValue> {
        vec![
            ColumnValue::text(&self.title),
            ColumnValue::Date(Some(self.date.earliest())),
            ColumnValue::text(self.date.precision().as_str()),
        ]
    }

    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut c = Check::new();
        c.optional("description", &self.description, MAX_TEXT, true);
        c.finish()
    }
}
