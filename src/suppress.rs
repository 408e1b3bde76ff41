//! Suppression: findings an author or a project has chosen not to see. In Markdown and HTML,
//! comments switch rules off for a stretch of text or for the next line; in the
//! configuration, `[per-file-ignores]` switches rules off for files matching a glob. A
//! comment naming a rule that does not exist is itself reported, as a finding of
//! [`UNKNOWN_RULE`], so a typo never silently disables nothing.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use globset::GlobSet;
use regex::Regex;

use crate::document::{Document, Format, Locator};
use crate::finding::{Finding, Findings, Said, context};
use crate::inputs::{GlobError, glob_set};
use crate::rules::{SelectionError, Severity, selects};

/// The rule id of findings about suppression comments that name no known rule.
pub const UNKNOWN_RULE: &str = "suppression.unknown-rule";

/// `<!-- transcheck-disable RULE… -->`, `-enable`, `-disable-next-line`.
static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<!--[ \t]*transcheck-(disable-next-line|disable|enable)\b([^>]*?)-->")
        .expect("a valid regex")
});

/// A rule id or category in a suppression comment's list.
static SELECTOR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[^\s,]+").expect("a valid regex"));

/// What a run suppresses: the known rule ids (to validate comments) and the configuration's
/// per-file ignores.
#[derive(Debug, Default)]
pub struct Suppressions {
    known: Vec<String>,
    per_file: Vec<(GlobSet, Vec<String>)>,
    base: PathBuf,
}

/// A `[per-file-ignores]` entry that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum PerFileError {
    /// The glob does not parse.
    #[error("per-file-ignores: {0}")]
    Glob(#[from] GlobError),
    /// A rule selector names no rule.
    #[error(transparent)]
    Rule(#[from] SelectionError),
}

impl Suppressions {
    /// Suppressions validated against `known` (every loaded rule id, selected or not);
    /// `per_file` globs are relative to `base`, as the configuration's other globs.
    pub fn new(
        known: Vec<String>,
        per_file: &BTreeMap<String, Vec<String>>,
        base: PathBuf,
    ) -> Result<Self, PerFileError> {
        let mut entries = Vec::new();
        for (glob, selectors) in per_file {
            if let Some(unknown) = selectors
                .iter()
                .find(|s| !selects(s, UNKNOWN_RULE) && !known.iter().any(|id| selects(s, id)))
            {
                return Err(SelectionError {
                    selector: unknown.clone(),
                    setting: "per-file-ignores",
                }
                .into());
            }
            entries.push((glob_set(std::slice::from_ref(glob))?, selectors.clone()));
        }
        Ok(Self {
            known,
            per_file: entries,
            base,
        })
    }

    /// `findings` of `document` without the suppressed ones, plus a finding for every
    /// comment naming an unknown rule; sorted as the engine sorts.
    pub fn apply(&self, document: &Document, findings: Vec<Finding>) -> Vec<Finding> {
        let findings = self.apply_comments(document, findings);
        self.apply_per_file(document.path(), findings)
    }

    /// `findings` of the file shown as `path` without those its `per-file-ignores`
    /// suppress: all of [`Suppressions::apply`] for a document without suppression
    /// comments, which corpus mode need not read again to report.
    pub fn apply_per_file(&self, path: &str, mut findings: Vec<Finding>) -> Vec<Finding> {
        let ignored = self.ignored_for(path);
        if !ignored.is_empty() {
            findings.retain(|f| !ignored.iter().any(|s| selects(s, &f.rule)));
        }
        findings
    }

    /// Whether `document` holds suppression comments (only Markdown and HTML can), which
    /// [`Suppressions::apply`] needs its text for.
    pub fn has_comments(document: &Document) -> bool {
        matches!(document.format(), Format::Markdown | Format::Html)
            && !directives(document.source()).is_empty()
    }

    /// Applies the suppression comments of a Markdown or HTML document.
    fn apply_comments(&self, document: &Document, mut findings: Vec<Finding>) -> Vec<Finding> {
        if !matches!(document.format(), Format::Markdown | Format::Html) {
            return findings;
        }
        let directives = directives(document.source());
        if directives.is_empty() {
            return findings;
        }
        let (regions, next_lines) = scopes(document, &directives);
        findings.retain(|f| {
            let covered =
                |rules: &[String]| rules.is_empty() || rules.iter().any(|s| selects(s, &f.rule));
            !regions
                .iter()
                .any(|(range, rules)| range.contains(&f.span.start) && covered(rules))
                && !next_lines
                    .iter()
                    .any(|(line, rules)| *line == f.line && covered(rules))
        });
        let unknown = self.unknown_rules(document, &directives);
        if !unknown.is_empty() {
            findings.extend(unknown);
            findings.sort_by(Finding::report_order);
        }
        findings
    }

    fn ignored_for(&self, path: &str) -> Vec<&str> {
        if self.per_file.is_empty() {
            return Vec::new();
        }
        let path = Path::new(path);
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let relative = absolute.strip_prefix(&self.base).unwrap_or(path);
        self.per_file
            .iter()
            .filter(|(set, _)| {
                relative
                    .ancestors()
                    .take_while(|p| !p.as_os_str().is_empty())
                    .any(|p| set.is_match(p))
            })
            .flat_map(|(_, selectors)| selectors.iter().map(String::as_str))
            .collect()
    }

    fn unknown_rules(&self, document: &Document, directives: &[Directive]) -> Vec<Finding> {
        let source = document.source();
        let mut findings = Findings::of(document);
        let mut found = Vec::new();
        for directive in directives {
            for (span, selector) in &directive.rules {
                if self.known.iter().any(|id| selects(selector, id)) || selector == UNKNOWN_RULE {
                    continue;
                }
                found.push(findings.make(Said {
                    rule: UNKNOWN_RULE,
                    severity: Severity::Warning,
                    message: format!(
                        "Unknown rule `{selector}` in a transcheck comment; `transcheck rules list` shows the rules"
                    ),
                    span: span.clone(),
                    suggestion: None,
                    context: context(source, span, &directive.span),
                    fix: false,
                }));
            }
        }
        found
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Disable,
    Enable,
    DisableNextLine,
}

/// One suppression comment: what it does, the rules it names (with their byte ranges;
/// none means every rule) and where it stands.
#[derive(Debug)]
struct Directive {
    action: Action,
    rules: Vec<(Range<usize>, String)>,
    span: Range<usize>,
}

fn directives(source: &str) -> Vec<Directive> {
    DIRECTIVE
        .captures_iter(source)
        .map(|caps| {
            let whole = caps.get(0).expect("group 0 always matches");
            let action = match &caps[1] {
                "disable" => Action::Disable,
                "enable" => Action::Enable,
                _ => Action::DisableNextLine,
            };
            let list = caps.get(2).expect("group 2 always matches");
            let rules = SELECTOR
                .find_iter(list.as_str())
                .map(|m| {
                    let start = list.start() + m.start();
                    (start..start + m.len(), m.as_str().to_string())
                })
                .collect();
            Directive {
                action,
                rules,
                span: whole.range(),
            }
        })
        .collect()
}

type Regions = Vec<(Range<usize>, Vec<String>)>;

/// The byte ranges disabled for some rules (an empty list: all rules), and the lines
/// disabled by `disable-next-line`.
fn scopes(document: &Document, directives: &[Directive]) -> (Regions, Vec<(usize, Vec<String>)>) {
    let source = document.source();
    let mut lines = Locator::new(source, document.lines());
    let mut regions = Vec::new();
    let mut open: Vec<(usize, Vec<String>)> = Vec::new();
    let mut next_lines = Vec::new();
    for directive in directives {
        let names: Vec<String> = directive.rules.iter().map(|(_, n)| n.clone()).collect();
        match directive.action {
            Action::Disable => open.push((directive.span.end, names)),
            Action::Enable => {
                let mut still_open = Vec::new();
                for (start, rules) in open.drain(..) {
                    if names.is_empty() {
                        regions.push((start..directive.span.start, rules));
                        continue;
                    }
                    let (closed, kept): (Vec<String>, Vec<String>) =
                        rules.iter().cloned().partition(|r| names.contains(r));
                    if !closed.is_empty() {
                        regions.push((start..directive.span.start, closed));
                    }
                    if !kept.is_empty() || rules.is_empty() {
                        still_open.push((start, kept));
                    }
                }
                open = still_open;
            }
            Action::DisableNextLine => {
                next_lines.push((lines.position(directive.span.end).line + 1, names));
            }
        }
    }
    regions.extend(
        open.into_iter()
            .map(|(start, rules)| (start..source.len(), rules)),
    );
    (regions, next_lines)
}
