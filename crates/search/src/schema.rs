//! The index's fields, and the format number that says when an index on
//! disk was written by another layout (and so is rebuilt).

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

/// Raised whenever the fields, the way text is analysed, or which records
/// the public's documents hold change: an index written with another
/// number is rebuilt from the database.
pub const FORMAT: u32 = 3;

/// The names of the flags read as fast fields while ranking (`sight`).
pub const CONFIDENTIAL: &str = "confidential";
pub const TEAM: &str = "team";
pub const PUBLISHED: &str = "published";

/// The fields of one indexed record.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// The record's id (its text form), to find and replace its document.
    pub id: Field,
    /// The record's kind, as stored.
    pub kind: Field,
    /// A confidential source, or a quote from one (in the live version).
    pub confidential: Field,
    /// The record's live text, which the team searches.
    pub team: Field,
    /// The text the public sees: the published version, unless it or the
    /// live one is confidential. A record whose live version is the
    /// published one has one document for both; one with a pending edit
    /// has two, the live one for the team only.
    pub published: Field,
    /// The title and text as shown (stored, not indexed).
    pub title: Field,
    pub body: Field,
    /// The Latin language the document was taken to be in.
    pub language: Field,
    /// The terms of the title and of the body (see `analysis`).
    pub title_terms: Field,
    pub body_terms: Field,
}

impl Fields {
    pub fn schema() -> (Schema, Fields) {
        let mut b = Schema::builder();
        let terms = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("raw")
                .set_index_option(IndexRecordOption::WithFreqs),
        );
        let fields = Fields {
            id: b.add_text_field("id", STRING | STORED),
            kind: b.add_text_field("kind", STRING | STORED),
            confidential: b.add_bool_field(CONFIDENTIAL, INDEXED | FAST),
            team: b.add_bool_field(TEAM, INDEXED | FAST),
            published: b.add_bool_field(PUBLISHED, INDEXED | FAST),
            title: b.add_text_field("title", STORED),
            body: b.add_text_field("body", STORED),
            language: b.add_u64_field("language", STORED),
            title_terms: b.add_text_field("title_terms", terms.clone()),
            body_terms: b.add_text_field("body_terms", terms),
        };
        (b.build(), fields)
    }
}
