//! `pledgewatch migrate-to URL`: copies the database into another one
//! (SQLite to PostgreSQL to grow, PostgreSQL to SQLite for a backup), in
//! one transaction on the target that commits only once the copy verifies.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::Args;
use pledgewatch_core::error::Error;
use pledgewatch_core::storage::Storage;
use pledgewatch_store::{
    CopyOptions, CopyProgress, CopyReport, DatabaseUrl, NonEmptyTarget, OpenMode, Store,
};

use crate::{Failure, exit, open_current};

#[derive(Debug, Args)]
#[command(after_help = "\
The source is read as one snapshot, so `serve` may keep running on it; writes made
during the copy are not in the copy. The target gets the same schema (it is migrated
first) and every table in one transaction, which commits only if each table has as
many rows as on the source, the audit head is the same and the copied audit log
verifies; otherwise nothing is written to it (exit code 6 when the audit log does
not verify, 1 otherwise). A new SQLite file that did not receive the copy is removed.

Examples:
  pledgewatch --db sqlite:pledgewatch.db migrate-to postgres://pw@db.example/pledgewatch
  pledgewatch --db postgres://pw@db.example/pledgewatch migrate-to sqlite:backup-2026-12-06.db")]
pub struct MigrateToArgs {
    /// The database to copy into: postgres://USER@HOST/DB (the database
    /// must exist) or sqlite:PATH (created if missing).
    #[arg(value_name = "URL")]
    target: String,
    /// Delete everything on the target before copying, in the same
    /// transaction (without it, a target that holds any record or audit
    /// entry is refused).
    #[arg(long)]
    replace: bool,
}

/// `pledgewatch migrate-to`.
pub async fn migrate_to(db: &str, args: MigrateToArgs) -> Result<u8, Failure> {
    let target_url = DatabaseUrl::parse(&args.target)?;
    let source_url = DatabaseUrl::parse(db)?;
    if same_database(&source_url, &target_url) {
        return Err(Error::refused(format!(
            "{} is the database being copied: name another target",
            target_url.display()
        ))
        .into());
    }
    let source = open_current(db).await?;
    let new_file = NewFile::of(&target_url)?;
    let result = copy(&source, &target_url, args.replace).await;
    source.close().await;
    let committed = matches!(&result, Ok(report) if report.committed);
    if !committed {
        new_file.undo();
    }
    let report = result?;
    print_summary(&source, &target_url, &report);
    if report.committed {
        return Ok(exit::OK);
    }
    errln!(
        "error: the copy does not match the source; nothing was written to {}:",
        target_url.display()
    );
    for problem in report.problems() {
        errln!("  - {problem}");
    }
    if report.chain.broken.is_none() {
        return Ok(exit::FAILURE);
    }
    if let Ok(own) = open_current(db).await
        && let Ok(check) = own.verify_audit().await
    {
        if let Some(broken) = check.broken {
            errln!(
                "The source's own audit log is broken ({broken}): see `pledgewatch audit verify`."
            );
        }
        own.close().await;
    }
    Ok(exit::AUDIT_BROKEN)
}

/// Opens and migrates the target, then copies into it.
async fn copy(source: &Store, url: &DatabaseUrl, replace: bool) -> Result<CopyReport, Failure> {
    let target = Store::open(url, OpenMode::CreateIfMissing).await?;
    let result = async {
        target.migrate().await?;
        let (have, want) = (
            target.schema_version().await?,
            source.schema_version().await?,
        );
        if have != want {
            return Err(Error::refused(format!(
                "{} has schema version {have}, the source {want}: copy between databases of one pledgewatch version",
                url.display()
            )));
        }
        let options = CopyOptions {
            non_empty: if replace {
                NonEmptyTarget::Replace
            } else {
                NonEmptyTarget::Refuse
            },
            ..CopyOptions::default()
        };
        let mut bar = Bar::new();
        let report = source
            .copy_to(&target, options, &mut |step| bar.show(step))
            .await;
        bar.finish();
        report
    }
    .await;
    target.close().await;
    Ok(result?)
}

/// Whether two URLs name the same database (a SQLite file under two
/// spellings included).
fn same_database(a: &DatabaseUrl, b: &DatabaseUrl) -> bool {
    match (a, b) {
        (DatabaseUrl::Sqlite(a), DatabaseUrl::Sqlite(b)) => {
            let canonical = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_owned());
            canonical(a) == canonical(b)
        }
        (DatabaseUrl::Postgres(a), DatabaseUrl::Postgres(b)) => a == b,
        _ => false,
    }
}

/// A SQLite file a command is about to write, and what to undo if the
/// command fails: a file it creates goes again, with its journal files (at
/// the end of a symbolic link, the file goes and the link stays); an empty
/// file given is left empty. The file is created here, exclusively, and
/// locked (as is a file found there) until the command ends, so that a
/// second command writing the same file at the same time is refused
/// rather than writing beside the first or removing its work.
pub(crate) struct NewFile {
    undo: Undo,
    _lock: Option<std::fs::File>,
}

enum Undo {
    Remove(PathBuf),
    Empty(PathBuf),
    Nothing,
}

impl NewFile {
    /// Taken before anything opens `url`.
    pub(crate) fn of(url: &DatabaseUrl) -> Result<NewFile, Error> {
        let DatabaseUrl::Sqlite(path) = url else {
            return Ok(NewFile {
                undo: Undo::Nothing,
                _lock: None,
            });
        };
        let real = end_of_links(path);
        let created = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&real);
        // An existing file is locked too, whatever it holds: a command
        // that found it already written by another still running must not
        // write beside it (nor that one, failing, remove its work).
        let existing = || std::fs::OpenOptions::new().read(true).open(&real).ok();
        let (undo, file) = match created {
            Ok(file) => (Undo::Remove(real.clone()), Some(file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                match std::fs::metadata(&real) {
                    Ok(meta) if meta.is_file() && meta.len() == 0 => {
                        (Undo::Empty(real.clone()), existing())
                    }
                    Ok(meta) if meta.is_file() => (Undo::Nothing, existing()),
                    _ => (Undo::Nothing, None),
                }
            }
            // Opening the database reports it (no such folder, no right).
            Err(_) => (Undo::Nothing, None),
        };
        if let Some(file) = &file
            && file.try_lock().is_err()
        {
            return Err(Error::refused(format!(
                "another pledgewatch command is writing {}: wait until it ends",
                path.display()
            )));
        }
        Ok(NewFile { undo, _lock: file })
    }

    /// Undoes what the failed command did to the file.
    pub(crate) fn undo(&self) {
        let (path, keep) = match &self.undo {
            Undo::Remove(path) => (path, false),
            Undo::Empty(path) => (path, true),
            Undo::Nothing => return,
        };
        for suffix in ["-wal", "-shm", "-journal"] {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(name));
        }
        if keep {
            let _ = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .and_then(|f| f.set_len(0));
        } else {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Where `path` leads through symbolic links, a dangling one included (a
/// loop stops after 40 links, as the system's own look-up does).
fn end_of_links(path: &Path) -> PathBuf {
    let mut real = path.to_owned();
    for _ in 0..40 {
        let Ok(target) = std::fs::read_link(&real) else {
            break;
        };
        real = match real.parent() {
            Some(parent) => parent.join(target),
            None => target,
        };
    }
    real
}

fn print_summary(source: &Store, target: &DatabaseUrl, report: &CopyReport) {
    let width = report
        .tables
        .iter()
        .map(|t| t.table.len())
        .max()
        .unwrap_or(5);
    outln!(
        "{} {} rows in {} tables from {} to {}.",
        if report.committed {
            "Copied"
        } else {
            "Did not copy"
        },
        report.rows(),
        report.tables.len(),
        source.info().location,
        target.display()
    );
    outln!("  {:width$}  {:>12}  {:>12}", "table", "source", "target");
    for t in &report.tables {
        let mark = if t.source == t.target {
            ""
        } else {
            "  <- differs"
        };
        outln!(
            "  {:width$}  {:>12}  {:>12}{mark}",
            t.table,
            t.source,
            t.target
        );
    }
    match (&report.target_head, &report.chain.broken) {
        (Some((seq, hash)), None) if report.source_head == report.target_head => outln!(
            "Audit head: entry {seq} ({hash}) on both; the copied audit log is intact ({} entries).",
            report.chain.entries
        ),
        _ => outln!("Audit log: see the problems below."),
    }
}

/// Progress on standard error: a bar on a terminal, a line per table
/// otherwise.
struct Bar {
    bar: Option<indicatif::ProgressBar>,
}

impl Bar {
    fn new() -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = indicatif::ProgressBar::new(0);
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{msg:24} [{bar:30}] {pos}/{len} {elapsed}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            bar
        });
        Bar { bar }
    }

    fn show(&mut self, step: CopyProgress<'_>) {
        match (step, &self.bar) {
            (CopyProgress::Table { name, rows }, Some(bar)) => {
                bar.set_length(rows);
                bar.set_position(0);
                bar.set_message(name.to_owned());
            }
            (CopyProgress::Table { name, rows }, None) => {
                errln!("copying {name} ({rows} rows)");
            }
            (CopyProgress::Rows { rows }, Some(bar)) => bar.inc(rows),
            (CopyProgress::Rows { .. }, None) => {}
            (CopyProgress::Verifying, Some(bar)) => {
                bar.set_length(0);
                bar.set_message("verifying the copy");
            }
            (CopyProgress::Verifying, None) => errln!("verifying the copy"),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
