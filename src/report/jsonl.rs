//! `--format jsonl`: one JSON object per finding and per line, streamed as files are
//! checked, for `jq` and log pipelines.

use std::io::{self, Write};

use super::Reporter;
use crate::finding::Finding;

/// Writes one line of JSON per finding to `out`.
pub struct JsonLinesReport<W: Write> {
    out: W,
}

impl<W: Write> JsonLinesReport<W> {
    /// A report written to `out`.
    pub fn new(out: W) -> Self {
        Self { out }
    }
}

impl<W: Write> Reporter for JsonLinesReport<W> {
    fn report(&mut self, findings: &[Finding]) -> io::Result<()> {
        for finding in findings {
            serde_json::to_writer(&mut self.out, finding)?;
            self.out.write_all(b"\n")?;
        }
        self.out.flush()
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
