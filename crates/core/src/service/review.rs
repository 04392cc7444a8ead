//! Review: the public sees the version of each record that a reviewer
//! approved. An editor's create, edit or removal changes the live record
//! only; it is a pending change until a reviewer approves it (publishing
//! the live version, or withdrawing a removed record) or sends it back with
//! a comment. A reviewer may not approve a change of their own unless the
//! server allows self-review (teams of one); the audit log says when that
//! happened. A published record never refers to an unpublished one: the
//! approval publishes what it needs with it, when the reviewer asks for
//! that after seeing the list, or is refused.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;
use uuid::Uuid;

use super::{Services, context};
use crate::accounts::{Role, User};
use crate::audit::{AuditAction, AuditEntry, AuditSubject};
use crate::error::{Error, Result, Said};
use crate::model::{Entity, EntityKind, Stored};
use crate::storage::{Change, Storage};

/// How a reviewer approves.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Approval {
    /// Also publish the unpublished records the approved version refers to
    /// (the reviewer was shown them, see [`Services::needed_to_publish`]).
    pub with_references: bool,
    /// The server lets a reviewer approve their own change.
    pub allow_self_review: bool,
    /// The version of the record the reviewer was shown: an approval of a
    /// record changed since is refused (409), so that nothing goes public
    /// that no reviewer saw. `None` when the caller did not say.
    pub seen_version: Option<i64>,
    /// The records (id and version) the reviewer was shown as published
    /// with it: when they differ from what the approval would publish now,
    /// in either list or any version, it is refused. `None` when the
    /// caller did not say.
    pub seen_needed: Option<Vec<(Uuid, i64)>>,
}

/// An unpublished record that publishing another needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Needed {
    pub kind: EntityKind,
    pub id: Uuid,
    /// Its live version, the one the approval would publish.
    pub version: i64,
    pub label: String,
}

impl Needed {
    /// The record in a reason: its kind and label (and, in English, its id
    /// and version).
    fn said(&self) -> Said {
        Said::new("reason-needed-record")
            .kind("kind", self.kind)
            .text("label", &self.label)
            .text("id", self.id)
            .num("version", self.version)
    }
}

impl std::fmt::Display for Needed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} '{}' ({}:{})",
            self.kind, self.label, self.id, self.version
        )
    }
}

const APPROVED: &str = "Reviewed and approved";
const APPROVED_OWN: &str =
    "Reviewed and approved by its own editor (self-review is allowed on this server)";
const REMOVAL_APPROVED: &str = "Removal reviewed and approved";

/// Whether a record never reaches the public whatever its publication:
/// a confidential source. Publishing what cites one needs nothing more.
fn never_public(entity: &Entity) -> bool {
    matches!(entity, Entity::Source(s) if s.confidential)
}

/// Refuses a batch that publishes a record referring to one that is neither
/// published nor published by the same batch.
pub(crate) async fn check_publications(store: &dyn Storage, changes: &[Change]) -> Result<()> {
    let publishing: HashSet<Uuid> = changes
        .iter()
        .filter_map(|c| match c {
            Change::Publish { id, .. } => Some(*id),
            _ => None,
        })
        .collect();
    if publishing.is_empty() {
        return Ok(());
    }
    let mut problems = Vec::new();
    let mut actors = Vec::new();
    for change in changes {
        let Change::Publish { kind, id } = change else {
            continue;
        };
        let Some(entity) = version_to_publish(store, changes, *kind, *id).await? else {
            continue; // the store names a missing record
        };
        let missing: Vec<Said> = unpublished_references(store, &entity, &publishing)
            .await?
            .iter()
            .map(Needed::said)
            .collect();
        if !missing.is_empty() {
            problems.push(
                Said::new("reason-refers-to-unpublished-one")
                    .kind("kind", kind)
                    .text("label", entity.label())
                    .list("missing", missing, ", "),
            );
        }
        if matches!(entity, Entity::Actor(_)) {
            actors.push(entity);
        }
    }
    // The live versions never loop (the services refuse it at the write),
    // but publishing one actor's version and not another's could make the
    // published ones loop, and a public export that does not import.
    if !problems.is_empty() {
        return Err(Error::refused(
            Said::new("reason-refers-to-unpublished").list("problems", problems, "; "),
        ));
    }
    let publishing: Vec<&Entity> = actors.iter().collect();
    let loops: Vec<Said> = Services::new(store)
        .published_role_loops(&publishing)
        .await?
        .into_iter()
        .map(|l| {
            Said::new("reason-published-role-loop-one")
                .text("label", publishing[l.at].label())
                .text("name", &l.holder)
                .text("path", &l.path)
        })
        .collect();
    if loops.is_empty() {
        return Ok(());
    }
    Err(Error::refused(
        Said::new("reason-published-role-loop").list("loops", loops, "; "),
    ))
}

/// The version a `Publish` in `changes` makes public: the batch's own
/// version of the record if it writes one, else the live one.
async fn version_to_publish(
    store: &dyn Storage,
    changes: &[Change],
    kind: EntityKind,
    id: Uuid,
) -> Result<Option<Entity>> {
    let in_batch = changes.iter().rev().find_map(|c| match c {
        Change::Create(e) | Change::Update { entity: e, .. } if e.id() == id => Some(e.clone()),
        _ => None,
    });
    match in_batch {
        Some(e) => Ok(Some(e)),
        None => Ok(store.get(kind, id).await?.map(|s| s.entity)),
    }
}

/// Whether publishing a record needs the one it refers to by `field`
/// published too. What a dossier lists, and the commitments or concerns a
/// development affects or a recommendation answers, do not: the public
/// projection leaves out those still unpublished. Everything a record
/// cites or stands on (its sources, quotes, actors, occasion, milestones,
/// the commitment an assessment rates, the developments it rests on) does.
fn needs_published(entity: &Entity, field: &str) -> bool {
    !(matches!(entity, Entity::Dossier(_))
        || field.starts_with("effects[")
        || field.starts_with("answers["))
}

/// The records `entity` refers to that are not published (nor in
/// `publishing`), could reach the public, and must be public with it.
async fn unpublished_references(
    store: &dyn Storage,
    entity: &Entity,
    publishing: &HashSet<Uuid>,
) -> Result<Vec<Needed>> {
    let references: Vec<_> = entity
        .references()
        .into_iter()
        .filter(|(field, _, _)| needs_published(entity, field))
        .collect();
    let ids: Vec<Uuid> = references.iter().map(|(_, _, id)| *id).collect();
    let published = store.published(&ids).await?;
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for (_, kind, id) in references {
        if published.contains_key(&id) || publishing.contains(&id) || !seen.insert(id) {
            continue;
        }
        let Some(target) = store.get(kind, id).await? else {
            continue;
        };
        if target.meta.deleted_at.is_some() || never_public(&target.entity) {
            continue;
        }
        out.push(Needed {
            kind,
            id,
            version: target.meta.version,
            label: target.entity.label(),
        });
    }
    Ok(out)
}

/// Refuses a user who is not an enabled reviewer (or admin).
pub(crate) fn require_reviewer(user: &User, what: &'static str) -> Result<()> {
    if user.disabled || user.role < Role::Reviewer {
        let state = if user.disabled {
            Said::new("reason-user-disabled")
        } else {
            Said::new("reason-role-name").key("role", user.role, format!("role-{}", user.role))
        };
        return Err(Error::refused(
            Said::new("reason-reviewer-only")
                .said("what", Said::new(what))
                .text("user", &user.username)
                .said("state", state),
        ));
    }
    Ok(())
}

impl Services<'_> {
    /// Every unpublished record that publishing the live version of
    /// (`kind`, `id`) needs published with it, following references
    /// transitively (a quote's source, a development's sources…).
    pub async fn needed_to_publish(&self, kind: EntityKind, id: Uuid) -> Result<Vec<Needed>> {
        let Some(live) = self.store.get(kind, id).await? else {
            return Err(not_found(kind, id));
        };
        self.needed_for(&live.entity, id).await
    }

    async fn needed_for(&self, entity: &Entity, id: Uuid) -> Result<Vec<Needed>> {
        let mut found: BTreeMap<Uuid, Needed> = BTreeMap::new();
        let mut queue = vec![entity.clone()];
        let mut visited: HashSet<Uuid> = HashSet::from([id]);
        while let Some(next) = queue.pop() {
            let publishing: HashSet<Uuid> = found.keys().copied().chain([id]).collect();
            for needed in unpublished_references(self.store, &next, &publishing).await? {
                if visited.insert(needed.id)
                    && let Some(target) = self.store.get(needed.kind, needed.id).await?
                {
                    queue.push(target.entity);
                }
                found.insert(needed.id, needed);
            }
        }
        Ok(found.into_values().collect())
    }

    /// Who made the change of (`kind`, `id`) that waits for review: the
    /// authors of its creations, edits and removal since it was last
    /// published or withdrawn.
    pub async fn pending_authors(&self, kind: EntityKind, id: Uuid) -> Result<Vec<String>> {
        let history = self.store.history(AuditSubject::Record(kind), id).await?;
        let since = history
            .iter()
            // Only an approval resets who changed it: withdrawing the record
            // approves nothing of its content.
            .rposition(|e| e.action == AuditAction::Publish)
            .map_or(0, |i| i + 1);
        let mut authors: Vec<String> = history[since..]
            .iter()
            .filter(|e| {
                matches!(
                    e.action,
                    AuditAction::Create | AuditAction::Update | AuditAction::Delete
                )
            })
            .map(|e| e.actor.clone())
            .collect();
        authors.sort();
        authors.dedup();
        Ok(authors)
    }

    /// The comment of the last send-back of the record's pending change,
    /// unless the record was edited or reviewed since.
    pub async fn sent_back(&self, kind: EntityKind, id: Uuid) -> Result<Option<AuditEntry>> {
        let history = self.store.history(AuditSubject::Record(kind), id).await?;
        Ok(history
            .into_iter()
            .last()
            .filter(|e| e.action == AuditAction::SendBack))
    }

    /// A reviewer approves the pending change of (`kind`, `id`): the live
    /// version becomes the public one, or a removed record leaves the
    /// public. Refused when nothing is pending, when the reviewer made the
    /// change (unless self-review is allowed), and when the approved
    /// version refers to unpublished records and `with_references` is off.
    pub async fn approve(
        &self,
        reviewer: &User,
        kind: EntityKind,
        id: Uuid,
        approval: Approval,
    ) -> Result<Vec<AuditEntry>> {
        self.approve_with(reviewer, kind, id, approval, None).await
    }

    /// [`Self::approve`], with an edit of the reviewer's written first
    /// in the same batch (an assessment's `reviewed_by`).
    pub(crate) async fn approve_with(
        &self,
        reviewer: &User,
        kind: EntityKind,
        id: Uuid,
        approval: Approval,
        edit: Option<(Entity, i64)>,
    ) -> Result<Vec<AuditEntry>> {
        require_reviewer(reviewer, "reason-reviewer-what-approve-change")?;
        let live = self
            .store
            .get(kind, id)
            .await?
            .ok_or_else(|| not_found(kind, id))?;
        if let Some(seen) = approval.seen_version
            && seen != live.meta.version
        {
            return Err(Error::Conflict {
                kind: kind.as_str(),
                id: id.to_string(),
                expected: seen,
                actual: live.meta.version,
            });
        }
        let published = self.store.published(&[id]).await?.contains_key(&id);
        let own = self.check_not_own(reviewer, kind, id, &approval).await?;
        let mut reason = if own { APPROVED_OWN } else { APPROVED };
        if live.meta.deleted_at.is_some() {
            if !published {
                return Err(nothing_pending(kind, id));
            }
            let context = context(&reviewer.username, Some(REMOVAL_APPROVED))?;
            return self
                .apply(&context, vec![Change::Unpublish { kind, id }])
                .await;
        }
        let edited = edit.is_some();
        let (version, changes) = Self::approval_changes(&live, kind, id, edit);
        if !edited && self.is_public_version(kind, id, live.meta.version).await? {
            return Err(nothing_pending(kind, id));
        }
        let mut changes = changes;
        if approval.with_references {
            let needed = self.needed_for(&version, id).await?;
            check_seen_needed(&approval, &needed)?;
            // What is published with it is approved too: never a reviewer's
            // own record unless self-review is allowed.
            for n in &needed {
                if self
                    .check_not_own(reviewer, n.kind, n.id, &approval)
                    .await?
                {
                    reason = APPROVED_OWN;
                }
            }
            changes.extend(needed.into_iter().map(|n| Change::Publish {
                kind: n.kind,
                id: n.id,
            }));
        }
        self.apply(&context(&reviewer.username, Some(reason))?, changes)
            .await
    }

    /// The changes approving the live record (after the reviewer's own edit,
    /// if any) makes, and the version it publishes.
    fn approval_changes(
        live: &Stored<Entity>,
        kind: EntityKind,
        id: Uuid,
        edit: Option<(Entity, i64)>,
    ) -> (Entity, Vec<Change>) {
        let mut changes = Vec::new();
        let version = match edit {
            Some((entity, expected_version)) => {
                changes.push(Change::Update {
                    entity: entity.clone(),
                    expected_version,
                });
                entity
            }
            None => live.entity.clone(),
        };
        changes.push(Change::Publish { kind, id });
        (version, changes)
    }

    /// Whether `version` of the record is the one the public sees.
    async fn is_public_version(&self, kind: EntityKind, id: Uuid, version: i64) -> Result<bool> {
        let public = self.store.published_records(kind, &[id]).await?;
        Ok(public.first().is_some_and(|p| p.meta.version == version))
    }

    /// Refuses a reviewer's own change unless self-review is allowed;
    /// whether it was their own.
    async fn check_not_own(
        &self,
        reviewer: &User,
        kind: EntityKind,
        id: Uuid,
        approval: &Approval,
    ) -> Result<bool> {
        let authors = self.pending_authors(kind, id).await?;
        let own = authors.contains(&reviewer.username);
        if own && !approval.allow_self_review {
            return Err(Error::refused(
                Said::new("reason-own-change")
                    .kind("kind", kind)
                    .text("id", id)
                    .text("user", &reviewer.username),
            ));
        }
        Ok(own)
    }

    /// A reviewer sends the pending change of (`kind`, `id`) back to its
    /// editor with a comment, which the record's page shows until it is
    /// edited again. Nothing of the record changes.
    pub async fn send_back(
        &self,
        reviewer: &User,
        kind: EntityKind,
        id: Uuid,
        comment: &str,
    ) -> Result<AuditEntry> {
        require_reviewer(reviewer, "reason-reviewer-what-send-back")?;
        let comment = comment.trim();
        if comment.is_empty() {
            return Err(crate::error::FieldError::said(
                "comment",
                Said::new("reason-say-what-to-change"),
            )
            .into());
        }
        let context = context(&reviewer.username, Some(comment))?;
        self.apply(&context, vec![Change::SendBack { kind, id }])
            .await?
            .pop()
            .ok_or_else(|| Error::storage("sending a change back", "no audit entry was written"))
    }
}

/// Refuses an approval whose list of records published with it is not
/// the one the reviewer was shown.
fn check_seen_needed(approval: &Approval, needed: &[Needed]) -> Result<()> {
    let Some(seen) = &approval.seen_needed else {
        return Ok(());
    };
    let seen: std::collections::BTreeSet<(Uuid, i64)> = seen.iter().copied().collect();
    let now: std::collections::BTreeSet<(Uuid, i64)> =
        needed.iter().map(|n| (n.id, n.version)).collect();
    if seen == now {
        return Ok(());
    }
    let new: Vec<Said> = needed
        .iter()
        .filter(|n| !seen.contains(&(n.id, n.version)))
        .map(Needed::said)
        .collect();
    Err(Error::refused(if new.is_empty() {
        Said::new("reason-needed-changed")
    } else {
        Said::new("reason-needed-changed-list").list("records", new, ", ")
    }))
}

fn not_found(kind: EntityKind, id: Uuid) -> Error {
    Error::NotFound {
        kind: kind.as_str(),
        id: id.to_string(),
    }
}

fn nothing_pending(kind: EntityKind, id: Uuid) -> Error {
    Error::refused(
        Said::new("reason-nothing-to-review")
            .kind("kind", kind)
            .text("id", id),
    )
}
