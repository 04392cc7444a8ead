//! What a batch of changes learns as it runs: which ids are taken, which
//! entities are live, which external ids are in use, and the rows and links
//! of created entities, written in multi-row statements.

use std::collections::{HashMap, HashSet};

use pledgewatch_core::error::Result;
use pledgewatch_core::model::{Entity, EntityKind};
use pledgewatch_core::storage::Change;
use uuid::Uuid;

use super::{CHUNK, db, listed, values_rows};
use crate::schema::{META_COLUMNS, TABLES, Table, Value};
use crate::tx::{FromRow, Row, Tx, TxError, fetch_as};

/// What a batch learns as it runs, so that it asks the database each
/// question once. It lives inside one transaction, where nothing else
/// changes the rows.
#[derive(Default)]
pub(super) struct Batch {
    /// Ids, among the batch's creations, that are already taken by a record
    /// of any kind (removed records included), with that record's kind.
    pub(super) taken: HashMap<Uuid, EntityKind>,
    /// Ids the batch has created.
    pub(super) created: HashSet<Uuid>,
    /// Entities known to be live: found so, created or updated by the batch.
    pub(super) live: HashSet<(EntityKind, Uuid)>,
    /// Commitments' external ids in use (removed commitments' included), as
    /// far as the batch needs to know: those it writes.
    pub(super) external_ids: HashMap<String, Uuid>,
    /// Links of created entities, 5 values a row, not yet written.
    pub(super) links: Vec<Value>,
    /// Rows of created entities not yet written, by table (in the order of
    /// `schema::TABLES`, where a table comes after those it refers to).
    pub(super) rows: Vec<PendingRows>,
}

/// Rows of one entity table waiting to be written in multi-row statements.
pub(super) struct PendingRows {
    table: &'static Table,
    values: Vec<Value>,
}

/// Rows of links written per statement.
const ROWS_PER_INSERT: usize = 40;

/// Values bound in one multi-row statement of entity rows at most (SQLite
/// finds a parameter by a linear search, so very long statements cost more).
const VALUES_PER_INSERT: usize = 400;

impl PendingRows {
    fn new(table: &'static Table) -> Self {
        PendingRows {
            table,
            values: Vec::new(),
        }
    }
}

impl Batch {
    /// Forgets what the batch learnt, once its rows are written (the
    /// database holds it all then).
    pub(super) fn forget(&mut self) {
        debug_assert!(self.links.is_empty() && self.rows.iter().all(|r| r.values.is_empty()));
        self.taken.clear();
        self.created.clear();
        self.live.clear();
        self.external_ids.clear();
    }

    /// Writes the buffered rows and links. Called before any
    /// change other than a creation, before anything reads them, and at the
    /// end of the batch.
    pub(super) async fn flush(&mut self, tx: &mut dyn Tx) -> Result<()> {
        self.flush_rows(tx).await?;
        let links = std::mem::take(&mut self.links);
        for chunk in links.chunks(5 * ROWS_PER_INSERT) {
            let rows = values_rows(tx.dialect(), chunk.len() / 5, 5);
            tx.exec(
                &format!(
                    "INSERT INTO entity_links (from_kind, from_id, field, to_kind, to_id) VALUES {rows}"
                ),
                chunk,
            )
            .await
            .map_err(db)?;
        }
        Ok(())
    }

    pub(super) fn full(&self) -> bool {
        self.links.len() >= 5 * ROWS_PER_INSERT
            || self
                .rows
                .iter()
                .any(|r| r.values.len() >= VALUES_PER_INSERT)
    }

    /// Buffers a created entity's row (`values` in the order of the meta
    /// columns and then the table's own).
    pub(super) fn buffer_row(&mut self, table: &'static Table, values: Vec<Value>) {
        let rank = |t: &Table| TABLES.iter().position(|x| x.name == t.name);
        let at = match self.rows.iter().position(|r| rank(r.table) >= rank(table)) {
            Some(i) if self.rows[i].table.name == table.name => i,
            Some(i) => {
                self.rows.insert(i, PendingRows::new(table));
                i
            }
            None => {
                self.rows.push(PendingRows::new(table));
                self.rows.len() - 1
            }
        };
        let pending = &mut self.rows[at];
        pending.values.extend(values);
    }

    /// Writes the buffered entity rows, each table after those it refers to,
    /// in multi-row statements.
    async fn flush_rows(&mut self, tx: &mut dyn Tx) -> Result<()> {
        for pending in std::mem::take(&mut self.rows) {
            let table = pending.table;
            let columns: Vec<&str> = META_COLUMNS
                .iter()
                .chain(table.columns)
                .map(|c| c.name)
                .collect();
            let width = columns.len();
            let per_statement = (VALUES_PER_INSERT / width).max(1);
            for chunk in pending.values.chunks(width * per_statement) {
                let rows = values_rows(tx.dialect(), chunk.len() / width, width);
                let sql = format!(
                    "INSERT INTO {} ({}) VALUES {rows}",
                    table.name,
                    columns.join(", "),
                );
                tx.exec(&sql, chunk).await.map_err(db)?;
            }
        }
        Ok(())
    }

    /// Buffers a created entity's links.
    pub(super) fn buffer_links(&mut self, entity: &Entity) {
        let (kind, id) = (entity.kind(), entity.id());
        for (field, to_kind, to_id) in entity.references() {
            self.links.extend([
                Value::text(kind.as_str()),
                Value::Uuid(Some(id)),
                Value::text(field),
                Value::text(to_kind.as_str()),
                Value::Uuid(Some(to_id)),
            ]);
        }
    }
}

/// A commitment's external id and the commitment holding it.
struct ExternalId {
    external_id: String,
    id: Uuid,
}

impl FromRow for ExternalId {
    fn from_row(row: &Row<'_>) -> Result<Self, TxError> {
        Ok(ExternalId {
            external_id: row.get("external_id")?,
            id: row.get("id")?,
        })
    }
}

/// The commitments' external ids the batch writes, and which commitment
/// holds each in the database.
pub(super) async fn taken_external_ids(
    tx: &mut dyn Tx,
    changes: &[Change],
) -> Result<HashMap<String, Uuid>> {
    let wanted: Vec<String> = changes
        .iter()
        .filter_map(|c| match c {
            Change::Create(Entity::Commitment(k))
            | Change::Update {
                entity: Entity::Commitment(k),
                ..
            } => k.external_id.clone(),
            _ => None,
        })
        .collect();
    let mut taken = HashMap::new();
    for chunk in wanted.chunks(CHUNK) {
        let sql = format!(
            "SELECT external_id, id FROM commitments WHERE external_id IN ({}) ORDER BY id",
            listed(tx.dialect(), chunk.len())
        );
        let params: Vec<Value> = chunk.iter().map(|x| Value::text(x.clone())).collect();
        let rows: Vec<ExternalId> = fetch_as(tx, "commitments", &sql, &params)
            .await
            .map_err(db)?;
        taken.extend(rows.into_iter().map(|r| (r.external_id, r.id)));
    }
    Ok(taken)
}

/// Which of the batch's new ids are taken already, by a record of any kind
/// (an id names one record: links, history and addresses find a record by
/// it), and by which kind; asked in chunks rather than once per entity.
pub(super) async fn existing_ids(
    tx: &mut dyn Tx,
    changes: &[Change],
) -> Result<HashMap<Uuid, EntityKind>> {
    let ids: Vec<Uuid> = changes
        .iter()
        .filter_map(|change| match change {
            Change::Create(e) => Some(e.id()),
            _ => None,
        })
        .collect();
    Ok(super::reads::taken(tx, &ids).await?.into_iter().collect())
}
