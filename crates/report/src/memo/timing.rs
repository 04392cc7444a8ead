//! How a commitment's timing reads in a memorandum: a deadline in words, a
//! period as a period ("throughout 2010", never "due in 947 days"), and where
//! the commitment stands against it on the memorandum's date. Also the
//! statuses of the rating scales in plain words.

use chrono::{Datelike, Days, NaiveDate};
use pledgewatch_core::date::Precision;
use pledgewatch_core::facts::{DeadlineState, ResolvedDate};
use pledgewatch_core::lang::{Args, Lang};
use pledgewatch_core::model::TimingKind;
use pledgewatch_core::view::CommitmentView;
use pledgewatch_core::wording;

use crate::text::{self, clean};

/// A deadline as a reader says it: "the end of 2008", "the end of May
/// 2008", "31 December 2008".
pub(super) fn deadline_words(lang: Lang, d: ResolvedDate) -> String {
    // English says "the end of 2008"; other languages the deadline as the
    // wording layer writes it ("до конца 2008 г.").
    let end_of = |when: String| {
        text::tr(
            lang,
            "memo-end-of",
            &Args::new()
                .str("when", when)
                .str("deadline", wording::deadline(lang, d)),
        )
    };
    match d.precision {
        Precision::Year => end_of(d.date.year().to_string()),
        Precision::Month => end_of(wording::month_year(lang, d.date)),
        Precision::Quarter | Precision::Day => wording::day(lang, d.date),
    }
}

/// A period as a period: "throughout 2010", "throughout May 2010", "from 1
/// March to 30 June 2010", "from 1 December 2009 to 31 March 2010".
pub(super) fn period_words(lang: Lang, starts: NaiveDate, ends: NaiveDate) -> String {
    wording::period_days(lang, starts, ends)
}

/// Whether the period a commitment runs during has not yet begun on `as_of`.
pub(super) fn not_begun(c: &CommitmentView, as_of: NaiveDate) -> bool {
    c.timing == TimingKind::DuringPeriod && c.period_starts.is_some_and(|s| as_of < s.date)
}

/// The words as written, quoted, unless they say no more than `said`.
fn as_written(lang: Lang, c: &CommitmentView, said: &str) -> String {
    match c.timing_as_written.as_deref().map(clean) {
        Some(w) if !w.is_empty() && !w.eq_ignore_ascii_case(said) => {
            format!(" ({})", text::quoted(lang, &w))
        }
        _ => String::new(),
    }
}

/// The promise's timing line: its label ("Deadline", "Period", "Timing")
/// and what follows it, ending with where the commitment stands.
pub(super) fn timing_line(lang: Lang, c: &CommitmentView, as_of: NaiveDate) -> (String, String) {
    let elapsed = |id: &str, from, to| {
        text::tr(
            lang,
            id,
            &Args::new().str("elapsed", text::elapsed(lang, from, to)),
        )
    };
    match (c.timing, c.deadline) {
        (TimingKind::DuringPeriod, Some(ends)) => {
            let starts = c.period_starts.map_or(ends.date, |s| s.date);
            let period = period_words(lang, starts, ends.date);
            let stage = if as_of < starts {
                elapsed("memo-begins-in", as_of, starts)
            } else if as_of <= ends.date {
                lang.t("memo-under-way")
            } else {
                elapsed("memo-ended-ago", ends.date, as_of)
            };
            (
                lang.t("memo-label-period"),
                format!("{period}{}; {stage}", as_written(lang, c, &period)),
            )
        }
        (TimingKind::RefrainFrom, _) => (
            lang.t("memo-label-timing"),
            format!("{}{}", lang.t("memo-lasting"), as_written(lang, c, "")),
        ),
        (_, Some(deadline)) => {
            let words = deadline_words(lang, deadline);
            let by = text::tr(lang, "memo-by", &Args::new().str("when", words.clone()));
            let written = as_written(lang, c, &by);
            (
                lang.t("memo-label-deadline"),
                format!("{words}{written}; {}", deadline_state(lang, c, deadline)),
            )
        }
        (_, None) => (
            lang.t("memo-label-deadline"),
            format!("{}{}", lang.t("memo-none-stated"), as_written(lang, c, "")),
        ),
    }
}

/// Where a commitment stands against its deadline, in words.
fn deadline_state(lang: Lang, c: &CommitmentView, deadline: ResolvedDate) -> String {
    let elapsed = |from, to| text::elapsed(lang, from, to);
    match c.deadline_state {
        DeadlineState::Upcoming { days_left } => text::tr(
            lang,
            "memo-due-in",
            &Args::new().str(
                "elapsed",
                elapsed(deadline.date - Days::new(days_left as u64), deadline.date),
            ),
        ),
        DeadlineState::NoDeadline => lang.t("memo-not-yet-due"),
        DeadlineState::Overdue { days } => text::tr(
            lang,
            "memo-passed",
            &Args::new().str(
                "elapsed",
                elapsed(deadline.date, deadline.date + Days::new(days as u64)),
            ),
        ),
        DeadlineState::MetOnTime { on } => text::tr(
            lang,
            "memo-met-on-time",
            &Args::new().str("date", wording::day(lang, on)),
        ),
        DeadlineState::MetLate { on, .. } => text::tr(
            lang,
            "memo-met-late",
            &Args::new()
                .str("date", wording::day(lang, on))
                .str("elapsed", elapsed(deadline.date, on)),
        ),
    }
}

/// The timing for the summary's table: "End of 2008", "Throughout 2010".
pub(super) fn timing_short(lang: Lang, c: &CommitmentView) -> String {
    let words = match (c.timing, c.deadline) {
        (TimingKind::DuringPeriod, Some(ends)) => period_words(
            lang,
            c.period_starts.map_or(ends.date, |s| s.date),
            ends.date,
        ),
        (TimingKind::RefrainFrom, _) => lang.t("memo-no-end-date"),
        (_, Some(deadline)) => deadline_words(lang, deadline),
        (_, None) => lang.t("memo-none-stated"),
    };
    text::capitalise(&words)
}

/// A status of any of the rating scales in plain words ("no progress",
/// "partly fulfilled"), by its key; an unknown key by its label.
pub(super) fn status_words(lang: Lang, key: &str, label: &str) -> String {
    let id = match key {
        "not_yet_rated" | "no_evidence_available" => "memo-status-not-assessed",
        "not_started" | "stalled" | "not_implemented" => "memo-status-no-progress",
        "in_progress" | "in_the_works" => "memo-status-some-progress",
        "limited" => "memo-status-limited",
        "substantial" | "mostly_implemented" => "memo-status-substantial",
        "partially_fulfilled" | "partially_implemented" | "compromise" => "memo-status-partly",
        "fulfilled" | "fully_implemented" | "complete" | "promise_kept" => "memo-status-fulfilled",
        "regressed" => "memo-status-lost-ground",
        "broken" | "promise_broken" => "memo-status-broken",
        _ => return clean(label).to_lowercase(),
    };
    lang.t(id)
}

/// A status label of any scale ("In progress") in plain words.
pub(super) fn label_words(lang: Lang, label: &str) -> String {
    let key = label.trim().to_lowercase().replace(' ', "_");
    status_words(lang, &key, label)
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
pub(super) fn standing(lang: Lang, c: &CommitmentView, as_of: NaiveDate) -> String {
    if simply_not_begun(c, as_of) {
        return lang.t("memo-not-yet-begun");
    }
    let words = status_words(lang, &c.status, &c.status_label);
    if not_begun(c, as_of) {
        return text::tr(
            lang,
            "memo-standing-not-begun",
            &Args::new().str("status", words),
        );
    }
    words
}
