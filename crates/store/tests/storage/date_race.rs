//! The rules between records hold under concurrent writes: a batch checked
//! against the store is written only if nothing was written since the
//! checks began, and an assessment and a move of its commitment sent at the
//! same moment never both pass the date rule.

use chrono::NaiveDate;
use pledgewatch_core::error::Error;
use pledgewatch_core::ids::AssessmentId;
use pledgewatch_core::model::{Assessment, Commitment, Entity, EntityKind, Records};
use pledgewatch_core::scale::{ScaleId, ScaleVersion};
use pledgewatch_core::service::Services;
use pledgewatch_core::storage::{Applied, Change, Storage};
use pledgewatch_store::{OpenMode, Store};
use pledgewatch_testkit::build::{actor, commitment};

use crate::harness::{TestDb, context};

fn rating(of: &Commitment, as_of: &str) -> Assessment {
    Assessment {
        id: AssessmentId::new(),
        commitment: of.id,
        as_of: as_of.parse::<NaiveDate>().unwrap(),
        scale: ScaleVersion {
            scale: ScaleId::Default,
            version: 1,
        },
        status: "in_progress".into(),
        rationale: "Drafts are being discussed.".parse().unwrap(),
        developments: vec![],
        rated_by: "tester".into(),
        reviewed_by: None,
    }
}

pub async fn a_batch_is_refused_when_anything_was_written_since_its_checks(db: &TestDb) {
    let bound = actor("Kazakhstan").create(db).await;
    let seen = db.store.audit_seq().await.unwrap();
    let late = commitment().bound(&bound).build();
    // Someone else writes after the checks were made on `seen`.
    db.store
        .apply(
            &context("meanwhile"),
            vec![Change::Create(Entity::Commitment(late))],
        )
        .await
        .unwrap();
    let mine = commitment().bound(&bound).build();
    let refused = db
        .store
        .apply_if_unchanged(
            &context("mine"),
            vec![Change::Create(Entity::Commitment(mine.clone()))],
            seen,
        )
        .await;
    assert!(
        matches!(&refused, Ok(Applied::Stale(back)) if back.len() == 1),
        "{refused:?}"
    );
    assert_eq!(db.store.audit_seq().await.unwrap(), seen + 1);
    assert!(
        db.store
            .get(EntityKind::Commitment, mine.id.uuid())
            .await
            .unwrap()
            .is_none(),
        "a refused batch writes nothing"
    );
    let now = db.store.audit_seq().await.unwrap();
    let written = db
        .store
        .apply_if_unchanged(
            &context("mine"),
            vec![Change::Create(Entity::Commitment(mine))],
            now,
        )
        .await
        .unwrap();
    let Applied::Written(written) = written else {
        panic!("an unchanged store writes the batch")
    };
    assert_eq!(written.len(), 1);
    assert_eq!(db.store.audit_seq().await.unwrap(), now + 1);
}

pub async fn rating_and_moving_a_commitment_at_once_never_both_pass_the_date_rule(db: &TestDb) {
    const PAIRS: usize = 12;
    let bound = actor("Kazakhstan").create(db).await;
    let mut commitments = Vec::new();
    for _ in 0..PAIRS {
        commitments.push(
            commitment()
                .bound(&bound)
                .made_on("2012-01-01")
                .create(db)
                .await,
        );
    }
    // Each task needs a store it can own for 'static; they share the database.
    let store: &'static Store = Box::leak(Box::new(
        Store::open(&db.url, OpenMode::MustExist).await.unwrap(),
    ));
    let mut pairs = Vec::new();
    for c in &commitments {
        let moved = Commitment {
            made_on: "2015-01-01".parse().unwrap(),
            ..c.clone()
        };
        let rated = rating(c, "2013-01-01");
        let move_it = tokio::spawn(async move {
            Services::new(store)
                .update(&context("move"), Entity::Commitment(moved), 1)
                .await
        });
        let rate_it = tokio::spawn(async move {
            Services::new(store)
                .create(&context("rate"), Entity::Assessment(rated))
                .await
        });
        pairs.push((move_it, rate_it));
    }
    let mut refused = 0;
    for (i, (move_it, rate_it)) in pairs.into_iter().enumerate() {
        let (moved, rated) = (move_it.await.unwrap(), rate_it.await.unwrap());
        assert!(
            !(moved.is_ok() && rated.is_ok()),
            "pair {i}: the commitment moved to 2015 and a rating of 2013 was added"
        );
        for result in [moved.err(), rated.err()].into_iter().flatten() {
            assert!(
                matches!(result, Error::Invalid(_) | Error::Changed),
                "pair {i}: {result}"
            );
            refused += 1;
        }
    }
    assert!(refused >= PAIRS, "each pair has at least one refusal");
    // What the store holds keeps the rule, whatever order the writes took.
    for c in &commitments {
        let Some(now) = db.store.get_record(c.id).await.unwrap() else {
            panic!("commitment {} is gone", c.id)
        };
        let ratings = db
            .store
            .referring(
                EntityKind::Assessment,
                EntityKind::Commitment,
                &[c.id.uuid()],
            )
            .await
            .unwrap();
        for r in ratings {
            let Entity::Assessment(a) = r.entity else {
                panic!("not an assessment")
            };
            assert!(
                a.as_of >= now.entity.made_on.earliest(),
                "{} rated on {} but made on {}",
                c.id,
                a.as_of,
                now.entity.made_on
            );
        }
    }
}
