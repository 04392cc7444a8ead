//! The search index: tantivy, derived from the database and kept current
//! from its audit log (decision 0025).
//!
//! The database stays the source of truth. Each app server keeps an index
//! of its own (on disk, or in memory when asked) and
//! remembers the audit entry it last applied. Before it answers a search it
//! reads the audit head; if anything was written since, through this server
//! or another, it reads the records those entries name and replaces their
//! documents first, so every search sees every write committed before it.
//! What a viewer may not see (drafts, confidential sources and the quotes
//! from them) is left out by the query itself, before ranking and counting.

mod analysis;
mod follow;
mod query;
mod schema;
mod sight;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use async_trait::async_trait;
use pledgewatch_core::error::{Error, Result};
use pledgewatch_core::storage::{SearchHit, SearchIndex, SearchQuery, Storage};
use serde::{Deserialize, Serialize};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument};

pub use analysis::Language;
pub use follow::{Progress, SEARCHED};
use schema::{FORMAT, Fields};

/// Where an index lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// In memory: built from the database when the server starts.
    Memory,
    /// In a directory of its own (created if missing), kept across restarts.
    Directory(PathBuf),
}

impl Place {
    /// A directory beside an SQLite file (`pledgewatch.db` →
    /// `pledgewatch.db.search`); memory without one.
    pub fn beside(sqlite_file: Option<&Path>) -> Place {
        match sqlite_file {
            Some(file) => {
                let mut name = file.as_os_str().to_owned();
                name.push(".search");
                Place::Directory(PathBuf::from(name))
            }
            None => Place::Memory,
        }
    }
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::Memory => f.write_str("memory"),
            Place::Directory(dir) => write!(f, "{}", dir.display()),
        }
    }
}

/// What a commit records about the log it followed: how far, and the hash
/// of that entry, so that an index is never applied to another database.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Followed {
    format: u32,
    seq: i64,
    hash: String,
}

/// The writer and how far it has applied the log; one at a time.
struct Follower {
    writer: IndexWriter,
    followed: Followed,
}

/// The derived search index of one app server. See the module's documentation.
pub struct DerivedIndex {
    storage: Arc<dyn Storage>,
    fields: Fields,
    reader: IndexReader,
    place: Place,
    follower: tokio::sync::Mutex<Follower>,
    /// The audit entry the reader's documents reflect.
    applied: AtomicI64,
}

impl std::fmt::Debug for DerivedIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DerivedIndex")
            .field("place", &self.place)
            .field("applied", &self.applied)
            .finish_non_exhaustive()
    }
}

/// Indexing memory of the writer (tantivy's budget, shared by its thread).
const WRITER_MEMORY: usize = 64 * 1024 * 1024;

pub(crate) fn index_error(
    context: &str,
    e: impl std::error::Error + Send + Sync + 'static,
) -> Error {
    Error::storage(format!("search index: {context}"), e)
}

impl DerivedIndex {
    /// Opens the index at `place` (an empty one if there is none, or if
    /// the one there cannot be read or was written in another format; it
    /// is then rebuilt by the first [`DerivedIndex::catch_up`]).
    pub fn open(storage: Arc<dyn Storage>, place: Place) -> Result<Self> {
        Self::open_at(storage, place).map_err(Opening::into_error)
    }

    /// Opens the index at `place` as [`DerivedIndex::open`] does, but when
    /// another process (another server on this machine) holds that
    /// directory, the first of `DIR.2`, `DIR.3`… up to `DIR.16` that no
    /// process holds: each server keeps an index of its own, and finds it
    /// again when it restarts.
    pub fn open_own(storage: Arc<dyn Storage>, place: Place) -> Result<Self> {
        let Place::Directory(dir) = &place else {
            return Self::open(storage, place);
        };
        for n in 1..=SIBLINGS {
            let candidate = if n == 1 { dir.clone() } else { sibling(dir, n) };
            match Self::open_at(storage.clone(), Place::Directory(candidate)) {
                Err(Opening::Busy(_)) => continue,
                opened => return opened.map_err(Opening::into_error),
            }
        }
        Err(Error::refused(format!(
            "search index: {} and its {} siblings are each held by another process",
            dir.display(),
            SIBLINGS - 1
        )))
    }

    fn open_at(storage: Arc<dyn Storage>, place: Place) -> std::result::Result<Self, Opening> {
        let (schema, fields) = Fields::schema();
        let (index, followed) = match &place {
            Place::Memory => (Index::create_in_ram(schema), Followed::default()),
            Place::Directory(dir) => {
                if held_by_another(dir) {
                    return Err(Opening::Busy(dir.clone()));
                }
                open_directory(dir, &schema).map_err(Opening::Failed)?
            }
        };
        let writer = index
            .writer_with_num_threads(1, WRITER_MEMORY)
            .map_err(|e| match (e, &place) {
                (
                    tantivy::TantivyError::LockFailure(
                        tantivy::directory::error::LockError::LockBusy,
                        _,
                    ),
                    Place::Directory(dir),
                ) => Opening::Busy(dir.clone()),
                (e, _) => Opening::Failed(index_error("cannot open its writer", e)),
            })?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| Opening::Failed(index_error("cannot open its reader", e)))?;
        Ok(Self {
            storage,
            fields,
            reader,
            place,
            applied: AtomicI64::new(followed.seq),
            follower: tokio::sync::Mutex::new(Follower { writer, followed }),
        })
    }

    /// An index in memory, built at the first search.
    pub fn in_memory(storage: Arc<dyn Storage>) -> Result<Self> {
        Self::open(storage, Place::Memory)
    }

    pub fn place(&self) -> &Place {
        &self.place
    }

    /// The audit entry the index reflects.
    pub fn applied(&self) -> i64 {
        self.applied.load(Ordering::Acquire)
    }

    /// How many records the index holds (as its reader sees them).
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Applies every audit entry written since the last one applied
    /// (everything, for a new index), reporting its progress.
    pub async fn catch_up_with(&self, progress: &(dyn Fn(Progress) + Send + Sync)) -> Result<()> {
        let head = self.storage.audit_seq().await?;
        let mut follower = self.follower.lock().await;
        self.follow(&mut follower, head, progress).await
    }

    /// Applies what was written since the last search, if anything was.
    pub async fn catch_up(&self) -> Result<()> {
        let head = self.storage.audit_seq().await?;
        if head == self.applied() {
            return Ok(());
        }
        let mut follower = self.follower.lock().await;
        self.follow(&mut follower, head, &|_| {}).await
    }

    /// Empties the index and builds it again from the database.
    pub async fn rebuild(&self, progress: &(dyn Fn(Progress) + Send + Sync)) -> Result<()> {
        let head = self.storage.audit_seq().await?;
        let mut follower = self.follower.lock().await;
        follower
            .writer
            .delete_all_documents()
            .map_err(|e| index_error("cannot empty it", e))?;
        follower.followed = Followed::default();
        self.follow(&mut follower, head, progress).await
    }
}

/// How many directories [`DerivedIndex::open_own`] tries.
const SIBLINGS: usize = 16;

/// Why an index could not be opened.
enum Opening {
    /// Another process holds the directory's writer.
    Busy(PathBuf),
    Failed(Error),
}

impl Opening {
    fn into_error(self) -> Error {
        match self {
            Opening::Busy(dir) => Error::refused(format!(
                "search index: {} is held by another process (a running server?)",
                dir.display()
            )),
            Opening::Failed(e) => e,
        }
    }
}

/// `DIR.n`: the `n`th server's directory of the index meant for `DIR`.
fn sibling(dir: &Path, n: usize) -> PathBuf {
    let mut name = dir.as_os_str().to_owned();
    name.push(format!(".{n}"));
    PathBuf::from(name)
}

/// Whether another process holds the writer's lock of the index in `dir`
/// (checked before anything there is read, so that an index another
/// server writes is never cleared); a missing directory is held by none.
fn held_by_another(dir: &Path) -> bool {
    use tantivy::directory::{Directory, INDEX_WRITER_LOCK, MmapDirectory, error::LockError};
    if !dir.join(".tantivy-writer.lock").exists() {
        return false;
    }
    let Ok(directory) = MmapDirectory::open(dir) else {
        return false;
    };
    matches!(
        directory.acquire_lock(&INDEX_WRITER_LOCK),
        Err(LockError::LockBusy)
    )
}

/// Opens the index in `dir`, or makes a new one there when there is none,
/// or when the one there cannot be used as it is (the reason is logged).
fn open_directory(dir: &Path, schema: &tantivy::schema::Schema) -> Result<(Index, Followed)> {
    std::fs::create_dir_all(dir).map_err(|e| index_error("cannot create its directory", e))?;
    if dir.join("meta.json").exists() {
        match reopen(dir, schema) {
            Ok(found) => return Ok(found),
            Err(reason) => {
                tracing::warn!(index = %dir.display(), %reason, "the search index is rebuilt");
                std::fs::remove_dir_all(dir)
                    .and_then(|()| std::fs::create_dir_all(dir))
                    .map_err(|e| index_error("cannot clear its directory", e))?;
            }
        }
    }
    let index = Index::create_in_dir(dir, schema.clone())
        .map_err(|e| index_error("cannot create it", e))?;
    Ok((index, Followed::default()))
}

/// The index in `dir` and how far it followed the log, if it was written
/// in this format; otherwise why not.
fn reopen(
    dir: &Path,
    schema: &tantivy::schema::Schema,
) -> std::result::Result<(Index, Followed), String> {
    let index = Index::open_in_dir(dir).map_err(|e| format!("it cannot be opened: {e}"))?;
    if index.schema() != *schema {
        return Err("it was written with other fields".to_owned());
    }
    let metas = index
        .load_metas()
        .map_err(|e| format!("its state cannot be read: {e}"))?;
    let followed: Followed = metas
        .payload
        .as_deref()
        .and_then(|p| serde_json::from_str(p).ok())
        .ok_or("it does not say how far it followed the audit log")?;
    if followed.format != FORMAT {
        return Err(format!(
            "it was written in format {}, this version writes {FORMAT}",
            followed.format
        ));
    }
    Ok((index, followed))
}

/// The query's words, checked as core checks every search.
fn cleaned(query: &SearchQuery) -> Result<String> {
    query.cleaned_text()
}

#[async_trait]
impl SearchIndex for DerivedIndex {
    async fn search(&self, query: &SearchQuery) -> Result<Vec<SearchHit>> {
        let text = cleaned(query)?;
        self.catch_up().await?;
        let searcher = self.reader.searcher();
        query::run(&searcher, self.fields, &text, query)
    }

    /// The public's documents are the published versions' text.
    fn holds_published_text(&self) -> bool {
        true
    }

    async fn count(&self, query: &SearchQuery) -> Result<usize> {
        let text = cleaned(query)?;
        self.catch_up().await?;
        let searcher = self.reader.searcher();
        query::count(&searcher, self.fields, &text, query)
    }
}

/// A document as the index holds it (used by tests that compare indexes).
pub(crate) type Document = TantivyDocument;
