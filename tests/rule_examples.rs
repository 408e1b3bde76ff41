//! Every built-in rule proves itself: its examples of text it flags and of look-alikes it
//! must leave alone all hold, and it explains itself.

use transcheck::rules::{RuleSet, run_examples};

#[test]
fn every_built_in_rule_passes_its_examples() {
    let set = RuleSet::load(true, &[]).expect("the built-in pack loads");
    assert!(!set.rules().is_empty());
    let failures: Vec<String> = set
        .rules()
        .iter()
        .flat_map(run_examples)
        .map(|failure| failure.to_string())
        .collect();
    assert!(
        failures.is_empty(),
        "failing examples:\n{}",
        failures.join("\n")
    );
}

#[test]
fn every_built_in_rule_explains_itself() {
    let set = RuleSet::load(true, &[]).expect("the built-in pack loads");
    for rule in set.rules() {
        assert!(
            !rule.meta.explain.trim().is_empty(),
            "rule `{}` has no explain text",
            rule.meta.id
        );
    }
}

/// A Unicode word boundary (`\b`) stops the lazy DFA the pattern rules share at the first
/// byte outside ASCII, so every such text falls back to a slower search; built-in
/// patterns and exceptions write the ASCII boundary `(?-u:\b)` instead, or match the
/// character before (an exception's first group then vetoes alone).
#[test]
fn no_built_in_regex_has_a_unicode_word_boundary() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let mut offenders = Vec::new();
    for entry in std::fs::read_dir(&folder).expect("rules/ is readable") {
        let path = entry.expect("a directory entry").path();
        let text = std::fs::read_to_string(&path).expect("a rule file is UTF-8");
        // Inside a list of regexes written one per line (`exceptions = [` … `]`).
        let mut in_regex_list = false;
        for (number, line) in text.lines().enumerate() {
            let starts_field = ["pattern", "patterns", "exceptions"]
                .iter()
                .any(|field| line.starts_with(&format!("{field} =")));
            if in_regex_list && line.starts_with(']') {
                in_regex_list = false;
            }
            let regex_field = starts_field || in_regex_list;
            if starts_field && line.trim_end().ends_with('[') {
                in_regex_list = true;
            }
            let unicode_boundary = line
                .match_indices(r"\b")
                .any(|(at, _)| !line[..at].ends_with("(?-u:"));
            if regex_field && unicode_boundary {
                offenders.push(format!("{}:{}", path.display(), number + 1));
            }
        }
    }
    assert!(offenders.is_empty(), "Unicode \\b in {offenders:?}");
}
