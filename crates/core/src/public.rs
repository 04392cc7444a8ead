//! The public projection: the one view of the record that every public
//! output reads (pages, search, feeds, exports, the API for anonymous
//! callers, documents built for sending).
//!
//! [`PublicStore`] wraps a store and answers reads as the public may see
//! them: each record as the version a reviewer last approved (never the
//! live draft), confidential sources and the quotes from them left out,
//! references to anything unpublished dropped, internal notes blanked,
//! and staff usernames replaced by display names. It refuses every write.
//! Code that builds a public output takes a `&dyn Storage` and is handed
//! this wrapper, so it cannot reach a draft by mistake.

use std::collections::{HashMap, HashSet};

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::audit::{AuditEntry, AuditMark, AuditSubject, ChainReport};
use crate::error::{Error, Result};
use crate::model::{
    Candidate, CandidateStatus, Dossier, Entity, EntityKind, Sha256Hex, Slug, Stored,
};
use crate::storage::{
    Applied, Change, ChangeContext, MATCH_END, MATCH_START, Pending, SearchHit, SearchIndex,
    SearchQuery, Storage, StorageInfo, TableDump,
};

/// What the public is shown for a staff member whose display name is not known.
pub const TEAM: &str = "the research team";

/// What the reader may see, among the records asked about.
struct Visible {
    sources: HashSet<Uuid>,
    quotes: HashSet<Uuid>,
    /// The other records; `None`: all of them (the live record).
    published: Option<HashSet<Uuid>>,
}

impl Visible {
    fn may_see(&self, kind: EntityKind, id: Uuid) -> bool {
        match kind {
            EntityKind::Source => self.sources.contains(&id),
            EntityKind::Quote => self.quotes.contains(&id),
            _ => self.published.as_ref().is_none_or(|p| p.contains(&id)),
        }
    }
}

/// Which version of the record a projection reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Versions {
    /// The published versions, made fit for the public.
    Published,
    /// The live record, drafts included, without confidential sources:
    /// what a team member whose role may not read them sees.
    LiveWithoutConfidential,
    /// The published versions as they are, nothing left out: what the
    /// team's review compares a pending change with.
    Approved,
}

/// A store as the public sees it. See the module's documentation.
pub struct PublicStore<'a> {
    inner: &'a dyn Storage,
    names: HashMap<String, String>,
    versions: Versions,
}

impl<'a> PublicStore<'a> {
    pub fn new(inner: &'a dyn Storage) -> Self {
        Self {
            inner,
            names: HashMap::new(),
            versions: Versions::Published,
        }
    }

    /// The live record (drafts, notes and usernames included) without
    /// confidential sources and the quotes from them: the team's view for
    /// a role that may not read confidential material.
    pub fn without_confidential(inner: &'a dyn Storage) -> Self {
        Self {
            versions: Versions::LiveWithoutConfidential,
            ..Self::new(inner)
        }
    }

    /// The published versions as they were approved, nothing hidden or
    /// blanked: for the team's review, never for the public.
    pub fn approved(inner: &'a dyn Storage) -> Self {
        Self {
            versions: Versions::Approved,
            ..Self::new(inner)
        }
    }

    fn live(&self) -> bool {
        self.versions == Versions::LiveWithoutConfidential
    }

    /// The records of `kind` with these ids in the version this projection reads.
    async fn fetch(&self, kind: EntityKind, ids: &[Uuid]) -> Result<Vec<Stored<Entity>>> {
        if self.live() {
            self.inner.get_many(kind, ids).await
        } else {
            self.inner.published_records(kind, ids).await
        }
    }

    /// Shows raters and reviewers by these display names (username → name)
    /// instead of [`TEAM`].
    #[must_use]
    pub fn with_names(mut self, names: HashMap<String, String>) -> Self {
        self.names = names;
        self
    }

    fn name_of(&self, username: &str) -> String {
        self.names
            .get(username)
            .cloned()
            .unwrap_or_else(|| TEAM.to_owned())
    }

    /// Published versions, made fit for the public: those it may not see
    /// (a confidential source, a record whose actor is withdrawn…) left
    /// out, the others with what they name redacted as [`PublicStore`]
    /// reads them. For versions already read from the store.
    pub async fn project(&self, found: Vec<Stored<Entity>>) -> Result<Vec<Stored<Entity>>> {
        let visible = self.visible(&found).await?;
        Ok(found
            .into_iter()
            .filter_map(|s| self.redact(s, &visible))
            .collect())
    }

    /// What the public may see among the records `records` are or refer
    /// to: published records, sources only when not confidential, quotes
    /// only from such sources.
    async fn visible(&self, records: &[Stored<Entity>]) -> Result<Visible> {
        let mut referred: Vec<Uuid> = Vec::new();
        let mut quotes: Vec<Uuid> = Vec::new();
        let mut sources: Vec<Uuid> = Vec::new();
        for s in records {
            let me = (s.entity.kind(), s.entity.id());
            for (kind, id) in s
                .entity
                .references()
                .into_iter()
                .map(|(_, k, id)| (k, id))
                .chain([me])
            {
                match kind {
                    EntityKind::Quote => quotes.push(id),
                    EntityKind::Source => sources.push(id),
                    _ => referred.push(id),
                }
            }
        }
        let quotes = self.published_of(EntityKind::Quote, quotes).await?;
        sources.extend(quotes.iter().filter_map(|q| match &q.entity {
            Entity::Quote(q) => Some(q.source.uuid()),
            _ => None,
        }));
        let sources = self.open_sources(sources).await?;
        let quotes = quotes
            .into_iter()
            .filter_map(|q| match q.entity {
                Entity::Quote(q) if sources.contains(&q.source.uuid()) => Some(q.id.uuid()),
                _ => None,
            })
            .collect();
        referred.sort();
        referred.dedup();
        let published = if self.live() {
            None
        } else {
            Some(self.inner.published(&referred).await?.into_keys().collect())
        };
        Ok(Visible {
            sources,
            quotes,
            published,
        })
    }

    /// Which of these sources the reader may see: in the version this
    /// projection reads, and not confidential in either the published or
    /// the live version (marking a source confidential protects it at
    /// once; lifting that waits for a reviewer like any edit, for the team
    /// below the confidential role as for the public).
    async fn open_sources(&self, ids: Vec<Uuid>) -> Result<HashSet<Uuid>> {
        let published = self.published_of(EntityKind::Source, ids).await?;
        let ids: Vec<Uuid> = published.iter().map(|s| s.entity.id()).collect();
        let other = if self.live() {
            self.inner
                .published_records(EntityKind::Source, &ids)
                .await?
        } else {
            self.inner.get_many(EntityKind::Source, &ids).await?
        };
        let approved: HashMap<Uuid, i64> = other
            .iter()
            .map(|s| (s.entity.id(), s.meta.version))
            .collect();
        let closed_now: HashSet<Uuid> = other
            .into_iter()
            .filter(|s| matches!(&s.entity, Entity::Source(x) if x.confidential))
            .map(|s| s.entity.id())
            .collect();
        let mut open = HashSet::new();
        for s in published {
            let id = s.entity.id();
            if !matches!(&s.entity, Entity::Source(x) if !x.confidential)
                || closed_now.contains(&id)
            {
                continue;
            }
            // For the team below the confidential role, a source not
            // approved as it now stands stays closed if it was
            // confidential in any version since its last approval:
            // lifting that waits for a reviewer.
            if self.live()
                && approved.get(&id) != Some(&s.meta.version)
                && self.confidential_since_approval(id).await?
            {
                continue;
            }
            open.insert(id);
        }
        Ok(open)
    }

    /// Whether a source was confidential in a version written since it was
    /// last approved (or ever, if it never was).
    async fn confidential_since_approval(&self, id: Uuid) -> Result<bool> {
        let history = self
            .inner
            .history(AuditSubject::Record(EntityKind::Source), id)
            .await?;
        let since = history
            .iter()
            .rposition(|e| e.action == crate::audit::AuditAction::Publish)
            .map_or(0, |i| i + 1);
        Ok(history[since..].iter().any(|e| {
            e.after.as_deref().is_some_and(|body| {
                serde_json::from_str::<Entity>(body)
                    .is_ok_and(|x| matches!(x, Entity::Source(s) if s.confidential))
            })
        }))
    }

    async fn published_of(
        &self,
        kind: EntityKind,
        mut ids: Vec<Uuid>,
    ) -> Result<Vec<Stored<Entity>>> {
        ids.sort();
        ids.dedup();
        if ids.is_empty() {
            return Ok(vec![]);
        }
        self.fetch(kind, &ids).await
    }

    /// One published record as the public sees it, or `None` if it stays
    /// hidden: its references to what the public may not see are dropped,
    /// and it is hidden when one it cannot stand without is.
    fn redact(&self, mut stored: Stored<Entity>, visible: &Visible) -> Option<Stored<Entity>> {
        if self.versions == Versions::Approved {
            return Some(stored);
        }
        let keep = |kind: EntityKind, id: Uuid| visible.may_see(kind, id);
        if !keep(stored.entity.kind(), stored.entity.id())
            || !stored.entity.retain_references(&keep)
        {
            return None;
        }
        if self.live() {
            return Some(stored);
        }
        match &mut stored.entity {
            Entity::Source(s) => s.note = None,
            Entity::Development(d) => d.note = None,
            Entity::Assessment(a) => {
                a.rated_by = self.name_of(&a.rated_by);
                a.reviewed_by = a.reviewed_by.as_deref().map(|r| self.name_of(r));
            }
            // Drafting help is the team's.
            Entity::Candidate(_) => return None,
            _ => {}
        }
        Some(stored)
    }

    async fn dossiers(&self) -> Result<Vec<Stored<Dossier>>> {
        let mut out = Vec::new();
        let mut offset = 0;
        loop {
            let page = self
                .inner
                .published_list(EntityKind::Dossier, 500, offset)
                .await?;
            let n = page.len();
            out.extend(page.into_iter().filter_map(|s| match s.entity {
                Entity::Dossier(d) => Some(Stored {
                    meta: s.meta,
                    entity: d,
                }),
                _ => None,
            }));
            if n < 500 {
                break;
            }
            offset += 500;
        }
        out.sort_by(|a, b| a.entity.slug.as_str().cmp(b.entity.slug.as_str()));
        Ok(out)
    }
}

fn read_only() -> Error {
    Error::refused("the public view of the record cannot change it".to_owned())
}

#[async_trait]
impl Storage for PublicStore<'_> {
    fn info(&self) -> StorageInfo {
        self.inner.info()
    }

    async fn migrate(&self) -> Result<()> {
        Err(read_only())
    }

    async fn apply(&self, _: &ChangeContext, _: Vec<Change>) -> Result<Vec<AuditEntry>> {
        Err(read_only())
    }

    async fn audit_seq(&self) -> Result<i64> {
        self.inner.audit_seq().await
    }

    async fn apply_if_unchanged(
        &self,
        _: &ChangeContext,
        _: Vec<Change>,
        _: i64,
    ) -> Result<Applied> {
        Err(read_only())
    }

    async fn get(&self, kind: EntityKind, id: Uuid) -> Result<Option<Stored<Entity>>> {
        let found = if self.live() {
            self.inner.get(kind, id).await?.into_iter().collect()
        } else {
            self.inner.published_records(kind, &[id]).await?
        };
        Ok(self.project(found).await?.into_iter().next())
    }

    async fn get_many(&self, kind: EntityKind, ids: &[Uuid]) -> Result<Vec<Stored<Entity>>> {
        let found = self.fetch(kind, ids).await?;
        self.project(found).await
    }

    async fn removed(&self, kind: EntityKind, ids: &[Uuid]) -> Result<Vec<Uuid>> {
        if self.live() {
            return self.inner.removed(kind, ids).await;
        }
        Ok(vec![])
    }

    async fn taken(&self, ids: &[Uuid]) -> Result<Vec<(Uuid, EntityKind)>> {
        if self.live() {
            return self.inner.taken(ids).await;
        }
        Ok(vec![])
    }

    async fn referring(
        &self,
        kind: EntityKind,
        target_kind: EntityKind,
        targets: &[Uuid],
    ) -> Result<Vec<Stored<Entity>>> {
        let found = if self.live() {
            self.inner.referring(kind, target_kind, targets).await?
        } else {
            self.inner
                .published_referring(kind, target_kind, targets)
                .await?
        };
        self.project(found).await
    }

    async fn dossier_by_slug(&self, slug: &Slug) -> Result<Option<Stored<Dossier>>> {
        if self.live() {
            return self.inner.dossier_by_slug(slug).await;
        }
        Ok(self
            .dossiers()
            .await?
            .into_iter()
            .find(|d| d.entity.slug == *slug))
    }

    async fn list_dossiers(&self) -> Result<Vec<Stored<Dossier>>> {
        if self.live() {
            return self.inner.list_dossiers().await;
        }
        self.dossiers().await
    }

    async fn list(&self, kind: EntityKind, limit: u32, offset: u32) -> Result<Vec<Stored<Entity>>> {
        let found = if self.live() {
            self.inner.list(kind, limit, offset).await?
        } else {
            self.inner.published_list(kind, limit, offset).await?
        };
        self.project(found).await
    }

    async fn published(&self, ids: &[Uuid]) -> Result<HashMap<Uuid, DateTime<Utc>>> {
        self.inner.published(ids).await
    }

    async fn published_records(
        &self,
        kind: EntityKind,
        ids: &[Uuid],
    ) -> Result<Vec<Stored<Entity>>> {
        self.get_many(kind, ids).await
    }

    async fn published_referring(
        &self,
        kind: EntityKind,
        target_kind: EntityKind,
        targets: &[Uuid],
    ) -> Result<Vec<Stored<Entity>>> {
        self.referring(kind, target_kind, targets).await
    }

    async fn published_list(
        &self,
        kind: EntityKind,
        limit: u32,
        offset: u32,
    ) -> Result<Vec<Stored<Entity>>> {
        self.list(kind, limit, offset).await
    }

    async fn pending(&self, limit: u32) -> Result<Vec<Pending>> {
        if self.live() {
            return self.inner.pending(limit).await;
        }
        Ok(vec![])
    }

    async fn put_file(&self, _: &str, _: &[u8]) -> Result<Sha256Hex> {
        Err(read_only())
    }

    /// A file, only when a source the public may see holds it.
    async fn get_file(&self, sha256: &Sha256Hex) -> Result<Option<(String, Vec<u8>)>> {
        if self.sources_with_file(sha256).await?.is_empty() {
            return Ok(None);
        }
        self.inner.get_file(sha256).await
    }

    /// The sources the reader may see whose version (the published one,
    /// or for the team the live one) holds the file.
    async fn sources_with_file(&self, sha256: &Sha256Hex) -> Result<Vec<Stored<Entity>>> {
        let holders = if self.live() {
            self.inner.sources_with_file(sha256).await?
        } else {
            self.inner.published_sources_with_file(sha256).await?
        };
        let ids: Vec<Uuid> = holders.iter().map(|s| s.entity.id()).collect();
        Ok(self
            .get_many(EntityKind::Source, &ids)
            .await?
            .into_iter()
            .filter(|s| matches!(&s.entity, Entity::Source(x) if x.file_sha256.as_ref() == Some(sha256)))
            .collect())
    }

    async fn published_sources_with_file(&self, sha256: &Sha256Hex) -> Result<Vec<Stored<Entity>>> {
        let found = self.inner.published_sources_with_file(sha256).await?;
        self.project(found).await
    }

    async fn list_candidates(
        &self,
        status: Option<CandidateStatus>,
    ) -> Result<Vec<Stored<Candidate>>> {
        if self.live() {
            return self.inner.list_candidates(status).await;
        }
        Ok(vec![])
    }

    /// The audit log names staff and drafts: not public. A confidential
    /// source's history holds its text: not for who may not read it.
    async fn history(&self, subject: AuditSubject, id: Uuid) -> Result<Vec<AuditEntry>> {
        if self.live()
            && let AuditSubject::Record(kind) = subject
            && (self.get(kind, id).await?.is_some() || kind == EntityKind::Candidate)
        {
            return self.inner.history(subject, id).await;
        }
        Ok(vec![])
    }

    async fn verify_audit(&self) -> Result<ChainReport> {
        self.inner.verify_audit().await
    }

    /// The log's marks name drafts and removals: not for the public.
    async fn audit_marks(&self, _: i64, _: u32) -> Result<Vec<AuditMark>> {
        Err(Error::refused(
            "the public view of the record does not follow the audit log".to_owned(),
        ))
    }

    async fn dump(&self) -> Result<Vec<TableDump>> {
        Err(read_only())
    }

    async fn restore(&self, _: Vec<TableDump>) -> Result<()> {
        Err(read_only())
    }

    async fn is_empty(&self) -> Result<bool> {
        self.inner.is_empty().await
    }
}

/// Searches as the public: published records only, each matched and shown
/// in the version the public sees. An index that holds the published text
/// ([`SearchIndex::holds_published_text`]) has found it already: its hits
/// are only confirmed as visible to the public. Otherwise the index holds
/// the live text; a hit whose live version is not the published one is
/// matched again against the published text (every word must occur) and
/// its title and passage are taken from it. Either way a pending edit is
/// never found nor shown.
pub async fn search(
    store: &dyn Storage,
    index: &dyn SearchIndex,
    query: &SearchQuery,
) -> Result<Vec<SearchHit>> {
    let query = SearchQuery {
        include_confidential: false,
        include_drafts: false,
        ..query.clone()
    };
    let hits = index.search(&query).await?;
    let public = PublicStore::new(store);
    let mut by_kind: HashMap<EntityKind, Vec<Uuid>> = HashMap::new();
    for h in &hits {
        by_kind.entry(h.kind).or_default().push(h.id);
    }
    let mut shown: HashMap<Uuid, Stored<Entity>> = HashMap::new();
    let mut live: HashMap<Uuid, i64> = HashMap::new();
    for (kind, ids) in by_kind {
        shown.extend(
            public
                .get_many(kind, &ids)
                .await?
                .into_iter()
                .map(|s| (s.entity.id(), s)),
        );
        if index.holds_published_text() {
            continue;
        }
        live.extend(
            store
                .get_many(kind, &ids)
                .await?
                .into_iter()
                .map(|s| (s.entity.id(), s.meta.version)),
        );
    }
    Ok(hits
        .into_iter()
        .filter_map(|hit| {
            let published = shown.get(&hit.id)?;
            if index.holds_published_text() || live.get(&hit.id) == Some(&published.meta.version) {
                return Some(hit);
            }
            rematch(&published.entity, &query.text, hit)
        })
        .collect())
}

/// The hit again, from the published version of its record, if every word
/// of the query occurs in it.
fn rematch(entity: &Entity, text: &str, hit: SearchHit) -> Option<SearchHit> {
    let doc = entity.search_document()?;
    let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    let haystack = format!("{}\n{}", doc.title, doc.body).to_lowercase();
    if words.is_empty() || !words.iter().all(|w| haystack.contains(w.as_str())) {
        return None;
    }
    let snippet = passage(&doc.body, &words).unwrap_or_else(|| doc.title.clone());
    Some(SearchHit {
        title: doc.title,
        snippet,
        ..hit
    })
}

/// About two dozen words of `body` around the first that contains a query
/// word, each such word between the match markers.
fn passage(body: &str, words: &[String]) -> Option<String> {
    let all: Vec<&str> = body.split_whitespace().collect();
    let matches = |w: &str| {
        let w = w.to_lowercase();
        words.iter().any(|q| w.contains(q.as_str()))
    };
    let first = all.iter().position(|w| matches(w))?;
    let start = first.saturating_sub(8);
    let end = (start + 24).min(all.len());
    let mut out: Vec<String> = all[start..end]
        .iter()
        .map(|w| {
            if matches(w) {
                format!("{MATCH_START}{w}{MATCH_END}")
            } else {
                (*w).to_owned()
            }
        })
        .collect();
    if start > 0 {
        out.insert(0, "…".to_owned());
    }
    if end < all.len() {
        out.push("…".to_owned());
    }
    Some(out.join(" "))
}
