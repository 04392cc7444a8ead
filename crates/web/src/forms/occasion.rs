//! The occasion form: where and when commitments were made.

use pledgewatch_core::error::ValidationErrors;
use pledgewatch_core::ids::{ActorId, OccasionId};
use pledgewatch_core::model::{EntityKind, Occasion, OccasionKind};

use super::Input::*;
use super::parse::{Parser, text};
use super::{DATE_HELP, Field, KindForm, Named, f};

const OCCASION_KINDS: &[&str] = &[
    "conference",
    "session",
    "speech",
    "letter",
    "report",
    "other",
];

form_values!(OccasionForm {
    title: Option<String>,
    kind: Option<String>,
    place: Option<String>,
    starts: Option<String>,
    ends: Option<String>,
    organiser: Option<String>,
});

impl KindForm for OccasionForm {
    type Record = Occasion;

    const FIELDS: &'static [Field] = &[
        f("title", "Title", Text, true, ""),
        f("kind", "Kind", Select(OCCASION_KINDS), true, ""),
        f("place", "Place", Text, false, ""),
        f("starts", "Starts", Date, true, DATE_HELP),
        f("ends", "Ends", Date, false, DATE_HELP),
        f(
            "organiser",
            "Organiser",
            OptRef(EntityKind::Actor),
            false,
            "",
        ),
    ];

    fn from_entity(o: &Occasion, _: &Named) -> Self {
        OccasionForm {
            title: Some(o.title.to_string()),
            kind: Some(o.kind.as_str().to_owned()),
            place: o.place.clone(),
            starts: Some(o.starts.to_string()),
            ends: o.ends.map(|d| d.to_string()),
            organiser: o.organiser.map(|i| i.to_string()),
        }
    }

    fn into_entity(self, id: OccasionId, _: &Named) -> Result<Occasion, ValidationErrors> {
        let mut p = Parser::default();
        let title = p.required_as(at!(self.title));
        let kind = p.named(at!(self.kind), OccasionKind::parse);
        let starts = p.required_date(at!(self.starts));
        let ends = p.date(at!(self.ends));
        let organiser = p.id(at!(self.organiser), ActorId);
        p.finish(|| {
            Some(Occasion {
                id,
                title: title?,
                kind: kind?,
                place: text(&self.place),
                starts: starts?,
                ends,
                organiser,
            })
        })
    }
}
