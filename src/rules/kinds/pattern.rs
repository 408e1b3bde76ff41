//! `pattern`: a regular expression over each prose run.
//!
//! The match (or one capture group of it, `report`) is flagged. `exceptions` are regexes
//! that veto a match when one of their matches in the same run covers the flagged text
//! (`U.S.` vetoes a missing space after its first dot). An exception with a capture group
//! vetoes only what its first group covers: the regex crate has no look-behind, so the
//! context before an exception (`(?:^|\W)((?:\p{L}\.){2,})` for initials after no
//! letter) is matched but does not veto. The suggestion may use `$1` or `${name}`.
//! After a match, the search goes on from the end of the flagged text, so the context a
//! pattern needs around it (`\S(  +)\S`) may be shared by neighbouring matches.
//! A rule with `requires` (strings one of which every match holds) stays out of the scan
//! the engine shares between pattern rules and runs only on the prose runs that hold one
//! of them: a pattern that starts with a letter (`them\.`, `[IVX]+ century`) would keep
//! that shared scan from passing over words.

use aho_corasick::{AhoCorasick, MatchKind};
use memchr::memmem;
use regex::{Regex, RegexBuilder};
use std::ops::Range;

use crate::document::{Document, Segment};
use crate::rules::spec::{SpecError, rule_spec};
use crate::rules::{Check, Hit};

rule_spec! {
    /// The rule-file fields of a `pattern` rule.
    pub struct Spec {
        /// The regular expression (Rust `regex` syntax; linear time, no backreferences).
        pub pattern: toml::Spanned<String>,
        /// The capture group whose text is flagged; 0 for the whole match.
        #[serde(default)]
        pub report: Option<toml::Spanned<usize>>,
        /// Regexes whose matches (or first capture groups) veto a finding they cover.
        #[serde(default)]
        pub exceptions: Vec<toml::Spanned<String>>,
        /// The replacement for the flagged text; `$1` and `${name}` refer to groups.
        #[serde(default)]
        pub suggestion: Option<String>,
        /// Strings one of which every match holds; see the module documentation.
        #[serde(default)]
        pub requires: Vec<toml::Spanned<String>>,
    }
}

/// Compiles a `pattern` rule.
pub fn compile(spec: Spec) -> Result<Box<dyn Check>, SpecError> {
    let regex = build_regex("pattern", &spec.pattern)?;
    let exceptions = spec
        .exceptions
        .iter()
        .map(|exception| build_regex("exceptions", exception))
        .collect::<Result<_, _>>()?;
    let groups = regex.captures_len();
    let report = match &spec.report {
        Some(report) if *report.get_ref() >= groups => {
            return Err(SpecError::at(
                "report",
                report,
                format!("the pattern has no capture group {}", report.get_ref()),
            ));
        }
        Some(report) => *report.get_ref(),
        None => 0,
    };
    if let Some(empty) = spec
        .requires
        .iter()
        .find(|literal| literal.get_ref().is_empty())
    {
        return Err(SpecError::at(
            "requires",
            empty,
            "an empty string is in every text".to_string(),
        ));
    }
    let requires: Vec<_> = spec
        .requires
        .iter()
        .map(|literal| memmem::Finder::new(literal.get_ref().as_bytes()).into_owned())
        .collect();
    // Leftmost-first, since only that search uses the SIMD prefilter.
    let any_required = match spec.requires.as_slice() {
        [first, _, ..] => Some(
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostFirst)
                .build(spec.requires.iter().map(|literal| literal.get_ref()))
                .map_err(|err| SpecError::at("requires", first, err.to_string()))?,
        ),
        _ => None,
    };
    Ok(Box::new(PatternCheck {
        regex,
        report,
        exceptions,
        suggestion: spec.suggestion,
        requires,
        any_required,
    }))
}

fn build_regex(field: &'static str, pattern: &toml::Spanned<String>) -> Result<Regex, SpecError> {
    RegexBuilder::new(pattern.get_ref())
        .build()
        .map_err(|err| SpecError::at(field, pattern, format!("invalid regex: {err}")))
}

struct PatternCheck {
    regex: Regex,
    report: usize,
    exceptions: Vec<Regex>,
    suggestion: Option<String>,
    /// Strings one of which every match holds, each with its searcher built once (building
    /// one per paragraph cost more than the search); empty when the rule is in the shared
    /// scan.
    requires: Vec<memmem::Finder<'static>>,
    /// For two required strings or more, one searcher of them all: it tells in one pass
    /// whether a text holds any (most hold none) before each is looked for.
    any_required: Option<AhoCorasick>,
}

impl PatternCheck {
    /// Where the exceptions match in `text`: sorted by start, with the furthest end
    /// reached so far, so that each veto is one binary search.
    fn exception_spans(&self, text: &str) -> ExceptionSpans {
        let mut spans: Vec<(usize, usize)> = Vec::new();
        for exception in &self.exceptions {
            if exception.captures_len() > 1 {
                spans.extend(
                    exception
                        .captures_iter(text)
                        .filter_map(|captures| captures.get(1))
                        .map(|group| (group.start(), group.end())),
                );
            } else {
                spans.extend(exception.find_iter(text).map(|m| (m.start(), m.end())));
            }
        }
        spans.sort_unstable();
        let mut furthest = 0;
        for span in &mut spans {
            furthest = furthest.max(span.1);
            span.1 = furthest;
        }
        ExceptionSpans(spans)
    }
}

/// Exception matches of one prose run; `.1` is the furthest end of any match starting at
/// or before `.0`.
struct ExceptionSpans(Vec<(usize, usize)>);

impl ExceptionSpans {
    /// Whether an exception match covers `flagged`.
    fn cover(&self, flagged: std::ops::Range<usize>) -> bool {
        let starting_before = self.0.partition_point(|&(start, _)| start <= flagged.start);
        starting_before > 0 && self.0[starting_before - 1].1 >= flagged.end
    }
}

impl Check for PatternCheck {
    fn check(&self, document: &Document, hits: &mut Vec<Hit>) {
        if self.requires.is_empty() {
            for segment in document.segments() {
                self.check_run(document, segment, hits);
            }
            return;
        }
        // The required strings are searched for once in the whole text, not once per
        // prose run: most documents hold none, and then no run is visited.
        let text = document.text().as_bytes();
        if self
            .any_required
            .as_ref()
            .is_some_and(|any| !any.is_match(text))
        {
            return;
        }
        let mut held: Vec<Range<usize>> = self
            .requires
            .iter()
            .flat_map(|literal| {
                let len = literal.needle().len();
                literal.find_iter(text).map(move |at| at..at + len)
            })
            .collect();
        if held.is_empty() {
            return;
        }
        held.sort_unstable_by_key(|range| range.start);
        for segment in document.segments() {
            let run = &segment.range;
            let first = held.partition_point(|range| range.start < run.start);
            let holds = held[first..]
                .iter()
                .take_while(|range| range.start < run.end)
                .any(|range| range.end <= run.end);
            if holds {
                self.check_run(document, segment, hits);
            }
        }
    }

    fn run_regexes(&self) -> Vec<&Regex> {
        if self.requires.is_empty() {
            vec![&self.regex]
        } else {
            Vec::new()
        }
    }

    fn check_runs(&self, document: &Document, runs: &[Vec<usize>], hits: &mut Vec<Hit>) {
        for &run in runs.iter().flatten() {
            self.check_run(document, &document.segments()[run], hits);
        }
    }
}

impl PatternCheck {
    /// Reports the matches in one prose run.
    fn check_run(&self, document: &Document, segment: &Segment, hits: &mut Vec<Hit>) {
        let text = document.segment_text(segment);
        let mut exceptions = None;
        let mut at = 0;
        while at <= text.len() {
            let Some(captures) = self.regex.captures_at(text, at) else {
                break;
            };
            let whole = captures.get(0).expect("group 0 is always present");
            at = next_start(text, whole.start(), whole.end());
            let Some(flagged) = captures.get(self.report) else {
                continue;
            };
            if flagged.end() > whole.start() {
                at = flagged.end();
            }
            if !self.exceptions.is_empty()
                && exceptions
                    .get_or_insert_with(|| self.exception_spans(text))
                    .cover(flagged.range())
            {
                continue;
            }
            let suggestion = self.suggestion.as_ref().map(|template| {
                let mut expanded = String::new();
                captures.expand(template, &mut expanded);
                expanded
            });
            let start = segment.range.start;
            hits.push(Hit::new(
                start + flagged.start()..start + flagged.end(),
                suggestion,
            ));
        }
    }
}

/// Where to search next after a match: its end, or one character on for an empty match.
fn next_start(text: &str, start: usize, end: usize) -> usize {
    if end > start {
        end
    } else {
        end + text[end..].chars().next().map_or(1, char::len_utf8)
    }
}
