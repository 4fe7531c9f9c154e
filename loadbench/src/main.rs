//! `loadbench`: drives a running Noaber over HTTP with a mixed workload and prints,
//! per workload and overall, requests per second, p50/p95/p99 latency and the errors
//! by status.
//!
//! The workloads are what the service does most on a busy day: search, the public
//! lists, a post's page, a coordinator creating a request, volunteers responding and
//! the coordinator asking for suggestions. `--concurrency` clients each send one
//! request after another over kept-alive connections (a closed loop: the rate is
//! what the server answers, not a target), for `--duration` seconds after a short
//! warm-up. `loadbench/run.sh` starts a server with demo data and runs it.

mod report;
mod setup;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use clap::Parser;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use serde_json::json;

use report::{Outcome, Sample};
use setup::Targets;

/// Load bench for a running Noaber.
#[derive(Debug, Parser)]
#[command(name = "loadbench", version, about)]
struct Args {
    /// Base URL of the running service.
    #[arg(long, default_value = "http://127.0.0.1:8080")]
    url: String,
    /// Clients sending at once, each one request after another.
    #[arg(long, default_value_t = 16, value_parser = clap::value_parser!(u32).range(1..=4096))]
    concurrency: u32,
    /// Seconds measured.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=3600))]
    duration: u64,
    /// Seconds run before measuring (connections opened, caches warm).
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u64).range(0..=600))]
    warmup: u64,
    /// Shares of the workloads: search, list, view, create, respond, suggest.
    #[arg(long, default_value = "search=40,list=25,view=20,create=5,respond=5,suggest=5",
          value_parser = Mix::parse)]
    mix: Mix,
    /// Login of a coordinator (for create and suggest).
    #[arg(long)]
    coordinator: Option<String>,
    /// Logins of volunteers (for respond); repeat the option or separate by commas.
    #[arg(long = "volunteer", value_delimiter = ',')]
    volunteers: Vec<String>,
    /// Password of these accounts.
    #[arg(long, env = "LOADBENCH_PASSWORD", hide_env_values = true)]
    password: Option<String>,
    /// Seed of the random choices (default: from the clock, so that two runs
    /// respond to different posts).
    #[arg(long)]
    seed: Option<u64>,
    /// A label printed with the figures (backend, scale).
    #[arg(long, default_value = "")]
    label: String,
}

/// One kind of request in the mix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Workload {
    /// `GET /api/v1/search?q=…` with a Dutch query.
    Search,
    /// `GET /api/v1/requests?place=…&category=…`, anonymous.
    List,
    /// `GET /api/v1/{kind}/{id}`, anonymous.
    View,
    /// `POST /api/v1/requests` as the coordinator.
    Create,
    /// `POST /api/v1/requests/{id}/responses` as a volunteer.
    Respond,
    /// `GET /api/v1/requests/{id}/suggestions` as the coordinator.
    Suggest,
}

impl Workload {
    /// Every workload, in the order of the report.
    pub const ALL: [Workload; 6] = [
        Workload::Search,
        Workload::List,
        Workload::View,
        Workload::Create,
        Workload::Respond,
        Workload::Suggest,
    ];

    /// The name in `--mix` and in the report.
    pub fn name(self) -> &'static str {
        match self {
            Workload::Search => "search",
            Workload::List => "list",
            Workload::View => "view",
            Workload::Create => "create",
            Workload::Respond => "respond",
            Workload::Suggest => "suggest",
        }
    }
}

/// Weights of the workloads, in the order of [`Workload::ALL`].
#[derive(Debug, Clone)]
struct Mix([u32; 6]);

impl Mix {
    fn parse(text: &str) -> Result<Mix, String> {
        let mut weights = [0u32; 6];
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (name, weight) = part
                .split_once('=')
                .ok_or_else(|| format!("{part:?}: write name=weight, e.g. search=40"))?;
            let slot = Workload::ALL
                .iter()
                .position(|w| w.name() == name.trim())
                .ok_or_else(|| {
                    format!(
                        "unknown workload {name:?}: search, list, view, create, respond or suggest"
                    )
                })?;
            weights[slot] = weight
                .trim()
                .parse()
                .map_err(|_| format!("{part:?}: the weight is not a whole number"))?;
        }
        if weights.iter().all(|w| *w == 0) {
            return Err("the mix has no workload with a weight above 0".into());
        }
        Ok(Mix(weights))
    }

    fn weight(&self, w: Workload) -> u32 {
        Workload::ALL
            .iter()
            .position(|x| *x == w)
            .map_or(0, |i| self.0[i])
    }

    fn pick(&self, rng: &mut StdRng) -> Workload {
        let total: u32 = self.0.iter().sum();
        let mut roll = rng.gen_range(0..total);
        for (w, weight) in Workload::ALL.iter().zip(self.0) {
            if roll < weight {
                return *w;
            }
            roll -= weight;
        }
        Workload::Search
    }

    fn describe(&self) -> String {
        Workload::ALL
            .iter()
            .zip(self.0)
            .filter(|(_, weight)| *weight > 0)
            .map(|(w, weight)| format!("{}={weight}", w.name()))
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// Queries people type into the search box, from one word to a short sentence.
const QUERIES: &[&str] = &[
    "boodschappen",
    "hond uitlaten",
    "computerhulp",
    "tuin",
    "maatje beilen",
    "vervoer ziekenhuis",
    "taalmaatje",
    "gezelschap",
    "klussen",
    "fietsen",
    "voorlezen",
    "belastingaangifte",
    "mantelzorg",
    "smartphone",
    "boodschappen doen smilde",
    "wandelen met de hond",
    "koffie drinken",
    "administratie",
    "gras maaien",
    "schilderen",
    "nederlandse les",
    "huiswerkbegeleiding",
    "respijtzorg",
    "bezoek aan huis",
    "rolstoel",
    "formulieren invullen",
    "naar het ziekenhuis rijden",
    "dementie",
    "spelletjes",
    "duofiets westerbork",
];

/// Requests the coordinator takes over the phone: title, text, category, talents.
const NEW_REQUESTS: &[(&str, &str, &str, &[&str])] = &[
    (
        "Boodschappen voor mijn moeder",
        "Mijn moeder kan niet meer zelf naar de winkel. Wie doet eens per week de boodschappen met haar?",
        "boodschappen",
        &["boodschappen"],
    ),
    (
        "Hulp bij de belastingaangifte",
        "Ik vind de aangifte lastig en zoek iemand die er samen met mij naar kijkt.",
        "administratie",
        &["belastingaangifte"],
    ),
    (
        "Wandelmaatje gezocht",
        "Ik wandel graag, maar niet meer alleen. Wie loopt af en toe een uurtje mee?",
        "maatje",
        &["wandelen"],
    ),
    (
        "Heg snoeien en gras maaien",
        "De heg moet gesnoeid en het gras gemaaid. Wie helpt een paar keer per jaar?",
        "tuin",
        &["snoeien", "gras-maaien"],
    ),
    (
        "Vervoer naar het ziekenhuis in Assen",
        "Ik moet volgende maand naar het ziekenhuis en heb geen vervoer. Wie rijdt mij?",
        "vervoer",
        &["autorijden"],
    ),
    (
        "Uitleg over mijn nieuwe telefoon",
        "Ik heb een smartphone gekregen, maar weet niet hoe WhatsApp werkt.",
        "computerhulp",
        &["smartphone-hulp"],
    ),
];

/// What a volunteer writes when responding.
const MESSAGES: &[&str] = &[
    "Ik help graag! Ik woon in de buurt en heb doordeweeks tijd.",
    "Dit lijkt me leuk om te doen. Wanneer zullen we kennismaken?",
    "Ik heb hier ervaring mee. Bel me gerust.",
];

/// Shared by every client.
struct Bench {
    client: reqwest::Client,
    base: String,
    mix: Mix,
    targets: Targets,
    /// Which (volunteer, request) pair responds next: every pair once, so that a
    /// response is a new match and not a 409 for a second response.
    next_response: AtomicUsize,
    response_offset: usize,
}

impl Bench {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// One request of workload `w`, or `None` when there is nothing to send it
    /// about (no open request, no volunteer).
    fn request(&self, w: Workload, rng: &mut StdRng) -> Option<reqwest::RequestBuilder> {
        let t = &self.targets;
        Some(match w {
            Workload::Search => {
                let q = QUERIES.choose(rng)?;
                self.client
                    .get(self.url("/api/v1/search"))
                    .query(&[("q", q)])
            }
            Workload::List => {
                let place = t.places.choose(rng)?;
                let category = t.categories.choose(rng)?;
                self.client
                    .get(self.url("/api/v1/requests"))
                    .query(&[("place", place), ("category", category)])
            }
            Workload::View => {
                let (kind, id) = t.posts.choose(rng)?;
                self.client.get(self.url(&format!("/api/v1/{kind}/{id}")))
            }
            Workload::Create => {
                let (title, description, category, talents) = NEW_REQUESTS.choose(rng)?;
                let place = t.places.choose(rng)?;
                self.client
                    .post(self.url("/api/v1/requests"))
                    .bearer_auth(t.coordinator.as_deref()?)
                    .json(&json!({
                        "title": title,
                        "description": description,
                        "category": category,
                        "place": place,
                        "talents": talents,
                        "schedule": {"kind": "flexible"},
                    }))
            }
            Workload::Respond => {
                let (posts, volunteers) = (t.requests.len(), t.volunteers.len());
                if posts == 0 || volunteers == 0 {
                    return None;
                }
                let k = self.next_response.fetch_add(1, Ordering::Relaxed);
                let post = &t.requests[(self.response_offset + k) % posts];
                let token = &t.volunteers[(k / posts) % volunteers];
                self.client
                    .post(self.url(&format!("/api/v1/requests/{post}/responses")))
                    .bearer_auth(token)
                    .json(&json!({"message": MESSAGES.choose(rng)?}))
            }
            Workload::Suggest => {
                let id = t.requests.choose(rng)?;
                self.client
                    .get(self.url(&format!("/api/v1/requests/{id}/suggestions")))
                    .bearer_auth(t.coordinator.as_deref()?)
            }
        })
    }
}

/// One client: requests one after another until `end`; samples from `measure_from`.
async fn run_client(
    bench: Arc<Bench>,
    seed: u64,
    measure_from: Instant,
    end: Instant,
) -> Vec<Sample> {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut samples = Vec::new();
    loop {
        let started = Instant::now();
        if started >= end {
            break;
        }
        let workload = bench.mix.pick(&mut rng);
        let Some(request) = bench.request(workload, &mut rng) else {
            continue;
        };
        let outcome = match request.send().await {
            // The whole body is read: that is part of the answer, and it returns the
            // connection to the pool for the next request.
            Ok(response) => {
                let status = response.status().as_u16();
                match response.bytes().await {
                    Ok(_) if (200..300).contains(&status) => Outcome::Ok,
                    Ok(_) => Outcome::Status(status),
                    Err(_) => Outcome::Transport,
                }
            }
            Err(_) => Outcome::Transport,
        };
        if started >= measure_from {
            samples.push(Sample {
                workload,
                micros: u32::try_from(started.elapsed().as_micros()).unwrap_or(u32::MAX),
                outcome,
            });
        }
    }
    samples
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let needs_coordinator =
        args.mix.weight(Workload::Create) > 0 || args.mix.weight(Workload::Suggest) > 0;
    if needs_coordinator && args.coordinator.is_none() {
        bail!("create and suggest need --coordinator (or give them weight 0 in --mix)");
    }
    if args.mix.weight(Workload::Respond) > 0 && args.volunteers.is_empty() {
        bail!("respond needs at least one --volunteer (or give it weight 0 in --mix)");
    }
    let concurrency = usize::try_from(args.concurrency).context("concurrency")?;
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency)
        .timeout(Duration::from_secs(30))
        .build()?;
    let base = args.url.trim_end_matches('/').to_owned();
    let password = args.password.clone().unwrap_or_default();
    let targets = setup::prepare(
        &client,
        &base,
        args.coordinator.as_deref(),
        &args.volunteers,
        &password,
    )
    .await?;
    let seed = args.seed.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64)
    });
    let mut rng = StdRng::seed_from_u64(seed);
    let response_offset = rng.gen_range(0..targets.requests.len().max(1));
    eprintln!(
        "loadbench: {} open requests and {} posts to choose from, {} volunteers; seed {seed}",
        targets.requests.len(),
        targets.posts.len(),
        targets.volunteers.len()
    );
    let bench = Arc::new(Bench {
        client,
        base: base.clone(),
        mix: args.mix.clone(),
        targets,
        next_response: AtomicUsize::new(0),
        response_offset,
    });

    let start = Instant::now();
    let measure_from = start + Duration::from_secs(args.warmup);
    let end = measure_from + Duration::from_secs(args.duration);
    let clients: Vec<_> = (0..concurrency)
        .map(|i| {
            let seed = seed.wrapping_add(i as u64 + 1);
            tokio::spawn(run_client(bench.clone(), seed, measure_from, end))
        })
        .collect();
    let mut samples = Vec::new();
    for c in clients {
        samples.extend(c.await.context("a client stopped")?);
    }
    let measured = end.saturating_duration_since(measure_from).as_secs_f64();
    println!(
        "loadbench{}{}: {base}, concurrency {}, {} s measured after {} s warm-up, mix {}",
        if args.label.is_empty() { "" } else { " " },
        args.label,
        args.concurrency,
        args.duration,
        args.warmup,
        args.mix.describe()
    );
    print!("{}", report::table(samples, measured));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mix_names_known_workloads_with_whole_weights() {
        let mix = Mix::parse("search=40, list=25,create=0").unwrap();
        assert_eq!(mix.weight(Workload::Search), 40);
        assert_eq!(mix.weight(Workload::List), 25);
        assert_eq!(mix.weight(Workload::Respond), 0);
        assert_eq!(mix.describe(), "search=40,list=25");
        assert!(Mix::parse("search=40,browse=3").is_err());
        assert!(Mix::parse("search").is_err());
        assert!(Mix::parse("search=veel").is_err());
        assert!(Mix::parse("search=0").is_err());
    }

    #[test]
    fn picks_follow_the_weights() {
        let mix = Mix::parse("search=3,view=1").unwrap();
        let mut rng = StdRng::seed_from_u64(1);
        let searches = (0..4000)
            .filter(|_| mix.pick(&mut rng) == Workload::Search)
            .count();
        assert!((2800..3200).contains(&searches), "{searches}");
    }
}
