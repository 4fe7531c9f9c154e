//! Search through real HTTP: Dutch full text over open posts, kept in step with every
//! change, filters and facets, no private fields, and recovery from a lost index.

use std::time::Duration;

use noaber::db::posts::{transition, Change, Transition};
use noaber_tests::{
    dog_walking_request, item_ids, post_body, spawn_app, spawn_app_with, TestApp, TestUser,
};
use reqwest::StatusCode;
use serde_json::{json, Value};

/// How long a test waits for a change to reach the search. What these tests check is
/// what the search answers; the promise of one second is `tests/latency.rs`'s.
const INDEXED_WITHIN: Duration = Duration::from_secs(5);

async fn found(app: &TestApp, path: &str, id: &str) -> bool {
    app.found_in_search(path, id, INDEXED_WITHIN).await
}

#[tokio::test]
async fn without_a_result_cache_search_answers_alike_and_follows_changes() {
    // NOABER_SEARCH_CACHE_SIZE=0: every search runs against the index.
    let app = spawn_app_with(|s| s.search_cache_size = 0).await;
    let coordinator = app.coordinator("Coördinator").await;
    let post = app
        .create_post("requests", &coordinator, &dog_walking_request())
        .await;
    let id = post["id"].as_str().unwrap();
    let query = "/api/v1/search?q=hond%20uitlaten";
    assert!(found(&app, query, id).await);
    let (status, first) = app.get(query, None).await;
    assert_eq!(status, StatusCode::OK);
    let (_, again) = app.get(query, None).await;
    assert_eq!(first, again, "the same question gets the same answer");

    app.withdraw(&coordinator, id).await;
    app.assert_gone_from_search(query, id, INDEXED_WITHIN).await;
}

#[tokio::test]
async fn dutch_queries_find_what_people_mean() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coördinator").await;
    let mut shopping = post_body("Boodschappendienst gezocht", "boodschappen", "Smilde");
    shopping["description"] = json!("Wie haalt op vrijdag mijn boodschappen bij de supermarkt?");
    let shopping = app.create_post("requests", &coordinator, &shopping).await;
    let mut dog = post_body("Hondenuitlaatservice", "maatje", "Beilen");
    dog["description"] = json!("Onze labrador moet elke dag naar buiten.");
    let dog = app.create_post("requests", &coordinator, &dog).await;
    let mut computer = post_body("Computerles voor senioren", "computerhulp", "Westerbork");
    computer["description"] = json!(
        "Uitleg over e-mail, videobellen en internetbankieren in het café van het dorpshuis."
    );
    let computer = app.create_post("offers", &coordinator, &computer).await;
    let last = computer["id"].as_str().unwrap().to_owned();
    assert!(found(&app, "/api/v1/search?q=computerles", &last).await);

    for (q, expected) in [
        ("boodschappen", &shopping),
        ("boodschapen", &shopping),
        ("hond", &dog),
        ("iemand die mijn hond uitlaat", &dog),
        ("cafe", &computer),
        ("computer", &computer),
    ] {
        let (status, body) = app
            .get(&format!("/api/v1/search?q={}", q.replace(' ', "%20")), None)
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            item_ids(&body).first().map(String::as_str),
            expected["id"].as_str(),
            "{q}: {body}"
        );
    }

    let (_, offers) = app.get("/api/v1/search?q=computer&kind=offer", None).await;
    assert_eq!(offers["total"], 1);
    let (_, requests) = app
        .get("/api/v1/search?q=computer&kind=requests", None)
        .await;
    assert!(!item_ids(&requests).contains(&last));
    // The counts per kind leave out the kind asked for: they say what else there is.
    let (_, only_offers) = app.get("/api/v1/search?kind=offer", None).await;
    assert_eq!(only_offers["total"], 1);
    assert_eq!(
        only_offers["facets"]["kind"],
        json!({"offer": 1, "request": 2})
    );
    // A village in the question is named back, so a page can offer to search only there.
    let (_, named) = app
        .get("/api/v1/search?q=boodschappen%20in%20Smilde", None)
        .await;
    assert_eq!(named["places_named"], json!(["smilde"]), "{named}");
    let (_, unnamed) = app.get("/api/v1/search?q=boodschappen", None).await;
    assert!(unnamed.get("places_named").is_none(), "{unnamed}");
    assert!(unnamed.get("without_topic").is_none(), "{unnamed}");
    // Words that say nothing of a topic list everything, and the answer says so.
    let (_, no_topic) = app.get("/api/v1/search?q=ik%20wil%20de", None).await;
    assert_eq!(
        (no_topic["total"].as_u64(), &no_topic["without_topic"]),
        (Some(3), &json!(true)),
        "{no_topic}"
    );
    let (_, all) = app.get("/api/v1/search", None).await;
    assert_eq!(all["total"], 3);
    assert_eq!(all["facets"]["category"]["boodschappen"], 1);
    assert_eq!(all["facets"]["place"]["beilen"], 1);
    // So do the counts per category: with one chosen, the others stay.
    let (_, shopping_only) = app.get("/api/v1/search?category=boodschappen", None).await;
    assert_eq!(shopping_only["total"], 1);
    assert_eq!(
        shopping_only["facets"]["category"],
        all["facets"]["category"]
    );
    assert_eq!(shopping_only["facets"]["place"], json!({"smilde": 1}));
    let (_, in_smilde) = app.get("/api/v1/search?place=Smilde", None).await;
    assert_eq!(
        item_ids(&in_smilde),
        vec![shopping["id"].as_str().unwrap().to_owned()]
    );
    let (_, near_beilen) = app
        .get("/api/v1/search?place=beilen&within_km=5", None)
        .await;
    assert_eq!(
        item_ids(&near_beilen),
        vec![dog["id"].as_str().unwrap().to_owned()],
        "Smilde and Westerbork are more than 5 km away"
    );
    let (_, wider) = app
        .get("/api/v1/search?place=beilen&within_km=15", None)
        .await;
    assert_eq!(wider["total"], 3);
    assert!(wider["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["distance_km"].is_number()));
    let (_, page) = app.get("/api/v1/search?limit=2&offset=2", None).await;
    assert_eq!(
        (page["total"].as_u64(), item_ids(&page).len()),
        (Some(3), 1)
    );
}

#[tokio::test]
async fn signed_in_callers_see_their_kind_first_and_a_double_post_once() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coördinator").await;
    let garden = |title: &str| {
        let mut body = post_body(title, "tuin", "Beilen");
        body["description"] = json!("Snoeien van de heg en de struiken, een keer per maand.");
        body
    };
    // The same words as an offer and, posted later, as a request: anonymously the
    // newer one comes first at equal relevance.
    let offer = app
        .create_post("offers", &coordinator, &garden("Hulp in de tuin"))
        .await;
    let request = app
        .create_post("requests", &coordinator, &garden("Hulp in de tuin"))
        .await;
    let (offer, request) = (
        offer["id"].as_str().unwrap(),
        request["id"].as_str().unwrap(),
    );
    let mut shopping = post_body("Boodschappen op vrijdag", "boodschappen", "Smilde");
    shopping["description"] = json!("Wie haalt op vrijdag mijn boodschappen?");
    app.create_post("requests", &coordinator, &shopping).await;
    let twice = app.create_post("requests", &coordinator, &shopping).await;
    assert!(
        found(
            &app,
            "/api/v1/search?q=boodschappen",
            twice["id"].as_str().unwrap()
        )
        .await
    );

    let resident = app.user("resident", "Inge").await;
    let volunteer = app.user("volunteer", "Jan").await;
    let first = |body: &Value| item_ids(body).first().cloned().unwrap_or_default();
    let (_, anonymous) = app.get("/api/v1/search?q=heg%20snoeien", None).await;
    assert_eq!(first(&anonymous), request, "{anonymous}");
    let (_, as_resident) = app
        .get("/api/v1/search?q=heg%20snoeien", Some(&resident.token))
        .await;
    assert_eq!(
        first(&as_resident),
        offer,
        "a resident looks for help offered: {as_resident}"
    );
    let (_, as_volunteer) = app
        .get("/api/v1/search?q=heg%20snoeien", Some(&volunteer.token))
        .await;
    assert_eq!(
        first(&as_volunteer),
        request,
        "a volunteer looks for requests: {as_volunteer}"
    );
    assert_eq!(
        anonymous["facets"]["kind"],
        json!({"offer": 1, "request": 1})
    );
    // The response says which kinds were ranked higher, and why.
    assert!(anonymous.get("preferred").is_none(), "{anonymous}");
    assert_eq!(
        as_resident["preferred"],
        json!({"kinds": ["offer"], "because": "role"})
    );
    // Anonymous, the wording can name the side: someone who helps (offers), or
    // the questions residents asked (requests).
    for (q, expected, kind) in [
        ("iemand%20die%20mijn%20heg%20kan%20snoeien", &offer, "offer"),
        (
            "openstaande%20hulpvragen%20heg%20snoeien",
            &request,
            "request",
        ),
    ] {
        let (_, body) = app.get(&format!("/api/v1/search?q={q}"), None).await;
        assert_eq!(&first(&body), expected, "{body}");
        assert_eq!(
            body["preferred"],
            json!({"kinds": [kind], "because": "wording"})
        );
    }

    // A professional's volunteer for a client: offers and vacancies.
    let (_, body) = app
        .get(
            "/api/v1/search?q=snoeivrijwilliger%20voor%20een%20cli%C3%ABnt",
            None,
        )
        .await;
    assert_eq!(
        body["preferred"],
        json!({"kinds": ["offer", "vacancy"], "because": "wording"})
    );

    // The same request posted twice by one author is one result.
    let (_, shopping) = app.get("/api/v1/search?q=boodschappen", None).await;
    assert_eq!(shopping["total"], 1, "{shopping}");
    assert_eq!(item_ids(&shopping).len(), 1);
}

#[tokio::test]
async fn bad_search_parameters_get_clear_errors() {
    let app = spawn_app().await;
    for (path, field) in [
        ("/api/v1/search?kind=hond", "kind"),
        ("/api/v1/search?category=dieren", "category"),
        ("/api/v1/search?place=Parijs", "place"),
        ("/api/v1/search?within_km=5", "place"),
        ("/api/v1/search?place=beilen&within_km=500", "within_km"),
        ("/api/v1/search?place=beilen&within_km=vijf", "within_km"),
        ("/api/v1/search?limit=veel", "limit"),
    ] {
        let (status, body) = app.get(path, None).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{path}");
        assert!(body["errors"][field].is_string(), "{path}: {body}");
    }
}

/// A server with one published request (*Heg snoeien in Elp*), already searchable;
/// returns the app, its coordinator and the post's id.
async fn app_with_a_hedge_post() -> (TestApp, TestUser, String) {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coördinator").await;
    let post = app
        .create_post(
            "requests",
            &coordinator,
            &post_body("Heg snoeien in Elp", "tuin", "Elp"),
        )
        .await;
    let id = post["id"].as_str().unwrap().to_owned();
    assert!(found(&app, "/api/v1/search?q=heg", &id).await);
    (app, coordinator, id)
}

#[tokio::test]
async fn search_recovers_after_the_index_is_deleted() {
    let (mut app, coordinator, id) = app_with_a_hedge_post().await;

    app.restart(|data_dir| {
        std::fs::remove_dir_all(data_dir.join("search")).expect("index removed")
    })
    .await;
    let (_, body) = app.get("/api/v1/search?q=heg", None).await;
    assert_eq!(
        item_ids(&body),
        vec![id.clone()],
        "rebuilt from the database at start-up"
    );
    let (status, ready) = app.get("/readyz", None).await;
    assert_eq!(
        (status, ready["search"].as_str()),
        (StatusCode::OK, Some("ok"))
    );

    // A change made while the service is down is applied at the next start.
    let url = app.settings.database_url.clone();
    let (post_id, actor) = (id.clone(), coordinator.id.clone());
    app.restart(move |_| {
        let db = noaber::db::Db::connect(&url).expect("db");
        let withdraw: Transition = noaber::domain::PostMove::WITHDRAW.into();
        let change = Change {
            actor_id: &actor,
            reason: None,
        };
        let moved = db
            .run_blocking(|conn| {
                transition(conn, &post_id, &withdraw, &change).map_err(noaber::db::DbError::from)
            })
            .expect("withdrawn while stopped");
        assert!(moved);
    })
    .await;
    let (_, after) = app.get("/api/v1/search?q=heg", None).await;
    assert!(item_ids(&after).is_empty(), "{after}");
}

/// Changes a post's title in the database without a change for the index: only a
/// rebuild of the index shows it.
fn retitle_behind_the_index(database_url: &str, id: &str, title: &str) {
    use diesel::RunQueryDsl;
    let sql = format!("UPDATE posts SET title = '{title}' WHERE id = '{id}'");
    let updated = match &mut noaber::db::establish(database_url).expect("db") {
        noaber::db::DbConn::Postgres(conn) => diesel::sql_query(&sql).execute(conn),
        noaber::db::DbConn::Sqlite(conn) => diesel::sql_query(&sql).execute(conn),
    };
    assert_eq!(updated.expect("title changed"), 1);
}

#[tokio::test]
async fn an_index_of_an_older_kind_of_document_is_rebuilt_at_start_up() {
    let (mut app, _, id) = app_with_a_hedge_post().await;
    let url = app.settings.database_url.clone();
    let retitle = |title: &'static str| {
        let (url, id) = (url.clone(), id.clone());
        move |_: &std::path::Path| retitle_behind_the_index(&url, &id, title)
    };

    // A restart catches up on changes only: the title changed behind its back stays.
    app.restart(retitle("Buxus knippen")).await;
    let (_, body) = app.get("/api/v1/search?q=buxus", None).await;
    assert!(item_ids(&body).is_empty(), "{body}");

    // Documents of another version: the index is made anew from the database.
    let version = app.data_dir.join("search/noaber-documents-version");
    assert_eq!(
        std::fs::read_to_string(&version).ok().as_deref(),
        Some(noaber::search_sync::DOCUMENTS_VERSION)
    );
    app.restart(move |_| std::fs::write(&version, "1").expect("version written"))
        .await;
    let (_, body) = app.get("/api/v1/search?q=buxus", None).await;
    assert_eq!(item_ids(&body), vec![id.clone()], "{body}");
}

/// A vacancy in the results says which organisation offers it (its name as it is now,
/// from the database); a request carries no organisation.
#[tokio::test]
async fn vacancies_in_the_results_name_their_organisation() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coby").await;
    let org = app
        .register(
            "organisation",
            "Marja Kuipers",
            &noaber_tests::fresh_email("org"),
            None,
        )
        .await;
    let (status, body) = app
        .send(
            reqwest::Method::PATCH,
            "/api/v1/me",
            Some(&org.token),
            &json!({"organisation": "Zorgcentrum De Hofstee"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let vacancy = app.open_vacancy(&org, &coordinator).await;
    let inge = app.user("resident", "Inge").await;
    let request = app
        .open_post(
            "requests",
            &inge,
            &coordinator,
            &post_body("Koffieochtend in Beilen", "bezoekwerk", "Beilen"),
        )
        .await;
    let (seen, results) = app
        .eventually(
            "/api/v1/search?q=koffieochtend",
            Duration::from_secs(10),
            |b| b["items"].as_array().is_some_and(|i| i.len() == 2),
        )
        .await;
    assert!(seen, "{results}");
    for item in results["items"].as_array().expect("items") {
        let expected = if item["id"] == vacancy.as_str() {
            json!("Zorgcentrum De Hofstee")
        } else {
            assert_eq!(item["id"], request.as_str());
            Value::Null
        };
        assert_eq!(item["organisation"], expected, "{item}");
    }
}

/// *Hoe vaak?*: `frequency=weekly|once|flexible` finds only posts with that kind of
/// schedule; anything else is a 422 on the parameter.
#[tokio::test]
async fn search_filters_on_how_often_help_is_wanted() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coby").await;
    let inge = app.user("resident", "Inge").await;
    let weekly = app
        .open_post("requests", &inge, &coordinator, &dog_walking_request())
        .await;
    let mut once = post_body("Wandelen met de hond op zaterdag", "maatje", "Beilen");
    let tomorrow = chrono::Local::now().date_naive() + chrono::Days::new(1);
    once["schedule"] = json!({"kind": "once", "date": tomorrow.to_string(), "parts": ["morning"]});
    let once = app.open_post("requests", &inge, &coordinator, &once).await;
    let flexible = app
        .open_post(
            "requests",
            &inge,
            &coordinator,
            &post_body("Hond uitlaten in overleg", "maatje", "Beilen"),
        )
        .await;
    assert!(found(&app, "/api/v1/search?q=hond", &flexible).await);
    for (frequency, id) in [
        ("weekly", &weekly),
        ("once", &once),
        ("flexible", &flexible),
    ] {
        let (status, body) = app
            .get(
                &format!("/api/v1/search?q=hond&frequency={frequency}"),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(
            item_ids(&body),
            std::slice::from_ref(id),
            "{frequency}: {body}"
        );
        assert_eq!(body["total"], 1);
    }
    let (status, body) = app.get("/api/v1/search?frequency=wekelijks", None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body["errors"]["frequency"]
            .as_str()
            .unwrap()
            .contains("elke week"),
        "{body}"
    );
}
