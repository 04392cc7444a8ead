//! Signatories: the people who sign a dossier's letters.

use serde::{Deserialize, Serialize};

use super::{Column, ColumnType, ColumnValue, EntityKind, FieldShape, Record};
use crate::error::ValidationErrors;
use crate::facts::ResolvedDate;
use crate::field::Title;
use crate::ids::SignatoryId;
use crate::validate::{Check, MAX_TITLE};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Signatory {
    pub id: SignatoryId,
    #[schema(value_type = String)]
    pub name: Title,
    #[schema(value_type = String)]
    pub title: Title,
    pub division: Option<String>,
    pub organisation: Option<String>,
}

impl Record for Signatory {
    type Id = SignatoryId;
    const KIND: EntityKind = EntityKind::Signatory;
    const FIELDS: &'static [(&'static str, FieldShape)] = &[
        ("id", FieldShape::Text),
        ("name", FieldShape::Text),
        ("title", FieldShape::Text),
        ("division", FieldShape::Optional),
        ("organisation", FieldShape::Optional),
    ];
    const COLUMNS: &'static [Column] = &[
        Column::new("name", ColumnType::Text),
        Column::new("title", ColumnType::Text),
    ];

    fn id(&self) -> SignatoryId {
        self.id
    }

    fn label(&self) -> String {
        self.name.to_string()
    }

    fn column_values(&self, _: Option<ResolvedDate>) -> Vec<ColumnValue> {
        vec![
            ColumnValue::text(&self.name),
            ColumnValue::text(&self.title),
        ]
    }

    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut c = Check::new();
        c.optional("division", &self.division, MAX_TITLE, false);
        c.optional("organisation", &self.organisation, MAX_TITLE, false);
        c.finish()
    }
}
