//! The extractor: from normalised sentences to candidate commitments.
//!
//! Two readers share the sentence stream. In the "Conclusions and/or
//! recommendations" section of a UPR Working Group report, each paragraph's
//! opening sentence says what became of the recommendations listed under it
//! (supported, to be examined, not supported); supported ones are the State's
//! commitments, and so is every voluntary commitment. Everywhere else a
//! sentence is a candidate when a commitment trigger ("pledged that ...
//! would", "agreed to", "will", "undertakes to") has a governmental subject;
//! lists ("These included A, B and C by the end of 2008") and coordinated
//! actions ("preserve X and refrain from Y") become one candidate each.

use chrono::NaiveDate;
use pledgewatch_core::date::PreciseDate;
use pledgewatch_core::model::{Origin, TimingKind};
use serde::{Deserialize, Serialize};

use crate::dates::{self, Deadline, find_word};
use crate::lexicon::{self, ACTION_VERBS, GOVERNMENT_TITLES, NON_GOVERNMENTAL};
use crate::structure;
use crate::text::{self, InputFormat, Normalised, Span};

/// What the caller knows about the document.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The document's date, which anchors "last year" or "within six months".
    pub document_date: Option<NaiveDate>,
    /// Who is bound when the text says "we" or "the Government".
    pub actor: Option<String>,
    /// The markup; detected from the text when not given.
    pub format: Option<InputFormat>,
}

/// What kind of document the extractor recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// A report of the UPR Working Group.
    UprReport,
    /// Anything else: a speech, a letter, a press release, an article.
    General,
}

/// One proposed commitment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    /// Who is bound.
    pub actor: Option<String>,
    /// Who spoke or signed, if stated.
    pub speaker: Option<String>,
    /// Where it was made, if stated.
    pub occasion: Option<String>,
    /// A short statement of what is promised.
    pub statement: String,
    pub origin: Origin,
    /// For an accepted UPR recommendation: the States that made it.
    pub recommended_by: Option<String>,
    pub timing: TimingKind,
    pub deadline: Option<Deadline>,
    /// For timing during a period: the period as written.
    pub period: Option<String>,
    /// "subject to ...", "if ...".
    pub condition: Option<String>,
    /// When the commitment was made, where the text says so.
    pub made_on: Option<PreciseDate>,
    /// The exact words of the source.
    pub quote: String,
    /// Character offsets (Unicode scalar values) of `quote` in the original
    /// input, end exclusive.
    pub start: usize,
    pub end: usize,
    /// 0 to 1: how sure the rules are (two decimals in JSON).
    #[serde(serialize_with = "two_decimals")]
    pub confidence: f32,
    /// Which rule proposed it.
    pub rule: String,
}

/// A confidence as people read it: 0.85, not 0.8500000238418579.
fn two_decimals<S: serde::Serializer>(value: &f32, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64((f64::from(*value) * 100.0).round() / 100.0)
}

/// The result of reading one document.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Extraction {
    pub format: InputFormat,
    pub kind: DocumentKind,
    pub document_date: Option<NaiveDate>,
    /// Where the date came from: "given", "document header" or "unknown".
    pub document_date_source: String,
    /// For UPR reports, the State whose review it is.
    pub state_under_review: Option<String>,
    pub candidates: Vec<Candidate>,
}

/// The status a UPR report gives the recommendations listed under a
/// paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListStatus {
    None,
    Supported,
    Pending,
    NotSupported,
    Voluntary,
}

/// A candidate before its offsets are turned into characters.
struct Draft {
    c: Candidate,
    /// Byte range of the quote in the normalised text.
    span: Span,
}

/// What an earlier sentence left for a list that follows it.
#[derive(Clone)]
struct ListContext {
    actor: Option<String>,
    speaker: Option<String>,
    made_on: Option<PreciseDate>,
    /// The umbrella's verb, for items that are bare nouns.
    verb: Option<String>,
    sentence_index: usize,
    /// The umbrella sentence's own reading, proposed when no list follows
    /// ("will carry out two projects involving research").
    fallback: Vec<(Candidate, Span)>,
}

/// A list of commitments under a heading or after a colon: every item
/// that follows with an item number is a commitment of `actor`.
struct StructuredList {
    actor: Option<String>,
    speaker: Option<String>,
    /// Under a heading the list runs to the next heading; after a colon, to
    /// the next paragraph without an item number.
    from_heading: bool,
    /// The last item's draft, which a sentence on the same line continues.
    last_item: Option<usize>,
}

impl StructuredList {
    /// The list under a commitment heading: the document's actor commits.
    fn heading(doc: &mut Doc) -> Self {
        StructuredList {
            actor: default_actor(doc),
            speaker: None,
            from_heading: true,
            last_item: None,
        }
    }
}

struct Doc<'a> {
    norm: Normalised,
    lower: String,
    options: &'a Options,
    date: Option<NaiveDate>,
    state: Option<String>,
    dominant: Option<Option<String>>,
    /// The States of a joint statement, named together ("Norway, Chile and
    /// Ghana"), when its heading lists them; computed on first use.
    joint: Option<Option<String>>,
    ngo_document: bool,
}

/// Reads one document and proposes its commitments.
pub fn extract(original: &str, options: &Options) -> Extraction {
    let format = options
        .format
        .unwrap_or_else(|| InputFormat::detect(original));
    let norm = text::normalise(original, format);
    let lower = norm.text.to_ascii_lowercase();
    let head_end = floor_boundary(&lower, 4_000);
    let head = &lower[..head_end];
    let is_upr = head.contains("working group on the universal periodic review");
    let (date, date_source) = match options.document_date {
        Some(d) => (Some(d), "given"),
        None => {
            // The original, not the normalised text: running headers
            // ("A/HRC/8/29 23 May 2008") carry the date.
            let limit = if is_upr { 3_000 } else { 300 };
            let end = floor_boundary(original, limit);
            match dates::first_date(&original[..end]) {
                Some(d) => (Some(d), "document header"),
                None => (None, "unknown"),
            }
        }
    };
    let state = if is_upr {
        state_under_review(&norm.text, &lower)
    } else {
        None
    };
    // An NGO's document names the NGO at its head; a government's pledges
    // may mention NGOs further on ("to allow Human Rights Watch to visit").
    let byline = &lower[..floor_boundary(&lower, 1_000)];
    let ngo_document = NON_GOVERNMENTAL[..4]
        .iter()
        .any(|m| find_word(byline, m, 0).is_some())
        || head.contains("we ask that you")
        || head.contains("we urge");
    let mut doc = Doc {
        norm,
        lower,
        options,
        date,
        state,
        dominant: None,
        joint: None,
        ngo_document,
    };
    let spans = text::sentences(&doc.norm.text);
    let drafts = read(&mut doc, &spans, is_upr);
    let candidates = to_characters(original, &doc.norm, drafts);
    Extraction {
        format,
        kind: if is_upr {
            DocumentKind::UprReport
        } else {
            DocumentKind::General
        },
        document_date: date,
        document_date_source: date_source.to_owned(),
        state_under_review: doc.state.clone(),
        candidates,
    }
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The State under review, from "The review of X was held" or the title.
fn state_under_review(text: &str, lower: &str) -> Option<String> {
    if let Some(p) = lower.find("the review of ") {
        let s = p + "the review of ".len();
        let e = floor_boundary(text, s + 90);
        if let Some((name, at)) = lexicon::find_state(&text[s..e])
            && at < 10
        {
            return Some(name.to_owned());
        }
    }
    let p = lower.find("universal periodic review")?;
    let e = floor_boundary(text, p + 400);
    lexicon::find_state(&text[p..e]).map(|(n, _)| n.to_owned())
}

/// The byte range of the conclusions section, and where voluntary
/// commitments start inside it.
fn conclusions(lower: &str) -> Option<(usize, usize)> {
    let needle = "conclusions and/or recommendations";
    let mut best = None;
    let mut from = 0;
    while let Some(p) = lower[from..].find(needle) {
        let s = from + p;
        let before = &lower[s.saturating_sub(6)..s];
        let after = &lower[s + needle.len()..floor_boundary(lower, s + needle.len() + 12)];
        if !before.contains("all ") && !after.contains("..") && !before.contains("the ") {
            best = Some(s);
        }
        from = s + needle.len();
    }
    let start = best?;
    let end = lower[start..]
        .find("composition of the delegation")
        .map(|p| start + p)
        .unwrap_or(lower.len());
    Some((start, end))
}

fn read(doc: &mut Doc, spans: &[Span], is_upr: bool) -> Vec<Draft> {
    let section = is_upr.then(|| conclusions(&doc.lower)).flatten();
    let mut out: Vec<Draft> = Vec::new();
    let mut status = ListStatus::None;
    let mut last_item: Option<usize> = None;
    let mut occasion: Option<String> = None;
    let mut speaker: Option<(String, usize)> = None;
    let mut list: Option<ListContext> = None;
    let mut prev_gov_title = false;
    let mut last_general: Option<(Candidate, usize)> = None;
    let mut structured: Option<StructuredList> = None;
    let mut loose_section = false;
    for (index, span) in spans.iter().enumerate() {
        loose_section |= section.is_none() && opens_upr_list(doc, *span);
        let in_section =
            loose_section || section.is_some_and(|(s, e)| span.start >= s && span.start < e);
        if in_section && upr_conclusion(doc, *span, &mut status, &mut last_item, &mut out) {
            structured = (status == ListStatus::Voluntary).then(|| StructuredList::heading(doc));
            continue;
        }
        if structural(doc, *span, &mut structured, &mut out) {
            continue;
        }
        let sentence = &doc.norm.text[span.start..span.end];
        let lower = &doc.lower[span.start..span.end];
        // Context carried from sentence to sentence.
        if let Some(o) = find_occasion(sentence) {
            occasion = Some(o);
        }
        let has_title = GOVERNMENT_TITLES.iter().any(|t| sentence.contains(t));
        if let Some(name) = find_speaker(sentence) {
            speaker = Some((name, index));
        }
        let recent_speaker = speaker
            .as_ref()
            .filter(|(_, at)| index - at <= 3)
            .map(|(n, _)| n.clone());
        // A list after an umbrella pledge.
        if let Some(items) = umbrella_list(doc, *span, index, list.take(), &occasion, &mut out) {
            if let Some(last) = items.last() {
                last_general = Some((last.c.clone(), index));
            }
            out.extend(items);
            continue;
        }
        if carry_condition(lower, sentence, last_general.as_ref(), index, &mut out) {
            continue;
        }
        if !might_commit(lower) || sentence.ends_with('?') {
            prev_gov_title = has_title;
            out.extend(quantified_target(doc, *span, in_section));
            continue;
        }
        let gov_context = has_title || prev_gov_title;
        prev_gov_title = has_title;
        let found = general(doc, *span, gov_context, recent_speaker, occasion.clone());
        match found {
            Found::Candidates(mut c) => {
                carry_passage_context(&mut c, last_general.as_ref(), index);
                if let Some(last) = c.last() {
                    last_general = Some((last.c.clone(), index));
                }
                out.extend(c);
            }
            Found::Umbrella(mut ctx) => {
                ctx.sentence_index = index;
                list = Some(ctx);
            }
            Found::Nothing => {
                out.extend(quantified_target(doc, *span, in_section));
                if in_section
                    && status == ListStatus::Voluntary
                    && let Some(d) = commitment_noun(doc, *span)
                {
                    out.push(d);
                }
            }
        }
    }
    if let Some(ctx) = list {
        out.extend(ctx.fallback.into_iter().map(|(c, span)| Draft { c, span }));
    }
    out
}

/// The list an umbrella pledge announced ("These included A, B and C"),
/// when this segment is it; otherwise the umbrella's own reading goes to
/// `out`.
fn umbrella_list(
    doc: &Doc,
    span: Span,
    index: usize,
    pending: Option<ListContext>,
    occasion: &Option<String>,
    out: &mut Vec<Draft>,
) -> Option<Vec<Draft>> {
    let ctx = pending?;
    if ctx.sentence_index + 1 == index
        && let Some(after) = list_intro(&doc.lower[span.start..span.end])
    {
        return Some(list_items(doc, span, after, &ctx, occasion.clone()));
    }
    out.extend(ctx.fallback.into_iter().map(|(c, span)| Draft { c, span }));
    None
}

/// Without a conclusions section (an excerpt), a UPR list's heading opens
/// one: a sentence ending in a colon, or a numbered paragraph saying what
/// became of "the recommendations listed below" ("92. The recommendations
/// ... enjoy the support of Jordan.").
fn opens_upr_list(doc: &Doc, span: Span) -> bool {
    let lower = doc.lower[span.start..span.end].trim_end();
    // "The Government accepts the following recommendations 122.1, 122.12,
    // 122.17-18 ...": a State's response citing numbers lists nothing below.
    let (body_at, _) = strip_markers(lower);
    if cites_numbers(&lower[body_at..]) {
        return false;
    }
    match upr_status(lower) {
        None => false,
        Some(_) if lower.ends_with(':') => true,
        Some(status) => {
            status != ListStatus::None
                && starts_with_marker(lower)
                && (lower.contains("below") || lower.contains("following"))
        }
    }
}

/// Whether a passage cites recommendations by number ("122.17", "45(b)").
fn cites_numbers(lower: &str) -> bool {
    let b = lower.as_bytes();
    (1..b.len().saturating_sub(1)).any(|i| {
        b[i - 1].is_ascii_digit() && (b[i] == b'.' || b[i] == b'(') && b[i + 1].is_ascii_digit()
            || b[i - 1].is_ascii_digit() && b[i] == b'(' && b[i + 1].is_ascii_lowercase()
    })
}

/// The readers of structure: headings and lists, instructions one to a
/// line, lists inside a paragraph. Returns whether the segment is dealt
/// with.
fn structural(
    doc: &mut Doc,
    span: Span,
    structured: &mut Option<StructuredList>,
    out: &mut Vec<Draft>,
) -> bool {
    if structure_step(doc, span, structured, out) {
        return true;
    }
    match instruction(doc, span).or_else(|| inline_list(doc, span)) {
        Some(d) => {
            out.extend(d);
            true
        }
        None => false,
    }
}

/// Whether the segment starts a line (or the text).
fn starts_line(text: &str, span: Span) -> bool {
    text[..span.start]
        .bytes()
        .rev()
        .find(|b| !matches!(b, b' ' | b'\t'))
        .is_none_or(|b| b == b'\n')
}

/// Whether the segment ends its line (or the text).
fn ends_line(text: &str, span: Span) -> bool {
    text[span.end..]
        .bytes()
        .find(|b| !matches!(b, b' ' | b'\t'))
        .is_none_or(|b| b == b'\n')
}

/// Headings and lists: a commitment heading or an introduction ending in a
/// colon opens a list, whose numbered or lettered items are read as
/// commitments; other headings, and for a colon's list the next paragraph,
/// close it. Returns whether the segment is dealt with.
fn structure_step(
    doc: &mut Doc,
    span: Span,
    list: &mut Option<StructuredList>,
    out: &mut Vec<Draft>,
) -> bool {
    let sentence = doc.norm.text[span.start..span.end].to_owned();
    let lower = doc.lower[span.start..span.end].to_owned();
    let marker = starts_with_marker(&sentence);
    let line_start = starts_line(&doc.norm.text, span);
    let (body_at, _) = strip_markers(&sentence);
    let intro_in_item = marker && structure::colon_intro(&lower[body_at..]).is_some();
    if let Some(l) = list.as_mut()
        && !intro_in_item
    {
        if marker {
            let before = out.len();
            if let Found::Candidates(c) = general(doc, span, false, None, None) {
                out.extend(c);
            } else if let Some(d) = structured_item(doc, span, l) {
                out.push(d);
            }
            l.last_item = (out.len() > before).then(|| out.len() - 1);
            return true;
        }
        if !line_start && let Some(i) = l.last_item {
            // "It will also withdraw ...": a commitment of its own.
            if let Found::Candidates(c) = general(doc, span, false, None, None) {
                out.extend(c);
                l.last_item = Some(out.len() - 1);
            } else {
                extend(doc, &mut out[i], span);
            }
            return true;
        }
        if !l.from_heading {
            *list = None;
        }
    }
    // In a list of pledges whose actor the caller named, "Universalisation
    // of lower secondary education" is an item, not a heading.
    // So is "Continue to promote good governance": an order, not a title.
    let pledge_line = doc.options.actor.is_some()
        && (sentence.split_whitespace().count() >= 4
            && structure::verbless_item(&sentence).is_some()
            || structure::imperative_line(&sentence));
    let heading = line_start
        && ends_line(&doc.norm.text, span)
        && structure::is_heading(&sentence)
        && !pledge_line;
    if heading && !marker && !lower.trim_end().ends_with(':') {
        *list = structure::commitment_heading(&lower).then(|| StructuredList::heading(doc));
        return list.is_some() || lower.split_whitespace().count() <= 6;
    }
    let Some(cue) = structure::colon_intro(&lower[body_at..]).map(|c| c + body_at) else {
        return false;
    };
    let Some(actor) = intro_actor(doc, &sentence, &lower, body_at, cue) else {
        return false;
    };
    *list = Some(StructuredList {
        actor,
        speaker: find_speaker(&sentence),
        from_heading: false,
        last_item: None,
    });
    true
}

/// "El Salvador extended an open invitation": a named actor and a verb in
/// the past, an account and not a promise.
fn past_statement(body: &str) -> bool {
    const PAST: &[&str] = &[
        "made", "held", "took", "gave", "was", "were", "had", "became", "began", "won", "led",
    ];
    if let Some((name, at)) = lexicon::find_state(body)
        && at < 80
    {
        let after = &body[at + name.len().min(body.len() - at)..];
        let next = first_word(&after.to_ascii_lowercase());
        if PAST.contains(&next.as_str()) || next.len() > 4 && next.ends_with("ed") {
            return true;
        }
    }
    if past_clause(body) {
        return true;
    }
    let words: Vec<&str> = body.split_whitespace().take(5).collect();
    let named = words
        .first()
        .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
    named
        && lexicon::find_state(
            words
                .iter()
                .take(3)
                .copied()
                .collect::<Vec<_>>()
                .join(" ")
                .as_str(),
        )
        .is_some_and(|(_, at)| at == 0)
        && words.iter().skip(1).take(3).any(|w| {
            let w = w.to_ascii_lowercase();
            w.len() > 4 && w.ends_with("ed") && !w.ends_with("eed")
        })
}

/// "In 2018, the former Permanent Representative held the office of
/// President; his priorities were ...": a first clause told in the past,
/// with no future in it (a relative clause's verb does not count).
fn past_clause(body: &str) -> bool {
    const PAST: &[&str] = &[
        "held", "was", "were", "had", "took", "gave", "became", "won",
    ];
    const FUTURE: &[&str] = &[
        "will",
        "shall",
        "would",
        "committed",
        "pledged",
        "undertook",
        "promised",
    ];
    const RELATIVE: &[&str] = &["which", "that", "who", "whom", "whose", "where", "when"];
    let lower = body.to_ascii_lowercase();
    let clause = &lower[..lower.find([';', ':']).unwrap_or(lower.len())];
    let words: Vec<&str> = clause
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_ascii_alphanumeric()))
        .collect();
    let past = words.iter().enumerate().any(|(i, w)| {
        PAST.contains(w)
            && !words[i.saturating_sub(3)..i]
                .iter()
                .any(|r| RELATIVE.contains(r))
    });
    past && !words.iter().any(|w| FUTURE.contains(w))
}

/// A line written as an instruction ("Repeal the Clean Car Discount.",
/// "Unilateral Target: 10% reduction ...") in a document whose actor the
/// caller named (a mandate letter, a coalition agreement, a programme) or,
/// for a labelled target, any government's document.
fn instruction(doc: &mut Doc, span: Span) -> Option<Vec<Draft>> {
    if doc.ngo_document || !starts_line(&doc.norm.text, span) {
        return None;
    }
    let sentence = doc.norm.text[span.start..span.end].to_owned();
    let lower = doc.lower[span.start..span.end].to_owned();
    let (body_at, body) = strip_markers(&sentence);
    let topic = structure::after_topic(body);
    let (body_at, body) = (body_at + topic, &body[topic..]);
    let named = doc.options.actor.is_some();
    let (vp_at, rule) = if let Some(at) = structure::target_label(body) {
        (body_at + at, "labelled target".to_owned())
    } else if structure::imperative_line(body) && named {
        let to = usize::from(body.starts_with("To ")) * 3;
        (body_at + to, "instruction in a programme".to_owned())
    } else if let Some(form) = structure::verbless_item(body).filter(|_| named) {
        let form = format!("{form:?}").to_lowercase();
        (body_at, format!("item of a list of pledges ({form})"))
    } else {
        return None;
    };
    if ends_with_recommender(&sentence) {
        return None;
    }
    let actor = default_actor(doc)?;
    let vp_text = &sentence[vp_at..];
    let vp_lower = &lower[vp_at..];
    let deadline = dates::find_deadline(vp_text, vp_lower, 0, doc.date);
    let shared = Shared {
        actor: Some(actor),
        speaker: None,
        occasion: None,
        made_on: None,
        condition: find_condition(vp_text, vp_lower),
        period: None,
        deadline,
        confidence: 0.7,
        rule,
    };
    // One line, one instruction: its "and"s join parts of one action.
    let drafts = conjunct_drafts(&shared, vp_text, vp_lower, span);
    let first = drafts.into_iter().next()?;
    let mut whole = first;
    let cut = shared
        .deadline
        .as_ref()
        .map_or(vp_text.len(), |d| d.range.0)
        .min(vp_text.len());
    let before_deadline = tidy_statement(&vp_text[..floor_boundary(vp_text, cut)]);
    if before_deadline.split_whitespace().count() >= 2 {
        whole.c.statement = before_deadline;
    }
    Some(vec![whole])
}

/// Who commits in an introduction whose cue starts at `cue`: the subject
/// of its clause, or, when that is an adverb ("The Philippines, in response
/// to ..., immediately announced"), of the sentence. `None` when it is no
/// government's introduction.
fn intro_actor(
    doc: &mut Doc,
    sentence: &str,
    lower: &str,
    from: usize,
    cue: usize,
) -> Option<Option<String>> {
    let cs = clause_start(lower, cue).max(from);
    let subject = match subject_of(&sentence[cs..cue], &lower[cs..cue]) {
        Subject::Thing | Subject::NotAnActor if cs > from => {
            let first = lower[from..cue].find(',').map_or(cue, |p| from + p);
            subject_of(&sentence[from..first], &lower[from..first])
        }
        s => s,
    };
    match subject {
        Subject::State(s) => Some(Some(s)),
        Subject::NotAnActor | Subject::Thing if !lower[cs..cue].trim().is_empty() => None,
        Subject::FirstPerson if doc.ngo_document => None,
        _ => Some(default_actor(doc)),
    }
}

/// A list inside one paragraph after an introduction ending in a colon:
/// "announced the following voluntary commitments: (a) to continue ...;
/// (b) to maintain ...". Each item is a candidate sharing the paragraph's
/// span; the introduction says who commits.
fn inline_list(doc: &mut Doc, span: Span) -> Option<Vec<Draft>> {
    let sentence = doc.norm.text[span.start..span.end].to_owned();
    let (colon, items) = structure::inline_items(&sentence)?;
    let lower = doc.lower[span.start..span.start + colon + 1].to_owned();
    let cue = structure::colon_intro(&lower)?;
    let actor = intro_actor(doc, &sentence, &lower, 0, cue)?;
    let list = StructuredList {
        actor,
        speaker: find_speaker(&sentence[..colon]),
        from_heading: false,
        last_item: None,
    };
    let drafts: Vec<Draft> = items
        .into_iter()
        .filter_map(|(s, e)| {
            // The last item ends with its sentence.
            let text = &sentence[s..e];
            let end = text.find(". ").map_or(e, |p| s + p + 1);
            let mut d = structured_item_text(
                doc,
                &sentence[s..end],
                &doc.lower[span.start + s..span.start + end],
                &list,
            )?;
            d.span = span;
            Some(d)
        })
        .collect();
    (!drafts.is_empty()).then_some(drafts)
}

/// One item of a list of commitments, however it is written.
fn structured_item(doc: &Doc, span: Span, list: &StructuredList) -> Option<Draft> {
    let sentence = &doc.norm.text[span.start..span.end];
    let lower = &doc.lower[span.start..span.end];
    let (body_at, body) = strip_markers(sentence);
    let mut d = structured_item_text(doc, body, &lower[body_at..], list)?;
    d.span = span;
    Some(d)
}

/// An item's words (without its mark) read as a commitment of the list's
/// actor; the span is the caller's to set.
fn structured_item_text(
    doc: &Doc,
    body: &str,
    body_lower: &str,
    list: &StructuredList,
) -> Option<Draft> {
    let span = Span { start: 0, end: 0 };
    if body.split_whitespace().count() < 2 {
        return None;
    }
    let deadline = dates::find_deadline(body, body_lower, 0, doc.date)
        .or_else(|| dates::item_date(body, body_lower, doc.date));
    let cut = deadline
        .as_ref()
        .map(|d| d.range.0)
        .filter(|&c| c > 0)
        .unwrap_or(body.len());
    if past_statement(body) {
        return None;
    }
    let (text, form) = structure::item_statement(&body[..cut]);
    let statement = tidy_statement(&text);
    if statement.split_whitespace().count() < 2 {
        return None;
    }
    let timing = timing_of(&statement.to_lowercase(), deadline.as_ref(), None);
    Some(Draft {
        c: Candidate {
            actor: list.actor.clone(),
            speaker: list.speaker.clone(),
            occasion: None,
            statement,
            origin: Origin::Pledge,
            recommended_by: None,
            timing,
            deadline,
            period: None,
            condition: find_condition(body, body_lower),
            made_on: None,
            quote: String::new(),
            start: 0,
            end: 0,
            confidence: 0.75,
            rule: format!("item of a list of commitments ({form:?})").to_lowercase(),
        },
        span,
    })
}

/// A sentence of a UPR report's conclusions: a list heading sets the list's
/// status, and supported recommendations are read as items (a sentence
/// broken off an item joins it). Returns whether the sentence is dealt with;
/// other sentences are read like any statement.
fn upr_conclusion(
    doc: &mut Doc,
    span: Span,
    status: &mut ListStatus,
    last_item: &mut Option<usize>,
    out: &mut Vec<Draft>,
) -> bool {
    let sentence = &doc.norm.text[span.start..span.end];
    let lower = &doc.lower[span.start..span.end];
    if let Some(next) = upr_status(lower) {
        *status = next;
        *last_item = None;
        return true;
    }
    match *status {
        ListStatus::Supported => {
            let marker = starts_with_marker(sentence);
            if !marker
                && let Some(i) = *last_item
                && (out[i].c.recommended_by.is_none() || ends_with_recommender(sentence))
            {
                extend(doc, &mut out[i], span);
                return true;
            }
            if marker && let Some(d) = upr_item(doc, span) {
                out.push(d);
                *last_item = Some(out.len() - 1);
            }
            marker
        }
        // Voluntary commitments are read like any statement, with
        // the State under review as the default actor.
        ListStatus::Voluntary | ListStatus::None => false,
        ListStatus::Pending | ListStatus::NotSupported => {
            starts_with_marker(sentence) || ends_with_recommender(sentence)
        }
    }
}

/// The same actor in the same passage: same speaker, same day. Candidates
/// without them take them from the last one found up to three sentences
/// before.
fn carry_passage_context(c: &mut [Draft], last_general: Option<&(Candidate, usize)>, index: usize) {
    if let Some((prev, at)) = last_general
        && index - at <= 3
    {
        for d in c.iter_mut().filter(|d| d.c.actor == prev.actor) {
            if d.c.speaker.is_none() {
                d.c.speaker.clone_from(&prev.speaker);
            }
            if d.c.made_on.is_none() {
                d.c.made_on = prev.made_on;
            }
        }
    }
}

/// In a UPR report's voluntary commitments: "Reference is made to the
/// commitments made by Romania to launch a National Plan of Action".
fn commitment_noun(doc: &Doc, span: Span) -> Option<Draft> {
    let sentence = &doc.norm.text[span.start..span.end];
    let lower = &doc.lower[span.start..span.end];
    let at = lower.find("commitment")?;
    let words: Vec<(usize, &str)> = lower[at..]
        .split_whitespace()
        .take(12)
        .scan(at, |pos, w| {
            let start = lower[*pos..].find(w).map(|p| *pos + p).unwrap_or(*pos);
            *pos = start + w.len();
            Some((start, w))
        })
        .collect();
    let (to_at, _) = words.iter().find(|(_, w)| *w == "to")?;
    let verb_at = to_at + 2 + (lower[to_at + 2..].len() - lower[to_at + 2..].trim_start().len());
    let verb = first_word(&lower[verb_at..]);
    if NOT_VERBS.contains(&verb.as_str()) || verb.is_empty() {
        return None;
    }
    let end = lower[verb_at..]
        .find([',', ';', '.'])
        .map(|e| verb_at + e)
        .unwrap_or(lower.len());
    let statement = tidy_statement(&sentence[verb_at..end]);
    if statement.split_whitespace().count() < 2 {
        return None;
    }
    let deadline = dates::find_deadline(&sentence[verb_at..], &lower[verb_at..], 0, doc.date);
    let timing = timing_of(&lower[verb_at..end], deadline.as_ref(), None);
    Some(Draft {
        c: Candidate {
            actor: doc.options.actor.clone().or_else(|| doc.state.clone()),
            statement,
            timing,
            deadline,
            condition: find_condition(&sentence[verb_at..], &lower[verb_at..]),
            confidence: 0.6,
            rule: "commitment named in a UPR report's voluntary commitments".to_owned(),
            ..blank_pledge()
        },
        span,
    })
}

/// A pledge with nothing found yet, for a rule to fill in.
pub(crate) fn blank_pledge() -> Candidate {
    Candidate {
        actor: None,
        speaker: None,
        occasion: None,
        statement: String::new(),
        origin: Origin::Pledge,
        recommended_by: None,
        timing: TimingKind::NoneStated,
        deadline: None,
        period: None,
        condition: None,
        made_on: None,
        quote: String::new(),
        start: 0,
        end: 0,
        confidence: 0.0,
        rule: String::new(),
    }
}

fn upr_status(lower: &str) -> Option<ListStatus> {
    let short = lower.len() < 700;
    if lower.contains("all conclusions and/or recommendations") {
        return Some(ListStatus::None);
    }
    if (lower.contains("voluntary commitment") || lower.contains("voluntary pledge"))
        && lower.len() < 120
    {
        return Some(ListStatus::Voluntary);
    }
    if !lower.contains("recommendation") || !short {
        return None;
    }
    // The phrasings of every Working Group report of 2008-2014 (a survey
    // of the 257 reports' introductions, not of one document): refusals
    // first, then what is left for later ("notes ... and will provide
    // responses in due time" is pending, not noted), then what is only
    // noted, then support.
    let any = |phrases: &[&str]| phrases.iter().any(|p| lower.contains(p));
    if any(&[
        "did not enjoy",
        "do not enjoy",
        "does not enjoy",
        "not supported",
        "rejected",
        "cannot accept",
        "does not accept",
        "cannot be accepted",
        "not accepted",
    ]) {
        return Some(ListStatus::NotSupported);
    }
    if any(&[
        "will be examined",
        "will examine",
        "will be considered",
        "will consider",
        "will provide responses",
        "will provide appropriate responses",
        "will provide its answer",
        "in due time",
        "no later than",
        "further consideration",
        "further considered",
        "will study",
        "would study",
        "will be included in the outcome",
    ]) {
        return Some(ListStatus::Pending);
    }
    if any(&[
        "were noted",
        "will be noted",
        "be noted:",
        "noted by",
        "takes note",
        "take note",
        "notes the following",
        "noted the following",
        "are noted",
    ]) {
        return Some(ListStatus::NotSupported);
    }
    if any(&[
        "enjoy the support",
        "enjoys the support",
        "enjoyed the support",
        "enjoy its support",
        "enjoys its support",
        "enjoyed its support",
        "agrees to follow up",
        "agreed to follow up",
        "accepted by",
        "supports the following",
        "accepts the following",
        "accepted the following",
        "have been accepted",
        "were accepted",
        "agreed on the following",
        "already implemented or in the process of implementation",
    ]) {
        return Some(ListStatus::Supported);
    }
    None
}

fn starts_with_marker(sentence: &str) -> bool {
    text::item_marker_len(sentence.as_bytes(), 0).is_some()
}

/// "(France)", "(Algeria, Slovenia);", "(Namibia)." at the end.
fn ends_with_recommender(sentence: &str) -> bool {
    recommender(sentence).is_some()
}

fn recommender(sentence: &str) -> Option<(usize, String)> {
    let t = sentence.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ';' | '.' | ','));
    if !t.ends_with(')') {
        return None;
    }
    let open = t.rfind('(')?;
    let inner = &t[open + 1..t.len() - 1];
    let first = inner.chars().next()?;
    (first.is_uppercase() && inner.len() < 300 && lexicon::find_state(inner).is_some())
        .then(|| (open, inner.to_owned()))
}

/// Strips item numbers ("92. 3.", "1.") from the start of a sentence.
fn strip_markers(sentence: &str) -> (usize, &str) {
    let mut at = 0;
    for _ in 0..2 {
        let rest = &sentence[at..];
        let trimmed = rest.trim_start();
        let skip = rest.len() - trimmed.len();
        match text::item_marker_len(trimmed.as_bytes(), 0) {
            Some(n) => at += skip + n,
            None => break,
        }
    }
    let rest = &sentence[at..];
    let trimmed = rest.trim_start();
    (at + rest.len() - trimmed.len(), trimmed)
}

fn capitalise(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(f) => f.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

/// `s` with its first letter in lower case.
fn first_lower(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(f) => f.to_lowercase().chain(cs).collect(),
        None => String::new(),
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn tidy_statement(s: &str) -> String {
    let t = collapse(s);
    let t = t.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.' | '"' | '“' | '”' | '—' | '–' | '-')
    });
    capitalise(t)
}

fn upr_item(doc: &mut Doc, span: Span) -> Option<Draft> {
    let sentence = &doc.norm.text[span.start..span.end];
    let lower = &doc.lower[span.start..span.end];
    let (body_at, body) = strip_markers(sentence);
    // A run of numbers ("22, 122.27, 122.30-33") or a footnote's number
    // before a sentence: no recommendation.
    if body.split_whitespace().count() < 3 || body.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let mut body_end = body.len();
    let mut recommended_by = None;
    if let Some((open, who)) = recommender(body) {
        body_end = open;
        recommended_by = Some(collapse(&who));
    }
    let body_lower = &lower[body_at..body_at + body_end];
    let deadline = dates::find_deadline(&body[..body_end], body_lower, 0, doc.date);
    let condition = find_condition(&body[..body_end], body_lower);
    let mut statement = body[..body_end].to_owned();
    for prefix in ["That ", "To ", "that ", "to "] {
        if let Some(rest) = statement.strip_prefix(prefix) {
            statement = rest.to_owned();
            break;
        }
    }
    let statement = tidy_statement(&statement);
    if statement.is_empty() {
        return None;
    }
    let actor = doc.options.actor.clone().or_else(|| doc.state.clone());
    let timing = timing_of(&statement.to_ascii_lowercase(), deadline.as_ref(), None);
    let (origin, confidence, rule) = (
        Origin::AcceptedRecommendation,
        0.9,
        "recommendation that enjoys the support of the State under review",
    );
    Some(Draft {
        c: Candidate {
            actor,
            speaker: None,
            occasion: None,
            statement,
            origin,
            recommended_by,
            timing,
            deadline,
            period: None,
            condition,
            made_on: None,
            quote: String::new(),
            start: 0,
            end: 0,
            confidence,
            rule: rule.to_owned(),
        },
        span,
    })
}

/// The parts of a quantified target (see [`quantified_target`]).
const TARGET_REDUCTION: &[&str] = &[
    "reduce ",
    "reducing ",
    "reduction ",
    "reductions ",
    "cut ",
    "cutting ",
    "réduire ",
    "réduction ",
    "reducir ",
    "reducción ",
    "reduccion ",
];
const TARGET_QUANTITY: &[&str] = &["%", " percent", " per cent", "tco2", "gg ", "mtco2", " mt "];
const TARGET_AGAINST: &[&str] = &[
    "bau",
    "business as usual",
    "business-as-usual",
    "baseline",
    "reference scenario",
    "compared to",
    "compared with",
    "relative to",
    "below",
    "levels",
    "par rapport",
    "scénario de référence",
    "respecto",
    "con relación",
    "en relación",
    "línea base",
    "linea base",
];
const TARGET_NOT_A_PLEDGE: &[&str] = &[
    "projected",
    "expected to",
    "estimated",
    "would result",
    "has reduced",
    "have reduced",
    "had reduced",
    "was reduced",
    "were reduced",
    "has been",
    "achieved",
    "accounted",
    "already",
    "if ",
    "has increased",
    "have increased",
    "had increased",
    "has decreased",
    "have decreased",
    "has fallen",
    "have fallen",
    "has risen",
    "have risen",
    " was ",
    " were ",
];
/// "The level of contribution could increase up to 25 percent, subject
/// to ... support": a conditional share, a commitment with its condition.
const TARGET_RAISE: &[&str] = &["increase", "raise", "enhance", "augmenter", "aumentar"];

/// A quantified emissions target written without a pledge verb, as (I)NDC
/// summaries write them: "An unconditional contribution to reduce GHG
/// emissions by 5% from BAU levels by 2030", "A conditional 15% reduction
/// in GHG emissions ...", "Réduction des émissions de GES à hauteur de 32%
/// par rapport à un scénario de référence". It needs the three parts of a
/// target: a reduction, a quantity (a percentage or tonnes) and what it is
/// measured against (a baseline, business as usual, a base year); a
/// projection, an account of the past or a question is none.
fn quantified_target(doc: &mut Doc, span: Span, in_section: bool) -> Option<Draft> {
    // Inside a UPR report's conclusions the lists say what is committed.
    if in_section {
        return None;
    }
    // Most sentences hold no quantity: the cheapest test first.
    let quantified = {
        let lower = &doc.lower[span.start..span.end];
        TARGET_QUANTITY.iter().any(|w| lower.contains(w))
    };
    if !quantified {
        return None;
    }
    let sentence = doc.norm.text[span.start..span.end].to_owned();
    let lower = doc.lower[span.start..span.end].to_owned();
    let found = |list: &[&str]| list.iter().any(|w| lower.contains(w));
    // French conditionals ("contribuerait à réduire", "permettraient
    // d'éviter") are projections too.
    let hedged = lower.contains("would ")
        || lower.contains("could ")
        || lower
            .split_whitespace()
            .any(|w| w.len() > 6 && (w.ends_with("rait") || w.ends_with("raient")));
    let conditional = find_condition(&sentence, &lower).is_some();
    let target = if hedged {
        conditional && (found(TARGET_REDUCTION) || found(TARGET_RAISE))
    } else {
        found(TARGET_REDUCTION) && found(TARGET_AGAINST)
    };
    if sentence.ends_with('?')
        || sentence.len() > 600
        || !target
        || found(TARGET_NOT_A_PLEDGE)
        || past_statement(&sentence)
    {
        return None;
    }
    let actor = default_actor(doc)?;
    let (body_at, body) = strip_markers(&sentence);
    let body_lower = &lower[body_at..];
    let deadline = dates::find_deadline(body, body_lower, 0, doc.date);
    let condition = find_condition(body, body_lower);
    let statement = tidy_statement(body);
    let timing = timing_of(&statement.to_lowercase(), deadline.as_ref(), None);
    Some(Draft {
        c: Candidate {
            actor: Some(actor),
            statement,
            timing,
            deadline,
            condition,
            confidence: 0.55,
            rule: "quantified target".to_owned(),
            ..blank_pledge()
        },
        span,
    })
}

/// Adds a continuation sentence to a UPR item broken by a full stop.
fn extend(doc: &Doc, draft: &mut Draft, span: Span) {
    draft.span.end = span.end;
    let sentence = &doc.norm.text[span.start..span.end];
    if draft.c.recommended_by.is_none()
        && let Some((_, who)) = recommender(sentence)
    {
        draft.c.recommended_by = Some(collapse(&who));
    }
    if draft.c.deadline.is_none() {
        let lower = &doc.lower[span.start..span.end];
        draft.c.deadline = dates::find_deadline(sentence, lower, 0, doc.date);
        if draft.c.deadline.is_some() && draft.c.timing == TimingKind::NoneStated {
            draft.c.timing = TimingKind::ByDeadline;
        }
    }
}

/// Cheap test before the real work: does the sentence hold a trigger word?
fn might_commit(lower: &str) -> bool {
    const STEMS: &[&str] = &[
        "will",
        "shall",
        "pledg",
        "promis",
        "vow",
        "undert",
        "agree",
        "commit",
        "determined",
        "intend",
        "announced that",
        "decided to",
        "plan",
        "aim",
        "target of",
        "goal of",
        "seek",
        "looking to",
        "prepared to",
        "ready to",
        "determines",
        "propos",
        "envisag",
        " is to ",
        "could",
        "would",
        "assured",
        "engag",
        "comprom",
    ];
    STEMS.iter().any(|s| lower.contains(s))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TriggerKind {
    /// "pledged that Kazakhstan would ..."
    ThatClause,
    /// "agreed to incorporate ..."
    Infinitive,
    /// "will amend ..."
    Modal,
    /// "set a target of reducing ...": the object is what is promised.
    Object,
}

const TRIGGERS: &[(&str, TriggerKind, f32)] = &[
    ("pledged that", TriggerKind::ThatClause, 0.85),
    ("pledges that", TriggerKind::ThatClause, 0.85),
    ("promised that", TriggerKind::ThatClause, 0.85),
    ("promises that", TriggerKind::ThatClause, 0.85),
    ("vowed that", TriggerKind::ThatClause, 0.8),
    ("undertook that", TriggerKind::ThatClause, 0.85),
    ("assured that", TriggerKind::ThatClause, 0.7),
    ("agreed that", TriggerKind::ThatClause, 0.7),
    ("announced that", TriggerKind::ThatClause, 0.6),
    ("pledged to", TriggerKind::Infinitive, 0.85),
    ("pledges to", TriggerKind::Infinitive, 0.85),
    ("pledge to", TriggerKind::Infinitive, 0.8),
    ("promised to", TriggerKind::Infinitive, 0.85),
    ("promises to", TriggerKind::Infinitive, 0.85),
    ("promise to", TriggerKind::Infinitive, 0.8),
    ("vowed to", TriggerKind::Infinitive, 0.8),
    ("vows to", TriggerKind::Infinitive, 0.8),
    ("undertook to", TriggerKind::Infinitive, 0.85),
    ("undertakes to", TriggerKind::Infinitive, 0.85),
    ("undertake to", TriggerKind::Infinitive, 0.8),
    ("agreed to", TriggerKind::Infinitive, 0.75),
    ("agreed in principle to", TriggerKind::Infinitive, 0.7),
    ("agrees to", TriggerKind::Infinitive, 0.75),
    ("commits itself to", TriggerKind::Infinitive, 0.85),
    ("committed itself to", TriggerKind::Infinitive, 0.85),
    ("commits to", TriggerKind::Infinitive, 0.85),
    ("commit to", TriggerKind::Infinitive, 0.8),
    ("committed to", TriggerKind::Infinitive, 0.7),
    ("is determined to", TriggerKind::Infinitive, 0.7),
    ("determined to", TriggerKind::Infinitive, 0.65),
    ("is planned to", TriggerKind::Infinitive, 0.6),
    ("is prepared to", TriggerKind::Infinitive, 0.6),
    ("stands ready to", TriggerKind::Infinitive, 0.6),
    ("is also planned to", TriggerKind::Infinitive, 0.6),
    ("intends to", TriggerKind::Infinitive, 0.65),
    ("has decided to", TriggerKind::Infinitive, 0.7),
    ("is planning to", TriggerKind::Infinitive, 0.6),
    ("plans to", TriggerKind::Infinitive, 0.6),
    ("expressed its commitment to", TriggerKind::Infinitive, 0.75),
    (
        "reaffirmed its commitment to",
        TriggerKind::Infinitive,
        0.75,
    ),
    (
        "reiterated its commitment to",
        TriggerKind::Infinitive,
        0.75,
    ),
    ("renewed its commitment to", TriggerKind::Infinitive, 0.75),
    ("aims to", TriggerKind::Infinitive, 0.6),
    ("aim to", TriggerKind::Infinitive, 0.6),
    ("is aiming to", TriggerKind::Infinitive, 0.6),
    ("seeks to", TriggerKind::Infinitive, 0.6),
    ("is seeking to", TriggerKind::Infinitive, 0.6),
    ("is looking to", TriggerKind::Infinitive, 0.6),
    ("determines to", TriggerKind::Infinitive, 0.65),
    ("proposes to", TriggerKind::Infinitive, 0.6),
    // "Ghana's emission reduction goal is to unconditionally lower ..."
    ("goal is to", TriggerKind::Infinitive, 0.65),
    ("target is to", TriggerKind::Infinitive, 0.65),
    // "Tunisia proposes reducing ...", "The iNDC envisages a reduction ...":
    // a target as the verb's object.
    ("proposes", TriggerKind::Object, 0.6),
    ("envisages", TriggerKind::Object, 0.6),
    ("set a target of", TriggerKind::Object, 0.65),
    ("sets a target of", TriggerKind::Object, 0.65),
    ("set a goal of", TriggerKind::Object, 0.65),
    ("s'engage à", TriggerKind::Infinitive, 0.8),
    ("s’engage à", TriggerKind::Infinitive, 0.8),
    ("s'engagent à", TriggerKind::Infinitive, 0.8),
    ("s’engagent à", TriggerKind::Infinitive, 0.8),
    ("s'est engagé à", TriggerKind::Infinitive, 0.8),
    ("s’est engagé à", TriggerKind::Infinitive, 0.8),
    ("s'est engagée à", TriggerKind::Infinitive, 0.8),
    ("s’est engagée à", TriggerKind::Infinitive, 0.8),
    ("nous nous engageons à", TriggerKind::Infinitive, 0.8),
    ("se compromete a", TriggerKind::Infinitive, 0.8),
    ("se comprometen a", TriggerKind::Infinitive, 0.8),
    ("se comprometió a", TriggerKind::Infinitive, 0.8),
    ("nos comprometemos a", TriggerKind::Infinitive, 0.8),
    // "Venezuela se propone implementar ...", "le Gouvernement se propose
    // de ...", "vise à": an intention, as "intends to" and "aims to".
    ("se propone", TriggerKind::Infinitive, 0.6),
    ("se proponen", TriggerKind::Infinitive, 0.6),
    ("se propose de", TriggerKind::Infinitive, 0.6),
    ("se proposent de", TriggerKind::Infinitive, 0.6),
    ("vise à", TriggerKind::Infinitive, 0.6),
    ("visent à", TriggerKind::Infinitive, 0.6),
    ("will", TriggerKind::Modal, 0.7),
    ("shall", TriggerKind::Modal, 0.7),
    // A conditional target: "under the international support, Kyrgyz
    // Republic could implement ...", "could increase ..., subject to".
    ("could", TriggerKind::Modal, 0.6),
    // Reported speech: "The Government would consult upon and amend such
    // laws" (a government's own subject only; see `general`).
    ("would", TriggerKind::Modal, 0.55),
];

/// Words after which "will" is a noun ("political will").
const NOT_MODAL_BEFORE: &[&str] = &[
    "political",
    "good",
    "the",
    "free",
    "own",
    "popular",
    "their",
    "its",
    "his",
    "her",
];

/// Words that cannot begin an action after "to" or "will".
const NOT_VERBS: &[&str] = &[
    "the",
    "a",
    "an",
    "several",
    "many",
    "its",
    "their",
    "his",
    "her",
    "our",
    "this",
    "these",
    "those",
    "all",
    "any",
    "some",
    "various",
    "of",
    "in",
    "at",
    "by",
    "for",
    "on",
    "with",
    "and",
    "or",
    "that",
    "which",
    "human",
    "international",
    "democracy",
    "reforms",
    "be",
    "have",
    "date",
    "you",
    "it",
    "them",
    "us",
    "me",
    "such",
    "other",
    "one",
    "two",
    "three",
    "four",
];

/// Words before "pledge(s) to" or "promise to" that make them nouns.
const DETERMINERS: &[&str] = &[
    "its",
    "their",
    "his",
    "her",
    "the",
    "a",
    "our",
    "my",
    "your",
    "of",
    "these",
    "those",
    "this",
    "whose",
    "such",
    "new",
    "about",
    "any",
    "no",
    "specific",
    "concrete",
    "on",
    "for",
    "government",
];

const PASSIVE_ACTIONS: &[&str] = &[
    "established",
    "adopted",
    "amended",
    "ratified",
    "abolished",
    "repealed",
    "released",
    "submitted",
    "created",
    "introduced",
    "published",
    "set",
    "enacted",
    "lifted",
    "withdrawn",
];

const QUANTITY: &[&str] = &[
    "several",
    "various",
    "a number of",
    "a series of",
    "some",
    "many",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "a package of",
    "a range of",
];

enum Found {
    Candidates(Vec<Draft>),
    Umbrella(ListContext),
    Nothing,
}

/// The first trigger in the sentence: where it starts and ends, its kind
/// and base confidence.
fn find_trigger(lower: &str) -> Option<(usize, usize, TriggerKind, f32)> {
    let mut best: Option<(usize, usize, TriggerKind, f32)> = None;
    for (phrase, kind, conf) in TRIGGERS {
        let mut from = 0;
        while let Some(p) = find_word(lower, phrase, from) {
            let e = p + phrase.len();
            let ok = match kind {
                // A goal is a pledge when it is quantified.
                TriggerKind::Infinitive if phrase.ends_with(" is to") => {
                    lower.bytes().any(|b| b.is_ascii_digit())
                }
                TriggerKind::Modal if *phrase == "could" => {
                    conditional_context(lower) && !first_word(&lower[e..]).is_empty()
                }
                TriggerKind::Object => {
                    // Only a target or an action is proposed as a pledge.
                    let next = first_word(&lower[e..]);
                    next.ends_with("ing")
                        || matches!(next.as_str(), "a" | "an")
                            && lower[e..].split_whitespace().nth(1).is_some_and(|w| {
                                w.ends_with("tion") || w.ends_with('%') || w.starts_with("reduc")
                            })
                        || !matches!(*phrase, "proposes" | "envisages")
                }
                TriggerKind::Modal => {
                    let before = last_word(&lower[..p]);
                    let next = first_word(&lower[e..]);
                    !NOT_MODAL_BEFORE.contains(&before.as_str())
                        && !before.ends_with("’s")
                        && !before.ends_with("'s")
                        && !next.is_empty()
                        && next != "of"
                        && next.chars().all(|c| c.is_ascii_alphabetic() || c == '-')
                }
                _ => true,
            };
            if ok {
                if best.is_none_or(|b| p < b.0) {
                    best = Some((p, e, *kind, *conf));
                }
                break;
            }
            from = p + 1;
        }
    }
    stated_commitment(lower, best)
}

/// "The Government reaffirms its commitment to ensure ...", "underscored
/// their commitment to": a verb of stating before the commitment, in either
/// tense (the triggers name a few in the past). Returns it when it comes
/// before `best`, else `best`.
fn stated_commitment(
    lower: &str,
    mut best: Option<(usize, usize, TriggerKind, f32)>,
) -> Option<(usize, usize, TriggerKind, f32)> {
    const STATING: &[&str] = &[
        "affirms",
        "affirmed",
        "reaffirms",
        "reaffirmed",
        "reiterates",
        "reiterated",
        "renews",
        "renewed",
        "expresses",
        "expressed",
        "underscores",
        "underscored",
        "underlines",
        "underlined",
        "confirms",
        "confirmed",
        "stresses",
        "stressed",
        "emphasizes",
        "emphasized",
        "emphasises",
        "emphasised",
        "restates",
        "restated",
        "declares",
        "declared",
        "announces",
        "announced",
    ];
    for phrase in [
        "its commitment to",
        "their commitment to",
        "our commitment to",
    ] {
        let mut from = 0;
        while let Some(p) = find_word(lower, phrase, from) {
            from = p + 1;
            if best.is_some_and(|b| b.0 <= p) {
                break;
            }
            let verb = last_word(&lower[..p]);
            if STATING.contains(&verb.as_str())
                && let Some(v) = lower[..p].rfind(verb.as_str())
            {
                best = Some((v, p + phrase.len(), TriggerKind::Infinitive, 0.75));
                break;
            }
        }
    }
    best
}

/// Whether a sentence states the condition a "could" depends on.
fn conditional_context(lower: &str) -> bool {
    find_condition(lower, lower).is_some()
        || ["international support", "conditional", "external support"]
            .iter()
            .any(|w| lower.contains(w))
}

fn last_word(s: &str) -> String {
    s.trim_end()
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_owned()
}

fn first_word(s: &str) -> String {
    s.split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
        .to_owned()
}

/// The start of the clause that ends at `at`: after the last comma,
/// semicolon, colon, quote or subordinating word.
fn clause_start(lower: &str, at: usize) -> usize {
    let before = &lower[..at];
    let mut start = 0;
    for sep in [
        ",", ";", ":", "\"", "“", "”", "(", " when ", " that ", " which ", " while ", " as ",
        " but ",
    ] {
        if let Some(p) = before.rfind(sep) {
            start = start.max(p + sep.len());
        }
    }
    start
}

/// Who a subject names: a state, the government, "we", a pronoun.
enum Subject {
    State(String),
    Government,
    FirstPerson,
    Pronoun,
    Person(String),
    /// A thing, not an actor: "Additional measures", "The programme".
    Thing,
    NotAnActor,
}

fn subject_of(original: &str, lower: &str) -> Subject {
    let l = lower.trim();
    if l.is_empty() {
        return Subject::NotAnActor;
    }
    if NON_GOVERNMENTAL
        .iter()
        .any(|m| find_word(l, m, 0).is_some())
    {
        return Subject::NotAnActor;
    }
    if let Some((name, _)) = lexicon::find_state(original) {
        return Subject::State(name.to_owned());
    }
    if let Some(name) = lexicon::capital_state(original) {
        return Subject::State(name.to_owned());
    }
    if let Some(name) = find_speaker(original) {
        return Subject::Person(name);
    }
    let words: Vec<&str> = l.split_whitespace().collect();
    let first = words.first().copied().unwrap_or("");
    // "our countries", "our governments": States speaking together.
    let ours = first == "our" && words.len() <= 3;
    if ours
        || matches!(first, "we" | "i" | "nous" | "nosotros")
        || l.starts_with("our government")
        || l.starts_with("my government")
    {
        return Subject::FirstPerson;
    }
    if matches!(first, "he" | "she" | "it") && words.len() <= 3 {
        return Subject::Pronoun;
    }
    const GOVERNMENT: &[&str] = &[
        "government",
        "authorities",
        "state",
        "ministry",
        "minister",
        "president",
        "country",
        "cabinet",
        "administration",
        "parliament",
        "chairmanship",
        "presidency",
        "leadership",
        "kingdom",
        "republic",
        "department",
        "institutions",
        "gouvernement",
        "gobierno",
        "estado",
        "ministère",
        "ministerio",
    ];
    // The head of the noun phrase must be governmental: "the Ministry of
    // Justice", "the Federal Government", not "the synergy between the
    // Government and public efforts".
    const LEADING: &[&str] = &[
        "the", "a", "its", "this", "our", "his", "her", "their", "also",
    ];
    let bare: Vec<&str> = words
        .iter()
        .map(|w| w.trim_matches(|c: char| !c.is_ascii_alphabetic()))
        .collect();
    let head = bare
        .iter()
        .position(|w| !w.is_empty() && !LEADING.contains(w))
        .unwrap_or(0);
    let governmental = bare
        .iter()
        .skip(head)
        .take(2)
        .any(|w| GOVERNMENT.contains(w));
    let plural_others = ["states", "countries", "parties", "societies", "governments"];
    if governmental && words.len() <= 10 && !plural_others.iter().any(|p| l.contains(p)) {
        return Subject::Government;
    }
    if plural_others.iter().any(|p| l.contains(p)) || matches!(first, "you" | "they") {
        return Subject::NotAnActor;
    }
    Subject::Thing
}

fn default_actor(doc: &mut Doc) -> Option<String> {
    if let Some(a) = &doc.options.actor {
        return Some(a.clone());
    }
    if let Some(s) = &doc.state {
        return Some(s.clone());
    }
    if doc.dominant.is_none() {
        doc.dominant = Some(dominant_state(&doc.norm.text));
    }
    doc.dominant.clone().flatten()
}

/// Whether a sentence speaks for several: "we", "our countries", "nous",
/// "nosotros".
fn plural_first_person(lower: &str) -> bool {
    const PLURAL: &[&str] = &[
        "we",
        "our countries",
        "our governments",
        "our states",
        "our nations",
        "nous",
        "nos pays",
        "nosotros",
        "nuestros países",
        "nos comprometemos",
    ];
    PLURAL.iter().any(|p| find_word(lower, p, 0).is_some())
}

/// The States a joint statement names in its heading (its first lines, up
/// to the first blank line or 600 bytes): "Joint Statement of the Ministers
/// of Foreign Affairs of Norway, Chile and Ghana" gives "Norway, Chile and
/// Ghana". `None` unless the heading says it is joint and names two or more.
fn joint_signatories(text: &str) -> Option<String> {
    let end = text
        .find("\n\n")
        .unwrap_or(text.len())
        .min(floor_boundary(text, 600));
    let head = &text[..end];
    let lower = head.to_lowercase();
    let joint = [
        "joint",
        "conjoint",
        "conjunta",
        "on behalf of",
        "au nom de",
        "en nombre de",
    ]
    .iter()
    .any(|w| lower.contains(w));
    if !joint {
        return None;
    }
    let mut names: Vec<&str> = Vec::new();
    let mut from = 0;
    while let Some((name, at)) = head.get(from..).and_then(lexicon::find_state) {
        if !names.contains(&name) {
            names.push(name);
        }
        // On to the next name: after the next comma, "and" or line.
        let rest = &head[from + at..];
        let next = [",", " and ", " et ", " y ", "\n"]
            .iter()
            .filter_map(|sep| rest.find(sep).map(|p| p + sep.len()))
            .min();
        match next {
            Some(n) => from += at + n,
            None => break,
        }
    }
    match names.as_slice() {
        [] | [_] => None,
        [first @ .., last] => Some(format!("{} and {last}", first.join(", "))),
    }
}

/// The State the document mentions most (in its first 20,000 bytes).
fn dominant_state(text: &str) -> Option<String> {
    let end = floor_boundary(text, 20_000);
    let head = &text[..end];
    let mut best: Option<(&str, usize)> = None;
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for (name, reported) in lexicon::STATES.iter().chain(lexicon::DEMONYMS.iter()) {
        let n = head.matches(name).count();
        if n == 0 {
            continue;
        }
        match counts.iter_mut().find(|(r, _)| r == reported) {
            Some(c) => c.1 += n,
            None => counts.push((reported, n)),
        }
    }
    for (r, n) in counts {
        if best.is_none_or(|b| n > b.1) {
            best = Some((r, n));
        }
    }
    best.map(|(r, _)| r.to_owned())
}

/// A sentence's reading so far: who is bound, where the promised action
/// starts, who spoke, over what period, and how sure the reading is.
struct Reading {
    subject: Subject,
    vp_start: usize,
    speaker: Option<String>,
    period: Option<String>,
    confidence: f32,
    /// "will be introduced", "will continue": a future that a thing can be
    /// the subject of.
    passive: bool,
}

/// What every statement read from one sentence shares.
struct Shared {
    actor: Option<String>,
    speaker: Option<String>,
    occasion: Option<String>,
    made_on: Option<PreciseDate>,
    deadline: Option<Deadline>,
    period: Option<String>,
    condition: Option<String>,
    confidence: f32,
    rule: String,
}

fn general(
    doc: &mut Doc,
    span: Span,
    gov_context: bool,
    recent_speaker: Option<String>,
    occasion: Option<String>,
) -> Found {
    let sentence = doc.norm.text[span.start..span.end].to_owned();
    let lower = doc.lower[span.start..span.end].to_owned();
    let Some((t_start, t_end, kind, confidence)) = find_trigger(&lower) else {
        return Found::Nothing;
    };
    // The subject before the trigger.
    if reported_question(&lower[..t_start]) {
        return Found::Nothing;
    }
    let cs = subject_start(&sentence, &lower, t_start);
    let subject_lower = &lower[cs..t_start];
    let subject_text = &sentence[cs..t_start];
    let mut reading = first_reading(&sentence, &lower, cs, (t_start, t_end), confidence);
    if subject_lower.trim().is_empty()
        && cs > 0
        && let Some((s, e)) = fronted_subject(&sentence[..cs], &lower[..cs])
    {
        // "However, Jordan, conditionally ..., commits to": the subject
        // stands before the clauses that interrupt it.
        reading.subject = subject_of(&sentence[s..e], &lower[s..e]);
    }
    let reported = lower[t_start..t_end] == *"would";
    let read = match kind {
        TriggerKind::ThatClause => {
            that_clause(&sentence, &lower, t_end, &recent_speaker, &mut reading)
        }
        TriggerKind::Infinitive => {
            infinitive(&lower, t_start, t_end, &recent_speaker, &mut reading)
        }
        TriggerKind::Modal => modal(&lower, t_end, &recent_speaker, &mut reading),
        TriggerKind::Object => Some(()),
    };
    // Reported speech ("The Government would ...") binds a government only.
    let governmental = matches!(reading.subject, Subject::State(_) | Subject::Government);
    if read.is_none() || reported && !governmental || refusal(&lower[reading.vp_start..]) {
        return Found::Nothing;
    }
    let Some(actor) = bound_actor(doc, &lower, gov_context, &recent_speaker, &mut reading) else {
        return Found::Nothing;
    };
    settle_reading(&mut reading, subject_text, subject_lower, cs, t_start);
    let made_on = dates::when_made(&lower, doc.date).map(|m| m.0);
    let vp_lower = &lower[reading.vp_start..];
    let vp_text = &sentence[reading.vp_start..];
    // An umbrella ("would take several reform steps"): wait for its list.
    let umbrella = umbrella_verb(vp_text, vp_lower).map(|verb| ListContext {
        actor: actor.clone(),
        speaker: reading.speaker.clone(),
        made_on,
        verb: (!verb.is_empty()).then_some(verb),
        sentence_index: 0,
        fallback: Vec::new(),
    });
    // "In 2008-2013, the Ministry will carry out ...": a time before the
    // subject, when the words after the trigger name none.
    let deadline = dates::find_deadline(vp_text, vp_lower, 0, doc.date).or_else(|| {
        dates::find_deadline(&sentence[..t_start], &lower[..t_start], 0, doc.date)
            .filter(|d| d.range.0 == 0 && lower[d.range.1..t_start].trim_start().starts_with(','))
    });
    // "However, Jordan, conditionally and subject to ..., commits to":
    // a condition may come before the verb.
    let condition = find_condition(vp_text, vp_lower)
        .or_else(|| find_condition(&sentence[..t_start], &lower[..t_start]));
    let period = reading.period.or_else(|| during_period(vp_text, vp_lower));
    let shared = Shared {
        actor,
        speaker: reading.speaker,
        occasion,
        made_on,
        deadline,
        period,
        condition,
        confidence: reading.confidence,
        rule: format!("trigger \"{}\"", &lower[t_start..t_end]),
    };
    let drafts = conjunct_drafts(&shared, vp_text, vp_lower, span);
    if let Some(mut ctx) = umbrella {
        ctx.fallback = drafts.into_iter().map(|d| (d.c, d.span)).collect();
        return Found::Umbrella(ctx);
    }
    if drafts.is_empty() {
        Found::Nothing
    } else {
        Found::Candidates(drafts)
    }
}

/// "will not assume conditional commitments": a refusal to take on
/// commitments, not a promise to refrain from an act.
fn refusal(vp_lower: &str) -> bool {
    let words: Vec<&str> = vp_lower.split_whitespace().take(6).collect();
    words.first() == Some(&"not")
        && words.get(1).is_some_and(|w| {
            matches!(
                *w,
                "assume" | "accept" | "undertake" | "make" | "take" | "enter"
            )
        })
        && words
            .iter()
            .any(|w| w.starts_with("commitment") || w.starts_with("obligation"))
}

/// A speaker named as the subject; and for a thing's future ("Gender
/// focal points will be appointed", "Implementation of the measures will
/// continue until 2013"), a statement that starts with its subject.
fn settle_reading(
    reading: &mut Reading,
    subject_text: &str,
    subject_lower: &str,
    cs: usize,
    t_start: usize,
) {
    if let Subject::Person(p) = subject_of(subject_text, subject_lower)
        && reading.speaker.is_none()
    {
        reading.speaker = Some(p);
    }
    if matches!(reading.subject, Subject::Thing) && reading.passive && cs < t_start {
        reading.vp_start = cs;
    }
}

/// The subject of a sentence whose verb follows a comma: the first of the
/// comma-separated parts before it that is no adverbial ("However",
/// "conditionally and subject to ...", "in 2030").
fn fronted_subject(original: &str, before: &str) -> Option<(usize, usize)> {
    const OPENERS: &[&str] = &[
        "however",
        "therefore",
        "thus",
        "moreover",
        "furthermore",
        "additionally",
        "also",
        "further",
        "in",
        "under",
        "with",
        "by",
        "as",
        "for",
        "on",
        "subject",
        "if",
        "while",
        "when",
        "which",
        "who",
        "conditionally",
        "unconditionally",
        "and",
        "but",
        "through",
        "to",
        "where",
        "after",
        "before",
        "since",
        "accordingly",
        "finally",
        "first",
        "second",
    ];
    let mut start = 0;
    for part in before.split([',', ';']) {
        let (s, e) = (start, start + part.len());
        start = e + 1;
        let first = first_word(part);
        let adverb = first.ends_with("ly") && lexicon::find_state(&original[s..e]).is_none();
        if first.is_empty() || OPENERS.contains(&first.as_str()) || adverb {
            continue;
        }
        return Some((s, e));
    }
    None
}

/// The reading of a sentence's subject before its trigger (`t`) is read.
fn first_reading(
    sentence: &str,
    lower: &str,
    cs: usize,
    t: (usize, usize),
    confidence: f32,
) -> Reading {
    let subject_lower = &lower[cs..t.0];
    let mut subject = subject_of(&sentence[cs..t.0], subject_lower);
    // "nous nous engageons à", "nos comprometemos a": the trigger holds
    // its subject.
    if matches!(subject, Subject::NotAnActor)
        && subject_lower.trim().is_empty()
        && (lower[t.0..].starts_with("nous ") || lower[t.0..].starts_with("nos "))
    {
        subject = Subject::FirstPerson;
    }
    Reading {
        subject,
        vp_start: t.1,
        speaker: find_speaker(&sentence[..t.0]),
        period: None,
        confidence,
        passive: false,
    }
}

/// "during its chairmanship": the period a statement speaks of, up to the
/// end of its clause.
fn during_period(vp_text: &str, vp_lower: &str) -> Option<String> {
    let p = find_word(vp_lower, "during", 0)?;
    let end = vp_lower[p..]
        .find([',', ';', '.'])
        .map(|e| p + e)
        .unwrap_or(vp_lower.len());
    Some(collapse(&vp_text[p..end]))
}

/// "Italy asked which measures the Bahamas intends to take": a reported
/// question, not a statement, judged by the words before the trigger.
fn reported_question(before_trigger: &str) -> bool {
    const ASKING: &[&str] = &[
        "asked",
        "enquired",
        "inquired",
        "wondered",
        "sought information",
        "requested information",
        "questioned",
        "asking",
        "confidence that",
        "hoped that",
        "hopes that",
        "expected that",
        "expects that",
        "trusted that",
        // Questions, hopes and requests addressed to another, as the
        // interactive dialogue of a UPR report records them: "Pakistan
        // wished to know how Uzbekistan intends to ...", "Brazil hoped
        // Canada would reconsider ...", "Chile recommended that Uzbekistan
        // establish ...", "We hope that parliament will move quickly".
        "wished to know",
        "wanted to know",
        "would like to know",
        "sought clarification",
        "hoped",
        "hope that",
        "we hope",
        "expressed hope",
        "expressed the hope",
        "expressed its hope",
        "recommended that",
        "recommended to",
        "recommends that",
        "recommend that",
        "urged",
        "urges",
        "called on",
        "called upon",
        "calls on",
        "calls upon",
        "encouraged",
        "encourages",
        "requested that",
        "invited",
    ];
    ASKING
        .iter()
        .any(|a| find_word(before_trigger, a, 0).is_some())
}

/// Where the trigger's subject starts: the start of its clause, or of the
/// sentence for a second predicate of the sentence's own subject.
fn subject_start(sentence: &str, lower: &str, t_start: usize) -> usize {
    let cs = clause_start(lower, t_start);
    // "Slovenia believes that ... and will continue": a second predicate
    // of the sentence's own subject.
    if last_word(&lower[..t_start]) == "and" {
        let head = lower
            .char_indices()
            .filter(|(_, c)| c.is_whitespace())
            .nth(3)
            .map(|(i, _)| i)
            .unwrap_or(t_start)
            .min(t_start);
        if lexicon::find_state(&sentence[..head]).is_some() {
            return 0;
        }
    }
    cs
}

/// "... pledged that Kazakhstan would take ...": the clause's own subject
/// is who is bound; `None` when the clause is no commitment.
fn that_clause(
    sentence: &str,
    lower: &str,
    t_end: usize,
    recent_speaker: &Option<String>,
    reading: &mut Reading,
) -> Option<()> {
    let rest = &lower[t_end..];
    let m = ["would", "will", "shall"]
        .iter()
        .filter_map(|m| find_word(rest, m, 0))
        .min()?;
    let inner_lower = &rest[..m];
    let inner_text = &sentence[t_end..t_end + m];
    if matches!(reading.subject, Subject::Pronoun | Subject::Person(_)) && reading.speaker.is_none()
    {
        reading.speaker.clone_from(recent_speaker);
    }
    let inner = subject_of(inner_text, inner_lower);
    let inner_words = inner_lower.split_whitespace().count();
    if inner_words > 6 {
        return None;
    }
    if ["chairmanship", "presidency", "term", "membership", "tenure"]
        .iter()
        .any(|w| inner_lower.contains(w))
    {
        reading.period = Some(collapse(inner_text.trim()));
    }
    let outer = std::mem::replace(&mut reading.subject, Subject::NotAnActor);
    reading.subject = match (inner, outer) {
        (Subject::NotAnActor | Subject::Thing, _) => return None,
        (Subject::Pronoun, outer) => outer,
        (inner @ Subject::State(_), _) => inner,
        (inner, Subject::State(s)) if !matches!(inner, Subject::State(_)) => Subject::State(s),
        (inner, _) => inner,
    };
    let after_modal = t_end + m;
    let mw = first_word(&lower[after_modal..]);
    reading.vp_start = after_modal + lower[after_modal..].find(&mw).unwrap_or(0) + mw.len();
    Some(())
}

/// "pledged to take": `None` when the "to" follows a noun ("its pledges to
/// this body") or no infinitive follows within the clause.
fn infinitive(
    lower: &str,
    t_start: usize,
    t_end: usize,
    recent_speaker: &Option<String>,
    reading: &mut Reading,
) -> Option<()> {
    // "its pledges to this body", "Ghana's pledge to", "any plans
    // to": a noun, not a verb.
    let before = last_word(&lower[..t_start]);
    // A trigger with its own verb ("is aiming to", "expressed its
    // commitment to") is no noun whatever precedes it.
    let verbal = lower[t_start..t_end]
        .split_whitespace()
        .next()
        .is_some_and(|w| matches!(w, "is" | "are" | "has" | "have") || w.ends_with("ed"));
    if !verbal
        && (DETERMINERS.contains(&before.as_str())
            || before.ends_with("’s")
            || before.ends_with("'s"))
    {
        return None;
    }
    // "remains committed to constructive engagement": a noun phrase, a
    // value rather than an action.
    let next = first_word(&lower[t_end..]);
    let adjective = ["ive", "al", "ous", "ful", "ic", "ary", "ent", "ant"]
        .iter()
        .any(|e| next.ends_with(e))
        && !ACTION_VERBS.contains(&next.as_str())
        && !lexicon::IMPERATIVE_VERBS.contains(&next.as_str());
    if lower[t_start..t_end].ends_with("committed to") && adjective {
        return None;
    }
    // "pledged to the UN to take action": skip to the infinitive,
    // a few words on and within the clause.
    let next = first_word(&lower[t_end..]);
    if NOT_VERBS.contains(&next.as_str()) || next.is_empty() {
        let window: String = lower[t_end..]
            .split_whitespace()
            .take(5)
            .collect::<Vec<_>>()
            .join(" ");
        let p = find_word(&lower[t_end..], "to", 0);
        match p {
            Some(p)
                if window.contains(" to ")
                    && !lower[t_end..t_end + p].contains(',')
                    && !NOT_VERBS.contains(&first_word(&lower[t_end + p + 2..]).as_str()) =>
            {
                reading.vp_start = t_end + p + 2;
            }
            _ => return None,
        }
    }
    if matches!(reading.subject, Subject::Pronoun | Subject::Person(_)) && reading.speaker.is_none()
    {
        reading.speaker.clone_from(recent_speaker);
    }
    Some(())
}

/// "will amend": `None` when no action follows the modal.
fn modal(
    lower: &str,
    t_end: usize,
    recent_speaker: &Option<String>,
    reading: &mut Reading,
) -> Option<()> {
    let next = first_word(&lower[t_end..]);
    // "There will be a 13.6% reduction in emissions by 2030."
    if next == "be" && last_word(&lower[..t_end.saturating_sub(4)]) == "there" {
        let be_end = t_end + lower[t_end..].find("be").unwrap_or(0) + 2;
        if matches!(first_word(&lower[be_end..]).as_str(), "a" | "an") {
            reading.passive = true;
            reading.vp_start = be_end;
            return Some(());
        }
    }
    // "will also be made", "will further be developed"
    let be_at = (participle_after_be(&lower[t_end..]) == "be")
        .then(|| find_word(&lower[t_end..], "be", 0))
        .flatten();
    if let Some(b) = be_at {
        let after = participle_after_be(&lower[t_end + b + 2..]);
        const NOT_PROMISED: &[&str] = &[
            "included",
            "reflected",
            "noted",
            "examined",
            "considered",
            "based",
            "needed",
            "required",
            "informed",
            "asked",
            "expected",
            "affected",
            "used",
            "called",
        ];
        if !PASSIVE_ACTIONS.contains(&after.as_str())
            && !IRREGULAR_PARTICIPLES.contains(&after.as_str())
            && (!(after.ends_with("ed") || after.ends_with("en") && after.len() > 4)
                || NOT_PROMISED.contains(&after.as_str()))
        {
            return None;
        }
        reading.passive = true;
    } else if next == "continue" {
        reading.passive = true;
    } else if NOT_VERBS.contains(&next.as_str()) && next != "not" {
        return None;
    }
    // Modal statements by people are quotations: only governments'
    // voices count.
    if matches!(reading.subject, Subject::FirstPerson) && reading.speaker.is_none() {
        reading.speaker.clone_from(recent_speaker);
    }
    reading.confidence -= 0.05;
    Some(())
}

/// Participles of actions that do not end in "-ed" or "-en": "Efforts
/// will be made", "resources will be made available".
const IRREGULAR_PARTICIPLES: &[&str] = &[
    "made", "paid", "held", "built", "kept", "put", "sought", "brought", "met", "done", "set",
    "laid", "led", "run", "sent", "spent", "dealt",
];

/// The word after "be", past adverbs: "will be further strengthened",
/// "will also be made".
fn participle_after_be(rest: &str) -> String {
    const ADVERBS: &[&str] = &[
        "further",
        "also",
        "duly",
        "fully",
        "gradually",
        "progressively",
        "continuously",
        "regularly",
        "systematically",
        "promptly",
        "urgently",
        "immediately",
        "soon",
        "swiftly",
        "then",
        "equally",
        "effectively",
    ];
    let mut words = rest.split_whitespace().map(|w| {
        w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
            .to_owned()
    });
    loop {
        match words.next() {
            Some(w) if ADVERBS.contains(&w.as_str()) => {}
            Some(w) => return w,
            None => return String::new(),
        }
    }
}

/// Who is bound, from the subject read; `None` when the statement is not a
/// government's (an NGO's "we will", or no actor at all).
fn bound_actor(
    doc: &mut Doc,
    lower: &str,
    gov_context: bool,
    recent_speaker: &Option<String>,
    reading: &mut Reading,
) -> Option<Option<String>> {
    Some(match &reading.subject {
        Subject::State(s) => Some(s.clone()),
        Subject::Government => {
            reading.confidence -= 0.05;
            default_actor(doc).or_else(|| Some("the Government".to_owned()))
        }
        Subject::FirstPerson => {
            let quoted_ngo = NON_GOVERNMENTAL
                .iter()
                .any(|m| find_word(lower, m, 0).is_some());
            if quoted_ngo || (doc.ngo_document && !gov_context) {
                return None;
            }
            reading.confidence -= 0.1;
            // "Our countries commit to ...", "We will jointly fund ...": in
            // a joint statement, every State it names in its heading.
            if plural_first_person(lower) && doc.options.actor.is_none() {
                if doc.joint.is_none() {
                    doc.joint = Some(joint_signatories(&doc.norm.text));
                }
                if let Some(Some(joint)) = &doc.joint {
                    return Some(Some(joint.clone()));
                }
            }
            default_actor(doc)
        }
        Subject::Pronoun | Subject::Person(_) => {
            reading.confidence -= 0.05;
            if reading.speaker.is_none() {
                reading.speaker.clone_from(recent_speaker);
            }
            default_actor(doc)
        }
        // "Additional measures will be introduced": a thing's future, in
        // a document whose actor the caller named.
        Subject::Thing if reading.passive && doc.options.actor.is_some() && !doc.ngo_document => {
            reading.confidence -= 0.1;
            doc.options.actor.clone()
        }
        Subject::NotAnActor | Subject::Thing => return None,
    })
}

/// For an umbrella ("would take several reform steps"), the verb before the
/// quantity ("set up four mechanisms"), which goes in front of list items
/// that are bare nouns; it may be empty. `None` when this is no umbrella.
fn umbrella_verb(vp_text: &str, vp_lower: &str) -> Option<String> {
    let vp_words: Vec<&str> = vp_lower.split_whitespace().collect();
    for skip in 0..3.min(vp_words.len()) {
        let object = vp_words[skip..].join(" ");
        if QUANTITY
            .iter()
            .any(|q| object.starts_with(&format!("{q} ")))
        {
            let verb = vp_text
                .split_whitespace()
                .take(skip)
                .collect::<Vec<_>>()
                .join(" ");
            return Some(verb);
        }
    }
    None
}

/// One draft per conjunct of the promised action ("amend the law and
/// release the prisoners"), each cut before its deadline and conditions.
fn conjunct_drafts(shared: &Shared, vp_text: &str, vp_lower: &str, span: Span) -> Vec<Draft> {
    let deadline = &shared.deadline;
    let mut drafts = Vec::new();
    let parts = enumerated(vp_lower).unwrap_or_else(|| conjuncts(vp_lower));
    for (cs, ce) in parts {
        let part_lower = &vp_lower[cs..ce];
        let mut statement_text = vp_text[cs..ce].to_owned();
        let mut cut = statement_text.len();
        if let Some(d) = deadline
            && d.range.0 >= cs
            && d.range.0 < ce
        {
            cut = cut.min(d.range.0 - cs);
        }
        for kw in CONDITIONS {
            if let Some(p) = find_word(part_lower, kw.trim(), 0) {
                cut = cut.min(p);
            }
        }
        let whole = statement_text.clone();
        statement_text.truncate(floor_boundary(&statement_text, cut));
        // "Submit, in 2008, eight reports": a deadline inside the action is
        // taken out of it, not cut at.
        if statement_text.split_whitespace().count() < 2
            && let Some(d) = deadline
            && d.range.0 >= cs
            && d.range.1 <= ce
        {
            let (a, b) = (d.range.0 - cs, d.range.1 - cs);
            let head = whole[..a].trim_end().trim_end_matches(',');
            let tail = whole[b..].trim_start_matches(',').trim_start();
            statement_text = format!("{head} {tail}");
        }
        let statement = tidy_statement(&statement_text);
        if statement.split_whitespace().count() < 2 {
            continue;
        }
        let timing = timing_of(part_lower, deadline.as_ref(), shared.period.as_deref());
        let resolved = deadline.as_ref().is_some_and(|d| d.date.is_some());
        drafts.push(Draft {
            c: Candidate {
                actor: shared.actor.clone(),
                speaker: shared.speaker.clone(),
                occasion: shared.occasion.clone(),
                statement,
                origin: Origin::Pledge,
                recommended_by: None,
                timing,
                deadline: deadline.clone().filter(|_| {
                    timing != TimingKind::DuringPeriod && timing != TimingKind::RefrainFrom
                }),
                period: shared
                    .period
                    .clone()
                    .filter(|_| timing == TimingKind::DuringPeriod),
                condition: shared.condition.clone(),
                made_on: shared.made_on,
                quote: String::new(),
                start: 0,
                end: 0,
                confidence: (shared.confidence + if resolved { 0.05 } else { 0.0 })
                    .clamp(0.05, 0.99),
                rule: shared.rule.clone(),
            },
            span,
        });
    }
    drafts
}

fn timing_of(part_lower: &str, deadline: Option<&Deadline>, period: Option<&str>) -> TimingKind {
    let p = part_lower.trim_start();
    if p.starts_with("refrain")
        || p.starts_with("not ")
        || p.starts_with("never ")
        || p.starts_with("abstain")
    {
        TimingKind::RefrainFrom
    } else if period.is_some() {
        TimingKind::DuringPeriod
    } else if deadline.is_some() {
        TimingKind::ByDeadline
    } else {
        TimingKind::NoneStated
    }
}

/// "committed to (1) strive for ..., (2) promote ..., and (3) mainstream
/// ...": actions numbered after the trigger, each without its number.
fn enumerated(vp_lower: &str) -> Option<Vec<(usize, usize)>> {
    let t = vp_lower.trim_start();
    let lead = vp_lower.len() - t.len();
    let open = if t.starts_with("(1) ") {
        [
            "(1) ", "(2) ", "(3) ", "(4) ", "(5) ", "(6) ", "(7) ", "(8) ", "(9) ",
        ]
    } else if t.starts_with("(a) ") {
        [
            "(a) ", "(b) ", "(c) ", "(d) ", "(e) ", "(f) ", "(g) ", "(h) ", "(i) ",
        ]
    } else {
        return None;
    };
    let mut starts = Vec::new();
    let mut from = lead;
    for mark in open {
        match vp_lower[from..].find(mark) {
            Some(p) => {
                starts.push(from + p);
                from += p + mark.len();
            }
            None => break,
        }
    }
    if starts.len() < 2 {
        return None;
    }
    let parts = starts
        .iter()
        .enumerate()
        .map(|(i, &s)| {
            let end = starts.get(i + 1).copied().unwrap_or(vp_lower.len());
            let body = &vp_lower[s + 4..end];
            // ", and (3)": the joining words belong to no item.
            let trimmed = body
                .trim_end()
                .trim_end_matches(" and")
                .trim_end_matches(" or")
                .trim_end_matches([',', ';']);
            (s + 4, s + 4 + trimmed.len())
        })
        .collect();
    Some(parts)
}

/// Splits a verb phrase where " and " (or ", and ") is followed by another
/// action verb: "preserve X and refrain from Y".
fn conjuncts(vp_lower: &str) -> Vec<(usize, usize)> {
    let mut cuts = Vec::new();
    let mut from = 0;
    while let Some(p) = find_word(vp_lower, "and", from) {
        let mut next = first_word(&vp_lower[p + 3..]);
        // "enhance X and will redouble Y"
        let mut skip = 0;
        if matches!(next.as_str(), "will" | "shall") {
            skip = vp_lower[p + 3..].find(&next).unwrap_or(0) + next.len() + 1;
            next = first_word(&vp_lower[(p + 3 + skip).min(vp_lower.len())..]);
        }
        let after_will = skip > 0;
        // ", and to promote ...", "and also to continue ...": another
        // infinitive of the same trigger (a bare "and to" may join the
        // parts of a nested one: "efforts to promote X, empower Y and to
        // promote Z").
        let comma = vp_lower[..p].trim_end().ends_with(',');
        for lead in ["also", "to"] {
            if next == lead && (comma || lead == "also" || skip > 0) {
                let rest = &vp_lower[(p + 3 + skip).min(vp_lower.len())..];
                skip += rest.find(lead).unwrap_or(0) + lead.len() + 1;
                next = first_word(&vp_lower[(p + 3 + skip).min(vp_lower.len())..]);
            }
        }
        let first = first_word(vp_lower);
        let next_verb = ACTION_VERBS.contains(&next.as_str())
            || skip > 0 && lexicon::IMPERATIVE_VERBS.contains(&next.as_str());
        // "promote and protect human rights": two verbs, one action.
        // "consult upon and amend such laws": a verb and its preposition.
        let mut before = last_word(&vp_lower[..p]);
        if matches!(
            before.as_str(),
            "upon" | "on" | "with" | "to" | "for" | "into"
        ) {
            let head = vp_lower[..p].trim_end();
            before = last_word(&head[..head.len() - before.len()]);
        }
        let verb_before = ACTION_VERBS.contains(&before.as_str())
            || lexicon::IMPERATIVE_VERBS.contains(&before.as_str());
        let verb = !verb_before && next_verb
            || after_will && !NOT_VERBS.contains(&next.as_str()) && !next.is_empty();
        if verb && next != first && p > 0 {
            let mut s = p;
            while s > 0 && matches!(vp_lower.as_bytes()[s - 1], b' ' | b',') {
                s -= 1;
            }
            cuts.push((s, (p + 3 + skip).min(vp_lower.len())));
        }
        from = p + 3;
    }
    let mut out = Vec::new();
    let mut start = 0;
    for (end, next) in cuts {
        out.push((start, end));
        start = next;
    }
    out.push((start, vp_lower.len()));
    out
}

const CONDITIONS: &[&str] = &[
    " subject to ",
    " under the international support",
    " with international support",
    " if ",
    " provided that ",
    " providing that ",
    " on condition that ",
    " conditional on ",
    " conditional upon ",
    " conditional to ",
    " conditioned on ",
    " conditioned upon ",
    " conditionnée ",
    " conditionné ",
    " conditionnés ",
    " conditionnées ",
    " sous réserve ",
    " sujeto a ",
    " sujeta a ",
    " supeditado ",
    " dependent on ",
    " dependent upon ",
    " siempre que ",
    " siempre y cuando ",
    " contingent on ",
    " depending on ",
    " within the limits of available",
    " resources permitting",
    " as resources permit",
];

fn find_condition(text: &str, lower: &str) -> Option<String> {
    // A condition may open the sentence, after a quotation mark.
    let lead = lower.len()
        - lower
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .len();
    let padded = format!(" {}", &lower[lead..]);
    let mut best: Option<usize> = None;
    for kw in CONDITIONS {
        if let Some(p) = padded.find(kw) {
            best = Some(best.map_or(p, |b: usize| b.min(p)));
        }
    }
    // The keyword's leading space is at `p` in `padded`, so its first
    // letter is at `p` in the trimmed text.
    let start = best? + lead;
    let start = start.min(lower.len());
    let end = lower[start..]
        .find([',', ';', '.', '('])
        .map(|e| start + e)
        .unwrap_or(lower.len());
    let c = collapse(&text[start.min(text.len())..end.min(text.len())]);
    (!c.is_empty()).then_some(c)
}

/// "This is also subject to international support ...": a sentence that
/// only states the condition of the commitment before it.
fn condition_of_previous(lower: &str, sentence: &str) -> Option<String> {
    // "This is (also) ...", "The mitigation contribution is ...", "These
    // targets are ...": a short subject pointing back, then the condition.
    let words: Vec<&str> = lower.split_whitespace().take(7).collect();
    let pointer = words
        .first()
        .is_some_and(|w| matches!(*w, "this" | "these" | "the" | "that" | "such" | "its"));
    let be = words
        .iter()
        .take(5)
        .position(|w| matches!(*w, "is" | "are"))?;
    let mut rest = be + 1;
    if words.get(rest) == Some(&"also") {
        rest += 1;
    }
    let first = words.get(rest)?;
    let opens_condition = [
        "subject",
        "conditional",
        "conditioned",
        "contingent",
        "dependent",
    ]
    .contains(first);
    if !pointer || !opens_condition {
        return None;
    }
    find_condition(sentence, lower)
}

/// Gives the condition a sentence states (`condition_of_previous`) to the
/// commitment read from the sentence before it. Returns whether it did.
fn carry_condition(
    lower: &str,
    sentence: &str,
    last_general: Option<&(Candidate, usize)>,
    index: usize,
    out: &mut [Draft],
) -> bool {
    let Some(c) = condition_of_previous(lower, sentence) else {
        return false;
    };
    // The commitment may be a sentence further back ("... 70% by 2030.
    // Reduction will come from energy, transport ... . The mitigation
    // contribution is conditioned on ..."). The sentence is a condition,
    // never a commitment of its own.
    if last_general.is_some_and(|(_, at)| at + 2 >= index)
        && let Some(d) = out.last_mut()
        && d.c.condition.is_none()
    {
        d.c.condition = Some(c);
    }
    true
}

/// "These included ...", "They include ...": where the list starts.
fn list_intro(lower: &str) -> Option<usize> {
    for intro in [
        "these included ",
        "these include ",
        "they included ",
        "they include ",
        "this included ",
        "these were ",
        "these are ",
        "they were ",
        "among them ",
    ] {
        if lower.starts_with(intro) {
            return Some(intro.len());
        }
    }
    None
}

fn list_items(
    doc: &Doc,
    span: Span,
    after: usize,
    ctx: &ListContext,
    occasion: Option<String>,
) -> Vec<Draft> {
    let sentence = &doc.norm.text[span.start..span.end];
    let lower = &doc.lower[span.start..span.end];
    let body = &sentence[after..];
    let body_lower = &lower[after..];
    let deadline = dates::find_deadline(body, body_lower, 0, doc.date);
    let end = deadline.as_ref().map(|d| d.range.0).unwrap_or(body.len());
    let list = &body[..end];
    let separator = if list.contains("; ") { ";" } else { "," };
    let mut items: Vec<String> = Vec::new();
    for part in list.split(separator) {
        let part = part.trim();
        let part = part.strip_prefix("and ").unwrap_or(part);
        // "A and B" as the last pair of a comma list with no serial comma.
        let mut t = tidy_statement(part);
        if let Some(verb) = &ctx.verb
            && matches!(
                first_word(&t.to_ascii_lowercase()).as_str(),
                "a" | "an" | "the"
            )
        {
            t = capitalise(&format!("{} {}{}", verb, first_lower(&t), ""));
        }
        if t.split_whitespace().count() >= 2 {
            items.push(t);
        } else if let Some(last) = items.last_mut()
            && !t.is_empty()
        {
            last.push_str(&format!("{separator} {t}"));
        }
    }
    let condition = find_condition(body, body_lower);
    items
        .into_iter()
        .map(|statement| {
            let timing = timing_of(&statement.to_ascii_lowercase(), deadline.as_ref(), None);
            Draft {
                c: Candidate {
                    actor: ctx.actor.clone(),
                    speaker: ctx.speaker.clone(),
                    occasion: occasion.clone(),
                    statement,
                    origin: Origin::Pledge,
                    recommended_by: None,
                    timing,
                    deadline: deadline.clone(),
                    period: None,
                    condition: condition.clone(),
                    made_on: ctx.made_on,
                    quote: String::new(),
                    start: 0,
                    end: 0,
                    confidence: if deadline.as_ref().is_some_and(|d| d.date.is_some()) {
                        0.85
                    } else {
                        0.8
                    },
                    rule: "item of a list after a pledge".to_owned(),
                },
                span,
            }
        })
        .collect()
}

const OCCASION_WORDS: &[&str] = &[
    "Summit",
    "summit",
    "Council",
    "Conference",
    "conference",
    "Session",
    "session",
    "Meeting",
    "meeting",
    "Forum",
    "Assembly",
    "Congress",
    "Dialogue",
    "event",
];

/// "at last year's OSCE Ministerial Council in Madrid" -> "OSCE Ministerial
/// Council in Madrid".
pub fn find_occasion(sentence: &str) -> Option<String> {
    let mut from = 0;
    while let Some(p) = sentence[from..].find("at ") {
        let s = from + p;
        from = s + 3;
        if s > 0 && sentence.as_bytes()[s - 1].is_ascii_alphanumeric() {
            continue;
        }
        let words: Vec<&str> = sentence[s + 3..].split_whitespace().take(16).collect();
        let mut i = 0;
        if words.first() == Some(&"the") {
            i += 1;
        }
        if let Some(w) = words.get(i)
            && (w.starts_with("last") || w.starts_with("this") || w.starts_with("next"))
            && words.get(i + 1).is_some_and(|y| y.starts_with("year"))
        {
            i += 2;
        }
        let mut taken: Vec<&str> = Vec::new();
        let mut has_keyword = false;
        for w in &words[i.min(words.len())..] {
            let bare = w.trim_end_matches([',', ';', '.', ':', ')']);
            let capital = bare.chars().next().is_some_and(|c| c.is_uppercase());
            let keyword = OCCASION_WORDS.contains(&bare);
            let joiner = matches!(bare, "of" | "on" | "for" | "the" | "and" | "in" | "de");
            let year = bare.len() == 4 && bare.bytes().all(|b| b.is_ascii_digit());
            if !(capital || keyword || joiner || (year && taken.last() == Some(&"in"))) {
                break;
            }
            if joiner && bare == "in" && has_keyword {
                // "in Madrid" closes the name.
                taken.push(bare);
                continue;
            }
            has_keyword |= keyword;
            taken.push(bare);
            if bare.len() != w.len() {
                break;
            }
        }
        while taken
            .last()
            .is_some_and(|w| matches!(*w, "of" | "on" | "for" | "the" | "and" | "in" | "de"))
        {
            taken.pop();
        }
        if has_keyword && taken.len() >= 2 {
            return Some(taken.join(" "));
        }
    }
    None
}

/// A government speaker named with a title: "Foreign Minister Marat
/// Tazhin", "President [Shavkat] Mirziyoev", "Mr. Tazhin".
pub fn find_speaker(sentence: &str) -> Option<String> {
    let mut best: Option<(usize, String)> = None;
    for title in GOVERNMENT_TITLES
        .iter()
        .chain(["Mr.", "Mrs.", "Ms."].iter())
    {
        let mut from = 0;
        while let Some(p) = sentence[from..].find(title) {
            let s = from + p;
            from = s + title.len();
            if s > 0 && sentence.as_bytes()[s - 1].is_ascii_alphabetic() {
                continue;
            }
            let rest = &sentence[s + title.len()..];
            if !rest.starts_with(' ') {
                continue;
            }
            let mut names = Vec::new();
            for w in rest.split_whitespace().take(4) {
                let bare = w
                    .trim_matches(|c: char| matches!(c, '[' | ']' | ',' | '.' | ';' | ':'))
                    .trim_end_matches("’s")
                    .trim_end_matches("'s");
                let capital = bare.chars().next().is_some_and(char::is_uppercase);
                if !capital
                    || GOVERNMENT_TITLES.contains(&bare)
                    || lexicon::find_state(bare).is_some() && names.is_empty()
                {
                    break;
                }
                names.push(bare.to_owned());
                if w.ends_with([',', '.', ';', ':']) || w.contains('’') || w.contains('\'') {
                    break;
                }
            }
            if !names.is_empty() && best.as_ref().is_none_or(|b| s < b.0) {
                best = Some((s, names.join(" ")));
            }
        }
    }
    best.map(|(_, n)| n)
}

/// Turns the drafts' byte ranges into character offsets and quotes.
fn to_characters(original: &str, norm: &Normalised, mut drafts: Vec<Draft>) -> Vec<Candidate> {
    drafts.sort_by_key(|d| d.span.start);
    let mut chars_before = 0usize;
    let mut byte_at = 0usize;
    let mut count = |target: usize| {
        if target < byte_at {
            chars_before = original[..target].chars().count();
            byte_at = target;
        } else {
            chars_before += original[byte_at..target].chars().count();
            byte_at = target;
        }
        chars_before
    };
    let mut out = Vec::with_capacity(drafts.len());
    for mut d in drafts {
        let s = norm.original(d.span.start);
        let last = d.span.end.saturating_sub(1).max(d.span.start);
        let last_byte = norm.original(last);
        let e = original[last_byte..]
            .chars()
            .next()
            .map(|c| last_byte + c.len_utf8())
            .unwrap_or(original.len());
        let (s, e) = (s.min(original.len()), e.min(original.len()).max(s));
        d.c.quote = original[s..e].to_owned();
        d.c.start = count(s);
        d.c.end = count(e);
        out.push(d.c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, date: Option<&str>) -> Extraction {
        extract(
            text,
            &Options {
                document_date: date.map(|d| d.parse().unwrap()),
                actor: None,
                format: None,
            },
        )
    }

    fn statements(e: &Extraction) -> Vec<&str> {
        e.candidates.iter().map(|c| c.statement.as_str()).collect()
    }

    /// The condition of the one candidate found.
    fn only_condition(e: &Extraction) -> Option<&str> {
        assert_eq!(e.candidates.len(), 1, "{:?}", statements(e));
        e.candidates[0].condition.as_deref()
    }

    /// Every candidate binds `actor`.
    fn assert_all_bound(e: &Extraction, actor: &str) {
        let actors: Vec<Option<&str>> = e.candidates.iter().map(|c| c.actor.as_deref()).collect();
        assert!(
            actors.iter().all(|a| *a == Some(actor)),
            "{actor}: {actors:?}"
        );
    }

    fn run_as(text: &str, actor: &str) -> Extraction {
        extract(
            text,
            &Options {
                document_date: None,
                actor: Some(actor.into()),
                format: None,
            },
        )
    }

    #[test]
    fn every_phrasing_of_the_working_group_reports_gives_a_list_status() {
        assert_eq!(
            upr_status(
                "the recommendations formulated during the interactive dialogue and listed below have been examined by mongolia and enjoy its support:"
            ),
            Some(ListStatus::Supported)
        );
        assert_eq!(
            upr_status(
                "mongolia considers that the following recommendations cannot be accepted and would thus be noted:"
            ),
            Some(ListStatus::NotSupported)
        );
        assert_eq!(
            upr_status(
                "mongolia notes the following recommendations and will provide appropriate responses in due time:"
            ),
            Some(ListStatus::Pending)
        );
        assert_eq!(
            upr_status("the recommendations listed below have been noted by mongolia:"),
            Some(ListStatus::NotSupported)
        );
        assert_eq!(
            upr_status(
                "mongolia considers that the recommendations listed below are already implemented or in the process of implementation:"
            ),
            Some(ListStatus::Supported)
        );
    }

    #[test]
    fn an_excerpt_opens_its_supported_list_with_a_numbered_paragraph_ending_in_a_full_stop() {
        let e = run_as(
            "92. The recommendations formulated in the course of the interactive dialogue have been examined by Mongolia and the recommendations listed below enjoy the support of Mongolia.\n\
             1. Ratify the Optional Protocol to the Convention against Torture (Denmark);\n\
             2. Adopt a national action plan on human rights (Chile);\n",
            "Mongolia",
        );
        assert_eq!(
            statements(&e),
            [
                "Ratify the Optional Protocol to the Convention against Torture",
                "Adopt a national action plan on human rights"
            ]
        );
        assert!(
            e.candidates
                .iter()
                .all(|c| c.origin == Origin::AcceptedRecommendation)
        );
    }

    #[test]
    fn items_numbered_in_brackets_are_items() {
        let e = run(
            "Ghana made the following voluntary commitments:\n\
             (1) to establish an ombudsman office by 2030;\n\
             (2) to ratify the Optional Protocol by 2026.\n",
            None,
        );
        assert_eq!(e.candidates.len(), 2, "{:?}", statements(&e));
        assert_all_bound(&e, "Ghana");
    }

    #[test]
    fn hopes_questions_and_recommendations_of_others_are_not_pledges() {
        for text in [
            "Pakistan wished to know how Uzbekistan intends to address these threats.",
            "Brazil hoped Canada would reconsider its withdrawal from the Durban process.",
            "Chile recommended that Uzbekistan establish conditions that would allow visits.",
            "\"We hope that parliament will move quickly,\" a ministry spokeswoman said.",
            "Japan expressed the hope that Kazakhstan's institutions would be further strengthened.",
        ] {
            let e = run(text, Some("2009-01-01"));
            assert!(e.candidates.is_empty(), "{text}: {:?}", statements(&e));
        }
    }

    #[test]
    fn a_joint_statement_binds_every_state_its_heading_names() {
        let e = run(
            "Joint Statement of the Ministers of Foreign Affairs of Norway, Chile and Ghana\n\
             Geneva, 3 March 2025\n\n\
             Our countries commit to ratify the Optional Protocol by 2027. \
             We will jointly fund a regional training programme for judges.\n",
            None,
        );
        assert_eq!(e.candidates.len(), 2, "{:?}", statements(&e));
        assert!(
            e.candidates
                .iter()
                .all(|c| c.actor.as_deref() == Some("Norway, Chile and Ghana")),
            "{:?}",
            e.candidates
        );
        // A statement of one State stays that State's.
        let e = run(
            "Statement by the Minister of Foreign Affairs of Norway\n\n\
             We will ratify the Optional Protocol by 2027.\n",
            None,
        );
        assert_eq!(e.candidates[0].actor.as_deref(), Some("Norway"));
    }

    #[test]
    fn a_response_citing_recommendations_by_number_opens_no_list() {
        let e = run_as(
            "3. The Government accepts the following recommendations 122.1, 122.12, 122.17-18,\n\
             122.22, 122.27, 122.30-33.\n\
             4. 11 The activities for the implementation of this recommendation have already started.\n",
            "Mongolia",
        );
        assert!(e.candidates.is_empty(), "{:?}", statements(&e));
        assert!(cites_numbers("accepts recommendations 122.17 and 45(b)"));
        assert!(!cites_numbers(
            "the recommendations listed below enjoy its support."
        ));
    }

    #[test]
    fn a_quantified_target_without_a_verb_of_pledging_is_a_commitment_and_a_projection_is_not() {
        let e = run_as(
            "<p>An unconditional contribution to reduce GHG emissions by 12% below business-as-usual levels by 2030.</p>\
             <p>Emissions are projected to increase by 40% by 2030 compared to 2010.</p>\
             <p>Poverty reduction and reforms have increased school enrolment to 100 per cent, compared to 60 per cent in 2000.</p>\
             <p>Ces mesures permettraient de réduire les émissions de 10 % par rapport au scénario de référence.</p>",
            "Mongolia",
        );
        assert_eq!(e.candidates.len(), 1, "{:?}", statements(&e));
        let c = &e.candidates[0];
        assert_eq!(c.rule, "quantified target");
        assert_eq!(c.actor.as_deref(), Some("Mongolia"));
        assert_eq!(
            c.deadline.as_ref().and_then(|d| d.date),
            NaiveDate::from_ymd_opt(2030, 12, 31)
        );
    }

    #[test]
    fn a_conditional_share_is_a_commitment_with_its_condition() {
        let e = run_as(
            "<p>The contribution could increase to 20% below BAU, subject to international finance.</p>",
            "Mongolia",
        );
        assert_eq!(only_condition(&e), Some("subject to international finance"));
    }

    #[test]
    fn a_short_order_in_a_list_of_pledges_is_an_item_and_not_a_heading() {
        let e = run_as(
            "Strengthen literacy programmes\n\
             Continue to promote good governance\n\
             Ratify the Optional Protocol to the Convention against Torture\n\
             Bring down the unemployment rate\n",
            "Mongolia",
        );
        assert_eq!(
            statements(&e),
            [
                "Strengthen literacy programmes",
                "Continue to promote good governance",
                "Ratify the Optional Protocol to the Convention against Torture",
                "Bring down the unemployment rate"
            ]
        );
    }

    #[test]
    fn a_verb_of_stating_before_its_commitment_to_is_a_trigger_in_either_tense() {
        let e = run(
            "Mongolia reaffirms its commitment to ensure that the ombudsman has the necessary resources.",
            None,
        );
        assert_eq!(e.candidates.len(), 1, "{:?}", statements(&e));
        assert_eq!(e.candidates[0].actor.as_deref(), Some("Mongolia"));
        assert!(
            run("Mongolia forgot its commitment to ensure peace.", None)
                .candidates
                .is_empty()
        );
    }

    #[test]
    fn a_condition_may_open_the_sentence_or_follow_in_a_later_one() {
        assert_eq!(
            find_condition(
                "\"Subject to international support, Mongolia could go further.",
                "\"subject to international support, mongolia could go further."
            )
            .as_deref(),
            Some("Subject to international support")
        );
        let e = run(
            "Mongolia intends to reduce its emissions by 20% by 2030 relative to BAU. \
             Reductions will come from energy and transport. \
             The mitigation contribution is conditioned on international finance.",
            None,
        );
        assert_eq!(
            only_condition(&e),
            Some("conditioned on international finance")
        );
    }

    #[test]
    fn a_list_of_pledges_one_to_a_line_reads_noun_phrases_gerunds_and_things_futures() {
        let text = "Ratification of the Optional Protocol to CEDAW\n\
            Paying due attention to preventing trafficking in women and children\n\
            Submit, in 2008, eight reports to United Nations bodies\n\
            Gender focal points will be appointed to each line Ministry of Government\n\
            Efforts will also be made to end hazardous child labour\n\
            Legal procedures have been instituted with a view to enacting a new law\n\
            The Government adopted a law on domestic violence in 2009\n\
            Bhutan remains committed to constructive engagement with the mechanisms";
        let e = run_as(text, "Tunisia");
        let found = statements(&e);
        assert_eq!(found.len(), 5, "{found:?}");
        assert!(found[0].starts_with("Ratification of the Optional Protocol"));
        assert!(found[1].starts_with("Paying due attention"));
        assert_eq!(found[2], "Submit eight reports to United Nations bodies");
        assert_eq!(
            e.candidates[2].deadline.as_ref().and_then(|d| d.date),
            Some("2008-12-31".parse().unwrap())
        );
        assert!(found[3].starts_with("Gender focal points will be appointed"));
        assert!(found[4].starts_with("Efforts will also be made"));
        assert_all_bound(&e, "Tunisia");
    }

    #[test]
    fn climate_targets_read_goals_conditions_before_the_verb_and_conditional_could() {
        let text = "Ghana's emission reduction goal is to unconditionally lower its GHG emissions by 15 percent by 2030. \
            However, Jordan, conditionally and subject to availability of international aid, commits to reduce its emissions by an additional 12.5% by 2030. \
            Additionally, under the international support Kyrgyz Republic could implement measures to reduce emissions by 30% in 2030. \
            Kenya seeks to abate its GHG emissions by 30% by 2030. This is also subject to international support in the form of finance. \
            Our final aim is to improve the human rights situation. \
            Peru could do better.";
        let e = run(text, Some("2015-10-01"));
        let actors: Vec<_> = e
            .candidates
            .iter()
            .filter_map(|c| c.actor.as_deref())
            .collect();
        assert_eq!(
            actors,
            ["Ghana", "Jordan", "Kyrgyzstan", "Kenya"],
            "{:?}",
            statements(&e)
        );
        assert!(e.candidates.iter().all(
            |c| c.deadline.as_ref().and_then(|d| d.date) == Some("2030-12-31".parse().unwrap())
        ));
        let conditions: Vec<_> = e.candidates.iter().map(|c| c.condition.is_some()).collect();
        assert_eq!(conditions, [false, true, true, true]);
    }

    #[test]
    fn numbered_actions_after_a_trigger_are_one_candidate_each_and_past_items_none() {
        let text = "III. Voluntary pledges and commitments\n\
            111. As a candidate for the Council, Slovenia committed to (1) strive for progress in human rights forums, (2) promote gender equality, and (3) mainstream a human rights perspective.\n\
            114. In 2018, its Permanent Representative held the office of President of the Council; his priorities were primarily to (1) enhance the Council's efficiency, (2) increase its visibility.";
        let e = run(text, Some("2019-10-01"));
        assert_eq!(
            statements(&e),
            [
                "Strive for progress in human rights forums",
                "Promote gender equality",
                "Mainstream a human rights perspective"
            ]
        );
    }

    #[test]
    fn a_government_reported_with_would_commits_and_others_do_not() {
        let text = "The Government would consult upon and amend such laws as necessary. \
            Critics said the reform would fail. \
            The Government will not assume conditional commitments that might result in public debt.";
        let e = run_as(text, "Tuvalu");
        assert_eq!(
            statements(&e),
            ["Consult upon and amend such laws as necessary"]
        );
    }

    #[test]
    fn a_reported_pledge_with_a_list_gives_one_candidate_per_item_sharing_the_deadline() {
        let e = run(
            "At the summit, Foreign Minister Ana Lima pledged that Chile would take several steps. \
             These included amending the press law, reforming the courts, and freeing detained journalists by the end of 2009.",
            Some("2009-03-01"),
        );
        assert_eq!(
            statements(&e),
            [
                "Amending the press law",
                "Reforming the courts",
                "Freeing detained journalists"
            ]
        );
        for c in &e.candidates {
            assert_eq!(c.actor.as_deref(), Some("Chile"));
            assert_eq!(c.speaker.as_deref(), Some("Ana Lima"));
            let d = c.deadline.as_ref().unwrap();
            assert_eq!(d.date.unwrap().to_string(), "2009-12-31");
            assert_eq!(c.timing, TimingKind::ByDeadline);
        }
    }

    #[test]
    fn coordinated_actions_split_and_refraining_is_its_own_timing() {
        let e = run(
            "The minister promised that Kazakhstan would preserve the office and its mandate and refrain from weakening it.",
            None,
        );
        assert_eq!(
            statements(&e),
            [
                "Preserve the office and its mandate",
                "Refrain from weakening it"
            ]
        );
        assert_eq!(e.candidates[1].timing, TimingKind::RefrainFrom);
    }

    #[test]
    fn demands_on_others_past_achievements_and_ngo_promises_are_not_candidates() {
        let e = run(
            "Human Rights Watch wrote to the ministers. We ask that you raise these concerns. \
             The government should release the prisoners. Kazakhstan adopted a new law in 2007. \
             We will continue to monitor the situation.",
            None,
        );
        assert!(e.candidates.is_empty(), "{:?}", statements(&e));
    }

    #[test]
    fn a_government_speaking_in_the_first_person_binds_the_actor_given() {
        let e = extract(
            "We will ratify the Convention within six months, subject to approval by parliament.",
            &Options {
                document_date: Some("2017-03-01".parse().unwrap()),
                actor: Some("Canada".into()),
                format: None,
            },
        );
        let c = &e.candidates[0];
        assert_eq!(c.actor.as_deref(), Some("Canada"));
        assert_eq!(c.statement, "Ratify the Convention");
        assert_eq!(
            c.deadline.as_ref().unwrap().date.unwrap().to_string(),
            "2017-09-01"
        );
        assert_eq!(
            c.condition.as_deref(),
            Some("subject to approval by parliament")
        );
    }

    #[test]
    fn upr_conclusions_propose_supported_recommendations_only() {
        let text = "Report of the Working Group on the Universal Periodic Review\nChad\n\
            The review of Chad was held on 5 May 2009.\n\
            II. Conclusions and/or recommendations\n\
            80. The recommendations listed below enjoy the support of Chad:\n\
            80.1. Ratify the Optional Protocol by 2011 (France);\n\
            80.2. Establish a national human rights institution (Brazil, Peru);\n\
            81. The following recommendations will be examined by Chad:\n\
            81.1. Abolish the death penalty (Italy);\n\
            82. The recommendations below did not enjoy the support of Chad:\n\
            82.1. Repeal the press law (Norway);\n\
            83. All conclusions and/or recommendations contained in the present report reflect the position of the submitting States.\n";
        let e = run(text, None);
        assert_eq!(e.kind, DocumentKind::UprReport);
        assert_eq!(e.state_under_review.as_deref(), Some("Chad"));
        assert_eq!(
            statements(&e),
            [
                "Ratify the Optional Protocol by 2011",
                "Establish a national human rights institution"
            ]
        );
        assert_eq!(e.candidates[0].origin, Origin::AcceptedRecommendation);
        assert_eq!(e.candidates[0].recommended_by.as_deref(), Some("France"));
        assert_eq!(
            e.candidates[1].recommended_by.as_deref(),
            Some("Brazil, Peru")
        );
        assert_eq!(
            e.candidates[0]
                .deadline
                .as_ref()
                .unwrap()
                .date
                .unwrap()
                .to_string(),
            "2011-12-31"
        );
    }

    #[test]
    fn offsets_in_html_point_at_the_quote_in_the_original_markup() {
        let html = "<html><body><p>Intro &amp; more.</p><p>Norway <b>will</b> double its aid by 2030.</p></body></html>";
        let e = run(html, None);
        let c = &e.candidates[0];
        assert_eq!(c.actor.as_deref(), Some("Norway"));
        let at: String = html.chars().skip(c.start).take(c.end - c.start).collect();
        assert_eq!(at, c.quote);
        assert!(c.quote.starts_with("Norway <b>will</b>"), "{}", c.quote);
        assert_eq!(e.format, InputFormat::Html);
    }

    #[test]
    fn the_same_text_always_gives_the_same_candidates() {
        let text = "Kazakhstan agreed to amend the media law by 2008. It also said it was proud.";
        assert_eq!(run(text, None).candidates, run(text, None).candidates);
    }

    #[test]
    fn a_list_reads_the_same_after_a_heading_or_an_introduction() {
        let items = "1. To establish a national human rights institution by 2011 at the latest;\n\
            2. Establishing a national preventive mechanism;\n\
            3. Adoption of a national action plan on human rights 2012-2016.\n";
        let heading = format!(
            "Report of the Working Group on the Universal Periodic Review\nMorocco\n\
             III. Voluntary commitments of the State under review\n{items}"
        );
        let intro = format!(
            "Morocco made the following voluntary commitments:\n{items}\
             Several delegations asked questions about prisons.\n"
        );
        for text in [heading, intro] {
            let e = run(&text, Some("2010-06-01"));
            assert_eq!(
                statements(&e),
                [
                    "Establish a national human rights institution",
                    "Establishing a national preventive mechanism",
                    "Adoption of a national action plan on human rights"
                ],
                "{text}"
            );
            assert!(
                e.candidates
                    .iter()
                    .all(|c| c.actor.as_deref() == Some("Morocco"))
            );
            let dates: Vec<String> = e
                .candidates
                .iter()
                .map(|c| {
                    c.deadline
                        .as_ref()
                        .and_then(|d| d.date)
                        .map(|d| d.to_string())
                        .unwrap_or_default()
                })
                .collect();
            assert_eq!(dates, ["2011-12-31", "", "2016-12-31"]);
        }
    }

    #[test]
    fn a_list_of_demands_or_past_measures_gives_nothing() {
        let text = "Amnesty International calls on the Government to:\n\
            (a) Release all prisoners of conscience;\n\
            (b) Repeal the press law.\n\
            Since 2008 the Government has taken the following measures:\n\
            (a) Adopted a new criminal code;\n";
        let e = run(text, None);
        assert!(e.candidates.is_empty(), "{:?}", statements(&e));
    }

    #[test]
    fn states_speaking_together_commit_to_a_list() {
        let text = "Joint statement on behalf of Norway, Chile and Ghana\n\
            Our countries commit to:\n\
            - ratifying the Convention by the last quarter of 2009;\n\
            - hosting a regional meeting.\n";
        let e = run(text, None);
        assert_eq!(e.candidates.len(), 2, "{:?}", statements(&e));
        assert_eq!(
            e.candidates[0]
                .deadline
                .as_ref()
                .unwrap()
                .date
                .unwrap()
                .to_string(),
            "2009-12-31"
        );
    }

    #[test]
    fn news_reports_bind_the_government_a_capital_or_the_ministry_stands_for() {
        let e = run(
            "Beijing vowed to cut coal use by 30 percent by the end of the decade.",
            Some("2021-04-22"),
        );
        assert_eq!(e.candidates[0].actor.as_deref(), Some("China"));
        assert_eq!(
            e.candidates[0]
                .deadline
                .as_ref()
                .unwrap()
                .date
                .unwrap()
                .to_string(),
            "2030-12-31"
        );
        let e = run(
            "Kenya's health ministry said on Monday it had new plans. The ministry will launch a vaccination campaign by the last quarter of 2024.",
            Some("2024-03-01"),
        );
        let c = e.candidates.last().unwrap();
        assert_eq!(c.actor.as_deref(), Some("Kenya"));
        assert_eq!(
            c.deadline.as_ref().unwrap().date.unwrap().to_string(),
            "2024-12-31"
        );
    }
}
