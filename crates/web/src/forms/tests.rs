//! What the typed forms guarantee: a record shown in its form parses back to
//! the same record, a bad input is reported on its field and builds nothing,
//! every required input of a table is demanded, and each form struct keeps
//! every input of its table through decoding and encoding.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use pledgewatch_core::dataset;
use pledgewatch_core::model::*;

use super::values::FormValues;
use super::*;

/// The demo's records, with a quote (the demo has none).
fn demo() -> Vec<Entity> {
    let mut entities = dataset::convert(&dataset::parse(dataset::DEMO).unwrap())
        .unwrap()
        .entities;
    let source = entities
        .iter()
        .find_map(|e| Source::from_entity_ref(e).map(|s| s.id))
        .unwrap();
    entities.push(Entity::Quote(Quote {
        id: QuoteId::new(),
        source,
        text: "We will decriminalise libel.".parse().unwrap(),
        locator: Some("p. 3".into()),
        speaker: None,
    }));
    entities
}

fn actor_names(entities: &[Entity]) -> (Named, Named) {
    let named =
        || {
            Named::new(entities.iter().filter_map(|e| {
                Actor::from_entity_ref(e).map(|a| (a.id.uuid(), a.name.to_string()))
            }))
        };
    (named(), named())
}

/// What a form cannot carry: the stored file (the page keeps it), who rated
/// and reviewed (the handler sets them), a date's resolution note, the
/// earlier versions of a dated text (the save keeps and extends them), and
/// the order of a development's effects (one select per target, read in the
/// order of their names).
fn without_what_the_page_sets(entity: &Entity) -> Entity {
    let mut entity = entity.clone();
    match &mut entity {
        Entity::Source(s) => s.file_sha256 = None,
        Entity::Concern(c) => c.earlier_descriptions.clear(),
        Entity::Dossier(d) => d.earlier_summaries.clear(),
        Entity::Assessment(a) => {
            a.rated_by = String::new();
            a.reviewed_by = None;
        }
        Entity::Commitment(c) => {
            if let Timing::ByDeadline {
                deadline: DateRef::Fixed { resolved_from, .. },
                ..
            } = &mut c.timing
            {
                *resolved_from = None;
            }
        }
        Entity::Development(d) => d.effects.sort_by_key(|e| parse::target_value(&e.target)),
        _ => {}
    }
    entity
}

#[test]
fn every_demo_record_parses_back_from_its_form() {
    let entities = demo();
    let (names, by_name) = actor_names(&entities);
    let mut kinds = std::collections::BTreeSet::new();
    for entity in &entities {
        let values = values_of(entity, &names);
        let parsed = parse(entity.kind(), entity.id(), &values, &by_name)
            .unwrap_or_else(|e| panic!("{:?} {}: {e}", entity.kind(), entity.id()));
        assert_eq!(parsed, without_what_the_page_sets(entity));
        kinds.insert(entity.kind().as_str());
    }
    // Every kind with a form is covered.
    let with_form: std::collections::BTreeSet<&str> = EntityKind::ALL
        .iter()
        .filter(|k| !fields(**k).is_empty())
        .map(|k| k.as_str())
        .collect();
    assert_eq!(kinds, with_form);
}

/// An actor holding roles of two actors of one name, and of an actor the
/// form's list does not hold.
#[test]
fn a_name_two_actors_share_is_written_and_read_as_an_id() {
    let actor = |name: &str| Actor {
        id: pledgewatch_core::ids::ActorId::new(),
        kind: ActorKind::Person,
        name: name.parse().unwrap(),
        short_name: None,
        country_code: None,
        roles: vec![],
    };
    let (first, second, unlisted) = (actor("Ministry"), actor("Ministry"), actor("Far"));
    // Names a line would not read back as themselves.
    let piped = actor("Interior | Police");
    let id_like = actor(&first.id.to_string());
    let listed = actor("Listed; Unlisted");
    let role = |of: &Actor| ActorRole {
        title: "Adviser".parse().unwrap(),
        of: Some(of.id),
        from: None,
        until: None,
    };
    let mut holder = actor("Holder");
    let odd = [&piped, &id_like, &listed];
    holder.roles = [&first, &second, &unlisted]
        .into_iter()
        .chain(odd)
        .map(role)
        .collect();
    let named = Named::new(
        [&first, &second, &holder]
            .into_iter()
            .chain(odd)
            .map(|a| (a.id.uuid(), a.name.to_string())),
    );
    let entity = Entity::Actor(holder.clone());
    let values = values_of(&entity, &named);
    let roles = values["roles"].concat();
    for a in [&first, &second, &unlisted].into_iter().chain(odd) {
        assert!(roles.contains(&a.id.to_string()), "{roles}");
    }
    assert!(
        !roles.contains("Ministry") && !roles.contains("Police"),
        "{roles}"
    );
    assert_eq!(
        parse(EntityKind::Actor, holder.id.uuid(), &values, &named).unwrap(),
        entity
    );
    // The name alone is refused, naming both ids; a name one actor has is
    // taken.
    let mut by_name = values.clone();
    by_name.insert(
        "roles".into(),
        vec!["Adviser | | | Ministry\nAide | | | Holder".into()],
    );
    let errors = parse(EntityKind::Actor, holder.id.uuid(), &by_name, &named).unwrap_err();
    assert_eq!(errors.0.len(), 1, "{errors}");
    let reason = &errors.0[0].reason;
    assert!(
        reason.starts_with("line 1: several actors are named 'Ministry'"),
        "{reason}"
    );
    assert!(reason.contains(&first.id.to_string()) && reason.contains(&second.id.to_string()));
    assert_eq!(named.find("Holder"), Ok(holder.id.uuid()));
    assert_eq!(named.find("Nobody"), Err(NotOne::None));
}

#[test]
fn a_bad_date_is_reported_on_its_field_and_builds_nothing() {
    let entities = demo();
    let (names, by_name) = actor_names(&entities);
    let commitment = entities
        .iter()
        .find(|e| e.kind() == EntityKind::Commitment)
        .unwrap();
    let mut values = values_of(commitment, &names);
    values.insert("made_on".into(), vec!["2008-13".into()]);
    let errors = parse(EntityKind::Commitment, commitment.id(), &values, &by_name).unwrap_err();
    let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["made_on"]);
}

#[test]
fn a_choice_outside_the_list_is_reported_on_its_field() {
    let entities = demo();
    let (names, by_name) = actor_names(&entities);
    let development = entities
        .iter()
        .find(|e| e.kind() == EntityKind::Development)
        .unwrap();
    let mut values = values_of(development, &names);
    values.insert("quotes".into(), vec!["not-an-id".into()]);
    let errors = parse(EntityKind::Development, development.id(), &values, &by_name).unwrap_err();
    assert_eq!(errors.0.len(), 1);
    assert_eq!(errors.0[0].field, "quotes");
    assert_eq!(
        errors.0[0].reason,
        "'not-an-id' is not a choice of this list"
    );
}

#[test]
fn an_empty_form_demands_every_required_input_of_its_table() {
    for kind in EntityKind::ALL {
        let table = fields(*kind);
        if table.is_empty() {
            continue;
        }
        let errors = parse(*kind, Uuid::now_v7(), &Values::new(), &Named::default())
            .expect_err("an empty form is refused");
        let with_error: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        for field in table.iter().filter(|f| f.required) {
            assert!(
                with_error.contains(&field.name),
                "{kind:?}: {} is required but not demanded ({with_error:?})",
                field.name
            );
        }
        // And nothing else is reported on an input the table calls optional.
        for error in &errors.0 {
            let field = table.iter().find(|f| f.name == error.field).unwrap();
            assert!(field.required, "{kind:?}: {} reported", field.name);
        }
    }
}

#[test]
fn drafts_have_no_form_here() {
    let kind = EntityKind::Candidate;
    assert!(fields(kind).is_empty());
    let errors = parse(kind, Uuid::now_v7(), &Values::new(), &Named::default()).unwrap_err();
    assert_eq!(errors.0.len(), 1);
    assert_eq!(
        (errors.0[0].field.as_str(), errors.0[0].reason.as_str()),
        (
            "kind",
            "drafted commitments are reviewed in the review queue"
        )
    );
}

/// Every input of the table is a field of the form struct: what is
/// submitted under its name comes back under its name.
fn keeps_its_inputs<F: KindForm + std::fmt::Debug>() {
    for field in F::FIELDS {
        let mut values = Values::new();
        let (name, value) = match field.input {
            Input::Effects => (
                format!("effect:commitment:{}", Uuid::nil()),
                "improves".to_owned(),
            ),
            Input::Check => (field.name.to_owned(), "on".to_owned()),
            _ => (field.name.to_owned(), "x".to_owned()),
        };
        values.insert(name.clone(), vec![value.clone()]);
        let form = F::decode(&values);
        let back = form.into_values();
        assert_eq!(back.get(&name), Some(&vec![value]), "{}", field.name);
    }
}

#[test]
fn each_form_struct_has_every_input_of_its_table() {
    keeps_its_inputs::<actor::ActorForm>();
    keeps_its_inputs::<occasion::OccasionForm>();
    keeps_its_inputs::<source::SourceForm>();
    keeps_its_inputs::<quote::QuoteForm>();
    keeps_its_inputs::<commitment::CommitmentForm>();
    keeps_its_inputs::<milestone::MilestoneForm>();
    keeps_its_inputs::<development::DevelopmentForm>();
    keeps_its_inputs::<assessment::AssessmentForm>();
    keeps_its_inputs::<recommendation::RecommendationForm>();
    keeps_its_inputs::<concern::ConcernForm>();
    keeps_its_inputs::<dossier::DossierForm>();
    keeps_its_inputs::<recipient_list::RecipientListForm>();
    keeps_its_inputs::<signatory::SignatoryForm>();
}

#[test]
fn a_multi_select_keeps_every_repeated_key_in_order() {
    let a = Uuid::now_v7().to_string();
    let b = Uuid::now_v7().to_string();
    let values = values_from_pairs(vec![
        ("sources".into(), a.clone()),
        ("csrf".into(), "t".into()),
        ("sources".into(), b.clone()),
    ]);
    let form = development::DevelopmentForm::decode(&values);
    assert_eq!(form.sources, vec![a, b]);
}

#[test]
fn an_id_chosen_twice_in_any_list_of_records_is_kept_once_in_first_order() {
    let entities = demo();
    let (names, by_name) = actor_names(&entities);
    let mut lists = std::collections::BTreeSet::new();
    for entity in &entities {
        let mut values = values_of(entity, &names);
        let mut repeated = false;
        for f in fields(entity.kind()) {
            if !matches!(f.input, Input::Refs(_) | Input::Targets) {
                continue;
            }
            lists.insert((entity.kind().as_str(), f.name));
            let chosen = values.get(f.name).cloned().unwrap_or_default();
            if chosen.is_empty() {
                continue;
            }
            // Every choice again, then the first once more.
            let mut twice = chosen.clone();
            twice.extend(chosen.iter().rev().cloned());
            twice.push(chosen[0].clone());
            values.insert(f.name.to_owned(), twice);
            repeated = true;
        }
        if !repeated {
            continue;
        }
        let parsed = parse(entity.kind(), entity.id(), &values, &by_name)
            .unwrap_or_else(|e| panic!("{:?} {}: {e}", entity.kind(), entity.id()));
        assert_eq!(
            parsed,
            without_what_the_page_sets(entity),
            "{:?}",
            entity.kind()
        );
    }
    // The development's sources and quotes, a dossier's lists, an
    // assessment's developments, a recipient list's signatories and a
    // recommendation's answers.
    for list in [
        ("development", "sources"),
        ("development", "quotes"),
        ("assessment", "developments"),
        ("dossier", "commitments"),
        ("recipient_list", "signatories"),
        ("recommendation", "answers"),
    ] {
        assert!(lists.contains(&list), "{list:?} is not a list of records");
    }
}

#[test]
fn timing_errors_belong_to_the_inputs_that_make_the_timing() {
    let k = EntityKind::Commitment;
    assert_eq!(form_field_of(k, "timing.until"), "period_until");
    assert_eq!(form_field_of(k, "timing.as_written"), "timing_as_written");
    assert_eq!(form_field_of(k, "timing.deadline"), "deadline");
    assert_eq!(form_field_of(k, "statement"), "statement");
    assert_eq!(form_field_of(EntityKind::Actor, "roles[2].title"), "roles");
}

/// Every label, help and choice of every form has its message in the
/// catalogue (the key-parity test then holds it to every language), so no
/// field falls back to the table's English; and Russian readers get words
/// of their own.
#[test]
fn every_field_label_help_and_choice_has_a_message() {
    for kind in EntityKind::ALL {
        for f in fields(*kind) {
            let id = field_key(*kind, f.name);
            assert_ne!(Lang::En.t(&id), id, "{kind:?}.{}: no label", f.name);
            assert_eq!(f.label_in(Lang::En, *kind), f.label, "{id}");
            if !f.help.is_empty() {
                let help = format!("{id}-help");
                assert_ne!(Lang::En.t(&help), help, "{kind:?}.{}: no help", f.name);
                assert_eq!(f.help_in(Lang::En, *kind), f.help, "{help}");
            }
            if let Input::Select(options) = f.input {
                for o in options {
                    let id = choice_id(*kind, f.name, o);
                    assert_ne!(Lang::En.t(&id), id, "{kind:?}.{}={o}", f.name);
                }
            }
        }
    }
    let made_by = fields(EntityKind::Commitment)
        .into_iter()
        .find(|f| f.name == "made_by")
        .unwrap();
    assert_eq!(
        made_by.label_in(Lang::Ru, EntityKind::Commitment),
        "Кем дано"
    );
    assert_eq!(
        made_by.help_in(Lang::Fr, EntityKind::Commitment),
        "Qui a parlé ou signé"
    );
}

/// Separators inside a value (a role's title, a recipient's salutation or
/// name, an address line) are written escaped and read back as written:
/// saving a form unchanged changes nothing.
#[test]
fn separators_inside_values_survive_a_form_unchanged() {
    let ministry = Actor {
        id: pledgewatch_core::ids::ActorId::new(),
        kind: ActorKind::Organisation,
        name: "Plain Ministry".parse().unwrap(),
        short_name: None,
        country_code: None,
        roles: vec![],
    };
    let holder = Actor {
        id: pledgewatch_core::ids::ActorId::new(),
        kind: ActorKind::Person,
        name: "Holder".parse().unwrap(),
        short_name: None,
        country_code: None,
        roles: vec![
            ActorRole {
                title: "Envoy | 2009 | 2010 | Plain Ministry".parse().unwrap(),
                of: None,
                from: None,
                until: None,
            },
            ActorRole {
                title: r"Chair \ acting; ad interim".parse().unwrap(),
                of: Some(ministry.id),
                from: None,
                until: None,
            },
        ],
    };
    let signatory = pledgewatch_core::ids::SignatoryId::new();
    let list = RecipientList {
        id: pledgewatch_core::ids::RecipientListId::new(),
        name: "Ministers".parse().unwrap(),
        recipients: vec![Recipient {
            state: Some("A | B".into()),
            title: "Minister; Deputy".parse().unwrap(),
            name: Some("Z | Fiona Plain".into()),
            salutation: "Dear Minister |  | Fiona Plain".parse().unwrap(),
            address: vec!["Rue X; Bâtiment 2".into(), r"Box \| 3".into()],
            signatories: vec![signatory],
        }],
        signatories: vec![],
    };
    let named = Named::new([
        (ministry.id.uuid(), ministry.name.to_string()),
        (signatory.uuid(), "Fiona Plain".to_owned()),
    ]);
    for entity in [Entity::Actor(holder), Entity::RecipientList(list)] {
        let values = values_of(&entity, &named);
        let back = parse(entity.kind(), entity.id(), &values, &named)
            .unwrap_or_else(|e| panic!("{values:?}: {e}"));
        assert_eq!(back, entity, "{values:?}");
    }
    assert_eq!(
        parse::split_escaped(r"a \| b | c\;d ; e", '|'),
        [r"a \| b", r"c\;d ; e"]
    );
    assert_eq!(parse::unescaped(r"a \| b \\ c \x"), r"a | b \ c \x");
}
