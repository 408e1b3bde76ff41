//! Running a rule's own examples: what `transcheck rules test` and the test suite do to
//! prove that every rule flags what it says and leaves its look-alikes alone.

use std::fmt;

use super::{Hit, Rule};
use crate::document::Document;
use crate::source::paired::PairedSource;

/// An example whose findings differ from what it declares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    /// The rule id.
    pub rule: String,
    /// 1-based number of the example in the rule's list; 0 when the rule has none.
    pub example: usize,
    /// The example text.
    pub text: String,
    /// What went wrong.
    pub reason: String,
}

impl fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.example == 0 {
            write!(f, "rule `{}`: {}", self.rule, self.reason)
        } else {
            write!(
                f,
                "rule `{}`, example {} ({:?}): {}",
                self.rule, self.example, self.text, self.reason
            )
        }
    }
}

/// Runs every example of `rule`; a rule without examples, or without an example of
/// each side (flagged and allowed), fails.
pub fn run_examples(rule: &Rule) -> Vec<ExampleFailure> {
    let meta = &rule.meta;
    let failure = |example: usize, text: &str, reason: String| ExampleFailure {
        rule: meta.id.clone(),
        example,
        text: text.to_string(),
        reason,
    };
    let mut failures = Vec::new();
    if !meta.examples.iter().any(|e| e.findings > 0) {
        failures.push(failure(0, "", "no example of text it flags".into()));
    }
    if !meta.examples.iter().any(|e| e.findings == 0) {
        failures.push(failure(0, "", "no example of text it must not flag".into()));
    }
    for (number, example) in meta.examples.iter().enumerate() {
        let document = Document::from_text("example", &example.text);
        let document = match &example.source {
            Some(source) => document.with_paired_source(PairedSource::new(
                "example source".into(),
                source.clone(),
                None,
                &example.text,
            )),
            None => document,
        };
        let mut hits: Vec<Hit> = Vec::new();
        rule.check.check(&document, &mut hits);
        hits.sort_by_key(|hit| (hit.span.start, hit.span.end));
        let found: Vec<&str> = hits
            .iter()
            .map(|hit| &document.source()[document.to_source(hit.span.clone())])
            .collect();
        let suggestions: Vec<&str> = hits
            .iter()
            .map(|hit| hit.suggestion.as_deref().unwrap_or(""))
            .collect();
        let reason = if hits.len() != example.findings {
            Some(format!(
                "expected {} finding(s), found {}: {found:?}",
                example.findings,
                hits.len()
            ))
        } else if example.found.as_ref().is_some_and(|f| *f != found) {
            Some(format!(
                "expected found {:?}, got {found:?}",
                example.found.as_deref().unwrap_or_default()
            ))
        } else if example
            .suggestions
            .as_ref()
            .is_some_and(|s| *s != suggestions)
        {
            Some(format!(
                "expected suggestions {:?}, got {suggestions:?}",
                example.suggestions.as_deref().unwrap_or_default()
            ))
        } else {
            None
        };
        failures.extend(reason.map(|reason| failure(number + 1, &example.text, reason)));
    }
    failures
}
