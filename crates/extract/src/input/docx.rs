//! Word (DOCX): the paragraphs of `word/document.xml`, in order, with the
//! numbers of numbered lists written out as Word shows them ("1.", "(a)",
//! "•") and the page breaks kept.
//!
//! A DOCX file does not store its pages; Word records where it last broke
//! them (`w:lastRenderedPageBreak`), and those are used when present.
//! Otherwise the pages are the ones the author forced (page breaks, "page
//! break before"). Headers, footers and footnotes are separate parts of the
//! file and are not read, so nothing running is left to remove.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use roxmltree::{Document, Node};

use super::{DocumentFormat, InputError, PAGE_BREAK, PagedText};

/// The largest XML part read, unpacked: a small zip can unpack to far more.
const MAX_PART: u64 = 64 * 1024 * 1024;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn broken(detail: impl std::fmt::Display) -> InputError {
    InputError::Broken {
        format: DocumentFormat::Docx,
        detail: detail.to_string(),
    }
}

/// Whether the bytes are a zip archive holding a Word document.
pub fn is_word_document(bytes: &[u8]) -> bool {
    zip::ZipArchive::new(Cursor::new(bytes))
        .is_ok_and(|mut z| z.by_name("word/document.xml").is_ok())
}

/// One part of the archive as text, if it is there.
fn part(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, InputError> {
    let file = match archive.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(broken(e)),
    };
    let mut text = String::new();
    file.take(MAX_PART + 1)
        .read_to_string(&mut text)
        .map_err(|e| broken(format!("{name}: {e}")))?;
    if text.len() as u64 > MAX_PART {
        return Err(InputError::TooLarge {
            format: DocumentFormat::Docx,
        });
    }
    Ok(Some(text))
}

/// Reads a DOCX file's text.
pub fn read(bytes: &[u8]) -> Result<PagedText, InputError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(broken)?;
    let body = part(&mut archive, "word/document.xml")?
        .ok_or_else(|| broken("it has no word/document.xml"))?;
    let numbering = part(&mut archive, "word/numbering.xml")?;
    let xml = Document::parse(&body).map_err(|e| broken(format!("word/document.xml: {e}")))?;
    let numbering = match &numbering {
        Some(text) => Numbering::parse(
            &Document::parse(text).map_err(|e| broken(format!("word/numbering.xml: {e}")))?,
        ),
        None => Numbering::default(),
    };
    let (text, pages) = paragraphs(&xml, numbering);
    Ok(PagedText {
        format: DocumentFormat::Docx,
        text,
        pages,
    })
}

fn is(node: &Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(W)
}

fn attr<'a>(node: &Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attribute((W, name))
}

/// The document's paragraphs as text, and its number of pages.
fn paragraphs(xml: &Document, mut numbering: Numbering) -> (String, usize) {
    let rendered = xml.descendants().any(|n| is(&n, "lastRenderedPageBreak"));
    let mut out = String::new();
    let mut current = String::new();
    let mut pages = 1;
    let flush = |out: &mut String, current: &mut String| {
        let t = current.trim();
        if !t.is_empty() {
            if !out.is_empty() && !out.ends_with('\n') && !out.ends_with(PAGE_BREAK) {
                out.push_str("\n\n");
            }
            out.push_str(t);
        }
        current.clear();
    };
    let page_break = |out: &mut String, current: &mut String, pages: &mut usize| {
        *pages += 1;
        if current.trim().is_empty() {
            out.push_str("\n\n");
            out.push(PAGE_BREAK);
            out.push_str("\n\n");
        } else {
            current.push(PAGE_BREAK);
        }
    };
    for node in xml.descendants() {
        if breaks_page(&node, rendered) {
            page_break(&mut out, &mut current, &mut pages);
        } else if is(&node, "p") {
            flush(&mut out, &mut current);
            if let Some(label) = numbering.label_for(&node) {
                current.push_str(&label);
                current.push(' ');
            }
        } else if is(&node, "t") {
            current.push_str(node.text().unwrap_or(""));
        } else if (is(&node, "tab") && node.parent().is_some_and(|p| is(&p, "r")))
            || (is(&node, "br") && attr(&node, "type") != Some("page"))
        {
            current.push(' ');
        }
    }
    flush(&mut out, &mut current);
    // Breaks before anything was written, or after the last word, are no pages.
    let text = out.trim_matches(|c: char| c == PAGE_BREAK || c.is_whitespace());
    let pages = pages.min(text.matches(PAGE_BREAK).count() + 1);
    (text.to_owned(), pages)
}

/// Whether `node` ends a page: where Word last broke the pages, when the
/// document records it (`rendered`), else where the author forced a break.
fn breaks_page(node: &Node, rendered: bool) -> bool {
    if rendered {
        return is(node, "lastRenderedPageBreak");
    }
    (is(node, "br") && attr(node, "type") == Some("page"))
        || (is(node, "pageBreakBefore")
            && attr(node, "val").is_none_or(|v| v != "0" && v != "false"))
}

/// One level of a numbered list: its format and how its label is written.
#[derive(Debug, Clone)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

/// The numbered lists of `word/numbering.xml`, and the counters of the
/// items met so far.
#[derive(Debug, Default)]
struct Numbering {
    /// numId -> the levels of its abstract list.
    lists: HashMap<String, Vec<Level>>,
    counters: HashMap<String, Vec<u32>>,
}

impl Numbering {
    fn parse(xml: &Document) -> Self {
        let root = xml.root_element();
        let mut abstracts: HashMap<String, Vec<Level>> = HashMap::new();
        for a in root.children().filter(|n| is(n, "abstractNum")) {
            let Some(id) = attr(&a, "abstractNumId") else {
                continue;
            };
            let mut levels = Vec::new();
            for l in a.children().filter(|n| is(n, "lvl")) {
                let child_val = |name: &str| {
                    l.children()
                        .find(|n| is(n, name))
                        .and_then(|n| attr(&n, "val"))
                        .map(str::to_owned)
                };
                levels.push(Level {
                    format: child_val("numFmt").unwrap_or_else(|| "decimal".into()),
                    text: child_val("lvlText").unwrap_or_default(),
                    start: child_val("start").and_then(|s| s.parse().ok()).unwrap_or(1),
                });
            }
            abstracts.insert(id.to_owned(), levels);
        }
        let mut lists = HashMap::new();
        for n in root.children().filter(|n| is(n, "num")) {
            let abstract_id = n
                .children()
                .find(|c| is(c, "abstractNumId"))
                .and_then(|c| attr(&c, "val"));
            if let (Some(id), Some(levels)) = (
                attr(&n, "numId"),
                abstract_id.and_then(|a| abstracts.get(a)),
            ) {
                lists.insert(id.to_owned(), levels.clone());
            }
        }
        Numbering {
            lists,
            counters: HashMap::new(),
        }
    }

    /// The label of paragraph `p` if it is an item of a numbered or
    /// bulleted list ("3.", "(b)", "•"), counting it.
    fn label_for(&mut self, p: &Node) -> Option<String> {
        let props = p.children().find(|n| is(n, "pPr"))?;
        let num = props.children().find(|n| is(n, "numPr"))?;
        let val = |name: &str| {
            num.children()
                .find(|n| is(n, name))
                .and_then(|n| attr(&n, "val"))
        };
        let id = val("numId")?;
        let level: usize = val("ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
        let levels = self.lists.get(id)?;
        let counters = self.counters.entry(id.to_owned()).or_default();
        counters.resize(levels.len().max(level + 1), 0);
        counters[level] += 1;
        for deeper in counters.iter_mut().skip(level + 1) {
            *deeper = 0;
        }
        let def = levels.get(level)?;
        if def.format == "bullet" {
            return Some("•".to_owned());
        }
        let mut label = def.text.clone();
        for (k, l) in levels.iter().enumerate().take(level + 1) {
            let n = counters[k].max(1) + l.start - 1;
            label = label.replace(&format!("%{}", k + 1), &number(n, &l.format));
        }
        (!label.trim().is_empty()).then_some(label)
    }
}

/// `n` written in a list format of Word.
fn number(n: u32, format: &str) -> String {
    match format {
        "lowerLetter" => letters(n),
        "upperLetter" => letters(n).to_uppercase(),
        "lowerRoman" => roman(n),
        "upperRoman" => roman(n).to_uppercase(),
        _ => n.to_string(),
    }
}

fn letters(n: u32) -> String {
    let n = n.max(1) - 1;
    let letter = char::from(b'a' + (n % 26) as u8);
    std::iter::repeat_n(letter, (n / 26) as usize + 1).collect()
}

fn roman(mut n: u32) -> String {
    const NUMERALS: [(u32, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (value, numeral) in NUMERALS {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(inner: &str) -> String {
        format!(r#"<w:document xmlns:w="{W}"><w:body>{inner}</w:body></w:document>"#)
    }

    fn text_of(inner: &str, numbering: Option<&str>) -> (String, usize) {
        let xml = body(inner);
        let doc = Document::parse(&xml).unwrap();
        let numbering = numbering
            .map(|n| {
                let wrapped = format!(r#"<w:numbering xmlns:w="{W}">{n}</w:numbering>"#);
                Numbering::parse(&Document::parse(&wrapped).unwrap())
            })
            .unwrap_or_default();
        paragraphs(&doc, numbering)
    }

    #[test]
    fn paragraphs_runs_and_page_breaks_become_text_and_pages() {
        let (text, pages) = text_of(
            r#"<w:p><w:r><w:t>We will </w:t></w:r><w:r><w:t>act.</w:t></w:r></w:p>
               <w:p><w:r><w:br w:type="page"/></w:r></w:p>
               <w:p><w:r><w:t>Next</w:t><w:tab/><w:t>page.</w:t></w:r></w:p>
               <w:p><w:r><w:delText>gone</w:delText></w:r></w:p>"#,
            None,
        );
        assert_eq!(text, "We will act.\n\n\u{c}\n\nNext page.");
        assert_eq!(pages, 2);
    }

    #[test]
    fn rendered_page_breaks_win_over_forced_ones() {
        let (text, pages) = text_of(
            r#"<w:p><w:r><w:t>One </w:t></w:r><w:r><w:lastRenderedPageBreak/><w:t>two.</w:t></w:r></w:p>
               <w:p><w:pPr><w:pageBreakBefore/></w:pPr><w:r><w:t>Three.</w:t></w:r></w:p>"#,
            None,
        );
        assert_eq!(text, "One \u{c}two.\n\nThree.");
        assert_eq!(pages, 2);
    }

    #[test]
    fn numbered_list_items_get_their_labels() {
        let numbering = r#"
            <w:abstractNum w:abstractNumId="0">
              <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
              <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>
            </w:abstractNum>
            <w:num w:numId="7"><w:abstractNumId w:val="0"/></w:num>"#;
        let item = |level: u8, t: &str| {
            format!(
                r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="7"/></w:numPr></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>"#
            )
        };
        let inner = [
            item(0, "To ratify;"),
            item(1, "first;"),
            item(1, "second;"),
            item(0, "To amend."),
            item(1, "again."),
        ]
        .concat();
        let (text, _) = text_of(&inner, Some(numbering));
        assert_eq!(
            text,
            "1. To ratify;\n\n(a) first;\n\n(b) second;\n\n2. To amend.\n\n(a) again."
        );
    }

    #[test]
    fn list_numbers_in_other_formats() {
        assert_eq!(number(4, "lowerRoman"), "iv");
        assert_eq!(number(28, "upperLetter"), "BB");
        assert_eq!(number(12, "decimal"), "12");
    }

    #[test]
    fn a_zip_without_a_word_document_is_not_read_as_one() {
        assert!(!is_word_document(b"PK\x03\x04 not really a zip"));
        let e = read(b"PK\x03\x04 not really a zip").unwrap_err();
        assert!(e.to_string().contains("not a readable Word (DOCX)"), "{e}");
    }
}
