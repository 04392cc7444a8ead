//! Dossiers: `demo`, `load`, `dossier list` and `dossier show`.

use pledgewatch_core::dataset;
use pledgewatch_core::date::parse_day;
use pledgewatch_core::error::FieldError;
use pledgewatch_core::model::Slug;
use pledgewatch_core::service::{self, Services};
use pledgewatch_core::storage::Storage;
use pledgewatch_store::{OpenMode, Store};

use crate::{Failure, Format, LoadArgs, exit, open, open_current, output};

/// The audit reason of every load of the seed case.
const DEMO_REASON: &str = "Load the demo dossier (the seed case)";

/// `pledgewatch demo`.
pub async fn demo(db: &str, who: &str) -> Result<(), Failure> {
    let store = open(db, OpenMode::CreateIfMissing).await?;
    store.migrate().await?;
    let report = load_demo(&store, who).await?;
    outln!("Database: {}", store.info().location);
    outln!(
        "Next: pledgewatch dossier show {} --as-of 2008-05-31",
        report.slug
    );
    store.close().await;
    Ok(())
}

/// Loads the seed case as published, and says what changed.
pub async fn load_demo(store: &Store, who: &str) -> Result<dataset::LoadReport, Failure> {
    let report = load_dataset(store, dataset::DEMO, who, DEMO_REASON, true).await?;
    print_load(&report, "demo");
    Ok(report)
}

/// `pledgewatch load`.
pub async fn load(db: &str, who: &str, args: LoadArgs) -> Result<(), Failure> {
    let text = std::fs::read(&args.file).map_err(|e| Failure {
        code: exit::FAILURE,
        message: format!("{}: {e}", args.file.display()),
    })?;
    let text = String::from_utf8(text).map_err(|e| {
        Failure::from(FieldError::new(
            args.file.display().to_string(),
            format!(
                "is not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        ))
    })?;
    let store = open_current(db).await?;
    let reason = args
        .reason
        .unwrap_or_else(|| format!("Load {}", args.file.display()));
    let report = load_dataset(&store, &text, who, &reason, args.publish).await?;
    print_load(&report, &args.file.display().to_string());
    store.close().await;
    Ok(())
}

/// `pledgewatch dossier list`.
pub async fn list(db: &str, format: Format) -> Result<(), Failure> {
    let store = open_current(db).await?;
    let dossiers = store.list_dossiers().await?;
    output::dossier_list(&dossiers, matches!(format, Format::Json));
    Ok(())
}

/// `pledgewatch dossier show`: as of today unless a day is given.
pub async fn show(
    db: &str,
    slug: &str,
    as_of: Option<&str>,
    format: Format,
) -> Result<(), Failure> {
    let slug = Slug::parse(slug).map_err(|e| e.at("slug"))?;
    let as_of = match as_of {
        Some(d) => parse_day(d).map_err(|e| e.at("--as-of"))?,
        None => chrono::Utc::now().date_naive(),
    };
    let store = open_current(db).await?;
    let view = pledgewatch_core::view::dossier_view(&store, &slug, as_of).await?;
    match format {
        Format::Json => output::json(&view),
        Format::Text => out!("{}", output::dossier_text(&view)),
    }
    Ok(())
}

fn print_load(report: &dataset::LoadReport, what: &str) {
    if report.created + report.updated + report.published == 0 {
        outln!(
            "{what}: dossier '{}' is already loaded; nothing changed ({} entities unchanged).",
            report.slug,
            report.unchanged
        );
    } else {
        outln!(
            "{what}: dossier '{}' loaded: {} created, {} updated, {} unchanged, {} published.",
            report.slug,
            report.created,
            report.updated,
            report.unchanged,
            report.published
        );
    }
}

async fn load_dataset(
    store: &Store,
    text: &str,
    who: &str,
    reason: &str,
    publish: bool,
) -> Result<dataset::LoadReport, Failure> {
    let context = service::context(who, Some(reason))?;
    Ok(dataset::load(&Services::new(store), text, &context, publish).await?)
}
