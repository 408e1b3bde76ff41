//! Byte offsets to 1-based lines and character columns, computed only when reporting.

use std::ops::Range;

/// A 1-based line and a 1-based column counted in Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// The byte offset where each line starts. Lines end at `\n`; a `\r` before it belongs
/// to the line terminator, so CRLF files get the same columns as LF files.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Self { starts }
    }

    /// The 0-based line that contains `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset) - 1
    }

    /// The byte range of the 0-based `line`, without its terminator.
    pub fn line_range(&self, text: &str, line: usize) -> Range<usize> {
        let start = self.starts[line];
        let mut end = self
            .starts
            .get(line + 1)
            .map_or(text.len(), |&next| next - 1);
        if end > start && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        start..end
    }
}

/// Computes positions for offsets that mostly come in increasing order, walking forward
/// from the previous answer so that many findings on one huge line stay linear.
pub struct Locator<'a> {
    text: &'a str,
    index: &'a LineIndex,
    cursor: (usize, Position),
}

impl<'a> Locator<'a> {
    /// A locator over `text`, whose line starts are in `index`.
    pub fn new(text: &'a str, index: &'a LineIndex) -> Self {
        Self {
            text,
            index,
            cursor: (0, Position { line: 1, column: 1 }),
        }
    }

    /// The position of the byte `offset` (a character boundary).
    pub fn position(&mut self, offset: usize) -> Position {
        let line = self.index.line_of(offset);
        let (cursor_offset, cursor_position) = self.cursor;
        let (from, column) = if cursor_position.line == line + 1 && cursor_offset <= offset {
            (cursor_offset, cursor_position.column)
        } else {
            (self.index.starts[line], 1)
        };
        let position = Position {
            line: line + 1,
            column: column + self.text[from..offset].chars().count(),
        };
        self.cursor = (offset, position);
        position
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "Ünïcödé  here\nnext";
        let index = LineIndex::new(text);
        let mut locator = Locator::new(text, &index);
        let offset = text.find("  ").expect("present");
        assert_eq!(locator.position(offset), Position { line: 1, column: 8 });
        assert_eq!(
            locator.position(text.find("next").expect("present")),
            Position { line: 2, column: 1 }
        );
    }

    #[test]
    fn crlf_lines_end_before_the_carriage_return() {
        let text = "one\r\ntwo\r\n";
        let index = LineIndex::new(text);
        assert_eq!(index.line_range(text, 0), 0..3);
        assert_eq!(index.line_range(text, 1), 5..8);
        assert_eq!(index.line_range(text, 2), 10..10);
    }

    #[test]
    fn going_backwards_still_gives_the_right_answer() {
        let text = "abc def ghi";
        let index = LineIndex::new(text);
        let mut locator = Locator::new(text, &index);
        assert_eq!(locator.position(8).column, 9);
        assert_eq!(locator.position(4).column, 5);
    }
}
