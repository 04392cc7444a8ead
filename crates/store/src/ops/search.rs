//! Full-text search: FTS5 on SQLite, a `tsvector` on PostgreSQL, over the
//! same search documents.

use pledgewatch_core::error::Result;
use pledgewatch_core::model::EntityKind;
use pledgewatch_core::storage::{SearchHit, SearchQuery};

use super::{db, placeholders};
use crate::schema::Value;
use crate::tx::{Dialect, FromRow, Row, Tx, TxError, fetch_as};

/// Quotes each word for FTS5, so that user text is never read as query syntax.
fn fts5_query(text: &str) -> String {
    text.split_whitespace()
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The query with its words checked as core checks every search.
fn cleaned(query: &SearchQuery) -> Result<SearchQuery> {
    Ok(SearchQuery {
        text: query.cleaned_text()?,
        ..query.clone()
    })
}

/// The dialect's search statement and its parameters: `$1` whether
/// confidential documents count, `$2` the limit, `$3` the words, then the
/// kinds searched.
fn statement(dialect: Dialect, query: &SearchQuery) -> (String, Vec<Value>) {
    let limit = i64::from(query.limit.clamp(1, 1_000));
    let words = match dialect {
        Dialect::Sqlite => fts5_query(&query.text),
        Dialect::Postgres => query.text.clone(),
    };
    let mut params = vec![
        Value::Bool(Some(query.include_confidential)),
        Value::Int(Some(limit)),
        Value::text(words),
    ];
    let mut clauses = String::new();
    if !query.include_drafts {
        clauses.push_str(" AND d.entity_id IN (SELECT entity_id FROM publications)");
    }
    if !query.kinds.is_empty() {
        params.extend(query.kinds.iter().map(|k| Value::text(k.as_str())));
        clauses.push_str(&format!(
            " AND d.entity_kind IN ({})",
            placeholders(4, query.kinds.len())
        ));
    }
    let sql = match dialect {
        Dialect::Sqlite => format!(
            "SELECT d.entity_kind AS entity_kind, d.entity_id AS entity_id, d.title AS title, \
             snippet(search_fts, 1, char(57344), char(57345), '…', 16) AS snippet, \
             CAST(-bm25(search_fts, 5.0, 1.0) AS TEXT) AS score \
             FROM search_fts JOIN search_docs d ON d.rowid = search_fts.rowid \
             WHERE search_fts MATCH $3 AND ($1 = 1 OR d.confidential = 0){clauses} \
             ORDER BY bm25(search_fts, 5.0, 1.0), d.entity_id LIMIT $2"
        ),
        Dialect::Postgres => format!(
            "SELECT d.entity_kind AS entity_kind, d.entity_id AS entity_id, d.title AS title, \
             ts_headline('simple', d.body, q, 'StartSel=\u{E000}, StopSel=\u{E001}, MaxWords=24, MinWords=8, MaxFragments=1, FragmentDelimiter=…') AS snippet, \
             CAST(ts_rank(d.document, q) AS TEXT) AS score \
             FROM search_docs d, plainto_tsquery('simple', $3) q \
             WHERE d.document @@ q AND ($1 OR NOT d.confidential){clauses} \
             ORDER BY ts_rank(d.document, q) DESC, d.entity_id LIMIT $2"
        ),
    };
    (sql, params)
}

pub(crate) async fn search(tx: &mut dyn Tx, query: &SearchQuery) -> Result<Vec<SearchHit>> {
    let query = cleaned(query)?;
    let (sql, params) = statement(tx.dialect(), &query);
    fetch_as::<Hit>(tx, "search_docs", &sql, &params)
        .await
        .map(|hits| hits.into_iter().map(|h| h.0).collect())
        .map_err(db)
}

/// A search result row.
struct Hit(SearchHit);

impl FromRow for Hit {
    fn from_row(row: &Row<'_>) -> Result<Self, TxError> {
        Ok(Hit(SearchHit {
            kind: row.parse("entity_kind", EntityKind::parse)?,
            id: row.get("entity_id")?,
            title: row.get("title")?,
            snippet: row.get("snippet")?,
            score: row.parse("score", |s| s.parse())?,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_is_quoted_word_by_word_for_fts5() {
        assert_eq!(fts5_query("media  law"), "\"media\" \"law\"");
        assert_eq!(fts5_query("a\"b OR c*"), "\"a\"\"b\" \"OR\" \"c*\"");
    }
}
