//! `transcheck check`: inputs, formats, positions and the CSV report, end to end.

mod common;

use std::fs;

use common::{check_csv, parse_report, root, row, summary, transcheck};
use predicates::prelude::*;

#[test]
fn plain_text_findings_have_exact_positions_and_suggestions() {
    let (rows, code) = check_csv(root(), &["tests/fixtures/check/spacing.txt"]);
    assert_eq!(
        summary(&rows),
        [
            row("spacing.double-space", 1, 13, "  ", " "),
            row("spacing.before-punctuation", 1, 22, " ", ""),
            row("spacing.missing-after-punctuation", 2, 8, ",", ", "),
            row("spacing.after-opening-bracket", 2, 25, " ", ""),
        ]
    );
    assert_eq!(code, 1);
    let first = &rows[0];
    assert_eq!(first.file, "tests/fixtures/check/spacing.txt");
    assert_eq!((first.end_line, first.end_column), (1, 15));
    assert_eq!(first.severity, "warning");
    assert_eq!(first.message, "Two or more spaces between words");
    assert_eq!(first.context, "The minister  said so .");
}

#[test]
fn crlf_lines_and_non_ascii_columns_count_characters() {
    let (rows, _) = check_csv(root(), &["tests/fixtures/check/crlf.txt"]);
    assert_eq!(
        summary(&rows),
        [
            row("spacing.double-space", 1, 13, "  ", " "),
            row("spacing.trailing-whitespace", 2, 27, " ", ""),
            row("spacing.double-space", 3, 5, "  ", " "),
        ]
    );
}

#[test]
fn a_byte_order_mark_is_not_a_column() {
    let (rows, _) = check_csv(root(), &["tests/fixtures/check/bom.txt"]);
    assert_eq!(
        summary(&rows),
        [
            row("spacing.double-space", 1, 5, "  ", " "),
            row("spacing.before-punctuation", 1, 14, " ", ""),
        ]
    );
}

#[test]
fn markdown_code_links_comments_and_front_matter_are_never_flagged() {
    let (rows, _) = check_csv(root(), &["tests/fixtures/check/article.md"]);
    assert_eq!(
        summary(&rows),
        [
            row("spacing.double-space", 5, 4, "  ", " "),
            row("spacing.double-space", 7, 32, "  ", " "),
            row("spacing.double-space", 17, 11, "  ", " "),
            row("spacing.before-punctuation", 17, 18, " ", ""),
        ]
    );
}

#[test]
fn html_text_is_checked_with_positions_in_the_original_markup() {
    let (rows, _) = check_csv(root(), &["tests/fixtures/check/page.html"]);
    assert_eq!(
        summary(&rows),
        [
            row("spacing.double-space", 1, 21, "  ", " "),
            row("spacing.double-space", 2, 34, "  ", " "),
            row("spacing.before-punctuation", 2, 39, " ", ""),
        ]
    );
    assert_eq!(rows[1].context, "Tom’s  car ,");
    assert_eq!(rows[1].found, "  ");
}

#[test]
fn an_empty_file_is_fine() {
    let (rows, code) = check_csv(root(), &["tests/fixtures/check/empty.txt"]);
    assert!(rows.is_empty());
    assert_eq!(code, 0);
}

#[test]
fn standard_input_is_read_with_a_dash() {
    let output = transcheck()
        .args(["check", "--no-config", "--no-report", "-f", "csv", "-"])
        .write_stdin("Read from  stdin.")
        .output()
        .expect("runs");
    let rows = parse_report(&String::from_utf8_lossy(&output.stdout));
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].file, "<stdin>");
    assert_eq!((rows[0].line, rows[0].column), (1, 10));
}

#[test]
fn folders_are_walked_recursively_honouring_gitignore_and_hidden_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let base = dir.path();
    fs::create_dir_all(base.join("news/2024")).expect("mkdir");
    fs::create_dir_all(base.join(".drafts")).expect("mkdir");
    let defect = "Double  space.\n";
    for file in [
        "news/a.txt",
        "news/2024/b.md",
        "news/2024/c.html",
        "news/2024/d.htm",
        "news/e.markdown",
        "news/ignored.txt",
        "news/notes.rst",
        ".drafts/hidden.txt",
        ".hidden.txt",
    ] {
        fs::write(base.join(file), defect).expect("write");
    }
    fs::write(base.join(".gitignore"), "ignored.txt\n").expect("write");
    let (rows, _) = check_csv(base, &["."]);
    let files: Vec<&str> = rows.iter().map(|r| r.file.as_str()).collect();
    assert_eq!(
        files,
        [
            "./news/2024/b.md",
            "./news/2024/c.html",
            "./news/2024/d.htm",
            "./news/a.txt",
            "./news/e.markdown",
        ]
    );
    let (rows, _) = check_csv(base, &["news/notes.rst", "news/ignored.txt"]);
    assert_eq!(rows.len(), 2, "files named explicitly are always checked");
}

#[test]
fn no_path_means_the_working_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("a.txt"), "One  two.").expect("write");
    let (rows, _) = check_csv(dir.path(), &[]);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].file, "./a.txt");
}

#[test]
fn the_report_is_written_to_reports_by_default_and_its_folder_created() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("a.txt"), "One  two.\n=SUM(A1) - @x  y\n").expect("write");
    transcheck()
        .current_dir(dir.path())
        .args(["check", "--no-config", "a.txt"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "a.txt:1:4: warning[spacing.double-space]",
        ))
        .stderr(predicate::str::contains("report: reports/transcheck.csv"));
    let bytes = fs::read(dir.path().join("reports/transcheck.csv")).expect("report written");
    let text = String::from_utf8(bytes).expect("UTF-8");
    assert!(
        text.starts_with("\u{feff}file,line,column,"),
        "BOM and header first"
    );
    assert!(text.contains("\r\n"), "RFC 4180 line ends");
    let rows = parse_report(&text);
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[1].context, "'=SUM(A1) - @x  y",
        "formula-like cells are neutralised"
    );
    let leftovers: Vec<_> = fs::read_dir(dir.path().join("reports"))
        .expect("reports folder")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(
        leftovers,
        ["transcheck.csv"],
        "no temporary file is left behind"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(dir.path().join("reports/transcheck.csv"))
            .expect("report")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o644, "the report is readable by others");
    }
}

#[test]
fn report_path_and_no_report_flags() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("a.txt"), "One  two.").expect("write");
    transcheck()
        .current_dir(dir.path())
        .args(["check", "--no-config", "-o", "out/deep/r.csv", "a.txt"])
        .assert()
        .code(1);
    assert!(dir.path().join("out/deep/r.csv").is_file());
    transcheck()
        .current_dir(dir.path())
        .args(["check", "--no-config", "--no-report", "a.txt"])
        .assert()
        .code(1);
    assert!(!dir.path().join("reports").exists());
}

#[test]
fn csv_on_standard_output_matches_the_report_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("a.txt"), "One  two , three.").expect("write");
    let output = transcheck()
        .current_dir(dir.path())
        .args(["check", "--no-config", "-f", "csv", "a.txt"])
        .output()
        .expect("runs");
    let file = fs::read_to_string(dir.path().join("reports/transcheck.csv")).expect("report");
    assert_eq!(
        parse_report(&String::from_utf8_lossy(&output.stdout)),
        parse_report(&file)
    );
}

#[test]
fn standard_output_to_dev_null_changes_neither_report_nor_summary_nor_status() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("a.txt"), "One  two , three.").expect("write");
    let run = |stdout: std::process::Stdio, report: &str| {
        let output = common::std_command()
            .current_dir(dir.path())
            .args(["check", "--no-config", "-o", report, "a.txt"])
            .stdout(stdout)
            .output()
            .expect("runs");
        let report = fs::read_to_string(dir.path().join(report)).expect("report");
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
            report,
        )
    };
    let (null_code, null_summary, null_report) = run(std::process::Stdio::null(), "null.csv");
    let (piped_code, piped_summary, piped_report) = run(std::process::Stdio::piped(), "piped.csv");
    assert_eq!(null_code, Some(1));
    assert_eq!(null_code, piped_code);
    assert_eq!(parse_report(&null_report), parse_report(&piped_report));
    assert_eq!(parse_report(&null_report).len(), 2);
    // The summary names the report and the time taken; the rest is the same.
    let counts = |summary: &str| summary.split("; report").next().map(str::to_string);
    assert_eq!(counts(&null_summary), counts(&piped_summary));
    assert!(
        null_summary.starts_with("Checked 1 file: 2 findings"),
        "{null_summary}"
    );
}

#[test]
fn text_output_marks_the_flagged_text_and_gives_the_suggestion() {
    transcheck()
        .current_dir(root())
        .args(["check", "--no-config", "--no-report", "tests/fixtures/check/spacing.txt"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "tests/fixtures/check/spacing.txt:1:13: warning[spacing.double-space] Two or more spaces between words\n\
             1 | The minister  said so .\n  \
               |             ^^ help: replace with \" \"\n",
        ))
        .stdout(predicate::str::contains("\u{1b}[").not());
}

#[test]
fn colour_is_used_only_when_forced_or_on_a_terminal() {
    transcheck()
        .current_dir(root())
        .env_remove("NO_COLOR")
        .env("CLICOLOR_FORCE", "1")
        .args([
            "check",
            "--no-config",
            "--no-report",
            "tests/fixtures/check/spacing.txt",
        ])
        .assert()
        .stdout(predicate::str::contains("\u{1b}["));
}

#[test]
fn exit_codes_follow_fail_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("info.txt"), "Trailing space \nhere.").expect("write");
    let run = |args: &[&str]| {
        transcheck()
            .current_dir(dir.path())
            .args(["check", "--no-config", "--no-report", "info.txt"])
            .args(args)
            .output()
            .expect("runs")
            .status
            .code()
    };
    assert_eq!(run(&[]), Some(0), "info does not fail by default");
    assert_eq!(run(&["--fail-on", "info"]), Some(1));
    assert_eq!(run(&["--fail-on", "never"]), Some(0));
    assert_eq!(run(&["--fail-on", "bogus"]), Some(2));
}

#[test]
fn output_is_the_same_whatever_the_number_of_threads() {
    let dir = tempfile::tempdir().expect("temp dir");
    for i in 0..40 {
        fs::write(
            dir.path().join(format!("{i:02}.txt")),
            format!("Article {i}  has a defect ,and more.\n").repeat(i % 5 + 1),
        )
        .expect("write");
    }
    let one = check_csv(dir.path(), &["--jobs", "1", "."]);
    let four = check_csv(dir.path(), &["--jobs", "4", "."]);
    assert_eq!(one, four);
    assert_eq!(one.0.len(), (0..40).map(|i| 2 * (i % 5 + 1)).sum::<usize>());
}

#[test]
fn select_and_ignore_take_ids_and_categories() {
    let path = "tests/fixtures/check/spacing.txt";
    let rules = |args: &[&str]| -> Vec<String> {
        let mut all = vec![path];
        all.extend(args);
        check_csv(root(), &all)
            .0
            .into_iter()
            .map(|r| r.rule)
            .collect()
    };
    assert_eq!(
        rules(&["--select", "spacing.double-space"]),
        ["spacing.double-space"]
    );
    assert_eq!(
        rules(&[
            "--ignore",
            "spacing.double-space,spacing.missing-after-punctuation"
        ]),
        [
            "spacing.before-punctuation",
            "spacing.after-opening-bracket"
        ]
    );
    assert!(rules(&["--select", "punctuation"]).is_empty());
    let output = transcheck()
        .current_dir(root())
        .args([
            "check",
            "--no-config",
            "--no-report",
            "--select",
            "spacing.nope",
            path,
        ])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("unknown rule or category `spacing.nope`")
    );
}

#[test]
fn fingerprints_survive_lines_inserted_above() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("a.txt");
    fs::write(&file, "The minister  said so.\n").expect("write");
    let before = check_csv(dir.path(), &["a.txt"]).0;
    fs::write(&file, "A new first line.\n\nThe minister  said so.\n").expect("write");
    let after = check_csv(dir.path(), &["a.txt"]).0;
    assert_eq!(after[0].line, 3);
    assert_eq!(before[0].fingerprint, after[0].fingerprint);
    fs::write(&file, "The ministers  said so.\n").expect("write");
    let edited = check_csv(dir.path(), &["a.txt"]).0;
    assert_ne!(before[0].fingerprint, edited[0].fingerprint);
}
