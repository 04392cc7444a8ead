//! One "compare with the store, then apply" plan for bringing entities in
//! from outside, used by the dataset loader and by import: each entity is
//! compared by id with what is stored, in bulk, and becomes a create, an
//! update based on the stored version, nothing (identical), or is found
//! removed (which neither path brings back).

use std::collections::{HashMap, HashSet};

use uuid::Uuid;

use crate::error::Result;
use crate::model::{Entity, EntityKind};
use crate::storage::{Change, Storage};

/// How many ids one query asks for (well under SQLite's parameter limit).
const CHUNK: usize = 2_000;

/// What an entity is, compared with the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    /// Not stored yet.
    New,
    /// Stored with other content, at this version.
    Changed { version: i64 },
    /// Stored exactly so.
    Same,
    /// Stored once and removed since.
    Removed,
}

impl Comparison {
    /// The change that brings the store to `entity`, if one is needed (a
    /// removed entity gets none: the caller refuses or rejects it).
    pub fn into_change(self, entity: Entity) -> Option<Change> {
        match self {
            Comparison::New => Some(Change::Create(entity)),
            Comparison::Changed { version } => Some(Change::Update {
                entity,
                expected_version: version,
            }),
            Comparison::Same | Comparison::Removed => None,
        }
    }
}

/// Compares `entities` with the store, a kind and a chunk at a time,
/// telling `advance` how many each chunk compared. The result is in the
/// order of `entities`.
pub async fn compare(
    store: &dyn Storage,
    entities: &[&Entity],
    advance: &(dyn Fn(u64) + Sync),
) -> Result<Vec<Comparison>> {
    let mut by_kind: HashMap<EntityKind, Vec<Uuid>> = HashMap::new();
    for entity in entities {
        by_kind.entry(entity.kind()).or_default().push(entity.id());
    }
    let mut stored: HashMap<Uuid, (i64, Entity)> = HashMap::new();
    let mut removed: HashSet<Uuid> = HashSet::new();
    for (kind, ids) in by_kind {
        for chunk in ids.chunks(CHUNK) {
            for s in store.get_many(kind, chunk).await? {
                stored.insert(s.entity.id(), (s.meta.version, s.entity));
            }
            removed.extend(store.removed(kind, chunk).await?);
            advance(chunk.len() as u64);
        }
    }
    Ok(entities
        .iter()
        .map(|entity| match stored.get(&entity.id()) {
            _ if removed.contains(&entity.id()) => Comparison::Removed,
            None => Comparison::New,
            Some((_, s)) if s == *entity => Comparison::Same,
            Some((version, _)) => Comparison::Changed { version: *version },
        })
        .collect())
}
