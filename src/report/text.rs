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
    fn report(&mut self, document: Option<&Document>, findings: &[Finding]) -> io::Result<()> {
        for finding in findings {
            self.write_finding(document, finding)?;
        }
        Ok(())
    }

    fn shows_source(&self) -> bool {
        true
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

impl<W: Write> TextReport<W> {
    /// Writes one finding: its location and message, then (given the document) the line
    /// it is on with carets under the flagged text.
    fn write_finding(&mut self, document: Option<&Document>, finding: &Finding) -> io::Result<()> {
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
        let Some(document) = document else {
            return Ok(());
        };
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
    let flagged_end = line[start..end]
        .char_indices()
        .nth(2 * EXCERPT_MARGIN)
        .map_or(end, |(i, _)| start + i);
    let after_start = if flagged_end == end { end } else { line.len() };
    let after = &line[after_start..];
    let after_end = after
        .char_indices()
        .nth(EXCERPT_MARGIN)
        .map_or(after.len(), |(i, _)| i);
    let mut shown = String::with_capacity(flagged_end - before_start + after_end + 6);
    if before_start > 0 {
        shown.push('…');
    }
    shown.push_str(&line[before_start..start]);
    let caret_start = shown.chars().count();
    let flagged = &line[start..flagged_end];
    let caret_len = flagged.chars().count();
    shown.push_str(flagged);
    shown.push_str(&after[..after_end]);
    if after_start + after_end < line.len() || after_start > end {
        shown.push('…');
    }
    // Control characters (C0, DEL, C1: the bytes below 0x20, 0x7F, and 0xC2 0x80–0x9F)
    // would upset the terminal; most lines hold none and are shown as they are.
    let has_control = shown.bytes().any(|b| b < 0x20 || b == 0x7F || b == 0xC2);
    if has_control {
        shown = shown
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
    }
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
    fn control_characters_are_shown_as_spaces() {
        let line = "a\tb\u{85}c\u{7F}d ¬ é";
        let (shown, caret, len) = excerpt(line, 0, 1);
        assert_eq!(shown, "a b c d ¬ é");
        assert_eq!((caret, len), (0, 1));
    }

    #[test]
    fn long_flagged_text_is_cut_too() {
        let line = format!("ab{}cd", "x".repeat(500));
        let (shown, caret, len) = excerpt(&line, 2, 502);
        assert_eq!((caret, len), (2, 120));
        assert_eq!(shown, format!("ab{}…", "x".repeat(120)));
    }
}
