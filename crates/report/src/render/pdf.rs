//! PDF, with typst as a library: one fixed layout (`document.typ`) reads the
//! document as JSON data through `sys.inputs`, so user text is never parsed
//! as typst markup. Fonts come from typst-assets, compiled into the binary:
//! no network and no system fonts are used. No clock either: the PDF carries
//! no creation date, so the same document gives the same text.

use std::sync::OnceLock;

use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Dict, Duration, IntoValue, Smart, Str};
use typst::syntax::{FileId, Source};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

use crate::doc::Document;
use crate::error::{Error, Result};

const LAYOUT: &str = include_str!("document.typ");

/// Longest run of letters the layout gets without a break opportunity;
/// longer words get invisible break points so they cannot run off the page.
/// Words of real prose are never that long, and addresses are not touched:
/// typst breaks a link's text at its slashes and dots itself, so a copied
/// address stays whole.
const LONGEST_WORD: usize = 30;

struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| {
        let fonts: Vec<Font> = typst_assets::fonts()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        Fonts {
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    })
}

struct DocumentWorld {
    library: LazyHash<Library>,
    source: Source,
    fonts: &'static Fonts,
}

impl World for DocumentWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }

    fn main(&self) -> FileId {
        self.source.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.source.id() {
            Ok(self.source.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, _id: FileId) -> FileResult<Bytes> {
        Err(FileError::AccessDenied)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

/// Breaks very long words with zero-width spaces.
fn breakable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = 0;
    for c in text.chars() {
        if c.is_whitespace() || c == '-' || c == '/' {
            run = 0;
        } else {
            run += 1;
            if run > LONGEST_WORD {
                out.push('\u{200B}');
                run = 1;
            }
        }
        out.push(c);
    }
    out
}

fn fail(message: impl std::fmt::Display) -> Error {
    Error::Render {
        format: "PDF",
        message: message.to_string(),
    }
}

fn describe(diagnostics: &[SourceDiagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| d.message.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

pub fn render(doc: &Document) -> Result<Vec<u8>> {
    let mut json = serde_json::to_value(doc).map_err(fail)?;
    map_strings(&mut json, &|s| breakable(s));
    let json = serde_json::to_string(&json).map_err(fail)?;
    let mut inputs = Dict::new();
    inputs.insert(Str::from("document"), Str::from(json.as_str()).into_value());
    let world = DocumentWorld {
        library: LazyHash::new(Library::builder().with_inputs(inputs).build()),
        source: Source::detached(LAYOUT),
        fonts: fonts(),
    };
    let compiled = typst::compile::<PagedDocument>(&world);
    let document = compiled.output.map_err(|e| fail(describe(&e)))?;
    let options = typst_pdf::PdfOptions {
        ident: Smart::Custom(doc.title.clone()),
        creator: Smart::Custom(Some("pledgewatch".to_owned())),
        ..typst_pdf::PdfOptions::default()
    };
    typst_pdf::pdf(&document, &options).map_err(|e| fail(describe(&e)))
}

/// Applies `f` to every string of a JSON value except links (their
/// addresses and their visible text, which typst breaks as addresses) and
/// the layout's own keys.
fn map_strings(value: &mut serde_json::Value, f: &dyn Fn(&str) -> String) {
    match value {
        serde_json::Value::String(s) => *s = f(s),
        serde_json::Value::Array(items) => items.iter_mut().for_each(|v| map_strings(v, f)),
        serde_json::Value::Object(map) if map.get("t").and_then(|t| t.as_str()) == Some("link") => {
        }
        serde_json::Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if !matches!(key.as_str(), "url" | "t" | "lang" | "date") {
                    map_strings(v, f);
                }
            }
        }
        _ => {}
    }
}
