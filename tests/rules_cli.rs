//! `transcheck rules …` and rule files: listing, explaining, testing, and every kind of
//! broken rule file reported with its file, line and field, with nothing checked.

mod common;

use std::fs;
use std::path::Path;

use common::{check_csv, row, summary, transcheck};
use predicates::prelude::*;

fn rule_dir(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir(dir.path().join("house")).expect("mkdir");
    for (name, text) in files {
        fs::write(dir.path().join("house").join(name), text).expect("write");
    }
    fs::write(dir.path().join("article.txt"), "The Kiev office  opened.\n").expect("write");
    dir
}

/// Runs `check --rules house article.txt` in `dir`; returns the exit code, stdout, stderr.
fn check_with_rules(dir: &Path) -> (i32, String, String) {
    let output = transcheck()
        .current_dir(dir)
        .args([
            "check",
            "--no-config",
            "--no-report",
            "--rules",
            "house",
            "article.txt",
        ])
        .output()
        .expect("runs");
    (
        output.status.code().expect("exit code"),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

const GLOSSARY: &str = r#"
[[rule]]
id = "terms.house"
kind = "terms"
severity = "error"
message = "House style: `{suggestion}`, not `{found}`"
examples = [
  { text = "In Kiev today.", findings = 1, suggestions = ["Kyiv"] },
  { text = "In Kyiv today; the Kievan Rus.", findings = 0 },
]

[rule.terms]
Kiev = "Kyiv"
"Alma-Ata" = "Almaty"
"#;

#[test]
fn a_user_rule_folder_adds_rules_that_look_like_built_in_ones() {
    let dir = rule_dir(&[("glossary.toml", GLOSSARY)]);
    let (rows, code) = check_csv(dir.path(), &["--rules", "house", "article.txt"]);
    assert_eq!(
        summary(&rows),
        [
            row("terms.house", 1, 5, "Kiev", "Kyiv"),
            row("spacing.double-space", 1, 16, "  ", " "),
        ]
    );
    assert_eq!(rows[0].severity, "error");
    assert_eq!(rows[0].message, "House style: `Kyiv`, not `Kiev`");
    assert_eq!(code, 1);
}

#[test]
fn rules_list_shows_id_kind_severity_default_and_source() {
    let dir = rule_dir(&[("glossary.toml", GLOSSARY)]);
    transcheck()
        .current_dir(dir.path())
        .args(["rules", "list", "--no-config", "--rules", "house"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("ID "))
        .stdout(
            predicate::str::is_match(
                r"\nspacing\.double-space +pattern +warning +on +builtin:rules/spacing\.toml\n",
            )
            .expect("valid regex"),
        )
        .stdout(
            predicate::str::is_match(r"\nterms\.house +terms +error +on +house/glossary\.toml\n")
                .expect("valid regex"),
        );
}

#[test]
fn rules_explain_prints_what_why_and_examples() {
    transcheck()
        .args(["rules", "explain", "--no-config", "spacing.double-space"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "## What it flags\nTwo or more spaces between words",
        ))
        .stdout(predicate::str::contains("## Why\n"))
        .stdout(predicate::str::contains(
            "## Flagged\n  \"The minister  said it twice.\"",
        ))
        .stdout(predicate::str::contains("## Not flagged\n"));
    transcheck()
        .args(["rules", "explain", "--no-config", "spacing.nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown rule or category `spacing.nope`",
        ));
}

#[test]
fn rules_test_passes_on_the_built_in_pack() {
    transcheck()
        .args(["rules", "test", "--no-config"])
        .assert()
        .success()
        .stdout(predicate::str::contains("all passed"));
}

#[test]
fn rules_test_names_the_failing_rule_example_and_findings() {
    let broken = GLOSSARY.replace(
        r#"{ text = "In Kyiv today; the Kievan Rus.", findings = 0 }"#,
        r#"{ text = "Kiev and Kiev.", findings = 1 }"#,
    );
    let dir = rule_dir(&[("glossary.toml", &broken)]);
    transcheck()
        .current_dir(dir.path())
        .args(["rules", "test", "--no-config", "house"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "FAIL rule `terms.house`, example 2 (\"Kiev and Kiev.\"): expected 1 finding(s), found 2: [\"Kiev\", \"Kiev\"]",
        ))
        .stdout(predicate::str::contains("FAIL rule `terms.house`: no example of text it must not flag"))
        .stdout(predicate::str::contains("1 rules, 2 examples: 2 failed"));
}

/// Every broken rule file: exit 2, a message with file:line:column and the field, and no
/// findings printed.
#[test]
fn broken_rule_files_are_reported_with_file_line_and_field() {
    let cases = [
        (
            "syntax.toml",
            "[[rule]]\nid = \"x.y\"\nkind = \"pattern\nseverity = \"warning\"\n",
            "house/syntax.toml:3:",
            "",
        ),
        (
            "unknown-field.toml",
            "[[rule]]\nid = \"x.y\"\nkind = \"pattern\"\nseverity = \"warning\"\nmessage = \"m\"\npatern = 'a'\n",
            "house/unknown-field.toml:6:1: rule `x.y`: unknown field `patern`",
            "",
        ),
        (
            "unknown-kind.toml",
            "[[rule]]\nid = \"x.y\"\nkind = \"regex\"\nseverity = \"warning\"\nmessage = \"m\"\n",
            "house/unknown-kind.toml:3:8: rule `x.y`: field `kind`: unknown variant `regex`, expected one of `pattern`",
            "",
        ),
        (
            "bad-regex.toml",
            "[[rule]]\nid = \"x.y\"\nkind = \"pattern\"\nseverity = \"warning\"\nmessage = \"m\"\npattern = '(unclosed'\n",
            "house/bad-regex.toml:6:11: rule `x.y`: field `pattern`: invalid regex",
            "",
        ),
        (
            "bad-severity.toml",
            "[[rule]]\nid = \"x.y\"\nkind = \"pattern\"\nseverity = \"fatal\"\nmessage = \"m\"\npattern = 'a'\n",
            "house/bad-severity.toml:4:12: rule `x.y`: field `severity`: unknown variant `fatal`",
            "",
        ),
        (
            "bad-id.toml",
            "[[rule]]\nid = \"NoCategory\"\nkind = \"pattern\"\nseverity = \"info\"\nmessage = \"m\"\npattern = 'a'\n",
            "house/bad-id.toml:2:6: rule `NoCategory`: field `id`: expected `category.name`",
            "",
        ),
        (
            "duplicate.toml",
            "[[rule]]\nid = \"spacing.double-space\"\nkind = \"pattern\"\nseverity = \"info\"\nmessage = \"m\"\npattern = 'a'\n",
            "house/duplicate.toml:2:6: rule `spacing.double-space`: field `id`: duplicate id, first defined at builtin:rules/spacing.toml:",
            "",
        ),
        (
            "bad-group.toml",
            "[[rule]]\nid = \"x.y\"\nkind = \"pattern\"\nseverity = \"info\"\nmessage = \"m\"\npattern = '(a)'\nreport = 3\n",
            "house/bad-group.toml:7:10: rule `x.y`: field `report`: the pattern has no capture group 3",
            "",
        ),
        (
            "empty-glossary.toml",
            "[[rule]]\nid = \"terms.x\"\nkind = \"terms\"\nseverity = \"info\"\nmessage = \"m\"\n[rule.terms]\n",
            "house/empty-glossary.toml:",
            "field `terms`: the glossary is empty",
        ),
    ];
    for (name, text, expected, also) in cases {
        let dir = rule_dir(&[(name, text)]);
        let (code, stdout, stderr) = check_with_rules(dir.path());
        assert_eq!(code, 2, "{name}: {stderr}");
        assert!(
            stdout.is_empty(),
            "{name}: nothing is checked, got {stdout}"
        );
        assert!(
            stderr.contains(expected),
            "{name}: expected {expected:?} in {stderr}"
        );
        assert!(
            stderr.contains(also),
            "{name}: expected {also:?} in {stderr}"
        );
    }
}

#[test]
fn every_broken_file_is_reported_in_one_run() {
    let dir = rule_dir(&[
        ("a.toml", "[[rule]]\nid = \"x.a\"\n"),
        ("b.toml", "not toml at all ="),
    ]);
    let (code, _, stderr) = check_with_rules(dir.path());
    assert_eq!(code, 2);
    assert!(
        stderr.contains("house/a.toml:1:1: rule `x.a`: missing field `kind`"),
        "{stderr}"
    );
    assert!(stderr.contains("house/b.toml:1:"), "{stderr}");
}

#[test]
fn a_missing_or_empty_rule_folder_is_an_error() {
    let dir = rule_dir(&[]);
    let (code, _, stderr) = check_with_rules(dir.path());
    assert_eq!(code, 2);
    assert!(
        stderr.contains("house: no rule files (*.toml) in this folder"),
        "{stderr}"
    );
    transcheck()
        .current_dir(dir.path())
        .args(["check", "--no-config", "--rules", "nowhere", "article.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nowhere: cannot read rules"));
}

#[test]
fn consistency_rules_flag_the_minority_spelling() {
    let rule = r#"
[[rule]]
id = "house.email"
kind = "consistency"
severity = "warning"
message = "Spelling mixed in one article"
groups = [["email", "e-mail"]]
examples = [
  { text = "An e-mail, an email, another email.", findings = 1, found = ["e-mail"], suggestions = ["email"] },
  { text = "One e-mail and another e-mail.", findings = 0 },
]
"#;
    let dir = rule_dir(&[("consistency.toml", rule)]);
    fs::write(
        dir.path().join("article.txt"),
        "Send an E-mail.\n\nThe email arrived; the email was read.\n",
    )
    .expect("write");
    let (rows, _) = check_csv(dir.path(), &["--rules", "house", "article.txt"]);
    assert_eq!(
        summary(&rows),
        [row("house.email", 1, 9, "E-mail", "Email")]
    );
    assert_eq!(
        rows[0].message,
        "Spelling mixed in one article (`email` 2×, `e-mail` 1×)"
    );
}

#[test]
fn an_exception_with_a_group_vetoes_only_what_its_group_covers() {
    // The exception matches two codes and vetoes the second alone: the first, matched
    // as context, keeps its finding.
    let rule = r#"
[[rule]]
id = "house.code-glued"
kind = "pattern"
severity = "warning"
message = "Space before a code"
pattern = '\p{L}(XK-\d+)'
report = 1
exceptions = ['XK-\d+ (aXK-\d+)']
examples = [
  { text = "Model bXK-1 aXK-2.", findings = 1, found = ["XK-1"] },
  { text = "Model aXK-3.", findings = 1, found = ["XK-3"] },
]
"#;
    let dir = rule_dir(&[("codes.toml", rule)]);
    fs::write(
        dir.path().join("article.txt"),
        "Model bXK-1 aXK-2 and cXK-3.\n",
    )
    .expect("write");
    let (rows, _) = check_csv(
        dir.path(),
        &["--rules", "house", "--select", "house", "article.txt"],
    );
    assert_eq!(
        summary(&rows),
        [
            row("house.code-glued", 1, 8, "XK-1", ""),
            row("house.code-glued", 1, 24, "XK-3", ""),
        ]
    );
}

#[test]
fn opt_in_rules_run_when_a_selector_names_only_opt_in_rules() {
    let rules = r#"
[[rule]]
id = "house.passive"
kind = "pattern"
severity = "info"
message = "Passive voice"
enabled = false
pattern = '\bwas \w+ed\b'
examples = [
  { text = "It was signed.", findings = 1 },
  { text = "They signed it.", findings = 0 },
]

[[rule]]
id = "house.deal"
kind = "pattern"
severity = "info"
message = "The word deal"
pattern = '\bdeal\b'
examples = [
  { text = "The deal.", findings = 1 },
  { text = "The pact.", findings = 0 },
]

[[rule]]
id = "prefs.signed"
kind = "pattern"
severity = "info"
message = "The word signed"
enabled = false
pattern = '\bsigned\b'
examples = [
  { text = "It was signed.", findings = 1 },
  { text = "It was sealed.", findings = 0 },
]
"#;
    let dir = rule_dir(&[("opt-in.toml", rules)]);
    fs::write(dir.path().join("article.txt"), "The deal was signed.\n").expect("write");
    let rules = |select: &str| -> Vec<String> {
        check_csv(
            dir.path(),
            &["--rules", "house", "--select", select, "article.txt"],
        )
        .0
        .into_iter()
        .map(|r| r.rule)
        .collect()
    };
    assert_eq!(
        rules("house"),
        ["house.deal"],
        "a category with rules on by default leaves its opt-in rules off"
    );
    assert_eq!(rules("house.passive"), ["house.passive"]);
    assert_eq!(
        rules("prefs"),
        ["prefs.signed"],
        "a category of opt-in rules only switches them on"
    );
}
