//! The `memo` and `letter` commands: their arguments, and writing the
//! documents atomically (a temporary file in the same folder, then a rename),
//! so that a failed run never leaves half a document behind.
//!
//! Both write the public's version unless `--audience team` asks for the
//! team's draft (drafts and confidential sources included, watermarked).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use pledgewatch_core::date::parse_day;
use pledgewatch_core::error::FieldError;
use pledgewatch_core::lang::Lang;
use pledgewatch_core::model::Slug;
use pledgewatch_report::{Audience, Format, LetterOptions, MemoOptions};
use pledgewatch_store::Store;

use crate::{Failure, exit};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DocumentFormat {
    Html,
    Md,
    Docx,
    Pdf,
}

impl From<DocumentFormat> for Format {
    fn from(f: DocumentFormat) -> Self {
        match f {
            DocumentFormat::Html => Format::Html,
            DocumentFormat::Md => Format::Markdown,
            DocumentFormat::Docx => Format::Docx,
            DocumentFormat::Pdf => Format::Pdf,
        }
    }
}

/// Whose version of a document to write.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum DocumentAudience {
    /// What the public may see: approved versions of published records, no
    /// confidential source. Refused while the dossier is not published.
    #[default]
    Public,
    /// The team's draft: drafts, pending edits and confidential sources
    /// included, marked "Draft — not for circulation" on every page.
    Team,
}

impl From<DocumentAudience> for Audience {
    fn from(a: DocumentAudience) -> Self {
        match a {
            DocumentAudience::Public => Audience::Public,
            DocumentAudience::Team => Audience::Team,
        }
    }
}

impl DocumentAudience {
    /// How the confirmation names the version written.
    fn what(self) -> &'static str {
        match self {
            DocumentAudience::Public => "",
            DocumentAudience::Team => "the team's draft of ",
        }
    }
}

#[derive(Debug, Args)]
pub struct MemoArgs {
    /// The dossier's slug (see `dossier list`).
    dossier: String,
    /// Describe the situation as it stood on this day (YYYY-MM-DD), using only
    /// what was known by then. Default: today.
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    #[arg(long, value_enum)]
    format: DocumentFormat,
    /// The file to write (replaced only once the document is complete).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: PathBuf,
    /// Also gather every step at the end, grouped by the body it is addressed to.
    #[arg(long)]
    steps_by_body: bool,
    /// Whose version: the public's, or the team's watermarked draft.
    #[arg(long, value_enum, default_value_t)]
    audience: DocumentAudience,
    /// The language of the document's fixed text (headings, labels, the
    /// sentences written from the record, dates): en, ru, fr or es. What the
    /// record holds stays in the language it was entered in.
    #[arg(long, value_name = "LANG", default_value = "en")]
    lang: String,
}

const LETTER_HELP: &str = "\
The recipient list is named by its name (\"Foreign ministers of the OSCE participating
States (2008)\") or by that name in lowercase with hyphens
(foreign-ministers-of-the-osce-participating-states-2008).

A template is a UTF-8 text file. Paragraphs are separated by blank lines; line breaks
inside a paragraph are kept. {{field}} is a merge field; {{field?}} may be empty (a line
left empty is dropped); {{field|capitalise}} starts with a capital; a paragraph that is
just {{signatories}} becomes the signature blocks; lines starting with {{! are comments.
A misspelt field, or one with no value, is an error naming it and its line (exit 3).

The State bound by the commitments is left out of the list (matched by its name, short
name or country code): the letter asks others to press it. --include-subject writes to it
too; with the default template its letter addresses the government about its own pledges.";

#[derive(Debug, Args)]
pub struct LetterArgs {
    /// The dossier's slug (see `dossier list`).
    dossier: String,
    /// The recipient list of the dossier to write to (its name, or its slug).
    #[arg(long, value_name = "LIST")]
    recipients: String,
    /// The day the letter speaks of (YYYY-MM-DD). Default: today.
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    #[arg(long, value_enum)]
    format: DocumentFormat,
    /// A folder to write one file per recipient into or, with --combined, the file to write.
    #[arg(short = 'o', long = "output", value_name = "FILE_OR_DIR")]
    output: PathBuf,
    /// One document with a page break between letters.
    #[arg(long)]
    combined: bool,
    /// The letter template (default: the built-in one in --lang; see below).
    #[arg(long, value_name = "FILE")]
    template: Option<PathBuf>,
    /// The language of the letters' fixed text (headings, labels, the
    /// sentences written from the record, dates): en, ru, fr or es. What the
    /// record holds stays in the language it was entered in.
    #[arg(long, value_name = "LANG", default_value = "en")]
    lang: String,

    /// Whose version: the public's (published recipient lists and
    /// signatories only), or the team's watermarked draft, whose file
    /// names end with -draft.
    #[arg(long, value_enum, default_value_t)]
    audience: DocumentAudience,
    /// Also write to the State bound by the commitments (left out by
    /// default: the letter asks others to press it). With the default
    /// template it gets a direct letter about its own pledges.
    #[arg(long)]
    include_subject: bool,
}

fn slug_arg(text: &str) -> Result<Slug, Failure> {
    Ok(Slug::parse(text).map_err(|e| e.at("dossier"))?)
}

/// The language of `--lang`: en, ru, fr or es (a region is allowed:
/// "ru-RU"); any other is an error naming the four.
fn lang_arg(text: &str) -> Result<Lang, Failure> {
    Lang::parse(text).ok_or_else(|| {
        let known: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
        Failure::from(FieldError::new(
            "--lang",
            format!(
                "unknown language '{}'; the documents are written in {}",
                text.trim(),
                known.join(", ")
            ),
        ))
    })
}

fn as_of_arg(text: Option<&str>) -> Result<chrono::NaiveDate, Failure> {
    Ok(match text {
        Some(d) => parse_day(d).map_err(|e| e.at("--as-of"))?,
        None => chrono::Utc::now().date_naive(),
    })
}

fn report_failure(e: pledgewatch_report::Error) -> Failure {
    match e {
        pledgewatch_report::Error::Core(e) => e.into(),
        e @ pledgewatch_report::Error::NotPublished { .. } => Failure {
            code: exit::REFUSED,
            message: format!("{e}; use --audience team for the team's draft"),
        },
        e @ (pledgewatch_report::Error::Template { .. }
        | pledgewatch_report::Error::NoSignatory { .. }) => Failure {
            code: exit::INVALID,
            message: e.to_string(),
        },
        e @ pledgewatch_report::Error::Render { .. } => Failure {
            code: exit::FAILURE,
            message: e.to_string(),
        },
    }
}

fn io_failure(path: &Path, e: std::io::Error) -> Failure {
    Failure {
        code: exit::FAILURE,
        message: format!("{}: {e}", path.display()),
    }
}

/// Refuses `-` as a file to write where it does not mean standard output,
/// rather than writing a file of that name.
pub fn refuse_dash(path: &Path, field: &str) -> Result<(), Failure> {
    if path.as_os_str() == "-" {
        return Err(FieldError::new(
            field,
            "`-` (standard output) is not offered here: give a file name (./- for a file named -)",
        )
        .into());
    }
    Ok(())
}

/// Writes `bytes` to `path` through a temporary file in the same folder.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    refuse_dash(path, "--output")?;
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| Failure::from(FieldError::new("--output", "names no file")))?;
    let temp = folder.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&temp);
        return Err(io_failure(path, e));
    }
    Ok(())
}

pub async fn memo(store: &Store, args: MemoArgs) -> Result<(), Failure> {
    let slug = slug_arg(&args.dossier)?;
    let as_of = as_of_arg(args.as_of.as_deref())?;
    let mut options = MemoOptions::new(as_of);
    options.lang = lang_arg(&args.lang)?;
    options.steps_by_body = args.steps_by_body;
    options.audience = args.audience.into();
    let bytes = pledgewatch_report::memo(store, &slug, &options, args.format.into())
        .await
        .map_err(report_failure)?;
    write_atomically(&args.output, &bytes)?;
    outln!(
        "Wrote {}the memorandum of {slug} as of {as_of} to {} ({} bytes).",
        args.audience.what(),
        args.output.display(),
        bytes.len()
    );
    Ok(())
}

/// The help after `letter --help`: naming lists, templates, and every field.
pub fn letter_help() -> String {
    format!("{LETTER_HELP}\n\nMerge fields:\n{}", fields_text())
}

fn fields_text() -> String {
    let width = pledgewatch_report::FIELDS
        .iter()
        .map(|(f, _)| f.len() + 4)
        .max()
        .unwrap_or(0);
    pledgewatch_report::FIELDS
        .iter()
        .map(|(f, what)| format!("  {:width$}  {what}\n", format!("{{{{{f}}}}}")))
        .collect()
}

pub async fn letter(store: &Store, args: LetterArgs) -> Result<(), Failure> {
    refuse_dash(&args.output, "--output")?;
    let slug = slug_arg(&args.dossier)?;
    let as_of = as_of_arg(args.as_of.as_deref())?;
    let mut options = LetterOptions::new(as_of, args.recipients.clone());
    options.lang = lang_arg(&args.lang)?;
    options.combined = args.combined;
    options.audience = args.audience.into();
    options.include_subject = args.include_subject;
    if let Some(path) = &args.template {
        let bytes = std::fs::read(path).map_err(|e| io_failure(path, e))?;
        let text = String::from_utf8(bytes).map_err(|_| {
            Failure::from(FieldError::new(
                "--template",
                format!("{} is not UTF-8 text", path.display()),
            ))
        })?;
        options.template = Some(text);
        options.template_name = path.display().to_string();
    }
    let format: Format = args.format.into();
    let (letters, summary) = pledgewatch_report::rendered_letters(store, &slug, &options, format)
        .await
        .map_err(report_failure)?;
    if args.combined {
        for l in &letters {
            write_atomically(&args.output, &l.bytes)?;
        }
        outln!(
            "Wrote {}the letters of {slug} as of {as_of}, combined, to {} ({summary}).",
            args.audience.what(),
            args.output.display()
        );
    } else {
        if args.output.exists() && !args.output.is_dir() {
            return Err(FieldError::new(
                "--output",
                format!(
                    "{} is a file; give a folder for one letter per recipient, or use --combined",
                    args.output.display()
                ),
            )
            .into());
        }
        std::fs::create_dir_all(&args.output).map_err(|e| io_failure(&args.output, e))?;
        for l in &letters {
            write_atomically(&args.output.join(&l.file_name), &l.bytes)?;
        }
        outln!(
            "Wrote {}the letters of {slug} as of {as_of} to {}: {summary}.",
            args.audience.what(),
            args.output.display()
        );
    }
    Ok(())
}
