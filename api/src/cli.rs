//! The `noaber` command line: serve (default), migrate, user add, user set-role, demo.

use std::io::BufRead;

use anyhow::{bail, Context};
use clap::{Parser, Subcommand};

use crate::app::accounts::{change_role, RoleChanger};
use crate::app::reports::annual_from;
use crate::app::Tx;
use crate::auth::hash_password;
use crate::config::Settings;
use crate::db::accounts::{self, NewAccount};
use crate::domain::account::{Email, Owner, Password};
use crate::domain::Role;
use crate::error::ApiError;
use crate::mail::Links;
use crate::reference::Reference;
use crate::startup::{prepare_database, Application};

/// Noaber: volunteers and help requests in Midden-Drenthe.
#[derive(Debug, Parser)]
#[command(name = "noaber", version, about)]
pub struct Cli {
    /// What to do (default: serve).
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start the web service (the default).
    Serve {
        /// Load the demo dataset first if the database has none yet.
        #[arg(long)]
        demo: bool,
    },
    /// Apply database migrations and seed reference data, then exit.
    Migrate,
    /// Manage accounts.
    User {
        /// The action.
        #[command(subcommand)]
        action: UserCommand,
    },
    /// Rebuild the search index from the database (stop the server first).
    Reindex,
    /// Print the annual figures (the same as `GET /api/v1/reports/annual`).
    Report {
        /// The calendar year (default: this year).
        #[arg(long)]
        year: Option<i32>,
        /// json, csv or md.
        #[arg(long, default_value = "md", value_parser = ["json", "csv", "md"])]
        format: String,
    },
    /// Fit the matching weights to the coordinator's recorded choices and print the
    /// proposal (never applies anything).
    TuneWeights {
        /// Only decisions from this day on (YYYY-MM-DD).
        #[arg(long, value_parser = parse_day)]
        since: Option<chrono::NaiveDate>,
        /// Folds of the cross-validation that measures the gain on held-out decisions.
        #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(2..=20))]
        folds: u32,
    },
    /// Load a realistic demo dataset (deterministic from the seed), then exit.
    Demo {
        /// Random seed; the same seed gives the same data.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// Times the municipality's dataset: 1 is the plain demo, 100 about 32,000
        /// volunteers and 51,000 posts, 1000 a national simulation. Every demo
        /// account shares one password; a larger scale adds to a smaller one.
        #[arg(long, default_value_t = 1,
              value_parser = clap::value_parser!(u32).range(1..=crate::demo::MAX_SCALE as i64))]
        scale: u32,
    },
}

/// Account subcommands.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account; the password is read from the first line of stdin.
    Add {
        /// resident, volunteer, organisation or coordinator.
        #[arg(long)]
        role: String,
        /// Login e-mail address.
        #[arg(long)]
        email: String,
        /// Display name (default: the part of the address before the @).
        #[arg(long)]
        name: Option<String>,
    },
    /// Give an account another role; every session and access token of it ends.
    SetRole {
        /// Login e-mail address.
        #[arg(long)]
        email: String,
        /// resident, volunteer, organisation or coordinator.
        #[arg(long)]
        role: String,
    },
}

/// Runs the parsed command.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let settings = Settings::from_env()?;
    match cli.command.unwrap_or(Command::Serve { demo: false }) {
        Command::Serve { demo } => {
            if demo {
                load_demo(&settings, 2026)?;
            }
            let app = Application::build(settings.clone()).await?;
            tracing::info!(address = %settings.bind, port = app.port(), "Noaber is listening");
            app.run_until_stopped().await?;
            tracing::info!("stopped");
            Ok(())
        }
        Command::Migrate => {
            let reference = Reference::load()?;
            prepare_database(&settings, &reference)?;
            println!("database is up to date");
            Ok(())
        }
        Command::User {
            action: UserCommand::Add { role, email, name },
        } => add_user(&settings, &role, &email, name),
        Command::User {
            action: UserCommand::SetRole { email, role },
        } => set_role(&settings, &email, &role),
        Command::Demo { seed, scale } => demo(&settings, seed, scale),
        Command::Reindex => reindex(&settings),
        Command::Report { year, format } => report(&settings, year, &format),
        Command::TuneWeights { since, folds } => tune_weights(&settings, since, folds),
    }
}

fn parse_day(text: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("{text:?} is not a date like 2026-01-31"))
}

/// Fewer recorded decisions than this and a fit says nothing.
const MIN_DECISIONS: usize = 10;

/// Fits the weights on the recorded decisions and prints old against new MRR on
/// held-out decisions, and the proposed `NOABER_MATCH_WEIGHTS` line.
fn tune_weights(
    settings: &Settings,
    since: Option<chrono::NaiveDate>,
    folds: u32,
) -> anyhow::Result<()> {
    let reference = Reference::load()?;
    let db = prepare_database(settings, &reference)?;
    let since_at = since.and_then(|d| d.and_hms_opt(0, 0, 0));
    let decisions = db
        .run_blocking(|conn| crate::app::decisions::stored(conn, since_at))
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let current = settings.matching.weights;
    println!("decisions: {}", decisions.len());
    println!("current:   NOABER_MATCH_WEIGHTS={}", current.to_setting());
    if decisions.len() < MIN_DECISIONS {
        println!("too few decisions to fit weights (at least {MIN_DECISIONS}); nothing proposed");
        return Ok(());
    }
    let fit = matching::learn::fit_weights(&decisions, &current, folds as usize);
    println!(
        "mean reciprocal rank on held-out decisions ({} folds): current {:.3}, proposed {:.3}",
        fit.folds, fit.heldout_before, fit.heldout_after
    );
    println!(
        "mean reciprocal rank on all decisions with the proposal: {:.3}",
        fit.train_after
    );
    println!(
        "proposed:  NOABER_MATCH_WEIGHTS={}",
        fit.weights.to_setting()
    );
    println!("nothing was changed; set the line above in the environment to use it");
    Ok(())
}

/// Prints the annual report; the figures are made exactly as for the API.
fn report(settings: &Settings, year: Option<i32>, format: &str) -> anyhow::Result<()> {
    use chrono::Datelike;
    let now = chrono::Utc::now();
    let year = year.unwrap_or_else(|| crate::domain::local_date(now.naive_utc()).year());
    let reference = Reference::load()?;
    let db = prepare_database(settings, &reference)?;
    let value = settings.value_per_match_eur;
    let report = db
        .run_blocking(|conn| annual_from(conn, &reference, year, now, value))
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let text = match format {
        "json" => serde_json::to_string_pretty(&report)?,
        "csv" => crate::views::reports::to_csv(&report, b',')?,
        _ => crate::views::reports::to_markdown(&report),
    };
    print!("{text}");
    Ok(())
}

fn add_user(
    settings: &Settings,
    role: &str,
    email: &str,
    name: Option<String>,
) -> anyhow::Result<()> {
    let role = parse_role(role)?;
    let email = Email::parse(email).map_err(anyhow::Error::msg)?;
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("cannot read the password from stdin")?;
    let name = name.unwrap_or_else(|| {
        email
            .as_str()
            .split('@')
            .next()
            .unwrap_or_default()
            .to_owned()
    });
    let owner = Owner {
        email: email.as_str(),
        name: &name,
    };
    let password =
        Password::parse(line.trim_end_matches(['\r', '\n']), owner).map_err(anyhow::Error::msg)?;
    let hash = hash_password(password.expose()).map_err(|e| anyhow::anyhow!("{e}"))?;
    let reference = Reference::load()?;
    let db = prepare_database(settings, &reference)?;
    let account = db.run_blocking(|conn| -> anyhow::Result<_> {
        if accounts::email_taken(conn, email.as_str())? {
            bail!("an account with {} already exists", email.as_str());
        }
        Ok(accounts::create(
            conn,
            NewAccount {
                email: email.as_str(),
                password_hash: &hash,
                name: &name,
                role: role.as_str(),
                phone: None,
                organisation: None,
            },
        )?)
    })?;
    println!(
        "created {} account {} ({})",
        account.role, account.email, account.id
    );
    Ok(())
}

fn parse_role(role: &str) -> anyhow::Result<Role> {
    Role::parse(role).with_context(|| {
        format!("unknown role {role:?}: use resident, volunteer, organisation or coordinator")
    })
}

/// Changes a role the way a coordinator does (the same use case, audited with the
/// account itself as actor and "door de beheerder" in the detail).
fn set_role(settings: &Settings, email: &str, role: &str) -> anyhow::Result<()> {
    let role = parse_role(role)?;
    let email = Email::parse(email).map_err(anyhow::Error::msg)?;
    let reference = Reference::load()?;
    let links = Links::new(&settings.public_url).with_contact(settings.servicepunt.contact_lines());
    let db = prepare_database(settings, &reference)?;
    let changed = db.run_blocking(|conn| -> anyhow::Result<bool> {
        crate::db::write_transaction(conn, |conn| {
            let account = accounts::find_by_email(conn, email.as_str())?;
            let Some(account) = account else {
                return Ok(None);
            };
            let changed = account.role != role.as_str();
            let mut tx = Tx::new(conn, &reference, &links, settings.matching.vog_valid_years);
            change_role(&mut tx, &account.id, role, RoleChanger::Operator)?;
            Ok::<_, ApiError>(Some(changed))
        })
        .map_err(|e| anyhow::anyhow!("{e}"))?
        .with_context(|| format!("no account with {}", email.as_str()))
    })?;
    if changed {
        println!(
            "{} is now {role}; every session and access token of it has ended",
            email.as_str()
        );
    } else {
        println!("{} already is {role}; nothing changed", email.as_str());
    }
    Ok(())
}

fn load_demo(settings: &Settings, seed: u64) -> anyhow::Result<()> {
    let reference = Reference::load()?;
    let db = prepare_database(settings, &reference)?;
    let summary = db.run_blocking(|conn| crate::demo::load(conn, &reference, seed))?;
    db.run_blocking(crate::db::analyze)?;
    println!("{summary}");
    Ok(())
}

/// `noaber demo`: loads the demo `scale` times over and says how long it took.
fn demo(settings: &Settings, seed: u64, scale: u32) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let reference = Reference::load()?;
    let db = prepare_database(settings, &reference)?;
    // About ten progress lines however large the scale: a national load takes a while.
    let every = (scale / 10).max(1);
    let mut next = every;
    let mut progress = |copy: u32| {
        if copy >= next {
            next = copy + every;
            eprintln!(
                "copy {copy} of {} written ({:.1} s)",
                scale - 1,
                started.elapsed().as_secs_f64()
            );
        }
    };
    let summary = db.run_blocking(|conn| {
        crate::demo::load_scaled(conn, &reference, seed, scale, &mut progress)
    })?;
    db.run_blocking(crate::db::analyze)?;
    println!("{summary}");
    println!("took {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

fn reindex(settings: &Settings) -> anyhow::Result<()> {
    let reference = Reference::load()?;
    let db = prepare_database(settings, &reference)?;
    let dir = settings.data_dir.join("search");
    // Rebuilding answers no searches: no result cache.
    let sync = crate::search_sync::SearchSync::open(&dir, 0).with_context(|| {
        format!(
            "cannot open the search index in {} (is the server still running?)",
            dir.display()
        )
    })?;
    let n = db.run_blocking(|conn| sync.rebuild(conn, &reference))?;
    println!("search index rebuilt: {n} open posts");
    Ok(())
}
