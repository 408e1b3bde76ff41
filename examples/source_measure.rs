//! Measures the source-aware leaf checks (numbers, verbatim tokens, names) on the shared
//! WMT22 data: every machine translation and every human reference against its source,
//! paragraph by paragraph. References should give almost no reports (their reports are
//! false alarms, or liberties a human translator took); the machine translations' reports
//! are what a rule would show.
//!
//! ```sh
//! cargo run --release --example source_measure -- ../shared/data/wmt22 [numbers|verbatim|names] [--cases]
//! ```
//!
//! Prints, per check and language pair, the reports per 1,000 target words on references
//! and on MT; `--cases` lists every report (system, document, what, the source and
//! target evidence) for reading.

use std::fs;
use std::path::{Path, PathBuf};

use transcheck::source::align::{Alignment, Paragraphs, align};
use transcheck::source::language::Language;
use transcheck::source::{names, numbers, verbatim};

struct Case {
    pair: String,
    system: String,
    document: String,
    report: String,
}

#[derive(Default)]
struct Tally {
    words: usize,
    reports: usize,
    paragraphs: usize,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = args.first().map_or_else(
        || PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/wmt22")),
        PathBuf::from,
    );
    let checks: Vec<&str> = args
        .iter()
        .skip(1)
        .map(String::as_str)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let checks = if checks.is_empty() {
        vec!["numbers", "verbatim", "names"]
    } else {
        checks
    };
    let show_cases = args.iter().any(|a| a == "--cases");
    for check in checks {
        println!("## {check}");
        println!("| pair | side | translations | words | reports | per 1,000 words |");
        println!("| --- | --- | ---: | ---: | ---: | ---: |");
        let mut cases = Vec::new();
        for (pair, language) in [("ru-en", Language::Russian), ("ja-en", Language::Japanese)] {
            let (references, mt) = measure(&root.join(pair), pair, &language, check, &mut cases);
            for (side, tally) in [("reference", references), ("MT", mt)] {
                println!(
                    "| {pair} | {side} | {} | {} | {} | {:.2} |",
                    tally.paragraphs,
                    tally.words,
                    tally.reports,
                    1000.0 * tally.reports as f64 / tally.words.max(1) as f64
                );
            }
        }
        if show_cases {
            for case in &cases {
                println!(
                    "{}\t{}\t{}\t{}",
                    case.pair, case.system, case.document, case.report
                );
            }
        }
        println!();
    }
}

/// Checks every reference and every MT output of one language pair.
fn measure(
    dir: &Path,
    pair: &str,
    language: &Language,
    check: &str,
    cases: &mut Vec<Case>,
) -> (Tally, Tally) {
    let mut references = Tally::default();
    let mut mt = Tally::default();
    let mut documents: Vec<PathBuf> = fs::read_dir(dir.join("source"))
        .expect("the source folder of the shared data")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.to_string_lossy().ends_with(".src.txt"))
        .collect();
    documents.sort();
    let mut systems: Vec<PathBuf> = fs::read_dir(dir.join("mt"))
        .expect("the mt folder of the shared data")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .collect();
    systems.sort();
    for source_path in documents {
        let name = source_path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".src.txt"))
            .expect("named DOC.src.txt")
            .to_string();
        let source = fs::read_to_string(&source_path).expect("readable source");
        let reference_path = source_path.with_file_name(format!("{name}.ref.txt"));
        if let Ok(reference) = fs::read_to_string(&reference_path) {
            let tally = check_pair(&source, &reference, language, check, |report| {
                cases.push(Case {
                    pair: pair.into(),
                    system: "REFERENCE".into(),
                    document: name.clone(),
                    report,
                });
            });
            references.add(&tally);
        }
        for system in &systems {
            let Ok(target) = fs::read_to_string(system.join(format!("{name}.txt"))) else {
                continue;
            };
            let system_name = system
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let tally = check_pair(&source, &target, language, check, |report| {
                cases.push(Case {
                    pair: pair.into(),
                    system: system_name.clone(),
                    document: name.clone(),
                    report,
                });
            });
            mt.add(&tally);
        }
    }
    (references, mt)
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.words += other.words;
        self.reports += other.reports;
        self.paragraphs += other.paragraphs;
    }
}

/// Aligns one source with one translation and runs `check` on every paragraph pair.
fn check_pair(
    source: &str,
    target: &str,
    language: &Language,
    check: &str,
    mut report: impl FnMut(String),
) -> Tally {
    let mut tally = Tally {
        words: target.split_whitespace().count(),
        paragraphs: 1,
        ..Tally::default()
    };
    let Alignment::Paired(pairs) = align(source, target, Paragraphs::Lines) else {
        report("paragraph counts differ".into());
        tally.reports += 1;
        return tally;
    };
    for pair in pairs {
        let s = &source[pair.source.clone()];
        let t = &target[pair.target.clone()];
        let reports = match check {
            "numbers" => number_reports(s, t, language),
            "verbatim" => verbatim_reports(s, t),
            "names" => name_reports(s, t, language),
            other => panic!("unknown check {other}: numbers, verbatim or names"),
        };
        tally.reports += reports.len();
        for line in reports {
            report(line);
        }
    }
    tally
}

fn context(text: &str, span: std::ops::Range<usize>) -> String {
    let mut start = span.start.saturating_sub(40);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (span.end + 40).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    format!(
        "…{}[{}]{}…",
        &text[start..span.start],
        &text[span.clone()],
        &text[span.end..end]
    )
}

fn number_reports(source: &str, target: &str, language: &Language) -> Vec<String> {
    let source_numbers = numbers::source_numbers(source, language);
    let target_numbers = numbers::english_numbers(target);
    let comparison = numbers::compare(&source_numbers, &target_numbers);
    let mut out = Vec::new();
    for n in comparison.missing {
        out.push(format!(
            "missing {}\t{}",
            n.value,
            context(source, n.span.clone())
        ));
    }
    for n in comparison.added {
        out.push(format!(
            "added {}\t{}",
            n.value,
            context(target, n.span.clone())
        ));
    }
    out
}

fn verbatim_reports(source: &str, target: &str) -> Vec<String> {
    let tokens = verbatim::tokens(source);
    verbatim::missing(&tokens, target)
        .into_iter()
        .map(|token| {
            format!(
                "missing {:?} {}\t{}",
                token.kind,
                token.text,
                context(source, token.span.clone())
            )
        })
        .collect()
}

fn name_reports(source: &str, target: &str, language: &Language) -> Vec<String> {
    let found = names::source_names(source, language);
    names::unmatched(&found, target)
        .into_iter()
        .map(|name| {
            format!(
                "unmatched {} ({})\t{}",
                name.word,
                name.romanised,
                context(source, name.span.clone())
            )
        })
        .collect()
}
