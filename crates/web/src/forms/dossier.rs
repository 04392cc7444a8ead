//! The dossier form: a published selection of commitments, concerns and
//! milestones, with its rating scale, its letters' recipients and
//! signatories, why the commitments matter to those written to (stakes),
//! and the organisation that publishes its documents.

use pledgewatch_core::error::{Said, ValidationErrors};
use pledgewatch_core::ids::*;
use pledgewatch_core::model::{Dossier, EntityKind, Publisher, Slug, Spelling};
use pledgewatch_core::scale::ScaleId;

use super::Input::*;
use super::parse::{Parser, lines, text};
use super::{Field, KindForm, Named, SCALES, f};

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
    stakes: Option<String>,
    publisher_name: Option<String>,
    publisher_address: Option<String>,
    publisher_website: Option<String>,
    publisher_email: Option<String>,
    publisher_spelling: Option<String>,
});

const SPELLINGS: &[&str] = &["us", "uk"];

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
    f(
        "stakes",
        "Stakes",
        TextArea,
        false,
        "why the commitments matter to those the letters go to (ends their request)",
    ),
    f(
        "publisher_name",
        "Publisher",
        Text,
        false,
        "the organisation on the letterhead and the memorandum",
    ),
    f(
        "publisher_address",
        "Publisher's address",
        Lines,
        false,
        "one line each",
    ),
    f(
        "publisher_website",
        "Publisher's website",
        Text,
        false,
        "https://...",
    ),
    f("publisher_email", "Publisher's email", Text, false, ""),
    f(
        "publisher_spelling",
        "Spelling",
        Select(SPELLINGS),
        false,
        "American (organization) or British (organisation), for the fixed text of documents in English",
    ),
];

impl KindForm for DossierForm {
    type Record = Dossier;

    const FIELDS: &'static [Field] = FIELDS;

    fn from_entity(d: &Dossier, _: &Named) -> Self {
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
            stakes: d.stakes.clone(),
            publisher_name: d.publisher.as_ref().map(|p| p.name.clone()),
            publisher_address: d.publisher.as_ref().map(|p| p.address.join("\n")),
            publisher_website: d.publisher.as_ref().and_then(|p| p.website.clone()),
            publisher_email: d.publisher.as_ref().and_then(|p| p.email.clone()),
            publisher_spelling: d.publisher.as_ref().map(|p| p.spelling.as_str().to_owned()),
        }
    }

    fn into_entity(self, id: DossierId, _: &Named) -> Result<Dossier, ValidationErrors> {
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
            p.push("summary_as_of", Said::new("reason-summary-needs-day"));
        }
        let publisher = publisher(&mut p, &self);
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
                stakes: text(&self.stakes),
                publisher,
            })
        })
    }
}

/// The publisher the form describes: none when its fields are all empty;
/// a name is needed once any is filled in, a website is a web address and
/// an email an address with an @.
fn publisher(p: &mut Parser, form: &DossierForm) -> Option<Publisher> {
    let address = lines(&form.publisher_address);
    let website = text(&form.publisher_website);
    let email = text(&form.publisher_email);
    let name = text(&form.publisher_name);
    let spelling = match text(&form.publisher_spelling) {
        Some(s) => Spelling::parse(&s)
            .map_err(|e| p.errors.push(e.at("publisher_spelling")))
            .ok()?,
        None => Spelling::default(),
    };
    if name.is_none() && address.is_empty() && website.is_none() && email.is_none() {
        return None;
    }
    let Some(name) = name else {
        p.push("publisher_name", Said::new("reason-publisher-name"));
        return None;
    };
    if let Some(w) = &website
        && !(w.starts_with("https://") || w.starts_with("http://"))
    {
        p.push(
            "publisher_website",
            Said::new("reason-publisher-website").text("value", w),
        );
    }
    if let Some(e) = &email
        && (!e.contains('@') || e.contains(char::is_whitespace))
    {
        p.push(
            "publisher_email",
            Said::new("reason-publisher-email").text("value", e),
        );
    }
    Some(Publisher {
        name,
        address,
        website,
        email,
        spelling,
    })
}

/// Chosen records as the values of a multi-select.
fn ids<I: ToString>(ids: &[I]) -> Vec<String> {
    ids.iter().map(ToString::to_string).collect()
}
