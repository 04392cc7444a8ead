//! The project's own CSV reader on any text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pledgewatch_exchange::format;

fuzz_target!(|text: &str| {
    if let Ok(parsed) = format::csv::read(text) {
        assert_eq!(
            parsed.rows_read,
            (parsed.records.len() + parsed.rejected.len()) as u64,
            "every row is accounted for"
        );
    }
});
