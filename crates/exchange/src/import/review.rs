//! Steps 1 to 5 of an import, run on fingerprints of the rows: a first
//! pass over the file keeps each row's line and, for each entity it gives,
//! the place of its content among the distinct contents of the file; each
//! distinct content keeps its id, a hash of the content, its kind and its
//! references once, and each entity referred to is kept once. The rows
//! themselves are read again for what needs them (the dates of step 4, the
//! cells of the rejected rows), so memory holds a few bytes a row and a few
//! dozen a distinct entity, in flat arrays, instead of the rows.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::Hasher;

use pledgewatch_core::error::Error;
use pledgewatch_core::model::Assessment;
use pledgewatch_core::model::{Entity, EntityKind};
use pledgewatch_core::service::Services;
use pledgewatch_core::service::assessments::{Dated, Given};
use pledgewatch_core::storage::Storage;
use uuid::Uuid;

use super::{Progress, Source};
use crate::places::Places;
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

/// The distinct contents of the entities the file gives, each once, and
/// the entities they refer to, each once.
pub(super) struct Prints {
    ids: Vec<Uuid>,
    hashes: Vec<u64>,
    kinds: Vec<EntityKind>,
    /// Where each content's references end in `refs` (they begin where the
    /// previous content's end).
    refs_end: Vec<u32>,
    /// The field (its place in `fields`) and the target (its place in
    /// `targets`) of each reference.
    refs: Vec<(u32, u32)>,
    places: Places,
    /// Every entity referred to, by kind and id.
    targets: Vec<(EntityKind, Uuid)>,
    target_places: Places,
    /// The names of the fields that refer, each kept once.
    fields: Vec<String>,
    field_index: HashMap<String, u32>,
}

impl Prints {
    fn new() -> Self {
        Prints {
            ids: Vec::new(),
            hashes: Vec::new(),
            kinds: Vec::new(),
            refs_end: Vec::new(),
            refs: Vec::new(),
            places: Places::new(),
            targets: Vec::new(),
            target_places: Places::new(),
            fields: Vec::new(),
            field_index: HashMap::new(),
        }
    }

    pub(super) fn len(&self) -> usize {
        self.ids.len()
    }

    /// The place of `entity`'s content, kept on first sight.
    fn place_of(&mut self, entity: &Entity) -> u32 {
        let key = (entity.id(), content_hash(entity));
        if let Some(place) = self.places.find(key, |p| self.key(p)) {
            return place;
        }
        for (field, kind, id) in entity.references() {
            let field = match self.field_index.get(&field) {
                Some(index) => *index,
                None => {
                    let index = self.fields.len() as u32;
                    self.fields.push(field.clone());
                    self.field_index.insert(field, index);
                    index
                }
            };
            let target = match self.target_of(kind, id) {
                Some(target) => target,
                None => {
                    let target = self.targets.len() as u32;
                    self.targets.push((kind, id));
                    let targets = &self.targets;
                    self.target_places
                        .add((kind, id), target, |t| targets[t as usize]);
                    target
                }
            };
            self.refs.push((field, target));
        }
        self.refs_end.push(self.refs.len() as u32);
        self.ids.push(key.0);
        self.hashes.push(key.1);
        self.kinds.push(entity.kind());
        let place = (self.ids.len() - 1) as u32;
        let (ids, hashes) = (&self.ids, &self.hashes);
        self.places
            .add(key, place, |p| (ids[p as usize], hashes[p as usize]));
        place
    }

    fn id(&self, place: u32) -> Uuid {
        self.ids[place as usize]
    }

    fn key(&self, place: u32) -> (Uuid, u64) {
        (self.ids[place as usize], self.hashes[place as usize])
    }

    fn kind(&self, place: u32) -> EntityKind {
        self.kinds[place as usize]
    }

    /// The references of the content at `place`: field and target places.
    fn references(&self, place: u32) -> &[(u32, u32)] {
        let end = self.refs_end[place as usize] as usize;
        let start = match place {
            0 => 0,
            p => self.refs_end[p as usize - 1] as usize,
        };
        &self.refs[start..end]
    }

    /// The target place of the entity `kind` `id`, if anything refers to it.
    fn target_of(&self, kind: EntityKind, id: Uuid) -> Option<u32> {
        self.target_places
            .find((kind, id), |t| self.targets[t as usize])
    }
}

/// The rows under review, as fingerprints: which are still accepted, and
/// why the others were rejected. Each check narrows `accepted`.
pub(super) struct Review {
    /// Each row's number, as errors name it.
    row_numbers: Vec<u64>,
    /// Where each row's entities end in `row_entities`.
    rows_end: Vec<u32>,
    /// The place of each row's entities' contents, in the record's order.
    row_entities: Vec<u32>,
    pub(super) prints: Prints,
    pub(super) accepted: Vec<bool>,
    /// The errors of rejected rows, by position in the file's records.
    pub(super) errors: BTreeMap<usize, Vec<RowError>>,
    /// The rows the reader rejected, by row.
    pub(super) read_rejected: BTreeMap<u64, Rejected>,
}

fn row_error(row: u64, column: Option<String>, value: Option<String>, reason: String) -> RowError {
    RowError {
        row,
        column,
        value,
        reason,
    }
}

/// One flag per place in a list.
struct Flags(Vec<u64>);

impl Flags {
    fn new(len: usize) -> Self {
        Flags(vec![0; len.div_ceil(64)])
    }

    fn set(&mut self, place: u32) -> bool {
        let (word, bit) = (place as usize / 64, 1u64 << (place % 64));
        let was = self.0[word] & bit != 0;
        self.0[word] |= bit;
        !was
    }

    fn get(&self, place: u32) -> bool {
        self.0[place as usize / 64] & (1u64 << (place % 64)) != 0
    }
}

/// Which of the batch's entities a second reading has taken already: one
/// flag per distinct content (accepted rows agree on an id's content, so a
/// content stands for its id there).
pub(super) struct Taken(Flags);

impl Taken {
    /// Whether the `k`-th entity of row `i` is taken now for the first time
    /// (a row giving one id twice gives its first content).
    pub(super) fn first_time(&mut self, review: &Review, i: usize, k: usize) -> bool {
        let places = review.entities_of(i);
        let id = review.prints.id(places[k]);
        if places[..k].iter().any(|&p| review.prints.id(p) == id) {
            return false;
        }
        self.0.set(places[k])
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
            row_numbers: Vec::new(),
            rows_end: Vec::new(),
            row_entities: Vec::new(),
            prints: Prints::new(),
            accepted: Vec::new(),
            errors: BTreeMap::new(),
            read_rejected: read_rejected.into_iter().map(|r| (r.row, r)).collect(),
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
            let i = review.row_numbers.len();
            for entity in &record.entities {
                let place = review.prints.place_of(entity);
                review.row_entities.push(place);
            }
            review.rows_end.push(review.row_entities.len() as u32);
            review.row_numbers.push(record.row);
            review.accepted.push(true);
            for e in crate::validate_row(record.row, &record.entities, |_, _| None) {
                review.refuse(i, e);
            }
            progress.advance(1);
        }
        review
    }

    /// How many rows were read.
    pub(super) fn len(&self) -> usize {
        self.row_numbers.len()
    }

    /// The row number of the `i`-th row, as errors name it.
    fn row(&self, i: usize) -> u64 {
        self.row_numbers[i]
    }

    /// The places of the `i`-th row's entities' contents, in its order.
    fn entities_of(&self, i: usize) -> &[u32] {
        let end = self.rows_end[i] as usize;
        let start = match i {
            0 => 0,
            i => self.rows_end[i - 1] as usize,
        };
        &self.row_entities[start..end]
    }

    /// Each entity of the `i`-th row as its id and content hash.
    pub(super) fn keys_of(&self, i: usize) -> impl Iterator<Item = (Uuid, u64)> + '_ {
        self.entities_of(i).iter().map(|&p| self.prints.key(p))
    }

    /// Nothing taken yet, for a second reading.
    pub(super) fn taken(&self) -> Taken {
        Taken(Flags::new(self.prints.len()))
    }

    /// Whether a record read again is the `i`-th accepted-or-refused row of
    /// the first reading: the same row, the same entities with the same
    /// content. A source that gives anything else changed under the reader.
    pub(super) fn is_as_checked(&self, i: usize, record: &crate::Record) -> bool {
        if i >= self.len() {
            return false;
        }
        let places = self.entities_of(i);
        self.row(i) == record.row
            && places.len() == record.entities.len()
            && places.iter().zip(&record.entities).all(|(&p, e)| {
                let (id, hash) = self.prints.key(p);
                id == e.id() && hash == content_hash(e)
            })
    }

    /// Rejects row `i` for `error` (a row may collect several errors).
    fn refuse(&mut self, i: usize, error: RowError) {
        self.accepted[i] = false;
        self.errors.entry(i).or_default().push(error);
    }

    /// The rows still accepted, by position.
    pub(super) fn accepted_rows(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.len()).filter(|i| self.accepted[*i])
    }

    /// The entities referred to that an accepted row gives, one flag per
    /// target.
    fn in_batch(&self) -> Flags {
        let mut flags = Flags::new(self.prints.targets.len());
        for i in self.accepted_rows() {
            for &p in self.entities_of(i) {
                if let Some(t) = self
                    .prints
                    .target_of(self.prints.kind(p), self.prints.id(p))
                {
                    flags.set(t);
                }
            }
        }
        flags
    }

    /// Steps 2 to 5; `source` is read again when assessments or rated
    /// commitments need their dates checked.
    pub(super) async fn check(
        &mut self,
        store: &dyn Storage,
        source: &dyn Source,
    ) -> Result<(), Error> {
        self.reject_disagreeing_rows();
        self.reject_ids_of_another_kind(store).await?;
        self.reject_removed(store).await?;
        self.reject_date_conflicts(store, source).await?;
        self.reject_role_loops(store, source).await?;
        self.reject_dangling_references(store).await
    }

    /// The ids the file gives more than one content: only rows giving them
    /// can disagree.
    fn ids_with_several_contents(&self) -> HashSet<Uuid> {
        let mut places: Vec<u32> = (0..self.prints.len() as u32).collect();
        places.sort_unstable_by_key(|&p| self.prints.id(p));
        places
            .windows(2)
            .filter(|w| self.prints.id(w[0]) == self.prints.id(w[1]))
            .map(|w| self.prints.id(w[0]))
            .collect()
    }

    /// Step 2: shared entities must agree: a row giving an entity other
    /// content than an earlier accepted row is rejected, naming that row.
    fn reject_disagreeing_rows(&mut self) {
        let several = self.ids_with_several_contents();
        if several.is_empty() {
            return;
        }
        let mut first: HashMap<Uuid, (usize, u32)> = HashMap::new();
        for i in 0..self.len() {
            if !self.accepted[i] {
                continue;
            }
            let mut conflict = None;
            for &p in self.entities_of(i) {
                let (id, hash) = self.prints.key(p);
                if !several.contains(&id) {
                    continue;
                }
                match first.get(&id) {
                    Some(&(r, q)) if r != i && self.prints.key(q).1 != hash => {
                        conflict = Some((self.row(r), p, q));
                        break;
                    }
                    Some(_) => {}
                    None => {
                        first.insert(id, (i, p));
                    }
                }
            }
            if let Some((other_row, p, q)) = conflict {
                // Entities first seen in this row are no longer offered by it.
                first.retain(|_, (r, _)| *r != i);
                let (kind, id, theirs) =
                    (self.prints.kind(p), self.prints.id(p), self.prints.kind(q));
                let reason = if kind == theirs {
                    format!(
                        "gives the {kind} {id} other content than row {other_row} does; the rows must agree"
                    )
                } else {
                    format!(
                        "gives the {kind} {id}, an id row {other_row} gives its {theirs}; an id names one record, whatever its kind"
                    )
                };
                self.refuse(i, row_error(self.row(i), None, None, reason));
            }
        }
    }

    /// Step 3 (first half): an id names one record, whatever its kind: a
    /// row giving an entity whose id a record of another kind holds in the
    /// database (a removed one included) is rejected.
    async fn reject_ids_of_another_kind(&mut self, store: &dyn Storage) -> Result<(), Error> {
        let mut other: HashMap<Uuid, EntityKind> = HashMap::new();
        let places = self.prints.len() as u32;
        let mut start = 0;
        while start < places {
            let end = places.min(start + super::CHUNK as u32);
            let ids: Vec<Uuid> = (start..end).map(|p| self.prints.id(p)).collect();
            let held: HashMap<Uuid, EntityKind> = store.taken(&ids).await?.into_iter().collect();
            for p in start..end {
                let id = self.prints.id(p);
                if let Some(&holder) = held.get(&id)
                    && holder != self.prints.kind(p)
                {
                    other.insert(id, holder);
                }
            }
            start = end;
        }
        if other.is_empty() {
            return Ok(());
        }
        let refused: Vec<(usize, u32, EntityKind)> = self
            .accepted_rows()
            .filter_map(|i| {
                self.entities_of(i).iter().find_map(|&p| {
                    let holder = *other.get(&self.prints.id(p))?;
                    (holder != self.prints.kind(p)).then_some((i, p, holder))
                })
            })
            .collect();
        for (i, p, holder) in refused {
            let (kind, id) = (self.prints.kind(p), self.prints.id(p));
            let reason = format!(
                "gives the {kind} {id}, an id the database gives its {holder}; an id names one record, whatever its kind"
            );
            let value = Some(id.to_string());
            self.refuse(i, row_error(self.row(i), None, value, reason));
        }
        Ok(())
    }

    /// Step 3: what was removed from the database stays removed: an import
    /// does not bring it back (its removal was deliberate and audited).
    async fn reject_removed(&mut self, store: &dyn Storage) -> Result<(), Error> {
        // Every distinct entity of the file is asked about, chunk by chunk
        // (those of rejected rows too: harmless, and no set of the ids is
        // built); only the accepted rows are refused below.
        let mut removed: HashSet<Uuid> = HashSet::new();
        let mut asking: HashMap<EntityKind, Vec<Uuid>> = HashMap::new();
        for p in 0..self.prints.len() as u32 {
            let kind = self.prints.kind(p);
            let ids = asking.entry(kind).or_default();
            ids.push(self.prints.id(p));
            if ids.len() == super::CHUNK {
                removed.extend(store.removed(kind, ids).await?);
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
        let refused: Vec<(usize, u32)> = self
            .accepted_rows()
            .filter_map(|i| {
                let p = self
                    .entities_of(i)
                    .iter()
                    .find(|&&p| removed.contains(&self.prints.id(p)))?;
                Some((i, *p))
            })
            .collect();
        for (i, p) in refused {
            let (kind, id) = (self.prints.kind(p), self.prints.id(p));
            let reason = format!(
                "gives the {kind} {id}, which was removed from the database; an import does not bring back what was removed"
            );
            let value = Some(id.to_string());
            self.refuse(i, row_error(self.row(i), None, value, reason));
        }
        Ok(())
    }

    /// The commitments whose dates can conflict: those an assessment of
    /// the batch rates, and those of the batch a stored assessment rates.
    async fn rated_commitments(&self, store: &dyn Storage) -> Result<HashSet<Uuid>, Error> {
        let mut given = HashSet::new();
        let mut rated = HashSet::new();
        for i in self.accepted_rows() {
            for &p in self.entities_of(i) {
                match self.prints.kind(p) {
                    EntityKind::Commitment => {
                        given.insert(self.prints.id(p));
                    }
                    EntityKind::Assessment => rated.extend(
                        self.prints
                            .references(p)
                            .iter()
                            .map(|&(_, t)| self.prints.targets[t as usize])
                            .filter(|(kind, _)| *kind == EntityKind::Commitment)
                            .map(|(_, id)| id),
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
        let any_assessment = self.accepted_rows().any(|i| {
            self.entities_of(i)
                .iter()
                .any(|&p| self.prints.kind(p) == EntityKind::Assessment)
        });
        if rated.is_empty() && !any_assessment {
            return Ok(());
        }
        // What the rules need of each entity they apply to, kept instead
        // of the entities: a few dozen bytes each.
        let mut dated: Vec<(u32, Dated)> = Vec::new();
        let mut assessments: Vec<(Uuid, u32, u64)> = Vec::new();
        for (i, record) in source.records().filter_map(Result::ok).enumerate() {
            if !self.accepted[i] {
                continue;
            }
            for (e, &p) in record.entities.iter().zip(self.entities_of(i)) {
                let keep = match e {
                    Entity::Assessment(a) => {
                        // The first pass hashed its content already.
                        assessments.push((a.id.uuid(), i as u32, self.prints.key(p).1));
                        true
                    }
                    Entity::Commitment(c) => rated.contains(&c.id.uuid()),
                    _ => false,
                };
                if let Some(d) = Dated::of(e).filter(|_| keep) {
                    dated.push((i as u32, d));
                }
            }
        }
        drop(rated);
        assessments.sort_unstable();
        while self
            .reject_one_round_of_date_conflicts(store, &dated, &assessments)
            .await?
        {}
        Ok(())
    }

    /// Step 4, roles: an actor's roles must not go round in a loop through
    /// the file's actors and the database's (the services refuse it at the
    /// write; here the row is named). Only files giving actors that hold
    /// roles of others are read again.
    async fn reject_role_loops(
        &mut self,
        store: &dyn Storage,
        source: &dyn Source,
    ) -> Result<(), Error> {
        let any = self.accepted_rows().any(|i| {
            self.entities_of(i).iter().any(|&p| {
                self.prints.kind(p) == EntityKind::Actor && !self.prints.references(p).is_empty()
            })
        });
        if !any {
            return Ok(());
        }
        let mut actors: Vec<(usize, Entity)> = Vec::new();
        for (i, record) in source.records().filter_map(Result::ok).enumerate() {
            if self.accepted[i] {
                actors.extend(
                    record
                        .entities
                        .into_iter()
                        .filter(|e| matches!(e, Entity::Actor(_)))
                        .map(|e| (i, e)),
                );
            }
        }
        let entities: Vec<&Entity> = actors.iter().map(|(_, e)| e).collect();
        for (k, e) in Services::new(store).role_loops(&entities).await? {
            let i = actors[k].0;
            let column = Some(format!("actor.{}", e.field));
            self.refuse(i, row_error(self.row(i), column, None, e.reason));
        }
        Ok(())
    }

    /// Rejects the accepted rows with a date conflict; tells whether any
    /// row fell.
    async fn reject_one_round_of_date_conflicts(
        &mut self,
        store: &dyn Storage,
        dated: &[(u32, Dated)],
        assessments: &[(Uuid, u32, u64)],
    ) -> Result<bool, Error> {
        let (rows, round): (Vec<u32>, Vec<Dated>) = dated
            .iter()
            .filter(|(i, _)| self.accepted[*i as usize])
            .copied()
            .unzip();
        // How the accepted rows give a stored assessment: they agree on an
        // id's content, so the first accepted row giving the id tells, by
        // its hash. A stored assessment whose rows all fell stays as stored.
        let accepted = &self.accepted;
        let as_given = |stored: &Assessment| {
            let id = stored.id.uuid();
            let from = assessments.partition_point(|a| a.0 < id);
            let giving = assessments[from..]
                .iter()
                .take_while(|a| a.0 == id)
                .find(|a| accepted[a.1 as usize]);
            match giving {
                None => Given::Not,
                Some(a) if a.2 == content_hash(&Entity::Assessment(stored.clone())) => {
                    Given::AsStored
                }
                Some(_) => Given::Changed,
            }
        };
        let conflicts = Services::new(store)
            .dated_conflicts(&round, as_given, &HashSet::new())
            .await?;
        let changed = !conflicts.is_empty();
        for (k, e) in conflicts {
            let i = rows[k] as usize;
            let (kind, value) = match round[k] {
                Dated::Assessment { as_of, .. } => (EntityKind::Assessment, as_of.to_string()),
                Dated::Commitment { made_on, .. } => (EntityKind::Commitment, made_on.to_string()),
            };
            let column = Some(format!("{kind}.{}", e.field));
            self.refuse(i, row_error(self.row(i), column, Some(value), e.reason));
        }
        Ok(changed)
    }

    /// Step 5: references must resolve, to the batch or to the database. A
    /// row referring to a rejected row's entity is rejected in turn, until
    /// no more rows fall.
    async fn reject_dangling_references(&mut self, store: &dyn Storage) -> Result<(), Error> {
        let live = self.stored_references(store).await?;
        // The order check runs once the dangling rows have all fallen, and
        // again only if it rejected a row.
        loop {
            self.reject_dangling(&live);
            if !self.reject_one_round_of_forward(store).await? {
                return Ok(());
            }
        }
    }

    /// Step 5, order: the write takes rows in the file's order and the
    /// store checks each reference as it writes, so a row referring to an
    /// entity that only a later row gives is rejected, naming that row (an
    /// export writes every row after those it refers to). A target the
    /// database holds already is found there. Tells whether any row fell.
    async fn reject_one_round_of_forward(&mut self, store: &dyn Storage) -> Result<bool, Error> {
        const NONE: u32 = u32::MAX;
        // The first accepted row giving each target, by position.
        let mut first = vec![NONE; self.prints.targets.len()];
        for i in self.accepted_rows() {
            for &p in self.entities_of(i) {
                if let Some(t) = self
                    .prints
                    .target_of(self.prints.kind(p), self.prints.id(p))
                    && first[t as usize] == NONE
                {
                    first[t as usize] = i as u32;
                }
            }
        }
        let mut forward: Vec<(usize, EntityKind, u32, u32)> = Vec::new();
        for i in self.accepted_rows() {
            for &p in self.entities_of(i) {
                for &(field, t) in self.prints.references(p) {
                    let at = first[t as usize];
                    if at != NONE && at as usize > i {
                        forward.push((i, self.prints.kind(p), field, t));
                    }
                }
            }
        }
        if forward.is_empty() {
            return Ok(false);
        }
        // Those the database holds already are written before the file.
        let mut stored: HashSet<(EntityKind, Uuid)> = HashSet::new();
        let wanted: Vec<Uuid> = forward
            .iter()
            .map(|f| self.prints.targets[f.3 as usize].1)
            .collect::<HashSet<Uuid>>()
            .into_iter()
            .collect();
        for chunk in wanted.chunks(super::CHUNK) {
            stored.extend(store.taken(chunk).await?.into_iter().map(|(id, k)| (k, id)));
        }
        let mut changed = false;
        for (i, from, field, t) in forward {
            let (kind, id) = self.prints.targets[t as usize];
            if !self.accepted[i] || stored.contains(&(kind, id)) {
                continue;
            }
            let later = self.row(first[t as usize] as usize);
            let reason = format!(
                "refers to the {kind} {id}, which only row {later}, a later row, gives; a row must come after the rows giving what it refers to"
            );
            let column = Some(format!("{from}.{}", self.prints.fields[field as usize]));
            let row = self.row(i);
            self.refuse(i, row_error(row, column, Some(id.to_string()), reason));
            changed = true;
        }
        Ok(changed)
    }

    /// The entities outside the batch that accepted rows refer to and the
    /// store holds, one flag per target.
    async fn stored_references(&self, store: &dyn Storage) -> Result<Flags, Error> {
        let batch = self.in_batch();
        let mut outside = Flags::new(self.prints.targets.len());
        for i in self.accepted_rows() {
            for &p in self.entities_of(i) {
                for &(_, t) in self.prints.references(p) {
                    if !batch.get(t) {
                        outside.set(t);
                    }
                }
            }
        }
        drop(batch);
        let mut by_kind: HashMap<EntityKind, Vec<u32>> = HashMap::new();
        for t in 0..self.prints.targets.len() as u32 {
            if outside.get(t) {
                by_kind
                    .entry(self.prints.targets[t as usize].0)
                    .or_default()
                    .push(t);
            }
        }
        let mut live = Flags::new(self.prints.targets.len());
        for (kind, targets) in by_kind {
            for chunk in targets.chunks(super::CHUNK) {
                let ids: Vec<Uuid> = chunk
                    .iter()
                    .map(|&t| self.prints.targets[t as usize].1)
                    .collect();
                for stored in store.get_many(kind, &ids).await? {
                    if let Some(t) = self.prints.target_of(kind, stored.entity.id()) {
                        live.set(t);
                    }
                }
            }
        }
        Ok(live)
    }

    /// Rejects the accepted rows with a reference found neither in the
    /// batch nor in `live`, and then the rows whose references fall with
    /// them: each entity referred to counts the accepted rows giving it, a
    /// rejected row lowers the counts of the entities it gives, and an
    /// entity no accepted row gives any more (nor the database holds)
    /// brings down the rows referring to it. Linear in the file's
    /// references, however long a chain of rows referring to rows.
    fn reject_dangling(&mut self, live: &Flags) {
        let targets = self.prints.targets.len();
        let mut giving = vec![0u32; targets];
        for i in self.accepted_rows() {
            for &p in self.entities_of(i) {
                if let Some(t) = self.given_target(p) {
                    giving[t as usize] += 1;
                }
            }
        }
        let lost = |t: u32, giving: &[u32]| giving[t as usize] == 0 && !live.get(t);
        let mut fallen: Vec<(usize, EntityKind, u32, u32)> = self
            .accepted_rows()
            .filter_map(|i| {
                self.entities_of(i).iter().find_map(|&p| {
                    self.prints
                        .references(p)
                        .iter()
                        .find(|&&(_, t)| lost(t, &giving))
                        .map(|&(field, t)| (i, self.prints.kind(p), field, t))
                })
            })
            .collect();
        if fallen.is_empty() {
            return;
        }
        let (starts, referrers) = self.referrers();
        let mut rejected: Vec<(usize, EntityKind, u32, u32)> = Vec::new();
        let mut gone: Vec<u32> = Vec::new();
        loop {
            for (i, from, field, t) in fallen.drain(..) {
                if !self.accepted[i] {
                    continue;
                }
                self.accepted[i] = false;
                rejected.push((i, from, field, t));
                for &p in self.entities_of(i) {
                    if let Some(g) = self.given_target(p) {
                        giving[g as usize] -= 1;
                        if lost(g, &giving) {
                            gone.push(g);
                        }
                    }
                }
            }
            let Some(t) = gone.pop() else { break };
            let rows = &referrers[starts[t as usize] as usize..starts[t as usize + 1] as usize];
            for &i in rows {
                let i = i as usize;
                if !self.accepted[i] {
                    continue;
                }
                let found = self.entities_of(i).iter().find_map(|&p| {
                    self.prints
                        .references(p)
                        .iter()
                        .find(|&&(_, r)| r == t)
                        .map(|&(field, _)| (self.prints.kind(p), field))
                });
                if let Some((from, field)) = found {
                    fallen.push((i, from, field, t));
                }
            }
        }
        self.refuse_dangling(rejected);
    }

    /// The accepted rows referring to each target, in one array: those of
    /// target `t` at `referrers[starts[t]..starts[t + 1]]`.
    fn referrers(&self) -> (Vec<u32>, Vec<u32>) {
        let targets = self.prints.targets.len();
        let mut starts = vec![0u32; targets + 1];
        for i in self.accepted_rows() {
            for &p in self.entities_of(i) {
                for &(_, t) in self.prints.references(p) {
                    starts[t as usize + 1] += 1;
                }
            }
        }
        for t in 0..targets {
            starts[t + 1] += starts[t];
        }
        let mut referrers = vec![0u32; starts[targets] as usize];
        let mut next = starts.clone();
        for i in self.accepted_rows() {
            for &p in self.entities_of(i) {
                for &(_, t) in self.prints.references(p) {
                    referrers[next[t as usize] as usize] = i as u32;
                    next[t as usize] += 1;
                }
            }
        }
        (starts, referrers)
    }

    /// Gives each row that fell for a reference (row, the kind holding the
    /// reference, its field, its target) its reason.
    fn refuse_dangling(&mut self, rejected: Vec<(usize, EntityKind, u32, u32)>) {
        let giving_rows = self.rows_giving(
            rejected
                .iter()
                .map(|f| self.prints.targets[f.3 as usize])
                .collect(),
        );
        for (i, from, field, t) in rejected {
            let (kind, id) = self.prints.targets[t as usize];
            let reason = match giving_rows.get(&(kind, id)) {
                Some(row) => format!(
                    "refers to the {kind} {id}, which row {row} gives, and row {row} is rejected"
                ),
                None => format!(
                    "refers to the {kind} {id}, which is neither in the database nor in an accepted row of this file"
                ),
            };
            let column = Some(format!("{from}.{}", self.prints.fields[field as usize]));
            let row = self.row(i);
            self.refuse(i, row_error(row, column, Some(id.to_string()), reason));
        }
    }

    /// The target place of the content at `p`, if anything refers to it.
    fn given_target(&self, p: u32) -> Option<u32> {
        self.prints
            .target_of(self.prints.kind(p), self.prints.id(p))
    }

    /// The line of the first row of this file that gives each of `wanted`,
    /// accepted or not (asked only for the references that fell, so that
    /// memory holds those, not every entity of the file).
    fn rows_giving(&self, wanted: HashSet<(EntityKind, Uuid)>) -> HashMap<(EntityKind, Uuid), u64> {
        let mut rows = HashMap::new();
        for i in 0..self.len() {
            for &p in self.entities_of(i) {
                let entity = (self.prints.kind(p), self.prints.id(p));
                if wanted.contains(&entity) {
                    rows.entry(entity).or_insert(self.row(i));
                }
            }
        }
        rows
    }

    /// A hash of each accepted row's set of entity ids, to tell a row that
    /// repeats an earlier one.
    pub(super) fn entity_set_hash(&self, i: usize) -> u64 {
        let mut ids: Vec<Uuid> = self.keys_of(i).map(|k| k.0).collect();
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
        assert_eq!(review.prints.len(), distinct.len());
        assert_eq!(review.len(), parsed.records.len());
        for (i, record) in parsed.records.iter().enumerate() {
            assert_eq!(review.row(i), record.row);
            let keys: Vec<(Uuid, u64)> = record
                .entities
                .iter()
                .map(|e| (e.id(), content_hash(e)))
                .collect();
            assert_eq!(review.keys_of(i).collect::<Vec<_>>(), keys);
        }
        assert!(review.accepted.iter().all(|a| *a));
    }

    /// Step 2: a row giving a shared entity other content than an earlier
    /// accepted row is rejected, naming that row; a later row agreeing
    /// with the first stays accepted.
    #[test]
    fn a_row_giving_a_shared_entity_other_content_is_rejected_naming_the_earlier_row() {
        let mut parsed = crate::upr::read_upr_info(TEXT).unwrap();
        let tonga = parsed.records[0].entities[0].id();
        for e in &mut parsed.records[1].entities {
            if let Entity::Actor(a) = e
                && a.id.0 == tonga
            {
                a.name = "Kingdom of Tonga".parse().unwrap();
            }
        }
        let mut review = Review::read(&parsed.records, Vec::new(), &Quiet);
        assert!(review.ids_with_several_contents().contains(&tonga));
        review.reject_disagreeing_rows();
        assert_eq!(review.accepted, [true, false, true]);
        let reason = &review.errors[&1][0].reason;
        let first_row = parsed.records[0].row;
        assert!(
            reason.contains(&format!("actor {tonga} other content than row {first_row}")),
            "{reason}"
        );
        // The second reading takes each entity of the accepted rows once,
        // at its first row, and the first content of an id a row gives twice.
        let mut taken = review.taken();
        let firsts: Vec<usize> = [0, 2]
            .into_iter()
            .map(|i| {
                (0..parsed.records[i].entities.len())
                    .filter(|&k| taken.first_time(&review, i, k))
                    .count()
            })
            .collect();
        let shared = parsed.records[2]
            .entities
            .iter()
            .filter(|e| parsed.records[0].entities.iter().any(|f| f.id() == e.id()))
            .count();
        assert_eq!(firsts[0], parsed.records[0].entities.len());
        assert_eq!(firsts[1], parsed.records[2].entities.len() - shared);
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
