//! Reading entities: by id, in bulk, by what refers to them, dossiers by
//! slug, pages of a kind, and which are published.

use std::collections::{HashMap, HashSet};

use pledgewatch_core::error::{Error, Result};
use pledgewatch_core::model::{Dossier, Entity, EntityKind, Slug, Stored};
use uuid::Uuid;

use super::{CHUNK, META_TYPES, db, meta_select, placeholders, stored_from_row};
use crate::schema::{ColType, Value, entity_table_of};
use crate::tx::Tx;

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
    let rows = tx
        .fetch(&sql, &[Value::Uuid(Some(id))], &META_TYPES)
        .await
        .map_err(db)?;
    rows.first().map(|r| stored_from_row(r)).transpose()
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
            placeholders(1, chunk.len())
        );
        let params: Vec<Value> = chunk.iter().map(|id| Value::Uuid(Some(*id))).collect();
        for row in tx.fetch(&sql, &params, &META_TYPES).await.map_err(db)? {
            out.push(stored_from_row(&row)?);
        }
    }
    Ok(out)
}

pub(crate) async fn removed(tx: &mut dyn Tx, kind: EntityKind, ids: &[Uuid]) -> Result<Vec<Uuid>> {
    let table = entity_table_of(kind);
    let mut out = Vec::new();
    for chunk in ids.chunks(CHUNK) {
        let sql = format!(
            "SELECT id FROM {} WHERE id IN ({}) AND deleted_at IS NOT NULL ORDER BY id",
            table.name,
            placeholders(1, chunk.len())
        );
        let params: Vec<Value> = chunk.iter().map(|id| Value::Uuid(Some(*id))).collect();
        for row in tx
            .fetch(&sql, &params, &[ColType::Uuid])
            .await
            .map_err(db)?
        {
            out.extend(row[0].as_uuid());
        }
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
        params.extend(chunk.iter().map(|id| Value::Uuid(Some(*id))));
        for row in tx.fetch(&sql, &params, &META_TYPES).await.map_err(db)? {
            let stored = stored_from_row(&row)?;
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
    let rows = tx
        .fetch(&sql, &[Value::text(slug.as_str())], &META_TYPES)
        .await
        .map_err(db)?;
    rows.first()
        .map(|r| stored_from_row(r).and_then(as_dossier))
        .transpose()
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
    let rows = tx.fetch(&sql, &[], &META_TYPES).await.map_err(db)?;
    rows.iter()
        .map(|r| stored_from_row(r).and_then(as_dossier))
        .collect()
}

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
    let rows = tx
        .fetch(
            &sql,
            &[
                Value::Int(Some(i64::from(limit))),
                Value::Int(Some(i64::from(offset))),
            ],
            &META_TYPES,
        )
        .await
        .map_err(db)?;
    rows.iter().map(|r| stored_from_row(r)).collect()
}

pub(crate) async fn published(
    tx: &mut dyn Tx,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, chrono::DateTime<chrono::Utc>>> {
    let mut out = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        let sql = format!(
            "SELECT entity_id, published_at FROM publications WHERE entity_id IN ({}) ORDER BY entity_id",
            placeholders(1, chunk.len())
        );
        let params: Vec<Value> = chunk.iter().map(|id| Value::Uuid(Some(*id))).collect();
        for row in tx
            .fetch(&sql, &params, &[ColType::Uuid, ColType::Timestamp])
            .await
            .map_err(db)?
        {
            if let (Some(id), Some(at)) = (row[0].as_uuid(), row[1].as_timestamp()) {
                out.insert(id, at);
            }
        }
    }
    Ok(out)
}
