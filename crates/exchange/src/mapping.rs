//! Any CSV, through a mapping file that names which column feeds which
//! field (see docs/import.md for the format, and examples/mappings/).
//!
//! A mapping is TOML:
//!
//! ```toml
//! format = "pledgewatch-mapping/1"
//! collection = "canada-2021-mandate-letters"  # namespace of the stable ids
//! entity = "commitment"                       # or "recommendation"
//! key = ["MLC ID"]                            # the columns that identify a row
//!
//! [fields]
//! statement = { column = "Commitment" }
//! bound = { value = "Canada", actor_kind = "state" }
//! made_by = { column = "Reporting Lead", actor_kind = "institution" }
//! made_on = { value = "2021-12-16" }
//! origin = { value = "pledge" }
//! external_id = { column = "MLC ID", prefix = "canada-2021-mlc:" }
//! ```
//!
//! A field takes its value from a `column`, several `columns` (list fields),
//! or a fixed `value`; then optionally a value `map` (with a `default` for
//! values not in it), a `split` separator for list fields, a `date_format`
//! (chrono's, e.g. "%d/%m/%Y") for dates, a `prefix`, and for actors their
//! `actor_kind`. An empty cell leaves an optional field out and rejects the
//! row for a required one.

use std::collections::BTreeMap;

use pledgewatch_core::date::{PreciseDate, Precision};
use pledgewatch_core::error::InvalidValue;
use pledgewatch_core::ids::*;
use pledgewatch_core::model::*;
use serde::Deserialize;

use crate::record::{Parsed, RawRow, Record, Rejected, RowError, stable_id};
use crate::table::{self, Row, Table, TableError};

/// The format name a mapping file carries.
pub const FORMAT: &str = "pledgewatch-mapping/1";

/// A mapping file that cannot be used, naming the key at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MappingError {
    #[error("the mapping is not valid TOML: {0}")]
    Toml(String),
    #[error("the mapping's {key}: {reason}")]
    Invalid { key: String, reason: String },
    #[error(transparent)]
    Table(#[from] TableError),
    #[error(
        "the mapping names the column '{column}' (in {key}), which the file does not have (its columns: {header})"
    )]
    NoColumn {
        key: String,
        column: String,
        header: String,
    },
}

fn invalid(key: impl Into<String>, reason: impl Into<String>) -> MappingError {
    MappingError::Invalid {
        key: key.into(),
        reason: reason.into(),
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMapping {
    format: String,
    collection: String,
    entity: String,
    key: Vec<String>,
    encoding: Option<String>,
    delimiter: Option<String>,
    #[serde(default)]
    fields: BTreeMap<String, RawField>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawField {
    column: Option<String>,
    columns: Option<Vec<String>>,
    value: Option<String>,
    map: Option<BTreeMap<String, String>>,
    default: Option<String>,
    split: Option<String>,
    date_format: Option<String>,
    prefix: Option<String>,
    actor_kind: Option<String>,
}

/// Where a field's value comes from and how it is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldSpec {
    pub name: String,
    pub source: FieldSource,
    pub map: Option<BTreeMap<String, String>>,
    pub default: Option<String>,
    pub split: Option<String>,
    pub date_format: Option<String>,
    pub prefix: Option<String>,
    pub actor_kind: Option<ActorKind>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldSource {
    Column(String),
    Columns(Vec<String>),
    Value(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Commitment,
    Recommendation,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Text,
    List,
    Date,
    Actor,
    Enum,
}

const COMMITMENT_FIELDS: &[(&str, Shape, bool)] = &[
    ("statement", Shape::Text, true),
    ("bound", Shape::Actor, true),
    ("made_by", Shape::Actor, false),
    ("made_on", Shape::Date, true),
    ("origin", Shape::Enum, true),
    ("themes", Shape::List, false),
    ("deadline", Shape::Date, false),
    ("condition", Shape::Text, false),
    ("external_id", Shape::Text, false),
];

const RECOMMENDATION_FIELDS: &[(&str, Shape, bool)] = &[
    ("action", Shape::Text, true),
    ("responsible", Shape::Actor, false),
    ("proposed_by", Shape::Actor, false),
    ("response", Shape::Enum, true),
    ("priority", Shape::Enum, false),
    ("themes", Shape::List, false),
    ("external_id", Shape::Text, false),
];

/// A checked mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    pub collection: String,
    pub target: Target,
    pub key: Vec<String>,
    pub encoding: Option<crate::decode::Encoding>,
    pub delimiter: u8,
    pub fields: Vec<FieldSpec>,
}

impl Mapping {
    /// Reads and checks a mapping file.
    pub fn parse(text: &str) -> Result<Self, MappingError> {
        let raw: RawMapping =
            toml::from_str(text).map_err(|e| MappingError::Toml(e.to_string()))?;
        if raw.format != FORMAT {
            return Err(invalid(
                "format",
                format!("is '{}'; this program reads '{FORMAT}'", raw.format),
            ));
        }
        if raw.collection.trim().is_empty() || raw.collection.chars().count() > 200 {
            return Err(invalid(
                "collection",
                "must name the collection (1 to 200 characters)",
            ));
        }
        let target = parse_target(&raw.entity)?;
        if raw.key.is_empty() || raw.key.iter().any(|k| k.trim().is_empty()) {
            return Err(invalid(
                "key",
                "must name at least one column that identifies a row",
            ));
        }
        let encoding = raw
            .encoding
            .as_deref()
            .map(crate::decode::Encoding::parse)
            .transpose()
            .map_err(|e| invalid("encoding", e))?;
        let delimiter = parse_delimiter(raw.delimiter.as_deref())?;
        let fields = parse_fields(&raw, target)?;
        Ok(Mapping {
            collection: raw.collection.trim().to_owned(),
            target,
            key: raw.key,
            encoding,
            delimiter,
            fields,
        })
    }

    fn field(&self, name: &str) -> Option<&FieldSpec> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// Reads a decoded CSV file through the mapping.
    pub fn read(&self, text: &str) -> Result<Parsed, MappingError> {
        let t = table::read(text, self.delimiter)?;
        let header = t.header.join(",");
        let no_column = |key: String, column: &str| MappingError::NoColumn {
            key,
            column: column.to_owned(),
            header: header.clone(),
        };
        let mut key_columns = Vec::new();
        for k in &self.key {
            key_columns.push(t.column(k).ok_or_else(|| no_column("key".into(), k))?);
        }
        let mut columns: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for f in &self.fields {
            let names: Vec<&String> = match &f.source {
                FieldSource::Column(c) => vec![c],
                FieldSource::Columns(cs) => cs.iter().collect(),
                FieldSource::Value(_) => vec![],
            };
            let mut found = Vec::new();
            for n in names {
                found.push(
                    t.column(n)
                        .ok_or_else(|| no_column(format!("fields.{}", f.name), n))?,
                );
            }
            columns.insert(f.name.clone(), found);
        }
        let mut parsed = Parsed {
            header: Some(t.header.clone()),
            ..Parsed::default()
        };
        for row in &t.rows {
            match self.read_row(&t, row, &key_columns, &columns) {
                Ok(entities) => parsed.records.push(Record {
                    row: row.line,
                    raw: RawRow::Csv(row.cells.clone()),
                    entities,
                }),
                Err(errors) => parsed.rejected.push(Rejected {
                    row: row.line,
                    raw: RawRow::Csv(row.cells.clone()),
                    errors,
                }),
            }
        }
        parsed.rows_read = (parsed.records.len() + parsed.rejected.len()) as u64;
        Ok(parsed)
    }

    fn read_row(
        &self,
        t: &Table,
        row: &Row,
        key_columns: &[usize],
        columns: &BTreeMap<String, Vec<usize>>,
    ) -> Result<Vec<Entity>, Vec<RowError>> {
        let mut cx = RowCx {
            t,
            row,
            columns,
            errors: Vec::new(),
        };
        let key = self.row_key(&mut cx, key_columns);
        let mut entities = Vec::new();
        let main = match self.target {
            Target::Commitment => self.row_commitment(&mut cx, &mut entities, &key),
            Target::Recommendation => self.row_recommendation(&mut cx, &mut entities, &key),
        };
        let mut errors = cx.errors;
        if let Some(main) = main {
            entities.push(main);
        }
        if errors.is_empty() {
            errors = crate::validate_row(row.line, &entities, |_, field| self.column_of(field));
        }
        if errors.is_empty() {
            Ok(entities)
        } else {
            Err(errors)
        }
    }

    /// The key the row's ids derive from: the collection and the key
    /// columns' text, whitespace collapsed. All key columns empty is an error.
    fn row_key(&self, cx: &mut RowCx<'_>, key_columns: &[usize]) -> String {
        let row = cx.row;
        let key: Vec<String> = key_columns
            .iter()
            .map(|&i| row.cell(i).split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        if key.iter().all(String::is_empty) {
            cx.errors.push(RowError {
                row: row.line,
                column: Some(self.key.join(", ")),
                value: Some(String::new()),
                reason: "the columns that identify a row are empty".into(),
            });
        }
        format!("{}:{}", self.collection, key.join("\u{1f}"))
    }

    /// The input column a record's field came from, if a column.
    fn column_of(&self, field: &str) -> Option<&str> {
        let name = field.split(['.', '[']).next().unwrap_or(field);
        self.field(name).and_then(|f| match &f.source {
            FieldSource::Column(c) => Some(c.as_str()),
            _ => None,
        })
    }

    /// A record's field parsed into its type; when it does not parse, the
    /// row's error names it as the record's rules would.
    fn parsed<T: TryFrom<String, Error = InvalidValue>>(
        &self,
        cx: &mut RowCx<'_>,
        kind: EntityKind,
        field: &str,
        value: String,
    ) -> Option<T> {
        T::try_from(value)
            .map_err(|e| {
                let error =
                    crate::refused_field(cx.row.line, kind, field, e, |_, f| self.column_of(f));
                cx.errors.push(error);
            })
            .ok()
    }

    /// The actor the field `name` names, added to `entities` once.
    fn row_actor(
        &self,
        cx: &mut RowCx<'_>,
        entities: &mut Vec<Entity>,
        name: &str,
    ) -> Option<ActorId> {
        let spec = self.field(name)?;
        let value = cx.text(spec)?;
        let kind = spec.actor_kind.unwrap_or(ActorKind::Institution);
        let (id, name) = actor_name(&value, kind);
        let name = self.parsed(cx, EntityKind::Actor, "name", name)?;
        let entity = Entity::Actor(Actor {
            id,
            kind,
            name,
            short_name: None,
            country_code: None,
            roles: Vec::new(),
        });
        if !entities.iter().any(|e: &Entity| e.id() == id.uuid()) {
            entities.push(entity);
        }
        Some(id)
    }

    /// The commitment a row gives, or `None` when a value it needs is
    /// missing or invalid (the reason is in `cx.errors`).
    fn row_commitment(
        &self,
        cx: &mut RowCx<'_>,
        entities: &mut Vec<Entity>,
        key: &str,
    ) -> Option<Entity> {
        let bound = self.row_actor(cx, entities, "bound");
        let made_by = self.row_actor(cx, entities, "made_by");
        let id = CommitmentId(stable_id("commitment", key));
        let statement = self.field("statement").and_then(|s| cx.text(s));
        let made_on = self.field("made_on").and_then(|s| cx.date(s));
        let origin = self
            .field("origin")
            .and_then(|s| cx.named(s, Origin::parse));
        let deadline = self
            .field("deadline")
            .and_then(|s| cx.date(s).map(|d| (d, cx.raw(s))));
        let themes = self.field("themes").map(|s| cx.list(s)).unwrap_or_default();
        let condition = self.field("condition").and_then(|s| cx.text(s));
        let external_id = self.field("external_id").and_then(|s| cx.text(s));
        if let Some(spec) = self.field("statement")
            && statement.is_none()
        {
            cx.required(spec);
        }
        let statement =
            statement.and_then(|s| self.parsed(cx, EntityKind::Commitment, "statement", s));
        let (Some(bound), Some(statement), Some(made_on), Some(origin)) =
            (bound, statement, made_on, origin)
        else {
            return None;
        };
        let timing = match deadline {
            Some((date, as_written)) => Timing::ByDeadline {
                deadline: DateRef::Fixed {
                    date,
                    resolved_from: None,
                },
                as_written,
            },
            None => Timing::NoneStated,
        };
        Some(Entity::Commitment(Commitment {
            id,
            statement,
            bound,
            made_by,
            occasion: None,
            made_on,
            origin,
            themes,
            quote: None,
            timing,
            condition,
            external_id,
        }))
    }

    /// The recommendation a row gives, or `None` when a value it needs is
    /// missing or invalid (the reason is in `cx.errors`).
    fn row_recommendation(
        &self,
        cx: &mut RowCx<'_>,
        entities: &mut Vec<Entity>,
        key: &str,
    ) -> Option<Entity> {
        let responsible = self.row_actor(cx, entities, "responsible");
        let proposed_by = self.row_actor(cx, entities, "proposed_by");
        let id = RecommendationId(stable_id("recommendation", key));
        let action = self.field("action").and_then(|s| cx.text(s));
        let response = self
            .field("response")
            .and_then(|s| cx.named(s, Response::parse));
        let priority = match self.field("priority") {
            Some(s) => cx.named(s, Priority::parse),
            None => Some(Priority::Medium),
        };
        let themes = self.field("themes").map(|s| cx.list(s)).unwrap_or_default();
        let external_id = self.field("external_id").and_then(|s| cx.text(s));
        let action = action.and_then(|a| self.parsed(cx, EntityKind::Recommendation, "action", a));
        let (Some(action), Some(response), Some(priority)) = (action, response, priority) else {
            return None;
        };
        Some(Entity::Recommendation(Recommendation {
            id,
            action,
            responsible,
            proposed_by,
            priority,
            answers: Vec::new(),
            source: None,
            response: Some(response),
            themes,
            occasion: None,
            external_id,
        }))
    }
}

/// The `entity` a mapping makes.
fn parse_target(entity: &str) -> Result<Target, MappingError> {
    match entity {
        "commitment" => Ok(Target::Commitment),
        "recommendation" => Ok(Target::Recommendation),
        other => Err(invalid(
            "entity",
            format!(
                "'{other}' is not an entity a mapping can make (expected commitment or recommendation)"
            ),
        )),
    }
}

/// The `delimiter`: one ASCII character, or a tab (`\t` or `tab`); a comma
/// by default.
fn parse_delimiter(delimiter: Option<&str>) -> Result<u8, MappingError> {
    match delimiter {
        None => Ok(b','),
        Some(d) if d.len() == 1 && d.is_ascii() => Ok(d.as_bytes()[0]),
        Some("\\t") | Some("tab") => Ok(b'\t'),
        Some(d) => Err(invalid(
            "delimiter",
            format!("'{d}' is not one ASCII character"),
        )),
    }
}

/// The `fields` table: each a field of the target, every required one given.
fn parse_fields(raw: &RawMapping, target: Target) -> Result<Vec<FieldSpec>, MappingError> {
    let allowed = match target {
        Target::Commitment => COMMITMENT_FIELDS,
        Target::Recommendation => RECOMMENDATION_FIELDS,
    };
    let mut fields = Vec::new();
    for (name, raw_field) in &raw.fields {
        let Some((_, shape, _)) = allowed.iter().find(|(n, _, _)| n == name) else {
            let names: Vec<&str> = allowed.iter().map(|(n, _, _)| *n).collect();
            return Err(invalid(
                format!("fields.{name}"),
                format!(
                    "is not a field of a {} (fields: {})",
                    raw.entity,
                    names.join(", ")
                ),
            ));
        };
        fields.push(field_spec(name, *shape, raw_field)?);
    }
    for (name, _, required) in allowed {
        if *required && !fields.iter().any(|f| f.name == *name) {
            return Err(invalid(
                format!("fields.{name}"),
                format!("is required for a {}", raw.entity),
            ));
        }
    }
    Ok(fields)
}

fn field_spec(name: &str, shape: Shape, raw: &RawField) -> Result<FieldSpec, MappingError> {
    let key = format!("fields.{name}");
    let source = match (&raw.column, &raw.columns, &raw.value) {
        (Some(c), None, None) => FieldSource::Column(c.clone()),
        (None, Some(cs), None) if !cs.is_empty() => {
            if shape != Shape::List {
                return Err(invalid(
                    key,
                    "only a list field (themes) takes several columns",
                ));
            }
            FieldSource::Columns(cs.clone())
        }
        (None, None, Some(v)) => FieldSource::Value(v.clone()),
        _ => {
            return Err(invalid(
                key,
                "needs exactly one of column, columns (list fields) or value",
            ));
        }
    };
    if raw.split.is_some() && shape != Shape::List {
        return Err(invalid(key, "split applies to list fields (themes) only"));
    }
    if raw.date_format.is_some() && shape != Shape::Date {
        return Err(invalid(key, "date_format applies to dates only"));
    }
    if raw.actor_kind.is_some() && shape != Shape::Actor {
        return Err(invalid(key, "actor_kind applies to actor fields only"));
    }
    if raw.default.is_some() && raw.map.is_none() {
        return Err(invalid(
            key,
            "default is the value for cells not in map; give a map",
        ));
    }
    if let Some(f) = &raw.date_format {
        check_date_format(f).map_err(|e| invalid(format!("{key}.date_format"), e))?;
    }
    let actor_kind = raw
        .actor_kind
        .as_deref()
        .map(ActorKind::parse)
        .transpose()
        .map_err(|e| invalid(format!("{key}.actor_kind"), e.reason))?;
    let spec = FieldSpec {
        name: name.to_owned(),
        source,
        map: raw.map.clone(),
        default: raw.default.clone(),
        split: raw.split.clone(),
        date_format: raw.date_format.clone(),
        prefix: raw.prefix.clone(),
        actor_kind,
    };
    // A fixed value is checked once, here.
    if let FieldSource::Value(v) = &spec.source {
        let v = mapped(&spec, v).map_err(|e| invalid(&key, e))?;
        let check = match (shape, name) {
            (Shape::Date, _) => parse_date(&v, spec.date_format.as_deref()).map(|_| ()),
            (Shape::Enum, "origin") => Origin::parse(&v).map(|_| ()).map_err(|e| e.reason),
            (Shape::Enum, "response") => Response::parse(&v).map(|_| ()).map_err(|e| e.reason),
            (Shape::Enum, "priority") => Priority::parse(&v).map(|_| ()).map_err(|e| e.reason),
            _ => Ok(()),
        };
        check.map_err(|e| invalid(format!("{key}.value"), e))?;
    }
    Ok(spec)
}

fn check_date_format(format: &str) -> Result<(), String> {
    if !format.contains("%Y") && !format.contains("%y") {
        return Err(format!("'{format}' has no year (%Y)"));
    }
    let mut items = chrono::format::StrftimeItems::new(format);
    if items.any(|i| matches!(i, chrono::format::Item::Error)) {
        return Err(format!(
            "'{format}' is not a chrono date format (such as %d/%m/%Y)"
        ));
    }
    Ok(())
}

/// The value after the value map.
fn mapped(spec: &FieldSpec, value: &str) -> Result<String, String> {
    let Some(map) = &spec.map else {
        return Ok(value.to_owned());
    };
    let found = map
        .iter()
        .find(|(from, _)| from.trim().eq_ignore_ascii_case(value.trim()))
        .map(|(_, to)| to.clone());
    match (found, &spec.default) {
        (Some(v), _) => Ok(v),
        (None, Some(d)) => Ok(d.clone()),
        (None, None) => Err(format!(
            "is not in the value map (known values: {})",
            map.keys().cloned().collect::<Vec<_>>().join(", ")
        )),
    }
}

/// A date in the given chrono format (its precision follows from the
/// format: a day, a month or a year), or in pledgewatch's own forms.
pub fn parse_date(value: &str, format: Option<&str>) -> Result<PreciseDate, String> {
    let value = value.trim();
    let Some(format) = format else {
        return PreciseDate::parse(value).map_err(|e| e.reason);
    };
    let has = |items: &[&str]| items.iter().any(|i| format.contains(i));
    let wrong = || format!("'{value}' does not match the date format '{format}'");
    if has(&["%d", "%e", "%j", "%F"]) {
        let day = chrono::NaiveDate::parse_from_str(value, format).map_err(|_| wrong())?;
        Ok(PreciseDate::day(day))
    } else if has(&["%m", "%b", "%B", "%h"]) {
        let day = chrono::NaiveDate::parse_from_str(&format!("{value} 1"), &format!("{format} %d"))
            .map_err(|_| wrong())?;
        PreciseDate::from_parts(day, Precision::Month).map_err(|e| e.reason)
    } else {
        let day =
            chrono::NaiveDate::parse_from_str(&format!("{value} 1 1"), &format!("{format} %m %d"))
                .map_err(|_| wrong())?;
        PreciseDate::from_parts(day, Precision::Year).map_err(|e| e.reason)
    }
}

/// The id and name of an actor named in a cell. States are found under
/// any spelling the importers know, so that they meet the States of UPR
/// imports.
fn actor_name(name: &str, kind: ActorKind) -> (ActorId, String) {
    let known = if kind == ActorKind::State {
        crate::states::lookup(name)
    } else {
        None
    };
    let (display, key) = match known {
        Some(state) => (state.name.to_owned(), format!("state:{}", state.key())),
        None => (
            name.to_owned(),
            format!("{}:{}", kind.as_str(), name.to_lowercase()),
        ),
    };
    (ActorId(stable_id("actor", &key)), display)
}

struct RowCx<'a> {
    t: &'a Table,
    row: &'a Row,
    columns: &'a BTreeMap<String, Vec<usize>>,
    errors: Vec<RowError>,
}

impl RowCx<'_> {
    fn column_name(&self, spec: &FieldSpec) -> Option<String> {
        let cols = self.columns.get(&spec.name)?;
        let names: Vec<&str> = cols
            .iter()
            .filter_map(|&i| self.t.header.get(i).map(String::as_str))
            .collect();
        if names.is_empty() {
            None
        } else {
            Some(names.join(", "))
        }
    }

    fn error(&mut self, spec: &FieldSpec, value: &str, reason: impl Into<String>) {
        self.errors.push(RowError {
            row: self.row.line,
            column: Some(
                self.column_name(spec)
                    .unwrap_or_else(|| format!("(mapping: {})", spec.name)),
            ),
            value: Some(value.to_owned()),
            reason: reason.into(),
        });
    }

    fn required(&mut self, spec: &FieldSpec) {
        if !self
            .errors
            .iter()
            .any(|e| e.column == self.column_name(spec))
        {
            self.error(spec, "", format!("is empty, but {} is required", spec.name));
        }
    }

    /// The cell (or fixed value), trimmed, before any map; `None` if empty.
    fn raw(&self, spec: &FieldSpec) -> Option<String> {
        let text = match &spec.source {
            FieldSource::Value(v) => v.clone(),
            FieldSource::Column(_) | FieldSource::Columns(_) => self
                .columns
                .get(&spec.name)
                .and_then(|c| c.first())
                .map(|&i| self.row.cell(i).trim().to_owned())
                .unwrap_or_default(),
        };
        if text.is_empty() { None } else { Some(text) }
    }

    /// A text value: mapped and prefixed.
    fn text(&mut self, spec: &FieldSpec) -> Option<String> {
        let Some(raw) = self.raw(spec) else {
            if is_required(spec) {
                self.required(spec);
            }
            return None;
        };
        match mapped(spec, &raw) {
            Ok(v) if v.trim().is_empty() => None,
            Ok(v) => Some(format!(
                "{}{}",
                spec.prefix.as_deref().unwrap_or(""),
                v.trim()
            )),
            Err(reason) => {
                self.error(spec, &raw, reason);
                None
            }
        }
    }

    fn date(&mut self, spec: &FieldSpec) -> Option<PreciseDate> {
        let raw = self.raw(spec);
        let value = self.text(spec)?;
        match parse_date(&value, spec.date_format.as_deref()) {
            Ok(d) => Some(d),
            Err(reason) => {
                self.error(spec, raw.as_deref().unwrap_or(&value), reason);
                None
            }
        }
    }

    fn named<T>(
        &mut self,
        spec: &FieldSpec,
        parse: fn(&str) -> Result<T, pledgewatch_core::error::InvalidValue>,
    ) -> Option<T> {
        let raw = self.raw(spec);
        let value = self.text(spec)?;
        match parse(&value) {
            Ok(v) => Some(v),
            Err(e) => {
                let reason = if spec.map.is_some() {
                    format!("maps to {}", e.reason)
                } else {
                    format!(
                        "{} (add a value map to the mapping to translate it)",
                        e.reason
                    )
                };
                self.error(spec, raw.as_deref().unwrap_or(&value), reason);
                None
            }
        }
    }

    fn list(&mut self, spec: &FieldSpec) -> Vec<String> {
        let cells: Vec<String> = match &spec.source {
            FieldSource::Value(v) => vec![v.clone()],
            _ => self
                .columns
                .get(&spec.name)
                .map(|cs| cs.iter().map(|&i| self.row.cell(i).to_owned()).collect())
                .unwrap_or_default(),
        };
        let mut out: Vec<String> = Vec::new();
        for cell in cells {
            let parts: Vec<String> = match &spec.split {
                Some(sep) => cell.split(sep.as_str()).map(str::to_owned).collect(),
                None => vec![cell],
            };
            for part in parts {
                let part = part.split_whitespace().collect::<Vec<_>>().join(" ");
                if part.is_empty() {
                    continue;
                }
                match mapped(spec, &part) {
                    Ok(v) if !v.trim().is_empty() && !out.contains(&v) => out.push(v),
                    Ok(_) => {}
                    Err(reason) => self.error(spec, &part, reason),
                }
            }
        }
        out
    }
}

fn is_required(spec: &FieldSpec) -> bool {
    COMMITMENT_FIELDS
        .iter()
        .chain(RECOMMENDATION_FIELDS)
        .any(|(n, _, req)| *req && *n == spec.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CANADA: &str = r#"
format = "pledgewatch-mapping/1"
collection = "canada-2021"
entity = "commitment"
key = ["MLC ID"]

[fields]
statement = { column = "Commitment" }
bound = { value = "Canada", actor_kind = "state" }
made_by = { column = "Reporting Lead", actor_kind = "institution" }
made_on = { value = "2021-12-16" }
origin = { value = "pledge" }
deadline = { column = "Due", date_format = "%d/%m/%Y" }
themes = { column = "Tags", split = ";", map = { "tax" = "Taxation" }, default = "Other" }
external_id = { column = "MLC ID", prefix = "canada-2021-mlc:" }
"#;

    #[test]
    fn a_mapping_turns_rows_into_commitments() {
        let m = Mapping::parse(CANADA).unwrap();
        let p = m
            .read("MLC ID,Commitment,Reporting Lead,Due,Tags\n103,Top up the fund.,Minister of Finance,01/07/2024,tax; misc\n")
            .unwrap();
        assert_eq!(p.rows_read, 1, "{:?}", p.rejected);
        let c = p.records[0]
            .entities
            .iter()
            .find_map(|e| match e {
                Entity::Commitment(c) => Some(c.clone()),
                _ => None,
            })
            .unwrap();
        assert_eq!(c.statement, "Top up the fund.");
        assert_eq!(c.external_id.as_deref(), Some("canada-2021-mlc:103"));
        assert_eq!(c.themes, ["Taxation", "Other"]);
        assert!(matches!(c.timing, Timing::ByDeadline { .. }));
        assert_eq!(p.records[0].entities.len(), 3);
    }

    #[test]
    fn bad_cells_are_reported_by_column() {
        let m = Mapping::parse(CANADA).unwrap();
        let p = m
            .read("MLC ID,Commitment,Reporting Lead,Due,Tags\n104,,Minister,2024-07-01,\n")
            .unwrap();
        let columns: Vec<_> = p.rejected[0]
            .errors
            .iter()
            .map(|e| e.column.clone().unwrap())
            .collect();
        assert_eq!(columns, ["Commitment", "Due"], "{:?}", p.rejected);
    }

    #[test]
    fn a_statement_or_a_name_too_long_is_reported_as_the_rules_named_it() {
        let m = Mapping::parse(CANADA).unwrap();
        let statement = "x".repeat(100_001);
        let lead = "y".repeat(1_001);
        let p = m
            .read(&format!(
                "MLC ID,Commitment,Reporting Lead,Due,Tags\n105,{statement},Minister,01/07/2024,\n106,Top up.,{lead},01/07/2024,\n"
            ))
            .unwrap();
        let errors: Vec<(String, String)> = p
            .rejected
            .iter()
            .flat_map(|r| &r.errors)
            .map(|e| (e.column.clone().unwrap(), e.reason.clone()))
            .collect();
        assert_eq!(
            errors,
            [
                (
                    "Commitment".to_owned(),
                    "is 100001 characters long; at most 100000 are allowed".to_owned()
                ),
                (
                    "actor.name".to_owned(),
                    "is 1001 characters long; at most 1000 are allowed".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn mapping_mistakes_name_the_key() {
        let cases = [
            ("format = \"x\"", "format"),
            (
                &CANADA.replace("statement = { column = \"Commitment\" }\n", ""),
                "fields.statement",
            ),
            (
                &CANADA.replace("\"%d/%m/%Y\"", "\"%Q\""),
                "fields.deadline.date_format",
            ),
            (
                &CANADA.replace(
                    "origin = { value = \"pledge\" }",
                    "origin = { value = \"promise\" }",
                ),
                "fields.origin.value",
            ),
            (
                &CANADA.replace("[fields]", "[fields]\nbogus = { value = \"x\" }"),
                "fields.bogus",
            ),
        ];
        for (text, key) in cases {
            let e = Mapping::parse(text).unwrap_err();
            match e {
                MappingError::Invalid { key: k, .. } => assert_eq!(k, key, "{text}"),
                MappingError::Toml(_) => assert_eq!(key, "format"),
                other => panic!("{other}"),
            }
        }
    }

    #[test]
    fn a_missing_column_is_a_file_error() {
        let m = Mapping::parse(CANADA).unwrap();
        let e = m.read("ID,Commitment\n1,x\n").unwrap_err();
        assert!(matches!(e, MappingError::NoColumn { .. }), "{e}");
    }

    #[test]
    fn dates_take_their_precision_from_the_format() {
        assert_eq!(
            parse_date("30/05/2024", Some("%d/%m/%Y"))
                .unwrap()
                .to_string(),
            "2024-05-30"
        );
        assert_eq!(
            parse_date("December 2021", Some("%B %Y"))
                .unwrap()
                .to_string(),
            "2021-12"
        );
        assert_eq!(parse_date("2021", Some("%Y")).unwrap().to_string(), "2021");
        assert_eq!(parse_date("2021-Q3", None).unwrap().to_string(), "2021-Q3");
        assert!(parse_date("31/02/2024", Some("%d/%m/%Y")).is_err());
    }
}
