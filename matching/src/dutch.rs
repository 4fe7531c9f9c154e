//! Dutch formatting helpers for reasons: numbers with a decimal comma, lists, dates and
//! language names.

use chrono::{Datelike, NaiveDate};

/// A distance in km with one decimal, a decimal comma and thousands dots ("3,2", "1.234,5").
pub fn format_km(km: f64) -> String {
    if !km.is_finite() {
        return "?".to_owned();
    }
    let tenths = (km.abs() * 10.0).round() as u64;
    let (whole, frac) = (tenths / 10, tenths % 10);
    let digits = whole.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let sign = if km < 0.0 && tenths > 0 { "-" } else { "" };
    format!("{sign}{grouped},{frac}")
}

/// Joins items the Dutch way: "a", "a en b", "a, b en c".
pub fn join_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [init @ .., last] => {
            let head: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} en {}", head.join(", "), last.as_ref())
        }
    }
}

/// A date as Dutch people write it: "1-3-2026".
pub fn format_date(date: NaiveDate) -> String {
    format!("{}-{}-{}", date.day(), date.month(), date.year())
}

/// The months in Dutch, January first.
pub const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// A date written out, as the web pages say it: "zondag 1 maart 2026".
pub fn long_date(date: NaiveDate) -> String {
    format!(
        "{} {} {} {}",
        crate::Day::of_date(date).name_nl(),
        date.day(),
        MONTHS_NL[date.month0() as usize],
        date.year()
    )
}

/// The Dutch name of a language given as an ISO 639 code ("pl" → "Pools"); anything
/// else is returned unchanged (so "Pools" stays "Pools").
pub fn language_name_nl(code: &str) -> &str {
    const NAMES: &[(&str, &str)] = &[
        ("nl", "Nederlands"),
        ("nds", "Nedersaksisch"),
        ("fy", "Fries"),
        ("en", "Engels"),
        ("de", "Duits"),
        ("fr", "Frans"),
        ("es", "Spaans"),
        ("it", "Italiaans"),
        ("pt", "Portugees"),
        ("pl", "Pools"),
        ("ro", "Roemeens"),
        ("bg", "Bulgaars"),
        ("hu", "Hongaars"),
        ("lt", "Litouws"),
        ("lv", "Lets"),
        ("cs", "Tsjechisch"),
        ("sk", "Slowaaks"),
        ("uk", "Oekraïens"),
        ("ru", "Russisch"),
        ("tr", "Turks"),
        ("ar", "Arabisch"),
        ("fa", "Perzisch"),
        ("prs", "Dari"),
        ("ps", "Pasjtoe"),
        ("ku", "Koerdisch"),
        ("ti", "Tigrinya"),
        ("so", "Somalisch"),
        ("am", "Amhaars"),
        ("zh", "Chinees"),
        ("hi", "Hindi"),
        ("ur", "Urdu"),
        ("sgn", "Nederlandse Gebarentaal"),
    ];
    NAMES
        .iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(code))
        .map_or(code, |(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kilometres_use_a_decimal_comma() {
        assert_eq!(format_km(3.2), "3,2");
        assert_eq!(format_km(3.24), "3,2");
        assert_eq!(format_km(3.25001), "3,3");
        assert_eq!(format_km(0.0), "0,0");
        assert_eq!(format_km(0.04), "0,0");
        assert_eq!(format_km(10.0), "10,0");
        assert_eq!(format_km(999.96), "1.000,0");
        assert_eq!(format_km(1234.56), "1.234,6");
        assert_eq!(format_km(1_234_567.0), "1.234.567,0");
        assert_eq!(format_km(f64::NAN), "?");
    }

    #[test]
    fn lists_join_with_en() {
        assert_eq!(join_list::<&str>(&[]), "");
        assert_eq!(join_list(&["Pools"]), "Pools");
        assert_eq!(join_list(&["Pools", "Engels"]), "Pools en Engels");
        assert_eq!(join_list(&["a", "b", "c"]), "a, b en c");
    }

    #[test]
    fn dates_and_languages() {
        let date = NaiveDate::from_ymd_opt(2026, 3, 1).expect("valid date");
        assert_eq!(format_date(date), "1-3-2026");
        assert_eq!(long_date(date), "zondag 1 maart 2026");
        let date = NaiveDate::from_ymd_opt(2026, 12, 18).expect("valid date");
        assert_eq!(long_date(date), "vrijdag 18 december 2026");
        assert_eq!(language_name_nl("pl"), "Pools");
        assert_eq!(language_name_nl("PL"), "Pools");
        assert_eq!(language_name_nl("Pools"), "Pools");
        assert_eq!(language_name_nl("xx"), "xx");
    }
}
