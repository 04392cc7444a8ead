//! The shapes every reader produces and the import pipeline consumes.

use pledgewatch_core::model::Entity;
use serde::Serialize;
use uuid::Uuid;

/// The namespace of pledgewatch's stable ids (UUID version 5).
const NAMESPACE: Uuid = Uuid::from_u128(0x6b1f_4e0a_92d3_5c7e_8a41_d2f0_3b9c_7e15);

/// A stable id for an entity read from an outside collection: the same
/// `collection` and `key` give the same id on every import.
pub fn stable_id(collection: &str, key: &str) -> Uuid {
    let mut name = Vec::with_capacity(collection.len() + key.len() + 1);
    name.extend_from_slice(collection.as_bytes());
    name.push(0);
    name.extend_from_slice(key.as_bytes());
    Uuid::new_v5(&NAMESPACE, &name)
}

/// A row as it stood in the input, for the file of rejected rows.
#[derive(Debug, Clone, PartialEq)]
pub enum RawRow {
    /// The cells of a CSV row, in the input's column order.
    Csv(Vec<String>),
    /// One element of a JSON input.
    Json(serde_json::Value),
}

/// One input row and the entities it stands for.
#[derive(Debug, Clone)]
pub struct Record {
    /// The row's number: for CSV, the line the record starts on (the header
    /// is line 1); for JSON, the element's position, from 1.
    pub row: u64,
    pub raw: RawRow,
    /// In an order where each entity refers only to entities before it in
    /// this record, earlier records, or the database.
    pub entities: Vec<Entity>,
}

/// Why a row, or one value of it, could not be taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowError {
    pub row: u64,
    pub column: Option<String>,
    pub value: Option<String>,
    pub reason: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "row {}", self.row)?;
        if let Some(column) = &self.column {
            write!(f, ", column '{column}'")?;
        }
        if let Some(value) = &self.value {
            let shown: String = value.chars().take(60).collect();
            let more = if shown.len() < value.len() { "…" } else { "" };
            write!(f, ", value '{shown}{more}'")?;
        }
        write!(f, ": {}", self.reason)
    }
}

/// A row that was not taken, with every reason found.
#[derive(Debug, Clone)]
pub struct Rejected {
    pub row: u64,
    pub raw: RawRow,
    pub errors: Vec<RowError>,
}

/// What a reader made of a whole file.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    /// The CSV header, to write the rejected rows under.
    pub header: Option<Vec<String>>,
    pub records: Vec<Record>,
    pub rejected: Vec<Rejected>,
    /// Data rows read (header and wholly empty lines excluded): always
    /// `records.len() + rejected.len()`.
    pub rows_read: u64,
}
