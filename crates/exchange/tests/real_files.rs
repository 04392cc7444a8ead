//! The readers on the real collections in `../shared/data/`: every row is
//! accounted for (a record or a rejected row with its reasons), and the
//! counts match those the collections' SOURCE.md files give.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use pledgewatch_core::model::{Entity, Origin, Response};
use pledgewatch_exchange::decode::{Encoding, decode};
use pledgewatch_exchange::mapping::Mapping;
use pledgewatch_exchange::{Parsed, upr};

/// The shared data folder; its absence fails the test rather than skipping it.
fn data(path: &str) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    assert!(
        root.is_dir(),
        "the shared data folder is missing at {}: these tests need ../shared/data next to the repository",
        root.display()
    );
    root.join(path)
}

fn text(path: &str) -> (String, Encoding) {
    let bytes = std::fs::read(data(path)).unwrap();
    let d = decode(&bytes, None).unwrap();
    (d.text, d.encoding)
}

fn responses(p: &Parsed) -> (usize, usize, usize) {
    let mut counts = (0, 0, 0);
    for r in &p.records {
        let mut seen_response = None;
        let mut pledge = false;
        for e in &r.entities {
            match e {
                Entity::Recommendation(rec) => seen_response = rec.response,
                Entity::Commitment(c) if c.origin == Origin::Pledge => pledge = true,
                _ => {}
            }
        }
        match (seen_response, pledge) {
            (Some(Response::Supported), _) => counts.0 += 1,
            (Some(Response::Noted), _) => counts.1 += 1,
            (_, true) => counts.2 += 1,
            _ => {}
        }
    }
    counts
}

#[test]
fn every_upr_info_row_is_read_with_its_response() {
    // file, rows, Accepted, Noted (SOURCE.md)
    let files = [
        ("1-5.csv", 5_828, 3_938, 1_890),
        ("6-9.csv", 8_177, 6_062, 2_115),
        ("10-13.csv", 9_047, 6_980, 2_067),
        ("14-17.csv", 9_598, 7_105, 2_493),
        ("17-20.csv", 7_984, 6_094, 1_890),
    ];
    let mut total = 0;
    for (file, rows, accepted, noted) in files {
        let (text, encoding) = text(&format!("upr-info-recommendations-sessions-1-20/{file}"));
        assert_eq!(encoding, Encoding::MacRoman, "{file}");
        let p = upr::read_upr_info(&text).unwrap();
        assert_eq!(p.rows_read, rows, "{file}");
        assert_eq!(p.records.len() + p.rejected.len(), rows as usize, "{file}");
        assert!(p.rejected.is_empty(), "{file}: {:?}", p.rejected.first());
        assert_eq!(responses(&p), (accepted, noted, 0), "{file}");
        total += p.rows_read;
    }
    assert_eq!(total, 40_634);
}

#[test]
fn every_voluntary_pledge_is_a_pledge() {
    let (text, _) = text("upr-info-recommendations-sessions-1-20/voluntary.csv");
    let p = upr::read_upr_info(&text).unwrap();
    assert_eq!(p.rows_read, 894);
    assert!(p.rejected.is_empty(), "{:?}", p.rejected.first());
    assert_eq!(responses(&p), (0, 0, 894));
}

#[test]
fn mac_roman_letters_are_decoded() {
    let (text, _) = text("upr-info-recommendations-sessions-1-20/6-9.csv");
    assert!(text.contains("é"), "no é in a file SOURCE.md says has them");
    assert!(!text.contains('\r'));
}

#[test]
fn every_working_group_row_is_accounted_for() {
    // file, rows in SOURCE.md, of which wholly empty ("one empty row" in
    // 2011data.csv): empty rows are not data rows.
    let files = [
        ("2008data.csv", 917, 0),
        ("2009data.csv", 4_077, 0),
        ("2010data.csv", 5_885, 0),
        ("2011data.csv", 8_629, 1),
        ("2012data.csv", 4_222, 0),
        ("2013data.csv", 7_379, 0),
        ("2014data.csv", 7_699, 0),
        ("haiti2011.csv", 136, 0),
    ];
    for (file, rows, empty) in files {
        let (text, _) = text(&format!("upr-wg-reports-2008-2014/year-csvs/{file}"));
        let p = upr::read_wg_year(&text).unwrap();
        assert_eq!(p.rows_read, rows - empty, "{file}");
        assert_eq!(
            p.records.len() + p.rejected.len(),
            p.rows_read as usize,
            "{file}"
        );
        // What is rejected is rejected for a stated reason about a cell.
        for r in &p.rejected {
            assert!(
                r.errors
                    .iter()
                    .all(|e| e.column.is_some() && !e.reason.is_empty()),
                "{file}: {r:?}"
            );
        }
        assert!(
            (p.rejected.len() as f64) < 0.01 * p.rows_read as f64,
            "{file}: {} of {} rejected, first {:?}",
            p.rejected.len(),
            p.rows_read,
            p.rejected.first()
        );
    }
}

fn mapping(name: &str) -> Mapping {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/mappings")
        .join(name);
    Mapping::parse(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn the_new_zealand_tracker_reads_through_its_mapping() {
    let (text, _) = text("nz-coalition-commitments-2023/data.csv");
    let p = mapping("nz-coalition-2023.toml").read(&text).unwrap();
    assert_eq!(p.rows_read, 225);
    assert!(p.rejected.is_empty(), "{:?}", p.rejected.first());
    let deadlines = p
        .records
        .iter()
        .flat_map(|r| &r.entities)
        .filter(|e| {
            matches!(e, Entity::Commitment(c) if c.timing.kind() == pledgewatch_core::model::TimingKind::ByDeadline)
        })
        .count();
    assert_eq!(deadlines, 60, "SOURCE.md: 60 rows have a due date");
}

#[test]
fn the_canada_mandate_letters_read_through_their_mapping() {
    let (text, _) = text("canada-federal-commitments/2021-mandate-commitments.csv");
    let p = mapping("canada-2021-mandate-letters.toml")
        .read(&text)
        .unwrap();
    assert_eq!(p.rows_read, 760);
    assert!(p.rejected.is_empty(), "{:?}", p.rejected.first());
}
