//! Domain services: the only way the CLI, the web pages, the API and import
//! change the record. They validate each entity, check the rules that span
//! entities (a milestone deadline, an assessment's date against its
//! commitment), and hand the batch to the store, which writes it with its
//! audit entries in one transaction. The use cases of one family live in a
//! submodule: [`assessments`] (the date rule, approval), [`accounts`]
//! (registration and password hashing), [`upsert`] (the comparison with the
//! store that loading a dataset and import share).

use std::collections::HashMap;

use uuid::Uuid;

pub mod accounts;
pub mod assessments;
pub mod review;
mod roles;
pub mod upsert;

use crate::audit::{self, AuditEntry};
use crate::error::{Error, FieldError, Result, Said, ValidationErrors};
use crate::ids::MilestoneId;
use crate::model::{DateRef, Entity, EntityKind, Milestone, Records, Timing};
use crate::storage::{Applied, Change, ChangeContext, ChangeSession, Storage};
use crate::validate::{self, MAX_TEXT};

/// The services over one store.
#[derive(Clone, Copy)]
pub struct Services<'a> {
    store: &'a dyn Storage,
}

impl std::fmt::Debug for Services<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Services")
            .field("store", &self.store.info())
            .finish()
    }
}

/// Builds the context of a change made now.
pub fn context(actor: &str, reason: Option<&str>) -> Result<ChangeContext> {
    let mut errors = ValidationErrors::default();
    if actor.trim().is_empty() || actor.chars().count() > 200 || actor.chars().any(char::is_control)
    {
        errors.push(FieldError::said("actor", Said::new("reason-actor-name")));
    }
    if let Some(r) = reason
        && (r.trim().is_empty() || r.chars().count() > MAX_TEXT)
    {
        errors.push(FieldError::said(
            "reason",
            Said::new("reason-change-reason-length").count("max", MAX_TEXT),
        ));
    }
    errors.into_result()?;
    Ok(ChangeContext {
        actor: actor.trim().to_owned(),
        reason: reason.map(|r| r.trim().to_owned()),
        at: audit::now(),
    })
}

impl<'a> Services<'a> {
    pub fn new(store: &'a dyn Storage) -> Self {
        Self { store }
    }

    pub fn store(&self) -> &'a dyn Storage {
        self.store
    }

    pub async fn create(&self, context: &ChangeContext, entity: Entity) -> Result<AuditEntry> {
        self.single(context, Change::Create(entity)).await
    }

    /// Updates an entity. A concern's description and a dossier's summary
    /// are revised by the dated-text rule (`Concern::revised_into`): a text
    /// as of a later day keeps the one it replaces as an earlier version.
    pub async fn update(
        &self,
        context: &ChangeContext,
        entity: Entity,
        expected_version: i64,
    ) -> Result<AuditEntry> {
        let entity = self.revise_dated_texts(entity).await?;
        self.single(
            context,
            Change::Update {
                entity,
                expected_version,
            },
        )
        .await
    }

    async fn revise_dated_texts(&self, entity: Entity) -> Result<Entity> {
        Ok(match entity {
            Entity::Concern(edited) => match self.store.get_record(edited.id).await? {
                Some(old) => Entity::Concern(old.entity.revised_into(edited)?),
                None => Entity::Concern(edited),
            },
            Entity::Dossier(edited) => match self.store.get_record(edited.id).await? {
                Some(old) => Entity::Dossier(old.entity.revised_into(edited)?),
                None => Entity::Dossier(edited),
            },
            other => other,
        })
    }

    /// Makes an entity visible to the public, or withdraws it, recording
    /// which in the audit log.
    pub async fn set_published(
        &self,
        actor: &str,
        kind: EntityKind,
        id: Uuid,
        publish: bool,
    ) -> Result<AuditEntry> {
        let (reason, change) = if publish {
            ("Published", Change::Publish { kind, id })
        } else {
            ("Withdrawn from the public", Change::Unpublish { kind, id })
        };
        self.single(&context(actor, Some(reason))?, change).await
    }

    /// Removes an entity; a reason is required.
    pub async fn delete(
        &self,
        context: &ChangeContext,
        kind: EntityKind,
        id: Uuid,
        expected_version: i64,
    ) -> Result<AuditEntry> {
        if context.reason.is_none() {
            return Err(FieldError::said("reason", Said::new("reason-remove-needs-reason")).into());
        }
        self.single(
            context,
            Change::Delete {
                kind,
                id,
                expected_version,
            },
        )
        .await
    }

    async fn single(&self, context: &ChangeContext, change: Change) -> Result<AuditEntry> {
        self.apply(context, vec![change])
            .await?
            .pop()
            .ok_or_else(|| Error::storage("applying a change", "the store wrote no audit entry"))
    }

    /// Validates every change, then applies them all in one transaction.
    /// Errors name the change's position in the batch and the field.
    ///
    /// The rules between records (an assessment's date against its
    /// commitment's, a deadline against its milestone) read the store before
    /// the write. So that a write landing in between cannot slip past them,
    /// a batch they apply to is written only if nothing was written since
    /// the checks began (`apply_if_unchanged`); if something was, the
    /// changes come back and are checked again, a few times, before giving
    /// up with `Error::Changed`.
    pub async fn apply(
        &self,
        context: &ChangeContext,
        mut changes: Vec<Change>,
    ) -> Result<Vec<AuditEntry>> {
        const ATTEMPTS: usize = 4;
        if !changes.iter().any(read_across_records) {
            self.check(&changes).await?;
            return self.store.apply(context, changes).await;
        }
        for _ in 0..ATTEMPTS {
            let seen = self.store.audit_seq().await?;
            self.check(&changes).await?;
            match self
                .store
                .apply_if_unchanged(context, changes, seen)
                .await?
            {
                Applied::Written(entries) => return Ok(entries),
                Applied::Stale(back) => changes = back,
            }
        }
        Err(Error::Changed)
    }

    /// Opens a session writing changes in chunks in one transaction (an
    /// import that must not hold them all). `seen` is the audit log's length
    /// when the caller's own checks began: if anything was written since,
    /// the session is refused with `Error::Changed`, as those checks may no
    /// longer hold. From then on the session holds the write lock, so
    /// nothing lands between a chunk's checks and its write.
    pub async fn begin(&self, context: &ChangeContext, seen: i64) -> Result<Session<'a>> {
        let inner = self.store.begin_changes(context).await?;
        if inner.began_at() != seen {
            return Err(Error::Changed);
        }
        Ok(Session {
            services: *self,
            inner,
        })
    }

    /// Every change's own rules and the rules between records, as the store
    /// holds them now.
    async fn check(&self, changes: &[Change]) -> Result<()> {
        let mut errors = ValidationErrors::default();
        let batch_milestones: HashMap<MilestoneId, Milestone> = changes
            .iter()
            .filter_map(|c| match c {
                Change::Create(Entity::Milestone(m))
                | Change::Update {
                    entity: Entity::Milestone(m),
                    ..
                } => Some((m.id, m.clone())),
                _ => None,
            })
            .collect();
        let mut loops = self.batch_role_loops(changes).await?.into_iter().peekable();
        let mut dates = self
            .batch_date_conflicts(changes)
            .await?
            .into_iter()
            .peekable();
        let many = changes.len() > 1;
        for (i, change) in changes.iter().enumerate() {
            let prefix = |field: &str| {
                if many {
                    format!("changes[{i}] ({}).{field}", change.kind())
                } else {
                    field.to_owned()
                }
            };
            let entity = match change {
                Change::Create(e) | Change::Update { entity: e, .. } => e,
                Change::Delete { .. }
                | Change::Publish { .. }
                | Change::Unpublish { .. }
                | Change::SendBack { .. } => {
                    continue;
                }
            };
            if let Err(found) = validate::validate(entity) {
                for e in found.0 {
                    let field = prefix(&e.field);
                    errors.push(e.renamed(field));
                }
            }
            while let Some((_, e)) = loops.next_if(|(at, _)| *at == i) {
                let field = prefix(&e.field);
                errors.push(e.renamed(field));
            }
            if let Entity::Commitment(c) = entity {
                for e in self.check_milestone_deadline(c, &batch_milestones).await? {
                    let field = prefix(&e.field);
                    errors.push(e.renamed(field));
                }
            }
            // The date conflicts come in change order, after the change's
            // other errors, as each change's checks did before.
            while let Some((_, e)) = dates.next_if(|(at, _)| *at == i) {
                let field = prefix(&e.field);
                errors.push(e.renamed(field));
            }
        }
        errors.into_result()?;
        review::check_publications(self.store, changes).await
    }

    /// The role loops of the actors a batch of changes writes, by position
    /// of the change in `changes`.
    async fn batch_role_loops(&self, changes: &[Change]) -> Result<Vec<(usize, FieldError)>> {
        let (at, entities): (Vec<usize>, Vec<&Entity>) = changes
            .iter()
            .enumerate()
            .filter_map(|(i, change)| match change {
                Change::Create(e) | Change::Update { entity: e, .. }
                    if matches!(e, Entity::Actor(_)) =>
                {
                    Some((i, e))
                }
                _ => None,
            })
            .unzip();
        let loops = self.role_loops(&entities).await?;
        Ok(loops.into_iter().map(|(k, e)| (at[k], e)).collect())
    }

    /// The date conflicts of the entities a batch of changes writes, by
    /// position of the change in `changes`.
    async fn batch_date_conflicts(&self, changes: &[Change]) -> Result<Vec<(usize, FieldError)>> {
        let (at, entities): (Vec<usize>, Vec<&Entity>) = changes
            .iter()
            .enumerate()
            .filter_map(|(i, change)| match change {
                Change::Create(e) | Change::Update { entity: e, .. } => Some((i, e)),
                Change::Delete { .. }
                | Change::Publish { .. }
                | Change::Unpublish { .. }
                | Change::SendBack { .. } => None,
            })
            .unzip();
        let removed = assessments::removed(changes);
        let conflicts = self.date_conflicts_leaving(&entities, &removed).await?;
        Ok(conflicts.into_iter().map(|(k, e)| (at[k], e)).collect())
    }

    /// A deadline tied to a milestone must not fall before the commitment.
    async fn check_milestone_deadline(
        &self,
        c: &crate::model::Commitment,
        batch: &HashMap<MilestoneId, Milestone>,
    ) -> Result<Vec<FieldError>> {
        let Timing::ByDeadline {
            deadline:
                DateRef::Milestone {
                    milestone,
                    offset_days,
                },
            ..
        } = &c.timing
        else {
            return Ok(vec![]);
        };
        let m = match batch.get(milestone) {
            Some(m) => Some(m.clone()),
            None => self.store.get_record(*milestone).await?.map(|s| s.entity),
        };
        // A missing milestone is reported by the store as a dangling reference.
        let Some(m) = m else { return Ok(vec![]) };
        let due = m.date.earliest() + chrono::Duration::days(i64::from(*offset_days));
        if due < c.made_on.earliest() {
            return Ok(vec![FieldError::said(
                "timing.deadline",
                Said::new("reason-milestone-deadline-before-made")
                    .day("deadline", due)
                    .text("milestone", &m.title)
                    .date("made", &c.made_on),
            )]);
        }
        Ok(vec![])
    }
}

/// Whether checking a change reads other records that a concurrent write
/// could change: commitments and assessments (their dates), milestones
/// (the deadlines tied to them) and actors holding roles (the loop check).
fn read_across_records(change: &Change) -> bool {
    match change {
        Change::Create(e) | Change::Update { entity: e, .. } => {
            matches!(
                e,
                Entity::Commitment(_) | Entity::Assessment(_) | Entity::Milestone(_)
            ) || matches!(e, Entity::Actor(a) if a.roles.iter().any(|r| r.of.is_some()))
        }
        // Publishing reads what the record refers to (it must be public).
        Change::Publish { .. } => true,
        Change::Delete { .. } | Change::Unpublish { .. } | Change::SendBack { .. } => false,
    }
}

/// Changes written in chunks in one transaction (see [`Services::begin`]):
/// each chunk is checked as a batch of [`Services::apply`] is, then written
/// with its audit entries. Dropping it without `commit` writes nothing.
pub struct Session<'a> {
    services: Services<'a>,
    inner: Box<dyn ChangeSession>,
}

impl Session<'_> {
    /// Checks and writes a chunk; returns the audit entries it wrote. After
    /// an error, drop the session: nothing of it is kept.
    pub async fn apply(&mut self, changes: Vec<Change>) -> Result<u64> {
        self.services.check(&changes).await?;
        self.inner.apply(changes).await
    }

    /// Makes every chunk permanent; returns the audit entries written.
    pub async fn commit(self) -> Result<u64> {
        self.inner.commit().await
    }
}
