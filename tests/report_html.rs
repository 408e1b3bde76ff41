//! `report html` and `check --html`: where the review page goes, what it embeds, and what a
//! bad report or a changed article gets. (The page itself is tested in a browser:
//! `tests/browser_review.rs`.)

mod common;

use std::path::Path;

use common::{parse_report, root, transcheck};
use serde_json::Value;

/// The JSON the page embeds for its script.
fn page_data(html: &str) -> Value {
    let start = html
        .find(r#"<script type="application/json" id="review-data">"#)
        .expect("the data block");
    let rest = &html[start..];
    let open = rest.find('>').expect("the tag ends") + 1;
    let close = rest.find("</script>").expect("the block ends");
    serde_json::from_str(&rest[open..close]).expect("valid JSON")
}

/// `found` of each finding as the page slices it from its article (UTF-16 offsets).
fn sliced(data: &Value) -> Vec<Option<String>> {
    data["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|finding| {
            let text = data["files"][finding["file"].as_u64()? as usize]["text"].as_str()?;
            let units: Vec<u16> = text.encode_utf16().collect();
            let (start, end) = (finding["start"].as_u64()?, finding["end"].as_u64()?);
            Some(
                String::from_utf16(&units[start as usize..end as usize]).expect("whole characters"),
            )
        })
        .collect()
}

fn check_samples(dir: &Path) {
    let output = transcheck()
        .current_dir(root())
        .args(["check", "--no-config", "samples", "-o"])
        .arg(dir.join("report.csv"))
        .arg("--html")
        .arg(dir.join("check.html"))
        .output()
        .expect("check runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!(
            "Review page: {} (34 findings in 3 files)",
            dir.join("check.html").display()
        )),
        "{stderr}"
    );
}

#[test]
fn the_page_goes_beside_the_report_and_holds_every_row_at_its_text() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    check_samples(dir.path());
    let output = transcheck()
        .current_dir(root())
        .args(["report", "html"])
        .arg(dir.path().join("report.csv"))
        .output()
        .expect("report html runs");
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stdout.is_empty());
    let html = std::fs::read_to_string(dir.path().join("report.html")).expect("the page");
    let data = page_data(&html);
    let rows =
        parse_report(&std::fs::read_to_string(dir.path().join("report.csv")).expect("the report"));
    let found: Vec<Option<String>> = rows.iter().map(|r| Some(r.found.clone())).collect();
    assert_eq!(sliced(&data), found);
    assert_eq!(data["files"].as_array().map(Vec::len), Some(3));
}

#[test]
fn check_html_makes_the_page_report_html_makes_of_its_report() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    check_samples(dir.path());
    let output = transcheck()
        .current_dir(root())
        .args(["report", "html"])
        .arg(dir.path().join("report.csv"))
        .args(["-o", "-"])
        .output()
        .expect("report html runs");
    assert_eq!(output.status.code(), Some(0));
    let from_report = String::from_utf8(output.stdout).expect("UTF-8");
    let from_check = std::fs::read_to_string(dir.path().join("check.html")).expect("the page");
    assert_eq!(from_check, from_report);
}

#[test]
fn bom_crlf_and_characters_outside_the_bmp_are_located_exactly() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(
        dir.path().join("a.txt"),
        "\u{feff}Astana 🇰🇿  talks: Кyrgyzstan agreed .\r\n\r\nThe  minister 😀 said „yes“ ,then left.\r\n",
    )
    .expect("an article");
    std::fs::write(
        dir.path().join("b.md"),
        "# Title  here\r\n\r\nA `code  span` and  prose — 2,5 %.\r\n",
    )
    .expect("an article");
    let output = transcheck()
        .current_dir(dir.path())
        .args([
            "check",
            "--no-config",
            "a.txt",
            "b.md",
            "-o",
            "r.csv",
            "--html",
            "r.html",
        ])
        .output()
        .expect("check runs");
    assert_eq!(output.status.code(), Some(1));
    let rows = parse_report(&std::fs::read_to_string(dir.path().join("r.csv")).expect("report"));
    assert!(rows.len() >= 8, "{rows:?}");
    let data = page_data(&std::fs::read_to_string(dir.path().join("r.html")).expect("page"));
    let found: Vec<Option<String>> = rows.iter().map(|r| Some(r.found.clone())).collect();
    assert_eq!(sliced(&data), found);
    // The text is the file's as written: CRLF kept, the byte-order mark not part of it.
    let text = data["files"][0]["text"].as_str().expect("text");
    assert!(text.starts_with("Astana") && text.contains("\r\n"));
    assert_eq!(data["files"][1]["format"], "markdown");
}

#[test]
fn rows_of_a_changed_or_missing_file_are_stale() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("a.txt"), "One  two.\nThree  four.\n").expect("article");
    std::fs::write(dir.path().join("b.txt"), "Five  six.\n").expect("article");
    let output = transcheck()
        .current_dir(dir.path())
        .args(["check", "--no-config", "a.txt", "b.txt", "-o", "r.csv"])
        .output()
        .expect("check runs");
    assert_eq!(output.status.code(), Some(1));
    // The first line is fixed, a line is added at the end, b.txt is gone.
    std::fs::write(
        dir.path().join("a.txt"),
        "One two.\nThree  four.\nAnd more.\n",
    )
    .expect("edit");
    std::fs::remove_file(dir.path().join("b.txt")).expect("removed");
    let output = transcheck()
        .current_dir(dir.path())
        .args(["report", "html", "r.csv", "-o", "page.html"])
        .output()
        .expect("report html runs");
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("(3 findings in 2 files; 2 stale, listed without highlight"),
        "{stderr}"
    );
    let data = page_data(&std::fs::read_to_string(dir.path().join("page.html")).expect("page"));
    assert_eq!(sliced(&data), [None, Some("  ".to_string()), None]);
    assert!(data["files"][1]["text"].is_null());
    assert!(
        data["files"][1]["problem"]
            .as_str()
            .is_some_and(|p| p.starts_with("cannot read")),
        "{data}"
    );
}

#[test]
fn a_report_that_cannot_be_read_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("other.csv"), "name,count\nA,1\n").expect("a CSV");
    for (file, message) in [
        ("missing.csv", "missing.csv: cannot read:"),
        (
            "other.csv",
            "other.csv: not a transcheck report (missing columns",
        ),
    ] {
        let output = transcheck()
            .current_dir(dir.path())
            .args(["report", "html", file])
            .output()
            .expect("report html runs");
        assert_eq!(output.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(message), "{stderr}");
    }
    assert!(!dir.path().join("missing.html").exists());
    assert!(!dir.path().join("other.html").exists());
}

#[test]
fn a_page_that_cannot_be_written_is_an_error_naming_it() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    check_samples(dir.path());
    std::fs::write(dir.path().join("file"), "").expect("a file");
    let output = transcheck()
        .current_dir(root())
        .args(["report", "html"])
        .arg(dir.path().join("report.csv"))
        .arg("-o")
        .arg(dir.path().join("file/page.html"))
        .output()
        .expect("report html runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("cannot write the review page to"),
        "{stderr}"
    );
}

#[test]
fn an_empty_report_makes_a_page_that_says_so() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("clean.txt"), "Nothing wrong here.\n").expect("article");
    let output = transcheck()
        .current_dir(dir.path())
        .args([
            "check",
            "--no-config",
            "clean.txt",
            "-o",
            "r.csv",
            "--html",
            "r.html",
        ])
        .output()
        .expect("check runs");
    assert_eq!(output.status.code(), Some(0));
    let data = page_data(&std::fs::read_to_string(dir.path().join("r.html")).expect("page"));
    assert_eq!(data["findings"].as_array().map(Vec::len), Some(0));
    assert_eq!(data["files"].as_array().map(Vec::len), Some(0));
}

#[test]
fn corpus_mode_keeps_the_text_of_every_article_on_the_page() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    check_samples(dir.path());
    let output = transcheck()
        .current_dir(root())
        .args([
            "check",
            "--no-config",
            "--no-report",
            "--corpus",
            "-f",
            "json",
            "samples",
        ])
        .arg("--html")
        .arg(dir.path().join("corpus.html"))
        .output()
        .expect("check runs");
    assert_eq!(output.status.code(), Some(1));
    let data = page_data(&std::fs::read_to_string(dir.path().join("corpus.html")).expect("page"));
    assert_eq!(data["files"].as_array().map(Vec::len), Some(3));
    assert!(sliced(&data).iter().all(Option::is_some), "{data}");
}
