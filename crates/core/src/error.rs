//! Errors of the domain layer: invalid input (naming the field and the
//! reason), conflicts, missing entities, and storage failures.

use std::fmt;

/// A value that could not be parsed; the caller adds the field's name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{reason}")]
pub struct InvalidValue {
    pub reason: String,
}

impl InvalidValue {
    pub fn new(reason: impl Into<String>) -> Self {
        Self {
            reason: reason.into(),
        }
    }

    /// Names the field the value was given for.
    pub fn at(self, field: impl Into<String>) -> FieldError {
        FieldError {
            field: field.into(),
            reason: self.reason,
        }
    }
}

/// One invalid field of an input: which field, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct FieldError {
    pub field: String,
    pub reason: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            reason: reason.into(),
        }
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
    #[error("invalid input:\n{0}")]
    Invalid(ValidationErrors),
    #[error("{kind} {id} not found")]
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
    #[error(
        "the record changed while this change was being checked (someone else saved at the same moment); nothing was written, try again"
    )]
    Changed,
    #[error("{field}: refers to {kind} {id}, which does not exist or was removed")]
    DanglingReference {
        field: String,
        kind: &'static str,
        id: String,
    },
    #[error("{0}")]
    Refused(String),
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
