//! The words pledgewatch shows people: dates written out, deadlines as a
//! source writes them, durations in years and months, statuses, scales,
//! timings and changes of rating in plain words. Pages, feeds and documents
//! all take their words from here, so that one thing is said one way
//! everywhere, and never as a key, an ISO date with its precision or an id.
//!
//! English only for now. Each function is one message with named
//! arguments (its Fluent id is given in its comment), and every choice
//! between singular and plural goes through [`plural`], so that the
//! strings can move to one `.ftl` file per language, with CLDR plural
//! rules, without changing the callers.

use chrono::{Datelike, NaiveDate};

use crate::date::{PreciseDate, Precision};
use crate::facts::{DeadlineState, ResolvedDate};
use crate::model::{Direction, Origin, TimingKind};
use crate::scale::{ScaleId, ScaleVersion};

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

const QUARTERS: [&str; 4] = ["first", "second", "third", "fourth"];

/// The one place a count picks its form (CLDR's "one" and "other" for
/// English).
pub fn plural(n: i64, one: &str, other: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {other}")
    }
}

fn month_name(date: NaiveDate) -> &'static str {
    MONTHS[date.month0() as usize]
}

/// `date-month-name`: "May".
pub fn month(date: NaiveDate) -> &'static str {
    month_name(date)
}

fn quarter_of(date: NaiveDate) -> usize {
    date.month0() as usize / 3
}

/// `date-day`: "31 December 2008".
pub fn day(date: NaiveDate) -> String {
    format!("{} {} {}", date.day(), month_name(date), date.year())
}

/// `date-month`: "December 2008".
pub fn month_year(date: NaiveDate) -> String {
    format!("{} {}", month_name(date), date.year())
}

/// `date-precise`: a date as precisely as it is known: "31 December
/// 2008", "December 2008", "the fourth quarter of 2008", "2008".
pub fn precise(date: &PreciseDate) -> String {
    let start = date.earliest();
    match date.precision() {
        Precision::Day => day(start),
        Precision::Month => month_year(start),
        Precision::Quarter => format!(
            "the {} quarter of {}",
            QUARTERS[quarter_of(start)],
            start.year()
        ),
        Precision::Year => start.year().to_string(),
    }
}

/// `deadline-as-written`: a deadline as a source writes it, from its last
/// day and the precision it was given with: "by 31 December 2008", "by the
/// end of December 2008", "by the end of the fourth quarter of 2008", "by
/// the end of 2008".
pub fn deadline(deadline: ResolvedDate) -> String {
    let d = deadline.date;
    match deadline.precision {
        Precision::Day => format!("by {}", day(d)),
        Precision::Month => format!("by the end of {}", month_year(d)),
        Precision::Quarter => format!(
            "by the end of the {} quarter of {}",
            QUARTERS[quarter_of(d)],
            d.year()
        ),
        Precision::Year => format!("by the end of {}", d.year()),
    }
}

/// `period-as-written`: a period a commitment runs during: "throughout
/// 2010", "throughout May 2010", "from 1 March to 30 June 2010", "from 1
/// December 2009 to 31 March 2010".
pub fn period(from: ResolvedDate, until: ResolvedDate) -> String {
    period_days(from.date, until.date)
}

/// [`period`] between two days.
pub fn period_days(starts: NaiveDate, ends: NaiveDate) -> String {
    let same_year = starts.year() == ends.year();
    if same_year && starts.ordinal() == 1 && ends.month() == 12 && ends.day() == 31 {
        return format!("throughout {}", starts.year());
    }
    let last_of_month = ends
        .succ_opt()
        .is_none_or(|next| next.month() != ends.month());
    if same_year && starts.month() == ends.month() && starts.day() == 1 && last_of_month {
        return format!("throughout {}", month_year(starts));
    }
    if same_year {
        return format!("from {} {} to {}", starts.day(), month(starts), day(ends));
    }
    format!("from {} to {}", day(starts), day(ends))
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

/// `duration`: a span in words, to the month when it is a month or longer:
/// "17 years 11 months", "1 year", "3 months", "12 days", "1 day".
pub fn duration(span: Span) -> String {
    match (span.years, span.months) {
        (0, 0) => plural(span.days, "day", "days"),
        (0, m) => plural(m, "month", "months"),
        (y, 0) => plural(y, "year", "years"),
        (y, m) => format!(
            "{} {}",
            plural(y, "year", "years"),
            plural(m, "month", "months")
        ),
    }
}

/// `deadline-state`: where a commitment stands against its deadline on
/// `as_of`: "17 years 11 months overdue", "due in 7 months", "due today",
/// "met on time, on 3 June 2009", "met 1 month late, on 6 February 2009",
/// "no deadline".
pub fn deadline_state(
    state: &DeadlineState,
    deadline: Option<ResolvedDate>,
    as_of: NaiveDate,
) -> String {
    let due = deadline.map(|d| d.date).unwrap_or(as_of);
    match state {
        DeadlineState::Upcoming { days_left: 0 } => "due today".to_owned(),
        DeadlineState::Upcoming { .. } => {
            format!("due in {}", duration(Span::between(as_of, due)))
        }
        DeadlineState::Overdue { .. } => {
            format!("{} overdue", duration(Span::between(due, as_of)))
        }
        DeadlineState::MetOnTime { on } => format!("met on time, on {}", day(*on)),
        DeadlineState::MetLate { on, .. } => format!(
            "met {} late, on {}",
            duration(Span::between(due, *on)),
            day(*on)
        ),
        DeadlineState::NoDeadline => "no deadline".to_owned(),
    }
}

/// `elapsed-since-pledge`: "made 17 years 11 months ago", or "made today".
pub fn since_pledge(made_on: NaiveDate, as_of: NaiveDate) -> String {
    format!("made {}", ago(made_on, as_of))
}

/// `ago`: "17 years 11 months ago", or "today".
pub fn ago(then: NaiveDate, now: NaiveDate) -> String {
    if now <= then {
        return "today".to_owned();
    }
    format!("{} ago", duration(Span::between(then, now)))
}

/// `scale-name`: a rating scale's name, without its key or version:
/// "pledgewatch's own scale", "ODIHR's implementation scale".
pub fn scale_name(scale: ScaleId) -> &'static str {
    match scale {
        ScaleId::Default => "pledgewatch's own scale",
        ScaleId::Odihr => "ODIHR's implementation scale",
        ScaleId::Ogp => "the OGP completion scale",
        ScaleId::Politifact => "the PolitiFact promise meter",
    }
}

/// `scale-version`: a scale as an assessment was made with it; the version
/// is named only past the first.
pub fn scale_version(scale: ScaleVersion) -> String {
    match scale.version {
        1 => scale_name(scale.scale).to_owned(),
        v => format!("{}, version {v}", scale_name(scale.scale)),
    }
}

/// `status-label`: a status key of a scale in words ("Partially
/// fulfilled"); a key the scale does not know is made readable rather
/// than shown raw.
pub fn status(scale: ScaleId, key: &str) -> String {
    match scale.scale().status(key) {
        Ok(s) => s.label.to_owned(),
        Err(_) => readable_key(key),
    }
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

/// `timing-kind`: the kind of timing a commitment has.
pub fn timing_kind(kind: TimingKind) -> &'static str {
    match kind {
        TimingKind::ByDeadline => "By a deadline",
        TimingKind::DuringPeriod => "During a period",
        TimingKind::RefrainFrom => "An undertaking to refrain from something",
        TimingKind::NoneStated => "No time stated",
    }
}

/// `origin`: where a commitment came from.
pub fn origin(origin: Origin) -> String {
    readable_key(origin.as_str())
}

/// `direction`: what a development did to a commitment.
pub fn direction(direction: Direction) -> &'static str {
    match direction {
        Direction::Advance => "Advance",
        Direction::NoChange => "No change",
        Direction::Setback => "Setback",
    }
}

/// `priority`: a recommendation's priority ("high priority").
pub fn priority(priority: crate::model::Priority) -> String {
    format!("{} priority", priority.as_str())
}

/// `date-span`: the days of an occasion: "29–30 November 2007", "30
/// November – 2 December 2007", "30 December 2007 – 2 January 2008".
pub fn span(starts: &PreciseDate, ends: Option<&PreciseDate>) -> String {
    let Some(ends) = ends else {
        return precise(starts);
    };
    if starts.precision() != Precision::Day || ends.precision() != Precision::Day {
        return format!("{} \u{2013} {}", precise(starts), precise(ends));
    }
    let (a, b) = (starts.earliest(), ends.earliest());
    if a == b {
        day(a)
    } else if a.year() == b.year() && a.month() == b.month() {
        format!("{}\u{2013}{} {} {}", a.day(), b.day(), month(b), b.year())
    } else if a.year() == b.year() {
        format!("{} {} \u{2013} {}", a.day(), month(a), day(b))
    } else {
        format!("{} \u{2013} {}", day(a), day(b))
    }
}

/// `steps-back`: a count of regressions (ratings worse than the one
/// before): "no step back", "1 step back", "5 steps back".
pub fn steps_back(n: usize) -> String {
    match n {
        0 => "no step back".to_owned(),
        n => plural(
            i64::try_from(n).unwrap_or(i64::MAX),
            "step back",
            "steps back",
        ),
    }
}

/// `rating-change`: what a new rating changed, from the labels of the
/// previous rating (if any) and the new one: "First rated Not started",
/// "Now In progress (up from Not started)", "Step back: now Regressed
/// (down from In progress)", "Rated again: still Regressed".
pub fn rating_change(previous: Option<&str>, now: &str, step_back: bool) -> String {
    match previous {
        None => format!("First rated {now}"),
        Some(p) if p == now => format!("Rated again: still {now}"),
        Some(p) if step_back => format!("Step back: now {now} (down from {p})"),
        Some(p) => format!("Now {now} (up from {p})"),
    }
}

/// `conflict`: a save refused because someone else saved first. Names the
/// kind of record, never its id.
pub fn conflict(kind: &str, expected: i64, actual: i64) -> String {
    let kind = readable_key(kind).to_lowercase();
    format!(
        "Someone else changed this {kind} while you were editing it (you edited version {expected}; it is now at version {actual}). Reload the page to see their change, then make yours again."
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::parse_day;

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
        assert_eq!(deadline(resolved("2008")), "by the end of 2008");
        assert_eq!(
            deadline(resolved("2008-Q4")),
            "by the end of the fourth quarter of 2008"
        );
        assert_eq!(
            deadline(resolved("2008-Q1")),
            "by the end of the first quarter of 2008"
        );
        assert_eq!(deadline(resolved("2008-02")), "by the end of February 2008");
        assert_eq!(deadline(resolved("2008-12-31")), "by 31 December 2008");
        for p in Precision::ALL {
            let text = deadline(ResolvedDate {
                date: d("2010-12-31"),
                precision: p,
            });
            assert!(!text.contains("precision") && !text.contains('-'), "{text}");
        }
    }

    #[test]
    fn dates_are_written_out_as_precisely_as_they_are_known() {
        assert_eq!(day(d("2008-12-31")), "31 December 2008");
        assert_eq!(day(d("2007-11-29")), "29 November 2007");
        let p = |t: &str| precise(&PreciseDate::parse(t).unwrap());
        assert_eq!(p("2008-05-28"), "28 May 2008");
        assert_eq!(p("2008-05"), "May 2008");
        assert_eq!(p("2008-Q2"), "the second quarter of 2008");
        assert_eq!(p("2008"), "2008");
    }

    #[test]
    fn periods_are_written_as_periods() {
        assert_eq!(
            period(resolved("2010-01-01"), resolved("2010")),
            "throughout 2010"
        );
        assert_eq!(
            period(resolved("2010-05-01"), resolved("2010-05")),
            "throughout May 2010"
        );
        assert_eq!(
            period(resolved("2010-03-01"), resolved("2010-06-30")),
            "from 1 March to 30 June 2010"
        );
        assert_eq!(
            period(resolved("2009-12-01"), resolved("2010-03-31")),
            "from 1 December 2009 to 31 March 2010"
        );
        let p = |t: &str| PreciseDate::parse(t).unwrap();
        assert_eq!(
            span(&p("2007-11-29"), Some(&p("2007-11-30"))),
            "29\u{2013}30 November 2007"
        );
        assert_eq!(span(&p("2007-11-29"), None), "29 November 2007");
    }

    #[test]
    fn durations_count_years_months_and_days_in_singular_and_plural() {
        let s = |a: &str, b: &str| duration(Span::between(d(a), d(b)));
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
            &DeadlineState::Overdue { days: 6549 },
            end_2008,
            d("2026-12-06"),
        );
        assert_eq!(overdue, "17 years 11 months overdue");
        assert_eq!(
            deadline_state(
                &DeadlineState::Upcoming { days_left: 214 },
                end_2008,
                d("2008-05-31")
            ),
            "due in 7 months"
        );
        assert_eq!(
            deadline_state(
                &DeadlineState::Upcoming { days_left: 0 },
                end_2008,
                d("2008-12-31")
            ),
            "due today"
        );
        assert_eq!(
            deadline_state(
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
                &DeadlineState::MetOnTime {
                    on: d("2008-06-03")
                },
                end_2008,
                d("2010-01-01")
            ),
            "met on time, on 3 June 2008"
        );
        assert_eq!(
            deadline_state(&DeadlineState::NoDeadline, None, d("2010-01-01")),
            "no deadline"
        );
    }

    #[test]
    fn statuses_scales_and_changes_are_in_words_never_keys() {
        assert_eq!(
            status(ScaleId::Default, "partially_fulfilled"),
            "Partially fulfilled"
        );
        assert_eq!(status(ScaleId::Default, "by_deadline"), "By deadline");
        assert_eq!(
            scale_version(ScaleVersion {
                scale: ScaleId::Default,
                version: 1
            }),
            "pledgewatch's own scale"
        );
        assert_eq!(
            scale_version(ScaleVersion {
                scale: ScaleId::Odihr,
                version: 2
            }),
            "ODIHR's implementation scale, version 2"
        );
        assert_eq!(timing_kind(TimingKind::ByDeadline), "By a deadline");
        assert_eq!(
            rating_change(Some("In progress"), "Regressed", true),
            "Step back: now Regressed (down from In progress)"
        );
        assert_eq!(
            rating_change(Some("Regressed"), "Regressed", false),
            "Rated again: still Regressed"
        );
        assert_eq!(
            rating_change(None, "Not started", false),
            "First rated Not started"
        );
        assert_eq!(steps_back(0), "no step back");
        assert_eq!(steps_back(1), "1 step back");
        assert_eq!(steps_back(5), "5 steps back");
    }

    #[test]
    fn the_conflict_message_names_the_kind_not_the_id() {
        let text = conflict("commitment", 3, 4);
        assert!(
            text.starts_with("Someone else changed this commitment"),
            "{text}"
        );
        assert!(text.contains("version 3") && text.contains("version 4"));
        assert!(!text.chars().any(|c| c == '_'));
    }
}
