//! Learning from the coordinator's decisions. Each time the coordinator proposes a
//! volunteer for a request, the suggestions are ranked as they stand at that moment
//! and the chosen volunteer's place in them is stored with the per-criterion scores
//! of everyone ranked above (see `db::decisions`). From those rows come the figure
//! "how often is the first suggestion the one chosen" (mean reciprocal rank, per
//! month and per kind of help) and `noaber tune-weights`.

use chrono::{NaiveDate, NaiveDateTime};
use matching::learn::{Decision, Shown};
use matching::{Candidate, MatchConfig};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::suggestions::rank_request;
use super::Tx;
use crate::db::decisions::{self, DecisionFacts, NewDecision};
use crate::db::posts::PostRecord;
use crate::db::DbConn;
use crate::error::ApiError;
use crate::pool::VolunteerPool;
use crate::reference::Reference;

/// How far down the suggestions a decision looks for the chosen volunteer.
pub const RANK_LIMIT: usize = 100;
/// At least this many of the first suggestions are stored with each decision, so a
/// re-ranking can also move the chosen one up past volunteers ranked below them.
pub const SHOWN_AT_LEAST: usize = 10;

/// Where the chosen volunteer stood, and the list to store.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    /// 1-based position, None when not among the first [`RANK_LIMIT`].
    pub rank: Option<usize>,
    /// How many volunteers were ranked.
    pub ranked: usize,
    /// The chosen volunteer's score, when they pass every hard filter.
    pub score: Option<f64>,
    /// The first suggestions down to the chosen one (at least [`SHOWN_AT_LEAST`]), then
    /// the chosen one when they ranked lower but pass the filters.
    pub shown: Vec<Shown>,
}

/// The snapshot of one decision: `ranked` best first, `chosen` the volunteer picked,
/// `evaluated` their own score when they were not ranked high enough (None when a
/// hard filter excludes them).
pub fn snapshot(ranked: &[Candidate], chosen: Uuid, evaluated: Option<Candidate>) -> Snapshot {
    let position = ranked.iter().position(|c| c.volunteer_id == chosen);
    let keep = position.map_or(SHOWN_AT_LEAST, |p| (p + 1).max(SHOWN_AT_LEAST));
    let shown_of = |c: &Candidate| Shown {
        volunteer_id: c.volunteer_id,
        breakdown: c.breakdown,
    };
    let mut shown: Vec<Shown> = ranked.iter().take(keep).map(shown_of).collect();
    let score = match position {
        Some(p) => Some(ranked[p].score),
        None => evaluated.map(|c| {
            shown.push(shown_of(&c));
            c.score
        }),
    };
    Snapshot {
        rank: position.map(|p| p + 1),
        ranked: ranked.len(),
        score,
        shown,
    }
}

/// What the matcher needs to rank at the moment of a decision.
pub struct Ranking<'a> {
    /// The volunteers in memory.
    pub pool: &'a VolunteerPool,
    /// Weights and parameters.
    pub config: &'a MatchConfig,
    /// Today, for VOG validity and one-off dates.
    pub today: NaiveDate,
}

/// Where `volunteer_id` stands in the suggestions for `request` now. Taken before the
/// match is created, so the new match does not count against the volunteer's room.
pub fn take(
    tx: &mut Tx<'_>,
    ranking: &Ranking<'_>,
    request: &PostRecord,
    volunteer_id: &str,
) -> Result<Snapshot, ApiError> {
    let (profile, ranked) = rank_request(
        tx.conn,
        ranking.pool,
        tx.reference,
        ranking.config,
        request,
        RANK_LIMIT,
        ranking.today,
    )?;
    let chosen = Uuid::parse_str(volunteer_id).unwrap_or_default();
    let evaluated = ranking.pool.profile(chosen).and_then(|v| {
        matching::evaluate(
            &profile,
            &v,
            &tx.reference.catalog,
            ranking.config,
            ranking.today,
        )
        .ok()
    });
    Ok(snapshot(&ranked, chosen, evaluated))
}

/// Stores the snapshot as the decision behind match `match_id` on `request`.
pub fn store(
    tx: &mut Tx<'_>,
    snap: &Snapshot,
    request: &PostRecord,
    volunteer_id: &str,
    match_id: &str,
    decided_by: &str,
) -> Result<(), ApiError> {
    let shown = serde_json::to_string(&snap.shown)
        .map_err(|e| ApiError::Internal(format!("decision list: {e}")))?;
    let as_i32 = |n: usize| i32::try_from(n).unwrap_or(i32::MAX);
    decisions::insert(
        tx.conn,
        &NewDecision {
            match_id,
            post_id: &request.row.id,
            category_slug: &request.row.category_slug,
            volunteer_id,
            decided_by,
            decided_at: crate::db::now(),
            rank: snap.rank.map(as_i32),
            ranked: as_i32(snap.ranked),
            score: snap.score,
            shown: &shown,
        },
    )?;
    Ok(())
}

/// How well the suggestions foresaw the coordinator's choices in one group.
#[derive(Debug, Clone, Default, PartialEq, Serialize, ToSchema)]
pub struct RankFigure {
    /// The month (`2026-11`) or category slug.
    pub key: String,
    /// What a person reads ("november 2026", "Maatje").
    pub label: String,
    /// Matches proposed by the coordinator.
    pub decisions: i64,
    /// Mean of 1 / rank of the chosen volunteer (0 for one not among the suggestions):
    /// 1.0 when the first suggestion is always the one chosen.
    pub mean_reciprocal_rank: f64,
    /// Share of decisions for the first suggestion, 0–1.
    pub first_choice: f64,
}

/// The figure over a period: all decisions, per month and per kind of help.
#[derive(Debug, Clone, Default, PartialEq, Serialize, ToSchema)]
pub struct SuggestionQuality {
    /// All decisions in the period.
    pub total: RankFigure,
    /// Per month with decisions, oldest first.
    pub by_month: Vec<RankFigure>,
    /// Per kind of help with decisions, most decisions first.
    pub by_category: Vec<RankFigure>,
}

fn figure(key: String, label: String, ranks: &[Option<i32>]) -> RankFigure {
    let n = ranks.len();
    let reciprocal: f64 = ranks
        .iter()
        .map(|r| r.filter(|r| *r > 0).map_or(0.0, |r| 1.0 / f64::from(r)))
        .sum();
    let first = ranks.iter().filter(|r| **r == Some(1)).count();
    let share = |x: f64| if n == 0 { 0.0 } else { x / n as f64 };
    RankFigure {
        key,
        label,
        decisions: n as i64,
        mean_reciprocal_rank: share(reciprocal),
        first_choice: share(first as f64),
    }
}

/// The month of a moment in Midden-Drenthe: (`2026-11`, "november 2026").
fn month_of(at: NaiveDateTime) -> (String, String) {
    use chrono::Datelike;
    let local = at.and_utc().with_timezone(&chrono_tz::Europe::Amsterdam);
    let name = matching::dutch::MONTHS_NL[local.month0() as usize];
    (
        format!("{:04}-{:02}", local.year(), local.month()),
        format!("{name} {}", local.year()),
    )
}

/// Folds stored decisions into the figure (pure, so it is tested without a database).
pub fn quality(facts: &[DecisionFacts], reference: &Reference) -> SuggestionQuality {
    use std::collections::BTreeMap;
    let mut months: BTreeMap<(String, String), Vec<Option<i32>>> = BTreeMap::new();
    let mut categories: BTreeMap<String, Vec<Option<i32>>> = BTreeMap::new();
    for f in facts {
        months
            .entry(month_of(f.decided_at))
            .or_default()
            .push(f.rank);
        categories
            .entry(f.category_slug.clone())
            .or_default()
            .push(f.rank);
    }
    let mut by_category: Vec<RankFigure> = categories
        .into_iter()
        .map(|(slug, ranks)| {
            let label = reference
                .category(&slug)
                .map_or_else(|| slug.clone(), |c| c.name_nl.clone());
            figure(slug, label, &ranks)
        })
        .collect();
    by_category.sort_by(|a, b| b.decisions.cmp(&a.decisions).then(a.key.cmp(&b.key)));
    let all: Vec<Option<i32>> = facts.iter().map(|f| f.rank).collect();
    SuggestionQuality {
        total: figure("all".into(), "Alle voorstellen".into(), &all),
        by_month: months
            .into_iter()
            .map(|((key, label), ranks)| figure(key, label, &ranks))
            .collect(),
        by_category,
    }
}

/// The figure for decisions taken in `[from, until)`.
pub fn quality_between(
    conn: &mut DbConn,
    reference: &Reference,
    from: NaiveDateTime,
    until: NaiveDateTime,
) -> Result<SuggestionQuality, ApiError> {
    Ok(quality(
        &decisions::facts_between(conn, from, until)?,
        reference,
    ))
}

/// The stored decisions taken at or after `since`, as the learner reads them (rows
/// whose list cannot be read are skipped).
pub fn stored(conn: &mut DbConn, since: Option<NaiveDateTime>) -> Result<Vec<Decision>, ApiError> {
    Ok(decisions::shown_since(conn, since)?
        .into_iter()
        .filter_map(|(volunteer_id, shown)| {
            Some(Decision {
                shown: serde_json::from_str(&shown).ok()?,
                chosen: Uuid::parse_str(&volunteer_id).ok()?,
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use matching::Breakdown;

    fn candidate(n: u128, score: f64) -> Candidate {
        Candidate {
            volunteer_id: Uuid::from_u128(n),
            score,
            breakdown: Breakdown {
                distance: score,
                ..Breakdown::default()
            },
            reasons: Vec::new(),
            distance_km: 1.0,
        }
    }

    fn ranked(n: u128) -> Vec<Candidate> {
        (1..=n)
            .map(|i| candidate(i, 1.0 - i as f64 / 100.0))
            .collect()
    }

    #[test]
    fn the_list_runs_down_to_the_chosen_one_and_at_least_ten() {
        let snap = snapshot(&ranked(30), Uuid::from_u128(3), None);
        assert_eq!(
            (snap.rank, snap.ranked, snap.shown.len()),
            (Some(3), 30, 10)
        );
        assert_eq!(snap.score, Some(0.97));
        let snap = snapshot(&ranked(30), Uuid::from_u128(14), None);
        assert_eq!((snap.rank, snap.shown.len()), (Some(14), 14));
        assert_eq!(
            snap.shown.last().map(|s| s.volunteer_id),
            Some(Uuid::from_u128(14))
        );
    }

    #[test]
    fn a_chosen_one_outside_the_ranking_is_added_with_their_own_scores() {
        let snap = snapshot(&ranked(5), Uuid::from_u128(99), Some(candidate(99, 0.2)));
        assert_eq!(
            (snap.rank, snap.score, snap.shown.len()),
            (None, Some(0.2), 6)
        );
        let snap = snapshot(&ranked(5), Uuid::from_u128(99), None);
        assert_eq!((snap.rank, snap.score, snap.shown.len()), (None, None, 5));
    }

    fn fact(month: u32, category: &str, rank: Option<i32>) -> DecisionFacts {
        DecisionFacts {
            decided_at: NaiveDate::from_ymd_opt(2026, month, 15)
                .and_then(|d| d.and_hms_opt(12, 0, 0))
                .unwrap_or_default(),
            category_slug: category.into(),
            rank,
        }
    }

    #[test]
    fn the_figure_is_the_mean_reciprocal_rank_per_month_and_kind_of_help() {
        let reference = Reference::load().expect("shipped reference data");
        let facts = [
            fact(10, "maatje", Some(1)),
            fact(11, "maatje", Some(2)),
            fact(11, "klussen", Some(4)),
            fact(11, "maatje", None),
        ];
        let q = quality(&facts, &reference);
        assert_eq!(q.total.decisions, 4);
        assert!((q.total.mean_reciprocal_rank - (1.0 + 0.5 + 0.25) / 4.0).abs() < 1e-12);
        assert_eq!(q.total.first_choice, 0.25);
        let months: Vec<(&str, &str, i64)> = q
            .by_month
            .iter()
            .map(|m| (m.key.as_str(), m.label.as_str(), m.decisions))
            .collect();
        assert_eq!(
            months,
            [
                ("2026-10", "oktober 2026", 1),
                ("2026-11", "november 2026", 3)
            ]
        );
        assert_eq!(q.by_category[0].key, "maatje");
        assert_eq!(q.by_category[0].label, "Maatje");
        assert!((q.by_category[0].mean_reciprocal_rank - 0.5).abs() < 1e-12);
        assert_eq!(quality(&[], &reference).total.mean_reciprocal_rank, 0.0);
    }
}
