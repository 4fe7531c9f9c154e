//! Settings, read once from the environment into typed values.

use std::net::SocketAddr;
use std::path::PathBuf;

use crate::app::limits::{HourlyLimits, LoginPolicy};
use crate::routes::throttle::AddressLimit;

/// Everything the service needs to start.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `NOABER_BIND`: address to listen on.
    pub bind: SocketAddr,
    /// `NOABER_DATA_DIR`: SQLite file, search index, `.eml` outbox, generated secret.
    pub data_dir: PathBuf,
    /// `NOABER_DATABASE_URL`: `sqlite://...` or `postgres://...`.
    pub database_url: String,
    /// `NOABER_JWT_SECRET` (at least 32 random bytes, checked at start-up), or one
    /// generated once and kept in the data directory.
    pub jwt_secret: Option<String>,
    /// `NOABER_PUBLIC_URL`: base of links in e-mails.
    pub public_url: String,
    /// `NOABER_SMTP_URL`: unset means e-mail goes to `.eml` files.
    pub smtp_url: Option<String>,
    /// `NOABER_MAIL_FROM`: the sender of every mail.
    pub mail_from: String,
    /// `NOABER_MAIL_REPLY_TO`: where replies to mails go (unset: no `Reply-To`).
    pub mail_reply_to: Option<String>,
    /// `NOABER_MAIL_RETRY_SECONDS` (first wait, doubling) and `NOABER_MAIL_MAX_ATTEMPTS`.
    pub mail_retry: crate::mail::worker::RetryPolicy,
    /// `NOABER_TOKEN_TTL_MINUTES`: lifetime of access tokens.
    pub token_ttl_minutes: i64,
    /// `NOABER_FRONTEND_DIR`: serve the web app from this directory (development);
    /// unset, the copy embedded in the binary is served.
    pub frontend_dir: Option<PathBuf>,
    /// `NOABER_SERVICEPUNT_*`: how residents reach the Servicepunt, on every page.
    pub servicepunt: Servicepunt,
    /// `NOABER_MATCH_*`: weights and parameters of the matcher.
    pub matching: matching::MatchConfig,
    /// `NOABER_METRICS_TOKEN`: when set, `/metrics` answers only a scraper that sends
    /// it as a bearer token.
    pub metrics_token: Option<String>,
    /// `NOABER_LIMIT_POSTS_PER_HOUR`, `_RESPONSES_PER_HOUR`, `_MESSAGES_PER_HOUR`: caps
    /// per account (0: none; coordinators are never capped).
    pub limits: HourlyLimits,
    /// `NOABER_LOGIN_FREE_ATTEMPTS`, `NOABER_LOGIN_MAX_LOCK_SECONDS`: the lock after
    /// repeated failed logins for one address.
    pub login: LoginPolicy,
    /// `NOABER_ACCOUNT_REQUESTS_PER_MINUTE` (0: none) and `NOABER_BEHIND_PROXY`: how
    /// often one IP address may use the account routes (register, log in, reset).
    pub address_limit: AddressLimit,
    /// `NOABER_VALUE_PER_MATCH_EUR`: the social value of one trajectory in the annual
    /// report (default 2000, the figure Meppelvoorelkaar reported to its council).
    pub value_per_match_eur: i64,
    /// `NOABER_FOLLOW_UP_INTERVAL_SECONDS`: how often the follow-up jobs run (default
    /// 300; 0: never, e.g. when a cron job runs `noaber follow-ups` instead).
    pub follow_up_interval: Option<std::time::Duration>,
    /// `NOABER_DB_POOL_SIZE`: database connections this node keeps open, 1 to
    /// [`MAX_DB_POOL_SIZE`] (unset: [`crate::db::Db::default_pool_size`]).
    pub db_pool_size: Option<u32>,
    /// `NOABER_SEARCH_CACHE_SIZE`: how many recent search queries this node keeps the
    /// results of, 0 to [`MAX_SEARCH_CACHE_SIZE`] (0: none; default
    /// [`search::RESULT_CACHE_CAPACITY`]).
    pub search_cache_size: usize,
}

/// The most search queries one node may keep the results of.
pub const MAX_SEARCH_CACHE_SIZE: usize = 100_000;

/// The most database connections one node may ask for.
pub const MAX_DB_POOL_SIZE: u32 = 200;

/// How to reach the Servicepunt by phone, mail or in person: shown on every page,
/// because many residents will call instead of typing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Servicepunt {
    /// `NOABER_SERVICEPUNT_PHONE`.
    pub phone: String,
    /// `NOABER_SERVICEPUNT_EMAIL`.
    pub email: String,
    /// `NOABER_SERVICEPUNT_HOURS`: when someone answers the phone or the door.
    pub hours: String,
}

impl Default for Servicepunt {
    /// The municipality's general number (14 0593 reaches Midden-Drenthe's desk,
    /// which puts residents through): set the Servicepunt's own line in production.
    fn default() -> Servicepunt {
        Servicepunt {
            phone: "14 0593".into(),
            email: "servicepunt@middendrenthevoorelkaar.nl".into(),
            hours: "Maandag tot en met vrijdag van 9.00 tot 12.30 uur. Inloopspreekuur: dinsdag van 10.00 tot 12.00 uur in de bibliotheek in Beilen.".into(),
        }
    }
}

impl Servicepunt {
    /// How to reach the Servicepunt, as the lines under every mail's signature.
    pub fn contact_lines(&self) -> Vec<String> {
        vec![
            format!("Telefoon: {}", self.phone),
            format!("E-mail: {}", self.email),
            self.hours.clone(),
        ]
    }

    fn from_env() -> Servicepunt {
        let default = Servicepunt::default();
        Servicepunt {
            phone: var("NOABER_SERVICEPUNT_PHONE").unwrap_or(default.phone),
            email: var("NOABER_SERVICEPUNT_EMAIL").unwrap_or(default.email),
            hours: var("NOABER_SERVICEPUNT_HOURS").unwrap_or(default.hours),
        }
    }
}

/// The social value of one trajectory when `NOABER_VALUE_PER_MATCH_EUR` is unset.
pub const DEFAULT_VALUE_PER_MATCH_EUR: i64 = 2000;

/// The sender when `NOABER_MAIL_FROM` is unset.
pub const DEFAULT_MAIL_FROM: &str =
    "Noaber - Servicepunt Vrijwilligerswerk <noreply@middendrenthevoorelkaar.nl>";

/// A setting that cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("setting {name} is invalid: {reason}")]
pub struct ConfigError {
    name: &'static str,
    reason: String,
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl Settings {
    /// Reads the `NOABER_*` environment variables, with the documented defaults.
    pub fn from_env() -> Result<Settings, ConfigError> {
        let bind_text = var("NOABER_BIND").unwrap_or_else(|| "127.0.0.1:8080".into());
        let bind = bind_text.parse().map_err(|e| ConfigError {
            name: "NOABER_BIND",
            reason: format!("{bind_text:?}: {e}"),
        })?;
        let data_dir = PathBuf::from(var("NOABER_DATA_DIR").unwrap_or_else(|| "./data".into()));
        let database_url = var("NOABER_DATABASE_URL")
            .unwrap_or_else(|| format!("sqlite://{}", data_dir.join("noaber.db").display()));
        let token_ttl_minutes = match var("NOABER_TOKEN_TTL_MINUTES") {
            None => 60,
            Some(v) => v
                .parse()
                .ok()
                .filter(|m| *m > 0)
                .ok_or_else(|| ConfigError {
                    name: "NOABER_TOKEN_TTL_MINUTES",
                    reason: format!("{v:?} is not a positive number of minutes"),
                })?,
        };
        let matching = match_config_from_env()?;
        let defaults = HourlyLimits::default();
        let mut mail_retry = crate::mail::worker::RetryPolicy::default();
        if let Some(seconds) = number::<u64>("NOABER_MAIL_RETRY_SECONDS")? {
            mail_retry.base = std::time::Duration::from_secs(seconds.max(1));
        }
        if let Some(attempts) = number::<u32>("NOABER_MAIL_MAX_ATTEMPTS")? {
            mail_retry.max_attempts = attempts.max(1);
        }
        Ok(Settings {
            bind,
            public_url: var("NOABER_PUBLIC_URL").unwrap_or_else(|| format!("http://{bind}")),
            data_dir,
            database_url,
            jwt_secret: var("NOABER_JWT_SECRET"),
            smtp_url: var("NOABER_SMTP_URL"),
            mail_from: var("NOABER_MAIL_FROM").unwrap_or_else(|| DEFAULT_MAIL_FROM.into()),
            mail_reply_to: var("NOABER_MAIL_REPLY_TO"),
            mail_retry,
            token_ttl_minutes,
            frontend_dir: var("NOABER_FRONTEND_DIR").map(PathBuf::from),
            servicepunt: Servicepunt::from_env(),
            matching,
            metrics_token: var("NOABER_METRICS_TOKEN"),
            limits: HourlyLimits {
                posts: cap("NOABER_LIMIT_POSTS_PER_HOUR", defaults.posts)?,
                responses: cap("NOABER_LIMIT_RESPONSES_PER_HOUR", defaults.responses)?,
                messages: cap("NOABER_LIMIT_MESSAGES_PER_HOUR", defaults.messages)?,
            },
            address_limit: AddressLimit {
                per_minute: number("NOABER_ACCOUNT_REQUESTS_PER_MINUTE")?
                    .unwrap_or(AddressLimit::default().per_minute),
                behind_proxy: var("NOABER_BEHIND_PROXY").is_some_and(|v| v == "true" || v == "1"),
            },
            follow_up_interval: match number::<u64>("NOABER_FOLLOW_UP_INTERVAL_SECONDS")? {
                Some(0) => None,
                Some(seconds) => Some(std::time::Duration::from_secs(seconds)),
                None => Some(std::time::Duration::from_secs(300)),
            },
            value_per_match_eur: number::<u32>("NOABER_VALUE_PER_MATCH_EUR")?
                .map_or(DEFAULT_VALUE_PER_MATCH_EUR, i64::from),
            db_pool_size: match number::<u32>("NOABER_DB_POOL_SIZE")? {
                Some(n) if !(1..=MAX_DB_POOL_SIZE).contains(&n) => {
                    return Err(ConfigError {
                        name: "NOABER_DB_POOL_SIZE",
                        reason: format!("{n} is not between 1 and {MAX_DB_POOL_SIZE}"),
                    })
                }
                size => size,
            },
            search_cache_size: match number::<usize>("NOABER_SEARCH_CACHE_SIZE")? {
                Some(n) if n > MAX_SEARCH_CACHE_SIZE => {
                    return Err(ConfigError {
                        name: "NOABER_SEARCH_CACHE_SIZE",
                        reason: format!("{n} is more than {MAX_SEARCH_CACHE_SIZE}"),
                    })
                }
                size => size.unwrap_or(search::RESULT_CACHE_CAPACITY),
            },
            login: LoginPolicy {
                free_attempts: number::<u16>("NOABER_LOGIN_FREE_ATTEMPTS")?
                    .map_or(LoginPolicy::default().free_attempts, i32::from),
                max_lock_seconds: number::<u32>("NOABER_LOGIN_MAX_LOCK_SECONDS")?
                    .map_or(LoginPolicy::default().max_lock_seconds, i64::from),
            },
        })
    }

    /// Settings for a test or tool: everything under `data_dir`, on `database_url`.
    pub fn for_data_dir(data_dir: PathBuf, database_url: Option<String>) -> Settings {
        let database_url = database_url
            .unwrap_or_else(|| format!("sqlite://{}", data_dir.join("noaber.db").display()));
        Settings {
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            data_dir,
            database_url,
            jwt_secret: None,
            public_url: "http://127.0.0.1".into(),
            smtp_url: None,
            mail_from: DEFAULT_MAIL_FROM.into(),
            mail_reply_to: None,
            mail_retry: crate::mail::worker::RetryPolicy::default(),
            token_ttl_minutes: 60,
            metrics_token: None,
            limits: HourlyLimits::default(),
            login: LoginPolicy::default(),
            // Tests and tools make many accounts from one address in seconds; a test
            // that is about this limit sets it.
            address_limit: AddressLimit {
                per_minute: 0,
                behind_proxy: false,
            },
            frontend_dir: None,
            value_per_match_eur: DEFAULT_VALUE_PER_MATCH_EUR,
            // Tests run the follow-up jobs with a clock of their own.
            follow_up_interval: None,
            db_pool_size: None,
            search_cache_size: search::RESULT_CACHE_CAPACITY,
            servicepunt: Servicepunt::default(),
            matching: matching::MatchConfig::default(),
        }
    }
}

/// A per-hour cap: a whole number from 0 (no cap), or the default.
fn cap(name: &'static str, default: i64) -> Result<i64, ConfigError> {
    Ok(number::<u32>(name)?.map_or(default, i64::from))
}

fn number<T: std::str::FromStr>(name: &'static str) -> Result<Option<T>, ConfigError> {
    var(name)
        .map(|v| {
            v.trim().parse().map_err(|_| ConfigError {
                name,
                reason: format!("{v:?} is not a number"),
            })
        })
        .transpose()
}

/// Parses `talents=3,availability=3,distance=2` into weights over the defaults.
pub fn parse_weights(
    text: &str,
    mut weights: matching::Weights,
) -> Result<matching::Weights, String> {
    for pair in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (name, value) = pair
            .split_once('=')
            .ok_or_else(|| format!("{pair:?} is not name=value"))?;
        let value: f64 = value
            .trim()
            .parse()
            .ok()
            .filter(|v: &f64| v.is_finite() && *v >= 0.0)
            .ok_or_else(|| format!("{pair:?}: the weight must be a number ≥ 0"))?;
        let slot = match name.trim() {
            "talents" => &mut weights.talents,
            "availability" => &mut weights.availability,
            "distance" => &mut weights.distance,
            "load" => &mut weights.load,
            "interests" => &mut weights.interests,
            "experience" => &mut weights.experience,
            other => return Err(format!("unknown criterion {other:?}")),
        };
        *slot = value;
    }
    Ok(weights)
}

fn match_config_from_env() -> Result<matching::MatchConfig, ConfigError> {
    let mut config = matching::MatchConfig::default();
    if let Some(text) = var("NOABER_MATCH_WEIGHTS") {
        config.weights = parse_weights(&text, config.weights).map_err(|reason| ConfigError {
            name: "NOABER_MATCH_WEIGHTS",
            reason,
        })?;
    }
    if let Some(km) = number::<f64>("NOABER_MATCH_DISTANCE_HALF_KM")? {
        config.distance_half_km = km;
    }
    if let Some(credit) = number::<f64>("NOABER_MATCH_RELATED_CREDIT")? {
        config.related_talent_credit = credit;
    }
    if let Some(years) = number::<u32>("NOABER_VOG_VALID_YEARS")? {
        config.vog_valid_years = years;
    }
    if let Some(half) = number::<f64>("NOABER_MATCH_RECENT_HALF")? {
        config.recent_match_half = half;
    }
    Ok(config.sanitized())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_parse_over_the_defaults() {
        let w = parse_weights("distance=10, load=0", matching::Weights::default()).unwrap();
        assert_eq!(
            (w.distance, w.load, w.talents),
            (10.0, 0.0, matching::Weights::default().talents)
        );
        assert!(parse_weights("afstand=1", w).is_err());
        assert!(parse_weights("distance=-1", w).is_err());
        assert!(parse_weights("distance", w).is_err());
    }
}
