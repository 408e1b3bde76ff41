//! Every typography rule of the built-in pack flags its own examples and leaves its
//! look-alikes alone (what `transcheck rules test` checks, as part of `cargo test`).

use transcheck::rules::{RuleSet, run_examples};

#[test]
fn typography_rules_pass_their_examples() {
    let rules = RuleSet::load(true, &[]).expect("the built-in pack is valid");
    let typography = [
        "quotes.",
        "script.",
        "unicode.",
        "numbers.",
        "punctuation.mixed-",
    ];
    let mut checked = 0;
    let mut failures = Vec::new();
    for rule in rules.rules() {
        if typography
            .iter()
            .any(|prefix| rule.meta.id.starts_with(prefix))
        {
            checked += 1;
            failures.extend(run_examples(rule).iter().map(ToString::to_string));
        }
    }
    assert_eq!(checked, 19, "every typography rule is in the pack");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
