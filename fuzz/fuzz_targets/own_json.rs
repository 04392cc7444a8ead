//! The project's own JSON reader on any bytes (nesting bombs included).
#![no_main]

use libfuzzer_sys::fuzz_target;
use pledgewatch_exchange::format;

fuzz_target!(|data: &[u8]| {
    if let Ok(parsed) = format::json::read(data) {
        assert_eq!(
            parsed.rows_read,
            (parsed.records.len() + parsed.rejected.len()) as u64,
            "every row is accounted for"
        );
    }
});
