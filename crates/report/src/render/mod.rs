//! The four formats a document is written in.

pub mod docx;
pub mod html;
pub mod markdown;
pub mod pdf;

use crate::doc::Document;
use crate::error::Result;

/// A document format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Html,
    Markdown,
    Docx,
    Pdf,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Html, Format::Markdown, Format::Docx, Format::Pdf];

    /// The file name extension, which is also the name on the command line.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Markdown => "md",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }

    /// The media type, for downloads.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Html => "text/html; charset=utf-8",
            Format::Markdown => "text/markdown; charset=utf-8",
            Format::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            Format::Pdf => "application/pdf",
        }
    }

    /// Parses "html", "md" (or "markdown"), "docx" or "pdf".
    pub fn parse(text: &str) -> Option<Format> {
        match text.trim().to_ascii_lowercase().as_str() {
            "html" | "htm" => Some(Format::Html),
            "md" | "markdown" => Some(Format::Markdown),
            "docx" => Some(Format::Docx),
            "pdf" => Some(Format::Pdf),
            _ => None,
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.extension())
    }
}

/// Writes a document in a format, with typographic punctuation in its
/// visible text ([`Document::typeset`]).
pub fn render(doc: &Document, format: Format) -> Result<Vec<u8>> {
    let doc = &doc.typeset();
    match format {
        Format::Html => Ok(html::render(doc)),
        Format::Markdown => Ok(markdown::render(doc)),
        Format::Docx => docx::render(doc),
        Format::Pdf => pdf::render(doc),
    }
}
