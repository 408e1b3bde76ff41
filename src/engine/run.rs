//! Checking inputs: each is read ([`Reader`]), checked ([`Engine::check`]) and handed on
//! in input order ([`pool`]). Corpus mode's run is [`super::corpus`]'s.

use std::io;

use super::corpus::Verdicts;
use super::pool::{self, Held};
use super::{Engine, Pass};
use crate::document::Document;
use crate::finding::Finding;
use crate::inputs::Input;
use crate::reading::Reader;

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
    /// [`super::corpus::FirstPass::learn`] said no).
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

impl Held for Outcome {
    fn bytes(&self) -> usize {
        match self {
            Self::Checked { document, .. } => document.source().len(),
            Self::Recalled { .. } | Self::Failed { .. } => 0,
        }
    }
}

/// Reads and checks `inputs` on `jobs` threads and hands each outcome to `sink` in input
/// order. If `sink` fails (a closed pipe), checking stops and the error is returned.
pub fn check_all(
    engine: &Engine,
    reader: Reader<'_>,
    inputs: &[Input],
    jobs: usize,
    sink: impl FnMut(Outcome) -> io::Result<()> + Send,
) -> io::Result<()> {
    pool::in_order(
        inputs,
        jobs,
        |_, input| checked(engine, input, reader.read(input), None),
        sink,
    )
}

/// The outcome of checking what was `read` of `input`, knowing corpus mode's `verdicts`
/// when there are some.
pub(crate) fn checked(
    engine: &Engine,
    input: &Input,
    read: Result<Document, String>,
    verdicts: Option<&Verdicts>,
) -> Outcome {
    match read {
        Ok(mut document) => {
            let findings = engine.check_pass(&document, Pass::Whole(verdicts), &mut Vec::new());
            document.release_analyses();
            Outcome::Checked { document, findings }
        }
        Err(message) => Outcome::Failed {
            file: input.display().to_string(),
            message,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::pool::AHEAD;

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
        check_all(&engine, Reader::default(), &inputs, 2, |outcome| {
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
