//! Errors of the JSON API: always a JSON body
//! `{"error": {"code", "message", "fields": [{"field", "reason"}]}}` with the
//! status that goes with the code. Internal details are logged with the
//! request's id and never sent; the message carries the id as reference.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use pledgewatch_core::error::{Error as DomainError, FieldError};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::WebError;

/// What went wrong, as a stable code clients can switch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The body was understood but its content is not acceptable (422).
    ValidationFailed,
    NotFound,
    /// No valid token, or a revoked one (401).
    Unauthorized,
    /// The token's owner does not have the role this needs (403).
    Forbidden,
    /// Someone else changed the record first, or the action was already done (409).
    Conflict,
    /// The request could not be read: bad JSON, a wrong content type, a bad
    /// query parameter, a body too large (400, 413, 415).
    BadRequest,
    /// The server failed; the message carries a reference for its log (500).
    Internal,
}

/// One field at fault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldProblem {
    /// Where the problem is: a body path (`entity.data.statement`) or a
    /// query parameter's name (`as_of`).
    pub field: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ErrorDetail {
    pub code: ErrorCode,
    pub message: String,
    pub fields: Vec<FieldProblem>,
    /// For internal errors: the request's id (also in the `x-request-id`
    /// header), which finds the failure in the server's log.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

/// The body of every error response.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub detail: ErrorDetail,
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn new(status: StatusCode, code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            status,
            detail: ErrorDetail {
                code,
                message: message.into(),
                fields: vec![],
                reference: None,
            },
        }
    }

    pub fn field(mut self, field: impl Into<String>, reason: impl Into<String>) -> Self {
        self.detail.fields.push(FieldProblem {
            field: field.into(),
            reason: reason.into(),
        });
        self
    }

    pub fn not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            ErrorCode::NotFound,
            "there is nothing here, or it is not public",
        )
    }

    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized, message)
    }

    pub fn forbidden() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            ErrorCode::Forbidden,
            "the role of this token's account does not allow this",
        )
    }

    /// A query parameter or path value that cannot be used.
    pub fn bad_parameter(field: &str, reason: impl Into<String>) -> Self {
        let reason = reason.into();
        Self::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::BadRequest,
            format!("{field}: {reason}"),
        )
        .field(field, reason)
    }

    pub fn validation(fields: Vec<FieldError>) -> Self {
        let message = fields
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; ");
        let mut e = Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::ValidationFailed,
            message,
        );
        e.detail.fields = fields
            .into_iter()
            .map(|f| FieldProblem {
                field: f.field,
                reason: f.reason,
            })
            .collect();
        e
    }

    pub fn internal(detail: impl std::fmt::Display) -> Self {
        let request_id = crate::observe::request_id();
        tracing::error!(%request_id, %detail, "internal error");
        let mut error = Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            ErrorCode::Internal,
            format!("the server could not complete this request; reference {request_id}"),
        );
        error.detail.reference = Some(request_id);
        error
    }

    /// Prefixes every field name, for errors found inside a part of the
    /// body (a validation error's message names the fields the same way).
    pub fn within(mut self, prefix: &str) -> Self {
        for f in &mut self.detail.fields {
            f.field = if f.field.is_empty() {
                prefix.to_owned()
            } else {
                format!("{prefix}.{}", f.field)
            };
        }
        if self.detail.code == ErrorCode::ValidationFailed && !self.detail.fields.is_empty() {
            self.detail.message = self
                .detail
                .fields
                .iter()
                .map(|f| format!("{}: {}", f.field, f.reason))
                .collect::<Vec<_>>()
                .join("; ");
        }
        self
    }
}

impl From<DomainError> for ApiError {
    fn from(e: DomainError) -> Self {
        match e {
            DomainError::Invalid(errors) => ApiError::validation(errors.0),
            DomainError::DanglingReference { ref field, .. } => {
                let field = field.clone();
                ApiError::validation(vec![FieldError::new(field, e.to_string())])
            }
            DomainError::NotFound { .. } => ApiError::not_found(),
            DomainError::Conflict { .. } | DomainError::Changed | DomainError::Refused(_) => {
                ApiError::new(StatusCode::CONFLICT, ErrorCode::Conflict, e.to_string())
            }
            DomainError::Storage { .. } => ApiError::internal(e.to_string()),
        }
    }
}

impl From<WebError> for ApiError {
    fn from(e: WebError) -> Self {
        match e.english() {
            WebError::NotFound => ApiError::not_found(),
            WebError::Forbidden | WebError::BadCsrf => ApiError::forbidden(),
            WebError::LoginRequired { .. } => ApiError::unauthorized("a token is needed"),
            WebError::Throttled(_) => ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                ErrorCode::BadRequest,
                "too many attempts",
            ),
            WebError::Busy => ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                ErrorCode::Internal,
                "busy: try again in a moment",
            ),
            WebError::TooLarge => ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                ErrorCode::BadRequest,
                "the body is too large",
            ),
            WebError::BadRequest(m) => {
                // The page helpers name the parameter before a colon.
                match m.split_once(": ") {
                    Some((field, reason)) if !field.contains(' ') => {
                        ApiError::bad_parameter(field, reason)
                    }
                    _ => ApiError::new(StatusCode::BAD_REQUEST, ErrorCode::BadRequest, m),
                }
            }
            WebError::Conflict(m) => ApiError::new(StatusCode::CONFLICT, ErrorCode::Conflict, m),
            WebError::Internal(m) => ApiError::internal(m),
            WebError::BadField(e) => ApiError::bad_parameter(&e.field, e.reason),
            // Made English above.
            WebError::Refused(e) => ApiError::new(
                StatusCode::BAD_REQUEST,
                ErrorCode::BadRequest,
                e.to_string(),
            ),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = super::json(self.status, &ErrorBody { error: self.detail });
        if self.status == StatusCode::UNAUTHORIZED
            && let Ok(v) = axum::http::HeaderValue::from_str("Bearer realm=\"pledgewatch\"")
        {
            response
                .headers_mut()
                .insert(axum::http::header::WWW_AUTHENTICATE, v);
        }
        response
    }
}
