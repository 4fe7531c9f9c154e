//! The Dutch word knowledge search uses beyond stemming: rules that bring a
//! diminutive (*boodschapjes*) or a past participle (*geverfd*) back to its word,
//! the irregular forms and derivations the rules miss (*gereden → rijden*,
//! *tuinieren → tuin*), a thesaurus of words for the same need (*lift*, *rijden*,
//! *chauffeur* → *vervoer*) and the everyday words that say little on their own
//! (*huis*, *hulp*). The data lives in `data/lexicon.txt`; everything here is
//! keyed by stem, so inflections of a listed word are covered too.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::{Arc, OnceLock};

use thiserror::Error;

/// The built-in lexicon file.
pub(crate) const LEXICON: &str = include_str!("../data/lexicon.txt");

/// A line of the lexicon file that cannot be read.
#[derive(Debug, Error, PartialEq)]
#[error("lexicon line {line}: {message}")]
pub struct LexiconError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// One need of the thesaurus.
#[derive(Debug, Clone, PartialEq)]
pub struct Concept {
    /// Name of the need, e.g. `vervoer`.
    pub label: String,
    /// Category slug whose posts the need pulls up; none for a need that spans the
    /// categories (`[-]` in the file: *zorgcentrum*, *beperking*).
    pub category: Option<String>,
}

/// Forms, thesaurus and weak words, keyed by stem.
#[derive(Debug, Default)]
pub struct Lexicon {
    forms: HashMap<String, String>,
    concepts: Vec<Concept>,
    /// Stem → the needs it belongs to or leads to.
    concepts_of: HashMap<String, Vec<usize>>,
    /// Stem → the needs it belongs to (a post with the word is about the need).
    members_of: HashMap<String, Vec<usize>>,
    weak: HashSet<String>,
    /// Words of a question that say nothing about its topic, as typed (folded):
    /// the query leaves them out. By surface, not stem: *waar* and *war* share one.
    filler: HashSet<String>,
    /// Words that share a stem with a word of a need but are not about it, as
    /// typed (folded): *dame* (*dammen*), *natuurlijk* (*natuur*).
    apart: HashSet<String>,
    /// Phrases of the thesaurus (*op adem komen*), by the stems of their words.
    phrases: Vec<Phrase>,
}

/// A phrase of a need: words that mean the need only together (*naar buiten*,
/// *op adem komen*). A phrase in a query gives the need to one of its words; it
/// does not make a post about the need (the index sees single words).
#[derive(Debug)]
struct Phrase {
    text: String,
    stems: Vec<String>,
    concept: usize,
    lead_only: bool,
}

/// A phrase found in a query: where it stands and what it means.
#[derive(Debug)]
pub struct PhraseMatch<'a> {
    /// Index of the phrase's first word in the words searched
    /// ([`Lexicon::phrases_in`]: stop words included).
    pub start: usize,
    /// Index just past its last word.
    pub end: usize,
    /// The need it names.
    pub concept: &'a Concept,
    /// Whether the phrase only leads to the need (`>` in the file).
    pub lead_only: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum Section {
    None,
    Forms,
    Related,
    Weak,
    Filler,
    Apart,
}

impl Lexicon {
    /// The built-in lexicon, parsed once.
    pub fn shared() -> Arc<Lexicon> {
        static SHARED: OnceLock<Arc<Lexicon>> = OnceLock::new();
        SHARED
            .get_or_init(|| {
                Arc::new(
                    Lexicon::parse(LEXICON, &crate::analyzer::stem)
                        .expect("data/lexicon.txt is checked by a unit test"),
                )
            })
            .clone()
    }

    /// Reads a lexicon file; `stem` turns a word into the term the index holds.
    pub fn parse(text: &str, stem: &dyn Fn(&str) -> String) -> Result<Lexicon, LexiconError> {
        let mut lexicon = Lexicon::default();
        let mut section = Section::None;
        for (i, raw) in text.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or_default().trim();
            if line.is_empty() {
                continue;
            }
            let error = |message: &str| LexiconError {
                line: i + 1,
                message: message.to_owned(),
            };
            section = match line {
                "[forms]" => Section::Forms,
                "[related]" => Section::Related,
                "[weak]" => Section::Weak,
                "[filler]" => Section::Filler,
                "[apart]" => Section::Apart,
                _ => {
                    match section {
                        Section::None => return Err(error("text before the first section")),
                        Section::Forms => lexicon.add_form(line, stem).map_err(error)?,
                        Section::Related => lexicon.add_concept(line, stem).map_err(error)?,
                        Section::Weak => lexicon.weak.extend(words(line).map(stem)),
                        Section::Filler => lexicon.filler.extend(words(line).map(str::to_owned)),
                        Section::Apart => lexicon.apart.extend(words(line).map(str::to_owned)),
                    }
                    section
                }
            };
        }
        Ok(lexicon)
    }

    fn add_form(&mut self, line: &str, stem: &dyn Fn(&str) -> String) -> Result<(), &'static str> {
        let (form, base) = line.split_once('=').ok_or("expected 'form = base'")?;
        let (form, base) = (form.trim(), base.trim());
        if !is_word(form) || !is_word(base) {
            return Err("a form and its base are single lower-case words");
        }
        let (form, base) = (stem(form), stem(base));
        if form != base {
            self.forms.insert(form, base);
        }
        Ok(())
    }

    fn add_concept(
        &mut self,
        line: &str,
        stem: &dyn Fn(&str) -> String,
    ) -> Result<(), &'static str> {
        let (head, list) = line
            .split_once(':')
            .ok_or("expected 'label [category]: words'")?;
        let (label, category) = head
            .trim()
            .strip_suffix(']')
            .and_then(|h| h.split_once('['))
            .ok_or("expected 'label [category]'")?;
        let (label, category) = (label.trim(), category.trim());
        if !is_word(label)
            || category.is_empty()
            || !category
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'-')
        {
            return Err("a label is one lower-case word and a category a slug");
        }
        let index = self.concepts.len();
        for word in words(list) {
            let (lead_only, word) = match word.strip_prefix('>') {
                Some(w) => (true, w),
                None => (false, word),
            };
            if word.contains(' ') {
                let stems: Vec<String> = word.split_whitespace().map(stem).collect();
                if stems.len() < 2 || !word.split_whitespace().all(is_word) {
                    return Err("a phrase is two or more lower-case words");
                }
                self.phrases.push(Phrase {
                    text: word.to_owned(),
                    stems,
                    concept: index,
                    lead_only,
                });
                continue;
            }
            if !is_word(word) {
                return Err("thesaurus entries are lower-case words or phrases");
            }
            let s = stem(word);
            if !lead_only {
                add_index(self.members_of.entry(s.clone()).or_default(), index);
            }
            add_index(self.concepts_of.entry(s).or_default(), index);
        }
        self.concepts.push(Concept {
            label: label.to_owned(),
            category: (category != "-").then(|| category.to_owned()),
        });
        Ok(())
    }

    /// The base stem of `stem` when the forms list names one.
    pub fn base_of(&self, stem: &str) -> Option<&str> {
        self.forms.get(stem).map(String::as_str)
    }

    /// The needs `stem` belongs to or leads to.
    pub fn concepts(&self, stem: &str) -> impl Iterator<Item = &Concept> {
        self.listed(&self.concepts_of, stem)
    }

    /// Labels of the needs `stem` is a word of: a post with the word is about them.
    pub fn member_of(&self, stem: &str) -> impl Iterator<Item = &str> {
        self.member_concepts(stem).map(|c| c.label.as_str())
    }

    /// The needs `stem` is a word of.
    pub fn member_concepts(&self, stem: &str) -> impl Iterator<Item = &Concept> {
        self.listed(&self.members_of, stem)
    }

    /// The needs `index` lists for `stem`.
    fn listed<'a>(
        &'a self,
        index: &'a HashMap<String, Vec<usize>>,
        stem: &str,
    ) -> impl Iterator<Item = &'a Concept> {
        index
            .get(stem)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.concepts.get(i))
    }

    /// Whether `stem` is an everyday word that says little on its own.
    pub fn is_weak(&self, stem: &str) -> bool {
        self.weak.contains(stem)
    }

    /// Whether `surface` (folded, as typed) says nothing about a question's topic.
    pub fn is_filler(&self, surface: &str) -> bool {
        self.filler.contains(surface)
    }

    /// Whether `surface` (folded, as typed) is no word of the needs its stem is.
    pub fn is_apart(&self, surface: &str) -> bool {
        self.apart.contains(surface)
    }

    /// The phrases of the thesaurus in `stems` (a query's words, stop words
    /// included, each stemmed), in the order they occur.
    pub fn phrases_in(&self, stems: &[String]) -> Vec<PhraseMatch<'_>> {
        let mut out = Vec::new();
        for p in &self.phrases {
            for (start, window) in stems.windows(p.stems.len()).enumerate() {
                if window == p.stems.as_slice() {
                    out.push(PhraseMatch {
                        start,
                        end: start + p.stems.len(),
                        concept: &self.concepts[p.concept],
                        lead_only: p.lead_only,
                    });
                }
            }
        }
        out.sort_by_key(|m| m.start);
        out
    }

    /// The phrases of the thesaurus as written.
    pub fn phrases(&self) -> impl Iterator<Item = &str> {
        self.phrases.iter().map(|p| p.text.as_str())
    }

    /// The needs of the thesaurus, in the order of the file.
    pub fn all_concepts(&self) -> &[Concept] {
        &self.concepts
    }
}

/// Adds `concept` to a stem's list of needs, once.
fn add_index(list: &mut Vec<usize>, concept: usize) {
    if !list.contains(&concept) {
        list.push(concept);
    }
}

fn words(list: &str) -> impl Iterator<Item = &str> {
    list.split(',').map(str::trim).filter(|w| !w.is_empty())
}

fn is_word(w: &str) -> bool {
    !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase())
}

/// Surface words that mean the same as `word` by rule: the word a diminutive is
/// made from and the verb of a past participle. `word` is lower-case and folded.
pub fn rule_bases(word: &str) -> Vec<String> {
    let mut out = diminutive_bases(word);
    if let Some(base) = participle_base(word) {
        out.push(base);
    }
    out
}

/// *boodschapjes* → *boodschap*, *praatje* → *praat*, *tuintje* → *tuin*,
/// *balletje* → *bal*, *wandelingetje* → *wandeling*, *boompje* → *boom*,
/// *autootje* → *auto*. A doubled vowel before *-tje* leaves two readings
/// (*praat-je*, *auto-otje*): both are returned.
pub fn diminutive_bases(word: &str) -> Vec<String> {
    if !word.is_ascii() || word.len() < 5 || NOT_DIMINUTIVE.contains(&word) {
        return Vec::new();
    }
    let word = word.strip_suffix('s').unwrap_or(word);
    let b = word.as_bytes();
    let base = if let Some(stem) = word.strip_suffix("etje") {
        // -etje follows a short vowel with a doubled consonant, or -ng.
        let s = stem.as_bytes();
        if stem.ends_with("ng") {
            vec![stem.to_owned()]
        } else if s.len() >= 2 && s[s.len() - 1] == s[s.len() - 2] {
            vec![stem[..stem.len() - 1].to_owned()]
        } else {
            return Vec::new();
        }
    } else if let Some(stem) = word.strip_suffix("pje").filter(|s| s.ends_with('m')) {
        vec![stem.to_owned()]
    } else if let Some(stem) = word.strip_suffix("tje") {
        let s = stem.as_bytes();
        let last = s.last().copied().unwrap_or(b'a');
        if s.len() >= 3 && last == s[s.len() - 2] && is_vowel(last) {
            // praat-je, or a vowel doubled for the diminutive: auto-otje.
            vec![format!("{stem}t"), stem[..stem.len() - 1].to_owned()]
        } else if is_vowel(last) || b"lnrw".contains(&last) {
            vec![stem.to_owned()]
        } else {
            vec![format!("{stem}t")]
        }
    } else if b.ends_with(b"je") {
        let stem = &word[..word.len() - 2];
        match open_syllable(stem) {
            // blaad-je from blad: the vowel is written double in the open syllable.
            Some(short) => vec![stem.to_owned(), short],
            None => vec![stem.to_owned()],
        }
    } else {
        return Vec::new();
    };
    base.into_iter()
        .filter(|b| b.len() >= 3 && b.bytes().any(is_vowel))
        .collect()
}

/// `blaad` → `blad`: a doubled vowel before one final consonant, undoubled (the
/// diminutive writes the vowel of *blad*, *pad*, *glas* double).
fn open_syllable(stem: &str) -> Option<String> {
    let s = stem.as_bytes();
    let n = s.len();
    (n >= 4 && s[n - 2] == s[n - 3] && is_vowel(s[n - 2]) && !is_vowel(s[n - 1]))
        .then(|| format!("{}{}", &stem[..n - 2], &stem[n - 1..]))
}

/// Words ending like a diminutive that are not one.
const NOT_DIMINUTIVE: &[&str] = &["bitje", "meisje", "meisjes", "wisje", "pastje"];

/// Separable prefixes of verbs, written before *ge-* in the participle
/// (*op-ge-haald*, *uit-ge-laten*).
const SEPARABLE: &[&str] = &[
    "", "op", "uit", "af", "aan", "in", "mee", "terug", "voor", "na", "schoon", "weg", "over",
    "bij", "door", "om", "rond",
];

/// *geverfd* → *verf*, *gerepareerd* → *repareer*, *opgehaald* → *ophaal*: a
/// weak past participle, `[prefix] ge <stem> d|t`.
pub fn participle_base(word: &str) -> Option<String> {
    if !word.is_ascii() || word.len() < 6 || NOT_PARTICIPLE.contains(&word) {
        return None;
    }
    let body = word.strip_suffix(['d', 't'])?;
    SEPARABLE.iter().find_map(|prefix| {
        let stem = body.strip_prefix(prefix)?.strip_prefix("ge")?;
        (stem.len() >= 3 && stem.bytes().any(is_vowel)).then(|| format!("{prefix}{stem}"))
    })
}

/// Words shaped like a participle that are not one (or whose "verb" misleads).
const NOT_PARTICIPLE: &[&str] = &[
    "gebied", "gezond", "gewicht", "gezicht", "gedicht", "geduld", "gebed", "gerecht", "gemeint",
    "gezet", "gesprekt", "genot", "geheimt", "gezin",
];

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyzer::stem;

    #[test]
    fn the_built_in_lexicon_parses() {
        let l = Lexicon::parse(LEXICON, &stem).unwrap();
        assert!(l.all_concepts().len() >= 20);
        assert!(l.is_weak(&stem("huis")) && l.is_weak(&stem("hulp")));
        assert_eq!(l.base_of(&stem("gereden")), Some(stem("rijden").as_str()));
        // Present forms in -t and past forms the stemmer keeps apart.
        for (form, verb) in [("bezoekt", "bezoeken"), ("wandelde", "wandelen")] {
            assert_ne!(stem(form), stem(verb));
            assert_eq!(l.base_of(&stem(form)), Some(stem(verb).as_str()), "{form}");
        }
        assert!(l.is_filler("waar") && !l.is_filler("war"));
        assert!(l.is_apart("natuurlijk"));
    }

    #[test]
    fn bad_lines_are_named() {
        let e = Lexicon::parse("[forms]\nfoo bar\n", &stem).unwrap_err();
        assert_eq!(e.line, 2);
        assert!(Lexicon::parse("foo = bar", &stem).is_err());
        assert!(Lexicon::parse("[related]\nx: a, b", &stem).is_err());
        assert!(Lexicon::parse("[related]\nTwo Words [x]: a, b", &stem).is_err());
    }

    #[test]
    fn a_need_across_the_categories_pulls_none() {
        let l =
            Lexicon::parse("[related]\nzorgcentrum [-]: verpleeghuis, tehuis\n", &stem).unwrap();
        let c: Vec<_> = l.concepts(&stem("tehuis")).collect();
        assert_eq!(
            (c[0].label.as_str(), c[0].category.as_deref()),
            ("zorgcentrum", None)
        );
        assert!(Lexicon::parse("[related]\nzorgcentrum []: tehuis\n", &stem).is_err());
    }

    #[test]
    fn ouderen_and_village_names_lead_to_no_need() {
        let l = Lexicon::shared();
        // A lead *ouders* once sent every question about the elderly to the need
        // for children, when *ouderen* and *ouders* shared a stem (they no longer
        // do: see `analyzer::OWN_STEMS`); neither leads to a need.
        assert_eq!(l.concepts(&stem("ouderen")).count(), 0);
        assert_eq!(l.concepts(&stem("ouders")).count(), 0);
        // A place says where, not what: *Westerbork* once led to guided tours.
        let places = include_str!("../../api/data/places.csv");
        let names = places
            .lines()
            .filter(|l| !l.starts_with('#'))
            .skip(1)
            .filter_map(|l| l.split(',').nth(1));
        for name in names {
            let name = name.to_lowercase();
            assert_eq!(l.concepts(&stem(&name)).count(), 0, "{name}");
        }
    }

    #[test]
    fn phrases_are_found_by_the_stems_of_their_words() {
        let l = Lexicon::parse(
            "[related]\nrespijtzorg [respijtzorg]: respijt, op adem komen, >even weg\n",
            &stem,
        )
        .unwrap();
        let stems = |text: &str| text.split(' ').map(stem).collect::<Vec<_>>();
        let found = l.phrases_in(&stems("ze wil op adem komen en even weg"));
        let spans: Vec<_> = found
            .iter()
            .map(|m| (m.start, m.end, m.lead_only))
            .collect();
        assert_eq!(spans, [(2, 5, false), (6, 8, true)]);
        assert_eq!(found[0].concept.label, "respijtzorg");
        assert!(l.phrases_in(&stems("op adem")).is_empty());
        // A phrase makes no post about the need: the index sees single words.
        assert_eq!(l.member_of(&stem("adem")).count(), 0);
        assert!(Lexicon::parse("[related]\nx [y]: Op Adem\n", &stem).is_err());
    }

    #[test]
    fn lead_only_words_lead_but_are_not_searched() {
        let l = Lexicon::parse(
            "[related]\ngezelschap [bezoekwerk]: eenzaam, >alleen\n",
            &stem,
        )
        .unwrap();
        let c: Vec<_> = l.concepts(&stem("alleen")).collect();
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].category.as_deref(), Some("bezoekwerk"));
        assert_eq!(
            l.member_of(&stem("eenzaam")).collect::<Vec<_>>(),
            ["gezelschap"]
        );
        assert_eq!(
            l.member_of(&stem("alleen")).count(),
            0,
            "a lead-only word makes no post about the need"
        );
    }

    #[test]
    fn diminutives_come_back_to_their_word() {
        for (dim, base) in [
            ("boodschapjes", "boodschap"),
            ("boodschapje", "boodschap"),
            ("klusjes", "klus"),
            ("praatje", "praat"),
            ("hondje", "hond"),
            ("tuintje", "tuin"),
            ("balletje", "bal"),
            ("wandelingetje", "wandeling"),
            ("boompje", "boom"),
            ("autootje", "auto"),
            ("kopje", "kop"),
            ("blaadjes", "blad"),
        ] {
            let bases = diminutive_bases(dim);
            assert!(bases.iter().any(|b| b == base), "{dim}: {bases:?}");
        }
        for plain in ["hond", "wandelen", "meisje", "je", "bij"] {
            assert!(diminutive_bases(plain).is_empty(), "{plain}");
        }
    }

    #[test]
    fn participles_come_back_to_their_verb() {
        for (p, base) in [
            ("geverfd", "verf"),
            ("gerepareerd", "repareer"),
            ("gesnoeid", "snoei"),
            ("gemaaid", "maai"),
            ("geschilderd", "schilder"),
            ("opgehaald", "ophaal"),
            ("gewandeld", "wandel"),
        ] {
            assert_eq!(participle_base(p).as_deref(), Some(base), "{p}");
        }
        for plain in ["gezond", "gebied", "geld", "goed", "gezellig", "gesprek"] {
            assert_eq!(participle_base(plain), None, "{plain}");
        }
    }
}
