//! The storage operations, written once against [`Tx`] for both backends:
//! applying changes with their audit entries, reading entities, walking the
//! audit chain, dumping and restoring every table, and full-text search.

use std::collections::HashMap;

use pledgewatch_core::audit::{AuditAction, AuditEntry, ChainVerifier};
use pledgewatch_core::error::{Error, FieldError, Result};
use pledgewatch_core::facts;
use pledgewatch_core::model::*;
use pledgewatch_core::search::search_document;
use pledgewatch_core::storage::{Change, ChangeContext, SearchHit, SearchQuery, TableDump};
use uuid::Uuid;

use crate::schema::{self, ColType, META_COLUMNS, TABLES, Value, entity_table_of};
use crate::tx::{Dialect, Tx, TxError};

/// Turns a low-level error into the domain's storage error, keeping the
/// database's message for the operator (never for the public).
pub(crate) fn db(e: TxError) -> Error {
    Error::Storage(e.to_string())
}

/// `$1, $2, ...` from `start` for `n` parameters.
fn placeholders(start: usize, n: usize) -> String {
    (start..start + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn meta_select(alias: &str) -> String {
    META_COLUMNS
        .iter()
        .map(|c| format!("{alias}{}", c.name))
        .collect::<Vec<_>>()
        .join(", ")
}

const META_TYPES: [ColType; 6] = [
    ColType::Uuid,
    ColType::Int,
    ColType::Timestamp,
    ColType::Timestamp,
    ColType::Timestamp,
    ColType::Text,
];

fn stored_from_row(row: &[Value]) -> Result<Stored<Entity>> {
    let body = row[5]
        .as_text()
        .ok_or_else(|| Error::Storage("entity row without body".into()))?;
    let entity: Entity = serde_json::from_str(body)
        .map_err(|e| Error::Storage(format!("unreadable entity body: {e}")))?;
    Ok(Stored {
        meta: Meta {
            version: row[1].as_int().unwrap_or_default(),
            created_at: row[2].as_timestamp().unwrap_or_default(),
            updated_at: row[3].as_timestamp().unwrap_or_default(),
            deleted_at: row[4].as_timestamp(),
        },
        entity,
    })
}

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

/// Most parameters bound in one statement.
const CHUNK: usize = 500;

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
    let mut seen = std::collections::HashSet::new();
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
        other => Err(Error::Storage(format!(
            "dossiers table holds a {}",
            other.kind()
        ))),
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

pub(crate) async fn put_file(
    tx: &mut dyn Tx,
    media_type: &str,
    content: &[u8],
    at: chrono::DateTime<chrono::Utc>,
) -> Result<Sha256Hex> {
    let sha = Sha256Hex::of(content);
    tx.exec(
        "INSERT INTO files (sha256, media_type, size, content, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (sha256) DO NOTHING",
        &[
            Value::text(sha.as_str()),
            Value::text(media_type),
            Value::Int(Some(i64::try_from(content.len()).unwrap_or(i64::MAX))),
            Value::Bytes(Some(content.to_vec())),
            Value::Timestamp(Some(at)),
        ],
    )
    .await
    .map_err(db)?;
    Ok(sha)
}

pub(crate) async fn get_file(
    tx: &mut dyn Tx,
    sha: &Sha256Hex,
) -> Result<Option<(String, Vec<u8>)>> {
    let rows = tx
        .fetch(
            "SELECT media_type, content FROM files WHERE sha256 = $1",
            &[Value::text(sha.as_str())],
            &[ColType::Text, ColType::Bytes],
        )
        .await
        .map_err(db)?;
    Ok(rows.into_iter().next().map(|mut r| {
        let content = match r.pop() {
            Some(Value::Bytes(Some(b))) => b,
            _ => Vec::new(),
        };
        (r[0].as_text().unwrap_or_default().to_owned(), content)
    }))
}

pub(crate) async fn sources_with_file(
    tx: &mut dyn Tx,
    sha: &Sha256Hex,
) -> Result<Vec<Stored<Entity>>> {
    let sql = format!(
        "SELECT {} FROM sources WHERE file_sha256 = $1 AND deleted_at IS NULL ORDER BY id",
        meta_select("")
    );
    let rows = tx
        .fetch(&sql, &[Value::text(sha.as_str())], &META_TYPES)
        .await
        .map_err(db)?;
    rows.iter().map(|r| stored_from_row(r)).collect()
}

pub(crate) async fn list_candidates(
    tx: &mut dyn Tx,
    status: Option<CandidateStatus>,
) -> Result<Vec<Stored<Candidate>>> {
    let (filter, params) = match status {
        Some(s) => (" AND status = $1", vec![Value::text(s.as_str())]),
        None => ("", vec![]),
    };
    let sql = format!(
        "SELECT {} FROM candidates WHERE deleted_at IS NULL{filter} ORDER BY source_id, quote_start, id",
        meta_select("")
    );
    let rows = tx.fetch(&sql, &params, &META_TYPES).await.map_err(db)?;
    rows.iter()
        .map(|r| {
            let stored = stored_from_row(r)?;
            match stored.entity {
                Entity::Candidate(c) => Ok(Stored {
                    meta: stored.meta,
                    entity: c,
                }),
                other => Err(Error::Storage(format!(
                    "candidates table holds a {}",
                    other.kind()
                ))),
            }
        })
        .collect()
}

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
        return Err(Error::Storage(format!(
            "audit entry {seq} has an unknown action or entity kind"
        )));
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

/// Applies a batch of changes inside an open write transaction.
pub(crate) async fn apply(
    tx: &mut dyn Tx,
    context: &ChangeContext,
    changes: Vec<Change>,
) -> Result<Vec<AuditEntry>> {
    let lock = match tx.dialect() {
        Dialect::Postgres => " FOR UPDATE",
        Dialect::Sqlite => "",
    };
    let head = tx
        .fetch(
            &format!("SELECT seq, hash FROM audit_head WHERE id = 1{lock}"),
            &[],
            &[ColType::Int, ColType::Text],
        )
        .await
        .map_err(db)?;
    let (mut seq, mut prev_hash) = head
        .first()
        .map(|r| {
            (
                r[0].as_int().unwrap_or_default(),
                r[1].as_text().unwrap_or_default().to_owned(),
            )
        })
        .ok_or_else(|| {
            Error::Storage("the audit head is missing; the database was not initialised".into())
        })?;
    let mut batch = Batch {
        existing: existing_ids(tx, &changes).await?,
        external_ids: taken_external_ids(tx, &changes).await?,
        ..Batch::default()
    };
    let mut written = Vec::with_capacity(changes.len());
    let mut unwritten = 0;
    for change in changes {
        if !matches!(change, Change::Create(_)) {
            batch.flush(tx).await?;
        }
        let (action, kind, id, version, before, after) =
            apply_one(tx, context, change, &mut batch).await?;
        if batch.full() {
            batch.flush(tx).await?;
        }
        seq += 1;
        let entry = AuditEntry {
            seq,
            at: context.at,
            actor: context.actor.clone(),
            action,
            entity_kind: kind,
            entity_id: id,
            entity_version: version,
            reason: context.reason.clone(),
            before,
            after,
            prev_hash: prev_hash.clone(),
            hash: String::new(),
        }
        .seal();
        prev_hash = entry.hash.clone();
        written.push(entry);
        unwritten += 1;
        if unwritten == AUDIT_BATCH {
            insert_audits(tx, &written[written.len() - unwritten..]).await?;
            unwritten = 0;
        }
    }
    insert_audits(tx, &written[written.len() - unwritten..]).await?;
    batch.flush(tx).await?;
    tx.exec(
        "UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1",
        &[Value::Int(Some(seq)), Value::text(&prev_hash)],
    )
    .await
    .map_err(db)?;
    Ok(written)
}

/// Audit entries written per statement (12 parameters each; SQLite finds
/// a parameter by a linear search, so very long statements cost more).
const AUDIT_BATCH: usize = 20;

/// What a batch learns as it runs, so that it asks the database each
/// question once. It lives inside one transaction, where nothing else
/// changes the rows.
#[derive(Default)]
struct Batch {
    /// Ids, among the batch's creations, that are already taken (removed
    /// entities included), and ids the batch has created.
    existing: std::collections::HashSet<Uuid>,
    /// Entities known to be live: found so, created or updated by the batch.
    live: std::collections::HashSet<(EntityKind, Uuid)>,
    /// Commitments' external ids in use (removed commitments' included), as
    /// far as the batch needs to know: those it writes.
    external_ids: HashMap<String, Uuid>,
    /// Links of created entities, 5 values a row, not yet written.
    links: Vec<Value>,
    /// Search documents of created entities, 5 values a row, not yet written.
    docs: Vec<Value>,
}

/// Rows of links or search documents written per statement.
const ROWS_PER_INSERT: usize = 40;

impl Batch {
    /// Writes the buffered links and search documents. Called before any
    /// change other than a creation, before anything reads them, and at the
    /// end of the batch.
    async fn flush(&mut self, tx: &mut dyn Tx) -> Result<()> {
        let links = std::mem::take(&mut self.links);
        for chunk in links.chunks(5 * ROWS_PER_INSERT) {
            let rows: Vec<String> = (0..chunk.len() / 5)
                .map(|i| format!("({})", placeholders(i * 5 + 1, 5)))
                .collect();
            tx.exec(
                &format!(
                    "INSERT INTO entity_links (from_kind, from_id, field, to_kind, to_id) VALUES {}",
                    rows.join(", ")
                ),
                chunk,
            )
            .await
            .map_err(db)?;
        }
        let docs = std::mem::take(&mut self.docs);
        for chunk in docs.chunks(5 * ROWS_PER_INSERT) {
            let rows: Vec<String> = (0..chunk.len() / 5)
                .map(|i| format!("({})", placeholders(i * 5 + 1, 5)))
                .collect();
            tx.exec(
                &format!(
                    "INSERT INTO search_docs (entity_kind, entity_id, confidential, title, body) VALUES {} \
                     ON CONFLICT (entity_id) DO UPDATE SET entity_kind = excluded.entity_kind, confidential = excluded.confidential, \
                     title = excluded.title, body = excluded.body",
                    rows.join(", ")
                ),
                chunk,
            )
            .await
            .map_err(db)?;
        }
        Ok(())
    }

    fn full(&self) -> bool {
        self.links.len() >= 5 * ROWS_PER_INSERT || self.docs.len() >= 5 * ROWS_PER_INSERT
    }

    /// Buffers a created entity's links and search document (a quote's
    /// document reads its source's confidentiality, so it is written at once
    /// by the caller).
    fn buffer(&mut self, entity: &Entity) {
        let (kind, id) = (entity.kind(), entity.id());
        for (field, to_kind, to_id) in entity.references() {
            self.links.extend([
                Value::text(kind.as_str()),
                Value::Uuid(Some(id)),
                Value::text(field),
                Value::text(to_kind.as_str()),
                Value::Uuid(Some(to_id)),
            ]);
        }
        if matches!(entity, Entity::Quote(_)) {
            return;
        }
        if let Some(doc) = search_document(entity) {
            let confidential = matches!(entity, Entity::Source(s) if s.confidential);
            self.docs.extend([
                Value::text(kind.as_str()),
                Value::Uuid(Some(id)),
                Value::Bool(Some(confidential)),
                Value::text(doc.title),
                Value::text(doc.body),
            ]);
        }
    }
}

/// The commitments' external ids the batch writes, and which commitment
/// holds each in the database.
async fn taken_external_ids(tx: &mut dyn Tx, changes: &[Change]) -> Result<HashMap<String, Uuid>> {
    let wanted: Vec<String> = changes
        .iter()
        .filter_map(|c| match c {
            Change::Create(Entity::Commitment(k))
            | Change::Update {
                entity: Entity::Commitment(k),
                ..
            } => k.external_id.clone(),
            _ => None,
        })
        .collect();
    let mut taken = HashMap::new();
    for chunk in wanted.chunks(CHUNK) {
        let sql = format!(
            "SELECT external_id, id FROM commitments WHERE external_id IN ({}) ORDER BY id",
            placeholders(1, chunk.len())
        );
        let params: Vec<Value> = chunk.iter().map(|x| Value::text(x.clone())).collect();
        for row in tx
            .fetch(&sql, &params, &[ColType::Text, ColType::Uuid])
            .await
            .map_err(db)?
        {
            if let (Some(x), Some(id)) = (row[0].as_text(), row[1].as_uuid()) {
                taken.insert(x.to_owned(), id);
            }
        }
    }
    Ok(taken)
}

/// Which of the batch's new ids exist already, asked once per kind in
/// chunks rather than once per entity.
async fn existing_ids(
    tx: &mut dyn Tx,
    changes: &[Change],
) -> Result<std::collections::HashSet<Uuid>> {
    let mut by_kind: HashMap<EntityKind, Vec<Uuid>> = HashMap::new();
    for change in changes {
        if let Change::Create(e) = change {
            by_kind.entry(e.kind()).or_default().push(e.id());
        }
    }
    let mut found = std::collections::HashSet::new();
    for (kind, ids) in by_kind {
        let table = entity_table_of(kind);
        for chunk in ids.chunks(CHUNK) {
            let sql = format!(
                "SELECT id FROM {} WHERE id IN ({}) ORDER BY id",
                table.name,
                placeholders(1, chunk.len())
            );
            let params: Vec<Value> = chunk.iter().map(|id| Value::Uuid(Some(*id))).collect();
            for row in tx
                .fetch(&sql, &params, &[ColType::Uuid])
                .await
                .map_err(db)?
            {
                if let Some(id) = row[0].as_uuid() {
                    found.insert(id);
                }
            }
        }
    }
    Ok(found)
}

/// Writes one sealed audit entry.
pub(crate) async fn insert_audit(tx: &mut dyn Tx, entry: &AuditEntry) -> Result<()> {
    insert_audits(tx, std::slice::from_ref(entry)).await
}

/// Writes sealed audit entries in one statement.
async fn insert_audits(tx: &mut dyn Tx, entries: &[AuditEntry]) -> Result<()> {
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

type Applied = (
    AuditAction,
    EntityKind,
    Uuid,
    i64,
    Option<String>,
    Option<String>,
);

fn body_of(entity: &Entity) -> Result<String> {
    serde_json::to_string(entity)
        .map_err(|e| Error::Storage(format!("cannot serialise entity: {e}")))
}

async fn current(tx: &mut dyn Tx, kind: EntityKind, id: Uuid) -> Result<Stored<Entity>> {
    get(tx, kind, id).await?.ok_or_else(|| Error::NotFound {
        kind: kind_name(kind),
        id: id.to_string(),
    })
}

fn kind_name(kind: EntityKind) -> &'static str {
    kind.as_str()
}

async fn apply_one(
    tx: &mut dyn Tx,
    context: &ChangeContext,
    change: Change,
    batch: &mut Batch,
) -> Result<Applied> {
    match change {
        Change::Create(entity) => {
            let kind = entity.kind();
            let id = entity.id();
            if !batch.existing.insert(id) {
                return Err(Error::Refused(format!("{kind} {id} already exists")));
            }
            check_unique(tx, &entity, &mut batch.external_ids).await?;
            check_references(tx, &entity, &mut batch.live).await?;
            let body = body_of(&entity)?;
            let table = entity_table_of(kind);
            let columns: Vec<&str> = META_COLUMNS
                .iter()
                .chain(table.columns)
                .map(|c| c.name)
                .collect();
            let mut params = vec![
                Value::Uuid(Some(id)),
                Value::Int(Some(1)),
                Value::Timestamp(Some(context.at)),
                Value::Timestamp(Some(context.at)),
                Value::Timestamp(None),
                Value::text(&body),
            ];
            params.extend(schema::entity_values(&entity, deadline(tx, &entity).await?));
            let sql = format!(
                "INSERT INTO {} ({}) VALUES ({})",
                table.name,
                columns.join(", "),
                placeholders(1, params.len())
            );
            tx.exec(&sql, &params).await.map_err(db)?;
            batch.buffer(&entity);
            if matches!(entity, Entity::Quote(_)) {
                batch.flush(tx).await?;
                index(tx, &entity).await?;
            }
            batch.live.insert((kind, id));
            Ok((AuditAction::Create, kind, id, 1, None, Some(body)))
        }
        Change::Update {
            entity,
            expected_version,
        } => {
            let kind = entity.kind();
            let id = entity.id();
            let old = current(tx, kind, id).await?;
            if old.meta.deleted_at.is_some() {
                return Err(Error::Refused(format!(
                    "{kind} {id} was removed and cannot be edited"
                )));
            }
            if old.meta.version != expected_version {
                return Err(conflict(kind, id, expected_version, old.meta.version));
            }
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
            let before = body_of(&old.entity)?;
            let body = body_of(&entity)?;
            let table = entity_table_of(kind);
            let values = schema::entity_values(&entity, deadline(tx, &entity).await?);
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
                Value::text(&body),
                Value::Uuid(Some(id)),
                Value::Int(Some(expected_version)),
            ];
            params.extend(values);
            if tx.exec(&sql, &params).await.map_err(db)? == 0 {
                return Err(conflict(kind, id, expected_version, expected_version + 1));
            }
            tx.exec(
                "DELETE FROM entity_links WHERE from_id = $1",
                &[Value::Uuid(Some(id))],
            )
            .await
            .map_err(db)?;
            write_links(tx, &entity).await?;
            index(tx, &entity).await?;
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
        Change::Delete {
            kind,
            id,
            expected_version,
        } => {
            let old = current(tx, kind, id).await?;
            if old.meta.deleted_at.is_some() {
                return Err(Error::Refused(format!("{kind} {id} was already removed")));
            }
            if old.meta.version != expected_version {
                return Err(conflict(kind, id, expected_version, old.meta.version));
            }
            refuse_if_referred(tx, kind, id).await?;
            batch.live.remove(&(kind, id));
            let table = entity_table_of(kind);
            let sql = format!(
                "UPDATE {} SET version = version + 1, updated_at = $1, deleted_at = $1 WHERE id = $2 AND version = $3",
                table.name
            );
            let n = tx
                .exec(
                    &sql,
                    &[
                        Value::Timestamp(Some(context.at)),
                        Value::Uuid(Some(id)),
                        Value::Int(Some(expected_version)),
                    ],
                )
                .await
                .map_err(db)?;
            if n == 0 {
                return Err(conflict(kind, id, expected_version, expected_version + 1));
            }
            tx.exec(
                "DELETE FROM search_docs WHERE entity_id = $1",
                &[Value::Uuid(Some(id))],
            )
            .await
            .map_err(db)?;
            tx.exec(
                "DELETE FROM publications WHERE entity_id = $1",
                &[Value::Uuid(Some(id))],
            )
            .await
            .map_err(db)?;
            Ok((
                AuditAction::Delete,
                kind,
                id,
                expected_version + 1,
                Some(body_of(&old.entity)?),
                None,
            ))
        }
        Change::Publish { kind, id } => {
            let current = current(tx, kind, id).await?;
            if current.meta.deleted_at.is_some() {
                return Err(Error::Refused(format!(
                    "{kind} {id} was removed and cannot be published"
                )));
            }
            if !published(tx, &[id]).await?.is_empty() {
                return Err(Error::Refused(format!("{kind} {id} is already published")));
            }
            tx.exec(
                "INSERT INTO publications (entity_id, entity_kind, published_at, published_by) VALUES ($1, $2, $3, $4)",
                &[
                    Value::Uuid(Some(id)),
                    Value::text(kind.as_str()),
                    Value::Timestamp(Some(context.at)),
                    Value::text(&context.actor),
                ],
            )
            .await
            .map_err(db)?;
            Ok((
                AuditAction::Publish,
                kind,
                id,
                current.meta.version,
                None,
                None,
            ))
        }
        Change::Unpublish { kind, id } => {
            let current = current(tx, kind, id).await?;
            let n = tx
                .exec(
                    "DELETE FROM publications WHERE entity_id = $1",
                    &[Value::Uuid(Some(id))],
                )
                .await
                .map_err(db)?;
            if n == 0 {
                return Err(Error::Refused(format!("{kind} {id} is not published")));
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
    }
}

fn conflict(kind: EntityKind, id: Uuid, expected: i64, actual: i64) -> Error {
    Error::Conflict {
        kind: kind_name(kind),
        id: id.to_string(),
        expected,
        actual,
    }
}

/// Unique fields the schema also enforces, checked first for a clear error.
async fn check_unique(
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
async fn check_references(
    tx: &mut dyn Tx,
    entity: &Entity,
    live: &mut std::collections::HashSet<(EntityKind, Uuid)>,
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
async fn refuse_if_referred(tx: &mut dyn Tx, kind: EntityKind, id: Uuid) -> Result<()> {
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

async fn write_links(tx: &mut dyn Tx, entity: &Entity) -> Result<()> {
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
                "INSERT INTO entity_links (from_kind, from_id, field, to_kind, to_id) VALUES {}",
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
async fn deadline(tx: &mut dyn Tx, entity: &Entity) -> Result<Option<facts::ResolvedDate>> {
    let Entity::Commitment(c) = entity else {
        return Ok(None);
    };
    let mut milestones = HashMap::new();
    for id in c.timing.milestones() {
        if let Some(Stored {
            entity: Entity::Milestone(m),
            ..
        }) = get(tx, EntityKind::Milestone, id.0).await?
        {
            milestones.insert(m.id, m);
        }
    }
    Ok(facts::deadline_of(&c.timing, &milestones))
}

/// Keeps derived columns right after an update: commitments tied to a moved
/// milestone get their new deadline; quotes follow their source's
/// confidentiality in search.
async fn after_update(tx: &mut dyn Tx, entity: &Entity) -> Result<()> {
    match entity {
        Entity::Milestone(m) => {
            let dependents =
                referring(tx, EntityKind::Commitment, EntityKind::Milestone, &[m.id.0]).await?;
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
                &[Value::Bool(Some(s.confidential)), Value::Uuid(Some(s.id.0))],
            )
            .await
            .map_err(db)?;
        }
        _ => {}
    }
    Ok(())
}

/// Writes the entity's search document, if its kind is searched.
async fn index(tx: &mut dyn Tx, entity: &Entity) -> Result<()> {
    let Some(doc) = search_document(entity) else {
        return Ok(());
    };
    let confidential = match entity {
        Entity::Source(s) => s.confidential,
        Entity::Quote(q) => {
            let rows = tx
                .fetch(
                    "SELECT confidential FROM sources WHERE id = $1",
                    &[Value::Uuid(Some(q.source.0))],
                    &[ColType::Bool],
                )
                .await
                .map_err(db)?;
            rows.first().and_then(|r| match r[0] {
                Value::Bool(b) => b,
                _ => None,
            }) == Some(true)
        }
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

/// Every table's rows, in primary-key order.
pub(crate) async fn dump(tx: &mut dyn Tx) -> Result<Vec<TableDump>> {
    let mut out = Vec::with_capacity(TABLES.len());
    for table in TABLES {
        let columns = table.all_columns();
        let names: Vec<&str> = columns.iter().map(|c| c.name).collect();
        let types: Vec<ColType> = columns.iter().map(|c| c.ty).collect();
        let sql = format!(
            "SELECT {} FROM {} ORDER BY {}",
            names.join(", "),
            table.name,
            table.order_by
        );
        let rows = tx.fetch(&sql, &[], &types).await.map_err(db)?;
        out.push(TableDump {
            table: table.name.to_owned(),
            columns: names.iter().map(|s| (*s).to_owned()).collect(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(Value::to_json).collect())
                .collect(),
        });
    }
    Ok(out)
}

/// Whether there is no entity and no audit entry.
pub(crate) async fn is_empty(tx: &mut dyn Tx) -> Result<bool> {
    for table in TABLES.iter().filter(|t| t.name != "audit_head") {
        let rows = tx
            .fetch(
                &format!("SELECT CAST(1 AS BIGINT) FROM {} LIMIT 1", table.name),
                &[],
                &[ColType::Int],
            )
            .await
            .map_err(db)?;
        if !rows.is_empty() {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Loads a dump into an empty database. Every table must be present with
/// exactly the expected columns; every value must have its column's type.
pub(crate) async fn restore(tx: &mut dyn Tx, tables: Vec<TableDump>) -> Result<()> {
    if !is_empty(tx).await? {
        return Err(Error::Refused(
            "the database is not empty: restore only into a new database (run `pledgewatch init` on a new file or schema)".into(),
        ));
    }
    let mut by_name: HashMap<String, TableDump> = HashMap::new();
    for t in tables {
        if schema::table(&t.table).is_none() {
            return Err(FieldError::new(
                format!("table {}", t.table),
                "is not a table of this schema",
            )
            .into());
        }
        if by_name.insert(t.table.clone(), t).is_some() {
            return Err(Error::Refused("the backup names a table twice".into()));
        }
    }
    tx.exec("DELETE FROM audit_head", &[]).await.map_err(db)?;
    for table in TABLES {
        let dump = by_name.remove(table.name).ok_or_else(|| {
            FieldError::new(
                format!("table {}", table.name),
                "is missing from the backup",
            )
        })?;
        let columns = table.all_columns();
        let expected: Vec<&str> = columns.iter().map(|c| c.name).collect();
        if dump.columns != expected {
            return Err(FieldError::new(
                format!("table {}", table.name),
                format!("has columns {:?}, expected {:?}", dump.columns, expected),
            )
            .into());
        }
        let sql = format!(
            "INSERT INTO {} ({}) VALUES ({})",
            table.name,
            expected.join(", "),
            placeholders(1, expected.len())
        );
        for (r, row) in dump.rows.iter().enumerate() {
            if row.len() != columns.len() {
                return Err(FieldError::new(
                    format!("table {} row {}", table.name, r + 1),
                    "has the wrong number of values",
                )
                .into());
            }
            let values = columns
                .iter()
                .zip(row)
                .map(|(c, v)| {
                    Value::from_json(c.ty, v).map_err(|e| {
                        FieldError::new(
                            format!("table {} row {} column {}", table.name, r + 1, c.name),
                            e,
                        )
                    })
                })
                .collect::<std::result::Result<Vec<_>, _>>()?;
            tx.exec(&sql, &values).await.map_err(|e| {
                Error::Invalid(
                    FieldError::new(
                        format!("table {} row {}", table.name, r + 1),
                        format!("rejected by the database: {e}"),
                    )
                    .into(),
                )
            })?;
        }
    }
    Ok(())
}

/// Quotes each word for FTS5, so that user text is never read as query syntax.
fn fts5_query(text: &str) -> String {
    text.split_whitespace()
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

pub(crate) async fn search(tx: &mut dyn Tx, query: &SearchQuery) -> Result<Vec<SearchHit>> {
    // Control characters (NUL above all) end strings in SQLite's query
    // parser and are refused by PostgreSQL: they separate words instead.
    let cleaned: String = query
        .text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let query = &SearchQuery {
        text: cleaned,
        ..query.clone()
    };
    if query.text.split_whitespace().next().is_none() {
        return Err(FieldError::new("query", "type at least one word to search for").into());
    }
    if query.text.chars().count() > 1_000 {
        return Err(FieldError::new("query", "is longer than 1000 characters").into());
    }
    let limit = i64::from(query.limit.clamp(1, 1_000));
    let mut params = vec![
        Value::Bool(Some(query.include_confidential)),
        Value::Int(Some(limit)),
    ];
    let drafts_clause = if query.include_drafts {
        ""
    } else {
        " AND d.entity_id IN (SELECT entity_id FROM publications)"
    };
    let kinds_clause = if query.kinds.is_empty() {
        drafts_clause.to_owned()
    } else {
        let start = 4;
        params.extend(query.kinds.iter().map(|k| Value::text(k.as_str())));
        format!(
            "{drafts_clause} AND d.entity_kind IN ({})",
            placeholders(start, query.kinds.len())
        )
    };
    let types = [
        ColType::Text,
        ColType::Uuid,
        ColType::Text,
        ColType::Text,
        ColType::Text,
    ];
    let sql = match tx.dialect() {
        Dialect::Sqlite => {
            params.insert(2, Value::text(fts5_query(&query.text)));
            format!(
                "SELECT d.entity_kind, d.entity_id, d.title, snippet(search_fts, 1, char(57344), char(57345), '…', 16), \
                 CAST(-bm25(search_fts, 5.0, 1.0) AS TEXT) \
                 FROM search_fts JOIN search_docs d ON d.rowid = search_fts.rowid \
                 WHERE search_fts MATCH $3 AND ($1 = 1 OR d.confidential = 0){kinds_clause} \
                 ORDER BY bm25(search_fts, 5.0, 1.0), d.entity_id LIMIT $2"
            )
        }
        Dialect::Postgres => {
            params.insert(2, Value::text(query.text.clone()));
            format!(
                "SELECT d.entity_kind, d.entity_id, d.title, \
                 ts_headline('simple', d.body, q, 'StartSel=\u{E000}, StopSel=\u{E001}, MaxWords=24, MinWords=8, MaxFragments=1, FragmentDelimiter=…'), \
                 CAST(ts_rank(d.document, q) AS TEXT) \
                 FROM search_docs d, plainto_tsquery('simple', $3) q \
                 WHERE d.document @@ q AND ($1 OR NOT d.confidential){kinds_clause} \
                 ORDER BY ts_rank(d.document, q) DESC, d.entity_id LIMIT $2"
            )
        }
    };
    let rows = tx.fetch(&sql, &params, &types).await.map_err(db)?;
    rows.iter()
        .map(|r| {
            let kind = r[0]
                .as_text()
                .and_then(|k| EntityKind::parse(k).ok())
                .ok_or_else(|| Error::Storage("search row without kind".into()))?;
            Ok(SearchHit {
                kind,
                id: r[1].as_uuid().unwrap_or_default(),
                title: r[2].as_text().unwrap_or_default().to_owned(),
                snippet: r[3].as_text().unwrap_or_default().to_owned(),
                score: r[4]
                    .as_text()
                    .and_then(|s| s.parse().ok())
                    .unwrap_or_default(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_is_quoted_word_by_word_for_fts5() {
        assert_eq!(fts5_query("media  law"), "\"media\" \"law\"");
        assert_eq!(fts5_query("a\"b OR c*"), "\"a\"\"b\" \"OR\" \"c*\"");
    }
}
