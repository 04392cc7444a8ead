//! The "promises and reality" memorandum: for a dossier as of a date, a title
//! page, a summary, then for each commitment the promise, the situation and
//! the steps needed, then the concerns beyond the commitments, optionally
//! the steps gathered by the body they are addressed to, and the sources.
//!
//! Only what was known by the date is used: the dossier view already keeps
//! commitments, assessments and developments to their dates; here, concerns
//! with no development known by then are left out (their descriptions may
//! speak of later events), and so are steps whose source was published later.
//!
//! It is written for readers outside the team: statuses in plain words, a
//! period as a period, each development told once (under the first
//! commitment it concerns; the others refer back to it), notes that give a
//! source in full once and then in short or as "Ibid.", and never a citation
//! of the organisation's own documents (see [`cite`]).
//!
//! The memorandum is the public's unless the team's draft is asked for
//! ([`MemoOptions::audience`]): the public's holds only approved versions of
//! published records and no confidential source; the team's draft also
//! names its confidential sources, for the team's eyes, and is watermarked.

mod cite;
mod timing;

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use pledgewatch_core::ids::DevelopmentId;
use pledgewatch_core::lang::{Args, Lang};
use pledgewatch_core::model::Slug;
use pledgewatch_core::storage::Storage;
use pledgewatch_core::view::{
    CommitmentView, ConcernView, DevelopmentView, DossierView, QuoteView, RecommendationView,
    SourceRef, StepView, dossier_view,
};
use pledgewatch_core::wording;

use crate::audience::{Audience, Reader};
use crate::doc::{Block, Document, Inline, Role};
use crate::error::Result;
use crate::text::{self, clean};
use cite::{Citations, Cited};

/// What to put in a memorandum.
#[derive(Debug, Clone)]
pub struct MemoOptions {
    /// The situation is described as of this day, from what was known by then.
    pub as_of: NaiveDate,
    /// Also gather every step at the end, grouped by the body it is addressed to.
    pub steps_by_body: bool,
    /// Whose version: the public's (the default) or the team's draft.
    pub audience: Audience,
    /// The language of the fixed text (headings, labels, the sentences
    /// written here, dates); what the record holds stays as entered.
    pub lang: Lang,
}

impl MemoOptions {
    /// The public's memorandum as of `as_of`.
    pub fn new(as_of: NaiveDate) -> Self {
        Self {
            as_of,
            steps_by_body: false,
            audience: Audience::Public,
            lang: Lang::En,
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
    // The dossier's publisher, or else the organisation its signatories name.
    let organisation = match view.publisher.as_ref().map(|p| clean(&p.name)) {
        Some(name) if !name.is_empty() => Some(name),
        _ => crate::letter::organisation(reader.store(), slug).await?,
    };
    let mut doc = build(&view, organisation.as_deref(), options, reader.is_team());
    doc.watermark = reader.watermark(options.lang);
    Ok(doc)
}

/// The title of the memorandum of `view`, as its metadata and the letters
/// that go with it name it.
pub fn memo_title(lang: Lang, view: &DossierView) -> String {
    text::tr(
        lang,
        "memo-title",
        &Args::new()
            .str("title", clean(&view.title))
            .str("date", wording::day(lang, view.as_of)),
    )
}

struct Builder<'a> {
    lang: Lang,
    doc: Document,
    citations: Citations,
    view: &'a DossierView,
    /// Every development of the dossier known by the date, by id: a rating
    /// may rest on developments linked to another commitment.
    developments: HashMap<DevelopmentId, &'a DevelopmentView>,
    /// The developments told so far, and where ("commitment 2", "concern
    /// 1"), for the references back to them.
    told: HashMap<DevelopmentId, String>,
}

/// Whether a development can be told. One that only the organisation's own
/// documents record, and that happened on the day one of them came out, is
/// that document's own act (its sending, the finding it announces) and is
/// left out: a document does not tell of itself. An earlier fact that only
/// they record is the organisation's own finding, told without a note.
fn tellable(d: &DevelopmentView) -> bool {
    let own_only = !d.sources.is_empty() && d.sources.iter().all(cite::is_own);
    !own_only
        || !d
            .sources
            .iter()
            .any(|s| s.published.is_some_and(|p| p.latest() <= d.date.latest()))
}

impl Builder<'_> {
    /// A paragraph of fact: cited; or, resting only on the organisation's
    /// own documents, the organisation's own statement; or marked as having
    /// no source.
    fn fact(&mut self, mut inlines: Vec<Inline>, sources: &[&SourceRef]) {
        match self.citations.cite(sources) {
            Cited::Note(text, numbers) => {
                inlines.push(self.doc.note(vec![Inline::text(text)], numbers));
                self.doc.para(Role::Situation, inlines);
            }
            Cited::OwnOnly => self.doc.para(Role::Plain, inlines),
            // The team's draft marks a fact with no source recorded, for the
            // team to mend; a document that leaves the team does not speak of
            // its record keeping.
            Cited::Nothing if self.citations.team => {
                inlines.push(Inline::emph(format!(" {}", self.lang.t("memo-no-source"))));
                self.doc.para(Role::Unsourced, inlines);
            }
            Cited::Nothing => self.doc.para(Role::Plain, inlines),
        }
    }

    /// The note citing `sources`, if any can be cited.
    fn note(&mut self, sources: &[&SourceRef]) -> Option<Inline> {
        match self.citations.cite(sources) {
            Cited::Note(text, numbers) => Some(self.doc.note(vec![Inline::text(text)], numbers)),
            Cited::OwnOnly | Cited::Nothing => None,
        }
    }

    /// Tells a development: its date, title and summary, cited.
    fn development(&mut self, d: &DevelopmentView, place: &str) {
        let title = clean(&d.title);
        let stop = if title.ends_with(['.', '?', '!']) {
            ""
        } else {
            "."
        };
        let inlines = vec![
            Inline::strong(text::stop(&text::capitalise(&wording::precise(
                self.lang, &d.date,
            )))),
            Inline::text(" "),
            Inline::emph(title),
            Inline::text(format!("{stop} {}", clean(&d.summary))),
        ];
        let sources: Vec<&SourceRef> = d.sources.iter().collect();
        self.fact(inlines, &sources);
        self.told.insert(d.id, place.to_owned());
    }

    /// The developments bearing on one commitment or concern: those not yet
    /// told are told here, the others referred back to in one paragraph.
    fn developments(&mut self, developments: &[DevelopmentView], place: &str) {
        let tellable: Vec<&DevelopmentView> = developments.iter().filter(|d| tellable(d)).collect();
        if tellable.is_empty() {
            self.doc.para(
                Role::Plain,
                vec![Inline::emph(self.lang.t("memo-no-development"))],
            );
            return;
        }
        let (before, new): (Vec<&DevelopmentView>, Vec<&DevelopmentView>) = tellable
            .into_iter()
            .partition(|d| self.told.contains_key(&d.id));
        for d in new {
            self.development(d, place);
        }
        if !before.is_empty() {
            let refs: Vec<String> = before
                .iter()
                .map(|d| {
                    let place = self.told.get(&d.id).map_or("", String::as_str);
                    text::tr(
                        self.lang,
                        "memo-told-under",
                        &Args::new()
                            .str("date", wording::precise(self.lang, &d.date))
                            .str("title", clean(&d.title))
                            .str("place", place),
                    )
                })
                .collect();
            self.doc.para(
                Role::Plain,
                vec![
                    Inline::strong(format!("{} ", self.lang.t("memo-see-above"))),
                    Inline::text(format!("{}.", refs.join("; "))),
                ],
            );
        }
    }

    /// The steps needed, when any is on record; the section is left out
    /// otherwise.
    fn steps(&mut self, recommendations: &[&RecommendationView]) {
        if recommendations.is_empty() {
            return;
        }
        self.doc.heading(3, self.lang.t("memo-steps-needed"));
        let mut items = Vec::new();
        for r in recommendations {
            let mut item = vec![Inline::text(clean(&r.action))];
            let mut who = Vec::new();
            if let Some(body) = &r.responsible {
                who.push(text::tr(
                    self.lang,
                    "memo-addressed-to",
                    &Args::new().str("body", clean(body)),
                ));
            }
            if let Some(by) = &r.proposed_by {
                who.push(text::tr(
                    self.lang,
                    "memo-asked-for-by",
                    &Args::new().str("by", clean(by)),
                ));
            }
            if !who.is_empty() {
                item.push(Inline::emph(format!(" ({})", who.join("; "))));
            }
            if let Some(source) = &r.source
                && let Some(note) = self.note(&[source])
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

/// Who made a commitment, where and when, as a sentence.
fn made_sentence(lang: Lang, c: &CommitmentView) -> String {
    let by = match &c.made_by {
        Some(by) => match &by.role {
            Some(role) => text::tr(
                lang,
                "memo-made-by-role",
                &Args::new()
                    .str("name", clean(&by.name))
                    .str("role", clean(role)),
            ),
            None => text::tr(
                lang,
                "memo-made-by",
                &Args::new().str("name", clean(&by.name)),
            ),
        },
        None => String::new(),
    };
    let occasion = match &c.occasion {
        Some(o) => match &o.place {
            Some(place) => text::tr(
                lang,
                "memo-made-at-place",
                &Args::new()
                    .str("occasion", clean(&o.title))
                    .str("place", clean(place)),
            ),
            None => text::tr(
                lang,
                "memo-made-at",
                &Args::new().str("occasion", clean(&o.title)),
            ),
        },
        None => String::new(),
    };
    text::tr(
        lang,
        "memo-made",
        &Args::new()
            .str("by", by)
            .str("bound", clean(&c.bound.name))
            .str("occasion", occasion)
            .str("date", wording::precise(lang, &c.made_on)),
    )
}

fn build(
    view: &DossierView,
    organisation: Option<&str>,
    options: &MemoOptions,
    team: bool,
) -> Document {
    let lang = options.lang;
    let mut b = Builder {
        lang,
        doc: Document {
            title: memo_title(lang, view),
            author: organisation.map(clean),
            date: Some(view.as_of),
            lang: lang.code().to_owned(),
            ..Document::default()
        },
        citations: Citations::new(team, lang),
        view,
        developments: view
            .commitments
            .iter()
            .flat_map(|c| c.developments.iter())
            .chain(view.concerns.iter().flat_map(|c| c.developments.iter()))
            .map(|d| (d.id, d))
            .collect(),
        told: HashMap::new(),
    };

    let mut lines = Vec::new();
    if let Some(org) = organisation {
        lines.push(clean(org));
    }
    lines.push(wording::day(lang, view.as_of));
    b.doc.blocks.push(Block::TitlePage {
        label: lang.t("memo-label"),
        title: clean(&view.title),
        subtitle: lang.t("memo-subtitle"),
        lines,
    });

    summary(&mut b);

    b.doc.heading(1, lang.t("memo-commitments"));
    for (i, c) in view.commitments.iter().enumerate() {
        commitment(&mut b, i + 1, c);
    }

    let concerns: Vec<&ConcernView> = view
        .concerns
        .iter()
        .filter(|c| c.developments.iter().any(tellable))
        .collect();
    if !concerns.is_empty() {
        b.doc.heading(1, lang.t("memo-concerns"));
        for (i, concern) in concerns.iter().enumerate() {
            concern_section(&mut b, i + 1, concern);
        }
    }

    if options.steps_by_body {
        steps_by_body(&mut b, &concerns);
    }

    b.doc.heading(1, lang.t("memo-sources"));
    let items = b
        .citations
        .list
        .iter()
        .map(|s| b.citations.entry(s))
        .collect();
    b.doc.blocks.push(Block::List {
        numbered: true,
        items,
    });
    b.doc
}

fn concern_section(b: &mut Builder<'_>, number: usize, concern: &ConcernView) {
    let lang = b.lang;
    b.doc
        .heading(2, format!("{number}. {}", clean(&concern.title)));
    b.doc
        .para(Role::Plain, vec![Inline::text(clean(&concern.description))]);
    b.doc.heading(3, situation(lang, b.view.as_of));
    let place = text::tr(lang, "memo-place-concern", &Args::new().count("n", number));
    b.developments(&concern.developments, &place);
    let steps = b.known_steps(&concern.recommendations);
    b.steps(&steps);
}

/// "The situation as of 31 May 2008".
fn situation(lang: Lang, as_of: NaiveDate) -> String {
    text::tr(
        lang,
        "memo-situation",
        &Args::new().str("date", wording::day(lang, as_of)),
    )
}

fn summary(b: &mut Builder<'_>) {
    b.doc.heading(1, b.lang.t("memo-summary"));
    summary_opening(b);
    if b.view.commitments.is_empty() {
        return;
    }
    let facts = summary_facts(b.lang, b.view);
    b.doc.para(
        Role::Plain,
        vec![Inline::text(format!(
            "{}.",
            text::join_and_in(b.lang, &facts)
        ))],
    );
    regressions(b);
    commitments_table(b);
}

/// The summary's first paragraph: how many commitments, on whose behalf,
/// and when and where the first was made.
fn summary_opening(b: &mut Builder<'_>) {
    let view = b.view;
    let n = view.commitments.len();
    let lang = b.lang;
    if let Some(first) = view.commitments.iter().min_by_key(|c| c.made_on.earliest()) {
        let mut s = text::tr(
            lang,
            "memo-opening",
            &Args::new()
                .count("n", n)
                .str("words", text::number(n))
                .str("bound", clean(&first.bound.name))
                .str("date", wording::day(lang, view.as_of)),
        );
        let occasion = match &first.occasion {
            Some(o) => match &o.place {
                Some(place) => text::tr(
                    lang,
                    "memo-opening-at-in",
                    &Args::new()
                        .str("occasion", clean(&o.title))
                        .str("place", clean(place)),
                ),
                None => text::tr(
                    lang,
                    "memo-opening-at",
                    &Args::new().str("occasion", clean(&o.title)),
                ),
            },
            None => String::new(),
        };
        s.push(' ');
        s.push_str(&text::tr(
            lang,
            "memo-opening-first",
            &Args::new()
                .count("n", n)
                .str(
                    "elapsed",
                    text::elapsed(lang, first.made_on.earliest(), view.as_of),
                )
                .str("date", wording::precise(lang, &first.made_on))
                .str("occasion", occasion),
        ));
        let quotes: Vec<&SourceRef> = view
            .commitments
            .iter()
            .filter_map(|c| c.quote.as_ref().map(|q| &q.source))
            .collect();
        b.fact(vec![Inline::text(s)], &quotes);
    } else {
        b.doc.para(
            Role::Plain,
            vec![Inline::text(text::tr(
                lang,
                "memo-no-commitment",
                &Args::new().str("date", wording::day(lang, view.as_of)),
            ))],
        );
    }
}

/// The summary's counts: progress, overdue, steps back, not yet assessed.
fn summary_facts(lang: Lang, view: &DossierView) -> Vec<String> {
    let n = view.commitments.len();
    let regressions = view.regressions.len();
    let not_rated = view
        .commitments
        .iter()
        .filter(|c| c.history.is_empty())
        .count();
    let not_begun = view
        .commitments
        .iter()
        .filter(|c| timing::not_begun(c, view.as_of))
        .count();
    // `$n` and, for English, `$words`.
    let counted = |id: &str, n: usize, words: String| {
        text::tr(lang, id, &Args::new().count("n", n).str("words", words))
    };
    let mut facts = vec![progress_fact(lang, n, view.with_progress)];
    facts.push(counted(
        "memo-fact-overdue",
        view.overdue,
        text::count(view.overdue),
    ));
    if not_begun > 0 {
        facts.push(counted(
            "memo-fact-not-begun",
            not_begun,
            text::number(not_begun),
        ));
    }
    // A first rating can already say a commitment lost ground: that is no
    // step back between ratings, but the summary must not deny it.
    let lost = view
        .commitments
        .iter()
        .filter(|c| c.status == "regressed")
        .count();
    facts.push(match (regressions, lost) {
        (0, 0) => lang.t("memo-fact-no-step-back"),
        (0, l) => counted("memo-fact-lost-ground", l, text::number(l)),
        (r, _) => counted("memo-fact-step-back", r, text::number(r)),
    });
    if not_rated > 0 {
        facts.push(counted(
            "memo-fact-not-assessed",
            not_rated,
            text::number(not_rated),
        ));
    }
    facts
}

/// "None of the six commitments shows progress", "The one commitment shows
/// progress", "Neither of the two commitments shows progress".
fn progress_fact(lang: Lang, n: usize, with_progress: usize) -> String {
    let shape = match (n, with_progress) {
        (1, 0) => "single-none",
        (1, _) => "single",
        (2, 0) => "pair-none",
        (2, 2) => "pair-all",
        (n, p) if p == n => "all",
        _ => "some",
    };
    text::tr(
        lang,
        "memo-progress",
        &Args::new()
            .str("shape", shape)
            .count("n", n)
            .str("words", text::number(n))
            .count("p", with_progress)
            .str("pwords", text::capitalise(&text::count(with_progress))),
    )
}

/// One paragraph per step back among the ratings.
fn regressions(b: &mut Builder<'_>) {
    let lang = b.lang;
    for r in &b.view.regressions {
        b.doc.para(
            Role::Plain,
            vec![
                Inline::strong(format!("{} ", lang.t("memo-step-back"))),
                Inline::text(text::tr(
                    lang,
                    "memo-step-back-text",
                    &Args::new()
                        .str("statement", clean(&r.statement))
                        .str("from", timing::label_words(lang, &r.from))
                        .str("to", timing::label_words(lang, &r.to))
                        .str("date", wording::day(lang, r.on)),
                )),
            ],
        );
    }
}

/// The table of commitments with their timing and where each stands.
fn commitments_table(b: &mut Builder<'_>) {
    let (view, lang) = (b.view, b.lang);
    if !view.commitments.is_empty() {
        let rows = view
            .commitments
            .iter()
            .enumerate()
            .map(|(i, c)| {
                vec![
                    vec![Inline::text((i + 1).to_string())],
                    vec![Inline::text(clean(&c.statement))],
                    vec![Inline::text(timing::timing_short(lang, c))],
                    vec![Inline::text(text::capitalise(&timing::standing(
                        lang, c, view.as_of,
                    )))],
                ]
            })
            .collect();
        b.doc.blocks.push(Block::Table {
            widths: vec![0, 5, 3, 2],
            header: vec![
                "".to_owned(),
                lang.t("memo-col-commitment"),
                lang.t("memo-col-timing"),
                lang.t("memo-col-standing"),
            ],
            rows,
        });
    }
}

fn commitment(b: &mut Builder<'_>, number: usize, c: &CommitmentView) {
    let lang = b.lang;
    b.doc
        .heading(2, format!("{number}. {}", clean(&c.statement)));
    promise(b, c);
    b.doc.heading(3, situation(lang, b.view.as_of));
    match c.history.last() {
        Some(step) => latest_rating(b, c, step),
        None => b.doc.para(
            Role::Plain,
            vec![
                Inline::strong(format!("{} ", lang.t("memo-where-it-stands"))),
                Inline::text(format!("{}.", timing::standing(lang, c, b.view.as_of))),
            ],
        ),
    }
    let place = text::tr(
        lang,
        "memo-place-commitment",
        &Args::new().count("n", number),
    );
    b.developments(&c.developments, &place);
    let steps = b.known_steps(&c.recommendations);
    b.steps(&steps);
}

/// Whether a quotation's source is the official record of the commitment:
/// published by the party bound or its government ("Kazakhstan",
/// "Government of Kazakhstan (via PR Newswire)"), or the statement, speech
/// or remarks of the person who made it. A publisher that merely names the
/// country ("Kazakhstan International Bureau for Human Rights") is not.
fn official(bound: &str, maker: Option<&str>, source: &SourceRef) -> bool {
    let lower = |s: &str| clean(s).to_lowercase();
    let bound = lower(bound);
    let publisher = lower(source.publisher.as_deref().unwrap_or(""));
    let by_bound = !bound.is_empty()
        && (publisher == bound
            || publisher.starts_with(&format!("{bound} ("))
            || [
                format!("government of {bound}"),
                format!("{bound} government"),
                format!("republic of {bound}"),
            ]
            .iter()
            .any(|g| publisher.contains(g.as_str())));
    let title = lower(&source.title);
    let by_maker = maker.is_some_and(|m| {
        let name = lower(m);
        !name.is_empty()
            && title.contains(&name)
            && ["statement", "speech", "address", "remarks"]
                .iter()
                .any(|w| title.starts_with(w))
    });
    by_bound || by_maker
}

/// Whose words a quotation gives: the official record's, or a reporter's.
fn attribution(lang: Lang, c: &CommitmentView, q: &QuoteView, team: bool) -> String {
    let source = &q.source;
    if source.confidential && !team {
        return format!(" {}", lang.t("memo-attr-confidential"));
    }
    if official(
        &c.bound.name,
        c.made_by.as_ref().map(|m| m.name.as_str()),
        source,
    ) {
        return format!(" {}", lang.t("memo-attr-official"));
    }
    let by = source
        .publisher
        .as_deref()
        .map(clean)
        .unwrap_or_else(|| text::quoted(lang, &clean(&source.title)));
    let words = if cite::is_own(source) {
        // The organisation's own earlier words: named, never cited.
        match &source.published {
            Some(d) => text::tr(
                lang,
                "memo-attr-own-on",
                &Args::new()
                    .str("by", by)
                    .str("date", wording::precise(lang, d)),
            ),
            None => text::tr(lang, "memo-attr-own", &Args::new().str("by", by)),
        }
    } else {
        text::tr(lang, "memo-attr-reported", &Args::new().str("by", by))
    };
    format!(" {words}")
}

/// "The promise": the quoted words and whose they are, who made it when,
/// and its timing.
fn promise(b: &mut Builder<'_>, c: &CommitmentView) {
    let lang = b.lang;
    b.doc.heading(3, lang.t("memo-promise"));
    match &c.quote {
        Some(q) => {
            let mut inlines = vec![
                Inline::text(text::quoted(lang, &clean(&q.text))),
                Inline::text(attribution(lang, c, q, b.citations.team)),
            ];
            if let Some(note) = b.note(&[&q.source]) {
                inlines.push(note);
            }
            b.doc.blocks.push(Block::Quote { inlines });
        }
        None => b
            .doc
            .para(Role::Plain, vec![Inline::emph(lang.t("memo-no-words"))]),
    }
    let made = vec![Inline::text(made_sentence(lang, c))];
    match &c.quote {
        Some(q) => b.fact(made, &[&q.source]),
        None => b.fact(made, &[]),
    }
    let (label, timing) = timing::timing_line(lang, c, b.view.as_of);
    let mut line = vec![
        Inline::strong(format!("{label} ")),
        Inline::text(format!("{timing}.")),
    ];
    if let Some(cond) = &c.condition {
        line.push(Inline::text(format!(
            " {}",
            text::tr(
                lang,
                "memo-condition",
                &Args::new().str("condition", clean(cond))
            )
        )));
    }
    b.doc.para(Role::Plain, line);
}

/// Where the commitment stands, as the latest rating says in plain words,
/// with the reasons given for it.
fn latest_rating(b: &mut Builder<'_>, c: &CommitmentView, step: &StepView) {
    let (as_of, lang) = (b.view.as_of, b.lang);
    let mut stands = if timing::simply_not_begun(c, as_of) {
        lang.t("memo-period-not-yet-begun")
    } else {
        text::tr(
            lang,
            "memo-assessed-on",
            &Args::new()
                .str(
                    "status",
                    timing::status_words(lang, &c.status, &c.status_label),
                )
                .str("date", wording::day(lang, step.as_of)),
        )
    };
    if step.regression {
        stands = text::tr(
            lang,
            "memo-stands-step-back",
            &Args::new().str("stands", stands),
        );
    }
    if timing::not_begun(c, as_of) && !timing::simply_not_begun(c, as_of) {
        stands = text::tr(
            lang,
            "memo-stands-not-begun",
            &Args::new().str("stands", stands),
        );
    }
    b.doc.para(
        Role::Plain,
        vec![
            Inline::strong(format!("{} ", lang.t("memo-where-it-stands"))),
            Inline::text(format!("{stands}.")),
        ],
    );
    // The reasons rest on the developments the rating names.
    let behind: Vec<&DevelopmentView> = step
        .developments
        .iter()
        .filter_map(|id| b.developments.get(id).copied())
        .collect();
    let sources: Vec<&SourceRef> = behind.iter().flat_map(|d| d.sources.iter()).collect();
    b.fact(vec![Inline::text(clean(&step.rationale))], &sources);
}

fn steps_by_body(b: &mut Builder<'_>, concerns: &[&ConcernView]) {
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
            .unwrap_or_else(|| b.lang.t("memo-steps-others"));
        by_body.entry(body).or_default().push(clean(&r.action));
    }
    if by_body.is_empty() {
        return;
    }
    b.doc.heading(1, b.lang.t("memo-steps-by-body"));
    for (body, actions) in by_body {
        let heading = text::tr(b.lang, "memo-steps-to", &Args::new().str("body", body));
        b.doc.heading(2, heading);
        b.doc.blocks.push(Block::List {
            numbered: false,
            items: actions.into_iter().map(|a| vec![Inline::text(a)]).collect(),
        });
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_progress_count_agrees_with_every_count_of_commitments() {
        assert_eq!(
            progress_fact(Lang::En, 1, 0),
            "The one commitment shows no progress"
        );
        assert_eq!(
            progress_fact(Lang::En, 1, 1),
            "The one commitment shows progress"
        );
        assert_eq!(
            progress_fact(Lang::En, 2, 0),
            "Neither of the two commitments shows progress"
        );
        assert_eq!(
            progress_fact(Lang::En, 2, 1),
            "One of the two commitments shows progress"
        );
        assert_eq!(
            progress_fact(Lang::En, 2, 2),
            "Both commitments show progress"
        );
        assert_eq!(
            progress_fact(Lang::En, 6, 0),
            "None of the six commitments shows progress"
        );
        assert_eq!(
            progress_fact(Lang::En, 6, 2),
            "Two of the six commitments show progress"
        );
        assert_eq!(
            progress_fact(Lang::En, 6, 6),
            "All six commitments show progress"
        );
    }
    use super::{official, progress_fact};
    use pledgewatch_core::ids::SourceId;
    use pledgewatch_core::lang::Lang;
    use pledgewatch_core::view::SourceRef;

    fn source(publisher: &str, title: &str) -> SourceRef {
        SourceRef {
            id: SourceId::new(),
            title: title.to_owned(),
            publisher: Some(publisher.to_owned()),
            published: None,
            url: None,
            confidential: false,
            own_document: false,
        }
    }

    #[test]
    fn only_the_party_bound_or_the_maker_s_own_statement_is_the_official_record() {
        let official =
            |p: &str, t: &str| official("Kazakhstan", Some("Marat Tazhin"), &source(p, t));
        assert!(official(
            "Government of Kazakhstan (via PR Newswire)",
            "Kazakhstan to Assume Chairmanship"
        ));
        assert!(official("Kazakhstan", "Address to the Ministerial Council"));
        assert!(official(
            "OSCE",
            "Statement by Marat Tazhin at the Madrid Ministerial Council"
        ));
        assert!(!official(
            "Kazakhstan International Bureau for Human Rights",
            "Report"
        ));
        assert!(!official(
            "Human Rights Watch",
            "Letter on Kazakhstan’s OSCE commitments"
        ));
        assert!(!official(
            "RFE/RL",
            "Marat Tazhin says Kazakhstan will reform"
        ));
    }

    /// The memorandum's own words (not the record's) are spelled the same in
    /// US and UK English, so a document keeps one spelling convention
    /// whichever its publisher sets: a word that the two write differently
    /// must not enter the fixed text unless it follows the setting.
    #[test]
    fn the_fixed_text_has_no_word_that_us_and_uk_spell_differently() {
        const VARIANTS: &[&str] = &[
            "organis",
            "organiz",
            "recognis",
            "recogniz",
            "fulfil ",
            "fulfill ",
            "fulfilment",
            "fulfillment",
            "liberalis",
            "liberaliz",
            "criticis",
            "criticiz",
            "summaris",
            "summariz",
            "prioritis",
            "prioritiz",
            "behavio",
            "favour",
            "favor ",
            "honour",
            "honor ",
            "labour",
            "labor ",
            "centre",
            "center",
            "judgement",
            "judgment",
            "analyse",
            "analyze",
            "programme",
            "defence",
            "defense",
            "licence",
            "license",
            "offence",
            "offense",
            "travell",
            "traveled",
            "cancell",
            "canceled",
            "backward ",
        ];
        for file in [
            include_str!("memo.rs"),
            include_str!("memo/timing.rs"),
            include_str!("memo/cite.rs"),
        ] {
            let code = file.split("#[cfg(test)]").next().unwrap_or(file);
            for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
                // The string literals of the line.
                for literal in line.split('"').skip(1).step_by(2) {
                    let literal = format!("{} ", literal.to_lowercase());
                    for variant in VARIANTS {
                        assert!(!literal.contains(variant), "{variant:?} in {line}");
                    }
                }
            }
        }
    }
}
