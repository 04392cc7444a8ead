//! Entry and editing forms for every kind of entity, described once: which
//! fields a kind has, how an entity fills them (to edit it), and how
//! submitted values parse back into an entity, with every error attached to
//! the field that caused it.

use std::collections::HashMap;

use pledgewatch_core::date::{PreciseDate, parse_day};
use pledgewatch_core::error::{FieldError, ValidationErrors};
use pledgewatch_core::ids::*;
use pledgewatch_core::model::*;
use pledgewatch_core::scale::{ScaleId, ScaleVersion};
use uuid::Uuid;

/// How a field is entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    Text,
    TextArea,
    /// A date with precision: YYYY, YYYY-MM, YYYY-Qn or YYYY-MM-DD.
    Date,
    /// A day: YYYY-MM-DD.
    Day,
    Number,
    Select(&'static [&'static str]),
    /// One entity of a kind, required.
    Ref(EntityKind),
    /// One entity of a kind, or none.
    OptRef(EntityKind),
    /// Any number of entities of a kind.
    Refs(EntityKind),
    Check,
    /// One item per line.
    Lines,
    /// A direction for each commitment and concern (developments).
    Effects,
    /// Commitments and concerns a recommendation answers.
    Targets,
    /// A status of any scale (checked against the chosen scale).
    Status,
    /// A file to store (sources).
    File,
}

#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub label: &'static str,
    pub input: Input,
    pub required: bool,
    pub help: &'static str,
}

const fn f(
    name: &'static str,
    label: &'static str,
    input: Input,
    required: bool,
    help: &'static str,
) -> Field {
    Field {
        name,
        label,
        input,
        required,
        help,
    }
}

const DATE_HELP: &str = "YYYY, YYYY-MM, YYYY-Qn or YYYY-MM-DD";
const ACTOR_KINDS: &[&str] = &["state", "institution", "person", "organisation"];
const OCCASION_KINDS: &[&str] = &[
    "conference",
    "session",
    "speech",
    "letter",
    "report",
    "other",
];
const ORIGINS: &[&str] = &["pledge", "accepted_recommendation", "legal_obligation"];
const TIMING_KINDS: &[&str] = &[
    "by_deadline",
    "during_period",
    "refrain_from",
    "none_stated",
];
const PRIORITIES: &[&str] = &["high", "medium", "low"];
const RESPONSES: &[&str] = &["supported", "noted", "pending"];
const SCALES: &[&str] = &["default", "odihr", "ogp", "politifact"];

/// The fields of a kind's form, in order.
pub fn fields(kind: EntityKind) -> Vec<Field> {
    use EntityKind as K;
    use Input::*;
    match kind {
        K::Actor => vec![
            f("kind", "Kind", Select(ACTOR_KINDS), true, ""),
            f("name", "Name", Text, true, ""),
            f("short_name", "Short name", Text, false, "e.g. ODIHR"),
            f(
                "country_code",
                "Country code",
                Text,
                false,
                "ISO 3166-1 alpha-2, for states (e.g. KZ)",
            ),
            f(
                "roles",
                "Roles",
                Lines,
                false,
                "One per line: Title | From | Until | Of (the exact name of another actor). Only the title is required.",
            ),
        ],
        K::Occasion => vec![
            f("title", "Title", Text, true, ""),
            f("kind", "Kind", Select(OCCASION_KINDS), true, ""),
            f("place", "Place", Text, false, ""),
            f("starts", "Starts", Date, true, DATE_HELP),
            f("ends", "Ends", Date, false, DATE_HELP),
            f("organiser", "Organiser", OptRef(K::Actor), false, ""),
        ],
        K::Source => vec![
            f("title", "Title", Text, true, ""),
            f("publisher", "Publisher", Text, false, ""),
            f("author", "Author", Text, false, ""),
            f("published", "Published", Date, false, DATE_HELP),
            f("url", "Web address", Text, false, "http:// or https://"),
            f("language", "Language", Text, false, "e.g. en, ru, fr"),
            f(
                "confidential",
                "Confidential (never shown to the public)",
                Check,
                false,
                "",
            ),
            f(
                "file",
                "Stored file",
                File,
                false,
                "The document itself (at most 25 MB), kept by its SHA-256; leave empty to keep the current one",
            ),
            f(
                "text",
                "Text",
                TextArea,
                false,
                "The document's text, for search",
            ),
            f("note", "Note", TextArea, false, ""),
        ],
        K::Quote => vec![
            f("source", "Source", Ref(K::Source), true, ""),
            f("text", "Exact words", TextArea, true, ""),
            f(
                "locator",
                "Locator",
                Text,
                false,
                "page, paragraph or offsets",
            ),
            f("speaker", "Speaker", Text, false, ""),
        ],
        K::Commitment => vec![
            f(
                "statement",
                "What was promised",
                TextArea,
                true,
                "A short statement",
            ),
            f("bound", "Who is bound", Ref(K::Actor), true, ""),
            f(
                "made_by",
                "Made by",
                OptRef(K::Actor),
                false,
                "Who spoke or signed",
            ),
            f("occasion", "Occasion", OptRef(K::Occasion), false, ""),
            f("made_on", "Made on", Date, true, DATE_HELP),
            f("origin", "Origin", Select(ORIGINS), true, ""),
            f("quote", "In the words of", OptRef(K::Quote), false, ""),
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
                OptRef(K::Milestone),
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
        ],
        K::Milestone => vec![
            f("title", "Title", Text, true, ""),
            f("date", "Date", Date, true, DATE_HELP),
            f("description", "Description", TextArea, false, ""),
        ],
        K::Development => vec![
            f("date", "Date", Date, true, DATE_HELP),
            f("title", "Title", Text, true, ""),
            f(
                "summary",
                "Summary",
                TextArea,
                true,
                "What happened, in your words",
            ),
            f(
                "sources",
                "Sources",
                Refs(K::Source),
                true,
                "Hold Ctrl or Cmd to choose several",
            ),
            f("quotes", "Quotes", Refs(K::Quote), false, ""),
            f(
                "effects",
                "Direction for each commitment and concern",
                Effects,
                false,
                "",
            ),
            f(
                "baseline",
                "Baseline (the situation before or at the pledge)",
                Check,
                false,
                "",
            ),
            f("note", "Note", TextArea, false, ""),
        ],
        K::Assessment => vec![
            f("commitment", "Commitment", Ref(K::Commitment), true, ""),
            f("as_of", "As of", Day, true, "YYYY-MM-DD"),
            f("scale", "Scale", Select(SCALES), true, ""),
            f(
                "status",
                "Status",
                Status,
                true,
                "A status of the chosen scale",
            ),
            f("rationale", "Rationale", TextArea, true, ""),
            f(
                "developments",
                "Rests on developments",
                Refs(K::Development),
                false,
                "",
            ),
        ],
        K::Recommendation => vec![
            f("action", "Action needed", TextArea, true, ""),
            f(
                "responsible",
                "Body responsible",
                OptRef(K::Actor),
                false,
                "",
            ),
            f("proposed_by", "Proposed by", OptRef(K::Actor), false, ""),
            f("priority", "Priority", Select(PRIORITIES), true, ""),
            f(
                "answers",
                "Answers",
                Targets,
                false,
                "The commitments and concerns it answers (required unless a State's response is given)",
            ),
            f("source", "Source", OptRef(K::Source), false, ""),
            f(
                "response",
                "State's response",
                Select(RESPONSES),
                false,
                "For a recommendation made to a State",
            ),
            f("occasion", "Made at", OptRef(K::Occasion), false, ""),
            f("themes", "Themes", Lines, false, "One per line"),
            f("external_id", "External id", Text, false, ""),
        ],
        K::Concern => vec![
            f("title", "Title", Text, true, ""),
            f("description", "Description", TextArea, true, ""),
            f("themes", "Themes", Lines, false, "One per line"),
        ],
        K::Dossier => vec![
            f(
                "slug",
                "Slug",
                Text,
                true,
                "lowercase letters, digits and hyphens",
            ),
            f("title", "Title", Text, true, ""),
            f("summary", "Summary", TextArea, false, ""),
            f("scale", "Rating scale", Select(SCALES), true, ""),
            f("commitments", "Commitments", Refs(K::Commitment), false, ""),
            f("concerns", "Concerns", Refs(K::Concern), false, ""),
            f("milestones", "Milestones", Refs(K::Milestone), false, ""),
            f(
                "recipient_lists",
                "Recipient lists",
                Refs(K::RecipientList),
                false,
                "",
            ),
            f("signatories", "Signatories", Refs(K::Signatory), false, ""),
        ],
        K::RecipientList => vec![
            f("name", "Name", Text, true, ""),
            f(
                "recipients",
                "Recipients",
                Lines,
                false,
                "One per line: State | Title | Name | Salutation",
            ),
        ],
        K::Signatory => vec![
            f("name", "Name", Text, true, ""),
            f("title", "Title", Text, true, ""),
            f("division", "Division", Text, false, ""),
            f("organisation", "Organisation", Text, false, ""),
        ],
        // Accounts have their own page; drafts their review queue.
        K::User | K::Candidate => vec![],
    }
}

/// Submitted or current values, by field name (several for multi-selects).
pub type Values = HashMap<String, Vec<String>>;

pub fn values_from_pairs(pairs: Vec<(String, String)>) -> Values {
    let mut values = Values::new();
    for (k, v) in pairs {
        values.entry(k).or_default().push(v);
    }
    values
}

fn one(values: &mut Values, name: &str, value: impl Into<String>) {
    values.insert(name.to_owned(), vec![value.into()]);
}

fn opt(values: &mut Values, name: &str, value: Option<String>) {
    if let Some(v) = value {
        one(values, name, v);
    }
}

fn many(values: &mut Values, name: &str, ids: impl IntoIterator<Item = Uuid>) {
    values.insert(
        name.to_owned(),
        ids.into_iter().map(|i| i.to_string()).collect(),
    );
}

/// The form values that show an entity (for editing and for its page).
pub fn values_of(entity: &Entity, actor_names: &HashMap<Uuid, String>) -> Values {
    let mut v = Values::new();
    let date = |d: &PreciseDate| d.to_string();
    match entity {
        Entity::Candidate(_) => {}
        Entity::Actor(a) => {
            one(&mut v, "kind", a.kind.as_str());
            one(&mut v, "name", &a.name);
            opt(&mut v, "short_name", a.short_name.clone());
            opt(&mut v, "country_code", a.country_code.clone());
            let lines: Vec<String> = a
                .roles
                .iter()
                .map(|r| {
                    let of =
                        r.of.and_then(|id| actor_names.get(&id.0).cloned())
                            .unwrap_or_default();
                    let d = |x: &Option<PreciseDate>| x.map(|d| d.to_string()).unwrap_or_default();
                    format!("{} | {} | {} | {}", r.title, d(&r.from), d(&r.until), of)
                        .trim_end_matches([' ', '|'])
                        .to_owned()
                })
                .collect();
            one(&mut v, "roles", lines.join("\n"));
        }
        Entity::Occasion(o) => {
            one(&mut v, "title", &o.title);
            one(&mut v, "kind", o.kind.as_str());
            opt(&mut v, "place", o.place.clone());
            one(&mut v, "starts", date(&o.starts));
            opt(&mut v, "ends", o.ends.map(|d| d.to_string()));
            opt(&mut v, "organiser", o.organiser.map(|i| i.to_string()));
        }
        Entity::Source(s) => {
            one(&mut v, "title", &s.title);
            opt(&mut v, "publisher", s.publisher.clone());
            opt(&mut v, "author", s.author.clone());
            opt(&mut v, "published", s.published.map(|d| d.to_string()));
            opt(&mut v, "url", s.url.clone());
            opt(&mut v, "language", s.language.clone());
            if s.confidential {
                one(&mut v, "confidential", "on");
            }
            opt(&mut v, "text", s.text.clone());
            opt(
                &mut v,
                "file",
                s.file_sha256.as_ref().map(|h| h.as_str().to_owned()),
            );
            opt(&mut v, "note", s.note.clone());
        }
        Entity::Quote(q) => {
            one(&mut v, "source", q.source.to_string());
            one(&mut v, "text", &q.text);
            opt(&mut v, "locator", q.locator.clone());
            opt(&mut v, "speaker", q.speaker.clone());
        }
        Entity::Commitment(c) => {
            one(&mut v, "statement", &c.statement);
            one(&mut v, "bound", c.bound.to_string());
            opt(&mut v, "made_by", c.made_by.map(|i| i.to_string()));
            opt(&mut v, "occasion", c.occasion.map(|i| i.to_string()));
            one(&mut v, "made_on", date(&c.made_on));
            one(&mut v, "origin", c.origin.as_str());
            opt(&mut v, "quote", c.quote.map(|i| i.to_string()));
            one(&mut v, "timing_kind", c.timing.kind().as_str());
            opt(
                &mut v,
                "timing_as_written",
                c.timing.as_written().map(str::to_owned),
            );
            let date_ref =
                |v: &mut Values, r: &DateRef, date_field: &str, milestone_field: &str| match r {
                    DateRef::Fixed { date, .. } => one(v, date_field, date.to_string()),
                    DateRef::Milestone {
                        milestone,
                        offset_days,
                    } => {
                        one(v, milestone_field, milestone.to_string());
                        one(v, "deadline_offset_days", offset_days.to_string());
                    }
                };
            match &c.timing {
                Timing::ByDeadline { deadline, .. } => {
                    date_ref(&mut v, deadline, "deadline", "deadline_milestone")
                }
                Timing::DuringPeriod { from, until, .. } => {
                    date_ref(&mut v, from, "period_from", "deadline_milestone");
                    date_ref(&mut v, until, "period_until", "deadline_milestone");
                }
                _ => {}
            }
            opt(&mut v, "condition", c.condition.clone());
            one(&mut v, "themes", c.themes.join("\n"));
            opt(&mut v, "external_id", c.external_id.clone());
        }
        Entity::Milestone(m) => {
            one(&mut v, "title", &m.title);
            one(&mut v, "date", date(&m.date));
            opt(&mut v, "description", m.description.clone());
        }
        Entity::Development(d) => {
            one(&mut v, "date", date(&d.date));
            one(&mut v, "title", &d.title);
            one(&mut v, "summary", &d.summary);
            many(&mut v, "sources", d.sources.iter().map(|s| s.0));
            many(&mut v, "quotes", d.quotes.iter().map(|s| s.0));
            for e in &d.effects {
                v.insert(
                    format!("effect:{}", target_value(&e.target)),
                    vec![e.direction.as_str().to_owned()],
                );
            }
            if d.baseline {
                one(&mut v, "baseline", "on");
            }
            opt(&mut v, "note", d.note.clone());
        }
        Entity::Assessment(a) => {
            one(&mut v, "commitment", a.commitment.to_string());
            one(&mut v, "as_of", a.as_of.to_string());
            one(&mut v, "scale", a.scale.scale.as_str());
            one(&mut v, "status", &a.status);
            one(&mut v, "rationale", &a.rationale);
            many(&mut v, "developments", a.developments.iter().map(|d| d.0));
        }
        Entity::Recommendation(r) => {
            one(&mut v, "action", &r.action);
            opt(&mut v, "responsible", r.responsible.map(|i| i.to_string()));
            opt(&mut v, "proposed_by", r.proposed_by.map(|i| i.to_string()));
            one(&mut v, "priority", r.priority.as_str());
            v.insert(
                "answers".into(),
                r.answers.iter().map(target_value).collect(),
            );
            opt(&mut v, "source", r.source.map(|i| i.to_string()));
            opt(
                &mut v,
                "response",
                r.response.map(|x| x.as_str().to_owned()),
            );
            opt(&mut v, "occasion", r.occasion.map(|i| i.to_string()));
            one(&mut v, "themes", r.themes.join("\n"));
            opt(&mut v, "external_id", r.external_id.clone());
        }
        Entity::Concern(c) => {
            one(&mut v, "title", &c.title);
            one(&mut v, "description", &c.description);
            one(&mut v, "themes", c.themes.join("\n"));
        }
        Entity::Dossier(d) => {
            one(&mut v, "slug", d.slug.as_str());
            one(&mut v, "title", &d.title);
            opt(&mut v, "summary", d.summary.clone());
            one(&mut v, "scale", d.scale.as_str());
            many(&mut v, "commitments", d.commitments.iter().map(|x| x.0));
            many(&mut v, "concerns", d.concerns.iter().map(|x| x.0));
            many(&mut v, "milestones", d.milestones.iter().map(|x| x.0));
            many(
                &mut v,
                "recipient_lists",
                d.recipient_lists.iter().map(|x| x.0),
            );
            many(&mut v, "signatories", d.signatories.iter().map(|x| x.0));
        }
        Entity::RecipientList(r) => {
            one(&mut v, "name", &r.name);
            let lines: Vec<String> = r
                .recipients
                .iter()
                .map(|p| {
                    format!(
                        "{} | {} | {} | {}",
                        p.state.clone().unwrap_or_default(),
                        p.title,
                        p.name.clone().unwrap_or_default(),
                        p.salutation
                    )
                })
                .collect();
            one(&mut v, "recipients", lines.join("\n"));
        }
        Entity::Signatory(s) => {
            one(&mut v, "name", &s.name);
            one(&mut v, "title", &s.title);
            opt(&mut v, "division", s.division.clone());
            opt(&mut v, "organisation", s.organisation.clone());
        }
    }
    v
}

pub fn target_value(t: &Target) -> String {
    match t {
        Target::Commitment(id) => format!("commitment:{id}"),
        Target::Concern(id) => format!("concern:{id}"),
    }
}

fn parse_target(text: &str) -> Option<Target> {
    let (kind, id) = text.split_once(':')?;
    let id = Uuid::parse_str(id).ok()?;
    match kind {
        "commitment" => Some(Target::Commitment(CommitmentId(id))),
        "concern" => Some(Target::Concern(ConcernId(id))),
        _ => None,
    }
}

/// Reads submitted values, collecting every error by field.
struct Reader<'a> {
    values: &'a Values,
    errors: ValidationErrors,
}

impl Reader<'_> {
    fn raw(&self, name: &str) -> Option<&str> {
        self.values
            .get(name)
            .and_then(|v| v.first())
            .map(|s| s.as_str())
    }

    /// Trimmed text, `None` when empty. Line ends are normalised.
    fn text(&self, name: &str) -> Option<String> {
        self.raw(name)
            .map(|s| s.replace("\r\n", "\n").trim().to_owned())
            .filter(|s| !s.is_empty())
    }

    fn required(&mut self, name: &str) -> String {
        match self.text(name) {
            Some(v) => v,
            None => {
                self.errors.push(FieldError::new(name, "is required"));
                String::new()
            }
        }
    }

    fn date(&mut self, name: &str) -> Option<PreciseDate> {
        let text = self.text(name)?;
        match PreciseDate::parse(&text) {
            Ok(d) => Some(d),
            Err(e) => {
                self.errors.push(e.at(name));
                None
            }
        }
    }

    fn required_date(&mut self, name: &str) -> PreciseDate {
        match self.text(name) {
            Some(_) => self
                .date(name)
                .unwrap_or(PreciseDate::day(chrono::NaiveDate::MIN)),
            None => {
                self.errors.push(FieldError::new(name, "is required"));
                PreciseDate::day(chrono::NaiveDate::MIN)
            }
        }
    }

    fn named<T: Copy>(
        &mut self,
        name: &str,
        parse: fn(&str) -> Result<T, pledgewatch_core::error::InvalidValue>,
        fallback: T,
    ) -> T {
        let text = self.required(name);
        if text.is_empty() {
            return fallback;
        }
        parse(&text).unwrap_or_else(|e| {
            self.errors.push(e.at(name));
            fallback
        })
    }

    /// A choice that may be left empty.
    fn optional_named<T: Copy>(
        &mut self,
        name: &str,
        parse: fn(&str) -> Result<T, pledgewatch_core::error::InvalidValue>,
    ) -> Option<T> {
        let text = self.text(name)?;
        parse(&text).map_err(|e| self.errors.push(e.at(name))).ok()
    }

    fn id(&mut self, name: &str) -> Option<Uuid> {
        let text = self.text(name)?;
        match Uuid::parse_str(&text) {
            Ok(id) => Some(id),
            Err(_) => {
                self.errors.push(FieldError::new(
                    name,
                    format!("'{text}' is not a choice of this list"),
                ));
                None
            }
        }
    }

    fn required_id(&mut self, name: &str) -> Uuid {
        match self.text(name) {
            Some(_) => self.id(name).unwrap_or(Uuid::nil()),
            None => {
                self.errors.push(FieldError::new(name, "choose one"));
                Uuid::nil()
            }
        }
    }

    fn ids(&mut self, name: &str) -> Vec<Uuid> {
        let values: Vec<String> = self.values.get(name).cloned().unwrap_or_default();
        values
            .iter()
            .filter(|v| !v.trim().is_empty())
            .filter_map(|v| match Uuid::parse_str(v.trim()) {
                Ok(id) => Some(id),
                Err(_) => {
                    self.errors.push(FieldError::new(
                        name,
                        format!("'{v}' is not a choice of this list"),
                    ));
                    None
                }
            })
            .collect()
    }

    fn lines(&self, name: &str) -> Vec<String> {
        self.text(name)
            .map(|t| {
                t.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    }

    fn checked(&self, name: &str) -> bool {
        self.raw(name).is_some_and(|v| v == "on" || v == "true")
    }
}

/// Parses a kind's submitted form into an entity with the given id.
/// `actors_by_name` resolves the "Of" column of actor roles.
pub fn parse(
    kind: EntityKind,
    id: Uuid,
    values: &Values,
    actors_by_name: &HashMap<String, Uuid>,
) -> Result<Entity, ValidationErrors> {
    let mut r = Reader {
        values,
        errors: ValidationErrors::default(),
    };
    use EntityKind as K;
    let entity = match kind {
        K::Actor => {
            let mut roles = Vec::new();
            for (i, line) in r.lines("roles").iter().enumerate() {
                let cols: Vec<&str> = line.split('|').map(str::trim).collect();
                let field = "roles";
                let date = |r: &mut Reader, text: Option<&&str>| -> Option<PreciseDate> {
                    let text = text.filter(|t| !t.is_empty())?;
                    match PreciseDate::parse(text) {
                        Ok(d) => Some(d),
                        Err(e) => {
                            r.errors.push(FieldError::new(
                                field,
                                format!("line {}: {}", i + 1, e.reason),
                            ));
                            None
                        }
                    }
                };
                let from = date(&mut r, cols.get(1));
                let until = date(&mut r, cols.get(2));
                let of = match cols.get(3).filter(|t| !t.is_empty()) {
                    Some(name) => match actors_by_name.get(*name) {
                        Some(id) => Some(ActorId(*id)),
                        None => {
                            r.errors.push(FieldError::new(
                                field,
                                format!("line {}: there is no actor named '{name}'", i + 1),
                            ));
                            None
                        }
                    },
                    None => None,
                };
                roles.push(ActorRole {
                    title: cols.first().copied().unwrap_or_default().to_owned(),
                    of,
                    from,
                    until,
                });
            }
            Entity::Actor(Actor {
                id: ActorId(id),
                kind: r.named("kind", ActorKind::parse, ActorKind::State),
                name: r.required("name"),
                short_name: r.text("short_name"),
                country_code: r.text("country_code"),
                roles,
            })
        }
        K::Occasion => Entity::Occasion(Occasion {
            id: OccasionId(id),
            title: r.required("title"),
            kind: r.named("kind", OccasionKind::parse, OccasionKind::Other),
            place: r.text("place"),
            starts: r.required_date("starts"),
            ends: r.date("ends"),
            organiser: r.id("organiser").map(ActorId),
        }),
        K::Source => Entity::Source(Source {
            id: SourceId(id),
            title: r.required("title"),
            publisher: r.text("publisher"),
            author: r.text("author"),
            published: r.date("published"),
            url: r.text("url"),
            language: r.text("language"),
            confidential: r.checked("confidential"),
            text: r.text("text"),
            file_sha256: None,
            note: r.text("note"),
        }),
        K::Quote => Entity::Quote(Quote {
            id: QuoteId(id),
            source: SourceId(r.required_id("source")),
            text: r.required("text"),
            locator: r.text("locator"),
            speaker: r.text("speaker"),
        }),
        K::Commitment => {
            let as_written = r.text("timing_as_written");
            let milestone = r.id("deadline_milestone").map(MilestoneId);
            let offset_text = r.text("deadline_offset_days");
            let offset_days = match offset_text.as_deref().map(str::parse::<i32>) {
                None => 0,
                Some(Ok(n)) if (-36_500..=36_500).contains(&n) => n,
                Some(_) => {
                    r.errors.push(FieldError::new(
                        "deadline_offset_days",
                        "must be a whole number of days between -36500 and 36500",
                    ));
                    0
                }
            };
            let kind = r.named("timing_kind", TimingKind::parse, TimingKind::NoneStated);
            let timing = match kind {
                TimingKind::ByDeadline => {
                    let date = r.date("deadline");
                    let deadline = match (date, milestone) {
                        (Some(date), None) => Some(DateRef::Fixed {
                            date,
                            resolved_from: None,
                        }),
                        (None, Some(milestone)) => Some(DateRef::Milestone {
                            milestone,
                            offset_days,
                        }),
                        (Some(_), Some(_)) => {
                            r.errors.push(FieldError::new(
                                "deadline",
                                "give a date or a milestone, not both",
                            ));
                            None
                        }
                        (None, None) => {
                            if !r.errors.0.iter().any(|e| e.field == "deadline") {
                                r.errors.push(FieldError::new("deadline", "a deadline (a date or a milestone) is needed for 'by_deadline'"));
                            }
                            None
                        }
                    };
                    deadline.map(|deadline| Timing::ByDeadline {
                        deadline,
                        as_written: as_written.clone(),
                    })
                }
                TimingKind::DuringPeriod => {
                    let from = match (r.date("period_from"), milestone) {
                        (Some(date), _) => Some(DateRef::Fixed {
                            date,
                            resolved_from: None,
                        }),
                        (None, Some(milestone)) => Some(DateRef::Milestone {
                            milestone,
                            offset_days,
                        }),
                        (None, None) => {
                            r.errors.push(FieldError::new("period_from", "a start (a date, or a milestone above) is needed for 'during_period'"));
                            None
                        }
                    };
                    let until = match r.date("period_until") {
                        Some(date) => Some(DateRef::Fixed {
                            date,
                            resolved_from: None,
                        }),
                        None => {
                            if !r.errors.0.iter().any(|e| e.field == "period_until") {
                                r.errors.push(FieldError::new(
                                    "period_until",
                                    "an end is needed for 'during_period'",
                                ));
                            }
                            None
                        }
                    };
                    match (from, until) {
                        (Some(from), Some(until)) => Some(Timing::DuringPeriod {
                            from,
                            until,
                            as_written: as_written.clone(),
                        }),
                        _ => None,
                    }
                }
                TimingKind::RefrainFrom => Some(Timing::RefrainFrom {
                    as_written: as_written.clone(),
                }),
                TimingKind::NoneStated => Some(Timing::NoneStated),
            };
            Entity::Commitment(Commitment {
                id: CommitmentId(id),
                statement: r.required("statement"),
                bound: ActorId(r.required_id("bound")),
                made_by: r.id("made_by").map(ActorId),
                occasion: r.id("occasion").map(OccasionId),
                made_on: r.required_date("made_on"),
                origin: r.named("origin", Origin::parse, Origin::Pledge),
                themes: r.lines("themes"),
                quote: r.id("quote").map(QuoteId),
                timing: timing.unwrap_or(Timing::NoneStated),
                condition: r.text("condition"),
                external_id: r.text("external_id"),
            })
        }
        K::Milestone => Entity::Milestone(Milestone {
            id: MilestoneId(id),
            title: r.required("title"),
            date: r.required_date("date"),
            description: r.text("description"),
        }),
        K::Development => {
            let mut effects = Vec::new();
            let mut keys: Vec<&String> =
                values.keys().filter(|k| k.starts_with("effect:")).collect();
            keys.sort();
            for key in keys {
                let direction = r.raw(key).unwrap_or_default().to_owned();
                if direction.is_empty() {
                    continue;
                }
                let target = parse_target(&key["effect:".len()..]);
                match (target, Direction::parse(&direction)) {
                    (Some(target), Ok(direction)) => effects.push(Effect { target, direction }),
                    _ => r.errors.push(FieldError::new(
                        "effects",
                        format!("'{direction}' for {key} is not a direction"),
                    )),
                }
            }
            let sources = r.ids("sources");
            if sources.is_empty() && !r.errors.0.iter().any(|e| e.field == "sources") {
                r.errors
                    .push(FieldError::new("sources", "choose at least one source"));
            }
            Entity::Development(Development {
                id: DevelopmentId(id),
                date: r.required_date("date"),
                title: r.required("title"),
                summary: r.required("summary"),
                baseline: r.checked("baseline"),
                note: r.text("note"),
                sources: sources.into_iter().map(SourceId).collect(),
                quotes: r.ids("quotes").into_iter().map(QuoteId).collect(),
                effects,
            })
        }
        K::Assessment => {
            let scale = r.named("scale", ScaleId::parse, ScaleId::Default);
            let as_of = match r.text("as_of") {
                Some(t) => parse_day(&t).unwrap_or_else(|e| {
                    r.errors.push(e.at("as_of"));
                    chrono::NaiveDate::MIN
                }),
                None => {
                    r.errors.push(FieldError::new("as_of", "is required"));
                    chrono::NaiveDate::MIN
                }
            };
            Entity::Assessment(Assessment {
                id: AssessmentId(id),
                commitment: CommitmentId(r.required_id("commitment")),
                as_of,
                scale: ScaleVersion {
                    scale,
                    version: scale.scale().version,
                },
                status: r.required("status"),
                rationale: r.required("rationale"),
                developments: r
                    .ids("developments")
                    .into_iter()
                    .map(DevelopmentId)
                    .collect(),
                // Filled in by the handler from the signed-in user.
                rated_by: String::new(),
                reviewed_by: None,
            })
        }
        K::Recommendation => {
            let mut answers = Vec::new();
            for v in values.get("answers").cloned().unwrap_or_default() {
                match parse_target(&v) {
                    Some(t) => answers.push(t),
                    None => r.errors.push(FieldError::new(
                        "answers",
                        format!("'{v}' is not a choice of this list"),
                    )),
                }
            }
            Entity::Recommendation(Recommendation {
                id: RecommendationId(id),
                action: r.required("action"),
                responsible: r.id("responsible").map(ActorId),
                proposed_by: r.id("proposed_by").map(ActorId),
                priority: r.named("priority", Priority::parse, Priority::Medium),
                answers,
                source: r.id("source").map(SourceId),
                response: r.optional_named("response", Response::parse),
                occasion: r.id("occasion").map(OccasionId),
                themes: r.lines("themes"),
                external_id: r.text("external_id"),
            })
        }
        K::Concern => Entity::Concern(Concern {
            id: ConcernId(id),
            title: r.required("title"),
            description: r.required("description"),
            themes: r.lines("themes"),
        }),
        K::Dossier => {
            let slug_text = r.required("slug");
            let slug = match Slug::parse(&slug_text) {
                Ok(s) => Some(s),
                Err(e) => {
                    if !slug_text.is_empty() {
                        r.errors.push(e.at("slug"));
                    }
                    None
                }
            };
            let title = r.required("title");
            let summary = r.text("summary");
            let scale = r.named("scale", ScaleId::parse, ScaleId::Default);
            let commitments = r.ids("commitments").into_iter().map(CommitmentId).collect();
            let concerns = r.ids("concerns").into_iter().map(ConcernId).collect();
            let milestones = r.ids("milestones").into_iter().map(MilestoneId).collect();
            let recipient_lists = r
                .ids("recipient_lists")
                .into_iter()
                .map(RecipientListId)
                .collect();
            let signatories = r.ids("signatories").into_iter().map(SignatoryId).collect();
            let Some(slug) = slug else {
                return Err(r.errors);
            };
            Entity::Dossier(Dossier {
                id: DossierId(id),
                slug,
                title,
                summary,
                scale,
                commitments,
                concerns,
                milestones,
                recipient_lists,
                signatories,
            })
        }
        K::RecipientList => {
            let mut recipients = Vec::new();
            for (i, line) in r.lines("recipients").iter().enumerate() {
                let cols: Vec<&str> = line.split('|').map(str::trim).collect();
                let col = |n: usize| {
                    cols.get(n)
                        .filter(|s| !s.is_empty())
                        .map(|s| (*s).to_owned())
                };
                match (col(1), col(3)) {
                    (Some(title), Some(salutation)) => recipients.push(Recipient {
                        state: col(0),
                        title,
                        name: col(2),
                        salutation,
                    }),
                    _ => r.errors.push(FieldError::new(
                        "recipients",
                        format!("line {}: expected State | Title | Name | Salutation, with a title and a salutation", i + 1),
                    )),
                }
            }
            Entity::RecipientList(RecipientList {
                id: RecipientListId(id),
                name: r.required("name"),
                recipients,
            })
        }
        K::Signatory => Entity::Signatory(Signatory {
            id: SignatoryId(id),
            name: r.required("name"),
            title: r.required("title"),
            division: r.text("division"),
            organisation: r.text("organisation"),
        }),
        K::Candidate => {
            r.errors.push(FieldError::new(
                "kind",
                "drafted commitments are reviewed in the review queue",
            ));
            return Err(r.errors);
        }
        K::User => {
            r.errors.push(FieldError::new(
                "kind",
                "accounts are managed on the accounts page",
            ));
            return Err(r.errors);
        }
    };
    r.errors.into_result()?;
    Ok(entity)
}

/// The form field an entity-level error belongs to ("timing.deadline" ->
/// "deadline", "roles[2].title" -> "roles").
pub fn form_field_of(kind: EntityKind, error_field: &str) -> String {
    let base = error_field.split(['[', '.']).next().unwrap_or(error_field);
    match (kind, error_field) {
        (EntityKind::Commitment, f) if f.starts_with("timing.until") => "period_until".into(),
        (EntityKind::Commitment, f) if f.starts_with("timing.as_written") => {
            "timing_as_written".into()
        }
        (EntityKind::Commitment, f) if f.starts_with("timing") => "deadline".into(),
        (EntityKind::Occasion, "ends") => "ends".into(),
        _ => base.to_owned(),
    }
}
