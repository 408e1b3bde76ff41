//! Paragraph alignment of a plain-text source and its translation.
//!
//! Paired files follow one convention: paragraph k of the source is translated by
//! paragraph k of the target (one paragraph per line, as the shared WMT data and most MT
//! pipelines write them; or blank-line paragraphs, as Markdown writes them). Alignment
//! here is that convention, checked: when the counts differ there is no pairing at all,
//! only [`Alignment::Mismatch`] saying so, because pairing the wrong paragraphs would make
//! every source-aware check report nonsense with confidence. Guessing an alignment
//! (Gale–Church by length) is left out on purpose: a dropped paragraph is itself a defect
//! to report, and the caller falls back to whole-document checks.

use std::ops::Range;

/// How a text is cut into paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paragraphs {
    /// Every line is a paragraph (the one-paragraph-per-line convention).
    Lines,
    /// Paragraphs are runs of non-blank lines separated by blank lines (Markdown).
    BlankLines,
}

/// One source paragraph and its translation, as byte ranges (without line ends).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    /// The 0-based paragraph number.
    pub index: usize,
    /// The range of the source paragraph in the source text.
    pub source: Range<usize>,
    /// The range of the target paragraph in the target text.
    pub target: Range<usize>,
}

/// The result of aligning two texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Alignment {
    /// The counts agree: the pairs in order. With [`Paragraphs::Lines`], a line blank on
    /// both sides gives no pair, and a line blank on one side only gives a pair with an
    /// empty (whitespace-only) side: a dropped or an added paragraph.
    Paired(Vec<Pair>),
    /// The counts differ: how many paragraphs each side has. No pair is offered.
    Mismatch {
        /// Paragraphs in the source.
        source: usize,
        /// Paragraphs in the target.
        target: usize,
    },
}

/// Aligns `source` and `target`, both cut into paragraphs as `mode` says.
pub fn align(source: &str, target: &str, mode: Paragraphs) -> Alignment {
    let sources = paragraphs(source, mode);
    let targets = paragraphs(target, mode);
    if sources.len() != targets.len() {
        return Alignment::Mismatch {
            source: sources.len(),
            target: targets.len(),
        };
    }
    let pairs = sources
        .into_iter()
        .zip(targets)
        .enumerate()
        .filter(|(_, (s, t))| {
            !(source[s.clone()].trim().is_empty() && target[t.clone()].trim().is_empty())
        })
        .map(|(index, (source, target))| Pair {
            index,
            source,
            target,
        })
        .collect();
    Alignment::Paired(pairs)
}

/// The paragraphs of `text` as byte ranges without their line ends. With
/// [`Paragraphs::Lines`], trailing blank lines are not paragraphs (a final newline, or
/// an editor's extra ones, must not make the counts differ).
pub fn paragraphs(text: &str, mode: Paragraphs) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len())) {
        let mut content_end = end;
        if content_end > start && text.as_bytes()[content_end - 1] == b'\r' {
            content_end -= 1;
        }
        lines.push(start..content_end);
        start = end + 1;
    }
    let blank = |range: &Range<usize>| text[range.clone()].trim().is_empty();
    match mode {
        Paragraphs::Lines => {
            while lines.last().is_some_and(blank) {
                lines.pop();
            }
            lines
        }
        Paragraphs::BlankLines => {
            let mut paragraphs: Vec<Range<usize>> = Vec::new();
            let mut open = false;
            for line in lines {
                if blank(&line) {
                    open = false;
                } else if open {
                    if let Some(last) = paragraphs.last_mut() {
                        last.end = line.end;
                    }
                } else {
                    paragraphs.push(line);
                    open = true;
                }
            }
            paragraphs
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(
        alignment: &Alignment,
        source: &'a str,
        target: &'a str,
    ) -> Vec<(&'a str, &'a str)> {
        let Alignment::Paired(pairs) = alignment else {
            panic!("not paired: {alignment:?}");
        };
        pairs
            .iter()
            .map(|p| (&source[p.source.clone()], &target[p.target.clone()]))
            .collect()
    }

    #[test]
    fn line_k_pairs_with_line_k() {
        let source = "Заголовок\r\nПервый абзац.\r\n\r\nВторой абзац.\r\n";
        let target = "Headline\nFirst paragraph.\n\nSecond paragraph.\n\n";
        let alignment = align(source, target, Paragraphs::Lines);
        assert_eq!(
            texts(&alignment, source, target),
            [
                ("Заголовок", "Headline"),
                ("Первый абзац.", "First paragraph."),
                ("Второй абзац.", "Second paragraph.")
            ]
        );
        let Alignment::Paired(pairs) = alignment else {
            unreachable!()
        };
        assert_eq!(pairs.iter().map(|p| p.index).collect::<Vec<_>>(), [0, 1, 3]);
    }

    #[test]
    fn a_blank_target_line_is_a_dropped_paragraph_not_a_shift() {
        let source = "Один.\nДва.\nТри.";
        let target = "One.\n\nThree.";
        assert_eq!(
            texts(&align(source, target, Paragraphs::Lines), source, target),
            [("Один.", "One."), ("Два.", ""), ("Три.", "Three.")]
        );
    }

    #[test]
    fn differing_counts_give_no_pairs() {
        assert_eq!(
            align(
                "Один.\nДва.\nТри.",
                "One.\nTwo and three.",
                Paragraphs::Lines
            ),
            Alignment::Mismatch {
                source: 3,
                target: 2
            }
        );
    }

    #[test]
    fn markdown_paragraphs_are_separated_by_blank_lines() {
        let source = "# Заголовок\n\nПервая строка\nвторая строка.\n\n\nКонец.";
        let target = "# Headline\n\nFirst line\nsecond line.\n\nEnd.\n";
        assert_eq!(
            texts(
                &align(source, target, Paragraphs::BlankLines),
                source,
                target
            ),
            [
                ("# Заголовок", "# Headline"),
                ("Первая строка\nвторая строка.", "First line\nsecond line."),
                ("Конец.", "End.")
            ]
        );
        assert_eq!(
            align("А\n\nБ", "A B", Paragraphs::BlankLines),
            Alignment::Mismatch {
                source: 2,
                target: 1
            }
        );
    }

    #[test]
    fn empty_texts_align_to_nothing() {
        assert_eq!(
            align("", "\n", Paragraphs::Lines),
            Alignment::Paired(Vec::new())
        );
        assert!(paragraphs("", Paragraphs::BlankLines).is_empty());
    }
}
