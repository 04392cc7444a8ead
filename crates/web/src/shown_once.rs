//! A secret shown once after a redirect (post/redirect/get): an API
//! token's, an administrator's reset code for an account. Only its hash is
//! stored, so the form's answer cannot just name it in the URL; it travels
//! to the page in a short-lived cookie (`HttpOnly`, `SameSite`, `__Host-`
//! when secure) that the page clears as it shows it. Reloading the page
//! shows it no more and repeats nothing. The page checks the secret
//! against the stored hash before showing it, so a cookie cannot make it
//! show anything else.

use axum::http::{HeaderMap, header};
use axum::response::Response;

use crate::auth::{cookie, set_cookie};
use crate::error::WebError;

/// Which secret a cookie carries.
#[derive(Debug, Clone, Copy)]
pub enum Shown {
    ApiToken,
    ResetCode,
}

/// How long a secret waits for its page, in seconds.
const SECONDS: i64 = 300;

impl Shown {
    fn name(self, secure: bool) -> &'static str {
        match (self, secure) {
            (Shown::ApiToken, true) => "__Host-pw_new_token",
            (Shown::ApiToken, false) => "pw_new_token",
            (Shown::ResetCode, true) => "__Host-pw_new_code",
            (Shown::ResetCode, false) => "pw_new_code",
        }
    }

    /// Puts `<id>.<secret>` on a response (the redirect after the form).
    pub fn carry(
        self,
        response: &mut Response,
        secure: bool,
        id: &str,
        secret: &str,
    ) -> Result<(), WebError> {
        let value = set_cookie(
            self.name(secure),
            &format!("{id}.{secret}"),
            SECONDS,
            secure,
        )
        .ok_or_else(|| WebError::Internal("a secret that is no cookie value".into()))?;
        response.headers_mut().append(header::SET_COOKIE, value);
        Ok(())
    }

    /// The `(id, secret)` a request carries, if any.
    pub fn taken(self, headers: &HeaderMap, secure: bool) -> Option<(String, String)> {
        let value = cookie(headers, self.name(secure))?;
        let (id, secret) = value.split_once('.')?;
        Some((id.to_owned(), secret.to_owned()))
    }

    /// Clears the cookie on the page's response, when the request had one.
    pub fn clear(self, response: &mut Response, headers: &HeaderMap, secure: bool) {
        if cookie(headers, self.name(secure)).is_some()
            && let Some(expired) = set_cookie(self.name(secure), "", 0, secure)
        {
            response.headers_mut().append(header::SET_COOKIE, expired);
        }
    }
}
