//! Text helpers: accent- and case-insensitive comparison, length checks.

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

/// Trims and checks length in characters; `Err` carries the Dutch message.
pub fn required(value: &str, label: &str, max_chars: usize) -> Result<String, String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(format!("{label} is verplicht."));
    }
    optional(value, label, max_chars)
}

/// Trims and checks length in characters, allowing empty.
pub fn optional(value: &str, label: &str, max_chars: usize) -> Result<String, String> {
    let value = value.trim();
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
}
