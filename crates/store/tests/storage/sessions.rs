//! Changes written chunk by chunk in one transaction (`Services::begin`, as
//! an import writes): nothing is visible or kept until the commit, a
//! dropped or failed session leaves the database as it was, and a
//! committed one has every entity audited and searchable.

use pledgewatch_core::error::Error;
use pledgewatch_core::ids::ActorId;
use pledgewatch_core::model::Entity;
use pledgewatch_core::service::Services;
use pledgewatch_core::storage::{Change, SearchQuery, Storage};
use pledgewatch_testkit::build;

use crate::harness::{TestDb, audit_len, context};

/// A commitment of `bound`, found by searching for "quokkaite".
fn commitment(bound: ActorId, n: usize) -> Entity {
    Entity::Commitment(
        build::commitment()
            .bound_id(bound)
            .statement(&format!("Ratify protocol number {n} quokkaite"))
            .external_id(&format!("session:{n}"))
            .build(),
    )
}

/// Three chunks: an actor and 300 commitments bound to it, written after
/// the actor's chunk.
fn chunks() -> Vec<Vec<Change>> {
    let state = build::actor("Quokka Land").build();
    let id = state.id;
    let mut chunks = vec![vec![Change::Create(Entity::Actor(state))]];
    for part in 0..2 {
        chunks.push(
            (0..150)
                .map(|n| Change::Create(commitment(id, part * 150 + n)))
                .collect(),
        );
    }
    chunks
}

async fn hits(db: &TestDb) -> usize {
    db.search(&SearchQuery {
        text: "quokkaite".into(),
        kinds: vec![],
        include_confidential: true,
        include_drafts: true,
        limit: 1000,
    })
    .await
    .unwrap()
    .len()
}

pub async fn a_session_writes_nothing_until_its_commit_and_then_every_change_audited(db: &TestDb) {
    let services = Services::new(&db.store);
    let ctx = context("import in chunks");
    let before = audit_len(&db.store).await;
    let seen = db.store.audit_seq().await.unwrap();

    // Dropped after two chunks: nothing was ever visible, nothing is kept.
    let mut session = services.begin(&ctx, seen).await.unwrap();
    for chunk in chunks().into_iter().take(2) {
        session.apply(chunk).await.unwrap();
    }
    drop(session);
    assert_eq!(db.store.audit_seq().await.unwrap(), seen);
    assert_eq!(hits(db).await, 0);

    // A chunk that fails (a commitment bound to nobody stored) ends the
    // session; what came before it is not kept either.
    let mut session = services.begin(&ctx, seen).await.unwrap();
    let mut all = chunks();
    session.apply(all.remove(0)).await.unwrap();
    session.apply(all.remove(0)).await.unwrap();
    let stray = commitment(ActorId::new(), 999);
    let err = session
        .apply(vec![Change::Create(stray)])
        .await
        .unwrap_err();
    assert!(matches!(err, Error::DanglingReference { .. }), "{err}");
    drop(session);
    assert_eq!(db.store.audit_seq().await.unwrap(), seen);
    assert_eq!(audit_len(&db.store).await, before);

    // Committed: every change has its entry, in one unbroken chain, and is
    // found by search.
    let mut session = services.begin(&ctx, seen).await.unwrap();
    let mut written = 0;
    for chunk in chunks() {
        written += session.apply(chunk).await.unwrap();
    }
    assert_eq!(written, 301);
    assert_eq!(session.commit().await.unwrap(), 301);
    assert_eq!(db.store.audit_seq().await.unwrap(), seen + 301);
    assert_eq!(audit_len(&db.store).await, before + 301);
    assert_eq!(db.store.verify_audit().await.unwrap().broken, None);
    assert_eq!(hits(db).await, 300);

    // A session whose caller's checks began before a write is refused.
    let err = services.begin(&ctx, seen).await.err().unwrap();
    assert!(matches!(err, Error::Changed), "{err}");
}

/// What a session learnt in one chunk it asks the database again in the
/// next (memory holds one chunk's worth): a later chunk can refer to what
/// an earlier one created, and cannot create its id again, under any kind,
/// nor take its external id.
pub async fn a_later_chunk_is_checked_against_what_earlier_chunks_wrote(db: &TestDb) {
    let services = Services::new(&db.store);
    let ctx = context("import in chunks");
    let seen = db.store.audit_seq().await.unwrap();
    let state = build::actor("Quokka Land").build();
    let first = commitment(state.id, 1);
    let mut same_external_id = commitment(state.id, 2);
    if let Entity::Commitment(c) = &mut same_external_id {
        c.external_id = Some("session:1".into());
    }
    let mut actor_with_its_id = build::actor("Wombat Land").build();
    actor_with_its_id.id = ActorId(first.id());
    let refusals = [
        (Change::Create(first.clone()), "already exists"),
        (Change::Create(same_external_id), "session:1"),
        (
            Change::Create(Entity::Actor(actor_with_its_id)),
            "already exists",
        ),
    ];
    for (third, said) in refusals {
        let mut session = services.begin(&ctx, seen).await.unwrap();
        session
            .apply(vec![Change::Create(Entity::Actor(state.clone()))])
            .await
            .unwrap();
        session
            .apply(vec![Change::Create(first.clone())])
            .await
            .unwrap();
        let err = session.apply(vec![third]).await.unwrap_err();
        assert!(err.to_string().contains(said), "{said}: {err}");
        drop(session);
        assert_eq!(db.store.audit_seq().await.unwrap(), seen);
    }

    let mut session = services.begin(&ctx, seen).await.unwrap();
    for chunk in [
        vec![Change::Create(Entity::Actor(state.clone()))],
        vec![Change::Create(first.clone())],
        vec![Change::Create(commitment(state.id, 3))],
    ] {
        session.apply(chunk).await.unwrap();
    }
    assert_eq!(session.commit().await.unwrap(), 3);
    assert_eq!(db.store.verify_audit().await.unwrap().broken, None);
}
