//! The import pipeline: what a reader made of a file, compared with the
//! record, checked, and written in one transaction.
//!
//! 1. Each row's entities are checked with the domain's rules.
//! 2. Entities several rows share (the actor "Austria", a session) are
//!    written once; a row that gives a shared entity other content than an
//!    earlier row is rejected, naming that row.
//! 3. What was removed from the database is not brought back.
//! 4. An assessment must not be dated before its commitment was made (the
//!    commitment of an accepted row or of the database), nor a commitment
//!    moved after a stored assessment that rates it.
//! 5. Every reference must point at an entity of an accepted row or of the
//!    database; a row referring to a rejected row's entity is rejected too.
//! 6. Each entity is compared by id with what is stored: created, updated
//!    or unchanged.
//! 7. The changes go to the store chunk by chunk in one transaction (a
//!    [`Session`](pledgewatch_core::service::Session), one audit entry per
//!    change), committed at the end, so that memory holds one chunk of
//!    changes and a failure or a kill leaves nothing. By default any
//!    rejected row stops the import before anything is written; with
//!    `skip_invalid` the good rows are written. A dry run does everything
//!    but the write.

use std::collections::{BTreeMap, HashMap, HashSet};

use pledgewatch_core::error::Error;
use pledgewatch_core::model::{Entity, EntityKind};
use pledgewatch_core::service::Services;
use pledgewatch_core::service::upsert::{self, Comparison};
use pledgewatch_core::storage::{Change, ChangeContext, Storage};
use serde::Serialize;
use uuid::Uuid;

use crate::record::{Parsed, Rejected, RowError};

/// How an import treats rejected rows, and whether it writes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Write the good rows even when some are rejected.
    pub skip_invalid: bool,
    /// Plan and check only; write nothing.
    pub dry_run: bool,
}

/// What happened to one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowOutcome {
    /// The row brought at least one new entity.
    Created,
    /// The row changed at least one stored entity and brought none.
    Updated,
    /// Everything the row stands for is already stored as it is.
    Unchanged,
}

/// Entity counts of one kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct KindCounts {
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
}

/// What an import did, or (dry run, or rows rejected without
/// `skip_invalid`) would have done.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub rows_read: u64,
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub rejected: u64,
    /// Of the unchanged rows, those that stand for exactly the entities of an
    /// earlier row of the file (a row repeated word for word).
    pub repeated: u64,
    /// Entities by kind.
    pub entities: BTreeMap<String, KindCounts>,
    /// Whether the changes were written.
    pub written: bool,
    /// Changes written (or to be written).
    pub changes: u64,
    /// Audit entries written.
    pub audit_entries: u64,
    /// Every reason a row was rejected, in row order.
    #[serde(skip)]
    pub rejected_rows: Vec<Rejected>,
}

impl Summary {
    /// Every row error, in row order.
    pub fn report(&self) -> impl Iterator<Item = &RowError> {
        self.rejected_rows.iter().flat_map(|r| r.errors.iter())
    }
}

/// Follows a long import.
pub trait Progress: Sync {
    /// A new phase, with the number of steps if known.
    fn phase(&self, name: &str, total: Option<u64>);
    fn advance(&self, steps: u64);
}

/// No progress shown.
#[derive(Debug, Clone, Copy, Default)]
pub struct Quiet;

impl Progress for Quiet {
    fn phase(&self, _: &str, _: Option<u64>) {}
    fn advance(&self, _: u64) {}
}

/// The changes to write and what they amount to.
#[derive(Debug, Default)]
pub struct Plan {
    pub changes: Vec<Change>,
    pub summary: Summary,
}

fn reject(rejected: &mut BTreeMap<u64, Rejected>, record: &crate::Record, error: RowError) {
    rejected
        .entry(record.row)
        .or_insert_with(|| Rejected {
            row: record.row,
            raw: record.raw.clone(),
            errors: Vec::new(),
        })
        .errors
        .push(error);
}

/// The rows under review: which are still accepted, and why the others
/// were rejected. Each check of `plan` narrows `accepted`.
struct Review<'a> {
    records: &'a [crate::Record],
    accepted: Vec<bool>,
    rejected: BTreeMap<u64, Rejected>,
}

impl<'a> Review<'a> {
    fn new(records: &'a [crate::Record], read_rejected: Vec<Rejected>) -> Self {
        Self {
            records,
            accepted: vec![true; records.len()],
            rejected: read_rejected.into_iter().map(|r| (r.row, r)).collect(),
        }
    }

    /// Rejects row `i` for `error` (a row may collect several errors).
    fn refuse(&mut self, i: usize, error: RowError) {
        self.accepted[i] = false;
        reject(&mut self.rejected, &self.records[i], error);
    }

    /// The rows still accepted, with their positions.
    fn accepted_records(&self) -> impl Iterator<Item = (usize, &'a crate::Record)> + '_ {
        let records = self.records;
        records
            .iter()
            .enumerate()
            .filter(|(i, _)| self.accepted[*i])
    }

    /// Every entity of the accepted rows, by kind and id.
    fn in_batch(&self) -> HashSet<(EntityKind, Uuid)> {
        self.accepted_records()
            .flat_map(|(_, r)| r.entities.iter().map(|e| (e.kind(), e.id())))
            .collect()
    }

    /// Step 1: each row's entities checked on their own.
    fn check_each_row(&mut self, progress: &dyn Progress) {
        progress.phase("checking rows", Some(self.records.len() as u64));
        for (i, record) in self.records.iter().enumerate() {
            let errors = crate::validate_row(record.row, &record.entities, |_, _| None);
            for e in errors {
                self.refuse(i, e);
            }
            progress.advance(1);
        }
    }

    /// Step 2: shared entities must agree: a row giving an entity other content
    /// than an earlier accepted row is rejected, naming that row.
    fn reject_disagreeing_rows(&mut self) {
        let records = self.records;
        let mut first: HashMap<Uuid, (usize, usize)> = HashMap::new();
        for (i, record) in records.iter().enumerate() {
            if !self.accepted[i] {
                continue;
            }
            let mut conflict = None;
            for (j, entity) in record.entities.iter().enumerate() {
                match first.get(&entity.id()) {
                    Some(&(r, k)) if r != i && records[r].entities[k] != *entity => {
                        conflict = Some((records[r].row, entity));
                        break;
                    }
                    Some(_) => {}
                    None => {
                        first.insert(entity.id(), (i, j));
                    }
                }
            }
            if let Some((other_row, entity)) = conflict {
                // Entities first seen in this row are no longer offered by it.
                first.retain(|_, (r, _)| *r != i);
                let reason = format!(
                    "gives the {} {} other content than row {other_row} does; the rows must agree",
                    entity.kind(),
                    entity.id()
                );
                self.refuse(i, row_error(record.row, None, None, reason));
            }
        }
    }

    /// Step 3: what was removed from the database stays removed: an import does
    /// not bring it back (its removal was deliberate and audited).
    async fn reject_removed(&mut self, store: &dyn Storage) -> Result<(), Error> {
        let mut ids_by_kind: HashMap<EntityKind, HashSet<Uuid>> = HashMap::new();
        for (_, record) in self.accepted_records() {
            for entity in &record.entities {
                ids_by_kind
                    .entry(entity.kind())
                    .or_default()
                    .insert(entity.id());
            }
        }
        let mut removed: HashSet<Uuid> = HashSet::new();
        for (kind, ids) in ids_by_kind {
            let ids: Vec<Uuid> = ids.into_iter().collect();
            removed.extend(store.removed(kind, &ids).await?);
        }
        if removed.is_empty() {
            return Ok(());
        }
        let refused: Vec<(usize, &Entity)> = self
            .accepted_records()
            .filter_map(|(i, record)| {
                let entity = record.entities.iter().find(|e| removed.contains(&e.id()))?;
                Some((i, entity))
            })
            .collect();
        for (i, entity) in refused {
            let reason = format!(
                "gives the {} {}, which was removed from the database; an import does not bring back what was removed",
                entity.kind(),
                entity.id()
            );
            let value = Some(entity.id().to_string());
            self.refuse(i, row_error(self.records[i].row, None, value, reason));
        }
        Ok(())
    }

    /// Step 4: the date rules between assessments and commitments, asked of
    /// the services for the entities of every accepted row at once: a row
    /// giving an assessment dated before its commitment was made, or moving
    /// a commitment after a stored assessment that rates it, is rejected
    /// with the field's error. The services check the same rules at the
    /// write; checking them here names the row instead of refusing the file.
    /// A rejected row's assessment is no longer written, so its stored date
    /// may now hold a commitment back: the check runs again until no more
    /// rows fall.
    async fn reject_date_conflicts(&mut self, store: &dyn Storage) -> Result<(), Error> {
        while self.reject_one_round_of_date_conflicts(store).await? {}
        Ok(())
    }

    /// Rejects the accepted rows with a date conflict; tells whether any
    /// row fell.
    async fn reject_one_round_of_date_conflicts(
        &mut self,
        store: &dyn Storage,
    ) -> Result<bool, Error> {
        let (rows, entities): (Vec<usize>, Vec<&Entity>) = self
            .accepted_records()
            .flat_map(|(i, r)| r.entities.iter().map(move |e| (i, e)))
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
            self.refuse(i, row_error(self.records[i].row, column, value, e.reason));
        }
        Ok(changed)
    }

    /// Step 5: references must resolve, to the batch or to the database. A row
    /// referring to a rejected row's entity is rejected in turn, until no
    /// more rows fall.
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
        for (_, record) in self.accepted_records() {
            for entity in &record.entities {
                for (_, kind, id) in entity.references() {
                    if !batch.contains(&(kind, id)) {
                        outside.entry(kind).or_default().insert(id);
                    }
                }
            }
        }
        let mut live: HashSet<(EntityKind, Uuid)> = HashSet::new();
        for (kind, ids) in outside {
            let ids: Vec<Uuid> = ids.into_iter().collect();
            for stored in store.get_many(kind, &ids).await? {
                live.insert((kind, stored.entity.id()));
            }
        }
        Ok(live)
    }

    /// Rejects the accepted rows with a reference found neither in the
    /// batch nor in `live`; tells whether any row fell.
    fn reject_one_round_of_dangling(&mut self, live: &HashSet<(EntityKind, Uuid)>) -> bool {
        let batch = self.in_batch();
        let giving = self.rows_giving();
        let mut changed = false;
        for i in 0..self.records.len() {
            if !self.accepted[i] {
                continue;
            }
            let record = &self.records[i];
            let missing = record.entities.iter().find_map(|entity| {
                entity
                    .references()
                    .into_iter()
                    .find(|(_, kind, id)| {
                        !batch.contains(&(*kind, *id)) && !live.contains(&(*kind, *id))
                    })
                    .map(|r| (entity.kind(), r))
            });
            if let Some((from, (field, kind, id))) = missing {
                changed = true;
                let reason = match giving.get(&(kind, id)) {
                    Some(row) => format!(
                        "refers to the {kind} {id}, which row {row} gives, and row {row} is rejected"
                    ),
                    None => format!(
                        "refers to the {kind} {id}, which is neither in the database nor in an accepted row of this file"
                    ),
                };
                let column = Some(format!("{from}.{field}"));
                self.refuse(
                    i,
                    row_error(record.row, column, Some(id.to_string()), reason),
                );
            }
        }
        changed
    }

    /// The line of the first row of this file that gives each entity,
    /// accepted or not.
    fn rows_giving(&self) -> HashMap<(EntityKind, Uuid), u64> {
        let mut rows = HashMap::new();
        for record in self.records {
            for e in &record.entities {
                rows.entry((e.kind(), e.id())).or_insert(record.row);
            }
        }
        rows
    }

    /// Each entity of the accepted rows once, at its first row, in file order.
    fn entities_to_compare(&self) -> Vec<(usize, &'a Entity)> {
        let mut order: Vec<(usize, &Entity)> = Vec::new();
        let mut seen: HashSet<Uuid> = HashSet::new();
        for (i, record) in self.accepted_records() {
            for entity in &record.entities {
                if seen.insert(entity.id()) {
                    order.push((i, entity));
                }
            }
        }
        order
    }
}

fn row_error(row: u64, column: Option<String>, value: Option<String>, reason: String) -> RowError {
    RowError {
        row,
        column,
        value,
        reason,
    }
}

/// Counts each comparison by kind, turns it into a change, and records
/// the strongest outcome of each row (created over updated over unchanged).
fn tally_entities(
    order: &[(usize, &Entity)],
    comparisons: Vec<Comparison>,
    summary: &mut Summary,
    row_outcome: &mut [Option<RowOutcome>],
) -> Vec<Change> {
    let mut changes = Vec::new();
    for (&(i, entity), comparison) in order.iter().zip(comparisons) {
        let counts = summary
            .entities
            .entry(entity.kind().as_str().to_owned())
            .or_default();
        // Removed entities were rejected above (step 3); one removed since is
        // planned as new, and the store refuses it at the write.
        let comparison = match comparison {
            Comparison::Removed => Comparison::New,
            other => other,
        };
        let outcome = match comparison {
            Comparison::New | Comparison::Removed => {
                counts.created += 1;
                RowOutcome::Created
            }
            Comparison::Same => {
                counts.unchanged += 1;
                RowOutcome::Unchanged
            }
            Comparison::Changed { .. } => {
                counts.updated += 1;
                RowOutcome::Updated
            }
        };
        changes.extend(comparison.into_change(entity.clone()));
        let slot = &mut row_outcome[i];
        *slot = Some(match (*slot, outcome) {
            (Some(RowOutcome::Created), _) | (_, RowOutcome::Created) => RowOutcome::Created,
            (Some(RowOutcome::Updated), _) | (_, RowOutcome::Updated) => RowOutcome::Updated,
            _ => RowOutcome::Unchanged,
        });
    }
    changes
}

/// Counts the accepted rows by outcome, and the unchanged rows that repeat
/// an earlier row's entities.
fn tally_rows(review: &Review<'_>, row_outcome: &[Option<RowOutcome>], summary: &mut Summary) {
    let mut entity_sets: HashSet<Vec<Uuid>> = HashSet::new();
    for (i, record) in review.accepted_records() {
        let mut ids: Vec<Uuid> = record.entities.iter().map(Entity::id).collect();
        ids.sort_unstable();
        let repeat = !entity_sets.insert(ids);
        match row_outcome[i].unwrap_or(RowOutcome::Unchanged) {
            RowOutcome::Created => summary.created += 1,
            RowOutcome::Updated => summary.updated += 1,
            RowOutcome::Unchanged => {
                summary.unchanged += 1;
                if repeat {
                    summary.repeated += 1;
                }
            }
        }
    }
}

/// Entities compared with the store and written per chunk: enough to keep
/// statements few, few enough that memory stays flat however long the file.
const CHUNK: usize = 2_000;

/// Steps 1 to 5: every row checked on its own, against the other rows and
/// against the store.
async fn review<'a>(
    store: &dyn Storage,
    records: &'a [crate::Record],
    read_rejected: Vec<Rejected>,
    progress: &dyn Progress,
) -> Result<Review<'a>, Error> {
    let mut review = Review::new(records, read_rejected);
    review.check_each_row(progress);
    review.reject_disagreeing_rows();
    review.reject_removed(store).await?;
    review.reject_date_conflicts(store).await?;
    review.reject_dangling_references(store).await?;
    Ok(review)
}

/// Step 6 for one chunk: its entities compared with what is stored, counted,
/// and turned into changes.
async fn compare_chunk(
    store: &dyn Storage,
    chunk: &[(usize, &Entity)],
    summary: &mut Summary,
    row_outcome: &mut [Option<RowOutcome>],
) -> Result<Vec<Change>, Error> {
    let entities: Vec<&Entity> = chunk.iter().map(|(_, e)| *e).collect();
    let comparisons = upsert::compare(store, &entities, &|_| {}).await?;
    let changes = tally_entities(chunk, comparisons, summary, row_outcome);
    summary.changes += changes.len() as u64;
    Ok(changes)
}

/// The rows' outcomes and the rejected rows, once every chunk is compared.
fn finish(review: Review<'_>, row_outcome: &[Option<RowOutcome>], summary: &mut Summary) {
    tally_rows(&review, row_outcome, summary);
    summary.rejected_rows = review.rejected.into_values().collect();
    summary.rejected = summary.rejected_rows.len() as u64;
}

/// Builds the whole plan of an import in memory: checks every row, compares
/// with the store. [`run`] does the same chunk by chunk, writing as it goes.
pub async fn plan(
    store: &dyn Storage,
    parsed: Parsed,
    progress: &dyn Progress,
) -> Result<Plan, Error> {
    let Parsed {
        records,
        rejected: read_rejected,
        rows_read,
        ..
    } = parsed;
    let review = review(store, &records, read_rejected, progress).await?;
    let order = review.entities_to_compare();
    progress.phase("comparing with the database", Some(order.len() as u64));
    let mut summary = Summary {
        rows_read,
        ..Summary::default()
    };
    let mut row_outcome: Vec<Option<RowOutcome>> = vec![None; records.len()];
    let mut changes = Vec::new();
    for chunk in order.chunks(CHUNK) {
        changes.extend(compare_chunk(store, chunk, &mut summary, &mut row_outcome).await?);
        progress.advance(chunk.len() as u64);
    }
    finish(review, &row_outcome, &mut summary);
    Ok(Plan { changes, summary })
}

/// Checks every row, then compares and (unless it is a dry run or, without
/// `skip_invalid`, a row was rejected) writes the entities chunk by chunk in
/// one transaction, committed at the end: memory holds one chunk of
/// changes, never the whole plan.
pub async fn run(
    store: &dyn Storage,
    context: &ChangeContext,
    parsed: Parsed,
    options: Options,
    progress: &dyn Progress,
) -> Result<Summary, Error> {
    let seen = store.audit_seq().await?;
    let Parsed {
        records,
        rejected: read_rejected,
        rows_read,
        ..
    } = parsed;
    let review = review(store, &records, read_rejected, progress).await?;
    let order = review.entities_to_compare();
    let blocked = !review.rejected.is_empty() && !options.skip_invalid;
    // The session holds the write lock from here to the commit; it is
    // refused if anything was written since the checks above began.
    let mut session = if options.dry_run || blocked {
        None
    } else {
        Some(Services::new(store).begin(context, seen).await?)
    };
    let phase = match session {
        Some(_) => "writing in one transaction",
        None => "comparing with the database",
    };
    progress.phase(phase, Some(order.len() as u64));
    let mut summary = Summary {
        rows_read,
        ..Summary::default()
    };
    let mut row_outcome: Vec<Option<RowOutcome>> = vec![None; records.len()];
    for chunk in order.chunks(CHUNK) {
        let changes = compare_chunk(store, chunk, &mut summary, &mut row_outcome).await?;
        if let Some(session) = session.as_mut()
            && !changes.is_empty()
        {
            summary.audit_entries += session.apply(changes).await?;
        }
        progress.advance(chunk.len() as u64);
    }
    finish(review, &row_outcome, &mut summary);
    if let Some(session) = session
        && summary.changes > 0
    {
        session.commit().await?;
        summary.written = true;
    }
    Ok(summary)
}
