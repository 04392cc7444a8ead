//! A new source, and a quote from it, added from the development form
//! without leaving it: the inputs `new_source:<field>` and
//! `new_quote:<field>` are read by the source and quote forms' own parsers,
//! and both records are created in one audited change through the
//! services, as the source and quote forms would (same role, same rules).
//! What else was typed in the development form stays.

use pledgewatch_core::error::{Error, ValidationErrors};
use pledgewatch_core::lang::Lang;
use pledgewatch_core::model::{Entity, EntityKind};
use pledgewatch_core::service::{self, Services};
use pledgewatch_core::storage::Change;
use uuid::Uuid;

use crate::AppState;
use crate::auth::Ctx;
use crate::error::WebError;
use crate::forms::{self, Values};

/// The button that adds the source.
pub const ADD_SOURCE: &str = "add_source";
const SOURCE_PREFIX: &str = "new_source:";
const QUOTE_PREFIX: &str = "new_quote:";

/// The inputs of the inline source and quote: (input name, message id of
/// the label, message id of the help or empty).
pub const SOURCE_INPUTS: [(&str, &str, &str); 4] = [
    ("new_source:title", "form-inline-title", ""),
    (
        "new_source:published",
        "field-source-published",
        "field-source-published-help",
    ),
    ("new_source:publisher", "field-source-publisher", ""),
    (
        "new_source:url",
        "field-source-url",
        "field-source-url-help",
    ),
];
pub const QUOTE_INPUTS: [(&str, &str, &str); 2] = [
    (
        "new_quote:text",
        "form-inline-quote",
        "form-inline-quote-help",
    ),
    (
        "new_quote:locator",
        "form-inline-locator",
        "form-inline-locator-help",
    ),
];

/// The values under `prefix`, renamed to the form's own inputs.
fn taken(values: &Values, prefix: &str) -> Values {
    values
        .iter()
        .filter_map(|(k, v)| k.strip_prefix(prefix).map(|n| (n.to_owned(), v.clone())))
        .collect()
}

/// Whether the form was saved with a new source typed in but not added
/// (the person pressed Save, not "Add the source and choose it"): saving
/// would drop what was typed, so it is refused with a reason saying which
/// button adds it.
pub fn typed_not_added(values: &Values) -> Option<pledgewatch_core::error::FieldError> {
    (filled(values, SOURCE_PREFIX) || filled(values, QUOTE_PREFIX)).then(|| {
        pledgewatch_core::error::FieldError::said(
            "sources",
            pledgewatch_core::error::Said::new("reason-source-typed-not-added"),
        )
    })
}

/// Whether any of the inputs under `prefix` holds text.
fn filled(values: &Values, prefix: &str) -> bool {
    values
        .iter()
        .any(|(k, v)| k.starts_with(prefix) && v.iter().any(|t| !t.trim().is_empty()))
}

/// Errors of the inline inputs (`prefix`: the source's or the quote's),
/// named by their labels in `lang`; an error of another field by `what`
/// and its name.
fn labelled(lang: Lang, errors: ValidationErrors, prefix: &str, what: &str) -> ValidationErrors {
    ValidationErrors(
        errors
            .0
            .into_iter()
            .map(|e| {
                let input = format!("{prefix}{}", e.field.split(['[', '.']).next().unwrap_or(""));
                let label = SOURCE_INPUTS
                    .iter()
                    .chain(&QUOTE_INPUTS)
                    .find(|(name, _, _)| *name == input)
                    .map(|(_, label, _)| lang.t(label));
                let field =
                    label.unwrap_or_else(|| format!("{what} {}", e.field.replace('_', " ")));
                e.renamed(field)
            })
            .collect(),
    )
}

/// Creates the source (and the quote, when its text is given) and chooses
/// them in the development's `sources` and `quotes`, emptying the inline
/// inputs; or gives the errors (nothing created).
pub async fn add_source(
    state: &AppState,
    ctx: &Ctx,
    values: &mut Values,
) -> Result<Result<(), ValidationErrors>, WebError> {
    let none = forms::Named::default();
    let source_id = Uuid::now_v7();
    let mut source_values = taken(values, SOURCE_PREFIX);
    if !source_values.contains_key("title") {
        source_values.insert("title".into(), vec![String::new()]);
    }
    let source = forms::parse(EntityKind::Source, source_id, &source_values, &none)
        .map_err(|e| labelled(ctx.lang, e, SOURCE_PREFIX, "new source:"));
    let quote = if filled(values, QUOTE_PREFIX) {
        let mut quote_values = taken(values, QUOTE_PREFIX);
        quote_values.insert("source".into(), vec![source_id.to_string()]);
        Some(
            forms::parse(EntityKind::Quote, Uuid::now_v7(), &quote_values, &none)
                .map_err(|e| labelled(ctx.lang, e, QUOTE_PREFIX, "new quote:")),
        )
    } else {
        None
    };
    let (source, quote) = match (source, quote) {
        (Ok(s), None) => (s, None),
        (Ok(s), Some(Ok(q))) => (s, Some(q)),
        (Err(mut e), Some(Err(q))) => {
            e.0.extend(q.0);
            return Ok(Err(e));
        }
        (Err(e), _) | (_, Some(Err(e))) => return Ok(Err(e)),
    };
    let quote_id = quote.as_ref().map(Entity::id);
    let mut changes = vec![Change::Create(source)];
    changes.extend(quote.map(Change::Create));
    let context = service::context(&ctx.actor(), Some("Added from the development form"))?;
    match Services::new(state.store.as_ref())
        .apply(&context, changes)
        .await
    {
        Ok(_) => {}
        Err(Error::Invalid(e)) => {
            return Ok(Err(labelled(
                ctx.lang,
                e,
                SOURCE_PREFIX,
                "new source or quote:",
            )));
        }
        Err(e) => return Err(e.into()),
    }
    values.retain(|k, _| !k.starts_with(SOURCE_PREFIX) && !k.starts_with(QUOTE_PREFIX));
    values
        .entry("sources".into())
        .or_default()
        .push(source_id.to_string());
    if let Some(q) = quote_id {
        values
            .entry("quotes".into())
            .or_default()
            .push(q.to_string());
    }
    Ok(Ok(()))
}
