//! Matching engine: pure scoring and ranking of volunteers for help requests, and of
//! open posts for a volunteer. No I/O, no database or HTTP types, no clock reads
//! (`today` is always passed in).
//!
//! - [`rank_volunteers`]: the best `k` volunteers for a request, each with a
//!   per-criterion [`Breakdown`] and short Dutch reasons ("woont 3,2 km weg").
//! - [`rank_posts`]: the same engine the other way round, open posts for a volunteer.
//! - [`filter_reason`] / [`evaluate`]: why one volunteer is excluded, or their score.
//!
//! Hard filters (never violated by a result): the requester themself, an already
//! declined post, a volunteer at their maximum of active matches, no overlap with the
//! wanted time, a required VOG missing, pending or expired, and a distance beyond the
//! volunteer's travel distance or the request's radius. Criteria (each in [0, 1]) are
//! combined as a weighted mean with [`Weights`] from [`MatchConfig`].

#![warn(missing_docs)]

pub mod availability;
pub mod catalog;
pub mod config;
pub mod dutch;
pub mod engine;
pub mod geo;
pub mod learn;
pub mod plan;
pub mod profile;

pub use availability::{AvailabilityGrid, Day, DayPart, Slot};
pub use catalog::TalentCatalog;
pub use config::{MatchConfig, Weights};
pub use engine::{
    evaluate, evaluate_post, filter_reason, rank_posts, rank_volunteers, Breakdown, Candidate,
    Exclusion, PostCandidate,
};
pub use geo::{distance_km, BoundingBox, GeoPoint, EARTH_RADIUS_KM};
pub use learn::{fit_weights, mean_reciprocal_rank, rank_of, Decision, Fit, Shown};
pub use plan::{greedy, plan, Displaced, LeftOut, Plan, PlannedPair, Shortfall};
pub use profile::{
    PostKind, RequestProfile, Schedule, Vog, VogStatus, VolunteerProfile, RECENT_MATCH_WINDOW_DAYS,
};
