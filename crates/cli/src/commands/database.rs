//! The database as a whole: `init`, `migrate`, `backup`, `restore` and
//! `audit verify`.

use std::path::Path;

use pledgewatch_core::error::Error;
use pledgewatch_core::service::Services;
use pledgewatch_core::storage::Storage;
use pledgewatch_store::backup::{self, Backup};
use pledgewatch_store::{DatabaseUrl, OpenMode, Store};

use super::migrate_to::NewFile;

use crate::{Failure, Format, exit, open, open_current, output};

/// `pledgewatch init`.
pub async fn init(db: &str) -> Result<u8, Failure> {
    let store = open(db, OpenMode::CreateIfMissing).await?;
    store.migrate().await?;
    outln!(
        "Database ready at {} (schema version {}).",
        store.info().location,
        store.latest_schema_version()
    );
    warn_of_role_loops(&store).await?;
    store.close().await;
    Ok(exit::OK)
}

/// `pledgewatch migrate`.
pub async fn migrate(db: &str) -> Result<u8, Failure> {
    let store = open(db, OpenMode::MustExist).await?;
    let before = store.schema_version().await?;
    store.migrate().await?;
    let after = store.schema_version().await?;
    if before == after {
        outln!("Schema already at version {after}; nothing to do.");
    } else {
        outln!("Schema migrated from version {before} to {after}.");
    }
    warn_of_role_loops(&store).await?;
    store.close().await;
    Ok(exit::OK)
}

/// Points out actors whose roles go round in a loop or are of the actor
/// itself, which earlier versions wrote and this one refuses: they stay
/// readable, but an export of them would not import, and an edit of one
/// must end its loop.
pub async fn warn_of_role_loops(store: &Store) -> Result<(), Failure> {
    let loops = Services::new(store).stored_role_loops().await?;
    if !loops.is_empty() {
        errln!(
            "Warning: the roles of these actors go round in a loop (each holding a role of the next), which pledgewatch refuses: {}. An export of them would not import; edit one actor of each loop to end it.",
            loops.join("; ")
        );
    }
    Ok(())
}

/// `pledgewatch audit verify`: a broken chain is its own exit code.
pub async fn audit_verify(db: &str, format: Format) -> Result<u8, Failure> {
    let store = open_current(db).await?;
    let report = store.verify_audit().await?;
    match format {
        Format::Json => output::json(&report),
        Format::Text => match &report.broken {
            None => outln!(
                "Audit log intact: {} entries, head {}.",
                report.entries,
                report.head_hash
            ),
            Some(b) => errln!("Audit log BROKEN: {b}."),
        },
    }
    if report.broken.is_some() {
        return Ok(exit::AUDIT_BROKEN);
    }
    Ok(exit::OK)
}

/// `pledgewatch backup`.
pub async fn backup(db: &str, file: &Path) -> Result<u8, Failure> {
    crate::documents::refuse_dash(file, "FILE")?;
    if let DatabaseUrl::Sqlite(database) = DatabaseUrl::parse(db)?
        && is_part_of(file, &database)
    {
        return Err(Error::refused(format!(
            "{} is the database itself (or its write-ahead log): give the backup another file",
            file.display()
        ))
        .into());
    }
    let store = open_current(db).await?;
    let tables = store.dump().await?;
    let info = store.info();
    let summary = backup::write(file, info.backend, store.schema_version().await?, &tables)?;
    outln!(
        "Backed up {} rows from {} tables to {} ({} bytes).",
        summary.rows,
        summary.tables,
        file.display(),
        summary.bytes
    );
    Ok(exit::OK)
}

/// Whether `file` is the SQLite database at `database` or one of the files
/// SQLite keeps beside it.
fn is_part_of(file: &Path, database: &Path) -> bool {
    let (Ok(database), Some(name), Some(folder)) = (
        database.canonicalize(),
        file.file_name(),
        file.parent().map(|p| {
            if p.as_os_str().is_empty() {
                Path::new(".")
            } else {
                p
            }
        }),
    ) else {
        return false;
    };
    let Ok(file) = folder.canonicalize().map(|f| f.join(name)) else {
        return false;
    };
    let file = file.canonicalize().unwrap_or(file);
    ["", "-wal", "-shm", "-journal"].iter().any(|suffix| {
        let mut part = database.clone().into_os_string();
        part.push(suffix);
        file == Path::new(&part)
    })
}

/// `pledgewatch restore`: only a backup of this program's schema version,
/// into an empty database, then the restored audit log is verified. When
/// it fails, a SQLite file it created is removed again and an empty one
/// given is left empty.
pub async fn restore(db: &str, file: &Path) -> Result<u8, Failure> {
    let backup = backup::read(file)?;
    let url = DatabaseUrl::parse(db)?;
    // Asked before the database is opened: a refused restore creates and
    // migrates nothing.
    let ours = Store::latest_schema_version_for(&url);
    if backup.schema_version != ours {
        return Err(Error::refused(format!(
            "the backup has schema version {}, this pledgewatch {ours}: restore with the pledgewatch version that wrote it, then upgrade",
            backup.schema_version
        ))
        .into());
    }
    let new_file = NewFile::of(&url)?;
    let result = restore_into(&url, file, backup).await;
    if result.is_err() {
        new_file.undo();
    }
    result
}

async fn restore_into(url: &DatabaseUrl, file: &Path, backup: Backup) -> Result<u8, Failure> {
    let store = Store::open(url, OpenMode::CreateIfMissing).await?;
    let result = async {
        // Asked before anything is migrated: a refused restore leaves the
        // database as it found it.
        let ours = store.latest_schema_version();
        let have = store.schema_version().await?;
        if have != 0 && have != ours {
            return Err(Error::refused(format!(
                "{} has schema version {have}, this pledgewatch {ours}: restore into a new database",
                store.info().location
            ))
            .into());
        }
        store.migrate().await?;
        let rows: usize = backup.tables.iter().map(|t| t.rows.len()).sum();
        store.restore(backup.tables).await?;
        let report = store.verify_audit().await?;
        outln!(
            "Restored {rows} rows from {} (written by {}).",
            file.display(),
            backup.backend
        );
        if let Some(b) = report.broken {
            errln!(
                "Warning: the restored audit log does not verify: {b}. The rows are restored and kept \
                 in {}, so that they can be looked at; do not serve them as they are.",
                store.info().location
            );
            return Ok(exit::AUDIT_BROKEN);
        }
        outln!("Audit log intact: {} entries.", report.entries);
        Ok(exit::OK)
    }
    .await;
    store.close().await;
    result
}
