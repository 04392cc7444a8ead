//! The `pledgewatch` command: a thin layer that parses arguments, opens the
//! database and calls the same services as every other front end.

mod documents;
mod drafting;
mod export;
mod import;
mod output;
mod tokens;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use pledgewatch_core::dataset;
use pledgewatch_core::date::parse_day;
use pledgewatch_core::error::{Error, FieldError};
use pledgewatch_core::model::{Entity, EntityKind, Slug};
use pledgewatch_core::service::{self, Services};
use pledgewatch_core::storage::{SearchIndex, SearchQuery, Storage};
use pledgewatch_store::{DEFAULT_DATABASE, DatabaseUrl, OpenMode, Store, backup};

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
  1  the database or a file could not be used (the message says why)
  2  the command line itself is wrong (unknown option, missing argument)
  3  invalid input: the message names each field and the reason; nothing was changed
  4  not found
  5  conflict: someone else changed the record since you read it; nothing was changed
  6  the audit log's hash chain is broken (audit verify)
  7  refused (for example: restore into a database that is not empty)

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
    /// Send cookies without the Secure attribute (only for plain HTTP on a
    /// host other than localhost; never on the internet).
    #[arg(long)]
    insecure_cookies: bool,
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
    /// At most this many results.
    #[arg(long, default_value_t = 20)]
    limit: u32,
    #[arg(long, value_enum, default_value_t)]
    format: Format,
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
            Error::Conflict { .. } => exit::CONFLICT,
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
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start: {e}");
            return ExitCode::from(exit::FAILURE);
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => ExitCode::from(code),
        Err(f) => {
            eprintln!("error: {}", f.message);
            ExitCode::from(f.code)
        }
    }
}

fn user(cli_user: &Option<String>) -> String {
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
    let who = user(&cli.user);
    match cli.command {
        Command::Init => {
            let store = open(&cli.db, OpenMode::CreateIfMissing).await?;
            store.migrate().await?;
            println!(
                "Database ready at {} (schema version {}).",
                store.info().location,
                store.latest_schema_version()
            );
            store.close().await;
        }
        Command::Migrate => {
            let store = open(&cli.db, OpenMode::MustExist).await?;
            let before = store.schema_version().await?;
            store.migrate().await?;
            let after = store.schema_version().await?;
            if before == after {
                println!("Schema already at version {after}; nothing to do.");
            } else {
                println!("Schema migrated from version {before} to {after}.");
            }
            store.close().await;
        }
        Command::Demo => {
            let store = open(&cli.db, OpenMode::CreateIfMissing).await?;
            store.migrate().await?;
            let report = load_dataset(
                &store,
                dataset::DEMO,
                &who,
                "Load the demo dossier (the seed case)",
                true,
            )
            .await?;
            print_load(&report, "demo");
            println!("Database: {}", store.info().location);
            println!(
                "Next: pledgewatch dossier show {} --as-of 2008-05-31",
                report.slug
            );
            store.close().await;
        }
        Command::Load(args) => {
            let text = std::fs::read(&args.file).map_err(|e| Failure {
                code: exit::FAILURE,
                message: format!("{}: {e}", args.file.display()),
            })?;
            let text = String::from_utf8(text).map_err(|e| {
                Failure::from(FieldError::new(
                    args.file.display().to_string(),
                    format!(
                        "is not UTF-8 text (invalid byte at offset {})",
                        e.utf8_error().valid_up_to()
                    ),
                ))
            })?;
            let store = open_current(&cli.db).await?;
            let reason = args
                .reason
                .unwrap_or_else(|| format!("Load {}", args.file.display()));
            let report = load_dataset(&store, &text, &who, &reason, args.publish).await?;
            print_load(&report, &args.file.display().to_string());
            store.close().await;
        }
        Command::Import(args) => return import::import(&cli.db, &who, args).await,
        Command::Dossier(DossierCommand::List { format }) => {
            let store = open_current(&cli.db).await?;
            let dossiers = store.list_dossiers().await?;
            output::dossier_list(&dossiers, matches!(format, Format::Json));
        }
        Command::Dossier(DossierCommand::Show {
            slug,
            as_of,
            format,
        }) => {
            let slug = Slug::parse(&slug).map_err(|e| e.at("slug"))?;
            let as_of = match as_of {
                Some(d) => parse_day(&d).map_err(|e| e.at("--as-of"))?,
                None => chrono::Utc::now().date_naive(),
            };
            let store = open_current(&cli.db).await?;
            let view = pledgewatch_core::view::dossier_view(&store, &slug, as_of).await?;
            match format {
                Format::Json => output::json(&view),
                Format::Text => print!("{}", output::dossier_text(&view)),
            }
        }
        Command::Assess(args) => {
            let store = open_current(&cli.db).await?;
            let entry = assess(&store, &who, args).await?;
            println!(
                "Recorded assessment {} (audit entry {}).",
                entry.entity_id, entry.seq
            );
        }
        Command::Remove(args) => {
            let kind = EntityKind::parse(&args.kind).map_err(|e| e.at("kind"))?;
            let id = uuid_arg(&args.id, "id")?;
            let store = open_current(&cli.db).await?;
            let context = service::context(&who, Some(&args.reason))?;
            let entry = Services::new(&store)
                .delete(&context, kind, id, args.version)
                .await?;
            println!(
                "Removed {kind} {id} (audit entry {}); its history stays readable.",
                entry.seq
            );
        }
        Command::History(args) => {
            let kind = EntityKind::parse(&args.kind).map_err(|e| e.at("kind"))?;
            let id = uuid_arg(&args.id, "id")?;
            let store = open_current(&cli.db).await?;
            if store.get(kind, id).await?.is_none() {
                return Err(Error::NotFound {
                    kind: "entity",
                    id: id.to_string(),
                }
                .into());
            }
            let entries = store.history(kind, id).await?;
            match args.format {
                Format::Json => output::json(&entries),
                Format::Text => print!("{}", output::history_text(&entries)),
            }
        }
        Command::Search(args) => {
            let kinds = args
                .kinds
                .iter()
                .map(|k| EntityKind::parse(k).map_err(|e| e.at("--kind")))
                .collect::<Result<Vec<_>, _>>()?;
            let store = open_current(&cli.db).await?;
            let hits = store
                .search(&SearchQuery {
                    text: args.query,
                    kinds,
                    // The command line is used by the team, who see everything.
                    include_confidential: true,
                    include_drafts: true,
                    limit: args.limit,
                })
                .await?;
            match args.format {
                Format::Json => output::json(&hits),
                Format::Text => print!("{}", output::search_text(&hits)),
            }
        }
        Command::Audit(AuditCommand::Verify { format }) => {
            let store = open_current(&cli.db).await?;
            let report = store.verify_audit().await?;
            match format {
                Format::Json => output::json(&report),
                Format::Text => match &report.broken {
                    None => println!(
                        "Audit log intact: {} entries, head {}.",
                        report.entries, report.head_hash
                    ),
                    Some(b) => eprintln!("Audit log BROKEN: {b}."),
                },
            }
            if report.broken.is_some() {
                return Ok(exit::AUDIT_BROKEN);
            }
        }
        Command::Backup { file } => {
            let store = open_current(&cli.db).await?;
            let tables = store.dump().await?;
            let info = store.info();
            let summary =
                backup::write(&file, info.backend, store.schema_version().await?, &tables)?;
            println!(
                "Backed up {} rows from {} tables to {} ({} bytes).",
                summary.rows,
                summary.tables,
                file.display(),
                summary.bytes
            );
        }
        Command::Extract(args) => drafting::extract(&cli.db, &who, args).await?,
        Command::Drafts(command) => drafting::drafts(&cli.db, &who, command).await?,
        Command::ExtractEval(args) => drafting::eval(args)?,
        Command::Restore { file } => {
            let backup = backup::read(&file)?;
            let store = open(&cli.db, OpenMode::CreateIfMissing).await?;
            store.migrate().await?;
            if backup.schema_version != store.schema_version().await? {
                return Err(Error::Refused(format!(
                    "the backup has schema version {}, this database {}: restore with the pledgewatch version that wrote it",
                    backup.schema_version,
                    store.schema_version().await?
                ))
                .into());
            }
            let rows: usize = backup.tables.iter().map(|t| t.rows.len()).sum();
            store.restore(backup.tables).await?;
            let report = store.verify_audit().await?;
            println!(
                "Restored {rows} rows from {} (written by {}).",
                file.display(),
                backup.backend
            );
            if let Some(b) = report.broken {
                eprintln!("Warning: the restored audit log does not verify: {b}.");
                return Ok(exit::AUDIT_BROKEN);
            }
            println!("Audit log intact: {} entries.", report.entries);
            store.close().await;
        }
        Command::Serve(args) => serve(&cli.db, &who, args).await?,
        Command::User(UserCommand::Add {
            username,
            role,
            name,
        }) => {
            use pledgewatch_core::accounts::Role;
            use pledgewatch_core::service::accounts::{Registrar, Registration, register};
            let role = Role::parse(&role).map_err(|e| e.at("--role"))?;
            let password = new_password()?;
            let registration = Registration {
                display_name: name.unwrap_or_else(|| username.clone()),
                username,
                password,
                role,
            };
            let account = registration.check().map_err(Error::from)?;
            let store = open_current(&cli.db).await?;
            let by = Registrar::By {
                actor: &who,
                reason: "Account created on the command line",
            };
            let user = register(&store, account, by).await?;
            let (username, role) = (user.username, user.role);
            println!("Created account {username} ({role}).");
        }
        Command::User(UserCommand::List) => {
            use pledgewatch_core::accounts::Accounts;
            let store = open_current(&cli.db).await?;
            for u in store.list_users().await? {
                println!("{}  {}  ({})", u.username, u.display_name, u.role);
            }
        }
        Command::Token(command) => tokens::run(&cli.db, &who, command).await?,
        Command::Memo(args) => {
            let store = open_current(&cli.db).await?;
            documents::memo(&store, args).await?;
        }
        Command::Letter(args) => {
            let store = open_current(&cli.db).await?;
            documents::letter(&store, args).await?;
        }
        Command::Export(args) => {
            let store = open_current(&cli.db).await?;
            export::run(&store, args).await?;
        }
    }
    Ok(exit::OK)
}

async fn serve(db: &str, who: &str, args: ServeArgs) -> Result<(), Failure> {
    use pledgewatch_core::accounts::Accounts;
    // Logs (internal errors with their request id) go to standard error,
    // filtered by RUST_LOG.
    pledgewatch_web::install_subscriber();
    let store = if args.demo {
        let store = open(db, OpenMode::CreateIfMissing).await?;
        store.migrate().await?;
        if store.list_dossiers().await?.is_empty() {
            let report = load_dataset(
                &store,
                dataset::DEMO,
                who,
                "Load the demo dossier (the seed case)",
                true,
            )
            .await?;
            print_load(&report, "demo");
        }
        store
    } else {
        open_current(db).await?
    };
    let users = store.user_count().await?;
    let listener = pledgewatch_web::bind(args.bind)
        .await
        .map_err(|e| Failure {
            code: exit::FAILURE,
            message: format!("cannot listen on {}: {e}", args.bind),
        })?;
    let address = listener.local_addr().map_err(|e| Failure {
        code: exit::FAILURE,
        message: format!("cannot read the address: {e}"),
    })?;
    let url = format!("http://{address}");
    println!("pledgewatch is serving {} at {url}/", store.info().location);
    if let Some(d) = store.list_dossiers().await?.first() {
        println!("The dossier: {url}/dossiers/{}", d.entity.slug);
    }
    if users == 0 {
        println!("To sign in, create the first (administrator) account at {url}/setup");
        println!("  or on the command line: pledgewatch user add NAME --role admin");
    } else {
        println!(
            "Sign in at {url}/login ({users} accounts; add more with `pledgewatch user add`)."
        );
    }
    println!("Stop with Ctrl-C.");
    let config = pledgewatch_web::Config {
        secure_cookies: !args.insecure_cookies,
        ..pledgewatch_web::Config::default()
    };
    pledgewatch_web::serve_on(listener, pledgewatch_web::AppState::new(store, config))
        .await
        .map_err(|e| Failure {
            code: exit::FAILURE,
            message: format!("the server stopped: {e}"),
        })
}

/// The new account's password, from PLEDGEWATCH_NEW_PASSWORD or else the
/// first line of standard input.
fn new_password() -> Result<String, Failure> {
    if let Ok(p) = std::env::var("PLEDGEWATCH_NEW_PASSWORD") {
        return Ok(p);
    }
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).map_err(|e| Failure {
        code: exit::FAILURE,
        message: format!("cannot read the password: {e}"),
    })?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

fn uuid_arg(text: &str, field: &str) -> Result<uuid::Uuid, Failure> {
    uuid::Uuid::parse_str(text.trim()).map_err(|_| {
        FieldError::new(field, format!("'{text}' is not an id (expected a UUID)")).into()
    })
}

async fn assess(
    store: &Store,
    who: &str,
    args: AssessArgs,
) -> Result<pledgewatch_core::audit::AuditEntry, Failure> {
    use pledgewatch_core::ids::{AssessmentId, CommitmentId, DevelopmentId};
    use pledgewatch_core::model::Assessment;
    use pledgewatch_core::scale::{ScaleId, ScaleVersion};
    let mut errors = pledgewatch_core::error::ValidationErrors::default();
    let commitment =
        errors.check(CommitmentId::parse(&args.commitment).map_err(|e| e.at("commitment")));
    let as_of = errors.check(parse_day(&args.as_of).map_err(|e| e.at("--as-of")));
    let scale = errors.check(ScaleId::parse(&args.scale).map_err(|e| e.at("--scale")));
    let developments: Vec<DevelopmentId> = args
        .developments
        .iter()
        .filter_map(|d| errors.check(DevelopmentId::parse(d).map_err(|e| e.at("--development"))))
        .collect();
    errors.clone().into_result().map_err(Error::from)?;
    let (Some(commitment), Some(as_of), Some(scale)) = (commitment, as_of, scale) else {
        return Err(Error::from(errors).into());
    };
    // The commitment's existence and the assessment's date are checked by
    // the services, as for every other way in.
    let context = service::context(who, args.reason.as_deref())?;
    let entity = Entity::Assessment(Assessment {
        id: AssessmentId::new(),
        commitment,
        as_of,
        scale: ScaleVersion {
            scale,
            version: scale.scale().version,
        },
        status: args.status,
        rationale: args.rationale,
        developments,
        rated_by: who.to_owned(),
        reviewed_by: None,
    });
    Ok(Services::new(store).create(&context, entity).await?)
}

fn print_load(report: &dataset::LoadReport, what: &str) {
    if report.created + report.updated + report.published == 0 {
        println!(
            "{what}: dossier '{}' is already loaded; nothing changed ({} entities unchanged).",
            report.slug, report.unchanged
        );
    } else {
        println!(
            "{what}: dossier '{}' loaded: {} created, {} updated, {} unchanged, {} published.",
            report.slug, report.created, report.updated, report.unchanged, report.published
        );
    }
}

async fn load_dataset(
    store: &Store,
    text: &str,
    who: &str,
    reason: &str,
    publish: bool,
) -> Result<dataset::LoadReport, Failure> {
    let context = service::context(who, Some(reason))?;
    Ok(dataset::load(&Services::new(store), text, &context, publish).await?)
}
