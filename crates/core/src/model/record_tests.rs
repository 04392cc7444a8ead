//! Checks of what every kind says about itself beyond its own file's tests:
//! its column values fill its `COLUMNS` in number and type, dropping
//! references leaves none behind (or refuses), and labels read as the
//! lists show them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use uuid::Uuid;

use super::*;
use crate::dataset;
use crate::date::Precision;
use crate::facts::ResolvedDate;

/// One record of every kind: the demo's, and a quote and a draft
/// commitment (the demo has neither), built from JSON so that they do not
/// depend on the structs' field types.
fn samples() -> Vec<Entity> {
    let mut entities = dataset::convert(&dataset::parse(dataset::DEMO).unwrap())
        .unwrap()
        .entities;
    let source = entities
        .iter()
        .find(|e| e.kind() == EntityKind::Source)
        .unwrap()
        .id();
    let quote = serde_json::json!({
        "id": Uuid::now_v7(), "source": source, "text": "We will decriminalise libel.",
        "locator": "p. 3", "speaker": null,
    });
    entities.push(Entity::from_json(EntityKind::Quote, &quote).unwrap());
    let candidate = serde_json::json!({
        "id": Uuid::now_v7(), "source": source, "quote_text": "We will act.",
        "quote_start": 10, "quote_end": 22, "statement": "Act.", "origin": "pledge",
        "timing": "none_stated", "confidence": 80, "status": "pending", "commitment": null,
    });
    entities.push(Entity::from_json(EntityKind::Candidate, &candidate).unwrap());
    entities
}

#[test]
fn the_samples_hold_every_kind_of_record() {
    let samples = samples();
    for kind in EntityKind::ALL {
        assert!(samples.iter().any(|e| e.kind() == *kind), "{kind}");
    }
}

#[test]
fn each_kind_fills_its_columns_in_number_and_type() {
    let deadline = Some(ResolvedDate {
        date: NaiveDate::from_ymd_opt(2010, 12, 31).unwrap(),
        precision: Precision::Year,
    });
    for entity in samples() {
        let kind = entity.kind();
        for deadline in [None, deadline] {
            let values = entity.column_values(deadline);
            let types: Vec<ColumnType> = values.iter().map(ColumnValue::ty).collect();
            let expected: Vec<ColumnType> = kind.columns().iter().map(|c| c.ty).collect();
            assert_eq!(types, expected, "{kind}");
        }
    }
}

#[test]
fn a_commitment_stores_the_deadline_it_is_given() {
    let commitment = samples()
        .into_iter()
        .find(|e| e.kind() == EntityKind::Commitment)
        .unwrap();
    let names: Vec<&str> = EntityKind::Commitment
        .columns()
        .iter()
        .map(|c| c.name)
        .collect();
    let at = |values: &[ColumnValue], name: &str| {
        values[names.iter().position(|n| *n == name).unwrap()].clone()
    };
    let date = NaiveDate::from_ymd_opt(2010, 12, 31).unwrap();
    let values = commitment.column_values(Some(ResolvedDate {
        date,
        precision: Precision::Year,
    }));
    assert_eq!(at(&values, "deadline_on"), ColumnValue::Date(Some(date)));
    assert_eq!(at(&values, "deadline_precision"), ColumnValue::text("year"));
    let values = commitment.column_values(None);
    assert_eq!(at(&values, "deadline_on"), ColumnValue::Date(None));
    assert_eq!(at(&values, "deadline_precision"), ColumnValue::Text(None));
}

#[test]
fn keeping_every_reference_changes_nothing() {
    for entity in samples() {
        let mut kept = entity.clone();
        assert!(kept.retain_references(&|_, _| true), "{}", entity.kind());
        assert_eq!(kept, entity);
    }
}

#[test]
fn refusing_every_reference_leaves_none_or_refuses_the_record() {
    let mut refused = std::collections::BTreeSet::new();
    for entity in samples() {
        let mut stripped = entity.clone();
        if stripped.retain_references(&|_, _| false) {
            assert_eq!(stripped.references(), vec![], "{}", entity.kind());
        } else {
            refused.insert(entity.kind().as_str());
        }
    }
    // Exactly the kinds with a required reference cannot stand alone.
    let expected = ["assessment", "candidate", "commitment", "quote"];
    assert_eq!(refused.into_iter().collect::<Vec<_>>(), expected);
}

#[test]
fn refusing_one_kind_drops_only_its_references() {
    for entity in samples() {
        let mut stripped = entity.clone();
        let keep = |kind: EntityKind, _: Uuid| kind != EntityKind::Source;
        if !stripped.retain_references(&keep) {
            assert!(
                entity
                    .references()
                    .iter()
                    .any(|(_, kind, _)| *kind == EntityKind::Source)
            );
            continue;
        }
        let left: Vec<_> = entity
            .references()
            .into_iter()
            .filter(|(_, kind, _)| *kind != EntityKind::Source)
            .map(|(_, kind, id)| (kind, id))
            .collect();
        let now: Vec<_> = stripped
            .references()
            .into_iter()
            .map(|(_, kind, id)| (kind, id))
            .collect();
        assert_eq!(now, left, "{}", entity.kind());
    }
}

#[test]
fn labels_read_as_the_lists_show_them() {
    let long = "x".repeat(120);
    let quote = serde_json::json!({
        "id": Uuid::now_v7(), "source": Uuid::now_v7(), "text": long,
    });
    let quote = Entity::from_json(EntityKind::Quote, &quote).unwrap();
    assert_eq!(quote.label(), format!("{}…", "x".repeat(90)));
    let milestone = serde_json::json!({
        "id": Uuid::now_v7(), "title": "Chairmanship", "date": "2010",
        "description": null,
    });
    let milestone = Entity::from_json(EntityKind::Milestone, &milestone).unwrap();
    assert_eq!(milestone.label(), "Chairmanship (2010)");
    for entity in samples() {
        assert!(!entity.label().is_empty(), "{}", entity.kind());
        if let Some(a) = Assessment::from_entity_ref(&entity) {
            assert_eq!(
                entity.label(),
                format!("{} {}", a.as_of, a.status.replace('_', " "))
            );
        }
    }
}
