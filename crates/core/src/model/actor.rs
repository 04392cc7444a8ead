//! Actors: the states, institutions, persons and organisations that make
//! commitments, are bound by them or are asked to act, with the roles a
//! person holds.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Column, ColumnType, ColumnValue, EntityKind, FieldShape, Record, Reference};
use crate::date::PreciseDate;
use crate::error::{Said, ValidationErrors};
use crate::facts::ResolvedDate;
use crate::field::{CountryCode, Title};
use crate::ids::ActorId;
use crate::validate::{Check, MAX_TITLE};

named_enum!(
    /// What sort of actor this is.
    ActorKind, "an actor kind" {
        State,
        Institution,
        Person,
        Organisation,
    }
);

/// A role a person holds over a period ("Minister of Foreign Affairs of
/// Kazakhstan" from 2007).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ActorRole {
    #[schema(value_type = String)]
    pub title: Title,
    pub of: Option<ActorId>,
    pub from: Option<PreciseDate>,
    pub until: Option<PreciseDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Actor {
    pub id: ActorId,
    pub kind: ActorKind,
    #[schema(value_type = String)]
    pub name: Title,
    pub short_name: Option<String>,
    /// ISO 3166-1 alpha-2, for states.
    #[schema(value_type = Option<String>)]
    pub country_code: Option<CountryCode>,
    pub roles: Vec<ActorRole>,
}

impl Record for Actor {
    type Id = ActorId;
    const KIND: EntityKind = EntityKind::Actor;
    const FIELDS: &'static [(&'static str, FieldShape)] = &[
        ("id", FieldShape::Text),
        ("kind", FieldShape::Text),
        ("name", FieldShape::Text),
        ("short_name", FieldShape::Optional),
        ("country_code", FieldShape::Optional),
        ("roles", FieldShape::List),
    ];
    const COLUMNS: &'static [Column] = &[
        Column::new("kind", ColumnType::Text),
        Column::new("name", ColumnType::Text),
        Column::new("country_code", ColumnType::Text),
    ];

    fn id(&self) -> ActorId {
        self.id
    }

    fn label(&self) -> String {
        self.name.to_string()
    }

    fn column_values(&self, _: Option<ResolvedDate>) -> Vec<ColumnValue> {
        vec![
            ColumnValue::text(self.kind.as_str()),
            ColumnValue::text(&self.name),
            ColumnValue::opt_text(self.country_code.as_deref()),
        ]
    }

    fn references(&self) -> Vec<Reference> {
        self.roles
            .iter()
            .enumerate()
            .filter_map(|(i, role)| {
                role.of
                    .map(|of| Reference::to(format!("roles[{i}].of"), of))
            })
            .collect()
    }

    fn retain_references(&mut self, keep: &dyn Fn(EntityKind, Uuid) -> bool) -> bool {
        for role in &mut self.roles {
            role.of = role.of.filter(|id| keep(EntityKind::Actor, id.uuid()));
        }
        true
    }

    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut c = Check::new();
        c.optional("short_name", &self.short_name, MAX_TITLE, false);
        for (i, r) in self.roles.iter().enumerate() {
            c.period(&format!("roles[{i}]"), r.from.as_ref(), r.until.as_ref());
            if r.of == Some(self.id) {
                c.push(format!("roles[{i}].of"), Said::new("reason-role-of-itself"));
            }
        }
        c.finish()
    }
}
