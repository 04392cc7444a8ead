//! The dossier form: a published selection of commitments, concerns and
//! milestones, with its rating scale and its letters' recipients and
//! signatories.

use pledgewatch_core::error::ValidationErrors;
use pledgewatch_core::ids::*;
use pledgewatch_core::model::{Dossier, EntityKind, Slug};
use pledgewatch_core::scale::ScaleId;

use super::Input::*;
use super::parse::{Parser, text};
use super::{ActorNames, ActorsByName, Field, KindForm, SCALES, f};

form_values!(DossierForm {
    slug: Option<String>,
    title: Option<String>,
    summary: Option<String>,
    summary_as_of: Option<String>,
    scale: Option<String>,
    commitments: Vec<String>,
    concerns: Vec<String>,
    milestones: Vec<String>,
    recipient_lists: Vec<String>,
    signatories: Vec<String>,
});

const FIELDS: &[Field] = &[
    f(
        "slug",
        "Slug",
        Text,
        true,
        "lowercase letters, digits and hyphens",
    ),
    f("title", "Title", Text, true, ""),
    f("summary", "Summary", TextArea, false, ""),
    f(
        "summary_as_of",
        "The summary describes the situation as of",
        Day,
        false,
        "YYYY-MM-DD, required with a summary: views as of an earlier day show the summary that was current then",
    ),
    f("scale", "Rating scale", Select(SCALES), true, ""),
    f(
        "commitments",
        "Commitments",
        Refs(EntityKind::Commitment),
        false,
        "",
    ),
    f("concerns", "Concerns", Refs(EntityKind::Concern), false, ""),
    f(
        "milestones",
        "Milestones",
        Refs(EntityKind::Milestone),
        false,
        "",
    ),
    f(
        "recipient_lists",
        "Recipient lists",
        Refs(EntityKind::RecipientList),
        false,
        "",
    ),
    f(
        "signatories",
        "Signatories",
        Refs(EntityKind::Signatory),
        false,
        "",
    ),
];

impl KindForm for DossierForm {
    type Record = Dossier;

    const FIELDS: &'static [Field] = FIELDS;

    fn from_entity(d: &Dossier, _: &ActorNames) -> Self {
        DossierForm {
            slug: Some(d.slug.as_str().to_owned()),
            title: Some(d.title.to_string()),
            summary: d.summary.clone(),
            summary_as_of: d.summary_as_of.map(|d| d.to_string()),
            scale: Some(d.scale.as_str().to_owned()),
            commitments: ids(&d.commitments),
            concerns: ids(&d.concerns),
            milestones: ids(&d.milestones),
            recipient_lists: ids(&d.recipient_lists),
            signatories: ids(&d.signatories),
        }
    }

    fn into_entity(self, id: DossierId, _: &ActorsByName) -> Result<Dossier, ValidationErrors> {
        let mut p = Parser::default();
        let slug = p.required(at!(self.slug)).and_then(|s| {
            Slug::parse(&s)
                .map_err(|e| p.errors.push(e.at("slug")))
                .ok()
        });
        let title = p.required_as(at!(self.title));
        let scale = p.named(at!(self.scale), ScaleId::parse);
        let commitments = p.ids(at!(self.commitments), CommitmentId);
        let concerns = p.ids(at!(self.concerns), ConcernId);
        let milestones = p.ids(at!(self.milestones), MilestoneId);
        let recipient_lists = p.ids(at!(self.recipient_lists), RecipientListId);
        let signatories = p.ids(at!(self.signatories), SignatoryId);
        let summary = text(&self.summary);
        let summary_as_of = p.day(at!(self.summary_as_of));
        if summary.is_some() && summary_as_of.is_none() && !p.has_error("summary_as_of") {
            p.push(
                "summary_as_of",
                "a summary needs the day it describes the situation as of",
            );
        }
        p.finish(|| {
            Some(Dossier {
                id,
                slug: slug?,
                title: title?,
                summary,
                scale: scale?,
                commitments,
                concerns,
                milestones,
                recipient_lists,
                signatories,
                summary_as_of,
                earlier_summaries: Vec::new(),
                stakes: None,
                publisher: None,
            })
        })
    }
}

/// Chosen records as the values of a multi-select.
fn ids<I: ToString>(ids: &[I]) -> Vec<String> {
    ids.iter().map(ToString::to_string).collect()
}
