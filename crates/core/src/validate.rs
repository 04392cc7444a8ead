//! Rules every entity must satisfy before it is written: required text is
//! present, text is of sane length and free of control characters, codes have
//! their shape, statuses belong to their scale, and dates are in order.

use crate::date::PreciseDate;
use crate::error::{FieldError, ValidationErrors};
use crate::field::{check_shape, check_text};
use crate::model::Entity;

/// Short names and titles.
pub const MAX_TITLE: usize = 1_000;
/// Statements, rationales, summaries, quotes.
pub const MAX_TEXT: usize = 100_000;
/// A source's full text.
pub const MAX_DOCUMENT: usize = 20_000_000;

/// Collects the field errors of one record; each kind's `Record::validate`
/// drives it (see `model/`), so the wording of every message lives here once.
#[derive(Default)]
pub(crate) struct Check(ValidationErrors);

impl Check {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Records a failed rule of its own.
    pub(crate) fn push(&mut self, field: impl Into<String>, reason: impl Into<String>) {
        self.0.push(FieldError::new(field, reason));
    }

    /// Records the error of a value that failed to parse.
    pub(crate) fn error(&mut self, error: FieldError) {
        self.0.push(error);
    }

    pub(crate) fn finish(self) -> Result<(), ValidationErrors> {
        self.0.into_result()
    }

    /// Required text: present, not blank, of sane length and characters.
    pub(crate) fn text(&mut self, field: &str, value: &str, max: usize, multiline: bool) {
        if let Err(e) = check_text(value, max, multiline) {
            self.error(e.at(field));
        }
    }

    /// Optional text: absent, or like required text.
    pub(crate) fn optional(
        &mut self,
        field: &str,
        value: &Option<String>,
        max: usize,
        multiline: bool,
    ) {
        if let Some(v) = value {
            if v.trim().is_empty() {
                self.push(field, "must not be blank (leave it out instead)");
            } else {
                self.shape(field, v, max, multiline);
            }
        }
    }

    fn shape(&mut self, field: &str, value: &str, max: usize, multiline: bool) {
        if let Err(e) = check_shape(value, max, multiline) {
            self.error(e.at(field));
        }
    }

    /// A list of short names (themes), each required.
    pub(crate) fn list(&mut self, field: &str, values: &[String]) {
        for (i, v) in values.iter().enumerate() {
            self.text(&format!("{field}[{i}]"), v, MAX_TITLE, false);
        }
    }

    /// A period whose end, when both ends are known, is not before its start.
    pub(crate) fn period(
        &mut self,
        field: &str,
        from: Option<&PreciseDate>,
        until: Option<&PreciseDate>,
    ) {
        if let (Some(f), Some(u)) = (from, until)
            && u.latest() < f.earliest()
        {
            self.push(field, format!("ends ({u}) before it starts ({f})"));
        }
    }
}

/// Checks one entity on its own. Cross-entity rules (a deadline tied to a
/// milestone, references) are checked by the services and the store. Each
/// kind's rules are in its `Record::validate`.
pub fn validate(entity: &Entity) -> Result<(), ValidationErrors> {
    entity.validate()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::*;
    use crate::model::*;

    fn commitment(made_on: &str, deadline: &str) -> Entity {
        Entity::Commitment(Commitment {
            id: CommitmentId::new(),
            statement: "Amend the media law".parse().unwrap(),
            bound: ActorId::new(),
            made_by: None,
            occasion: None,
            made_on: PreciseDate::parse(made_on).unwrap(),
            origin: Origin::Pledge,
            themes: vec![],
            quote: None,
            timing: Timing::ByDeadline {
                deadline: DateRef::Fixed {
                    date: PreciseDate::parse(deadline).unwrap(),
                    resolved_from: None,
                },
                as_written: None,
            },
            condition: None,
            external_id: None,
        })
    }

    #[test]
    fn a_deadline_before_the_commitment_was_made_is_rejected() {
        let errors = validate(&commitment("2007-11-29", "2006")).unwrap_err();
        assert_eq!(errors.0[0].field, "timing.deadline");
    }

    #[test]
    fn a_deadline_in_the_year_it_was_made_is_accepted() {
        assert!(validate(&commitment("2007-11-29", "2007")).is_ok());
    }

    #[test]
    fn blank_and_control_characters_are_rejected_by_field() {
        let e = Entity::Signatory(Signatory {
            id: SignatoryId::new(),
            name: "Ann".parse().unwrap(),
            title: "Director".parse().unwrap(),
            division: Some("  ".into()),
            organisation: Some("Office\u{0}".into()),
        });
        let errors = validate(&e).unwrap_err();
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["division", "organisation"]);
        assert_eq!(
            errors.0[1].reason,
            "contains the control character U+0000, which is not allowed here"
        );
    }

    #[test]
    fn an_unknown_status_is_rejected_naming_the_field() {
        let a = Entity::Assessment(Assessment {
            id: AssessmentId::new(),
            commitment: CommitmentId::new(),
            as_of: crate::date::parse_day("2008-05-28").unwrap(),
            scale: crate::scale::ScaleVersion {
                scale: crate::scale::ScaleId::Default,
                version: 1,
            },
            status: "splendid".into(),
            rationale: "r".parse().unwrap(),
            developments: vec![],
            rated_by: "x".into(),
            reviewed_by: None,
        });
        assert_eq!(validate(&a).unwrap_err().0[0].field, "status");
    }

    fn candidate(status: CandidateStatus) -> Candidate {
        Candidate {
            id: CandidateId::new(),
            source: SourceId::new(),
            quote_text: "Kazakhstan agreed to amend the law.".into(),
            quote_start: 10,
            quote_end: 45,
            actor: Some("Kazakhstan".into()),
            speaker: None,
            occasion: None,
            statement: "Amend the law".into(),
            origin: Origin::Pledge,
            recommended_by: None,
            timing: TimingKind::NoneStated,
            deadline: None,
            deadline_as_written: None,
            deadline_unresolved: None,
            condition: None,
            made_on: None,
            confidence: 80,
            rule: None,
            status,
            rejection_reason: None,
            commitment: None,
        }
    }

    #[test]
    fn a_candidate_status_must_agree_with_its_outcome() {
        assert!(validate(&Entity::Candidate(candidate(CandidateStatus::Pending))).is_ok());
        let rejected = candidate(CandidateStatus::Rejected);
        let errors = validate(&Entity::Candidate(rejected)).unwrap_err();
        assert_eq!(errors.0[0].field, "rejection_reason");
        let accepted = candidate(CandidateStatus::Accepted);
        let errors = validate(&Entity::Candidate(accepted)).unwrap_err();
        assert_eq!(errors.0[0].field, "commitment");
        let mut pending = candidate(CandidateStatus::Pending);
        pending.rejection_reason = Some("no".into());
        assert_eq!(
            validate(&Entity::Candidate(pending)).unwrap_err().0[0].field,
            "status"
        );
    }

    #[test]
    fn a_candidate_quote_must_run_forwards() {
        let mut c = candidate(CandidateStatus::Pending);
        c.quote_end = c.quote_start;
        assert_eq!(
            validate(&Entity::Candidate(c)).unwrap_err().0[0].field,
            "quote_end"
        );
    }

    #[test]
    fn cyrillic_and_right_to_left_text_is_accepted() {
        let e = Entity::Concern(Concern {
            id: ConcernId::new(),
            title: "Свобода собраний".parse().unwrap(),
            description: "حرية التجمع, liberté de réunion".parse().unwrap(),
            themes: vec!["réunion".into()],
            description_as_of: None,
            earlier_descriptions: Vec::new(),
        });
        assert!(validate(&e).is_ok());
    }
}
