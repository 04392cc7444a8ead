//! Rules every entity must satisfy before it is written: required text is
//! present, text is of sane length and free of control characters, codes have
//! their shape, statuses belong to their scale, and dates are in order.

use crate::error::{FieldError, ValidationErrors};
use crate::model::*;

/// Short names and titles.
pub const MAX_TITLE: usize = 1_000;
/// Statements, rationales, summaries, quotes.
pub const MAX_TEXT: usize = 100_000;
/// A source's full text.
pub const MAX_DOCUMENT: usize = 20_000_000;

struct Check(ValidationErrors);

impl Check {
    fn text(&mut self, field: &str, value: &str, max: usize, multiline: bool) {
        if value.trim().is_empty() {
            self.0.push(FieldError::new(field, "must not be empty"));
        } else {
            self.shape(field, value, max, multiline);
        }
    }

    fn optional(&mut self, field: &str, value: &Option<String>, max: usize, multiline: bool) {
        if let Some(v) = value {
            if v.trim().is_empty() {
                self.0.push(FieldError::new(
                    field,
                    "must not be blank (leave it out instead)",
                ));
            } else {
                self.shape(field, v, max, multiline);
            }
        }
    }

    fn shape(&mut self, field: &str, value: &str, max: usize, multiline: bool) {
        let chars = value.chars().count();
        if chars > max {
            self.0.push(FieldError::new(
                field,
                format!("is {chars} characters long; at most {max} are allowed"),
            ));
            return;
        }
        let bad = value
            .chars()
            .find(|c| c.is_control() && !(multiline && matches!(c, '\n' | '\r' | '\t')));
        if let Some(c) = bad {
            self.0.push(FieldError::new(
                field,
                format!(
                    "contains the control character U+{:04X}, which is not allowed here",
                    c as u32
                ),
            ));
        }
    }

    fn list(&mut self, field: &str, values: &[String]) {
        for (i, v) in values.iter().enumerate() {
            self.text(&format!("{field}[{i}]"), v, MAX_TITLE, false);
        }
    }
}

fn check_url(c: &mut Check, field: &str, url: &Option<String>) {
    if let Some(u) = url {
        c.shape(field, u, 4_000, false);
        let lower = u.to_ascii_lowercase();
        if !(lower.starts_with("http://") || lower.starts_with("https://"))
            || u.contains(char::is_whitespace)
        {
            c.0.push(FieldError::new(
                field,
                format!("'{u}' is not a web address (expected http:// or https:// and no spaces)"),
            ));
        }
    }
}

fn check_period(
    c: &mut Check,
    field: &str,
    from: Option<&crate::date::PreciseDate>,
    until: Option<&crate::date::PreciseDate>,
) {
    if let (Some(f), Some(u)) = (from, until)
        && u.latest() < f.earliest()
    {
        c.0.push(FieldError::new(
            field,
            format!("ends ({u}) before it starts ({f})"),
        ));
    }
}

/// Checks one entity on its own. Cross-entity rules (a deadline tied to a
/// milestone, references) are checked by the services and the store.
pub fn validate(entity: &Entity) -> Result<(), ValidationErrors> {
    let mut c = Check(ValidationErrors::default());
    match entity {
        Entity::Actor(a) => {
            c.text("name", &a.name, MAX_TITLE, false);
            c.optional("short_name", &a.short_name, MAX_TITLE, false);
            if let Some(code) = &a.country_code
                && (code.len() != 2 || !code.bytes().all(|b| b.is_ascii_uppercase()))
            {
                c.0.push(FieldError::new(
                    "country_code",
                    format!("'{code}' is not an ISO 3166-1 alpha-2 code (two capital letters)"),
                ));
            }
            for (i, r) in a.roles.iter().enumerate() {
                c.text(&format!("roles[{i}].title"), &r.title, MAX_TITLE, false);
                check_period(
                    &mut c,
                    &format!("roles[{i}]"),
                    r.from.as_ref(),
                    r.until.as_ref(),
                );
            }
        }
        Entity::Occasion(o) => {
            c.text("title", &o.title, MAX_TITLE, false);
            c.optional("place", &o.place, MAX_TITLE, false);
            check_period(&mut c, "ends", Some(&o.starts), o.ends.as_ref());
        }
        Entity::Source(s) => {
            c.text("title", &s.title, MAX_TITLE, false);
            c.optional("publisher", &s.publisher, MAX_TITLE, false);
            c.optional("author", &s.author, MAX_TITLE, false);
            check_url(&mut c, "url", &s.url);
            if let Some(lang) = &s.language
                && (lang.is_empty()
                    || lang.len() > 35
                    || !lang.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
            {
                c.0.push(FieldError::new(
                    "language",
                    format!("'{lang}' is not a language tag (e.g. en, ru, fr-CH)"),
                ));
            }
            c.optional("text", &s.text, MAX_DOCUMENT, true);
            c.optional("note", &s.note, MAX_TEXT, true);
        }
        Entity::Quote(q) => {
            c.text("text", &q.text, MAX_TEXT, true);
            c.optional("locator", &q.locator, MAX_TITLE, false);
            c.optional("speaker", &q.speaker, MAX_TITLE, false);
        }
        Entity::Commitment(k) => {
            c.text("statement", &k.statement, MAX_TEXT, true);
            c.list("themes", &k.themes);
            c.optional("condition", &k.condition, MAX_TEXT, true);
            c.optional("external_id", &k.external_id, MAX_TITLE, false);
            c.optional(
                "timing.as_written",
                &k.timing.as_written().map(str::to_owned),
                MAX_TITLE,
                false,
            );
            match &k.timing {
                Timing::ByDeadline {
                    deadline: DateRef::Fixed { date, .. },
                    ..
                } if date.latest() < k.made_on.earliest() => {
                    c.0.push(FieldError::new(
                        "timing.deadline",
                        format!(
                            "the deadline ({date}) is before the commitment was made ({})",
                            k.made_on
                        ),
                    ));
                }
                Timing::DuringPeriod {
                    from: DateRef::Fixed { date: f, .. },
                    until: DateRef::Fixed { date: u, .. },
                    ..
                } => check_period(&mut c, "timing.until", Some(f), Some(u)),
                _ => {}
            }
        }
        Entity::Milestone(m) => {
            c.text("title", &m.title, MAX_TITLE, false);
            c.optional("description", &m.description, MAX_TEXT, true);
        }
        Entity::Development(d) => {
            c.text("title", &d.title, MAX_TITLE, false);
            c.text("summary", &d.summary, MAX_TEXT, true);
            c.optional("note", &d.note, MAX_TEXT, true);
            if d.sources.is_empty() {
                c.0.push(FieldError::new(
                    "sources",
                    "a development needs at least one source",
                ));
            }
            let mut seen = std::collections::HashSet::new();
            for (i, e) in d.effects.iter().enumerate() {
                if !seen.insert(e.target) {
                    c.0.push(FieldError::new(
                        format!("effects[{i}]"),
                        "names the same commitment or concern twice",
                    ));
                }
            }
        }
        Entity::Assessment(a) => {
            let scale = a.scale.scale.scale();
            if a.scale.version != scale.version {
                c.0.push(FieldError::new(
                    "scale",
                    format!(
                        "version {} of the {} scale is unknown (current: {})",
                        a.scale.version, a.scale.scale, scale.version
                    ),
                ));
            }
            if let Err(e) = scale.status(&a.status) {
                c.0.push(e.at("status"));
            }
            c.text("rationale", &a.rationale, MAX_TEXT, true);
            c.text("rated_by", &a.rated_by, MAX_TITLE, false);
            c.optional("reviewed_by", &a.reviewed_by, MAX_TITLE, false);
        }
        Entity::Recommendation(r) => {
            c.text("action", &r.action, MAX_TEXT, true);
            c.list("themes", &r.themes);
            c.optional("external_id", &r.external_id, MAX_TITLE, false);
            // A recommendation made to a State (with its answer) stands on
            // its own; the team's own must answer something.
            if r.answers.is_empty() && r.response.is_none() {
                c.0.push(FieldError::new(
                    "answers",
                    "a recommendation must answer at least one commitment or concern",
                ));
            }
        }
        Entity::Concern(k) => {
            c.text("title", &k.title, MAX_TITLE, false);
            c.text("description", &k.description, MAX_TEXT, true);
            c.list("themes", &k.themes);
        }
        Entity::Dossier(d) => {
            c.text("title", &d.title, MAX_TITLE, false);
            c.optional("summary", &d.summary, MAX_TEXT, true);
        }
        Entity::RecipientList(r) => {
            c.text("name", &r.name, MAX_TITLE, false);
            for (i, p) in r.recipients.iter().enumerate() {
                c.text(
                    &format!("recipients[{i}].title"),
                    &p.title,
                    MAX_TITLE,
                    false,
                );
                c.text(
                    &format!("recipients[{i}].salutation"),
                    &p.salutation,
                    MAX_TITLE,
                    false,
                );
                c.optional(
                    &format!("recipients[{i}].state"),
                    &p.state,
                    MAX_TITLE,
                    false,
                );
                c.optional(&format!("recipients[{i}].name"), &p.name, MAX_TITLE, false);
            }
        }
        Entity::Candidate(k) => {
            c.text("statement", &k.statement, MAX_TEXT, true);
            c.text("quote_text", &k.quote_text, MAX_TEXT, true);
            c.optional("actor", &k.actor, MAX_TITLE, false);
            c.optional("speaker", &k.speaker, MAX_TITLE, false);
            c.optional("occasion", &k.occasion, MAX_TITLE, false);
            c.optional("recommended_by", &k.recommended_by, MAX_TITLE, false);
            c.optional(
                "deadline_as_written",
                &k.deadline_as_written,
                MAX_TITLE,
                false,
            );
            c.optional(
                "deadline_unresolved",
                &k.deadline_unresolved,
                MAX_TITLE,
                false,
            );
            c.optional("condition", &k.condition, MAX_TEXT, true);
            c.optional("rule", &k.rule, MAX_TITLE, false);
            c.optional("rejection_reason", &k.rejection_reason, MAX_TEXT, true);
            if k.quote_end <= k.quote_start {
                c.0.push(FieldError::new(
                    "quote_end",
                    format!(
                        "must be after quote_start ({} <= {})",
                        k.quote_end, k.quote_start
                    ),
                ));
            }
            if k.confidence > 100 {
                c.0.push(FieldError::new("confidence", "must be 0 to 100"));
            }
            match k.status {
                CandidateStatus::Pending => {
                    if k.commitment.is_some() || k.rejection_reason.is_some() {
                        c.0.push(FieldError::new(
                            "status",
                            "a pending candidate has neither a commitment nor a rejection reason",
                        ));
                    }
                }
                CandidateStatus::Accepted => {
                    if k.commitment.is_none() {
                        c.0.push(FieldError::new(
                            "commitment",
                            "an accepted candidate names the commitment it became",
                        ));
                    }
                }
                CandidateStatus::Rejected => {
                    if k.rejection_reason.is_none() {
                        c.0.push(FieldError::new(
                            "rejection_reason",
                            "a rejected candidate needs the reason",
                        ));
                    }
                    if k.commitment.is_some() {
                        c.0.push(FieldError::new(
                            "commitment",
                            "a rejected candidate cannot have become a commitment",
                        ));
                    }
                }
            }
        }
        Entity::Signatory(s) => {
            c.text("name", &s.name, MAX_TITLE, false);
            c.text("title", &s.title, MAX_TITLE, false);
            c.optional("division", &s.division, MAX_TITLE, false);
            c.optional("organisation", &s.organisation, MAX_TITLE, false);
        }
    }
    c.0.into_result()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::PreciseDate;
    use crate::ids::*;

    fn commitment(made_on: &str, deadline: &str) -> Entity {
        Entity::Commitment(Commitment {
            id: CommitmentId::new(),
            statement: "Amend the media law".into(),
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
            name: "  ".into(),
            title: "Director\u{0}".into(),
            division: None,
            organisation: None,
        });
        let errors = validate(&e).unwrap_err();
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "title"]);
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
            rationale: "r".into(),
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
            title: "Свобода собраний".into(),
            description: "حرية التجمع, liberté de réunion".into(),
            themes: vec!["réunion".into()],
        });
        assert!(validate(&e).is_ok());
    }
}
