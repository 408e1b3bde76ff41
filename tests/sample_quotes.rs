//! The shared machine-translated sample (`../shared/samples/translated-article.txt`, beside
//! the clone in CI): its only quote defect is the closing quote glued to the next word.

use std::path::Path;

use assert_cmd::Command;

const SAMPLE: &str = "../shared/samples/translated-article.txt";

#[test]
fn the_only_quote_finding_in_the_sample_is_the_misplaced_closing_quote() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    assert!(
        root.join(SAMPLE).is_file(),
        "{SAMPLE} is missing beside the crate"
    );
    let output = Command::cargo_bin("transcheck")
        .expect("the binary is built")
        .current_dir(root)
        .args([
            "check",
            SAMPLE,
            "--no-report",
            "-f",
            "csv",
            "--select",
            "quotes",
        ])
        .output()
        .expect("the binary runs");
    let stdout = String::from_utf8(output.stdout).expect("CSV is UTF-8");
    let mut reader = csv::Reader::from_reader(stdout.as_bytes());
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.expect("a CSV row").iter().map(str::to_string).collect())
        .collect();
    let summary: Vec<[&str; 7]> = rows
        .iter()
        .map(|r| [&r[1], &r[2], &r[3], &r[4], &r[5], &r[8], &r[9]].map(String::as_str))
        .collect();
    assert_eq!(
        summary,
        [[
            "5",
            "94",
            "5",
            "106",
            "quotes.misplaced",
            "people, ”the",
            "people,” the"
        ]]
    );
}
