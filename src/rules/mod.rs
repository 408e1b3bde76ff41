//! Rules: the rule-file schema, loading and validation, selection, and the kinds that
//! implement them. A rule never prints and never touches files: it reads a
//! [`Document`] and reports [`Hit`]s.

mod examples;
pub mod kinds;
mod load;
mod mojibake;
mod quoting;
mod select;
mod spec;
mod words;

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

pub use examples::{ExampleFailure, run_examples};
pub use kinds::Kind;
pub use load::{RuleError, RuleSet, RuleSource};
pub use select::{Selection, SelectionError, selects};
pub use spec::Example;

use crate::document::{Document, Format};
use crate::names::corpus;

/// How serious a finding is; `--fail-on` compares against it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; never fails a run unless `--fail-on info`.
    Info,
    /// A defect an editor should fix.
    Warning,
    /// A defect that must not be published.
    Error,
}

impl Severity {
    /// The lowercase name used in reports and rule files.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Info => "info",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The values of a message's placeholders, by name.
pub type Values = Vec<(&'static str, String)>;

/// Something a rule found: where, and what to say about it beyond the rule's defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Byte range into [`Document::text`].
    pub span: Range<usize>,
    /// The replacement text, if the rule has one.
    pub suggestion: Option<String>,
    /// The message template for this hit, replacing the rule's `message`: one its rule
    /// file gives (an entry of its `messages` table), so that editing the file changes
    /// what users read.
    pub message: Option<String>,
    /// The values of the kind's own placeholders in the message (`{script}`, `{details}`,
    /// …), filled in with `{found}` and `{suggestion}` when the finding is made.
    pub values: Values,
    /// A severity for this hit, replacing the rule's (for weak evidence).
    pub severity: Option<Severity>,
}

impl Hit {
    /// A hit with the rule's message and severity.
    pub fn new(span: Range<usize>, suggestion: Option<String>) -> Self {
        Self {
            span,
            suggestion,
            message: None,
            values: Vec::new(),
            severity: None,
        }
    }

    /// The hit with the values of the kind's placeholders in its message.
    pub fn with_values(mut self, values: Values) -> Self {
        self.values = values;
        self
    }
}

/// The message a kind prints for `message` from a rule file: `message` itself (`None`:
/// the engine uses the rule's) when it names one of the kind's `placeholders`; otherwise,
/// so that rule files written before the placeholders existed read as they did, `message`
/// with the specifics laid out by `layout` (which gets it and gives the template).
pub(crate) fn message_with_specifics(
    message: &str,
    placeholders: &[&str],
    layout: impl FnOnce(&str) -> String,
) -> Option<String> {
    let names_one = placeholders
        .iter()
        .any(|name| message.contains(&format!("{{{name}}}")));
    (!names_one).then(|| layout(message))
}

/// The compiled behaviour of a rule: one implementation per kind.
pub trait Check: Send + Sync {
    /// Reports everything the rule finds in `document`.
    fn check(&self, document: &Document, hits: &mut Vec<Hit>);

    /// For a rule made of regular expressions over each prose run (`pattern`, and
    /// `consistency` with `patterns = true`): those expressions. The engine tests the
    /// expressions of all rules against a run in one pass (`crate::regex_scan`) and calls
    /// [`Check::check_runs`] with the runs where each one matched, so text is scanned once
    /// instead of once per rule and expression.
    fn run_regexes(&self) -> Vec<&regex::Regex> {
        Vec::new()
    }

    /// [`Check::check`] told, for each of its [`Check::run_regexes`], the prose runs
    /// (indices into `document.segments()`) where it matched. Rules without run regexes
    /// check the whole document.
    fn check_runs(&self, document: &Document, runs: &[Vec<usize>], hits: &mut Vec<Hit>) {
        let _ = runs;
        self.check(document, hits);
    }

    /// Corpus mode's interface to the rule, for a rule that compares documents (the names
    /// rule: a spelling used in a minority of articles); `None`, the default, for every
    /// rule that looks at one document at a time, which corpus mode then checks as any run
    /// does.
    fn corpus(&self) -> Option<&dyn CorpusCheck> {
        None
    }
}

/// Corpus mode, for a rule that compares documents: a first pass that summarises each
/// document, a verdict over all the summaries, and a second pass that adds what the verdict
/// says of each document. Only such a rule implements it, and only corpus mode
/// (`engine::corpus`) calls it.
pub trait CorpusCheck: Send + Sync {
    /// First pass: reports what [`Check::check`] reports, and returns what the rule keeps
    /// of `document` to compare it with the other documents.
    fn summarize(&self, document: &Document, hits: &mut Vec<Hit>) -> corpus::Summary;

    /// Between the passes: the verdict over the summaries of all documents.
    fn conclude(&self, summaries: &[corpus::Summary]) -> corpus::Verdict;

    /// Second pass, for a document [`CorpusCheck::summarize`]d unchanged: what the verdict
    /// adds to what `summarize` reported (never the same text again: the engine puts both
    /// together as [`CorpusCheck::check_in_corpus`] would have reported them). Never called
    /// for a document its verdict holds as quiet ([`corpus::Verdict::is_quiet`]), which is
    /// not read again unless something else needs its text.
    fn check_against_corpus(
        &self,
        document: &Document,
        verdict: &corpus::Verdict,
        hits: &mut Vec<Hit>,
    );

    /// For a document checked whole (standard input, a document changed since the first
    /// pass or fixed): [`Check::check`] and what the verdict adds.
    fn check_in_corpus(&self, document: &Document, verdict: &corpus::Verdict, hits: &mut Vec<Hit>);
}

/// What a rule is, as its rule file declares it.
#[derive(Debug, Clone)]
pub struct RuleMeta {
    /// `category.name`.
    pub id: String,
    /// The kind that implements it.
    pub kind: Kind,
    /// Severity after configuration overrides.
    pub severity: Severity,
    /// One-line message shown with every finding; `{found}` and `{suggestion}` are filled in.
    pub message: String,
    /// Longer text for `rules explain`.
    pub explain: String,
    /// Text the rule must flag and text it must leave alone.
    pub examples: Vec<Example>,
    /// The formats it applies to; `None` for all.
    pub formats: Option<Vec<Format>>,
    /// Whether it runs without being selected by its full id.
    pub enabled: bool,
    /// Whether its suggestions are safe to apply automatically.
    pub fix: bool,
    /// Rules whose findings this rule's replace where they overlap: the same defect seen
    /// with more evidence (text copied from the source is also text in a foreign script)
    /// is reported once, by the rule that can say more.
    pub supersedes: Vec<String>,
    /// Where it was defined.
    pub source: RuleSource,
}

impl RuleMeta {
    /// The category: the part of the id before the first dot.
    pub fn category(&self) -> &str {
        self.id.split('.').next().unwrap_or(&self.id)
    }

    /// Whether the rule applies to documents of `format`.
    pub fn applies_to(&self, format: Format) -> bool {
        self.formats.as_ref().is_none_or(|f| f.contains(&format))
    }
}

/// A loaded, compiled rule.
pub struct Rule {
    /// What the rule is.
    pub meta: RuleMeta,
    /// What it does.
    pub check: Box<dyn Check>,
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rule").field("meta", &self.meta).finish()
    }
}
