//! `--fix` and `--diff` for one checked document: apply or print its safe fixes, and check
//! a fixed file again.

use std::io::{self, Write};

use super::progress::Progress;
use super::{Tally, print_error, print_warning};
use crate::document::{Decoded, Document};
use crate::engine::Engine;
use crate::finding::Finding;
use crate::fix;
use crate::inputs::Input;
use crate::suppress::Suppressions;

/// What applying fixes needs to recheck a fixed document as the run checked it.
pub(super) struct Fixing<'a> {
    /// The run's engine.
    pub(super) engine: &'a Engine,
    /// The run's suppressions.
    pub(super) suppressions: &'a Suppressions,
}

impl Fixing<'_> {
    /// Applies (or, with `diff`, prints) every safe fix of one document, baselined
    /// findings' too. A fixed file is checked again, and the findings that remain are
    /// returned with the new document.
    pub(super) fn run(
        &self,
        input: &Input,
        document: Document,
        findings: Vec<Finding>,
        diff: bool,
        tally: &mut Tally,
        progress: &Progress,
    ) -> io::Result<(Document, Vec<Finding>)> {
        let Some(fixed) = fix::apply(document.source(), &findings) else {
            return Ok((document, findings));
        };
        if diff {
            let text = fix::unified_diff(document.path(), document.source(), &fixed.text);
            progress
                .bar
                .suspend(|| io::stdout().lock().write_all(text.as_bytes()))?;
            tally.fixes += fixed.applied;
            tally.fixed_files += 1;
            return Ok((document, findings));
        }
        let Input::File { path, .. } = input else {
            progress.bar.suspend(|| {
                print_warning("standard input cannot be fixed in place; --diff shows the fixes")
            });
            return Ok((document, findings));
        };
        let written = fix::write_fixed(
            path,
            &fix::file_bytes(&document, document.source()),
            &fix::file_bytes(&document, &fixed.text),
        );
        match written {
            Ok(()) => {
                tally.fixes += fixed.applied;
                tally.fixed_files += 1;
                let document = Document::new(
                    document.path(),
                    document.format(),
                    Decoded {
                        text: fixed.text,
                        bom: document.has_bom(),
                    },
                );
                let findings = self
                    .suppressions
                    .apply(&document, self.engine.check(&document));
                Ok((document, findings))
            }
            Err(err @ fix::FixError::Changed { .. }) => {
                progress.bar.suspend(|| print_warning(err));
                Ok((document, findings))
            }
            Err(err) => {
                tally.fix_errors += 1;
                progress.bar.suspend(|| print_error(err));
                Ok((document, findings))
            }
        }
    }
}
