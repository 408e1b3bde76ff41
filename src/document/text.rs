//! Plain text: every line is prose; blank lines separate paragraphs.

use super::prose::{Prose, Segment};

/// The prose of a plain-text document: one segment per paragraph, and one per line that
/// holds only whitespace (so trailing-whitespace rules still see it).
pub fn prose(source: &str) -> Prose {
    let mut segments = Vec::new();
    let mut paragraph: Option<(usize, usize)> = None;
    let mut offset = 0;
    let line_ends = memchr::memchr_iter(b'\n', source.as_bytes()).map(|at| at + 1);
    for end in line_ends.chain((!source.ends_with('\n')).then_some(source.len())) {
        let line = &source[offset..end];
        let content_end = offset + line.trim_end_matches(['\n', '\r']).len();
        if source[offset..content_end].trim().is_empty() {
            if let Some((start, end)) = paragraph.take() {
                let block = segments.len();
                segments.push(Segment {
                    range: start..end,
                    block,
                });
            }
            if content_end > offset {
                let block = segments.len();
                segments.push(Segment {
                    range: offset..content_end,
                    block,
                });
            }
        } else {
            let start = paragraph.map_or(offset, |(start, _)| start);
            paragraph = Some((start, content_end));
        }
        offset += line.len();
    }
    if let Some((start, end)) = paragraph {
        let block = segments.len();
        segments.push(Segment {
            range: start..end,
            block,
        });
    }
    Prose {
        segments,
        ..Prose::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_separated_by_blank_lines() {
        let source = "First line\r\nsecond line\r\n\r\nNext paragraph\n";
        let ranges: Vec<_> = prose(source)
            .segments
            .iter()
            .map(|s| &source[s.range.clone()])
            .collect();
        assert_eq!(ranges, ["First line\r\nsecond line", "Next paragraph"]);
    }

    #[test]
    fn whitespace_only_lines_are_their_own_segment() {
        let source = "One\n   \nTwo";
        let segments = prose(source).segments;
        assert_eq!(segments.len(), 3);
        assert_eq!(&source[segments[1].range.clone()], "   ");
    }
}
