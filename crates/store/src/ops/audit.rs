//! The hash-chained audit log: writing sealed entries, an entity's history,
//! and verifying the whole chain. A creation's entry holds its body by hash
//! (decision 0036); the body is found in the next entry's `before` or in the
//! record's row, for the history and for the check of the chain.

use std::collections::HashMap;

use pledgewatch_core::audit::{
    AuditAction, AuditEntry, AuditMark, AuditSubject, BrokenEntry, ChainReport, ChainVerifier,
};
use pledgewatch_core::error::Result;
use pledgewatch_core::model::EntityKind;
use uuid::Uuid;

use super::{db, placeholders, values_rows};
use crate::schema::{Value, entity_table_of};
use crate::tx::{Dialect, FromRow, Row, Tx, TxError, fetch_as, fetch_one_as};

const AUDIT_COLUMNS: &str = "seq, at, actor, action, entity_kind, entity_id, entity_version, reason, before, after, prev_hash, hash, after_sha256";

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
            after_sha256: row.opt("after_sha256")?,
            prev_hash: row.get("prev_hash")?,
            hash: row.get("hash")?,
        })
    }
}

pub(crate) async fn history(
    tx: &mut dyn Tx,
    subject: AuditSubject,
    id: Uuid,
) -> Result<Vec<AuditEntry>> {
    let sql = format!(
        "SELECT {AUDIT_COLUMNS} FROM audit_log WHERE entity_id = $1 AND entity_kind = $2 ORDER BY seq"
    );
    let mut entries: Vec<AuditEntry> = fetch_as(
        tx,
        "audit_log",
        &sql,
        &[Value::Uuid(Some(id)), Value::text(subject.as_str())],
    )
    .await
    .map_err(db)?;
    let bodies = creation_bodies(tx, &entries).await?;
    for entry in &mut entries {
        if entry.after_sha256.is_none() {
            continue;
        }
        // Only a body that is the one an intact entry stands for is shown
        // as the creation's; anything else is left out, and `audit verify`
        // names the entry.
        let key = record_key(entry);
        entry.after = key
            .and_then(|k| bodies.get(&k))
            .and_then(|found| found.body_for(entry))
            .filter(|body| {
                entry.compute_hash() == entry.hash
                    && entry.after_sha256.as_deref() == Some(AuditEntry::body_sha256(body).as_str())
            })
            .map(str::to_owned);
    }
    Ok(entries)
}

/// Ids looked up per statement.
const IDS_PER_QUERY: usize = 500;

/// Where the body of a creation held by hash was found.
enum Found {
    /// In the `before` of the record's first later change, whose own entry
    /// is intact or not.
    Entry { body: String, intact: bool },
    /// In the record's row, at its version.
    Row { body: String, version: i64 },
}

impl Found {
    /// The body to hold against `creation`'s hash, when this is where it
    /// must be: not in a broken entry (the walk names that one) nor in a
    /// row changed since by an entry that is missing (the walk names the
    /// gap).
    fn body_for(&self, creation: &AuditEntry) -> Option<&str> {
        match self {
            Found::Entry { body, intact: true } => Some(body),
            Found::Row { body, version } if *version == creation.entity_version => Some(body),
            _ => None,
        }
    }
}

/// The record a creation by hash is about.
fn record_key(entry: &AuditEntry) -> Option<(EntityKind, Uuid)> {
    match (entry.subject, &entry.after_sha256) {
        (AuditSubject::Record(kind), Some(_)) => Some((kind, entry.entity_id)),
        _ => None,
    }
}

/// Where the bodies of the creations by hash among `entries` are: the
/// `before` of the record's first later entry that has one (the change
/// that replaced the body), else the record's row (never changed since).
async fn creation_bodies(
    tx: &mut dyn Tx,
    entries: &[AuditEntry],
) -> Result<HashMap<(EntityKind, Uuid), Found>> {
    let mut by_kind: HashMap<EntityKind, HashMap<Uuid, i64>> = HashMap::new();
    for entry in entries {
        if let Some((kind, id)) = record_key(entry) {
            by_kind.entry(kind).or_default().insert(id, entry.seq);
        }
    }
    let mut found = HashMap::new();
    for (kind, created) in by_kind {
        let ids: Vec<Uuid> = created.keys().copied().collect();
        for chunk in ids.chunks(IDS_PER_QUERY) {
            let sql = format!(
                "SELECT {AUDIT_COLUMNS} FROM audit_log WHERE entity_kind = $1 AND entity_id IN ({}) \
                 AND before IS NOT NULL ORDER BY seq",
                placeholders(2, chunk.len())
            );
            let mut params = vec![Value::text(kind.as_str())];
            params.extend(chunk.iter().map(|id| Value::Uuid(Some(*id))));
            let later: Vec<AuditEntry> =
                fetch_as(tx, "audit_log", &sql, &params).await.map_err(db)?;
            for e in later {
                let key = (kind, e.entity_id);
                if created.get(&e.entity_id).is_some_and(|seq| e.seq > *seq)
                    && !found.contains_key(&key)
                {
                    let intact = e.compute_hash() == e.hash;
                    let body = e.before.unwrap_or_default();
                    found.insert(key, Found::Entry { body, intact });
                }
            }
        }
        let table = entity_table_of(kind);
        let in_rows: Vec<Uuid> = ids
            .into_iter()
            .filter(|id| !found.contains_key(&(kind, *id)))
            .collect();
        for chunk in in_rows.chunks(IDS_PER_QUERY) {
            let sql = format!(
                "SELECT id, version, body FROM {} WHERE id IN ({})",
                table.name,
                placeholders(1, chunk.len())
            );
            let params: Vec<Value> = chunk.iter().map(|id| Value::Uuid(Some(*id))).collect();
            for row in tx.fetch(&sql, &params).await.map_err(db)? {
                let row = Row::new(table.name, &row);
                let id: Uuid = row.get("id").map_err(db)?;
                let body = row.get("body").map_err(db)?;
                let version = row.get("version").map_err(db)?;
                found.insert((kind, id), Found::Row { body, version });
            }
        }
    }
    Ok(found)
}

/// What is wrong with a creation held by hash, if anything: a body stored
/// beside the hash that is not the one it stands for, or the body it
/// stands for missing or changed.
fn body_problem(entry: &AuditEntry, found: &HashMap<(EntityKind, Uuid), Found>) -> Option<String> {
    let key = record_key(entry)?;
    let hash = entry.after_sha256.as_deref()?;
    if entry
        .after
        .as_deref()
        .is_some_and(|after| AuditEntry::body_sha256(after) != hash)
    {
        return Some(
            "it holds a body beside its hash that the hash does not stand for (edited after it was written)"
                .into(),
        );
    }
    match found.get(&key) {
        None => Some(
            "the body this creation stands for is neither in a later entry nor in the record's row (the row was deleted outside pledgewatch)"
                .into(),
        ),
        Some(place) => match place.body_for(entry) {
            Some(body) if AuditEntry::body_sha256(body) != hash => Some(
                match place {
                    Found::Entry { .. } => "the body this creation stands for, in the `before` of the record's next change, does not match its hash",
                    Found::Row { .. } => "the body this creation stands for, in the record's row, does not match its hash (the row was edited outside pledgewatch)",
                }
                .into(),
            ),
            _ => None,
        },
    }
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
        let mut entries = Vec::with_capacity(rows.len());
        let mut unreadable = None;
        for row in &rows {
            let row = Row::new("audit_log", row);
            let seq: i64 = row.get("seq").map_err(db)?;
            match AuditEntry::from_row(&row) {
                Ok(entry) => entries.push(entry),
                Err(e) => {
                    unreadable = Some((seq, e.to_string()));
                    break;
                }
            }
        }
        let bodies = creation_bodies(tx, &entries).await?;
        for entry in &entries {
            verifier.push_checked(entry, body_problem(entry, &bodies));
            after = entry.seq;
        }
        if let Some((seq, reason)) = unreadable {
            // An unreadable row is a broken entry too.
            let mut broken = verifier.finish(None);
            broken.broken = broken.broken.or(Some(BrokenEntry { seq, reason }));
            return Ok(broken);
        }
        if (rows.len() as i64) < PAGE {
            break;
        }
    }
    let head = audit_head(tx, false).await?.map(|h| (h.seq, h.hash));
    Ok(verifier.finish(head))
}

/// Audit entries written per statement (13 parameters each; SQLite finds
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
    let rows = values_rows(tx.dialect(), entries.len(), 13);
    let mut params = Vec::with_capacity(entries.len() * 13);
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
            // A creation by hash leaves its body to the record's row.
            Value::Text(if entry.after_sha256.is_some() {
                None
            } else {
                entry.after.clone()
            }),
            Value::text(&entry.prev_hash),
            Value::text(&entry.hash),
            Value::Text(entry.after_sha256.clone()),
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
