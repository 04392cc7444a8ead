//! The pledgewatch web application: server-rendered HTML that works with
//! JavaScript off, over the same domain services as the command line. The
//! app keeps no state of its own (sessions live in the database), so several
//! instances can serve one PostgreSQL.

pub mod api;
mod auth;
mod charts;
mod error;
mod extract;
pub mod feeds;
mod flash;
mod forms;
pub mod http;
mod observe;
mod pages;
pub mod paths;
pub mod routes;
mod templates;
mod upload;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::response::IntoResponse;
use pledgewatch_store::Store;

pub use auth::hash_password;
pub use observe::{REQUEST_ID_HEADER, install_subscriber};
pub use paths::{Access, ROUTES, Route, RouteSpec};

/// What every request handler shares.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<Store>,
    pub config: Arc<Config>,
}

/// Settings of a running server.
#[derive(Debug, Clone)]
pub struct Config {
    /// Mark cookies `Secure` (on by default; browsers accept them on
    /// localhost and behind HTTPS).
    pub secure_cookies: bool,
    /// Failed logins for one username within the window before further
    /// attempts are refused.
    pub max_failed_logins: i64,
    pub login_window_minutes: i64,
    pub session_hours: i64,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            secure_cookies: true,
            max_failed_logins: 5,
            login_window_minutes: 15,
            session_hours: 12,
        }
    }
}

impl AppState {
    pub fn new(store: Store, config: Config) -> Self {
        Self {
            store: Arc::new(store),
            config: Arc::new(config),
        }
    }
}

/// The application's router: every route of [`ROUTES`] and of the API with
/// its access guard, security headers on every response, and a request id
/// and tracing span for every request.
pub fn router(state: AppState) -> Router {
    let app = routes::pages(&state)
        // The JSON API: its own table, token guard and JSON errors.
        .merge(api::routes(&state))
        .fallback(|uri: axum::http::Uri| async move {
            if uri.path().starts_with(api::PREFIX) {
                api::not_found()
            } else {
                error::WebError::NotFound.into_response()
            }
        })
        .layer(axum::middleware::from_fn(routes::security_headers))
        .with_state(state);
    observe::layer(app)
}

/// Serves until the process is stopped.
pub async fn serve(addr: SocketAddr, state: AppState) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    axum::serve(listener, router(state)).await
}

/// Binds first (so the caller can print the real address), then serves.
pub async fn bind(addr: SocketAddr) -> std::io::Result<tokio::net::TcpListener> {
    tokio::net::TcpListener::bind(addr).await
}

/// Serves on an already bound listener.
pub async fn serve_on(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    axum::serve(listener, router(state)).await
}
