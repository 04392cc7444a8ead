//! Importing a whole file in one call: telling its format, decoding it,
//! choosing the reader, then the import pipeline ([`crate::import::run`]).
//! The command line calls it, and a web upload would call the same.

use std::path::Path;

use pledgewatch_core::storage::{ChangeContext, Storage};

use crate::decode::{self, Decoded, Encoding};
use crate::import::{self, Options, Progress, Summary};
use crate::mapping::Mapping;
use crate::stream::{self, Text};
use crate::{Parsed, format, table, upr};

/// The formats a file can be read as.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Format {
    /// Told from the file: its name's extension and its header.
    #[default]
    Auto,
    /// The UPR Info database export (recommendations and voluntary pledges).
    UprInfo,
    /// Recommendations parsed from the UPR Working Group reports.
    UprWg,
    /// pledgewatch's own JSON export.
    Json,
    /// pledgewatch's own CSV export.
    Csv,
}

/// How to read and import one file.
#[derive(Debug, Clone, Default)]
pub struct ImportRequest {
    /// The file's name: a `.json` name is read as JSON when the format is
    /// [`Format::Auto`].
    pub file_name: String,
    pub format: Format,
    /// Reads any other CSV, whatever `format` says.
    pub mapping: Option<Mapping>,
    /// The encoding declared by the user; else the mapping's; else detected.
    pub encoding: Option<Encoding>,
    pub options: Options,
}

/// How a file was decoded, for the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodedAs {
    pub encoding: Encoding,
    /// Whether the encoding was detected rather than given or marked.
    pub guessed: bool,
    pub line_endings: String,
}

/// What a file was read as, for the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadAs {
    pub what: &'static str,
    /// `None` for JSON, which is read as bytes.
    pub decoded: Option<DecodedAs>,
}

/// What an import of a file did.
#[derive(Debug, Clone)]
pub struct Imported {
    pub read_as: ReadAs,
    /// The CSV header, for a file of the rejected rows.
    pub header: Option<Vec<String>>,
    pub summary: Summary,
}

/// Why a file could not be imported at all.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file cannot be read as asked; nothing was imported.
    #[error("{0}")]
    File(String),
    #[error(transparent)]
    Domain(#[from] pledgewatch_core::Error),
}

fn file_error(e: impl std::fmt::Display) -> ImportError {
    ImportError::File(e.to_string())
}

/// Reads `bytes` as the request says and imports them: checked, compared
/// with the store and (unless a dry run, or rows were rejected without
/// `skip_invalid`) written in one transaction.
pub async fn import_file(
    store: &dyn Storage,
    context: &ChangeContext,
    bytes: &[u8],
    request: &ImportRequest,
    progress: &dyn Progress,
) -> Result<Imported, ImportError> {
    if let Some(imported) = import_streamed(store, context, bytes, request, progress).await? {
        return Ok(imported);
    }
    let (parsed, read_as) = read(bytes, request)?;
    let header = parsed.header.clone();
    let summary = import::run(store, context, parsed, request.options, progress).await?;
    Ok(Imported {
        read_as,
        header,
        summary,
    })
}

/// Imports the file at `path`. A UPR Info export or a pledgewatch CSV in
/// UTF-8 is read as a stream, from the file, each time the import goes
/// through it, so that memory holds a buffer of the file whatever its size;
/// any other file is read into memory and imported as [`import_file`] does.
pub async fn import_path(
    store: &dyn Storage,
    context: &ChangeContext,
    path: &Path,
    request: &ImportRequest,
    progress: &dyn Progress,
) -> Result<Imported, ImportError> {
    let unreadable = |e: std::io::Error| file_error(format!("it cannot be read: {e}"));
    if may_stream(request) {
        let found = stream::inspect(path).map_err(unreadable)?;
        let utf8 = matches!(request.encoding, None | Some(Encoding::Utf8));
        if found.plain_utf8 && utf8 {
            let head = found.head.replace("\r\n", "\n").replace('\r', "\n");
            let format = match request.format {
                Format::Auto => detect(&head)?,
                other => other,
            };
            let long = found.longest_line > decode::MAX_LINE_BYTES as u64;
            let seen = found.stamp.ok_or_else(|| file_error("it cannot be read"))?;
            let file = |to_lf| Text::File {
                path: path.to_owned(),
                skip: if found.bom { 3 } else { 0 },
                to_lf,
                seen,
            };
            // A line too long is refused, naming it, by the reading in memory.
            if !(format == Format::UprInfo && long) {
                let decoded = DecodedAs {
                    encoding: Encoding::Utf8,
                    guessed: false,
                    line_endings: found.line_endings.to_string(),
                };
                let (upr, csv) = (file(true), || Ok(file(false)));
                let run = run_text(store, context, format, upr, csv, request, progress);
                if let Some(imported) = run.await? {
                    return Ok(imported.read_as(decoded));
                }
            }
        }
    }
    let bytes = std::fs::read(path).map_err(unreadable)?;
    import_file(store, context, &bytes, request, progress).await
}

/// Whether the request may be for a file read as a source of records (a
/// UPR Info export or a pledgewatch CSV), not through a mapping.
fn may_stream(request: &ImportRequest) -> bool {
    let json_by_name = std::path::Path::new(&request.file_name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let maybe = match request.format {
        Format::UprInfo | Format::Csv => true,
        Format::Auto => !json_by_name,
        Format::UprWg | Format::Json => false,
    };
    request.mapping.is_none() && maybe
}

/// An import of a file read as a source of records, before the summary
/// says how it was decoded.
struct Streamed {
    what: &'static str,
    header: Vec<String>,
    summary: Summary,
}

impl Streamed {
    fn read_as(self, decoded: DecodedAs) -> Imported {
        Imported {
            read_as: ReadAs {
                what: self.what,
                decoded: Some(decoded),
            },
            header: Some(self.header),
            summary: self.summary,
        }
    }
}

/// Imports a UPR Info export or a pledgewatch CSV in memory, read twice
/// from its text (checked on fingerprints of its rows, then built and
/// written row by row), so that memory does not hold its rows; `None` for
/// any other file.
async fn import_streamed(
    store: &dyn Storage,
    context: &ChangeContext,
    bytes: &[u8],
    request: &ImportRequest,
    progress: &dyn Progress,
) -> Result<Option<Imported>, ImportError> {
    if !may_stream(request) {
        return Ok(None);
    }
    let d = decode::decode(bytes, request.encoding).map_err(file_error)?;
    let format = match request.format {
        Format::Auto => detect(&d.text)?,
        other => other,
    };
    if format == Format::UprInfo {
        decode::check_line_length(bytes, decode::MAX_LINE_BYTES).map_err(file_error)?;
    }
    let csv = || {
        let text = own_csv_text(bytes)?;
        if text.len() > format::MAX_FILE_BYTES {
            return Err(file_error(format::FileError::TooLarge {
                size: text.len(),
                max: format::MAX_FILE_BYTES,
            }));
        }
        Ok(Text::Memory(text.strip_prefix('\u{feff}').unwrap_or(text)))
    };
    let upr = Text::Memory(&d.text);
    let run = run_text(store, context, format, upr, csv, request, progress);
    Ok(run.await?.map(|streamed| streamed.read_as(decoded_as(&d))))
}

/// Reads a UPR Info export (from `upr`) or a pledgewatch CSV (from `csv`)
/// as a source of records and imports it; `None` for any other format.
async fn run_text<'a>(
    store: &dyn Storage,
    context: &ChangeContext,
    format: Format,
    upr: Text<'a>,
    csv: impl FnOnce() -> Result<Text<'a>, ImportError>,
    request: &ImportRequest,
    progress: &dyn Progress,
) -> Result<Option<Streamed>, ImportError> {
    let (source, rows_read, header, what): (Box<dyn import::Source + Send + '_>, _, _, _) =
        match format {
            Format::UprInfo => {
                let source = upr::UprInfoSource::read(upr).map_err(file_error)?;
                let (rows, header) = (source.rows_read, source.header().to_vec());
                let what = "UPR Info recommendations and pledges";
                (Box::new(source), rows, header, what)
            }
            Format::Csv => {
                let source = format::csv::CsvSource::read(csv()?).map_err(file_error)?;
                let (rows, header) = (source.rows_read, source.header().to_vec());
                (Box::new(source), rows, header, "pledgewatch CSV")
            }
            _ => return Ok(None),
        };
    let summary = import::run_source(
        store,
        context,
        source.as_ref(),
        Vec::new(),
        rows_read,
        request.options,
        progress,
    )
    .await?;
    Ok(Some(Streamed {
        what,
        header,
        summary,
    }))
}

/// The project's own CSV is always UTF-8, and its cells may hold line
/// breaks of any kind, which must come back unchanged: it is read from the
/// bytes, not the decoded text.
fn own_csv_text(bytes: &[u8]) -> Result<&str, ImportError> {
    std::str::from_utf8(bytes).map_err(|e| {
        file_error(format!(
            "pledgewatch CSV files are UTF-8, but this one is not ({e})"
        ))
    })
}

/// Reads a file into records, without touching the store.
pub fn read(bytes: &[u8], request: &ImportRequest) -> Result<(Parsed, ReadAs), ImportError> {
    let declared = request
        .encoding
        .or_else(|| request.mapping.as_ref().and_then(|m| m.encoding));
    if let Some(mapping) = &request.mapping {
        let d = decode::decode(bytes, declared).map_err(file_error)?;
        decode::check_line_length(bytes, decode::MAX_LINE_BYTES).map_err(file_error)?;
        let parsed = mapping.read(&d.text).map_err(file_error)?;
        return Ok((parsed, read_as("CSV through the mapping", Some(&d))));
    }
    let json_by_name = std::path::Path::new(&request.file_name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if request.format == Format::Json || (request.format == Format::Auto && json_by_name) {
        let parsed = format::json::read(bytes).map_err(file_error)?;
        return Ok((parsed, read_as("pledgewatch JSON", None)));
    }
    let d = decode::decode(bytes, declared).map_err(file_error)?;
    let format = match request.format {
        Format::Auto => detect(&d.text)?,
        other => other,
    };
    let (parsed, what) = match format {
        Format::UprInfo | Format::UprWg => {
            decode::check_line_length(bytes, decode::MAX_LINE_BYTES).map_err(file_error)?;
            if format == Format::UprInfo {
                let parsed = upr::read_upr_info(&d.text).map_err(file_error)?;
                (parsed, "UPR Info recommendations and pledges")
            } else {
                let parsed = upr::read_wg_year(&d.text).map_err(file_error)?;
                (parsed, "UPR Working Group recommendations")
            }
        }
        Format::Csv => (
            format::csv::read(own_csv_text(bytes)?).map_err(file_error)?,
            "pledgewatch CSV",
        ),
        Format::Json | Format::Auto => (
            format::json::read(bytes).map_err(file_error)?,
            "pledgewatch JSON",
        ),
    };
    Ok((parsed, read_as(what, Some(&d))))
}

fn read_as(what: &'static str, decoded: Option<&Decoded>) -> ReadAs {
    ReadAs {
        what,
        decoded: decoded.map(decoded_as),
    }
}

fn decoded_as(d: &Decoded) -> DecodedAs {
    DecodedAs {
        encoding: d.encoding,
        guessed: d.guessed,
        line_endings: d.line_endings.to_string(),
    }
}

/// Some of a text from a file, for a message: at most 120 characters,
/// control and direction-changing characters written as escapes, so that
/// a hostile file can neither flood nor disguise what the terminal shows.
fn shown(text: &str) -> String {
    const MOST: usize = 120;
    let mut out = String::new();
    for c in text.chars().take(MOST) {
        let disguising = matches!(
            c,
            '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        );
        if c.is_control() || disguising {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    if text.chars().nth(MOST).is_some() {
        out.push('…');
    }
    out
}

/// Tells a CSV's format from its header.
fn detect(text: &str) -> Result<Format, ImportError> {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let header = table::read(first, b',')
        .map(|t| t.header)
        .unwrap_or_default();
    if upr::is_upr_info(&header) {
        Ok(Format::UprInfo)
    } else if upr::is_wg_year(&header) {
        Ok(Format::UprWg)
    } else if header.first().is_some_and(|h| h == "entity") {
        Ok(Format::Csv)
    } else {
        Err(file_error(format!(
            "cannot tell the file's format from its header ({}); give --format, or --mapping for any other CSV",
            shown(&header.join(","))
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_in_a_message_is_cut_short_and_cannot_disguise_itself() {
        let long = "a".repeat(2_000_000);
        let message = detect(&long).unwrap_err().to_string();
        assert!(message.len() < 400, "{} bytes", message.len());
        assert!(message.contains("aaa…)"), "{message}");
        let message = detect("a,b\u{202E}evil,c\n1,2,3\n")
            .unwrap_err()
            .to_string();
        assert!(message.contains("a,b\\u{202e}evil,c"), "{message}");
        assert!(!message.contains('\u{202E}'), "{message}");
    }
}
