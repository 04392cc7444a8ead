//! Reading entities: by id, in bulk, by what refers to them, dossiers by
//! slug, pages of a kind, and which are published.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use pledgewatch_core::error::{Error, Result};
use pledgewatch_core::model::{Dossier, Entity, EntityKind, Slug, Stored};
use pledgewatch_core::storage::Pending;
use uuid::Uuid;

use super::{CHUNK, db, entities, listed, meta_select, placeholders, uuids};
use crate::schema::{Value, entity_table_of};
use crate::tx::{FromRow, IdRow, Row, Tx, TxError, fetch_as};

pub(crate) async fn get(
    tx: &mut dyn Tx,
    kind: EntityKind,
    id: Uuid,
) -> Result<Option<Stored<Entity>>> {
    let table = entity_table_of(kind);
    let sql = format!(
        "SELECT {} FROM {} WHERE id = $1",
        meta_select(""),
        table.name
    );
    let rows = entities(tx, table.name, &sql, &[Value::Uuid(Some(id))]).await?;
    Ok(rows.into_iter().next())
}

pub(crate) async fn get_many(
    tx: &mut dyn Tx,
    kind: EntityKind,
    ids: &[Uuid],
) -> Result<Vec<Stored<Entity>>> {
    let table = entity_table_of(kind);
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(CHUNK) {
        let sql = format!(
            "SELECT {} FROM {} WHERE id IN ({}) AND deleted_at IS NULL ORDER BY id",
            meta_select(""),
            table.name,
            listed(tx.dialect(), chunk.len())
        );
        out.extend(entities(tx, table.name, &sql, &uuids(chunk)).await?);
    }
    Ok(out)
}

/// Which of `ids` name a record of any kind (removed ones included), with
/// its kind: every record table asked, chunk by chunk.
pub(crate) async fn taken(tx: &mut dyn Tx, ids: &[Uuid]) -> Result<Vec<(Uuid, EntityKind)>> {
    let mut out = Vec::new();
    for table in crate::schema::TABLES {
        let Some(kind) = table.entity else { continue };
        let found = ids_in(tx, table.name, ids, "").await?;
        out.extend(found.into_iter().map(|id| (id, kind)));
    }
    Ok(out)
}

pub(crate) async fn removed(tx: &mut dyn Tx, kind: EntityKind, ids: &[Uuid]) -> Result<Vec<Uuid>> {
    let table = entity_table_of(kind).name;
    ids_in(tx, table, ids, " AND deleted_at IS NOT NULL").await
}

/// Which of `ids` are in `table` (meeting `and`, a condition starting
/// with ` AND`, or nothing), asked chunk by chunk.
async fn ids_in(tx: &mut dyn Tx, table: &str, ids: &[Uuid], and: &str) -> Result<Vec<Uuid>> {
    let mut out = Vec::new();
    for chunk in ids.chunks(CHUNK) {
        let sql = format!(
            "SELECT id FROM {table} WHERE id IN ({}){and} ORDER BY id",
            listed(tx.dialect(), chunk.len())
        );
        let rows: Vec<IdRow> = fetch_as(tx, table, &sql, &uuids(chunk)).await.map_err(db)?;
        out.extend(rows.into_iter().map(|r| r.0));
    }
    Ok(out)
}

pub(crate) async fn referring(
    tx: &mut dyn Tx,
    kind: EntityKind,
    target_kind: EntityKind,
    targets: &[Uuid],
) -> Result<Vec<Stored<Entity>>> {
    let table = entity_table_of(kind);
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for chunk in targets.chunks(CHUNK) {
        let sql = format!(
            "SELECT {} FROM {} e WHERE e.deleted_at IS NULL AND e.id IN \
             (SELECT l.from_id FROM entity_links l WHERE l.from_kind = $1 AND l.to_kind = $2 AND l.to_id IN ({})) ORDER BY e.id",
            meta_select("e."),
            table.name,
            placeholders(3, chunk.len())
        );
        let mut params = vec![
            Value::text(kind.as_str()),
            Value::text(target_kind.as_str()),
        ];
        params.extend(uuids(chunk));
        for stored in entities(tx, table.name, &sql, &params).await? {
            if seen.insert(stored.entity.id()) {
                out.push(stored);
            }
        }
    }
    Ok(out)
}

pub(crate) async fn dossier_by_slug(
    tx: &mut dyn Tx,
    slug: &Slug,
) -> Result<Option<Stored<Dossier>>> {
    let sql = format!("SELECT {} FROM dossiers WHERE slug = $1", meta_select(""));
    let rows = entities(tx, "dossiers", &sql, &[Value::text(slug.as_str())]).await?;
    rows.into_iter().next().map(as_dossier).transpose()
}

fn as_dossier(s: Stored<Entity>) -> Result<Stored<Dossier>> {
    match s.entity {
        Entity::Dossier(d) => Ok(Stored {
            meta: s.meta,
            entity: d,
        }),
        other => Err(Error::storage(
            "reading dossiers",
            format!("the table holds a {}", other.kind()),
        )),
    }
}

pub(crate) async fn list_dossiers(tx: &mut dyn Tx) -> Result<Vec<Stored<Dossier>>> {
    let sql = format!(
        "SELECT {} FROM dossiers WHERE deleted_at IS NULL ORDER BY slug",
        meta_select("")
    );
    let rows = entities(tx, "dossiers", &sql, &[]).await?;
    rows.into_iter().map(as_dossier).collect()
}

/// A page of a kind's live records, the latest changed first (ties by id):
/// read in the order of the table's `(updated_at DESC, id)` index, so the
/// first page costs the same at any size of the table.
pub(crate) async fn list(
    tx: &mut dyn Tx,
    kind: EntityKind,
    limit: u32,
    offset: u32,
) -> Result<Vec<Stored<Entity>>> {
    let table = entity_table_of(kind);
    let sql = format!(
        "SELECT {} FROM {} WHERE deleted_at IS NULL ORDER BY updated_at DESC, id LIMIT $1 OFFSET $2",
        meta_select(""),
        table.name
    );
    let params = [
        Value::Int(Some(i64::from(limit))),
        Value::Int(Some(i64::from(offset))),
    ];
    entities(tx, table.name, &sql, &params).await
}

/// A row of `publications`, as far as reads need it.
struct Publication {
    entity_id: Uuid,
    published_at: DateTime<Utc>,
}

impl FromRow for Publication {
    fn from_row(row: &Row<'_>) -> Result<Self, TxError> {
        Ok(Publication {
            entity_id: row.get("entity_id")?,
            published_at: row.get("published_at")?,
        })
    }
}

pub(crate) async fn published(
    tx: &mut dyn Tx,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, DateTime<Utc>>> {
    let mut out = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        let sql = format!(
            "SELECT entity_id, published_at FROM publications WHERE entity_id IN ({}) ORDER BY entity_id",
            listed(tx.dialect(), chunk.len())
        );
        let rows: Vec<Publication> = fetch_as(tx, "publications", &sql, &uuids(chunk))
            .await
            .map_err(db)?;
        out.extend(rows.into_iter().map(|p| (p.entity_id, p.published_at)));
    }
    Ok(out)
}

/// The columns of a publication read as a stored record (see [`EntityRow`]):
/// the published version and body, the publication time as both times.
const PUBLISHED_SELECT: &str = "p.version AS version, p.published_at AS created_at, \
     p.published_at AS updated_at, NULL AS deleted_at, p.body AS body";

pub(crate) async fn published_records(
    tx: &mut dyn Tx,
    kind: EntityKind,
    ids: &[Uuid],
) -> Result<Vec<Stored<Entity>>> {
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(CHUNK) {
        // The kind is compared as an expression (`|| ''`) so that SQLite
        // looks the ids up by key rather than walking every publication of
        // the kind through its ordering index (a hundred thousand
        // commitments: 50-100 ms instead of under one).
        let sql = format!(
            "SELECT {PUBLISHED_SELECT} FROM publications p WHERE (p.entity_kind || '') = $1 \
             AND p.entity_id IN ({}) ORDER BY p.entity_id",
            placeholders(2, chunk.len())
        );
        let mut params = vec![Value::text(kind.as_str())];
        params.extend(uuids(chunk));
        out.extend(entities(tx, "publications", &sql, &params).await?);
    }
    Ok(out)
}

pub(crate) async fn published_referring(
    tx: &mut dyn Tx,
    kind: EntityKind,
    target_kind: EntityKind,
    targets: &[Uuid],
) -> Result<Vec<Stored<Entity>>> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for chunk in targets.chunks(CHUNK) {
        let sql = format!(
            "SELECT {PUBLISHED_SELECT} FROM publications p WHERE (p.entity_kind || '') = $1 AND p.entity_id IN \
             (SELECT l.from_id FROM publication_links l WHERE l.from_kind = $1 AND l.to_kind = $2 \
             AND l.to_id IN ({})) ORDER BY p.entity_id",
            placeholders(3, chunk.len())
        );
        let mut params = vec![
            Value::text(kind.as_str()),
            Value::text(target_kind.as_str()),
        ];
        params.extend(uuids(chunk));
        for stored in entities(tx, "publications", &sql, &params).await? {
            if seen.insert(stored.entity.id()) {
                out.push(stored);
            }
        }
    }
    Ok(out)
}

/// A page of a kind's published versions, the latest published first (ties
/// by id), in the order of the `(entity_kind, published_at DESC,
/// entity_id)` index.
pub(crate) async fn published_list(
    tx: &mut dyn Tx,
    kind: EntityKind,
    limit: u32,
    offset: u32,
) -> Result<Vec<Stored<Entity>>> {
    let sql = format!(
        "SELECT {PUBLISHED_SELECT} FROM publications p WHERE p.entity_kind = $1 \
         ORDER BY p.published_at DESC, p.entity_id LIMIT $2 OFFSET $3"
    );
    let params = [
        Value::text(kind.as_str()),
        Value::Int(Some(i64::from(limit))),
        Value::Int(Some(i64::from(offset))),
    ];
    entities(tx, "publications", &sql, &params).await
}

pub(crate) async fn published_sources_with_file(
    tx: &mut dyn Tx,
    sha256: &pledgewatch_core::model::Sha256Hex,
) -> Result<Vec<Stored<Entity>>> {
    // The digest is 64 hexadecimal digits (checked by its type), so the
    // pattern holds no wildcard but its own.
    let pattern = format!("%\"file_sha256\":\"{}\"%", sha256.as_str());
    let sql = format!(
        "SELECT {PUBLISHED_SELECT} FROM publications p WHERE p.entity_kind = 'source' \
         AND p.body LIKE $1 ORDER BY p.entity_id"
    );
    entities(tx, "publications", &sql, &[Value::text(pattern)]).await
}

/// The condition of the records waiting for review, as the partial
/// indexes of migration 0010 state it.
const PENDING: &str =
    "(published_version IS NULL AND deleted_at IS NULL) OR published_version <> version";

/// A row of the pending query.
struct PendingRow(Pending);

impl FromRow for PendingRow {
    fn from_row(row: &Row<'_>) -> Result<Self, TxError> {
        let kind = row.parse("kind", |k| EntityKind::parse(k).map_err(|e| e.reason))?;
        let deleted: Option<DateTime<Utc>> = row.opt("deleted_at")?;
        Ok(PendingRow(Pending {
            kind,
            id: row.get("id")?,
            version: row.get("version")?,
            published_version: row.opt("published_version")?,
            removed: deleted.is_some(),
            updated_at: row.get("updated_at")?,
        }))
    }
}

/// Every live record without a publication, and every record whose
/// published version is not its live one (a removal included): the oldest
/// changes first (ties newest id first), at most `limit`. Each entity
/// table holds the version the public sees (`published_version`, kept by
/// the triggers of migration 0010) and a partial index of exactly the
/// records waiting, in this order; each kind's index is read up to `limit`
/// entries and the kinds are merged here, so the work grows with the
/// records waiting, not with the table. The condition is written as the
/// index's, so that SQLite's planner sees that the index covers it.
pub(crate) async fn pending(tx: &mut dyn Tx, limit: u32) -> Result<Vec<Pending>> {
    let mut out: Vec<Pending> = Vec::new();
    for kind in EntityKind::ALL {
        if *kind == EntityKind::Candidate {
            continue;
        }
        let sql = format!(
            "SELECT '{}' AS kind, id, version, updated_at, deleted_at, \
             published_version FROM {} \
             WHERE {PENDING} \
             ORDER BY updated_at, id DESC LIMIT $1",
            kind.as_str(),
            entity_table_of(*kind).name
        );
        let rows: Vec<PendingRow> = fetch_as(
            tx,
            entity_table_of(*kind).name,
            &sql,
            &[Value::Int(Some(i64::from(limit)))],
        )
        .await
        .map_err(db)?;
        out.extend(rows.into_iter().map(|r| r.0));
    }
    out.sort_by(|a, b| a.updated_at.cmp(&b.updated_at).then(b.id.cmp(&a.id)));
    out.truncate(limit as usize);
    Ok(out)
}
