//! Texts read from the start each time a reader needs them: in memory, or
//! a file read as a stream, so that importing a file of any size holds a
//! buffer of it, never the whole of it.
//!
//! A file is looked at once first ([`inspect`]): only a UTF-8 file with no
//! control bytes is streamed; anything else (a legacy encoding to guess, a
//! binary or UTF-16 file to refuse) goes through [`crate::decode`] in
//! memory, which gives the same errors as ever.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use crate::decode::{LineEndings, is_binary_byte};

/// A text that can be read again from its start.
#[derive(Debug, Clone)]
pub enum Text<'t> {
    /// Decoded text held in memory (line endings already `\n` where the
    /// reader needs that).
    Memory(&'t str),
    /// A UTF-8 file, read from `skip` (past a byte-order mark), with CRLF
    /// and lone CR line endings turned into `\n` when `to_lf` is set. It
    /// must keep the size and modification time it had when looked at.
    File {
        path: PathBuf,
        skip: u64,
        to_lf: bool,
        seen: Stamp,
    },
}

/// A file's size and modification time, to tell that it changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub len: u64,
    pub modified: Option<std::time::SystemTime>,
}

impl Stamp {
    pub fn of(file: &File) -> io::Result<Stamp> {
        let meta = file.metadata()?;
        Ok(Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
        })
    }
}

impl Text<'_> {
    /// A reader over the text from its start.
    pub fn open(&self) -> io::Result<Box<dyn Read + Send + '_>> {
        match self {
            Text::Memory(text) => Ok(Box::new(text.as_bytes())),
            Text::File {
                path,
                skip,
                to_lf,
                seen,
            } => {
                let mut file = File::open(path)?;
                if Stamp::of(&file)? != *seen {
                    return Err(io::Error::other(
                        "the file changed while it was being imported",
                    ));
                }
                file.seek(SeekFrom::Start(*skip))?;
                let file = BufReader::with_capacity(1 << 16, Unchanged { file, seen: *seen });
                if *to_lf {
                    Ok(Box::new(ToLf::new(file)))
                } else {
                    Ok(Box::new(file))
                }
            }
        }
    }
}

/// A file read to its end only if its size and modification time are
/// still those it had when it was looked at: an edit made while it is read
/// (in place, or appended) is an error at the end, not a different text.
struct Unchanged {
    file: File,
    seen: Stamp,
}

impl Read for Unchanged {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = self.file.read(out)?;
        if n == 0 && Stamp::of(&self.file)? != self.seen {
            return Err(io::Error::other(
                "the file changed while it was being imported",
            ));
        }
        Ok(n)
    }
}

/// Turns CRLF and lone CR line endings into `\n` as the bytes go by: every
/// CR becomes a LF, and a LF right after a CR is dropped.
pub struct ToLf<R> {
    inner: R,
    after_cr: bool,
}

impl<R> ToLf<R> {
    pub fn new(inner: R) -> Self {
        ToLf {
            inner,
            after_cr: false,
        }
    }
}

impl<R: Read> Read for ToLf<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        loop {
            let n = self.inner.read(out)?;
            if n == 0 {
                return Ok(0);
            }
            let mut kept = 0;
            for i in 0..n {
                let b = out[i];
                let drop = b == b'\n' && self.after_cr;
                self.after_cr = b == b'\r';
                if !drop {
                    out[kept] = if b == b'\r' { b'\n' } else { b };
                    kept += 1;
                }
            }
            if kept > 0 {
                return Ok(kept);
            }
        }
    }
}

/// A reader that notes where lines end (at a LF, or at a CR not followed by
/// a LF) in the bytes it has passed on and not yet been asked about, so
/// that a CSV reader's byte offsets can be turned into line numbers without
/// holding the text.
pub struct Newlines<R> {
    inner: R,
    /// Bytes passed on so far.
    at: u64,
    /// Ends of lines not yet counted: their offset, and whether a LF.
    ends: VecDeque<(u64, bool)>,
    /// The offset of a CR at the end of the last read, until the next byte
    /// tells whether a LF follows it.
    cr: Option<u64>,
    /// Line ends counted (before the offsets asked about).
    counted: u64,
}

impl<R> Newlines<R> {
    pub fn new(inner: R) -> Self {
        Newlines {
            inner,
            at: 0,
            ends: VecDeque::new(),
            cr: None,
            counted: 0,
        }
    }

    /// Whether the byte at `offset` (at or after every offset asked about
    /// before) is a LF.
    pub fn is_lf_at(&self, offset: u64) -> bool {
        self.ends.iter().any(|&(at, lf)| at == offset && lf)
    }

    /// The number of line ends before `offset`; offsets asked about must
    /// not decrease.
    pub fn ends_before(&mut self, offset: u64) -> u64 {
        while let Some(&(at, _)) = self.ends.front() {
            if at >= offset {
                break;
            }
            self.ends.pop_front();
            self.counted += 1;
        }
        if self.cr.is_some_and(|at| at < offset) {
            // The reader has moved past a CR without reading on: a record
            // cannot start after it unless the next byte was read.
            self.cr = None;
            self.counted += 1;
        }
        self.counted
    }
}

impl<R: Read> Read for Newlines<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(out)?;
        if n == 0 {
            if let Some(at) = self.cr.take() {
                self.ends.push_back((at, false));
            }
            return Ok(0);
        }
        if let Some(at) = self.cr.take()
            && out[0] != b'\n'
        {
            self.ends.push_back((at, false));
        }
        for (i, &b) in out[..n].iter().enumerate() {
            let offset = self.at + i as u64;
            match b {
                b'\n' => self.ends.push_back((offset, true)),
                b'\r' if i + 1 == n => self.cr = Some(offset),
                b'\r' if out[i + 1] != b'\n' => self.ends.push_back((offset, false)),
                _ => {}
            }
        }
        self.at += n as u64;
        Ok(n)
    }
}

/// What one pass over a file found: whether it can be streamed as UTF-8,
/// and what the import's summary says of it.
#[derive(Debug, Clone, Default)]
pub struct Inspection {
    /// The file's size and modification time before it was read.
    pub stamp: Option<Stamp>,
    pub size: u64,
    /// The file starts with a UTF-8 byte-order mark.
    pub bom: bool,
    /// Valid UTF-8 with no control bytes but tab, LF, CR and form feed (and
    /// no UTF-16 byte-order mark).
    pub plain_utf8: bool,
    pub line_endings: LineEndings,
    /// The longest physical line, in bytes.
    pub longest_line: u64,
    /// The start of the text (after the byte-order mark), up to a whole
    /// line past 64 KiB where lines allow, for telling the format.
    pub head: String,
}

const HEAD_BYTES: usize = 64 * 1024;

/// Reads a file once, in blocks, to tell whether it can be streamed.
pub fn inspect(path: &Path) -> io::Result<Inspection> {
    let mut file = File::open(path)?;
    let mut found = Inspection {
        stamp: Some(Stamp::of(&file)?),
        plain_utf8: true,
        ..Inspection::default()
    };
    let mut block = vec![0u8; 1 << 20];
    let mut scan = Scan::default();
    let mut head = Vec::new();
    let mut first = true;
    loop {
        let n = file.read(&mut block)?;
        if n == 0 {
            break;
        }
        let mut bytes = &block[..n];
        if first {
            first = false;
            if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
                found.plain_utf8 = false;
            }
            if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
                found.bom = true;
                bytes = &bytes[3..];
            }
        }
        if head.len() < HEAD_BYTES {
            let take = (HEAD_BYTES - head.len()).min(bytes.len());
            head.extend_from_slice(&bytes[..take]);
        }
        found.size += n as u64;
        scan.block(bytes, &mut found);
    }
    scan.finish(&mut found);
    found.head = String::from_utf8_lossy(&head).into_owned();
    Ok(found)
}

/// What the scan of a file carries from one block to the next.
#[derive(Default)]
struct Scan {
    /// The bytes of a character cut by the end of the last block.
    carry: Vec<u8>,
    after_cr: bool,
    line: u64,
}

impl Scan {
    fn block(&mut self, bytes: &[u8], found: &mut Inspection) {
        for &b in bytes {
            if is_binary_byte(b) {
                found.plain_utf8 = false;
            }
            match b {
                b'\n' if self.after_cr => found.line_endings.crlf += 1,
                b'\n' => found.line_endings.lf += 1,
                _ if self.after_cr => found.line_endings.cr += 1,
                _ => {}
            }
            if b == b'\n' || b == b'\r' {
                found.longest_line = found.longest_line.max(self.line);
                self.line = 0;
            } else {
                self.line += 1;
            }
            self.after_cr = b == b'\r';
        }
        if found.plain_utf8 {
            self.utf8(bytes, found);
        }
    }

    /// Checks the block as UTF-8, a character cut at its end carried over.
    fn utf8(&mut self, bytes: &[u8], found: &mut Inspection) {
        let joined;
        let bytes = if self.carry.is_empty() {
            bytes
        } else {
            joined = [std::mem::take(&mut self.carry).as_slice(), bytes].concat();
            &joined
        };
        if let Err(e) = std::str::from_utf8(bytes) {
            match e.error_len() {
                Some(_) => found.plain_utf8 = false,
                None => self.carry = bytes[e.valid_up_to()..].to_vec(),
            }
        }
    }

    fn finish(self, found: &mut Inspection) {
        if self.after_cr {
            found.line_endings.cr += 1;
        }
        found.longest_line = found.longest_line.max(self.line);
        if !self.carry.is_empty() {
            found.plain_utf8 = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through<R: Read>(mut r: R) -> Vec<u8> {
        let mut out = Vec::new();
        r.read_to_end(&mut out).unwrap();
        out
    }

    /// A reader giving one byte per read, to cut every sequence in two.
    struct Dribble<'a>(&'a [u8]);

    impl Read for Dribble<'_> {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            match self.0.split_first() {
                Some((b, rest)) if !out.is_empty() => {
                    out[0] = *b;
                    self.0 = rest;
                    Ok(1)
                }
                _ => Ok(0),
            }
        }
    }

    #[test]
    fn every_line_ending_becomes_a_line_feed_even_cut_between_reads() {
        let text = b"a\r\nb\rc\nd\r\r\ne\r";
        assert_eq!(through(ToLf::new(&text[..])), b"a\nb\nc\nd\n\ne\n");
        assert_eq!(through(ToLf::new(Dribble(text))), b"a\nb\nc\nd\n\ne\n");
    }

    #[test]
    fn line_ends_are_counted_before_each_offset_asked_about() {
        // Offsets:  a=0 \r=1 \n=2 b=3 \r=4 c=5 \n=6 d=7
        let text = b"a\r\nb\rc\nd";
        for reader in [
            Box::new(&text[..]) as Box<dyn Read>,
            Box::new(Dribble(text)),
        ] {
            let mut lines = Newlines::new(reader);
            through(&mut lines);
            assert!(lines.is_lf_at(2));
            assert!(!lines.is_lf_at(1));
            assert_eq!(lines.ends_before(3), 1);
            assert_eq!(lines.ends_before(5), 2);
            assert_eq!(lines.ends_before(8), 3);
        }
    }

    #[test]
    fn the_inspection_tells_utf8_from_anything_else() {
        let dir = std::env::temp_dir().join(format!("pw-inspect-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let cases: [(&[u8], bool, bool); 5] = [
            ("\u{FEFF}a,b\r\nc,\u{e9}\r\n".as_bytes(), true, true),
            (b"a,b\nc,\xE9\n", false, false),
            (b"a,b\nc,\x00\n", false, false),
            (b"\xFF\xFEa\x00", false, false),
            (b"a,\xC3", false, false),
        ];
        for (i, (bytes, plain, bom)) in cases.into_iter().enumerate() {
            let path = dir.join(format!("{i}.csv"));
            std::fs::write(&path, bytes).unwrap();
            let found = inspect(&path).unwrap();
            assert_eq!(found.plain_utf8, plain, "case {i}");
            assert_eq!(found.bom, bom, "case {i}");
        }
        let found = inspect(&dir.join("0.csv")).unwrap();
        assert_eq!(found.line_endings.crlf, 2);
        assert_eq!(found.longest_line, 4, "\"c,\u{e9}\" is four bytes");
        assert!(found.head.starts_with("a,b"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_file_that_changed_since_it_was_looked_at_is_not_read_again() {
        let dir = std::env::temp_dir().join(format!("pw-stamp-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("rows.csv");
        std::fs::write(&path, "a,b\n1,2\n").unwrap();
        let found = inspect(&path).unwrap();
        let text = Text::File {
            path: path.clone(),
            skip: 0,
            to_lf: false,
            seen: found.stamp.unwrap(),
        };
        assert_eq!(through(text.open().unwrap()), b"a,b\n1,2\n");
        std::fs::write(&path, "a,b\n1,2\n3,4\n").unwrap();
        let error = text.open().err().expect("a changed file is refused");
        assert!(error.to_string().contains("changed"), "{error}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_file_edited_in_place_while_it_is_read_fails_at_its_end() {
        let dir = std::env::temp_dir().join(format!("pw-edit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("rows.csv");
        std::fs::write(&path, "a,b\n".repeat(100_000)).unwrap();
        let found = inspect(&path).unwrap();
        let text = Text::File {
            path: path.clone(),
            skip: 0,
            to_lf: true,
            seen: found.stamp.unwrap(),
        };
        let mut reader = text.open().unwrap();
        let mut start = [0u8; 16];
        reader.read_exact(&mut start).unwrap();
        // The same size, one byte changed, and a later modification time.
        std::thread::sleep(std::time::Duration::from_millis(20));
        let mut edited = std::fs::read(&path).unwrap();
        edited[200_000] = b'x';
        std::fs::write(&path, edited).unwrap();
        let mut rest = Vec::new();
        let error = reader
            .read_to_end(&mut rest)
            .expect_err("the edit is noticed");
        assert!(error.to_string().contains("changed"), "{error}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
