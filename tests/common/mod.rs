//! Helpers shared by the integration tests: run the binary, read its CSV.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The `transcheck` binary built for the tests: the one program every suite runs.
pub fn binary() -> PathBuf {
    assert_cmd::cargo::cargo_bin("transcheck")
}

/// The `transcheck` binary, without colour (the configuration file is the test's choice).
pub fn transcheck() -> Command {
    let mut command = Command::cargo_bin("transcheck").expect("the binary is built");
    command.env("NO_COLOR", "1").env_remove("CLICOLOR_FORCE");
    command
}

/// The binary as a plain [`std::process::Command`], without colour, for the tests that
/// spawn it, wire its standard streams or run it under another program.
pub fn std_command() -> std::process::Command {
    let mut command = std::process::Command::new(binary());
    command.env("NO_COLOR", "1").env_remove("CLICOLOR_FORCE");
    command
}

/// What one run of the binary printed, and its exit code.
#[derive(Debug)]
pub struct Run {
    /// Standard output, decoded lossily.
    pub stdout: String,
    /// Standard error, decoded lossily.
    pub stderr: String,
    /// The exit code.
    pub code: i32,
}

/// Runs the binary with `args` in `dir` and returns what it printed and its exit code.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    let output = transcheck()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the binary runs");
    Run {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        code: output.status.code().expect("an exit code"),
    }
}

/// One row of a CSV report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub rule: String,
    pub severity: String,
    pub message: String,
    pub found: String,
    pub suggestion: String,
    pub context: String,
    pub fingerprint: String,
}

/// Parses a CSV report (with or without a byte-order mark), checking the header.
pub fn parse_report(text: &str) -> Vec<Row> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("a header row")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(
        header,
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
            "fingerprint"
        ]
    );
    reader
        .records()
        .map(|record| {
            let r = record.expect("a well-formed row");
            let number = |i: usize| r[i].parse::<usize>().expect("a number");
            Row {
                file: r[0].to_string(),
                line: number(1),
                column: number(2),
                end_line: number(3),
                end_column: number(4),
                rule: r[5].to_string(),
                severity: r[6].to_string(),
                message: r[7].to_string(),
                found: r[8].to_string(),
                suggestion: r[9].to_string(),
                context: r[10].to_string(),
                fingerprint: r[11].to_string(),
            }
        })
        .collect()
}

/// `(rule, line, column, found, suggestion)` of every row: what most tests pin.
pub fn summary(rows: &[Row]) -> Vec<(String, usize, usize, String, String)> {
    rows.iter()
        .map(|r| {
            (
                r.rule.clone(),
                r.line,
                r.column,
                r.found.clone(),
                r.suggestion.clone(),
            )
        })
        .collect()
}

/// Runs `check` with `args` in `dir`, CSV on standard output, no report file, and returns
/// the rows and the exit code.
pub fn check_csv(dir: &Path, args: &[&str]) -> (Vec<Row>, i32) {
    let output = transcheck()
        .current_dir(dir)
        .args(["check", "--no-config", "--no-report", "--format", "csv"])
        .args(args)
        .output()
        .expect("the binary runs");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
    (
        parse_report(&stdout),
        output.status.code().expect("an exit code"),
    )
}

/// Shorthand for building expected summary rows.
pub fn row(
    rule: &str,
    line: usize,
    column: usize,
    found: &str,
    suggestion: &str,
) -> (String, usize, usize, String, String) {
    (
        rule.to_string(),
        line,
        column,
        found.to_string(),
        suggestion.to_string(),
    )
}

/// The crate root, where `tests/fixtures` lives.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}
