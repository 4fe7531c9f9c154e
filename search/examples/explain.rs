//! Prints how the search reads a question: per word its stem, variants, compound
//! parts, needs and whether it is weak, and the side the wording names.
//! `cargo run -p search --example explain -- "ik zoek iemand voor mijn tuin"`

use search::{analyzer, intent, side_model, CompoundStrategy};

fn main() {
    let text = std::env::args().skip(1).collect::<Vec<_>>().join(" ");
    for w in analyzer::analyze_query(&text, CompoundStrategy::Decompound) {
        println!(
            "{:<16} stem {:<14} variants {:?} parts {:?} needs {:?} leads {:?} categories {:?}{}{}",
            w.surface,
            w.stem,
            w.variants,
            w.parts,
            w.concepts,
            w.leads,
            w.categories,
            if w.weak { " weak" } else { "" },
            if w.ends_phrase { " ends-phrase" } else { "" },
        );
    }
    let wording = intent::read(&text);
    println!(
        "left out, they only name the side: {:?}",
        wording.side_words
    );
    println!("sought kinds: {:?}", wording.kinds);
    // The learned reading is only asked when no phrase names a side, in a sentence
    // of one's own (intent.rs); its view is shown either way.
    let p = side_model::probabilities(&intent::words(&text));
    println!(
        "learned reading: help {:.2}, work {:.2}, either {:.2} (believed from {})",
        p[0],
        p[1],
        p[2],
        side_model::THRESHOLD
    );
}
