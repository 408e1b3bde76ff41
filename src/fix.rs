//! Safe fixes: the suggestions of rules marked `fix = true`, applied to a document's text
//! until none is left, written back atomically, or shown as a unified diff. The engine
//! never writes files; this module is the only place that does, and only when asked
//! (`--fix`).

use std::io::{self, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::document::{Document, decode_as, encode};
use crate::finding::Finding;

/// A document's text with its safe fixes applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    /// The new source text (without a byte-order mark).
    pub text: String,
    /// How many fixes were applied.
    pub applied: usize,
}

/// The edits of the safe fixes among `findings`, in order and never overlapping: a fix
/// that overlaps one already taken (or inserts where another edit ends) is left for a
/// later run, so text is never corrupted.
pub fn safe_edits<'a>(source: &str, findings: &'a [Finding]) -> Vec<(Range<usize>, &'a str)> {
    let mut candidates: Vec<(Range<usize>, &str)> = findings
        .iter()
        .filter(|f| f.fix)
        .filter_map(|f| Some((f.span.clone(), f.suggestion.as_deref()?)))
        .filter(|(span, replacement)| {
            source
                .get(span.clone())
                .is_some_and(|old| old != *replacement)
        })
        .collect();
    candidates.sort_by_key(|(span, _)| (span.start, span.end));
    let mut edits: Vec<(Range<usize>, &str)> = Vec::with_capacity(candidates.len());
    for (span, replacement) in candidates {
        let clashes = edits.last().is_some_and(|(last, _)| {
            span.start < last.end
                || (span.start == last.end && (span.is_empty() || last.is_empty()))
        });
        if !clashes {
            edits.push((span, replacement));
        }
    }
    edits
}

/// `source` with the safe fixes of `findings` applied; `None` when there is nothing to fix.
pub fn apply(source: &str, findings: &[Finding]) -> Option<Fixed> {
    let edits = safe_edits(source, findings);
    if edits.is_empty() {
        return None;
    }
    let mut text = String::with_capacity(source.len());
    let mut copied = 0;
    for (span, replacement) in &edits {
        text.push_str(&source[copied..span.start]);
        text.push_str(replacement);
        copied = span.end;
    }
    text.push_str(&source[copied..]);
    Some(Fixed {
        text,
        applied: edits.len(),
    })
}

/// How many rounds of fixing and checking again one document gets at most. Fixes that
/// touch one spot (a space removed before a comma, then one inserted after it) are applied
/// one round after the other; fixes that keep undoing each other stop here.
pub const MAX_ROUNDS: usize = 10;

/// A document whose safe fixes were applied round after round, each round checked again,
/// until no safe fix was left (or [`MAX_ROUNDS`] were done).
#[derive(Debug)]
pub struct Settled {
    /// The document with the fixed text.
    pub document: Document,
    /// The findings of the fixed text.
    pub findings: Vec<Finding>,
    /// How many fixes were applied, over all rounds.
    pub applied: usize,
    /// Whether no safe fix is left; `false` when the rounds ran out first.
    pub settled: bool,
}

/// Applies the safe fixes of `findings` to `document`, checks the fixed text with `check`
/// and fixes again, until no safe fix is left: so that after one `--fix` a new check finds
/// nothing a safe fix could repair. `None` when there is nothing to fix.
pub fn settle(
    document: &Document,
    findings: &[Finding],
    check: impl Fn(&Document) -> Vec<Finding>,
) -> Option<Settled> {
    let first = apply(document.source(), findings)?;
    let mut applied = first.applied;
    let mut document = document.with_source(first.text);
    let mut findings = check(&document);
    for _ in 1..MAX_ROUNDS {
        let Some(fixed) = apply(document.source(), &findings) else {
            return Some(Settled {
                document,
                findings,
                applied,
                settled: true,
            });
        };
        applied += fixed.applied;
        document = document.with_source(fixed.text);
        findings = check(&document);
    }
    let settled = safe_edits(document.source(), &findings).is_empty();
    Some(Settled {
        document,
        findings,
        applied,
        settled,
    })
}

/// The bytes a document's file holds with `text` as its source: a byte-order mark if it
/// had one, then the text in its encoding. `None` when that encoding cannot hold a
/// character of `text`.
pub fn file_bytes(document: &Document, text: &str) -> Option<Vec<u8>> {
    let mut bytes = Vec::with_capacity(text.len() + 3);
    if document.has_bom() {
        bytes.extend_from_slice("\u{feff}".as_bytes());
    }
    bytes.extend(encode(text, document.encoding())?);
    Some(bytes)
}

/// Whether `bytes` (a file read again) are still what `document` was read from.
pub fn still_holds(document: &Document, bytes: &[u8]) -> bool {
    match document.encoding() {
        None => file_bytes(document, document.source()).is_some_and(|expected| expected == bytes),
        Some(encoding) => decode_as(bytes.to_vec(), Some(encoding)).is_ok_and(|decoded| {
            decoded.text == document.source() && decoded.bom == document.has_bom()
        }),
    }
}

/// Why fixes were not written.
#[derive(Debug, Error)]
pub enum FixError {
    /// The file on disk is no longer what was checked; it is left alone.
    #[error("{}: changed on disk since it was read; not fixed (run again)", path.display())]
    Changed {
        /// The file.
        path: PathBuf,
    },
    /// A fix brought in a character the file's encoding cannot hold.
    #[error(
        "{}: not fixed: the fixed text holds characters {encoding} cannot encode",
        path.display()
    )]
    Unencodable {
        /// The file.
        path: PathBuf,
        /// The file's encoding.
        encoding: &'static str,
    },
    /// The file could not be read, written or renamed.
    #[error("{}: cannot write fixes: {error}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        error: io::Error,
    },
}

/// Replaces the file at `path` with `new`, provided `unchanged` says it still holds what
/// was checked: a temporary file in the same folder is written, flushed to disk, given the
/// original's permissions and renamed over the original, so the file is never half-written.
/// A symbolic link is followed and its target rewritten.
pub fn write_fixed(
    path: &Path,
    unchanged: impl FnOnce(&[u8]) -> bool,
    new: &[u8],
) -> Result<(), FixError> {
    let io_error = |error| FixError::Io {
        path: path.to_path_buf(),
        error,
    };
    let target = std::fs::canonicalize(path).map_err(io_error)?;
    let current = std::fs::read(&target).map_err(io_error)?;
    if !unchanged(&current) {
        return Err(FixError::Changed {
            path: path.to_path_buf(),
        });
    }
    let permissions = std::fs::metadata(&target).map_err(io_error)?.permissions();
    let folder = target.parent().unwrap_or_else(|| Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(".transcheck-fix")
        .suffix(".tmp")
        .tempfile_in(folder)
        .map_err(io_error)?;
    temp.write_all(new).map_err(io_error)?;
    temp.as_file().sync_all().map_err(io_error)?;
    std::fs::set_permissions(temp.path(), permissions).map_err(io_error)?;
    temp.persist(&target).map_err(|err| io_error(err.error))?;
    Ok(())
}

/// A unified diff from `old` to `new` for the file shown as `path`.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Severity;

    fn finding(span: Range<usize>, suggestion: &str, fix: bool) -> Finding {
        Finding {
            file: "a.txt".into(),
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
            rule: "test.rule".into(),
            severity: Severity::Warning,
            message: String::new(),
            found: String::new(),
            suggestion: Some(suggestion.into()),
            context: String::new(),
            fingerprint: String::new(),
            span,
            fix,
            excerpt: Default::default(),
        }
    }

    #[test]
    fn safe_fixes_are_applied_and_unsafe_ones_left() {
        let source = "one  two , three";
        let fixed = apply(
            source,
            &[
                finding(3..5, " ", true),
                finding(8..9, "", true),
                finding(0..3, "1", false),
            ],
        )
        .expect("fixes");
        assert_eq!(fixed.text, "one two, three");
        assert_eq!(fixed.applied, 2);
    }

    #[test]
    fn overlapping_fixes_never_corrupt_text() {
        let source = "abcdef";
        let fixed = apply(
            source,
            &[
                finding(1..4, "X", true),
                finding(2..5, "Y", true),
                finding(4..4, "+", true),
                finding(5..6, "Z", true),
            ],
        )
        .expect("fixes");
        assert_eq!(fixed.text, "aXeZ");
        assert_eq!(fixed.applied, 2);
    }

    #[test]
    fn fixes_that_touch_one_spot_are_applied_in_rounds_until_none_is_left() {
        let engine = crate::engine::Engine::new(
            crate::rules::RuleSet::load(true, &[])
                .expect("the built-in pack loads")
                .into_rules(),
        );
        let document = Document::from_text("a.txt", "In 2021 ,up the rate  rose .");
        let settled =
            settle(&document, &engine.check(&document), |d| engine.check(d)).expect("fixes");
        assert_eq!(settled.document.source(), "In 2021, up the rate rose.");
        assert_eq!(settled.applied, 4);
        assert!(settled.settled);
        assert!(settled.findings.is_empty(), "{:?}", settled.findings);
    }

    #[test]
    fn nothing_to_fix_is_none() {
        assert_eq!(apply("ab", &[finding(0..1, "a", true)]), None);
        assert_eq!(apply("ab", &[]), None);
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_left_alone() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "edited by someone else").expect("write");
        let err = write_fixed(&path, |current| current == b"what was checked", b"fixed")
            .expect_err("refused");
        assert!(matches!(err, FixError::Changed { .. }), "{err}");
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            "edited by someone else"
        );
    }

    #[cfg(unix)]
    #[test]
    fn fixed_files_keep_their_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "old").expect("write");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        write_fixed(&path, |current| current == b"old", b"new").expect("written");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "new");
        let mode = std::fs::metadata(&path).expect("stat").permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
        let leftovers = std::fs::read_dir(dir.path()).expect("list").count();
        assert_eq!(leftovers, 1);
    }
}
