//! The quality of `names.variant` on a labelled development set (`tests/names/*.toml`):
//! passages written for it, each with the exact findings expected (flagged text,
//! suggestion, severity). Precision and recall are printed and must both be at least 0.95.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use transcheck::document::Document;
use transcheck::engine::Engine;
use transcheck::rules::{RuleSet, Selection};

const THRESHOLD: f64 = 0.95;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Set {
    passage: Vec<Passage>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Passage {
    class: String,
    text: String,
    findings: Vec<Expected>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    found: String,
    suggestion: String,
    severity: String,
}

/// Every passage of the set, with the file it comes from.
fn passages() -> Vec<(String, Passage)> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/names");
    let mut files: Vec<_> = std::fs::read_dir(&folder)
        .expect("tests/names exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
        .iter()
        .flat_map(|path| {
            let text = std::fs::read_to_string(path).expect("readable set file");
            let set: Set =
                toml::from_str(&text).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
            let name = path
                .file_name()
                .expect("a file")
                .to_string_lossy()
                .into_owned();
            set.passage.into_iter().map(move |p| (name.clone(), p))
        })
        .collect()
}

fn names_engine() -> Engine {
    let rules = RuleSet::load(true, &[]).expect("the built-in pack is valid");
    let selection = Selection {
        select: vec!["names".to_string()],
        ..Selection::default()
    };
    Engine::new(
        selection
            .apply(rules.into_rules())
            .expect("names rules exist"),
    )
}

#[derive(Default)]
struct Score {
    passages: usize,
    true_positives: usize,
    false_positives: usize,
    false_negatives: usize,
}

impl Score {
    fn precision(&self) -> f64 {
        let reported = self.true_positives + self.false_positives;
        if reported == 0 {
            1.0
        } else {
            self.true_positives as f64 / reported as f64
        }
    }

    fn recall(&self) -> f64 {
        let expected = self.true_positives + self.false_negatives;
        if expected == 0 {
            1.0
        } else {
            self.true_positives as f64 / expected as f64
        }
    }
}

#[test]
fn precision_and_recall_on_the_labelled_set() {
    let engine = names_engine();
    let passages = passages();
    let mut total = Score::default();
    let mut by_class: BTreeMap<String, Score> = BTreeMap::new();
    let mut mistakes = Vec::new();
    for (file, passage) in &passages {
        let document = Document::from_text("passage", &passage.text);
        let mut actual: Vec<Expected> = engine
            .check(&document)
            .into_iter()
            .map(|f| Expected {
                found: f.found,
                suggestion: f.suggestion.unwrap_or_default(),
                severity: f.severity.to_string(),
            })
            .collect();
        let class = by_class.entry(passage.class.clone()).or_default();
        class.passages += 1;
        total.passages += 1;
        let mut missing = Vec::new();
        for expected in &passage.findings {
            match actual.iter().position(|a| a == expected) {
                Some(at) => {
                    actual.remove(at);
                    class.true_positives += 1;
                    total.true_positives += 1;
                }
                None => missing.push(expected.clone()),
            }
        }
        class.false_negatives += missing.len();
        total.false_negatives += missing.len();
        class.false_positives += actual.len();
        total.false_positives += actual.len();
        if !missing.is_empty() || !actual.is_empty() {
            mistakes.push(format!(
                "{file} [{}] {:?}\n    missing: {missing:?}\n    unexpected: {actual:?}",
                passage.class, passage.text
            ));
        }
    }
    println!("class                 passages  tp  fp  fn  precision  recall");
    for (name, score) in &by_class {
        println!(
            "{name:<20}  {:>8}  {:>2}  {:>2}  {:>2}  {:>9.3}  {:>6.3}",
            score.passages,
            score.true_positives,
            score.false_positives,
            score.false_negatives,
            score.precision(),
            score.recall()
        );
    }
    println!(
        "total: {} passages, {} expected findings; precision {:.3}, recall {:.3}",
        total.passages,
        total.true_positives + total.false_negatives,
        total.precision(),
        total.recall()
    );
    for mistake in &mistakes {
        println!("{mistake}");
    }
    assert!(passages.len() >= 60, "the set needs at least 60 passages");
    assert!(
        total.precision() >= THRESHOLD && total.recall() >= THRESHOLD,
        "precision {:.3} or recall {:.3} below {THRESHOLD}",
        total.precision(),
        total.recall()
    );
}

#[test]
fn every_class_of_the_issue_is_covered() {
    let classes: Vec<String> = passages().into_iter().map(|(_, p)| p.class).collect();
    for class in [
        "genitive",
        "dative",
        "instrumental",
        "prepositional",
        "possessive",
        "transliteration",
        "diacritics",
        "hyphen",
        "capitalisation",
        "near",
        "canonical",
        "demonym",
        "different-people",
        "look-alike",
        "sentence-initial",
        "months-days",
        "acronyms",
        "romanised-japanese",
        "romanised-chinese",
        "romanised-korean",
        "final-letter",
        "lowercase",
        "compound",
        "acronym",
        "lowercase-word",
        "common-word",
    ] {
        assert!(
            classes.iter().any(|c| c == class),
            "no passage of class {class}"
        );
    }
}
