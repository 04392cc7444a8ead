//! Flash messages: what a page says after a form redirected to it
//! (post/redirect/get). The redirect carries a fixed code in the `done`
//! query parameter, never text: a link cannot make a page say anything but
//! one of these messages, and an unknown code is ignored.

use serde::{Deserialize, Deserializer};

/// One message shown after a redirect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flash {
    Created,
    Saved,
    Removed,
    Published,
    Unpublished,
    Approved,
    RemovalApproved,
    SentBack,
    SignedIn,
    SignedOut,
    Account,
    Drafted,
    Accepted,
    Rejected,
    TokenRevoked,
    Disabled,
    Enabled,
    PasswordChanged,
    SignedOutEverywhere,
    PasswordReset,
}

impl Flash {
    pub const ALL: [Flash; 20] = [
        Flash::Created,
        Flash::Saved,
        Flash::Removed,
        Flash::Published,
        Flash::Unpublished,
        Flash::Approved,
        Flash::RemovalApproved,
        Flash::SentBack,
        Flash::SignedIn,
        Flash::SignedOut,
        Flash::Account,
        Flash::Drafted,
        Flash::Accepted,
        Flash::Rejected,
        Flash::TokenRevoked,
        Flash::Disabled,
        Flash::Enabled,
        Flash::PasswordChanged,
        Flash::SignedOutEverywhere,
        Flash::PasswordReset,
    ];

    /// The code in the URL (stable: bookmarks and tests hold it).
    pub fn code(self) -> &'static str {
        match self {
            Flash::Created => "created",
            Flash::Saved => "saved",
            Flash::Removed => "removed",
            Flash::Published => "published",
            Flash::Unpublished => "unpublished",
            Flash::Approved => "approved",
            Flash::RemovalApproved => "removal-approved",
            Flash::SentBack => "sent-back",
            Flash::SignedIn => "signed-in",
            Flash::SignedOut => "signed-out",
            Flash::Account => "account",
            Flash::Drafted => "drafted",
            Flash::Accepted => "accepted",
            Flash::Rejected => "rejected",
            Flash::TokenRevoked => "token-revoked",
            Flash::Disabled => "disabled",
            Flash::Enabled => "enabled",
            Flash::PasswordChanged => "password-changed",
            Flash::SignedOutEverywhere => "signed-out-everywhere",
            Flash::PasswordReset => "password-reset",
        }
    }

    /// The message the page shows.
    /// The message in the reader's language (`flash-CODE` in the
    /// catalogue).
    pub fn text(self, lang: pledgewatch_core::lang::Lang) -> String {
        lang.t(&format!("flash-{}", self.code()))
    }

    pub fn parse(code: &str) -> Option<Flash> {
        Flash::ALL.into_iter().find(|f| f.code() == code)
    }

    /// `url` with this flash's `done` parameter added to its query (before
    /// any fragment).
    pub fn on(self, url: &str) -> String {
        let (path, fragment) = match url.split_once('#') {
            Some((path, fragment)) => (path, Some(fragment)),
            None => (url, None),
        };
        let separator = if path.contains('?') { '&' } else { '?' };
        let mut out = format!("{path}{separator}done={}", self.code());
        if let Some(fragment) = fragment {
            out.push('#');
            out.push_str(fragment);
        }
        out
    }
}

/// Reads an optional `done` parameter, ignoring codes that are not flashes
/// (so an old or edited link still shows the page).
pub fn lenient<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Flash>, D::Error> {
    let code = Option::<String>::deserialize(deserializer)?;
    Ok(code.as_deref().and_then(Flash::parse))
}

/// The `done` parameter of a page's query.
#[derive(Debug, Deserialize, Default)]
pub struct FlashQuery {
    #[serde(default, deserialize_with = "lenient")]
    pub done: Option<Flash>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_flash_parses_back_from_its_code_and_has_its_own_text() {
        for flash in Flash::ALL {
            assert_eq!(Flash::parse(flash.code()), Some(flash));
        }
        for lang in pledgewatch_core::lang::Lang::ALL {
            let mut texts: Vec<String> = Flash::ALL.iter().map(|f| f.text(lang)).collect();
            assert!(texts.iter().all(|t| !t.starts_with("flash-")), "{lang:?}");
            texts.sort_unstable();
            texts.dedup();
            assert_eq!(texts.len(), Flash::ALL.len());
        }
    }

    #[test]
    fn unknown_or_echoed_codes_give_no_flash() {
        assert_eq!(Flash::parse("<script>"), None);
        assert_eq!(Flash::parse("Saved."), None);
        let q: FlashQuery = serde_urlencoded::from_str("done=hacked").unwrap();
        assert_eq!(q.done, None);
        let q: FlashQuery = serde_urlencoded::from_str("done=signed-in").unwrap();
        assert_eq!(q.done, Some(Flash::SignedIn));
        let q: FlashQuery = serde_urlencoded::from_str("").unwrap();
        assert_eq!(q.done, None);
    }

    #[test]
    fn the_code_goes_into_the_query_before_the_fragment() {
        assert_eq!(
            Flash::Saved.on("/records/actor/1"),
            "/records/actor/1?done=saved"
        );
        assert_eq!(
            Flash::Accepted.on("/drafting/s#c-1"),
            "/drafting/s?done=accepted#c-1"
        );
        assert_eq!(
            Flash::SignedIn.on("/search?q=x"),
            "/search?q=x&done=signed-in"
        );
    }
}
