//! Compiler-style diagnostics for people: `path:line:col`, severity, rule id and message,
//! then the line with the flagged text marked and the suggestion. Colour is decided by the
//! output stream (terminals only, `NO_COLOR` honoured).

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use super::Reporter;
use crate::finding::{Excerpt, Finding};
use crate::rules::Severity;

/// Writes diagnostics to `out`.
pub struct TextReport<W: Write> {
    out: W,
    colour: bool,
}

impl<W: Write> TextReport<W> {
    /// A report written to `out`, in colour if `colour`. Without colour no escape codes
    /// are written at all, so a pipe or a file gets plain text without a stream having to
    /// strip them byte by byte.
    pub fn new(out: W, colour: bool) -> Self {
        Self { out, colour }
    }

    /// `style` if the report is in colour; else the plain style, which writes nothing.
    fn paint(&self, style: Style) -> Style {
        if self.colour { style } else { Style::new() }
    }
}

const BOLD: Style = Style::new().bold();
const GUTTER: Style = AnsiColor::Blue.on_default().bold();
const HELP: Style = AnsiColor::Cyan.on_default().bold();

fn severity_style(severity: Severity) -> Style {
    match severity {
        Severity::Error => AnsiColor::Red.on_default().bold(),
        Severity::Warning => AnsiColor::Yellow.on_default().bold(),
        Severity::Info => AnsiColor::Blue.on_default().bold(),
    }
}

impl<W: Write> Reporter for TextReport<W> {
    fn report(&mut self, findings: &[Finding]) -> io::Result<()> {
        for finding in findings {
            self.write_finding(finding)?;
        }
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

impl<W: Write> TextReport<W> {
    /// Writes one finding: its location and message, then the excerpt of its line it
    /// carries, with carets under the flagged text.
    fn write_finding(&mut self, finding: &Finding) -> io::Result<()> {
        let style = self.paint(severity_style(finding.severity));
        let (bold, gutter, help) = (self.paint(BOLD), self.paint(GUTTER), self.paint(HELP));
        writeln!(
            self.out,
            "{bold}{}:{}:{}:{bold:#} {style}{}[{}]{style:#} {bold}{}{bold:#}",
            finding.file,
            finding.line,
            finding.column,
            finding.severity,
            finding.rule,
            finding.message
        )?;
        let Excerpt {
            text: excerpt,
            caret_start,
            caret_len,
        } = &finding.excerpt;
        let (caret_start, caret_len) = (*caret_start, *caret_len);
        let number = finding.line;
        let pad = number.checked_ilog10().unwrap_or(0) as usize + 1;
        writeln!(self.out, "{gutter}{number} |{gutter:#} {excerpt}")?;
        write!(
            self.out,
            "{gutter}{:pad$} |{gutter:#} {:caret_start$}{style}{:^<carets$}{style:#}",
            "",
            "",
            "",
            carets = caret_len.max(1)
        )?;
        match &finding.suggestion {
            Some(suggestion) if suggestion.is_empty() => {
                write!(self.out, " {help}help:{help:#} delete it")?
            }
            Some(suggestion) => {
                write!(self.out, " {help}help:{help:#} replace with {suggestion:?}")?
            }
            None => {}
        }
        writeln!(self.out)
    }
}
