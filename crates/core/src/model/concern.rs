//! Concerns: human-rights problems followed beyond the commitments.

use serde::{Deserialize, Serialize};

use super::{Column, ColumnType, ColumnValue, EntityKind, FieldShape, Record};
use crate::error::ValidationErrors;
use crate::facts::ResolvedDate;
use crate::field::{Prose, Title};
use crate::ids::ConcernId;
use crate::search::SearchDocument;
use crate::validate::Check;

/// A human-rights problem beyond the commitments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Concern {
    pub id: ConcernId,
    #[schema(value_type = String)]
    pub title: Title,
    #[schema(value_type = String)]
    pub description: Prose,
    pub themes: Vec<String>,
    /// The day the description speaks as of.
    #[serde(default)]
    pub description_as_of: Option<chrono::NaiveDate>,
    /// What the description said before, oldest first.
    #[serde(default)]
    pub earlier_descriptions: Vec<super::DatedText>,
}

impl Record for Concern {
    type Id = ConcernId;
    const KIND: EntityKind = EntityKind::Concern;
    const FIELDS: &'static [(&'static str, FieldShape)] = &[
        ("id", FieldShape::Text),
        ("title", FieldShape::Text),
        ("description", FieldShape::Text),
        ("themes", FieldShape::List),
        ("description_as_of", FieldShape::Optional),
        ("earlier_descriptions", FieldShape::List),
    ];
    const COLUMNS: &'static [Column] = &[Column::new("title", ColumnType::Text)];

    fn id(&self) -> ConcernId {
        self.id
    }

    fn label(&self) -> String {
        self.title.to_string()
    }

    fn column_values(&self, _: Option<ResolvedDate>) -> Vec<ColumnValue> {
        vec![ColumnValue::text(&self.title)]
    }

    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut c = Check::new();
        c.list("themes", &self.themes);
        c.earlier_versions(
            "earlier_descriptions",
            "description_as_of",
            self.description_as_of,
            &self.earlier_descriptions,
        );
        c.finish()
    }

    fn search_document(&self) -> Option<SearchDocument> {
        Some(SearchDocument::of(
            &self.title,
            &[Some(&self.title), Some(&self.description)],
        ))
    }
}
