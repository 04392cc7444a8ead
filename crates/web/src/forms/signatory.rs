//! The signatory form: who signs the letters of a dossier.

use pledgewatch_core::error::ValidationErrors;
use pledgewatch_core::ids::SignatoryId;
use pledgewatch_core::model::Signatory;

use super::Input::*;
use super::parse::{Parser, text};
use super::{Field, KindForm, Named, f};

form_values!(SignatoryForm {
    name: Option<String>,
    title: Option<String>,
    division: Option<String>,
    organisation: Option<String>,
});

impl KindForm for SignatoryForm {
    type Record = Signatory;

    const FIELDS: &'static [Field] = &[
        f("name", "Name", Text, true, ""),
        f("title", "Title", Text, true, ""),
        f("division", "Division", Text, false, ""),
        f("organisation", "Organisation", Text, false, ""),
    ];

    fn from_entity(s: &Signatory, _: &Named) -> Self {
        SignatoryForm {
            name: Some(s.name.to_string()),
            title: Some(s.title.to_string()),
            division: s.division.clone(),
            organisation: s.organisation.clone(),
        }
    }

    fn into_entity(self, id: SignatoryId, _: &Named) -> Result<Signatory, ValidationErrors> {
        let mut p = Parser::default();
        let name = p.required_as(at!(self.name));
        let title = p.required_as(at!(self.title));
        p.finish(|| {
            Some(Signatory {
                id,
                name: name?,
                title: title?,
                division: text(&self.division),
                organisation: text(&self.organisation),
            })
        })
    }
}
