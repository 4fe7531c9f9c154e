//! Matching through real HTTP: ranked, explained suggestions for a request
//! (coordinator) and for a volunteer, hard filters, and weights that matter.

use noaber_tests::{
    days_ago, dog_walking_request, post_body, spawn_app, spawn_app_with, Profile, TestApp, TestUser,
};
use reqwest::StatusCode;
use serde_json::{json, Value};

/// Walks dogs in `place` on Tuesday afternoons, travelling up to 20 km.
fn walks_dogs_in(place: &str) -> Profile {
    Profile::at(place).talents(&["hond-uitlaten"]).within_km(20)
}

/// A volunteer in `place` who walks dogs on Tuesday afternoons and has a recent VOG.
async fn dog_walker(app: &TestApp, coordinator: &TestUser, name: &str, place: &str) -> TestUser {
    app.vetted_volunteer(coordinator, name, &walks_dogs_in(place))
        .await
}

fn names(suggestions: &Value) -> Vec<String> {
    suggestions["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["volunteer"]["name"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn the_dog_walking_maatje_in_beilen_gets_the_right_volunteers() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coördinator").await;
    let inge = app.user("resident", "Inge").await;
    let id = app.open_request(&inge, &coordinator).await;

    dog_walker(&app, &coordinator, "Sharon Beilen", "Beilen").await;
    dog_walker(&app, &coordinator, "Piet Smilde", "Smilde").await;
    let weekends = walks_dogs_in("Beilen").available(&[("sat", "morning"), ("sun", "afternoon")]);
    app.vetted_volunteer(&coordinator, "Weekend Willem", &weekends)
        .await;
    app.volunteer_with_profile("Geen Vog", &walks_dogs_in("Beilen"))
        .await;
    let old_vog = app
        .volunteer_with_profile("Oude Vog", &walks_dogs_in("Beilen"))
        .await;
    // Issued four years ago: long expired.
    app.give_vog(&coordinator, &old_vog, &days_ago(4 * 366))
        .await;
    let computers = Profile::at("Beilen")
        .talents(&["computerhulp"])
        .within_km(20);
    app.vetted_volunteer(&coordinator, "Inge Zelf", &computers)
        .await;

    let (status, suggestions) = app
        .get(
            &format!("/api/v1/requests/{id}/suggestions?limit=10"),
            Some(&coordinator.token),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{suggestions}");
    let ranked = names(&suggestions);
    assert_eq!(
        ranked.first().map(String::as_str),
        Some("Sharon Beilen"),
        "{ranked:?}"
    );
    let piet = ranked
        .iter()
        .position(|n| n == "Piet Smilde")
        .expect("Smilde volunteer suggested");
    assert!(piet > 0);
    for excluded in ["Weekend Willem", "Geen Vog", "Oude Vog"] {
        assert!(
            !ranked.iter().any(|n| n == excluded),
            "{excluded} must never be suggested: {ranked:?}"
        );
    }
    let best = &suggestions["items"][0];
    let reasons: Vec<&str> = best["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    assert!(
        reasons.iter().any(|r| r.contains("dinsdagmiddag")),
        "{reasons:?}"
    );
    assert!(
        reasons
            .iter()
            .any(|r| r.to_lowercase().contains("hond uitlaten")),
        "{reasons:?}"
    );
    assert!(best["breakdown"]["talents"].as_f64().unwrap() > 0.99);
    // Maatjes need a VOG here: everyone suggested has one that counts today.
    assert!(suggestions["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["volunteer"]["vog_valid"] == true));
    let scores: Vec<f64> = suggestions["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["score"].as_f64().unwrap())
        .collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "best first: {scores:?}"
    );
    let smilde = &suggestions["items"][piet];
    assert!(
        (smilde["distance_km"].as_f64().unwrap() - 10.5).abs() < 2.0,
        "Beilen–Smilde is about 10 km: {smilde}"
    );
    assert!(smilde.to_string().contains("km weg"));
}

#[tokio::test]
async fn suggestions_are_for_coordinators_and_known_requests() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coördinator").await;
    let inge = app.user("resident", "Inge").await;
    let request = app
        .create_post("requests", &inge, &dog_walking_request())
        .await;
    let path = format!(
        "/api/v1/requests/{}/suggestions",
        request["id"].as_str().unwrap()
    );
    let sharon = dog_walker(&app, &coordinator, "Sharon", "Beilen").await;
    for token in [&inge.token, &sharon.token] {
        let (status, _) = app.get(&path, Some(token)).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
    let (status, _) = app.get(&path, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = app
        .get(
            &format!("/api/v1/requests/{}/suggestions", uuid::Uuid::new_v4()),
            Some(&coordinator.token),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn volunteers_see_the_open_posts_that_fit_them() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coördinator").await;
    let inge = app.user("resident", "Inge").await;
    let walk = app.open_request(&inge, &coordinator).await;
    let mut garden = dog_walking_request();
    garden["title"] = json!("Tuin winterklaar maken");
    garden["category"] = json!("tuin");
    garden["talents"] = json!(["tuinieren"]);
    garden["place"] = json!("Westerbork");
    app.open_post("requests", &inge, &coordinator, &garden)
        .await;
    let pending = app
        .create_post("requests", &inge, &dog_walking_request())
        .await;

    let sharon = dog_walker(&app, &coordinator, "Sharon", "Beilen").await;
    let (status, mine) = app.get("/api/v1/me/suggestions", Some(&sharon.token)).await;
    assert_eq!(status, StatusCode::OK, "{mine}");
    let ids: Vec<&str> = mine["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["post"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids.first().copied(),
        Some(walk.as_str()),
        "the dog walk fits best: {mine}"
    );
    assert!(
        !ids.contains(&pending["id"].as_str().unwrap()),
        "unpublished posts are never suggested"
    );
    assert!(mine["items"][0]["reasons"].as_array().unwrap().len() >= 2);

    let saturdays = walks_dogs_in("Beilen").available(&[("sat", "morning")]);
    let weekend = app
        .vetted_volunteer(&coordinator, "Willem", &saturdays)
        .await;
    let (_, none) = app
        .get("/api/v1/me/suggestions", Some(&weekend.token))
        .await;
    assert_eq!(
        none["items"].as_array().unwrap().len(),
        0,
        "no overlap in time, no suggestion: {none}"
    );

    let newcomer = app.user("volunteer", "Nieuw").await;
    let (status, body) = app
        .get("/api/v1/me/suggestions", Some(&newcomer.token))
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(body["detail"].as_str().unwrap().contains("profiel"));
    let (status, _) = app.get("/api/v1/me/suggestions", Some(&inge.token)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

async fn ranking_with(weights: &str) -> Vec<String> {
    let weights = weights.to_owned();
    let app = spawn_app_with(move |s| {
        s.matching.weights = noaber::config::parse_weights(&weights, s.matching.weights).unwrap()
    })
    .await;
    let coordinator = app.coordinator("Coördinator").await;
    let inge = app.user("resident", "Inge").await;
    let request = app
        .create_post("requests", &coordinator, &dog_walking_request())
        .await;
    let _ = inge;
    // Near but only a related talent, against far with the exact talent.
    let walks = Profile::at("Beilen").talents(&["wandelen"]).within_km(20);
    app.vetted_volunteer(&coordinator, "Dichtbij", &walks).await;
    dog_walker(&app, &coordinator, "Verweg", "Smilde").await;
    let (_, suggestions) = app
        .get(
            &format!(
                "/api/v1/requests/{}/suggestions",
                request["id"].as_str().unwrap()
            ),
            Some(&coordinator.token),
        )
        .await;
    names(&suggestions)
}

#[tokio::test]
async fn configured_weights_change_the_ranking() {
    let by_distance = ranking_with("distance=10,talents=1").await;
    let by_talent = ranking_with("distance=0,talents=10").await;
    assert_eq!(by_distance, vec!["Dichtbij", "Verweg"]);
    assert_eq!(by_talent, vec!["Verweg", "Dichtbij"]);
}

#[tokio::test]
async fn suggestions_follow_profile_and_vog_changes_at_once() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coördinator").await;
    let inge = app.user("resident", "Inge").await;
    let request = app
        .create_post("requests", &inge, &dog_walking_request())
        .await;
    let path = format!(
        "/api/v1/requests/{}/suggestions",
        request["id"].as_str().unwrap()
    );
    let sharon = dog_walker(&app, &coordinator, "Sharon", "Beilen").await;
    let (_, before) = app.get(&path, Some(&coordinator.token)).await;
    assert_eq!(names(&before), vec!["Sharon"]);

    // A volunteer who joins later is found without a restart.
    dog_walker(&app, &coordinator, "Piet", "Wijster").await;
    let (_, joined) = app.get(&path, Some(&coordinator.token)).await;
    assert_eq!(names(&joined), vec!["Sharon", "Piet"]);

    // Sharon now only has weekends: she drops out.
    let weekend = walks_dogs_in("Beilen").available(&[("sat", "morning")]);
    app.set_profile(&sharon, &weekend).await;
    let (_, after) = app.get(&path, Some(&coordinator.token)).await;
    assert_eq!(names(&after), vec!["Piet"]);

    // Piet's VOG is withdrawn by the coordinator: nobody is left.
    let (_, piet) = app
        .get("/api/v1/volunteers?place=wijster", Some(&coordinator.token))
        .await;
    let piet_id = piet["items"][0]["id"].as_str().unwrap();
    let (status, _) = app
        .try_record_vog(&coordinator, piet_id, &json!({"status": "none"}))
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, empty) = app.get(&path, Some(&coordinator.token)).await;
    assert!(names(&empty).is_empty(), "{empty}");
}

#[tokio::test]
async fn suggestions_say_who_has_a_vog_that_counts_today() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coördinator").await;
    let inge = app.user("resident", "Inge").await;
    let mut odd_job = post_body("Schilderen van mijn schuur", "klussen", "Beilen");
    odd_job["talents"] = json!(["schilderen"]);
    let id = app
        .open_post("requests", &inge, &coordinator, &odd_job)
        .await;
    let painters = Profile::at("Beilen").talents(&["schilderen"]);
    app.vetted_volunteer(&coordinator, "Met Vog", &painters)
        .await;
    app.volunteer_with_profile("Zonder Vog", &painters).await;
    let expired = app.volunteer_with_profile("Oude Vog", &painters).await;
    app.give_vog(&coordinator, &expired, &days_ago(4 * 366))
        .await;

    // Odd jobs need no VOG: all three are suggested, each with what their VOG is worth.
    let (status, suggestions) = app
        .get(
            &format!("/api/v1/requests/{id}/suggestions"),
            Some(&coordinator.token),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{suggestions}");
    let mut vog: Vec<(String, bool)> = suggestions["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let name = s["volunteer"]["name"].as_str().unwrap().to_owned();
            (name, s["volunteer"]["vog_valid"].as_bool().unwrap())
        })
        .collect();
    vog.sort();
    assert_eq!(
        vog,
        vec![
            ("Met Vog".to_owned(), true),
            ("Oude Vog".to_owned(), false),
            ("Zonder Vog".to_owned(), false),
        ]
    );
}
