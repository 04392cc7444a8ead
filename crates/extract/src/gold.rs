//! The gold-annotation format: one JSON file per annotated document, with
//! the commitments a careful reader finds in it, the borderline sentences
//! (not scored either way) and the negatives (sentences that look like
//! commitments and are not). The loader enforces the schema: every quoted
//! sentence must be exactly the text at its offsets. The format is
//! documented in docs/extraction.md.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use pledgewatch_core::date::Precision;
use serde::{Deserialize, Serialize};

/// The genres results are reported by.
pub const GENRES: &[&str] = &["letter", "upr-wg-report", "web-excerpt", "slovenia"];

/// One annotated document.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldDocument {
    /// The document, relative to the folder that holds the repository
    /// ("shared/data/...", "shared/seed/...").
    pub document: String,
    /// For a JSON Lines file: the `id` of the record whose `text` is the
    /// document.
    #[serde(default)]
    pub record: Option<String>,
    /// The document's date (what `--date` would be given).
    pub date: Option<NaiveDate>,
    /// The actor the extractor is told about, if any (`--actor`).
    #[serde(default)]
    pub actor: Option<String>,
    pub genre: String,
    /// "dev" (may be looked at while writing rules) or "test" (only scored).
    pub split: String,
    /// The character ranges that were annotated, when not the whole
    /// document; only candidates inside them are scored.
    #[serde(default)]
    pub annotated: Vec<Range>,
    #[serde(default)]
    pub note: Option<String>,
    pub commitments: Vec<GoldCommitment>,
    #[serde(default)]
    pub borderline: Vec<GoldSentence>,
    #[serde(default)]
    pub negatives: Vec<GoldSentence>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Range {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldCommitment {
    pub actor: String,
    pub statement: String,
    pub deadline_as_written: Option<String>,
    /// The latest day the deadline allows, or null when there is none or it
    /// cannot be resolved.
    pub deadline: Option<NaiveDate>,
    pub deadline_precision: Option<Precision>,
    pub condition: Option<String>,
    /// The exact sentence of the source and its character offsets
    /// (Unicode scalar values, end exclusive).
    pub sentence: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldSentence {
    pub sentence: String,
    pub start: usize,
    pub end: usize,
    pub note: String,
}

/// A gold file with its document's text.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub file: PathBuf,
    pub gold: GoldDocument,
    pub text: String,
}

/// Reads a document named by a gold file: the file itself, or one record's
/// `text` of a JSON Lines file.
pub fn document_text(
    data_root: &Path,
    document: &str,
    record: Option<&str>,
) -> Result<String, String> {
    let path = data_root.join(document);
    let bytes = std::fs::read(&path).map_err(|e| {
        format!(
            "{}: {e} (the shared data must be present next to the repository)",
            path.display()
        )
    })?;
    let text = crate::text::decode(&bytes);
    match record {
        None => Ok(text),
        Some(id) => {
            for line in text.lines() {
                let v: serde_json::Value = serde_json::from_str(line)
                    .map_err(|e| format!("{}: a line is not JSON: {e}", path.display()))?;
                if v.get("id").and_then(|x| x.as_str()) == Some(id) {
                    return v
                        .get("text")
                        .and_then(|x| x.as_str())
                        .map(str::to_owned)
                        .ok_or_else(|| format!("{}: record {id} has no text", path.display()));
                }
            }
            Err(format!("{}: no record with id {id}", path.display()))
        }
    }
}

fn slice_chars(text: &str, start: usize, end: usize) -> Option<String> {
    if end < start {
        return None;
    }
    let s: String = text.chars().skip(start).take(end - start).collect();
    (s.chars().count() == end - start).then_some(s)
}

/// Checks a gold document against its text; errors name the field.
pub fn check(gold: &GoldDocument, text: &str) -> Result<(), String> {
    if !GENRES.contains(&gold.genre.as_str()) {
        return Err(format!(
            "genre: '{}' is not one of {}",
            gold.genre,
            GENRES.join(", ")
        ));
    }
    if gold.split != "dev" && gold.split != "test" {
        return Err(format!("split: '{}' must be dev or test", gold.split));
    }
    let total = text.chars().count();
    for (i, r) in gold.annotated.iter().enumerate() {
        if r.end > total || r.start >= r.end {
            return Err(format!(
                "annotated[{i}]: {}..{} is outside the document ({total} characters)",
                r.start, r.end
            ));
        }
    }
    let sentence_ok =
        |what: &str, sentence: &str, start: usize, end: usize| -> Result<(), String> {
            match slice_chars(text, start, end) {
                Some(s) if s == sentence => Ok(()),
                Some(s) => Err(format!(
                    "{what}: the text at {start}..{end} is \"{s}\", not the sentence given"
                )),
                None => Err(format!("{what}: {start}..{end} is outside the document")),
            }
        };
    for (i, c) in gold.commitments.iter().enumerate() {
        let what = format!("commitments[{i}]");
        sentence_ok(&what, &c.sentence, c.start, c.end)?;
        if c.actor.trim().is_empty() || c.statement.trim().is_empty() {
            return Err(format!("{what}: actor and statement must not be empty"));
        }
        if c.deadline.is_some() != c.deadline_precision.is_some() {
            return Err(format!(
                "{what}: deadline and deadline_precision go together"
            ));
        }
        if c.deadline.is_some() && c.deadline_as_written.is_none() {
            return Err(format!(
                "{what}: a resolved deadline needs deadline_as_written"
            ));
        }
        if !gold.annotated.is_empty()
            && !gold
                .annotated
                .iter()
                .any(|r| c.start >= r.start && c.end <= r.end)
        {
            return Err(format!("{what}: lies outside the annotated ranges"));
        }
    }
    for (i, s) in gold.borderline.iter().enumerate() {
        sentence_ok(&format!("borderline[{i}]"), &s.sentence, s.start, s.end)?;
    }
    for (i, s) in gold.negatives.iter().enumerate() {
        sentence_ok(&format!("negatives[{i}]"), &s.sentence, s.start, s.end)?;
    }
    Ok(())
}

/// Loads and checks every `*.json` in `gold_dir`, in file-name order.
pub fn load_all(gold_dir: &Path, data_root: &Path) -> Result<Vec<Loaded>, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(gold_dir)
        .map_err(|e| format!("{}: {e}", gold_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("{}: no gold files (*.json)", gold_dir.display()));
    }
    files
        .into_iter()
        .map(|file| {
            let raw =
                std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
            let gold: GoldDocument =
                serde_json::from_str(&raw).map_err(|e| format!("{}: {e}", file.display()))?;
            let text = document_text(data_root, &gold.document, gold.record.as_deref())
                .map_err(|e| format!("{}: {e}", file.display()))?;
            check(&gold, &text).map_err(|e| format!("{}: {e}", file.display()))?;
            Ok(Loaded { file, gold, text })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(sentence: &str, start: usize, end: usize) -> GoldDocument {
        GoldDocument {
            document: "x".into(),
            record: None,
            date: None,
            actor: None,
            genre: "letter".into(),
            split: "dev".into(),
            annotated: vec![],
            note: None,
            commitments: vec![GoldCommitment {
                actor: "Chad".into(),
                statement: "Ratify".into(),
                deadline_as_written: None,
                deadline: None,
                deadline_precision: None,
                condition: None,
                sentence: sentence.into(),
                start,
                end,
            }],
            borderline: vec![],
            negatives: vec![],
        }
    }

    #[test]
    fn a_sentence_must_be_exactly_the_text_at_its_offsets() {
        let text = "Ünë. Chad will ratify it.";
        assert!(check(&doc("Chad will ratify it.", 5, 25), text).is_ok());
        let err = check(&doc("Chad will ratify it", 5, 25), text).unwrap_err();
        assert!(err.starts_with("commitments[0]"), "{err}");
    }

    #[test]
    fn an_unknown_split_or_genre_is_refused_naming_the_field() {
        let mut d = doc("a", 0, 1);
        d.split = "train".into();
        assert!(check(&d, "a").unwrap_err().starts_with("split"));
        let mut d = doc("a", 0, 1);
        d.genre = "novel".into();
        assert!(check(&d, "a").unwrap_err().starts_with("genre"));
    }

    #[test]
    fn unknown_fields_are_refused() {
        let err = serde_json::from_str::<GoldDocument>(
            r#"{"document":"x","date":null,"genre":"letter","split":"dev","commitments":[],"colour":1}"#,
        )
        .unwrap_err();
        assert!(err.to_string().contains("colour"));
    }
}
