//! Learning criterion weights from the coordinator's decisions.
//!
//! Each time the coordinator proposes a match, the service records the suggestion list
//! as it was at that moment (every shown volunteer's id and [`Breakdown`]) and whom
//! the coordinator chose. Re-scoring those lists with other [`Weights`] tells how high
//! the chosen volunteer would have ranked ([`rank_of`]); [`fit_weights`] looks for
//! weights that put the chosen ones higher (mean reciprocal rank, MRR) and measures on
//! held-out decisions whether that carries over to decisions it did not see.
//!
//! Everything here is pure and deterministic: no randomness, no I/O, and the same
//! decisions always give the same weights.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::config::Weights;
use crate::engine::Breakdown;

/// One volunteer on a suggestion list, with the scores the engine gave them then.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shown {
    /// The volunteer's id.
    pub volunteer_id: Uuid,
    /// Their per-criterion scores at the moment the list was shown.
    pub breakdown: Breakdown,
}

/// A suggestion list as the coordinator saw it, and whom they chose from it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    /// The volunteers shown (their order does not matter: they are re-scored).
    pub shown: Vec<Shown>,
    /// The volunteer the coordinator proposed the match to.
    pub chosen: Uuid,
}

/// The outcome of [`fit_weights`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fit {
    /// Weights fitted on all decisions, scaled so the largest is 3 (like the
    /// defaults) and rounded to 2 decimals; all zero only if all zero fitted best.
    pub weights: Weights,
    /// Number of decisions given.
    pub decisions: usize,
    /// Folds actually used: the requested number (at least 2), the number of
    /// decisions when there are fewer (leave-one-out), or 0 when there are fewer than
    /// 2 decisions and nothing can be held out.
    pub folds: usize,
    /// MRR of the current weights on the held-out decisions (every decision is held
    /// out once, so this is their MRR on all decisions).
    pub heldout_before: f64,
    /// MRR on the held-out decisions of the weights fitted without them: what to
    /// expect from the fitted weights on new decisions. Compare with
    /// `heldout_before`; equal to it when `folds` is 0.
    pub heldout_after: f64,
    /// MRR of `weights` on all decisions (optimistic: they were fitted on these).
    pub train_after: f64,
}

/// 1-based rank of the chosen volunteer when `shown` is re-scored with `weights`
/// (score descending, ties by volunteer id ascending, like the engine); None when the
/// chosen one is not among `shown`.
pub fn rank_of(decision: &Decision, weights: &Weights) -> Option<usize> {
    rank_with(decision, &weights.sanitized())
}

/// Mean of 1/rank over decisions (a decision whose chosen one is not shown counts 0).
/// 0 for no decisions.
pub fn mean_reciprocal_rank(decisions: &[Decision], weights: &Weights) -> f64 {
    mrr(decisions.iter(), &weights.sanitized())
}

/// Coordinate ascent on MRR with k-fold cross-validation.
///
/// Decision `i` is held out in fold `i % folds`. For each fold, weights are fitted on
/// the other folds starting from `current`, and the held-out decisions are ranked with
/// `current` (before) and the fitted weights (after). The returned `weights` are fitted
/// on all decisions. `folds` below 2 means 2; with fewer decisions than folds every
/// decision is its own fold (leave-one-out); with fewer than 2 decisions nothing is
/// fitted and `current` is returned (normalised). See [`Fit`].
///
/// Fitting only moves away from `current` for a strictly higher MRR, so weights that
/// already explain the decisions (or decisions that say nothing) leave them unchanged.
pub fn fit_weights(decisions: &[Decision], current: &Weights, folds: usize) -> Fit {
    let current = current.sanitized();
    let n = decisions.len();
    let folds = if n < 2 { 0 } else { folds.clamp(2, n) };
    let heldout_before = mrr(decisions.iter(), &current);
    let heldout_after = if folds == 0 {
        heldout_before
    } else {
        cross_validated_mrr(decisions, &current, folds)
    };
    let weights = if folds == 0 {
        normalised(current)
    } else {
        ascend(&decisions.iter().collect::<Vec<_>>(), current)
    };
    Fit {
        weights,
        decisions: n,
        folds,
        heldout_before,
        heldout_after,
        train_after: mrr(decisions.iter(), &weights),
    }
}

/// The largest weight after [`normalised`]: the scale of the defaults.
const LARGEST_WEIGHT: f64 = 3.0;
/// Weights are rounded to 1/100: finer steps do not change a ranking noticeably, and
/// round numbers are easier to read in the setting.
const ROUNDING: f64 = 100.0;
/// Multipliers tried for one weight per step, mildest first (ties keep the first).
const MULTIPLIERS: [f64; 5] = [0.5, 2.0, 0.25, 4.0, 0.0];
/// Absolute values tried as well, so a weight at 0 can come back.
const ABSOLUTES: [f64; 4] = [0.5, 1.0, 2.0, 3.0];
/// Rounds over all criteria at most; in practice it stops earlier, when a round
/// brings no gain.
const MAX_ROUNDS: usize = 10;
/// A gain in MRR smaller than this is float noise, not an improvement.
const MIN_GAIN: f64 = 1e-9;

/// [`rank_of`] with weights that are already sanitized.
fn rank_with(decision: &Decision, weights: &Weights) -> Option<usize> {
    let chosen = decision
        .shown
        .iter()
        .find(|s| s.volunteer_id == decision.chosen)?;
    let score = weights.mean_of(&chosen.breakdown);
    // Same order as the engine: score descending (total_cmp), then id ascending.
    let ahead = decision
        .shown
        .iter()
        .filter(|s| s.volunteer_id != decision.chosen)
        .filter(|s| {
            weights
                .mean_of(&s.breakdown)
                .total_cmp(&score)
                .then(decision.chosen.cmp(&s.volunteer_id))
                .is_gt()
        })
        .count();
    Some(ahead + 1)
}

fn reciprocal_rank(decision: &Decision, weights: &Weights) -> f64 {
    rank_with(decision, weights).map_or(0.0, |rank| 1.0 / rank as f64)
}

/// MRR over decisions with sanitized weights; 0 for none.
fn mrr<'a>(decisions: impl IntoIterator<Item = &'a Decision>, weights: &Weights) -> f64 {
    let (sum, count) = decisions
        .into_iter()
        .fold((0.0, 0usize), |(sum, count), d| {
            (sum + reciprocal_rank(d, weights), count + 1)
        });
    if count == 0 {
        0.0
    } else {
        sum / count as f64
    }
}

/// Each decision ranked with weights fitted on the folds it is not in; the mean of
/// the reciprocal ranks (every decision counted once).
fn cross_validated_mrr(decisions: &[Decision], current: &Weights, folds: usize) -> f64 {
    let sum: f64 = (0..folds)
        .map(|fold| {
            let (train, test): (Vec<_>, Vec<_>) = decisions
                .iter()
                .enumerate()
                .partition(|(i, _)| i % folds != fold);
            let train: Vec<&Decision> = train.into_iter().map(|(_, d)| d).collect();
            let fitted = ascend(&train, *current);
            test.into_iter()
                .map(|(_, d)| reciprocal_rank(d, &fitted))
                .sum::<f64>()
        })
        .sum();
    sum / decisions.len().max(1) as f64
}

/// Coordinate ascent from `start`: per criterion, the best of a few new values if it
/// raises the MRR, for rounds until none does. Candidates are normalised before they
/// are scored, so the weights returned are exactly the weights measured.
fn ascend(decisions: &[&Decision], start: Weights) -> Weights {
    let mut best = normalised(start);
    let mut best_mrr = mrr(decisions.iter().copied(), &best);
    for _ in 0..MAX_ROUNDS {
        let mut improved = false;
        for criterion in 0..Weights::NAMES.len() {
            if let Some((weights, score)) = best_step(decisions, best, best_mrr, criterion) {
                best = weights;
                best_mrr = score;
                improved = true;
            }
        }
        if !improved {
            break;
        }
    }
    best
}

/// The best change of one criterion's weight, if it beats `current_mrr` by more than
/// noise. Among equally good changes the first tried (the mildest) wins.
fn best_step(
    decisions: &[&Decision],
    current: Weights,
    current_mrr: f64,
    criterion: usize,
) -> Option<(Weights, f64)> {
    let mut values = current.to_array();
    let old = values[criterion];
    let tries = MULTIPLIERS.iter().map(|m| old * m).chain(ABSOLUTES);
    let mut best: Option<(Weights, f64)> = None;
    for value in tries {
        values[criterion] = value;
        let candidate = normalised(Weights::from_array(values));
        if candidate == current {
            continue;
        }
        let score = mrr(decisions.iter().copied(), &candidate);
        let bar = best.map_or(current_mrr + MIN_GAIN, |(_, s)| s);
        if score > bar {
            best = Some((candidate, score));
        }
    }
    best
}

/// Sanitized weights scaled so the largest is [`LARGEST_WEIGHT`] and rounded to
/// 1/[`ROUNDING`]; all zero stays all zero. Scaling changes no ranking (the total is a
/// weighted mean), it only makes fitted weights comparable with the defaults.
fn normalised(weights: Weights) -> Weights {
    let values = weights.sanitized().to_array();
    let largest = values.iter().copied().fold(0.0, f64::max);
    if largest <= 0.0 {
        return Weights::from_array([0.0; 6]);
    }
    let scale = LARGEST_WEIGHT / largest;
    Weights::from_array(values.map(|w| (w * scale * ROUNDING).round() / ROUNDING))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(n: u128, distance: f64) -> Shown {
        Shown {
            volunteer_id: Uuid::from_u128(n),
            breakdown: Breakdown {
                distance,
                ..Breakdown::default()
            },
        }
    }

    #[test]
    fn normalising_scales_the_largest_to_three_and_rounds() {
        let w = Weights::from_array([6.0, 2.0, 1.0, 0.001, -1.0, f64::NAN]);
        assert_eq!(
            normalised(w).to_array(),
            [3.0, 1.0, 0.5, 0.0, 0.0, 0.0],
            "0.0005 rounds to 0"
        );
        assert_eq!(normalised(Weights::default()), Weights::default());
        let tiny = Weights::from_array([1e-300, 3e-300, 0.0, 0.0, 0.0, 0.0]);
        assert_eq!(normalised(tiny).to_array(), [1.0, 3.0, 0.0, 0.0, 0.0, 0.0]);
        let zero = Weights::from_array([0.0; 6]);
        assert_eq!(normalised(zero), zero);
    }

    #[test]
    fn folds_are_at_least_two_and_at_most_the_decisions() {
        let decision = |chosen: u128| Decision {
            shown: vec![shown(1, 0.9), shown(2, 0.1)],
            chosen: Uuid::from_u128(chosen),
        };
        let three = vec![decision(1), decision(2), decision(1)];
        assert_eq!(fit_weights(&three, &Weights::default(), 5).folds, 3);
        assert_eq!(fit_weights(&three, &Weights::default(), 0).folds, 2);
        assert_eq!(fit_weights(&three, &Weights::default(), 2).folds, 2);
        let one = fit_weights(&three[..1], &Weights::default(), 5);
        assert_eq!((one.folds, one.decisions), (0, 1));
        assert_eq!(
            one.weights,
            Weights::default(),
            "nothing is learned from one"
        );
        assert_eq!(one.heldout_after, one.heldout_before);
        let none = fit_weights(&[], &Weights::default(), 5);
        assert_eq!(
            (
                none.folds,
                none.heldout_before,
                none.heldout_after,
                none.train_after
            ),
            (0, 0.0, 0.0, 0.0)
        );
    }

    #[test]
    fn a_step_needs_a_real_gain() {
        // Chosen is the nearer one: the defaults already rank it first.
        let d = Decision {
            shown: vec![shown(2, 0.9), shown(1, 0.1)],
            chosen: Uuid::from_u128(2),
        };
        let decisions = vec![&d];
        let start = Weights::default();
        for criterion in 0..Weights::NAMES.len() {
            assert_eq!(best_step(&decisions, start, 1.0, criterion), None);
        }
        assert_eq!(ascend(&decisions, start), start);
    }
}
