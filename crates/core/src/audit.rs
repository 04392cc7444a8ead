//! The audit log: one entry per change, hash-chained so that tampering shows.
//!
//! Each entry holds the SHA-256 of the previous entry (`prev_hash`) and of its
//! own content including `prev_hash` (`hash`). Editing an entry breaks its own
//! hash; deleting or reordering entries breaks the link of the next one (and
//! the sequence numbers, which must run 1, 2, 3... without gaps); deleting
//! the newest entries is caught by the head record, which the store updates
//! in the same transaction as every append.
//!
//! A record's creation is not written twice (decision 0036): its entry holds
//! the SHA-256 of the body (`after_sha256`) instead of the body, which the
//! record's row holds until its first change and the `before` of that
//! change's entry holds from then on. The store finds it there for the
//! history and checks it against the hash when the chain is verified.

use chrono::{DateTime, SubsecRound, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::error::InvalidValue;
use crate::model::EntityKind;

/// The `prev_hash` of the first entry.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
    strum::EnumString,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum AuditAction {
    Create,
    Update,
    Delete,
    Publish,
    Unpublish,
    /// A reviewer sent a pending change back to its editor, with a comment.
    SendBack,
}

impl AuditAction {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(text: &str) -> Option<Self> {
        text.parse().ok()
    }
}

/// What an audit entry is about: a record of some kind, or an account.
/// The log stores it by name: the kind's name, or `user` for an account
/// and for its API tokens alike (as it always has, so that the chain's
/// hashes and older backups stay valid).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuditSubject {
    Record(EntityKind),
    /// An account, or one of its API tokens.
    User,
}

impl AuditSubject {
    const USER: &'static str = "user";

    /// The name the log stores and hashes.
    pub fn as_str(self) -> &'static str {
        match self {
            AuditSubject::Record(kind) => kind.as_str(),
            AuditSubject::User => Self::USER,
        }
    }

    /// Reads a stored name; the error lists the names the log knows.
    pub fn parse(text: &str) -> Result<Self, InvalidValue> {
        if text == Self::USER {
            return Ok(AuditSubject::User);
        }
        EntityKind::parse(text)
            .map(AuditSubject::Record)
            .map_err(|_| {
                InvalidValue::new(format!(
                    "'{text}' is not an audit subject (expected one of: {})",
                    Self::names().join(", ")
                ))
            })
    }

    /// Every name the log can store: the kinds of record, then `user`.
    fn names() -> Vec<&'static str> {
        let kinds = EntityKind::ALL.iter().map(|k| k.as_str());
        kinds.chain([Self::USER]).collect()
    }
}

impl From<EntityKind> for AuditSubject {
    fn from(kind: EntityKind) -> Self {
        AuditSubject::Record(kind)
    }
}

impl std::fmt::Display for AuditSubject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for AuditSubject {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for AuditSubject {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        AuditSubject::parse(&text).map_err(|e| serde::de::Error::custom(e.reason))
    }
}

/// In the API's document: a string, one of the names the log stores.
impl utoipa::PartialSchema for AuditSubject {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .enum_values(Some(Self::names()))
            .description(Some(
                "What the entry is about: a kind of record, or `user` for an account or its API tokens.",
            ))
            .into()
    }
}

impl utoipa::ToSchema for AuditSubject {}

/// One recorded change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AuditEntry {
    /// Position in the chain, from 1.
    pub seq: i64,
    /// Microsecond precision, so that every backend stores it exactly.
    pub at: DateTime<Utc>,
    /// Who made the change.
    pub actor: String,
    pub action: AuditAction,
    /// What the change is about (stored, hashed and sent as `entity_kind`).
    #[serde(rename = "entity_kind")]
    pub subject: AuditSubject,
    pub entity_id: Uuid,
    /// The entity's version after the change.
    pub entity_version: i64,
    pub reason: Option<String>,
    /// The entity before the change, as JSON text (None for a creation).
    pub before: Option<String>,
    /// The entity after the change, as JSON text. A creation's entry does
    /// not store it (see `after_sha256`); the store fills it in when it reads
    /// a history.
    pub after: Option<String>,
    /// The SHA-256 (hex) of the body a creation wrote, in an entry that does
    /// not store the body itself; hashed into the entry in its place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after_sha256: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

/// Where an audit entry sits and what it is about, without its bodies:
/// what a derived index (search) needs to follow the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditMark {
    pub seq: i64,
    /// What the entry did: a follower re-reads the records that depend on
    /// one whose publication changed.
    pub action: AuditAction,
    pub subject: AuditSubject,
    pub entity_id: Uuid,
    /// The entry's hash, so that a follower can tell that the log it
    /// follows is still the one it read.
    pub hash: String,
}

/// The hashed content of an entry, in a fixed field order.
#[derive(Serialize)]
struct HashedContent<'a> {
    seq: i64,
    at: String,
    actor: &'a str,
    action: &'a str,
    entity_kind: &'a str,
    entity_id: String,
    entity_version: i64,
    reason: Option<&'a str>,
    before: Option<&'a str>,
    after: Option<&'a str>,
    /// Left out when absent, so that entries written before it hash as
    /// they did.
    #[serde(skip_serializing_if = "Option::is_none")]
    after_sha256: Option<&'a str>,
    prev_hash: &'a str,
}

/// Formats a timestamp the way the audit log hashes and SQLite stores it.
pub fn format_timestamp(at: &DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// The current time, truncated to what every backend stores exactly.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

impl AuditEntry {
    /// The SHA-256 this entry's content should have.
    pub fn compute_hash(&self) -> String {
        let content = HashedContent {
            seq: self.seq,
            at: format_timestamp(&self.at),
            actor: &self.actor,
            action: self.action.as_str(),
            entity_kind: self.subject.as_str(),
            entity_id: self.entity_id.to_string(),
            entity_version: self.entity_version,
            reason: self.reason.as_deref(),
            before: self.before.as_deref(),
            // The body a creation's entry stood for is hashed by its hash
            // alone, so the entry verifies whether or not it was filled in.
            after: if self.after_sha256.is_some() {
                None
            } else {
                self.after.as_deref()
            },
            after_sha256: self.after_sha256.as_deref(),
            prev_hash: &self.prev_hash,
        };
        // Serialising a struct of strings and integers cannot fail.
        let bytes = serde_json::to_vec(&content).unwrap_or_default();
        hex::encode(Sha256::digest(&bytes))
    }

    /// The SHA-256 (hex) of a body, as `after_sha256` holds it.
    pub fn body_sha256(body: &str) -> String {
        hex::encode(Sha256::digest(body.as_bytes()))
    }

    /// Seals a new entry: sets `hash` from its content.
    pub fn seal(mut self) -> Self {
        self.hash = self.compute_hash();
        self
    }
}

/// What a check of the chain found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ChainReport {
    pub entries: i64,
    pub head_hash: String,
    pub broken: Option<BrokenEntry>,
}

/// The first entry at which the chain does not hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct BrokenEntry {
    /// The sequence number of the first broken entry (as stored).
    pub seq: i64,
    pub reason: String,
}

impl std::fmt::Display for BrokenEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "audit entry {} is broken: {}", self.seq, self.reason)
    }
}

/// Walks entries in the order the store keeps them and checks each link.
#[derive(Debug)]
pub struct ChainVerifier {
    expected_seq: i64,
    prev_hash: String,
    broken: Option<BrokenEntry>,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        Self {
            expected_seq: 1,
            prev_hash: GENESIS_HASH.to_owned(),
            broken: None,
        }
    }
}

impl ChainVerifier {
    /// Checks the next entry; after the first break, later entries are not checked.
    pub fn push(&mut self, entry: &AuditEntry) {
        self.push_checked(entry, None);
    }

    /// Checks the next entry, of which the store found `body_problem` (a
    /// creation whose body is missing or does not match `after_sha256`).
    pub fn push_checked(&mut self, entry: &AuditEntry, body_problem: Option<String>) {
        if self.broken.is_some() {
            return;
        }
        let fail = |reason: String| {
            Some(BrokenEntry {
                seq: entry.seq,
                reason,
            })
        };
        if entry.seq != self.expected_seq {
            self.broken = fail(format!(
                "expected sequence number {}, found {} (entries missing or reordered)",
                self.expected_seq, entry.seq
            ));
        } else if entry.prev_hash != self.prev_hash {
            self.broken = fail(format!(
                "it does not follow the previous entry (prev_hash {} but the previous entry's hash is {})",
                short(&entry.prev_hash),
                short(&self.prev_hash)
            ));
        } else if entry.compute_hash() != entry.hash {
            self.broken = fail(format!(
                "its content does not match its hash {} (edited after it was written)",
                short(&entry.hash)
            ));
        } else if let Some(problem) = body_problem {
            self.broken = fail(problem);
        }
        self.expected_seq += 1;
        self.prev_hash = entry.hash.clone();
    }

    /// Ends the walk, checking the head record the store kept.
    pub fn finish(mut self, head: Option<(i64, String)>) -> ChainReport {
        let entries = self.expected_seq - 1;
        if self.broken.is_none() {
            let (head_seq, head_hash) = head.unwrap_or((0, GENESIS_HASH.to_owned()));
            if head_seq != entries || head_hash != self.prev_hash {
                self.broken = Some(BrokenEntry {
                    seq: entries.min(head_seq) + 1,
                    reason: format!(
                        "the log ends at entry {entries} but its head records entry {head_seq} with hash {} (newest entries removed or head altered)",
                        short(&head_hash)
                    ),
                });
            }
        }
        ChainReport {
            entries,
            head_hash: self.prev_hash,
            broken: self.broken,
        }
    }
}

fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_names_are_the_stored_ones() {
        for (action, name) in [
            (AuditAction::Create, "create"),
            (AuditAction::Update, "update"),
            (AuditAction::Delete, "delete"),
            (AuditAction::Publish, "publish"),
            (AuditAction::Unpublish, "unpublish"),
            (AuditAction::SendBack, "send_back"),
        ] {
            assert_eq!(action.as_str(), name);
            assert_eq!(AuditAction::parse(name), Some(action));
            assert_eq!(serde_json::to_value(action).unwrap(), name);
        }
        assert_eq!(AuditAction::parse("Create"), None);
    }

    #[test]
    fn subjects_are_stored_as_the_kind_names_and_user() {
        for kind in EntityKind::ALL {
            let subject = AuditSubject::from(*kind);
            assert_eq!(subject.as_str(), kind.as_str());
            assert_eq!(AuditSubject::parse(kind.as_str()), Ok(subject));
        }
        assert_eq!(AuditSubject::User.as_str(), "user");
        assert_eq!(AuditSubject::User.to_string(), "user");
        assert_eq!(AuditSubject::parse("user"), Ok(AuditSubject::User));
        let json = serde_json::to_value(AuditSubject::User).unwrap();
        assert_eq!(json, "user");
        let back: AuditSubject = serde_json::from_value(json).unwrap();
        assert_eq!(back, AuditSubject::User);
        let err = AuditSubject::parse("account").unwrap_err();
        assert!(err.reason.starts_with("'account' is not an audit subject"));
        assert!(
            err.reason.ends_with("signatory, candidate, user)"),
            "{}",
            err.reason
        );
        assert!(serde_json::from_value::<AuditSubject>("account".into()).is_err());
    }

    /// An account's entry hashes as it did when the subject was a kind named
    /// `user` (the expected hash is SHA-256 of the content written out by
    /// hand), so existing chains and backups still verify.
    #[test]
    fn an_account_entry_hashes_as_before() {
        let entry = AuditEntry {
            seq: 7,
            at: "2010-12-01T09:30:00Z".parse().unwrap(),
            actor: "admin".into(),
            action: AuditAction::Update,
            subject: AuditSubject::User,
            entity_id: "0190a0b0-0000-7000-8000-000000000001".parse().unwrap(),
            entity_version: 2,
            reason: Some("promote".into()),
            before: None,
            after: Some(r#"{"role":"reviewer"}"#.into()),
            after_sha256: None,
            prev_hash: GENESIS_HASH.into(),
            hash: String::new(),
        };
        assert_eq!(
            entry.compute_hash(),
            "63635f984452e9a788f0fb74db763107027d7a8798ca35ad7040fec9e25438fd"
        );
        // And it is sent under its old name.
        let json = serde_json::to_value(&entry).unwrap();
        assert_eq!(json["entity_kind"], "user");
    }

    fn chain(n: i64) -> Vec<AuditEntry> {
        let mut prev = GENESIS_HASH.to_owned();
        (1..=n)
            .map(|seq| {
                let entry = AuditEntry {
                    seq,
                    at: now(),
                    actor: "tester".into(),
                    action: AuditAction::Create,
                    subject: EntityKind::Actor.into(),
                    entity_id: Uuid::now_v7(),
                    entity_version: 1,
                    reason: None,
                    before: None,
                    after: Some(format!("{{\"n\":{seq}}}")),
                    after_sha256: None,
                    prev_hash: prev.clone(),
                    hash: String::new(),
                }
                .seal();
                prev = entry.hash.clone();
                entry
            })
            .collect()
    }

    fn verify(entries: &[AuditEntry], head: Option<(i64, String)>) -> ChainReport {
        let mut v = ChainVerifier::default();
        entries.iter().for_each(|e| v.push(e));
        v.finish(head)
    }

    fn head(entries: &[AuditEntry]) -> Option<(i64, String)> {
        entries.last().map(|e| (e.seq, e.hash.clone()))
    }

    #[test]
    fn an_untouched_chain_verifies() {
        let entries = chain(5);
        let report = verify(&entries, head(&entries));
        assert_eq!(report.broken, None);
        assert_eq!(report.entries, 5);
    }

    #[test]
    fn an_edited_entry_is_named() {
        let mut entries = chain(5);
        let h = head(&entries);
        entries[2].reason = Some("rewritten".into());
        assert_eq!(verify(&entries, h).broken.unwrap().seq, 3);
    }

    #[test]
    fn a_deleted_entry_breaks_at_its_successor() {
        let mut entries = chain(5);
        let h = head(&entries);
        entries.remove(1);
        assert_eq!(verify(&entries, h).broken.unwrap().seq, 3);
    }

    #[test]
    fn removing_the_newest_entry_is_caught_by_the_head() {
        let mut entries = chain(5);
        let h = head(&entries);
        entries.pop();
        assert_eq!(verify(&entries, h).broken.unwrap().seq, 5);
    }

    /// A creation that holds its body's hash instead of the body verifies
    /// with or without the body filled in, and its hash is not the one the
    /// body itself would give (the hash stands for the body).
    #[test]
    fn a_creation_by_hash_verifies_filled_in_or_not() {
        let body = r#"{"n":1}"#;
        let by_value = chain(1).remove(0);
        let by_hash = AuditEntry {
            after: None,
            after_sha256: Some(AuditEntry::body_sha256(body)),
            hash: String::new(),
            ..by_value.clone()
        }
        .seal();
        assert_ne!(by_hash.hash, by_value.hash);
        let filled = AuditEntry {
            after: Some(body.into()),
            ..by_hash.clone()
        };
        for entry in [&by_hash, &filled] {
            let report = verify(
                std::slice::from_ref(entry),
                head(std::slice::from_ref(entry)),
            );
            assert_eq!(report.broken, None);
        }
        // Its hash can be changed only by changing the entry's own.
        let forged = AuditEntry {
            after_sha256: Some(AuditEntry::body_sha256("{}")),
            ..by_hash.clone()
        };
        assert_eq!(verify(&[forged], head(&[by_hash])).broken.unwrap().seq, 1);
    }

    #[test]
    fn a_body_problem_breaks_the_chain_at_its_entry() {
        let entries = chain(3);
        let mut v = ChainVerifier::default();
        v.push(&entries[0]);
        v.push_checked(&entries[1], Some("its body is missing".into()));
        v.push(&entries[2]);
        let report = v.finish(head(&entries));
        let broken = report.broken.unwrap();
        assert_eq!(
            (broken.seq, broken.reason.as_str()),
            (2, "its body is missing")
        );
    }

    #[test]
    fn hashes_survive_a_round_trip_through_text() {
        let entries = chain(2);
        let text = serde_json::to_string(&entries).unwrap();
        let back: Vec<AuditEntry> = serde_json::from_str(&text).unwrap();
        assert_eq!(verify(&back, head(&back)).broken, None);
    }
}
