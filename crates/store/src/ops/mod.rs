//! The storage operations, written once against [`Tx`] for both backends
//! (decision 0001), one module per concern: reading entities, applying
//! changes with their audit entries, the audit chain, stored files and the review queue. Dumping and restoring every table is
//! in `backup::tables`.

mod apply;
mod audit;
mod batch;
mod candidates;
mod checks;
mod derived;
mod files;
mod reads;

use pledgewatch_core::error::{Error, Result};
use pledgewatch_core::model::{Entity, EntityKind, Meta, Stored};

use crate::schema::{META_COLUMNS, Value};
use crate::tx::{Dialect, FromRow, Row, Tx, TxError, fetch_as};

pub(crate) use apply::{Chain, apply};
pub(crate) use audit::{audit_head, audit_marks, history, insert_audit, verify_audit};
pub(crate) use candidates::list_candidates;
pub(crate) use files::{get_file, put_file, sources_with_file};
pub(crate) use reads::{
    dossier_by_slug, get, get_many, list, list_dossiers, pending, published, published_list,
    published_records, published_referring, published_sources_with_file, referring, removed, taken,
};

/// Turns a low-level error into the domain's storage error, keeping the
/// cause for the operator (never for the public).
pub(crate) fn db(e: TxError) -> Error {
    let context = match e {
        TxError::Sql(_) => "a database statement failed",
        TxError::Null { .. } | TxError::Decode { .. } => "a stored row cannot be read",
    };
    Error::storage(context, e)
}

/// `$1, $2, ...` from `start` for `n` parameters.
pub(crate) fn placeholders(start: usize, n: usize) -> String {
    (start..start + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The `VALUES` rows of a multi-row insert: `rows` rows of `width`
/// parameters bound in order. SQLite gets anonymous `?` (it finds a named
/// parameter such as `$7` by a linear search, which made long statements
/// cost the square of their length), PostgreSQL `$1, $2, ...`.
pub(crate) fn values_rows(dialect: Dialect, rows: usize, width: usize) -> String {
    let row = |i: usize| match dialect {
        Dialect::Sqlite => format!("({})", vec!["?"; width].join(", ")),
        Dialect::Postgres => format!("({})", placeholders(i * width + 1, width)),
    };
    (0..rows).map(row).collect::<Vec<_>>().join(", ")
}

/// `n` parameters bound in order, for an `IN (...)` list: `?` on SQLite,
/// `$1, $2, ...` on PostgreSQL (see [`values_rows`]). Only for statements
/// with no other parameter: the SQLite driver binds `?` by counting the
/// anonymous parameters alone, so a `?` after `$1` would take `$1`'s value.
pub(crate) fn listed(dialect: Dialect, n: usize) -> String {
    match dialect {
        Dialect::Sqlite => vec!["?"; n].join(", "),
        Dialect::Postgres => placeholders(1, n),
    }
}

/// The meta columns of an entity table, each under its own name (`alias`
/// is the table's alias with its dot, or empty).
fn meta_select(alias: &str) -> String {
    META_COLUMNS
        .iter()
        .map(|c| format!("{alias}{0} AS {0}", c.name))
        .collect::<Vec<_>>()
        .join(", ")
}

/// An entity table's row: its meta columns and its body, the entity as JSON.
struct EntityRow(Stored<Entity>);

impl FromRow for EntityRow {
    fn from_row(row: &Row<'_>) -> Result<Self, TxError> {
        Ok(EntityRow(Stored {
            meta: Meta {
                version: row.get("version")?,
                created_at: row.get("created_at")?,
                updated_at: row.get("updated_at")?,
                deleted_at: row.opt("deleted_at")?,
            },
            entity: row.parse("body", |body| serde_json::from_str::<Entity>(body))?,
        }))
    }
}

/// Runs a query over the entity table `table` (selecting [`meta_select`]).
async fn entities(
    tx: &mut dyn Tx,
    table: &str,
    sql: &str,
    params: &[Value],
) -> Result<Vec<Stored<Entity>>> {
    let rows: Vec<EntityRow> = fetch_as(tx, table, sql, params).await.map_err(db)?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// Most parameters bound in one statement.
const CHUNK: usize = 500;

fn kind_name(kind: EntityKind) -> &'static str {
    kind.as_str()
}

/// Ids as parameters.
fn uuids(ids: &[uuid::Uuid]) -> Vec<Value> {
    ids.iter().map(|id| Value::Uuid(Some(*id))).collect()
}
