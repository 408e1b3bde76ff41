//! The scorer of the labelled development set (`quality/translations.csv` lists the
//! translations, `quality/labels.csv` their labels, `quality/POLICY.md` the policy): runs the
//! checker with its default rules on those real machine translations in
//! `../shared/data/wmt22`, matches findings to labels, prints recall per
//! category, precision per rule and trap hits, and fails below the floors, so that quality
//! cannot silently regress.
//!
//! `cargo test --release --test shared_quality -- --ignored --nocapture` prints the table.
//! `TRANSCHECK_QUALITY_DETAILS=1` also lists every missed defect and false alarm of the `dev`
//! split (never of the held-out split, whose findings nobody tuning a rule reads).
//! `TRANSCHECK_QUALITY_ARGS="--select quotes"` passes more arguments to `check`.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};

use common::{Row, parse_report, transcheck};

/// Lowest recall of each category that a check on the English alone can see, on `dev`.
const RECALL_FLOORS: &[(&str, f64)] = &[
    ("conventions", 0.85),
    ("names", 0.85),
    ("punctuation", 0.88),
    ("quotes", 0.9),
    ("script", 0.75),
    ("spacing", 0.9),
];
/// Lowest share of findings on `dev` that land on a labelled defect.
const PRECISION_FLOOR: f64 = 0.93;
/// Most findings on traps allowed on `dev`.
const TRAP_HITS_CEILING: usize = 0;

/// One row of `quality/labels.csv`.
#[derive(Debug, Clone)]
struct Label {
    split: String,
    file: String,
    line: usize,
    span: String,
    occurrence: usize,
    defect: bool,
    category: String,
    expected: String,
    note: String,
}

/// A label placed in its file: the byte range of its span on its line.
struct Placed {
    label: Label,
    bytes: Range<usize>,
}

fn data_root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/wmt22");
    assert!(
        root.is_dir(),
        "{} is missing: the scorer needs ../shared beside the clone (as in CI)",
        root.display()
    );
    root
}

/// `(split, file)` of every labelled translation, those without any label included.
fn read_translations() -> Vec<(String, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("quality/translations.csv");
    let mut reader = csv::Reader::from_path(&path).expect("quality/translations.csv is readable");
    reader
        .records()
        .map(|record| {
            let r = record.expect("a well-formed row");
            (r[0].to_string(), r[1].to_string())
        })
        .collect()
}

fn read_labels() -> Vec<Label> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("quality/labels.csv");
    let mut reader = csv::Reader::from_path(&path).expect("quality/labels.csv is readable");
    let header: Vec<String> = reader
        .headers()
        .expect("a header row")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(
        header,
        [
            "split",
            "file",
            "line",
            "span",
            "occurrence",
            "kind",
            "category",
            "expected",
            "note"
        ]
    );
    reader
        .records()
        .enumerate()
        .map(|(i, record)| {
            let r = record.unwrap_or_else(|e| panic!("labels.csv row {}: {e}", i + 2));
            let number = |field: usize| {
                r[field]
                    .parse::<usize>()
                    .unwrap_or_else(|_| panic!("labels.csv row {}: not a number", i + 2))
            };
            let kind = &r[5];
            assert!(
                kind == "defect" || kind == "trap",
                "labels.csv row {}: kind `{kind}`",
                i + 2
            );
            Label {
                split: r[0].to_string(),
                file: r[1].to_string(),
                line: number(2),
                span: r[3].to_string(),
                occurrence: number(4),
                defect: kind == "defect",
                category: r[6].to_string(),
                expected: r[7].to_string(),
                note: r[8].to_string(),
            }
        })
        .collect()
}

/// The text of each line of `file`, read once.
fn lines_of(root: &Path, file: &str, cache: &mut BTreeMap<String, Vec<String>>) -> Vec<String> {
    cache
        .entry(file.to_string())
        .or_insert_with(|| {
            let text =
                std::fs::read_to_string(root.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
            text.lines().map(String::from).collect()
        })
        .clone()
}

fn place(label: Label, line_text: &str) -> Placed {
    let start = line_text
        .match_indices(&label.span)
        .nth(label.occurrence - 1)
        .map(|(i, _)| i)
        .unwrap_or_else(|| {
            panic!(
                "{}:{}: occurrence {} of {:?} is not on the line",
                label.file, label.line, label.occurrence, label.span
            )
        });
    let end = start + label.span.len();
    Placed {
        label,
        bytes: start..end,
    }
}

/// The byte offset of the 1-based character column `column` in `line`.
fn byte_of_column(line: &str, column: usize) -> usize {
    line.char_indices()
        .nth(column - 1)
        .map_or(line.len(), |(i, _)| i)
}

/// Whether a finding's bytes `finding` touch a label's `span`; an empty finding (a missing
/// character) touches a span it lies within or borders.
fn overlaps(finding: &Range<usize>, span: &Range<usize>) -> bool {
    if finding.is_empty() {
        span.start <= finding.start && finding.start <= span.end
    } else {
        finding.start < span.end && span.start < finding.end
    }
}

/// The category of defect a source rule reports what only the source shows for: an empty
/// span at the start of a paragraph, which span overlap cannot place (the shared data has
/// one paragraph per line: a whole article).
fn source_category(rule: &str) -> Option<&'static str> {
    match rule {
        "source.numbers" => Some("numbers"),
        "source.verbatim" | "source.names" => Some("name-source"),
        "source.untranslated" => Some("untranslated"),
        _ => None,
    }
}

/// The source's text a paragraph-level source finding names: the items after the last
/// `: ` of its message, separated by `, ` (`Missing from the translation, in the source: 2,5
/// млн, 553`), and its words in a non-Latin script (`The source name バイデン (Baiden) …`).
fn source_evidence(message: &str) -> Vec<&str> {
    let mut items: Vec<&str> = message
        .rsplit_once(": ")
        .map(|(_, list)| list.split(", ").collect())
        .unwrap_or_default();
    items.extend(
        message
            .split_whitespace()
            .filter(|word| word.chars().any(|c| c.is_alphabetic() && !c.is_ascii())),
    );
    items
}

/// Whether a paragraph-level source finding (an empty span, by a rule of
/// [`source_category`]) names a labelled defect: the label is of the category the rule
/// reports, and some source text the finding names is in the label's note (where the
/// labeller wrote the source's words) or is the label's expected text, or holds it.
fn names_the_defect(row: &Row, label: &Label) -> bool {
    source_category(&row.rule) == Some(label.category.as_str())
        && source_evidence(&row.message).iter().any(|item| {
            item.chars().count() >= 2
                && (label.note.contains(item)
                    || (!label.expected.is_empty()
                        && (item.contains(&label.expected) || label.expected.contains(item))))
        })
}

/// The checker's findings on `files`, by the default rules (plus `TRANSCHECK_QUALITY_ARGS`).
fn findings(root: &Path, files: &[String]) -> Vec<Row> {
    let extra = std::env::var("TRANSCHECK_QUALITY_ARGS").unwrap_or_default();
    let output = transcheck()
        .current_dir(root)
        .args(["check", "--no-config", "--no-report", "-f", "csv"])
        .args(extra.split_whitespace())
        .args(files)
        .output()
        .expect("the binary runs");
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "check failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    parse_report(&String::from_utf8(output.stdout).expect("UTF-8 CSV"))
}

/// Counts for one split.
#[derive(Default)]
struct Score {
    /// category → (defects, found)
    recall: BTreeMap<String, (usize, usize)>,
    /// rule → (findings, on a defect, on a trap)
    rules: BTreeMap<String, (usize, usize, usize)>,
    findings: usize,
    true_findings: usize,
    trap_hits: usize,
    traps: usize,
    details: String,
}

fn ratio(part: usize, whole: usize) -> String {
    if whole == 0 {
        "—".to_string()
    } else {
        format!("{:.2}", part as f64 / whole as f64)
    }
}

fn score(
    split: &str,
    translations: &[(String, String)],
    placed: &[Placed],
    rows: &[Row],
    texts: &BTreeMap<String, Vec<String>>,
) -> Score {
    let mut score = Score::default();
    let placed: Vec<&Placed> = placed.iter().filter(|p| p.label.split == split).collect();
    let files: BTreeSet<&str> = translations
        .iter()
        .filter(|(s, _)| s == split)
        .map(|(_, file)| file.as_str())
        .collect();
    let located: Vec<(&Row, Range<usize>)> = rows
        .iter()
        .filter(|r| files.contains(r.file.as_str()))
        .map(|r| {
            let line = &texts[&r.file][r.line - 1];
            let start = byte_of_column(line, r.column);
            let end = if r.end_line == r.line {
                byte_of_column(line, r.end_column)
            } else {
                line.len()
            };
            (r, start..end)
        })
        .collect();
    // A source finding on what only the source shows is matched by paragraph, strictly
    // (`names_the_defect`), never by overlap: its empty span at the start of the line says
    // nothing of where the defect is.
    let hits = |p: &Placed, r: &Row, bytes: &Range<usize>| {
        let by_paragraph = bytes.is_empty() && source_category(&r.rule).is_some();
        r.file == p.label.file
            && r.line == p.label.line
            && if by_paragraph {
                p.label.defect && names_the_defect(r, &p.label)
            } else {
                overlaps(bytes, &p.bytes)
            }
    };
    for p in &placed {
        if p.label.defect {
            let found = located.iter().any(|(r, b)| hits(p, r, b));
            let entry = score.recall.entry(p.label.category.clone()).or_default();
            entry.0 += 1;
            entry.1 += usize::from(found);
            if !found {
                let _ = writeln!(
                    score.details,
                    "  missed  {}:{} [{}] {:?} → {:?}",
                    p.label.file, p.label.line, p.label.category, p.label.span, p.label.expected
                );
            }
        } else {
            score.traps += 1;
        }
    }
    for (r, bytes) in &located {
        let on_defect = placed.iter().any(|p| p.label.defect && hits(p, r, bytes));
        let on_trap = placed.iter().any(|p| !p.label.defect && hits(p, r, bytes));
        let entry = score.rules.entry(r.rule.clone()).or_default();
        entry.0 += 1;
        entry.1 += usize::from(on_defect);
        entry.2 += usize::from(on_trap && !on_defect);
        score.findings += 1;
        score.true_findings += usize::from(on_defect);
        score.trap_hits += usize::from(on_trap && !on_defect);
        if !on_defect {
            let _ = writeln!(
                score.details,
                "  {} {}:{}:{} [{}] {:?} | {}",
                if on_trap { "TRAP  " } else { "false " },
                r.file,
                r.line,
                r.column,
                r.rule,
                r.found,
                r.context
            );
        }
    }
    score
}

fn print(split: &str, translations: usize, score: &Score) {
    println!("\n## {split}: {translations} translations\n");
    println!("| category | defects | found | recall |");
    println!("| --- | ---: | ---: | ---: |");
    let (mut all, mut all_found) = (0, 0);
    for (category, (n, found)) in &score.recall {
        println!("| {category} | {n} | {found} | {} |", ratio(*found, *n));
        all += n;
        all_found += found;
    }
    println!(
        "| **all** | {all} | {all_found} | {} |",
        ratio(all_found, all)
    );
    println!("\n| rule | findings | on a defect | on a trap | precision |");
    println!("| --- | ---: | ---: | ---: | ---: |");
    for (rule, (n, good, trap)) in &score.rules {
        println!("| {rule} | {n} | {good} | {trap} | {} |", ratio(*good, *n));
    }
    println!(
        "| **all** | {} | {} | {} | {} |",
        score.findings,
        score.true_findings,
        score.trap_hits,
        ratio(score.true_findings, score.findings)
    );
    println!("\ntraps: {} labelled, {} hit", score.traps, score.trap_hits);
}

#[test]
#[ignore = "needs ../shared beside the clone; .ci/run runs it"]
fn the_development_set_scores_above_its_floors() {
    let root = data_root();
    let translations = read_translations();
    let labels = read_labels();
    let mut texts = BTreeMap::new();
    for (split, file) in &translations {
        assert!(
            split == "dev" || split == "holdout",
            "{file}: split `{split}`"
        );
        lines_of(&root, file, &mut texts);
    }
    let placed: Vec<Placed> = labels
        .into_iter()
        .map(|label| {
            assert!(
                translations
                    .iter()
                    .any(|(split, file)| *split == label.split && *file == label.file),
                "{}: a label of a translation not in translations.csv (or of another split)",
                label.file
            );
            let line = texts[&label.file]
                .get(label.line - 1)
                .unwrap_or_else(|| panic!("{}: no line {}", label.file, label.line))
                .clone();
            place(label, &line)
        })
        .collect();
    let files: Vec<String> = texts.keys().cloned().collect();
    let rows = findings(&root, &files);
    let count = |split: &str| translations.iter().filter(|(s, _)| s == split).count();
    let dev = score("dev", &translations, &placed, &rows, &texts);
    let holdout = score("holdout", &translations, &placed, &rows, &texts);
    print("dev", count("dev"), &dev);
    print("holdout", count("holdout"), &holdout);
    if std::env::var_os("TRANSCHECK_QUALITY_DETAILS").is_some() {
        println!("\n## dev: missed defects and findings on no defect\n");
        print!("{}", dev.details);
    }

    let mut failures = Vec::new();
    for (category, floor) in RECALL_FLOORS {
        let (n, found) = dev.recall.get(*category).copied().unwrap_or_default();
        let recall = if n == 0 { 1.0 } else { found as f64 / n as f64 };
        if recall < *floor {
            failures.push(format!("recall of {category} {recall:.2} < {floor}"));
        }
    }
    let precision = if dev.findings == 0 {
        1.0
    } else {
        dev.true_findings as f64 / dev.findings as f64
    };
    if precision < PRECISION_FLOOR {
        failures.push(format!("precision {precision:.2} < {PRECISION_FLOOR}"));
    }
    if dev.trap_hits > TRAP_HITS_CEILING {
        failures.push(format!("{} trap hits > {TRAP_HITS_CEILING}", dev.trap_hits));
    }
    assert!(failures.is_empty(), "below the floors: {failures:?}");
}
