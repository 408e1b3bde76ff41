//! `--baseline`: findings already recorded in an earlier CSV report are not reported again.
//! A finding matches by fingerprint, which survives lines added or removed elsewhere and
//! changes when the flagged text or its context is edited. Fingerprints are counted as a
//! multiset: two identical findings in the baseline excuse two, not three.

use std::collections::HashMap;
use std::path::Path;

use crate::finding::Finding;
use crate::report::read::{ReadError, read_report};

/// The fingerprints of an earlier report, with how often each occurs.
#[derive(Debug, Default, Clone)]
pub struct Baseline {
    counts: HashMap<String, usize>,
}

impl Baseline {
    /// Reads a CSV report (as written by `--report` or `--write-baseline`, or saved back from
    /// a spreadsheet).
    pub fn load(path: &Path) -> Result<Self, ReadError> {
        Ok(Self::from_fingerprints(
            read_report(path)?.into_iter().map(|row| row.fingerprint),
        ))
    }

    /// A baseline holding these fingerprints.
    pub fn from_fingerprints(fingerprints: impl IntoIterator<Item = String>) -> Self {
        let mut counts = HashMap::new();
        for fingerprint in fingerprints {
            *counts.entry(fingerprint).or_default() += 1;
        }
        Self { counts }
    }

    /// Drops the findings of one file whose fingerprint the baseline holds (as many as it
    /// holds) and returns how many it dropped. Fingerprints include the file, so each file
    /// can be filtered on its own.
    pub fn filter(&self, findings: &mut Vec<Finding>) -> usize {
        self.filter_by(findings, |finding| &finding.fingerprint)
    }

    /// Drops the items (findings, or rows of a report read back) whose `fingerprint` the
    /// baseline holds, as many as it holds, and returns how many it dropped.
    pub fn filter_by<T>(&self, items: &mut Vec<T>, fingerprint: impl Fn(&T) -> &str) -> usize {
        if self.counts.is_empty() {
            return 0;
        }
        let mut used: HashMap<&str, usize> = HashMap::new();
        let before = items.len();
        items.retain(|item| match self.counts.get_key_value(fingerprint(item)) {
            Some((key, &held)) => {
                let used = used.entry(key.as_str()).or_default();
                *used += 1;
                *used > held
            }
            None => true,
        });
        before - items.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Severity;

    fn finding(fingerprint: &str) -> Finding {
        Finding {
            file: "a.txt".into(),
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 2,
            rule: "test.rule".into(),
            severity: Severity::Warning,
            message: String::new(),
            found: String::new(),
            suggestion: None,
            context: String::new(),
            fingerprint: fingerprint.into(),
            span: 0..1,
            fix: false,
            excerpt: Default::default(),
        }
    }

    #[test]
    fn fingerprints_are_counted_as_a_multiset() {
        let baseline = Baseline::from_fingerprints(["a", "a", "b"].map(String::from));
        let mut findings = ["a", "b", "a", "a", "c", "b"].map(finding).to_vec();
        assert_eq!(baseline.filter(&mut findings), 3);
        let left: Vec<&str> = findings.iter().map(|f| f.fingerprint.as_str()).collect();
        assert_eq!(left, ["a", "c", "b"]);
    }

    #[test]
    fn each_file_is_filtered_against_the_whole_baseline() {
        let baseline = Baseline::from_fingerprints(["a".to_string()]);
        for _ in 0..2 {
            let mut findings = vec![finding("a")];
            assert_eq!(baseline.filter(&mut findings), 1);
        }
    }
}
