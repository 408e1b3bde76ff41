//! `transcheck.toml`: discovery, strictness, and layering under the command line.

mod common;

use std::fs;
use std::path::Path;

use common::{parse_report, run_in, transcheck};
use predicates::prelude::*;

const ARTICLE: &str = "The minister  said so .\n";

fn project(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("transcheck.toml"), config).expect("write");
    fs::create_dir_all(dir.path().join("desk/drafts")).expect("mkdir");
    fs::write(dir.path().join("desk/article.txt"), ARTICLE).expect("write");
    fs::write(dir.path().join("desk/drafts/draft.txt"), ARTICLE).expect("write");
    fs::write(dir.path().join("desk/notes.rst"), ARTICLE).expect("write");
    dir
}

/// Runs `check` in `cwd` with CSV on stdout and returns `(file, rule, severity)` rows and
/// the exit code.
fn run(cwd: &Path, args: &[&str]) -> (Vec<(String, String, String)>, i32) {
    let mut all = vec!["check", "--no-report", "-f", "csv"];
    all.extend_from_slice(args);
    let output = run_in(cwd, &all);
    let rows = parse_report(&output.stdout)
        .into_iter()
        .map(|r| (r.file, r.rule, r.severity))
        .collect();
    (rows, output.code)
}

fn rules_of(rows: &[(String, String, String)]) -> Vec<&str> {
    rows.iter().map(|(_, rule, _)| rule.as_str()).collect()
}

#[test]
fn the_config_is_found_in_a_parent_folder() {
    let dir = project("ignore = [\"spacing.double-space\"]\n");
    let (rows, _) = run(&dir.path().join("desk"), &["article.txt"]);
    assert_eq!(rules_of(&rows), ["spacing.before-punctuation"]);
    let (rows, _) = run(&dir.path().join("desk"), &["--no-config", "article.txt"]);
    assert_eq!(
        rules_of(&rows),
        ["spacing.double-space", "spacing.before-punctuation"]
    );
}

#[test]
fn unknown_keys_are_errors_with_their_position() {
    let dir = project("select = [\"spacing\"]\nselekt = [\"spacing\"]\n");
    transcheck()
        .current_dir(dir.path())
        .args(["check", "desk"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "transcheck.toml:2:1: unknown field `selekt`",
        ));
}

#[test]
fn flags_override_the_file_which_overrides_defaults() {
    let dir = project(
        "select = [\"spacing.double-space\"]\nfail-on = \"error\"\n\n[severity]\nspacing = \"info\"\n\"spacing.double-space\" = \"error\"\n",
    );
    let (rows, code) = run(dir.path(), &["desk/article.txt"]);
    assert_eq!(
        rows,
        [(
            "desk/article.txt".into(),
            "spacing.double-space".into(),
            "error".into()
        )]
    );
    assert_eq!(code, 1, "an error fails the run at fail-on = error");
    let (rows, code) = run(
        dir.path(),
        &[
            "--select",
            "spacing",
            "--fail-on",
            "warning",
            "desk/article.txt",
        ],
    );
    assert_eq!(
        rules_of(&rows),
        ["spacing.double-space", "spacing.before-punctuation"]
    );
    assert_eq!(
        rows[1].2, "info",
        "the category override applies to the rest"
    );
    assert_eq!(code, 1);
    let (rows, _) = run(
        dir.path(),
        &["--ignore", "spacing.double-space", "desk/article.txt"],
    );
    assert!(rows.is_empty(), "--ignore adds to the file's selection");
}

#[test]
fn globs_and_extensions_decide_which_walked_files_are_checked() {
    let files = |config: &str| -> Vec<String> {
        let dir = project(config);
        let (rows, _) = run(dir.path(), &["--select", "spacing.double-space", "."]);
        rows.into_iter().map(|(file, _, _)| file).collect()
    };
    let not_drafts = ["./desk/article.txt", "./desk/notes.rst"];
    assert_eq!(
        files("exclude = [\"drafts\"]\nextensions = [\"rst\"]\n"),
        not_drafts
    );
    assert_eq!(
        files("exclude = [\"desk/drafts/**\"]\nextensions = [\".RST\"]\n"),
        not_drafts
    );
    assert_eq!(
        files("exclude = [\"drafts/**\"]\nextensions = [\"rst\"]\n").len(),
        3,
        "a glob with a slash is anchored to the config's folder"
    );
    assert!(files("exclude = [\"*.txt\"]\n").is_empty());
    assert_eq!(
        files("include = [\"desk/drafts\"]\n"),
        ["./desk/drafts/draft.txt"]
    );
}

#[test]
fn rule_folders_and_report_paths_are_relative_to_the_config() {
    let dir = project("rules = [\"house\"]\nreport = \"out/report.csv\"\n");
    fs::create_dir(dir.path().join("house")).expect("mkdir");
    fs::write(
        dir.path().join("house/terms.toml"),
        "[[rule]]\nid = \"terms.house\"\nkind = \"terms\"\nseverity = \"warning\"\nmessage = \"House style\"\n[rule.terms]\nminister = \"secretary\"\n",
    )
    .expect("write");
    transcheck()
        .current_dir(dir.path().join("desk"))
        .args(["check", "article.txt"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("terms.house"));
    let report = fs::read_to_string(dir.path().join("out/report.csv")).expect("report");
    assert!(report.contains("terms.house"));
}

#[test]
fn an_explicit_config_file_is_used_and_must_exist() {
    let dir = project("");
    fs::write(
        dir.path().join("strict.toml"),
        "select = [\"spacing.before-punctuation\"]\n",
    )
    .expect("write");
    let (rows, _) = run(dir.path(), &["--config", "strict.toml", "desk/article.txt"]);
    assert_eq!(rules_of(&rows), ["spacing.before-punctuation"]);
    transcheck()
        .current_dir(dir.path())
        .args(["check", "--config", "missing.toml", "desk"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "missing.toml: cannot read configuration",
        ));
}
