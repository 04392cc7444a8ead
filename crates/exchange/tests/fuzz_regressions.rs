//! Inputs kept from fuzzing (`.ci/fuzz`), the fuzzers' seeds, and hostile
//! cases written by hand, run through the same entry points as the cargo-fuzz
//! targets in `fuzz/`: each must give a result or an error, never a panic,
//! and every row read must be accounted for.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use pledgewatch_exchange::decode::{self, Encoding};
use pledgewatch_exchange::mapping::Mapping;
use pledgewatch_exchange::{Parsed, format, table, upr};

const TARGETS: [&str; 5] = ["decode", "upr_csv", "mapping", "own_json", "own_csv"];

fn inputs(target: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in [
        root.join("tests/fuzz-regressions").join(target),
        root.join("../../fuzz/seeds").join(target),
    ] {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            files.push(entry.unwrap().path());
        }
    }
    files.sort();
    files
}

fn accounted(parsed: &Parsed, file: &Path) {
    assert_eq!(
        parsed.rows_read,
        (parsed.records.len() + parsed.rejected.len()) as u64,
        "{}: a row was neither taken nor rejected",
        file.display()
    );
}

fn run(target: &str, file: &Path, data: &[u8]) {
    let text = std::str::from_utf8(data).ok();
    match target {
        "decode" => {
            let _ = decode::decode(data, None);
            for name in ["utf-8", "windows-1252", "mac-roman"] {
                let _ = decode::decode(data, Some(Encoding::parse(name).unwrap()));
            }
        }
        "upr_csv" => {
            let text = String::from_utf8_lossy(data);
            let _ = table::read(&text, b',');
            if let Ok(p) = upr::read_upr_info(&text) {
                accounted(&p, file);
            }
            if let Ok(p) = upr::read_wg_year(&text) {
                accounted(&p, file);
            }
        }
        "mapping" => {
            let text = String::from_utf8_lossy(data);
            let _ = Mapping::parse(&text);
            let mapping = Mapping::parse(include_str!(
                "../../../examples/mappings/nz-coalition-2023.toml"
            ))
            .unwrap();
            if let Ok(p) = mapping.read(&text) {
                accounted(&p, file);
            }
        }
        "own_json" => {
            if let Ok(p) = format::json::read(data) {
                accounted(&p, file);
            }
        }
        "own_csv" => {
            if let Some(text) = text
                && let Ok(p) = format::csv::read(text)
            {
                accounted(&p, file);
            }
        }
        other => panic!("unknown target {other}"),
    }
}

#[test]
fn every_kept_input_gives_a_result_or_an_error_without_panicking() {
    for target in TARGETS {
        let files = inputs(target);
        assert!(
            files.len() >= 2,
            "{target}: expected its seeds and kept inputs, found {}",
            files.len()
        );
        for file in files {
            let data = std::fs::read(&file).unwrap();
            run(target, &file, &data);
        }
    }
}

#[test]
fn the_hand_written_hostile_inputs_are_refused_with_an_error() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let bomb = std::fs::read(root.join("own_json/nesting-bomb.json")).unwrap();
    let error = format::json::read(&bomb).unwrap_err().to_string();
    assert!(error.contains("nest"), "{error}");
    let utf16 = std::fs::read(root.join("decode/utf16.txt")).unwrap();
    assert!(decode::decode(&utf16, None).is_err());
    let deep = std::fs::read_to_string(root.join("mapping/deep.toml")).unwrap();
    assert!(Mapping::parse(&deep).is_err());
}
