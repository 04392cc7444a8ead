//! Assessments: the date rules between an assessment and its commitment (an
//! assessment is not dated before its commitment was made; a commitment is
//! not moved after an assessment that rates it), and a reviewer's approval.
//! They are checked here once, through [`Services::date_conflicts`], so the
//! web form, the API, import and the CLI agree.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use uuid::Uuid;

use super::Services;
use crate::accounts::User;
use crate::audit::AuditEntry;
use crate::date::PreciseDate;
use crate::error::{Error, FieldError, Result, Said};
use crate::ids::{AssessmentId, CommitmentId};
use crate::model::{Assessment, Entity, EntityKind, Records, Stored};
use crate::storage::Change;

/// Why an assessment as of `as_of` cannot rate a commitment made on
/// `made_on`, if it cannot. A commitment known only to its year or month
/// counts from the first day of it, so no true date is refused.
pub fn date_error(as_of: NaiveDate, made_on: &PreciseDate) -> Option<FieldError> {
    (as_of < made_on.earliest()).then(|| {
        FieldError::said(
            "as_of",
            Said::new("reason-assessment-before-made")
                .day("date", as_of)
                .date("made", made_on),
        )
    })
}

/// Why commitment `c` cannot be made on its `made_on` when an assessment as
/// of `earliest_rating` rates it, if it cannot: the rating would be dated
/// before what it rates.
fn rated_before_error(made_on: &PreciseDate, earliest_rating: NaiveDate) -> Option<FieldError> {
    (earliest_rating < made_on.earliest()).then(|| {
        FieldError::said(
            "made_on",
            Said::new("reason-made-after-assessment")
                .date("made", made_on)
                .day("rating", earliest_rating),
        )
    })
}

/// What the date rules need to know of an entity a batch writes: an
/// assessment's date and commitment, a commitment's date. A long batch
/// (an import) can keep these instead of its entities.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dated {
    Assessment {
        id: AssessmentId,
        commitment: CommitmentId,
        as_of: NaiveDate,
    },
    Commitment {
        id: CommitmentId,
        made_on: PreciseDate,
    },
}

impl Dated {
    /// What the date rules need of `entity`, if they apply to it.
    pub fn of(entity: &Entity) -> Option<Self> {
        match entity {
            Entity::Assessment(a) => Some(Dated::Assessment {
                id: a.id,
                commitment: a.commitment,
                as_of: a.as_of,
            }),
            Entity::Commitment(c) => Some(Dated::Commitment {
                id: c.id,
                made_on: c.made_on,
            }),
            _ => None,
        }
    }
}

/// How a batch gives an assessment the store holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Given {
    /// The batch does not give it.
    Not,
    /// The batch gives it exactly as stored.
    AsStored,
    /// The batch gives it changed.
    Changed,
}

/// How many stored records a date check reads at once: a long batch's
/// lookups go to the store in pieces, never all in one query.
const STORED_CHUNK: usize = 10_000;

/// The stored assessments that hold the batch's commitments back.
#[derive(Debug, Default)]
struct StoredRatings {
    /// The date of the earliest one rating each commitment.
    earliest: HashMap<CommitmentId, NaiveDate>,
    /// Those the batch gives exactly as stored.
    as_stored: HashSet<AssessmentId>,
}

/// The assessments a batch removes.
pub(super) fn removed(changes: &[Change]) -> HashSet<Uuid> {
    changes
        .iter()
        .filter_map(|change| match change {
            Change::Delete {
                kind: EntityKind::Assessment,
                id,
                ..
            } => Some(*id),
            _ => None,
        })
        .collect()
}

impl Services<'_> {
    /// The date conflicts of a batch of entities about to be written, by
    /// position in `entities`, in that order: an assessment dated before its
    /// commitment was made (the commitment taken from the batch, else from
    /// the store), and a commitment moved after a stored assessment that rates
    /// it. Stored records are looked up in bulk, so a whole import file costs
    /// two reads.
    ///
    /// An assessment the batch changes is checked on its own against its
    /// commitment, and does not hold the commitment back with its old date.
    /// One the batch gives exactly as stored counts as stored: when its
    /// commitment moves after it, the commitment is what changed, so the
    /// conflict is the commitment's.
    pub async fn date_conflicts(&self, entities: &[&Entity]) -> Result<Vec<(usize, FieldError)>> {
        self.date_conflicts_leaving(entities, &HashSet::new()).await
    }

    /// [`Self::date_conflicts`] for a batch that also removes the assessments
    /// `removed`, which no longer hold a commitment's date back.
    pub(super) async fn date_conflicts_leaving(
        &self,
        entities: &[&Entity],
        removed: &HashSet<Uuid>,
    ) -> Result<Vec<(usize, FieldError)>> {
        let (at, dated): (Vec<usize>, Vec<Dated>) = entities
            .iter()
            .enumerate()
            .filter_map(|(i, e)| Some((i, Dated::of(e)?)))
            .unzip();
        let given: HashMap<AssessmentId, &Assessment> = entities
            .iter()
            .filter_map(|e| match e {
                Entity::Assessment(a) => Some((a.id, a)),
                _ => None,
            })
            .collect();
        let as_given = |stored: &Assessment| match given.get(&stored.id) {
            None => Given::Not,
            Some(new) if **new == *stored => Given::AsStored,
            Some(_) => Given::Changed,
        };
        let conflicts = self.dated_conflicts(&dated, as_given, removed).await?;
        Ok(conflicts.into_iter().map(|(k, e)| (at[k], e)).collect())
    }

    /// [`Self::date_conflicts`] for a batch known by what the date rules
    /// need of it, by position in `dated`. `as_given` tells how the batch
    /// gives a stored assessment (the batch's entities themselves may be
    /// out of reach, as an import's rows are); `removed` are the
    /// assessments the batch removes.
    pub async fn dated_conflicts(
        &self,
        dated: &[Dated],
        as_given: impl Fn(&Assessment) -> Given,
        removed: &HashSet<Uuid>,
    ) -> Result<Vec<(usize, FieldError)>> {
        let made_on = self.commitment_dates(dated).await?;
        let ratings = self.stored_ratings(dated, as_given, removed).await?;
        let mut conflicts = Vec::new();
        for (i, d) in dated.iter().enumerate() {
            let conflict = match d {
                Dated::Assessment {
                    id,
                    commitment,
                    as_of,
                } if !ratings.as_stored.contains(id) => {
                    made_on.get(commitment).and_then(|m| date_error(*as_of, m))
                }
                Dated::Commitment { id, made_on } => ratings
                    .earliest
                    .get(id)
                    .and_then(|as_of| rated_before_error(made_on, *as_of)),
                Dated::Assessment { .. } => None,
            };
            conflicts.extend(conflict.map(|e| (i, e)));
        }
        Ok(conflicts)
    }

    /// When each commitment the batch's assessments rate was made: as the
    /// batch gives it, else as stored. A missing commitment is left out (the
    /// store reports it as a dangling reference).
    async fn commitment_dates(
        &self,
        dated: &[Dated],
    ) -> Result<HashMap<CommitmentId, PreciseDate>> {
        let mut made_on: HashMap<CommitmentId, PreciseDate> = dated
            .iter()
            .filter_map(|d| match d {
                Dated::Commitment { id, made_on } => Some((*id, *made_on)),
                Dated::Assessment { .. } => None,
            })
            .collect();
        let wanted: HashSet<CommitmentId> = dated
            .iter()
            .filter_map(|d| match d {
                Dated::Assessment { commitment, .. } if !made_on.contains_key(commitment) => {
                    Some(*commitment)
                }
                _ => None,
            })
            .collect();
        if !wanted.is_empty() {
            let wanted: Vec<CommitmentId> = wanted.into_iter().collect();
            for chunk in wanted.chunks(STORED_CHUNK) {
                for stored in self.store.get_records(chunk).await? {
                    made_on.insert(stored.entity.id, stored.entity.made_on);
                }
            }
        }
        Ok(made_on)
    }

    /// The stored assessments that rate the batch's commitments and still
    /// will after it: not removed, and not changed by the batch.
    async fn stored_ratings(
        &self,
        dated: &[Dated],
        as_given: impl Fn(&Assessment) -> Given,
        removed: &HashSet<Uuid>,
    ) -> Result<StoredRatings> {
        let mut ratings = StoredRatings::default();
        let commitments: Vec<Uuid> = dated
            .iter()
            .filter_map(|d| match d {
                Dated::Commitment { id, .. } => Some(id.uuid()),
                Dated::Assessment { .. } => None,
            })
            .collect::<HashSet<Uuid>>()
            .into_iter()
            .collect();
        for chunk in commitments.chunks(STORED_CHUNK) {
            let rating = self
                .store
                .referring(EntityKind::Assessment, EntityKind::Commitment, chunk)
                .await?;
            for stored in rating {
                let Entity::Assessment(a) = stored.entity else {
                    continue;
                };
                if removed.contains(&a.id.uuid()) {
                    continue;
                }
                match as_given(&a) {
                    Given::Changed => continue,
                    Given::AsStored => {
                        ratings.as_stored.insert(a.id);
                    }
                    Given::Not => {}
                }
                let first = ratings.earliest.entry(a.commitment).or_insert(a.as_of);
                *first = (*first).min(a.as_of);
            }
        }
        Ok(ratings)
    }

    /// A reviewer approves an assessment: it records who reviewed it and
    /// publishes that version, in one transaction (see
    /// [`Services::approve`] for the rules: not one's own rating, and the
    /// developments and sources it rests on published with it when
    /// `approval.with_references`, refused otherwise). The edit must be
    /// based on the current version.
    pub async fn approve_assessment(
        &self,
        reviewer: &User,
        id: AssessmentId,
        expected_version: i64,
        approval: super::review::Approval,
    ) -> Result<Vec<AuditEntry>> {
        super::review::require_reviewer(reviewer, "reason-reviewer-what-approve-assessment")?;
        let Some(Stored {
            entity: mut assessment,
            ..
        }) = self.store.get_record(id).await?
        else {
            return Err(Error::NotFound {
                kind: "assessment",
                id: id.to_string(),
            });
        };
        assessment.reviewed_by = Some(reviewer.username.clone());
        self.approve_with(
            reviewer,
            EntityKind::Assessment,
            id.uuid(),
            approval,
            Some((Entity::Assessment(assessment), expected_version)),
        )
        .await
    }
}
