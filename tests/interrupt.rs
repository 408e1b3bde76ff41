//! Interruption: a run killed (SIGKILL) while `--fix` rewrites files or while the report is
//! written leaves every file either as it was or as the finished run leaves it, never
//! half-written; the only leftovers are hidden `.transcheck-*.tmp` files, which are never
//! read as reports or checked as inputs.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::transcheck;

/// Every file under `root` (relative path → bytes).
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).expect("list") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                folders.push(path);
            } else {
                let bytes = fs::read(&path).expect("read");
                files.insert(
                    path.strip_prefix(root).expect("inside").to_path_buf(),
                    bytes,
                );
            }
        }
    }
    files
}

fn is_temporary(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.starts_with(".transcheck-") && name.ends_with(".tmp")
}

/// Files with many safe fixes each, large enough that a run takes a while.
fn write_articles(root: &Path) {
    let paragraph = "The minister  said the plan , agreed in 2019 , would  work.\n\n";
    for i in 0..20 {
        let text = format!("Article {i}.\n\n{}", paragraph.repeat(1_000));
        fs::write(root.join(format!("article-{i:02}.txt")), text).expect("write");
    }
}

/// Runs `args` in a copy of `template` to completion, then again in fresh copies killed
/// after each delay (until a run finishes before its delay); every file must be
/// byte-identical to its old or its finished content.
fn kill_at_several_delays(template: &Path, args: &[&str], delays_ms: &[u64]) {
    let old = snapshot(template);
    let finished_dir = tempfile::tempdir().expect("temp dir");
    copy(&old, finished_dir.path());
    let status = transcheck()
        .current_dir(finished_dir.path())
        .args(args)
        .output()
        .expect("runs");
    assert!(status.status.code().is_some(), "the full run finishes");
    let new = snapshot(finished_dir.path());
    assert_ne!(old, new, "the full run changes something");
    let mut interrupted = 0;
    for &delay in delays_ms {
        let dir = tempfile::tempdir().expect("temp dir");
        copy(&old, dir.path());
        let mut child = common::std_command()
            .current_dir(dir.path())
            .args(args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawns");
        let started = Instant::now();
        while started.elapsed() < Duration::from_millis(delay) {
            if child.try_wait().expect("wait").is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        let finished_alone = child.try_wait().expect("wait").is_some();
        if !finished_alone {
            interrupted += 1;
        }
        child.kill().ok();
        child.wait().expect("reaped");
        let after = snapshot(dir.path());
        let (mut as_old, mut as_new, mut temporary) = (0, 0, 0);
        for (path, bytes) in &after {
            if is_temporary(path) {
                temporary += 1;
                continue;
            }
            if old.get(path) == Some(bytes) {
                as_old += 1;
            } else if new.get(path) == Some(bytes) {
                as_new += 1;
            } else {
                panic!(
                    "{} is half-written after a kill at {delay} ms",
                    path.display()
                );
            }
        }
        for path in old.keys() {
            assert!(after.contains_key(path), "{} lost", path.display());
        }
        println!("killed at {delay} ms: {as_old} files old, {as_new} new, {temporary} temporary");
        if finished_alone {
            break;
        }
    }
    assert!(
        interrupted > 0,
        "no run was interrupted: use a bigger input"
    );
}

fn copy(files: &BTreeMap<PathBuf, Vec<u8>>, root: &Path) {
    for (path, bytes) in files {
        let target = root.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).expect("mkdir");
        }
        fs::write(target, bytes).expect("write");
    }
}

#[test]
fn a_run_killed_during_fix_leaves_every_file_old_or_new() {
    let template = tempfile::tempdir().expect("temp dir");
    write_articles(template.path());
    kill_at_several_delays(
        template.path(),
        &[
            "check",
            "--no-config",
            "--no-report",
            "--fix",
            "-j",
            "1",
            ".",
        ],
        &[5, 30, 100, 250, 500, 1000, 2000, 4000, 8000, 16_000],
    );
}

#[test]
fn a_run_killed_while_writing_the_report_leaves_the_old_report_or_the_new() {
    let template = tempfile::tempdir().expect("temp dir");
    write_articles(template.path());
    fs::create_dir(template.path().join("reports")).expect("mkdir");
    fs::write(
        template.path().join("reports/transcheck.csv"),
        "an old report\n",
    )
    .expect("write");
    kill_at_several_delays(
        template.path(),
        &["check", "--no-config", "--format", "json", "-j", "1", "."],
        &[5, 30, 100, 250, 500, 1000, 2000, 4000, 8000, 16_000],
    );
}
