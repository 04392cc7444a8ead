//! Quotes: exact passages of a source, the words a commitment or a
//! development rests on.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Column, ColumnType, ColumnValue, EntityKind, FieldShape, Record, Reference, shorten};
use crate::error::ValidationErrors;
use crate::facts::ResolvedDate;
use crate::field::Prose;
use crate::ids::{QuoteId, SourceId};
use crate::search::{SearchDocument, first_words};
use crate::validate::{Check, MAX_TITLE};

/// An exact passage of a source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Quote {
    pub id: QuoteId,
    pub source: SourceId,
    #[schema(value_type = String)]
    pub text: Prose,
    /// Page, paragraph or character offsets.
    pub locator: Option<String>,
    /// Who said it, where the source reports someone else's words.
    pub speaker: Option<String>,
}

impl Record for Quote {
    type Id = QuoteId;
    const KIND: EntityKind = EntityKind::Quote;
    const FIELDS: &'static [(&'static str, FieldShape)] = &[
        ("id", FieldShape::Text),
        ("source", FieldShape::Text),
        ("text", FieldShape::Text),
        ("locator", FieldShape::Optional),
        ("speaker", FieldShape::Optional),
    ];
    const COLUMNS: &'static [Column] = &[
        Column::new("source_id", ColumnType::Uuid),
        Column::new("text", ColumnType::Text),
    ];

    fn id(&self) -> QuoteId {
        self.id
    }

    fn label(&self) -> String {
        shorten(&self.text, 90)
    }

    fn column_values(&self, _: Option<ResolvedDate>) -> Vec<ColumnValue> {
        vec![ColumnValue::id(self.source), ColumnValue::text(&self.text)]
    }

    fn references(&self) -> Vec<Reference> {
        vec![Reference::to("source", self.source)]
    }

    fn retain_references(&mut self, keep: &dyn Fn(EntityKind, Uuid) -> bool) -> bool {
        keep(EntityKind::Source, self.source.uuid())
    }

    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut c = Check::new();
        c.optional("locator", &self.locator, MAX_TITLE, false);
        c.optional("speaker", &self.speaker, MAX_TITLE, false);
        c.finish()
    }

    fn search_document(&self) -> Option<SearchDocument> {
        Some(SearchDocument::of(
            &first_words(&self.text),
            &[Some(&self.text), self.speaker.as_deref()],
        ))
    }
}
