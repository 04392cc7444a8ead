//! The names of States as outside collections spell them.
//!
//! UPR collections write the same State many ways: "andorra",
//! "bosniaandherzegovina", "Bosnia & Herzegovina", "Viet Nam" and "Vietnam",
//! "United Kingdom of Great Britain and Northern Ireland". A name is folded
//! (case, accents, "&", spaces and punctuation dropped) and looked up in a
//! table of the UN member and observer States with the other spellings met
//! in real files. Each State has one display name: the one UPR Info uses,
//! with its abbreviations written out. Some database exports leave HTML
//! character references in names ("&#40;Unknown&#41;"); they are decoded
//! before folding.

use html_escape::decode_html_entities;

/// Display names, each followed by its other spellings.
const STATES: &[(&str, &[&str])] = &[
    ("Afghanistan", &[]),
    ("Albania", &[]),
    ("Algeria", &[]),
    ("Andorra", &[]),
    ("Angola", &[]),
    ("Antigua and Barbuda", &[]),
    ("Argentina", &[]),
    ("Armenia", &[]),
    ("Australia", &[]),
    ("Austria", &[]),
    ("Azerbaijan", &[]),
    ("Bahamas", &["The Bahamas"]),
    ("Bahrain", &[]),
    ("Bangladesh", &[]),
    ("Barbados", &[]),
    ("Belarus", &[]),
    ("Belgium", &[]),
    ("Belize", &[]),
    ("Benin", &[]),
    ("Bhutan", &[]),
    (
        "Bolivia",
        &[
            "Bolivia (Plurinational State of)",
            "Plurinational State of Bolivia",
        ],
    ),
    ("Bosnia and Herzegovina", &[]),
    ("Botswana", &[]),
    ("Brazil", &[]),
    ("Brunei Darussalam", &["Brunei"]),
    ("Bulgaria", &[]),
    ("Burkina Faso", &[]),
    ("Burundi", &[]),
    ("Cambodia", &[]),
    ("Cameroon", &[]),
    ("Canada", &[]),
    ("Cape Verde", &["Cabo Verde"]),
    ("Central African Republic", &[]),
    ("Chad", &[]),
    ("Chile", &[]),
    ("China", &["People's Republic of China"]),
    ("Colombia", &[]),
    ("Comoros", &[]),
    (
        "Congo",
        &[
            "Republic of Congo",
            "Republic of the Congo",
            "Congo-Brazzaville",
        ],
    ),
    ("Costa Rica", &[]),
    ("Côte d'Ivoire", &["Ivory Coast"]),
    ("Croatia", &[]),
    ("Cuba", &[]),
    ("Cyprus", &[]),
    ("Czech Republic", &["Czechia"]),
    (
        "Democratic People's Republic of Korea",
        &["DPR Korea", "DPRK", "North Korea"],
    ),
    (
        "Democratic Republic of the Congo",
        &["Democratic Republic of Congo", "DR Congo", "DRC"],
    ),
    ("Denmark", &[]),
    ("Djibouti", &[]),
    ("Dominica", &[]),
    ("Dominican Republic", &[]),
    ("Ecuador", &[]),
    ("Egypt", &[]),
    ("El Salvador", &[]),
    ("Equatorial Guinea", &[]),
    ("Eritrea", &[]),
    ("Estonia", &[]),
    ("Ethiopia", &[]),
    ("Fiji", &[]),
    ("Finland", &[]),
    ("France", &[]),
    ("Gabon", &[]),
    ("Gambia", &["The Gambia"]),
    ("Georgia", &[]),
    ("Germany", &[]),
    ("Ghana", &[]),
    ("Greece", &[]),
    ("Grenada", &[]),
    ("Guatemala", &[]),
    ("Guinea", &[]),
    ("Guinea-Bissau", &[]),
    ("Guyana", &[]),
    ("Haiti", &[]),
    ("Holy See", &[]),
    ("Honduras", &[]),
    ("Hungary", &[]),
    ("Iceland", &[]),
    ("India", &[]),
    ("Indonesia", &[]),
    (
        "Iran",
        &["Iran (Islamic Republic of)", "Islamic Republic of Iran"],
    ),
    ("Iraq", &[]),
    ("Ireland", &[]),
    ("Israel", &[]),
    ("Italy", &[]),
    ("Jamaica", &[]),
    ("Japan", &[]),
    ("Jordan", &[]),
    ("Kazakhstan", &[]),
    ("Kenya", &[]),
    ("Kiribati", &[]),
    ("Kuwait", &[]),
    ("Kyrgyzstan", &["Kyrgysztan", "Kyrgyz Republic"]),
    ("Laos", &["Lao People's Democratic Republic", "Lao PDR"]),
    ("Latvia", &[]),
    ("Lebanon", &[]),
    ("Lesotho", &[]),
    ("Liberia", &[]),
    ("Libya", &["Libyan Arab Jamahiriya"]),
    ("Liechtenstein", &[]),
    ("Lithuania", &[]),
    ("Luxembourg", &[]),
    (
        "The former Yugoslav Republic of Macedonia",
        &[
            "Macedonia FYR",
            "Macedonia",
            "North Macedonia",
            "FYR Macedonia",
        ],
    ),
    ("Madagascar", &[]),
    ("Malawi", &[]),
    ("Malaysia", &[]),
    ("Maldives", &[]),
    ("Mali", &[]),
    ("Malta", &[]),
    ("Marshall Islands", &[]),
    ("Mauritania", &[]),
    ("Mauritius", &[]),
    ("Mexico", &[]),
    (
        "Micronesia",
        &[
            "Micronesia (Federated States of)",
            "Federated States of Micronesia",
        ],
    ),
    ("Moldova", &["Republic of Moldova"]),
    ("Monaco", &[]),
    ("Mongolia", &[]),
    ("Montenegro", &[]),
    ("Morocco", &[]),
    ("Mozambique", &[]),
    ("Myanmar", &[]),
    ("Namibia", &[]),
    ("Nauru", &[]),
    ("Nepal", &[]),
    ("Netherlands", &["The Netherlands"]),
    ("New Zealand", &[]),
    ("Nicaragua", &[]),
    ("Niger", &[]),
    ("Nigeria", &[]),
    ("Norway", &[]),
    ("Oman", &[]),
    ("Pakistan", &[]),
    ("Palau", &[]),
    ("Palestine", &["State of Palestine"]),
    ("Panama", &[]),
    ("Papua New Guinea", &[]),
    ("Paraguay", &[]),
    ("Peru", &[]),
    ("Philippines", &[]),
    ("Poland", &[]),
    ("Portugal", &[]),
    ("Qatar", &[]),
    // The Working Group reports of 2008 write "Korea" for the Republic of
    // Korea, reviewed that year.
    ("Republic of Korea", &["South Korea", "Korea"]),
    ("Romania", &[]),
    ("Russian Federation", &["Russia"]),
    ("Rwanda", &[]),
    (
        "Saint Kitts and Nevis",
        &["St Kitts and Nevis", "St. Kitts and Nevis"],
    ),
    ("Saint Lucia", &["St Lucia", "St. Lucia"]),
    (
        "Saint Vincent and the Grenadines",
        &[
            "St Vincent and the Grenadines",
            "St. Vincent and the Grenadines",
        ],
    ),
    ("Samoa", &[]),
    ("San Marino", &[]),
    ("Sao Tome and Principe", &["São Tomé and Príncipe"]),
    ("Saudi Arabia", &[]),
    ("Senegal", &[]),
    ("Serbia", &[]),
    ("Seychelles", &[]),
    ("Sierra Leone", &[]),
    ("Singapore", &[]),
    ("Slovakia", &["Slovak Republic"]),
    ("Slovenia", &[]),
    ("Solomon Islands", &[]),
    ("Somalia", &[]),
    ("South Africa", &[]),
    ("South Sudan", &[]),
    ("Spain", &[]),
    ("Sri Lanka", &[]),
    ("Sudan", &[]),
    ("Suriname", &[]),
    ("Swaziland", &["Eswatini"]),
    ("Sweden", &[]),
    ("Switzerland", &[]),
    ("Syria", &["Syrian Arab Republic"]),
    ("Tajikistan", &[]),
    ("Tanzania", &["United Republic of Tanzania"]),
    ("Thailand", &[]),
    ("Timor-Leste", &["East Timor"]),
    ("Togo", &[]),
    ("Tonga", &[]),
    ("Trinidad and Tobago", &[]),
    ("Tunisia", &[]),
    ("Turkey", &["Türkiye"]),
    ("Turkmenistan", &[]),
    ("Tuvalu", &[]),
    ("Uganda", &[]),
    ("Ukraine", &[]),
    ("United Arab Emirates", &["UAE"]),
    (
        "United Kingdom",
        &[
            "United Kingdom of Great Britain and Northern Ireland",
            "UK",
            "Great Britain",
        ],
    ),
    ("United States", &["United States of America", "USA", "US"]),
    ("Uruguay", &[]),
    ("Uzbekistan", &[]),
    ("Vanuatu", &[]),
    (
        "Venezuela",
        &[
            "Venezuela (Bolivarian Republic of)",
            "Bolivarian Republic of Venezuela",
        ],
    ),
    ("Viet Nam", &["Vietnam"]),
    ("Yemen", &[]),
    ("Zambia", &[]),
    ("Zimbabwe", &[]),
];

/// Folds a name for comparison: lowercase ASCII letters and digits only,
/// accents dropped, "&" read as "and".
pub fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            '&' => out.push_str("and"),
            c if c.is_ascii_alphanumeric() => out.push(c.to_ascii_lowercase()),
            c => {
                if let Some(base) = unaccent(c) {
                    out.push(base);
                }
            }
        }
    }
    out
}

fn unaccent(c: char) -> Option<char> {
    let base = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        _ => return None,
    };
    Some(base)
}

/// A State as the importers know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct State {
    /// The display name.
    pub name: &'static str,
}

impl State {
    /// The key its stable id is derived from.
    pub fn key(&self) -> String {
        fold(self.name)
    }
}

/// Every folded spelling, to its display name.
fn index() -> &'static std::collections::HashMap<String, &'static str> {
    static INDEX: std::sync::OnceLock<std::collections::HashMap<String, &'static str>> =
        std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut map = std::collections::HashMap::new();
        for (display, aliases) in STATES {
            map.insert(fold(display), *display);
            map.insert(fold(&display.replace("Saint ", "St ")), *display);
            for alias in *aliases {
                map.insert(fold(alias), *display);
            }
        }
        map
    })
}

/// Finds a State by any of its spellings.
pub fn lookup(name: &str) -> Option<State> {
    let wanted = fold(&decode_html_entities(name));
    index().get(&wanted).map(|name| State { name })
}

/// Whether a name says that the State is not known ("(Unknown)", "NA").
pub fn is_unknown_marker(name: &str) -> bool {
    matches!(
        fold(&decode_html_entities(name)).as_str(),
        "unknown" | "na" | "none" | "notknown"
    )
}

/// Reads a cell that may name several States ("Ecuador and Spain",
/// "Argentina Chile", "Slovakia, Spain"). A cell that names one known State
/// (including "Trinidad and Tobago") is that State. Returns `None` when any
/// part is not a known State.
pub fn lookup_several(text: &str) -> Option<Vec<State>> {
    if let Some(one) = lookup(text) {
        return Some(vec![one]);
    }
    let cleaned = decode_html_entities(text)
        .replace(" and ", ",")
        .replace(';', ",");
    let mut found = Vec::new();
    for part in cleaned.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        if let Some(one) = lookup(part) {
            found.push(one);
            continue;
        }
        // Names run together with only spaces between them.
        let words: Vec<&str> = part.split_whitespace().collect();
        found.extend(split_words(&words)?);
    }
    if found.is_empty() { None } else { Some(found) }
}

/// Splits a run of words into known State names, longest names first.
fn split_words(words: &[&str]) -> Option<Vec<State>> {
    if words.is_empty() {
        return Some(Vec::new());
    }
    for take in (1..=words.len().min(8)).rev() {
        if let Some(first) = lookup(&words[..take].join(" "))
            && let Some(mut rest) = split_words(&words[take..])
        {
            rest.insert(0, first);
            return Some(rest);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_state_meet() {
        let name = |n: &str| lookup(n).map(|s| s.name);
        assert_eq!(name("andorra"), Some("Andorra"));
        assert_eq!(name("bosniaandherzegovina"), Some("Bosnia and Herzegovina"));
        assert_eq!(name("Bosnia & Herzegovina"), Some("Bosnia and Herzegovina"));
        assert_eq!(name("Vietnam"), Some("Viet Nam"));
        assert_eq!(
            name("United Kingdom of Great Britain and Northern Ireland"),
            Some("United Kingdom")
        );
        assert_eq!(name("Cote d'Ivoire"), Some("Côte d'Ivoire"));
        assert_eq!(
            name("St Vincent & the Grenadines"),
            Some("Saint Vincent and the Grenadines")
        );
        assert_eq!(name("South   Sudan"), Some("South Sudan"));
        assert_eq!(name("Norway;"), Some("Norway"));
        assert_eq!(name("moratorium"), None);
    }

    #[test]
    fn cells_naming_several_states_are_split() {
        let names =
            |n: &str| lookup_several(n).map(|v| v.iter().map(|s| s.name).collect::<Vec<_>>());
        assert_eq!(names("Ecuador and Spain"), Some(vec!["Ecuador", "Spain"]));
        assert_eq!(names("Argentina Chile"), Some(vec!["Argentina", "Chile"]));
        assert_eq!(
            names("Trinidad and Tobago"),
            Some(vec!["Trinidad and Tobago"])
        );
        assert_eq!(names("Spain, moratorium"), None);
    }

    #[test]
    fn unknown_markers_and_entities_are_read() {
        assert!(is_unknown_marker("&#40;Unknown&#41;"));
        assert!(is_unknown_marker("NA"));
        assert_eq!(lookup("Norway&#x3b;").map(|s| s.name), Some("Norway"));
        assert_eq!(
            lookup("C&#244;te d'Ivoire").map(|s| s.name),
            Some("Côte d'Ivoire")
        );
        // A reference without its semicolon is left as it is.
        assert!(!is_unknown_marker("&#40Unknown&#41"));
        // Named references are decoded too.
        assert_eq!(
            lookup("Trinidad &amp; Tobago").map(|s| s.name),
            Some("Trinidad and Tobago")
        );
    }
}
