//! Rules every entity must satisfy before it is written: required text is
//! present, text is of sane length and free of control characters, codes have
//! their shape, statuses belong to their scale, and dates are in order.

use crate::date::PreciseDate;
use crate::error::{FieldError, Said, ValidationErrors};
use crate::field::{check_shape, check_text};
use crate::model::{DatedText, Entity};

/// Short names and titles.
pub const MAX_TITLE: usize = 1_000;
/// Statements, rationales, summaries, quotes.
pub const MAX_TEXT: usize = 100_000;
/// A source's full text.
pub const MAX_DOCUMENT: usize = 20_000_000;
/// The lines of a postal address.
pub const MAX_ADDRESS_LINES: usize = 10;

/// Collects the field errors of one record; each kind's `Record::validate`
/// drives it (see `model/`), so the wording of every message lives here once.
#[derive(Default)]
pub(crate) struct Check(ValidationErrors);

impl Check {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Records a failed rule of its own.
    pub(crate) fn push(&mut self, field: impl Into<String>, reason: Said) {
        self.0.push(FieldError::said(field, reason));
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
                self.push(field, Said::new("reason-blank-optional"));
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

    /// The earlier versions of a dated text (`field`): each text required,
    /// each dated before the current text's date (`current_field`), no two
    /// on one day.
    pub(crate) fn earlier_versions(
        &mut self,
        field: &str,
        current_field: &str,
        current_as_of: Option<chrono::NaiveDate>,
        earlier: &[DatedText],
    ) {
        let mut days = std::collections::HashSet::new();
        for (i, t) in earlier.iter().enumerate() {
            self.text(&format!("{field}[{i}].text"), &t.text, MAX_TEXT, true);
            let at = format!("{field}[{i}].as_of");
            if let Some(current) = current_as_of
                && t.as_of >= current
            {
                self.push(
                    &at,
                    Said::new("reason-earlier-version-not-before")
                        .day("date", t.as_of)
                        .text("field", current_field)
                        .day("current", current),
                );
            }
            if !days.insert(t.as_of) {
                self.push(
                    &at,
                    Said::new("reason-earlier-versions-same-day").day("date", t.as_of),
                );
            }
        }
    }

    /// A postal address: at most `MAX_ADDRESS_LINES` lines, each required.
    pub(crate) fn address(&mut self, field: &str, lines: &[String]) {
        if lines.len() > MAX_ADDRESS_LINES {
            self.push(
                field,
                Said::new("reason-address-lines")
                    .count("lines", lines.len())
                    .count("max", MAX_ADDRESS_LINES),
            );
        }
        for (i, line) in lines.iter().enumerate() {
            self.text(&format!("{field}[{i}]"), line, MAX_TITLE, false);
        }
    }

    /// An optional e-mail address: one '@', no spaces, a dot in the domain.
    pub(crate) fn email(&mut self, field: &str, value: &Option<String>) {
        self.optional(field, value, MAX_TITLE, false);
        let Some(v) = value.as_deref().filter(|v| !v.trim().is_empty()) else {
            return;
        };
        let ok = match v.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.contains('@')
                    && !v.contains(char::is_whitespace)
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
            }
            None => false,
        };
        if !ok {
            self.push(field, Said::new("reason-email").text("value", v));
        }
    }

    /// An optional web address (http:// or https://).
    pub(crate) fn web_address(&mut self, field: &str, value: &Option<String>) {
        if let Some(v) = value {
            if v.trim().is_empty() {
                self.push(field, Said::new("reason-blank-optional"));
            } else if let Err(e) = crate::field::WebAddress::parse(v.as_str()) {
                self.error(e.at(field));
            }
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
            self.push(
                field,
                Said::new("reason-period-order")
                    .date("until", u)
                    .date("from", f),
            );
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
    fn page_breaks_are_allowed_in_long_text_only() {
        assert!(check_shape("Page one.\u{c}Page two.", 100, true).is_ok());
        assert!(check_shape("Title\u{c}", 100, false).is_err());
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

    fn fields_of(entity: Entity) -> Vec<String> {
        match validate(&entity) {
            Ok(()) => vec![],
            Err(errors) => errors.0.into_iter().map(|e| e.field).collect(),
        }
    }

    fn dated(as_of: &str, text: &str) -> DatedText {
        DatedText {
            as_of: as_of.parse().unwrap(),
            text: text.into(),
        }
    }

    fn concern(earlier: Vec<DatedText>) -> Entity {
        Entity::Concern(Concern {
            id: ConcernId::new(),
            title: "Journalists sued".parse().unwrap(),
            description: "Five suits by May 2009.".parse().unwrap(),
            themes: vec![],
            description_as_of: Some("2009-05-20".parse().unwrap()),
            earlier_descriptions: earlier,
        })
    }

    #[test]
    fn earlier_descriptions_before_the_current_one_are_accepted() {
        let ok = concern(vec![
            dated("2008-01-01", "One."),
            dated("2008-05-28", "Two."),
        ]);
        assert_eq!(fields_of(ok), Vec::<String>::new());
    }

    #[test]
    fn an_earlier_description_not_before_the_current_one_is_refused() {
        let same = concern(vec![dated("2009-05-20", "Then.")]);
        assert_eq!(fields_of(same), ["earlier_descriptions[0].as_of"]);
        let after = concern(vec![
            dated("2008-01-01", "One."),
            dated("2010-01-01", "Later."),
        ]);
        assert_eq!(fields_of(after), ["earlier_descriptions[1].as_of"]);
    }

    #[test]
    fn two_earlier_descriptions_of_one_day_are_refused() {
        let twice = concern(vec![
            dated("2008-05-28", "One."),
            dated("2008-05-28", "Two."),
        ]);
        assert_eq!(fields_of(twice), ["earlier_descriptions[1].as_of"]);
    }

    #[test]
    fn a_blank_earlier_description_is_refused() {
        let blank = concern(vec![dated("2008-05-28", "  \n ")]);
        assert_eq!(fields_of(blank), ["earlier_descriptions[0].text"]);
    }

    fn dossier(earlier: Vec<DatedText>, publisher: Option<Publisher>) -> Entity {
        Entity::Dossier(Dossier {
            id: DossierId::new(),
            slug: Slug::parse("kz").unwrap(),
            title: "Kazakhstan".parse().unwrap(),
            summary: Some("What we follow.".into()),
            scale: crate::scale::ScaleId::Default,
            commitments: vec![],
            concerns: vec![],
            milestones: vec![],
            recipient_lists: vec![],
            signatories: vec![],
            summary_as_of: Some("2009-05-20".parse().unwrap()),
            earlier_summaries: earlier,
            stakes: None,
            publisher,
        })
    }

    fn publisher(website: &str, email: &str, lines: usize) -> Option<Publisher> {
        Some(Publisher {
            name: "Human Rights Watch".into(),
            address: (0..lines).map(|i| format!("Line {i}")).collect(),
            website: Some(website.into()),
            email: Some(email.into()),
            spelling: Spelling::Us,
        })
    }

    #[test]
    fn earlier_summaries_follow_the_rules_of_earlier_descriptions() {
        let bad = dossier(
            vec![
                dated("2009-05-20", "Same day."),
                dated("2008-01-01", " "),
                dated("2008-01-01", "Twice."),
            ],
            None,
        );
        assert_eq!(
            fields_of(bad),
            [
                "earlier_summaries[0].as_of",
                "earlier_summaries[1].text",
                "earlier_summaries[2].as_of"
            ]
        );
        let ok = dossier(vec![dated("2008-01-01", "Then.")], None);
        assert_eq!(fields_of(ok), Vec::<String>::new());
    }

    #[test]
    fn a_publisher_needs_a_web_address_an_email_address_and_at_most_ten_lines() {
        let ok = dossier(
            vec![],
            publisher("https://www.hrw.org", "hrwnyc@hrw.org", 10),
        );
        assert_eq!(fields_of(ok), Vec::<String>::new());
        let website = dossier(vec![], publisher("www.hrw.org", "hrwnyc@hrw.org", 1));
        assert_eq!(fields_of(website), ["publisher.website"]);
        let ftp = dossier(vec![], publisher("ftp://hrw.org", "hrwnyc@hrw.org", 1));
        assert_eq!(fields_of(ftp), ["publisher.website"]);
        for email in [
            "hrw.org",
            "a@b@hrw.org",
            "hrw nyc@hrw.org",
            "hrwnyc@localhost",
        ] {
            let bad = dossier(vec![], publisher("https://www.hrw.org", email, 1));
            assert_eq!(fields_of(bad), ["publisher.email"], "{email}");
        }
        let long = dossier(
            vec![],
            publisher("https://www.hrw.org", "hrwnyc@hrw.org", 11),
        );
        assert_eq!(fields_of(long), ["publisher.address"]);
    }

    #[test]
    fn a_recipient_has_at_most_ten_address_lines() {
        let list = |lines: usize| {
            Entity::RecipientList(RecipientList {
                id: RecipientListId::new(),
                name: "Ministers".parse().unwrap(),
                recipients: vec![Recipient {
                    state: None,
                    title: "Minister".parse().unwrap(),
                    name: None,
                    salutation: "Dear Minister".parse().unwrap(),
                    address: (0..lines).map(|i| format!("Line {i}")).collect(),
                    signatories: vec![],
                }],
                signatories: vec![],
            })
        };
        assert_eq!(fields_of(list(10)), Vec::<String>::new());
        assert_eq!(fields_of(list(11)), ["recipients[0].address"]);
    }

    #[test]
    fn known_from_is_refused_beside_a_publication_date() {
        let source = |published: Option<&str>, known_from: Option<&str>| {
            Entity::Source(Source {
                id: SourceId::new(),
                title: "A report".into(),
                publisher: None,
                author: None,
                published: published.map(|p| PreciseDate::parse(p).unwrap()),
                url: None,
                language: None,
                confidential: false,
                text: None,
                file_sha256: None,
                note: None,
                known_from: known_from.map(|p| PreciseDate::parse(p).unwrap()),
                own_document: false,
            })
        };
        assert_eq!(
            fields_of(source(Some("2008-05"), Some("2009"))),
            ["known_from"]
        );
        assert_eq!(
            fields_of(source(Some("2008-05"), None)),
            Vec::<String>::new()
        );
        assert_eq!(fields_of(source(None, Some("2009"))), Vec::<String>::new());
    }
}
