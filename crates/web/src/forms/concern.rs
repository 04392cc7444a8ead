//! The concern form: a problem raised, which recommendations and
//! developments can answer or affect.

use pledgewatch_core::error::ValidationErrors;
use pledgewatch_core::ids::ConcernId;
use pledgewatch_core::model::Concern;

use super::Input::*;
use super::parse::{Parser, lines};
use super::{Field, KindForm, Named, f};

form_values!(ConcernForm {
    title: Option<String>,
    description: Option<String>,
    description_as_of: Option<String>,
    themes: Option<String>,
});

impl KindForm for ConcernForm {
    type Record = Concern;

    const FIELDS: &'static [Field] = &[
        f("title", "Title", Text, true, ""),
        f("description", "Description", TextArea, true, ""),
        f(
            "description_as_of",
            "Describes the situation as of",
            Day,
            true,
            "YYYY-MM-DD: views as of an earlier day show the text that was current then; a later day than the current text's keeps that one as an earlier version",
        ),
        f("themes", "Themes", Lines, false, "One per line"),
    ];

    fn from_entity(c: &Concern, _: &Named) -> Self {
        ConcernForm {
            title: Some(c.title.to_string()),
            description: Some(c.description.to_string()),
            description_as_of: c.description_as_of.map(|d| d.to_string()),
            themes: Some(c.themes.join("\n")),
        }
    }

    fn into_entity(self, id: ConcernId, _: &Named) -> Result<Concern, ValidationErrors> {
        let mut p = Parser::default();
        let title = p.required_as(at!(self.title));
        let description = p.required_as(at!(self.description));
        let description_as_of = p.required_day(at!(self.description_as_of));
        p.finish(|| {
            Some(Concern {
                id,
                title: title?,
                description: description?,
                themes: lines(&self.themes),
                description_as_of: Some(description_as_of?),
                // The page carries the earlier versions over; the service
                // adds the replaced text to them (`Concern::revised_into`).
                earlier_descriptions: Vec::new(),
            })
        })
    }
}
