//! Before the bench: log in, and learn what to ask about (open requests, posts to
//! view, villages and categories) from the service itself, so that the bench works
//! on any dataset.

use anyhow::{bail, Context};
use rand::seq::SliceRandom;
use serde_json::{json, Value};

/// Pages of open requests read at start-up (100 each): enough variety for views,
/// suggestions and responses without reading a national dataset whole.
const REQUEST_PAGES: usize = 20;

/// What the clients pick from.
pub struct Targets {
    /// Access token of the coordinator.
    pub coordinator: Option<String>,
    /// Access tokens of the volunteers.
    pub volunteers: Vec<String>,
    /// Ids of open requests.
    pub requests: Vec<String>,
    /// Open posts of every kind: (`requests`/`offers`/`vacancies`, id).
    pub posts: Vec<(&'static str, String)>,
    /// Village slugs.
    pub places: Vec<String>,
    /// Category slugs.
    pub categories: Vec<String>,
}

async fn get_json(client: &reqwest::Client, url: &str) -> anyhow::Result<Value> {
    let response = client.get(url).send().await?;
    let status = response.status();
    if !status.is_success() {
        bail!("GET {url}: {status}");
    }
    Ok(response.json().await?)
}

async fn login(
    client: &reqwest::Client,
    base: &str,
    email: &str,
    password: &str,
) -> anyhow::Result<String> {
    let response = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({"email": email, "password": password}))
        .send()
        .await?;
    let status = response.status();
    if !status.is_success() {
        bail!("cannot log in as {email}: {status} (check the password; account routes are throttled per address unless NOABER_ACCOUNT_REQUESTS_PER_MINUTE=0)");
    }
    let body: Value = response.json().await?;
    body["access_token"]
        .as_str()
        .map(str::to_owned)
        .with_context(|| format!("no access_token in the login answer for {email}"))
}

fn ids(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|p| p["id"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn slugs(list: &Value, keep: impl Fn(&Value) -> bool) -> Vec<String> {
    list.as_array()
        .map(|items| {
            items
                .iter()
                .filter(|i| keep(i))
                .filter_map(|i| i["slug"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Logs in and reads the targets.
pub async fn prepare(
    client: &reqwest::Client,
    base: &str,
    coordinator: Option<&str>,
    volunteers: &[String],
    password: &str,
) -> anyhow::Result<Targets> {
    let coordinator = match coordinator {
        Some(email) => Some(login(client, base, email, password).await?),
        None => None,
    };
    let mut tokens = Vec::with_capacity(volunteers.len());
    for email in volunteers {
        tokens.push(login(client, base, email, password).await?);
    }
    let places = slugs(
        &get_json(client, &format!("{base}/api/v1/places")).await?,
        |p| p["kind"] == "village",
    );
    let categories = slugs(
        &get_json(client, &format!("{base}/api/v1/categories")).await?,
        |_| true,
    );

    // The first page says how many there are; the other pages are read from
    // random places in the list, so a large dataset is sampled, not its newest end.
    let first = get_json(client, &format!("{base}/api/v1/requests?limit=100")).await?;
    let total = first["total"].as_u64().unwrap_or(0) as usize;
    let mut requests = ids(&first);
    let mut offsets: Vec<usize> = (1..total.div_ceil(100)).map(|p| p * 100).collect();
    offsets.shuffle(&mut rand::thread_rng());
    for offset in offsets.into_iter().take(REQUEST_PAGES - 1) {
        let page = get_json(
            client,
            &format!("{base}/api/v1/requests?limit=100&offset={offset}"),
        )
        .await?;
        requests.extend(ids(&page));
    }
    requests.sort();
    requests.dedup();
    if requests.is_empty() {
        bail!("no open requests at {base}: load the demo data first (noaber demo)");
    }
    let mut posts: Vec<(&'static str, String)> =
        requests.iter().map(|id| ("requests", id.clone())).collect();
    for kind in ["offers", "vacancies"] {
        let page = get_json(client, &format!("{base}/api/v1/{kind}?limit=100")).await?;
        posts.extend(ids(&page).into_iter().map(|id| (kind, id)));
    }
    Ok(Targets {
        coordinator,
        volunteers: tokens,
        requests,
        posts,
        places,
        categories,
    })
}
