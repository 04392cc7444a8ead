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
    /// Those not yet assessed: neither progress nor its lack.
    pub unassessed: usize,
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
    /// Those assessed that show neither progress nor a step back.
    pub fn without_progress(&self) -> usize {
        self.total
            .saturating_sub(self.progress + self.backtracking.len() + self.unassessed)
    }

    /// Whether any assessed commitment shows no progress (none, or a step back).
    pub fn lacks_progress(&self) -> bool {
        self.without_progress() + self.backtracking.len() > 0
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
/// `who` is the subject ("the government", "your government"). Those not
/// yet assessed are said to be so, never counted as showing no progress.
pub(crate) fn progress_clause(t: &Tally, who: &str, spelling: Spelling) -> String {
    let b = t.backtracking.len();
    let u = t.unassessed;
    let made = made_clause(t, who, spelling);
    let back = (b > 0).then(|| {
        let whats: Vec<String> = t.backtracking.iter().map(|s| format!("to {s}")).collect();
        format!(
            "may be backtracking on its {} {}",
            t.noun.of(b),
            text::join_and(&whats)
        )
    });
    let said = match (made, back) {
        (Some(m), Some(b)) => format!("{m}, and {b}"),
        (Some(m), None) => m,
        (None, Some(b)) => format!("{who} {b}"),
        (None, None) if u > 0 => return none_assessed(t),
        (None, None) => format!("{who} has made no {}", t.noun.many()),
    };
    match u {
        0 => said,
        1 => format!("{said}; one has not yet been assessed"),
        u => format!("{said}; {} have not yet been assessed", text::number(u)),
    }
}

/// What has been made of the assessed commitments that are not
/// backtracking, if any: progress, none, or both.
fn made_clause(t: &Tally, who: &str, spelling: Spelling) -> Option<String> {
    let toward = spelling.word("toward");
    let (p, b, n, u) = (
        t.progress,
        t.backtracking.len(),
        t.without_progress(),
        t.unassessed,
    );
    let noun = t.noun;
    let of_all = |k: usize| {
        format!(
            "{} of its {} {}",
            text::number(k),
            text::number(t.total),
            noun.of(t.total)
        )
    };
    match (p, n) {
        (0, 0) => None,
        (0, n) if u == 0 => Some(format!(
            "{who} has made no progress {toward} fulfilling {}",
            any_of(n, noun, b > 0)
        )),
        (0, n) => Some(format!(
            "{who} has made no progress {toward} fulfilling {}",
            of_all(n)
        )),
        (p, 0) if b == 0 && u == 0 => {
            Some(format!("{who} has made progress on {}", all_of(p, noun)))
        }
        (p, 0) => Some(format!("{who} has made progress on {}", of_all(p))),
        (p, n) => Some(format!(
            "{who} has made progress on {} but none on {}",
            of_all(p),
            the_others(n, b + u)
        )),
    }
}

/// When nothing has been assessed yet: "none has yet been assessed".
fn none_assessed(t: &Tally) -> String {
    match t.total {
        1 => "it has not yet been assessed".to_owned(),
        2 => "neither has yet been assessed".to_owned(),
        _ => "none has yet been assessed".to_owned(),
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
    if t.progress == 0 && t.lacks_progress() {
        format!("the lack of progress {toward} fulfilling {these}")
    } else if t.progress == 0 {
        format!("the steps needed to {} {these}", spelling.word("fulfill"))
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
/// ..." ("Kazakhstan assumes the OSCE chairmanship") and the verb's
/// gerund is sure ([`gerund`]); else the title as it is, quoted: "prior to
/// the milestone “Second UPR review of Bahrain” (1 December 2010)".
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
    format!("prior to the milestone “{title}” ({})", text::precise(date))
}

/// "assumes" -> "assuming", "takes" -> "taking", "holds" -> "holding",
/// "stops" -> "stopping", "has" -> "having", "sees" -> "seeing",
/// "passes" -> "passing"; `None` for a word that is not a simple present
/// in -s, or whose gerund is not sure ("begins" -> "beginning" but "opens"
/// -> "opening": a final consonant of a longer word is never doubled).
fn gerund(verb: &str) -> Option<String> {
    if !verb.chars().all(|c| c.is_ascii_lowercase()) || verb.len() < 3 {
        return None;
    }
    match verb {
        "has" => return Some("having".to_owned()),
        "does" => return Some("doing".to_owned()),
        "goes" => return Some("going".to_owned()),
        "is" | "was" | "ies" => return None,
        _ => {}
    }
    // Plural nouns ("elections", "talks" aside) are not verbs.
    if NOUN_ENDINGS.iter().any(|e| verb.ends_with(e)) {
        return None;
    }
    if ["sses", "shes", "ches", "xes", "zes"]
        .iter()
        .any(|e| verb.ends_with(e))
    {
        return verb.strip_suffix("es").map(|stem| format!("{stem}ing"));
    }
    let stem = verb.strip_suffix('s')?;
    if stem.ends_with(['s', 'i', 'u', 'a', 'o']) || stem.ends_with("ie") {
        return None;
    }
    if stem.ends_with("ee") {
        return Some(format!("{stem}ing"));
    }
    if let Some(bare) = stem.strip_suffix('e') {
        return Some(format!("{bare}ing"));
    }
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u');
    let chars: Vec<char> = stem.chars().collect();
    let cvc = chars.len() >= 3 && {
        let [c1, v, c2] = [
            chars[chars.len() - 3],
            chars[chars.len() - 2],
            chars[chars.len() - 1],
        ];
        !vowel(c1) && vowel(v) && !vowel(c2) && !matches!(c2, 'w' | 'x' | 'y')
    };
    let vowel_groups = chars
        .iter()
        .enumerate()
        .filter(|(i, c)| vowel(**c) && (*i == 0 || !vowel(chars[i - 1])))
        .count();
    match (cvc, vowel_groups) {
        (true, 1) => Some(format!("{stem}{}ing", chars[chars.len() - 1])),
        (true, _) => None,
        (false, _) => Some(format!("{stem}ing")),
    }
}

/// Endings of plural nouns, which a milestone's title may have where a
/// verb would be ("Kazakhstan elections").
const NOUN_ENDINGS: [&str; 8] = [
    "ions", "ments", "ships", "ers", "ors", "ists", "nesses", "ities",
];

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
        tally_u(progress, none, backtracking, 0, overdue)
    }

    fn tally_u(
        progress: usize,
        none: usize,
        backtracking: usize,
        unassessed: usize,
        overdue: usize,
    ) -> Tally {
        Tally {
            total: progress + none + backtracking + unassessed,
            progress,
            backtracking: (0..backtracking)
                .map(|i| format!("do thing {}", char::from(b'a' + i as u8)))
                .collect(),
            overdue,
            unassessed,
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

    /// Every combination of counts of up to six commitments: progress,
    /// none, backtracking and not yet assessed.
    fn every_tally() -> Vec<Tally> {
        let mut all = Vec::new();
        for p in 0..=6 {
            for n in 0..=6 - p {
                for b in 0..=6 - p - n {
                    for u in 0..=6 - p - n - b {
                        let total = p + n + b + u;
                        for o in (0..=total).filter(|_| total > 0) {
                            all.push(tally_u(p, n, b, u, o));
                        }
                    }
                }
            }
        }
        all
    }

    #[test]
    fn progress_sentences_agree_with_every_count_from_zero_to_six() {
        for t in every_tally() {
            let (p, n, b, u) = (
                t.progress,
                t.without_progress(),
                t.backtracking.len(),
                t.unassessed,
            );
            let s = progress_clause(&t, "the government", Spelling::Us);
            check_grammar(&s, &t);
            // Not yet assessed is neither progress nor its lack.
            assert_eq!(s.contains("yet been assessed"), u > 0, "{s}");
            assert!(!s.contains("assessed") || u > 0, "{s}");
            if u == t.total {
                assert!(!s.contains("progress"), "{s}");
            }
            let c = concern_phrase(&t, Spelling::Us);
            assert_eq!(c.contains("lack of progress"), p == 0 && n + b > 0, "{c}");
            if u > 0 && u < t.total {
                assert!(!s.contains("any of its") && !s.contains("the other"), "{s}");
            }
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
        // Nothing assessed yet: neither progress nor its lack.
        let none = tally_u(0, 0, 0, 6, 0);
        assert_eq!(
            progress_clause(&none, "the government", Spelling::Us),
            "none has yet been assessed"
        );
        assert_eq!(
            concern_phrase(&none, Spelling::Us),
            "the steps needed to fulfill these commitments"
        );
        assert_eq!(
            progress_clause(&tally_u(0, 2, 2, 2, 0), "the government", Spelling::Us),
            "the government has made no progress toward fulfilling two of its six pledges, \
             and may be backtracking on its pledges to do thing a and to do thing b; \
             two have not yet been assessed"
        );
        assert_eq!(
            progress_clause(&tally_u(1, 1, 0, 1, 0), "the government", Spelling::Us),
            "the government has made progress on one of its three pledges but none on one \
             other; one has not yet been assessed"
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
            "prior to the milestone “Astana summit” (1 December 2010)"
        );
        // No mid-sentence capital, and no guessed verb.
        assert_eq!(
            before_milestone("Second UPR review of Bahrain", &p("2012-05-21"), "Bahrain"),
            "prior to the milestone “Second UPR review of Bahrain” (21 May 2012)"
        );
        assert_eq!(
            before_milestone("Kazakhstan elections 2012", &p("2012-01-15"), "Kazakhstan"),
            "prior to the milestone “Kazakhstan elections 2012” (15 January 2012)"
        );
        assert_eq!(
            before_milestone("Bahrain visits Geneva", &p("2012-05-21"), "Bahrain"),
            "prior to the milestone “Bahrain visits Geneva” (21 May 2012)"
        );
        for (title, said) in [
            (
                "Bahrain stops its council term",
                "stopping its council term",
            ),
            ("Bahrain runs for the council", "running for the council"),
            ("Bahrain sits on the council", "sitting on the council"),
            ("Bahrain has its second review", "having its second review"),
            ("Bahrain takes the chair", "taking the chair"),
            (
                "Bahrain sees the review through",
                "seeing the review through",
            ),
            ("Bahrain holds elections", "holding elections"),
            ("Bahrain joins the council", "joining the council"),
            ("Bahrain passes the law", "passing the law"),
            ("Bahrain reaches the review", "reaching the review"),
            ("Bahrain assumes the presidency", "assuming the presidency"),
        ] {
            assert_eq!(
                before_milestone(title, &p("2012"), "Bahrain"),
                format!("prior to {said} in 2012")
            );
        }
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
