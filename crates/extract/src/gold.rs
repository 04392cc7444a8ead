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
/// Documented in docs/extraction.md ("The gold annotations").
pub const GENRES: &[&str] = &[
    "letter",
    "upr-wg-report",
    "upr-wg-clean",
    "state-response",
    "national-report",
    "voluntary-pledges",
    "government",
    "coalition-agreement",
    "climate-pledge",
    "news",
    "ngo-report",
];

/// Genres whose texts come from web pages: their address and publisher
/// must be recorded.
pub const WEB_GENRES: &[&str] = &["news", "ngo-report"];

/// The ways a gold file can derive its document from the file it names.
pub const VIEWS: &[&str] = &["paragraphs"];

/// One annotated document.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldDocument {
    /// The document, relative to the folder that holds the repository
    /// ("shared/data/...", "shared/seed/...").
    pub document: String,
    /// For a JSON Lines file: the `id` of the record whose `text` is the
    /// document.
    #[serde(default)]
    pub record: Option<String>,
    /// For a CSV file: the column whose value must equal `record` for a row
    /// to be part of the document.
    #[serde(default)]
    pub record_column: Option<String>,
    /// For a CSV file: the column whose cells, in file order and one per
    /// line, are the document.
    #[serde(default)]
    pub text_column: Option<String>,
    /// A view of the text rather than the text itself: "paragraphs" (each
    /// non-blank line with its whitespace collapsed, a bare paragraph or
    /// item number joined to the line after it, LF line endings).
    #[serde(default)]
    pub view: Option<String>,
    /// With a view: the character ranges of the text that are kept, joined
    /// by a line "[...]"; empty = all of it.
    #[serde(default)]
    pub excerpts: Vec<Range>,
    /// Where the text was published (its address), when not a UN document
    /// or data set described in the shared data's SOURCE.md.
    #[serde(default)]
    pub source_url: Option<String>,
    /// Who published the text.
    #[serde(default)]
    pub publisher: Option<String>,
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

/// Reads the document a gold file names: the file itself, one record's
/// `text` of a JSON Lines file, or the rows of a CSV file; then applies the
/// view, if any.
pub fn document_text(data_root: &Path, gold: &GoldDocument) -> Result<String, String> {
    let path = data_root.join(&gold.document);
    let bytes = std::fs::read(&path).map_err(|e| {
        format!(
            "{}: {e} (the shared data must be present next to the repository)",
            path.display()
        )
    })?;
    let text = crate::text::decode(&bytes);
    let text = match (&gold.text_column, gold.record.as_deref()) {
        (Some(column), _) => {
            csv_rows(&text, gold, column).map_err(|e| format!("{}: {e}", path.display()))?
        }
        (None, Some(id)) => {
            if gold.record_column.is_some() {
                return Err("record_column: only with text_column (a CSV file)".into());
            }
            jsonl_record(&text, id).map_err(|e| format!("{}: {e}", path.display()))?
        }
        (None, None) => text,
    };
    match gold.view.as_deref() {
        None if gold.excerpts.is_empty() => Ok(text),
        None => Err("excerpts: only with a view".into()),
        Some("paragraphs") => paragraphs(&text, &gold.excerpts),
        Some(other) => Err(format!(
            "view: '{other}' is not one of {}",
            VIEWS.join(", ")
        )),
    }
}

fn jsonl_record(text: &str, id: &str) -> Result<String, String> {
    for line in text.lines() {
        let v: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("a line is not JSON: {e}"))?;
        if v.get("id").and_then(|x| x.as_str()) == Some(id) {
            return v
                .get("text")
                .and_then(|x| x.as_str())
                .map(str::to_owned)
                .ok_or_else(|| format!("record {id} has no text"));
        }
    }
    Err(format!("no record with id {id}"))
}

/// The cells of `text_column` of the rows whose `record_column` equals
/// `record`, one per line in file order.
fn csv_rows(text: &str, gold: &GoldDocument, text_column: &str) -> Result<String, String> {
    let (Some(column), Some(record)) = (gold.record_column.as_deref(), gold.record.as_deref())
    else {
        return Err("text_column: needs record_column and record".into());
    };
    let mut reader = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| e.to_string())?.clone();
    let find = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| format!("no column '{name}'"))
    };
    let (key, value) = (find(column)?, find(text_column)?);
    let mut cells = Vec::new();
    for row in reader.records() {
        let row = row.map_err(|e| e.to_string())?;
        if row.get(key) == Some(record) {
            cells.push(row.get(value).unwrap_or("").to_owned());
        }
    }
    if cells.is_empty() {
        return Err(format!("no row with {column} = {record}"));
    }
    Ok(cells.join("\n"))
}

/// The "paragraphs" view: each non-blank line trimmed, its runs of
/// whitespace made one space, a line holding only a paragraph or item
/// number ("12.", "(b)", "IV.") joined to the next one; the excerpts
/// (character ranges of `text`) joined by a line "[...]".
fn paragraphs(text: &str, excerpts: &[Range]) -> Result<String, String> {
    let total = text.chars().count();
    let whole = [Range {
        start: 0,
        end: total,
    }];
    let ranges = if excerpts.is_empty() {
        &whole[..]
    } else {
        excerpts
    };
    let mut parts = Vec::new();
    for (i, r) in ranges.iter().enumerate() {
        let part = slice_chars(text, r.start, r.end)
            .filter(|_| r.start < r.end)
            .ok_or_else(|| {
                format!(
                    "excerpts[{i}]: {}..{} is outside the text ({total} characters)",
                    r.start, r.end
                )
            })?;
        parts.push(paragraph_lines(&part));
    }
    Ok(parts.join("\n[...]\n"))
}

fn paragraph_lines(text: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut pending: Option<String> = None;
    for raw in text.split(['\r', '\n']) {
        let line = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            continue;
        }
        let line = match pending.take() {
            Some(label) => format!("{label} {line}"),
            None => line,
        };
        if is_number_label(&line) {
            pending = Some(line);
        } else {
            lines.push(line);
        }
    }
    lines.extend(pending);
    lines.join("\n")
}

/// "12.", "(b)", "(iv)", "IV.": a paragraph or item number standing alone.
fn is_number_label(line: &str) -> bool {
    if let Some(inner) = line.strip_prefix('(').and_then(|l| l.strip_suffix(')')) {
        return (1..=4).contains(&inner.len()) && inner.chars().all(|c| c.is_ascii_lowercase());
    }
    line.strip_suffix('.').is_some_and(|n| {
        (1..=3).contains(&n.len())
            && (n.chars().all(|c| c.is_ascii_digit()) || n.chars().all(|c| "IVX".contains(c)))
    })
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
    if WEB_GENRES.contains(&gold.genre.as_str())
        && (gold.source_url.is_none() || gold.publisher.is_none())
    {
        return Err(format!(
            "source_url, publisher: a text of genre {} needs both",
            gold.genre
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
            let text =
                document_text(data_root, &gold).map_err(|e| format!("{}: {e}", file.display()))?;
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
            genre: "letter".into(),
            split: "dev".into(),
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
            ..GoldDocument::default()
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
    fn a_web_text_needs_its_address_and_publisher() {
        let mut d = doc("a", 0, 1);
        d.genre = "news".into();
        assert!(check(&d, "a").unwrap_err().starts_with("source_url"));
        d.source_url = Some("https://example.org/a".into());
        d.publisher = Some("Example".into());
        assert!(check(&d, "a").is_ok());
    }

    #[test]
    fn the_paragraphs_view_normalises_whitespace_and_joins_numbers() {
        let raw = "Intro  text \r\r12. \rThe State   will\r(a)\rRatify it;\r\r  \rEnd";
        assert_eq!(
            paragraphs(raw, &[]).unwrap(),
            "Intro text\n12. The State will\n(a) Ratify it;\nEnd"
        );
        let cut = [Range { start: 0, end: 5 }, Range { start: 36, end: 50 }];
        assert_eq!(
            paragraphs(raw, &cut).unwrap(),
            "Intro\n[...]\n(a) Ratify it;"
        );
        let outside = [Range { start: 40, end: 99 }];
        assert!(
            paragraphs(raw, &outside)
                .unwrap_err()
                .starts_with("excerpts[0]")
        );
    }

    #[test]
    fn csv_rows_are_selected_by_a_column_and_joined_by_lines() {
        let csv = "# a comment\nTo,Text\nChad,\"Ratify, soon.\"\nPeru,No.\nChad,Report.\n";
        let mut d = doc("a", 0, 1);
        d.text_column = Some("Text".into());
        assert!(
            csv_rows(csv, &d, "Text")
                .unwrap_err()
                .contains("record_column")
        );
        d.record_column = Some("To".into());
        d.record = Some("Chad".into());
        assert_eq!(csv_rows(csv, &d, "Text").unwrap(), "Ratify, soon.\nReport.");
        d.record = Some("Fiji".into());
        assert!(csv_rows(csv, &d, "Text").unwrap_err().contains("To = Fiji"));
        d.record_column = Some("From".into());
        assert!(csv_rows(csv, &d, "Text").unwrap_err().contains("'From'"));
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
