//! Rules × documents → findings: every enabled rule reads the same decoded, segmented
//! document; files are checked in parallel and handed on in input order, so the output is
//! the same whatever the number of threads.

use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::io::{self, Read};
use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

use regex::Regex;

use crate::regex_scan::RegexScan;

use crate::document::{Document, Format, decode_as};
use crate::finding::{Finding, Findings, Said, context, order_key, render_message};
use crate::inputs::Input;
use crate::names::corpus::{Summary, Verdict};
use crate::rules::{Hit, Rule};
use crate::spill::{SpillReader, SpillWriter};

/// The compiled rules of a run.
#[derive(Debug)]
pub struct Engine {
    rules: Vec<Rule>,
    /// Corpus mode: each rule's verdict over all documents (empty outside corpus mode).
    corpus: Vec<Option<Verdict>>,
    /// The rules that are one regex per prose run, tested together.
    run_filter: Option<RunFilter>,
    /// The encoding of inputs that are not UTF-8, when the user named one.
    encoding: Option<&'static encoding_rs::Encoding>,
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
#[expect(
    clippy::large_enum_variant,
    reason = "nearly every input is Checked: boxing its document would cost an allocation per file"
)]
pub enum Outcome {
    /// The input was read and checked.
    Checked {
        /// The document, for reporters that show source lines.
        document: Document,
        /// Its findings, sorted by position and rule.
        findings: Vec<Finding>,
    },
    /// Corpus mode: a document the first pass checked, not read again because nothing
    /// needs its text (no verdict adds to it, and the `needs_text` of
    /// [`Engine::learn_corpus`] said no).
    Recalled {
        /// The path as shown to users.
        file: String,
        /// The findings the first pass kept, sorted by position and rule.
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

impl Engine {
    /// An engine running `rules` (already selected and configured).
    pub fn new(rules: Vec<Rule>) -> Self {
        let run_filter = RunFilter::new(&rules);
        Self {
            rules,
            corpus: Vec::new(),
            run_filter,
            encoding: None,
        }
    }

    /// Reads inputs that are not UTF-8 as `encoding` (`--encoding`); without one they are
    /// refused, with the encoding they look like named.
    pub fn read_legacy_as(&mut self, encoding: Option<&'static encoding_rs::Encoding>) {
        self.encoding = encoding;
    }

    /// The rules it runs.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Every finding of every rule in `document`, sorted by position, then rule id.
    pub fn check(&self, document: &Document) -> Vec<Finding> {
        self.check_rules(document, Pass::Whole, &mut Vec::new())
    }

    /// The findings of `pass` in `document`, sorted as [`Engine::check`] sorts them; in
    /// the first pass of corpus mode, the summaries of the rules that compare documents
    /// are pushed on `summaries`.
    fn check_rules(
        &self,
        document: &Document,
        pass: Pass,
        summaries: &mut Vec<(usize, Summary)>,
    ) -> Vec<Finding> {
        let mut located: Vec<(usize, Hit, String)> = Vec::new();
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
            match (pass, self.corpus.get(index).and_then(Option::as_ref)) {
                (Pass::Second, Some(verdict)) => {
                    check.check_against_corpus(document, verdict, &mut hits);
                }
                (Pass::Second, None) => continue,
                (Pass::First, _) if check.compares_documents() => {
                    summaries.push((index, check.summarize(document, &mut hits)));
                }
                (_, Some(verdict)) => check.check_in_corpus(document, verdict, &mut hits),
                (_, None) => match run_filter {
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
                hit.span = document.to_source(hit.span);
                (index, hit, context)
            }));
        }
        located.sort_by(|(a_rule, a, _), (b_rule, b, _)| {
            order_key(&a.span, &self.rules[*a_rule].meta.id)
                .cmp(&order_key(&b.span, &self.rules[*b_rule].meta.id))
        });
        located.dedup_by(|(a_rule, a, _), (b_rule, b, _)| a_rule == b_rule && a.span == b.span);
        if located.is_empty() {
            // Most documents: no line index is needed.
            return Vec::new();
        }

        let mut findings = Findings::of(document);
        located
            .into_iter()
            .map(|(index, hit, context)| {
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
                    fix: meta.fix,
                })
            })
            .collect()
    }

    /// Corpus mode, first pass: checks every file on `jobs` threads and spills the
    /// findings to a temporary file, in input order; the rules that compare documents also
    /// keep a small summary of each (never the document) and get their verdict over all of
    /// them for the second pass. Standard input is left for the second pass (it cannot be
    /// read twice), and so are unreadable files (the second pass reports them).
    /// `needs_text` tells, of each document, whether the second pass must hand it over
    /// (to show its lines, to fix it, to read suppression comments) even when no verdict
    /// adds to its findings; a document it says no for, and no verdict adds to, is not read
    /// again and comes out as [`Outcome::Recalled`].
    pub fn learn_corpus(
        &mut self,
        inputs: &[Input],
        jobs: usize,
        needs_text: impl Fn(&Document) -> bool + Sync,
    ) -> io::Result<FirstPass> {
        let mut spill = SpillWriter::new()?;
        let mut seen = Vec::with_capacity(inputs.len());
        let mut per_rule: Vec<Vec<Summary>> = self.rules.iter().map(|_| Vec::new()).collect();
        in_order(
            inputs,
            jobs,
            |_, input| self.learn(input, &needs_text),
            |learned: Learned| {
                spill.write(&learned.findings)?;
                seen.push(learned.seen);
                for (index, summary) in learned.summaries {
                    per_rule[index].push(summary);
                }
                Ok(())
            },
        )?;
        self.corpus = self
            .rules
            .iter()
            .zip(&per_rule)
            .map(|(rule, summaries)| {
                let check = &rule.check;
                check
                    .compares_documents()
                    .then(|| check.conclude(summaries))
            })
            .collect();
        Ok(FirstPass {
            seen,
            spill: spill.into_reader()?,
        })
    }

    /// The first pass over one input: its findings and the summaries of the rules that
    /// compare documents.
    fn learn(&self, input: &Input, needs_text: impl Fn(&Document) -> bool) -> Learned {
        if matches!(input, Input::Stdin { .. }) {
            return Learned::default();
        }
        let Ok(document) = self.read(input) else {
            return Learned::default();
        };
        let mut summaries = Vec::new();
        let findings = self.check_rules(&document, Pass::First, &mut summaries);
        Learned {
            seen: Some(Seen {
                identity: document.identity(),
                needs_text: needs_text(&document),
            }),
            findings,
            summaries,
        }
    }

    /// Corpus mode, second pass over one input: a document that no verdict adds to and
    /// whose text nothing needs is not read again; one unchanged since the first pass (same
    /// [`Document::identity`]) gets what the verdicts add to its spilled findings; any
    /// other input is checked whole.
    fn recheck(&self, input: &Input, seen: Option<Seen>) -> Rechecked {
        let Some(seen) = seen else {
            return Rechecked::Whole(self.check_input(input));
        };
        if !seen.needs_text && self.adds_nothing(seen.identity) {
            return Rechecked::Recalled {
                file: input.display().to_string(),
            };
        }
        match self.read(input) {
            Ok(mut document) if document.identity() == seen.identity => {
                let findings = self.check_rules(&document, Pass::Second, &mut Vec::new());
                document.release_analyses();
                Rechecked::Additions { document, findings }
            }
            read => Rechecked::Whole(self.checked(input, read)),
        }
    }

    /// Whether the second pass adds nothing to a document of `identity`: every verdict
    /// holds it as quiet ([`Check::check_against_corpus`] adds nothing to such a document).
    fn adds_nothing(&self, identity: u64) -> bool {
        self.corpus
            .iter()
            .flatten()
            .all(|verdict| verdict.is_quiet(identity))
    }

    /// Reads and decodes one input.
    fn read(&self, input: &Input) -> Result<Document, String> {
        let bytes = match input {
            Input::Stdin { .. } => {
                let mut bytes = Vec::new();
                io::stdin().lock().read_to_end(&mut bytes).map(|_| bytes)
            }
            Input::File { path, .. } => std::fs::read(path),
        };
        let bytes = bytes.map_err(|err| format!("cannot read: {err}"))?;
        let format = Format::from_path(input.format_path());
        let decoded = decode_as(bytes, self.encoding).map_err(|err| err.to_string())?;
        Ok(Document::new(input.display(), format, decoded))
    }

    /// Reads, decodes and checks one input.
    pub fn check_input(&self, input: &Input) -> Outcome {
        self.checked(input, self.read(input))
    }

    /// The outcome of checking what was `read` of `input`.
    fn checked(&self, input: &Input, read: Result<Document, String>) -> Outcome {
        match read {
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
    /// In corpus mode, `first` is what [`Engine::learn_corpus`] returned: the findings it
    /// spilled are put together with what the verdicts add. If `sink`
    /// fails (a closed pipe), checking stops and the error is returned.
    pub fn check_all(
        &self,
        inputs: &[Input],
        jobs: usize,
        first: Option<FirstPass>,
        mut sink: impl FnMut(Outcome) -> io::Result<()> + Send,
    ) -> io::Result<()> {
        let Some(FirstPass { seen, mut spill }) = first else {
            return in_order(inputs, jobs, |_, input| self.check_input(input), sink);
        };
        let recheck =
            |index, input: &Input| self.recheck(input, seen.get(index).copied().flatten());
        in_order(inputs, jobs, recheck, |rechecked| match rechecked {
            Rechecked::Whole(outcome) => {
                // Checked anew: what the first pass spilled for it is passed over.
                spill.read()?;
                sink(outcome)
            }
            Rechecked::Recalled { file } => {
                let findings = spill.read()?;
                sink(Outcome::Recalled { file, findings })
            }
            Rechecked::Additions {
                document,
                findings: additions,
            } => {
                let mut findings = spill.read()?;
                findings.extend(additions);
                findings.sort_by(Finding::report_order);
                sink(Outcome::Checked { document, findings })
            }
        })
    }
}

/// Which checks [`Engine::check_rules`] runs.
#[derive(Clone, Copy)]
enum Pass {
    /// Every rule, knowing the corpus verdicts in corpus mode.
    Whole,
    /// Corpus mode, first pass: every rule; those that compare documents summarise them.
    First,
    /// Corpus mode, second pass: what the verdicts add to the first pass.
    Second,
}

/// What [`Engine::learn_corpus`] leaves for the second pass.
pub struct FirstPass {
    /// Per input: what the first pass saw of the document checked, or `None` when it was
    /// not checked (standard input, an unreadable file).
    seen: Vec<Option<Seen>>,
    /// Per input, in order: the findings of the first pass.
    spill: SpillReader,
}

/// What the first pass saw of one document.
#[derive(Clone, Copy)]
struct Seen {
    /// Its [`Document::identity`].
    identity: u64,
    /// Whether the second pass must hand it over even when no verdict adds to it.
    needs_text: bool,
}

/// The first pass's result for one input.
#[derive(Default)]
struct Learned {
    seen: Option<Seen>,
    findings: Vec<Finding>,
    summaries: Vec<(usize, Summary)>,
}

/// The second pass's result for one input.
enum Rechecked {
    /// Checked whole: not checked by the first pass, or changed since.
    Whole(Outcome),
    /// What the verdicts add to the first pass's findings.
    Additions {
        document: Document,
        findings: Vec<Finding>,
    },
    /// Not read again: the first pass's findings stand.
    Recalled { file: String },
}

/// What an outcome waiting to be reported holds, for bounding how much may wait.
trait Held {
    /// The source bytes it holds: what reporting it frees.
    fn bytes(&self) -> usize;
}

impl Held for Outcome {
    fn bytes(&self) -> usize {
        match self {
            Self::Checked { document, .. } => document.source().len(),
            Self::Recalled { .. } | Self::Failed { .. } => 0,
        }
    }
}

impl Held for Learned {
    fn bytes(&self) -> usize {
        0
    }
}

impl Held for Rechecked {
    fn bytes(&self) -> usize {
        match self {
            Self::Whole(outcome) => outcome.bytes(),
            Self::Additions { document, .. } => document.source().len(),
            Self::Recalled { .. } => 0,
        }
    }
}

/// Runs `work` on each of `inputs` (with its index) on `jobs` threads and hands each
/// result to `sink` in input order. With one job everything runs on the calling thread.
/// Otherwise each worker takes inputs one at a time, and the worker that finishes the
/// result next in order hands it, and any finished ones after it, to `sink`: no thread
/// waits for results to report and none is woken per file. If `sink` fails, work stops
/// and the error is returned.
fn in_order<T: Held + Send>(
    inputs: &[Input],
    jobs: usize,
    work: impl Fn(usize, &Input) -> T + Sync,
    mut sink: impl FnMut(T) -> io::Result<()> + Send,
) -> io::Result<()> {
    if jobs <= 1 {
        return inputs
            .iter()
            .enumerate()
            .try_for_each(|(index, input)| sink(work(index, input)));
    }
    let next_input = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let order = Mutex::new(InOrder::default());
    // Signalled when results have been reported, for workers waiting for room.
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
                    let result = work(index, input);
                    let Some(mut ready) = lock(&order).finish(index, result) else {
                        continue;
                    };
                    // This worker reports until no finished result is next in order.
                    let mut reporting = lock(&sink);
                    let (sink, status) = &mut *reporting;
                    while !ready.is_empty() {
                        let count = ready.len();
                        let bytes = ready.iter().map(Held::bytes).sum();
                        for result in ready.drain(..) {
                            if status.is_ok() {
                                *status = sink(result);
                            }
                        }
                        if status.is_err() {
                            stop.store(true, Ordering::Relaxed);
                        }
                        ready = lock(&order).reported(count, bytes);
                        room.notify_all();
                    }
                }
            });
        }
    });
    let (_, status) = sink.into_inner().unwrap_or_else(PoisonError::into_inner);
    status
}

/// Locks `mutex`, also after a worker panicked holding it (the panic itself is reported
/// when the threads are joined).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Results finished out of order, waiting for those before them.
struct InOrder<T> {
    /// The index of the next outcome to hand to the worker reporting.
    next: usize,
    /// Finished results from `next` on.
    waiting: BTreeMap<usize, T>,
    /// Whether a worker is reporting.
    reporting: bool,
    /// How many outcomes have been reported.
    reported: usize,
    /// Source bytes of the outcomes finished and not yet reported.
    pending_bytes: usize,
}

impl<T> Default for InOrder<T> {
    fn default() -> Self {
        Self {
            next: 0,
            waiting: BTreeMap::new(),
            reporting: false,
            reported: 0,
            pending_bytes: 0,
        }
    }
}

/// The most results finished ahead of the report.
const AHEAD: usize = 64;
/// The most source bytes finished ahead of the report.
const AHEAD_BYTES: usize = 64 << 20;

impl<T: Held> InOrder<T> {
    /// Whether the worker that took input `index` must wait before checking it: too much
    /// is finished and not reported. The input reported next never waits, so the report
    /// always moves on.
    fn must_wait(&self, index: usize) -> bool {
        index > self.reported
            && (index >= self.reported + AHEAD || self.pending_bytes > AHEAD_BYTES)
    }

    /// Files the outcome of input `index`. When no worker is reporting and outcomes are
    /// ready in order, the caller becomes the one reporting and gets them.
    fn finish(&mut self, index: usize, result: T) -> Option<Vec<T>> {
        self.pending_bytes += result.bytes();
        self.waiting.insert(index, result);
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
    fn reported(&mut self, count: usize, bytes: usize) -> Vec<T> {
        self.reported += count;
        self.pending_bytes -= bytes;
        let ready = self.ready();
        self.reporting = !ready.is_empty();
        ready
    }

    fn ready(&mut self) -> Vec<T> {
        let mut ready = Vec::new();
        while let Some(result) = self.waiting.remove(&self.next) {
            ready.push(result);
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
        let mut order = InOrder::<Outcome>::default();
        assert!(!order.must_wait(0));
        assert!(!order.must_wait(AHEAD - 1));
        assert!(order.must_wait(AHEAD));
        order.pending_bytes = AHEAD_BYTES + 1;
        assert!(
            !order.must_wait(0),
            "the next outcome to report is always checked"
        );
        assert!(order.must_wait(1));
        order.reported = 10;
        order.pending_bytes = 0;
        assert!(!order.must_wait(10 + AHEAD - 1));
        assert!(order.must_wait(10 + AHEAD));
    }

    /// Corpus mode's two passes (findings spilled by the first, what the verdict adds
    /// from the second) give each document what a whole check with the verdict gives,
    /// also for a file changed between the passes. A document that no verdict adds to
    /// and whose text is not needed is not read again: it gets the findings of its text
    /// as the first pass read it.
    #[test]
    fn corpus_mode_gives_what_whole_checks_with_the_verdict_give() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut texts: Vec<String> = (0..9)
            .map(|n| format!("Kurmanbek Bakiyev spoke in Osh on day {n}. Bakiyev left."))
            .collect();
        texts.push(
            "Aidos Ukibay met Kurmanbek Bakiev  in Astana. Bakiev and Ukibaya’s aide left."
                .to_string(),
        );
        texts.push("The  budget grew by 2,5 percent.".to_string());
        let inputs: Vec<Input> = texts
            .iter()
            .enumerate()
            .map(|(n, text)| {
                let path = dir.path().join(format!("{n:02}.txt"));
                std::fs::write(&path, text).expect("write");
                Input::File {
                    display: format!("{n:02}.txt"),
                    path,
                }
            })
            .collect();
        for (jobs, needs_text) in [(1, true), (2, true), (1, false), (2, false)] {
            let rules = crate::rules::RuleSet::load(true, &[]).expect("the built-in pack loads");
            let mut engine = Engine::new(rules.into_rules());
            let first = engine
                .learn_corpus(&inputs, jobs, |_| needs_text)
                .expect("first pass");
            let Input::File { path: changed, .. } = &inputs[0] else {
                unreachable!("files")
            };
            std::fs::write(changed, "Bakiyev spoke  twice.").expect("change a file");
            let mut reported = Vec::new();
            engine
                .check_all(&inputs, jobs, Some(first), |outcome| {
                    match outcome {
                        Outcome::Checked { document, findings } => {
                            assert_eq!(findings, engine.check(&document), "{}", document.path());
                            reported.push((document.path().to_string(), true, findings));
                        }
                        Outcome::Recalled { file, findings } => {
                            let index: usize = file[..2].parse().expect("numbered");
                            let first_read = Document::from_text(file.as_str(), &texts[index]);
                            assert_eq!(findings, engine.check(&first_read), "{file}");
                            reported.push((file, false, findings));
                        }
                        Outcome::Failed { .. } => panic!("every file is readable"),
                    }
                    Ok(())
                })
                .expect("second pass");
            assert_eq!(reported.len(), inputs.len());
            let read_again: Vec<bool> = reported.iter().map(|(_, again, _)| *again).collect();
            if needs_text {
                assert!(read_again.iter().all(|&again| again));
            } else {
                // Only the article with a minority spelling (`Bakiev`) is read again.
                assert_eq!(
                    read_again,
                    (0..inputs.len()).map(|n| n == 9).collect::<Vec<_>>()
                );
            }
            let found = |n: usize| -> Vec<(&str, &str)> {
                reported[n]
                    .2
                    .iter()
                    .map(|f| (f.rule.as_str(), f.found.as_str()))
                    .collect()
            };
            if needs_text {
                assert_eq!(found(0), [("spacing.double-space", "  ")]);
            } else {
                assert!(found(0).is_empty(), "as the first pass read it");
            }
            assert_eq!(
                found(9),
                [
                    ("names.variant", "Bakiev"),
                    ("spacing.double-space", "  "),
                    ("names.variant", "Bakiev"),
                    ("names.variant", "Ukibaya"),
                ]
            );
            std::fs::write(changed, &texts[0]).expect("restore the file");
        }
    }

    #[test]
    fn a_slow_report_gets_every_outcome_in_order() {
        let dir = tempfile::tempdir().expect("temp dir");
        let inputs: Vec<Input> = (0..3 * AHEAD)
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
            .check_all(&inputs, 2, None, |outcome| {
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
