//! What the wording of a question says about the kind of post the searcher wants.
//!
//! *Iemand die mijn heg kan snoeien* looks for a volunteer who offers help;
//! *vrijwilligers gezocht voor het zorgcentrum* for vacancies like that one; *ik wil
//! graag helpen met boodschappen* for requests and vacancies. A searcher without a
//! role preference (anonymous, or a coordinator) gets the kinds such a phrase names
//! preferred, as a signed-in role would. Most questions carry no such phrase and
//! get no preference: one word like *boodschappen* says nothing about the side.

use crate::{analyzer, PostKind};

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
    &["mij", "helpen"],
];

/// What someone says who cannot manage something: with a word for themselves or
/// their own (*ik*, *mijn*), the question is theirs and they look for a person who
/// helps. A coordinator writes about *mevrouw* or *meneer*, and such questions are
/// as often after similar requests, so they get no preference from this.
const CANNOT_MANAGE: &[&[&str]] = &[
    &["hulp", "nodig"],
    &["hulp", "gebruiken"],
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

/// Phrases of a helper that hold a phrase of the other side (*wie kan ik helpen*,
/// *ik ben iemand die graag kookt*, *ouderen die hulp nodig hebben*): they count
/// for the helper, and their words for nothing else.
const HELPER_SAYS: &[&[&str]] = &[
    &["kan", "ik", "helpen"],
    &["ben", "iemand", "die"],
    &["help", "mensen"],
    &["die", "hulp", "nodig"],
    &["wie", "heeft", "hulp"],
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
/// A helper looking for vacancies gets vacancies; phrases of the helper and of
/// someone looking for one in one question make it ambiguous: nothing is preferred.
pub fn sought_kinds(text: &str) -> Vec<PostKind> {
    let mut words = words(text);
    let helper_says = take_phrases(&mut words, HELPER_SAYS);
    let says = |phrases: &[&[&str]]| phrases.iter().any(|p| contains(&words, p));
    let own = words.iter().any(|w| OWN.contains(&w.as_str()));
    let seeks_helper = says(SEEKS_HELPER) || (own && says(CANNOT_MANAGE));
    let helper = helper_says || says(OFFERS_HELP);
    match (seeks_helper, helper, says(SEEKS_VACANCY)) {
        (true, false, false) => vec![PostKind::Offer],
        (false, true, false) => vec![PostKind::Request, PostKind::Vacancy],
        (false, _, true) => vec![PostKind::Vacancy],
        _ => Vec::new(),
    }
}

/// Blanks out the words of every occurrence of `phrases` in `words`; whether any
/// occurred.
fn take_phrases(words: &mut [String], phrases: &[&[&str]]) -> bool {
    let mut found = false;
    for phrase in phrases {
        while let Some(at) = position(words, phrase) {
            words[at..at + phrase.len()].fill(String::new());
            found = true;
        }
    }
    found
}

/// The words as the analyzer reads them (lower-case, accents folded); a misspelt
/// *vrijwilliger* (*vrijwiliger*) counts as the word.
fn words(text: &str) -> Vec<String> {
    analyzer::tokens(&mut analyzer::name(), text)
        .into_iter()
        .map(|w| match w.strip_prefix("vrijwil") {
            Some(rest) if !w.starts_with("vrijwill") => format!("vrijwill{rest}"),
            _ => w,
        })
        .collect()
}

/// Whether `phrase` occurs in `words` as consecutive words.
fn contains(words: &[String], phrase: &[&str]) -> bool {
    position(words, phrase).is_some()
}

/// Where `phrase` first occurs in `words` as consecutive words.
fn position(words: &[String], phrase: &[&str]) -> Option<usize> {
    words
        .windows(phrase.len())
        .position(|w| w.iter().zip(phrase).all(|(a, b)| a == b))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Asserts that every question in `questions` asks for `kinds`.
    fn each_asks_for(kinds: &[PostKind], questions: &[&str]) {
        for q in questions {
            assert_eq!(sought_kinds(q), kinds, "{q}");
        }
    }

    #[test]
    fn a_question_for_a_helper_prefers_offers() {
        each_asks_for(
            &[PostKind::Offer],
            &[
                "iemand die een lampje kan ophangen",
                "Vrijwilliger die een middag kan oppassen",
                "wie kan mijn gras maaien?",
                "wie helpt mij met de tuin",
                "ik zoek hulp bij de administratie",
                "mijn vader kan wel wat hulp gebruiken",
                "de tuin lukt mij niet meer",
                "mijn moeder kan niet meer zelf naar de winkel",
            ],
        );
    }

    #[test]
    fn a_wish_to_help_prefers_requests_and_vacancies() {
        each_asks_for(
            &[PostKind::Request, PostKind::Vacancy],
            &[
                "ik wil helpen met boodschappen",
                "vrijwilligerswerk met dieren",
                "smartphone uitleg geven",
                "ik help graag in de tuin",
                "ik heb tijd over op dinsdag",
                "maatje worden",
                // A helper's phrase that holds one of the other side.
                "wie kan ik helpen",
                "ik ben iemand die graag kookt",
                "ouderen die hulp nodig hebben bij de computer",
                "wie heeft hulp nodig met boodschappen",
            ],
        );
    }

    #[test]
    fn volunteers_wanted_prefers_vacancies_even_misspelt() {
        each_asks_for(
            &[PostKind::Vacancy],
            &[
                "vrijwiligers gezocht voor het zorgcentrum in Beilen",
                "Vacatures in de zorg",
                // A helper after vacancies: both say vacancies.
                "ik wil helpen, vrijwilligers gezocht",
            ],
        );
    }

    #[test]
    fn a_plain_need_or_mixed_wording_prefers_nothing() {
        each_asks_for(
            &[],
            &[
                "boodschappen",
                "hondje uitlaten",
                "ik wil helpen en zoek iemand die meegaat",
                "ik heb geen tijd voor de tuin",
                // Someone else's trouble, as a coordinator writes it.
                "mevrouw kan niet meer zelf naar de winkel",
                "meneer heeft hulp nodig met de tuin",
                // Both sides.
                "ik help mensen die het niet meer zelf kunnen",
            ],
        );
    }
}
