//! The pledgewatch web application: server-rendered HTML that works with
//! JavaScript off, over the same domain services as the command line. The
//! app keeps no state of its own (sessions live in the database), so several
//! instances can serve one PostgreSQL.

pub mod api;
mod auth;
pub mod cache;
mod charts;
mod error;
mod extract;
pub mod feeds;
mod flash;
mod forms;
pub mod http;
pub mod lang;
pub mod limits;
mod marks;
mod observe;
mod pages;
pub mod paths;
pub mod routes;
mod shown_once;
pub mod signin;
mod templates;
mod upload;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use pledgewatch_core::storage::SearchIndex;
use pledgewatch_store::Store;

pub use auth::hash_password;
pub use observe::{REQUEST_ID_HEADER, install_subscriber};
pub use paths::{Access, ROUTES, Route, RouteSpec};

/// What every request handler shares.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<Store>,
    pub config: Arc<Config>,
    /// Where every password hash waits its turn.
    pub hashing: Arc<signin::HashGate>,
    /// Failed sign-ins per username and per client.
    pub throttle: Arc<signin::Throttle>,
    /// When this process last purged old sign-in attempts.
    pub attempts_purge: Arc<signin::PurgeSchedule>,
    /// The one-time code first-run setup asks for, printed on the server's
    /// console, so that whoever reaches a new server first cannot make
    /// themselves its administrator.
    pub setup_code: Arc<str>,
    /// Rendered public pages, shared by anonymous visitors until the next
    /// write (see [`cache`]).
    pub pages: Arc<cache::PageCache>,
    /// The search index every search page and the API search: derived
    /// from the database and brought up to date with its audit log before
    /// each search (decision 0025). [`AppState::new`] makes one in memory,
    /// built at the first search; `serve` opens one on disk.
    pub search: Arc<dyn SearchIndex>,
}

/// Settings of a running server.
#[derive(Debug, Clone)]
pub struct Config {
    /// Mark cookies `Secure` and give their names the `__Host-` prefix (on
    /// by default; browsers accept them on localhost and behind HTTPS).
    pub secure_cookies: bool,
    /// How failed sign-ins for one username slow down further attempts.
    pub per_username: signin::Backoff,
    /// How failed sign-ins from one client address (any username) slow
    /// down its further attempts.
    pub per_client: signin::Backoff,
    pub session_hours: i64,
    /// Timeouts and the connection limit of [`serve_on`].
    pub limits: limits::Limits,
    /// Lets a reviewer approve their own change (a team of one); off by
    /// default, and each such approval says so in the audit log.
    pub allow_self_review: bool,
    /// The lowest role that reads confidential sources (and the quotes
    /// from them); below it, the team's pages leave them out.
    pub confidential_role: pledgewatch_core::accounts::Role,
    /// Reverse proxies whose `X-Forwarded-For` names the client (for the
    /// sign-in counts), and whose connections the per-client connection
    /// limit does not hold (decision 0027).
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// The bytes the cache of rendered public pages may hold (0: none).
    pub page_cache_bytes: usize,
    /// The address the public reaches the server at
    /// ("https://pledges.example.org"), which starts the links in feeds;
    /// without it they start with the request's `Host`.
    pub public_url: Option<String>,
    /// Who runs the server and the licence of its published data, for the
    /// footer of every page.
    pub site: Site,
}

/// What the footer of every page says about who publishes the data and
/// under which licence.
#[derive(Debug, Clone, Default)]
pub struct Site {
    pub organisation: Option<String>,
    /// The licence of the published data ("CC BY 4.0"), as text.
    pub data_licence: Option<String>,
}

/// Failures are forgotten after a quiet day, as the attempts are purged.
const FORGET_AFTER: std::time::Duration = std::time::Duration::from_secs(24 * 3600);

impl Default for Config {
    fn default() -> Self {
        let backoff = |free_failures| signin::Backoff {
            free_failures,
            first_wait: std::time::Duration::from_secs(1),
            longest_wait: std::time::Duration::from_secs(15 * 60),
            forget_after: FORGET_AFTER,
        };
        Self {
            secure_cookies: true,
            allow_self_review: false,
            confidential_role: pledgewatch_core::accounts::Role::Editor,
            per_username: backoff(5),
            // A shared office address makes more mistakes than one person.
            per_client: backoff(20),
            session_hours: 12,
            limits: limits::Limits::default(),
            trusted_proxies: Vec::new(),
            page_cache_bytes: cache::DEFAULT_BUDGET,
            public_url: None,
            site: Site::default(),
        }
    }
}

impl AppState {
    pub fn new(store: Store, config: Config) -> Self {
        let store = Arc::new(store);
        let search: Arc<dyn SearchIndex> =
            match pledgewatch_search::DerivedIndex::in_memory(store.clone()) {
                Ok(index) => Arc::new(index),
                Err(e) => {
                    // Never expected of an index in memory: every page but
                    // search still serves, and search says why it cannot.
                    tracing::error!(error = %e, "no search index: search is unavailable");
                    Arc::new(NoSearch(e.to_string()))
                }
            };
        Self {
            store,
            search,
            setup_code: signin::setup_code().into(),
            hashing: Arc::new(signin::HashGate::sized_to_cores()),
            attempts_purge: Arc::default(),
            throttle: Arc::new(signin::Throttle::new(
                config.per_username,
                config.per_client,
            )),
            pages: Arc::new(cache::PageCache::new(config.page_cache_bytes)),
            config: Arc::new(config),
        }
    }

    /// The same state with another search index (one on disk, say).
    pub fn with_search(self, search: Arc<dyn SearchIndex>) -> Self {
        Self { search, ..self }
    }
}

/// The search of a server whose index could not be made: every search
/// fails with the reason, nothing else does.
struct NoSearch(String);

#[async_trait::async_trait]
impl SearchIndex for NoSearch {
    async fn search(
        &self,
        _: &pledgewatch_core::storage::SearchQuery,
    ) -> pledgewatch_core::error::Result<Vec<pledgewatch_core::storage::SearchHit>> {
        Err(pledgewatch_core::error::Error::storage(
            "searching",
            format!("the search index could not be made: {}", self.0),
        ))
    }
}

/// The application's router: every route of [`ROUTES`] and of the API with
/// its access guard, security headers on every response, a request id
/// and tracing span for every request, and the request time limits.
pub fn router(state: AppState) -> Router {
    let limits = state.config.limits;
    let app = routes::pages(&state)
        // The JSON API: its own table, token guard and JSON errors.
        .merge(api::routes(&state))
        .fallback(
            |axum::extract::State(state): axum::extract::State<AppState>,
             method: axum::http::Method,
             headers: axum::http::HeaderMap,
             uri: axum::http::Uri| async move {
                if uri.path().starts_with(api::PREFIX) {
                    api::not_found()
                } else if let Some(to) = without_trailing_slash(&method, &uri) {
                    axum::response::IntoResponse::into_response(
                        axum::response::Redirect::permanent(&to),
                    )
                } else {
                    auth::error_for_session(&state, &headers, error::WebError::NotFound).await
                }
            },
        )
        .layer(axum::middleware::from_fn(routes::security_headers))
        .with_state(state);
    limits::time_limits(observe::layer(app), limits)
}

/// Where a page address typed with a trailing slash ("/sources/x/") is
/// found: the same path without it, with its query. Only for reading
/// (GET, HEAD), and only a path that stays on this site ("//host/" or
/// "/\\host/" never becomes an address of another host).
fn without_trailing_slash(method: &axum::http::Method, uri: &axum::http::Uri) -> Option<String> {
    if method != axum::http::Method::GET && method != axum::http::Method::HEAD {
        return None;
    }
    let trimmed = uri.path().trim_end_matches('/');
    let elsewhere = trimmed.starts_with("//") || trimmed.starts_with("/\\");
    if trimmed.is_empty() || trimmed.len() == uri.path().len() || elsewhere {
        return None;
    }
    Some(match uri.query() {
        Some(q) => format!("{trimmed}?{q}"),
        None => trimmed.to_owned(),
    })
}

/// Serves until the process is stopped.
pub async fn serve(addr: SocketAddr, state: AppState) -> std::io::Result<()> {
    serve_on(bind(addr).await?, state).await
}

/// Binds first (so the caller can print the real address), then serves.
/// The kernel's queue of connections not yet accepted holds 1024 (the
/// standard library asks for 128, and a burst beyond it has its SYNs
/// dropped, costing each such client a second before it retries).
pub async fn bind(addr: SocketAddr) -> std::io::Result<tokio::net::TcpListener> {
    let socket = if addr.is_ipv4() {
        tokio::net::TcpSocket::new_v4()?
    } else {
        tokio::net::TcpSocket::new_v6()?
    };
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(ACCEPT_QUEUE)
}

/// Connections the kernel keeps waiting for [`serve_on`] to accept them.
const ACCEPT_QUEUE: u32 = 1024;

/// Serves on an already bound listener, with the connection limits of the
/// state's configuration.
pub async fn serve_on(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    let limits = state.config.limits;
    let proxies: Arc<[std::net::IpAddr]> = state
        .config
        .trusted_proxies
        .iter()
        .map(|ip| ip.to_canonical())
        .collect();
    limits::serve(listener, router(state), limits, proxies).await
}
