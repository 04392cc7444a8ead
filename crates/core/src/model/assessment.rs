//! Assessments: ratings of one commitment as of a date, on a versioned
//! scale, with the developments they rest on.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Column, ColumnType, ColumnValue, EntityKind, FieldShape, Record, Reference};
use crate::error::{Said, ValidationErrors};
use crate::facts::ResolvedDate;
use crate::field::{Prose, StatusKey};
use crate::ids::{AssessmentId, CommitmentId, DevelopmentId};
use crate::scale::ScaleVersion;
use crate::validate::{Check, MAX_TITLE};

/// A rating of one commitment as of a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Assessment {
    pub id: AssessmentId,
    pub commitment: CommitmentId,
    pub as_of: NaiveDate,
    pub scale: ScaleVersion,
    /// A status key of `scale`.
    #[schema(value_type = String)]
    pub status: StatusKey,
    #[schema(value_type = String)]
    pub rationale: Prose,
    pub developments: Vec<DevelopmentId>,
    pub rated_by: String,
    pub reviewed_by: Option<String>,
}

impl Record for Assessment {
    type Id = AssessmentId;
    const KIND: EntityKind = EntityKind::Assessment;
    const FIELDS: &'static [(&'static str, FieldShape)] = &[
        ("id", FieldShape::Text),
        ("commitment", FieldShape::Text),
        ("as_of", FieldShape::Text),
        ("scale", FieldShape::Json),
        ("status", FieldShape::Text),
        ("rationale", FieldShape::Text),
        ("developments", FieldShape::List),
        ("rated_by", FieldShape::Text),
        ("reviewed_by", FieldShape::Optional),
    ];
    const COLUMNS: &'static [Column] = &[
        Column::new("commitment_id", ColumnType::Uuid),
        Column::new("as_of", ColumnType::Date),
        Column::new("scale", ColumnType::Text),
        Column::new("scale_version", ColumnType::Int),
        Column::new("status", ColumnType::Text),
        Column::new("rated_by", ColumnType::Text),
        Column::new("reviewed_by", ColumnType::Text),
    ];

    fn id(&self) -> AssessmentId {
        self.id
    }

    fn label(&self) -> String {
        format!("{} {}", self.as_of, self.status.replace('_', " "))
    }

    fn column_values(&self, _: Option<ResolvedDate>) -> Vec<ColumnValue> {
        vec![
            ColumnValue::id(self.commitment),
            ColumnValue::Date(Some(self.as_of)),
            ColumnValue::text(self.scale.scale.as_str()),
            ColumnValue::int(self.scale.version),
            ColumnValue::text(&self.status),
            ColumnValue::text(&self.rated_by),
            ColumnValue::opt_text(self.reviewed_by.as_deref()),
        ]
    }

    fn references(&self) -> Vec<Reference> {
        let mut refs = vec![Reference::to("commitment", self.commitment)];
        refs.extend(Reference::each("developments", &self.developments));
        refs
    }

    fn retain_references(&mut self, keep: &dyn Fn(EntityKind, Uuid) -> bool) -> bool {
        if !keep(EntityKind::Commitment, self.commitment.uuid()) {
            return false;
        }
        self.developments
            .retain(|id| keep(EntityKind::Development, id.uuid()));
        true
    }

    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut c = Check::new();
        let scale = self.scale.scale.scale();
        if self.scale.version != scale.version {
            c.push(
                "scale",
                Said::new("reason-scale-version")
                    .num("version", self.scale.version)
                    .key(
                        "scale",
                        self.scale.scale,
                        format!("scale-{}", self.scale.scale),
                    )
                    .num("current", scale.version),
            );
        }
        if let Err(e) = scale.status(&self.status) {
            c.error(e.at("status"));
        }
        c.text("rated_by", &self.rated_by, MAX_TITLE, false);
        c.optional("reviewed_by", &self.reviewed_by, MAX_TITLE, false);
        c.finish()
    }
}
