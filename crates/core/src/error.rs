//! Errors of the domain layer: invalid input (naming the field and the
//! reason), conflicts, missing entities, and storage failures.

use std::fmt;

use crate::lang::Lang;
pub use crate::reason::{Reason, Said};

/// A value that could not be parsed; the caller adds the field's name.
/// Two are equal when their English is.
#[derive(Debug, Clone, Eq, thiserror::Error)]
#[error("{reason}")]
pub struct InvalidValue {
    /// In English.
    pub reason: String,
    /// The message the reason came from, for readers of other languages.
    pub said: Option<Said>,
}

impl InvalidValue {
    /// A reason in words of its own (a third party's error), shown as
    /// written in every language.
    pub fn new(reason: impl Into<String>) -> Self {
        Self {
            reason: reason.into(),
            said: None,
        }
    }

    /// A reason of the catalogue.
    pub fn said(said: Said) -> Self {
        Self {
            reason: said.english(),
            said: Some(said),
        }
    }

    /// Names the field the value was given for.
    pub fn at(self, field: impl Into<String>) -> FieldError {
        FieldError {
            field: field.into(),
            reason: self.reason,
            said: self.said,
        }
    }

    /// The reason in `lang`.
    pub fn reason_in(&self, lang: Lang) -> String {
        reason_in(&self.reason, self.said.as_ref(), lang)
    }

    /// The reason as a message, to be part of another (its English as
    /// written when it is not one).
    pub fn into_said(self) -> Said {
        self.said
            .unwrap_or_else(|| Said::new("reason-as-written").text("text", self.reason))
    }
}

impl PartialEq for InvalidValue {
    fn eq(&self, other: &Self) -> bool {
        self.reason == other.reason
    }
}

fn reason_in(english: &str, said: Option<&Said>, lang: Lang) -> String {
    match said {
        Some(said) => said.in_lang(lang),
        None => english.to_owned(),
    }
}

/// One invalid field of an input: which field, and why. Two are equal when
/// their field and English are.
#[derive(Debug, Clone, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct FieldError {
    pub field: String,
    /// In English, as the command line and the API give it.
    pub reason: String,
    /// The message the reason came from, for readers of other languages.
    #[serde(skip)]
    #[schema(ignore)]
    pub said: Option<Said>,
}

impl FieldError {
    /// A reason in words of its own (a third party's error), shown as
    /// written in every language.
    pub fn new(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            reason: reason.into(),
            said: None,
        }
    }

    /// A reason of the catalogue.
    pub fn said(field: impl Into<String>, said: Said) -> Self {
        InvalidValue::said(said).at(field)
    }

    /// The same reason, filed under another field's name.
    pub fn renamed(self, field: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            ..self
        }
    }

    /// The reason in `lang` (as written, when it is not a message).
    pub fn reason_in(&self, lang: Lang) -> String {
        reason_in(&self.reason, self.said.as_ref(), lang)
    }
}

impl PartialEq for FieldError {
    fn eq(&self, other: &Self) -> bool {
        self.field == other.field && self.reason == other.reason
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.reason)
    }
}

impl std::error::Error for FieldError {}

/// Everything wrong with one input, so that a form or a file can be mended in
/// one pass.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ValidationErrors(pub Vec<FieldError>);

impl ValidationErrors {
    pub fn push(&mut self, error: FieldError) {
        self.0.push(error);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_result(self) -> Result<(), ValidationErrors> {
        if self.0.is_empty() { Ok(()) } else { Err(self) }
    }

    /// Collects the error of `result` (if any) and returns its value.
    pub fn check<T>(&mut self, result: Result<T, FieldError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.push(error);
                None
            }
        }
    }
}

impl From<FieldError> for ValidationErrors {
    fn from(error: FieldError) -> Self {
        Self(vec![error])
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

/// What can go wrong when reading or changing the record.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}\n{}", crate::lang::Lang::En.t("reason-invalid-input"), .0)]
    Invalid(ValidationErrors),
    #[error("{}", not_found(kind, id).english())]
    NotFound { kind: &'static str, id: String },
    /// Shown to people: names the kind of record, never its id.
    #[error("{}", crate::wording::conflict(crate::lang::Lang::En, kind, *expected, *actual))]
    Conflict {
        kind: &'static str,
        id: String,
        expected: i64,
        actual: i64,
    },
    /// Something was written between the checks of a change and its write,
    /// so the checks may no longer hold; checking again is safe.
    #[error("{}", crate::lang::Lang::En.t("reason-changed"))]
    Changed,
    #[error("{}", dangling(field, kind, id).english())]
    DanglingReference {
        field: String,
        kind: &'static str,
        id: String,
    },
    /// An action the rules do not allow, and why.
    #[error("{0}")]
    Refused(Reason),
    /// The database failed or holds what it must not. The cause is kept
    /// as the error's source and also shown in the message, because the
    /// operator reads the message alone (never the public: the web layer
    /// answers with a generic page).
    #[error("storage error: {context}: {source}")]
    Storage {
        context: String,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

impl Error {
    /// A storage error: what was being done, and why it failed (an error,
    /// or a message when the data itself is wrong).
    pub fn storage(
        context: impl Into<String>,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        Error::Storage {
            context: context.into(),
            source: source.into(),
        }
    }
}

impl Error {
    /// A refusal, with its reason.
    pub fn refused(reason: impl Into<Reason>) -> Self {
        Error::Refused(reason.into())
    }

    /// What the error says, in `lang`: as its English for a storage error
    /// (which no page shows).
    pub fn in_lang(&self, lang: Lang) -> String {
        match self {
            Error::Invalid(errors) => {
                let mut text = lang.t("reason-invalid-input");
                for e in &errors.0 {
                    text.push('\n');
                    let field = crate::reason::field_name(lang, &e.field);
                    text.push_str(&format!("{field}: {}", e.reason_in(lang)));
                }
                text
            }
            Error::NotFound { kind, id } => not_found(kind, id).in_lang(lang),
            Error::Conflict {
                kind,
                expected,
                actual,
                ..
            } => crate::wording::conflict(lang, kind, *expected, *actual),
            Error::Changed => lang.t("reason-changed"),
            Error::DanglingReference { field, kind, id } => {
                dangling(&crate::reason::field_name(lang, field), kind, id).in_lang(lang)
            }
            Error::Refused(reason) => reason.in_lang(lang),
            Error::Storage { .. } => self.to_string(),
        }
    }
}

/// The words of [`Error::NotFound`].
fn not_found(kind: &str, id: &str) -> Said {
    Said::new("reason-not-found")
        .kind("kind", kind)
        .text("id", id)
}

/// The words of [`Error::DanglingReference`].
fn dangling(field: &str, kind: &str, id: &str) -> Said {
    Said::new("reason-dangling-reference")
        .text("field", field)
        .kind("kind", kind)
        .text("id", id)
}

impl From<ValidationErrors> for Error {
    fn from(errors: ValidationErrors) -> Self {
        Error::Invalid(errors)
    }
}

impl From<FieldError> for Error {
    fn from(error: FieldError) -> Self {
        Error::Invalid(error.into())
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_storage_error_keeps_its_cause_as_source_and_in_its_message() {
        let cause = std::io::Error::other("disk full");
        let error = Error::storage("writing actors", cause);
        assert_eq!(
            error.to_string(),
            "storage error: writing actors: disk full"
        );
        let source = std::error::Error::source(&error).map(ToString::to_string);
        assert_eq!(source.as_deref(), Some("disk full"));
    }
}
