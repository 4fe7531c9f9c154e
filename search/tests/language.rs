//! How residents write, one class at a time (issue 14): diminutives and verb
//! forms, words for the same need, the whole question over one strong word,
//! everyday words inside compounds, identical posts, and the kind facet. Each test
//! builds a small corpus whose posts differ only in what the class is about.

use chrono::{Duration, TimeZone, Utc};
use search::{GeoPoint, PostDoc, PostKind, Preference, SearchIndex, SearchQuery, Talent};
use uuid::Uuid;

/// A post with an id from `n`; category `overig` and no talents unless set.
fn post(n: u128, title: &str, description: &str) -> PostDoc {
    PostDoc {
        id: Uuid::from_u128(n),
        kind: PostKind::Request,
        title: title.to_owned(),
        description: description.to_owned(),
        category: "overig".to_owned(),
        talents: Vec::new(),
        place: "beilen".to_owned(),
        place_name: "Beilen".to_owned(),
        location: None,
        schedule: String::new(),
        frequency: None,
        author: Some(format!("author-{n}")),
        created_at: Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap()
            + Duration::minutes(n as i64),
    }
}

fn in_category(mut p: PostDoc, category: &str) -> PostDoc {
    p.category = category.to_owned();
    p
}

fn index(posts: Vec<PostDoc>) -> SearchIndex {
    let index = SearchIndex::in_memory().unwrap();
    index.rebuild(posts, 0).unwrap();
    index
}

/// The filler corpus and posts 1, 2, … of `category` with the given titles and
/// texts.
fn index_with(texts: &[(&str, &str)], category: &str) -> SearchIndex {
    let mut posts = filler();
    posts.extend(
        (1..)
            .zip(texts)
            .map(|(n, (title, text))| in_category(post(n, title, text), category)),
    );
    index(posts)
}

/// An index of the filler corpus and `posts` (title, text, category), numbered
/// from 1.
fn index_of_categorised(posts: &[(&str, &str, &str)]) -> SearchIndex {
    let mut all = filler();
    all.extend(
        (1..)
            .zip(posts)
            .map(|(n, (title, text, category))| in_category(post(n, title, text), category)),
    );
    index(all)
}

/// Ids (as numbers) of the hits for `text`, best first.
fn ranked(index: &SearchIndex, text: &str) -> Vec<u128> {
    index
        .search(&SearchQuery {
            limit: 20,
            ..SearchQuery::text(text)
        })
        .unwrap()
        .hits
        .iter()
        .map(|h| h.id.as_u128())
        .collect()
}

/// A filler corpus so that document frequencies are realistic.
fn filler() -> Vec<PostDoc> {
    let texts = [
        (
            "Wie helpt met de verhuizing?",
            "Ik ga kleiner wonen en moet veel inpakken.",
        ),
        (
            "Oude foto's scannen",
            "Dozen vol dia's en foto's, wie helpt ze te digitaliseren?",
        ),
        (
            "Samen naar de markt",
            "Ik wil graag op zaterdag naar de markt in Beilen.",
        ),
        (
            "Pianist gezocht",
            "Voor de kerstviering zoeken we iemand die piano speelt.",
        ),
        (
            "Breiclub zoekt leden",
            "Elke woensdag breien en haken we in de bibliotheek.",
        ),
        (
            "Voorleesmiddag",
            "Wie leest voor aan kinderen in de bibliotheek?",
        ),
    ];
    texts
        .iter()
        .enumerate()
        .map(|(i, (t, d))| post(900 + i as u128, t, d))
        .collect()
}

#[test]
fn diminutives_verb_forms_and_derivations_find_their_word() {
    let mut posts = filler();
    posts.extend([
        post(
            1,
            "Boodschappen doen",
            "Wie doet elke week mijn boodschappen bij de supermarkt?",
        ),
        post(
            2,
            "Hond uitlaten",
            "Mijn hond moet elke middag naar buiten.",
        ),
        post(
            3,
            "Klussen in de schuur",
            "Er zijn wat klussen: een plank en een deur.",
        ),
        post(
            4,
            "Even praten",
            "Ik wil graag met iemand praten over vroeger.",
        ),
        post(
            5,
            "Schuur moet geverfd",
            "De schuur is in jaren niet geverfd.",
        ),
        post(
            6,
            "Fiets gerepareerd",
            "Mijn fiets moet gerepareerd worden, de ketting is los.",
        ),
        post(
            7,
            "Heg gesnoeid",
            "Wie heeft de heg vorig jaar gesnoeid? Dit jaar weer nodig.",
        ),
        post(8, "Tuin", "Mijn tuin is te groot geworden voor mij."),
        post(
            9,
            "Wandelen",
            "Ik wil graag wandelen in het bos, samen is leuker.",
        ),
        post(
            10,
            "Fietsen",
            "Wie wil met mij fietsen door het Drentse land?",
        ),
    ]);
    let index = index(posts);
    for (query, expected) in [
        ("boodschapjes", 1),
        ("hondje", 2),
        ("klusjes", 3),
        ("praatje", 4),
        ("verven", 5),
        ("schuur verven", 5),
        ("fiets repareren", 6),
        ("heg snoeien", 7),
        ("tuinieren", 8),
        ("een wandeling", 9),
        ("wandelingetje", 9),
    ] {
        let r = ranked(&index, query);
        assert_eq!(r.first(), Some(&expected), "{query}: {r:?}");
    }
    // A compound finds its parts: the cycling post, beside the one about a bicycle.
    let r = ranked(&index, "fietstocht");
    assert!(r[..2].contains(&10), "{r:?}");
}

#[test]
fn words_for_the_same_need_find_each_other_below_the_literal_word() {
    let mut posts = filler();
    posts.extend([
        in_category(
            post(
                1,
                "Koffie en een praatje",
                "Ik ben vaak eenzaam. Wie komt op bezoek voor een kopje koffie?",
            ),
            "bezoekwerk",
        ),
        in_category(
            post(
                2,
                "Wie rijdt mij naar Assen?",
                "Ik heb een afspraak in het ziekenhuis en kan zelf niet rijden.",
            ),
            "vervoer",
        ),
        in_category(
            post(
                3,
                "Computerhulp",
                "Wie helpt mij met mijn laptop en e-mail?",
            ),
            "computerhulp",
        ),
        in_category(
            post(
                4,
                "Schilderen van de gang",
                "De gang moet geschilderd worden.",
            ),
            "klussen",
        ),
        in_category(
            post(
                5,
                "Papieren op orde",
                "Ik kom niet uit de formulieren van de belasting.",
            ),
            "administratie",
        ),
        in_category(
            post(
                6,
                "Even vrij van de zorg",
                "Ik zorg voor mijn man met dementie en wil een middag weg.",
            ),
            "respijtzorg",
        ),
        in_category(
            post(7, "Taalmaatje", "Ik wil beter Nederlands spreken."),
            "taalmaatje",
        ),
        in_category(
            post(8, "Gezelschap gezocht", "Gezelschap voor mijn moeder."),
            "bezoekwerk",
        ),
        post(
            9,
            "Gastvrouw in het verpleeghuis",
            "Wie ontvangt de bezoekers op zondagmiddag?",
        ),
        post(
            10,
            "Begeleiders voor de zwemclub",
            "Wij zwemmen met mensen met een verstandelijke beperking.",
        ),
        post(
            11,
            "Boodschappen na mijn operatie",
            "Sinds mijn nieuwe heup loop ik met een rollator.",
        ),
        post(
            12,
            "Scheidsrechter gezocht",
            "De voetbalclub zoekt iemand voor de jeugd op zaterdag.",
        ),
        in_category(
            post(13, "Kastje aan de muur", "Wie kan mijn kastje vastzetten?"),
            "klussen",
        ),
    ]);
    let index = index(posts);
    for (query, expected) in [
        ("ik ben vaak alleen", 1),
        ("lift naar het ziekenhuis", 2),
        ("chauffeur", 2),
        ("tablet", 3),
        ("verven", 4),
        ("toeslagen", 5),
        ("mantelzorger", 6),
        ("nederlands oefenen", 7),
        // Needs that span the categories, and work at an organisation.
        ("tehuis", 9),
        ("bardienst", 9),
        ("gehandicapten", 10),
        // How someone gets about.
        ("knie", 11),
        // A volunteer's (former) trade leads to the need it serves.
        ("gepensioneerd timmerman", 13),
    ] {
        let r = ranked(&index, query);
        assert_eq!(r.first(), Some(&expected), "{query}: {r:?}");
    }
    // *Weekend* finds the posts that name a day of it.
    let mut r = ranked(&index, "weekend");
    r.sort_unstable();
    assert_eq!(r, [12, 902]);
    // The literal word ranks above another word for the same need.
    let r = ranked(&index, "gezelschap");
    assert_eq!(&r[..2], [8, 1], "{r:?}");
}

#[test]
fn the_talents_of_the_best_results_lift_posts_about_the_same_need() {
    // *Schaken* is in no need of the thesaurus: only what the best results have in
    // common (the talent *spelletjes*) says what the question is about.
    let games = |n: u128, title: &str, description: &str| {
        let mut p = in_category(post(n, title, description), "bezoekwerk");
        p.talents = vec![Talent {
            slug: "spelletjes".to_owned(),
            name: "Spelletjes".to_owned(),
        }];
        p
    };
    let mut posts = filler();
    posts.extend([
        games(1, "Schaken met opa", "Mijn opa wil graag schaken."),
        games(2, "Wie wil schaken?", "Ik zoek iemand om mee te schaken."),
        games(3, "Schaakmaatje", "Elke week schaken in de huiskamer."),
        games(
            10,
            "Spelletjesmiddag",
            "Elke donderdag doen we spelletjes in het dorpshuis: dammen, kaarten, \
             rummikub en soms schaken. Wie komt ons helpen met koffie en thee?",
        ),
        in_category(
            post(
                11,
                "Kast in elkaar zetten",
                "Na het schaken ben ik moe; wie helpt?",
            ),
            "klussen",
        ),
    ]);
    let r = ranked(&index(posts), "schaken");
    let at = |n: u128| r.iter().position(|&id| id == n);
    assert!(at(10).is_some() && at(10) < at(11), "{r:?}");
}

#[test]
fn a_post_with_the_whole_question_beats_one_strong_word_in_the_title() {
    let mut posts = filler();
    posts.extend([
        post(
            1,
            "Hond gezocht voor de boerderij",
            "Wij zoeken een rustige hond die bij de kinderen past.",
        ),
        post(
            2,
            "Wie gaat met mij mee?",
            "Ik wil met mijn hond wandelen, maar mijn knie is slecht.",
        ),
        post(
            3,
            "Wandelen in Beilen",
            "Elke dinsdag een ronde door het dorp met de wandelclub.",
        ),
    ]);
    let index = index(posts);
    let r = ranked(&index, "hond wandelen");
    assert_eq!(r.first(), Some(&2), "{r:?}");
    // Close together beats far apart.
    let index2 = self::index(vec![
        post(1, "Bericht", "Hond en later in de week, als het weer het toelaat en de zon schijnt, misschien ook wandelen."),
        post(2, "Bericht", "De hond wandelen, elke dag een uur, ook als het weer tegenzit, want dat moet."),
    ]);
    assert_eq!(ranked(&index2, "hond wandelen").first(), Some(&2));
}

#[test]
fn everyday_words_inside_compounds_do_not_swamp_the_meaning() {
    let mut posts = filler();
    posts.extend([
        post(
            1,
            "Klusjes in huis",
            "Een lamp ophangen en een kraan die lekt.",
        ),
        post(
            2,
            "Vrijwilliger voor het dorpshuis",
            "Het dorpshuis zoekt een gastvrouw voor de koffieochtend.",
        ),
        post(
            3,
            "Huiskamer op woensdag",
            "In de huiskamer van de kerk drinken we samen koffie.",
        ),
        post(
            4,
            "Thuis oefenen",
            "Wie komt bij mij thuis om met mij te oefenen voor mijn examen?",
        ),
        post(5, "Computerles", "Ik wil leren omgaan met de computer."),
    ]);
    let index = index(posts);
    let r = ranked(&index, "klusjes in huis");
    assert_eq!(r.first(), Some(&1), "{r:?}");
    for unrelated in [2, 3, 4] {
        assert!(
            !r.contains(&unrelated),
            "klusjes in huis found {unrelated}: {r:?}"
        );
    }
    let r = ranked(&index, "hulp bij de computer");
    assert_eq!(r.first(), Some(&5), "{r:?}");
    assert_eq!(r.len(), 1, "only the computer post: {r:?}");
}

#[test]
fn who_the_help_is_for_does_not_outweigh_what_is_asked() {
    let texts = [
        ("Opa en oma zoeken gezelschap", "Opa en oma wonen alleen. Een meneer of mevrouw die op bezoek komt voor een praatje, graag!"),
        ("Oma zoekt een maatje om te wandelen", "Oma loopt nog goed. Wie wandelt met oma op zaterdag?"),
        ("Hulp met een nieuwe telefoon", "Wie helpt mij mijn mobiel in te stellen? WhatsApp en foto's."),
    ];
    let index = index_with(&texts, "overig");
    let r = ranked(&index, "mobieltje instellen voor opa en oma");
    assert_eq!(r.first(), Some(&3), "the telephone post first: {r:?}");
}

#[test]
fn the_elderly_are_not_parents() {
    // Snowball makes *ouderen* (the elderly) and *ouders* (parents) one word.
    let texts = [
        (
            "Student helpt met boodschappen",
            "Ik woon nog bij mijn ouders en heb een fiets.",
        ),
        (
            "Bezoek voor een oudere dame",
            "Mevrouw is 90 en krijgt weinig bezoek.",
        ),
        (
            "Huiswerkhulp",
            "Ouders die hun kind niet kunnen helpen met rekenen.",
        ),
    ];
    let index = index_with(&texts, "overig");
    assert_eq!(ranked(&index, "ouderen"), vec![2]);
    let mut parents = ranked(&index, "ouders");
    parents.sort_unstable();
    assert_eq!(parents, vec![1, 3]);
}

#[test]
fn a_narrower_need_beats_its_broad_one() {
    // Both are garden work; *onkruid* (weeds) is what the weeding post is about.
    let texts = [
        (
            "Oud-hovenier helpt met snoeien",
            "Heggen en fruitbomen: ik neem mijn snoeischaar mee.",
        ),
        (
            "Samen in de tuin bezig",
            "Ik help graag met wieden en schoffelen in uw border.",
        ),
        (
            "Gras maaien",
            "Wie maait ons gazon? De grasmaaier staat klaar.",
        ),
    ];
    let index = index_with(&texts, "tuin");
    assert_eq!(ranked(&index, "onkruid").first(), Some(&2));
    assert_eq!(ranked(&index, "haag").first(), Some(&1));
    assert_eq!(ranked(&index, "gazon").first(), Some(&3));
    assert_eq!(ranked(&index, "tuin").len(), 3, "all three are garden work");
}

#[test]
fn identical_posts_by_one_author_are_shown_once() {
    let mut twice = post(2, "Boodschappen gezocht", "Wie doet mijn boodschappen?");
    twice.author = Some("author-1".into());
    let mut other_author = post(3, "Boodschappen gezocht", "Wie doet mijn boodschappen?");
    other_author.author = Some("author-3".into());
    let mut no_author = post(4, "Boodschappen gezocht", "Wie doet mijn boodschappen?");
    no_author.author = None;
    let index = index(vec![
        post(1, "Boodschappen gezocht", "Wie doet mijn boodschappen?"),
        twice,
        other_author,
        no_author,
    ]);
    let results = index.search(&SearchQuery::text("boodschappen")).unwrap();
    let ids: Vec<u128> = results.hits.iter().map(|h| h.id.as_u128()).collect();
    assert_eq!(ids.len(), 3, "{ids:?}");
    assert_eq!(results.total, 3);
    assert!(ids.contains(&3) && ids.contains(&4));
    assert_eq!(ids.iter().filter(|&&i| i == 1 || i == 2).count(), 1);
    // The counts per kind, category and place count the folded post once too,
    // with or without a kind chosen and without text.
    let request = |text: &str| SearchQuery {
        kind: Some(PostKind::Request),
        ..SearchQuery::text(text)
    };
    for q in [
        SearchQuery::text("boodschappen"),
        request("boodschappen"),
        request(""),
    ] {
        let r = index.search(&q).unwrap();
        let f = &r.facets;
        for counts in [&f.kinds, &f.categories, &f.places] {
            let counted: Vec<(&str, usize)> =
                counts.iter().map(|c| (c.value.as_str(), c.count)).collect();
            assert_eq!(
                counted.iter().map(|c| c.1).sum::<usize>(),
                3,
                "{q:?}: {counted:?}"
            );
        }
        assert_eq!(r.total, 3, "{q:?}");
    }
}

#[test]
fn an_identical_post_in_another_category_keeps_its_category_count() {
    // One author posted the same text twice, once as boodschappen, once as gezelschap:
    // one card shows, and each category still counts the post that choosing it shows.
    let text = (
        "Boodschappen en een praatje",
        "Wie doet mijn boodschappen en drinkt koffie?",
    );
    let mut company = in_category(post(2, text.0, text.1), "gezelschap");
    company.author = Some("author-1".into());
    let index = index(vec![
        in_category(post(1, text.0, text.1), "boodschappen"),
        company,
        in_category(
            post(3, "Boodschappen gezocht", "Wie doet mijn boodschappen?"),
            "boodschappen",
        ),
    ]);
    let counts = |category: Option<&str>| {
        let q = SearchQuery {
            category: category.map(String::from),
            ..SearchQuery::text("boodschappen")
        };
        let r = index.search(&q).unwrap();
        let categories: Vec<(String, usize)> = r
            .facets
            .categories
            .iter()
            .map(|c| (c.value.clone(), c.count))
            .collect();
        (r.total, r.hits.len(), categories)
    };
    let (total, shown, categories) = counts(None);
    assert_eq!((total, shown), (2, 2), "the twin is folded");
    assert_eq!(
        categories,
        [("boodschappen".to_owned(), 2), ("gezelschap".to_owned(), 1)]
    );
    // Each category chosen: its own count as total, the counts as without a category.
    for (category, n) in [("boodschappen", 2), ("gezelschap", 1)] {
        let (total, shown, with_one) = counts(Some(category));
        assert_eq!((total, shown), (n, n), "{category}");
        assert_eq!(with_one, categories, "{category}");
    }
}

#[test]
fn facets_count_the_kinds() {
    let mut offer = post(2, "Ik doe boodschappen", "Ik doe graag uw boodschappen.");
    offer.kind = PostKind::Offer;
    let index = index(vec![
        post(1, "Boodschappen", "Wie doet mijn boodschappen?"),
        offer,
        post(
            3,
            "Boodschappen samen",
            "Samen boodschappen doen op vrijdag.",
        ),
    ]);
    let results = index.search(&SearchQuery::text("boodschappen")).unwrap();
    let kinds: Vec<(&str, usize)> = results
        .facets
        .kinds
        .iter()
        .map(|f| (f.value.as_str(), f.count))
        .collect();
    assert_eq!(kinds, [("request", 2), ("offer", 1)]);
}

#[test]
fn a_preferred_kind_comes_first_at_equal_relevance() {
    let mut offer = post(1, "Heg snoeien", "Ik snoei graag uw heg.");
    offer.kind = PostKind::Offer;
    let index = index(vec![
        offer,
        post(2, "Heg snoeien", "Ik snoei graag uw heg."),
        post(
            3,
            "Hulp bij heg snoeien in de tuin",
            "De heg snoeien, de heg snoeien en nog eens de heg.",
        ),
    ]);
    let search = |prefer: Vec<PostKind>| -> Vec<u128> {
        let q = SearchQuery {
            prefer,
            ..SearchQuery::text("heg snoeien")
        };
        index
            .search(&q)
            .unwrap()
            .hits
            .iter()
            .map(|h| h.id.as_u128())
            .collect()
    };
    let volunteer = search(vec![PostKind::Request, PostKind::Vacancy]);
    let resident = search(vec![PostKind::Offer]);
    assert!(
        volunteer.iter().position(|&i| i == 2) < volunteer.iter().position(|&i| i == 1),
        "{volunteer:?}"
    );
    assert!(
        resident.iter().position(|&i| i == 1) < resident.iter().position(|&i| i == 2),
        "{resident:?}"
    );
}

#[test]
fn a_phrase_means_its_need_where_its_words_alone_do_not() {
    let index = index_of_categorised(&[
        (
            "Buitenlamp ophangen",
            "De lamp buiten bij de voordeur is kapot en moet opnieuw komen te hangen.",
            "klussen",
        ),
        (
            "Wandelmaatje gezocht",
            "Wie wandelt met mij door het park?",
            "maatje",
        ),
        (
            "Lezen en komen logeren",
            "Mijn kleinkinderen komen op bezoek.",
            "overig",
        ),
        (
            "Vrije middag voor de mantelzorger",
            "Ik zorg voor mijn man.",
            "respijtzorg",
        ),
    ]);
    // *Naar buiten* is going out for a walk, not a lamp outside the front door.
    let r = ranked(&index, "mijn vader wil weer eens naar buiten");
    assert_eq!(r.first(), Some(&2), "{r:?}");
    // *Op adem komen* is the carer's break, not a visit that comes.
    let r = ranked(&index, "ze wil even op adem komen");
    assert_eq!(r.first(), Some(&4), "{r:?}");
}

#[test]
fn the_wording_of_the_question_names_the_kind_it_looks_for() {
    // Identical posts by different people: only the kind differs, and at equal
    // relevance and kind the newest comes first.
    let same = |n: u128, kind: PostKind| PostDoc {
        kind,
        ..post(n, "Heg snoeien", "De heg moet gesnoeid worden.")
    };
    let index = index(vec![
        same(1, PostKind::Request),
        same(2, PostKind::Vacancy),
        same(3, PostKind::Offer),
        same(4, PostKind::Request),
        same(5, PostKind::Offer),
    ]);
    let order = |text: &str, prefer: Vec<PostKind>| -> Vec<u128> {
        let q = SearchQuery {
            prefer,
            ..SearchQuery::text(text)
        };
        let hits = index.search(&q).unwrap().hits;
        hits.iter().map(|h| h.id.as_u128()).collect()
    };
    // Nothing said about the side: the sides mix, offers with requests and
    // vacancies (the newest first at equal scores).
    assert_eq!(order("heg snoeien", Vec::new()), [5, 4, 3, 2, 1]);
    // Looking for a person who helps: offers first.
    assert_eq!(
        order("iemand die mijn heg kan snoeien", Vec::new()),
        [5, 3, 4, 2, 1]
    );
    // Wanting to help: requests and vacancies first.
    assert_eq!(
        order("ik wil graag helpen met heg snoeien", Vec::new()),
        [4, 2, 1, 5, 3]
    );
    // Volunteers wanted: vacancies first.
    assert_eq!(
        order("vrijwilligers gezocht voor heg snoeien", Vec::new()),
        [2, 5, 4, 3, 1]
    );
    // A signed-in role's preference stands over the wording.
    assert_eq!(
        order("iemand die mijn heg kan snoeien", vec![PostKind::Request]),
        [4, 1, 5, 3, 2]
    );
    // The results say which kinds were ranked higher, and why.
    let preference = |text: &str, prefer: Vec<PostKind>| {
        let q = SearchQuery {
            prefer,
            ..SearchQuery::text(text)
        };
        index.search(&q).unwrap().preference
    };
    assert_eq!(preference("heg snoeien", Vec::new()), None);
    assert_eq!(
        preference("iemand die mijn heg kan snoeien", Vec::new()),
        Some(Preference {
            kinds: vec![PostKind::Offer],
            from_wording: true
        })
    );
    assert_eq!(
        preference("heg snoeien", vec![PostKind::Offer]),
        Some(Preference {
            kinds: vec![PostKind::Offer],
            from_wording: false
        })
    );
    // Without text the newest come first, whatever the preference.
    assert_eq!(preference("", vec![PostKind::Offer]), None);
}

#[test]
fn every_need_of_the_thesaurus_pulls_a_known_category() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../api/data/reference.json");
    let reference: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let categories: Vec<&str> = reference["categories"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["slug"].as_str())
        .collect();
    let lexicon = search::lexicon::Lexicon::shared();
    for (concept, category) in lexicon
        .all_concepts()
        .iter()
        .filter_map(|c| Some((c, c.category.as_deref()?)))
    {
        assert!(
            categories.contains(&category),
            "need {} pulls unknown category {category}",
            concept.label,
        );
    }
}

#[test]
fn typos_are_respelt_against_the_index_and_inside_compounds() {
    let mut posts = filler();
    posts.extend([
        post(
            1,
            "Vrijwilligers gezocht",
            "De bibliotheek zoekt vrijwilligers voor het voorlezen.",
        ),
        post(
            2,
            "Hulp met de smartphone",
            "Wie legt mij mijn nieuwe smartphone uit?",
        ),
        post(3, "Heg snoeien", "De heg moet gesnoeid worden."),
    ]);
    let index = index(posts);
    for (query, expected) in [("vrijwiligerswerk", 1), ("smarthpone", 2), ("snoien", 3)] {
        let r = ranked(&index, query);
        assert_eq!(r.first(), Some(&expected), "{query}: {r:?}");
    }
}

#[test]
fn in_a_long_question_the_need_counts_as_much_as_the_literal_word() {
    let mut posts = filler();
    posts.extend([
        in_category(
            post(1, "Iemand voor een bezoekje", "Ik zit veel thuis."),
            "bezoekwerk",
        ),
        in_category(
            post(
                2,
                "Fotoalbum voor de buren",
                "Een fotoalbum voor de buren maken.",
            ),
            "overig",
        ),
    ]);
    let index = index(posts);
    // Two words: the literal word decides.
    let r = ranked(&index, "buren aanspraak");
    assert_eq!(r.first(), Some(&2), "{r:?}");
    // A long question in someone's own words: its need (aanspraak: gezelschap)
    // weighs as much as the literal *buren*.
    let r = ranked(
        &index,
        "sinds de nieuwe buren er wonen voelt moeder zich alleen en mist ze aanspraak",
    );
    assert_eq!(r.first(), Some(&1), "{r:?}");
}

#[test]
fn a_need_named_in_the_schedule_counts() {
    let mut posts = filler();
    let mut saturday = post(1, "Chauffeur voor uitjes", "Ik rij u graag.");
    saturday.schedule = "zaterdag, in overleg".to_owned();
    let mut tuesday = post(2, "Chauffeur voor uitjes", "Ik rij u graag.");
    tuesday.schedule = "dinsdag, in overleg".to_owned();
    posts.extend([saturday, tuesday]);
    let index = index(posts);
    // *weekend* is a need whose words include *zaterdag*.
    let r = ranked(&index, "chauffeur weekend");
    assert_eq!(r.first(), Some(&1), "{r:?}");
}

#[test]
fn filler_words_and_a_helpers_own_life_do_not_pull_posts() {
    let mut posts = filler();
    posts.extend([
        in_category(
            post(1, "Taalmaatje gezocht", "Ik wil beter Nederlands spreken."),
            "taalmaatje",
        ),
        in_category(
            post(
                2,
                "Wie kookt er eens voor mij?",
                "Ik kan zelf niet meer koken.",
            ),
            "overig",
        ),
    ]);
    let index = index(posts);
    // A volunteer who speaks some Dutch offers to cook: the cooking is the topic.
    let r = ranked(
        &index,
        "ik spreek een beetje nederlands en wil helpen met koken",
    );
    assert_eq!(r.first(), Some(&2), "{r:?}");
}

#[test]
fn a_word_of_a_need_is_not_respelt_when_no_post_uses_it() {
    let mut posts = filler();
    posts.extend([
        in_category(
            post(1, "Kraan repareren", "De kraan in de keuken is kapot."),
            "klussen",
        ),
        post(
            2,
            "Wie drukt de folders?",
            "Wie drukt de folders voor de buurt?",
        ),
    ]);
    let index = index(posts);
    // No post says *drupt*; respelt it would be *drukt*, and lose its need.
    let r = ranked(&index, "drupt");
    assert_eq!(r.first(), Some(&1), "{r:?}");
}

#[test]
fn a_diminutive_whose_word_is_indexed_is_not_respelt() {
    let mut posts = filler();
    posts.extend([
        post(1, "Het blad ruimen", "Al het blad van de boom moet weg."),
        post(2, "Blaasjes prikken", "Blaasjes prikken op het feest."),
    ]);
    let index = index(posts);
    // *blaadjes* is one edit from *blaasjes*, but its word *blad* is indexed.
    let r = ranked(&index, "blaadjes");
    assert_eq!(r.first(), Some(&1), "{r:?}");
}

#[test]
fn a_helper_who_names_a_village_sees_its_requests_first() {
    let mut posts = filler();
    let mut smilde = post(
        2,
        "Boodschappen doen",
        "Wie doet de boodschappen voor mij? Boodschappen voor de hele week.",
    );
    smilde.place = "smilde".to_owned();
    smilde.place_name = "Smilde".to_owned();
    posts.extend([
        post(1, "Hulp gezocht", "Wie doet de boodschappen voor mij?"),
        smilde,
    ]);
    let index = index(posts);
    // Most posts are in Beilen, so its name alone weighs little; a volunteer who
    // lives there still helps near home.
    let q = "ik woon in Beilen en wil helpen met boodschappen";
    let r = ranked(&index, q);
    assert_eq!(r.first(), Some(&1), "{r:?}");
}

#[test]
fn a_helper_who_says_when_they_are_free_sees_posts_at_that_time_first() {
    let mut posts = filler();
    let with_schedule = |n, schedule: &str| {
        let mut p = post(
            n,
            "Klusjes in huis",
            "Wie helpt met een paar klusjes? Een lamp ophangen en een kastje.",
        );
        p.schedule = schedule.to_owned();
        p
    };
    posts.extend([
        with_schedule(1, "doordeweeks, overdag"),
        with_schedule(2, "1x per maand, zaterdagochtend"),
        with_schedule(3, "in overleg"),
    ]);
    let index = index(posts);
    // The weekend post first, the open one next, the weekday one last.
    let r = ranked(
        &index,
        "ik heb alleen in het weekend tijd en wil helpen met klusjes",
    );
    assert_eq!(r[..3], [2, 3, 1], "{r:?}");
    // Without a time, the newest of equal posts comes first.
    let r = ranked(&index, "ik wil helpen met klusjes");
    assert_eq!(r[..3], [3, 2, 1], "{r:?}");
    // A resident's *een middag* is an amount of time, not a time.
    let r = ranked(&index, "wie kan mij een middag helpen met klusjes");
    assert_eq!(r[..3], [3, 2, 1], "{r:?}");
}

#[test]
fn a_question_for_posts_nearby_finds_the_next_villages_too() {
    let mut posts = filler();
    let at = |n, place: &str, lat, lon| {
        let mut p = post(n, "Klusjes in huis", "Wie helpt met een lamp ophangen?");
        p.place = place.to_lowercase();
        p.place_name = place.to_owned();
        p.location = Some(GeoPoint { lat, lon });
        p
    };
    posts.extend([
        at(1, "Hijken", 52.893, 6.504),
        at(2, "Hooghalen", 52.921, 6.534),
        at(3, "Smilde", 52.958, 6.449),
    ]);
    let index = index(posts);
    // Hooghalen lies 4 km from Hijken, Smilde 8 km.
    let r = ranked(&index, "klusjes in Hijken of dichtbij");
    assert_eq!(r[..3], [1, 2, 3], "{r:?}");
    // Without *dichtbij*, Hooghalen is no nearer than Smilde (the newest first).
    let r = ranked(&index, "klusjes in Hijken");
    assert_eq!(r[..3], [1, 3, 2], "{r:?}");
    // A place alone with *in de buurt*: the next village is found, the far one not.
    let r = ranked(&index, "Hijken en omgeving");
    assert_eq!(r, [1, 2], "{r:?}");
}
