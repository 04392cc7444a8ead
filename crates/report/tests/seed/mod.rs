//! The facts of the seed letter of 28 May 2008 (`../shared/seed`, read at
//! test time, never copied), each with the words that state it: a letter
//! pledgewatch writes as of that day must state each of them too. Shared by
//! the report's and the command line's tests.

#![allow(dead_code)]

/// Text as compared: whitespace collapsed, typographic apostrophes plain,
/// lower case.
fn flat(text: &str) -> String {
    text.replace(['’', '‘'], "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// One fact of the seed letter: what it is, and the words that state it,
/// each of which must be in the seed letter and in ours.
struct Fact {
    what: &'static str,
    words: &'static [&'static str],
}

/// A fact that a letter states only when the record supports it: that the
/// memorandum outlines steps for the problems beyond the pledges, which
/// needs a step answering one of those concerns known by the date.
const CONCERN_STEPS: Fact = Fact {
    what: "steps for the problems beyond the pledges",
    words: &["steps that should be taken to address them"],
};

const SEED_FACTS: &[Fact] = &[
    Fact {
        what: "where the pledges were made",
        words: &["Madrid"],
    },
    Fact {
        what: "the body",
        words: &["OSCE"],
    },
    Fact {
        what: "how long ago",
        words: &["six months"],
    },
    Fact {
        what: "who pledged",
        words: &["Tazhin"],
    },
    Fact {
        what: "the earlier bids",
        words: &["2005", "2006", "bid"],
    },
    Fact {
        what: "the chairmanship",
        words: &["chairmanship"],
    },
    Fact {
        what: "the media law",
        words: &["media law"],
    },
    Fact {
        what: "the election law",
        words: &["law on elections"],
    },
    Fact {
        what: "party registration",
        words: &["registration requirements for political parties"],
    },
    Fact {
        what: "the deadline",
        words: &["by the end of 2008"],
    },
    Fact {
        what: "ODIHR's recommendations",
        words: &["recommendations", "in the election legislation"],
    },
    Fact {
        what: "ODIHR's mandate",
        words: &["its existing mandate"],
    },
    Fact {
        what: "no weakening of ODIHR",
        words: &["refrain from supporting any future efforts to weaken"],
    },
    Fact {
        what: "the lack of progress",
        words: &["no progress", "lack of progress"],
    },
    Fact {
        what: "backtracking",
        words: &["may be backtracking on its pledge", "to preserve ODIHR"],
    },
    Fact {
        what: "the request",
        words: &["raise", "leadership"],
    },
    Fact {
        what: "the memorandum",
        words: &["attached memorandum", "steps"],
    },
    Fact {
        what: "problems beyond the pledges",
        words: &["human rights problems", "beyond"],
    },
    Fact {
        what: "the demand",
        words: &["ensure that the government of Kazakhstan upholds its"],
    },
    Fact {
        what: "the stakes",
        words: &["credibility", "government", "credibility of the OSCE"],
    },
    Fact {
        what: "the closing",
        words: &["With best regards"],
    },
    Fact {
        what: "the signatories",
        words: &[
            "Holly Cartner",
            "Executive Director",
            "Europe and Central Asia Division",
            "Jean-Marie Fardeau",
            "Paris Office Director",
        ],
    },
];

/// The seed letter, from `../shared/seed` next to the workspace.
fn seed_letter() -> String {
    // The workspace root is two folders above each crate.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/seed/letter-to-osce-ministers.txt"
    );
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("the seed letter in ../shared/seed ({path}): {e}"))
}

/// The facts of the seed letter that `ours` misses (each also checked to
/// be in the seed letter, so the list cannot drift from it). With
/// `concern_steps` false the record has no step for the concerns beyond the
/// pledges, and a letter that claims them counts as a fault too.
pub fn missing_seed_facts(ours: &str, concern_steps: bool) -> Vec<String> {
    let seed = flat(&seed_letter());
    let ours = flat(ours);
    let mut missing = Vec::new();
    let claimed = CONCERN_STEPS.words[0];
    assert!(
        seed.contains(claimed),
        "the seed letter does not say {claimed:?}"
    );
    match (concern_steps, ours.contains(claimed)) {
        (true, false) => missing.push(format!("{} ({claimed:?})", CONCERN_STEPS.what)),
        (false, true) => missing.push(format!("claims {} the record lacks", CONCERN_STEPS.what)),
        _ => {}
    }
    for fact in SEED_FACTS {
        for w in fact.words {
            let w = w.to_lowercase();
            assert!(
                seed.contains(&w),
                "the seed letter does not say {w:?} ({})",
                fact.what
            );
            if !ours.contains(&w) {
                missing.push(format!("{} ({w:?})", fact.what));
            }
        }
    }
    missing
}
