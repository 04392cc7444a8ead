//! The source form: a document's description, its text for search, and
//! (handled by the page, not here) the stored file.

use pledgewatch_core::error::ValidationErrors;
use pledgewatch_core::ids::SourceId;
use pledgewatch_core::model::Source;

use super::Input::*;
use super::parse::{Parser, text};
use super::{DATE_HELP, Field, KindForm, Named, f};

form_values!(SourceForm {
    title: Option<String>,
    publisher: Option<String>,
    author: Option<String>,
    published: Option<String>,
    known_from: Option<String>,
    url: Option<String>,
    language: Option<String>,
    confidential: bool,
    own_document: bool,
    text: Option<String>,
    // The stored file's digest, shown; an upload is read by the page.
    file: Option<String>,
    note: Option<String>,
});

impl KindForm for SourceForm {
    type Record = Source;

    const FIELDS: &'static [Field] = &[
        f("title", "Title", Text, true, ""),
        f("publisher", "Publisher", Text, false, ""),
        f("author", "Author", Text, false, ""),
        f("published", "Published", Date, false, DATE_HELP),
        f(
            "known_from",
            "Date unknown — treat as known from",
            Date,
            false,
            "When the publication date is unknown: the day from which views as of a date count the source as known (a source needs this or a publication date)",
        ),
        f("url", "Web address", Text, false, "http:// or https://"),
        f("language", "Language", Text, false, "e.g. en, ru, fr"),
        f(
            "confidential",
            "Confidential (never shown to the public)",
            Check,
            false,
            "",
        ),
        f(
            "own_document",
            "One of our own documents about this dossier: never cited",
            Check,
            false,
            "A memorandum or letter of ours: documents do not cite it, though it still dates what it records",
        ),
        f(
            "file",
            "Stored file",
            File,
            false,
            "The document itself (at most 25 MB), kept by its SHA-256; leave empty to keep the current one",
        ),
        f(
            "text",
            "Text",
            TextArea,
            false,
            "The document's text, for search",
        ),
        f("note", "Note", TextArea, false, ""),
    ];

    fn from_entity(s: &Source, _: &Named) -> Self {
        SourceForm {
            title: Some(s.title.clone()),
            publisher: s.publisher.clone(),
            author: s.author.clone(),
            published: s.published.map(|d| d.to_string()),
            known_from: s.known_from.map(|d| d.to_string()),
            url: s.url.as_ref().map(ToString::to_string),
            language: s.language.clone(),
            confidential: s.confidential,
            own_document: s.own_document,
            text: s.text.clone(),
            file: s.file_sha256.as_ref().map(|h| h.as_str().to_owned()),
            note: s.note.clone(),
        }
    }

    fn into_entity(self, id: SourceId, _: &Named) -> Result<Source, ValidationErrors> {
        let mut p = Parser::default();
        let title = p.required(at!(self.title));
        let published = p.date(at!(self.published));
        let known_from = p.date(at!(self.known_from));
        let url = p.optional_as(at!(self.url));
        p.finish(|| {
            Some(Source {
                id,
                title: title?,
                publisher: text(&self.publisher),
                author: text(&self.author),
                published,
                url: url?,
                language: text(&self.language),
                confidential: self.confidential,
                text: text(&self.text),
                // The page keeps the current file or stores the upload.
                file_sha256: None,
                note: text(&self.note),
                known_from,
                own_document: self.own_document,
            })
        })
    }
}
