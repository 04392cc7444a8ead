//! Open-data downloads: every list page offers its records as CSV and JSON
//! in the project's own formats (docs/formats.md). The record lists are the
//! team's; the dossier and the list of dossiers give each visitor what the
//! page shows them (anonymous visitors: published records only, never a
//! confidential source).

use axum::Extension;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use pledgewatch_core::model::{EntityKind, Slug};
use pledgewatch_core::view::Audience;
use pledgewatch_exchange::export::{self, ExportError, Format, Selection};

use super::records::KindPath;
use crate::AppState;
use crate::auth::Ctx;
use crate::error::WebError;
use crate::extract::PathOf;

/// The published JSON Schema of the JSON downloads.
const SCHEMA: &str = include_str!("../../../../schemas/pledgewatch-export-1.schema.json");

/// An export as the viewer may see it: the reader is the public
/// projection, or the team's record (without confidential sources below
/// `confidential_role`).
async fn download(
    state: &AppState,
    ctx: &Ctx,
    selection: Selection,
    format: Format,
) -> Result<Response, WebError> {
    let reader = super::Reader::new(state, ctx);
    let bytes = export::export(reader.store(), &selection, Audience::Team, format)
        .await
        .map_err(|e| match e {
            ExportError::Store(e) => WebError::from(e),
            ExportError::Write(e) => WebError::Internal(e.to_string()),
        })?;
    // The stem holds only letters, digits and hyphens (see `file_stem`).
    let disposition = format!(
        "attachment; filename=\"{}.{}\"",
        selection.file_stem(),
        format.extension()
    );
    Ok((
        [
            (header::CONTENT_TYPE, format.media_type().to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}

async fn records(
    state: AppState,
    ctx: Ctx,
    kind: EntityKind,
    format: Format,
) -> Result<Response, WebError> {
    download(&state, &ctx, Selection::List(kind), format).await
}

pub async fn records_csv(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    KindPath(kind): KindPath,
) -> Result<Response, WebError> {
    records(state, ctx, kind, Format::Csv).await
}

pub async fn records_json(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    KindPath(kind): KindPath,
) -> Result<Response, WebError> {
    records(state, ctx, kind, Format::Json).await
}

async fn dossier(
    state: AppState,
    ctx: Ctx,
    slug: Slug,
    format: Format,
) -> Result<Response, WebError> {
    download(&state, &ctx, Selection::Dossier(slug), format).await
}

pub async fn dossier_csv(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    PathOf(slug): PathOf<Slug>,
) -> Result<Response, WebError> {
    dossier(state, ctx, slug, Format::Csv).await
}

pub async fn dossier_json(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    PathOf(slug): PathOf<Slug>,
) -> Result<Response, WebError> {
    dossier(state, ctx, slug, Format::Json).await
}

pub async fn dossiers_csv(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
) -> Result<Response, WebError> {
    let selection = Selection::List(EntityKind::Dossier);
    download(&state, &ctx, selection, Format::Csv).await
}

pub async fn dossiers_json(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
) -> Result<Response, WebError> {
    let selection = Selection::List(EntityKind::Dossier);
    download(&state, &ctx, selection, Format::Json).await
}

pub async fn schema() -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/schema+json"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        SCHEMA,
    )
        .into_response()
}
