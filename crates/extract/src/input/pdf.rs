//! PDF: the characters `pdf-extract` finds on each page, with their
//! positions, gathered into lines; [`super::layout`] makes text of them.
//!
//! `pdf-extract` panics on some malformed files instead of returning an
//! error, so a page is read under `catch_unwind` and a panic is reported
//! as a broken file: one bad upload must not take a server thread down.

use std::panic::{AssertUnwindSafe, catch_unwind};

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use super::layout::{self, Line, Page};
use super::{DocumentFormat, InputError, PagedText};

/// Fewer visible characters than this per page, on average, and the PDF
/// is taken for a scan without a text layer.
const MIN_CHARS_PER_PAGE: usize = 20;

/// Collects one page's characters into lines.
#[derive(Default)]
struct LineCollector {
    height: f64,
    lines: Vec<Line>,
    /// Where the last character ended (x) on the current line.
    last_end: f64,
    last_y: f64,
}

impl LineCollector {
    fn push(&mut self, x: f64, y: f64, size: f64, width: f64, text: &str) {
        let same_line = self.lines.last().is_some()
            && (y - self.last_y).abs() <= size * 0.5
            && x >= self.last_end - size;
        if !same_line {
            self.lines.push(Line {
                text: String::new(),
                y,
                size,
                right: x,
            });
        } else if x > self.last_end + size * 0.1
            && let Some(line) = self.lines.last_mut()
            && !line.text.ends_with(' ')
            && !text.starts_with(' ')
        {
            line.text.push(' ');
        }
        if let Some(line) = self.lines.last_mut() {
            line.text.push_str(text);
            if size > line.size {
                line.size = size;
            }
            line.right = x + width * size;
        }
        self.last_y = y;
        self.last_end = x + width * size;
    }
}

impl OutputDev for LineCollector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.height = (media_box.ury - media_box.lly).abs();
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        // The text matrix's scale times the font size is the size on the
        // page; its translation is where the glyph stands (y from the top).
        let scale = (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let size = font_size * scale;
        let text: String = char.chars().filter(|c| !c.is_control()).collect();
        if !text.is_empty() {
            self.push(trm.m31, self.height - trm.m32, size, width, &text);
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

fn broken(detail: impl std::fmt::Display) -> InputError {
    InputError::Broken {
        format: DocumentFormat::Pdf,
        detail: detail.to_string(),
    }
}

/// Reads a PDF's text, page by page.
pub fn read(bytes: &[u8]) -> Result<PagedText, InputError> {
    let pages = catch_unwind(AssertUnwindSafe(|| read_pages(bytes)))
        .map_err(|_| broken("its structure could not be followed"))??;
    let visible: usize = pages
        .iter()
        .flat_map(|p| &p.lines)
        .map(|l| l.text.chars().filter(|c| !c.is_whitespace()).count())
        .sum();
    if pages.is_empty() {
        return Err(broken("it has no pages"));
    }
    if visible < MIN_CHARS_PER_PAGE * pages.len() {
        return Err(InputError::NoText { pages: pages.len() });
    }
    Ok(PagedText {
        format: DocumentFormat::Pdf,
        text: layout::text_of(&pages),
        pages: pages.len(),
    })
}

fn read_pages(bytes: &[u8]) -> Result<Vec<Page>, InputError> {
    let mut doc = pdf_extract::Document::load_mem(bytes).map_err(|e| match e {
        pdf_extract::Error::Decryption(_) => InputError::Encrypted,
        other => broken(other),
    })?;
    if doc.is_encrypted() {
        // Many PDFs are encrypted only to set permissions, with an empty
        // password; those open.
        doc.decrypt("").map_err(|_| InputError::Encrypted)?;
    }
    let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
    let mut pages = Vec::with_capacity(numbers.len());
    for n in numbers {
        let mut collector = LineCollector::default();
        pdf_extract::output_doc_page(&doc, &mut collector, n)
            .map_err(|e| broken(format!("page {n}: {e:?}")))?;
        pages.push(Page {
            height: collector.height,
            lines: collector.lines,
        });
    }
    Ok(pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_only_starts_like_a_pdf_is_broken() {
        let e = read(b"%PDF-1.7\nthis is not a PDF").unwrap_err();
        assert!(matches!(e, InputError::Broken { .. }), "{e:?}");
        assert!(e.to_string().contains("not a readable PDF"));
    }

    #[test]
    fn characters_on_one_baseline_make_one_line_with_spaces_at_gaps() {
        let mut c = LineCollector::default();
        for (i, ch) in "We".chars().enumerate() {
            c.push(100.0 + i as f64 * 5.0, 50.0, 10.0, 0.5, &ch.to_string());
        }
        c.push(115.0, 50.0, 10.0, 0.5, "w");
        c.push(100.0, 62.0, 10.0, 0.5, "x");
        let texts: Vec<&str> = c.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["We w", "x"]);
    }
}
