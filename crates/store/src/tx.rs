//! One small interface over a transaction of either backend: execute a
//! statement with typed parameters, and fetch rows decoded as the caller's
//! column types. All storage logic is written once against it; each backend
//! only says how its values are bound and read (see the crate README).

use async_trait::async_trait;
use chrono::NaiveDate;
use futures_util::TryStreamExt;
use pledgewatch_core::audit::format_timestamp;
use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;
use sqlx::{AssertSqlSafe, Postgres, Row, Sqlite, Transaction};
use uuid::Uuid;

use crate::schema::{ColType, Value, parse_timestamp};

/// Which SQL dialect a transaction speaks, for the few statements that differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

#[derive(Debug, thiserror::Error)]
pub enum TxError {
    #[error(transparent)]
    Sql(#[from] sqlx::Error),
    #[error("column {column}: {reason}")]
    Decode { column: usize, reason: String },
}

#[async_trait]
pub trait Tx: Send {
    fn dialect(&self) -> Dialect;

    /// Runs a statement; returns the number of rows it changed.
    async fn exec(&mut self, sql: &str, params: &[Value]) -> Result<u64, TxError>;

    /// Runs a query and decodes each row's columns as `types`.
    async fn fetch(
        &mut self,
        sql: &str,
        params: &[Value],
        types: &[ColType],
    ) -> Result<Vec<Vec<Value>>, TxError>;

    /// Makes the transaction's changes permanent. Dropping a transaction
    /// without committing rolls it back.
    async fn commit(self: Box<Self>) -> Result<(), TxError>;
}

pub struct SqliteTx(pub Transaction<'static, Sqlite>);
pub struct PgTx(pub Transaction<'static, Postgres>);

fn bind_sqlite<'q>(
    mut q: sqlx::query::Query<'q, Sqlite, sqlx::sqlite::SqliteArguments>,
    params: &[Value],
) -> sqlx::query::Query<'q, Sqlite, sqlx::sqlite::SqliteArguments> {
    for p in params {
        q = match p {
            Value::Uuid(v) => q.bind(v.map(|u| u.to_string())),
            Value::Text(v) => q.bind(v.clone()),
            Value::Int(v) => q.bind(*v),
            Value::Bool(v) => q.bind(v.map(i64::from)),
            Value::Date(v) => q.bind(v.map(|d| d.format("%Y-%m-%d").to_string())),
            Value::Timestamp(v) => q.bind(v.map(|t| format_timestamp(&t))),
            Value::Bytes(v) => q.bind(v.clone()),
        };
    }
    q
}

fn bind_pg<'q>(
    mut q: sqlx::query::Query<'q, Postgres, sqlx::postgres::PgArguments>,
    params: &[Value],
) -> sqlx::query::Query<'q, Postgres, sqlx::postgres::PgArguments> {
    for p in params {
        q = match p {
            Value::Uuid(v) => q.bind(*v),
            Value::Text(v) => q.bind(v.clone()),
            Value::Int(v) => q.bind(*v),
            Value::Bool(v) => q.bind(*v),
            Value::Date(v) => q.bind(*v),
            Value::Timestamp(v) => q.bind(*v),
            Value::Bytes(v) => q.bind(v.clone()),
        };
    }
    q
}

fn decode_err(column: usize, reason: impl Into<String>) -> TxError {
    TxError::Decode {
        column,
        reason: reason.into(),
    }
}

pub(crate) fn decode_sqlite(row: &SqliteRow, types: &[ColType]) -> Result<Vec<Value>, TxError> {
    types
        .iter()
        .enumerate()
        .map(|(i, ty)| {
            let text = || row.try_get::<Option<String>, _>(i);
            Ok(match ty {
                ColType::Text => Value::Text(text()?),
                ColType::Int => Value::Int(row.try_get::<Option<i64>, _>(i)?),
                ColType::Bool => Value::Bool(row.try_get::<Option<i64>, _>(i)?.map(|b| b != 0)),
                ColType::Uuid => Value::Uuid(
                    text()?
                        .map(|s| {
                            Uuid::parse_str(&s)
                                .map_err(|_| decode_err(i, format!("'{s}' is not a UUID")))
                        })
                        .transpose()?,
                ),
                ColType::Date => Value::Date(
                    text()?
                        .map(|s| {
                            NaiveDate::parse_from_str(&s, "%Y-%m-%d")
                                .map_err(|_| decode_err(i, format!("'{s}' is not a date")))
                        })
                        .transpose()?,
                ),
                ColType::Bytes => Value::Bytes(row.try_get::<Option<Vec<u8>>, _>(i)?),
                ColType::Timestamp => Value::Timestamp(
                    text()?
                        .map(|s| parse_timestamp(&s).map_err(|e| decode_err(i, e)))
                        .transpose()?,
                ),
            })
        })
        .collect()
}

fn decode_pg(row: &PgRow, types: &[ColType]) -> Result<Vec<Value>, TxError> {
    types
        .iter()
        .enumerate()
        .map(|(i, ty)| {
            Ok(match ty {
                ColType::Text => Value::Text(row.try_get(i)?),
                ColType::Int => Value::Int(row.try_get(i)?),
                ColType::Bool => Value::Bool(row.try_get(i)?),
                ColType::Uuid => Value::Uuid(row.try_get(i)?),
                ColType::Date => Value::Date(row.try_get(i)?),
                ColType::Timestamp => Value::Timestamp(row.try_get(i)?),
                ColType::Bytes => Value::Bytes(row.try_get(i)?),
            })
        })
        .collect()
}

#[async_trait]
impl Tx for SqliteTx {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }

    async fn commit(self: Box<Self>) -> Result<(), TxError> {
        Ok(self.0.commit().await?)
    }

    async fn exec(&mut self, sql: &str, params: &[Value]) -> Result<u64, TxError> {
        let q = bind_sqlite(sqlx::query(AssertSqlSafe(sql.to_owned())), params);
        Ok(q.execute(&mut *self.0).await?.rows_affected())
    }

    async fn fetch(
        &mut self,
        sql: &str,
        params: &[Value],
        types: &[ColType],
    ) -> Result<Vec<Vec<Value>>, TxError> {
        let q = bind_sqlite(sqlx::query(AssertSqlSafe(sql.to_owned())), params);
        let mut rows = q.fetch(&mut *self.0);
        let mut out = Vec::new();
        while let Some(row) = rows.try_next().await? {
            out.push(decode_sqlite(&row, types)?);
        }
        Ok(out)
    }
}

#[async_trait]
impl Tx for PgTx {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }

    async fn commit(self: Box<Self>) -> Result<(), TxError> {
        Ok(self.0.commit().await?)
    }

    async fn exec(&mut self, sql: &str, params: &[Value]) -> Result<u64, TxError> {
        let q = bind_pg(sqlx::query(AssertSqlSafe(sql.to_owned())), params);
        Ok(q.execute(&mut *self.0).await?.rows_affected())
    }

    async fn fetch(
        &mut self,
        sql: &str,
        params: &[Value],
        types: &[ColType],
    ) -> Result<Vec<Vec<Value>>, TxError> {
        let q = bind_pg(sqlx::query(AssertSqlSafe(sql.to_owned())), params);
        let mut rows = q.fetch(&mut *self.0);
        let mut out = Vec::new();
        while let Some(row) = rows.try_next().await? {
            out.push(decode_pg(&row, types)?);
        }
        Ok(out)
    }
}
