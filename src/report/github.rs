//! `--format github`: GitHub Actions workflow commands, one per finding, which GitHub shows
//! as annotations on the pull request's changed lines.

use std::io::{self, Write};

use super::Reporter;
use crate::finding::Finding;
use crate::rules::Severity;

/// Writes `::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=RULE::message` lines.
pub struct GithubReport<W: Write> {
    out: W,
}

impl<W: Write> GithubReport<W> {
    /// A report written to `out`.
    pub fn new(out: W) -> Self {
        Self { out }
    }
}

impl<W: Write> Reporter for GithubReport<W> {
    fn report(&mut self, findings: &[Finding]) -> io::Result<()> {
        for finding in findings {
            writeln!(self.out, "{}", command(finding))?;
        }
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// The workflow command for one finding.
pub fn command(finding: &Finding) -> String {
    let level = match finding.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    format!(
        "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
        escape_property(&finding.file),
        finding.line,
        finding.column,
        finding.end_line,
        finding.end_column,
        escape_property(&finding.rule),
        escape_data(&finding.message),
    )
}

/// The message of a command: `%`, carriage return and line feed are percent-encoded.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value of a command: as data, and `:` and `,` too, which separate properties.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_and_line_breaks_are_escaped() {
        assert_eq!(
            escape_data("50% done\r\nnext: a,b"),
            "50%25 done%0D%0Anext: a,b"
        );
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
