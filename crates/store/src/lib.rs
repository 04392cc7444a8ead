//! Storage for pledgewatch: SQLite (the embedded default: one file, WAL,
//! foreign keys on, a busy timeout) and PostgreSQL, behind the core's
//! [`Storage`] trait (search is an index derived from it, in
//! `pledgewatch-search`). Both share one implementation of
//! every operation (see `ops`), each backend supplying its connection, its
//! migrations and how its values are bound (see `tx` and the README).

mod accounts;
pub mod backup;
pub(crate) mod connect;
mod lifecycle;
mod ops;
pub mod schema;
mod signins;
mod tx;

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use pledgewatch_core::audit::{AuditEntry, AuditMark, AuditSubject, ChainReport};
use pledgewatch_core::error::{Error, FieldError, Result};
use pledgewatch_core::model::{
    Candidate, CandidateStatus, Dossier, Entity, EntityKind, Slug, Stored,
};
use pledgewatch_core::storage::{
    Applied, Change, ChangeContext, ChangeSession, Storage, StorageInfo, TableDump,
};
use sqlx::migrate::Migrator;
use sqlx::postgres::PgPool;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use uuid::Uuid;

pub use crate::backup::copy::{CopyOptions, CopyProgress, CopyReport, NonEmptyTarget, TableCount};
use crate::tx::{Dialect, PgTx, SqliteTx, Tx};

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// The default database: a SQLite file in the working directory.
pub const DEFAULT_DATABASE: &str = "sqlite:pledgewatch.db";

/// Where the record lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Sqlite(PathBuf),
    Postgres(String),
}

impl DatabaseUrl {
    /// Accepts `sqlite:PATH`, `sqlite://PATH`, `postgres://...`,
    /// `postgresql://...`, or a plain file path (SQLite). Any other scheme is
    /// an error, never a new file.
    pub fn parse(text: &str) -> std::result::Result<Self, FieldError> {
        let text = text.trim();
        let field = "database";
        if text.is_empty() {
            return Err(FieldError::new(
                field,
                "is empty (expected sqlite:PATH or postgres://...)",
            ));
        }
        if let Some(rest) = text
            .strip_prefix("postgres://")
            .or_else(|| text.strip_prefix("postgresql://"))
        {
            // The server's default database (often `postgres`, the one
            // for maintenance) is never written into by accident.
            let before_query = rest.split('?').next().unwrap_or_default();
            let named = before_query
                .split_once('/')
                .is_some_and(|(_, name)| !name.is_empty());
            if !named {
                return Err(FieldError::new(
                    field,
                    "names no database: give it after the host (postgres://USER@HOST/DB)",
                ));
            }
            return Ok(DatabaseUrl::Postgres(text.to_owned()));
        }
        if let Some(rest) = text
            .strip_prefix("sqlite://")
            .or_else(|| text.strip_prefix("sqlite:"))
        {
            let path = rest.split('?').next().unwrap_or_default();
            if path.is_empty() || path == ":memory:" {
                return Err(FieldError::new(
                    field,
                    "needs a file path after sqlite: (an in-memory database would lose everything)",
                ));
            }
            return DatabaseUrl::sqlite(path);
        }
        if let Some((scheme, _)) = text.split_once(':')
            && !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '-' || c == '.')
        {
            return Err(FieldError::new(
                field,
                format!(
                    "'{scheme}:' is not a supported database (use sqlite:PATH or postgres://USER@HOST/DB)"
                ),
            ));
        }
        DatabaseUrl::sqlite(text)
    }

    /// An SQLite file's location; `-` is refused, which elsewhere means
    /// standard output, rather than taken for a file of that name.
    fn sqlite(path: &str) -> std::result::Result<Self, FieldError> {
        if path == "-" {
            return Err(FieldError::new(
                "database",
                "`-` is not a database file: give a file name (./- for a file named -)",
            ));
        }
        Ok(DatabaseUrl::Sqlite(PathBuf::from(path)))
    }

    /// The location without any password, for messages.
    pub fn display(&self) -> String {
        match self {
            DatabaseUrl::Sqlite(p) => format!("sqlite:{}", p.display()),
            DatabaseUrl::Postgres(url) => redact(url),
        }
    }

    /// For a PostgreSQL URL, a name for the database that is the same for
    /// every spelling of one server address and database and differs
    /// between databases: the database's name (letters, digits, `_` and
    /// `-` kept), then 16 hexadecimal digits of the SHA-256 of host, port
    /// and database name (user and password left out, as they do not
    /// choose the data). `None` for SQLite, or a URL that does not parse.
    pub fn server_database_key(&self) -> Option<String> {
        use sha2::Digest;
        let DatabaseUrl::Postgres(url) = self else {
            return None;
        };
        let options = sqlx::postgres::PgConnectOptions::from_str(url).ok()?;
        let database = options
            .get_database()
            .unwrap_or_else(|| options.get_username());
        let identity = format!(
            "{}\n{}\n{}",
            options.get_host(),
            options.get_port(),
            database
        );
        let digest = sha2::Sha256::digest(identity.as_bytes());
        let readable: String = database
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
            .take(40)
            .collect();
        Some(format!("{readable}-{}", &hex::encode(digest)[..16]))
    }
}

/// Hides the password of a connection URL.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let userinfo = &url[s + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..s + 3], user, &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// Whether opening may create a new, empty database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    CreateIfMissing,
    MustExist,
}

enum Backend {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// An open database.
pub struct Store {
    backend: Backend,
    location: String,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("location", &self.location)
            .finish()
    }
}

const NOT_SQLITE: &str = "the file is not an SQLite database (or it is damaged): give the path \
     of a pledgewatch database, or of a file that does not exist yet";

/// SQLite's error at opening told in plain words, for the causes an
/// operator can act on.
fn sqlite_cause(e: &sqlx::Error) -> Option<&'static str> {
    let code = e.as_database_error()?.code()?;
    // The primary result code is the extended code's low byte.
    let primary = code.parse::<i64>().ok()? & 0xff;
    Some(match primary {
        26 => NOT_SQLITE,
        11 => "the database file is damaged (SQLite finds it malformed): restore it from a backup",
        8 => {
            "the database, or the folder it is in, is read-only: pledgewatch writes the database \
             and, beside it, its -wal and -shm files"
        }
        14 => {
            "SQLite cannot open the file: check that it and its folder can be read and written \
             by this user"
        }
        _ => return None,
    })
}

/// Refuses a file SQLite could not use as this user's database: one this
/// user may not write, or whose first bytes are not SQLite's.
fn check_sqlite_header(path: &Path, context: &str) -> Result<()> {
    // Opened for writing as SQLite will be: a file this user may only read
    // would be opened anyway, and its -wal and -shm files made read-only.
    let mut header = [0u8; 16];
    let read = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
        .and_then(|mut f| {
            use std::io::Read;
            f.read_exact(&mut header)
        });
    match read {
        Ok(()) if &header == b"SQLite format 3\0" => Ok(()),
        Ok(()) => Err(Error::storage(context, NOT_SQLITE)),
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            Err(Error::storage(context, NOT_SQLITE))
        }
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => Err(Error::storage(
            context,
            "this user may not write the database file (permission denied): pledgewatch \
             writes the database and, beside it, its -wal and -shm files",
        )),
        Err(e) => Err(storage_error(context, e)),
    }
}

/// SQLite's error at opening `context`, its cause in plain words when
/// there are some.
fn open_error(context: &str, e: sqlx::Error) -> Error {
    match sqlite_cause(&e) {
        Some(cause) => Error::storage(context, cause),
        None => storage_error(context, e),
    }
}

/// Refuses, before SQLite touches it (opening switches a database to
/// write-ahead logging and adds files beside it), a file that is not an
/// SQLite database, an SQLite database of another application, and an
/// empty file where a database must exist.
async fn refuse_foreign_sqlite_file(path: &Path, mode: OpenMode, location: &str) -> Result<()> {
    let context = format!("cannot open {location}");
    let Ok(meta) = std::fs::metadata(path) else {
        return Ok(());
    };
    if meta.len() == 0 {
        return match mode {
            OpenMode::CreateIfMissing => Ok(()),
            OpenMode::MustExist => Err(Error::refused(format!(
                "{} is an empty file, not a database yet: create one with `pledgewatch init`",
                path.display()
            ))),
        };
    }
    check_sqlite_header(path, &context)?;
    // Its tables, read without writing anything.
    let options = SqliteConnectOptions::new().filename(path).read_only(true);
    let mut connection = sqlx::ConnectOptions::connect(&options)
        .await
        .map_err(|e| open_error(&context, e))?;
    let tables: std::result::Result<(i64, i64), sqlx::Error> = sqlx::query_as(
        "SELECT COUNT(*), COUNT(*) FILTER (WHERE name IN ('_sqlx_migrations', 'audit_head')) \
         FROM sqlite_master \
         WHERE name NOT LIKE 'sqlite_%'",
    )
    .fetch_one(&mut connection)
    .await;
    let _ = sqlx::Connection::close(connection).await;
    match tables {
        Ok((n, ours)) if n > 0 && ours < 2 => Err(Error::refused(format!(
            "{} is an SQLite database of another application ({n} {}, not pledgewatch's): \
             give the path of a pledgewatch database, or of a new file",
            path.display(),
            if n == 1 {
                "table or view"
            } else {
                "tables and views"
            }
        ))),
        // A database file holding nothing, where one must exist: refused
        // before opening it switches it to write-ahead logging.
        Ok((0, _)) if mode == OpenMode::MustExist => Err(Error::refused(format!(
            "{} is not a pledgewatch database yet: run `pledgewatch init`",
            path.display()
        ))),
        Ok(_) => Ok(()),
        Err(e) => Err(open_error(&context, e)),
    }
}

/// Why `path` cannot be an SQLite database file, when that can be told
/// before SQLite tries (whose own message says only "unable to open").
fn unusable_sqlite_path(path: &Path) -> Option<String> {
    if path.is_dir() {
        return Some("it is a folder: give the path of a database file in it".into());
    }
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty())?;
    if !path.exists() && !folder.is_dir() {
        return Some(format!(
            "the folder {} does not exist: create it first",
            folder.display()
        ));
    }
    None
}

fn storage_error(context: &str, e: impl std::error::Error + Send + Sync + 'static) -> Error {
    Error::storage(context, e)
}

impl Store {
    /// Opens (and with `CreateIfMissing`, creates) the database. The schema
    /// is not touched: call [`Storage::migrate`] or [`Store::check_schema`].
    pub async fn open(url: &DatabaseUrl, mode: OpenMode) -> Result<Self> {
        let location = url.display();
        match url {
            DatabaseUrl::Sqlite(path) => {
                if mode == OpenMode::MustExist && !path.exists() {
                    return Err(Error::refused(format!(
                        "there is no database at {}: create it with `pledgewatch init` (or give --db)",
                        path.display()
                    )));
                }
                if let Some(why) = unusable_sqlite_path(path) {
                    return Err(Error::storage(format!("cannot open {location}"), why));
                }
                // A refused or failed open leaves no files of SQLite's beside it.
                let side_files: Vec<PathBuf> = ["-wal", "-shm"]
                    .iter()
                    .map(|suffix| {
                        let mut p = path.clone().into_os_string();
                        p.push(suffix);
                        PathBuf::from(p)
                    })
                    .filter(|p| !p.exists())
                    .collect();
                let undo = |e: Error| {
                    for p in &side_files {
                        let _ = std::fs::remove_file(p);
                    }
                    e
                };
                refuse_foreign_sqlite_file(path, mode, &location)
                    .await
                    .map_err(undo)?;
                let new_file = !path.exists();
                let options = SqliteConnectOptions::new()
                    .filename(path)
                    .create_if_missing(mode == OpenMode::CreateIfMissing)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(10));
                let pool = SqlitePoolOptions::new()
                    .max_connections(4)
                    .connect_with(options)
                    .await
                    .map_err(|e| undo(open_error(&format!("cannot open {location}"), e)))?;
                // A database holds the accounts' password hashes: one made
                // here is for its owner only (SQLite gives its -wal and -shm
                // files the same mode).
                #[cfg(unix)]
                if new_file {
                    use std::os::unix::fs::PermissionsExt;
                    let owner_only = std::fs::Permissions::from_mode(0o600);
                    for p in std::iter::once(path.clone()).chain(side_files.iter().cloned()) {
                        if p.exists() {
                            std::fs::set_permissions(&p, owner_only.clone()).map_err(|e| {
                                storage_error(&format!("cannot make {} private", p.display()), e)
                            })?;
                        }
                    }
                }
                Ok(Self {
                    backend: Backend::Sqlite(pool),
                    location,
                })
            }
            DatabaseUrl::Postgres(url) => {
                let pool = connect::postgres(url, &location).await?;
                Ok(Self {
                    backend: Backend::Postgres(pool),
                    location,
                })
            }
        }
    }

    fn migrator(&self) -> &'static Migrator {
        match self.backend {
            Backend::Sqlite(_) => &SQLITE_MIGRATIONS,
            Backend::Postgres(_) => &POSTGRES_MIGRATIONS,
        }
    }

    /// The newest migration applied, 0 for a new database.
    pub async fn schema_version(&self) -> Result<i64> {
        let sql = "SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations WHERE success";
        let result = match &self.backend {
            Backend::Sqlite(pool) => {
                let exists: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'")
                    .fetch_one(pool)
                    .await
                    .map_err(|e| storage_error("cannot read the schema version", e))?;
                if exists == 0 {
                    return Ok(0);
                }
                sqlx::query_scalar::<_, i64>(sql).fetch_one(pool).await
            }
            Backend::Postgres(pool) => {
                let exists: bool =
                    sqlx::query_scalar("SELECT to_regclass('_sqlx_migrations') IS NOT NULL")
                        .fetch_one(pool)
                        .await
                        .map_err(|e| storage_error("cannot read the schema version", e))?;
                if !exists {
                    return Ok(0);
                }
                sqlx::query_scalar::<_, i64>(sql).fetch_one(pool).await
            }
        };
        result.map_err(|e| storage_error("cannot read the schema version", e))
    }

    /// The newest migration this program knows.
    pub fn latest_schema_version(&self) -> i64 {
        self.migrator().iter().map(|m| m.version).max().unwrap_or(0)
    }

    /// The schema version a database at `url` would be migrated to, known
    /// before it is opened (or created).
    pub fn latest_schema_version_for(url: &DatabaseUrl) -> i64 {
        let migrator: &Migrator = match url {
            DatabaseUrl::Sqlite(_) => &SQLITE_MIGRATIONS,
            DatabaseUrl::Postgres(_) => &POSTGRES_MIGRATIONS,
        };
        migrator.iter().map(|m| m.version).max().unwrap_or(0)
    }

    /// Refuses to work on a schema older or newer than this program's.
    pub async fn check_schema(&self) -> Result<()> {
        let have = self.schema_version().await?;
        let want = self.latest_schema_version();
        if have == 0 {
            Err(Error::refused(format!(
                "{} is not a pledgewatch database yet: run `pledgewatch init`",
                self.location
            )))
        } else if have < want {
            Err(Error::refused(format!(
                "{} has schema version {have}, this pledgewatch needs {want}: run `pledgewatch migrate`",
                self.location
            )))
        } else if have > want {
            Err(Error::refused(format!(
                "{} has schema version {have}, newer than this pledgewatch ({want}): upgrade pledgewatch",
                self.location
            )))
        } else {
            Ok(())
        }
    }

    /// A transaction for reading.
    async fn read(&self) -> Result<Box<dyn Tx>> {
        match &self.backend {
            Backend::Sqlite(pool) => Ok(Box::new(SqliteTx(
                pool.begin()
                    .await
                    .map_err(|e| storage_error("cannot begin", e))?,
            ))),
            Backend::Postgres(pool) => Ok(Box::new(PgTx(
                pool.begin()
                    .await
                    .map_err(|e| storage_error("cannot begin", e))?,
            ))),
        }
    }

    /// A transaction for writing: on SQLite it takes the write lock at once
    /// (BEGIN IMMEDIATE), so that a read-then-write can never fail halfway;
    /// on PostgreSQL the audit head row is locked by the first statement.
    async fn write(&self) -> Result<Box<dyn Tx>> {
        match &self.backend {
            Backend::Sqlite(pool) => Ok(Box::new(SqliteTx(
                pool.begin_with("BEGIN IMMEDIATE")
                    .await
                    .map_err(|e| storage_error("cannot begin", e))?,
            ))),
            Backend::Postgres(pool) => Ok(Box::new(PgTx(
                pool.begin()
                    .await
                    .map_err(|e| storage_error("cannot begin", e))?,
            ))),
        }
    }

    /// A read transaction that sees one snapshot of the whole database for
    /// as long as it lasts (SQLite's read transactions do; PostgreSQL's need
    /// REPEATABLE READ).
    async fn snapshot(&self) -> Result<Box<dyn Tx>> {
        let mut tx = self.read().await?;
        if let Backend::Postgres(_) = self.backend {
            tx.exec(
                "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY",
                &[],
            )
            .await
            .map_err(ops::db)?;
        }
        Ok(tx)
    }

    /// Copies every table of this database, as one snapshot, into `target`
    /// in one transaction, page by page; verifies the copy there (row
    /// counts, audit head, audit chain) and commits only if it holds (see
    /// [`CopyReport::problems`]). `target` must be migrated to the same
    /// schema version.
    pub async fn copy_to(
        &self,
        target: &Store,
        options: CopyOptions,
        progress: &mut (dyn FnMut(CopyProgress<'_>) + Send),
    ) -> Result<CopyReport> {
        let mut source = self.snapshot().await?;
        let tx = target.write().await?;
        backup::copy::copy(source.as_mut(), tx, options, progress).await
    }

    /// Closes the pool, checkpointing SQLite's write-ahead log.
    pub async fn close(&self) {
        match &self.backend {
            Backend::Sqlite(pool) => pool.close().await,
            Backend::Postgres(pool) => pool.close().await,
        }
    }

    /// Runs raw SQL; for tests that tamper with the database on purpose.
    #[doc(hidden)]
    pub async fn execute_raw(&self, sql: &str) -> Result<u64> {
        let sql = sqlx::AssertSqlSafe(sql.to_owned());
        let result = match &self.backend {
            Backend::Sqlite(pool) => sqlx::raw_sql(sql)
                .execute(pool)
                .await
                .map(|r| r.rows_affected()),
            Backend::Postgres(pool) => sqlx::raw_sql(sql)
                .execute(pool)
                .await
                .map(|r| r.rows_affected()),
        };
        result.map_err(|e| storage_error("raw SQL failed", e))
    }

    /// The column names of a table as the database has them; for the test
    /// that keeps the Rust-side specs and the migrations in step.
    #[doc(hidden)]
    pub async fn table_columns(&self, table: &str) -> Result<Vec<String>> {
        let result = match &self.backend {
            Backend::Sqlite(pool) => {
                sqlx::query_scalar::<_, String>("SELECT name FROM pragma_table_info($1) ORDER BY cid")
                    .bind(table)
                    .fetch_all(pool)
                    .await
            }
            Backend::Postgres(pool) => {
                sqlx::query_scalar::<_, String>(
                    "SELECT column_name::text FROM information_schema.columns WHERE table_name = $1 AND table_schema = current_schema() \
                     AND is_generated = 'NEVER' ORDER BY ordinal_position",
                )
                .bind(table)
                .fetch_all(pool)
                .await
            }
        };
        result.map_err(|e| storage_error("cannot list columns", e))
    }
}

/// The page cache of a connection while it holds a [`Session`], in KiB
/// (the connection goes back to SQLite's default of 2 MB at the commit).
const SESSION_CACHE_KIB: u32 = 64 * 1024;

/// A write transaction taking changes in chunks (see [`ChangeSession`]).
struct Session {
    tx: Box<dyn Tx>,
    chain: ops::Chain,
    context: ChangeContext,
    written: u64,
}

#[async_trait]
impl ChangeSession for Session {
    fn began_at(&self) -> i64 {
        self.chain.began_at
    }

    async fn apply(&mut self, changes: Vec<Change>) -> Result<u64> {
        let entries = self
            .chain
            .apply(self.tx.as_mut(), &self.context, changes)
            .await?;
        let n = entries.len() as u64;
        self.written += n;
        Ok(n)
    }

    async fn commit(self: Box<Self>) -> Result<u64> {
        let Session {
            mut tx,
            chain,
            written,
            ..
        } = *self;
        chain.close(tx.as_mut()).await?;
        if tx.dialect() == Dialect::Sqlite {
            tx.exec("PRAGMA cache_size = -2000", &[])
                .await
                .map_err(ops::db)?;
        }
        commit(tx).await?;
        Ok(written)
    }
}

async fn commit(tx: Box<dyn Tx>) -> Result<()> {
    tx.commit().await.map_err(ops::db)
}

#[async_trait]
impl Storage for Store {
    fn info(&self) -> StorageInfo {
        StorageInfo {
            backend: match self.backend {
                Backend::Sqlite(_) => "sqlite",
                Backend::Postgres(_) => "postgres",
            },
            location: self.location.clone(),
            schema_version: self.latest_schema_version(),
        }
    }

    async fn migrate(&self) -> Result<()> {
        let result = match &self.backend {
            Backend::Sqlite(pool) => SQLITE_MIGRATIONS.run(pool).await,
            Backend::Postgres(pool) => POSTGRES_MIGRATIONS.run(pool).await,
        };
        result.map_err(|e| storage_error(&format!("cannot migrate {}", self.location), e))
    }

    async fn apply(
        &self,
        context: &ChangeContext,
        changes: Vec<Change>,
    ) -> Result<Vec<AuditEntry>> {
        let mut tx = self.write().await?;
        let written = ops::apply(tx.as_mut(), context, changes).await?;
        commit(tx).await?;
        Ok(written)
    }

    async fn begin_changes(&self, context: &ChangeContext) -> Result<Box<dyn ChangeSession>> {
        let mut tx = self.write().await?;
        if tx.dialect() == Dialect::Sqlite {
            // A long transaction touches more pages than SQLite's default
            // cache of 2 MB holds: without room they spill to the write-ahead
            // log and are read back from it again and again.
            tx.exec(&format!("PRAGMA cache_size = -{SESSION_CACHE_KIB}"), &[])
                .await
                .map_err(ops::db)?;
        } else {
            // Each statement planned for the tables as this transaction has
            // grown them: a prepared statement's generic plan, made once
            // for a table of a few dozen rows, scanned the whole table for
            // every chunk's ids as the import added hundreds of thousands.
            tx.exec("SET LOCAL plan_cache_mode = force_custom_plan", &[])
                .await
                .map_err(ops::db)?;
        }
        let chain = ops::Chain::open(tx.as_mut()).await?;
        Ok(Box::new(Session {
            tx,
            chain,
            context: context.clone(),
            written: 0,
        }))
    }

    /// One statement on the pool, outside any transaction (a single
    /// SELECT sees one committed state): the page cache asks on every
    /// request, and a transaction's BEGIN and ROLLBACK would triple the
    /// round trips.
    async fn audit_seq(&self) -> Result<i64> {
        let sql = "SELECT seq FROM audit_head WHERE id = 1";
        let seq: Option<i64> = match &self.backend {
            Backend::Sqlite(pool) => sqlx::query_scalar(sql).fetch_optional(pool).await,
            Backend::Postgres(pool) => sqlx::query_scalar(sql).fetch_optional(pool).await,
        }
        .map_err(|e| storage_error("cannot read the audit head", e))?;
        Ok(seq.unwrap_or(0))
    }

    async fn apply_if_unchanged(
        &self,
        context: &ChangeContext,
        changes: Vec<Change>,
        seen: i64,
    ) -> Result<Applied> {
        let mut tx = self.write().await?;
        // The head is locked for the rest of the transaction (writes are
        // serialised on it), so nothing lands between this look and the commit.
        let head = ops::audit_head(tx.as_mut(), true).await?;
        if head.map_or(0, |h| h.seq) != seen {
            return Ok(Applied::Stale(changes));
        }
        let written = ops::apply(tx.as_mut(), context, changes).await?;
        commit(tx).await?;
        Ok(Applied::Written(written))
    }

    async fn get(&self, kind: EntityKind, id: Uuid) -> Result<Option<Stored<Entity>>> {
        ops::get(self.read().await?.as_mut(), kind, id).await
    }

    async fn get_many(&self, kind: EntityKind, ids: &[Uuid]) -> Result<Vec<Stored<Entity>>> {
        ops::get_many(self.read().await?.as_mut(), kind, ids).await
    }

    async fn removed(&self, kind: EntityKind, ids: &[Uuid]) -> Result<Vec<Uuid>> {
        ops::removed(self.read().await?.as_mut(), kind, ids).await
    }

    async fn taken(&self, ids: &[Uuid]) -> Result<Vec<(Uuid, EntityKind)>> {
        ops::taken(self.read().await?.as_mut(), ids).await
    }

    async fn referring(
        &self,
        kind: EntityKind,
        target_kind: EntityKind,
        targets: &[Uuid],
    ) -> Result<Vec<Stored<Entity>>> {
        ops::referring(self.read().await?.as_mut(), kind, target_kind, targets).await
    }

    async fn dossier_by_slug(&self, slug: &Slug) -> Result<Option<Stored<Dossier>>> {
        ops::dossier_by_slug(self.read().await?.as_mut(), slug).await
    }

    async fn list_dossiers(&self) -> Result<Vec<Stored<Dossier>>> {
        ops::list_dossiers(self.read().await?.as_mut()).await
    }

    async fn list(&self, kind: EntityKind, limit: u32, offset: u32) -> Result<Vec<Stored<Entity>>> {
        ops::list(self.read().await?.as_mut(), kind, limit, offset).await
    }

    async fn published(
        &self,
        ids: &[Uuid],
    ) -> Result<std::collections::HashMap<Uuid, chrono::DateTime<chrono::Utc>>> {
        ops::published(self.read().await?.as_mut(), ids).await
    }

    async fn published_records(
        &self,
        kind: EntityKind,
        ids: &[Uuid],
    ) -> Result<Vec<Stored<Entity>>> {
        ops::published_records(self.read().await?.as_mut(), kind, ids).await
    }

    async fn published_referring(
        &self,
        kind: EntityKind,
        target_kind: EntityKind,
        targets: &[Uuid],
    ) -> Result<Vec<Stored<Entity>>> {
        ops::published_referring(self.read().await?.as_mut(), kind, target_kind, targets).await
    }

    async fn published_list(
        &self,
        kind: EntityKind,
        limit: u32,
        offset: u32,
    ) -> Result<Vec<Stored<Entity>>> {
        ops::published_list(self.read().await?.as_mut(), kind, limit, offset).await
    }

    async fn published_sources_with_file(
        &self,
        sha256: &pledgewatch_core::model::Sha256Hex,
    ) -> Result<Vec<Stored<Entity>>> {
        ops::published_sources_with_file(self.read().await?.as_mut(), sha256).await
    }

    async fn pending(&self, limit: u32) -> Result<Vec<pledgewatch_core::storage::Pending>> {
        ops::pending(self.read().await?.as_mut(), limit).await
    }

    async fn put_file(
        &self,
        media_type: &str,
        content: &[u8],
    ) -> Result<pledgewatch_core::model::Sha256Hex> {
        let mut tx = self.write().await?;
        let sha = ops::put_file(
            tx.as_mut(),
            media_type,
            content,
            pledgewatch_core::audit::now(),
        )
        .await?;
        commit(tx).await?;
        Ok(sha)
    }

    async fn get_file(
        &self,
        sha256: &pledgewatch_core::model::Sha256Hex,
    ) -> Result<Option<(String, Vec<u8>)>> {
        ops::get_file(self.read().await?.as_mut(), sha256).await
    }

    async fn sources_with_file(
        &self,
        sha256: &pledgewatch_core::model::Sha256Hex,
    ) -> Result<Vec<Stored<Entity>>> {
        ops::sources_with_file(self.read().await?.as_mut(), sha256).await
    }

    async fn list_candidates(
        &self,
        status: Option<CandidateStatus>,
    ) -> Result<Vec<Stored<Candidate>>> {
        ops::list_candidates(self.read().await?.as_mut(), status).await
    }

    async fn history(&self, subject: AuditSubject, id: Uuid) -> Result<Vec<AuditEntry>> {
        ops::history(self.read().await?.as_mut(), subject, id).await
    }

    async fn verify_audit(&self) -> Result<ChainReport> {
        ops::verify_audit(self.read().await?.as_mut()).await
    }

    async fn audit_marks(&self, after: i64, limit: u32) -> Result<Vec<AuditMark>> {
        ops::audit_marks(self.read().await?.as_mut(), after, limit).await
    }

    async fn dump(&self) -> Result<Vec<TableDump>> {
        backup::tables::dump(self.read().await?.as_mut()).await
    }

    async fn restore(&self, tables: Vec<TableDump>) -> Result<()> {
        let mut tx = self.write().await?;
        backup::tables::restore(tx.as_mut(), tables).await?;
        commit(tx).await
    }

    async fn is_empty(&self) -> Result<bool> {
        backup::tables::is_empty(self.read().await?.as_mut()).await
    }
}

/// Opens a database from a URL string and brings its schema up to date.
pub async fn open_and_migrate(url: &str) -> Result<Store> {
    let url = DatabaseUrl::parse(url)?;
    let store = Store::open(&url, OpenMode::CreateIfMissing).await?;
    store.migrate().await?;
    Ok(store)
}

/// The migration file names of a backend, for the test that keeps the two
/// folders in step.
pub fn migration_names(dir: &Path) -> std::io::Result<Vec<String>> {
    let mut names: Vec<String> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    Ok(names)
}

impl FromStr for DatabaseUrl {
    type Err = FieldError;
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_urls_parse_by_scheme() {
        assert_eq!(
            DatabaseUrl::parse("sqlite:x.db").unwrap(),
            DatabaseUrl::Sqlite("x.db".into())
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite://x.db").unwrap(),
            DatabaseUrl::Sqlite("x.db".into())
        );
        assert_eq!(
            DatabaseUrl::parse("./x.db").unwrap(),
            DatabaseUrl::Sqlite("./x.db".into())
        );
        assert!(matches!(
            DatabaseUrl::parse("postgres://u@h/db").unwrap(),
            DatabaseUrl::Postgres(_)
        ));
    }

    #[test]
    fn a_postgres_url_must_name_its_database() {
        for url in [
            "postgres://u@h",
            "postgres://u@h/",
            "postgresql://u@h:5432/?sslmode=disable",
        ] {
            let err = DatabaseUrl::parse(url).unwrap_err();
            assert!(err.reason.contains("names no database"), "{url}: {err}");
        }
        assert!(DatabaseUrl::parse("postgres:///pw").is_ok());
        assert!(DatabaseUrl::parse("postgresql://u@h:5432/pw?sslmode=disable").is_ok());
    }

    #[test]
    fn an_unknown_scheme_is_an_error_not_a_file() {
        let err = DatabaseUrl::parse("mysql://u@h/db").unwrap_err();
        assert!(err.reason.contains("'mysql:'"), "{err}");
        assert!(DatabaseUrl::parse("sqlite::memory:").is_err());
        for dash in ["-", "sqlite:-", "sqlite://-"] {
            let err = DatabaseUrl::parse(dash).unwrap_err();
            assert!(err.reason.contains("`-` is not a database file"), "{dash}");
        }
        assert_eq!(
            DatabaseUrl::parse("./-").unwrap(),
            DatabaseUrl::Sqlite(PathBuf::from("./-"))
        );
        assert!(DatabaseUrl::parse("").is_err());
    }

    #[test]
    fn passwords_never_appear_in_messages() {
        let url = DatabaseUrl::parse("postgres://alice:s3cret@db.example/pw").unwrap();
        assert_eq!(url.display(), "postgres://alice:***@db.example/pw");
    }

    #[test]
    fn a_server_database_key_names_the_database_and_ignores_who_connects() {
        let key = |u: &str| DatabaseUrl::parse(u).unwrap().server_database_key();
        let pw = key("postgres://alice:s3cret@db.example/pw").unwrap();
        assert!(
            pw.starts_with("pw-") && pw.len() == "pw-".len() + 16,
            "{pw}"
        );
        assert_eq!(key("postgresql://bob@db.example:5432/pw").unwrap(), pw);
        assert_ne!(key("postgres://alice@db.example/pw2").unwrap(), pw);
        assert_ne!(key("postgres://alice@db.example:5433/pw").unwrap(), pw);
        assert_ne!(key("postgres://alice@other.example/pw").unwrap(), pw);
        assert_eq!(key("sqlite:pledgewatch.db"), None);
        let odd = key("postgres://alice@db.example/a%2F..%2Fb").unwrap();
        assert!(!odd.contains('/') && !odd.contains('.'), "{odd}");
    }
}
