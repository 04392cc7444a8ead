//! What is derived from an entity when it is written: its links, a
//! commitment's resolved deadline, its search document, and the columns of
//! others that follow it after an update.

use std::collections::HashMap;

use pledgewatch_core::error::Result;
use pledgewatch_core::facts;
use pledgewatch_core::model::{Entity, EntityKind, Stored};
use pledgewatch_core::search::search_document;

use super::{db, get, placeholders, referring};
use crate::schema::Value;
use crate::tx::{FromRow, Row, Tx, TxError, fetch_one_as};

/// Whether a source is confidential.
struct Confidentiality {
    confidential: bool,
}

impl FromRow for Confidentiality {
    fn from_row(row: &Row<'_>) -> Result<Self, TxError> {
        Ok(Confidentiality {
            confidential: row.get("confidential")?,
        })
    }
}

/// Writes an entity's references into `table` (`entity_links` for the live
/// version, `publication_links` for the published one).
pub(super) async fn write_links(tx: &mut dyn Tx, table: &str, entity: &Entity) -> Result<()> {
    let kind = entity.kind();
    let id = entity.id();
    let references = entity.references();
    // One statement per 100 links (5 parameters each).
    for chunk in references.chunks(100) {
        let rows: Vec<String> = (0..chunk.len())
            .map(|i| format!("({})", placeholders(i * 5 + 1, 5)))
            .collect();
        let mut params = Vec::with_capacity(chunk.len() * 5);
        for (field, to_kind, to_id) in chunk {
            params.extend([
                Value::text(kind.as_str()),
                Value::Uuid(Some(id)),
                Value::text(field.clone()),
                Value::text(to_kind.as_str()),
                Value::Uuid(Some(*to_id)),
            ]);
        }
        tx.exec(
            &format!(
                "INSERT INTO {table} (from_kind, from_id, field, to_kind, to_id) VALUES {}",
                rows.join(", ")
            ),
            &params,
        )
        .await
        .map_err(db)?;
    }
    Ok(())
}

/// A commitment's deadline, resolved against the milestones it names.
pub(super) async fn deadline(
    tx: &mut dyn Tx,
    entity: &Entity,
) -> Result<Option<facts::ResolvedDate>> {
    let Entity::Commitment(c) = entity else {
        return Ok(None);
    };
    let mut milestones = HashMap::new();
    for id in c.timing.milestones() {
        if let Some(Stored {
            entity: Entity::Milestone(m),
            ..
        }) = get(tx, EntityKind::Milestone, id.uuid()).await?
        {
            milestones.insert(m.id, m);
        }
    }
    Ok(facts::deadline_of(&c.timing, &milestones))
}

/// Keeps derived columns right after an update: commitments tied to a moved
/// milestone get their new deadline; quotes follow their source's
/// confidentiality in search.
pub(super) async fn after_update(tx: &mut dyn Tx, entity: &Entity) -> Result<()> {
    match entity {
        Entity::Milestone(m) => {
            let dependents = referring(
                tx,
                EntityKind::Commitment,
                EntityKind::Milestone,
                &[m.id.uuid()],
            )
            .await?;
            for stored in dependents {
                let resolved = deadline(tx, &stored.entity).await?;
                tx.exec(
                    "UPDATE commitments SET deadline_on = $1, deadline_precision = $2 WHERE id = $3",
                    &[
                        Value::Date(resolved.map(|d| d.date)),
                        Value::Text(resolved.map(|d| d.precision.as_str().to_owned())),
                        Value::Uuid(Some(stored.entity.id())),
                    ],
                )
                .await
                .map_err(db)?;
            }
        }
        Entity::Source(s) => {
            tx.exec(
                "UPDATE search_docs SET confidential = $1 WHERE entity_id IN (SELECT id FROM quotes WHERE source_id = $2)",
                &[Value::Bool(Some(s.confidential)), Value::id(s.id)],
            )
            .await
            .map_err(db)?;
        }
        _ => {}
    }
    Ok(())
}

/// Whether a stored source is confidential (false if there is none).
pub(super) async fn stored_confidentiality(tx: &mut dyn Tx, source: uuid::Uuid) -> Result<bool> {
    let source: Option<Confidentiality> = fetch_one_as(
        tx,
        "sources",
        "SELECT confidential FROM sources WHERE id = $1",
        &[Value::Uuid(Some(source))],
    )
    .await
    .map_err(db)?;
    Ok(source.is_some_and(|s| s.confidential))
}

/// Writes the entity's search document, if its kind is searched.
pub(super) async fn index(tx: &mut dyn Tx, entity: &Entity) -> Result<()> {
    let Some(doc) = search_document(entity) else {
        return Ok(());
    };
    let confidential = match entity {
        Entity::Source(s) => s.confidential,
        Entity::Quote(q) => stored_confidentiality(tx, q.source.uuid()).await?,
        _ => false,
    };
    tx.exec(
        "INSERT INTO search_docs (entity_kind, entity_id, confidential, title, body) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (entity_id) DO UPDATE SET entity_kind = excluded.entity_kind, confidential = excluded.confidential, \
         title = excluded.title, body = excluded.body",
        &[
            Value::text(entity.kind().as_str()),
            Value::Uuid(Some(entity.id())),
            Value::Bool(Some(confidential)),
            Value::text(doc.title),
            Value::text(doc.body),
        ],
    )
    .await
    .map_err(db)?;
    Ok(())
}
