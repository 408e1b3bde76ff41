//! Report writers: one per output format. A writer takes findings only, never a document:
//! what it shows of the text is what a finding carries (its context and the excerpt of its
//! line). The run hands them each file's findings in input order.

pub mod concise;
pub mod csv;
pub mod github;
pub mod html;
pub mod json;
pub mod jsonl;
pub mod read;
pub mod sarif;
pub mod text;
pub mod tools;

use std::io;

use serde_json::{Value, json};

use crate::finding::Finding;

/// Receives each checked file's findings, in input order. A writer gets findings only,
/// never the document: what it shows of the source is what a finding carries (its
/// context and the excerpt of its line).
pub trait Reporter {
    /// Reports the findings of one document (called for every document, even without
    /// findings).
    fn report(&mut self, findings: &[Finding]) -> io::Result<()>;

    /// Counts fixes written to a document, for writers whose summary shows them.
    fn fixes_applied(&mut self, _count: usize) {}

    /// Flushes whatever the writer buffered.
    fn finish(&mut self) -> io::Result<()>;
}

/// Counts of a run as the machine-readable summaries show them.
#[derive(Debug, Default, Clone)]
pub struct RunTotals {
    /// Files reported.
    pub files: usize,
    /// Findings by severity: info, warning, error.
    pub by_severity: [usize; 3],
    /// Fixes applied.
    pub fixes: usize,
}

impl RunTotals {
    /// Counts one finding.
    pub fn add(&mut self, finding: &Finding) {
        self.by_severity[finding.severity as usize] += 1;
    }

    /// Every finding counted.
    pub fn findings(&self) -> usize {
        self.by_severity.iter().sum()
    }

    /// `{"files", "findings", "error", "warning", "info", "fixes"}`.
    pub fn to_value(&self) -> Value {
        let [info, warning, error] = self.by_severity;
        json!({
            "files": self.files,
            "findings": self.findings(),
            "error": error,
            "warning": warning,
            "info": info,
            "fixes": self.fixes,
        })
    }
}
