//! The search index of the command line and of `serve` (decision 0025):
//! where it lives, opening it up to date, and `search-index rebuild`.

use std::io::IsTerminal;
use std::sync::Arc;
use std::time::Instant;

use pledgewatch_search::{DerivedIndex, Place, Progress};
use pledgewatch_store::{DatabaseUrl, Store};

use crate::{Failure, open_current};

/// The `--search-index` value that keeps the index in memory.
pub const MEMORY: &str = "memory";

/// Where the index lives: as `--search-index` says (a directory, or
/// `memory`), else beside an SQLite database, else in memory.
pub fn place(db: &str, option: Option<&str>) -> Result<Place, Failure> {
    match option.map(str::trim).filter(|o| !o.is_empty()) {
        Some(MEMORY) => Ok(Place::Memory),
        Some(dir) => Ok(Place::Directory(dir.into())),
        None => Ok(match DatabaseUrl::parse(db)? {
            DatabaseUrl::Sqlite(file) => Place::beside(Some(&file)),
            DatabaseUrl::Postgres(_) => Place::beside(None),
        }),
    }
}

/// Shows a catch-up's progress: a bar on a terminal, and one line when a
/// build or a long catch-up ends.
struct Shown {
    bar: Option<indicatif::ProgressBar>,
    started: Instant,
}

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
            bar,
            started: Instant::now(),
        }
    }

    fn step(&self, p: Progress) {
        if let Some(bar) = &self.bar {
            bar.set_length(p.head.max(p.applied).max(0) as u64);
            bar.set_position(p.applied.max(0) as u64);
        }
    }

    fn finish(&self, index: &DerivedIndex) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        let took = self.started.elapsed();
        if took.as_secs() >= 1 {
            eprintln!(
                "search index ({}): {} records, up to audit entry {}, in {:.1} s",
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
    let index = DerivedIndex::open(store, place)?;
    let shown = Shown::new("search index: catching up");
    index.catch_up_with(&|p| shown.step(p)).await?;
    shown.finish(&index);
    Ok(Arc::new(index))
}

/// `pledgewatch search-index rebuild`.
pub async fn rebuild(db: &str, option: Option<&str>) -> Result<(), Failure> {
    let place = place(db, option)?;
    let store = Arc::new(open_current(db).await?);
    let index = DerivedIndex::open(store, place)?;
    let shown = Shown::new("search index: building");
    index.rebuild(&|p| shown.step(p)).await?;
    shown.finish(&index);
    println!(
        "The search index ({}) holds {} records, up to audit entry {}.",
        index.place(),
        index.len(),
        index.applied()
    );
    Ok(())
}
