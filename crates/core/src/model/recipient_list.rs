//! Recipient lists: the addressees of a dossier's letters.

use serde::{Deserialize, Serialize};

use super::{Column, ColumnType, ColumnValue, EntityKind, FieldShape, Record};
use crate::error::ValidationErrors;
use crate::facts::ResolvedDate;
use crate::field::Title;
use crate::ids::RecipientListId;
use crate::validate::{Check, MAX_TITLE};

/// One addressee of a letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Recipient {
    pub state: Option<String>,
    #[schema(value_type = String)]
    pub title: Title,
    pub name: Option<String>,
    #[schema(value_type = String)]
    pub salutation: Title,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RecipientList {
    pub id: RecipientListId,
    #[schema(value_type = String)]
    pub name: Title,
    pub recipients: Vec<Recipient>,
}

impl Record for RecipientList {
    type Id = RecipientListId;
    const KIND: EntityKind = EntityKind::RecipientList;
    const FIELDS: &'static [(&'static str, FieldShape)] = &[
        ("id", FieldShape::Text),
        ("name", FieldShape::Text),
        ("recipients", FieldShape::List),
    ];
    const COLUMNS: &'static [Column] = &[Column::new("name", ColumnType::Text)];

    fn id(&self) -> RecipientListId {
        self.id
    }

    fn label(&self) -> String {
        self.name.to_string()
    }

    fn column_values(&self, _: Option<ResolvedDate>) -> Vec<ColumnValue> {
        vec![ColumnValue::text(&self.name)]
    }

    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut c = Check::new();
        for (i, p) in self.recipients.iter().enumerate() {
            let field = |name: &str| format!("recipients[{i}].{name}");
            c.optional(&field("state"), &p.state, MAX_TITLE, false);
            c.optional(&field("name"), &p.name, MAX_TITLE, false);
        }
        c.finish()
    }
}
