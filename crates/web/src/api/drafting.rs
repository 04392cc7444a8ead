//! Drafting help's review queue: candidate commitments proposed from a
//! source's text, which an editor accepts (possibly edited; it becomes a
//! draft commitment with its quote) or rejects with a reason, as on the
//! drafting pages.

use axum::Extension;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use pledgewatch_core::date::PreciseDate;
use pledgewatch_core::drafting::{self, Edits};
use pledgewatch_core::ids::CandidateId;
use pledgewatch_core::model::{CandidateStatus, EntityKind, Records};
use pledgewatch_core::service::{self, Services};
use pledgewatch_core::storage::Storage;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::error::{ApiError, ApiResult};
use super::extract::{ApiJson, ApiPath, ApiQuery};
use super::json;
use super::read::{Record, record_of};
use crate::AppState;
use crate::auth::Ctx;

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CandidateParams {
    /// Only candidates in this state.
    pub status: Option<CandidateStatus>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CandidateList {
    /// In the order of their source and their place in its text.
    pub items: Vec<Record>,
}

/// The review queue of drafting help.
#[utoipa::path(
    get,
    path = "/api/v1/candidates",
    tag = "drafting",
    params(CandidateParams),
    responses((status = 200, description = "Candidates, each as a record of kind candidate.", body = CandidateList))
)]
pub async fn list_candidates(
    State(state): State<AppState>,
    ApiQuery(p): ApiQuery<CandidateParams>,
) -> ApiResult<Response> {
    let stored = state.store.list_candidates(p.status).await?;
    let mut items = Vec::with_capacity(stored.len());
    for s in stored {
        items.push(record_of(&state, EntityKind::Candidate, s.entity.id.uuid()).await?);
    }
    Ok(json(StatusCode::OK, &CandidateList { items }))
}

/// Accepting a candidate, with the edits the reviewer made.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AcceptCandidate {
    /// The version of the candidate this decision is based on.
    pub expected_version: i64,
    /// What was promised, if edited.
    pub statement: Option<String>,
    /// Who is bound, by name, if edited.
    pub actor: Option<String>,
    /// The deadline, if edited.
    #[schema(value_type = Option<PreciseDate>)]
    pub deadline: Option<String>,
    pub condition: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct RejectCandidate {
    /// The version of the candidate this decision is based on.
    pub expected_version: i64,
    /// Why it is not a commitment (required, kept with it).
    pub reason: String,
}

/// Accepts a candidate: it becomes a draft commitment with its quote, in
/// one audited step.
#[utoipa::path(
    post,
    path = "/api/v1/candidates/{id}/accept",
    tag = "drafting",
    params(("id" = String, Path, description = "The candidate's id (a UUID).")),
    request_body(content = AcceptCandidate, content_type = "application/json"),
    responses((status = 200, description = "Accepted; the candidate, naming the commitment it became.", body = Record))
)]
pub async fn accept_candidate(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    ApiPath(id): ApiPath<CandidateId>,
    ApiJson(body): ApiJson<AcceptCandidate>,
) -> ApiResult<Response> {
    if state.store.get_record(id).await?.is_none() {
        return Err(ApiError::not_found());
    }
    let edits = Edits::typed(
        body.statement.as_deref(),
        body.actor.as_deref(),
        body.deadline.as_deref(),
        body.condition.as_deref(),
    )
    .map_err(|e| ApiError::validation(vec![e]))?;
    let context = service::context(&ctx.actor(), Some("Accepted from drafting help"))?;
    drafting::accept(
        &Services::new(state.store.as_ref()),
        &context,
        id,
        edits,
        body.expected_version,
    )
    .await?;
    Ok(json(
        StatusCode::OK,
        &record_of(&state, EntityKind::Candidate, id.uuid()).await?,
    ))
}

/// Rejects a candidate, keeping the reason.
#[utoipa::path(
    post,
    path = "/api/v1/candidates/{id}/reject",
    tag = "drafting",
    params(("id" = String, Path, description = "The candidate's id (a UUID).")),
    request_body(content = RejectCandidate, content_type = "application/json"),
    responses((status = 200, description = "Rejected; the candidate with its reason.", body = Record))
)]
pub async fn reject_candidate(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    ApiPath(id): ApiPath<CandidateId>,
    ApiJson(body): ApiJson<RejectCandidate>,
) -> ApiResult<Response> {
    if state.store.get_record(id).await?.is_none() {
        return Err(ApiError::not_found());
    }
    let reason = body.reason.trim();
    let context = service::context(&ctx.actor(), Some(reason).filter(|r| !r.is_empty()))?;
    drafting::reject(
        &Services::new(state.store.as_ref()),
        &context,
        id,
        reason,
        body.expected_version,
    )
    .await?;
    Ok(json(
        StatusCode::OK,
        &record_of(&state, EntityKind::Candidate, id.uuid()).await?,
    ))
}
