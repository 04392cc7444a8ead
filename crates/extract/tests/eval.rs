//! The evaluation harness on the real annotated documents: every gold file
//! loads and checks against its document, the corpus covers every genre in
//! both splits, and the dev split can be scored.
//! Nothing is asserted about the scores themselves (they are reported in
//! docs/extraction.md); the matching rules are unit-tested in `eval.rs`.
//! The documents are read from the shared folder next to the repository;
//! without it this test fails.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use pledgewatch_extract::{eval, gold};

fn paths() -> (PathBuf, PathBuf) {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let data = crate_dir.join("../../..");
    assert!(
        data.join("shared/data").is_dir(),
        "the shared data folder is missing at {}: the evaluation needs it",
        data.join("shared/data").display()
    );
    (crate_dir.join("gold"), data)
}

#[test]
fn every_gold_file_loads_and_matches_its_document() {
    let (gold_dir, data) = paths();
    let loaded = gold::load_all(&gold_dir, &data).unwrap();
    assert!(loaded.len() >= 60, "{} gold files", loaded.len());
    let commitments: usize = loaded.iter().map(|l| l.gold.commitments.len()).sum();
    assert!(commitments >= 400, "{commitments} gold commitments");
    assert!(gold::GENRES.len() >= 8);
    for genre in gold::GENRES {
        for split in ["dev", "test"] {
            assert!(
                loaded
                    .iter()
                    .any(|l| l.gold.genre == *genre && l.gold.split == split),
                "no {split} document of genre {genre}"
            );
        }
    }
}

#[test]
fn every_view_and_csv_document_reads_as_its_annotations_expect() {
    let (gold_dir, data) = paths();
    let loaded = gold::load_all(&gold_dir, &data).unwrap();
    let views: Vec<_> = loaded.iter().filter(|l| l.gold.view.is_some()).collect();
    assert!(!views.is_empty(), "no document read through a view");
    for l in views {
        assert!(!l.text.contains('\r'), "{}: a CR is left", l.file.display());
        assert!(
            l.text
                .lines()
                .all(|line| line == line.trim() && !line.contains("  ")),
            "{}: whitespace is not normalised",
            l.file.display()
        );
    }
    let rows: Vec<_> = loaded
        .iter()
        .filter(|l| l.gold.text_column.is_some())
        .collect();
    assert!(!rows.is_empty(), "no document made of CSV rows");
    for l in rows {
        assert!(l.gold.record_column.is_some() && l.gold.record.is_some());
    }
}

#[test]
fn the_dev_split_can_be_scored_by_genre() {
    let (gold_dir, data) = paths();
    let report = eval::run(&gold_dir, &data, "dev").unwrap();
    let dev = &report.by_split["dev"];
    assert!(dev["all"].documents > 0);
    assert!(dev["all"].gold > 0);
    assert!(!report.by_split.contains_key("test"));
    let table = eval::table(&report);
    assert!(table.contains("upr-wg-report"), "{table}");
}

#[test]
fn an_unknown_split_is_refused() {
    let (gold_dir, data) = paths();
    assert!(eval::run(&gold_dir, &data, "train").is_err());
}
