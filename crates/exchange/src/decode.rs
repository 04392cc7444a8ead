//! Bytes to text: the encodings real collections come in.
//!
//! A byte-order mark decides; otherwise valid UTF-8 is UTF-8; otherwise the
//! bytes are Windows-1252 or Mac Roman, told apart by which reading gives
//! plausible text (letters between letters, quotes and dashes next to
//! spaces). An encoding given by the user is checked against the bytes: one
//! that cannot be right is an error, never a silent misreading. Binary files
//! (NUL or other control bytes) are refused before any of this.

use std::fmt;

/// The encodings a file may come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Windows1252,
    MacRoman,
}

impl Encoding {
    pub const NAMES: &'static str = "utf-8, windows-1252, mac-roman";

    /// Reads a name as people write it: `utf-8`, `UTF8`, `cp1252`,
    /// `windows-1252`, `latin1`, `macintosh`, `mac-roman`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let folded: String = text
            .trim()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        match folded.as_str() {
            "utf8" => Ok(Encoding::Utf8),
            "windows1252" | "cp1252" | "latin1" | "iso88591" => Ok(Encoding::Windows1252),
            "macroman" | "macintosh" | "mac" | "xmacroman" => Ok(Encoding::MacRoman),
            _ => Err(format!(
                "'{text}' is not an encoding this program reads (expected one of: {})",
                Self::NAMES
            )),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Windows1252 => "windows-1252",
            Encoding::MacRoman => "mac-roman",
        }
    }

    fn legacy(self) -> Option<&'static encoding_rs::Encoding> {
        match self {
            Encoding::Utf8 => None,
            Encoding::Windows1252 => Some(encoding_rs::WINDOWS_1252),
            Encoding::MacRoman => Some(encoding_rs::MACINTOSH),
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The line endings found in a text, for the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LineEndings {
    pub lf: usize,
    pub crlf: usize,
    pub cr: usize,
}

impl fmt::Display for LineEndings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kinds: Vec<&str> = [(self.lf, "LF"), (self.crlf, "CRLF"), (self.cr, "CR")]
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(_, name)| *name)
            .collect();
        match kinds.len() {
            0 => f.write_str("no line breaks"),
            1 => write!(f, "{} line endings", kinds[0]),
            _ => write!(f, "mixed {} line endings", kinds.join("/")),
        }
    }
}

/// A decoded file.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text, with every line ending turned into `\n` (also inside quoted
    /// fields), so that line numbers count the same way in every file.
    pub text: String,
    pub encoding: Encoding,
    /// Whether the encoding was found by looking at the bytes (rather than
    /// given, or marked by a byte-order mark).
    pub guessed: bool,
    pub bom: bool,
    pub line_endings: LineEndings,
}

/// Why a file cannot be read as text. Nothing of it is used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error(
        "this is not a text file: it holds the control byte 0x{byte:02X} at byte {offset} (line {line}); is it a spreadsheet or a compressed file? Save it as CSV first"
    )]
    Binary {
        byte: u8,
        offset: usize,
        line: usize,
    },
    #[error(
        "the file starts with a UTF-16 byte-order mark; save it as UTF-8 (or give a UTF-8 copy)"
    )]
    Utf16,
    #[error(
        "line {line} is {length} bytes long, more than the {limit} bytes a line may hold; this does not look like a table of records"
    )]
    LineTooLong {
        line: usize,
        length: usize,
        limit: usize,
    },
    #[error(
        "the file is not valid UTF-8 as declared: the byte 0x{byte:02X} at byte {offset} (line {line}) cannot start or continue a character; give the file's real encoding with --encoding ({names}) or leave --encoding out to detect it",
        names = Encoding::NAMES
    )]
    NotUtf8 {
        byte: u8,
        offset: usize,
        line: usize,
    },
    #[error(
        "the file cannot be {declared} as declared: the byte 0x{byte:02X} at byte {offset} (line {line}) means nothing in {declared}"
    )]
    Undefined {
        declared: Encoding,
        byte: u8,
        offset: usize,
        line: usize,
    },
    #[error(
        "the file was declared {declared} but is UTF-8 (it holds UTF-8 characters such as '{example}' at line {line}); leave --encoding out or give utf-8"
    )]
    ActuallyUtf8 {
        declared: Encoding,
        example: String,
        line: usize,
    },
}

/// The longest line a table of outside records may have (1 MiB). Longer
/// lines are refused before any parsing (see [`check_line_length`]), so a
/// hostile file cannot make a reader build a huge record.
pub const MAX_LINE_BYTES: usize = 1024 * 1024;

fn line_of(bytes: &[u8], offset: usize) -> usize {
    let upto = &bytes[..offset.min(bytes.len())];
    let lf = upto.iter().filter(|&&b| b == b'\n').count();
    let cr_alone = upto
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\r' && upto.get(i + 1) != Some(&b'\n'))
        .count();
    1 + lf + cr_alone
}

/// A control byte no text file holds: NUL and the others, tab, line feed,
/// carriage return and form feed aside.
pub fn is_binary_byte(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)) || b == 0x7F
}

/// Refuses NUL and other control bytes (tab, line feed, carriage return and
/// form feed aside).
fn check_not_binary(bytes: &[u8]) -> Result<(), DecodeError> {
    let bad = bytes.iter().position(|&b| is_binary_byte(b));
    match bad {
        Some(offset) => Err(DecodeError::Binary {
            byte: bytes[offset],
            offset,
            line: line_of(bytes, offset),
        }),
        None => Ok(()),
    }
}

/// Refuses a physical line longer than `limit` bytes.
pub fn check_line_length(bytes: &[u8], limit: usize) -> Result<(), DecodeError> {
    let mut line = 1;
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' || b == b'\r' {
            if i - start > limit {
                return Err(DecodeError::LineTooLong {
                    line,
                    length: i - start,
                    limit,
                });
            }
            if b == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            line += 1;
            start = i + 1;
        }
        i += 1;
    }
    if bytes.len() - start > limit {
        return Err(DecodeError::LineTooLong {
            line,
            length: bytes.len() - start,
            limit,
        });
    }
    Ok(())
}

/// Turns bytes into text, detecting the encoding unless one is given.
pub fn decode(bytes: &[u8], declared: Option<Encoding>) -> Result<Decoded, DecodeError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(DecodeError::Utf16);
    }
    check_not_binary(bytes)?;
    let bom = bytes.starts_with(&[0xEF, 0xBB, 0xBF]);
    let body = if bom { &bytes[3..] } else { bytes };
    let (text, encoding, guessed) = match declared {
        Some(Encoding::Utf8) => match std::str::from_utf8(body) {
            Ok(text) => (text.to_owned(), Encoding::Utf8, false),
            Err(e) => {
                let offset = e.valid_up_to() + usize::from(bom) * 3;
                return Err(DecodeError::NotUtf8 {
                    byte: bytes[offset],
                    offset,
                    line: line_of(bytes, offset),
                });
            }
        },
        Some(legacy) => {
            if bom {
                return Err(DecodeError::ActuallyUtf8 {
                    declared: legacy,
                    example: "\u{FEFF} (a UTF-8 byte-order mark)".into(),
                    line: 1,
                });
            }
            if let Some(e) = utf8_evidence(body) {
                return Err(DecodeError::ActuallyUtf8 {
                    declared: legacy,
                    example: e.0,
                    line: line_of(bytes, e.1),
                });
            }
            if legacy == Encoding::Windows1252
                && let Some(offset) = body
                    .iter()
                    .position(|b| matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D))
            {
                return Err(DecodeError::Undefined {
                    declared: legacy,
                    byte: body[offset],
                    offset,
                    line: line_of(bytes, offset),
                });
            }
            (legacy_decode(body, legacy), legacy, false)
        }
        None => match std::str::from_utf8(body) {
            Ok(text) => (text.to_owned(), Encoding::Utf8, bom),
            Err(_) => {
                let encoding = guess_legacy(body);
                (legacy_decode(body, encoding), encoding, true)
            }
        },
    };
    let (text, line_endings) = normalise_line_endings(text);
    Ok(Decoded {
        text,
        encoding,
        guessed: guessed && !bom,
        bom,
        line_endings,
    })
}

fn legacy_decode(bytes: &[u8], encoding: Encoding) -> String {
    match encoding.legacy() {
        Some(e) => e.decode_without_bom_handling(bytes).0.into_owned(),
        None => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// A multi-byte UTF-8 character in otherwise legacy-looking bytes: the file
/// is UTF-8 whatever was declared (a legacy text almost never forms valid
/// UTF-8 sequences by chance, and an all-ASCII file reads the same either way).
fn utf8_evidence(bytes: &[u8]) -> Option<(String, usize)> {
    let first = bytes.iter().position(|&b| b >= 0x80)?;
    let text = std::str::from_utf8(bytes).ok()?;
    let c = text[first..].chars().next()?;
    Some((c.to_string(), first))
}

/// How plausible a character is between its neighbours: letters inside
/// words, punctuation next to spaces.
fn plausibility(prev: Option<u8>, c: char, next: Option<u8>) -> i32 {
    let letter = |b: Option<u8>| b.is_some_and(|b| b.is_ascii_alphabetic());
    if c.is_control() {
        return -5;
    }
    if c.is_alphabetic() {
        if c.is_lowercase() {
            if letter(prev) || letter(next) { 2 } else { 0 }
        } else if prev.is_some_and(|b| b.is_ascii_lowercase())
            && next.is_some_and(|b| b.is_ascii_lowercase())
        {
            // An capital letter inside a lowercase word ("womenÕs").
            -2
        } else {
            1
        }
    } else if matches!(
        c,
        '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}' | '\u{2013}' | '\u{2014}' | '\u{2026}'
    ) {
        1
    } else {
        -1
    }
}

/// Windows-1252 or Mac Roman, whichever reading of the high bytes gives the
/// more plausible text; Windows-1252 when it is a tie.
pub fn guess_legacy(bytes: &[u8]) -> Encoding {
    let mut score_win = 0i64;
    let mut score_mac = 0i64;
    let mut one = [0u8; 1];
    for (i, &b) in bytes.iter().enumerate() {
        if b < 0x80 {
            continue;
        }
        let prev = i.checked_sub(1).map(|j| bytes[j]);
        let next = bytes.get(i + 1).copied();
        one[0] = b;
        for (encoding, score) in [
            (encoding_rs::WINDOWS_1252, &mut score_win),
            (encoding_rs::MACINTOSH, &mut score_mac),
        ] {
            let decoded = encoding.decode_without_bom_handling(&one).0;
            if let Some(c) = decoded.chars().next() {
                *score += i64::from(plausibility(prev, c, next));
            }
        }
    }
    if score_mac > score_win {
        Encoding::MacRoman
    } else {
        Encoding::Windows1252
    }
}

/// A document given to the drafting help as text (not PDF or Word), as the
/// text the extractor reads: UTF-16 and UTF-8 with or without a byte-order
/// mark, else Windows-1252 or Mac Roman as [`guess_legacy`] tells; UTF-8
/// with a few stray bytes stays UTF-8, with the stray bytes replaced.
/// Line endings are kept (the extractor reads CR, CRLF and LF alike).
///
/// # Errors
///
/// A message for the person who chose the file when it is empty, a zip
/// archive that is not a Word document, or binary data.
pub fn document_text(bytes: &[u8]) -> Result<String, String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("the file is empty: there is no text to read".into());
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Err("the file is a zip archive but not a Word document (it holds no word/document.xml): give a .docx saved by a word processor, a PDF, or text".into());
    }
    if let Some(offset) = bytes.iter().position(|&b| is_binary_byte(b)) {
        return Err(format!(
            "this is not a text file: it holds the control byte 0x{:02X} at byte {offset} (line {}); give text, HTML, Markdown, a PDF or a Word (DOCX) file",
            bytes[offset],
            line_of(bytes, offset)
        ));
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(body) {
        return Ok(text.to_owned());
    }
    // Valid multi-byte characters with a few stray bytes: UTF-8 damaged in
    // places, not a legacy encoding (whose high bytes seldom form UTF-8).
    let (mut characters, mut stray) = (0usize, 0usize);
    for chunk in body.utf8_chunks() {
        characters += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        stray += chunk.invalid().len();
    }
    if characters > 0 && stray <= 3.max(characters / 10) {
        return Ok(String::from_utf8_lossy(body).into_owned());
    }
    Ok(legacy_decode(body, guess_legacy(body)))
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, String> {
    if bytes.len() % 2 == 1 {
        return Err(
            "the file starts as UTF-16 but has an odd number of bytes: it is damaged or not UTF-16"
                .into(),
        );
    }
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]])).collect();
    let text = String::from_utf16_lossy(&units);
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}'))
    {
        return Err(
            "the file starts as UTF-16 but holds control characters: it is not a text file".into(),
        );
    }
    Ok(text)
}

/// `\r\n` and lone `\r` become `\n`.
fn normalise_line_endings(text: String) -> (String, LineEndings) {
    let mut endings = LineEndings::default();
    if !text.contains('\r') {
        endings.lf = text.matches('\n').count();
        return (text, endings);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                    endings.crlf += 1;
                } else {
                    endings.cr += 1;
                }
                out.push('\n');
            }
            '\n' => {
                endings.lf += 1;
                out.push('\n');
            }
            other => out.push(other),
        }
    }
    (out, endings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_is_read_in_whatever_encoding_it_comes_in() {
        let sentence = "Le Sénégal s’engage à abolir la peine de mort.";
        let utf16le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(sentence.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(document_text(&utf16le).unwrap(), sentence);
        let utf16be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(sentence.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(document_text(&utf16be).unwrap(), sentence);
        let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(sentence);
        assert_eq!(document_text(&cp1252).unwrap(), sentence);
        let mut damaged = sentence.as_bytes().to_vec();
        damaged.push(0xFF);
        assert_eq!(
            document_text(&damaged).unwrap(),
            format!("{sentence}\u{fffd}")
        );
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(sentence.as_bytes());
        assert_eq!(document_text(&bom).unwrap(), sentence);
    }

    #[test]
    fn an_empty_file_a_zip_and_binary_data_are_refused() {
        assert!(document_text(b"").unwrap_err().contains("empty"));
        assert!(document_text(b" \n").unwrap_err().contains("empty"));
        assert!(
            document_text(b"PK\x03\x04\x14\x00hello.txt")
                .unwrap_err()
                .contains("not a Word document")
        );
        assert!(
            document_text(b"ELF\x00\x01\x02")
                .unwrap_err()
                .contains("not a text file")
        );
        assert!(document_text(&[0xFF, 0xFE, 0x41]).is_err());
    }

    #[test]
    fn utf8_with_and_without_a_bom_is_read_as_utf8() {
        let plain = decode("Côte d'Ivoire\n".as_bytes(), None).unwrap();
        assert_eq!(plain.encoding, Encoding::Utf8);
        assert_eq!(plain.text, "Côte d'Ivoire\n");
        let with_bom = decode(b"\xEF\xBB\xBFa,b\r\n", None).unwrap();
        assert!(with_bom.bom);
        assert_eq!(with_bom.text, "a,b\n");
    }

    #[test]
    fn mac_roman_and_windows_1252_are_told_apart() {
        // "Réunion, women’s rights" in each encoding.
        let mac = b"R\x8Eunion, women\xD5s rights";
        let win = b"R\xE9union, women\x92s rights";
        let m = decode(mac, None).unwrap();
        assert_eq!(m.encoding, Encoding::MacRoman);
        assert_eq!(m.text, "Réunion, women\u{2019}s rights");
        let w = decode(win, None).unwrap();
        assert_eq!(w.encoding, Encoding::Windows1252);
        assert_eq!(w.text, "Réunion, women\u{2019}s rights");
    }

    #[test]
    fn every_line_ending_becomes_a_line_feed() {
        let d = decode(b"a\rb\r\nc\nd", None).unwrap();
        assert_eq!(d.text, "a\nb\nc\nd");
        assert_eq!(
            (d.line_endings.cr, d.line_endings.crlf, d.line_endings.lf),
            (1, 1, 1)
        );
    }

    #[test]
    fn binary_garbage_is_refused_naming_the_byte_and_line() {
        let e = decode(b"a,b\nc\x00d\n", None).unwrap_err();
        assert_eq!(
            e,
            DecodeError::Binary {
                byte: 0,
                offset: 5,
                line: 2
            }
        );
        assert!(e.to_string().contains("not a text file"));
    }

    #[test]
    fn a_wrong_declared_encoding_is_an_error() {
        let e = decode(b"R\x8Eunion", Some(Encoding::Utf8)).unwrap_err();
        assert!(matches!(e, DecodeError::NotUtf8 { byte: 0x8E, .. }), "{e}");
        let e = decode("Réunion".as_bytes(), Some(Encoding::MacRoman)).unwrap_err();
        assert!(matches!(e, DecodeError::ActuallyUtf8 { .. }), "{e}");
        let e = decode(b"a\x81b", Some(Encoding::Windows1252)).unwrap_err();
        assert!(
            matches!(e, DecodeError::Undefined { byte: 0x81, .. }),
            "{e}"
        );
    }

    #[test]
    fn a_declared_legacy_encoding_is_used() {
        let d = decode(b"R\x8Eunion", Some(Encoding::MacRoman)).unwrap();
        assert_eq!(d.text, "Réunion");
        assert!(!d.guessed);
    }

    #[test]
    fn an_overlong_line_is_refused_before_parsing() {
        let mut bytes = b"a,b\n".to_vec();
        bytes.extend(std::iter::repeat_n(b'x', MAX_LINE_BYTES + 1));
        let e = check_line_length(&bytes, MAX_LINE_BYTES).unwrap_err();
        assert!(matches!(e, DecodeError::LineTooLong { line: 2, .. }), "{e}");
        assert!(check_line_length(b"a\r\nb\rc", 1).is_ok());
    }

    #[test]
    fn encoding_names_are_read_loosely() {
        assert_eq!(Encoding::parse("UTF8").unwrap(), Encoding::Utf8);
        assert_eq!(Encoding::parse("cp1252").unwrap(), Encoding::Windows1252);
        assert_eq!(Encoding::parse("Mac Roman").unwrap(), Encoding::MacRoman);
        assert!(Encoding::parse("ebcdic").is_err());
    }
}
