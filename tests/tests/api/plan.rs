//! Matching beyond one request: the weekly plan (*weekvoorstel*) over all open
//! requests, the coordinator's decisions recorded with the rank the chosen volunteer
//! had, the figure made of them, fairness in the load criterion, and
//! `noaber tune-weights` — all through real HTTP (and the real binary) on the backend
//! this run targets.

use noaber_tests::{dog_walking_request, spawn_app, spawn_app_with, Profile, TestApp, TestUser};
use reqwest::StatusCode;
use serde_json::{json, Value};

/// A dog-walking request like the fixture's, in `place`, with its own title.
fn dog_walk_in(place: &str, title: &str) -> Value {
    let mut body = dog_walking_request();
    body["place"] = json!(place);
    body["title"] = json!(title);
    body
}

/// Opens a request by a new resident; returns its id.
async fn open_in(app: &TestApp, coordinator: &TestUser, body: &Value) -> String {
    let resident = app.user("resident", "Bewoner").await;
    app.open_post("requests", &resident, coordinator, body)
        .await
}

async fn suggestions(app: &TestApp, coordinator: &TestUser, request: &str) -> Vec<Value> {
    let (status, body) = app
        .get(
            &format!("/api/v1/requests/{request}/suggestions?limit=10"),
            Some(&coordinator.token),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body["items"].as_array().cloned().unwrap_or_default()
}

async fn propose(app: &TestApp, coordinator: &TestUser, request: &str, volunteer: &str) {
    let (status, body) = app
        .post(
            "/api/v1/matches",
            Some(&coordinator.token),
            &json!({"request_id": request, "volunteer_id": volunteer}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}

/// The Wijster story: Anna (Wijster, travels far, one match at a time) fits the Beilen
/// request best, but she is the only one who can reach the Wijster request; Bert
/// (Beilen, travels 4 km) would do for Beilen.
struct Wijster {
    coordinator: TestUser,
    anna: TestUser,
    bert: TestUser,
    beilen: String,
    wijster: String,
    saturday: String,
}

async fn wijster_story(app: &TestApp) -> Wijster {
    let coordinator = app.coordinator("Coördinator").await;
    let dogs = Profile::at("Wijster").talents(&["hond-uitlaten"]);
    let anna = app
        .vetted_volunteer(
            &coordinator,
            "Anna Wijster",
            &dogs.within_km(20).max_matches(1),
        )
        .await;
    let walks = Profile::at("Beilen").talents(&["wandelen"]).within_km(4);
    let bert = app
        .vetted_volunteer(&coordinator, "Bert Beilen", &walks)
        .await;
    // Published in this order: one by one, Beilen comes first and takes Anna.
    let beilen = open_in(
        app,
        &coordinator,
        &dog_walk_in("Beilen", "Hond uitlaten in Beilen"),
    )
    .await;
    let wijster = open_in(
        app,
        &coordinator,
        &dog_walk_in("Wijster", "Hond uitlaten in Wijster"),
    )
    .await;
    let mut weekend = dog_walk_in("Beilen", "Zaterdagochtend wandelen met de hond");
    weekend["schedule"] = json!({"kind": "weekly", "slots": [{"day": "sat", "part": "morning"}], "hours_per_week": 1});
    let saturday = open_in(app, &coordinator, &weekend).await;
    Wijster {
        coordinator,
        anna,
        bert,
        beilen,
        wijster,
        saturday,
    }
}

fn pair_for<'a>(plan: &'a Value, request: &str) -> Option<&'a Value> {
    plan["pairs"]
        .as_array()?
        .iter()
        .find(|p| p["request"]["id"] == request)
}

#[tokio::test]
async fn the_weekly_plan_covers_the_request_that_one_by_one_leaves_without_help() {
    let app = spawn_app().await;
    let story = wijster_story(&app).await;
    let token = Some(story.coordinator.token.as_str());
    // One request at a time, Anna is the first choice in Beilen.
    let beilen = suggestions(&app, &story.coordinator, &story.beilen).await;
    assert_eq!(
        beilen[0]["volunteer"]["id"],
        story.anna.id.as_str(),
        "{beilen:?}"
    );
    assert_eq!(beilen.len(), 2);

    let (status, plan) = app.get("/api/v1/matching/plan", token).await;
    assert_eq!(status, StatusCode::OK, "{plan}");
    assert_eq!(
        (plan["waiting"].as_u64(), plan["requests"].as_u64()),
        (Some(3), Some(3)),
        "{plan}"
    );
    assert_eq!(plan["covered"], 2, "{plan}");
    assert_eq!(plan["one_by_one"], 1, "{plan}");

    let in_beilen = pair_for(&plan, &story.beilen).expect("Beilen paired");
    assert_eq!(in_beilen["volunteer"]["id"], story.bert.id.as_str());
    assert_eq!(in_beilen["rank"], 2);
    let why = in_beilen["why"].as_str().unwrap_or_default();
    assert!(
        why.contains("Anna Wijster")
            && why.contains("Hond uitlaten in Wijster")
            && why.contains("de enige"),
        "{why}"
    );
    let in_wijster = pair_for(&plan, &story.wijster).expect("Wijster paired");
    assert_eq!(in_wijster["volunteer"]["id"], story.anna.id.as_str());
    assert_eq!(in_wijster["eligible"], 1);
    assert!(in_wijster["reasons"]
        .as_array()
        .is_some_and(|r| !r.is_empty()));

    let gaps = plan["left_out"].as_array().expect("left out");
    assert_eq!(gaps.len(), 1, "{gaps:?}");
    assert_eq!(gaps[0]["request"]["id"], story.saturday.as_str());
    assert_eq!(gaps[0]["shortfall"]["reason"], "no_one_available");
    assert!(
        gaps[0]["reason"]
            .as_str()
            .unwrap_or_default()
            .starts_with("Niemand"),
        "{gaps:?}"
    );

    // Filters: only Wijster's requests.
    let (status, only) = app.get("/api/v1/matching/plan?place=wijster", token).await;
    assert_eq!(status, StatusCode::OK, "{only}");
    assert_eq!(
        (only["requests"].as_u64(), only["covered"].as_u64()),
        (Some(1), Some(1))
    );

    // Nothing was stored: the coordinator proposes a pair through the match route,
    // and a request with a proposal is no longer in the plan.
    propose(&app, &story.coordinator, &story.wijster, &story.anna.id).await;
    let (_, after) = app.get("/api/v1/matching/plan", token).await;
    assert_eq!(after["requests"], 2, "{after}");
    assert!(pair_for(&after, &story.wijster).is_none());
}

#[tokio::test]
async fn the_weekly_plan_is_for_coordinators_and_checks_its_filters() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coördinator").await;
    let (status, _) = app.get("/api/v1/matching/plan", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let volunteer = app.user("volunteer", "Vera").await;
    let (status, body) = app
        .get("/api/v1/matching/plan", Some(&volunteer.token))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(body.get("pairs").is_none());
    let (status, body) = app
        .get(
            "/api/v1/matching/plan?category=bestaat-niet",
            Some(&coordinator.token),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (status, empty) = app
        .get("/api/v1/matching/plan", Some(&coordinator.token))
        .await;
    assert_eq!(status, StatusCode::OK, "{empty}");
    assert_eq!(
        (empty["requests"].as_u64(), empty["covered"].as_u64()),
        (Some(0), Some(0))
    );
}

fn this_year() -> i32 {
    use chrono::Datelike;
    noaber::domain::today().year()
}

#[tokio::test]
async fn each_proposal_records_the_rank_the_volunteer_had_and_the_report_counts_it() {
    let app = spawn_app().await;
    let story = wijster_story(&app).await;
    let token = Some(story.coordinator.token.as_str());
    // Bert was second in Beilen, Anna first (and only) in Wijster.
    propose(&app, &story.coordinator, &story.beilen, &story.bert.id).await;
    let path = format!("/api/v1/reports/annual?year={}", this_year());
    let (status, report) = app.get(&path, token).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    let total = &report["figures"]["suggestions"]["total"];
    assert_eq!(total["decisions"], 1, "{total}");
    assert_eq!(total["mean_reciprocal_rank"], 0.5, "{total}");
    assert_eq!(total["first_choice"], 0.0, "{total}");

    propose(&app, &story.coordinator, &story.wijster, &story.anna.id).await;
    let (_, report) = app.get(&path, token).await;
    let q = &report["figures"]["suggestions"];
    assert_eq!(q["total"]["decisions"], 2, "{q}");
    assert_eq!(q["total"]["mean_reciprocal_rank"], 0.75, "{q}");
    assert_eq!(q["total"]["first_choice"], 0.5, "{q}");
    assert_eq!(q["by_category"][0]["key"], "maatje", "{q}");
    assert_eq!(q["by_category"][0]["label"], "Maatje", "{q}");
    assert_eq!(q["by_month"].as_array().map(Vec::len), Some(1), "{q}");
    assert_eq!(report["previous"]["suggestions"]["total"]["decisions"], 0);

    // Each volunteer's matches of the last 90 days, in the list and in one profile.
    let (status, one) = app
        .get(&format!("/api/v1/volunteers/{}", story.bert.id), token)
        .await;
    assert_eq!(status, StatusCode::OK, "{one}");
    assert_eq!(one["recent_matches"], 1, "{one}");
    let (_, list) = app.get("/api/v1/volunteers", token).await;
    let anna = list["items"]
        .as_array()
        .and_then(|items| items.iter().find(|v| v["id"] == story.anna.id.as_str()))
        .unwrap_or_else(|| panic!("Anna listed: {list}"));
    assert_eq!(anna["recent_matches"], 1, "{anna}");

    // The CSV carries the same figure.
    let csv = app
        .client
        .get(app.url(&path))
        .bearer_auth(&story.coordinator.token)
        .header("Accept", "text/csv")
        .send()
        .await
        .expect("csv")
        .text()
        .await
        .expect("csv text");
    assert!(csv.contains("Eerste voorstel gekozen (%)"), "{csv}");
    assert!(csv.contains("0,75"), "{csv}");
}

/// Two identical dog walkers in Beilen; `half` is NOABER_MATCH_RECENT_HALF.
async fn twins_after_three_proposals_for_one(half: f64) -> (Vec<Value>, TestUser, TestUser) {
    let app = spawn_app_with(|s| s.matching.recent_match_half = half).await;
    let coordinator = app.coordinator("Coördinator").await;
    let profile = Profile::at("Beilen").talents(&["hond-uitlaten"]);
    let busy = app
        .vetted_volunteer(&coordinator, "Drukke Dineke", &profile)
        .await;
    let free = app
        .vetted_volunteer(&coordinator, "Vrije Frits", &profile)
        .await;
    for n in 0..3 {
        let other = open_in(
            &app,
            &coordinator,
            &dog_walk_in("Beilen", &format!("Hond {n}")),
        )
        .await;
        propose(&app, &coordinator, &other, &busy.id).await;
    }
    let request = open_in(&app, &coordinator, &dog_walk_in("Beilen", "Nog een hond")).await;
    (suggestions(&app, &coordinator, &request).await, busy, free)
}

#[tokio::test]
async fn volunteers_asked_often_lately_rank_below_those_who_were_not() {
    let (ranked, busy, free) = twins_after_three_proposals_for_one(3.0).await;
    assert_eq!(ranked[0]["volunteer"]["id"], free.id.as_str(), "{ranked:?}");
    assert_eq!(ranked[1]["volunteer"]["id"], busy.id.as_str(), "{ranked:?}");
    assert_eq!(ranked[1]["volunteer"]["recent_matches"], 3);
    assert_eq!(ranked[0]["volunteer"]["recent_matches"], 0);
    let load = |i: usize| ranked[i]["breakdown"]["load"].as_f64().unwrap_or(-1.0);
    assert!(
        (load(1) - load(0) * 0.5).abs() < 1e-9,
        "three recent matches halve the load score: {ranked:?}"
    );
    assert!(
        ranked[1]["reasons"].to_string().contains("90 dagen"),
        "{ranked:?}"
    );

    // Turned off, the two score the same.
    let (ranked, ..) = twins_after_three_proposals_for_one(0.0).await;
    assert_eq!(ranked[0]["score"], ranked[1]["score"], "{ranked:?}");
}

/// The share of the distance weight in a `NOABER_MATCH_WEIGHTS` value.
fn distance_share(setting: &str) -> f64 {
    let weights: Vec<(String, f64)> = setting
        .split(',')
        .filter_map(|part| {
            let (name, value) = part.split_once('=')?;
            Some((name.trim().to_owned(), value.trim().parse().ok()?))
        })
        .collect();
    let total: f64 = weights.iter().map(|(_, w)| w).sum();
    let distance = weights
        .iter()
        .find(|(n, _)| n == "distance")
        .map_or(0.0, |(_, w)| *w);
    distance / total
}

/// The value after `label` ... `NOABER_MATCH_WEIGHTS=` on the line starting with `label`.
fn setting_on(output: &str, label: &str) -> String {
    output
        .lines()
        .find(|l| l.starts_with(label))
        .and_then(|l| l.split_once("NOABER_MATCH_WEIGHTS="))
        .map(|(_, v)| v.trim().to_owned())
        .unwrap_or_else(|| panic!("no {label} line in {output}"))
}

#[tokio::test]
async fn tune_weights_learns_that_this_coordinator_prefers_volunteers_close_by() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coördinator").await;
    let people = [
        ("Beilen", "hond-uitlaten"),
        ("Wijster", "wandelen"),
        ("Hooghalen", "fietsen"),
        ("Westerbork", "dieren-verzorgen"),
        ("Smilde", "hond-uitlaten"),
    ];
    for (place, talent) in people {
        let profile = Profile::at(place)
            .talents(&[talent])
            .within_km(25)
            .max_matches(5);
        app.vetted_volunteer(&coordinator, &format!("Vrijwilliger {place}"), &profile)
            .await;
    }
    let villages = [
        "Wijster",
        "Hooghalen",
        "Westerbork",
        "Orvelte",
        "Elp",
        "Mantinge",
        "Drijber",
        "Bruntinge",
        "Beilen",
        "Smilde",
        "Wijster",
        "Hooghalen",
        "Westerbork",
        "Orvelte",
    ];
    let mut not_first = 0;
    for (n, village) in villages.iter().enumerate() {
        let request = open_in(
            &app,
            &coordinator,
            &dog_walk_in(village, &format!("Hond {n} in {village}")),
        )
        .await;
        let ranked = suggestions(&app, &coordinator, &request).await;
        // This coordinator always takes whoever lives closest.
        let closest = ranked
            .iter()
            .min_by(|a, b| {
                a["distance_km"]
                    .as_f64()
                    .unwrap_or(f64::MAX)
                    .total_cmp(&b["distance_km"].as_f64().unwrap_or(f64::MAX))
            })
            .expect("someone suggested");
        if closest["volunteer"]["id"] != ranked[0]["volunteer"]["id"] {
            not_first += 1;
        }
        let id = closest["volunteer"]["id"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        propose(&app, &coordinator, &request, &id).await;
    }
    assert!(
        not_first >= 4,
        "the closest is often not the first suggestion: {not_first}"
    );

    let (ok, output) = crate::cli::noaber_on(
        &app.data_dir,
        &app.settings.database_url,
        &["tune-weights", "--folds", "3"],
        "",
    );
    assert!(ok, "{output}");
    assert!(
        output.contains(&format!("decisions: {}", villages.len())),
        "{output}"
    );
    let current = distance_share(&setting_on(&output, "current:"));
    let proposed = distance_share(&setting_on(&output, "proposed:"));
    assert!(
        proposed > current + 0.05,
        "distance weighs more: {current:.2} → {proposed:.2}\n{output}"
    );
    let held_out = output
        .lines()
        .find(|l| l.starts_with("mean reciprocal rank on held-out"))
        .unwrap_or_else(|| panic!("{output}"));
    let figures: Vec<f64> = held_out
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .filter_map(|w| w.parse().ok())
        .collect();
    // "(3 folds): current A, proposed B"
    let (before, after) = (figures[figures.len() - 2], figures[figures.len() - 1]);
    assert!(
        after > before,
        "held-out MRR improves: {before} → {after}\n{output}"
    );

    // Nothing is applied by itself; too few decisions propose nothing.
    let (ok, output) = crate::cli::noaber_on(
        &app.data_dir,
        &app.settings.database_url,
        &["tune-weights", "--since", "2999-01-01"],
        "",
    );
    assert!(ok && output.contains("nothing proposed"), "{output}");
    let (ok, output) = crate::cli::noaber_on(
        &app.data_dir,
        &app.settings.database_url,
        &["tune-weights", "--since", "gisteren"],
        "",
    );
    assert!(!ok && output.contains("2026-01-31"), "{output}");
}
