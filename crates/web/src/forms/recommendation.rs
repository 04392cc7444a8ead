//! The recommendation form: an action asked of a body, the commitments and
//! concerns it answers, and a State's response.

use pledgewatch_core::error::ValidationErrors;
use pledgewatch_core::ids::{ActorId, OccasionId, RecommendationId, SourceId};
use pledgewatch_core::model::{EntityKind, Priority, Recommendation, Response};

use super::Input::*;
use super::parse::{Parser, lines, target_value, text};
use super::{Field, KindForm, Named, f};

const PRIORITIES: &[&str] = &["high", "medium", "low"];
const RESPONSES: &[&str] = &["supported", "noted", "pending"];

form_values!(RecommendationForm {
    action: Option<String>,
    responsible: Option<String>,
    proposed_by: Option<String>,
    priority: Option<String>,
    answers: Vec<String>,
    source: Option<String>,
    response: Option<String>,
    occasion: Option<String>,
    themes: Option<String>,
    external_id: Option<String>,
});

const FIELDS: &[Field] = &[
    f("action", "Action needed", TextArea, true, ""),
    f(
        "responsible",
        "Body responsible",
        OptRef(EntityKind::Actor),
        false,
        "",
    ),
    f(
        "proposed_by",
        "Proposed by",
        OptRef(EntityKind::Actor),
        false,
        "",
    ),
    f("priority", "Priority", Select(PRIORITIES), true, ""),
    f(
        "answers",
        "Answers",
        Targets,
        false,
        "The commitments and concerns it answers (required unless a State's response is given)",
    ),
    f("source", "Source", OptRef(EntityKind::Source), false, ""),
    f(
        "response",
        "State's response",
        Select(RESPONSES),
        false,
        "For a recommendation made to a State",
    ),
    f(
        "occasion",
        "Made at",
        OptRef(EntityKind::Occasion),
        false,
        "",
    ),
    f("themes", "Themes", Lines, false, "One per line"),
    f("external_id", "External id", Text, false, ""),
];

impl KindForm for RecommendationForm {
    type Record = Recommendation;

    const FIELDS: &'static [Field] = FIELDS;

    fn from_entity(r: &Recommendation, _: &Named) -> Self {
        RecommendationForm {
            action: Some(r.action.to_string()),
            responsible: r.responsible.map(|i| i.to_string()),
            proposed_by: r.proposed_by.map(|i| i.to_string()),
            priority: Some(r.priority.as_str().to_owned()),
            answers: r.answers.iter().map(target_value).collect(),
            source: r.source.map(|i| i.to_string()),
            response: r.response.map(|x| x.as_str().to_owned()),
            occasion: r.occasion.map(|i| i.to_string()),
            themes: Some(r.themes.join("\n")),
            external_id: r.external_id.clone(),
        }
    }

    fn into_entity(
        self,
        id: RecommendationId,
        _: &Named,
    ) -> Result<Recommendation, ValidationErrors> {
        let mut p = Parser::default();
        let answers = p.targets(at!(self.answers));
        let action = p.required_as(at!(self.action));
        let responsible = p.id(at!(self.responsible), ActorId);
        let proposed_by = p.id(at!(self.proposed_by), ActorId);
        let priority = p.named(at!(self.priority), Priority::parse);
        let source = p.id(at!(self.source), SourceId);
        let response = p.optional_named(at!(self.response), Response::parse);
        let occasion = p.id(at!(self.occasion), OccasionId);
        p.finish(|| {
            Some(Recommendation {
                id,
                action: action?,
                responsible,
                proposed_by,
                priority: priority?,
                answers,
                source,
                response,
                occasion,
                themes: lines(&self.themes),
                external_id: text(&self.external_id),
            })
        })
    }
}
