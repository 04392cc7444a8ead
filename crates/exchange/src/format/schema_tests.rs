//! The published JSON Schema (schemas/pledgewatch-export-1.schema.json)
//! accepts what the writer produces and refuses broken documents, and the
//! reader refuses each broken document too.

#![allow(clippy::too_many_lines)]

use serde_json::{Value, json};

use super::json;
use super::samples::{hostile, samples};

const SCHEMA: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../schemas/pledgewatch-export-1.schema.json"
));

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(SCHEMA).unwrap();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    jsonschema::validator_for(&schema).unwrap()
}

fn errors(validator: &jsonschema::Validator, document: &Value) -> Vec<String> {
    validator
        .iter_errors(document)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

fn export_of(entities: Vec<pledgewatch_core::model::Entity>) -> Value {
    serde_json::from_slice(&json::write(entities).unwrap()).unwrap()
}

#[test]
fn every_kind_written_by_the_exporter_is_valid() {
    let validator = validator();
    for document in [export_of(samples()), export_of(hostile())] {
        let found = errors(&validator, &document);
        assert!(found.is_empty(), "{found:#?}");
    }
}

/// The position of the first entity of `kind` in an export.
fn first(document: &Value, kind: &str) -> usize {
    document["entities"]
        .as_array()
        .unwrap()
        .iter()
        .position(|e| e["kind"] == kind)
        .unwrap()
}

#[test]
fn broken_documents_fail_validation_and_are_refused_by_the_reader() {
    let validator = validator();
    let valid = export_of(samples());
    type Breakage = (&'static str, fn(&mut Value));
    let breakages: &[Breakage] = &[
        ("an unknown format version", |d| {
            d["format"] = json!("pledgewatch-export/2")
        }),
        ("no entities", |d| {
            d.as_object_mut().unwrap().remove("entities");
        }),
        ("an unknown kind", |d| {
            d["entities"][0]["kind"] = json!("spaceship")
        }),
        ("a missing required field", |d| {
            let i = first(d, "actor");
            d["entities"][i]["data"]
                .as_object_mut()
                .unwrap()
                .remove("name");
        }),
        ("a field the model does not have", |d| {
            let i = first(d, "concern");
            d["entities"][i]["data"]["colour"] = json!("red");
        }),
        ("a month that does not exist", |d| {
            let i = first(d, "commitment");
            d["entities"][i]["data"]["made_on"] = json!("2008-13");
        }),
        ("a fifth quarter", |d| {
            let i = first(d, "milestone");
            d["entities"][i]["data"]["date"] = json!("2008-Q5");
        }),
        ("a day that is not a day", |d| {
            let i = first(d, "assessment");
            d["entities"][i]["data"]["as_of"] = json!("2008-05");
        }),
        ("an unknown occasion kind", |d| {
            let i = first(d, "occasion");
            d["entities"][i]["data"]["kind"] = json!("party");
        }),
        ("a status of another scale", |d| {
            let i = first(d, "assessment");
            d["entities"][i]["data"]["status"] = json!("fully_implemented");
        }),
        ("an unknown scale version", |d| {
            let i = first(d, "assessment");
            d["entities"][i]["data"]["scale"]["version"] = json!(2);
        }),
        ("an id that is not a UUID", |d| {
            let i = first(d, "quote");
            d["entities"][i]["data"]["source"] = json!("not-an-id");
        }),
        ("a development without sources", |d| {
            let i = first(d, "development");
            d["entities"][i]["data"]["sources"] = json!([]);
        }),
        (
            "a recommendation that answers nothing and has no response",
            |d| {
                let i = first(d, "recommendation");
                d["entities"][i]["data"]["answers"] = json!([]);
                d["entities"][i]["data"]["response"] = json!(null);
            },
        ),
        ("a blank title", |d| {
            let i = first(d, "concern");
            d["entities"][i]["data"]["title"] = json!("   ");
        }),
        ("a control character in a title", |d| {
            let i = first(d, "concern");
            d["entities"][i]["data"]["title"] = json!("bell \u{7}");
        }),
        ("a title of 1001 characters", |d| {
            let i = first(d, "concern");
            d["entities"][i]["data"]["title"] = json!("x".repeat(1001));
        }),
        ("a timing of an unknown kind", |d| {
            let i = first(d, "commitment");
            d["entities"][i]["data"]["timing"] = json!({"kind": "someday"});
        }),
        ("a boolean as text", |d| {
            let i = first(d, "source");
            d["entities"][i]["data"]["confidential"] = json!("yes");
        }),
        ("a bad slug", |d| {
            let i = first(d, "dossier");
            d["entities"][i]["data"]["slug"] = json!("Not A Slug");
        }),
        ("a lower-case country code", |d| {
            let i = first(d, "actor");
            assert_eq!(d["entities"][i]["data"]["country_code"], "KZ");
            d["entities"][i]["data"]["country_code"] = json!("kz");
        }),
    ];
    for (what, breakage) in breakages {
        let mut document = valid.clone();
        breakage(&mut document);
        assert_ne!(document, valid, "{what}: nothing was broken");
        assert!(
            !errors(&validator, &document).is_empty(),
            "{what}: the schema accepts it"
        );
        let bytes = serde_json::to_vec(&document).unwrap();
        match json::read(&bytes) {
            Err(_) => {}
            Ok(parsed) => assert!(!parsed.rejected.is_empty(), "{what}: the reader accepts it"),
        }
    }
}
