//! Relevance of Dutch search over the demo dataset: 47 queries as residents and
//! volunteers type them, each judged by the posts a person would expect (the demo
//! posts of the matching kinds, identified by their titles). Scored with nDCG@10 and
//! recall@10; the thresholds fail the test when relevance regresses.

use noaber::config::Settings;
use noaber::reference::Reference;
use noaber::search_sync::doc_for;
use noaber_tests::TestDatabase;
use search::{SearchIndex, SearchQuery};

/// (query, titles of the posts a person would expect).
const JUDGEMENTS: &[(&str, &[&str])] = &[
    (
        "iemand die mijn hond uitlaat",
        &[
            "Wie wil met mijn hond wandelen?",
            "Ik wandel graag met uw hond",
        ],
    ),
    (
        "hond uitlaten",
        &[
            "Wie wil met mijn hond wandelen?",
            "Ik wandel graag met uw hond",
        ],
    ),
    (
        "hondenoppas",
        &[
            "Wie wil met mijn hond wandelen?",
            "Ik wandel graag met uw hond",
        ],
    ),
    (
        "wandelen",
        &[
            "Wie wil met mijn hond wandelen?",
            "Wandelmaatje gezocht",
            "Ik wandel graag met uw hond",
        ],
    ),
    (
        "wandelmaatje",
        &["Wandelmaatje gezocht", "Wie wil met mijn hond wandelen?"],
    ),
    (
        "duofiets",
        &[
            "Fietsmaatje voor een tochtje op de duofiets",
            "Fietsmaatje op de duofiets",
        ],
    ),
    (
        "fietsen met een maatje",
        &[
            "Fietsmaatje voor een tochtje op de duofiets",
            "Fietsmaatje op de duofiets",
        ],
    ),
    (
        "gezelschap",
        &[
            "Gezelschap voor een oudere dame",
            "Gezelschap en een goed gesprek",
        ],
    ),
    (
        "op bezoek bij een oudere",
        &[
            "Gezelschap voor een oudere dame",
            "Gezelschap en een goed gesprek",
        ],
    ),
    ("voorlezen", &["Voorlezen aan slechtziende meneer"]),
    ("slechtziend", &["Voorlezen aan slechtziende meneer"]),
    (
        "levensverhaal",
        &["Hulp bij het schrijven van een levensboek"],
    ),
    ("levensboek", &["Hulp bij het schrijven van een levensboek"]),
    ("lamp ophangen", &["Lamp ophangen en schilderij"]),
    (
        "klusjes in huis",
        &[
            "Lamp ophangen en schilderij",
            "Kastje in elkaar zetten",
            "Schuurdeur repareren",
            "Handige klusser biedt hulp",
            "Klusvrijwilliger",
        ],
    ),
    (
        "klusser",
        &["Handige klusser biedt hulp", "Klusvrijwilliger"],
    ),
    ("kast in elkaar zetten", &["Kastje in elkaar zetten"]),
    ("deur repareren", &["Schuurdeur repareren"]),
    (
        "videobellen",
        &["Hulp bij videobellen met de kleinkinderen"],
    ),
    (
        "computerles",
        &[
            "Computerles voor beginners",
            "Hulp bij computer, tablet en smartphone",
        ],
    ),
    (
        "hulp met de computer",
        &[
            "Computerles voor beginners",
            "Hulp bij computer, tablet en smartphone",
            "Vrijwilliger digitaal spreekuur",
        ],
    ),
    (
        "digid",
        &[
            "DigiD aanvragen en gebruiken",
            "Vrijwilliger digitaal spreekuur",
        ],
    ),
    (
        "tablet",
        &[
            "Hulp bij videobellen met de kleinkinderen",
            "Hulp bij computer, tablet en smartphone",
        ],
    ),
    (
        "belastingaangifte",
        &[
            "Hulp bij de belastingaangifte",
            "Hulp bij papierwerk en belastingen",
        ],
    ),
    (
        "belasting",
        &[
            "Hulp bij de belastingaangifte",
            "Hulp bij papierwerk en belastingen",
        ],
    ),
    (
        "toeslagen",
        &[
            "Hulp bij de belastingaangifte",
            "Hulp bij papierwerk en belastingen",
        ],
    ),
    (
        "administratie op orde",
        &[
            "Post en rekeningen op orde brengen",
            "Hulp bij papierwerk en belastingen",
            "Thuisadministratie-vrijwilliger",
        ],
    ),
    ("rekeningen", &["Post en rekeningen op orde brengen"]),
    ("formulieren wmo", &["Formulieren voor de Wmo invullen"]),
    (
        "mantelzorg",
        &["Even vrij van de mantelzorg", "Even de zorg overnemen"],
    ),
    (
        "dementie",
        &["Even vrij van de mantelzorg", "Even de zorg overnemen"],
    ),
    ("alzheimer", &["Oppas voor mijn moeder met alzheimer"]),
    (
        "boodschappen",
        &[
            "Wekelijkse boodschappen",
            "Samen naar de supermarkt",
            "Boodschappen voor u doen",
        ],
    ),
    (
        "boodschapen",
        &[
            "Wekelijkse boodschappen",
            "Samen naar de supermarkt",
            "Boodschappen voor u doen",
        ],
    ),
    (
        "supermarkt",
        &["Samen naar de supermarkt", "Boodschappen voor u doen"],
    ),
    (
        "vervoer naar het ziekenhuis",
        &[
            "Vervoer naar het ziekenhuis in Assen",
            "Ik rijd u naar het ziekenhuis",
        ],
    ),
    ("fysiotherapeut", &["Rit naar de fysiotherapeut"]),
    ("chauffeur", &["Chauffeur voor de buurtbus"]),
    (
        "nederlands oefenen",
        &[
            "Taalmaatje om Nederlands te oefenen",
            "Taalmaatje voor nieuwkomers",
        ],
    ),
    (
        "taalmaatje",
        &[
            "Taalmaatje om Nederlands te oefenen",
            "Taalmaatje voor nieuwkomers",
            "Taalvrijwilliger",
        ],
    ),
    ("huiswerk", &["Hulp bij huiswerk voor mijn dochter"]),
    (
        "tuin",
        &[
            "Tuin winterklaar maken",
            "Heg snoeien",
            "Gras maaien in de zomer",
            "Tuinhulp aangeboden",
            "Tuinvrijwilliger",
        ],
    ),
    ("heg snoeien", &["Heg snoeien"]),
    ("grasmaaien", &["Gras maaien in de zomer"]),
    (
        "verhuizen",
        &["Hulp bij de verhuizing naar een kleinere woning"],
    ),
    ("oude foto's scannen", &["Foto's digitaliseren"]),
    ("koffieochtend", &["Vrijwilliger voor de koffieochtend"]),
];

const MIN_NDCG: f64 = 0.97;
const MIN_RECALL: f64 = 0.95;

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
    let title_of: std::collections::HashMap<String, &str> = records
        .iter()
        .map(|r| (r.row.id.clone(), r.row.title.as_str()))
        .collect();

    let (mut ndcg_sum, mut recall_sum) = (0.0, 0.0);
    for (q, expected) in JUDGEMENTS {
        let relevant = records
            .iter()
            .filter(|r| expected.contains(&r.row.title.as_str()))
            .count();
        assert!(
            relevant > 0,
            "{q}: no demo post with the expected titles (demo changed?)"
        );
        let results = index
            .search(&SearchQuery {
                text: (*q).to_owned(),
                kind: None,
                category: None,
                place: None,
                near: None,
                only: None,
                prefer: Vec::new(),
                limit: 10,
                offset: 0,
            })
            .unwrap();
        let ranked: Vec<bool> = results
            .hits
            .iter()
            .map(|h| {
                title_of
                    .get(&h.id.to_string())
                    .is_some_and(|t| expected.contains(t))
            })
            .collect();
        let (ndcg, recall) = ndcg_and_recall(&ranked, relevant);
        println!("{ndcg:.3} {recall:.3}  {q}");
        ndcg_sum += ndcg;
        recall_sum += recall;
    }
    let n = JUDGEMENTS.len() as f64;
    let (ndcg, recall) = (ndcg_sum / n, recall_sum / n);
    println!(
        "demo relevance over {} queries: nDCG@10 {ndcg:.3}, recall@10 {recall:.3}",
        JUDGEMENTS.len()
    );
    assert!(JUDGEMENTS.len() >= 40);
    assert!(ndcg >= MIN_NDCG, "nDCG@10 regressed to {ndcg:.3}");
    assert!(recall >= MIN_RECALL, "recall@10 regressed to {recall:.3}");
}
