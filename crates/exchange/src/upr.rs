//! UPR collections: the UPR Info database export (recommendations and
//! voluntary pledges) and the recommendations parsed from the Working
//! Group's reports, year by year.
//!
//! Every row becomes a recommendation made to the State under review by the
//! recommending State, with the State's response and the issues as themes.
//! A supported recommendation also becomes a commitment of the State under
//! review (origin "accepted recommendation"), which the recommendation
//! answers; several recommending States making the same recommendation give
//! one commitment. A voluntary pledge becomes a commitment of origin
//! "pledge". UPR Info rows are tied to their Working Group session (an
//! occasion with its dates and cycle); the Working Group CSVs give only the
//! report's year, which becomes the date.
//!
//! Ids are derived from the content (State under review, session or year,
//! recommending State, text), never from the row's position, so importing a
//! file again, or in another order, finds the same entities. A row repeated
//! word for word is the same recommendation; two rows with the same key but
//! other details (issues, response) are kept as two, the second marked by
//! its occurrence. See docs/decisions/0007-import.md.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::Mutex;

use pledgewatch_core::date::{PreciseDate, Precision};
use pledgewatch_core::error::InvalidValue;
use pledgewatch_core::ids::*;
use pledgewatch_core::model::*;

use crate::record::{Parsed, RawRow, Record, Rejected, RowError, stable_id};
use crate::states::{self, State};
use crate::stream::Text;
use crate::table::{self, Row, Table, TableError};
use crate::validate_row;

/// The header of the UPR Info export (recommendations and voluntary pledges).
pub const UPR_INFO_HEADER: [&str; 11] = [
    "To",
    "To-Rgrp",
    "To-Org",
    "Text",
    "From",
    "From-Rgrp",
    "From-Org",
    "Response",
    "Action",
    "Issue",
    "Session",
];

/// A UPR Working Group session: its number and the months it ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Session {
    pub number: u32,
    pub starts: (i32, u32),
    pub ends: (i32, u32),
}

impl Session {
    /// Cycle 1 is sessions 1 to 12, cycle 2 sessions 13 to 26.
    pub fn cycle(&self) -> u32 {
        if self.number <= 12 { 1 } else { 2 }
    }

    pub fn title(&self) -> String {
        format!(
            "UPR Working Group, {} session (cycle {})",
            ordinal(self.number),
            self.cycle()
        )
    }

    pub fn starts_on(&self) -> Option<PreciseDate> {
        month(self.starts)
    }

    pub fn ends_on(&self) -> Option<PreciseDate> {
        month(self.ends)
    }
}

fn month((year, month): (i32, u32)) -> Option<PreciseDate> {
    let day = chrono::NaiveDate::from_ymd_opt(year, month, 1)?;
    PreciseDate::from_parts(day, Precision::Month).ok()
}

fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The Working Group's sessions of the first two cycles, with the months
/// each ran (from the Human Rights Council's calendar).
pub const SESSIONS: [Session; 26] = [
    s(1, (2008, 4), (2008, 4)),
    s(2, (2008, 5), (2008, 5)),
    s(3, (2008, 12), (2008, 12)),
    s(4, (2009, 2), (2009, 2)),
    s(5, (2009, 5), (2009, 5)),
    s(6, (2009, 11), (2009, 12)),
    s(7, (2010, 2), (2010, 2)),
    s(8, (2010, 5), (2010, 5)),
    s(9, (2010, 11), (2010, 11)),
    s(10, (2011, 1), (2011, 2)),
    s(11, (2011, 5), (2011, 5)),
    s(12, (2011, 10), (2011, 10)),
    s(13, (2012, 5), (2012, 6)),
    s(14, (2012, 10), (2012, 11)),
    s(15, (2013, 1), (2013, 2)),
    s(16, (2013, 4), (2013, 5)),
    s(17, (2013, 10), (2013, 11)),
    s(18, (2014, 1), (2014, 2)),
    s(19, (2014, 4), (2014, 5)),
    s(20, (2014, 10), (2014, 11)),
    s(21, (2015, 1), (2015, 1)),
    s(22, (2015, 5), (2015, 5)),
    s(23, (2015, 11), (2015, 11)),
    s(24, (2016, 1), (2016, 1)),
    s(25, (2016, 5), (2016, 5)),
    s(26, (2016, 10), (2016, 11)),
];

const fn s(number: u32, starts: (i32, u32), ends: (i32, u32)) -> Session {
    Session {
        number,
        starts,
        ends,
    }
}

pub fn session(number: u32) -> Option<Session> {
    SESSIONS.iter().find(|s| s.number == number).copied()
}

/// What UPR Info's action categories mean.
fn action_theme(category: u32) -> Option<String> {
    let label = match category {
        1 => "minimal action",
        2 => "continuing action",
        3 => "considering action",
        4 => "general action",
        5 => "specific action",
        _ => return None,
    };
    Some(format!("UPR Info action category {category}: {label}"))
}

/// Whether a header is the UPR Info export's.
pub fn is_upr_info(header: &[String]) -> bool {
    header.len() >= UPR_INFO_HEADER.len()
        && UPR_INFO_HEADER
            .iter()
            .zip(header)
            .all(|(want, have)| have.trim().eq_ignore_ascii_case(want))
}

/// Whether a header is that of the Working Group year CSVs
/// (`text,to,decision,From,year[,notes]`).
pub fn is_wg_year(header: &[String]) -> bool {
    let names: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
    names.len() >= 5 && names[..5] == ["text", "to", "decision", "from", "year"]
}

/// A file-level problem with a UPR file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UprError {
    #[error(transparent)]
    Table(#[from] TableError),
    #[error("the header lacks the column '{0}' (found: {1})")]
    MissingColumn(&'static str, String),
}

/// How a State answered, as the collections write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Answer {
    Response(Response),
    Pledge,
}

/// One row, read and checked, before its entities are built.
struct Read {
    row: u64,
    raw: Vec<String>,
    under_review: State,
    recommending: Vec<State>,
    text: String,
    /// The recommendation's text as kept (Working Group: with its paragraph
    /// number and States stripped).
    statement: String,
    answer: Answer,
    when: When,
    themes: Vec<String>,
    /// What tells this row apart in ids beyond the text (the paragraph
    /// number of a Working Group recommendation).
    paragraph: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum When {
    Session(Session),
    Year(i32),
}

impl When {
    fn key(&self) -> String {
        match self {
            When::Session(s) => format!("s{}", s.number),
            When::Year(y) => format!("y{y}"),
        }
    }

    fn date(&self) -> Option<PreciseDate> {
        match self {
            When::Session(s) => s.starts_on(),
            When::Year(y) => chrono::NaiveDate::from_ymd_opt(*y, 1, 1)
                .and_then(|d| PreciseDate::from_parts(d, Precision::Year).ok()),
        }
    }
}

struct Columns {
    to: usize,
    text: usize,
    from: usize,
    response: usize,
    issue: Option<usize>,
    action: Option<usize>,
    when: usize,
    header: Vec<String>,
}

fn require(t: &Table, name: &'static str) -> Result<usize, UprError> {
    t.column(name)
        .ok_or_else(|| UprError::MissingColumn(name, t.header.join(",")))
}

fn error(row: u64, column: &str, value: &str, reason: impl Into<String>) -> RowError {
    RowError {
        row,
        column: Some(column.to_owned()),
        value: Some(value.to_owned()),
        reason: reason.into(),
    }
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn state_cell(row: &Row, index: usize, column: &str, errors: &mut Vec<RowError>) -> Option<State> {
    let value = row.cell(index);
    let found = states::lookup(value);
    if found.is_none() {
        errors.push(error(
            row.line,
            column,
            value,
            if value.trim().is_empty() {
                "is empty; name the State".to_owned()
            } else {
                "is not a State this importer knows; write the State's English short name (see docs/import.md)".to_owned()
            },
        ));
    }
    found
}

fn recommending_cell(
    row: &Row,
    index: usize,
    column: &str,
    errors: &mut Vec<RowError>,
) -> Vec<State> {
    let value = row.cell(index);
    if value.trim().is_empty() || states::is_unknown_marker(value) {
        return Vec::new();
    }
    match states::lookup_several(value) {
        Some(found) => found,
        None => {
            errors.push(error(
                row.line,
                column,
                value,
                "is not a State (or a list of States) this importer knows; write each State's English short name, separated by commas",
            ));
            Vec::new()
        }
    }
}

/// Reads the UPR Info export: recommendations (Response `Accepted` or
/// `Noted`) and voluntary pledges (Response `Voluntary Pledge`), which share
/// one header.
pub fn read_upr_info(text: &str) -> Result<Parsed, UprError> {
    let t = table::read(text, b',')?;
    let columns = info_columns(&t.header, |name| t.column(name))?;
    let mut rows = Vec::with_capacity(t.rows.len());
    let mut rejected = Vec::new();
    for row in &t.rows {
        match read_info_row(row, &columns) {
            Ok(read) => rows.push(read),
            Err(errors) => rejected.push(Rejected {
                row: row.line,
                raw: RawRow::Csv(row.cells.clone()),
                errors,
            }),
        }
    }
    Ok(build(Collection::UprInfo, columns.header, rows, rejected))
}

fn read_info_row(row: &Row, c: &Columns) -> Result<Read, Vec<RowError>> {
    let mut errors = Vec::new();
    let width = c.header.len();
    let needed = [c.to, c.text, c.from, c.response, c.when];
    if needed.iter().any(|&i| i >= row.cells.len()) {
        // A row missing a column it needs is rejected anyway; this says
        // why first, as the empty cells named after it follow from it.
        errors.push(RowError {
            row: row.line,
            column: None,
            value: None,
            reason: format!(
                "the row has {} of the header's {width} columns (a line cut short, or a quote left open that runs to the end of the file?)",
                row.cells.len()
            ),
        });
    }
    let under_review = state_cell(row, c.to, "To", &mut errors);
    let recommending = recommending_cell(row, c.from, "From", &mut errors);
    let text = collapse(row.cell(c.text));
    if text.is_empty() {
        errors.push(error(row.line, "Text", row.cell(c.text), "is empty"));
    }
    let answer = info_answer(row, c, &mut errors);
    let when = info_session(row, c, &mut errors);
    let themes = info_themes(row, c, &mut errors);
    if answer == Some(Answer::Pledge) && !recommending.is_empty() {
        // The pledging State is named in From; it must be the State itself.
        if under_review.is_some_and(|u| recommending.iter().any(|r| *r != u)) {
            errors.push(error(
                row.line,
                "From",
                row.cell(c.from),
                "a voluntary pledge is made by the State under review itself",
            ));
        }
    }
    match (under_review, answer, when, errors.is_empty()) {
        (Some(under_review), Some(answer), Some(when), true) => Ok(Read {
            row: row.line,
            raw: row.cells.clone(),
            under_review,
            recommending,
            statement: text.clone(),
            text,
            answer,
            when,
            themes,
            paragraph: None,
        }),
        _ => Err(errors),
    }
}

/// The Response cell of a UPR Info row: the State's response, or a pledge.
fn info_answer(row: &Row, c: &Columns, errors: &mut Vec<RowError>) -> Option<Answer> {
    let response = row.cell(c.response).trim();
    match response.to_lowercase().as_str() {
        "accepted" | "supported" => Some(Answer::Response(Response::Supported)),
        "noted" => Some(Answer::Response(Response::Noted)),
        "pending" => Some(Answer::Response(Response::Pending)),
        "voluntary pledge" => Some(Answer::Pledge),
        _ => {
            errors.push(error(
                row.line,
                "Response",
                response,
                "is not a response (expected Accepted, Supported, Noted, Pending or Voluntary Pledge)",
            ));
            None
        }
    }
}

/// The Session cell of a UPR Info row.
fn info_session(row: &Row, c: &Columns, errors: &mut Vec<RowError>) -> Option<When> {
    let session_cell = row.cell(c.when).trim();
    match session_cell.parse::<u32>().ok().and_then(session) {
        Some(s) => Some(When::Session(s)),
        None => {
            errors.push(error(
                row.line,
                "Session",
                session_cell,
                format!(
                    "is not a UPR Working Group session this importer knows (1 to {})",
                    SESSIONS.len()
                ),
            ));
            None
        }
    }
}

/// The themes of a UPR Info row: its issues, then its action category.
fn info_themes(row: &Row, c: &Columns, errors: &mut Vec<RowError>) -> Vec<String> {
    let mut themes: Vec<String> = Vec::new();
    if let Some(i) = c.issue {
        for issue in row.cell(i).split(',').map(collapse) {
            if !issue.is_empty() && !themes.contains(&issue) {
                themes.push(issue);
            }
        }
    }
    if let Some(i) = c.action {
        let cell = row.cell(i).trim();
        if !cell.is_empty() {
            match cell.parse().ok().and_then(action_theme) {
                Some(theme) => themes.push(theme),
                None => errors.push(error(
                    row.line,
                    "Action",
                    cell,
                    "is not a UPR Info action category (1 to 5)",
                )),
            }
        }
    }
    themes
}

/// Reads one of the Working Group year CSVs (`text,to,decision,From,year`
/// and an optional `notes`).
pub fn read_wg_year(text: &str) -> Result<Parsed, UprError> {
    let t = table::read(text, b',')?;
    let columns = Columns {
        to: require(&t, "to")?,
        text: require(&t, "text")?,
        from: require(&t, "from")?,
        response: require(&t, "decision")?,
        issue: None,
        action: None,
        when: require(&t, "year")?,
        header: t.header.clone(),
    };
    let mut rows = Vec::with_capacity(t.rows.len());
    let mut rejected = Vec::new();
    for row in &t.rows {
        match read_wg_row(row, &columns) {
            Ok(read) => rows.push(read),
            Err(errors) => rejected.push(Rejected {
                row: row.line,
                raw: RawRow::Csv(row.cells.clone()),
                errors,
            }),
        }
    }
    Ok(build(
        Collection::WorkingGroup,
        columns.header,
        rows,
        rejected,
    ))
}

/// Splits "96.1  Sign the Optional Protocol (France);" into the paragraph
/// number "96.1" and the recommendation "Sign the Optional Protocol".
pub fn split_wg_text(text: &str) -> (Option<String>, String) {
    let trimmed = text.trim();
    let number_end = trimmed
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
        .map(|(i, _)| i)
        .unwrap_or(trimmed.len());
    let number = trimmed[..number_end].trim_end_matches('.');
    let (paragraph, rest) = if number.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        (Some(number.to_owned()), &trimmed[number_end..])
    } else {
        (None, trimmed)
    };
    let mut body =
        rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '.'));
    loop {
        let t = body.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ';' | ',' | '.'));
        if let Some(inner) = t.strip_suffix(')') {
            match inner.rfind('(') {
                Some(open) => {
                    let group = &inner[open + 1..];
                    if states::lookup_several(group).is_some() || states::is_unknown_marker(group) {
                        body = &t[..open];
                        continue;
                    }
                }
                None => {
                    // A stray closing parenthesis left by the extraction.
                    body = inner;
                    continue;
                }
            }
        }
        body = t;
        break;
    }
    (paragraph, collapse(body))
}

fn read_wg_row(row: &Row, c: &Columns) -> Result<Read, Vec<RowError>> {
    let mut errors = Vec::new();
    let under_review = state_cell(row, c.to, "to", &mut errors);
    let from_column = c.header.get(c.from).map(String::as_str).unwrap_or("From");
    let recommending = recommending_cell(row, c.from, from_column, &mut errors);
    let text = collapse(row.cell(c.text));
    let (paragraph, statement) = split_wg_text(&text);
    if statement.is_empty() {
        errors.push(error(
            row.line,
            "text",
            row.cell(c.text),
            "holds no recommendation (only a paragraph number or nothing)",
        ));
    }
    let decision = row.cell(c.response).trim();
    let answer = match decision.to_lowercase().as_str() {
        "support" | "supported" | "accepted" | "implemented" | "implement" => {
            Some(Answer::Response(Response::Supported))
        }
        "consider" | "pending" => Some(Answer::Response(Response::Pending)),
        "reject" | "rejected" | "noted" => Some(Answer::Response(Response::Noted)),
        _ => {
            errors.push(error(
                row.line,
                "decision",
                decision,
                "is not a decision (expected support, implemented, consider, reject or noted)",
            ));
            None
        }
    };
    let year_cell = row.cell(c.when).trim();
    let when = match year_cell.parse::<i32>() {
        Ok(y) if (2006..=2100).contains(&y) => Some(When::Year(y)),
        _ => {
            errors.push(error(
                row.line,
                "year",
                year_cell,
                "is not a year (expected four digits, such as 2010)",
            ));
            None
        }
    };
    match (under_review, answer, when, errors.is_empty()) {
        (Some(under_review), Some(answer), Some(when), true) => Ok(Read {
            row: row.line,
            raw: row.cells.clone(),
            under_review,
            recommending,
            text,
            statement,
            answer,
            when,
            themes: Vec::new(),
            paragraph,
        }),
        _ => Err(errors),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Collection {
    UprInfo,
    WorkingGroup,
}

impl Collection {
    fn name(self) -> &'static str {
        match self {
            Collection::UprInfo => "upr-info",
            Collection::WorkingGroup => "upr-wg",
        }
    }
}

fn short_hash(id: uuid::Uuid) -> String {
    id.simple().to_string()[..12].to_owned()
}

fn state_actor(state: State) -> Result<(ActorId, Entity), InvalidValue> {
    let id = ActorId(stable_id("actor", &format!("state:{}", state.key())));
    Ok((
        id,
        Entity::Actor(Actor {
            id,
            kind: ActorKind::State,
            name: state.name.parse()?,
            short_name: None,
            country_code: None,
            roles: Vec::new(),
        }),
    ))
}

fn session_occasion(session: Session) -> Option<(OccasionId, Entity)> {
    let id = OccasionId(stable_id(
        "occasion",
        &format!("upr-wg-session:{}", session.number),
    ));
    let starts = session.starts_on()?;
    let ends = session.ends_on().filter(|e| *e != starts);
    Some((
        id,
        Entity::Occasion(Occasion {
            id,
            // A title made here from the session's number always parses.
            title: session.title().parse().ok()?,
            kind: OccasionKind::Session,
            place: Some("Geneva".to_owned()),
            starts,
            ends,
            organiser: None,
        }),
    ))
}

/// The source a row was read from. The UPR Info database has no date of its
/// own: it is treated as known from the first session of the review (April
/// 2008), since it holds each recommendation from the session it was made
/// at. That is a fact of the database, not of the file: every file taken
/// from it, whatever sessions it holds, gives the source the same content.
fn source_of(collection: Collection, read: &Read) -> (SourceId, Entity) {
    match (collection, read.when) {
        (Collection::WorkingGroup, When::Year(year)) => {
            let id = SourceId(stable_id(
                "source",
                &format!("upr-wg-report:{}:{year}", read.under_review.key()),
            ));
            (
                id,
                Entity::Source(Source {
                    id,
                    title: format!(
                        "Report of the Working Group on the Universal Periodic Review: {} ({year})",
                        read.under_review.name
                    ),
                    publisher: Some("United Nations Human Rights Council".to_owned()),
                    author: None,
                    published: read.when.date(),
                    url: None,
                    language: Some("en".to_owned()),
                    confidential: false,
                    text: None,
                    file_sha256: None,
                    note: None,
                    known_from: None,
                    own_document: false,
                }),
            )
        }
        _ => {
            let id = SourceId(stable_id("source", "upr-info-database"));
            (
                id,
                Entity::Source(Source {
                    id,
                    title: "UPR Info database of UPR recommendations and voluntary pledges"
                        .to_owned(),
                    publisher: Some("UPR Info".to_owned()),
                    author: None,
                    published: None,
                    url: None,
                    language: Some("en".to_owned()),
                    confidential: false,
                    text: None,
                    file_sha256: None,
                    note: None,
                    known_from: session(1).and_then(|s| s.starts_on()),
                    own_document: false,
                }),
            )
        }
    }
}

/// What the rows of a file share, gathered over the whole file before any
/// row's entities are built: kept as hashes of the keys, so that a second
/// pass can build each row's entities without holding the rows, in flat
/// tables of a few bytes an entry (a million rows share little else).
#[derive(Default)]
struct Shared {
    /// By content key (with the recommending States): the hash of the
    /// first distinct raw row giving it...
    first_variant: HashMap<u64, u64>,
    /// ...and of the later ones, in file order (a key given by rows that
    /// differ in another cell: rare).
    more_variants: HashMap<u64, Vec<u64>>,
    /// Every theme named, once.
    theme_names: Vec<String>,
    theme_index: HashMap<String, u32>,
    /// The themes of each commitment, by the hash of its key: those of
    /// every row sharing it, as the first and last link of a list in
    /// `theme_links`.
    commitment_themes: HashMap<u64, (u32, u32)>,
    /// A commitment's theme and the next link of its list (`NO_LINK` at the
    /// end).
    theme_links: Vec<(u32, u32)>,
}

const NO_LINK: u32 = u32::MAX;

fn hash_of(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

fn hash_cells(cells: &[String]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    cells.hash(&mut h);
    h.finish()
}

/// The key a row's occurrence is counted under.
fn occurrence_key(read: &Read) -> u64 {
    let from: Vec<String> = read.recommending.iter().map(State::key).collect();
    hash_of(&format!("{}\u{1f}{}", content_key(read), from.join(",")))
}

impl Shared {
    /// Takes in one row read.
    fn add(&mut self, read: &Read) {
        let raw = hash_cells(&read.raw);
        match self.first_variant.entry(occurrence_key(read)) {
            Entry::Vacant(v) => {
                v.insert(raw);
            }
            Entry::Occupied(o) if *o.get() != raw => {
                let more = self.more_variants.entry(*o.key()).or_default();
                if !more.contains(&raw) {
                    more.push(raw);
                }
            }
            Entry::Occupied(_) => {}
        }
        if let Some(key) = commitment_key(read) {
            let key = hash_of(&key);
            for t in &read.themes {
                let theme = self.theme(t);
                self.add_theme(key, theme);
            }
        }
    }

    /// The place of a theme's name, kept once.
    fn theme(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.theme_index.get(name) {
            return i;
        }
        let i = self.theme_names.len() as u32;
        self.theme_names.push(name.to_owned());
        self.theme_index.insert(name.to_owned(), i);
        i
    }

    /// Adds `theme` to the commitment's list unless it is there.
    fn add_theme(&mut self, commitment: u64, theme: u32) {
        let link = self.theme_links.len() as u32;
        match self.commitment_themes.entry(commitment) {
            Entry::Vacant(v) => {
                v.insert((link, link));
            }
            Entry::Occupied(mut o) => {
                let (first, last) = *o.get();
                let mut at = first;
                while at != NO_LINK {
                    let (t, next) = self.theme_links[at as usize];
                    if t == theme {
                        return;
                    }
                    at = next;
                }
                self.theme_links[last as usize].1 = link;
                o.insert((first, link));
            }
        }
        self.theme_links.push((theme, NO_LINK));
    }

    /// The themes of the commitment whose key is `key`, in the order rows
    /// named them.
    fn themes_of(&self, key: &str) -> Vec<String> {
        let mut themes = Vec::new();
        let mut at = self
            .commitment_themes
            .get(&hash_of(key))
            .map_or(NO_LINK, |&(first, _)| first);
        while at != NO_LINK {
            let (t, next) = self.theme_links[at as usize];
            themes.push(self.theme_names[t as usize].clone());
            at = next;
        }
        themes
    }

    /// The occurrence of a row's content key, from 1: a word-for-word
    /// repeat is the same entity (same occurrence), another row with the
    /// same key a second one.
    fn occurrence(&self, read: &Read) -> usize {
        let raw = hash_cells(&read.raw);
        let key = occurrence_key(read);
        match self.first_variant.get(&key) {
            Some(&first) if first != raw => self
                .more_variants
                .get(&key)
                .and_then(|v| v.iter().position(|r| *r == raw))
                .map_or(1, |i| i + 2),
            _ => 1,
        }
    }

    fn of(rows: &[Read]) -> Self {
        let mut shared = Shared::default();
        for read in rows {
            shared.add(read);
        }
        shared
    }
}

/// Builds the records of the rows read, merging what rows share.
fn build(
    collection: Collection,
    header: Vec<String>,
    rows: Vec<Read>,
    mut rejected: Vec<Rejected>,
) -> Parsed {
    let shared = Shared::of(&rows);
    let mut records = Vec::with_capacity(rows.len());
    for read in rows {
        match build_one(collection, &shared, read) {
            Ok(record) => records.push(record),
            Err(r) => rejected.push(r),
        }
    }
    rejected.sort_by_key(|r| r.row);
    let rows_read = (records.len() + rejected.len()) as u64;
    Parsed {
        header: Some(header),
        records,
        rejected,
        rows_read,
    }
}

/// The record of one row read, or why it is rejected.
fn build_one(collection: Collection, shared: &Shared, read: Read) -> Result<Record, Rejected> {
    let Some(made_on) = read.when.date() else {
        let errors = vec![RowError {
            row: read.row,
            column: None,
            value: None,
            reason: "has no date".into(),
        }];
        return Err(Rejected {
            row: read.row,
            raw: RawRow::Csv(read.raw),
            errors,
        });
    };
    let n = shared.occurrence(&read);
    let (entities, errors) = match row_entities(collection, &read, n, made_on, shared) {
        Ok(entities) => {
            let errors = validate_row(read.row, &entities, |kind, field| {
                column_of(collection, kind, field)
            });
            (entities, errors)
        }
        Err(e) => (Vec::new(), vec![e]),
    };
    if errors.is_empty() {
        Ok(Record {
            row: read.row,
            raw: RawRow::Csv(read.raw),
            entities,
        })
    } else {
        Err(Rejected {
            row: read.row,
            raw: RawRow::Csv(read.raw),
            errors,
        })
    }
}

/// A UPR Info export read as a source of records: a first pass over the
/// text gathers what rows share ([`Shared`]); the records are then built
/// row by row on each reading, never all held at once.
pub struct UprInfoSource<'t> {
    text: Text<'t>,
    columns: Columns,
    shared: Shared,
    /// Data rows (header and wholly empty lines excluded).
    pub rows_read: u64,
    /// Why a later reading of a file stopped short, if it did.
    failure: Mutex<Option<String>>,
}

impl<'t> UprInfoSource<'t> {
    /// Reads the header and goes through the rows of a text in memory once.
    pub fn new(text: &'t str) -> Result<Self, UprError> {
        Self::read(Text::Memory(text))
    }

    /// Reads the header and goes through the rows once, from a text that
    /// may be a file read as a stream (line endings turned into `\n`).
    pub fn read(text: Text<'t>) -> Result<Self, UprError> {
        let rows = table::Rows::from_reader(open(&text)?, b',')?;
        let columns = info_columns(&rows.header, |name| column_in(&rows.header, name))?;
        let mut shared = Shared::default();
        let mut rows_read = 0;
        for row in rows {
            let row = row?;
            rows_read += 1;
            if let Ok(read) = read_info_row(&row, &columns) {
                shared.add(&read);
            }
        }
        Ok(Self {
            text,
            columns,
            shared,
            rows_read,
            failure: Mutex::new(None),
        })
    }

    /// The file's header.
    pub fn header(&self) -> &[String] {
        &self.columns.header
    }

    /// Notes why a reading stopped short; the import refuses to write.
    fn fail(&self, why: String) {
        if let Ok(mut failure) = self.failure.lock() {
            failure.get_or_insert(why);
        }
    }
}

fn open<'a>(text: &'a Text<'_>) -> Result<Box<dyn std::io::Read + Send + 'a>, UprError> {
    text.open()
        .map_err(|e| UprError::Table(TableError::Unreadable(e.to_string())))
}

impl crate::import::Source for UprInfoSource<'_> {
    fn records(&self) -> Box<dyn Iterator<Item = Result<Record, Rejected>> + Send + '_> {
        // The first pass read every row without error: one now is the file
        // changing or failing under the reader.
        let rows = open(&self.text)
            .and_then(|r| Ok(table::Rows::from_reader(r, b',')?))
            .map_err(|e| self.fail(e.to_string()))
            .ok();
        let rows = rows
            .into_iter()
            .flatten()
            .filter_map(|row| row.map_err(|e| self.fail(e.to_string())).ok());
        Box::new(rows.map(|row| match read_info_row(&row, &self.columns) {
            Ok(read) => build_one(Collection::UprInfo, &self.shared, read),
            Err(errors) => Err(Rejected {
                row: row.line,
                raw: RawRow::Csv(row.cells),
                errors,
            }),
        }))
    }

    fn failure(&self) -> Option<String> {
        self.failure.lock().ok().and_then(|f| f.clone())
    }
}

/// The position of a column, matching names without regard to case or
/// surrounding spaces.
fn column_in(header: &[String], name: &str) -> Option<usize> {
    let name = name.trim();
    header
        .iter()
        .position(|h| h.trim().eq_ignore_ascii_case(name))
}

/// The columns of a UPR Info header.
fn info_columns(
    header: &[String],
    column: impl Fn(&str) -> Option<usize>,
) -> Result<Columns, UprError> {
    let require = |name: &'static str| {
        column(name).ok_or_else(|| UprError::MissingColumn(name, header.join(",")))
    };
    Ok(Columns {
        to: require("To")?,
        text: require("Text")?,
        from: require("From")?,
        response: require("Response")?,
        issue: column("Issue"),
        action: column("Action"),
        when: require("Session")?,
        header: header.to_vec(),
    })
}

/// Who and what a row's commitment and recommendations refer to.
struct Parties {
    /// The State under review.
    bound: ActorId,
    recommending: Vec<(State, ActorId)>,
    occasion: Option<OccasionId>,
    source: SourceId,
}

/// The entities one row stands for, each before the entities referring to
/// it: the States, the session, the source, the commitment (if any) and the
/// recommendations (one per recommending State).
fn row_entities(
    collection: Collection,
    read: &Read,
    n: usize,
    made_on: PreciseDate,
    shared: &Shared,
) -> Result<Vec<Entity>, RowError> {
    let refused = |kind, field: &str, e| {
        crate::refused_field(read.row, kind, field, e, |kind, field| {
            column_of(collection, kind, field)
        })
    };
    let mut entities = Vec::new();
    let (bound, actor) =
        state_actor(read.under_review).map_err(|e| refused(EntityKind::Actor, "name", e))?;
    entities.push(actor);
    let mut recommending = Vec::new();
    for state in &read.recommending {
        let (id, actor) = state_actor(*state).map_err(|e| refused(EntityKind::Actor, "name", e))?;
        if !entities.iter().any(|e| e.id() == id.uuid()) {
            entities.push(actor);
        }
        recommending.push((*state, id));
    }
    let occasion = match read.when {
        When::Session(s) => session_occasion(s).map(|(id, e)| {
            entities.push(e);
            id
        }),
        When::Year(_) => None,
    };
    let (source, source_entity) = source_of(collection, read);
    entities.push(source_entity);
    let parties = Parties {
        bound,
        recommending,
        occasion,
        source,
    };
    let commitment = match commitment_key(read) {
        Some(key) => {
            let themes = shared.themes_of(&key);
            let (id, commitment) =
                row_commitment(collection, read, &key, &parties, made_on, themes)
                    .map_err(|e| refused(EntityKind::Commitment, "statement", e))?;
            entities.push(commitment);
            Some(id)
        }
        None => None,
    };
    if let Answer::Response(response) = read.answer {
        entities.extend(
            row_recommendations(collection, read, n, &parties, commitment, response)
                .map_err(|e| refused(EntityKind::Recommendation, "action", e))?,
        );
    }
    Ok(entities)
}

/// The commitment of a supported recommendation or a pledge, keyed by
/// `key` (from `commitment_key`).
fn row_commitment(
    collection: Collection,
    read: &Read,
    key: &str,
    parties: &Parties,
    made_on: PreciseDate,
    themes: Vec<String>,
) -> Result<(CommitmentId, Entity), InvalidValue> {
    let name = collection.name();
    let id = CommitmentId(stable_id("commitment", &format!("{name}:{key}")));
    let origin = match read.answer {
        Answer::Pledge => Origin::Pledge,
        Answer::Response(_) => Origin::AcceptedRecommendation,
    };
    let bound = parties.bound;
    let commitment = Commitment {
        id,
        statement: read.statement.parse()?,
        bound,
        made_by: if origin == Origin::Pledge {
            Some(bound)
        } else {
            None
        },
        occasion: parties.occasion,
        made_on,
        origin,
        themes,
        quote: None,
        timing: Timing::NoneStated,
        condition: None,
        external_id: Some(external_id(name, read, id.uuid())),
    };
    Ok((id, Entity::Commitment(commitment)))
}

/// The recommendations of a row answered by the State: one per recommending
/// State (or one without a proposer when none is named), the `n`th
/// occurrence of its content.
fn row_recommendations(
    collection: Collection,
    read: &Read,
    n: usize,
    parties: &Parties,
    commitment: Option<CommitmentId>,
    response: Response,
) -> Result<Vec<Entity>, InvalidValue> {
    let name = collection.name();
    let proposers: Vec<Option<(State, ActorId)>> = if parties.recommending.is_empty() {
        vec![None]
    } else {
        parties.recommending.iter().copied().map(Some).collect()
    };
    let mut entities = Vec::with_capacity(proposers.len());
    for proposer in proposers {
        let from_key = proposer.map(|(s, _)| s.key()).unwrap_or_default();
        let key = format!("{}\u{1f}{from_key}\u{1f}{n}", content_key(read));
        let id = RecommendationId(stable_id("recommendation", &format!("{name}:{key}")));
        entities.push(Entity::Recommendation(Recommendation {
            id,
            action: read.statement.parse()?,
            responsible: Some(parties.bound),
            proposed_by: proposer.map(|(_, id)| id),
            priority: Priority::Medium,
            answers: commitment
                .map(|c| vec![Target::Commitment(c)])
                .unwrap_or_default(),
            source: Some(parties.source),
            response: Some(response),
            themes: read.themes.clone(),
            occasion: parties.occasion,
            external_id: Some(external_id(name, read, id.uuid())),
        }));
    }
    Ok(entities)
}

/// The external id of an entity built from a row: collection, session or
/// year, State under review, paragraph (if any) and a short hash of the id.
fn external_id(name: &str, read: &Read, id: uuid::Uuid) -> String {
    let paragraph = read
        .paragraph
        .as_deref()
        .map(|p| format!("{p}:"))
        .unwrap_or_default();
    format!(
        "{name}:{}:{}:{}{}",
        read.when.key(),
        read.under_review.key(),
        paragraph,
        short_hash(id)
    )
}

/// The column a field of an entity built from a UPR row comes from.
fn column_of(collection: Collection, kind: EntityKind, field: &str) -> Option<&'static str> {
    let wg = collection == Collection::WorkingGroup;
    Some(match (kind, field) {
        (EntityKind::Recommendation, "action") | (EntityKind::Commitment, "statement") => {
            if wg {
                "text"
            } else {
                "Text"
            }
        }
        (_, f) if f.starts_with("themes") => "Issue",
        (EntityKind::Actor, _) => {
            if wg {
                "to"
            } else {
                "To"
            }
        }
        _ => return None,
    })
}

/// The content a recommendation is identified by: State under review,
/// session or year, paragraph and text.
fn content_key(read: &Read) -> String {
    format!(
        "{}\u{1f}{}\u{1f}{}\u{1f}{}",
        read.under_review.key(),
        read.when.key(),
        read.paragraph.as_deref().unwrap_or(""),
        read.text
    )
}

/// The commitment a row gives, if any: supported recommendations and
/// pledges. Every row making the same recommendation to the same State at
/// the same session shares it.
fn commitment_key(read: &Read) -> Option<String> {
    let kind = match read.answer {
        Answer::Pledge => "pledge",
        Answer::Response(Response::Supported) => "accepted",
        Answer::Response(_) => return None,
    };
    Some(format!("{kind}\u{1f}{}", content_key(read)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str =
        "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session\n";

    fn info(rows: &str) -> Parsed {
        read_upr_info(&format!("{HEADER}{rows}")).unwrap()
    }

    #[test]
    fn an_accepted_recommendation_becomes_a_commitment_it_answers() {
        let p = info(
            "Afghanistan,Asia,OIC,\"Enact legislation, now.\",Austria,WEOG,EU,Accepted,5,\"Rights of the Child,Women's rights\",5\n",
        );
        assert_eq!(p.rows_read, 1);
        let e = &p.records[0].entities;
        let commitment = e
            .iter()
            .find_map(|e| match e {
                Entity::Commitment(c) => Some(c),
                _ => None,
            })
            .unwrap();
        assert_eq!(commitment.origin, Origin::AcceptedRecommendation);
        assert_eq!(commitment.statement, "Enact legislation, now.");
        assert_eq!(commitment.made_on.to_string(), "2009-05");
        assert_eq!(
            commitment.themes,
            [
                "Rights of the Child",
                "Women's rights",
                "UPR Info action category 5: specific action"
            ]
        );
        let rec = e
            .iter()
            .find_map(|e| match e {
                Entity::Recommendation(r) => Some(r),
                _ => None,
            })
            .unwrap();
        assert_eq!(rec.response, Some(Response::Supported));
        assert_eq!(rec.answers, [Target::Commitment(commitment.id)]);
        assert!(e.iter().any(|e| matches!(e, Entity::Occasion(o) if o.title == "UPR Working Group, 5th session (cycle 1)")));
    }

    #[test]
    fn a_noted_recommendation_gives_no_commitment() {
        let p = info(
            "Afghanistan,Asia,OIC,Abolish the death penalty.,France,WEOG,EU,Noted,5,Death penalty,5\n",
        );
        assert!(
            !p.records[0]
                .entities
                .iter()
                .any(|e| matches!(e, Entity::Commitment(_)))
        );
    }

    #[test]
    fn bad_rows_are_rejected_naming_column_value_and_reason() {
        let p = info(
            "Atlantis,Asia,OIC,Do it.,France,WEOG,EU,Accepted,5,X,5\nAfghanistan,Asia,OIC,Do it.,France,WEOG,EU,Maybe,5,X,99\n",
        );
        assert_eq!(p.rows_read, 2);
        assert_eq!(p.records.len(), 0);
        assert_eq!(p.rejected[0].errors[0].column.as_deref(), Some("To"));
        assert_eq!(p.rejected[0].errors[0].value.as_deref(), Some("Atlantis"));
        let columns: Vec<_> = p.rejected[1]
            .errors
            .iter()
            .map(|e| e.column.clone().unwrap())
            .collect();
        assert_eq!(columns, ["Response", "Session"]);
    }

    #[test]
    fn a_row_cut_short_by_an_open_quote_says_so_first() {
        let p = info(
            "Afghanistan,Asia,OIC,Do it.,France,WEOG,EU,Accepted,5,X,5\nAfghanistan,Asia,OIC,\"Do it.,France\n",
        );
        assert_eq!(p.records.len(), 1);
        let reason = &p.rejected[0].errors[0].reason;
        assert!(
            reason.starts_with("the row has 4 of the header's 11 columns"),
            "{reason}"
        );
        assert_eq!(p.rejected[0].row, 3);
    }

    #[test]
    fn ids_do_not_depend_on_the_row_order() {
        let a = "Afghanistan,Asia,OIC,One.,France,WEOG,EU,Accepted,5,X,5\n";
        let b = "Albania,EEG,OIC,Two.,Spain,WEOG,EU,Noted,4,Y,2\n";
        let ids = |p: Parsed| {
            let mut ids: Vec<_> = p
                .records
                .iter()
                .flat_map(|r| r.entities.iter().map(Entity::id))
                .collect();
            ids.sort();
            ids.dedup();
            ids
        };
        assert_eq!(ids(info(&format!("{a}{b}"))), ids(info(&format!("{b}{a}"))));
    }

    #[test]
    fn the_source_read_twice_gives_what_the_whole_file_reader_gives() {
        use crate::import::Source as _;
        // Shared commitments with merged themes, a repeat, a second
        // occurrence, a rejected row, a blank line.
        let rows = concat!(
            "Tonga,Asia,PIF,Ratify ICCPR.,United Kingdom,WEOG,EU,Accepted,5,Death penalty,15\n",
            "Tonga,Asia,PIF,Ratify ICCPR.,France,WEOG,EU,Accepted,4,Justice,15\n",
            "Tonga,Asia,PIF,Ratify ICCPR.,United Kingdom,WEOG,EU,Accepted,5,Death penalty,15\n",
            "Tonga,Asia,PIF,Ratify ICCPR.,United Kingdom,WEOG,EU,Accepted,5,Women,15\n",
            ",,,\n",
            "Tonga,Asia,PIF,Bad.,Nowhere,WEOG,EU,Maybe,5,X,15\n",
            "Albania,EEG,OIC,Two.,Spain,WEOG,EU,Noted,4,Y,2\n",
        );
        let text = format!("{HEADER}{rows}");
        let whole = read_upr_info(&text).unwrap();
        let source = UprInfoSource::new(&text).unwrap();
        assert_eq!(source.rows_read, whole.rows_read);
        assert_eq!(source.header(), whole.header.as_deref().unwrap());
        for _ in 0..2 {
            let (records, rejected): (Vec<_>, Vec<_>) = source.records().partition(Result::is_ok);
            let records: Vec<Record> = records.into_iter().map(Result::unwrap).collect();
            let rejected: Vec<Rejected> = rejected.into_iter().map(Result::unwrap_err).collect();
            assert_eq!(records.len(), whole.records.len());
            for (a, b) in records.iter().zip(&whole.records) {
                assert_eq!((a.row, &a.raw, &a.entities), (b.row, &b.raw, &b.entities));
            }
            let rows = |r: &[Rejected]| {
                r.iter()
                    .map(|r| (r.row, r.errors.clone()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(rows(&rejected), rows(&whole.rejected));
        }
    }

    #[test]
    fn repeated_rows_are_one_recommendation_and_differing_ones_two() {
        let row = "Tonga,Asia,PIF,Ratify ICCPR.,United Kingdom,WEOG,EU,Noted,5,Death penalty,15\n";
        let p = info(&format!("{row}{row}"));
        let rec = |p: &Parsed, i: usize| p.records[i].entities.last().unwrap().id();
        assert_eq!(rec(&p, 0), rec(&p, 1));
        let other = "Tonga,Asia,PIF,Ratify ICCPR.,United Kingdom,WEOG,EU,Noted,5,Justice,15\n";
        let p = info(&format!("{row}{other}"));
        assert_ne!(rec(&p, 0), rec(&p, 1));
    }

    /// Rows of one commitment share its themes, each once, in the order
    /// rows name them; each distinct row is its own recommendation, a
    /// repeat the same one as the row it repeats.
    #[test]
    fn rows_of_one_commitment_share_its_themes_and_each_variant_is_a_recommendation() {
        let row = |issue: &str| {
            format!("Tonga,Asia,PIF,Ratify ICCPR.,United Kingdom,WEOG,EU,Accepted,5,{issue},15\n")
        };
        let text: String = [
            "Death penalty",
            "Justice",
            "Torture",
            "Justice",
            "Death penalty",
        ]
        .iter()
        .map(|issue| row(issue))
        .collect();
        let p = info(&text);
        let rec = |i: usize| p.records[i].entities.last().unwrap().id();
        assert_ne!(rec(0), rec(1));
        assert_ne!(rec(1), rec(2));
        assert_ne!(rec(0), rec(2));
        assert_eq!(rec(3), rec(1));
        assert_eq!(rec(4), rec(0));
        let themes = |i: usize| {
            p.records[i]
                .entities
                .iter()
                .find_map(|e| match e {
                    Entity::Commitment(c) => Some(c.themes.clone()),
                    _ => None,
                })
                .unwrap()
        };
        let all = themes(0);
        let place = |name: &str| {
            let places: Vec<usize> = all
                .iter()
                .enumerate()
                .filter(|(_, t)| t.as_str() == name)
                .map(|(i, _)| i)
                .collect();
            assert_eq!(places.len(), 1, "{name} once in {all:?}");
            places[0]
        };
        assert!(place("Death penalty") < place("Justice"));
        assert!(place("Justice") < place("Torture"));
        for i in 1..5 {
            assert_eq!(themes(i), all, "every row's commitment has them all");
        }
    }

    #[test]
    fn a_voluntary_pledge_is_a_pledge_of_the_state_itself() {
        let p = info(
            "Albania,EEG,OIC,\"The Government is committed to X.\",Albania,EEG,OIC,Voluntary Pledge,5,Minorities,19\n",
        );
        let c = p.records[0]
            .entities
            .iter()
            .find_map(|e| match e {
                Entity::Commitment(c) => Some(c),
                _ => None,
            })
            .unwrap();
        assert_eq!(c.origin, Origin::Pledge);
        assert!(
            !p.records[0]
                .entities
                .iter()
                .any(|e| matches!(e, Entity::Recommendation(_)))
        );
    }

    #[test]
    fn working_group_text_loses_its_number_and_states() {
        assert_eq!(
            split_wg_text(
                "96.1  Sign the Optional Protocol to the Convention against Torture (France);"
            ),
            (
                Some("96.1".into()),
                "Sign the Optional Protocol to the Convention against Torture".into()
            )
        );
        assert_eq!(
            split_wg_text("69.1   The establishment of a round table (Kuwait). );"),
            (
                Some("69.1".into()),
                "The establishment of a round table".into()
            )
        );
        assert_eq!(
            split_wg_text("129.1 Ratify the Rome Statute (ICC) (Slovakia, Spain);"),
            (Some("129.1".into()), "Ratify the Rome Statute (ICC)".into())
        );
        assert_eq!(
            split_wg_text("68.11..1  To take action"),
            (Some("68.11..1".into()), "To take action".into())
        );
    }

    #[test]
    fn working_group_rows_from_several_states_share_one_commitment() {
        let text = "text,to,decision,From,year,notes\n\"129.1 Ratify the Rome Statute (Slovakia, Spain);\",algeria,support,Slovakia,2012,\n\"129.1 Ratify the Rome Statute (Slovakia, Spain);\",algeria,support,Spain,2012,\n";
        let p = read_wg_year(text).unwrap();
        assert_eq!(p.records.len(), 2);
        let commitment = |i: usize| {
            p.records[i]
                .entities
                .iter()
                .find_map(|e| match e {
                    Entity::Commitment(c) => Some(c.clone()),
                    _ => None,
                })
                .unwrap()
        };
        assert_eq!(commitment(0), commitment(1));
        assert_eq!(commitment(0).made_on.to_string(), "2012");
        assert_eq!(commitment(0).statement, "Ratify the Rome Statute");
    }

    #[test]
    fn working_group_decisions_map_to_responses() {
        let text = "text,to,decision,From,year\n1.1 A (France);,andorra,consider,France,2011\n1.2 B (France);,andorra,reject,France,2011\n1.3 C (France);,andorra,unknown,France,2011\n";
        let p = read_wg_year(text).unwrap();
        assert_eq!(p.records.len(), 2);
        assert_eq!(p.rejected.len(), 1);
        assert_eq!(p.rejected[0].errors[0].column.as_deref(), Some("decision"));
    }

    #[test]
    fn the_session_table_runs_in_order_with_cycles() {
        for pair in SESSIONS.windows(2) {
            assert!(pair[0].starts < pair[1].starts);
            assert!(pair[0].starts <= pair[0].ends);
        }
        assert_eq!(session(12).unwrap().cycle(), 1);
        assert_eq!(session(13).unwrap().cycle(), 2);
    }
}
