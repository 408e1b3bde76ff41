//! Report writers: one per output format. Writers never inspect text beyond the findings
//! and the lines they point at; the engine hands them each file's findings in order.

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

use crate::document::Document;
use crate::finding::Finding;

/// Receives each checked file's findings, in input order.
pub trait Reporter {
    /// Reports the findings of one document (called for every document, even without
    /// findings). `document` is `None` for a document corpus mode did not read a second
    /// time, which a writer that [`Reporter::shows_source`] never gets.
    fn report(&mut self, document: Option<&Document>, findings: &[Finding]) -> io::Result<()>;

    /// Whether it shows lines of the source: corpus mode then reads every document again
    /// for it, where other writers take the findings the first pass kept.
    fn shows_source(&self) -> bool {
        false
    }

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
