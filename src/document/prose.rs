//! The prose of a document: which parts of it are text a reader reads, grouped into
//! blocks (paragraphs, headings, list items), with decoded escapes and entities.
//!
//! Rules read the *checked text*: the source with entities (`&amp;`) and escapes decoded
//! inside prose. Spans found there are mapped back to the source, so every reported
//! position points into the original file.

use std::ops::Range;

/// A run of prose inside one block, as a byte range into the checked text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Byte range into the checked text.
    pub range: Range<usize>,
    /// The block (paragraph, heading, list item, table cell) the run belongs to; runs of one
    /// block share the number, so detectors that pair things per paragraph can group them.
    pub block: usize,
}

/// A stretch of source text that reads differently in the checked text (an entity or
/// an escape).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Replacement {
    checked: Range<usize>,
    source: Range<usize>,
}

/// Maps byte offsets in the checked text back to the source.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    replacements: Vec<Replacement>,
}

impl OffsetMap {
    /// The source range that a checked-text range came from. A range that starts or ends
    /// inside a decoded entity is widened to the whole entity.
    pub fn to_source(&self, range: Range<usize>) -> Range<usize> {
        let start = match self.last_starting(|start| start <= range.start) {
            Some(r) if range.start < r.checked.end => r.source.start,
            Some(r) => range.start - r.checked.end + r.source.end,
            None => range.start,
        };
        let end = match self.last_starting(|start| start < range.end) {
            Some(r) if range.end <= r.checked.end => r.source.end,
            Some(r) => range.end - r.checked.end + r.source.end,
            None => range.end,
        };
        start..end.max(start)
    }

    fn last_starting(&self, before: impl Fn(usize) -> bool) -> Option<&Replacement> {
        let count = self
            .replacements
            .partition_point(|r| before(r.checked.start));
        count.checked_sub(1).map(|i| &self.replacements[i])
    }
}

/// The prose of a document in checked-text coordinates.
#[derive(Debug, Clone, Default)]
pub struct Prose {
    /// The checked text when it differs from the source; `None` when they are the same.
    pub checked: Option<String>,
    /// How to get from checked-text offsets back to source offsets.
    pub map: OffsetMap,
    /// The prose runs, in order.
    pub segments: Vec<Segment>,
}

/// Builds [`Prose`] from pieces of source found by a format's scanner, in order.
pub struct ProseBuilder<'a> {
    source: &'a str,
    checked: String,
    copied_to: usize,
    /// Whether the last prose run ended at a skipped piece: the next piece starts another.
    run_ended: bool,
    prose: Prose,
}

impl<'a> ProseBuilder<'a> {
    /// Starts building the prose of `source`.
    pub fn new(source: &'a str) -> Self {
        Self {
            source,
            checked: String::with_capacity(source.len()),
            copied_to: 0,
            run_ended: false,
            prose: Prose::default(),
        }
    }

    /// Adds the source range `piece` as prose of `block`, read as `decoded` when that is
    /// given (an entity or escape), else as it stands. Pieces must come in source order;
    /// a piece that touches the previous one in the same block extends its segment.
    pub fn push(&mut self, piece: Range<usize>, decoded: Option<&str>, block: usize) {
        let Some(Range { start, end }) = self.copy(piece, decoded) else {
            return;
        };
        match self.prose.segments.last_mut() {
            Some(last) if !self.run_ended && last.block == block && last.range.end == start => {
                last.range.end = end;
            }
            _ if start == end => return,
            _ => self.prose.segments.push(Segment {
                range: start..end,
                block,
            }),
        }
        self.run_ended = false;
    }

    /// Leaves the source range `piece` out of the prose, reading it as `text` in the
    /// checked text, and ends the prose run there: the markup between two XLIFF units
    /// reads as the line break that separates them, an XLIFF placeholder as nothing.
    /// Pieces must come in source order, as for [`ProseBuilder::push`].
    pub fn skip(&mut self, piece: Range<usize>, text: &str) {
        if self.copy(piece, Some(text)).is_some() {
            self.run_ended = true;
        }
    }

    /// Copies the source up to `piece` and `piece` itself (as `decoded` when given) into
    /// the checked text: the checked range it became, or `None` for a piece that starts
    /// before the end of the previous one (it was read already).
    fn copy(&mut self, piece: Range<usize>, decoded: Option<&str>) -> Option<Range<usize>> {
        if piece.start < self.copied_to {
            return None;
        }
        self.checked
            .push_str(&self.source[self.copied_to..piece.start]);
        let start = self.checked.len();
        let original = &self.source[piece.clone()];
        match decoded {
            Some(text) if text != original => {
                self.checked.push_str(text);
                self.prose.map.replacements.push(Replacement {
                    checked: start..self.checked.len(),
                    source: piece.clone(),
                });
            }
            _ => self.checked.push_str(original),
        }
        self.copied_to = piece.end;
        Some(start..self.checked.len())
    }

    /// Finishes the prose; the checked text is kept only if it differs from the source.
    pub fn finish(mut self) -> Prose {
        if !self.prose.map.replacements.is_empty() {
            self.checked.push_str(&self.source[self.copied_to..]);
            self.prose.checked = Some(self.checked);
        }
        self.prose
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoded_entities_map_back_to_their_source() {
        let source = "<p>Tom&apos;s  car</p>";
        let mut builder = ProseBuilder::new(source);
        builder.push(3..6, None, 0);
        builder.push(6..12, Some("'"), 0);
        builder.push(12..18, None, 0);
        let prose = builder.finish();
        let checked = prose.checked.as_deref().expect("an entity was decoded");
        assert_eq!(checked, "<p>Tom's  car</p>");
        assert_eq!(
            prose.segments,
            vec![Segment {
                range: 3..13,
                block: 0
            }]
        );
        let double_space = checked.find("  ").expect("present");
        let source_range = prose.map.to_source(double_space..double_space + 2);
        assert_eq!(&source[source_range], "  ");
        assert_eq!(&source[prose.map.to_source(6..7)], "&apos;");
        assert_eq!(&source[prose.map.to_source(3..8)], "Tom&apos;s");
    }

    #[test]
    fn identical_pieces_keep_no_copy() {
        let source = "plain text";
        let mut builder = ProseBuilder::new(source);
        builder.push(0..5, None, 0);
        builder.push(6..10, None, 1);
        let prose = builder.finish();
        assert!(prose.checked.is_none());
        assert_eq!(prose.segments.len(), 2);
    }
}
