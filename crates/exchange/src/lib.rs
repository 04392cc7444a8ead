//! Data in and out of pledgewatch.
//!
//! Every reader turns a file into [`Record`]s: one per input row, holding the
//! entities that row stands for, with stable ids so that importing the same
//! file again finds what it created before. What a reader cannot take becomes
//! a [`Rejected`] row naming the row, the column, the value and the reason,
//! with the row's original cells so that it can be corrected and imported
//! again. Nothing is dropped silently: `rows_read` always equals the records
//! plus the rejected rows.
//!
//! The way in: [`decode`] (bytes to text), [`table`] (CSV rows with their
//! line numbers), the readers ([`upr`], [`mapping`]) and [`import`] (plan,
//! check and apply in one transaction); [`file::import_file`] does it all
//! for one file, telling its format.

pub mod decode;
pub mod export;
pub mod file;
pub mod format;
pub mod import;
pub mod mapping;
mod places;
pub mod record;
pub mod states;
pub mod stream;
pub mod table;
pub mod upr;

pub use file::{ImportRequest, import_file};
pub use record::{Parsed, RawRow, Record, Rejected, RowError, stable_id};

use pledgewatch_core::error::InvalidValue;
use pledgewatch_core::model::{Entity, EntityKind};

/// Checks a row's entities with the domain's rules, naming the input column
/// a field came from where `column_of` knows it (else `kind.field`).
pub fn validate_row<'a>(
    row: u64,
    entities: &[Entity],
    column_of: impl Fn(EntityKind, &str) -> Option<&'a str>,
) -> Vec<RowError> {
    let mut errors = Vec::new();
    for entity in entities {
        if let Err(found) = pledgewatch_core::validate::validate(entity) {
            for e in found.0 {
                let reason = InvalidValue::new(e.reason);
                errors.push(refused_field(
                    row,
                    entity.kind(),
                    &e.field,
                    reason,
                    &column_of,
                ));
            }
        }
    }
    errors
}

/// The error of a row whose value for a record's field did not parse into
/// the field's type, named like `validate_row` names a broken rule.
pub fn refused_field<'a>(
    row: u64,
    kind: EntityKind,
    field: &str,
    error: InvalidValue,
    column_of: impl Fn(EntityKind, &str) -> Option<&'a str>,
) -> RowError {
    let column = column_of(kind, field)
        .map(str::to_owned)
        .unwrap_or_else(|| format!("{kind}.{field}"));
    RowError {
        row,
        column: Some(column),
        value: None,
        reason: error.reason,
    }
}
