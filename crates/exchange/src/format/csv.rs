//! The CSV export format: a header row, then one row per entity.
//!
//! The first column, `entity`, names each row's kind; the other columns are
//! the fields of the kinds the file holds (for a list, of its one kind; for
//! a dossier, the union of every kind's fields in export order, each name
//! once). A row fills the columns of its own kind and leaves the others
//! empty. Text is written as it is; an empty optional field is an empty
//! cell; lists and objects are compact JSON (an empty list is `[]`).
//!
//! A cell that a spreadsheet would take for a formula (starting with `=`,
//! `+`, `-`, `@`, `|` or `;` or their full-width forms, possibly after
//! whitespace, or with a tab or carriage return, possibly after
//! apostrophes) is
//! written with one more apostrophe in front, and the reader removes exactly
//! that apostrophe again (see [`super::escape_cell`]).
//!
//! Files start with a UTF-8 byte-order mark, so that spreadsheets read them
//! as UTF-8, and end rows with CRLF (RFC 4180).

use std::collections::HashSet;
use std::io::Read;
use std::sync::Mutex;

use pledgewatch_core::model::{Entity, EntityKind};
use serde_json::{Map, Value};

use super::{Cell, FieldValues, FileError, KINDS, MAX_FILE_BYTES, MAX_VALUE_BYTES};
use super::{Seen, WriteError, decode, duplicate, escape_cell, fields, order, rank, unescape_cell};
use crate::record::{Parsed, RawRow, Record, Rejected, RowError};
use crate::stream::{Newlines, Text};

/// The column that names each row's kind.
pub const KIND_COLUMN: &str = "entity";

const BOM: &str = "\u{feff}";

/// The columns of a file holding `kinds`: `entity`, then each kind's fields
/// in export order, each name once.
pub fn columns(kinds: &[EntityKind]) -> Vec<&'static str> {
    let mut kinds: Vec<EntityKind> = kinds.to_vec();
    kinds.sort_by_key(|k| rank(*k));
    kinds.dedup();
    let mut out = vec![KIND_COLUMN];
    for kind in kinds {
        for (name, _) in fields(kind) {
            if !out.contains(name) {
                out.push(name);
            }
        }
    }
    out
}

/// Writes entities as CSV in export order. The columns are those of `kinds`
/// and of every kind among the entities, so that an empty list still has its
/// header.
pub fn write(kinds: &[EntityKind], entities: Vec<Entity>) -> Result<Vec<u8>, WriteError> {
    let entities = order(entities);
    let mut all_kinds: Vec<EntityKind> = kinds.to_vec();
    all_kinds.extend(entities.iter().map(Entity::kind));
    let header = columns(&all_kinds);
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(BOM.as_bytes().to_vec());
    writer
        .write_record(&header)
        .map_err(|e| WriteError(e.to_string()))?;
    for entity in &entities {
        let row = cells(&header, entity)?;
        writer
            .write_record(row.iter().map(|c| escape_cell(c).into_owned()))
            .map_err(|e| WriteError(e.to_string()))?;
    }
    writer.into_inner().map_err(|e| WriteError(e.to_string()))
}

/// One entity's cells under `header`, before formula neutralising.
fn cells(header: &[&str], entity: &Entity) -> Result<Vec<String>, WriteError> {
    let kind = entity.kind();
    let value = serde_json::to_value(entity).map_err(|e| WriteError(e.to_string()))?;
    let data = value
        .get("data")
        .and_then(Value::as_object)
        .ok_or_else(|| WriteError(format!("a {kind} did not serialise to an object")))?;
    let own = fields(kind);
    for key in data.keys() {
        if !own.iter().any(|(name, _)| name == key) {
            return Err(WriteError(format!(
                "the field '{key}' of a {kind} has no CSV column"
            )));
        }
    }
    Ok(header
        .iter()
        .map(|column| {
            if *column == KIND_COLUMN {
                return kind.as_str().to_owned();
            }
            match data.get(*column) {
                None | Some(Value::Null) => String::new(),
                Some(Value::String(s)) => s.clone(),
                Some(other) => canonical(other).to_string(),
            }
        })
        .collect())
}

/// The value with every object's keys in sorted order, so that a cell's
/// JSON does not depend on how the JSON library keeps object keys.
fn canonical(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            Value::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| (k.clone(), canonical(v)))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.iter().map(canonical).collect()),
        other => other.clone(),
    }
}

/// Reads a CSV export: each data row becomes a record or a rejected row,
/// numbered by the line it starts on (the header is line 1).
pub fn read(text: &str) -> Result<Parsed, FileError> {
    let source = CsvSource::new(text)?;
    let mut parsed = Parsed {
        header: Some(source.header.clone()),
        rows_read: source.rows_read,
        ..Parsed::default()
    };
    for row in source.rows() {
        match row {
            Ok(record) => parsed.records.push(record),
            Err(rejected) => parsed.rejected.push(rejected),
        }
    }
    Ok(parsed)
}

/// A CSV export read as a source of records: a first pass finds what makes
/// the whole file unreadable and counts the rows; each reading then builds
/// the records row by row, never all held at once.
pub struct CsvSource<'t> {
    /// The text after the byte-order mark (for a file, read as it is: cells
    /// keep their line breaks).
    text: Text<'t>,
    header: Vec<String>,
    columns: Vec<String>,
    /// Data rows (header and wholly empty rows excluded).
    pub rows_read: u64,
    /// Why a later reading of a file stopped short, if it did.
    failure: Mutex<Option<String>>,
}

impl<'t> CsvSource<'t> {
    pub fn new(text: &'t str) -> Result<Self, FileError> {
        if text.len() > MAX_FILE_BYTES {
            return Err(FileError::TooLarge {
                size: text.len(),
                max: MAX_FILE_BYTES,
            });
        }
        Self::read(Text::Memory(text.strip_prefix(BOM).unwrap_or(text)))
    }

    /// A source over a text that may be a file read as a stream (past its
    /// byte-order mark); its size is not limited.
    pub fn read(text: Text<'t>) -> Result<Self, FileError> {
        let header = read_header(&text)?;
        let columns = check_header(&header)?;
        let mut source = Self {
            text,
            header,
            columns,
            rows_read: 0,
            failure: Mutex::new(None),
        };
        let mut rows_read = 0;
        for row in source.raw_rows()? {
            row?;
            rows_read += 1;
        }
        source.rows_read = rows_read;
        Ok(source)
    }

    /// The file's header.
    pub fn header(&self) -> &[String] {
        &self.header
    }

    fn raw_rows(&self) -> Result<RawRows<'_>, FileError> {
        let opened = self
            .text
            .open()
            .map_err(|e| FileError::NotCsv(e.to_string()))?;
        Ok(RawRows::new(opened))
    }

    /// Notes why a reading stopped short; the import refuses to write.
    fn fail(&self, why: String) {
        if let Ok(mut failure) = self.failure.lock() {
            failure.get_or_insert(why);
        }
    }

    /// Each data row's record, or why it is rejected, in file order.
    fn rows(&self) -> impl Iterator<Item = Result<Record, Rejected>> + Send + '_ {
        let mut seen = Seen::new();
        let rows = match self.raw_rows() {
            Ok(rows) => Some(rows),
            Err(e) => {
                self.fail(e.to_string());
                None
            }
        };
        // The first pass read every row without error: one now is the file
        // changing or failing under the reader.
        rows.into_iter()
            .flatten()
            .filter_map(|row| row.map_err(|e| self.fail(e.to_string())).ok())
            .map(move |(line, raw)| {
                let outcome = row_entity(line, &self.columns, &raw).and_then(|entity| {
                    match duplicate(&mut seen, line, &entity) {
                        None => Ok(entity),
                        Some(error) => Err(vec![error]),
                    }
                });
                match outcome {
                    Ok(entity) => Ok(Record {
                        row: line,
                        raw: RawRow::Csv(raw),
                        entities: vec![entity],
                    }),
                    Err(errors) => Err(Rejected {
                        row: line,
                        raw: RawRow::Csv(raw),
                        errors,
                    }),
                }
            })
    }
}

impl crate::import::Source for CsvSource<'_> {
    fn records(&self) -> Box<dyn Iterator<Item = Result<Record, Rejected>> + Send + '_> {
        Box::new(self.rows())
    }

    fn failure(&self) -> Option<String> {
        self.failure.lock().ok().and_then(|f| f.clone())
    }
}

/// The first record of a text: its header.
fn read_header(text: &Text<'_>) -> Result<Vec<String>, FileError> {
    let opened = text.open().map_err(|e| FileError::NotCsv(e.to_string()))?;
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(opened);
    match reader.records().next() {
        None => Err(FileError::BadHeader("the file is empty".into())),
        Some(Err(e)) => Err(FileError::NotCsv(e.to_string())),
        Some(Ok(record)) => Ok(record.iter().map(|c| c.trim().to_owned()).collect()),
    }
}

/// The data rows of a text (after its byte-order mark) with their lines,
/// the header and wholly empty rows left out. Reading stops at the first
/// error.
struct RawRows<'t> {
    reader: ::csv::Reader<Newlines<Box<dyn Read + Send + 't>>>,
    record: ::csv::StringRecord,
    header_read: bool,
    done: bool,
}

impl<'t> RawRows<'t> {
    fn new(reader: Box<dyn Read + Send + 't>) -> Self {
        RawRows {
            reader: ::csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(Newlines::new(reader)),
            record: ::csv::StringRecord::new(),
            header_read: false,
            done: false,
        }
    }

    /// The line a record starting at byte `offset` starts on. The CSV
    /// reader's own line count lags by one after a CRLF, so rows are
    /// numbered here: a record starts on the line after the line ends
    /// before it (a record whose offset points at the `\n` of the previous
    /// CRLF starts on the next line).
    fn line_at(&mut self, offset: u64) -> u64 {
        let lines = self.reader.get_mut();
        let offset = if lines.is_lf_at(offset) {
            offset + 1
        } else {
            offset
        };
        lines.ends_before(offset) + 1
    }
}

impl Iterator for RawRows<'_> {
    type Item = Result<(u64, Vec<String>), FileError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            match self.reader.read_record(&mut self.record) {
                Ok(false) => self.done = true,
                Err(e) => {
                    self.done = true;
                    return Some(Err(FileError::NotCsv(e.to_string())));
                }
                Ok(true) if !self.header_read => self.header_read = true,
                Ok(true) => {
                    let offset = self.record.position().map_or(0, |p| p.byte());
                    let line = self.line_at(offset);
                    let raw: Vec<String> = self.record.iter().map(str::to_owned).collect();
                    if let Some(size) = raw.iter().map(String::len).find(|n| *n > MAX_VALUE_BYTES) {
                        self.done = true;
                        return Some(Err(FileError::ValueTooLarge {
                            line,
                            size,
                            max: MAX_VALUE_BYTES,
                        }));
                    }
                    if !raw.iter().all(|c| c.trim().is_empty()) {
                        return Some(Ok((line, raw)));
                    }
                }
            }
        }
        None
    }
}

/// Checks the header: `entity` first, then known field names, each once.
fn check_header(header: &[String]) -> Result<Vec<String>, FileError> {
    match header.first() {
        Some(first) if first == KIND_COLUMN => {}
        Some(first) => {
            return Err(FileError::BadHeader(format!(
                "the first column must be '{KIND_COLUMN}' (the kind of each row), not '{}'",
                first.chars().take(60).collect::<String>()
            )));
        }
        None => return Err(FileError::BadHeader("the header has no columns".into())),
    }
    let known: HashSet<&str> = KINDS
        .iter()
        .flat_map(|k| fields(*k).iter().map(|(n, _)| *n))
        .collect();
    let mut seen = HashSet::new();
    for name in &header[1..] {
        if !known.contains(name.as_str()) {
            return Err(FileError::BadHeader(format!(
                "'{}' is not a field of any kind of record",
                name.chars().take(60).collect::<String>()
            )));
        }
        if !seen.insert(name.as_str()) {
            return Err(FileError::BadHeader(format!(
                "the column '{name}' appears twice"
            )));
        }
    }
    Ok(header.to_vec())
}

fn row_entity(row: u64, header: &[String], raw: &[String]) -> Result<Entity, Vec<RowError>> {
    let error = |column: Option<&str>, value: Option<&str>, reason: String| RowError {
        row,
        column: column.map(str::to_owned),
        value: value.map(str::to_owned),
        reason,
    };
    if raw.len() != header.len() {
        return Err(vec![error(
            None,
            None,
            format!(
                "the row has {} cells; the header has {}",
                raw.len(),
                header.len()
            ),
        )]);
    }
    let cell = |i: usize| unescape_cell(&raw[i]);
    let kind_text = cell(0).trim();
    let kind = match EntityKind::parse(kind_text) {
        Ok(kind) => kind,
        Err(_) => {
            let names: Vec<&str> = KINDS.iter().map(|k| k.as_str()).collect();
            return Err(vec![error(
                Some(KIND_COLUMN),
                Some(kind_text),
                format!(
                    "not a kind of record (expected one of: {})",
                    names.join(", ")
                ),
            )]);
        }
    };
    let own = fields(kind);
    let mut data = Map::new();
    let mut shown = FieldValues::new();
    let mut errors = Vec::new();
    for (i, name) in header.iter().enumerate().skip(1) {
        let value = cell(i);
        let Some((_, cell_kind)) = own.iter().find(|(n, _)| n == name) else {
            if !value.is_empty() {
                errors.push(error(
                    Some(name),
                    Some(value),
                    format!("'{name}' is not a field of a {kind}; leave the cell empty"),
                ));
            }
            continue;
        };
        shown.insert(name.clone(), value.to_owned());
        match from_cell(*cell_kind, value) {
            Ok(Some(v)) => {
                data.insert(name.clone(), v);
            }
            Ok(None) => {}
            Err(reason) => errors.push(error(Some(name), Some(value), reason)),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    decode(row, kind, Value::Object(data), &shown)
}

/// A cell's value as JSON, by the kind of field; `None` leaves the field out.
fn from_cell(kind: Cell, text: &str) -> Result<Option<Value>, String> {
    Ok(match kind {
        Cell::Text => Some(Value::String(text.to_owned())),
        Cell::Optional if text.is_empty() => None,
        Cell::Optional => Some(Value::String(text.to_owned())),
        Cell::Bool => match text.trim().to_ascii_lowercase().as_str() {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            "" => None,
            _ => return Err("must be true or false".into()),
        },
        Cell::Number if text.trim().is_empty() => None,
        Cell::Number => match text.trim().parse::<u64>() {
            Ok(n) => Some(Value::from(n)),
            Err(_) => return Err("must be a whole number".into()),
        },
        Cell::List if text.trim().is_empty() => Some(Value::Array(vec![])),
        Cell::List => match serde_json::from_str::<Value>(text) {
            Ok(v @ Value::Array(_)) => Some(v),
            Ok(_) => return Err("must be a JSON list, like [\"a\", \"b\"]".into()),
            Err(e) => return Err(format!("is not a JSON list: {e}")),
        },
        Cell::Json if text.trim().is_empty() => None,
        Cell::Json => match serde_json::from_str::<Value>(text) {
            Ok(v @ Value::Object(_)) => Some(v),
            Ok(_) => return Err("must be a JSON object, like {\"kind\": \"none_stated\"}".into()),
            Err(e) => return Err(format!("is not a JSON object: {e}")),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::samples::{hostile, samples};

    fn entities(parsed: Parsed) -> Vec<Entity> {
        assert!(parsed.rejected.is_empty(), "{:?}", parsed.rejected);
        parsed
            .records
            .into_iter()
            .flat_map(|r| r.entities)
            .collect()
    }

    fn text(bytes: &[u8]) -> &str {
        std::str::from_utf8(bytes).unwrap()
    }

    #[test]
    fn writing_reading_and_writing_again_gives_the_same_bytes() {
        let first = write(&[], samples()).unwrap();
        let again = entities(read(text(&first)).unwrap());
        assert_eq!(again, order(samples()));
        assert_eq!(write(&[], again).unwrap(), first);
    }

    #[test]
    fn each_kind_alone_round_trips_under_its_own_columns() {
        for kind in KINDS {
            let some: Vec<Entity> = samples().into_iter().filter(|e| e.kind() == kind).collect();
            let bytes = write(&[kind], some.clone()).unwrap();
            let header = text(&bytes).lines().next().unwrap().trim_start_matches(BOM);
            let expected: Vec<&str> = std::iter::once(KIND_COLUMN)
                .chain(fields(kind).iter().map(|(n, _)| *n))
                .collect();
            assert_eq!(header, expected.join(","), "{kind}");
            assert_eq!(entities(read(text(&bytes)).unwrap()), order(some), "{kind}");
        }
    }

    #[test]
    fn an_empty_list_still_has_its_header() {
        let bytes = write(&[EntityKind::Milestone], vec![]).unwrap();
        assert_eq!(text(&bytes), "\u{feff}entity,id,title,date,description\r\n");
        let parsed = read(text(&bytes)).unwrap();
        assert_eq!(parsed.rows_read, 0);
    }

    #[test]
    fn formula_cells_are_neutralised_in_every_text_field_and_restored_on_reading() {
        let bytes = write(&[], hostile()).unwrap();
        let mut reader = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(&bytes[3..]);
        let mut checked = 0;
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                assert!(
                    !super::super::reads_as_formula(cell),
                    "a cell starts with a formula trigger: {cell:?}"
                );
                if cell.contains("cmd|") {
                    checked += 1;
                }
            }
        }
        assert!(checked >= 40, "only {checked} hostile cells were written");
        assert_eq!(entities(read(text(&bytes)).unwrap()), order(hostile()));
        assert_eq!(
            write(&[], entities(read(text(&bytes)).unwrap())).unwrap(),
            bytes
        );
    }

    #[test]
    fn text_is_plain_and_lists_are_compact_json() {
        let bytes = write(&[], samples()).unwrap();
        let written = text(&bytes);
        assert!(written.contains("\"[\"\"media freedom\"\",\"\"libel\"\"]\""));
        let actors: Vec<Entity> = samples()
            .into_iter()
            .filter(|e| e.kind() == EntityKind::Actor)
            .collect();
        let bytes = write(&[EntityKind::Actor], actors).unwrap();
        let written = text(&bytes);
        assert!(written.starts_with('\u{feff}'));
        assert!(
            written.contains(",state,Kazakhstan,,KZ,[]\r\n"),
            "{written}"
        );
    }

    #[test]
    fn header_problems_are_file_errors() {
        let bad = |t: &str| read(t).unwrap_err();
        assert!(matches!(bad(""), FileError::BadHeader(m) if m.contains("empty")));
        assert!(matches!(bad("id,title\n"), FileError::BadHeader(m) if m.contains("first column")));
        assert!(
            matches!(bad("entity,id,colour\n"), FileError::BadHeader(m) if m.contains("'colour'"))
        );
        assert!(matches!(bad("entity,id,id\n"), FileError::BadHeader(m) if m.contains("twice")));
    }

    #[test]
    fn bad_rows_are_rejected_naming_line_column_value_and_reason() {
        let text = "entity,id,title,description,themes,date\r\n\
            concern,0190a0b0-0000-7000-8000-000000000001,Assembly,Bans on protests,[],\r\n\
            ,,,,,\r\n\
            spaceship,0190a0b0-0000-7000-8000-000000000002,x,y,[],\r\n\
            concern,0190a0b0-0000-7000-8000-000000000003,x,y,\"[\"\"a\"\"\",\r\n\
            concern,0190a0b0-0000-7000-8000-000000000004,x,y,[],2008\r\n\
            concern,0190a0b0-0000-7000-8000-000000000005,,y,[],\r\n\
            concern,0190a0b0-0000-7000-8000-000000000006,x\r\n\
            concern,0190a0b0-0000-7000-8000-000000000001,Again,y,[],\r\n\
            concern,\"0190a0b0-0000-7000-8000-000000000007\",x,\"two\nlines\",[],\r\n";
        let parsed = read(text).unwrap();
        assert_eq!(parsed.rows_read, 8, "the empty row is not counted");
        assert_eq!(
            parsed.records.iter().map(|r| r.row).collect::<Vec<_>>(),
            vec![2, 10]
        );
        let first = |row: u64| {
            parsed
                .rejected
                .iter()
                .find(|r| r.row == row)
                .unwrap_or_else(|| panic!("no rejection at line {row}"))
                .errors[0]
                .clone()
        };
        let e = first(4);
        assert_eq!(
            (e.column.as_deref(), e.value.as_deref()),
            (Some("entity"), Some("spaceship"))
        );
        let e = first(5);
        assert_eq!(e.column.as_deref(), Some("themes"));
        assert!(e.reason.contains("not a JSON list"), "{e}");
        let e = first(6);
        assert_eq!(
            (e.column.as_deref(), e.value.as_deref()),
            (Some("date"), Some("2008"))
        );
        assert!(e.reason.contains("not a field of a concern"), "{e}");
        let e = first(7);
        assert_eq!(e.column.as_deref(), Some("title"));
        assert!(e.reason.contains("must not be empty"), "{e}");
        let e = first(8);
        assert!(
            e.reason.contains("2 cells") || e.reason.contains("3 cells"),
            "{e}"
        );
        let e = first(9);
        assert!(e.reason.contains("already in row 2"), "{e}");
        match &parsed.rejected[0].raw {
            RawRow::Csv(cells) => assert_eq!(cells[0], "spaceship"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn rows_are_numbered_by_line_whatever_the_line_ends() {
        let rows = [
            "entity,id,title,description,themes",
            "concern,0190a0b0-0000-7000-8000-000000000001,A,\"two\nlines\",[]",
            "concern,0190a0b0-0000-7000-8000-000000000002,,d,[]",
        ];
        for end in ["\n", "\r\n", "\r"] {
            let text = rows.join(end);
            let parsed = read(&text).unwrap();
            assert_eq!(parsed.records[0].row, 2, "{end:?}");
            assert_eq!(parsed.rejected[0].row, 4, "{end:?}");
        }
    }

    #[test]
    fn a_cell_beyond_the_limit_is_a_file_error() {
        let big = "x".repeat(MAX_VALUE_BYTES + 1);
        let text = format!("entity,id,title,description,themes\nconcern,a,{big},d,[]\n");
        assert!(matches!(
            read(&text).unwrap_err(),
            FileError::ValueTooLarge { line: 2, .. }
        ));
    }

    #[test]
    fn a_spreadsheet_that_upper_cased_booleans_still_reads() {
        let bytes = write(&[], samples()).unwrap();
        let edited = text(&bytes).replace(",true,", ",TRUE,");
        assert_ne!(edited, text(&bytes));
        assert_eq!(entities(read(&edited).unwrap()), order(samples()));
    }
}
