//! Reading a submitted form, URL-encoded or multipart (with one file).

use axum::extract::{FromRequest, Multipart, Request};
use axum::http::header;

use crate::auth::form_urlencoded_pairs;
use crate::error::WebError;

/// An uploaded file.
#[derive(Debug, Clone)]
pub struct Upload {
    pub media_type: String,
    pub content: Vec<u8>,
}

/// The fields of a submitted form, and its file if it had one.
#[derive(Debug)]
pub struct SubmittedForm {
    pub pairs: Vec<(String, String)>,
    pub file: Option<Upload>,
}

impl<S: Send + Sync> FromRequest<S> for SubmittedForm {
    type Rejection = WebError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let multipart = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("multipart/form-data"));
        if !multipart {
            // The guard has read the body already, within the route's limit.
            let bytes = axum::body::to_bytes(request.into_body(), crate::limits::UPLOAD_BODY_LIMIT)
                .await
                .map_err(|_| WebError::TooLarge)?;
            return Ok(SubmittedForm {
                pairs: form_urlencoded_pairs(&bytes),
                file: None,
            });
        }
        let mut form = Multipart::from_request(request, state)
            .await
            .map_err(|e| WebError::BadRequest(format!("the form could not be read: {e}")))?;
        let mut pairs = Vec::new();
        let mut file = None;
        while let Some(field) = form
            .next_field()
            .await
            .map_err(|e| WebError::BadRequest(format!("the form could not be read: {e}")))?
        {
            let name = field.name().unwrap_or_default().to_owned();
            if field.file_name().is_some() {
                let media_type = field
                    .content_type()
                    .unwrap_or("application/octet-stream")
                    .to_owned();
                let content = field.bytes().await.map_err(|e| {
                    WebError::BadRequest(format!("the file could not be read: {e}"))
                })?;
                if !content.is_empty() {
                    file = Some(Upload {
                        media_type,
                        content: content.to_vec(),
                    });
                }
            } else {
                let value = field.text().await.map_err(|e| {
                    WebError::BadRequest(format!("the form could not be read: {e}"))
                })?;
                pairs.push((name, value));
            }
        }
        Ok(SubmittedForm { pairs, file })
    }
}
