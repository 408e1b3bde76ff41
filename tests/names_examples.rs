//! The examples of the built-in `names` rules: each flags what it says and leaves its
//! look-alikes alone.

use transcheck::rules::{RuleSet, run_examples};

#[test]
fn built_in_names_rules_pass_their_examples() {
    let rules = RuleSet::load(true, &[]).expect("the built-in pack is valid");
    let names: Vec<_> = rules
        .rules()
        .iter()
        .filter(|rule| rule.meta.category() == "names")
        .collect();
    assert!(!names.is_empty());
    let failures: Vec<String> = names
        .iter()
        .flat_map(|rule| run_examples(rule))
        .map(|failure| failure.to_string())
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
}
