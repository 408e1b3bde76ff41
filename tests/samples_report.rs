//! The README's first command, pinned: the full CSV report on the shipped sample articles,
//! reviewed row by row (`tests/snapshots/`). A change in any finding shows up here.

mod common;

use common::{root, transcheck};

#[test]
fn the_sample_articles_report() {
    let output = transcheck()
        .current_dir(root())
        .args([
            "check",
            "--no-config",
            "--no-report",
            "--format",
            "csv",
            "samples",
        ])
        .output()
        .expect("runs");
    assert_eq!(
        output.status.code(),
        Some(1),
        "the samples are full of defects"
    );
    insta::assert_snapshot!(String::from_utf8(output.stdout).expect("UTF-8"));
}
