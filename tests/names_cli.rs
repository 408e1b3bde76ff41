//! The `names.variant` rule through the binary: corpus mode over a folder of short articles
//! (the real sample article is checked in `shared_data.rs`).

mod common;

use common::{check_csv, root, transcheck};

/// The CSV rows the binary prints for `args`, as `[line, column, found, suggestion,
/// severity, file]`.
fn rows(args: &[&str]) -> Vec<[String; 6]> {
    let mut all = vec!["--select", "names"];
    all.extend_from_slice(args);
    check_csv(root(), &all)
        .0
        .into_iter()
        .map(|r| {
            [
                r.line.to_string(),
                r.column.to_string(),
                r.found,
                r.suggestion,
                r.severity,
                r.file,
            ]
        })
        .collect()
}

#[track_caller]
fn assert_rows(actual: Vec<[String; 6]>, expected: &[[&str; 6]]) {
    let expected: Vec<[String; 6]> = expected.iter().map(|r| r.map(str::to_string)).collect();
    assert_eq!(actual, expected);
}

#[test]
fn corpus_mode_flags_the_spelling_of_a_minority_of_articles() {
    let corpus = "tests/fixtures/corpus";
    assert_rows(
        rows(&["--corpus", corpus]),
        &[[
            "2",
            "25",
            "Bakiev",
            "Bakiyev",
            "warning",
            "tests/fixtures/corpus/05-assets.txt",
        ]],
    );
}

#[test]
fn the_corpus_message_gives_the_article_counts() {
    let output = transcheck()
        .current_dir(root())
        .args([
            "check",
            "--no-report",
            "--no-config",
            "--corpus",
            "--select",
            "names",
        ])
        .arg("tests/fixtures/corpus")
        .output()
        .expect("the binary runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("`Bakiev` in 1 article, `Bakiyev` in 9 articles"),
        "{stdout}"
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn without_corpus_mode_each_article_is_consistent_on_its_own() {
    assert!(rows(&["tests/fixtures/corpus"]).is_empty());
}

#[test]
fn corpus_mode_with_one_thread_gives_the_same_findings() {
    let corpus = "tests/fixtures/corpus";
    assert_eq!(
        rows(&["--corpus", "-j", "1", corpus]),
        rows(&["--corpus", "-j", "4", corpus])
    );
}

/// Corpus mode reads a document a second time only when something needs its text (the
/// text output shows source lines; suppression comments are read from it): where no
/// spelling is in a minority, every output is the normal run's, comments honoured.
#[test]
fn corpus_mode_reports_what_a_normal_run_reports_without_minority_spellings() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(
        dir.path().join("a.md"),
        "Aidos  Ukibay spoke.\n\n\
         <!-- transcheck-disable-next-line spacing.double-space -->\n\
         He met Aidos  Ukibay.\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("b.txt"),
        "The  budget grew by 2,5 percent.\n",
    )
    .expect("write");
    let stdout = |format: &str, corpus: bool| {
        let output = transcheck()
            .current_dir(dir.path())
            .args(["check", "--no-report", "--no-config", "-f", format])
            .args(corpus.then_some("--corpus"))
            .arg(".")
            .output()
            .expect("the binary runs");
        assert_eq!(output.status.code(), Some(1), "{format}");
        String::from_utf8(output.stdout).expect("UTF-8")
    };
    for format in ["csv", "text", "json"] {
        assert_eq!(stdout(format, true), stdout(format, false), "{format}");
    }
    let text = stdout("text", true);
    assert!(text.contains("1 | Aidos  Ukibay spoke."), "{text}");
    assert!(
        !text.contains("He met"),
        "the comment suppresses line 4: {text}"
    );
    let csv = stdout("csv", true);
    let found: Vec<&str> = csv.lines().skip(1).map(|row| &row[..12]).collect();
    assert_eq!(found, ["./a.md,1,6,1", "./b.txt,1,4,", "./b.txt,1,21"]);
}
