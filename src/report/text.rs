//! Compiler-style diagnostics for people: `path:line:col`, severity, rule id and message,
//! then the line with the flagged text marked and the suggestion. Colour is decided by the
//! output stream (terminals only, `NO_COLOR` honoured).

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use super::Reporter;
use crate::document::Document;
use crate::finding::Finding;
use crate::rules::Severity;

/// How many characters of a long line are shown on each side of the flagged text.
const EXCERPT_MARGIN: usize = 60;

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
    fn report(&mut self, document: &Document, findings: &[Finding]) -> io::Result<()> {
        for finding in findings {
            self.write_finding(document, finding)?;
        }
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

impl<W: Write> TextReport<W> {
    fn write_finding(&mut self, document: &Document, finding: &Finding) -> io::Result<()> {
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
        let source = document.source();
        let lines = document.lines();
        let line_range = lines.line_range(source, finding.line - 1);
        let line_text = &source[line_range.clone()];
        let flagged_end = finding.span.end.min(line_range.end).max(finding.span.start);
        let (excerpt, caret_start, caret_len) = excerpt(
            line_text,
            finding.span.start - line_range.start,
            flagged_end - line_range.start,
        );
        let number = finding.line.to_string();
        let pad = " ".repeat(number.len());
        writeln!(self.out, "{gutter}{number} |{gutter:#} {excerpt}")?;
        write!(
            self.out,
            "{gutter}{pad} |{gutter:#} {}{style}{}{style:#}",
            " ".repeat(caret_start),
            "^".repeat(caret_len.max(1))
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

/// The part of `line` shown for the flagged byte range `start..end`: at most
/// [`EXCERPT_MARGIN`] characters on each side of it (and of the flagged text), control
/// characters shown as spaces; and where the caret goes, in characters. Costs time in
/// proportion to the excerpt, not the line, so huge lines stay cheap.
fn excerpt(line: &str, start: usize, end: usize) -> (String, usize, usize) {
    let before_start = line[..start]
        .char_indices()
        .rev()
        .nth(EXCERPT_MARGIN - 1)
        .map_or(0, |(i, _)| i);
    let mut flagged_chars = line[start..end].chars();
    let flagged: String = flagged_chars.by_ref().take(2 * EXCERPT_MARGIN).collect();
    let after_start = if flagged_chars.as_str().is_empty() {
        end
    } else {
        line.len()
    };
    let after = &line[after_start..];
    let after_end = after
        .char_indices()
        .nth(EXCERPT_MARGIN)
        .map_or(after.len(), |(i, _)| i);
    let mut shown = String::new();
    if before_start > 0 {
        shown.push('…');
    }
    shown.push_str(&line[before_start..start]);
    let caret_start = shown.chars().count();
    let caret_len = flagged.chars().count();
    shown.push_str(&flagged);
    shown.push_str(&after[..after_end]);
    if after_start + after_end < line.len() || after_start > end {
        shown.push('…');
    }
    let shown = shown
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    (shown, caret_start, caret_len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_cut_around_the_flagged_text() {
        let line = format!("{}X{}", "a".repeat(100), "b".repeat(100));
        let (shown, caret, len) = excerpt(&line, 100, 101);
        assert_eq!(shown.chars().count(), 1 + 60 + 1 + 60 + 1);
        assert_eq!(caret, 61);
        assert_eq!(len, 1);
        assert_eq!(shown.chars().nth(caret), Some('X'));
    }

    #[test]
    fn long_flagged_text_is_cut_too() {
        let line = format!("ab{}cd", "x".repeat(500));
        let (shown, caret, len) = excerpt(&line, 2, 502);
        assert_eq!((caret, len), (2, 120));
        assert_eq!(shown, format!("ab{}…", "x".repeat(120)));
    }
}
