//! The backup file: JSON Lines, independent of the backend (a SQLite backup
//! restores into PostgreSQL and back).
//!
//! ```text
//! {"format":"pledgewatch-backup/1","schema_version":1,"backend":"sqlite","tables":17}
//! {"table":"actors","columns":["id",...],"rows":6}
//! ["0193...",1,...]                      <- one line per row
//! ...
//! {"end":true,"sha256":"..."}            <- SHA-256 of every line above
//! ```
//!
//! A backup is written to a temporary file beside the target and renamed
//! into place, so a failed backup never leaves a half-written file.

pub mod copy;
pub(crate) mod tables;

use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::Path;

use pledgewatch_core::error::{Error, FieldError, Result};
use pledgewatch_core::storage::TableDump;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub const FORMAT: &str = "pledgewatch-backup/1";

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    format: String,
    schema_version: i64,
    backend: String,
    tables: usize,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct TableHeader {
    table: String,
    columns: Vec<String>,
    rows: usize,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Trailer {
    end: bool,
    sha256: String,
}

/// A backup file that could not be read or written: the file could not be
/// used (exit 1), nothing was refused.
fn io(path: &Path, e: std::io::Error) -> Error {
    Error::storage(format!("the backup file {}", path.display()), e)
}

/// What a backup holds, for the summary the CLI prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupSummary {
    pub tables: usize,
    pub rows: usize,
    pub bytes: u64,
}

/// Refuses a target that is there but is not a regular file: renaming the
/// backup onto it would replace a folder's place, a device, a pipe, or a
/// symbolic link (not the file it points to).
fn refuse_unusual_target(path: &Path) -> Result<()> {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return Ok(());
    };
    let what = if meta.file_type().is_symlink() {
        "a symbolic link: give the path of the file it points to"
    } else if meta.is_dir() {
        "a folder: give the path of a backup file in it"
    } else if !meta.is_file() {
        "not a regular file (a device, a pipe or a socket): give the path of a backup file"
    } else {
        return Ok(());
    };
    Err(Error::refused(format!("{} is {what}", path.display())))
}

/// Writes `tables` to `path` atomically, readable by its owner only (it
/// holds the accounts' password hashes and the confidential sources). A
/// target that exists must be a regular file.
pub fn write(
    path: &Path,
    backend: &str,
    schema_version: i64,
    tables: &[TableDump],
) -> Result<BackupSummary> {
    refuse_unusual_target(path)?;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = tempfile_in(dir, path)?;
    let result = (|| -> std::io::Result<usize> {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let file = options.open(&tmp)?;
        let mut out = BufWriter::new(file);
        let mut hasher = Sha256::new();
        let mut line = |out: &mut BufWriter<std::fs::File>, text: String| -> std::io::Result<()> {
            hasher.update(text.as_bytes());
            hasher.update(b"\n");
            out.write_all(text.as_bytes())?;
            out.write_all(b"\n")
        };
        let header = Header {
            format: FORMAT.into(),
            schema_version,
            backend: backend.into(),
            tables: tables.len(),
        };
        line(&mut out, serde_json::to_string(&header)?)?;
        let mut rows = 0;
        for t in tables {
            let th = TableHeader {
                table: t.table.clone(),
                columns: t.columns.clone(),
                rows: t.rows.len(),
            };
            line(&mut out, serde_json::to_string(&th)?)?;
            for row in &t.rows {
                line(&mut out, serde_json::to_string(row)?)?;
            }
            rows += t.rows.len();
        }
        let trailer = Trailer {
            end: true,
            sha256: hex::encode(hasher.finalize()),
        };
        out.write_all(serde_json::to_string(&trailer)?.as_bytes())?;
        out.write_all(b"\n")?;
        let file = out.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        Ok(rows)
    })();
    match result {
        Ok(rows) => {
            std::fs::rename(&tmp, path).map_err(|e| {
                let _ = std::fs::remove_file(&tmp);
                io(path, e)
            })?;
            let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or_default();
            Ok(BackupSummary {
                tables: tables.len(),
                rows,
                bytes,
            })
        }
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(io(path, e))
        }
    }
}

fn tempfile_in(dir: &Path, target: &Path) -> Result<std::path::PathBuf> {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "backup".into());
    Ok(dir.join(format!(".{name}.{}.partial", std::process::id())))
}

/// The contents of a backup file, read and checked: its format, its
/// checksum, every table header and row count.
#[derive(Debug)]
pub struct Backup {
    pub schema_version: i64,
    pub backend: String,
    pub tables: Vec<TableDump>,
}

/// Reads and checks a backup. Every problem names the line.
pub fn read(path: &Path) -> Result<Backup> {
    if path.is_dir() {
        return Err(Error::storage(
            format!("the backup file {}", path.display()),
            "it is a folder",
        ));
    }
    let file = std::fs::File::open(path).map_err(|e| io(path, e))?;
    read_from(BufReader::new(file)).map_err(|e| match e {
        Error::Invalid(errors) => Error::Invalid(errors),
        other => other,
    })
}

fn bad(line: usize, reason: impl Into<String>) -> Error {
    FieldError::new(format!("backup line {line}"), reason).into()
}

/// Longest line accepted (a source's full text fits well within it).
const MAX_LINE: u64 = 256 * 1024 * 1024;

/// The lines of a backup, numbered and hashed as they are read.
struct Lines<R> {
    input: R,
    hasher: Sha256,
    number: usize,
    buf: Vec<u8>,
}

impl<R: BufRead> Lines<R> {
    /// The next line without its newline, or `None` at the end of the file.
    fn next(&mut self) -> Result<Option<String>> {
        self.buf.clear();
        self.number += 1;
        let number = self.number;
        let n = (&mut self.input)
            .take(MAX_LINE)
            .read_until(b'\n', &mut self.buf)
            .map_err(|e| bad(number, format!("cannot be read: {e}")))?;
        if n == 0 {
            return Ok(None);
        }
        if !self.buf.ends_with(b"\n") {
            return Err(bad(
                number,
                "is cut off (the file is truncated or a line is too long)",
            ));
        }
        self.hasher.update(&self.buf);
        let text = std::str::from_utf8(&self.buf[..self.buf.len() - 1]).map_err(|_| {
            bad(
                number,
                "is not UTF-8 text: this is not a pledgewatch backup",
            )
        })?;
        Ok(Some(text.to_owned()))
    }

    /// One table: its header line, then its rows.
    fn table(&mut self) -> Result<TableDump> {
        let text = self.next()?.ok_or_else(|| {
            bad(
                self.number,
                "missing: the backup ends before all its tables",
            )
        })?;
        let th: TableHeader = serde_json::from_str(&text)
            .map_err(|e| bad(self.number, format!("is not a table header: {e}")))?;
        let mut rows = Vec::with_capacity(th.rows.min(1_000_000));
        for _ in 0..th.rows {
            let text = self.next()?.ok_or_else(|| {
                bad(
                    self.number,
                    format!("missing: table {} ends early", th.table),
                )
            })?;
            let row: Vec<serde_json::Value> = serde_json::from_str(&text).map_err(|e| {
                bad(
                    self.number,
                    format!("is not a row of table {}: {e}", th.table),
                )
            })?;
            if row.len() != th.columns.len() {
                return Err(bad(
                    self.number,
                    format!(
                        "has {} values; table {} has {} columns",
                        row.len(),
                        th.table,
                        th.columns.len()
                    ),
                ));
            }
            rows.push(row);
        }
        Ok(TableDump {
            table: th.table,
            columns: th.columns,
            rows,
        })
    }
}

pub fn read_from(input: impl BufRead) -> Result<Backup> {
    let mut lines = Lines {
        input,
        hasher: Sha256::new(),
        number: 0,
        buf: Vec::new(),
    };
    let first = lines
        .next()?
        .ok_or_else(|| bad(1, "missing: the file is empty"))?;
    let header: Header =
        serde_json::from_str(&first).map_err(|_| bad(1, "is not a pledgewatch backup header"))?;
    if header.format != FORMAT {
        return Err(bad(
            1,
            format!(
                "format '{}' is not supported (expected '{FORMAT}')",
                header.format
            ),
        ));
    }
    if !matches!(header.backend.as_str(), "sqlite" | "postgres") {
        return Err(bad(
            1,
            format!(
                "names the backend '{}': a backup is written by sqlite or postgres",
                header.backend
            ),
        ));
    }
    // The header's count is not trusted for memory before the checksum is.
    let mut tables = Vec::with_capacity(header.tables.min(64));
    for _ in 0..header.tables {
        tables.push(lines.table()?);
    }
    let digest = hex::encode(lines.hasher.clone().finalize());
    let text = lines.next()?.ok_or_else(|| {
        bad(
            lines.number,
            "missing: the backup has no end line (truncated?)",
        )
    })?;
    let trailer: Trailer =
        serde_json::from_str(&text).map_err(|_| bad(lines.number, "is not the end line"))?;
    if !trailer.end || trailer.sha256 != digest {
        return Err(bad(
            lines.number,
            "checksum does not match the content: the file was changed or damaged",
        ));
    }
    if lines.next()?.is_some() {
        return Err(bad(
            lines.number,
            "follows the end line: the file has extra content",
        ));
    }
    Ok(Backup {
        schema_version: header.schema_version,
        backend: header.backend,
        tables,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<TableDump> {
        vec![TableDump {
            table: "actors".into(),
            columns: vec!["id".into(), "name".into()],
            rows: vec![
                vec!["a".into(), "Казахстан".into()],
                vec!["b".into(), serde_json::Value::Null],
            ],
        }]
    }

    #[test]
    fn a_written_backup_reads_back_identical() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.jsonl");
        let summary = write(&path, "sqlite", 1, &sample()).unwrap();
        assert_eq!(summary.rows, 2);
        let back = read(&path).unwrap();
        assert_eq!(back.tables, sample());
    }

    #[test]
    fn a_header_counting_more_tables_than_memory_holds_is_an_error_not_a_crash() {
        for count in [u64::MAX, 100_000_000_000] {
            let text = format!(
                "{{\"format\":\"{FORMAT}\",\"schema_version\":1,\"backend\":\"sqlite\",\"tables\":{count}}}\n"
            );
            let err = read_from(text.as_bytes()).unwrap_err();
            assert!(err.to_string().contains("backup line 2"), "{err}");
        }
    }

    #[test]
    fn a_changed_byte_fails_the_checksum() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.jsonl");
        write(&path, "sqlite", 1, &sample()).unwrap();
        let text = std::fs::read_to_string(&path)
            .unwrap()
            .replace("\"a\"", "\"x\"");
        std::fs::write(&path, text).unwrap();
        let err = read(&path).unwrap_err().to_string();
        assert!(err.contains("checksum"), "{err}");
    }

    #[test]
    fn garbage_and_truncation_are_named_by_line() {
        for (bytes, expect) in [
            (&b""[..], "empty"),
            (&b"\xff\xfe\x00garbage\n"[..], "not UTF-8"),
            (&b"{\"format\":\"pledgewatch-backup/1\",\"schema_version\":1,\"backend\":\"sqlite\",\"tables\":1}\n"[..], "ends before"),
            (&b"hello\n"[..], "header"),
        ] {
            let err = read_from(bytes).unwrap_err().to_string();
            assert!(err.contains(expect), "{err}");
        }
    }
}
