//! Checks that the export order names every kind of record once, so that a
//! kind added to core's registry cannot be left out of the exchange formats.

use pledgewatch_core::model::EntityKind;

use super::{KINDS, parse_kind, rank};

#[test]
fn the_export_order_holds_every_record_kind_once() {
    let mut exported = KINDS.to_vec();
    let mut records = EntityKind::ALL.to_vec();
    exported.sort_by_key(|k| k.as_str());
    records.sort_by_key(|k| k.as_str());
    assert_eq!(exported, records);
    for kind in EntityKind::ALL {
        assert!(rank(*kind) < KINDS.len(), "{kind}");
        assert_eq!(parse_kind(kind.as_str()), Ok(*kind));
    }
}
