//! Reading a CSV table from decoded text: a header and rows, each with the
//! line it starts on, for readers of outside collections.
//!
//! Ragged rows (fewer or more cells than the header) are kept as they are;
//! each reader decides what a missing cell means. Wholly empty rows are
//! skipped and counted.

use std::io::Read;

use crate::stream::Newlines;

/// Most bytes one record may hold (its cells together).
pub const MAX_RECORD_BYTES: usize = 4 * 1024 * 1024;

/// One data row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The line the row starts on (the header is on line 1 unless blank
    /// lines come before it).
    pub line: u64,
    pub cells: Vec<String>,
}

impl Row {
    /// The cell at `index`, or "" past the end of a short row.
    pub fn cell(&self, index: usize) -> &str {
        self.cells.get(index).map(String::as_str).unwrap_or("")
    }
}

#[derive(Debug, Clone, Default)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Row>,
    /// Rows whose cells were all blank, skipped.
    pub empty_rows: u64,
}

impl Table {
    /// The position of a column, matching names without regard to case or
    /// surrounding spaces.
    pub fn column(&self, name: &str) -> Option<usize> {
        let name = name.trim();
        self.header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    }
}

/// Why a table cannot be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TableError {
    #[error("the file is empty: there is no header line")]
    Empty,
    #[error("the file cannot be read: {0}")]
    Unreadable(String),
    #[error("line {line}: {reason}")]
    Syntax { line: u64, reason: String },
    #[error(
        "the record starting on line {line} is {size} bytes long, more than the {limit} bytes a record may hold (an unclosed quote?)"
    )]
    RecordTooLarge {
        line: u64,
        size: usize,
        limit: usize,
    },
}

/// Reads `text` (line endings already `\n`) as CSV with the given delimiter.
pub fn read(text: &str, delimiter: u8) -> Result<Table, TableError> {
    let mut rows = Rows::new(text, delimiter)?;
    let mut table = Table {
        header: rows.header.clone(),
        ..Table::default()
    };
    for row in rows.by_ref() {
        table.rows.push(row?);
    }
    table.empty_rows = rows.empty_rows;
    Ok(table)
}

/// The data rows of a CSV text one at a time, so that a reader can go
/// through a file (again) without holding its rows.
pub struct Rows<'t> {
    reader: csv::Reader<Newlines<Box<dyn Read + Send + 't>>>,
    record: csv::StringRecord,
    pub header: Vec<String>,
    /// Rows whose cells were all blank, skipped so far.
    pub empty_rows: u64,
    failed: bool,
}

impl<'t> Rows<'t> {
    /// Reads the header of a text in memory; the rows follow from the
    /// iterator.
    pub fn new(text: &'t str, delimiter: u8) -> Result<Self, TableError> {
        Self::from_reader(Box::new(text.as_bytes()), delimiter)
    }

    /// Reads the header from `reader` (line endings already `\n`); the
    /// rows follow from the iterator.
    pub fn from_reader(
        reader: Box<dyn Read + Send + 't>,
        delimiter: u8,
    ) -> Result<Self, TableError> {
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(Newlines::new(reader));
        let mut rows = Rows {
            reader,
            record: csv::StringRecord::new(),
            header: Vec::new(),
            empty_rows: 0,
            failed: false,
        };
        loop {
            match rows.next_record()? {
                None => return Err(TableError::Empty),
                Some((_, true)) => continue,
                Some((_, false)) => {
                    rows.header = rows.record.iter().map(|c| c.trim().to_owned()).collect();
                    return Ok(rows);
                }
            }
        }
    }

    /// The line a byte offset is on. Lines are counted from byte offsets:
    /// the reader's own count skips blank lines.
    fn line_at(&mut self, offset: u64) -> u64 {
        let lines = self.reader.get_mut();
        let mut offset = offset;
        // A record's position includes the blank lines skipped before it.
        while lines.is_lf_at(offset) {
            offset += 1;
        }
        lines.ends_before(offset) + 1
    }

    /// The next record into `self.record`, with its line and whether it is
    /// blank; `None` at the end.
    fn next_record(&mut self) -> Result<Option<(u64, bool)>, TableError> {
        match self.reader.read_record(&mut self.record) {
            Ok(false) => return Ok(None),
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map(|p| self.line_at(p.byte())).unwrap_or(0);
                return Err(TableError::Syntax {
                    line,
                    reason: e.to_string(),
                });
            }
        }
        let line = match self.record.position().map(|p| p.byte()) {
            Some(byte) => self.line_at(byte),
            None => 0,
        };
        let size = self.record.as_byte_record().as_slice().len();
        if size > MAX_RECORD_BYTES {
            return Err(TableError::RecordTooLarge {
                line,
                size,
                limit: MAX_RECORD_BYTES,
            });
        }
        let blank = self.record.iter().all(|c| c.trim().is_empty());
        Ok(Some((line, blank)))
    }
}

impl Iterator for Rows<'_> {
    type Item = Result<Row, TableError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.failed {
            match self.next_record() {
                Err(e) => {
                    self.failed = true;
                    return Some(Err(e));
                }
                Ok(None) => return None,
                Ok(Some((_, true))) => self.empty_rows += 1,
                Ok(Some((line, false))) => {
                    return Some(Ok(Row {
                        line,
                        cells: self.record.iter().map(str::to_owned).collect(),
                    }));
                }
            }
        }
        None
    }
}

/// Writes rows under a header as CSV (UTF-8, `\n` line endings), for files
/// of rejected rows.
pub fn write(header: &[String], rows: &[Vec<String>]) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    writer.write_record(header)?;
    for row in rows {
        writer.write_record(row)?;
    }
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(std::io::Error::other(e.to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_keep_commas_and_newlines_and_rows_know_their_line() {
        let t = read("a,b\n1,\"x, y\nz\"\n\n2,3\n", b',').unwrap();
        assert_eq!(t.header, ["a", "b"]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].cells, ["1", "x, y\nz"]);
        assert_eq!(t.rows[0].line, 2);
        assert_eq!(t.rows[1].line, 5);
    }

    #[test]
    fn ragged_rows_are_kept_as_they_are() {
        let t = read("a,b,c\n1,2\n1,2,3,4\n", b',').unwrap();
        assert_eq!(t.rows[0].cells.len(), 2);
        assert_eq!(t.rows[0].cell(2), "");
        assert_eq!(t.rows[1].cells.len(), 4);
    }

    #[test]
    fn blank_rows_are_counted_not_kept() {
        let t = read("a,b\n,\n1,2\n", b',').unwrap();
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.empty_rows, 1);
    }

    #[test]
    fn an_unclosed_quote_cannot_swallow_the_file() {
        let mut text = "a,b\n1,\"".to_owned();
        for _ in 0..(MAX_RECORD_BYTES / 100 + 1) {
            text.push_str(&"x".repeat(99));
            text.push('\n');
        }
        let e = read(&text, b',').unwrap_err();
        assert!(
            matches!(e, TableError::RecordTooLarge { line: 2, .. }),
            "{e}"
        );
    }

    #[test]
    fn an_empty_file_has_no_header() {
        assert_eq!(read("\n\n", b',').unwrap_err(), TableError::Empty);
    }

    #[test]
    fn written_rows_read_back_the_same() {
        let header = vec!["a".to_owned(), "b".to_owned()];
        let rows = vec![vec!["x, \"y\"".to_owned(), "line\nbreak".to_owned()]];
        let bytes = write(&header, &rows).unwrap();
        let t = read(std::str::from_utf8(&bytes).unwrap(), b',').unwrap();
        assert_eq!(t.rows[0].cells, rows[0]);
    }
}
