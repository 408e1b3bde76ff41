//! Documents: the decoded text of one input, which parts of it are prose, and how
//! positions map back to lines and columns of the original file.

mod decode;
mod html;
mod lines;
mod markdown;
mod prose;
mod text;
mod tokens;
mod xliff;

use std::any::{Any, TypeId};
use std::hash::Hasher;
use std::ops::Range;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

pub use decode::{DecodeError, Decoded, decode, decode_as, encode, encoding_for_label, guess};
pub use lines::{LineIndex, Locator, Position};
pub use prose::{OffsetMap, Prose, Segment};
use rustc_hash::FxHasher;
use serde::Deserialize;

use crate::source::paired::PairedSource;
use crate::source::xliff::Xliff;
pub use tokens::{Token, TokenKind, Tokens, is_word_char};

/// How a document is marked up, which decides what in it is prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text: everything is prose.
    Text,
    /// Markdown (CommonMark with tables, footnotes and front matter).
    Markdown,
    /// HTML: text content only.
    Html,
    /// XLIFF 1.2 or 2.0: the units' target text, paired with their source text.
    Xliff,
}

impl Format {
    /// The format a file's extension implies; anything unknown is plain text.
    pub fn from_path(path: &Path) -> Self {
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        match extension.as_deref() {
            Some("md" | "markdown" | "mdown" | "mkd") => Self::Markdown,
            Some("html" | "htm" | "xhtml") => Self::Html,
            Some("xlf" | "xliff") => Self::Xliff,
            _ => Self::Text,
        }
    }
}

/// One input, decoded and segmented once, read by every rule.
#[derive(Debug)]
pub struct Document {
    path: String,
    format: Format,
    source: String,
    bom: bool,
    encoding: Option<&'static encoding_rs::Encoding>,
    prose: Prose,
    lines: OnceLock<LineIndex>,
    /// Boxed: a document is moved whole between threads, and most of its size is here.
    tokens: OnceLock<Box<Tokens>>,
    identity: OnceLock<u64>,
    shared: Mutex<Vec<SharedEntry>>,
    /// The source it translates, when the run pairs documents with their sources.
    paired: Option<PairedSource>,
    /// What reading has to tell the user about this input besides its findings (its
    /// source missing, or paired only as a whole).
    notice: Option<String>,
}

/// An analysis shared by several rules of one document: its type, its key, its value.
type SharedEntry = (TypeId, u64, Arc<dyn Any + Send + Sync>);

impl Document {
    /// Segments `source`, the decoded text of the input shown to users as `path`. An XLIFF
    /// file is parsed here, without its sources (one that does not parse has no prose);
    /// reading makes it with [`Document::from_xliff`], which pairs it with them.
    pub fn new(path: impl Into<String>, format: Format, decoded: Decoded) -> Self {
        let source = &decoded.text;
        let prose = match format {
            Format::Text => text::prose(source),
            Format::Markdown => markdown::prose(source),
            Format::Html => html::prose(source),
            Format::Xliff => xliff::prose_of_file(source),
        };
        Self::new_with_prose(path, format, decoded, prose)
    }

    /// The document of `decoded` whose prose is `prose`.
    fn new_with_prose(
        path: impl Into<String>,
        format: Format,
        decoded: Decoded,
        prose: Prose,
    ) -> Self {
        Self {
            path: path.into(),
            format,
            source: decoded.text,
            bom: decoded.bom,
            encoding: decoded.encoding,
            prose,
            lines: OnceLock::new(),
            tokens: OnceLock::new(),
            identity: OnceLock::new(),
            shared: Mutex::new(Vec::new()),
            paired: None,
            notice: None,
        }
    }

    /// An XLIFF file already read as `xliff`: its targets are the prose, paired with
    /// their sources, whose language is `language` (`--source-lang`) when given, else the
    /// file's own (`source-language`, `srcLang`), else told from their script.
    pub fn from_xliff(
        path: impl Into<String>,
        decoded: Decoded,
        xliff: &Xliff,
        language: Option<&str>,
    ) -> Self {
        let path = path.into();
        let prose = xliff::prose(&decoded.text, xliff);
        let mut document = Self::new_with_prose(path.clone(), Format::Xliff, decoded, prose);
        let language = language.or(xliff.source_language.as_deref());
        let paired = PairedSource::new(path, xliff::sources(xliff), language, document.text());
        document.paired = Some(paired);
        document
    }

    /// The document checked against `source`: the source rules read it.
    pub fn with_paired_source(mut self, source: PairedSource) -> Self {
        self.paired = Some(source);
        self
    }

    /// The document with a notice for the user about how it was read.
    pub fn with_notice(mut self, notice: String) -> Self {
        self.notice = Some(notice);
        self
    }

    /// The source this document translates, when the run has one for it.
    pub fn paired_source(&self) -> Option<&PairedSource> {
        self.paired.as_ref()
    }

    /// What reading has to tell the user about this input (printed once, on standard
    /// error), if anything.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// A plain-text document from a string, as rule examples and tests use it.
    pub fn from_text(path: impl Into<String>, text: &str) -> Self {
        Self::new(path, Format::Text, Decoded::utf8(text))
    }

    /// The same input with another text (its fixed text): same path, format, byte-order
    /// mark, encoding and paired source (aligned again with the new text); no notice, as
    /// the first reading gave it.
    pub fn with_source(&self, text: String) -> Self {
        let mut document = Self::new(
            self.path.clone(),
            self.format,
            Decoded {
                text,
                bom: self.bom,
                encoding: self.encoding,
            },
        );
        document.paired = self
            .paired
            .as_ref()
            .map(|paired| paired.for_target(document.text()));
        document
    }

    /// The path as shown to users.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// How the document is marked up.
    pub fn format(&self) -> Format {
        self.format
    }

    /// The original text (without a byte-order mark): what findings point into.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Whether the file started with a UTF-8 byte-order mark.
    pub fn has_bom(&self) -> bool {
        self.bom
    }

    /// The encoding the file was decoded from when it was not UTF-8; fixes are written
    /// back in it.
    pub fn encoding(&self) -> Option<&'static encoding_rs::Encoding> {
        self.encoding
    }

    /// The text rules read: the source with entities and escapes decoded in prose.
    pub fn text(&self) -> &str {
        self.prose.checked.as_deref().unwrap_or(&self.source)
    }

    /// The prose runs of the document, in order, as ranges into [`Document::text`].
    pub fn segments(&self) -> &[Segment] {
        &self.prose.segments
    }

    /// The text of one prose run.
    pub fn segment_text(&self, segment: &Segment) -> &str {
        &self.text()[segment.range.clone()]
    }

    /// The range of [`Document::text`] covered by the prose of the block (paragraph) that
    /// holds `offset`, or the whole text when no prose run holds it.
    pub fn block_bounds(&self, offset: usize) -> Range<usize> {
        let segments = self.segments();
        let containing = segments.partition_point(|s| s.range.start <= offset);
        let Some(segment) = containing.checked_sub(1).map(|i| &segments[i]) else {
            return 0..self.text().len();
        };
        let first = segments[..containing].partition_point(|s| s.block < segment.block);
        let last =
            containing + segments[containing..].partition_point(|s| s.block == segment.block);
        segments[first].range.start..segments[last - 1].range.end.max(offset)
    }

    /// The source range that a range of [`Document::text`] came from.
    pub fn to_source(&self, range: Range<usize>) -> Range<usize> {
        self.prose.map.to_source(range)
    }

    /// Whether a fix may replace the range `checked` of [`Document::text`] with
    /// `replacement` in the file itself: always, except in XLIFF, where the range must be
    /// target text as it stands in the file (no inline code, reference or folded line break
    /// in it) and the replacement must need no escaping, so that a fix never touches markup.
    pub fn can_replace(&self, checked: Range<usize>, replacement: &str) -> bool {
        self.format != Format::Xliff
            || (self.source.get(self.to_source(checked.clone())) == self.text().get(checked)
                && !replacement.contains(['<', '>', '&']))
    }

    /// The words, numbers and punctuation of the prose, tokenised on first use so that
    /// runs whose rules need no tokens never pay for them.
    pub fn tokens(&self) -> &[Token] {
        &self.tokenized().all
    }

    fn tokenized(&self) -> &Tokens {
        self.tokens
            .get_or_init(|| Box::new(tokens::tokenize(self.text(), self.segments())))
    }

    /// Frees what only rules use (the tokens, the shared analyses); they are made again if
    /// asked for. The engine calls it on the thread that checked the document, before
    /// handing it to the thread that reports: memory is freed fastest by the thread that
    /// allocated it, and reporting needs only the text.
    pub fn release_analyses(&mut self) {
        self.tokens = OnceLock::new();
        if let Ok(shared) = self.shared.get_mut() {
            shared.clear();
        }
    }

    /// The indices of the tokens that hold a character outside ASCII, in order: rules
    /// about non-ASCII letters (look-alikes, untranslated words) skip the plain-ASCII
    /// words that make up most English text without visiting them.
    pub fn non_ascii_tokens(&self) -> impl Iterator<Item = usize> + '_ {
        self.tokenized()
            .non_ascii
            .iter()
            .map(|&index| index as usize)
    }

    /// The indices of the words that start with an uppercase letter, in order: the
    /// names detector looks at these alone.
    pub fn capitalised_words(&self) -> impl ExactSizeIterator<Item = usize> + '_ {
        self.tokenized()
            .capitalised
            .iter()
            .map(|&index| index as usize)
    }

    /// The result of an analysis that several rules of this document need (the quote
    /// pairing serves every `quotes` rule): computed by the first rule that asks, then
    /// shared. `key` tells apart analyses of one type run with different parameters.
    pub fn shared<T: Any + Send + Sync>(&self, key: u64, compute: impl FnOnce() -> T) -> Arc<T> {
        let find = |entries: &[SharedEntry]| {
            entries
                .iter()
                .find(|(id, k, _)| *id == TypeId::of::<T>() && *k == key)
                .and_then(|(_, _, value)| Arc::clone(value).downcast::<T>().ok())
        };
        let lock = || {
            self.shared
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
        };
        if let Some(found) = find(&lock()) {
            return found;
        }
        let value = Arc::new(compute());
        lock().push((
            TypeId::of::<T>(),
            key,
            Arc::clone(&value) as Arc<dyn Any + Send + Sync>,
        ));
        value
    }

    /// The text of a token.
    pub fn token_text(&self, token: &Token) -> &str {
        &self.text()[token.range()]
    }

    /// A hash of the path and the text: which document a result was computed for, so
    /// that corpus mode never takes a document changed between its passes (fixed, or
    /// edited meanwhile) for the one it read first. Computed once per document.
    pub fn identity(&self) -> u64 {
        *self.identity.get_or_init(|| {
            let mut hasher = FxHasher::default();
            hasher.write(self.path.as_bytes());
            hasher.write_u8(0xff);
            hasher.write(self.text().as_bytes());
            hasher.finish()
        })
    }

    /// The line index of the source, built on first use: a document without findings
    /// (and the corpus pass) never needs it.
    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.source))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_ascii_tokens_are_those_holding_a_byte_outside_ascii() {
        let document = Document::from_text(
            "t",
            "Plain words first, then Zürich and «Москва» — and O’Brien.\n\nLast: naïve",
        );
        let found: Vec<&str> = document
            .non_ascii_tokens()
            .map(|index| document.token_text(&document.tokens()[index]))
            .collect();
        assert_eq!(
            found,
            ["Zürich", "«", "Москва", "»", "—", "O’Brien", "naïve"]
        );
    }

    #[test]
    fn a_long_ascii_text_has_no_non_ascii_tokens() {
        let document = Document::from_text("t", &"seventeen letters ".repeat(100));
        assert_eq!(document.non_ascii_tokens().count(), 0);
    }
}
