//! Matching through real HTTP: ranked, explained suggestions for a request
//! (coordinator) and for a volunteer, hard filters, and weights that matter.

use noaber_tests::{dog_walking_request, spawn_app, spawn_app_with, TestApp, TestUser};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

struct Volunteer<'a> {
    name: &'a str,
    place: &'a str,
    talents: &'a [&'a str],
    slots: Value,
    vog: Option<&'a str>,
}

async fn volunteer(app: &TestApp, coordinator: &TestUser, v: Volunteer<'_>) -> TestUser {
    let user = app.user("volunteer", v.name).await;
    let profile = json!({"talents": v.talents, "availability": v.slots, "place": v.place, "max_distance_km": 20, "max_active_matches": 2});
    let (status, body) = app
        .send(
            Method::PUT,
            "/api/v1/me/volunteer-profile",
            Some(&user.token),
            &profile,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    if let Some(issued_on) = v.vog {
        let path = format!("/api/v1/volunteers/{}/vog", user.id);
        let (status, body) = app
            .send(
                Method::PUT,
                &path,
                Some(&coordinator.token),
                &json!({"status": "valid", "issued_on": issued_on}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    user
}

/// A volunteer in `place` who walks dogs on Tuesday afternoons and has a recent VOG.
async fn dog_walker(app: &TestApp, coordinator: &TestUser, name: &str, place: &str) -> TestUser {
    let v = Volunteer {
        name,
        place,
        talents: &["hond-uitlaten"],
        slots: tuesday_afternoon(),
        vog: recent_vog(),
    };
    volunteer(app, coordinator, v).await
}

fn tuesday_afternoon() -> Value {
    json!([{"day": "tue", "part": "afternoon"}])
}

fn recent_vog() -> Option<&'static str> {
    // Issued a month ago, whatever today is.
    static DATE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    Some(
        DATE.get_or_init(|| (noaber::domain::today() - chrono::Days::new(30)).to_string())
            .as_str(),
    )
}

fn expired_vog() -> Option<&'static str> {
    static DATE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    Some(
        DATE.get_or_init(|| (noaber::domain::today() - chrono::Days::new(4 * 366)).to_string())
            .as_str(),
    )
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
    let request = app
        .create_post("requests", &inge, &dog_walking_request())
        .await;
    let id = request["id"].as_str().unwrap();
    app.approve("requests", id, &coordinator).await;

    let dog = &["hond-uitlaten"][..];
    volunteer(
        &app,
        &coordinator,
        Volunteer {
            name: "Sharon Beilen",
            place: "Beilen",
            talents: dog,
            slots: tuesday_afternoon(),
            vog: recent_vog(),
        },
    )
    .await;
    volunteer(
        &app,
        &coordinator,
        Volunteer {
            name: "Piet Smilde",
            place: "Smilde",
            talents: dog,
            slots: tuesday_afternoon(),
            vog: recent_vog(),
        },
    )
    .await;
    volunteer(
        &app,
        &coordinator,
        Volunteer {
            name: "Weekend Willem",
            place: "Beilen",
            talents: dog,
            slots: json!([{"day": "sat", "part": "morning"}, {"day": "sun", "part": "afternoon"}]),
            vog: recent_vog(),
        },
    )
    .await;
    volunteer(
        &app,
        &coordinator,
        Volunteer {
            name: "Geen Vog",
            place: "Beilen",
            talents: dog,
            slots: tuesday_afternoon(),
            vog: None,
        },
    )
    .await;
    volunteer(
        &app,
        &coordinator,
        Volunteer {
            name: "Oude Vog",
            place: "Beilen",
            talents: dog,
            slots: tuesday_afternoon(),
            vog: expired_vog(),
        },
    )
    .await;
    volunteer(
        &app,
        &coordinator,
        Volunteer {
            name: "Inge Zelf",
            place: "Beilen",
            talents: &["computerhulp"],
            slots: tuesday_afternoon(),
            vog: recent_vog(),
        },
    )
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
    let walk = app
        .create_post("requests", &inge, &dog_walking_request())
        .await;
    app.approve("requests", walk["id"].as_str().unwrap(), &coordinator)
        .await;
    let mut garden = dog_walking_request();
    garden["title"] = json!("Tuin winterklaar maken");
    garden["category"] = json!("tuin");
    garden["talents"] = json!(["tuinieren"]);
    garden["place"] = json!("Westerbork");
    let garden = app.create_post("requests", &inge, &garden).await;
    app.approve("requests", garden["id"].as_str().unwrap(), &coordinator)
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
        walk["id"].as_str(),
        "the dog walk fits best: {mine}"
    );
    assert!(
        !ids.contains(&pending["id"].as_str().unwrap()),
        "unpublished posts are never suggested"
    );
    assert!(mine["items"][0]["reasons"].as_array().unwrap().len() >= 2);

    let weekend = volunteer(
        &app,
        &coordinator,
        Volunteer {
            name: "Willem",
            place: "Beilen",
            talents: &["hond-uitlaten"],
            slots: json!([{"day": "sat", "part": "morning"}]),
            vog: recent_vog(),
        },
    )
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
    volunteer(
        &app,
        &coordinator,
        Volunteer {
            name: "Dichtbij",
            place: "Beilen",
            talents: &["wandelen"],
            slots: tuesday_afternoon(),
            vog: recent_vog(),
        },
    )
    .await;
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
    let weekend = json!({"talents": ["hond-uitlaten"], "availability": [{"day": "sat", "part": "morning"}], "place": "Beilen", "max_distance_km": 20, "max_active_matches": 2});
    let (status, _) = app
        .send(
            Method::PUT,
            "/api/v1/me/volunteer-profile",
            Some(&sharon.token),
            &weekend,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, after) = app.get(&path, Some(&coordinator.token)).await;
    assert_eq!(names(&after), vec!["Piet"]);

    // Piet's VOG is withdrawn by the coordinator: nobody is left.
    let (_, piet) = app
        .get("/api/v1/volunteers?place=wijster", Some(&coordinator.token))
        .await;
    let piet_id = piet["items"][0]["id"].as_str().unwrap();
    let (status, _) = app
        .send(
            Method::PUT,
            &format!("/api/v1/volunteers/{piet_id}/vog"),
            Some(&coordinator.token),
            &json!({"status": "none"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, empty) = app.get(&path, Some(&coordinator.token)).await;
    assert!(names(&empty).is_empty(), "{empty}");
}
