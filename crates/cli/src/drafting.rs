//! Drafting help on the command line: `extract` (propose commitments from a
//! text, and optionally save them as drafts), `drafts list|accept|reject`
//! (the review queue) and `extract-eval` (score the extractor against the
//! gold annotations). Argument parsing and printing only: the work is done
//! by `pledgewatch-extract` and the core's drafting services.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use pledgewatch_core::date::{PreciseDate, parse_day};
use pledgewatch_core::drafting::{self, Edits, Proposal};
use pledgewatch_core::error::{Error, FieldError, ValidationErrors};
use pledgewatch_core::ids::{ActorId, CandidateId};
use pledgewatch_core::model::{Candidate, CandidateStatus, Origin, Records, Stored, TimingKind};
use pledgewatch_core::service::{self, Services};
use pledgewatch_core::storage::Storage;
use pledgewatch_extract::input::{self, DocumentFormat};
use pledgewatch_extract::{Extraction, InputFormat, Options};
use serde::Serialize;

use crate::{Failure, Format, exit, open_current, output};

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// The document to read: plain text, Markdown or HTML (UTF-8, or Mac
    /// Roman), a PDF or a Word (DOCX) file.
    file: PathBuf,
    /// The document's date (YYYY-MM-DD): anchors "last year", "within six
    /// months" and named days. Default: a date in the document's header.
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    /// Who is bound when the text says "we" or "the Government".
    #[arg(long, value_name = "NAME")]
    actor: Option<String>,
    /// The markup of a text file (default: from the file name, else
    /// detected). PDF and DOCX files are known by their contents.
    #[arg(long, value_enum)]
    input: Option<Markup>,
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    /// Store the text as a source and the candidates as drafts to review
    /// (see `pledgewatch drafts`).
    #[arg(long)]
    save: bool,
    /// The source's title when saving (default: the file name).
    #[arg(long)]
    title: Option<String>,
    /// Mark the saved source confidential.
    #[arg(long)]
    confidential: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Markup {
    Plain,
    Markdown,
    Html,
}

#[derive(Debug, Subcommand)]
pub enum DraftsCommand {
    /// List the candidates in the review queue.
    List {
        /// Only candidates of this status: pending, accepted, rejected.
        #[arg(long)]
        status: Option<String>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Accept a candidate, possibly edited: it becomes a commitment with its
    /// source and quote.
    Accept(Box<AcceptArgs>),
    /// Reject a candidate, with the reason.
    Reject {
        /// The candidate's id (see `drafts list`).
        id: String,
        /// Why it is not a commitment (required).
        #[arg(long)]
        reason: Option<String>,
        /// The version you reviewed (see `drafts list`); default: the current one.
        #[arg(long)]
        version: Option<i64>,
    },
}

#[derive(Debug, Args)]
pub struct AcceptArgs {
    /// The candidate's id (see `drafts list`).
    id: String,
    /// A better statement of what is promised.
    #[arg(long)]
    statement: Option<String>,
    /// The bound actor's name (an actor of that name is created if needed).
    #[arg(long, value_name = "NAME")]
    actor: Option<String>,
    /// The id of an existing actor who is bound (instead of --actor).
    #[arg(long, value_name = "ID")]
    actor_id: Option<String>,
    /// The deadline: YYYY, YYYY-MM, YYYY-Qn or YYYY-MM-DD.
    #[arg(long)]
    deadline: Option<String>,
    /// The deadline as the source words it.
    #[arg(long)]
    deadline_as_written: Option<String>,
    /// by_deadline, during_period, refrain_from or none_stated.
    #[arg(long)]
    timing: Option<String>,
    /// When the commitment was made: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long)]
    made_on: Option<String>,
    /// pledge, accepted_recommendation or legal_obligation.
    #[arg(long)]
    origin: Option<String>,
    /// A condition ("subject to ...").
    #[arg(long)]
    condition: Option<String>,
    /// The version you reviewed (see `drafts list`); default: the current one.
    #[arg(long)]
    version: Option<i64>,
    /// Why, for the audit log.
    #[arg(long)]
    reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Which annotations to score: dev, test or all.
    #[arg(long, default_value = "all")]
    split: String,
    /// The folder of gold files.
    #[arg(long, value_name = "DIR", default_value = "crates/extract/gold")]
    gold: PathBuf,
    /// The folder the gold files' document paths start from (the one that
    /// holds `shared/`).
    #[arg(long, value_name = "DIR", default_value = "..")]
    data: PathBuf,
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    /// Also list, per document, the false candidates, the missed commitments
    /// and the matches whose deadline or condition differ.
    #[arg(long)]
    details: bool,
}

/// Largest file read for drafting, in bytes: what the web's drafting page
/// takes, for a PDF or Word file as for text. A bigger document is a
/// collection to split, and would hold the whole reading in memory.
const MAX_FILE: u64 = 10 * 1024 * 1024;

fn read_file(path: &Path) -> Result<Vec<u8>, Failure> {
    let failure = |e: std::io::Error| Failure {
        code: exit::FAILURE,
        message: format!("{}: {e}", path.display()),
    };
    let size = std::fs::metadata(path).map_err(failure)?.len();
    if size > MAX_FILE {
        return Err(Failure {
            code: exit::INVALID,
            message: format!(
                "{}: the file is {} MB; drafting help reads files of up to 10 MB: split the document",
                path.display(),
                size.div_ceil(1_048_576)
            ),
        });
    }
    std::fs::read(path).map_err(failure)
}

/// `pledgewatch extract`: prints the candidates, or with --save stores
/// them as drafts.
pub async fn extract(db: &str, who: &str, args: ExtractArgs) -> Result<(), Failure> {
    let date = args
        .date
        .as_deref()
        .map(|d| parse_day(d).map_err(|e| e.at("--date")))
        .transpose()?;
    if let Some(a) = &args.actor
        && a.trim().is_empty()
    {
        return Err(FieldError::new("--actor", "must not be blank").into());
    }
    let bytes = read_file(&args.file)?;
    let file_name = args.file.display().to_string();
    let input = read_input(&bytes, &file_name, args.input)?;
    let extraction = pledgewatch_extract::extract(
        &input.text,
        &Options {
            document_date: date,
            actor: args.actor.clone(),
            format: input.format,
        },
    );
    if !args.save {
        match args.format {
            Format::Json => output::json(&extraction_json(&extraction, &input)),
            Format::Text => out!("{}", extraction_text(&file_name, &extraction, &input)),
        }
        return Ok(());
    }
    let document = Document {
        bytes: &bytes,
        text: &input.text,
        file_name: &file_name,
        media_type: input.media_type(&args.file),
    };
    save_drafts(db, who, &args, document, &extraction).await
}

/// A file as the text the extractor reads.
struct Input {
    text: String,
    /// The markup, when known (a PDF or DOCX file's text is plain).
    format: Option<InputFormat>,
    /// For a PDF or DOCX file: its format and number of pages.
    paged: Option<(DocumentFormat, usize)>,
}

impl Input {
    /// Where a candidate's quote stands in a PDF or DOCX file.
    fn locator(&self, start: usize) -> Option<String> {
        self.paged.and_then(|_| input::locator(&self.text, start))
    }

    fn media_type(&self, path: &Path) -> &'static str {
        if let Some((format, _)) = self.paged {
            return format.media_type();
        }
        match path.extension().and_then(|e| e.to_str()) {
            Some("html" | "htm") => "text/html",
            Some("md" | "markdown") => "text/markdown",
            _ => "text/plain",
        }
    }
}

/// Reads a file: a PDF or a Word document (known by its bytes) as its text
/// with its pages, anything else as text in the markup given, suggested by
/// the name, or detected.
fn read_input(bytes: &[u8], file_name: &str, markup: Option<Markup>) -> Result<Input, Failure> {
    match input::read(bytes) {
        Some(Ok(paged)) => Ok(Input {
            text: paged.text,
            format: Some(InputFormat::Plain),
            paged: Some((paged.format, paged.pages)),
        }),
        Some(Err(e)) => Err(Failure {
            code: exit::INVALID,
            message: format!("{file_name}: {e}"),
        }),
        None => Ok(Input {
            text: pledgewatch_exchange::decode::document_text(bytes).map_err(|why| Failure {
                code: exit::INVALID,
                message: format!("{file_name}: {why}"),
            })?,
            format: markup
                .map(|m| match m {
                    Markup::Plain => InputFormat::Plain,
                    Markup::Markdown => InputFormat::Markdown,
                    Markup::Html => InputFormat::Html,
                })
                .or_else(|| InputFormat::from_extension(file_name)),
            paged: None,
        }),
    }
}

/// The extraction as JSON; for a PDF or DOCX file, with the file's format
/// and pages, and each candidate's locator ("p. 12, para. 63").
fn extraction_json(extraction: &Extraction, input: &Input) -> serde_json::Value {
    let mut value = serde_json::to_value(extraction).unwrap_or_default();
    let Some((format, pages)) = input.paged else {
        return value;
    };
    if let Some(candidates) = value.get_mut("candidates").and_then(|c| c.as_array_mut()) {
        for (json, c) in candidates.iter_mut().zip(&extraction.candidates) {
            if let Some(object) = json.as_object_mut() {
                object.insert("locator".into(), input.locator(c.start).into());
            }
        }
    }
    if let Some(object) = value.as_object_mut() {
        object.insert(
            "file".into(),
            serde_json::json!({ "format": format, "pages": pages }),
        );
    }
    value
}

/// The document `extract --save` reads, as bytes, text, name and media type.
struct Document<'a> {
    bytes: &'a [u8],
    text: &'a str,
    file_name: &'a str,
    media_type: &'static str,
}

/// `extract --save`: keeps the document, stores it as a source and its
/// candidates as drafts, and says what was saved.
async fn save_drafts(
    db: &str,
    who: &str,
    args: &ExtractArgs,
    document: Document<'_>,
    extraction: &Extraction,
) -> Result<(), Failure> {
    let Document {
        bytes,
        text,
        file_name,
        media_type,
    } = document;
    let title = args.title.clone().unwrap_or_else(|| {
        args.file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| file_name.to_owned())
    });
    let source = pledgewatch_extract::drafts::source_for(
        text,
        Some(bytes),
        &title,
        extraction.document_date,
        args.confidential,
        chrono::Utc::now().date_naive(),
    );
    // Checked before the document is kept, so a refused text stores nothing.
    drafting::check_candidate_count(extraction.candidates.len())
        .map_err(|e| FieldError::new("FILE", e.reason))?;
    let proposals: Vec<Proposal> = extraction
        .candidates
        .iter()
        .map(pledgewatch_extract::drafts::proposal)
        .collect();
    let store = open_current(db).await?;
    // The document itself is kept, identified by its SHA-256.
    store.put_file(media_type, bytes).await?;
    let context = service::context(who, Some(&format!("Draft commitments from {file_name}")))?;
    let proposed = drafting::propose(&Services::new(&store), &context, source, proposals).await?;
    match args.format {
        Format::Json => output::json(&serde_json::json!({
            "source": proposed.source,
            "source_created": proposed.source_created,
            "created": proposed.created,
            "unchanged": proposed.unchanged,
        })),
        Format::Text => outln!(
            "Saved {} new draft(s) from {file_name} ({} already in the queue) under source {}{}.\nReview them with `pledgewatch drafts list`.",
            proposed.created.len(),
            proposed.unchanged,
            proposed.source,
            if proposed.source_created {
                ""
            } else {
                " (existing)"
            }
        ),
    }
    store.close().await;
    Ok(())
}

fn timing_words(t: TimingKind) -> &'static str {
    match t {
        TimingKind::ByDeadline => "by a deadline",
        TimingKind::DuringPeriod => "during a period",
        TimingKind::RefrainFrom => "refrain from",
        TimingKind::NoneStated => "no time stated",
    }
}

/// The first line of `extract`'s text output: how many candidates, and
/// what the document was read as.
fn extraction_heading(file: &str, e: &Extraction, input: &Input) -> String {
    let date = match e.document_date {
        Some(d) => format!("{d} ({})", e.document_date_source),
        None => "unknown (give --date)".to_owned(),
    };
    let kind = match e.kind {
        pledgewatch_extract::DocumentKind::UprReport => match &e.state_under_review {
            Some(s) => format!("UPR Working Group report on {s}"),
            None => "UPR Working Group report".to_owned(),
        },
        pledgewatch_extract::DocumentKind::General => "statement, letter or article".to_owned(),
    };
    let pages = match input.paged {
        Some((format, pages)) => format!("; {}, {pages} page(s)", format.name()),
        None => String::new(),
    };
    format!(
        "{} candidate(s) in {file} ({kind}; document date {date}{pages})",
        e.candidates.len()
    )
}

fn extraction_text(file: &str, e: &Extraction, input: &Input) -> String {
    let mut out = extraction_heading(file, e, input);
    out.push('\n');
    for (i, c) in e.candidates.iter().enumerate() {
        let _ = writeln!(
            out,
            "\n{}. {} — {}",
            i + 1,
            c.actor.as_deref().unwrap_or("(actor unknown)"),
            c.statement
        );
        let mut timing = format!("   Timing:     {}", timing_words(c.timing));
        if let Some(d) = &c.deadline {
            match (d.date, d.precision) {
                (Some(date), Some(p)) => {
                    let _ = write!(
                        timing,
                        ", \"{}\" -> {date} ({} precision)",
                        d.as_written,
                        p.as_str()
                    );
                }
                _ => {
                    let _ = write!(
                        timing,
                        ", \"{}\" (unresolved: {})",
                        d.as_written,
                        d.unresolved.as_deref().unwrap_or("no date")
                    );
                }
            }
        }
        if let Some(p) = &c.period {
            let _ = write!(timing, ", \"{p}\"");
        }
        let _ = writeln!(out, "{timing}");
        if let Some(s) = &c.speaker {
            let _ = writeln!(out, "   Speaker:    {s}");
        }
        if let Some(o) = &c.occasion {
            let _ = writeln!(out, "   Occasion:   {o}");
        }
        if let Some(m) = &c.made_on {
            let _ = writeln!(out, "   Made:       {m}");
        }
        if let Some(r) = &c.recommended_by {
            let _ = writeln!(out, "   Recommended by: {r}");
        }
        if let Some(k) = &c.condition {
            let _ = writeln!(out, "   Condition:  {k}");
        }
        if let Some(l) = input.locator(c.start) {
            let _ = writeln!(out, "   Locator:    {l}");
        }
        let _ = writeln!(
            out,
            "   Quote:      [{}..{}] \"{}\"",
            c.start,
            c.end,
            c.quote.split_whitespace().collect::<Vec<_>>().join(" ")
        );
        let _ = writeln!(out, "   Confidence: {:.2} ({})", c.confidence, c.rule);
    }
    out
}

#[derive(Serialize)]
struct QueueRow<'a> {
    id: CandidateId,
    version: i64,
    #[serde(flatten)]
    candidate: &'a Candidate,
}

/// `pledgewatch drafts ...`.
pub async fn drafts(db: &str, who: &str, command: DraftsCommand) -> Result<(), Failure> {
    match command {
        DraftsCommand::List { status, format } => list(db, status.as_deref(), format).await,
        DraftsCommand::Accept(args) => accept(db, who, *args).await,
        DraftsCommand::Reject {
            id,
            reason,
            version,
        } => reject(db, who, &id, reason, version).await,
    }
}

/// `pledgewatch drafts list`.
async fn list(db: &str, status: Option<&str>, format: Format) -> Result<(), Failure> {
    let status = status
        .map(|s| CandidateStatus::parse(s).map_err(|e| e.at("--status")))
        .transpose()?;
    let store = open_current(db).await?;
    let queue = store.list_candidates(status).await?;
    match format {
        Format::Json => {
            let rows: Vec<QueueRow> = queue
                .iter()
                .map(|s| QueueRow {
                    id: s.entity.id,
                    version: s.meta.version,
                    candidate: &s.entity,
                })
                .collect();
            output::json(&rows);
        }
        Format::Text => out!("{}", queue_text(&queue)),
    }
    store.close().await;
    Ok(())
}

/// `pledgewatch drafts accept`: the arguments are checked before the
/// database is opened.
async fn accept(db: &str, who: &str, args: AcceptArgs) -> Result<(), Failure> {
    let (id, edits) = accept_edits(&args)?;
    let store = open_current(db).await?;
    let version = match args.version {
        Some(v) => v,
        None => current_version(&store, id).await?,
    };
    let reason = args
        .reason
        .unwrap_or_else(|| "Accepted from the drafting queue".to_owned());
    let context = service::context(who, Some(&reason))?;
    let accepted = drafting::accept(&Services::new(&store), &context, id, edits, version).await?;
    outln!(
        "Accepted candidate {id}: commitment {} (quote {}, bound actor {}{}).",
        accepted.commitment,
        accepted.quote,
        accepted.bound,
        if accepted.actor_created { ", new" } else { "" }
    );
    store.close().await;
    Ok(())
}

/// The candidate and the edits `drafts accept` asks for, with every
/// malformed argument reported at once.
fn accept_edits(args: &AcceptArgs) -> Result<(CandidateId, Edits), Failure> {
    let mut errors = ValidationErrors::default();
    let id = errors.check(CandidateId::parse(&args.id).map_err(|e| e.at("id")));
    let parse_date = |v: &Option<String>, field: &str, errors: &mut ValidationErrors| {
        v.as_deref()
            .and_then(|d| errors.check(PreciseDate::parse(d).map_err(|e| e.at(field))))
    };
    let deadline = parse_date(&args.deadline, "--deadline", &mut errors);
    let made_on = parse_date(&args.made_on, "--made-on", &mut errors);
    let timing = args
        .timing
        .as_deref()
        .and_then(|t| errors.check(TimingKind::parse(t).map_err(|e| e.at("--timing"))));
    let origin = args
        .origin
        .as_deref()
        .and_then(|o| errors.check(Origin::parse(o).map_err(|e| e.at("--origin"))));
    let bound = args
        .actor_id
        .as_deref()
        .and_then(|a| errors.check(ActorId::parse(a).map_err(|e| e.at("--actor-id"))));
    for (field, value) in [
        ("--statement", &args.statement),
        ("--actor", &args.actor),
        ("--condition", &args.condition),
        ("--deadline-as-written", &args.deadline_as_written),
    ] {
        if value.as_deref().is_some_and(|v| v.trim().is_empty()) {
            errors.push(FieldError::new(field, "must not be blank"));
        }
    }
    errors.clone().into_result().map_err(Error::from)?;
    let Some(id) = id else {
        return Err(Error::from(errors).into());
    };
    let edits = Edits {
        statement: args.statement.clone(),
        bound,
        actor_name: args.actor.clone(),
        actor_kind: None,
        made_by: None,
        occasion: None,
        made_on,
        origin,
        timing,
        deadline,
        deadline_as_written: args.deadline_as_written.clone(),
        condition: args.condition.clone(),
        themes: vec![],
        dossier: None,
    };
    Ok((id, edits))
}

/// `pledgewatch drafts reject`: a reason is required.
async fn reject(
    db: &str,
    who: &str,
    id: &str,
    reason: Option<String>,
    version: Option<i64>,
) -> Result<(), Failure> {
    let id = CandidateId::parse(id).map_err(|e| e.at("id"))?;
    let reason = match reason {
        Some(r) if !r.trim().is_empty() => r,
        _ => {
            return Err(FieldError::new("--reason", "rejecting a candidate needs a reason").into());
        }
    };
    let store = open_current(db).await?;
    let version = match version {
        Some(v) => v,
        None => current_version(&store, id).await?,
    };
    let context = service::context(who, Some(&reason))?;
    let entry = drafting::reject(&Services::new(&store), &context, id, &reason, version).await?;
    outln!("Rejected candidate {id} (audit entry {}).", entry.seq);
    store.close().await;
    Ok(())
}

/// The candidate's current version, for a review that names none.
async fn current_version(store: &dyn Storage, id: CandidateId) -> Result<i64, Failure> {
    match store.get_record(id).await? {
        Some(stored) => Ok(stored.meta.version),
        None => Err(Error::NotFound {
            kind: "candidate",
            id: id.to_string(),
        }
        .into()),
    }
}

fn queue_text(queue: &[Stored<Candidate>]) -> String {
    let mut out = String::new();
    if queue.is_empty() {
        let _ = writeln!(
            out,
            "No candidates. Propose some with `pledgewatch extract FILE --save`."
        );
        return out;
    }
    for s in queue {
        let c = &s.entity;
        let deadline = match (&c.deadline, &c.deadline_as_written) {
            (Some(d), Some(w)) => format!(
                " · \"{w}\" -> {} ({} precision)",
                d.latest(),
                d.precision().as_str()
            ),
            (None, Some(w)) => format!(" · \"{w}\""),
            (Some(d), None) => format!(" · {} ({} precision)", d.latest(), d.precision().as_str()),
            (None, None) => String::new(),
        };
        let _ = writeln!(
            out,
            "{}  v{}  {:<8}  {:>3}%  {} — {}{deadline}",
            c.id,
            s.meta.version,
            c.status.as_str(),
            c.confidence,
            c.actor.as_deref().unwrap_or("(actor unknown)"),
            c.statement,
        );
        if let Some(r) = &c.rejection_reason {
            let _ = writeln!(out, "      rejected: {r}");
        }
        if let Some(k) = &c.commitment {
            let _ = writeln!(out, "      became commitment {k}");
        }
    }
    out
}

/// `pledgewatch extract-eval`.
pub fn eval(args: EvalArgs) -> Result<(), Failure> {
    use pledgewatch_extract::eval;
    if !matches!(args.split.as_str(), "dev" | "test" | "all") {
        return Err(FieldError::new(
            "--split",
            format!("'{}' must be dev, test or all", args.split),
        )
        .into());
    }
    let loaded =
        pledgewatch_extract::gold::load_all(&args.gold, &args.data).map_err(|e| Failure {
            code: exit::FAILURE,
            message: e,
        })?;
    let report = eval::evaluate(&loaded, &args.split);
    match args.format {
        Format::Json => output::json(&report),
        Format::Text => out!("{}", eval::table(&report)),
    }
    if args.details {
        out!("\n{}", eval::details(&loaded, &args.split));
    }
    Ok(())
}
