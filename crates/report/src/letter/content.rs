//! What the default letters say, from the dossier as of the letter's date:
//! the background (what happened before the commitments were made), each
//! commitment with its timing in words, progress and backtracking as the
//! ratings say, the memorandum attached, and the request.
//!
//! The view ([`DossierView`]) decides what was known on the date; the
//! records read here only add what the view does not carry (a timing's
//! milestone, whether a development is part of the baseline, the bound
//! actor's other names).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use pledgewatch_core::facts::{self, DeadlineState, ResolvedDate};
use pledgewatch_core::ids::{ActorId, CommitmentId, DevelopmentId, MilestoneId};
use pledgewatch_core::lang::{Args, Lang};
use pledgewatch_core::model::{
    Actor, Commitment, DateRef, Development, Milestone, Origin, Records, Timing,
};
use pledgewatch_core::scale::Verdict;
use pledgewatch_core::storage::Storage;
use pledgewatch_core::view::{CommitmentView, DossierView};
use pledgewatch_core::wording;

use super::words::{self, Noun, Spelling, Tally, Words};
use crate::error::Result;
use crate::text::{self, clean};

/// The records a letter needs beyond the view.
#[derive(Debug, Default)]
pub(crate) struct Extra {
    commitments: HashMap<CommitmentId, Commitment>,
    milestones: HashMap<MilestoneId, Milestone>,
    baseline: HashSet<DevelopmentId>,
    /// The actor bound by most of the dossier's commitments.
    pub subject: Option<Actor>,
}

/// Reads what the letter needs beyond the view: the dossier's commitments
/// (all of them, to know its subject even before any was made), their
/// milestones and the developments the view shows.
pub(crate) async fn load(
    store: &dyn Storage,
    view: &DossierView,
    all_commitments: &[CommitmentId],
) -> Result<Extra> {
    let commitments: Vec<Commitment> = store
        .get_records(all_commitments)
        .await?
        .into_iter()
        .map(|s| s.entity)
        .collect();
    let milestone_ids: Vec<MilestoneId> = commitments
        .iter()
        .flat_map(|c| c.timing.milestones())
        .collect();
    let milestones = store
        .get_records(&milestone_ids)
        .await?
        .into_iter()
        .map(|s| (s.entity.id, s.entity))
        .collect();
    let development_ids: Vec<DevelopmentId> = view
        .commitments
        .iter()
        .flat_map(|c| c.developments.iter().map(|d| d.id))
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let baseline = store
        .get_records(&development_ids)
        .await?
        .into_iter()
        .map(|s| s.entity)
        .filter(|d: &Development| d.baseline)
        .map(|d| d.id)
        .collect();
    let subject = match subject_of(&commitments) {
        Some(id) => store.get_records(&[id]).await?.pop().map(|s| s.entity),
        None => None,
    };
    Ok(Extra {
        commitments: commitments.into_iter().map(|c| (c.id, c)).collect(),
        milestones,
        baseline,
        subject,
    })
}

/// The actor bound by most commitments (the first named on a tie).
fn subject_of(commitments: &[Commitment]) -> Option<ActorId> {
    let mut counts: Vec<(ActorId, usize)> = Vec::new();
    for c in commitments {
        match counts.iter_mut().find(|(a, _)| *a == c.bound) {
            Some((_, n)) => *n += 1,
            None => counts.push((c.bound, 1)),
        }
    }
    let most = counts.iter().map(|(_, n)| *n).max()?;
    counts.into_iter().find(|(_, n)| *n == most).map(|(a, _)| a)
}

/// The formal prefixes a State's name may carry on a recipient list
/// ("Kingdom of Bahrain", "Republic of Kazakhstan"): a recipient whose state
/// is one of these, in any case and optionally with "the" before or after
/// it, followed by the subject's name or short name, names the subject.
/// Longer forms come before the shorter ones they contain.
pub(crate) const FORMAL_PREFIXES: &[&str] = &[
    "federal republic of",
    "islamic republic of",
    "united republic of",
    "plurinational state of",
    "hashemite kingdom of",
    "grand duchy of",
    "republic of",
    "kingdom of",
    "state of",
    "sultanate of",
    "principality of",
    "federation of",
];

/// Whether a recipient's state names the subject: its name, short name or
/// country code, in any case, or its name or short name after one of the
/// [`FORMAL_PREFIXES`].
pub(crate) fn is_subject(subject: &Actor, state: Option<&str>) -> bool {
    let Some(state) = state.map(clean).filter(|s| !s.is_empty()) else {
        return false;
    };
    let state = state.to_lowercase();
    let names: Vec<String> = [Some(subject.name.to_string()), subject.short_name.clone()]
        .into_iter()
        .flatten()
        .map(|n| clean(&n).to_lowercase())
        .filter(|n| !n.is_empty())
        .collect();
    let code = subject
        .country_code
        .as_deref()
        .map(|c| c.to_lowercase())
        .is_some_and(|c| c == state);
    code || names.contains(&state) || names.contains(&without_formal_prefix(&state))
}

/// A lowercase state's name without "the" and a formal prefix ("the
/// kingdom of bahrain" -> "bahrain"); as it was when it has no prefix.
fn without_formal_prefix(state: &str) -> String {
    let the = |s: &str| s.strip_prefix("the ").unwrap_or(s).to_owned();
    let rest = the(state);
    FORMAL_PREFIXES
        .iter()
        .find_map(|p| rest.strip_prefix(p).and_then(|r| r.strip_prefix(' ')))
        .map(the)
        .unwrap_or_else(|| state.to_owned())
}

/// The commitment the letter speaks of first: the earliest made on an
/// occasion, else the earliest.
pub(crate) fn first_commitment(view: &DossierView) -> Option<&CommitmentView> {
    view.commitments
        .iter()
        .filter(|c| c.occasion.is_some())
        .min_by_key(|c| c.made_on.earliest())
        .or_else(|| view.commitments.iter().min_by_key(|c| c.made_on.earliest()))
}

/// How the commitments stand as of the view's date.
pub(crate) fn tally(view: &DossierView) -> Tally {
    let scale = view.scale.scale();
    let mut t = Tally {
        total: view.commitments.len(),
        noun: if view.commitments.iter().all(|c| c.origin == Origin::Pledge) {
            Noun::Pledge
        } else {
            Noun::Commitment
        },
        ..Tally::default()
    };
    for c in &view.commitments {
        // Backtracking as the scorecard shows it: flagged for a current
        // rating worse than an earlier one (`facts::backtracking`), or
        // rated with a status whose badge says it moved backwards.
        let backward = scale
            .status(&c.status)
            .is_ok_and(|s| s.verdict == Verdict::Backward);
        let backtracking = c.backtracking || backward;
        let progress = scale.status(&c.status).is_ok_and(|s| s.shows_progress);
        // A status outside the order ("Not yet rated") is no assessment.
        let unassessed = scale.status(&c.status).is_ok_and(|s| s.rank.is_none());
        if backtracking {
            t.backtracking.push(statement(c));
        } else if progress {
            t.progress += 1;
        } else if unassessed {
            t.unassessed += 1;
        }
        if matches!(c.deadline_state, DeadlineState::Overdue { .. }) {
            t.overdue += 1;
        }
    }
    t
}

/// What was promised, as a clause after "would" or "to": "amend the media law".
pub(crate) fn statement(c: &CommitmentView) -> String {
    text::decapitalise(clean(&c.statement).trim_end_matches('.'))
}

/// "The background": the summaries of the baseline developments dated
/// before the commitments were made that concern every one of the
/// commitments then made (the context of the occasion as a whole, such as
/// earlier bids, rather than of one pledge), oldest first.
pub(crate) fn background(view: &DossierView, extra: &Extra) -> Option<String> {
    let first = first_commitment(view)?;
    let start = first
        .occasion
        .as_ref()
        .map(|o| o.starts.earliest())
        .unwrap_or(first.made_on.earliest());
    let together: Vec<&CommitmentView> = view
        .commitments
        .iter()
        .filter(|c| c.made_on.earliest() == first.made_on.earliest())
        .collect();
    let mut seen = HashSet::new();
    let mut texts = Vec::new();
    for d in together.iter().flat_map(|c| c.developments.iter()) {
        let known_before = d.date.latest() < start;
        let everywhere = together
            .iter()
            .all(|c| c.developments.iter().any(|e| e.id == d.id));
        if known_before && everywhere && extra.baseline.contains(&d.id) && seen.insert(d.id) {
            texts.push((d.date.earliest(), sentence(&d.summary)));
        }
    }
    texts.sort_by_key(|(date, _)| *date);
    (!texts.is_empty()).then(|| {
        texts
            .into_iter()
            .map(|(_, t)| t)
            .collect::<Vec<_>>()
            .join(" ")
    })
}

/// User text as a sentence: cleaned, with a full stop.
pub(crate) fn sentence(text: &str) -> String {
    let t = clean(text);
    if t.ends_with(['.', '!', '?']) {
        t
    } else {
        format!("{t}.")
    }
}

/// A commitment's timing in words, if it has one the letter should say:
/// "by the end of 2008", "prior to assuming the OSCE chairmanship in
/// 2010", "throughout 2010" (a period is never a due date).
pub(crate) fn timing_words(c: &CommitmentView, extra: &Extra, lang: Lang) -> Option<String> {
    let record = extra.commitments.get(&c.id)?;
    let bound = clean(&c.bound.name);
    let english = lang == Lang::En;
    let words = match &record.timing {
        Timing::ByDeadline {
            deadline: DateRef::Fixed { date, .. },
            ..
        } if english => words::by_deadline(date),
        Timing::ByDeadline {
            deadline: DateRef::Fixed { date, .. },
            ..
        } => wording::deadline(
            lang,
            ResolvedDate {
                date: date.latest(),
                precision: date.precision(),
            },
        ),
        // Due on the milestone's day or the day before: before it.
        Timing::ByDeadline {
            deadline:
                DateRef::Milestone {
                    milestone,
                    offset_days: -1 | 0,
                },
            ..
        } => {
            let m = extra.milestones.get(milestone)?;
            if english {
                words::before_milestone(&clean(&m.title), &m.date, &bound)
            } else {
                text::tr(
                    lang,
                    "letter-before-milestone",
                    &Args::new()
                        .str("milestone", clean(&m.title))
                        .str("date", wording::precise(lang, &m.date)),
                )
            }
        }
        Timing::ByDeadline { .. } if english => {
            format!("by {}", text::day(c.deadline?.date))
        }
        Timing::ByDeadline { .. } => wording::deadline(lang, c.deadline?),
        Timing::DuringPeriod { from, until, .. } => {
            let from = resolve(from, extra)?;
            let until = resolve(until, extra)?;
            if english {
                words::period(from, until)
            } else {
                wording::period_days(lang, from, until)
            }
        }
        Timing::RefrainFrom { .. } | Timing::NoneStated => return None,
    };
    // A statement that already names the period's years says it once.
    let years_said = words
        .split(|ch: char| !ch.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .any(|y| c.statement.contains(y));
    (!(matches!(record.timing, Timing::DuringPeriod { .. }) && years_said)).then_some(words)
}

/// A period boundary's first day (a milestone's, with its offset).
fn resolve(r: &DateRef, extra: &Extra) -> Option<NaiveDate> {
    match r {
        DateRef::Fixed { date, .. } => Some(date.earliest()),
        DateRef::Milestone { .. } => facts::resolve_date_ref(r, &extra.milestones).map(|d| d.date),
    }
}

/// The commitments in groups that share their timing words, in the
/// dossier's order of each group's first.
fn groups<'v>(
    view: &'v DossierView,
    extra: &Extra,
) -> Vec<(Option<String>, Vec<&'v CommitmentView>)> {
    let mut groups: Vec<(Option<String>, Vec<&CommitmentView>)> = Vec::new();
    for c in &view.commitments {
        let words = timing_words(c, extra, Lang::En);
        match groups.iter_mut().find(|(w, _)| *w == words) {
            Some((_, list)) => list.push(c),
            None => groups.push((words, vec![c])),
        }
    }
    groups
}

fn group_clause(words: &Option<String>, list: &[&CommitmentView]) -> String {
    let statements: Vec<String> = list.iter().map(|c| statement(c)).collect();
    match words {
        Some(w) => format!("{} {w}", text::join_and(&statements)),
        None => text::join_and(&statements),
    }
}

/// "At the OSCE Ministerial Council in Madrid (29–30 November 2007), Marat
/// Tazhin, Minister of Foreign Affairs, Kazakhstan, pledged that Kazakhstan
/// would amend the media law ... by the end of 2008. Kazakhstan also
/// undertook to ..."
pub(crate) fn pledges(view: &DossierView, extra: &Extra) -> Option<String> {
    let first = first_commitment(view)?;
    let bound = clean(&first.bound.name);
    let groups = groups(view, extra);
    let (head, rest) = groups.split_first()?;
    let mut s = format!("{}, ", text::capitalise(&made(view)?));
    match &first.made_by {
        Some(p) => {
            s.push_str(&clean(&p.name));
            if let Some(role) = &p.role {
                s.push_str(&format!(", {}", clean(role)));
            }
            s.push_str(&format!(", pledged that {bound} would "));
        }
        None => s.push_str(&format!("{bound} pledged to ")),
    }
    s.push_str(&group_clause(&head.0, &head.1));
    s.push('.');
    if !rest.is_empty() {
        // Those with a timing share it; each without one is a clause of its own.
        let clauses: Vec<String> = rest
            .iter()
            .flat_map(|(w, l)| match w {
                Some(_) => vec![format!("to {}", group_clause(w, l))],
                None => l.iter().map(|c| format!("to {}", statement(c))).collect(),
            })
            .collect();
        s.push_str(&format!(" {bound} also undertook {}.", join_list(&clauses)));
    }
    Some(s)
}

/// Clauses joined with commas, and "and" before the last; with a comma
/// before "and" when the clauses themselves hold an "and".
fn join_list(items: &[String]) -> String {
    match items.split_last() {
        Some((last, init)) if init.len() > 1 && items.iter().any(|i| i.contains(" and ")) => {
            format!("{}, and {last}", init.join(", "))
        }
        _ => text::join_and(items),
    }
}

/// "Nearly six months ago, at the OSCE Ministerial Council in Madrid,
/// Kazakhstan made six public pledges."
pub(crate) fn opening(view: &DossierView, tally: &Tally) -> Option<String> {
    let first = first_commitment(view)?;
    let since = text::elapsed_words(first.made_on.earliest(), view.as_of);
    let at = match &first.occasion {
        Some(o) => {
            let place = o
                .place
                .as_deref()
                .map(|p| format!(" in {}", clean(p)))
                .unwrap_or_default();
            format!(", at the {}{place}", clean(&o.title))
        }
        None => String::new(),
    };
    let what = match (tally.total, tally.noun) {
        (1, Noun::Pledge) => "a public pledge".to_owned(),
        (1, Noun::Commitment) => "a public commitment".to_owned(),
        (n, Noun::Pledge) => format!("{} public pledges", text::number(n)),
        (n, Noun::Commitment) => format!("{} public commitments", text::number(n)),
    };
    Some(format!(
        "{} ago{at}, {} made {what}.",
        text::capitalise(&since),
        clean(&first.bound.name)
    ))
}

/// The progress paragraph: "These pledges were welcome. Yet nearly six
/// months after they were made, the government has made ..."
pub(crate) fn progress(view: &DossierView, tally: &Tally, spelling: Spelling) -> Option<String> {
    let first = first_commitment(view)?;
    let since = text::elapsed_words(first.made_on.earliest(), view.as_of);
    let these = if tally.total == 1 {
        format!("This {} was", noun_one(tally))
    } else {
        format!("These {} were", noun_many(tally))
    };
    let made = if tally.total == 1 {
        "it was"
    } else {
        "they were"
    };
    // "Yet" only before a shortfall: not when every commitment shows
    // progress, nor before any has been assessed.
    let shortfall = tally.progress + tally.unassessed < tally.total;
    let opening = if shortfall {
        format!("Yet {since}")
    } else {
        text::capitalise(&since)
    };
    let clause = if tally.unassessed == tally.total {
        "it is too early to judge progress".to_owned()
    } else {
        words::progress_clause(tally, "the government", spelling)
    };
    let mut s = format!("{these} welcome. {opening} after {made} made, {clause}.");
    if let Some(o) = words::overdue_sentence(tally) {
        s.push(' ');
        s.push_str(&o);
    }
    Some(s)
}

/// The progress paragraph of the letter to the government bound itself.
pub(crate) fn direct_progress(
    view: &DossierView,
    tally: &Tally,
    spelling: Spelling,
) -> Option<String> {
    let first = first_commitment(view)?;
    let since = text::elapsed_words(first.made_on.earliest(), view.as_of);
    let mut s = format!(
        "{} after {} made, {}.",
        text::capitalise(&since),
        if tally.total == 1 {
            "it was"
        } else {
            "they were"
        },
        words::progress_clause(tally, "your government", spelling)
    );
    if let Some(o) = words::overdue_sentence(tally) {
        s.push(' ');
        s.push_str(&o);
    }
    Some(s)
}

fn noun_one(t: &Tally) -> &'static str {
    match t.noun {
        Noun::Pledge => "pledge",
        Noun::Commitment => "commitment",
    }
}

fn noun_many(t: &Tally) -> &'static str {
    match t.noun {
        Noun::Pledge => "pledges",
        Noun::Commitment => "commitments",
    }
}

/// The paragraph on the attached memorandum: its title and date, what it
/// contrasts, and the steps it outlines only when it has them.
pub(crate) fn memo(view: &DossierView, tally: &Tally, spelling: Spelling, title: &str) -> String {
    let with_steps = view
        .commitments
        .iter()
        .filter(|c| !c.recommendations.is_empty())
        .count();
    let bound = first_commitment(view)
        .map(|c| clean(&c.bound.name))
        .unwrap_or_default();
    let them = if tally.total == 1 { "it" } else { "them" };
    let mut s = format!(
        "The attached memorandum, “{title}”, contrasts these {} with the situation in {bound} today",
        if tally.total == 1 {
            noun_one(tally)
        } else {
            noun_many(tally)
        },
    );
    let fulfill = spelling.word("fulfill");
    if with_steps > 0 && with_steps == tally.total {
        s.push_str(&format!(
            ", and outlines specific steps the government should take to {fulfill} {them}"
        ));
    } else if with_steps > 0 {
        s.push_str(&format!(
            ", and outlines steps the government should take to {fulfill} {} of {them}",
            text::number(with_steps)
        ));
    }
    s.push('.');
    let concerns: Vec<_> = view
        .concerns
        .iter()
        .filter(|c| !c.developments.is_empty())
        .collect();
    if !concerns.is_empty() {
        s.push_str(" It also describes human rights problems beyond these commitments");
        if concerns.iter().any(|c| !c.recommendations.is_empty()) {
            s.push_str(" and outlines steps that should be taken to address them");
        }
        s.push('.');
    }
    s
}

/// The request, then why it matters to the body addressed (the dossier's
/// stakes), when recorded.
pub(crate) fn request(view: &DossierView, stakes: Option<&str>) -> Option<String> {
    let bound = clean(&first_commitment(view)?.bound.name);
    let mut s =
        format!("We ask that you ensure that the government of {bound} upholds its commitments.");
    if let Some(stakes) = stakes.map(clean).filter(|s| !s.is_empty()) {
        s.push(' ');
        s.push_str(&sentence(&stakes));
    }
    Some(s)
}

/// The subject line: "Kazakhstan's commitments at the OSCE Ministerial
/// Council (Madrid, 29–30 November 2007)".
pub(crate) fn subject_line(view: &DossierView) -> String {
    let Some(first) = first_commitment(view) else {
        return clean(&view.title);
    };
    let bound = clean(&first.bound.name);
    let possessive = if bound.ends_with('s') {
        format!("{bound}’")
    } else {
        format!("{bound}’s")
    };
    match &first.occasion {
        Some(o) => {
            let place = o
                .place
                .as_deref()
                .map(|p| format!("{}, ", clean(p)))
                .unwrap_or_default();
            format!(
                "{possessive} commitments at the {} ({place}{})",
                clean(&o.title),
                text::span(&o.starts, o.ends.as_ref())
            )
        }
        None => format!(
            "{possessive} commitments of {}",
            text::precise(&first.made_on)
        ),
    }
}

/// Where the commitments were made: "at the OSCE Ministerial Council in
/// Madrid (29–30 November 2007)", or "on 29 November 2007".
pub(crate) fn made(view: &DossierView) -> Option<String> {
    let first = first_commitment(view)?;
    Some(match &first.occasion {
        Some(o) => {
            let place = o
                .place
                .as_deref()
                .map(|p| format!(" in {}", clean(p)))
                .unwrap_or_default();
            format!(
                "at the {}{place} ({})",
                clean(&o.title),
                text::span(&o.starts, o.ends.as_ref())
            )
        }
        None => format!("on {}", text::precise(&first.made_on)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use pledgewatch_core::field::{CountryCode, Title};
    use pledgewatch_core::model::ActorKind;

    fn state(name: &str, short: Option<&str>, code: &str) -> Actor {
        Actor {
            id: ActorId::new(),
            kind: ActorKind::State,
            name: Title::parse(name).unwrap(),
            short_name: short.map(str::to_owned),
            country_code: Some(CountryCode::parse(code).unwrap()),
            roles: Vec::new(),
        }
    }

    #[test]
    fn the_subject_is_known_by_its_formal_name_too() {
        let bahrain = state("Bahrain", None, "BH");
        let kazakhstan = state("Republic of Kazakhstan", Some("Kazakhstan"), "KZ");
        for named in [
            "Bahrain",
            "bh",
            "Kingdom of Bahrain",
            "the Kingdom of Bahrain",
            "KINGDOM OF BAHRAIN",
        ] {
            assert!(is_subject(&bahrain, Some(named)), "{named}");
        }
        for named in [
            "Republic of Kazakhstan",
            "the Republic of Kazakhstan",
            "Kazakhstan",
            "kz",
        ] {
            assert!(is_subject(&kazakhstan, Some(named)), "{named}");
        }
        for other in [
            "Kingdom of Bahrainia",
            "Bahrain Kingdom",
            "Republic of Kazakh",
            "Kingdom of",
            "",
        ] {
            assert!(!is_subject(&bahrain, Some(other)), "{other}");
            assert!(!is_subject(&kazakhstan, Some(other)), "{other}");
        }
        assert!(!is_subject(&bahrain, None));
        assert!(is_subject(
            &state("Bolivia", None, "BO"),
            Some("Plurinational State of Bolivia")
        ));
        assert!(is_subject(
            &state("Jordan", None, "JO"),
            Some("Hashemite Kingdom of Jordan")
        ));
    }
}
