//! Editing a dated text adds a new dated version: the rule a concern's
//! description and a dossier's summary follow when they are edited
//! (docs/decisions/0021-knowledge-as-of-a-date.md).
//!
//! Given the current text (with the day it speaks as of) and its earlier
//! versions, an edit to `text` as of `as_of`:
//! - with a later day and another text, keeps the current text as an
//!   earlier version and makes `text` the current one;
//! - with the same day, replaces the current text (a correction);
//! - with the same text, moves the day (a correction of the date), as long
//!   as it stays after every earlier version;
//! - with an earlier day and another text, is refused: the record would say
//!   that the situation described later was known first;
//! - without a day, is refused when the current text is dated.
//!
//! An undated current text (stored before texts were dated) has no day to be
//! kept under: an edit replaces it.

use chrono::NaiveDate;

use super::{Concern, DatedText, Dossier};
use crate::error::{FieldError, Said};

/// A dated text as stored: the current text, its day, its earlier versions.
struct Versions<'a> {
    current: String,
    current_as_of: Option<NaiveDate>,
    earlier: &'a mut Vec<DatedText>,
}

impl Versions<'_> {
    /// Applies the edit; `field` names the date's field in errors. Returns
    /// the new current text and day.
    fn revise(
        self,
        text: String,
        as_of: Option<NaiveDate>,
        field: &str,
    ) -> Result<(String, Option<NaiveDate>), FieldError> {
        let Some(old_day) = self.current_as_of else {
            return Ok((text, as_of));
        };
        let Some(day) = as_of else {
            return Err(FieldError::said(
                field,
                Said::new("reason-revision-needs-day").day("current", old_day),
            ));
        };
        let last_earlier = self.earlier.iter().map(|t| t.as_of).max();
        if text == self.current {
            if last_earlier.is_some_and(|e| day <= e) {
                return Err(FieldError::said(
                    field,
                    Said::new("reason-revision-not-after-earlier")
                        .day("day", day)
                        .day("earlier", last_earlier.unwrap_or(day)),
                ));
            }
            return Ok((text, Some(day)));
        }
        if day < old_day {
            return Err(FieldError::said(
                field,
                Said::new("reason-revision-before-current")
                    .day("day", day)
                    .day("current", old_day),
            ));
        }
        if day > old_day {
            self.earlier.push(DatedText {
                as_of: old_day,
                text: self.current,
            });
        }
        Ok((text, Some(day)))
    }
}

impl Concern {
    /// Edits the description to `text`, speaking as of `as_of`, keeping the
    /// current one as an earlier version when the day is later.
    pub fn revise_description(
        &mut self,
        text: super::super::field::Prose,
        as_of: Option<NaiveDate>,
    ) -> Result<(), FieldError> {
        let versions = Versions {
            current: self.description.to_string(),
            current_as_of: self.description_as_of,
            earlier: &mut self.earlier_descriptions,
        };
        let (_, day) = versions.revise(text.to_string(), as_of, "description_as_of")?;
        self.description = text;
        self.description_as_of = day;
        Ok(())
    }

    /// This concern as edited into `edited`: its description revised by the
    /// rule above, unless `edited` sets the earlier versions itself (a
    /// non-empty list; an empty one keeps the stored versions).
    pub fn revised_into(&self, mut edited: Concern) -> Result<Concern, FieldError> {
        if !edited.earlier_descriptions.is_empty()
            && edited.earlier_descriptions != self.earlier_descriptions
        {
            return Ok(edited);
        }
        let mut revised = self.clone();
        revised.revise_description(edited.description.clone(), edited.description_as_of)?;
        edited.description = revised.description;
        edited.description_as_of = revised.description_as_of;
        edited.earlier_descriptions = revised.earlier_descriptions;
        Ok(edited)
    }
}

impl Dossier {
    /// Edits the summary to `text`, speaking as of `as_of`, keeping the
    /// current one as an earlier version when the day is later. Removing the
    /// summary keeps nothing.
    pub fn revise_summary(
        &mut self,
        text: Option<String>,
        as_of: Option<NaiveDate>,
    ) -> Result<(), FieldError> {
        let (Some(current), Some(new)) = (self.summary.clone(), text.clone()) else {
            self.summary = text;
            self.summary_as_of = as_of;
            return Ok(());
        };
        let versions = Versions {
            current,
            current_as_of: self.summary_as_of,
            earlier: &mut self.earlier_summaries,
        };
        let (_, day) = versions.revise(new, as_of, "summary_as_of")?;
        self.summary = text;
        self.summary_as_of = day;
        Ok(())
    }

    /// This dossier as edited into `edited`: its summary revised by the rule
    /// above, unless `edited` sets the earlier versions itself (a non-empty
    /// list; an empty one keeps the stored versions).
    pub fn revised_into(&self, mut edited: Dossier) -> Result<Dossier, FieldError> {
        if !edited.earlier_summaries.is_empty()
            && edited.earlier_summaries != self.earlier_summaries
        {
            return Ok(edited);
        }
        let mut revised = self.clone();
        revised.revise_summary(edited.summary.clone(), edited.summary_as_of)?;
        edited.summary = revised.summary;
        edited.summary_as_of = revised.summary_as_of;
        edited.earlier_summaries = revised.earlier_summaries;
        Ok(edited)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::ConcernId;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn concern(text: &str, as_of: Option<&str>) -> Concern {
        Concern {
            id: ConcernId::new(),
            title: "Harassment of journalists".parse().unwrap(),
            description: text.parse().unwrap(),
            themes: vec![],
            description_as_of: as_of.map(day),
            earlier_descriptions: vec![],
        }
    }

    #[test]
    fn a_later_text_keeps_the_current_one_as_an_earlier_version() {
        let mut c = concern("In 2008, journalists were sued.", Some("2008-05-28"));
        c.revise_description(
            "By 2009, two were jailed.".parse().unwrap(),
            Some(day("2009-05-20")),
        )
        .unwrap();
        assert_eq!(c.description.to_string(), "By 2009, two were jailed.");
        assert_eq!(c.description_as_of, Some(day("2009-05-20")));
        assert_eq!(
            c.earlier_descriptions,
            vec![DatedText {
                as_of: day("2008-05-28"),
                text: "In 2008, journalists were sued.".into()
            }]
        );
    }

    #[test]
    fn the_same_day_replaces_the_text() {
        let mut c = concern("Journalists sued.", Some("2008-05-28"));
        c.revise_description(
            "Journalists were sued.".parse().unwrap(),
            Some(day("2008-05-28")),
        )
        .unwrap();
        assert_eq!(c.description.to_string(), "Journalists were sued.");
        assert!(c.earlier_descriptions.is_empty());
    }

    #[test]
    fn an_earlier_day_than_the_current_text_is_refused_with_the_field_named() {
        let mut c = concern("Journalists sued.", Some("2009-05-20"));
        let err = c
            .revise_description("Something else.".parse().unwrap(), Some(day("2008-01-01")))
            .unwrap_err();
        assert_eq!(err.field, "description_as_of");
        assert!(err.reason.contains("2009-05-20"), "{}", err.reason);
        assert_eq!(
            c.description.to_string(),
            "Journalists sued.",
            "nothing changed"
        );
    }

    #[test]
    fn the_same_text_may_have_its_day_corrected_but_not_before_an_earlier_version() {
        let mut c = concern("Then.", Some("2008-05-28"));
        c.revise_description("Now.".parse().unwrap(), Some(day("2009-05-20")))
            .unwrap();
        c.revise_description("Now.".parse().unwrap(), Some(day("2009-02-01")))
            .unwrap();
        assert_eq!(c.description_as_of, Some(day("2009-02-01")));
        assert!(
            c.revise_description("Now.".parse().unwrap(), Some(day("2008-05-28")))
                .is_err()
        );
    }

    #[test]
    fn a_dated_text_needs_a_day_and_an_undated_one_is_replaced() {
        let mut c = concern("Dated.", Some("2008-05-28"));
        assert!(c.revise_description("New.".parse().unwrap(), None).is_err());
        let mut u = concern("Undated.", None);
        u.revise_description("New.".parse().unwrap(), Some(day("2009-01-01")))
            .unwrap();
        assert!(u.earlier_descriptions.is_empty());
        assert_eq!(u.description_as_of, Some(day("2009-01-01")));
    }

    #[test]
    fn an_edit_that_sets_the_versions_itself_is_taken_as_it_is() {
        let old = concern("Then.", Some("2008-05-28"));
        let mut edited = concern("Earlier still.", Some("2007-01-01"));
        edited.id = old.id;
        assert!(old.revised_into(edited.clone()).is_err());
        edited.earlier_descriptions = vec![DatedText {
            as_of: day("2006-01-01"),
            text: "Long ago.".into(),
        }];
        assert_eq!(old.revised_into(edited.clone()).unwrap(), edited);
    }

    #[test]
    fn an_edit_without_earlier_versions_keeps_the_stored_ones() {
        let mut old = concern("Then.", Some("2008-05-28"));
        old.revise_description("Now.".parse().unwrap(), Some(day("2009-05-20")))
            .unwrap();
        let mut edited = concern("Later.", Some("2010-01-15"));
        edited.id = old.id;
        let revised = old.revised_into(edited).unwrap();
        assert_eq!(revised.description.to_string(), "Later.");
        assert_eq!(
            revised.earlier_descriptions,
            vec![
                DatedText {
                    as_of: day("2008-05-28"),
                    text: "Then.".into()
                },
                DatedText {
                    as_of: day("2009-05-20"),
                    text: "Now.".into()
                },
            ]
        );
    }
}
