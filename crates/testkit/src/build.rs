//! Fixture builders for the records tests make most: sensible defaults, one
//! method per field a test cares about, then `build()` for the record alone
//! or `create(&db)` to store it through the services (validated and audited
//! like any other change):
//! `commitment().bound(&actor).deadline("2008").create(&db).await`.

use std::sync::Arc;

use pledgewatch_core::date::PreciseDate;
use pledgewatch_core::ids::{ActorId, CommitmentId, ConcernId, MilestoneId};
use pledgewatch_core::model::{
    Actor, ActorKind, Commitment, Concern, DateRef, Entity, Milestone, Origin, Timing,
};
use pledgewatch_core::service::{self, Services};
use pledgewatch_core::storage::Storage;
use pledgewatch_store::Store;

use crate::db::TestDb;

/// Anything a builder can store its record in.
pub trait HasStorage {
    fn storage(&self) -> &dyn Storage;
}

impl HasStorage for TestDb {
    fn storage(&self) -> &dyn Storage {
        &self.store
    }
}

impl HasStorage for Store {
    fn storage(&self) -> &dyn Storage {
        self
    }
}

impl<T: HasStorage + ?Sized> HasStorage for Arc<T> {
    fn storage(&self) -> &dyn Storage {
        T::storage(self)
    }
}

/// Stores one new record as the user "tester".
async fn create(db: &(impl HasStorage + ?Sized), entity: Entity) {
    let context = service::context("tester", Some("test fixture")).unwrap();
    let kind = entity.kind();
    if let Err(e) = Services::new(db.storage()).create(&context, entity).await {
        panic!("the fixture {kind} was refused: {e}");
    }
}

fn date(text: &str) -> PreciseDate {
    PreciseDate::parse(text).unwrap_or_else(|e| panic!("fixture date {text:?}: {e}"))
}

/// A fixture's value of a parsed field type (a title, a country code...).
pub fn parsed<T: std::str::FromStr<Err = pledgewatch_core::error::InvalidValue>>(text: &str) -> T {
    text.parse()
        .unwrap_or_else(|e| panic!("fixture value {text:?}: {e}"))
}

/// A state named `name`.
pub fn actor(name: &str) -> ActorBuilder {
    ActorBuilder(Actor {
        id: ActorId::new(),
        kind: ActorKind::State,
        name: parsed(name),
        short_name: None,
        country_code: None,
        roles: vec![],
    })
}

pub struct ActorBuilder(Actor);

impl ActorBuilder {
    pub fn kind(mut self, kind: ActorKind) -> Self {
        self.0.kind = kind;
        self
    }

    pub fn country(mut self, code: &str) -> Self {
        self.0.country_code = Some(parsed(code));
        self
    }

    pub fn build(self) -> Actor {
        self.0
    }

    pub async fn create(self, db: &(impl HasStorage + ?Sized)) -> Actor {
        create(db, Entity::Actor(self.0.clone())).await;
        self.0
    }
}

/// A pledge made on 29 November 2007 with no stated timing; `bound` must be
/// given before it is built.
pub fn commitment() -> CommitmentBuilder {
    CommitmentBuilder {
        bound: None,
        commitment: Commitment {
            id: CommitmentId::new(),
            statement: parsed("Amend the media law"),
            bound: ActorId::new(),
            made_by: None,
            occasion: None,
            made_on: date("2007-11-29"),
            origin: Origin::Pledge,
            themes: vec![],
            quote: None,
            timing: Timing::NoneStated,
            condition: None,
            external_id: None,
        },
    }
}

pub struct CommitmentBuilder {
    bound: Option<ActorId>,
    commitment: Commitment,
}

impl CommitmentBuilder {
    pub fn bound(mut self, actor: &Actor) -> Self {
        self.bound = Some(actor.id);
        self
    }

    /// Bound to an id that may name nothing (for tests of dangling references).
    pub fn bound_id(mut self, id: ActorId) -> Self {
        self.bound = Some(id);
        self
    }

    pub fn made_by(mut self, actor: &Actor) -> Self {
        self.commitment.made_by = Some(actor.id);
        self
    }

    /// Made by an id that may name nothing (for tests of dangling references).
    pub fn made_by_id(mut self, id: ActorId) -> Self {
        self.commitment.made_by = Some(id);
        self
    }

    pub fn statement(mut self, text: &str) -> Self {
        self.commitment.statement = parsed(text);
        self
    }

    /// When it was made, as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn made_on(mut self, when: &str) -> Self {
        self.commitment.made_on = date(when);
        self
    }

    pub fn origin(mut self, origin: Origin) -> Self {
        self.commitment.origin = origin;
        self
    }

    /// Due by a fixed date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub fn deadline(mut self, when: &str) -> Self {
        self.commitment.timing = Timing::ByDeadline {
            deadline: DateRef::Fixed {
                date: date(when),
                resolved_from: None,
            },
            as_written: None,
        };
        self
    }

    /// Due `offset_days` from a milestone (negative: before it).
    pub fn deadline_at(mut self, milestone: &Milestone, offset_days: i32) -> Self {
        self.commitment.timing = Timing::ByDeadline {
            deadline: DateRef::Milestone {
                milestone: milestone.id,
                offset_days,
            },
            as_written: None,
        };
        self
    }

    pub fn external_id(mut self, id: &str) -> Self {
        self.commitment.external_id = Some(id.into());
        self
    }

    pub fn build(self) -> Commitment {
        let Some(bound) = self.bound else {
            panic!("a commitment fixture needs .bound(&actor)");
        };
        Commitment {
            bound,
            ..self.commitment
        }
    }

    pub async fn create(self, db: &(impl HasStorage + ?Sized)) -> Commitment {
        let commitment = self.build();
        create(db, Entity::Commitment(commitment.clone())).await;
        commitment
    }
}

/// A concern with a title and a description.
pub fn concern(title: &str) -> ConcernBuilder {
    ConcernBuilder(Concern {
        id: ConcernId::new(),
        title: parsed(title),
        description: parsed(&format!("{title}, as the sources describe it.")),
        themes: vec![],
        description_as_of: None,
        earlier_descriptions: Vec::new(),
    })
}

pub struct ConcernBuilder(Concern);

impl ConcernBuilder {
    pub fn description(mut self, text: &str) -> Self {
        self.0.description = parsed(text);
        self
    }

    pub fn build(self) -> Concern {
        self.0
    }

    pub async fn create(self, db: &(impl HasStorage + ?Sized)) -> Concern {
        create(db, Entity::Concern(self.0.clone())).await;
        self.0
    }
}

/// A milestone on a date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
pub fn milestone(title: &str, when: &str) -> MilestoneBuilder {
    MilestoneBuilder(Milestone {
        id: MilestoneId::new(),
        title: parsed(title),
        date: date(when),
        description: None,
    })
}

pub struct MilestoneBuilder(Milestone);

impl MilestoneBuilder {
    pub fn build(self) -> Milestone {
        self.0
    }

    pub async fn create(self, db: &(impl HasStorage + ?Sized)) -> Milestone {
        create(db, Entity::Milestone(self.0.clone())).await;
        self.0
    }
}
