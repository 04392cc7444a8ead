//! Applying a batch of changes (create, update, remove, publish,
//! unpublish) with their audit entries, inside one write transaction.

use pledgewatch_core::audit::{AuditAction, AuditEntry};
use pledgewatch_core::error::{Error, Result, Said};
use pledgewatch_core::model::{Commitment, Entity, EntityKind, Stored};
use pledgewatch_core::storage::{Change, ChangeContext};
use uuid::Uuid;

use super::audit::{AUDIT_BATCH, insert_audits};
use super::batch::{Batch, existing_ids, taken_external_ids};
use super::checks::{check_references, check_unique, refuse_if_referred};
use super::derived::{after_update, deadline, write_links};
use super::{audit_head, db, get, kind_name};
use crate::schema::{self, Value, entity_table_of};
use crate::tx::Tx;

/// Applies a batch of changes inside an open write transaction.
pub(crate) async fn apply(
    tx: &mut dyn Tx,
    context: &ChangeContext,
    changes: Vec<Change>,
) -> Result<Vec<AuditEntry>> {
    let mut chain = Chain::open(tx).await?;
    let written = chain.apply(tx, context, changes).await?;
    chain.close(tx).await?;
    Ok(written)
}

/// The audit chain and what the batch has learnt, carried from one chunk
/// of changes to the next inside one write transaction.
pub(crate) struct Chain {
    /// The audit log's length when the transaction began.
    pub(crate) began_at: i64,
    seq: i64,
    prev_hash: String,
    batch: Batch,
}

impl Chain {
    /// Reads (and on PostgreSQL locks) the audit head.
    pub(crate) async fn open(tx: &mut dyn Tx) -> Result<Chain> {
        let head = audit_head(tx, true).await?.ok_or_else(|| {
            Error::storage(
                "reading the audit head",
                "it is missing; the database was not initialised",
            )
        })?;
        Ok(Chain {
            began_at: head.seq,
            seq: head.seq,
            prev_hash: head.hash,
            batch: Batch::default(),
        })
    }

    /// Applies a chunk of changes, appending their audit entries; returns
    /// them.
    pub(crate) async fn apply(
        &mut self,
        tx: &mut dyn Tx,
        context: &ChangeContext,
        changes: Vec<Change>,
    ) -> Result<Vec<AuditEntry>> {
        let batch = &mut self.batch;
        // Each chunk ends with its rows written: what earlier chunks learnt
        // the database now answers, so memory holds one chunk's worth
        // however long the transaction runs.
        batch.forget();
        batch.taken.extend(existing_ids(tx, &changes).await?);
        batch
            .external_ids
            .extend(taken_external_ids(tx, &changes).await?);
        let mut written = Vec::with_capacity(changes.len());
        let mut unwritten = 0;
        for change in changes {
            if !matches!(change, Change::Create(_)) {
                batch.flush(tx).await?;
            }
            let (action, kind, id, version, before, after) =
                apply_one(tx, context, change, batch).await?;
            if batch.full() {
                batch.flush(tx).await?;
            }
            self.seq += 1;
            // A creation's body is the record's row (decision 0036): its
            // entry is written with the body's hash; the entry returned
            // keeps the body.
            let after_sha256 = match (action, &after) {
                (AuditAction::Create, Some(body)) => Some(AuditEntry::body_sha256(body)),
                _ => None,
            };
            let entry = AuditEntry {
                seq: self.seq,
                at: context.at,
                actor: context.actor.clone(),
                action,
                subject: kind.into(),
                entity_id: id,
                entity_version: version,
                reason: context.reason.clone(),
                before,
                after,
                after_sha256,
                prev_hash: std::mem::take(&mut self.prev_hash),
                hash: String::new(),
            }
            .seal();
            self.prev_hash = entry.hash.clone();
            written.push(entry);
            unwritten += 1;
            if unwritten == AUDIT_BATCH {
                insert_audits(tx, &written[written.len() - unwritten..]).await?;
                unwritten = 0;
            }
        }
        insert_audits(tx, &written[written.len() - unwritten..]).await?;
        batch.flush(tx).await?;
        Ok(written)
    }

    /// Moves the audit head to the last entry written.
    pub(crate) async fn close(self, tx: &mut dyn Tx) -> Result<()> {
        tx.exec(
            "UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1",
            &[Value::Int(Some(self.seq)), Value::text(&self.prev_hash)],
        )
        .await
        .map_err(db)?;
        Ok(())
    }
}

/// What one change did, for its audit entry.
type Applied = (
    AuditAction,
    EntityKind,
    Uuid,
    i64,
    Option<String>,
    Option<String>,
);

fn body_of(entity: &Entity) -> Result<String> {
    serde_json::to_string(entity).map_err(|e| Error::storage("serialising an entity", e))
}

/// A record's body exactly as its row holds it: what a change's `before`
/// records, so that a creation's body, which its entry holds only by hash,
/// is found there byte for byte (decision 0036).
async fn stored_body(tx: &mut dyn Tx, kind: EntityKind, id: Uuid) -> Result<String> {
    let table = entity_table_of(kind);
    let rows = tx
        .fetch(
            &format!("SELECT body FROM {} WHERE id = $1", table.name),
            &[Value::Uuid(Some(id))],
        )
        .await
        .map_err(db)?;
    let row = rows.first().ok_or_else(|| Error::NotFound {
        kind: kind_name(kind),
        id: id.to_string(),
    })?;
    crate::tx::Row::new(table.name, row).get("body").map_err(db)
}

async fn current(tx: &mut dyn Tx, kind: EntityKind, id: Uuid) -> Result<Stored<Entity>> {
    get(tx, kind, id).await?.ok_or_else(|| Error::NotFound {
        kind: kind_name(kind),
        id: id.to_string(),
    })
}

async fn apply_one(
    tx: &mut dyn Tx,
    context: &ChangeContext,
    change: Change,
    batch: &mut Batch,
) -> Result<Applied> {
    match change {
        Change::Create(entity) => create(tx, context, entity, batch).await,
        Change::Update {
            entity,
            expected_version,
        } => update(tx, context, entity, expected_version, batch).await,
        Change::Delete {
            kind,
            id,
            expected_version,
        } => delete(tx, context, kind, id, expected_version, batch).await,
        Change::Publish { kind, id } => publish(tx, context, kind, id).await,
        Change::Unpublish { kind, id } => unpublish(tx, kind, id).await,
        Change::SendBack { kind, id } => send_back(tx, context, kind, id).await,
    }
}

async fn create(
    tx: &mut dyn Tx,
    context: &ChangeContext,
    entity: Entity,
    batch: &mut Batch,
) -> Result<Applied> {
    let kind = entity.kind();
    let id = entity.id();
    // An id names one record, whatever its kind: a record of another kind
    // with the same id would share its links and its history's entries.
    let holder = batch.taken.get(&id).copied();
    if holder.is_some() || !batch.created.insert(id) {
        return Err(Error::refused(
            Said::new("reason-already-exists")
                .kind("kind", holder.unwrap_or(kind))
                .text("id", id),
        ));
    }
    check_unique(tx, &entity, &mut batch.external_ids).await?;
    check_references(tx, &entity, &mut batch.live).await?;
    let body = body_of(&entity)?;
    let mut values = vec![
        Value::Uuid(Some(id)),
        Value::Int(Some(1)),
        Value::Timestamp(Some(context.at)),
        Value::Timestamp(Some(context.at)),
        Value::Timestamp(None),
        Value::text(&body),
    ];
    if let Entity::Commitment(c) = &entity
        && !c.timing.milestones().is_empty()
    {
        // Its deadline reads the milestones, which may be buffered still.
        batch.flush(tx).await?;
    }
    values.extend(schema::entity_values(&entity, deadline(tx, &entity).await?));
    batch.buffer_row(entity_table_of(kind), values);
    batch.buffer_links(&entity);
    batch.live.insert((kind, id));
    Ok((AuditAction::Create, kind, id, 1, None, Some(body)))
}

/// A live entity at the version the change was based on.
async fn based_on(
    tx: &mut dyn Tx,
    kind: EntityKind,
    id: Uuid,
    expected_version: i64,
    removed: &'static str,
) -> Result<Stored<Entity>> {
    let old = current(tx, kind, id).await?;
    if old.meta.deleted_at.is_some() {
        return Err(Error::refused(
            Said::new(removed).kind("kind", kind).text("id", id),
        ));
    }
    if old.meta.version != expected_version {
        return Err(conflict(kind, id, expected_version, old.meta.version));
    }
    Ok(old)
}

async fn update(
    tx: &mut dyn Tx,
    context: &ChangeContext,
    entity: Entity,
    expected_version: i64,
    batch: &mut Batch,
) -> Result<Applied> {
    let kind = entity.kind();
    let id = entity.id();
    let old = based_on(
        tx,
        kind,
        id,
        expected_version,
        "reason-removed-not-editable",
    )
    .await?;
    check_unique(tx, &entity, &mut batch.external_ids).await?;
    if let Entity::Commitment(Commitment {
        external_id: Some(x),
        ..
    }) = &old.entity
        && batch.external_ids.get(x) == Some(&id)
        && !matches!(&entity, Entity::Commitment(c) if c.external_id.as_ref() == Some(x))
    {
        batch.external_ids.remove(x);
    }
    check_references(tx, &entity, &mut batch.live).await?;
    let before = stored_body(tx, kind, id).await?;
    let body = body_of(&entity)?;
    write_row(tx, context, &entity, &body, expected_version).await?;
    tx.exec(
        "DELETE FROM entity_links WHERE from_id = $1",
        &[Value::Uuid(Some(id))],
    )
    .await
    .map_err(db)?;
    write_links(tx, "entity_links", &entity).await?;
    after_update(tx, &entity).await?;
    batch.live.insert((kind, id));
    Ok((
        AuditAction::Update,
        kind,
        id,
        expected_version + 1,
        Some(before),
        Some(body),
    ))
}

/// Rewrites an entity's row (body and typed columns) if it is still at
/// `expected_version`.
async fn write_row(
    tx: &mut dyn Tx,
    context: &ChangeContext,
    entity: &Entity,
    body: &str,
    expected_version: i64,
) -> Result<()> {
    let (kind, id) = (entity.kind(), entity.id());
    let table = entity_table_of(kind);
    let values = schema::entity_values(entity, deadline(tx, entity).await?);
    let sets: Vec<String> = table
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{} = ${}", c.name, i + 5))
        .collect();
    let sql = format!(
        "UPDATE {} SET version = version + 1, updated_at = $1, body = $2, {} WHERE id = $3 AND version = $4",
        table.name,
        sets.join(", ")
    );
    let mut params = vec![
        Value::Timestamp(Some(context.at)),
        Value::text(body),
        Value::Uuid(Some(id)),
        Value::Int(Some(expected_version)),
    ];
    params.extend(values);
    if tx.exec(&sql, &params).await.map_err(db)? == 0 {
        return Err(conflict(kind, id, expected_version, expected_version + 1));
    }
    Ok(())
}

async fn delete(
    tx: &mut dyn Tx,
    context: &ChangeContext,
    kind: EntityKind,
    id: Uuid,
    expected_version: i64,
    batch: &mut Batch,
) -> Result<Applied> {
    based_on(tx, kind, id, expected_version, "reason-already-removed").await?;
    refuse_if_referred(tx, kind, id).await?;
    batch.live.remove(&(kind, id));
    let table = entity_table_of(kind);
    let sql = format!(
        "UPDATE {} SET version = version + 1, updated_at = $1, deleted_at = $1 WHERE id = $2 AND version = $3",
        table.name
    );
    let params = [
        Value::Timestamp(Some(context.at)),
        Value::Uuid(Some(id)),
        Value::Int(Some(expected_version)),
    ];
    if tx.exec(&sql, &params).await.map_err(db)? == 0 {
        return Err(conflict(kind, id, expected_version, expected_version + 1));
    }
    // Its publication stays: the public sees the record until a reviewer
    // approves the removal (by withdrawing it).
    Ok((
        AuditAction::Delete,
        kind,
        id,
        expected_version + 1,
        Some(stored_body(tx, kind, id).await?),
        None,
    ))
}

/// Makes the live version of a record the published one: its body and its
/// references are copied to `publications` and `publication_links`.
async fn publish(
    tx: &mut dyn Tx,
    context: &ChangeContext,
    kind: EntityKind,
    id: Uuid,
) -> Result<Applied> {
    let current = current(tx, kind, id).await?;
    if current.meta.deleted_at.is_some() {
        return Err(Error::refused(
            Said::new("reason-removed-not-publishable")
                .kind("kind", kind)
                .text("id", id),
        ));
    }
    if published_version(tx, id).await? == Some(current.meta.version) {
        return Err(Error::refused(
            Said::new("reason-already-published")
                .kind("kind", kind)
                .text("id", id)
                .num("version", current.meta.version),
        ));
    }
    withdraw(tx, id).await?;
    tx.exec(
        "INSERT INTO publications (entity_id, entity_kind, published_at, published_by, version, body) \
         VALUES ($1, $2, $3, $4, $5, $6)",
        &[
            Value::Uuid(Some(id)),
            Value::text(kind.as_str()),
            Value::Timestamp(Some(context.at)),
            Value::text(&context.actor),
            Value::Int(Some(current.meta.version)),
            Value::text(body_of(&current.entity)?),
        ],
    )
    .await
    .map_err(db)?;
    write_links(tx, "publication_links", &current.entity).await?;
    Ok((
        AuditAction::Publish,
        kind,
        id,
        current.meta.version,
        None,
        None,
    ))
}

/// The version of a record the public sees, if it is published.
async fn published_version(tx: &mut dyn Tx, id: Uuid) -> Result<Option<i64>> {
    let rows = tx
        .fetch(
            "SELECT version FROM publications WHERE entity_id = $1",
            &[Value::Uuid(Some(id))],
        )
        .await
        .map_err(db)?;
    match rows.first() {
        Some(row) => Ok(Some(
            crate::tx::Row::new("publications", row)
                .get("version")
                .map_err(db)?,
        )),
        None => Ok(None),
    }
}

/// Removes a record's publication; how many rows it had (0 or 1).
async fn withdraw(tx: &mut dyn Tx, id: Uuid) -> Result<u64> {
    tx.exec(
        "DELETE FROM publication_links WHERE from_id = $1",
        &[Value::Uuid(Some(id))],
    )
    .await
    .map_err(db)?;
    tx.exec(
        "DELETE FROM publications WHERE entity_id = $1",
        &[Value::Uuid(Some(id))],
    )
    .await
    .map_err(db)
}

async fn unpublish(tx: &mut dyn Tx, kind: EntityKind, id: Uuid) -> Result<Applied> {
    let current = current(tx, kind, id).await?;
    if withdraw(tx, id).await? == 0 {
        return Err(Error::refused(
            Said::new("reason-not-published")
                .kind("kind", kind)
                .text("id", id),
        ));
    }
    Ok((
        AuditAction::Unpublish,
        kind,
        id,
        current.meta.version,
        None,
        None,
    ))
}

/// Records that a reviewer sent a pending change back (the comment is the
/// batch's reason); refused when nothing of the record is pending.
async fn send_back(
    tx: &mut dyn Tx,
    context: &ChangeContext,
    kind: EntityKind,
    id: Uuid,
) -> Result<Applied> {
    let current = current(tx, kind, id).await?;
    if context
        .reason
        .as_deref()
        .is_none_or(|r| r.trim().is_empty())
    {
        return Err(Error::refused(Said::new("reason-send-back-needs-comment")));
    }
    let published = published_version(tx, id).await?;
    let removed = current.meta.deleted_at.is_some();
    if published == Some(current.meta.version) || (removed && published.is_none()) {
        return Err(Error::refused(
            Said::new("reason-nothing-to-review")
                .kind("kind", kind)
                .text("id", id),
        ));
    }
    Ok((
        AuditAction::SendBack,
        kind,
        id,
        current.meta.version,
        None,
        None,
    ))
}

fn conflict(kind: EntityKind, id: Uuid, expected: i64, actual: i64) -> Error {
    Error::Conflict {
        kind: kind_name(kind),
        id: id.to_string(),
        expected,
        actual,
    }
}
