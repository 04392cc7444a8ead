//! What each kind of entity contributes to full-text search. Every store's
//! index is fed from here, so all backends search the same text. Each kind
//! says what it contributes in its `Record::search_document` (see `model/`);
//! the shapes shared by all kinds are here.

use crate::model::Entity;

/// The searchable text of one entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchDocument {
    pub title: String,
    pub body: String,
}

impl SearchDocument {
    /// A document whose body is the given parts that are present, one a line.
    pub(crate) fn of(title: &str, parts: &[Option<&str>]) -> Self {
        SearchDocument {
            title: title.to_owned(),
            body: parts
                .iter()
                .flatten()
                .copied()
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }
}

/// The searchable text of an entity, or `None` for kinds that are not searched.
pub fn search_document(entity: &Entity) -> Option<SearchDocument> {
    entity.search_document()
}

/// A title for entities that have none: the first dozen words.
pub(crate) fn first_words(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().take(12).collect();
    let mut title = words.join(" ");
    if text.split_whitespace().nth(12).is_some() {
        title.push('…');
    }
    title
}
