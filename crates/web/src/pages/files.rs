//! Stored files, by their SHA-256. The public may download a file only
//! through a published, non-confidential source.

use axum::Extension;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use pledgewatch_core::model::{Entity, Sha256Hex};
use pledgewatch_core::storage::Storage;
use pledgewatch_core::view::Audience;

use super::audience;
use crate::AppState;
use crate::auth::Ctx;
use crate::error::WebError;
use crate::extract::PathOf;

pub async fn download(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    PathOf(sha): PathOf<Sha256Hex>,
) -> Result<Response, WebError> {
    if audience(&ctx) == Audience::Public {
        let sources = state.store.sources_with_file(&sha).await?;
        let open: Vec<uuid::Uuid> = sources
            .iter()
            .filter(|s| matches!(&s.entity, Entity::Source(src) if !src.confidential))
            .map(|s| s.entity.id())
            .collect();
        if state.store.published(&open).await?.is_empty() {
            return Err(WebError::NotFound);
        }
    }
    let (media_type, content) = state
        .store
        .get_file(&sha)
        .await?
        .ok_or(WebError::NotFound)?;
    // Served as a download, never rendered: an uploaded HTML file must not
    // run in this site's origin.
    let disposition = format!("attachment; filename=\"{}\"", sha.as_str());
    let media_type = if media_type == "application/pdf" {
        media_type
    } else {
        "application/octet-stream".into()
    };
    Ok((
        [
            (header::CONTENT_TYPE, media_type),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        content,
    )
        .into_response())
}
