//! Steps 1 to 5 of an import, run on fingerprints of the rows: a first
//! pass over the file keeps each row's line and, for each entity it gives,
//! the id and a hash of the content; each distinct content keeps its kind
//! and references once. The rows themselves are read again for what needs
//! them (the dates of step 4, the cells of the rejected rows), so memory
//! holds a few dozen bytes a row instead of the row.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::Hasher;

use pledgewatch_core::error::Error;
use pledgewatch_core::model::{Entity, EntityKind};
use pledgewatch_core::service::Services;
use pledgewatch_core::storage::Storage;
use uuid::Uuid;

use super::{Progress, Source};
use crate::record::{Rejected, RowError};

/// A hash of an entity's whole content: two entities with one id are the
/// same when their hashes are.
pub(super) fn content_hash(entity: &Entity) -> u64 {
    struct Feed(std::collections::hash_map::DefaultHasher);
    impl std::fmt::Write for Feed {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0.write(s.as_bytes());
            Ok(())
        }
    }
    let mut feed = Feed(std::collections::hash_map::DefaultHasher::new());
    // The derived `Debug` writes every field, strings escaped: equal
    // entities write the same text, different ones different texts.
    let _ = std::fmt::write(&mut feed, format_args!("{entity:?}"));
    feed.0.finish()
}

/// What the checks keep of one row.
pub(super) struct RowPrint {
    /// The row's number, as errors name it.
    pub(super) row: u64,
    /// Each entity's id and content hash, in the record's order.
    pub(super) entities: Box<[(Uuid, u64)]>,
}

/// What the checks keep of one distinct content of an entity.
pub(super) struct EntityPrint {
    pub(super) kind: EntityKind,
    /// The field (its place in `Review::fields`), kind and id of each
    /// reference.
    references: Box<[(u32, EntityKind, Uuid)]>,
}

/// The rows under review, as fingerprints: which are still accepted, and
/// why the others were rejected. Each check narrows `accepted`.
pub(super) struct Review {
    pub(super) rows: Vec<RowPrint>,
    pub(super) entities: HashMap<(Uuid, u64), EntityPrint>,
    pub(super) accepted: Vec<bool>,
    /// The errors of rejected rows, by position in the file's records.
    pub(super) errors: BTreeMap<usize, Vec<RowError>>,
    /// The rows the reader rejected, by row.
    pub(super) read_rejected: BTreeMap<u64, Rejected>,
    /// The names of the fields that refer, each kept once.
    fields: Vec<String>,
    field_index: HashMap<String, u32>,
}

fn row_error(row: u64, column: Option<String>, value: Option<String>, reason: String) -> RowError {
    RowError {
        row,
        column,
        value,
        reason,
    }
}

impl Review {
    /// The first pass, with step 1: each row's entities checked on their
    /// own, and fingerprinted.
    pub(super) fn read(
        source: &dyn Source,
        read_rejected: Vec<Rejected>,
        progress: &dyn Progress,
    ) -> Self {
        let mut review = Review {
            rows: Vec::new(),
            entities: HashMap::new(),
            accepted: Vec::new(),
            errors: BTreeMap::new(),
            read_rejected: read_rejected.into_iter().map(|r| (r.row, r)).collect(),
            fields: Vec::new(),
            field_index: HashMap::new(),
        };
        progress.phase("checking rows", None);
        for record in source.records() {
            let record = match record {
                Ok(record) => record,
                Err(rejected) => {
                    review.read_rejected.insert(rejected.row, rejected);
                    continue;
                }
            };
            let i = review.rows.len();
            let mut prints = Vec::with_capacity(record.entities.len());
            for entity in &record.entities {
                let key = (entity.id(), content_hash(entity));
                if !review.entities.contains_key(&key) {
                    let print = review.print(entity);
                    review.entities.insert(key, print);
                }
                prints.push(key);
            }
            review.rows.push(RowPrint {
                row: record.row,
                entities: prints.into(),
            });
            review.accepted.push(true);
            for e in crate::validate_row(record.row, &record.entities, |_, _| None) {
                review.refuse(i, e);
            }
            progress.advance(1);
        }
        review
    }

    /// Whether a record read again is the `i`-th accepted-or-refused row of
    /// the first reading: the same row, the same entities with the same
    /// content. A source that gives anything else changed under the reader.
    pub(super) fn is_as_checked(&self, i: usize, record: &crate::Record) -> bool {
        let Some(print) = self.rows.get(i) else {
            return false;
        };
        print.row == record.row
            && print.entities.len() == record.entities.len()
            && print
                .entities
                .iter()
                .zip(&record.entities)
                .all(|(&(id, hash), e)| id == e.id() && hash == content_hash(e))
    }

    /// An entity's kind and references, its field names kept once.
    fn print(&mut self, entity: &Entity) -> EntityPrint {
        let references = entity
            .references()
            .into_iter()
            .map(|(field, kind, id)| {
                let index = match self.field_index.get(&field) {
                    Some(index) => *index,
                    None => {
                        let index = self.fields.len() as u32;
                        self.fields.push(field.clone());
                        self.field_index.insert(field, index);
                        index
                    }
                };
                (index, kind, id)
            })
            .collect();
        EntityPrint {
            kind: entity.kind(),
            references,
        }
    }

    /// Rejects row `i` for `error` (a row may collect several errors).
    fn refuse(&mut self, i: usize, error: RowError) {
        self.accepted[i] = false;
        self.errors.entry(i).or_default().push(error);
    }

    fn kind(&self, key: &(Uuid, u64)) -> EntityKind {
        self.entities[key].kind
    }

    /// The rows still accepted, with their positions.
    pub(super) fn accepted_rows(&self) -> impl Iterator<Item = (usize, &RowPrint)> + '_ {
        self.rows
            .iter()
            .enumerate()
            .filter(|(i, _)| self.accepted[*i])
    }

    /// Every entity of the accepted rows, by kind and id.
    fn in_batch(&self) -> HashSet<(EntityKind, Uuid)> {
        self.accepted_rows()
            .flat_map(|(_, r)| r.entities.iter().map(|k| (self.kind(k), k.0)))
            .collect()
    }

    /// Steps 2 to 5; `source` is read again when assessments or rated
    /// commitments need their dates checked.
    pub(super) async fn check(
        &mut self,
        store: &dyn Storage,
        source: &dyn Source,
    ) -> Result<(), Error> {
        self.reject_disagreeing_rows();
        self.reject_removed(store).await?;
        self.reject_date_conflicts(store, source).await?;
        self.reject_dangling_references(store).await
    }

    /// Step 2: shared entities must agree: a row giving an entity other
    /// content than an earlier accepted row is rejected, naming that row.
    fn reject_disagreeing_rows(&mut self) {
        let mut first: HashMap<Uuid, (usize, u64)> = HashMap::new();
        for i in 0..self.rows.len() {
            if !self.accepted[i] {
                continue;
            }
            let mut conflict = None;
            for key @ &(id, hash) in self.rows[i].entities.iter() {
                match first.get(&id) {
                    Some(&(r, h)) if r != i && h != hash => {
                        conflict = Some((self.rows[r].row, *key));
                        break;
                    }
                    Some(_) => {}
                    None => {
                        first.insert(id, (i, hash));
                    }
                }
            }
            if let Some((other_row, key)) = conflict {
                // Entities first seen in this row are no longer offered by it.
                first.retain(|_, (r, _)| *r != i);
                let reason = format!(
                    "gives the {} {} other content than row {other_row} does; the rows must agree",
                    self.kind(&key),
                    key.0
                );
                self.refuse(i, row_error(self.rows[i].row, None, None, reason));
            }
        }
    }

    /// Step 3: what was removed from the database stays removed: an import
    /// does not bring it back (its removal was deliberate and audited).
    async fn reject_removed(&mut self, store: &dyn Storage) -> Result<(), Error> {
        // Every distinct entity of the file is asked about, chunk by chunk
        // (those of rejected rows too: harmless, and no set of the ids is
        // built); only the accepted rows are refused below.
        let mut removed: HashSet<Uuid> = HashSet::new();
        let mut asking: HashMap<EntityKind, Vec<Uuid>> = HashMap::new();
        for (key, print) in &self.entities {
            let ids = asking.entry(print.kind).or_default();
            ids.push(key.0);
            if ids.len() == super::CHUNK {
                removed.extend(store.removed(print.kind, ids).await?);
                ids.clear();
            }
        }
        for (kind, ids) in asking {
            if !ids.is_empty() {
                removed.extend(store.removed(kind, &ids).await?);
            }
        }
        if removed.is_empty() {
            return Ok(());
        }
        let refused: Vec<(usize, (Uuid, u64))> = self
            .accepted_rows()
            .filter_map(|(i, row)| {
                let key = row.entities.iter().find(|k| removed.contains(&k.0))?;
                Some((i, *key))
            })
            .collect();
        for (i, key) in refused {
            let reason = format!(
                "gives the {} {}, which was removed from the database; an import does not bring back what was removed",
                self.kind(&key),
                key.0
            );
            let value = Some(key.0.to_string());
            self.refuse(i, row_error(self.rows[i].row, None, value, reason));
        }
        Ok(())
    }

    /// The commitments whose dates can conflict: those an assessment of
    /// the batch rates, and those of the batch a stored assessment rates.
    async fn rated_commitments(&self, store: &dyn Storage) -> Result<HashSet<Uuid>, Error> {
        let mut given = HashSet::new();
        let mut rated = HashSet::new();
        for (_, row) in self.accepted_rows() {
            for key in row.entities.iter() {
                let print = &self.entities[key];
                match print.kind {
                    EntityKind::Commitment => {
                        given.insert(key.0);
                    }
                    EntityKind::Assessment => rated.extend(
                        print
                            .references
                            .iter()
                            .filter(|(_, kind, _)| *kind == EntityKind::Commitment)
                            .map(|(_, _, id)| *id),
                    ),
                    _ => {}
                }
            }
        }
        let given: Vec<Uuid> = given.into_iter().collect();
        for chunk in given.chunks(super::CHUNK) {
            let stored = store
                .referring(EntityKind::Assessment, EntityKind::Commitment, chunk)
                .await?;
            for s in stored {
                if let Entity::Assessment(a) = s.entity {
                    rated.insert(a.commitment.uuid());
                }
            }
        }
        Ok(rated)
    }

    /// Step 4: the date rules between assessments and commitments, asked of
    /// the services for the assessments of every accepted row and the
    /// commitments anything rates (no other entity can conflict): a row
    /// giving an assessment dated before its commitment was made, or
    /// moving a commitment after a stored assessment that rates it, is
    /// rejected with the field's error. The services check the same rules
    /// at the write; checking them here names the row instead of refusing
    /// the file. A rejected row's assessment is no longer written, so its
    /// stored date may now hold a commitment back: the check runs again
    /// until no more rows fall.
    async fn reject_date_conflicts(
        &mut self,
        store: &dyn Storage,
        source: &dyn Source,
    ) -> Result<(), Error> {
        let rated = self.rated_commitments(store).await?;
        let any_assessment = self.accepted_rows().any(|(_, r)| {
            r.entities
                .iter()
                .any(|k| self.kind(k) == EntityKind::Assessment)
        });
        if rated.is_empty() && !any_assessment {
            return Ok(());
        }
        let mut dated: Vec<(usize, Entity)> = Vec::new();
        for (i, record) in source.records().filter_map(Result::ok).enumerate() {
            if !self.accepted[i] {
                continue;
            }
            dated.extend(record.entities.into_iter().filter_map(|e| match &e {
                Entity::Assessment(_) => Some((i, e)),
                Entity::Commitment(c) if rated.contains(&c.id.uuid()) => Some((i, e)),
                _ => None,
            }));
        }
        while self
            .reject_one_round_of_date_conflicts(store, &dated)
            .await?
        {}
        Ok(())
    }

    /// Rejects the accepted rows with a date conflict; tells whether any
    /// row fell.
    async fn reject_one_round_of_date_conflicts(
        &mut self,
        store: &dyn Storage,
        dated: &[(usize, Entity)],
    ) -> Result<bool, Error> {
        let (rows, entities): (Vec<usize>, Vec<&Entity>) = dated
            .iter()
            .filter(|(i, _)| self.accepted[*i])
            .map(|(i, e)| (*i, e))
            .unzip();
        let conflicts = Services::new(store).date_conflicts(&entities).await?;
        let changed = !conflicts.is_empty();
        for (k, e) in conflicts {
            let (i, entity) = (rows[k], entities[k]);
            let value = match entity {
                Entity::Assessment(a) => Some(a.as_of.to_string()),
                Entity::Commitment(c) => Some(c.made_on.to_string()),
                _ => None,
            };
            let column = Some(format!("{}.{}", entity.kind(), e.field));
            self.refuse(i, row_error(self.rows[i].row, column, value, e.reason));
        }
        Ok(changed)
    }

    /// Step 5: references must resolve, to the batch or to the database. A
    /// row referring to a rejected row's entity is rejected in turn, until
    /// no more rows fall.
    async fn reject_dangling_references(&mut self, store: &dyn Storage) -> Result<(), Error> {
        let live = self.stored_references(store).await?;
        while self.reject_one_round_of_dangling(&live) {}
        Ok(())
    }

    /// The entities outside the batch that accepted rows refer to and the
    /// store holds.
    async fn stored_references(
        &self,
        store: &dyn Storage,
    ) -> Result<HashSet<(EntityKind, Uuid)>, Error> {
        let batch = self.in_batch();
        let mut outside: HashMap<EntityKind, HashSet<Uuid>> = HashMap::new();
        for (_, row) in self.accepted_rows() {
            for key in row.entities.iter() {
                for (_, kind, id) in self.entities[key].references.iter() {
                    if !batch.contains(&(*kind, *id)) {
                        outside.entry(*kind).or_default().insert(*id);
                    }
                }
            }
        }
        let mut live: HashSet<(EntityKind, Uuid)> = HashSet::new();
        for (kind, ids) in outside {
            let ids: Vec<Uuid> = ids.into_iter().collect();
            for chunk in ids.chunks(super::CHUNK) {
                for stored in store.get_many(kind, chunk).await? {
                    live.insert((kind, stored.entity.id()));
                }
            }
        }
        Ok(live)
    }

    /// The first reference of row `i` found neither in the batch nor in
    /// `live`, with the kind of the entity that holds it.
    fn missing_reference(
        &self,
        i: usize,
        batch: &HashSet<(EntityKind, Uuid)>,
        live: &HashSet<(EntityKind, Uuid)>,
    ) -> Option<(EntityKind, &(u32, EntityKind, Uuid))> {
        self.rows[i].entities.iter().find_map(|key| {
            let print = &self.entities[key];
            print
                .references
                .iter()
                .find(|(_, kind, id)| {
                    !batch.contains(&(*kind, *id)) && !live.contains(&(*kind, *id))
                })
                .map(|r| (print.kind, r))
        })
    }

    /// Rejects the accepted rows with a reference found neither in the
    /// batch nor in `live`; tells whether any row fell.
    fn reject_one_round_of_dangling(&mut self, live: &HashSet<(EntityKind, Uuid)>) -> bool {
        let batch = self.in_batch();
        let mut fallen = Vec::new();
        for i in 0..self.rows.len() {
            if !self.accepted[i] {
                continue;
            }
            if let Some((from, &(field, kind, id))) = self.missing_reference(i, &batch, live) {
                fallen.push((i, from, field, kind, id));
            }
        }
        drop(batch);
        if fallen.is_empty() {
            return false;
        }
        let giving = self.rows_giving(fallen.iter().map(|f| (f.3, f.4)).collect());
        for (i, from, field, kind, id) in fallen {
            let reason = match giving.get(&(kind, id)) {
                Some(row) => format!(
                    "refers to the {kind} {id}, which row {row} gives, and row {row} is rejected"
                ),
                None => format!(
                    "refers to the {kind} {id}, which is neither in the database nor in an accepted row of this file"
                ),
            };
            let column = Some(format!("{from}.{}", self.fields[field as usize]));
            let row = self.rows[i].row;
            self.refuse(i, row_error(row, column, Some(id.to_string()), reason));
        }
        true
    }

    /// The line of the first row of this file that gives each of `wanted`,
    /// accepted or not (asked only for the references that fell, so that
    /// memory holds those, not every entity of the file).
    fn rows_giving(&self, wanted: HashSet<(EntityKind, Uuid)>) -> HashMap<(EntityKind, Uuid), u64> {
        let mut rows = HashMap::new();
        for row in &self.rows {
            for key in row.entities.iter() {
                let entity = (self.kind(key), key.0);
                if wanted.contains(&entity) {
                    rows.entry(entity).or_insert(row.row);
                }
            }
        }
        rows
    }

    /// A hash of each accepted row's set of entity ids, to tell a row that
    /// repeats an earlier one.
    pub(super) fn entity_set_hash(&self, i: usize) -> u64 {
        let mut ids: Vec<Uuid> = self.rows[i].entities.iter().map(|k| k.0).collect();
        ids.sort_unstable();
        let mut h = std::collections::hash_map::DefaultHasher::new();
        for id in ids {
            h.write(id.as_bytes());
        }
        h.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Quiet;

    const TEXT: &str = concat!(
        "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session\n",
        "Tonga,Asia,PIF,Ratify ICCPR.,United Kingdom,WEOG,EU,Accepted,5,Death penalty,15\n",
        "Tonga,Asia,PIF,Ratify CAT.,United Kingdom,WEOG,EU,Noted,5,Torture,15\n",
        "Tonga,Asia,PIF,Abolish the death penalty.,France,WEOG,EU,Accepted,4,Justice,15\n",
    );

    #[test]
    fn the_first_pass_keeps_fingerprints_once_per_distinct_entity_not_the_rows() {
        let parsed = crate::upr::read_upr_info(TEXT).unwrap();
        let review = Review::read(&parsed.records, Vec::new(), &Quiet);
        let given: usize = parsed.records.iter().map(|r| r.entities.len()).sum();
        let distinct: HashSet<Uuid> = parsed
            .records
            .iter()
            .flat_map(|r| r.entities.iter().map(Entity::id))
            .collect();
        // Tonga, the United Kingdom, the session and the source are given by
        // several rows and kept once.
        assert!(distinct.len() < given);
        assert_eq!(review.entities.len(), distinct.len());
        assert_eq!(review.rows.len(), parsed.records.len());
        for (print, record) in review.rows.iter().zip(&parsed.records) {
            assert_eq!(print.row, record.row);
            let keys: Vec<(Uuid, u64)> = record
                .entities
                .iter()
                .map(|e| (e.id(), content_hash(e)))
                .collect();
            assert_eq!(&*print.entities, keys.as_slice());
        }
        assert!(review.accepted.iter().all(|a| *a));
    }

    #[test]
    fn the_content_hash_tells_entities_apart_by_any_field() {
        let parsed = crate::upr::read_upr_info(TEXT).unwrap();
        let entity = parsed.records[0].entities.last().unwrap().clone();
        assert_eq!(content_hash(&entity), content_hash(&entity.clone()));
        let Entity::Recommendation(mut changed) = entity.clone() else {
            panic!("the last entity of a row is its recommendation");
        };
        changed.themes.push("Another".into());
        assert_ne!(
            content_hash(&entity),
            content_hash(&Entity::Recommendation(changed))
        );
    }
}
