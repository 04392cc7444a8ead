//! How text becomes index terms: words split at anything that is not a
//! letter or digit, lowercased (Cyrillic too), each word stemmed in the
//! language it is taken to be in, and Latin letters folded to ASCII
//! ("développement" and "developpement" are one word). The stemmers know
//! their suffixes with accents ("-ación"), so a word with accents is
//! indexed twice: stemmed then folded ("obligación" → "oblig", as
//! "obligaciones" is), and folded then stemmed (as "obligacion" typed
//! without accents is).
//!
//! The language: a Cyrillic word is Russian (the only Cyrillic language of
//! the four); the Latin words of a document are English, French or Spanish,
//! whichever of the three languages' commonest short words the document
//! uses most (English when none). Each term carries its language
//! (`ru:закон`, `fr:developp`), so a French stem never matches an English
//! word by accident. A query's language is not guessed: each Latin query
//! word is looked for under its English, French and Spanish stems, which
//! finds the word itself in a document of any of the three languages, and
//! its other forms in a document of its own language.

use rust_stemmers::{Algorithm, Stemmer};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, SimpleTokenizer, TextAnalyzer, Token, TokenStream,
};

/// The languages words are stemmed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    English,
    French,
    Spanish,
    Russian,
}

impl Language {
    pub const LATIN: [Language; 3] = [Language::English, Language::French, Language::Spanish];

    fn tag(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::French => "fr",
            Language::Spanish => "es",
            Language::Russian => "ru",
        }
    }

    /// The stored name of the language.
    pub fn code(self) -> u64 {
        match self {
            Language::English => 0,
            Language::French => 1,
            Language::Spanish => 2,
            Language::Russian => 3,
        }
    }

    pub fn from_code(code: u64) -> Language {
        match code {
            1 => Language::French,
            2 => Language::Spanish,
            3 => Language::Russian,
            _ => Language::English,
        }
    }
}

/// Words longer than this are not indexed (no real word is; a long run of
/// letters is a hash or a URL fragment).
const LONGEST_WORD: usize = 64;

/// One analysed word: where it is in the text and the terms it is
/// indexed as (one, or two for a word with accents).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub from: usize,
    pub to: usize,
    pub terms: Vec<String>,
}

/// The tokenizer and the four stemmers (cheap to make: one per use).
pub struct Analyzer {
    tokens: TextAnalyzer,
    folding: TextAnalyzer,
    english: Stemmer,
    french: Stemmer,
    spanish: Stemmer,
    russian: Stemmer,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Analyzer")
    }
}

impl Default for Analyzer {
    fn default() -> Self {
        Self {
            tokens: TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(LowerCaser)
                .build(),
            folding: TextAnalyzer::builder(RawTokenizer::default())
                .filter(AsciiFoldingFilter)
                .build(),
            english: Stemmer::create(Algorithm::English),
            french: Stemmer::create(Algorithm::French),
            spanish: Stemmer::create(Algorithm::Spanish),
            russian: Stemmer::create(Algorithm::Russian),
        }
    }
}

fn is_cyrillic(word: &str) -> bool {
    word.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
}

/// The commonest short words of each Latin language that the other two do
/// not share, already folded.
const MARKERS: [(Language, &[&str]); 3] = [
    (
        Language::English,
        &[
            "the", "and", "of", "to", "is", "that", "for", "with", "by", "be", "are", "will",
            "its", "this", "has", "from", "was", "which", "on", "it",
        ],
    ),
    (
        Language::French,
        &[
            "le", "les", "des", "et", "du", "une", "est", "dans", "pour", "qui", "sur", "au",
            "aux", "ne", "pas", "sont", "ses", "cette", "il", "ou",
        ],
    ),
    (
        Language::Spanish,
        &[
            "el", "los", "las", "del", "y", "una", "es", "por", "para", "con", "se", "su", "al",
            "lo", "como", "sus", "esta", "este", "son", "o",
        ],
    ),
];

impl Analyzer {
    fn stemmer(&self, language: Language) -> &Stemmer {
        match language {
            Language::English => &self.english,
            Language::French => &self.french,
            Language::Spanish => &self.spanish,
            Language::Russian => &self.russian,
        }
    }

    /// The words of `text`, lowercased, with their places.
    fn tokens(&mut self, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        let mut stream = self.tokens.token_stream(text);
        while stream.advance() {
            let token = stream.token();
            if token.text.len() <= LONGEST_WORD {
                let mut token = token.clone();
                if token.text.contains('ё') {
                    token.text = token.text.replace('ё', "е");
                }
                out.push(token);
            }
        }
        out
    }

    /// The Latin language a text is taken to be in.
    pub fn latin_language(&mut self, text: &str) -> Language {
        let mut counts = [0usize; 3];
        for token in self.tokens(text) {
            let word = self.fold(&token.text);
            for (i, (_, words)) in MARKERS.iter().enumerate() {
                if words.contains(&word.as_str()) {
                    counts[i] += 1;
                }
            }
        }
        let mut best = Language::English;
        let mut most = 0;
        for (i, (language, _)) in MARKERS.iter().enumerate() {
            if counts[i] > most {
                most = counts[i];
                best = *language;
            }
        }
        best
    }

    /// A Latin word with its accents folded to ASCII.
    fn fold(&mut self, word: &str) -> String {
        if word.is_ascii() {
            return word.to_owned();
        }
        let mut stream = self.folding.token_stream(word);
        if stream.advance() {
            stream.token().text.clone()
        } else {
            word.to_owned()
        }
    }

    /// The terms a word is indexed as, or looked for as, in a language.
    fn terms(&mut self, language: Language, word: &str, out: &mut Vec<String>) {
        let tag = language.tag();
        let mut push = |term: String| {
            if !out.contains(&term) {
                out.push(term);
            }
        };
        if language == Language::Russian || word.is_ascii() {
            push(format!("{tag}:{}", self.stemmer(language).stem(word)));
            return;
        }
        let stemmed = self.stemmer(language).stem(word).into_owned();
        push(format!("{tag}:{}", self.fold(&stemmed)));
        let folded = self.fold(word);
        push(format!("{tag}:{}", self.stemmer(language).stem(&folded)));
    }

    /// The words of a document's text, each as the term it is indexed as;
    /// `latin` is the document's Latin language.
    pub fn words(&mut self, text: &str, latin: Language) -> Vec<Word> {
        self.tokens(text)
            .into_iter()
            .map(|t| {
                let language = if is_cyrillic(&t.text) {
                    Language::Russian
                } else {
                    latin
                };
                let mut terms = Vec::with_capacity(1);
                self.terms(language, &t.text, &mut terms);
                Word {
                    from: t.offset_from,
                    to: t.offset_to,
                    terms,
                }
            })
            .collect()
    }

    /// The words of a query, each as the terms any of which it matches.
    pub fn query_words(&mut self, text: &str) -> Vec<Vec<String>> {
        self.tokens(text)
            .into_iter()
            .map(|t| {
                let mut terms = Vec::new();
                if is_cyrillic(&t.text) {
                    self.terms(Language::Russian, &t.text, &mut terms);
                } else {
                    for language in Language::LATIN {
                        self.terms(language, &t.text, &mut terms);
                    }
                }
                terms
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str, latin: Language) -> Vec<String> {
        Analyzer::default()
            .words(text, latin)
            .into_iter()
            .flat_map(|w| w.terms)
            .collect()
    }

    #[test]
    fn russian_word_forms_share_a_term() {
        assert_eq!(
            terms("Закон закона законы", Language::English),
            vec!["ru:закон"; 3]
        );
        assert_eq!(
            terms("Ёлка", Language::English),
            terms("елка", Language::English)
        );
    }

    #[test]
    fn latin_accents_and_case_are_folded() {
        assert_eq!(
            terms("Développement", Language::French),
            terms("developpement", Language::French)
        );
        assert_eq!(
            terms("NIÑOS", Language::Spanish),
            terms("niños", Language::Spanish)
        );
        // Stemmed with its accents and without them.
        assert_eq!(
            terms("obligación", Language::Spanish),
            ["es:oblig", "es:obligacion"]
        );
        assert_eq!(terms("obligaciones", Language::Spanish), ["es:oblig"]);
        assert_eq!(terms("obligacion", Language::Spanish), ["es:obligacion"]);
    }

    #[test]
    fn english_forms_share_a_stem() {
        assert_eq!(
            terms("rights right", Language::English),
            vec!["en:right", "en:right"]
        );
    }

    #[test]
    fn a_latin_text_is_taken_to_be_in_the_language_of_its_common_words() {
        let mut a = Analyzer::default();
        assert_eq!(
            a.latin_language("the right of the child"),
            Language::English
        );
        assert_eq!(
            a.latin_language("le droit des enfants et les femmes"),
            Language::French
        );
        assert_eq!(
            a.latin_language("los derechos de las mujeres y el niño"),
            Language::Spanish
        );
        assert_eq!(a.latin_language("OSCE ODIHR"), Language::English);
    }

    #[test]
    fn a_latin_query_word_is_looked_for_in_each_latin_language() {
        let words = Analyzer::default().query_words("développement закона");
        assert_eq!(words.len(), 2);
        assert!(words[0].iter().any(|t| t.starts_with("fr:")));
        assert!(words[0].iter().any(|t| t.starts_with("en:")));
        assert_eq!(words[1], vec!["ru:закон"]);
    }
}
