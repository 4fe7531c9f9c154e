//! Text helpers: accent- and case-insensitive comparison, length checks, and the rule
//! on control characters: none in a short field (a name, a title), only newline,
//! carriage return and tab in long text (a description, a message). Invisible
//! characters that change how text reads are taken out before the checks: the
//! direction overrides that make "evil" show as "live", zero-width spaces that make a
//! name of nothing (and that come along unseen when text is pasted from a web page).

use unicode_normalization::UnicodeNormalization;

/// Lower-case, accents removed, inner white space folded: "Nieuw-Bálinge " → "nieuw-balinge".
pub fn fold(text: &str) -> String {
    let stripped: String = text
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect::<String>()
        .to_lowercase();
    stripped.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `text` holds a control character; `long` text may hold newlines, carriage
/// returns and tabs.
pub fn has_control(text: &str, long: bool) -> bool {
    text.chars()
        .any(|c| c.is_control() && !(long && matches!(c, '\n' | '\r' | '\t')))
}

/// Direction embeddings, overrides and isolates, the zero-width space and word
/// joiner, and the byte-order mark: invisible, and only good for misleading. (The
/// marks U+200E/U+200F and the joiners U+200C/U+200D stay: Arabic and Persian text
/// and emoji use them.)
fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// The text without [`is_invisible_format`] characters, and with the Unicode line
/// and paragraph separators as plain line breaks.
fn visible(text: &str) -> String {
    text.chars()
        .filter(|c| !is_invisible_format(*c))
        .map(|c| {
            if matches!(c, '\u{2028}' | '\u{2029}') {
                '\n'
            } else {
                c
            }
        })
        .collect()
}

/// A one-line field: trims and checks length in characters; `Err` carries the Dutch
/// message.
pub fn required(value: &str, label: &str, max_chars: usize) -> Result<String, String> {
    checked(value, label, max_chars, true, false)
}

/// A one-line field that may be empty.
pub fn optional(value: &str, label: &str, max_chars: usize) -> Result<String, String> {
    checked(value, label, max_chars, false, false)
}

/// Long text (lines and tabs allowed): trims and checks length.
pub fn required_long(value: &str, label: &str, max_chars: usize) -> Result<String, String> {
    checked(value, label, max_chars, true, true)
}

/// Long text that may be empty.
pub fn optional_long(value: &str, label: &str, max_chars: usize) -> Result<String, String> {
    checked(value, label, max_chars, false, true)
}

fn checked(
    value: &str,
    label: &str,
    max_chars: usize,
    required: bool,
    long: bool,
) -> Result<String, String> {
    let value = visible(value);
    let value = value.trim();
    if required && value.is_empty() {
        return Err(format!("{label} is verplicht."));
    }
    if has_control(value, long) {
        return Err(if long {
            format!(
                "{label} bevat een onzichtbaar stuurteken. Haal het weg en probeer het opnieuw."
            )
        } else {
            format!("{label} moet op één regel, zonder tabs of onzichtbare stuurtekens.")
        });
    }
    let count = value.chars().count();
    if count > max_chars {
        return Err(format!(
            "{label} is te lang: {count} tekens, hooguit {max_chars}."
        ));
    }
    Ok(value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_accents_and_spacing() {
        assert_eq!(fold("  Nieuw-Bálinge "), "nieuw-balinge");
        assert_eq!(fold("Café  de Wîjk"), "cafe de wijk");
    }

    #[test]
    fn required_rejects_blank_and_too_long() {
        assert!(required("   ", "Titel", 10).is_err());
        assert!(required("abcdefghijk", "Titel", 10)
            .unwrap_err()
            .contains("te lang"));
        assert_eq!(required(" hallo ", "Titel", 10).unwrap(), "hallo");
    }

    #[test]
    fn control_characters_are_refused_lines_only_in_long_text() {
        assert!(required("Hal\u{0}lo", "Titel", 50).is_err());
        assert!(required("Twee\nregels", "Titel", 50).is_err());
        assert!(optional("met\ttab", "Naam", 50).is_err());
        assert_eq!(
            required_long("Regel een\nRegel twee\tmet tab", "Beschrijving", 50).unwrap(),
            "Regel een\nRegel twee\tmet tab"
        );
        assert!(required_long("bel\u{7}", "Beschrijving", 50).is_err());
        assert!(optional_long("\u{1b}[31m", "Over mij", 50).is_err());
    }

    #[test]
    fn invisible_characters_are_taken_out() {
        for nothing in ["\u{200b}", "\u{feff}\u{feff}", " \u{2060} "] {
            assert!(required(nothing, "Naam", 50)
                .unwrap_err()
                .contains("verplicht"));
        }
        assert_eq!(
            required("\u{202e}evil\u{202c} Naam", "Naam", 50).unwrap(),
            "evil Naam"
        );
        assert_eq!(
            required_long("Ge\u{200b}plakt", "Bericht", 50).unwrap(),
            "Geplakt"
        );
        assert_eq!(
            required_long("Twee\u{2028}regels", "Bericht", 50).unwrap(),
            "Twee\nregels"
        );
        assert!(
            required("Twee\u{2028}regels", "Titel", 50).is_err(),
            "one line"
        );
        // Arabic with its direction marks, and an emoji family, are plain text.
        assert!(required("\u{200f}سارة\u{200e} Jansen", "Naam", 50).is_ok());
        assert!(required_long(
            "Groet \u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}",
            "Bericht",
            50
        )
        .is_ok());
        assert_eq!(optional_long("  ", "Over mij", 50).unwrap(), "");
    }
}
