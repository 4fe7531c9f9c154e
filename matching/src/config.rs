//! Matching configuration: criterion weights and scoring parameters, deserializable so
//! the service can load them from its configuration (every field has a default).

use serde::{Deserialize, Serialize};

use crate::engine::Breakdown;

/// Relative weight of each criterion in the total score (a weighted mean, so only the
/// ratios matter). Negative or non-finite weights count as 0 (see
/// [`Weights::sanitized`]); if all are 0, every candidate scores 0 and the order is by id.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Weights {
    /// Talent fit (exact and related talents).
    pub talents: f64,
    /// Overlap of the volunteer's availability with the wanted time.
    pub availability: f64,
    /// Closeness (decays with distance).
    pub distance: f64,
    /// Spare capacity (spreads work over volunteers).
    pub load: f64,
    /// Interest in the category and shared languages.
    pub interests: f64,
    /// Past matches in the same category.
    pub experience: f64,
}

impl Default for Weights {
    /// Talents and availability weigh most, then distance, then the rest.
    fn default() -> Self {
        Weights {
            talents: 3.0,
            availability: 3.0,
            distance: 2.0,
            load: 1.0,
            interests: 1.0,
            experience: 1.0,
        }
    }
}

impl Weights {
    /// The weights with negative or non-finite values replaced by 0 and values above
    /// 1e12 capped (so sums cannot overflow).
    pub fn sanitized(self) -> Self {
        let fix = |w: f64| {
            if w.is_finite() && w > 0.0 {
                w.min(1e12)
            } else {
                0.0
            }
        };
        Weights {
            talents: fix(self.talents),
            availability: fix(self.availability),
            distance: fix(self.distance),
            load: fix(self.load),
            interests: fix(self.interests),
            experience: fix(self.experience),
        }
    }

    /// The total score of a breakdown: the weighted mean with the sanitized weights,
    /// clamped to [0, 1] (0 when every weight is 0, or for a NaN criterion score).
    pub fn score(&self, b: &Breakdown) -> f64 {
        self.sanitized().mean_of(b)
    }

    /// The `NOABER_MATCH_WEIGHTS` setting for these (sanitized) weights, e.g.
    /// `talents=3,availability=3,distance=2,load=1,interests=1,experience=1`. Numbers
    /// are printed in Rust's shortest round-trip form, which the service parses back
    /// to exactly the same values.
    pub fn to_setting(&self) -> String {
        let values = self.sanitized().to_array();
        let pairs: Vec<String> = Weights::NAMES
            .iter()
            .zip(values)
            .map(|(name, value)| format!("{name}={value}"))
            .collect();
        pairs.join(",")
    }

    /// Criterion names as the service's setting spells them, in field order.
    pub(crate) const NAMES: [&'static str; 6] = [
        "talents",
        "availability",
        "distance",
        "load",
        "interests",
        "experience",
    ];

    /// The weights in field order (see [`Weights::NAMES`]).
    pub(crate) fn to_array(self) -> [f64; 6] {
        [
            self.talents,
            self.availability,
            self.distance,
            self.load,
            self.interests,
            self.experience,
        ]
    }

    /// The inverse of [`Weights::to_array`].
    pub(crate) fn from_array(w: [f64; 6]) -> Self {
        let [talents, availability, distance, load, interests, experience] = w;
        Weights {
            talents,
            availability,
            distance,
            load,
            interests,
            experience,
        }
    }

    /// The weighted mean for weights that are already sanitized. The engine calls this
    /// in its inner loop with weights sanitized once; [`Weights::score`] is the public
    /// entry. Sum and division keep their order, so a larger criterion score never
    /// gives a smaller total: the engine's pruning bounds rely on that.
    #[inline]
    pub(crate) fn mean_of(&self, b: &Breakdown) -> f64 {
        let total = self.talents
            + self.availability
            + self.distance
            + self.load
            + self.interests
            + self.experience;
        if total <= 0.0 {
            return 0.0;
        }
        let sum = self.talents * b.talents
            + self.availability * b.availability
            + self.distance * b.distance
            + self.load * b.load
            + self.interests * b.interests
            + self.experience * b.experience;
        let mean = sum / total;
        // Written so that NaN (from a NaN criterion score) falls to 0, unlike clamp.
        if mean >= 0.0 {
            mean.min(1.0)
        } else {
            0.0
        }
    }
}

/// All tunable matching parameters.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MatchConfig {
    /// Criterion weights.
    pub weights: Weights,
    /// Distance at which the distance score halves, in km (score = 0.5^(d / half)).
    pub distance_half_km: f64,
    /// Credit (0–1) for a required talent the volunteer only has a related talent for.
    pub related_talent_credit: f64,
    /// Years a VOG stays valid after its issue date.
    pub vog_valid_years: u32,
    /// Recent matches after which the load score halves: load = spare share ×
    /// 0.5^(recent matches / half), so volunteers who were asked often lately come
    /// later. 0 disables this (as does infinity); negative or NaN means the default.
    pub recent_match_half: f64,
}

impl Default for MatchConfig {
    /// Half-distance 5 km, related talents half credit, VOG valid 3 years, load halved
    /// every 3 recent matches.
    fn default() -> Self {
        MatchConfig {
            weights: Weights::default(),
            distance_half_km: 5.0,
            related_talent_credit: 0.5,
            vog_valid_years: 3,
            recent_match_half: 3.0,
        }
    }
}

impl MatchConfig {
    /// The configuration with out-of-range values repaired: weights as in
    /// [`Weights::sanitized`], a non-positive or non-finite half-distance replaced by the
    /// default, the related-talent credit clamped to [0, 1] (NaN → default), and a
    /// negative or NaN recent-match half replaced by the default.
    pub fn sanitized(self) -> Self {
        let default = MatchConfig::default();
        MatchConfig {
            weights: self.weights.sanitized(),
            distance_half_km: if self.distance_half_km.is_finite() && self.distance_half_km > 0.0 {
                self.distance_half_km
            } else {
                default.distance_half_km
            },
            related_talent_credit: if self.related_talent_credit.is_nan() {
                default.related_talent_credit
            } else {
                self.related_talent_credit.clamp(0.0, 1.0)
            },
            vog_valid_years: self.vog_valid_years,
            recent_match_half: if self.recent_match_half >= 0.0 {
                self.recent_match_half
            } else {
                default.recent_match_half
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_put_talents_and_availability_first() {
        let w = Weights::default();
        for other in [w.distance, w.load, w.interests, w.experience] {
            assert!(w.talents > other && w.availability > other);
        }
        let c = MatchConfig::default();
        assert_eq!(
            (
                c.distance_half_km,
                c.related_talent_credit,
                c.vog_valid_years,
                c.recent_match_half
            ),
            (5.0, 0.5, 3, 3.0)
        );
    }

    #[test]
    fn sanitizing_repairs_bad_values() {
        let bad = MatchConfig {
            weights: Weights {
                talents: -1.0,
                availability: f64::NAN,
                distance: f64::INFINITY,
                ..Weights::default()
            },
            distance_half_km: 0.0,
            related_talent_credit: 7.0,
            vog_valid_years: 5,
            recent_match_half: -1.0,
        }
        .sanitized();
        assert_eq!(
            (
                bad.weights.talents,
                bad.weights.availability,
                bad.weights.distance
            ),
            (0.0, 0.0, 0.0)
        );
        assert_eq!(bad.weights.load, 1.0);
        assert_eq!(
            (
                bad.distance_half_km,
                bad.related_talent_credit,
                bad.vog_valid_years
            ),
            (5.0, 1.0, 5)
        );
        assert_eq!(bad.recent_match_half, 3.0);
    }

    #[test]
    fn recent_match_half_keeps_zero_and_repairs_nan() {
        let with = |half: f64| {
            MatchConfig {
                recent_match_half: half,
                ..MatchConfig::default()
            }
            .sanitized()
            .recent_match_half
        };
        assert_eq!(with(0.0), 0.0, "0 disables, it is no error");
        assert_eq!(with(1.5), 1.5);
        assert_eq!(with(f64::NAN), 3.0);
        assert_eq!(with(f64::NEG_INFINITY), 3.0);
    }

    fn weights(values: [f64; 6]) -> Weights {
        Weights::from_array(values)
    }

    fn breakdown(values: [f64; 6]) -> Breakdown {
        let [talents, availability, distance, load, interests, experience] = values;
        Breakdown {
            talents,
            availability,
            distance,
            load,
            interests,
            experience,
        }
    }

    #[test]
    fn score_is_the_sanitized_weighted_mean() {
        let b = breakdown([1.0, 0.5, 0.0, 1.0, 0.0, 0.25]);
        let expected = (3.0 + 1.5 + 0.0 + 1.0 + 0.0 + 0.25) / 11.0;
        assert!((Weights::default().score(&b) - expected).abs() < 1e-12);
        let only_load = weights([0.0, -1.0, f64::NAN, 2.0, 0.0, 0.0]);
        assert_eq!(only_load.score(&b), 1.0, "bad weights count as 0");
        let zero = weights([0.0; 6]);
        assert_eq!(zero.score(&b), 0.0);
        let nan = breakdown([f64::NAN, 1.0, 1.0, 1.0, 1.0, 1.0]);
        assert_eq!(Weights::default().score(&nan), 0.0);
        let above = breakdown([2.0; 6]);
        assert_eq!(Weights::default().score(&above), 1.0);
    }

    #[test]
    fn setting_prints_every_criterion_in_the_service_format() {
        assert_eq!(
            Weights::default().to_setting(),
            "talents=3,availability=3,distance=2,load=1,interests=1,experience=1"
        );
        let odd = weights([0.1 + 0.2, 1e-7, 2.5, -1.0, f64::NAN, 1e13]);
        let setting = odd.to_setting();
        assert_eq!(
            setting,
            "talents=0.30000000000000004,availability=0.0000001,distance=2.5,\
             load=0,interests=0,experience=1000000000000"
        );
        // Parsed the way the service does (split on ',' and '=', then f64), every
        // value comes back exactly as sanitized.
        let parsed: Vec<f64> = setting
            .split(',')
            .filter_map(|pair| pair.split_once('='))
            .filter_map(|(_, value)| value.parse().ok())
            .collect();
        assert_eq!(parsed, odd.sanitized().to_array().to_vec());
    }
}
