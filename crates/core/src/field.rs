//! Parsed field types of the records: text that is present and of sane
//! length and characters, ISO country codes, web addresses and status keys.
//! A value of one of these types is valid, so a record holding it needs no
//! later check of that field; each parses from a `String` with the message
//! `validate` gave before, and is (de)serialised as a plain string.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{InvalidValue, Said};
use crate::validate::{MAX_TEXT, MAX_TITLE};

/// The longest web address accepted.
pub const MAX_URL: usize = 4_000;

/// Required text: not blank once trimmed, then as `check_shape`.
pub(crate) fn check_text(value: &str, max: usize, multiline: bool) -> Result<(), InvalidValue> {
    if value.trim().is_empty() {
        return Err(InvalidValue::said(Said::new("reason-empty")));
    }
    check_shape(value, max, multiline)
}

/// Length and control characters of text, as every text field checks them.
/// `multiline` lets line breaks, tabs and page breaks (form feeds, which
/// the text of a PDF keeps between its pages) through.
pub(crate) fn check_shape(value: &str, max: usize, multiline: bool) -> Result<(), InvalidValue> {
    let chars = value.chars().count();
    if chars > max {
        return Err(InvalidValue::said(
            Said::new("reason-too-long")
                .count("chars", chars)
                .count("max", max),
        ));
    }
    let bad = value
        .chars()
        .find(|c| c.is_control() && !(multiline && matches!(c, '\n' | '\r' | '\t' | '\u{c}')));
    match bad {
        Some(c) => Err(InvalidValue::said(
            Said::new("reason-control-character").text("code", format!("{:04X}", c as u32)),
        )),
        None => Ok(()),
    }
}

/// The string traits every parsed field type shares: parsing with `parse`,
/// reading as `&str`, comparing with strings, converting back into a
/// `String`, and the OpenAPI schema of a string.
macro_rules! string_field {
    ($name:ident $(<$(const $g:ident: $t:ty),+>)?) => {
        impl $(<$(const $g: $t),+>)? $name $(<$($g),+>)? {
            /// The text, as given.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The text, as given.
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl $(<$(const $g: $t),+>)? FromStr for $name $(<$($g),+>)? {
            type Err = InvalidValue;
            fn from_str(value: &str) -> Result<Self, InvalidValue> {
                Self::parse(value.to_owned())
            }
        }

        impl $(<$(const $g: $t),+>)? From<$name $(<$($g),+>)?> for String {
            fn from(value: $name $(<$($g),+>)?) -> String {
                value.0
            }
        }

        impl $(<$(const $g: $t),+>)? Deref for $name $(<$($g),+>)? {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl $(<$(const $g: $t),+>)? AsRef<str> for $name $(<$($g),+>)? {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl $(<$(const $g: $t),+>)? Borrow<str> for $name $(<$($g),+>)? {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl $(<$(const $g: $t),+>)? fmt::Display for $name $(<$($g),+>)? {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl $(<$(const $g: $t),+>)? PartialEq<str> for $name $(<$($g),+>)? {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl $(<$(const $g: $t),+>)? PartialEq<&str> for $name $(<$($g),+>)? {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl $(<$(const $g: $t),+>)? PartialEq<String> for $name $(<$($g),+>)? {
            fn eq(&self, other: &String) -> bool {
                &self.0 == other
            }
        }

        impl $(<$(const $g: $t),+>)? utoipa::PartialSchema for $name $(<$($g),+>)? {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                <String as utoipa::PartialSchema>::schema()
            }
        }

        impl $(<$(const $g: $t),+>)? utoipa::ToSchema for $name $(<$($g),+>)? {}
    };
}

/// `TryFrom<String>` and `TryFrom<&str>` through `parse`, for the types
/// that refuse values.
macro_rules! refusing_field {
    ($name:ident $(<$(const $g:ident: $t:ty),+>)?) => {
        impl $(<$(const $g: $t),+>)? TryFrom<String> for $name $(<$($g),+>)? {
            type Error = InvalidValue;
            fn try_from(value: String) -> Result<Self, InvalidValue> {
                Self::parse(value)
            }
        }

        impl $(<$(const $g: $t),+>)? TryFrom<&str> for $name $(<$($g),+>)? {
            type Error = InvalidValue;
            fn try_from(value: &str) -> Result<Self, InvalidValue> {
                Self::parse(value.to_owned())
            }
        }
    };
}

/// Required text: not blank once trimmed, at most `MAX` characters, and free
/// of control characters (line breaks and tabs allowed when `MULTILINE`).
/// The text is kept as given, untrimmed, as it always was.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct NonEmptyText<const MAX: usize, const MULTILINE: bool = false>(String);

/// A required name or title: one line of at most `MAX_TITLE` characters.
pub type Title = NonEmptyText<MAX_TITLE>;

/// A required statement, rationale or quotation: lines of at most
/// `MAX_TEXT` characters in all.
pub type Prose = NonEmptyText<MAX_TEXT, true>;

impl<const MAX: usize, const MULTILINE: bool> NonEmptyText<MAX, MULTILINE> {
    /// The text, if it is not blank and of sane length and characters.
    pub fn parse(value: impl Into<String>) -> Result<Self, InvalidValue> {
        let value = value.into();
        check_text(&value, MAX, MULTILINE)?;
        Ok(Self(value))
    }

    /// Same as `parse`, by the name tests and builders read best.
    pub fn new(value: impl Into<String>) -> Result<Self, InvalidValue> {
        Self::parse(value)
    }
}

string_field!(NonEmptyText<const MAX: usize, const MULTILINE: bool>);
refusing_field!(NonEmptyText<const MAX: usize, const MULTILINE: bool>);

/// An ISO 3166-1 alpha-2 country code: two capital letters ("KZ").
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CountryCode(String);

impl CountryCode {
    pub fn parse(value: impl Into<String>) -> Result<Self, InvalidValue> {
        let value = value.into();
        if value.len() == 2 && value.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(Self(value))
        } else {
            Err(InvalidValue::said(
                Said::new("reason-country-code").text("value", value),
            ))
        }
    }
}

string_field!(CountryCode);
refusing_field!(CountryCode);

/// A web address: http or https, no spaces, of sane length and characters.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct WebAddress(String);

impl WebAddress {
    /// The address, if it is one. Length and control characters are
    /// checked first, as `validate` did; of its two messages for one
    /// address the first is given.
    pub fn parse(value: impl Into<String>) -> Result<Self, InvalidValue> {
        let value = value.into();
        check_shape(&value, MAX_URL, false)?;
        let lower = value.to_ascii_lowercase();
        if !(lower.starts_with("http://") || lower.starts_with("https://"))
            || value.contains(char::is_whitespace)
        {
            return Err(InvalidValue::said(
                Said::new("reason-web-address").text("value", value),
            ));
        }
        Ok(Self(value))
    }
}

string_field!(WebAddress);
refusing_field!(WebAddress);

/// The key of a status of a rating scale ("partially_kept"). Whether it is a
/// status of the assessment's scale needs the scale, so `Assessment`'s
/// validation checks that, with the message naming the scale; the key
/// itself takes any text, as before.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub struct StatusKey(String);

impl StatusKey {
    /// A key; never refused here (see the type's comment).
    pub fn parse(value: impl Into<String>) -> Result<Self, InvalidValue> {
        Ok(Self::new(value))
    }

    /// A key; the scale's check comes later (see the type's comment).
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The key of a status of a built-in scale.
    pub fn of(status: &crate::scale::Status) -> Self {
        Self(status.key.to_owned())
    }
}

string_field!(StatusKey);

impl From<String> for StatusKey {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for StatusKey {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Serialize, Deserialize, PartialEq)]
    struct Sample {
        name: Title,
        statement: Prose,
        country_code: Option<CountryCode>,
        url: Option<WebAddress>,
        status: StatusKey,
    }

    fn sample_json(name: &str, country: &str) -> String {
        serde_json::json!({
            "name": name,
            "statement": "Amend the law\non assembly",
            "country_code": country,
            "url": "https://example.org/a",
            "status": "kept",
        })
        .to_string()
    }

    #[test]
    fn text_is_kept_as_given_when_valid() {
        let t = Title::new("  Kazakhstan ").unwrap();
        assert_eq!(t, "  Kazakhstan ");
        assert_eq!(t.as_str(), "  Kazakhstan ");
        assert_eq!(t.to_string(), "  Kazakhstan ");
        assert!(Prose::new("line one\nline two\ttab").is_ok());
    }

    #[test]
    fn blank_text_is_refused() {
        for blank in ["", "   ", "\n\t"] {
            assert_eq!(Title::new(blank).unwrap_err().reason, "must not be empty");
        }
    }

    #[test]
    fn long_text_is_refused_with_its_length() {
        let e = NonEmptyText::<3>::new("abcd").unwrap_err();
        assert_eq!(e.reason, "is 4 characters long; at most 3 are allowed");
        assert!(NonEmptyText::<3>::new("абв").is_ok(), "counts characters");
        let long = "x".repeat(MAX_TITLE + 1);
        assert!(Title::new(long).is_err());
    }

    #[test]
    fn control_characters_are_refused_and_line_breaks_only_in_prose() {
        assert_eq!(
            Title::new("Director\u{0}").unwrap_err().reason,
            "contains the control character U+0000, which is not allowed here"
        );
        assert_eq!(
            Title::new("two\nlines").unwrap_err().reason,
            "contains the control character U+000A, which is not allowed here"
        );
        assert!(Prose::new("two\r\nlines").is_ok());
        assert!(Prose::new("bell\u{7}").is_err());
    }

    #[test]
    fn country_codes_are_two_capital_letters() {
        assert_eq!(CountryCode::parse("KZ").unwrap(), "KZ");
        for bad in ["kz", "KAZ", "K", "", "K1", "ÄB"] {
            assert_eq!(
                CountryCode::parse(bad).unwrap_err().reason,
                format!("'{bad}' is not an ISO 3166-1 alpha-2 code (two capital letters)")
            );
        }
    }

    #[test]
    fn web_addresses_are_http_or_https_without_spaces() {
        assert!(WebAddress::parse("https://example.org/x?y=1").is_ok());
        assert!(WebAddress::parse("HTTP://EXAMPLE.ORG").is_ok());
        for bad in ["ftp://example.org", "example.org", "https://a b"] {
            assert_eq!(
                WebAddress::parse(bad).unwrap_err().reason,
                format!(
                    "'{bad}' is not a web address (expected http:// or https:// and no spaces)"
                )
            );
        }
        let long = format!("https://{}", "a".repeat(MAX_URL));
        assert!(
            WebAddress::parse(long)
                .unwrap_err()
                .reason
                .contains("at most 4000")
        );
    }

    #[test]
    fn status_keys_take_any_text_and_compare_with_strings() {
        let key: StatusKey = "partially_kept".parse().unwrap();
        assert_eq!(key, "partially_kept");
        assert_eq!(&*key, "partially_kept");
    }

    #[test]
    fn fields_round_trip_through_json_as_plain_strings() {
        let json = sample_json("Kazakhstan", "KZ");
        let sample: Sample = serde_json::from_str(&json).unwrap();
        let back = serde_json::to_value(&sample).unwrap();
        assert_eq!(
            back,
            serde_json::from_str::<serde_json::Value>(&json).unwrap()
        );
        assert_eq!(sample.country_code.as_deref(), Some("KZ"));
    }

    #[test]
    fn a_refused_value_fails_deserialisation_naming_the_field() {
        for (json, field, reason) in [
            (sample_json(" ", "KZ"), "name", "must not be empty"),
            (sample_json("K", "kz"), "country_code", "'kz' is not an ISO"),
        ] {
            let mut de = serde_json::Deserializer::from_str(&json);
            let e = serde_path_to_error::deserialize::<_, Sample>(&mut de).unwrap_err();
            assert_eq!(e.path().to_string(), field);
            assert!(e.inner().to_string().starts_with(reason), "{e}");
        }
    }

    #[test]
    fn a_record_holding_a_refused_value_is_not_read_and_the_field_is_named() {
        use crate::model::{Entity, EntityKind, FromJsonError};
        let actor = serde_json::json!({
            "id": "7b0cf3ff-2a36-4c1c-9e0b-3d1cc1ac7f37",
            "kind": "state",
            "name": "Kazakhstan",
            "country_code": "KZ",
            "roles": [],
        });
        assert!(Entity::from_json(EntityKind::Actor, &actor).is_ok());
        for (field, value, reason) in [
            ("name", " ", "must not be empty"),
            (
                "country_code",
                "kz",
                "'kz' is not an ISO 3166-1 alpha-2 code",
            ),
        ] {
            let mut broken = actor.clone();
            broken[field] = value.into();
            let err = Entity::from_json(EntityKind::Actor, &broken).unwrap_err();
            assert!(
                matches!(&err, FromJsonError::Invalid { path, reason: r }
                    if path == field && r.starts_with(reason)),
                "{err:?}"
            );
        }
    }

    #[test]
    fn a_dataset_names_refused_values_as_the_records_rules_did() {
        use crate::dataset;
        let mut d: serde_json::Value = serde_json::from_str(dataset::DEMO).unwrap();
        d["actors"][0]["name"] = " ".into();
        d["sources"][0]["url"] = "ftp://example.org".into();
        let statement = d["commitments"][0]["statement"]
            .as_str()
            .unwrap()
            .to_owned();
        d["commitments"][0]["statement"] = format!("{statement}\u{0}").into();
        let parsed = dataset::parse(&d.to_string()).unwrap();
        let errors = dataset::convert(&parsed).unwrap_err();
        let found: Vec<String> = errors.0.iter().map(ToString::to_string).collect();
        // A record is named by the first 40 characters of its name.
        let label = |text: &str| text.chars().take(40).collect::<String>();
        let source_title = label(d["sources"][0]["title"].as_str().unwrap());
        let statement = label(&format!("{statement}\u{0}"));
        for expected in [
            "actor ' '.name: must not be empty".to_owned(),
            format!(
                "source '{source_title}'.url: 'ftp://example.org' is not a web address (expected http:// or https:// and no spaces)"
            ),
            format!(
                "commitment '{statement}'.statement: contains the control character U+0000, which is not allowed here"
            ),
        ] {
            assert!(found.contains(&expected), "{expected} not in {found:#?}");
        }
    }

    #[test]
    fn the_schema_is_a_plain_string() {
        use utoipa::PartialSchema;
        let schema = serde_json::to_value(Title::schema()).unwrap();
        let string = serde_json::to_value(String::schema()).unwrap();
        assert_eq!(schema, string);
        assert_eq!(serde_json::to_value(CountryCode::schema()).unwrap(), string);
    }
}
