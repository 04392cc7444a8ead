//! The index agrees with a reading of every record after any sequence of
//! creations, edits (of published records too), removals, publications and
//! withdrawals (a seeded random walk), and never shows the public a draft,
//! a pending edit or a confidential record.

use std::collections::BTreeSet;

use pledgewatch_core::model::{Entity, EntityKind};
use pledgewatch_core::public::{self, PublicStore};
use pledgewatch_core::storage::{Change, SearchIndex, SearchQuery, Storage};
use pledgewatch_search::DerivedIndex;
use pledgewatch_testkit::TestDb;
use uuid::Uuid;

use crate::fixtures::{self, Server, View, add_concern, apply, ids, publish};

/// Words no stemmer confuses with one another, so matching whole words
/// against the records' text is an exact oracle.
const WORDS: [&str; 10] = [
    "zebra", "quartz", "violet", "harbor", "copper", "meadow", "falcon", "glacier", "lantern",
    "orchid",
];

/// A small xorshift generator: the walk is the same for a seed.
struct Walk(u64);

impl Walk {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn text(&mut self) -> String {
        let n = 2 + self.below(4);
        (0..n)
            .map(|_| WORDS[self.below(WORDS.len())])
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        (!items.is_empty()).then(|| &items[self.below(items.len())])
    }
}

/// The records the walk made, and how many edits it made to a published
/// record (pending until published again).
#[derive(Default)]
struct Made {
    records: Vec<(EntityKind, Uuid)>,
    edits_after_publication: usize,
}

/// One random write; whether the store took it (a publication of what is
/// already published, say, is refused, and that is fine).
async fn step(db: &TestDb, walk: &mut Walk, made: &mut Made) -> bool {
    let change = match walk.below(8) {
        0 | 1 => {
            let c = fixtures::concern(&format!("Concern {}", walk.text()), &walk.text());
            made.records.push((EntityKind::Concern, c.id.uuid()));
            Change::Create(Entity::Concern(c))
        }
        2 => {
            let s = fixtures::source(&walk.text(), &walk.text(), walk.below(3) == 0);
            made.records.push((EntityKind::Source, s.id.uuid()));
            Change::Create(Entity::Source(s))
        }
        3 => {
            let sources: Vec<Uuid> = made
                .records
                .iter()
                .filter(|(k, _)| *k == EntityKind::Source)
                .map(|(_, id)| *id)
                .collect();
            let Some(id) = walk.pick(&sources).copied() else {
                return false;
            };
            let Some(stored) = db.store.get(EntityKind::Source, id).await.unwrap() else {
                return false;
            };
            let Entity::Source(s) = stored.entity else {
                unreachable!()
            };
            let q = fixtures::quote(&s, &walk.text());
            made.records.push((EntityKind::Quote, q.id.uuid()));
            Change::Create(Entity::Quote(q))
        }
        4 => {
            let Some(&(kind, id)) = walk.pick(&made.records) else {
                return false;
            };
            let Some(stored) = db.store.get(kind, id).await.unwrap() else {
                return false;
            };
            if !db.store.published(&[id]).await.unwrap().is_empty() {
                made.edits_after_publication += 1;
            }
            let entity = match stored.entity {
                Entity::Concern(mut c) => {
                    c.description = walk.text().parse().unwrap();
                    Entity::Concern(c)
                }
                Entity::Source(mut s) => {
                    if walk.below(2) == 0 {
                        s.confidential = !s.confidential;
                    } else {
                        s.text = Some(walk.text());
                    }
                    Entity::Source(s)
                }
                Entity::Quote(mut q) => {
                    q.text = walk.text().parse().unwrap();
                    Entity::Quote(q)
                }
                _ => unreachable!(),
            };
            Change::Update {
                entity,
                expected_version: stored.meta.version,
            }
        }
        5 => {
            let Some(&(kind, id)) = walk.pick(&made.records) else {
                return false;
            };
            let Some(stored) = db.store.get(kind, id).await.unwrap() else {
                return false;
            };
            Change::Delete {
                kind,
                id,
                expected_version: stored.meta.version,
            }
        }
        6 => {
            let Some(&(kind, id)) = walk.pick(&made.records) else {
                return false;
            };
            Change::Publish { kind, id }
        }
        _ => {
            let Some(&(kind, id)) = walk.pick(&made.records) else {
                return false;
            };
            Change::Unpublish { kind, id }
        }
    };
    db.store
        .apply(&fixtures::context(), vec![change])
        .await
        .is_ok()
}

/// The queries compared: every word alone, and a few pairs.
fn queries() -> Vec<String> {
    let mut out: Vec<String> = WORDS.iter().map(|w| (*w).to_owned()).collect();
    out.push("zebra quartz".into());
    out.push("MEADOW falcon".into());
    out
}

/// Whether an entity's search document holds every word of `text`.
fn holds_every_word(entity: &Entity, text: &str) -> bool {
    let Some(doc) = entity.search_document() else {
        return false;
    };
    let body = format!("{}\n{}", doc.title, doc.body).to_lowercase();
    let found: BTreeSet<&str> = body.split(|c: char| !c.is_alphanumeric()).collect();
    text.split_whitespace()
        .all(|w| found.contains(w.to_lowercase().as_str()))
}

/// The ids of `made` of one kind.
fn of_kind(made: &[(EntityKind, Uuid)], kind: EntityKind) -> Vec<Uuid> {
    made.iter()
        .filter(|(k, _)| *k == kind)
        .map(|(_, id)| *id)
        .collect()
}

/// What the team should find: the live records among `made` whose text
/// holds every word of `text`, without confidential sources and quotes
/// from them unless `query` includes them.
async fn oracle(db: &TestDb, made: &[(EntityKind, Uuid)], query: &SearchQuery) -> BTreeSet<Uuid> {
    let mut out = BTreeSet::new();
    for kind in [EntityKind::Concern, EntityKind::Source, EntityKind::Quote] {
        for stored in db.store.get_many(kind, &of_kind(made, kind)).await.unwrap() {
            if stored.meta.deleted_at.is_some() || !holds_every_word(&stored.entity, &query.text) {
                continue;
            }
            let confidential = match &stored.entity {
                Entity::Source(s) => s.confidential,
                Entity::Quote(q) => db
                    .store
                    .get(EntityKind::Source, q.source.uuid())
                    .await
                    .unwrap()
                    .is_some_and(|s| matches!(s.entity, Entity::Source(s) if s.confidential)),
                _ => false,
            };
            if query.include_confidential || !confidential {
                out.insert(stored.entity.id());
            }
        }
    }
    out
}

/// What the public should find: the records among `made` whose version
/// the public sees (the published one, as the public store shows it)
/// holds every word of `text`.
async fn public_oracle(db: &TestDb, made: &[(EntityKind, Uuid)], text: &str) -> BTreeSet<Uuid> {
    let public = PublicStore::new(&db.store);
    let mut out = BTreeSet::new();
    for kind in [EntityKind::Concern, EntityKind::Source, EntityKind::Quote] {
        for stored in public.get_many(kind, &of_kind(made, kind)).await.unwrap() {
            if holds_every_word(&stored.entity, text) {
                out.insert(stored.entity.id());
            }
        }
    }
    out
}

/// Every query in every view finds in the index the records the oracles
/// find; the public's search through the index finds them too (nothing for
/// it to leave out).
async fn assert_agrees(
    db: &TestDb,
    index: &DerivedIndex,
    made: &[(EntityKind, Uuid)],
    seed: u64,
    after: usize,
) {
    for text in queries() {
        for view in View::ALL {
            let query = view.query(&text);
            let expected = if view == View::Public {
                public_oracle(db, made, &text).await
            } else {
                oracle(db, made, &query).await
            };
            if view == View::Public {
                let shown = public::search(&db.store, index, &query).await.unwrap();
                assert_eq!(ids(&shown), expected, "the public's search of '{text}'");
            }
            let found = ids(&index.search(&query).await.unwrap());
            assert_eq!(
                found, expected,
                "{}: seed {seed}, after {after} writes, '{text}' as {view:?}",
                db.backend
            );
            assert_eq!(
                index.count(&query).await.unwrap(),
                expected.len(),
                "the count of '{text}' as {view:?}"
            );
        }
    }
}

pub async fn random_writes_leave_the_index_agreeing_with_the_database(db: &TestDb) {
    // What every walk made: the public's oracle looks at all of it.
    let mut made = Made::default();
    for seed in [0x9E37_79B9_7F4A_7C15_u64, 0x2545_F491_4F6C_DD1D] {
        let follower = Server::in_memory(db).await;
        let mut walk = Walk(seed);
        let mut taken = 0;
        for n in 1..=90 {
            taken += usize::from(step(db, &mut walk, &mut made).await);
            if n % 3 == 0 {
                assert_agrees(db, &follower.index, &made.records, seed, n).await;
            }
        }
        assert!(taken >= 45, "the walk should mostly write ({taken} of 90)");
        assert!(
            made.edits_after_publication >= 3,
            "the walk should edit published records ({})",
            made.edits_after_publication
        );
        // A new index built from everything at once agrees too, and finds
        // exactly what the one kept current finds.
        let built = Server::in_memory(db).await;
        assert_agrees(db, &built.index, &made.records, seed, 90).await;
        for text in queries() {
            for view in View::ALL {
                assert_eq!(
                    built.ids(&text, view).await,
                    follower.ids(&text, view).await,
                    "rebuilt and followed differ on '{text}' as {view:?}"
                );
            }
        }
        assert_eq!(built.index.len(), follower.index.len());
        follower.close().await;
        built.close().await;
    }
}

pub async fn the_public_never_finds_drafts_or_confidential_records(db: &TestDb) {
    let server = Server::in_memory(db).await;
    let open = fixtures::source("Open report", "falcon report", false);
    let secret = fixtures::source("Secret notes", "falcon notes", true);
    let from_secret = fixtures::quote(&secret, "falcon said this");
    let from_open = fixtures::quote(&open, "falcon said that");
    let (open_id, secret_id, q_secret, q_open) = (
        open.id.uuid(),
        secret.id.uuid(),
        from_secret.id.uuid(),
        from_open.id.uuid(),
    );
    apply(
        db,
        vec![
            Change::Create(Entity::Source(open)),
            Change::Create(Entity::Source(secret.clone())),
            Change::Create(Entity::Quote(from_secret)),
            Change::Create(Entity::Quote(from_open)),
        ],
    )
    .await;
    let draft = add_concern(db, "Draft falcon", "not yet approved").await;
    for (kind, id) in [
        (EntityKind::Source, open_id),
        (EntityKind::Source, secret_id),
        (EntityKind::Quote, q_secret),
        (EntityKind::Quote, q_open),
    ] {
        publish(db, kind, id).await;
    }
    let all: BTreeSet<Uuid> = [open_id, secret_id, q_secret, q_open, draft].into();
    assert_eq!(server.ids("falcon", View::Team).await, all);
    assert_eq!(
        server.ids("falcon", View::Restricted).await,
        [open_id, q_open, draft].into()
    );
    assert_eq!(
        server.ids("falcon", View::Public).await,
        [open_id, q_open].into()
    );
    // Lifting the source's confidentiality lets its quote out with it;
    // marking it again takes both back at once.
    let mut lifted = secret.clone();
    lifted.confidential = false;
    let version = db
        .store
        .get(EntityKind::Source, secret_id)
        .await
        .unwrap()
        .unwrap()
        .meta
        .version;
    apply(
        db,
        vec![Change::Update {
            entity: Entity::Source(lifted.clone()),
            expected_version: version,
        }],
    )
    .await;
    assert_eq!(
        server.ids("falcon", View::Restricted).await,
        [open_id, q_open, draft, secret_id, q_secret].into()
    );
    lifted.confidential = true;
    apply(
        db,
        vec![Change::Update {
            entity: Entity::Source(lifted),
            expected_version: version + 1,
        }],
    )
    .await;
    assert_eq!(
        server.ids("falcon", View::Public).await,
        [open_id, q_open].into()
    );
    // A withdrawal leaves the public search at once.
    apply(
        db,
        vec![Change::Unpublish {
            kind: EntityKind::Quote,
            id: q_open,
        }],
    )
    .await;
    assert_eq!(server.ids("falcon", View::Public).await, [open_id].into());
    server.close().await;
}

pub async fn two_indexes_on_one_database_both_see_a_write_at_their_next_search(db: &TestDb) {
    let one = Server::in_memory(db).await;
    let two = Server::in_memory(db).await;
    let first = add_concern(db, "Lantern", "the first lantern").await;
    assert_eq!(one.ids("lantern", View::Team).await, [first].into());
    assert_eq!(two.ids("lantern", View::Team).await, [first].into());
    let second = add_concern(db, "Lantern again", "a second lantern").await;
    publish(db, EntityKind::Concern, second).await;
    assert_eq!(one.ids("lantern", View::Team).await, [first, second].into());
    assert_eq!(one.ids("lantern", View::Public).await, [second].into());
    assert_eq!(two.ids("lantern", View::Public).await, [second].into());
    let version = db
        .store
        .get(EntityKind::Concern, first)
        .await
        .unwrap()
        .unwrap()
        .meta
        .version;
    apply(
        db,
        vec![Change::Delete {
            kind: EntityKind::Concern,
            id: first,
            expected_version: version,
        }],
    )
    .await;
    assert_eq!(two.ids("lantern", View::Team).await, [second].into());
    assert_eq!(one.ids("lantern", View::Team).await, [second].into());
    assert_eq!(one.index.applied(), db.store.audit_seq().await.unwrap());
    one.close().await;
    two.close().await;
}

/// What the public is shown for `text` (after `core::public`'s checks) and
/// what the index counts for it.
async fn shown_and_counted(db: &TestDb, server: &Server, text: &str) -> (BTreeSet<Uuid>, usize) {
    let query = View::Public.query(text);
    let shown = public::search(&db.store, &server.index, &query)
        .await
        .unwrap();
    let counted = server.index.count(&query).await.unwrap();
    (ids(&shown), counted)
}

pub async fn the_public_count_agrees_with_what_is_shown_when_a_record_it_needs_is_withdrawn(
    db: &TestDb,
) {
    let server = Server::in_memory(db).await;
    let state = pledgewatch_testkit::build::actor("Osprey Republic")
        .create(db)
        .await;
    let commitment = pledgewatch_testkit::build::commitment()
        .bound(&state)
        .statement("Protect the osprey nesting grounds")
        .create(db)
        .await;
    let concern = add_concern(db, "Osprey grounds drained", "osprey habitat lost").await;
    let (state_id, commitment_id) = (state.id.uuid(), commitment.id.uuid());
    publish(db, EntityKind::Actor, state_id).await;
    publish(db, EntityKind::Commitment, commitment_id).await;
    publish(db, EntityKind::Concern, concern).await;
    let both: BTreeSet<Uuid> = [commitment_id, concern].into();
    assert_eq!(
        shown_and_counted(db, &server, "osprey").await,
        (both.clone(), 2)
    );

    // The State is withdrawn: its commitment, still published, is not
    // shown, and not counted either.
    apply(
        db,
        vec![Change::Unpublish {
            kind: EntityKind::Actor,
            id: state_id,
        }],
    )
    .await;
    assert_eq!(
        shown_and_counted(db, &server, "osprey").await,
        ([concern].into(), 1),
        "{}",
        db.backend
    );
    // A new server building its index from the database agrees.
    let fresh = Server::in_memory(db).await;
    assert_eq!(
        shown_and_counted(db, &fresh, "osprey").await,
        ([concern].into(), 1)
    );
    fresh.close().await;

    // Published again, the commitment is back, in the count too.
    publish(db, EntityKind::Actor, state_id).await;
    assert_eq!(shown_and_counted(db, &server, "osprey").await, (both, 2));
    server.close().await;
}

/// The best results are the best the viewer may see, however many better
/// ones it may not (the ranking skips what cannot make the page, and
/// must not skip on the strength of what the viewer may not see); a count
/// stops at the query's limit.
pub async fn the_best_results_are_the_best_the_viewer_may_see_and_a_count_stops_at_its_limit(
    db: &TestDb,
) {
    let server = Server::in_memory(db).await;
    // Confidential sources naming the heron most, open ones less and less.
    let mut secret = Vec::new();
    let mut open = Vec::new();
    let mut changes = Vec::new();
    for n in 0..6 {
        let s = fixtures::source("Heron heron", &"heron ".repeat(20 + n), true);
        secret.push(s.id.uuid());
        changes.push(Change::Create(Entity::Source(s)));
    }
    for n in 0..12 {
        let body = format!("heron {}", "reed ".repeat(5 + 10 * n));
        let s = fixtures::source(&format!("Marsh notes {n}"), &body, false);
        open.push(s.id.uuid());
        changes.push(Change::Create(Entity::Source(s)));
    }
    apply(db, changes).await;
    for id in secret.iter().chain(&open) {
        publish(db, EntityKind::Source, *id).await;
    }
    let query = |view: View, limit: u32| SearchQuery {
        limit,
        ..view.query("heron")
    };
    let every_public = server
        .index
        .search(&query(View::Public, 1_000))
        .await
        .unwrap();
    assert_eq!(ids(&every_public), open.iter().copied().collect());
    // The shorter the marsh notes, the better they match.
    let ranked: Vec<Uuid> = every_public.iter().map(|h| h.id).collect();
    assert_eq!(ranked, open, "the public's ranking");
    for limit in [1, 5, 11] {
        let best = server
            .index
            .search(&query(View::Public, limit))
            .await
            .unwrap();
        let best: Vec<Uuid> = best.iter().map(|h| h.id).collect();
        assert_eq!(best, open[..limit as usize], "the public's best {limit}");
    }
    let team = server.index.search(&query(View::Team, 5)).await.unwrap();
    assert!(
        team.iter().all(|h| secret.contains(&h.id)),
        "the team's best five are the confidential sources"
    );
    let restricted = server
        .index
        .search(&query(View::Restricted, 5))
        .await
        .unwrap();
    let restricted: Vec<Uuid> = restricted.iter().map(|h| h.id).collect();
    assert_eq!(restricted, open[..5]);
    for (view, limit, expected) in [
        (View::Public, 1_000, 12),
        (View::Team, 1_000, 18),
        (View::Restricted, 1_000, 12),
        (View::Public, 7, 7),
        (View::Team, 7, 7),
        (View::Public, 12, 12),
        (View::Public, 0, 0),
    ] {
        assert_eq!(
            server.index.count(&query(view, limit)).await.unwrap(),
            expected,
            "the count as {view:?} up to {limit}"
        );
    }
    server.close().await;
}
