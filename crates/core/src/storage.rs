//! The storage trait: the one narrow door between the domain and a database.
//!
//! Writes come as a batch of [`Change`]s applied in one transaction, each with
//! its audit entry appended in that same transaction, so a change and its
//! record can never be separated. Reads are by id, by slug, and "which
//! entities of kind K refer to these", which is all the dossier view needs.
//!
//! Full-text search sits behind its own trait, [`SearchIndex`], so that a
//! derived index can replace the database's own without touching callers.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::audit::{AuditEntry, AuditMark, AuditSubject, ChainReport};
use crate::error::{FieldError, Result, Said};
use crate::model::{Candidate, CandidateStatus, Dossier, Entity, EntityKind, Slug, Stored};

/// One write.
#[derive(Debug, Clone)]
pub enum Change {
    /// A new entity; refused if its id exists.
    Create(Entity),
    /// A new version of an entity, based on `expected_version`; refused with a
    /// conflict if someone else changed it since.
    Update {
        entity: Entity,
        expected_version: i64,
    },
    /// Removal: the entity stays readable in its history but leaves every
    /// list, and nothing new may refer to it.
    Delete {
        kind: EntityKind,
        id: Uuid,
        expected_version: i64,
    },
    /// Makes the live version of an entity the one the public sees (a first
    /// publication, or the approval of an edit). Publishing the version that
    /// is already public is refused.
    Publish { kind: EntityKind, id: Uuid },
    /// Withdraws an entity from the public (and approves a removal).
    Unpublish { kind: EntityKind, id: Uuid },
    /// A reviewer sends a pending change back to its editor; the comment is
    /// the batch's reason. Nothing but the audit entry is written.
    SendBack { kind: EntityKind, id: Uuid },
}

impl Change {
    pub fn kind(&self) -> EntityKind {
        match self {
            Change::Create(e) | Change::Update { entity: e, .. } => e.kind(),
            Change::Delete { kind, .. }
            | Change::Publish { kind, .. }
            | Change::Unpublish { kind, .. }
            | Change::SendBack { kind, .. } => *kind,
        }
    }
}

/// Who makes a batch of changes, when, and why.
#[derive(Debug, Clone)]
pub struct ChangeContext {
    pub actor: String,
    pub reason: Option<String>,
    pub at: DateTime<Utc>,
}

/// The database-level state of the record, as the CLI reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StorageInfo {
    pub backend: &'static str,
    pub location: String,
    pub schema_version: i64,
}

/// One table of a backup: column names and rows of JSON values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableDump {
    pub table: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<serde_json::Value>>,
}

/// A record whose live version is not the one the public sees: new, edited
/// or removed since a reviewer last approved it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pending {
    pub kind: EntityKind,
    pub id: Uuid,
    /// The live version (after a removal, the removed one).
    pub version: i64,
    /// The version the public sees, if any.
    pub published_version: Option<i64>,
    /// Whether the change is a removal.
    pub removed: bool,
    pub updated_at: DateTime<Utc>,
}

/// What [`Storage::apply_if_unchanged`] did.
#[derive(Debug)]
pub enum Applied {
    /// The changes are written, with these audit entries.
    Written(Vec<AuditEntry>),
    /// Something was written since `seen`; these changes were not.
    Stale(Vec<Change>),
}

/// One write transaction that takes its changes in chunks, so that a long
/// import never holds them all: each chunk is written with its audit
/// entries at once, the audit head is moved at [`commit`](Self::commit),
/// and dropping the session without committing rolls everything back.
/// While it is open it holds the database's write lock.
#[async_trait]
pub trait ChangeSession: Send {
    /// The audit log's length when the session took the write lock.
    fn began_at(&self) -> i64;

    /// Writes a chunk of changes, with one audit entry per change; returns
    /// how many entries it wrote. After an error the session must be
    /// dropped (nothing of it is kept).
    async fn apply(&mut self, changes: Vec<Change>) -> Result<u64>;

    /// Makes every chunk permanent; returns the audit entries written.
    async fn commit(self: Box<Self>) -> Result<u64>;
}

#[async_trait]
pub trait Storage: Send + Sync {
    fn info(&self) -> StorageInfo;

    /// Brings the schema up to date.
    async fn migrate(&self) -> Result<()>;

    /// Applies the changes in one transaction, appending one audit entry per
    /// change; all or nothing. Returns the entries written.
    async fn apply(&self, context: &ChangeContext, changes: Vec<Change>)
    -> Result<Vec<AuditEntry>>;

    /// Opens a [`ChangeSession`]: one transaction for changes given in
    /// chunks (an import), all or nothing like `apply`. A store that cannot
    /// be written (the public view) refuses.
    async fn begin_changes(&self, _context: &ChangeContext) -> Result<Box<dyn ChangeSession>> {
        Err(crate::error::Error::refused(
            "this store takes no changes".to_owned(),
        ))
    }

    /// How many entries the audit log holds. Every write appends to it, so
    /// two equal readings mean nothing was written in between.
    async fn audit_seq(&self) -> Result<i64>;

    /// `apply`, unless anything was written since the audit log held `seen`
    /// entries: then nothing is written and the changes come back
    /// ([`Applied::Stale`]) to be checked again. So checks made against what
    /// the store held at `seen` still hold when the changes are written.
    async fn apply_if_unchanged(
        &self,
        context: &ChangeContext,
        changes: Vec<Change>,
        seen: i64,
    ) -> Result<Applied>;

    /// An entity by id, removed or not.
    async fn get(&self, kind: EntityKind, id: Uuid) -> Result<Option<Stored<Entity>>>;

    /// The live (not removed) entities of a kind with the given ids, in no set order.
    async fn get_many(&self, kind: EntityKind, ids: &[Uuid]) -> Result<Vec<Stored<Entity>>>;

    /// Which of `ids` name removed entities of `kind`, in no set order.
    async fn removed(&self, kind: EntityKind, ids: &[Uuid]) -> Result<Vec<Uuid>>;

    /// Which of `ids` name a record of any kind (removed ones included),
    /// with that record's kind, in no set order: an id names one record.
    async fn taken(&self, ids: &[Uuid]) -> Result<Vec<(Uuid, EntityKind)>>;

    /// The live entities of kind `kind` that refer to any of `targets`.
    async fn referring(
        &self,
        kind: EntityKind,
        target_kind: EntityKind,
        targets: &[Uuid],
    ) -> Result<Vec<Stored<Entity>>>;

    async fn dossier_by_slug(&self, slug: &Slug) -> Result<Option<Stored<Dossier>>>;

    /// Live dossiers, by slug.
    async fn list_dossiers(&self) -> Result<Vec<Stored<Dossier>>>;

    /// Live entities of a kind, most recently changed first.
    async fn list(&self, kind: EntityKind, limit: u32, offset: u32) -> Result<Vec<Stored<Entity>>>;

    /// Which of `ids` are published, with when.
    async fn published(
        &self,
        ids: &[Uuid],
    ) -> Result<std::collections::HashMap<Uuid, DateTime<Utc>>>;

    /// The published versions of these records of `kind`, in id order: what
    /// the public sees, with the published version as `meta.version` and
    /// the publication time as `meta.updated_at`.
    async fn published_records(
        &self,
        kind: EntityKind,
        ids: &[Uuid],
    ) -> Result<Vec<Stored<Entity>>>;

    /// The published versions of records of `kind` whose published version
    /// refers to one of `targets` (of `target_kind`), each once.
    async fn published_referring(
        &self,
        kind: EntityKind,
        target_kind: EntityKind,
        targets: &[Uuid],
    ) -> Result<Vec<Stored<Entity>>>;

    /// A page of the published versions of a kind, most recently published first.
    async fn published_list(
        &self,
        kind: EntityKind,
        limit: u32,
        offset: u32,
    ) -> Result<Vec<Stored<Entity>>>;

    /// The sources whose published version holds a file (whatever their
    /// live version holds).
    async fn published_sources_with_file(
        &self,
        sha256: &crate::model::Sha256Hex,
    ) -> Result<Vec<Stored<Entity>>>;

    /// Records waiting for a reviewer, oldest change first, at most `limit`.
    async fn pending(&self, limit: u32) -> Result<Vec<Pending>>;

    /// Stores a file's content once per SHA-256 and returns the digest.
    async fn put_file(&self, media_type: &str, content: &[u8]) -> Result<crate::model::Sha256Hex>;

    /// A stored file's media type and content.
    async fn get_file(&self, sha256: &crate::model::Sha256Hex)
    -> Result<Option<(String, Vec<u8>)>>;

    /// The live sources that hold a file.
    async fn sources_with_file(
        &self,
        sha256: &crate::model::Sha256Hex,
    ) -> Result<Vec<Stored<Entity>>>;
    /// Live draft commitments (the review queue), optionally of one status,
    /// in the order of their source and their place in its text.
    async fn list_candidates(
        &self,
        status: Option<CandidateStatus>,
    ) -> Result<Vec<Stored<Candidate>>>;

    /// The audit entries about one record or account, oldest first.
    async fn history(&self, subject: AuditSubject, id: Uuid) -> Result<Vec<AuditEntry>>;

    /// At most `limit` audit entries after sequence number `after`, oldest
    /// first, as marks (no bodies): how a derived index follows the log.
    async fn audit_marks(&self, after: i64, limit: u32) -> Result<Vec<AuditMark>>;

    /// Walks the whole audit chain and checks every link.
    async fn verify_audit(&self) -> Result<ChainReport>;

    /// Every table, rows in primary-key order, for a backup.
    async fn dump(&self) -> Result<Vec<TableDump>>;

    /// Loads a backup into an empty database, in one transaction.
    async fn restore(&self, tables: Vec<TableDump>) -> Result<()>;

    /// Whether the record holds no entity and no audit entry.
    async fn is_empty(&self) -> Result<bool>;
}

/// What to search for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    /// Words as a person types them; every word must match (prefixes allowed
    /// for the last word is not assumed).
    pub text: String,
    /// Restrict to these kinds (all when empty).
    pub kinds: Vec<EntityKind>,
    pub include_confidential: bool,
    /// Whether unpublished entities may match (the team's view).
    pub include_drafts: bool,
    pub limit: u32,
}

impl SearchQuery {
    /// The words to search for, checked as every index checks them: control
    /// characters (NUL above all, which ends strings in SQLite's query
    /// parser and which PostgreSQL refuses) separate words, at least one
    /// word, at most 1000 characters.
    pub fn cleaned_text(&self) -> Result<String> {
        let text: String = self
            .text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        if text.split_whitespace().next().is_none() {
            return Err(FieldError::said("query", Said::new("reason-search-empty")).into());
        }
        if text.chars().count() > 1_000 {
            return Err(FieldError::said("query", Said::new("reason-search-long")).into());
        }
        Ok(text)
    }
}

/// Marks the start of a match in a snippet (a private-use character, so it
/// cannot be confused with the text).
pub const MATCH_START: char = '\u{E000}';
/// Marks the end of a match in a snippet.
pub const MATCH_END: char = '\u{E001}';

/// One ranked result.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct SearchHit {
    pub kind: EntityKind,
    pub id: Uuid,
    pub title: String,
    /// The matching passage, each match between [`MATCH_START`] and [`MATCH_END`].
    pub snippet: String,
    /// Higher is more relevant; comparable within one result list only.
    pub score: f64,
}

#[async_trait]
pub trait SearchIndex: Send + Sync {
    async fn search(&self, query: &SearchQuery) -> Result<Vec<SearchHit>>;

    /// Whether a search without drafts matches and shows each record's
    /// published version (rather than its live text with a published flag),
    /// so that its hits need no matching again against what was published.
    fn holds_published_text(&self) -> bool {
        false
    }

    /// How many records match, within what the query lets the viewer see,
    /// counting no further than its `limit` (the most a search shows: a
    /// count of every match of a common word would read every posting).
    async fn count(&self, query: &SearchQuery) -> Result<usize> {
        Ok(self.search(query).await?.len())
    }
}
