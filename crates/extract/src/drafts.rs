//! The bridge from the extractor to the review queue: its candidates as the
//! core's [`Proposal`]s, and the source a text is saved as. Every front end
//! (the CLI, the web application) saves drafts the same way through
//! `pledgewatch_core::drafting::propose`.

use chrono::NaiveDate;
use pledgewatch_core::date::PreciseDate;
use pledgewatch_core::drafting::Proposal;
use pledgewatch_core::ids::SourceId;
use pledgewatch_core::model::{Sha256Hex, Source};

use crate::extract::Candidate;

/// An extracted candidate as a proposal for the review queue.
///
/// Three shapes of a candidate exist on purpose, each losing what the next
/// step does not keep: this crate's [`Candidate`] is what the rules found,
/// with a fractional confidence and a [`crate::dates::Deadline`] that keeps
/// its precision and place in the sentence (the evaluation scores them); the
/// core's [`Proposal`] is what the review queue stores of it (a percentage, a
/// resolved date, the words); the core's `model::Candidate` is that proposal
/// once stored, with its id, source and review state. The core cannot take
/// this crate's type (it does not depend on the extractor), and this crate
/// cannot return the core's without losing what the evaluation needs, so the
/// conversion below stays, once, here.
pub fn proposal(c: &Candidate) -> Proposal {
    let (deadline, as_written, unresolved) = match (&c.deadline, &c.period) {
        (Some(d), _) => (
            d.precise(),
            Some(d.as_written.clone()),
            d.unresolved.clone(),
        ),
        (None, Some(p)) => (None, Some(p.clone()), None),
        (None, None) => (None, None, None),
    };
    Proposal {
        quote_text: c.quote.clone(),
        quote_start: c.start as u64,
        quote_end: c.end as u64,
        actor: c.actor.clone(),
        speaker: c.speaker.clone(),
        occasion: c.occasion.clone(),
        statement: c.statement.clone(),
        origin: c.origin,
        recommended_by: c.recommended_by.clone(),
        timing: c.timing,
        deadline,
        deadline_as_written: as_written,
        deadline_unresolved: unresolved,
        condition: c.condition.clone(),
        made_on: c.made_on,
        confidence: (c.confidence * 100.0).round().clamp(0.0, 100.0) as u8,
        rule: Some(c.rule.clone()),
    }
}

/// The source a drafted text is saved as. Its id derives from the text's
/// SHA-256, so saving the same text twice reuses one source. A text that
/// states no date is known from the day it is saved (`saved_on`).
pub fn source_for(
    text: &str,
    file_bytes: Option<&[u8]>,
    title: &str,
    published: Option<NaiveDate>,
    confidential: bool,
    saved_on: NaiveDate,
) -> Source {
    let sha = Sha256Hex::of(text.as_bytes());
    Source {
        id: SourceId::derived("pledgewatch-drafting-source", sha.as_str()),
        title: title.to_owned(),
        publisher: None,
        author: None,
        published: published.map(PreciseDate::day),
        url: None,
        language: None,
        confidential,
        text: Some(text.to_owned()),
        file_sha256: file_bytes.map(Sha256Hex::of),
        note: Some("Saved for drafting help.".into()),
        known_from: published.is_none().then(|| PreciseDate::day(saved_on)),
        own_document: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Options, extract};

    #[test]
    fn a_proposal_keeps_the_quote_offsets_and_the_resolved_deadline() {
        let text = "Kazakhstan agreed to amend the media law by the end of 2008.";
        let e = extract(text, &Options::default());
        let p = proposal(&e.candidates[0]);
        assert_eq!(p.quote_text, text);
        assert_eq!(
            (p.quote_start, p.quote_end),
            (0, text.chars().count() as u64)
        );
        assert_eq!(p.deadline.map(|d| d.to_string()).as_deref(), Some("2008"));
        assert_eq!(p.deadline_as_written.as_deref(), Some("by the end of 2008"));
        assert!(p.confidence > 50);
    }

    #[test]
    fn the_same_text_is_saved_as_the_same_source() {
        let day = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let a = source_for("text", None, "A", None, false, day);
        let b = source_for("text", Some(b"text"), "B", None, true, day);
        assert_eq!(a.id, b.id);
        assert_ne!(a.id, source_for("other", None, "A", None, false, day).id);
        assert_eq!(
            a.known_from,
            Some(PreciseDate::day(day)),
            "undated: known from saving"
        );
        let dated = source_for("t", None, "A", Some(day), false, day);
        assert_eq!(dated.known_from, None);
    }
}
