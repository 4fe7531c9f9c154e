//! Screening of free text before the coordinator publishes it: contact details that
//! residents often write into a public title or description (phone numbers, e-mail
//! addresses, street addresses, postcodes), the surname of the person a request is
//! about (public pages show first names only), links, and words typical of spam or
//! phishing; in platform messages also requests for money or bank details.
//!
//! It only finds and reports; the coordinator decides. Each finding carries its byte
//! range, so the werkbak can offer "remove" with one click ([`remove`]).

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

/// What kind of thing was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// A phone number.
    Phone,
    /// An e-mail address.
    Email,
    /// A street address or a postcode.
    Address,
    /// A web link.
    Link,
    /// A word typical of spam or phishing.
    Spam,
    /// A request for money or bank details (messages).
    Money,
    /// The surname of the author or of the resident a request is for.
    Name,
}

impl FindingKind {
    /// What the coordinator reads, in Dutch.
    pub fn label_nl(self) -> &'static str {
        match self {
            FindingKind::Phone => "telefoonnummer",
            FindingKind::Email => "e-mailadres",
            FindingKind::Address => "adres of postcode",
            FindingKind::Link => "link",
            FindingKind::Spam => "woord dat vaak in spam of oplichting staat",
            FindingKind::Money => "vraagt om geld of bankgegevens",
            FindingKind::Name => "achternaam",
        }
    }

    /// Whether this says who someone is or how to reach them (a contact detail or a
    /// surname): never published unchecked.
    pub fn is_personal(self) -> bool {
        self.is_contact() || self == FindingKind::Name
    }

    /// Whether this is a contact detail (removed before publishing, shared later by
    /// the Servicepunt itself).
    pub fn is_contact(self) -> bool {
        matches!(
            self,
            FindingKind::Phone | FindingKind::Email | FindingKind::Address
        )
    }
}

/// One thing found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// What it is.
    pub kind: FindingKind,
    /// The text as written.
    pub text: String,
    /// Byte offset where it starts.
    pub start: usize,
    /// Byte offset just after it.
    pub end: usize,
    /// What to write instead, where something better than removal fits (a
    /// surname's initial).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replacement: Option<String>,
}

fn regex(pattern: &str) -> Regex {
    // The patterns are constants below; a typo is caught by the unit tests.
    Regex::new(pattern).unwrap_or_else(|e| panic!("screening pattern {pattern}: {e}"))
}

/// What one pattern finds, and a check of each match that a regex cannot make: how
/// much of the match is the finding (None: none of it).
struct Pattern {
    kind: FindingKind,
    regex: Regex,
    accept: fn(&str) -> Option<usize>,
}

impl From<(FindingKind, Regex)> for Pattern {
    fn from((kind, regex): (FindingKind, Regex)) -> Self {
        Pattern {
            kind,
            regex,
            accept: |found| Some(found.len()),
        }
    }
}

static PATTERNS: LazyLock<Vec<Pattern>> = LazyLock::new(|| {
    let mut patterns: Vec<Pattern> = [
        // An IBAN first: its digits would otherwise pass for a phone number.
        (
            FindingKind::Money,
            regex(r"(?i)\bNL\d{2}\s?[A-Z]{4}(?:\s?\d{4}){2}\s?\d{2}\b"),
        ),
        (
            // Also written to slip past a filter: "piet [at] example [dot] org".
            FindingKind::Email,
            regex(
                // The full-width ＠ and dots with spaces around them too.
                r"(?i)\b[a-z0-9._%+-]+\s?(?:@|＠|[(\[]\s?(?:at|apenstaartje)\s?[)\]])\s?[a-z0-9-]+(?:(?:\.|\s\.\s|\s?[(\[]\s?(?:dot|punt)\s?[)\]]\s?)[a-z0-9-]+)*(?:\.|\s\.\s|\s?[(\[]\s?(?:dot|punt)\s?[)\]]\s?)[a-z]{2,}\b",
            ),
        ),
        (
            FindingKind::Link,
            regex(
                r"(?i)\b(?:https?://|www\.)[^\s<>]+|\b[a-z0-9-]+\.(?:nl|com|org|net|eu|info|be)(?:/[^\s<>]*)?\b",
            ),
        ),
        (
            // Dutch numbers: 06-12345678, 06 1234 5678, 0593-123456, +31 6 12345678,
            // and as phones and people also write them: (06) 12345678, 06 – 123 456
            // 78, 06.12.34.56.78, 06/12345678, in full-width digits (`\d` is Unicode).
            FindingKind::Phone,
            regex(
                r"(?:\+31|0031|\(?\b[0０])\)?\s*[-–—./]?\s*(?:\(0\)\s*[-–—./]?\s*)?[1-9１-９](?:\)?\s*[-–—./]?\s*\d){7,8}\b",
            ),
        ),
        (
            FindingKind::Address,
            regex(
                // *Brink* alone too: the green at the heart of many Drenthe villages.
                r"(?i)\b(?:[a-zà-ÿ]+(?:straat|weg|laan|plein|dijk|pad|steeg|kade|gracht|hof|singel|dreef|erf|wijk|es|veld|brink)|brink)\s+\d{1,4}(?:[a-z]\b|\s[a-z]\b|\b)",
            ),
        ),
        (
            FindingKind::Address,
            regex(r"(?i)\b[1-9]\d{3}\s?[a-z]{2}\b"),
        ),
        (
            FindingKind::Money,
            regex(
                r"(?i)\b(?:iban|rekeningnummer|bankrekening|bankgegevens|pincode|inlogcodes?|tikkie|geld\s+(?:overmaken|lenen|sturen)|maak\s+(?:het\s+)?geld\s+over|voorschot|betaal(?:verzoek)?)\b",
            ),
        ),
        (
            FindingKind::Spam,
            regex(
                r"(?i)\b(?:bitcoin|crypto|beleggen|casino|gratis\s+geld|snel\s+rijk|klik\s+hier|verdien\s+(?:\S+\s+){1,3}per|winnaar|loterij|erfenis|viagra|whatsapp\s+mij)\b",
            ),
        ),
    ]
    .into_iter()
    .map(Pattern::from)
    .collect();
    // A number in words before addresses: "zes 12" would read as a street "Zes 12".
    let after_phone = patterns
        .iter()
        .position(|p| p.kind == FindingKind::Phone)
        .map_or(0, |i| i + 1);
    patterns.insert(after_phone, spelled_phone());
    patterns
});

/// One digit as a word ("nul zes een twee ...").
const DIGIT_WORD: &str = "nul|een|één|twee|drie|vier|vijf|zes|zeven|acht|negen";

/// Two digits as one word, as people read a number out in pairs ("nul zes twaalf
/// vierendertig ..."): 10 to 99.
const PAIR_WORD: &str = "(?:(?:een|één|twee|drie|vier|vijf|zes|zeven|acht|negen)(?:en|ën))?\
    (?:twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig)\
    |tien|elf|twaalf|dertien|veertien|vijftien|zestien|zeventien|achttien|negentien";

/// A phone number written (partly) in words to slip past the digit pattern: a run of
/// number words and digits that starts with a zero, as Dutch numbers do ("nul zes",
/// "06", "0593"). Where its ten digits end is counted by [`spelled_number`].
fn spelled_phone() -> Pattern {
    Pattern {
        kind: FindingKind::Phone,
        regex: regex(&format!(
            r"(?i)\b(?:nul|0\d{{0,3}})(?:[\s,.\-–/]+(?:{PAIR_WORD}|{DIGIT_WORD}|\d+)\b)+"
        )),
        accept: spelled_number,
    }
}

static PAIR: LazyLock<Regex> = LazyLock::new(|| regex(&format!(r"(?i)^(?:{PAIR_WORD})$")));

static TOKEN: LazyLock<Regex> = LazyLock::new(|| regex(r"[^\s,.\-–/]+"));

/// How long the phone number at the start of a run of number words and digits is:
/// up to the word or digits that make its ten digits (so a number followed by ". Een
/// vrijwilliger" does not take "Een" with it). None when the run holds fewer digits,
/// or none of them as words (the digit pattern judges those).
fn spelled_number(run: &str) -> Option<usize> {
    let mut words = 0;
    let mut digits = 0;
    for token in TOKEN.find_iter(run) {
        let text = token.as_str();
        if text.chars().all(|c| c.is_ascii_digit()) {
            digits += text.len();
        } else {
            words += 1;
            digits += if PAIR.is_match(text) { 2 } else { 1 };
        }
        // A Dutch number has ten digits (06 and eight, or an area code and the rest).
        if digits >= 10 {
            return (words > 0).then_some(token.end());
        }
    }
    None
}

/// Everything found in `text`, in order of position. Where two findings overlap
/// (a postcode inside an address, a link inside an e-mail address), the first
/// pattern in the list above wins.
pub fn screen(text: &str) -> Vec<Finding> {
    let mut found: Vec<Finding> = Vec::new();
    for pattern in PATTERNS.iter() {
        for m in pattern.regex.find_iter(text) {
            let Some(len) = (pattern.accept)(m.as_str()) else {
                continue;
            };
            let (start, end) = (m.start(), m.start() + len);
            if !overlaps(&found, start, end) {
                found.push(Finding {
                    kind: pattern.kind,
                    text: text[start..end].to_owned(),
                    start,
                    end,
                    replacement: None,
                });
            }
        }
    }
    found.sort_by_key(|f| f.start);
    found
}

fn overlaps(found: &[Finding], start: usize, end: usize) -> bool {
    found.iter().any(|f| start < f.end && f.start < end)
}

/// What [`screen`] finds in a post's public text, and the surnames of `names` (the
/// author's and the resident's full names) where the text writes them as a name.
pub fn screen_post(text: &str, names: &[&str]) -> Vec<Finding> {
    let mut found = screen(text);
    for name in surname_findings(text, names) {
        if !overlaps(&found, name.start, name.end) {
            found.push(name);
        }
    }
    found.sort_by_key(|f| f.start);
    found
}

/// The parts of a Dutch surname that are not a name on their own (*tussenvoegsels*).
const PARTICLES: &[&str] = &[
    "de", "den", "der", "van", "von", "ter", "ten", "te", "het", "'t", "'s", "in", "op", "uit",
    "aan", "bij", "tot", "la", "le", "du", "di", "da", "del", "los", "vd", "v.d.",
];

/// A form of address just before a surname ("mevrouw de", "dhr."): after one, a
/// surname written in small letters is still the name.
static ADDRESSED: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(?:mevrouw|meneer|mevr\.|mw\.|dhr\.|familie|fam\.)\s+(?:(?:de|van|der|den|ter|ten|het|'t)\s+)*$",
    )
});

/// The surname parts of full names, each a name on its own: "Karin Jansen-de Boer"
/// gives Jansen and Boer, "Ans d'Ancona" Ancona. Everything after the first word
/// counts, so a second first name does too (the coordinator decides).
fn surname_parts<'a>(names: &'a [&'a str]) -> impl Iterator<Item = &'a str> {
    names
        .iter()
        .flat_map(|name| name.split_whitespace().skip(1))
        .flat_map(|word| word.split('-'))
        .map(|part| {
            let elided = ["d'", "D'", "l'", "L'"]
                .iter()
                .find_map(|p| part.strip_prefix(p));
            elided.unwrap_or(part)
        })
        .filter(|part| {
            part.chars().count() >= 2 && !PARTICLES.contains(&part.to_lowercase().as_str())
        })
}

/// Whole-word occurrences of the surnames in `names`, written as a name is
/// ("mevrouw Boer", "meneer de vries", not "de boer met zijn koeien"), with the
/// initial as replacement.
fn surname_findings(text: &str, names: &[&str]) -> Vec<Finding> {
    // One pattern for every part (longest first, so "Boersma" wins over "Boer").
    let mut parts: Vec<String> = surname_parts(names).map(regex::escape).collect();
    if parts.is_empty() {
        return Vec::new();
    }
    parts.sort_by_key(|p| std::cmp::Reverse(p.len()));
    let Ok(pattern) = Regex::new(&format!(r"(?i)\b(?:{})\b", parts.join("|"))) else {
        return Vec::new();
    };
    pattern
        .find_iter(text)
        .filter_map(|m| {
            let first = m.as_str().chars().next()?;
            let named = first.is_uppercase() || ADDRESSED.is_match(&text[..m.start()]);
            named.then(|| Finding {
                kind: FindingKind::Name,
                text: m.as_str().to_owned(),
                start: m.start(),
                end: m.end(),
                replacement: Some(format!("{}.", first.to_uppercase())),
            })
        })
        .collect()
}

/// Only what matters in a platform message between two parties: their contact
/// details are theirs to share, but asking for money or bank details is flagged.
pub fn screen_message(text: &str) -> Vec<Finding> {
    screen(text)
        .into_iter()
        .filter(|f| {
            matches!(
                f.kind,
                FindingKind::Money | FindingKind::Spam | FindingKind::Link
            )
        })
        .collect()
}

/// What a contact detail taken out of a public text becomes (the werkbak writes the
/// same; the approval mail tells the author when their text holds it).
pub const REMOVED: &str = "[verwijderd]";

/// `text` with the finding taken out (replaced by [`REMOVED`]), so a coordinator
/// can remove a contact detail with one click before publishing.
pub fn remove(text: &str, finding: &Finding) -> Option<String> {
    let found = text.get(finding.start..finding.end)?;
    (found == finding.text).then(|| {
        format!(
            "{}{REMOVED}{}",
            &text[..finding.start],
            &text[finding.end..]
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(FindingKind, String)> {
        screen(text).into_iter().map(|f| (f.kind, f.text)).collect()
    }

    #[test]
    fn easy_money_and_bank_details_are_found() {
        let found = kinds("Verdien 500 euro per dag vanuit huis! Vul uw bankgegevens in.");
        assert!(
            found.contains(&(FindingKind::Spam, "Verdien 500 euro per".to_owned())),
            "{found:?}"
        );
        assert!(
            found.contains(&(FindingKind::Money, "bankgegevens".to_owned())),
            "{found:?}"
        );
    }

    #[test]
    fn contact_details_written_into_a_post_are_found() {
        use FindingKind::*;
        let text = "Bel mij op 06-12345678 of 0593 123456, of mail jan.devries@gmail.com. \
                    Ik woon aan de Brinkstraat 12a, 9411 AB Beilen.";
        assert_eq!(
            kinds(text),
            vec![
                (Phone, "06-12345678".into()),
                (Phone, "0593 123456".into()),
                (Email, "jan.devries@gmail.com".into()),
                (Address, "Brinkstraat 12a".into()),
                (Address, "9411 AB".into()),
            ]
        );
        assert_eq!(kinds("Bereikbaar via +31 6 12 34 56 78")[0].0, Phone);
        // The house number ends the address: not the space before the next word.
        assert_eq!(
            kinds("Hij woont aan de Brinkstraat 4 in Westerbork."),
            [(Address, "Brinkstraat 4".to_owned())]
        );
        assert_eq!(kinds("Dorpsweg 12 b, Smilde")[0].1, "Dorpsweg 12 b");
        assert_eq!(kinds("mail naar inge (at) hotmail.nl")[0].0, Email);
        assert_eq!(
            kinds("Mail naar piet [at] example [dot] org"),
            [(Email, "piet [at] example [dot] org".to_owned())]
        );
        assert_eq!(kinds("piet(apenstaartje)kpn(punt)nl")[0].0, Email);
        // Written as phones and people write them, or to slip past a filter.
        for phone in [
            "06 - 123 456 78",
            "06–12345678",
            "06 – 12345678",
            "(06) 12345678",
            "06.12.34.56.78",
            "06/12345678",
            "０６１２３４５６７８",
            "(0593) 123456",
            // Read out in words, digit by digit or in pairs, or half in digits.
            "nul zes een twee drie vier vijf zes zeven acht",
            "Nul zes - twaalf vierendertig zesenvijftig achtenzeventig",
            "nul vijf negen drie 123456",
            "0 zes 12 34 56 78",
            "nul zes, tweeëntwintig, elf, negen, negen, tachtig",
            "06 twaalf vierendertig zesenvijftig achtenzeventig",
        ] {
            assert_eq!(
                kinds(&format!("Bel {phone} maar")),
                [(Phone, phone.to_owned())],
                "{phone}"
            );
        }
        // The number ends at its tenth digit: the next sentence is not part of it.
        for (text, phone) in [
            ("Bel nul zes twaalf vierendertig zesenvijftig achtenzeventig. Een vrijwilliger is welkom.",
             "nul zes twaalf vierendertig zesenvijftig achtenzeventig"),
            ("Bel 0 zes 12 34 56 78, een keer per week", "0 zes 12 34 56 78"),
        ] {
            assert_eq!(kinds(text), [(Phone, phone.to_owned())], "{text}");
        }
        for email in ["inge＠kpn.nl", "inge@walk . test . nl"] {
            assert_eq!(kinds(email), [(Email, email.to_owned())], "{email}");
        }
        assert_eq!(
            kinds("Ik woon op Brink 4 in Beilen, tegenover De Brink 3."),
            [
                (Address, "Brink 4".to_owned()),
                (Address, "Brink 3".to_owned())
            ]
        );
    }

    #[test]
    fn ordinary_help_requests_are_left_alone() {
        for text in [
            "Wie wil 1 keer per week 2 uur met mijn hond wandelen in Beilen?",
            "Hulp bij de tuin: gras maaien en de heg knippen, ongeveer 3 uur.",
            "Ik ben 84 jaar en zoek iemand voor een praatje op dinsdagochtend.",
            "Boodschappen doen voor 2 personen, om de 14 dagen.",
            "Computerhulp: e-mail en DigiD op mijn tablet.",
            "Ik loop elke dinsdag langs de Brink.",
            "Op 6 december om 09.30 uur, of van 10.00-12.00 uur.",
            "Graag 2 of 3 keer per week, 1-2 uur.",
            "Ik heb nul zin in drie of vier uur wachten.",
            "Het scoorde nul, een, twee en drie punten.",
        ] {
            assert_eq!(screen(text), vec![], "{text}");
        }
    }

    #[test]
    fn links_and_spam_words_are_flagged() {
        use FindingKind::*;
        assert_eq!(
            kinds("Kijk op www.snelgeld.nl en klik hier"),
            vec![(Link, "www.snelgeld.nl".into()), (Spam, "klik hier".into())]
        );
        assert_eq!(kinds("Verdien snel met bitcoin")[0].0, Spam);
    }

    #[test]
    fn messages_asking_for_money_or_bank_details_are_flagged() {
        let found =
            screen_message("Kunt u 50 euro voorschot betalen? Mijn IBAN is NL91 ABNA 0417 1643 00");
        let texts: Vec<_> = found.iter().map(|f| f.text.as_str()).collect();
        assert!(texts.contains(&"voorschot"), "{texts:?}");
        assert!(texts.contains(&"IBAN"), "{texts:?}");
        assert!(texts.contains(&"NL91 ABNA 0417 1643 00"), "{texts:?}");
        // Sharing one's own number in a message is fine.
        assert_eq!(screen_message("Bel me gerust op 06-12345678"), vec![]);
    }

    #[test]
    fn a_found_detail_is_removed_with_one_call() {
        let text = "Bel 06-12345678 voor info";
        let found = &screen(text)[0];
        assert_eq!(remove(text, found).unwrap(), "Bel [verwijderd] voor info");
        // A text that changed since it was screened is not cut blindly.
        assert_eq!(remove("Bel mij later", found), None);
    }

    fn names(text: &str, names: &[&str]) -> Vec<(FindingKind, String, Option<String>)> {
        screen_post(text, names)
            .into_iter()
            .map(|f| (f.kind, f.text, f.replacement))
            .collect()
    }

    #[test]
    fn the_surname_of_whom_a_request_is_about_is_found_with_its_initial() {
        let text =
            "Mevrouw De Vries (84) heeft beginnende dementie. Bel mevrouw de Vries op 06-12345678.";
        assert_eq!(
            names(text, &["Anna de Vries", "Karin Hoving"]),
            vec![
                (FindingKind::Name, "Vries".into(), Some("V.".into())),
                (FindingKind::Name, "Vries".into(), Some("V.".into())),
                (FindingKind::Phone, "06-12345678".into(), None),
            ],
            "the particle de is no name of its own"
        );
        // The author's own surname, in the title too.
        assert_eq!(
            names("Hulp gezocht voor meneer Hoving", &["Karin Hoving"]),
            vec![(FindingKind::Name, "Hoving".into(), Some("H.".into()))]
        );
    }

    #[test]
    fn a_surname_that_is_an_everyday_word_is_found_only_as_a_name() {
        let text = "Ik ben een boer uit Smilde en help graag met bakken als een echte bakker.";
        assert!(names(text, &["Jan de Boer", "Els Bakker"]).is_empty());
        assert_eq!(
            names("Boer Jan zoekt hulp", &["Jan de Boer"]),
            vec![(FindingKind::Name, "Boer".into(), Some("B.".into()))],
            "at the start of a sentence the coordinator decides"
        );
        assert_eq!(
            names("Mevrouw Jansen zoekt hulp", &["Karin Jansen-de Boer"]),
            vec![(FindingKind::Name, "Jansen".into(), Some("J.".into()))]
        );
        // After a form of address, small letters are the name too.
        assert_eq!(
            names(
                "Wie helpt mevrouw de vries en dhr. d'Ancona?",
                &["Anna de Vries", "Ans d'Ancona"]
            ),
            vec![
                (FindingKind::Name, "vries".into(), Some("V.".into())),
                (FindingKind::Name, "Ancona".into(), Some("A.".into())),
            ]
        );
        assert!(names("Uit Smilde", &["Ria uit den Bogaard"]).is_empty());
        // Part of a longer word is not the name, nor is the first name.
        assert!(names("De Boerderij van Jan", &["Jan Boer"]).is_empty());
        assert!(names("Geen naam", &["Cher", ""]).is_empty());
    }

    proptest::proptest! {
        #[test]
        fn findings_are_in_order_inside_the_text_and_never_overlap(text in "\\PC{0,200}") {
            let found = screen_post(&text, &["Anna de Vries", "Jan Boer"]);
            for pair in found.windows(2) {
                proptest::prop_assert!(pair[0].end <= pair[1].start);
            }
            for f in &found {
                proptest::prop_assert_eq!(text.get(f.start..f.end), Some(f.text.as_str()));
                proptest::prop_assert!(remove(&text, f).is_some());
            }
        }
    }
}
