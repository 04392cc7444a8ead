//! Dossiers: the working set of one campaign (its commitments, concerns,
//! milestones, recipients and signatories), named by a URL-safe slug.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Column, ColumnType, ColumnValue, EntityKind, FieldShape, Record, Reference};
use crate::error::{InvalidValue, ValidationErrors};
use crate::facts::ResolvedDate;
use crate::field::Title;
use crate::ids::{CommitmentId, ConcernId, DossierId, MilestoneId, RecipientListId, SignatoryId};
use crate::scale::ScaleId;
use crate::validate::{Check, MAX_TEXT};

/// A URL-safe name: lowercase letters, digits and hyphens.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

impl Slug {
    pub fn parse(text: &str) -> Result<Self, InvalidValue> {
        let ok = !text.is_empty()
            && text.len() <= 100
            && text
                .bytes()
                .all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-'))
            && !text.starts_with('-')
            && !text.ends_with('-');
        if ok {
            Ok(Self(text.to_owned()))
        } else {
            Err(InvalidValue::said(
                crate::error::Said::new("reason-slug").text("value", text),
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Slug {
    type Error = InvalidValue;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Slug> for String {
    fn from(value: Slug) -> String {
        value.0
    }
}

impl std::fmt::Display for Slug {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A working set for one campaign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Dossier {
    pub id: DossierId,
    pub slug: Slug,
    #[schema(value_type = String)]
    pub title: Title,
    pub summary: Option<String>,
    pub scale: ScaleId,
    pub commitments: Vec<CommitmentId>,
    pub concerns: Vec<ConcernId>,
    pub milestones: Vec<MilestoneId>,
    pub recipient_lists: Vec<RecipientListId>,
    pub signatories: Vec<SignatoryId>,
    /// The day the summary speaks as of.
    #[serde(default)]
    pub summary_as_of: Option<chrono::NaiveDate>,
    /// What the summary said before, oldest first.
    #[serde(default)]
    pub earlier_summaries: Vec<super::DatedText>,
    /// Why the commitments matter to the bodies the letters are written to.
    #[serde(default)]
    pub stakes: Option<String>,
    /// The organisation publishing the dossier's documents.
    #[serde(default)]
    pub publisher: Option<super::Publisher>,
}

impl Record for Dossier {
    type Id = DossierId;
    const KIND: EntityKind = EntityKind::Dossier;
    const FIELDS: &'static [(&'static str, FieldShape)] = &[
        ("id", FieldShape::Text),
        ("slug", FieldShape::Text),
        ("title", FieldShape::Text),
        ("summary", FieldShape::Optional),
        ("scale", FieldShape::Text),
        ("commitments", FieldShape::List),
        ("concerns", FieldShape::List),
        ("milestones", FieldShape::List),
        ("recipient_lists", FieldShape::List),
        ("signatories", FieldShape::List),
        ("summary_as_of", FieldShape::Optional),
        ("earlier_summaries", FieldShape::List),
        ("stakes", FieldShape::Optional),
        ("publisher", FieldShape::Json),
    ];
    const COLUMNS: &'static [Column] = &[
        Column::new("slug", ColumnType::Text),
        Column::new("title", ColumnType::Text),
        Column::new("scale", ColumnType::Text),
    ];

    fn id(&self) -> DossierId {
        self.id
    }

    fn label(&self) -> String {
        self.title.to_string()
    }

    fn column_values(&self, _: Option<ResolvedDate>) -> Vec<ColumnValue> {
        vec![
            ColumnValue::text(self.slug.as_str()),
            ColumnValue::text(&self.title),
            ColumnValue::text(self.scale.as_str()),
        ]
    }

    fn references(&self) -> Vec<Reference> {
        let mut refs: Vec<Reference> = Reference::each("commitments", &self.commitments).collect();
        refs.extend(Reference::each("concerns", &self.concerns));
        refs.extend(Reference::each("milestones", &self.milestones));
        refs.extend(Reference::each("recipient_lists", &self.recipient_lists));
        refs.extend(Reference::each("signatories", &self.signatories));
        refs
    }

    fn retain_references(&mut self, keep: &dyn Fn(EntityKind, Uuid) -> bool) -> bool {
        self.commitments
            .retain(|id| keep(EntityKind::Commitment, id.uuid()));
        self.concerns
            .retain(|id| keep(EntityKind::Concern, id.uuid()));
        self.milestones
            .retain(|id| keep(EntityKind::Milestone, id.uuid()));
        self.recipient_lists
            .retain(|id| keep(EntityKind::RecipientList, id.uuid()));
        self.signatories
            .retain(|id| keep(EntityKind::Signatory, id.uuid()));
        true
    }

    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut c = Check::new();
        c.optional("summary", &self.summary, MAX_TEXT, true);
        c.optional("stakes", &self.stakes, MAX_TEXT, true);
        c.earlier_versions(
            "earlier_summaries",
            "summary_as_of",
            self.summary_as_of,
            &self.earlier_summaries,
        );
        if let Some(p) = &self.publisher {
            c.text("publisher.name", &p.name, crate::validate::MAX_TITLE, false);
            c.address("publisher.address", &p.address);
            c.web_address("publisher.website", &p.website);
            c.email("publisher.email", &p.email);
        }
        c.finish()
    }
}
