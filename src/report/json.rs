//! `--format json`: one JSON document holding every finding and a summary of the run.
//! Findings are written as they come, so memory stays flat; the summary closes the document.

use std::io::{self, Write};

use super::{Reporter, RunTotals};
use crate::finding::Finding;

/// Writes `{"findings": [...], "summary": {...}}` to `out`.
pub struct JsonReport<W: Write> {
    out: W,
    started: bool,
    totals: RunTotals,
}

impl<W: Write> JsonReport<W> {
    /// A report written to `out`.
    pub fn new(out: W) -> Self {
        Self {
            out,
            started: false,
            totals: RunTotals::default(),
        }
    }

    fn start(&mut self) -> io::Result<()> {
        if !self.started {
            self.out.write_all(b"{\"findings\":[")?;
            self.started = true;
        }
        Ok(())
    }
}

impl<W: Write> Reporter for JsonReport<W> {
    fn report(&mut self, findings: &[Finding]) -> io::Result<()> {
        self.start()?;
        for finding in findings {
            if self.totals.findings() > 0 {
                self.out.write_all(b",")?;
            }
            self.totals.add(finding);
            serde_json::to_writer(&mut self.out, finding)?;
        }
        self.totals.files += 1;
        Ok(())
    }

    fn fixes_applied(&mut self, count: usize) {
        self.totals.fixes += count;
    }

    fn finish(&mut self) -> io::Result<()> {
        self.start()?;
        self.out.write_all(b"],\"summary\":")?;
        serde_json::to_writer(&mut self.out, &self.totals.to_value())?;
        self.out.write_all(b"}\n")?;
        self.out.flush()
    }
}
