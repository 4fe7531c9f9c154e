//! Operations endpoints and reference data through real HTTP.

use noaber_tests::spawn_app;
use reqwest::StatusCode;
use serde_json::{json, Value};

#[tokio::test]
async fn health_readiness_and_metrics_answer() {
    let app = spawn_app().await;
    let (status, body) = app.get("/healthz", None).await;
    assert_eq!(
        (status, body["status"].as_str()),
        (StatusCode::OK, Some("ok"))
    );
    let (status, body) = app.get("/readyz", None).await;
    assert_eq!(
        (status, body["database"].as_str()),
        (StatusCode::OK, Some("ok"))
    );
    app.get("/api/v1/places", None).await;
    let metrics = app.metrics().await;
    assert!(
        metrics.contains(
            "noaber_http_requests_total{method=\"GET\",route=\"/api/v1/places\",status=\"200\"} 1"
        ),
        "{metrics}"
    );
    assert!(metrics.contains("noaber_http_request_duration_seconds_bucket"));
}

#[tokio::test]
async fn openapi_describes_the_stable_routes() {
    let app = spawn_app().await;
    let (status, doc) = app.get("/api/v1/openapi.json", None).await;
    assert_eq!(status, StatusCode::OK);
    let paths = doc["paths"].as_object().expect("paths");
    for path in [
        "/api/v1/auth/register",
        "/api/v1/auth/login",
        "/api/v1/me",
        "/api/v1/me/volunteer-profile",
        "/api/v1/places",
        "/api/v1/categories",
        "/api/v1/talents",
        "/api/v1/{kind}",
        "/api/v1/{kind}/{id}",
        "/api/v1/{kind}/{id}/review",
        "/api/v1/search",
        "/api/v1/requests/{id}/suggestions",
        "/api/v1/me/suggestions",
        "/api/v1/volunteers",
        "/api/v1/volunteers/{id}/vog",
        "/healthz",
        "/readyz",
        "/metrics",
    ] {
        assert!(
            paths.contains_key(path),
            "{path} missing from the OpenAPI document"
        );
    }
}

/// Every `$ref` in `value` (a part of the OpenAPI document).
fn refs(value: &Value, found: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get("$ref") {
                found.push(r.clone());
            }
            map.values().for_each(|v| refs(v, found));
        }
        Value::Array(items) => items.iter().for_each(|v| refs(v, found)),
        _ => {}
    }
}

#[tokio::test]
async fn openapi_documents_errors_logins_and_ids_as_the_server_gives_them() {
    let app = spawn_app().await;
    let (_, doc) = app.get("/api/v1/openapi.json", None).await;
    let mut found = Vec::new();
    refs(&doc, &mut found);
    for r in &found {
        let name = r.trim_start_matches("#/components/schemas/");
        assert!(
            doc["components"]["schemas"].get(name).is_some(),
            "{r} does not resolve"
        );
    }
    // Enums are documented in the form they are sent.
    let statuses = &doc["components"]["schemas"]["PostStatus"]["enum"];
    assert!(
        statuses
            .as_array()
            .unwrap()
            .contains(&json!("pending_review")),
        "{statuses}"
    );

    let me = &doc["paths"]["/api/v1/me"]["get"];
    assert_eq!(me["security"], json!([{"bearer": []}, {"session": []}]));
    let unauthorised = &me["responses"]["401"]["content"]["application/problem+json"];
    assert_eq!(
        unauthorised["schema"]["$ref"],
        "#/components/schemas/Problem"
    );

    let post = &doc["paths"]["/api/v1/{kind}/{id}"]["get"];
    let params = post["parameters"].as_array().unwrap();
    let param = |name: &str| params.iter().find(|p| p["name"] == name).unwrap().clone();
    assert_eq!(param("id")["schema"]["format"], "uuid");
    assert_eq!(
        param("kind")["schema"]["enum"],
        json!(["requests", "offers", "vacancies"])
    );
    assert!(
        post["responses"]["404"].is_object(),
        "an unknown id is documented"
    );
    let login = &doc["paths"]["/api/v1/auth/login"]["post"]["responses"];
    for status in ["400", "422", "429"] {
        assert!(login[status].is_object(), "login documents {status}");
    }
}

#[tokio::test]
async fn reference_data_is_served() {
    let app = spawn_app().await;
    let (_, places) = app.get("/api/v1/places", None).await;
    let places = places.as_array().unwrap();
    assert!(places.len() > 20);
    let beilen = places
        .iter()
        .find(|p| p["slug"] == "beilen")
        .expect("Beilen");
    assert!(beilen["postcodes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p == "9411"));
    assert!(beilen["lat"].as_f64().unwrap() > 52.8);
    let (_, categories) = app.get("/api/v1/categories", None).await;
    let respijt = categories
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["slug"] == "respijtzorg")
        .expect("respijtzorg");
    assert_eq!(respijt["requires_vog"], true);
    assert_eq!(respijt["name_nl"], "Respijtzorg");
    let (_, talents) = app.get("/api/v1/talents", None).await;
    let dog = talents
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["slug"] == "hond-uitlaten")
        .expect("hond-uitlaten");
    assert!(dog["related"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r == "wandelen"));
}

#[tokio::test]
async fn unknown_routes_are_problem_json_404s() {
    let app = spawn_app().await;
    let (status, body) = app.get("/api/v1/bestaat-niet", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["status"], 404);
    let (status, _) = app
        .get(
            "/api/v1/requests/00000000-0000-0000-0000-000000000000",
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn readiness_says_when_the_search_index_stops_keeping_up() {
    let app = spawn_app().await;
    let (status, ready) = app.get("/readyz", None).await;
    assert_eq!(status, StatusCode::OK, "{ready}");
    assert_eq!(ready["search"], "ok");
    assert_eq!(ready["search_sync"]["lag"], 0, "{ready}");
    assert!(ready["search_sync"]["last_success"].is_string(), "{ready}");

    // The index directory disappears under the running service; a new post cannot
    // be applied, and readiness says so instead of "ok".
    std::fs::remove_dir_all(app.settings.data_dir.join("search")).expect("remove index");
    let coordinator = app.coordinator("Coby").await;
    let inge = app.user("resident", "Inge").await;
    app.open_request(&inge, &coordinator).await;
    let mut last = serde_json::Value::Null;
    for _ in 0..100 {
        // Readiness answers plain JSON, also when not ready (for load balancers).
        let res = app
            .client
            .get(format!("{}/readyz", app.address))
            .send()
            .await
            .expect("readyz");
        let status = res.status();
        let body: serde_json::Value = res.json().await.expect("json");
        if status == StatusCode::SERVICE_UNAVAILABLE {
            assert_eq!(body["search"], "failing", "{body}");
            assert!(body["search_sync"]["lag"].as_i64() > Some(0), "{body}");
            assert!(body["search_sync"]["last_error"].is_string(), "{body}");
            let metrics = app.metrics().await;
            assert!(!metrics.contains("noaber_search_sync_lag 0\n"), "{metrics}");
            return;
        }
        last = body;
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("readiness kept saying ok: {last}");
}

#[tokio::test]
async fn metrics_can_be_kept_for_the_scraper_only() {
    let app = noaber_tests::spawn_app_with(|s| {
        s.metrics_token = Some("scraper-token-0a9f3c".into());
    })
    .await;
    let url = format!("{}/metrics", app.address);
    let anonymous = app.client.get(&url).send().await.expect("metrics");
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    let wrong = app
        .client
        .get(&url)
        .bearer_auth("guess")
        .send()
        .await
        .expect("metrics");
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let scraper = app
        .client
        .get(&url)
        .bearer_auth("scraper-token-0a9f3c")
        .send()
        .await
        .expect("metrics");
    assert_eq!(scraper.status(), StatusCode::OK);
    let text = scraper.text().await.expect("text");
    assert!(text.contains("noaber_search_sync_lag 0"), "{text}");
}
