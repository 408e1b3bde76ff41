//! Report writers: one per output format. Writers never inspect text beyond the findings
//! and the lines they point at; the engine hands them each file's findings in order.

pub mod csv;
pub mod text;

use std::io;

use crate::document::Document;
use crate::finding::Finding;

/// Receives each checked file's findings, in input order.
pub trait Reporter {
    /// Reports the findings of one document (called for every document, even without
    /// findings).
    fn report(&mut self, document: &Document, findings: &[Finding]) -> io::Result<()>;

    /// Flushes whatever the writer buffered.
    fn finish(&mut self) -> io::Result<()>;
}
