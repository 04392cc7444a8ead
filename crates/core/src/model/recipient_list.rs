//! Recipient lists: the addressees of a dossier's letters.

use serde::{Deserialize, Serialize};

use uuid::Uuid;

use super::{Column, ColumnType, ColumnValue, EntityKind, FieldShape, Record, Reference};
use crate::error::ValidationErrors;
use crate::facts::ResolvedDate;
use crate::field::Title;
use crate::ids::{RecipientListId, SignatoryId};
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
    /// Postal address lines, when known.
    #[serde(default)]
    pub address: Vec<String>,
    /// Who signs this recipient's letter; empty means the list's signatories.
    #[serde(default)]
    pub signatories: Vec<SignatoryId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RecipientList {
    pub id: RecipientListId,
    #[schema(value_type = String)]
    pub name: Title,
    pub recipients: Vec<Recipient>,
    /// Who signs this list's letters; empty means the dossier's signatories.
    #[serde(default)]
    pub signatories: Vec<SignatoryId>,
}

impl Record for RecipientList {
    type Id = RecipientListId;
    const KIND: EntityKind = EntityKind::RecipientList;
    const FIELDS: &'static [(&'static str, FieldShape)] = &[
        ("id", FieldShape::Text),
        ("name", FieldShape::Text),
        ("recipients", FieldShape::List),
        ("signatories", FieldShape::List),
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

    fn references(&self) -> Vec<Reference> {
        let mut refs: Vec<Reference> = Reference::each("signatories", &self.signatories).collect();
        for (i, r) in self.recipients.iter().enumerate() {
            refs.extend(Reference::each(
                &format!("recipients[{i}].signatories"),
                &r.signatories,
            ));
        }
        refs
    }

    fn retain_references(&mut self, keep: &dyn Fn(EntityKind, Uuid) -> bool) -> bool {
        let kept = |id: &SignatoryId| keep(EntityKind::Signatory, id.uuid());
        self.signatories.retain(kept);
        for r in &mut self.recipients {
            r.signatories.retain(kept);
        }
        true
    }

    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut c = Check::new();
        for (i, p) in self.recipients.iter().enumerate() {
            let field = |name: &str| format!("recipients[{i}].{name}");
            c.optional(&field("state"), &p.state, MAX_TITLE, false);
            c.optional(&field("name"), &p.name, MAX_TITLE, false);
            c.address(&field("address"), &p.address);
        }
        c.finish()
    }
}
