//! The format-neutral document that the memorandum and the letter are built
//! as, and that each renderer (HTML, Markdown, DOCX, PDF) turns into bytes.
//!
//! Every string in it is user data, cleaned by [`crate::text::clean`] when it
//! was put in; renderers escape it for their format and never read it as
//! markup. Notes are numbered in the order they are referred to, which is
//! reading order, so note numbers agree across formats.

use serde::Serialize;

#[derive(Debug, Clone, Default, Serialize)]
pub struct Document {
    /// The document's title, for metadata (HTML `<title>`, PDF and DOCX properties).
    pub title: String,
    /// A mark the renderers put on every page (or, in formats without
    /// pages, at the top): the team's draft carries one, the public's
    /// version none.
    pub watermark: Option<String>,
    pub blocks: Vec<Block>,
    /// Footnotes, numbered from 1 in the order [`Inline::Note`] refers to them.
    pub notes: Vec<Note>,
}

/// What a paragraph says, so that tests can check the memorandum's promise:
/// every paragraph that states what happened cites a source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Framing, headings' companions, derived figures.
    Plain,
    /// A statement of fact about the situation: cites at least one source.
    Situation,
    /// A statement of fact the record holds no source for; shown as such.
    Unsourced,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "t", rename_all = "snake_case")]
pub enum Block {
    /// A title page: a small label above, the title, a subtitle and lines
    /// below; a page break follows.
    TitlePage {
        label: String,
        title: String,
        subtitle: String,
        lines: Vec<String>,
    },
    Heading {
        level: u8,
        text: String,
    },
    Para {
        role: Role,
        inlines: Vec<Inline>,
    },
    /// An exact quotation, set off from the text.
    Quote {
        inlines: Vec<Inline>,
    },
    List {
        numbered: bool,
        items: Vec<Vec<Inline>>,
    },
    Table {
        /// Relative widths; 0 means "as wide as the content".
        widths: Vec<u8>,
        header: Vec<String>,
        rows: Vec<Vec<Vec<Inline>>>,
    },
    /// Lines kept together without paragraph spacing (an address, a signature).
    Lines {
        lines: Vec<Vec<Inline>>,
    },
    PageBreak,
    /// A letter starts here: in a document of several letters, each is
    /// numbered on its own, and a one-page letter carries no page number.
    /// `letterhead` is the sender's name and address lines, set at the top
    /// (empty for none).
    LetterStart {
        letterhead: Vec<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "t", rename_all = "snake_case")]
pub enum Inline {
    Text {
        v: String,
    },
    Strong {
        v: String,
    },
    Emph {
        v: String,
    },
    /// A link; only http, https and mailto addresses are ever made links.
    Link {
        v: String,
        url: String,
    },
    /// A reference to note `n` (1-based) of [`Document::notes`].
    Note {
        n: usize,
    },
}

/// A footnote: its text, and the numbers (in the source list) of the sources
/// it cites.
#[derive(Debug, Clone, Serialize)]
pub struct Note {
    pub inlines: Vec<Inline>,
    pub sources: Vec<usize>,
}

impl Inline {
    pub fn text(v: impl Into<String>) -> Self {
        Inline::Text { v: v.into() }
    }

    pub fn strong(v: impl Into<String>) -> Self {
        Inline::Strong { v: v.into() }
    }

    pub fn emph(v: impl Into<String>) -> Self {
        Inline::Emph { v: v.into() }
    }

    /// A link when `url` is a web or mail address, plain text otherwise.
    pub fn link(v: impl Into<String>, url: &str) -> Self {
        let lower = url.to_ascii_lowercase();
        if (lower.starts_with("https://")
            || lower.starts_with("http://")
            || lower.starts_with("mailto:"))
            && !url.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            Inline::Link {
                v: v.into(),
                url: url.to_owned(),
            }
        } else {
            Inline::Text { v: v.into() }
        }
    }

    /// The visible text (a note shows as its number).
    pub fn plain(&self) -> String {
        match self {
            Inline::Text { v }
            | Inline::Strong { v }
            | Inline::Emph { v }
            | Inline::Link { v, .. } => v.clone(),
            Inline::Note { n } => n.to_string(),
        }
    }
}

impl Document {
    /// Adds a note and returns the inline that refers to it.
    pub fn note(&mut self, inlines: Vec<Inline>, sources: Vec<usize>) -> Inline {
        self.notes.push(Note { inlines, sources });
        Inline::Note {
            n: self.notes.len(),
        }
    }

    pub fn heading(&mut self, level: u8, text: impl Into<String>) {
        self.blocks.push(Block::Heading {
            level,
            text: text.into(),
        });
    }

    pub fn para(&mut self, role: Role, inlines: Vec<Inline>) {
        self.blocks.push(Block::Para { role, inlines });
    }

    /// The visible text of every block and note, one line per block: what a
    /// reader sees, for comparing formats in tests.
    pub fn plain_text(&self) -> String {
        let line = |inlines: &[Inline]| inlines.iter().map(Inline::plain).collect::<String>();
        let mut out = String::new();
        if let Some(mark) = &self.watermark {
            out.push_str(mark);
            out.push('\n');
        }
        for block in &self.blocks {
            match block {
                Block::TitlePage {
                    label,
                    title,
                    subtitle,
                    lines,
                } => {
                    out.push_str(&format!("{label}\n{title}\n{subtitle}\n"));
                    for l in lines {
                        out.push_str(l);
                        out.push('\n');
                    }
                }
                Block::Heading { text, .. } => out.push_str(&format!("{text}\n")),
                Block::Para { inlines, .. } | Block::Quote { inlines } => {
                    out.push_str(&line(inlines));
                    out.push('\n');
                }
                Block::List { items, .. } => {
                    for item in items {
                        out.push_str(&line(item));
                        out.push('\n');
                    }
                }
                Block::Table { header, rows, .. } => {
                    out.push_str(&header.join(" | "));
                    out.push('\n');
                    for row in rows {
                        let cells: Vec<String> = row.iter().map(|c| line(c)).collect();
                        out.push_str(&cells.join(" | "));
                        out.push('\n');
                    }
                }
                Block::Lines { lines } => {
                    for l in lines {
                        out.push_str(&line(l));
                        out.push('\n');
                    }
                }
                Block::PageBreak => {}
                Block::LetterStart { letterhead } => {
                    for l in letterhead {
                        out.push_str(l);
                        out.push('\n');
                    }
                }
            }
        }
        for (i, note) in self.notes.iter().enumerate() {
            out.push_str(&format!("{} {}\n", i + 1, line(&note.inlines)));
        }
        out
    }
}
