//! The words pledgewatch shows people: dates written out, deadlines as a
//! source writes them, durations in years and months, statuses, scales,
//! timings and changes of rating in plain words, in the reader's language.
//! Pages, feeds and documents all take their words from here, so that one
//! thing is said one way everywhere, and never as a key, an ISO date with
//! its precision or an id.
//!
//! Each function is one message of the catalogue (`lang`, the `wording`
//! family of `.ftl` files) with named arguments; plural forms are chosen
//! by the catalogue with CLDR's rules for the language.

use chrono::{Datelike, NaiveDate};

use crate::date::{PreciseDate, Precision};
use crate::facts::{DeadlineState, ResolvedDate};
use crate::lang::{Args, Lang};
use crate::model::{Direction, Origin, TimingKind};
use crate::scale::{ScaleId, ScaleVersion};

fn month_number(date: NaiveDate) -> f64 {
    f64::from(date.month())
}

fn year(date: NaiveDate) -> String {
    date.year().to_string()
}

fn quarter(date: NaiveDate) -> f64 {
    f64::from(date.month0() / 3 + 1)
}

/// `month-name`: a month on its own: "May", "май".
pub fn month(lang: Lang, date: NaiveDate) -> String {
    lang.tr("month-name", &Args::new().num("month", month_number(date)))
}

/// `month-of`: a month after a day: "May", "мая".
fn month_of(lang: Lang, date: NaiveDate) -> String {
    lang.tr("month-of", &Args::new().num("month", month_number(date)))
}

/// `date-day`: "31 December 2008", "31 декабря 2008 г.".
pub fn day(lang: Lang, date: NaiveDate) -> String {
    let args = Args::new()
        .num("day", f64::from(date.day()))
        .str("month", month_of(lang, date))
        .str("year", year(date));
    lang.tr("date-day", &args)
}

/// A month and year with both forms of the month's name, as the messages
/// about months take them.
fn month_args(lang: Lang, date: NaiveDate) -> Args {
    Args::new()
        .str("month", month(lang, date))
        .str("monthof", month_of(lang, date))
        .num("monthnum", month_number(date))
        .str("year", year(date))
}

/// `date-month`: "December 2008".
pub fn month_year(lang: Lang, date: NaiveDate) -> String {
    lang.tr("date-month", &month_args(lang, date))
}

/// `date-precise`: a date as precisely as it is known: "31 December
/// 2008", "December 2008", "the fourth quarter of 2008", "2008".
pub fn precise(lang: Lang, date: &PreciseDate) -> String {
    let start = date.earliest();
    match date.precision() {
        Precision::Day => day(lang, start),
        Precision::Month => month_year(lang, start),
        Precision::Quarter => lang.tr(
            "date-quarter",
            &Args::new()
                .num("quarter", quarter(start))
                .str("year", year(start)),
        ),
        Precision::Year => lang.tr("date-year", &Args::new().str("year", year(start))),
    }
}

/// `deadline-*`: a deadline as a source writes it, from its last day and
/// the precision it was given with: "by 31 December 2008", "by the end of
/// December 2008", "by the end of the fourth quarter of 2008", "by the end
/// of 2008".
pub fn deadline(lang: Lang, deadline: ResolvedDate) -> String {
    let d = deadline.date;
    match deadline.precision {
        Precision::Day => lang.tr("deadline-day", &Args::new().str("date", day(lang, d))),
        Precision::Month => lang.tr("deadline-month", &month_args(lang, d)),
        Precision::Quarter => lang.tr(
            "deadline-quarter",
            &Args::new().num("quarter", quarter(d)).str("year", year(d)),
        ),
        Precision::Year => lang.tr("deadline-year", &Args::new().str("year", year(d))),
    }
}

/// `period-*`: a period a commitment runs during: "throughout 2010",
/// "throughout May 2010", "from 1 March to 30 June 2010", "from 1 December
/// 2009 to 31 March 2010".
pub fn period(lang: Lang, from: ResolvedDate, until: ResolvedDate) -> String {
    period_days(lang, from.date, until.date)
}

/// [`period`] between two days.
pub fn period_days(lang: Lang, starts: NaiveDate, ends: NaiveDate) -> String {
    let same_year = starts.year() == ends.year();
    if same_year && starts.ordinal() == 1 && ends.month() == 12 && ends.day() == 31 {
        return lang.tr("period-year", &Args::new().str("year", year(starts)));
    }
    let last_of_month = ends
        .succ_opt()
        .is_none_or(|next| next.month() != ends.month());
    if same_year && starts.month() == ends.month() && starts.day() == 1 && last_of_month {
        return lang.tr("period-month", &month_args(lang, starts));
    }
    if same_year {
        let args = Args::new()
            .num("fromday", f64::from(starts.day()))
            .str("frommonth", month_of(lang, starts))
            .str("to", day(lang, ends));
        return lang.tr("period-same-year", &args);
    }
    let args = Args::new()
        .str("from", day(lang, starts))
        .str("to", day(lang, ends));
    lang.tr("period-days", &args)
}

/// A time between two days in whole years, months and days, counted on
/// the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub years: i64,
    pub months: i64,
    pub days: i64,
}

impl Span {
    /// The calendar time from `from` to `to` (zero if `to` is earlier).
    pub fn between(from: NaiveDate, to: NaiveDate) -> Self {
        if to <= from {
            return Self {
                years: 0,
                months: 0,
                days: 0,
            };
        }
        let mut months = i64::from(to.year() - from.year()) * 12 + i64::from(to.month())
            - i64::from(from.month());
        if to.day() < from.day() {
            months -= 1;
        }
        let anchor = add_months(from, months);
        Self {
            years: months / 12,
            months: months % 12,
            days: (to - anchor).num_days(),
        }
    }
}

/// `from` plus whole months, on the same day of the month or the last day
/// of a shorter month.
fn add_months(from: NaiveDate, months: i64) -> NaiveDate {
    let total = i64::from(from.year()) * 12 + i64::from(from.month0()) + months;
    let (year, month0) = (total.div_euclid(12), total.rem_euclid(12));
    let year = i32::try_from(year).unwrap_or(i32::MAX);
    let month = u32::try_from(month0 + 1).unwrap_or(1);
    (0..4)
        .find_map(|back| NaiveDate::from_ymd_opt(year, month, from.day() - back))
        .unwrap_or(from)
}

/// `duration-*`: a span in words, to the month when it is a month or
/// longer: "17 years 11 months", "1 year", "3 months", "12 days", "1 day".
pub fn duration(lang: Lang, span: Span) -> String {
    let count = |id: &str, n: i64| lang.tr(id, &Args::new().num("n", n as f64));
    match (span.years, span.months) {
        (0, 0) => count("duration-days", span.days),
        (0, m) => count("duration-months", m),
        (y, 0) => count("duration-years", y),
        (y, m) => lang.tr(
            "duration-years-months",
            &Args::new()
                .str("years", count("duration-years", y))
                .str("months", count("duration-months", m)),
        ),
    }
}

/// `deadline-due-*`, `deadline-overdue`, `deadline-met-*`: where a
/// commitment stands against its deadline on `as_of`: "17 years 11 months
/// overdue", "due in 7 months", "due today", "met on time, on 3 June
/// 2009", "met 1 month late, on 6 February 2009", "no deadline".
pub fn deadline_state(
    lang: Lang,
    state: &DeadlineState,
    deadline: Option<ResolvedDate>,
    as_of: NaiveDate,
) -> String {
    let due = deadline.map(|d| d.date).unwrap_or(as_of);
    let span = |a, b| duration(lang, Span::between(a, b));
    match state {
        DeadlineState::Upcoming { days_left: 0 } => lang.t("deadline-due-today"),
        DeadlineState::Upcoming { .. } => lang.tr(
            "deadline-due-in",
            &Args::new().str("duration", span(as_of, due)),
        ),
        DeadlineState::Overdue { .. } => lang.tr(
            "deadline-overdue",
            &Args::new().str("duration", span(due, as_of)),
        ),
        DeadlineState::MetOnTime { on } => lang.tr(
            "deadline-met-on-time",
            &Args::new().str("date", day(lang, *on)),
        ),
        DeadlineState::MetLate { on, .. } => lang.tr(
            "deadline-met-late",
            &Args::new()
                .str("duration", span(due, *on))
                .str("date", day(lang, *on)),
        ),
        DeadlineState::NoDeadline => lang.t("deadline-none"),
    }
}

/// `since-pledge`: "made 17 years 11 months ago", or "made today".
pub fn since_pledge(lang: Lang, made_on: NaiveDate, as_of: NaiveDate) -> String {
    lang.tr(
        "since-pledge",
        &Args::new().str("ago", ago(lang, made_on, as_of)),
    )
}

/// `ago`: "17 years 11 months ago", or "today".
pub fn ago(lang: Lang, then: NaiveDate, now: NaiveDate) -> String {
    if now <= then {
        return lang.t("ago-today");
    }
    let span = duration(lang, Span::between(then, now));
    lang.tr("ago", &Args::new().str("duration", span))
}

/// `scale-*`: a rating scale's name, without its key or version:
/// "pledgewatch's own scale", "ODIHR's implementation scale".
pub fn scale_name(lang: Lang, scale: ScaleId) -> String {
    lang.t(&format!("scale-{}", scale.as_str()))
}

/// `scale-version`: a scale as an assessment was made with it; the version
/// is named only past the first.
pub fn scale_version(lang: Lang, scale: ScaleVersion) -> String {
    match scale.version {
        1 => scale_name(lang, scale.scale),
        v => lang.tr(
            "scale-version",
            &Args::new()
                .str("scale", scale_name(lang, scale.scale))
                .num("version", f64::from(v)),
        ),
    }
}

/// `status-SCALE-KEY`: a status of a scale in words ("Partially
/// fulfilled"); a key the scale does not know is made readable rather
/// than shown raw.
pub fn status(lang: Lang, scale: ScaleId, key: &str) -> String {
    match scale.scale().status(key) {
        Ok(s) => lang.t(&format!("status-{}-{}", scale.as_str(), s.key)),
        Err(_) => readable_key(key),
    }
}

/// A status label as a scale writes it in English ("Partially
/// fulfilled"), in `lang`: looked up on `scale` first, then on the other
/// scales (an assessment may have been made on another); a label no scale
/// has is given back as it is.
pub fn status_label(lang: Lang, scale: ScaleId, label: &str) -> String {
    std::iter::once(scale)
        .chain(ScaleId::ALL)
        .find_map(|id| {
            id.scale()
                .statuses
                .iter()
                .find(|s| s.label == label)
                .map(|s| lang.t(&format!("status-{}-{}", id.as_str(), s.key)))
        })
        .unwrap_or_else(|| label.to_owned())
}

/// A machine key made readable: "by_deadline" -> "By deadline".
fn readable_key(key: &str) -> String {
    let words = key.replace('_', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `timing-KIND`: the kind of timing a commitment has.
pub fn timing_kind(lang: Lang, kind: TimingKind) -> String {
    lang.t(&format!("timing-{}", kind.as_str()))
}

/// `origin-KEY`: where a commitment came from.
pub fn origin(lang: Lang, origin: Origin) -> String {
    lang.t(&format!("origin-{}", origin.as_str()))
}

/// `direction-KEY`: what a development did to a commitment.
pub fn direction(lang: Lang, direction: Direction) -> String {
    lang.t(&format!("direction-{}", direction.as_str()))
}

/// `priority-KEY`: a recommendation's priority ("high priority").
pub fn priority(lang: Lang, priority: crate::model::Priority) -> String {
    lang.t(&format!("priority-{}", priority.as_str()))
}

/// `kind-KEY`: a kind of record in a sentence ("commitment").
pub fn kind(lang: Lang, kind: &str) -> String {
    let id = format!("kind-{kind}");
    if lang.has(&id) {
        lang.t(&id)
    } else {
        readable_key(kind).to_lowercase()
    }
}

/// `span-*`: the days of an occasion: "29–30 November 2007", "30
/// November – 2 December 2007", "30 December 2007 – 2 January 2008".
pub fn span(lang: Lang, starts: &PreciseDate, ends: Option<&PreciseDate>) -> String {
    let Some(ends) = ends else {
        return precise(lang, starts);
    };
    let both = |from: String, to: String| {
        lang.tr("span-days", &Args::new().str("from", from).str("to", to))
    };
    if starts.precision() != Precision::Day || ends.precision() != Precision::Day {
        return both(precise(lang, starts), precise(lang, ends));
    }
    let (a, b) = (starts.earliest(), ends.earliest());
    if a == b {
        day(lang, a)
    } else if a.year() == b.year() && a.month() == b.month() {
        let args = Args::new()
            .num("fromday", f64::from(a.day()))
            .num("today", f64::from(b.day()))
            .str("month", month_of(lang, b))
            .str("year", year(b));
        lang.tr("span-same-month", &args)
    } else if a.year() == b.year() {
        let args = Args::new()
            .num("fromday", f64::from(a.day()))
            .str("frommonth", month_of(lang, a))
            .str("to", day(lang, b));
        lang.tr("span-same-year", &args)
    } else {
        both(day(lang, a), day(lang, b))
    }
}

/// `steps-back`: a count of regressions (ratings worse than the one
/// before): "no step back", "1 step back", "5 steps back".
pub fn steps_back(lang: Lang, n: usize) -> String {
    lang.tr("steps-back", &Args::new().count("n", n))
}

/// `rating-*`: what a new rating changed, from the labels of the previous
/// rating (if any) and the new one: "First rated Not started", "Now In
/// progress (up from Not started)", "Step back: now Regressed (down from
/// In progress)", "Rated again: still Regressed".
pub fn rating_change(lang: Lang, previous: Option<&str>, now: &str, step_back: bool) -> String {
    let args = Args::new().str("now", now);
    match previous {
        None => lang.tr("rating-first", &args),
        Some(p) if p == now => lang.tr("rating-same", &args),
        Some(p) if step_back => lang.tr("rating-down", &args.str("previous", p)),
        Some(p) => lang.tr("rating-up", &args.str("previous", p)),
    }
}

/// `conflict`: a save refused because someone else saved first. Names the
/// kind of record, never its id.
pub fn conflict(lang: Lang, kind: &str, expected: i64, actual: i64) -> String {
    conflict_said(kind, expected, actual).in_lang(lang)
}

/// The message of [`conflict`], to be said in any language.
pub fn conflict_said(kind: &str, expected: i64, actual: i64) -> crate::reason::Said {
    crate::reason::Said::new("conflict")
        .kind_word("kind", kind)
        .num("expected", expected)
        .num("actual", actual)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::parse_day;
    use crate::lang::Lang::{self, En, Es, Fr, Ru};

    fn d(s: &str) -> NaiveDate {
        parse_day(s).unwrap()
    }

    fn resolved(text: &str) -> ResolvedDate {
        let date = PreciseDate::parse(text).unwrap();
        ResolvedDate {
            date: date.latest(),
            precision: date.precision(),
        }
    }

    #[test]
    fn deadlines_are_written_as_a_source_writes_them_for_every_precision() {
        assert_eq!(deadline(En, resolved("2008")), "by the end of 2008");
        assert_eq!(
            deadline(En, resolved("2008-Q4")),
            "by the end of the fourth quarter of 2008"
        );
        assert_eq!(
            deadline(En, resolved("2008-Q1")),
            "by the end of the first quarter of 2008"
        );
        assert_eq!(
            deadline(En, resolved("2008-02")),
            "by the end of February 2008"
        );
        assert_eq!(deadline(En, resolved("2008-12-31")), "by 31 December 2008");
        for p in Precision::ALL {
            let text = deadline(
                En,
                ResolvedDate {
                    date: d("2010-12-31"),
                    precision: p,
                },
            );
            assert!(!text.contains("precision") && !text.contains('-'), "{text}");
        }
    }

    #[test]
    fn dates_are_written_out_as_precisely_as_they_are_known() {
        assert_eq!(day(En, d("2008-12-31")), "31 December 2008");
        assert_eq!(day(En, d("2007-11-29")), "29 November 2007");
        let p = |t: &str| precise(En, &PreciseDate::parse(t).unwrap());
        assert_eq!(p("2008-05-28"), "28 May 2008");
        assert_eq!(p("2008-05"), "May 2008");
        assert_eq!(p("2008-Q2"), "the second quarter of 2008");
        assert_eq!(p("2008"), "2008");
    }

    #[test]
    fn periods_are_written_as_periods() {
        assert_eq!(
            period(En, resolved("2010-01-01"), resolved("2010")),
            "throughout 2010"
        );
        assert_eq!(
            period(En, resolved("2010-05-01"), resolved("2010-05")),
            "throughout May 2010"
        );
        assert_eq!(
            period(En, resolved("2010-03-01"), resolved("2010-06-30")),
            "from 1 March to 30 June 2010"
        );
        assert_eq!(
            period(En, resolved("2009-12-01"), resolved("2010-03-31")),
            "from 1 December 2009 to 31 March 2010"
        );
        let p = |t: &str| PreciseDate::parse(t).unwrap();
        assert_eq!(
            span(En, &p("2007-11-29"), Some(&p("2007-11-30"))),
            "29\u{2013}30 November 2007"
        );
        assert_eq!(span(En, &p("2007-11-29"), None), "29 November 2007");
    }

    #[test]
    fn durations_count_years_months_and_days_in_singular_and_plural() {
        let s = |a: &str, b: &str| duration(En, Span::between(d(a), d(b)));
        assert_eq!(s("2008-12-31", "2026-12-06"), "17 years 11 months");
        assert_eq!(s("2008-12-31", "2009-12-31"), "1 year");
        assert_eq!(s("2008-12-31", "2010-12-31"), "2 years");
        assert_eq!(s("2008-12-31", "2010-01-31"), "1 year 1 month");
        assert_eq!(s("2008-01-15", "2008-04-20"), "3 months");
        assert_eq!(s("2008-01-15", "2008-02-15"), "1 month");
        assert_eq!(s("2008-12-31", "2009-01-01"), "1 day");
        assert_eq!(s("2008-12-31", "2009-01-12"), "12 days");
        // From the last day of a long month to a shorter one.
        assert_eq!(s("2009-01-31", "2009-02-28"), "28 days");
        assert_eq!(
            Span::between(d("2009-01-31"), d("2009-03-31")),
            Span {
                years: 0,
                months: 2,
                days: 0
            }
        );
    }

    #[test]
    fn deadline_states_say_how_long_in_words() {
        let end_2008 = Some(resolved("2008"));
        let overdue = deadline_state(
            En,
            &DeadlineState::Overdue { days: 6549 },
            end_2008,
            d("2026-12-06"),
        );
        assert_eq!(overdue, "17 years 11 months overdue");
        assert_eq!(
            deadline_state(
                En,
                &DeadlineState::Upcoming { days_left: 214 },
                end_2008,
                d("2008-05-31")
            ),
            "due in 7 months"
        );
        assert_eq!(
            deadline_state(
                En,
                &DeadlineState::Upcoming { days_left: 0 },
                end_2008,
                d("2008-12-31")
            ),
            "due today"
        );
        assert_eq!(
            deadline_state(
                En,
                &DeadlineState::MetLate {
                    on: d("2009-02-06"),
                    days_late: 37
                },
                end_2008,
                d("2010-01-01")
            ),
            "met 1 month late, on 6 February 2009"
        );
        assert_eq!(
            deadline_state(
                En,
                &DeadlineState::MetOnTime {
                    on: d("2008-06-03")
                },
                end_2008,
                d("2010-01-01")
            ),
            "met on time, on 3 June 2008"
        );
        assert_eq!(
            deadline_state(En, &DeadlineState::NoDeadline, None, d("2010-01-01")),
            "no deadline"
        );
    }

    #[test]
    fn statuses_scales_and_changes_are_in_words_never_keys() {
        assert_eq!(
            status(En, ScaleId::Default, "partially_fulfilled"),
            "Partially fulfilled"
        );
        assert_eq!(status(En, ScaleId::Default, "by_deadline"), "By deadline");
        assert_eq!(
            scale_version(
                En,
                ScaleVersion {
                    scale: ScaleId::Default,
                    version: 1
                }
            ),
            "pledgewatch's own scale"
        );
        assert_eq!(
            scale_version(
                En,
                ScaleVersion {
                    scale: ScaleId::Odihr,
                    version: 2
                }
            ),
            "ODIHR's implementation scale, version 2"
        );
        assert_eq!(timing_kind(En, TimingKind::ByDeadline), "By a deadline");
        assert_eq!(
            rating_change(En, Some("In progress"), "Regressed", true),
            "Step back: now Regressed (down from In progress)"
        );
        assert_eq!(
            rating_change(En, Some("Regressed"), "Regressed", false),
            "Rated again: still Regressed"
        );
        assert_eq!(
            rating_change(En, None, "Not started", false),
            "First rated Not started"
        );
        assert_eq!(steps_back(En, 0), "no step back");
        assert_eq!(steps_back(En, 1), "1 step back");
        assert_eq!(steps_back(En, 5), "5 steps back");
    }

    #[test]
    fn the_conflict_message_names_the_kind_not_the_id() {
        let text = conflict(En, "commitment", 3, 4);
        assert!(
            text.starts_with("Someone else changed this commitment"),
            "{text}"
        );
        assert!(text.contains("version 3") && text.contains("version 4"));
        assert!(!text.chars().any(|c| c == '_'));
    }

    #[test]
    fn dates_are_written_in_each_language() {
        let end = d("2008-12-31");
        assert_eq!(day(En, end), "31 December 2008");
        assert_eq!(day(Fr, end), "31 décembre 2008");
        assert_eq!(day(Ru, end), "31 декабря 2008 г.");
        assert_eq!(day(Es, end), "31 de diciembre de 2008");
        assert_eq!(day(Fr, d("2008-03-01")), "1er mars 2008");
        assert_eq!(day(Ru, d("2008-05-28")), "28 мая 2008 г.");
        let p = |lang: Lang, t: &str| precise(lang, &PreciseDate::parse(t).unwrap());
        assert_eq!(p(Ru, "2008-05"), "май 2008 г.");
        assert_eq!(p(Es, "2008-05"), "mayo de 2008");
        assert_eq!(p(Fr, "2008-Q2"), "le deuxième trimestre 2008");
        assert_eq!(p(Ru, "2008-Q4"), "IV квартал 2008 г.");
        assert_eq!(p(Es, "2008-Q1"), "el primer trimestre de 2008");
        assert_eq!(p(Ru, "2008"), "2008 г.");
        let s = |lang: Lang, a: &str, b: &str| {
            span(
                lang,
                &PreciseDate::parse(a).unwrap(),
                Some(&PreciseDate::parse(b).unwrap()),
            )
        };
        assert_eq!(s(Ru, "2007-11-29", "2007-11-30"), "29–30 ноября 2007 г.");
        assert_eq!(
            s(Es, "2007-11-30", "2007-12-02"),
            "30 de noviembre – 2 de diciembre de 2007"
        );
        assert_eq!(
            s(Fr, "2007-12-30", "2008-01-02"),
            "30 décembre 2007 – 2 janvier 2008"
        );
    }

    #[test]
    fn deadlines_are_written_for_every_precision_in_each_language() {
        let cases = [
            (
                "2008",
                [
                    "by the end of 2008",
                    "до конца 2008 г.",
                    "d'ici à la fin de 2008",
                    "para finales de 2008",
                ],
            ),
            (
                "2008-Q4",
                [
                    "by the end of the fourth quarter of 2008",
                    "до конца IV квартала 2008 г.",
                    "d'ici à la fin du quatrième trimestre 2008",
                    "para finales del cuarto trimestre de 2008",
                ],
            ),
            (
                "2008-12",
                [
                    "by the end of December 2008",
                    "до конца декабря 2008 г.",
                    "d'ici à la fin de décembre 2008",
                    "para finales de diciembre de 2008",
                ],
            ),
            (
                "2008-04",
                [
                    "by the end of April 2008",
                    "до конца апреля 2008 г.",
                    "d'ici à la fin d'avril 2008",
                    "para finales de abril de 2008",
                ],
            ),
            (
                "2008-12-31",
                [
                    "by 31 December 2008",
                    "до 31 декабря 2008 г.",
                    "d'ici au 31 décembre 2008",
                    "a más tardar el 31 de diciembre de 2008",
                ],
            ),
        ];
        for (text, expected) in cases {
            for (lang, want) in [En, Ru, Fr, Es].into_iter().zip(expected) {
                assert_eq!(deadline(lang, resolved(text)), want, "{text} in {lang:?}");
            }
        }
        let cases = [
            (Ru, "2010-01-01", "2010", "в течение 2010 г."),
            (Ru, "2010-05-01", "2010-05", "в течение мая 2010 г."),
            (
                Fr,
                "2010-03-01",
                "2010-06-30",
                "du 1er mars au 30 juin 2010",
            ),
            (
                Es,
                "2009-12-01",
                "2010-03-31",
                "del 1 de diciembre de 2009 al 31 de marzo de 2010",
            ),
            (
                Ru,
                "2010-03-01",
                "2010-06-30",
                "с 1 марта по 30 июня 2010 г.",
            ),
        ];
        for (lang, from, until, want) in cases {
            assert_eq!(period(lang, resolved(from), resolved(until)), want);
        }
    }

    #[test]
    fn durations_take_each_languages_plural_forms() {
        let s = |lang: Lang, a: &str, b: &str| duration(lang, Span::between(d(a), d(b)));
        let cases = [
            (
                "2008-12-31",
                "2026-12-06",
                [
                    "17 years 11 months",
                    "17 лет 11 месяцев",
                    "17 ans 11 mois",
                    "17 años y 11 meses",
                ],
            ),
            (
                "2008-12-31",
                "2009-12-31",
                ["1 year", "1 год", "1 an", "1 año"],
            ),
            (
                "2008-12-31",
                "2011-12-31",
                ["3 years", "3 года", "3 ans", "3 años"],
            ),
            (
                "2008-12-31",
                "2030-02-28",
                [
                    "21 years 1 month",
                    "21 год 1 месяц",
                    "21 ans 1 mois",
                    "21 años y 1 mes",
                ],
            ),
            (
                "2008-01-15",
                "2008-03-20",
                ["2 months", "2 месяца", "2 mois", "2 meses"],
            ),
            (
                "2008-01-15",
                "2008-06-20",
                ["5 months", "5 месяцев", "5 mois", "5 meses"],
            ),
            (
                "2008-12-31",
                "2009-01-01",
                ["1 day", "1 день", "1 jour", "1 día"],
            ),
            (
                "2008-12-01",
                "2008-12-03",
                ["2 days", "2 дня", "2 jours", "2 días"],
            ),
            (
                "2008-12-01",
                "2008-12-12",
                ["11 days", "11 дней", "11 jours", "11 días"],
            ),
            (
                "2008-12-01",
                "2008-12-22",
                ["21 days", "21 день", "21 jours", "21 días"],
            ),
        ];
        for (a, b, expected) in cases {
            for (lang, want) in [En, Ru, Fr, Es].into_iter().zip(expected) {
                assert_eq!(s(lang, a, b), want, "{a}..{b} in {lang:?}");
            }
        }
    }

    #[test]
    fn overdue_and_steps_back_take_each_languages_plural_forms() {
        let overdue = |lang| {
            deadline_state(
                lang,
                &DeadlineState::Overdue { days: 6549 },
                Some(resolved("2008")),
                d("2026-12-06"),
            )
        };
        assert_eq!(overdue(Ru), "просрочено на 17 лет 11 месяцев");
        assert_eq!(overdue(Fr), "en retard de 17 ans 11 mois");
        assert_eq!(overdue(Es), "17 años y 11 meses de retraso");
        assert_eq!(steps_back(Ru, 0), "ни одного шага назад");
        assert_eq!(steps_back(Ru, 2), "2 шага назад");
        assert_eq!(steps_back(Ru, 5), "5 шагов назад");
        assert_eq!(steps_back(Fr, 1), "1 recul");
        assert_eq!(steps_back(Es, 5), "5 retrocesos");
    }

    #[test]
    fn statuses_and_kinds_are_in_each_language() {
        assert_eq!(
            status(Ru, ScaleId::Default, "partially_fulfilled"),
            "Выполнено частично"
        );
        assert_eq!(
            status(Fr, ScaleId::Politifact, "promise_kept"),
            "Promesse tenue"
        );
        assert_eq!(status(Es, ScaleId::Odihr, "not_implemented"), "No aplicada");
        assert_eq!(timing_kind(Ru, TimingKind::ByDeadline), "К сроку");
        assert_eq!(
            rating_change(Es, Some("En curso"), "En retroceso", true),
            "Retroceso: ahora «En retroceso» (antes «En curso»)"
        );
        assert!(conflict(Ru, "commitment", 3, 4).contains("(обязательство)"));
        assert_eq!(
            status_label(Fr, ScaleId::Default, "Regressed"),
            "Régression"
        );
        // The status and the flag beside it are two words in every language.
        for lang in Lang::ALL {
            assert_ne!(
                lang.t("scorecard-backtracking"),
                status_label(lang, ScaleId::Default, "Regressed"),
                "{lang:?}"
            );
        }
        assert_eq!(
            status_label(Ru, ScaleId::Default, "Fully implemented"),
            "Выполнено полностью"
        );
        assert_eq!(
            status_label(Es, ScaleId::Default, "Something else"),
            "Something else"
        );
        for lang in Lang::ALL {
            for scale in ScaleId::ALL {
                for s in scale.scale().statuses {
                    let label = status(lang, scale, s.key);
                    assert!(
                        !label.contains('_') && !label.starts_with("status-"),
                        "{label}"
                    );
                }
            }
        }
    }
}
