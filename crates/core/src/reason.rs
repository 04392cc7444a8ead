//! Reasons in words: why a value, a form or an action is refused, as a
//! message of the catalogue (mostly the `reasons` family) with named
//! arguments, so that each reader sees it in their language while the
//! command line and the JSON API keep the English the catalogue gives.
//!
//! A [`Said`] is the message; [`Reason`] is a refusal's English with the
//! message it came from, if any (a third party's error has none, and shows
//! as written in every language).
//!
//! Arguments keep what they are: text (shown as given: a typed value, a
//! name), a count (which picks the plural form), a date (ISO in English, as
//! typed in the forms and read by scripts; written out in the reader's
//! words elsewhere), a kind of record (its key in English, its word
//! elsewhere), a stored key (itself in English, its name elsewhere) or
//! another message (a part of a sentence).

use std::fmt;

use crate::date::PreciseDate;
use crate::lang::{Args, Lang};

/// A message of the catalogue with its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    id: &'static str,
    args: Vec<(&'static str, Arg)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Arg {
    Text(String),
    Number(i64),
    Date(PreciseDate),
    Kind(String),
    Key { key: String, id: String },
    Said(Box<Said>),
    List(Vec<Said>, &'static str),
}

impl Said {
    /// The message `id`, without arguments so far.
    pub fn new(id: &'static str) -> Self {
        Self {
            id,
            args: Vec::new(),
        }
    }

    /// Text shown as given in every language (a typed value, a name).
    pub fn text(mut self, name: &'static str, value: impl fmt::Display) -> Self {
        self.args.push((name, Arg::Text(value.to_string())));
        self
    }

    /// A number; a count picks the plural form.
    pub fn num(mut self, name: &'static str, value: impl Into<i64>) -> Self {
        self.args.push((name, Arg::Number(value.into())));
        self
    }

    /// A count of things (a length, a number of lines).
    pub fn count(self, name: &'static str, value: usize) -> Self {
        self.num(name, i64::try_from(value).unwrap_or(i64::MAX))
    }

    /// A date, as precise as it is known.
    pub fn date(mut self, name: &'static str, value: &PreciseDate) -> Self {
        self.args.push((name, Arg::Date(*value)));
        self
    }

    /// A day.
    pub fn day(self, name: &'static str, value: chrono::NaiveDate) -> Self {
        self.date(name, &PreciseDate::day(value))
    }

    /// A kind of record, by its key ("commitment", "recipient_list").
    pub fn kind(mut self, name: &'static str, key: impl fmt::Display) -> Self {
        self.args.push((name, Arg::Kind(key.to_string())));
        self
    }

    /// A kind of record, by its key, as a word in every language ("recipient
    /// list").
    pub fn kind_word(mut self, name: &'static str, key: impl fmt::Display) -> Self {
        let key = key.to_string();
        self.args.push((
            name,
            Arg::Key {
                id: format!("kind-{key}"),
                key: crate::wording::kind(Lang::En, &key),
            },
        ));
        self
    }

    /// A stored key: itself in English, the message `id` elsewhere (a
    /// scale's key and its name).
    pub fn key(mut self, name: &'static str, key: impl fmt::Display, id: String) -> Self {
        self.args.push((
            name,
            Arg::Key {
                key: key.to_string(),
                id,
            },
        ));
        self
    }

    /// Another message, as a part of this one.
    pub fn said(mut self, name: &'static str, value: Said) -> Self {
        self.args.push((name, Arg::Said(Box::new(value))));
        self
    }

    /// Other messages, as a list joined by `separator` (", ").
    pub fn list(mut self, name: &'static str, items: Vec<Said>, separator: &'static str) -> Self {
        self.args.push((name, Arg::List(items, separator)));
        self
    }

    /// The message's id.
    pub fn id(&self) -> &'static str {
        self.id
    }

    /// The message in English, as the command line and the API give it.
    pub fn english(&self) -> String {
        self.in_lang(Lang::En)
    }

    /// The message in `lang`.
    pub fn in_lang(&self, lang: Lang) -> String {
        lang.tr(self.id, &self.args(lang))
    }

    fn args(&self, lang: Lang) -> Args {
        let english = lang == Lang::En;
        self.args
            .iter()
            .fold(Args::new(), |args, (name, arg)| match arg {
                Arg::Text(text) => args.str(*name, text.clone()),
                Arg::Number(n) => args.num(*name, *n as f64),
                Arg::Date(date) if english => args.str(*name, date.to_string()),
                Arg::Date(date) => args.str(*name, crate::wording::precise(lang, date)),
                Arg::Kind(key) if english => args.str(*name, key.clone()),
                Arg::Kind(key) => args.str(*name, crate::wording::kind(lang, key)),
                Arg::Key { key, .. } if english => args.str(*name, key.clone()),
                Arg::Key { id, .. } => args.str(*name, lang.t(id)),
                Arg::Said(said) => args.str(*name, said.in_lang(lang)),
                Arg::List(items, separator) => args.str(
                    *name,
                    items
                        .iter()
                        .map(|s| s.in_lang(lang))
                        .collect::<Vec<_>>()
                        .join(separator),
                ),
            })
    }
}

impl fmt::Display for Said {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.english())
    }
}

/// A field's name in a reason shown on its own (an error page, not next to
/// the field): the message `reason-field-NAME` where the catalogue has one
/// (the English of each is the name itself), else the name as given.
pub fn field_name(lang: Lang, field: &str) -> String {
    let id = format!("reason-field-{}", field.replace(['_', '.'], "-"));
    if lang.has(&id) {
        lang.t(&id)
    } else {
        field.to_owned()
    }
}

/// Why something was refused: its English, and the message it came from
/// when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    english: String,
    said: Option<Said>,
}

impl Reason {
    /// The reason in English, as the command line and the API give it.
    pub fn as_str(&self) -> &str {
        &self.english
    }

    /// The message, if the reason is one of the catalogue.
    pub fn said(&self) -> Option<&Said> {
        self.said.as_ref()
    }

    /// The reason in `lang` (as written, when it is not a message).
    pub fn in_lang(&self, lang: Lang) -> String {
        match &self.said {
            Some(said) => said.in_lang(lang),
            None => self.english.clone(),
        }
    }
}

impl From<Said> for Reason {
    fn from(said: Said) -> Self {
        Self {
            english: said.english(),
            said: Some(said),
        }
    }
}

impl From<String> for Reason {
    fn from(english: String) -> Self {
        Self {
            english,
            said: None,
        }
    }
}

impl From<&str> for Reason {
    fn from(english: &str) -> Self {
        english.to_owned().into()
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.english)
    }
}

#[cfg(test)]
mod tests;
