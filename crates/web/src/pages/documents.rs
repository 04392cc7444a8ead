//! Downloads of the memorandum and the letters from the dossier page, for
//! signed-in users: the same documents as `pledgewatch memo` and
//! `pledgewatch letter`, built as of the chosen date.

use axum::Extension;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use pledgewatch_core::model::Slug;
use pledgewatch_report::{
    Format, LetterOptions, MemoOptions, letter_documents, memo_document, render,
};
use serde::Deserialize;

use super::as_of;
use crate::AppState;
use crate::auth::Ctx;
use crate::error::WebError;
use crate::extract::PathOf;

#[derive(Debug, Deserialize, Default)]
pub struct DocumentQuery {
    pub as_of: Option<String>,
    pub format: Option<String>,
    pub recipients: Option<String>,
    pub steps_by_body: Option<String>,
}

fn format_of(q: &DocumentQuery) -> Result<Format, WebError> {
    let text = q.format.as_deref().unwrap_or("pdf");
    Format::parse(text).ok_or_else(|| {
        WebError::BadRequest(format!(
            "format: '{text}' is not one of html, md, docx, pdf"
        ))
    })
}

fn report_error(e: pledgewatch_report::Error) -> WebError {
    match e {
        pledgewatch_report::Error::Core(e) => e.into(),
        pledgewatch_report::Error::Template { .. } => WebError::BadRequest(e.to_string()),
        other => WebError::Internal(other.to_string()),
    }
}

fn download(bytes: Vec<u8>, format: Format, stem: &str) -> Response {
    let disposition = format!("attachment; filename=\"{stem}.{}\"", format.extension());
    (
        [
            (header::CONTENT_TYPE, format.media_type().to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response()
}

/// Renders off the request threads: a PDF takes a moment.
async fn rendered(doc: pledgewatch_report::Document, format: Format) -> Result<Vec<u8>, WebError> {
    tokio::task::spawn_blocking(move || render(&doc, format))
        .await
        .map_err(|e| WebError::Internal(e.to_string()))?
        .map_err(report_error)
}

pub async fn memo(
    State(state): State<AppState>,
    Extension(_ctx): Extension<Ctx>,
    PathOf(slug): PathOf<Slug>,
    Query(q): Query<DocumentQuery>,
) -> Result<Response, WebError> {
    let format = format_of(&q)?;
    let as_of = as_of(q.as_of.as_deref())?;
    let options = MemoOptions {
        steps_by_body: q.steps_by_body.is_some(),
        ..MemoOptions::new(as_of)
    };
    let doc = memo_document(state.store.as_ref(), &slug, &options)
        .await
        .map_err(report_error)?;
    let bytes = rendered(doc, format).await?;
    Ok(download(
        bytes,
        format,
        &format!("memorandum-{slug}-{as_of}"),
    ))
}

pub async fn letters(
    State(state): State<AppState>,
    Extension(_ctx): Extension<Ctx>,
    PathOf(slug): PathOf<Slug>,
    Query(q): Query<DocumentQuery>,
) -> Result<Response, WebError> {
    let format = format_of(&q)?;
    let as_of = as_of(q.as_of.as_deref())?;
    let recipients = q
        .recipients
        .clone()
        .filter(|r| !r.trim().is_empty())
        .ok_or_else(|| WebError::BadRequest("recipients: choose a recipient list".into()))?;
    let options = LetterOptions {
        combined: true,
        ..LetterOptions::new(as_of, recipients)
    };
    let mut letters = letter_documents(state.store.as_ref(), &slug, &options)
        .await
        .map_err(report_error)?;
    let letter = letters
        .pop()
        .ok_or_else(|| WebError::BadRequest("the recipient list is empty".into()))?;
    let bytes = rendered(letter.document, format).await?;
    Ok(download(bytes, format, &letter.file_stem))
}
