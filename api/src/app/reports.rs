//! The Servicepunt's annual figures (*jaarverslag*): requests by intake channel,
//! category and village; trajectories started, succeeded, failed and still running;
//! requests closed without a match and why; the waiting list at year end; responses
//! against matches; volunteers and organisations; how long requests wait; supply
//! against demand; and the social value. Every figure beside the year before.
//!
//! `db::reports` loads the milestones of every request and match up to the end of the
//! year; the plain functions here fold them, so the same rows give both years and the
//! rules are unit-tested without a database.
//!
//! Definitions (also in the README):
//! - A year is the calendar year in Midden-Drenthe's time zone. "At year end" means
//!   at the end of the year, or now for the running year.
//! - A request counts in the year it was published, in exactly one channel, category
//!   and village. Trajectories are matches on requests: *started* when the
//!   coordinator confirmed them, *succeeded*/*failed* when they ended so in the year,
//!   *durable* when they ran 90 days or more and were running during the year.
//! - Medians and 90th percentiles use the nearest rank: the value at position
//!   ⌈p·n⌉ of the sorted list.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeZone, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use super::decisions::SuggestionQuality;
use super::{decisions, read};
use crate::auth::Caller;
use crate::db::reports::{self, AccountCounts, MatchFacts, RequestFacts};
use crate::db::DbConn;
use crate::domain::{IntakeChannel, Role};
use crate::error::ApiError;
use crate::reference::Reference;
use crate::state::AppState;

/// Trajectories that ran this long count as durable.
pub const DURABLE_DAYS: i64 = 90;

/// The figures of one year, the year before, supply against demand and social value.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AnnualReport {
    /// The year asked for.
    pub year: i32,
    /// The moment the figures run to: the end of the year, or now for the running year.
    pub as_of: DateTime<Utc>,
    /// The year's figures.
    pub figures: YearFigures,
    /// The same figures for the year before.
    pub previous: YearFigures,
    /// Open requests at year end against volunteers who offer that kind of help
    /// within reach, per kind of help and village; the largest shortage first.
    pub supply_demand: Vec<SupplyDemand>,
    /// Trajectories started × the configured value per trajectory.
    pub social_value: SocialValue,
}

/// One year's figures.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct YearFigures {
    /// The year.
    pub year: i32,
    /// Requests published in the year.
    pub requests: RequestFigures,
    /// Trajectories (matches on requests).
    pub matches: MatchFigures,
    /// Requests closed in the year without ever being matched, by reason.
    pub closed_without_match: Vec<Counted>,
    /// Requests still open at year end (*wachtlijst*).
    pub waiting_list: WaitingList,
    /// Responses against confirmed matches per kind of help.
    pub conversion: Vec<Conversion>,
    /// Volunteer accounts.
    pub volunteers: People,
    /// Organisation accounts.
    pub organisations: People,
    /// Days from publication to the first response and to a confirmed match.
    pub timing: Timing,
    /// How often the coordinator proposed the volunteer Noaber suggested first.
    pub suggestions: SuggestionQuality,
}

/// A count with its code and Dutch label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Counted {
    /// The code (channel, category slug, place slug, reason, ...).
    pub key: String,
    /// What a person reads.
    pub label: String,
    /// How many.
    pub count: i64,
}

/// Requests published in the year.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct RequestFigures {
    /// All of them.
    pub total: i64,
    /// Per intake channel (every channel, zeros too; they add up to the total).
    pub by_channel: Vec<Counted>,
    /// Referrals per referrer type.
    pub by_referrer: Vec<Counted>,
    /// Per kind of help (every category, zeros too).
    pub by_category: Vec<Counted>,
    /// Per village (those with requests), most first.
    pub by_place: Vec<Counted>,
    /// Per month (1–12): requests per kind of help.
    pub by_month: Vec<MonthCounts>,
}

/// One month's requests per kind of help.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MonthCounts {
    /// 1 = January.
    pub month: u32,
    /// Per category with requests that month.
    pub by_category: Vec<Counted>,
}

/// Trajectories in the year.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct MatchFigures {
    /// Confirmed by the coordinator in the year.
    pub started: i64,
    /// Ended as succeeded (*geslaagde bemiddeling*) in the year.
    pub succeeded: i64,
    /// Ended as not succeeded in the year.
    pub failed: i64,
    /// Running at year end.
    pub running_at_end: i64,
    /// Running during the year and 90 days or longer in all.
    pub durable: i64,
    /// Reported with *ja* to a contact question and not confirmed by the coordinator:
    /// help arranged outside the Servicepunt (not in `started`).
    pub outside: i64,
}

/// The waiting list at year end.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct WaitingList {
    /// Requests open at year end.
    pub total: i64,
    /// By how long they have waited.
    pub by_age: Vec<Counted>,
    /// The median wait in days.
    pub median_age_days: Option<f64>,
}

/// Responses against confirmed matches for one kind of help.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Conversion {
    /// Category slug.
    pub category: String,
    /// Its Dutch name.
    pub label: String,
    /// Volunteers' responses in the year.
    pub responses: i64,
    /// Of the volunteers' responses, the matches confirmed in the year.
    pub matches: i64,
    /// Matches per 100 responses (none without responses).
    pub percent: Option<f64>,
}

/// Accounts of one kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct People {
    /// Registered at year end.
    pub registered: i64,
    /// Active in the year (volunteers: in a match; organisations: a vacancy published).
    pub active: i64,
    /// New in the year.
    pub new: i64,
    /// Left in the year (account deleted).
    pub departed: i64,
}

/// How long requests published in the year waited.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, ToSchema)]
pub struct Timing {
    /// Until the first response.
    pub first_response: Spread,
    /// Until a confirmed match.
    pub confirmed_match: Spread,
}

/// A spread of waits in days.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, ToSchema)]
pub struct Spread {
    /// Requests that got there.
    pub requests: i64,
    /// Median days (one decimal).
    pub median_days: Option<f64>,
    /// 90th percentile days (one decimal).
    pub p90_days: Option<f64>,
}

/// Open requests against volunteers within reach for one kind of help and village.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SupplyDemand {
    /// Category slug.
    pub category: String,
    /// Its Dutch name.
    pub category_label: String,
    /// Place slug.
    pub place: String,
    /// The village's name.
    pub place_label: String,
    /// Open requests at year end.
    pub open_requests: i64,
    /// Volunteers with a talent of this kind who live within their own reach of the village.
    pub volunteers_within_reach: i64,
}

/// The social value, never without its formula.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SocialValue {
    /// Trajectories started in the year, with those reported as arranged outside.
    pub trajectories: i64,
    /// `NOABER_VALUE_PER_MATCH_EUR`.
    pub value_per_match_eur: i64,
    /// The product.
    pub total_eur: i64,
    /// The sum in words, e.g. "12 koppelingen × € 2.000 = € 24.000".
    pub formula: String,
    /// Where the value per match comes from.
    pub source: String,
}

/// Where the default value per match comes from (README: *Figures*; the operator
/// sets another with `NOABER_VALUE_PER_MATCH_EUR`).
pub const VALUE_SOURCE: &str = "Meppelvoorelkaar rekende de gemeenteraad van Meppel € 2.000 \
     maatschappelijke waarde per match voor. Wilt u een ander bedrag? Vraag de beheerder van Noaber.";

/// `[from, until)` of a local calendar year, in UTC.
pub fn year_bounds(year: i32) -> Option<(NaiveDateTime, NaiveDateTime)> {
    let start = |y: i32| {
        let day = NaiveDate::from_ymd_opt(y, 1, 1)?.and_hms_opt(0, 0, 0)?;
        chrono_tz::Europe::Amsterdam
            .from_local_datetime(&day)
            .single()
            .map(|t| t.naive_utc())
    };
    Some((start(year)?, start(year + 1)?))
}

/// The annual report for `year` as of `now` (coordinator only).
pub async fn annual(
    state: &AppState,
    caller: &Caller,
    year: i32,
    now: DateTime<Utc>,
) -> Result<AnnualReport, ApiError> {
    caller.require(&[Role::Coordinator])?;
    let value = state.settings.value_per_match_eur;
    read(state, move |tx| {
        annual_from(tx.conn, tx.reference, year, now, value)
    })
    .await
}

/// The report computed on one connection (the HTTP route and `noaber report`).
pub fn annual_from(
    conn: &mut DbConn,
    reference: &Reference,
    year: i32,
    now: DateTime<Utc>,
    value_per_match_eur: i64,
) -> Result<AnnualReport, ApiError> {
    let bounds =
        |y| year_bounds(y).ok_or_else(|| ApiError::field("year", "Dit jaar kennen we niet."));
    if !(2000..=2100).contains(&year) {
        return Err(ApiError::field(
            "year",
            "Kies een jaar tussen 2000 en 2100.",
        ));
    }
    let (from, until) = bounds(year)?;
    let (previous_from, _) = bounds(year - 1)?;
    let as_of = until.min(now.naive_utc());
    let requests = reports::requests(conn, until)?;
    let matches = reports::matches(conn, until)?;
    // Reported with *ja* but never confirmed: confirmed ones count as started.
    let confirmed: HashSet<&str> = matches
        .iter()
        .filter(|m| m.confirmed_at.is_some())
        .map(|m| m.id.as_str())
        .collect();
    let outside: Vec<NaiveDateTime> = crate::db::follow_ups::outside_matches(conn, until)?
        .into_iter()
        .filter(|(id, _)| !confirmed.contains(id.as_str()))
        .map(|(_, at)| at)
        .collect();
    let mut year_figures = |from: NaiveDateTime, until: NaiveDateTime, y: i32| {
        let period = Period {
            from,
            until,
            as_of: until.min(now.naive_utc()),
        };
        let mut people = |role| reports::accounts(conn, role, from, until);
        let volunteers = people(Role::Volunteer)?;
        let organisations = people(Role::Organisation)?;
        let organisations_active = reports::organisations_active(conn, from, until)?;
        let mut figures = fold_year(
            y,
            &period,
            reference,
            &requests,
            (&matches, &outside),
            (volunteers, organisations, organisations_active),
        );
        figures.suggestions = decisions::quality_between(conn, reference, from, until)?;
        Ok::<_, ApiError>(figures)
    };
    let figures = year_figures(from, until, year)?;
    let previous = year_figures(previous_from, from, year - 1)?;
    let supply = reports::volunteer_supply(conn)?;
    let waiting: Vec<&RequestFacts> = requests.iter().filter(|r| waits_at(r, as_of)).collect();
    Ok(AnnualReport {
        year,
        as_of: as_of.and_utc(),
        supply_demand: supply_demand(reference, &waiting, &supply),
        social_value: social_value(
            figures.matches.started + figures.matches.outside,
            value_per_match_eur,
        ),
        figures,
        previous,
    })
}

/// The period a year's figures cover.
#[derive(Debug, Clone, Copy)]
pub struct Period {
    /// Start (inclusive).
    pub from: NaiveDateTime,
    /// End (exclusive).
    pub until: NaiveDateTime,
    /// The end, or now for the running year.
    pub as_of: NaiveDateTime,
}

impl Period {
    fn holds(&self, at: NaiveDateTime) -> bool {
        self.from <= at && at < self.until
    }
}

/// Folds the milestones into one year's figures.
pub fn fold_year(
    year: i32,
    period: &Period,
    reference: &Reference,
    requests: &[RequestFacts],
    (matches, outside): (&[MatchFacts], &[NaiveDateTime]),
    (volunteers, organisations, organisations_active): (AccountCounts, AccountCounts, i64),
) -> YearFigures {
    let published: Vec<&RequestFacts> = requests
        .iter()
        .filter(|r| period.holds(r.published_at))
        .collect();
    let active_volunteers: HashSet<&str> = matches
        .iter()
        .filter(|m| period.holds(m.created_at) || running_during(m, period))
        .map(|m| m.volunteer_id.as_str())
        .collect();
    YearFigures {
        year,
        requests: request_figures(reference, &published),
        matches: MatchFigures {
            outside: outside.iter().filter(|at| period.holds(**at)).count() as i64,
            ..match_figures(matches, period)
        },
        closed_without_match: closed_without_match(requests, period),
        waiting_list: waiting_list(requests, period.as_of),
        conversion: conversion(reference, matches, period),
        volunteers: people(volunteers, active_volunteers.len() as i64),
        organisations: people(organisations, organisations_active),
        timing: Timing {
            first_response: spread(published.iter().filter_map(|r| {
                r.first_response_at
                    .map(|at| days_between(r.published_at, at))
            })),
            confirmed_match: spread(
                published
                    .iter()
                    .filter_map(|r| r.matched_at.map(|at| days_between(r.published_at, at))),
            ),
        },
        // Filled in by the caller from the stored decisions.
        suggestions: SuggestionQuality::default(),
    }
}

fn people(counts: AccountCounts, active: i64) -> People {
    People {
        registered: counts.registered,
        active,
        new: counts.new,
        departed: counts.departed,
    }
}

fn request_figures(reference: &Reference, published: &[&RequestFacts]) -> RequestFigures {
    let channels = IntakeChannel::ALL
        .iter()
        .map(|c| (c.as_str().to_owned(), channel_label(*c).to_owned()));
    let categories = reference
        .categories
        .iter()
        .map(|c| (c.slug.clone(), c.name_nl.clone()));
    let referrals = published
        .iter()
        .filter(|r| r.channel == IntakeChannel::Referral.as_str());
    let mut by_month = Vec::new();
    for month in 1..=12 {
        let of_month: Vec<&RequestFacts> = published
            .iter()
            .copied()
            .filter(|r| local_month(r.published_at) == month)
            .collect();
        let counts = count_by(of_month.iter().map(|r| r.category.as_str()), |slug| {
            category_label(reference, slug)
        });
        by_month.push(MonthCounts {
            month,
            by_category: counts,
        });
    }
    let mut by_place = count_by(published.iter().map(|r| r.place.as_str()), |slug| {
        reference
            .place(slug)
            .map_or_else(|| slug.to_owned(), |p| p.name.clone())
    });
    by_place.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    RequestFigures {
        total: published.len() as i64,
        by_channel: count_each(channels, published.iter().map(|r| r.channel.as_str())),
        by_referrer: count_by(
            referrals.map(|r| r.referrer.as_deref().unwrap_or("onbekend")),
            |r| r.replace('-', " "),
        ),
        by_category: count_each(categories, published.iter().map(|r| r.category.as_str())),
        by_place,
        by_month,
    }
}

/// Counts `keys` against a fixed list (zeros included, in the list's order).
fn count_each<'a>(
    known: impl Iterator<Item = (String, String)>,
    keys: impl Iterator<Item = &'a str>,
) -> Vec<Counted> {
    let counts = tally(keys);
    known
        .map(|(key, label)| Counted {
            count: counts.get(key.as_str()).copied().unwrap_or(0),
            key,
            label,
        })
        .collect()
}

/// Counts `keys` that occur, in key order, labelled by `label`.
fn count_by<'a>(
    keys: impl Iterator<Item = &'a str>,
    label: impl Fn(&str) -> String,
) -> Vec<Counted> {
    tally(keys)
        .into_iter()
        .map(|(key, count)| Counted {
            label: label(key),
            key: key.to_owned(),
            count,
        })
        .collect()
}

/// How often each key occurs, in key order.
fn tally<K: Ord>(keys: impl Iterator<Item = K>) -> BTreeMap<K, i64> {
    let mut counts = BTreeMap::new();
    for key in keys {
        *counts.entry(key).or_insert(0) += 1;
    }
    counts
}

fn category_label(reference: &Reference, slug: &str) -> String {
    reference
        .category(slug)
        .map_or_else(|| slug.to_owned(), |c| c.name_nl.clone())
}

/// The Dutch words for an intake channel.
pub fn channel_label(channel: IntakeChannel) -> &'static str {
    match channel {
        IntakeChannel::Own => "Zelf aangemeld",
        IntakeChannel::Network => "Via familie of buren",
        IntakeChannel::Referral => "Via doorverwijzing",
        IntakeChannel::Phone => "Telefonisch via het Servicepunt",
    }
}

fn close_label(reason: &str) -> &'static str {
    match reason {
        "no_match" => "Geen bemiddeling",
        "withdrawn" => "Ingetrokken",
        "expired" => "Verlopen",
        "completed" => "Afgerond",
        "refused" => "Niet geplaatst",
        _ => "Anders",
    }
}

fn running_during(m: &MatchFacts, period: &Period) -> bool {
    m.confirmed_at.is_some_and(|c| c < period.until)
        && m.ended.is_none_or(|(end, _)| end >= period.from)
}

fn match_figures(matches: &[MatchFacts], period: &Period) -> MatchFigures {
    let mut figures = MatchFigures::default();
    for m in matches {
        if m.confirmed_at.is_some_and(|at| period.holds(at)) {
            figures.started += 1;
        }
        match m.ended {
            Some((at, true)) if period.holds(at) => figures.succeeded += 1,
            Some((at, false)) if period.holds(at) => figures.failed += 1,
            _ => {}
        }
        let running_at_end = m.confirmed_at.is_some_and(|c| c < period.as_of)
            && m.ended.is_none_or(|(end, _)| end >= period.as_of);
        if running_at_end {
            figures.running_at_end += 1;
        }
        if let Some(confirmed) = m.confirmed_at.filter(|_| running_during(m, period)) {
            let end = m
                .ended
                .map_or(period.as_of, |(end, _)| end.min(period.as_of));
            if (end - confirmed).num_days() >= DURABLE_DAYS {
                figures.durable += 1;
            }
        }
    }
    figures
}

fn closed_without_match(requests: &[RequestFacts], period: &Period) -> Vec<Counted> {
    let mut counts: BTreeMap<(String, String), i64> = BTreeMap::new();
    for r in requests.iter().filter(|r| r.matched_at.is_none()) {
        let Some(closed) = r.closed.as_ref().filter(|c| period.holds(c.at)) else {
            continue;
        };
        // Words that only repeat the reason ("ingetrokken") add nothing.
        let words = closed.words.as_deref().map(str::trim).unwrap_or_default();
        let words = if words.eq_ignore_ascii_case(close_label(&closed.reason)) {
            ""
        } else {
            words
        };
        *counts
            .entry((closed.reason.clone(), words.to_owned()))
            .or_insert(0) += 1;
    }
    let mut rows: Vec<Counted> = counts
        .into_iter()
        .map(|((reason, words), count)| Counted {
            label: if words.is_empty() {
                close_label(&reason).to_owned()
            } else {
                format!("{}: {words}", close_label(&reason))
            },
            key: reason,
            count,
        })
        .collect();
    rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    rows
}

/// Whether a request was on the list, unmatched and not closed, at `at`.
fn waits_at(r: &RequestFacts, at: NaiveDateTime) -> bool {
    r.published_at < at
        && r.matched_at.is_none_or(|m| m >= at)
        && r.closed.as_ref().is_none_or(|c| c.at >= at)
}

fn waiting_list(requests: &[RequestFacts], as_of: NaiveDateTime) -> WaitingList {
    let ages: Vec<f64> = requests
        .iter()
        .filter(|r| waits_at(r, as_of))
        .map(|r| days_between(r.published_at, as_of))
        .collect();
    let buckets = [
        ("0-1", "Korter dan een maand", 0.0, 30.0),
        ("1-3", "1 tot 3 maanden", 30.0, 91.0),
        ("3-6", "3 tot 6 maanden", 91.0, 182.0),
        ("6+", "Een half jaar of langer", 182.0, f64::INFINITY),
    ];
    WaitingList {
        total: ages.len() as i64,
        by_age: buckets
            .iter()
            .map(|(key, label, low, high)| Counted {
                key: (*key).into(),
                label: (*label).into(),
                count: ages.iter().filter(|a| **a >= *low && **a < *high).count() as i64,
            })
            .collect(),
        median_age_days: percentile(&ages, 0.5),
    }
}

fn conversion(reference: &Reference, matches: &[MatchFacts], period: &Period) -> Vec<Conversion> {
    reference
        .categories
        .iter()
        .map(|c| {
            let of_kind = matches.iter().filter(|m| m.category == c.slug);
            let responses = of_kind
                .clone()
                .filter(|m| m.is_response && period.holds(m.created_at))
                .count() as i64;
            // Matches that began as a response (the coordinator's picks have no response).
            let confirmed = of_kind
                .filter(|m| m.is_response && m.confirmed_at.is_some_and(|at| period.holds(at)))
                .count() as i64;
            Conversion {
                category: c.slug.clone(),
                label: c.name_nl.clone(),
                responses,
                matches: confirmed,
                percent: (responses > 0)
                    .then(|| round1(100.0 * confirmed as f64 / responses as f64)),
            }
        })
        .collect()
}

fn days_between(from: NaiveDateTime, to: NaiveDateTime) -> f64 {
    (to - from).num_seconds() as f64 / 86_400.0
}

fn local_month(at: NaiveDateTime) -> u32 {
    at.and_utc()
        .with_timezone(&chrono_tz::Europe::Amsterdam)
        .month()
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The nearest-rank percentile `p` (0–1] of `values`, rounded to one decimal.
pub fn percentile(values: &[f64], p: f64) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let rank = (p * sorted.len() as f64).ceil().max(1.0) as usize;
    Some(round1(sorted[rank.min(sorted.len()) - 1]))
}

fn spread(days: impl Iterator<Item = f64>) -> Spread {
    let days: Vec<f64> = days.collect();
    Spread {
        requests: days.len() as i64,
        median_days: percentile(&days, 0.5),
        p90_days: percentile(&days, 0.9),
    }
}

/// Open requests per (kind, village) against the volunteers within reach.
fn supply_demand(
    reference: &Reference,
    waiting: &[&RequestFacts],
    supply: &[(String, String, i32, String)],
) -> Vec<SupplyDemand> {
    let open = tally(
        waiting
            .iter()
            .map(|r| (r.category.as_str(), r.place.as_str())),
    );
    let mut rows: Vec<SupplyDemand> = open
        .into_iter()
        .map(|((category, place), open_requests)| {
            let target = reference.place(place);
            let within: HashSet<&str> = supply
                .iter()
                .filter(|(_, _, _, c)| c == category)
                .filter(|(_, home, reach, _)| {
                    let home = reference.place(home);
                    match (home, target) {
                        (Some(h), Some(t)) => {
                            matching::distance_km(h.point(), t.point()) <= f64::from(*reach)
                        }
                        _ => false,
                    }
                })
                .map(|(id, ..)| id.as_str())
                .collect();
            SupplyDemand {
                category: category.to_owned(),
                category_label: category_label(reference, category),
                place: place.to_owned(),
                place_label: target.map_or_else(|| place.to_owned(), |p| p.name.clone()),
                open_requests,
                volunteers_within_reach: within.len() as i64,
            }
        })
        .collect();
    rows.sort_by_key(|r| {
        (
            std::cmp::Reverse(r.open_requests - r.volunteers_within_reach),
            std::cmp::Reverse(r.open_requests),
            r.category_label.clone(),
            r.place_label.clone(),
        )
    });
    rows
}

/// Dutch thousands: 24000 → "24.000".
pub fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(d);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

fn social_value(trajectories: i64, value_per_match_eur: i64) -> SocialValue {
    let total = trajectories * value_per_match_eur;
    SocialValue {
        trajectories,
        value_per_match_eur,
        total_eur: total,
        formula: format!(
            "{trajectories} {} × € {} = € {}",
            if trajectories == 1 {
                "koppeling"
            } else {
                "koppelingen"
            },
            thousands(value_per_match_eur),
            thousands(total)
        ),
        source: VALUE_SOURCE.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let values = [5.0, 1.0, 3.0, 2.0, 4.0, 10.0, 7.0, 6.0, 9.0, 8.0];
        assert_eq!(percentile(&values, 0.5), Some(5.0));
        assert_eq!(percentile(&values, 0.9), Some(9.0));
        assert_eq!(percentile(&[2.25], 0.9), Some(2.3));
        assert_eq!(percentile(&[], 0.5), None);
        assert_eq!(percentile(&[1.0, 2.0, 3.0], 0.5), Some(2.0));
    }

    #[test]
    fn a_year_is_the_local_calendar_year() {
        let (from, until) = year_bounds(2025).unwrap();
        assert_eq!(from, at("2024-12-31 23:00"), "CET is UTC+1 in winter");
        assert_eq!(until, at("2025-12-31 23:00"));
    }

    fn confirmed(c: &str, end: Option<(&str, bool)>) -> MatchFacts {
        MatchFacts {
            id: c.into(),
            category: "maatje".into(),
            volunteer_id: "v".into(),
            created_at: at(c),
            is_response: true,
            confirmed_at: Some(at(c)),
            ended: end.map(|(e, ok)| (at(e), ok)),
        }
    }

    #[test]
    fn trajectories_are_counted_by_when_they_started_and_ended() {
        let period = Period {
            from: at("2025-01-01 00:00"),
            until: at("2026-01-01 00:00"),
            as_of: at("2026-01-01 00:00"),
        };
        let matches = [
            // Started the year before, ended well this year after 200 days.
            confirmed("2024-11-01 10:00", Some(("2025-05-20 10:00", true))),
            // Started and failed this year after 20 days.
            confirmed("2025-03-01 10:00", Some(("2025-03-21 10:00", false))),
            // Started this year, still running at year end after 100 days.
            confirmed("2025-09-22 10:00", None),
            // Ended the year before: not in this year at all.
            confirmed("2024-01-01 10:00", Some(("2024-12-01 10:00", true))),
        ];
        assert_eq!(
            match_figures(&matches, &period),
            MatchFigures {
                started: 2,
                succeeded: 1,
                failed: 1,
                running_at_end: 1,
                durable: 2,
                outside: 0,
            }
        );
    }

    #[test]
    fn the_social_value_shows_its_sum() {
        let value = social_value(12, 2000);
        assert_eq!(value.total_eur, 24_000);
        assert_eq!(value.formula, "12 koppelingen × € 2.000 = € 24.000");
        assert_eq!(thousands(1_234_567), "1.234.567");
        assert_eq!(thousands(999), "999");
    }
}
