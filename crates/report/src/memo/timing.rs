//! How a commitment's timing reads in a memorandum: a deadline in words, a
//! period as a period ("throughout 2010", never "due in 947 days"), and where
//! the commitment stands against it on the memorandum's date. Also the
//! statuses of the rating scales in plain words.

use chrono::{Datelike, Days, NaiveDate};
use pledgewatch_core::date::Precision;
use pledgewatch_core::facts::{DeadlineState, ResolvedDate};
use pledgewatch_core::model::TimingKind;
use pledgewatch_core::view::CommitmentView;

use crate::text::{self, clean};

/// A deadline as a reader says it: "the end of 2008", "the end of May
/// 2008", "31 December 2008".
pub(super) fn deadline_words(d: ResolvedDate) -> String {
    match d.precision {
        Precision::Year => format!("the end of {}", d.date.year()),
        Precision::Month => format!("the end of {}", text::month_year(d.date)),
        Precision::Quarter | Precision::Day => text::day(d.date),
    }
}

/// A period as a period: "throughout 2010", "throughout May 2010", "from 1
/// March to 30 June 2010", "from 1 December 2009 to 31 March 2010".
pub(super) fn period_words(starts: NaiveDate, ends: NaiveDate) -> String {
    pledgewatch_core::wording::period_days(pledgewatch_core::lang::Lang::En, starts, ends)
}

/// Whether the period a commitment runs during has not yet begun on `as_of`.
pub(super) fn not_begun(c: &CommitmentView, as_of: NaiveDate) -> bool {
    c.timing == TimingKind::DuringPeriod && c.period_starts.is_some_and(|s| as_of < s.date)
}

/// The words as written, quoted, unless they say no more than `said`.
fn as_written(c: &CommitmentView, said: &str) -> String {
    match c.timing_as_written.as_deref().map(clean) {
        Some(w) if !w.is_empty() && !w.eq_ignore_ascii_case(said) => format!(" (“{w}”)"),
        _ => String::new(),
    }
}

/// The promise's timing line: its label ("Deadline", "Period", "Timing")
/// and what follows it, ending with where the commitment stands.
pub(super) fn timing_line(c: &CommitmentView, as_of: NaiveDate) -> (&'static str, String) {
    match (c.timing, c.deadline) {
        (TimingKind::DuringPeriod, Some(ends)) => {
            let starts = c.period_starts.map_or(ends.date, |s| s.date);
            let period = period_words(starts, ends.date);
            let stage = if as_of < starts {
                format!(
                    "it has not yet begun (it begins in {})",
                    text::elapsed_words(as_of, starts)
                )
            } else if as_of <= ends.date {
                "it is under way".to_owned()
            } else {
                format!("it ended {} ago", text::elapsed_words(ends.date, as_of))
            };
            (
                "Period",
                format!("{period}{}; {stage}", as_written(c, &period)),
            )
        }
        (TimingKind::RefrainFrom, _) => (
            "Timing",
            format!(
                "a lasting undertaking, with no end date{}",
                as_written(c, "")
            ),
        ),
        (_, Some(deadline)) => {
            let words = deadline_words(deadline);
            let written = as_written(c, &format!("by {words}"));
            (
                "Deadline",
                format!("{words}{written}; {}", deadline_state(c, deadline)),
            )
        }
        (_, None) => ("Deadline", format!("none stated{}", as_written(c, ""))),
    }
}

/// Where a commitment stands against its deadline, in words.
fn deadline_state(c: &CommitmentView, deadline: ResolvedDate) -> String {
    match c.deadline_state {
        DeadlineState::Upcoming { days_left } => format!(
            "due in {}",
            text::elapsed_words(deadline.date - Days::new(days_left as u64), deadline.date)
        ),
        DeadlineState::NoDeadline => "not yet due".to_owned(),
        DeadlineState::Overdue { days } => format!(
            "it passed {} ago without the commitment being fulfilled",
            text::elapsed_words(deadline.date, deadline.date + Days::new(days as u64))
        ),
        DeadlineState::MetOnTime { on } => format!("fulfilled on time, on {}", text::day(on)),
        DeadlineState::MetLate { on, .. } => format!(
            "fulfilled late, on {}, {} after the deadline",
            text::day(on),
            text::elapsed_words(deadline.date, on)
        ),
    }
}

/// The timing for the summary's table: "End of 2008", "Throughout 2010".
pub(super) fn timing_short(c: &CommitmentView) -> String {
    let words = match (c.timing, c.deadline) {
        (TimingKind::DuringPeriod, Some(ends)) => {
            period_words(c.period_starts.map_or(ends.date, |s| s.date), ends.date)
        }
        (TimingKind::RefrainFrom, _) => "no end date".to_owned(),
        (_, Some(deadline)) => deadline_words(deadline),
        (_, None) => "none stated".to_owned(),
    };
    text::capitalise(&words)
}

/// A status of any of the rating scales in plain words ("no progress",
/// "partly fulfilled"), by its key; an unknown key by its label.
pub(super) fn status_words(key: &str, label: &str) -> String {
    let words = match key {
        "not_yet_rated" | "no_evidence_available" => "not yet assessed",
        "not_started" | "stalled" | "not_implemented" => "no progress",
        "in_progress" | "in_the_works" => "some progress",
        "limited" => "limited progress",
        "substantial" | "mostly_implemented" => "substantial progress",
        "partially_fulfilled" | "partially_implemented" | "compromise" => "partly fulfilled",
        "fulfilled" | "fully_implemented" | "complete" | "promise_kept" => "fulfilled",
        "regressed" => "lost ground",
        "broken" | "promise_broken" => "broken",
        _ => return clean(label).to_lowercase(),
    };
    words.to_owned()
}

/// A status label of any scale ("In progress") in plain words.
pub(super) fn label_words(label: &str) -> String {
    let key = label.trim().to_lowercase().replace(' ', "_");
    status_words(&key, label)
}

/// Whether a status says only that nothing has happened yet.
fn nothing_yet(key: &str) -> bool {
    matches!(
        key,
        "not_yet_rated" | "no_evidence_available" | "not_started" | "stalled" | "not_implemented"
    )
}

/// Whether the commitment's period has not begun and its rating says only
/// that nothing has happened: it then simply has "not yet begun". A rating
/// that says more (ground lost before the period, say) is kept.
pub(super) fn simply_not_begun(c: &CommitmentView, as_of: NaiveDate) -> bool {
    not_begun(c, as_of) && nothing_yet(&c.status)
}

/// Where a commitment stands, in plain words, on `as_of`: a commitment
/// whose period has not begun and of which nothing is reported is "not yet
/// begun", never "stalled".
pub(super) fn standing(c: &CommitmentView, as_of: NaiveDate) -> String {
    if simply_not_begun(c, as_of) {
        return "not yet begun".to_owned();
    }
    let words = status_words(&c.status, &c.status_label);
    if not_begun(c, as_of) {
        return format!("{words} (period not yet begun)");
    }
    words
}
