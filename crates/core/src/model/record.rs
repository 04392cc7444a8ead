//! What every kind of record says about itself (`Record`): its id, the
//! records it refers to (and how to drop some), its own rules, its
//! searchable text, its label and its typed column values; and the
//! bookkeeping the store keeps around every record (`Meta`, `Stored`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Entity, EntityKind};
use crate::error::ValidationErrors;
use crate::facts::ResolvedDate;
use crate::search::SearchDocument;

/// One kind of record. Each kind implements it in its own file of `model/`;
/// the registry in `model/mod.rs` makes `Entity`'s methods delegate here.
pub trait Record: Variant + Clone + Send + Sync + 'static {
    /// Its id type; the registry ties the id back to the kind (`RecordId`).
    type Id: RecordId<Record = Self>;
    const KIND: EntityKind;
    /// The fields of its `data`, in the order the struct declares them:
    /// the JSON keys and CSV columns of the exchange formats.
    const FIELDS: &'static [(&'static str, FieldShape)];
    /// The typed columns of its table after the store's common ones, in
    /// the order the migrations create them.
    const COLUMNS: &'static [Column];

    fn id(&self) -> Self::Id;

    /// The other records this one refers to, with the field that refers,
    /// so that a dangling reference can be named.
    fn references(&self) -> Vec<Reference> {
        Vec::new()
    }

    /// Drops the references `keep` refuses (an export leaves their records
    /// out); `false` when a required one is refused, and the record cannot
    /// stand without it. Kinds that refer to nothing keep the default.
    fn retain_references(&mut self, keep: &dyn Fn(EntityKind, Uuid) -> bool) -> bool {
        let _ = keep;
        true
    }

    /// How the record is named in lists and choices.
    fn label(&self) -> String;

    /// The values of its typed columns (`COLUMNS`), in their order.
    /// `deadline` is a commitment's deadline as resolved by the store (it may
    /// depend on a milestone); the other kinds ignore it.
    fn column_values(&self, deadline: Option<ResolvedDate>) -> Vec<ColumnValue>;

    /// Its own rules; cross-record rules are checked by the services and
    /// the store.
    fn validate(&self) -> Result<(), ValidationErrors>;

    /// Its searchable text; kinds that are not searched keep the default.
    fn search_document(&self) -> Option<SearchDocument> {
        None
    }
}

/// How a field's value stands in an exchange file's cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldShape {
    /// Required text, an id, a date or a name: the cell as it is.
    Text,
    /// Optional text, id, date or name: empty means none.
    Optional,
    /// `true` or `false`.
    Bool,
    /// A whole number.
    Number,
    /// A list, as compact JSON; empty means an empty list.
    List,
    /// An object, as compact JSON.
    Json,
}

/// The logical type of a stored column; each backend of the store maps it
/// to its own SQL type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    Uuid,
    Text,
    Int,
    Bool,
    Date,
    Timestamp,
    Bytes,
}

/// A typed column of a record's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub ty: ColumnType,
}

impl Column {
    pub const fn new(name: &'static str, ty: ColumnType) -> Self {
        Column { name, ty }
    }
}

/// The value of one of a record's typed columns (`Record::column_values`);
/// `None` is SQL NULL, typed so that the store binds the right parameter
/// type. Records fill only these types; timestamps and bytes are the
/// store's own columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnValue {
    Uuid(Option<Uuid>),
    Text(Option<String>),
    Int(Option<i64>),
    Bool(Option<bool>),
    Date(Option<NaiveDate>),
}

impl ColumnValue {
    pub fn text(text: &str) -> Self {
        ColumnValue::Text(Some(text.to_owned()))
    }

    /// Optional text; `None` is NULL.
    pub fn opt_text(text: Option<&str>) -> Self {
        ColumnValue::Text(text.map(str::to_owned))
    }

    /// An id of the core's newtypes.
    pub fn id(id: impl Into<Uuid>) -> Self {
        ColumnValue::Uuid(Some(id.into()))
    }

    /// An optional id; `None` is NULL.
    pub fn opt_id(id: Option<impl Into<Uuid>>) -> Self {
        ColumnValue::Uuid(id.map(Into::into))
    }

    /// A count or offset; one beyond `i64` (never met) is stored as its
    /// largest value.
    pub fn int(n: impl TryInto<i64>) -> Self {
        ColumnValue::Int(Some(n.try_into().unwrap_or(i64::MAX)))
    }

    /// The column type this value fills.
    pub fn ty(&self) -> ColumnType {
        match self {
            ColumnValue::Uuid(_) => ColumnType::Uuid,
            ColumnValue::Text(_) => ColumnType::Text,
            ColumnValue::Int(_) => ColumnType::Int,
            ColumnValue::Bool(_) => ColumnType::Bool,
            ColumnValue::Date(_) => ColumnType::Date,
        }
    }
}

/// The first `n` characters of `text`, with an ellipsis when it is longer:
/// how long texts stand in labels.
pub fn shorten(text: &str, n: usize) -> String {
    let mut out: String = text.chars().take(n).collect();
    if text.chars().count() > n {
        out.push('…');
    }
    out
}

/// The conversions between a kind's struct and `Entity`, made by the
/// registry for every kind.
pub trait Variant: Into<Entity> + Sized {
    /// The record, or the entity back (boxed: it is large) when it is of
    /// another kind.
    fn from_entity(entity: Entity) -> Result<Self, Box<Entity>>;

    fn from_entity_ref(entity: &Entity) -> Option<&Self>;
}

/// An id type, tied to the kind of record it names, so that a typed read
/// (`Records::get_record(commitment_id)`) knows what it reads.
pub trait RecordId: Copy + Eq + std::hash::Hash + Send + Sync + Into<Uuid> + 'static {
    type Record: Record<Id = Self>;

    fn uuid(self) -> Uuid {
        self.into()
    }
}

/// A reference from one record to another: the referring field ("bound",
/// "sources[2]"), and the kind and id referred to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub field: String,
    pub kind: EntityKind,
    pub id: Uuid,
}

impl Reference {
    /// A reference by `field` to the record `id` names; the kind comes from
    /// the id's type.
    pub fn to<I: RecordId>(field: impl Into<String>, id: I) -> Self {
        Reference {
            field: field.into(),
            kind: <I::Record as Record>::KIND,
            id: id.uuid(),
        }
    }

    /// One reference per id of a list field, named `field[i]`.
    pub fn each<I: RecordId>(field: &str, ids: &[I]) -> impl Iterator<Item = Reference> {
        ids.iter()
            .enumerate()
            .map(move |(i, id)| Reference::to(format!("{field}[{i}]"), *id))
    }

    /// As the `(field, kind, id)` triple `Entity::references` gives.
    pub fn into_parts(self) -> (String, EntityKind, Uuid) {
        (self.field, self.kind, self.id)
    }
}

/// Why JSON could not be read as an entity of a kind
/// (`Entity::from_json`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FromJsonError {
    /// The data does not fit the kind: `path` is serde's path to the value
    /// at fault ("." for the data itself), `reason` serde's message.
    #[error("{path}: {reason}")]
    Invalid { path: String, reason: String },
}

impl FromJsonError {
    pub(crate) fn invalid(error: serde_path_to_error::Error<serde_json::Error>) -> Self {
        FromJsonError::Invalid {
            path: error.path().to_string(),
            reason: error.into_inner().to_string(),
        }
    }
}

/// Bookkeeping the store keeps for every entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Meta {
    /// Starts at 1 and grows by one with every change.
    pub version: i64,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
    /// Set when the entity was removed (it stays readable).
    pub deleted_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// An entity as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stored<T> {
    pub meta: Meta,
    pub entity: T,
}

impl Stored<Entity> {
    /// The stored record as its kind's struct, or itself back when it is of
    /// another kind.
    pub fn into_record<T: Record>(self) -> Result<Stored<T>, Box<Stored<Entity>>> {
        match T::from_entity(self.entity) {
            Ok(entity) => Ok(Stored {
                meta: self.meta,
                entity,
            }),
            Err(entity) => Err(Box::new(Stored {
                meta: self.meta,
                entity: *entity,
            })),
        }
    }
}
