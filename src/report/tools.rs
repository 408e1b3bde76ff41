//! `transcheck report summary` and `report diff`: what reviewers ask of saved reports —
//! where the findings are, and what changed between two runs (matched by fingerprint).

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

use serde_json::{Value, json};

use super::csv::{HEADER, cells, neutralise};
use crate::baseline::Baseline;
use crate::finding::Finding;

/// Counts of one report.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Every row.
    pub findings: usize,
    /// Rows by severity.
    pub by_severity: BTreeMap<String, usize>,
    /// Rows by rule id.
    pub by_rule: BTreeMap<String, usize>,
    /// Rows by file.
    pub by_file: BTreeMap<String, usize>,
    /// The files with most findings, most first (ties by name), at most `top`.
    pub top_files: Vec<(String, usize)>,
}

/// Summarises `rows`, listing at most `top` files among those with most findings.
pub fn summarise(rows: &[Finding], top: usize) -> Summary {
    let mut summary = Summary {
        findings: rows.len(),
        ..Summary::default()
    };
    for row in rows {
        *summary
            .by_severity
            .entry(row.severity.as_str().to_string())
            .or_default() += 1;
        *summary.by_rule.entry(row.rule.clone()).or_default() += 1;
        *summary.by_file.entry(row.file.clone()).or_default() += 1;
    }
    let mut files: Vec<(String, usize)> = summary
        .by_file
        .iter()
        .map(|(file, &n)| (file.clone(), n))
        .collect();
    files.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    files.truncate(top);
    summary.top_files = files;
    summary
}

/// Two reports compared by fingerprint (as multisets).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Comparison {
    /// Findings of the new report that the old one does not hold.
    pub new: Vec<Finding>,
    /// Findings of the old report that the new one no longer holds.
    pub fixed: Vec<Finding>,
    /// Findings of the new report that the old one holds too.
    pub unchanged: Vec<Finding>,
    /// Findings of the old and of the new report that the baseline holds, left out.
    pub baselined: [usize; 2],
}

/// Compares an `old` report with a `new` one, leaving out of both the findings `baseline`
/// holds (the baseline the runs were checked against): a finding the baseline hid from
/// one report is then not taken for a fixed or a new one.
pub fn compare(mut old: Vec<Finding>, mut new: Vec<Finding>, baseline: &Baseline) -> Comparison {
    fn fingerprint(row: &Finding) -> &str {
        &row.fingerprint
    }
    let baselined = [
        baseline.filter_by(&mut old, fingerprint),
        baseline.filter_by(&mut new, fingerprint),
    ];
    let mut remaining: HashMap<String, Vec<Finding>> = HashMap::new();
    for row in old {
        remaining
            .entry(row.fingerprint.clone())
            .or_default()
            .push(row);
    }
    for rows in remaining.values_mut() {
        rows.reverse();
    }
    let mut comparison = Comparison {
        baselined,
        ..Comparison::default()
    };
    for row in new {
        match remaining.get_mut(&row.fingerprint).and_then(Vec::pop) {
            Some(_) => comparison.unchanged.push(row),
            None => comparison.new.push(row),
        }
    }
    let mut fixed: Vec<Finding> = remaining.into_values().flatten().collect();
    fixed.sort_by(|a, b| {
        (&a.file, a.line, a.column, &a.rule).cmp(&(&b.file, b.line, b.column, &b.rule))
    });
    comparison.fixed = fixed;
    comparison
}

fn count_lines(out: &mut impl Write, title: &str, counts: &[(String, usize)]) -> io::Result<()> {
    writeln!(out, "\n{title}")?;
    let width = counts
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    for (key, n) in counts {
        writeln!(out, "  {key:width$}  {n:>6}")?;
    }
    Ok(())
}

fn pairs(map: &BTreeMap<String, usize>) -> Vec<(String, usize)> {
    map.iter().map(|(k, &n)| (k.clone(), n)).collect()
}

/// Writes a summary for people.
pub fn summary_text(out: &mut impl Write, summary: &Summary) -> io::Result<()> {
    let files = summary.by_file.len();
    writeln!(
        out,
        "{} finding{} in {files} file{}",
        summary.findings,
        if summary.findings == 1 { "" } else { "s" },
        if files == 1 { "" } else { "s" }
    )?;
    if summary.findings == 0 {
        return Ok(());
    }
    count_lines(out, "By severity", &pairs(&summary.by_severity))?;
    count_lines(out, "By rule", &pairs(&summary.by_rule))?;
    count_lines(out, "By file", &pairs(&summary.by_file))?;
    count_lines(out, "Files with most findings", &summary.top_files)
}

/// Writes a summary as CSV: `group,key,count`, groups `total`, `severity`, `rule`, `file`
/// and `top-file`.
pub fn summary_csv(out: impl Write, summary: &Summary) -> io::Result<()> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    writer.write_record(["group", "key", "count"])?;
    writer.write_record(["total", "", &summary.findings.to_string()])?;
    let groups = [
        ("severity", pairs(&summary.by_severity)),
        ("rule", pairs(&summary.by_rule)),
        ("file", pairs(&summary.by_file)),
        ("top-file", summary.top_files.clone()),
    ];
    for (group, counts) in groups {
        for (key, n) in counts {
            writer.write_record([group, &neutralise(&key), &n.to_string()])?;
        }
    }
    writer.flush()
}

/// The summary as JSON.
pub fn summary_json(summary: &Summary) -> Value {
    json!({
        "findings": summary.findings,
        "files": summary.by_file.len(),
        "by_severity": summary.by_severity,
        "by_rule": summary.by_rule,
        "by_file": summary.by_file,
        "top_files": summary.top_files.iter()
            .map(|(file, n)| json!({ "file": file, "findings": n }))
            .collect::<Vec<_>>(),
    })
}

fn groups(comparison: &Comparison) -> [(&'static str, &[Finding]); 3] {
    [
        ("new", &comparison.new),
        ("fixed", &comparison.fixed),
        ("unchanged", &comparison.unchanged),
    ]
}

/// Writes a comparison for people: the counts, then the new and fixed findings.
pub fn diff_text(out: &mut impl Write, comparison: &Comparison) -> io::Result<()> {
    writeln!(
        out,
        "{} new, {} fixed, {} unchanged",
        comparison.new.len(),
        comparison.fixed.len(),
        comparison.unchanged.len()
    )?;
    let [old, new] = comparison.baselined;
    if old + new > 0 {
        writeln!(
            out,
            "left out, as the baseline holds them: {old} of the old report, {new} of the new"
        )?;
    }
    for (status, rows) in &groups(comparison)[..2] {
        for row in *rows {
            writeln!(
                out,
                "{status:<5}  {}:{}:{}: {}[{}] {} ({:?})",
                row.file, row.line, row.column, row.severity, row.rule, row.message, row.found
            )?;
        }
    }
    Ok(())
}

/// Writes a comparison as CSV: a `status` column (`new`, `fixed`, `unchanged`) before the
/// report's columns, neutralised as in the report.
pub fn diff_csv(out: impl Write, comparison: &Comparison) -> io::Result<()> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    writer.write_record(std::iter::once("status").chain(HEADER))?;
    for (status, rows) in groups(comparison) {
        for row in rows {
            let row = cells(row);
            writer.write_record(
                std::iter::once(status.as_bytes()).chain(row.iter().map(|cell| cell.as_bytes())),
            )?;
        }
    }
    writer.flush()
}

/// The comparison as JSON: counts, and every row of each group.
pub fn diff_json(comparison: &Comparison) -> Value {
    let rows = |rows: &[Finding]| -> Vec<Value> {
        rows.iter()
            .map(|row| {
                json!({
                    "file": row.file,
                    "line": row.line,
                    "column": row.column,
                    "end_line": row.end_line,
                    "end_column": row.end_column,
                    "rule": row.rule,
                    "severity": row.severity.as_str(),
                    "message": row.message,
                    "found": row.found,
                    "suggestion": row.suggestion.as_deref().unwrap_or(""),
                    "context": row.context,
                    "fingerprint": row.fingerprint,
                })
            })
            .collect()
    };
    json!({
        "counts": {
            "new": comparison.new.len(),
            "fixed": comparison.fixed.len(),
            "unchanged": comparison.unchanged.len(),
            "baselined": { "old": comparison.baselined[0], "new": comparison.baselined[1] },
        },
        "new": rows(&comparison.new),
        "fixed": rows(&comparison.fixed),
        "unchanged": rows(&comparison.unchanged),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(file: &str, line: usize, fingerprint: &str) -> Finding {
        Finding {
            file: file.into(),
            line,
            column: 1,
            end_line: line,
            end_column: 2,
            rule: "test.rule".into(),
            severity: crate::rules::Severity::Warning,
            message: String::new(),
            found: String::new(),
            suggestion: None,
            context: String::new(),
            fingerprint: fingerprint.into(),
            span: 0..0,
            fix: false,
            excerpt: Default::default(),
        }
    }

    #[test]
    fn comparison_counts_identical_fingerprints() {
        let old = vec![row("a", 1, "x"), row("a", 2, "x"), row("a", 3, "y")];
        let new = vec![row("a", 5, "x"), row("a", 6, "z")];
        let comparison = compare(old, new, &Baseline::default());
        let lines = |rows: &[Finding]| rows.iter().map(|r| r.line).collect::<Vec<_>>();
        assert_eq!(lines(&comparison.new), [6]);
        assert_eq!(lines(&comparison.unchanged), [5]);
        assert_eq!(lines(&comparison.fixed), [2, 3]);
    }

    #[test]
    fn top_files_are_the_busiest_first_ties_by_name() {
        let rows = vec![
            row("b", 1, "1"),
            row("a", 1, "2"),
            row("c", 1, "3"),
            row("c", 2, "4"),
        ];
        let summary = summarise(&rows, 2);
        assert_eq!(
            summary.top_files,
            [("c".to_string(), 2), ("a".to_string(), 1)]
        );
        assert_eq!(summary.by_severity["warning"], 4);
    }
}
