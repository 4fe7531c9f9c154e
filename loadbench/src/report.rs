//! The figures: requests per second, latency percentiles and errors, per workload
//! and overall.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::Workload;

/// How a request ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    /// A 2xx answer.
    Ok,
    /// Any other status.
    Status(u16),
    /// No answer: connection refused or reset, or the timeout.
    Transport,
}

/// One measured request.
pub struct Sample {
    /// What it was.
    pub workload: Workload,
    /// From sending to the last byte of the answer.
    pub micros: u32,
    /// How it ended.
    pub outcome: Outcome,
}

/// The `p`-quantile (nearest rank) of sorted latencies, in milliseconds.
fn quantile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = (p * sorted.len() as f64).ceil() as usize;
    f64::from(sorted[rank.clamp(1, sorted.len()) - 1]) / 1000.0
}

fn errors(samples: &[&Sample]) -> String {
    let mut by: BTreeMap<Outcome, usize> = BTreeMap::new();
    for s in samples.iter().filter(|s| s.outcome != Outcome::Ok) {
        *by.entry(s.outcome).or_default() += 1;
    }
    if by.is_empty() {
        return "-".into();
    }
    by.into_iter()
        .map(|(o, n)| match o {
            Outcome::Status(code) => format!("{code}×{n}"),
            _ => format!("transport×{n}"),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn row(out: &mut String, name: &str, samples: &[&Sample], seconds: f64) {
    let mut micros: Vec<u32> = samples.iter().map(|s| s.micros).collect();
    micros.sort_unstable();
    let _ = writeln!(
        out,
        "{name:<8} {:>9} {:>9.0} {:>8.1} {:>8.1} {:>8.1}  {}",
        samples.len(),
        samples.len() as f64 / seconds,
        quantile(&micros, 0.50),
        quantile(&micros, 0.95),
        quantile(&micros, 0.99),
        errors(samples)
    );
}

/// The table of all samples over `seconds` measured.
pub fn table(samples: Vec<Sample>, seconds: f64) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<8} {:>9} {:>9} {:>8} {:>8} {:>8}  errors (status×count)",
        "workload", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms"
    );
    for w in Workload::ALL {
        let of: Vec<&Sample> = samples.iter().filter(|s| s.workload == w).collect();
        if !of.is_empty() {
            row(&mut out, w.name(), &of, seconds);
        }
    }
    let all: Vec<&Sample> = samples.iter().collect();
    row(&mut out, "all", &all, seconds);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_are_nearest_rank() {
        let sorted: Vec<u32> = (1..=100).map(|ms| ms * 1000).collect();
        assert_eq!(quantile(&sorted, 0.5), 50.0);
        assert_eq!(quantile(&sorted, 0.99), 99.0);
        assert_eq!(quantile(&[7000], 0.95), 7.0);
        assert_eq!(quantile(&[], 0.5), 0.0);
    }

    #[test]
    fn errors_are_counted_by_status() {
        let s = |outcome| Sample {
            workload: Workload::Search,
            micros: 1,
            outcome,
        };
        let samples = [
            s(Outcome::Ok),
            s(Outcome::Status(409)),
            s(Outcome::Status(409)),
            s(Outcome::Transport),
        ];
        let refs: Vec<&Sample> = samples.iter().collect();
        assert_eq!(errors(&refs), "409×2 transport×1");
    }
}
