//! The labelled typography set: short passages with defects and look-alikes
//! (`tests/typography/*.toml`), each with the exact typography findings the built-in pack
//! must report. Any missed defect or any unexpected finding fails; precision and recall are
//! printed (`cargo test --test typography_precision -- --nocapture`).

use std::path::Path;

use serde::Deserialize;
use transcheck::document::Document;
use transcheck::engine::Engine;
use transcheck::rules::{RuleSet, Selection};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    passage: Vec<Passage>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Passage {
    text: String,
    findings: Vec<Expected>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    rule: String,
    found: String,
    #[serde(default)]
    suggestion: Option<String>,
}

/// The rules this set measures: the typography detectors and conventions.
fn is_typography(rule: &str) -> bool {
    [
        "quotes.",
        "script.",
        "unicode.",
        "numbers.",
        "style.",
        "conventions.",
    ]
    .iter()
    .any(|category| rule.starts_with(category))
}

fn passages() -> Vec<(String, Passage)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/typography");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/typography exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    let mut passages = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).expect("readable passage file");
        let file: File =
            toml::from_str(&text).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
        let name = path.file_name().expect("a file name").to_string_lossy();
        passages.extend(
            file.passage
                .into_iter()
                .enumerate()
                .map(|(i, p)| (format!("{name} #{}", i + 1), p)),
        );
    }
    passages
}

#[test]
fn typography_findings_are_exact_on_the_labelled_set() {
    let rules = RuleSet::load(true, &[]).expect("the built-in pack is valid");
    let rules = Selection::default()
        .apply(rules.into_rules())
        .expect("the default selection is valid");
    let engine = Engine::new(rules);
    let passages = passages();
    let defects = passages
        .iter()
        .filter(|(_, p)| !p.findings.is_empty())
        .count();
    let lookalikes = passages.len() - defects;
    let (mut true_positives, mut missed, mut unexpected) = (0u32, 0u32, 0u32);
    let mut failures = Vec::new();
    for (name, passage) in &passages {
        let document = Document::from_text("passage.txt", &passage.text);
        let mut actual: Vec<Expected> = engine
            .check(&document)
            .into_iter()
            .filter(|f| is_typography(&f.rule))
            .map(|f| Expected {
                rule: f.rule,
                found: f.found,
                suggestion: f.suggestion,
            })
            .collect();
        let mut lost = Vec::new();
        for expected in &passage.findings {
            match actual.iter().position(|a| a == expected) {
                Some(index) => {
                    actual.remove(index);
                    true_positives += 1;
                }
                None => lost.push(expected.clone()),
            }
        }
        missed += u32::try_from(lost.len()).expect("few findings");
        unexpected += u32::try_from(actual.len()).expect("few findings");
        if !lost.is_empty() || !actual.is_empty() {
            failures.push(format!(
                "{name} {:?}\n  missed: {lost:?}\n  unexpected: {actual:?}",
                passage.text
            ));
        }
    }
    let precision = f64::from(true_positives) / f64::from((true_positives + unexpected).max(1));
    let recall = f64::from(true_positives) / f64::from((true_positives + missed).max(1));
    println!(
        "typography set: {} passages ({defects} with defects, {lookalikes} look-alikes); \
         {true_positives} found, {missed} missed, {unexpected} unexpected; \
         precision {precision:.3}, recall {recall:.3}",
        passages.len()
    );
    assert!(
        defects >= 20 && lookalikes >= 20,
        "the set needs 20 of each side"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
