//! Downloads of the memorandum and the letters from the dossier page, for
//! signed-in users: the same documents as `pledgewatch memo` and
//! `pledgewatch letter`, built as of the chosen date. The public's version
//! unless `audience=team` asks for the team's watermarked draft (the routes
//! are for signed-in users only; the handlers check it again).

use axum::Extension;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use pledgewatch_core::accounts::Role;
use pledgewatch_core::lang::Lang;
use pledgewatch_core::model::Slug;
use pledgewatch_report::{
    Audience, DRAFT_SUFFIX, Format, LetterOptions, MemoOptions, letter_documents, memo_document,
    render,
};
use serde::Deserialize;

use super::as_of;
use crate::AppState;
use crate::auth::Ctx;
use crate::error::WebError;
use crate::extract::{PageQuery, PathOf};

#[derive(Debug, Deserialize, Default)]
pub struct DocumentQuery {
    pub as_of: Option<String>,
    pub format: Option<String>,
    pub recipients: Option<String>,
    pub steps_by_body: Option<String>,
    /// Present (a ticked checkbox) to also write to the State bound.
    pub include_subject: Option<String>,
    /// "public" (the default) or "team".
    pub audience: Option<String>,
    /// The language of the document's fixed text: "en", "ru", "fr" or
    /// "es"; the reader's language when not given.
    pub lang: Option<String>,
}

/// The language asked for; the reader's when none is.
fn lang_of(q: &DocumentQuery, ctx: &Ctx) -> Result<Lang, WebError> {
    match q.lang.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
        None => Ok(ctx.lang),
        Some(code) => Lang::parse(code).ok_or_else(|| {
            let known: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
            WebError::BadRequest(format!(
                "lang: documents are written in {}",
                known.join(", ")
            ))
        }),
    }
}

fn format_of(q: &DocumentQuery) -> Result<Format, WebError> {
    let text = q.format.as_deref().unwrap_or("pdf");
    Format::parse(text).ok_or_else(|| {
        WebError::BadRequest(format!(
            "format: '{text}' is not one of html, md, docx, pdf"
        ))
    })
}

/// Whose version is asked for: the team's only for a signed-in member.
fn audience_of(q: &DocumentQuery, ctx: &Ctx) -> Result<Audience, WebError> {
    match q.audience.as_deref().map(str::trim).unwrap_or("") {
        "" | "public" => Ok(Audience::Public),
        "team" if ctx.can(Role::Viewer) => Ok(Audience::Team),
        "team" => Err(WebError::Forbidden),
        other => Err(WebError::BadRequest(format!(
            "audience: '{other}' is not one of public, team"
        ))),
    }
}

fn report_error(e: pledgewatch_report::Error) -> WebError {
    match e {
        pledgewatch_report::Error::Core(e) => e.into(),
        e @ pledgewatch_report::Error::NotPublished { .. } => WebError::BadRequest(format!(
            "{e}, so there is no public version yet; choose the team's draft to download it"
        )),
        pledgewatch_report::Error::Template { .. }
        | pledgewatch_report::Error::NoSignatory { .. } => WebError::BadRequest(e.to_string()),
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

/// What a document is built from: the store itself for the public version
/// (the report reads it through the public projection), the viewer's
/// reader for the team's draft (without confidential sources below the
/// confidential role).
fn source_for<'a>(
    state: &'a AppState,
    reader: &'a super::Reader<'a>,
    audience: Audience,
) -> &'a dyn pledgewatch_core::storage::Storage {
    match audience {
        Audience::Team => reader.store(),
        Audience::Public => state.store.as_ref(),
    }
}

pub async fn memo(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    PathOf(slug): PathOf<Slug>,
    PageQuery(q): PageQuery<DocumentQuery>,
) -> Result<Response, WebError> {
    let format = format_of(&q)?;
    let as_of = as_of(q.as_of.as_deref())?;
    let audience = audience_of(&q, &ctx)?;
    let options = MemoOptions {
        steps_by_body: q.steps_by_body.is_some(),
        audience,
        lang: lang_of(&q, &ctx)?,
        ..MemoOptions::new(as_of)
    };
    let reader = super::Reader::new(&state, &ctx);
    let doc = memo_document(source_for(&state, &reader, audience), &slug, &options)
        .await
        .map_err(report_error)?;
    let bytes = rendered(doc, format).await?;
    let suffix = if audience == Audience::Team {
        DRAFT_SUFFIX
    } else {
        ""
    };
    Ok(download(
        bytes,
        format,
        &format!("memorandum-{slug}-{as_of}{suffix}"),
    ))
}

pub async fn letters(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    PathOf(slug): PathOf<Slug>,
    PageQuery(q): PageQuery<DocumentQuery>,
) -> Result<Response, WebError> {
    let format = format_of(&q)?;
    let as_of = as_of(q.as_of.as_deref())?;
    let audience = audience_of(&q, &ctx)?;
    let recipients = q
        .recipients
        .clone()
        .filter(|r| !r.trim().is_empty())
        .ok_or_else(|| WebError::BadRequest("recipients: choose a recipient list".into()))?;
    let options = LetterOptions {
        combined: true,
        audience,
        include_subject: q.include_subject.is_some(),
        lang: lang_of(&q, &ctx)?,
        ..LetterOptions::new(as_of, recipients)
    };
    let reader = super::Reader::new(&state, &ctx);
    let mut letters = letter_documents(source_for(&state, &reader, audience), &slug, &options)
        .await
        .map_err(report_error)?;
    let letter = letters
        .pop()
        .ok_or_else(|| WebError::BadRequest("the recipient list is empty".into()))?;
    let bytes = rendered(letter.document, format).await?;
    Ok(download(bytes, format, &letter.file_stem))
}
