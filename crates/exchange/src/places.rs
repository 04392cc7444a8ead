//! A set of places in a list, for lists too long for a map of their keys.

use std::hash::{BuildHasher, RandomState};

use hashbrown::HashTable;

/// Places in a list, found again by a key the list computes from the
/// place: a set of `u32` costing a few bytes an entry.
pub(crate) struct Places {
    table: HashTable<u32>,
    state: RandomState,
}

impl Places {
    pub(crate) fn new() -> Self {
        Places {
            table: HashTable::new(),
            state: RandomState::new(),
        }
    }

    pub(crate) fn find<K: std::hash::Hash + Eq>(
        &self,
        key: K,
        key_of: impl Fn(u32) -> K,
    ) -> Option<u32> {
        let hash = self.state.hash_one(&key);
        self.table.find(hash, |&p| key_of(p) == key).copied()
    }

    /// Adds `place`, whose key is `key` (`key_of` gives the key of every
    /// place already added, and of this one).
    pub(crate) fn add<K: std::hash::Hash>(
        &mut self,
        key: K,
        place: u32,
        key_of: impl Fn(u32) -> K,
    ) {
        let state = &self.state;
        self.table
            .insert_unique(state.hash_one(&key), place, |&p| state.hash_one(key_of(p)));
    }
}
