//! Whether a proposed commitment repeats one already recorded: the same
//! bound actor, and a statement or quote whose words overlap. Drafting help
//! warns before creating such a duplicate and offers to attach the new
//! words to the existing commitment instead.
//!
//! Texts are compared as sets of normalised words: lower case, split at
//! anything that is not a letter or digit, words of fewer than three
//! letters and common function words dropped, and a few English endings
//! cut ("amending", "amended" and "amend" are one word). Two texts overlap
//! when at least [`MIN_SHARED`] words are shared and the shared words make
//! at least [`MIN_OVERLAP`] of the shorter text's words.

use std::collections::{BTreeSet, HashMap};

use crate::error::Result;
use crate::ids::{ActorId, CommitmentId, QuoteId};
use crate::model::{Entity, EntityKind};
use crate::storage::Storage;

/// Words two texts must share, at least.
pub const MIN_SHARED: usize = 2;
/// The share of the shorter text's words that must be shared.
pub const MIN_OVERLAP: f64 = 0.6;

const FUNCTION_WORDS: &[&str] = &[
    "the", "and", "for", "with", "that", "this", "from", "will", "shall", "would", "its", "their",
    "any", "all", "into", "also", "are", "was", "were", "has", "have", "been", "which", "who",
    "not", "but", "our", "his", "her", "they", "them", "these", "those", "such", "other", "than",
    "then", "there", "upon", "under", "onto", "about", "after", "before", "during", "each",
];

/// One word without the English endings that change little of its sense.
fn stem(word: &str) -> String {
    let mut w = word.to_owned();
    for ending in ["ing", "ed", "es", "s"] {
        if w.chars().count() >= ending.len() + 3 && w.ends_with(ending) && !w.ends_with("ss") {
            w.truncate(w.len() - ending.len());
            break;
        }
    }
    if w.chars().count() > 4 && w.ends_with('e') {
        w.pop();
    }
    w
}

/// The normalised words of a text.
pub fn words(text: &str) -> BTreeSet<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3 && !FUNCTION_WORDS.contains(w))
        .map(stem)
        .collect()
}

/// How much of the shorter text's words the two share (0 to 1), and how
/// many they share.
pub fn overlap(a: &str, b: &str) -> (f64, usize) {
    let (a, b) = (words(a), words(b));
    let shared = a.intersection(&b).count();
    let shorter = a.len().min(b.len());
    if shorter == 0 {
        return (0.0, 0);
    }
    #[allow(clippy::cast_precision_loss)]
    let share = shared as f64 / shorter as f64;
    (share, shared)
}

/// Whether two texts overlap enough to be the same commitment's.
pub fn overlapping(a: &str, b: &str) -> bool {
    let (share, shared) = overlap(a, b);
    shared >= MIN_SHARED && share >= MIN_OVERLAP
}

/// What a proposed commitment is compared by.
#[derive(Debug, Clone, Copy)]
pub struct Proposed<'a> {
    /// The bound actor's name, as written.
    pub actor: &'a str,
    pub statement: &'a str,
    pub quote: &'a str,
}

/// A recorded commitment like a proposed one.
#[derive(Debug, Clone, PartialEq)]
pub struct Similar {
    pub commitment: CommitmentId,
    pub statement: String,
    /// How far the statements overlap (0 to 1): the closest come first.
    pub statement_overlap: f64,
}

/// Whether an actor goes by `name`, as drafting help binds actors by name.
fn names(name: &str, actor: &crate::model::Actor) -> bool {
    crate::drafting::goes_by(actor, name)
}

/// The live commitments recorded in the store, with their bound actor and
/// quote text, read once to compare many proposals with.
pub struct Recorded {
    commitments: Vec<(CommitmentId, ActorId, String, Option<QuoteId>)>,
    actors: HashMap<ActorId, crate::model::Actor>,
    quotes: HashMap<QuoteId, String>,
}

impl Recorded {
    pub async fn read(store: &dyn Storage) -> Result<Self> {
        let live = |kind| async move {
            Ok::<_, crate::Error>(
                store
                    .list(kind, 1_000_000, 0)
                    .await?
                    .into_iter()
                    .filter(|s| s.meta.deleted_at.is_none())
                    .map(|s| s.entity),
            )
        };
        let mut commitments = Vec::new();
        for e in live(EntityKind::Commitment).await? {
            if let Entity::Commitment(c) = e {
                commitments.push((c.id, c.bound, c.statement.to_string(), c.quote));
            }
        }
        let mut actors = HashMap::new();
        for e in live(EntityKind::Actor).await? {
            if let Entity::Actor(a) = e {
                actors.insert(a.id, a);
            }
        }
        let mut quotes = HashMap::new();
        for e in live(EntityKind::Quote).await? {
            if let Entity::Quote(q) = e {
                quotes.insert(q.id, q.text.to_string());
            }
        }
        Ok(Self {
            commitments,
            actors,
            quotes,
        })
    }

    /// The recorded commitments of the same actor whose statement or quote
    /// overlaps the proposal's, the closest statements first.
    pub fn like(&self, proposed: Proposed<'_>) -> Vec<Similar> {
        let mut found: Vec<Similar> = self
            .commitments
            .iter()
            .filter(|(_, bound, _, _)| {
                self.actors
                    .get(bound)
                    .is_some_and(|a| names(proposed.actor, a))
            })
            .filter(|(_, _, statement, quote)| {
                let quote = quote.and_then(|q| self.quotes.get(&q));
                overlapping(statement, proposed.statement)
                    || quote.is_some_and(|q| overlapping(q, proposed.quote))
            })
            .map(|(id, _, statement, _)| Similar {
                commitment: *id,
                statement: statement.clone(),
                statement_overlap: overlap(statement, proposed.statement).0,
            })
            .collect();
        found.sort_by(|a, b| b.statement_overlap.total_cmp(&a.statement_overlap));
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lower_case_without_function_words_or_common_endings() {
        let w = words("Amending Kazakhstan’s media law, and the LAWS on elections");
        let expected: BTreeSet<String> = ["amend", "kazakhstan", "media", "law", "election"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        assert_eq!(w, expected);
        assert_eq!(stem("liberalizing"), stem("liberalize"));
        assert_eq!(stem("amended"), "amend");
        assert_eq!(stem("press"), "press");
        assert!(words("to be or not").is_empty());
    }

    #[test]
    fn a_restated_pledge_overlaps_and_a_different_one_does_not() {
        assert!(overlapping(
            "Amend the media law",
            "amending Kazakhstan's media law"
        ));
        assert!(!overlapping(
            "Amend the media law",
            "Reform the law on elections"
        ));
        // One shared word is never enough, however short the texts.
        assert!(!overlapping("media law", "election law"));
        assert!(!overlapping("", "Amend the media law"));
        // Other scripts are compared the same way.
        assert!(overlapping(
            "Внести изменения в закон о СМИ",
            "изменения в закон о СМИ будут внесены"
        ));
    }

    #[test]
    fn the_overlap_is_a_share_of_the_shorter_text() {
        let (share, shared) = overlap("media law", "amend the media law by the end of 2008");
        assert_eq!(shared, 2);
        assert!((share - 1.0).abs() < f64::EPSILON);
        let (share, _) = overlap("media law reform now", "media law");
        assert!((share - 1.0).abs() < f64::EPSILON);
    }
}
