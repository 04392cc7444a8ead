//! Texts that speak of a situation as of a date, and the organisation that
//! publishes a dossier's documents.
//!
//! A concern's description or a dossier's summary describes the world as it
//! was on some day; a view as of a later day shows the latest text not after
//! that day, so that nothing written later leaks into an earlier view
//! (docs/decisions/0021-knowledge-as-of-a-date.md).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// An earlier text of a dated description: what it said as of `as_of`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DatedText {
    pub as_of: NaiveDate,
    pub text: String,
}

/// The latest of a description's texts not after `day`: the current text
/// (dated `current_as_of`) or one of its `earlier` versions.
pub fn text_as_of<'a>(
    current: &'a str,
    current_as_of: NaiveDate,
    earlier: &'a [DatedText],
    day: NaiveDate,
) -> Option<&'a str> {
    earlier
        .iter()
        .map(|t| (t.as_of, t.text.as_str()))
        .chain([(current_as_of, current)])
        .filter(|(date, _)| *date <= day)
        .max_by_key(|(date, _)| *date)
        .map(|(_, text)| text)
}

named_enum!(
    /// The spelling convention of a document's fixed text.
    Spelling, "a spelling convention" {
        Us,
        Uk,
    }
);

// `named_enum!` takes no attributes on variants, so `#[default]` cannot be used.
#[allow(clippy::derivable_impls)]
impl Default for Spelling {
    /// US spelling, as Human Rights Watch and the UN's English style use.
    fn default() -> Self {
        Spelling::Us
    }
}

/// The organisation that publishes a dossier's documents: the letterhead
/// and sender of its letters, the author of its memoranda.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Publisher {
    pub name: String,
    #[serde(default)]
    pub address: Vec<String>,
    #[serde(default)]
    pub website: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub spelling: Spelling,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_latest_text_not_after_the_day_is_shown() {
        let earlier = vec![DatedText {
            as_of: day("2008-05-28"),
            text: "then".into(),
        }];
        let now = day("2021-01-01");
        assert_eq!(text_as_of("now", now, &earlier, day("2008-05-27")), None);
        assert_eq!(
            text_as_of("now", now, &earlier, day("2008-05-28")),
            Some("then")
        );
        assert_eq!(
            text_as_of("now", now, &earlier, day("2020-12-31")),
            Some("then")
        );
        assert_eq!(
            text_as_of("now", now, &earlier, day("2021-01-01")),
            Some("now")
        );
    }
}
