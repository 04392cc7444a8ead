//! Facts derived from the record, never stored by hand: deadline states, time
//! elapsed since a commitment was made, status histories with regressions,
//! stale ratings. Everything is computed "as of" a date and uses only what
//! was known by then.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::date::{PreciseDate, Precision};
use crate::ids::MilestoneId;
use crate::model::{Assessment, DateRef, Milestone, Timing};
use crate::scale::{Scale, Status};

/// A deadline resolved to a date, with the precision of what it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ResolvedDate {
    /// The last day the deadline allows.
    pub date: NaiveDate,
    pub precision: Precision,
}

impl std::fmt::Display for ResolvedDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({} precision)", self.date, self.precision.as_str())
    }
}

/// Resolves a date reference against the current milestone dates. A
/// milestone counts from its first day (plus the offset); a fixed date runs
/// to its last day.
pub fn resolve_date_ref(
    date_ref: &DateRef,
    milestones: &HashMap<MilestoneId, Milestone>,
) -> Option<ResolvedDate> {
    match date_ref {
        DateRef::Fixed { date, .. } => Some(ResolvedDate {
            date: date.latest(),
            precision: date.precision(),
        }),
        DateRef::Milestone {
            milestone,
            offset_days,
        } => {
            let m = milestones.get(milestone)?;
            Some(ResolvedDate {
                date: m
                    .date
                    .earliest()
                    .checked_add_signed(chrono::Duration::days(i64::from(*offset_days)))?,
                precision: m.date.precision(),
            })
        }
    }
}

/// The deadline of a timing, if it has one: the deadline itself, or the end
/// of a period.
pub fn deadline_of(
    timing: &Timing,
    milestones: &HashMap<MilestoneId, Milestone>,
) -> Option<ResolvedDate> {
    match timing {
        Timing::ByDeadline { deadline, .. } => resolve_date_ref(deadline, milestones),
        Timing::DuringPeriod { until, .. } => resolve_date_ref(until, milestones),
        Timing::RefrainFrom { .. } | Timing::NoneStated => None,
    }
}

/// Where a commitment stands against its deadline on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum DeadlineState {
    /// Not yet due.
    Upcoming { days_left: i64 },
    /// Due and not fulfilled.
    Overdue { days: i64 },
    /// Fulfilled on or before the deadline.
    MetOnTime { on: NaiveDate },
    /// Fulfilled after the deadline.
    MetLate { on: NaiveDate, days_late: i64 },
    /// The commitment names no deadline.
    NoDeadline,
}

impl std::fmt::Display for DeadlineState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DeadlineState::Upcoming { days_left } => write!(f, "upcoming, {days_left} days left"),
            DeadlineState::Overdue { days } => write!(f, "overdue by {days} days"),
            DeadlineState::MetOnTime { on } => write!(f, "met on time ({on})"),
            DeadlineState::MetLate { on, days_late } => {
                write!(f, "met late ({on}, {days_late} days late)")
            }
            DeadlineState::NoDeadline => write!(f, "no deadline"),
        }
    }
}

/// The deadline state on `as_of`, given when (if ever, by then) the
/// commitment was first rated as fulfilled.
pub fn deadline_state(
    deadline: Option<ResolvedDate>,
    fulfilled_on: Option<NaiveDate>,
    as_of: NaiveDate,
) -> DeadlineState {
    let Some(deadline) = deadline else {
        return DeadlineState::NoDeadline;
    };
    match fulfilled_on {
        Some(on) if on <= deadline.date => DeadlineState::MetOnTime { on },
        Some(on) => DeadlineState::MetLate {
            on,
            days_late: (on - deadline.date).num_days(),
        },
        None if as_of <= deadline.date => DeadlineState::Upcoming {
            days_left: (deadline.date - as_of).num_days(),
        },
        None => DeadlineState::Overdue {
            days: (as_of - deadline.date).num_days(),
        },
    }
}

/// How a deadline state is shown: each kind has its own colour and shape
/// on the promise clock, so that overdue never looks like met or upcoming.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum ClockKind {
    Upcoming,
    Overdue,
    Met,
    MetLate,
    NoDeadline,
}

impl ClockKind {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

impl DeadlineState {
    pub fn clock_kind(&self) -> ClockKind {
        match self {
            DeadlineState::Upcoming { .. } => ClockKind::Upcoming,
            DeadlineState::Overdue { .. } => ClockKind::Overdue,
            DeadlineState::MetOnTime { .. } => ClockKind::Met,
            DeadlineState::MetLate { .. } => ClockKind::MetLate,
            DeadlineState::NoDeadline => ClockKind::NoDeadline,
        }
    }
}

/// Time elapsed since a commitment was made, from the first day it may have
/// been made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Elapsed {
    pub days: i64,
    /// Whole calendar months.
    pub months: i64,
}

pub fn elapsed_since(made_on: &PreciseDate, as_of: NaiveDate) -> Elapsed {
    use chrono::Datelike;
    let from = made_on.earliest();
    let days = (as_of - from).num_days();
    let mut months = i64::from(as_of.year() - from.year()) * 12 + i64::from(as_of.month())
        - i64::from(from.month());
    if as_of.day() < from.day() {
        months -= 1;
    }
    Elapsed {
        days,
        months: months.max(0),
    }
}

/// One step of a status history.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryStep<'a> {
    pub assessment: &'a Assessment,
    pub status: &'static Status,
    /// Worse than the previous rated step.
    pub regression: bool,
}

/// The assessments known by `as_of`, oldest first, each with its status and
/// whether it was a regression. Assessments made on a scale other than
/// `scale` are compared only with others of their own scale.
pub fn status_history<'a>(
    assessments: &[&'a Assessment],
    as_of: NaiveDate,
) -> Vec<HistoryStep<'a>> {
    let mut known: Vec<&Assessment> = assessments
        .iter()
        .copied()
        .filter(|a| a.as_of <= as_of)
        .collect();
    known.sort_by(|a, b| a.as_of.cmp(&b.as_of).then(a.id.cmp(&b.id)));
    let mut previous: Option<(&'static Scale, &'static Status)> = None;
    let mut steps = Vec::with_capacity(known.len());
    for a in known {
        let scale = a.scale.scale.scale();
        let Ok(status) = scale.status(&a.status) else {
            continue;
        };
        let regression = match previous {
            Some((prev_scale, prev_status)) if prev_scale.id == scale.id => {
                scale.is_regression(prev_status, status)
            }
            _ => false,
        };
        if status.rank.is_some() {
            previous = Some((scale, status));
        }
        steps.push(HistoryStep {
            assessment: a,
            status,
            regression,
        });
    }
    steps
}

/// Whether a commitment is backtracking now: its current rating is worse
/// than an earlier rating of it on the same scale. A commitment that lost
/// ground and then recovered is not backtracking any more; its steps back
/// (the regressions of its history) stay on record.
pub fn backtracking(history: &[HistoryStep<'_>]) -> bool {
    let rated: Vec<&HistoryStep<'_>> = history.iter().filter(|s| s.status.rank.is_some()).collect();
    let Some((current, earlier)) = rated.split_last() else {
        return false;
    };
    let scale = current.assessment.scale.scale;
    earlier
        .iter()
        .filter(|s| s.assessment.scale.scale == scale)
        .any(|s| s.status.rank > current.status.rank)
}

/// Whether a commitment is still open on `as_of`: not rated with a final
/// status (kept or broken), and not a commitment for a period that has
/// ended. Only an open commitment's rating can go stale.
pub fn is_open(
    latest: Option<&Status>,
    timing: &Timing,
    deadline: Option<ResolvedDate>,
    as_of: NaiveDate,
) -> bool {
    let closed_by_rating = latest.is_some_and(|s| s.closes);
    let period_over =
        matches!(timing, Timing::DuringPeriod { .. }) && deadline.is_some_and(|d| d.date < as_of);
    !closed_by_rating && !period_over
}

/// Whether the latest rating is older than `threshold_days` on `as_of`, or,
/// with none, the commitment (made on `made`) has waited that long for a
/// first one: a pledge made today is not yet overdue for a rating.
pub fn is_stale(
    latest_rated_on: Option<NaiveDate>,
    made: NaiveDate,
    as_of: NaiveDate,
    threshold_days: i64,
) -> bool {
    let since = latest_rated_on.unwrap_or(made);
    (as_of - since).num_days() > threshold_days
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::parse_day;
    use crate::ids::{AssessmentId, CommitmentId};
    use crate::scale::{ScaleId, ScaleVersion};

    fn d(s: &str) -> NaiveDate {
        parse_day(s).unwrap()
    }

    fn end_of_2008() -> Option<ResolvedDate> {
        let year = PreciseDate::parse("2008").unwrap();
        resolve_date_ref(
            &DateRef::Fixed {
                date: year,
                resolved_from: None,
            },
            &HashMap::new(),
        )
    }

    #[test]
    fn a_deadline_at_the_end_of_2008_has_214_days_left_on_31_may_2008() {
        let state = deadline_state(end_of_2008(), None, d("2008-05-31"));
        assert_eq!(state, DeadlineState::Upcoming { days_left: 214 });
    }

    #[test]
    fn an_unmet_deadline_is_overdue_the_day_after() {
        assert_eq!(
            deadline_state(end_of_2008(), None, d("2009-01-01")),
            DeadlineState::Overdue { days: 1 }
        );
        assert_eq!(
            deadline_state(end_of_2008(), None, d("2008-12-31")),
            DeadlineState::Upcoming { days_left: 0 }
        );
    }

    #[test]
    fn fulfilment_before_the_deadline_is_on_time_and_after_it_is_late() {
        assert_eq!(
            deadline_state(end_of_2008(), Some(d("2008-12-01")), d("2010-01-01")),
            DeadlineState::MetOnTime {
                on: d("2008-12-01")
            }
        );
        assert_eq!(
            deadline_state(end_of_2008(), Some(d("2009-02-06")), d("2010-01-01")),
            DeadlineState::MetLate {
                on: d("2009-02-06"),
                days_late: 37
            }
        );
    }

    #[test]
    fn a_commitment_without_deadline_says_so() {
        assert_eq!(
            deadline_state(None, None, d("2009-01-01")),
            DeadlineState::NoDeadline
        );
    }

    #[test]
    fn a_deadline_tied_to_a_milestone_moves_with_it() {
        let id = MilestoneId::new();
        let mut milestones = HashMap::new();
        let mut chair = Milestone {
            id,
            title: "Chairmanship".parse().unwrap(),
            date: PreciseDate::parse("2010-01-01").unwrap(),
            description: None,
        };
        milestones.insert(id, chair.clone());
        let before = DateRef::Milestone {
            milestone: id,
            offset_days: -1,
        };
        assert_eq!(
            resolve_date_ref(&before, &milestones).unwrap().date,
            d("2009-12-31")
        );
        chair.date = PreciseDate::parse("2011-01-01").unwrap();
        milestones.insert(id, chair);
        assert_eq!(
            resolve_date_ref(&before, &milestones).unwrap().date,
            d("2010-12-31")
        );
    }

    #[test]
    fn nearly_six_months_have_passed_between_madrid_and_the_letter() {
        let madrid = PreciseDate::parse("2007-11-29").unwrap();
        let e = elapsed_since(&madrid, d("2008-05-28"));
        assert_eq!(e.months, 5);
        assert_eq!(e.days, 181);
    }

    fn assessment(on: &str, status: &str) -> Assessment {
        Assessment {
            id: AssessmentId::new(),
            commitment: CommitmentId::derived("test", "c"),
            as_of: d(on),
            scale: ScaleVersion {
                scale: ScaleId::Default,
                version: 1,
            },
            status: status.into(),
            rationale: "r".parse().unwrap(),
            developments: vec![],
            rated_by: "tester".into(),
            reviewed_by: None,
        }
    }

    #[test]
    fn a_worse_rating_than_the_previous_is_a_regression() {
        let a = [
            assessment("2008-05-28", "not_started"),
            assessment("2009-02-10", "in_progress"),
            assessment("2009-07-20", "regressed"),
        ];
        let refs: Vec<&Assessment> = a.iter().collect();
        let history = status_history(&refs, d("2010-01-01"));
        let flags: Vec<bool> = history.iter().map(|s| s.regression).collect();
        assert_eq!(flags, [false, false, true]);
    }

    #[test]
    fn the_history_as_of_a_past_date_ignores_later_ratings() {
        let a = [
            assessment("2008-05-28", "not_started"),
            assessment("2009-07-20", "regressed"),
        ];
        let refs: Vec<&Assessment> = a.iter().collect();
        assert_eq!(status_history(&refs, d("2009-01-01")).len(), 1);
    }

    fn history_of<'a>(a: &'a [Assessment]) -> Vec<HistoryStep<'a>> {
        let refs: Vec<&Assessment> = a.iter().collect();
        status_history(&refs, d("2030-01-01"))
    }

    #[test]
    fn a_commitment_backtracks_only_while_its_rating_is_below_an_earlier_one() {
        let recovered = [
            assessment("2008-05-28", "in_progress"),
            assessment("2009-07-20", "regressed"),
            assessment("2010-07-20", "in_progress"),
        ];
        let h = history_of(&recovered);
        assert!(
            h.iter().any(|s| s.regression),
            "the step back stays on record"
        );
        assert!(!backtracking(&h), "recovered: no longer backtracking");
        let fallen = [
            assessment("2008-05-28", "in_progress"),
            assessment("2009-07-20", "partially_fulfilled"),
            assessment("2010-07-20", "stalled"),
        ];
        assert!(backtracking(&history_of(&fallen)));
        let only_regressed = [assessment("2008-05-28", "regressed")];
        assert!(
            !backtracking(&history_of(&only_regressed)),
            "a first rating is no step back"
        );
        assert!(!backtracking(&[]));
    }

    #[test]
    fn a_kept_or_broken_commitment_or_an_ended_period_is_no_longer_open() {
        use crate::scale::DEFAULT;
        let by_2008 = Timing::ByDeadline {
            deadline: DateRef::Fixed {
                date: PreciseDate::parse("2008").unwrap(),
                resolved_from: None,
            },
            as_written: None,
        };
        let during_2010 = Timing::DuringPeriod {
            from: DateRef::Fixed {
                date: PreciseDate::parse("2010").unwrap(),
                resolved_from: None,
            },
            until: DateRef::Fixed {
                date: PreciseDate::parse("2010").unwrap(),
                resolved_from: None,
            },
            as_written: None,
        };
        let in_progress = DEFAULT.status("in_progress").ok();
        let fulfilled = DEFAULT.status("fulfilled").ok();
        let broken = DEFAULT.status("broken").ok();
        let end_2010 = deadline_of(&during_2010, &HashMap::new());
        let as_of = d("2024-01-01");
        assert!(
            is_open(in_progress, &by_2008, end_of_2008(), as_of),
            "overdue is still open"
        );
        assert!(!is_open(fulfilled, &by_2008, end_of_2008(), as_of));
        assert!(!is_open(broken, &by_2008, end_of_2008(), as_of));
        assert!(!is_open(in_progress, &during_2010, end_2010, as_of));
        assert!(is_open(
            in_progress,
            &during_2010,
            end_2010,
            d("2010-06-01")
        ));
        assert!(is_open(None, &by_2008, end_of_2008(), as_of));
    }

    #[test]
    fn a_rating_older_than_the_threshold_is_stale() {
        let made = d("2007-11-29");
        assert!(is_stale(Some(d("2008-01-01")), made, d("2008-12-31"), 180));
        assert!(!is_stale(Some(d("2008-12-01")), made, d("2008-12-31"), 180));
        // Never rated: stale once it has waited the threshold since made.
        assert!(is_stale(None, made, d("2008-12-31"), 180));
        assert!(!is_stale(None, made, made, 180));
        assert!(!is_stale(None, made, d("2008-05-27"), 180));
        assert!(is_stale(None, made, d("2008-05-28"), 180));
    }
}
