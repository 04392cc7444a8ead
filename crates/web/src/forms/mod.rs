//! Entry and editing forms for every kind of entity. Each kind's file holds
//! its typed form (`CommitmentForm`: the submitted text and ids, one field
//! per input), its field table, `from_entity` (to edit or show a record) and
//! `into_entity` (parse, with every error attached to the field that caused
//! it, building the record only once every part parsed). This file is the
//! registry: the one list of kinds the outward functions dispatch through
//! (docs/decisions/0012-form-design.md).

use std::collections::HashMap;

use pledgewatch_core::error::{FieldError, Said, ValidationErrors};
use pledgewatch_core::ids::*;
use pledgewatch_core::lang::Lang;
use pledgewatch_core::model::{Entity, EntityKind, Record, Variant};
use uuid::Uuid;

#[macro_use]
mod values;
mod parse;

mod actor;
mod assessment;
mod commitment;
mod concern;
mod development;
mod dossier;
mod milestone;
mod occasion;
mod quote;
mod recipient_list;
mod recommendation;
mod signatory;
mod source;

#[cfg(test)]
mod tests;

#[cfg(test)]
mod parsed_fields_tests;

pub use values::{Values, values_from_pairs};

use values::FormValues;

/// How a field is entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    Text,
    TextArea,
    /// A date with precision: YYYY, YYYY-MM, YYYY-Qn or YYYY-MM-DD.
    Date,
    /// A day: YYYY-MM-DD.
    Day,
    Number,
    Select(&'static [&'static str]),
    /// One entity of a kind, required.
    Ref(EntityKind),
    /// One entity of a kind, or none.
    OptRef(EntityKind),
    /// Any number of entities of a kind.
    Refs(EntityKind),
    Check,
    /// One item per line.
    Lines,
    /// A direction for each commitment and concern (developments).
    Effects,
    /// Commitments and concerns a recommendation answers.
    Targets,
    /// A status of any scale (checked against the chosen scale).
    Status,
    /// A file to store (sources).
    File,
}

/// One row of a kind's field table: what the page shows for an input.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub label: &'static str,
    pub input: Input,
    pub required: bool,
    pub help: &'static str,
}

/// A field table row (const, so that each kind's table is a constant).
const fn f(
    name: &'static str,
    label: &'static str,
    input: Input,
    required: bool,
    help: &'static str,
) -> Field {
    Field {
        name,
        label,
        input,
        required,
        help,
    }
}

impl Field {
    /// The field's label in `lang`: the message `field-{kind}-{name}`
    /// (underscores as hyphens); the table's English where it is missing.
    pub fn label_in(&self, lang: Lang, kind: EntityKind) -> String {
        translated(lang, &field_key(kind, self.name), self.label)
    }

    /// The field's help in `lang` (`field-{kind}-{name}-help`), or empty.
    pub fn help_in(&self, lang: Lang, kind: EntityKind) -> String {
        if self.help.is_empty() {
            return String::new();
        }
        translated(
            lang,
            &format!("{}-help", field_key(kind, self.name)),
            self.help,
        )
    }
}

/// The message id of a kind's field: `field-commitment-made-by`.
fn field_key(kind: EntityKind, name: &str) -> String {
    format!("field-{}-{}", kind.as_str(), name).replace('_', "-")
}

/// The message `id` in `lang`, or `english` where no language has it.
fn translated(lang: Lang, id: &str, english: &str) -> String {
    let text = lang.t(id);
    if text == id { english.to_owned() } else { text }
}

/// The words of a choice of a select field in `lang`
/// (`choice-{kind}-{field}-{value}`), falling back to the value with
/// spaces for underscores. Timings, origins and scales use the wording
/// layer's own messages.
pub fn choice_label(lang: Lang, kind: EntityKind, field: &str, value: &str) -> String {
    translated(
        lang,
        &choice_id(kind, field, value),
        &value.replace('_', " "),
    )
}

/// The message id of a choice of a select field.
fn choice_id(kind: EntityKind, field: &str, value: &str) -> String {
    match field {
        "timing_kind" => format!("timing-{value}"),
        "origin" => format!("origin-{value}"),
        "scale" => format!("scale-{value}"),
        _ => format!("choice-{}-{}-{}", kind.as_str(), field, value).replace('_', "-"),
    }
}

/// The reasons the form parsers give for an empty required input (messages
/// of the `forms` family).
const REQUIRED: &str = "form-error-required";
const CHOOSE_ONE: &str = "form-error-choose-one";

const DATE_HELP: &str = "YYYY, YYYY-MM, YYYY-Qn or YYYY-MM-DD";
const SCALES: &[&str] = &["default", "odihr", "ogp", "politifact"];

/// The records a form names in its text (the actors of roles' "Of"
/// column, the signatories of recipients): each shown by its name when no
/// other record of the list has that name, else by its id, and read back
/// from either. A name two records share is never taken for one of them.
#[derive(Debug, Default)]
pub struct Named {
    names: HashMap<Uuid, String>,
    ids: HashMap<String, Vec<Uuid>>,
}

/// What a name in a form's text stands for, when not one record.
#[derive(Debug, PartialEq, Eq)]
pub enum NotOne {
    /// No record of the list has this name or id.
    None,
    /// Several have this name: their ids.
    Several(Vec<Uuid>),
}

/// Whether a name written in a form's line is read back as itself: the
/// lines are split at `|` (and lists at `;`) and trimmed, and what reads
/// as an id is taken as one.
fn reads_back(name: &str) -> bool {
    !name.is_empty()
        && name.trim() == name
        && !name.contains(['|', ';', '\n', '\r'])
        && Uuid::parse_str(name).is_err()
}

/// Ids as a form's error lists them.
fn ids_text(ids: &[Uuid]) -> String {
    ids.iter()
        .map(Uuid::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

impl Named {
    /// The records' ids and names.
    pub fn new(records: impl IntoIterator<Item = (Uuid, String)>) -> Self {
        let mut named = Named::default();
        for (id, name) in records {
            named.ids.entry(name.clone()).or_default().push(id);
            named.names.insert(id, name);
        }
        named
    }

    /// How a form writes the record `id`: its name when that reads back as
    /// this record and nothing else (the only record of that name, without
    /// the separators of a line, spaces at its ends or the look of an id),
    /// else its id.
    pub fn shown(&self, id: Uuid) -> String {
        match self.names.get(&id) {
            Some(name)
                if self.ids.get(name).is_some_and(|ids| ids.len() == 1) && reads_back(name) =>
            {
                name.clone()
            }
            _ => id.to_string(),
        }
    }

    /// The record `text` names: an id as it is, or a name only one
    /// record has.
    pub fn find(&self, text: &str) -> Result<Uuid, NotOne> {
        if let Ok(id) = Uuid::parse_str(text) {
            return Ok(id);
        }
        match self.ids.get(text).map(Vec::as_slice) {
            Some([id]) => Ok(*id),
            Some(several) => Err(NotOne::Several(several.to_vec())),
            None => Err(NotOne::None),
        }
    }
}

/// What each kind's form knows; one implementation per file of `forms/`.
trait KindForm: FormValues {
    type Record: Record;
    /// The fields, in the order the page shows them.
    const FIELDS: &'static [Field];

    /// The form that shows a record (to edit it, or on its page).
    fn from_entity(record: &Self::Record, names: &Named) -> Self;

    /// The record the submitted form describes, or every error by field.
    fn into_entity(
        self,
        id: <Self::Record as Record>::Id,
        named: &Named,
    ) -> Result<Self::Record, ValidationErrors>;

    /// The form field an error of the record's own rules belongs to, where
    /// it is not the error's first path segment.
    fn form_field(_error_field: &str) -> Option<&'static str> {
        None
    }
}

/// The registry: from the list of kinds with a form (kind, id type, form)
/// and of kinds edited elsewhere (with the reason a submission gets), makes
/// the outward functions, each one `match` over every kind.
macro_rules! registry {
    ($($kind:ident($id:ident): $form:ty,)* ; $($none:ident: $why:literal,)*) => {
        /// The fields of a kind's form, in order.
        pub fn fields(kind: EntityKind) -> Vec<Field> {
            match kind {
                $(EntityKind::$kind => <$form as KindForm>::FIELDS.to_vec(),)*
                $(EntityKind::$none => Vec::new(),)*
            }
        }

        /// The form values that show an entity (for editing and for its page).
        pub fn values_of(entity: &Entity, names: &Named) -> Values {
            match entity.kind() {
                $(EntityKind::$kind => {
                    <pledgewatch_core::model::$kind as Variant>::from_entity_ref(entity)
                        .map(|r| <$form as KindForm>::from_entity(r, names).into_values())
                        .unwrap_or_default()
                })*
                $(EntityKind::$none => Values::new(),)*
            }
        }

        /// Parses a kind's submitted form into an entity with the given id.
        /// `named` reads the records the text names (roles' "Of", signatories).
        pub fn parse(
            kind: EntityKind,
            id: Uuid,
            values: &Values,
            named: &Named,
        ) -> Result<Entity, ValidationErrors> {
            match kind {
                $(EntityKind::$kind => <$form as FormValues>::decode(values)
                    .into_entity($id(id), named)
                    .map(Entity::from),)*
                $(EntityKind::$none => Err(FieldError::said("kind", Said::new($why)).into()),)*
            }
        }

        /// The form field an entity-level error belongs to
        /// ("timing.deadline" -> "deadline", "roles[2].title" -> "roles").
        pub fn form_field_of(kind: EntityKind, error_field: &str) -> String {
            let own = match kind {
                $(EntityKind::$kind => <$form as KindForm>::form_field(error_field),)*
                $(EntityKind::$none => None,)*
            };
            let base = error_field.split(['[', '.']).next().unwrap_or(error_field);
            own.unwrap_or(base).to_owned()
        }
    };
}

registry! {
    Actor(ActorId): actor::ActorForm,
    Occasion(OccasionId): occasion::OccasionForm,
    Source(SourceId): source::SourceForm,
    Quote(QuoteId): quote::QuoteForm,
    Commitment(CommitmentId): commitment::CommitmentForm,
    Milestone(MilestoneId): milestone::MilestoneForm,
    Development(DevelopmentId): development::DevelopmentForm,
    Assessment(AssessmentId): assessment::AssessmentForm,
    Recommendation(RecommendationId): recommendation::RecommendationForm,
    Concern(ConcernId): concern::ConcernForm,
    Dossier(DossierId): dossier::DossierForm,
    RecipientList(RecipientListId): recipient_list::RecipientListForm,
    Signatory(SignatoryId): signatory::SignatoryForm,
    ;
    // Drafts have their review queue.
    Candidate: "reason-candidate-form",
}
