//! Searching: the query a caller asks ([`SearchQuery`]), its translation into a
//! tantivy query (BM25 over the Dutch fields with field boosts, compound parts and
//! typo alternatives, filters), the collector that filters by exact distance and
//! counts facets over the whole result set, and hits with highlighted snippets.
//!
//! A text query goes through these steps ([`SearchIndex::search`]):
//! 1. [`crate::intent::read`]: the side the wording names, and the words that only
//!    name it;
//! 2. `text_of`: the other words, analysed, with what the index knows of each
//!    (common or rare, typo alternatives, places asked to be near);
//! 3. `build_query`: per word its literal forms and, weaker, its need; pair and
//!    proximity bonuses; the filters;
//! 4. the collector: exact distance, facet counts, and each post's relevance times
//!    its preference (the kind sought, a helper's village, a helper's times);
//! 5. merging the segments: identical posts shown once, feedback from the best
//!    results, and the two sides mixed when nobody said which is sought;
//! 6. hits with snippets.

use std::cmp::{Ordering, Reverse};
use std::collections::{BTreeMap, BinaryHeap, HashMap};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tantivy::collector::{Collector, SegmentCollector, TopDocs};
use tantivy::columnar::{Column, StrColumn};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, TermQuery,
    TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Term, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader, TantivyDocument};
use uuid::Uuid;

use crate::analyzer::{self, concept_term, fuzzy_distance, part_term, CompoundStrategy, QueryWord};
use crate::cache::ResultCache;
use crate::columns::{SegmentColumns, WithinBox};
use crate::error::SearchError;
use crate::index::SearchIndex;
use crate::intent;
use crate::schema::{names, Frequency, PostKind};
use crate::typos;
use crate::when::{self, Fit, Slots};

/// Weight of a match in the title, relative to the description. BM25 already
/// favours a match in a short title; 2.5 let one title word beat a post about the
/// whole question (tuning part of the independent set: 0.741 at 2.5, 0.767 at 1.2).
/// 0.8 since 2026-12-06 (later session), chosen with [`IN_COMPOUND_WEIGHT`] after
/// typo alternatives stopped matching marked terms: development parts 0.817 →
/// 0.825 and 0.743 → 0.755, tuning part 0.805 → 0.807, fixture unchanged.
pub const TITLE_BOOST: f32 = 0.8;
/// Weight of a match in the description.
pub const DESCRIPTION_BOOST: f32 = 1.0;
/// Weight of a match in the category and talent names.
pub const KEYWORDS_BOOST: f32 = 1.5;
/// Weight of a match in the place name.
pub const PLACE_BOOST: f32 = 1.5;
/// Weight of a match in the schedule summary.
pub const SCHEDULE_BOOST: f32 = 0.5;
/// Factor for the query word found inside a compound of the post (*hond* in
/// *hondenoppas*): as much as the word itself (0.8 until 2026-12-06, later
/// session; see [`TITLE_BOOST`]).
pub const IN_COMPOUND_WEIGHT: f32 = 1.0;
/// Factor for a word the query word means as well (*boodschap* for *boodschapjes*).
pub const VARIANT_WEIGHT: f32 = 0.9;
/// Factor for a compound part of a query word (*computer* of *computerles*).
/// (0.6 until 2026-12-06; 0.8 chosen with the two below by a search over all
/// weights on the tuning part of the judged set, keeping those that did not cost
/// the fixture or demo sets.)
pub const PART_WEIGHT: f32 = 0.8;
/// Factor for an everyday word (*huis*, *hulp*).
pub const WEAK_WEIGHT: f32 = 0.4;
/// Factor for a word of the same need (the need's term, [`concept_term`]).
pub const RELATED_WEIGHT: f32 = 0.5;
/// Factor on [`RELATED_WEIGHT`] for a need the query word only leads to.
pub const LEAD_FACTOR: f32 = 0.5;
/// A question of this many words or more (stop words and the words that only name
/// the side aside) is written in the searcher's own words: its needs count
/// [`LONG_RELATED_WEIGHT`] instead of [`RELATED_WEIGHT`].
pub const LONG_QUESTION: usize = 4;
/// Weight of a need's other words in a long question: as much as the literal word.
/// (Development part of the judged set 0.793 → 0.805, tuning part 0.808 → 0.807,
/// fixture and demo sets unchanged; from two words on it cost the fixture set 0.008.)
pub const LONG_RELATED_WEIGHT: f32 = 1.0;
/// Factor for the category a query word names (through its category's name).
pub const CATEGORY_WEIGHT: f32 = 0.5;
/// Factor for a post that has two words of the query (added to their scores).
pub const PAIR_WEIGHT: f32 = 1.0;
/// Factor for two neighbouring query words close together in the post.
pub const NEAR_WEIGHT: f32 = 0.5;
/// Words apart that still count as close together.
pub const NEAR_SLOP: u32 = 3;
/// Query words that take part in the pair and proximity bonuses.
pub const MAX_PAIRED_WORDS: usize = 4;
/// Factor for a typo alternative (a constant score of 1, below a real match).
pub const FUZZY_WEIGHT: f32 = 1.0;
/// Factor for an n-gram match ([`CompoundStrategy::Ngram`] only).
pub const GRAM_WEIGHT: f32 = 0.3;
/// Largest page size accepted.
pub const MAX_LIMIT: usize = 100;
/// Largest offset accepted.
pub const MAX_OFFSET: usize = 10_000;
/// Largest radius accepted, in km.
pub const MAX_RADIUS_KM: f64 = 500.0;
/// Characters in a snippet, at most.
pub const SNIPPET_CHARS: usize = 180;
/// Mean earth radius used for distances, in km.
const EARTH_RADIUS_KM: f64 = 6371.0088;

/// A distance filter: posts within `within_km` of a point.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Near {
    /// Latitude of the point, degrees.
    pub lat: f64,
    /// Longitude of the point, degrees.
    pub lon: f64,
    /// Radius in km.
    pub within_km: f64,
}

/// What a user asks for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchQuery {
    /// Free text; empty means every post matching the filters, newest first.
    pub text: String,
    /// Only this kind of post.
    pub kind: Option<PostKind>,
    /// Only this category slug.
    pub category: Option<String>,
    /// Only this place slug.
    pub place: Option<String>,
    /// Only posts within a distance of a point.
    pub near: Option<Near>,
    /// Only these posts (e.g. the ones published since a saved search last looked).
    pub only: Option<Vec<Uuid>>,
    /// Only posts wanted or offered this often (every week, once, by arrangement).
    #[serde(default)]
    pub frequency: Option<Frequency>,
    /// Kinds the searcher is after (a resident: offers), which count
    /// [`PREFER_BOOST`] times as much at equal relevance; empty: the kinds the
    /// wording of the text asks for ([`crate::intent::read`]), if any.
    #[serde(default)]
    pub prefer: Vec<PostKind>,
    /// Page size (at most [`MAX_LIMIT`]).
    pub limit: usize,
    /// Hits to skip (at most [`MAX_OFFSET`]).
    pub offset: usize,
}

impl Default for SearchQuery {
    fn default() -> Self {
        SearchQuery {
            text: String::new(),
            kind: None,
            category: None,
            place: None,
            near: None,
            only: None,
            frequency: None,
            prefer: Vec::new(),
            limit: 20,
            offset: 0,
        }
    }
}

impl SearchQuery {
    /// A query for `text` with no filters and the default page.
    pub fn text(text: impl Into<String>) -> Self {
        SearchQuery {
            text: text.into(),
            ..Default::default()
        }
    }
}

/// One found post.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    /// Post id.
    pub id: Uuid,
    /// Kind of post.
    pub kind: PostKind,
    /// Title, plain text (not escaped).
    pub title: String,
    /// HTML fragment of the description: text escaped, matched words in `<b>…</b>`.
    pub snippet: String,
    /// Category slug.
    pub category: String,
    /// Place slug.
    pub place: String,
    /// Place name.
    pub place_name: String,
    /// When help is needed, in Dutch words (as indexed).
    pub schedule: String,
    /// Distance from the query's point, when it had one.
    pub distance_km: Option<f64>,
    /// Relevance score (0 for queries without text).
    pub score: f32,
    /// When the post was created.
    pub created_at: DateTime<Utc>,
}

/// A facet value and how many results have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetCount {
    /// The slug.
    pub value: String,
    /// Number of results with it.
    pub count: usize,
}

/// Counts per kind, category and place over all results (not just the page). The
/// counts per kind leave out the query's own kind (`SearchQuery::kind`), those per
/// category its own category (`SearchQuery::category`), so that a person who chose
/// one still sees how many of the others there are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facets {
    /// Per kind (`request`, `offer`, `vacancy`), most frequent first.
    pub kinds: Vec<FacetCount>,
    /// Per category slug, most frequent first.
    pub categories: Vec<FacetCount>,
    /// Per place slug, most frequent first.
    pub places: Vec<FacetCount>,
}

/// A query word found literally in this many posts or more is common: the posts
/// that have only another word of its need, or only a word one typo away, would
/// not reach the first pages anyway, so they are not looked for (the need's words
/// still lift the literal matches). This keeps search fast on a large index.
pub const EXPAND_BELOW: u64 = 100;

/// Factor on the score of a post of a kind the searcher is after
/// ([`SearchQuery::prefer`]). 1.5 until 2026-12-06.
pub const PREFER_BOOST: f32 = 2.0;

/// Factor on the score of a post of a kind the wording of the question names
/// ([`crate::intent::read`]). Stronger than a role's preference: the wording says
/// what this question is after, a role only what its holder usually wants. 2.0
/// until 2026-12-06 (evening): 2.5 scored better on the development part of the
/// judged set (0.790 → 0.793) and equal on the tuning part; 1.5 scored lower.
pub const INTENT_BOOST: f32 = 2.5;

/// Factor on the score of a post in a village a helper's question names (*ik woon
/// in Westerbork en wil helpen*): a volunteer helps near home. Only for a helper
/// (the wording or role prefers requests): for everyone, a named place lifted posts
/// that share only the village (tuning part: two questions gained, three lost).
/// Second development part 0.767 → 0.771, check part 0.731 → 0.735.
pub const PLACE_FACTOR: f32 = 1.5;

/// How far from a named place a post still counts as in it when the question asks
/// for *dichtbij* or *in de buurt* (by bike: the next village in Midden-Drenthe is
/// 2–4 km away).
pub const NEARBY_KM: f64 = 5.0;

/// Factor on the score of a post whose schedule fits the time a helper's question
/// names (*heb alleen in het weekend tijd* and *zaterdagochtend*; see [`when`]). Only
/// for a helper, who says when they are free: a resident's *een middag voor
/// mezelf* is an amount of time, not a time (development parts −0.03 to −0.06 on
/// such questions when it counted for everyone).
pub const WHEN_FITS: f32 = 1.3;
/// Factor on the score of a post whose schedule names only other times than a
/// helper's question (*doordeweeks, overdag* for *alleen in het weekend*).
pub const WHEN_CLASHES: f32 = 0.7;

/// Feedback from the best results (pseudo-relevance feedback): the talents and the
/// category that most of the best [`FEEDBACK_POSTS`] share say what the question is
/// about, also when the words of other posts about it differ (*gezelschap* finds
/// posts with the talent *gezelschap* that speak of *bezoek* and *een kop koffie*).
/// The posts among the first [`FEEDBACK_DEPTH`] that have such a talent or category
/// move up; the set of results does not change. Tuning part of the independent
/// set: nDCG@10 0.771 → 0.786, recall@10 0.810 → 0.847 (as the writer's role:
/// 0.838 → 0.862, 0.837 → 0.864); it costs about 0.2 ms per search at 100,000 posts.
pub const FEEDBACK_POSTS: usize = 5;
/// Share of the score of the best posts a talent or category needs to count.
pub const FEEDBACK_SHARE: f32 = 0.3;
/// Bonus for a post with a talent of the question, per unit of the talent's share,
/// relative to the best score. 0.3 until 2026-12-06.
pub const TALENT_FEEDBACK: f32 = 0.15;
/// Bonus for a post in a category of the question, as [`TALENT_FEEDBACK`]. 0.1
/// until 2026-12-06 (evening).
pub const CATEGORY_FEEDBACK: f32 = 0.15;
/// Candidates re-ranked by the feedback: the first pages. (200 scored the same on
/// every relevance set and cost 0.2 ms more per search at 100,000 posts.)
pub const FEEDBACK_DEPTH: usize = 50;
/// Without a preferred kind, each result of a side (offers; requests and vacancies)
/// ranked above a candidate of that side multiplies its score by this
/// ([`mix_sides`]). 0.95 per kind until 2026-12-06; per side, 0.92 to 0.85 all
/// scored higher on the tuning, development and check parts (0.95 lost 0.001 on
/// the development part), 0.9 best.
pub const MIX_DECAY: f32 = 0.9;

/// Extra candidates kept beyond the page, so that identical posts can be shown
/// once without shortening the page.
const DUPLICATE_SLACK: usize = 10;

/// A page of results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// Number of posts matching the query and filters (a duplicate that was folded
    /// into an identical post on the first pages is not counted).
    pub total: usize,
    /// The requested page.
    pub hits: Vec<SearchHit>,
    /// Facet counts over all `total` results.
    pub facets: Facets,
    /// The kinds ranked higher, and why; none without text or preference.
    #[serde(default)]
    pub preference: Option<Preference>,
    /// The places (slugs) the question's words name, such as *smilde* in *tuinieren
    /// in Smilde*: a page can offer to search only there. The words still count as
    /// words, so posts there rank higher without hiding the rest.
    #[serde(default)]
    pub places_named: Vec<String>,
    /// The question has words, but none that say what it is about (*de*, *ik wil*,
    /// *???*): every post is listed, newest first, and a page can say why.
    #[serde(default)]
    pub without_topic: bool,
}

/// Kinds of post ranked higher at equal relevance (so a page can say why).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Preference {
    /// The kinds, in the order of [`SearchQuery::prefer`] or of the wording.
    pub kinds: Vec<PostKind>,
    /// Named by the wording of the question ([`crate::intent`]), not by a role.
    pub from_wording: bool,
}

/// Great-circle distance between two points, in km.
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * a.sqrt().min(1.0).asin()
}

impl SearchQuery {
    fn validate(&self) -> Result<(), SearchError> {
        if self.limit > MAX_LIMIT {
            return Err(SearchError::InvalidQuery(format!(
                "limit above {MAX_LIMIT}"
            )));
        }
        if self.offset > MAX_OFFSET {
            return Err(SearchError::InvalidQuery(format!(
                "offset above {MAX_OFFSET}"
            )));
        }
        if let Some(n) = self.near {
            let ok = n.lat.is_finite()
                && n.lon.is_finite()
                && (-90.0..=90.0).contains(&n.lat)
                && (-180.0..=180.0).contains(&n.lon)
                && n.within_km.is_finite()
                && n.within_km >= 0.0
                && n.within_km <= MAX_RADIUS_KM;
            if !ok {
                return Err(SearchError::InvalidQuery(
                    "near: point or radius out of range".into(),
                ));
            }
        }
        Ok(())
    }
}

/// The analysed text part of a query.
struct TextQuery {
    words: Vec<QueryWord>,
    /// Per word: found literally in [`EXPAND_BELOW`] posts or more.
    common: Vec<bool>,
    /// Per word: the indexed terms within its typo distance, by text field (empty
    /// for a word without a distance).
    close: Vec<HashMap<Field, Vec<String>>>,
    /// The places a question asking for *dichtbij* names ([`NEARBY_KM`]).
    around: Vec<Around>,
}

/// A place a question asks to be near: where it lies, and the score of a post
/// there (as if its place had been named).
#[derive(Debug, Clone, Copy)]
struct Around {
    lat: f64,
    lon: f64,
    score: Score,
}

impl SearchIndex {
    /// Runs a query: relevance-ranked for text, newest first without text.
    pub fn search(&self, q: &SearchQuery) -> Result<SearchResults, SearchError> {
        q.validate()?;
        let searcher = self.reader.searcher();
        // Answered from memory when asked before in this state of the index.
        let generation = searcher.generation().generation_id();
        let key = ResultCache::key(q);
        if let Some(kept) = key.as_deref().and_then(|k| self.cache.get(k, generation)) {
            return Ok(kept);
        }
        let results = self.search_in(&searcher, q)?;
        if let Some(key) = key {
            self.cache.put(key, generation, &results);
        }
        Ok(results)
    }

    fn search_in(
        &self,
        searcher: &Searcher,
        q: &SearchQuery,
    ) -> Result<SearchResults, SearchError> {
        let wording = intent::read(&q.text);
        let text = self.text_of(searcher, q, &wording)?;
        let query = self.build_query(q, text.as_ref());
        // Without a role's preference, the wording may name the side it looks for.
        let from_wording = q.prefer.is_empty();
        let (prefer, prefer_boost) = if from_wording {
            (wording.kinds, INTENT_BOOST)
        } else {
            (q.prefer.clone(), PREFER_BOOST)
        };
        // Only a ranking by relevance is changed by the preference.
        let preference = (text.is_some() && !prefer.is_empty()).then(|| Preference {
            kinds: prefer.clone(),
            from_wording,
        });
        let helper = prefer.contains(&PostKind::Request);
        let places_named = match &text {
            Some(text) => self.named_places(searcher, &text.words)?,
            None => Vec::new(),
        };
        let collector = PostCollector {
            columns: self.columns.for_searcher(searcher)?,
            area: q.near.map(Area::new),
            by_score: text.is_some(),
            keep: q.offset + q.limit,
            kind: q.kind,
            category: q.category.as_deref(),
            frequency: q.frequency,
            prefer: &prefer,
            prefer_boost,
            places: if helper { &places_named } else { &[] },
            around: text.as_ref().map_or_else(Vec::new, |t| {
                t.around
                    .iter()
                    .map(|a| {
                        Area::new(Near {
                            lat: a.lat,
                            lon: a.lon,
                            within_km: NEARBY_KM,
                        })
                    })
                    .collect()
            }),
            asked: if helper {
                when::read(&q.text)
            } else {
                Slots::OPEN
            },
        };
        let fruit = searcher.search(query.as_ref(), &collector)?;
        let snippets = self.snippet_maker(searcher, text.as_ref())?;
        let mut hits = Vec::new();
        for c in fruit.top.iter().skip(q.offset).take(q.limit) {
            let doc: TantivyDocument = searcher.doc(c.addr)?;
            hits.push(self.hit(&doc, c, &snippets)?);
        }
        Ok(SearchResults {
            total: fruit.total,
            hits,
            facets: Facets {
                kinds: sorted_counts(fruit.kinds),
                categories: sorted_counts(fruit.categories),
                places: sorted_counts(fruit.places),
            },
            preference,
            places_named,
            without_topic: text.is_none() && !q.text.trim().is_empty(),
        })
    }

    /// The words of `q`'s text that say what it is about (the words that only name
    /// its side left out), with what the index knows of each; none for a query
    /// without such words.
    fn text_of(
        &self,
        searcher: &Searcher,
        q: &SearchQuery,
        wording: &intent::Wording,
    ) -> Result<Option<TextQuery>, SearchError> {
        let (words, common): (Vec<QueryWord>, Vec<bool>) =
            without_side_words(analyzer::analyze_query(&q.text, self.strategy), wording)
                .into_iter()
                .map(|w| self.known_word(searcher, w))
                .collect::<Result<Vec<_>, _>>()?
                .into_iter()
                .unzip();
        if words.is_empty() {
            return Ok(None);
        }
        let close = words
            .iter()
            .zip(&common)
            .map(|(w, &common)| self.close_terms(searcher, w, common))
            .collect::<Result<Vec<_>, _>>()?;
        let around = if wording.nearby {
            self.around(searcher, &words)?
        } else {
            Vec::new()
        };
        Ok(Some(TextQuery {
            words,
            common,
            close,
            around,
        }))
    }

    fn build_query(&self, q: &SearchQuery, text: Option<&TextQuery>) -> Box<dyn Query> {
        let f = &self.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if let Some(text) = text {
            clauses.push((Occur::Must, self.text_query(text)));
        }
        let mut filter = |field: Field, value: &str| {
            let t = TermQuery::new(
                Term::from_field_text(field, value),
                IndexRecordOption::Basic,
            );
            clauses.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(Box::new(t), 0.0)),
            ));
        };
        // The kind and category are filtered by the collector, which counts every
        // kind and every category first.
        if let Some(p) = &q.place {
            filter(f.place, p);
        }
        if let Some(ids) = &q.only {
            let terms = ids
                .iter()
                .map(|id| Term::from_field_text(f.id, &id.to_string()));
            clauses.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(
                    Box::new(TermSetQuery::new(terms)),
                    0.0,
                )),
            ));
        }
        if clauses.is_empty() {
            return Box::new(AllQuery);
        }
        if text.is_none() {
            clauses.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(Box::new(AllQuery), 0.0)),
            ));
        }
        Box::new(BooleanQuery::new(clauses))
    }

    /// The text part of a query: a clause per word, plus a bonus for each pair of
    /// words found together and for neighbouring words close together, so that a
    /// post answering the whole question beats one with a single strong word.
    fn text_query(&self, text: &TextQuery) -> Box<dyn Query> {
        let related = if text.words.len() >= LONG_QUESTION {
            LONG_RELATED_WEIGHT
        } else {
            RELATED_WEIGHT
        };
        let words: Vec<Box<dyn Query>> = text
            .words
            .iter()
            .zip(&text.common)
            .zip(&text.close)
            .map(|((w, &common), close)| self.word_query(w, common, close, related))
            .collect();
        let mut clauses: Vec<Box<dyn Query>> = words.iter().map(|q| q.box_clone()).collect();
        let paired: Vec<usize> = (0..text.words.len())
            .filter(|&i| !text.words[i].says_little())
            .take(MAX_PAIRED_WORDS)
            .collect();
        let cores: Vec<Box<dyn Query>> = paired
            .iter()
            .map(|&i| self.core_query(&text.words[i], text.common[i]))
            .collect();
        for (n, a) in cores.iter().enumerate() {
            for b in &cores[n + 1..] {
                let both = BooleanQuery::intersection(vec![a.box_clone(), b.box_clone()]);
                clauses.push(boosted(Box::new(both), PAIR_WEIGHT));
            }
        }
        for pair in paired.windows(2) {
            let (a, b) = (&text.words[pair[0]], &text.words[pair[1]]);
            for field in [self.fields.title, self.fields.description] {
                let mut phrase = PhraseQuery::new(vec![
                    Term::from_field_text(field, &a.stem),
                    Term::from_field_text(field, &b.stem),
                ]);
                phrase.set_slop(NEAR_SLOP);
                clauses.push(boosted(Box::new(phrase), NEAR_WEIGHT));
            }
        }
        for a in &text.around {
            clauses.push(Box::new(ConstScoreQuery::new(self.box_around(a), a.score)));
        }
        Box::new(BooleanQuery::union(clauses))
    }

    /// The posts within a box of [`NEARBY_KM`] around `a` (the collector checks the
    /// exact distance).
    fn box_around(&self, a: &Around) -> Box<dyn Query> {
        Box::new(WithinBox::new(
            GeoBox::around(a.lat, a.lon, NEARBY_KM),
            Arc::clone(&self.columns),
        ))
    }

    /// The plain forms of a query word (its stem and variants in the title,
    /// description and keywords, its place, and, unless the word is common, its
    /// needs): what the pair bonus looks for, kept lean because it is evaluated
    /// once more per pair.
    fn core_query(&self, w: &QueryWord, common: bool) -> Box<dyn Query> {
        let f = &self.fields;
        let mut alts: Vec<Box<dyn Query>> = Vec::new();
        let fields = [
            (f.title, TITLE_BOOST),
            (f.description, DESCRIPTION_BOOST),
            (f.keywords, KEYWORDS_BOOST),
        ];
        for (field, boost) in fields {
            for t in std::iter::once(&w.stem).chain(&w.variants) {
                alts.push(boosted(term_query(field, t), boost));
            }
            for c in w.concepts.iter().filter(|_| !common) {
                alts.push(boosted(
                    term_query(field, &concept_term(c)),
                    boost * RELATED_WEIGHT,
                ));
            }
        }
        alts.push(boosted(term_query(f.place_name, &w.surface), PLACE_BOOST));
        Box::new(BooleanQuery::union(alts))
    }

    /// The fields a query word is looked for in, with their weights.
    fn text_fields(&self) -> [(Field, Score); 4] {
        let f = &self.fields;
        [
            (f.title, TITLE_BOOST),
            (f.description, DESCRIPTION_BOOST),
            (f.keywords, KEYWORDS_BOOST),
            (f.schedule, SCHEDULE_BOOST),
        ]
    }

    /// The indexed terms within `w`'s typo distance, by text field (none for a word
    /// without a distance). A common word is not searched with typos, so only its
    /// snippets need them: in the description alone (at N=100 most query words are
    /// common, and looking in every field cost a sixth of the mixed load's throughput).
    fn close_terms(
        &self,
        searcher: &Searcher,
        w: &QueryWord,
        common: bool,
    ) -> Result<HashMap<Field, Vec<String>>, SearchError> {
        let distance = fuzzy_distance(w);
        if distance == 0 {
            return Ok(HashMap::new());
        }
        let fields: Vec<Field> = if common {
            vec![self.fields.description]
        } else {
            self.text_fields().map(|(field, _)| field).to_vec()
        };
        let found = typos::close_terms(searcher, &fields, &w.stem, distance)?;
        Ok(fields.into_iter().zip(found).collect())
    }

    /// One query word: its literal forms ([`Self::literal_query`]) and, weaker, its
    /// need ([`Self::need_query`]). A common word must be found as written; its need
    /// only lifts what it finds.
    fn word_query(
        &self,
        w: &QueryWord,
        common: bool,
        close: &HashMap<Field, Vec<String>>,
        related: f32,
    ) -> Box<dyn Query> {
        let literal = self.literal_query(w, common, close);
        if w.concepts.is_empty() && w.leads.is_empty() && w.categories.is_empty() {
            return literal;
        }
        let need = self.need_query(w, related);
        // A phrase's need counts whether or not its last word is common.
        if common && !w.ends_phrase {
            Box::new(BooleanQuery::new(vec![
                (Occur::Must, literal),
                (Occur::Should, need),
            ]))
        } else {
            Box::new(BooleanQuery::union(vec![literal, need]))
        }
    }

    /// The literal forms of a query word in every field: the word, the word inside
    /// a compound, its variants and parts, typo alternatives from `close` (unless
    /// the word is common), the place name and, for the n-gram strategy, its grams.
    fn literal_query(
        &self,
        w: &QueryWord,
        common: bool,
        close: &HashMap<Field, Vec<String>>,
    ) -> Box<dyn Query> {
        let f = &self.fields;
        let literal_weight = if w.says_little() { WEAK_WEIGHT } else { 1.0 };
        let mut alts: Vec<Box<dyn Query>> = Vec::new();
        for (field, boost) in self.text_fields() {
            let mut term = |text: &str, weight: f32| {
                alts.push(boosted(term_query(field, text), boost * weight))
            };
            term(&w.stem, literal_weight);
            for v in &w.variants {
                term(v, VARIANT_WEIGHT * literal_weight);
            }
            if !w.says_little() {
                term(&part_term(&w.stem), IN_COMPOUND_WEIGHT);
                for v in &w.variants {
                    term(&part_term(v), IN_COMPOUND_WEIGHT * VARIANT_WEIGHT);
                }
            }
            for p in &w.parts {
                term(p, PART_WEIGHT);
                term(&part_term(p), PART_WEIGHT);
            }
            let typos = close
                .get(&field)
                .filter(|terms| !terms.is_empty() && !common);
            if let Some(terms) = typos {
                alts.push(boosted(typo_query(field, terms), boost * FUZZY_WEIGHT));
            }
        }
        alts.push(boosted(term_query(f.place_name, &w.surface), PLACE_BOOST));
        if self.strategy == CompoundStrategy::Ngram && !w.grams.is_empty() {
            let grams: Vec<Box<dyn Query>> =
                w.grams.iter().map(|g| term_query(f.grams, g)).collect();
            alts.push(boosted(
                Box::new(BooleanQuery::intersection(grams)),
                GRAM_WEIGHT,
            ));
        }
        Box::new(BooleanQuery::union(alts))
    }

    /// The need of a query word, at `related` times the literal weight: the need's
    /// marked term in every text field (the schedule too: *weekend* finds the post
    /// whose schedule says *zaterdag*), its leads weaker, and its category's name
    /// among the keywords.
    fn need_query(&self, w: &QueryWord, related: f32) -> Box<dyn Query> {
        let mut need: Vec<Box<dyn Query>> = Vec::new();
        for (field, boost) in self.text_fields() {
            for c in &w.concepts {
                let term = term_query(field, &concept_term(c));
                need.push(boosted(term, boost * related));
            }
            for c in &w.leads {
                let term = term_query(field, &concept_term(c));
                need.push(boosted(term, boost * related * LEAD_FACTOR));
            }
        }
        for c in &w.categories {
            for word in c.split('-') {
                need.push(boosted(
                    term_query(self.fields.keywords, &analyzer::stem(word)),
                    KEYWORDS_BOOST * CATEGORY_WEIGHT,
                ));
            }
        }
        Box::new(BooleanQuery::union(need))
    }

    /// A word the index does not hold (the caller checks), with a typo distance, is
    /// spelt as the most frequent indexed word within that distance that starts with
    /// the same letter (*smarthpone* → *smartphone*): it then counts as fully as a
    /// correct word, with its needs. Without such a word it stays as typed (and
    /// fuzzy).
    fn respell(
        &self,
        searcher: &tantivy::Searcher,
        w: QueryWord,
    ) -> Result<QueryWord, SearchError> {
        let distance = fuzzy_distance(&w);
        if distance == 0 || self.strategy != CompoundStrategy::Decompound {
            return Ok(w);
        }
        let Some(first) = w.stem.chars().next() else {
            return Ok(w);
        };
        let next = char::from_u32(first as u32 + 1).unwrap_or(char::MAX);
        let mut best: Option<(usize, u64, String)> = None;
        for segment in searcher.segment_readers() {
            for field in [self.fields.title, self.fields.description] {
                let index = segment.inverted_index(field)?;
                let mut terms = index
                    .terms()
                    .range()
                    .ge(first.to_string())
                    .lt(next.to_string())
                    .into_stream()
                    .map_err(tantivy::TantivyError::from)?;
                while terms.advance() {
                    let Ok(term) = std::str::from_utf8(terms.key()) else {
                        continue;
                    };
                    let d = osa_distance(&w.stem, term);
                    if d > usize::from(distance) {
                        continue;
                    }
                    let df = u64::from(terms.value().doc_freq);
                    let better = best.as_ref().is_none_or(|(bd, bdf, _)| {
                        (d, std::cmp::Reverse(df)) < (*bd, std::cmp::Reverse(*bdf))
                    });
                    if better {
                        best = Some((d, df, term.to_owned()));
                    }
                }
            }
        }
        Ok(match best {
            Some((_, _, stem)) => analyzer::respelled(&w, stem),
            None => analyzer::with_typo_split(w),
        })
    }

    /// In how many posts `stem` is in the title or description (a post with it in
    /// both counts twice; this is a rough measure).
    fn found(&self, searcher: &tantivy::Searcher, stem: &str) -> Result<u64, SearchError> {
        let mut found = 0;
        for field in [self.fields.title, self.fields.description] {
            found += searcher.doc_freq(&Term::from_field_text(field, stem))?;
        }
        Ok(found)
    }

    /// The place slugs among the query words.
    fn named_places(
        &self,
        searcher: &tantivy::Searcher,
        words: &[QueryWord],
    ) -> Result<Vec<String>, SearchError> {
        let mut places = Vec::new();
        for w in words {
            let term = Term::from_field_text(self.fields.place, &w.surface);
            if !places.contains(&w.surface) && searcher.doc_freq(&term)? > 0 {
                places.push(w.surface.clone());
            }
        }
        Ok(places)
    }

    /// The places among `words` with where they lie (the first post's coordinates)
    /// and the score a post there would get from the place's name.
    fn around(
        &self,
        searcher: &tantivy::Searcher,
        words: &[QueryWord],
    ) -> Result<Vec<Around>, SearchError> {
        let mut points = Vec::new();
        let posts = searcher.num_docs() as f32;
        for place in self.named_places(searcher, words)? {
            let term = Term::from_field_text(self.fields.place, &place);
            let there = searcher.doc_freq(&term)? as f32;
            // BM25's weight of a one-word field that holds the term.
            let score = PLACE_BOOST * (1.0 + (posts - there + 0.5) / (there + 0.5)).ln();
            let query = TermQuery::new(term, IndexRecordOption::Basic);
            for (_, addr) in searcher.search(&query, &TopDocs::with_limit(1))? {
                let doc: TantivyDocument = searcher.doc(addr)?;
                let coordinate = |f: Field| doc.get_first(f).and_then(|v| v.as_f64());
                if let (Some(lat), Some(lon)) =
                    (coordinate(self.fields.lat), coordinate(self.fields.lon))
                {
                    points.push(Around { lat, lon, score });
                }
            }
        }
        Ok(points)
    }

    /// Whether the index holds a variant of `w` (*blad* for *blaadjes*): then `w` is
    /// spelt right.
    fn finds_a_variant(
        &self,
        searcher: &tantivy::Searcher,
        w: &QueryWord,
    ) -> Result<bool, SearchError> {
        for v in &w.variants {
            if self.found(searcher, v)? > 0 {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// `w` as the index knows it ([`Self::respell`] when neither the index, its
    /// variants nor the thesaurus hold it) and whether it is common: found literally in
    /// [`EXPAND_BELOW`] posts or more. A word of a need is spelt right even when no
    /// post uses it (*aflossen*, *drupt*): respelt, it would lose its need.
    fn known_word(
        &self,
        searcher: &tantivy::Searcher,
        w: QueryWord,
    ) -> Result<(QueryWord, bool), SearchError> {
        let found = self.found(searcher, &w.stem)?;
        let thesaurus = !w.concepts.is_empty() || !w.leads.is_empty() || w.ends_phrase;
        if found > 0 || thesaurus || self.finds_a_variant(searcher, &w)? {
            return Ok((w, found >= EXPAND_BELOW));
        }
        let w = self.respell(searcher, w)?;
        let found = self.found(searcher, &w.stem)?;
        Ok((w, found >= EXPAND_BELOW))
    }

    /// Prepares what the snippets of this query need.
    fn snippet_maker(
        &self,
        searcher: &tantivy::Searcher,
        text: Option<&TextQuery>,
    ) -> Result<SnippetMaker, SearchError> {
        let mut terms = BTreeMap::new();
        if let Some(text) = text {
            for w in &text.words {
                let literal = std::iter::once(w.stem.clone())
                    .chain(w.variants.iter().cloned())
                    .chain(w.parts.iter().cloned())
                    .flat_map(|t| [part_term(&t), t]);
                let all = literal
                    .map(|t| (t, 1.0))
                    .chain(w.concepts.iter().map(|c| (concept_term(c), RELATED_WEIGHT)));
                for (t, weight) in all {
                    let term = Term::from_field_text(self.fields.description, &t);
                    let df = searcher.doc_freq(&term)?;
                    terms.entry(t).or_insert(weight / (1.0 + df as Score));
                }
            }
            // Typo matches: the words close to a stem are marked too, more lightly
            // (after every literal term, which keeps its own weight).
            let close = text
                .close
                .iter()
                .filter_map(|c| c.get(&self.fields.description));
            for term in close.flatten() {
                terms.entry(term.clone()).or_insert(TYPO_MARK_WEIGHT);
            }
        }
        // One generator for all hits of the page.
        let generator = SnippetGenerator::new(
            terms,
            analyzer::dutch(self.strategy),
            self.fields.description,
            SNIPPET_CHARS,
        );
        Ok(SnippetMaker { generator })
    }

    fn hit(
        &self,
        doc: &TantivyDocument,
        c: &Candidate,
        snippets: &SnippetMaker,
    ) -> Result<SearchHit, SearchError> {
        let f = &self.fields;
        let text = |field: Field| -> String {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_owned()
        };
        let id = Uuid::parse_str(&text(f.id))
            .map_err(|e| SearchError::Writer(format!("stored id is not a UUID: {e}")))?;
        let kind = PostKind::parse(&text(f.kind))
            .ok_or_else(|| SearchError::Writer("stored kind is unknown".into()))?;
        let created_ms = doc
            .get_first(f.created)
            .and_then(|v| v.as_i64())
            .unwrap_or(0);
        let description = text(f.description);
        Ok(SearchHit {
            id,
            kind,
            title: text(f.title),
            snippet: snippets.snippet(&description),
            category: text(f.category),
            place: text(f.place),
            place_name: text(f.place_name),
            schedule: text(f.schedule),
            distance_km: c.distance,
            score: c.score(),
            created_at: DateTime::from_timestamp_millis(created_ms).unwrap_or_default(),
        })
    }
}

/// The words of a question without those that only say which side the searcher
/// is on ([`intent::Wording::side_words`]): *ik heb op zaterdag tijd en rij graag*
/// is about driving, not about posts that mention time. A question of nothing
/// else keeps its words.
fn without_side_words(words: Vec<QueryWord>, wording: &intent::Wording) -> Vec<QueryWord> {
    let side = |w: &QueryWord| wording.side_words.contains(&w.surface);
    if words.iter().all(side) {
        return words;
    }
    words.into_iter().filter(|w| !side(w)).collect()
}

/// Any of `terms` in `field`, at one constant score, as tantivy's fuzzy query
/// scored typo alternatives. (A `TermSetQuery` builds an FST of its terms, costlier
/// than the search.)
fn typo_query(field: Field, terms: &[String]) -> Box<dyn Query> {
    let any: Vec<Box<dyn Query>> = terms
        .iter()
        .map(|t| -> Box<dyn Query> {
            let term = Term::from_field_text(field, t);
            Box::new(TermQuery::new(term, IndexRecordOption::Basic))
        })
        .collect();
    Box::new(ConstScoreQuery::new(
        Box::new(BooleanQuery::union(any)),
        1.0,
    ))
}

fn term_query(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

fn boosted(q: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    Box::new(BoostQuery::new(q, boost))
}

/// Half the height and width in degrees of a box that holds the circle of `km`
/// around a point at latitude `lat`.
fn box_degrees(lat: f64, km: f64) -> (f64, f64) {
    let dlat = (km / EARTH_RADIUS_KM).to_degrees() * 1.01 + 1e-9;
    let cos = lat.to_radians().cos().max(0.01);
    (dlat, dlat / cos)
}

/// The box of coordinates that holds the circle of `km` around a point (bounds
/// included).
#[derive(Debug, Clone, Copy)]
pub(crate) struct GeoBox {
    pub(crate) lat: (f64, f64),
    /// None when the box spans every longitude (near a pole).
    pub(crate) lon: Option<(f64, f64)>,
}

impl GeoBox {
    fn around(lat: f64, lon: f64, km: f64) -> GeoBox {
        let (dlat, dlon) = box_degrees(lat, km);
        GeoBox {
            lat: ((lat - dlat).max(-90.0), (lat + dlat).min(90.0)),
            lon: (dlon < 180.0).then_some((lon - dlon, lon + dlon)),
        }
    }

    /// Whether a post at `lat`, `lon` lies within the box.
    pub(crate) fn holds(&self, (lat, lon): (f64, f64)) -> bool {
        let within = |v: f64, (lo, hi): (f64, f64)| lo <= v && v <= hi;
        within(lat, self.lat) && self.lon.is_none_or(|b| within(lon, b))
    }
}

/// The circle a radius asks for ([`Near`]), with the box around it that is checked
/// first: comparing coordinates is cheaper than a distance, and most posts of a
/// large index lie outside the box.
#[derive(Debug, Clone, Copy)]
struct Area {
    near: Near,
    bounds: GeoBox,
}

impl Area {
    fn new(near: Near) -> Area {
        Area {
            near,
            bounds: GeoBox::around(near.lat, near.lon, near.within_km),
        }
    }

    /// The distance in km from the centre to a post at `at` (latitude, longitude),
    /// if it lies within the radius.
    fn distance(&self, at: (f64, f64)) -> Option<f64> {
        if !self.bounds.holds(at) {
            return None;
        }
        let d = haversine_km(self.near.lat, self.near.lon, at.0, at.1);
        (d <= self.near.within_km).then_some(d)
    }
}

fn sorted_counts(counts: HashMap<String, usize>) -> Vec<FacetCount> {
    let mut v: Vec<FacetCount> = counts
        .into_iter()
        .filter(|&(_, count)| count > 0)
        .map(|(value, count)| FacetCount { value, count })
        .collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    v
}

/// How much a typo match counts when a snippet picks its fragment.
const TYPO_MARK_WEIGHT: Score = 0.5;

/// Builds highlighted snippets of descriptions.
struct SnippetMaker {
    /// Marks the terms of the query (its words, their variants, parts and needs,
    /// and the indexed words within typo distance), each weighed by its rarity.
    generator: SnippetGenerator,
}

impl SnippetMaker {
    /// The best fragment of `text` with matched words in `<b>…</b>`, HTML-escaped;
    /// the beginning of the text when nothing matched.
    fn snippet(&self, text: &str) -> String {
        let snippet = self.generator.snippet(text);
        if snippet.fragment().is_empty() {
            return lead(text);
        }
        let mut html = String::new();
        let fragment = snippet.fragment();
        if !text.starts_with(fragment) {
            html.push('…');
        }
        html.push_str(&snippet.to_html());
        if !text.ends_with(fragment) {
            html.push('…');
        }
        html
    }
}

/// The first [`SNIPPET_CHARS`] characters of `text` (cut at a space), escaped.
fn lead(text: &str) -> String {
    if text.chars().count() <= SNIPPET_CHARS {
        return escape_html(text);
    }
    let cut: String = text.chars().take(SNIPPET_CHARS).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > SNIPPET_CHARS / 2 => &cut[..i],
        _ => &cut,
    };
    format!("{}…", escape_html(cut))
}

/// Escapes `&`, `<`, `>`, `"` and `'`.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}

/// Optimal-string-alignment edit distance (adjacent transpositions cost 1), as
/// tantivy's fuzzy query with `transposition_cost_one`.
fn osa_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > 2 {
        return usize::MAX;
    }
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

/// A result kept for the page.
#[derive(Debug, Clone)]
struct Candidate {
    created: i64,
    addr: DocAddress,
    distance: Option<f64>,
    /// [`crate::PostDoc::duplicate_key`].
    duplicate: u64,
    /// What the post is about, for the feedback (filled for the kept candidates).
    topics: Vec<Topic>,
    /// The score before the preference for a kind ([`SearchQuery::prefer`]); 0
    /// without text.
    relevance: Score,
    /// The factor for the kind ([`PREFER_BOOST`] or [`INTENT_BOOST`] for a kind the
    /// searcher is after, otherwise 1), times [`PLACE_FACTOR`] in a helper's village
    /// or a place the question asks to be near, times a helper's fit in time
    /// ([`WHEN_FITS`], [`WHEN_CLASHES`]).
    preference: Score,
    /// The kind of post (for mixing the sides when nobody said which is sought).
    kind: Option<PostKind>,
    /// The post's kind, category and place as counted in the facets (filled for
    /// the kept candidates): a folded identical post is taken out of the counts.
    counted: [Option<Arc<str>>; 3],
}

/// A talent or category of a post: what the feedback weighs.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Topic {
    Category(Arc<str>),
    Talent(Arc<str>),
}

impl Topic {
    fn weight(&self) -> f32 {
        match self {
            Topic::Category(_) => CATEGORY_FEEDBACK,
            Topic::Talent(_) => TALENT_FEEDBACK,
        }
    }
}

/// Moves up the first [`FEEDBACK_DEPTH`] of `ranked` (best first) by what the best
/// [`FEEDBACK_POSTS`] share: each talent or category carrying at least
/// [`FEEDBACK_SHARE`] of their score adds its weight times that share times the best
/// score. Bonuses only add, so the re-ranked head stays above the rest.
fn rerank_by_feedback(ranked: &mut [Candidate]) {
    let depth = ranked.len().min(FEEDBACK_DEPTH);
    let head = &mut ranked[..depth];
    // The best by relevance alone: what the question is about, whoever asks.
    let mut best: Vec<&Candidate> = head.iter().collect();
    best.sort_by(|a, b| b.relevance.total_cmp(&a.relevance));
    best.truncate(FEEDBACK_POSTS);
    let total: f32 = best.iter().map(|c| c.relevance).sum();
    let Some(top) = best.first().map(|c| c.relevance).filter(|_| total > 0.0) else {
        return;
    };
    let mut share: HashMap<&Topic, f32> = HashMap::new();
    for c in best {
        for t in &c.topics {
            *share.entry(t).or_default() += c.relevance / total;
        }
    }
    let bonus: HashMap<Topic, f32> = share
        .into_iter()
        .filter(|(_, s)| *s >= FEEDBACK_SHARE)
        .map(|(t, s)| (t.clone(), t.weight() * s * top))
        .collect();
    if bonus.is_empty() {
        return;
    }
    for c in head.iter_mut() {
        c.relevance += c.topics.iter().filter_map(|t| bonus.get(t)).sum::<f32>();
    }
    head.sort_by(|a, b| b.rank(a));
}

/// Reorders the first [`FEEDBACK_DEPTH`] of `ranked` (best first) so that the two
/// sides mix when nobody said which is sought: a short question such as
/// *gezelschap* may come from a resident after an offer or a volunteer after a
/// request or vacancy. Takes the best score in turn, each discounted by
/// [`MIX_DECAY`] for every result of its side already taken, so a strong post still
/// beats a weak one of the other side. (Until 2026-12-06 requests and vacancies
/// mixed as two kinds, ×0.95: an offer then waited for both.)
fn mix_sides(ranked: &mut [Candidate]) {
    let depth = ranked.len().min(FEEDBACK_DEPTH);
    let offers = |c: &Candidate| c.kind == Some(PostKind::Offer);
    let mut taken = [0, 0];
    for i in 0..depth {
        let mixed = |c: &Candidate| c.score() * MIX_DECAY.powi(taken[usize::from(offers(c))]);
        let best = (i..depth)
            .max_by(|&a, &b| {
                mixed(&ranked[a])
                    .total_cmp(&mixed(&ranked[b]))
                    // Equal: the one that ranks first, as without mixing.
                    .then(ranked[a].rank(&ranked[b]))
            })
            .unwrap_or(i);
        ranked[i..=best].rotate_right(1);
        taken[usize::from(offers(&ranked[i]))] += 1;
    }
}

impl Candidate {
    /// The ranking score: the relevance times the preference for the kind.
    fn score(&self) -> Score {
        self.relevance * self.preference
    }

    /// Ranking: score, then newer, then index order (for a stable order).
    fn rank(&self, other: &Self) -> Ordering {
        self.score()
            .total_cmp(&other.score())
            .then(self.created.cmp(&other.created))
            .then(other.addr.cmp(&self.addr))
    }
}

impl PartialEq for Candidate {
    fn eq(&self, other: &Self) -> bool {
        self.rank(other) == Ordering::Equal
    }
}
impl Eq for Candidate {}
impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.rank(other)
    }
}

/// Collects the whole result set: exact distance filter, total, facet counts and
/// the best `keep` candidates.
struct PostCollector<'a> {
    /// Per segment of the searcher, each post's kind, category, place and location.
    columns: Vec<Arc<SegmentColumns>>,
    /// The radius asked for, if any.
    area: Option<Area>,
    by_score: bool,
    keep: usize,
    /// The only kind of post asked for, if any.
    kind: Option<PostKind>,
    /// The only category asked for (a slug), if any.
    category: Option<&'a str>,
    /// The only frequency asked for, if any.
    frequency: Option<Frequency>,
    prefer: &'a [PostKind],
    prefer_boost: Score,
    /// Place slugs of a helper's question ([`PLACE_FACTOR`]).
    places: &'a [String],
    /// Within [`NEARBY_KM`] of the places of a question asking for *dichtbij*.
    around: Vec<Area>,
    /// The times the question names ([`WHEN_FITS`]).
    asked: Slots,
}

struct CollectorFruit {
    total: usize,
    kinds: HashMap<String, usize>,
    categories: HashMap<String, usize>,
    places: HashMap<String, usize>,
    top: Vec<Candidate>,
}

struct PostSegmentCollector {
    segment: SegmentOrdinal,
    /// The radius asked for, if any.
    area: Option<Area>,
    /// Each post's kind, category, place and location in this segment.
    columns: Arc<SegmentColumns>,
    by_score: bool,
    keep: usize,
    created: Option<Column<i64>>,
    duplicate: Option<Column<u64>>,
    when: Option<Column<u64>>,
    asked: Slots,
    /// Each post's frequency ([`Frequency::code`]) and the one asked for, if any: a
    /// post of another frequency is not found at all (not counted in the facets).
    frequency: Option<(Column<u64>, u64)>,
    kind: Option<StrColumn>,
    /// Per kind term ordinal of this segment: the kind asked for (`None`: any kind).
    wanted: Option<Vec<bool>>,
    /// Per category term ordinal of this segment: the category asked for (`None`:
    /// any category).
    wanted_category: Option<Vec<bool>>,
    /// Per kind term ordinal of this segment: a kind the searcher is after.
    preferred: Vec<bool>,
    /// Per kind term ordinal of this segment: the kind.
    kinds: Vec<Option<PostKind>>,
    prefer_boost: Score,
    category: Option<StrColumn>,
    talents: Option<StrColumn>,
    place: Option<StrColumn>,
    /// Per place term ordinal of this segment: a place a helper's question names.
    named_place: Vec<bool>,
    /// Within [`NEARBY_KM`] of the places of a question asking for *dichtbij*.
    around: Vec<Area>,
    kind_counts: Vec<usize>,
    category_counts: Vec<usize>,
    place_counts: Vec<usize>,
    total: usize,
    heap: BinaryHeap<Reverse<Candidate>>,
    /// Without text: every post's creation time, id and distance ([`Listed`]).
    listed: Vec<Listed>,
}

/// A post of a listing without text: created (ms), document, distance.
type Listed = (i64, DocId, Option<f64>);

/// How many posts a listing without text holds before it keeps only the newest.
const LISTED_MAX: usize = 8192;

impl PostCollector<'_> {
    /// The columns read for `segment` (the searcher's segments in its order); an
    /// error, not an empty result, if they do not fit the segment.
    fn segment_columns(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Arc<SegmentColumns>> {
        self.columns
            .get(segment as usize)
            .filter(|c| c.len() == reader.max_doc() as usize)
            .cloned()
            .ok_or_else(|| {
                tantivy::TantivyError::InternalError(format!(
                    "no columns read for segment {segment}"
                ))
            })
    }
}

impl Collector for PostCollector<'_> {
    type Fruit = CollectorFruit;
    type Child = PostSegmentCollector;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<PostSegmentCollector> {
        let ff = reader.fast_fields();
        let kind = ff.str(names::KIND)?;
        let kinds = kind_ords(&kind);
        let category = ff.str(names::CATEGORY)?;
        let place = ff.str(names::PLACE)?;
        let named_place = ords_named(&place, self.places);
        Ok(PostSegmentCollector {
            segment,
            columns: self.segment_columns(segment, reader)?,
            area: self.area,
            by_score: self.by_score,
            // A count-only query (no page) keeps nothing.
            keep: match self.keep {
                0 => 0,
                // Ranked results: enough for the feedback to re-rank.
                keep if self.by_score => keep.max(FEEDBACK_DEPTH) + DUPLICATE_SLACK,
                keep => keep + DUPLICATE_SLACK,
            },
            created: ff.column_opt(names::CREATED)?,
            duplicate: ff.column_opt(names::DUPLICATE)?,
            when: ff.column_opt(names::WHEN)?,
            asked: self.asked,
            frequency: match self.frequency {
                // An index without the column (never written by this build) has no
                // post of any frequency.
                Some(f) => Some((
                    ff.column_opt(names::FREQUENCY)?
                        .unwrap_or_else(|| Column::build_empty_column(reader.max_doc())),
                    f.code(),
                )),
                None => None,
            },
            kind_counts: vec![0; kind.as_ref().map_or(0, |c| c.num_terms())],
            wanted: self
                .kind
                .map(|wanted| kinds.iter().map(|k| *k == Some(wanted)).collect()),
            wanted_category: self
                .category
                .map(|wanted| ords_named(&category, &[wanted.to_owned()])),
            preferred: kinds
                .iter()
                .map(|k| k.is_some_and(|k| self.prefer.contains(&k)))
                .collect(),
            kinds,
            prefer_boost: self.prefer_boost,
            kind,
            category_counts: vec![0; category.as_ref().map_or(0, |c| c.num_terms())],
            place_counts: vec![0; place.as_ref().map_or(0, |c| c.num_terms())],
            category,
            talents: ff.str(names::TALENTS)?,
            place,
            named_place,
            around: self.around.clone(),
            total: 0,
            heap: BinaryHeap::new(),
            listed: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.by_score
    }

    fn merge_fruits(&self, fruits: Vec<CollectorFruit>) -> tantivy::Result<CollectorFruit> {
        let mut out = CollectorFruit {
            total: 0,
            kinds: HashMap::new(),
            categories: HashMap::new(),
            places: HashMap::new(),
            top: Vec::new(),
        };
        for f in fruits {
            out.total += f.total;
            for (k, v) in f.kinds {
                *out.kinds.entry(k).or_default() += v;
            }
            for (k, v) in f.categories {
                *out.categories.entry(k).or_default() += v;
            }
            for (k, v) in f.places {
                *out.places.entry(k).or_default() += v;
            }
            out.top.extend(f.top);
        }
        out.top.sort_by(|a, b| b.rank(a));
        // Identical posts by one author: the best-ranked one stands for all.
        let mut shown: HashMap<u64, [Option<Arc<str>>; 3]> = HashMap::new();
        let mut top = std::mem::take(&mut out.top);
        top.retain(|c| {
            if c.duplicate == 0 {
                return true;
            }
            match shown.get(&c.duplicate) {
                Some(first) => {
                    out.uncount(&c.counted, first);
                    false
                }
                None => {
                    shown.insert(c.duplicate, c.counted.clone());
                    true
                }
            }
        });
        out.top = top;
        if self.by_score {
            rerank_by_feedback(&mut out.top);
            if self.prefer.is_empty() {
                mix_sides(&mut out.top);
            }
        }
        out.top.truncate(self.keep);
        Ok(out)
    }
}

/// Per kind term ordinal of a segment: the kind it names.
fn kind_ords(column: &Option<StrColumn>) -> Vec<Option<PostKind>> {
    let Some(c) = column.as_ref() else {
        return Vec::new();
    };
    let mut s = String::new();
    (0..c.num_terms() as u64)
        .map(|ord| {
            matches!(c.ord_to_str(ord, &mut s), Ok(true))
                .then(|| PostKind::parse(&s))
                .flatten()
        })
        .collect()
}

/// Whether ordinal `ord` is among those `wanted` marks (`None`: every ordinal is).
fn is_named(wanted: &Option<Vec<bool>>, ord: Option<usize>) -> bool {
    match wanted {
        None => true,
        Some(wanted) => ord.and_then(|o| wanted.get(o)).copied().unwrap_or(false),
    }
}

/// Per term ordinal of a segment's string column: whether the term is in `names`.
fn ords_named(column: &Option<StrColumn>, names: &[String]) -> Vec<bool> {
    let Some(c) = column.as_ref().filter(|_| !names.is_empty()) else {
        return Vec::new();
    };
    let mut s = String::new();
    (0..c.num_terms() as u64)
        .map(|ord| matches!(c.ord_to_str(ord, &mut s), Ok(true)) && names.contains(&s))
        .collect()
}

/// The category and talents of the kept candidates.
struct TopicReader<'a> {
    category: ColumnNames<'a>,
    talents: ColumnNames<'a>,
}

impl<'a> TopicReader<'a> {
    fn new(category: &'a Option<StrColumn>, talents: &'a Option<StrColumn>) -> Self {
        TopicReader {
            category: ColumnNames::new(category),
            talents: ColumnNames::new(talents),
        }
    }

    fn topics(&mut self, doc: DocId) -> Vec<Topic> {
        let category = self.category.of(doc).into_iter().map(Topic::Category);
        let talents = self.talents.of(doc).into_iter().map(Topic::Talent);
        category.chain(talents).collect()
    }
}

/// The values of a string column by document, each name looked up in the column's
/// dictionary once per segment.
struct ColumnNames<'a> {
    column: &'a Option<StrColumn>,
    names: HashMap<u64, Arc<str>>,
}

impl<'a> ColumnNames<'a> {
    fn new(column: &'a Option<StrColumn>) -> Self {
        ColumnNames {
            column,
            names: HashMap::new(),
        }
    }

    fn of(&mut self, doc: DocId) -> Vec<Arc<str>> {
        let Some(c) = self.column else {
            return Vec::new();
        };
        c.term_ords(doc).filter_map(|ord| self.name(ord)).collect()
    }

    /// The name of term ordinal `ord`.
    fn name(&mut self, ord: u64) -> Option<Arc<str>> {
        if let Some(name) = self.names.get(&ord) {
            return Some(name.clone());
        }
        let mut s = String::new();
        let c = self.column.as_ref()?;
        if !matches!(c.ord_to_str(ord, &mut s), Ok(true)) {
            return None;
        }
        let name: Arc<str> = s.into();
        self.names.insert(ord, name.clone());
        Some(name)
    }
}

impl CollectorFruit {
    /// Takes a folded identical post out of the total and out of the counts of its
    /// kind, category and place ([`Candidate::counted`]), where the post shown for it
    /// (`shown`) counts: so they add up. Its kind and place are always the shown
    /// post's (they are part of [`crate::PostDoc::duplicate_key`]); a category of
    /// its own keeps its count, as choosing that category shows the post.
    fn uncount(&mut self, counted: &[Option<Arc<str>>; 3], shown: &[Option<Arc<str>>; 3]) {
        self.total = self.total.saturating_sub(1);
        let counts = [&mut self.kinds, &mut self.categories, &mut self.places];
        for ((counts, name), shown) in counts.into_iter().zip(counted).zip(shown) {
            if name != shown {
                continue;
            }
            if let Some(n) = name.as_deref().and_then(|name| counts.get_mut(name)) {
                *n = n.saturating_sub(1);
            }
        }
    }
}

/// Counts `ord` (a post's kind, category or place) in `counts` and returns it: the
/// place also serves the ranking.
fn count(counts: &mut [usize], ord: Option<usize>) -> Option<usize> {
    if let Some(n) = ord.and_then(|ord| counts.get_mut(ord)) {
        *n += 1;
    }
    ord
}

fn ord_counts(column: &Option<StrColumn>, counts: &[usize]) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    let Some(c) = column else { return out };
    let mut s = String::new();
    for (ord, &n) in counts.iter().enumerate() {
        if n > 0 && matches!(c.ord_to_str(ord as u64, &mut s), Ok(true)) {
            out.insert(s.clone(), n);
        }
    }
    out
}

impl PostSegmentCollector {
    /// A candidate for `doc` with its (relevance, preference); `kind` is the
    /// ordinal of its kind in this segment.
    fn candidate(
        &self,
        doc: DocId,
        created: i64,
        distance: Option<f64>,
        (relevance, preference): (Score, Score),
        kind: Option<usize>,
    ) -> Candidate {
        Candidate {
            created,
            addr: DocAddress::new(self.segment, doc),
            distance,
            duplicate: self
                .duplicate
                .as_ref()
                .and_then(|c| c.first(doc))
                .unwrap_or(0),
            topics: Vec::new(),
            relevance,
            preference,
            kind: kind.and_then(|ord| self.kinds.get(ord).copied().flatten()),
            counted: Default::default(),
        }
    }

    /// When the post was created (ms); the oldest possible time when unknown.
    fn created(&self, doc: DocId) -> i64 {
        self.created
            .as_ref()
            .and_then(|c| c.first(doc))
            .unwrap_or(i64::MIN)
    }

    /// Shortens the listed posts to the newest [`Self::keep`] (equal: the first in
    /// the segment).
    fn keep_newest(&mut self) {
        let order = |a: &Listed, b: &Listed| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        if self.keep < self.listed.len() {
            self.listed.select_nth_unstable_by(self.keep, order);
            self.listed.truncate(self.keep);
        }
    }

    /// The newest [`Self::keep`] of the listed posts (equal: the first in the
    /// segment, as [`Candidate::rank`] orders them).
    fn newest_first(&mut self) -> Vec<Candidate> {
        self.keep_newest();
        std::mem::take(&mut self.listed)
            .into_iter()
            .map(|(created, doc, distance)| {
                let kind = self.columns.ords(doc).kind();
                self.candidate(doc, created, distance, (0.0, 1.0), kind)
            })
            .collect()
    }

    /// Whether a post of kind ordinal `kind` is of the kind asked for.
    fn is_wanted(&self, kind: Option<usize>) -> bool {
        is_named(&self.wanted, kind)
    }

    /// Whether a post of category ordinal `category` is of the category asked for.
    fn is_wanted_category(&self, category: Option<usize>) -> bool {
        is_named(&self.wanted_category, category)
    }

    /// Whether the post lies within [`NEARBY_KM`] of a place the question asks to be
    /// near.
    fn nearby(&self, doc: DocId) -> bool {
        if self.around.is_empty() {
            return false;
        }
        let Some(at) = self.columns.location(doc) else {
            return false;
        };
        self.around.iter().any(|a| a.distance(at).is_some())
    }

    /// [`WHEN_FITS`] or [`WHEN_CLASHES`] when the question and the post's schedule
    /// both name a time, otherwise 1.
    fn time_factor(&self, doc: DocId) -> Score {
        if self.asked.is_open() {
            return 1.0;
        }
        let post = self.when.as_ref().and_then(|c| c.first(doc)).unwrap_or(0);
        match self.asked.fit(Slots::from_bits(post)) {
            Fit::Open => 1.0,
            Fit::Fits => WHEN_FITS,
            Fit::Clashes => WHEN_CLASHES,
        }
    }

    /// The factor `doc`'s relevance is ranked by ([`Candidate::preference`]), from
    /// its kind's and place's ordinals.
    fn preference(&self, doc: DocId, kind: Option<usize>, place: Option<usize>) -> Score {
        let preferred = kind.is_some_and(|ord| self.preferred.get(ord) == Some(&true));
        let near_home =
            place.is_some_and(|ord| self.named_place.get(ord) == Some(&true)) || self.nearby(doc);
        let kind_factor = if preferred { self.prefer_boost } else { 1.0 };
        let place_factor = if near_home { PLACE_FACTOR } else { 1.0 };
        kind_factor * place_factor * self.time_factor(doc)
    }

    /// Keeps `c` among the best [`Self::keep`] when it ranks above the worst kept.
    fn keep_if_better(&mut self, c: Candidate) {
        if self.heap.len() < self.keep {
            self.heap.push(Reverse(c));
        } else if let Some(Reverse(worst)) = self.heap.peek() {
            if c.rank(worst) == Ordering::Greater {
                self.heap.pop();
                self.heap.push(Reverse(c));
            }
        }
    }
}

impl SegmentCollector for PostSegmentCollector {
    type Fruit = CollectorFruit;

    fn collect(&mut self, doc: DocId, score: Score) {
        // A post has one kind and one place: their ordinals serve the counts, the
        // preference, the helper's village and the mixing of sides. The counts per
        // kind leave out the kind asked for, those per category the category asked
        // for, so that a person sees what else there is.
        if let Some((column, wanted)) = &self.frequency {
            if column.first(doc) != Some(*wanted) {
                return;
            }
        }
        let ords = self.columns.ords(doc);
        let (kind, category) = (ords.kind(), ords.category());
        let (kind_wanted, category_wanted) =
            (self.is_wanted(kind), self.is_wanted_category(category));
        if !(kind_wanted || category_wanted) {
            return; // not counted anywhere: the distance need not be known
        }
        let distance = match &self.area {
            Some(area) => {
                let Some(d) = self.columns.location(doc).and_then(|at| area.distance(at)) else {
                    return;
                };
                Some(d)
            }
            None => None,
        };
        if category_wanted {
            count(&mut self.kind_counts, kind);
        }
        if kind_wanted {
            count(&mut self.category_counts, category);
        }
        if !(kind_wanted && category_wanted) {
            return;
        }
        self.total += 1;
        let place = count(&mut self.place_counts, ords.place());
        if self.keep == 0 {
            return;
        }
        if !self.by_score {
            // Newest first: the top is chosen once at the end ([`Self::newest_first`]);
            // a heap would take in nearly every post, as posts come oldest first.
            self.listed.push((self.created(doc), doc, distance));
            // Memory stays small on a large index: now and then only the newest stay.
            if self.listed.len() >= LISTED_MAX.max(2 * self.keep) {
                self.keep_newest();
            }
            return;
        }
        let relevance = score;
        let preference = self.preference(doc, kind, place);
        // Most posts score below the worst kept one: skip reading their columns.
        if self.heap.len() >= self.keep
            && self
                .heap
                .peek()
                .is_some_and(|Reverse(worst)| relevance * preference < worst.score())
        {
            return;
        }
        let c = self.candidate(
            doc,
            self.created(doc),
            distance,
            (relevance, preference),
            kind,
        );
        self.keep_if_better(c);
    }

    fn harvest(mut self) -> CollectorFruit {
        let mut top: Vec<Candidate> = if self.by_score {
            let mut reader = TopicReader::new(&self.category, &self.talents);
            std::mem::take(&mut self.heap)
                .into_iter()
                .map(|Reverse(mut c)| {
                    c.topics = reader.topics(c.addr.doc_id);
                    c
                })
                .collect()
        } else {
            self.newest_first()
        };
        let mut names = [&self.kind, &self.category, &self.place].map(ColumnNames::new);
        // Only a post with an author has a duplicate key: only such a post can be
        // folded into an identical one and taken out of the counts.
        for c in top.iter_mut().filter(|c| c.duplicate != 0) {
            let ords = self.columns.ords(c.addr.doc_id);
            let ords = [ords.kind(), ords.category(), ords.place()];
            for (i, ord) in ords.into_iter().enumerate() {
                c.counted[i] = ord.and_then(|ord| names[i].name(ord as u64));
            }
        }
        CollectorFruit {
            total: self.total,
            kinds: ord_counts(&self.kind, &self.kind_counts),
            categories: ord_counts(&self.category, &self.category_counts),
            places: ord_counts(&self.place, &self.place_counts),
            top,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn haversine_beilen_assen() {
        // Beilen to Assen is about 16 km as the crow flies.
        let d = haversine_km(52.8617, 6.5136, 52.9925, 6.5649);
        assert!((14.0..16.5).contains(&d), "{d}");
        assert_eq!(haversine_km(52.0, 6.0, 52.0, 6.0), 0.0);
    }

    #[test]
    fn osa_counts_transpositions_once() {
        assert_eq!(osa_distance("boodschap", "boodschap"), 0);
        assert_eq!(osa_distance("computr", "computer"), 1);
        assert_eq!(osa_distance("hnod", "hond"), 1);
        assert_eq!(osa_distance("tuin", "tuinman"), usize::MAX);
    }

    #[test]
    fn feedback_lifts_posts_with_the_talent_most_best_results_share() {
        let candidate = |doc: u32, score: f32, talent: Option<&str>| Candidate {
            created: 0,
            addr: DocAddress::new(0, doc),
            distance: None,
            duplicate: 0,
            topics: talent
                .map(|t| Topic::Talent(t.into()))
                .into_iter()
                .collect(),
            relevance: score,
            preference: 1.0,
            kind: None,
            counted: Default::default(),
        };
        let mut ranked = vec![
            candidate(1, 10.0, Some("gezelschap")),
            candidate(2, 9.0, Some("gezelschap")),
            candidate(3, 8.0, Some("klussen")),
            candidate(4, 4.5, None),
            candidate(5, 4.0, Some("gezelschap")),
        ];
        rerank_by_feedback(&mut ranked);
        let order: Vec<u32> = ranked.iter().map(|c| c.addr.doc_id).collect();
        // gezelschap carries 23 of the 35.5 points: TALENT_FEEDBACK × 23/35.5 × 10
        // is added to its posts; klussen (8 of 35.5) is below the share that counts.
        assert_eq!(order, [1, 2, 3, 5, 4]);
        let bonus = TALENT_FEEDBACK * 23.0 / 35.5 * 10.0;
        assert!((ranked[3].score() - (4.0 + bonus)).abs() < 1e-4);
        assert_eq!(ranked[2].score(), 8.0);
    }

    #[test]
    fn without_a_preference_kinds_mix_but_a_weak_post_stays_low() {
        let candidate = |doc: u32, score: f32, kind: PostKind| Candidate {
            created: 0,
            addr: DocAddress::new(0, doc),
            distance: None,
            duplicate: 0,
            topics: Vec::new(),
            relevance: score,
            preference: 1.0,
            kind: Some(kind),
            counted: Default::default(),
        };
        let mut ranked = vec![
            candidate(1, 10.0, PostKind::Request),
            candidate(2, 9.5, PostKind::Request),
            candidate(3, 9.4, PostKind::Vacancy),
            candidate(4, 8.8, PostKind::Offer),
            candidate(5, 5.0, PostKind::Offer),
        ];
        mix_sides(&mut ranked);
        let order: Vec<u32> = ranked.iter().map(|c| c.addr.doc_id).collect();
        // The offer (8.8) beats the second request (9.5 × 0.9) and the vacancy,
        // which is of the requests' side (9.4 × 0.9); the weak offer (5.0 × 0.9)
        // stays below them all (9.4 × 0.9²).
        assert_eq!(order, [1, 4, 2, 3, 5]);
    }

    #[test]
    fn escape_and_lead() {
        assert_eq!(
            escape_html("<a href='x'>&</a>"),
            "&lt;a href=&#x27;x&#x27;&gt;&amp;&lt;/a&gt;"
        );
        let long = "woord ".repeat(60);
        let l = lead(&long);
        assert!(l.ends_with('…') && l.chars().count() <= SNIPPET_CHARS + 1);
    }
}
