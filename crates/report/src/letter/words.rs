//! The sentences of the default letters, from counts and dates: how many
//! pledges show progress, show none or are backtracking, how many are past
//! their deadline, and each pledge's timing in words ("by the end of 2008",
//! "prior to assuming the OSCE chairmanship in 2010", "throughout 2010").
//! Every sentence is written for every combination of counts, and the fixed
//! words follow the publisher's spelling convention.

use chrono::{Datelike, NaiveDate};
use pledgewatch_core::date::{PreciseDate, Precision};

use crate::text;

pub(crate) use pledgewatch_core::model::Spelling;

/// The words of the letter's fixed text in the publisher's spelling
/// convention (user text is never respelt).
pub(crate) trait Words {
    /// A word in this convention; the US form is the key.
    fn word(self, us: &'static str) -> &'static str;
}

impl Words for Spelling {
    fn word(self, us: &'static str) -> &'static str {
        if self == Spelling::Us {
            return us;
        }
        match us {
            "organization" => "organisation",
            "fulfill" => "fulfil",
            "toward" => "towards",
            "liberalize" => "liberalise",
            other => other,
        }
    }
}

/// How a dossier's commitments stand as of the letter's date.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Tally {
    /// Every commitment the letter speaks of.
    pub total: usize,
    /// Those whose latest rating shows progress (and is not a step back).
    pub progress: usize,
    /// What was promised by those whose latest rating is a step back
    /// ("preserve ODIHR and its existing mandate").
    pub backtracking: Vec<String>,
    /// Those past their deadline and not fulfilled.
    pub overdue: usize,
    /// "pledges", or "commitments" when not all are pledges.
    pub noun: Noun,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Noun {
    #[default]
    Pledge,
    Commitment,
}

impl Noun {
    fn one(self) -> &'static str {
        match self {
            Noun::Pledge => "pledge",
            Noun::Commitment => "commitment",
        }
    }

    fn many(self) -> &'static str {
        match self {
            Noun::Pledge => "pledges",
            Noun::Commitment => "commitments",
        }
    }

    fn of(self, n: usize) -> &'static str {
        if n == 1 { self.one() } else { self.many() }
    }
}

impl Tally {
    /// Those that show neither progress nor a step back.
    pub fn without_progress(&self) -> usize {
        self.total
            .saturating_sub(self.progress + self.backtracking.len())
    }
}

/// "any of its six pledges", "either of its two pledges", "its pledge";
/// with `other`, "any of its other three pledges", "its other pledge".
fn any_of(n: usize, noun: Noun, other: bool) -> String {
    let other = if other { "other " } else { "" };
    match n {
        1 => format!("its {other}{}", noun.one()),
        2 => format!("either of its {other}two {}", noun.many()),
        n => format!("any of its {other}{} {}", text::number(n), noun.many()),
    }
}

/// "all six of its pledges", "both of its pledges", "its pledge".
fn all_of(n: usize, noun: Noun) -> String {
    match n {
        1 => format!("its {}", noun.one()),
        2 => format!("both of its {}", noun.many()),
        n => format!("all {} of its {}", text::number(n), noun.many()),
    }
}

/// What the government has done, for the letter's progress paragraph:
/// "the government has made no progress toward fulfilling any of its six
/// pledges, and may be backtracking on its pledge to preserve ODIHR".
/// `who` is the subject ("the government", "your government").
pub(crate) fn progress_clause(t: &Tally, who: &str, spelling: Spelling) -> String {
    let toward = spelling.word("toward");
    let (p, b, n) = (t.progress, t.backtracking.len(), t.without_progress());
    let noun = t.noun;
    let made = match (p, n) {
        (0, 0) => None,
        (0, n) => Some(format!(
            "{who} has made no progress {toward} fulfilling {}",
            any_of(n, noun, b > 0)
        )),
        (p, 0) if b == 0 => Some(format!("{who} has made progress on {}", all_of(p, noun))),
        (p, 0) => Some(format!(
            "{who} has made progress on {} of its {} {}",
            text::number(p),
            text::number(t.total),
            noun.of(t.total)
        )),
        (p, n) => Some(format!(
            "{who} has made progress on {} of its {} {} but none on {}",
            text::number(p),
            text::number(t.total),
            noun.of(t.total),
            the_others(n, b)
        )),
    };
    let back = (b > 0).then(|| {
        let whats: Vec<String> = t.backtracking.iter().map(|s| format!("to {s}")).collect();
        format!(
            "may be backtracking on its {} {}",
            noun.of(b),
            text::join_and(&whats)
        )
    });
    match (made, back) {
        (Some(m), Some(b)) => format!("{m}, and {b}"),
        (Some(m), None) => m,
        (None, Some(b)) => format!("{who} {b}"),
        (None, None) => format!("{who} has made no {}", noun.many()),
    }
}

/// "the other", "the other three", "three others" (when some are also
/// backtracking, "the others" would count them too).
fn the_others(n: usize, backtracking: usize) -> String {
    match (n, backtracking) {
        (1, 0) => "the other".to_owned(),
        (n, 0) => format!("the other {}", text::number(n)),
        (1, _) => "one other".to_owned(),
        (n, _) => format!("{} others", text::number(n)),
    }
}

/// The sentence on deadlines, when any has passed: "The deadline has
/// passed for three of them." Nothing is said when none has.
pub(crate) fn overdue_sentence(t: &Tally) -> Option<String> {
    match (t.overdue, t.total) {
        (0, _) => None,
        (1, 1) => Some(format!(
            "The deadline for this {} has passed.",
            t.noun.one()
        )),
        (o, n) if o == n && n == 2 => Some("The deadline has passed for both of them.".to_owned()),
        (o, n) if o == n => Some(format!(
            "The deadline has passed for all {} of them.",
            text::number(n)
        )),
        (o, _) => Some(format!(
            "The deadline has passed for {} of them.",
            text::number(o)
        )),
    }
}

/// What the letter asks the addressee to raise: "the lack of progress
/// toward fulfilling these commitments" and its variants.
pub(crate) fn concern_phrase(t: &Tally, spelling: Spelling) -> String {
    let toward = spelling.word("toward");
    let these = if t.total == 1 {
        "this commitment"
    } else {
        "these commitments"
    };
    if t.progress == 0 {
        format!("the lack of progress {toward} fulfilling {these}")
    } else if t.progress < t.total {
        format!("the progress still needed {toward} fulfilling {these}")
    } else {
        format!(
            "the steps still needed to {} {these}",
            spelling.word("fulfill")
        )
    }
}

/// The year of a date that is its year's first day, or whose precision is
/// the year: such a date reads "in 2010".
fn in_or_on(date: &PreciseDate) -> String {
    let day = date.earliest();
    match date.precision() {
        Precision::Day if day.ordinal() == 1 => format!("in {}", day.year()),
        Precision::Day => format!("on {}", text::day(day)),
        Precision::Year => format!("in {}", day.year()),
        _ => format!("in {}", text::precise(date)),
    }
}

/// A deadline as a letter says it: "by the end of 2008", "by the end of
/// May 2008", "by 31 May 2008".
pub(crate) fn by_deadline(date: &PreciseDate) -> String {
    match date.precision() {
        Precision::Day => format!("by {}", text::day(date.earliest())),
        _ => format!("by the end of {}", text::precise(date)),
    }
}

/// A deadline tied to a milestone: "prior to assuming the OSCE
/// chairmanship in 2010" when the milestone's title is "<bound> <verb>s
/// ..." ("Kazakhstan assumes the OSCE chairmanship"), else "before <title>
/// (1 January 2010)".
pub(crate) fn before_milestone(title: &str, date: &PreciseDate, bound: &str) -> String {
    let when = in_or_on(date);
    let rest = title
        .strip_prefix(bound)
        .and_then(|r| r.strip_prefix(' '))
        .and_then(|r| r.split_once(' '));
    if let Some((verb, tail)) = rest
        && let Some(gerund) = gerund(verb)
    {
        return format!("prior to {gerund} {tail} {when}");
    }
    format!("before {title} ({})", text::precise(date))
}

/// "assumes" -> "assuming", "takes" -> "taking", "holds" -> "holding";
/// `None` for a word that is not a simple present in -s.
fn gerund(verb: &str) -> Option<String> {
    if !verb.chars().all(|c| c.is_ascii_lowercase()) || verb.len() < 3 {
        return None;
    }
    let stem = verb.strip_suffix('s')?;
    if stem.ends_with('s') || stem.ends_with("ie") || stem.ends_with("ee") {
        return None;
    }
    let stem = stem.strip_suffix('e').unwrap_or(stem);
    Some(format!("{stem}ing"))
}

/// A period as a letter says it: "throughout 2010", "from 1 March to 30
/// June 2010".
pub(crate) fn period(from: NaiveDate, until: NaiveDate) -> String {
    if from.year() == until.year()
        && from.ordinal() == 1
        && until.month() == 12
        && until.day() == 31
    {
        return format!("throughout {}", from.year());
    }
    if from.year() == until.year() && from.day() == 1 && is_month_end(until) {
        if from.month() == until.month() {
            return format!("throughout {}", month_year(from));
        }
        let month = month_year(from);
        let month = month.split(' ').next().unwrap_or_default();
        return format!("from {month} to {}", month_year(until));
    }
    format!("from {} to {}", text::day(from), text::day(until))
}

fn is_month_end(d: NaiveDate) -> bool {
    d.succ_opt().is_none_or(|n| n.month() != d.month())
}

/// "May 2010".
fn month_year(d: NaiveDate) -> String {
    let day = text::day(d);
    day.split_once(' ')
        .map(|(_, rest)| rest.to_owned())
        .unwrap_or(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(progress: usize, none: usize, backtracking: usize, overdue: usize) -> Tally {
        Tally {
            total: progress + none + backtracking,
            progress,
            backtracking: (0..backtracking)
                .map(|i| format!("do thing {}", char::from(b'a' + i as u8)))
                .collect(),
            overdue,
            noun: Noun::Pledge,
        }
    }

    /// The words a count must agree with: a sentence about one pledge
    /// never says "pledges", about several never "pledge" alone (and
    /// never "1" or "zero").
    fn check_grammar(s: &str, t: &Tally) {
        assert!(!s.contains("  "), "{s}");
        assert!(!s.contains(" 0 ") && !s.contains("zero"), "{s}");
        assert!(
            !s.contains("one pledges") && !s.contains("one of its one"),
            "{s}"
        );
        assert!(
            !s.contains("its two pledge ") && !s.contains("two pledge."),
            "{s}"
        );
        if t.total > 1 {
            assert!(!s.contains("any of its one"), "{s}");
        }
        for n in 2..=6 {
            let w = text::number(n);
            assert!(!s.contains(&format!(" {w} pledge ")), "{s}");
            assert!(!s.ends_with(&format!(" {w} pledge")), "{s}");
        }
    }

    #[test]
    fn progress_sentences_agree_with_every_count_from_zero_to_six() {
        for p in 0..=6 {
            for n in 0..=6 {
                for b in 0..=6 {
                    if p + n + b == 0 || p + n + b > 6 {
                        continue;
                    }
                    for o in 0..=(p + n + b) {
                        let t = tally(p, n, b, o);
                        let s = progress_clause(&t, "the government", Spelling::Us);
                        check_grammar(&s, &t);
                        assert_eq!(s.contains("no progress"), p == 0 && n > 0, "{s}");
                        assert_eq!(s.contains("backtracking"), b > 0, "{s}");
                        if b == 1 {
                            assert!(s.contains("on its pledge to do thing a"), "{s}");
                        }
                        if b > 1 {
                            assert!(s.contains("on its pledges to"), "{s}");
                        }
                        if p > 0 {
                            assert!(s.contains("made progress on"), "{s}");
                        }
                        if let Some(o) = overdue_sentence(&t) {
                            check_grammar(&o, &t);
                            assert!(o.ends_with('.'), "{o}");
                        } else {
                            assert_eq!(t.overdue, 0);
                        }
                        let c = concern_phrase(&t, Spelling::Uk);
                        assert!(c.contains("towards") || c.contains("fulfil "), "{c}");
                    }
                }
            }
        }
    }

    #[test]
    fn some_counts_read_as_the_seed_letter_would_have_them() {
        let s = progress_clause(&tally(0, 4, 2, 0), "the government", Spelling::Us);
        assert_eq!(
            s,
            "the government has made no progress toward fulfilling any of its other four \
             pledges, and may be backtracking on its pledges to do thing a and to do thing b"
        );
        assert_eq!(
            progress_clause(&tally(0, 6, 0, 0), "the government", Spelling::Uk),
            "the government has made no progress towards fulfilling any of its six pledges"
        );
        assert_eq!(
            progress_clause(&tally(4, 2, 0, 3), "the government", Spelling::Us),
            "the government has made progress on four of its six pledges but none on the other two"
        );
        assert_eq!(
            progress_clause(&tally(1, 0, 0, 0), "the government", Spelling::Us),
            "the government has made progress on its pledge"
        );
        assert_eq!(
            progress_clause(&tally(0, 0, 1, 0), "the government", Spelling::Us),
            "the government may be backtracking on its pledge to do thing a"
        );
        assert_eq!(
            progress_clause(&tally(2, 1, 1, 0), "the government", Spelling::Us),
            "the government has made progress on two of its four pledges but none on one \
             other, and may be backtracking on its pledge to do thing a"
        );
        assert_eq!(overdue_sentence(&tally(0, 6, 0, 0)), None);
        assert_eq!(
            overdue_sentence(&tally(4, 2, 0, 3)).unwrap(),
            "The deadline has passed for three of them."
        );
        assert_eq!(
            overdue_sentence(&tally(0, 1, 0, 1)).unwrap(),
            "The deadline for this pledge has passed."
        );
    }

    #[test]
    fn deadlines_and_periods_read_in_words() {
        let p = |s: &str| PreciseDate::parse(s).unwrap();
        let d = |s: &str| pledgewatch_core::date::parse_day(s).unwrap();
        assert_eq!(by_deadline(&p("2008")), "by the end of 2008");
        assert_eq!(by_deadline(&p("2008-05")), "by the end of May 2008");
        assert_eq!(by_deadline(&p("2008-05-31")), "by 31 May 2008");
        assert_eq!(
            before_milestone(
                "Kazakhstan assumes the OSCE chairmanship",
                &p("2010-01-01"),
                "Kazakhstan"
            ),
            "prior to assuming the OSCE chairmanship in 2010"
        );
        assert_eq!(
            before_milestone("Kazakhstan takes the chair", &p("2010-03-05"), "Kazakhstan"),
            "prior to taking the chair on 5 March 2010"
        );
        assert_eq!(
            before_milestone("Astana summit", &p("2010-12-01"), "Kazakhstan"),
            "before Astana summit (1 December 2010)"
        );
        assert_eq!(period(d("2010-01-01"), d("2010-12-31")), "throughout 2010");
        assert_eq!(
            period(d("2010-05-01"), d("2010-05-31")),
            "throughout May 2010"
        );
        assert_eq!(
            period(d("2010-01-05"), d("2011-02-01")),
            "from 5 January 2010 to 1 February 2011"
        );
    }

    #[test]
    fn the_uk_convention_respells_only_the_fixed_words() {
        assert_eq!(Spelling::Uk.word("organization"), "organisation");
        assert_eq!(Spelling::Us.word("organization"), "organization");
        assert_eq!(Spelling::Uk.word("liberalize"), "liberalise");
        assert_eq!(Spelling::Uk.word("fulfill"), "fulfil");
    }
}
