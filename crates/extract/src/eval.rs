//! Scoring the extractor against gold annotations: precision, recall and F1
//! (a candidate matches a gold commitment when its quote overlaps the gold
//! sentence and the actors are compatible; each side matches at most once),
//! and, over the matches, how often the deadline date, the presence of a
//! deadline and the presence of a condition agree with the gold. Each
//! figure carries a 95% bootstrap confidence interval: the documents of a
//! split and genre are resampled with replacement (a fixed seed, so the same
//! annotations always give the same interval).

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::extract::{Candidate, Options, extract};
use crate::gold::{GoldCommitment, GoldDocument, Loaded, load_all};
use crate::lexicon::same_actor;

/// Counts for one set of documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub documents: usize,
    pub gold: usize,
    pub candidates: usize,
    pub matched: usize,
    pub deadline_date_agrees: usize,
    pub deadline_presence_agrees: usize,
    pub condition_agrees: usize,
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        self.documents += o.documents;
        self.gold += o.gold;
        self.candidates += o.candidates;
        self.matched += o.matched;
        self.deadline_date_agrees += o.deadline_date_agrees;
        self.deadline_presence_agrees += o.deadline_presence_agrees;
        self.condition_agrees += o.condition_agrees;
    }

    fn ratio(a: usize, b: usize) -> Option<f64> {
        (b > 0).then(|| a as f64 / b as f64)
    }

    pub fn precision(&self) -> Option<f64> {
        Self::ratio(self.matched, self.candidates)
    }

    pub fn recall(&self) -> Option<f64> {
        Self::ratio(self.matched, self.gold)
    }

    pub fn f1(&self) -> Option<f64> {
        let (p, r) = (self.precision()?, self.recall()?);
        (p + r > 0.0).then(|| 2.0 * p * r / (p + r)).or(Some(0.0))
    }

    pub fn deadline_date_accuracy(&self) -> Option<f64> {
        Self::ratio(self.deadline_date_agrees, self.matched)
    }

    pub fn deadline_presence_accuracy(&self) -> Option<f64> {
        Self::ratio(self.deadline_presence_agrees, self.matched)
    }

    pub fn condition_accuracy(&self) -> Option<f64> {
        Self::ratio(self.condition_agrees, self.matched)
    }
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 2)
        .map(str::to_lowercase)
        .collect()
}

fn similarity(a: &str, b: &str) -> f64 {
    let (wa, wb) = (words(a), words(b));
    if wa.is_empty() || wb.is_empty() {
        return 0.0;
    }
    let common = wa.iter().filter(|w| wb.contains(w)).count();
    common as f64 / wa.len().max(wb.len()) as f64
}

/// How one candidate fared.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub candidate: Option<usize>,
    pub gold: Option<usize>,
}

/// Scores one document's candidates against its gold annotations. Only
/// candidates inside the annotated range count, and candidates that touch
/// only borderline sentences count neither way.
pub fn score(gold: &GoldDocument, candidates: &[Candidate]) -> (Counts, Vec<Outcome>) {
    let in_range = |c: &Candidate| {
        gold.annotated.is_empty()
            || gold
                .annotated
                .iter()
                .any(|r| overlaps((c.start, c.end), (r.start, r.end)))
    };
    let mut used = vec![false; gold.commitments.len()];
    let mut counts = Counts {
        documents: 1,
        gold: gold.commitments.len(),
        ..Counts::default()
    };
    let mut outcomes = Vec::new();
    for (ci, c) in candidates.iter().enumerate() {
        if !in_range(c) {
            continue;
        }
        let best = gold
            .commitments
            .iter()
            .enumerate()
            .filter(|(gi, g)| {
                !used[*gi]
                    && overlaps((c.start, c.end), (g.start, g.end))
                    && c.actor.as_deref().is_some_and(|a| same_actor(a, &g.actor))
            })
            .max_by(|(_, a), (_, b)| {
                similarity(&c.statement, &a.statement)
                    .total_cmp(&similarity(&c.statement, &b.statement))
            })
            .map(|(gi, _)| gi);
        match best {
            Some(gi) => {
                used[gi] = true;
                counts.candidates += 1;
                counts.matched += 1;
                agreement(&mut counts, &gold.commitments[gi], c);
                outcomes.push(Outcome {
                    candidate: Some(ci),
                    gold: Some(gi),
                });
            }
            None => {
                let borderline = gold
                    .borderline
                    .iter()
                    .any(|b| overlaps((c.start, c.end), (b.start, b.end)));
                let touches_gold = gold
                    .commitments
                    .iter()
                    .any(|g| overlaps((c.start, c.end), (g.start, g.end)));
                if borderline && !touches_gold {
                    continue;
                }
                counts.candidates += 1;
                outcomes.push(Outcome {
                    candidate: Some(ci),
                    gold: None,
                });
            }
        }
    }
    for (gi, u) in used.iter().enumerate() {
        if !u {
            outcomes.push(Outcome {
                candidate: None,
                gold: Some(gi),
            });
        }
    }
    (counts, outcomes)
}

fn agreement(counts: &mut Counts, g: &GoldCommitment, c: &Candidate) {
    let date = c.deadline.as_ref().and_then(|d| d.date);
    if date == g.deadline {
        counts.deadline_date_agrees += 1;
    }
    if c.deadline.is_some() == g.deadline_as_written.is_some() {
        counts.deadline_presence_agrees += 1;
    }
    if c.condition.is_some() == g.condition.is_some() {
        counts.condition_agrees += 1;
    }
}

/// The extractor's options for a gold document.
pub fn options_for(gold: &GoldDocument) -> Options {
    Options {
        document_date: gold.date,
        actor: gold.actor.clone(),
        format: None,
    }
}

/// A 95% confidence interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    pub low: f64,
    pub high: f64,
}

/// The bootstrap intervals of one split and genre; `None` where the figure
/// is undefined in too many resamples (no candidates, no matches).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Intervals {
    pub precision: Option<Interval>,
    pub recall: Option<Interval>,
    pub f1: Option<Interval>,
    pub deadline_date: Option<Interval>,
}

/// How many bootstrap resamples are drawn.
pub const BOOTSTRAP_SAMPLES: usize = 2_000;
/// The resampling's seed: fixed, so the intervals are reproducible.
pub const BOOTSTRAP_SEED: u64 = 0x5eed_0015;

/// SplitMix64: a small, well-mixed generator, enough to draw document
/// indices (no dependency for it).
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number below `n` (n > 0), without modulo bias worth speaking of
    /// for the few dozen documents drawn from.
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next()) * n as u128) >> 64) as usize
    }
}

/// The 2.5th and 97.5th percentiles of `values` (sorted here); `None` when
/// the figure was undefined (nothing to divide by) in half the resamples
/// or more; otherwise over the resamples where it is defined.
fn percentile_interval(mut values: Vec<f64>, samples: usize) -> Option<Interval> {
    if values.is_empty() || values.len() * 2 <= samples {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let at = |q: f64| {
        let i = (q * (values.len() - 1) as f64).round() as usize;
        values[i.min(values.len() - 1)]
    };
    Some(Interval {
        low: at(0.025),
        high: at(0.975),
    })
}

/// 95% intervals by resampling the documents (each document's counts) with
/// replacement `samples` times from `seed`. The figures are pooled over
/// the documents of a resample, as they are over the real set.
pub fn bootstrap(documents: &[Counts], samples: usize, seed: u64) -> Intervals {
    if documents.is_empty() || samples == 0 {
        return Intervals::default();
    }
    let mut rng = SplitMix(seed);
    let (mut p, mut r, mut f, mut d) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..samples {
        let mut total = Counts::default();
        for _ in 0..documents.len() {
            total.add(&documents[rng.below(documents.len())]);
        }
        p.extend(total.precision());
        r.extend(total.recall());
        f.extend(total.f1());
        d.extend(total.deadline_date_accuracy());
    }
    Intervals {
        precision: percentile_interval(p, samples),
        recall: percentile_interval(r, samples),
        f1: percentile_interval(f, samples),
        deadline_date: percentile_interval(d, samples),
    }
}

/// Results by split and genre.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// split -> genre -> counts; genre "all" sums the split.
    pub by_split: BTreeMap<String, BTreeMap<String, Counts>>,
    /// split -> genre -> 95% bootstrap intervals over its documents.
    pub intervals: BTreeMap<String, BTreeMap<String, Intervals>>,
    /// Per document: file name, split, genre, counts.
    pub documents: Vec<(String, String, String, Counts)>,
}

/// Runs the extractor over every gold document of `split` ("dev", "test" or
/// "all") and scores it.
pub fn evaluate(loaded: &[Loaded], split: &str) -> Report {
    let mut report = Report::default();
    for l in loaded
        .iter()
        .filter(|l| split == "all" || l.gold.split == split)
    {
        let extraction = extract(&l.text, &options_for(&l.gold));
        let (counts, _) = score(&l.gold, &extraction.candidates);
        let per = report.by_split.entry(l.gold.split.clone()).or_default();
        per.entry(l.gold.genre.clone()).or_default().add(&counts);
        per.entry("all".to_owned()).or_default().add(&counts);
        let name = l
            .file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        report
            .documents
            .push((name, l.gold.split.clone(), l.gold.genre.clone(), counts));
    }
    add_intervals(&mut report);
    report
}

/// Fills `report.intervals` from its per-document counts.
fn add_intervals(report: &mut Report) {
    for (split, genres) in &report.by_split {
        for genre in genres.keys() {
            let docs: Vec<Counts> = report
                .documents
                .iter()
                .filter(|(_, s, g, _)| s == split && (genre == "all" || g == genre))
                .map(|(_, _, _, c)| *c)
                .collect();
            report.intervals.entry(split.clone()).or_default().insert(
                genre.clone(),
                bootstrap(&docs, BOOTSTRAP_SAMPLES, BOOTSTRAP_SEED),
            );
        }
    }
}

/// Loads the gold files and evaluates them.
pub fn run(gold_dir: &Path, data_root: &Path, split: &str) -> Result<Report, String> {
    if !matches!(split, "dev" | "test" | "all") {
        return Err(format!("split: '{split}' must be dev, test or all"));
    }
    let loaded = load_all(gold_dir, data_root)?;
    Ok(evaluate(&loaded, split))
}

/// For each document of `split`: the false candidates and the missed gold
/// commitments, for whoever improves the rules or the annotations.
pub fn details(loaded: &[Loaded], split: &str) -> String {
    let mut out = String::new();
    for l in loaded
        .iter()
        .filter(|l| split == "all" || l.gold.split == split)
    {
        let extraction = extract(&l.text, &options_for(&l.gold));
        let (_, outcomes) = score(&l.gold, &extraction.candidates);
        let name = l
            .file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for o in outcomes {
            match (o.candidate, o.gold) {
                (Some(ci), None) => {
                    let c = &extraction.candidates[ci];
                    out.push_str(&format!(
                        "{name}: FALSE [{}..{}] {} | {}\n",
                        c.start,
                        c.end,
                        c.actor.as_deref().unwrap_or("-"),
                        c.statement
                    ));
                }
                (None, Some(gi)) => {
                    let g = &l.gold.commitments[gi];
                    out.push_str(&format!(
                        "{name}: MISSED [{}..{}] {} | {}\n",
                        g.start, g.end, g.actor, g.statement
                    ));
                }
                (Some(ci), Some(gi)) => {
                    let (c, g) = (&extraction.candidates[ci], &l.gold.commitments[gi]);
                    let date = c.deadline.as_ref().and_then(|d| d.date);
                    if date != g.deadline
                        || c.deadline.is_some() != g.deadline_as_written.is_some()
                        || c.condition.is_some() != g.condition.is_some()
                    {
                        out.push_str(&format!(
                            "{name}: MATCHED WITH DIFFERENCES [{}..{}] deadline {:?} vs gold {:?} ({:?}); condition {:?} vs gold {:?}\n",
                            g.start,
                            g.end,
                            c.deadline.as_ref().map(|d| (&d.as_written, d.date)),
                            g.deadline_as_written,
                            g.deadline,
                            c.condition,
                            g.condition
                        ));
                    }
                }
                (None, None) => {}
            }
        }
    }
    out
}

fn pct(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_owned(), |v| format!("{v:.3}"))
}

/// A figure with its interval: "0.890 [0.812-0.951]".
fn with_interval(x: Option<f64>, i: Option<Interval>) -> String {
    match (x, i) {
        (Some(v), Some(i)) => format!("{v:.3} [{:.2}-{:.2}]", i.low, i.high),
        (x, _) => pct(x),
    }
}

/// The report as a table, one row per split and genre; precision, recall,
/// F1 and deadline-date accuracy with their 95% bootstrap intervals.
pub fn table(report: &Report) -> String {
    let mut out = format!(
        "{:<6} {:<22} {:>4} {:>4} {:>4} {:>5}  {:<18} {:<18} {:<18} {:<18} {:<9} {}\n",
        "split",
        "genre",
        "docs",
        "gold",
        "cand",
        "match",
        "precision",
        "recall",
        "F1",
        "deadline-date",
        "presence",
        "condition"
    );
    for (split, genres) in &report.by_split {
        for (genre, c) in genres {
            let i = report
                .intervals
                .get(split)
                .and_then(|g| g.get(genre))
                .copied()
                .unwrap_or_default();
            out.push_str(&format!(
                "{split:<6} {genre:<22} {:>4} {:>4} {:>4} {:>5}  {:<18} {:<18} {:<18} {:<18} {:<9} {}\n",
                c.documents,
                c.gold,
                c.candidates,
                c.matched,
                with_interval(c.precision(), i.precision),
                with_interval(c.recall(), i.recall),
                with_interval(c.f1(), i.f1),
                with_interval(c.deadline_date_accuracy(), i.deadline_date),
                pct(c.deadline_presence_accuracy()),
                pct(c.condition_accuracy()),
            ));
        }
    }
    out.push_str(&format!(
        "\n[low-high]: 95% bootstrap interval, documents resampled {BOOTSTRAP_SAMPLES} times (seed {BOOTSTRAP_SEED:#x})\n"
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gold::{GoldSentence, Range};

    fn gold(items: &[(&str, usize, usize, Option<&str>)]) -> GoldDocument {
        GoldDocument {
            document: "x".into(),
            record: None,
            date: None,
            actor: None,
            genre: "letter".into(),
            split: "dev".into(),
            annotated: vec![],
            note: None,
            commitments: items
                .iter()
                .map(|(statement, start, end, deadline)| GoldCommitment {
                    actor: "Kazakhstan".into(),
                    statement: (*statement).into(),
                    deadline_as_written: deadline.map(|_| "by the end of 2008".into()),
                    deadline: deadline.map(|d| d.parse().unwrap()),
                    deadline_precision: deadline.map(|_| pledgewatch_core::date::Precision::Year),
                    condition: None,
                    sentence: String::new(),
                    start: *start,
                    end: *end,
                })
                .collect(),
            borderline: vec![],
            negatives: vec![],
            ..GoldDocument::default()
        }
    }

    fn candidate(actor: &str, statement: &str, start: usize, end: usize) -> Candidate {
        Candidate {
            actor: Some(actor.into()),
            statement: statement.into(),
            start,
            end,
            confidence: 0.5,
            ..crate::extract::blank_pledge()
        }
    }

    #[test]
    fn an_overlapping_candidate_with_a_compatible_actor_matches() {
        let g = gold(&[("Amend the media law", 10, 50, None)]);
        let (c, _) = score(
            &g,
            &[candidate("Kazakhstan", "Amend the media law", 40, 60)],
        );
        assert_eq!((c.matched, c.candidates, c.gold), (1, 1, 1));
        assert_eq!(c.f1(), Some(1.0));
    }

    #[test]
    fn a_wrong_actor_or_no_overlap_is_a_false_candidate_and_a_miss() {
        let g = gold(&[("Amend the media law", 10, 50, None)]);
        let (c, _) = score(
            &g,
            &[
                candidate("France", "Amend the media law", 10, 50),
                candidate("Kazakhstan", "x", 50, 70),
            ],
        );
        assert_eq!((c.matched, c.candidates, c.gold), (0, 2, 1));
        assert_eq!(c.precision(), Some(0.0));
    }

    #[test]
    fn each_gold_item_matches_once_choosing_the_closest_statement() {
        let g = gold(&[
            ("amending the media law", 0, 100, Some("2008-12-31")),
            ("reforming the law on elections", 0, 100, Some("2008-12-31")),
        ]);
        let mut a = candidate("Kazakhstan", "Reforming the law on elections", 0, 100);
        a.deadline = Some(crate::dates::Deadline {
            as_written: "by the end of 2008".into(),
            date: Some("2008-12-31".parse().unwrap()),
            precision: Some(pledgewatch_core::date::Precision::Year),
            unresolved: None,
            range: (0, 0),
        });
        let b = candidate("Kazakhstan", "Amending the media law", 0, 100);
        let c3 = candidate("Kazakhstan", "Amending the media law", 0, 100);
        let (c, outcomes) = score(&g, &[a, b, c3]);
        assert_eq!((c.matched, c.candidates), (2, 3));
        assert_eq!(outcomes[0].gold, Some(1));
        assert_eq!(outcomes[1].gold, Some(0));
        // One match has the date, the other lacks it.
        assert_eq!(c.deadline_date_agrees, 1);
        assert_eq!(c.deadline_presence_agrees, 1);
    }

    #[test]
    fn borderline_sentences_and_text_outside_the_annotated_range_do_not_count() {
        let mut g = gold(&[("Ratify", 100, 120, None)]);
        g.annotated = vec![Range {
            start: 50,
            end: 200,
        }];
        g.borderline = vec![GoldSentence {
            sentence: String::new(),
            start: 60,
            end: 80,
            note: String::new(),
        }];
        let (c, _) = score(
            &g,
            &[
                candidate("Kazakhstan", "outside", 0, 40),
                candidate("Kazakhstan", "borderline", 60, 80),
                candidate("Kazakhstan", "Ratify", 100, 120),
            ],
        );
        assert_eq!((c.matched, c.candidates), (1, 1));
    }

    fn counts(gold: usize, candidates: usize, matched: usize) -> Counts {
        Counts {
            documents: 1,
            gold,
            candidates,
            matched,
            deadline_date_agrees: matched,
            ..Counts::default()
        }
    }

    #[test]
    fn bootstrap_intervals_are_reproducible_and_hold_the_pooled_figure() {
        let docs = [
            counts(10, 8, 8),
            counts(5, 5, 2),
            counts(7, 9, 6),
            counts(3, 1, 1),
            counts(12, 12, 11),
        ];
        let a = bootstrap(&docs, 500, BOOTSTRAP_SEED);
        assert_eq!(a, bootstrap(&docs, 500, BOOTSTRAP_SEED));
        let mut total = Counts::default();
        docs.iter().for_each(|d| total.add(d));
        let f1 = a.f1.unwrap();
        assert!(
            f1.low < total.f1().unwrap() && total.f1().unwrap() < f1.high,
            "{f1:?}"
        );
        assert!(f1.low > 0.3 && f1.high <= 1.0, "{f1:?}");
        // Another seed draws other resamples.
        assert_ne!(a, bootstrap(&docs, 500, BOOTSTRAP_SEED + 1));
    }

    #[test]
    fn one_document_or_identical_documents_give_a_point_interval() {
        let a = bootstrap(&[counts(4, 4, 2)], 100, 1);
        assert_eq!(
            a.recall,
            Some(Interval {
                low: 0.5,
                high: 0.5
            })
        );
        let b = bootstrap(&[counts(4, 4, 4), counts(4, 4, 4)], 100, 1);
        assert_eq!(
            b.f1,
            Some(Interval {
                low: 1.0,
                high: 1.0
            })
        );
    }

    #[test]
    fn a_figure_undefined_in_most_resamples_has_no_interval() {
        // No candidates at all: precision is undefined everywhere.
        let a = bootstrap(&[counts(3, 0, 0), counts(2, 0, 0)], 100, 1);
        assert_eq!(a.precision, None);
        assert_eq!(
            a.recall,
            Some(Interval {
                low: 0.0,
                high: 0.0
            })
        );
    }

    #[test]
    fn the_table_shows_intervals_per_split_and_genre() {
        let mut report = Report::default();
        for (name, genre, c) in [
            ("a", "letter", counts(4, 4, 3)),
            ("b", "news", counts(2, 3, 2)),
        ] {
            let per = report.by_split.entry("dev".into()).or_default();
            per.entry(genre.into()).or_default().add(&c);
            per.entry("all".into()).or_default().add(&c);
            report
                .documents
                .push((name.into(), "dev".into(), genre.into(), c));
        }
        add_intervals(&mut report);
        assert_eq!(report.intervals["dev"].len(), 3);
        let t = table(&report);
        assert!(t.contains("dev    news"), "{t}");
        assert!(t.contains("1.000 [1.00-1.00]"), "{t}");
        assert!(t.contains("95% bootstrap interval"), "{t}");
    }
}
