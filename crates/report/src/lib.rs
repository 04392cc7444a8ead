//! pledgewatch's documents: the "promises and reality" memorandum and the
//! letter to officials, as HTML, Markdown, DOCX and PDF.
//!
//! Both are built from the public's version of the record unless the team's
//! draft is asked for, which is watermarked on every page (see [`audience`]).
//!
//! Both are first built as a format-neutral [`Document`] from the dossier as
//! of a date, then written by one renderer per format. The same dossier,
//! date and template always give the same document: no clock is read.
//!
//! A web handler calls, for example,
//! `pledgewatch_report::memo(&store, &slug, &MemoOptions::new(as_of), Format::Pdf)`
//! and sends the bytes with `Format::Pdf.media_type()`.

pub mod audience;
pub mod doc;
pub mod error;
pub mod letter;
pub mod memo;
pub mod render;
pub mod text;

use pledgewatch_core::model::Slug;
use pledgewatch_core::storage::Storage;

pub use audience::{Audience, DRAFT_SUFFIX, DRAFT_WATERMARK};
pub use doc::Document;
pub use error::{Error, Result};
pub use letter::{
    DEFAULT_TEMPLATE, FIELDS, Letter, LetterOptions, LetterSet, SUBJECT_TEMPLATE, Template,
    letter_documents, letter_set,
};
pub use memo::{MemoOptions, memo_document};
pub use render::{Format, render};

/// The memorandum of dossier `slug`, written in `format`.
pub async fn memo(
    store: &dyn Storage,
    slug: &Slug,
    options: &MemoOptions,
    format: Format,
) -> Result<Vec<u8>> {
    let doc = memo_document(store, slug, options).await?;
    render(&doc, format)
}

/// A rendered letter: the file name it should get, and its bytes.
#[derive(Debug, Clone)]
pub struct RenderedLetter {
    /// "01-albania.pdf", or "letters-....pdf" for a combined document.
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// The letters of dossier `slug`, written in `format`: one per recipient, or
/// one combined document when `options.combined` is set.
pub async fn letters(
    store: &dyn Storage,
    slug: &Slug,
    options: &LetterOptions,
    format: Format,
) -> Result<Vec<RenderedLetter>> {
    Ok(rendered_letters(store, slug, options, format).await?.0)
}

/// The letters of dossier `slug`, written in `format`, with the summary of
/// what was written: "55 letters; Kazakhstan, the State bound by these
/// commitments, is left out".
pub async fn rendered_letters(
    store: &dyn Storage,
    slug: &Slug,
    options: &LetterOptions,
    format: Format,
) -> Result<(Vec<RenderedLetter>, String)> {
    let set = letter_set(store, slug, options).await?;
    let summary = set.summary();
    let files = set
        .letters
        .into_iter()
        .map(|l| {
            Ok(RenderedLetter {
                file_name: format!("{}.{}", l.file_stem, format.extension()),
                bytes: render(&l.document, format)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok((files, summary))
}
