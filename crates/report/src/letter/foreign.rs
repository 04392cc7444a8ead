//! The default letters' paragraphs in a language other than English: each
//! sentence shape is one message of the `letter` catalogue, with the counts
//! as numbers (which pick the plural forms) and the record's words (what
//! was promised, names, titles) quoted as they were entered.
//!
//! English letters keep their own generator ([`super::content`] and
//! [`super::words`]), which follows the publisher's US or UK spelling.

use pledgewatch_core::lang::{Args, Lang};
use pledgewatch_core::view::{CommitmentView, DossierView};
use pledgewatch_core::wording;

use super::content::{self, Extra};
use super::words::Tally;
use crate::text::{self, clean};

/// The record's statement of a commitment, quoted as entered.
fn quoted_statement(lang: Lang, c: &CommitmentView) -> String {
    text::quoted(lang, clean(&c.statement).trim_end_matches('.'))
}

/// "Madrid, 29–30 ноября 2007 г.", or the span alone.
fn occasion_when(lang: Lang, c: &CommitmentView) -> Option<(String, Option<String>, String)> {
    let o = c.occasion.as_ref()?;
    let span = wording::span(lang, &o.starts, o.ends.as_ref());
    Some((clean(&o.title), o.place.as_deref().map(clean), span))
}

/// The subject line.
pub(super) fn subject_line(lang: Lang, view: &DossierView) -> String {
    let Some(first) = content::first_commitment(view) else {
        return clean(&view.title);
    };
    let bound = clean(&first.bound.name);
    match occasion_when(lang, first) {
        Some((occasion, place, span)) => {
            let when = match place {
                Some(place) => text::tr(
                    lang,
                    "letter-when-place",
                    &Args::new().str("place", place).str("span", span),
                ),
                None => span,
            };
            text::tr(
                lang,
                "letter-subject-at",
                &Args::new()
                    .str("bound", bound)
                    .str("occasion", occasion)
                    .str("when", when),
            )
        }
        None => text::tr(
            lang,
            "letter-subject-on",
            &Args::new()
                .str("bound", bound)
                .str("date", wording::precise(lang, &first.made_on)),
        ),
    }
}

/// Where the commitments were made: "на мероприятии «…» (Madrid, …)".
pub(super) fn made(lang: Lang, view: &DossierView) -> Option<String> {
    let first = content::first_commitment(view)?;
    Some(match occasion_when(lang, first) {
        Some((occasion, Some(place), when)) => text::tr(
            lang,
            "letter-made-at-in",
            &Args::new()
                .str("occasion", occasion)
                .str("place", place)
                .str("when", when),
        ),
        Some((occasion, None, when)) => text::tr(
            lang,
            "letter-made-at",
            &Args::new().str("occasion", occasion).str("when", when),
        ),
        None => text::tr(
            lang,
            "letter-made-on",
            &Args::new().str("date", wording::precise(lang, &first.made_on)),
        ),
    })
}

/// The time since the first commitment was made.
fn since(lang: Lang, view: &DossierView) -> Option<String> {
    let first = content::first_commitment(view)?;
    Some(text::elapsed(lang, first.made_on.earliest(), view.as_of))
}

/// "Почти 6 месяцев назад на мероприятии «…» от имени … были приняты 6
/// публичных обязательств."
pub(super) fn opening(lang: Lang, view: &DossierView, tally: &Tally) -> Option<String> {
    let first = content::first_commitment(view)?;
    let at = match &first.occasion {
        Some(o) => match o.place.as_deref().map(clean) {
            Some(place) => text::tr(
                lang,
                "letter-at-in",
                &Args::new()
                    .str("occasion", clean(&o.title))
                    .str("place", place),
            ),
            None => text::tr(
                lang,
                "letter-at",
                &Args::new().str("occasion", clean(&o.title)),
            ),
        },
        None => String::new(),
    };
    let opening = text::tr(
        lang,
        "letter-opening",
        &Args::new()
            .str("since", since(lang, view)?)
            .str("at", at)
            .str("bound", clean(&first.bound.name))
            .count("n", tally.total),
    );
    Some(text::capitalise(&opening))
}

/// What the letter asks the addressee to raise.
pub(super) fn concern(lang: Lang, t: &Tally) -> String {
    let shape = if t.progress == 0 && t.lacks_progress() {
        "lack"
    } else if t.progress == 0 {
        "steps"
    } else if t.progress < t.total {
        "progress"
    } else {
        "steps-still"
    };
    text::tr(
        lang,
        "letter-concern",
        &Args::new().str("shape", shape).count("n", t.total),
    )
}

/// Who pledged what on behalf of whom, each group of commitments with its
/// timing.
pub(super) fn pledges(lang: Lang, view: &DossierView, extra: &Extra) -> Option<String> {
    let first = content::first_commitment(view)?;
    let mut groups: Vec<(Option<String>, Vec<String>)> = Vec::new();
    for c in &view.commitments {
        let words = content::timing_words(c, extra, lang);
        let statement = quoted_statement(lang, c);
        match groups.iter_mut().find(|(w, _)| *w == words) {
            Some((_, list)) => list.push(statement),
            None => groups.push((words, vec![statement])),
        }
    }
    let list: Vec<String> = groups
        .into_iter()
        .map(|(timing, statements)| {
            let statements = text::join_and_in(lang, &statements);
            match timing {
                Some(timing) => text::tr(
                    lang,
                    "letter-group",
                    &Args::new()
                        .str("statements", statements)
                        .str("timing", timing),
                ),
                None => statements,
            }
        })
        .collect();
    let args = Args::new()
        .str("made", text::capitalise(&made(lang, view)?))
        .str("bound", clean(&first.bound.name))
        .str("list", list.join("; "));
    Some(match &first.made_by {
        Some(p) => {
            let pledger = match &p.role {
                Some(role) => text::tr(
                    lang,
                    "letter-pledger-role",
                    &Args::new()
                        .str("name", clean(&p.name))
                        .str("role", clean(role)),
                ),
                None => clean(&p.name),
            };
            text::tr(lang, "letter-pledges-by", &args.str("pledger", pledger))
        }
        None => text::tr(lang, "letter-pledges", &args),
    })
}

/// The facts of the progress paragraph: progress, none, backtracking and
/// those not yet assessed, as the ratings say.
fn facts(lang: Lang, t: &Tally, direct: bool) -> String {
    if t.unassessed == t.total {
        return lang.t("letter-too-early");
    }
    let n = t.total;
    let mut facts = Vec::new();
    if t.progress > 0 {
        facts.push(text::tr(
            lang,
            "letter-fact-progress",
            &Args::new().count("p", t.progress).count("n", n),
        ));
    }
    let k = t.without_progress();
    if k > 0 {
        facts.push(text::tr(
            lang,
            "letter-fact-none",
            &Args::new()
                .count("k", k)
                .count("n", n)
                .str("all", if k == n { "yes" } else { "no" }),
        ));
    }
    if !t.backtracking.is_empty() {
        let list: Vec<String> = t
            .backtracking
            .iter()
            .map(|s| text::quoted(lang, &text::capitalise(s)))
            .collect();
        facts.push(text::tr(
            lang,
            "letter-fact-back",
            &Args::new()
                .count("b", t.backtracking.len())
                .str("direct", if direct { "yes" } else { "no" })
                .str("list", text::join_and_in(lang, &list)),
        ));
    }
    if t.unassessed > 0 {
        facts.push(text::tr(
            lang,
            "letter-fact-unassessed",
            &Args::new().count("u", t.unassessed),
        ));
    }
    facts.join("; ")
}

/// The sentence on deadlines passed, if any has.
fn overdue(lang: Lang, t: &Tally) -> Option<String> {
    let shape = match (t.overdue, t.total) {
        (0, _) => return None,
        (1, 1) => "single",
        (o, n) if o == n => "all",
        _ => "some",
    };
    Some(text::tr(
        lang,
        "letter-overdue",
        &Args::new()
            .str("shape", shape)
            .count("o", t.overdue)
            .count("n", t.total),
    ))
}

/// The progress paragraph (`direct` for the letter to the government
/// bound itself).
pub(super) fn progress(lang: Lang, view: &DossierView, t: &Tally, direct: bool) -> Option<String> {
    let shortfall = t.progress + t.unassessed < t.total;
    let since = since(lang, view)?;
    let args = Args::new()
        .count("n", t.total)
        .str("yet", if shortfall { "yes" } else { "no" })
        .str("facts", facts(lang, t, direct));
    let mut s = if direct {
        text::capitalise(&text::tr(
            lang,
            "letter-direct-progress",
            &args.str("since", since),
        ))
    } else {
        let since = if shortfall {
            since
        } else {
            text::capitalise(&since)
        };
        text::tr(lang, "letter-progress", &args.str("since", since))
    };
    if let Some(o) = overdue(lang, t) {
        s.push(' ');
        s.push_str(&o);
    }
    Some(s)
}

/// The paragraph on the attached memorandum.
pub(super) fn memo(lang: Lang, view: &DossierView, t: &Tally, title: &str) -> String {
    let with_steps = view
        .commitments
        .iter()
        .filter(|c| !c.recommendations.is_empty())
        .count();
    let steps = if with_steps > 0 && with_steps == t.total {
        text::tr(
            lang,
            "letter-memo-steps-all",
            &Args::new().count("n", t.total),
        )
    } else if with_steps > 0 {
        text::tr(
            lang,
            "letter-memo-steps-some",
            &Args::new().count("k", with_steps),
        )
    } else {
        String::new()
    };
    let mut s = text::tr(
        lang,
        "letter-memo",
        &Args::new()
            .str("title", title)
            .count("n", t.total)
            .str("steps", steps),
    );
    let concerns: Vec<_> = view
        .concerns
        .iter()
        .filter(|c| !c.developments.is_empty())
        .collect();
    if !concerns.is_empty() {
        s.push(' ');
        s.push_str(
            &lang.t(if concerns.iter().any(|c| !c.recommendations.is_empty()) {
                "letter-memo-concerns-steps"
            } else {
                "letter-memo-concerns"
            }),
        );
    }
    s
}

/// The request, then the dossier's stakes (as entered).
pub(super) fn request(lang: Lang, view: &DossierView, stakes: Option<&str>) -> Option<String> {
    let bound = clean(&content::first_commitment(view)?.bound.name);
    let mut s = text::tr(lang, "letter-request", &Args::new().str("bound", bound));
    if let Some(stakes) = stakes.map(clean).filter(|s| !s.is_empty()) {
        s.push(' ');
        s.push_str(&content::sentence(&stakes));
    }
    Some(s)
}

/// The salutation in the letter's language when the list gives one of the
/// usual English forms ("Dear Minister"). Another English form ("Dear
/// Secretary of State") becomes the language's general salutation in a
/// letter not in English, so that no letter opens in another language; any
/// other stays as entered.
pub(super) fn salutation(lang: Lang, entered: &str) -> Option<String> {
    let entered = clean(entered);
    let key = entered
        .trim_end_matches([',', ':', '!'])
        .trim()
        .to_lowercase();
    Some(match key.as_str() {
        "" => return None,
        "dear minister" | "dear mr minister" | "dear mr. minister" => {
            lang.t("letter-salutation-minister")
        }
        "dear sir or madam" | "dear sirs" | "to whom it may concern" => {
            lang.t("letter-salutation-general")
        }
        other if lang != Lang::En && other.starts_with("dear ") => {
            lang.t("letter-salutation-general")
        }
        _ => format!("{entered},"),
    })
}
