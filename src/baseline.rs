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
        if self.counts.is_empty() {
            return 0;
        }
        let mut used: HashMap<&str, usize> = HashMap::new();
        let before = findings.len();
        findings.retain(
            |finding| match self.counts.get_key_value(&finding.fingerprint) {
                Some((key, &held)) => {
                    let used = used.entry(key.as_str()).or_default();
                    *used += 1;
                    *used > held
                }
                None => true,
            },
        );
        before - findings.len()
    }
}
