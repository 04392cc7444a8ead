//! HTML: one self-contained page with a screen and a print stylesheet, notes
//! gathered at the end with links both ways. Every piece of user text goes
//! through [`escape`]; paragraphs take their direction from their own text
//! (`dir="auto"`), so right-to-left text reads correctly and cannot turn the
//! page around.
//!
//! A watermark (the team's draft) is a banner at the top of the page; in
//! print it is also in the top margin of every page (a page margin box) and
//! pale, across the middle of every page, behind the text.

use crate::doc::{Block, Document, Inline};

/// Escapes text for HTML element content and quoted attribute values
/// (`&`, `<`, `>`, `"` and `'`), the one escaping every user text here needs.
pub fn escape(text: &str) -> String {
    html_escape::encode_quoted_attribute(text).into_owned()
}

/// Text as the body of a double-quoted CSS string inside `<style>`: quotes,
/// backslashes, `<`, `>` and `&` as CSS escapes, control characters as
/// spaces, so the text can neither end the string nor the element.
fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' | '\\' | '<' | '>' | '&' => out.push_str(&format!("\\{:x} ", u32::from(c))),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "\
body{font-family:'Libertinus Serif','Georgia','Times New Roman',serif;line-height:1.5;max-width:44em;margin:2em auto;padding:0 1em;color:#111;overflow-wrap:anywhere}
h1,h2,h3{line-height:1.25;break-after:avoid}
h1{font-size:1.6em;margin-top:2em}h2{font-size:1.25em;margin-top:1.6em}h3{font-size:1.05em;margin-top:1.2em}
blockquote{margin:1em 2em;font-style:italic}
table{border-collapse:collapse;width:100%;margin:1em 0}
th,td{border:1px solid #999;padding:.3em .5em;text-align:start;vertical-align:top}
th{background:#eee}
.title-page{text-align:center;padding:6em 0 4em}
.title-page .label{text-transform:uppercase;letter-spacing:.15em;font-size:.9em}
.title-page h1{font-size:2.2em;margin:.5em 0}
.title-page .subtitle{font-size:1.4em;font-style:italic}
.lines p{margin:0}
.letterhead{text-align:end;font-size:.9em;margin-bottom:2em}.letterhead p{margin:0}.letterhead .sender{font-size:1.4em;font-weight:bold}
.lines{margin:1em 0}
sup a{text-decoration:none}
.notes{font-size:.9em;border-top:1px solid #999;margin-top:3em}
.page-break{border:0;border-top:1px dashed #bbb;margin:3em 0}
.watermark{margin:0 0 1em;padding:.4em .6em;border:2px solid #a00018;color:#a00018;font-weight:bold;text-align:center;letter-spacing:.05em}
.watermark-print{display:none}
@media print{
@page{size:A4;margin:2.2cm}
body{max-width:none;margin:0;padding:0;font-size:11pt}
.title-page{break-after:page}
.page-break{break-after:page;border:0;margin:0}
a{color:inherit;text-decoration:none}
.notes{break-before:page}
.watermark-print{display:block;position:fixed;top:45%;left:0;right:0;text-align:center;transform:rotate(-45deg);font-size:36pt;white-space:nowrap;font-weight:bold;color:rgba(160,0,24,.13);z-index:-1}
}
";

fn inlines(out: &mut String, items: &[Inline]) {
    for item in items {
        match item {
            Inline::Text { v } => out.push_str(&escape(v)),
            Inline::Strong { v } => {
                out.push_str("<strong>");
                out.push_str(&escape(v));
                out.push_str("</strong>");
            }
            Inline::Emph { v } => {
                out.push_str("<em>");
                out.push_str(&escape(v));
                out.push_str("</em>");
            }
            Inline::Link { v, url } => {
                out.push_str(&format!("<a href=\"{}\">{}</a>", escape(url), escape(v)));
            }
            Inline::Note { n } => {
                out.push_str(&format!(
                    "<sup id=\"ref-{n}\"><a href=\"#note-{n}\">{n}</a></sup>"
                ));
            }
        }
    }
}

pub fn render(doc: &Document) -> Vec<u8> {
    let mut out = String::with_capacity(64 * 1024);
    out.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n",
        escape(doc.language())
    ));
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!("<title>{}</title>\n", escape(&doc.title)));
    if let Some(author) = &doc.author {
        out.push_str(&format!(
            "<meta name=\"author\" content=\"{}\">\n",
            escape(author)
        ));
    }
    out.push_str("<style>\n");
    out.push_str(STYLE);
    out.push_str("</style>\n");
    if let Some(mark) = &doc.watermark {
        out.push_str(&format!(
            "<style>\n@page{{@top-center{{content:\"{}\";color:#a00018;font-weight:bold;font-size:9pt}}}}\n</style>\n",
            css_string(mark)
        ));
    }
    out.push_str("</head>\n<body>\n");
    if let Some(mark) = &doc.watermark {
        out.push_str(&format!(
            "<p class=\"watermark\" role=\"note\">{0}</p>\n<div class=\"watermark-print\" aria-hidden=\"true\">{0}</div>\n",
            escape(mark)
        ));
    }
    out.push_str("<main>\n");
    for b in &doc.blocks {
        block(&mut out, b);
    }
    out.push_str("</main>\n");
    notes(&mut out, doc);
    out.push_str("</body>\n</html>\n");
    out.into_bytes()
}

/// One block of the page.
fn block(out: &mut String, block: &Block) {
    match block {
        Block::TitlePage {
            label,
            title,
            subtitle,
            lines,
        } => {
            out.push_str("<header class=\"title-page\">\n");
            out.push_str(&format!("<p class=\"label\">{}</p>\n", escape(label)));
            out.push_str(&format!("<h1 dir=\"auto\">{}</h1>\n", escape(title)));
            out.push_str(&format!("<p class=\"subtitle\">{}</p>\n", escape(subtitle)));
            for l in lines {
                out.push_str(&format!("<p dir=\"auto\">{}</p>\n", escape(l)));
            }
            out.push_str("</header>\n");
        }
        Block::Heading { level, text } => {
            let l = (*level).clamp(1, 6);
            out.push_str(&format!("<h{l} dir=\"auto\">{}</h{l}>\n", escape(text)));
        }
        Block::Para { inlines: items, .. } => {
            out.push_str("<p dir=\"auto\">");
            inlines(out, items);
            out.push_str("</p>\n");
        }
        Block::Quote { inlines: items } => {
            out.push_str("<blockquote dir=\"auto\"><p>");
            inlines(out, items);
            out.push_str("</p></blockquote>\n");
        }
        Block::List { numbered, items } => {
            let tag = if *numbered { "ol" } else { "ul" };
            out.push_str(&format!("<{tag}>\n"));
            for item in items {
                out.push_str("<li dir=\"auto\">");
                inlines(out, item);
                out.push_str("</li>\n");
            }
            out.push_str(&format!("</{tag}>\n"));
        }
        Block::Table { header, rows, .. } => table(out, header, rows),
        Block::Lines { lines } => {
            out.push_str("<div class=\"lines\">\n");
            for l in lines {
                out.push_str("<p dir=\"auto\">");
                inlines(out, l);
                out.push_str("</p>\n");
            }
            out.push_str("</div>\n");
        }
        Block::PageBreak => out.push_str("<hr class=\"page-break\">\n"),
        Block::LetterStart { letterhead } => letterhead_html(out, letterhead),
    }
}

/// The sender's name and address at the head of a letter.
fn letterhead_html(out: &mut String, letterhead: &[String]) {
    let Some((name, lines)) = letterhead.split_first() else {
        return;
    };
    out.push_str("<header class=\"letterhead\">\n");
    out.push_str(&format!(
        "<p class=\"sender\" dir=\"auto\">{}</p>\n",
        escape(name)
    ));
    for l in lines {
        out.push_str(&format!("<p dir=\"auto\">{}</p>\n", escape(l)));
    }
    out.push_str("</header>\n");
}

fn table(out: &mut String, header: &[String], rows: &[Vec<Vec<Inline>>]) {
    out.push_str("<table>\n<thead><tr>");
    for h in header {
        out.push_str(&format!("<th scope=\"col\">{}</th>", escape(h)));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        out.push_str("<tr>");
        for cell in row {
            out.push_str("<td dir=\"auto\">");
            inlines(out, cell);
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

/// The notes section, each note linking back to where it is cited.
fn notes(out: &mut String, doc: &Document) {
    if doc.notes.is_empty() {
        return;
    }
    let lang = pledgewatch_core::lang::Lang::parse(doc.language()).unwrap_or_default();
    out.push_str(&format!(
        "<section class=\"notes\">\n<h2>{}</h2>\n<ol>\n",
        escape(&lang.t("memo-notes"))
    ));
    let back = escape(&lang.t("memo-back-to-text"));
    for (i, note) in doc.notes.iter().enumerate() {
        let n = i + 1;
        out.push_str(&format!("<li id=\"note-{n}\" dir=\"auto\">"));
        inlines(out, &note.inlines);
        out.push_str(&format!(
            " <a href=\"#ref-{n}\" aria-label=\"{back}\">↩</a></li>\n"
        ));
    }
    out.push_str("</ol>\n</section>\n");
}
