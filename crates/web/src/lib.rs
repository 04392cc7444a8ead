//! The pledgewatch web application: server-rendered HTML that works with
//! JavaScript off, over the same domain services as the command line. The
//! app keeps no state of its own (sessions live in the database), so several
//! instances can serve one PostgreSQL.

pub mod api;
mod auth;
mod charts;
mod error;
pub mod feeds;
mod forms;
mod pages;
pub mod routes;
mod templates;
mod upload;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use pledgewatch_store::Store;

pub use api::tokens::issue_api_token;
pub use auth::hash_password;
pub use routes::{Access, ROUTES, RouteSpec};

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

/// The application's router: every route of [`ROUTES`] with its access
/// guard, plus security headers on every response.
pub fn router(state: AppState) -> Router {
    routes::build(state)
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
