//! CI and review workflow, end to end: output formats, baseline, safe fixes, suppression,
//! the `report` tools, completions and the man page.

mod common;

use std::fs;
use std::path::Path;

use common::{parse_report, transcheck};
use serde_json::Value;

const ARTICLE: &str = "The minister  said so .\nTalks in Кazakhstan resumed.\n";

/// A temporary folder holding `files`.
fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        let path = dir.path().join(name);
        fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        fs::write(path, text).expect("write");
    }
    dir
}

/// Runs `transcheck check --no-config --no-report ARGS` in `dir`: stdout, stderr, status.
fn check(dir: &Path, args: &[&str]) -> (String, String, i32) {
    let output = transcheck()
        .current_dir(dir)
        .args(["check", "--no-config", "--no-report"])
        .args(args)
        .output()
        .expect("runs");
    (
        String::from_utf8(output.stdout).expect("UTF-8"),
        String::from_utf8(output.stderr).expect("UTF-8"),
        output.status.code().expect("an exit code"),
    )
}

fn rules_of(rows: &[common::Row]) -> Vec<(&str, usize)> {
    rows.iter().map(|r| (r.rule.as_str(), r.line)).collect()
}

// ── formats ────────────────────────────────────────────────────────────────────────────

#[test]
fn json_is_one_document_with_findings_and_a_summary() {
    let dir = folder(&[("a.txt", ARTICLE), ("b.txt", "Clean text.\n")]);
    let (out, _, code) = check(dir.path(), &["-f", "json", "a.txt", "b.txt"]);
    assert_eq!(code, 1);
    let doc: Value = serde_json::from_str(&out).expect("one JSON document");
    let findings = doc["findings"].as_array().expect("an array");
    assert_eq!(findings.len(), 3);
    assert_eq!(findings[0]["rule"], "spacing.double-space");
    assert_eq!(findings[0]["line"], 1);
    assert_eq!(findings[0]["column"], 13);
    assert_eq!(findings[0]["suggestion"], " ");
    assert_eq!(findings[0]["fix"], true);
    let keys: Vec<&str> = findings[0]
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "file",
            "line",
            "column",
            "end_line",
            "end_column",
            "rule",
            "severity",
            "message",
            "found",
            "suggestion",
            "context",
            "fingerprint",
            "fix"
        ]
    );
    assert_eq!(
        doc["summary"],
        serde_json::json!({"files": 2, "findings": 3, "error": 1, "warning": 2, "info": 0, "fixes": 0})
    );
}

#[test]
fn json_without_findings_is_still_a_document() {
    let dir = folder(&[("a.txt", "Clean text.\n")]);
    let (out, _, code) = check(dir.path(), &["-f", "json", "a.txt"]);
    assert_eq!(code, 0);
    let doc: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(doc["findings"], serde_json::json!([]));
    assert_eq!(doc["summary"]["files"], 1);
}

#[test]
fn jsonl_is_one_finding_per_line() {
    let dir = folder(&[("a.txt", ARTICLE)]);
    let (out, _, _) = check(dir.path(), &["-f", "jsonl", "a.txt"]);
    let lines: Vec<Value> = out
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON object per line"))
        .collect();
    let rules: Vec<&str> = lines
        .iter()
        .map(|v| v["rule"].as_str().expect("rule"))
        .collect();
    assert_eq!(
        rules,
        [
            "spacing.double-space",
            "spacing.before-punctuation",
            "script.mixed-word"
        ]
    );
    assert_eq!(lines[2]["found"], "Кazakhstan");
    assert_eq!(lines[2]["suggestion"], "Kazakhstan");
}

/// Errors of validating `log` against the SARIF 2.1.0 schema kept in `tests/schemas`.
fn sarif_errors(log: &Value) -> Vec<String> {
    let schema_text =
        fs::read_to_string(common::root().join("tests/schemas/sarif-schema-2.1.0.json"))
            .expect("the schema is kept in tests/schemas");
    let schema: Value = serde_json::from_str(&schema_text).expect("the schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    validator.iter_errors(log).map(|e| e.to_string()).collect()
}

#[test]
fn sarif_of_the_samples_in_corpus_mode_is_valid() {
    let output = transcheck()
        .current_dir(common::root())
        .args([
            "check",
            "--no-config",
            "--no-report",
            "--corpus",
            "-f",
            "sarif",
            "samples",
        ])
        .output()
        .expect("runs");
    let log: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(sarif_errors(&log), Vec::<String>::new());
    let results = log["runs"][0]["results"].as_array().expect("results");
    assert!(results.iter().any(|r| r["ruleId"] == "names.variant"));
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(
        !sarif_errors(&broken).is_empty(),
        "the schema is really applied"
    );
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let dir = folder(&[("news/a b.txt", ARTICLE), ("c.md", "Said  so.\n")]);
    let (out, _, code) = check(dir.path(), &["-f", "sarif", "news", "c.md"]);
    assert_eq!(code, 1);
    let log: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(sarif_errors(&log), Vec::<String>::new());

    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "transcheck");
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), 4);
    let first = results
        .iter()
        .find(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "news/a%20b.txt"
        })
        .expect("a result for the file with a space in its name");
    assert_eq!(first["ruleId"], "spacing.double-space");
    assert_eq!(first["level"], "warning");
    let location = &first["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "news/a%20b.txt");
    assert_eq!(location["region"]["startLine"], 1);
    assert_eq!(location["region"]["startColumn"], 13);
    assert_eq!(location["region"]["endColumn"], 15);
    assert_eq!(
        first["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"],
        " "
    );
    let error = results
        .iter()
        .find(|r| r["level"] == "error")
        .expect("the Cyrillic letter is an error");
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let index = error["ruleIndex"].as_u64().expect("an index") as usize;
    assert_eq!(rules[index]["id"], "script.mixed-word");
}

const PERCENT_RULE: &str = r#"
[[rule]]
id = "house.percent"
kind = "pattern"
severity = "info"
message = "50% rule: write {found}, per cent"
pattern = 'per\n?cent'
examples = [
  { text = "Up 5 percent.", findings = 1 },
  { text = "Up 5 per cent.", findings = 0 },
]
"#;

#[test]
fn github_commands_escape_what_the_runner_requires() {
    let dir = folder(&[
        ("rules/house.toml", PERCENT_RULE),
        ("a,b:c.txt", "Prices rose 5 per\ncent.  Then fell.\n"),
    ]);
    let (out, _, code) = check(
        dir.path(),
        &[
            "-f",
            "github",
            "--rules",
            "rules",
            "--fail-on",
            "error",
            "a,b:c.txt",
        ],
    );
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "::notice file=a%2Cb%3Ac.txt,line=1,col=15,endLine=2,endColumn=5,title=house.percent::50%25 rule: write per%0Acent, per cent\n\
         ::warning file=a%2Cb%3Ac.txt,line=2,col=6,endLine=2,endColumn=8,title=spacing.double-space::Two or more spaces between words\n"
    );
}

// ── baseline ───────────────────────────────────────────────────────────────────────────

#[test]
fn a_baseline_hides_known_findings_until_their_text_is_edited() {
    let dir = folder(&[("a.txt", ARTICLE)]);
    let (_, _, code) = check(dir.path(), &["--write-baseline", "baseline.csv", "a.txt"]);
    assert_eq!(code, 1);
    let recorded =
        parse_report(&fs::read_to_string(dir.path().join("baseline.csv")).expect("written"));
    assert_eq!(recorded.len(), 3);

    let (out, err, code) = check(
        dir.path(),
        &["-f", "csv", "--baseline", "baseline.csv", "a.txt"],
    );
    assert_eq!(parse_report(&out), []);
    assert_eq!(code, 0);
    assert!(err.contains("3 in the baseline"), "{err}");

    fs::write(
        dir.path().join("a.txt"),
        format!("A new lead paragraph.\n\n{ARTICLE}"),
    )
    .expect("write");
    let (out, _, code) = check(
        dir.path(),
        &["-f", "csv", "--baseline", "baseline.csv", "a.txt"],
    );
    assert_eq!(
        parse_report(&out),
        [],
        "lines inserted above keep findings baselined"
    );
    assert_eq!(code, 0);

    let edited = format!(
        "A new lead paragraph.\n\n{}",
        ARTICLE.replace("said so .", "said it .")
    );
    fs::write(dir.path().join("a.txt"), edited).expect("write");
    let (out, _, code) = check(
        dir.path(),
        &["-f", "csv", "--baseline", "baseline.csv", "a.txt"],
    );
    let rows = parse_report(&out);
    assert_eq!(
        rules_of(&rows),
        [
            ("spacing.double-space", 3),
            ("spacing.before-punctuation", 3)
        ],
        "editing the flagged line brings its findings back"
    );
    assert_eq!(code, 1);
}

#[test]
fn a_baseline_saved_back_from_a_spreadsheet_still_works() {
    let dir = folder(&[("a.txt", "Growth of  -5 units.\n")]);
    check(dir.path(), &["--write-baseline", "b.csv", "a.txt"]);
    let original = parse_report(&fs::read_to_string(dir.path().join("b.csv")).expect("written"));
    assert_eq!(original.len(), 1);
    let row = &original[0];
    let saved = format!(
        "\u{feff}fingerprint;rule;file;line;column;end_line;end_column;severity;message;found;suggestion;context;reviewer\r\n\
         {};{};{};{};{};{};{};{};{};\"{}\";\"{}\";'{};yes\r\n",
        row.fingerprint.to_uppercase(),
        row.rule,
        row.file,
        row.line,
        row.column,
        row.end_line,
        row.end_column,
        row.severity,
        row.message,
        row.found,
        row.suggestion,
        row.context,
    );
    fs::write(dir.path().join("saved.csv"), saved).expect("write");
    let (out, _, code) = check(
        dir.path(),
        &["-f", "csv", "--baseline", "saved.csv", "a.txt"],
    );
    assert_eq!(parse_report(&out), []);
    assert_eq!(code, 0);
}

#[test]
fn a_baseline_that_is_not_a_report_is_refused() {
    let dir = folder(&[("a.txt", ARTICLE), ("other.csv", "name,score\nA,1\n")]);
    let (_, err, code) = check(dir.path(), &["--baseline", "other.csv", "a.txt"]);
    assert_eq!(code, 2);
    assert!(err.contains("other.csv: not a transcheck report"), "{err}");
}

// ── fixes ──────────────────────────────────────────────────────────────────────────────

#[test]
fn fix_applies_safe_fixes_in_place_and_a_second_run_changes_nothing() {
    let bom_article = format!("\u{feff}{ARTICLE}");
    let dir = folder(&[
        ("a.txt", ARTICLE),
        ("bom.txt", &bom_article),
        ("clean.txt", "Nothing to fix here.\n"),
        ("unsafe.txt", "He said ,,no.\n"),
    ]);
    let clean_modified = fs::metadata(dir.path().join("clean.txt"))
        .expect("stat")
        .modified()
        .expect("mtime");
    let (out, err, code) = check(dir.path(), &["-f", "csv", "--fix", "."]);
    assert_eq!(
        fs::read_to_string(dir.path().join("a.txt")).expect("read"),
        "The minister said so.\nTalks in Kazakhstan resumed.\n"
    );
    assert_eq!(
        fs::read(dir.path().join("bom.txt")).expect("read"),
        "\u{feff}The minister said so.\nTalks in Kazakhstan resumed.\n".as_bytes(),
        "the byte-order mark is kept"
    );
    assert_eq!(
        fs::metadata(dir.path().join("clean.txt"))
            .expect("stat")
            .modified()
            .expect("mtime"),
        clean_modified,
        "a file with nothing to fix is not rewritten"
    );
    let remaining = parse_report(&out);
    assert_eq!(
        rules_of(&remaining),
        [("punctuation.doubled", 1)],
        "what remains is reported"
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("1 finding (0 errors, 1 warning, 0 info) remaining after 7 fixes in 3 files"),
        "{err}"
    );

    let before: Vec<Vec<u8>> = ["a.txt", "bom.txt", "unsafe.txt"]
        .iter()
        .map(|f| fs::read(dir.path().join(f)).expect("read"))
        .collect();
    let (_, err, _) = check(dir.path(), &["--fix", "."]);
    let after: Vec<Vec<u8>> = ["a.txt", "bom.txt", "unsafe.txt"]
        .iter()
        .map(|f| fs::read(dir.path().join(f)).expect("read"))
        .collect();
    assert_eq!(before, after);
    assert!(err.contains("after 0 fixes in 0 files"), "{err}");
}

#[test]
fn diff_prints_the_fixes_and_writes_nothing() {
    let dir = folder(&[("a.txt", ARTICLE)]);
    let (out, err, _) = check(dir.path(), &["--diff", "a.txt"]);
    assert_eq!(
        out,
        "--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n-The minister  said so .\n-Talks in Кazakhstan resumed.\n+The minister said so.\n+Talks in Kazakhstan resumed.\n"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("a.txt")).expect("read"),
        ARTICLE
    );
    assert!(
        err.contains("3 fixes in 1 file shown as a diff, none applied"),
        "{err}"
    );
}

#[test]
fn fix_and_diff_exclude_each_other() {
    let dir = folder(&[("a.txt", ARTICLE)]);
    let (_, _, code) = check(dir.path(), &["--fix", "--diff", "a.txt"]);
    assert_eq!(code, 2);
}

// ── suppression ────────────────────────────────────────────────────────────────────────

#[test]
fn comments_in_markdown_and_html_disable_rules() {
    let markdown = "# Title\n\n\
        <!-- transcheck-disable-next-line spacing.double-space -->\n\
        One  two.\n\n\
        Three  four.\n\n\
        <!-- transcheck-disable spacing -->\n\
        Five  six .\n\n\
        <!-- transcheck-enable spacing -->\n\
        Seven  eight.\n";
    let html = "<p>Before  it.</p>\n\
        <!-- transcheck-disable -->\n\
        <p>Inside  it .</p>\n\
        <!-- transcheck-enable -->\n\
        <p>After  it.</p>\n";
    let dir = folder(&[("a.md", markdown), ("b.html", html)]);
    let (out, _, _) = check(dir.path(), &["-f", "csv", "a.md", "b.html"]);
    let rows = parse_report(&out);
    let found: Vec<(&str, &str, usize)> = rows
        .iter()
        .map(|r| (r.file.as_str(), r.rule.as_str(), r.line))
        .collect();
    assert_eq!(
        found,
        [
            ("a.md", "spacing.double-space", 6),
            ("a.md", "spacing.double-space", 12),
            ("b.html", "spacing.double-space", 1),
            ("b.html", "spacing.double-space", 5),
        ]
    );
}

#[test]
fn an_unknown_rule_in_a_comment_is_reported() {
    let dir = folder(&[(
        "a.md",
        "<!-- transcheck-disable spacing, speling -->\nOne  two.\n",
    )]);
    let (out, _, code) = check(dir.path(), &["-f", "csv", "a.md"]);
    let rows = parse_report(&out);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].rule, "suppression.unknown-rule");
    assert_eq!((rows[0].line, rows[0].column), (1, 34));
    assert_eq!(rows[0].found, "speling");
    assert_eq!(code, 1);
}

#[test]
fn per_file_ignores_in_the_configuration() {
    let config =
        "[per-file-ignores]\n\"drafts/**\" = [\"spacing\"]\n\"*.md\" = [\"script.mixed-word\"]\n";
    let dir = folder(&[
        ("transcheck.toml", config),
        ("./drafts/a.txt", ARTICLE),
        ("./news/a.txt", ARTICLE),
        ("./news/b.md", ARTICLE),
    ]);
    let output = transcheck()
        .current_dir(dir.path())
        .args(["check", "--no-report", "-f", "csv", "."])
        .output()
        .expect("runs");
    let rows = parse_report(&String::from_utf8_lossy(&output.stdout));
    let found: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r.file.as_str(), r.rule.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("./drafts/a.txt", "script.mixed-word"),
            ("./news/a.txt", "spacing.double-space"),
            ("./news/a.txt", "spacing.before-punctuation"),
            ("./news/a.txt", "script.mixed-word"),
            ("./news/b.md", "spacing.double-space"),
            ("./news/b.md", "spacing.before-punctuation"),
        ]
    );
}

#[test]
fn an_unknown_rule_in_per_file_ignores_is_an_error() {
    let config = "[per-file-ignores]\n\"drafts/**\" = [\"spaces\"]\n";
    let dir = folder(&[("transcheck.toml", config), ("a.txt", ARTICLE)]);
    let output = transcheck()
        .current_dir(dir.path())
        .args(["check", "--no-report", "a.txt"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains("unknown rule or category `spaces` in `per-file-ignores`"),
        "{err}"
    );
}

// ── report tools ───────────────────────────────────────────────────────────────────────

fn two_reports() -> tempfile::TempDir {
    let dir = folder(&[("a.txt", ARTICLE), ("b.txt", "One  two.\nThree  four.\n")]);
    check(
        dir.path(),
        &["--write-baseline", "old.csv", "a.txt", "b.txt"],
    );
    fs::write(
        dir.path().join("a.txt"),
        "The minister said so.\nTalks in Кazakhstan resumed.\n",
    )
    .expect("write");
    fs::write(
        dir.path().join("b.txt"),
        "One  two.\nThree  four.\nFive  six .\n",
    )
    .expect("write");
    check(
        dir.path(),
        &["--write-baseline", "new.csv", "a.txt", "b.txt"],
    );
    dir
}

fn report(dir: &Path, args: &[&str]) -> (String, String, i32) {
    let output = transcheck()
        .current_dir(dir)
        .arg("report")
        .args(args)
        .output()
        .expect("runs");
    (
        String::from_utf8(output.stdout).expect("UTF-8"),
        String::from_utf8(output.stderr).expect("UTF-8"),
        output.status.code().expect("an exit code"),
    )
}

#[test]
fn report_summary_counts_by_rule_severity_and_file() {
    let dir = two_reports();
    let (out, _, code) = report(dir.path(), &["summary", "new.csv"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "5 findings in 2 files

By severity
  error         1
  warning       4

By rule
  script.mixed-word                1
  spacing.before-punctuation       1
  spacing.double-space             3

By file
  a.txt       1
  b.txt       4

Files with most findings
  b.txt       4
  a.txt       1
"
    );
    let (out, _, _) = report(dir.path(), &["summary", "new.csv", "--format", "csv"]);
    assert_eq!(
        out,
        "group,key,count\r\ntotal,,5\r\nseverity,error,1\r\nseverity,warning,4\r\n\
         rule,script.mixed-word,1\r\nrule,spacing.before-punctuation,1\r\nrule,spacing.double-space,3\r\n\
         file,a.txt,1\r\nfile,b.txt,4\r\ntop-file,b.txt,4\r\ntop-file,a.txt,1\r\n"
    );
    let (out, _, _) = report(
        dir.path(),
        &["summary", "new.csv", "--format", "json", "--top", "1"],
    );
    let summary: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(summary["findings"], 5);
    assert_eq!(summary["by_rule"]["spacing.double-space"], 3);
    assert_eq!(
        summary["top_files"],
        serde_json::json!([{"file": "b.txt", "findings": 4}])
    );
}

#[test]
fn report_diff_sorts_findings_into_new_fixed_and_unchanged() {
    let dir = two_reports();
    let (out, _, code) = report(dir.path(), &["diff", "old.csv", "new.csv"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "2 new, 2 fixed, 3 unchanged");
    assert!(
        lines[1].starts_with("new    b.txt:3:5: warning[spacing.double-space]"),
        "{out}"
    );
    assert!(
        lines[2].starts_with("new    b.txt:3:10: warning[spacing.before-punctuation]"),
        "{out}"
    );
    assert!(
        lines[3].starts_with("fixed  a.txt:1:13: warning[spacing.double-space]"),
        "{out}"
    );
    assert!(
        lines[4].starts_with("fixed  a.txt:1:22: warning[spacing.before-punctuation]"),
        "{out}"
    );
    assert_eq!(lines.len(), 5);

    let (out, _, _) = report(dir.path(), &["diff", "old.csv", "new.csv", "-f", "json"]);
    let diff: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(
        diff["counts"],
        serde_json::json!({"new": 2, "fixed": 2, "unchanged": 3, "baselined": {"old": 0, "new": 0}})
    );
    assert_eq!(diff["new"][0]["line"], 3);

    let (out, _, _) = report(dir.path(), &["diff", "old.csv", "new.csv", "-f", "csv"]);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let statuses: Vec<String> = reader
        .records()
        .map(|r| r.expect("a row")[0].to_string())
        .collect();
    assert_eq!(
        statuses,
        [
            "new",
            "new",
            "fixed",
            "fixed",
            "unchanged",
            "unchanged",
            "unchanged"
        ]
    );
    assert!(out.starts_with("status,file,line,column,end_line,end_column,rule,"));
}

#[test]
fn report_tools_read_reports_saved_back_from_a_spreadsheet() {
    let dir = two_reports();
    let rows = parse_report(&fs::read_to_string(dir.path().join("new.csv")).expect("read"));
    let mut saved = String::from(
        "\u{feff}severity,fingerprint,rule,file,line,column,end_line,end_column,message,found,suggestion,context\r\n",
    );
    for row in &rows {
        saved.push_str(&format!(
            "{},{},{},{},{},{},{},{},{},\"{}\",\"{}\",'-{}\r\n",
            row.severity,
            row.fingerprint,
            row.rule,
            row.file,
            row.line,
            row.column,
            row.end_line,
            row.end_column,
            row.message,
            row.found,
            row.suggestion,
            row.context
        ));
    }
    fs::write(dir.path().join("saved.csv"), saved).expect("write");
    let (out, _, code) = report(dir.path(), &["diff", "new.csv", "saved.csv"]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().next(), Some("0 new, 0 fixed, 5 unchanged"));
}

#[test]
fn report_tools_refuse_files_that_are_not_reports() {
    let dir = folder(&[("scores.csv", "name,score\r\nA,1\r\n")]);
    for args in [
        &["summary", "scores.csv"][..],
        &["diff", "scores.csv", "scores.csv"],
    ] {
        let (out, err, code) = report(dir.path(), args);
        assert_eq!(code, 2);
        assert!(out.is_empty());
        assert!(
            err.contains("scores.csv: not a transcheck report (missing columns file, line"),
            "{err}"
        );
    }
    let (_, err, code) = report(dir.path(), &["summary", "missing.csv"]);
    assert_eq!(code, 2);
    assert!(err.contains("missing.csv: cannot read"), "{err}");
}

// ── feedback, integration ──────────────────────────────────────────────────────────────

#[test]
fn without_a_terminal_standard_error_has_only_the_summary_line() {
    let dir = folder(&[("a.txt", ARTICLE)]);
    let (_, err, _) = check(dir.path(), &["a.txt"]);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(
        lines[0].starts_with("Checked 1 file: 3 findings (1 error, 2 warnings, 0 info) ["),
        "{err}"
    );
}

#[test]
fn completions_and_man_page_come_from_the_command_line_definition() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let output = transcheck()
            .args(["completions", shell])
            .output()
            .expect("runs");
        assert!(output.status.success());
        let script = String::from_utf8_lossy(&output.stdout);
        assert!(script.contains("write-baseline"), "{shell}");
    }
    let output = transcheck().arg("man").output().expect("runs");
    assert!(output.status.success());
    let page = String::from_utf8_lossy(&output.stdout);
    assert!(page.contains(".TH transcheck"), "{page}");
    assert!(page.contains("report"));
}

#[test]
fn the_pre_commit_hooks_run_valid_command_lines() {
    use clap::Parser;
    let hooks = fs::read_to_string(common::root().join(".pre-commit-hooks.yaml")).expect("present");
    let entries: Vec<&str> = hooks
        .lines()
        .filter_map(|line| line.trim().strip_prefix("entry:"))
        .map(str::trim)
        .collect();
    assert_eq!(entries.len(), 2);
    for entry in entries {
        let mut words: Vec<&str> = entry.split_whitespace().collect();
        words.push("article.md");
        transcheck::cli::Cli::try_parse_from(&words).unwrap_or_else(|err| panic!("{entry}: {err}"));
    }
    for key in [
        "- id: transcheck",
        "language: rust",
        "types_or: [plain-text, markdown, html]",
    ] {
        assert!(hooks.contains(key), "{key}");
    }
}

#[test]
fn the_json_summary_counts_fixes_and_what_remains() {
    let dir = folder(&[("a.txt", "He said ,,no.  Then left.\n")]);
    let (out, _, _) = check(dir.path(), &["-f", "json", "--fix", "a.txt"]);
    let doc: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(doc["summary"]["fixes"], 2);
    assert_eq!(doc["summary"]["findings"], 1);
    assert_eq!(doc["findings"][0]["rule"], "punctuation.doubled");
    assert_eq!(
        doc["findings"][0]["column"], 8,
        "positions are those of the fixed file"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("a.txt")).expect("read"),
        "He said,,no. Then left.\n"
    );
}

#[test]
fn standard_input_is_never_fixed_in_place() {
    let output = transcheck()
        .args(["check", "--no-config", "--no-report", "--fix", "-"])
        .write_stdin("Read  from stdin.")
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains("standard input cannot be fixed in place"),
        "{err}"
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn unknown_rule_findings_can_be_ignored_per_file() {
    let config = "[per-file-ignores]\n\"legacy/**\" = [\"suppression\"]\n";
    let comment = "<!-- transcheck-disable speling -->\nText.\n";
    let dir = folder(&[
        ("transcheck.toml", config),
        ("legacy/a.md", comment),
        ("b.md", comment),
    ]);
    let output = transcheck()
        .current_dir(dir.path())
        .args(["check", "--no-report", "-f", "csv", "legacy/a.md", "b.md"])
        .output()
        .expect("runs");
    let rows = parse_report(&String::from_utf8_lossy(&output.stdout));
    let found: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r.file.as_str(), r.rule.as_str()))
        .collect();
    assert_eq!(found, [("b.md", "suppression.unknown-rule")]);
}

#[test]
fn a_baseline_written_while_fixing_records_what_remains() {
    let dir = folder(&[("a.txt", "He said ,,no.  Then left.\n")]);
    check(dir.path(), &["--fix", "--write-baseline", "b.csv", "a.txt"]);
    let recorded = parse_report(&fs::read_to_string(dir.path().join("b.csv")).expect("written"));
    assert_eq!(rules_of(&recorded), [("punctuation.doubled", 1)]);
    let (out, _, code) = check(dir.path(), &["-f", "csv", "--baseline", "b.csv", "a.txt"]);
    assert_eq!(parse_report(&out), []);
    assert_eq!(code, 0);
}
