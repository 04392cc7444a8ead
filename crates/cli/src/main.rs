//! The `pledgewatch` command: a thin layer that parses arguments, opens the
//! database and calls the same services as every other front end.

/// Prints to standard output as `print!` does, but a reader that went away
/// (`pledgewatch … | head`) neither stops the command nor makes it panic:
/// its work goes on and its exit code tells how that went.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::output::write_out(format_args!($($arg)*))
    };
}

/// Prints a line to standard error as `eprintln!` does, but a standard
/// error that cannot be written (`2>&1 | head`, a full disk) is let go
/// instead of a panic: the message is lost, the work and the exit code are
/// not.
macro_rules! errln {
    ($($arg:tt)*) => {
        $crate::output::write_err(format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// [`out!`] with a line end, as `println!`.
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::output::write_out(format_args!("{}\n", format_args!($($arg)*)))
    };
}

mod commands;
mod documents;
mod drafting;
mod export;
mod import;
mod output;
mod tokens;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use pledgewatch_core::error::{Error, FieldError};
use pledgewatch_store::{DEFAULT_DATABASE, DatabaseUrl, OpenMode, Store};

use commands::{database, dossier, migrate_to, records, search_index, serve, user};

/// Exit codes, documented in `--help`.
mod exit {
    pub const OK: u8 = 0;
    pub const FAILURE: u8 = 1;
    pub const INVALID: u8 = 3;
    pub const NOT_FOUND: u8 = 4;
    pub const CONFLICT: u8 = 5;
    pub const AUDIT_BROKEN: u8 = 6;
    pub const REFUSED: u8 = 7;
}

const AFTER_HELP: &str = "\
Exit codes:
  0  success
  1  the database or a file could not be used (the message says why), or
     standard output did not take all that was printed (closed early by
     `| head`, or full):
     the command's work is done all the same
  2  the command line itself is wrong (unknown option, missing argument)
  3  invalid input: the message names each field and the reason; nothing was changed
  4  not found
  5  conflict: someone else changed the record since you read it; nothing was changed
  6  the audit log's hash chain is broken (audit verify, or the copy of migrate-to)
  7  refused (for example: restore or migrate-to into a database that is not empty;
     a database that does not exist yet, or is another application's)

The database is chosen by --db or PLEDGEWATCH_DATABASE_URL: sqlite:PATH (or a plain
path) for the embedded database, postgres://USER@HOST/DB for PostgreSQL.";

#[derive(Debug, Parser)]
#[command(
    name = "pledgewatch",
    version,
    about = "Hold governments to the commitments they make internationally.",
    long_about = "pledgewatch records the commitments governments make at international forums, \
                  what happens to them, and how they are rated over time, and produces the documents \
                  that hold governments to them.",
    after_help = AFTER_HELP
)]
struct Cli {
    /// Database: sqlite:PATH, a file path, or postgres://USER@HOST/DB.
    #[arg(long, global = true, env = "PLEDGEWATCH_DATABASE_URL", default_value = DEFAULT_DATABASE)]
    db: String,

    /// Who you are, as recorded in the audit log for every change.
    #[arg(
        long = "as",
        global = true,
        env = "PLEDGEWATCH_USER",
        value_name = "NAME"
    )]
    user: Option<String>,

    /// Where the search index lives: a directory, or `memory` (built when
    /// needed). By default a directory beside an SQLite database
    /// (`pledgewatch.db.search`); with PostgreSQL, one named after the
    /// database (its name and a hash of host, port and name) in
    /// `$XDG_CACHE_HOME/pledgewatch/search/` (else `~/.cache`, else the
    /// working directory). A second `serve` on this machine finds it in use
    /// and keeps its own beside it (`DIR.2`, ...).
    #[arg(
        long,
        global = true,
        env = "PLEDGEWATCH_SEARCH_INDEX",
        value_name = "DIR"
    )]
    search_index: Option<String>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create a new database (or bring an existing one's schema up to date).
    Init,
    /// Apply pending schema migrations.
    Migrate,
    /// Load the seed case (Kazakhstan's Madrid pledges, 2007) as the demo dossier.
    /// Running it again changes nothing.
    Demo,
    /// Load a dossier dataset (JSON, format pledgewatch-demo/1): new entities are
    /// created, changed ones updated, identical ones left alone.
    Load(LoadArgs),
    /// Import a file of records (UPR recommendations, pledgewatch's own CSV or
    /// JSON, any CSV through a mapping) in one transaction, with a per-row
    /// report. Importing the same file again creates no duplicates.
    Import(import::ImportArgs),
    /// List and show dossiers.
    #[command(subcommand)]
    Dossier(DossierCommand),
    /// Rate a commitment: add an assessment.
    Assess(AssessArgs),
    /// Remove an entity (it stays readable in the audit log).
    Remove(RemoveArgs),
    /// Show the audit history of one entity.
    History(HistoryArgs),
    /// Full-text search over commitments, quotes, developments, concerns,
    /// recommendations and sources.
    Search(SearchArgs),
    /// The search index, derived from the database: `rebuild` it.
    #[command(subcommand)]
    SearchIndex(SearchIndexCommand),
    /// Check the audit log.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Write every table to a backup file (JSON Lines with a checksum).
    Backup {
        /// The file to write; it is replaced only once the backup is complete.
        file: PathBuf,
    },
    /// Restore a backup into an empty database.
    Restore {
        /// A file written by `pledgewatch backup`.
        file: PathBuf,
    },
    /// Copy the database (--db) into another one, verified: SQLite to
    /// PostgreSQL when one machine is not enough, PostgreSQL to SQLite for a
    /// backup. Refuses a target that holds records unless --replace is given.
    MigrateTo(migrate_to::MigrateToArgs),
    /// Drafting help: propose the commitments in a statement, letter or
    /// report, with their quotes, actors and deadlines. Prints them; with
    /// --save, stores them as drafts to review.
    Extract(drafting::ExtractArgs),
    /// The review queue of drafted commitments: list, accept (possibly
    /// edited) or reject.
    #[command(subcommand)]
    Drafts(drafting::DraftsCommand),
    /// Score the extractor against the gold annotations (precision, recall,
    /// F1, deadline and condition accuracy by genre). Run from the
    /// repository's root, next to the shared data.
    ExtractEval(drafting::EvalArgs),
    /// Write the "promises and reality" memorandum of a dossier as of a date.
    Memo(documents::MemoArgs),
    /// Write the letter to officials, one per recipient of a list (or combined).
    #[command(after_help = documents::letter_help())]
    Letter(documents::LetterArgs),
    /// Export every record of one kind, or a dossier with all it needs, as
    /// CSV or JSON (see docs/formats.md).
    Export(export::ExportArgs),
    /// Run the web application.
    Serve(ServeArgs),
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage API tokens (for the JSON API under /api/v1).
    #[command(subcommand)]
    Token(tokens::TokenCommand),
}

#[derive(Debug, Args)]
struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    bind: std::net::SocketAddr,
    /// Create the database if needed and load the seed case into it (once).
    #[arg(long)]
    demo: bool,
    /// Send cookies without the Secure attribute and the `__Host-` prefix
    /// of their names (only for plain HTTP on a host other than localhost;
    /// never on the internet).
    #[arg(long)]
    insecure_cookies: bool,
    /// Let a reviewer approve their own changes (for a team of one). Off by
    /// default: a second person checks what goes public. Each approval of
    /// one's own change says so in the audit log.
    #[arg(long, env = "PLEDGEWATCH_ALLOW_SELF_REVIEW")]
    allow_self_review: bool,
    /// The lowest role that reads confidential sources and the quotes from
    /// them (viewer, editor or reviewer: reviewers approve what goes
    /// public, so they read everything); the team's pages leave them out
    /// for roles below it.
    #[arg(long, default_value = "editor", value_parser = parse_role)]
    confidential_role: pledgewatch_core::accounts::Role,
    /// The address of a reverse proxy in front (repeatable, or a comma-separated
    /// list in the variable): for its connections the client is the last
    /// address of X-Forwarded-For, for the sign-in slowdowns, and the limit of
    /// 64 connections per client does not apply.
    #[arg(
        long = "trusted-proxy",
        value_name = "ADDR",
        env = "PLEDGEWATCH_TRUSTED_PROXIES",
        value_delimiter = ','
    )]
    trusted_proxies: Vec<std::net::IpAddr>,
    /// Megabytes of memory for rendered public pages, which anonymous
    /// visitors share until the next write (0 turns the cache off).
    #[arg(long, default_value_t = 32, value_name = "MB")]
    page_cache_mb: usize,
    /// The address the public reaches this server at
    /// (https://pledges.example.org), which starts the links in Atom feeds;
    /// without it they use the host each request names.
    #[arg(long, value_name = "URL", env = "PLEDGEWATCH_PUBLIC_URL", value_parser = parse_public_url)]
    public_url: Option<String>,
    /// The organisation that runs this server, named in every page's footer.
    #[arg(long, value_name = "NAME", env = "PLEDGEWATCH_ORGANISATION")]
    organisation: Option<String>,
    /// The licence of the published data ("CC BY 4.0"), named in every
    /// page's footer beside the open data downloads.
    #[arg(long, value_name = "TEXT", env = "PLEDGEWATCH_DATA_LICENCE")]
    data_licence: Option<String>,
}

fn parse_public_url(text: &str) -> Result<String, String> {
    let text = text.trim().trim_end_matches('/');
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
        .ok_or("the public address starts with https:// (or http://)")?;
    if rest.is_empty() || rest.contains(['/', '?', '#', ' ', '"', '<', '>']) {
        return Err("the public address is a scheme and a host (and port), without a path".into());
    }
    Ok(text.to_owned())
}

fn parse_role(text: &str) -> Result<pledgewatch_core::accounts::Role, String> {
    use pledgewatch_core::accounts::Role;
    match Role::parse(text).map_err(|e| e.reason)? {
        // Reviewers approve what goes public: they must read it all.
        Role::Admin => Err(
            "reviewers approve what goes public, so they read confidential sources: \
             the confidential role is viewer, editor or reviewer"
                .into(),
        ),
        role => Ok(role),
    }
}

#[derive(Debug, Subcommand)]
enum UserCommand {
    /// Create an account. The password is read from the first line of
    /// standard input (or PLEDGEWATCH_NEW_PASSWORD).
    Add {
        username: String,
        /// viewer, editor, reviewer or admin.
        #[arg(long)]
        role: String,
        /// The name shown in the application (default: the username).
        #[arg(long)]
        name: Option<String>,
    },
    /// List the accounts.
    List,
    /// Disable an account: it cannot sign in, its sessions end and its API
    /// tokens are revoked. The last enabled administrator cannot be disabled.
    Disable { username: String },
    /// Enable a disabled account again (its revoked tokens stay revoked).
    Enable { username: String },
    /// Set an account's password. The new password is read from the first
    /// line of standard input (or PLEDGEWATCH_NEW_PASSWORD); every session
    /// of the account ends.
    Passwd { username: String },
    /// Issue a one-time password reset code for an account (printed once,
    /// on standard output; it works for 24 hours, at /reset). Replaces any
    /// earlier code of the account.
    Reset { username: String },
}

#[derive(Debug, Clone, Copy, ValueEnum, Default)]
enum Format {
    #[default]
    Text,
    Json,
}

#[derive(Debug, Args)]
struct LoadArgs {
    /// The dataset file.
    file: PathBuf,
    /// Why, for the audit log.
    #[arg(long)]
    reason: Option<String>,
    /// Also publish every entity of the dataset (otherwise new entities are
    /// drafts that only signed-in users see until a reviewer publishes them).
    #[arg(long)]
    publish: bool,
}

#[derive(Debug, Subcommand)]
enum DossierCommand {
    /// List the dossiers.
    List {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Show a dossier's commitments with their deadlines and latest status.
    Show {
        /// The dossier's slug (see `dossier list`).
        slug: String,
        /// Show the dossier as it stood on this day (YYYY-MM-DD), using only
        /// what was known by then. Default: today.
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

#[derive(Debug, Args)]
struct AssessArgs {
    /// The commitment's id.
    commitment: String,
    /// A status of the dossier's scale (e.g. not_started, in_progress, fulfilled, regressed).
    #[arg(long)]
    status: String,
    /// The day the rating describes (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    as_of: String,
    /// Why this rating.
    #[arg(long)]
    rationale: String,
    /// The scale (default, odihr, ogp, politifact).
    #[arg(long, default_value = "default")]
    scale: String,
    /// Ids of the developments the rating rests on.
    #[arg(long = "development", value_name = "ID")]
    developments: Vec<String>,
    /// Why, for the audit log.
    #[arg(long)]
    reason: Option<String>,
}

#[derive(Debug, Args)]
struct RemoveArgs {
    /// The kind of entity (actor, commitment, development, ...).
    kind: String,
    /// Its id.
    id: String,
    /// The version you are removing (see `history`); guards against removing
    /// something that changed since you looked.
    #[arg(long)]
    version: i64,
    /// Why (required).
    #[arg(long)]
    reason: String,
}

#[derive(Debug, Args)]
struct HistoryArgs {
    kind: String,
    id: String,
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

#[derive(Debug, Args)]
struct SearchArgs {
    /// The words to look for (all must match).
    query: String,
    /// Only these kinds (repeatable): commitment, quote, development, concern, recommendation, source.
    #[arg(long = "kind")]
    kinds: Vec<String>,
    /// At most this many results, 1 to 1000.
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=1000))]
    limit: u32,
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

#[derive(Debug, Subcommand)]
enum SearchIndexCommand {
    /// Build the search index again from the database, from nothing (a
    /// server's index is otherwise kept current from the audit log, and
    /// rebuilt by itself when it cannot be used).
    Rebuild,
}

#[derive(Debug, Subcommand)]
enum AuditCommand {
    /// Check every entry's hash and its link to the previous one.
    Verify {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

/// An error with the exit code it leads to.
struct Failure {
    code: u8,
    message: String,
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        let code = match &e {
            Error::Invalid(_) | Error::DanglingReference { .. } => exit::INVALID,
            Error::NotFound { .. } => exit::NOT_FOUND,
            Error::Conflict { .. } | Error::Changed => exit::CONFLICT,
            Error::Refused(_) => exit::REFUSED,
            Error::Storage { .. } => exit::FAILURE,
        };
        Failure {
            code,
            message: e.to_string(),
        }
    }
}

impl From<FieldError> for Failure {
    fn from(e: FieldError) -> Self {
        Error::from(e).into()
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if matches!(cli.command, Command::Serve(_)) {
        bound_malloc_arenas();
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            errln!("error: cannot start: {e}");
            return ExitCode::from(exit::FAILURE);
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(exit::OK) if output::output_cut() => {
            errln!(
                "error: standard output did not take all of the output (closed early, or full); what the command did is done"
            );
            ExitCode::from(exit::FAILURE)
        }
        Ok(code) => ExitCode::from(code),
        Err(f) => {
            errln!("error: {}", f.message);
            ExitCode::from(f.code)
        }
    }
}

/// With glibc, a long-running `serve` starts again in place (same
/// process, same arguments) with `MALLOC_ARENA_MAX=2` and fixed mmap and
/// trim thresholds, unless the environment already chooses: glibc gives each thread that meets a
/// locked arena a new one, up to eight per core, and each keeps the memory
/// freed into it, so the server's memory grew for minutes under a steady
/// load (decision 0031). The variable is read only when a process starts,
/// hence the `exec`; if it fails, the server runs as it is.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn bound_malloc_arenas() {
    use std::os::unix::process::CommandExt;
    let chosen = std::env::var_os("MALLOC_ARENA_MAX").is_some()
        || std::env::var("GLIBC_TUNABLES").is_ok_and(|t| t.contains("arena_max"));
    if chosen {
        return;
    }
    let Ok(program) = std::env::current_exe() else {
        return;
    };
    let mut command = std::process::Command::new(program);
    command
        .args(std::env::args_os().skip(1))
        .env("MALLOC_ARENA_MAX", "2");
    // Fixed thresholds: blocks of 128 KiB and more (rendered pages, request
    // bodies) are mapped and given back when freed, and the heap's free top
    // is trimmed past 256 KiB, where glibc would otherwise raise both after
    // the first large block freed and keep such blocks in the heap.
    for (name, value) in [
        ("MALLOC_MMAP_THRESHOLD_", "131072"),
        ("MALLOC_TRIM_THRESHOLD_", "262144"),
    ] {
        if std::env::var_os(name).is_none() {
            command.env(name, value);
        }
    }
    let failed = command.exec();
    errln!("note: serving with glibc's default malloc arenas ({failed})");
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn bound_malloc_arenas() {}

fn acting_user(cli_user: &Option<String>) -> String {
    cli_user
        .clone()
        .or_else(|| std::env::var("USER").ok())
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| "cli".to_owned())
}

async fn open(url: &str, mode: OpenMode) -> Result<Store, Failure> {
    let url = DatabaseUrl::parse(url)?;
    Ok(Store::open(&url, mode).await?)
}

/// Opens an existing database whose schema is current.
async fn open_current(url: &str) -> Result<Store, Failure> {
    let store = open(url, OpenMode::MustExist).await?;
    store.check_schema().await?;
    Ok(store)
}

async fn run(cli: Cli) -> Result<u8, Failure> {
    let who = acting_user(&cli.user);
    let db = cli.db.as_str();
    match cli.command {
        Command::Init => return database::init(db).await,
        Command::Migrate => return database::migrate(db).await,
        Command::Demo => dossier::demo(db, &who).await?,
        Command::Load(args) => dossier::load(db, &who, args).await?,
        Command::Import(args) => return import::import(db, &who, args).await,
        Command::Dossier(DossierCommand::List { format }) => dossier::list(db, format).await?,
        Command::Dossier(DossierCommand::Show {
            slug,
            as_of,
            format,
        }) => dossier::show(db, &slug, as_of.as_deref(), format).await?,
        Command::Assess(args) => records::assess(db, &who, args).await?,
        Command::Remove(args) => records::remove(db, &who, args).await?,
        Command::History(args) => records::history(db, args).await?,
        Command::Search(args) => records::search(db, cli.search_index.as_deref(), args).await?,
        Command::SearchIndex(SearchIndexCommand::Rebuild) => {
            search_index::rebuild(db, cli.search_index.as_deref()).await?;
        }
        Command::Audit(AuditCommand::Verify { format }) => {
            return database::audit_verify(db, format).await;
        }
        Command::Backup { file } => return database::backup(db, &file).await,
        Command::Restore { file } => return database::restore(db, &file).await,
        Command::MigrateTo(args) => return migrate_to::migrate_to(db, args).await,
        Command::Extract(args) => drafting::extract(db, &who, args).await?,
        Command::Drafts(command) => drafting::drafts(db, &who, command).await?,
        Command::ExtractEval(args) => drafting::eval(args)?,
        Command::Serve(args) => serve::serve(db, &who, cli.search_index.as_deref(), args).await?,
        Command::User(UserCommand::Add {
            username,
            role,
            name,
        }) => user::add(db, &who, username, &role, name).await?,
        Command::User(UserCommand::List) => user::list(db).await?,
        Command::User(UserCommand::Disable { username }) => {
            user::set_disabled(db, &who, &username, true).await?;
        }
        Command::User(UserCommand::Enable { username }) => {
            user::set_disabled(db, &who, &username, false).await?;
        }
        Command::User(UserCommand::Passwd { username }) => {
            user::passwd(db, &who, &username).await?
        }
        Command::User(UserCommand::Reset { username }) => user::reset(db, &who, &username).await?,
        Command::Token(command) => tokens::run(db, &who, command).await?,
        Command::Memo(args) => documents::memo(&open_current(db).await?, args).await?,
        Command::Letter(args) => documents::letter(&open_current(db).await?, args).await?,
        Command::Export(args) => export::run(&open_current(db).await?, args).await?,
    }
    Ok(exit::OK)
}
