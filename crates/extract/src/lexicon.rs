//! Word lists the rules use: states (with the adjectives that stand for
//! them), verbs that begin an action, and the bodies whose promises are not
//! governments' commitments.

/// State names as they appear in UN documents and the press, with the name
/// reported for each. Longer names come first so that "Republic of Korea"
/// wins over "Korea".
pub const STATES: &[(&str, &str)] = &[
    (
        "Democratic People's Republic of Korea",
        "Democratic People's Republic of Korea",
    ),
    (
        "Democratic Republic of the Congo",
        "Democratic Republic of the Congo",
    ),
    (
        "Democratic Republic of Congo",
        "Democratic Republic of the Congo",
    ),
    (
        "United Kingdom of Great Britain and Northern Ireland",
        "United Kingdom",
    ),
    ("Bolivarian Republic of Venezuela", "Venezuela"),
    ("Plurinational State of Bolivia", "Bolivia"),
    ("Islamic Republic of Iran", "Iran"),
    (
        "Lao People's Democratic Republic",
        "Lao People's Democratic Republic",
    ),
    ("the former Yugoslav Republic of Macedonia", "Macedonia"),
    ("Federated States of Micronesia", "Micronesia"),
    ("United Republic of Tanzania", "Tanzania"),
    ("Republic of Moldova", "Republic of Moldova"),
    ("Republic of Korea", "Republic of Korea"),
    ("Republic of the Congo", "Congo"),
    ("Syrian Arab Republic", "Syrian Arab Republic"),
    ("Libyan Arab Jamahiriya", "Libya"),
    ("United States of America", "United States"),
    ("United States", "United States"),
    ("United Kingdom", "United Kingdom"),
    ("United Arab Emirates", "United Arab Emirates"),
    ("Russian Federation", "Russian Federation"),
    ("Bosnia and Herzegovina", "Bosnia and Herzegovina"),
    ("Antigua and Barbuda", "Antigua and Barbuda"),
    ("Trinidad and Tobago", "Trinidad and Tobago"),
    ("Saint Kitts and Nevis", "Saint Kitts and Nevis"),
    (
        "Saint Vincent and the Grenadines",
        "Saint Vincent and the Grenadines",
    ),
    ("Sao Tome and Principe", "Sao Tome and Principe"),
    ("Papua New Guinea", "Papua New Guinea"),
    ("Equatorial Guinea", "Equatorial Guinea"),
    ("Guinea-Bissau", "Guinea-Bissau"),
    ("Central African Republic", "Central African Republic"),
    ("Dominican Republic", "Dominican Republic"),
    ("Czech Republic", "Czech Republic"),
    ("Kyrgyz Republic", "Kyrgyzstan"),
    ("Solomon Islands", "Solomon Islands"),
    ("Marshall Islands", "Marshall Islands"),
    ("South Africa", "South Africa"),
    ("South Sudan", "South Sudan"),
    ("Sri Lanka", "Sri Lanka"),
    ("Sierra Leone", "Sierra Leone"),
    ("Saudi Arabia", "Saudi Arabia"),
    ("Saint Lucia", "Saint Lucia"),
    ("San Marino", "San Marino"),
    ("Costa Rica", "Costa Rica"),
    ("El Salvador", "El Salvador"),
    ("Burkina Faso", "Burkina Faso"),
    ("Cape Verde", "Cape Verde"),
    ("Cabo Verde", "Cabo Verde"),
    ("Côte d'Ivoire", "Côte d'Ivoire"),
    ("Côte d’Ivoire", "Côte d'Ivoire"),
    ("Cote d'Ivoire", "Côte d'Ivoire"),
    ("New Zealand", "New Zealand"),
    ("North Korea", "Democratic People's Republic of Korea"),
    ("South Korea", "Republic of Korea"),
    ("Timor-Leste", "Timor-Leste"),
    ("Viet Nam", "Viet Nam"),
    ("Holy See", "Holy See"),
    ("Afghanistan", "Afghanistan"),
    ("Albania", "Albania"),
    ("Algeria", "Algeria"),
    ("Andorra", "Andorra"),
    ("Angola", "Angola"),
    ("Argentina", "Argentina"),
    ("Armenia", "Armenia"),
    ("Australia", "Australia"),
    ("Austria", "Austria"),
    ("Azerbaijan", "Azerbaijan"),
    ("Bahamas", "Bahamas"),
    ("Bahrain", "Bahrain"),
    ("Bangladesh", "Bangladesh"),
    ("Barbados", "Barbados"),
    ("Belarus", "Belarus"),
    ("Belgium", "Belgium"),
    ("Belize", "Belize"),
    ("Benin", "Benin"),
    ("Bhutan", "Bhutan"),
    ("Bolivia", "Bolivia"),
    ("Botswana", "Botswana"),
    ("Brazil", "Brazil"),
    ("Brunei Darussalam", "Brunei Darussalam"),
    ("Brunei", "Brunei Darussalam"),
    ("Bulgaria", "Bulgaria"),
    ("Burundi", "Burundi"),
    ("Cambodia", "Cambodia"),
    ("Cameroon", "Cameroon"),
    ("Canada", "Canada"),
    ("Chad", "Chad"),
    ("Chile", "Chile"),
    ("China", "China"),
    ("Colombia", "Colombia"),
    ("Comoros", "Comoros"),
    ("Congo", "Congo"),
    ("Croatia", "Croatia"),
    ("Cuba", "Cuba"),
    ("Cyprus", "Cyprus"),
    ("Czechia", "Czech Republic"),
    ("Denmark", "Denmark"),
    ("Djibouti", "Djibouti"),
    ("Dominica", "Dominica"),
    ("Ecuador", "Ecuador"),
    ("Egypt", "Egypt"),
    ("Eritrea", "Eritrea"),
    ("Estonia", "Estonia"),
    ("Eswatini", "Eswatini"),
    ("Swaziland", "Swaziland"),
    ("Ethiopia", "Ethiopia"),
    ("Fiji", "Fiji"),
    ("Finland", "Finland"),
    ("France", "France"),
    ("Gabon", "Gabon"),
    ("Gambia", "Gambia"),
    ("Georgia", "Georgia"),
    ("Germany", "Germany"),
    ("Ghana", "Ghana"),
    ("Greece", "Greece"),
    ("Grenada", "Grenada"),
    ("Guatemala", "Guatemala"),
    ("Guinea", "Guinea"),
    ("Guyana", "Guyana"),
    ("Haiti", "Haiti"),
    ("Honduras", "Honduras"),
    ("Hungary", "Hungary"),
    ("Iceland", "Iceland"),
    ("India", "India"),
    ("Indonesia", "Indonesia"),
    ("Iran", "Iran"),
    ("Iraq", "Iraq"),
    ("Ireland", "Ireland"),
    ("Israel", "Israel"),
    ("Italy", "Italy"),
    ("Jamaica", "Jamaica"),
    ("Japan", "Japan"),
    ("Jordan", "Jordan"),
    ("Kazakhstan", "Kazakhstan"),
    ("Kenya", "Kenya"),
    ("Kiribati", "Kiribati"),
    ("Kuwait", "Kuwait"),
    ("Kyrgyzstan", "Kyrgyzstan"),
    ("Latvia", "Latvia"),
    ("Lebanon", "Lebanon"),
    ("Lesotho", "Lesotho"),
    ("Liberia", "Liberia"),
    ("Libya", "Libya"),
    ("Liechtenstein", "Liechtenstein"),
    ("Lithuania", "Lithuania"),
    ("Luxembourg", "Luxembourg"),
    ("Madagascar", "Madagascar"),
    ("Malawi", "Malawi"),
    ("Malaysia", "Malaysia"),
    ("Maldives", "Maldives"),
    ("Mali", "Mali"),
    ("Malta", "Malta"),
    ("Mauritania", "Mauritania"),
    ("Mauritius", "Mauritius"),
    ("Mexico", "Mexico"),
    ("Micronesia", "Micronesia"),
    ("Monaco", "Monaco"),
    ("Mongolia", "Mongolia"),
    ("Montenegro", "Montenegro"),
    ("Morocco", "Morocco"),
    ("Mozambique", "Mozambique"),
    ("Myanmar", "Myanmar"),
    ("Burma", "Myanmar"),
    ("Namibia", "Namibia"),
    ("Nauru", "Nauru"),
    ("Nepal", "Nepal"),
    ("Netherlands", "Netherlands"),
    ("Nicaragua", "Nicaragua"),
    ("Niger", "Niger"),
    ("Nigeria", "Nigeria"),
    ("North Macedonia", "Macedonia"),
    ("Macedonia", "Macedonia"),
    ("Norway", "Norway"),
    ("Oman", "Oman"),
    ("Pakistan", "Pakistan"),
    ("Palau", "Palau"),
    ("Palestine", "Palestine"),
    ("Panama", "Panama"),
    ("Paraguay", "Paraguay"),
    ("Peru", "Peru"),
    ("Philippines", "Philippines"),
    ("Poland", "Poland"),
    ("Portugal", "Portugal"),
    ("Qatar", "Qatar"),
    ("Romania", "Romania"),
    ("Russia", "Russian Federation"),
    ("Rwanda", "Rwanda"),
    ("Samoa", "Samoa"),
    ("Senegal", "Senegal"),
    ("Serbia", "Serbia"),
    ("Seychelles", "Seychelles"),
    ("Singapore", "Singapore"),
    ("Slovakia", "Slovakia"),
    ("Slovenia", "Slovenia"),
    ("Somalia", "Somalia"),
    ("Spain", "Spain"),
    ("Sudan", "Sudan"),
    ("Suriname", "Suriname"),
    ("Sweden", "Sweden"),
    ("Switzerland", "Switzerland"),
    ("Syria", "Syrian Arab Republic"),
    ("Tajikistan", "Tajikistan"),
    ("Tanzania", "Tanzania"),
    ("Thailand", "Thailand"),
    ("Togo", "Togo"),
    ("Tonga", "Tonga"),
    ("Tunisia", "Tunisia"),
    ("Turkey", "Turkey"),
    ("Türkiye", "Turkey"),
    ("Turkmenistan", "Turkmenistan"),
    ("Tuvalu", "Tuvalu"),
    ("Uganda", "Uganda"),
    ("Ukraine", "Ukraine"),
    ("Uruguay", "Uruguay"),
    ("Uzbekistan", "Uzbekistan"),
    ("Vanuatu", "Vanuatu"),
    ("Venezuela", "Venezuela"),
    ("Vietnam", "Viet Nam"),
    ("Yemen", "Yemen"),
    ("Zambia", "Zambia"),
    ("Zimbabwe", "Zimbabwe"),
];

/// Adjectives that stand for a state ("the Kazakh government").
pub const DEMONYMS: &[(&str, &str)] = &[
    ("Kazakh", "Kazakhstan"),
    ("Kazakhstani", "Kazakhstan"),
    ("Uzbek", "Uzbekistan"),
    ("Sri Lankan", "Sri Lanka"),
    ("Malaysian", "Malaysia"),
    ("Nepali", "Nepal"),
    ("Nepalese", "Nepal"),
    ("Canadian", "Canada"),
    ("American", "United States"),
    ("British", "United Kingdom"),
    ("French", "France"),
    ("German", "Germany"),
    ("Russian", "Russian Federation"),
    ("Chinese", "China"),
    ("Indian", "India"),
    ("Slovenian", "Slovenia"),
    ("Qatari", "Qatar"),
    ("Kyrgyz", "Kyrgyzstan"),
    ("Tajik", "Tajikistan"),
    ("Turkmen", "Turkmenistan"),
    ("Azerbaijani", "Azerbaijan"),
    ("Georgian", "Georgia"),
    ("Armenian", "Armenia"),
    ("Ukrainian", "Ukraine"),
    ("Belarusian", "Belarus"),
    ("Turkish", "Turkey"),
    ("Iranian", "Iran"),
    ("Egyptian", "Egypt"),
    ("Mexican", "Mexico"),
    ("Brazilian", "Brazil"),
    ("Australian", "Australia"),
    ("Japanese", "Japan"),
    ("Spanish", "Spain"),
    ("Italian", "Italy"),
    ("Polish", "Poland"),
    ("Hungarian", "Hungary"),
    ("Pakistani", "Pakistan"),
    ("Bangladeshi", "Bangladesh"),
    ("Nigerian", "Nigeria"),
    ("Kenyan", "Kenya"),
    ("Ethiopian", "Ethiopia"),
    ("Saudi", "Saudi Arabia"),
];

/// Verbs that begin a promised action; a conjunct starting with one of them
/// is a separate commitment ("preserve X and refrain from Y").
pub const ACTION_VERBS: &[&str] = &[
    "abolish",
    "accede",
    "adopt",
    "allow",
    "amend",
    "abstain",
    "bring",
    "combat",
    "complete",
    "conduct",
    "consider",
    "continue",
    "create",
    "decriminalize",
    "decriminalise",
    "develop",
    "eliminate",
    "end",
    "enact",
    "ensure",
    "establish",
    "extend",
    "guarantee",
    "implement",
    "improve",
    "include",
    "incorporate",
    "increase",
    "introduce",
    "investigate",
    "invite",
    "issue",
    "liberalize",
    "liberalise",
    "make",
    "operationalize",
    "pass",
    "preserve",
    "prohibit",
    "protect",
    "provide",
    "publish",
    "ratify",
    "reduce",
    "reform",
    "refrain",
    "release",
    "remove",
    "repeal",
    "respect",
    "review",
    "revise",
    "set",
    "sign",
    "strengthen",
    "submit",
    "support",
    "take",
    "uphold",
    "withdraw",
    "work",
    "not",
    "never",
];

/// Who speaks for an NGO or a UN body, not a government.
pub const NON_GOVERNMENTAL: &[&str] = &[
    "human rights watch",
    "hrw",
    "amnesty",
    "ngo",
    "ngos",
    "watchdog",
    "organization",
    "organisation",
    "our organizations",
    "our organisations",
    "civil society",
    "activists",
    "the working group",
    "the council",
    "the secretariat",
    "ohchr",
    "unhcr",
    "the office of the high commissioner",
    "the special rapporteur",
    "the committee",
    "rights groups",
    "the report",
];

/// Titles of people who speak for a government.
pub const GOVERNMENT_TITLES: &[&str] = &[
    "President",
    "Prime Minister",
    "Foreign Minister",
    "Minister",
    "Deputy Minister",
    "Law Minister",
    "Justice Minister",
    "Interior Minister",
    "Ambassador",
    "Secretary of State",
    "Foreign Secretary",
    "Chancellor",
    "King",
    "Emir",
    "Premier",
    "Vice-President",
    "Attorney-General",
    "Attorney General",
    "Deputy Prime Minister",
    "Head of State",
];

/// Finds the first state named in `text` (by name, possessive or demonym),
/// returning the reported name and the byte offset of the mention.
pub fn find_state(text: &str) -> Option<(&'static str, usize)> {
    let mut best: Option<(&'static str, usize, usize)> = None;
    for (name, reported) in STATES.iter().chain(DEMONYMS.iter()) {
        let mut from = 0;
        while let Some(p) = text.get(from..).and_then(|s| s.find(name)) {
            let s = from + p;
            let e = s + name.len();
            let left = s == 0 || !text.as_bytes()[s - 1].is_ascii_alphanumeric();
            let right = e >= text.len() || !text.as_bytes()[e].is_ascii_alphabetic();
            if left && right {
                let better = match best {
                    None => true,
                    Some((_, bs, bl)) => s < bs || (s == bs && name.len() > bl),
                };
                if better {
                    best = Some((reported, s, name.len()));
                }
                break;
            }
            from = s + 1;
        }
    }
    best.map(|(r, s, _)| (r, s))
}

/// Whether `name` (as a user or an annotator writes it) names the same state
/// as `other`.
pub fn same_actor(name: &str, other: &str) -> bool {
    let canon = |n: &str| -> String {
        let t = n
            .trim()
            .trim_start_matches("the ")
            .trim_start_matches("The ");
        STATES
            .iter()
            .find(|(s, _)| s.eq_ignore_ascii_case(t))
            .map(|(_, r)| (*r).to_owned())
            .unwrap_or_else(|| t.to_owned())
            .to_lowercase()
    };
    let (a, b) = (canon(name), canon(other));
    !a.is_empty() && !b.is_empty() && (a == b || a.contains(&b) || b.contains(&a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longer_state_names_win_and_demonyms_count() {
        assert_eq!(
            find_state("the Republic of Korea said").map(|x| x.0),
            Some("Republic of Korea")
        );
        assert_eq!(
            find_state("the Kazakh government").map(|x| x.0),
            Some("Kazakhstan")
        );
        assert_eq!(
            find_state("Kazakhstan’s chairmanship").map(|x| x.0),
            Some("Kazakhstan")
        );
        assert_eq!(
            find_state("Guinea-Bissau will").map(|x| x.0),
            Some("Guinea-Bissau")
        );
    }

    #[test]
    fn actors_compare_by_canonical_name() {
        assert!(same_actor("the United States of America", "United States"));
        assert!(same_actor("Kazakhstan", "kazakhstan"));
        assert!(!same_actor("France", "Chad"));
    }
}
