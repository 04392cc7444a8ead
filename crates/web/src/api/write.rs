//! Writing, with the web's roles: an editor creates, updates and removes
//! records (removal needs a reason); a reviewer publishes, withdraws and
//! approves assessments. Each change goes through the same services as the
//! forms, so it is validated the same way and audited in its transaction.

use axum::Extension;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use pledgewatch_core::error::FieldError;
use pledgewatch_core::ids::AssessmentId;
use pledgewatch_core::model::{Entity, EntityKind, FromJsonError};
use pledgewatch_core::service::review::Approval;
use pledgewatch_core::service::{self, Services};
use pledgewatch_core::storage::Storage;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::error::{ApiError, ApiResult};
use super::extract::{ApiJson, ApiPath, ApiQuery, KindPath, RecordPath};
use super::json;
use super::read::{Record, record_of};
use crate::AppState;
use crate::auth::Ctx;

/// A new record.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CreateRecord {
    /// The record; its `kind` must be the one in the path, and its
    /// `data.id` a new UUID chosen by the client.
    #[schema(value_type = Entity)]
    pub entity: serde_json::Value,
    /// Why, for the audit log.
    pub reason: Option<String>,
}

/// A new version of a record.
#[derive(Debug, Deserialize, ToSchema)]
pub struct UpdateRecord {
    /// The version this edit is based on; if the record has changed since,
    /// the update is refused with 409.
    pub expected_version: i64,
    /// The whole record as it should be; `data.id` must be the one in the path.
    #[schema(value_type = Entity)]
    pub entity: serde_json::Value,
    /// Why, for the audit log.
    pub reason: Option<String>,
}

/// A removal's reason travels in the URL, so it is kept short.
const MAX_DELETE_REASON: usize = 10_000;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeleteParams {
    /// The version the removal is based on.
    pub expected_version: i64,
    /// Why it is removed (required, kept in the audit log).
    #[param(min_length = 1, max_length = 10000, pattern = "\\S")]
    pub reason: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct Approve {
    /// The version of the assessment being approved.
    pub expected_version: i64,
    /// Also publish the unpublished developments and sources it rests on
    /// (otherwise an approval that needs them is refused, naming them).
    #[serde(default)]
    pub with_references: bool,
}

/// How a record is published.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PublishOptions {
    /// Also publish the unpublished records the record refers to
    /// (otherwise publishing one that needs them is refused, naming them).
    #[serde(default)]
    pub with_references: bool,
    /// The version of the record you reviewed: if it changed since, the
    /// approval is refused (409) rather than publish what you did not see.
    pub expected_version: Option<i64>,
    /// With `with_references`: the records you reviewed to be published
    /// with it, as `id:version` separated by commas (as a refusal lists
    /// them); if any differ from what would be published, it is refused.
    pub needed: Option<String>,
}

fn context(ctx: &Ctx, reason: Option<&str>) -> ApiResult<pledgewatch_core::storage::ChangeContext> {
    Ok(service::context(&ctx.actor(), reason)?)
}

/// Reads `{"kind": ..., "data": {...}}` as an entity, naming the field at
/// fault by its path in the body (serde's own reading of a tagged enum
/// loses the path inside `data`).
fn parse_entity(value: &serde_json::Value) -> ApiResult<Entity> {
    let invalid =
        |field: &str, reason: String| ApiError::validation(vec![FieldError::new(field, reason)]);
    let object = value
        .as_object()
        .ok_or_else(|| invalid("entity", "must be an object with kind and data".into()))?;
    let kind = object
        .get("kind")
        .and_then(|k| k.as_str())
        .ok_or_else(|| invalid("entity.kind", "is missing or not a string".into()))?;
    let kind = EntityKind::parse(kind).map_err(|e| invalid("entity.kind", e.reason))?;
    let body = object
        .get("data")
        .ok_or_else(|| invalid("entity.data", "is missing".into()))?;
    Entity::from_json(kind, body).map_err(|e| match e {
        FromJsonError::Invalid { path, reason } if path == "." => invalid("entity.data", reason),
        FromJsonError::Invalid { path, reason } => invalid(&format!("entity.data.{path}"), reason),
    })
}

fn check_kind(kind: EntityKind, entity: &Entity) -> ApiResult<()> {
    if entity.kind() == kind {
        Ok(())
    } else {
        Err(ApiError::validation(vec![FieldError::new(
            "entity.kind",
            format!(
                "is '{}' but this path takes a '{}'",
                entity.kind().as_str(),
                kind.as_str()
            ),
        )]))
    }
}

/// Domain errors about the entity's fields, named as body paths.
fn about_entity(e: pledgewatch_core::Error) -> ApiError {
    let is_entity_field = matches!(
        e,
        pledgewatch_core::Error::Invalid(_) | pledgewatch_core::Error::DanglingReference { .. }
    );
    let error = ApiError::from(e);
    if is_entity_field {
        error.within("entity.data")
    } else {
        error
    }
}

/// Creates a record (as a draft: the public sees it once a reviewer
/// publishes it). An assessment is recorded as rated by the token's owner.
#[utoipa::path(
    post,
    path = "/api/v1/records/{kind}",
    tag = "records",
    params(("kind" = EntityKind, Path, description = "The kind of record.")),
    request_body(content = CreateRecord, content_type = "application/json"),
    responses((status = 201, description = "Created; the record as stored.", body = Record))
)]
pub async fn create_record(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    KindPath(kind): KindPath,
    ApiJson(body): ApiJson<CreateRecord>,
) -> ApiResult<Response> {
    let mut entity = parse_entity(&body.entity)?;
    check_kind(kind, &entity)?;
    if let Entity::Assessment(a) = &mut entity {
        a.rated_by = ctx.actor();
        a.reviewed_by = None;
    }
    if let Entity::Source(s) = &entity
        && s.file_sha256.is_some()
    {
        return Err(file_hash_refused());
    }
    let id = entity.id();
    // An id names one record, whatever its kind (decision 0037).
    if let Some((_, holder)) = state.store.taken(&[id]).await?.first() {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            super::error::ErrorCode::Conflict,
            format!("{} {id} already exists", holder.as_str()),
        )
        .field("entity.data.id", "is taken"));
    }
    let context = context(&ctx, body.reason.as_deref())?;
    Services::new(state.store.as_ref())
        .create(&context, entity)
        .await
        .map_err(about_entity)?;
    Ok(json(
        StatusCode::CREATED,
        &record_of(&state, kind, id).await?,
    ))
}

/// Replaces a record with a new version, based on `expected_version`.
#[utoipa::path(
    put,
    path = "/api/v1/records/{kind}/{id}",
    tag = "records",
    params(
        ("kind" = EntityKind, Path, description = "The kind of record."),
        ("id" = String, Path, description = "The record's id (a UUID).")
    ),
    request_body(content = UpdateRecord, content_type = "application/json"),
    responses((status = 200, description = "Saved; the record as stored.", body = Record))
)]
pub async fn update_record(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    RecordPath { kind, id }: RecordPath,
    ApiJson(body): ApiJson<UpdateRecord>,
) -> ApiResult<Response> {
    let existing = state
        .store
        .get(kind, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let mut entity = parse_entity(&body.entity)?;
    check_kind(kind, &entity)?;
    if entity.id() != id {
        return Err(ApiError::validation(vec![FieldError::new(
            "entity.data.id",
            "must be the id in the path",
        )]));
    }
    if existing.meta.deleted_at.is_some() {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            super::error::ErrorCode::Conflict,
            "this record was removed and cannot be edited",
        ));
    }
    match (&mut entity, &existing.entity) {
        (Entity::Assessment(a), Entity::Assessment(old)) => {
            a.rated_by = old.rated_by.clone();
            a.reviewed_by = None;
        }
        (Entity::Source(s), Entity::Source(old)) if s.file_sha256 != old.file_sha256 => {
            return Err(file_hash_refused());
        }
        _ => {}
    }
    let context = context(&ctx, body.reason.as_deref())?;
    Services::new(state.store.as_ref())
        .update(&context, entity, body.expected_version)
        .await
        .map_err(about_entity)?;
    Ok(json(StatusCode::OK, &record_of(&state, kind, id).await?))
}

/// A client never names a stored file: a source's file is set by the
/// server from an upload (the web form), so that no one can reach a file
/// by its hash through a source of their own.
fn file_hash_refused() -> ApiError {
    ApiError::validation(vec![FieldError::new(
        "entity.data.file_sha256",
        "is set by the server when a file is uploaded with the source form; send null (or, when updating, the value the record has)",
    )])
}

/// Removes a record: it leaves every list but stays readable with its
/// history. A reason is required.
#[utoipa::path(
    delete,
    path = "/api/v1/records/{kind}/{id}",
    tag = "records",
    params(
        ("kind" = EntityKind, Path, description = "The kind of record."),
        ("id" = String, Path, description = "The record's id (a UUID)."),
        DeleteParams
    ),
    responses((status = 200, description = "Removed; the record as it now stands.", body = Record))
)]
pub async fn delete_record(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    RecordPath { kind, id }: RecordPath,
    ApiQuery(p): ApiQuery<DeleteParams>,
) -> ApiResult<Response> {
    if state.store.get(kind, id).await?.is_none() {
        return Err(ApiError::not_found());
    }
    let reason = p.reason.trim();
    if reason.is_empty() || reason.chars().count() > MAX_DELETE_REASON {
        return Err(ApiError::bad_parameter(
            "reason",
            format!("removing a record needs a reason of 1 to {MAX_DELETE_REASON} characters"),
        ));
    }
    let context = context(&ctx, Some(reason))?;
    Services::new(state.store.as_ref())
        .delete(&context, kind, id, p.expected_version)
        .await?;
    Ok(json(StatusCode::OK, &record_of(&state, kind, id).await?))
}

async fn set_published(
    state: &AppState,
    ctx: &Ctx,
    RecordPath { kind, id }: RecordPath,
    publish: Option<PublishOptions>,
) -> ApiResult<Response> {
    let Some(record) = state.store.get(kind, id).await? else {
        return Err(ApiError::not_found());
    };
    let services = Services::new(state.store.as_ref());
    // Withdrawing a removed record approves its removal: a review like any
    // other (not one's own change).
    let publish = match publish {
        None if record.meta.deleted_at.is_some() => Some(PublishOptions::default()),
        other => other,
    };
    match publish {
        Some(options) => {
            let reviewer = ctx.user.as_ref().ok_or_else(ApiError::forbidden)?;
            let approval = Approval {
                with_references: options.with_references,
                allow_self_review: state.config.allow_self_review,
                seen_version: options.expected_version,
                seen_needed: options.needed.as_deref().map(|list| {
                    list.split(',')
                        .filter(|v| !v.trim().is_empty())
                        .filter_map(crate::pages::records::parse_needed)
                        .collect()
                }),
            };
            services.approve(reviewer, kind, id, approval).await?;
        }
        None => {
            services
                .set_published(&ctx.actor(), kind, id, false)
                .await?;
        }
    }
    Ok(json(StatusCode::OK, &record_of(state, kind, id).await?))
}

/// Approves a record's pending change: its live version becomes the one
/// the public sees (a removed record leaves the public). A reviewer may not
/// approve their own change, and a record that refers to unpublished ones
/// is refused (409, naming them) unless `with_references` publishes them too.
#[utoipa::path(
    post,
    path = "/api/v1/records/{kind}/{id}/publish",
    tag = "records",
    params(
        ("kind" = EntityKind, Path, description = "The kind of record."),
        ("id" = String, Path, description = "The record's id (a UUID)."),
        PublishOptions
    ),
    responses((status = 200, description = "Published; the record as it now stands.", body = Record))
)]
pub async fn publish_record(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    path: RecordPath,
    ApiQuery(options): ApiQuery<PublishOptions>,
) -> ApiResult<Response> {
    set_published(&state, &ctx, path, Some(options)).await
}

/// Withdraws a record from the public.
#[utoipa::path(
    post,
    path = "/api/v1/records/{kind}/{id}/unpublish",
    tag = "records",
    params(
        ("kind" = EntityKind, Path, description = "The kind of record."),
        ("id" = String, Path, description = "The record's id (a UUID).")
    ),
    responses((status = 200, description = "Withdrawn; the record as it now stands.", body = Record))
)]
pub async fn unpublish_record(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    path: RecordPath,
) -> ApiResult<Response> {
    set_published(&state, &ctx, path, None).await
}

/// A reviewer approves an assessment: it records who reviewed it and
/// publishes it, with the unpublished developments it rests on, in one
/// transaction.
#[utoipa::path(
    post,
    path = "/api/v1/assessments/{id}/approve",
    tag = "records",
    params(("id" = String, Path, description = "The assessment's id (a UUID).")),
    request_body(content = Approve, content_type = "application/json"),
    responses((status = 200, description = "Approved and published; the assessment as it now stands.", body = Record))
)]
pub async fn approve_assessment(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    ApiPath(id): ApiPath<AssessmentId>,
    ApiJson(body): ApiJson<Approve>,
) -> ApiResult<Response> {
    let reviewer = ctx.user.as_ref().ok_or_else(ApiError::forbidden)?;
    Services::new(state.store.as_ref())
        .approve_assessment(
            reviewer,
            id,
            body.expected_version,
            Approval {
                with_references: body.with_references,
                allow_self_review: state.config.allow_self_review,
                // The edit is based on `expected_version`, which checks it.
                seen_version: None,
                seen_needed: None,
            },
        )
        .await?;
    Ok(json(
        StatusCode::OK,
        &record_of(&state, EntityKind::Assessment, id.uuid()).await?,
    ))
}
