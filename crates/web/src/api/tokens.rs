//! API tokens: `pw_` followed by 32 random bytes in unpadded base64url (43
//! characters). The secret is shown once; the database keeps its SHA-256.
//! A fast hash is enough for a secret with 256 bits of entropy: nobody can
//! guess it, so slowing the guesses down (as argon2 does for passwords) buys
//! nothing, and every API request can check its token cheaply.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use pledgewatch_core::accounts::{Accounts, ApiToken, User, parse_token_name};
use pledgewatch_core::error::{Error, Result};
use pledgewatch_core::storage::ChangeContext;
use pledgewatch_store::Store;

use crate::auth::token_hash;

pub const TOKEN_PREFIX: &str = "pw_";
const SECRET_CHARS: usize = 43;

/// Whether a text has the shape of a token (before it is looked up).
pub fn looks_like_token(text: &str) -> bool {
    text.strip_prefix(TOKEN_PREFIX).is_some_and(|rest| {
        rest.len() == SECRET_CHARS
            && rest
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    })
}

fn new_secret() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| Error::storage("no randomness for a token secret", e.to_string()))?;
    Ok(format!("{TOKEN_PREFIX}{}", URL_SAFE_NO_PAD.encode(bytes)))
}

/// Makes a token for `owner`, named `name`, and returns it with its secret,
/// which is not stored and cannot be shown again.
pub async fn issue_api_token(
    store: &Store,
    context: &ChangeContext,
    owner: &User,
    name: &str,
) -> Result<(ApiToken, String)> {
    let name = parse_token_name(name)?;
    let secret = new_secret()?;
    let token = ApiToken {
        id: pledgewatch_core::ids::ApiTokenId::new(),
        user_id: owner.id,
        name,
        token_hash: token_hash(&secret),
        created_at: context.at,
        last_used_at: None,
        revoked_at: None,
    };
    store.create_api_token(context, &token).await?;
    Ok((token, secret))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_have_the_token_shape_and_differ() {
        let (a, b) = (new_secret().unwrap(), new_secret().unwrap());
        assert!(looks_like_token(&a), "{a}");
        assert!(looks_like_token(&b), "{b}");
        assert_ne!(a, b);
        assert!(!looks_like_token("pw_short"));
        assert!(!looks_like_token(&a.replace("pw_", "xx_")));
        assert!(!looks_like_token(&format!("{a}=")));
    }
}
