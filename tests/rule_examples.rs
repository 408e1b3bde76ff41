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
