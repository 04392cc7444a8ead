//! The `export` command: every record of one kind, or a dossier with all it
//! needs, as the project's own CSV or JSON (docs/formats.md), written
//! through a temporary file so that a failure leaves no half-written file.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use pledgewatch_core::error::FieldError;
use pledgewatch_core::model::Slug;
use pledgewatch_core::view::Audience;
use pledgewatch_exchange::export::{self, Format, Selection};
use pledgewatch_exchange::format;
use pledgewatch_store::Store;

use crate::documents::write_atomically;
use crate::{Failure, exit};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
}

impl From<ExportFormat> for Format {
    fn from(f: ExportFormat) -> Self {
        match f {
            ExportFormat::Csv => Format::Csv,
            ExportFormat::Json => Format::Json,
        }
    }
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to export: a kind of record, singular or plural (actors,
    /// occasions, sources, quotes, milestones, concerns, commitments,
    /// developments, assessments, recommendations, recipient-lists,
    /// signatories, dossiers, candidates), or `dossier SLUG` for one dossier
    /// with everything it refers to.
    #[arg(value_name = "ENTITY")]
    what: String,
    /// The dossier's slug, after `dossier`.
    slug: Option<String>,
    /// The project's own CSV or JSON format (docs/formats.md).
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// The file to write (`-` for standard output). It is replaced only once
    /// the export is complete.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: PathBuf,
    /// Export only what the public sees: published records, without
    /// confidential sources.
    #[arg(long)]
    public: bool,
}

fn selection(args: &ExportArgs) -> Result<Selection, Failure> {
    let what = args.what.trim().to_ascii_lowercase();
    if what == "dossier" {
        let Some(slug) = &args.slug else {
            return Err(FieldError::new(
                "dossier",
                "give the dossier's slug (see `dossier list`), or `dossiers` for the list of dossiers",
            )
            .into());
        };
        return Ok(Selection::Dossier(
            Slug::parse(slug).map_err(|e| e.at("slug"))?,
        ));
    }
    let kind = format::parse_kind(&what).map_err(|reason| FieldError::new("ENTITY", reason))?;
    if let Some(extra) = &args.slug {
        return Err(FieldError::new(
            "ENTITY",
            format!(
                "'{extra}' is not expected after '{}': a list export takes no slug",
                args.what
            ),
        )
        .into());
    }
    Ok(Selection::List(kind))
}

pub async fn run(store: &Store, args: ExportArgs) -> Result<(), Failure> {
    let selection = selection(&args)?;
    let audience = if args.public {
        Audience::Public
    } else {
        Audience::Team
    };
    let entities = export::gather(store, &selection, audience).await?;
    let count = entities.len();
    let bytes = export::write(&selection, args.format.into(), entities).map_err(|e| Failure {
        code: exit::FAILURE,
        message: e.to_string(),
    })?;
    let what = match &selection {
        Selection::List(kind) => format::plural(kind.as_str()).replace('_', " "),
        Selection::Dossier(slug) => format!("records of the dossier {slug}"),
    };
    if args.output.as_os_str() == "-" {
        let mut out = std::io::stdout().lock();
        out.write_all(&bytes)
            .and_then(|()| out.flush())
            .map_err(|e| Failure {
                code: exit::FAILURE,
                message: format!("standard output: {e}"),
            })?;
        errln!("Exported {count} {what}.");
    } else {
        write_atomically(&args.output, &bytes)?;
        outln!(
            "Exported {count} {what} to {} ({} bytes).",
            args.output.display(),
            bytes.len()
        );
    }
    Ok(())
}
