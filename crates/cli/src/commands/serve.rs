//! `pledgewatch serve`: open (or, with --demo, create and seed) the
//! database, say where to go, and run the web application.

use pledgewatch_core::accounts::Accounts;
use pledgewatch_core::storage::Storage;
use pledgewatch_store::{OpenMode, Store};
use pledgewatch_web::Route;
use pledgewatch_web::paths::url;

use crate::commands::dossier;
use crate::{Failure, ServeArgs, exit, open, open_current};

/// `pledgewatch serve`.
pub async fn serve(
    db: &str,
    who: &str,
    search_index: Option<&str>,
    args: ServeArgs,
) -> Result<(), Failure> {
    // Logs (internal errors with their request id) go to standard error,
    // filtered by RUST_LOG.
    pledgewatch_web::install_subscriber();
    let store = if args.demo {
        open_demo(db, who).await?
    } else {
        open_current(db).await?
    };
    super::database::warn_of_role_loops(&store).await?;
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
    let config = pledgewatch_web::Config {
        secure_cookies: !args.insecure_cookies,
        allow_self_review: args.allow_self_review,
        confidential_role: args.confidential_role,
        trusted_proxies: args.trusted_proxies,
        page_cache_bytes: args.page_cache_mb.saturating_mul(1024 * 1024),
        public_url: args.public_url,
        site: pledgewatch_web::Site {
            organisation: args.organisation,
            data_licence: args.data_licence,
        },
        ..pledgewatch_web::Config::default()
    };
    let place = super::search_index::place(db, search_index)?;
    let state = pledgewatch_web::AppState::new(store, config);
    // The index is brought up to date (built, the first time) before the
    // first request, and then before every search.
    let index = super::search_index::open_own_up_to_date(state.store.clone(), place).await?;
    let state = state.with_search(index);
    print_welcome(&state, &format!("http://{address}"), users).await?;
    pledgewatch_web::serve_on(listener, state)
        .await
        .map_err(|e| Failure {
            code: exit::FAILURE,
            message: format!("the server stopped: {e}"),
        })
}

/// The database, created if needed, with the seed case loaded once.
async fn open_demo(db: &str, who: &str) -> Result<Store, Failure> {
    let store = open(db, OpenMode::CreateIfMissing).await?;
    store.migrate().await?;
    if store.list_dossiers().await?.is_empty() {
        dossier::load_demo(&store, who).await?;
    }
    Ok(store)
}

/// Where the application is, and how to sign in (with the one-time setup
/// code while there is no account); the paths come from the web's route
/// table.
async fn print_welcome(
    state: &pledgewatch_web::AppState,
    base: &str,
    users: i64,
) -> Result<(), Failure> {
    let store = state.store.as_ref();
    outln!(
        "pledgewatch is serving {} at {base}/",
        store.info().location
    );
    if let Some(d) = store.list_dossiers().await?.first() {
        outln!("The dossier: {base}{}", url::dossier(&d.entity.slug));
    }
    if users == 0 {
        outln!(
            "To sign in, create the first (administrator) account at {base}{}",
            Route::SetupForm.url(&[])
        );
        outln!("  with the one-time setup code {}", state.setup_code);
        outln!("  or on the command line: pledgewatch user add NAME --role admin");
    } else {
        outln!(
            "Sign in at {base}{} ({users} accounts; add more with `pledgewatch user add`).",
            url::login()
        );
    }
    outln!("Stop with Ctrl-C.");
    Ok(())
}
