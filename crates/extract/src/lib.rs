//! Drafting help: reads a statement, letter or report (plain text, Markdown
//! or HTML) and proposes the commitments in it, each with the exact quote and
//! its character offsets, who is bound, who spoke, the occasion, the timing
//! and a deadline resolved to a date with its precision.
//!
//! A rule-based pipeline, deterministic and offline (see
//! docs/decisions/0005-extraction.md): [`text`] decodes and normalises the
//! input and splits it into sentences; [`structure`] reads headings and
//! lists; [`extract`] finds triggers, actors,
//! lists and conditions; [`dates`] resolves deadlines. [`gold`] and [`eval`]
//! hold the annotation format and the scoring that measure it; [`drafts`]
//! turns candidates into the review queue's proposals; [`input`] reads PDF
//! and Word files as text with their pages.

pub mod dates;
pub mod drafts;
pub mod eval;
pub mod extract;
pub mod gold;
pub mod input;
pub mod lexicon;
pub mod structure;
pub mod text;

pub use extract::{Candidate, DocumentKind, Extraction, Options, extract};
pub use text::{InputFormat, decode};
