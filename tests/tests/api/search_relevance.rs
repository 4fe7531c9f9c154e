//! Relevance of Dutch search over the demo dataset: 76 queries as residents and
//! volunteers type them, each judged by the posts a person would expect: the posts
//! of the demo needs that are about what was asked (a need is one kind of help, in
//! many titles and bodies; `noaber::demo::posts_for_seed` says which need each demo
//! post was written from). Scored with nDCG@10 and recall@10; the thresholds fail the
//! test when relevance regresses.

use std::collections::{HashMap, HashSet};

use noaber::config::Settings;
use noaber::reference::Reference;
use noaber::search_sync::doc_for;
use noaber_tests::TestDatabase;
use search::{SearchIndex, SearchQuery};

/// (query, the demo posts a person would expect): needs of `api/data/demo-posts.json`
/// by id (all posts written from that need), or one body of a need as `id#n` (the
/// posts written from its n-th body, counting from 1).
///
/// A need counts when it asks for or offers what the query asks for: the requests
/// of that task, and the offers and vacancies about it. A body of another need
/// counts when that body is about it (the handyman who names "een kastje in elkaar
/// zetten" counts for *kast in elkaar zetten*, his colleague the plumber does not).
/// A post that only shares words with the query (a *huisbezoek* for *klusjes in
/// huis*) does not count.
const JUDGEMENTS: &[(&str, &[&str])] = &[
    (
        "iemand die mijn hond uitlaat",
        &["hond-uitlaten", "aanbod-hond-uitlaten"],
    ),
    ("hond uitlaten", &["hond-uitlaten", "aanbod-hond-uitlaten"]),
    ("hondenoppas", &["hond-uitlaten", "aanbod-hond-uitlaten"]),
    (
        "wandelen",
        &[
            "hond-uitlaten",
            "wandelmaatje",
            "rolstoel",
            "aanbod-hond-uitlaten",
            "aanbod-wandelen",
            "vacature-wandelgroep",
        ],
    ),
    (
        "wandelmaatje",
        &[
            "wandelmaatje",
            "hond-uitlaten",
            "aanbod-wandelen",
            "vacature-wandelgroep",
        ],
    ),
    (
        "duofiets",
        &["duofiets", "aanbod-duofiets", "vacature-duofiets"],
    ),
    (
        "fietsen met een maatje",
        &[
            "duofiets",
            "fietsmaatje",
            "maatje-jongere#1",
            "aanbod-duofiets",
            "vacature-duofiets",
        ],
    ),
    (
        "gezelschap",
        &[
            "bezoek-oudere",
            "luisterend-oor",
            "maatje-uitjes",
            "mantelzorg-vakantie#3",
            "aanbod-bezoek",
            "aanbod-dementie",
            "vacature-bezoek",
            "vacature-respijtzorg#3",
        ],
    ),
    (
        "op bezoek bij een oudere",
        &[
            "bezoek-oudere",
            "luisterend-oor",
            "voorlezen",
            "levensboek",
            "spelletjes",
            "muziek",
            "handwerken",
            "aanbod-bezoek",
            "aanbod-voorlezen#1",
            "aanbod-voorlezen#2",
            "aanbod-levensboek",
            "aanbod-muziek",
            "vacature-bezoek",
        ],
    ),
    (
        "voorlezen",
        &["voorlezen", "voorlezen-kinderen", "aanbod-voorlezen"],
    ),
    (
        "slechtziend",
        &[
            "voorlezen#1",
            "voorlezen#2",
            "voorlezen#3",
            "aanbod-voorlezen#1",
        ],
    ),
    ("levensverhaal", &["levensboek", "aanbod-levensboek"]),
    ("levensboek", &["levensboek", "aanbod-levensboek"]),
    ("lamp ophangen", &["lamp-ophangen", "aanbod-klussen#2"]),
    (
        "klusjes in huis",
        &[
            "lamp-ophangen",
            "kast-in-elkaar",
            "schuurdeur",
            "schilderen",
            "gordijnen",
            "rookmelder",
            "kraan",
            "aanbod-klussen",
            "aanbod-schilderen",
            "vacature-klussen",
        ],
    ),
    ("klusser", &["aanbod-klussen", "vacature-klussen"]),
    (
        "kast in elkaar zetten",
        &["kast-in-elkaar", "aanbod-klussen#2"],
    ),
    ("deur repareren", &["schuurdeur", "aanbod-klussen#2"]),
    ("videobellen", &["videobellen", "aanbod-smartphone#1"]),
    ("computerles", &["computerles", "aanbod-computerhulp"]),
    (
        "hulp met de computer",
        &[
            "computerles",
            "laptop",
            "digid",
            "aanbod-computerhulp",
            "vacature-digitaal",
        ],
    ),
    (
        "digid",
        &[
            "digid",
            "aanbod-smartphone#3",
            "vacature-digitaal#1",
            "vacature-digitaal#3",
        ],
    ),
    (
        "tablet",
        &[
            "videobellen",
            "whatsapp",
            "bank-app",
            "aanbod-computerhulp",
            "aanbod-smartphone",
            "vacature-digitaal",
        ],
    ),
    (
        "belastingaangifte",
        &[
            "belastingaangifte",
            "aanbod-administratie#1",
            "aanbod-administratie#3",
        ],
    ),
    (
        "belasting",
        &[
            "belastingaangifte",
            "aanbod-administratie#1",
            "aanbod-administratie#3",
        ],
    ),
    (
        "toeslagen",
        &[
            "belastingaangifte#1",
            "belastingaangifte#4",
            "toeslagen",
            "aanbod-administratie#1",
            "aanbod-administratie#3",
            "vacature-thuisadministratie#2",
        ],
    ),
    (
        "administratie op orde",
        &[
            "post-op-orde",
            "geldzaken",
            "na-overlijden",
            "aanbod-administratie",
            "vacature-thuisadministratie",
        ],
    ),
    (
        "rekeningen",
        &[
            "post-op-orde",
            "geldzaken",
            "aanbod-administratie#2",
            "vacature-thuisadministratie#2",
        ],
    ),
    (
        "formulieren wmo",
        &[
            "wmo-formulieren",
            "aanbod-formulieren#2",
            "aanbod-formulieren#3",
        ],
    ),
    (
        "mantelzorg",
        &[
            "mantelzorg-dementie",
            "alzheimer-oppas",
            "oppas-kind-beperking",
            "mantelzorg-beroerte",
            "parkinson",
            "mantelzorg-vakantie",
            "aanbod-respijt",
            "aanbod-dementie",
            "vacature-respijtzorg",
        ],
    ),
    (
        "dementie",
        &[
            "mantelzorg-dementie",
            "alzheimer-oppas",
            "duofiets#4",
            "voorlezen#4",
            "muziek#3",
            "aanbod-respijt",
            "aanbod-dementie",
            "vacature-respijtzorg",
        ],
    ),
    ("alzheimer", &["alzheimer-oppas", "aanbod-dementie"]),
    (
        "boodschappen",
        &[
            "wekelijkse-boodschappen",
            "samen-supermarkt",
            "apotheek",
            "weekmarkt",
            "boodschappen-tijdelijk",
            "aanbod-boodschappen",
            "vacature-boodschappendienst",
        ],
    ),
    (
        "boodschapen",
        &[
            "wekelijkse-boodschappen",
            "samen-supermarkt",
            "apotheek",
            "weekmarkt",
            "boodschappen-tijdelijk",
            "aanbod-boodschappen",
            "vacature-boodschappendienst",
        ],
    ),
    (
        "supermarkt",
        &[
            "samen-supermarkt",
            "wekelijkse-boodschappen#2",
            "aanbod-boodschappen#1",
            "aanbod-boodschappen#2",
            "vacature-boodschappendienst#2",
        ],
    ),
    (
        "vervoer naar het ziekenhuis",
        &[
            "ziekenhuis-assen",
            "ziekenhuis-groningen",
            "aanbod-vervoer",
            "aanbod-begeleiden",
            "vacature-rijdienst",
        ],
    ),
    (
        "fysiotherapeut",
        &["fysiotherapie", "aanbod-vervoer#2", "vacature-rijdienst#1"],
    ),
    (
        "chauffeur",
        &[
            "vacature-buurtbus",
            "vacature-rijdienst",
            "vacature-voedselbank#2",
            "aanbod-vervoer",
        ],
    ),
    (
        "nederlands oefenen",
        &[
            "nederlands-oefenen",
            "inburgering",
            "aanbod-taalmaatje",
            "vacature-taal",
        ],
    ),
    (
        "taalmaatje",
        &[
            "nederlands-oefenen",
            "inburgering",
            "lezen-schrijven",
            "aanbod-taalmaatje",
            "vacature-taal",
            "vacature-maatje-nieuwkomer",
        ],
    ),
    (
        "huiswerk",
        &[
            "huiswerk-taal",
            "huiswerk-rekenen",
            "aanbod-huiswerk",
            "vacature-huiswerkklas",
        ],
    ),
    (
        "tuin",
        &[
            "tuin-winterklaar",
            "heg-snoeien",
            "gras-maaien",
            "onkruid",
            "moestuin",
            "fruitbomen",
            "aanbod-tuin",
            "aanbod-gras-heg",
            "vacature-tuin",
        ],
    ),
    (
        "heg snoeien",
        &["heg-snoeien", "aanbod-gras-heg", "aanbod-tuin#3"],
    ),
    (
        "grasmaaien",
        &["gras-maaien", "aanbod-gras-heg", "aanbod-tuin#1"],
    ),
    ("verhuizen", &["verhuizing", "aanbod-verhuizen"]),
    (
        "oude foto's scannen",
        &[
            "fotos-digitaliseren",
            "aanbod-fotografie#2",
            "vacature-archief#1",
            "vacature-archief#2",
        ],
    ),
    ("koffieochtend", &["vacature-koffieochtend"]),
    // Added with the needs of the varied demo data.
    ("rookmelder", &["rookmelder"]),
    (
        "schilderen",
        &["schilderen", "aanbod-schilderen", "vacature-klussen#2"],
    ),
    (
        "whatsapp",
        &["whatsapp", "aanbod-smartphone#1", "vacature-digitaal#3"],
    ),
    ("apotheek", &["apotheek", "aanbod-boodschappen#3"]),
    (
        "samen koken",
        &["samen-koken", "aanbod-koken", "vacature-kok"],
    ),
    ("klaverjassen", &["spelletjes#1", "vacature-spelmiddag#1"]),
    (
        "breien",
        &[
            "handwerken#1",
            "vacature-handwerken#1",
            "vacature-handwerken#3",
        ],
    ),
    (
        "moestuin",
        &["moestuin", "aanbod-tuin#2", "vacature-tuin#1"],
    ),
    ("fruitbomen snoeien", &["fruitbomen", "aanbod-tuin#3"]),
    ("inburgering", &["inburgering", "aanbod-taalmaatje#3"]),
    ("rolstoel", &["rolstoel"]),
    ("repair café", &["vacature-repaircafe"]),
    ("voedselbank", &["vacature-voedselbank"]),
    ("hospice", &["vacature-hospice"]),
    (
        "dieren verzorgen",
        &["dieren-verzorgen", "vacature-dierverzorger"],
    ),
    (
        "fiets repareren",
        &[
            "fiets-repareren",
            "aanbod-fietsen-repareren",
            "vacature-repaircafe#1",
        ],
    ),
    (
        "onkruid wieden",
        &["onkruid", "aanbod-tuin#1", "vacature-tuin#2"],
    ),
    ("lekkende kraan", &["kraan", "aanbod-klussen#3"]),
    ("gordijnen ophangen", &["gordijnen"]),
    (
        "fotograaf",
        &[
            "fotograaf",
            "aanbod-fotografie#1",
            "aanbod-fotografie#3",
            "vacature-archief#3",
        ],
    ),
    (
        "buurtfeest",
        &["buurtfeest#1", "buurtfeest#2", "aanbod-verhuizen#3"],
    ),
    ("parkinson", &["parkinson", "aanbod-respijt#3"]),
    (
        "naar de kerk",
        &[
            "lift-kerk-soos#1",
            "lift-kerk-soos#3",
            "vacature-buurtbus#3",
        ],
    ),
    ("sollicitatiebrief", &["sollicitatie"]),
    (
        "katten verzorgen",
        &["dieren-verzorgen#1", "dieren-verzorgen#3"],
    ),
    ("muziek maken", &["muziek", "aanbod-muziek"]),
    ("schulden", &["geldzaken"]),
    (
        "brieven van de gemeente",
        &["brieven-lezen", "aanbod-formulieren"],
    ),
    ("zorgtoeslag", &["toeslagen", "aanbod-administratie#3"]),
];

/// Just below the figures measured on 2026-12-06 (0.966 / 0.969; 0.946 / 0.942 on
/// 2026-12-04), so that a regression fails.
const MIN_NDCG: f64 = 0.955;
const MIN_RECALL: f64 = 0.955;

/// Whether a post written from `source` (need id, body index from 0) is what a
/// judgement (`id` or `id#n`) names.
fn is_judged(judged: &str, (need, body): (&str, usize)) -> bool {
    match judged.split_once('#') {
        None => judged == need,
        Some((id, n)) => id == need && n.parse::<usize>().ok() == Some(body + 1),
    }
}

fn ndcg_and_recall(ranked: &[bool], relevant: usize) -> (f64, f64) {
    let ideal = relevant.min(10);
    let dcg: f64 = ranked
        .iter()
        .take(10)
        .enumerate()
        .filter(|(_, r)| **r)
        .map(|(i, _)| 1.0 / (i as f64 + 2.0).log2())
        .sum();
    let idcg: f64 = (0..ideal).map(|i| 1.0 / (i as f64 + 2.0).log2()).sum();
    let hits = ranked.iter().take(10).filter(|r| **r).count();
    (dcg / idcg, hits as f64 / ideal as f64)
}

#[test]
fn demo_queries_rank_what_people_expect() {
    let dir = tempfile::tempdir().unwrap();
    let db_handle = TestDatabase::create(dir.path());
    let settings = Settings::for_data_dir(dir.path().to_path_buf(), Some(db_handle.url.clone()));
    let reference = Reference::load().unwrap();
    let db = noaber::startup::prepare_database(&settings, &reference).unwrap();
    let records = db
        .run_blocking(|conn| {
            noaber::demo::load(conn, &reference, 2026)?;
            noaber::db::posts::all_open(conn).map_err(noaber::db::DbError::from)
        })
        .unwrap();
    let index = SearchIndex::in_memory().unwrap();
    index
        .rebuild(records.iter().filter_map(|r| doc_for(r, &reference)), 0)
        .unwrap();
    // Which need (and body) each stored post was written from: the demo stores
    // exactly the posts of `posts_for_seed`, no two with the same title and text.
    let source_of_text: HashMap<(String, String), (&str, usize)> =
        noaber::demo::posts_for_seed(2026, &reference, noaber::db::now().date())
            .into_iter()
            .map(|p| ((p.draft.title, p.draft.description), (p.need, p.body)))
            .collect();
    // (With about four posts per need, not every body is used by this seed.)
    let needs: HashSet<&str> = source_of_text.values().map(|s| s.0).collect();
    for (q, expected) in JUDGEMENTS {
        for judged in *expected {
            let need = judged.split_once('#').map_or(*judged, |(id, _)| id);
            assert!(needs.contains(need), "{q}: no demo need {need}");
        }
    }
    let source_of: HashMap<String, (&str, usize)> = records
        .iter()
        .map(|r| {
            let text = (r.row.title.clone(), r.row.description.clone());
            let source = source_of_text
                .get(&text)
                .unwrap_or_else(|| panic!("a demo post of no need: {text:?}"));
            (r.row.id.clone(), *source)
        })
        .collect();
    let relevant_to = |expected: &[&str], source: (&str, usize)| {
        expected.iter().any(|judged| is_judged(judged, source))
    };

    let (mut ndcg_sum, mut recall_sum) = (0.0, 0.0);
    for (q, expected) in JUDGEMENTS {
        let relevant = source_of
            .values()
            .filter(|source| relevant_to(expected, **source))
            .count();
        assert!(relevant > 0, "{q}: no open demo post of the expected needs");
        let results = index
            .search(&SearchQuery {
                text: (*q).to_owned(),
                kind: None,
                category: None,
                place: None,
                near: None,
                only: None,
                frequency: None,
                prefer: Vec::new(),
                limit: 10,
                offset: 0,
            })
            .unwrap();
        let ranked: Vec<bool> = results
            .hits
            .iter()
            .map(|h| {
                source_of
                    .get(&h.id.to_string())
                    .is_some_and(|source| relevant_to(expected, *source))
            })
            .collect();
        let (ndcg, recall) = ndcg_and_recall(&ranked, relevant);
        println!("{ndcg:.3} {recall:.3}  {q}");
        if ndcg < 0.9 {
            // What ranked instead: the needs of the first ten hits (+ when expected).
            let top: Vec<String> = results
                .hits
                .iter()
                .zip(&ranked)
                .map(|(h, hit)| {
                    let (need, body) = source_of
                        .get(&h.id.to_string())
                        .copied()
                        .unwrap_or(("?", 0));
                    format!("{need}#{}{}", body + 1, if *hit { "+" } else { "" })
                })
                .collect();
            println!("             top 10: {}", top.join(" "));
        }
        ndcg_sum += ndcg;
        recall_sum += recall;
    }
    let n = JUDGEMENTS.len() as f64;
    let (ndcg, recall) = (ndcg_sum / n, recall_sum / n);
    println!(
        "demo relevance over {} queries: nDCG@10 {ndcg:.3}, recall@10 {recall:.3}",
        JUDGEMENTS.len()
    );
    assert!(JUDGEMENTS.len() >= 70);
    assert!(ndcg >= MIN_NDCG, "nDCG@10 regressed to {ndcg:.3}");
    assert!(recall >= MIN_RECALL, "recall@10 regressed to {recall:.3}");
}
