//! Typed reads on top of the storage trait: `get_record(commitment_id)`
//! gives a `Stored<Commitment>`, so callers no longer match an `Entity`
//! against the kind they asked for.
//!
//! The names differ from `Storage::get`/`get_many` on purpose: on a
//! `dyn Storage`, the trait's own methods win over any extension trait's.

use async_trait::async_trait;

use super::{Record, RecordId, Stored};
use crate::error::{Error, Result};
use crate::storage::Storage;

/// Reads records by typed id; implemented for every `Storage`.
#[async_trait]
pub trait Records {
    /// A record by id, removed or not.
    async fn get_record<I: RecordId>(&self, id: I) -> Result<Option<Stored<I::Record>>>;

    /// The live (not removed) records with the given ids, in the order of
    /// `ids`; ids of missing or removed records are left out.
    async fn get_records<I: RecordId>(&self, ids: &[I]) -> Result<Vec<Stored<I::Record>>>;
}

#[async_trait]
impl<S: Storage + ?Sized> Records for S {
    async fn get_record<I: RecordId>(&self, id: I) -> Result<Option<Stored<I::Record>>> {
        match self.get(I::Record::KIND, id.uuid()).await? {
            Some(stored) => typed::<I::Record>(stored).map(Some),
            None => Ok(None),
        }
    }

    async fn get_records<I: RecordId>(&self, ids: &[I]) -> Result<Vec<Stored<I::Record>>> {
        let uuids: Vec<uuid::Uuid> = ids.iter().map(|id| id.uuid()).collect();
        let found = self.get_many(I::Record::KIND, &uuids).await?;
        let mut records = found
            .into_iter()
            .map(typed::<I::Record>)
            .collect::<Result<Vec<_>>>()?;
        let place: std::collections::HashMap<uuid::Uuid, usize> =
            uuids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        records.sort_by_key(|r| place.get(&r.entity.id().uuid()).copied());
        Ok(records)
    }
}

/// A stored entity as the kind that was asked for; another kind means the
/// store answered wrongly, which is a storage failure, never "not found".
fn typed<T: Record>(stored: Stored<super::Entity>) -> Result<Stored<T>> {
    stored.into_record::<T>().map_err(|other| {
        Error::storage(
            format!("reading a record of kind {}", T::KIND),
            format!(
                "the store gave {} {} instead",
                other.entity.kind(),
                other.entity.id()
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use async_trait::async_trait;
    use uuid::Uuid;

    use super::*;
    use crate::audit::{AuditEntry, AuditSubject, ChainReport};
    use crate::ids::{ConcernId, SignatoryId};
    use crate::model::{
        Candidate, CandidateStatus, Dossier, Entity, EntityKind, Meta, Sha256Hex, Signatory, Slug,
    };
    use crate::storage::{Change, ChangeContext, StorageInfo, TableDump};

    /// A store that answers reads from a list, ignoring the kind asked for,
    /// so that a wrong kind can be seen; nothing else is called.
    struct Listed(Vec<Stored<Entity>>);

    #[async_trait]
    impl Storage for Listed {
        fn info(&self) -> StorageInfo {
            unreachable!()
        }
        async fn migrate(&self) -> Result<()> {
            unreachable!()
        }
        async fn apply(&self, _: &ChangeContext, _: Vec<Change>) -> Result<Vec<AuditEntry>> {
            unreachable!()
        }
        async fn audit_seq(&self) -> Result<i64> {
            unreachable!()
        }
        async fn apply_if_unchanged(
            &self,
            _: &ChangeContext,
            _: Vec<Change>,
            _: i64,
        ) -> Result<crate::storage::Applied> {
            unreachable!()
        }
        async fn get(&self, _: EntityKind, id: Uuid) -> Result<Option<Stored<Entity>>> {
            Ok(self.0.iter().find(|s| s.entity.id() == id).cloned())
        }
        async fn get_many(&self, _: EntityKind, ids: &[Uuid]) -> Result<Vec<Stored<Entity>>> {
            let mut found: Vec<_> = self
                .0
                .iter()
                .filter(|s| ids.contains(&s.entity.id()))
                .cloned()
                .collect();
            found.reverse();
            Ok(found)
        }
        async fn removed(&self, _: EntityKind, _: &[Uuid]) -> Result<Vec<Uuid>> {
            unreachable!()
        }
        async fn taken(&self, _: &[Uuid]) -> Result<Vec<(Uuid, EntityKind)>> {
            unreachable!()
        }
        async fn referring(
            &self,
            _: EntityKind,
            _: EntityKind,
            _: &[Uuid],
        ) -> Result<Vec<Stored<Entity>>> {
            unreachable!()
        }
        async fn dossier_by_slug(&self, _: &Slug) -> Result<Option<Stored<Dossier>>> {
            unreachable!()
        }
        async fn list_dossiers(&self) -> Result<Vec<Stored<Dossier>>> {
            unreachable!()
        }
        async fn list(&self, _: EntityKind, _: u32, _: u32) -> Result<Vec<Stored<Entity>>> {
            unreachable!()
        }
        async fn published_records(
            &self,
            _: EntityKind,
            _: &[Uuid],
        ) -> Result<Vec<Stored<Entity>>> {
            unreachable!()
        }
        async fn published_referring(
            &self,
            _: EntityKind,
            _: EntityKind,
            _: &[Uuid],
        ) -> Result<Vec<Stored<Entity>>> {
            unreachable!()
        }
        async fn published_list(
            &self,
            _: EntityKind,
            _: u32,
            _: u32,
        ) -> Result<Vec<Stored<Entity>>> {
            unreachable!()
        }
        async fn published_sources_with_file(&self, _: &Sha256Hex) -> Result<Vec<Stored<Entity>>> {
            unreachable!()
        }
        async fn pending(&self, _: u32) -> Result<Vec<crate::storage::Pending>> {
            unreachable!()
        }
        async fn published(
            &self,
            _: &[Uuid],
        ) -> Result<HashMap<Uuid, chrono::DateTime<chrono::Utc>>> {
            unreachable!()
        }
        async fn put_file(&self, _: &str, _: &[u8]) -> Result<Sha256Hex> {
            unreachable!()
        }
        async fn get_file(&self, _: &Sha256Hex) -> Result<Option<(String, Vec<u8>)>> {
            unreachable!()
        }
        async fn sources_with_file(&self, _: &Sha256Hex) -> Result<Vec<Stored<Entity>>> {
            unreachable!()
        }
        async fn list_candidates(
            &self,
            _: Option<CandidateStatus>,
        ) -> Result<Vec<Stored<Candidate>>> {
            unreachable!()
        }
        async fn history(&self, _: AuditSubject, _: Uuid) -> Result<Vec<AuditEntry>> {
            unreachable!()
        }
        async fn verify_audit(&self) -> Result<ChainReport> {
            unreachable!()
        }
        async fn audit_marks(&self, _: i64, _: u32) -> Result<Vec<crate::audit::AuditMark>> {
            unreachable!()
        }
        async fn dump(&self) -> Result<Vec<TableDump>> {
            unreachable!()
        }
        async fn restore(&self, _: Vec<TableDump>) -> Result<()> {
            unreachable!()
        }
        async fn is_empty(&self) -> Result<bool> {
            unreachable!()
        }
    }

    /// Runs a future that never waits (the listed store answers at once).
    fn now<T>(future: impl std::future::Future<Output = T>) -> T {
        let mut future = std::pin::pin!(future);
        let mut context = std::task::Context::from_waker(std::task::Waker::noop());
        match future.as_mut().poll(&mut context) {
            std::task::Poll::Ready(value) => value,
            std::task::Poll::Pending => unreachable!("the listed store never waits"),
        }
    }

    fn stored(entity: Entity) -> Stored<Entity> {
        let at = chrono::DateTime::UNIX_EPOCH;
        Stored {
            meta: Meta {
                version: 1,
                created_at: at,
                updated_at: at,
                deleted_at: None,
            },
            entity,
        }
    }

    fn signatory(name: &str) -> Signatory {
        Signatory {
            id: SignatoryId::new(),
            name: name.parse().unwrap(),
            title: "Director".parse().unwrap(),
            division: None,
            organisation: None,
        }
    }

    #[test]
    fn a_typed_read_gives_the_record_or_none() {
        let s = signatory("A. Person");
        let store = Listed(vec![stored(s.clone().into())]);
        let found = now(store.get_record(s.id)).unwrap().unwrap();
        assert_eq!(found.entity, s);
        assert!(now(store.get_record(SignatoryId::new())).unwrap().is_none());
    }

    #[test]
    fn typed_reads_of_many_keep_the_order_asked_for() {
        let (a, b, c) = (signatory("A"), signatory("B"), signatory("C"));
        let store = Listed(vec![
            stored(a.clone().into()),
            stored(b.clone().into()),
            stored(c.clone().into()),
        ]);
        let found = now(store.get_records(&[c.id, SignatoryId::new(), a.id, b.id])).unwrap();
        let names: Vec<&str> = found.iter().map(|s| s.entity.name.as_str()).collect();
        assert_eq!(names, ["C", "A", "B"]);
    }

    #[test]
    fn a_record_of_another_kind_is_a_storage_error_not_a_miss() {
        let s = signatory("A. Person");
        let store = Listed(vec![stored(s.clone().into())]);
        // Ask for a concern under the signatory's id.
        let err = now(store.get_record(ConcernId(s.id.uuid()))).unwrap_err();
        assert!(matches!(err, Error::Storage { .. }), "{err}");
        assert!(err.to_string().contains("kind concern"), "{err}");
        let err = now(store.get_records(&[ConcernId(s.id.uuid())])).unwrap_err();
        assert!(
            err.to_string().contains("the store gave signatory"),
            "{err}"
        );
    }
}
