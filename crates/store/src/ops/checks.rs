//! Checks made before a write: unique fields, references to live entities
//! of the right kind, and refusing to remove what is still referred to.

use std::collections::{HashMap, HashSet};

use pledgewatch_core::error::{Error, FieldError, Result};
use pledgewatch_core::model::{Commitment, Entity, EntityKind, Source};
use uuid::Uuid;

use super::{db, get, get_file, kind_name};
use crate::schema::{ColType, Value, entity_table_of};
use crate::tx::Tx;

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
        if external_ids.get(x).is_some_and(|holder| holder != &id.0) {
            return Err(FieldError::new(
                "external_id",
                format!("'{x}' is already used by another commitment"),
            )
            .into());
        }
        external_ids.insert(x.clone(), id.0);
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
    let rows = tx
        .fetch(
            sql,
            &[Value::text(value.clone()), Value::Uuid(Some(entity.id()))],
            &[ColType::Uuid],
        )
        .await
        .map_err(db)?;
    if rows.is_empty() {
        Ok(())
    } else {
        Err(FieldError::new(
            field,
            format!("'{value}' is already used by another {}", entity.kind()),
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
        return Err(FieldError::new(
            "file_sha256",
            format!("no stored file has the digest {}", sha.as_str()),
        )
        .into());
    }
    for (field, kind, id) in entity.references() {
        if live.contains(&(kind, id)) {
            continue;
        }
        let table = entity_table_of(kind);
        let rows = tx
            .fetch(
                &format!("SELECT deleted_at FROM {} WHERE id = $1", table.name),
                &[Value::Uuid(Some(id))],
                &[ColType::Timestamp],
            )
            .await
            .map_err(db)?;
        let is_live = rows.first().is_some_and(|r| r[0].as_timestamp().is_none());
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
    let links = tx
        .fetch(
            "SELECT from_kind, from_id, field FROM entity_links WHERE to_id = $1 ORDER BY from_kind, from_id, field",
            &[Value::Uuid(Some(id))],
            &[ColType::Text, ColType::Uuid, ColType::Text],
        )
        .await
        .map_err(db)?;
    for link in links {
        let (Some(from_kind), Some(from_id)) = (
            link[0].as_text().and_then(|k| EntityKind::parse(k).ok()),
            link[1].as_uuid(),
        ) else {
            continue;
        };
        if let Some(from) = get(tx, from_kind, from_id).await?
            && from.meta.deleted_at.is_none()
        {
            return Err(Error::Refused(format!(
                "{kind} {id} cannot be removed: {from_kind} {from_id} still refers to it (field {}); change or remove that first",
                link[2].as_text().unwrap_or_default()
            )));
        }
    }
    Ok(())
}
