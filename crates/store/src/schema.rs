//! The tables as the Rust side sees them: column names and types, and how an
//! entity fills its table's typed columns. Both backends use these specs;
//! a test checks them against the migrated schema of each.

use chrono::{DateTime, NaiveDate, Utc};
use pledgewatch_core::facts;
use pledgewatch_core::model::*;
use uuid::Uuid;

/// The logical type of a column; each backend maps it to its own SQL type
/// (see the README of this crate). Core defines it so that each kind of
/// record can name its own typed columns.
pub use pledgewatch_core::model::ColumnType as ColType;

/// A value bound to or read from a column. `None` is SQL NULL, typed so that
/// PostgreSQL sees the right parameter type.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Uuid(Option<Uuid>),
    Text(Option<String>),
    Int(Option<i64>),
    Bool(Option<bool>),
    Date(Option<NaiveDate>),
    Timestamp(Option<DateTime<Utc>>),
    Bytes(Option<Vec<u8>>),
}

impl Value {
    pub fn text(s: impl Into<String>) -> Self {
        Value::Text(Some(s.into()))
    }

    /// An id of the core's newtypes (or a bare UUID).
    pub fn id(id: impl Into<Uuid>) -> Self {
        Value::Uuid(Some(id.into()))
    }

    /// An optional id; `None` is NULL.
    pub fn opt_id(id: Option<impl Into<Uuid>>) -> Self {
        Value::Uuid(id.map(Into::into))
    }

    /// The value as JSON, for backups.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match self {
            Value::Uuid(v) => v.map_or(J::Null, |u| J::String(u.to_string())),
            Value::Text(v) => v.clone().map_or(J::Null, J::String),
            Value::Int(v) => v.map_or(J::Null, |i| J::Number(i.into())),
            Value::Bool(v) => v.map_or(J::Null, J::Bool),
            Value::Date(v) => v.map_or(J::Null, |d| J::String(d.to_string())),
            Value::Bytes(v) => v.as_ref().map_or(J::Null, |b| J::String(hex::encode(b))),
            Value::Timestamp(v) => v.map_or(J::Null, |t| {
                J::String(pledgewatch_core::audit::format_timestamp(&t))
            }),
        }
    }

    /// Reads a backup's JSON value as a column of type `ty`.
    pub fn from_json(ty: ColType, json: &serde_json::Value) -> Result<Self, String> {
        use serde_json::Value as J;
        let text = || match json {
            J::String(s) => Ok(Some(s.as_str())),
            J::Null => Ok(None),
            other => Err(format!("expected text or null, found {other}")),
        };
        Ok(match ty {
            ColType::Text => Value::Text(text()?.map(str::to_owned)),
            ColType::Uuid => Value::Uuid(
                text()?
                    .map(|s| Uuid::parse_str(s).map_err(|_| format!("'{s}' is not a UUID")))
                    .transpose()?,
            ),
            ColType::Date => Value::Date(
                text()?
                    .map(|s| {
                        NaiveDate::parse_from_str(s, "%Y-%m-%d")
                            .map_err(|_| format!("'{s}' is not a date"))
                    })
                    .transpose()?,
            ),
            ColType::Timestamp => Value::Timestamp(text()?.map(parse_timestamp).transpose()?),
            ColType::Bytes => Value::Bytes(
                text()?
                    .map(|s| hex::decode(s).map_err(|_| "expected hexadecimal bytes".to_owned()))
                    .transpose()?,
            ),
            ColType::Int => Value::Int(match json {
                J::Number(n) => Some(
                    n.as_i64()
                        .ok_or_else(|| format!("{n} is not a 64-bit integer"))?,
                ),
                J::Null => None,
                other => return Err(format!("expected an integer or null, found {other}")),
            }),
            ColType::Bool => Value::Bool(match json {
                J::Bool(b) => Some(*b),
                J::Null => None,
                other => return Err(format!("expected true, false or null, found {other}")),
            }),
        })
    }
}

/// Parses the timestamp text SQLite stores.
pub fn parse_timestamp(text: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| format!("'{text}' is not a timestamp"))
}

/// A column of a table (each kind of record lists its own, `Record::COLUMNS`).
pub use pledgewatch_core::model::Column;

const fn c(name: &'static str, ty: ColType) -> Column {
    Column::new(name, ty)
}

use ColType::*;

/// Columns every entity table starts with.
pub const META_COLUMNS: &[Column] = &[
    c("id", Uuid),
    c("version", Int),
    c("created_at", Timestamp),
    c("updated_at", Timestamp),
    c("deleted_at", Timestamp),
    c("body", Text),
];

/// A table and the columns the Rust side reads and writes.
#[derive(Debug)]
pub struct Table {
    pub name: &'static str,
    /// For entity tables: the columns after [`META_COLUMNS`]. For the others:
    /// all columns.
    pub columns: &'static [Column],
    pub entity: Option<EntityKind>,
    /// Primary-key order for dumps.
    pub order_by: &'static str,
}

impl Table {
    /// Every column, meta columns included.
    pub fn all_columns(&self) -> Vec<Column> {
        match self.entity {
            Some(_) => META_COLUMNS.iter().chain(self.columns).copied().collect(),
            None => self.columns.to_vec(),
        }
    }
}

/// The table of the kind `T`, with the typed columns the kind names.
const fn entity_table<T: Record>(name: &'static str) -> Table {
    Table {
        name,
        columns: T::COLUMNS,
        entity: Some(T::KIND),
        order_by: "id",
    }
}

/// Every table, in an order where each refers only to tables before it.
pub static TABLES: &[Table] = &[
    entity_table::<Actor>("actors"),
    entity_table::<Occasion>("occasions"),
    entity_table::<Source>("sources"),
    entity_table::<Quote>("quotes"),
    entity_table::<Milestone>("milestones"),
    entity_table::<Commitment>("commitments"),
    entity_table::<Concern>("concerns"),
    entity_table::<Candidate>("candidates"),
    entity_table::<Development>("developments"),
    entity_table::<Assessment>("assessments"),
    entity_table::<Recommendation>("recommendations"),
    entity_table::<RecipientList>("recipient_lists"),
    entity_table::<Signatory>("signatories"),
    entity_table::<Dossier>("dossiers"),
    Table {
        name: "entity_links",
        columns: &[
            c("from_kind", Text),
            c("from_id", Uuid),
            c("field", Text),
            c("to_kind", Text),
            c("to_id", Uuid),
        ],
        entity: None,
        order_by: "from_id, field",
    },
    Table {
        name: "audit_log",
        columns: &[
            c("seq", Int),
            c("at", Timestamp),
            c("actor", Text),
            c("action", Text),
            c("entity_kind", Text),
            c("entity_id", Uuid),
            c("entity_version", Int),
            c("reason", Text),
            c("before", Text),
            c("after", Text),
            c("prev_hash", Text),
            c("hash", Text),
            c("after_sha256", Text),
        ],
        entity: None,
        order_by: "seq",
    },
    Table {
        name: "audit_head",
        columns: &[c("id", Int), c("seq", Int), c("hash", Text)],
        entity: None,
        order_by: "id",
    },
    Table {
        name: "users",
        columns: &[
            c("id", Uuid),
            c("username", Text),
            c("display_name", Text),
            c("role", Text),
            c("password_hash", Text),
            c("created_at", Timestamp),
            c("disabled", Bool),
            c("language", Text),
        ],
        entity: None,
        order_by: "id",
    },
    Table {
        name: "sessions",
        columns: &[
            c("token_hash", Text),
            c("user_id", Uuid),
            c("csrf_token", Text),
            c("created_at", Timestamp),
            c("expires_at", Timestamp),
        ],
        entity: None,
        order_by: "token_hash",
    },
    Table {
        name: "api_tokens",
        columns: &[
            c("id", Uuid),
            c("user_id", Uuid),
            c("name", Text),
            c("token_hash", Text),
            c("created_at", Timestamp),
            c("last_used_at", Timestamp),
            c("revoked_at", Timestamp),
            c("expires_at", Timestamp),
        ],
        entity: None,
        order_by: "id",
    },
    Table {
        name: "password_resets",
        columns: &[
            c("id", Uuid),
            c("user_id", Uuid),
            c("code_hash", Text),
            c("created_at", Timestamp),
            c("expires_at", Timestamp),
            c("used_at", Timestamp),
        ],
        entity: None,
        order_by: "id",
    },
    Table {
        name: "login_attempts",
        columns: &[
            c("id", Uuid),
            c("username", Text),
            c("at", Timestamp),
            c("success", Bool),
        ],
        entity: None,
        order_by: "id",
    },
    Table {
        name: "files",
        columns: &[
            c("sha256", Text),
            c("media_type", Text),
            c("size", Int),
            c("content", Bytes),
            c("created_at", Timestamp),
        ],
        entity: None,
        order_by: "sha256",
    },
    Table {
        name: "publications",
        columns: &[
            c("entity_id", Uuid),
            c("entity_kind", Text),
            c("published_at", Timestamp),
            c("published_by", Text),
            c("version", Int),
            c("body", Text),
        ],
        entity: None,
        order_by: "entity_id",
    },
    Table {
        name: "publication_links",
        columns: &[
            c("from_kind", Text),
            c("from_id", Uuid),
            c("field", Text),
            c("to_kind", Text),
            c("to_id", Uuid),
        ],
        entity: None,
        order_by: "from_id, field",
    },
];

pub fn table(name: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.name == name)
}

pub fn entity_table_of(kind: EntityKind) -> &'static Table {
    TABLES
        .iter()
        .find(|t| t.entity == Some(kind))
        .unwrap_or(&TABLES[0])
}

/// The typed columns of an entity's row, in the order of its table's
/// `columns`. `deadline` is the commitment's resolved deadline, which may
/// depend on a milestone.
pub fn entity_values(entity: &Entity, deadline: Option<facts::ResolvedDate>) -> Vec<Value> {
    entity
        .column_values(deadline)
        .into_iter()
        .map(Value::from)
        .collect()
}

impl From<ColumnValue> for Value {
    fn from(value: ColumnValue) -> Self {
        match value {
            ColumnValue::Uuid(v) => Value::Uuid(v),
            ColumnValue::Text(v) => Value::Text(v),
            ColumnValue::Int(v) => Value::Int(v),
            ColumnValue::Bool(v) => Value::Bool(v),
            ColumnValue::Date(v) => Value::Date(v),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn bytes_go_to_backups_as_lowercase_hex_and_come_back() {
        let value = Value::Bytes(Some(vec![0x00, 0xab, 0x7f, 0xff]));
        let json = value.to_json();
        assert_eq!(json, serde_json::json!("00ab7fff"));
        assert_eq!(Value::from_json(ColType::Bytes, &json).unwrap(), value);
        let upper = serde_json::json!("00AB7FFF");
        assert_eq!(Value::from_json(ColType::Bytes, &upper).unwrap(), value);
        for bad in ["abc", "zz", "0g"] {
            assert_eq!(
                Value::from_json(ColType::Bytes, &serde_json::json!(bad)),
                Err("expected hexadecimal bytes".to_owned()),
                "{bad}"
            );
        }
    }

    #[test]
    fn every_kind_of_record_has_its_table_with_the_kinds_columns() {
        for kind in EntityKind::ALL {
            let table = entity_table_of(*kind);
            assert_eq!(table.entity, Some(*kind), "{kind}");
            assert_eq!(table.columns, kind.columns(), "{kind}");
        }
    }

    #[test]
    fn column_values_become_the_same_bind_values() {
        let id = Uuid::now_v7();
        assert_eq!(Value::from(ColumnValue::id(id)), Value::id(id));
        assert_eq!(Value::from(ColumnValue::text("a")), Value::text("a"));
        assert_eq!(Value::from(ColumnValue::Int(None)), Value::Int(None));
        assert_eq!(
            Value::from(ColumnValue::Bool(Some(true))),
            Value::Bool(Some(true))
        );
        let day = NaiveDate::from_ymd_opt(2010, 12, 1).unwrap();
        assert_eq!(
            Value::from(ColumnValue::Date(Some(day))),
            Value::Date(Some(day))
        );
    }
}
