//! Markdown (CommonMark with footnotes, as pandoc and most forges read it).
//! User text goes through [`escape`], which backslash-escapes every
//! character that could start markup, so a field can neither format the
//! document nor open a link, an HTML tag, a footnote or a citation.
//! A watermark (the team's draft) is a bold banner line at the top.

use crate::doc::{Block, Document, Inline};

/// Escapes text placed inside a line. `line_start` is true when the text
/// begins a line, where `#`, `-`, `+`, `=`, `:`, `%` and "1." also mean something.
pub fn escape(text: &str, line_start: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '{'
                | '}'
                | '['
                | ']'
                | '<'
                | '>'
                | '|'
                | '~'
                | '^'
                | '$'
                | '&'
                | '@'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    if line_start {
        let first = out.chars().next();
        if matches!(first, Some('-' | '+' | '=' | ':' | '%' | '#')) {
            out.insert(0, '\\');
        } else {
            // "1." or "1)" at the start of a line opens a list.
            let digits = out.chars().take_while(char::is_ascii_digit).count();
            if digits > 0 && matches!(out[digits..].chars().next(), Some('.' | ')')) {
                out.insert(digits, '\\');
            }
        }
    }
    out
}

fn inlines(items: &[Inline], line_start: bool) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        let start = line_start && i == 0;
        match item {
            Inline::Text { v } => out.push_str(&escape(v, start)),
            Inline::Strong { v } => {
                let trimmed = v.trim_end();
                out.push_str(&format!("**{}**", escape(trimmed, false)));
                out.push_str(&v[trimmed.len()..]);
            }
            Inline::Emph { v } => {
                let lead = &v[..v.len() - v.trim_start().len()];
                out.push_str(lead);
                out.push_str(&format!("*{}*", escape(v.trim(), false)));
            }
            Inline::Link { v, url } => {
                // The address is checked to be http(s) or mailto and holds no spaces.
                let url = url
                    .replace('(', "%28")
                    .replace(')', "%29")
                    .replace('<', "%3C")
                    .replace('>', "%3E");
                out.push_str(&format!("[{}](<{url}>)", escape(v, false)));
            }
            Inline::Note { n } => out.push_str(&format!("[^{n}]")),
        }
    }
    out
}

/// Ends the output so far with a blank line, unless it is empty or already does.
fn blank(out: &mut String) {
    if !out.is_empty() && !out.ends_with("\n\n") {
        out.push('\n');
    }
}

pub fn render(doc: &Document) -> Vec<u8> {
    let mut out = String::with_capacity(64 * 1024);
    if let Some(mark) = &doc.watermark {
        out.push_str(&format!("**{}**\n\n* * *\n", escape(mark, false)));
    }
    for block in &doc.blocks {
        blank(&mut out);
        match block {
            Block::TitlePage {
                label,
                title,
                subtitle,
                lines,
            } => {
                out.push_str(&format!("*{}*\n\n", escape(label, false)));
                out.push_str(&format!("# {}\n\n", escape(title, false)));
                out.push_str(&format!("**{}**\n\n", escape(subtitle, false)));
                for l in lines {
                    out.push_str(&format!("{}  \n", escape(l, true)));
                }
                out.push_str("\n* * *\n");
            }
            Block::Heading { level, text } => {
                // The title page holds the only level-1 heading.
                let hashes = "#".repeat(usize::from((*level).clamp(1, 5)) + 1);
                out.push_str(&format!("{hashes} {}\n", escape(text, false)));
            }
            Block::Para { inlines: items, .. } => {
                out.push_str(&inlines(items, true));
                out.push('\n');
            }
            Block::Quote { inlines: items } => {
                out.push_str(&format!("> {}\n", inlines(items, true)));
            }
            Block::List { numbered, items } => {
                for (i, item) in items.iter().enumerate() {
                    let marker = if *numbered {
                        format!("{}.", i + 1)
                    } else {
                        "-".to_owned()
                    };
                    out.push_str(&format!("{marker} {}\n", inlines(item, true)));
                }
            }
            Block::Table { header, rows, .. } => table(&mut out, header, rows),
            Block::Lines { lines } => {
                let rendered: Vec<String> = lines.iter().map(|l| inlines(l, true)).collect();
                out.push_str(&rendered.join("  \n"));
                out.push('\n');
            }
            Block::PageBreak => out.push_str("* * *\n"),
            Block::LetterStart { letterhead } => {
                if let Some((name, lines)) = letterhead.split_first() {
                    let mut rendered = vec![format!("**{}**", escape(name, false))];
                    rendered.extend(lines.iter().map(|l| escape(l, true)));
                    out.push_str(&rendered.join("  \n"));
                    out.push('\n');
                }
            }
        }
    }
    if !doc.notes.is_empty() {
        blank(&mut out);
        for (i, note) in doc.notes.iter().enumerate() {
            out.push_str(&format!(
                "[^{}]: {}\n",
                i + 1,
                inlines(&note.inlines, false)
            ));
        }
    }
    out.into_bytes()
}

/// A pipe table; an empty cell holds a space so the row keeps its shape.
fn table(out: &mut String, header: &[String], rows: &[Vec<Vec<Inline>>]) {
    let cell = |s: String| if s.is_empty() { " ".to_owned() } else { s };
    out.push_str(&format!(
        "| {} |\n",
        header
            .iter()
            .map(|h| cell(escape(h, false)))
            .collect::<Vec<_>>()
            .join(" | ")
    ));
    out.push_str(&format!("|{}\n", "---|".repeat(header.len())));
    for row in rows {
        out.push_str(&format!(
            "| {} |\n",
            row.iter()
                .map(|c| cell(inlines(c, false)))
                .collect::<Vec<_>>()
                .join(" | ")
        ));
    }
}
