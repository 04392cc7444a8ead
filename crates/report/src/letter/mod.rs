//! The letter to officials: a template with merge fields, filled in once per
//! recipient of one of the dossier's recipient lists.
//!
//! A template is plain UTF-8 text. Paragraphs are separated by blank lines;
//! the line breaks inside a paragraph are kept (an address). `{{field}}` is a
//! merge field; `{{field?}}` may be empty, and a line left empty by it is
//! dropped; `{{field|capitalise}}` starts with a capital letter; a paragraph
//! that is just `{{signatories}}` becomes the signature blocks; a line that
//! starts with `{{!` is a comment. An unknown field, or a field without a
//! value that is not marked `?`, is an error naming the field and its line:
//! a letter never goes out with a blank where a name should be.
//!
//! Letters are the public's unless the team's draft is asked for
//! ([`LetterOptions::audience`]): the dossier, the recipient list and the
//! signatories are then read through the public projection, so a list or a
//! signatory not yet published is not used.

mod content;
mod foreign;
mod words;

use chrono::NaiveDate;
use pledgewatch_core::ids::{CommitmentId, SignatoryId};
use pledgewatch_core::lang::{Args, Lang};
use pledgewatch_core::model::{Recipient, RecipientList, Records, Signatory, Slug};
use pledgewatch_core::storage::Storage;
use pledgewatch_core::view::{CommitmentView, DossierView, dossier_view};
use pledgewatch_core::wording;

use self::content::Extra;
use self::words::{Spelling, Words};

use crate::audience::{Audience, Reader};
use crate::doc::{Block, Document, Inline, Role};
use crate::error::{Error, Result};
use crate::text::{self, clean};

/// The default template, modelled on a letter sent to the OSCE's foreign
/// ministers in 2008: written to other States, asking them to press the
/// State bound by the commitments.
pub const DEFAULT_TEMPLATE: &str = include_str!("../../templates/letter.txt");

/// The default template of the letter to the State bound by the
/// commitments itself, written only when asked for
/// ([`LetterOptions::include_subject`]).
pub const SUBJECT_TEMPLATE: &str = include_str!("../../templates/letter-subject.txt");

/// The default templates in `lang`: to other States, and to the State
/// bound.
pub fn default_templates(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::En => (DEFAULT_TEMPLATE, SUBJECT_TEMPLATE),
        Lang::Ru => (
            include_str!("../../templates/letter.ru.txt"),
            include_str!("../../templates/letter-subject.ru.txt"),
        ),
        Lang::Fr => (
            include_str!("../../templates/letter.fr.txt"),
            include_str!("../../templates/letter-subject.fr.txt"),
        ),
        Lang::Es => (
            include_str!("../../templates/letter.es.txt"),
            include_str!("../../templates/letter-subject.es.txt"),
        ),
    }
}

/// Every merge field a template may use, with what it holds.
pub const FIELDS: &[(&str, &str)] = &[
    (
        "date",
        "the letter's date (the as-of date): \"31 May 2008\"",
    ),
    ("recipient.name", "the recipient's name, if recorded"),
    (
        "recipient.title",
        "the recipient's title: \"Minister of Foreign Affairs\"",
    ),
    ("recipient.state", "the recipient's state, if recorded"),
    ("recipient.salutation", "\"Dear Minister\""),
    (
        "letter.salutation",
        "the salutation in the letter's language, with its punctuation: \"Уважаемый господин министр!\" for \"Dear Minister\"",
    ),
    (
        "recipient.addressee",
        "the name if recorded, else the title and state",
    ),
    ("dossier.title", "the dossier's title"),
    ("bound", "who is bound by the commitments: \"Kazakhstan\""),
    ("pledger", "who made the first commitment: \"Marat Tazhin\""),
    (
        "pledger.role",
        "the pledger's role then: \"Minister of Foreign Affairs, Kazakhstan\"",
    ),
    (
        "occasion",
        "where it was made: \"OSCE Ministerial Council\"",
    ),
    ("occasion.place", "\"Madrid\""),
    ("occasion.date", "\"29–30 November 2007\""),
    ("commitments.count", "the number of commitments, in words"),
    (
        "commitments.list",
        "what was promised: \"amend the media law, ... and ...\"",
    ),
    (
        "facts.since",
        "time since the first commitment: \"nearly six months\"",
    ),
    (
        "facts.with_progress",
        "how many show progress, in words (\"none\" for zero)",
    ),
    (
        "facts.without_progress",
        "how many of those assessed show none, in words",
    ),
    (
        "facts.overdue",
        "how many are past their deadline, in words",
    ),
    (
        "facts.regressions",
        "how many ratings were regressions, in words",
    ),
    (
        "facts.progress",
        "\"none of the six commitments shows any progress\" and the like",
    ),
    (
        "facts.deadlines",
        "\"none is yet past its deadline\", \"three are past their deadline\"",
    ),
    ("memo.title", "the attached memorandum's title"),
    (
        "organisation",
        "the publisher, else the signatories' organisation",
    ),
    (
        "recipient.address",
        "the recipient's postal address, one line each, if recorded",
    ),
    (
        "subject",
        "what the letter is about: \"Kazakhstan’s commitments at the OSCE Ministerial Council (Madrid, 29–30 November 2007)\"",
    ),
    (
        "stakes",
        "why the commitments matter to the body written to, if recorded",
    ),
    (
        "letter.opening",
        "\"Nearly six months ago, at the OSCE Ministerial Council in Madrid, Kazakhstan made six public pledges.\"",
    ),
    (
        "letter.concern",
        "what to raise: \"the lack of progress toward fulfilling these commitments\"",
    ),
    (
        "letter.background",
        "the baseline developments before the commitments that concern all of them (earlier bids), if any",
    ),
    (
        "letter.pledges",
        "who pledged what, where, and each pledge's timing in words",
    ),
    (
        "letter.progress",
        "progress, no progress and backtracking as the ratings say, those not yet assessed, and deadlines passed",
    ),
    (
        "letter.direct_progress",
        "the same, addressed to the government bound (\"your government has made ...\")",
    ),
    (
        "letter.made",
        "\"at the OSCE Ministerial Council in Madrid (29–30 November 2007)\"",
    ),
    (
        "letter.memo",
        "the attached memorandum: its title and date, and the steps it outlines if it has them",
    ),
    ("letter.request", "the request, then the dossier's stakes"),
    ("letter.fulfill", "\"fulfill\" (\"fulfil\" in UK spelling)"),
    (
        "letterhead",
        "the publisher's name and address (a paragraph of its own)",
    ),
    (
        "signatories",
        "the signature blocks (a paragraph of its own)",
    ),
];

/// The fields that must be a paragraph of their own.
const BLOCK_FIELDS: [&str; 2] = ["signatories", "letterhead"];

/// What to write letters from.
#[derive(Debug, Clone)]
pub struct LetterOptions {
    pub as_of: NaiveDate,
    /// The recipient list: its name, or its name in lowercase with hyphens.
    pub recipients: String,
    /// The template's text; the default template when `None`.
    pub template: Option<String>,
    /// The template's name in error messages (a file name).
    pub template_name: String,
    /// One document with a page break between letters, instead of one per recipient.
    pub combined: bool,
    /// Whose version: the public's (the default) or the team's draft.
    pub audience: Audience,
    /// Also write to the State bound by the commitments, which the letters
    /// otherwise leave out; with the default template it gets its own,
    /// direct letter ([`SUBJECT_TEMPLATE`]).
    pub include_subject: bool,
    /// The language of the fixed text: the default templates and the
    /// sentences written from the record, dates included. What the record
    /// holds stays as entered; the US or UK spelling applies to English.
    pub lang: Lang,
}

impl LetterOptions {
    /// The public's letters as of `as_of` to the list `recipients`.
    pub fn new(as_of: NaiveDate, recipients: impl Into<String>) -> Self {
        Self {
            as_of,
            recipients: recipients.into(),
            template: None,
            template_name: "default letter template".to_owned(),
            combined: false,
            audience: Audience::Public,
            include_subject: false,
            lang: Lang::En,
        }
    }
}

/// One letter, ready to render, with a file name stem for it.
#[derive(Debug, Clone)]
pub struct Letter {
    /// "01-albania": its position in the list and whom it is for; the
    /// team's draft's ends with "-draft".
    pub file_stem: String,
    pub document: Document,
}

/// A slug of a recipient list's name, by which it can be named.
pub fn list_slug(name: &str) -> String {
    text::file_slug(name)
}

// ---------------------------------------------------------------- template

#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Text(String),
    Field {
        name: String,
        optional: bool,
        capitalise: bool,
    },
}

#[derive(Debug, Clone)]
struct Line {
    number: usize,
    pieces: Vec<Piece>,
}

#[derive(Debug, Clone)]
enum Paragraph {
    Lines(Vec<Line>),
    Signatories,
    Letterhead,
}

/// A parsed template, checked against the known fields.
#[derive(Debug, Clone)]
pub struct Template {
    name: String,
    paragraphs: Vec<Paragraph>,
}

impl Template {
    /// Parses a template; unknown fields and unclosed `{{` are errors naming
    /// the line.
    pub fn parse(name: &str, source: &str) -> Result<Self> {
        let mut paragraphs = Vec::new();
        let mut current: Vec<Line> = Vec::new();
        for (i, raw) in source.lines().enumerate() {
            let number = i + 1;
            let trimmed = raw.trim();
            if trimmed.starts_with("{{!") {
                continue;
            }
            if trimmed.is_empty() {
                close_paragraph(&mut current, &mut paragraphs);
                continue;
            }
            let pieces = parse_line(trimmed)
                .map_err(|(field, message)| template_error(name, number, field, message))?;
            current.push(Line { number, pieces });
        }
        close_paragraph(&mut current, &mut paragraphs);
        Ok(Template {
            name: name.to_owned(),
            paragraphs,
        })
    }
}

impl Template {
    /// Whether the template has a `{{signatories}}` paragraph.
    fn is_signed(&self) -> bool {
        self.paragraphs
            .iter()
            .any(|p| matches!(p, Paragraph::Signatories))
    }
}

/// A template error at `line`, optionally naming the field at fault.
fn template_error(template: &str, line: usize, field: Option<String>, message: String) -> Error {
    Error::Template {
        template: template.to_owned(),
        line,
        field,
        message,
    }
}

/// Ends the paragraph being gathered, if any: a paragraph that is just
/// `{{signatories}}` becomes the signature blocks, one that is just
/// `{{letterhead}}` the letterhead.
fn close_paragraph(current: &mut Vec<Line>, paragraphs: &mut Vec<Paragraph>) {
    if current.is_empty() {
        return;
    }
    let lines = std::mem::take(current);
    let only = |field: &str| {
        lines.len() == 1
            && matches!(lines[0].pieces.as_slice(),
            [Piece::Field { name, .. }] if name == field)
    };
    paragraphs.push(if only("signatories") {
        Paragraph::Signatories
    } else if only("letterhead") {
        Paragraph::Letterhead
    } else {
        Paragraph::Lines(lines)
    });
}

/// Why a line does not parse: the field at fault, if any, and the message.
type LineError = (Option<String>, String);

/// Splits one trimmed, non-empty template line into text and merge fields.
fn parse_line(trimmed: &str) -> std::result::Result<Vec<Piece>, LineError> {
    let mut pieces = Vec::new();
    let mut rest = trimmed;
    while let Some(start) = rest.find("{{") {
        if start > 0 {
            pieces.push(Piece::Text(rest[..start].to_owned()));
        }
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            return Err((
                None,
                "a merge field opened with {{ is not closed with }}".to_owned(),
            ));
        };
        pieces.push(parse_field(after[..end].trim(), trimmed)?);
        rest = &after[end + 2..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text(rest.to_owned()));
    }
    Ok(pieces)
}

/// Parses what stands between `{{` and `}}`: a known field, optionally
/// marked `?` and filtered by `|capitalise`.
fn parse_field(spec: &str, trimmed: &str) -> std::result::Result<Piece, LineError> {
    let (spec, capitalise) = match spec.split_once('|') {
        Some((f, "capitalise")) => (f.trim(), true),
        Some((f, filter)) => {
            return Err((
                Some(f.trim().to_owned()),
                format!(
                    "unknown filter '|{}' on {{{{{}}}}} (the only filter is |capitalise)",
                    filter.trim(),
                    f.trim()
                ),
            ));
        }
        None => (spec, false),
    };
    let (field, optional) = match spec.strip_suffix('?') {
        Some(f) => (f.trim(), true),
        None => (spec, false),
    };
    if !FIELDS.iter().any(|(f, _)| *f == field) {
        let hint = closest_field(field)
            .map(|f| format!(" (did you mean {{{{{f}}}}}?)"))
            .unwrap_or_default();
        return Err((
            Some(field.to_owned()),
            format!("unknown merge field {{{{{field}}}}}{hint}"),
        ));
    }
    if BLOCK_FIELDS.contains(&field) && trimmed != format!("{{{{{field}}}}}") {
        return Err((
            Some(field.to_owned()),
            format!("{{{{{field}}}}} must be a paragraph of its own"),
        ));
    }
    Ok(Piece::Field {
        name: field.to_owned(),
        optional,
        capitalise,
    })
}

/// The known field nearest to a misspelt one, if any is close.
fn closest_field(field: &str) -> Option<&'static str> {
    FIELDS
        .iter()
        .map(|(f, _)| (*f, strsim::levenshtein(f, field)))
        .filter(|(_, d)| *d <= 3)
        .min_by_key(|(_, d)| *d)
        .map(|(f, _)| f)
}

// ---------------------------------------------------------------- values

/// The values of the fields that are the same for every recipient.
struct Common {
    lang: Lang,
    values: Vec<(&'static str, Option<String>)>,
    signatories: Vec<Signatory>,
    /// The publisher's name and address lines, for `{{letterhead}}`.
    letterhead: Vec<String>,
}

/// What the letters are built from besides the view.
struct Sender {
    signatories: Vec<Signatory>,
    /// The organisation that sends the letters: its name, then its address.
    letterhead: Vec<String>,
    spelling: Spelling,
    stakes: Option<String>,
}

fn common(view: &DossierView, extra: &Extra, sender: Sender, lang: Lang) -> Common {
    if lang != Lang::En {
        let mut values = foreign_common(lang, view);
        values.extend(first_commitment_values(lang, first_commitment(view)));
        values.extend(foreign_values(lang, view, extra, &sender));
        return Common {
            lang,
            values,
            signatories: sender.signatories,
            letterhead: sender.letterhead,
        };
    }
    let first = first_commitment(view);
    let n = view.commitments.len();
    let with = view.with_progress;
    let unassessed = content::tally(view).unassessed;
    let statements: Vec<String> = view.commitments.iter().map(content::statement).collect();
    let organisation = sender.letterhead.first().cloned().or_else(|| {
        sender
            .signatories
            .iter()
            .find_map(|s| s.organisation.clone())
    });
    let mut values = vec![
        ("date", Some(text::day(view.as_of))),
        ("dossier.title", Some(clean(&view.title))),
    ];
    values.extend(first_commitment_values(lang, first));
    values.extend([
        ("commitments.count", (n > 0).then(|| text::number(n))),
        (
            "commitments.list",
            (n > 0).then(|| text::join_and(&statements)),
        ),
        (
            "facts.since",
            first.map(|c| text::elapsed_words(c.made_on.earliest(), view.as_of)),
        ),
        ("facts.with_progress", Some(text::count(with))),
        (
            "facts.without_progress",
            Some(text::count(n - with - unassessed)),
        ),
        ("facts.overdue", Some(text::count(view.overdue))),
        (
            "facts.regressions",
            Some(text::count(view.regressions.len())),
        ),
        ("facts.progress", progress_sentence(with, n, unassessed)),
        ("facts.deadlines", Some(deadlines_sentence(view.overdue))),
        ("memo.title", Some(memo_title(lang, view))),
        ("organisation", organisation.as_deref().map(clean)),
    ]);
    values.extend(letter_values(view, extra, &sender));
    Common {
        lang,
        values,
        signatories: sender.signatories,
        letterhead: sender.letterhead,
    }
}

/// The fields every letter shares, in a language other than English:
/// counts in figures, the sentences from the catalogue.
fn foreign_common(lang: Lang, view: &DossierView) -> Vec<(&'static str, Option<String>)> {
    let n = view.commitments.len();
    let with = view.with_progress;
    let unassessed = content::tally(view).unassessed;
    let statements: Vec<String> = view
        .commitments
        .iter()
        .map(|c| text::quoted(lang, clean(&c.statement).trim_end_matches('.')))
        .collect();
    let first = first_commitment(view);
    let figure = |k: usize| Some(k.to_string());
    vec![
        ("date", Some(wording::day(lang, view.as_of))),
        ("dossier.title", Some(clean(&view.title))),
        ("commitments.count", (n > 0).then(|| n.to_string())),
        (
            "commitments.list",
            (n > 0).then(|| text::join_and_in(lang, &statements)),
        ),
        (
            "facts.since",
            first.map(|c| text::elapsed(lang, c.made_on.earliest(), view.as_of)),
        ),
        ("facts.with_progress", figure(with)),
        ("facts.without_progress", figure(n - with - unassessed)),
        ("facts.overdue", figure(view.overdue)),
        ("facts.regressions", figure(view.regressions.len())),
        (
            "facts.progress",
            (n > 0).then(|| {
                text::tr(
                    lang,
                    "letter-facts-progress",
                    &Args::new().count("with", with).count("n", n),
                )
            }),
        ),
        (
            "facts.deadlines",
            Some(text::tr(
                lang,
                "letter-facts-deadlines",
                &Args::new().count("o", view.overdue),
            )),
        ),
        ("memo.title", Some(memo_title(lang, view))),
    ]
}

/// The fields of the default letters' paragraphs in a language other
/// than English.
fn foreign_values(
    lang: Lang,
    view: &DossierView,
    extra: &Extra,
    sender: &Sender,
) -> Vec<(&'static str, Option<String>)> {
    let tally = content::tally(view);
    let has_commitments = !view.commitments.is_empty();
    let organisation = sender.letterhead.first().cloned().or_else(|| {
        sender
            .signatories
            .iter()
            .find_map(|s| s.organisation.clone())
    });
    vec![
        ("organisation", organisation.as_deref().map(clean)),
        ("subject", Some(foreign::subject_line(lang, view))),
        ("stakes", sender.stakes.as_deref().map(clean)),
        ("letter.opening", foreign::opening(lang, view, &tally)),
        (
            "letter.concern",
            has_commitments.then(|| foreign::concern(lang, &tally)),
        ),
        ("letter.background", content::background(view, extra)),
        ("letter.pledges", foreign::pledges(lang, view, extra)),
        (
            "letter.progress",
            foreign::progress(lang, view, &tally, false),
        ),
        (
            "letter.direct_progress",
            foreign::progress(lang, view, &tally, true),
        ),
        ("letter.made", foreign::made(lang, view)),
        (
            "letter.memo",
            has_commitments.then(|| foreign::memo(lang, view, &tally, &memo_title(lang, view))),
        ),
        (
            "letter.request",
            foreign::request(lang, view, sender.stakes.as_deref()),
        ),
        (
            "letter.fulfill",
            Some(sender.spelling.word("fulfill").to_owned()),
        ),
    ]
}

/// The fields of the default letters' paragraphs.
fn letter_values(
    view: &DossierView,
    extra: &Extra,
    sender: &Sender,
) -> Vec<(&'static str, Option<String>)> {
    let tally = content::tally(view);
    let spelling = sender.spelling;
    let has_commitments = !view.commitments.is_empty();
    vec![
        ("subject", Some(content::subject_line(view))),
        ("stakes", sender.stakes.as_deref().map(clean)),
        ("letter.opening", content::opening(view, &tally)),
        (
            "letter.concern",
            has_commitments.then(|| words::concern_phrase(&tally, spelling)),
        ),
        ("letter.background", content::background(view, extra)),
        ("letter.pledges", content::pledges(view, extra)),
        ("letter.progress", content::progress(view, &tally, spelling)),
        (
            "letter.direct_progress",
            content::direct_progress(view, &tally, spelling),
        ),
        ("letter.made", content::made(view)),
        (
            "letter.memo",
            has_commitments
                .then(|| content::memo(view, &tally, spelling, &memo_title(Lang::En, view))),
        ),
        (
            "letter.request",
            content::request(view, sender.stakes.as_deref()),
        ),
        ("letter.fulfill", Some(spelling.word("fulfill").to_owned())),
    ]
}

/// The commitment the letter speaks of as the first.
fn first_commitment(view: &DossierView) -> Option<&CommitmentView> {
    content::first_commitment(view)
}

/// The fields taken from the first commitment: who is bound, who pledged
/// and where.
fn first_commitment_values(
    lang: Lang,
    first: Option<&CommitmentView>,
) -> [(&'static str, Option<String>); 6] {
    let made_by = first.and_then(|c| c.made_by.as_ref());
    let occasion = first.and_then(|c| c.occasion.as_ref());
    [
        ("bound", first.map(|c| clean(&c.bound.name))),
        ("pledger", made_by.map(|a| clean(&a.name))),
        (
            "pledger.role",
            made_by.and_then(|a| a.role.as_deref()).map(clean),
        ),
        ("occasion", occasion.map(|o| clean(&o.title))),
        (
            "occasion.place",
            occasion.and_then(|o| o.place.as_deref()).map(clean),
        ),
        (
            "occasion.date",
            occasion.map(|o| wording::span(lang, &o.starts, o.ends.as_ref())),
        ),
    ]
}

/// `{{facts.progress}}`: how many of `n` commitments show progress, or
/// nothing when there are none; while none has been assessed, that.
fn progress_sentence(with: usize, n: usize, unassessed: usize) -> Option<String> {
    match (with, n) {
        (_, 0) => None,
        (0, 1) if unassessed == 1 => Some("the commitment has not yet been assessed".to_owned()),
        (0, _) if unassessed == n => Some(format!(
            "none of the {} commitments has yet been assessed",
            text::number(n)
        )),
        (0, 1) => Some("the commitment shows no progress".to_owned()),
        (1, 1) => Some("the commitment shows progress".to_owned()),
        (0, _) => Some(format!(
            "none of the {} commitments shows any progress",
            text::number(n)
        )),
        (w, _) if w == n => Some(format!("all {} commitments show progress", text::number(n))),
        (w, _) => Some(format!(
            "{} of the {} commitments {} progress and {} {} none",
            text::number(w),
            text::number(n),
            if w == 1 { "shows" } else { "show" },
            text::number(n - w),
            if n - w == 1 { "shows" } else { "show" },
        )),
    }
}

/// `{{facts.deadlines}}`: how many commitments are past their deadline.
fn deadlines_sentence(overdue: usize) -> String {
    match overdue {
        0 => "none is yet past its deadline".to_owned(),
        1 => "one is past its deadline".to_owned(),
        o => format!("{} are past their deadline", text::number(o)),
    }
}

/// The memorandum's title as the letter refers to it.
fn memo_title(lang: Lang, view: &DossierView) -> String {
    crate::memo::memo_title(lang, view)
}

fn recipient_value(r: &Recipient, field: &str) -> Option<Option<String>> {
    let non_empty = |s: &str| {
        let s = clean(s);
        (!s.is_empty()).then_some(s)
    };
    Some(match field {
        "recipient.name" => r.name.as_deref().and_then(non_empty),
        "recipient.title" => non_empty(&r.title),
        "recipient.state" => r.state.as_deref().and_then(non_empty),
        "recipient.salutation" => non_empty(&r.salutation),
        "recipient.address" => {
            let lines: Vec<String> = recipient_address(r)
                .iter()
                .map(|l| clean(l))
                .filter(|l| !l.is_empty())
                .collect();
            (!lines.is_empty()).then(|| lines.join("\n"))
        }
        "recipient.addressee" => r.name.as_deref().and_then(non_empty).or_else(|| {
            let title = non_empty(&r.title)?;
            Some(match r.state.as_deref().and_then(non_empty) {
                Some(state) => format!("{title}, {state}"),
                None => title,
            })
        }),
        _ => return None,
    })
}

fn who(r: &Recipient) -> String {
    let mut parts = Vec::new();
    if let Some(n) = &r.name {
        parts.push(clean(n));
    }
    if let Some(s) = &r.state {
        parts.push(clean(s));
    }
    if parts.is_empty() {
        parts.push(clean(&r.title));
    }
    parts.join(", ")
}

/// One letter: where it starts (with the letterhead, when the template
/// has one), then the template's paragraphs filled in for `recipient`,
/// signed by `signatories`.
fn fill(
    template: &Template,
    common: &Common,
    recipient: &Recipient,
    position: usize,
    signatories: &[Signatory],
    doc: &mut Document,
) -> Result<()> {
    let has_letterhead = template
        .paragraphs
        .iter()
        .any(|p| matches!(p, Paragraph::Letterhead));
    doc.blocks.push(Block::LetterStart {
        letterhead: if has_letterhead {
            common.letterhead.clone()
        } else {
            Vec::new()
        },
    });
    for paragraph in &template.paragraphs {
        match paragraph {
            Paragraph::Letterhead => {}
            Paragraph::Signatories => push_signatories(signatories, doc),
            Paragraph::Lines(lines) => {
                let mut out: Vec<Vec<Inline>> = Vec::new();
                for line in lines {
                    let filled = fill_line(template, common, recipient, position, line)?;
                    // A multi-line value (an address) gives one line each.
                    for text_line in filled.iter().flat_map(|t| t.split('\n')) {
                        out.push(vec![Inline::text(clean(text_line))]);
                    }
                }
                match out.len() {
                    0 => {}
                    1 => doc.para(Role::Plain, out.remove(0)),
                    _ => doc.blocks.push(Block::Lines { lines: out }),
                }
            }
        }
    }
    Ok(())
}

/// One signature block per signatory: the name in bold, the title, then the
/// division and organisation where recorded.
fn push_signatories(signatories: &[Signatory], doc: &mut Document) {
    for s in signatories {
        let mut lines = vec![vec![Inline::strong(clean(&s.name))]];
        lines.push(vec![Inline::text(clean(&s.title))]);
        for extra in [&s.division, &s.organisation].into_iter().flatten() {
            lines.push(vec![Inline::text(clean(extra))]);
        }
        doc.blocks.push(Block::Lines { lines });
    }
}

/// One template line with its fields filled in; `None` when its fields are
/// all optional and empty and it has no text, so the line is dropped.
fn fill_line(
    template: &Template,
    common: &Common,
    recipient: &Recipient,
    position: usize,
    line: &Line,
) -> Result<Option<String>> {
    let mut text_line = String::new();
    let mut had_field = false;
    let mut all_empty_optional = true;
    for piece in &line.pieces {
        match piece {
            Piece::Text(t) => {
                text_line.push_str(t);
                all_empty_optional = false;
            }
            Piece::Field {
                name,
                optional,
                capitalise,
            } => {
                had_field = true;
                match field_value(common, recipient, name) {
                    Some(v) => {
                        all_empty_optional = false;
                        if *capitalise {
                            text_line.push_str(&text::capitalise(&v));
                        } else {
                            text_line.push_str(&v);
                        }
                    }
                    None if *optional => {}
                    None => {
                        return Err(missing_value(template, recipient, position, line, name));
                    }
                }
            }
        }
    }
    Ok((!(had_field && all_empty_optional)).then_some(text_line))
}

/// A field's value for this recipient: the recipient's own fields first,
/// then those common to every letter.
fn field_value(common: &Common, recipient: &Recipient, name: &str) -> Option<String> {
    if name == "letter.salutation" {
        return foreign::salutation(common.lang, &recipient.salutation);
    }
    match recipient_value(recipient, name) {
        Some(v) => v,
        None => common
            .values
            .iter()
            .find(|(f, _)| *f == name)
            .and_then(|(_, v)| v.clone()),
    }
}

/// The error for a required field without a value, saying whose it is.
fn missing_value(
    template: &Template,
    recipient: &Recipient,
    position: usize,
    line: &Line,
    name: &str,
) -> Error {
    let whose = if name.starts_with("recipient.") {
        format!("recipient {position} ({}) of the list", who(recipient))
    } else {
        "this dossier".to_owned()
    };
    template_error(
        &template.name,
        line.number,
        Some(name.to_owned()),
        format!(
            "merge field {{{{{name}}}}} has no value for {whose}; \
             record it, or write {{{{{name}?}}}} to leave the line out"
        ),
    )
}

// ---------------------------------------------------------------- loading

/// What the letters read from the dossier record itself.
struct DossierParts {
    lists: Vec<RecipientList>,
    signatories: Vec<Signatory>,
    commitments: Vec<CommitmentId>,
}

async fn dossier_entities(store: &dyn Storage, slug: &Slug) -> Result<DossierParts> {
    let dossier = store
        .dossier_by_slug(slug)
        .await?
        .filter(|d| d.meta.deleted_at.is_none())
        .ok_or_else(|| pledgewatch_core::Error::NotFound {
            kind: "dossier",
            id: slug.to_string(),
        })?
        .entity;
    let lists = store.get_records(&dossier.recipient_lists).await?;
    let signatories = store.get_records(&dossier.signatories).await?;
    Ok(DossierParts {
        lists: lists.into_iter().map(|l| l.entity).collect(),
        signatories: signatories.into_iter().map(|s| s.entity).collect(),
        commitments: dossier.commitments,
    })
}

/// The organisation the dossier's signatories belong to, if recorded.
pub(crate) async fn organisation(store: &dyn Storage, slug: &Slug) -> Result<Option<String>> {
    let parts = dossier_entities(store, slug).await?;
    Ok(parts.signatories.into_iter().find_map(|s| s.organisation))
}

/// The names of the dossier's recipient lists, with the slug each may be named by.
pub async fn recipient_lists(store: &dyn Storage, slug: &Slug) -> Result<Vec<(String, String)>> {
    let parts = dossier_entities(store, slug).await?;
    Ok(parts
        .lists
        .into_iter()
        .map(|l| (l.name.to_string(), list_slug(&l.name)))
        .collect())
}

/// The letters written, and whom they leave out.
#[derive(Debug, Clone)]
pub struct LetterSet {
    /// One letter per recipient, or one combined document.
    pub letters: Vec<Letter>,
    /// How many recipients were written to.
    pub written: usize,
    /// The State bound by the commitments, when it is on the list and was
    /// left out (see [`LetterOptions::include_subject`]).
    pub left_out: Option<String>,
}

impl LetterSet {
    /// "55 letters; Kazakhstan, the State bound by these commitments, is
    /// left out".
    pub fn summary(&self) -> String {
        let letters = match self.written {
            1 => "1 letter".to_owned(),
            n => format!("{n} letters"),
        };
        match &self.left_out {
            Some(state) => {
                format!("{letters}; {state}, the State bound by these commitments, is left out")
            }
            None => letters,
        }
    }
}

/// Builds the letters of dossier `slug`: one per recipient, or one combined.
/// For the public, a dossier or recipient list that is not published is
/// refused ([`Error::NotPublished`]).
pub async fn letter_documents(
    store: &dyn Storage,
    slug: &Slug,
    options: &LetterOptions,
) -> Result<Vec<Letter>> {
    Ok(letter_set(store, slug, options).await?.letters)
}

/// The templates the letters are written with: to the other recipients,
/// and to the State bound itself.
fn templates(options: &LetterOptions) -> Result<(Template, Template)> {
    let (default, default_subject) = default_templates(options.lang);
    let main = Template::parse(
        &options.template_name,
        options.template.as_deref().unwrap_or(default),
    )?;
    let subject = match &options.template {
        Some(_) => main.clone(),
        None => Template::parse("default letter to the State bound", default_subject)?,
    };
    Ok((main, subject))
}

/// Builds the letters of dossier `slug` and says whom they leave out: the
/// State bound by the commitments never gets the letter asking others to
/// press it; with [`LetterOptions::include_subject`] it gets its own.
pub async fn letter_set(
    store: &dyn Storage,
    slug: &Slug,
    options: &LetterOptions,
) -> Result<LetterSet> {
    let (template, subject_template) = templates(options)?;
    let reader = Reader::open(store, slug, options.audience).await?;
    let parts = dossier_entities(reader.store(), slug).await?;
    let list = chosen_list(&reader, parts.lists.clone(), slug, &options.recipients).await?;
    // The team's view of the public projection is the public view.
    let view = dossier_view(reader.store(), slug, options.as_of).await?;
    let extra = content::load(reader.store(), &view, &parts.commitments).await?;
    let sender = sender(&view, parts.signatories.clone());
    let common = common(&view, &extra, sender, options.lang);
    let named = named_signatories(reader.store(), &list).await?;
    let mut out = Output::new(&reader, &view, &list, options);
    let mut left_out = None;
    for (i, recipient) in list.recipients.iter().enumerate() {
        let to_subject = extra
            .subject
            .as_ref()
            .is_some_and(|s| content::is_subject(s, recipient.state.as_deref()));
        if to_subject && !options.include_subject {
            left_out = extra.subject.as_ref().map(|s| clean(&s.name));
            continue;
        }
        let template = if to_subject {
            &subject_template
        } else {
            &template
        };
        let mut doc = Document {
            title: text::tr(
                options.lang,
                "letter-title",
                &Args::new().str("who", who(recipient)),
            ),
            lang: options.lang.code().to_owned(),
            watermark: reader.watermark(options.lang),
            ..Document::default()
        };
        let signatories = signatories_for(&common, &named, &list, recipient);
        if signatories.is_empty() && template.is_signed() {
            return Err(Error::NoSignatory {
                recipient: who(recipient),
                list: clean(&list.name),
            });
        }
        fill(template, &common, recipient, i + 1, &signatories, &mut doc)?;
        out.push(&reader, i + 1, recipient, doc);
    }
    let written = out.written;
    Ok(LetterSet {
        letters: out.finish(&reader, &list),
        written,
        left_out,
    })
}

/// Who sends the letters: the dossier's signatories, and its publisher's
/// letterhead (name, address, website, email), spelling and stakes.
fn sender(view: &DossierView, signatories: Vec<Signatory>) -> Sender {
    let publisher = view
        .publisher
        .as_ref()
        .filter(|p| !p.name.trim().is_empty());
    let letterhead = publisher
        .map(|p| {
            std::iter::once(&p.name)
                .chain(&p.address)
                .chain(&p.website)
                .chain(&p.email)
                .map(|l| clean(l))
                .filter(|l| !l.is_empty())
                .collect()
        })
        .unwrap_or_default();
    Sender {
        signatories,
        letterhead,
        spelling: publisher.map(|p| p.spelling).unwrap_or_default(),
        stakes: view.stakes.clone(),
    }
}

/// The signatories a recipient list and its recipients name, read through
/// the reader (so the public's letters use only published ones).
async fn named_signatories(store: &dyn Storage, list: &RecipientList) -> Result<Vec<Signatory>> {
    let ids: Vec<SignatoryId> = list
        .signatories
        .iter()
        .chain(list.recipients.iter().flat_map(|r| r.signatories.iter()))
        .copied()
        .collect();
    Ok(store
        .get_records(&ids)
        .await?
        .into_iter()
        .map(|s| s.entity)
        .collect())
}

/// Who signs the letter to `recipient`: its own signatories, else the
/// list's, else the dossier's (those named but not readable are skipped).
fn signatories_for(
    common: &Common,
    named: &[Signatory],
    list: &RecipientList,
    recipient: &Recipient,
) -> Vec<Signatory> {
    let pick = |ids: &[SignatoryId]| -> Vec<Signatory> {
        ids.iter()
            .filter_map(|id| named.iter().find(|s| s.id == *id).cloned())
            .collect()
    };
    let own = pick(&recipient.signatories);
    if !own.is_empty() {
        return own;
    }
    let listed = pick(&list.signatories);
    if !listed.is_empty() {
        return listed;
    }
    common.signatories.clone()
}

/// A recipient's postal address lines.
fn recipient_address(r: &Recipient) -> &[String] {
    &r.address
}

/// The letters as they are written: one document each, or one combined.
struct Output {
    letters: Vec<Letter>,
    combined: Option<Document>,
    width: usize,
    written: usize,
}

impl Output {
    fn new(
        reader: &Reader<'_>,
        view: &DossierView,
        list: &RecipientList,
        options: &LetterOptions,
    ) -> Self {
        let lang = options.lang;
        Output {
            letters: Vec::new(),
            combined: options.combined.then(|| Document {
                title: text::tr(
                    lang,
                    "letter-titles",
                    &Args::new().str("title", memo_title(lang, view)),
                ),
                lang: lang.code().to_owned(),
                watermark: reader.watermark(lang),
                ..Document::default()
            }),
            width: list.recipients.len().to_string().len().max(2),
            written: 0,
        }
    }

    fn push(&mut self, reader: &Reader<'_>, position: usize, recipient: &Recipient, doc: Document) {
        self.written += 1;
        match &mut self.combined {
            Some(combined) => {
                if !combined.blocks.is_empty() {
                    combined.blocks.push(Block::PageBreak);
                }
                combined.blocks.extend(doc.blocks);
            }
            None => {
                let width = self.width;
                self.letters.push(Letter {
                    file_stem: reader.file_stem(format!(
                        "{position:0width$}-{}",
                        text::file_slug(&who(recipient))
                    )),
                    document: doc,
                });
            }
        }
    }

    fn finish(mut self, reader: &Reader<'_>, list: &RecipientList) -> Vec<Letter> {
        if let Some(combined) = self.combined.take() {
            self.letters.push(Letter {
                file_stem: reader.file_stem(format!("letters-{}", list_slug(&list.name))),
                document: combined,
            });
        }
        self.letters
    }
}

/// Whether a recipient list is the one named `wanted` (its name, or its slug).
fn is_named(list: &RecipientList, wanted: &str) -> bool {
    list.name.trim().eq_ignore_ascii_case(wanted) || list_slug(&list.name) == wanted.to_lowercase()
}

/// The recipient list named `wanted` among `lists` (those the reader may
/// see), refused when it is empty; for the public, a list the team holds
/// but has not published is named as such.
async fn chosen_list(
    reader: &Reader<'_>,
    lists: Vec<RecipientList>,
    slug: &Slug,
    wanted: &str,
) -> Result<RecipientList> {
    let wanted = wanted.trim();
    let Some(list) = lists.into_iter().find(|l| is_named(l, wanted)) else {
        if !reader.is_team() {
            let team_lists = dossier_entities(reader.team_store(), slug).await?.lists;
            if let Some(l) = team_lists.iter().find(|l| is_named(l, wanted)) {
                return Err(Error::NotPublished {
                    what: format!("the recipient list '{}'", l.name),
                });
            }
        }
        return Err(pledgewatch_core::Error::from(pledgewatch_core::error::FieldError::new(
            "recipients",
            format!(
                "dossier {slug} has no recipient list named '{wanted}' (see `pledgewatch letter --help` for how lists are named)"
            ),
        ))
        .into());
    };
    if list.recipients.is_empty() {
        return Err(
            pledgewatch_core::Error::from(pledgewatch_core::error::FieldError::new(
                "recipients",
                format!("the recipient list '{}' is empty", list.name),
            ))
            .into(),
        );
    }
    Ok(list)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_misspelt_field_is_an_error_naming_it_and_its_line() {
        let err = Template::parse("my.txt", "Hello\n\n{{recipient.salutaton}},\n").unwrap_err();
        let text = err.to_string();
        assert!(text.contains("my.txt, line 3"), "{text}");
        assert!(text.contains("{{recipient.salutaton}}"), "{text}");
        assert!(
            text.contains("did you mean {{recipient.salutation}}"),
            "{text}"
        );
    }

    #[test]
    fn an_unclosed_field_and_an_unknown_filter_are_errors() {
        assert!(
            Template::parse("t", "a {{date")
                .unwrap_err()
                .to_string()
                .contains("line 1")
        );
        let e = Template::parse("t", "\n{{date|shout}}")
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 2") && e.contains("|shout"), "{e}");
    }

    #[test]
    fn the_progress_fact_never_calls_unassessed_commitments_without_progress() {
        assert_eq!(
            progress_sentence(0, 6, 6).as_deref(),
            Some("none of the six commitments has yet been assessed")
        );
        assert_eq!(
            progress_sentence(0, 1, 1).as_deref(),
            Some("the commitment has not yet been assessed")
        );
        assert_eq!(
            progress_sentence(0, 6, 0).as_deref(),
            Some("none of the six commitments shows any progress")
        );
    }

    #[test]
    fn the_default_template_parses() {
        let t = Template::parse("default", DEFAULT_TEMPLATE).unwrap();
        assert!(
            t.paragraphs
                .iter()
                .any(|p| matches!(p, Paragraph::Signatories))
        );
    }
}
