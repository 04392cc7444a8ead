//! The bottom layer of the web crate: text escaping (HTML, SVG and Atom
//! share the XML rules), query-string encoding and the calendar day. It
//! imports nothing from the crate, so every other module can use it without
//! closing a cycle.

use chrono::NaiveDate;

/// Escapes text for XML or HTML content and attribute values, and drops the
/// characters XML 1.0 does not allow (most control characters), so the same
/// output is safe in a page, an inline SVG and an Atom feed.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
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
        assert_eq!(
            xml_escape("<a href=\"x\">'&'</a>\u{1}\u{0}\tok"),
            "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;\tok"
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
