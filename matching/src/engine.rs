//! Hard filters, per-criterion scores, Dutch reasons and top-k ranking, in both
//! directions: volunteers for a request ([`rank_volunteers`]) and open posts for a
//! volunteer ([`rank_posts`]).
//!
//! Every criterion scores in [0, 1]; the total is the weighted mean with the configured
//! [`Weights`](crate::Weights), so it stays in [0, 1]. Results are ordered by score
//! (highest first), ties by id (ascending), then by position in the input.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::availability::AvailabilityGrid;
use crate::catalog::TalentCatalog;
use crate::config::MatchConfig;
use crate::dutch::{format_date, format_km, join_list, language_name_nl};
use crate::geo::{distance_km, haversine, BoundingBox, Reach};
use crate::profile::{
    PostKind, RequestProfile, VogStatus, VolunteerProfile, RECENT_MATCH_WINDOW_DAYS,
};

/// Why a volunteer (or post) was left out by a hard filter.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "filter")]
pub enum Exclusion {
    /// The volunteer posted the request themself.
    IsRequester,
    /// The volunteer declined this post before.
    AlreadyDeclined,
    /// The volunteer already has their maximum of active matches.
    AtCapacity {
        /// Active matches.
        active: u32,
        /// The volunteer's maximum.
        max: u32,
    },
    /// The volunteer is never available when help is wanted.
    NoTimeOverlap,
    /// A VOG is required and the volunteer has none (or none with an issue date).
    VogMissing,
    /// A VOG is required and the volunteer's is applied for but not yet received.
    VogPending,
    /// A VOG is required and the volunteer's is too old.
    VogExpired {
        /// The last day it counted as valid.
        valid_until: NaiveDate,
    },
    /// Farther than the volunteer travels or than the request's radius.
    TooFar {
        /// Great-circle distance in km.
        distance_km: f64,
        /// The tighter of the two limits, in km.
        limit_km: f64,
    },
}

impl Exclusion {
    /// A short Dutch explanation for the coordinator, e.g. "woont 12,3 km weg (maximaal 10,0 km)".
    pub fn reason_nl(&self) -> String {
        match self {
            Exclusion::IsRequester => "heeft de oproep zelf geplaatst".to_owned(),
            Exclusion::AlreadyDeclined => "heeft deze oproep eerder afgewezen".to_owned(),
            Exclusion::AtCapacity { max, .. } => {
                format!(
                    "zit aan het maximum van {max} actieve {}",
                    plural(*max, "match", "matches")
                )
            }
            Exclusion::NoTimeOverlap => "kan niet op de gevraagde tijd".to_owned(),
            Exclusion::VogMissing => "heeft geen geldige VOG".to_owned(),
            Exclusion::VogPending => "VOG is aangevraagd maar nog niet binnen".to_owned(),
            Exclusion::VogExpired { valid_until } => {
                format!("VOG is verlopen (geldig tot {})", format_date(*valid_until))
            }
            Exclusion::TooFar {
                distance_km,
                limit_km,
            } => {
                format!(
                    "woont {} km weg (maximaal {} km)",
                    format_km(*distance_km),
                    format_km(*limit_km)
                )
            }
        }
    }
}

/// Per-criterion scores, each in [0, 1].
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Breakdown {
    /// Share of the required talents the volunteer has (related talents count partly;
    /// 1 when none are required).
    pub talents: f64,
    /// Share of the wanted slots the volunteer is available in (1 for flexible requests).
    pub availability: f64,
    /// 0.5^(distance / half-distance).
    pub distance: f64,
    /// Spare capacity: free places / maximum active matches, times
    /// 0.5^(recent matches / `recent_match_half`) so recently busy volunteers come later.
    pub load: f64,
    /// Interest in the category or a required talent, averaged with the share of the
    /// requested languages spoken (when languages are requested).
    pub interests: f64,
    /// 1 − 0.5^n for n past matches in this category.
    pub experience: f64,
}

/// A ranked volunteer for a request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    /// The volunteer's id.
    pub volunteer_id: Uuid,
    /// Weighted total in [0, 1].
    pub score: f64,
    /// Per-criterion scores.
    pub breakdown: Breakdown,
    /// Short Dutch reasons, e.g. "woont 3,2 km weg".
    pub reasons: Vec<String>,
    /// Great-circle distance to the request in km.
    pub distance_km: f64,
}

/// A ranked open post (request or vacancy) for a volunteer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostCandidate {
    /// The post's id.
    pub post_id: Uuid,
    /// Request or vacancy.
    pub kind: PostKind,
    /// Weighted total in [0, 1].
    pub score: f64,
    /// Per-criterion scores.
    pub breakdown: Breakdown,
    /// Short Dutch reasons addressed to the volunteer, e.g. "3,2 km bij u vandaan".
    pub reasons: Vec<String>,
    /// Great-circle distance to the post in km.
    pub distance_km: f64,
}

/// Which hard filter, if any, keeps `volunteer` away from `request` on `today`.
///
/// Checked in this order: requester, declined, capacity, time, VOG, distance.
pub fn filter_reason(
    request: &RequestProfile,
    volunteer: &VolunteerProfile,
    config: &MatchConfig,
    today: NaiveDate,
) -> Option<Exclusion> {
    check(
        request,
        request.schedule.wanted_slots(),
        volunteer,
        config.vog_valid_years,
        today,
        || distance_km(request.location, volunteer.location),
    )
    .err()
}

/// Filters and scores one pair: (total, breakdown, reasons, distance). `about_volunteer`
/// phrases the reasons for the coordinator ("woont …"), otherwise for the volunteer.
fn assess_pair(
    request: &RequestProfile,
    volunteer: &VolunteerProfile,
    catalog: &TalentCatalog,
    config: &MatchConfig,
    today: NaiveDate,
    about_volunteer: bool,
) -> Result<(f64, Breakdown, Vec<String>, f64), Exclusion> {
    let engine = Engine::new(config);
    let req = Prepared::new(request, catalog);
    let d = check(
        request,
        req.wanted,
        volunteer,
        engine.cfg.vog_valid_years,
        today,
        || distance_km(request.location, volunteer.location),
    )?;
    let mut reasons = Vec::new();
    let breakdown = engine.assess(
        &req,
        volunteer,
        d,
        Some(&mut Reasons::new(&mut reasons, catalog, about_volunteer)),
    );
    Ok((engine.total(&breakdown), breakdown, reasons, d))
}

/// Scores one volunteer for one request, or says which filter excludes them.
pub fn evaluate(
    request: &RequestProfile,
    volunteer: &VolunteerProfile,
    catalog: &TalentCatalog,
    config: &MatchConfig,
    today: NaiveDate,
) -> Result<Candidate, Exclusion> {
    let (score, breakdown, reasons, distance_km) =
        assess_pair(request, volunteer, catalog, config, today, true)?;
    Ok(Candidate {
        volunteer_id: volunteer.id,
        score,
        breakdown,
        reasons,
        distance_km,
    })
}

/// Scores one post for one volunteer (reasons addressed to the volunteer), or says which
/// filter excludes it.
pub fn evaluate_post(
    volunteer: &VolunteerProfile,
    post: &RequestProfile,
    catalog: &TalentCatalog,
    config: &MatchConfig,
    today: NaiveDate,
) -> Result<PostCandidate, Exclusion> {
    let (score, breakdown, reasons, distance_km) =
        assess_pair(post, volunteer, catalog, config, today, false)?;
    Ok(PostCandidate {
        post_id: post.id,
        kind: post.kind,
        score,
        breakdown,
        reasons,
        distance_km,
    })
}

/// The `k` best volunteers in `pool` for `request`, best first; filtered-out volunteers
/// never appear. One pass, O(n log k), the pool is never sorted: a latitude-aware
/// bounding box per volunteer rejects far-away volunteers before any trigonometry, a
/// bounded heap keeps the best `k`, and a volunteer whose upper bound (cheap criteria
/// first, then talents) cannot beat the current k-th score is not scored further.
pub fn rank_volunteers(
    request: &RequestProfile,
    pool: &[VolunteerProfile],
    catalog: &TalentCatalog,
    config: &MatchConfig,
    today: NaiveDate,
    k: usize,
) -> Vec<Candidate> {
    rank_volunteers_with(request, pool, catalog, config, today, k, true)
}

/// [`rank_volunteers`] without the Dutch reasons (empty): for callers that only need
/// the order and the scores of many candidates, such as the weekly plan's shortlists.
pub(crate) fn rank_volunteer_scores(
    request: &RequestProfile,
    pool: &[VolunteerProfile],
    catalog: &TalentCatalog,
    config: &MatchConfig,
    today: NaiveDate,
    k: usize,
) -> Vec<Candidate> {
    rank_volunteers_with(request, pool, catalog, config, today, k, false)
}

fn rank_volunteers_with(
    request: &RequestProfile,
    pool: &[VolunteerProfile],
    catalog: &TalentCatalog,
    config: &MatchConfig,
    today: NaiveDate,
    k: usize,
    with_reasons: bool,
) -> Vec<Candidate> {
    if k == 0 || pool.is_empty() {
        return Vec::new();
    }
    let engine = Engine::new(config);
    let req = Prepared::new(request, catalog);
    // Each volunteer's own bounding box (their travel limit, or the request's radius if
    // smaller) around the request, tested without trigonometry.
    let reach = Reach::new(request.location);
    let (lat_r, cos_r) = radians_and_cos(request.location.lat);
    let mut top = TopK::new(k);
    for (index, v) in pool.iter().enumerate() {
        let limit = match request.radius_km {
            Some(r) if r < v.max_distance_km => r,
            _ => v.max_distance_km,
        };
        if !reach.may_reach(v.location, limit) {
            continue;
        }
        let Ok(d) = check(
            request,
            req.wanted,
            v,
            engine.cfg.vog_valid_years,
            today,
            || {
                let (lat_v, cos_v) = radians_and_cos(v.location.lat);
                haversine(
                    lat_r,
                    cos_r,
                    lat_v,
                    cos_v,
                    (request.location.lon - v.location.lon).to_radians(),
                )
            },
        ) else {
            continue;
        };
        let Some(breakdown) = engine.assess_for_top(&req, v, d, top.bar()) else {
            continue;
        };
        top.offer(Ranked {
            score: engine.total(&breakdown),
            id: v.id,
            index,
            distance_km: d,
            breakdown,
        });
    }
    let best = top.into_sorted();
    best.into_iter()
        .map(|r| {
            let v = &pool[r.index];
            let mut reasons = Vec::new();
            if with_reasons {
                engine.assess(
                    &req,
                    v,
                    r.distance_km,
                    Some(&mut Reasons::new(&mut reasons, catalog, true)),
                );
            }
            Candidate {
                volunteer_id: v.id,
                score: r.score,
                breakdown: r.breakdown,
                reasons,
                distance_km: r.distance_km,
            }
        })
        .collect()
}

/// The `k` open posts (requests and vacancies) that fit `volunteer` best, best first,
/// with the same filters and scores as [`rank_volunteers`]. The caller passes only
/// posts that are open.
pub fn rank_posts(
    volunteer: &VolunteerProfile,
    posts: &[RequestProfile],
    catalog: &TalentCatalog,
    config: &MatchConfig,
    today: NaiveDate,
    k: usize,
) -> Vec<PostCandidate> {
    if k == 0 || posts.is_empty() {
        return Vec::new();
    }
    let engine = Engine::new(config);
    let bbox = BoundingBox::around(volunteer.location, volunteer.max_distance_km);
    let (lat_v, cos_v) = radians_and_cos(volunteer.location.lat);
    let mut top = TopK::new(k);
    for (index, post) in posts.iter().enumerate() {
        if !bbox.contains(post.location) {
            continue;
        }
        let wanted = post.schedule.wanted_slots();
        let Ok(d) = check(
            post,
            wanted,
            volunteer,
            engine.cfg.vog_valid_years,
            today,
            || {
                let (lat_p, cos_p) = radians_and_cos(post.location.lat);
                haversine(
                    lat_v,
                    cos_v,
                    lat_p,
                    cos_p,
                    (volunteer.location.lon - post.location.lon).to_radians(),
                )
            },
        ) else {
            continue;
        };
        let bar = top.bar();
        if bar.is_some_and(|bar| engine.total(&engine.cheap_breakdown(wanted, volunteer, d)) < bar)
        {
            continue; // skip building the post's talent list
        }
        let req = Prepared::new(post, catalog);
        let Some(breakdown) = engine.assess_for_top(&req, volunteer, d, bar) else {
            continue;
        };
        top.offer(Ranked {
            score: engine.total(&breakdown),
            id: post.id,
            index,
            distance_km: d,
            breakdown,
        });
    }
    let best = top.into_sorted();
    best.into_iter()
        .map(|r| {
            let post = &posts[r.index];
            let req = Prepared::new(post, catalog);
            let mut reasons = Vec::new();
            engine.assess(
                &req,
                volunteer,
                r.distance_km,
                Some(&mut Reasons::new(&mut reasons, catalog, false)),
            );
            PostCandidate {
                post_id: post.id,
                kind: post.kind,
                score: r.score,
                breakdown: r.breakdown,
                reasons,
                distance_km: r.distance_km,
            }
        })
        .collect()
}

#[inline]
fn radians_and_cos(lat_deg: f64) -> (f64, f64) {
    let r = lat_deg.to_radians();
    (r, r.cos())
}

/// The hard filters; on success returns the distance (computed last, only if needed).
#[inline]
fn check(
    request: &RequestProfile,
    wanted: AvailabilityGrid,
    v: &VolunteerProfile,
    vog_valid_years: u32,
    today: NaiveDate,
    distance: impl FnOnce() -> f64,
) -> Result<f64, Exclusion> {
    if v.id == request.requester_id {
        return Err(Exclusion::IsRequester);
    }
    if !v.declined.is_empty() && v.declined.contains(&request.id) {
        return Err(Exclusion::AlreadyDeclined);
    }
    if v.active_matches >= v.max_active_matches {
        return Err(Exclusion::AtCapacity {
            active: v.active_matches,
            max: v.max_active_matches,
        });
    }
    if wanted.intersect(v.availability).is_empty() {
        return Err(Exclusion::NoTimeOverlap);
    }
    if request.requires_vog {
        match v.vog.status {
            VogStatus::None => return Err(Exclusion::VogMissing),
            VogStatus::Requested => return Err(Exclusion::VogPending),
            VogStatus::Valid => match v.vog.valid_until(vog_valid_years) {
                None => return Err(Exclusion::VogMissing),
                Some(until) if today > until => {
                    return Err(Exclusion::VogExpired { valid_until: until })
                }
                Some(_) => {}
            },
        }
    }
    let d = distance();
    let within = d <= v.max_distance_km && request.radius_km.is_none_or(|r| d <= r);
    if !within {
        let limit_km = match request.radius_km {
            Some(r) if r.is_nan() || r < v.max_distance_km => r,
            _ => v.max_distance_km,
        };
        return Err(Exclusion::TooFar {
            distance_km: d,
            limit_km,
        });
    }
    Ok(d)
}

/// A request (or post) with what scoring needs precomputed.
struct Prepared<'a> {
    profile: &'a RequestProfile,
    wanted: AvailabilityGrid,
    /// Unique required talents with their related slugs.
    talents: Vec<(&'a str, &'a [String])>,
    /// Number of unique requested languages.
    languages: usize,
}

impl<'a> Prepared<'a> {
    fn new(profile: &'a RequestProfile, catalog: &'a TalentCatalog) -> Self {
        let mut talents: Vec<(&str, &[String])> = Vec::with_capacity(profile.talents.len());
        for t in &profile.talents {
            if !talents.iter().any(|(s, _)| *s == t.as_str()) {
                talents.push((t.as_str(), catalog.related(t)));
            }
        }
        let languages = unique_languages(&profile.languages).count();
        Prepared {
            profile,
            wanted: profile.schedule.wanted_slots(),
            talents,
            languages,
        }
    }
}

fn unique_languages(languages: &[String]) -> impl Iterator<Item = &String> {
    languages
        .iter()
        .enumerate()
        .filter(|(i, l)| !languages[..*i].iter().any(|m| m.eq_ignore_ascii_case(l)))
        .map(|(_, l)| l)
}

/// Collects reasons while scoring (only for the results actually returned).
struct Reasons<'o, 'c> {
    out: &'o mut Vec<String>,
    catalog: &'c TalentCatalog,
    /// True: the coordinator's view of a volunteer; false: the volunteer's view of a post.
    about_volunteer: bool,
}

impl<'o, 'c> Reasons<'o, 'c> {
    fn new(out: &'o mut Vec<String>, catalog: &'c TalentCatalog, about_volunteer: bool) -> Self {
        Reasons {
            out,
            catalog,
            about_volunteer,
        }
    }

    fn push(&mut self, volunteer_view: String, post_view: String) {
        self.out.push(if self.about_volunteer {
            volunteer_view
        } else {
            post_view
        });
    }
}

/// Sanitized configuration plus derived constants.
struct Engine {
    cfg: MatchConfig,
    /// ln 2 / half-distance.
    decay: f64,
}

impl Engine {
    fn new(config: &MatchConfig) -> Self {
        let cfg = config.sanitized();
        Engine {
            cfg,
            decay: std::f64::consts::LN_2 / cfg.distance_half_km,
        }
    }

    /// The weighted mean of the breakdown, in [0, 1] (see [`Weights::score`]; the
    /// weights were sanitized once in [`Engine::new`]).
    ///
    /// [`Weights::score`]: crate::Weights::score
    #[inline]
    fn total(&self, b: &Breakdown) -> f64 {
        self.cfg.weights.mean_of(b)
    }

    /// The criteria that need no heap data: availability, distance and load.
    #[inline]
    fn cheap_scores(
        &self,
        wanted: AvailabilityGrid,
        v: &VolunteerProfile,
        d: f64,
    ) -> (f64, f64, f64) {
        let overlap = wanted.intersect(v.availability);
        let availability = if wanted == AvailabilityGrid::FULL {
            if overlap.is_empty() {
                0.0
            } else {
                1.0
            }
        } else {
            f64::from(overlap.len()) / f64::from(wanted.len().max(1))
        };
        let distance = (-self.decay * d).exp().clamp(0.0, 1.0);
        (availability, distance, self.load_score(v))
    }

    /// Load: the share of places free, halved every `recent_match_half` recent matches
    /// so that the work is spread over more volunteers. Exact and cheap, so the
    /// pruning bounds stay valid without special care.
    #[inline]
    fn load_score(&self, v: &VolunteerProfile) -> f64 {
        if v.max_active_matches == 0 {
            return 0.0;
        }
        let spare = v.max_active_matches.saturating_sub(v.active_matches);
        let share = f64::from(spare) / f64::from(v.max_active_matches);
        let half = self.cfg.recent_match_half;
        // Skipping powf for the common case keeps the inner loop as fast as before.
        if v.recent_matches == 0 || half <= 0.0 {
            return share;
        }
        let fairness = 0.5f64.powf(f64::from(v.recent_matches) / half);
        (share * fairness).clamp(0.0, 1.0)
    }

    /// The cheap criteria, with the others at their best (1): an upper bound.
    #[inline]
    fn cheap_breakdown(&self, wanted: AvailabilityGrid, v: &VolunteerProfile, d: f64) -> Breakdown {
        let (availability, distance, load) = self.cheap_scores(wanted, v, d);
        Breakdown {
            talents: 1.0,
            availability,
            distance,
            load,
            interests: 1.0,
            experience: 1.0,
        }
    }

    /// Scores a candidate for the top k, or None if it provably cannot enter: after the
    /// cheap criteria and again after talents, the total with the remaining criteria at
    /// their best (1) is compared with `bar`, the current k-th score. Float rounding is
    /// monotone, so such a bound is never below the computed total and pruning never
    /// changes the result; it only skips reading heap data (talents, interests, ...).
    #[inline]
    fn assess_for_top(
        &self,
        req: &Prepared<'_>,
        v: &VolunteerProfile,
        d: f64,
        bar: Option<f64>,
    ) -> Option<Breakdown> {
        let mut b = self.cheap_breakdown(req.wanted, v, d);
        if bar.is_some_and(|bar| self.total(&b) < bar) {
            return None;
        }
        b.talents = self.talent_score(req, v, None);
        if bar.is_some_and(|bar| self.total(&b) < bar) {
            return None;
        }
        b.interests = self.interest_score(req, v, None);
        b.experience = self.experience_score(req, v, None);
        Some(b)
    }

    /// Scores every criterion for a volunteer that passed the filters, at distance `d`,
    /// writing reasons (in criterion order) if asked.
    fn assess(
        &self,
        req: &Prepared<'_>,
        v: &VolunteerProfile,
        d: f64,
        mut why: Option<&mut Reasons<'_, '_>>,
    ) -> Breakdown {
        let talents = self.talent_score(req, v, why.as_deref_mut());
        let (availability, distance, load) = self.cheap_scores(req.wanted, v, d);
        if let Some(why) = why.as_deref_mut() {
            cheap_reasons(req, v, d, why);
        }
        let interests = self.interest_score(req, v, why.as_deref_mut());
        let experience = self.experience_score(req, v, why);
        Breakdown {
            talents,
            availability,
            distance,
            load,
            interests,
            experience,
        }
    }

    /// Talents: exact 1, related `related_talent_credit`, averaged over required talents
    /// (1 when none are required).
    #[inline]
    fn talent_score(
        &self,
        req: &Prepared<'_>,
        v: &VolunteerProfile,
        mut why: Option<&mut Reasons<'_, '_>>,
    ) -> f64 {
        if req.talents.is_empty() {
            return 1.0;
        }
        let mut sum = 0.0;
        for &(slug, related) in &req.talents {
            if v.talents.iter().any(|t| t == slug) {
                sum += 1.0;
                if let Some(why) = why.as_deref_mut() {
                    let name = why.catalog.name_nl(slug);
                    why.push(
                        format!("heeft talent: {name}"),
                        format!("past bij uw talent: {name}"),
                    );
                }
            } else if let Some(t) = v.talents.iter().find(|t| related.contains(t)) {
                sum += self.cfg.related_talent_credit;
                // A talent that is asked for itself is said once, as a match.
                let asked_itself = req.talents.iter().any(|(asked, _)| asked == t);
                if let Some(why) = why
                    .as_deref_mut()
                    .filter(|_| self.cfg.related_talent_credit > 0.0 && !asked_itself)
                {
                    let name = why.catalog.name_nl(t);
                    let wanted = why.catalog.name_nl(slug);
                    why.push(
                        format!("heeft verwant talent: {name} (gevraagd: {wanted})"),
                        format!("gevraagd wordt {wanted}: dat lijkt op uw talent {name}"),
                    );
                }
            }
        }
        sum / req.talents.len() as f64
    }

    /// Interest in the category (or a required talent), averaged with the share of the
    /// requested languages spoken when languages are requested.
    #[inline]
    fn interest_score(
        &self,
        req: &Prepared<'_>,
        v: &VolunteerProfile,
        mut why: Option<&mut Reasons<'_, '_>>,
    ) -> f64 {
        let r = req.profile;
        let interest = v
            .interests
            .iter()
            .find(|i| **i == r.category || req.talents.iter().any(|(s, _)| *s == i.as_str()));
        let mut score = if interest.is_some() { 1.0 } else { 0.0 };
        if let (Some(i), Some(why)) = (interest, why.as_deref_mut()) {
            let name = if *i == r.category {
                i.as_str()
            } else {
                why.catalog.name_nl(i)
            };
            why.push(
                format!("wil graag helpen bij {name}"),
                format!("past bij uw interesse: {name}"),
            );
        }
        if req.languages > 0 {
            let mut spoken: Vec<&str> = Vec::new();
            let mut count = 0usize;
            for lang in unique_languages(&r.languages) {
                if v.languages.iter().any(|l| l.eq_ignore_ascii_case(lang)) {
                    count += 1;
                    if why.is_some() {
                        spoken.push(language_name_nl(lang));
                    }
                }
            }
            score = (score + count as f64 / req.languages as f64) / 2.0;
            if let Some(why) = why {
                if !spoken.is_empty() {
                    let list = join_list(&spoken);
                    why.push(
                        format!("spreekt {list}"),
                        format!("vraagt iemand die {list} spreekt"),
                    );
                }
            }
        }
        score
    }

    /// Experience: 1 − 0.5^n for n past matches in this category.
    #[inline]
    fn experience_score(
        &self,
        req: &Prepared<'_>,
        v: &VolunteerProfile,
        why: Option<&mut Reasons<'_, '_>>,
    ) -> f64 {
        let category = &req.profile.category;
        let past = past_in(v, category);
        if let Some(why) = why {
            if past > 0 {
                why.push(
                    format!("heeft al {past} keer geholpen bij {category}"),
                    format!("u heeft al {past} keer geholpen bij {category}"),
                );
            }
        }
        if past == 0 {
            0.0
        } else {
            1.0 - 0.5f64.powi(past.min(64) as i32)
        }
    }
}

/// Reasons for availability, distance and load.
fn cheap_reasons(req: &Prepared<'_>, v: &VolunteerProfile, d: f64, why: &mut Reasons<'_, '_>) {
    let overlap = req.wanted.intersect(v.availability);
    let n = overlap.len();
    match n {
        0 => {}
        1..=3 => {
            let names: Vec<String> = overlap.slots().into_iter().map(|s| s.name_nl()).collect();
            let list = join_list(&names);
            why.push(format!("kan op {list}"), format!("u kunt op {list}"));
        }
        _ => why.push(
            format!("kan op {n} dagdelen per week"),
            format!("u kunt op {n} dagdelen per week"),
        ),
    }
    // Distances are between village centres: 0 means the same village.
    if d < 0.05 {
        why.push("woont in hetzelfde dorp".into(), "in uw eigen dorp".into());
    } else {
        let km = format_km(d);
        why.push(
            format!("woont {km} km weg"),
            format!("{km} km bij u vandaan"),
        );
    }
    // Load is the coordinator's concern; the volunteer sees no reason for it.
    if !why.about_volunteer {
        return;
    }
    let spare = v.max_active_matches.saturating_sub(v.active_matches);
    if spare > 0 {
        why.out.push(format!(
            "nog {spare} {} vrij",
            plural(spare, "plek", "plekken")
        ));
    }
    let recent = v.recent_matches;
    if recent > 0 {
        why.out.push(format!(
            "had de afgelopen {RECENT_MATCH_WINDOW_DAYS} dagen {recent} {}",
            plural(recent, "match", "matches")
        ));
    }
}

/// Past matches in `category` (small maps are scanned, which beats hashing).
#[inline]
fn past_in(v: &VolunteerProfile, category: &str) -> u32 {
    if v.past_matches.is_empty() {
        0
    } else if v.past_matches.len() <= 8 {
        v.past_matches
            .iter()
            .find(|(c, _)| c.as_str() == category)
            .map_or(0, |(_, n)| *n)
    } else {
        v.past_matches.get(category).copied().unwrap_or(0)
    }
}

fn plural(n: u32, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// A scored entry; `Ord` puts better entries first (score desc, id asc, index asc).
struct Ranked {
    score: f64,
    id: Uuid,
    index: usize,
    distance_km: f64,
    breakdown: Breakdown,
}

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .score
            .total_cmp(&self.score)
            .then_with(|| self.id.cmp(&other.id))
            .then_with(|| self.index.cmp(&other.index))
    }
}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Ranked {}

/// Keeps the `k` best entries: a max-heap on "worse", so the root is the entry to evict.
struct TopK {
    k: usize,
    heap: BinaryHeap<Ranked>,
}

impl TopK {
    fn new(k: usize) -> Self {
        TopK {
            k,
            heap: BinaryHeap::with_capacity(k.min(1024) + 1),
        }
    }

    #[inline]
    fn offer(&mut self, entry: Ranked) {
        if self.heap.len() < self.k {
            self.heap.push(entry);
        } else if let Some(mut worst) = self.heap.peek_mut() {
            if entry < *worst {
                *worst = entry;
            }
        }
    }

    /// The score to beat once k entries are kept.
    #[inline]
    fn bar(&self) -> Option<f64> {
        if self.heap.len() < self.k {
            None
        } else {
            self.heap.peek().map(|worst| worst.score)
        }
    }

    fn into_sorted(self) -> Vec<Ranked> {
        self.heap.into_sorted_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::availability::{Day, DayPart, Slot};
    use crate::config::Weights;
    use crate::geo::GeoPoint;
    use crate::profile::{Schedule, Vog};
    use std::collections::{HashMap, HashSet};

    const BEILEN: GeoPoint = GeoPoint::new(52.8633, 6.5139);
    const SMILDE: GeoPoint = GeoPoint::new(52.9535, 6.4526);
    const WESTERBORK: GeoPoint = GeoPoint::new(52.8500, 6.6083);

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 20).expect("valid date")
    }

    fn slot(day: Day, part: DayPart) -> Slot {
        Slot { day, part }
    }

    fn tue_pm() -> AvailabilityGrid {
        AvailabilityGrid::from_slots([slot(Day::Tue, DayPart::Afternoon)])
    }

    fn request() -> RequestProfile {
        RequestProfile {
            id: id(1000),
            kind: PostKind::Request,
            requester_id: id(999),
            category: "maatje".into(),
            talents: vec!["hond-uitlaten".into()],
            location: BEILEN,
            schedule: Schedule::Weekly(tue_pm()),
            radius_km: None,
            requires_vog: false,
            languages: vec![],
        }
    }

    fn volunteer(n: u128) -> VolunteerProfile {
        VolunteerProfile {
            id: id(n),
            talents: vec!["hond-uitlaten".into()],
            interests: vec![],
            availability: tue_pm(),
            location: BEILEN,
            max_distance_km: 15.0,
            active_matches: 0,
            max_active_matches: 2,
            recent_matches: 0,
            vog: Vog::default(),
            languages: vec!["nl".into()],
            past_matches: HashMap::new(),
            declined: HashSet::new(),
        }
    }

    fn catalog() -> TalentCatalog {
        TalentCatalog::new([
            ("hond-uitlaten", "hond uitlaten", vec!["wandelen"]),
            ("wandelen", "wandelen", vec![]),
            ("tuinieren", "tuinieren", vec![]),
        ])
    }

    fn cfg() -> MatchConfig {
        MatchConfig::default()
    }

    fn excluded(r: &RequestProfile, v: &VolunteerProfile) -> Option<Exclusion> {
        filter_reason(r, v, &cfg(), today())
    }

    fn candidate(r: &RequestProfile, v: &VolunteerProfile) -> Candidate {
        evaluate(r, v, &catalog(), &cfg(), today()).expect("volunteer passes the filters")
    }

    // ---- hard filters -------------------------------------------------------------

    #[test]
    fn baseline_volunteer_passes_every_filter() {
        assert_eq!(excluded(&request(), &volunteer(1)), None);
    }

    #[test]
    fn filter_requester_themself() {
        let v = volunteer(999);
        assert_eq!(excluded(&request(), &v), Some(Exclusion::IsRequester));
    }

    #[test]
    fn filter_already_declined() {
        let mut v = volunteer(1);
        v.declined.insert(id(1000));
        assert_eq!(excluded(&request(), &v), Some(Exclusion::AlreadyDeclined));
        v.declined = [id(5)].into_iter().collect();
        assert_eq!(excluded(&request(), &v), None);
    }

    #[test]
    fn filter_at_capacity() {
        let mut v = volunteer(1);
        v.active_matches = 2;
        assert_eq!(
            excluded(&request(), &v),
            Some(Exclusion::AtCapacity { active: 2, max: 2 })
        );
        v.active_matches = 1;
        assert_eq!(excluded(&request(), &v), None);
        v.max_active_matches = 0;
        v.active_matches = 0;
        assert!(matches!(
            excluded(&request(), &v),
            Some(Exclusion::AtCapacity { .. })
        ));
    }

    #[test]
    fn filter_no_time_overlap() {
        let mut v = volunteer(1);
        v.availability = AvailabilityGrid::from_slots([
            slot(Day::Sat, DayPart::Morning),
            slot(Day::Sun, DayPart::Afternoon),
        ]);
        assert_eq!(excluded(&request(), &v), Some(Exclusion::NoTimeOverlap));
        v.availability.0 |= tue_pm().0;
        assert_eq!(excluded(&request(), &v), None);
    }

    #[test]
    fn filter_one_off_date_maps_to_its_weekday() {
        let mut r = request();
        // 24 November 2026 is a Tuesday; 25 November a Wednesday.
        let tuesday = NaiveDate::from_ymd_opt(2026, 11, 24).expect("valid date");
        r.schedule = Schedule::Once {
            date: tuesday,
            parts: vec![DayPart::Afternoon],
        };
        assert_eq!(excluded(&r, &volunteer(1)), None);
        r.schedule = Schedule::Once {
            date: tuesday.succ_opt().expect("next day"),
            parts: vec![DayPart::Afternoon],
        };
        assert_eq!(excluded(&r, &volunteer(1)), Some(Exclusion::NoTimeOverlap));
    }

    #[test]
    fn filter_flexible_needs_any_availability() {
        let mut r = request();
        r.schedule = Schedule::Flexible;
        let mut v = volunteer(1);
        v.availability = AvailabilityGrid::from_slots([slot(Day::Sun, DayPart::Evening)]);
        assert_eq!(excluded(&r, &v), None);
        v.availability = AvailabilityGrid::empty();
        assert_eq!(excluded(&r, &v), Some(Exclusion::NoTimeOverlap));
    }

    #[test]
    fn filter_vog_required() {
        let mut r = request();
        r.requires_vog = true;
        let mut v = volunteer(1);
        assert_eq!(excluded(&r, &v), Some(Exclusion::VogMissing));
        v.vog = Vog {
            status: VogStatus::Requested,
            issued_on: None,
        };
        assert_eq!(excluded(&r, &v), Some(Exclusion::VogPending));
        v.vog = Vog {
            status: VogStatus::Valid,
            issued_on: None,
        };
        assert_eq!(excluded(&r, &v), Some(Exclusion::VogMissing));
        v.vog = Vog::valid(NaiveDate::from_ymd_opt(2023, 11, 20).expect("valid date"));
        assert_eq!(
            excluded(&r, &v),
            None,
            "exactly three years old still counts"
        );
        v.vog = Vog::valid(NaiveDate::from_ymd_opt(2023, 11, 19).expect("valid date"));
        let until = NaiveDate::from_ymd_opt(2026, 11, 19).expect("valid date");
        assert_eq!(
            excluded(&r, &v),
            Some(Exclusion::VogExpired { valid_until: until })
        );
        // Configurable validity.
        let long = MatchConfig {
            vog_valid_years: 5,
            ..cfg()
        };
        assert_eq!(filter_reason(&r, &v, &long, today()), None);
        // Not required: no VOG is fine.
        r.requires_vog = false;
        v.vog = Vog::default();
        assert_eq!(excluded(&r, &v), None);
    }

    #[test]
    fn filter_volunteer_travel_distance_and_request_radius() {
        let r = request();
        let mut v = volunteer(1);
        v.location = SMILDE; // 10.84 km from Beilen
        v.max_distance_km = 10.0;
        match excluded(&r, &v) {
            Some(Exclusion::TooFar {
                distance_km,
                limit_km,
            }) => {
                assert!((distance_km - 10.84).abs() < 0.01);
                assert_eq!(limit_km, 10.0);
            }
            other => panic!("expected TooFar, got {other:?}"),
        }
        v.max_distance_km = 11.0;
        assert_eq!(excluded(&r, &v), None);
        let mut r = r;
        r.radius_km = Some(8.0);
        assert!(
            matches!(excluded(&r, &v), Some(Exclusion::TooFar { limit_km, .. }) if limit_km == 8.0)
        );
        r.radius_km = Some(f64::NAN);
        assert!(matches!(excluded(&r, &v), Some(Exclusion::TooFar { .. })));
        v.max_distance_km = f64::NAN;
        r.radius_km = None;
        assert!(matches!(excluded(&r, &v), Some(Exclusion::TooFar { .. })));
    }

    #[test]
    fn exclusions_explain_themselves_in_dutch() {
        let far = Exclusion::TooFar {
            distance_km: 12.34,
            limit_km: 10.0,
        };
        assert_eq!(far.reason_nl(), "woont 12,3 km weg (maximaal 10,0 km)");
        let until = NaiveDate::from_ymd_opt(2026, 3, 1).expect("valid date");
        assert_eq!(
            Exclusion::VogExpired { valid_until: until }.reason_nl(),
            "VOG is verlopen (geldig tot 1-3-2026)"
        );
        assert_eq!(
            Exclusion::AtCapacity { active: 1, max: 1 }.reason_nl(),
            "zit aan het maximum van 1 actieve match"
        );
    }

    #[test]
    fn ranking_never_returns_filtered_volunteers() {
        let mut r = request();
        r.requires_vog = true;
        let mut pool = Vec::new();
        let mut ok = volunteer(1);
        ok.vog = Vog::valid(today());
        pool.push(ok.clone());
        let mut no_vog = ok.clone();
        no_vog.id = id(2);
        no_vog.vog = Vog::default();
        pool.push(no_vog);
        let mut weekend = ok.clone();
        weekend.id = id(3);
        weekend.availability = AvailabilityGrid::from_slots([slot(Day::Sat, DayPart::Morning)]);
        pool.push(weekend);
        let mut requester = ok.clone();
        requester.id = id(999);
        pool.push(requester);
        let ranked = rank_volunteers(&r, &pool, &catalog(), &cfg(), today(), 10);
        let ids: Vec<Uuid> = ranked.iter().map(|c| c.volunteer_id).collect();
        assert_eq!(ids, vec![id(1)]);
    }

    // ---- scores -------------------------------------------------------------------

    #[test]
    fn talent_score_exact_related_and_missing() {
        let r = request();
        let mut v = volunteer(1);
        assert_eq!(candidate(&r, &v).breakdown.talents, 1.0);
        v.talents = vec!["wandelen".into()];
        assert_eq!(candidate(&r, &v).breakdown.talents, 0.5);
        let custom = MatchConfig {
            related_talent_credit: 0.25,
            ..cfg()
        };
        assert_eq!(
            evaluate(&r, &v, &catalog(), &custom, today())
                .expect("passes")
                .breakdown
                .talents,
            0.25
        );
        v.talents = vec!["tuinieren".into()];
        assert_eq!(candidate(&r, &v).breakdown.talents, 0.0);
        // Two required talents, one held: half.
        let mut r2 = r.clone();
        r2.talents = vec![
            "hond-uitlaten".into(),
            "tuinieren".into(),
            "tuinieren".into(),
        ];
        v.talents = vec!["tuinieren".into()];
        assert_eq!(
            candidate(&r2, &v).breakdown.talents,
            0.5,
            "duplicates count once"
        );
        // Nothing required: everybody fits.
        r2.talents.clear();
        assert_eq!(candidate(&r2, &v).breakdown.talents, 1.0);
    }

    #[test]
    fn availability_score_is_the_covered_share() {
        let mut r = request();
        r.schedule = Schedule::Weekly(AvailabilityGrid::from_slots([
            slot(Day::Tue, DayPart::Afternoon),
            slot(Day::Thu, DayPart::Morning),
        ]));
        let mut v = volunteer(1);
        assert_eq!(candidate(&r, &v).breakdown.availability, 0.5);
        v.availability.0 |= AvailabilityGrid::from_slots([slot(Day::Thu, DayPart::Morning)]).0;
        assert_eq!(candidate(&r, &v).breakdown.availability, 1.0);
        r.schedule = Schedule::Flexible;
        assert_eq!(candidate(&r, &v).breakdown.availability, 1.0);
    }

    #[test]
    fn distance_score_halves_every_half_distance() {
        let r = request();
        let mut v = volunteer(1);
        assert_eq!(candidate(&r, &v).breakdown.distance, 1.0);
        v.location = SMILDE;
        let c = candidate(&r, &v);
        let expected = 0.5f64.powf(c.distance_km / 5.0);
        assert!((c.breakdown.distance - expected).abs() < 1e-12);
        let wide = MatchConfig {
            distance_half_km: c.distance_km,
            ..cfg()
        };
        let c = evaluate(&r, &v, &catalog(), &wide, today()).expect("passes");
        assert!((c.breakdown.distance - 0.5).abs() < 1e-12);
    }

    #[test]
    fn load_score_prefers_spare_capacity() {
        let r = request();
        let mut v = volunteer(1);
        v.max_active_matches = 4;
        assert_eq!(candidate(&r, &v).breakdown.load, 1.0);
        v.active_matches = 3;
        assert_eq!(candidate(&r, &v).breakdown.load, 0.25);
    }

    #[test]
    fn recent_matches_halve_the_load_every_half() {
        let r = request();
        let mut v = volunteer(1);
        v.max_active_matches = 4;
        v.active_matches = 1;
        v.recent_matches = 3;
        let load = |half: f64| {
            let config = MatchConfig {
                recent_match_half: half,
                ..cfg()
            };
            evaluate(&r, &v, &catalog(), &config, today())
                .expect("passes")
                .breakdown
                .load
        };
        assert_eq!(load(3.0), 0.375, "one half: 0.75 × 0.5");
        assert_eq!(load(1.5), 0.1875, "two halves: 0.75 × 0.25");
        assert!((load(6.0) - 0.75 * 0.5f64.sqrt()).abs() < 1e-12);
        assert_eq!(load(0.0), 0.75, "0 disables the fairness factor");
        assert_eq!(load(-2.0), 0.375, "a negative half means the default");
    }

    #[test]
    fn more_recent_matches_rank_an_otherwise_equal_volunteer_lower() {
        let r = request();
        // Volunteer 1 would win the tie on id, but was asked four times lately.
        let mut busy = volunteer(1);
        busy.recent_matches = 4;
        let mut once = volunteer(2);
        once.recent_matches = 1;
        let fresh = volunteer(3);
        let pool = vec![busy, once, fresh];
        let ranked = |config: &MatchConfig| -> Vec<(Uuid, f64)> {
            rank_volunteers(&r, &pool, &catalog(), config, today(), 3)
                .iter()
                .map(|c| (c.volunteer_id, c.score))
                .collect()
        };
        let fair = ranked(&cfg());
        let ids: Vec<Uuid> = fair.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids, vec![id(3), id(2), id(1)]);
        assert!(fair[0].1 > fair[1].1 && fair[1].1 > fair[2].1);
        let off = ranked(&MatchConfig {
            recent_match_half: 0.0,
            ..cfg()
        });
        let ids: Vec<Uuid> = off.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids, vec![id(1), id(2), id(3)], "a tie, ordered by id");
        assert!(off.iter().all(|(_, score)| *score == off[0].1));
    }

    #[test]
    fn recent_matches_are_named_for_the_coordinator_only() {
        let r = request();
        let mut v = volunteer(1);
        assert!(!candidate(&r, &v)
            .reasons
            .iter()
            .any(|reason| reason.contains("afgelopen")));
        v.recent_matches = 1;
        assert!(candidate(&r, &v)
            .reasons
            .contains(&"had de afgelopen 90 dagen 1 match".to_string()));
        v.recent_matches = 4;
        let reasons = candidate(&r, &v).reasons;
        assert!(reasons.contains(&"had de afgelopen 90 dagen 4 matches".to_string()));
        let spare = reasons
            .iter()
            .position(|reason| reason == "nog 2 plekken vrij");
        let recent = reasons
            .iter()
            .position(|reason| reason.starts_with("had de afgelopen"));
        assert_eq!(spare.map(|i| i + 1), recent, "right after the free places");
        let post = evaluate_post(&v, &r, &catalog(), &cfg(), today()).expect("passes");
        assert!(!post
            .reasons
            .iter()
            .any(|reason| reason.contains("afgelopen")));
    }

    #[test]
    fn interests_and_languages_score() {
        let mut r = request();
        let mut v = volunteer(1);
        assert_eq!(candidate(&r, &v).breakdown.interests, 0.0);
        v.interests = vec!["maatje".into()];
        assert_eq!(candidate(&r, &v).breakdown.interests, 1.0);
        r.languages = vec!["pl".into(), "de".into()];
        assert_eq!(candidate(&r, &v).breakdown.interests, 0.5);
        v.languages.push("PL".into());
        assert_eq!(candidate(&r, &v).breakdown.interests, 0.75);
        v.interests = vec!["hond-uitlaten".into()];
        assert_eq!(
            candidate(&r, &v).breakdown.interests,
            0.75,
            "a required talent is an interest too"
        );
    }

    #[test]
    fn experience_grows_with_past_matches_in_the_category() {
        let r = request();
        let mut v = volunteer(1);
        assert_eq!(candidate(&r, &v).breakdown.experience, 0.0);
        v.past_matches.insert("klussen".into(), 9);
        assert_eq!(candidate(&r, &v).breakdown.experience, 0.0);
        v.past_matches.insert("maatje".into(), 1);
        assert_eq!(candidate(&r, &v).breakdown.experience, 0.5);
        v.past_matches.insert("maatje".into(), 3);
        assert_eq!(candidate(&r, &v).breakdown.experience, 0.875);
    }

    #[test]
    fn total_is_the_weighted_mean() {
        let mut r = request();
        r.languages = vec!["pl".into()];
        let mut v = volunteer(1);
        v.location = WESTERBORK;
        v.talents = vec!["wandelen".into()];
        v.active_matches = 1;
        let c = candidate(&r, &v);
        let b = c.breakdown;
        let w = Weights::default();
        let expected = (w.talents * b.talents
            + w.availability * b.availability
            + w.distance * b.distance
            + w.load * b.load
            + w.interests * b.interests
            + w.experience * b.experience)
            / (w.talents + w.availability + w.distance + w.load + w.interests + w.experience);
        assert!((c.score - expected).abs() < 1e-12);
        let zero = MatchConfig {
            weights: Weights {
                talents: 0.0,
                availability: 0.0,
                distance: 0.0,
                load: 0.0,
                interests: 0.0,
                experience: 0.0,
            },
            ..cfg()
        };
        assert_eq!(
            evaluate(&r, &v, &catalog(), &zero, today())
                .expect("passes")
                .score,
            0.0
        );
        let only_load = MatchConfig {
            weights: Weights {
                talents: 0.0,
                availability: 0.0,
                distance: 0.0,
                load: 1.0,
                interests: 0.0,
                experience: 0.0,
            },
            ..cfg()
        };
        assert_eq!(
            evaluate(&r, &v, &catalog(), &only_load, today())
                .expect("passes")
                .score,
            0.5
        );
    }

    #[test]
    fn changing_a_weight_changes_the_ranking() {
        let r = request();
        // A lives in Beilen but is busy; B lives in Westerbork and is free.
        let mut a = volunteer(1);
        a.max_active_matches = 4;
        a.active_matches = 3;
        let mut b = volunteer(2);
        b.location = WESTERBORK;
        let pool = vec![a, b];
        let order = |weights: Weights| -> Vec<Uuid> {
            let config = MatchConfig { weights, ..cfg() };
            rank_volunteers(&r, &pool, &catalog(), &config, today(), 2)
                .iter()
                .map(|c| c.volunteer_id)
                .collect()
        };
        let w = Weights::default();
        assert_eq!(
            order(Weights {
                distance: 10.0,
                load: 1.0,
                ..w
            }),
            vec![id(1), id(2)]
        );
        assert_eq!(
            order(Weights {
                distance: 0.0,
                load: 1.0,
                ..w
            }),
            vec![id(2), id(1)]
        );
        assert_eq!(
            order(Weights {
                distance: 1.0,
                load: 10.0,
                ..w
            }),
            vec![id(2), id(1)]
        );
    }

    // ---- reasons ------------------------------------------------------------------

    #[test]
    fn reasons_are_short_dutch_sentences() {
        let mut r = request();
        r.languages = vec!["pl".into()];
        let mut v = volunteer(1);
        v.location = GeoPoint::new(
            52.8633,
            6.5139 + 3.2 / (111.195 * 52.8633f64.to_radians().cos()),
        );
        v.interests = vec!["maatje".into()];
        v.languages.push("pl".into());
        v.past_matches.insert("maatje".into(), 3);
        v.max_active_matches = 2;
        v.active_matches = 1;
        let c = candidate(&r, &v);
        assert_eq!(
            c.reasons,
            vec![
                "heeft talent: hond uitlaten",
                "kan op dinsdagmiddag",
                "woont 3,2 km weg",
                "nog 1 plek vrij",
                "wil graag helpen bij maatje",
                "spreekt Pools",
                "heeft al 3 keer geholpen bij maatje",
            ]
        );
        v.talents = vec!["wandelen".into()];
        v.active_matches = 0;
        let c = candidate(&r, &v);
        assert!(c
            .reasons
            .contains(&"heeft verwant talent: wandelen (gevraagd: hond uitlaten)".to_string()));
        assert!(c.reasons.contains(&"nog 2 plekken vrij".to_string()));
        // Asked for itself as well: said once, as the talent it is.
        let mut both = r.clone();
        both.talents.push("wandelen".into());
        let c = candidate(&both, &v);
        let talent_reasons: Vec<&String> =
            c.reasons.iter().filter(|r| r.contains("talent")).collect();
        assert_eq!(
            talent_reasons,
            ["heeft talent: wandelen"],
            "{:?}",
            c.reasons
        );
        v.location = r.location;
        let c = candidate(&r, &v);
        assert!(
            c.reasons.contains(&"woont in hetzelfde dorp".to_string()),
            "{:?}",
            c.reasons
        );
    }

    #[test]
    fn many_overlapping_slots_are_counted_not_listed() {
        let mut r = request();
        r.schedule = Schedule::Flexible;
        let mut v = volunteer(1);
        v.availability = AvailabilityGrid::on_day(Day::Mon, &DayPart::ALL);
        v.availability.0 |= tue_pm().0;
        assert!(candidate(&r, &v)
            .reasons
            .contains(&"kan op 4 dagdelen per week".to_string()));
        v.availability = AvailabilityGrid::from_slots([
            slot(Day::Mon, DayPart::Morning),
            slot(Day::Fri, DayPart::Evening),
        ]);
        assert!(candidate(&r, &v)
            .reasons
            .contains(&"kan op maandagochtend en vrijdagavond".to_string()));
    }

    #[test]
    fn talent_names_fall_back_to_slugs() {
        let mut r = request();
        r.talents = vec!["klussen-in-huis".into()];
        let mut v = volunteer(1);
        v.talents = vec!["klussen-in-huis".into()];
        assert!(candidate(&r, &v)
            .reasons
            .contains(&"heeft talent: klussen-in-huis".to_string()));
    }

    // ---- ranking ------------------------------------------------------------------

    #[test]
    fn ties_are_broken_by_id_and_k_truncates() {
        let r = request();
        let pool: Vec<VolunteerProfile> = [5u128, 3, 9, 1, 7].into_iter().map(volunteer).collect();
        let ranked = rank_volunteers(&r, &pool, &catalog(), &cfg(), today(), 3);
        let ids: Vec<Uuid> = ranked.iter().map(|c| c.volunteer_id).collect();
        assert_eq!(ids, vec![id(1), id(3), id(5)]);
        assert!(rank_volunteers(&r, &pool, &catalog(), &cfg(), today(), 0).is_empty());
        assert_eq!(
            rank_volunteers(&r, &pool, &catalog(), &cfg(), today(), 100).len(),
            5
        );
        assert!(rank_volunteers(&r, &[], &catalog(), &cfg(), today(), 3).is_empty());
    }

    #[test]
    fn ranked_candidates_match_single_evaluation() {
        let r = request();
        let mut far = volunteer(2);
        far.location = SMILDE;
        let pool = vec![volunteer(1), far];
        for c in rank_volunteers(&r, &pool, &catalog(), &cfg(), today(), 2) {
            let v = pool
                .iter()
                .find(|v| v.id == c.volunteer_id)
                .expect("from the pool");
            assert_eq!(c, candidate(&r, v));
        }
    }

    #[test]
    fn posts_are_ranked_for_a_volunteer_with_the_same_filters() {
        let v = volunteer(1);
        let mut near = request();
        near.id = id(10);
        let mut vacancy = request();
        vacancy.id = id(11);
        vacancy.kind = PostKind::Vacancy;
        vacancy.location = WESTERBORK;
        let mut declined = request();
        declined.id = id(12);
        let mut v = v;
        v.declined.insert(id(12));
        let mut vog = request();
        vog.id = id(13);
        vog.requires_vog = true;
        let mut own = request();
        own.id = id(14);
        own.requester_id = v.id;
        let mut far = request();
        far.id = id(15);
        far.location = GeoPoint::new(53.2, 6.56); // Groningen-ish, 37 km
        let posts = vec![far, own, vog, declined, vacancy, near];
        let ranked = rank_posts(&v, &posts, &catalog(), &cfg(), today(), 10);
        let ids: Vec<Uuid> = ranked.iter().map(|c| c.post_id).collect();
        assert_eq!(ids, vec![id(10), id(11)]);
        assert_eq!(ranked[1].kind, PostKind::Vacancy);
        assert!(ranked[0]
            .reasons
            .contains(&"past bij uw talent: hond uitlaten".to_string()));
        assert!(
            ranked[1]
                .reasons
                .contains(&"6,5 km bij u vandaan".to_string()),
            "{:?}",
            ranked[1].reasons
        );
        // Same scores both ways.
        let forward = candidate(&posts[4], &v);
        assert_eq!(forward.score, ranked[1].score);
        assert_eq!(forward.breakdown, ranked[1].breakdown);
        let single = evaluate_post(&v, &posts[4], &catalog(), &cfg(), today()).expect("passes");
        assert_eq!(single, ranked[1]);
    }
}
