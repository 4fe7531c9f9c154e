//! The annual figures on a small, fixed history: every figure below is worked out by
//! hand from the story in `build_history`, and the CSV and the `noaber report`
//! command must say the same as the JSON.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use noaber::db::schema::{accounts, match_events, matches, post_events, posts};
use noaber_tests::{post_body, spawn_app, Profile, TestApp, TestUser};
use reqwest::StatusCode;
use serde_json::{json, Value};

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").expect("a time")
}

/// A moment in the story (UTC), written straight into the database: a running
/// server's clock cannot be turned back to 2024.
enum When {
    Published(String, &'static str),
    PostReached(String, &'static str, &'static str),
    MatchReached(String, &'static str, &'static str),
    AccountCreated(String, &'static str),
    AccountDeleted(String, &'static str),
}

async fn set_times(app: &TestApp, moments: Vec<When>) {
    let url = app.settings.database_url.clone();
    tokio::task::spawn_blocking(move || {
        let mut conn = noaber::db::establish(&url).expect("database");
        for moment in moments {
            let changed = match moment {
                When::Published(id, t) => {
                    // The report counts from the first publication in the history.
                    diesel::update(
                        post_events::table
                            .filter(post_events::post_id.eq(&id))
                            .filter(post_events::to_status.eq("open")),
                    )
                    .set(post_events::at.eq(at(t)))
                    .execute(&mut conn)
                    .expect("its publication");
                    diesel::update(posts::table.find(&id))
                        .set((
                            posts::created_at.eq(at(t)),
                            posts::published_at.eq(Some(at(t))),
                        ))
                        .execute(&mut conn)
                }
                When::PostReached(id, status, t) => diesel::update(
                    post_events::table
                        .filter(post_events::post_id.eq(&id))
                        .filter(post_events::to_status.eq(status)),
                )
                .set(post_events::at.eq(at(t)))
                .execute(&mut conn),
                When::MatchReached(id, status, t) => {
                    if status == "responded" {
                        diesel::update(matches::table.find(&id))
                            .set(matches::created_at.eq(at(t)))
                            .execute(&mut conn)
                            .expect("match");
                    }
                    diesel::update(
                        match_events::table
                            .filter(match_events::match_id.eq(&id))
                            .filter(match_events::to_status.eq(status)),
                    )
                    .set(match_events::at.eq(at(t)))
                    .execute(&mut conn)
                }
                When::AccountCreated(id, t) => diesel::update(accounts::table.find(&id))
                    .set(accounts::created_at.eq(at(t)))
                    .execute(&mut conn),
                When::AccountDeleted(id, t) => diesel::update(accounts::table.find(&id))
                    .set(accounts::deleted_at.eq(Some(at(t))))
                    .execute(&mut conn),
            };
            assert!(changed.expect("update") >= 1, "a row to move in time");
        }
    })
    .await
    .unwrap();
}

struct History {
    coordinator: TestUser,
    vera: TestUser,
}

/// Runs a match through the coordinator's steps; returns its id.
async fn confirmed_match(
    app: &TestApp,
    coby: &TestUser,
    volunteer: &TestUser,
    request: &str,
) -> String {
    let id = app.respond(volunteer, request, "Ik help graag.").await;
    app.act(coby, &id, "introduce", json!({})).await;
    app.act(coby, &id, "confirm", json!({})).await;
    id
}

/// The story (times in UTC; Midden-Drenthe is UTC+1 in winter):
/// - R5 (2024): Anna asks for a *maatje* in Beilen on 1 May; Vera responds a day
///   later and is confirmed on 10 May; they still meet.
/// - R3: Anna's second request, published 31 Dec 2024 23:30 UTC, which is 1 January
///   2025 locally; nobody responds, it waits all year.
/// - R1 (2025): Anna, *maatje*, Beilen, 1 Feb; Vera responds in 2 days, confirmed
///   after 10 days (11 Feb), ended well on 1 June (110 days: durable).
/// - R2 (2025): a referral by the GP, taken by phone: *klussen* in Westerbork, 1 Mar;
///   Wim responds in 4 days, confirmed after 20 days, ended without success 10 Apr.
/// - R4 (2025): via the network, *vervoer* in Hooghalen, 15 Nov; withdrawn 20 Nov.
/// - R6 (2026): a request of next year, which 2025 must not count.
/// - Volunteers: Vera since March 2024, Xander January 2024 to July 2025, Wim since
///   February 2025. One organisation since January 2025, its vacancy in April 2025.
async fn build_history(app: &TestApp) -> History {
    let coby = app.coordinator("Coby").await;
    let anna = app.user("resident", "Anna").await;
    // Vera helps as a *maatje*, which needs a VOG.
    let vera = app
        .vetted_volunteer(&coby, "Vera", &Profile::dog_walker())
        .await;
    let wim = app
        .volunteer_with_profile("Wim", &Profile::at("Westerbork").talents(&["timmeren"]))
        .await;
    let xander = app
        .volunteer_with_profile("Xander", &Profile::dog_walker())
        .await;
    let club = app.user("organisation", "Dorpshuis De Schakel").await;

    let r5 = app.open_request(&anna, &coby).await;
    let m5 = confirmed_match(app, &coby, &vera, &r5).await;
    let r3 = app.open_request(&anna, &coby).await;
    let r1 = app.open_request(&anna, &coby).await;
    let m1 = confirmed_match(app, &coby, &vera, &r1).await;
    app.act(&coby, &m1, "end", json!({"outcome": "succeeded"}))
        .await;

    let mut by_phone = post_body("Schuurdeur repareren", "klussen", "Westerbork");
    by_phone["on_behalf_of"] = json!({"name": "Roelof Smit", "phone": "0593 561 999",
        "channel": "referral", "referrer": "huisarts"});
    let r2 = app.create_post("requests", &coby, &by_phone).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let m2 = confirmed_match(app, &coby, &wim, &r2).await;
    app.act(
        &coby,
        &m2,
        "end",
        json!({"outcome": "failed", "reason": "klikte niet"}),
    )
    .await;

    let mut via_family = post_body("Rit naar het ziekenhuis", "vervoer", "Hooghalen");
    via_family["on_behalf_of"] =
        json!({"name": "Jannie Bos", "phone": "0593 561 222", "channel": "network"});
    let r4 = app.create_post("requests", &coby, &via_family).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.withdraw(&coby, &r4).await;
    let r6 = app.open_request(&anna, &coby).await;

    let vacancy = post_body("Gastvrouw voor de koffieochtend", "bezoekwerk", "Beilen");
    let vacancy_id = app.open_post("vacancies", &club, &coby, &vacancy).await;
    app.delete_account(&xander).await;

    use When::*;
    let mut moments = vec![
        Published(r5.clone(), "2024-05-01 10:00"),
        Published(r3, "2024-12-31 23:30"),
        Published(r1.clone(), "2025-02-01 10:00"),
        Published(r2.clone(), "2025-03-01 10:00"),
        Published(r4.clone(), "2025-11-15 23:00"),
        PostReached(r4, "closed", "2025-11-20 09:00"),
        Published(r6, "2026-01-10 10:00"),
        Published(vacancy_id, "2025-04-01 10:00"),
        AccountCreated(vera.id.clone(), "2024-03-01 10:00"),
        AccountCreated(xander.id.clone(), "2024-01-01 10:00"),
        AccountDeleted(xander.id.clone(), "2025-07-01 10:00"),
        AccountCreated(wim.id.clone(), "2025-02-15 10:00"),
        AccountCreated(club.id.clone(), "2025-01-05 10:00"),
    ];
    let matches = [
        (
            &r5,
            &m5,
            ["2024-05-02 10:00", "2024-05-05 10:00", "2024-05-10 10:00"],
            None,
        ),
        (
            &r1,
            &m1,
            ["2025-02-03 10:00", "2025-02-05 10:00", "2025-02-11 10:00"],
            Some("2025-06-01 10:00"),
        ),
        (
            &r2,
            &m2,
            ["2025-03-05 10:00", "2025-03-10 10:00", "2025-03-21 10:00"],
            Some("2025-04-10 10:00"),
        ),
    ];
    for (request, m, [responded, introduced, confirmed], ended) in matches {
        moments.push(MatchReached(m.clone(), "responded", responded));
        moments.push(MatchReached(m.clone(), "introduced", introduced));
        moments.push(MatchReached(m.clone(), "active", confirmed));
        moments.push(PostReached(request.clone(), "matched", confirmed));
        if let Some(ended) = ended {
            moments.push(MatchReached(m.clone(), "ended", ended));
            moments.push(PostReached(request.clone(), "closed", ended));
        }
    }
    set_times(app, moments).await;
    History {
        coordinator: coby,
        vera,
    }
}

fn count(list: &Value, key: &str) -> i64 {
    list.as_array()
        .expect("a list")
        .iter()
        .find(|c| c["key"] == key)
        .map_or(0, |c| c["count"].as_i64().expect("a count"))
}

#[tokio::test]
async fn the_annual_figures_match_the_history_worked_out_by_hand() {
    let app = spawn_app().await;
    let history = build_history(&app).await;
    let token = Some(history.coordinator.token.as_str());

    let (status, _) = app
        .get(
            "/api/v1/reports/annual?year=2025",
            Some(&history.vera.token),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "only the Servicepunt");
    let (status, body) = app.get("/api/v1/reports/annual?year=twintig", token).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["errors"]["year"].is_string(), "{body}");

    let (status, report) = app.get("/api/v1/reports/annual?year=2025", token).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    let year = &report["figures"];
    let requests = &year["requests"];
    assert_eq!(
        requests["total"], 4,
        "R1, R2, R3 (1 January locally) and R4"
    );
    assert_eq!(count(&requests["by_channel"], "self"), 2);
    assert_eq!(count(&requests["by_channel"], "network"), 1);
    assert_eq!(count(&requests["by_channel"], "referral"), 1);
    assert_eq!(count(&requests["by_channel"], "phone"), 0);
    let channels: i64 = ["self", "network", "referral", "phone"]
        .iter()
        .map(|c| count(&requests["by_channel"], c))
        .sum();
    assert_eq!(channels, 4, "every request in exactly one channel");
    assert_eq!(count(&requests["by_referrer"], "huisarts"), 1);
    assert_eq!(count(&requests["by_category"], "maatje"), 2);
    assert_eq!(count(&requests["by_category"], "klussen"), 1);
    assert_eq!(count(&requests["by_category"], "vervoer"), 1);
    assert_eq!(count(&requests["by_place"], "beilen"), 2);
    assert_eq!(count(&requests["by_place"], "westerbork"), 1);
    let january = &requests["by_month"][0];
    assert_eq!(
        (
            january["month"].as_i64(),
            count(&january["by_category"], "maatje")
        ),
        (Some(1), 1)
    );

    assert_eq!(
        year["matches"],
        json!({"started": 2, "succeeded": 1, "failed": 1, "running_at_end": 1, "durable": 2, "outside": 0}),
        "R1 and R2 started; R1 well, R2 not; R5 still runs; R1 (110 days) and R5 durable"
    );
    assert_eq!(
        year["closed_without_match"],
        json!([{"key": "withdrawn", "label": "Ingetrokken", "count": 1}])
    );
    let waiting = &year["waiting_list"];
    assert_eq!(waiting["total"], 1, "R3");
    assert_eq!(count(&waiting["by_age"], "6+"), 1);
    assert_eq!(
        waiting["median_age_days"], 365.0,
        "31 Dec 2024 23:30 to 31 Dec 2025 23:00"
    );
    let maatje = year["conversion"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["category"] == "maatje")
        .unwrap();
    assert_eq!(
        (maatje["responses"].as_i64(), maatje["matches"].as_i64()),
        (Some(1), Some(1))
    );
    assert_eq!(maatje["percent"], 100.0);
    assert_eq!(
        year["volunteers"],
        json!({"registered": 2, "active": 2, "new": 1, "departed": 1}),
        "Vera and Wim at year end, both in a match; Wim new; Xander left"
    );
    assert_eq!(
        year["organisations"],
        json!({"registered": 1, "active": 1, "new": 1, "departed": 0})
    );
    assert_eq!(
        year["timing"],
        json!({
            "first_response": {"requests": 2, "median_days": 2.0, "p90_days": 4.0},
            "confirmed_match": {"requests": 2, "median_days": 10.0, "p90_days": 20.0},
        })
    );

    let before = &report["previous"];
    assert_eq!(before["year"], 2024);
    assert_eq!(
        before["requests"]["total"], 1,
        "R5 only: R3 is 2025 locally"
    );
    assert_eq!(
        before["matches"],
        json!({"started": 1, "succeeded": 0, "failed": 0, "running_at_end": 1, "durable": 1, "outside": 0})
    );
    assert_eq!(before["waiting_list"]["total"], 0);
    assert_eq!(
        before["volunteers"],
        json!({"registered": 2, "active": 1, "new": 2, "departed": 0})
    );
    assert_eq!(before["timing"]["first_response"]["median_days"], 1.0);

    assert_eq!(
        report["supply_demand"],
        json!([{"category": "maatje", "category_label": "Maatje", "place": "beilen",
            "place_label": "Beilen", "open_requests": 1, "volunteers_within_reach": 1}]),
        "R3 waits; Vera (dog walker in Beilen) could help; Xander has left"
    );
    assert_eq!(report["social_value"]["total_eur"], 4000);
    assert_eq!(
        report["social_value"]["formula"],
        "2 koppelingen × € 2.000 = € 4.000"
    );
    assert!(report["social_value"]["source"]
        .as_str()
        .unwrap()
        .contains("Meppel"));

    csv_says_the_same(&app, &history.coordinator.token, &report).await;
    cli_says_the_same(&app, &report);
}

async fn csv_says_the_same(app: &TestApp, token: &str, report: &Value) {
    let response = reqwest::Client::new()
        .get(app.url("/api/v1/reports/annual?year=2025"))
        .bearer_auth(token)
        .header("accept", "text/csv")
        .send()
        .await
        .expect("csv");
    assert_eq!(response.status(), StatusCode::OK);
    let kind = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(kind.starts_with("text/csv"), "{kind}");
    let text = response.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        ["onderdeel", "cijfer", "2025", "2024"]
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    let row = |figure: &str| {
        rows.iter()
            .find(|r| r[1] == figure)
            .unwrap_or_else(|| panic!("{figure} in {text}"))
            .clone()
    };
    let total = report["figures"]["requests"]["total"].to_string();
    assert_eq!(row("Hulpvragen in totaal")[2..], [total, "1".to_owned()]);
    assert_eq!(row("Geslaagd afgerond")[2..], ["1", "0"]);
    assert_eq!(
        row("Tot bevestigde koppeling, mediaan")[2..],
        ["10,0", "9,0"]
    );
    assert_eq!(row("2 koppelingen × € 2.000 = € 4.000")[2], "4000");
    // A year without suggestions decided has no share or rank: empty, as the page's "–".
    let decided = row("Koppelingen voorgesteld door het Servicepunt");
    assert!(decided[2..].contains(&"0".to_owned()), "{decided:?}");
    for (column, decisions) in decided.iter().enumerate().skip(2) {
        let first = &row("Eerste voorstel gekozen (%)")[column];
        assert_eq!(
            first.is_empty(),
            decisions == "0",
            "{first} with {decisions}"
        );
    }

    // For a spreadsheet set to Dutch: the same table split by semicolons, so the
    // decimal commas need no quotes.
    let dutch = |delimiter: &str| {
        reqwest::Client::new()
            .get(app.url(&format!(
                "/api/v1/reports/annual?year=2025&delimiter={delimiter}"
            )))
            .bearer_auth(token)
            .header("accept", "text/csv")
            .send()
    };
    let response = dutch("semicolon").await.expect("csv");
    assert_eq!(response.status(), StatusCode::OK);
    let semicolons = response.text().await.unwrap();
    assert!(
        semicolons.starts_with("onderdeel;cijfer;2025;2024\n"),
        "{semicolons}"
    );
    assert!(
        semicolons.contains(";Tot bevestigde koppeling, mediaan;10,0;9,0\n"),
        "{semicolons}"
    );
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(semicolons.as_bytes());
    assert_eq!(reader.records().count(), rows.len(), "the same rows");
    let response = dutch("tab").await.expect("csv");
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

fn cli_says_the_same(app: &TestApp, report: &Value) {
    let (ok, out) = crate::cli::noaber_on(
        &app.data_dir,
        &app.settings.database_url,
        &["report", "--year", "2025", "--format", "json"],
        "",
    );
    assert!(ok, "{out}");
    let printed: Value = serde_json::from_str(&out).expect("JSON from the CLI");
    assert_eq!(&printed, report, "the CLI makes the figures the same way");
    let (ok, markdown) = crate::cli::noaber_on(
        &app.data_dir,
        &app.settings.database_url,
        &["report", "--year", "2025"],
        "",
    );
    assert!(ok, "{markdown}");
    assert!(
        markdown.contains("| Hulpvragen in totaal | 4 | 1 |"),
        "{markdown}"
    );
}

#[tokio::test]
async fn the_report_of_a_quiet_year_is_all_zeros_not_an_error() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coby").await;
    let (status, report) = app
        .get("/api/v1/reports/annual?year=2019", Some(&coordinator.token))
        .await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert_eq!(report["figures"]["requests"]["total"], 0);
    assert_eq!(
        report["figures"]["timing"]["first_response"]["median_days"],
        Value::Null
    );
    assert_eq!(
        report["social_value"]["formula"],
        "0 koppelingen × € 2.000 = € 0"
    );
    let (status, _) = app
        .get("/api/v1/reports/annual?year=1850", Some(&coordinator.token))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}
