//! Rules × a document → findings: a pure function. Every enabled rule reads the same
//! decoded, segmented document; the findings come back sorted by position and rule. No
//! I/O, and no state a previous call changed: reading inputs is [`crate::reading`]'s job,
//! running checks on several threads in input order is [`pool`]'s, and corpus mode's two
//! passes are [`corpus`]'s, which hands its verdicts to each call that needs them.

pub mod corpus;
pub mod pool;
pub mod run;

use std::cell::OnceCell;
use std::ops::Range;

use regex::Regex;

use crate::document::Document;
use crate::finding::{Finding, Findings, Said, context, order_key, render_message};
use crate::names::corpus::Summary;
use crate::regex_scan::RegexScan;
use crate::rules::{Hit, Rule};
use corpus::Verdicts;

/// The compiled rules of a run.
#[derive(Debug)]
pub struct Engine {
    rules: Vec<Rule>,
    /// The rules that are one regex per prose run, tested together.
    run_filter: Option<RunFilter>,
    /// For each rule that supersedes others (`supersedes` in its file): its index and
    /// theirs, among the rules run.
    supersedes: Vec<(usize, Vec<usize>)>,
}

/// The regexes that rules run over each prose run (`pattern` rules, `consistency` rules
/// of styles), tested against a run in one pass: a rule then looks only at the runs where
/// its regexes match. On news text most runs match no such regex, so they are scanned
/// once instead of once per regex.
#[derive(Debug)]
struct RunFilter {
    scan: RegexScan,
    /// For each rule of the engine: the places of its regexes in the scan.
    places: Vec<Range<usize>>,
}

impl RunFilter {
    /// A filter over the rules' run regexes; `None` when there are fewer than two
    /// (nothing to share) or they cannot be built together (then every rule scans on its
    /// own).
    fn new(rules: &[Rule]) -> Option<Self> {
        let mut places = Vec::with_capacity(rules.len());
        let mut patterns = Vec::new();
        for rule in rules {
            let first = patterns.len();
            patterns.extend(rule.check.run_regexes().into_iter().map(Regex::as_str));
            places.push(first..patterns.len());
        }
        if patterns.len() < 2 {
            return None;
        }
        let scan = RegexScan::new(&patterns)?;
        Some(Self { scan, places })
    }

    /// For each regex of the scan, the prose runs of `document` where it matches.
    fn runs(&self, document: &Document) -> Vec<Vec<usize>> {
        let mut runs = vec![Vec::new(); self.scan.len()];
        let texts = document.segments().iter().map(|s| document.segment_text(s));
        self.scan
            .each_match(texts, |run, regex| runs[regex].push(run));
        runs
    }
}

impl Engine {
    /// An engine running `rules` (already selected and configured).
    pub fn new(rules: Vec<Rule>) -> Self {
        let run_filter = RunFilter::new(&rules);
        let supersedes = rules
            .iter()
            .enumerate()
            .filter(|(_, rule)| !rule.meta.supersedes.is_empty())
            .map(|(index, rule)| {
                let others = rules
                    .iter()
                    .enumerate()
                    .filter(|(_, other)| rule.meta.supersedes.contains(&other.meta.id))
                    .map(|(other, _)| other)
                    .collect();
                (index, others)
            })
            .collect();
        Self {
            rules,
            run_filter,
            supersedes,
        }
    }

    /// The rules it runs.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Every finding of every rule in `document`, sorted by position, then rule id.
    pub fn check(&self, document: &Document) -> Vec<Finding> {
        self.check_pass(document, Pass::Whole(None), &mut Vec::new())
    }

    /// The findings of `pass` in `document`, sorted as [`Engine::check`] sorts them; in
    /// the first pass of corpus mode, the summaries of the rules that compare documents
    /// are pushed on `summaries`.
    pub(crate) fn check_pass(
        &self,
        document: &Document,
        pass: Pass<'_>,
        summaries: &mut Vec<(usize, Summary)>,
    ) -> Vec<Finding> {
        // Each hit with its rule, its context, and whether its suggestion can be written
        // into the file.
        let mut located: Vec<(usize, Hit, String, bool)> = Vec::new();
        let mut hits = Vec::new();
        // The runs where each run regex matches: scanned when the first rule needs them.
        let runs = OnceCell::new();
        for (index, rule) in self.rules.iter().enumerate() {
            if !rule.meta.applies_to(document.format()) {
                continue;
            }
            let run_filter = self
                .run_filter
                .as_ref()
                .filter(|filter| !filter.places[index].is_empty());
            let check = &rule.check;
            let verdict = match pass {
                Pass::Whole(verdicts) => verdicts.and_then(|v| v.get(index)),
                Pass::First => None,
                Pass::Second(verdicts) => verdicts.get(index),
            };
            match (pass, check.corpus(), verdict) {
                // A document its verdict holds as quiet gets nothing: corpus mode does not
                // read such a document again unless something else needs its text.
                (Pass::Second(_), Some(corpus), Some(verdict))
                    if !verdict.is_quiet(document.identity()) =>
                {
                    corpus.check_against_corpus(document, verdict, &mut hits);
                }
                (Pass::Second(_), _, _) => continue,
                (Pass::First, Some(corpus), _) => {
                    summaries.push((index, corpus.summarize(document, &mut hits)));
                }
                (_, Some(corpus), Some(verdict)) => {
                    corpus.check_in_corpus(document, verdict, &mut hits);
                }
                (_, _, _) => match run_filter {
                    Some(filter) => {
                        let runs = runs.get_or_init(|| filter.runs(document));
                        check.check_runs(document, &runs[filter.places[index].clone()], &mut hits);
                    }
                    None => check.check(document, &mut hits),
                },
            }
            located.extend(hits.drain(..).map(|mut hit| {
                let context = context(
                    document.text(),
                    &hit.span,
                    &document.block_bounds(hit.span.start),
                );
                let replaceable = hit
                    .suggestion
                    .as_deref()
                    .is_none_or(|suggestion| document.can_replace(hit.span.clone(), suggestion));
                hit.span = document.to_source(hit.span);
                (index, hit, context, replaceable)
            }));
        }
        located.sort_by(|(a_rule, a, _, _), (b_rule, b, _, _)| {
            order_key(&a.span, &self.rules[*a_rule].meta.id)
                .cmp(&order_key(&b.span, &self.rules[*b_rule].meta.id))
        });
        located
            .dedup_by(|(a_rule, a, _, _), (b_rule, b, _, _)| a_rule == b_rule && a.span == b.span);
        for (by, others) in &self.supersedes {
            let spans: Vec<Range<usize>> = located
                .iter()
                .filter(|(rule, _, _, _)| rule == by)
                .map(|(_, hit, _, _)| hit.span.clone())
                .collect();
            if spans.is_empty() {
                continue;
            }
            located.retain(|(rule, hit, _, _)| {
                !(others.contains(rule)
                    && spans
                        .iter()
                        .any(|span| span.start < hit.span.end && hit.span.start < span.end))
            });
        }
        if located.is_empty() {
            // Most documents: no line index is needed.
            return Vec::new();
        }

        let mut findings = Findings::of(document);
        located
            .into_iter()
            .map(|(index, hit, context, replaceable)| {
                let meta = &self.rules[index].meta;
                let template = hit.message.as_deref().unwrap_or(&meta.message);
                let message = render_message(
                    template,
                    &document.source()[hit.span.clone()],
                    hit.suggestion.as_deref(),
                    &hit.values,
                );
                findings.make(Said {
                    rule: &meta.id,
                    severity: hit.severity.unwrap_or(meta.severity),
                    message,
                    span: hit.span,
                    suggestion: hit.suggestion,
                    context,
                    fix: meta.fix && replaceable,
                })
            })
            .collect()
    }
}

/// Which checks [`Engine::check_pass`] runs.
#[derive(Clone, Copy)]
pub(crate) enum Pass<'v> {
    /// Every rule; in corpus mode, knowing the verdicts.
    Whole(Option<&'v Verdicts>),
    /// Corpus mode, first pass: every rule; those that compare documents summarise them.
    First,
    /// Corpus mode, second pass: what the verdicts add to the first pass.
    Second(&'v Verdicts),
}
