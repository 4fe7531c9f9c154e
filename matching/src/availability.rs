//! Weekly availability: a 7 × 3 grid of weekday × day part, stored as a bit set.

use serde::{Deserialize, Serialize};

/// A day of the week, Monday first (as in the Dutch week).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Day {
    /// Monday, *maandag*.
    Mon,
    /// Tuesday, *dinsdag*.
    Tue,
    /// Wednesday, *woensdag*.
    Wed,
    /// Thursday, *donderdag*.
    Thu,
    /// Friday, *vrijdag*.
    Fri,
    /// Saturday, *zaterdag*.
    Sat,
    /// Sunday, *zondag*.
    Sun,
}

/// A part of the day: *ochtend*, *middag* or *avond*.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DayPart {
    /// Morning, *ochtend*.
    Morning,
    /// Afternoon, *middag*.
    Afternoon,
    /// Evening, *avond*.
    Evening,
}

/// One cell of the weekly grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Slot {
    /// The weekday.
    pub day: Day,
    /// The part of that day.
    pub part: DayPart,
}

impl Day {
    /// All days, Monday first.
    pub const ALL: [Day; 7] = [
        Day::Mon,
        Day::Tue,
        Day::Wed,
        Day::Thu,
        Day::Fri,
        Day::Sat,
        Day::Sun,
    ];

    /// Index 0 (Monday) to 6 (Sunday).
    pub fn index(self) -> u32 {
        self as u32
    }

    /// The weekday of a calendar date.
    pub fn of_date(date: chrono::NaiveDate) -> Day {
        use chrono::Datelike;
        Day::ALL[date.weekday().num_days_from_monday() as usize]
    }

    /// Dutch name, e.g. "dinsdag".
    pub fn name_nl(self) -> &'static str {
        match self {
            Day::Mon => "maandag",
            Day::Tue => "dinsdag",
            Day::Wed => "woensdag",
            Day::Thu => "donderdag",
            Day::Fri => "vrijdag",
            Day::Sat => "zaterdag",
            Day::Sun => "zondag",
        }
    }
}

impl DayPart {
    /// All parts of a day, morning first.
    pub const ALL: [DayPart; 3] = [DayPart::Morning, DayPart::Afternoon, DayPart::Evening];

    /// Index 0 (morning) to 2 (evening).
    pub fn index(self) -> u32 {
        self as u32
    }

    /// Dutch name as used after a weekday, e.g. "middag" in "dinsdagmiddag".
    pub fn name_nl(self) -> &'static str {
        match self {
            DayPart::Morning => "ochtend",
            DayPart::Afternoon => "middag",
            DayPart::Evening => "avond",
        }
    }

    /// Dutch adverb for a day in this part, e.g. "'s middags".
    pub fn adverb_nl(self) -> &'static str {
        match self {
            DayPart::Morning => "'s ochtends",
            DayPart::Afternoon => "'s middags",
            DayPart::Evening => "'s avonds",
        }
    }
}

impl Slot {
    /// Bit position of this slot in an [`AvailabilityGrid`].
    pub fn bit(self) -> u32 {
        self.day.index() * 3 + self.part.index()
    }

    /// Dutch name, e.g. "dinsdagmiddag".
    pub fn name_nl(self) -> String {
        format!("{}{}", self.day.name_nl(), self.part.name_nl())
    }
}

/// A set of weekly slots (21 bits: bit `day * 3 + part`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct AvailabilityGrid(pub u32);

impl AvailabilityGrid {
    /// Mask with all 21 slots set.
    pub const FULL: AvailabilityGrid = AvailabilityGrid((1 << 21) - 1);

    /// The empty grid.
    pub fn empty() -> Self {
        AvailabilityGrid(0)
    }

    /// Builds a grid from slots.
    pub fn from_slots<I: IntoIterator<Item = Slot>>(slots: I) -> Self {
        AvailabilityGrid(slots.into_iter().fold(0, |m, s| m | (1 << s.bit())))
    }

    /// The grid of the given parts on one weekday (a one-off date maps to its weekday).
    pub fn on_day(day: Day, parts: &[DayPart]) -> Self {
        Self::from_slots(parts.iter().map(|&part| Slot { day, part }))
    }

    /// Whether the slot is set.
    pub fn contains(self, slot: Slot) -> bool {
        self.0 & (1 << slot.bit()) != 0
    }

    /// Slots set in both grids.
    pub fn intersect(self, other: Self) -> Self {
        AvailabilityGrid(self.0 & other.0)
    }

    /// Number of slots set.
    pub fn len(self) -> u32 {
        (self.0 & Self::FULL.0).count_ones()
    }

    /// Whether no slot is set.
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// The set slots, Monday morning first.
    pub fn slots(self) -> Vec<Slot> {
        Day::ALL
            .iter()
            .flat_map(|&day| DayPart::ALL.iter().map(move |&part| Slot { day, part }))
            .filter(|s| self.contains(*s))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_round_trip_through_the_bit_set() {
        let slots = vec![
            Slot {
                day: Day::Tue,
                part: DayPart::Afternoon,
            },
            Slot {
                day: Day::Sun,
                part: DayPart::Evening,
            },
        ];
        let grid = AvailabilityGrid::from_slots(slots.clone());
        assert_eq!(grid.slots(), slots);
        assert_eq!(grid.len(), 2);
        assert_eq!(
            Slot {
                day: Day::Tue,
                part: DayPart::Afternoon
            }
            .name_nl(),
            "dinsdagmiddag"
        );
    }

    #[test]
    fn a_date_maps_to_its_weekday() {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        assert_eq!(Day::of_date(date), Day::Tue);
    }
}
