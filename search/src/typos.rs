//! Index terms within a typo distance of a word. They are found with a Levenshtein
//! automaton over the fields' term dictionaries, as tantivy's fuzzy query finds them,
//! once per query word: the query then matches them as a set, and a snippet can mark
//! a typo match (*computr* → *computer*) without analysing every shown text a second
//! time, which took a fifth of a search's CPU.

use std::sync::OnceLock;

use levenshtein_automata::{Distance, LevenshteinAutomatonBuilder, DFA, SINK_STATE};
use tantivy::schema::Field;
use tantivy::Searcher;
use tantivy_fst::Automaton;

use crate::analyzer::{CONCEPT_MARK, PART_MARK};
use crate::error::SearchError;

/// The largest distance the search tolerates (see `analyzer::typo_distance`).
const MAX_DISTANCE: u8 = 2;

/// A Levenshtein DFA as an automaton over the term dictionary.
struct Dfa(DFA);

impl Automaton for Dfa {
    type State = u32;

    fn start(&self) -> u32 {
        self.0.initial_state()
    }

    fn is_match(&self, state: &u32) -> bool {
        matches!(self.0.distance(*state), Distance::Exact(_))
    }

    fn can_match(&self, state: &u32) -> bool {
        *state != SINK_STATE
    }

    fn accept(&self, state: &u32, byte: u8) -> u32 {
        self.0.transition(*state, byte)
    }
}

/// The automaton builder for a distance, made once (making one is the costly part).
/// A transposition counts as one edit, as in the search's fuzzy queries.
fn builder(distance: u8) -> &'static LevenshteinAutomatonBuilder {
    static BUILDERS: [OnceLock<LevenshteinAutomatonBuilder>; 3] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let distance = distance.min(MAX_DISTANCE);
    BUILDERS[usize::from(distance)].get_or_init(|| LevenshteinAutomatonBuilder::new(distance, true))
}

/// For each of `fields`, its terms in any segment within `distance` edits of `word`,
/// sorted and each once. The automaton is built once for all fields: tantivy's fuzzy
/// query built one per field and segment, a sixth of an uncached search's CPU.
pub fn close_terms(
    searcher: &Searcher,
    fields: &[Field],
    word: &str,
    distance: u8,
) -> Result<Vec<Vec<String>>, SearchError> {
    let automaton = Dfa(builder(distance).build_dfa(word));
    let mut found = Vec::with_capacity(fields.len());
    for &field in fields {
        let mut terms = Vec::new();
        for segment in searcher.segment_readers() {
            let index = segment.inverted_index(field)?;
            let mut stream = index
                .terms()
                .search(&automaton)
                .into_stream()
                .map_err(tantivy::TantivyError::from)?;
            while stream.advance() {
                let Ok(term) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                // A marked term (a compound part, a need) is one edit from its word:
                // it is no typo of it.
                if !term.starts_with([PART_MARK, CONCEPT_MARK]) {
                    terms.push(term.to_owned());
                }
            }
        }
        terms.sort_unstable();
        terms.dedup();
        found.push(terms);
    }
    Ok(found)
}
