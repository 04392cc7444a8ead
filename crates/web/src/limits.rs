//! What one client may take from the server: body sizes (small by
//! default, larger only on the routes that take a file, as large as the
//! upload form says), how long a request may take to arrive and to be
//! answered, how long an idle connection stays open, and how many
//! connections are served at once. Also the accept loop that applies the
//! connection-level ones, which `axum::serve` does not offer on this
//! version (it sets no timer, so hyper's header timeout never fires).

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tower::ServiceExt;
use tower_http::timeout::{RequestBodyTimeoutLayer, TimeoutLayer};

use crate::paths::Route;

/// The largest document the upload forms accept, as they state it.
pub const UPLOAD_MEGABYTES: usize = 25;

/// The body limit of every route that takes no file: forms are text.
pub const BODY_LIMIT: usize = 64 * 1024;

/// The body limit of the routes that take a file: the file and the form's
/// other fields.
pub const UPLOAD_BODY_LIMIT: usize = UPLOAD_MEGABYTES * 1024 * 1024 + BODY_LIMIT;

/// The body limit of a page route.
pub fn body_limit(route: Route) -> usize {
    match route {
        Route::RecordCreate | Route::RecordUpdate | Route::DraftingSubmit => UPLOAD_BODY_LIMIT,
        _ => BODY_LIMIT,
    }
}

/// Time and connection limits of a running server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// From the connection's opening (or the end of the last answer) to
    /// the end of the request's headers: also how long an idle connection
    /// stays open.
    pub header_timeout: Duration,
    /// The longest pause between two pieces of a request's body.
    pub body_pause: Duration,
    /// The longest a request may take from its headers to its answer's
    /// headers (408 after that).
    pub request_timeout: Duration,
    /// Connections served at once; more wait in the kernel's queue.
    pub max_connections: usize,
    /// Connections one client address (an IPv6 /64) may hold at once;
    /// more are closed at once, so that one client cannot hold every slot.
    pub max_per_client: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            header_timeout: Duration::from_secs(10),
            body_pause: Duration::from_secs(10),
            // Documents are typeset and files hashed within a request.
            request_timeout: Duration::from_secs(60),
            max_connections: 512,
            // A browser opens about six; a whole office behind one address
            // still fits.
            max_per_client: 64,
        }
    }
}

/// The request-level time limits around the whole application.
pub fn time_limits(router: Router, limits: Limits) -> Router {
    router
        .layer(RequestBodyTimeoutLayer::new(limits.body_pause))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            limits.request_timeout,
        ))
}

/// Accepts connections until the process stops, each served with the
/// connection-level limits and the client's address for the handlers
/// (`ConnectInfo<SocketAddr>`). A connection from one of `proxies` is not
/// held to the per-client limit, and its requests' client is the one the
/// proxy names (see [`forwarded_client`]).
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    proxies: Arc<[IpAddr]>,
) -> std::io::Result<()> {
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let held = Arc::new(PerClient::default());
    loop {
        // Waiting for a slot before accepting leaves the rest in the
        // kernel's backlog instead of in memory.
        let Ok(slot) = slots.clone().acquire_owned().await else {
            return Ok(());
        };
        match listener.accept().await {
            Ok((stream, peer)) => {
                let proxy = proxies.contains(&peer.ip().to_canonical());
                // Over its share, a client's connection is closed here
                // (dropping the stream), giving its slot back at once. A
                // proxy speaks for many clients: only the overall limit
                // holds it.
                let share = if proxy {
                    None
                } else {
                    match held.take(peer.ip(), limits.max_per_client) {
                        Some(share) => Some(share),
                        None => continue,
                    }
                };
                tokio::spawn(serve_connection(
                    stream,
                    (peer, proxy),
                    app.clone(),
                    limits,
                    (slot, share),
                ));
            }
            Err(e) => {
                // Out of file descriptors and the like: pause rather than spin.
                tracing::warn!(error = %e, "accepting a connection failed");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
}

/// Serves one connection over HTTP/1: closed if no request starts within
/// the header timeout (hyper's own timer covers partial headers and the
/// wait between requests once the first byte came).
async fn serve_connection(
    stream: TcpStream,
    (peer, proxy): (SocketAddr, bool),
    app: Router,
    limits: Limits,
    _held: (OwnedSemaphorePermit, Option<Share>),
) {
    if !matches!(
        tokio::time::timeout(limits.header_timeout, stream.readable()).await,
        Ok(Ok(()))
    ) {
        return;
    }
    let service = app.map_request(move |mut request: axum::extract::Request| {
        let client = if proxy {
            forwarded_client(request.headers()).map_or(peer, |ip| SocketAddr::new(ip, 0))
        } else {
            peer
        };
        request.extensions_mut().insert(ConnectInfo(client));
        request
    });
    let service = TowerToHyperService::new(service.map_request(
        |request: axum::http::Request<hyper::body::Incoming>| request.map(axum::body::Body::new),
    ));
    let connection = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .serve_connection(TokioIo::new(stream), service)
        .with_upgrades();
    if let Err(e) = connection.await {
        tracing::debug!(error = %e, %peer, "connection ended");
    }
}

/// The client a trusted proxy names: the last address of the last
/// `X-Forwarded-For` header, which that proxy added (nginx's
/// `$proxy_add_x_forwarded_for`); what comes before it is whatever the
/// client sent, so it is never believed. `None` when it names no address.
pub fn forwarded_client(headers: &HeaderMap) -> Option<IpAddr> {
    let header = headers.get_all("x-forwarded-for").iter().next_back()?;
    let entry = header.to_str().ok()?.rsplit(',').next()?.trim();
    entry
        .parse::<IpAddr>()
        .or_else(|_| entry.parse::<SocketAddr>().map(|a| a.ip()))
        .ok()
        .map(|ip| ip.to_canonical())
}

/// The connections each client address holds.
#[derive(Debug, Default)]
struct PerClient {
    counts: std::sync::Mutex<std::collections::HashMap<std::net::IpAddr, usize>>,
}

/// One connection of a client, given back when it ends.
#[derive(Debug)]
struct Share {
    of: Arc<PerClient>,
    client: std::net::IpAddr,
}

impl PerClient {
    fn counts(
        &self,
    ) -> std::sync::MutexGuard<'_, std::collections::HashMap<std::net::IpAddr, usize>> {
        self.counts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// A share for one more connection of `ip`, unless it holds `most`.
    fn take(self: &Arc<Self>, ip: std::net::IpAddr, most: usize) -> Option<Share> {
        let client = crate::signin::client_key(ip);
        let mut counts = self.counts();
        let held = counts.entry(client).or_insert(0);
        if *held >= most.max(1) {
            return None;
        }
        *held += 1;
        Some(Share {
            of: Arc::clone(self),
            client,
        })
    }
}

impl Drop for Share {
    fn drop(&mut self) {
        let mut counts = self.of.counts();
        if let Some(held) = counts.get_mut(&self.client) {
            *held -= 1;
            if *held == 0 {
                counts.remove(&self.client);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_client_holds_at_most_its_share_and_gets_it_back() {
        let held = Arc::new(PerClient::default());
        let a: std::net::IpAddr = "192.0.2.1".parse().unwrap();
        let b: std::net::IpAddr = "192.0.2.2".parse().unwrap();
        let first = held.take(a, 2).unwrap();
        let _second = held.take(a, 2).unwrap();
        assert!(held.take(a, 2).is_none(), "a third is refused");
        assert!(held.take(b, 2).is_some(), "others are not");
        drop(first);
        assert!(held.take(a, 2).is_some(), "a share comes back when it ends");
    }

    #[test]
    fn a_proxy_names_its_client_in_the_last_forwarded_address_only() {
        let client = |values: &[&str]| {
            let mut headers = HeaderMap::new();
            for v in values {
                headers.append("x-forwarded-for", v.parse().unwrap());
            }
            forwarded_client(&headers).map(|ip| ip.to_string())
        };
        assert_eq!(client(&["203.0.113.7"]).as_deref(), Some("203.0.113.7"));
        // What the client sent comes first; the proxy appends the address it saw.
        assert_eq!(
            client(&["10.0.0.1, 198.51.100.2", "203.0.113.7"]).as_deref(),
            Some("203.0.113.7")
        );
        assert_eq!(
            client(&["1.2.3.4 , 2001:db8::1"]).as_deref(),
            Some("2001:db8::1")
        );
        assert_eq!(
            client(&["[2001:db8::2]:4711"]).as_deref(),
            Some("2001:db8::2")
        );
        assert_eq!(client(&["::ffff:192.0.2.9"]).as_deref(), Some("192.0.2.9"));
        for bad in [&[][..], &["unknown"], &["203.0.113.7, "], &["evil.example"]] {
            assert_eq!(client(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn only_the_routes_that_take_a_file_accept_large_bodies() {
        let large: Vec<Route> = Route::ALL
            .iter()
            .copied()
            .filter(|r| body_limit(*r) > BODY_LIMIT)
            .collect();
        assert_eq!(
            large,
            [
                Route::RecordCreate,
                Route::RecordUpdate,
                Route::DraftingSubmit
            ]
        );
        assert_eq!(body_limit(Route::Login), 64 * 1024);
    }
}
