//! A dossier as one JSON document ("pledgewatch-demo/1"): actors, occasions,
//! sources, commitments, developments, assessments and the rest, referring to
//! each other by short keys. The demo is one such document; `pledgewatch load`
//! reads any other.
//!
//! Keys become stable ids (derived from the dossier's slug and the key), so
//! loading the same document twice finds the same entities.

use std::collections::HashMap;

use serde::Deserialize;
use uuid::Uuid;

use crate::date::{PreciseDate, parse_day};
use crate::error::{FieldError, InvalidValue, ValidationErrors};
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
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConcern {
    pub key: String,
    pub title: String,
    pub description: String,
    #[serde(default)]
    pub themes: Vec<String>,
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
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRecipient {
    pub state: Option<String>,
    pub title: String,
    pub name: Option<String>,
    pub salutation: String,
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
    let e = &mut errors;
    let slug = match Slug::parse(&d.dossier.slug) {
        Ok(s) => s,
        Err(err) => {
            e.push(err.at("dossier.slug"));
            return Err(errors);
        }
    };
    let mut keys = Keys {
        namespace: format!("pledgewatch:dataset:{}", slug.as_str()),
        known: HashMap::new(),
    };
    let scale = match &d.dossier.scale {
        Some(s) => named(ScaleId::parse, s, "dossier.scale", ScaleId::Default, e),
        None => ScaleId::Default,
    };
    let mut out = Vec::new();

    // Define every key first, so that references can point forwards.
    let ids_of = |keys: &mut Keys,
                  e: &mut ValidationErrors,
                  kind: &'static str,
                  list: Vec<(&str, String)>|
     -> Vec<Uuid> {
        list.into_iter()
            .map(|(k, f)| keys.define(kind, k, &f, e))
            .collect()
    };
    let actor_ids = ids_of(
        &mut keys,
        e,
        "actor",
        d.actors
            .iter()
            .enumerate()
            .map(|(i, a)| (a.key.as_str(), format!("actors[{i}].key")))
            .collect(),
    );
    let occasion_ids = ids_of(
        &mut keys,
        e,
        "occasion",
        d.occasions
            .iter()
            .enumerate()
            .map(|(i, a)| (a.key.as_str(), format!("occasions[{i}].key")))
            .collect(),
    );
    let milestone_ids = ids_of(
        &mut keys,
        e,
        "milestone",
        d.milestones
            .iter()
            .enumerate()
            .map(|(i, a)| (a.key.as_str(), format!("milestones[{i}].key")))
            .collect(),
    );
    let source_ids = ids_of(
        &mut keys,
        e,
        "source",
        d.sources
            .iter()
            .enumerate()
            .map(|(i, a)| (a.key.as_str(), format!("sources[{i}].key")))
            .collect(),
    );
    let concern_ids = ids_of(
        &mut keys,
        e,
        "concern",
        d.concerns
            .iter()
            .enumerate()
            .map(|(i, a)| (a.key.as_str(), format!("concerns[{i}].key")))
            .collect(),
    );
    let commitment_ids = ids_of(
        &mut keys,
        e,
        "commitment",
        d.commitments
            .iter()
            .enumerate()
            .map(|(i, a)| (a.key.as_str(), format!("commitments[{i}].key")))
            .collect(),
    );
    let development_ids = ids_of(
        &mut keys,
        e,
        "development",
        d.developments
            .iter()
            .enumerate()
            .map(|(i, a)| (a.key.as_str(), format!("developments[{i}].key")))
            .collect(),
    );
    let recommendation_ids = ids_of(
        &mut keys,
        e,
        "recommendation",
        d.recommendations
            .iter()
            .enumerate()
            .map(|(i, a)| (a.key.as_str(), format!("recommendations[{i}].key")))
            .collect(),
    );

    let opt_ref =
        |keys: &Keys,
         e: &mut ValidationErrors,
         kind: &'static str,
         key: &Option<String>,
         field: &str| key.as_deref().map(|k| keys.get(kind, k, field, e));

    for (i, (a, id)) in d.actors.iter().zip(&actor_ids).enumerate() {
        let f = |name: &str| format!("actors[{i}] ({}).{name}", a.key);
        let roles = a
            .roles
            .iter()
            .enumerate()
            .map(|(j, r)| ActorRole {
                title: r.title.clone(),
                of: opt_ref(&keys, e, "actor", &r.of, &f(&format!("roles[{j}].of"))).map(ActorId),
                from: opt_date(&r.from, &f(&format!("roles[{j}].from")), e),
                until: opt_date(&r.until, &f(&format!("roles[{j}].until")), e),
            })
            .collect();
        out.push(Entity::Actor(Actor {
            id: ActorId(*id),
            kind: named(ActorKind::parse, &a.kind, &f("kind"), ActorKind::State, e),
            name: a.name.clone(),
            short_name: a.short_name.clone(),
            country_code: a.country_code.clone(),
            roles,
        }));
    }
    // Actors may refer to each other (a person's role in a state): order them
    // so that every actor comes after those its roles refer to.
    sort_actors(&mut out);
    for (i, (o, id)) in d.occasions.iter().zip(&occasion_ids).enumerate() {
        let f = |name: &str| format!("occasions[{i}] ({}).{name}", o.key);
        out.push(Entity::Occasion(Occasion {
            id: OccasionId(*id),
            title: o.title.clone(),
            kind: named(
                OccasionKind::parse,
                &o.kind,
                &f("kind"),
                OccasionKind::Other,
                e,
            ),
            place: o.place.clone(),
            starts: date(&o.starts, &f("starts"), e),
            ends: opt_date(&o.ends, &f("ends"), e),
            organiser: opt_ref(&keys, e, "actor", &o.organiser, &f("organiser")).map(ActorId),
        }));
    }
    for (i, (m, id)) in d.milestones.iter().zip(&milestone_ids).enumerate() {
        out.push(Entity::Milestone(Milestone {
            id: MilestoneId(*id),
            title: m.title.clone(),
            date: date(&m.date, &format!("milestones[{i}] ({}).date", m.key), e),
            description: m.description.clone(),
        }));
    }
    for (i, (s, id)) in d.sources.iter().zip(&source_ids).enumerate() {
        out.push(Entity::Source(Source {
            id: SourceId(*id),
            title: s.title.clone(),
            publisher: s.publisher.clone(),
            author: s.author.clone(),
            published: opt_date(
                &s.published,
                &format!("sources[{i}] ({}).published", s.key),
                e,
            ),
            url: s.url.clone(),
            language: s.language.clone(),
            confidential: s.confidential,
            text: s.text.clone(),
            file_sha256: None,
            note: s.note.clone(),
        }));
    }
    for (c, id) in d.concerns.iter().zip(&concern_ids) {
        out.push(Entity::Concern(Concern {
            id: ConcernId(*id),
            title: c.title.clone(),
            description: c.description.clone(),
            themes: c.themes.clone(),
        }));
    }
    // Quotes are identified by their source and text, so that the same words
    // quoted twice are one quote.
    let mut quotes: HashMap<Uuid, Quote> = HashMap::new();
    let mut quote_order: Vec<Uuid> = Vec::new();
    let mut quote = |keys: &Keys, e: &mut ValidationErrors, q: &RawQuote, field: &str| -> QuoteId {
        let source = SourceId(keys.get("source", &q.source, &format!("{field}.source"), e));
        let id = QuoteId::derived(&keys.namespace, &format!("quote:{}:{}", q.source, q.text));
        if let std::collections::hash_map::Entry::Vacant(slot) = quotes.entry(id.0) {
            quote_order.push(id.0);
            slot.insert(Quote {
                id,
                source,
                text: q.text.clone(),
                locator: q.locator.clone(),
                speaker: q.speaker.clone(),
            });
        }
        id
    };
    let mut commitments = Vec::new();
    for (i, (c, id)) in d.commitments.iter().zip(&commitment_ids).enumerate() {
        let f = |name: &str| format!("commitments[{i}] ({}).{name}", c.key);
        let date_ref = |keys: &Keys,
                        e: &mut ValidationErrors,
                        r: &Option<RawDateRef>,
                        name: &str|
         -> DateRef {
            let field = f(name);
            match r {
                Some(RawDateRef {
                    date: Some(dt),
                    milestone: None,
                    offset_days: None,
                    ..
                }) => DateRef::Fixed {
                    date: date(dt, &format!("{field}.date"), e),
                    resolved_from: None,
                },
                Some(RawDateRef {
                    date: None,
                    milestone: Some(m),
                    offset_days,
                    ..
                }) => DateRef::Milestone {
                    milestone: MilestoneId(keys.get(
                        "milestone",
                        m,
                        &format!("{field}.milestone"),
                        e,
                    )),
                    offset_days: offset_days.unwrap_or(0),
                },
                Some(_) => {
                    e.push(FieldError::new(
                        field,
                        "give either a date, or a milestone with an optional offset_days",
                    ));
                    DateRef::Fixed {
                        date: PreciseDate::day(chrono::NaiveDate::MIN),
                        resolved_from: None,
                    }
                }
                None => {
                    e.push(FieldError::new(field, "is required for this timing kind"));
                    DateRef::Fixed {
                        date: PreciseDate::day(chrono::NaiveDate::MIN),
                        resolved_from: None,
                    }
                }
            }
        };
        let t = &c.timing;
        let written = |r: &Option<RawDateRef>| {
            r.as_ref()
                .and_then(|r| r.as_written.clone())
                .or_else(|| t.as_written.clone())
        };
        let timing = match named(
            TimingKind::parse,
            &t.kind,
            &f("timing.kind"),
            TimingKind::NoneStated,
            e,
        ) {
            TimingKind::ByDeadline => Timing::ByDeadline {
                deadline: date_ref(&keys, e, &t.deadline, "timing.deadline"),
                as_written: written(&t.deadline),
            },
            TimingKind::DuringPeriod => Timing::DuringPeriod {
                from: date_ref(&keys, e, &t.from, "timing.from"),
                until: date_ref(&keys, e, &t.until, "timing.until"),
                as_written: t.as_written.clone(),
            },
            TimingKind::RefrainFrom => Timing::RefrainFrom {
                as_written: t.as_written.clone(),
            },
            TimingKind::NoneStated => Timing::NoneStated,
        };
        let quote_id = c.quote.as_ref().map(|q| quote(&keys, e, q, &f("quote")));
        commitments.push(Entity::Commitment(Commitment {
            id: CommitmentId(*id),
            statement: c.statement.clone(),
            bound: ActorId(keys.get("actor", &c.bound, &f("bound"), e)),
            made_by: opt_ref(&keys, e, "actor", &c.made_by, &f("made_by")).map(ActorId),
            occasion: opt_ref(&keys, e, "occasion", &c.occasion, &f("occasion")).map(OccasionId),
            made_on: date(&c.made_on, &f("made_on"), e),
            origin: named(Origin::parse, &c.origin, &f("origin"), Origin::Pledge, e),
            themes: c.themes.clone(),
            quote: quote_id,
            timing,
            condition: c.condition.clone(),
            external_id: None,
        }));
    }
    let target = |keys: &Keys,
                  e: &mut ValidationErrors,
                  commitment: &Option<String>,
                  concern: &Option<String>,
                  field: &str| match (commitment, concern) {
        (Some(k), None) => Some(Target::Commitment(CommitmentId(keys.get(
            "commitment",
            k,
            field,
            e,
        )))),
        (None, Some(k)) => Some(Target::Concern(ConcernId(keys.get("concern", k, field, e)))),
        _ => {
            e.push(FieldError::new(
                field,
                "name exactly one of commitment or concern",
            ));
            None
        }
    };
    let mut developments = Vec::new();
    for (i, (dv, id)) in d.developments.iter().zip(&development_ids).enumerate() {
        let f = |name: &str| format!("developments[{i}] ({}).{name}", dv.key);
        let quote_ids = dv
            .quotes
            .iter()
            .enumerate()
            .map(|(j, q)| quote(&keys, e, q, &f(&format!("quotes[{j}]"))))
            .collect();
        let effects = dv
            .effects
            .iter()
            .enumerate()
            .filter_map(|(j, x)| {
                let field = f(&format!("effects[{j}]"));
                let direction = named(
                    Direction::parse,
                    &x.direction,
                    &format!("{field}.direction"),
                    Direction::NoChange,
                    e,
                );
                target(&keys, e, &x.commitment, &x.concern, &field)
                    .map(|target| Effect { target, direction })
            })
            .collect();
        developments.push(Entity::Development(Development {
            id: DevelopmentId(*id),
            date: date(&dv.date, &f("date"), e),
            title: dv.title.clone(),
            summary: dv.summary.clone(),
            baseline: dv.baseline,
            note: dv.note.clone(),
            sources: dv
                .sources
                .iter()
                .enumerate()
                .map(|(j, s)| SourceId(keys.get("source", s, &f(&format!("sources[{j}]")), e)))
                .collect(),
            quotes: quote_ids,
            effects,
        }));
    }
    out.extend(
        quote_order
            .iter()
            .filter_map(|id| quotes.remove(id))
            .map(Entity::Quote),
    );
    out.extend(commitments);
    out.extend(developments);
    for (i, a) in d.assessments.iter().enumerate() {
        let f = |name: &str| format!("assessments[{i}] ({} {}).{name}", a.commitment, a.as_of);
        let as_of = parse_day(&a.as_of).unwrap_or_else(|err| {
            e.push(err.at(f("as_of")));
            chrono::NaiveDate::MIN
        });
        let scale_def = scale.scale();
        if let Err(err) = scale_def.status(&a.status) {
            e.push(err.at(f("status")));
        }
        out.push(Entity::Assessment(Assessment {
            id: AssessmentId::derived(
                &keys.namespace,
                &format!("assessment:{}:{}", a.commitment, a.as_of),
            ),
            commitment: CommitmentId(keys.get("commitment", &a.commitment, &f("commitment"), e)),
            as_of,
            scale: ScaleVersion {
                scale,
                version: scale_def.version,
            },
            status: a.status.clone(),
            rationale: a.rationale.clone(),
            developments: a
                .developments
                .iter()
                .enumerate()
                .map(|(j, k)| {
                    DevelopmentId(keys.get("development", k, &f(&format!("developments[{j}]")), e))
                })
                .collect(),
            rated_by: a.rated_by.clone(),
            reviewed_by: a.reviewed_by.clone(),
        }));
    }
    for (i, (r, id)) in d
        .recommendations
        .iter()
        .zip(&recommendation_ids)
        .enumerate()
    {
        let f = |name: &str| format!("recommendations[{i}] ({}).{name}", r.key);
        out.push(Entity::Recommendation(Recommendation {
            id: RecommendationId(*id),
            action: r.action.clone(),
            responsible: opt_ref(&keys, e, "actor", &r.responsible, &f("responsible")).map(ActorId),
            proposed_by: opt_ref(&keys, e, "actor", &r.proposed_by, &f("proposed_by")).map(ActorId),
            priority: named(
                Priority::parse,
                &r.priority,
                &f("priority"),
                Priority::Medium,
                e,
            ),
            answers: r
                .answers
                .iter()
                .enumerate()
                .filter_map(|(j, t)| {
                    target(
                        &keys,
                        e,
                        &t.commitment,
                        &t.concern,
                        &f(&format!("answers[{j}]")),
                    )
                })
                .collect(),
            source: opt_ref(&keys, e, "source", &r.source, &f("source")).map(SourceId),
            response: None,
            themes: Vec::new(),
            occasion: None,
            external_id: None,
        }));
    }
    let mut recipient_lists = Vec::new();
    if let Some(list) = &d.recipient_list {
        let id = RecipientListId::derived(&keys.namespace, &format!("recipient_list:{}", list.key));
        recipient_lists.push(id);
        out.push(Entity::RecipientList(RecipientList {
            id,
            name: list.name.clone(),
            recipients: list
                .recipients
                .iter()
                .map(|r| Recipient {
                    state: r.state.clone(),
                    title: r.title.clone(),
                    name: r.name.clone(),
                    salutation: r.salutation.clone(),
                })
                .collect(),
        }));
    }
    let mut signatories = Vec::new();
    for s in &d.signatories {
        let id = SignatoryId::derived(&keys.namespace, &format!("signatory:{}", s.name));
        signatories.push(id);
        out.push(Entity::Signatory(Signatory {
            id,
            name: s.name.clone(),
            title: s.title.clone(),
            division: s.division.clone(),
            organisation: s.organisation.clone(),
        }));
    }
    out.push(Entity::Dossier(Dossier {
        id: DossierId::derived(&keys.namespace, "dossier"),
        slug: slug.clone(),
        title: d.dossier.title.clone(),
        summary: d.dossier.summary.clone(),
        scale,
        commitments: commitment_ids.into_iter().map(CommitmentId).collect(),
        concerns: concern_ids.into_iter().map(ConcernId).collect(),
        milestones: milestone_ids.into_iter().map(MilestoneId).collect(),
        recipient_lists,
        signatories,
    }));
    // Entity-level rules (empty text, deadlines before the pledge) with the
    // dataset's own field names.
    for entity in &out {
        if let Err(found) = crate::validate::validate(entity) {
            for err in found.0 {
                e.push(FieldError::new(
                    format!("{} {}.{}", entity.kind(), label(entity), err.field),
                    err.reason,
                ));
            }
        }
    }
    errors.into_result()?;
    Ok(Converted {
        slug,
        entities: out,
    })
}

/// A readable handle for an entity in error messages.
fn label(entity: &Entity) -> String {
    let text = match entity {
        Entity::Actor(a) => a.name.clone(),
        Entity::Commitment(c) => c.statement.clone(),
        Entity::Development(d) => d.title.clone(),
        Entity::Source(s) => s.title.clone(),
        _ => entity.id().to_string(),
    };
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
                return Err(Error::Refused(format!(
                    "{kind} {id} was removed from this database; the dataset cannot bring it back"
                )));
            }
            Comparison::New => created += 1,
            Comparison::Changed { .. } => updated += 1,
            Comparison::Same => unchanged += 1,
        }
        changes.extend(comparison.into_change(entity));
        if publish && !already_public.contains_key(&id) {
            to_publish.push(Change::Publish { kind, id });
        }
    }
    let published = to_publish.len();
    changes.extend(to_publish);
    if !changes.is_empty() {
        services.apply(context, changes).await?;
    }
    Ok(LoadReport {
        slug: converted.slug.to_string(),
        created,
        updated,
        unchanged,
        published,
    })
}
