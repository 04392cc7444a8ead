//! Readable names for the public pages' URLs (decision 0032): a record's
//! slug is derived from its title or name, never stored. Latin letters
//! lose their accents, Cyrillic is transliterated (the passport system of
//! Russia and Kazakhstan, without apostrophes), everything else that is
//! not a letter or digit becomes a hyphen, and the result is cut to about
//! 60 characters at a word boundary. A record whose title leaves nothing
//! (a title in another script) is named by its id.
//!
//! Slugs are unique among the records of one kind that a reader sees: when
//! several share one, the oldest (by creation, then id) keeps it and each
//! other one gets the first eight hexadecimal digits of its id after it
//! (`kazakhstan-1f2e3d4c`). So a new record never changes the URL of an
//! older one. The id, and the slug with any id suffix, always find the
//! record; a page answers them with a permanent redirect to its slug.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use uuid::Uuid;

use crate::error::Result;
use crate::model::{Entity, EntityKind, Stored};
use crate::storage::Storage;

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

/// The short id a slug gets when another record has the same one.
fn suffix(id: Uuid) -> String {
    id.simple().to_string()[..8].to_owned()
}

/// What a name in a URL leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// The record's slug itself.
    Here(Uuid),
    /// Another name of the record (its id, or its slug with an id suffix
    /// it does not need): answer with a redirect to the slug.
    Moved(Uuid),
    /// No record the reader sees.
    Nothing,
}

/// The slugs of the records of one kind a reader sees.
#[derive(Debug, Clone, Default)]
pub struct SlugTable {
    by_id: HashMap<Uuid, String>,
    by_slug: HashMap<String, Uuid>,
}

impl SlugTable {
    /// The slugs of these records (id, title text, creation time).
    pub fn new(records: impl IntoIterator<Item = (Uuid, String, DateTime<Utc>)>) -> Self {
        let mut all: Vec<(DateTime<Utc>, Uuid, String)> = records
            .into_iter()
            .map(|(id, text, created)| (created, id, slugify(&text)))
            .collect();
        all.sort();
        let mut table = Self::default();
        for (_, id, base) in all {
            let slug = if base.is_empty() {
                id.to_string()
            } else if table.by_slug.contains_key(&base) {
                format!("{base}-{}", suffix(id))
            } else {
                base.clone()
            };
            table.by_slug.insert(slug.clone(), id);
            table.by_id.insert(id, slug);
        }
        table
    }

    /// The slugs of these stored records, from their titles ([`slug_text`]).
    pub fn of(records: &[Stored<Entity>]) -> Self {
        Self::new(
            records
                .iter()
                .map(|s| (s.entity.id(), slug_text(&s.entity), s.meta.created_at)),
        )
    }

    /// The record's slug, if the reader sees it.
    pub fn slug(&self, id: Uuid) -> Option<&str> {
        self.by_id.get(&id).map(String::as_str)
    }

    /// What `name` (a slug, a slug with an id suffix, or an id) leads to.
    pub fn find(&self, name: &str) -> Found {
        if let Some(id) = self.by_slug.get(name) {
            return Found::Here(*id);
        }
        if let Ok(id) = Uuid::parse_str(name) {
            return match self.by_id.contains_key(&id) {
                true => Found::Moved(id),
                false => Found::Nothing,
            };
        }
        // A slug with a short id: the short id finds the record (whatever
        // the words before it, so such a link outlives a new title) when
        // it is the start of exactly one id.
        let Some((_, short)) = name.rsplit_once('-') else {
            return Found::Nothing;
        };
        if short.len() != 8 || !short.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Found::Nothing;
        }
        let mut ids = self.by_id.keys().filter(|id| suffix(**id) == short);
        match (ids.next(), ids.next()) {
            (Some(id), None) => Found::Moved(*id),
            _ => Found::Nothing,
        }
    }

    /// What `name` leads to here, or else in `other` (the public's slugs,
    /// for a team member following a public link to a record whose draft
    /// has a new title): a record found there that is here too moves to
    /// its slug here.
    pub fn find_or_in(&self, other: &SlugTable, name: &str) -> Found {
        match self.find(name) {
            Found::Nothing => match other.find(name) {
                Found::Here(id) | Found::Moved(id) if self.by_id.contains_key(&id) => {
                    Found::Moved(id)
                }
                _ => Found::Nothing,
            },
            found => found,
        }
    }
}

/// The slugs of every record of `kind` the store (a reader's view) holds.
pub async fn slug_table(store: &dyn Storage, kind: EntityKind) -> Result<SlugTable> {
    const PAGE: u32 = 500;
    let mut all = Vec::new();
    let mut offset = 0;
    loop {
        let page = store.list(kind, PAGE, offset).await?;
        let n = page.len();
        all.extend(page);
        if n < PAGE as usize {
            break;
        }
        offset += PAGE;
    }
    Ok(SlugTable::of(&all))
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
    fn other_scripts_leave_nothing_and_the_id_names_the_record() {
        assert_eq!(slugify("北京"), "");
        let id = Uuid::from_u128(7);
        let table = SlugTable::new([(id, "北京".to_owned(), Utc::now())]);
        assert_eq!(table.slug(id), Some(id.to_string().as_str()));
        assert_eq!(table.find(&id.to_string()), Found::Here(id));
    }

    #[test]
    fn the_team_follows_a_public_slug_to_a_retitled_draft() {
        let id = Uuid::from_u128(1);
        let t = Utc::now();
        let public = SlugTable::new([(id, "Old title".to_owned(), t)]);
        let team = SlugTable::new([(id, "New title".to_owned(), t)]);
        assert_eq!(team.find_or_in(&public, "old-title"), Found::Moved(id));
        assert_eq!(team.find_or_in(&public, "new-title"), Found::Here(id));
        assert_eq!(
            public.find_or_in(&SlugTable::default(), "new-title"),
            Found::Nothing
        );
        let hidden = SlugTable::default();
        assert_eq!(hidden.find_or_in(&public, "old-title"), Found::Nothing);
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
    fn the_oldest_keeps_a_shared_slug_and_the_others_get_a_short_id() {
        let early = Uuid::from_u128(0xffff_0000_0000_0000_0000_0000_0000_0000);
        let late = Uuid::from_u128(0x1234_5678_0000_0000_0000_0000_0000_0000);
        let t0 = DateTime::from_timestamp(1_000, 0).unwrap();
        let t1 = DateTime::from_timestamp(2_000, 0).unwrap();
        let table = SlugTable::new([
            (late, "Kazakhstan".to_owned(), t1),
            (early, "KAZAKHSTAN".to_owned(), t0),
        ]);
        assert_eq!(table.slug(early), Some("kazakhstan"));
        assert_eq!(table.slug(late), Some("kazakhstan-12345678"));
        assert_eq!(table.find("kazakhstan"), Found::Here(early));
        assert_eq!(table.find("kazakhstan-12345678"), Found::Here(late));
        // The id, and a suffix the slug does not need, lead to the slug.
        assert_eq!(table.find(&late.to_string()), Found::Moved(late));
        assert_eq!(table.find("kazakhstan-ffff0000"), Found::Moved(early));
        assert_eq!(table.find("kazakhstan-00000000"), Found::Nothing);
        // A short id finds its record whatever the words before it (an
        // old title), so such links last.
        assert_eq!(table.find("old-title-12345678"), Found::Moved(late));
        assert_eq!(table.find("old-title-1234567"), Found::Nothing);
        assert_eq!(table.find("old-title-1234567z"), Found::Nothing);
        assert_eq!(table.find("nowhere"), Found::Nothing);
        assert_eq!(table.find(&Uuid::nil().to_string()), Found::Nothing);
    }
}
