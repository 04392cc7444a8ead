//! The commitment form: what was promised, by whom, when, and its timing
//! (a deadline, a period, or none), where a date may instead be tied to a
//! milestone.

use pledgewatch_core::error::{Said, ValidationErrors};
use pledgewatch_core::ids::{ActorId, CommitmentId, MilestoneId, OccasionId, QuoteId};
use pledgewatch_core::model::{Commitment, DateRef, EntityKind, Origin, Timing, TimingKind};

use super::Input::*;
use super::parse::{Parser, lines, text};
use super::{DATE_HELP, Field, KindForm, Named, f};

const ORIGINS: &[&str] = &["pledge", "accepted_recommendation", "legal_obligation"];
const TIMING_KINDS: &[&str] = &[
    "by_deadline",
    "during_period",
    "refrain_from",
    "none_stated",
];

form_values!(CommitmentForm {
    statement: Option<String>,
    bound: Option<String>,
    made_by: Option<String>,
    occasion: Option<String>,
    made_on: Option<String>,
    origin: Option<String>,
    quote: Option<String>,
    timing_kind: Option<String>,
    deadline: Option<String>,
    deadline_milestone: Option<String>,
    deadline_offset_days: Option<String>,
    period_from: Option<String>,
    period_until: Option<String>,
    timing_as_written: Option<String>,
    condition: Option<String>,
    themes: Option<String>,
    external_id: Option<String>,
});

const FIELDS: &[Field] = &[
    f(
        "statement",
        "What was promised",
        TextArea,
        true,
        "A short statement",
    ),
    f("bound", "Who is bound", Ref(EntityKind::Actor), true, ""),
    f(
        "made_by",
        "Made by",
        OptRef(EntityKind::Actor),
        false,
        "Who spoke or signed",
    ),
    f(
        "occasion",
        "Occasion",
        OptRef(EntityKind::Occasion),
        false,
        "",
    ),
    f("made_on", "Made on", Date, true, DATE_HELP),
    f("origin", "Origin", Select(ORIGINS), true, ""),
    f(
        "quote",
        "In the words of",
        OptRef(EntityKind::Quote),
        false,
        "",
    ),
    f("timing_kind", "Timing", Select(TIMING_KINDS), true, ""),
    f(
        "deadline",
        "Deadline",
        Date,
        false,
        "For 'by deadline': the period it ends with (2008 = by the end of 2008)",
    ),
    f(
        "deadline_milestone",
        "Deadline tied to milestone",
        OptRef(EntityKind::Milestone),
        false,
        "Instead of a date: the deadline moves with the milestone",
    ),
    f(
        "deadline_offset_days",
        "Days from the milestone",
        Number,
        false,
        "-1 = the day before",
    ),
    f(
        "period_from",
        "Period from",
        Date,
        false,
        "For 'during period'",
    ),
    f(
        "period_until",
        "Period until",
        Date,
        false,
        "For 'during period'",
    ),
    f(
        "timing_as_written",
        "Timing as written",
        Text,
        false,
        "e.g. by the end of 2008",
    ),
    f(
        "condition",
        "Condition",
        TextArea,
        false,
        "subject to..., if...",
    ),
    f("themes", "Themes", Lines, false, "One per line"),
    f("external_id", "External id", Text, false, ""),
];

impl KindForm for CommitmentForm {
    type Record = Commitment;

    const FIELDS: &'static [Field] = FIELDS;

    fn from_entity(c: &Commitment, _: &Named) -> Self {
        let mut form = CommitmentForm {
            statement: Some(c.statement.to_string()),
            bound: Some(c.bound.to_string()),
            made_by: c.made_by.map(|i| i.to_string()),
            occasion: c.occasion.map(|i| i.to_string()),
            made_on: Some(c.made_on.to_string()),
            origin: Some(c.origin.as_str().to_owned()),
            quote: c.quote.map(|i| i.to_string()),
            timing_kind: Some(c.timing.kind().as_str().to_owned()),
            timing_as_written: c.timing.as_written().map(str::to_owned),
            condition: c.condition.clone(),
            themes: Some(c.themes.join("\n")),
            external_id: c.external_id.clone(),
            ..CommitmentForm::default()
        };
        match &c.timing {
            Timing::ByDeadline { deadline, .. } => form.show_date(deadline, Slot::Deadline),
            Timing::DuringPeriod { from, until, .. } => {
                form.show_date(from, Slot::PeriodFrom);
                form.show_date(until, Slot::PeriodUntil);
            }
            Timing::RefrainFrom { .. } | Timing::NoneStated => {}
        }
        form
    }

    fn into_entity(self, id: CommitmentId, _: &Named) -> Result<Commitment, ValidationErrors> {
        let mut p = Parser::default();
        let timing = self.timing(&mut p);
        let statement = p.required_as(at!(self.statement));
        let bound = p.required_id(at!(self.bound), ActorId);
        let made_by = p.id(at!(self.made_by), ActorId);
        let occasion = p.id(at!(self.occasion), OccasionId);
        let made_on = p.required_date(at!(self.made_on));
        let origin = p.named(at!(self.origin), Origin::parse);
        let quote = p.id(at!(self.quote), QuoteId);
        p.finish(|| {
            Some(Commitment {
                id,
                statement: statement?,
                bound: bound?,
                made_by,
                occasion,
                made_on: made_on?,
                origin: origin?,
                themes: lines(&self.themes),
                quote,
                timing: timing?,
                condition: text(&self.condition),
                external_id: text(&self.external_id),
            })
        })
    }

    /// The timing's errors belong to the inputs that make it.
    fn form_field(error_field: &str) -> Option<&'static str> {
        if error_field.starts_with("timing.until") {
            Some("period_until")
        } else if error_field.starts_with("timing.as_written") {
            Some("timing_as_written")
        } else if error_field.starts_with("timing") {
            Some("deadline")
        } else {
            None
        }
    }
}

/// The date inputs of a timing; a milestone takes the shared milestone and
/// offset inputs instead.
#[derive(Clone, Copy)]
enum Slot {
    Deadline,
    PeriodFrom,
    PeriodUntil,
}

impl CommitmentForm {
    fn show_date(&mut self, date: &DateRef, slot: Slot) {
        match date {
            DateRef::Fixed { date, .. } => {
                let input = match slot {
                    Slot::Deadline => &mut self.deadline,
                    Slot::PeriodFrom => &mut self.period_from,
                    Slot::PeriodUntil => &mut self.period_until,
                };
                *input = Some(date.to_string());
            }
            DateRef::Milestone {
                milestone,
                offset_days,
            } => {
                self.deadline_milestone = Some(milestone.to_string());
                self.deadline_offset_days = Some(offset_days.to_string());
            }
        }
    }

    /// The timing the inputs describe, for the chosen kind of timing.
    fn timing(&self, p: &mut Parser) -> Option<Timing> {
        let as_written = text(&self.timing_as_written);
        let milestone = p.id(at!(self.deadline_milestone), MilestoneId);
        let offset_days = offset_days(p, &self.deadline_offset_days);
        let tied = milestone.map(|milestone| DateRef::Milestone {
            milestone,
            offset_days,
        });
        match p.named(at!(self.timing_kind), TimingKind::parse)? {
            TimingKind::ByDeadline => {
                let deadline = self.deadline(p, tied)?;
                Some(Timing::ByDeadline {
                    deadline,
                    as_written,
                })
            }
            TimingKind::DuringPeriod => {
                let (from, until) = self.period(p, tied);
                Some(Timing::DuringPeriod {
                    from: from?,
                    until: until?,
                    as_written,
                })
            }
            TimingKind::RefrainFrom => Some(Timing::RefrainFrom { as_written }),
            TimingKind::NoneStated => Some(Timing::NoneStated),
        }
    }

    /// A deadline: a date or a milestone, not both.
    fn deadline(&self, p: &mut Parser, tied: Option<DateRef>) -> Option<DateRef> {
        match (p.date(at!(self.deadline)), tied) {
            (Some(date), None) => Some(fixed(date)),
            (None, Some(tied)) => Some(tied),
            (Some(_), Some(_)) => {
                p.push("deadline", Said::new("reason-deadline-date-or-milestone"));
                None
            }
            (None, None) => {
                if !p.has_error("deadline") {
                    p.push(
                        "deadline",
                        Said::new("reason-deadline-needed").key(
                            "timing",
                            "by_deadline",
                            "timing-by_deadline".to_owned(),
                        ),
                    );
                }
                None
            }
        }
    }

    /// A period: its start a date (or else the milestone), its end a date.
    fn period(&self, p: &mut Parser, tied: Option<DateRef>) -> (Option<DateRef>, Option<DateRef>) {
        let from = match (p.date(at!(self.period_from)), tied) {
            (Some(date), _) => Some(fixed(date)),
            (None, Some(tied)) => Some(tied),
            (None, None) => {
                p.push(
                    "period_from",
                    Said::new("reason-period-start-needed").key(
                        "timing",
                        "during_period",
                        "timing-during_period".to_owned(),
                    ),
                );
                None
            }
        };
        let until = p.date(at!(self.period_until)).map(fixed);
        if until.is_none() && !p.has_error("period_until") {
            p.push(
                "period_until",
                Said::new("reason-period-end-needed").key(
                    "timing",
                    "during_period",
                    "timing-during_period".to_owned(),
                ),
            );
        }
        (from, until)
    }
}

fn fixed(date: pledgewatch_core::date::PreciseDate) -> DateRef {
    DateRef::Fixed {
        date,
        resolved_from: None,
    }
}

/// Days from the milestone: none given is 0.
fn offset_days(p: &mut Parser, value: &Option<String>) -> i32 {
    match text(value).as_deref().map(str::parse::<i32>) {
        None => 0,
        Some(Ok(n)) if (-36_500..=36_500).contains(&n) => n,
        Some(_) => {
            p.push("deadline_offset_days", Said::new("reason-offset-days"));
            0
        }
    }
}
