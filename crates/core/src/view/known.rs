//! What was known on a day: the one rule every view "as of" a date obeys
//! (docs/decisions/0021-knowledge-as-of-a-date.md).
//!
//! - A source is known on day D when the day it is known from is not after
//!   D: its publication date's last day, else its "known from" date's last
//!   day (`Source::known_on`), else (a source recorded before either was
//!   required) the day it was entered in the record. The last is the one
//!   day the record can vouch for: it never makes an undated document known
//!   before anyone recorded it.
//! - A development is known on D when its date is not after D and it cites
//!   no source or at least one source known on D that was published (is
//!   known from) on or after the development's earliest day: a source from
//!   before the event (a preview) does not attest it. When every source it
//!   cites came before it, it counts from its own date once one of them is
//!   known. Of its sources, only those known on D are cited.
//! - A recommendation is known on D unless the one source it was asked for
//!   in is known only later; a commitment's quote, and its timing as
//!   written (the quote's words), are shown only when the quote's source is
//!   known on D.
//! - A dated text (a concern's description, a dossier's summary) is shown as
//!   the latest version not after D; a current text with no date speaks as
//!   of the day its record was last changed.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::ids::SourceId;
use crate::model::{DatedText, Development, Recommendation, Source, Timing, text_as_of};

/// The day from which a source is known: its dates, else the day it was
/// entered in the record.
pub fn source_known_from(source: &Source, entered_on: NaiveDate) -> NaiveDate {
    source.known_on().unwrap_or(entered_on)
}

/// The text of a dated description as of `day`: the latest version not
/// after it. A current text without a date counts from `changed_on`, the
/// day its record was last changed.
pub fn dated_text<'a>(
    current: &'a str,
    current_as_of: Option<NaiveDate>,
    changed_on: NaiveDate,
    earlier: &'a [DatedText],
    day: NaiveDate,
) -> Option<&'a str> {
    text_as_of(current, current_as_of.unwrap_or(changed_on), earlier, day)
}

/// What the record knew on one day, about the sources it holds.
#[derive(Debug, Clone)]
pub struct Knowledge {
    day: NaiveDate,
    /// Each source with the day it is known from.
    sources: HashMap<SourceId, NaiveDate>,
}

impl Knowledge {
    /// `sources` gives each source with the day it is known from
    /// ([`source_known_from`]); a source not in it is never known.
    pub fn new(day: NaiveDate, sources: HashMap<SourceId, NaiveDate>) -> Self {
        Self { day, sources }
    }

    pub fn day(&self) -> NaiveDate {
        self.day
    }

    pub fn source_known(&self, id: SourceId) -> bool {
        self.sources.get(&id).is_some_and(|from| *from <= self.day)
    }

    /// The sources of `ids` known on the day, in their order.
    pub fn known_sources(&self, ids: &[SourceId]) -> Vec<SourceId> {
        ids.iter()
            .copied()
            .filter(|id| self.source_known(*id))
            .collect()
    }

    /// A development is known on the day when its date is not after it and
    /// it cites no source, or one of its sources attests it: known on the
    /// day and published on or after the development's earliest day (a
    /// preview published before an event does not make the event known).
    /// When every source it cites came before it (an announcement, a plan),
    /// none can attest it: it is known from its own date, as one citing
    /// nothing is, once one of those sources is known; so an editor's record
    /// never vanishes from every view for want of a later source.
    pub fn development_known(&self, d: &Development) -> bool {
        if d.date.latest() > self.day {
            return false;
        }
        let can_attest = |s: &SourceId| {
            self.sources
                .get(s)
                .is_some_and(|from| *from >= d.date.earliest())
        };
        if d.sources.is_empty() {
            true
        } else if d.sources.iter().any(can_attest) {
            d.sources.iter().any(|s| self.attests(*s, d))
        } else {
            d.sources.iter().any(|s| self.source_known(*s))
        }
    }

    fn attests(&self, source: SourceId, d: &Development) -> bool {
        self.sources
            .get(&source)
            .is_some_and(|from| *from <= self.day && *from >= d.date.earliest())
    }

    pub fn recommendation_known(&self, r: &Recommendation) -> bool {
        r.source.is_none_or(|s| self.source_known(s))
    }

    /// Whether a commitment's own words are shown: its quote, and its timing
    /// as written (the quote's words), only when the quote's source (if it
    /// has a quote) is known on the day.
    pub fn words_known(&self, quote_source: Option<SourceId>) -> bool {
        quote_source.is_none_or(|s| self.source_known(s))
    }

    /// A commitment's timing as written, as of the day ([`Self::words_known`]).
    pub fn timing_as_written<'a>(
        &self,
        timing: &'a Timing,
        quote_source: Option<SourceId>,
    ) -> Option<&'a str> {
        timing
            .as_written()
            .filter(|_| self.words_known(quote_source))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::PreciseDate;
    use crate::ids::DevelopmentId;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn source(published: Option<&str>, known_from: Option<&str>) -> Source {
        Source {
            id: SourceId::new(),
            title: "A report".into(),
            publisher: None,
            author: None,
            published: published.map(|p| PreciseDate::parse(p).unwrap()),
            url: None,
            language: None,
            confidential: false,
            text: None,
            file_sha256: None,
            note: None,
            known_from: known_from.map(|p| PreciseDate::parse(p).unwrap()),
            own_document: false,
        }
    }

    fn development(date: &str, sources: Vec<SourceId>) -> Development {
        Development {
            id: DevelopmentId::new(),
            date: PreciseDate::parse(date).unwrap(),
            title: "Something happened".parse().unwrap(),
            summary: "It did.".parse().unwrap(),
            baseline: false,
            note: None,
            sources,
            quotes: vec![],
            effects: vec![],
        }
    }

    /// Two sources: one published on 2008-01-10, one on 2010-09-14.
    fn knowledge_on(on: &str) -> (Knowledge, SourceId, SourceId) {
        let early = source(Some("2008-01-10"), None);
        let late = source(Some("2010-09-14"), None);
        let entered = day("2026-01-01");
        let known = [&early, &late]
            .iter()
            .map(|s| (s.id, source_known_from(s, entered)))
            .collect();
        (Knowledge::new(day(on), known), early.id, late.id)
    }

    #[test]
    fn a_source_is_known_from_its_publication_or_its_known_from_date_or_its_entry() {
        let entered = day("2026-01-01");
        let published = source(Some("2008-05"), None);
        assert_eq!(source_known_from(&published, entered), day("2008-05-31"));
        let undated = source(None, Some("2009"));
        assert_eq!(source_known_from(&undated, entered), day("2009-12-31"));
        let both = source(Some("2008-05-28"), Some("2009-01-01"));
        assert_eq!(source_known_from(&both, entered), day("2008-05-28"));
        assert_eq!(source_known_from(&source(None, None), entered), entered);
    }

    #[test]
    fn a_development_whose_sources_all_came_later_is_not_known() {
        let (k, _, late) = knowledge_on("2008-05-28");
        assert!(!k.development_known(&development("2007-12-01", vec![late])));
        let (k, _, late) = knowledge_on("2010-09-14");
        assert!(k.development_known(&development("2007-12-01", vec![late])));
    }

    #[test]
    fn a_development_with_one_source_known_is_known_and_cites_only_that_one() {
        let (k, early, late) = knowledge_on("2008-05-28");
        let d = development("2007-12-01", vec![late, early]);
        assert!(k.development_known(&d));
        assert_eq!(k.known_sources(&d.sources), vec![early]);
    }

    #[test]
    fn a_development_dated_after_the_day_is_not_known_whatever_its_sources() {
        let (k, early, _) = knowledge_on("2008-05-28");
        assert!(!k.development_known(&development("2008-06", vec![early])));
        assert!(k.development_known(&development("2008-01-10", vec![early])));
        assert!(k.development_known(&development("2008-01", vec![early])));
        assert!(k.development_known(&development("2008-05-28", vec![])));
    }

    #[test]
    fn a_source_published_before_the_development_does_not_attest_it() {
        let (k, early, late) = knowledge_on("2010-12-31");
        // A preview of 2008-01-10 does not make an event of 2008-01-11 known
        // while a later report of it exists: that report does, once known.
        assert!(k.development_known(&development("2008-01-11", vec![early, late])));
        let (k, early, late) = knowledge_on("2010-09-13");
        assert!(!k.development_known(&development("2008-01-11", vec![early, late])));
        // With no later source at all, the event counts from its own date.
        assert!(k.development_known(&development("2008-01-11", vec![early])));
        assert!(k.development_known(&development("2008-02", vec![early])));
        let (k, early, _) = knowledge_on("2008-01-10");
        assert!(!k.development_known(&development("2008-01-11", vec![early])));
    }

    #[test]
    fn the_timing_as_written_is_hidden_with_the_quote_it_comes_from() {
        let (k, early, late) = knowledge_on("2008-05-28");
        let timing = Timing::RefrainFrom {
            as_written: Some("prior to taking the chairmanship in 2010".into()),
        };
        assert_eq!(k.timing_as_written(&timing, Some(late)), None);
        assert!(!k.words_known(Some(late)));
        assert_eq!(
            k.timing_as_written(&timing, Some(early)),
            Some("prior to taking the chairmanship in 2010")
        );
        assert_eq!(
            k.timing_as_written(&timing, None),
            Some("prior to taking the chairmanship in 2010")
        );
    }

    #[test]
    fn an_unknown_source_id_is_never_known() {
        let (k, _, _) = knowledge_on("2030-01-01");
        assert!(!k.source_known(SourceId::new()));
    }

    #[test]
    fn an_undated_current_text_speaks_as_of_its_last_change() {
        let earlier = [DatedText {
            as_of: day("2008-05-28"),
            text: "then".into(),
        }];
        let changed = day("2026-01-01");
        let at = |d: &str| dated_text("now", None, changed, &earlier, day(d));
        assert_eq!(at("2008-05-27"), None);
        assert_eq!(at("2009-01-01"), Some("then"));
        assert_eq!(at("2026-01-01"), Some("now"));
        assert_eq!(
            dated_text("now", None, changed, &[], day("2009-01-01")),
            None
        );
        assert_eq!(
            dated_text(
                "now",
                Some(day("2008-05-28")),
                changed,
                &[],
                day("2009-01-01")
            ),
            Some("now")
        );
    }
}
