//! XLIFF 1.2 and 2.0, the bilingual format every CAT tool exports: each unit's source
//! and target text, their languages, and where every character of that text sits in the
//! XLIFF file.
//!
//! A translator opens the XLIFF file, not an extract of it, so a finding must point into
//! the file: [`Content::to_file`] maps any byte range of a decoded text back to the bytes
//! of the file it came from, from which the project computes line and column as for any
//! other input. The decoded text is what a reader reads: inline codes are markup, not
//! prose (`<x/>`, `<bx/>`, `<ex/>`, `<ph>…</ph>`, `<bpt>`, `<ept>`, `<it>` in 1.2; `<ph/>`,
//! `<sc/>`, `<ec/>`, `<sm/>`, `<em/>` in 2.0), while the text inside paired codes is
//! prose (`<g>`, `<mrk>`, `<pc>`); entities, character references, `<cp hex="…"/>` and
//! CDATA sections are decoded, and line ends are normalised as an XML reader must (CRLF
//! and CR read as LF). Alternative translations (`<alt-trans>`), notes and original
//! data are not units' text.
//!
//! XML is read by `quick-xml`; this module keeps the positions it reports. The text given
//! is the decoded file (the project strips a byte-order mark before; one left in place is
//! skipped, and offsets still count it).

use std::ops::Range;

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use thiserror::Error;

/// Why a file could not be read as XLIFF.
#[derive(Debug, Error, PartialEq, Eq)]
#[error("line {line}: {message}")]
pub struct XliffError {
    /// 1-based line of the file where the problem was found.
    pub line: usize,
    /// Byte offset of the problem in the text given.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
}

/// The XLIFF version, from the root element's `version` attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    /// XLIFF 1.x (1.0, 1.1, 1.2): `<trans-unit>` elements.
    V1,
    /// XLIFF 2.x (2.0, 2.1, 2.2): `<unit>` elements holding `<segment>`s.
    V2,
}

/// A whole XLIFF file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Xliff {
    /// Its version.
    pub version: Version,
    /// The source language of the first file (1.2: `<file source-language>`; 2.0:
    /// `<xliff srcLang>`), when it says.
    pub source_language: Option<String>,
    /// The target language, likewise (`target-language`, `trgLang`).
    pub target_language: Option<String>,
    /// The translatable units, in file order. In 2.0, one per `<segment>`.
    pub units: Vec<Unit>,
}

/// One translation unit (1.2 `<trans-unit>`) or segment (2.0 `<segment>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Its id: the `trans-unit` id, or in 2.0 the unit id, then `/` and the segment id
    /// (or the segment's number from 1 when it has none).
    pub id: String,
    /// The source language of the `<file>` (1.2) or document (2.0) it belongs to.
    pub source_language: Option<String>,
    /// The target language, likewise.
    pub target_language: Option<String>,
    /// The source text.
    pub source: Content,
    /// The target text, if the unit has a `<target>` element.
    pub target: Option<Content>,
}

/// The text of a `<source>` or `<target>` element and how it maps back to the file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Content {
    /// The text a reader reads: inline codes left out, entities and CDATA decoded.
    pub text: String,
    /// The byte range of the element's content in the file (after its start tag, before
    /// its end tag).
    pub element: Range<usize>,
    /// The inline codes, in order, with where they were.
    pub markup: Vec<Markup>,
    pieces: Vec<Piece>,
}

/// An inline code of a source or target text: markup, not prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Markup {
    /// The element's local name: `g`, `x`, `ph`, `pc`, `sc`, …
    pub name: String,
    /// The offset in [`Content::text`] where it stood.
    pub at: usize,
    /// The bytes of the file it spans (start tag only, for an element whose content is
    /// prose; the whole element for one whose content is native code).
    pub file: Range<usize>,
}

/// A stretch of decoded text and the bytes of the file it was read from: one to one when
/// `verbatim`, else a decoded reference, CDATA delimiter or line end.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Piece {
    text: Range<usize>,
    file: Range<usize>,
    verbatim: bool,
}

impl Content {
    /// The bytes of the file that the decoded range `range` of [`Content::text`] came
    /// from. A range that starts or ends inside a decoded reference is widened to the whole
    /// reference; an empty range maps to an empty range.
    pub fn to_file(&self, range: Range<usize>) -> Range<usize> {
        let start = self.offset_in_file(range.start, true);
        let end = if range.is_empty() {
            start
        } else {
            self.offset_in_file(range.end, false)
        };
        start..end.max(start)
    }

    /// The file offset of the decoded offset `at`: as the start of a range (`start`) it
    /// is where the character at `at` begins; as an end, where the character before ends.
    fn offset_in_file(&self, at: usize, start: bool) -> usize {
        let index = if start {
            self.pieces.partition_point(|p| p.text.end <= at)
        } else {
            self.pieces.partition_point(|p| p.text.end < at)
        };
        let Some(piece) = self.pieces.get(index) else {
            return self
                .pieces
                .last()
                .map_or(self.element.start, |p| p.file.end);
        };
        if at <= piece.text.start && start {
            return piece.file.start;
        }
        if piece.verbatim {
            piece.file.start + (at - piece.text.start).min(piece.file.len())
        } else if start {
            piece.file.start
        } else {
            piece.file.end
        }
    }

    /// The pieces of the file that make up the text, in order, each with the text it
    /// reads as when that differs from the file's bytes (`None`: the bytes as they stand).
    /// Inline codes read as nothing. This is what a document model that decodes a file in
    /// place (as the HTML reader does for entities) needs to run the monolingual rules on
    /// the targets with positions in the XLIFF file.
    pub fn file_pieces(&self) -> Vec<(Range<usize>, Option<&str>)> {
        let mut out = Vec::new();
        let mut markup = self.markup.iter().peekable();
        for piece in &self.pieces {
            while let Some(code) = markup.next_if(|m| m.file.start < piece.file.start) {
                out.push((code.file.clone(), Some("")));
            }
            let text = (!piece.verbatim).then(|| &self.text[piece.text.clone()]);
            out.push((piece.file.clone(), text));
        }
        out.extend(markup.map(|code| (code.file.clone(), Some(""))));
        out
    }

    fn push(&mut self, text: &str, file: Range<usize>, verbatim: bool) {
        let start = self.text.len();
        self.text.push_str(text);
        if text.is_empty() && file.is_empty() {
            return;
        }
        self.pieces.push(Piece {
            text: start..self.text.len(),
            file,
            verbatim,
        });
    }

    /// Adds raw character data that stood at `file_start` in the file, normalising its
    /// line ends (CRLF and CR read as LF, as XML requires).
    fn push_characters(&mut self, raw: &str, file_start: usize) {
        let mut from = 0;
        while let Some(found) = raw[from..].find('\r') {
            let cr = from + found;
            self.push(&raw[from..cr], file_start + from..file_start + cr, true);
            let end = if raw[cr..].starts_with("\r\n") {
                cr + 2
            } else {
                cr + 1
            };
            self.push("\n", file_start + cr..file_start + end, false);
            from = end;
        }
        self.push(
            &raw[from..],
            file_start + from..file_start + raw.len(),
            true,
        );
    }
}

/// Inline codes whose content is native code (1.2) or original data, never prose.
const CODE_ELEMENTS: &[&str] = &["bpt", "ept", "it", "ph", "sub"];
/// Elements inside a unit whose text is never the unit's source or target.
const SKIPPED_ELEMENTS: &[&str] = &[
    "alt-trans",
    "note",
    "notes",
    "context-group",
    "count-group",
    "prop-group",
    "originalData",
    "matches",
    "glossary",
    "metadata",
    "header",
];

/// What the reader is inside of.
#[derive(Debug, PartialEq)]
enum Frame {
    /// Any element that does not matter here.
    Other(String),
    /// An element whose whole content is ignored (and everything in it).
    Skipped(String),
    /// A `<source>` or `<target>` of the current unit.
    Text { name: String, target: bool },
    /// An inline element inside a text, whose content is prose.
    Inline(String),
    /// An inline element inside a text whose content is native code.
    Code(String),
}

/// Reads an XLIFF 1.2 or 2.0 file from its decoded text.
pub fn read(file: &str) -> Result<Xliff, XliffError> {
    let base = if file.starts_with('\u{feff}') { 3 } else { 0 };
    Parser::new(file, base).run()
}

struct Parser<'a> {
    file: &'a str,
    base: usize,
    version: Option<Version>,
    xliff: Xliff,
    /// Open elements with the offset of their start tag.
    stack: Vec<(Frame, usize)>,
    /// Languages of the current `<file>` (1.2) or of the document (2.0).
    languages: (Option<String>, Option<String>),
    /// The current unit: id, source, target, segment count (2.0).
    unit: Option<OpenUnit>,
    /// The text being read, if inside a `<source>` or `<target>`.
    content: Option<Content>,
}

#[derive(Default)]
struct OpenUnit {
    id: String,
    source: Option<Content>,
    target: Option<Content>,
    segment: Option<String>,
    segments: usize,
}

impl<'a> Parser<'a> {
    fn new(file: &'a str, base: usize) -> Self {
        Self {
            file,
            base,
            version: None,
            xliff: Xliff {
                version: Version::V1,
                source_language: None,
                target_language: None,
                units: Vec::new(),
            },
            stack: Vec::new(),
            languages: (None, None),
            unit: None,
            content: None,
        }
    }

    fn error(&self, offset: usize, message: impl Into<String>) -> XliffError {
        let offset = offset.min(self.file.len());
        XliffError {
            line: 1 + memchr::memchr_iter(b'\n', &self.file.as_bytes()[..offset]).count(),
            offset,
            message: message.into(),
        }
    }

    fn run(mut self) -> Result<Xliff, XliffError> {
        let text = &self.file[self.base..];
        let mut reader = Reader::from_str(text);
        reader.config_mut().check_end_names = true;
        loop {
            let start = self.base + to_usize(reader.buffer_position());
            let event = reader.read_event().map_err(|err| {
                let at = self.base + to_usize(reader.error_position());
                self.error(at, format!("malformed XML: {err}"))
            })?;
            let end = self.base + to_usize(reader.buffer_position());
            match event {
                Event::Start(tag) => self.open(&tag, start..end, false)?,
                Event::Empty(tag) => self.open(&tag, start..end, true)?,
                Event::End(_) => self.close(start..end)?,
                Event::Text(_) => self.characters(start..end),
                Event::CData(_) => self.cdata(start..end),
                Event::GeneralRef(reference) => {
                    let decoded = match reference.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        Ok(None) => {
                            let name = &self.file[start + 1..end - 1];
                            resolve_predefined_entity(name)
                                .ok_or_else(|| {
                                    self.error(start, format!("unknown entity `&{name};`"))
                                })?
                                .to_string()
                        }
                        Err(err) => {
                            return Err(
                                self.error(start, format!("bad character reference: {err}"))
                            );
                        }
                    };
                    self.decoded(&decoded, start..end);
                }
                Event::Eof => break,
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
            }
        }
        if let Some((frame, at)) = self.stack.last() {
            let name = frame_name(frame);
            return Err(self.error(*at, format!("`<{name}>` is never closed")));
        }
        if self.version.is_none() {
            return Err(self.error(self.base, "not an XLIFF file: no `<xliff>` root element"));
        }
        Ok(self.xliff)
    }

    fn in_skipped(&self) -> bool {
        self.stack
            .iter()
            .any(|(frame, _)| matches!(frame, Frame::Skipped(_) | Frame::Code(_)))
    }

    fn open(
        &mut self,
        tag: &BytesStart<'_>,
        range: Range<usize>,
        empty: bool,
    ) -> Result<(), XliffError> {
        let name = String::from_utf8_lossy(tag.local_name().as_ref()).into_owned();
        let frame = if self.in_skipped() {
            Frame::Skipped(name.clone())
        } else if let Some(content) = self.content.as_mut() {
            let at = content.text.len();
            if name == "cp" {
                // XLIFF 2.0 writes characters that XML cannot hold as `<cp hex="…"/>`.
                let hex = attribute(tag, "hex").unwrap_or_default();
                let c = u32::from_str_radix(&hex, 16)
                    .ok()
                    .and_then(char::from_u32)
                    .unwrap_or(char::REPLACEMENT_CHARACTER);
                content.push(&c.to_string(), range.clone(), false);
                Frame::Other(name.clone())
            } else if CODE_ELEMENTS.contains(&name.as_str()) {
                content.markup.push(Markup {
                    name: name.clone(),
                    at,
                    file: range.clone(),
                });
                Frame::Code(name.clone())
            } else {
                content.markup.push(Markup {
                    name: name.clone(),
                    at,
                    file: range.clone(),
                });
                Frame::Inline(name.clone())
            }
        } else {
            self.structure(tag, &name, &range)?
        };
        if empty {
            self.finish(frame, range.end..range.end, range.start)
        } else {
            self.stack.push((frame, range.start));
            Ok(())
        }
    }

    /// An element outside any text: the root, files, units, segments, sources and targets.
    fn structure(
        &mut self,
        tag: &BytesStart<'_>,
        name: &str,
        range: &Range<usize>,
    ) -> Result<Frame, XliffError> {
        if self.version.is_none() {
            if name != "xliff" {
                return Err(self.error(
                    range.start,
                    format!("not an XLIFF file: the root element is `<{name}>`, not `<xliff>`"),
                ));
            }
            let version = attribute(tag, "version").unwrap_or_default();
            self.version = Some(match version.split('.').next() {
                Some("1") => Version::V1,
                Some("2") => Version::V2,
                _ => {
                    return Err(self.error(
                        range.start,
                        format!("unsupported XLIFF version `{version}` (1.2 and 2.0 are read)"),
                    ));
                }
            });
            self.xliff.version = self.version.unwrap_or(Version::V1);
            if self.xliff.version == Version::V2 {
                self.set_languages(attribute(tag, "srcLang"), attribute(tag, "trgLang"));
            }
            return Ok(Frame::Other(name.to_string()));
        }
        let v2 = self.xliff.version == Version::V2;
        if SKIPPED_ELEMENTS.contains(&name) || (v2 && name == "ignorable") {
            return Ok(Frame::Skipped(name.to_string()));
        }
        match name {
            "file" if !v2 => {
                self.set_languages(
                    attribute(tag, "source-language"),
                    attribute(tag, "target-language"),
                );
            }
            "trans-unit" if !v2 => self.start_unit(tag),
            "unit" if v2 => self.start_unit(tag),
            "segment" if v2 => {
                if let Some(unit) = self.unit.as_mut() {
                    unit.segments += 1;
                    unit.segment =
                        Some(attribute(tag, "id").unwrap_or_else(|| unit.segments.to_string()));
                    unit.source = None;
                    unit.target = None;
                }
            }
            "source" | "target" if self.unit.is_some() => {
                if v2 && self.unit.as_ref().is_some_and(|u| u.segment.is_none()) {
                    return Ok(Frame::Other(name.to_string()));
                }
                self.content = Some(Content {
                    element: range.end..range.end,
                    ..Content::default()
                });
                return Ok(Frame::Text {
                    name: name.to_string(),
                    target: name == "target",
                });
            }
            _ => {}
        }
        Ok(Frame::Other(name.to_string()))
    }

    fn set_languages(&mut self, source: Option<String>, target: Option<String>) {
        if self.xliff.source_language.is_none() && self.xliff.units.is_empty() {
            self.xliff.source_language.clone_from(&source);
            self.xliff.target_language.clone_from(&target);
        }
        self.languages = (source, target);
    }

    fn start_unit(&mut self, tag: &BytesStart<'_>) {
        self.unit = Some(OpenUnit {
            id: attribute(tag, "id").unwrap_or_default(),
            ..OpenUnit::default()
        });
    }

    fn close(&mut self, range: Range<usize>) -> Result<(), XliffError> {
        let (frame, start) = self
            .stack
            .pop()
            .ok_or_else(|| self.error(range.start, "a closing tag without its opening tag"))?;
        self.finish(frame, range, start)
    }

    /// Ends an element: `closing` is its end tag (empty for an empty element), `start`
    /// the offset of its start tag.
    fn finish(
        &mut self,
        frame: Frame,
        closing: Range<usize>,
        start: usize,
    ) -> Result<(), XliffError> {
        match frame {
            Frame::Text { target, .. } => {
                if let (Some(mut content), Some(unit)) = (self.content.take(), self.unit.as_mut()) {
                    content.element.end = closing.start.max(content.element.start);
                    if target {
                        unit.target = Some(content);
                    } else {
                        unit.source = Some(content);
                    }
                }
            }
            Frame::Code(_) => {
                // The whole element, start tag to end tag, is one inline code.
                if !self.in_skipped() {
                    if let Some(code) = self.content.as_mut().and_then(|c| c.markup.last_mut()) {
                        code.file = start..closing.end;
                    }
                }
            }
            Frame::Inline(name) => {
                if !closing.is_empty() {
                    if let Some(content) = self.content.as_mut() {
                        let at = content.text.len();
                        content.markup.push(Markup {
                            name,
                            at,
                            file: closing,
                        });
                    }
                }
            }
            Frame::Other(name) => match name.as_str() {
                "trans-unit" if self.xliff.version == Version::V1 => {
                    if let Some(unit) = self.unit.take() {
                        let id = unit.id.clone();
                        self.emit(unit, id, start)?;
                    }
                }
                "segment" if self.xliff.version == Version::V2 => {
                    if let Some(unit) = self.unit.as_mut() {
                        let id = format!("{}/{}", unit.id, unit.segment.take().unwrap_or_default());
                        let segment = OpenUnit {
                            source: unit.source.take(),
                            target: unit.target.take(),
                            ..OpenUnit::default()
                        };
                        self.emit(segment, id, start)?;
                    }
                }
                "unit" if self.xliff.version == Version::V2 => self.unit = None,
                _ => {}
            },
            Frame::Skipped(_) => {}
        }
        Ok(())
    }

    fn emit(&mut self, unit: OpenUnit, id: String, start: usize) -> Result<(), XliffError> {
        let source = unit
            .source
            .ok_or_else(|| self.error(start, format!("unit `{id}` has no `<source>`")))?;
        self.xliff.units.push(Unit {
            id,
            source_language: self.languages.0.clone(),
            target_language: self.languages.1.clone(),
            source,
            target: unit.target,
        });
        Ok(())
    }

    fn characters(&mut self, range: Range<usize>) {
        if self.in_skipped() {
            return;
        }
        if let Some(content) = self.content.as_mut() {
            content.push_characters(&self.file[range.clone()], range.start);
        }
    }

    fn cdata(&mut self, range: Range<usize>) {
        if self.in_skipped() {
            return;
        }
        if let Some(content) = self.content.as_mut() {
            let inner = range.start + "<![CDATA[".len()..range.end - "]]>".len();
            content.push("", range.start..inner.start, false);
            content.push_characters(&self.file[inner.clone()], inner.start);
            content.push("", inner.end..range.end, false);
        }
    }

    fn decoded(&mut self, text: &str, range: Range<usize>) {
        if self.in_skipped() {
            return;
        }
        if let Some(content) = self.content.as_mut() {
            content.push(text, range, false);
        }
    }
}

fn frame_name(frame: &Frame) -> &str {
    match frame {
        Frame::Other(name) | Frame::Skipped(name) | Frame::Inline(name) | Frame::Code(name) => name,
        Frame::Text { name, .. } => name,
    }
}

fn attribute(tag: &BytesStart<'_>, name: &str) -> Option<String> {
    tag.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name.as_bytes())
        .and_then(|a| {
            a.normalized_value(XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

fn to_usize(offset: u64) -> usize {
    usize::try_from(offset).expect("inputs are under 4 GiB (checked when decoded)")
}

#[cfg(test)]
mod tests;
