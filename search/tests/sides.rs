//! The side the wording of a question names ([`search::intent`]), measured on
//! questions written by helper agents who never saw the phrase lists
//! (`tests/sides/`): each labelled by its writer as looking for someone who helps
//! (`help`: offers), for something to do (`work`: requests and vacancies), or as
//! not telling from its words alone (`either`). The phrases were tuned on the
//! `train-*.json` sets (first `train-a.json`), and the learned reading
//! ([`search::side_model`]) trained on all of them; the `check-*.json` sets are
//! only evaluated (totals). Run with
//! `--nocapture` to see the figures, and with `SIDES_MISSED=1` the questions of
//! the training sets read wrongly or not at all.

use std::path::Path;

use search::side_model::{self, Side};
use search::{intent, PostKind};
use serde::Deserialize;

#[derive(Deserialize)]
struct Question {
    group: String,
    q: String,
    seeks: Side,
}

/// The side the wording names: offers for `help`, requests or vacancies for
/// `work`, nothing for `either`.
fn read(q: &str) -> Side {
    let kinds = intent::read(q).kinds;
    if kinds.is_empty() {
        Side::Either
    } else if kinds.contains(&PostKind::Offer) {
        Side::Help
    } else {
        Side::Work
    }
}

#[derive(Debug, Default)]
struct Tally {
    /// Questions labelled `help` or `work`.
    sided: usize,
    /// Of those, read as their side.
    right: usize,
    /// Of those, read as the other side.
    wrong: usize,
    /// Questions labelled `either`.
    either: usize,
    /// Of those, given a side.
    either_sided: usize,
}

impl Tally {
    fn right_share(&self) -> f64 {
        self.right as f64 / self.sided.max(1) as f64
    }
    fn wrong_share(&self) -> f64 {
        self.wrong as f64 / self.sided.max(1) as f64
    }
    fn either_sided_share(&self) -> f64 {
        self.either_sided as f64 / self.either.max(1) as f64
    }
}

fn tally(file: &str, show_missed: bool) -> Tally {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/sides")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let questions: Vec<Question> =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    assert!(
        questions.len() >= 200,
        "{file}: {} questions",
        questions.len()
    );
    let mut t = Tally::default();
    for q in &questions {
        let got = read(&q.q);
        if q.seeks == Side::Either {
            t.either += 1;
            t.either_sided += usize::from(got != Side::Either);
        } else {
            t.sided += 1;
            t.right += usize::from(got == q.seeks);
            t.wrong += usize::from(got != q.seeks && got != Side::Either);
        }
        if show_missed && got != q.seeks {
            println!("{:?} read as {got:?} ({}): {}", q.seeks, q.group, q.q);
        }
    }
    println!(
        "{file}: {} questions with a side, {:.0}% read right, {:.1}% read as the other side; \
         {} without, {:.0}% given one",
        t.sided,
        100.0 * t.right_share(),
        100.0 * t.wrong_share(),
        t.either,
        100.0 * t.either_sided_share()
    );
    t
}

/// Floors per set: the least share of its questions with a side that are read as
/// their side, the most read as the other side, and the most of those that do not
/// tell their side that may be given one. A wrong side buries what the searcher
/// wants, so it must stay rare.
struct Floor {
    file: &'static str,
    right: f64,
    wrong: f64,
    either_sided: f64,
}

/// Measured on 2026-12-06 (the share read right; read as the other side):
/// `train-a.json` 64% before it was written (commit 4705e7b), 81% after tuning
/// the phrases on it, 84% with the learned reading (trained on it and six more
/// sets, on whose misread questions the phrases were later narrowed too);
/// `check-a.json`, never tuned or trained on, 59% at 4705e7b and 69% now (2.1%
/// wrong at both); `check-b.json`, written after the learned reading was built,
/// 62% and 73% (4.2% and 3.1% wrong; its writer calls more questions `either`
/// that read as a resident's: 25% given a side at both). Without the learned reading's
/// own-word rule (see `search/src/intent.rs`) the check sets read 74% and 78%,
/// but the tuning part's questions about someone else, written by people, lost.
/// 26 and 29 of the check sets' questions (of at most six words) are also in a
/// training set, word for word (*ik wil helpen*, *openstaande hulpvragen*).
/// Four more check sets, written in a later session: `check-c.json` 82% (2.4%
/// wrong), `check-d.json` (hurried phone typing) 79% (0.8%), `check-e.json`
/// (questions about someone else, on both sides) 73% (6.4%), `check-f.json` (the
/// side only implicit) 55% (5.2%).
const FLOORS: &[Floor] = &[
    Floor {
        file: "train-a.json",
        right: 0.82,
        wrong: 0.03,
        either_sided: 0.15,
    },
    Floor {
        file: "check-a.json",
        right: 0.67,
        wrong: 0.03,
        either_sided: 0.15,
    },
    Floor {
        file: "check-b.json",
        right: 0.71,
        wrong: 0.045,
        either_sided: 0.30,
    },
    Floor {
        file: "check-c.json",
        right: 0.79,
        wrong: 0.035,
        either_sided: 0.18,
    },
    Floor {
        file: "check-d.json",
        right: 0.77,
        wrong: 0.02,
        either_sided: 0.15,
    },
    Floor {
        file: "check-e.json",
        right: 0.71,
        wrong: 0.075,
        either_sided: 0.40,
    },
    Floor {
        file: "check-f.json",
        right: 0.53,
        wrong: 0.065,
        either_sided: 0.25,
    },
];

#[test]
fn the_wording_names_the_side_of_independently_written_questions() {
    let show = std::env::var_os("SIDES_MISSED").is_some();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sides");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".json"))
        .collect();
    files.sort();
    assert!(files.len() >= 8, "{files:?}");
    // Every set is reported; the floors hold for those in FLOORS.
    for file in &files {
        let t = tally(file, show && file.starts_with("train-"));
        let Some(f) = FLOORS.iter().find(|f| f.file == file) else {
            continue;
        };
        assert!(
            t.right_share() >= f.right,
            "{file}: {:.3} read right, below {}",
            t.right_share(),
            f.right
        );
        assert!(t.wrong_share() <= f.wrong, "{file}: {t:?}");
        assert!(t.either_sided_share() <= f.either_sided, "{file}: {t:?}");
    }
}

#[test]
fn the_compiled_model_is_the_one_the_training_sets_give() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (model, questions) = side_model::train_on_sets(&dir.join("tests/sides")).unwrap();
    assert!(questions >= 1000, "{questions} training questions");
    let text = std::fs::read_to_string(dir.join("data/side-model.tsv")).unwrap();
    let compiled = side_model::Model::parse(&text).unwrap();
    // Weights are written to four decimals; another platform's `exp` may move
    // the last of them.
    let difference = model.max_difference(&compiled);
    assert!(
        difference < 1e-3,
        "data/side-model.tsv is not what tests/sides/train-*.json give (a weight \
         differs by {difference}): run `cargo run --release -p search --example train_sides`"
    );
}
