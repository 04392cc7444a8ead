//! Entry, editing, removal and publication of every kind of record, with
//! each record's history from the audit log. Forms keep what the user typed
//! and show each error next to its field; saving redirects (post/redirect/get).

use std::collections::HashMap;

use axum::extract::{FromRequestParts, Query, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use pledgewatch_core::error::{Error, FieldError, Said, ValidationErrors};
use pledgewatch_core::ids::AssessmentId;
use pledgewatch_core::lang::{Args, Lang};
use pledgewatch_core::model::*;
use pledgewatch_core::scale::ScaleId;
use pledgewatch_core::service::review::Approval;
use pledgewatch_core::service::{self, Services};
use pledgewatch_core::storage::Storage;
use pledgewatch_core::wording;
use serde::Deserialize;
use uuid::Uuid;

use super::review::{self, Standing};
use super::{Flash, FlashQuery, nav, render};
use crate::AppState;
use crate::auth::Ctx;
use crate::error::WebError;
use crate::extract::{PageQuery, PathOf};
use crate::forms::{self, Input, Values};
use crate::paths::url;
use crate::templates::*;
use crate::upload::{SubmittedForm, Upload};

/// The kinds that have record pages, in menu order.
pub const KINDS: [EntityKind; 13] = [
    EntityKind::Dossier,
    EntityKind::Commitment,
    EntityKind::Development,
    EntityKind::Assessment,
    EntityKind::Recommendation,
    EntityKind::Concern,
    EntityKind::Actor,
    EntityKind::Occasion,
    EntityKind::Source,
    EntityKind::Quote,
    EntityKind::Milestone,
    EntityKind::RecipientList,
    EntityKind::Signatory,
];

/// A kind that has record pages, from its name in a URL.
fn kind_of(text: &str) -> Result<EntityKind, WebError> {
    EntityKind::parse(text)
        .ok()
        .filter(|k| KINDS.contains(k))
        .ok_or(WebError::NotFound)
}

/// The name of the records of a kind, in `lang`: "Commitments".
pub fn kind_label(lang: Lang, kind: EntityKind) -> String {
    lang.t(&format!("plural-{}", kind.as_str()).replace('_', "-"))
}

/// The choices of a reference field: live records of that kind.
async fn choices(state: &AppState, kind: EntityKind) -> Result<Vec<(String, String)>, WebError> {
    let mut items: Vec<(String, String)> = state
        .store
        .list(kind, 1_000, 0)
        .await?
        .into_iter()
        .map(|s| (s.entity.id().to_string(), s.entity.label()))
        .collect();
    items.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(items)
}

/// The commitments and concerns a recommendation or a development can name,
/// as `commitment:ID` / `concern:ID` choices.
async fn target_choices(state: &AppState, lang: Lang) -> Result<Vec<(String, String)>, WebError> {
    let mut items: Vec<(String, String)> = Vec::new();
    for kind in [EntityKind::Commitment, EntityKind::Concern] {
        let word = capitalised(&wording::kind(lang, kind.as_str()));
        items.extend(choices(state, kind).await?.into_iter().map(|(id, l)| {
            let args = Args::new().str("kind", &word).str("record", l);
            (
                format!("{}:{id}", kind.as_str()),
                lang.tr("form-target", &args),
            )
        }));
    }
    Ok(items)
}

/// The text with its first letter in upper case.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

fn errors_by_field(
    lang: Lang,
    kind: EntityKind,
    errors: &ValidationErrors,
) -> (HashMap<String, Vec<String>>, Vec<String>) {
    let names: Vec<&str> = forms::fields(kind).iter().map(|f| f.name).collect();
    let mut by_field: HashMap<String, Vec<String>> = HashMap::new();
    let mut general = Vec::new();
    for e in &errors.0 {
        let field = forms::form_field_of(kind, &e.field);
        if names.contains(&field.as_str()) {
            by_field.entry(field).or_default().push(e.reason_in(lang));
        } else {
            general.push(format!("{}: {}", e.field, e.reason_in(lang)));
        }
    }
    (by_field, general)
}

async fn form_fields(
    state: &AppState,
    lang: Lang,
    kind: EntityKind,
    values: &Values,
    errors: &HashMap<String, Vec<String>>,
) -> Result<Vec<FormField>, WebError> {
    let mut out = Vec::new();
    for f in forms::fields(kind) {
        let error = errors.get(f.name).map(|e| e.join("; ")).unwrap_or_default();
        let mut field = FormField {
            name: f.name.into(),
            label: f.label_in(lang, kind),
            help: f.help_in(lang, kind),
            widget: "text",
            value: first_value(values, f.name),
            options: vec![],
            rows: vec![],
            error,
            required: f.required,
            empty_choice: match f.input {
                Input::Ref(_) | Input::Status => lang.t("form-choose-one"),
                _ if f.required => String::new(),
                _ => lang.t("form-none"),
            },
            ..FormField::default()
        };
        fill_widget(state, (lang, kind), &f, values, &mut field).await?;
        out.push(field);
    }
    Ok(out)
}

/// The first value of a form field, or empty.
fn first_value(values: &Values, name: &str) -> String {
    values
        .get(name)
        .and_then(|v| v.first())
        .cloned()
        .unwrap_or_default()
}

/// Options from `(value, label)` pairs, those in `selected` marked.
fn selected_opts(items: Vec<(String, String)>, selected: &[String]) -> Vec<Opt> {
    items
        .into_iter()
        .map(|(value, label)| Opt {
            selected: selected.contains(&value),
            value,
            label,
        })
        .collect()
}

/// Sets the widget of a field from its kind of input, with its options
/// (or, for effects, its rows) and what is chosen among them.
async fn fill_widget(
    state: &AppState,
    (lang, kind): (Lang, EntityKind),
    f: &forms::Field,
    values: &Values,
    field: &mut FormField,
) -> Result<(), WebError> {
    let first = || first_value(values, f.name);
    let chosen = || values.get(f.name).cloned().unwrap_or_default();
    match f.input {
        Input::Text | Input::Date | Input::Number => field.widget = "text",
        Input::Day => field.widget = "date",
        Input::TextArea | Input::Lines => field.widget = "textarea",
        Input::Check => field.widget = "checkbox",
        Input::File => field.widget = "file",
        Input::Select(options) => {
            field.widget = "select";
            let items = options
                .iter()
                .map(|o| ((*o).to_owned(), forms::choice_label(lang, kind, f.name, o)))
                .collect();
            field.options = selected_opts(items, &[first()]);
        }
        Input::Status => {
            field.widget = "select";
            field.options = selected_opts(status_choices(lang), &[first()]);
        }
        Input::Refs(k) => {
            let filter = first_value(values, &format!("{FILTER_PREFIX}{}", f.name));
            let items = choices(state, k).await?;
            fill_picker(lang, field, items, &chosen(), &filter, false);
            field.widget = "picker";
            field.picker_url = url::picker(k, f.name, true, false);
        }
        Input::Ref(k) | Input::OptRef(k) if picked(k) => {
            let none = matches!(f.input, Input::OptRef(_));
            let filter = first_value(values, &format!("{FILTER_PREFIX}{}", f.name));
            let items = choices(state, k).await?;
            fill_picker(lang, field, items, &chosen(), &filter, none);
            field.widget = "picker-one";
            field.picker_url = url::picker(k, f.name, false, none);
        }
        Input::Ref(k) | Input::OptRef(k) => {
            field.widget = "select";
            field.options = selected_opts(choices(state, k).await?, &[first()]);
        }
        Input::Targets => {
            // Commitments and concerns together: filtered by the form's
            // button only (the picker's address lists one kind).
            let filter = first_value(values, &format!("{FILTER_PREFIX}{}", f.name));
            fill_picker(
                lang,
                field,
                target_choices(state, lang).await?,
                &chosen(),
                &filter,
                false,
            );
            field.widget = "picker";
        }
        Input::Effects => {
            field.widget = "effects";
            field.rows = effect_rows(state, lang, values).await?;
            // The commitment the form was opened from goes along, so that
            // saving can ask for its direction.
            field.value = first_value(values, EFFECTS_FIRST);
        }
    }
    Ok(())
}

/// The kinds chosen with a picker (a filter box and a list of radio
/// buttons) rather than a select where one record is chosen: the long
/// lists. Where several are chosen, it is always a picker (checkboxes).
fn picked(kind: EntityKind) -> bool {
    matches!(kind, EntityKind::Source | EntityKind::Quote)
}

/// The name of a picker's filter box: `filter:<input>`.
const FILTER_PREFIX: &str = "filter:";

/// At most this many choices a picker lists besides the chosen ones.
const PICKER_SHOWN: usize = 25;

/// Whether a label has every word of the filter (case and accents as
/// typed, letters compared in lower case).
fn matches_filter(label: &str, words: &[String]) -> bool {
    let label = label.to_lowercase();
    words.iter().all(|w| label.contains(w.as_str()))
}

/// A picker's list: the chosen first (whatever the filter), then the others
/// whose label has every word of `filter`, at most [`PICKER_SHOWN`] of
/// them; with `none`, a first "None" choice (chosen when nothing is). The
/// number of matching choices left out goes in `more`.
fn fill_picker(
    lang: Lang,
    field: &mut FormField,
    items: Vec<(String, String)>,
    chosen: &[String],
    filter: &str,
    none: bool,
) {
    let words: Vec<String> = filter.split_whitespace().map(str::to_lowercase).collect();
    let mut seen = std::collections::HashSet::new();
    let chosen: Vec<&String> = chosen
        .iter()
        .filter(|c| !c.is_empty() && seen.insert(c.as_str()))
        .collect();
    let (known, others): (Vec<_>, Vec<_>) =
        items.into_iter().partition(|(v, _)| chosen.contains(&v));
    // The chosen in the order they are stored (a list's order is its
    // records' order: signatories, a dossier's commitments), each kept even
    // when the list of choices does not hold it (shown by its id).
    let mut known: HashMap<String, String> = known.into_iter().collect();
    let picked: Vec<(String, String)> = chosen
        .iter()
        .map(|c| {
            let label = known.remove(*c).unwrap_or_else(|| (*c).clone());
            ((*c).clone(), label)
        })
        .collect();
    let matching: Vec<(String, String)> = others
        .into_iter()
        .filter(|(_, l)| matches_filter(l, &words))
        .collect();
    field.more = matching.len().saturating_sub(PICKER_SHOWN);
    field.filter = filter.to_owned();
    field.options = Vec::new();
    if none {
        field.options.push(Opt {
            value: String::new(),
            label: lang.t("form-none"),
            selected: picked.is_empty(),
        });
    }
    field
        .options
        .extend(selected_opts(picked, &[]).into_iter().map(|o| Opt {
            selected: true,
            ..o
        }));
    field.options.extend(selected_opts(
        matching.into_iter().take(PICKER_SHOWN).collect(),
        &[],
    ));
}

#[derive(Debug, Deserialize)]
pub struct PickerQuery {
    /// The form input the picker fills ("choice" when opened as a page of
    /// its own).
    #[serde(default = "default_picker_name")]
    pub name: String,
    #[serde(default)]
    pub multiple: bool,
    #[serde(default)]
    pub none: bool,
}

fn default_picker_name() -> String {
    "choice".into()
}

/// A picker's choices for what its filter box holds (the chosen ones kept):
/// the list alone for htmx, or a page of links to the records opened
/// without it.
pub async fn picker(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    KindPath(kind): KindPath,
    headers: axum::http::HeaderMap,
    PageQuery(q): PageQuery<PickerQuery>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    if q.name.is_empty() || !q.name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
        return Err(WebError::BadRequest(ctx.lang.t("error-picker-name")));
    }
    let values = forms::values_from_pairs(pairs);
    let filter = first_value(&values, &format!("{FILTER_PREFIX}{}", q.name));
    let chosen = values.get(&q.name).cloned().unwrap_or_default();
    let mut field = FormField {
        name: q.name.clone(),
        widget: if q.multiple { "picker" } else { "picker-one" },
        picker_url: url::picker(kind, &q.name, q.multiple, q.none),
        ..FormField::default()
    };
    fill_picker(
        ctx.lang,
        &mut field,
        choices(&state, kind).await?,
        &chosen,
        &filter,
        q.none,
    );
    if headers.contains_key("hx-request") {
        return Ok(render(&PickerList {
            nav: nav(&ctx, None),
            f: field,
        })?
        .into_response());
    }
    let links = field
        .options
        .iter()
        .filter_map(|o| Uuid::parse_str(&o.value).ok().map(|id| (id, &o.label)))
        .map(|(id, label)| Cited {
            text: label.clone(),
            url: url::record(kind, id),
        })
        .collect();
    Ok(render(&PickerPage {
        nav: nav(&ctx, None),
        title: ctx.lang.tr(
            "form-picker-title",
            &Args::new().str("kind", kind_label(ctx.lang, kind)),
        ),
        filter,
        action: crate::paths::Route::RecordPicker.url(&[&kind.as_str()]),
        hidden: vec![
            ("name".into(), q.name.clone()),
            ("multiple".into(), q.multiple.to_string()),
            ("none".into(), q.none.to_string()),
        ],
        filter_name: format!("{FILTER_PREFIX}{}", q.name),
        links,
        more: field.more,
    })?
    .into_response())
}

/// Every status of every scale, by key, labelled with its scale.
fn status_choices(lang: Lang) -> Vec<(String, String)> {
    ScaleId::ALL
        .iter()
        .flat_map(|s| {
            s.scale().statuses.iter().map(move |st| {
                let args = Args::new()
                    .str("status", wording::status(lang, *s, st.key))
                    .str("scale", wording::scale_name(lang, *s));
                (st.key.to_owned(), lang.tr("form-status-choice", &args))
            })
        })
        .collect::<std::collections::BTreeMap<_, _>>()
        .into_iter()
        .collect()
}

/// A parsed form, refused when a new source was typed in but not added:
/// saving would lose it (the reason, with any other problem of the form).
fn not_lost<T>(
    parsed: Result<T, ValidationErrors>,
    values: &Values,
) -> Result<T, ValidationErrors> {
    match (parsed, super::inline::typed_not_added(values)) {
        (Ok(_), Some(typed)) => Err(ValidationErrors::from(typed)),
        (Err(mut errors), Some(typed)) => {
            errors.push(typed);
            Err(errors)
        }
        (parsed, None) => parsed,
    }
}

/// Whether a new development opened from a commitment's page ("Record a
/// development") is about to be saved bearing on nothing: its direction
/// for that commitment (or any other) was never chosen.
fn bears_on_nothing(kind: EntityKind, values: &Values) -> bool {
    kind == EntityKind::Development
        && !first_value(values, EFFECTS_FIRST).is_empty()
        && !values
            .iter()
            .any(|(name, v)| name.starts_with("effect:") && v.iter().any(|d| !d.is_empty()))
}

/// One row per possible target of an effect, with its direction chosen.
async fn effect_rows(
    state: &AppState,
    lang: Lang,
    values: &Values,
) -> Result<Vec<EffectRow>, WebError> {
    let mut targets = target_choices(state, lang).await?;
    let first = first_value(values, EFFECTS_FIRST);
    if let Some(at) = targets.iter().position(|(t, _)| *t == first) {
        let (target, label) = targets.remove(at);
        let came_from = lang.tr("form-came-from", &Args::new().str("record", label));
        targets.insert(0, (target, came_from));
    }
    Ok(targets
        .into_iter()
        .map(|(target, label)| {
            let name = format!("effect:{target}");
            let current = first_value(values, &name);
            EffectRow {
                options: Direction::ALL
                    .iter()
                    .map(|d| Opt {
                        value: d.as_str().into(),
                        label: wording::direction(lang, *d),
                        selected: current == d.as_str(),
                    })
                    .collect(),
                name,
                label,
            }
        })
        .collect())
}

#[allow(clippy::too_many_arguments)]
async fn form_page(
    state: &AppState,
    ctx: &Ctx,
    kind: EntityKind,
    title: String,
    action: String,
    values: &Values,
    errors: &ValidationErrors,
    version: Option<i64>,
    cancel: String,
    notice: String,
) -> Result<Html<String>, WebError> {
    let (by_field, general) = errors_by_field(ctx.lang, kind, errors);
    let fields = form_fields(state, ctx.lang, kind, values, &by_field).await?;
    render(&FormPage {
        nav: nav(ctx, None),
        title,
        action,
        fields,
        errors: error_links(ctx.lang, kind, general, &by_field),
        reason: values
            .get("reason")
            .and_then(|v| v.first())
            .cloned()
            .unwrap_or_default(),
        version: version.map(|v| v.to_string()).unwrap_or_default(),
        cancel,
        multipart: kind == EntityKind::Source,
        notice,
        inline_open: values
            .iter()
            .any(|(k, v)| k.starts_with("new_") && v.iter().any(|t| !t.is_empty())),
        inline: inline_fields(ctx.lang, kind, values),
    })
}

/// The inputs of a new source and quote on the development form, with
/// what was typed in them.
fn inline_fields(lang: Lang, kind: EntityKind, values: &Values) -> Vec<FormField> {
    if kind != EntityKind::Development {
        return Vec::new();
    }
    super::inline::SOURCE_INPUTS
        .iter()
        .chain(super::inline::QUOTE_INPUTS.iter())
        .map(|(name, label, help)| FormField {
            name: (*name).into(),
            label: lang.t(label),
            help: if help.is_empty() {
                String::new()
            } else {
                lang.t(help)
            },
            widget: if *name == "new_quote:text" {
                "textarea"
            } else {
                "text"
            },
            value: first_value(values, name),
            ..FormField::default()
        })
        .collect()
}

/// The error summary's lines: errors of the whole form first, then each
/// field's in the order the form shows the fields, each a link to its field.
fn error_links(
    lang: Lang,
    kind: EntityKind,
    general: Vec<String>,
    by_field: &HashMap<String, Vec<String>>,
) -> Vec<ErrorLink> {
    let mut links: Vec<ErrorLink> = general
        .into_iter()
        .map(|text| ErrorLink {
            href: String::new(),
            text,
        })
        .collect();
    for f in forms::fields(kind) {
        for e in by_field.get(f.name).into_iter().flatten() {
            links.push(ErrorLink {
                href: format!("#f-{}", f.name),
                text: lang.tr(
                    "form-error-line",
                    &Args::new()
                        .str("field", f.label_in(lang, kind))
                        .str("error", e),
                ),
            });
        }
    }
    links
}

#[derive(Debug, Deserialize, Default)]
pub struct ListQuery {
    pub offset: Option<u32>,
    #[serde(default, deserialize_with = "crate::flash::lenient")]
    pub done: Option<Flash>,
}

const PAGE: u32 = 50;

pub async fn list(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    KindPath(kind): KindPath,
    PageQuery(q): PageQuery<ListQuery>,
) -> Result<Html<String>, WebError> {
    let offset = q.offset.unwrap_or(0).min(10_000_000);
    let reader = super::Reader::new(&state, &ctx);
    let stored = reader.store().list(kind, PAGE + 1, offset).await?;
    let more = stored.len() > PAGE as usize;
    let ids: Vec<Uuid> = stored.iter().map(|s| s.entity.id()).collect();
    let public: HashMap<Uuid, Stored<Entity>> = state
        .store
        .published_records(kind, &ids)
        .await?
        .into_iter()
        .map(|p| (p.entity.id(), p))
        .collect();
    let items = stored
        .iter()
        .take(PAGE as usize)
        .map(|s| ListItem {
            url: url::record(kind, s.entity.id()),
            label: s.entity.label(),
            updated: s.meta.updated_at.format("%Y-%m-%d %H:%M").to_string(),
            version: s.meta.version,
            badge: Standing::of(s, public.get(&s.entity.id())).badge(ctx.lang),
        })
        .collect();
    render(&RecordListPage {
        nav: nav(&ctx, q.done),
        title: kind_label(ctx.lang, kind),
        kind: kind.as_str().into(),
        kinds: KINDS
            .iter()
            .map(|k| Opt {
                value: k.as_str().into(),
                label: kind_label(ctx.lang, *k),
                selected: *k == kind,
            })
            .collect(),
        items,
        previous: if offset > 0 {
            format!(
                "{}?offset={}",
                url::records(kind),
                offset.saturating_sub(PAGE)
            )
        } else {
            String::new()
        },
        next: if more {
            format!("{}?offset={}", url::records(kind), offset + PAGE)
        } else {
            String::new()
        },
    })
}

pub async fn new_form(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    KindPath(kind): KindPath,
    PageQuery(q): PageQuery<FlashQuery>,
    Query(prefill): Query<Vec<(String, String)>>,
) -> Result<Html<String>, WebError> {
    let mut values = query_values(prefill);
    let mut notice = checked_prefill(&state, ctx.lang, kind, &mut values).await?;
    if notice.is_empty() {
        notice = flash_text(ctx.lang, q.done);
    }
    if kind == EntityKind::Assessment {
        values
            .entry("as_of".into())
            .or_insert_with(|| vec![crate::http::today().to_string()]);
        values
            .entry("scale".into())
            .or_insert_with(|| vec!["default".into()]);
    }
    form_page(
        &state,
        &ctx,
        kind,
        new_title(ctx.lang, kind),
        url::record_new(kind),
        &values,
        &ValidationErrors::default(),
        None,
        url::records(kind),
        notice,
    )
    .await
}

/// The parameter of a link to the development form that names the
/// commitment it is about ("Record a development" on a commitment's page).
const ABOUT_COMMITMENT: &str = "commitment";

/// The internal value that puts one target's row first among a
/// development's effects (`commitment:<id>`).
const EFFECTS_FIRST: &str = "effects_first";

/// Checks the records a link's query chooses in advance (`?source=<id>`,
/// `?commitment=<id>`): ids of records that do not exist (or are removed)
/// are dropped, and the message returned says so. On the development form,
/// `commitment=<id>` puts that commitment's row first among the effects.
async fn checked_prefill(
    state: &AppState,
    lang: Lang,
    kind: EntityKind,
    values: &mut Values,
) -> Result<String, WebError> {
    let mut dropped: Vec<String> = Vec::new();
    for f in forms::fields(kind) {
        let (Input::Ref(k) | Input::OptRef(k) | Input::Refs(k)) = f.input else {
            continue;
        };
        let Some(given) = values.get(f.name).cloned() else {
            continue;
        };
        let live = live_ids(state, k, &given).await?;
        if live.len() < given.len() {
            dropped.push(f.label_in(lang, kind));
        }
        values.insert(f.name.to_owned(), live);
    }
    if kind == EntityKind::Development
        && let Some(given) = values.remove(ABOUT_COMMITMENT)
    {
        let live = live_ids(state, EntityKind::Commitment, &given).await?;
        match live.first() {
            Some(id) => {
                values.insert(EFFECTS_FIRST.into(), vec![format!("commitment:{id}")]);
            }
            None => dropped.push(capitalised(&wording::kind(lang, "commitment"))),
        }
    }
    Ok(if dropped.is_empty() {
        String::new()
    } else {
        lang.tr(
            "form-link-dropped",
            &Args::new().str("fields", dropped.join(", ")),
        )
    })
}

/// Those of `given` that are ids of live records of `kind`, in order.
async fn live_ids(
    state: &AppState,
    kind: EntityKind,
    given: &[String],
) -> Result<Vec<String>, WebError> {
    let ids: Vec<Uuid> = given
        .iter()
        .filter_map(|v| Uuid::parse_str(v.trim()).ok())
        .collect();
    let found = state.store.get_many(kind, &ids).await?;
    Ok(ids
        .iter()
        .filter(|id| {
            found
                .iter()
                .any(|s| s.entity.id() == **id && s.meta.deleted_at.is_none())
        })
        .map(ToString::to_string)
        .collect())
}

fn reason_of(values: &Values) -> Option<String> {
    values
        .get("reason")
        .and_then(|v| v.first())
        .map(|r| r.trim().to_owned())
        .filter(|r| !r.is_empty())
}

/// The records a form names in its text: actors (the "Of" column of
/// roles) or signatories (recipients' own).
fn named(stored: &[Stored<Entity>]) -> forms::Named {
    forms::Named::new(stored.iter().filter_map(|s| match &s.entity {
        Entity::Actor(a) => Some((a.id.uuid(), a.name.to_string())),
        Entity::Signatory(x) => Some((x.id.uuid(), x.name.to_string())),
        _ => None,
    }))
}

/// The records a kind's form names by name: actors for actors,
/// signatories for recipient lists.
async fn named_in_form(
    store: &dyn Storage,
    kind: EntityKind,
) -> Result<Vec<Stored<Entity>>, Error> {
    let named = match kind {
        EntityKind::Actor => EntityKind::Actor,
        EntityKind::RecipientList => EntityKind::Signatory,
        _ => return Ok(vec![]),
    };
    // Every one, a page at a time: a name is taken only if no other record
    // has it, which a list cut short could not tell.
    const PAGE: u32 = 1_000;
    let mut all = Vec::new();
    loop {
        let page = store.list(named, PAGE, all.len() as u32).await?;
        let last = page.len() < PAGE as usize;
        all.extend(page);
        if last {
            return Ok(all);
        }
    }
}

/// Parses a submitted form into an entity, with the signed-in user as the
/// rater of an assessment.
async fn parse_form(
    state: &AppState,
    ctx: &Ctx,
    kind: EntityKind,
    id: Uuid,
    values: &Values,
    existing: Option<&Entity>,
) -> Result<Entity, ValidationErrors> {
    let actors = named_in_form(state.store.as_ref(), kind)
        .await
        .unwrap_or_default();
    let mut entity = forms::parse(kind, id, values, &named(&actors))?;
    if let Entity::Assessment(a) = &mut entity {
        match existing {
            Some(Entity::Assessment(old)) => {
                a.rated_by = old.rated_by.clone();
                a.reviewed_by = None;
            }
            _ => a.rated_by = ctx.actor(),
        }
    }
    if let (Entity::Source(s), Some(Entity::Source(old))) = (&mut entity, existing) {
        s.file_sha256 = old.file_sha256.clone();
    }
    if let Some(old) = existing {
        keep_fields_without_inputs(&mut entity, old);
    }
    Ok(entity)
}

/// Carries over, from the record as it was, the fields its form has no
/// input for, so that saving the form does not erase them.
fn keep_fields_without_inputs(entity: &mut Entity, old: &Entity) {
    match (entity, old) {
        (Entity::Concern(c), Entity::Concern(old)) => {
            c.earlier_descriptions = old.earlier_descriptions.clone();
        }
        (Entity::Dossier(d), Entity::Dossier(old)) => {
            d.earlier_summaries = old.earlier_summaries.clone();
        }
        _ => {}
    }
}

/// Stores an uploaded file and attaches it to a source.
async fn attach(
    state: &AppState,
    entity: &mut Entity,
    file: Option<Upload>,
) -> Result<(), WebError> {
    if let (Entity::Source(source), Some(file)) = (entity, file) {
        source.file_sha256 = Some(
            state
                .store
                .put_file(&file.media_type, &file.content)
                .await?,
        );
    }
    Ok(())
}

/// What a failed save becomes: field errors to show, or a page error.
fn save_errors(e: Error) -> Result<ValidationErrors, WebError> {
    match e {
        Error::Invalid(errors) => Ok(errors),
        Error::DanglingReference { field, .. } => {
            Ok(FieldError::said(field, Said::new("reason-refers-to-missing")).into())
        }
        Error::Conflict {
            kind,
            expected,
            actual,
            ..
        } => Ok(FieldError::said("version", wording::conflict_said(kind, expected, actual)).into()),
        other => Err(other.into()),
    }
}

pub async fn create(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    KindPath(kind): KindPath,
    form: SubmittedForm,
) -> Result<Response, WebError> {
    let mut values = forms::values_from_pairs(form.pairs);
    if let Some(page) = refined(&state, &ctx, kind, &mut values, None).await? {
        return Ok(page);
    }
    let id = Uuid::now_v7();
    let parsed = not_lost(
        parse_form(&state, &ctx, kind, id, &values, None).await,
        &values,
    );
    let result = match parsed {
        Ok(_) if bears_on_nothing(kind, &values) => Err(Error::from(FieldError::said(
            "effects",
            Said::new("reason-came-from-no-direction"),
        ))),
        Ok(mut entity) => {
            attach(&state, &mut entity, form.file).await?;
            let context = service::context(&ctx.actor(), reason_of(&values).as_deref())?;
            Services::new(state.store.as_ref())
                .create(&context, entity)
                .await
                .map(|_| ())
        }
        Err(e) => Err(Error::Invalid(e)),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&Flash::Created.on(&url::record(kind, id))).into_response()),
        Err(e) => {
            let errors = save_errors(e)?;
            let page = form_page(
                &state,
                &ctx,
                kind,
                new_title(ctx.lang, kind),
                url::record_new(kind),
                &values,
                &errors,
                None,
                url::records(kind),
                String::new(),
            )
            .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

/// The form again, saving nothing, when it was submitted by a picker's
/// "Filter the list" button (`refine`) or by "Add the source" (which
/// creates the source, and its quote, and chooses them): what was typed
/// stays. `None` for a submission to save.
async fn refined(
    state: &AppState,
    ctx: &Ctx,
    kind: EntityKind,
    values: &mut Values,
    editing: Option<(&Stored<Entity>, i64)>,
) -> Result<Option<Response>, WebError> {
    let adding = values.contains_key(super::inline::ADD_SOURCE);
    if !values.contains_key("refine") && !adding {
        return Ok(None);
    }
    let mut errors = ValidationErrors::default();
    let mut notice = String::new();
    if adding {
        // The form again, from what was typed, with the new source chosen.
        // Answered directly, not by a redirect: a redirect would carry the
        // whole unsaved form (its internal note too) in a URL, into
        // browser histories and servers' logs.
        match super::inline::add_source(state, ctx, values).await? {
            Ok(()) => notice = Flash::SourceAdded.text(ctx.lang),
            Err(e) => errors = e,
        }
    }
    let (title, action, version, cancel) = match editing {
        Some((record, version)) => {
            let id = record.entity.id();
            (
                edit_title(ctx.lang, &record.entity),
                url::record_edit(kind, id),
                Some(version),
                url::record(kind, id),
            )
        }
        None => (
            new_title(ctx.lang, kind),
            url::record_new(kind),
            None,
            url::records(kind),
        ),
    };
    let page = form_page(
        state, ctx, kind, title, action, values, &errors, version, cancel, notice,
    )
    .await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(Some((status, page).into_response()))
}

/// A form's values from its query, without what is not the form's.
fn query_values(pairs: Vec<(String, String)>) -> Values {
    forms::values_from_pairs(
        pairs
            .into_iter()
            .filter(|(k, _)| k != "csrf" && k != "done")
            .collect(),
    )
}

/// The title of the form that makes a record of `kind`: "New commitment".
fn new_title(lang: Lang, kind: EntityKind) -> String {
    let kind = wording::kind(lang, kind.as_str());
    lang.tr("form-new-title", &Args::new().str("kind", kind))
}

/// The title of the form that edits `entity`: "Edit: <its label>".
fn edit_title(lang: Lang, entity: &Entity) -> String {
    lang.tr(
        "form-edit-title",
        &Args::new().str("record", entity.label()),
    )
}

/// The text of a flash, or nothing.
fn flash_text(lang: pledgewatch_core::lang::Lang, done: Option<Flash>) -> String {
    done.map(|f| f.text(lang)).unwrap_or_default()
}

async fn stored_by_id(
    state: &AppState,
    kind: EntityKind,
    id: Uuid,
) -> Result<Stored<Entity>, WebError> {
    state.store.get(kind, id).await?.ok_or(WebError::NotFound)
}

/// The `{kind}` of a record route: a kind the record pages show (else 404).
#[derive(Debug, Clone, Copy)]
pub struct KindPath(pub EntityKind);

impl<S: Send + Sync> FromRequestParts<S> for KindPath {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let PathOf(kind) = PathOf::<String>::from_request_parts(parts, state).await?;
        kind_of(&kind).map(KindPath)
    }
}

/// The `{kind}/{id}` of a record route (else 404).
#[derive(Debug, Clone, Copy)]
pub struct RecordPath {
    pub kind: EntityKind,
    pub id: Uuid,
}

impl<S: Send + Sync> FromRequestParts<S> for RecordPath {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let PathOf((kind, id)) = PathOf::<(String, Uuid)>::from_request_parts(parts, state).await?;
        Ok(RecordPath {
            kind: kind_of(&kind)?,
            id,
        })
    }
}

pub async fn show(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    RecordPath { kind, id }: RecordPath,
    PageQuery(q): PageQuery<FlashQuery>,
) -> Result<Html<String>, WebError> {
    let (mut record, public) = review::live_and_public(&state, kind, id).await?;
    let reader = super::Reader::new(&state, &ctx);
    let restricted = !reader.sees_confidential();
    if restricted {
        // Without confidential sources: hidden if it is one (or quotes
        // one), and its references to them dropped.
        record = reader
            .store()
            .get(kind, id)
            .await?
            .ok_or(WebError::NotFound)?;
    }
    let standing = Standing::of(&record, public.as_ref());
    let approved = public
        .as_ref()
        .map(|p| p.meta.updated_at.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_default();
    let pending = if restricted {
        None
    } else {
        review::pending_change(&state, &ctx, &record, public.as_ref(), false).await?
    };
    render(&RecordPage {
        nav: nav(&ctx, q.done),
        title: record.entity.label(),
        kind: kind.as_str().into(),
        kind_label: kind_label(ctx.lang, kind),
        id: id.to_string(),
        version: record.meta.version,
        fields: field_rows(&state, ctx.lang, kind, &record.entity).await?,
        badge: standing.badge(ctx.lang),
        public_sees: standing.public_sees(&approved),
        public: public.is_some(),
        deleted: record.meta.deleted_at.is_some(),
        pending,
        sent_back: review::sent_back(&state, kind, id).await?,
        history: history_rows(&state, ctx.lang, kind, id).await?,
    })
}

/// One row per field of the kind's form, with links to what it refers to,
/// then (for an assessment) who rated and reviewed it.
async fn field_rows(
    state: &AppState,
    lang: Lang,
    kind: EntityKind,
    entity: &Entity,
) -> Result<Vec<FieldRow>, WebError> {
    field_rows_joined(state.store.as_ref(), lang, kind, entity, "; ").await
}

/// [`field_rows`], with the lines of a value joined by `joiner`.
pub(crate) async fn field_rows_joined(
    store: &dyn Storage,
    lang: Lang,
    kind: EntityKind,
    entity: &Entity,
    joiner: &str,
) -> Result<Vec<FieldRow>, WebError> {
    let actors = named_in_form(store, kind).await?;
    let values = forms::values_of(entity, &named(&actors));
    let mut rows = Vec::new();
    for f in forms::fields(kind) {
        let raw = shown_values(&f, &values);
        let mut row = FieldRow {
            label: f.label_in(lang, kind),
            value: raw
                .iter()
                .flat_map(|v| v.lines())
                .collect::<Vec<_>>()
                .join(joiner),
            links: field_links(store, f.input, entity, &raw).await?,
        };
        if row.value.is_empty() && row.links.is_empty() {
            row.value = "—".into();
        }
        rows.push(row);
    }
    if let Entity::Assessment(a) = entity {
        rows.extend(review_rows(lang, a));
    }
    Ok(rows)
}

/// A field's non-empty values as the form would show them; effects are
/// gathered from their `effect:<target>` entries as `target=direction`.
fn shown_values(f: &forms::Field, values: &Values) -> Vec<String> {
    let raw: Vec<String> = match f.input {
        Input::Effects => values
            .iter()
            .filter(|(k, _)| k.starts_with("effect:"))
            .map(|(k, v)| format!("{}={}", &k[7..], v.join("")))
            .collect(),
        _ => values.get(f.name).cloned().unwrap_or_default(),
    };
    raw.into_iter().filter(|v| !v.is_empty()).collect()
}

/// The links a field's values make: the records it refers to, a source's
/// stored file, or the targets of a statement's effects.
async fn field_links(
    store: &dyn Storage,
    input: Input,
    entity: &Entity,
    raw: &[String],
) -> Result<Vec<Cited>, WebError> {
    match (input, entity) {
        (Input::Ref(k) | Input::OptRef(k) | Input::Refs(k), _) => {
            reference_links(store, k, raw).await
        }
        (Input::File, Entity::Source(source)) => Ok(source
            .file_sha256
            .iter()
            .map(|sha| Cited {
                text: format!("SHA-256 {}", sha.as_str()),
                url: url::file(sha.as_str()),
            })
            .collect()),
        (Input::Targets | Input::Effects, _) => target_links(store, raw).await,
        _ => Ok(vec![]),
    }
}

/// Links to the records of kind `k` whose ids are `raw`, named by their
/// label (or as removed).
async fn reference_links(
    store: &dyn Storage,
    k: EntityKind,
    raw: &[String],
) -> Result<Vec<Cited>, WebError> {
    let ids: Vec<Uuid> = raw.iter().filter_map(|v| Uuid::parse_str(v).ok()).collect();
    let found = store.get_many(k, &ids).await?;
    Ok(ids
        .iter()
        .map(|id| Cited {
            text: found
                .iter()
                .find(|s| s.entity.id() == *id)
                .map(|s| s.entity.label())
                .unwrap_or_else(|| format!("(removed {id})")),
            url: url::record(k, id),
        })
        .collect())
}

/// Links to the `kind:id` targets in `raw`, each with its direction when
/// written as `kind:id=direction`; values that do not parse are skipped.
async fn target_links(store: &dyn Storage, raw: &[String]) -> Result<Vec<Cited>, WebError> {
    let mut links = Vec::new();
    for v in raw {
        let (target, direction) = v
            .split_once('=')
            .map(|(t, d)| (t, Some(d)))
            .unwrap_or((v.as_str(), None));
        let Some((k, tid)) = target.split_once(':') else {
            continue;
        };
        let (Ok(k), Ok(tid)) = (EntityKind::parse(k), Uuid::parse_str(tid)) else {
            continue;
        };
        let name = store
            .get(k, tid)
            .await?
            .map(|s| s.entity.label())
            .unwrap_or_else(|| format!("(removed {tid})"));
        links.push(Cited {
            text: match direction {
                Some(d) => format!("{name}: {}", d.replace('_', " ")),
                None => name,
            },
            url: url::record(k, tid),
        });
    }
    Ok(links)
}

/// Who rated an assessment and who reviewed it.
fn review_rows(lang: Lang, a: &Assessment) -> [FieldRow; 2] {
    [
        FieldRow {
            label: lang.t("form-rated-by"),
            value: a.rated_by.clone(),
            links: vec![],
        },
        FieldRow {
            label: lang.t("form-reviewed-by"),
            value: a
                .reviewed_by
                .clone()
                .unwrap_or_else(|| lang.t("form-not-reviewed")),
            links: vec![],
        },
    ]
}

/// The record's audit history, newest last, with its before and after
/// states pretty-printed.
async fn history_rows(
    state: &AppState,
    lang: Lang,
    kind: EntityKind,
    id: Uuid,
) -> Result<Vec<HistoryRow>, WebError> {
    let pretty = |json: &Option<String>| {
        json.as_deref()
            .map(|j| {
                serde_json::from_str::<serde_json::Value>(j)
                    .ok()
                    .and_then(|v| serde_json::to_string_pretty(&v).ok())
                    .unwrap_or_else(|| j.to_owned())
            })
            .unwrap_or_default()
    };
    Ok(state
        .store
        .history(kind.into(), id)
        .await?
        .iter()
        .map(|e| HistoryRow {
            seq: e.seq,
            at: e.at.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
            actor: e.actor.clone(),
            action: e.action.as_str().into(),
            reason: e.reason.clone().unwrap_or_default(),
            version: e.entity_version,
            before: pretty(&e.before),
            // A creation held by hash whose body the store could not find
            // as it was written says so rather than showing nothing.
            after: match (&e.after, &e.after_sha256) {
                (None, Some(_)) => lang.t("form-history-body-missing"),
                _ => pretty(&e.after),
            },
        })
        .collect())
}

/// The edit form: the record as stored, or (after a source was added from
/// the form) the values its query holds, with the version they are based on.
pub async fn edit_form(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    RecordPath { kind, id }: RecordPath,
    PageQuery(q): PageQuery<FlashQuery>,
    Query(prefill): Query<Vec<(String, String)>>,
) -> Result<Html<String>, WebError> {
    let record = stored_by_id(&state, kind, id).await?;
    if record.meta.deleted_at.is_some() {
        return Err(WebError::BadRequest(ctx.lang.t("error-record-removed")));
    }
    let given = query_values(prefill);
    let (values, version) = match version_of(ctx.lang, &given) {
        Ok(version) => (given, version),
        Err(_) => {
            let actors = named_in_form(state.store.as_ref(), kind).await?;
            let values = forms::values_of(&record.entity, &named(&actors));
            (values, record.meta.version)
        }
    };
    let id = record.entity.id();
    form_page(
        &state,
        &ctx,
        kind,
        edit_title(ctx.lang, &record.entity),
        url::record_edit(kind, id),
        &values,
        &ValidationErrors::default(),
        Some(version),
        url::record(kind, id),
        flash_text(ctx.lang, q.done),
    )
    .await
}

fn version_of(lang: Lang, values: &Values) -> Result<i64, WebError> {
    values
        .get("version")
        .and_then(|v| v.first())
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| WebError::BadRequest(lang.t("error-version-missing")))
}

pub async fn update(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    RecordPath { kind, id }: RecordPath,
    form: SubmittedForm,
) -> Result<Response, WebError> {
    let record = stored_by_id(&state, kind, id).await?;
    let mut values = forms::values_from_pairs(form.pairs);
    let version = version_of(ctx.lang, &values)?;
    let id = record.entity.id();
    let editing = (&record, version);
    if let Some(page) = refined(&state, &ctx, kind, &mut values, Some(editing)).await? {
        return Ok(page);
    }
    let parsed = not_lost(
        parse_form(&state, &ctx, kind, id, &values, Some(&record.entity)).await,
        &values,
    );
    let result = match parsed {
        Ok(mut entity) => {
            attach(&state, &mut entity, form.file).await?;
            let context = service::context(&ctx.actor(), reason_of(&values).as_deref())?;
            Services::new(state.store.as_ref())
                .update(&context, entity, version)
                .await
                .map(|_| ())
        }
        Err(e) => Err(Error::Invalid(e)),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&Flash::Saved.on(&url::record(kind, id))).into_response()),
        Err(e) => {
            let conflict = matches!(e, Error::Conflict { .. });
            let errors = save_errors(e)?;
            let page = form_page(
                &state,
                &ctx,
                kind,
                edit_title(ctx.lang, &record.entity),
                url::record_edit(kind, id),
                &values,
                &errors,
                Some(version),
                url::record(kind, id),
                String::new(),
            )
            .await?;
            let status = if conflict {
                StatusCode::CONFLICT
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            Ok((status, page).into_response())
        }
    }
}

pub async fn delete(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    RecordPath { kind, id }: RecordPath,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let record = stored_by_id(&state, kind, id).await?;
    let values = forms::values_from_pairs(pairs);
    let version = version_of(ctx.lang, &values)?;
    let reason = reason_of(&values)
        .ok_or_else(|| WebError::BadRequest(ctx.lang.t("error-remove-reason")))?;
    let context = service::context(&ctx.actor(), Some(&reason))?;
    Services::new(state.store.as_ref())
        .delete(&context, kind, record.entity.id(), version)
        .await?;
    Ok(Redirect::to(&Flash::Removed.on(&url::records(kind))).into_response())
}

/// Approves the record's pending change (`publish`, with or without the
/// records it needs), or withdraws it from the public; withdrawing a
/// removed record approves its removal. Goes back to `back` with a flash.
async fn set_published(
    state: &AppState,
    ctx: &Ctx,
    RecordPath { kind, id }: RecordPath,
    publish: bool,
    approval: Approval,
    back: String,
) -> Result<Response, WebError> {
    let record = stored_by_id(state, kind, id).await?;
    let id = record.entity.id();
    let services = Services::new(state.store.as_ref());
    let removal = record.meta.deleted_at.is_some();
    let done = if publish || removal {
        let reviewer = ctx.user.as_ref().ok_or(WebError::Forbidden)?;
        services.approve(reviewer, kind, id, approval).await?;
        if removal {
            Flash::RemovalApproved
        } else {
            Flash::Published
        }
    } else {
        services
            .set_published(&ctx.actor(), kind, id, false)
            .await?;
        Flash::Unpublished
    };
    Ok(Redirect::to(&done.on(&back)).into_response())
}

pub async fn publish(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    path: RecordPath,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let approval = approval_of(&state, &pairs);
    let back = review::back_to(&pairs, path.kind, path.id);
    set_published(&state, &ctx, path, true, approval, back).await
}

/// One `id:version` of a record an approval publishes with it.
pub(crate) fn parse_needed(text: &str) -> Option<(Uuid, i64)> {
    let (id, version) = text.trim().split_once(':')?;
    Some((Uuid::parse_str(id).ok()?, version.parse().ok()?))
}

/// What an approval form says: whether to publish the records it needs too
/// (`with_references=1`), the version the reviewer was shown (`version`)
/// and the records listed to be published with it (`needed`, one each).
fn approval_of(state: &AppState, pairs: &[(String, String)]) -> Approval {
    let with_references = pairs
        .iter()
        .any(|(k, v)| k == "with_references" && v == "1");
    Approval {
        with_references,
        allow_self_review: state.config.allow_self_review,
        seen_version: pairs
            .iter()
            .find(|(k, _)| k == "version")
            .and_then(|(_, v)| v.trim().parse().ok()),
        seen_needed: with_references.then(|| {
            pairs
                .iter()
                .filter(|(k, _)| k == "needed")
                .filter_map(|(_, v)| parse_needed(v))
                .collect()
        }),
    }
}

pub async fn unpublish(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    path: RecordPath,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let approval = approval_of(&state, &pairs);
    let back = review::back_to(&pairs, path.kind, path.id);
    set_published(&state, &ctx, path, false, approval, back).await
}

/// A reviewer approves an assessment (the rules are the services').
pub async fn approve(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    PathOf(id): PathOf<AssessmentId>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let approval = Approval {
        // The edit below is based on `version`, which checks it.
        seen_version: None,
        ..approval_of(&state, &pairs)
    };
    let back = review::back_to(&pairs, EntityKind::Assessment, id.uuid());
    let version = version_of(ctx.lang, &forms::values_from_pairs(pairs))?;
    let reviewer = ctx.user.as_ref().ok_or(WebError::Forbidden)?;
    Services::new(state.store.as_ref())
        .approve_assessment(reviewer, id, version, approval)
        .await?;
    let to = Flash::Approved.on(&back);
    Ok(Redirect::to(&to).into_response())
}
