//! Dutch compound splitting: a small vocabulary of words that occur in volunteer
//! posts and a splitter that cuts a compound such as *hondenuitlaatservice* into
//! *hond* + *uitlaat* + *service*, allowing the linking morphemes -s-, -e-, -en-
//! and a plural or diminutive ending on the last part.
//!
//! The vocabulary is part of the index version ([`crate::analyzer::word_lists_fingerprint`]):
//! changing it changes the tokens of indexed documents, so an index built with
//! another vocabulary is rebuilt at start-up.

use rustc_hash::FxHashSet;
use std::sync::{Arc, OnceLock};

/// Words (folded, lower-case) that the splitter may use as parts of a compound.
///
/// Lexicalised compounds that must stay whole (*ziekenhuis*, *huiswerk*) are listed
/// as one word: the splitter prefers the fewest parts, so a listed word is never cut.
pub(crate) const VOCABULARY: &[&str] = &[
    // people
    "man",
    "vrouw",
    "kind",
    "kinderen",
    "zoon",
    "dochter",
    "moeder",
    "vader",
    // Not *ouder* (a parent): *ouderenvervoer* is for the elderly.
    "oudere",
    "ouderen",
    "senior",
    "senioren",
    "buur",
    "buurt",
    "buurman",
    "buurvrouw",
    "genoot",
    "vriend",
    "vriendin",
    "maatje",
    "maatjes",
    "maat",
    "gezin",
    "familie",
    "bewoner",
    "bewoners",
    "vrijwilliger",
    "vrijwilligers",
    "mantelzorger",
    "mantelzorgers",
    "zorger",
    "zorgers",
    "oppas",
    "oppasser",
    "begeleider",
    "chauffeur",
    "leider",
    "leiders",
    "coach",
    "komer",
    "komers",
    "nieuwkomer",
    "nieuwkomers",
    "tuinier",
    "timmerman",
    "fotograaf",
    "reparateur",
    "student",
    "studente",
    "consulent",
    "hulpvrager",
    "vrager",
    // animals
    "hond",
    "honden",
    "kat",
    "katten",
    "dier",
    "dieren",
    "paard",
    "kip",
    "kippen",
    "vogel",
    "vogels",
    "konijn",
    // help and care
    "hulp",
    "zorg",
    "dienst",
    "diensten",
    "service",
    "uitlaat",
    "uitlaten",
    "uitlater",
    "mantel",
    "mantelzorg",
    "respijt",
    "bezoek",
    "bezoeken",
    "visite",
    "vervoer",
    "rit",
    "ritje",
    "ritten",
    "begeleiding",
    "verzorging",
    "verzorgen",
    "verpleeg",
    "verpleging",
    "kunde",
    "thuis",
    "thuiszorg",
    "dementie",
    "autisme",
    "opname",
    "toeslag",
    "medicijn",
    "medicijnen",
    "apotheek",
    "ziekenhuis",
    "huisarts",
    "arts",
    "dokter",
    "tandarts",
    "fysio",
    "therapie",
    "zorgcentrum",
    "centrum",
    "verpleeghuis",
    "aanleun",
    "woning",
    "woningen",
    "wijk",
    "team",
    "gemeente",
    "welzijn",
    "noaber",
    "noaberschap",
    "gezelschap",
    "gezelligheid",
    "praat",
    "praatje",
    "luister",
    "maaltijd",
    "maaltijden",
    // shopping and household
    "boodschap",
    "boodschappen",
    "winkel",
    "supermarkt",
    "markt",
    "week",
    "weekmarkt",
    "lijst",
    "lijstje",
    "tas",
    "tassen",
    "eten",
    "kook",
    "koken",
    "keuken",
    "koffie",
    "thee",
    "was",
    "strijk",
    "schoonmaak",
    "poets",
    "huis",
    "huishouden",
    "huishoud",
    "kamer",
    "kamers",
    "slaap",
    "woon",
    "bad",
    "zolder",
    "schuur",
    "garage",
    "kast",
    "kasten",
    "deur",
    "deuren",
    "raam",
    "ramen",
    "lamp",
    "lampen",
    "stop",
    "contact",
    "kraan",
    "verf",
    "behang",
    "vloer",
    "dak",
    "goot",
    "dakgoot",
    "doos",
    "dozen",
    "verhuis",
    "verhuizing",
    "meubel",
    "meubels",
    "bak",
    "voer",
    "water",
    // odd jobs
    "klus",
    "klussen",
    "klusjes",
    "timmer",
    "schilder",
    "schilderwerk",
    "reparatie",
    "repair",
    "cafe",
    "taal",
    "elektra",
    "fiets",
    "fietsen",
    "duo",
    "duofiets",
    "band",
    "banden",
    "gereedschap",
    "apparaat",
    "apparaten",
    // garden
    "tuin",
    "tuinen",
    "moes",
    "gras",
    "maai",
    "maaier",
    "maaien",
    "heg",
    "haag",
    "snoei",
    "snoeien",
    "onkruid",
    "blad",
    "bladeren",
    "bloem",
    "bloemen",
    "boom",
    "bomen",
    "struik",
    "struiken",
    "border",
    "plant",
    "planten",
    "groente",
    "groenten",
    "hobby",
    "winter",
    "zomer",
    "lente",
    "herfst",
    "klaar",
    "onderhoud",
    // computers and paperwork
    "computer",
    "computers",
    "pc",
    "laptop",
    "tablet",
    "telefoon",
    "smartphone",
    "mobiel",
    "internet",
    "bankieren",
    "bank",
    "mail",
    "printer",
    "virus",
    "scanner",
    "les",
    "lessen",
    "cursus",
    "uitleg",
    "app",
    "administratie",
    "post",
    "brief",
    "brieven",
    "formulier",
    "formulieren",
    "belasting",
    "belastingen",
    "aangifte",
    "geld",
    "zaken",
    "zorgen",
    "rekening",
    "rekeningen",
    "financien",
    "schuld",
    "schulden",
    "papier",
    "papieren",
    // language and school
    "nederlands",
    "inburgering",
    "engels",
    "huiswerk",
    "school",
    "klas",
    "brug",
    "rekenen",
    "lezen",
    "voorlees",
    "voorlezen",
    "boek",
    "boeken",
    "leven",
    "verhaal",
    "verhalen",
    "gesprek",
    "gesprekken",
    // leisure
    "kerk",
    "spel",
    "spelletje",
    "spelletjes",
    "muziek",
    "zang",
    "koor",
    "wandel",
    "wandeling",
    "wandelingen",
    "loop",
    "rolstoel",
    "rol",
    "stoel",
    "foto",
    "fotos",
    "feest",
    "dorp",
    "dorps",
    "museum",
    "evenement",
    "evenementen",
    "sport",
    "hand",
    "handen",
    "werk",
    "brei",
    "haak",
    "sjoel",
    "kaart",
    "bus",
    "plus",
    "auto",
    "rij",
    "bewijs",
    // time
    "dag",
    "dagen",
    "middag",
    "ochtend",
    "avond",
    "nacht",
    "maand",
    "jaar",
    "uur",
    "uurtje",
    "vakantie",
    "weekend",
];

/// Words never split, although they could be cut into vocabulary words: place
/// names of Midden-Drenthe (*Bovensmilde* must not match *Smilde* through a part),
/// and words whose first part is no part of their meaning (*maatschappelijk* is
/// not about a *maat*, a buddy; *honderden* not about a *hond*; *maandagochtend* not
/// about a *maand*), and *buurthuis*, which the splitter would cut into *buur* and
/// *thuis* (the two cuts have as many parts, and the first found wins).
pub(crate) const NEVER_SPLIT: &[&str] = &[
    "honderden",
    "automatisering",
    "handeling",
    "handelingen",
    "handigheid",
    "buurthuis",
    "buurthuizen",
    "maandagochtend",
    "maandagochtenden",
    "maandagmorgen",
    "maandagmiddag",
    "maandagmiddagen",
    "maandagavond",
    "maandagavonden",
    "maatschappij",
    "maatschappelijk",
    "maatschappelijke",
    "maatschapelijk",
    "maatschapelijke",
    "bovensmilde",
    "hoogersmilde",
    "westerbork",
    "hooghalen",
    "witteveen",
    "zwiggelte",
    "orvelte",
    "mantinge",
    "balinge",
    "drijber",
    "middendrenthe",
    "drenthe",
];

/// Linking morphemes allowed between two parts (*hond-en-uitlaat*, *dorp-s-feest*).
const LINKERS: &[&str] = &["", "s", "en", "e", "n"];

/// Endings allowed on the last part (plural, diminutive); the part must be a
/// vocabulary word once the ending is removed.
const ENDINGS: &[&str] = &[
    "", "en", "s", "n", "e", "er", "ers", "je", "jes", "tje", "tjes", "etje", "etjes", "pje",
    "pjes",
];

/// Derivational suffixes that must not be taken for an unknown second part.
const SUFFIX_TAILS: &[&str] = &[
    "ing", "ingen", "heid", "heden", "lijk", "lijke", "isch", "ische", "baar", "bare", "ster",
    "sters", "tjes", "atie", "aties", "elijk", "elijke", "eren", "erij",
];

/// Shortest part the splitter accepts, in bytes (parts are ASCII after folding).
const MIN_PART: usize = 3;

/// Shortest word the splitter looks at.
const MIN_WORD: usize = 6;

/// Splits Dutch compounds against a fixed vocabulary.
#[derive(Debug)]
pub struct Decompounder {
    words: FxHashSet<&'static str>,
    never: FxHashSet<&'static str>,
}

impl Decompounder {
    /// The shared decompounder built from the built-in vocabulary.
    pub fn shared() -> Arc<Decompounder> {
        static SHARED: OnceLock<Arc<Decompounder>> = OnceLock::new();
        SHARED
            .get_or_init(|| {
                Arc::new(Decompounder {
                    words: VOCABULARY.iter().copied().collect(),
                    never: NEVER_SPLIT.iter().copied().collect(),
                })
            })
            .clone()
    }

    /// Whether `word` is in the vocabulary as it stands.
    pub fn knows(&self, word: &str) -> bool {
        self.words.contains(word)
    }

    /// The vocabulary word that `tail` is, once a plural or diminutive ending is removed.
    fn final_base(&self, tail: &str) -> Option<&'static str> {
        for ending in ENDINGS {
            let Some(base) = tail.strip_suffix(ending) else {
                continue;
            };
            if base.len() < MIN_PART {
                continue;
            }
            if let Some(w) = self.words.get(base) {
                return Some(w);
            }
            // Consonant doubling before -en/-e: lessen -> les, katten -> kat.
            let b = base.as_bytes();
            if !ending.is_empty()
                && b.len() > MIN_PART
                && b[b.len() - 1] == b[b.len() - 2]
                && !is_vowel(b[b.len() - 1])
            {
                if let Some(w) = self.words.get(&base[..base.len() - 1]) {
                    return Some(w);
                }
            }
        }
        None
    }

    /// Parts of `word` (vocabulary base forms), or an empty list when it is not a
    /// compound. `word` must be lower-case and ASCII-folded.
    ///
    /// Prefers a full split into vocabulary words with the fewest parts; otherwise
    /// a known head followed by an unknown tail of 5+ letters (*hond-en-oppas*).
    /// A diminutive of a known word yields the word (*hondje* → *hond*).
    pub fn split(&self, word: &str) -> Vec<String> {
        if !word.is_ascii() || word.len() < 4 || self.never.contains(word) {
            return Vec::new();
        }
        if self.words.contains(word) {
            return Vec::new();
        }
        if word.len() < MIN_WORD {
            return self.diminutive(word);
        }
        if let Some(parts) = self.full_split(word) {
            if parts.len() > 1 {
                return parts.into_iter().map(str::to_owned).collect();
            }
            // One part: an inflected or diminutive form of a vocabulary word.
            return if parts[0] != word {
                vec![parts[0].to_owned()]
            } else {
                Vec::new()
            };
        }
        self.head_split(word)
    }

    fn diminutive(&self, word: &str) -> Vec<String> {
        for ending in ["je", "tje", "pje", "jes", "tjes"] {
            if let Some(base) = word.strip_suffix(ending) {
                if let Some(w) = self.words.get(base) {
                    return vec![(*w).to_owned()];
                }
            }
        }
        Vec::new()
    }

    /// Dynamic programming over cut points: `best[i]` is the fewest parts covering
    /// `word[..i]` where a new part may start at `i`.
    fn full_split(&self, word: &str) -> Option<Vec<&'static str>> {
        let n = word.len();
        // best[i] = (parts, back pointer to the start of the last part, its word)
        let mut best: Vec<Option<(usize, usize, &'static str)>> = vec![None; n + 1];
        // starts[i]: a part may start at i (after 0 or more linker letters).
        let mut reach: Vec<Option<(usize, usize)>> = vec![None; n + 1]; // (parts, from)
        reach[0] = Some((0, usize::MAX));
        let mut result: Option<(usize, usize, &'static str)> = None;
        for start in 0..n {
            let Some((count, _)) = reach[start] else {
                continue;
            };
            for end in (start + MIN_PART)..=n {
                let seg = &word[start..end];
                if end == n {
                    if let Some(w) = self.final_base(seg) {
                        let cand = (count + 1, start, w);
                        if result.is_none_or(|r| cand.0 < r.0) {
                            result = Some(cand);
                        }
                    }
                    continue;
                }
                let Some(w) = self.words.get(seg) else {
                    continue;
                };
                let cand = (count + 1, start, *w);
                if best[end].is_none_or(|b| cand.0 < b.0) {
                    best[end] = Some(cand);
                }
                for linker in LINKERS {
                    let next = end + linker.len();
                    if next < n && word[end..].starts_with(linker) {
                        let r = (count + 1, end);
                        if reach[next].is_none_or(|x| r.0 < x.0) {
                            reach[next] = Some(r);
                        }
                    }
                }
            }
        }
        let (_, mut start, last) = result?;
        let mut parts = vec![last];
        while start != 0 {
            let (_, from) = reach[start]?;
            let (_, prev_start, w) = best[from]?;
            parts.push(w);
            start = prev_start;
        }
        parts.reverse();
        Some(parts)
    }

    /// A known head (4+ letters) plus an unknown tail of 5+ letters that is not a
    /// derivational suffix; the longest head wins.
    fn head_split(&self, word: &str) -> Vec<String> {
        for cut in (4..=word.len().saturating_sub(5)).rev() {
            let head = &word[..cut];
            let Some(w) = self.words.get(head) else {
                continue;
            };
            for linker in LINKERS {
                let Some(tail) = word[cut..].strip_prefix(linker) else {
                    continue;
                };
                if tail.len() >= 5 && !SUFFIX_TAILS.iter().any(|s| tail.starts_with(s)) {
                    return vec![(*w).to_owned(), tail.to_owned()];
                }
            }
        }
        Vec::new()
    }
}

impl Decompounder {
    /// A compound whose first part has a typo (*vrijwiligerswerk*): the vocabulary
    /// word of 7+ letters one edit away from the longest possible head, and the
    /// rest after a linking morpheme. Only for query words the index does not
    /// know; the tail may be any word of 4+ letters.
    pub fn split_with_typo(&self, word: &str) -> Option<(&'static str, String)> {
        if !word.is_ascii() || word.len() < 11 {
            return None;
        }
        for cut in (6..=word.len() - 4).rev() {
            let head = &word[..cut];
            let Some(w) = self
                .words
                .iter()
                .filter(|w| w.len() >= 7)
                .find(|w| within_one_edit(head, w))
            else {
                continue;
            };
            for linker in LINKERS.iter().rev() {
                if let Some(tail) = word[cut..].strip_prefix(linker).filter(|t| t.len() >= 4) {
                    return Some((w, tail.to_owned()));
                }
            }
        }
        None
    }
}

/// Whether `a` becomes `b` by at most one insertion, deletion, substitution or
/// swap of neighbours.
fn within_one_edit(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[prefix..], &b[prefix..]);
    match ra.len().cmp(&rb.len()) {
        std::cmp::Ordering::Equal => {
            ra.len() <= 1
                || ra[1..] == rb[1..]
                || (ra.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..])
        }
        std::cmp::Ordering::Less => ra == &rb[1..],
        std::cmp::Ordering::Greater => &ra[1..] == rb,
    }
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(w: &str) -> Vec<String> {
        Decompounder::shared().split(w)
    }

    #[test]
    fn splits_with_linking_morphemes() {
        let parts = split("hondenuitlaatservice");
        assert_eq!(parts.len(), 3, "{parts:?}");
        assert!(parts[0].starts_with("hond") && parts[1] == "uitlaat" && parts[2] == "service");
        assert_eq!(split("boodschappendienst"), ["boodschappen", "dienst"]);
        assert_eq!(split("dorpsfeest").len(), 2);
        assert_eq!(split("levensboek"), ["leven", "boek"]);
        // The elderly, not their parents (*ouder* is no part in the vocabulary).
        assert_eq!(split("ouderenvervoer"), ["oudere", "vervoer"]);
    }

    #[test]
    fn splits_inflected_last_part() {
        assert_eq!(split("computerles"), ["computer", "les"]);
        assert_eq!(split("computerlessen"), ["computer", "lessen"]);
        assert_eq!(split("kattenbakken"), ["katten", "bak"]);
        assert_eq!(split("gespreksleiders"), ["gesprek", "leiders"]);
    }

    #[test]
    fn diminutives_yield_their_word() {
        assert_eq!(split("hondje"), ["hond"]);
        assert_eq!(split("kastje"), ["kast"]);
    }

    #[test]
    fn known_head_with_unknown_tail() {
        assert_eq!(split("hondenkapper"), ["honden", "kapper"]);
    }

    #[test]
    fn a_typo_in_the_first_part_is_forgiven() {
        let d = Decompounder::shared();
        for word in ["vrijwiligerswerk", "vrijwilligerswerk"] {
            let (head, tail) = d.split_with_typo(word).unwrap();
            assert!(
                head.starts_with("vrijwilliger") && tail == "werk",
                "{head} {tail}"
            );
        }
        assert_eq!(d.split_with_typo("tafeltennis"), None);
        assert!(within_one_edit("computr", "computer"));
        assert!(within_one_edit("cmoputer", "computer"));
        assert!(!within_one_edit("cmoptuer", "computer"));
    }

    #[test]
    fn leaves_plain_words_and_places_alone() {
        assert!(split("ziekenhuis").is_empty());
        assert!(split("huiswerk").is_empty());
        assert!(split("wandelingen").is_empty());
        assert!(split("bovensmilde").is_empty());
        assert!(split("hond").is_empty());
        assert!(split("geinteresseerd").is_empty());
        // Not a *maat* (buddy) inside, nor a *hond* (dog) or a *maand* (month).
        assert!(split("maatschappelijke").is_empty());
        assert!(split("honderden").is_empty());
        assert!(split("maandagochtend").is_empty());
    }
}
