//! XLIFF: the prose is the units' targets, read by [`crate::source::xliff`]; everything
//! else in the file (tags, sources, notes, alternative translations) is not prose.
//!
//! The checked text holds the targets alone, one unit per line, so that line k of it pairs
//! with line k of the units' sources ([`sources`]) as a plain-text target pairs with its
//! source file. Inside a unit, a run of white space that holds a line break reads as one
//! space (none at the unit's start or end), as a CAT tool shows the unit; inline codes
//! read as nothing. A placeholder (`<x/>`, `<ph>`) stands for something the text shows
//! (a variable, an image, a break), so it ends the prose run: the text on either side is
//! checked apart, as on either side of an HTML tag. Text flows across the other codes,
//! which mark formatting (`<g>`, `<pc>`, `<bpt>`, `<sc/>`, …). Every byte of the checked
//! text maps back to the XLIFF file, so findings point into it. Units without a target, or
//! with a target holding no text, are not translated yet and are not checked.

use std::ops::Range;

use super::prose::{Prose, ProseBuilder};
use crate::source::xliff::{self, Content, Unit, Xliff};

/// The prose of the XLIFF file `file`; a file that is not valid XLIFF has none (reading
/// reports it as unreadable before a document is made of it).
pub fn prose_of_file(file: &str) -> Prose {
    match xliff::read(file) {
        Ok(xliff) => prose(file, &xliff),
        Err(_) => Prose {
            checked: Some(String::new()),
            ..Prose::default()
        },
    }
}

/// The prose of `file`, read as `xliff`: each checked unit's target on its own line, a
/// block of its own.
pub fn prose(file: &str, xliff: &Xliff) -> Prose {
    let mut builder = ProseBuilder::new(file);
    let mut copied = 0;
    for (block, target) in translated(xliff).map(|(_, target)| target).enumerate() {
        let separator = if block == 0 { "" } else { "\n" };
        builder.skip(copied..target.element.start, separator);
        push_target(&mut builder, target, block);
        copied = target.element.end;
    }
    builder.skip(copied..file.len(), "\n");
    builder.finish()
}

/// The sources of the checked units, one per line with line breaks read as in the
/// targets: the text the targets of [`prose`] are paired with, line k with line k.
pub fn sources(xliff: &Xliff) -> String {
    let mut text = String::new();
    for (unit, _) in translated(xliff) {
        let source = &unit.source.text;
        let mut copied = 0;
        for fold in line_breaks(source) {
            text.push_str(&source[copied..fold.start]);
            if fold.start > 0 && fold.end < source.len() {
                text.push(' ');
            }
            copied = fold.end;
        }
        text.push_str(&source[copied..]);
        text.push('\n');
    }
    text
}

/// The inline codes that stand for content: they end the prose run.
const PLACEHOLDERS: &[&str] = &["x", "ph"];

/// The units that are checked, with their targets: those whose target holds text.
fn translated(xliff: &Xliff) -> impl Iterator<Item = (&Unit, &Content)> {
    xliff.units.iter().filter_map(|unit| {
        let target = unit.target.as_ref()?;
        (!target.text.trim().is_empty()).then_some((unit, target))
    })
}

/// Adds one target: its pieces of text as they stand or decoded, its inline codes as
/// nothing (placeholders ending the prose run), and each run of white space holding a
/// line break as one space (as nothing at either end of the target).
fn push_target(builder: &mut ProseBuilder<'_>, target: &Content, block: usize) {
    let placeholders: Vec<usize> = target
        .markup
        .iter()
        .filter(|code| PLACEHOLDERS.contains(&code.name.as_str()))
        .map(|code| code.file.start)
        .collect();
    let text = &target.text;
    let mut folds = line_breaks(text)
        .into_iter()
        .map(|fold| {
            let inside = fold.start > 0 && fold.end < text.len();
            (target.to_file(fold), if inside { " " } else { "" })
        })
        .peekable();
    // The end of the last fold pushed: the pieces before it were read with it.
    let mut covered = 0;
    for (piece, decoded) in target.file_pieces() {
        match decoded {
            Some(decoded) => {
                // A decoded piece is one character or none: inside a fold or outside it.
                while let Some((fold, reads)) = folds.next_if(|(fold, _)| fold.start <= piece.start)
                {
                    covered = fold.end;
                    builder.push(fold, Some(reads), block);
                }
                if placeholders.contains(&piece.start) {
                    builder.skip(piece, decoded);
                } else {
                    builder.push(piece, Some(decoded), block);
                }
            }
            None => {
                // Text as it stands may hold a fold's start or end: cut it there.
                let mut start = piece.start.max(covered).min(piece.end);
                while let Some((fold, reads)) = folds.next_if(|(fold, _)| fold.start < piece.end) {
                    builder.push(start..fold.start.max(start), None, block);
                    start = fold.end.clamp(start, piece.end);
                    covered = fold.end;
                    builder.push(fold, Some(reads), block);
                }
                builder.push(start..piece.end, None, block);
            }
        }
    }
    for (fold, reads) in folds {
        builder.push(fold, Some(reads), block);
    }
}

/// The runs of white space in `text` that hold a line break, as byte ranges.
fn line_breaks(text: &str) -> Vec<Range<usize>> {
    let blank = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r');
    let mut runs = Vec::new();
    let mut run: Option<(usize, bool)> = None;
    for (at, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), 'x')))
    {
        match (run, blank(c)) {
            (None, true) => run = Some((at, matches!(c, '\n' | '\r'))),
            (Some((start, breaks)), true) => {
                run = Some((start, breaks || matches!(c, '\n' | '\r')))
            }
            (Some((start, true)), false) => {
                runs.push(start..at);
                run = None;
            }
            (Some((_, false)), false) => run = None,
            (None, false) => {}
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checked(file: &str) -> (String, Prose) {
        let xliff = xliff::read(file).expect("valid XLIFF");
        let prose = prose(file, &xliff);
        let text = prose.checked.clone().expect("the file is not its prose");
        (text, prose)
    }

    const FILE: &str = "<xliff version=\"1.2\"><file><body>\r\n\
        <trans-unit id=\"1\"><source>Раз\r\n  два</source><target>One <g id=\"1\">and</g>\r\n   \
        two &amp; <x id=\"2\"/>three</target></trans-unit>\r\n\
        <trans-unit id=\"2\"><source>Нет</source></trans-unit>\r\n\
        <trans-unit id=\"3\"><source>Пусто</source><target> </target></trans-unit>\r\n\
        <trans-unit id=\"4\"><source>Да</source><target>\r\n  Yes\r\n</target></trans-unit>\r\n\
        </body></file></xliff>\r\n";

    #[test]
    fn targets_are_one_line_each_and_codes_read_as_nothing() {
        let (text, prose) = checked(FILE);
        assert_eq!(text, "One and two & three\nYes\n");
        let blocks: Vec<(&str, usize)> = prose
            .segments
            .iter()
            .map(|s| (&text[s.range.clone()], s.block))
            .collect();
        // The placeholder `<x/>` ends a run; `<g>` does not.
        assert_eq!(blocks, [("One and two & ", 0), ("three", 0), ("Yes", 1)]);
        let xliff = xliff::read(FILE).expect("valid");
        assert_eq!(sources(&xliff), "Раз два\nДа\n");
    }

    #[test]
    fn every_checked_range_maps_into_the_file() {
        let (text, prose) = checked(FILE);
        let file_of = |needle: &str| {
            let at = text.find(needle).expect("present");
            &FILE[prose.map.to_source(at..at + needle.len())]
        };
        assert_eq!(file_of("and"), "and");
        assert_eq!(file_of("and two"), "and</g>\r\n   two");
        assert_eq!(file_of("& three"), "&amp; <x id=\"2\"/>three");
        assert_eq!(file_of("three"), "three");
        assert_eq!(file_of("Yes"), "Yes");
        // The line break between two units is the markup between their targets.
        assert!(file_of("three\nYes").starts_with("three</target>"));
    }

    #[test]
    fn a_file_that_is_not_xliff_has_no_prose() {
        let prose = prose_of_file("<html/>");
        assert_eq!(prose.checked.as_deref(), Some(""));
        assert!(prose.segments.is_empty());
    }

    #[test]
    fn line_breaks_are_runs_of_white_space_holding_one() {
        assert_eq!(line_breaks("a \n b  c\r\nd\n"), [1..4, 8..10, 11..12]);
        assert_eq!(line_breaks("no break  here"), Vec::<Range<usize>>::new());
    }
}
