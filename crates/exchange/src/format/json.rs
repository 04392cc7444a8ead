//! The JSON export format: one envelope naming the format and its version,
//! and the entities in export order, each as `{"kind": ..., "data": ...}`.
//!
//! ```json
//! {
//!   "format": "pledgewatch-export/1",
//!   "entities": [
//!     { "kind": "actor", "data": { "id": "…", "kind": "state", … } }
//!   ]
//! }
//! ```
//!
//! The schema is `schemas/pledgewatch-export-1.schema.json`.

use pledgewatch_core::model::{Entity, EntityKind};
use serde::Serialize;
use serde_json::Value;

use super::{FORMAT, FieldValues, FileError, MAX_DEPTH, MAX_FILE_BYTES, MAX_VALUE_BYTES};
use super::{Seen, WriteError, decode, duplicate, order};
use crate::record::{Parsed, RawRow, Record, Rejected, RowError};

#[derive(Serialize)]
struct Envelope<'a> {
    format: &'a str,
    entities: &'a [Entity],
}

/// Writes entities as a JSON export, in export order, indented, with keys in
/// the model's order: the same entities always give the same bytes.
pub fn write(entities: Vec<Entity>) -> Result<Vec<u8>, WriteError> {
    let entities = order(entities);
    let mut out = serde_json::to_vec_pretty(&Envelope {
        format: FORMAT,
        entities: &entities,
    })
    .map_err(|e| WriteError(e.to_string()))?;
    out.push(b'\n');
    Ok(out)
}

/// Reads a JSON export: every element of `entities` becomes a record or a
/// rejected row (numbered from 1).
pub fn read(bytes: &[u8]) -> Result<Parsed, FileError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(FileError::TooLarge {
            size: bytes.len(),
            max: MAX_FILE_BYTES,
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    scan(bytes)?;
    let root: Value =
        serde_json::from_slice(bytes).map_err(|e| FileError::NotJson(e.to_string()))?;
    let Value::Object(mut root) = root else {
        return Err(FileError::NotAnExport(
            "expected an object with \"format\" and \"entities\"".into(),
        ));
    };
    match root.get("format") {
        Some(Value::String(found)) if found == FORMAT => {}
        Some(Value::String(found)) if found.starts_with("pledgewatch-export/") => {
            return Err(FileError::UnknownVersion {
                found: found.clone(),
            });
        }
        Some(Value::String(found)) => {
            return Err(FileError::NotAnExport(format!(
                "its \"format\" is '{}', not '{FORMAT}'",
                found.chars().take(60).collect::<String>()
            )));
        }
        Some(_) => {
            return Err(FileError::NotAnExport("\"format\" must be a string".into()));
        }
        None => {
            return Err(FileError::NotAnExport(format!(
                "it has no \"format\" (expected \"{FORMAT}\")"
            )));
        }
    }
    let elements = match root.remove("entities") {
        Some(Value::Array(elements)) => elements,
        Some(_) => {
            return Err(FileError::NotAnExport(
                "\"entities\" must be an array".into(),
            ));
        }
        None => return Err(FileError::NotAnExport("it has no \"entities\"".into())),
    };
    let mut parsed = Parsed::default();
    let mut seen = Seen::new();
    for (i, element) in elements.into_iter().enumerate() {
        let row = i as u64 + 1;
        parsed.rows_read += 1;
        match element_entity(row, &element) {
            Ok(entity) => match duplicate(&mut seen, row, &entity) {
                None => parsed.records.push(Record {
                    row,
                    raw: RawRow::Json(element),
                    entities: vec![entity],
                }),
                Some(error) => parsed.rejected.push(Rejected {
                    row,
                    raw: RawRow::Json(element),
                    errors: vec![error],
                }),
            },
            Err(errors) => parsed.rejected.push(Rejected {
                row,
                raw: RawRow::Json(element),
                errors,
            }),
        }
    }
    Ok(parsed)
}

fn element_entity(row: u64, element: &Value) -> Result<Entity, Vec<RowError>> {
    let error = |column: &str, value: Option<String>, reason: String| {
        vec![RowError {
            row,
            column: Some(column.into()),
            value,
            reason,
        }]
    };
    let Value::Object(map) = element else {
        return Err(vec![RowError {
            row,
            column: None,
            value: None,
            reason: "expected an object with \"kind\" and \"data\"".into(),
        }]);
    };
    let kind = match map.get("kind") {
        Some(Value::String(text)) => match EntityKind::parse(text) {
            Ok(kind) => kind,
            Err(_) => {
                let names: Vec<&str> = super::KINDS.iter().map(|k| k.as_str()).collect();
                return Err(error(
                    "kind",
                    Some(text.clone()),
                    format!(
                        "not a kind of record (expected one of: {})",
                        names.join(", ")
                    ),
                ));
            }
        },
        Some(other) => {
            return Err(error(
                "kind",
                Some(other.to_string()),
                "must be a string".into(),
            ));
        }
        None => return Err(error("kind", None, "is missing".into())),
    };
    let Some(data) = map.get("data") else {
        return Err(error("data", None, "is missing".into()));
    };
    let shown: FieldValues = match data {
        Value::Object(fields) => fields
            .iter()
            .map(|(k, v)| {
                let text = match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                (k.clone(), text)
            })
            .collect(),
        _ => FieldValues::new(),
    };
    decode(row, kind, data.clone(), &shown)
}

/// Refuses, before parsing, nesting deeper than [`MAX_DEPTH`] and strings
/// longer than [`MAX_VALUE_BYTES`]: a nesting bomb gets a clear error, not a
/// parser's recursion limit or a stack overflow.
fn scan(bytes: &[u8]) -> Result<(), FileError> {
    let mut depth = 0usize;
    let mut line = 1u64;
    let mut in_string = false;
    let mut escaped = false;
    let mut string_start = 0usize;
    let mut string_line = 1u64;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' {
            line += 1;
        }
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
                check_size(i - string_start, string_line)?;
            }
            continue;
        }
        match b {
            b'"' => {
                in_string = true;
                string_start = i;
                string_line = line;
            }
            b'{' | b'[' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(FileError::TooDeep {
                        line,
                        max: MAX_DEPTH,
                    });
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    if in_string {
        check_size(bytes.len() - string_start, string_line)?;
    }
    Ok(())
}

fn check_size(size: usize, line: u64) -> Result<(), FileError> {
    if size > MAX_VALUE_BYTES {
        Err(FileError::ValueTooLarge {
            line,
            size,
            max: MAX_VALUE_BYTES,
        })
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::samples::{hostile, samples};

    #[test]
    fn writing_reading_and_writing_again_gives_the_same_bytes() {
        let first = write(samples()).unwrap();
        let parsed = read(&first).unwrap();
        assert!(parsed.rejected.is_empty(), "{:?}", parsed.rejected);
        assert_eq!(parsed.rows_read, samples().len() as u64);
        let again: Vec<Entity> = parsed
            .records
            .into_iter()
            .flat_map(|r| r.entities)
            .collect();
        assert_eq!(again, order(samples()));
        assert_eq!(write(again).unwrap(), first);
    }

    #[test]
    fn the_order_given_does_not_change_the_bytes() {
        let mut reversed = samples();
        reversed.reverse();
        assert_eq!(write(reversed).unwrap(), write(samples()).unwrap());
    }

    #[test]
    fn hostile_text_in_every_field_survives_unchanged() {
        let entities = hostile();
        let bytes = write(entities.clone()).unwrap();
        let parsed = read(&bytes).unwrap();
        assert!(parsed.rejected.is_empty(), "{:?}", parsed.rejected);
        let back: Vec<Entity> = parsed
            .records
            .into_iter()
            .flat_map(|r| r.entities)
            .collect();
        assert_eq!(back, order(entities));
    }

    fn file_error(text: &str) -> FileError {
        read(text.as_bytes()).unwrap_err()
    }

    #[test]
    fn whole_file_problems_are_named() {
        assert!(matches!(file_error("not json"), FileError::NotJson(_)));
        assert!(matches!(file_error(""), FileError::NotJson(_)));
        assert!(matches!(file_error("[1,2]"), FileError::NotAnExport(_)));
        assert!(matches!(
            file_error(r#"{"entities": []}"#),
            FileError::NotAnExport(m) if m.contains("no \"format\"")
        ));
        assert!(matches!(
            file_error(r#"{"format": "pledgewatch-export/2", "entities": []}"#),
            FileError::UnknownVersion { found } if found == "pledgewatch-export/2"
        ));
        assert!(matches!(
            file_error(r#"{"format": "pledgewatch-demo/1", "entities": []}"#),
            FileError::NotAnExport(_)
        ));
        assert!(matches!(
            file_error(r#"{"format": "pledgewatch-export/1", "entities": {}}"#),
            FileError::NotAnExport(m) if m.contains("array")
        ));
    }

    #[test]
    fn a_nesting_bomb_is_refused_with_a_clear_error() {
        for depth in [MAX_DEPTH + 1, 200, 100_000] {
            let bomb = format!(
                "{{\"format\":\"pledgewatch-export/1\",\"entities\":{}{}}}",
                "[".repeat(depth),
                "]".repeat(depth)
            );
            let err = read(bomb.as_bytes()).unwrap_err();
            assert!(
                matches!(err, FileError::TooDeep { max, .. } if max == MAX_DEPTH),
                "{err}"
            );
            assert!(
                err.to_string().contains("nested more than 32 deep"),
                "{err}"
            );
        }
        let objects = format!("{}{}", "{\"a\":".repeat(50_000), "}".repeat(50_000));
        assert!(matches!(
            read(objects.as_bytes()).unwrap_err(),
            FileError::TooDeep { .. }
        ));
        let unclosed = "[".repeat(1_000_000);
        assert!(matches!(
            read(unclosed.as_bytes()).unwrap_err(),
            FileError::TooDeep { .. }
        ));
    }

    #[test]
    fn brackets_inside_strings_do_not_count_as_nesting() {
        let deep_text = "[".repeat(1_000);
        let text = format!(
            "{{\"format\":\"pledgewatch-export/1\",\"entities\":[{{\"kind\":\"concern\",\"data\":{{\"id\":\"0190a0b0-0000-7000-8000-000000000001\",\"title\":\"t\",\"description\":\"d\\\"{deep_text}\",\"themes\":[]}}}}]}}"
        );
        let parsed = read(text.as_bytes()).unwrap();
        assert_eq!(parsed.records.len(), 1, "{:?}", parsed.rejected);
    }

    #[test]
    fn a_huge_value_is_refused_before_parsing() {
        let big = "x".repeat(MAX_VALUE_BYTES + 10);
        let text =
            format!("{{\"format\":\"pledgewatch-export/1\",\"note\":\"{big}\",\"entities\":[]}}");
        let err = read(text.as_bytes()).unwrap_err();
        assert!(
            matches!(err, FileError::ValueTooLarge { line: 1, .. }),
            "{err}"
        );
    }

    #[test]
    fn bad_elements_are_rejected_naming_row_field_value_and_reason() {
        let text = r#"{"format": "pledgewatch-export/1", "entities": [
            {"kind": "concern", "data": {"id": "0190a0b0-0000-7000-8000-000000000001", "title": "Assembly", "description": "d", "themes": []}},
            {"kind": "spaceship", "data": {}},
            {"kind": "concern", "data": {"id": "not-a-uuid", "title": "x", "description": "d", "themes": []}},
            {"kind": "concern", "data": {"id": "0190a0b0-0000-7000-8000-000000000002", "description": "d", "themes": []}},
            {"kind": "concern", "data": {"id": "0190a0b0-0000-7000-8000-000000000003", "title": "x", "description": "d", "themes": [], "colour": "red"}},
            {"kind": "concern", "data": {"id": "0190a0b0-0000-7000-8000-000000000004", "title": "   ", "description": "d", "themes": []}},
            {"kind": "concern", "data": {"id": "0190a0b0-0000-7000-8000-000000000001", "title": "Again", "description": "d", "themes": []}},
            42
        ]}"#;
        let parsed = read(text.as_bytes()).unwrap();
        assert_eq!(parsed.rows_read, 8);
        assert_eq!(parsed.records.len(), 1);
        assert_eq!(parsed.records[0].row, 1);
        let first = |row: u64| {
            parsed
                .rejected
                .iter()
                .find(|r| r.row == row)
                .map(|r| r.errors[0].clone())
                .unwrap()
        };
        let e = first(2);
        assert_eq!(e.column.as_deref(), Some("kind"));
        assert_eq!(e.value.as_deref(), Some("spaceship"));
        let e = first(3);
        assert_eq!(e.column.as_deref(), Some("id"));
        assert_eq!(e.value.as_deref(), Some("not-a-uuid"));
        let e = first(4);
        assert_eq!(e.column.as_deref(), Some("title"));
        assert!(e.reason.contains("missing field"), "{e}");
        let e = first(5);
        assert_eq!(e.column.as_deref(), Some("colour"));
        assert!(e.reason.contains("not a field of a concern"), "{e}");
        let e = first(6);
        assert_eq!(e.column.as_deref(), Some("title"));
        assert!(e.reason.contains("must not be empty"), "{e}");
        let e = first(7);
        assert_eq!(e.column.as_deref(), Some("id"));
        assert!(e.reason.contains("already in row 1"), "{e}");
        let e = first(8);
        assert!(e.reason.contains("expected an object"), "{e}");
        assert_eq!(
            parsed.rows_read,
            (parsed.records.len() + parsed.rejected.len()) as u64
        );
    }

    #[test]
    fn a_bad_value_deep_in_a_record_is_reported_at_its_field() {
        let mut document: Value = serde_json::from_slice(&write(samples()).unwrap()).unwrap();
        let i = document["entities"]
            .as_array()
            .unwrap()
            .iter()
            .position(|e| e["kind"] == "commitment")
            .unwrap();
        document["entities"][i]["data"]["made_on"] = Value::from("2008-13");
        document["entities"][i + 1]["data"]["timing"]["from"] = Value::from(7);
        let parsed = read(&serde_json::to_vec(&document).unwrap()).unwrap();
        let shown: Vec<String> = parsed
            .rejected
            .iter()
            .map(|r| r.errors[0].to_string())
            .collect();
        let row = i as u64 + 1;
        assert_eq!(
            shown[0],
            format!(
                "row {row}, column 'made_on', value '2008-13': '2008-13' is not a date: no such month (expected YYYY, YYYY-MM, YYYY-Qn or YYYY-MM-DD)"
            )
        );
        assert!(
            shown[1].starts_with(&format!("row {}, column 'timing', value '{{", row + 1)),
            "{}",
            shown[1]
        );
    }

    #[test]
    fn users_are_not_a_kind_of_export() {
        let text =
            r#"{"format": "pledgewatch-export/1", "entities": [{"kind": "user", "data": {}}]}"#;
        let parsed = read(text.as_bytes()).unwrap();
        assert_eq!(parsed.rejected[0].errors[0].column.as_deref(), Some("kind"));
    }
}
