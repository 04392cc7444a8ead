//! Typed path parameters for pages: [`PathOf<T>`] deserializes a route's
//! parameters into ids, digests and tuples of them. A value that does not
//! parse names nothing, so the page answers 404 like for an unknown id,
//! rather than axum's plain-text 400. [`PageQuery<T>`] reads a page's
//! query string: a key given twice takes its first value (parameter
//! pollution: a second `q` neither wins nor breaks the page), and a value
//! that cannot be read is answered with the site's error page (400), not
//! a bare text.

use std::collections::HashSet;

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

/// The query string of a page as `T` (for lists of pairs, where a key may
/// repeat, axum's `Query` is used as it is).
#[derive(Debug)]
pub struct PageQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for PageQuery<T> {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        serde_urlencoded::from_str(&first_values(query))
            .map(PageQuery)
            .map_err(|e| WebError::BadRequest(format!("The address's query cannot be read: {e}.")))
    }
}

/// The query with only the first value of each key, in their order.
fn first_values(query: &str) -> String {
    let mut seen = HashSet::new();
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        if seen.insert(key.clone()) {
            out.append_pair(&key, &value);
        }
    }
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_key_keeps_its_first_value_and_the_others_stay() {
        assert_eq!(
            first_values("q=law&page=2&q=media&kind=concern&page=9"),
            "q=law&page=2&kind=concern"
        );
        assert_eq!(first_values("q=a%26b&q=c"), "q=a%26b");
        assert_eq!(first_values(""), "");
    }
}
