//! The entities of pledgewatch's vocabulary (see DESIGN.md): actors,
//! occasions, sources and quotes, commitments, milestones, developments,
//! assessments, recommendations, concerns, dossiers, recipient lists,
//! signatories and draft commitments (candidates).
//!
//! One file per kind holds its struct and its `impl Record` (references,
//! validation, search text); this file is the registry: the one list of
//! kinds from which `Entity`, `EntityKind` and their delegating methods are
//! made, so that no other code matches over every kind
//! (docs/decisions/0011-entity-design.md).
//!
//! Enumerations parse from and print to stable snake_case names, which are
//! also what the database stores.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{InvalidValue, ValidationErrors};
use crate::ids::*;
use crate::search::SearchDocument;

/// Gives an enum whose names come from strum's derives (`EnumString`,
/// `IntoStaticStr`, `VariantArray`, `VariantNames`) the `ALL`, `as_str` and
/// `parse` every caller uses; `parse` names the expected values on failure.
macro_rules! named {
    ($name:ident, $what:literal) => {
        impl $name {
            pub const ALL: &'static [$name] = <$name as strum::VariantArray>::VARIANTS;

            pub fn as_str(self) -> &'static str {
                self.into()
            }

            pub fn parse(text: &str) -> Result<Self, crate::error::InvalidValue> {
                text.parse().map_err(|_| {
                    crate::model::unknown_name(
                        text,
                        $what,
                        <$name as strum::VariantNames>::VARIANTS,
                    )
                })
            }
        }
    };
}

/// Defines a closed set of names: the enum with its serde and strum derives
/// (both snake_case, so the stored name and the printed one agree), and
/// `named!`'s methods.
macro_rules! named_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($variant:ident),* $(,)? }) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
            utoipa::ToSchema, strum::EnumString, strum::IntoStaticStr, strum::Display,
            strum::VariantArray, strum::VariantNames,
        )]
        #[serde(rename_all = "snake_case")]
        #[strum(serialize_all = "snake_case")]
        pub enum $name {
            $($variant),*
        }

        named!($name, $what);
    };
}

mod actor;
mod assessment;
mod candidate;
mod commitment;
mod concern;
mod dated;
mod development;
mod dossier;
mod milestone;
mod occasion;
mod quote;
mod recipient_list;
mod recommendation;
mod record;
#[cfg(test)]
mod record_tests;
mod records;
mod revision;
mod signatory;
mod source;

pub use actor::{Actor, ActorKind, ActorRole};
pub use assessment::Assessment;
pub use candidate::{Candidate, CandidateStatus};
pub use commitment::{Commitment, DateRef, Origin, Timing, TimingKind};
pub use concern::Concern;
pub use dated::{DatedText, Publisher, Spelling, text_as_of};
pub use development::{Development, Direction, Effect, Target};
pub use dossier::{Dossier, Slug};
pub use milestone::Milestone;
pub use occasion::{Occasion, OccasionKind};
pub use quote::Quote;
pub use recipient_list::{Recipient, RecipientList};
pub use recommendation::{Priority, Recommendation, Response};
pub use record::{
    Column, ColumnType, ColumnValue, FieldShape, FromJsonError, Meta, Record, RecordId, Reference,
    Stored, Variant, shorten,
};
pub use records::Records;
pub use signatory::Signatory;
pub use source::{Sha256Hex, Source};

/// The error of a name outside a closed set, listing the set.
pub(crate) fn unknown_name(text: &str, what: &str, expected: &[&str]) -> InvalidValue {
    let what = match what {
        "an entity kind" => "reason-what-entity-kind",
        "an actor kind" => "reason-what-actor-kind",
        "a candidate status" => "reason-what-candidate-status",
        "a commitment origin" => "reason-what-origin",
        "a timing kind" => "reason-what-timing-kind",
        "a spelling convention" => "reason-what-spelling",
        "a direction" => "reason-what-direction",
        "an occasion kind" => "reason-what-occasion-kind",
        "a priority" => "reason-what-priority",
        "a response" => "reason-what-response",
        "a known scale" => "reason-what-scale",
        _ => {
            return InvalidValue::new(format!(
                "'{text}' is not {what} (expected one of: {})",
                expected.join(", ")
            ));
        }
    };
    InvalidValue::said(
        crate::error::Said::new("reason-unknown-name")
            .text("value", text)
            .said("what", crate::error::Said::new(what))
            .text("expected", expected.join(", ")),
    )
}

/// The registry: from one list of kinds, each with its id type (the variant
/// and the struct are named alike), makes `EntityKind`, `Entity`, the
/// conversions between `Entity` and each struct, and `Entity`'s methods, each
/// delegating to the kind's `Record` implementation.
macro_rules! registry {
    ($($kind:ident($id:ident)),* $(,)?) => {
        /// Every kind of record, as named in the audit log and in search results.
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema,
            strum::EnumString, strum::IntoStaticStr, strum::Display, strum::VariantArray,
            strum::VariantNames,
        )]
        #[serde(rename_all = "snake_case")]
        #[strum(serialize_all = "snake_case")]
        pub enum EntityKind {
            $($kind,)*
        }

        named!(EntityKind, "an entity kind");

        impl EntityKind {
            /// The kind's field table (`Record::FIELDS`).
            pub fn fields(self) -> &'static [(&'static str, FieldShape)] {
                match self {
                    $(EntityKind::$kind => <$kind as Record>::FIELDS,)*
                }
            }

            /// The kind's typed columns (`Record::COLUMNS`).
            pub fn columns(self) -> &'static [Column] {
                match self {
                    $(EntityKind::$kind => <$kind as Record>::COLUMNS,)*
                }
            }
        }

        /// Any entity, for the storage layer and the audit log.
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
        #[serde(tag = "kind", content = "data", rename_all = "snake_case")]
        pub enum Entity {
            $($kind($kind),)*
        }

        impl Entity {
            pub fn kind(&self) -> EntityKind {
                match self {
                    $(Entity::$kind(_) => <$kind as Record>::KIND,)*
                }
            }

            pub fn id(&self) -> Uuid {
                match self {
                    $(Entity::$kind(e) => e.id().uuid(),)*
                }
            }

            /// The other entities this one refers to, with the field that
            /// refers, so that a dangling reference can be named.
            pub fn references(&self) -> Vec<(String, EntityKind, Uuid)> {
                let references = match self {
                    $(Entity::$kind(e) => e.references(),)*
                };
                references.into_iter().map(Reference::into_parts).collect()
            }

            /// Drops the references `keep` refuses; `false` when a required
            /// one is refused (`Record::retain_references`).
            pub fn retain_references(&mut self, keep: &dyn Fn(EntityKind, Uuid) -> bool) -> bool {
                match self {
                    $(Entity::$kind(e) => e.retain_references(keep),)*
                }
            }

            /// How the entity is named in lists and choices.
            pub fn label(&self) -> String {
                match self {
                    $(Entity::$kind(e) => e.label(),)*
                }
            }

            /// The values of its table's typed columns, in their order
            /// (`Record::column_values`).
            pub fn column_values(
                &self,
                deadline: Option<crate::facts::ResolvedDate>,
            ) -> Vec<ColumnValue> {
                match self {
                    $(Entity::$kind(e) => e.column_values(deadline),)*
                }
            }

            /// The entity's own rules (see `crate::validate`).
            pub fn validate(&self) -> Result<(), ValidationErrors> {
                match self {
                    $(Entity::$kind(e) => e.validate(),)*
                }
            }

            /// Reads `data` (the record's own fields, without the kind tag)
            /// as an entity of `kind`, keeping serde's path to the value at
            /// fault.
            pub fn from_json(
                kind: EntityKind,
                data: &serde_json::Value,
            ) -> Result<Entity, FromJsonError> {
                match kind {
                    $(EntityKind::$kind => serde_path_to_error::deserialize(data)
                        .map(Entity::$kind)
                        .map_err(FromJsonError::invalid),)*
                }
            }

            /// Its searchable text, or `None` for kinds that are not searched.
            pub fn search_document(&self) -> Option<SearchDocument> {
                match self {
                    $(Entity::$kind(e) => e.search_document(),)*
                }
            }
        }

        $(
            // The kind a file declares is the kind it is registered as.
            const _: () = assert!(matches!(<$kind as Record>::KIND, EntityKind::$kind));

            impl From<$kind> for Entity {
                fn from(record: $kind) -> Entity {
                    Entity::$kind(record)
                }
            }

            impl Variant for $kind {
                fn from_entity(entity: Entity) -> Result<Self, Box<Entity>> {
                    match entity {
                        Entity::$kind(record) => Ok(record),
                        other => Err(Box::new(other)),
                    }
                }

                fn from_entity_ref(entity: &Entity) -> Option<&Self> {
                    match entity {
                        Entity::$kind(record) => Some(record),
                        _ => None,
                    }
                }
            }

            impl RecordId for $id {
                type Record = $kind;
            }
        )*
    };
}

registry!(
    Actor(ActorId),
    Occasion(OccasionId),
    Source(SourceId),
    Quote(QuoteId),
    Commitment(CommitmentId),
    Milestone(MilestoneId),
    Development(DevelopmentId),
    Assessment(AssessmentId),
    Recommendation(RecommendationId),
    Concern(ConcernId),
    Dossier(DossierId),
    RecipientList(RecipientListId),
    Signatory(SignatoryId),
    Candidate(CandidateId),
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::PreciseDate;

    fn development() -> Development {
        let commitment = CommitmentId::new();
        let concern = ConcernId::new();
        Development {
            id: DevelopmentId::new(),
            date: PreciseDate::parse("2008").unwrap(),
            title: "Law amended".parse().unwrap(),
            summary: "The media law was amended.".parse().unwrap(),
            baseline: false,
            note: None,
            sources: vec![SourceId::new(), SourceId::new()],
            quotes: vec![QuoteId::new()],
            effects: vec![
                Effect {
                    target: Target::Commitment(commitment),
                    direction: Direction::Advance,
                },
                Effect {
                    target: Target::Concern(concern),
                    direction: Direction::Setback,
                },
            ],
        }
    }

    #[test]
    fn references_name_the_field_and_take_the_kind_from_the_id() {
        let d = development();
        let refs = Entity::from(d.clone()).references();
        let expected = vec![
            (
                "sources[0]".to_owned(),
                EntityKind::Source,
                d.sources[0].uuid(),
            ),
            (
                "sources[1]".to_owned(),
                EntityKind::Source,
                d.sources[1].uuid(),
            ),
            (
                "quotes[0]".to_owned(),
                EntityKind::Quote,
                d.quotes[0].uuid(),
            ),
            (
                "effects[0]".to_owned(),
                EntityKind::Commitment,
                match d.effects[0].target {
                    Target::Commitment(id) => id.uuid(),
                    Target::Concern(id) => id.uuid(),
                },
            ),
            (
                "effects[1]".to_owned(),
                EntityKind::Concern,
                match d.effects[1].target {
                    Target::Commitment(id) => id.uuid(),
                    Target::Concern(id) => id.uuid(),
                },
            ),
        ];
        assert_eq!(refs, expected);
    }

    #[test]
    fn an_entity_converts_to_its_own_kind_only() {
        let d = development();
        let entity = Entity::from(d.clone());
        assert_eq!(entity.kind(), EntityKind::Development);
        assert_eq!(entity.id(), d.id.uuid());
        assert_eq!(Development::from_entity_ref(&entity), Some(&d));
        assert!(Concern::from_entity_ref(&entity).is_none());
        let back = Concern::from_entity(entity).unwrap_err();
        assert_eq!(Development::from_entity(*back), Ok(d));
    }

    #[test]
    fn from_json_reads_the_kind_named_and_keeps_the_path_at_fault() {
        let d = development();
        let data = serde_json::to_value(&d).unwrap();
        let entity = Entity::from_json(EntityKind::Development, &data).unwrap();
        assert_eq!(entity, Entity::from(d));
        // The same data is no concern: serde names the first field missing.
        let err = Entity::from_json(EntityKind::Concern, &data).unwrap_err();
        assert!(
            matches!(&err, FromJsonError::Invalid { path, reason }
                if path == "." && reason.contains("missing field `description`")),
            "{err:?}"
        );
        let mut bad = data.clone();
        bad["effects"][1]["direction"] = "sideways".into();
        let err = Entity::from_json(EntityKind::Development, &bad).unwrap_err();
        assert!(
            matches!(&err, FromJsonError::Invalid { path, .. } if path == "effects[1].direction"),
            "{err:?}"
        );
    }

    #[test]
    fn every_named_enum_prints_as_serde_stores_it() {
        fn check<T>(all: &[T], name: fn(T) -> &'static str)
        where
            T: Copy + Serialize + std::fmt::Display,
        {
            for value in all {
                let json = serde_json::to_string(value).unwrap();
                assert_eq!(json, format!("\"{}\"", name(*value)));
                assert_eq!(value.to_string(), name(*value));
            }
        }
        check(ActorKind::ALL, ActorKind::as_str);
        check(Origin::ALL, Origin::as_str);
        check(TimingKind::ALL, TimingKind::as_str);
        check(Direction::ALL, Direction::as_str);
        check(Priority::ALL, Priority::as_str);
        check(Response::ALL, Response::as_str);
        check(OccasionKind::ALL, OccasionKind::as_str);
        check(CandidateStatus::ALL, CandidateStatus::as_str);
        assert_eq!(
            Origin::AcceptedRecommendation.as_str(),
            "accepted_recommendation"
        );
        assert_eq!(TimingKind::parse("none_stated"), Ok(TimingKind::NoneStated));
    }

    #[test]
    fn kind_names_are_the_stored_snake_case_names() {
        assert_eq!(EntityKind::RecipientList.as_str(), "recipient_list");
        assert_eq!(EntityKind::RecipientList.to_string(), "recipient_list");
        assert!(EntityKind::parse("user").is_err(), "accounts are no record");
        assert_eq!(
            EntityKind::parse("recipient_list"),
            Ok(EntityKind::RecipientList)
        );
        for kind in EntityKind::ALL {
            assert_eq!(EntityKind::parse(kind.as_str()), Ok(*kind));
            let json = serde_json::to_string(kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
        }
        assert_eq!(EntityKind::ALL.len(), 14);
        for kind in EntityKind::ALL {
            assert_eq!(kind.fields().first().map(|f| f.0), Some("id"), "{kind}");
            assert!(!kind.columns().is_empty(), "{kind}");
        }
    }

    #[test]
    fn an_unknown_name_is_refused_listing_the_known_ones() {
        let err = EntityKind::parse("Actor").unwrap_err();
        assert_eq!(
            err.reason,
            "'Actor' is not an entity kind (expected one of: actor, occasion, source, quote, \
             commitment, milestone, development, assessment, recommendation, concern, dossier, \
             recipient_list, signatory, candidate)"
        );
        let err = Origin::parse("promise").unwrap_err();
        assert_eq!(
            err.reason,
            "'promise' is not a commitment origin (expected one of: pledge, \
             accepted_recommendation, legal_obligation)"
        );
    }
}
