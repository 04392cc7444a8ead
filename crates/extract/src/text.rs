//! The first stages of the pipeline: decoding bytes, normalising plain text,
//! Markdown or HTML into plain text with a map back to the original, and
//! splitting that text into sentences.
//!
//! Offsets reported to callers are character offsets (Unicode scalar values)
//! into the ORIGINAL decoded text. Internally the normalised text is indexed
//! by byte, and `map[b]` gives the original byte offset of the character that
//! produced normalised byte `b`; the extractor turns those into character
//! offsets once, for the candidates it reports.

/// The input's markup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputFormat {
    Plain,
    Markdown,
    Html,
}

impl InputFormat {
    /// Guesses the markup from the text itself.
    pub fn detect(text: &str) -> Self {
        let head: String = text.chars().take(4_000).collect();
        let lower = head.to_ascii_lowercase();
        if lower.contains("<html")
            || lower.contains("<p>")
            || lower.contains("<p ")
            || lower.contains("</p>")
            || lower.contains("<br")
            || lower.contains("<div")
            || lower.contains("<li>")
            || lower.contains("<ol>")
            || lower.contains("<ul>")
        {
            return InputFormat::Html;
        }
        let markdown_lines = head
            .lines()
            .filter(|l| {
                let t = l.trim_start();
                t.starts_with("# ") || t.starts_with("## ") || t.starts_with("**")
            })
            .count();
        if markdown_lines > 0 {
            InputFormat::Markdown
        } else {
            InputFormat::Plain
        }
    }

    /// The markup a file name suggests, if any.
    pub fn from_extension(path: &str) -> Option<Self> {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".html") || lower.ends_with(".htm") {
            Some(InputFormat::Html)
        } else if lower.ends_with(".md") || lower.ends_with(".markdown") {
            Some(InputFormat::Markdown)
        } else if lower.ends_with(".txt") {
            Some(InputFormat::Plain)
        } else {
            None
        }
    }
}

/// Mac Roman's upper half, for the UN report texts that were extracted in
/// that encoding.
const MAC_ROMAN_HIGH: &str = "ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»…\u{a0}ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\u{f8ff}ÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ";

/// Decodes a file's bytes: UTF-8 when valid (a leading byte-order mark is
/// dropped), otherwise Mac Roman, which maps every byte to one character.
pub fn decode(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.strip_prefix('\u{feff}').unwrap_or(text).to_owned(),
        Err(_) => {
            let high: Vec<char> = MAC_ROMAN_HIGH.chars().collect();
            bytes
                .iter()
                .map(|&b| {
                    if b < 0x80 {
                        b as char
                    } else {
                        high.get(usize::from(b - 0x80))
                            .copied()
                            .unwrap_or('\u{fffd}')
                    }
                })
                .collect()
        }
    }
}

/// Normalised text with its map back to the original.
#[derive(Debug, Clone)]
pub struct Normalised {
    pub text: String,
    /// For each byte of `text` (plus one past the end): the byte offset in
    /// the original of the character that produced it.
    pub map: Vec<u32>,
}

impl Normalised {
    /// The original byte offset of normalised byte `b`.
    pub fn original(&self, b: usize) -> usize {
        self.map
            .get(b)
            .or_else(|| self.map.last())
            .copied()
            .unwrap_or(0) as usize
    }
}

struct Builder {
    /// Byte offset of each original character.
    offsets: Vec<usize>,
    text: String,
    map: Vec<u32>,
}

impl Builder {
    /// Appends `c`, produced by original character number `from`.
    fn push(&mut self, c: char, from: usize) {
        let before = self.text.len();
        self.text.push(c);
        let n = self.text.len() - before;
        let at = self.offsets.get(from).copied().unwrap_or(0) as u32;
        self.map.extend(std::iter::repeat_n(at, n));
    }

    fn finish(mut self, total_bytes: usize) -> Normalised {
        self.map.push(total_bytes as u32);
        Normalised {
            text: self.text,
            map: self.map,
        }
    }
}

/// Normalises `original` (already decoded) into plain text: line endings
/// become `\n`, tabs spaces, markup is removed, UN page headers are blanked.
pub fn normalise(original: &str, format: InputFormat) -> Normalised {
    let (offsets, chars): (Vec<usize>, Vec<char>) = original.char_indices().unzip();
    let mut out = Builder {
        offsets,
        text: String::with_capacity(original.len()),
        map: Vec::with_capacity(original.len() + 1),
    };
    match format {
        InputFormat::Plain => plain(&chars, &mut out),
        InputFormat::Markdown => markdown(&chars, &mut out),
        InputFormat::Html => html(&chars, &mut out),
    }
    let mut n = out.finish(original.len());
    blank_page_headers(&mut n.text);
    n
}

fn plain(chars: &[char], out: &mut Builder) {
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\r' => {
                out.push('\n', i);
                if chars.get(i + 1) == Some(&'\n') {
                    i += 1;
                }
            }
            '\t' | '\u{a0}' | '\u{c}' => out.push(' ', i),
            _ => out.push(c, i),
        }
        i += 1;
    }
}

fn markdown(chars: &[char], out: &mut Builder) {
    let mut i = 0;
    let mut line_start = true;
    while i < chars.len() {
        let c = chars[i];
        if line_start {
            // Leading markers: headings, quotes, bullets.
            let mut j = i;
            while j < chars.len() && chars[j] == ' ' {
                j += 1;
            }
            let mut k = j;
            while k < chars.len() && matches!(chars[k], '#' | '>') {
                k += 1;
            }
            if k == j
                && k + 1 < chars.len()
                && matches!(chars[k], '-' | '*' | '+')
                && chars[k + 1] == ' '
            {
                k += 1;
            }
            if k > j {
                // A bullet or heading starts a new block.
                out.push('\n', i);
                i = k;
                line_start = false;
                continue;
            }
            line_start = false;
        }
        match c {
            '\r' | '\n' => {
                out.push('\n', i);
                if c == '\r' && chars.get(i + 1) == Some(&'\n') {
                    i += 1;
                }
                line_start = true;
            }
            '*' | '`' => {}
            '_' if chars.get(i + 1) == Some(&'_') => i += 1,
            '[' => {
                // [text](url): keep the text, drop the address.
                if let Some(close) = chars[i..].iter().position(|&x| x == ']').map(|p| p + i)
                    && chars.get(close + 1) == Some(&'(')
                    && let Some(end) = chars[close..]
                        .iter()
                        .position(|&x| x == ')')
                        .map(|p| p + close)
                {
                    for (k, &ch) in chars.iter().enumerate().take(close).skip(i + 1) {
                        out.push(ch, k);
                    }
                    i = end + 1;
                    continue;
                }
                out.push(c, i);
            }
            '\t' | '\u{a0}' => out.push(' ', i),
            _ => out.push(c, i),
        }
        i += 1;
    }
}

const BLOCK_TAGS: &[&str] = &[
    "p",
    "br",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "table",
    "blockquote",
    "section",
    "article",
    "header",
    "footer",
    "hr",
    "title",
];

fn html(chars: &[char], out: &mut Builder) {
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '<' => {
                let end = chars[i..].iter().position(|&x| x == '>').map(|p| p + i);
                let Some(end) = end else {
                    out.push(c, i);
                    i += 1;
                    continue;
                };
                let tag: String = chars[i + 1..end]
                    .iter()
                    .skip_while(|&&x| x == '/')
                    .take_while(|x| x.is_ascii_alphanumeric())
                    .collect::<String>()
                    .to_ascii_lowercase();
                let closing = chars.get(i + 1) == Some(&'/');
                if !closing && (tag == "script" || tag == "style") {
                    // Skip to the matching closing tag.
                    let close = format!("</{tag}");
                    let rest: String = chars[end..].iter().collect();
                    let skip = rest
                        .to_ascii_lowercase()
                        .find(&close)
                        .map(|p| rest[..p].chars().count())
                        .unwrap_or(rest.chars().count());
                    i = end + skip;
                    continue;
                }
                if BLOCK_TAGS.contains(&tag.as_str()) {
                    out.push('\n', i);
                    out.push('\n', i);
                    // A list item keeps its mark, so that it is read as
                    // one.
                    if tag == "li" && !closing {
                        out.push('•', i);
                        out.push(' ', i);
                    }
                }
                i = end + 1;
            }
            '&' => {
                let end = chars[i..]
                    .iter()
                    .take(12)
                    .position(|&x| x == ';')
                    .map(|p| p + i);
                let decoded = end.and_then(|e| {
                    let reference: String = chars[i..=e].iter().collect();
                    entity(&reference)
                });
                match (decoded, end) {
                    (Some(text), Some(e)) => {
                        for ch in text.chars() {
                            out.push(ch, i);
                        }
                        i = e + 1;
                    }
                    _ => {
                        out.push(c, i);
                        i += 1;
                    }
                }
            }
            '\r' => {
                out.push('\n', i);
                if chars.get(i + 1) == Some(&'\n') {
                    i += 1;
                }
                i += 1;
            }
            '\t' | '\u{a0}' => {
                out.push(' ', i);
                i += 1;
            }
            _ => {
                out.push(c, i);
                i += 1;
            }
        }
    }
}

/// The text of one character reference (`reference` is all of it, from
/// `&` to `;`), decoded by `html-escape`: named (the HTML5 table), decimal
/// and hexadecimal; `None` when it is no reference the crate knows. Two
/// choices of the normaliser stay on top of the crate: `&nbsp;` becomes a
/// plain space, as a raw no-break space does above, and `&lsquo;` becomes the
/// apostrophe `’` like `&rsquo;` (the decoder this replaced did so, and the
/// extraction's figures were measured with it).
fn entity(reference: &str) -> Option<String> {
    // A reference holding another `&` is not one (the old decoder's rule; the
    // crate would decode the inner one).
    if reference[1..].contains('&') {
        return None;
    }
    match reference {
        "&nbsp;" => return Some(" ".to_owned()),
        "&lsquo;" => return Some("’".to_owned()),
        _ => {}
    }
    let decoded = html_escape::decode_html_entities(reference);
    (decoded != reference).then(|| decoded.into_owned())
}

/// Blanks (with spaces, so offsets stay put) the running headers that PDF
/// extraction leaves inside UN documents: "A/HRC/8/29 Page 3", "Page 3",
/// "GE.08-12345", bare page numbers.
fn blank_page_headers(text: &mut String) {
    let mut ranges = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        let t = line.trim();
        let header = (t.starts_with("A/HRC/") && t.len() < 45 && !t.contains(". "))
            || (t.starts_with("Page ") && t.len() < 12)
            || (t.starts_with("GE.") && t.len() < 30)
            || (!t.is_empty() && t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit()));
        if header {
            ranges.push((start, start + line.len()));
        }
        start += line.len() + 1;
    }
    if ranges.is_empty() {
        return;
    }
    // Replacing ASCII-only lines byte for byte keeps the map valid; lines
    // with other characters are left alone.
    let mut bytes = std::mem::take(text).into_bytes();
    for (s, e) in ranges {
        if bytes[s..e].is_ascii() {
            bytes[s..e].fill(b' ');
        }
    }
    *text = String::from_utf8(bytes).unwrap_or_default();
}

/// A sentence (or list item) of the normalised text, as a byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "no", "nos", "st", "jr", "sr", "vs", "etc", "e.g", "i.e",
    "u.n", "u.s", "u.k", "e.u", "art", "arts", "para", "paras", "corr", "rev", "add", "h.e", "inc",
    "ltd", "co", "fig", "vol", "op", "cf", "gen", "gov", "sen", "rep", "hon", "amb", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "p", "pp", "s.e", "m",
    "mme", "cit",
];

/// Whether a numbered item starts at byte `i` (start of a line, after
/// spaces): "12.", "92. 3.", "86.14", "(a)", "a)", "•", "- ".
pub fn item_marker_len(text: &[u8], i: usize) -> Option<usize> {
    let mut j = i;
    let digits = |j: &mut usize| {
        let s = *j;
        while *j < text.len() && text[*j].is_ascii_digit() && *j - s < 3 {
            *j += 1;
        }
        *j > s
    };
    if j < text.len() && text[j].is_ascii_digit() {
        if !digits(&mut j) {
            return None;
        }
        if text.get(j) == Some(&b'.') {
            j += 1;
            // "92. 1." or "86.14" or "86.14."
            let mut k = j;
            while k < text.len() && text[k] == b' ' {
                k += 1;
            }
            let save = k;
            if digits(&mut k) && (text.get(k) == Some(&b'.') || text.get(k) == Some(&b' ')) {
                if text.get(k) == Some(&b'.') {
                    k += 1;
                }
                j = k;
            } else {
                j = save.max(j);
            }
            if j >= text.len() || text[j].is_ascii_whitespace() || j > i {
                return Some(j - i);
            }
        }
        return None;
    }
    if text[j..].starts_with("•".as_bytes()) {
        return Some("•".len());
    }
    if text[j..].starts_with(b"- ") {
        return Some(2);
    }
    if text[j..].starts_with("–".as_bytes()) && text.get(j + "–".len()) == Some(&b' ') {
        return Some("–".len() + 1);
    }
    if text[j..].starts_with(b"* ") {
        return Some(2);
    }
    letter_marker_len(text, j)
}

/// "(a)", "(iv)", "a)", "iv)" followed by a space or the end: a lettered or
/// roman-numbered item.
fn letter_marker_len(text: &[u8], j: usize) -> Option<usize> {
    let open = usize::from(text.get(j) == Some(&b'('));
    let s = j + open;
    // "(1)", "(12)": a number in brackets (not a year, "(2008)").
    if open == 1 {
        let mut k = s;
        while k < text.len() && text[k].is_ascii_digit() && k - s < 3 {
            k += 1;
        }
        if (1..=2).contains(&(k - s)) && text.get(k) == Some(&b')') {
            let after = k + 1;
            return (after >= text.len() || text[after].is_ascii_whitespace()).then_some(after - j);
        }
    }
    let mut k = s;
    while k < text.len() && text[k].is_ascii_lowercase() && k - s < 5 {
        k += 1;
    }
    let letters = &text[s..k];
    let roman = letters.iter().all(|b| matches!(b, b'i' | b'v' | b'x'));
    if letters.is_empty() || (letters.len() > 1 && !roman) || text.get(k) != Some(&b')') {
        return None;
    }
    let after = k + 1;
    if open == 0 && text.get(after).is_none_or(|b| *b != b' ') {
        return None;
    }
    (after >= text.len() || text[after].is_ascii_whitespace()).then_some(after - j)
}

/// In text written one paragraph per line, whether the line break at `i`
/// is still inside the segment begun at `start`: the segment so far is only
/// an item number ("1. "), or the next line starts in lower case.
fn continues_line(b: &[u8], start: usize, i: usize) -> bool {
    let so_far = &b[start..i];
    let first = so_far.iter().position(|c| !c.is_ascii_whitespace());
    let only_marker = match first {
        None => true,
        Some(f) => item_marker_len(so_far, f)
            .is_some_and(|n| so_far[f + n..].iter().all(u8::is_ascii_whitespace)),
    };
    let next = b[i + 1..].iter().find(|c| !matches!(c, b' ' | b'\t'));
    only_marker || next.is_some_and(u8::is_ascii_lowercase) || ends_mid_phrase(so_far)
}

/// "... criminal laws are aligned with the" + line break: a line that ends
/// on a word no sentence or item ends with.
fn ends_mid_phrase(line: &[u8]) -> bool {
    const OPEN: &[&[u8]] = &[
        b"the", b"a", b"an", b"of", b"and", b"or", b"with", b"to", b"for", b"in", b"on", b"by",
        b"its", b"their", b"that", b"from",
    ];
    let t = line.trim_ascii_end();
    let word = t
        .rsplit(|c| c.is_ascii_whitespace())
        .next()
        .unwrap_or_default();
    t.len() > word.len() && OPEN.contains(&word)
}

/// Whether the text is written one paragraph per line (clean text, text
/// from HTML or a word processor) rather than wrapped at a fixed width (text
/// taken from a PDF): most of its letters stand on lines longer than 200
/// bytes. In such text every line break ends a segment.
fn paragraph_per_line(text: &str) -> bool {
    let (mut long, mut all) = (0usize, 0usize);
    for line in text.split('\n') {
        all += line.len();
        if line.len() > 200 {
            long += line.len();
        }
    }
    all > 0 && (long * 2 > all || one_item_per_line(text))
}

/// Short lines that each start a sentence or an item (a list of pledges, a
/// CSV column joined by lines): in text wrapped at a fixed width most
/// lines go on with a word in lower case.
fn one_item_per_line(text: &str) -> bool {
    let (mut lines, mut lower) = (0usize, 0usize);
    for line in text.split('\n').map(str::trim).filter(|l| !l.is_empty()) {
        lines += 1;
        if line.chars().next().is_some_and(char::is_lowercase) {
            lower += 1;
        }
    }
    lines >= 3 && lower * 10 < lines
}

/// Splits the normalised text into sentences and list items.
pub fn sentences(text: &str) -> Vec<Span> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    let n = b.len();
    let mut cut = |s: usize, e: usize| out.extend(trimmed_span(b, s, e));
    let paragraphs = paragraph_per_line(text);
    while i < n {
        let c = b[i];
        if c == b'\n' {
            if paragraphs && !continues_line(b, start, i) {
                cut(start, i);
                start = i + 1;
                i += 1;
            } else if let Some(next) = segment_start_after_newline(b, i) {
                cut(start, i);
                start = next;
                i = next;
            } else {
                i += 1;
            }
            continue;
        }
        // "... base year 2010…Tunisia, which ...": an ellipsis glued to
        // the next sentence ends its own.
        if c == 0xE2
            && text[i..].starts_with('…')
            && text[i + '…'.len_utf8()..]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        {
            let e = i + '…'.len_utf8();
            cut(start, e);
            start = e;
            i = e;
            continue;
        }
        if matches!(c, b'.' | b'!' | b'?')
            && let Some(e) = sentence_end(text, start, i)
        {
            cut(start, e);
            start = e;
            i = e;
            continue;
        }
        i += 1;
    }
    cut(start, n);
    out
}

/// The span `s..e` without its surrounding whitespace, if anything is left.
fn trimmed_span(b: &[u8], s: usize, e: usize) -> Option<Span> {
    let (mut s, mut e) = (s, e);
    while s < e && b[s].is_ascii_whitespace() {
        s += 1;
    }
    while e > s && b[e - 1].is_ascii_whitespace() {
        e -= 1;
    }
    (e > s).then_some(Span { start: s, end: e })
}

/// Where a new segment starts after the line break at `i`: after a blank
/// line (a paragraph break) or at a numbered item; `None` when the line
/// break is inside a sentence.
fn segment_start_after_newline(b: &[u8], i: usize) -> Option<usize> {
    let n = b.len();
    let mut j = i + 1;
    while j < n && (b[j] == b' ' || b[j] == b'\t') {
        j += 1;
    }
    if j < n && (b[j] == b'\n' || item_marker_len(b, j).is_some() || roman_heading(b, j)) {
        return Some(j);
    }
    None
}

/// "III. Voluntary ...": a heading's roman number at the start of a line.
fn roman_heading(b: &[u8], j: usize) -> bool {
    let n = b[j..]
        .iter()
        .take_while(|c| matches!(c, b'I' | b'V' | b'X'))
        .count();
    (1..=4).contains(&n)
        && b.get(j + n) == Some(&b'.')
        && b.get(j + n + 1) == Some(&b' ')
        && b.get(j + n + 2).is_some_and(u8::is_ascii_uppercase)
}

/// Where the sentence begun at `start` ends, when the `.`, `!` or `?` at `i`
/// ends it: after its closing quotes and brackets, when what follows starts
/// a sentence and the full stop does not close an abbreviation.
fn sentence_end(text: &str, start: usize, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    let n = b.len();
    let mut e = i + 1;
    // Closing quotes and brackets belong to the sentence.
    loop {
        if e < n && matches!(b[e], b'"' | b'\'' | b')') {
            e += 1;
        } else if text[e..].starts_with('”') || text[e..].starts_with('’') {
            e += '”'.len_utf8();
        } else {
            break;
        }
    }
    // "2030.\"\"Indonesia could ...": closing quotes glued to the next
    // sentence's first letter.
    let glued = e > i + 1 && e < n && b[e].is_ascii_uppercase();
    if glued && ends_sentence(&text[start..i]) {
        return Some(e);
    }
    if e < n && !b[e].is_ascii_whitespace() {
        return None;
    }
    let mut j = e;
    while j < n && b[j].is_ascii_whitespace() {
        j += 1;
    }
    if j >= n {
        return None;
    }
    let next = text[j..].chars().next().unwrap_or(' ');
    let starts_sentence = next.is_uppercase()
        || next.is_ascii_digit()
        || matches!(next, '"' | '“' | '‘' | '(' | '[' | '•');
    if !starts_sentence || (b[i] == b'.' && !ends_sentence(&text[start..i])) {
        return None;
    }
    Some(e)
}

/// Whether the word before a full stop makes it a sentence end (it does
/// not after an abbreviation, an initial, or an item number).
fn ends_sentence(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '“' || c == '"')
        .next()
        .unwrap_or("");
    if word.is_empty() {
        return true;
    }
    let lower = word.to_ascii_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return false;
    }
    let mut cs = word.chars();
    if let (Some(first), None) = (cs.next(), cs.next())
        && first.is_uppercase()
    {
        // An initial ("J. Smith").
        return false;
    }
    // Item numbers: "12.", "92. 3." or "92.1." at the start of a segment.
    let trimmed = before.trim();
    if trimmed.len() <= 10
        && trimmed
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b' ')
    {
        return false;
    }
    // A heading's roman number: "III. Voluntary commitments".
    if (1..=5).contains(&trimmed.len())
        && trimmed
            .bytes()
            .all(|b| matches!(b, b'I' | b'V' | b'X' | b'L'))
    {
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        let s =
            split("Mr. Tazhin met the U.N. envoy. He spoke to J. Smith about No. 5. Then he left.");
        assert_eq!(
            s,
            [
                "Mr. Tazhin met the U.N. envoy.",
                "He spoke to J. Smith about No. 5.",
                "Then he left."
            ]
        );
    }

    #[test]
    fn numbered_paragraphs_and_items_start_their_own_segments() {
        let s = split(
            "69. The recommendations below enjoy the support of Chad:\n1. \nRatify the Convention (France);\n92. 2. Sign the protocol (Peru);\n86.14 Adopt a plan (Chile).",
        );
        assert_eq!(s.len(), 4, "{s:?}");
        assert!(s[1].starts_with("1."));
        assert!(s[2].starts_with("92. 2."));
        assert!(s[3].starts_with("86.14"));
    }

    #[test]
    fn character_references_decode_as_before_and_beyond() {
        let decoded = |html: &str| normalise(html, InputFormat::Html).text;
        // Every reference the hand-written decoder knew, decoded the same.
        assert_eq!(
            decoded("&amp;&lt;&gt;&quot;&apos;a&nbsp;b&rsquo;&lsquo;&ldquo;&rdquo;&ndash;&mdash;"),
            "&<>\"'a b’’“”–—"
        );
        assert_eq!(decoded("&#40;x&#41; &#x201C;&#X201d;"), "(x) “”");
        // Now every named reference of HTML5.
        assert_eq!(decoded("caf&eacute; &euro;5"), "café €5");
        // What is no reference stays as written, whole.
        assert_eq!(
            decoded("a &unknown; b &#zz; c &amp d && e &a&amp; f"),
            "a &unknown; b &#zz; c &amp d && e &a& f"
        );
        // A decoded reference maps back to its ampersand.
        let original = "x &eacute;t&eacute;";
        let n = normalise(original, InputFormat::Html);
        let at = n.text.find("t").unwrap();
        assert_eq!(&original[n.original(at)..n.original(at) + 1], "t");
    }

    #[test]
    fn html_is_stripped_and_offsets_point_into_the_original() {
        let original = "<p>We will <b>amend</b> the law &amp; more.</p>";
        let n = normalise(original, InputFormat::Html);
        let at = n.text.find("amend").unwrap();
        let o = n.original(at);
        assert_eq!(&original[o..o + 5], "amend");
        assert!(n.text.contains("the law & more."));
    }

    #[test]
    fn markdown_links_and_emphasis_are_reduced_to_their_text() {
        let n = normalise(
            "# Title\n**We will** see [the law](http://x.org).",
            InputFormat::Markdown,
        );
        assert!(n.text.contains("We will see the law."), "{}", n.text);
    }

    #[test]
    fn mac_roman_bytes_decode_to_one_character_each() {
        assert_eq!(decode(b"Kazakhstan\xd5s"), "Kazakhstan’s");
        assert_eq!(decode("été".as_bytes()), "été");
    }

    #[test]
    fn running_page_headers_are_blanked_without_moving_text() {
        let text = "a sentence that\nA/HRC/8/29 Page 3\ncontinues here.";
        let n = normalise(text, InputFormat::Plain);
        assert_eq!(n.text.len(), text.len());
        assert!(!n.text.contains("A/HRC"));
    }

    #[test]
    fn lettered_and_roman_items_start_segments_but_words_in_brackets_do_not() {
        assert_eq!(item_marker_len(b"(a) Establishing", 0), Some(3));
        assert_eq!(item_marker_len(b"(iv) Ratifying", 0), Some(4));
        assert_eq!(item_marker_len(b"b) Adopt", 0), Some(2));
        assert_eq!(item_marker_len(b"(ab) x", 0), None);
        assert_eq!(item_marker_len(b"(see below)", 0), None);
        assert_eq!(item_marker_len(b"a)b", 0), None);
        assert_eq!(item_marker_len(b"(1) to establish", 0), Some(3));
        assert_eq!(item_marker_len(b"(12) to ratify", 0), Some(4));
        assert_eq!(item_marker_len(b"(2008) was", 0), None);
    }

    #[test]
    fn short_lines_that_each_start_a_sentence_are_segments_and_a_line_ending_on_the_goes_on() {
        let list =
            "Approval of the Convention\nRatification of the Protocol\nReceive special rapporteurs";
        assert_eq!(
            split(list),
            [
                "Approval of the Convention",
                "Ratification of the Protocol",
                "Receive special rapporteurs"
            ]
        );
        let para = "Thailand will implement its human rights instruments, which includes ensuring that laws are aligned with the\nConvention against Torture and improving the laws to better protect women and children, as a long paragraph of a clean report does.";
        assert_eq!(split(para).len(), 1);
        // Wrapped text goes on in lower case on most lines.
        let wrapped = "The Government will\namend the law and\nrelease the prisoners.";
        assert_eq!(split(wrapped).len(), 1);
    }

    #[test]
    fn an_ellipsis_or_quotes_glued_to_the_next_sentence_end_their_own() {
        let s = split(
            "It will cut 41 percent by 2030…Tunisia, which has done much, is looking to cut 13 percent.",
        );
        assert_eq!(s.len(), 2);
        assert!(s[1].starts_with("Tunisia"));
        let s = split(
            "It committed to 29% by the year of 2030.\"\"Indonesia could increase it to 41%.",
        );
        assert_eq!(s.len(), 2);
        assert!(s[1].starts_with("Indonesia"));
    }

    #[test]
    fn in_text_written_one_paragraph_per_line_every_line_is_a_segment() {
        let para = "The State under review made a statement on its plans, which are long enough to fill a line of this text and more, since clean paragraphs run on, and this one runs on well past two hundred bytes in all, as a clean paragraph of a report does.";
        let text = format!("{para}\nIII. Voluntary commitments of the State under review\n{para}");
        let s = split(&text);
        assert_eq!(s[1], "III. Voluntary commitments of the State under review");
        // Wrapped text keeps its sentences across line breaks.
        let wrapped = "The Government will\namend the law.";
        assert_eq!(split(wrapped), ["The Government will\namend the law."]);
    }
}
