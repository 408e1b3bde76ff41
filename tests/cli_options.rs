//! What CI users and reviewers expect of the command line: `--format concise`, `--color`,
//! `--stdin-filename`, non-UTF-8 articles (`--encoding`, the configuration's `encoding`)
//! and `rules explain CATEGORY`.

mod common;

use std::fs;
use std::path::Path;

use common::transcheck;

/// A temporary folder holding `files`.
fn folder(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, bytes) in files {
        fs::write(dir.path().join(name), bytes).expect("write");
    }
    dir
}

/// Runs `transcheck check --no-report ARGS` in `dir` with `stdin`: stdout, stderr, status.
fn check(dir: &Path, args: &[&str], stdin: &str) -> (String, String, i32) {
    let output = transcheck()
        .current_dir(dir)
        .args(["check", "--no-report"])
        .args(args)
        .write_stdin(stdin)
        .output()
        .expect("runs");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        output.status.code().expect("an exit code"),
    )
}

const ARTICLE: &str = "The minister  said so .\nTalks in Кazakhstan resumed.\n";

#[test]
fn concise_is_one_line_per_finding() {
    let dir = folder(&[("a.txt", ARTICLE.as_bytes())]);
    let (out, _, code) = check(dir.path(), &["--no-config", "-f", "concise", "a.txt"], "");
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "a.txt:1:13: warning[spacing.double-space] Two or more spaces between words\n\
         a.txt:1:22: warning[spacing.before-punctuation] Space before punctuation\n\
         a.txt:2:10: error[script.mixed-word] Cyrillic look-alike letters in a Latin word\n"
    );
}

#[test]
fn color_always_and_never_win_over_the_environment() {
    let dir = folder(&[("a.txt", ARTICLE.as_bytes())]);
    let (out, _, _) = check(
        dir.path(),
        &["--no-config", "--color", "always", "a.txt"],
        "",
    );
    assert!(out.contains("\u{1b}["), "NO_COLOR is overridden: {out}");
    let output = transcheck()
        .current_dir(dir.path())
        .env("CLICOLOR_FORCE", "1")
        .env_remove("NO_COLOR")
        .args([
            "--color",
            "never",
            "check",
            "--no-config",
            "--no-report",
            "a.txt",
        ])
        .output()
        .expect("runs");
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(
        out.starts_with("a.txt:1:13: warning[spacing.double-space]"),
        "{out}"
    );
    assert!(!out.contains('\u{1b}'), "{out}");
    let (out, _, _) = check(dir.path(), &["--no-config", "a.txt"], "");
    assert!(!out.contains('\u{1b}'), "auto: a pipe gets no colour");
}

#[test]
fn stdin_filename_gives_standard_input_a_name_and_a_format() {
    let dir = folder(&[(
        "transcheck.toml",
        b"[per-file-ignores]\n\"drafts/*\" = [\"punctuation\"]\n",
    )]);
    let markdown = "Text  here.\n\n```\ncode  block\n```\n\nNot the the end.\n";
    let (out, err, code) = check(
        dir.path(),
        &["-f", "concise", "--stdin-filename", "news/a.md"],
        markdown,
    );
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        out,
        "news/a.md:1:5: warning[spacing.double-space] Two or more spaces between words\n\
         news/a.md:7:5: warning[punctuation.repeated-word] Repeated word `the the`\n"
    );
    // Per-file ignores match the name.
    let (out, _, _) = check(
        dir.path(),
        &["-f", "concise", "--stdin-filename", "drafts/a.md", "-"],
        markdown,
    );
    assert_eq!(
        out,
        "drafts/a.md:1:5: warning[spacing.double-space] Two or more spaces between words\n"
    );
    let (_, err, code) = check(
        dir.path(),
        &["--stdin-filename", "a.md", "other.txt"],
        markdown,
    );
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "error: --stdin-filename a.md names standard input, which is not read: add `-` to the \
         paths\n"
    );
}

/// A Russian sentence with a double space, in Windows-1251.
fn cp1251_article() -> (String, Vec<u8>) {
    let text = "Министр иностранных дел сказал  журналистам, что переговоры продолжатся.\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
    (text.to_string(), bytes.into_owned())
}

#[test]
fn a_legacy_encoding_is_named_and_then_read_with_positions_in_the_original_file() {
    let (text, bytes) = cp1251_article();
    let dir = folder(&[("ru.txt", &bytes), ("en.txt", b"Plain  English.\n")]);
    let args = ["--no-config", "-f", "concise", "--select", "spacing"];
    let (out, err, code) = check(dir.path(), &[&args[..], &["ru.txt", "en.txt"]].concat(), "");
    assert_eq!(code, 2);
    assert_eq!(
        out,
        "en.txt:1:6: warning[spacing.double-space] Two or more spaces between words\n"
    );
    assert_eq!(
        err.lines().next(),
        Some(
            "error: ru.txt: not valid UTF-8 (line 1, byte offset 0), skipped; it looks like \
             windows-1251: check it with --encoding windows-1251 (or `encoding = \
             \"windows-1251\"` in transcheck.toml), or convert it to UTF-8"
        )
    );

    let (out, err, code) = check(
        dir.path(),
        &[&args[..], &["--encoding", "cp1251", "ru.txt", "en.txt"]].concat(),
        "",
    );
    assert_eq!(code, 1, "{err}");
    let column = text.find("  ").map(|byte| text[..byte].chars().count() + 1);
    assert_eq!(column, Some(31));
    assert_eq!(
        out,
        "en.txt:1:6: warning[spacing.double-space] Two or more spaces between words\n\
         ru.txt:1:31: warning[spacing.double-space] Two or more spaces between words\n"
    );

    // The configuration's key does the same; --fix writes the file back in its encoding.
    fs::write(
        dir.path().join("transcheck.toml"),
        "encoding = \"windows-1251\"\n",
    )
    .expect("write");
    let (_, err, code) = check(dir.path(), &["--select", "spacing", "--fix", "ru.txt"], "");
    assert_eq!(code, 0, "{err}");
    let fixed_text = text.replace("  ", " ");
    let (fixed, _, _) = encoding_rs::WINDOWS_1251.encode(&fixed_text);
    assert_eq!(fs::read(dir.path().join("ru.txt")).expect("read"), &*fixed);

    fs::write(
        dir.path().join("transcheck.toml"),
        "encoding = \"cp-nonsense\"\n",
    )
    .expect("write");
    let (_, err, code) = check(dir.path(), &["ru.txt"], "");
    assert_eq!(code, 2);
    assert!(err.starts_with("error: "), "{err}");
    assert!(
        err.ends_with(
            "transcheck.toml: `encoding`: unknown encoding `cp-nonsense`; expected a WHATWG \
             label such as windows-1251, koi8-r, windows-1252 or iso-8859-2\n"
        ),
        "{err}"
    );
}

#[test]
fn rules_explain_a_category_lists_its_rules_one_line_each() {
    let output = transcheck()
        .args(["rules", "explain", "--no-config", "spacing"])
        .output()
        .expect("runs");
    assert!(output.status.success());
    let out = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "spacing: 10 rules; `transcheck rules explain ID` explains one"
    );
    assert_eq!(lines.len(), 11, "{out}");
    assert!(
        lines.contains(
            &"  spacing.double-space               warning, safe fix: Two or more spaces between words"
        ),
        "{out}"
    );
}
