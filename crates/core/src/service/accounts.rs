//! Registering an account, the same way from the command line, first-run
//! setup and the administrators' page: the checks of its fields, the
//! password hashed with argon2id, and the audited write. Also issuing API
//! tokens (for the account page, the API's tests and the command line) and
//! the one hash under which sessions and tokens are kept. And the rest of an
//! account's life: disabling and enabling it, changing its password, and
//! the one-time codes with which an administrator lets its owner set a new
//! one (decision 0017).

use std::cell::RefCell;

use argon2::password_hash::phc::{Output, PasswordHash, Salt};
use argon2::{Algorithm, Argon2, Block, Params, Version};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

use super::context;
use chrono::{DateTime, Utc};

use crate::accounts::{
    Accounts, ApiToken, Ended, PasswordReset, Role, User, check_password, parse_token_name,
    validate_new_user,
};
use crate::error::{Error, FieldError, Result, Said, ValidationErrors};
use crate::ids::{PasswordResetId, UserId};
use crate::storage::ChangeContext;

/// Runs argon2 into `out` in this thread's working memory, kept from one
/// hash to the next. Letting argon2 allocate its 19 MiB each time makes
/// glibc raise its mmap threshold after the first free, after which every
/// thread's arena keeps 19 MiB more: a server that had checked a few dozen
/// passwords held hundreds of megabytes. Kept, the memory is one block
/// per hashing thread.
fn argon2_into(argon: &Argon2<'_>, password: &[u8], salt: &[u8], out: &mut [u8]) -> bool {
    thread_local! {
        static MEMORY: RefCell<Vec<Block>> = const { RefCell::new(Vec::new()) };
    }
    MEMORY.with_borrow_mut(|memory| {
        let blocks = argon.params().block_count();
        if memory.len() < blocks {
            memory.resize(blocks, Block::new());
        }
        argon
            .hash_password_into_with_memory(password, salt, out, &mut memory[..blocks])
            .is_ok()
    })
}

/// Hashes a password with argon2id and a random 16-byte salt (a PHC
/// string). The parameters are argon2's defaults, which every stored hash
/// was made with: changing them would still verify old hashes (the PHC
/// string names its parameters), but would change the cost of every login.
pub fn hash_password(password: &str) -> Result<String, FieldError> {
    let failed = |e: &dyn std::fmt::Display| {
        FieldError::new("password", format!("cannot hash the password: {e}"))
    };
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| failed(&e))?;
    let argon = Argon2::default();
    let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
    if !argon2_into(&argon, password.as_bytes(), &salt, &mut out) {
        return Err(failed(&"argon2 refused the input"));
    }
    let hash = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: argon.params().try_into().map_err(|e| failed(&e))?,
        salt: Some(Salt::new(&salt).map_err(|e| failed(&e))?),
        hash: Some(Output::new(&out).map_err(|e| failed(&e))?),
    };
    Ok(hash.to_string())
}

/// Whether `password` is the one `phc` (an argon2 PHC string) was made
/// from; the comparison takes the same time wherever the outputs differ.
pub fn verify_password(password: &str, phc: &str) -> bool {
    let Ok(hash) = PasswordHash::new(phc) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (hash.salt.as_ref(), hash.hash.as_ref()) else {
        return false;
    };
    let (Ok(algorithm), Ok(params)) = (
        Algorithm::try_from(hash.algorithm.as_str()),
        Params::try_from(&hash),
    ) else {
        return false;
    };
    let version = match hash.version.map(Version::try_from) {
        None => Version::default(),
        Some(Ok(v)) => v,
        Some(Err(_)) => return false,
    };
    let argon = Argon2::new(algorithm, version, params);
    let mut out = vec![0u8; expected.len()];
    argon2_into(&argon, password.as_bytes(), salt.as_ref(), &mut out)
        && Output::new(&out).is_ok_and(|o| &o == expected)
}

/// What is asked for when an account is made.
#[derive(Clone)]
pub struct Registration {
    pub username: String,
    pub display_name: String,
    pub password: String,
    pub role: Role,
}

impl std::fmt::Debug for Registration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The password is never shown.
        f.debug_struct("Registration")
            .field("username", &self.username)
            .field("display_name", &self.display_name)
            .field("role", &self.role)
            .finish_non_exhaustive()
    }
}

/// An account whose fields passed the checks and whose password is
/// hashed: the only thing [`register`] takes, so no front end can skip
/// the checks.
#[derive(Debug, Clone)]
pub struct CheckedAccount(User);

impl Registration {
    /// Checks the fields and hashes the password. Hashing is slow on
    /// purpose, so an async caller runs this on a blocking thread.
    pub fn check(self) -> Result<CheckedAccount, ValidationErrors> {
        let username = validate_new_user(&self.username, &self.display_name, &self.password)?;
        let password_hash = hash_password(&self.password)?;
        Ok(CheckedAccount(User {
            id: crate::ids::UserId::new(),
            username,
            display_name: self.display_name.trim().to_owned(),
            role: self.role,
            password_hash,
            created_at: crate::audit::now(),
            disabled: false,
        }))
    }
}

/// Who makes an account.
#[derive(Debug, Clone, Copy)]
pub enum Registrar<'a> {
    /// First-run setup: allowed only while there is no account at all (safe
    /// against two browsers racing); the new account is its own actor.
    FirstRun,
    /// Someone (an administrator, the command line's user) makes it, for a
    /// reason written in the audit log.
    By { actor: &'a str, reason: &'a str },
}

/// Registers a checked account; a taken username is refused by the store
/// as an invalid `username`. Returns the account as stored.
pub async fn register(
    accounts: &dyn Accounts,
    account: CheckedAccount,
    by: Registrar<'_>,
) -> Result<User> {
    let CheckedAccount(user) = account;
    match by {
        Registrar::FirstRun => {
            let context = context(&user.username, Some("First-run setup"))?;
            accounts.create_first_user(&context, user.clone()).await?;
        }
        Registrar::By { actor, reason } => {
            let context = context(actor, Some(reason))?;
            accounts.create_user(&context, user.clone()).await?;
        }
    }
    Ok(user)
}

/// What every API token's secret starts with.
pub const TOKEN_PREFIX: &str = "pw_";
/// The length of a secret after its prefix: 32 bytes in unpadded base64url.
const SECRET_CHARS: usize = 43;

/// The SHA-256 of a secret (an API token's, a session's), as 64 hex digits:
/// what the database keeps. A fast hash is enough for a secret with 256
/// bits of entropy: nobody can guess it, so slowing guesses down (as argon2
/// does for passwords) buys nothing, and every request checks it cheaply.
/// Changing it would turn away every token and session issued before.
pub fn token_hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// Whether a text has the shape of an API token (before it is looked up):
/// `pw_` and 43 base64url characters.
pub fn looks_like_token(text: &str) -> bool {
    text.strip_prefix(TOKEN_PREFIX).is_some_and(|rest| {
        rest.len() == SECRET_CHARS
            && rest
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    })
}

/// A new API token's secret: shown to its owner once, never stored, and
/// not printed by `Debug`, so it cannot slip into a log.
#[derive(Clone, PartialEq, Eq)]
pub struct TokenSecret(String);

impl TokenSecret {
    /// `pw_` followed by 32 random bytes in unpadded base64url.
    fn generate() -> Result<Self> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes)
            .map_err(|e| Error::storage("no randomness for a token secret", e.to_string()))?;
        Ok(Self(format!(
            "{TOKEN_PREFIX}{}",
            URL_SAFE_NO_PAD.encode(bytes)
        )))
    }

    /// The secret itself, for the one answer that shows it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The secret itself, taken out of its wrapper.
    pub fn into_exposed(self) -> String {
        self.0
    }
}

impl std::fmt::Debug for TokenSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenSecret(..)")
    }
}

/// Issues an API token for `owner`, named `name` (checked here), working
/// until `expires_at` (see [`crate::accounts::parse_token_expiry`]): stores
/// its hash, audited under `context`, and returns it with its secret, which
/// is not stored and cannot be shown again.
pub async fn issue_api_token(
    accounts: &dyn Accounts,
    context: &ChangeContext,
    owner: &User,
    name: &str,
    expires_at: DateTime<Utc>,
) -> Result<(ApiToken, TokenSecret)> {
    let name = parse_token_name(name)?;
    if expires_at <= context.at {
        return Err(FieldError::said("expires", Said::new("reason-expires-future")).into());
    }
    let secret = TokenSecret::generate()?;
    let token = ApiToken {
        id: crate::ids::ApiTokenId::new(),
        user_id: owner.id,
        name,
        token_hash: token_hash(secret.expose()),
        created_at: context.at,
        last_used_at: None,
        revoked_at: None,
        expires_at,
    };
    accounts.create_api_token(context, &token).await?;
    Ok((token, secret))
}

/// Disables or enables `target`. `by` is the signed-in account acting, if
/// any: nobody disables their own account (they would lock themselves
/// out). The store refuses to disable the last enabled administrator, in
/// the same transaction that would do it.
pub async fn set_disabled(
    accounts: &dyn Accounts,
    context: &ChangeContext,
    by: Option<UserId>,
    target: &User,
    disabled: bool,
) -> Result<Ended> {
    if disabled && by == Some(target.id) {
        return Err(Error::refused(Said::new("reason-disable-self")));
    }
    accounts.set_disabled(context, target.id, disabled).await
}

/// A password change the owner asked for, with their current password.
#[derive(Clone)]
pub struct PasswordChange {
    pub current: String,
    pub new: String,
    /// The new password typed again, where a form asks for it.
    pub repeated: Option<String>,
}

impl std::fmt::Debug for PasswordChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PasswordChange(..)")
    }
}

impl PasswordChange {
    /// Checks the current password against `stored_hash` and the new one
    /// against the rules, and hashes the new one. Slow on purpose (two
    /// argon2 runs): async callers run it on a hashing thread. The errors
    /// are filed under `current_password` and `new_password`.
    pub fn check(self, stored_hash: &str) -> Result<String, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        if !verify_password(&self.current, stored_hash) {
            errors.push(FieldError::said(
                "current_password",
                Said::new("reason-password-wrong"),
            ));
        }
        if let Err(e) = check_password(&self.new) {
            errors.push(e.renamed("new_password"));
        } else if self.repeated.as_ref().is_some_and(|r| *r != self.new) {
            errors.push(FieldError::said(
                "new_password",
                Said::new("reason-password-mismatch"),
            ));
        }
        errors.into_result()?;
        hash_password(&self.new).map_err(|e| e.renamed("new_password").into())
    }
}

/// Checks a new password against the rules and hashes it (for `user
/// passwd` and a reset code's redemption); errors are filed under `field`.
pub fn new_password_hash(password: &str, field: &str) -> Result<String, FieldError> {
    check_password(password).map_err(|e| e.renamed(field))?;
    hash_password(password).map_err(|e| e.renamed(field))
}

/// How long a reset code works.
pub const RESET_CODE_HOURS: i64 = 24;

/// The letters of a reset code: lowercase letters and digits without the
/// ones read alike (`l`, `o`, `0`, `1`), 32 of them, so each is 5 bits.
const RESET_ALPHABET: &[u8; 32] = b"abcdefghijkmnpqrstuvwxyz23456789";

/// Characters of a reset code, without its hyphens: 24 of 5 bits each,
/// 120 random bits.
const RESET_CHARS: usize = 24;

/// A new reset code: shown to the administrator once, never stored, and
/// not printed by `Debug`.
#[derive(Clone, PartialEq, Eq)]
pub struct ResetCode(String);

impl ResetCode {
    /// 120 random bits as six groups of four characters (`abcd-efgh-…`),
    /// short enough to read out over the telephone.
    fn generate() -> Result<Self> {
        let mut bytes = [0u8; RESET_CHARS * 5 / 8];
        getrandom::fill(&mut bytes)
            .map_err(|e| Error::storage("no randomness for a reset code", e.to_string()))?;
        let mut bits: u32 = 0;
        let mut held = 0;
        let mut chars = Vec::with_capacity(RESET_CHARS);
        for byte in bytes {
            bits = (bits << 8) | u32::from(byte);
            held += 8;
            while held >= 5 {
                held -= 5;
                chars.push(RESET_ALPHABET[((bits >> held) & 31) as usize]);
            }
        }
        let groups: Vec<String> = chars
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect();
        Ok(Self(groups.join("-")))
    }

    /// The code itself, for the one answer that shows it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for ResetCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ResetCode(..)")
    }
}

/// A reset code as typed, in the form its hash is kept under (lowercase,
/// without spaces or hyphens), or an error under `code` for a text that
/// cannot be a code (nothing is looked up for it).
pub fn parse_reset_code(text: &str) -> Result<String, FieldError> {
    let code: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let ok = code.len() == RESET_CHARS && code.bytes().all(|b| RESET_ALPHABET.contains(&b));
    if ok {
        Ok(code)
    } else {
        Err(FieldError::said(
            "code",
            Said::new("reason-reset-code").count("chars", RESET_CHARS),
        ))
    }
}

/// The hash a reset code is kept and looked up under.
pub fn reset_code_hash(code: &str) -> Result<String, FieldError> {
    parse_reset_code(code).map(|c| token_hash(&c))
}

/// Issues a one-time reset code for an enabled account: its hash is
/// stored (replacing any earlier code of the account), audited under
/// `context`; the code itself is returned to be shown once.
pub async fn issue_reset_code(
    accounts: &dyn Accounts,
    context: &ChangeContext,
    user: &User,
) -> Result<(PasswordReset, ResetCode)> {
    if user.disabled {
        return Err(Error::refused(
            Said::new("reason-reset-disabled").text("user", &user.username),
        ));
    }
    let code = ResetCode::generate()?;
    let reset = PasswordReset {
        id: PasswordResetId::new(),
        user_id: user.id,
        code_hash: reset_code_hash(code.expose())?,
        created_at: context.at,
        expires_at: context.at + chrono::Duration::hours(RESET_CODE_HOURS),
        used_at: None,
    };
    accounts.create_password_reset(context, &reset).await?;
    Ok((reset, code))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registration(password: &str) -> Registration {
        Registration {
            username: "ada".into(),
            display_name: " Ada Lovelace ".into(),
            password: password.into(),
            role: Role::Editor,
        }
    }

    #[test]
    fn a_checked_account_holds_an_argon2id_hash_that_verifies_only_its_password() {
        let CheckedAccount(user) = registration("correct horse battery").check().unwrap();
        assert!(user.password_hash.starts_with("$argon2id$"));
        assert!(verify_password(
            "correct horse battery",
            &user.password_hash
        ));
        assert!(!verify_password(
            "correct horse batterY",
            &user.password_hash
        ));
        assert_eq!(user.display_name, "Ada Lovelace");
        assert_eq!(user.role, Role::Editor);
    }

    #[test]
    fn hashes_keep_the_argon2id_parameters_every_stored_hash_was_made_with() {
        // argon2 0.6's defaults, which the web crate hashed with before.
        let phc = hash_password("s3cret-enough").unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        assert!(verify_password("s3cret-enough", &phc));
    }

    #[test]
    fn hashes_made_by_argon2_itself_verify_and_ours_verify_there() {
        use argon2::password_hash::{PasswordHasher, PasswordVerifier};
        let theirs = Argon2::default()
            .hash_password(b"an older password")
            .unwrap()
            .to_string();
        assert!(verify_password("an older password", &theirs));
        assert!(!verify_password("an older passworD", &theirs));
        let ours = hash_password("a newer password").unwrap();
        assert!(
            Argon2::default()
                .verify_password(b"a newer password", ours.as_str())
                .is_ok()
        );
        assert!(!verify_password(
            "a newer password",
            "$argon2id$v=19$garbage"
        ));
    }

    #[test]
    fn a_short_password_and_a_bad_username_are_both_reported() {
        let mut r = registration("short");
        r.username = "no spaces".into();
        let errors = r.check().unwrap_err();
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["username", "password"]);
    }

    #[test]
    fn the_password_is_not_shown_when_a_registration_is_printed() {
        let shown = format!("{:?}", registration("correct horse battery"));
        assert!(!shown.contains("horse"), "{shown}");
    }

    #[test]
    fn secrets_have_the_token_shape_and_differ() {
        let (a, b) = (
            TokenSecret::generate().unwrap(),
            TokenSecret::generate().unwrap(),
        );
        assert!(looks_like_token(a.expose()), "{}", a.expose());
        assert!(looks_like_token(b.expose()), "{}", b.expose());
        assert_ne!(a, b);
        assert!(!looks_like_token("pw_short"));
        assert!(!looks_like_token(&a.expose().replace("pw_", "xx_")));
        assert!(!looks_like_token(&format!("{}=", a.expose())));
    }

    #[test]
    fn a_secret_is_not_shown_when_printed() {
        let secret = TokenSecret::generate().unwrap();
        let shown = format!("{secret:?}");
        assert!(!shown.contains(&secret.expose()[3..]), "{shown}");
        assert!(!shown.contains(TOKEN_PREFIX), "{shown}");
    }

    #[test]
    fn reset_codes_are_six_groups_that_parse_back_however_they_are_typed() {
        let code = ResetCode::generate().unwrap();
        let shown = code.expose();
        assert_eq!(shown.len(), 29, "{shown}");
        assert_eq!(shown.split('-').count(), 6, "{shown}");
        let canonical = parse_reset_code(shown).unwrap();
        assert_eq!(canonical.len(), 24);
        let typed = format!(" {} ", shown.to_uppercase().replace('-', " "));
        assert_eq!(parse_reset_code(&typed).unwrap(), canonical);
        assert_eq!(
            reset_code_hash(shown).unwrap(),
            reset_code_hash(&typed).unwrap()
        );
        assert_ne!(code, ResetCode::generate().unwrap());
        assert!(!format!("{code:?}").contains(&shown[..4]));
        for bad in ["", "abcd", &format!("{shown}a"), &shown.replace('a', "0")] {
            if bad == shown {
                continue;
            }
            assert_eq!(parse_reset_code(bad).unwrap_err().field, "code", "{bad}");
        }
    }

    #[test]
    fn a_password_change_needs_the_current_password_and_a_good_new_one() {
        let stored = hash_password("the current password").unwrap();
        let change = |current: &str, new: &str, repeated: Option<&str>| PasswordChange {
            current: current.into(),
            new: new.into(),
            repeated: repeated.map(str::to_owned),
        };
        let fields = |r: Result<String, ValidationErrors>| -> Vec<String> {
            r.unwrap_err().0.into_iter().map(|e| e.field).collect()
        };
        assert_eq!(
            fields(change("wrong password!", "a new password", None).check(&stored)),
            ["current_password"]
        );
        assert_eq!(
            fields(change("the current password", "short", None).check(&stored)),
            ["new_password"]
        );
        assert_eq!(
            fields(
                change(
                    "the current password",
                    "a new password",
                    Some("a new passwort")
                )
                .check(&stored)
            ),
            ["new_password"]
        );
        let hash = change(
            "the current password",
            "a new password",
            Some("a new password"),
        )
        .check(&stored)
        .unwrap();
        assert!(verify_password("a new password", &hash));
        let shown = format!("{:?}", change("the current password", "x", None));
        assert!(!shown.contains("current"), "{shown}");
    }

    #[test]
    fn a_token_hash_is_the_hex_sha256_tokens_were_always_kept_under() {
        // The SHA-256 of "abc": tokens and sessions issued before are kept
        // under this hash, so it must not change.
        assert_eq!(
            token_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
