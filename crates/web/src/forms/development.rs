//! The development form: something that happened, the sources that show it,
//! and its direction for each commitment and concern it bears on.

use pledgewatch_core::error::{Said, ValidationErrors};
use pledgewatch_core::ids::{DevelopmentId, QuoteId, SourceId};
use pledgewatch_core::model::{Development, Direction, Effect, EntityKind};

use super::Input::*;
use super::parse::{Parser, parse_target, target_value, text};
use super::values::{EFFECT_PREFIX, EffectInputs};
use super::{DATE_HELP, Field, KindForm, Named, f};

form_values!(DevelopmentForm {
    date: Option<String>,
    title: Option<String>,
    summary: Option<String>,
    sources: Vec<String>,
    quotes: Vec<String>,
    effects: EffectInputs,
    baseline: bool,
    note: Option<String>,
});

impl KindForm for DevelopmentForm {
    type Record = Development;

    const FIELDS: &'static [Field] = &[
        f("date", "Date", Date, true, DATE_HELP),
        f("title", "Title", Text, true, ""),
        f(
            "summary",
            "Summary",
            TextArea,
            true,
            "What happened, in your words",
        ),
        f(
            "sources",
            "Sources",
            Refs(EntityKind::Source),
            true,
            "A source not in the list can be added at the end of the form",
        ),
        f("quotes", "Quotes", Refs(EntityKind::Quote), false, ""),
        f(
            "effects",
            "Direction for each commitment and concern",
            Effects,
            false,
            "",
        ),
        f(
            "baseline",
            "Baseline (the situation before or at the pledge)",
            Check,
            false,
            "",
        ),
        f("note", "Note", TextArea, false, ""),
    ];

    fn from_entity(d: &Development, _: &Named) -> Self {
        let effects = d
            .effects
            .iter()
            .map(|e| {
                let key = format!("{EFFECT_PREFIX}{}", target_value(&e.target));
                (key, e.direction.as_str().to_owned())
            })
            .collect();
        DevelopmentForm {
            date: Some(d.date.to_string()),
            title: Some(d.title.to_string()),
            summary: Some(d.summary.to_string()),
            sources: d.sources.iter().map(ToString::to_string).collect(),
            quotes: d.quotes.iter().map(ToString::to_string).collect(),
            effects: EffectInputs(effects),
            baseline: d.baseline,
            note: d.note.clone(),
        }
    }

    fn into_entity(self, id: DevelopmentId, _: &Named) -> Result<Development, ValidationErrors> {
        let mut p = Parser::default();
        let effects = effects(&mut p, &self.effects);
        let sources = p.ids(at!(self.sources), SourceId);
        if sources.is_empty() && !p.has_error("sources") {
            p.push("sources", Said::new("reason-choose-a-source"));
        }
        let date = p.required_date(at!(self.date));
        let title = p.required_as(at!(self.title));
        let summary = p.required_as(at!(self.summary));
        let quotes = p.ids(at!(self.quotes), QuoteId);
        p.finish(|| {
            Some(Development {
                id,
                date: date?,
                title: title?,
                summary: summary?,
                baseline: self.baseline,
                note: text(&self.note),
                sources,
                quotes,
                effects,
            })
        })
    }
}

/// The chosen directions; a target left without one has no effect.
fn effects(p: &mut Parser, inputs: &EffectInputs) -> Vec<Effect> {
    let mut effects = Vec::new();
    for (key, direction) in inputs.0.iter().filter(|(_, d)| !d.is_empty()) {
        let target = parse_target(&key[EFFECT_PREFIX.len()..]);
        match (target, Direction::parse(direction)) {
            (Some(target), Ok(direction)) => effects.push(Effect { target, direction }),
            _ => p.push(
                "effects",
                Said::new("reason-not-a-direction")
                    .text("value", direction)
                    .text("key", key),
            ),
        }
    }
    effects
}
