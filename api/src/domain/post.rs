//! Post input (requests, offers, vacancies): schedules, on-behalf-of contacts and
//! the checks that turn a JSON body into a `PostDraft`.

use chrono::NaiveDate;
use matching::{AvailabilityGrid, Day, DayPart, Slot};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::account::{parse_phone, Email};
use super::{text, IntakeChannel, PostKind};
use crate::error::{ApiError, FieldErrors};
use crate::reference::Reference;

/// Longest title, in characters.
pub const MAX_TITLE: usize = 120;
/// Longest description, in characters.
pub const MAX_DESCRIPTION: usize = 5_000;
/// Most talents on one post.
pub const MAX_TALENTS: usize = 10;
/// Largest search radius: the municipality is about 30 km across.
pub const MAX_RADIUS_KM: f64 = 50.0;

/// When help is wanted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "lowercase", deny_unknown_fields)]
pub enum Schedule {
    /// One date, some parts of that day.
    Once {
        /// The date.
        #[schema(value_type = String, format = Date)]
        date: NaiveDate,
        /// `morning`, `afternoon`, `evening`.
        #[schema(value_type = Vec<String>)]
        parts: Vec<DayPart>,
    },
    /// Every week in these slots.
    Weekly {
        /// `{day: "mon".."sun", part}`.
        #[schema(value_type = Vec<Object>)]
        slots: Vec<Slot>,
        /// Roughly how many hours a week.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        hours_per_week: Option<f64>,
    },
    /// Any time that suits both.
    Flexible,
}

/// A schedule as stored: kind, date, slot mask, hours.
pub struct StoredSchedule {
    /// `once`, `weekly`, `flexible`.
    pub kind: &'static str,
    /// The date of a one-off.
    pub date: Option<NaiveDate>,
    /// Slots as an availability bit set.
    pub mask: i32,
    /// Hours per week, for weekly.
    pub hours_per_week: Option<f64>,
}

impl Schedule {
    /// Checks the schedule makes sense; `today` (if given) rules out past dates.
    fn check(&self, today: Option<NaiveDate>) -> Result<(), String> {
        match self {
            Schedule::Once { date, parts } => {
                if parts.is_empty() {
                    return Err("Kies minstens één dagdeel (ochtend, middag of avond).".into());
                }
                if let Some(today) = today {
                    if *date < today {
                        return Err("Die datum is al voorbij.".into());
                    }
                    if *date > today + chrono::Days::new(366) {
                        return Err("Kies een datum binnen een jaar.".into());
                    }
                }
                Ok(())
            }
            Schedule::Weekly {
                slots,
                hours_per_week,
            } => {
                if slots.is_empty() {
                    return Err("Kies minstens één dag en dagdeel.".into());
                }
                match hours_per_week {
                    Some(h) if !(0.5..=40.0).contains(h) => {
                        Err("Geef tussen 0,5 en 40 uur per week op.".into())
                    }
                    _ => Ok(()),
                }
            }
            Schedule::Flexible => Ok(()),
        }
    }

    /// The slots wanted, as a weekly grid (a one-off date maps to its weekday).
    pub fn wanted_slots(&self) -> AvailabilityGrid {
        match self {
            Schedule::Once { date, parts } => AvailabilityGrid::on_day(Day::of_date(*date), parts),
            Schedule::Weekly { slots, .. } => AvailabilityGrid::from_slots(slots.iter().copied()),
            Schedule::Flexible => AvailabilityGrid::FULL,
        }
    }

    /// The stored form.
    pub fn to_stored(&self) -> StoredSchedule {
        let (kind, date, hours_per_week) = match self {
            Schedule::Once { date, .. } => ("once", Some(*date), None),
            Schedule::Weekly { hours_per_week, .. } => ("weekly", None, *hours_per_week),
            Schedule::Flexible => ("flexible", None, None),
        };
        StoredSchedule {
            kind,
            date,
            mask: self.wanted_slots().0 as i32,
            hours_per_week,
        }
    }

    /// Rebuilds a schedule from its stored form.
    pub fn from_stored(
        kind: &str,
        date: Option<NaiveDate>,
        mask: i32,
        hours: Option<f64>,
    ) -> Schedule {
        let grid = AvailabilityGrid(mask as u32);
        match (kind, date) {
            ("once", Some(date)) => Schedule::Once {
                date,
                parts: grid.slots().into_iter().map(|s| s.part).collect(),
            },
            ("weekly", _) => Schedule::Weekly {
                slots: grid.slots(),
                hours_per_week: hours,
            },
            _ => Schedule::Flexible,
        }
    }
}

/// Who a request is for, when someone else posts it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct OnBehalfOf {
    /// The resident's name.
    pub name: String,
    /// Their phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Their e-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// `network` (family, neighbours), `referral` (a professional), or `phone` (the
    /// resident phoned the Servicepunt; coordinators only).
    pub channel: String,
    /// For referrals: who referred (see [`REFERRERS`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referrer: Option<String>,
    /// The volunteer calls whoever posted, not the resident (a daughter for her
    /// father with dementia): the resident's phone and e-mail stay with the
    /// Servicepunt, and the resident gets no mail. Default: the resident is called.
    #[serde(default)]
    pub via_poster: bool,
}

/// Kinds of referrer the Servicepunt reports on.
pub const REFERRERS: &[&str] = &[
    "wijkteam",
    "huisarts",
    "praktijkondersteuner",
    "thuiszorg",
    "casemanager-dementie",
    "wmo-consulent",
    "maatschappelijk-werk",
    "woningcorporatie",
    "anders",
];

/// Body of `POST /api/v1/{kind}`.
#[derive(Debug, Clone, PartialEq, Deserialize, ToSchema)]
pub struct PostInput {
    /// Short title.
    #[serde(default)]
    pub title: String,
    /// What the help is about.
    #[serde(default)]
    pub description: String,
    /// Category slug.
    #[serde(default)]
    pub category: String,
    /// Place slug, name or 4-digit postcode.
    #[serde(default)]
    pub place: String,
    /// Talent slugs.
    #[serde(default)]
    pub talents: Vec<String>,
    /// When.
    #[schema(value_type = Object)]
    #[serde(default)]
    pub schedule: serde_json::Value,
    /// How far volunteers may live (km).
    #[serde(default)]
    pub radius_km: Option<f64>,
    /// Requests only: the resident this is for.
    #[serde(default)]
    pub on_behalf_of: Option<OnBehalfOf>,
}

/// Body of `PATCH /api/v1/{kind}/{id}`: any subset of the fields.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct PostPatch {
    /// New title.
    pub title: Option<String>,
    /// New description.
    pub description: Option<String>,
    /// New category slug.
    pub category: Option<String>,
    /// New place.
    pub place: Option<String>,
    /// New talents.
    pub talents: Option<Vec<String>>,
    /// New schedule.
    #[schema(value_type = Object)]
    pub schedule: Option<serde_json::Value>,
    /// New radius.
    pub radius_km: Option<f64>,
    /// New on-behalf-of contact.
    pub on_behalf_of: Option<OnBehalfOf>,
}

/// A checked post, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct PostDraft {
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Category slug (exists).
    pub category: String,
    /// Place slug (exists).
    pub place: String,
    /// Talent slugs (exist, no duplicates).
    pub talents: Vec<String>,
    /// Schedule.
    pub schedule: Schedule,
    /// Radius in km.
    pub radius_km: Option<i32>,
    /// The resident this is for, if someone else posted it.
    pub on_behalf_of: Option<OnBehalfOf>,
}

impl PostDraft {
    /// The intake channel this draft implies for a request.
    pub fn intake_channel(&self) -> IntakeChannel {
        match &self.on_behalf_of {
            Some(o) if o.channel == "referral" => IntakeChannel::Referral,
            Some(o) if o.channel == "phone" => IntakeChannel::Phone,
            Some(_) => IntakeChannel::Network,
            None => IntakeChannel::Own,
        }
    }

    /// Only the Servicepunt takes requests over the phone; others say who they are.
    pub fn check_channel_for(&self, coordinator: bool) -> Result<(), ApiError> {
        match &self.on_behalf_of {
            Some(o) if o.channel == "phone" && !coordinator => Err(ApiError::field(
                "on_behalf_of.channel",
                "Alleen het Servicepunt neemt hulpvragen telefonisch aan. Kies 'network' of 'referral'.",
            )),
            _ => Ok(()),
        }
    }
}

impl PostPatch {
    /// Applies the patch over a post's current input.
    pub fn apply(self, mut current: PostInput) -> PostInput {
        current.title = self.title.unwrap_or(current.title);
        current.description = self.description.unwrap_or(current.description);
        current.category = self.category.unwrap_or(current.category);
        current.place = self.place.unwrap_or(current.place);
        current.talents = self.talents.unwrap_or(current.talents);
        current.schedule = self.schedule.unwrap_or(current.schedule);
        current.radius_km = self.radius_km.or(current.radius_km);
        current.on_behalf_of = self.on_behalf_of.or(current.on_behalf_of);
        current
    }
}

impl PostInput {
    /// Checks every field against the reference data; collects all messages.
    /// With `today` given, a one-off date in the past is refused.
    pub fn parse(
        self,
        kind: PostKind,
        reference: &Reference,
        today: Option<NaiveDate>,
    ) -> Result<PostDraft, ApiError> {
        let mut errors = FieldErrors::new();
        let mut note = |field: &str, message: String| {
            errors.insert(field.to_owned(), message);
        };
        let title = text::required(&self.title, "Titel", MAX_TITLE)
            .map_err(|e| note("title", e))
            .ok();
        let description = text::required_long(&self.description, "Beschrijving", MAX_DESCRIPTION)
            .map_err(|e| note("description", e))
            .ok();
        let category = match reference.category(self.category.trim()) {
            Some(c) => Some(c.slug.clone()),
            None => {
                let known: Vec<&str> = reference
                    .categories
                    .iter()
                    .map(|c| c.slug.as_str())
                    .collect();
                note(
                    "category",
                    format!("Onbekende categorie. Kies uit: {}.", known.join(", ")),
                );
                None
            }
        };
        let place = reference
            .place_or_message(&self.place)
            .map(|p| p.slug.clone())
            .map_err(|e| note("place", e))
            .ok();
        let talents = parse_talents(&self.talents, reference)
            .map_err(|e| note("talents", e))
            .ok();
        let schedule = serde_json::from_value::<Schedule>(self.schedule)
            .map_err(|_| {
                "Geef een rooster op: {\"kind\": \"once\", \"date\", \"parts\"}, {\"kind\": \"weekly\", \"slots\"} of {\"kind\": \"flexible\"}.".to_owned()
            })
            .and_then(|s| s.check(today).map(|_| s))
            .map_err(|e| note("schedule", e))
            .ok();
        let radius_km = match self.radius_km {
            None => Ok(None),
            Some(r) if r.is_finite() && (1.0..=MAX_RADIUS_KM).contains(&r) => {
                Ok(Some(r.ceil() as i32))
            }
            Some(_) => Err(format!("Kies een straal tussen 1 en {MAX_RADIUS_KM} km.")),
        }
        .map_err(|e| note("radius_km", e))
        .ok()
        .flatten();
        let on_behalf_of = match (kind, self.on_behalf_of) {
            (_, None) => None,
            (PostKind::Request, Some(o)) => parse_on_behalf(o)
                .map_err(|(f, e)| note(&format!("on_behalf_of.{f}"), e))
                .ok(),
            (_, Some(_)) => {
                note(
                    "on_behalf_of",
                    "Alleen een hulpvraag kan namens iemand anders.".into(),
                );
                None
            }
        };
        match (title, description, category, place, talents, schedule) {
            (
                Some(title),
                Some(description),
                Some(category),
                Some(place),
                Some(talents),
                Some(schedule),
            ) if errors.is_empty() => Ok(PostDraft {
                title,
                description,
                category,
                place,
                talents,
                schedule,
                radius_km,
                on_behalf_of,
            }),
            _ => Err(ApiError::validation(errors)),
        }
    }
}

fn parse_talents(raw: &[String], reference: &Reference) -> Result<Vec<String>, String> {
    if raw.len() > MAX_TALENTS {
        return Err(format!("Kies hooguit {MAX_TALENTS} talenten."));
    }
    let mut talents: Vec<String> = Vec::new();
    for slug in raw {
        let slug = slug.trim();
        if reference.talent(slug).is_none() {
            return Err(format!("Onbekend talent: '{slug}'."));
        }
        if !talents.iter().any(|t| t == slug) {
            talents.push(slug.to_owned());
        }
    }
    Ok(talents)
}

fn parse_on_behalf(o: OnBehalfOf) -> Result<OnBehalfOf, (&'static str, String)> {
    let name = text::required(&o.name, "Naam", 100).map_err(|e| ("name", e))?;
    let phone = match o.phone.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(p) => Some(parse_phone(p).map_err(|e| ("phone", e))?),
    };
    let email = match o.email.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(e) => Some(
            Email::parse(e)
                .map_err(|e| ("email", e))?
                .as_str()
                .to_owned(),
        ),
    };
    let channel = match o.channel.as_str() {
        "network" | "referral" | "phone" => o.channel,
        _ => {
            return Err((
                "channel",
                "Kies 'network' (familie, buren), 'referral' (doorverwijzing) of 'phone' (telefonisch bij het Servicepunt).".into(),
            ))
        }
    };
    let referrer = match o.referrer.as_deref().map(str::trim) {
        None | Some("") if channel == "referral" => {
            return Err((
                "referrer",
                format!("Wie verwees door? Kies uit: {}.", REFERRERS.join(", ")),
            ))
        }
        None | Some("") => None,
        Some(r) if REFERRERS.contains(&r) => Some(r.to_owned()),
        Some(_) => {
            return Err((
                "referrer",
                format!(
                    "Onbekende doorverwijzer. Kies uit: {}.",
                    REFERRERS.join(", ")
                ),
            ))
        }
    };
    Ok(OnBehalfOf {
        name,
        phone,
        email,
        via_poster: o.via_poster && channel != "phone",
        channel,
        referrer,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn input() -> PostInput {
        serde_json::from_value(json!({
            "title": "Wie laat mijn hond uit?",
            "description": "Eén keer per week een uurtje met Bobbie wandelen.",
            "category": "maatje",
            "place": "Beilen",
            "talents": ["hond-uitlaten"],
            "schedule": {"kind": "weekly", "slots": [{"day": "tue", "part": "afternoon"}]},
        }))
        .unwrap()
    }

    fn errors_of(result: Result<PostDraft, ApiError>) -> FieldErrors {
        match result {
            Err(ApiError::Validation { errors, .. }) => errors,
            other => panic!("expected validation error, got {other:?}"),
        }
    }

    #[test]
    fn a_good_request_parses() {
        let reference = Reference::load().unwrap();
        let draft = input().parse(PostKind::Request, &reference, None).unwrap();
        assert_eq!(draft.place, "beilen");
        assert_eq!(draft.schedule.to_stored().mask, 1 << 4);
        assert_eq!(draft.intake_channel(), IntakeChannel::Own);
    }

    #[test]
    fn every_bad_field_is_named() {
        let reference = Reference::load().unwrap();
        let mut bad = input();
        bad.title = "  ".into();
        bad.description = "x".repeat(100_000);
        bad.category = "bestaat-niet".into();
        bad.place = "Westerbrok".into();
        bad.talents = vec!["vliegen".into()];
        bad.schedule = json!({"kind": "weekly", "slots": []});
        bad.radius_km = Some(5000.0);
        let errors = errors_of(bad.parse(PostKind::Request, &reference, None));
        for field in [
            "title",
            "description",
            "category",
            "place",
            "talents",
            "schedule",
            "radius_km",
        ] {
            assert!(
                errors.contains_key(field),
                "{field} not reported: {errors:?}"
            );
        }
        assert!(errors["place"].contains("Westerbork"));
    }

    #[test]
    fn past_dates_and_foreign_on_behalf_are_refused() {
        let reference = Reference::load().unwrap();
        let mut once = input();
        once.schedule = json!({"kind": "once", "date": "2020-01-01", "parts": ["morning"]});
        let today = NaiveDate::from_ymd_opt(2026, 11, 25);
        assert!(
            errors_of(once.parse(PostKind::Request, &reference, today)).contains_key("schedule")
        );
        let mut offer = input();
        offer.on_behalf_of = Some(OnBehalfOf {
            name: "Inge".into(),
            phone: None,
            email: None,
            channel: "network".into(),
            referrer: None,
            via_poster: false,
        });
        assert!(
            errors_of(offer.parse(PostKind::Offer, &reference, None)).contains_key("on_behalf_of")
        );
    }

    #[test]
    fn referrals_need_a_known_referrer() {
        let reference = Reference::load().unwrap();
        let mut req = input();
        req.on_behalf_of = Some(OnBehalfOf {
            name: "Inge".into(),
            phone: Some("06-12345678".into()),
            email: None,
            channel: "referral".into(),
            referrer: None,
            via_poster: false,
        });
        assert!(
            errors_of(req.clone().parse(PostKind::Request, &reference, None))
                .contains_key("on_behalf_of.referrer")
        );
        req.on_behalf_of.as_mut().unwrap().referrer = Some("wijkteam".into());
        assert_eq!(
            req.parse(PostKind::Request, &reference, None)
                .unwrap()
                .intake_channel(),
            IntakeChannel::Referral
        );
    }

    #[test]
    fn schedules_round_trip_through_storage() {
        for schedule in [
            Schedule::Flexible,
            Schedule::Once {
                date: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
                parts: vec![DayPart::Morning, DayPart::Evening],
            },
            Schedule::Weekly {
                slots: vec![Slot {
                    day: Day::Tue,
                    part: DayPart::Afternoon,
                }],
                hours_per_week: Some(2.0),
            },
        ] {
            let s = schedule.to_stored();
            assert_eq!(
                Schedule::from_stored(s.kind, s.date, s.mask, s.hours_per_week),
                schedule
            );
        }
    }
}
