//! The CSV table reader and the UPR Info and Working Group readers on any
//! text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pledgewatch_exchange::{table, upr};

fuzz_target!(|text: &str| {
    let _ = table::read(text, b',');
    if let Ok(parsed) = upr::read_upr_info(text) {
        assert_eq!(
            parsed.rows_read,
            (parsed.records.len() + parsed.rejected.len()) as u64,
            "every row is accounted for"
        );
    }
    if let Ok(parsed) = upr::read_wg_year(text) {
        assert_eq!(
            parsed.rows_read,
            (parsed.records.len() + parsed.rejected.len()) as u64,
            "every row is accounted for"
        );
    }
});
