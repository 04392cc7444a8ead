//! The hash-chained audit log: writing sealed entries, an entity's history,
//! and verifying the whole chain.

use pledgewatch_core::audit::{
    AuditAction, AuditEntry, AuditMark, AuditSubject, BrokenEntry, ChainReport, ChainVerifier,
};
use pledgewatch_core::error::Result;
use uuid::Uuid;

use super::{db, values_rows};
use crate::schema::Value;
use crate::tx::{Dialect, FromRow, Row, Tx, TxError, fetch_as, fetch_one_as};

const AUDIT_COLUMNS: &str = "seq, at, actor, action, entity_kind, entity_id, entity_version, reason, before, after, prev_hash, hash";

impl FromRow for AuditEntry {
    fn from_row(row: &Row<'_>) -> Result<Self, TxError> {
        Ok(AuditEntry {
            seq: row.get("seq")?,
            at: row.get("at")?,
            actor: row.get("actor")?,
            action: row.parse("action", |a| {
                AuditAction::parse(a).ok_or_else(|| format!("'{a}' is not an audit action"))
            })?,
            subject: row.parse("entity_kind", AuditSubject::parse)?,
            entity_id: row.get("entity_id")?,
            entity_version: row.get("entity_version")?,
            reason: row.opt("reason")?,
            before: row.opt("before")?,
            after: row.opt("after")?,
            prev_hash: row.get("prev_hash")?,
            hash: row.get("hash")?,
        })
    }
}

pub(crate) async fn history(tx: &mut dyn Tx, id: Uuid) -> Result<Vec<AuditEntry>> {
    let sql = format!("SELECT {AUDIT_COLUMNS} FROM audit_log WHERE entity_id = $1 ORDER BY seq");
    fetch_as(tx, "audit_log", &sql, &[Value::Uuid(Some(id))])
        .await
        .map_err(db)
}

impl FromRow for AuditMark {
    fn from_row(row: &Row<'_>) -> Result<Self, TxError> {
        Ok(AuditMark {
            seq: row.get("seq")?,
            action: row.parse("action", |a| {
                AuditAction::parse(a).ok_or_else(|| format!("'{a}' is not an audit action"))
            })?,
            subject: row.parse("entity_kind", AuditSubject::parse)?,
            entity_id: row.get("entity_id")?,
            hash: row.get("hash")?,
        })
    }
}

/// At most `limit` entries after `after`, oldest first, without their bodies.
pub(crate) async fn audit_marks(tx: &mut dyn Tx, after: i64, limit: u32) -> Result<Vec<AuditMark>> {
    fetch_as(
        tx,
        "audit_log",
        "SELECT seq, action, entity_kind, entity_id, hash FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2",
        &[Value::Int(Some(after)), Value::Int(Some(i64::from(limit)))],
    )
    .await
    .map_err(db)
}

/// The newest entry of the chain, as `audit_head` keeps it.
pub(crate) struct AuditHead {
    pub seq: i64,
    pub hash: String,
}

impl FromRow for AuditHead {
    fn from_row(row: &Row<'_>) -> Result<Self, TxError> {
        Ok(AuditHead {
            seq: row.get("seq")?,
            hash: row.get("hash")?,
        })
    }
}

/// Reads the audit head; `for_update` locks its row on PostgreSQL, which
/// serialises the writers appending to the chain (SQLite's writers hold
/// the database's write lock already).
pub(crate) async fn audit_head(tx: &mut dyn Tx, for_update: bool) -> Result<Option<AuditHead>> {
    let lock = match tx.dialect() {
        Dialect::Postgres if for_update => " FOR UPDATE",
        _ => "",
    };
    let sql = format!("SELECT seq, hash FROM audit_head WHERE id = 1{lock}");
    fetch_one_as(tx, "audit_head", &sql, &[]).await.map_err(db)
}

/// Checks the whole chain, reading it in pages so that memory stays flat.
pub(crate) async fn verify_audit(tx: &mut dyn Tx) -> Result<ChainReport> {
    const PAGE: i64 = 5_000;
    let mut verifier = ChainVerifier::default();
    let mut after = i64::MIN;
    loop {
        let sql = format!(
            "SELECT {AUDIT_COLUMNS} FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT {PAGE}"
        );
        let rows = tx
            .fetch(&sql, &[Value::Int(Some(after))])
            .await
            .map_err(db)?;
        for row in &rows {
            let row = Row::new("audit_log", row);
            let seq: i64 = row.get("seq").map_err(db)?;
            match AuditEntry::from_row(&row) {
                Ok(entry) => verifier.push(&entry),
                Err(e) => {
                    // An unreadable row is a broken entry too.
                    let mut broken = verifier.finish(None);
                    broken.broken = Some(BrokenEntry {
                        seq,
                        reason: e.to_string(),
                    });
                    return Ok(broken);
                }
            }
            after = seq;
        }
        if (rows.len() as i64) < PAGE {
            break;
        }
    }
    let head = audit_head(tx, false).await?.map(|h| (h.seq, h.hash));
    Ok(verifier.finish(head))
}

/// Audit entries written per statement (12 parameters each; SQLite finds
/// a parameter by a linear search, so very long statements cost more).
pub(super) const AUDIT_BATCH: usize = 20;

/// Writes one sealed audit entry.
pub(crate) async fn insert_audit(tx: &mut dyn Tx, entry: &AuditEntry) -> Result<()> {
    insert_audits(tx, std::slice::from_ref(entry)).await
}

/// Writes sealed audit entries in one statement.
pub(super) async fn insert_audits(tx: &mut dyn Tx, entries: &[AuditEntry]) -> Result<()> {
    if entries.is_empty() {
        return Ok(());
    }
    let rows = values_rows(tx.dialect(), entries.len(), 12);
    let mut params = Vec::with_capacity(entries.len() * 12);
    for entry in entries {
        params.extend([
            Value::Int(Some(entry.seq)),
            Value::Timestamp(Some(entry.at)),
            Value::text(&entry.actor),
            Value::text(entry.action.as_str()),
            Value::text(entry.subject.as_str()),
            Value::Uuid(Some(entry.entity_id)),
            Value::Int(Some(entry.entity_version)),
            Value::Text(entry.reason.clone()),
            Value::Text(entry.before.clone()),
            Value::Text(entry.after.clone()),
            Value::text(&entry.prev_hash),
            Value::text(&entry.hash),
        ]);
    }
    tx.exec(
        &format!("INSERT INTO audit_log ({AUDIT_COLUMNS}) VALUES {rows}"),
        &params,
    )
    .await
    .map_err(db)?;
    Ok(())
}
