//! The storage operations, written once against [`Tx`] for both backends
//! (decision 0001), one module per concern: reading entities, applying
//! changes with their audit entries, the audit chain, full-text search,
//! stored files and the review queue. Dumping and restoring every table is
//! in `backup::tables`.

mod apply;
mod audit;
mod batch;
mod candidates;
mod checks;
mod derived;
mod files;
mod reads;
mod search;

use pledgewatch_core::error::{Error, Result};
use pledgewatch_core::model::{Entity, EntityKind, Meta, Stored};

use crate::schema::{ColType, META_COLUMNS, Value};
use crate::tx::TxError;

pub(crate) use apply::apply;
pub(crate) use audit::{history, insert_audit, verify_audit};
pub(crate) use candidates::list_candidates;
pub(crate) use files::{get_file, put_file, sources_with_file};
pub(crate) use reads::{
    dossier_by_slug, get, get_many, list, list_dossiers, published, referring, removed,
};
pub(crate) use search::search;

/// Turns a low-level error into the domain's storage error, keeping the
/// database's message for the operator (never for the public).
pub(crate) fn db(e: TxError) -> Error {
    Error::storage("the database failed", e)
}

/// `$1, $2, ...` from `start` for `n` parameters.
pub(crate) fn placeholders(start: usize, n: usize) -> String {
    (start..start + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn meta_select(alias: &str) -> String {
    META_COLUMNS
        .iter()
        .map(|c| format!("{alias}{}", c.name))
        .collect::<Vec<_>>()
        .join(", ")
}

const META_TYPES: [ColType; 6] = [
    ColType::Uuid,
    ColType::Int,
    ColType::Timestamp,
    ColType::Timestamp,
    ColType::Timestamp,
    ColType::Text,
];

fn stored_from_row(row: &[Value]) -> Result<Stored<Entity>> {
    let body = row[5]
        .as_text()
        .ok_or_else(|| Error::storage("reading an entity", "its row has no body"))?;
    let entity: Entity =
        serde_json::from_str(body).map_err(|e| Error::storage("reading an entity's body", e))?;
    Ok(Stored {
        meta: Meta {
            version: row[1].as_int().unwrap_or_default(),
            created_at: row[2].as_timestamp().unwrap_or_default(),
            updated_at: row[3].as_timestamp().unwrap_or_default(),
            deleted_at: row[4].as_timestamp(),
        },
        entity,
    })
}
/// Most parameters bound in one statement.
const CHUNK: usize = 500;
fn kind_name(kind: EntityKind) -> &'static str {
    kind.as_str()
}
