//! Drafting help in the browser: paste a text or upload a file (text,
//! Markdown, HTML, PDF or Word), see the proposed commitments highlighted
//! in it, and accept (possibly edited) or reject each one. Accepting goes through the same audited services as the
//! command line.

use axum::Extension;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use pledgewatch_core::date::parse_day;
use pledgewatch_core::drafting::{self, Edits};
use pledgewatch_core::error::{FieldError, ValidationErrors};
use pledgewatch_core::facts::ResolvedDate;
use pledgewatch_core::ids::{CandidateId, CommitmentId, DossierId, SourceId};
use pledgewatch_core::lang::{Args, Lang};
use pledgewatch_core::model::{Candidate, CandidateStatus, EntityKind, Records, Stored};
use pledgewatch_core::service::{self, Services};
use pledgewatch_core::similar::{self, Recorded};
use pledgewatch_core::storage::Storage;
use pledgewatch_core::wording;
use pledgewatch_extract::input::{self, InputError, PAGE_BREAK};
use pledgewatch_extract::{InputFormat, Options};
use serde::Deserialize;

use super::{Flash, FlashQuery, nav, render};
use crate::AppState;
use crate::auth::Ctx;
use crate::error::WebError;
use crate::extract::{PageQuery, PathOf};
use crate::forms::values_from_pairs;
use crate::http::esc;
use crate::paths::url;
use crate::templates::{
    CandidateCard, DraftSourceRow, DraftingPage, DraftingSourcePage, ErrorLink, Opt,
    SimilarCommitment, Typed,
};
use crate::upload::{SubmittedForm, Upload};

/// Largest text read for drafting, in bytes.
const MAX_TEXT: usize = 10 * 1024 * 1024;

pub async fn start(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    PageQuery(q): PageQuery<FlashQuery>,
) -> Result<Html<String>, WebError> {
    page(
        &state,
        &ctx,
        &ValidationErrors::default(),
        &Default::default(),
        q.done,
    )
    .await
}

async fn page(
    state: &AppState,
    ctx: &Ctx,
    errors: &ValidationErrors,
    values: &std::collections::HashMap<String, Vec<String>>,
    done: Option<Flash>,
) -> Result<Html<String>, WebError> {
    let pending = state
        .store
        .list_candidates(Some(CandidateStatus::Pending))
        .await?;
    let mut sources: Vec<(SourceId, usize)> = Vec::new();
    for c in &pending {
        match sources.iter_mut().find(|(s, _)| *s == c.entity.source) {
            Some((_, n)) => *n += 1,
            None => sources.push((c.entity.source, 1)),
        }
    }
    let ids: Vec<SourceId> = sources.iter().map(|(s, _)| *s).collect();
    let found = state.store.get_records(&ids).await?;
    let rows = sources
        .iter()
        .map(|(id, n)| DraftSourceRow {
            url: url::drafting_source(id),
            title: found
                .iter()
                .find(|s| s.entity.id == *id)
                .map(|s| s.entity.title.clone())
                .unwrap_or_else(|| id.to_string()),
            pending: *n,
        })
        .collect();
    let value = |name: &str| {
        values
            .get(name)
            .and_then(|v| v.first())
            .cloned()
            .unwrap_or_default()
    };
    let error = |name: &str| {
        errors
            .0
            .iter()
            .filter(|e| e.field == name)
            .map(|e| e.reason_in(ctx.lang))
            .collect::<Vec<_>>()
            .join("; ")
    };
    render(&DraftingPage {
        nav: nav(ctx, done),
        title: ctx.lang.t("drafting-title"),
        sources: rows,
        doc_title: value("title"),
        date: value("date"),
        actor: value("actor"),
        text: value("text"),
        title_error: error("title"),
        date_error: error("date"),
        text_error: error("text"),
        file_error: error("file"),
        errors: [
            ("title", "drafting-doc-title"),
            ("date", "drafting-doc-date"),
            ("text", "drafting-text"),
            ("file", "drafting-file-label"),
        ]
        .iter()
        .filter(|(name, _)| !error(name).is_empty())
        .map(|(name, label)| ErrorLink {
            href: format!("#d-{name}"),
            text: ctx.lang.tr(
                "form-error-line",
                &Args::new()
                    .str("field", ctx.lang.t(label))
                    .str("error", error(name)),
            ),
        })
        .collect(),
    })
}

/// Reads the pasted or uploaded text, proposes its commitments as drafts,
/// and shows them.
pub async fn submit(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    form: SubmittedForm,
) -> Result<Response, WebError> {
    let values = values_from_pairs(form.pairs);
    let value = |name: &str| {
        values
            .get(name)
            .and_then(|v| v.first())
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
    };
    let mut errors = ValidationErrors::default();
    let date = match value("date") {
        Some(d) => errors.check(parse_day(&d).map_err(|e| e.at("date"))),
        None => None,
    };
    let submitted = submitted(ctx.lang, form.file, value("text"), &mut errors);
    let title = value("title").unwrap_or_default();
    if title.is_empty() {
        errors.push(FieldError::new("title", ctx.lang.t("drafting-error-title")));
    }
    if !errors.is_empty() {
        return refused(&state, &ctx, &errors, &values).await;
    }
    let Document {
        text,
        format,
        media_type,
        bytes,
    } = match read(submitted).await? {
        Ok(document) => document,
        Err(e) => {
            errors.push(FieldError::new("file", e.to_string()));
            return refused(&state, &ctx, &errors, &values).await;
        }
    };
    let extraction = pledgewatch_extract::extract(
        &text,
        &Options {
            document_date: date,
            actor: value("actor"),
            format,
        },
    );
    // Checked before the file is kept, so a refused text stores nothing.
    errors.check(drafting::check_candidate_count(extraction.candidates.len()));
    if !errors.is_empty() {
        return refused(&state, &ctx, &errors, &values).await;
    }
    state.store.put_file(&media_type, &bytes).await?;
    let source = pledgewatch_extract::drafts::source_for(
        &text,
        Some(&bytes),
        &title,
        extraction.document_date,
        values.contains_key("confidential"),
        crate::http::today(),
    );
    let proposals = extraction
        .candidates
        .iter()
        .map(pledgewatch_extract::drafts::proposal)
        .collect();
    let context = service::context(&ctx.actor(), Some("Drafted from a text"))?;
    let proposed = drafting::propose(
        &Services::new(state.store.as_ref()),
        &context,
        source,
        proposals,
    )
    .await?;
    Ok(Redirect::to(&Flash::Drafted.on(&url::drafting_source(proposed.source))).into_response())
}

/// What was submitted to read: a file, or the pasted text.
struct Submitted {
    bytes: Vec<u8>,
    media_type: String,
    /// The markup a text file's media type names.
    format: Option<InputFormat>,
    uploaded: bool,
}

/// The uploaded file, else the pasted text; an error when there is neither
/// or it is too large.
fn submitted(
    lang: Lang,
    file: Option<Upload>,
    text: Option<String>,
    errors: &mut ValidationErrors,
) -> Submitted {
    let uploaded = file.is_some();
    let (bytes, media_type, format) = match (file, text) {
        (Some(file), _) => {
            let format = match file.media_type.as_str() {
                "text/html" => Some(InputFormat::Html),
                "text/markdown" => Some(InputFormat::Markdown),
                _ => None,
            };
            (file.content, file.media_type, format)
        }
        (None, Some(text)) => (text.into_bytes(), "text/plain".to_owned(), None),
        (None, None) => {
            errors.push(FieldError::new("text", lang.t("drafting-error-text")));
            (Vec::new(), String::new(), None)
        }
    };
    if bytes.len() > MAX_TEXT {
        let field = if uploaded { "file" } else { "text" };
        errors.push(FieldError::new(field, lang.t("drafting-error-size")));
    }
    Submitted {
        bytes,
        media_type,
        format,
        uploaded,
    }
}

/// A submitted document as the text the extractor reads, with the bytes
/// and media type it is kept under.
struct Document {
    text: String,
    format: Option<InputFormat>,
    media_type: String,
    bytes: Vec<u8>,
}

/// Reads what was submitted: an uploaded PDF or Word file as its text with
/// its pages (off the async threads: a long PDF takes a while), anything
/// else decoded as text.
async fn read(submitted: Submitted) -> Result<Result<Document, InputError>, WebError> {
    let Submitted {
        bytes,
        media_type,
        format,
        uploaded,
    } = submitted;
    let (paged, bytes) = if uploaded {
        tokio::task::spawn_blocking(move || (input::read(&bytes), bytes))
            .await
            .map_err(|e| WebError::Internal(format!("reading an uploaded file: {e}")))?
    } else {
        (None, bytes)
    };
    Ok(match paged {
        Some(Ok(paged)) => Ok(Document {
            text: paged.text,
            format: Some(InputFormat::Plain),
            media_type: paged.format.media_type().to_owned(),
            bytes,
        }),
        Some(Err(e)) => Err(e),
        None => match pledgewatch_exchange::decode::document_text(&bytes) {
            Ok(text) => Ok(Document {
                text,
                format,
                media_type,
                bytes,
            }),
            Err(why) => Err(InputError::NotText(why)),
        },
    })
}

/// The drafting form again with what is wrong next to its fields (422).
async fn refused(
    state: &AppState,
    ctx: &Ctx,
    errors: &ValidationErrors,
    values: &std::collections::HashMap<String, Vec<String>>,
) -> Result<Response, WebError> {
    let page = page(state, ctx, errors, values, None).await?;
    Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// The text with every candidate's words marked, escaped everywhere else.
fn highlighted(text: &str, ranges: &[(usize, usize, String)]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut merged: Vec<(usize, usize, String)> = Vec::new();
    let mut sorted: Vec<&(usize, usize, String)> = ranges.iter().collect();
    sorted.sort();
    for (start, end, id) in sorted {
        let (start, end) = ((*start).min(chars.len()), (*end).min(chars.len()));
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end, id.clone())),
        }
    }
    let mut out = String::new();
    let mut at = 0;
    for (start, end, id) in merged {
        if start < at {
            continue;
        }
        out.push_str(&esc_keeping_pages(
            &chars[at..start].iter().collect::<String>(),
        ));
        out.push_str(&format!("<mark id=\"q-{}\">", esc(&id)));
        out.push_str(&esc_keeping_pages(
            &chars[start..end].iter().collect::<String>(),
        ));
        out.push_str("</mark>");
        at = end;
    }
    out.push_str(&esc_keeping_pages(&chars[at..].iter().collect::<String>()));
    page_marks(&out)
}

/// Escapes text for HTML, keeping its page breaks (which the escaping
/// drops with every other control character) for [`page_marks`].
fn esc_keeping_pages(text: &str) -> String {
    text.split(PAGE_BREAK)
        .map(esc)
        .collect::<Vec<_>>()
        .join(&PAGE_BREAK.to_string())
}

/// The text's page breaks (a PDF's or Word file's) as visible page marks.
fn page_marks(html: &str) -> String {
    if !html.contains(PAGE_BREAK) {
        return html.to_owned();
    }
    let mut out = String::with_capacity(html.len() + 64);
    for (i, part) in html.split(PAGE_BREAK).enumerate() {
        if i > 0 {
            out.push_str(&format!("<span class=\"page-break\">p. {}</span>", i + 1));
        }
        out.push_str(part);
    }
    out
}

pub async fn source(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    PathOf(id): PathOf<SourceId>,
    PageQuery(q): PageQuery<FlashQuery>,
) -> Result<Html<String>, WebError> {
    source_page(&state, &ctx, id, q.done, None).await
}

/// A refusal shown on one candidate's card: its id, the reason, and what
/// the person had typed into its accept form (kept, so no edit is lost).
struct Problem {
    id: CandidateId,
    reason: String,
    typed: Option<Typed>,
    dossier: Option<String>,
}

/// The source's text with its candidates, each pending one with the
/// commitments it may repeat and, after a refused accept, the reason.
async fn source_page(
    state: &AppState,
    ctx: &Ctx,
    id: SourceId,
    done: Option<Flash>,
    problem: Option<Problem>,
) -> Result<Html<String>, WebError> {
    let Some(Stored { entity: source, .. }) = state.store.get_record(id).await? else {
        return Err(WebError::NotFound);
    };
    let candidates = drafting::candidates_of(&Services::new(state.store.as_ref()), id).await?;
    let text = source.text.clone().unwrap_or_default();
    let ranges: Vec<(usize, usize, String)> = candidates
        .iter()
        .map(|c| {
            let start = usize::try_from(c.entity.quote_start).unwrap_or(usize::MAX);
            let end = usize::try_from(c.entity.quote_end).unwrap_or(usize::MAX);
            (start, end, c.entity.id.to_string())
        })
        .collect();
    let recorded = Recorded::read(state.store.as_ref()).await?;
    let cards = candidates
        .iter()
        .map(|c| {
            let mut card = card(ctx.lang, &c.entity, c.meta.version, &text);
            if card.pending {
                card.similar = similar_of(&recorded, &c.entity, None, None);
            }
            if let Some(p) = &problem
                && p.id == c.entity.id
            {
                card.problem = p.reason.clone();
                if let Some(typed) = &p.typed {
                    card.typed = typed.clone();
                }
            }
            card
        })
        .collect();
    render(&DraftingSourcePage {
        nav: nav(ctx, done),
        title: source.title.clone(),
        source_url: url::record(EntityKind::Source, id),
        text_html: highlighted(&text, &ranges),
        candidates: cards,
        dossiers: dossier_choices(state, problem.as_ref().and_then(|p| p.dossier.as_deref()))
            .await?,
    })
}

/// The live dossiers, by title: those an accepted commitment can join (an
/// editor may edit every dossier). The one chosen before a refusal, or the
/// only one, is chosen in advance.
async fn dossier_choices(state: &AppState, chosen: Option<&str>) -> Result<Vec<Opt>, WebError> {
    let mut dossiers: Vec<Opt> = state
        .store
        .list(EntityKind::Dossier, 10_000, 0)
        .await?
        .into_iter()
        .filter(|s| s.meta.deleted_at.is_none())
        .map(|s| Opt {
            value: s.entity.id().to_string(),
            label: s.entity.label(),
            selected: false,
        })
        .collect();
    dossiers.sort_by(|a, b| a.label.cmp(&b.label));
    if let [only] = dossiers.as_mut_slice() {
        only.selected = true;
    }
    for d in &mut dossiers {
        d.selected |= chosen == Some(d.value.as_str());
    }
    Ok(dossiers)
}

/// The recorded commitments a candidate may repeat, with the person's
/// edits of its statement and actor.
fn similar_of(
    recorded: &Recorded,
    c: &Candidate,
    statement: Option<&str>,
    actor: Option<&str>,
) -> Vec<SimilarCommitment> {
    fn blank(v: Option<&str>) -> Option<&str> {
        v.map(str::trim).filter(|v| !v.is_empty())
    }
    recorded
        .like(similar::Proposed {
            actor: blank(actor).unwrap_or(c.actor.as_deref().unwrap_or_default()),
            statement: blank(statement).unwrap_or(&c.statement),
            quote: &c.quote_text,
        })
        .into_iter()
        .map(|s| SimilarCommitment {
            id: s.commitment.to_string(),
            statement: s.statement,
            url: url::record(EntityKind::Commitment, s.commitment),
        })
        .collect()
}

/// A candidate's card (without its similar commitments).
fn card(lang: Lang, e: &Candidate, version: i64, text: &str) -> CandidateCard {
    CandidateCard {
        id: e.id.to_string(),
        version,
        statement: e.statement.clone(),
        quote: e.quote_text.clone(),
        actor: e.actor.clone().unwrap_or_default(),
        speaker: e.speaker.clone().unwrap_or_default(),
        occasion: e.occasion.clone().unwrap_or_default(),
        timing: wording::timing_kind(lang, e.timing),
        deadline_resolved: e
            .deadline
            .map(|d| {
                let resolved = ResolvedDate {
                    date: d.latest(),
                    precision: d.precision(),
                };
                wording::deadline(lang, resolved)
            })
            .unwrap_or_default(),
        deadline_as_written: e.deadline_as_written.clone().unwrap_or_default(),
        unresolved: e.deadline_unresolved.clone().unwrap_or_default(),
        condition: e.condition.clone().unwrap_or_default(),
        confidence: e.confidence,
        locator: locator(text, e.quote_start),
        status: lang.t(&format!("drafting-status-{}", e.status.as_str())),
        pending: e.status == CandidateStatus::Pending,
        rejection_reason: e.rejection_reason.clone().unwrap_or_default(),
        commitment_url: e
            .commitment
            .map(|c| url::record(EntityKind::Commitment, c))
            .unwrap_or_default(),
        similar: Vec::new(),
        problem: String::new(),
        typed: Typed {
            statement: e.statement.clone(),
            actor: e.actor.clone().unwrap_or_default(),
            deadline: e.deadline.map(|d| d.to_string()).unwrap_or_default(),
            condition: e.condition.clone().unwrap_or_default(),
        },
    }
}

/// Where a quote stands in a paged text (a PDF's or Word file's): "p. 12,
/// para. 63"; empty for other texts.
fn locator(text: &str, quote_start: u64) -> String {
    if !text.contains(PAGE_BREAK) {
        return String::new();
    }
    let start = usize::try_from(quote_start).unwrap_or(usize::MAX);
    input::locator(text, start).unwrap_or_default()
}

#[derive(Debug, Deserialize)]
pub struct AcceptForm {
    pub version: i64,
    pub statement: Option<String>,
    pub actor: Option<String>,
    pub deadline: Option<String>,
    pub condition: Option<String>,
    /// The dossier the commitment joins (required when there is one).
    pub dossier: Option<String>,
    /// Given by "Create a new commitment anyway", after the warning that a
    /// similar one exists.
    pub duplicate_ok: Option<String>,
}

async fn candidate_of(state: &AppState, id: CandidateId) -> Result<Candidate, WebError> {
    match state.store.get_record(id).await? {
        Some(Stored { entity: c, .. }) => Ok(c),
        None => Err(WebError::NotFound),
    }
}

/// The source page again with a refusal on the candidate's card, keeping
/// what the person typed into its accept form.
async fn refused_on_card(
    state: &AppState,
    ctx: &Ctx,
    c: &Candidate,
    status: StatusCode,
    reason: String,
    form: Option<&AcceptForm>,
) -> Result<Response, WebError> {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let problem = Problem {
        id: c.id,
        reason,
        typed: form.map(|f| Typed {
            statement: text(&f.statement),
            actor: text(&f.actor),
            deadline: text(&f.deadline),
            condition: text(&f.condition),
        }),
        dossier: form.and_then(|f| f.dossier.clone()),
    };
    let page = source_page(state, ctx, c.source, None, Some(problem)).await?;
    Ok((status, page).into_response())
}

/// The dossier chosen on the accept form: required when any exists, and
/// one of them.
async fn chosen_dossier(
    state: &AppState,
    lang: Lang,
    given: Option<&str>,
) -> Result<Result<Option<DossierId>, String>, WebError> {
    let dossiers = dossier_choices(state, None).await?;
    let given = given.map(str::trim).filter(|d| !d.is_empty());
    Ok(match given {
        None if dossiers.is_empty() => Ok(None),
        None => Err(lang.t("drafting-no-dossier")),
        Some(d) => match dossiers.iter().find(|o| o.value == d) {
            Some(o) => uuid::Uuid::parse_str(&o.value)
                .map(|u| Some(DossierId(u)))
                .map_err(|_| lang.t("drafting-dossier-missing")),
            None => Err(lang.t("drafting-dossier-removed")),
        },
    })
}

/// What stops a candidate from being accepted as the form stands: the
/// dossier, a similar commitment (unless a new one was asked for anyway),
/// or an edit that is not valid. `Ok` carries the typed edits.
async fn acceptable(
    state: &AppState,
    lang: Lang,
    candidate: &Candidate,
    form: &AcceptForm,
) -> Result<Result<Edits, (StatusCode, String)>, WebError> {
    let refused = |reason: String| Ok(Err((StatusCode::UNPROCESSABLE_ENTITY, reason)));
    let dossier = match chosen_dossier(state, lang, form.dossier.as_deref()).await? {
        Ok(d) => d,
        Err(reason) => return refused(reason),
    };
    if form.duplicate_ok.is_none() {
        let recorded = Recorded::read(state.store.as_ref()).await?;
        let similar = similar_of(
            &recorded,
            candidate,
            form.statement.as_deref(),
            form.actor.as_deref(),
        );
        if !similar.is_empty() {
            return Ok(Err((
                StatusCode::CONFLICT,
                lang.t("drafting-similar-refused"),
            )));
        }
    }
    let edits = Edits::typed(
        form.statement.as_deref(),
        form.actor.as_deref(),
        form.deadline.as_deref(),
        form.condition.as_deref(),
    );
    match edits {
        Ok(edits) => Ok(Ok(Edits { dossier, ..edits })),
        Err(e) => refused(field_problem(lang, &e)),
    }
}

/// One field's problem in the reader's words: "Deadline: <reason>".
fn field_problem(lang: Lang, e: &FieldError) -> String {
    let label = match e.field.as_str() {
        "statement" => lang.t("drafting-statement"),
        "actor" | "actor_name" => lang.t("drafting-who-bound"),
        "deadline" => lang.t("drafting-deadline"),
        "condition" => lang.t("drafting-condition"),
        "dossier" => lang.t("drafting-dossier"),
        other => other.replace('_', " "),
    };
    lang.tr(
        "form-error-line",
        &Args::new()
            .str("field", label)
            .str("error", e.reason_in(lang)),
    )
}

/// Accepts a candidate into the chosen dossier. When a similar commitment
/// is already recorded, nothing is created unless the person asked for a
/// new one anyway: the page shows the similar ones, with links and the
/// offer to attach the candidate to one of them. A refusal keeps the
/// person's edits on the card.
pub async fn accept(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    PathOf(id): PathOf<CandidateId>,
    axum::Form(form): axum::Form<AcceptForm>,
) -> Result<Response, WebError> {
    let candidate = candidate_of(&state, id).await?;
    let edits = match acceptable(&state, ctx.lang, &candidate, &form).await? {
        Ok(edits) => edits,
        Err((status, reason)) => {
            return refused_on_card(&state, &ctx, &candidate, status, reason, Some(&form)).await;
        }
    };
    let context = service::context(&ctx.actor(), Some("Accepted from drafting help"))?;
    let accepted = drafting::accept(
        &Services::new(state.store.as_ref()),
        &context,
        id,
        edits,
        form.version,
    )
    .await;
    match accepted {
        Ok(_) => Ok(Redirect::to(&Flash::Accepted.on(&format!(
            "{}#c-{id}",
            url::drafting_source(candidate.source)
        )))
        .into_response()),
        Err(pledgewatch_core::Error::Invalid(errors)) => {
            let reason = lines(ctx.lang, &errors);
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            refused_on_card(&state, &ctx, &candidate, status, reason, Some(&form)).await
        }
        Err(e) => Err(e.into()),
    }
}

/// Every field problem of a refused change, one after another.
fn lines(lang: Lang, errors: &ValidationErrors) -> String {
    errors
        .0
        .iter()
        .map(|e| field_problem(lang, e))
        .collect::<Vec<_>>()
        .join(" ")
}

#[derive(Debug, Deserialize)]
pub struct AttachForm {
    pub version: i64,
    /// The commitment's id, as text: a malformed one is refused on the card.
    pub commitment: String,
}

/// Attaches a candidate to a commitment already recorded (its words become
/// evidence of that commitment) instead of creating a duplicate.
pub async fn attach(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    PathOf(id): PathOf<CandidateId>,
    axum::Form(form): axum::Form<AttachForm>,
) -> Result<Response, WebError> {
    let candidate = candidate_of(&state, id).await?;
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    let Ok(commitment) = uuid::Uuid::parse_str(form.commitment.trim()).map(CommitmentId) else {
        let reason = ctx.lang.t("drafting-attach-unknown");
        return refused_on_card(&state, &ctx, &candidate, status, reason, None).await;
    };
    let context = service::context(
        &ctx.actor(),
        Some("Attached from drafting help to an existing commitment"),
    )?;
    let attached = drafting::attach(
        &Services::new(state.store.as_ref()),
        &context,
        id,
        commitment,
        form.version,
    )
    .await;
    match attached {
        Ok(_) => Ok(Redirect::to(&Flash::Attached.on(&format!(
            "{}#c-{id}",
            url::drafting_source(candidate.source)
        )))
        .into_response()),
        Err(pledgewatch_core::Error::Invalid(errors)) => {
            let reason = lines(ctx.lang, &errors);
            refused_on_card(&state, &ctx, &candidate, status, reason, None).await
        }
        Err(
            pledgewatch_core::Error::NotFound { .. }
            | pledgewatch_core::Error::DanglingReference { .. },
        ) => {
            let reason = ctx.lang.t("drafting-attach-unknown");
            refused_on_card(&state, &ctx, &candidate, status, reason, None).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug, Deserialize)]
pub struct RejectForm {
    pub version: i64,
    pub reason: String,
}

pub async fn reject(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    PathOf(id): PathOf<CandidateId>,
    axum::Form(form): axum::Form<RejectForm>,
) -> Result<Response, WebError> {
    let source = candidate_of(&state, id).await?.source;
    let context = service::context(
        &ctx.actor(),
        Some(form.reason.trim()).filter(|r| !r.is_empty()),
    )?;
    drafting::reject(
        &Services::new(state.store.as_ref()),
        &context,
        id,
        &form.reason,
        form.version,
    )
    .await?;
    Ok(
        Redirect::to(&Flash::Rejected.on(&format!("{}#c-{id}", url::drafting_source(source))))
            .into_response(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_breaks_show_as_page_marks_even_inside_a_quote() {
        let text = "One.\u{c}We will act.\u{c}Three.";
        let html = highlighted(text, &[(5, 17, "a".into())]);
        assert_eq!(
            html,
            "One.<span class=\"page-break\">p. 2</span><mark id=\"q-a\">We will act.</mark><span class=\"page-break\">p. 3</span>Three."
        );
        assert_eq!(locator(text, 5), "p. 2");
        assert_eq!(locator("No pages.", 0), "");
    }

    #[test]
    fn candidate_words_are_marked_and_everything_else_escaped() {
        let text = "<b>We</b> will amend the law. Ça ira.";
        let html = highlighted(text, &[(10, 29, "a".into()), (10, 20, "b".into())]);
        assert_eq!(
            html,
            "&lt;b&gt;We&lt;/b&gt; <mark id=\"q-b\">will amend the law.</mark> Ça ira."
        );
    }
}
