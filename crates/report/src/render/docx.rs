//! DOCX, with docx-rs: real Word headings (so the navigation pane and a
//! table of contents work), tables, bulleted and numbered lists, and
//! footnotes with superscript numbers. User text only ever enters as the
//! text of a run, which docx-rs escapes for XML. A watermark (the team's
//! draft) is the page header, so Word repeats it on every page, and the
//! first line of the body.

use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, Docx, FieldCharType, Footer, Footnote, Header,
    IndentLevel, InstrPAGE, InstrText, Level, LevelJc, LevelText, LineSpacing, NumberFormat,
    Numbering, NumberingId, PageNumType, Paragraph, Run, RunFonts, Shading, SpecialIndentType,
    Start, Style, StyleType, Table, TableCell, TableRow, VertAlignType, WidthType,
};

use crate::doc::{Block, Document, Inline};
use crate::error::{Error, Result};
use crate::text::PLACEHOLDER;

const FONT: &str = "Times New Roman";
// docx-rs already defines numbering 1; ours come after it.
const BULLETS: usize = 10;
const NUMBERS: usize = 11;
/// The watermark's colour: a dark red that prints legibly in grey.
const MARK_COLOUR: &str = "A00018";

fn fail(message: impl std::fmt::Display) -> Error {
    Error::Render {
        format: "DOCX",
        message: message.to_string(),
    }
}

fn styles(docx: Docx) -> Docx {
    let heading = |id: &str, name: &str, size: usize, level: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .size(size)
            .bold()
            .outline_lvl(level)
            .line_spacing(
                LineSpacing::new()
                    .before(240 + 120 * (2 - level.min(2)) as u32)
                    .after(120),
            )
    };
    let mut footnote_reference =
        Style::new("FootnoteReference", StyleType::Character).name("footnote reference");
    footnote_reference.run_property = footnote_reference
        .run_property
        .vert_align(VertAlignType::SuperScript);
    docx.add_style(
        Style::new("Normal", StyleType::Paragraph)
            .name("Normal")
            .fonts(RunFonts::new().ascii(FONT).hi_ansi(FONT).cs(FONT))
            .size(22)
            .line_spacing(LineSpacing::new().after(120)),
    )
    .add_style(heading("Heading1", "heading 1", 32, 0))
    .add_style(heading("Heading2", "heading 2", 27, 1))
    .add_style(heading("Heading3", "heading 3", 23, 2))
    .add_style(
        Style::new("Title", StyleType::Paragraph)
            .name("Title")
            .based_on("Normal")
            .size(48)
            .bold()
            .align(AlignmentType::Center),
    )
    .add_style(
        Style::new("Subtitle", StyleType::Paragraph)
            .name("Subtitle")
            .based_on("Normal")
            .size(32)
            .italic()
            .align(AlignmentType::Center),
    )
    .add_style(
        Style::new("Quote", StyleType::Paragraph)
            .name("Quote")
            .based_on("Normal")
            .italic()
            .indent(Some(720), None, Some(720), None),
    )
    .add_style(
        Style::new("FootnoteText", StyleType::Paragraph)
            .name("footnote text")
            .based_on("Normal")
            .size(18)
            .line_spacing(LineSpacing::new().after(0)),
    )
    .add_style(footnote_reference)
}

fn numbering(docx: Docx) -> Docx {
    let level = |format: &str, text: &str| {
        Level::new(
            0,
            Start::new(1),
            NumberFormat::new(format),
            LevelText::new(text),
            LevelJc::new("left"),
        )
        .indent(Some(720), Some(SpecialIndentType::Hanging(360)), None, None)
    };
    docx.add_abstract_numbering(AbstractNumbering::new(BULLETS).add_level(level("bullet", "•")))
        .add_numbering(Numbering::new(BULLETS, BULLETS))
        .add_abstract_numbering(AbstractNumbering::new(NUMBERS).add_level(level("decimal", "%1.")))
        .add_numbering(Numbering::new(NUMBERS, NUMBERS))
}

fn runs(mut p: Paragraph, items: &[Inline], doc: &Document) -> Paragraph {
    for item in items {
        p = match item {
            Inline::Text { v } => p.add_run(Run::new().add_text(v)),
            Inline::Strong { v } => p.add_run(Run::new().add_text(v).bold()),
            Inline::Emph { v } => p.add_run(Run::new().add_text(v).italic()),
            // Addresses are shown in full, so the text says where to look
            // even on paper.
            Inline::Link { v, .. } => p.add_run(Run::new().add_text(v)),
            Inline::Note { n } => {
                let content = doc
                    .notes
                    .get(n - 1)
                    .map(|note| note.inlines.as_slice())
                    .unwrap_or(&[]);
                // The placeholder run becomes Word's own footnote number mark.
                let body = Paragraph::new()
                    .style("FootnoteText")
                    .add_run(
                        Run::new()
                            .style("FootnoteReference")
                            .add_text(PLACEHOLDER.to_string()),
                    )
                    .add_run(Run::new().add_text(" "));
                let body = runs(body, content, doc);
                let footnote = Footnote {
                    id: *n,
                    content: vec![body],
                };
                p.add_run(
                    Run::new()
                        .style("FootnoteReference")
                        .add_footnote_reference(footnote),
                )
            }
        };
    }
    p
}

/// Replaces each placeholder text element in the footnotes part with
/// `<w:footnoteRef/>`, which docx-rs has no builder for.
fn footnote_marks(xml: Vec<u8>) -> Result<Vec<u8>> {
    let text = String::from_utf8(xml).map_err(fail)?;
    let placeholder = PLACEHOLDER.to_string();
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find(&placeholder) {
        let open = rest[..at]
            .rfind("<w:t")
            .ok_or_else(|| fail("footnote mark without a text element"))?;
        let close_rel = rest[at..]
            .find("</w:t>")
            .ok_or_else(|| fail("footnote mark not closed"))?;
        out.push_str(&rest[..open]);
        out.push_str("<w:footnoteRef />");
        rest = &rest[at + close_rel + "</w:t>".len()..];
    }
    out.push_str(rest);
    Ok(out.into_bytes())
}

pub fn render(doc: &Document) -> Result<Vec<u8>> {
    let mut docx = numbering(styles(Docx::new()))
        .page_size(11906, 16838)
        .page_margin(
            docx_rs::PageMargin::new()
                .top(1418)
                .bottom(1418)
                .left(1418)
                .right(1418),
        );
    if let Some(mark) = &doc.watermark {
        docx = watermark(docx, mark);
    }
    let letters = has_letters(doc);
    if letters {
        docx = letter_numbering(docx, doc.watermark.as_deref());
    }
    for (i, block) in doc.blocks.iter().enumerate() {
        match block {
            Block::TitlePage {
                label,
                title,
                subtitle,
                lines,
            } => docx = title_page(docx, label, title, subtitle, lines),
            Block::Heading { level, text } => {
                let style = format!("Heading{}", (*level).clamp(1, 3));
                docx = docx.add_paragraph(
                    Paragraph::new()
                        .style(&style)
                        .keep_next(true)
                        .add_run(Run::new().add_text(text)),
                );
            }
            Block::Para { inlines, .. } => {
                docx = docx.add_paragraph(runs(Paragraph::new(), inlines, doc));
            }
            Block::Quote { inlines } => {
                docx = docx.add_paragraph(runs(Paragraph::new().style("Quote"), inlines, doc));
            }
            Block::List { numbered, items } => {
                let id = if *numbered { NUMBERS } else { BULLETS };
                for item in items {
                    let p = Paragraph::new().numbering(NumberingId::new(id), IndentLevel::new(0));
                    docx = docx.add_paragraph(runs(p, item, doc));
                }
            }
            Block::Table {
                widths,
                header,
                rows,
            } => {
                docx = docx.add_table(table(widths, header, rows, doc));
                docx = docx.add_paragraph(Paragraph::new());
            }
            Block::Lines { lines } => {
                let mut p = Paragraph::new().keep_lines(true);
                for (i, l) in lines.iter().enumerate() {
                    if i > 0 {
                        p = p.add_run(Run::new().add_break(BreakType::TextWrapping));
                    }
                    p = runs(p, l, doc);
                }
                docx = docx.add_paragraph(p);
            }
            // Between letters, a section break: each letter is numbered on its own.
            Block::PageBreak
                if matches!(doc.blocks.get(i + 1), Some(Block::LetterStart { .. })) =>
            {
                docx = docx.add_paragraph(Paragraph::new().style(LETTER_END));
            }
            Block::PageBreak => {
                docx = docx
                    .add_paragraph(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)));
            }
            Block::LetterStart { letterhead } => docx = letterhead_docx(docx, letterhead),
        }
    }
    pack(docx, letters)
}

/// Whether the document holds letters (numbered each on its own).
fn has_letters(doc: &Document) -> bool {
    doc.blocks
        .iter()
        .any(|b| matches!(b, Block::LetterStart { .. }))
}

/// Builds the parts, finishes what docx-rs has no builder for, and zips them.
fn pack(docx: Docx, letters: bool) -> Result<Vec<u8>> {
    let mut xml = docx.build();
    xml.footnotes = footnote_marks(std::mem::take(&mut xml.footnotes))?;
    if letters {
        xml.document = letter_sections(std::mem::take(&mut xml.document))?;
    }
    let mut out = std::io::Cursor::new(Vec::new());
    xml.pack(&mut out).map_err(fail)?;
    Ok(out.into_inner())
}

/// The watermark as the header of every page (the section has no separate
/// first-page header, so the title page carries it too) and as the body's
/// first line.
fn watermark(docx: Docx, mark: &str) -> Docx {
    let line = || {
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(Run::new().add_text(mark).bold().color(MARK_COLOUR).size(20))
    };
    docx.header(Header::new().add_paragraph(line()))
        .add_paragraph(line())
}

/// The title page: label, title and subtitle, the lines below them, then a
/// page break.
fn title_page(docx: Docx, label: &str, title: &str, subtitle: &str, lines: &[String]) -> Docx {
    let mut docx = docx
        .add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Center)
                .line_spacing(LineSpacing::new().before(2400).after(240))
                .add_run(Run::new().add_text(label.to_uppercase()).size(20)),
        )
        .add_paragraph(
            Paragraph::new()
                .style("Title")
                .add_run(Run::new().add_text(title)),
        )
        .add_paragraph(
            Paragraph::new()
                .style("Subtitle")
                .add_run(Run::new().add_text(subtitle)),
        );
    for (i, l) in lines.iter().enumerate() {
        let mut p = Paragraph::new().align(AlignmentType::Center);
        if i == 0 {
            p = p.line_spacing(LineSpacing::new().before(1200));
        }
        docx = docx.add_paragraph(p.add_run(Run::new().add_text(l)));
    }
    docx.add_paragraph(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)))
}

/// The style name of the paragraph that marks the end of a letter followed
/// by another; replaced by a section break after building (no user text can
/// name a style).
const LETTER_END: &str = "PledgewatchLetterEnd";

/// Letters are numbered on their own, from 1, and the first page of each
/// carries no number (so a one-page letter has none): a footer with the
/// page number, an empty one for first pages (whose header repeats the
/// watermark, if any).
fn letter_numbering(docx: Docx, mark: Option<&str>) -> Docx {
    let docx = match mark {
        Some(mark) => docx.first_header(
            Header::new().add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Center)
                    .add_run(Run::new().add_text(mark).bold().color(MARK_COLOUR).size(20)),
            ),
        ),
        None => docx,
    };
    let number = Paragraph::new().align(AlignmentType::Center).add_run(
        Run::new()
            .size(18)
            .add_field_char(FieldCharType::Begin, false)
            .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
            .add_field_char(FieldCharType::Separate, false)
            .add_text("2")
            .add_field_char(FieldCharType::End, false),
    );
    docx.footer(Footer::new().add_paragraph(number))
        .first_footer(Footer::new().add_paragraph(Paragraph::new()))
        .title_pg()
        .page_num_type(PageNumType::new().start(1))
}

/// Replaces each letter-end paragraph with a paragraph that ends a section
/// set up as the document's own (same page, footers, numbering from 1).
fn letter_sections(xml: Vec<u8>) -> Result<Vec<u8>> {
    let text = String::from_utf8(xml).map_err(fail)?;
    let start = text
        .rfind("<w:sectPr")
        .ok_or_else(|| fail("the document has no section properties"))?;
    let end = text[start..]
        .find("</w:sectPr>")
        .map(|e| start + e + "</w:sectPr>".len())
        .ok_or_else(|| fail("section properties not closed"))?;
    let section_end = format!("<w:p><w:pPr>{}</w:pPr></w:p>", &text[start..end]);
    let marker = format!("w:val=\"{LETTER_END}\"");
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find(&marker) {
        let open = rest[..at]
            .rfind("<w:p>")
            .or_else(|| rest[..at].rfind("<w:p "))
            .ok_or_else(|| fail("letter end outside a paragraph"))?;
        let close = rest[at..]
            .find("</w:p>")
            .ok_or_else(|| fail("letter end paragraph not closed"))?;
        out.push_str(&rest[..open]);
        out.push_str(&section_end);
        rest = &rest[at + close + "</w:p>".len()..];
    }
    out.push_str(rest);
    Ok(out.into_bytes())
}

/// The sender's name and address at the head of a letter, set right.
fn letterhead_docx(docx: Docx, letterhead: &[String]) -> Docx {
    let Some((name, lines)) = letterhead.split_first() else {
        return docx;
    };
    let mut p = Paragraph::new()
        .align(AlignmentType::Right)
        .line_spacing(LineSpacing::new().after(480))
        .keep_lines(true)
        .add_run(Run::new().add_text(name).bold().size(28));
    for l in lines {
        p = p
            .add_run(Run::new().add_break(BreakType::TextWrapping))
            .add_run(Run::new().add_text(l).size(18));
    }
    docx.add_paragraph(p)
}

/// A table with a shaded header row, its columns sized by their relative
/// widths.
fn table(widths: &[u8], header: &[String], rows: &[Vec<Vec<Inline>>], doc: &Document) -> Table {
    // A4 less the margins is 9070 twentieths of a point.
    let total: usize = widths
        .iter()
        .map(|w| usize::from(*w).max(1))
        .sum::<usize>()
        .max(1);
    let width = |i: usize| 9070 * usize::from(widths.get(i).copied().unwrap_or(1)).max(1) / total;
    let head = TableRow::new(
        header
            .iter()
            .enumerate()
            .map(|(i, h)| {
                TableCell::new()
                    .width(width(i), WidthType::Dxa)
                    .shading(Shading::new().fill("E7E7E7"))
                    .add_paragraph(Paragraph::new().add_run(Run::new().add_text(h).bold()))
            })
            .collect(),
    );
    let mut table_rows = vec![head];
    for row in rows {
        table_rows.push(TableRow::new(
            row.iter()
                .enumerate()
                .map(|(i, cell)| {
                    TableCell::new()
                        .width(width(i), WidthType::Dxa)
                        .add_paragraph(runs(Paragraph::new(), cell, doc))
                })
                .collect(),
        ));
    }
    Table::new(table_rows).set_grid((0..header.len()).map(width).collect())
}
