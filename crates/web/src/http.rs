//! The bottom layer of the web crate: text escaping (HTML, SVG and Atom
//! share the XML rules), query-string encoding and the calendar day. It
//! imports nothing from the crate, so every other module can use it without
//! closing a cycle.

use chrono::NaiveDate;

/// Escapes text for XML or HTML content and quoted attribute values, and
/// drops the characters XML 1.0 does not allow (most control characters),
/// so the same output is safe in a page, an inline SVG and an Atom feed.
/// `html-escape` encodes the five markup characters (`'` as `&#x27;`, which
/// XML reads too); the control characters are ours to drop, as it keeps them.
pub fn xml_escape(text: &str) -> String {
    let allowed: String = text.chars().filter(|&c| xml_allows(c)).collect();
    html_escape::encode_quoted_attribute(&allowed).into_owned()
}

/// Whether XML 1.0 can carry a character: tab and line ends, but no other
/// control character, and not the two non-characters U+FFFE and U+FFFF.
fn xml_allows(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
}

/// Escapes text for HTML written by hand (highlighted snippets, SVG).
pub use xml_escape as esc;

/// Encodes one query-string value (`application/x-www-form-urlencoded`:
/// spaces become `+`, everything but unreserved characters is
/// percent-encoded).
pub fn url_encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// Today's date in UTC, the day the server's pages are computed for.
pub fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_quotes_and_characters_xml_cannot_carry() {
        let escaped = xml_escape("<a href=\"x\">'&'</a>\u{1}\u{0}\u{FFFE}\tok");
        assert!(!escaped.contains(['<', '>', '"', '\'']), "{escaped}");
        assert!(
            !escaped.contains(['\u{1}', '\u{0}', '\u{FFFE}']),
            "{escaped}"
        );
        // Every `&` left starts an entity; decoding gives the text back.
        assert_eq!(
            html_escape::decode_html_entities(&escaped),
            "<a href=\"x\">'&'</a>\tok"
        );
        assert!(
            escaped.starts_with("&lt;a href=&quot;x&quot;&gt;"),
            "{escaped}"
        );
    }

    #[test]
    fn a_query_value_round_trips_through_the_form_decoder() {
        let value = "/records/commitment?q=a b&x=é#frag";
        let encoded = url_encode(value);
        assert!(!encoded.contains(['&', '?', '#', ' ', '=']), "{encoded}");
        let decoded: Vec<(String, String)> =
            form_urlencoded::parse(format!("next={encoded}").as_bytes())
                .into_owned()
                .collect();
        assert_eq!(decoded, vec![("next".to_owned(), value.to_owned())]);
    }
}
