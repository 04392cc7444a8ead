//! A search: every word of the query must match (in the title or the
//! body, under any of its stems), within what the viewer may see; the
//! best `limit` records by BM25 (title matches count double), each with a
//! passage of its text around the matches. A count counts up to `limit`.

use std::collections::HashSet;

use pledgewatch_core::error::Result;
use pledgewatch_core::model::EntityKind;
use pledgewatch_core::storage::{MATCH_END, MATCH_START, SearchHit, SearchQuery};
use tantivy::query::{BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, Searcher, Term};
use uuid::Uuid;

use crate::analysis::{Analyzer, Language, Word};
use crate::schema::Fields;
use crate::sight::{Best, Sight, count_up_to};
use crate::{Document, index_error};

/// How much more a match in the title counts than one in the body.
const TITLE_BOOST: f32 = 2.0;

/// Words shown around the first match.
const PASSAGE_WORDS: usize = 24;
const WORDS_BEFORE: usize = 8;

/// A filter: it narrows the matches and adds nothing to their scores.
fn filter(query: Box<dyn Query>) -> (Occur, Box<dyn Query>) {
    (Occur::Must, Box::new(ConstScoreQuery::new(query, 0.0)))
}

fn term_query(term: Term) -> Box<dyn Query> {
    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs))
}

/// The tantivy query for `words` (each a list of terms, one of which must
/// match), of the kinds `query` asks for. What the viewer may see is not
/// in it: [`Sight`] checks each document as it is ranked or counted. A
/// single word without kinds is the bare union of its terms, which tantivy
/// ranks skipping whole blocks of postings (block-max WAND).
fn build(fields: Fields, words: &[Vec<String>], query: &SearchQuery) -> Box<dyn Query> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = words
        .iter()
        .map(|terms| {
            let mut any: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for t in terms {
                any.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(
                        term_query(Term::from_field_text(fields.title_terms, t)),
                        TITLE_BOOST,
                    )),
                ));
                any.push((
                    Occur::Should,
                    term_query(Term::from_field_text(fields.body_terms, t)),
                ));
            }
            (
                Occur::Must,
                Box::new(BooleanQuery::new(any)) as Box<dyn Query>,
            )
        })
        .collect();
    if !query.kinds.is_empty() {
        let kinds = query
            .kinds
            .iter()
            .map(|k| {
                (
                    Occur::Should,
                    term_query(Term::from_field_text(fields.kind, k.as_str())),
                )
            })
            .collect();
        clauses.push(filter(Box::new(BooleanQuery::new(kinds))));
    }
    if clauses.len() == 1 {
        return clauses.remove(0).1;
    }
    Box::new(BooleanQuery::new(clauses))
}

/// What the viewer of `query` may see.
fn sight(query: &SearchQuery) -> Sight {
    Sight {
        confidential: query.include_confidential,
        drafts: query.include_drafts,
    }
}

/// Runs a search on one searcher.
pub(crate) fn run(
    searcher: &Searcher,
    fields: Fields,
    text: &str,
    query: &SearchQuery,
) -> Result<Vec<SearchHit>> {
    let mut analyzer = Analyzer::default();
    let words = analyzer.query_words(text);
    if words.is_empty() {
        return Ok(vec![]);
    }
    let limit = query.limit.clamp(1, 1_000) as usize;
    let top = searcher
        .search(
            build(fields, &words, query).as_ref(),
            &Best {
                limit,
                sight: sight(query),
            },
        )
        .map_err(|e| index_error("cannot search", e))?;
    let wanted: HashSet<&str> = words.iter().flatten().map(String::as_str).collect();
    top.into_iter()
        .map(|(score, address)| hit(searcher, fields, &mut analyzer, &wanted, score, address))
        .collect()
}

/// How many records match on one searcher, counting no further than the
/// query's `limit` (the most a search shows).
pub(crate) fn count(
    searcher: &Searcher,
    fields: Fields,
    text: &str,
    query: &SearchQuery,
) -> Result<usize> {
    let words = Analyzer::default().query_words(text);
    if words.is_empty() {
        return Ok(0);
    }
    count_up_to(
        searcher,
        build(fields, &words, query).as_ref(),
        sight(query),
        query.limit as usize,
    )
    .map_err(|e| index_error("cannot count", e))
}

fn stored_text(doc: &Document, field: tantivy::schema::Field) -> String {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_owned()
}

/// One result: its record, title and passage.
fn hit(
    searcher: &Searcher,
    fields: Fields,
    analyzer: &mut Analyzer,
    wanted: &HashSet<&str>,
    score: f32,
    address: DocAddress,
) -> Result<SearchHit> {
    let doc: Document = searcher
        .doc(address)
        .map_err(|e| index_error("cannot read a document", e))?;
    let kind = stored_text(&doc, fields.kind);
    let id = stored_text(&doc, fields.id);
    let broken = |what: &str| {
        index_error(
            "holds a document it cannot read",
            std::io::Error::other(format!("{what}: {kind} {id}")),
        )
    };
    let kind = EntityKind::parse(&kind).map_err(|_| broken("kind"))?;
    let id = Uuid::parse_str(&id).map_err(|_| broken("id"))?;
    let language = Language::from_code(
        doc.get_first(fields.language)
            .and_then(|v| v.as_u64())
            .unwrap_or_default(),
    );
    let title = stored_text(&doc, fields.title);
    let body = stored_text(&doc, fields.body);
    let snippet = passage(analyzer, &body, language, wanted).unwrap_or_else(|| title.clone());
    Ok(SearchHit {
        kind,
        id,
        title,
        snippet,
        score: f64::from(score),
    })
}

fn matches(word: &Word, wanted: &HashSet<&str>) -> bool {
    word.terms.iter().any(|t| wanted.contains(t.as_str()))
}

/// About two dozen words of `body` from a little before its first match,
/// each matching word between the match markers; the opening words when
/// only the title matched; `None` for an empty body.
fn passage(
    analyzer: &mut Analyzer,
    body: &str,
    language: Language,
    wanted: &HashSet<&str>,
) -> Option<String> {
    let words = analyzer.words(body, language);
    let first = words.iter().position(|w| matches(w, wanted)).unwrap_or(0);
    let start = first.saturating_sub(WORDS_BEFORE);
    let end = (start + PASSAGE_WORDS).min(words.len());
    let shown = words.get(start..end).filter(|s| !s.is_empty())?;
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut at = shown[0].from;
    for w in shown {
        out.push_str(&body[at..w.from]);
        if matches(w, wanted) {
            out.push(MATCH_START);
            out.push_str(&body[w.from..w.to]);
            out.push(MATCH_END);
        } else {
            out.push_str(&body[w.from..w.to]);
        }
        at = w.to;
    }
    if end < words.len() {
        out.push('…');
    } else {
        out.push_str(&body[at..]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wanted(analyzer: &mut Analyzer, text: &str) -> Vec<String> {
        analyzer.query_words(text).into_iter().flatten().collect()
    }

    #[test]
    fn a_passage_marks_every_form_of_the_words_searched_for() {
        let mut a = Analyzer::default();
        let terms = wanted(&mut a, "закона");
        let set: HashSet<&str> = terms.iter().map(String::as_str).collect();
        let p = passage(
            &mut a,
            "Новый закон о СМИ; проект закона.",
            Language::English,
            &set,
        );
        assert_eq!(
            p.as_deref(),
            Some("Новый \u{E000}закон\u{E001} о СМИ; проект \u{E000}закона\u{E001}.")
        );
    }

    #[test]
    fn a_long_passage_is_cut_around_the_first_match() {
        let mut a = Analyzer::default();
        let body = (0..100)
            .map(|i| {
                if i == 50 {
                    "media".to_owned()
                } else {
                    format!("w{i}")
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
        let terms = wanted(&mut a, "media");
        let set: HashSet<&str> = terms.iter().map(String::as_str).collect();
        let p = passage(&mut a, &body, Language::English, &set).unwrap();
        assert!(p.starts_with("…w42 "), "{p}");
        assert!(p.ends_with("w65…"), "{p}");
        assert!(p.contains("\u{E000}media\u{E001}"));
    }
}
