//! Text helpers shared by the memorandum and the letter: cleaning user text
//! before it enters a document, dates and numbers in words, and spans of time
//! as a letter says them ("nearly six months").

use chrono::{Datelike, NaiveDate};
use pledgewatch_core::date::PreciseDate;
use pledgewatch_core::lang::{Args, Lang};
use pledgewatch_core::wording;

/// A private-use character the DOCX writer uses as a placeholder; never
/// allowed in user text.
pub(crate) const PLACEHOLDER: char = '\u{E000}';

/// Makes user text safe to place in any format: control characters (which
/// XML cannot carry) and explicit bidirectional overrides and isolates
/// (which could reorder the text around them) are removed, and runs of
/// whitespace, line breaks included, become one space. Right-to-left scripts
/// themselves are kept: each format lays them out by the Unicode rules.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        let dropped = c.is_control()
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
            || c == PLACEHOLDER
            || c == '\u{FEFF}';
        if dropped {
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// Typographic punctuation for visible text: a straight apostrophe between
/// or after letters becomes ’, straight quotation marks become curly
/// (opening after a space or at the start, closing elsewhere), a hyphen
/// between two years ("2008-2010") or two days of a month ("1-2 December")
/// and a spaced hyphen (" - ") become en dashes. Dates written as numbers
/// ("2008-05-28") and hyphenated words are left alone, and so is every
/// web or email address in the text ([`is_address`]).
pub fn typographic(text: &str) -> String {
    if !text.contains(['\'', '"', '-']) {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    let kept = address_chars(&chars);
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        if kept[i] {
            out.push(c);
            continue;
        }
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let opening = prev.is_none_or(|p| {
            p.is_whitespace() || matches!(p, '(' | '[' | '“' | '‘' | '—' | '–' | '/')
        });
        match c {
            '\'' if opening && next.is_some_and(char::is_alphanumeric) => out.push('‘'),
            '\'' => out.push('’'),
            '"' if opening => out.push('“'),
            '"' => out.push('”'),
            '-' if prev == Some(' ') && next == Some(' ') => out.push('–'),
            '-' if is_range_dash(&chars, i) => out.push('–'),
            c => out.push(c),
        }
    }
    out
}

/// Which characters belong to a word (a run without whitespace) that is a
/// web or email address.
fn address_chars(chars: &[char]) -> Vec<bool> {
    let mut kept = vec![false; chars.len()];
    let mut start = 0;
    while start < chars.len() {
        let len = chars[start..]
            .iter()
            .take_while(|c| !c.is_whitespace())
            .count();
        let word: String = chars[start..start + len].iter().collect();
        if is_address(&word) {
            kept[start..start + len].fill(true);
        }
        start += len.max(1);
    }
    kept
}

/// Whether a word is a web or email address: it holds "://" or "www.", or
/// an "@" with a letter or digit on each side.
pub fn is_address(word: &str) -> bool {
    let lower = word.to_lowercase();
    if lower.contains("://") || lower.contains("www.") {
        return true;
    }
    let chars: Vec<char> = word.chars().collect();
    chars.iter().enumerate().any(|(i, &c)| {
        c == '@'
            && i > 0
            && chars[i - 1].is_alphanumeric()
            && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric())
    })
}

/// Whether the hyphen at `at` joins two years or two days of a month.
fn is_range_dash(chars: &[char], at: usize) -> bool {
    let before = chars[..at]
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .count();
    let after = chars[at + 1..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    let bounded = |c: Option<&char>| {
        c.is_none_or(|c| !c.is_alphanumeric() && !matches!(c, '-' | '/' | '.' | ':'))
    };
    let start_ok = bounded(at.checked_sub(before + 1).map(|j| &chars[j]));
    let end = at + 1 + after;
    if !start_ok || before == 0 || after == 0 {
        return false;
    }
    if before == 4 && after == 4 {
        return bounded(chars.get(end));
    }
    if (1..=2).contains(&before) && (1..=2).contains(&after) && chars.get(end) == Some(&' ') {
        let rest: String = chars[end + 1..].iter().take(9).collect();
        return MONTHS.iter().any(|m| rest.starts_with(m));
    }
    false
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

// Dates are written by the one wording layer in `core`, which pages and
// feeds use too.

/// "May".
pub fn month(date: NaiveDate) -> String {
    wording::month(Lang::En, date)
}

/// "May 2008".
pub fn month_year(date: NaiveDate) -> String {
    wording::month_year(Lang::En, date)
}

/// "31 May 2008".
pub fn day(date: NaiveDate) -> String {
    wording::day(Lang::En, date)
}

/// A date as precisely as it is known: "31 May 2008", "May 2008",
/// "the second quarter of 2008", "2008".
pub fn precise(date: &PreciseDate) -> String {
    wording::precise(Lang::En, date)
}

/// A span between two dates: "29–30 November 2007", "30 November – 2 December 2007".
pub fn span(starts: &PreciseDate, ends: Option<&PreciseDate>) -> String {
    wording::span(Lang::En, starts, ends)
}

const SMALL: [&str; 21] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

/// A count in words up to twenty, in digits beyond.
pub fn number(n: usize) -> String {
    SMALL
        .get(n)
        .map(|s| (*s).to_owned())
        .unwrap_or_else(|| n.to_string())
}

/// A count in words, with "none" for zero.
pub fn count(n: usize) -> String {
    if n == 0 { "none".to_owned() } else { number(n) }
}

/// The time between two days as a letter says it: "six months",
/// "nearly six months", "more than a year", "nearly two years".
pub fn elapsed_words(from: NaiveDate, to: NaiveDate) -> String {
    elapsed(Lang::En, from, to)
}

/// The message `id` in `lang` with `args`, its sentence ending tidied: a
/// date that ends with an abbreviation ("31 декабря 2008 г.") before a full
/// stop takes no second one.
pub fn tr(lang: Lang, id: &str, args: &Args) -> String {
    let text = lang.tr(id, args);
    if text.contains(" г..") {
        text.replace(" г..", " г.")
    } else {
        text
    }
}

/// A sentence ending after `text`: a full stop, unless it already ends
/// with one (a date such as "2005 г.").
pub fn stop(text: &str) -> String {
    if text.ends_with('.') {
        text.to_owned()
    } else {
        format!("{text}.")
    }
}

/// [`elapsed_words`] in `lang` (`doc-elapsed-*`): the same rounding, the
/// words and plural forms from the catalogue.
pub fn elapsed(lang: Lang, from: NaiveDate, to: NaiveDate) -> String {
    let (id, n) = match elapsed_parts(from, to) {
        Elapsed::NotYet => return lang.t("doc-elapsed-not-yet"),
        Elapsed::LessThanDay => return lang.t("doc-elapsed-less-than-day"),
        Elapsed::Span(id, n) => (id, n),
    };
    tr(lang, id, &Args::new().count("n", n).str("words", number(n)))
}

enum Elapsed {
    NotYet,
    LessThanDay,
    /// The message (its qualifier and unit) and the count.
    Span(&'static str, usize),
}

fn elapsed_parts(from: NaiveDate, to: NaiveDate) -> Elapsed {
    let days = (to - from).num_days();
    if days < 0 {
        return Elapsed::NotYet;
    }
    if days < 14 {
        return match days {
            0 => Elapsed::LessThanDay,
            d => Elapsed::Span("doc-elapsed-exact-day", d as usize),
        };
    }
    if days < 45 {
        let weeks = ((days + 3) / 7) as usize;
        return Elapsed::Span("doc-elapsed-exact-week", weeks);
    }
    // Whole months, and the days beyond them.
    let mut months = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    if to.day() < from.day() {
        months -= 1;
    }
    let anchor = add_months(from, months);
    let rest = (to - anchor).num_days();
    let months = months.max(0) as usize;
    let (years, extra) = (months / 12, months % 12);
    if months == 12 && rest <= 7 {
        Elapsed::Span("doc-elapsed-exact-year", 1)
    } else if months < 24 && !(months == 23 && rest >= 20) {
        // Under two years, months read best ("nearly eighteen months").
        months_phrase(months, rest)
    } else if extra == 11 && rest >= 20 {
        Elapsed::Span("doc-elapsed-nearly-year", years + 1)
    } else if extra == 0 && rest <= 7 {
        Elapsed::Span("doc-elapsed-exact-year", years)
    } else {
        Elapsed::Span("doc-elapsed-more-year", years)
    }
}

fn months_phrase(months: usize, rest: i64) -> Elapsed {
    if rest >= 20 {
        let next = months + 1;
        if next == 12 {
            Elapsed::Span("doc-elapsed-nearly-year", 1)
        } else {
            Elapsed::Span("doc-elapsed-nearly-month", next)
        }
    } else if rest <= 7 {
        Elapsed::Span("doc-elapsed-exact-month", months)
    } else {
        Elapsed::Span("doc-elapsed-more-month", months)
    }
}

fn add_months(date: NaiveDate, months: i32) -> NaiveDate {
    let total = date.year() * 12 + date.month0() as i32 + months;
    let (y, m) = (total.div_euclid(12), total.rem_euclid(12) as u32 + 1);
    (0..4)
        .find_map(|back| NaiveDate::from_ymd_opt(y, m, date.day().saturating_sub(back)))
        .unwrap_or(date)
}

/// The text with its first letter in upper case.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The text with its first letter in lower case, unless the first word
/// looks like a name or an acronym ("ODIHR").
pub fn decapitalise(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && second.is_lowercase() => {
            first.to_lowercase().chain(text.chars().skip(1)).collect()
        }
        _ => text.to_owned(),
    }
}

/// Items joined as a sentence says them: "a, b and c".
pub fn join_and(items: &[String]) -> String {
    join_and_in(Lang::En, items)
}

/// Items joined as a sentence in `lang` says them (`doc-and`).
pub fn join_and_in(lang: Lang, items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => tr(
            lang,
            "doc-and",
            &Args::new()
                .str("init", init.join(", "))
                .str("last", last.clone()),
        ),
    }
}

/// Text in the quotation marks of `lang` (`doc-quoted`).
pub fn quoted(lang: Lang, text: &str) -> String {
    tr(lang, "doc-quoted", &Args::new().str("text", text))
}

/// A lowercase, hyphenated form of a name for file names ("Holy See" -> "holy-see").
pub fn file_slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    out.chars().take(60).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        pledgewatch_core::date::parse_day(s).unwrap()
    }

    #[test]
    fn the_seed_letter_s_interval_reads_nearly_six_months() {
        assert_eq!(
            elapsed_words(d("2007-11-29"), d("2008-05-28")),
            "nearly six months"
        );
        assert_eq!(
            elapsed_words(d("2007-11-29"), d("2008-05-31")),
            "six months"
        );
        assert_eq!(
            elapsed_words(d("2007-11-29"), d("2008-07-10")),
            "more than seven months"
        );
        assert_eq!(
            elapsed_words(d("2007-11-29"), d("2008-11-25")),
            "nearly a year"
        );
        assert_eq!(
            elapsed_words(d("2007-11-29"), d("2009-05-20")),
            "nearly eighteen months"
        );
        assert_eq!(
            elapsed_words(d("2007-11-29"), d("2010-01-02")),
            "more than two years"
        );
        assert_eq!(
            elapsed_words(d("2007-11-29"), d("2012-11-20")),
            "nearly five years"
        );
        assert_eq!(elapsed_words(d("2007-11-29"), d("2007-12-03")), "four days");
    }

    #[test]
    fn cleaning_removes_controls_and_bidi_overrides_but_keeps_scripts() {
        assert_eq!(clean("a\u{0}b\u{202E}c \n\t d"), "abc d");
        assert_eq!(clean("  Қазақстан — حقوق  "), "Қазақстан — حقوق");
        assert_eq!(clean("x\u{E000}y"), "xy");
    }

    #[test]
    fn dates_read_as_precisely_as_they_are_known() {
        let p = |s: &str| PreciseDate::parse(s).unwrap();
        assert_eq!(precise(&p("2008-05-28")), "28 May 2008");
        assert_eq!(precise(&p("2008-07")), "July 2008");
        assert_eq!(precise(&p("2008")), "2008");
        assert_eq!(
            span(&p("2007-11-29"), Some(&p("2007-11-30"))),
            "29–30 November 2007"
        );
    }

    #[test]
    fn visible_text_gets_curly_apostrophes_and_en_dashes_in_ranges() {
        assert_eq!(typographic("Kazakhstan's pledge"), "Kazakhstan’s pledge");
        assert_eq!(
            typographic("banned as 'extremist' and \"foreign\""),
            "banned as ‘extremist’ and “foreign”"
        );
        assert_eq!(
            typographic("in 2008-2010, on 1-2 December 2010"),
            "in 2008–2010, on 1–2 December 2010"
        );
        assert_eq!(
            typographic("World Report 2008 - Kazakhstan"),
            "World Report 2008 – Kazakhstan"
        );
        // Dates as numbers, codes and hyphenated words stay as they are.
        for kept in [
            "2008-05-28",
            "Jean-Marie",
            "ISBN 978-3-16",
            "12-34",
            "2008-2010-2012",
        ] {
            assert_eq!(typographic(kept), kept);
        }
    }

    #[test]
    fn web_and_email_addresses_keep_their_apostrophes_and_hyphens() {
        for kept in [
            "o'brien@example.org",
            "https://example.org/people's-centre--uk",
            "www.example.org/o'neill-2008-2010",
            "Write to o'brien@example.org - or see https://example.org/people's-centre--uk",
        ] {
            assert_eq!(typographic(kept), kept.replace(" - ", " – "));
        }
        assert_eq!(
            typographic("O'Brien's page: www.example.org/o'brien's"),
            "O’Brien’s page: www.example.org/o'brien's"
        );
        // An "@" that is not inside a word is not an address.
        assert_eq!(typographic("meet @ noon's end"), "meet @ noon’s end");
    }

    #[test]
    fn file_slugs_are_lowercase_and_hyphenated() {
        assert_eq!(file_slug("Holy See"), "holy-see");
        assert_eq!(
            file_slug("Bosnia and Herzegovina!"),
            "bosnia-and-herzegovina"
        );
        assert_eq!(file_slug("Россия"), "россия");
    }
}
