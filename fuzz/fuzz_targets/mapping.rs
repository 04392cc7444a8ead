//! The mapping-file parser on any text, and a fixed mapping reading any CSV
//! text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pledgewatch_exchange::mapping::Mapping;

const MAPPING: &str = include_str!("../../examples/mappings/nz-coalition-2023.toml");

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // Half the inputs are mapping files, half are CSV for a fixed mapping.
    if data.first().is_some_and(|b| b % 2 == 0) {
        let _ = Mapping::parse(text);
    } else if let Ok(mapping) = Mapping::parse(MAPPING) {
        if let Ok(parsed) = mapping.read(text) {
            assert_eq!(
                parsed.rows_read,
                (parsed.records.len() + parsed.rejected.len()) as u64,
                "every row is accounted for"
            );
        }
    }
});
