//! One error type for every page: rendered as an HTML page with the right
//! status. Internal details are logged with the request's id and never
//! shown; the page shows the id as the reference.

use std::sync::Arc;

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use pledgewatch_core::error::{Error as DomainError, FieldError};
use pledgewatch_core::lang::{Args, Lang};

#[derive(Debug)]
pub enum WebError {
    NotFound,
    /// Signed in but not allowed.
    Forbidden,
    /// Not signed in: go to the login page, then come back.
    LoginRequired {
        next: String,
    },
    /// A form post without a valid CSRF token.
    BadCsrf,
    /// Too many failed sign-ins: try again after this wait (429).
    Throttled(std::time::Duration),
    /// Every place for a password check is taken: try again in a moment
    /// (503).
    Busy,
    /// A body over the route's limit (413).
    TooLarge,
    BadRequest(String),
    /// A parameter that does not parse (400), and why.
    BadField(FieldError),
    Conflict(String),
    /// A change or an input the domain refused: 409 for a conflict, else
    /// 400; shown in the reader's language.
    Refused(Arc<DomainError>),
    Internal(String),
}

impl WebError {
    /// Whether a refusal of the domain is a conflict with another change.
    fn is_conflict(e: &DomainError) -> bool {
        matches!(e, DomainError::Conflict { .. } | DomainError::Changed)
    }

    /// The English the JSON API gives for a refusal of the domain, as the
    /// page errors it wraps were written before.
    pub fn english(self) -> Self {
        match self {
            WebError::Refused(e) if Self::is_conflict(&e) => WebError::Conflict(e.to_string()),
            WebError::Refused(e) => WebError::BadRequest(e.to_string()),
            other => other,
        }
    }
}

impl From<DomainError> for WebError {
    fn from(e: DomainError) -> Self {
        match e {
            DomainError::NotFound { .. } => WebError::NotFound,
            DomainError::Conflict { .. }
            | DomainError::Changed
            | DomainError::Invalid(_)
            | DomainError::DanglingReference { .. }
            | DomainError::Refused(_) => WebError::Refused(Arc::new(e)),
            DomainError::Storage { .. } => WebError::Internal(e.to_string()),
        }
    }
}

impl From<askama::Error> for WebError {
    fn from(e: askama::Error) -> Self {
        WebError::Internal(format!("template: {e}"))
    }
}

/// The wait a busy server asks for.
const BUSY_RETRY_SECONDS: u64 = 1;

/// A response with a `Retry-After` of `seconds`.
fn retry_after(mut response: Response, seconds: u64) -> Response {
    response.headers_mut().insert(
        axum::http::header::RETRY_AFTER,
        axum::http::HeaderValue::from(seconds),
    );
    response
}

/// A page whose title and message are the messages `title` and `message`.
fn page(status: StatusCode, title: &'static str, message: &'static str) -> Response {
    page_with_reference(status, title, Said::Message(message), None)
}

fn page_with_reference(
    status: StatusCode,
    title: &'static str,
    message: Said,
    reference: Option<String>,
) -> Response {
    let shown = ErrorShown {
        title,
        message,
        reference,
    };
    let mut response = shown.render(status, crate::templates::Nav::default(), None);
    response.extensions_mut().insert(shown);
    response
}

/// The page of a refused request: 409 for a conflict with another change,
/// else 400.
fn refused_page(message: Said, conflict: bool) -> Response {
    let (status, title) = if conflict {
        (StatusCode::CONFLICT, "error-conflict")
    } else {
        (StatusCode::BAD_REQUEST, "error-bad-request")
    };
    page_with_reference(status, title, message, None)
}

/// What an error page says, kept on its response so that the session guard,
/// which knows who is signed in, can draw it again with their header
/// ([`ErrorShown::with_nav`]).
#[derive(Debug, Clone)]
pub struct ErrorShown {
    /// The message id of the title.
    pub title: &'static str,
    pub message: Said,
    pub reference: Option<String>,
}

/// What an error page says below its title: a message of the catalogue,
/// one with a number of seconds, text of the page's own, a field that did
/// not parse, or a refusal of the domain (both in the reader's language).
#[derive(Debug, Clone)]
pub enum Said {
    Message(&'static str),
    Seconds(&'static str, u64),
    Text(String),
    Field(FieldError),
    Domain(Arc<DomainError>),
}

impl Said {
    fn in_lang(&self, lang: Lang) -> String {
        match self {
            Said::Message(id) => lang.t(id),
            Said::Seconds(id, n) => lang.tr(id, &Args::new().num("n", *n as f64)),
            Said::Text(text) => text.clone(),
            Said::Field(e) => {
                let field = pledgewatch_core::reason::field_name(lang, &e.field);
                format!("{field}: {}", e.reason_in(lang))
            }
            Said::Domain(e) => e.in_lang(lang),
        }
    }
}

impl ErrorShown {
    fn render(
        &self,
        status: StatusCode,
        nav: crate::templates::Nav,
        back: Option<String>,
    ) -> Response {
        let lang = nav.lang;
        let title = lang.t(self.title);
        let body = crate::templates::ErrorPage {
            nav,
            title: title.clone(),
            message: self.message.in_lang(lang),
            reference: self.reference.clone(),
            back,
        };
        match askama::Template::render(&body) {
            Ok(html) => (status, Html(html)).into_response(),
            Err(_) => (status, title).into_response(),
        }
    }

    /// The error page of `response`, if it is one, drawn again with the
    /// header `nav` (its status and other headers kept) and, for a refused
    /// form, a link `back` to the page it was sent from; any other response
    /// as it is.
    pub fn with_nav(
        response: Response,
        nav: crate::templates::Nav,
        back: Option<String>,
    ) -> Response {
        let Some(shown) = response.extensions().get::<ErrorShown>().cloned() else {
            return response;
        };
        let (mut parts, _) = response.into_parts();
        let back =
            back.filter(|_| matches!(parts.status, StatusCode::BAD_REQUEST | StatusCode::CONFLICT));
        let redrawn = shown.render(parts.status, nav, back);
        let (new_parts, body) = redrawn.into_parts();
        for name in [
            axum::http::header::CONTENT_TYPE,
            axum::http::header::CONTENT_LENGTH,
        ] {
            parts.headers.remove(&name);
            if let Some(v) = new_parts.headers.get(&name) {
                parts.headers.insert(name, v.clone());
            }
        }
        Response::from_parts(parts, body)
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        match self {
            WebError::NotFound => page(
                StatusCode::NOT_FOUND,
                "error-not-found",
                "error-not-found-text",
            ),
            WebError::Forbidden => page(
                StatusCode::FORBIDDEN,
                "error-forbidden",
                "error-forbidden-text",
            ),
            WebError::LoginRequired { next } => {
                Redirect::to(&crate::paths::url::login_then(&next)).into_response()
            }
            WebError::BadCsrf => page(StatusCode::FORBIDDEN, "error-csrf", "error-csrf-text"),
            WebError::Throttled(wait) => {
                // Whole seconds, rounded up, so a client never comes back early.
                let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
                let message = Said::Seconds("error-throttled-text", seconds);
                retry_after(
                    page_with_reference(
                        StatusCode::TOO_MANY_REQUESTS,
                        "error-throttled",
                        message,
                        None,
                    ),
                    seconds,
                )
            }
            WebError::Busy => retry_after(
                page(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "error-busy",
                    "error-busy-text",
                ),
                BUSY_RETRY_SECONDS,
            ),
            WebError::TooLarge => page(
                StatusCode::PAYLOAD_TOO_LARGE,
                "error-too-large",
                "error-too-large-text",
            ),
            WebError::BadRequest(msg) => refused_page(Said::Text(msg), false),
            WebError::BadField(e) => refused_page(Said::Field(e), false),
            WebError::Refused(e) => {
                let conflict = WebError::is_conflict(&e);
                refused_page(Said::Domain(e), conflict)
            }
            WebError::Conflict(msg) => refused_page(Said::Text(msg), true),
            WebError::Internal(detail) => {
                let request_id = crate::observe::request_id();
                tracing::error!(%request_id, %detail, "internal error");
                page_with_reference(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "error-internal",
                    Said::Message("error-internal-text"),
                    Some(request_id),
                )
            }
        }
    }
}
