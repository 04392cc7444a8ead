//! A dossier as one JSON document ("pledgewatch-demo/1"): actors, occasions,
//! sources, commitments, developments, assessments and the rest, referring to
//! each other by short keys. The demo is one such document; `pledgewatch load`
//! reads any other.
//!
//! Keys become stable ids (derived from the dossier's slug and the key), so
//! loading the same document twice finds the same entities.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;
use uuid::Uuid;

use crate::date::{PreciseDate, parse_day};
use crate::error::{FieldError, InvalidValue, ValidationErrors};
use crate::field::StatusKey;
use crate::ids::*;
use crate::model::*;
use crate::scale::{ScaleId, ScaleVersion};

pub const FORMAT: &str = "pledgewatch-demo/1";

/// The seed case: Kazakhstan's Madrid pledges and what followed.
pub const DEMO: &str = include_str!("demo/kazakhstan-osce-2010.json");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    pub format: String,
    pub dossier: RawDossier,
    #[serde(default)]
    pub actors: Vec<RawActor>,
    #[serde(default)]
    pub occasions: Vec<RawOccasion>,
    #[serde(default)]
    pub milestones: Vec<RawMilestone>,
    #[serde(default)]
    pub sources: Vec<RawSource>,
    #[serde(default)]
    pub concerns: Vec<RawConcern>,
    #[serde(default)]
    pub commitments: Vec<RawCommitment>,
    #[serde(default)]
    pub developments: Vec<RawDevelopment>,
    #[serde(default)]
    pub assessments: Vec<RawAssessment>,
    #[serde(default)]
    pub recommendations: Vec<RawRecommendation>,
    pub recipient_list: Option<RawRecipientList>,
    #[serde(default)]
    pub signatories: Vec<RawSignatory>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDossier {
    pub slug: String,
    pub title: String,
    pub summary: Option<String>,
    pub scale: Option<String>,
    pub summary_as_of: Option<String>,
    #[serde(default)]
    pub earlier_summaries: Vec<RawDatedText>,
    pub stakes: Option<String>,
    pub publisher: Option<Publisher>,
}

/// A dated text's earlier version: `{"as_of": "2008-05-28", "text": "..."}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDatedText {
    pub as_of: String,
    pub text: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawActor {
    pub key: String,
    pub kind: String,
    pub name: String,
    pub short_name: Option<String>,
    pub country_code: Option<String>,
    #[serde(default)]
    pub roles: Vec<RawRole>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRole {
    pub title: String,
    pub of: Option<String>,
    pub from: Option<String>,
    pub until: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOccasion {
    pub key: String,
    pub title: String,
    pub kind: String,
    pub place: Option<String>,
    pub starts: String,
    pub ends: Option<String>,
    pub organiser: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMilestone {
    pub key: String,
    pub title: String,
    pub date: String,
    pub description: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub key: String,
    pub title: String,
    pub publisher: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
    #[serde(default)]
    pub confidential: bool,
    pub text: Option<String>,
    pub note: Option<String>,
    pub known_from: Option<String>,
    #[serde(default)]
    pub own_document: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConcern {
    pub key: String,
    pub title: String,
    pub description: String,
    #[serde(default)]
    pub themes: Vec<String>,
    pub description_as_of: Option<String>,
    #[serde(default)]
    pub earlier_descriptions: Vec<RawDatedText>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuote {
    pub source: String,
    pub text: String,
    pub locator: Option<String>,
    pub speaker: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDateRef {
    pub date: Option<String>,
    pub milestone: Option<String>,
    pub offset_days: Option<i32>,
    pub as_written: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTiming {
    pub kind: String,
    pub deadline: Option<RawDateRef>,
    pub from: Option<RawDateRef>,
    pub until: Option<RawDateRef>,
    pub as_written: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCommitment {
    pub key: String,
    pub statement: String,
    pub bound: String,
    pub made_by: Option<String>,
    pub occasion: Option<String>,
    pub made_on: String,
    pub origin: String,
    #[serde(default)]
    pub themes: Vec<String>,
    pub quote: Option<RawQuote>,
    pub timing: RawTiming,
    pub condition: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEffect {
    pub commitment: Option<String>,
    pub concern: Option<String>,
    pub direction: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDevelopment {
    pub key: String,
    pub date: String,
    pub title: String,
    pub summary: String,
    #[serde(default)]
    pub baseline: bool,
    pub note: Option<String>,
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub quotes: Vec<RawQuote>,
    #[serde(default)]
    pub effects: Vec<RawEffect>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAssessment {
    pub commitment: String,
    pub as_of: String,
    pub status: String,
    pub rationale: String,
    #[serde(default)]
    pub developments: Vec<String>,
    pub rated_by: String,
    pub reviewed_by: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTarget {
    pub commitment: Option<String>,
    pub concern: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRecommendation {
    pub key: String,
    pub action: String,
    pub responsible: Option<String>,
    pub proposed_by: Option<String>,
    pub priority: String,
    #[serde(default)]
    pub answers: Vec<RawTarget>,
    pub source: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRecipientList {
    pub key: String,
    pub name: String,
    pub recipients: Vec<RawRecipient>,
    /// Names of the dataset's signatories who sign this list's letters.
    #[serde(default)]
    pub signatories: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRecipient {
    pub state: Option<String>,
    pub title: String,
    pub name: Option<String>,
    pub salutation: String,
    #[serde(default)]
    pub address: Vec<String>,
    /// Names of the dataset's signatories who sign this recipient's letter.
    #[serde(default)]
    pub signatories: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSignatory {
    pub name: String,
    pub title: String,
    pub division: Option<String>,
    pub organisation: Option<String>,
}

/// The entities of a dataset, in an order in which each refers only to
/// entities before it.
#[derive(Debug)]
pub struct Converted {
    pub slug: Slug,
    pub entities: Vec<Entity>,
}

/// Parses the JSON text of a dataset.
pub fn parse(text: &str) -> Result<Dataset, FieldError> {
    let dataset: Dataset = serde_json::from_str(text).map_err(|e| {
        FieldError::new(
            format!("line {} column {}", e.line(), e.column()),
            format!("not a valid dataset: {e}"),
        )
    })?;
    if dataset.format != FORMAT {
        return Err(FieldError::new(
            "format",
            format!(
                "'{}' is not a known format (expected '{FORMAT}')",
                dataset.format
            ),
        ));
    }
    Ok(dataset)
}

/// Resolves keys to ids for one kind.
struct Keys {
    namespace: String,
    known: HashMap<(&'static str, String), Uuid>,
}

impl Keys {
    fn define(
        &mut self,
        kind: &'static str,
        key: &str,
        field: &str,
        errors: &mut ValidationErrors,
    ) -> Uuid {
        let id = Uuid::from(CommitmentId::derived(
            &format!("{}:{kind}", self.namespace),
            key,
        ));
        if self.known.insert((kind, key.to_owned()), id).is_some() {
            errors.push(FieldError::new(
                field,
                format!("the {kind} key '{key}' is used twice"),
            ));
        }
        id
    }

    fn get(
        &self,
        kind: &'static str,
        key: &str,
        field: &str,
        errors: &mut ValidationErrors,
    ) -> Uuid {
        match self.known.get(&(kind, key.to_owned())) {
            Some(id) => *id,
            None => {
                errors.push(FieldError::new(
                    field,
                    format!("refers to the {kind} '{key}', which the dataset does not define"),
                ));
                Uuid::nil()
            }
        }
    }
}

fn date(value: &str, field: &str, errors: &mut ValidationErrors) -> PreciseDate {
    match PreciseDate::parse(value) {
        Ok(d) => d,
        Err(e) => {
            errors.push(e.at(field));
            PreciseDate::day(chrono::NaiveDate::MIN)
        }
    }
}

fn opt_date(
    value: &Option<String>,
    field: &str,
    errors: &mut ValidationErrors,
) -> Option<PreciseDate> {
    value.as_deref().map(|v| date(v, field, errors))
}

fn named<T: Copy>(
    parse: fn(&str) -> Result<T, InvalidValue>,
    value: &str,
    field: &str,
    fallback: T,
    errors: &mut ValidationErrors,
) -> T {
    parse(value).unwrap_or_else(|e| {
        errors.push(e.at(field));
        fallback
    })
}

/// Turns a parsed dataset into entities, checking every key and value.
pub fn convert(d: &Dataset) -> Result<Converted, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let slug = match Slug::parse(&d.dossier.slug) {
        Ok(s) => s,
        Err(err) => {
            errors.push(err.at("dossier.slug"));
            return Err(errors);
        }
    };
    let mut c = Converter {
        keys: Keys {
            namespace: format!("pledgewatch:dataset:{}", slug.as_str()),
            known: HashMap::new(),
        },
        errors,
        refused: ValidationErrors::default(),
        quotes: Vec::new(),
        quote_ids: HashSet::new(),
        signatory_names: d.signatories.iter().map(|s| s.name.clone()).collect(),
    };
    let scale = match &d.dossier.scale {
        Some(s) => c.named(ScaleId::parse, s, "dossier.scale", ScaleId::Default),
        None => ScaleId::Default,
    };
    // Define every key first, so that references can point forwards.
    let ids = c.define_keys(d);
    let mut out = c.actors(&d.actors, &ids.actors);
    // Actors may refer to each other (a person's role in a state): order them
    // so that every actor comes after those its roles refer to.
    sort_actors(&mut out);
    out.extend(c.occasions(&d.occasions, &ids.occasions));
    out.extend(c.milestones(&d.milestones, &ids.milestones));
    out.extend(c.sources(&d.sources, &ids.sources));
    out.extend(c.concerns(&d.concerns, &ids.concerns));
    let commitments = c.commitments(&d.commitments, &ids.commitments);
    let developments = c.developments(&d.developments, &ids.developments);
    out.extend(std::mem::take(&mut c.quotes).into_iter().map(Entity::Quote));
    out.extend(commitments);
    out.extend(developments);
    out.extend(c.assessments(&d.assessments, scale));
    out.extend(c.recommendations(&d.recommendations, &ids.recommendations));
    let recipient_list = d
        .recipient_list
        .as_ref()
        .and_then(|list| c.recipient_list(list));
    let signatories: Vec<Signatory> = d
        .signatories
        .iter()
        .filter_map(|s| c.signatory(s))
        .collect();
    let id = DossierId::derived(&c.keys.namespace, "dossier");
    let title = c.parsed(
        (EntityKind::Dossier, &id.to_string()),
        "title",
        &d.dossier.title,
    );
    let summary_as_of = c.opt_day(&d.dossier.summary_as_of, "dossier.summary_as_of");
    let earlier_summaries =
        c.dated_texts(&d.dossier.earlier_summaries, "dossier.earlier_summaries");
    let dossier = title.map(|title| Dossier {
        id,
        slug: slug.clone(),
        title,
        summary: d.dossier.summary.clone(),
        summary_as_of,
        earlier_summaries,
        stakes: d.dossier.stakes.clone(),
        publisher: d.dossier.publisher.clone(),
        scale,
        commitments: ids.commitments.into_iter().map(CommitmentId).collect(),
        concerns: ids.concerns.into_iter().map(ConcernId).collect(),
        milestones: ids.milestones.into_iter().map(MilestoneId).collect(),
        recipient_lists: recipient_list.iter().map(|l| l.id).collect(),
        signatories: signatories.iter().map(|s| s.id).collect(),
    });
    // A recipient list names the signatories who sign its letters: they come first.
    out.extend(signatories.into_iter().map(Entity::Signatory));
    out.extend(recipient_list.map(Entity::RecipientList));
    out.extend(dossier.map(Entity::Dossier));
    c.check_entities(&out);
    c.errors.into_result()?;
    Ok(Converted {
        slug,
        entities: out,
    })
}

/// The ids defined by a dataset's keys, one list per kind, in the order of
/// the dataset's own lists.
struct KeyIds {
    actors: Vec<Uuid>,
    occasions: Vec<Uuid>,
    milestones: Vec<Uuid>,
    sources: Vec<Uuid>,
    concerns: Vec<Uuid>,
    commitments: Vec<Uuid>,
    developments: Vec<Uuid>,
    recommendations: Vec<Uuid>,
}

/// One conversion under way: the keys, the errors found so far and the
/// quotes met in commitments and developments.
struct Converter {
    keys: Keys,
    errors: ValidationErrors,
    /// Fields that did not parse into their types, named as the record's
    /// own rules name them; reported with those rules' findings.
    refused: ValidationErrors,
    /// Quotes are identified by their source and text, so that the same
    /// words quoted twice are one quote; kept in the order first met.
    quotes: Vec<Quote>,
    quote_ids: HashSet<QuoteId>,
    /// The names of the dataset's signatories, by which lists refer to them.
    signatory_names: HashSet<String>,
}

impl Converter {
    /// Defines the keys of one list, reporting a key used twice.
    fn define<T>(
        &mut self,
        kind: &'static str,
        list: &str,
        items: &[T],
        key: fn(&T) -> &str,
    ) -> Vec<Uuid> {
        items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let field = format!("{list}[{i}].key");
                self.keys.define(kind, key(item), &field, &mut self.errors)
            })
            .collect()
    }

    fn define_keys(&mut self, d: &Dataset) -> KeyIds {
        KeyIds {
            actors: self.define("actor", "actors", &d.actors, |a| &a.key),
            occasions: self.define("occasion", "occasions", &d.occasions, |o| &o.key),
            milestones: self.define("milestone", "milestones", &d.milestones, |m| &m.key),
            sources: self.define("source", "sources", &d.sources, |s| &s.key),
            concerns: self.define("concern", "concerns", &d.concerns, |c| &c.key),
            commitments: self.define("commitment", "commitments", &d.commitments, |c| &c.key),
            developments: self.define("development", "developments", &d.developments, |d| &d.key),
            recommendations: self.define(
                "recommendation",
                "recommendations",
                &d.recommendations,
                |r| &r.key,
            ),
        }
    }

    /// The id a key of `kind` stands for (the nil id, with an error, when
    /// the dataset does not define it).
    fn get(&mut self, kind: &'static str, key: &str, field: &str) -> Uuid {
        self.keys.get(kind, key, field, &mut self.errors)
    }

    fn opt_ref(&mut self, kind: &'static str, key: &Option<String>, field: &str) -> Option<Uuid> {
        key.as_deref().map(|k| self.get(kind, k, field))
    }

    fn date(&mut self, value: &str, field: &str) -> PreciseDate {
        date(value, field, &mut self.errors)
    }

    fn opt_date(&mut self, value: &Option<String>, field: &str) -> Option<PreciseDate> {
        opt_date(value, field, &mut self.errors)
    }

    fn opt_day(&mut self, value: &Option<String>, field: &str) -> Option<chrono::NaiveDate> {
        let value = value.as_deref()?;
        parse_day(value)
            .map_err(|err| self.errors.push(err.at(field.to_owned())))
            .ok()
    }

    fn dated_texts(&mut self, texts: &[RawDatedText], field: &str) -> Vec<DatedText> {
        let mut out = Vec::new();
        for (i, t) in texts.iter().enumerate() {
            if let Some(as_of) =
                self.opt_day(&Some(t.as_of.clone()), &format!("{field}[{i}].as_of"))
            {
                out.push(DatedText {
                    as_of,
                    text: t.text.clone(),
                });
            }
        }
        out.sort_by_key(|t| t.as_of);
        out
    }

    /// The ids of the signatories named (signatories are known by name).
    fn signatory_ids(&mut self, names: &[String], field: &str) -> Vec<SignatoryId> {
        names
            .iter()
            .enumerate()
            .filter_map(|(i, name)| {
                if self.signatory_names.contains(name) {
                    Some(SignatoryId::derived(
                        &self.keys.namespace,
                        &format!("signatory:{name}"),
                    ))
                } else {
                    self.errors.push(FieldError::new(
                        format!("{field}[{i}]"),
                        format!("'{name}' is not one of the dataset's signatories"),
                    ));
                    None
                }
            })
            .collect()
    }

    fn named<T: Copy>(
        &mut self,
        parse: fn(&str) -> Result<T, InvalidValue>,
        value: &str,
        field: &str,
        fallback: T,
    ) -> T {
        named(parse, value, field, fallback, &mut self.errors)
    }

    fn actors(&mut self, actors: &[RawActor], ids: &[Uuid]) -> Vec<Entity> {
        let mut out = Vec::new();
        for (i, (a, id)) in actors.iter().zip(ids).enumerate() {
            let f = |name: &str| format!("actors[{i}] ({}).{name}", a.key);
            let record = (EntityKind::Actor, a.name.as_str());
            let roles: Vec<Option<ActorRole>> = a
                .roles
                .iter()
                .enumerate()
                .map(|(j, r)| {
                    let of = self
                        .opt_ref("actor", &r.of, &f(&format!("roles[{j}].of")))
                        .map(ActorId);
                    let from = self.opt_date(&r.from, &f(&format!("roles[{j}].from")));
                    let until = self.opt_date(&r.until, &f(&format!("roles[{j}].until")));
                    let title = self.parsed(record, &format!("roles[{j}].title"), &r.title);
                    Some(ActorRole {
                        title: title?,
                        of,
                        from,
                        until,
                    })
                })
                .collect();
            let kind = self.named(ActorKind::parse, &a.kind, &f("kind"), ActorKind::State);
            let name = self.parsed(record, "name", &a.name);
            let country_code = self.parsed_opt(record, "country_code", &a.country_code);
            let roles: Option<Vec<ActorRole>> = roles.into_iter().collect();
            let (Some(name), Some(country_code), Some(roles)) = (name, country_code, roles) else {
                continue;
            };
            out.push(Entity::Actor(Actor {
                id: ActorId(*id),
                kind,
                name,
                short_name: a.short_name.clone(),
                country_code,
                roles,
            }));
        }
        out
    }

    fn occasions(&mut self, occasions: &[RawOccasion], ids: &[Uuid]) -> Vec<Entity> {
        let mut out = Vec::new();
        for (i, (o, id)) in occasions.iter().zip(ids).enumerate() {
            let f = |name: &str| format!("occasions[{i}] ({}).{name}", o.key);
            let kind = self.named(
                OccasionKind::parse,
                &o.kind,
                &f("kind"),
                OccasionKind::Other,
            );
            let starts = self.date(&o.starts, &f("starts"));
            let ends = self.opt_date(&o.ends, &f("ends"));
            let organiser = self
                .opt_ref("actor", &o.organiser, &f("organiser"))
                .map(ActorId);
            let record = (EntityKind::Occasion, id.to_string());
            let Some(title) = self.parsed((record.0, &record.1), "title", &o.title) else {
                continue;
            };
            out.push(Entity::Occasion(Occasion {
                id: OccasionId(*id),
                title,
                kind,
                place: o.place.clone(),
                starts,
                ends,
                organiser,
            }));
        }
        out
    }

    fn milestones(&mut self, milestones: &[RawMilestone], ids: &[Uuid]) -> Vec<Entity> {
        let mut out = Vec::new();
        for (i, (m, id)) in milestones.iter().zip(ids).enumerate() {
            let date = self.date(&m.date, &format!("milestones[{i}] ({}).date", m.key));
            let record = (EntityKind::Milestone, id.to_string());
            let Some(title) = self.parsed((record.0, &record.1), "title", &m.title) else {
                continue;
            };
            out.push(Entity::Milestone(Milestone {
                id: MilestoneId(*id),
                title,
                date,
                description: m.description.clone(),
            }));
        }
        out
    }

    fn sources(&mut self, sources: &[RawSource], ids: &[Uuid]) -> Vec<Entity> {
        let mut out = Vec::new();
        for (i, (s, id)) in sources.iter().zip(ids).enumerate() {
            let field = format!("sources[{i}] ({}).published", s.key);
            let published = self.opt_date(&s.published, &field);
            let field = format!("sources[{i}] ({}).known_from", s.key);
            let known_from = self.opt_date(&s.known_from, &field);
            let Some(url) = self.parsed_opt((EntityKind::Source, &s.title), "url", &s.url) else {
                continue;
            };
            out.push(Entity::Source(Source {
                id: SourceId(*id),
                title: s.title.clone(),
                publisher: s.publisher.clone(),
                author: s.author.clone(),
                published,
                url,
                language: s.language.clone(),
                confidential: s.confidential,
                text: s.text.clone(),
                file_sha256: None,
                note: s.note.clone(),
                known_from,
                own_document: s.own_document,
            }));
        }
        out
    }

    /// The id of a quoted passage, collecting the quote the first time its
    /// words are met.
    fn quote(&mut self, q: &RawQuote, field: &str) -> QuoteId {
        let source = SourceId(self.get("source", &q.source, &format!("{field}.source")));
        let id = QuoteId::derived(
            &self.keys.namespace,
            &format!("quote:{}:{}", q.source, q.text),
        );
        let record = (EntityKind::Quote, id.to_string());
        if self.quote_ids.insert(id)
            && let Some(text) = self.parsed((record.0, &record.1), "text", &q.text)
        {
            self.quotes.push(Quote {
                id,
                source,
                text,
                locator: q.locator.clone(),
                speaker: q.speaker.clone(),
            });
        }
        id
    }

    fn commitments(&mut self, commitments: &[RawCommitment], ids: &[Uuid]) -> Vec<Entity> {
        let mut out = Vec::new();
        for (i, (c, id)) in commitments.iter().zip(ids).enumerate() {
            let f = |name: &str| format!("commitments[{i}] ({}).{name}", c.key);
            let timing = self.timing(&c.timing, &f);
            let quote = c.quote.as_ref().map(|q| self.quote(q, &f("quote")));
            let bound = ActorId(self.get("actor", &c.bound, &f("bound")));
            let made_by = self
                .opt_ref("actor", &c.made_by, &f("made_by"))
                .map(ActorId);
            let occasion = self
                .opt_ref("occasion", &c.occasion, &f("occasion"))
                .map(OccasionId);
            let made_on = self.date(&c.made_on, &f("made_on"));
            let origin = self.named(Origin::parse, &c.origin, &f("origin"), Origin::Pledge);
            let record = (EntityKind::Commitment, c.statement.as_str());
            let Some(statement) = self.parsed(record, "statement", &c.statement) else {
                continue;
            };
            out.push(Entity::Commitment(Commitment {
                id: CommitmentId(*id),
                statement,
                bound,
                made_by,
                occasion,
                made_on,
                origin,
                themes: c.themes.clone(),
                quote,
                timing,
                condition: c.condition.clone(),
                external_id: None,
            }));
        }
        out
    }

    /// A commitment's timing; `f` names a field of that commitment.
    fn timing(&mut self, t: &RawTiming, f: &dyn Fn(&str) -> String) -> Timing {
        let written = |r: &Option<RawDateRef>| {
            r.as_ref()
                .and_then(|r| r.as_written.clone())
                .or_else(|| t.as_written.clone())
        };
        let kind = self.named(
            TimingKind::parse,
            &t.kind,
            &f("timing.kind"),
            TimingKind::NoneStated,
        );
        match kind {
            TimingKind::ByDeadline => Timing::ByDeadline {
                deadline: self.date_ref(&t.deadline, &f("timing.deadline")),
                as_written: written(&t.deadline),
            },
            TimingKind::DuringPeriod => Timing::DuringPeriod {
                from: self.date_ref(&t.from, &f("timing.from")),
                until: self.date_ref(&t.until, &f("timing.until")),
                as_written: t.as_written.clone(),
            },
            TimingKind::RefrainFrom => Timing::RefrainFrom {
                as_written: t.as_written.clone(),
            },
            TimingKind::NoneStated => Timing::NoneStated,
        }
    }

    /// A fixed date or a milestone with an offset; a wrong or missing one is
    /// an error (and a placeholder date, never stored).
    fn date_ref(&mut self, r: &Option<RawDateRef>, field: &str) -> DateRef {
        let reason = match r {
            Some(RawDateRef {
                date: Some(dt),
                milestone: None,
                offset_days: None,
                ..
            }) => {
                return DateRef::Fixed {
                    date: self.date(dt, &format!("{field}.date")),
                    resolved_from: None,
                };
            }
            Some(RawDateRef {
                date: None,
                milestone: Some(m),
                offset_days,
                ..
            }) => {
                return DateRef::Milestone {
                    milestone: MilestoneId(self.get("milestone", m, &format!("{field}.milestone"))),
                    offset_days: offset_days.unwrap_or(0),
                };
            }
            Some(_) => "give either a date, or a milestone with an optional offset_days",
            None => "is required for this timing kind",
        };
        self.errors.push(FieldError::new(field, reason));
        DateRef::Fixed {
            date: PreciseDate::day(chrono::NaiveDate::MIN),
            resolved_from: None,
        }
    }

    /// What an effect or an answer is about: exactly one of a commitment or
    /// a concern.
    fn target(
        &mut self,
        commitment: &Option<String>,
        concern: &Option<String>,
        field: &str,
    ) -> Option<Target> {
        match (commitment, concern) {
            (Some(k), None) => Some(Target::Commitment(CommitmentId(self.get(
                "commitment",
                k,
                field,
            )))),
            (None, Some(k)) => Some(Target::Concern(ConcernId(self.get("concern", k, field)))),
            _ => {
                self.errors.push(FieldError::new(
                    field,
                    "name exactly one of commitment or concern",
                ));
                None
            }
        }
    }

    fn developments(&mut self, developments: &[RawDevelopment], ids: &[Uuid]) -> Vec<Entity> {
        let mut out = Vec::new();
        for (i, (dv, id)) in developments.iter().zip(ids).enumerate() {
            let f = |name: &str| format!("developments[{i}] ({}).{name}", dv.key);
            let quotes = dv
                .quotes
                .iter()
                .enumerate()
                .map(|(j, q)| self.quote(q, &f(&format!("quotes[{j}]"))))
                .collect();
            let effects = self.effects(&dv.effects, &f);
            let date = self.date(&dv.date, &f("date"));
            let sources = dv
                .sources
                .iter()
                .enumerate()
                .map(|(j, s)| SourceId(self.get("source", s, &f(&format!("sources[{j}]")))))
                .collect();
            let record = (EntityKind::Development, dv.title.as_str());
            let title = self.parsed(record, "title", &dv.title);
            let summary = self.parsed(record, "summary", &dv.summary);
            let (Some(title), Some(summary)) = (title, summary) else {
                continue;
            };
            out.push(Entity::Development(Development {
                id: DevelopmentId(*id),
                date,
                title,
                summary,
                baseline: dv.baseline,
                note: dv.note.clone(),
                sources,
                quotes,
                effects,
            }));
        }
        out
    }

    /// A development's effects; `f` names a field of that development.
    fn effects(&mut self, effects: &[RawEffect], f: &dyn Fn(&str) -> String) -> Vec<Effect> {
        effects
            .iter()
            .enumerate()
            .filter_map(|(j, x)| {
                let field = f(&format!("effects[{j}]"));
                let direction = self.named(
                    Direction::parse,
                    &x.direction,
                    &format!("{field}.direction"),
                    Direction::NoChange,
                );
                self.target(&x.commitment, &x.concern, &field)
                    .map(|target| Effect { target, direction })
            })
            .collect()
    }

    fn assessments(&mut self, assessments: &[RawAssessment], scale: ScaleId) -> Vec<Entity> {
        let mut out = Vec::new();
        for (i, a) in assessments.iter().enumerate() {
            let f = |name: &str| format!("assessments[{i}] ({} {}).{name}", a.commitment, a.as_of);
            let as_of = parse_day(&a.as_of).unwrap_or_else(|err| {
                self.errors.push(err.at(f("as_of")));
                chrono::NaiveDate::MIN
            });
            let scale_def = scale.scale();
            if let Err(err) = scale_def.status(&a.status) {
                self.errors.push(err.at(f("status")));
            }
            let id = AssessmentId::derived(
                &self.keys.namespace,
                &format!("assessment:{}:{}", a.commitment, a.as_of),
            );
            let commitment = CommitmentId(self.get("commitment", &a.commitment, &f("commitment")));
            let developments = a
                .developments
                .iter()
                .enumerate()
                .map(|(j, k)| {
                    let field = f(&format!("developments[{j}]"));
                    DevelopmentId(self.get("development", k, &field))
                })
                .collect();
            let record = (EntityKind::Assessment, id.to_string());
            let Some(rationale) = self.parsed((record.0, &record.1), "rationale", &a.rationale)
            else {
                continue;
            };
            out.push(Entity::Assessment(Assessment {
                id,
                commitment,
                as_of,
                scale: ScaleVersion {
                    scale,
                    version: scale_def.version,
                },
                status: StatusKey::new(a.status.as_str()),
                rationale,
                developments,
                rated_by: a.rated_by.clone(),
                reviewed_by: a.reviewed_by.clone(),
            }));
        }
        out
    }

    fn recommendations(
        &mut self,
        recommendations: &[RawRecommendation],
        ids: &[Uuid],
    ) -> Vec<Entity> {
        let mut out = Vec::new();
        for (i, (r, id)) in recommendations.iter().zip(ids).enumerate() {
            let f = |name: &str| format!("recommendations[{i}] ({}).{name}", r.key);
            let responsible = self
                .opt_ref("actor", &r.responsible, &f("responsible"))
                .map(ActorId);
            let proposed_by = self
                .opt_ref("actor", &r.proposed_by, &f("proposed_by"))
                .map(ActorId);
            let priority = self.named(
                Priority::parse,
                &r.priority,
                &f("priority"),
                Priority::Medium,
            );
            let answers = r
                .answers
                .iter()
                .enumerate()
                .filter_map(|(j, t)| {
                    self.target(&t.commitment, &t.concern, &f(&format!("answers[{j}]")))
                })
                .collect();
            let source = self
                .opt_ref("source", &r.source, &f("source"))
                .map(SourceId);
            let record = (EntityKind::Recommendation, id.to_string());
            let Some(action) = self.parsed((record.0, &record.1), "action", &r.action) else {
                continue;
            };
            out.push(Entity::Recommendation(Recommendation {
                id: RecommendationId(*id),
                action,
                responsible,
                proposed_by,
                priority,
                answers,
                source,
                response: None,
                themes: Vec::new(),
                occasion: None,
                external_id: None,
            }));
        }
        out
    }

    fn concerns(&mut self, concerns: &[RawConcern], ids: &[Uuid]) -> Vec<Entity> {
        let mut out = Vec::new();
        for (i, (c, id)) in concerns.iter().zip(ids).enumerate() {
            let record = (EntityKind::Concern, id.to_string());
            let f = |name: &str| format!("concerns[{i}] ({}).{name}", c.key);
            let description_as_of = self.opt_day(&c.description_as_of, &f("description_as_of"));
            let earlier_descriptions =
                self.dated_texts(&c.earlier_descriptions, &f("earlier_descriptions"));
            let title = self.parsed((record.0, &record.1), "title", &c.title);
            let description = self.parsed((record.0, &record.1), "description", &c.description);
            let (Some(title), Some(description)) = (title, description) else {
                continue;
            };
            out.push(Entity::Concern(Concern {
                id: ConcernId(*id),
                title,
                description,
                themes: c.themes.clone(),
                description_as_of,
                earlier_descriptions,
            }));
        }
        out
    }

    fn recipient_list(&mut self, list: &RawRecipientList) -> Option<RecipientList> {
        let id = RecipientListId::derived(
            &self.keys.namespace,
            &format!("recipient_list:{}", list.key),
        );
        let label = id.to_string();
        let record = (EntityKind::RecipientList, label.as_str());
        let name = self.parsed(record, "name", &list.name);
        let recipients: Vec<Option<Recipient>> = list
            .recipients
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let title = self.parsed(record, &format!("recipients[{i}].title"), &r.title);
                let salutation = self.parsed(
                    record,
                    &format!("recipients[{i}].salutation"),
                    &r.salutation,
                );
                let signatories =
                    self.signatory_ids(&r.signatories, &format!("recipients[{i}].signatories"));
                Some(Recipient {
                    state: r.state.clone(),
                    title: title?,
                    name: r.name.clone(),
                    salutation: salutation?,
                    address: r.address.clone(),
                    signatories,
                })
            })
            .collect();
        let signatories = self.signatory_ids(&list.signatories, "recipient_list.signatories");
        Some(RecipientList {
            id,
            name: name?,
            recipients: recipients.into_iter().collect::<Option<_>>()?,
            signatories,
        })
    }

    fn signatory(&mut self, s: &RawSignatory) -> Option<Signatory> {
        let id = SignatoryId::derived(&self.keys.namespace, &format!("signatory:{}", s.name));
        let record = (EntityKind::Signatory, id.to_string());
        let name = self.parsed((record.0, &record.1), "name", &s.name);
        let title = self.parsed((record.0, &record.1), "title", &s.title);
        Some(Signatory {
            id,
            name: name?,
            title: title?,
            division: s.division.clone(),
            organisation: s.organisation.clone(),
        })
    }

    /// A field parsed into its type; when it does not parse, the error is
    /// named like the record's rules name theirs (kind, label, field) and
    /// `None` leaves the record out.
    fn parsed<T: TryFrom<String, Error = InvalidValue>>(
        &mut self,
        (kind, label): (EntityKind, &str),
        field: &str,
        value: &str,
    ) -> Option<T> {
        T::try_from(value.to_owned())
            .map_err(|e| {
                self.refused
                    .push(e.at(format!("{kind} {}.{field}", label_of_text(label))))
            })
            .ok()
    }

    /// An optional field parsed into its type: `Some(None)` when absent,
    /// `None` when it does not parse (see `parsed`).
    fn parsed_opt<T: TryFrom<String, Error = InvalidValue>>(
        &mut self,
        record: (EntityKind, &str),
        field: &str,
        value: &Option<String>,
    ) -> Option<Option<T>> {
        match value {
            Some(v) => self.parsed(record, field, v).map(Some),
            None => Some(None),
        }
    }

    /// Entity-level rules (empty text, deadlines before the pledge) with the
    /// dataset's own field names, after the fields that did not parse.
    fn check_entities(&mut self, entities: &[Entity]) {
        let refused = std::mem::take(&mut self.refused);
        self.errors.0.extend(refused.0);
        for entity in entities {
            if let Err(found) = crate::validate::validate(entity) {
                for err in found.0 {
                    self.errors.push(FieldError::new(
                        format!("{} {}.{}", entity.kind(), label(entity), err.field),
                        err.reason,
                    ));
                }
            }
        }
    }
}

/// A readable handle for an entity in error messages.
fn label(entity: &Entity) -> String {
    let text = match entity {
        Entity::Actor(a) => a.name.to_string(),
        Entity::Commitment(c) => c.statement.to_string(),
        Entity::Development(d) => d.title.to_string(),
        Entity::Source(s) => s.title.to_string(),
        _ => entity.id().to_string(),
    };
    label_of_text(&text)
}

/// How each change of a load is named in its errors, as the loader names
/// records elsewhere (`commitment 'Amend the media law'`); an assessment
/// by its date and the commitment it rates, which the dataset's reader
/// knows it by.
fn names_in_dataset(changes: &[crate::storage::Change]) -> Vec<String> {
    use crate::storage::Change;
    let statements: HashMap<Uuid, String> = changes
        .iter()
        .filter_map(|c| match c {
            Change::Create(Entity::Commitment(k))
            | Change::Update {
                entity: Entity::Commitment(k),
                ..
            } => Some((k.id.uuid(), k.statement.to_string())),
            _ => None,
        })
        .collect();
    changes
        .iter()
        .map(|c| match c {
            Change::Create(Entity::Assessment(a))
            | Change::Update {
                entity: Entity::Assessment(a),
                ..
            } => {
                let rated = statements
                    .get(&a.commitment.uuid())
                    .map_or_else(|| a.commitment.to_string(), |s| label_of_text(s));
                format!("assessment of {} as of {}", rated, a.as_of)
            }
            Change::Create(e) | Change::Update { entity: e, .. } => {
                format!("{} {}", e.kind(), label(e))
            }
            Change::Delete { kind, id, .. }
            | Change::Publish { kind, id }
            | Change::Unpublish { kind, id }
            | Change::SendBack { kind, id } => format!("{kind} {id}"),
        })
        .collect()
}

/// A load's invalid-input error with each field named after its record
/// (`names`) instead of the change's position in the batch
/// (`changes[239] (assessment).as_of`), which means nothing to whoever
/// wrote the dataset.
fn name_changes(error: crate::error::Error, names: &[String]) -> crate::error::Error {
    use crate::error::{Error, FieldError, ValidationErrors};
    let Error::Invalid(errors) = error else {
        return error;
    };
    let renamed = errors
        .0
        .into_iter()
        .map(|e| {
            let field = match e.field.strip_prefix("changes[").and_then(|rest| {
                let (index, rest) = rest.split_once(']')?;
                let (_, field) = rest.split_once(").")?;
                Some((names.get(index.parse::<usize>().ok()?)?, field))
            }) {
                Some((name, field)) => format!("{name}.{field}"),
                None if names.len() == 1 => format!("{}.{}", names[0], e.field),
                None => e.field,
            };
            FieldError::new(field, e.reason)
        })
        .collect();
    Error::Invalid(ValidationErrors(renamed))
}

/// The handle `label` gives a record of this text.
fn label_of_text(text: &str) -> String {
    format!("'{}'", text.chars().take(40).collect::<String>())
}

/// Orders actors so that each comes after the actors its roles refer to.
fn sort_actors(entities: &mut [Entity]) {
    let refs_of = |e: &Entity| -> usize {
        match e {
            Entity::Actor(a) => a.roles.iter().filter(|r| r.of.is_some()).count(),
            _ => 0,
        }
    };
    entities.sort_by_key(refs_of);
}

/// What loading a dataset did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadReport {
    pub slug: String,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub published: usize,
}

/// Loads a dataset in one transaction: creates what is new, updates what
/// changed, leaves alone what is identical, and with `publish` publishes
/// whatever is not yet public. Loading the same text twice changes nothing.
pub async fn load(
    services: &crate::service::Services<'_>,
    text: &str,
    context: &crate::storage::ChangeContext,
    publish: bool,
) -> Result<LoadReport, crate::error::Error> {
    use crate::error::Error;
    use crate::service::upsert::{self, Comparison};
    use crate::storage::Change;
    let store = services.store();
    let parsed = parse(text)?;
    let converted = convert(&parsed)?;
    let ids: Vec<Uuid> = converted.entities.iter().map(Entity::id).collect();
    let already_public = store.published(&ids).await?;
    let refs: Vec<&Entity> = converted.entities.iter().collect();
    let comparisons = upsert::compare(store, &refs, &|_| {}).await?;
    let mut changes = Vec::new();
    let (mut created, mut updated, mut unchanged) = (0, 0, 0);
    let mut to_publish = Vec::new();
    for (entity, comparison) in converted.entities.into_iter().zip(comparisons) {
        let (kind, id) = (entity.kind(), entity.id());
        match comparison {
            Comparison::Removed => {
                return Err(Error::refused(format!(
                    "{kind} {id} was removed from this database; the dataset cannot bring it back"
                )));
            }
            Comparison::New => created += 1,
            Comparison::Changed { .. } => updated += 1,
            Comparison::Same => unchanged += 1,
        }
        // A changed record is published again, so that the public sees
        // the version loaded.
        let changed = matches!(comparison, Comparison::Changed { .. });
        changes.extend(comparison.into_change(entity));
        if publish && (changed || !already_public.contains_key(&id)) {
            to_publish.push(Change::Publish { kind, id });
        }
    }
    let published = to_publish.len();
    changes.extend(to_publish);
    if !changes.is_empty() {
        let names = names_in_dataset(&changes);
        services
            .apply(context, changes)
            .await
            .map_err(|e| name_changes(e, &names))?;
    }
    Ok(LoadReport {
        slug: converted.slug.to_string(),
        created,
        updated,
        unchanged,
        published,
    })
}
