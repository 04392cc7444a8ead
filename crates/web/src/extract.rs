//! Typed path parameters for pages: [`PathOf<T>`] deserializes a route's
//! parameters into ids, digests and tuples of them. A value that does not
//! parse names nothing, so the page answers 404 like for an unknown id,
//! rather than axum's plain-text 400.

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::error::WebError;

/// The route's path parameters as `T`.
#[derive(Debug)]
pub struct PathOf<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for PathOf<T> {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Path::<T>::from_request_parts(parts, state)
            .await
            .map(|Path(value)| PathOf(value))
            .map_err(|_| WebError::NotFound)
    }
}
