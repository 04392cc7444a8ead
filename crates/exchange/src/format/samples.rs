//! One entity of every kind with every field filled, for the format tests;
//! and the same with a spreadsheet formula at the start of every text field.

use chrono::NaiveDate;
use pledgewatch_core::date::PreciseDate;
use pledgewatch_core::ids::*;
use pledgewatch_core::model::*;
use pledgewatch_core::scale::{ScaleId, ScaleVersion};
use uuid::Uuid;

fn id(n: u128) -> Uuid {
    Uuid::from_u128(0x0190_a0b0_0000_7000_8000_0000_0000_0000 + n)
}

fn date(text: &str) -> PreciseDate {
    PreciseDate::parse(text).unwrap()
}

/// Text for a single-line field and for a multi-line one.
struct Texts {
    line: fn(&str, usize) -> String,
    multi: fn(&str, usize) -> String,
}

const FORMULAS: [&str; 4] = [
    "=cmd|' /C calc'!A0",
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
];

const PLAIN: Texts = Texts {
    line: |text, _| text.to_owned(),
    multi: |text, _| format!("{text}\nsecond line, \"quoted\", with a comma"),
};

const HOSTILE: Texts = Texts {
    line: |text, n| format!("{} {text}", FORMULAS[n % FORMULAS.len()]),
    multi: |text, n| match n % 3 {
        0 => format!("\t=cmd|' /C calc'!A0 {text}"),
        1 => format!("\r=cmd|' /C calc'!A0\r\n{text}"),
        _ => format!("'=already quoted {text}"),
    },
};

pub fn samples() -> Vec<Entity> {
    build(&PLAIN)
}

pub fn hostile() -> Vec<Entity> {
    build(&HOSTILE)
}

/// The ids the samples refer to each other by.
#[derive(Clone, Copy)]
struct Ids {
    state: ActorId,
    minister: ActorId,
    occasion: OccasionId,
    source: SourceId,
    quote: QuoteId,
    milestone: MilestoneId,
    commitment: CommitmentId,
    concern: ConcernId,
    development: DevelopmentId,
    list: RecipientListId,
    signatory: SignatoryId,
}

fn build(t: &Texts) -> Vec<Entity> {
    // The minister's id sorts before the state's, which the minister's role
    // refers to: export order must still put the state first.
    let ids = Ids {
        state: ActorId(id(2)),
        minister: ActorId(id(1)),
        occasion: OccasionId(id(3)),
        source: SourceId(id(4)),
        quote: QuoteId(id(5)),
        milestone: MilestoneId(id(6)),
        commitment: CommitmentId(id(7)),
        concern: ConcernId(id(8)),
        development: DevelopmentId(id(9)),
        list: RecipientListId(id(12)),
        signatory: SignatoryId(id(13)),
    };
    let mut entities = Vec::new();
    entities.extend(actors_and_occasion(t, ids));
    entities.extend(sources_and_concern(t, ids));
    entities.extend(commitments(t, ids));
    entities.extend(follow_up(t, ids));
    entities.extend(letters_and_dossier(t, ids));
    entities
}

/// The minister, the State, and the occasion the State organised.
fn actors_and_occasion(t: &Texts, ids: Ids) -> Vec<Entity> {
    let l = t.line;
    let Ids {
        state,
        minister,
        occasion,
        ..
    } = ids;
    vec![
        Entity::Actor(Actor {
            id: minister,
            kind: ActorKind::Person,
            name: l("Marat Tazhin", 0).parse().unwrap(),
            short_name: Some(l("Tazhin", 1)),
            country_code: None,
            roles: vec![ActorRole {
                title: l("Minister of Foreign Affairs", 2).parse().unwrap(),
                of: Some(state),
                from: Some(date("2007-01")),
                until: Some(date("2009")),
            }],
        }),
        Entity::Actor(Actor {
            id: state,
            kind: ActorKind::State,
            name: l("Kazakhstan", 3).parse().unwrap(),
            short_name: None,
            country_code: Some("KZ".parse().unwrap()),
            roles: vec![],
        }),
        Entity::Occasion(Occasion {
            id: occasion,
            title: l("OSCE Ministerial Council", 0).parse().unwrap(),
            kind: OccasionKind::Conference,
            place: Some(l("Madrid", 1)),
            starts: date("2007-11-29"),
            ends: Some(date("2007-11-30")),
            organiser: Some(state),
        }),
    ]
}

/// The source, its quote, a milestone and a concern.
fn sources_and_concern(t: &Texts, ids: Ids) -> Vec<Entity> {
    let l = t.line;
    let m = t.multi;
    let Ids {
        source,
        quote,
        milestone,
        concern,
        ..
    } = ids;
    vec![
        Entity::Source(Source {
            id: source,
            title: l("Address by the Minister", 2),
            publisher: Some(l("OSCE", 3)),
            author: Some(l("Marat Tazhin", 0)),
            published: Some(date("2007-Q4")),
            url: Some("https://www.osce.org/mc/29544".parse().unwrap()),
            language: Some("en".into()),
            confidential: true,
            text: Some(m("Kazakhstan will amend its media law", 0)),
            file_sha256: Some(Sha256Hex::of(b"address")),
            note: Some(m("Checked against the delivered text", 1)),
            known_from: None,
            own_document: false,
        }),
        Entity::Quote(Quote {
            id: quote,
            source,
            text: m("we will amend the media law by the end of 2008", 2)
                .parse()
                .unwrap(),
            locator: Some(l("p. 2", 1)),
            speaker: Some(l("Marat Tazhin", 2)),
        }),
        Entity::Milestone(Milestone {
            id: milestone,
            title: l("Kazakhstan chairs the OSCE", 3).parse().unwrap(),
            date: date("2010-01-01"),
            description: Some(m("The chairmanship year", 0)),
        }),
        Entity::Concern(Concern {
            id: concern,
            title: l("Prosecution of journalists", 0).parse().unwrap(),
            description: m("Journalists face criminal libel charges", 1)
                .parse()
                .unwrap(),
            themes: vec![l("media freedom", 1), l("libel", 2)],
            description_as_of: None,
            earlier_descriptions: Vec::new(),
        }),
    ]
}

/// A pledge with a deadline and a commitment over a period after a milestone.
fn commitments(t: &Texts, ids: Ids) -> Vec<Entity> {
    let l = t.line;
    let m = t.multi;
    let Ids {
        state,
        minister,
        occasion,
        quote,
        milestone,
        commitment,
        ..
    } = ids;
    vec![
        Entity::Commitment(Commitment {
            id: commitment,
            statement: m("Amend the media law", 2).parse().unwrap(),
            bound: state,
            made_by: Some(minister),
            occasion: Some(occasion),
            made_on: date("2007-11-29"),
            origin: Origin::Pledge,
            themes: vec![l("media", 3)],
            quote: Some(quote),
            timing: Timing::ByDeadline {
                deadline: DateRef::Fixed {
                    date: date("2008"),
                    resolved_from: Some(l("by the end of 2008", 0)),
                },
                as_written: Some(l("by the end of 2008", 1)),
            },
            condition: Some(m("subject to parliament", 0)),
            external_id: Some(l("KZ-2007-1", 2)),
        }),
        Entity::Commitment(Commitment {
            id: CommitmentId(id(14)),
            statement: m("Preserve ODIHR's mandate", 1).parse().unwrap(),
            bound: state,
            made_by: None,
            occasion: None,
            made_on: date("2007-11"),
            origin: Origin::AcceptedRecommendation,
            themes: vec![],
            quote: None,
            timing: Timing::DuringPeriod {
                from: DateRef::Milestone {
                    milestone,
                    offset_days: 0,
                },
                until: DateRef::Milestone {
                    milestone,
                    offset_days: 365,
                },
                as_written: None,
            },
            condition: None,
            external_id: None,
        }),
    ]
}

/// What follows a commitment up: a development, an assessment, a recommendation.
fn follow_up(t: &Texts, ids: Ids) -> Vec<Entity> {
    let l = t.line;
    let m = t.multi;
    let Ids {
        state,
        minister,
        occasion,
        source,
        quote,
        commitment,
        concern,
        development,
        ..
    } = ids;
    vec![
        Entity::Development(Development {
            id: development,
            date: date("2008-06"),
            title: l("Media bill tabled", 3).parse().unwrap(),
            summary: m("A bill was tabled in the Mazhilis", 2).parse().unwrap(),
            baseline: false,
            note: Some(m("Draft only", 0)),
            sources: vec![source],
            quotes: vec![quote],
            effects: vec![
                Effect {
                    target: Target::Commitment(commitment),
                    direction: Direction::Advance,
                },
                Effect {
                    target: Target::Concern(concern),
                    direction: Direction::NoChange,
                },
            ],
        }),
        Entity::Assessment(Assessment {
            id: AssessmentId(id(10)),
            commitment,
            as_of: NaiveDate::from_ymd_opt(2008, 5, 31).unwrap(),
            scale: ScaleVersion {
                scale: ScaleId::Default,
                version: 1,
            },
            status: "in_progress".into(),
            rationale: m("A bill exists but has not passed", 1).parse().unwrap(),
            developments: vec![development],
            rated_by: l("Researcher", 0),
            reviewed_by: Some(l("Director", 1)),
        }),
        Entity::Recommendation(Recommendation {
            id: RecommendationId(id(11)),
            action: m("Decriminalise libel", 2).parse().unwrap(),
            responsible: Some(state),
            proposed_by: Some(minister),
            priority: Priority::High,
            answers: vec![Target::Commitment(commitment), Target::Concern(concern)],
            source: Some(source),
            response: Some(Response::Supported),
            themes: vec![l("libel", 2)],
            occasion: Some(occasion),
            external_id: Some(l("UPR-1-23", 3)),
        }),
    ]
}

/// A recipient list, a signatory, the dossier holding everything, and a candidate.
fn letters_and_dossier(t: &Texts, ids: Ids) -> Vec<Entity> {
    let l = t.line;
    let m = t.multi;
    let Ids {
        source,
        milestone,
        commitment,
        concern,
        list,
        signatory,
        ..
    } = ids;
    vec![
        Entity::RecipientList(RecipientList {
            id: list,
            name: l("OSCE foreign ministers", 0).parse().unwrap(),
            recipients: vec![Recipient {
                state: Some(l("Austria", 1)),
                title: l("Federal Minister", 2).parse().unwrap(),
                name: Some(l("Ursula Plassnik", 3)),
                salutation: l("Dear Minister", 0).parse().unwrap(),
                address: Vec::new(),
                signatories: Vec::new(),
            }],
            signatories: Vec::new(),
        }),
        Entity::Signatory(Signatory {
            id: signatory,
            name: l("Holly Cartner", 1).parse().unwrap(),
            title: l("Executive Director", 2).parse().unwrap(),
            division: Some(l("Europe and Central Asia", 3)),
            organisation: Some(l("Human Rights Watch", 0)),
        }),
        Entity::Dossier(Dossier {
            id: DossierId(id(15)),
            slug: Slug::parse("kazakhstan-2010").unwrap(),
            title: l("Kazakhstan and the 2010 OSCE chairmanship", 1)
                .parse()
                .unwrap(),
            summary: Some(m("Promises made in Madrid", 2)),
            scale: ScaleId::Default,
            commitments: vec![commitment, CommitmentId(id(14))],
            concerns: vec![concern],
            milestones: vec![milestone],
            recipient_lists: vec![list],
            signatories: vec![signatory],
            summary_as_of: None,
            earlier_summaries: Vec::new(),
            stakes: None,
            publisher: None,
        }),
        Entity::Candidate(Candidate {
            id: CandidateId(id(16)),
            source,
            quote_text: m("we will amend the media law", 0),
            quote_start: 3,
            quote_end: 30,
            actor: Some(l("Kazakhstan", 1)),
            speaker: Some(l("Tazhin", 2)),
            occasion: Some(l("Madrid", 3)),
            statement: m("Amend the media law", 1),
            origin: Origin::Pledge,
            recommended_by: Some(l("Austria", 0)),
            timing: TimingKind::ByDeadline,
            deadline: Some(date("2008")),
            deadline_as_written: Some(l("by the end of 2008", 1)),
            deadline_unresolved: None,
            condition: Some(m("if parliament agrees", 2)),
            made_on: Some(date("2007-11-29")),
            confidence: 80,
            rule: Some(l("will-by", 3)),
            status: CandidateStatus::Accepted,
            rejection_reason: None,
            commitment: Some(commitment),
        }),
    ]
}

#[test]
fn the_samples_are_valid_and_cover_every_exported_kind() {
    for entities in [samples(), hostile()] {
        for e in &entities {
            pledgewatch_core::validate::validate(e)
                .unwrap_or_else(|err| panic!("{} {}: {err:?}", e.kind(), e.id()));
        }
        for kind in super::KINDS {
            assert!(entities.iter().any(|e| e.kind() == kind), "{kind}");
        }
    }
}

#[test]
fn the_field_tables_list_every_field_in_the_models_order() {
    for e in samples() {
        let value = serde_json::to_value(&e).unwrap();
        let mut keys: Vec<&String> = value["data"].as_object().unwrap().keys().collect();
        keys.sort();
        let mut table: Vec<&str> = super::fields(e.kind()).iter().map(|(n, _)| *n).collect();
        table.sort_unstable();
        assert_eq!(table, keys, "{}", e.kind());
        // Written in the table's order (the model's declaration order).
        let written = serde_json::to_string(&e).unwrap();
        let mut at = written.find("\"data\":").unwrap();
        for (name, _) in super::fields(e.kind()) {
            let found = written[at..]
                .find(&format!("\"{name}\":"))
                .unwrap_or_else(|| panic!("{}: {name} out of order", e.kind()));
            at += found;
        }
    }
}
