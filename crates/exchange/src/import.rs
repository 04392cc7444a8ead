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
//! 5. Every reference must point at an entity of the database or of an
//!    accepted row, the same row or an earlier one (the write goes in the
//!    file's order); a row referring to a rejected row's entity is rejected
//!    too.
//! 6. Each entity is compared by id with what is stored: created, updated
//!    or unchanged.
//! 7. The changes go to the store chunk by chunk in one transaction (a
//!    [`Session`](pledgewatch_core::service::Session), one audit entry per
//!    change), committed at the end, so that memory holds one chunk of
//!    changes and a failure or a kill leaves nothing. By default any
//!    rejected row stops the import before anything is written; with
//!    `skip_invalid` the good rows are written. A dry run does everything
//!    but the write.

use std::collections::{BTreeMap, HashSet};

use pledgewatch_core::error::Error;
use pledgewatch_core::model::Entity;
use pledgewatch_core::service::upsert::{self, Comparison};
use pledgewatch_core::service::{Services, Session};
use pledgewatch_core::storage::{Change, ChangeContext, Storage};
use serde::Serialize;

use crate::record::{Parsed, Record, Rejected, RowError};

mod review;
use review::Review;

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

/// Counts each comparison by kind, turns it into a change, and records
/// the strongest outcome of each row (created over updated over unchanged).
fn tally_entities(
    order: Vec<(usize, Entity)>,
    comparisons: Vec<Comparison>,
    summary: &mut Summary,
    row_outcome: &mut [Option<RowOutcome>],
) -> Vec<Change> {
    let mut changes = Vec::new();
    for ((i, entity), comparison) in order.into_iter().zip(comparisons) {
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
        changes.extend(comparison.into_change(entity));
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
fn tally_rows(review: &Review, row_outcome: &[Option<RowOutcome>], summary: &mut Summary) {
    let mut entity_sets: HashSet<u64> = HashSet::new();
    for i in review.accepted_rows() {
        let repeat = !entity_sets.insert(review.entity_set_hash(i));
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

/// Where an import's records come from. The import reads them twice (once
/// to check them, keeping fingerprints, once to write them), so a source
/// gives them again from the start on each call, in file order.
/// A row is its record, or why the reader rejected it.
pub trait Source: Sync {
    fn records(&self) -> Box<dyn Iterator<Item = Result<Record, Rejected>> + Send + '_>;

    /// Why a reading stopped short of the end (a file that failed or
    /// changed under the reader): the import then writes nothing.
    fn failure(&self) -> Option<String> {
        None
    }
}

/// Refuses to go on when a reading of `source` stopped short.
fn check_read(source: &dyn Source) -> Result<(), Error> {
    match source.failure() {
        Some(why) => Err(Error::refused(format!(
            "the file could not be read to its end a second time ({why}); nothing was written"
        ))),
        None => Ok(()),
    }
}

impl Source for Vec<Record> {
    fn records(&self) -> Box<dyn Iterator<Item = Result<Record, Rejected>> + Send + '_> {
        Box::new(self.iter().cloned().map(Ok))
    }
}

/// Steps 1 to 5: every row checked on its own, against the other rows and
/// against the store.
async fn review(
    store: &dyn Storage,
    source: &dyn Source,
    read_rejected: Vec<Rejected>,
    progress: &dyn Progress,
) -> Result<Review, Error> {
    let mut review = Review::read(source, read_rejected, progress);
    check_read(source)?;
    review.check(store, source).await?;
    check_read(source)?;
    Ok(review)
}

/// Step 6 for one chunk: its entities compared with what is stored, counted,
/// and turned into changes.
async fn compare_chunk(
    store: &dyn Storage,
    chunk: Vec<(usize, Entity)>,
    summary: &mut Summary,
    row_outcome: &mut [Option<RowOutcome>],
) -> Result<Vec<Change>, Error> {
    let comparisons = {
        let entities: Vec<&Entity> = chunk.iter().map(|(_, e)| e).collect();
        upsert::compare(store, &entities, &|_| {}).await?
    };
    let changes = tally_entities(chunk, comparisons, summary, row_outcome);
    summary.changes += changes.len() as u64;
    Ok(changes)
}

/// Where the changes of each chunk go.
enum Sink<'s, 'a> {
    /// Nowhere: a dry run, or rows rejected without `skip_invalid`.
    Count,
    /// Kept, for [`plan`].
    Keep(&'s mut Vec<Change>),
    /// Written in the session.
    Write(&'s mut Session<'a>),
}

/// The second pass: the records read again, each entity of the accepted
/// rows taken once (at its first row), compared and sent to `sink` chunk by
/// chunk; the rejected rows get their cells back.
async fn second_pass(
    store: &dyn Storage,
    source: &dyn Source,
    review: &mut Review,
    summary: &mut Summary,
    mut sink: Sink<'_, '_>,
) -> Result<Vec<Option<RowOutcome>>, Error> {
    let mut row_outcome: Vec<Option<RowOutcome>> = vec![None; review.len()];
    let mut taken = review.taken();
    let mut chunk: Vec<(usize, Entity)> = Vec::new();
    let mut records = source
        .records()
        .filter_map(Result::ok)
        .enumerate()
        .peekable();
    let mut read = 0;
    while let Some((i, record)) = records.next() {
        read = i + 1;
        if !review.is_as_checked(i, &record) {
            return Err(changed_under_reader(record.row));
        }
        if let Some(errors) = review.errors.remove(&i) {
            review.read_rejected.entry(record.row).or_insert(Rejected {
                row: record.row,
                raw: record.raw,
                errors,
            });
        } else if review.accepted[i] {
            for (k, entity) in record.entities.into_iter().enumerate() {
                if taken.first_time(review, i, k) {
                    chunk.push((i, entity));
                }
            }
        }
        if chunk.len() >= CHUNK || (records.peek().is_none() && !chunk.is_empty()) {
            let taken = std::mem::take(&mut chunk);
            let changes = compare_chunk(store, taken, summary, &mut row_outcome).await?;
            match &mut sink {
                Sink::Count => {}
                Sink::Keep(all) => all.extend(changes),
                Sink::Write(session) if !changes.is_empty() => {
                    summary.audit_entries += session.apply(changes).await?;
                }
                Sink::Write(_) => {}
            }
        }
    }
    if read != review.len() {
        check_read(source)?;
        return Err(changed_under_reader(u64::MAX));
    }
    Ok(row_outcome)
}

/// The error of a file whose second reading is not what was checked.
fn changed_under_reader(row: u64) -> Error {
    let which = match row {
        u64::MAX => "it holds fewer rows than were checked".to_owned(),
        row => format!("row {row} is not what was checked"),
    };
    Error::refused(format!(
        "the file changed while it was being imported ({which}); nothing was written"
    ))
}

/// The rows' outcomes and the rejected rows, once every chunk is compared.
fn finish(review: Review, row_outcome: &[Option<RowOutcome>], summary: &mut Summary) {
    tally_rows(&review, row_outcome, summary);
    summary.rejected_rows = review.read_rejected.into_values().collect();
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
        rejected,
        rows_read,
        ..
    } = parsed;
    let source: &dyn Source = &records;
    let mut review = review(store, source, rejected, progress).await?;
    progress.phase("comparing with the database", None);
    let mut summary = Summary {
        rows_read,
        ..Summary::default()
    };
    let mut changes = Vec::new();
    let sink = Sink::Keep(&mut changes);
    let outcomes = second_pass(store, source, &mut review, &mut summary, sink).await?;
    finish(review, &outcomes, &mut summary);
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
    let Parsed {
        records,
        rejected,
        rows_read,
        ..
    } = parsed;
    run_source(
        store, context, &records, rejected, rows_read, options, progress,
    )
    .await
}

/// [`run`] for records read from `source` (twice: to check, then to write),
/// with the rows the reader rejected and the count of rows read.
pub async fn run_source(
    store: &dyn Storage,
    context: &ChangeContext,
    source: &dyn Source,
    read_rejected: Vec<Rejected>,
    rows_read: u64,
    options: Options,
    progress: &dyn Progress,
) -> Result<Summary, Error> {
    let seen = store.audit_seq().await?;
    let mut review = review(store, source, read_rejected, progress).await?;
    let blocked = review.accepted.iter().any(|a| !a) || !review.read_rejected.is_empty();
    let blocked = blocked && !options.skip_invalid;
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
    progress.phase(phase, Some(review.len() as u64));
    let mut summary = Summary {
        rows_read,
        ..Summary::default()
    };
    let sink = match session.as_mut() {
        Some(s) => Sink::Write(s),
        None => Sink::Count,
    };
    let outcomes = second_pass(store, source, &mut review, &mut summary, sink).await?;
    check_read(source)?;
    finish(review, &outcomes, &mut summary);
    if let Some(session) = session
        && summary.changes > 0
    {
        session.commit().await?;
        summary.written = true;
    }
    Ok(summary)
}
