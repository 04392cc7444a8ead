//! Documents that are not text: PDF and Word (DOCX) files turned into the
//! plain text the extractor reads, with their pages kept.
//!
//! The text holds one paragraph per line, paragraphs separated by a blank
//! line, list items on lines of their own, and a form feed (`\u{c}`, as
//! `pdftotext` writes it) where a page ends. Because the pages travel inside
//! the text, a quote's page can be found again from any copy of the text (a
//! saved source included) with [`locator`]: "p. 12, para. 63", the paragraph
//! being the numbered paragraph of a UN document the quote falls in.
//!
//! PDF text comes from `pdf-extract` (on `lopdf`), with the running headers
//! and footers and the hyphenation at line ends removed here ([`layout`]);
//! DOCX text from the document's XML, read with `zip` and `roxmltree`
//! ([`docx`]). Why these crates: docs/decisions/0029-pdf-and-docx-input.md.

pub mod docx;
pub mod layout;
pub mod pdf;

use std::fmt;

/// The page separator, and where a quote stands in a paged text: "p. 12,
/// para. 63" (in the core, which locates accepted quotes the same way).
pub use pledgewatch_core::drafting::{PAGE_BREAK, locator};

/// A file format this module reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentFormat {
    Pdf,
    Docx,
}

impl DocumentFormat {
    /// The format of a file, from its first bytes (not its name): `%PDF-`
    /// for PDF, a zip archive holding `word/document.xml` for DOCX.
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        let head = &bytes[..bytes.len().min(1024)];
        if head.windows(5).any(|w| w == b"%PDF-") {
            return Some(DocumentFormat::Pdf);
        }
        if bytes.starts_with(b"PK\x03\x04") && docx::is_word_document(bytes) {
            return Some(DocumentFormat::Docx);
        }
        None
    }

    /// The media type a file of this format is stored under.
    pub fn media_type(self) -> &'static str {
        match self {
            DocumentFormat::Pdf => "application/pdf",
            DocumentFormat::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            DocumentFormat::Pdf => "PDF",
            DocumentFormat::Docx => "Word (DOCX)",
        }
    }
}

/// Why a file could not be read. The message says what is wrong with the
/// file and what to do, for a person who chose it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    /// Not a readable file of its format (damaged, truncated, not really one).
    Broken {
        format: DocumentFormat,
        detail: String,
    },
    /// A PDF that needs a password.
    Encrypted,
    /// A PDF whose pages hold no text: a scan, or pictures of text.
    NoText { pages: usize },
    /// Larger than the reader accepts once unpacked.
    TooLarge { format: DocumentFormat },
    /// Neither PDF, Word nor text (binary data, a zip archive, an empty
    /// file): the message says which.
    NotText(String),
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Broken { format, detail } => write!(
                f,
                "the file is not a readable {} document ({detail})",
                format.name()
            ),
            InputError::Encrypted => write!(
                f,
                "the PDF is protected by a password: save a copy without the password and try again"
            ),
            InputError::NoText { pages } => write!(
                f,
                "the PDF's {pages} page(s) hold no text (a scanned document?): run it through text recognition (OCR) first, or paste its text"
            ),
            InputError::TooLarge { format } => write!(
                f,
                "the {} document is too large once unpacked",
                format.name()
            ),
            InputError::NotText(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for InputError {}

/// A PDF or DOCX file as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PagedText {
    pub format: DocumentFormat,
    /// The text (see the module's documentation for its shape).
    pub text: String,
    /// How many pages the file has (1 for a DOCX without page breaks).
    pub pages: usize,
}

/// Reads a PDF or DOCX file; `None` when the bytes are neither.
pub fn read(bytes: &[u8]) -> Option<Result<PagedText, InputError>> {
    let format = DocumentFormat::sniff(bytes)?;
    Some(match format {
        DocumentFormat::Pdf => pdf::read(bytes),
        DocumentFormat::Docx => docx::read(bytes),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_known_by_their_bytes_not_their_names() {
        assert_eq!(
            DocumentFormat::sniff(b"%PDF-1.7\n..."),
            Some(DocumentFormat::Pdf)
        );
        assert_eq!(DocumentFormat::sniff(b"We will amend the law."), None);
        // A zip that is not a Word document is not one.
        assert_eq!(DocumentFormat::sniff(b"PK\x03\x04garbage"), None);
        assert!(read(b"plain text").is_none());
    }

    #[test]
    fn errors_say_what_is_wrong_and_what_to_do() {
        assert!(InputError::Encrypted.to_string().contains("password"));
        assert!(
            InputError::NoText { pages: 3 }
                .to_string()
                .contains("scanned")
        );
        let broken = InputError::Broken {
            format: DocumentFormat::Pdf,
            detail: "no trailer".into(),
        };
        assert!(broken.to_string().contains("not a readable PDF"));
    }
}
