//! The assessment form: a commitment's status on a scale as of a day, with
//! its rationale and the developments it rests on.

use pledgewatch_core::error::ValidationErrors;
use pledgewatch_core::ids::{AssessmentId, CommitmentId, DevelopmentId};
use pledgewatch_core::model::{Assessment, EntityKind};
use pledgewatch_core::scale::{ScaleId, ScaleVersion};

use super::Input::*;
use super::parse::Parser;
use super::{Field, KindForm, Named, SCALES, f};

form_values!(AssessmentForm {
    commitment: Option<String>,
    as_of: Option<String>,
    scale: Option<String>,
    status: Option<String>,
    rationale: Option<String>,
    developments: Vec<String>,
});

impl KindForm for AssessmentForm {
    type Record = Assessment;

    const FIELDS: &'static [Field] = &[
        f(
            "commitment",
            "Commitment",
            Ref(EntityKind::Commitment),
            true,
            "",
        ),
        f("as_of", "As of", Day, true, "YYYY-MM-DD"),
        f("scale", "Scale", Select(SCALES), true, ""),
        f(
            "status",
            "Status",
            Status,
            true,
            "A status of the chosen scale",
        ),
        f("rationale", "Rationale", TextArea, true, ""),
        f(
            "developments",
            "Rests on developments",
            Refs(EntityKind::Development),
            false,
            "",
        ),
    ];

    fn from_entity(a: &Assessment, _: &Named) -> Self {
        AssessmentForm {
            commitment: Some(a.commitment.to_string()),
            as_of: Some(a.as_of.to_string()),
            scale: Some(a.scale.scale.as_str().to_owned()),
            status: Some(a.status.to_string()),
            rationale: Some(a.rationale.to_string()),
            developments: a.developments.iter().map(ToString::to_string).collect(),
        }
    }

    fn into_entity(self, id: AssessmentId, _: &Named) -> Result<Assessment, ValidationErrors> {
        let mut p = Parser::default();
        let scale = p.named(at!(self.scale), ScaleId::parse);
        let as_of = p.required_day(at!(self.as_of));
        let commitment = p.required_id(at!(self.commitment), CommitmentId);
        let status = p.required(at!(self.status));
        let rationale = p.required_as(at!(self.rationale));
        let developments = p.ids(at!(self.developments), DevelopmentId);
        p.finish(|| {
            let scale = scale?;
            Some(Assessment {
                id,
                commitment: commitment?,
                as_of: as_of?,
                scale: ScaleVersion {
                    scale,
                    version: scale.scale().version,
                },
                status: status?.into(),
                rationale: rationale?,
                developments,
                // Filled in by the handler from the signed-in user.
                rated_by: String::new(),
                reviewed_by: None,
            })
        })
    }
}
