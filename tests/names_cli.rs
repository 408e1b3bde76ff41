//! The `names.variant` rule through the binary: the real sample article, and corpus mode
//! over a folder of short articles.

use assert_cmd::Command;

/// The CSV rows the binary prints for `args`, as `[line, column, found, suggestion,
/// severity, file]`, without the header.
fn rows(args: &[&str]) -> Vec<[String; 6]> {
    let output = Command::cargo_bin("transcheck")
        .expect("the binary is built")
        .args([
            "check",
            "--no-report",
            "--no-config",
            "-f",
            "csv",
            "--select",
            "names",
        ])
        .args(args)
        .output()
        .expect("the binary runs");
    let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
    reader
        .records()
        .map(|record| {
            let record = record.expect("a valid CSV row");
            [1, 2, 8, 9, 6, 0].map(|i| record[i].to_string())
        })
        .collect()
}

#[track_caller]
fn assert_rows(actual: Vec<[String; 6]>, expected: &[[&str; 6]]) {
    let expected: Vec<[String; 6]> = expected.iter().map(|r| r.map(str::to_string)).collect();
    assert_eq!(actual, expected);
}

#[test]
fn the_sample_article_has_one_name_variant_ukibaya() {
    let sample = "../shared/samples/translated-article.txt";
    assert_rows(
        rows(&[sample]),
        &[["3", "35", "Ukibaya", "Ukibay", "warning", sample]],
    );
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
    let output = Command::cargo_bin("transcheck")
        .expect("the binary is built")
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
