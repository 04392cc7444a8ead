//! Deadlines and dates in prose: "by the end of 2008", "by 2010 at the
//! latest", "before 1 July 2009", "within six months", "by Canada Day",
//! "prior to taking the chairmanship in 2010", "last year", "six months
//! ago", resolved against the document's date to the latest day consistent
//! with the phrase, with its precision; or left unresolved with the reason.

use chrono::{Datelike, Months, NaiveDate};
use pledgewatch_core::date::{PreciseDate, Precision};
use serde::{Deserialize, Serialize};

/// A deadline found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    /// The words of the text ("by the end of 2008").
    pub as_written: String,
    /// The latest day the phrase allows, when it could be resolved.
    pub date: Option<NaiveDate>,
    /// How precisely the text names it.
    pub precision: Option<Precision>,
    /// Why the date could not be resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unresolved: Option<String>,
    /// Byte range of the phrase in the normalised sentence (internal).
    #[serde(skip)]
    pub range: (usize, usize),
}

impl Deadline {
    /// The deadline as a period with precision (its last day is `date`).
    pub fn precise(&self) -> Option<PreciseDate> {
        let (date, precision) = (self.date?, self.precision?);
        let start = match precision {
            Precision::Day => date,
            Precision::Month => date.with_day(1)?,
            Precision::Quarter => {
                NaiveDate::from_ymd_opt(date.year(), (date.month() - 1) / 3 * 3 + 1, 1)?
            }
            Precision::Year => NaiveDate::from_ymd_opt(date.year(), 1, 1)?,
        };
        PreciseDate::from_parts(start, precision).ok()
    }
}

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    // French and Spanish.
    ("janvier", 1),
    ("février", 2),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
];

/// Named days whose date is fixed every year.
const NAMED_DAYS: &[(&str, u32, u32)] = &[
    ("canada day", 7, 1),
    ("christmas", 12, 25),
    ("christmas day", 12, 25),
    ("new year's day", 1, 1),
    ("new year’s day", 1, 1),
    ("human rights day", 12, 10),
    ("international women's day", 3, 8),
    ("international women’s day", 3, 8),
    ("world refugee day", 6, 20),
    ("labour day", 5, 1),
    ("may day", 5, 1),
    ("bastille day", 7, 14),
];

const NUMBERS: &[(&str, u32)] = &[
    ("a", 1),
    ("an", 1),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("eighteen", 18),
    ("twenty-four", 24),
    ("thirty", 30),
];

const VAGUE: &[&str] = &[
    "as soon as possible",
    "at the earliest",
    "in due course",
    "in the near future",
    "as early as possible",
    "as earlier as possible",
    "soon",
];

fn month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches(['.', ',']);
    MONTHS.iter().find(|(m, _)| *m == w).map(|(_, n)| *n)
}

fn year(word: &str) -> Option<i32> {
    // "2030.The goal ...": a full stop glued to the next sentence.
    let word = match word.split_once('.') {
        Some((y, rest)) if rest.starts_with(|c: char| c.is_alphabetic()) => y,
        _ => word,
    };
    let w = word.trim_end_matches(|c: char| !c.is_ascii_digit());
    if w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) {
        let y: i32 = w.parse().ok()?;
        (1900..=2100).contains(&y).then_some(y)
    } else {
        None
    }
}

fn day_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches([',', '.']);
    let w = w
        .trim_end_matches("st")
        .trim_end_matches("nd")
        .trim_end_matches("rd")
        .trim_end_matches("th");
    let d: u32 = w.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

fn number(word: &str) -> Option<u32> {
    NUMBERS
        .iter()
        .find(|(w, _)| *w == word)
        .map(|(_, n)| *n)
        .or_else(|| word.parse().ok())
}

fn last_of_month(y: i32, m: u32) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(y, m, 1)?;
    first.checked_add_months(Months::new(1))?.pred_opt()
}

fn end_of_year(y: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, 12, 31)
}

/// Words of `lower` from byte `from`, with their byte ranges.
fn words_from(lower: &str, from: usize, max: usize) -> Vec<(&str, usize, usize)> {
    let mut out = Vec::new();
    let bytes = lower.as_bytes();
    let mut i = from;
    while i < bytes.len() && out.len() < max {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let s = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if i > s {
            out.push((&lower[s..i], s, i));
        }
    }
    out
}

fn clean(word: &str) -> &str {
    word.trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '.' | ')' | '(' | '"' | '”' | '“'))
}

/// A date found in the words: the last day it allows, its precision, how
/// many words it took, and why it could not be worked out, if it could not.
type Point = (Option<NaiveDate>, Precision, usize, Option<String>);

/// The cleaned word at `i`, or "" past the end.
fn word_at<'a>(words: &[(&'a str, usize, usize)], i: usize) -> &'a str {
    words.get(i).map(|x| clean(x.0)).unwrap_or("")
}

/// A point in time named after "by", "before" or "no later than": the last
/// day it allows, its precision, and how many words it took.
fn point(words: &[(&str, usize, usize)], doc: Option<NaiveDate>) -> Option<Point> {
    let w = |i: usize| word_at(words, i);
    let mut i = 0;
    if w(0) == "the" && w(1) == "end" && w(2) == "of" {
        i = 3;
    } else if w(0) == "end" && w(1) == "of" {
        i = 2;
    } else if let Some(rest) = w(0).strip_prefix("end-") {
        let y = year(rest)?;
        return Some((end_of_year(y), Precision::Year, 1, None));
    }
    if let Some(found) = part_of_year(words, i, doc) {
        return Some(found);
    }
    // "the year 2010", "the year of 2030"
    if w(i) == "the" && w(i + 1) == "year" {
        let of = usize::from(w(i + 2) == "of");
        if let Some(y) = year(w(i + 2 + of)) {
            return Some((end_of_year(y), Precision::Year, i + 3 + of, None));
        }
    }
    if let Some(y) = year(w(i)) {
        return Some((end_of_year(y), Precision::Year, i + 1, None));
    }
    // "2008-2013": a span of years ends with the last.
    if let Some((a, b)) = w(i).split_once(['-', '–'])
        && year(a).is_some()
        && let Some(y) = year(b)
    {
        return Some((end_of_year(y), Precision::Year, i + 1, None));
    }
    if let Some(found) = relative_year(words, i, doc) {
        return Some(found);
    }
    if let Some(found) = calendar_date(words, i, doc) {
        return found;
    }
    named_day(words, i, doc)
}

/// The last day of a quarter (1 to 4) of year `y`.
fn end_of_quarter(y: i32, q: u32) -> Option<NaiveDate> {
    last_of_month(y, q * 3)
}

/// "2025-26", "2025–2026": a fiscal year written as its two calendar years,
/// ending (as in Canada, the United Kingdom, India or Japan) on 31 March of
/// the second.
fn fiscal_span(word: &str) -> Option<i32> {
    let (a, b) = word.split_once(['-', '–', '/'])?;
    let first = year(a)?;
    // "2008-2009" is a span of calendar years, not a fiscal year.
    let second: i32 = match b.len() {
        2 => first / 100 * 100 + b.parse::<i32>().ok()?,
        4 if word.contains('/') => b.parse().ok()?,
        _ => return None,
    };
    (second == first + 1).then_some(second)
}

/// Parts of a year and other spans at word `i`: "the last quarter of 2009",
/// "Q3 2025", "the first half of 2010", "mid-2010", "the end of the
/// decade", "fiscal year 2025-26", "FY2025", "2025-26"; the last day each
/// allows.
fn part_of_year(words: &[(&str, usize, usize)], i: usize, doc: Option<NaiveDate>) -> Option<Point> {
    let w = |i: usize| word_at(words, i);
    let mut j = i + usize::from(w(i) == "the");
    let quarter = match w(j) {
        "first" | "1st" => Some(1),
        "second" | "2nd" => Some(2),
        "third" | "3rd" => Some(3),
        "fourth" | "4th" | "last" | "final" => Some(4),
        _ => None,
    };
    if let Some(q) = quarter
        && w(j + 1) == "quarter"
        && matches!(w(j + 2), "of" | "in")
        && let Some(y) = year(w(j + 3))
    {
        return Some((end_of_quarter(y, q), Precision::Quarter, j + 4, None));
    }
    if let Some(q) = quarter.filter(|q| *q <= 2)
        && w(j + 1) == "half"
        && w(j + 2) == "of"
        && let Some(y) = year(w(j + 3))
    {
        let end = if q == 1 {
            last_of_month(y, 6)
        } else {
            end_of_year(y)
        };
        return Some((end, Precision::Month, j + 4, None));
    }
    // "Q3 2025", "Q3-2025", "Q3/2025"
    let qw = w(j);
    if qw.len() >= 2 && qw.starts_with('q') && qw.as_bytes()[1].is_ascii_digit() {
        let q = u32::from(qw.as_bytes()[1] - b'0');
        let rest = &qw[2..];
        let y = if rest.is_empty() {
            year(w(j + 1)).map(|y| (y, j + 2))
        } else {
            year(rest.trim_start_matches(['-', '/', ' '])).map(|y| (y, j + 1))
        };
        if (1..=4).contains(&q)
            && let Some((y, used)) = y
        {
            return Some((end_of_quarter(y, q), Precision::Quarter, used, None));
        }
    }
    if let Some(rest) = w(j).strip_prefix("mid-")
        && let Some(y) = year(rest)
    {
        return Some((last_of_month(y, 6), Precision::Month, j + 1, None));
    }
    if w(j) == "end" && w(j + 1) == "of" {
        j += 2;
    }
    if w(j) == "the" {
        j += 1;
    }
    if w(j) == "decade" {
        let y = doc.map(|d| d.year() / 10 * 10 + 10);
        let unresolved = doc
            .is_none()
            .then(|| "relative to a document date that is unknown (give --date)".to_owned());
        return Some((y.and_then(end_of_year), Precision::Year, j + 1, unresolved));
    }
    fiscal_year(words, j)
}

/// "fiscal year 2025-26", "the 2025-26 fiscal year", "FY2025", "2025-26".
fn fiscal_year(words: &[(&str, usize, usize)], j: usize) -> Option<Point> {
    let w = |i: usize| word_at(words, i);
    let (label, used) = if matches!(w(j), "fiscal" | "financial") && w(j + 1) == "year" {
        (w(j + 2), j + 3)
    } else if w(j) == "fy" {
        (w(j + 1), j + 2)
    } else if let Some(rest) = w(j).strip_prefix("fy") {
        (rest, j + 1)
    } else {
        (w(j), j + 1)
    };
    let trailing =
        usize::from(matches!(w(used), "fiscal" | "financial") && w(used + 1) == "year") * 2;
    if let Some(end) = fiscal_span(label) {
        return Some((
            NaiveDate::from_ymd_opt(end, 3, 31),
            Precision::Month,
            used + trailing,
            None,
        ));
    }
    let named = used > j + 1 || w(j).starts_with("fy");
    if named && let Some(y) = year(label) {
        return Some((end_of_year(y), Precision::Year, used, None));
    }
    None
}

/// "this year", "next year", "the year", "the current year" at word `i`:
/// the end of the document's year, or of the next.
fn relative_year(
    words: &[(&str, usize, usize)],
    i: usize,
    doc: Option<NaiveDate>,
) -> Option<Point> {
    let w = |i: usize| word_at(words, i);
    let (offset, used) = match (w(i), w(i + 1), w(i + 2)) {
        ("this", "year", _) | ("the", "year", _) => (0, i + 2),
        ("the", "current", "year") => (0, i + 3),
        ("next", "year", _) => (1, i + 2),
        ("the", "next", "year") => (1, i + 3),
        _ => return None,
    };
    let unresolved = doc
        .is_none()
        .then(|| "relative to a document date that is unknown (give --date)".to_owned());
    Some((
        doc.and_then(|d| end_of_year(d.year() + offset)),
        Precision::Year,
        used,
        unresolved,
    ))
}

/// "July 2009", "1 July 2009", "July 1, 2009", and "1 July" in the
/// document's year, at word `i`. `None` when no such date starts there;
/// `Some(None)` when one does but cannot be worked out.
fn calendar_date(
    words: &[(&str, usize, usize)],
    i: usize,
    doc: Option<NaiveDate>,
) -> Option<Option<Point>> {
    let w = |i: usize| word_at(words, i);
    // Spanish joins the parts with "de": "1 de diciembre de 2025".
    let de = |i: usize| usize::from(matches!(w(i), "de" | "del"));
    if let Some(m) = month(w(i)) {
        if let Some(y) = year(w(i + 1 + de(i + 1))) {
            return Some(Some((
                last_of_month(y, m),
                Precision::Month,
                i + 2 + de(i + 1),
                None,
            )));
        }
        if let Some(d) = day_number(w(i + 1))
            && let Some(y) = year(w(i + 2))
        {
            return Some(Some((
                NaiveDate::from_ymd_opt(y, m, d),
                Precision::Day,
                i + 3,
                None,
            )));
        }
    }
    let d = day_number(w(i))?;
    let at = i + 1 + de(i + 1);
    let m = month(w(at))?;
    let y_at = at + 1 + de(at + 1);
    if let Some(y) = year(w(y_at)) {
        return Some(Some((
            NaiveDate::from_ymd_opt(y, m, d),
            Precision::Day,
            y_at + 1,
            None,
        )));
    }
    Some(doc.map(|dd| {
        (
            NaiveDate::from_ymd_opt(dd.year(), m, d),
            Precision::Day,
            i + 2,
            None,
        )
    }))
}

/// Named days at word `i`, in the document's year (or the next, if already
/// past).
fn named_day(words: &[(&str, usize, usize)], i: usize, doc: Option<NaiveDate>) -> Option<Point> {
    let rest: String = words[i.min(words.len())..]
        .iter()
        .take(4)
        .map(|x| x.0)
        .collect::<Vec<_>>()
        .join(" ");
    let (name, m, d) = NAMED_DAYS
        .iter()
        .find(|(name, _, _)| rest.starts_with(name))?;
    let used = i + name.split(' ').count();
    if let Some(y) = year(word_at(words, used)) {
        return Some((
            NaiveDate::from_ymd_opt(y, *m, *d),
            Precision::Day,
            used + 1,
            None,
        ));
    }
    let Some(doc) = doc else {
        return Some((
            None,
            Precision::Day,
            used,
            Some("the year of this named day is not known (give --date)".into()),
        ));
    };
    let mut date = NaiveDate::from_ymd_opt(doc.year(), *m, *d);
    if date.is_some_and(|x| x < doc) {
        date = NaiveDate::from_ymd_opt(doc.year() + 1, *m, *d);
    }
    Some((date, Precision::Day, used, None))
}

fn subtract_one(date: NaiveDate, precision: Precision) -> Option<NaiveDate> {
    match precision {
        Precision::Day => date.pred_opt(),
        Precision::Month => {
            let first = date.with_day(1)?;
            first.pred_opt()
        }
        Precision::Quarter => date.checked_sub_months(Months::new(3)),
        Precision::Year => end_of_year(date.year() - 1),
    }
}

/// "antes de 2030", "antes del 1 de diciembre de 2025", "avant le 30 juin
/// 2025": before a date is up to the day before it, as "before" is.
fn before_in_french_or_spanish(
    words: &[(&str, usize, usize)],
    k: usize,
    doc: Option<NaiveDate>,
) -> Option<Point> {
    let next = words.get(k + 1).map(|x| clean(x.0));
    let skip = 1 + usize::from(matches!(
        next,
        Some("de" | "del" | "le" | "la" | "l'" | "l’")
    ));
    let rest = words.get(k + skip..)?;
    point(rest, doc).map(|(d, p, used, u)| {
        let d = if after_end_of(rest) {
            d
        } else {
            d.and_then(|d| subtract_one(d, p))
        };
        (d, p, used + skip, u)
    })
}

/// Finds the first deadline phrase in `lower` (the ASCII-lowercased
/// sentence) at or after byte `from`.
pub fn find_deadline(
    original: &str,
    lower: &str,
    from: usize,
    doc: Option<NaiveDate>,
) -> Option<Deadline> {
    let words = words_from(lower, from, 400);
    for (k, (word, start, _)) in words.iter().enumerate() {
        if let Some(found) = deadline_phrase(&words, k, clean(word), doc) {
            return Some(deadline(original, lower, &words, k, *start, found));
        }
    }
    vague_deadline(original, lower, from)
}

/// The deadline phrase starting at word `k` ("by", "before", "no later
/// than", "within", "prior to"), if one does.
fn deadline_phrase(
    words: &[(&str, usize, usize)],
    k: usize,
    word: &str,
    doc: Option<NaiveDate>,
) -> Option<Point> {
    let next = |n: usize| words.get(k + n).map(|x| clean(x.0));
    match word {
        "by" | "before" | "until" | "till"
            if matches!(next(1), Some("the" | "its" | "their"))
                && matches!(next(2), Some("next")) =>
        {
            // "until its next Universal Periodic Review": an event with no
            // date in the text.
            let end = words[k..]
                .iter()
                .take(10)
                .position(|w| w.0.ends_with([',', ';', '.']))
                .map(|p| p + 1)
                .unwrap_or_else(|| words.len().saturating_sub(k).min(6));
            Some((
                None,
                Precision::Day,
                end,
                Some("an event the text does not date".to_owned()),
            ))
        }
        "by" | "before" | "until" | "till" => {
            let before = word == "before";
            point(&words[k + 1..], doc).map(|(date, precision, used, unresolved)| {
                let date = if before && !after_end_of(&words[k + 1..]) {
                    date.and_then(|d| subtract_one(d, precision))
                } else {
                    date
                };
                (date, precision, used + 1, unresolved)
            })
        }
        "no" | "not" if matches!(next(1), Some("later")) && matches!(next(2), Some("than")) => {
            point(&words[k + 3..], doc).map(|(d, p, used, u)| (d, p, used + 3, u))
        }
        "d'ici" | "d’ici" | "para" => {
            // "d'ici à la fin de 2012", "para finales de 2025": the end of
            // a year is its last day, as "by" a year is.
            let skip = (1..=5)
                .take_while(|n| {
                    matches!(
                        next(*n),
                        Some(
                            "à" | "a"
                                | "la"
                                | "fin"
                                | "de"
                                | "finales"
                                | "fines"
                                | "del"
                                | "el"
                                | "año"
                        )
                    )
                })
                .count();
            let found = point(&words[k + 1 + skip..], doc);
            found.map(|(d, p, used, u)| (d, p, used + 1 + skip, u))
        }
        "antes" | "avant" => before_in_french_or_spanish(words, k, doc),
        "au" if next(1) == Some("plus") && next(2) == Some("tard") => {
            let skip = usize::from(matches!(next(3), Some("en" | "le" | "d'ici" | "d’ici")));
            point(&words[k + 3 + skip..], doc).map(|(d, p, used, u)| (d, p, used + 3 + skip, u))
        }
        "a" if next(1) == Some("más") && next(2) == Some("tardar") => {
            let skip = usize::from(matches!(next(3), Some("en" | "el")));
            point(&words[k + 3 + skip..], doc).map(|(d, p, used, u)| (d, p, used + 3 + skip, u))
        }
        "in" | "en" | "during" => in_year(words, k, doc),
        "for" | "al" | "l'horizon" | "l’horizon" => target_year(words, k, word, doc),
        "within" => within(words, k, doc),
        "prior" if matches!(next(1), Some("to")) => prior_to(words, k),
        _ => None,
    }
}

/// A target "for the year 2030"; "al 2030" in Spanish, "à l'horizon 2030"
/// in French: the end of that year.
fn target_year(
    words: &[(&str, usize, usize)],
    k: usize,
    word: &str,
    doc: Option<NaiveDate>,
) -> Option<Point> {
    let next = |n: usize| words.get(k + n).map(|x| clean(x.0));
    let ok = if word == "for" {
        next(1) == Some("the") && next(2) == Some("year")
    } else {
        next(1).and_then(year).is_some()
    };
    if !ok {
        return None;
    }
    point(&words[k + 1..], doc).map(|(d, p, used, u)| (d, p, used + 1, u))
}

/// "in 2014", "in the last quarter of 2009", "in fiscal year 2025-26": a
/// deadline when the period is not already past at the document's date
/// (without a date, only when followed by "at the latest"), and not when
/// it dates a law or an event ("the Act of 2008" is no "in").
fn in_year(words: &[(&str, usize, usize)], k: usize, doc: Option<NaiveDate>) -> Option<Point> {
    let found = point(&words[k + 1..], doc)?;
    let (date, precision, used, unresolved) = found;
    let latest = words
        .get(k + 1 + used..k + 4 + used)
        .is_some_and(|x| x.iter().map(|w| clean(w.0)).eq(["at", "the", "latest"]));
    // Without a document date: unless a participle dates a past act
    // ("adopted in 2007").
    let before = if k > 0 { clean(words[k - 1].0) } else { "" };
    let future = match (date, doc) {
        (Some(d), Some(doc)) => d >= doc,
        (Some(_), None) => !(before.ends_with("ed") || before.ends_with("en")),
        _ => false,
    };
    let first = word_at(words, k + 1);
    let span = first
        .split_once(['-', '–'])
        .is_some_and(|(a, b)| year(a).is_some() && year(b).is_some());
    let bare_period = span
        || fiscal_span(first).is_some()
        || year(first).is_some()
        || matches!(first, "the" | "fiscal" | "q1" | "q2" | "q3" | "q4");
    (bare_period && (future || latest)).then_some((date, precision, used + 1, unresolved))
}

/// A date standing alone in a list item, where no deadline phrase is:
/// "(December 2008)", "2030", "Plan 2010-2014", "2011 at the latest". The
/// last future one (or the last, without a document date) is the item's
/// deadline; a year after "since", "of", "from" or "in" a past tense is not.
pub fn item_date(original: &str, lower: &str, doc: Option<NaiveDate>) -> Option<Deadline> {
    let words = words_from(lower, 0, 200);
    let mut found: Option<(usize, Point)> = None;
    let mut k = 0;
    while k < words.len() {
        k += 1;
        let k = k - 1;
        if found.as_ref().is_some_and(|(at, p)| k < at + p.2) {
            continue;
        }
        let before = if k > 0 { clean(words[k - 1].0) } else { "" };
        if matches!(before, "since" | "of" | "from" | "desde" | "depuis" | "de") {
            continue;
        }
        let w = clean(words[k].0);
        let span_end = w
            .split_once(['-', '–'])
            .and_then(|(a, b)| Some((year(a)?, year(b)?)))
            .map(|(_, b)| b);
        let point = if let Some(Some(p)) = calendar_date(&words, k, doc) {
            Some((p.0, p.1, p.2 - k, p.3))
        } else {
            year(w)
                .or(span_end)
                .map(|y| (end_of_year(y), Precision::Year, 1, None))
        };
        let Some(p) = point else { continue };
        let past = matches!((p.0, doc), (Some(d), Some(doc)) if d < doc);
        if !past {
            found = Some((k, p));
        }
    }
    let (k, p) = found?;
    let (date, precision, used, unresolved) = p;
    let start = words[k].1;
    let mut end = words[k + used - 1].2;
    while end > start && matches!(lower.as_bytes()[end - 1], b',' | b';' | b'.' | b')' | b':') {
        end -= 1;
    }
    let _ = unresolved;
    Some(Deadline {
        as_written: original[start..end].trim_start_matches('(').to_owned(),
        date,
        precision: date.map(|_| precision),
        unresolved: None,
        range: (start, end),
    })
}

/// "within six months" from the document's date, or "within the one year
/// deadline ...": a period counted from an event the text does not date.
fn within(words: &[(&str, usize, usize)], k: usize, doc: Option<NaiveDate>) -> Option<Point> {
    let the = matches!(words.get(k + 1).map(|x| clean(x.0)), Some("the" | "a"))
        && words.get(k + 2).and_then(|x| number(clean(x.0))).is_some();
    let skip = usize::from(the);
    let n = words.get(k + 1 + skip).and_then(|x| number(clean(x.0)));
    let unit = words.get(k + 2 + skip).map(|x| clean(x.0)).unwrap_or("");
    match n {
        Some(_) if the && (unit.starts_with("month") || unit.starts_with("year")) => {
            let end = words[k..]
                .iter()
                .take(10)
                .position(|w| w.0.ends_with([',', ';', '.']))
                .map(|p| p + 1)
                .unwrap_or(3 + skip);
            Some((
                None,
                Precision::Day,
                end,
                Some("counted from an event the text does not date".to_owned()),
            ))
        }
        Some(n)
            if unit.starts_with("day")
                || unit.starts_with("week")
                || unit.starts_with("month")
                || unit.starts_with("year") =>
        {
            let date = doc.and_then(|d| {
                if unit.starts_with("day") {
                    d.checked_add_days(chrono::Days::new(u64::from(n)))
                } else if unit.starts_with("week") {
                    d.checked_add_days(chrono::Days::new(u64::from(n) * 7))
                } else if unit.starts_with("month") {
                    d.checked_add_months(Months::new(n))
                } else {
                    d.checked_add_months(Months::new(n * 12))
                }
            });
            let unresolved = doc
                .is_none()
                .then(|| "relative to a document date that is unknown (give --date)".to_owned());
            Some((date, Precision::Day, 3, unresolved))
        }
        _ => None,
    }
}

/// "prior to taking the OSCE chairmanship in 2010": before the year of the
/// event named, within the clause.
fn prior_to(words: &[(&str, usize, usize)], k: usize) -> Option<Point> {
    for (j, w) in words.iter().enumerate().skip(k + 2).take(10) {
        if let Some(y) = year(clean(w.0)) {
            return Some((end_of_year(y - 1), Precision::Year, j - k + 1, None));
        }
        if w.0.ends_with([',', ';', '.']) {
            break;
        }
    }
    None
}

/// The deadline for a phrase found at word `k` (starting at byte `start`),
/// taking a following "at the latest" with it.
fn deadline(
    original: &str,
    lower: &str,
    words: &[(&str, usize, usize)],
    k: usize,
    start: usize,
    (date, precision, used, unresolved): Point,
) -> Deadline {
    let mut used = used;
    let after: Vec<&str> = words
        .iter()
        .skip(k + used)
        .take(3)
        .map(|x| clean(x.0))
        .collect();
    if after.len() >= 3 && after[0] == "at" && after[1] == "the" && after[2] == "latest" {
        used += 3;
    }
    let mut end = words.get(k + used - 1).map(|x| x.2).unwrap_or(lower.len());
    // "2030.\"\"Indonesia", "2050.\"": a year glued to what follows it ends
    // at its last digit.
    let last = &lower[words.get(k + used - 1).map_or(start, |x| x.1).max(start)..end];
    if let Some(d) = last.find(|c: char| c.is_ascii_digit())
        && let Some(after) = last[d..].find(|c: char| !c.is_ascii_digit() && c != '-' && c != '/')
        && year(&last[d..d + after]).is_some()
    {
        end = end - last.len() + d + after;
    }
    while end > start && matches!(lower.as_bytes()[end - 1], b',' | b';' | b'.' | b')' | b':') {
        end -= 1;
    }
    let unresolved = match (date, unresolved) {
        (None, None) => Some("the date could not be worked out".to_owned()),
        (_, u) => u,
    };
    Deadline {
        as_written: original[start..end].to_owned(),
        date,
        precision: date.map(|_| precision),
        unresolved,
        range: (start, end),
    }
}

/// A vague time phrase with no date ("as soon as possible"), when no
/// deadline phrase is found.
fn vague_deadline(original: &str, lower: &str, from: usize) -> Option<Deadline> {
    for phrase in VAGUE {
        if let Some(p) = find_word(lower, phrase, from) {
            return Some(Deadline {
                as_written: original[p..p + phrase.len()].to_owned(),
                date: None,
                precision: None,
                unresolved: Some("no date is stated".to_owned()),
                range: (p, p + phrase.len()),
            });
        }
    }
    None
}

fn after_end_of(words: &[(&str, usize, usize)]) -> bool {
    let w = |i: usize| words.get(i).map(|x| clean(x.0)).unwrap_or("");
    (w(0) == "the" && w(1) == "end") || w(0) == "end" || w(0).starts_with("end-")
}

/// The first occurrence of `phrase` in `lower` at or after `from`, on word
/// boundaries.
pub fn find_word(lower: &str, phrase: &str, from: usize) -> Option<usize> {
    let bytes = lower.as_bytes();
    let mut at = from;
    while let Some(p) = lower.get(at..).and_then(|s| s.find(phrase)) {
        let s = at + p;
        let e = s + phrase.len();
        let left = s == 0 || !bytes[s - 1].is_ascii_alphanumeric();
        let right = e >= bytes.len() || !bytes[e].is_ascii_alphanumeric();
        if left && right {
            return Some(s);
        }
        at = s + 1;
    }
    None
}

/// When a reported pledge was made, if the sentence says so relative to the
/// document's date: "last year('s)", "six months ago", "two years ago".
pub fn when_made(lower: &str, doc: Option<NaiveDate>) -> Option<(PreciseDate, String)> {
    let doc = doc?;
    if let Some(p) = find_word(lower, "last year", 0).or_else(|| find_word(lower, "last year's", 0))
    {
        let d = NaiveDate::from_ymd_opt(doc.year() - 1, 1, 1)?;
        return Some((
            PreciseDate::from_parts(d, Precision::Year).ok()?,
            lower[p..p + 9].to_owned(),
        ));
    }
    let words = words_from(lower, 0, 400);
    for k in 0..words.len().saturating_sub(2) {
        if clean(words[k + 2].0) == "ago"
            && let Some(n) = number(clean(words[k].0))
        {
            let unit = clean(words[k + 1].0);
            let (date, precision) = if unit.starts_with("month") {
                (
                    doc.checked_sub_months(Months::new(n))?.with_day(1)?,
                    Precision::Month,
                )
            } else if unit.starts_with("year") {
                (
                    NaiveDate::from_ymd_opt(doc.year() - n as i32, 1, 1)?,
                    Precision::Year,
                )
            } else {
                continue;
            };
            let written = lower[words[k].1..words[k + 2].2]
                .trim_end_matches([',', '.', ';'])
                .to_owned();
            return Some((PreciseDate::from_parts(date, precision).ok()?, written));
        }
    }
    None
}

/// A date written in a document's header or dateline: "23 May 2008",
/// "May 23, 2008", "Jan 21, 2018", "- 1 August 2013 -".
pub fn first_date(text: &str) -> Option<NaiveDate> {
    let lower = text.to_ascii_lowercase();
    let words = words_from(&lower, 0, 600);
    for k in 0..words.len() {
        let w = |i: usize| words.get(i).map(|x| clean(x.0)).unwrap_or("");
        if let (Some(d), Some(m), Some(y)) = (day_number(w(k)), month(w(k + 1)), year(w(k + 2))) {
            return NaiveDate::from_ymd_opt(y, m, d);
        }
        if let (Some(m), Some(d), Some(y)) = (month(w(k)), day_number(w(k + 1)), year(w(k + 2)))
            && words[k].0.len() > 2
        {
            return NaiveDate::from_ymd_opt(y, m, d);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn deadline(text: &str, doc: Option<&str>) -> Deadline {
        let lower = text.to_ascii_lowercase();
        find_deadline(text, &lower, 0, doc.map(d)).unwrap()
    }

    #[test]
    fn french_and_spanish_dates_with_their_months() {
        let at = |text: &str| {
            let lower = text.to_lowercase();
            find_deadline(text, &lower, 0, None).and_then(|d| d.date)
        };
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(
            at("ratifier le Protocole avant le 30 juin 2025"),
            day(2025, 6, 29)
        );
        assert_eq!(
            at("presentar el informe antes de diciembre de 2025"),
            day(2025, 11, 30)
        );
        assert_eq!(
            at("presentar el informe antes del 1 de diciembre de 2025"),
            day(2025, 11, 30)
        );
        assert_eq!(at("reducir las emisiones antes de 2030"), day(2029, 12, 31));
        assert_eq!(
            at("abolir la pena de muerte a más tardar en junio de 2026"),
            day(2026, 6, 30)
        );
    }

    #[test]
    fn a_year_glued_to_the_next_sentence_is_still_a_year() {
        assert_eq!(year("2030.The"), Some(2030));
        assert_eq!(year("2030.the"), Some(2030));
        assert_eq!(year("2030.5"), None);
        assert_eq!(year("2030."), Some(2030));
    }

    #[test]
    fn the_end_of_a_year_is_its_last_day_with_year_precision() {
        let x = deadline("liberalizing registration by the end of 2008.", None);
        assert_eq!(x.date, Some(d("2008-12-31")));
        assert_eq!(x.precision, Some(Precision::Year));
        assert_eq!(x.as_written, "by the end of 2008");
    }

    #[test]
    fn a_bare_year_and_at_the_latest_are_understood() {
        let x = deadline("ratify it by 2010 at the latest;", None);
        assert_eq!(x.date, Some(d("2010-12-31")));
        assert_eq!(x.as_written, "by 2010 at the latest");
    }

    #[test]
    fn months_and_days_keep_their_precision() {
        assert_eq!(deadline("by June 2009", None).date, Some(d("2009-06-30")));
        assert_eq!(
            deadline("by 15 March 2010", None).date,
            Some(d("2010-03-15"))
        );
        assert_eq!(
            deadline("before 1 July 2009", None).date,
            Some(d("2009-06-30"))
        );
        assert_eq!(
            deadline("no later than March 2011", None).precision,
            Some(Precision::Month)
        );
    }

    #[test]
    fn relative_periods_resolve_against_the_document_date() {
        let x = deadline("within six months", Some("2008-05-28"));
        assert_eq!(x.date, Some(d("2008-11-28")));
        let y = deadline("within six months", None);
        assert_eq!(y.date, None);
        assert!(y.unresolved.unwrap().contains("--date"));
        assert_eq!(
            deadline("by the end of next year", Some("2008-05-28")).date,
            Some(d("2009-12-31"))
        );
    }

    #[test]
    fn named_days_take_the_year_of_the_document() {
        assert_eq!(
            deadline("by Canada Day", Some("2017-03-01")).date,
            Some(d("2017-07-01"))
        );
        assert_eq!(
            deadline("by Canada Day", Some("2017-08-01")).date,
            Some(d("2018-07-01"))
        );
    }

    #[test]
    fn before_an_event_in_a_year_means_the_year_before() {
        let x = deadline("prior to taking the OSCE chairmanship in 2010.", None);
        assert_eq!(x.date, Some(d("2009-12-31")));
        assert_eq!(
            x.as_written,
            "prior to taking the OSCE chairmanship in 2010"
        );
    }

    #[test]
    fn periods_from_undated_events_are_kept_but_left_unresolved() {
        let x = deadline(
            "establish it within the one year deadline set by the Protocol;",
            None,
        );
        assert_eq!(
            x.as_written,
            "within the one year deadline set by the Protocol"
        );
        assert_eq!(x.date, None);
        let y = deadline(
            "involve civil society until its next Universal Periodic Review.",
            None,
        );
        assert_eq!(y.as_written, "until its next Universal Periodic Review");
        assert!(y.unresolved.is_some());
    }

    #[test]
    fn vague_timing_is_kept_but_left_unresolved() {
        let x = deadline("we will complete the work soon", None);
        assert_eq!(x.as_written, "soon");
        assert_eq!(x.date, None);
    }

    #[test]
    fn last_year_and_months_ago_date_the_pledge_itself() {
        let (p, _) = when_made(
            "at last year's osce ministerial council",
            Some(d("2008-05-28")),
        )
        .unwrap();
        assert_eq!(p.to_string(), "2007");
        let (p, w) = when_made(
            "six months ago, at the madrid summit",
            Some(d("2008-05-28")),
        )
        .unwrap();
        assert_eq!(p.to_string(), "2007-11");
        assert_eq!(w, "six months ago");
    }

    #[test]
    fn header_dates_are_found_in_either_order() {
        assert_eq!(
            first_date("A/HRC/8/29 23 May 2008 Original"),
            Some(d("2008-05-23"))
        );
        assert_eq!(first_date("Jan 21, 2018 GoSL"), Some(d("2018-01-21")));
    }

    #[test]
    fn quarters_halves_and_the_decade_resolve_to_their_last_day() {
        let x = deadline("by the last quarter of 2009;", None);
        assert_eq!(x.date, Some(d("2009-12-31")));
        assert_eq!(x.precision, Some(Precision::Quarter));
        assert_eq!(x.as_written, "by the last quarter of 2009");
        assert_eq!(deadline("by Q3 2025", None).date, Some(d("2025-09-30")));
        assert_eq!(
            deadline("by the first half of 2010", None).date,
            Some(d("2010-06-30"))
        );
        assert_eq!(deadline("by mid-2012", None).date, Some(d("2012-06-30")));
        assert_eq!(
            deadline("by the end of the decade", Some("2021-04-22")).date,
            Some(d("2030-12-31"))
        );
    }

    #[test]
    fn fiscal_years_end_where_their_label_says() {
        assert_eq!(
            deadline("by fiscal year 2025-26", None).date,
            Some(d("2026-03-31"))
        );
        assert_eq!(
            deadline("by the end of the 2024-25 fiscal year", None).date,
            Some(d("2025-03-31"))
        );
        assert_eq!(deadline("by FY2027", None).date, Some(d("2027-12-31")));
    }

    #[test]
    fn a_future_year_after_in_is_a_deadline_and_a_past_one_is_not() {
        let x = deadline("host the conference in 2014.", Some("2012-05-01"));
        assert_eq!(x.date, Some(d("2014-12-31")));
        let lower = "amend the law adopted in 2007.";
        assert!(find_deadline(lower, lower, 0, Some(d("2012-05-01"))).is_none());
        let x = deadline("ratify it in 2011 at the latest", None);
        assert_eq!(x.date, Some(d("2011-12-31")));
    }

    #[test]
    fn french_and_spanish_deadlines() {
        assert_eq!(deadline("d'ici 2030", None).date, Some(d("2030-12-31")));
        assert_eq!(
            deadline("d’ici à la fin de 2012", None).date,
            Some(d("2012-12-31"))
        );
        assert_eq!(deadline("para 2030", None).date, Some(d("2030-12-31")));
        assert_eq!(
            deadline("a más tardar en 2025", None).date,
            Some(d("2025-12-31"))
        );
        assert_eq!(
            deadline("au plus tard en 2015", None).date,
            Some(d("2015-12-31"))
        );
    }

    #[test]
    fn a_year_alone_in_a_list_item_is_its_deadline() {
        let item = |t: &str, doc: Option<&str>| {
            let lower = t.to_lowercase();
            item_date(t, &lower, doc.map(d))
        };
        let x = item("submitting outstanding reports (December 2008)", None).unwrap();
        assert_eq!(x.date, Some(d("2008-12-31")));
        assert_eq!(x.as_written, "December 2008");
        let x = item("National Action Plan 2010-2014", Some("2009-01-01")).unwrap();
        assert_eq!(x.date, Some(d("2014-12-31")));
        assert!(item("Implementing the Act of 2005", Some("2009-01-01")).is_none());
    }

    #[test]
    fn targets_for_the_year_of_a_date_and_spanish_al_are_deadlines() {
        let x = deadline(
            "reduce 29% of its emissions by the year of 2030.\"\"Indonesia",
            None,
        );
        assert_eq!(x.date, Some(d("2030-12-31")));
        assert_eq!(x.as_written, "by the year of 2030");
        let x = deadline("reduce 25% of its emissions for the year 2030.", None);
        assert_eq!(x.date, Some(d("2030-12-31")));
        let x = deadline(
            "réduire ses émissions de 84% à l’horizon 2030 par rapport",
            None,
        );
        assert_eq!(x.date, Some(d("2030-12-31")));
        assert_eq!(x.as_written, "l’horizon 2030");
        let x = deadline("reducir las emisiones para el año 2030.", None);
        assert_eq!(x.date, Some(d("2030-12-31")));
        let x = deadline("10% de reducción de emisiones proyectadas al 2030", None);
        assert_eq!(x.date, Some(d("2030-12-31")));
        assert_eq!(x.as_written, "al 2030");
    }
}
