//! Measures `GET /api/v1/requests/{id}/suggestions` through real HTTP with 20,000
//! volunteers in the database (SQLite by default, PostgreSQL with
//! `NOABER_TEST_BACKEND=postgres`). Prints p50/p95/max latency; target p95 ≤ 50 ms.
//!
//! Run: `cargo bench -p noaber-tests --bench suggestions`

use std::time::{Duration, Instant};

use matching::{AvailabilityGrid, Day, DayPart, Slot};
use noaber::db::accounts::{self, NewAccount};
use noaber::db::{volunteers, DbError};
use noaber::domain::volunteer::VolunteerProfileDraft;
use noaber::reference::Reference;
use noaber_tests::{dog_walking_request, spawn_app};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

const VOLUNTEERS: usize = 20_000;
const QUERIES: usize = 300;

fn seed_volunteers(db: &noaber::db::Db, reference: &Reference) -> Result<(), DbError> {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(42);
    let slots: Vec<Slot> = Day::ALL
        .iter()
        .flat_map(|&day| DayPart::ALL.iter().map(move |&part| Slot { day, part }))
        .collect();
    db.run_blocking(|conn| {
        diesel::Connection::transaction(conn, |conn| {
            for i in 0..VOLUNTEERS {
                let id = uuid::Uuid::from_u128(rng.gen()).to_string();
                let email = format!("v{i}@bench.example.nl");
                accounts::create_at(
                    conn,
                    &id,
                    noaber::db::now(),
                    NewAccount {
                        email: &email,
                        password_hash: "x",
                        name: &format!("Vrijwilliger {i}"),
                        role: "volunteer",
                        phone: None,
                        organisation: None,
                    },
                )?;
                let how_many = rng.gen_range(1..=4);
                let talents = reference
                    .talents
                    .choose_multiple(&mut rng, how_many)
                    .map(|t| t.slug.clone())
                    .collect();
                let available = rng.gen_range(2..=8);
                let profile = VolunteerProfileDraft {
                    talents,
                    interests: vec![],
                    availability: AvailabilityGrid::from_slots(
                        slots.choose_multiple(&mut rng, available).copied(),
                    ),
                    place: reference.places[rng.gen_range(0..reference.places.len())]
                        .slug
                        .clone(),
                    max_distance_km: *[3, 5, 10, 15, 20].choose(&mut rng).unwrap_or(&10),
                    max_active_matches: rng.gen_range(1..=3),
                    languages: vec![],
                    bio: String::new(),
                };
                volunteers::save(conn, &id, &profile)?;
                if rng.gen_bool(0.5) {
                    volunteers::set_vog(
                        conn,
                        &id,
                        "valid",
                        chrono::NaiveDate::from_ymd_opt(2025, 6, 1),
                    )?;
                }
            }
            Ok(())
        })
    })
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coördinator").await;
    let started = Instant::now();
    let db = noaber::db::Db::connect(&app.settings.database_url).expect("db");
    let reference = Reference::load().expect("reference");
    tokio::task::spawn_blocking(move || seed_volunteers(&db, &reference))
        .await
        .expect("join")
        .expect("seeded");
    println!(
        "seeded {VOLUNTEERS} volunteers in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let mut cases = Vec::new();
    let mut flexible = dog_walking_request();
    flexible["schedule"] = serde_json::json!({"kind": "flexible"});
    flexible["category"] = serde_json::json!("klussen");
    flexible["talents"] = serde_json::json!(["klussen"]);
    for (label, body) in [
        ("weekly maatje (VOG) in Beilen", dog_walking_request()),
        ("flexible klus in Beilen", flexible),
    ] {
        let post = app.create_post("requests", &coordinator, &body).await;
        cases.push((
            label,
            format!(
                "/api/v1/requests/{}/suggestions?limit=10",
                post["id"].as_str().unwrap()
            ),
        ));
    }
    let backend = if noaber_tests::on_postgres() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    for (label, path) in cases {
        let (_, first) = app.get(&path, Some(&coordinator.token)).await;
        let n = first["items"].as_array().map_or(0, Vec::len);
        let mut times = Vec::with_capacity(QUERIES);
        for _ in 0..QUERIES {
            let t = Instant::now();
            let response = app
                .client
                .get(app.url(&path))
                .bearer_auth(&coordinator.token)
                .send()
                .await
                .expect("sent");
            assert!(response.status().is_success());
            response.bytes().await.expect("body");
            times.push(t.elapsed());
        }
        times.sort();
        println!(
            "suggestions [{backend}, {VOLUNTEERS} volunteers, {label}, {n} results]: p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms over {QUERIES} requests",
            percentile(&times, 0.5).as_secs_f64() * 1e3,
            percentile(&times, 0.95).as_secs_f64() * 1e3,
            times.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
        );
    }
}
