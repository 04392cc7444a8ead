//! Reading a form's submitted text into typed parts: each reader returns
//! the part, or `None` after recording why under the field's name, so that a
//! kind's `into_entity` collects every error and builds its record only
//! when every part is there. The wording of every message lives here.

use pledgewatch_core::date::{PreciseDate, parse_day};
use pledgewatch_core::error::{FieldError, InvalidValue, Said, ValidationErrors};
use pledgewatch_core::ids::{CommitmentId, ConcernId};
use pledgewatch_core::model::Target;
use uuid::Uuid;

/// An input of a form struct with its name, as `at!(self.title)` gives it:
/// the field's name is the input's, so an error is filed under the input
/// the compiler knows.
pub type At<'a, T> = (&'static str, &'a T);

/// The errors found so far in one submission.
#[derive(Debug, Default)]
pub struct Parser {
    pub errors: ValidationErrors,
}

/// Trimmed text, `None` when empty. Line ends are normalised.
pub fn text(value: &Option<String>) -> Option<String> {
    value
        .as_ref()
        .map(|s| s.replace("\r\n", "\n").trim().to_owned())
        .filter(|s| !s.is_empty())
}

/// The non-empty trimmed lines of a text.
/// The parts of a form line's `text` between the separators `sep` that are
/// not escaped (`\|`, `\;`), each trimmed and still escaped: a column, or
/// an item of a column's list.
pub fn split_escaped(text: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut start, mut escaped) = (0, false);
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            c if c == sep => {
                parts.push(text[start..i].trim());
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(text[start..].trim());
    parts
}

/// A part of [`split_escaped`] as written: `\|`, `\;` and `\\` undone
/// (any other backslash kept).
pub fn unescaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('\\', Some(&next @ ('\\' | '|' | ';'))) => {
                out.push(next);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// `text` written as a part of a form line, read back by [`split_escaped`]
/// and [`unescaped`] as itself: its backslashes and separators escaped.
pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '|' | ';') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

pub fn lines(value: &Option<String>) -> Vec<String> {
    text(value)
        .map(|t| {
            t.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

impl Parser {
    pub fn push(&mut self, field: &str, reason: Said) {
        self.errors.push(FieldError::said(field, reason));
    }

    /// Whether an error is already recorded for `field`.
    pub fn has_error(&self, field: &str) -> bool {
        self.errors.0.iter().any(|e| e.field == field)
    }

    /// Whether the submission parsed without any error so far.
    pub fn ok(&self) -> bool {
        self.errors.is_empty()
    }

    pub fn required(&mut self, (name, value): At<Option<String>>) -> Option<String> {
        let text = text(value);
        if text.is_none() {
            self.push(name, Said::new(super::REQUIRED));
        }
        text
    }

    /// Required text of a parsed field type (a title, a statement...): the
    /// type's own rules give the message when it does not parse.
    pub fn required_as<T: TryFrom<String, Error = InvalidValue>>(
        &mut self,
        (name, value): At<Option<String>>,
    ) -> Option<T> {
        let text = self.required((name, value))?;
        T::try_from(text)
            .map_err(|e| self.errors.push(e.at(name)))
            .ok()
    }

    /// Optional text of a parsed field type: `Some(None)` when left empty,
    /// `None` when it does not parse (the error recorded).
    pub fn optional_as<T: TryFrom<String, Error = InvalidValue>>(
        &mut self,
        (name, value): At<Option<String>>,
    ) -> Option<Option<T>> {
        match text(value) {
            Some(text) => T::try_from(text)
                .map(Some)
                .map_err(|e| self.errors.push(e.at(name)))
                .ok(),
            None => Some(None),
        }
    }

    pub fn date(&mut self, (name, value): At<Option<String>>) -> Option<PreciseDate> {
        let text = text(value)?;
        PreciseDate::parse(&text)
            .map_err(|e| self.errors.push(e.at(name)))
            .ok()
    }

    pub fn required_date(&mut self, (name, value): At<Option<String>>) -> Option<PreciseDate> {
        self.required((name, value))?;
        self.date((name, value))
    }

    /// A day (YYYY-MM-DD), if given.
    pub fn day(&mut self, (name, value): At<Option<String>>) -> Option<chrono::NaiveDate> {
        let text = text(value)?;
        parse_day(&text)
            .map_err(|e| self.errors.push(e.at(name)))
            .ok()
    }

    /// A day (YYYY-MM-DD), required.
    pub fn required_day(&mut self, (name, value): At<Option<String>>) -> Option<chrono::NaiveDate> {
        let text = self.required((name, value))?;
        parse_day(&text)
            .map_err(|e| self.errors.push(e.at(name)))
            .ok()
    }

    /// A name of a closed set, required.
    pub fn named<T>(
        &mut self,
        (name, value): At<Option<String>>,
        parse: fn(&str) -> Result<T, InvalidValue>,
    ) -> Option<T> {
        let text = self.required((name, value))?;
        parse(&text).map_err(|e| self.errors.push(e.at(name))).ok()
    }

    /// A name of a closed set that may be left empty.
    pub fn optional_named<T>(
        &mut self,
        (name, value): At<Option<String>>,
        parse: fn(&str) -> Result<T, InvalidValue>,
    ) -> Option<T> {
        let text = text(value)?;
        parse(&text).map_err(|e| self.errors.push(e.at(name))).ok()
    }

    /// The id of a chosen record, or `None` when none is chosen; `make` is
    /// the id type's constructor.
    pub fn id<I>(&mut self, (name, value): At<Option<String>>, make: fn(Uuid) -> I) -> Option<I> {
        let text = text(value)?;
        match Uuid::parse_str(&text) {
            Ok(id) => Some(make(id)),
            Err(_) => {
                self.push(name, not_a_choice(&text));
                None
            }
        }
    }

    pub fn required_id<I>(
        &mut self,
        (name, value): At<Option<String>>,
        make: fn(Uuid) -> I,
    ) -> Option<I> {
        if text(value).is_none() {
            self.push(name, Said::new(super::CHOOSE_ONE));
            return None;
        }
        self.id((name, value), make)
    }

    /// The ids chosen in a multi-select, skipping empty choices; an id
    /// chosen twice is kept once, where it first stands.
    pub fn ids<I: PartialEq>(
        &mut self,
        (name, values): At<Vec<String>>,
        make: fn(Uuid) -> I,
    ) -> Vec<I> {
        let mut ids = Vec::new();
        for v in values.iter().filter(|v| !v.trim().is_empty()) {
            match Uuid::parse_str(v.trim()) {
                Ok(id) => push_once(&mut ids, make(id)),
                Err(_) => self.push(name, not_a_choice(v)),
            }
        }
        ids
    }

    /// The targets chosen in a multi-select of commitments and concerns;
    /// one chosen twice is kept once, where it first stands.
    pub fn targets(&mut self, (name, values): At<Vec<String>>) -> Vec<Target> {
        let mut targets = Vec::new();
        for v in values {
            match parse_target(v) {
                Some(t) => push_once(&mut targets, t),
                None => self.push(name, not_a_choice(v)),
            }
        }
        targets
    }

    /// The result of a submission: the record, built only when every part
    /// parsed, or every error found. (`build` gives `None` only for a part
    /// that is missing, whose reader has recorded why.)
    pub fn finish<T>(self, build: impl FnOnce() -> Option<T>) -> Result<T, ValidationErrors> {
        if !self.ok() {
            return Err(self.errors);
        }
        build().ok_or(self.errors)
    }
}

/// Adds a choice unless it is already there (a repeated form value, as a
/// hand-made or replayed request may send, is one choice).
fn push_once<T: PartialEq>(list: &mut Vec<T>, item: T) {
    if !list.contains(&item) {
        list.push(item);
    }
}

/// Why a submitted choice is refused.
fn not_a_choice(value: &str) -> Said {
    Said::new("reason-not-a-choice").text("value", value)
}

/// A commitment or concern as a choice's value ("commitment:<id>").
pub fn target_value(t: &Target) -> String {
    match t {
        Target::Commitment(id) => format!("commitment:{id}"),
        Target::Concern(id) => format!("concern:{id}"),
    }
}

pub fn parse_target(text: &str) -> Option<Target> {
    let (kind, id) = text.split_once(':')?;
    let id = Uuid::parse_str(id).ok()?;
    match kind {
        "commitment" => Some(Target::Commitment(CommitmentId(id))),
        "concern" => Some(Target::Concern(ConcernId(id))),
        _ => None,
    }
}
