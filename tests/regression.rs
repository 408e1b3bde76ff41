//! One test per rough edge a newcomer met in their first hour (issue 14), each pinning the
//! exact behaviour: exit status, message, rows.

mod common;

use std::fs;
use std::path::Path;

use common::{Run, parse_report, run_in, summary};

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

/// Runs transcheck with `args` in `dir`: stdout, stderr, exit status.
fn run(dir: &Path, args: &[&str]) -> (String, String, i32) {
    let Run {
        stdout,
        stderr,
        code,
    } = run_in(dir, args);
    (stdout, stderr, code)
}

/// The summary line: the last line of standard error, without its timing.
fn summary_line(stderr: &str) -> &str {
    let line = stderr.lines().last().unwrap_or_default();
    line.rsplit_once(" [").map_or(line, |(summary, _)| summary)
}

// 1 ─────────────────────────────────────────────────────────────────────────────────────

#[test]
fn a_missing_path_does_not_take_one_off_the_files_checked() {
    let dir = folder(&[("good.txt", "Fine text.\n"), ("bad.txt", "Two  spaces.\n")]);
    let (_, err, code) = run(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--no-report",
            "good.txt",
            "bad.txt",
            "nonexistent.txt",
        ],
    );
    assert_eq!(code, 2);
    assert!(err.starts_with("error: nonexistent.txt: "), "{err}");
    assert_eq!(
        summary_line(&err),
        "Checked 2 files: 1 finding (0 errors, 1 warning, 0 info); 1 file could not be read"
    );
    let (out, _, _) = run(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--no-report",
            "-f",
            "json",
            "good.txt",
            "nonexistent.txt",
        ],
    );
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(json["summary"]["files"], 1);
}

// 2 ─────────────────────────────────────────────────────────────────────────────────────

#[test]
fn every_problem_of_a_rule_file_is_reported_in_one_run() {
    let rules = "\
[[rule]]
id = \"house.kind\"
kind = \"regex\"
severity = \"warning\"
message = \"m\"

[[rule]]
id = \"house.severity\"
kind = \"pattern\"
severity = \"fatal\"
message = \"m\"
pattern = 'a'

[[rule]]
id = \"house.field\"
kind = \"pattern\"
severity = \"info\"
message = \"m\"
patern = 'a'
pattern = 'a'

[[rule]]
id = \"NoCategory\"
kind = \"pattern\"
severity = \"info\"
message = \"m\"
pattern = 'a'

[[rule]]
id = \"house.regex\"
kind = \"pattern\"
severity = \"info\"
message = \"m\"
pattern = '(unclosed'

[[rule]]
id = \"house.all\"
kind = \"pattern\"
severity = \"fatal\"
message = \"m\"
exceptoins = ['x']
pattern = '[z-a]'
";
    let dir = folder(&[("house/rules.toml", rules), ("a.txt", "Text.\n")]);
    let (out, err, code) = run(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--no-report",
            "-r",
            "house",
            "a.txt",
        ],
    );
    assert_eq!(code, 2);
    assert!(out.is_empty(), "nothing is checked: {out}");
    let lines: Vec<&str> = err.lines().filter(|l| l.starts_with("error: ")).collect();
    let expected = [
        "error: house/rules.toml:3:8: rule `house.kind`: field `kind`: unknown variant `regex`, expect",
        "error: house/rules.toml:10:12: rule `house.severity`: field `severity`: unknown variant `fatal`",
        "error: house/rules.toml:19:1: rule `house.field`: unknown field `patern`, expected one of `id`",
        "error: house/rules.toml:23:6: rule `NoCategory`: field `id`: expected `category.name` in lowerc",
        "error: house/rules.toml:34:11: rule `house.regex`: field `pattern`: invalid regex",
        "error: house/rules.toml:39:12: rule `house.all`: field `severity`: unknown variant `fatal`, exp",
        "error: house/rules.toml:41:1: rule `house.all`: unknown field `exceptoins`, expected one of `id",
        "error: house/rules.toml:42:11: rule `house.all`: field `pattern`: invalid regex",
    ];
    assert_eq!(lines.len(), expected.len(), "{err}");
    for (line, expected) in lines.iter().zip(expected) {
        assert!(
            line.starts_with(expected),
            "{line}\nshould start with\n{expected}"
        );
    }
}

// 3 ─────────────────────────────────────────────────────────────────────────────────────

#[test]
fn rules_test_and_check_load_rule_folders_alike() {
    let duplicate = "[[rule]]\nid = \"spacing.double-space\"\nkind = \"pattern\"\n\
                     severity = \"info\"\nmessage = \"m\"\npattern = 'a'\n\
                     examples = [{ text = \"a\", findings = 1 }, { text = \"b\", findings = 0 }]\n";
    let dir = folder(&[("house/dup.toml", duplicate), ("a.txt", "Text.\n")]);
    let expected = "error: house/dup.toml:2:6: rule `spacing.double-space`: field `id`: duplicate \
                    id, first defined at builtin:rules/spacing.toml:";
    let (_, err, code) = run(dir.path(), &["rules", "test", "--no-config", "house"]);
    assert_eq!(code, 2);
    assert!(err.starts_with(expected), "{err}");
    let (_, err, code) = run(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--no-report",
            "-r",
            "house",
            "a.txt",
        ],
    );
    assert_eq!(code, 2);
    assert!(err.starts_with(expected), "{err}");

    // A folder that is both configured and given is tested once, and only its rules are.
    let valid = duplicate.replace("spacing.double-space", "house.a");
    fs::write(dir.path().join("house/dup.toml"), valid).expect("write");
    fs::write(dir.path().join("transcheck.toml"), "rules = [\"house\"]\n").expect("write");
    let (out, err, code) = run(dir.path(), &["rules", "test", "house"]);
    assert_eq!(
        (out.as_str(), code),
        ("1 rules, 2 examples: all passed\n", 0),
        "{err}"
    );
}

// 4 ─────────────────────────────────────────────────────────────────────────────────────

#[test]
fn an_unknown_placeholder_in_a_message_is_a_rule_file_error() {
    let rule = |message: &str| {
        format!(
            "[[rule]]\nid = \"house.bad\"\nkind = \"pattern\"\nseverity = \"warning\"\n\
             message = \"{message}\"\npattern = 'Bad'\n"
        )
    };
    let dir = folder(&[
        ("house/r.toml", &rule("Bad {foundd}")),
        ("a.txt", "Bad text.\n"),
    ]);
    let (_, err, code) = run(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--no-report",
            "-r",
            "house",
            "a.txt",
        ],
    );
    assert_eq!(code, 2);
    assert_eq!(
        err.lines().next(),
        Some(
            "error: house/r.toml:5:11: rule `house.bad`: field `message`: unknown placeholder \
             `{foundd}`; a message may use {found} and {suggestion}"
        )
    );
    // Placeholders, and braces around no name, are fine.
    fs::write(
        dir.path().join("house/r.toml"),
        rule("Bad {found} {suggestion} {} { not one }"),
    )
    .expect("write");
    let (rows, code) = common::check_csv(dir.path(), &["-r", "house", "a.txt"]);
    assert_eq!(code, 1);
    assert_eq!(rows[0].message, "Bad Bad  {} { not one }");
}

// 5 ─────────────────────────────────────────────────────────────────────────────────────

#[test]
fn fixes_that_touch_one_spot_compose_in_one_run() {
    let dir = folder(&[("a.txt", "In 2021 ,up the rate.\n")]);
    let (_, err, code) = run(
        dir.path(),
        &["check", "--no-config", "--no-report", "--fix", "a.txt"],
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("a.txt")).expect("read"),
        "In 2021, up the rate.\n"
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        summary_line(&err),
        "Checked 1 file: 0 findings (0 errors, 0 warnings, 0 info) remaining after 2 fixes in 1 file"
    );
    let (_, err, code) = run(
        dir.path(),
        &["check", "--no-config", "--no-report", "a.txt"],
    );
    assert_eq!(code, 0, "{err}");
    let (out, _, _) = run(
        dir.path(),
        &["check", "--no-config", "--no-report", "--diff", "a.txt"],
    );
    assert_eq!(out, "", "nothing left to fix");
}

#[test]
fn the_pre_commit_fix_hook_leaves_nothing_half_fixed() {
    let hooks = fs::read_to_string(common::root().join(".pre-commit-hooks.yaml")).expect("present");
    let entry = hooks
        .lines()
        .filter_map(|line| line.trim().strip_prefix("entry:"))
        .map(str::trim)
        .find(|entry| entry.contains("--fix"))
        .expect("a fixing hook");
    let dir = folder(&[
        ("a.md", "In 2021 ,up the rate  rose ,said the bank .\n"),
        ("b.txt", "Talks in Кazakhstan ,then  Astana .\n"),
    ]);
    let words: Vec<&str> = entry.split_whitespace().skip(1).collect();
    let (_, err, code) = run(
        dir.path(),
        &[&words[..], &["--no-config", "a.md", "b.txt"]].concat(),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        fs::read_to_string(dir.path().join("a.md")).expect("read"),
        "In 2021, up the rate rose, said the bank.\n"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("b.txt")).expect("read"),
        "Talks in Kazakhstan, then Astana.\n"
    );
    // What pre-commit runs next time: nothing left to change.
    let (out, _, code) = run(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--no-report",
            "--diff",
            "a.md",
            "b.txt",
        ],
    );
    assert_eq!((out.as_str(), code), ("", 0));
}

// 6 ─────────────────────────────────────────────────────────────────────────────────────

#[test]
fn every_subcommand_has_a_manual_page_with_exit_status_and_configuration() {
    let dir = folder(&[]);
    for (words, title) in [
        (vec![], ".TH transcheck 1"),
        (vec!["check"], ".TH transcheck-check 1"),
        (vec!["rules", "test"], ".TH transcheck-rules-test 1"),
        (vec!["report", "diff"], ".TH transcheck-report-diff 1"),
    ] {
        let (page, err, code) = run(dir.path(), &[&["man"][..], &words].concat());
        assert_eq!(code, 0, "{err}");
        assert!(page.contains(&format!("\n{title} ")), "{page}");
        for section in [".SH OPTIONS", ".SH \"EXIT STATUS\"", ".SH CONFIGURATION"] {
            assert!(page.contains(section), "{words:?} lacks {section}: {page}");
        }
    }
    let (page, _, _) = run(dir.path(), &["man", "check"]);
    assert!(page.contains("\\-\\-fail\\-on"), "{page}");
    let (top, _, _) = run(dir.path(), &["man"]);
    assert!(top.contains("transcheck\\-check(1)"), "{top}");

    let (_, err, code) = run(dir.path(), &["man", "--out", "pages"]);
    assert_eq!(code, 0, "{err}");
    let mut pages: Vec<String> = fs::read_dir(dir.path().join("pages"))
        .expect("written")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    pages.sort();
    for page in [
        "transcheck.1",
        "transcheck-check.1",
        "transcheck-rules-explain.1",
        "transcheck-man.1",
    ] {
        assert!(pages.iter().any(|p| p == page), "{page} in {pages:?}");
    }
    assert!(
        err.starts_with(&format!("{} manual pages written to pages", pages.len())),
        "{err}"
    );

    let (_, err, code) = run(dir.path(), &["man", "chek"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("error: no manual page for `chek`; pages: check, rules, rules list,"),
        "{err}"
    );
}

// 7 ─────────────────────────────────────────────────────────────────────────────────────

#[test]
fn dash_as_report_path_writes_the_csv_report_to_standard_output() {
    let dir = folder(&[("a.txt", "Two  spaces.\n")]);
    let (out, err, code) = run(dir.path(), &["check", "--no-config", "-o", "-", "a.txt"]);
    assert_eq!(code, 1, "{err}");
    let rows = parse_report(&out);
    assert_eq!(
        summary(&rows),
        [common::row("spacing.double-space", 1, 4, "  ", " ")]
    );
    assert!(!dir.path().join("-").exists());
    assert!(!dir.path().join("reports").exists());
    assert!(
        summary_line(&err).ends_with("; report: standard output"),
        "{err}"
    );

    let (out, err, code) = run(
        dir.path(),
        &["check", "--no-config", "-o", "-", "-f", "json", "a.txt"],
    );
    assert_eq!((out.as_str(), code), ("", 2));
    assert_eq!(
        err,
        "error: `-o -` writes the CSV report to standard output, which --format json wants too; \
         write the report to a file, or leave --format out\n"
    );
    let (out, err, code) = run(
        dir.path(),
        &["check", "--no-config", "-o", "-", "--diff", "a.txt"],
    );
    assert_eq!((out.as_str(), code), ("", 2));
    assert_eq!(
        err,
        "error: `-o -` writes the CSV report to standard output, which --diff wants too; write \
         the report to a file\n"
    );
}

#[test]
fn a_report_path_under_a_file_says_so_and_the_run_still_ends_with_its_summary() {
    let dir = folder(&[("a.txt", "Two  spaces.\n"), ("plain", "a file")]);
    let (out, err, code) = run(
        dir.path(),
        &["check", "--no-config", "-o", "plain/sub/r.csv", "a.txt"],
    );
    assert_eq!(code, 2);
    assert!(
        out.contains("a.txt:1:4: warning[spacing.double-space]"),
        "{out}"
    );
    assert_eq!(
        err.lines().next(),
        Some("error: cannot write the report to plain/sub/r.csv: plain is a file, not a folder")
    );
    assert_eq!(
        summary_line(&err),
        "Checked 1 file: 1 finding (0 errors, 1 warning, 0 info); report not written"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_folder_that_takes_no_files_is_named_without_a_temporary_file_name() {
    let dir = folder(&[("a.txt", "Fine.\n")]);
    let (_, err, code) = run(
        dir.path(),
        &["check", "--no-config", "-o", "/proc/self/r.csv", "a.txt"],
    );
    assert_eq!(code, 2);
    let first = err.lines().next().unwrap_or_default();
    assert!(
        first.starts_with(
            "error: cannot write the report to /proc/self/r.csv: cannot create a file in the \
             folder /proc/self: "
        ),
        "{err}"
    );
    assert!(!err.contains(".transcheck-report"), "{err}");
    assert_eq!(
        summary_line(&err),
        "Checked 1 file: 0 findings (0 errors, 0 warnings, 0 info); report not written"
    );
}

// 8 ─────────────────────────────────────────────────────────────────────────────────────

#[test]
fn report_diff_told_the_baseline_counts_only_true_changes() {
    let dir = folder(&[("a.txt", "One  two.\n\nThree  four.\n")]);
    let check = |args: &[&str]| run(dir.path(), &[&["check", "--no-config"][..], args].concat());
    check(&["--write-baseline", "base.csv", "-o", "old.csv", "a.txt"]);
    // One baselined finding is fixed, one stays; a new one appears.
    fs::write(
        dir.path().join("a.txt"),
        "One two.\n\nThree  four.\n\nFive six .\n",
    )
    .expect("write");
    check(&["--baseline", "base.csv", "-o", "new.csv", "a.txt"]);
    let (out, _, code) = run(
        dir.path(),
        &[
            "report",
            "diff",
            "old.csv",
            "new.csv",
            "--baseline",
            "base.csv",
        ],
    );
    assert_eq!(code, 0);
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("1 new, 0 fixed, 0 unchanged"));
    assert_eq!(
        lines.next(),
        Some("left out, as the baseline holds them: 2 of the old report, 0 of the new")
    );
    assert!(lines.next().is_some_and(|l| l.starts_with("new    a.txt:5:9: warning[spacing.before-punctuation]")), "{out}");
    // Without the baseline, the hidden findings look fixed.
    let (out, _, _) = run(dir.path(), &["report", "diff", "old.csv", "new.csv"]);
    assert!(out.starts_with("1 new, 2 fixed, 0 unchanged\n"), "{out}");
    // The report's header stays the contract's twelve columns.
    let new = fs::read_to_string(dir.path().join("new.csv")).expect("read");
    assert!(new.starts_with("\u{feff}file,line,column,end_line,end_column,rule,severity,message,found,suggestion,context,fingerprint\r\n"));
}

// 9 ─────────────────────────────────────────────────────────────────────────────────────

#[test]
fn a_user_names_rule_replaces_the_built_in_one_with_its_glossary_and_message() {
    let glossary = "[[rule]]\nid = \"names.variant\"\nkind = \"names\"\nseverity = \"error\"\n\
                    message = \"House spelling\"\nnames = [\"Bakiev\"]\n\
                    examples = [{ text = \"Kurmanbek Bakiyev left. Bakiev stayed.\", findings = 1 }, \
                    { text = \"Nothing here.\", findings = 0 }]\n";
    let dir = folder(&[
        ("house/names.toml", glossary),
        (
            "a.txt",
            "Kurmanbek Bakiyev fled. Bakiyev wrote. Bakiev stayed.\n",
        ),
    ]);
    let (rows, code) = common::check_csv(dir.path(), &["-r", "house", "a.txt"]);
    assert_eq!(code, 1);
    assert_eq!(
        summary(&rows),
        [
            common::row("names.variant", 1, 11, "Bakiyev", "Bakiev"),
            common::row("names.variant", 1, 25, "Bakiyev", "Bakiev"),
        ]
    );
    assert_eq!(rows[0].severity, "error");
    assert_eq!(
        rows[0].message,
        "House spelling: `Bakiyev` is a different spelling of `Bakiev` (the glossary spelling, \
         used on line 1); forms: `Bakiyev` 2×, `Bakiev` 1×"
    );
    let (out, _, _) = run(dir.path(), &["rules", "list", "--no-config", "-r", "house"]);
    let names: Vec<&str> = out.lines().filter(|l| l.contains(" names ")).collect();
    assert_eq!(names.len(), 1, "{out}");
    assert!(names[0].ends_with("house/names.toml"), "{out}");

    // Under an id of its own it replaces the built-in rule all the same; a second one is
    // an error.
    fs::write(
        dir.path().join("house/names.toml"),
        glossary.replace("names.variant", "house.names"),
    )
    .expect("write");
    let (rows, _) = common::check_csv(dir.path(), &["-r", "house", "a.txt"]);
    assert_eq!(
        rows.iter().map(|r| r.rule.as_str()).collect::<Vec<_>>(),
        ["house.names", "house.names"]
    );
    fs::write(
        dir.path().join("house/more.toml"),
        glossary.replace("names.variant", "house.more"),
    )
    .expect("write");
    let (_, err, code) = run(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--no-report",
            "-r",
            "house",
            "a.txt",
        ],
    );
    assert_eq!(code, 2);
    assert!(err.starts_with("error: house/names.toml:2:6: rule `house.names`: field `kind`: a second `names` rule (the first is at house/more.toml:2:6)"), "{err}");
}

// 10 ────────────────────────────────────────────────────────────────────────────────────

#[test]
fn paths_that_hold_no_file_to_check_fail_unless_allowed() {
    let dir = folder(&[("empty/.keep", ""), ("images/photo.jpg", "not text")]);
    let (_, err, code) = run(
        dir.path(),
        &["check", "--no-config", "--no-report", "empty", "images"],
    );
    assert_eq!(code, 2);
    assert_eq!(
        err.lines().next(),
        Some(
            "error: no file was checked in empty, images: folders are searched for .txt .md \
             .markdown .html .htm .xlf .xliff files (more with `extensions` in transcheck.toml) \
             that no \
             .gitignore, hidden name or `exclude` leaves out; pass --allow-no-files if that is \
             expected"
        )
    );
    assert_eq!(
        summary_line(&err),
        "Checked 0 files: 0 findings (0 errors, 0 warnings, 0 info)"
    );
    let (_, err, code) = run(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--no-report",
            "--allow-no-files",
            "empty",
        ],
    );
    assert_eq!(code, 0, "{err}");
    // A file named on the command line is checked, whatever its extension.
    let (_, _, code) = run(
        dir.path(),
        &["check", "--no-config", "--no-report", "images/photo.jpg"],
    );
    assert_eq!(code, 0);
}
