//! Sources: the documents commitments and developments are read from, with
//! the digest that names a stored file.

use serde::{Deserialize, Serialize};

use super::{Column, ColumnType, ColumnValue, EntityKind, FieldShape, Record, shorten};
use crate::date::PreciseDate;
use crate::error::{InvalidValue, Said, ValidationErrors};
use crate::facts::ResolvedDate;
use crate::field::WebAddress;
use crate::ids::SourceId;
use crate::search::SearchDocument;
use crate::validate::{Check, MAX_DOCUMENT, MAX_TEXT, MAX_TITLE};

/// A SHA-256 digest, as 64 lowercase hexadecimal digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(try_from = "String", into = "String")]
pub struct Sha256Hex(String);

impl Sha256Hex {
    pub fn parse(text: &str) -> Result<Self, InvalidValue> {
        if text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
            Ok(Self(text.to_owned()))
        } else {
            Err(InvalidValue::said(
                Said::new("reason-sha256").text("value", text),
            ))
        }
    }

    pub fn of(bytes: &[u8]) -> Self {
        use sha2::Digest;
        Self(hex::encode(sha2::Sha256::digest(bytes)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Sha256Hex {
    type Error = InvalidValue;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Sha256Hex> for String {
    fn from(value: Sha256Hex) -> String {
        value.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Source {
    pub id: SourceId,
    pub title: String,
    pub publisher: Option<String>,
    pub author: Option<String>,
    pub published: Option<PreciseDate>,
    #[schema(value_type = Option<String>)]
    pub url: Option<WebAddress>,
    /// BCP 47 language tag ("en", "ru", "fr").
    pub language: Option<String>,
    /// Confidential sources are never shown to the public.
    pub confidential: bool,
    /// The document's text, for search.
    pub text: Option<String>,
    /// The stored file, identified by its content.
    pub file_sha256: Option<Sha256Hex>,
    pub note: Option<String>,
    /// For a source whose publication date is unknown: the day from which
    /// the record treats it as known.
    #[serde(default)]
    pub known_from: Option<PreciseDate>,
    /// One of the organisation's own outputs about the dossier (its
    /// memoranda, letters): documents never cite it, though it still dates
    /// what it records.
    #[serde(default)]
    pub own_document: bool,
}

impl Source {
    /// The first day on which the source is surely known: the last day its
    /// publication date (or, for an undated source, its known-from date) can
    /// stand for. `None` when it has neither.
    pub fn known_on(&self) -> Option<chrono::NaiveDate> {
        self.published.or(self.known_from).map(|date| date.latest())
    }
}

impl Record for Source {
    type Id = SourceId;
    const KIND: EntityKind = EntityKind::Source;
    const FIELDS: &'static [(&'static str, FieldShape)] = &[
        ("id", FieldShape::Text),
        ("title", FieldShape::Text),
        ("publisher", FieldShape::Optional),
        ("author", FieldShape::Optional),
        ("published", FieldShape::Optional),
        ("url", FieldShape::Optional),
        ("language", FieldShape::Optional),
        ("confidential", FieldShape::Bool),
        ("text", FieldShape::Optional),
        ("file_sha256", FieldShape::Optional),
        ("note", FieldShape::Optional),
        ("known_from", FieldShape::Optional),
        ("own_document", FieldShape::Bool),
    ];
    const COLUMNS: &'static [Column] = &[
        Column::new("title", ColumnType::Text),
        Column::new("publisher", ColumnType::Text),
        Column::new("published_on", ColumnType::Date),
        Column::new("published_precision", ColumnType::Text),
        Column::new("url", ColumnType::Text),
        Column::new("language", ColumnType::Text),
        Column::new("confidential", ColumnType::Bool),
        Column::new("file_sha256", ColumnType::Text),
    ];

    fn id(&self) -> SourceId {
        self.id
    }

    fn label(&self) -> String {
        shorten(&self.title, 100)
    }

    fn column_values(&self, _: Option<ResolvedDate>) -> Vec<ColumnValue> {
        vec![
            ColumnValue::text(&self.title),
            ColumnValue::opt_text(self.publisher.as_deref()),
            ColumnValue::Date(self.published.map(|d| d.earliest())),
            ColumnValue::opt_text(self.published.map(|d| d.precision().as_str())),
            ColumnValue::opt_text(self.url.as_deref()),
            ColumnValue::opt_text(self.language.as_deref()),
            ColumnValue::Bool(Some(self.confidential)),
            ColumnValue::opt_text(self.file_sha256.as_ref().map(Sha256Hex::as_str)),
        ]
    }

    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut c = Check::new();
        c.text("title", &self.title, MAX_TITLE, false);
        c.optional("publisher", &self.publisher, MAX_TITLE, false);
        c.optional("author", &self.author, MAX_TITLE, false);
        if let Some(lang) = &self.language
            && (lang.is_empty()
                || lang.len() > 35
                || !lang.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        {
            c.push(
                "language",
                Said::new("reason-language-tag").text("value", lang),
            );
        }
        if self.published.is_none() && self.known_from.is_none() {
            // Without either, no view as of a date could say whether the
            // source was known then (docs/decisions/0021).
            c.push("published", Said::new("reason-source-needs-date"));
        }
        if self.published.is_some() && self.known_from.is_some() {
            c.push("known_from", Said::new("reason-known-from-only-unknown"));
        }
        c.optional("text", &self.text, MAX_DOCUMENT, true);
        c.optional("note", &self.note, MAX_TEXT, true);
        c.finish()
    }

    fn search_document(&self) -> Option<SearchDocument> {
        Some(SearchDocument::of(
            &self.title,
            &[
                Some(&self.title),
                self.publisher.as_deref(),
                self.author.as_deref(),
                self.text.as_deref(),
            ],
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_digest_is_the_lowercase_hex_of_sha256() {
        assert_eq!(
            Sha256Hex::of(b"abc").as_str(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(Sha256Hex::parse(&"A".repeat(64)).is_err());
    }

    fn undated() -> Source {
        Source {
            id: SourceId::new(),
            title: "Minutes of a meeting".into(),
            publisher: None,
            author: None,
            published: None,
            url: None,
            language: None,
            confidential: false,
            text: None,
            file_sha256: None,
            note: None,
            known_from: None,
            own_document: false,
        }
    }

    #[test]
    fn a_source_needs_a_publication_date_or_a_known_from_date() {
        let errors = undated().validate().unwrap_err();
        let named: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(named, ["published"]);
        assert!(errors.0[0].reason.contains("known from"), "{errors:?}");
        let mut dated = undated();
        dated.published = Some(PreciseDate::parse("2008-05").unwrap());
        assert!(dated.validate().is_ok());
        let mut known = undated();
        known.known_from = Some(PreciseDate::parse("2008-05-28").unwrap());
        assert!(known.validate().is_ok());
    }
}
