//! Assessments: the rule that an assessment is not dated before its
//! commitment was made, and a reviewer's approval. Both are checked here
//! once, so the web form, the API, import and the CLI agree.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use uuid::Uuid;

use super::{Services, context};
use crate::accounts::{Role, User};
use crate::audit::AuditEntry;
use crate::date::PreciseDate;
use crate::error::{Error, FieldError, Result};
use crate::ids::{AssessmentId, CommitmentId};
use crate::model::{Assessment, Commitment, Entity, EntityKind, Records, Stored};
use crate::storage::Change;

/// Why an assessment as of `as_of` cannot rate a commitment made on
/// `made_on`, if it cannot. A commitment known only to its year or month
/// counts from the first day of it, so no true date is refused.
pub fn date_error(as_of: NaiveDate, made_on: &PreciseDate) -> Option<FieldError> {
    (as_of < made_on.earliest()).then(|| {
        FieldError::new(
            "as_of",
            format!("{as_of} is before the commitment was made ({made_on})"),
        )
    })
}

/// The assessments a batch creates, updates or removes.
pub(super) fn touched(changes: &[Change]) -> HashSet<Uuid> {
    changes
        .iter()
        .filter_map(|change| match change {
            Change::Create(Entity::Assessment(a))
            | Change::Update {
                entity: Entity::Assessment(a),
                ..
            } => Some(a.id.uuid()),
            Change::Delete {
                kind: EntityKind::Assessment,
                id,
                ..
            } => Some(*id),
            _ => None,
        })
        .collect()
}

/// The reason written in the audit log of an approval.
const APPROVED: &str = "Reviewed and approved";

impl Services<'_> {
    /// Checks an assessment's date against its commitment, taken from the
    /// batch being written or else from the store.
    pub(super) async fn check_assessment_date(
        &self,
        a: &Assessment,
        batch: &HashMap<CommitmentId, PreciseDate>,
    ) -> Result<Option<FieldError>> {
        let made_on = match batch.get(&a.commitment) {
            Some(made_on) => Some(*made_on),
            None => self
                .store
                .get_record(a.commitment)
                .await?
                .map(|s| s.entity.made_on),
        };
        // A missing commitment is reported by the store as a dangling reference.
        Ok(made_on.and_then(|m| date_error(a.as_of, &m)))
    }

    /// Checks a commitment's date against the stored assessments that rate
    /// it: moving `made_on` after one of them would leave a rating dated
    /// before what it rates. Assessments the same batch writes or removes are
    /// left out (their new dates are checked on their own).
    pub(super) async fn check_rated_before(
        &self,
        c: &Commitment,
        batch: &HashSet<Uuid>,
    ) -> Result<Option<FieldError>> {
        let rating = self
            .store
            .referring(
                EntityKind::Assessment,
                EntityKind::Commitment,
                &[c.id.uuid()],
            )
            .await?;
        let earliest = rating
            .into_iter()
            .filter_map(|s| match s.entity {
                Entity::Assessment(a) if a.commitment == c.id && !batch.contains(&a.id.uuid()) => {
                    Some(a.as_of)
                }
                _ => None,
            })
            .min();
        Ok(earliest
            .filter(|as_of| *as_of < c.made_on.earliest())
            .map(|as_of| {
                FieldError::new(
                    "made_on",
                    format!(
                        "{} is after the assessment of {as_of} that rates this commitment; \
                         change or remove that assessment first",
                        c.made_on
                    ),
                )
            }))
    }

    /// A reviewer approves an assessment: it records who reviewed it and
    /// publishes it, with the unpublished developments it rests on, in one
    /// transaction. Only an enabled account with at least the reviewer role
    /// may; the edit must be based on the current version.
    pub async fn approve_assessment(
        &self,
        reviewer: &User,
        id: AssessmentId,
        expected_version: i64,
    ) -> Result<Vec<AuditEntry>> {
        if reviewer.disabled || reviewer.role < Role::Reviewer {
            return Err(Error::Refused(format!(
                "only a reviewer may approve an assessment; {} is {}",
                reviewer.username,
                if reviewer.disabled {
                    "disabled"
                } else {
                    reviewer.role.as_str()
                }
            )));
        }
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
        let developments: Vec<uuid::Uuid> =
            assessment.developments.iter().map(|d| d.uuid()).collect();
        let mut to_check = developments.clone();
        to_check.push(id.uuid());
        let published = self.store.published(&to_check).await?;
        let mut changes = vec![Change::Update {
            entity: Entity::Assessment(assessment),
            expected_version,
        }];
        changes.extend(
            developments
                .into_iter()
                .filter(|d| !published.contains_key(d))
                .map(|d| Change::Publish {
                    kind: EntityKind::Development,
                    id: d,
                }),
        );
        if !published.contains_key(&id.uuid()) {
            changes.push(Change::Publish {
                kind: EntityKind::Assessment,
                id: id.uuid(),
            });
        }
        let context = context(&reviewer.username, Some(APPROVED))?;
        self.apply(&context, changes).await
    }
}
