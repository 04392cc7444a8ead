//! The search index of the command line and of `serve` (decision 0025):
//! where it lives, opening it up to date, and `search-index rebuild`.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use pledgewatch_search::{DerivedIndex, Place, Progress};
use pledgewatch_store::{DatabaseUrl, Store};

use crate::{Failure, open_current};

/// The `--search-index` value that keeps the index in memory.
pub const MEMORY: &str = "memory";

/// Where the index lives: as `--search-index` says (a directory, or
/// `memory`), else beside an SQLite database, else (PostgreSQL) in a
/// directory of the user's cache named after the database
/// ([`server_index_dir`]).
pub fn place(db: &str, option: Option<&str>) -> Result<Place, Failure> {
    match option.map(str::trim).filter(|o| !o.is_empty()) {
        Some(MEMORY) => Ok(Place::Memory),
        Some(dir) => Ok(Place::Directory(dir.into())),
        None => {
            let url = DatabaseUrl::parse(db)?;
            Ok(match (&url, url.server_database_key()) {
                (DatabaseUrl::Sqlite(file), _) => Place::beside(Some(file)),
                (DatabaseUrl::Postgres(_), Some(key)) => {
                    Place::Directory(server_index_dir(&cache_home(), &key))
                }
                (DatabaseUrl::Postgres(_), None) => Place::Memory,
            })
        }
    }
}

/// The directory of the index of the server database named `key`
/// (`DatabaseUrl::server_database_key`: its name and a hash of host, port
/// and name, so two databases never share one) under the cache directory
/// `cache`: `CACHE/pledgewatch/search/KEY`.
pub fn server_index_dir(cache: &Path, key: &str) -> PathBuf {
    cache.join("pledgewatch").join("search").join(key)
}

/// The user's cache directory: `$XDG_CACHE_HOME`, else `$HOME/.cache`
/// (each only when absolute), else the working directory.
fn cache_home() -> PathBuf {
    let absolute = |name: &str| {
        std::env::var_os(name)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    absolute("XDG_CACHE_HOME")
        .or_else(|| absolute("HOME").map(|home| home.join(".cache")))
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Shows a catch-up's progress: a bar on a terminal, and one line when a
/// build or a long catch-up ends; off a terminal (a log), a line every
/// ten seconds instead of the bar.
struct Shown {
    what: String,
    bar: Option<indicatif::ProgressBar>,
    started: Instant,
    /// When the last line was written (off a terminal).
    said: std::sync::Mutex<Instant>,
}

/// How often progress is written off a terminal.
const EVERY: std::time::Duration = std::time::Duration::from_secs(10);

impl Shown {
    fn new(what: &str) -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = indicatif::ProgressBar::new(0);
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{msg:32} [{bar:30}] {pos}/{len} {elapsed}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            bar.set_message(what.to_owned());
            bar
        });
        Self {
            what: what.to_owned(),
            bar,
            started: Instant::now(),
            said: std::sync::Mutex::new(Instant::now()),
        }
    }

    fn step(&self, p: Progress) {
        let head = p.head.max(p.applied).max(0);
        if let Some(bar) = &self.bar {
            bar.set_length(head as u64);
            bar.set_position(p.applied.max(0) as u64);
            return;
        }
        let Ok(mut said) = self.said.lock() else {
            return;
        };
        if said.elapsed() >= EVERY {
            *said = Instant::now();
            errln!(
                "{}: audit entry {} of {}, {:.0} s",
                self.what,
                p.applied,
                head,
                self.started.elapsed().as_secs_f64()
            );
        }
    }

    /// Clears the bar; after a catch-up of a second or more, says what
    /// the index holds (a rebuild says it itself).
    fn finish(&self, index: &DerivedIndex, summary: bool) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        let took = self.started.elapsed();
        if summary && took.as_secs() >= 1 {
            errln!(
                "search index ({}): {} documents, up to audit entry {}, in {:.1} s",
                index.place(),
                index.len(),
                index.applied(),
                took.as_secs_f64()
            );
        }
    }
}

/// Opens the index at `place` and brings it up to date with the database
/// (building it when it is new, unreadable or of another format),
/// showing progress.
pub async fn open_up_to_date(
    store: Arc<Store>,
    place: Place,
) -> Result<Arc<DerivedIndex>, Failure> {
    up_to_date(DerivedIndex::open(store, place)?).await
}

/// As [`open_up_to_date`], for a server: when another process (another
/// server on this machine) holds the directory, the first sibling
/// directory none holds (`DIR.2`, `DIR.3`…), so that each keeps its own.
pub async fn open_own_up_to_date(
    store: Arc<Store>,
    place: Place,
) -> Result<Arc<DerivedIndex>, Failure> {
    up_to_date(DerivedIndex::open_own(store, place)?).await
}

async fn up_to_date(index: DerivedIndex) -> Result<Arc<DerivedIndex>, Failure> {
    let shown = Shown::new("search index: catching up");
    index.catch_up_with(&|p| shown.step(p)).await?;
    shown.finish(&index, true);
    Ok(Arc::new(index))
}

/// `pledgewatch search-index rebuild`.
pub async fn rebuild(db: &str, option: Option<&str>) -> Result<(), Failure> {
    let place = place(db, option)?;
    let store = Arc::new(open_current(db).await?);
    let index = DerivedIndex::open(store, place).map_err(|e| match e {
        // A server keeps the index it holds current by itself.
        pledgewatch_core::Error::Refused(why) => Failure::from(pledgewatch_core::Error::refused(
            format!(
                "{why}; a running server keeps its index current, so it needs no rebuild: stop it first to rebuild its index, or give --search-index DIR to build another"
            ),
        )),
        other => other.into(),
    })?;
    let shown = Shown::new("search index: building");
    index.rebuild(&|p| shown.step(p)).await?;
    shown.finish(&index, false);
    outln!(
        "The search index ({}) holds {} documents (one for each record searched, and one more \
         for each with an edit waiting for review), up to audit entry {}; built in {:.1} s.",
        index.place(),
        index.len(),
        index.applied(),
        shown.started.elapsed().as_secs_f64()
    );
    Ok(())
}
