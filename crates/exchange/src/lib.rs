//! Data in and out of pledgewatch.
//!
//! Every reader turns a file into [`Record`]s: one per input row, holding the
//! entities that row stands for, with stable ids so that importing the same
//! file again finds what it created before. What a reader cannot take becomes
//! a [`Rejected`] row naming the row, the column, the value and the reason,
//! with the row's original cells so that it can be corrected and imported
//! again. Nothing is dropped silently: `rows_read` always equals the records
//! plus the rejected rows.

pub mod export;
pub mod format;
pub mod record;

pub use record::{Parsed, RawRow, Record, Rejected, RowError, stable_id};
