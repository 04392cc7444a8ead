//! Checks made before a write: unique fields, references to live entities
//! of the right kind, and refusing to remove what is still referred to.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

use pledgewatch_core::error::{Error, FieldError, Result, Said};
use pledgewatch_core::model::{Commitment, Entity, EntityKind, Source};
use uuid::Uuid;

use super::{db, get, get_file, kind_name};
use crate::schema::{Value, entity_table_of};
use crate::tx::{FromRow, IdRow, Row, Tx, TxError, fetch_as, fetch_one_as};

/// Whether an entity's row is removed.
struct Removal {
    deleted_at: Option<DateTime<Utc>>,
}

impl FromRow for Removal {
    fn from_row(row: &Row<'_>) -> Result<Self, TxError> {
        Ok(Removal {
            deleted_at: row.opt("deleted_at")?,
        })
    }
}

/// Where a reference to an entity comes from.
struct Link {
    from_kind: EntityKind,
    from_id: Uuid,
    field: String,
}

impl FromRow for Link {
    fn from_row(row: &Row<'_>) -> Result<Self, TxError> {
        Ok(Link {
            from_kind: row.parse("from_kind", EntityKind::parse)?,
            from_id: row.get("from_id")?,
            field: row.get("field")?,
        })
    }
}

/// Unique fields the schema also enforces, checked first for a clear error.
pub(super) async fn check_unique(
    tx: &mut dyn Tx,
    entity: &Entity,
    external_ids: &mut HashMap<String, Uuid>,
) -> Result<()> {
    // The batch knows every external id it writes (see taken_external_ids).
    if let Entity::Commitment(Commitment {
        id,
        external_id: Some(x),
        ..
    }) = entity
    {
        if external_ids
            .get(x)
            .is_some_and(|holder| holder != &id.uuid())
        {
            return Err(FieldError::said(
                "external_id",
                Said::new("reason-used-by-another")
                    .text("value", x)
                    .kind("kind", "commitment"),
            )
            .into());
        }
        external_ids.insert(x.clone(), id.uuid());
        return Ok(());
    }
    let (sql, value, field) = match entity {
        Entity::Dossier(d) => (
            "SELECT id FROM dossiers WHERE slug = $1 AND id <> $2",
            d.slug.as_str().to_owned(),
            "slug",
        ),
        Entity::Commitment(Commitment {
            external_id: Some(x),
            ..
        }) => (
            "SELECT id FROM commitments WHERE external_id = $1 AND id <> $2",
            x.clone(),
            "external_id",
        ),
        _ => return Ok(()),
    };
    let rows: Vec<IdRow> = fetch_as(
        tx,
        entity_table_of(entity.kind()).name,
        sql,
        &[Value::text(value.clone()), Value::Uuid(Some(entity.id()))],
    )
    .await
    .map_err(db)?;
    if rows.is_empty() {
        Ok(())
    } else {
        Err(FieldError::said(
            field,
            Said::new("reason-used-by-another")
                .text("value", value)
                .kind("kind", entity.kind()),
        )
        .into())
    }
}

/// Every reference must point at a live entity of the right kind, and a
/// source's stored file must exist.
pub(super) async fn check_references(
    tx: &mut dyn Tx,
    entity: &Entity,
    live: &mut HashSet<(EntityKind, Uuid)>,
) -> Result<()> {
    if let Entity::Source(Source {
        file_sha256: Some(sha),
        ..
    }) = entity
        && get_file(tx, sha).await?.is_none()
    {
        return Err(FieldError::said(
            "file_sha256",
            Said::new("reason-no-stored-file").text("value", sha.as_str()),
        )
        .into());
    }
    for (field, kind, id) in entity.references() {
        if live.contains(&(kind, id)) {
            continue;
        }
        let table = entity_table_of(kind);
        let row: Option<Removal> = fetch_one_as(
            tx,
            table.name,
            &format!("SELECT deleted_at FROM {} WHERE id = $1", table.name),
            &[Value::Uuid(Some(id))],
        )
        .await
        .map_err(db)?;
        let is_live = row.is_some_and(|r| r.deleted_at.is_none());
        if !is_live {
            return Err(Error::DanglingReference {
                field,
                kind: kind_name(kind),
                id: id.to_string(),
            });
        }
        live.insert((kind, id));
    }
    Ok(())
}

/// An entity others still refer to cannot be removed.
pub(super) async fn refuse_if_referred(tx: &mut dyn Tx, kind: EntityKind, id: Uuid) -> Result<()> {
    let links: Vec<Link> = fetch_as(
        tx,
        "entity_links",
        "SELECT from_kind, from_id, field FROM entity_links WHERE to_id = $1 ORDER BY from_kind, from_id, field",
        &[Value::Uuid(Some(id))],
    )
    .await
    .map_err(db)?;
    for link in links {
        if let Some(from) = get(tx, link.from_kind, link.from_id).await?
            && from.meta.deleted_at.is_none()
        {
            return Err(Error::refused(
                Said::new("reason-still-referred-to")
                    .kind("kind", kind)
                    .text("id", id)
                    .kind("from_kind", link.from_kind)
                    .text("from_id", link.from_id)
                    .text("field", &link.field),
            ));
        }
    }
    Ok(())
}
