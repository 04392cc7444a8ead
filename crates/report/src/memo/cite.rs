//! Citations: sources are numbered in the order they are first cited; a
//! note gives a source in full the first time, in short form after that,
//! and reads "Ibid." when it cites exactly what the note before it cited.
//! The organisation's own documents about the dossier (its memoranda and
//! letters) are never cited: a document does not cite itself.

use std::collections::HashMap;

use pledgewatch_core::ids::SourceId;
use pledgewatch_core::lang::{Args, Lang};
use pledgewatch_core::view::SourceRef;

use crate::doc::Inline;
use crate::text::{self, clean};

/// Whether a source is one of the organisation's own documents.
pub(super) fn is_own(source: &SourceRef) -> bool {
    source.own_document
}

/// What citing a list of sources gave.
pub(super) enum Cited {
    /// A note's text and the numbers of the sources it cites.
    Note(String, Vec<usize>),
    /// Every source was one of the organisation's own documents.
    OwnOnly,
    /// There was no source.
    Nothing,
}

/// The sources cited so far, numbered in order of first citation.
#[derive(Default)]
pub(super) struct Citations {
    numbers: HashMap<SourceId, usize>,
    /// The sources in the order of their numbers.
    pub(super) list: Vec<SourceRef>,
    /// The numbers the last note cited, sorted.
    last: Vec<usize>,
    /// The team's draft, which names confidential sources.
    pub(super) team: bool,
    /// The language of the notes' fixed words ("Ibid.", "n.d.").
    lang: Lang,
}

impl Citations {
    /// No source cited yet; `team` for the team's draft.
    pub(super) fn new(team: bool, lang: Lang) -> Self {
        Self {
            team,
            lang,
            ..Self::default()
        }
    }

    /// Cites `sources` (in order, each once) in a new note.
    pub(super) fn cite(&mut self, sources: &[&SourceRef]) -> Cited {
        let mut numbers = Vec::new();
        let mut parts = Vec::new();
        let mut own = false;
        for s in sources {
            if is_own(s) {
                own = true;
                continue;
            }
            let (n, first) = self.number(s);
            if numbers.contains(&n) {
                continue;
            }
            numbers.push(n);
            parts.push(if first { self.long(s) } else { self.short(s) });
        }
        if numbers.is_empty() {
            return if own { Cited::OwnOnly } else { Cited::Nothing };
        }
        let mut sorted = numbers.clone();
        sorted.sort_unstable();
        let text = if sorted == self.last {
            self.lang.t("memo-ibid")
        } else {
            let joined = parts.join("; ");
            let stop = if joined.ends_with('.') { "" } else { "." };
            format!("{joined}{stop}")
        };
        self.last = sorted;
        Cited::Note(text, numbers)
    }

    /// The source's number, and whether this is its first citation.
    fn number(&mut self, source: &SourceRef) -> (usize, bool) {
        if let Some(n) = self.numbers.get(&source.id) {
            return (*n, false);
        }
        self.list.push(source.clone());
        let n = self.list.len();
        self.numbers.insert(source.id, n);
        (n, true)
    }

    /// A source in full: publisher, title and date.
    fn long(&self, source: &SourceRef) -> String {
        self.guarded(source, describe(self.lang, source, false))
    }

    /// A source cited before: publisher and short title.
    fn short(&self, source: &SourceRef) -> String {
        self.guarded(source, describe(self.lang, source, true))
    }

    /// A confidential source is named only in the team's draft (the
    /// public's version never holds one: the public projection leaves it out).
    fn guarded(&self, source: &SourceRef, named: String) -> String {
        match (source.confidential, self.team) {
            (false, _) => named,
            (true, false) => self.lang.t("memo-confidential"),
            (true, true) => text::tr(
                self.lang,
                "memo-confidential-team",
                &Args::new().str("source", named),
            ),
        }
    }

    /// A full entry of the source list, with the address as a link.
    pub(super) fn entry(&self, source: &SourceRef) -> Vec<Inline> {
        if source.confidential && !self.team {
            return vec![Inline::text(self.lang.t("memo-confidential-entry"))];
        }
        let long = self.long(source);
        let stop = if long.ends_with('.') { "" } else { "." };
        let mut out = vec![Inline::text(format!("{long}{stop}"))];
        if source.confidential {
            out.push(Inline::emph(format!(
                " {}",
                self.lang.t("memo-never-public")
            )));
        }
        if let Some(url) = &source.url {
            let url = clean(url);
            out.push(Inline::text(" "));
            out.push(Inline::link(url.clone(), &url));
        }
        out
    }
}

/// Publisher, title and date of a source; in short form, publisher and a
/// short title only.
fn describe(lang: Lang, source: &SourceRef, short: bool) -> String {
    let mut parts = Vec::new();
    if let Some(p) = &source.publisher {
        parts.push(clean(p));
    }
    let title = clean(&source.title);
    let title = if short { short_title(&title) } else { title };
    parts.push(text::quoted(lang, &title));
    if !short {
        parts.push(match &source.published {
            Some(d) => pledgewatch_core::wording::precise(lang, d),
            None => lang.t("memo-no-date"),
        });
    }
    parts.join(", ")
}

/// A title as a short citation gives it: the part before a colon, or the
/// first five words of a long title.
fn short_title(title: &str) -> String {
    if let Some((head, _)) = title.split_once(": ")
        && head.split_whitespace().count() >= 2
    {
        return head.to_owned();
    }
    let words: Vec<&str> = title.split_whitespace().collect();
    if words.len() > 8 {
        return words[..5].join(" ");
    }
    title.to_owned()
}

#[cfg(test)]
mod tests {
    use super::short_title;

    #[test]
    fn short_titles_stop_at_a_colon_or_after_five_words() {
        assert_eq!(
            short_title("Human Rights in Kazakhstan: Madrid Promises and Beyond"),
            "Human Rights in Kazakhstan"
        );
        assert_eq!(
            short_title(
                "Letter to French Foreign Minister Kouchner on Kazakhstan’s OSCE commitments"
            ),
            "Letter to French Foreign Minister"
        );
        assert_eq!(
            short_title("Kazak Reform Bills Offer Little New"),
            "Kazak Reform Bills Offer Little New"
        );
    }
}
