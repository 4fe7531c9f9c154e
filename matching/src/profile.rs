//! The inputs of matching: request (or vacancy) profiles, volunteer profiles, schedules
//! and VOG status. Plain data; the service fills these from its database.

use std::collections::{HashMap, HashSet};

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::availability::{AvailabilityGrid, Day, DayPart};
use crate::geo::GeoPoint;

/// The window, in days, over which the service counts a volunteer's
/// [`VolunteerProfile::recent_matches`]; the coordinator's reason names it.
pub const RECENT_MATCH_WINDOW_DAYS: u32 = 90;

/// When help is wanted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Schedule {
    /// Recurring weekly slots (an empty grid means no preference: any slot).
    Weekly(AvailabilityGrid),
    /// A single date; `parts` are the wanted day parts (empty means the whole day).
    Once {
        /// The calendar date.
        date: NaiveDate,
        /// The wanted parts of that day.
        parts: Vec<DayPart>,
    },
    /// No fixed time: anyone with any availability fits.
    Flexible,
}

impl Schedule {
    /// The weekly slots this schedule asks for: a one-off date maps to its weekday,
    /// flexible (or an empty weekly grid) to [`AvailabilityGrid::FULL`].
    pub fn wanted_slots(&self) -> AvailabilityGrid {
        match self {
            Schedule::Weekly(slots) if !slots.is_empty() => slots.intersect(AvailabilityGrid::FULL),
            Schedule::Weekly(_) | Schedule::Flexible => AvailabilityGrid::FULL,
            Schedule::Once { date, parts } if parts.is_empty() => {
                AvailabilityGrid::on_day(Day::of_date(*date), &DayPart::ALL)
            }
            Schedule::Once { date, parts } => AvailabilityGrid::on_day(Day::of_date(*date), parts),
        }
    }

    /// Whether this is a recurring schedule or flexible (not a single date).
    pub fn is_recurring(&self) -> bool {
        !matches!(self, Schedule::Once { .. })
    }
}

/// The state of a volunteer's VOG (*Verklaring Omtrent het Gedrag*).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VogStatus {
    /// No VOG.
    #[default]
    None,
    /// Applied for, not yet received.
    Requested,
    /// Received and recorded by the coordinator (see `issued_on`).
    Valid,
}

/// A volunteer's VOG: status and date of issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Vog {
    /// Where the VOG stands.
    pub status: VogStatus,
    /// Date of issue (required for a VOG to count as valid).
    pub issued_on: Option<NaiveDate>,
}

impl Vog {
    /// A valid VOG issued on the given date.
    pub fn valid(issued_on: NaiveDate) -> Self {
        Vog {
            status: VogStatus::Valid,
            issued_on: Some(issued_on),
        }
    }

    /// The last day the VOG counts as valid: `issued_on` plus `valid_years` (None if
    /// the status is not valid or no issue date is recorded).
    pub fn valid_until(&self, valid_years: u32) -> Option<NaiveDate> {
        match (self.status, self.issued_on) {
            (VogStatus::Valid, Some(issued)) => Some(
                issued
                    .checked_add_months(Months::new(valid_years.saturating_mul(12)))
                    .unwrap_or(NaiveDate::MAX),
            ),
            _ => None,
        }
    }

    /// Whether the VOG is valid on `today`: status valid and issued at most
    /// `valid_years` years before (the anniversary itself still counts).
    pub fn is_valid_on(&self, today: NaiveDate, valid_years: u32) -> bool {
        self.valid_until(valid_years)
            .is_some_and(|until| today <= until)
    }
}

/// What kind of post a [`RequestProfile`] describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PostKind {
    /// A resident's help request (*hulpvraag*).
    #[default]
    Request,
    /// An organisation's volunteer vacancy (*vacature*).
    Vacancy,
}

/// What a help request (or vacancy) asks for; the input on the request side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestProfile {
    /// The post's id.
    pub id: Uuid,
    /// Request or vacancy.
    #[serde(default)]
    pub kind: PostKind,
    /// The user who posted it (never matched with themself).
    pub requester_id: Uuid,
    /// Category slug, e.g. "maatje".
    pub category: String,
    /// Required talent slugs, e.g. "hond-uitlaten".
    #[serde(default)]
    pub talents: Vec<String>,
    /// Where the help is needed (village centroid).
    pub location: GeoPoint,
    /// When help is wanted.
    pub schedule: Schedule,
    /// Maximum distance in km from `location`, if the requester set one.
    #[serde(default)]
    pub radius_km: Option<f64>,
    /// Whether the volunteer must hold a valid VOG.
    #[serde(default)]
    pub requires_vog: bool,
    /// Languages the volunteer should preferably speak (ISO 639-1 codes, e.g. "pl").
    #[serde(default)]
    pub languages: Vec<String>,
}

/// A volunteer as matching sees them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VolunteerProfile {
    /// The volunteer's user id.
    pub id: Uuid,
    /// Talent slugs.
    #[serde(default)]
    pub talents: Vec<String>,
    /// Interests: category or talent slugs they like to help with.
    #[serde(default)]
    pub interests: Vec<String>,
    /// Weekly availability.
    pub availability: AvailabilityGrid,
    /// Home village centroid.
    pub location: GeoPoint,
    /// How far they will travel, in km.
    pub max_distance_km: f64,
    /// Matches currently active.
    #[serde(default)]
    pub active_matches: u32,
    /// Most matches they want at once (0: none at the moment).
    pub max_active_matches: u32,
    /// Matches started for this volunteer in the recent window (the service counts the
    /// last [`RECENT_MATCH_WINDOW_DAYS`] days). Lowers the load score, so coordinators
    /// do not ask the same few volunteers every time.
    #[serde(default)]
    pub recent_matches: u32,
    /// VOG status.
    #[serde(default)]
    pub vog: Vog,
    /// Languages spoken (ISO 639-1 codes, e.g. "nl", "pl").
    #[serde(default)]
    pub languages: Vec<String>,
    /// Completed or active past matches per category slug.
    #[serde(default)]
    pub past_matches: HashMap<String, u32>,
    /// Posts this volunteer declined (never suggested again).
    #[serde(default)]
    pub declined: HashSet<Uuid>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::availability::Slot;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    #[test]
    fn wanted_slots_per_schedule() {
        let tue_pm = Slot {
            day: Day::Tue,
            part: DayPart::Afternoon,
        };
        let weekly = Schedule::Weekly(AvailabilityGrid::from_slots([tue_pm]));
        assert_eq!(weekly.wanted_slots().slots(), vec![tue_pm]);
        assert_eq!(Schedule::Flexible.wanted_slots(), AvailabilityGrid::FULL);
        assert_eq!(
            Schedule::Weekly(AvailabilityGrid::empty()).wanted_slots(),
            AvailabilityGrid::FULL
        );
        // 24 November 2026 is a Tuesday.
        let once = Schedule::Once {
            date: date(2026, 11, 24),
            parts: vec![DayPart::Afternoon],
        };
        assert_eq!(once.wanted_slots().slots(), vec![tue_pm]);
        let whole_day = Schedule::Once {
            date: date(2026, 11, 24),
            parts: vec![],
        };
        assert_eq!(
            whole_day.wanted_slots(),
            AvailabilityGrid::on_day(Day::Tue, &DayPart::ALL)
        );
    }

    #[test]
    fn vog_validity_window() {
        let vog = Vog::valid(date(2023, 3, 1));
        assert!(
            vog.is_valid_on(date(2026, 3, 1), 3),
            "anniversary still counts"
        );
        assert!(!vog.is_valid_on(date(2026, 3, 2), 3));
        assert!(vog.is_valid_on(date(2027, 3, 1), 4));
        assert!(!Vog {
            status: VogStatus::Requested,
            issued_on: Some(date(2026, 1, 1))
        }
        .is_valid_on(date(2026, 2, 1), 3));
        assert!(!Vog {
            status: VogStatus::Valid,
            issued_on: None
        }
        .is_valid_on(date(2026, 2, 1), 3));
        assert!(!Vog::default().is_valid_on(date(2026, 2, 1), 3));
        // Leap day: valid through 28 February three years later.
        let leap = Vog::valid(date(2024, 2, 29));
        assert!(leap.is_valid_on(date(2027, 2, 28), 3));
        assert!(!leap.is_valid_on(date(2027, 3, 1), 3));
    }
}
