//! Copying one database into another (`pledgewatch migrate-to`): every
//! table in pages, read from one snapshot of the source and written in one
//! transaction on the target, which commits only once the copy is verified
//! (row counts per table, the audit head, the whole audit chain). Memory
//! holds one page at a time, whatever the size of the database.

use pledgewatch_core::audit::ChainReport;
use pledgewatch_core::error::{Error, Result};

use crate::ops::{audit_head, db, verify_audit};
use crate::schema::{Column, TABLES, Table, Value};
use crate::tx::{Row, Tx};

/// What a copy does with a target that already holds records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NonEmptyTarget {
    /// Refuse (the default): nothing is written.
    Refuse,
    /// Delete everything on the target first, in the same transaction.
    Replace,
}

/// How a copy goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CopyOptions {
    pub non_empty: NonEmptyTarget,
    /// Rows read per page at most (fewer for large rows).
    pub page_rows: usize,
}

impl Default for CopyOptions {
    fn default() -> Self {
        CopyOptions {
            non_empty: NonEmptyTarget::Refuse,
            page_rows: PAGE_ROWS,
        }
    }
}

/// How far a copy has come, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyProgress<'a> {
    /// A table begins; it holds `rows` rows on the source.
    Table { name: &'a str, rows: u64 },
    /// `rows` more rows of the current table are written.
    Rows { rows: u64 },
    /// Every table is written; the copy is being verified.
    Verifying,
}

/// One table's rows on each side after the copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableCount {
    pub table: &'static str,
    pub source: u64,
    pub target: u64,
}

/// What a copy found, and whether the target kept it.
#[derive(Debug, Clone, PartialEq)]
pub struct CopyReport {
    pub tables: Vec<TableCount>,
    /// The audit head (sequence number and hash) of the source snapshot.
    pub source_head: Option<(i64, String)>,
    /// The audit head of the target after the copy.
    pub target_head: Option<(i64, String)>,
    /// The audit chain as read back from the target.
    pub chain: ChainReport,
    /// Whether the target's transaction was committed (only when the copy
    /// verified).
    pub committed: bool,
}

impl CopyReport {
    /// Every way in which the target differs from the source; empty when
    /// the copy is faithful.
    pub fn problems(&self) -> Vec<String> {
        let mut problems: Vec<String> = self
            .tables
            .iter()
            .filter(|t| t.source != t.target)
            .map(|t| {
                format!(
                    "table {} has {} rows on the target, {} on the source",
                    t.table, t.target, t.source
                )
            })
            .collect();
        if self.source_head != self.target_head {
            problems.push(format!(
                "the audit head differs: {} on the target, {} on the source",
                head_text(&self.target_head),
                head_text(&self.source_head)
            ));
        }
        if let Some(broken) = &self.chain.broken {
            problems.push(format!("the copied audit chain does not verify: {broken}"));
        }
        problems
    }

    /// Rows copied in all.
    pub fn rows(&self) -> u64 {
        self.tables.iter().map(|t| t.target).sum()
    }
}

fn head_text(head: &Option<(i64, String)>) -> String {
    match head {
        Some((seq, hash)) => format!("entry {seq} ({hash})"),
        None => "none".into(),
    }
}

/// Rows read per page at most, and the bytes a page should stay near (a
/// table of large rows, such as stored files, is read a few rows at a time).
const PAGE_ROWS: usize = 2_000;
const PAGE_BYTES: usize = 8 * 1024 * 1024;
/// Parameters per INSERT statement (SQLite looks a parameter up by a linear
/// search, so very long statements cost more).
const INSERT_PARAMS: usize = 600;

/// Copies every table of `source` (read in one snapshot) into `target`
/// (one transaction), verifies the copy there and commits only if it holds.
/// A report whose [`CopyReport::problems`] are not empty was rolled back.
pub(crate) async fn copy(
    source: &mut dyn Tx,
    mut target: Box<dyn Tx>,
    options: CopyOptions,
    progress: &mut (dyn FnMut(CopyProgress<'_>) + Send),
) -> Result<CopyReport> {
    if !super::tables::is_empty(target.as_mut()).await? {
        match options.non_empty {
            NonEmptyTarget::Refuse => {
                return Err(Error::refused(
                    "the target database is not empty: copy only into a new database, \
                     or give --replace to delete everything on it first",
                ));
            }
            NonEmptyTarget::Replace => clear(target.as_mut()).await?,
        }
    }
    target
        .exec("DELETE FROM audit_head", &[])
        .await
        .map_err(db)?;
    let mut tables = Vec::with_capacity(TABLES.len());
    for table in TABLES {
        let source_rows = count(source, table.name).await?;
        progress(CopyProgress::Table {
            name: table.name,
            rows: source_rows,
        });
        copy_table(source, target.as_mut(), table, options.page_rows, progress).await?;
        tables.push(TableCount {
            table: table.name,
            source: source_rows,
            target: count(target.as_mut(), table.name).await?,
        });
    }
    progress(CopyProgress::Verifying);
    if target.dialect() == crate::tx::Dialect::Postgres {
        // The tables were filled in this transaction, so PostgreSQL has no
        // statistics of them yet: without these, it plans each of the
        // verification's look-ups by id as a scan of the whole audit log
        // (at a million records the verification ran for over half an
        // hour). ANALYZE counts the transaction's own rows.
        target.exec("ANALYZE", &[]).await.map_err(db)?;
    }
    let mut report = CopyReport {
        tables,
        source_head: audit_head(source, false).await?.map(|h| (h.seq, h.hash)),
        target_head: audit_head(target.as_mut(), false)
            .await?
            .map(|h| (h.seq, h.hash)),
        chain: verify_audit(target.as_mut()).await?,
        committed: false,
    };
    if report.problems().is_empty() {
        target.commit().await.map_err(db)?;
        report.committed = true;
    }
    Ok(report)
}

/// Deletes every row of every table, the later tables (which refer to the
/// earlier ones) first.
async fn clear(tx: &mut dyn Tx) -> Result<()> {
    for table in TABLES.iter().rev() {
        tx.exec(&format!("DELETE FROM {}", table.name), &[])
            .await
            .map_err(db)?;
    }
    Ok(())
}

async fn count(tx: &mut dyn Tx, table: &str) -> Result<u64> {
    let rows = tx
        .fetch(&format!("SELECT COUNT(*) AS n FROM {table}"), &[])
        .await
        .map_err(db)?;
    let n: i64 = match rows.first() {
        Some(row) => Row::new(table, row).get("n").map_err(db)?,
        None => 0,
    };
    Ok(u64::try_from(n).unwrap_or_default())
}

/// One table, page after page in key order: each page starts after the
/// last key of the one before (no OFFSET, so every page costs the same).
async fn copy_table(
    source: &mut dyn Tx,
    target: &mut dyn Tx,
    table: &Table,
    page_rows: usize,
    progress: &mut (dyn FnMut(CopyProgress<'_>) + Send),
) -> Result<()> {
    let page_rows = page_rows.max(1);
    let columns = table.all_columns();
    let names: Vec<&str> = columns.iter().map(|c| c.name).collect();
    let keys: Vec<&str> = table.order_by.split(',').map(str::trim).collect();
    let key_at: Vec<usize> = keys
        .iter()
        .filter_map(|k| names.iter().position(|n| n == k))
        .collect();
    let mut last: Option<Vec<Value>> = None;
    let mut limit = page_rows;
    loop {
        let (sql, params) = page_query(table, &names, &keys, last.as_deref(), limit);
        let fetched = source.fetch(&sql, &params).await.map_err(db)?;
        let rows = fetched
            .iter()
            .map(|row| {
                let row = Row::new(table.name, row);
                columns
                    .iter()
                    .map(|c| row.value(c.name, c.ty))
                    .collect::<std::result::Result<Vec<_>, _>>()
            })
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(db)?;
        drop(fetched);
        let Some(final_row) = rows.last() else { break };
        last = Some(key_at.iter().map(|&i| final_row[i].clone()).collect());
        let full = rows.len() == limit;
        let bytes: usize = rows.iter().flatten().map(value_bytes).sum();
        insert_rows(target, table.name, &columns, &rows).await?;
        progress(CopyProgress::Rows {
            rows: rows.len() as u64,
        });
        if !full {
            break;
        }
        // Keep the next page near PAGE_BYTES, from this page's row size.
        let per_row = (bytes / rows.len()).max(1);
        limit = (PAGE_BYTES / per_row).clamp(1, page_rows);
    }
    Ok(())
}

/// The query for the page after `after` (the key of the last row copied).
fn page_query(
    table: &Table,
    names: &[&str],
    keys: &[&str],
    after: Option<&[Value]>,
    limit: usize,
) -> (String, Vec<Value>) {
    let filter = match after {
        None => String::new(),
        Some(_) if keys.len() == 1 => format!("WHERE {} > $1 ", keys[0]),
        Some(_) => format!(
            "WHERE ({}) > ({}) ",
            keys.join(", "),
            crate::ops::placeholders(1, keys.len())
        ),
    };
    let sql = format!(
        "SELECT {} FROM {} {filter}ORDER BY {} LIMIT {limit}",
        names.join(", "),
        table.name,
        table.order_by
    );
    (sql, after.map(<[Value]>::to_vec).unwrap_or_default())
}

/// Roughly how many bytes a value holds, to size the pages.
fn value_bytes(value: &Value) -> usize {
    match value {
        Value::Text(Some(s)) => s.len(),
        Value::Bytes(Some(b)) => b.len(),
        _ => 16,
    }
}

/// Writes rows of `table` with multi-row INSERT statements.
pub(crate) async fn insert_rows(
    tx: &mut dyn Tx,
    table: &str,
    columns: &[Column],
    rows: &[Vec<Value>],
) -> Result<()> {
    let names: Vec<&str> = columns.iter().map(|c| c.name).collect();
    let per_statement = (INSERT_PARAMS / columns.len().max(1)).max(1);
    for chunk in rows.chunks(per_statement) {
        let groups: Vec<String> = (0..chunk.len())
            .map(|r| {
                format!(
                    "({})",
                    crate::ops::placeholders(r * columns.len() + 1, columns.len())
                )
            })
            .collect();
        let sql = format!(
            "INSERT INTO {table} ({}) VALUES {}",
            names.join(", "),
            groups.join(", ")
        );
        let params: Vec<Value> = chunk.iter().flatten().cloned().collect();
        tx.exec(&sql, &params).await.map_err(db)?;
    }
    Ok(())
}
