//! The structure of a document, read before its sentences: headings, and
//! lists introduced by a heading ("III. Voluntary commitments of the State
//! under review") or by a sentence ending in a colon ("made the following
//! voluntary commitments:", "Our countries commit to:", "s'engage à :").
//! Every item of such a list is read the same way, whatever introduced it,
//! and whether it is written as an infinitive ("To establish ..."), a
//! gerund ("Establishing ..."), a noun phrase ("Establishment of an
//! ombudsman's office by 2011") or a whole clause.

use crate::dates::find_word;

/// Words that make a heading or an introduction announce commitments.
const COMMITMENT_NOUNS: &[&str] = &[
    "contribution",
    "contributions",
    "targets",
    "commitment",
    "commitments",
    "pledge",
    "pledges",
    "undertakings",
    "engagement",
    "engagements",
    "compromiso",
    "compromisos",
    "promesses",
    "promises",
];

/// Words that make an introduction something else: a request, a
/// recommendation, an account of the past.
const NOT_COMMITMENTS: &[&str] = &[
    "recommend",
    "recommends",
    "recommended",
    "recommendation",
    "recommendations",
    "calls on",
    "called on",
    "call on",
    "urge",
    "urges",
    "urged",
    "ask",
    "asks",
    "asked",
    "should",
    "requests",
    "achievements",
    "achieved",
    "has taken",
    "have taken",
    "took",
    "questions",
    "concerns",
    "recomienda",
    "recommande",
];

/// Whether a segment standing alone on its line is a heading: short, and
/// not ending like a sentence or an item.
pub fn is_heading(line: &str) -> bool {
    let t = line.trim();
    let words = t.split_whitespace().count();
    (1..=14).contains(&words)
        && t.len() < 140
        && !t.ends_with(['.', ';', ','])
        && t.chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_uppercase)
}

/// Whether a heading announces commitments ("Voluntary commitments",
/// "Pledges", "Engagements volontaires"), and is not one of recommendations
/// or achievements.
pub fn commitment_heading(lower: &str) -> bool {
    COMMITMENT_NOUNS
        .iter()
        .any(|w| find_word(lower, w, 0).is_some())
        && !NOT_COMMITMENTS
            .iter()
            .any(|w| find_word(lower, w, 0).is_some())
}

/// Phrases that, just before the colon, introduce a list of promised
/// actions: "commit to:", "will:", "s'engage à :".
const ENDING_TRIGGERS: &[&str] = &[
    "will",
    "shall",
    "commit to",
    "commits to",
    "commit themselves to",
    "commits itself to",
    "pledge to",
    "pledges to",
    "pledged to",
    "undertake to",
    "undertakes to",
    "undertook to",
    "promise to",
    "promises to",
    "are committed to",
    "is committed to",
    "intends to",
    "aims to",
    "aim to",
    "will also",
    "will continue to",
    "s'engage à",
    "s’engage à",
    "s'engagent à",
    "s’engagent à",
    "nous nous engageons à",
    "s'est engagé à",
    "s’est engagé à",
    "s'est engagée à",
    "s’est engagée à",
    "se compromete a",
    "se comprometen a",
    "se comprometió a",
    "nos comprometemos a",
    "among other things",
    "in particular",
    "including",
    "as follows",
    "the following",
];

/// Whether a sentence ending in a colon introduces a list of commitments;
/// `lower` is the sentence in lower case. Returns where the words naming
/// who commits end (the start of the cue), for the caller to read the
/// subject from.
pub fn colon_intro(lower: &str) -> Option<usize> {
    let t = lower.trim_end();
    let body = t.strip_suffix(':')?.trim_end();
    // Judged by its last clause: "in response to the recommendations made,
    // announced the following voluntary commitments:" is an introduction.
    let clause = &body[body.rfind([',', ';']).map_or(0, |p| p + 1)..];
    if NOT_COMMITMENTS
        .iter()
        .any(|w| find_word(clause, w, 0).is_some())
    {
        return None;
    }
    let noun = COMMITMENT_NOUNS
        .iter()
        .filter_map(|w| find_word(body, w, 0))
        .min();
    if let Some(at) = noun {
        return Some(cue_start(body, at));
    }
    // "the following actions will be undertaken by Poland:"
    if let Some(at) = find_word(clause, "the following", 0)
        && find_word(&clause[at..], "will", 0).is_some()
    {
        return Some(body.len() - clause.len() + at);
    }
    // A trigger just before the colon: "Our countries commit to:".
    let mut best: Option<usize> = None;
    for phrase in ENDING_TRIGGERS {
        if let Some(p) = body.strip_suffix(phrase).map(str::len)
            && (p == 0 || !body.as_bytes()[p - 1].is_ascii_alphanumeric())
        {
            best = Some(best.map_or(p, |b: usize| b.min(p)));
        }
    }
    let at = best?;
    // "will, among other things:" or "will in particular:": back to the
    // verb before it.
    let head = body[..at].trim_end().trim_end_matches(',');
    for verb in ["will", "shall", "commit to", "commits to", "pledge to"] {
        if let Some(p) = head.strip_suffix(verb).map(str::len) {
            return Some(p);
        }
    }
    Some(at)
}

/// The start of the phrase naming the commitments: back over "the
/// following voluntary" before the noun at `at`, and over the verb
/// ("made", "announced") before them.
fn cue_start(body: &str, at: usize) -> usize {
    const BEFORE: &[&str] = &[
        "the following",
        "following",
        "voluntary",
        "new",
        "several",
        "these",
        "its",
        "their",
        "our",
        "his",
        "her",
        "made",
        "makes",
        "make",
        "announced",
        "announces",
        "presented",
        "presents",
        "undertook",
        "undertakes",
        "took on",
        "has made",
        "have made",
        "has",
        "have",
        "following are",
        "were",
        "are",
        "following",
        "volontaires",
        "voluntarios",
        "les",
        "los",
        "ses",
        "sus",
    ];
    let mut at = at;
    loop {
        let head = body[..at].trim_end();
        let Some(w) = BEFORE.iter().find(|w| {
            head.strip_suffix(*w)
                .is_some_and(|h| h.is_empty() || h.ends_with([' ', ',']))
        }) else {
            return at;
        };
        at = head.len() - w.len();
    }
}

/// Whether a line is an instruction of the kind mandate letters and
/// coalition agreements list: it opens with a verb in the imperative
/// ("Repeal the Clean Car Discount."), or a "to"-infinitive.
pub fn imperative_line(line: &str) -> bool {
    let t = line.trim_start_matches(|c: char| !c.is_alphanumeric());
    let mut words = t.split_whitespace();
    let mut first = words.next().unwrap_or("");
    if first == "To" {
        first = words.next().unwrap_or("");
    }
    let starts_upper = t.chars().next().is_some_and(char::is_uppercase);
    let bare = first
        .trim_matches(|c: char| !c.is_alphabetic())
        .to_lowercase();
    // "Review of the law" and "Support is given" are a noun, not an order.
    let next = words.next().unwrap_or("");
    starts_upper
        && crate::lexicon::is_imperative_verb(&bare)
        && !next.is_empty()
        && !matches!(
            next,
            "of" | "is" | "are" | "was" | "were" | "has" | "have" | "had" | "will" | "for"
        )
}

/// A line written as a pledge without a verb of its own, as lists of
/// pledges write them: a noun of action with its object ("Ratification of
/// the Optional Protocol", "Establishment of an ombudsman's office by
/// 2011") or a gerund ("Paying due attention to ..."). A line with a
/// finite verb ("Ratification of the Protocol was completed") is a clause,
/// not an item.
pub fn verbless_item(line: &str) -> Option<ItemForm> {
    const FINITE: &[&str] = &[
        "is", "are", "was", "were", "has", "have", "had", "will", "would", "shall", "can", "could",
        "may", "should", "must",
    ];
    const NOT_GERUNDS: &[&str] = &[
        "according",
        "regarding",
        "including",
        "concerning",
        "following",
        "during",
        "being",
        "having",
        "notwithstanding",
        "considering",
        "bearing",
        "pending",
        "excluding",
        "nothing",
        "something",
        "everything",
        "morning",
        "evening",
        "spring",
    ];
    let t = line.trim();
    if !t.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let lower = t.to_lowercase();
    let words: Vec<&str> = lower
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()))
        .collect();
    // A finite verb of the line's own, not of a relative clause ("to
    // which Viet Nam is a party").
    const RELATIVE: &[&str] = &["which", "that", "who", "whom", "whose", "where", "when"];
    let finite = words.iter().enumerate().any(|(i, w)| {
        FINITE.contains(w)
            && !words[i.saturating_sub(3)..i]
                .iter()
                .any(|r| RELATIVE.contains(r))
    });
    if words.len() < 3 || finite {
        return None;
    }
    // "An increase in the number of shelters": past an article.
    let skip = usize::from(matches!(words[0], "a" | "an"));
    let (first, second) = (words[skip], words[skip + 1]);
    const PREPOSITIONS: &[&str] = &[
        "of", "in", "with", "to", "for", "on", "against", "towards", "into",
    ];
    let nominal = (["tion", "sion", "ment", "al", "ance", "ence", "ure"]
        .iter()
        .any(|e| first.ends_with(e))
        && first.len() > 5
        || matches!(first, "increase" | "decrease" | "reduction" | "support"))
        && PREPOSITIONS.contains(&second);
    // "Continued humanitarian support for refugees": a participle before
    // its noun, not a verb in the past before its object ("Ratified the
    // Convention").
    const OBJECT_STARTS: &[&str] = &[
        "the", "a", "an", "its", "their", "his", "her", "this", "these", "that", "to", "in", "on",
        "by", "with", "for", "all", "and", "at", "from", "as",
    ];
    let attributive = skip == 0
        && first.len() > 5
        && first.ends_with("ed")
        && !OBJECT_STARTS.contains(&second)
        && words.len() >= 4;
    if nominal || attributive {
        return Some(ItemForm::NounPhrase);
    }
    (first.len() > 5 && first.ends_with("ing") && !NOT_GERUNDS.contains(&first))
        .then_some(ItemForm::Gerund)
}

/// "With regard to the international human rights treaties: Ratification
/// of ...": where the words after a topic that opens a line start.
pub fn after_topic(line: &str) -> usize {
    const TOPICS: &[&str] = &[
        "with regard to ",
        "with respect to ",
        "regarding ",
        "as regards ",
        "concerning ",
        "in the area of ",
        "in the field of ",
        "on ",
    ];
    let lower = line.to_lowercase();
    match line.find(':') {
        Some(c) if c < 120 && TOPICS.iter().any(|t| lower.starts_with(t)) => {
            c + 1 + (line[c + 1..].len() - line[c + 1..].trim_start().len())
        }
        _ => 0,
    }
}

/// "Unilateral Target: 10% reduction ...", "Conditional target: ...",
/// "Goal: ...": a labelled target; where its words start.
pub fn target_label(line: &str) -> Option<usize> {
    let colon = line.find(':')?;
    let label = line[..colon].trim().to_lowercase();
    // "Unconditional target", "Meta Unilateral" (Spanish puts the noun
    // first).
    let labelled = label
        .split_whitespace()
        .any(|w| matches!(w, "target" | "goal" | "pledge" | "commitment" | "meta"))
        && label.split_whitespace().count() <= 3;
    (labelled && line[colon + 1..].trim().len() > 10).then_some(colon + 1)
}

/// Items written inside one paragraph after a colon: "... the following
/// voluntary commitments: (a) to continue ...; (b) to maintain ...", or
/// "... will be undertaken: 1/ Improvement of ... 2/ Development of ...".
/// Returns the byte offset of the colon and the byte ranges of the items'
/// words (after their marks), when at least two items follow in order.
pub fn inline_items(sentence: &str) -> Option<(usize, Vec<(usize, usize)>)> {
    let colon = sentence.find(':')?;
    let rest = &sentence[colon + 1..];
    let mut marks: Vec<(usize, usize)> = Vec::new();
    for n in 0..26u8 {
        let letter = char::from(b'a' + n);
        let number = n + 1;
        let candidates = [
            format!("({letter}) "),
            format!("{number}/ "),
            format!("({number}) "),
        ];
        let from = marks.last().map_or(0, |m| m.1);
        let found = candidates
            .iter()
            .filter_map(|c| {
                let p = rest[from..].find(c.as_str())? + from;
                let before = rest[..p].trim_end();
                let boundary = marks.is_empty() && before.is_empty()
                    || before.ends_with([';', ',', '.', ':'])
                    || before.ends_with(" and")
                    || c.ends_with("/ ");
                boundary.then_some((p, p + c.len()))
            })
            .min();
        match found {
            Some(m) => marks.push(m),
            None => break,
        }
    }
    if marks.len() < 2 || marks[0].0 > 3 {
        return None;
    }
    let base = colon + 1;
    let items = marks
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let end = marks.get(i + 1).map_or(rest.len(), |n| n.0);
            (base + m.1, base + end)
        })
        .collect();
    Some((colon, items))
}

/// How a list item is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemForm {
    /// "To establish ...", "De créer ...", "Crear ..."
    Infinitive,
    /// "Establishing ..."
    Gerund,
    /// "Establishment of ...", anything else that is no clause.
    NounPhrase,
}

/// An item's statement: its words without the item number, a leading
/// "to" or "that", and the punctuation that joins it to the next; with how
/// it is written.
pub fn item_statement(body: &str) -> (String, ItemForm) {
    let t = body.trim();
    let lower = t.to_lowercase();
    for prefix in ["to ", "that ", "de ", "d'", "d’"] {
        if lower.starts_with(prefix) {
            return (t[prefix.len()..].to_owned(), ItemForm::Infinitive);
        }
    }
    let first = lower.split_whitespace().next().unwrap_or("");
    if first.len() > 4 && first.ends_with("ing") {
        return (t.to_owned(), ItemForm::Gerund);
    }
    let spanish_or_french_infinitive = first.len() > 3
        && (first.ends_with("ar") || first.ends_with("er") || first.ends_with("ir"))
        && !first.ends_with("er's");
    if spanish_or_french_infinitive && !t.is_ascii() {
        return (t.to_owned(), ItemForm::Infinitive);
    }
    (t.to_owned(), ItemForm::NounPhrase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_short_lines_that_do_not_end_like_sentences() {
        assert!(is_heading(
            "III. Voluntary commitments of the State under review"
        ));
        assert!(is_heading("Our pledges"));
        assert!(!is_heading("The Government will amend the law."));
        assert!(!is_heading("(a) establishing an office;"));
    }

    #[test]
    fn commitment_headings_name_commitments_and_not_recommendations() {
        assert!(commitment_heading(
            "iii. voluntary commitments of the state under review"
        ));
        assert!(commitment_heading("engagements volontaires"));
        assert!(!commitment_heading("recommendations and commitments"));
        assert!(!commitment_heading("ii. achievements"));
    }

    #[test]
    fn colon_introductions_announce_commitments_by_noun_or_by_trigger() {
        let s = "morocco made the following voluntary commitments:";
        assert_eq!(colon_intro(s), Some("morocco ".len()));
        let s = "our countries commit to:";
        assert_eq!(colon_intro(s), Some("our countries ".len()));
        let s = "the government will, among other things:";
        assert_eq!(colon_intro(s), Some("the government ".len()));
        assert!(colon_intro("le gouvernement s'engage à :").is_some());
        assert!(colon_intro("el gobierno se compromete a:").is_some());
        assert_eq!(
            colon_intro("the committee recommends that the state:"),
            None
        );
        assert_eq!(
            colon_intro("the government has taken the following measures:"),
            None
        );
        assert_eq!(colon_intro("the government will amend the law."), None);
    }

    #[test]
    fn items_read_alike_as_infinitives_gerunds_and_noun_phrases() {
        assert_eq!(
            item_statement("To establish an ombudsman"),
            ("establish an ombudsman".to_owned(), ItemForm::Infinitive)
        );
        assert_eq!(
            item_statement("Establishing an ombudsman").1,
            ItemForm::Gerund
        );
        assert_eq!(
            item_statement("Establishment of an ombudsman's office by 2011").1,
            ItemForm::NounPhrase
        );
    }

    #[test]
    fn items_inside_a_paragraph_are_found_in_order() {
        let s = "The Philippines announced the following voluntary commitments: (a) to continue X; (b) to maintain Y; (c) to find Z. Then more.";
        let (colon, items) = inline_items(s).unwrap();
        assert_eq!(
            &s[..colon],
            "The Philippines announced the following voluntary commitments"
        );
        let words: Vec<&str> = items.iter().map(|(a, b)| s[*a..*b].trim()).collect();
        assert_eq!(
            words,
            ["to continue X;", "to maintain Y;", "to find Z. Then more."]
        );
        let s = "the following actions will be undertaken: 1/ Improvement of incomes 2/ Development of care";
        assert_eq!(inline_items(s).unwrap().1.len(), 2);
        assert!(inline_items("Note: (a) only one item").is_none());
    }

    #[test]
    fn pledges_without_a_verb_are_noun_phrases_or_gerunds_and_clauses_are_not() {
        let noun = Some(ItemForm::NounPhrase);
        assert_eq!(
            verbless_item("Ratification of the Optional Protocol to CEDAW"),
            noun
        );
        assert_eq!(verbless_item("An increase in the number of shelters"), noun);
        assert_eq!(
            verbless_item("Continued humanitarian support for refugees"),
            noun
        );
        assert_eq!(
            verbless_item("Fulfilment of the obligations of treaties to which it is a party"),
            noun
        );
        assert_eq!(
            verbless_item("Paying due attention to trafficking in women"),
            Some(ItemForm::Gerund)
        );
        assert_eq!(
            verbless_item("Ratification of the Protocol was completed in 2009"),
            None
        );
        assert_eq!(verbless_item("Ratified the Convention in 2005"), None);
        assert_eq!(verbless_item("According to the plan, reforms"), None);
        assert_eq!(verbless_item("Education"), None);
    }

    #[test]
    fn a_topic_before_a_colon_is_skipped_and_labelled_targets_read_in_spanish() {
        let line = "With regard to the treaties: Ratification of the Convention";
        assert_eq!(&line[after_topic(line)..], "Ratification of the Convention");
        assert_eq!(after_topic("Ratification: soon"), 0);
        assert!(target_label("Meta Unilateral: 10% de reducción de emisiones al 2030").is_some());
        assert!(target_label("Note on the method: this is long enough").is_none());
    }
}
