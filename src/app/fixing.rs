//! `--fix` and `--diff` for one checked document: apply or print its safe fixes, fixing and
//! checking again until none is left, so one run leaves nothing a safe fix could repair.

use std::io::{self, Write};

use super::check::Tally;
use super::progress::Progress;
use super::{print_error, print_warning};
use crate::document::Document;
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
    /// findings' too, round after round until none is left ([`fix::settle`]). A fixed
    /// file is written once, with the text of the last round, and the findings that remain
    /// are returned with the new document.
    pub(super) fn run(
        &self,
        input: &Input,
        document: Document,
        findings: Vec<Finding>,
        diff: bool,
        tally: &mut Tally,
        progress: &Progress,
    ) -> io::Result<(Document, Vec<Finding>)> {
        let recheck = |document: &Document| {
            self.suppressions
                .apply(document, self.engine.check(document))
        };
        let Some(settled) = fix::settle(&document, &findings, recheck) else {
            return Ok((document, findings));
        };
        if !settled.settled {
            progress.bar.suspend(|| {
                print_warning(format_args!(
                    "{}: safe fixes still change the text after {} rounds; the rest is left \
                     as findings",
                    document.path(),
                    fix::MAX_ROUNDS
                ))
            });
        }
        if diff {
            let text = fix::unified_diff(
                document.path(),
                document.source(),
                settled.document.source(),
            );
            progress
                .bar
                .suspend(|| io::stdout().lock().write_all(text.as_bytes()))?;
            tally.fixes += settled.applied;
            tally.fixed_files += 1;
            return Ok((document, findings));
        }
        let Input::File { path, .. } = input else {
            progress.bar.suspend(|| {
                print_warning("standard input cannot be fixed in place; --diff shows the fixes")
            });
            return Ok((document, findings));
        };
        let written = match fix::file_bytes(&document, settled.document.source()) {
            Some(bytes) => {
                fix::write_fixed(path, |current| fix::still_holds(&document, current), &bytes)
            }
            None => Err(fix::FixError::Unencodable {
                path: path.clone(),
                encoding: document.encoding().map_or("UTF-8", |e| e.name()),
            }),
        };
        match written {
            Ok(()) => {
                tally.fixes += settled.applied;
                tally.fixed_files += 1;
                Ok((settled.document, settled.findings))
            }
            Err(err @ (fix::FixError::Changed { .. } | fix::FixError::Unencodable { .. })) => {
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
