//! Reading requests: JSON bodies and query strings, with every rejection
//! answered as a JSON error that names the field at fault (axum's own
//! rejections are plain text).

use axum::body::to_bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use serde::de::DeserializeOwned;

use super::error::{ApiError, ErrorCode};

/// The largest JSON body accepted.
pub const MAX_JSON_BODY: usize = 1024 * 1024;

/// A JSON body of type `T`.
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, _state: &S) -> Result<Self, Self::Rejection> {
        let content_type = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let essence = content_type
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        if essence != "application/json" {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                ErrorCode::BadRequest,
                "the body must be JSON, sent with Content-Type: application/json",
            )
            .field("Content-Type", "expected application/json"));
        }
        let bytes = to_bytes(request.into_body(), MAX_JSON_BODY)
            .await
            .map_err(|_| {
                ApiError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    ErrorCode::BadRequest,
                    format!("the body is larger than {MAX_JSON_BODY} bytes"),
                )
            })?;
        parse_json(&bytes).map(ApiJson)
    }
}

/// Parses JSON, naming the path of the first field that does not fit.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let (status, code, what) = if inner.is_syntax() || inner.is_eof() {
            (
                StatusCode::BAD_REQUEST,
                ErrorCode::BadRequest,
                "the body is not well-formed JSON",
            )
        } else {
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::ValidationFailed,
                "the body does not have the expected shape",
            )
        };
        let field = if path == "." { String::new() } else { path };
        ApiError::new(status, code, format!("{what}: {inner}")).field(field, inner.to_string())
    })?;
    de.end().map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::BadRequest,
            format!("the body is not well-formed JSON: {e}"),
        )
        .field("", e.to_string())
    })?;
    Ok(value)
}

/// A query string read into `T`.
#[derive(Debug)]
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        let de = serde_urlencoded::Deserializer::new(form_urlencoded_parse(query));
        serde_path_to_error::deserialize(de)
            .map(ApiQuery)
            .map_err(|e| {
                let path = e.path().to_string();
                let reason = e.into_inner().to_string();
                let field = if path == "." {
                    // serde names a missing or unknown field in its message.
                    reason
                        .split('`')
                        .nth(1)
                        .map(str::to_owned)
                        .unwrap_or_default()
                } else {
                    path
                };
                ApiError::bad_parameter(&field, reason)
            })
    }
}

fn form_urlencoded_parse(query: &str) -> form_urlencoded::Parse<'_> {
    form_urlencoded::parse(query.as_bytes())
}

/// The `{kind}/{id}` of a record route: a kind the API has records of and
/// a UUID; anything else names no record (404).
#[derive(Debug, Clone, Copy)]
pub struct RecordPath {
    pub kind: pledgewatch_core::model::EntityKind,
    pub id: uuid::Uuid,
}

impl<S: Send + Sync> FromRequestParts<S> for RecordPath {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let ApiPath((kind, id)) =
            ApiPath::<(String, uuid::Uuid)>::from_request_parts(parts, state).await?;
        Ok(Self {
            kind: super::read::record_kind(&kind)?,
            id,
        })
    }
}

/// The `{kind}` of a record route: a kind the API has records of; any
/// other names nothing (404).
#[derive(Debug, Clone, Copy)]
pub struct KindPath(pub pledgewatch_core::model::EntityKind);

impl<S: Send + Sync> FromRequestParts<S> for KindPath {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let ApiPath(kind) = ApiPath::<String>::from_request_parts(parts, state).await?;
        super::read::record_kind(&kind).map(KindPath)
    }
}

/// Path parameters of type `T` (ids and tuples of them); a value that does
/// not parse names nothing (404).
#[derive(Debug)]
pub struct ApiPath<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for ApiPath<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(value)| ApiPath(value))
            .map_err(|_| ApiError::not_found())
    }
}
