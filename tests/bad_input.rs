//! Inputs that cannot be read get a clear message naming them; everything else is still
//! checked and reported, and the run exits 2. No input makes the binary panic.

mod common;

use std::fs;
use std::io::Write;

use common::{parse_report, transcheck};
use predicates::prelude::*;

fn folder_with(bad_name: &str, bad: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("good.txt"), "A  defect.\n").expect("write");
    fs::write(dir.path().join(bad_name), bad).expect("write");
    dir
}

/// Checks the folder and returns the exit code, the files in the report, and stderr.
fn check_folder(dir: &tempfile::TempDir) -> (i32, Vec<String>, String) {
    let output = transcheck()
        .current_dir(dir.path())
        .args(["check", "--no-config", "."])
        .output()
        .expect("runs");
    let report = fs::read_to_string(dir.path().join("reports/transcheck.csv")).expect("report");
    let files = parse_report(&report).into_iter().map(|r| r.file).collect();
    (
        output.status.code().expect("exit code"),
        files,
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn invalid_utf8_is_named_with_its_line_and_the_rest_is_checked() {
    let dir = folder_with("legacy.txt", b"First line\nVladimir Putin \xe2\x80 said\n");
    let (code, files, stderr) = check_folder(&dir);
    assert_eq!(code, 2);
    assert_eq!(files, ["./good.txt"]);
    assert!(
        stderr.contains("./legacy.txt: not valid UTF-8 (line 2, byte offset 26), skipped"),
        "{stderr}"
    );
    assert!(stderr.contains("1 file could not be read"), "{stderr}");
}

#[test]
fn binary_files_and_nul_bytes_are_refused() {
    for bytes in [&[0u8; 4096][..], b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"] {
        let dir = folder_with("image.txt", bytes);
        let (code, files, stderr) = check_folder(&dir);
        assert_eq!(code, 2);
        assert_eq!(files, ["./good.txt"]);
        assert!(
            stderr.contains("./image.txt: binary file (NUL byte at byte offset"),
            "{stderr}"
        );
    }
}

#[test]
fn utf16_is_refused_with_a_reason() {
    let dir = folder_with("wide.txt", b"\xff\xfeH\0i\0");
    let (code, _, stderr) = check_folder(&dir);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("./wide.txt: UTF-16 text is not supported"),
        "{stderr}"
    );
}

#[test]
fn a_missing_path_is_an_error_but_the_others_are_checked() {
    let dir = folder_with("other.txt", b"Fine.\n");
    transcheck()
        .current_dir(dir.path())
        .args([
            "check",
            "--no-config",
            "--no-report",
            "missing.txt",
            "good.txt",
        ])
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "good.txt:1:2: warning[spacing.double-space]",
        ))
        .stderr(predicate::str::contains("error: missing.txt: "));
}

#[test]
fn corpus_mode_without_a_temporary_folder_names_it_and_writes_no_report() {
    let dir = folder_with("other.txt", b"Fine.\n");
    let missing = dir.path().join("no-such-folder");
    transcheck()
        .current_dir(dir.path())
        .env("TMPDIR", &missing)
        .args(["check", "--no-config", "--corpus", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "error: corpus mode: cannot keep the first pass's findings in a temporary file in {}",
            missing.display()
        )));
    assert!(!dir.path().join("reports/transcheck.csv").exists());
}

#[test]
fn a_50_mb_single_line_is_checked_without_trouble() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("huge.txt");
    let mut file = fs::File::create(&path).expect("create");
    let chunk = "alpha beta gamma delta ".repeat(50);
    for i in 0..50_000 {
        file.write_all(chunk.as_bytes()).expect("write");
        if i % 10_000 == 0 {
            file.write_all(b"two  spaces ").expect("write");
        }
    }
    drop(file);
    let output = transcheck()
        .current_dir(dir.path())
        .args(["check", "--no-config", "huge.txt"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let report = fs::read_to_string(dir.path().join("reports/transcheck.csv")).expect("report");
    let rows = parse_report(&report);
    let rules: Vec<&str> = rows.iter().map(|r| r.rule.as_str()).collect();
    assert_eq!(rules[..5], ["spacing.double-space"; 5]);
    assert_eq!(rules[5..], ["spacing.trailing-whitespace"]);
    assert!(rows.iter().all(|r| r.line == 1));
    assert_eq!(rows[1].column, 10_001 * 1150 + 12 + 4);
    assert!(rows[1].context.len() < 100, "context stays short");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.lines().all(|line| line.chars().count() < 400),
        "excerpts stay short"
    );
}
