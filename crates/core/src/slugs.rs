//! Readable names for the public pages' URLs (decision 0032): a record's
//! name is derived from its title or name, never stored: words, then its
//! id (`kazakhstan-1f2e3d4c5b6a79880123456789abcdef`). Latin letters lose
//! their accents, Cyrillic is transliterated (the passport system of
//! Russia and Kazakhstan, without apostrophes), everything else that is
//! not a letter or digit becomes a hyphen, and the words are cut to about
//! 60 characters at a word boundary. A record whose title leaves no words
//! (a title in another script) is named by its id alone.
//!
//! The id in the name finds the record in one read, at any number of
//! records; the words are for people. A name whose words are not the
//! record's current ones (an old title, a draft's new one), and the bare
//! id, lead to the current name with a permanent redirect, so links last.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use uuid::Uuid;

use crate::model::{Entity, Stored};

/// The longest slug derived from a title, before an id suffix.
const MAX_LEN: usize = 60;

/// The text a record's slug is derived from: its title or name, the first
/// words of a quote, statement or recommended action.
pub fn slug_text(entity: &Entity) -> String {
    match entity {
        Entity::Development(d) => d.title.to_string(),
        Entity::Source(s) => s.title.clone(),
        Entity::Quote(q) => q.text.to_string(),
        Entity::Concern(c) => c.title.to_string(),
        Entity::Recommendation(r) => r.action.to_string(),
        Entity::Actor(a) => a.name.to_string(),
        Entity::Occasion(o) => o.title.to_string(),
        Entity::Commitment(c) => c.statement.to_string(),
        other => other.label(),
    }
}

/// Latin for one Cyrillic letter (lower case), or `None` for any other
/// character.
fn cyrillic(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' | 'э' => "e",
        'ё' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' | 'і' => "i",
        'й' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ұ' | 'ү' => "u",
        'ф' => "f",
        'х' | 'һ' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'ю' => "iu",
        'я' => "ia",
        // Kazakh letters beyond Russian's.
        'ә' => "a",
        'ғ' => "g",
        'қ' => "q",
        'ң' => "n",
        'ө' => "o",
        _ => return None,
    })
}

/// Latin letters that do not decompose into a base letter and accents.
fn latin_special(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ø' => "o",
        'ł' => "l",
        'đ' | 'ð' => "d",
        'þ' => "th",
        'ı' => "i",
        _ => return None,
    })
}

/// The slug of a text: lower-case ASCII letters and digits separated by
/// single hyphens, at most about 60 characters, cut at a hyphen. Empty
/// when the text has no letter or digit it can write.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(MAX_LEN * 2));
    let mut gap = false;
    let push = |s: &str, out: &mut String, gap: &mut bool| {
        if s.is_empty() {
            return;
        }
        if *gap && !out.is_empty() {
            out.push('-');
        }
        *gap = false;
        out.push_str(s);
    };
    for c in text.nfkd().filter(|c| !is_combining_mark(*c)) {
        let lower: String = c.to_lowercase().collect();
        for c in lower.chars() {
            if c.is_ascii_alphanumeric() {
                push(c.encode_utf8(&mut [0; 4]), &mut out, &mut gap);
            } else if let Some(s) = cyrillic(c).or_else(|| latin_special(c)) {
                push(s, &mut out, &mut gap);
            } else if c != '\'' && c != '\u{2019}' {
                // Apostrophes join ("people's" → "peoples").
                gap = true;
            }
        }
        if out.len() > MAX_LEN + 20 {
            break;
        }
    }
    cut(out)
}

/// The slug cut to [`MAX_LEN`] at the last hyphen before it (or at the
/// length when one word is longer).
fn cut(slug: String) -> String {
    if slug.len() <= MAX_LEN {
        return slug;
    }
    match slug[..=MAX_LEN].rfind('-') {
        Some(at) if at > 0 => slug[..at].to_owned(),
        _ => slug[..MAX_LEN].to_owned(),
    }
}

/// The name of a record with this id and title text: its words, then its
/// id in 32 hexadecimal digits (the id alone when there are no words).
pub fn name_of(id: Uuid, text: &str) -> String {
    let words = slugify(text);
    let id = id.simple();
    match words.is_empty() {
        true => id.to_string(),
        false => format!("{words}-{id}"),
    }
}

/// The name of a record, from its title ([`slug_text`]).
pub fn name(entity: &Entity) -> String {
    name_of(entity.id(), &slug_text(entity))
}

/// The id a name in a URL gives: its last 32 hexadecimal digits after a
/// hyphen (or alone), or a whole UUID.
pub fn id_in(name: &str) -> Option<Uuid> {
    if let Ok(id) = Uuid::try_parse(name) {
        return Some(id);
    }
    let tail_at = name.len().checked_sub(32)?;
    let (words, tail) = name.split_at_checked(tail_at)?;
    if !(words.is_empty() || words.ends_with('-')) || !tail.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    Uuid::try_parse(tail).ok()
}

/// What a name in a URL leads to, given the record its id finds (if the
/// reader sees one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// The record's name itself.
    Here(Uuid),
    /// Another name of the record (its bare id, or words that are not its
    /// title's): answer with a redirect to its name.
    Moved(Uuid),
    /// No record the reader sees.
    Nothing,
}

/// What `asked` leads to, when its id found `record` (or nothing).
pub fn found(asked: &str, record: Option<&Entity>) -> Found {
    match record {
        Some(e) if name(e) == asked => Found::Here(e.id()),
        Some(e) => Found::Moved(e.id()),
        None => Found::Nothing,
    }
}

/// The names of records at hand, by id.
#[derive(Debug, Clone, Default)]
pub struct SlugTable {
    by_id: HashMap<Uuid, String>,
}

impl SlugTable {
    /// The names of these stored records.
    pub fn of(records: &[Stored<Entity>]) -> Self {
        Self {
            by_id: records
                .iter()
                .map(|s| (s.entity.id(), name(&s.entity)))
                .collect(),
        }
    }

    /// The record's name, if it is at hand.
    pub fn slug(&self, id: Uuid) -> Option<&str> {
        self.by_id.get(&id).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_become_lower_case_ascii_words() {
        assert_eq!(slugify("Kazakhstan"), "kazakhstan");
        assert_eq!(
            slugify("  The Media Law: amendments (2009)!  "),
            "the-media-law-amendments-2009"
        );
        assert_eq!(slugify("Déclaration de Genève"), "declaration-de-geneve");
        assert_eq!(slugify("Straße, Łódź"), "strasse-lodz");
        assert_eq!(slugify("People's Party"), "peoples-party");
        assert_eq!(slugify("ODIHR’s mandate"), "odihrs-mandate");
    }

    #[test]
    fn cyrillic_is_transliterated() {
        assert_eq!(slugify("Закон о СМИ"), "zakon-o-smi");
        assert_eq!(slugify("Щучинск, Жезказган"), "shchuchinsk-zhezkazgan");
        assert_eq!(slugify("Қазақстан"), "qazaqstan");
    }

    #[test]
    fn long_titles_are_cut_at_a_word() {
        let slug = slugify(&"word ".repeat(40));
        assert!(slug.len() <= MAX_LEN, "{slug}");
        assert!(slug.ends_with("word"), "{slug}");
        let one = slugify(&"x".repeat(100));
        assert_eq!(one.len(), MAX_LEN);
    }

    #[test]
    fn a_name_is_words_then_the_id_and_the_id_alone_without_words() {
        let id = Uuid::from_u128(0x1234_5678_9abc_def0_1234_5678_9abc_def0);
        assert_eq!(
            name_of(id, "Kazakhstan"),
            "kazakhstan-123456789abcdef0123456789abcdef0"
        );
        assert_eq!(name_of(id, "北京"), "123456789abcdef0123456789abcdef0");
        // Two records with one title never share a name.
        let other = Uuid::from_u128(1);
        assert_ne!(name_of(id, "Kazakhstan"), name_of(other, "Kazakhstan"));
    }

    #[test]
    fn the_id_in_a_name_is_found_whatever_the_words() {
        let id = Uuid::from_u128(0x1234_5678_9abc_def0_1234_5678_9abc_def0);
        for name in [
            "kazakhstan-123456789abcdef0123456789abcdef0",
            "an-old-title-123456789abcdef0123456789abcdef0",
            "123456789abcdef0123456789abcdef0",
            "12345678-9abc-def0-1234-56789abcdef0",
            "x-123456789ABCDEF0123456789ABCDEF0",
        ] {
            assert_eq!(id_in(name), Some(id), "{name}");
        }
        for name in [
            "kazakhstan",
            "kazakhstan-123456789abcdef0123456789abcdef",
            "kazakhstan123456789abcdef0123456789abcdef0",
            "kazakhstan-123456789abcdef0123456789abcdefz",
            "",
            "Қ23456789abcdef0123456789abcdef0",
        ] {
            assert_eq!(id_in(name), None, "{name}");
        }
    }
}
