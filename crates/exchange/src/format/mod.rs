//! pledgewatch's own export formats, JSON and CSV (see docs/formats.md).
//!
//! Both carry every entity's data and nothing of its bookkeeping (versions,
//! timestamps, publication), so that exporting, importing into an empty
//! database and exporting again gives byte-identical files. Entities are
//! written in [`order`]: the kinds that others refer to first, then by id.
//!
//! The readers take hostile input: whole-file problems (not JSON, an unknown
//! format, nesting beyond [`MAX_DEPTH`], a value beyond [`MAX_VALUE_BYTES`])
//! are a [`FileError`]; a bad row becomes a [`crate::Rejected`] naming the
//! row, the field, the value and the reason.

pub mod csv;
pub mod json;
#[cfg(test)]
mod kind_lists;
#[cfg(test)]
mod samples;
#[cfg(test)]
mod schema_tests;

use std::collections::{HashMap, HashSet};

use pledgewatch_core::model::{Entity, EntityKind, FromJsonError};
use pledgewatch_core::validate;
use uuid::Uuid;

use crate::places::Places;
use crate::record::RowError;

/// The format name and version written in every JSON export and expected by
/// the reader. A change that old readers cannot take gets a new number.
pub const FORMAT: &str = "pledgewatch-export/1";

/// Deepest nesting of arrays and objects a JSON file may have. Real exports
/// reach about 7 levels; anything far deeper is refused before parsing.
pub const MAX_DEPTH: usize = 32;

/// Largest single value (a JSON string, a CSV cell), in bytes: room for a
/// source's full text (20 million characters) in any script.
pub const MAX_VALUE_BYTES: usize = 80 * 1024 * 1024;

/// Largest file a reader takes, in bytes.
pub const MAX_FILE_BYTES: usize = 1024 * 1024 * 1024;

/// A whole file the readers cannot take; nothing of it is used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    #[error("the file is {size} bytes; at most {max} are read")]
    TooLarge { size: usize, max: usize },
    #[error("line {line}: a value of {size} bytes; at most {max} are allowed in one value")]
    ValueTooLarge { line: u64, size: usize, max: usize },
    #[error(
        "line {line}: arrays and objects are nested more than {max} deep; a pledgewatch export never is"
    )]
    TooDeep { line: u64, max: usize },
    #[error("the file is not JSON: {0}")]
    NotJson(String),
    #[error("the file is not a pledgewatch export: {0}")]
    NotAnExport(String),
    #[error("the file is in format '{found}'; this version of pledgewatch reads '{FORMAT}'")]
    UnknownVersion { found: String },
    #[error("the file is not valid CSV: {0}")]
    NotCsv(String),
    #[error("the CSV header is wrong: {0}")]
    BadHeader(String),
}

/// The kinds in export order: each kind refers only to kinds before it
/// (actors also refer to actors; [`order`] sorts those among themselves).
pub const KINDS: [EntityKind; 14] = [
    EntityKind::Actor,
    EntityKind::Occasion,
    EntityKind::Source,
    EntityKind::Quote,
    EntityKind::Milestone,
    EntityKind::Concern,
    EntityKind::Commitment,
    EntityKind::Development,
    EntityKind::Assessment,
    EntityKind::Recommendation,
    EntityKind::Signatory,
    EntityKind::RecipientList,
    EntityKind::Dossier,
    EntityKind::Candidate,
];

/// A kind's position in [`KINDS`], which holds every kind (a test checks
/// it; a kind left out would sort last).
pub fn rank(kind: EntityKind) -> usize {
    KINDS.iter().position(|k| *k == kind).unwrap_or(KINDS.len())
}

/// Reads a kind name as people type it: `actor`, `actors`,
/// `recipient-lists`, `Recipient_List`.
pub fn parse_kind(text: &str) -> Result<EntityKind, String> {
    let norm = text.trim().to_ascii_lowercase().replace('-', "_");
    let found = KINDS.iter().copied().find(|k| {
        let name = k.as_str();
        norm == name || norm == plural(name)
    });
    found.ok_or_else(|| {
        let names: Vec<String> = KINDS
            .iter()
            .map(|k| plural(k.as_str()).replace('_', "-"))
            .collect();
        format!(
            "'{text}' is not a kind of record (expected one of: {})",
            names.join(", ")
        )
    })
}

/// The plural of a kind's name, as used in file names and menus.
pub fn plural(name: &str) -> String {
    match name.strip_suffix('y') {
        Some(stem) if !name.ends_with("ey") => format!("{stem}ies"),
        _ => format!("{name}s"),
    }
}

/// Sorts entities into export order: by kind as in [`KINDS`], within a kind
/// by id, except that an actor comes after the actors its roles refer to.
/// The same set of entities always comes out in the same order.
pub fn order(mut entities: Vec<Entity>) -> Vec<Entity> {
    entities.sort_by_key(|e| (rank(e.kind()), e.id()));
    let (actors, rest): (Vec<Entity>, Vec<Entity>) = entities
        .into_iter()
        .partition(|e| e.kind() == EntityKind::Actor);
    let mut out = topological(actors);
    out.extend(rest);
    out
}

/// Orders entities of one kind (already sorted by id) so that each comes
/// after those of the same set it refers to. A cycle, which the store never
/// lets arise, is broken by id order.
fn topological(entities: Vec<Entity>) -> Vec<Entity> {
    let ids: HashSet<Uuid> = entities.iter().map(Entity::id).collect();
    let mut placed: HashSet<Uuid> = HashSet::new();
    let mut pending = entities;
    let mut out = Vec::with_capacity(pending.len());
    while !pending.is_empty() {
        let before = out.len();
        let mut rest = Vec::new();
        for e in pending {
            let ready = e
                .references()
                .iter()
                .all(|(_, _, id)| *id == e.id() || !ids.contains(id) || placed.contains(id));
            if ready {
                placed.insert(e.id());
                out.push(e);
            } else {
                rest.push(e);
            }
        }
        if out.len() == before {
            out.extend(rest);
            break;
        }
        pending = rest;
    }
    out
}

/// The characters a spreadsheet may start a formula with, and their
/// full-width forms, which some spreadsheets (and input methods) take for
/// the same.
const FORMULA_STARTS: [char; 12] = [
    '=', '+', '-', '@', '|', ';', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}', '\u{FF5C}',
    '\u{FF1B}',
];

/// Whether a spreadsheet could read `value` as a formula: it starts with a
/// tab or a carriage return (which spreadsheets trim), or its first
/// character past any leading whitespace (spaces, tabs, line breaks) is one
/// of [`FORMULA_STARTS`].
pub(crate) fn reads_as_formula(value: &str) -> bool {
    value.starts_with(['\t', '\r']) || value.trim_start().starts_with(FORMULA_STARTS)
}

/// Neutralises a CSV cell that a spreadsheet would read as a formula by
/// prefixing an apostrophe. A cell that already starts with apostrophes
/// before a formula gets one more, so that [`unescape_cell`] reverses exactly
/// this and nothing else.
pub fn escape_cell(value: &str) -> std::borrow::Cow<'_, str> {
    if reads_as_formula(value.trim_start_matches('\'')) {
        std::borrow::Cow::Owned(format!("'{value}"))
    } else {
        std::borrow::Cow::Borrowed(value)
    }
}

/// Reverses [`escape_cell`].
pub fn unescape_cell(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if reads_as_formula(rest.trim_start_matches('\'')) => rest,
        _ => cell,
    }
}

/// How a field's value stands in a CSV cell (the kinds' field tables in
/// core say it for each field).
pub use pledgewatch_core::model::FieldShape as Cell;

/// The fields of each kind's `data`, in the order the model declares them,
/// which is the order of the JSON keys and of the CSV columns (each kind's
/// `Record::FIELDS`).
pub fn fields(kind: EntityKind) -> &'static [(&'static str, Cell)] {
    kind.fields()
}

/// Why entities could not be written.
#[derive(Debug, thiserror::Error)]
#[error("the export could not be written: {0}")]
pub struct WriteError(pub String);

/// Turns one row's `data` into an entity of `kind`, naming the field of
/// every problem: an unknown field, a value of the wrong shape, a missing
/// required field, or a broken rule of the model.
pub(crate) fn decode(
    row: u64,
    kind: EntityKind,
    data: serde_json::Value,
    shown: &FieldValues,
) -> Result<Entity, Vec<RowError>> {
    let error = |column: Option<String>, reason: String| RowError {
        row,
        value: column.as_ref().and_then(|c| shown.get(c).cloned()),
        column,
        reason,
    };
    let known = fields(kind);
    let serde_json::Value::Object(map) = &data else {
        return Err(vec![error(
            Some("data".into()),
            "must be an object of the record's fields".into(),
        )]);
    };
    let unknown: Vec<RowError> = map
        .keys()
        .filter(|k| !known.iter().any(|(name, _)| name == k))
        .map(|k| error(Some(k.clone()), format!("'{k}' is not a field of a {kind}")))
        .collect();
    if !unknown.is_empty() {
        return Err(unknown);
    }
    let entity = Entity::from_json(kind, &data).map_err(|e| match e {
        FromJsonError::Invalid { path, reason } => {
            let column = if path == "." || path.is_empty() {
                missing_field(&reason)
            } else {
                Some(top_field(&path))
            };
            vec![error(column, reason)]
        }
    })?;
    let problems = validation_errors(row, &entity, shown);
    if problems.is_empty() {
        Ok(entity)
    } else {
        Err(problems)
    }
}

/// The field named by serde's "missing field `x`".
fn missing_field(message: &str) -> Option<String> {
    let rest = message.strip_prefix("missing field `")?;
    rest.split('`').next().map(str::to_owned)
}

/// The ids rows gave so far, each with the first row giving it: a few
/// dozen bytes an id, where a map of them took twice as many.
pub(crate) struct Seen {
    ids: Vec<(EntityKind, Uuid)>,
    rows: Vec<u64>,
    places: Places,
}

impl Seen {
    pub(crate) fn new() -> Self {
        Seen {
            ids: Vec::new(),
            rows: Vec::new(),
            places: Places::new(),
        }
    }
}

/// Rejects the second and later rows that carry an id already seen.
pub(crate) fn duplicate(seen: &mut Seen, row: u64, entity: &Entity) -> Option<RowError> {
    let key = (entity.kind(), entity.id());
    let ids = &seen.ids;
    match seen.places.find(key, |p| ids[p as usize]) {
        Some(first) => Some(RowError {
            row,
            column: Some("id".into()),
            value: Some(entity.id().to_string()),
            reason: format!(
                "the same {} id is already in row {}",
                entity.kind(),
                seen.rows[first as usize]
            ),
        }),
        None => {
            let place = seen.ids.len() as u32;
            seen.ids.push(key);
            seen.rows.push(row);
            let ids = &seen.ids;
            seen.places.add(key, place, |p| ids[p as usize]);
            None
        }
    }
}

/// Runs the entity's own rules and reports each broken one as a row error
/// whose column is the top-level field concerned.
pub(crate) fn validation_errors(row: u64, entity: &Entity, fields: &FieldValues) -> Vec<RowError> {
    match validate::validate(entity) {
        Ok(()) => vec![],
        Err(errors) => errors
            .0
            .into_iter()
            .map(|e| {
                let column = top_field(&e.field);
                RowError {
                    row,
                    value: fields.get(&column).cloned(),
                    column: Some(column),
                    reason: e.reason,
                }
            })
            .collect(),
    }
}

/// The values of one row by field, as they stood in the input, to quote in
/// error reports.
pub(crate) type FieldValues = HashMap<String, String>;

/// `roles[0].title` -> `roles`; `timing.deadline` -> `timing`.
pub(crate) fn top_field(path: &str) -> String {
    path.split(['.', '['])
        .next()
        .unwrap_or(path)
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_neutralises_every_trigger_and_reverses_exactly() {
        let cases = [
            "=cmd|' /C calc'!A0",
            "+1",
            "-1",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
            "'=already",
            "''+twice",
            "'plain apostrophe",
            "plain",
            "",
            "a=b",
        ];
        for value in cases {
            let escaped = escape_cell(value);
            assert!(
                !reads_as_formula(&escaped),
                "{value:?} escaped to {escaped:?}"
            );
            assert_eq!(unescape_cell(&escaped), value, "{value:?}");
        }
        assert_eq!(escape_cell("=1+1"), "'=1+1");
        assert_eq!(escape_cell("plain"), "plain");
        assert_eq!(escape_cell("'plain"), "'plain");
    }

    #[test]
    fn every_formula_start_is_neutralised_after_any_leading_whitespace() {
        let leads = [
            "", " ", "   ", "\t", "\r", "\n", "\r\n", " \t\r\n", "\u{3000}",
        ];
        for start in FORMULA_STARTS {
            for lead in leads {
                for apostrophes in ["", "'", "''"] {
                    let value = format!("{apostrophes}{lead}{start}1+1");
                    let escaped = escape_cell(&value);
                    assert_eq!(escaped, format!("'{value}"), "{value:?}");
                    assert_eq!(unescape_cell(&escaped), value, "{value:?}");
                }
            }
        }
        // The full-width forms, one by one.
        for value in [
            "\u{FF1D}1",
            "\u{FF0B}1",
            "\u{FF0D}1",
            "\u{FF20}A1",
            "\u{FF5C}x",
            "\u{FF1B}x",
        ] {
            assert!(escape_cell(value).starts_with('\''), "{value:?}");
        }
    }

    #[test]
    fn a_leading_tab_or_carriage_return_is_neutralised_whatever_follows() {
        for value in ["\tplain", "\rplain", "\t", "\r\nplain", "'\tplain"] {
            let escaped = escape_cell(value);
            assert_eq!(escaped, format!("'{value}"), "{value:?}");
            assert_eq!(unescape_cell(&escaped), value);
        }
    }

    #[test]
    fn text_that_cannot_be_a_formula_is_left_as_it_is() {
        for value in [
            "plain",
            " plain",
            "\nplain",
            "a=b",
            "Ministry of Justice; Parliament",
            "2008-12-31",
            "5",
            "'quoted",
            "\u{FF21}",
            "",
        ] {
            assert_eq!(escape_cell(value), value, "{value:?}");
            assert_eq!(unescape_cell(value), value, "{value:?}");
        }
    }

    #[test]
    fn an_actor_comes_after_the_actors_its_roles_refer_to() {
        let ordered = order(super::samples::samples());
        let names: Vec<String> = ordered
            .iter()
            .filter_map(|e| match e {
                Entity::Actor(a) => Some(a.name.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(names, ["Kazakhstan", "Marat Tazhin"]);
        assert!(
            ordered[0].id() > ordered[1].id(),
            "ids alone would sort otherwise"
        );
        let kinds: Vec<EntityKind> = ordered.iter().map(Entity::kind).collect();
        let mut sorted = kinds.clone();
        sorted.sort_by_key(|k| rank(*k));
        assert_eq!(kinds, sorted);
    }

    #[test]
    fn kind_names_are_read_singular_or_plural() {
        assert_eq!(parse_kind("actors").unwrap(), EntityKind::Actor);
        assert_eq!(
            parse_kind("recipient-lists").unwrap(),
            EntityKind::RecipientList
        );
        assert_eq!(parse_kind("Signatory").unwrap(), EntityKind::Signatory);
        assert_eq!(parse_kind("signatories").unwrap(), EntityKind::Signatory);
        let err = parse_kind("user").unwrap_err();
        assert!(err.contains("expected one of: actors,"), "{err}");
        assert!(err.contains("dossiers"), "{err}");
        assert!(err.contains("recipient-lists"), "{err}");
    }

    #[test]
    fn every_kind_comes_after_the_kinds_it_can_refer_to() {
        use pledgewatch_core::model::EntityKind as K;
        let refers: &[(K, &[K])] = &[
            (K::Occasion, &[K::Actor]),
            (K::Quote, &[K::Source]),
            (
                K::Commitment,
                &[K::Actor, K::Occasion, K::Quote, K::Milestone],
            ),
            (
                K::Development,
                &[K::Source, K::Quote, K::Commitment, K::Concern],
            ),
            (K::Assessment, &[K::Commitment, K::Development]),
            (K::RecipientList, &[K::Signatory]),
            (
                K::Recommendation,
                &[K::Actor, K::Source, K::Occasion, K::Commitment, K::Concern],
            ),
            (
                K::Dossier,
                &[
                    K::Commitment,
                    K::Concern,
                    K::Milestone,
                    K::RecipientList,
                    K::Signatory,
                ],
            ),
            (K::Candidate, &[K::Source, K::Commitment]),
        ];
        for (kind, targets) in refers {
            for t in *targets {
                assert!(rank(*t) < rank(*kind), "{t} must come before {kind}");
            }
        }
    }
}

#[cfg(test)]
mod hostile_input {
    //! Mangled exports, as a fuzzer would make them: the readers must answer
    //! every one with records, rejected rows or a file error, never a panic,
    //! and keep `rows_read` equal to records plus rejected rows.

    use super::samples::{hostile, samples};

    /// A small deterministic generator (xorshift), so failures repeat.
    struct Noise(u64);

    impl Noise {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }
    }

    const SPICE: &[&[u8]] = &[
        b"\"",
        b",",
        b"\r\n",
        b"\n",
        b"[",
        b"{",
        b"]",
        b"}",
        b"'",
        b"=",
        b"\\",
        b"\xff",
        b"\x00",
        b"null",
        b"-1",
        b"1e999",
        b"\"\"",
        b"\xef\xbb\xbf",
        b"\xe2\x80",
    ];

    fn mangle(noise: &mut Noise, bytes: &[u8]) -> Vec<u8> {
        let mut out = bytes.to_vec();
        for _ in 0..=noise.below(4) {
            let at = noise.below(out.len() + 1);
            match noise.below(4) {
                0 => out.truncate(at),
                1 => {
                    let spice = SPICE[noise.below(SPICE.len())];
                    out.splice(at..at, spice.iter().copied());
                }
                2 if at < out.len() => {
                    let end = (at + noise.below(40)).min(out.len());
                    out.drain(at..end);
                }
                _ if at < out.len() => out[at] = (noise.next() & 0xff) as u8,
                _ => {}
            }
        }
        out
    }

    fn check(parsed: &crate::record::Parsed) {
        assert_eq!(
            parsed.rows_read,
            (parsed.records.len() + parsed.rejected.len()) as u64
        );
        for r in &parsed.rejected {
            assert!(!r.errors.is_empty());
        }
    }

    #[test]
    fn mangled_exports_never_make_a_reader_panic() {
        let mut noise = Noise(0x9e37_79b9_7f4a_7c15);
        let json = super::json::write(hostile()).unwrap();
        let csv = super::csv::write(&[], samples()).unwrap();
        let (mut json_ok, mut csv_ok) = (0, 0);
        for _ in 0..3_000 {
            let bytes = mangle(&mut noise, &json);
            if let Ok(parsed) = super::json::read(&bytes) {
                check(&parsed);
                json_ok += 1;
            }
            let bytes = mangle(&mut noise, &csv);
            let text = String::from_utf8_lossy(&bytes);
            if let Ok(parsed) = super::csv::read(&text) {
                check(&parsed);
                csv_ok += 1;
            }
        }
        // Some mangled files still parse and go through row checking.
        assert!(json_ok > 100 && csv_ok > 100, "{json_ok} {csv_ok}");
    }
}
