//! The quote form: the exact words, in which source, where.

use pledgewatch_core::error::ValidationErrors;
use pledgewatch_core::ids::{QuoteId, SourceId};
use pledgewatch_core::model::{EntityKind, Quote};

use super::Input::*;
use super::parse::{Parser, text};
use super::{Field, KindForm, Named, f};

form_values!(QuoteForm {
    source: Option<String>,
    text: Option<String>,
    locator: Option<String>,
    speaker: Option<String>,
});

impl KindForm for QuoteForm {
    type Record = Quote;

    const FIELDS: &'static [Field] = &[
        f("source", "Source", Ref(EntityKind::Source), true, ""),
        f("text", "Exact words", TextArea, true, ""),
        f(
            "locator",
            "Locator",
            Text,
            false,
            "page, paragraph or offsets",
        ),
        f("speaker", "Speaker", Text, false, ""),
    ];

    fn from_entity(q: &Quote, _: &Named) -> Self {
        QuoteForm {
            source: Some(q.source.to_string()),
            text: Some(q.text.to_string()),
            locator: q.locator.clone(),
            speaker: q.speaker.clone(),
        }
    }

    fn into_entity(self, id: QuoteId, _: &Named) -> Result<Quote, ValidationErrors> {
        let mut p = Parser::default();
        let source = p.required_id(at!(self.source), SourceId);
        let words = p.required_as(at!(self.text));
        p.finish(|| {
            Some(Quote {
                id,
                source: source?,
                text: words?,
                locator: text(&self.locator),
                speaker: text(&self.speaker),
            })
        })
    }
}
