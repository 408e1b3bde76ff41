//! Every output, pinned byte for byte: each `--format`, the CSV report file, the review
//! page's data and corpus mode, on the shipped sample articles and on a fixture of tricky
//! text (CRLF and lone CR line ends, tabs, cells a spreadsheet would take for formulas,
//! quotes and commas inside fields, emoji, decomposed letters, entities, suppression
//! comments, hidden HTML in any case). Refactoring the engine or the writers must leave
//! every snapshot as it is (`tests/snapshots/`, reviewed).

mod common;

use common::{root, run_in};

/// Standard output of `check` on `paths` with `args` (no configuration, no report file).
fn stdout(args: &[&str], paths: &[&str]) -> String {
    let mut all = vec!["check", "--no-config", "--no-report"];
    all.extend_from_slice(args);
    all.extend_from_slice(paths);
    let run = run_in(root(), &all);
    assert_eq!(run.code, 1, "{}", run.stderr);
    visible(&run.stdout)
}

/// `text` with every carriage return shown as `\r`: snapshots compare line ends loosely,
/// and the CSV contract's CRLF (and a lone CR in a context) must not change either.
fn visible(text: &str) -> String {
    text.replace('\r', "\\r")
}

const SAMPLES: &[&str] = &["samples"];
const TRICKY: &[&str] = &["tests/fixtures/tricky"];

const FORMATS: [&str; 7] = ["text", "concise", "csv", "json", "jsonl", "sarif", "github"];

#[test]
fn every_format_on_the_samples() {
    for format in FORMATS {
        insta::assert_snapshot!(
            format!("samples_{format}"),
            stdout(&["--format", format], SAMPLES)
        );
    }
}

#[test]
fn every_format_on_tricky_text() {
    for format in FORMATS {
        insta::assert_snapshot!(
            format!("tricky_{format}"),
            stdout(&["--format", format], TRICKY)
        );
    }
}

#[test]
fn every_format_in_corpus_mode() {
    for format in FORMATS {
        insta::assert_snapshot!(
            format!("corpus_{format}"),
            stdout(
                &["--corpus", "--format", format],
                &["samples", "tests/fixtures/corpus", "tests/fixtures/tricky"]
            )
        );
    }
}

#[test]
fn the_report_file_and_the_review_page() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let report = dir.path().join("report.csv");
    let page = dir.path().join("review.html");
    let run = run_in(
        root(),
        &[
            "check",
            "--no-config",
            "--format",
            "concise",
            "-o",
            report.to_str().expect("a UTF-8 path"),
            "--html",
            page.to_str().expect("a UTF-8 path"),
            "samples",
            "tests/fixtures/tricky",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!(
        "report_file",
        visible(&std::fs::read_to_string(&report).expect("the report"))
    );
    insta::assert_snapshot!(
        "review_page",
        visible(&std::fs::read_to_string(&page).expect("the page"))
            .replace(dir.path().to_str().expect("a UTF-8 path"), "TMP")
    );
}

#[test]
fn the_report_tools_on_saved_reports() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let tmp = dir.path().to_str().expect("a UTF-8 path");
    let old = format!("{tmp}/old.csv");
    let new = format!("{tmp}/new.csv");
    for (report, paths) in [
        (&old, SAMPLES),
        (&new, &["samples", "tests/fixtures/tricky"][..]),
    ] {
        let mut args = vec!["check", "--no-config", "-o", report.as_str()];
        args.extend_from_slice(paths);
        assert_eq!(run_in(root(), &args).code, 1);
    }
    for format in ["text", "csv", "json"] {
        let summary = run_in(root(), &["report", "summary", "--format", format, &new]);
        assert_eq!(summary.code, 0, "{}", summary.stderr);
        insta::assert_snapshot!(
            format!("report_summary_{format}"),
            visible(&summary.stdout).replace(tmp, "TMP")
        );
        let diff = run_in(root(), &["report", "diff", "--format", format, &old, &new]);
        insta::assert_snapshot!(
            format!("report_diff_{format}"),
            visible(&diff.stdout).replace(tmp, "TMP")
        );
    }
}
