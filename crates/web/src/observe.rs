//! Observability: every request gets an id (`x-request-id`, a fresh UUID
//! unless the client sent one), a tracing span that carries it, and the id
//! echoed on the response. Handlers reach the id of the request they serve
//! through a task-local, so an internal error is logged and shown with the
//! same reference. Also the subscriber the server installs (`RUST_LOG`).

use axum::Router;
use axum::extract::Request;
use axum::http::HeaderName;
use axum::middleware::{self, Next};
use axum::response::Response;
use tower_http::request_id::{
    MakeRequestUuid, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::trace::TraceLayer;

/// The header that carries a request's id, both ways.
pub const REQUEST_ID_HEADER: HeaderName = HeaderName::from_static("x-request-id");

tokio::task_local! {
    static REQUEST_ID: String;
}

/// The id of the request being served; outside a request (a unit test, a
/// background task) a fresh one, so a logged error always has a reference.
pub fn request_id() -> String {
    REQUEST_ID
        .try_with(Clone::clone)
        .unwrap_or_else(|_| uuid::Uuid::new_v4().to_string())
}

/// Runs the rest of the request inside the scope of its id.
async fn scope_request_id(request: Request, next: Next) -> Response {
    let id = request
        .extensions()
        .get::<RequestId>()
        .and_then(|id| id.header_value().to_str().ok())
        .map(str::to_owned);
    match id {
        Some(id) => REQUEST_ID.scope(id, next.run(request)).await,
        None => next.run(request).await,
    }
}

/// The span of one request. Only the path is recorded: query strings can
/// carry search terms.
fn request_span(request: &Request) -> tracing::Span {
    let id = request
        .headers()
        .get(&REQUEST_ID_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    tracing::info_span!(
        "request",
        method = %request.method(),
        path = %request.uri().path(),
        request_id = %id,
    )
}

/// Logs a failed request: a server error at ERROR, but a 503 (the server
/// shedding load, e.g. sign-ins beyond the hashing gate) only at DEBUG,
/// since a flood of them would otherwise flood the log too.
fn log_failure(
    class: tower_http::classify::ServerErrorsFailureClass,
    latency: std::time::Duration,
    _: &tracing::Span,
) {
    use tower_http::classify::ServerErrorsFailureClass as Class;
    match class {
        Class::StatusCode(code) if code == axum::http::StatusCode::SERVICE_UNAVAILABLE => {
            tracing::debug!(?latency, "shed load (503)");
        }
        class => tracing::error!(%class, ?latency, "response failed"),
    }
}

/// Wraps the whole application (pages, API and fallback). Layers run from
/// the last added inwards: the id is set, the span opens with it, the id is
/// copied onto the response, and the handlers run in its scope.
pub fn layer(router: Router) -> Router {
    router
        .layer(middleware::from_fn(scope_request_id))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID_HEADER))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(request_span)
                .on_failure(log_failure),
        )
        .layer(SetRequestIdLayer::new(REQUEST_ID_HEADER, MakeRequestUuid))
}

/// Installs the log subscriber of a running server: human-readable lines on
/// standard error, filtered by `RUST_LOG` (default `info`: errors, warnings
/// and start-up; `RUST_LOG=tower_http=debug` adds one line per request).
/// Does nothing if a subscriber is already installed.
pub fn install_subscriber() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
