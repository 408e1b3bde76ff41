//! A translation's source as a check reads it: the source text, its language, and which
//! source paragraph each target paragraph translates.
//!
//! Reading ([`crate::reading`]) builds one beside a target document (for an XLIFF file,
//! from its units' sources, one per line as its targets are); the source rules
//! (`rules/source.toml`) read it through [`crate::document::Document::paired_source`].
//! When the paragraph counts differ there are no pairs, only the whole texts: rules then
//! run only the checks that compare whole documents, and never pair the wrong paragraphs.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::sync::{Arc, Mutex, PoisonError};

use super::align::{self, Alignment, Paragraphs};
use super::language::{self, Language};

/// A source file as read once for all the targets that translate it (WMT-style data has
/// ten or more per source): its text, its language, and what the source rules have
/// computed from its paragraphs, so that each is computed once.
pub struct SourceFile {
    /// The source file as shown to users.
    path: String,
    /// Its decoded text.
    text: String,
    /// The language given (`--source-lang`) or detected from the script; `None` for a
    /// Latin-script source given no language.
    language: Option<Language>,
    /// The analyses made of its paragraphs, by the analysis's type, its key and the
    /// paragraph's byte range.
    analyses: Mutex<HashMap<AnalysisKey, Arc<dyn Any + Send + Sync>>>,
}

/// What names an analysis of a source paragraph: its type, the key telling apart analyses
/// of one type, and the paragraph's byte range.
type AnalysisKey = (TypeId, u64, Range<usize>);

impl fmt::Debug for SourceFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SourceFile")
            .field("path", &self.path)
            .field("language", &self.language)
            .field("bytes", &self.text.len())
            .finish_non_exhaustive()
    }
}

impl SourceFile {
    /// The source `text` (shown as `path`) in the language `given` (a code such as
    /// `ru`) or, without one, the language its script says.
    pub fn new(path: String, text: String, given: Option<&str>) -> Self {
        let language = language::resolve(given, sample(&text));
        Self {
            path,
            text,
            language,
            analyses: Mutex::new(HashMap::new()),
        }
    }
}

/// The source of one target document.
#[derive(Debug, Clone)]
pub struct PairedSource {
    /// The source file, shared by every target that translates it.
    file: Arc<SourceFile>,
    /// Line k of the source with line k of the target, or the counts that differ.
    alignment: Alignment,
}

/// One source paragraph and the target paragraph that translates it, as byte ranges into
/// the source text and into the target document's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// The source paragraph.
    pub source: Range<usize>,
    /// The target paragraph.
    pub target: Range<usize>,
}

impl PairedSource {
    /// The source `text` (shown as `path`) of the document whose text is `target`, in the
    /// language `given` (a code such as `ru`) or, without one, the language its script
    /// says.
    pub fn new(path: String, text: String, given: Option<&str>, target: &str) -> Self {
        Self::of_file(Arc::new(SourceFile::new(path, text, given)), target)
    }

    /// The source `file`, already read (and perhaps analysed) for another target, paired
    /// with the document whose text is `target`.
    pub fn of_file(file: Arc<SourceFile>, target: &str) -> Self {
        let alignment = align::align(&file.text, target, Paragraphs::Lines);
        Self { file, alignment }
    }

    /// The same source paired with another text of its target (the target after fixes).
    pub fn for_target(&self, target: &str) -> Self {
        Self::of_file(Arc::clone(&self.file), target)
    }

    /// The source file as shown to users.
    pub fn path(&self) -> &str {
        &self.file.path
    }

    /// The source text.
    pub fn text(&self) -> &str {
        &self.file.text
    }

    /// The source language, when given or detected.
    pub fn language(&self) -> Option<&Language> {
        self.file.language.as_ref()
    }

    /// What `compute` makes of the source paragraph at `range` (its text), computed by
    /// the first target that asks and shared with the others. `key` tells apart analyses
    /// of one type made with different parameters.
    pub fn analysis<T: Any + Send + Sync>(
        &self,
        key: u64,
        range: Range<usize>,
        compute: impl FnOnce(&str) -> T,
    ) -> Arc<T> {
        let id = (TypeId::of::<T>(), key, range.clone());
        let known = self
            .file
            .analyses
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&id)
            .cloned();
        if let Some(found) = known.and_then(|any| any.downcast::<T>().ok()) {
            return found;
        }
        // Computed outside the lock: two targets of one source may both compute it, and
        // the second result replaces the first, which is equal.
        let computed = Arc::new(compute(self.text().get(range).unwrap_or_default()));
        self.file
            .analyses
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(id, Arc::clone(&computed) as Arc<dyn Any + Send + Sync>);
        computed
    }

    /// The aligned paragraphs, in order; `None` when the paragraph counts differ.
    fn paragraphs(&self) -> Option<Vec<Unit>> {
        match &self.alignment {
            Alignment::Paired(pairs) => Some(
                pairs
                    .iter()
                    .map(|pair| Unit {
                        source: pair.source.clone(),
                        target: pair.target.clone(),
                    })
                    .collect(),
            ),
            Alignment::Mismatch { .. } => None,
        }
    }

    /// The paragraph counts of source and target when they differ (no pairs then).
    pub fn mismatch(&self) -> Option<(usize, usize)> {
        match self.alignment {
            Alignment::Mismatch { source, target } => Some((source, target)),
            Alignment::Paired(_) => None,
        }
    }

    /// The units that checks comparing paragraphs read: the aligned paragraphs, or, when
    /// the counts differ, the whole source with the whole target (of `target_len` bytes),
    /// for the checks that compare whole documents. The flag says which.
    pub fn units(&self, target_len: usize) -> (Vec<Unit>, Aligned) {
        match self.paragraphs() {
            Some(units) => (units, Aligned::Paragraphs),
            None => (
                vec![Unit {
                    source: 0..self.file.text.len(),
                    target: 0..target_len,
                }],
                Aligned::WholeDocument,
            ),
        }
    }
}

/// How much of a source its language is told from: detection looks up the script of every
/// letter, which cost more than reading and checking a whole article with the spacing
/// rules (0.15 s on the shared data's 830 sources); a few thousand letters say as much
/// (kana in Japanese, the letters that tell Ukrainian from Russian) as a whole article.
const SAMPLE_BYTES: usize = 4096;

/// The start of `text`, at most [`SAMPLE_BYTES`] long, cut at a character boundary.
fn sample(text: &str) -> &str {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// What the units of [`PairedSource::units`] are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aligned {
    /// Paragraphs paired line by line: every check applies.
    Paragraphs,
    /// The whole documents (the paragraph counts differ): only checks that compare sets
    /// (numbers, verbatim tokens, copied runs) apply.
    WholeDocument,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_is_told_from_a_sample_cut_at_a_character_boundary() {
        let text = "ї".repeat(SAMPLE_BYTES);
        assert_eq!(sample(&text).len(), SAMPLE_BYTES);
        let text = format!("a{}", "ї".repeat(SAMPLE_BYTES));
        assert_eq!(sample(&text).len(), SAMPLE_BYTES - 1);
        assert_eq!(sample("Один."), "Один.");
    }

    #[test]
    fn lines_pair_in_order_and_a_different_count_gives_the_whole_texts() {
        let paired =
            PairedSource::new("a.src".into(), "Один.\nДва.\n".into(), None, "One.\nTwo.\n");
        assert_eq!(paired.language(), Some(&Language::Russian));
        let (units, aligned) = paired.units(10);
        assert_eq!(aligned, Aligned::Paragraphs);
        assert_eq!(
            units,
            [
                Unit {
                    source: 0..9,
                    target: 0..4
                },
                Unit {
                    source: 10..17,
                    target: 5..9
                }
            ]
        );
        let fewer = paired.for_target("One. Two.\n");
        assert_eq!(fewer.mismatch(), Some((2, 1)));
        let (units, aligned) = fewer.units(10);
        assert_eq!(aligned, Aligned::WholeDocument);
        assert_eq!(
            units,
            [Unit {
                source: 0..18,
                target: 0..10
            }]
        );
    }
}
