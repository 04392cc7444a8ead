//! The languages of the interface and their catalogue of messages.
//!
//! The words live in Project Fluent files, one per language and page
//! family (`crates/core/locales/LANG/FAMILY.ftl`), compiled into the
//! binary. A message is looked up by id in the reader's [`Lang`], with
//! named arguments; numbers among them choose plural forms by CLDR's rules
//! for that language (Fluent's `intl_pluralrules`), so no code here picks
//! a singular or a plural. A message missing in a language falls back to
//! English, and a message missing everywhere shows its id (a test keeps
//! every language complete).

use std::borrow::Cow;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Ru,
    Fr,
    Es,
}

/// The page families, one `.ftl` file each in every language.
pub const FAMILIES: [&str; 17] = [
    "common",
    "wording",
    "home",
    "scorecard",
    "account",
    "records",
    "memo",
    "letter",
    "public",
    "search",
    "commitment",
    "fields",
    "forms",
    "errors",
    "tokens",
    "drafting",
    "reasons",
];

macro_rules! sources {
    ($lang:literal) => {
        [
            include_str!(concat!("../locales/", $lang, "/common.ftl")),
            include_str!(concat!("../locales/", $lang, "/wording.ftl")),
            include_str!(concat!("../locales/", $lang, "/home.ftl")),
            include_str!(concat!("../locales/", $lang, "/scorecard.ftl")),
            include_str!(concat!("../locales/", $lang, "/account.ftl")),
            include_str!(concat!("../locales/", $lang, "/records.ftl")),
            include_str!(concat!("../locales/", $lang, "/memo.ftl")),
            include_str!(concat!("../locales/", $lang, "/letter.ftl")),
            include_str!(concat!("../locales/", $lang, "/public.ftl")),
            include_str!(concat!("../locales/", $lang, "/search.ftl")),
            include_str!(concat!("../locales/", $lang, "/commitment.ftl")),
            include_str!(concat!("../locales/", $lang, "/fields.ftl")),
            include_str!(concat!("../locales/", $lang, "/forms.ftl")),
            include_str!(concat!("../locales/", $lang, "/errors.ftl")),
            include_str!(concat!("../locales/", $lang, "/tokens.ftl")),
            include_str!(concat!("../locales/", $lang, "/drafting.ftl")),
            include_str!(concat!("../locales/", $lang, "/reasons.ftl")),
        ]
    };
}

type Bundle = FluentBundle<FluentResource>;

static BUNDLES: LazyLock<[Bundle; 4]> = LazyLock::new(|| Lang::ALL.map(bundle));

fn bundle(lang: Lang) -> Bundle {
    let id = lang.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Pages are HTML with a `lang` attribute: no bidi isolation marks.
    bundle.set_use_isolating(false);
    for source in lang.sources() {
        // A file that does not parse in full still gives what it can; the
        // catalogue's tests refuse any error.
        let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(r, _)| r);
        let _ = bundle.add_resource(resource);
    }
    bundle
}

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::En, Lang::Ru, Lang::Fr, Lang::Es];

    /// The language's code (BCP 47), as in `<html lang>` and the cookie.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
            Lang::Fr => "fr",
            Lang::Es => "es",
        }
    }

    /// The language's name in itself, for the switcher.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ru => "Русский",
            Lang::Fr => "Français",
            Lang::Es => "Español",
        }
    }

    /// The `.ftl` sources of the language, in [`FAMILIES`] order.
    pub fn sources(self) -> [&'static str; 17] {
        match self {
            Lang::En => sources!("en"),
            Lang::Ru => sources!("ru"),
            Lang::Fr => sources!("fr"),
            Lang::Es => sources!("es"),
        }
    }

    /// A language from its code, with or without a region and in any case
    /// ("ru", "ru-RU", "fr_CA", "ES"); `None` for any other.
    pub fn parse(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next()?;
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(primary))
    }

    /// The language an `Accept-Language` header prefers among ours: the
    /// highest q-value first (ties in the header's order), `*` meaning
    /// English; `None` when it names none of ours (or refuses them all).
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(u16, Lang)> = None;
        for item in header.split(',') {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or_default().trim();
            let q = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1000), quality);
            let (Some(q), Some(lang)) = (q, Lang::parse(tag).or((tag == "*").then_some(Lang::En)))
            else {
                continue;
            };
            if q > 0 && best.is_none_or(|(b, _)| q > b) {
                best = Some((q, lang));
            }
        }
        best.map(|(_, lang)| lang)
    }

    /// The message `id` in this language, without arguments.
    pub fn t(self, id: &str) -> String {
        self.format(id, None)
    }

    /// The message `id` in this language with named arguments.
    pub fn tr(self, id: &str, args: &Args) -> String {
        self.format(id, Some(&args.0))
    }

    /// Whether the catalogue of this language has the message `id`.
    pub fn has(self, id: &str) -> bool {
        BUNDLES[self as usize].has_message(id)
    }

    fn format(self, id: &str, args: Option<&FluentArgs<'static>>) -> String {
        let lang = if self.has(id) { self } else { Lang::En };
        let bundle = &BUNDLES[lang as usize];
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            return id.to_owned();
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if lang == Lang::Ru && text.contains("г..") {
            // A Russian date ends in "г." (the abbreviated "год"); a
            // sentence that ends with one takes no second full stop.
            return text.replace("г..", "г.");
        }
        text.into_owned()
    }
}

/// A q-value (`0`, `0.5`, `1.000`) in thousandths; `None` when malformed.
fn quality(text: &str) -> Option<u16> {
    let value: f32 = text.trim().parse().ok()?;
    (0.0..=1.0)
        .contains(&value)
        .then(|| (value * 1000.0).round() as u16)
}

/// Named arguments of a message: text, or numbers (which choose plural
/// forms).
#[derive(Debug, Default)]
pub struct Args(FluentArgs<'static>);

impl Args {
    pub fn new() -> Self {
        Self::default()
    }

    /// A text argument.
    pub fn str(mut self, name: impl Into<Cow<'static, str>>, value: impl Into<String>) -> Self {
        self.0.set(name, FluentValue::from(value.into()));
        self
    }

    /// A number argument (a count: it picks the plural form).
    pub fn num(mut self, name: impl Into<Cow<'static, str>>, value: impl Into<f64>) -> Self {
        self.0.set(name, FluentValue::from(value.into()));
        self
    }

    /// A count as a number argument.
    pub fn count(self, name: impl Into<Cow<'static, str>>, value: usize) -> Self {
        self.num(name, value as f64)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_russian_sentence_ending_with_a_date_takes_one_full_stop() {
        let args = Args::new().str("date", "31 декабря 2008 г.");
        let text = Lang::Ru.tr("memo-no-commitment", &args);
        assert!(text.ends_with("2008 г."), "{text}");
        assert!(!text.contains("г.."), "{text}");
    }

    use super::*;

    #[test]
    fn languages_parse_from_codes_with_regions() {
        assert_eq!(Lang::parse("ru-RU"), Some(Lang::Ru));
        assert_eq!(Lang::parse("FR_ca"), Some(Lang::Fr));
        assert_eq!(Lang::parse("es"), Some(Lang::Es));
        assert_eq!(Lang::parse("de"), None);
        assert_eq!(Lang::parse(""), None);
    }

    #[test]
    fn accept_language_takes_the_best_q_value_among_ours() {
        let a = Lang::from_accept_language;
        assert_eq!(a("ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7"), Some(Lang::Ru));
        assert_eq!(a("de-DE, fr;q=0.5, es;q=0.7"), Some(Lang::Es));
        assert_eq!(a("en;q=0.1, fr"), Some(Lang::Fr));
        assert_eq!(a("de, ja"), None);
        assert_eq!(a("ru;q=0"), None);
        assert_eq!(a("de, *;q=0.3"), Some(Lang::En));
        assert_eq!(a("ru;q=bad, es"), Some(Lang::Es));
        assert_eq!(a(""), None);
    }

    #[test]
    fn messages_take_arguments_and_plural_forms_by_language() {
        let n = |lang: Lang, n: i64| lang.tr("duration-years", &Args::new().num("n", n as f64));
        assert_eq!(n(Lang::En, 1), "1 year");
        assert_eq!(n(Lang::En, 17), "17 years");
        assert_eq!(n(Lang::Ru, 1), "1 год");
        assert_eq!(n(Lang::Ru, 3), "3 года");
        assert_eq!(n(Lang::Ru, 17), "17 лет");
        assert_eq!(n(Lang::Ru, 21), "21 год");
        assert_eq!(n(Lang::Fr, 1), "1 an");
        assert_eq!(n(Lang::Fr, 2), "2 ans");
        assert_eq!(n(Lang::Es, 1), "1 año");
        assert_eq!(n(Lang::Es, 5), "5 años");
        assert_eq!(Lang::Ru.t("no-such-message"), "no-such-message");
    }

    /// The ids of the messages of one `.ftl` source, refusing any syntax
    /// error.
    fn ids(lang: Lang, family: &str, source: &str) -> Vec<String> {
        let resource = match FluentResource::try_new(source.to_owned()) {
            Ok(r) => r,
            Err((_, errors)) => panic!("{}/{family}.ftl: {errors:?}", lang.code()),
        };
        resource
            .entries()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                fluent_syntax::ast::Entry::Term(t) => Some(format!("-{}", t.id.name)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_language_has_every_message_of_every_family() {
        for (i, family) in FAMILIES.iter().enumerate() {
            let english = ids(Lang::En, family, Lang::En.sources()[i]);
            for lang in Lang::ALL {
                let theirs = ids(lang, family, lang.sources()[i]);
                let missing: Vec<_> = english.iter().filter(|k| !theirs.contains(k)).collect();
                let extra: Vec<_> = theirs.iter().filter(|k| !english.contains(k)).collect();
                assert!(
                    missing.is_empty() && extra.is_empty(),
                    "{}/{family}.ftl: missing {missing:?}, not in English {extra:?}",
                    lang.code()
                );
            }
        }
    }

    #[test]
    fn every_language_loads_without_errors_and_formats_every_message() {
        for lang in Lang::ALL {
            let mut bundle = FluentBundle::new_concurrent(vec![lang.code().parse().unwrap()]);
            let mut all = Vec::new();
            for (i, source) in lang.sources().into_iter().enumerate() {
                all.extend(ids(lang, FAMILIES[i], source));
                let resource = FluentResource::try_new(source.to_owned()).unwrap();
                bundle
                    .add_resource(resource)
                    .unwrap_or_else(|e| panic!("{}/{}: {e:?}", lang.code(), FAMILIES[i]));
            }
            for id in all.iter().filter(|id| !id.starts_with('-')) {
                let text = lang.t(id);
                assert!(
                    !text.trim().is_empty() && text != *id,
                    "{}: {id}",
                    lang.code()
                );
            }
        }
    }
}
