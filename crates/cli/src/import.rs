//! `pledgewatch import`: a file of outside records into the database, in one
//! transaction, with a per-row report (see docs/import.md). The arguments
//! become an `ImportRequest`; reading and importing is the exchange crate's
//! `import_file`; this module shows the result.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use pledgewatch_core::error::FieldError;
use pledgewatch_core::service;
use pledgewatch_exchange::decode::Encoding;
use pledgewatch_exchange::file::{self, Format, ImportError, ImportRequest, Imported, ReadAs};
use pledgewatch_exchange::import::{Options, Progress, Summary};
use pledgewatch_exchange::mapping::Mapping;
use pledgewatch_exchange::{RawRow, format, table};

use crate::{Failure, exit, open_current};

/// How many report lines the terminal shows before pointing at the file.
const SHOWN: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// Tell from the file: its extension and header.
    Auto,
    /// The UPR Info database export (recommendations and voluntary pledges).
    UprInfo,
    /// Recommendations parsed from the UPR Working Group reports, one CSV per year.
    UprWg,
    /// pledgewatch's own JSON export.
    Json,
    /// pledgewatch's own CSV export.
    Csv,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file to import.
    file: PathBuf,
    /// The file's format (default: told from the file). Not needed with --mapping.
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    format: InputFormat,
    /// A mapping file (TOML) naming which column feeds which field, for any
    /// other CSV (see docs/import.md and examples/mappings/).
    #[arg(long, value_name = "MAPPING.toml")]
    mapping: Option<PathBuf>,
    /// The file's encoding: utf-8, windows-1252 or mac-roman (default: detected).
    #[arg(long)]
    encoding: Option<String>,
    /// Check everything and report, but write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Import the good rows and write the rejected ones to a file that can
    /// be corrected and imported again (default: nothing is imported when a
    /// row is rejected).
    #[arg(long)]
    skip_invalid: bool,
    /// Where to write the rejected rows (default: NAME.rejected.EXT in the
    /// current folder).
    #[arg(long, value_name = "FILE")]
    rejects: Option<PathBuf>,
    /// Write every row error to this file (CSV: row, column, value, reason).
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    /// Why, for the audit log.
    #[arg(long)]
    reason: Option<String>,
}

fn io_failure(path: &Path, e: impl std::fmt::Display) -> Failure {
    Failure {
        code: exit::FAILURE,
        message: format!("{}: {e}", path.display()),
    }
}

fn invalid(path: &Path, message: impl std::fmt::Display) -> Failure {
    Failure {
        code: exit::INVALID,
        message: format!("{}: {message}; nothing was imported", path.display()),
    }
}

/// A progress bar on standard error, only when it is a terminal.
struct Bar(Option<indicatif::ProgressBar>);

impl Bar {
    fn new() -> Self {
        if std::io::stderr().is_terminal() {
            Bar(Some(indicatif::ProgressBar::hidden()))
        } else {
            Bar(None)
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

impl Progress for Bar {
    fn phase(&self, name: &str, total: Option<u64>) {
        let Some(bar) = &self.0 else { return };
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
        bar.reset();
        match total {
            Some(n) => {
                bar.set_length(n);
                bar.set_style(
                    indicatif::ProgressStyle::with_template(
                        "{msg:32} [{bar:30}] {pos}/{len} {elapsed}",
                    )
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                    .progress_chars("=> "),
                );
                bar.disable_steady_tick();
            }
            None => {
                bar.set_style(
                    indicatif::ProgressStyle::with_template("{spinner} {msg} {elapsed}")
                        .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
                );
                bar.enable_steady_tick(std::time::Duration::from_millis(120));
            }
        }
        bar.set_message(name.to_owned());
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    }

    fn advance(&self, steps: u64) {
        if let Some(bar) = &self.0 {
            bar.inc(steps);
        }
    }
}

pub async fn import(db: &str, who: &str, args: ImportArgs) -> Result<u8, Failure> {
    let path = &args.file;
    // Unreadable files are told apart from files that cannot be imported.
    std::fs::File::open(path).map_err(|e| io_failure(path, e))?;
    refuse_overwriting_input(path, &args)?;
    let request = request_of(&args)?;
    let store = open_current(db).await?;
    let reason = args
        .reason
        .clone()
        .unwrap_or_else(|| format!("Import {}", file_name(path)));
    let context = service::context(who, Some(&reason))?;
    let bar = Bar::new();
    let result = file::import_path(&store, &context, path, &request, &bar).await;
    bar.finish();
    store.close().await;
    let imported = result.map_err(|e| match e {
        ImportError::File(message) => invalid(path, message),
        ImportError::Domain(e) => Failure::from(e),
    })?;
    render(path, &imported, &args)
}

/// The request the arguments make: the format, the mapping (read and
/// checked here, as it is a file of its own) and the declared encoding.
fn request_of(args: &ImportArgs) -> Result<ImportRequest, Failure> {
    let mapping = match &args.mapping {
        Some(m) => {
            let text = std::fs::read_to_string(m).map_err(|e| io_failure(m, e))?;
            Some(Mapping::parse(&text).map_err(|e| invalid(m, e))?)
        }
        None => None,
    };
    let encoding = match &args.encoding {
        Some(e) => {
            Some(Encoding::parse(e).map_err(|e| Failure::from(FieldError::new("--encoding", e)))?)
        }
        None => None,
    };
    Ok(ImportRequest {
        file_name: file_name(&args.file),
        format: match args.format {
            InputFormat::Auto => Format::Auto,
            InputFormat::UprInfo => Format::UprInfo,
            InputFormat::UprWg => Format::UprWg,
            InputFormat::Json => Format::Json,
            InputFormat::Csv => Format::Csv,
        },
        mapping,
        encoding,
        options: Options {
            skip_invalid: args.skip_invalid,
            dry_run: args.dry_run,
        },
    })
}

/// The summary, the report and rejects files, and the exit code.
fn render(path: &Path, imported: &Imported, args: &ImportArgs) -> Result<u8, Failure> {
    let summary = &imported.summary;
    print_summary(path, &imported.read_as, summary, args);
    write_report(path, summary, args)?;
    if summary.rejected > 0 && !args.dry_run && args.skip_invalid {
        write_rejects(path, imported.header.as_deref(), summary, args)?;
    }
    if summary.rejected > 0 && !args.skip_invalid {
        errln!(
            "Nothing was imported: {} rows were rejected. Correct them, or import the good rows with --skip-invalid.",
            summary.rejected
        );
        return Ok(exit::INVALID);
    }
    Ok(exit::OK)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn print_summary(path: &Path, read_as: &ReadAs, s: &Summary, args: &ImportArgs) {
    let encoding = match &read_as.decoded {
        Some(d) => format!(
            ", {}{}, {}",
            d.encoding,
            if d.guessed { " (detected)" } else { "" },
            d.line_endings
        ),
        None => String::new(),
    };
    outln!("{}: {}{encoding}.", file_name(path), read_as.what);
    let verb = if args.dry_run {
        "Dry run, nothing written"
    } else if s.written {
        "Imported in one transaction"
    } else if s.rejected > 0 && !args.skip_invalid {
        "Not imported"
    } else {
        "Nothing to change"
    };
    outln!(
        "{verb}: {} rows read, {} created, {} updated, {} unchanged, {} rejected.",
        s.rows_read,
        s.created,
        s.updated,
        s.unchanged,
        s.rejected
    );
    if s.repeated > 0 {
        outln!(
            "Of the unchanged rows, {} repeat an earlier row of the file word for word and are recorded once.",
            s.repeated
        );
    }
    let kinds: Vec<String> = s
        .entities
        .iter()
        .map(|(kind, c)| {
            format!(
                "{} {} created, {} updated, {} unchanged",
                format::plural(kind.as_str()),
                c.created,
                c.updated,
                c.unchanged
            )
        })
        .collect();
    if !kinds.is_empty() {
        outln!("Entities: {}.", kinds.join("; "));
    }
    if s.written {
        outln!("Audit entries written: {}.", s.audit_entries);
    }
    let errors: Vec<_> = s.report().collect();
    for e in errors.iter().take(SHOWN) {
        errln!("  {e}");
    }
    if errors.len() > SHOWN {
        errln!("  … and {} more, in the report file", errors.len() - SHOWN);
    }
}

/// Refuses a file of rejected rows or a report that would overwrite the
/// file being imported, or each other.
fn refuse_overwriting_input(input: &Path, args: &ImportArgs) -> Result<(), Failure> {
    let same = |a: &Path, b: &Path| {
        a == b
            || matches!(
                (std::fs::canonicalize(a), std::fs::canonicalize(b)),
                (Ok(x), Ok(y)) if x == y
            )
    };
    for (flag, out) in [("--rejects", &args.rejects), ("--report", &args.report)] {
        if let Some(out) = out
            && same(out, input)
        {
            return Err(invalid(
                input,
                format!("{flag} names the file being imported; give another file name"),
            ));
        }
    }
    if let (Some(rejects), Some(report)) = (&args.rejects, &args.report)
        && same(rejects, report)
    {
        return Err(invalid(
            input,
            "--rejects and --report name the same file; give two file names",
        ));
    }
    Ok(())
}

/// The report file: the one asked for, or when there are more errors than
/// the terminal shows, NAME.import-report.csv in the current folder.
fn report_path(input: &Path, s: &Summary, args: &ImportArgs) -> Option<PathBuf> {
    if args.report.is_some() {
        return args.report.clone();
    }
    if s.report().count() <= SHOWN {
        return None;
    }
    let stem = input
        .file_stem()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "import".to_owned());
    Some(PathBuf::from(format!("{stem}.import-report.csv")))
}

fn write_report(input: &Path, s: &Summary, args: &ImportArgs) -> Result<(), Failure> {
    let Some(path) = report_path(input, s, args) else {
        return Ok(());
    };
    let path = &path;
    let header = ["row", "column", "value", "reason"].map(str::to_owned);
    let rows: Vec<Vec<String>> = s
        .report()
        .map(|e| {
            vec![
                e.row.to_string(),
                e.column.clone().unwrap_or_default(),
                e.value.clone().unwrap_or_default(),
                e.reason.clone(),
            ]
        })
        .collect();
    let bytes = table::write(&header, &rows).map_err(|e| io_failure(path, e))?;
    write_new(path, &bytes)?;
    outln!("Report of {} row errors: {}", rows.len(), path.display());
    Ok(())
}

fn write_rejects(
    input: &Path,
    header: Option<&[String]>,
    s: &Summary,
    args: &ImportArgs,
) -> Result<(), Failure> {
    let json = s
        .rejected_rows
        .iter()
        .any(|r| matches!(r.raw, RawRow::Json(_)));
    let default = || {
        let stem = input
            .file_stem()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "import".to_owned());
        PathBuf::from(format!(
            "{stem}.rejected.{}",
            if json { "json" } else { "csv" }
        ))
    };
    let path = args.rejects.clone().unwrap_or_else(default);
    let bytes = if json {
        let values: Vec<&serde_json::Value> = s
            .rejected_rows
            .iter()
            .filter_map(|r| match &r.raw {
                RawRow::Json(v) => Some(v),
                RawRow::Csv(_) => None,
            })
            .collect();
        let document = serde_json::json!({ "format": format::FORMAT, "entities": values });
        serde_json::to_vec_pretty(&document).map_err(|e| io_failure(&path, e))?
    } else {
        let rows: Vec<Vec<String>> = s
            .rejected_rows
            .iter()
            .filter_map(|r| match &r.raw {
                RawRow::Csv(cells) => Some(cells.clone()),
                RawRow::Json(_) => None,
            })
            .collect();
        table::write(header.unwrap_or(&[]), &rows).map_err(|e| io_failure(&path, e))?
    };
    write_new(&path, &bytes)?;
    outln!(
        "Rejected rows ({}), with the header, to correct and import again: {}",
        s.rejected,
        path.display()
    );
    Ok(())
}

/// Writes a file through a temporary name, so that a reader never sees half
/// of it.
fn write_new(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let tmp = path.with_extension("partial");
    std::fs::write(&tmp, bytes).map_err(|e| io_failure(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| io_failure(path, e))
}
