//! Trains the learned reading of the side a question is on ([`search::side_model`])
//! on `tests/sides/train-*.json` and writes `data/side-model.tsv`.
//! `cargo run --release -p search --example train_sides`
//!
//! The check sets (`tests/sides/check-*.json`) are never trained on.

use std::path::Path;

fn main() -> Result<(), String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (model, questions) = search::side_model::train_on_sets(&root.join("tests/sides"))?;
    let out = root.join("data/side-model.tsv");
    std::fs::write(&out, model.to_tsv()).map_err(|e| format!("{out:?}: {e}"))?;
    println!("{questions} questions -> {out:?}");
    Ok(())
}
