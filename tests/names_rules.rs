//! A user's own `names` rule: the glossary of canonical spellings, the ignore list, the
//! thresholds, and errors that point at the offending parameter.

use transcheck::document::Document;
use transcheck::engine::Engine;
use transcheck::rules::RuleSet;

/// Loads one rule file written to a temporary folder (without the built-in pack).
fn load(rule: &str) -> Result<RuleSet, Vec<String>> {
    let folder = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(folder.path().join("house.toml"), rule).expect("writable");
    RuleSet::load(false, &[folder.path().to_path_buf()])
        .map_err(|errors| errors.iter().map(ToString::to_string).collect())
}

/// `(found, suggestion, severity)` of every finding of `rules` on `text`.
fn findings(rules: RuleSet, text: &str) -> Vec<(String, String, String)> {
    Engine::new(rules.into_rules())
        .check(&Document::from_text("t.txt", text))
        .into_iter()
        .map(|f| {
            (
                f.found,
                f.suggestion.unwrap_or_default(),
                f.severity.to_string(),
            )
        })
        .collect()
}

fn rule(parameters: &str) -> String {
    format!(
        "[[rule]]\nid = \"house.names\"\nkind = \"names\"\nseverity = \"warning\"\n\
         message = \"House spelling\"\n{parameters}\n\
         examples = [{{ text = \"Bakiev, Bakiyev, Kurmanbek Bakiyev.\", findings = 1 }}, \
         {{ text = \"Nothing here.\", findings = 0 }}]\n"
    )
}

#[test]
fn the_glossary_spelling_wins_over_the_one_introduced_with_a_given_name() {
    let rules = load(&rule("names = [\"Bakiev\"]")).expect("valid rule");
    assert_eq!(
        findings(
            rules,
            "Kurmanbek Bakiyev fled. Bakiyev wrote. Bakiev stayed."
        ),
        [
            ("Bakiyev".into(), "Bakiev".into(), "warning".into()),
            ("Bakiyev".into(), "Bakiev".into(), "warning".into()),
        ]
    );
}

#[test]
fn ignored_spellings_are_left_alone() {
    let rules = load(&rule("ignore = [\"Bakiev\"]")).expect("valid rule");
    assert!(findings(rules, "Kurmanbek Bakiyev fled. Bakiev stayed.").is_empty());
}

#[test]
fn near_spellings_can_be_turned_off() {
    let text = "Viktor Kazimirchuk left. Kazimirchyk returned.";
    let near = load(&rule("")).expect("valid rule");
    assert_eq!(
        findings(near, text),
        [("Kazimirchyk".into(), "Kazimirchuk".into(), "info".into())]
    );
    let off = load(&rule("near_distance = 0")).expect("valid rule");
    assert!(findings(off, text).is_empty());
}

#[test]
fn bad_thresholds_are_errors_at_their_line() {
    let errors = load(&rule("near_similarity = 1.5")).expect_err("invalid");
    assert_eq!(errors.len(), 1);
    assert!(errors[0].contains("house.toml:6:"), "{}", errors[0]);
    assert!(
        errors[0].contains("field `near_similarity`"),
        "{}",
        errors[0]
    );
    let errors = load(&rule("near_distance = 3")).expect_err("invalid");
    assert!(
        errors[0].contains("field `near_distance`: must be 0, 1 or 2"),
        "{}",
        errors[0]
    );
    let errors = load(&rule("corpus_ratio = 0.5")).expect_err("invalid");
    assert!(errors[0].contains("field `corpus_ratio`"), "{}", errors[0]);
    let errors = load(&rule("near_distanse = 1")).expect_err("invalid");
    assert!(errors[0].contains("near_distanse"), "{}", errors[0]);
}
