//! What each kind of entity contributes to full-text search. Every store's
//! index is fed from here, so all backends search the same text.

use crate::model::Entity;

/// The searchable text of one entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchDocument {
    pub title: String,
    pub body: String,
}

/// The searchable text of an entity, or `None` for kinds that are not searched.
pub fn search_document(entity: &Entity) -> Option<SearchDocument> {
    let doc = |title: &str, parts: &[Option<&str>]| SearchDocument {
        title: title.to_owned(),
        body: parts
            .iter()
            .flatten()
            .copied()
            .collect::<Vec<_>>()
            .join("\n"),
    };
    match entity {
        Entity::Commitment(c) => {
            let themes = c.themes.join(", ");
            Some(doc(
                &c.statement,
                &[
                    Some(&c.statement),
                    c.condition.as_deref(),
                    c.timing.as_written(),
                    Some(&themes),
                ],
            ))
        }
        Entity::Quote(q) => Some(doc(
            &first_words(&q.text),
            &[Some(&q.text), q.speaker.as_deref()],
        )),
        Entity::Development(d) => Some(doc(&d.title, &[Some(&d.title), Some(&d.summary)])),
        Entity::Concern(c) => Some(doc(&c.title, &[Some(&c.title), Some(&c.description)])),
        Entity::Recommendation(r) => Some(doc(&first_words(&r.action), &[Some(&r.action)])),
        Entity::Source(s) => Some(doc(
            &s.title,
            &[
                Some(&s.title),
                s.publisher.as_deref(),
                s.author.as_deref(),
                s.text.as_deref(),
            ],
        )),
        _ => None,
    }
}

/// A title for entities that have none: the first dozen words.
fn first_words(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().take(12).collect();
    let mut title = words.join(" ");
    if text.split_whitespace().nth(12).is_some() {
        title.push('…');
    }
    title
}
