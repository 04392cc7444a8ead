//! From the lines on a document's pages to the text the extractor reads:
//! running headers and footers dropped, lines joined into paragraphs (list
//! items kept on lines of their own), words hyphenated at a line's end made
//! whole again, pages separated by a form feed. Pure functions over lines
//! and their positions, so that every rule is tested without a PDF.

use std::collections::{HashMap, HashSet};

use super::PAGE_BREAK;

/// One line of text on a page, as laid out.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    /// Distance of the baseline from the top of the page, in points.
    pub y: f64,
    /// The font size, in points.
    pub size: f64,
    /// Where the line ends, from the left edge of the page, in points.
    pub right: f64,
}

/// One page's lines, in the order the page draws them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub height: f64,
    pub lines: Vec<Line>,
}

/// The share of the page's height at its top and at its bottom where
/// running headers and footers stand.
const MARGIN_ZONE: f64 = 0.12;

/// Lays out the document's pages as text (see the module's documentation).
pub fn text_of(pages: &[Page]) -> String {
    let pages = without_running_lines(pages);
    let compounds = hyphenated_words(&pages);
    let spacing = usual_line_spacing(&pages);
    let mut out = String::new();
    let mut full_last_line = false;
    for (n, page) in pages.iter().enumerate() {
        let paragraphs = paragraphs(page, spacing, &compounds);
        if n > 0 {
            let first = paragraphs.first().map(String::as_str);
            join_page(&mut out, first, full_last_line, &compounds);
        }
        full_last_line = ends_at_margin(page);
        for (i, p) in paragraphs.iter().enumerate() {
            if i == 0 && n > 0 {
                continue; // joined above
            }
            if i > 0 {
                out.push_str("\n\n");
            }
            out.push_str(p);
        }
    }
    out
}

/// Puts the next page's first paragraph after what came before: a
/// continuation of the last paragraph when it stopped mid-sentence, its
/// last line running to the right margin or the next page going on in
/// lower case; a new paragraph otherwise.
fn join_page(
    out: &mut String,
    first: Option<&str>,
    full_last_line: bool,
    compounds: &HashSet<String>,
) {
    let Some(first) = first else {
        out.push_str("\n\n");
        out.push(PAGE_BREAK);
        return;
    };
    let trimmed = out.trim_end();
    let open = !trimmed.is_empty() && !trimmed.ends_with(['.', ':', ';', '!', '?', '”', '"']);
    let continues =
        open && (full_last_line || first.chars().next().is_some_and(char::is_lowercase));
    if !continues {
        out.push_str("\n\n");
        out.push(PAGE_BREAK);
        out.push_str("\n\n");
        out.push_str(first);
        return;
    }
    if let Some(joined) = dehyphenate(trimmed, first, compounds) {
        // The word broken over the pages stays whole on the first; the
        // page break goes after it.
        let (word, rest) = first.split_at(first.find(' ').unwrap_or(first.len()));
        out.truncate(trimmed.len() - joined.removed);
        out.push_str(word);
        out.push(PAGE_BREAK);
        out.push_str(rest.trim_start());
    } else {
        out.truncate(trimmed.len());
        out.push(PAGE_BREAK);
        out.push_str(first);
    }
}

/// Whether the page's last line runs to the right margin (as far as its
/// longest lines), as the lines of a paragraph that goes on do.
fn ends_at_margin(page: &Page) -> bool {
    let widest = page.lines.iter().map(|l| l.right).fold(0.0, f64::max);
    page.lines
        .last()
        .is_some_and(|l| widest > 0.0 && l.right >= widest * 0.9)
}

/// A line's text with its digits, case and spacing set aside, so that
/// "A/HRC/8/29 Page 3" and "A/HRC/8/29 Page 5" are the same running line.
fn shape(text: &str) -> String {
    let mut out = String::new();
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().map(|c| {
            if c.is_ascii_digit() {
                '#'
            } else {
                c.to_ascii_lowercase()
            }
        }));
    }
    out
}

/// "3", "Page 3", "- 3 -", "3/12", "page 3 of 12".
fn is_page_number(text: &str) -> bool {
    let s = shape(text);
    let s = s.trim_matches(|c: char| c == '-' || c == '–' || c == ' ');
    let s = s.strip_prefix("page").unwrap_or(s).trim();
    let mut digits = s.split(|c: char| !c.is_ascii_alphanumeric() && c != '#');
    let only_numbers = s
        .split([' ', '/'])
        .all(|w| w.chars().all(|c| c == '#') || w == "of");
    !s.is_empty() && s.len() <= 12 && only_numbers && digits.any(|w| w.contains('#'))
}

/// The pages without their running headers and footers: page numbers in
/// the margins, lines that repeat in the margins of many pages (the
/// document's symbol, its title), and short lines that stand on most pages
/// wherever they are (a watermark).
pub fn without_running_lines(pages: &[Page]) -> Vec<Page> {
    let n = pages.len();
    let in_margin = |page: &Page, line: &Line| {
        page.height > 0.0
            && (line.y < page.height * MARGIN_ZONE || line.y > page.height * (1.0 - MARGIN_ZONE))
    };
    let mut margin_count: HashMap<String, usize> = HashMap::new();
    let mut page_count: HashMap<String, usize> = HashMap::new();
    for page in pages {
        let mut seen_margin = HashSet::new();
        let mut seen = HashSet::new();
        for line in &page.lines {
            let s = shape(&line.text);
            if in_margin(page, line) && seen_margin.insert(s.clone()) {
                *margin_count.entry(s.clone()).or_default() += 1;
            }
            if seen.insert(s.clone()) {
                *page_count.entry(s).or_default() += 1;
            }
        }
    }
    let running = |page: &Page, line: &Line| {
        let s = shape(&line.text);
        let margin = in_margin(page, line)
            && (is_page_number(&line.text)
                || (n >= 2 && margin_count.get(&s).is_some_and(|&c| c >= 2 && c * 3 >= n)));
        let everywhere = n >= 3
            && s.chars().count() <= 40
            && page_count.get(&s).is_some_and(|&c| c * 2 >= n && c >= 3);
        margin || everywhere
    };
    pages
        .iter()
        .map(|page| Page {
            height: page.height,
            lines: page
                .lines
                .iter()
                .filter(|l| !l.text.trim().is_empty() && !running(page, l))
                .cloned()
                .collect(),
        })
        .collect()
}

/// The most common distance between the baselines of consecutive lines:
/// a larger gap starts a new paragraph.
fn usual_line_spacing(pages: &[Page]) -> f64 {
    let mut counts: HashMap<i64, usize> = HashMap::new();
    for page in pages {
        for pair in page.lines.windows(2) {
            let d = pair[1].y - pair[0].y;
            if d > 0.0 && d < pair[0].size * 3.0 {
                *counts.entry((d * 2.0).round() as i64).or_default() += 1;
            }
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(d, c)| (c, -d))
        .map(|(d, _)| d as f64 / 2.0)
        .unwrap_or(0.0)
}

/// Words written with a hyphen inside a line ("self-determination"): a
/// word broken at its hyphen over two lines keeps it.
fn hyphenated_words(pages: &[Page]) -> HashSet<String> {
    let mut words = HashSet::new();
    for line in pages.iter().flat_map(|p| &p.lines) {
        for w in line.text.split_whitespace() {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            if w.contains('-') {
                words.insert(w.to_lowercase());
            }
        }
    }
    words
}

/// How a line ending in a hyphen joins the next one.
struct Joined {
    /// Bytes to remove from the end of the first line (the hyphen, or
    /// nothing when the hyphen belongs to the word).
    removed: usize,
}

/// When `before` ends with a word broken by hyphenation and `after` goes on
/// with the rest of it: how to join them. A soft hyphen always goes; a
/// hyphen goes unless the document writes the whole word with it.
fn dehyphenate(before: &str, after: &str, compounds: &HashSet<String>) -> Option<Joined> {
    let next = after.chars().next()?;
    if !next.is_lowercase() {
        return None;
    }
    if before.ends_with('\u{ad}') {
        return Some(Joined {
            removed: '\u{ad}'.len_utf8(),
        });
    }
    let stem = before.strip_suffix('-').or(before.strip_suffix('‐'))?;
    let hyphen = before.len() - stem.len();
    let left = stem
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .trim_start_matches(|c: char| !c.is_alphanumeric());
    if !left.chars().last().is_some_and(char::is_alphabetic) {
        return None;
    }
    let right: String = after
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .to_owned();
    let compound = format!("{left}-{right}").to_lowercase();
    let removed = if compounds.contains(&compound) {
        0
    } else {
        hyphen
    };
    Some(Joined { removed })
}

/// Whether a line starts a list item or a numbered paragraph: "12.",
/// "(a)", "a)", "•", "-", "–".
fn starts_item(line: &str) -> bool {
    let t = line.trim_start();
    if t.starts_with(['•', '–', '▪', '◦']) || t.starts_with("- ") {
        return true;
    }
    if let Some(rest) = t.strip_prefix('(') {
        let inner: String = rest.chars().take_while(|c| *c != ')').collect();
        return !inner.is_empty()
            && inner.len() <= 4
            && rest.len() > inner.len()
            && inner.chars().all(|c| c.is_alphanumeric());
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && digits <= 3 {
        let rest = &t[digits..];
        return rest.starts_with(". ") || rest == "." || rest.starts_with(".\u{a0}");
    }
    let mut cs = t.chars();
    matches!((cs.next(), cs.next(), cs.next()), (Some(a), Some(')'), Some(' ')) if a.is_ascii_lowercase())
}

/// A page's lines as paragraphs: a line follows the one before in the same
/// paragraph unless the gap between them is larger than the usual line
/// spacing, the type size changes (a heading), or it starts an item.
fn paragraphs(page: &Page, spacing: f64, compounds: &HashSet<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut prev: Option<&Line> = None;
    for line in &page.lines {
        let text = line.text.trim();
        let new_paragraph = match prev {
            None => true,
            Some(p) => {
                let gap = line.y - p.y;
                gap < 0.0
                    || (spacing > 0.0 && gap > spacing * 1.3 + 0.5)
                    || (line.size - p.size).abs() > 1.0
            }
        };
        prev = Some(line);
        match out.last_mut() {
            Some(last) if !new_paragraph => {
                if starts_item(text) || last.ends_with(':') {
                    last.push('\n');
                    last.push_str(text);
                } else if let Some(j) = dehyphenate(last, text, compounds) {
                    last.truncate(last.len() - j.removed);
                    last.push_str(text);
                } else if last.ends_with('/') {
                    // An address or a document symbol broken at a slash.
                    last.push_str(text);
                } else {
                    last.push(' ');
                    last.push_str(text);
                }
            }
            _ => out.push(text.to_owned()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, y: f64) -> Line {
        Line {
            text: text.into(),
            y,
            size: 10.0,
            right: 72.0 + 5.0 * text.chars().count() as f64,
        }
    }

    fn page(lines: &[(&str, f64)]) -> Page {
        Page {
            height: 800.0,
            lines: lines.iter().map(|(t, y)| line(t, *y)).collect(),
        }
    }

    #[test]
    fn running_headers_page_numbers_and_watermarks_are_dropped() {
        let bodies = [
            "Alpha stays.",
            "Beta stays.",
            "Gamma stays.",
            "Delta stays.",
        ];
        let pages: Vec<Page> = (1..=4)
            .map(|n| {
                let header = format!("A/HRC/8/29 Page {n}");
                let number = n.to_string();
                page(&[
                    ("DRAFT", 400.0),
                    (&header, 40.0),
                    (bodies[n - 1], 120.0),
                    (&number, 780.0),
                ])
            })
            .collect();
        let clean = without_running_lines(&pages);
        for (p, body) in clean.iter().zip(bodies) {
            let texts: Vec<&str> = p.lines.iter().map(|l| l.text.as_str()).collect();
            assert_eq!(texts, [body]);
        }
    }

    #[test]
    fn a_line_in_the_margin_of_only_one_page_stays() {
        let pages = vec![
            page(&[("GE.08-13682", 780.0), ("Text.", 100.0)]),
            page(&[("Other text.", 100.0)]),
            page(&[("More text.", 100.0)]),
        ];
        let clean = without_running_lines(&pages);
        assert_eq!(clean[0].lines.len(), 2);
    }

    #[test]
    fn lines_join_into_paragraphs_and_items_keep_their_lines() {
        let p = page(&[
            ("80. The State will take the following", 100.0),
            ("steps:", 112.0),
            ("(a) amend the law;", 124.0),
            ("(b) train the police by 2010.", 136.0),
            ("81. A new paragraph after a gap.", 160.0),
            ("It goes on here.", 172.0),
        ]);
        let text = text_of(&[p]);
        assert_eq!(
            text,
            "80. The State will take the following steps:\n(a) amend the law;\n(b) train the police by 2010.\n\n81. A new paragraph after a gap. It goes on here."
        );
    }

    #[test]
    fn hyphens_at_line_ends_go_unless_the_word_is_written_with_one() {
        let p = page(&[
            ("The right to self-determination and the", 100.0),
            ("Govern-", 112.0),
            ("ment will respect self-", 124.0),
            ("determination of peoples, a soft\u{ad}", 136.0),
            ("ware matter.", 148.0),
        ]);
        let text = text_of(&[p]);
        assert_eq!(
            text,
            "The right to self-determination and the Government will respect self-determination of peoples, a software matter."
        );
    }

    #[test]
    fn pages_are_separated_by_a_form_feed_even_inside_a_sentence() {
        let pages = vec![
            page(&[("1. The Government will", 100.0)]),
            page(&[
                ("ratify the Convention.", 100.0),
                ("2. Next.", 130.0),
                ("It goes on.", 142.0),
            ]),
            page(&[("3. A new page.", 100.0)]),
        ];
        assert_eq!(
            text_of(&pages),
            "1. The Government will\u{c}ratify the Convention.\n\n2. Next. It goes on.\n\n\u{c}\n\n3. A new page."
        );
        // A sentence that goes on over the page with a name, its last line
        // as long as the page's others.
        let pages = vec![
            page(&[
                ("2. The Government asked which measures", 100.0),
                ("and the measures it would take to help", 112.0),
            ]),
            page(&[("Indonesia intends to take.", 100.0)]),
        ];
        assert_eq!(
            text_of(&pages),
            "2. The Government asked which measures and the measures it would take to help\u{c}Indonesia intends to take."
        );
        let broken = vec![
            page(&[("The Govern-", 100.0)]),
            page(&[("ment will act.", 100.0)]),
        ];
        assert_eq!(text_of(&broken), "The Government\u{c}will act.");
    }

    #[test]
    fn page_numbers_are_recognised_in_their_usual_forms() {
        for s in ["3", "Page 3", "- 3 -", "3/12", "page 3 of 12"] {
            assert!(is_page_number(s), "{s}");
        }
        for s in ["A/HRC/8/29", "Introduction", "3. Text", "GE.08-13682"] {
            assert!(!is_page_number(s), "{s}");
        }
    }
}
