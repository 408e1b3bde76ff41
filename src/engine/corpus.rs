//! Corpus mode's two passes over all the inputs. The first checks every document and
//! spills its findings to a temporary file (`spill.rs`), while the rules that compare
//! documents keep a small summary of each and give their [`Verdicts`] over all of them; the
//! second hands each document what the verdicts add to its spilled findings, reading it
//! again only when something needs it. The engine's checks stay pure: each call is given
//! the verdicts it needs.

use std::io;

use super::pool::{self, Held};
use super::run::{Outcome, checked};
use super::{Engine, Pass};
use crate::document::Document;
use crate::finding::Finding;
use crate::inputs::Input;
use crate::names::corpus::{Summary, Verdict};
use crate::reading::Reader;
use crate::spill::{SpillReader, SpillWriter};

/// Each rule's verdict over all the documents of a corpus (`None` for a rule that does not
/// compare documents), by the rule's index in the engine.
#[derive(Debug, Clone, Default)]
pub struct Verdicts(Vec<Option<Verdict>>);

impl Verdicts {
    /// The verdict of the rule at `index`, if it compares documents.
    pub(crate) fn get(&self, index: usize) -> Option<&Verdict> {
        self.0.get(index).and_then(Option::as_ref)
    }

    /// Whether the second pass adds nothing to a document of `identity`: every verdict
    /// holds it as quiet ([`CorpusCheck::check_against_corpus`] adds nothing to such a
    /// document).
    ///
    /// [`CorpusCheck::check_against_corpus`]: crate::rules::CorpusCheck::check_against_corpus
    fn add_nothing_to(&self, identity: u64) -> bool {
        self.0
            .iter()
            .flatten()
            .all(|verdict| verdict.is_quiet(identity))
    }
}

impl Engine {
    /// Every finding in `document` in corpus mode: [`Engine::check`] and what `verdicts`
    /// add, as the second pass gives them.
    pub fn check_in_corpus(&self, document: &Document, verdicts: &Verdicts) -> Vec<Finding> {
        self.check_pass(document, Pass::Whole(Some(verdicts)), &mut Vec::new())
    }
}

/// What the first pass leaves for the second.
pub struct FirstPass {
    /// Each rule's verdict over all the documents.
    pub verdicts: Verdicts,
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

impl Held for Learned {
    fn bytes(&self) -> usize {
        0
    }
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

impl Held for Rechecked {
    fn bytes(&self) -> usize {
        match self {
            Self::Whole(outcome) => outcome.bytes(),
            Self::Additions { document, .. } => document.source().len(),
            Self::Recalled { .. } => 0,
        }
    }
}

impl FirstPass {
    /// Checks every input on `jobs` threads and spills the findings, in input order; the
    /// rules that compare documents also keep a small summary of each (never the
    /// document) and give their verdicts over all of them. Standard input is left for the
    /// second pass (it cannot be read twice), and so are unreadable files (the second pass
    /// reports them). `needs_text` tells, of each document, whether the second pass must
    /// hand it over (to show its lines, to fix it, to read suppression comments) even when
    /// no verdict adds to its findings; a document it says no for, and no verdict adds to,
    /// is not read again and comes out as [`Outcome::Recalled`].
    pub fn learn(
        engine: &Engine,
        reader: Reader<'_>,
        inputs: &[Input],
        jobs: usize,
        needs_text: impl Fn(&Document) -> bool + Sync,
    ) -> io::Result<Self> {
        let mut spill = SpillWriter::new()?;
        let mut seen = Vec::with_capacity(inputs.len());
        let rules = engine.rules();
        let mut per_rule: Vec<Vec<Summary>> = rules.iter().map(|_| Vec::new()).collect();
        pool::in_order(
            inputs,
            jobs,
            |_, input| learn(engine, reader, input, &needs_text),
            |learned: Learned| {
                spill.write(&learned.findings)?;
                seen.push(learned.seen);
                for (index, summary) in learned.summaries {
                    per_rule[index].push(summary);
                }
                Ok(())
            },
        )?;
        let verdicts = rules
            .iter()
            .zip(&per_rule)
            .map(|(rule, summaries)| rule.check.corpus().map(|corpus| corpus.conclude(summaries)))
            .collect();
        Ok(Self {
            verdicts: Verdicts(verdicts),
            seen,
            spill: spill.into_reader()?,
        })
    }

    /// The second pass: hands each input's outcome to `sink` in input order, the findings
    /// the first pass spilled put together with what the verdicts add. If `sink` fails (a
    /// closed pipe), checking stops and the error is returned.
    pub fn check_all(
        self,
        engine: &Engine,
        reader: Reader<'_>,
        inputs: &[Input],
        jobs: usize,
        mut sink: impl FnMut(Outcome) -> io::Result<()> + Send,
    ) -> io::Result<()> {
        let Self {
            verdicts,
            seen,
            mut spill,
        } = self;
        let recheck = |index, input: &Input| {
            let seen = seen.get(index).copied().flatten();
            recheck(engine, reader, &verdicts, input, seen)
        };
        pool::in_order(inputs, jobs, recheck, |rechecked| match rechecked {
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

/// The first pass over one input: its findings and the summaries of the rules that
/// compare documents.
fn learn(
    engine: &Engine,
    reader: Reader<'_>,
    input: &Input,
    needs_text: impl Fn(&Document) -> bool,
) -> Learned {
    if matches!(input, Input::Stdin { .. }) {
        return Learned::default();
    }
    let Ok(document) = reader.read(input) else {
        return Learned::default();
    };
    let mut summaries = Vec::new();
    let findings = engine.check_pass(&document, Pass::First, &mut summaries);
    Learned {
        seen: Some(Seen {
            identity: document.identity(),
            needs_text: needs_text(&document),
        }),
        findings,
        summaries,
    }
}

/// The second pass over one input: a document that no verdict adds to and whose text
/// nothing needs is not read again; one unchanged since the first pass (same
/// [`Document::identity`]) gets what the verdicts add to its spilled findings; any other
/// input is checked whole.
fn recheck(
    engine: &Engine,
    reader: Reader<'_>,
    verdicts: &Verdicts,
    input: &Input,
    seen: Option<Seen>,
) -> Rechecked {
    let Some(seen) = seen else {
        return Rechecked::Whole(checked(engine, input, reader.read(input), Some(verdicts)));
    };
    if !seen.needs_text && verdicts.add_nothing_to(seen.identity) {
        return Rechecked::Recalled {
            file: input.display().to_string(),
        };
    }
    match reader.read(input) {
        Ok(mut document) if document.identity() == seen.identity => {
            let findings = engine.check_pass(&document, Pass::Second(verdicts), &mut Vec::new());
            document.release_analyses();
            Rechecked::Additions { document, findings }
        }
        read => Rechecked::Whole(checked(engine, input, read, Some(verdicts))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            let engine = Engine::new(rules.into_rules());
            let first = FirstPass::learn(&engine, Reader::default(), &inputs, jobs, |_| needs_text)
                .expect("first pass");
            let verdicts = first.verdicts.clone();
            let whole = |document: &Document| engine.check_in_corpus(document, &verdicts);
            let Input::File { path: changed, .. } = &inputs[0] else {
                unreachable!("files")
            };
            std::fs::write(changed, "Bakiyev spoke  twice.").expect("change a file");
            let mut reported = Vec::new();
            first
                .check_all(&engine, Reader::default(), &inputs, jobs, |outcome| {
                    match outcome {
                        Outcome::Checked { document, findings } => {
                            assert_eq!(findings, whole(&document), "{}", document.path());
                            reported.push((document.path().to_string(), true, findings));
                        }
                        Outcome::Recalled { file, findings } => {
                            let index: usize = file[..2].parse().expect("numbered");
                            let first_read = Document::from_text(file.as_str(), &texts[index]);
                            assert_eq!(findings, whole(&first_read), "{file}");
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
}
