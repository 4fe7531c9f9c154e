//! What the matching benches share: a small deterministic random generator and the
//! date they rank on. Included by each bench with `#[path]` (benches are separate
//! crates).

use chrono::NaiveDate;
use matching::AvailabilityGrid;
use uuid::Uuid;

/// xorshift64*: small, fast, deterministic.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }

    pub fn uuid(&mut self) -> Uuid {
        Uuid::from_u64_pair(self.next(), self.next())
    }

    /// Each slot set with probability `p`.
    pub fn grid(&mut self, p: f64) -> AvailabilityGrid {
        AvailabilityGrid(
            (0..21)
                .filter(|_| self.chance(p))
                .fold(0, |m, b| m | (1 << b)),
        )
    }
}

/// The day every bench ranks on.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).expect("valid date")
}
