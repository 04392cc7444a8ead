//! Any bytes, with and without a declared encoding: decoded or refused with
//! an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pledgewatch_exchange::decode::{self, Encoding};

fuzz_target!(|data: &[u8]| {
    let _ = decode::decode(data, None);
    let declared = match data.first().map(|b| b % 4) {
        Some(0) => Encoding::parse("utf-8"),
        Some(1) => Encoding::parse("windows-1252"),
        Some(2) => Encoding::parse("mac-roman"),
        _ => return,
    };
    if let Ok(encoding) = declared {
        let _ = decode::decode(data, Some(encoding));
    }
});
