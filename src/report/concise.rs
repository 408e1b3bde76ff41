//! `--format concise`: one line per finding, `path:line:col: severity[rule] message`, the
//! shape grep, `cut` and editors' quickfix lists (Vim's `errorformat`, Emacs'
//! compilation mode) read.

use std::io::{self, Write};

use super::Reporter;
use crate::finding::Finding;

/// Writes one line per finding to `out`.
pub struct ConciseReport<W: Write> {
    out: W,
}

impl<W: Write> ConciseReport<W> {
    /// A report written to `out`.
    pub fn new(out: W) -> Self {
        Self { out }
    }
}

impl<W: Write> Reporter for ConciseReport<W> {
    fn report(&mut self, findings: &[Finding]) -> io::Result<()> {
        for finding in findings {
            writeln!(self.out, "{}", line(finding))?;
        }
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// `path:line:col: severity[rule] message` for one finding; a line break in a message
/// becomes a space, so every finding stays on its own line.
pub fn line(finding: &Finding) -> String {
    let message = finding
        .message
        .replace("\r\n", " ")
        .replace(['\n', '\r'], " ");
    format!(
        "{}:{}:{}: {}[{}] {message}",
        finding.file, finding.line, finding.column, finding.severity, finding.rule
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Severity;

    #[test]
    fn one_line_per_finding_even_when_the_message_has_line_breaks() {
        let finding = Finding {
            file: "news/a.md".into(),
            line: 3,
            column: 14,
            end_line: 3,
            end_column: 16,
            rule: "spacing.double-space".into(),
            severity: Severity::Warning,
            message: "Two spaces\r\nhere\nnow".into(),
            found: "  ".into(),
            suggestion: Some(" ".into()),
            context: String::new(),
            fingerprint: String::new(),
            span: 0..2,
            fix: true,
            excerpt: Default::default(),
        };
        assert_eq!(
            line(&finding),
            "news/a.md:3:14: warning[spacing.double-space] Two spaces here now"
        );
    }
}
