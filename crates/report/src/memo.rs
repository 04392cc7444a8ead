//! The "promises and reality" memorandum: for a dossier as of a date, a title
//! page, a summary of computed facts, then for each commitment the promise,
//! the situation and the steps needed, then the concerns beyond the
//! commitments, optionally the steps gathered by the body they are addressed
//! to, and the sources.
//!
//! Only what was known by the date is used: the dossier view already keeps
//! commitments, assessments and developments to their dates; here, concerns
//! with no development known by then are left out (their descriptions may
//! speak of later events), and so are steps whose source was published later.
//!
//! The memorandum is the public's unless the team's draft is asked for
//! ([`MemoOptions::audience`]): the public's holds only approved versions of
//! published records and no confidential source; the team's draft also
//! names its confidential sources, for the team's eyes, and is watermarked.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use pledgewatch_core::facts::DeadlineState;
use pledgewatch_core::ids::{DevelopmentId, SourceId};
use pledgewatch_core::model::{Direction, Slug};
use pledgewatch_core::storage::Storage;
use pledgewatch_core::view::{
    CommitmentView, DevelopmentView, DossierView, RecommendationView, SourceRef, StepView,
    dossier_view,
};

use crate::audience::{Audience, Reader};
use crate::doc::{Block, Document, Inline, Role};
use crate::error::Result;
use crate::text::{self, clean};

/// What to put in a memorandum.
#[derive(Debug, Clone)]
pub struct MemoOptions {
    /// The situation is described as of this day, from what was known by then.
    pub as_of: NaiveDate,
    /// Also gather every step at the end, grouped by the body it is addressed to.
    pub steps_by_body: bool,
    /// Whose version: the public's (the default) or the team's draft.
    pub audience: Audience,
}

impl MemoOptions {
    /// The public's memorandum as of `as_of`.
    pub fn new(as_of: NaiveDate) -> Self {
        Self {
            as_of,
            steps_by_body: false,
            audience: Audience::Public,
        }
    }
}

/// Builds the memorandum of dossier `slug`. For the public, every read goes
/// through the public projection, and a dossier that is not published is
/// refused ([`crate::Error::NotPublished`]).
pub async fn memo_document(
    store: &dyn Storage,
    slug: &Slug,
    options: &MemoOptions,
) -> Result<Document> {
    let reader = Reader::open(store, slug, options.audience).await?;
    // The team's view of the public projection is the public view.
    let view = dossier_view(reader.store(), slug, options.as_of).await?;
    let organisation = crate::letter::organisation(reader.store(), slug).await?;
    let mut doc = build(&view, organisation.as_deref(), options, reader.is_team());
    doc.watermark = reader.watermark();
    Ok(doc)
}

/// The sources cited so far, numbered in order of first citation.
#[derive(Default)]
struct Sources {
    numbers: HashMap<SourceId, usize>,
    list: Vec<SourceRef>,
}

impl Sources {
    fn number(&mut self, source: &SourceRef) -> usize {
        if let Some(n) = self.numbers.get(&source.id) {
            return *n;
        }
        self.list.push(source.clone());
        let n = self.list.len();
        self.numbers.insert(source.id, n);
        n
    }
}

/// A short reference to a source, as a note gives it. A confidential
/// source is named only in the team's draft (the public's version never
/// holds one: the public projection leaves it out).
fn short_ref(source: &SourceRef, team: bool) -> String {
    if source.confidential {
        if !team {
            return "Confidential source, on file".to_owned();
        }
        return format!("Confidential source (team only): {}", describe(source));
    }
    describe(source)
}

/// Publisher, title and date of a source.
fn describe(source: &SourceRef) -> String {
    let mut parts = Vec::new();
    if let Some(p) = &source.publisher {
        parts.push(clean(p));
    }
    parts.push(format!("“{}”", clean(&source.title)));
    if let Some(d) = &source.published {
        parts.push(text::precise(d));
    }
    parts.join(", ")
}

/// A full entry of the source list.
fn full_ref(source: &SourceRef, team: bool) -> Vec<Inline> {
    if source.confidential && !team {
        return vec![Inline::text(
            "Confidential source, on file (not shown in documents that leave the team).",
        )];
    }
    let mut out = vec![Inline::text(format!("{}.", short_ref(source, team)))];
    if source.confidential {
        out.push(Inline::emph(" Never in the public version."));
    }
    if let Some(url) = &source.url {
        let url = clean(url);
        out.push(Inline::text(" "));
        out.push(Inline::link(url.clone(), &url));
    }
    out
}

struct Builder<'a> {
    doc: Document,
    sources: Sources,
    view: &'a DossierView,
    /// Every development of the dossier known by the date, by id: a rating
    /// may rest on developments linked to another commitment.
    developments: HashMap<DevelopmentId, &'a DevelopmentView>,
    /// The team's draft, not the public's version.
    team: bool,
}

impl Builder<'_> {
    /// A note citing `sources` (deduplicated, in order); `None` when there is none.
    fn cite(&mut self, sources: &[&SourceRef]) -> Option<Inline> {
        let mut numbers: Vec<usize> = Vec::new();
        let mut texts: Vec<String> = Vec::new();
        for s in sources {
            let n = self.sources.number(s);
            if !numbers.contains(&n) {
                numbers.push(n);
                texts.push(format!("[{n}] {}", short_ref(s, self.team)));
            }
        }
        if numbers.is_empty() {
            return None;
        }
        let text = format!("{}.", texts.join("; "));
        Some(self.doc.note(vec![Inline::text(text)], numbers))
    }

    /// A paragraph of fact: cited, or marked as having no source.
    fn fact(&mut self, mut inlines: Vec<Inline>, sources: &[&SourceRef]) {
        match self.cite(sources) {
            Some(note) => {
                inlines.push(note);
                self.doc.para(Role::Situation, inlines);
            }
            None => {
                inlines.push(Inline::emph(" (no source recorded)"));
                self.doc.para(Role::Unsourced, inlines);
            }
        }
    }

    fn development(&mut self, d: &DevelopmentView) {
        let direction = match d.direction {
            Direction::Advance => "advance",
            Direction::NoChange => "no change",
            Direction::Setback => "setback",
        };
        let inlines = vec![
            Inline::strong(format!("{}.", text::capitalise(&text::precise(&d.date)))),
            Inline::text(" "),
            Inline::emph(clean(&d.title)),
            Inline::text(format!(" ({direction}). {}", clean(&d.summary))),
        ];
        let sources: Vec<&SourceRef> = d.sources.iter().collect();
        self.fact(inlines, &sources);
    }

    fn steps(&mut self, recommendations: &[&RecommendationView]) {
        if recommendations.is_empty() {
            self.doc.para(
                Role::Plain,
                vec![Inline::emph("No step has been recorded.")],
            );
            return;
        }
        let mut items = Vec::new();
        for r in recommendations {
            let mut item = vec![Inline::text(clean(&r.action))];
            let mut who = Vec::new();
            if let Some(body) = &r.responsible {
                who.push(format!("addressed to {}", clean(body)));
            }
            who.push(format!("priority {}", r.priority.as_str()));
            if let Some(by) = &r.proposed_by {
                who.push(format!("asked for by {}", clean(by)));
            }
            item.push(Inline::emph(format!(" ({})", who.join("; "))));
            if let Some(source) = &r.source
                && let Some(note) = self.cite(&[source])
            {
                item.push(note);
            }
            items.push(item);
        }
        self.doc.blocks.push(Block::List {
            numbered: false,
            items,
        });
    }

    fn known_steps<'r>(
        &self,
        recommendations: &'r [RecommendationView],
    ) -> Vec<&'r RecommendationView> {
        let as_of = self.view.as_of;
        recommendations
            .iter()
            .filter(|r| {
                r.source
                    .as_ref()
                    .and_then(|s| s.published)
                    .is_none_or(|p| p.earliest() <= as_of)
            })
            .collect()
    }
}

fn deadline_text(c: &CommitmentView) -> String {
    let written = c
        .timing_as_written
        .as_deref()
        .map(|w| format!(" (“{}”)", clean(w)))
        .unwrap_or_default();
    let Some(deadline) = c.deadline else {
        return format!("no deadline stated{written}");
    };
    let date = text::day(deadline.date);
    match c.deadline_state {
        DeadlineState::Upcoming { days_left } => {
            format!("{date}{written}; due in {days_left} days")
        }
        DeadlineState::Overdue { days } => format!("{date}{written}; overdue by {days} days"),
        DeadlineState::MetOnTime { on } => {
            format!("{date}{written}; met on time ({})", text::day(on))
        }
        DeadlineState::MetLate { on, days_late } => format!(
            "{date}{written}; met late ({}, {days_late} days after the deadline)",
            text::day(on)
        ),
        DeadlineState::NoDeadline => format!("no deadline stated{written}"),
    }
}

fn deadline_short(c: &CommitmentView) -> String {
    match (c.deadline, c.deadline_state) {
        (None, _) | (_, DeadlineState::NoDeadline) => "none stated".to_owned(),
        (Some(d), DeadlineState::Upcoming { days_left }) => {
            format!("{} (due in {days_left} days)", text::day(d.date))
        }
        (Some(d), DeadlineState::Overdue { days }) => {
            format!("{} (overdue by {days} days)", text::day(d.date))
        }
        (Some(d), DeadlineState::MetOnTime { .. }) => {
            format!("{} (met on time)", text::day(d.date))
        }
        (Some(d), DeadlineState::MetLate { .. }) => format!("{} (met late)", text::day(d.date)),
    }
}

/// Who made a commitment, where and when, as a sentence.
fn made_sentence(c: &CommitmentView) -> String {
    let mut s = String::from("Made");
    if let Some(by) = &c.made_by {
        s.push_str(&format!(" by {}", clean(&by.name)));
        if let Some(role) = &by.role {
            s.push_str(&format!(" ({})", clean(role)));
        }
    }
    s.push_str(&format!(" for {}", clean(&c.bound.name)));
    if let Some(o) = &c.occasion {
        s.push_str(&format!(" at the {}", clean(&o.title)));
        if let Some(place) = &o.place {
            s.push_str(&format!(", {}", clean(place)));
        }
    }
    s.push_str(&format!(", {}.", text::precise(&c.made_on)));
    s
}

fn build(
    view: &DossierView,
    organisation: Option<&str>,
    options: &MemoOptions,
    team: bool,
) -> Document {
    let as_of_text = text::day(view.as_of);
    let title = clean(&view.title);
    let mut b = Builder {
        doc: Document {
            title: format!("{title}: promises and reality, as of {as_of_text}"),
            ..Document::default()
        },
        sources: Sources::default(),
        view,
        developments: view
            .commitments
            .iter()
            .flat_map(|c| c.developments.iter())
            .chain(view.concerns.iter().flat_map(|c| c.developments.iter()))
            .map(|d| (d.id, d))
            .collect(),
        team,
    };

    let mut lines = Vec::new();
    if let Some(org) = organisation {
        lines.push(format!("Prepared by {}", clean(org)));
    }
    lines.push(format!("Dated {as_of_text}"));
    lines.push(format!("The situation as known on {as_of_text}"));
    lines.push(format!("Dossier: {}", view.slug));
    b.doc.blocks.push(Block::TitlePage {
        label: "Memorandum".to_owned(),
        title: title.clone(),
        subtitle: "Promises and reality".to_owned(),
        lines,
    });

    summary(&mut b);

    b.doc.heading(1, "The commitments");
    for (i, c) in view.commitments.iter().enumerate() {
        commitment(&mut b, i + 1, c);
    }

    let concerns: Vec<_> = view
        .concerns
        .iter()
        .filter(|c| !c.developments.is_empty())
        .collect();
    if !concerns.is_empty() {
        b.doc.heading(1, "Concerns beyond the commitments");
        for (i, concern) in concerns.iter().enumerate() {
            b.doc
                .heading(2, format!("{}. {}", i + 1, clean(&concern.title)));
            b.doc
                .para(Role::Plain, vec![Inline::text(clean(&concern.description))]);
            b.doc
                .heading(3, format!("The situation as of {as_of_text}"));
            for d in &concern.developments {
                b.development(d);
            }
            b.doc.heading(3, "Steps needed");
            let steps = b.known_steps(&concern.recommendations);
            b.steps(&steps);
        }
    }

    if options.steps_by_body {
        steps_by_body(&mut b, &concerns);
    }

    b.doc.heading(1, "Sources");
    let items = b.sources.list.iter().map(|s| full_ref(s, team)).collect();
    b.doc.blocks.push(Block::List {
        numbered: true,
        items,
    });
    b.doc
}

fn summary(b: &mut Builder<'_>) {
    b.doc.heading(1, "Summary");
    summary_opening(b);
    let facts = summary_facts(b.view);
    b.doc.para(
        Role::Plain,
        vec![Inline::text(format!("{}.", text::join_and(&facts)))],
    );
    status_breakdown(b);
    regressions(b);
    commitments_table(b);
}

/// The summary's first paragraph: how many commitments, on whose behalf,
/// and when and where the first was made.
fn summary_opening(b: &mut Builder<'_>) {
    let view = b.view;
    let n = view.commitments.len();
    if let Some(first) = view.commitments.iter().min_by_key(|c| c.made_on.earliest()) {
        let mut s = format!(
            "This memorandum sets {} {} made on behalf of {} against the situation as of {}. ",
            text::number(n),
            if n == 1 { "commitment" } else { "commitments" },
            clean(&first.bound.name),
            text::day(view.as_of),
        );
        s.push_str(&format!(
            "The first was made {} earlier, on {}",
            text::elapsed_words(first.made_on.earliest(), view.as_of),
            text::precise(&first.made_on),
        ));
        if let Some(o) = &first.occasion {
            s.push_str(&format!(" at the {}", clean(&o.title)));
            if let Some(place) = &o.place {
                s.push_str(&format!(" in {}", clean(place)));
            }
        }
        s.push('.');
        let quotes: Vec<&SourceRef> = view
            .commitments
            .iter()
            .filter_map(|c| c.quote.as_ref().map(|q| &q.source))
            .collect();
        b.fact(vec![Inline::text(s)], &quotes);
    } else {
        b.doc.para(
            Role::Plain,
            vec![Inline::text(format!(
                "The dossier holds no commitment made by {}.",
                text::day(view.as_of)
            ))],
        );
    }
}

/// The summary's counts: progress, overdue, regressions, not yet rated.
fn summary_facts(view: &DossierView) -> Vec<String> {
    let n = view.commitments.len();
    let regressions = view.regressions.len();
    let rated = |key: &str| view.counts_by_status.get(key).copied().unwrap_or(0);
    let not_rated = rated("not_yet_rated");
    let mut facts = vec![
        format!(
            "{} of the {} {} {} progress",
            text::capitalise(&text::count(view.with_progress)),
            text::number(n),
            if n == 1 { "commitment" } else { "commitments" },
            if view.with_progress == 1 {
                "shows"
            } else {
                "show"
            }
        ),
        format!(
            "{} {} overdue",
            text::count(view.overdue),
            if view.overdue == 1 { "is" } else { "are" }
        ),
    ];
    facts.push(match regressions {
        0 => "no regression has been recorded".to_owned(),
        1 => "one rating was a regression".to_owned(),
        r => format!("{} ratings were regressions", text::number(r)),
    });
    if not_rated > 0 {
        facts.push(format!("{} not yet rated", text::number(not_rated)));
    }
    facts
}

/// "By status: …": the count of commitments under each status label.
fn status_breakdown(b: &mut Builder<'_>) {
    let view = b.view;
    if !view.counts_by_status.is_empty() {
        let labels: HashMap<&str, &str> = view
            .commitments
            .iter()
            .map(|c| (c.status.as_str(), c.status_label.as_str()))
            .collect();
        let by_status: Vec<String> = view
            .counts_by_status
            .iter()
            .map(|(k, v)| {
                format!(
                    "{} {}",
                    labels.get(k.as_str()).copied().unwrap_or(k).to_lowercase(),
                    v
                )
            })
            .collect();
        b.doc.para(
            Role::Plain,
            vec![
                Inline::strong("By status: "),
                Inline::text(format!("{}.", by_status.join(", "))),
            ],
        );
    }
}

/// One paragraph per regression among the ratings.
fn regressions(b: &mut Builder<'_>) {
    for r in &b.view.regressions {
        b.doc.para(
            Role::Plain,
            vec![
                Inline::strong("Regression: "),
                Inline::text(format!(
                    "{}, from {} to {} ({}).",
                    clean(&r.statement),
                    r.from.to_lowercase(),
                    r.to.to_lowercase(),
                    text::day(r.on)
                )),
            ],
        );
    }
}

/// The table of commitments with their deadline and status.
fn commitments_table(b: &mut Builder<'_>) {
    let view = b.view;
    if !view.commitments.is_empty() {
        let rows = view
            .commitments
            .iter()
            .enumerate()
            .map(|(i, c)| {
                vec![
                    vec![Inline::text((i + 1).to_string())],
                    vec![Inline::text(clean(&c.statement))],
                    vec![Inline::text(deadline_short(c))],
                    vec![Inline::text(c.status_label.clone())],
                ]
            })
            .collect();
        b.doc.blocks.push(Block::Table {
            widths: vec![0, 5, 3, 2],
            header: vec![
                "".to_owned(),
                "Commitment".to_owned(),
                "Deadline".to_owned(),
                "Status".to_owned(),
            ],
            rows,
        });
    }
}

fn commitment(b: &mut Builder<'_>, number: usize, c: &CommitmentView) {
    let as_of_text = text::day(b.view.as_of);
    b.doc
        .heading(2, format!("{number}. {}", clean(&c.statement)));
    promise(b, c);
    b.doc
        .heading(3, format!("The situation as of {as_of_text}"));
    match c.history.last() {
        Some(step) => latest_rating(b, c, step),
        None => b.doc.para(
            Role::Plain,
            vec![
                Inline::strong("Status: "),
                Inline::text(format!(
                    "{}: no rating recorded by this date.",
                    c.status_label
                )),
            ],
        ),
    }
    developments(b, c);
    b.doc.heading(3, "Steps needed");
    let steps = b.known_steps(&c.recommendations);
    b.steps(&steps);
}

/// "The promise": the quoted words, who made it when, and the deadline.
fn promise(b: &mut Builder<'_>, c: &CommitmentView) {
    b.doc.heading(3, "The promise");
    match &c.quote {
        Some(q) => {
            let mut inlines = vec![Inline::text(format!("“{}”", clean(&q.text)))];
            if let Some(note) = b.cite(&[&q.source]) {
                inlines.push(note);
            }
            b.doc.blocks.push(Block::Quote { inlines });
        }
        None => b.doc.para(
            Role::Plain,
            vec![Inline::emph(
                "The exact words of this commitment are not recorded.",
            )],
        ),
    }
    let made = vec![Inline::text(made_sentence(c))];
    match &c.quote {
        Some(q) => b.fact(made, &[&q.source]),
        None => b.fact(made, &[]),
    }
    let mut deadline = vec![
        Inline::strong("Deadline: "),
        Inline::text(format!("{}.", deadline_text(c))),
    ];
    if let Some(cond) = &c.condition {
        deadline.push(Inline::text(format!(" Condition: {}.", clean(cond))));
    }
    b.doc.para(Role::Plain, deadline);
}

/// The latest rating with its rationale, and the ratings before it.
fn latest_rating(b: &mut Builder<'_>, c: &CommitmentView, step: &StepView) {
    b.doc.para(
        Role::Plain,
        vec![
            Inline::strong("Status: "),
            Inline::text(format!(
                "{} (rated {}{}).",
                step.status_label,
                text::day(step.as_of),
                if step.regression {
                    ", a regression"
                } else {
                    ""
                }
            )),
        ],
    );
    // The rationale rests on the developments the rating names.
    let behind: Vec<&DevelopmentView> = step
        .developments
        .iter()
        .filter_map(|id| b.developments.get(id).copied())
        .collect();
    let sources: Vec<&SourceRef> = behind.iter().flat_map(|d| d.sources.iter()).collect();
    b.fact(vec![Inline::text(clean(&step.rationale))], &sources);
    if c.history.len() > 1 {
        let steps: Vec<String> = c
            .history
            .iter()
            .map(|s| {
                format!(
                    "{} ({}{})",
                    s.status_label.to_lowercase(),
                    text::day(s.as_of),
                    if s.regression { ", regression" } else { "" }
                )
            })
            .collect();
        b.doc.para(
            Role::Plain,
            vec![
                Inline::strong("Ratings so far: "),
                Inline::text(format!("{}.", steps.join("; "))),
            ],
        );
    }
}

/// The developments recorded for a commitment by the as-of date.
fn developments(b: &mut Builder<'_>, c: &CommitmentView) {
    if c.developments.is_empty() {
        b.doc.para(
            Role::Plain,
            vec![Inline::emph("No development recorded by this date.")],
        );
    } else {
        b.doc
            .para(Role::Plain, vec![Inline::strong("Developments:")]);
        for d in &c.developments {
            b.development(d);
        }
    }
}

fn steps_by_body(b: &mut Builder<'_>, concerns: &[&pledgewatch_core::view::ConcernView]) {
    let view = b.view;
    let mut by_body: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut seen = std::collections::HashSet::new();
    let all = view
        .commitments
        .iter()
        .flat_map(|c| c.recommendations.iter())
        .chain(concerns.iter().flat_map(|c| c.recommendations.iter()));
    let known: Vec<RecommendationView> = all.cloned().collect();
    for r in b.known_steps(&known) {
        if !seen.insert(r.id) {
            continue;
        }
        let body = r
            .responsible
            .as_deref()
            .map(clean)
            .unwrap_or_else(|| "Others".to_owned());
        by_body.entry(body).or_default().push(clean(&r.action));
    }
    if by_body.is_empty() {
        return;
    }
    b.doc.heading(1, "Steps by the body they are addressed to");
    for (body, actions) in by_body {
        b.doc.heading(2, format!("To {body}"));
        b.doc.blocks.push(Block::List {
            numbered: false,
            items: actions.into_iter().map(|a| vec![Inline::text(a)]).collect(),
        });
    }
}
