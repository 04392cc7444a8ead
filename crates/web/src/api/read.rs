//! Reading: dossiers, a dossier's scorecard, a commitment with its status
//! history and developments, search, and the records of every kind with
//! their versions and history. The public sees only what is published.

use axum::Extension;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{DateTime, Utc};
use pledgewatch_core::audit::AuditEntry;
use pledgewatch_core::ids::CommitmentId;
use pledgewatch_core::model::{Entity, EntityKind, Slug};
use pledgewatch_core::storage::{MATCH_END, MATCH_START, SearchHit, SearchQuery, Storage};
use pledgewatch_core::view::{
    CommitmentView, DossierView, ScorecardFilter, ScorecardFilterText, dossier_view_for,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::error::{ApiError, ApiResult};
use super::extract::{ApiPath, ApiQuery, KindPath, RecordPath};
use super::json;
use crate::AppState;
use crate::auth::Ctx;
use crate::pages::search::MAX_SEARCH_RESULTS;
use crate::pages::{self, Reader};

/// The kinds with records in the API (every kind the record pages show).
pub fn record_kind(text: &str) -> ApiResult<EntityKind> {
    EntityKind::parse(text)
        .ok()
        .filter(|k| pages::records::KINDS.contains(k))
        .ok_or_else(ApiError::not_found)
}

/// A record with its bookkeeping.
#[derive(Debug, Serialize, ToSchema)]
pub struct Record {
    pub kind: EntityKind,
    pub id: Uuid,
    /// Starts at 1 and grows by one with every change; send it back as
    /// `expected_version` to change the record.
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Set once the record is removed (it stays readable).
    pub deleted_at: Option<DateTime<Utc>>,
    /// When it was made public; null for a draft.
    pub published_at: Option<DateTime<Utc>>,
    pub entity: Entity,
}

pub async fn record_of(state: &AppState, kind: EntityKind, id: Uuid) -> ApiResult<Record> {
    record_in(state.store.as_ref(), kind, id).await
}

/// A record as `store` (a viewer's [`Reader`]) shows it.
async fn record_in(store: &dyn Storage, kind: EntityKind, id: Uuid) -> ApiResult<Record> {
    let stored = store.get(kind, id).await?.ok_or_else(ApiError::not_found)?;
    let published = store.published(&[id]).await?;
    Ok(Record {
        kind,
        id,
        version: stored.meta.version,
        created_at: stored.meta.created_at,
        updated_at: stored.meta.updated_at,
        deleted_at: stored.meta.deleted_at,
        published_at: published.get(&id).copied(),
        entity: stored.entity,
    })
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DossierSummary {
    pub slug: String,
    pub title: String,
    pub summary: Option<String>,
    pub published: bool,
    /// How many commitments the dossier follows.
    pub commitments: usize,
    /// The dossier's scorecard in this API.
    pub url: String,
    /// Its Atom feed of developments and status changes.
    pub feed: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DossierList {
    pub items: Vec<DossierSummary>,
}

/// The dossiers this caller may see.
#[utoipa::path(
    get,
    path = "/api/v1/dossiers",
    tag = "dossiers",
    responses((status = 200, description = "The dossiers: published ones for the public, all for the team.", body = DossierList))
)]
pub async fn list_dossiers(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
) -> ApiResult<Response> {
    let reader = Reader::new(&state, &ctx);
    let dossiers = reader.store().list_dossiers().await?;
    let ids: Vec<Uuid> = dossiers.iter().map(|d| d.entity.id.uuid()).collect();
    let published = state.store.published(&ids).await?;
    let items = dossiers
        .into_iter()
        .map(|d| DossierSummary {
            published: published.contains_key(&d.entity.id.uuid()),
            url: super::ApiRoute::Dossier.url(&[&d.entity.slug]),
            feed: crate::paths::url::dossier_feed(&d.entity.slug),
            slug: d.entity.slug.to_string(),
            title: d.entity.title.into(),
            summary: d.entity.summary,
            commitments: d.entity.commitments.len(),
        })
        .collect();
    Ok(json(StatusCode::OK, &DossierList { items }))
}

/// The scorecard's parameters: a date and the same filters as the page.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ScorecardParams {
    /// The day to show the dossier as of (YYYY-MM-DD); today if absent.
    #[param(value_type = Option<chrono::NaiveDate>)]
    pub as_of: Option<String>,
    /// Only commitments this actor (id) is bound by or made.
    pub actor: Option<String>,
    /// Only commitments with this theme.
    pub theme: Option<String>,
    /// Only commitments whose latest status (as of the date) is this key.
    pub status: Option<String>,
    /// Only commitments of this origin (pledge, accepted_recommendation, legal_obligation).
    pub origin: Option<String>,
    /// Only commitments due on or after this day.
    #[param(value_type = Option<chrono::NaiveDate>)]
    pub deadline_from: Option<String>,
    /// Only commitments due on or before this day.
    #[param(value_type = Option<chrono::NaiveDate>)]
    pub deadline_to: Option<String>,
    /// Only commitments whose statement or quote contains this text.
    pub q: Option<String>,
}

async fn view(
    state: &AppState,
    ctx: &Ctx,
    slug: &Slug,
    as_of: Option<&str>,
) -> ApiResult<DossierView> {
    let as_of = pages::as_of(as_of)?;
    let reader = Reader::new(state, ctx);
    Ok(dossier_view_for(
        reader.store(),
        slug,
        as_of,
        pledgewatch_core::view::Audience::Team,
    )
    .await?)
}

/// A dossier as of a date: its commitments (those passing the filters) with
/// their status, deadline state and history, its concerns, counts by status
/// and regressions.
#[utoipa::path(
    get,
    path = "/api/v1/dossiers/{slug}",
    tag = "dossiers",
    params(("slug" = String, Path, description = "The dossier's slug."), ScorecardParams),
    responses((status = 200, description = "The dossier's scorecard.", body = DossierView))
)]
pub async fn show_dossier(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    ApiPath(slug): ApiPath<Slug>,
    ApiQuery(p): ApiQuery<ScorecardParams>,
) -> ApiResult<Response> {
    days_given(&[
        ("as_of", &p.as_of),
        ("deadline_from", &p.deadline_from),
        ("deadline_to", &p.deadline_to),
    ])?;
    let mut view = view(&state, &ctx, &slug, p.as_of.as_deref()).await?;
    let filter = ScorecardFilter::parse(&ScorecardFilterText {
        actor: p.actor,
        theme: p.theme,
        status: p.status,
        origin: p.origin,
        deadline_from: p.deadline_from,
        deadline_to: p.deadline_to,
        q: p.q,
    })
    // Unreachable after `days_given`; answered as the pages answer it.
    .map_err(|e| ApiError::from(crate::error::WebError::BadRequest(e.to_string())))?;
    view.commitments.retain(|c| filter.passes(c));
    Ok(json(StatusCode::OK, &view))
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AsOfParams {
    /// The day to show the commitment as of (YYYY-MM-DD); today if absent.
    #[param(value_type = Option<chrono::NaiveDate>)]
    pub as_of: Option<String>,
}

/// One commitment of a dossier as of a date, with its status history
/// (regressions marked) and the developments that bear on it.
#[utoipa::path(
    get,
    path = "/api/v1/dossiers/{slug}/commitments/{id}",
    tag = "dossiers",
    params(
        ("slug" = String, Path, description = "The dossier's slug."),
        ("id" = String, Path, description = "The commitment's id (a UUID)."),
        AsOfParams
    ),
    responses((status = 200, description = "The commitment.", body = CommitmentView))
)]
pub async fn show_commitment(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    ApiPath((slug, id)): ApiPath<(Slug, CommitmentId)>,
    ApiQuery(p): ApiQuery<AsOfParams>,
) -> ApiResult<Response> {
    days_given(&[("as_of", &p.as_of)])?;
    let view = view(&state, &ctx, &slug, p.as_of.as_deref()).await?;
    let commitment: CommitmentView = view
        .commitments
        .into_iter()
        .find(|c| c.id == id)
        .ok_or_else(ApiError::not_found)?;
    Ok(json(StatusCode::OK, &commitment))
}

/// Date parameters, when present, must be days: an empty value is refused
/// rather than read as "today" (forms send empty fields; programs should not).
fn days_given(params: &[(&str, &Option<String>)]) -> ApiResult<()> {
    for (name, value) in params {
        if let Some(v) = value {
            pledgewatch_core::date::parse_day(v.trim())
                .map_err(|e| ApiError::bad_parameter(name, e.reason))?;
        }
    }
    Ok(())
}

const DEFAULT_LIMIT: u32 = 20;
const MAX_LIMIT: u32 = 100;

fn page_size(limit: Option<u32>) -> ApiResult<u32> {
    match limit {
        None => Ok(DEFAULT_LIMIT),
        Some(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
        Some(_) => Err(ApiError::bad_parameter(
            "limit",
            format!("must be from 1 to {MAX_LIMIT}"),
        )),
    }
}

/// Search: the words to find plus the search page's filters.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// The words to find (every word must match).
    #[param(min_length = 1)]
    pub q: String,
    /// Only this kind: commitment, development, quote, concern, recommendation or source.
    #[param(pattern = "^(commitment|development|quote|concern|recommendation|source)?$")]
    pub kind: Option<String>,
    /// Only commitments this actor (id) is bound by or made.
    pub actor: Option<String>,
    /// Only commitments with this theme.
    pub theme: Option<String>,
    /// Only commitments whose latest status is this key.
    pub status: Option<String>,
    /// Only commitments of this origin.
    pub origin: Option<String>,
    /// Only commitments due on or after this day (YYYY-MM-DD).
    #[param(value_type = Option<chrono::NaiveDate>)]
    pub deadline_from: Option<String>,
    /// Only commitments due on or before this day (YYYY-MM-DD).
    #[param(value_type = Option<chrono::NaiveDate>)]
    pub deadline_to: Option<String>,
    /// Results per page, 1 to 100 (20 if absent).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u32>,
    /// How many results to skip.
    #[param(minimum = 0, maximum = 1000)]
    pub offset: Option<u32>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SearchResult {
    pub kind: EntityKind,
    pub id: Uuid,
    pub title: String,
    /// The matching passage as plain text.
    pub snippet: String,
    /// The matching passage as escaped HTML, each match in `<mark>`.
    pub snippet_html: String,
    /// Higher is more relevant; comparable within one result list only.
    /// Given only to those who read every record (null for the public and
    /// for members kept from confidential sources): it is reckoned over
    /// every record the index holds, drafts and confidential ones
    /// included, so its changes would tell of records they may not read.
    pub score: Option<f64>,
    /// Where the result can be read: for the public, the record's public
    /// page (null when it has none); for the team, the commitment's page or
    /// the record in this API.
    pub url: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SearchResults {
    pub items: Vec<SearchResult>,
    /// Results in all pages (search ranks at most 1000).
    pub total: usize,
    pub limit: u32,
    pub offset: u32,
    /// The next page, if there is one.
    pub next: Option<String>,
}

/// One search hit as the API shows it, with where it can be read: the
/// record in this API for records, the page for commitments.
fn search_result(h: SearchHit, page: String, sees_everything: bool) -> SearchResult {
    // A record's page has its twin in this API; a commitment's dossier page
    // has none, so it is linked as it is.
    let url = if page == crate::paths::url::record(h.kind, h.id) {
        Some(super::ApiRoute::RecordShow.url(&[&h.kind.as_str(), &h.id]))
    } else if page.is_empty() {
        None
    } else {
        Some(page)
    };
    SearchResult {
        kind: h.kind,
        id: h.id,
        title: h.title,
        snippet: h.snippet.replace([MATCH_START, MATCH_END], ""),
        snippet_html: pages::search::snippet_html(&h.snippet),
        score: sees_everything.then_some(h.score),
        url,
    }
}

/// The `kind` parameter of a search: empty for every kind, else one of the
/// kinds search covers.
fn searched_kind(kind: Option<&str>) -> ApiResult<Option<EntityKind>> {
    match kind.map(str::trim).filter(|k| !k.is_empty()) {
        None => Ok(None),
        Some(k) => EntityKind::parse(k)
            .ok()
            .filter(|k| pages::search::SEARCHED.contains(k))
            .map(Some)
            .ok_or_else(|| {
                ApiError::bad_parameter(
                    "kind",
                    "must be one of commitment, development, quote, concern, recommendation, source",
                )
            }),
    }
}

/// A search error: bad words are the `q` parameter's fault.
fn query_error(e: pledgewatch_core::Error) -> ApiError {
    match e {
        pledgewatch_core::Error::Invalid(e) => ApiError::bad_parameter("q", e.to_string()),
        e => e.into(),
    }
}

/// The link to the next page of a search: the same parameters, moved on.
fn next_search_page(p: &SearchParams, limit: u32, next_offset: usize) -> String {
    let mut query: Vec<(&str, String)> = vec![("q", p.q.clone())];
    for (name, value) in [
        ("kind", &p.kind),
        ("actor", &p.actor),
        ("theme", &p.theme),
        ("status", &p.status),
        ("origin", &p.origin),
        ("deadline_from", &p.deadline_from),
        ("deadline_to", &p.deadline_to),
    ] {
        if let Some(v) = value {
            query.push((name, v.clone()));
        }
    }
    query.push(("limit", limit.to_string()));
    query.push(("offset", next_offset.to_string()));
    format!(
        "{}?{}",
        super::ApiRoute::Search.path(),
        serde_urlencoded::to_string(&query).unwrap_or_default()
    )
}

/// The search page's filters from the API's parameters, and the kind
/// searched: commitments when a commitment filter is set, which another
/// kind asked for with it is refused rather than dropped.
fn search_filters(
    p: &SearchParams,
) -> ApiResult<(pages::search::SearchParams, Option<EntityKind>)> {
    let kind = searched_kind(p.kind.as_deref())?;
    let filters = pages::search::SearchParams {
        q: Some(p.q.clone()),
        kind: p.kind.clone(),
        actor: p.actor.clone(),
        theme: p.theme.clone(),
        status: p.status.clone(),
        origin: p.origin.clone(),
        deadline_from: p.deadline_from.clone(),
        deadline_to: p.deadline_to.clone(),
        page: None,
    };
    if kind.is_some_and(|k| k != EntityKind::Commitment) && filters.filters_commitments() {
        return Err(ApiError::bad_parameter(
            "kind",
            "actor, theme, status, origin and deadline filter commitments only",
        ));
    }
    let kind = if filters.filters_commitments() {
        Some(EntityKind::Commitment)
    } else {
        kind
    };
    Ok((filters, kind))
}

/// Full-text search, ranked, with the same filters as the search page; the
/// public searches published, non-confidential records only.
#[utoipa::path(
    get,
    path = "/api/v1/search",
    tag = "search",
    params(SearchParams),
    responses((status = 200, description = "Ranked results, one page of them.", body = SearchResults))
)]
pub async fn search(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    ApiQuery(p): ApiQuery<SearchParams>,
) -> ApiResult<Response> {
    days_given(&[
        ("deadline_from", &p.deadline_from),
        ("deadline_to", &p.deadline_to),
    ])?;
    let limit = page_size(p.limit)?;
    let offset = p.offset.unwrap_or(0);
    if offset > MAX_SEARCH_RESULTS {
        return Err(ApiError::bad_parameter(
            "offset",
            format!("must be at most {MAX_SEARCH_RESULTS}"),
        ));
    }
    if p.q.trim().is_empty() {
        return Err(ApiError::bad_parameter("q", "must name something to find"));
    }
    let (filters, kind) = search_filters(&p)?;
    let reader = Reader::new(&state, &ctx);
    let team = reader.is_team();
    let query = SearchQuery {
        text: p.q.clone(),
        kinds: kind.into_iter().collect(),
        include_confidential: team,
        include_drafts: team,
        limit: MAX_SEARCH_RESULTS,
    };
    let (hits, total) = pages::search::found(
        &state,
        &reader,
        &filters,
        query,
        offset + limit,
        query_error,
    )
    .await?;
    let hits: Vec<SearchHit> = hits
        .into_iter()
        .skip(offset as usize)
        .take(limit as usize)
        .collect();
    let pages = pages::search::links(&reader, ctx.lang, &hits).await?;
    let items = hits
        .into_iter()
        .zip(pages)
        .map(|(h, page)| search_result(h, page, reader.sees_confidential()))
        .collect();
    let next_offset = offset as usize + limit as usize;
    let next = (next_offset < total).then(|| next_search_page(&p, limit, next_offset));
    Ok(json(
        StatusCode::OK,
        &SearchResults {
            items,
            total,
            limit,
            offset,
            next,
        },
    ))
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Records per page, 1 to 100 (20 if absent).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u32>,
    /// How many records to skip.
    #[param(minimum = 0, maximum = 10000000)]
    pub offset: Option<u32>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RecordPage {
    /// Live records, most recently changed first.
    pub items: Vec<Record>,
    pub limit: u32,
    pub offset: u32,
    /// The next page, if there is one.
    pub next: Option<String>,
}

/// The live records of one kind, most recently changed first, a page at a time.
#[utoipa::path(
    get,
    path = "/api/v1/records/{kind}",
    tag = "records",
    params(("kind" = EntityKind, Path, description = "The kind of record."), PageParams),
    responses((status = 200, description = "One page of records.", body = RecordPage))
)]
pub async fn list_records(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    KindPath(kind): KindPath,
    ApiQuery(p): ApiQuery<PageParams>,
) -> ApiResult<Response> {
    let limit = page_size(p.limit)?;
    let offset = p.offset.unwrap_or(0);
    if offset > 10_000_000 {
        return Err(ApiError::bad_parameter(
            "offset",
            "must be at most 10000000",
        ));
    }
    // Read as this caller may (without confidential sources below the
    // confidential role).
    let reader = Reader::new(&state, &ctx);
    let stored = reader.store().list(kind, limit + 1, offset).await?;
    let more = stored.len() > limit as usize;
    let ids: Vec<Uuid> = stored.iter().map(|s| s.entity.id()).collect();
    let published = state.store.published(&ids).await?;
    let items = stored
        .into_iter()
        .take(limit as usize)
        .map(|s| {
            let id = s.entity.id();
            Record {
                kind,
                id,
                version: s.meta.version,
                created_at: s.meta.created_at,
                updated_at: s.meta.updated_at,
                deleted_at: s.meta.deleted_at,
                published_at: published.get(&id).copied(),
                entity: s.entity,
            }
        })
        .collect();
    let next = more.then(|| {
        format!(
            "{}?limit={limit}&offset={}",
            super::ApiRoute::RecordList.url1(kind.as_str()),
            offset + limit
        )
    });
    Ok(json(
        StatusCode::OK,
        &RecordPage {
            items,
            limit,
            offset,
            next,
        },
    ))
}

/// One record, removed or not, with its current version.
#[utoipa::path(
    get,
    path = "/api/v1/records/{kind}/{id}",
    tag = "records",
    params(
        ("kind" = EntityKind, Path, description = "The kind of record."),
        ("id" = String, Path, description = "The record's id (a UUID).")
    ),
    responses((status = 200, description = "The record.", body = Record))
)]
pub async fn show_record(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    RecordPath { kind, id }: RecordPath,
) -> ApiResult<Response> {
    let reader = Reader::new(&state, &ctx);
    let record = record_in(reader.store(), kind, id).await?;
    Ok(json(StatusCode::OK, &record))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct History {
    /// Every recorded change, oldest first: who, when, what, why.
    pub items: Vec<AuditEntry>,
}

/// A record's history from the audit log (for the team only).
#[utoipa::path(
    get,
    path = "/api/v1/records/{kind}/{id}/history",
    tag = "records",
    params(
        ("kind" = EntityKind, Path, description = "The kind of record."),
        ("id" = String, Path, description = "The record's id (a UUID).")
    ),
    responses((status = 200, description = "The record's audit entries, oldest first.", body = History))
)]
pub async fn record_history(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    RecordPath { kind, id }: RecordPath,
) -> ApiResult<Response> {
    let reader = Reader::new(&state, &ctx);
    if reader.store().get(kind, id).await?.is_none() {
        return Err(ApiError::not_found());
    }
    let items = reader.store().history(kind.into(), id).await?;
    Ok(json(StatusCode::OK, &History { items }))
}
