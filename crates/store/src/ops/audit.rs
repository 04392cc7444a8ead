//! The hash-chained audit log: writing sealed entries, an entity's history,
//! and verifying the whole chain.

use pledgewatch_core::audit::{AuditAction, AuditEntry, ChainVerifier};
use pledgewatch_core::error::{Error, Result};
use pledgewatch_core::model::EntityKind;
use uuid::Uuid;

use super::{db, placeholders};
use crate::schema::{ColType, Value};
use crate::tx::Tx;

const AUDIT_COLUMNS: &str = "seq, at, actor, action, entity_kind, entity_id, entity_version, reason, before, after, prev_hash, hash";
const AUDIT_TYPES: [ColType; 12] = [
    ColType::Int,
    ColType::Timestamp,
    ColType::Text,
    ColType::Text,
    ColType::Text,
    ColType::Uuid,
    ColType::Int,
    ColType::Text,
    ColType::Text,
    ColType::Text,
    ColType::Text,
    ColType::Text,
];

fn audit_from_row(row: &[Value]) -> Result<AuditEntry> {
    let text = |i: usize| row[i].as_text().map(str::to_owned);
    let action = text(3).and_then(|a| AuditAction::parse(&a));
    let kind = text(4).and_then(|k| EntityKind::parse(&k).ok());
    let seq = row[0].as_int().unwrap_or_default();
    let (Some(action), Some(entity_kind)) = (action, kind) else {
        return Err(Error::storage(
            format!("reading audit entry {seq}"),
            "unknown action or entity kind",
        ));
    };
    Ok(AuditEntry {
        seq,
        at: row[1].as_timestamp().unwrap_or_default(),
        actor: text(2).unwrap_or_default(),
        action,
        entity_kind,
        entity_id: row[5].as_uuid().unwrap_or_default(),
        entity_version: row[6].as_int().unwrap_or_default(),
        reason: text(7),
        before: text(8),
        after: text(9),
        prev_hash: text(10).unwrap_or_default(),
        hash: text(11).unwrap_or_default(),
    })
}

pub(crate) async fn history(tx: &mut dyn Tx, id: Uuid) -> Result<Vec<AuditEntry>> {
    let sql = format!("SELECT {AUDIT_COLUMNS} FROM audit_log WHERE entity_id = $1 ORDER BY seq");
    let rows = tx
        .fetch(&sql, &[Value::Uuid(Some(id))], &AUDIT_TYPES)
        .await
        .map_err(db)?;
    rows.iter().map(|r| audit_from_row(r)).collect()
}

/// Checks the whole chain, reading it in pages so that memory stays flat.
pub(crate) async fn verify_audit(tx: &mut dyn Tx) -> Result<pledgewatch_core::audit::ChainReport> {
    const PAGE: i64 = 5_000;
    let mut verifier = ChainVerifier::default();
    let mut after = i64::MIN;
    loop {
        let sql = format!(
            "SELECT {AUDIT_COLUMNS} FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT {PAGE}"
        );
        let rows = tx
            .fetch(&sql, &[Value::Int(Some(after))], &AUDIT_TYPES)
            .await
            .map_err(db)?;
        for row in &rows {
            match audit_from_row(row) {
                Ok(entry) => verifier.push(&entry),
                Err(e) => {
                    // An unreadable row is a broken entry too.
                    let seq = row[0].as_int().unwrap_or_default();
                    let mut broken = verifier.finish(None);
                    broken.broken = Some(pledgewatch_core::audit::BrokenEntry {
                        seq,
                        reason: e.to_string(),
                    });
                    return Ok(broken);
                }
            }
            after = row[0].as_int().unwrap_or(after);
        }
        if (rows.len() as i64) < PAGE {
            break;
        }
    }
    let head = tx
        .fetch(
            "SELECT seq, hash FROM audit_head WHERE id = 1",
            &[],
            &[ColType::Int, ColType::Text],
        )
        .await
        .map_err(db)?;
    let head = head.first().map(|r| {
        (
            r[0].as_int().unwrap_or_default(),
            r[1].as_text().unwrap_or_default().to_owned(),
        )
    });
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
    let rows: Vec<String> = (0..entries.len())
        .map(|i| format!("({})", placeholders(i * 12 + 1, 12)))
        .collect();
    let mut params = Vec::with_capacity(entries.len() * 12);
    for entry in entries {
        params.extend([
            Value::Int(Some(entry.seq)),
            Value::Timestamp(Some(entry.at)),
            Value::text(&entry.actor),
            Value::text(entry.action.as_str()),
            Value::text(entry.entity_kind.as_str()),
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
        &format!(
            "INSERT INTO audit_log ({AUDIT_COLUMNS}) VALUES {}",
            rows.join(", ")
        ),
        &params,
    )
    .await
    .map_err(db)?;
    Ok(())
}
