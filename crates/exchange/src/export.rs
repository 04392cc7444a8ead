//! What an export holds: every live entity of one kind, or a dossier with
//! everything it needs to stand on its own, as its audience may see it.
//!
//! The team sees everything. The public sees what the web application shows
//! anonymous visitors: published records only, no confidential source and
//! no quote from one; actors, occasions, sources and quotes, which are not
//! published on their own, appear where a published record refers to them.
//! A reference to something the audience may not see (or, in a dossier,
//! to something outside it) is left out; a record that cannot stand
//! without it (a quote without its source, an assessment without its
//! commitment) is left out too, so that every export imports into an empty
//! database.

use std::collections::HashSet;

use pledgewatch_core::error::{Error, Result};
use pledgewatch_core::ids::{CommitmentId, ConcernId, MilestoneId, RecipientListId, SignatoryId};
use pledgewatch_core::model::*;
use pledgewatch_core::public::PublicStore;
use pledgewatch_core::storage::Storage;
use pledgewatch_core::validate;
use pledgewatch_core::view::Audience;
use uuid::Uuid;

use crate::format::{self, WriteError};

/// What to export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// Every live entity of one kind.
    List(EntityKind),
    /// A dossier and everything it refers to.
    Dossier(Slug),
}

impl Selection {
    /// The download's file name, without extension: `pledgewatch-actors`,
    /// `pledgewatch-dossier-kazakhstan-2010`. Only letters, digits and
    /// hyphens, so it is safe in a Content-Disposition header.
    pub fn file_stem(&self) -> String {
        match self {
            Selection::List(kind) => {
                format!(
                    "pledgewatch-{}",
                    format::plural(kind.as_str()).replace('_', "-")
                )
            }
            Selection::Dossier(slug) => format!("pledgewatch-dossier-{slug}"),
        }
    }

    /// The kinds whose columns a CSV file of this selection has.
    pub fn kinds(&self) -> Vec<EntityKind> {
        match self {
            Selection::List(kind) => vec![*kind],
            Selection::Dossier(_) => DOSSIER_KINDS.to_vec(),
        }
    }
}

/// The kinds a dossier export can hold.
const DOSSIER_KINDS: [EntityKind; 13] = [
    EntityKind::Actor,
    EntityKind::Occasion,
    EntityKind::Source,
    EntityKind::Quote,
    EntityKind::Milestone,
    EntityKind::Concern,
    EntityKind::Commitment,
    EntityKind::Development,
    EntityKind::Assessment,
    EntityKind::Recommendation,
    EntityKind::Signatory,
    EntityKind::RecipientList,
    EntityKind::Dossier,
];

/// The two formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
}

impl Format {
    pub fn parse(text: &str) -> std::result::Result<Self, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "json" => Ok(Format::Json),
            "csv" => Ok(Format::Csv),
            _ => Err(format!(
                "'{text}' is not an export format (expected csv or json)"
            )),
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv => "csv",
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            Format::Csv => "text/csv; charset=utf-8",
        }
    }
}

/// Why an export could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] Error),
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// Gathers and writes an export.
pub async fn export(
    store: &dyn Storage,
    selection: &Selection,
    audience: Audience,
    format: Format,
) -> std::result::Result<Vec<u8>, ExportError> {
    let entities = gather(store, selection, audience).await?;
    Ok(write(selection, format, entities)?)
}

/// Writes gathered entities in a format.
pub fn write(
    selection: &Selection,
    format: Format,
    entities: Vec<Entity>,
) -> std::result::Result<Vec<u8>, WriteError> {
    match format {
        Format::Json => format::json::write(entities),
        Format::Csv => format::csv::write(&selection.kinds(), entities),
    }
}

/// The entities of an export, in export order. The public's export reads
/// through the public projection (`PublicStore`): the approved versions of
/// published records, without confidential sources, internal notes or
/// staff usernames; a dossier's export holds what its published records
/// reach, so nothing that only a draft refers to.
pub async fn gather(
    store: &dyn Storage,
    selection: &Selection,
    audience: Audience,
) -> Result<Vec<Entity>> {
    let public = PublicStore::new(store);
    let store: &dyn Storage = match audience {
        Audience::Team => store,
        Audience::Public => &public,
    };
    let entities = match selection {
        Selection::List(kind) => list(store, *kind).await?,
        Selection::Dossier(slug) => dossier(store, slug).await?,
    };
    Ok(format::order(entities))
}

async fn list(store: &dyn Storage, kind: EntityKind) -> Result<Vec<Entity>> {
    Ok(store
        .list(kind, u32::MAX, 0)
        .await?
        .into_iter()
        .map(|s| s.entity)
        .collect())
}

async fn dossier(store: &dyn Storage, slug: &Slug) -> Result<Vec<Entity>> {
    let dossier = store
        .dossier_by_slug(slug)
        .await?
        .filter(|d| d.meta.deleted_at.is_none())
        .ok_or_else(|| Error::NotFound {
            kind: "dossier",
            id: slug.to_string(),
        })?
        .entity;
    Ok(settle(closure(store, dossier).await?))
}

/// Prunes against the set itself until no reference points outside it
/// (leaving one entity out may leave out what refers to it).
fn settle(mut entities: Vec<Entity>) -> Vec<Entity> {
    loop {
        let present: HashSet<(EntityKind, Uuid)> =
            entities.iter().map(|e| (e.kind(), e.id())).collect();
        let before = entities.clone();
        entities = prune(entities, |kind, id| present.contains(&(kind, id)));
        if entities == before {
            return entities;
        }
    }
}

/// The dossier, its commitments, concerns, milestones, recipient lists and
/// signatories, and everything those refer to or that refers to them.
async fn closure(store: &dyn Storage, dossier: Dossier) -> Result<Vec<Entity>> {
    use EntityKind as K;
    let commitments = fetch(
        store,
        K::Commitment,
        dossier.commitments.iter().map(CommitmentId::uuid),
    )
    .await?;
    let concerns = fetch(
        store,
        K::Concern,
        dossier.concerns.iter().map(ConcernId::uuid),
    )
    .await?;
    let FollowUp {
        assessments,
        developments,
        recommendations,
    } = follow_up(store, &commitments, &concerns).await?;
    let mut milestone_ids: Vec<Uuid> = dossier.milestones.iter().map(MilestoneId::uuid).collect();
    milestone_ids.extend(refs_of(&commitments, K::Milestone));
    let milestones = fetch(store, K::Milestone, milestone_ids).await?;
    let recipient_lists = fetch(
        store,
        K::RecipientList,
        dossier.recipient_lists.iter().map(RecipientListId::uuid),
    )
    .await?;
    let signatories = fetch(
        store,
        K::Signatory,
        dossier.signatories.iter().map(SignatoryId::uuid),
    )
    .await?;

    let mut referrers: Vec<Entity> = Vec::new();
    referrers.extend(commitments.iter().cloned());
    referrers.extend(developments.iter().cloned());
    referrers.extend(recommendations.iter().cloned());
    let quotes = fetch(store, K::Quote, refs_of(&referrers, K::Quote)).await?;
    let mut source_refs = refs_of(&referrers, K::Source);
    source_refs.extend(refs_of(&quotes, K::Source));
    let sources = fetch(store, K::Source, source_refs).await?;
    let occasions = fetch(store, K::Occasion, refs_of(&referrers, K::Occasion)).await?;
    referrers.extend(occasions.iter().cloned());
    let actors = actors_with_roles(store, refs_of(&referrers, K::Actor)).await?;

    let mut out: Vec<Entity> = vec![Entity::Dossier(dossier)];
    for group in [
        commitments,
        concerns,
        assessments,
        developments,
        recommendations,
        milestones,
        recipient_lists,
        signatories,
        quotes,
        sources,
        occasions,
        actors,
    ] {
        out.extend(group);
    }
    let mut seen = HashSet::new();
    out.retain(|e| seen.insert((e.kind(), e.id())));
    Ok(out)
}

/// What follows up a dossier's commitments and concerns.
struct FollowUp {
    assessments: Vec<Entity>,
    developments: Vec<Entity>,
    recommendations: Vec<Entity>,
}

/// The assessments of the commitments; the developments about the
/// commitments or concerns, or cited by an assessment; the recommendations
/// answering a commitment or concern.
async fn follow_up(
    store: &dyn Storage,
    commitments: &[Entity],
    concerns: &[Entity],
) -> Result<FollowUp> {
    use EntityKind as K;
    let commitment_ids = ids_of(commitments);
    let concern_ids = ids_of(concerns);
    let assessments = entities(
        store
            .referring(K::Assessment, K::Commitment, &commitment_ids)
            .await?,
    );
    let mut developments = entities(
        store
            .referring(K::Development, K::Commitment, &commitment_ids)
            .await?,
    );
    developments.extend(entities(
        store
            .referring(K::Development, K::Concern, &concern_ids)
            .await?,
    ));
    developments.extend(fetch(store, K::Development, refs_of(&assessments, K::Development)).await?);
    let mut recommendations = entities(
        store
            .referring(K::Recommendation, K::Commitment, &commitment_ids)
            .await?,
    );
    recommendations.extend(entities(
        store
            .referring(K::Recommendation, K::Concern, &concern_ids)
            .await?,
    ));
    Ok(FollowUp {
        assessments,
        developments,
        recommendations,
    })
}

/// The actors with these ids and, in turn, the actors their roles refer to
/// (a minister of a State).
async fn actors_with_roles(store: &dyn Storage, ids: Vec<Uuid>) -> Result<Vec<Entity>> {
    let mut actors = fetch(store, EntityKind::Actor, ids).await?;
    loop {
        let known: HashSet<Uuid> = actors.iter().map(Entity::id).collect();
        let missing: Vec<Uuid> = refs_of(&actors, EntityKind::Actor)
            .into_iter()
            .filter(|id| !known.contains(id))
            .collect();
        if missing.is_empty() {
            break;
        }
        let found = fetch(store, EntityKind::Actor, missing).await?;
        if found.is_empty() {
            break;
        }
        actors.extend(found);
    }
    Ok(actors)
}

fn entities(stored: Vec<Stored<Entity>>) -> Vec<Entity> {
    stored.into_iter().map(|s| s.entity).collect()
}

fn ids_of(entities: &[Entity]) -> Vec<Uuid> {
    entities.iter().map(Entity::id).collect()
}

/// The ids of `kind` that `entities` refer to, each once, sorted.
fn refs_of(entities: &[Entity], kind: EntityKind) -> Vec<Uuid> {
    let mut ids: Vec<Uuid> = entities
        .iter()
        .flat_map(Entity::references)
        .filter(|(_, k, _)| *k == kind)
        .map(|(_, _, id)| id)
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// The live entities of `kind` with these ids.
async fn fetch(
    store: &dyn Storage,
    kind: EntityKind,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<Vec<Entity>> {
    let mut ids: Vec<Uuid> = ids.into_iter().collect();
    ids.sort();
    ids.dedup();
    if ids.is_empty() {
        return Ok(vec![]);
    }
    Ok(entities(store.get_many(kind, &ids).await?))
}

/// Removes every reference `keep` refuses; an entity that cannot stand
/// without one (or would break its own rules without it) is left out.
fn prune(entities: Vec<Entity>, keep: impl Fn(EntityKind, Uuid) -> bool) -> Vec<Entity> {
    entities
        .into_iter()
        .filter_map(|e| {
            let stripped = strip(&e, &keep)?;
            if stripped == e || validate::validate(&stripped).is_ok() {
                Some(stripped)
            } else {
                None
            }
        })
        .collect()
}

/// The entity without the references `keep` refuses, or `None` if one of
/// them is required (`Record::retain_references`).
fn strip(entity: &Entity, keep: &impl Fn(EntityKind, Uuid) -> bool) -> Option<Entity> {
    let mut e = entity.clone();
    e.retain_references(keep).then_some(e)
}
