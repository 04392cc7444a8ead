//! What is derived from an entity when it is written: its links, a
//! commitment's resolved deadline, and the columns of others that follow it
//! after an update.

use std::collections::HashMap;

use pledgewatch_core::error::Result;
use pledgewatch_core::facts;
use pledgewatch_core::model::{Entity, EntityKind, Stored};

use super::{db, get, placeholders, referring};
use crate::schema::Value;
use crate::tx::Tx;

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
/// milestone get their new deadline.
pub(super) async fn after_update(tx: &mut dyn Tx, entity: &Entity) -> Result<()> {
    let Entity::Milestone(m) = entity else {
        return Ok(());
    };
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
    Ok(())
}
