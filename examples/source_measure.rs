//! Measures the source-aware leaf checks (numbers, verbatim tokens, names, untranslated
//! text, quotes and brackets) on the shared WMT22 data: every machine translation and
//! every human reference against its source, paragraph by paragraph. References should
//! give almost no reports (their reports are false alarms, or liberties a human
//! translator took); the machine translations' reports are what a rule would show.
//!
//! ```sh
//! cargo run --release --example source_measure -- ../shared/data/wmt22 [numbers|verbatim|names|untranslated|marks] [--cases] [--sample N]
//! cargo run --release --example source_measure -- ../shared/data/wmt22 ratios
//! ```
//!
//! Prints, per check and language pair, the reports per 1,000 target words on references
//! and on MT; `--cases` lists every report (system, document, what, the source and
//! target evidence) for reading, `--sample N` N reports of MT drawn at random with a fixed
//! seed, for judging. `ratios` prints the spread of the length ratio (target characters
//! per source character) of the human references, from which `source::untranslated`
//! takes its bounds.

use std::fs;
use std::path::{Path, PathBuf};

use transcheck::source::align::{Alignment, Paragraphs, align};
use transcheck::source::language::Language;
use transcheck::source::untranslated::{self, Untranslated};
use transcheck::source::{marks, names, numbers, verbatim};

/// The seed of `--sample`, fixed so that a judged sample can be drawn again.
const SEED: u64 = 17;

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
        .enumerate()
        .skip(1)
        .filter(|&(at, a)| !a.starts_with("--") && args[at - 1] != "--sample")
        .map(|(_, a)| a.as_str())
        .collect();
    let checks = if checks.is_empty() {
        vec!["numbers", "verbatim", "names", "untranslated", "marks"]
    } else {
        checks
    };
    let show_cases = args.iter().any(|a| a == "--cases");
    let sample: Option<usize> = args
        .iter()
        .position(|a| a == "--sample")
        .and_then(|at| args.get(at + 1))
        .map(|n| n.parse().expect("--sample takes a number"));
    for check in checks {
        if check == "ratios" {
            println!("## ratios");
            ratios(&root);
            println!();
            continue;
        }
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
        if let Some(n) = sample {
            let mt: Vec<&Case> = cases.iter().filter(|c| c.system != "REFERENCE").collect();
            for (k, case) in draw(mt.len(), n).into_iter().enumerate() {
                let case = mt[case];
                println!(
                    "{}\t{}\t{}\t{}\t{}",
                    k + 1,
                    case.pair,
                    case.system,
                    case.document,
                    case.report
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
            "untranslated" => untranslated_reports(s, t, language),
            "marks" => mark_reports(s, t),
            other => panic!(
                "unknown check {other}: numbers, verbatim, names, untranslated, marks or ratios"
            ),
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

fn untranslated_reports(source: &str, target: &str, language: &Language) -> Vec<String> {
    untranslated::check(source, target, language)
        .into_iter()
        .map(|found| match found {
            Untranslated::Identical => format!("identical\t{}", context(target, 0..0)),
            Untranslated::SourceText(text) => format!(
                "source text {}\t{}\t{}",
                &target[text.target.clone()],
                context(target, text.target),
                context(source, text.source)
            ),
            Untranslated::Length(outlier) => format!(
                "{:?} {:.2} ({} → {} characters; bounds {:.2}–{:.2})",
                outlier.direction,
                outlier.ratio(),
                outlier.source_chars,
                outlier.target_chars,
                outlier.bounds.low,
                outlier.bounds.high
            ),
        })
        .collect()
}

fn mark_reports(source: &str, target: &str) -> Vec<String> {
    let contents = |text: &str, kind: marks::Kind| -> String {
        marks::pairs(text)
            .into_iter()
            .filter(|pair| pair.kind == kind)
            .map(|pair| {
                let content = pair.content.map_or_else(
                    || "(lone)".to_string(),
                    |r| text[r].chars().take(30).collect(),
                );
                format!("{}{content}", if pair.optional { "?" } else { "" })
            })
            .collect::<Vec<_>>()
            .join(" | ")
    };
    marks::compare(source, target)
        .into_iter()
        .map(|m| {
            let at = match m.direction {
                marks::Direction::Missing => 0..0,
                marks::Direction::Added => m.span.clone(),
            };
            format!(
                "{:?} {:?}: source {} (required {}), target {}\t{}\tS: {}\tT: {}",
                m.kind,
                m.direction,
                m.source,
                m.required,
                m.target,
                context(target, at),
                contents(source, m.kind),
                contents(target, m.kind)
            )
        })
        .collect()
}

/// `n` distinct indices below `len`, drawn by a fixed-seed generator (SplitMix64), in the
/// order drawn.
fn draw(len: usize, n: usize) -> Vec<usize> {
    let mut state = SEED;
    let mut next = || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let mut indices: Vec<usize> = (0..len).collect();
    let n = n.min(len);
    for k in 0..n {
        let pick = k + (next() % (len - k) as u64) as usize;
        indices.swap(k, pick);
    }
    indices.truncate(n);
    indices
}

/// Prints the spread of the length ratio of the human references: per document (each
/// file of the shared data is one paragraph) and per sentence, for the documents whose
/// source and reference have as many sentences (paired in order), since the paragraphs
/// a user checks are closer to sentences than to whole articles. The last columns are
/// the bounds `source::untranslated` uses: the 1st percentile divided by 1.5 and the
/// 99th multiplied by 1.5.
fn ratios(root: &Path) {
    println!("| pair | unit | pairs | min | 1% | 5% | 50% | 95% | 99% | max | low | high |");
    println!("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for pair in ["ru-en", "ja-en"] {
        let mut documents = Vec::new();
        let mut sentences = Vec::new();
        let mut paths: Vec<PathBuf> = fs::read_dir(root.join(pair).join("source"))
            .expect("the source folder of the shared data")
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| path.to_string_lossy().ends_with(".src.txt"))
            .collect();
        paths.sort();
        for source_path in paths {
            let reference_path = PathBuf::from(
                source_path
                    .to_string_lossy()
                    .replace(".src.txt", ".ref.txt"),
            );
            let (Ok(source), Ok(reference)) = (
                fs::read_to_string(&source_path),
                fs::read_to_string(&reference_path),
            ) else {
                continue;
            };
            let Alignment::Paired(pairs) = align(&source, &reference, Paragraphs::Lines) else {
                continue;
            };
            for paragraph in pairs {
                let s = &source[paragraph.source];
                let t = &reference[paragraph.target];
                documents.push(ratio(s, t));
                let (s, t) = (sentences_of(s), sentences_of(t));
                if s.len() == t.len() {
                    sentences.extend(s.iter().zip(&t).map(|(s, t)| ratio(s, t)));
                }
            }
        }
        for (unit, values) in [("paragraph", &mut documents), ("sentence", &mut sentences)] {
            values.sort_by(f64::total_cmp);
            let q = |p: f64| quantile(values, p);
            println!(
                "| {pair} | {unit} | {} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} |",
                values.len(),
                q(0.0),
                q(0.01),
                q(0.05),
                q(0.5),
                q(0.95),
                q(0.99),
                q(1.0),
                q(0.01) / 1.5,
                q(0.99) * 1.5
            );
        }
    }
}

fn ratio(source: &str, target: &str) -> f64 {
    untranslated::count_chars(target) as f64 / untranslated::count_chars(source).max(1) as f64
}

/// The `p` quantile of sorted `values`, interpolated between neighbours.
fn quantile(values: &[f64], p: f64) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    let at = p * (values.len() - 1) as f64;
    let (low, high) = (at.floor() as usize, at.ceil() as usize);
    values[low] + (values[high] - values[low]) * (at - low as f64)
}

/// A paragraph cut into sentences: after `。！？` (Japanese), or after `.!?…` followed by a
/// space and a capital letter, a digit or an opening quote (English, Russian); closing
/// quotes and brackets stay with their sentence. Crude, but the same on both sides.
fn sentences_of(text: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let (_, c) = chars[i];
        let ends = matches!(c, '。' | '！' | '？') || matches!(c, '.' | '!' | '?' | '…');
        if !ends {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() && "\"”»」』）)".contains(chars[j].1) {
            j += 1;
        }
        let end = chars.get(j).map_or(text.len(), |&(at, _)| at);
        let cut = if matches!(c, '。' | '！' | '？') {
            true
        } else {
            let next = chars[j..].iter().find(|(_, c)| !c.is_whitespace());
            chars.get(j).is_some_and(|(_, c)| c.is_whitespace())
                && next.is_some_and(|&(_, c)| {
                    c.is_uppercase() || c.is_ascii_digit() || "\"“«(".contains(c)
                })
        };
        if cut {
            let sentence = text[start..end].trim();
            if !sentence.is_empty() {
                sentences.push(sentence);
            }
            start = end;
        }
        i = j.max(i + 1);
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        sentences.push(rest);
    }
    sentences
}
