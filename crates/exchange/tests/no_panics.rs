//! The entry points a fuzzer drives (`decode::decode`, `table::read`,
//! `upr::read_upr_info`, `upr::read_wg_year`, `mapping::Mapping::parse` and
//! `Mapping::read`) on many mangled inputs: they return an error or a
//! result, never panic, and every row read is accounted for.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use pledgewatch_exchange::decode::{Encoding, decode};
use pledgewatch_exchange::mapping::Mapping;
use pledgewatch_exchange::{Parsed, table, upr};

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const SEEDS: [&[u8]; 4] = [
    b"To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session\rAfghanistan,Asia,OIC,\"Enact legislation, now.\",Austria,WEOG,EU,Accepted,5,\"Rights of the Child,Women's rights\",5\rAlbania,EEG,\"OIC, OIF\",The Government is committed to X \x8E.,Albania,EEG,OIC,Voluntary Pledge,4,Minorities,19\r",
    b"text,to,decision,From,year,notes\r\n96.1  Sign the Optional Protocol (France);,Afghanistan,consider,France,2009\r\n\"129.1 Ratify (Slovakia, Spain);\",algeria,support,Ecuador and Spain,2012,\"note\nmore\"\r\n",
    b"MLC ID,Commitment,Reporting Lead,Due\n1,Top up the fund.,Minister of Finance,01/07/2024\n2,\"Quoted, with \"\"quotes\"\"\",Minister,\n",
    b"\xEF\xBB\xBFa;b\n\xD5\xD2\x92\x93,\xE9\n",
];

const MAPPING: &str = r#"
format = "pledgewatch-mapping/1"
collection = "fuzz"
entity = "commitment"
key = ["MLC ID"]

[fields]
statement = { column = "Commitment" }
bound = { value = "Canada", actor_kind = "state" }
made_by = { column = "Reporting Lead" }
made_on = { value = "2021-12-16" }
origin = { value = "pledge" }
deadline = { column = "Due", date_format = "%d/%m/%Y" }
"#;

fn mangle(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(5) {
            0 if !bytes.is_empty() => {
                bytes.remove(at.min(bytes.len() - 1));
            }
            1 => bytes.insert(at, rng.below(256) as u8),
            2 => bytes.insert(at, *b"\",\r\n;()&#".get(rng.below(10)).unwrap_or(&b'"')),
            3 if !bytes.is_empty() => {
                let i = at.min(bytes.len() - 1);
                bytes[i] = rng.below(256) as u8;
            }
            _ => {
                let from = rng.below(bytes.len());
                let to = (from + rng.below(40)).min(bytes.len());
                let copy = bytes[from..to].to_vec();
                bytes.splice(at..at, copy);
            }
        }
    }
    bytes
}

fn accounted(p: &Parsed) {
    assert_eq!(p.records.len() + p.rejected.len(), p.rows_read as usize);
}

#[test]
fn mangled_inputs_never_panic_the_readers() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mapping = Mapping::parse(MAPPING).unwrap();
    for _ in 0..3_000 {
        let seed = SEEDS[rng.below(SEEDS.len())];
        let bytes = mangle(&mut rng, seed);
        let declared = [
            None,
            Some(Encoding::Utf8),
            Some(Encoding::Windows1252),
            Some(Encoding::MacRoman),
        ][rng.below(4)];
        let Ok(decoded) = decode(&bytes, declared) else {
            continue;
        };
        let _ = table::read(&decoded.text, b',');
        if let Ok(p) = upr::read_upr_info(&decoded.text) {
            accounted(&p);
        }
        if let Ok(p) = upr::read_wg_year(&decoded.text) {
            accounted(&p);
        }
        if let Ok(p) = mapping.read(&decoded.text) {
            accounted(&p);
        }
    }
}

#[test]
fn mangled_mappings_never_panic_the_parser() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    for _ in 0..3_000 {
        let bytes = mangle(&mut rng, MAPPING.as_bytes());
        let text = String::from_utf8_lossy(&bytes);
        if let Ok(m) = Mapping::parse(&text) {
            let _ = m.read("MLC ID,Commitment,Reporting Lead,Due\n1,x,y,01/01/2020\n");
        }
    }
}
