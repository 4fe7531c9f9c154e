//! What the wording of a question says about the kind of post the searcher wants.
//!
//! *Iemand die mijn heg kan snoeien* looks for a volunteer who offers help;
//! *vrijwilligers gezocht voor het zorgcentrum* for vacancies like that one; *ik wil
//! graag helpen met boodschappen* for requests and vacancies. A searcher without a
//! role preference (anonymous, or a coordinator) gets the kinds such a phrase names
//! preferred, as a signed-in role would. Most questions carry no such phrase and
//! get no preference: one word like *boodschappen* says nothing about the side.

use crate::PostKind;

/// Phrases of someone who looks for a person who helps: offers.
const SEEKS_HELPER: &[&[&str]] = &[
    &["iemand", "die"],
    &["vrijwilliger", "die"],
    &["wie", "kan"],
    &["wie", "wil"],
    &["zoek", "iemand"],
    &["zoeken", "iemand"],
    &["wie", "helpt"],
    &["zoek", "hulp"],
    &["hulp", "nodig"],
    &["hulp", "gebruiken"],
    &["mij", "helpen"],
];

/// What someone says who cannot manage something: with a word for themselves or
/// their own (*ik*, *mijn*), the question is theirs and they look for a person who
/// helps. A coordinator writes about *mevrouw* or *meneer*, and such questions are
/// as often after similar requests, so they get no preference from this.
const CANNOT_MANAGE: &[&[&str]] = &[
    &["lukt", "niet"],
    &["lukt", "het", "niet"],
    &["lukt", "me", "niet"],
    &["lukt", "mij", "niet"],
    &["kan", "niet", "meer"],
    &["kan", "het", "niet"],
    &["red", "het", "niet"],
    &["redt", "het", "niet"],
    &["niet", "zelf"],
    &["niet", "meer", "zelf"],
];

/// Words for oneself and one's own.
const OWN: &[&str] = &["ik", "mij", "me", "mijn", "wij", "we", "ons", "onze"];

/// Phrases of someone who wants to help: requests and vacancies.
const OFFERS_HELP: &[&[&str]] = &[
    &["wil", "helpen"],
    &["graag", "helpen"],
    &["help", "graag"],
    &["uitleg", "geven"],
    &["les", "geven"],
    &["iets", "doen", "voor"],
    &["vrijwilligerswerk"],
    &["iets", "betekenen"],
    &["inzetten"],
    &["vrije", "tijd"],
    &["tijd", "over"],
    &["heb", "tijd"],
    &["bied"],
    &["aanbieden"],
    &["maatje", "worden"],
    &["vrijwilliger", "worden"],
];

/// Phrases of someone who looks for volunteer work at an organisation: vacancies.
const SEEKS_VACANCY: &[&[&str]] = &[&["vrijwilligers", "gezocht"], &["vacature"], &["vacatures"]];

/// The kinds of post the wording of `text` asks for; empty when it does not say.
/// When phrases of more than one side occur, the question is ambiguous and nothing
/// is preferred.
pub fn sought_kinds(text: &str) -> Vec<PostKind> {
    let words = words(text);
    let says = |phrases: &[&[&str]]| phrases.iter().any(|p| contains(&words, p));
    let own = words.iter().any(|w| OWN.contains(&w.as_str()));
    let seeks_helper = says(SEEKS_HELPER) || (own && says(CANNOT_MANAGE));
    match (seeks_helper, says(OFFERS_HELP), says(SEEKS_VACANCY)) {
        (true, false, false) => vec![PostKind::Offer],
        (false, true, false) => vec![PostKind::Request, PostKind::Vacancy],
        (false, _, true) => vec![PostKind::Vacancy],
        _ => Vec::new(),
    }
}

/// Lower-case words; a misspelt *vrijwilliger* (*vrijwiliger*) counts as the word.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let w = w.to_lowercase();
            match w.strip_prefix("vrijwil") {
                Some(rest) if !w.starts_with("vrijwill") => format!("vrijwill{rest}"),
                _ => w,
            }
        })
        .collect()
}

/// Whether `phrase` occurs in `words` as consecutive words.
fn contains(words: &[String], phrase: &[&str]) -> bool {
    words
        .windows(phrase.len())
        .any(|w| w.iter().zip(phrase).all(|(a, b)| a == b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_question_for_a_helper_prefers_offers() {
        for q in [
            "iemand die een lampje kan ophangen",
            "Vrijwilliger die een middag kan oppassen",
            "wie kan mijn gras maaien?",
            "wie helpt mij met de tuin",
            "ik zoek hulp bij de administratie",
            "mijn vader kan wel wat hulp gebruiken",
            "de tuin lukt mij niet meer",
            "mijn moeder kan niet meer zelf naar de winkel",
        ] {
            assert_eq!(sought_kinds(q), vec![PostKind::Offer], "{q}");
        }
    }

    #[test]
    fn a_wish_to_help_prefers_requests_and_vacancies() {
        for q in [
            "ik wil helpen met boodschappen",
            "vrijwilligerswerk met dieren",
            "smartphone uitleg geven",
            "ik help graag in de tuin",
            "ik heb tijd over op dinsdag",
            "maatje worden",
        ] {
            assert_eq!(
                sought_kinds(q),
                vec![PostKind::Request, PostKind::Vacancy],
                "{q}"
            );
        }
    }

    #[test]
    fn volunteers_wanted_prefers_vacancies_even_misspelt() {
        assert_eq!(
            sought_kinds("vrijwiligers gezocht voor het zorgcentrum in Beilen"),
            vec![PostKind::Vacancy]
        );
    }

    #[test]
    fn a_plain_need_or_mixed_wording_prefers_nothing() {
        for q in [
            "boodschappen",
            "hondje uitlaten",
            "iemanddie",
            "ik wil helpen en zoek iemand die meegaat",
            "ik heb geen tijd voor de tuin",
            // Someone else's trouble, as a coordinator writes it.
            "mevrouw kan niet meer zelf naar de winkel",
        ] {
            assert!(sought_kinds(q).is_empty(), "{q}");
        }
    }
}
