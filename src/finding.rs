//! Findings as users see them: a rule's hit located in the original file, with the
//! flagged text, its context and a fingerprint that survives edits elsewhere in the file.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::document::{Document, LineIndex, Locator};
use crate::fnv::Fnv;
use crate::rules::Severity;

/// One reported defect. Its serde mapping is the one every machine-readable output shares
/// (JSON, JSON Lines, corpus mode's spill file): the CSV report's columns under the same
/// names, then `fix`. The span is the engine's, kept out of the outputs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The path as given or walked.
    pub file: String,
    /// 1-based line of the first flagged character.
    pub line: usize,
    /// 1-based column (in characters) of the first flagged character.
    pub column: usize,
    /// 1-based line of the position just past the flagged text.
    pub end_line: usize,
    /// 1-based column of the position just past the flagged text.
    pub end_column: usize,
    /// `category.name`.
    pub rule: String,
    /// Severity after configuration.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// The exact flagged text.
    pub found: String,
    /// The replacement, when the rule has one (possibly empty: delete the text).
    pub suggestion: Option<String>,
    /// The flagged text with some surrounding words, on one line.
    pub context: String,
    /// Stable identity of the finding, independent of its line number.
    pub fingerprint: String,
    /// Byte range of the flagged text in the source.
    #[serde(skip)]
    pub span: Range<usize>,
    /// Whether there is a suggestion and it is safe to apply automatically (not in the
    /// CSV report, so false for a finding read back from one).
    #[serde(default)]
    pub fix: bool,
    /// The flagged text in its line, as the text output shows it: what a writer shows of
    /// the source, so that no writer needs the document.
    #[serde(skip)]
    pub excerpt: Excerpt,
}

/// The part of a finding's first line that is shown with it, and where the carets go.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Excerpt {
    /// The line around the flagged text: at most [`EXCERPT_MARGIN`] characters on each
    /// side, control characters shown as spaces, `…` where it is cut.
    pub text: String,
    /// Where the flagged text starts in `text`, in characters.
    pub caret_start: usize,
    /// How many characters of `text` are flagged.
    pub caret_len: usize,
}

impl Finding {
    /// The order of a document's findings: by position, then rule id, then end.
    pub fn report_order(&self, other: &Self) -> Ordering {
        order_key(&self.span, &self.rule).cmp(&order_key(&other.span, &other.rule))
    }
}

/// The key findings are sorted by within a document (and hits before they become
/// findings, which numbers identical findings in that order): start, rule id, end.
pub fn order_key<'a>(span: &Range<usize>, rule: &'a str) -> (usize, &'a str, usize) {
    (span.start, rule, span.end)
}

/// What a rule says about a span of a document, before it is located.
pub struct Said<'a> {
    /// The rule id.
    pub rule: &'a str,
    /// Its severity.
    pub severity: Severity,
    /// The message, placeholders filled in.
    pub message: String,
    /// Byte range in the document's source.
    pub span: Range<usize>,
    /// The replacement, if any.
    pub suggestion: Option<String>,
    /// The flagged text with its surroundings ([`context`]).
    pub context: String,
    /// Whether the rule's suggestions are safe to apply automatically.
    pub fix: bool,
}

/// Makes the findings of one document, in report order: locates each (line and column
/// of its start and end) and numbers identical ones for their fingerprints. The one
/// place a [`Finding`] is built.
pub struct Findings<'d> {
    path: &'d str,
    source: &'d str,
    lines: &'d LineIndex,
    starts: Locator<'d>,
    ends: Locator<'d>,
    ordinals: Ordinals<'d>,
}

impl<'d> Findings<'d> {
    /// A maker for the findings of `document`.
    pub fn of(document: &'d Document) -> Self {
        let source = document.source();
        Self {
            path: document.path(),
            source,
            lines: document.lines(),
            starts: Locator::new(source, document.lines()),
            ends: Locator::new(source, document.lines()),
            ordinals: Ordinals::default(),
        }
    }

    /// The finding for what a rule said; called in report order.
    pub fn make(&mut self, said: Said<'d>) -> Finding {
        let start = self.starts.position(said.span.start);
        let end = self.ends.position(said.span.end);
        let found = &self.source[said.span.clone()];
        let ordinal = self.ordinals.next(said.rule, found, &said.context);
        let line = self.lines.line_range(self.source, start.line - 1);
        let flagged_end = said.span.end.min(line.end).max(said.span.start);
        let excerpt = excerpt(
            &self.source[line.clone()],
            said.span.start - line.start,
            flagged_end - line.start,
        );
        Finding {
            file: self.path.to_string(),
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            rule: said.rule.to_string(),
            severity: said.severity,
            message: said.message,
            found: found.to_string(),
            fingerprint: fingerprint(self.path, said.rule, found, &said.context, ordinal),
            context: said.context,
            fix: said.fix && said.suggestion.is_some(),
            suggestion: said.suggestion,
            span: said.span,
            excerpt,
        }
    }
}

/// How many characters of a long line are shown on each side of the flagged text.
pub const EXCERPT_MARGIN: usize = 60;

/// How many characters of context to keep on each side of the flagged text.
const CONTEXT_CHARS: usize = 30;

/// The flagged text `span` of `text` with up to `CONTEXT_CHARS` characters on each side,
/// cut at word boundaries, kept within `bounds` (the paragraph's prose) and within the
/// flagged lines, with line breaks and tabs shown as spaces.
pub fn context(text: &str, span: &Range<usize>, bounds: &Range<usize>) -> String {
    let before = &text[bounds.start.min(span.start)..span.start];
    let after = &text[span.end..bounds.end.max(span.end)];
    let mut before_start = before
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(0, |(i, _)| i);
    if let Some(newline) = before[before_start..].rfind('\n') {
        before_start += newline + 1;
    } else if before_start > 0 {
        before_start = before[before_start..]
            .find(' ')
            .map_or(before_start, |i| before_start + i + 1);
    }
    let mut after_end = after
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(after.len(), |(i, _)| i);
    if let Some(newline) = after[..after_end].find(['\r', '\n']) {
        after_end = newline;
    } else if after_end < after.len() {
        after_end = after[..after_end].rfind(' ').unwrap_or(after_end);
    }
    let mut context = String::with_capacity(span.len() + 2 * CONTEXT_CHARS);
    context.push_str(&before[before_start..]);
    context.push_str(&text[span.clone()]);
    context.push_str(&after[..after_end]);
    context
        .replace("\r\n", " ")
        .replace(['\n', '\r', '\t'], " ")
}

/// A fingerprint from the file, rule, flagged text, context and the number of earlier
/// identical findings in the file: FNV-1a, 64 bits, as 16 hex digits.
pub fn fingerprint(file: &str, rule: &str, found: &str, context: &str, ordinal: usize) -> String {
    let mut hash = Fnv::default();
    let ordinal = ordinal.to_string();
    for part in [file, rule, found, context, &ordinal] {
        hash.write(part.as_bytes());
        hash.write(&[0xff]);
    }
    format!("{:016x}", hash.finish())
}

/// Numbers identical findings (same rule, text and context) in order of appearance, so
/// each of them gets its own fingerprint.
#[derive(Default)]
struct Ordinals<'a> {
    seen: HashMap<(&'a str, String, String), usize>,
}

impl<'a> Ordinals<'a> {
    /// The number of earlier findings with the same rule, found text and context.
    fn next(&mut self, rule: &'a str, found: &str, context: &str) -> usize {
        let count = self
            .seen
            .entry((rule, found.to_string(), context.to_string()))
            .or_default();
        *count += 1;
        *count - 1
    }
}

/// Fills the placeholders of a rule's message in one pass: `{found}`, `{suggestion}` and
/// the kind's own `values`. A brace around anything else is text, left as written.
pub fn render_message(
    template: &str,
    found: &str,
    suggestion: Option<&str>,
    values: &[(&str, String)],
) -> String {
    if !template.contains('{') {
        return template.to_string();
    }
    let mut message = String::with_capacity(template.len() + found.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        message.push_str(&rest[..open]);
        rest = &rest[open..];
        let value = rest.find('}').and_then(|close| {
            let name = &rest[1..close];
            let value = match name {
                "found" => Some(found),
                "suggestion" => Some(suggestion.unwrap_or("")),
                _ => values
                    .iter()
                    .find(|(key, _)| *key == name)
                    .map(|(_, value)| value.as_str()),
            };
            value.map(|value| (value, close + 1))
        });
        match value {
            Some((value, length)) => {
                message.push_str(value);
                rest = &rest[length..];
            }
            None => {
                message.push('{');
                rest = &rest[1..];
            }
        }
    }
    message.push_str(rest);
    message
}

/// The part of `line` shown for the flagged byte range `start..end`: at most
/// [`EXCERPT_MARGIN`] characters on each side of it (and of the flagged text), control
/// characters shown as spaces; and where the caret goes, in characters. Costs time in
/// proportion to the excerpt, not the line, so huge lines stay cheap.
fn excerpt(line: &str, start: usize, end: usize) -> Excerpt {
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
    Excerpt {
        text: shown,
        caret_start,
        caret_len,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_cut_at_word_boundaries_on_one_line() {
        let text = "First line.\nThe minister of foreign affairs said  that the talks would resume next week.\nLast.";
        let start = text.find("  ").expect("present");
        let context = context(text, &(start..start + 2), &(0..text.len()));
        assert_eq!(
            context,
            "of foreign affairs said  that the talks would resume"
        );
    }

    #[test]
    fn context_stops_at_line_ends_and_bounds() {
        let text = "<p>Short  line\r\nnext</p>";
        let start = text.find("  ").expect("present");
        assert_eq!(
            context(text, &(start..start + 2), &(3..text.len() - 4)),
            "Short  line"
        );
    }

    #[test]
    fn messages_get_every_placeholder_filled_once() {
        let values = [("script", "Cyrillic {found}".to_string())];
        assert_eq!(
            render_message(
                "{script} in `{found}`, not `{suggestion}` {} {other}",
                "Кyrgyz",
                Some("Kyrgyz"),
                &values
            ),
            "Cyrillic {found} in `Кyrgyz`, not `Kyrgyz` {} {other}"
        );
        assert_eq!(render_message("{found", "x", None, &[]), "{found");
    }

    #[test]
    fn fingerprints_ignore_line_numbers_but_not_text() {
        let a = fingerprint("a.txt", "spacing.double-space", "  ", "said  that", 0);
        assert_eq!(
            a,
            fingerprint("a.txt", "spacing.double-space", "  ", "said  that", 0)
        );
        assert_ne!(
            a,
            fingerprint("a.txt", "spacing.double-space", "  ", "said  this", 0)
        );
        assert_ne!(
            a,
            fingerprint("a.txt", "spacing.double-space", "  ", "said  that", 1)
        );
    }

    #[test]
    fn long_lines_are_cut_around_the_flagged_text() {
        let line = format!("{}X{}", "a".repeat(100), "b".repeat(100));
        let Excerpt {
            text: shown,
            caret_start: caret,
            caret_len: len,
        } = excerpt(&line, 100, 101);
        assert_eq!(shown.chars().count(), 1 + 60 + 1 + 60 + 1);
        assert_eq!(caret, 61);
        assert_eq!(len, 1);
        assert_eq!(shown.chars().nth(caret), Some('X'));
    }

    #[test]
    fn control_characters_are_shown_as_spaces() {
        let line = "a\tb\u{85}c\u{7F}d ¬ é";
        let Excerpt {
            text: shown,
            caret_start: caret,
            caret_len: len,
        } = excerpt(line, 0, 1);
        assert_eq!(shown, "a b c d ¬ é");
        assert_eq!((caret, len), (0, 1));
    }

    #[test]
    fn long_flagged_text_is_cut_too() {
        let line = format!("ab{}cd", "x".repeat(500));
        let Excerpt {
            text: shown,
            caret_start: caret,
            caret_len: len,
        } = excerpt(&line, 2, 502);
        assert_eq!((caret, len), (2, 120));
        assert_eq!(shown, format!("ab{}…", "x".repeat(120)));
    }
}
