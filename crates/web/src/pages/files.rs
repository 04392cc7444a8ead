//! Stored files, by their SHA-256. The public may download a file only
//! through a published, non-confidential source.

use axum::Extension;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use pledgewatch_core::model::Sha256Hex;

use super::Reader;
use crate::AppState;
use crate::auth::Ctx;
use crate::error::WebError;
use crate::extract::PathOf;

pub async fn download(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    PathOf(sha): PathOf<Sha256Hex>,
) -> Result<Response, WebError> {
    // The public reaches a file only through a source whose published
    // version holds it and is not confidential.
    let reader = Reader::new(&state, &ctx);
    let (media_type, content) = reader
        .store()
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
