//! A learned reading of the side a question is on, for the questions whose
//! wording names none by a phrase of [`crate::intent`].
//!
//! The phrase lists are precise but only know the wordings someone wrote down:
//! on questions nobody tuned them against they read 63% of the questions that
//! tell their side (`tests/sides.rs`, the first check set, 2026-12-06; 69% with
//! this reading). People say the same thing in many
//! more ways (*opa van 75, nog goed ter been, ik zou graag af en toe voor een
//! eenzame leeftijdsgenoot een boodschapje doen*). So a multinomial logistic
//! regression over a question's words and word pairs, trained on questions
//! written and labelled by helper agents (`tests/sides/`), reads the rest, and is
//! only believed when it is sure ([`THRESHOLD`]): a wrong side buries what the
//! searcher wants. `examples/train_sides.rs` trains it and writes the weights to
//! `data/side-model.tsv`, which is compiled in.

use std::collections::HashMap;
use std::sync::LazyLock;

/// The side a question is on, labelled `help`, `work` or `either` in the training
/// and check sets. Declared in the order of the model's columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// Looks for someone who helps: offers.
    Help,
    /// Looks for something to do: requests and vacancies.
    Work,
    /// The words do not tell.
    Either,
}

impl Side {
    /// The three sides, in the order of the model's columns.
    pub const ALL: [Side; 3] = [Side::Help, Side::Work, Side::Either];

    /// The side's column in the model.
    fn column(self) -> usize {
        self as usize
    }
}

/// How sure the model must be of a side before the search believes it. In
/// leave-one-set-out tests on the first four training sets (2026-12-06, with
/// scikit-learn, before the model was kept to questions of one's own and 5+
/// words), 0.8 read 81% of the questions that tell their side (phrases and model
/// together) and 4.2% as the other side; 0.7 read 83% and 4.5% wrong.
pub const THRESHOLD: f64 = 0.8;

/// L2 penalty of the training as the inverse of its strength, as
/// scikit-learn's `C` (chosen in the same leave-one-set-out tests among 1, 3 and
/// 10).
pub const C: f64 = 3.0;

/// A feature is kept when at least this many training questions hold it.
pub const MIN_COUNT: usize = 2;

/// The words and the pairs of neighbouring words of a question (its words as
/// [`crate::intent::words`] reads them).
pub fn features(words: &[String]) -> Vec<String> {
    let mut out: Vec<String> = words.to_vec();
    out.extend(words.windows(2).map(|p| format!("{} {}", p[0], p[1])));
    out.sort_unstable();
    out.dedup();
    out
}

/// Weights per feature and side, and an intercept per side.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    intercept: [f64; 3],
    weights: HashMap<String, [f64; 3]>,
}

/// The model compiled into the search.
static MODEL: LazyLock<Model> = LazyLock::new(|| {
    Model::parse(include_str!("../data/side-model.tsv")).expect("data/side-model.tsv is valid")
});

/// The compiled model's probabilities of the three sides ([`Side::ALL`]) for
/// `words`.
pub fn probabilities(words: &[String]) -> [f64; 3] {
    MODEL.probabilities(&features(words))
}

/// The side the model reads in `words`, when it is at least [`THRESHOLD`] sure.
pub fn read(words: &[String]) -> Option<Side> {
    let p = probabilities(words);
    let (best, &prob) = p.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1))?;
    (prob >= THRESHOLD).then_some(Side::ALL[best])
}

impl Model {
    /// Probabilities of the three sides ([`Side::ALL`]) for a question's features.
    pub fn probabilities(&self, features: &[String]) -> [f64; 3] {
        softmax(logits(
            self.intercept,
            features.iter().filter_map(|f| self.weights.get(f)),
        ))
    }

    /// Trains on `(features, side)` pairs: the mean log loss plus `1 / (2 C n)`
    /// times the squared weights (intercepts free), minimised by full-batch
    /// gradient descent with Adam. Deterministic.
    pub fn train(examples: &[(Vec<String>, Side)], c: f64, min_count: usize) -> Model {
        let mut count: HashMap<&str, usize> = HashMap::new();
        for (fs, _) in examples {
            for f in fs {
                *count.entry(f.as_str()).or_default() += 1;
            }
        }
        let mut vocabulary: Vec<&str> = count
            .into_iter()
            .filter(|(_, n)| *n >= min_count)
            .map(|(f, _)| f)
            .collect();
        vocabulary.sort_unstable();
        let index: HashMap<&str, usize> = vocabulary
            .iter()
            .enumerate()
            .map(|(i, f)| (*f, i))
            .collect();
        let rows: Vec<(Vec<usize>, usize)> = examples
            .iter()
            .map(|(fs, side)| {
                let cols = fs.iter().filter_map(|f| index.get(f.as_str()).copied());
                (cols.collect(), side.column())
            })
            .collect();
        // Parameters: one row of three per feature, then the intercepts.
        let params = gradient_descent(&rows, vocabulary.len(), c);
        let n = vocabulary.len();
        Model {
            intercept: params[n],
            weights: vocabulary
                .iter()
                .enumerate()
                .map(|(i, f)| ((*f).to_owned(), params[i]))
                .collect(),
        }
    }

    /// The largest difference between a weight of this model and the same weight
    /// of `other` (a feature one of them lacks weighs nothing there).
    pub fn max_difference(&self, other: &Model) -> f64 {
        let weight = |m: &Model, f: &str| m.weights.get(f).copied().unwrap_or([0.0; 3]);
        let intercepts = (0..3).map(|k| (self.intercept[k] - other.intercept[k]).abs());
        let features = self
            .weights
            .keys()
            .chain(other.weights.keys())
            .flat_map(|f| {
                let (a, b) = (weight(self, f), weight(other, f));
                (0..3).map(move |k| (a[k] - b[k]).abs())
            });
        intercepts.chain(features).fold(0.0, f64::max)
    }

    /// The model as a tab-separated file: a header, the intercepts, then one
    /// feature per line with its weights for help, work and either.
    pub fn to_tsv(&self) -> String {
        let cell = |w: f64| {
            let text = format!("{w:.4}");
            if text == "-0.0000" {
                "0.0000".to_owned()
            } else {
                text
            }
        };
        let row = |w: &[f64; 3]| format!("{}\t{}\t{}", cell(w[0]), cell(w[1]), cell(w[2]));
        // A feature whose weights all round to nothing changes no reading.
        let mut features: Vec<(&String, &[f64; 3])> = self
            .weights
            .iter()
            .filter(|(_, w)| w.iter().any(|w| w.abs() >= 0.00005))
            .collect();
        features.sort_by(|a, b| a.0.cmp(b.0));
        let mut out = String::from(
            "# Side model (src/side_model.rs), written by examples/train_sides.rs: feature\thelp\twork\teither\n",
        );
        out.push_str(&format!("{INTERCEPT}\t{}\n", row(&self.intercept)));
        for (f, w) in features {
            out.push_str(&format!("{f}\t{}\n", row(w)));
        }
        out
    }

    /// Reads [`Model::to_tsv`]'s format.
    pub fn parse(text: &str) -> Result<Model, String> {
        let mut intercept = None;
        let mut weights = HashMap::new();
        for (n, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.starts_with('#'))
        {
            let mut cells = line.split('\t');
            let name = cells.next().unwrap_or_default();
            let w: Vec<f64> = cells
                .map(|c| c.parse::<f64>())
                .collect::<Result<_, _>>()
                .map_err(|e| format!("line {}: {e}", n + 1))?;
            let w: [f64; 3] = w
                .try_into()
                .map_err(|_| format!("line {}: three weights expected", n + 1))?;
            if name == INTERCEPT {
                intercept = Some(w);
            } else {
                weights.insert(name.to_owned(), w);
            }
        }
        Ok(Model {
            intercept: intercept.ok_or("no intercept line")?,
            weights,
        })
    }
}

/// One labelled question of a training set (`tests/sides/train-*.json`).
#[derive(serde::Deserialize)]
struct Labelled {
    q: String,
    seeks: Side,
}

/// Trains the model on the `train-*.json` files in `dir` (see
/// `examples/train_sides.rs`); also how many questions it read.
pub fn train_on_sets(dir: &std::path::Path) -> Result<(Model, usize), String> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{dir:?}: {e}"))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            name.starts_with("train-") && name.ends_with(".json")
        })
        .collect();
    paths.sort();
    let mut examples = Vec::new();
    for path in &paths {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{path:?}: {e}"))?;
        let questions: Vec<Labelled> =
            serde_json::from_str(&text).map_err(|e| format!("{path:?}: {e}"))?;
        for q in questions {
            examples.push((features(&crate::intent::words(&q.q)), q.seeks));
        }
    }
    Ok((Model::train(&examples, C, MIN_COUNT), examples.len()))
}

/// The name of the intercepts' line in the model file.
const INTERCEPT: &str = "(intercept)";

/// The intercepts plus the weights of a question's features, per side.
fn logits<'a>(intercept: [f64; 3], weights: impl IntoIterator<Item = &'a [f64; 3]>) -> [f64; 3] {
    let mut z = intercept;
    for w in weights {
        for (z, w) in z.iter_mut().zip(w) {
            *z += w;
        }
    }
    z
}

fn softmax(z: [f64; 3]) -> [f64; 3] {
    let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let e = z.map(|z| (z - max).exp());
    let sum: f64 = e.iter().sum();
    e.map(|e| e / sum)
}

/// Steps of the gradient descent and Adam's step size: enough for the loss to
/// settle on 2,040 questions (it changes by less than 1e-6 per step at the end).
const STEPS: usize = 3000;
const STEP_SIZE: f64 = 0.05;

/// One training question: the columns of its features and its side.
type Row = (Vec<usize>, usize);

/// Minimises the regularised mean log loss over `rows`; returns `features + 1`
/// rows of three weights, the last the intercepts.
fn gradient_descent(rows: &[Row], features: usize, c: f64) -> Vec<[f64; 3]> {
    let mut adam = Adam::new(features + 1);
    let mut w = vec![[0.0; 3]; features + 1];
    for _ in 0..STEPS {
        let grad = gradient(rows, &w, c);
        adam.step(&mut w, &grad);
    }
    w
}

/// The gradient of the mean log loss plus `|w|² / (2 C n)` (intercepts, the
/// last row, unpenalised).
fn gradient(rows: &[Row], w: &[[f64; 3]], c: f64) -> Vec<[f64; 3]> {
    let n = rows.len().max(1) as f64;
    let intercept = w.len() - 1;
    let mut grad = vec![[0.0; 3]; w.len()];
    for (cols, side) in rows {
        let p = softmax(logits(w[intercept], cols.iter().map(|&col| &w[col])));
        for (k, p) in p.iter().enumerate() {
            let g = (p - f64::from(u8::from(k == *side))) / n;
            grad[intercept][k] += g;
            for &col in cols {
                grad[col][k] += g;
            }
        }
    }
    for (g, w) in grad.iter_mut().zip(w).take(intercept) {
        for (g, w) in g.iter_mut().zip(w) {
            *g += w / (c * n);
        }
    }
    grad
}

/// Adam's moment estimates, one per weight.
struct Adam {
    step: i32,
    m: Vec<[f64; 3]>,
    v: Vec<[f64; 3]>,
}

impl Adam {
    const B1: f64 = 0.9;
    const B2: f64 = 0.999;
    const EPS: f64 = 1e-8;

    fn new(rows: usize) -> Adam {
        Adam {
            step: 0,
            m: vec![[0.0; 3]; rows],
            v: vec![[0.0; 3]; rows],
        }
    }

    fn step(&mut self, w: &mut [[f64; 3]], grad: &[[f64; 3]]) {
        self.step += 1;
        let c1 = 1.0 - Self::B1.powi(self.step);
        let c2 = 1.0 - Self::B2.powi(self.step);
        for (i, g) in grad.iter().enumerate() {
            for (k, g) in g.iter().enumerate() {
                let m = &mut self.m[i][k];
                let v = &mut self.v[i][k];
                *m = Self::B1 * *m + (1.0 - Self::B1) * g;
                *v = Self::B2 * *v + (1.0 - Self::B2) * g * g;
                w[i][k] -= STEP_SIZE * (*m / c1) / ((*v / c2).sqrt() + Self::EPS);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(q: &str) -> Vec<String> {
        q.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn features_are_the_words_and_their_neighbouring_pairs() {
        assert_eq!(
            features(&words("ik wil helpen")),
            ["helpen", "ik", "ik wil", "wil", "wil helpen"]
        );
    }

    #[test]
    fn a_trained_model_reads_its_examples_and_survives_its_file() {
        let examples: Vec<(Vec<String>, Side)> = [
            ("ik wil graag helpen", Side::Work),
            ("ik help graag mensen", Side::Work),
            ("wie kan mij helpen", Side::Help),
            ("wie helpt mij met de tuin", Side::Help),
            ("tuin", Side::Either),
            ("boodschappen", Side::Either),
        ]
        .iter()
        .map(|(q, s)| (features(&words(q)), *s))
        .collect();
        let model = Model::train(&examples, 10.0, 1);
        for (fs, side) in &examples {
            let p = model.probabilities(fs);
            let best = (0..3).max_by(|a, b| p[*a].total_cmp(&p[*b])).unwrap();
            assert_eq!(Side::ALL[best], *side, "{fs:?}: {p:?}");
        }
        let back = Model::parse(&model.to_tsv()).unwrap();
        let p = back.probabilities(&features(&words("wie kan mij helpen")));
        assert!(p[0] > 0.5, "{p:?}");
        assert!(Model::parse("x\t1\t2").is_err());
    }

    #[test]
    fn the_compiled_model_reads_sentences_the_phrases_do_not_know() {
        let read = |q: &str| read(&crate::intent::words(q));
        assert_eq!(
            read("ik zou graag af en toe boodschappen doen voor een oudere"),
            Some(Side::Work)
        );
        assert!(!matches!(
            read("boodschappen"),
            Some(Side::Help | Side::Work)
        ));
    }
}
