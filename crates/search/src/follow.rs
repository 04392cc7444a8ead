//! Following the audit log: the entries after the last one applied name
//! the records that changed; each is read again as the database holds it
//! now (not parsed from the entry's body) and its document replaced, or
//! deleted when the record is gone. A source brings the quotes from it
//! along, since they share its confidentiality.

use std::collections::{HashMap, HashSet};

use pledgewatch_core::audit::{AuditAction, AuditMark, AuditSubject};
use pledgewatch_core::error::Result;
use pledgewatch_core::model::{Entity, EntityKind, Stored};
use pledgewatch_core::public::PublicStore;
use pledgewatch_core::search::search_document;
use tantivy::Term;
use tantivy::tokenizer::{PreTokenizedString, Token};
use uuid::Uuid;

use crate::analysis::{Analyzer, Word};
use crate::schema::Fields;
use crate::{DerivedIndex, Document, FORMAT, Follower, index_error};

/// The kinds of record that have a search document (the others are never
/// read while following the log).
pub const SEARCHED: [EntityKind; 6] = [
    EntityKind::Commitment,
    EntityKind::Development,
    EntityKind::Quote,
    EntityKind::Concern,
    EntityKind::Recommendation,
    EntityKind::Source,
];

/// Audit entries read at a time.
const PAGE: u32 = 5_000;

/// Entries applied between two commits of a long catch-up, so that a
/// build's memory stays bounded and its progress is kept.
const COMMIT_EVERY: i64 = 200_000;

/// How far a catch-up or a build has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// The last audit entry applied.
    pub applied: i64,
    /// The audit head when the catch-up began.
    pub head: i64,
    /// Whether the index is being built from the start.
    pub building: bool,
}

/// What a build from an empty index has already indexed: a record met
/// again in an entry it already reflected is not read twice.
struct Build {
    /// The audit head before the first record was read: every read
    /// reflects at least the entries up to it.
    started_at: i64,
    indexed: HashSet<Uuid>,
}

impl DerivedIndex {
    /// Applies the entries after the follower's up to at least `head`,
    /// committing as it goes; then the reader sees them.
    pub(crate) async fn follow(
        &self,
        follower: &mut Follower,
        head: i64,
        progress: &(dyn Fn(Progress) + Send + Sync),
    ) -> Result<()> {
        let mut build = (follower.followed.seq == 0).then(|| Build {
            started_at: head,
            indexed: HashSet::new(),
        });
        let mut since_commit = 0;
        // Where the reading has come to: a page ahead of what is written,
        // so that the next page is read from the database while the last
        // one's documents are made (on another thread).
        let mut read_to = follower.followed.clone();
        let mut pending: Option<Pending> = None;
        loop {
            let marks = self.marks_after(&read_to).await?;
            let Some(marks) = marks else {
                // Not the log this index followed: start again from nothing.
                pending = None;
                follower
                    .writer
                    .delete_all_documents()
                    .map_err(|e| index_error("cannot empty it", e))?;
                follower.followed = crate::Followed::default();
                read_to = crate::Followed::default();
                build = Some(Build {
                    started_at: self.storage.audit_seq().await?,
                    indexed: HashSet::new(),
                });
                continue;
            };
            let Some(last) = marks.last().cloned() else {
                break;
            };
            let page = self.read(&marks, build.as_mut()).await?;
            read_to.seq = last.seq;
            read_to.hash.clone_from(&last.hash);
            if let Some(done) = pending.take() {
                since_commit += self.write(follower, done).await?;
                progress(Progress {
                    applied: follower.followed.seq,
                    head,
                    building: build.is_some(),
                });
                if since_commit >= COMMIT_EVERY {
                    self.commit(follower)?;
                    since_commit = 0;
                }
            }
            pending = Some(page.into_documents(self.fields, last));
            if marks.len() < PAGE as usize {
                break;
            }
        }
        if let Some(done) = pending.take() {
            self.write(follower, done).await?;
            progress(Progress {
                applied: follower.followed.seq,
                head,
                building: build.is_some(),
            });
        }
        self.commit(follower)?;
        self.reader
            .reload()
            .map_err(|e| index_error("cannot reload its reader", e))?;
        self.applied
            .store(follower.followed.seq, std::sync::atomic::Ordering::Release);
        Ok(())
    }

    /// Writes a page whose documents are being made: the old documents of
    /// its records deleted, the new ones added; then the follower has
    /// followed the log to its last entry. Returns how many entries that
    /// moved it on.
    async fn write(&self, follower: &mut Follower, page: Pending) -> Result<i64> {
        let docs = page
            .documents
            .await
            .map_err(|e| index_error("cannot make its documents", e))?;
        for id in &page.replaced {
            follower
                .writer
                .delete_term(Term::from_field_text(self.fields.id, &id.to_string()));
        }
        for doc in docs {
            follower
                .writer
                .add_document(doc)
                .map_err(|e| index_error("cannot add a document", e))?;
        }
        let moved = page.last.seq - follower.followed.seq;
        follower.followed.seq = page.last.seq;
        follower.followed.hash = page.last.hash;
        Ok(moved)
    }

    /// The next page of entries after the follower's last; `None` when the
    /// entry it last applied is not in the log as it was.
    async fn marks_after(&self, seen: &crate::Followed) -> Result<Option<Vec<AuditMark>>> {
        if seen.seq == 0 {
            return Ok(Some(self.storage.audit_marks(0, PAGE).await?));
        }
        let mut marks = self.storage.audit_marks(seen.seq - 1, PAGE + 1).await?;
        match marks.first() {
            Some(first) if first.seq == seen.seq && first.hash == seen.hash => {
                marks.remove(0);
                Ok(Some(marks))
            }
            _ => {
                tracing::warn!(
                    seq = seen.seq,
                    "the audit log is not the one the search index followed; it is rebuilt"
                );
                Ok(None)
            }
        }
    }

    fn commit(&self, follower: &mut Follower) -> Result<()> {
        let followed = crate::Followed {
            format: FORMAT,
            ..follower.followed.clone()
        };
        let payload = serde_json::to_string(&followed).unwrap_or_default();
        let mut prepared = follower
            .writer
            .prepare_commit()
            .map_err(|e| index_error("cannot commit", e))?;
        prepared.set_payload(&payload);
        prepared
            .commit()
            .map_err(|e| index_error("cannot commit", e))?;
        Ok(())
    }

    /// Reads the records a page of entries names, as the database holds
    /// them now, with what their documents need.
    async fn read(&self, marks: &[AuditMark], mut build: Option<&mut Build>) -> Result<Page> {
        let mut wanted: HashMap<EntityKind, Vec<Uuid>> = HashMap::new();
        let mut seen = HashSet::new();
        // Sources whose quotes follow them (a build reads every quote anyway,
        // after the sources it started with).
        let mut sources = Vec::new();
        // Records whose publication changed: the published records that
        // refer to them may be shown to the public, or hidden, with them.
        let mut published_or_not: HashMap<EntityKind, Vec<Uuid>> = HashMap::new();
        for mark in marks {
            let AuditSubject::Record(kind) = mark.subject else {
                continue;
            };
            let reflected = build.as_deref().is_some_and(|b| mark.seq <= b.started_at);
            if !reflected && matches!(mark.action, AuditAction::Publish | AuditAction::Unpublish) {
                published_or_not
                    .entry(kind)
                    .or_default()
                    .push(mark.entity_id);
            }
            if !SEARCHED.contains(&kind) || !seen.insert(mark.entity_id) {
                continue;
            }
            if kind == EntityKind::Source && !reflected {
                sources.push(mark.entity_id);
            }
            if reflected
                && build
                    .as_deref()
                    .is_some_and(|b| b.indexed.contains(&mark.entity_id))
            {
                continue;
            }
            wanted.entry(kind).or_default().push(mark.entity_id);
        }
        if !sources.is_empty() {
            // A source's confidentiality is its quotes' too.
            let quotes = self
                .storage
                .referring(EntityKind::Quote, EntityKind::Source, &sources)
                .await?;
            let list = wanted.entry(EntityKind::Quote).or_default();
            let mut listed: HashSet<Uuid> = list.iter().copied().collect();
            for q in quotes {
                if listed.insert(q.entity.id()) {
                    list.push(q.entity.id());
                }
            }
        }
        self.add_dependents(&mut wanted, &published_or_not).await?;
        let mut page = Page::default();
        for kind in SEARCHED {
            let Some(ids) = wanted.get(&kind) else {
                continue;
            };
            page.versions.push(self.versions(kind, ids).await?);
            for id in ids {
                let fresh = match &build {
                    Some(b) => !b.indexed.contains(id),
                    None => false,
                };
                if !fresh {
                    page.replaced.push(*id);
                }
            }
            if let Some(b) = build.as_deref_mut() {
                b.indexed.extend(ids.iter().copied());
            }
        }
        Ok(page)
    }

    /// Adds to `wanted` the published records that refer to those in
    /// `changed` (by kind), whose publication changed: whether the public
    /// sees them may have changed with it (a commitment whose actor is
    /// withdrawn is hidden).
    async fn add_dependents(
        &self,
        wanted: &mut HashMap<EntityKind, Vec<Uuid>>,
        changed: &HashMap<EntityKind, Vec<Uuid>>,
    ) -> Result<()> {
        for (target, ids) in changed {
            for kind in SEARCHED {
                let referring = self.storage.published_referring(kind, *target, ids).await?;
                if referring.is_empty() {
                    continue;
                }
                let list = wanted.entry(kind).or_default();
                let mut listed: HashSet<Uuid> = list.iter().copied().collect();
                for r in referring {
                    if listed.insert(r.entity.id()) {
                        list.push(r.entity.id());
                    }
                }
            }
        }
        Ok(())
    }

    /// The ids among these published versions that the public is shown,
    /// by the rules of `core::public` (a record is hidden when one it
    /// cannot stand without is not shown: a commitment whose actor is not
    /// published), so that the public's documents, and its count, are what
    /// it is shown.
    async fn shown(&self, published: Vec<Stored<Entity>>) -> Result<HashSet<Uuid>> {
        if published.is_empty() {
            return Ok(HashSet::new());
        }
        Ok(PublicStore::new(self.storage.as_ref())
            .project(published)
            .await?
            .into_iter()
            .map(|s| s.entity.id())
            .collect())
    }

    /// The live records of `kind` among `ids`, their published versions,
    /// and which of them are confidential or not shown to the public.
    async fn versions(&self, kind: EntityKind, ids: &[Uuid]) -> Result<Versions> {
        let live = self.storage.get_many(kind, ids).await?;
        if live.is_empty() {
            return Ok(Versions::default());
        }
        let live_ids: Vec<Uuid> = live.iter().map(|s| s.entity.id()).collect();
        let published = self.storage.published_records(kind, &live_ids).await?;
        let shown = self.shown(published.clone()).await?;
        let published: HashMap<Uuid, Stored<Entity>> =
            published.into_iter().map(|s| (s.entity.id(), s)).collect();
        let confidential = self.confidential(&live, &published).await?;
        Ok(Versions {
            live,
            published,
            confidential,
            shown,
        })
    }

    /// Which of these records are confidential: sources marked so, and
    /// quotes from such a source; in their live version (the team's), and
    /// in their live or their published version (kept from the public: a
    /// confidentiality being lifted holds until a reviewer approves, one
    /// being set holds at once), with the published quotes from a source
    /// the public cannot see.
    async fn confidential(
        &self,
        records: &[Stored<Entity>],
        published: &HashMap<Uuid, Stored<Entity>>,
    ) -> Result<Secrets> {
        let mut out = Secrets::default();
        let mut quotes_of: HashMap<Uuid, Vec<(Uuid, bool)>> = HashMap::new();
        let versions = records.iter().map(|r| (r, true)).chain(
            records
                .iter()
                .filter_map(|r| published.get(&r.entity.id()))
                .map(|r| (r, false)),
        );
        for (stored, is_live) in versions {
            match &stored.entity {
                Entity::Source(s) if s.confidential => out.mark(s.id.uuid(), is_live),
                Entity::Quote(q) => quotes_of
                    .entry(q.source.uuid())
                    .or_default()
                    .push((q.id.uuid(), is_live)),
                _ => {}
            }
        }
        if quotes_of.is_empty() {
            return Ok(out);
        }
        let source_ids: Vec<Uuid> = quotes_of.keys().copied().collect();
        let live = self
            .storage
            .get_many(EntityKind::Source, &source_ids)
            .await?;
        let public = self
            .storage
            .published_records(EntityKind::Source, &source_ids)
            .await?;
        let published_sources: HashSet<Uuid> = public.iter().map(|s| s.entity.id()).collect();
        for (source, quotes) in &quotes_of {
            if !published_sources.contains(source) {
                for &(quote, _) in quotes.iter().filter(|(_, live)| !live) {
                    out.hidden.insert(quote);
                }
            }
        }
        let sources = live.iter().map(|s| (s, true));
        for (source, source_live) in sources.chain(public.iter().map(|s| (s, false))) {
            if let Entity::Source(s) = &source.entity
                && s.confidential
                && let Some(quotes) = quotes_of.get(&s.id.uuid())
            {
                for &(quote, quote_live) in quotes {
                    out.mark(quote, source_live && quote_live);
                }
            }
        }
        Ok(out)
    }
}

/// The records a page of entries names, read; their documents not yet made.
#[derive(Default)]
struct Page {
    /// Of each kind in turn.
    versions: Vec<Versions>,
    /// The records whose documents the index may hold, to delete first.
    replaced: Vec<Uuid>,
}

/// Records of one kind, with what their documents need.
#[derive(Default)]
struct Versions {
    live: Vec<Stored<Entity>>,
    published: HashMap<Uuid, Stored<Entity>>,
    confidential: Secrets,
    /// The published ones the public is shown.
    shown: HashSet<Uuid>,
}

/// A page whose documents are being made, on a thread of their own.
struct Pending {
    documents: tokio::task::JoinHandle<Vec<Document>>,
    replaced: Vec<Uuid>,
    /// The last entry of the page.
    last: AuditMark,
}

impl Page {
    /// Starts making the page's documents on a blocking thread (text
    /// analysis is the longest part of a build's work).
    fn into_documents(self, fields: Fields, last: AuditMark) -> Pending {
        let Page { versions, replaced } = self;
        let documents = tokio::task::spawn_blocking(move || {
            let mut analyzer = Analyzer::default();
            versions
                .iter()
                .flat_map(|v| v.documents(fields, &mut analyzer))
                .collect()
        });
        Pending {
            documents,
            replaced,
            last,
        }
    }
}

impl Versions {
    /// Each record's live text for the team, and, when its published
    /// version is another, that version's text for the public (a pending
    /// edit is never found by the public, the published text is).
    fn documents(&self, fields: Fields, analyzer: &mut Analyzer) -> Vec<Document> {
        let mut out = Vec::with_capacity(self.live.len());
        for stored in &self.live {
            let id = stored.entity.id();
            let public = self.published.get(&id);
            let same = public.is_some_and(|p| p.meta.version == stored.meta.version);
            let hidden = self.confidential.hidden.contains(&id) || !self.shown.contains(&id);
            if let Some(doc) = search_document(&stored.entity) {
                let view = View {
                    team: true,
                    public: same && !hidden,
                    confidential: self.confidential.live.contains(&id),
                };
                out.push(document(fields, analyzer, &stored.entity, &doc, view));
            }
            if let Some(p) = public.filter(|_| !same && !hidden)
                && let Some(doc) = search_document(&p.entity)
            {
                let view = View {
                    team: false,
                    public: true,
                    confidential: false,
                };
                out.push(document(fields, analyzer, &p.entity, &doc, view));
            }
        }
        out
    }
}

fn document(
    fields: Fields,
    analyzer: &mut Analyzer,
    entity: &Entity,
    doc: &pledgewatch_core::search::SearchDocument,
    view: View,
) -> Document {
    let f = fields;
    let latin = analyzer.latin_language(&format!("{}\n{}", doc.title, doc.body));
    let mut out = Document::default();
    out.add_text(f.id, entity.id().to_string());
    out.add_text(f.kind, entity.kind().as_str());
    out.add_bool(f.confidential, view.confidential);
    out.add_bool(f.team, view.team);
    out.add_bool(f.published, view.public);
    out.add_text(f.title, &doc.title);
    out.add_text(f.body, &doc.body);
    out.add_u64(f.language, latin.code());
    out.add_pre_tokenized_text(
        f.title_terms,
        pre_tokenized(analyzer.words(&doc.title, latin)),
    );
    out.add_pre_tokenized_text(
        f.body_terms,
        pre_tokenized(analyzer.words(&doc.body, latin)),
    );
    out
}

/// Among some records: the confidential ones in their live version, and
/// those kept from the public (confidential in either version, or a
/// published quote whose source is not published).
#[derive(Debug, Default)]
struct Secrets {
    live: HashSet<Uuid>,
    hidden: HashSet<Uuid>,
}

impl Secrets {
    fn mark(&mut self, id: Uuid, live: bool) {
        if live {
            self.live.insert(id);
        }
        self.hidden.insert(id);
    }
}

/// Who a document is for: the team searches the live text, the public the
/// published one (the same document when they are the same version).
#[derive(Debug, Clone, Copy)]
struct View {
    team: bool,
    public: bool,
    confidential: bool,
}

/// Terms as tantivy indexes them (the text itself is stored elsewhere).
fn pre_tokenized(words: Vec<Word>) -> PreTokenizedString {
    PreTokenizedString {
        text: String::new(),
        tokens: words
            .into_iter()
            .enumerate()
            .flat_map(|(position, w)| {
                w.terms.into_iter().map(move |text| Token {
                    offset_from: w.from,
                    offset_to: w.to,
                    position,
                    text,
                    position_length: 1,
                })
            })
            .collect(),
    }
}
