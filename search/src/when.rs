//! When help is wanted or offered: the days of the week and the parts of the day
//! (morning, afternoon, evening) that a post's schedule or a question names.
//!
//! *Heb alleen in het weekend tijd* and a post for *zaterdagochtend* fit; the same
//! question and a post for *doordeweeks, overdag* do not. A text that names no time,
//! or only a loose one (*in overleg*, *ook 's avonds*), fits everything: the search
//! uses [`Slots`] only to lift posts that fit and lower those that clearly do not.

use crate::analyzer;

/// Days (Monday first) times parts of the day, one bit each, and whether the text
/// named days and parts at all (*1x per week, ochtend* names no day: every day's
/// morning is in the grid, but a weekend question neither fits nor clashes with
/// it). No bits: no time named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Slots(u32);

/// Flags above the 21 bits of the grid.
const DAYS_NAMED: u32 = 1 << 21;
const PARTS_NAMED: u32 = 1 << 22;
const GRID: u32 = DAYS_NAMED - 1;

/// Parts of the day, as bits of one day.
const MORNING: u8 = 0b001;
const AFTERNOON: u8 = 0b010;
const EVENING: u8 = 0b100;
const DAYTIME: u8 = MORNING | AFTERNOON;
const ALL_PARTS: u8 = MORNING | AFTERNOON | EVENING;

/// Days, as bits of a week (Monday is bit 0).
const WEEKDAYS: u8 = 0b001_1111;
const WEEKEND: u8 = 0b110_0000;
const ALL_DAYS: u8 = 0b111_1111;

const DAY_NAMES: [&str; 7] = [
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
];

/// How a post's time and a question's time go together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// One of the two names no time.
    Open,
    /// They share a part of a day.
    Fits,
    /// Both name a time and they share none.
    Clashes,
}

impl Slots {
    /// No time named.
    pub const OPEN: Slots = Slots(0);

    /// The slots as stored in the index.
    pub fn bits(self) -> u64 {
        u64::from(self.0)
    }

    /// Slots read back from the index.
    pub fn from_bits(bits: u64) -> Slots {
        Slots(u32::try_from(bits).unwrap_or(0))
    }

    /// Whether the text named no time.
    pub fn is_open(self) -> bool {
        self.0 == 0
    }

    /// How these slots and `other` go together, on what both name: days and parts
    /// of the day, only days, or only parts.
    pub fn fit(self, other: Slots) -> Fit {
        let both = self.0 & other.0;
        let shared = match (both & DAYS_NAMED != 0, both & PARTS_NAMED != 0) {
            (true, true) => self.0 & other.0 & GRID != 0,
            (true, false) => self.days() & other.days() != 0,
            (false, true) => self.parts() & other.parts() != 0,
            (false, false) => return Fit::Open,
        };
        if shared {
            Fit::Fits
        } else {
            Fit::Clashes
        }
    }

    /// The days of the grid, one bit each.
    fn days(self) -> u8 {
        (0..7)
            .filter(|day| (self.0 >> (day * 3)) & u32::from(ALL_PARTS) != 0)
            .fold(0, |days, day| days | 1 << day)
    }

    /// The parts of the day of the grid.
    fn parts(self) -> u8 {
        (0..7).fold(0, |parts, day| {
            parts | ((self.0 >> (day * 3)) & u32::from(ALL_PARTS)) as u8
        })
    }

    /// Adds the slots of `days` times `parts`; `named` says which of the two the text
    /// named ([`DAYS_NAMED`], [`PARTS_NAMED`]).
    fn add(&mut self, days: u8, parts: u8, named: u32) {
        self.0 |= named;
        for day in 0..7 {
            if days & (1 << day) != 0 {
                self.0 |= u32::from(parts) << (day * 3);
            }
        }
    }
}

/// What a text says of when: whole slots (*dinsdagochtend*), and days and parts
/// named apart (*dinsdag … ochtend*), which combine.
#[derive(Default)]
struct Reading {
    slots: Slots,
    days: u8,
    parts: u8,
    /// *ook* (*ook 's avonds*): the times named come on top of others.
    also: bool,
}

/// The days and parts of the day a Dutch text names.
pub fn read(text: &str) -> Slots {
    let words = analyzer::tokens(&mut analyzer::name(), text);
    let mut r = Reading::default();
    for (i, w) in words.iter().enumerate() {
        let before = i
            .checked_sub(1)
            .and_then(|j| words.get(j))
            .map(String::as_str);
        r.word(w, before);
    }
    // Clock times say the part of the day of days named apart (*elke maandag,
    // 9.30 uur*); a whole slot (*dinsdagavond, 19.00 uur*) already has one.
    if r.slots.is_open() {
        r.parts |= clock_parts(text);
    }
    r.finish()
}

impl Reading {
    fn word(&mut self, w: &str, before: Option<&str>) {
        if w == "ook" {
            self.also = true;
        } else if let Some((day, rest)) = day_prefix(w) {
            match part_of(rest) {
                Some(part) => self.slots.add(1 << day, part, DAYS_NAMED | PARTS_NAMED),
                None if rest.is_empty() || rest == "s" || rest == "en" => self.days |= 1 << day,
                None => {}
            }
        } else if let Some(part) = part_of(w) {
            self.parts |= part;
        } else {
            self.other_word(w, before);
        }
    }

    fn other_word(&mut self, w: &str, before: Option<&str>) {
        match w {
            "weekend" | "weekenden" | "weekends" | "weekendje" => self.days |= WEEKEND,
            "doordeweeks" | "doordeweekse" | "werkdagen" | "werkdag" => self.days |= WEEKDAYS,
            "overdag" => self.parts |= DAYTIME,
            "dagelijks" => self.days |= ALL_DAYS,
            // *na schooltijd*: weekday afternoons; *onder schooltijd*, *als de
            // kinderen op school zitten*: weekdays in the day.
            "school" | "schooltijd" | "schooltijden" => match before {
                Some("na") => self
                    .slots
                    .add(WEEKDAYS, AFTERNOON, DAYS_NAMED | PARTS_NAMED),
                Some("onder" | "op" | "tijdens") => {
                    self.slots.add(WEEKDAYS, DAYTIME, DAYS_NAMED | PARTS_NAMED)
                }
                _ => {}
            },
            _ => {}
        }
    }

    fn finish(mut self) -> Slots {
        if self.also {
            return Slots::OPEN;
        }
        if self.days != 0 || self.parts != 0 {
            let mut named = 0;
            let mut days = ALL_DAYS;
            let mut parts = ALL_PARTS;
            if self.days != 0 {
                (days, named) = (self.days, named | DAYS_NAMED);
            }
            if self.parts != 0 {
                (parts, named) = (self.parts, named | PARTS_NAMED);
            }
            self.slots.add(days, parts, named);
        }
        self.slots
    }
}

/// The day a word starts with (*dinsdag*, *dinsdagochtend*, *zaterdags*), and the
/// rest of the word.
fn day_prefix(w: &str) -> Option<(usize, &str)> {
    DAY_NAMES
        .iter()
        .enumerate()
        .find_map(|(day, name)| w.strip_prefix(name).map(|rest| (day, rest)))
}

/// The part of the day a word names (*ochtend*, *middagen*, *'s avonds*).
fn part_of(w: &str) -> Option<u8> {
    let base = w
        .strip_suffix("en")
        .or_else(|| w.strip_suffix('s'))
        .unwrap_or(w);
    match base {
        "ochtend" | "morgen" | "voormiddag" => Some(MORNING),
        "middag" | "namiddag" => Some(AFTERNOON),
        "avond" => Some(EVENING),
        _ => None,
    }
    // *morgen* alone is *tomorrow*: only *'s morgens* and *morgens* name a part.
    .filter(|_| base != "morgen" || w != "morgen")
}

/// The parts of the day of the clock times in a text (*10.00–11.30 uur*: morning).
fn clock_parts(text: &str) -> u8 {
    let bytes = text.as_bytes();
    let mut parts = 0;
    let mut i = 0;
    while i < bytes.len() {
        let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        let starts_number = i == 0 || !bytes[i - 1].is_ascii_digit();
        let time = (1..=2).contains(&digits)
            && starts_number
            && matches!(bytes.get(i + digits), Some(b'.' | b':'))
            && bytes
                .get(i + digits + 1..i + digits + 3)
                .is_some_and(|m| m.iter().all(u8::is_ascii_digit))
            && !bytes.get(i + digits + 3).is_some_and(u8::is_ascii_digit);
        if time {
            let hour: u32 = text[i..i + digits].parse().unwrap_or(99);
            parts |= match hour {
                6..=11 => MORNING,
                12..=17 => AFTERNOON,
                18..=23 => EVENING,
                _ => 0,
            };
            i += digits + 3;
        } else {
            i += digits.max(1);
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Slots as [`read`] builds them: a day or part that is "all" was not named.
    fn slots(days: u8, parts: u8) -> Slots {
        let mut named = 0;
        if days != ALL_DAYS {
            named |= DAYS_NAMED;
        }
        if parts != ALL_PARTS {
            named |= PARTS_NAMED;
        }
        let mut s = Slots::OPEN;
        s.add(days, parts, named);
        s
    }

    #[test]
    fn days_and_parts() {
        assert_eq!(read("elke dinsdagmiddag"), slots(1 << 1, AFTERNOON));
        assert_eq!(read("1x per week, ochtend"), slots(ALL_DAYS, MORNING));
        assert_eq!(
            read("om de week, in het weekend"),
            slots(WEEKEND, ALL_PARTS)
        );
        assert_eq!(read("doordeweeks, overdag"), slots(WEEKDAYS, DAYTIME));
        assert_eq!(read("1x per week, 's avonds"), slots(ALL_DAYS, EVENING));
        assert_eq!(read("elke zaterdagochtend"), slots(1 << 5, MORNING));
        assert_eq!(read("zaterdags"), slots(1 << 5, ALL_PARTS));
    }

    #[test]
    fn a_day_apart_and_a_whole_slot() {
        // *woensdagmiddag of zaterdag*: Wednesday afternoon, all of Saturday.
        let s = read("om de week, woensdagmiddag of zaterdag");
        assert_eq!(
            s,
            Slots(slots(1 << 2, AFTERNOON).0 | slots(1 << 5, ALL_PARTS).0)
        );
    }

    #[test]
    fn clock_times() {
        assert_eq!(read("elke maandag, 9.30–11.30 uur"), slots(1, MORNING));
        assert_eq!(
            read("elke dinsdagavond, 19.00–22.30 uur"),
            slots(1 << 1, EVENING)
        );
        assert_eq!(read("1 à 2 dagdelen per week"), Slots::OPEN);
        assert_eq!(read("ca. 10 bezoeken van 1,5 uur"), Slots::OPEN);
    }

    #[test]
    fn school_times() {
        assert_eq!(
            read("2x per week, na schooltijd"),
            slots(WEEKDAYS, AFTERNOON)
        );
        assert_eq!(
            read("als de kinderen op school zitten"),
            slots(WEEKDAYS, DAYTIME)
        );
    }

    #[test]
    fn loose_times_are_open() {
        assert!(read("in overleg").is_open());
        assert!(read("in overleg, ook in het weekend").is_open());
        assert!(read("morgen graag").is_open());
        assert!(read("mijn koffieochtend").is_open());
    }

    #[test]
    fn fit() {
        let weekend = read("heb alleen in het weekend tijd");
        assert_eq!(
            weekend.fit(read("1x per maand, zaterdagochtend")),
            Fit::Fits
        );
        assert_eq!(weekend.fit(read("doordeweeks, flexibel")), Fit::Clashes);
        assert_eq!(weekend.fit(read("in overleg")), Fit::Open);
        // One names only days, the other only a part of the day.
        assert_eq!(weekend.fit(read("1x per week, ochtend")), Fit::Open);
        let evening = read("heb vooral 's avonds tijd");
        assert_eq!(evening.fit(read("elke dinsdagavond")), Fit::Fits);
        assert_eq!(evening.fit(read("1x per week, ochtend")), Fit::Clashes);
    }
}
