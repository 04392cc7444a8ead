//! Single records: `assess`, `remove`, `history` and `search`.

use pledgewatch_core::Prose;
use pledgewatch_core::audit::AuditEntry;
use pledgewatch_core::date::parse_day;
use pledgewatch_core::error::{Error, FieldError, ValidationErrors};
use pledgewatch_core::ids::{AssessmentId, CommitmentId, DevelopmentId};
use pledgewatch_core::model::{Assessment, Entity, EntityKind};
use pledgewatch_core::scale::{ScaleId, ScaleVersion};
use pledgewatch_core::service::{self, Services};
use pledgewatch_core::storage::{SearchIndex, SearchQuery, Storage};

use crate::{
    AssessArgs, Failure, Format, HistoryArgs, RemoveArgs, SearchArgs, open_current, output,
};

/// `pledgewatch assess`.
pub async fn assess(db: &str, who: &str, args: AssessArgs) -> Result<(), Failure> {
    let store = open_current(db).await?;
    let entity = Entity::Assessment(assessment(who, &args)?);
    // The commitment's existence and the assessment's date are checked by
    // the services, as for every other way in.
    let context = service::context(who, args.reason.as_deref())?;
    let entry: AuditEntry = Services::new(&store).create(&context, entity).await?;
    outln!(
        "Recorded assessment {} (audit entry {}).",
        entry.entity_id,
        entry.seq
    );
    Ok(())
}

/// The assessment the arguments describe, with every malformed argument
/// reported at once.
fn assessment(who: &str, args: &AssessArgs) -> Result<Assessment, Failure> {
    let mut errors = ValidationErrors::default();
    let commitment =
        errors.check(CommitmentId::parse(&args.commitment).map_err(|e| e.at("commitment")));
    let as_of = errors.check(parse_day(&args.as_of).map_err(|e| e.at("--as-of")));
    let scale = errors.check(ScaleId::parse(&args.scale).map_err(|e| e.at("--scale")));
    let developments: Vec<DevelopmentId> = args
        .developments
        .iter()
        .filter_map(|d| errors.check(DevelopmentId::parse(d).map_err(|e| e.at("--development"))))
        .collect();
    errors.clone().into_result().map_err(Error::from)?;
    let (Some(commitment), Some(as_of), Some(scale)) = (commitment, as_of, scale) else {
        return Err(Error::from(errors).into());
    };
    let rationale =
        Prose::parse(args.rationale.clone()).map_err(|e| Error::from(e.at("rationale")))?;
    Ok(Assessment {
        id: AssessmentId::new(),
        commitment,
        as_of,
        scale: ScaleVersion {
            scale,
            version: scale.scale().version,
        },
        status: args.status.clone().into(),
        rationale,
        developments,
        rated_by: who.to_owned(),
        reviewed_by: None,
    })
}

/// `pledgewatch remove`.
pub async fn remove(db: &str, who: &str, args: RemoveArgs) -> Result<(), Failure> {
    let kind = EntityKind::parse(&args.kind).map_err(|e| e.at("kind"))?;
    let id = uuid_arg(&args.id, "id")?;
    let store = open_current(db).await?;
    let context = service::context(who, Some(&args.reason))?;
    let entry = Services::new(&store)
        .delete(&context, kind, id, args.version)
        .await?;
    outln!(
        "Removed {kind} {id} (audit entry {}); its history stays readable.",
        entry.seq
    );
    Ok(())
}

/// `pledgewatch history`: the kind is only known at run time, hence the
/// untyped read.
pub async fn history(db: &str, args: HistoryArgs) -> Result<(), Failure> {
    let kind = EntityKind::parse(&args.kind).map_err(|e| e.at("kind"))?;
    let id = uuid_arg(&args.id, "id")?;
    let store = open_current(db).await?;
    if store.get(kind, id).await?.is_none() {
        return Err(Error::NotFound {
            kind: "entity",
            id: id.to_string(),
        }
        .into());
    }
    let entries = store.history(kind.into(), id).await?;
    match args.format {
        Format::Json => output::json(&entries),
        Format::Text => out!("{}", output::history_text(&entries)),
    }
    Ok(())
}

/// `pledgewatch search`.
pub async fn search(db: &str, index: Option<&str>, args: SearchArgs) -> Result<(), Failure> {
    let kinds = args
        .kinds
        .iter()
        .map(|k| {
            let kind = EntityKind::parse(k).map_err(|e| e.at("--kind"))?;
            if pledgewatch_search::SEARCHED.contains(&kind) {
                Ok(kind)
            } else {
                let searched: Vec<&str> = pledgewatch_search::SEARCHED
                    .iter()
                    .map(|k| k.as_str())
                    .collect();
                Err(FieldError::new(
                    "--kind",
                    format!("{k} is not searched: search covers {}", searched.join(", ")),
                ))
            }
        })
        .collect::<Result<Vec<_>, _>>()?;
    let place = super::search_index::place(db, index)?;
    let store = std::sync::Arc::new(open_current(db).await?);
    let on_disk = matches!(place, pledgewatch_search::Place::Directory(_));
    let index = match super::search_index::open_up_to_date(store.clone(), place).await {
        Ok(index) => index,
        // A running server holds its index's writer: search one built in
        // memory from the database instead, with the same rules.
        Err(failure) if on_disk => {
            errln!(
                "The search index cannot be opened ({}); a running server may hold it. \
                 Searching an index built in memory instead.",
                failure.message
            );
            super::search_index::open_up_to_date(store, pledgewatch_search::Place::Memory).await?
        }
        Err(failure) => return Err(failure),
    };
    let hits = index
        .search(&SearchQuery {
            text: args.query,
            kinds,
            // The command line is used by the team, who see everything.
            include_confidential: true,
            include_drafts: true,
            limit: args.limit,
        })
        .await?;
    match args.format {
        Format::Json => output::json(&hits),
        Format::Text => out!("{}", output::search_text(&hits)),
    }
    Ok(())
}

fn uuid_arg(text: &str, field: &str) -> Result<uuid::Uuid, Failure> {
    uuid::Uuid::parse_str(text.trim()).map_err(|_| {
        FieldError::new(field, format!("'{text}' is not an id (expected a UUID)")).into()
    })
}
