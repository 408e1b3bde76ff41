//! Rules × documents → findings: every enabled rule reads the same decoded, segmented
//! document; files are checked in parallel and handed on in input order, so the output is
//! the same whatever the number of threads.

use std::collections::BTreeMap;
use std::io::{self, Read};
use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

use regex::Regex;

use crate::regex_scan::RegexScan;

use crate::document::{Document, Format, Locator, decode};
use crate::finding::{Finding, Ordinals, context, fingerprint, render_message};
use crate::inputs::Input;
use crate::names::corpus::{Summary, Verdict};
use crate::rules::{Hit, Rule};

/// The compiled rules of a run.
#[derive(Debug)]
pub struct Engine {
    rules: Vec<Rule>,
    /// Corpus mode: each rule's verdict over all documents (empty outside corpus mode).
    corpus: Vec<Option<Verdict>>,
    /// The rules that are one regex per prose run, tested together.
    run_filter: Option<RunFilter>,
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

/// What became of one input.
#[derive(Debug)]
pub enum Outcome {
    /// The input was read and checked.
    Checked {
        /// The document, for reporters that show source lines.
        document: Document,
        /// Its findings, sorted by position and rule.
        findings: Vec<Finding>,
    },
    /// The input could not be read or decoded.
    Failed {
        /// The path as shown to users.
        file: String,
        /// Why.
        message: String,
    },
}

impl Outcome {
    /// The source bytes it holds: what reporting it frees.
    fn bytes(&self) -> usize {
        match self {
            Self::Checked { document, .. } => document.source().len(),
            Self::Failed { .. } => 0,
        }
    }
}

impl Engine {
    /// An engine running `rules` (already selected and configured).
    pub fn new(rules: Vec<Rule>) -> Self {
        let run_filter = RunFilter::new(&rules);
        Self {
            rules,
            corpus: Vec::new(),
            run_filter,
        }
    }

    /// The rules it runs.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Every finding of every rule in `document`, sorted by position, then rule id.
    pub fn check(&self, document: &Document) -> Vec<Finding> {
        let mut located: Vec<(usize, Hit, String)> = Vec::new();
        let mut hits = Vec::new();
        let runs = self.run_filter.as_ref().map(|filter| filter.runs(document));
        for (index, rule) in self.rules.iter().enumerate() {
            if !rule.meta.applies_to(document.format()) {
                continue;
            }
            let filtered = self
                .run_filter
                .as_ref()
                .map(|filter| filter.places[index].clone())
                .filter(|places| !places.is_empty())
                .zip(runs.as_ref());
            match (self.corpus.get(index).and_then(Option::as_ref), filtered) {
                (Some(verdict), _) => rule.check.check_in_corpus(document, verdict, &mut hits),
                (None, Some((places, runs))) => {
                    rule.check.check_runs(document, &runs[places], &mut hits)
                }
                (None, None) => rule.check.check(document, &mut hits),
            }
            located.extend(hits.drain(..).map(|mut hit| {
                let context = context(
                    document.text(),
                    &hit.span,
                    &document.block_bounds(hit.span.start),
                );
                hit.span = document.to_source(hit.span);
                (index, hit, context)
            }));
        }
        located.sort_by(|(a_rule, a, _), (b_rule, b, _)| {
            (a.span.start, &self.rules[*a_rule].meta.id, a.span.end).cmp(&(
                b.span.start,
                &self.rules[*b_rule].meta.id,
                b.span.end,
            ))
        });
        located.dedup_by(|(a_rule, a, _), (b_rule, b, _)| a_rule == b_rule && a.span == b.span);

        let source = document.source();
        let mut starts = Locator::new(source, document.lines());
        let mut ends = Locator::new(source, document.lines());
        let mut ordinals = Ordinals::default();
        located
            .into_iter()
            .map(|(index, hit, context)| {
                let meta = &self.rules[index].meta;
                let start = starts.position(hit.span.start);
                let end = ends.position(hit.span.end);
                let found = &source[hit.span.clone()];
                let ordinal = ordinals.next(&meta.id, found, &context);
                let template = hit.message.as_deref().unwrap_or(&meta.message);
                Finding {
                    file: document.path().to_string(),
                    line: start.line,
                    column: start.column,
                    end_line: end.line,
                    end_column: end.column,
                    rule: meta.id.clone(),
                    severity: hit.severity.unwrap_or(meta.severity),
                    message: render_message(template, found, hit.suggestion.as_deref()),
                    found: found.to_string(),
                    fingerprint: fingerprint(document.path(), &meta.id, found, &context, ordinal),
                    context,
                    suggestion: hit.suggestion,
                    span: hit.span,
                    fix: meta.fix,
                }
            })
            .collect()
    }

    /// Corpus mode: reads every file once on `jobs` threads, keeps what each rule needs
    /// to compare documents (a small summary, never the document) and hands every rule its
    /// verdict for the checking pass. Standard input and unreadable files are left out
    /// here; the checking pass reports the latter.
    pub fn learn_corpus(&mut self, inputs: &[Input], jobs: usize) {
        use rayon::prelude::*;
        // Each document's summaries, by rule: only the rules that compare documents have
        // one, so a document costs a few bytes, not one slot per rule.
        let summarize = |input: &Input| -> Vec<(usize, Summary)> {
            if matches!(input, Input::Stdin) {
                return Vec::new();
            }
            let Ok(document) = Self::read(input) else {
                return Vec::new();
            };
            self.rules
                .iter()
                .enumerate()
                .filter(|(_, rule)| rule.meta.applies_to(document.format()))
                .filter_map(|(index, rule)| Some((index, rule.check.summarize(&document)?)))
                .collect()
        };
        let collect = || inputs.par_iter().map(summarize).collect::<Vec<_>>();
        let documents = match rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.max(1))
            .build()
        {
            Ok(pool) => pool.install(collect),
            Err(_) => collect(),
        };
        let mut per_rule: Vec<Vec<Summary>> = self.rules.iter().map(|_| Vec::new()).collect();
        for (index, summary) in documents.into_iter().flatten() {
            per_rule[index].push(summary);
        }
        self.corpus = self
            .rules
            .iter()
            .zip(&per_rule)
            .map(|(rule, summaries)| rule.check.conclude(summaries))
            .collect();
    }

    /// Reads and decodes one input.
    fn read(input: &Input) -> Result<Document, String> {
        let bytes = match input {
            Input::Stdin => {
                let mut bytes = Vec::new();
                io::stdin().lock().read_to_end(&mut bytes).map(|_| bytes)
            }
            Input::File { path, .. } => std::fs::read(path),
        };
        let bytes = bytes.map_err(|err| format!("cannot read: {err}"))?;
        let format = match input {
            Input::Stdin => Format::Text,
            Input::File { path, .. } => Format::from_path(path),
        };
        let decoded = decode(bytes).map_err(|err| err.to_string())?;
        Ok(Document::new(input.display(), format, decoded))
    }

    /// Reads, decodes and checks one input.
    pub fn check_input(&self, input: &Input) -> Outcome {
        match Self::read(input) {
            Ok(mut document) => {
                let findings = self.check(&document);
                document.release_analyses();
                Outcome::Checked { document, findings }
            }
            Err(message) => Outcome::Failed {
                file: input.display().to_string(),
                message,
            },
        }
    }

    /// Checks `inputs` on `jobs` threads and hands each outcome to `sink` in input order.
    /// With one job everything runs on the calling thread. Otherwise each worker takes
    /// inputs one at a time, and the worker that finishes the outcome next in order hands
    /// it, and any finished ones after it, to `sink`: no thread waits for outcomes to
    /// report and none is woken per file. If `sink` fails (a closed pipe), checking stops
    /// and the error is returned.
    pub fn check_all(
        &self,
        inputs: &[Input],
        jobs: usize,
        mut sink: impl FnMut(Outcome) -> io::Result<()> + Send,
    ) -> io::Result<()> {
        if jobs <= 1 {
            return inputs
                .iter()
                .try_for_each(|input| sink(self.check_input(input)));
        }
        let next_input = AtomicUsize::new(0);
        let stop = AtomicBool::new(false);
        let order = Mutex::new(InOrder::default());
        // Signalled when outcomes have been reported, for workers waiting for room.
        let room = Condvar::new();
        let sink = Mutex::new((sink, Ok(())));
        std::thread::scope(|scope| {
            for _ in 0..jobs {
                scope.spawn(|| {
                    while !stop.load(Ordering::Relaxed) {
                        let index = next_input.fetch_add(1, Ordering::Relaxed);
                        let Some(input) = inputs.get(index) else {
                            break;
                        };
                        // Workers do not run far ahead of a slow report (a pipe to a pager):
                        // what waits to be reported stays bounded.
                        let mut waiting = lock(&order);
                        while waiting.must_wait(index) && !stop.load(Ordering::Relaxed) {
                            waiting = room.wait(waiting).unwrap_or_else(PoisonError::into_inner);
                        }
                        drop(waiting);
                        let outcome = self.check_input(input);
                        let Some(mut ready) = lock(&order).finish(index, outcome) else {
                            continue;
                        };
                        // This worker reports until no finished outcome is next in order.
                        let mut reporting = lock(&sink);
                        let (sink, result) = &mut *reporting;
                        while !ready.is_empty() {
                            let count = ready.len();
                            let bytes = ready.iter().map(Outcome::bytes).sum();
                            for outcome in ready.drain(..) {
                                if result.is_ok() {
                                    *result = sink(outcome);
                                }
                            }
                            if result.is_err() {
                                stop.store(true, Ordering::Relaxed);
                            }
                            ready = lock(&order).reported(count, bytes);
                            room.notify_all();
                        }
                    }
                });
            }
        });
        let (_, result) = sink.into_inner().unwrap_or_else(PoisonError::into_inner);
        result
    }
}

/// Locks `mutex`, also after a worker panicked holding it (the panic itself is reported
/// when the threads are joined).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Outcomes finished out of order, waiting for those before them.
#[derive(Default)]
struct InOrder {
    /// The index of the next outcome to hand to the worker reporting.
    next: usize,
    /// Finished outcomes from `next` on.
    waiting: BTreeMap<usize, Outcome>,
    /// Whether a worker is reporting.
    reporting: bool,
    /// How many outcomes have been reported.
    reported: usize,
    /// Source bytes of the outcomes finished and not yet reported.
    pending_bytes: usize,
}

impl InOrder {
    /// The most outcomes finished ahead of the report.
    const AHEAD: usize = 64;
    /// The most source bytes finished ahead of the report.
    const AHEAD_BYTES: usize = 64 << 20;

    /// Whether the worker that took input `index` must wait before checking it: too much
    /// is finished and not reported. The input reported next never waits, so the report
    /// always moves on.
    fn must_wait(&self, index: usize) -> bool {
        index > self.reported
            && (index >= self.reported + Self::AHEAD || self.pending_bytes > Self::AHEAD_BYTES)
    }

    /// Files the outcome of input `index`. When no worker is reporting and outcomes are
    /// ready in order, the caller becomes the one reporting and gets them.
    fn finish(&mut self, index: usize, outcome: Outcome) -> Option<Vec<Outcome>> {
        self.pending_bytes += outcome.bytes();
        self.waiting.insert(index, outcome);
        if self.reporting {
            return None;
        }
        let ready = self.ready();
        self.reporting = !ready.is_empty();
        self.reporting.then_some(ready)
    }

    /// For the worker reporting, once it has reported `count` outcomes of `bytes` source
    /// bytes: the outcomes ready since, or none, and then it stops reporting (under the
    /// same lock, so an outcome filed meanwhile is not left behind).
    fn reported(&mut self, count: usize, bytes: usize) -> Vec<Outcome> {
        self.reported += count;
        self.pending_bytes -= bytes;
        let ready = self.ready();
        self.reporting = !ready.is_empty();
        ready
    }

    fn ready(&mut self) -> Vec<Outcome> {
        let mut ready = Vec::new();
        while let Some(outcome) = self.waiting.remove(&self.next) {
            ready.push(outcome);
            self.next += 1;
        }
        ready
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workers_wait_when_too_much_is_finished_and_not_reported_but_never_the_next() {
        let mut order = InOrder::default();
        assert!(!order.must_wait(0));
        assert!(!order.must_wait(InOrder::AHEAD - 1));
        assert!(order.must_wait(InOrder::AHEAD));
        order.pending_bytes = InOrder::AHEAD_BYTES + 1;
        assert!(
            !order.must_wait(0),
            "the next outcome to report is always checked"
        );
        assert!(order.must_wait(1));
        order.reported = 10;
        order.pending_bytes = 0;
        assert!(!order.must_wait(10 + InOrder::AHEAD - 1));
        assert!(order.must_wait(10 + InOrder::AHEAD));
    }

    #[test]
    fn a_slow_report_gets_every_outcome_in_order() {
        let dir = tempfile::tempdir().expect("temp dir");
        let inputs: Vec<Input> = (0..3 * InOrder::AHEAD)
            .map(|n| {
                let path = dir.path().join(format!("{n:04}.txt"));
                std::fs::write(&path, format!("Article {n}  has two spaces.")).expect("write");
                Input::File {
                    display: path.display().to_string(),
                    path,
                }
            })
            .collect();
        let rules = crate::rules::RuleSet::load(true, &[]).expect("the built-in pack loads");
        let engine = Engine::new(rules.into_rules());
        let mut seen = Vec::new();
        engine
            .check_all(&inputs, 2, |outcome| {
                if seen.is_empty() {
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                if let Outcome::Checked { document, findings } = outcome {
                    assert_eq!(findings.len(), 1, "{}", document.path());
                    seen.push(document.path().to_string());
                }
                Ok(())
            })
            .expect("reports");
        let expected: Vec<String> = inputs.iter().map(|i| i.display().to_string()).collect();
        assert_eq!(seen, expected);
    }
}
