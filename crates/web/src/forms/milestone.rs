//! The milestone form: a dated event deadlines can be tied to.

use pledgewatch_core::error::ValidationErrors;
use pledgewatch_core::ids::MilestoneId;
use pledgewatch_core::model::Milestone;

use super::Input::*;
use super::parse::{Parser, text};
use super::{DATE_HELP, Field, KindForm, Named, f};

form_values!(MilestoneForm {
    title: Option<String>,
    date: Option<String>,
    description: Option<String>,
});

impl KindForm for MilestoneForm {
    type Record = Milestone;

    const FIELDS: &'static [Field] = &[
        f("title", "Title", Text, true, ""),
        f("date", "Date", Date, true, DATE_HELP),
        f("description", "Description", TextArea, false, ""),
    ];

    fn from_entity(m: &Milestone, _: &Named) -> Self {
        MilestoneForm {
            title: Some(m.title.to_string()),
            date: Some(m.date.to_string()),
            description: m.description.clone(),
        }
    }

    fn into_entity(self, id: MilestoneId, _: &Named) -> Result<Milestone, ValidationErrors> {
        let mut p = Parser::default();
        let title = p.required_as(at!(self.title));
        let date = p.required_date(at!(self.date));
        p.finish(|| {
            Some(Milestone {
                id,
                title: title?,
                date: date?,
                description: text(&self.description),
            })
        })
    }
}
