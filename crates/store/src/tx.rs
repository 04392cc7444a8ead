//! One small interface over a transaction of either backend: execute a
//! statement with typed parameters, and fetch rows that are then read by
//! column name into typed structs ([`FromRow`]). All storage logic is
//! written once against it; each backend only says how its values are bound
//! and read (see the crate README). The two transaction types are generated
//! by one macro, so they cannot drift apart.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use futures_util::TryStreamExt;
use pledgewatch_core::audit::format_timestamp;
use pledgewatch_core::ids::{ApiTokenId, PasswordResetId, UserId};
use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;
use sqlx::{AssertSqlSafe, Postgres, Row as _, Sqlite, Transaction};
use uuid::Uuid;

use crate::schema::{ColType, Value, parse_timestamp};

/// Which SQL dialect a transaction speaks, for the few statements that differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// Why a value could not be read.
pub type Cause = Box<dyn std::error::Error + Send + Sync>;

#[derive(Debug, thiserror::Error)]
pub enum TxError {
    #[error(transparent)]
    Sql(#[from] sqlx::Error),
    /// A column held NULL where the Rust side needs a value: never read as a
    /// default.
    #[error("{table}.{column} is NULL where a value is required")]
    Null { table: String, column: String },
    #[error("{table}.{column} cannot be read: {source}")]
    Decode {
        table: String,
        column: String,
        #[source]
        source: Cause,
    },
}

/// A fetched row of either backend.
pub enum DbRow {
    Sqlite(SqliteRow),
    Postgres(PgRow),
}

#[async_trait]
pub trait Tx: Send {
    fn dialect(&self) -> Dialect;

    /// Runs a statement; returns the number of rows it changed.
    async fn exec(&mut self, sql: &str, params: &[Value]) -> Result<u64, TxError>;

    /// Runs a query; its rows are read by column name (see [`fetch_as`]).
    async fn fetch(&mut self, sql: &str, params: &[Value]) -> Result<Vec<DbRow>, TxError>;

    /// Makes the transaction's changes permanent. Dropping a transaction
    /// without committing rolls it back.
    async fn commit(self: Box<Self>) -> Result<(), TxError>;
}

/// A value type one column can be read as, on both backends. `None` is NULL.
pub trait Column: Sized {
    fn read(row: &DbRow, name: &str) -> Result<Option<Self>, Cause>;
}

/// Columns stored natively by both backends.
macro_rules! native_column {
    ($($ty:ty),*) => {$(
        impl Column for $ty {
            fn read(row: &DbRow, name: &str) -> Result<Option<Self>, Cause> {
                Ok(match row {
                    DbRow::Sqlite(r) => r.try_get(name)?,
                    DbRow::Postgres(r) => r.try_get(name)?,
                })
            }
        }
    )*};
}

native_column!(String, i64, Vec<u8>);

/// Columns SQLite keeps as text (see the README's table of types), parsed
/// with `parse`; PostgreSQL has a native type.
macro_rules! text_on_sqlite_column {
    ($ty:ty, $parse:expr) => {
        impl Column for $ty {
            fn read(row: &DbRow, name: &str) -> Result<Option<Self>, Cause> {
                match row {
                    DbRow::Sqlite(r) => r
                        .try_get::<Option<String>, _>(name)?
                        .map(|s| $parse(&s).map_err(Cause::from))
                        .transpose(),
                    DbRow::Postgres(r) => Ok(r.try_get(name)?),
                }
            }
        }
    };
}

text_on_sqlite_column!(Uuid, |s: &str| Uuid::parse_str(s)
    .map_err(|_| format!("'{s}' is not a UUID")));
text_on_sqlite_column!(NaiveDate, |s: &str| NaiveDate::parse_from_str(
    s, "%Y-%m-%d"
)
.map_err(|_| format!("'{s}' is not a date")));
text_on_sqlite_column!(DateTime<Utc>, parse_timestamp);

/// The core's id newtypes, stored as UUIDs.
macro_rules! id_column {
    ($($id:ident),*) => {$(
        impl Column for $id {
            fn read(row: &DbRow, name: &str) -> Result<Option<Self>, Cause> {
                Ok(Uuid::read(row, name)?.map($id))
            }
        }
    )*};
}

id_column!(UserId, ApiTokenId, PasswordResetId);

impl Column for bool {
    fn read(row: &DbRow, name: &str) -> Result<Option<Self>, Cause> {
        Ok(match row {
            DbRow::Sqlite(r) => r.try_get::<Option<i64>, _>(name)?.map(|b| b != 0),
            DbRow::Postgres(r) => r.try_get(name)?,
        })
    }
}

/// A row being read, with the table it comes from for error messages.
pub struct Row<'r> {
    table: &'r str,
    row: &'r DbRow,
}

impl<'r> Row<'r> {
    pub fn new(table: &'r str, row: &'r DbRow) -> Self {
        Self { table, row }
    }

    fn decode_error(&self, column: &str, source: impl Into<Cause>) -> TxError {
        TxError::Decode {
            table: self.table.to_owned(),
            column: column.to_owned(),
            source: source.into(),
        }
    }

    /// A column that may hold NULL.
    pub fn opt<T: Column>(&self, column: &str) -> Result<Option<T>, TxError> {
        T::read(self.row, column).map_err(|e| self.decode_error(column, e))
    }

    /// A column that must hold a value: NULL is an error naming it.
    pub fn get<T: Column>(&self, column: &str) -> Result<T, TxError> {
        self.opt(column)?.ok_or_else(|| TxError::Null {
            table: self.table.to_owned(),
            column: column.to_owned(),
        })
    }

    /// A non-null text column parsed into a domain type.
    pub fn parse<T, E: Into<Cause>>(
        &self,
        column: &str,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Result<T, TxError> {
        let text: String = self.get(column)?;
        parse(&text).map_err(|e| self.decode_error(column, e))
    }

    /// A column as a [`Value`] of the logical type `ty`, for dumps.
    pub fn value(&self, column: &str, ty: ColType) -> Result<Value, TxError> {
        Ok(match ty {
            ColType::Uuid => Value::Uuid(self.opt(column)?),
            ColType::Text => Value::Text(self.opt(column)?),
            ColType::Int => Value::Int(self.opt(column)?),
            ColType::Bool => Value::Bool(self.opt(column)?),
            ColType::Date => Value::Date(self.opt(column)?),
            ColType::Timestamp => Value::Timestamp(self.opt(column)?),
            ColType::Bytes => Value::Bytes(self.opt(column)?),
        })
    }
}

/// A typed struct read from a row by column name.
pub trait FromRow: Sized {
    fn from_row(row: &Row<'_>) -> Result<Self, TxError>;
}

/// Runs a query and reads every row as `T`; `table` names where the rows
/// come from in errors.
pub async fn fetch_as<T: FromRow>(
    tx: &mut dyn Tx,
    table: &str,
    sql: &str,
    params: &[Value],
) -> Result<Vec<T>, TxError> {
    let rows = tx.fetch(sql, params).await?;
    rows.iter()
        .map(|r| T::from_row(&Row::new(table, r)))
        .collect()
}

/// Like [`fetch_as`], for a query that gives at most one row.
pub async fn fetch_one_as<T: FromRow>(
    tx: &mut dyn Tx,
    table: &str,
    sql: &str,
    params: &[Value],
) -> Result<Option<T>, TxError> {
    Ok(fetch_as(tx, table, sql, params).await?.into_iter().next())
}

/// A count (`SELECT COUNT(*) AS n ...`).
pub struct Count(pub i64);

impl FromRow for Count {
    fn from_row(row: &Row<'_>) -> Result<Self, TxError> {
        row.get("n").map(Count)
    }
}

/// A query's single `id` column.
pub struct IdRow(pub Uuid);

impl FromRow for IdRow {
    fn from_row(row: &Row<'_>) -> Result<Self, TxError> {
        row.get("id").map(IdRow)
    }
}

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

/// A transaction type of one backend: its sqlx database, dialect, how it
/// binds parameters and which [`DbRow`] variant its rows become.
macro_rules! backend_tx {
    ($name:ident, $db:ty, $dialect:expr, $bind:ident, $row:path) => {
        pub struct $name(pub Transaction<'static, $db>);

        #[async_trait]
        impl Tx for $name {
            fn dialect(&self) -> Dialect {
                $dialect
            }

            async fn exec(&mut self, sql: &str, params: &[Value]) -> Result<u64, TxError> {
                let q = $bind(sqlx::query(AssertSqlSafe(sql.to_owned())), params);
                Ok(q.execute(&mut *self.0).await?.rows_affected())
            }

            async fn fetch(&mut self, sql: &str, params: &[Value]) -> Result<Vec<DbRow>, TxError> {
                let q = $bind(sqlx::query(AssertSqlSafe(sql.to_owned())), params);
                let mut rows = q.fetch(&mut *self.0);
                let mut out = Vec::new();
                while let Some(row) = rows.try_next().await? {
                    out.push($row(row));
                }
                Ok(out)
            }

            async fn commit(self: Box<Self>) -> Result<(), TxError> {
                Ok(self.0.commit().await?)
            }
        }
    };
}

backend_tx!(
    SqliteTx,
    Sqlite,
    Dialect::Sqlite,
    bind_sqlite,
    DbRow::Sqlite
);
backend_tx!(PgTx, Postgres, Dialect::Postgres, bind_pg, DbRow::Postgres);

#[cfg(test)]
mod tests {
    use super::*;

    /// A table without the NOT NULL the real schema has, so that a NULL can
    /// reach the reader.
    async fn loose_row(sql: &str) -> DbRow {
        let pool = sqlx::sqlite::SqlitePoolOptions::new()
            .max_connections(1)
            .connect("sqlite::memory:")
            .await
            .unwrap();
        sqlx::raw_sql("CREATE TABLE t (id TEXT, version INTEGER, at TEXT)")
            .execute(&pool)
            .await
            .unwrap();
        sqlx::raw_sql(AssertSqlSafe(sql.to_owned()))
            .execute(&pool)
            .await
            .unwrap();
        let mut tx = SqliteTx(pool.begin().await.unwrap());
        tx.fetch("SELECT id, version, at FROM t", &[])
            .await
            .unwrap()
            .pop()
            .unwrap()
    }

    #[tokio::test]
    async fn a_null_in_a_required_column_is_an_error_naming_table_and_column() {
        let row = loose_row("INSERT INTO t VALUES (NULL, NULL, NULL)").await;
        let row = Row::new("actors", &row);
        let err = row.get::<i64>("version").unwrap_err().to_string();
        assert_eq!(err, "actors.version is NULL where a value is required");
        assert_eq!(row.opt::<i64>("version").unwrap(), None);
    }

    #[tokio::test]
    async fn a_malformed_value_is_an_error_naming_table_column_and_value() {
        let row = loose_row("INSERT INTO t VALUES ('nope', 3, 'yesterday')").await;
        let row = Row::new("actors", &row);
        let err = row.get::<Uuid>("id").unwrap_err().to_string();
        assert!(err.contains("actors.id") && err.contains("'nope'"), "{err}");
        let err = row.get::<DateTime<Utc>>("at").unwrap_err().to_string();
        assert!(
            err.contains("actors.at") && err.contains("yesterday"),
            "{err}"
        );
        assert_eq!(row.get::<i64>("version").unwrap(), 3);
    }

    #[tokio::test]
    async fn an_unknown_column_is_an_error_not_a_null() {
        let row = loose_row("INSERT INTO t VALUES (NULL, 1, NULL)").await;
        let row = Row::new("actors", &row);
        assert!(row.opt::<i64>("versoin").is_err());
    }
}
