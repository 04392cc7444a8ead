//! Newtype identifiers, one per entity kind, so that a commitment's id can
//! never be passed where an actor's is expected.

use std::fmt;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::InvalidValue;

macro_rules! entity_id {
    ($($name:ident),* $(,)?) => {$(
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, utoipa::ToSchema)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A new, time-ordered id.
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }

            /// A stable id derived from a name, for data whose identity comes
            /// from outside (the demo's keys, an import's external ids).
            pub fn derived(namespace: &str, key: &str) -> Self {
                let ns = Uuid::new_v5(&Uuid::NAMESPACE_URL, namespace.as_bytes());
                Self(Uuid::new_v5(&ns, key.as_bytes()))
            }

            pub fn parse(text: &str) -> Result<Self, InvalidValue> {
                Uuid::parse_str(text.trim())
                    .map(Self)
                    .map_err(|_| InvalidValue::said(
                        crate::error::Said::new("reason-id").text("value", text),
                    ))
            }

            pub fn uuid(&self) -> Uuid {
                self.0
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl From<$name> for Uuid {
            fn from(id: $name) -> Uuid {
                id.0
            }
        }
    )*};
}

entity_id!(
    ActorId,
    OccasionId,
    SourceId,
    QuoteId,
    CommitmentId,
    MilestoneId,
    DevelopmentId,
    AssessmentId,
    RecommendationId,
    ConcernId,
    DossierId,
    RecipientListId,
    SignatoryId,
    CandidateId,
);

// Accounts and API tokens are not entities of the record, but their ids get
// the same newtype, so that a token's id can never be passed as a user's.
entity_id!(UserId, ApiTokenId, PasswordResetId);
