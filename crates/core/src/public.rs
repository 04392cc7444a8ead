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

use crate::audit::{AuditEntry, AuditSubject, ChainReport};
use crate::error::{Error, Result};
use crate::model::{
    Candidate, CandidateStatus, Dossier, Entity, EntityKind, Sha256Hex, Slug, Stored,
};
use crate::storage::{Applied, Change, ChangeContext, Pending, Storage, StorageInfo, TableDump};

/// What the public is shown for a staff member whose display name is not known.
pub const TEAM: &str = "the research team";

/// What the public may see, among the records asked about.
struct Visible {
    sources: HashSet<Uuid>,
    quotes: HashSet<Uuid>,
    published: HashSet<Uuid>,
}

impl Visible {
    fn may_see(&self, kind: EntityKind, id: Uuid) -> bool {
        match kind {
            EntityKind::Source => self.sources.contains(&id),
            EntityKind::Quote => self.quotes.contains(&id),
            _ => self.published.contains(&id),
        }
    }
}

/// A store as the public sees it. See the module's documentation.
pub struct PublicStore<'a> {
    inner: &'a dyn Storage,
    names: HashMap<String, String>,
}

impl<'a> PublicStore<'a> {
    pub fn new(inner: &'a dyn Storage) -> Self {
        Self {
            inner,
            names: HashMap::new(),
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

    /// Published versions, made fit for the public.
    async fn project(&self, found: Vec<Stored<Entity>>) -> Result<Vec<Stored<Entity>>> {
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
        let sources: HashSet<Uuid> = self
            .published_of(EntityKind::Source, sources)
            .await?
            .into_iter()
            .filter(|s| matches!(&s.entity, Entity::Source(x) if !x.confidential))
            .map(|s| s.entity.id())
            .collect();
        let quotes = quotes
            .into_iter()
            .filter_map(|q| match q.entity {
                Entity::Quote(q) if sources.contains(&q.source.uuid()) => Some(q.id.uuid()),
                _ => None,
            })
            .collect();
        referred.sort();
        referred.dedup();
        let published = self.inner.published(&referred).await?.into_keys().collect();
        Ok(Visible {
            sources,
            quotes,
            published,
        })
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
        self.inner.published_records(kind, &ids).await
    }

    /// One published record as the public sees it, or `None` if it stays
    /// hidden: its references to what the public may not see are dropped,
    /// and it is hidden when one it cannot stand without is.
    fn redact(&self, mut stored: Stored<Entity>, visible: &Visible) -> Option<Stored<Entity>> {
        let keep = |kind: EntityKind, id: Uuid| visible.may_see(kind, id);
        if !keep(stored.entity.kind(), stored.entity.id())
            || !stored.entity.retain_references(&keep)
        {
            return None;
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
    Error::Refused("the public view of the record cannot change it".to_owned())
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
        let found = self.inner.published_records(kind, &[id]).await?;
        Ok(self.project(found).await?.into_iter().next())
    }

    async fn get_many(&self, kind: EntityKind, ids: &[Uuid]) -> Result<Vec<Stored<Entity>>> {
        let found = self.inner.published_records(kind, ids).await?;
        self.project(found).await
    }

    async fn removed(&self, _: EntityKind, _: &[Uuid]) -> Result<Vec<Uuid>> {
        Ok(vec![])
    }

    async fn referring(
        &self,
        kind: EntityKind,
        target_kind: EntityKind,
        targets: &[Uuid],
    ) -> Result<Vec<Stored<Entity>>> {
        let found = self
            .inner
            .published_referring(kind, target_kind, targets)
            .await?;
        self.project(found).await
    }

    async fn dossier_by_slug(&self, slug: &Slug) -> Result<Option<Stored<Dossier>>> {
        Ok(self
            .dossiers()
            .await?
            .into_iter()
            .find(|d| d.entity.slug == *slug))
    }

    async fn list_dossiers(&self) -> Result<Vec<Stored<Dossier>>> {
        self.dossiers().await
    }

    async fn list(&self, kind: EntityKind, limit: u32, offset: u32) -> Result<Vec<Stored<Entity>>> {
        let found = self.inner.published_list(kind, limit, offset).await?;
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

    async fn pending(&self, _: u32) -> Result<Vec<Pending>> {
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

    /// The public sources whose published version holds the file.
    async fn sources_with_file(&self, sha256: &Sha256Hex) -> Result<Vec<Stored<Entity>>> {
        let live: Vec<Uuid> = self
            .inner
            .sources_with_file(sha256)
            .await?
            .iter()
            .map(|s| s.entity.id())
            .collect();
        Ok(self
            .get_many(EntityKind::Source, &live)
            .await?
            .into_iter()
            .filter(|s| matches!(&s.entity, Entity::Source(x) if x.file_sha256.as_ref() == Some(sha256)))
            .collect())
    }

    async fn list_candidates(&self, _: Option<CandidateStatus>) -> Result<Vec<Stored<Candidate>>> {
        Ok(vec![])
    }

    /// The audit log names staff and drafts: not public.
    async fn history(&self, _: AuditSubject, _: Uuid) -> Result<Vec<AuditEntry>> {
        Ok(vec![])
    }

    async fn verify_audit(&self) -> Result<ChainReport> {
        self.inner.verify_audit().await
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
