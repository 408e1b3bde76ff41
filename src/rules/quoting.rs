//! Quotation marks paired per paragraph: which marks are quotes (not apostrophes or
//! primes), which opens and which closes, and what is wrong with them. The `quotes` kind
//! runs one scan per document and its rules each report one sort of [`Problem`].
//!
//! A mark's role comes from its glyph (`“` opens, `”` closes) and from its flanking: a
//! mark with space before and text after sits where an opening quote goes. Straight marks
//! (`"`) have no direction, so only flanking and the pairing decide. A quotation that runs
//! over paragraphs leaves its paragraph open and opens the next one again (the English
//! convention); that is not a defect.

mod doubles;

use std::ops::Range;

use serde::Deserialize;

use doubles::{Before, Candidate, Glyph, Verdict};

use crate::document::{Document, is_word_char};
use crate::rules::mojibake;

/// A pair of quotation marks, such as `“` and `”`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pair {
    /// The opening mark.
    pub open: char,
    /// The closing mark (the same as `open` for straight quotes).
    pub close: char,
}

/// Whether a mark opened or closed its quotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// It opens a quotation.
    Open,
    /// It closes one.
    Close,
}

/// A quotation mark taken as a quote: where it is, which pair it belongs to, its role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// Byte offset into [`Document::text`].
    pub at: usize,
    /// The glyph.
    pub glyph: char,
    /// Index of its pair in the pairs the scan was given.
    pub pair: usize,
    /// Its role.
    pub role: Role,
}

/// What is wrong with a quotation mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// A quotation opened and never closed, or closed and never opened.
    Unbalanced,
    /// A closing mark where an opening one goes, or glued to the wrong word.
    Misplaced,
    /// Space between a mark and the text it quotes.
    InnerSpace,
    /// No space between a mark and the word outside it.
    MissingOuterSpace,
    /// A straight mark paired with a curly one (`"reform”`).
    Mismatched,
    /// A mark written twice (`""reform""`).
    Doubled,
}

/// One problem: what, where, the repaired text and a specific message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// What is wrong.
    pub kind: ProblemKind,
    /// Byte range into [`Document::text`].
    pub span: Range<usize>,
    /// The repaired text, when there is one.
    pub suggestion: Option<String>,
    /// What exactly is wrong.
    pub reason: Reason,
}

/// What exactly is wrong with a mark: each reason has its own message, which a `quotes`
/// rule's file gives in its `messages` table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// A quotation opened and never closed.
    OpenedNeverClosed,
    /// A quotation opened and never closed, and the next mark opens another one.
    OpenedNextOpens,
    /// A quotation opened and never closed before the paragraph ends.
    OpenedParagraphEnds,
    /// A closing mark with nothing to close.
    ClosingWithoutOpening,
    /// A closing mark with nothing to close, cut off from its quotation (`said, "the`).
    ClosingCutOff,
    /// A straight mark with text or space on both sides and no partner.
    NoPartner,
    /// A closing mark attached to the word after the quotation (`answers, ”the`).
    ClosingAttachedToNextWord,
    /// An opening mark attached to the word before the quotation (`said“ we`).
    OpeningAttachedToPreviousWord,
    /// A closing mark where an opening one goes (`”reform”`).
    ClosingUsedToOpen,
    /// An opening mark where a closing one goes (`“reform“`).
    OpeningUsedToClose,
    /// An opening single quote where an apostrophe belongs (`the ‘90s`).
    OpeningAsApostrophe,
    /// Space just after an opening mark.
    SpaceAfterOpening,
    /// Space just before a closing mark.
    SpaceBeforeClosing,
    /// No space between a word and an opening mark.
    NoSpaceBeforeOpening,
    /// No space between a closing mark and a word.
    NoSpaceAfterClosing,
    /// A straight mark paired with a curly one.
    Mismatched,
    /// A mark written twice.
    Doubled,
}

/// Everything a scan found: the marks taken as quotes, and the problems.
#[derive(Debug, Default)]
pub struct Scan {
    /// Every quotation mark that pairs or is reported, in no particular order.
    pub marks: Vec<Mark>,
    /// Every problem, in order of discovery.
    pub problems: Vec<Problem>,
}

/// Pairs the quotation marks of documents, for one set of pairs: what it needs to find
/// the marks is built once, for every document a rule checks.
#[derive(Debug)]
pub struct Scanner {
    pairs: Vec<Pair>,
    glyphs: Glyphs,
}

impl Scanner {
    /// A scanner pairing `pairs`.
    pub fn new(pairs: &[Pair]) -> Self {
        Self {
            pairs: pairs.to_vec(),
            glyphs: Glyphs::new(pairs),
        }
    }

    /// Pairs the quotation marks of every paragraph of `document`.
    pub fn scan(&self, document: &Document) -> Scan {
        scan_paragraphs(document, &self.pairs, &self.glyphs, true)
    }
}

/// [`Scanner::scan`], with or without the shortcut for paragraphs of plain curly pairs
/// (tests compare the two).
fn scan_paragraphs(document: &Document, pairs: &[Pair], glyphs: &Glyphs, shortcut: bool) -> Scan {
    let text = document.text();
    let segments = document.segments();
    let mut scan = Scan::default();
    let mut paragraph = Paragraph::default();
    let mut first = 0;
    while first < segments.len() {
        let block = segments[first].block;
        let end = segments[first..]
            .iter()
            .position(|s| s.block != block)
            .map_or(segments.len(), |n| first + n);
        if let [segment] = &segments[first..end]
            && shortcut
            && let Some(marks) = glyphs.plain_pairs(text, segment.range.clone())
        {
            scan.marks.extend(marks);
            first = end;
            continue;
        }
        let has_marks = segments[first..end]
            .iter()
            .any(|segment| glyphs.need_pairing(&text[segment.range.clone()]));
        if !has_marks {
            // Nothing to pair: skip the block without building its cells, which for a
            // 50 MB paragraph would take 12 bytes per character.
            first = end;
            continue;
        }
        paragraph.clear();
        // A cell per character: at most one per byte. Reserved at once, a huge paragraph
        // is not copied from vector to doubled vector; the part never written (for
        // multi-byte text) is never touched.
        paragraph
            .cells
            .reserve(segments[end - 1].range.end - segments[first].range.start + end - first);
        for segment in &segments[first..end] {
            let glued = text[..segment.range.start]
                .chars()
                .next_back()
                .is_some_and(|c| !c.is_whitespace());
            if !paragraph.cells.is_empty() || glued {
                paragraph.push_gap(glyphs, segment.range.start);
            }
            paragraph.push_run(glyphs, text, segment.range.clone());
        }
        let next_opens = segments[end..]
            .iter()
            .take(WINDOW)
            .find_map(|s| text[s.range.clone()].chars().find(|c| !c.is_whitespace()));
        Block {
            cells: &paragraph.cells,
            stops: &paragraph.stops,
            glyphs,
            pairs,
            stack: Vec::new(),
            scan: &mut scan,
        }
        .run(next_opens);
        first = end;
    }
    scan
}

/// The glyphs of the pairs, with the bytes they start with: most text holds none of
/// those bytes, so it is passed over without decoding a character.
#[derive(Debug)]
struct Glyphs {
    glyphs: Vec<char>,
    leading_bytes: [bool; 256],
    /// The leading bytes in two groups: the three most common in English text (ASCII
    /// quotes first, then `0xE2`, which starts the curly quotes), searched for with
    /// `memchr3`; and the rest (`0xC2` for guillemets), looked for first, since a
    /// paragraph holding none of them can be searched with `memchr3` alone.
    common_leading: [u8; 3],
    rare_leading: Vec<u8>,
    /// The index of the pair `“”`, when `“` opens no earlier pair.
    curly: Option<usize>,
    /// [`Glyphs::is_stop`] for each ASCII character, looked up per byte of ASCII text.
    ascii_stops: [bool; 128],
}

impl Glyphs {
    fn new(pairs: &[Pair]) -> Self {
        let curly = pairs
            .iter()
            .position(|p| p.open == '“')
            .filter(|&index| pairs[index].close == '”');
        let mut glyphs: Vec<char> = pairs.iter().flat_map(|p| [p.open, p.close]).collect();
        glyphs.sort_unstable();
        glyphs.dedup();
        let mut leading_bytes = [false; 256];
        for glyph in &glyphs {
            let mut utf8 = [0; 4];
            leading_bytes[usize::from(glyph.encode_utf8(&mut utf8).as_bytes()[0])] = true;
        }
        let mut leading: Vec<u8> = (0..=255u8)
            .filter(|&b| leading_bytes[usize::from(b)])
            .collect();
        leading.sort_by_key(|&b| (!b.is_ascii(), b != 0xE2, b));
        let rare_leading = leading.split_off(leading.len().min(3));
        let common_leading = match leading[..] {
            [a, b, c] => [a, b, c],
            [a, b] => [a, b, b],
            [a] => [a, a, a],
            _ => [0, 0, 0],
        };
        let mut ascii_stops = [false; 128];
        ascii_stops.copy_from_slice(&leading_bytes[..128]);
        for punctuation in [b'.', b'!', b'?', b','] {
            ascii_stops[usize::from(punctuation)] = true;
        }
        Self {
            glyphs,
            leading_bytes,
            common_leading,
            rare_leading,
            curly,
            ascii_stops,
        }
    }

    /// The offset of the next byte of `bytes` a glyph may start with; `common_only` when
    /// the text holds none of the rare leading bytes.
    fn next_leading(&self, bytes: &[u8], common_only: bool) -> Option<usize> {
        if common_only {
            let [a, b, c] = self.common_leading;
            memchr::memchr3(a, b, c, bytes)
        } else {
            bytes
                .iter()
                .position(|&b| self.leading_bytes[usize::from(b)])
        }
    }

    /// The glyphs of `text` with their byte offsets, apostrophes between two letters
    /// (`It’s`, `O'Brien`) left out: the scan passes over those.
    fn marks<'t>(&'t self, text: &'t str) -> impl Iterator<Item = (usize, char)> + 't {
        let bytes = text.as_bytes();
        let common_only = !self.glyphs.is_empty()
            && self
                .rare_leading
                .iter()
                .all(|&rare| memchr::memchr(rare, bytes).is_none());
        let mut at = 0;
        std::iter::from_fn(move || {
            while let Some(found) = self.next_leading(&bytes[at..], common_only) {
                let start = at + found;
                let ch = text[start..].chars().next()?;
                at = start + ch.len_utf8();
                if !self.glyphs.contains(&ch) {
                    continue;
                }
                let word = |c: Option<char>| c.is_some_and(is_word_char);
                let inner_apostrophe = matches!(ch, '’' | '\'')
                    && word(text[..start].chars().next_back())
                    && word(text[at..].chars().next());
                if !inner_apostrophe {
                    return Some((start, ch));
                }
            }
            None
        })
    }

    /// The marks of a paragraph (one prose run at `range` of `text`) whose quotes are all
    /// well-formed curly pairs, `“` after space and before a word, `”` after the quoted
    /// text and before space or punctuation, with no other mark beside them: what the
    /// full scan would record, found without building its cells. Most paragraphs of news
    /// text are like that (a paragraph without marks has none to record). `None` for any
    /// other paragraph, which gets the full scan.
    fn plain_pairs(&self, text: &str, range: Range<usize>) -> Option<Vec<Mark>> {
        let pair = self.curly?;
        let run = &text[range.clone()];
        let mut found = self.marks(run).peekable();
        // A paragraph without marks has nothing to record, mojibake or not: it is not
        // searched for mojibake.
        if found.peek().is_some() && !mojibake::find(run).is_empty() {
            return None;
        }
        let mut marks = Vec::new();
        let mut open: Option<usize> = None;
        for (at, ch) in found {
            let before = run[..at].chars().next_back();
            let after = run[at + ch.len_utf8()..].chars().next();
            let lone =
                |c: Option<char>| c.is_none_or(|c| !self.contains(c) && !matches!(c, '’' | '\''));
            if !lone(before) || !lone(after) {
                return None;
            }
            let opens = matches!(side_of(before), Side::Space | Side::Opening);
            let closes = matches!(side_of(after), Side::Space | Side::Closing);
            let mark = |at: usize, glyph: char, role: Role| Mark {
                at: range.start + at,
                glyph,
                pair,
                role,
            };
            match (ch, open) {
                ('“', None) if opens && !closes => open = Some(at),
                ('”', Some(start)) if !opens && closes => {
                    marks.push(mark(start, '“', Role::Open));
                    marks.push(mark(at, '”', Role::Close));
                    open = None;
                }
                _ => return None,
            }
        }
        open.is_none().then_some(marks)
    }

    /// Whether `text` (one prose run) holds a glyph that needs pairing: any but an
    /// apostrophe between two letters. Most paragraphs hold no other, and are then not
    /// scanned at all.
    fn need_pairing(&self, text: &str) -> bool {
        self.marks(text).next().is_some()
    }

    /// Whether the scan of a paragraph stops at `ch`: a glyph, or punctuation that ends a
    /// sentence or starts a clause, which the pairing of double marks counts.
    fn is_stop(&self, ch: char) -> bool {
        match u8::try_from(ch) {
            Ok(byte) if byte.is_ascii() => self.ascii_stops[usize::from(byte)],
            _ => self.glyphs.contains(&ch),
        }
    }

    fn contains(&self, ch: char) -> bool {
        match u8::try_from(ch) {
            Ok(byte) if byte.is_ascii() => self.leading_bytes[usize::from(byte)],
            _ => self.glyphs.contains(&ch),
        }
    }
}

/// The cells of a paragraph and its stops ([`Glyphs::is_stop`]), built run by run; one
/// is reused from paragraph to paragraph.
#[derive(Debug, Default)]
struct Paragraph {
    /// A cell per character and per markup gap, as [`Block`] reads them.
    cells: Vec<Cell>,
    /// The indices of the cells at stops, in order.
    stops: Vec<usize>,
}

impl Paragraph {
    /// Empties it for the next paragraph, keeping its memory.
    fn clear(&mut self) {
        self.cells.clear();
        self.stops.clear();
    }

    /// Appends the cell standing for the markup before the prose run at byte `at`.
    fn push_gap(&mut self, glyphs: &Glyphs, at: usize) {
        let first = self.cells.len();
        self.cells.push(Cell::new(at, GAP, false));
        self.find_stops(glyphs, first);
    }

    /// Appends the characters of one prose run, marking those inside mojibake.
    fn push_run(&mut self, glyphs: &Glyphs, text: &str, range: Range<usize>) {
        let run = &text[range.clone()];
        let damaged = mojibake::find(run);
        let first = self.cells.len();
        // Most runs of English hold no mojibake, and many no character past ASCII: their
        // cells are made, and their stops found, without decoding UTF-8.
        if damaged.is_empty() && run.is_ascii() {
            let stops = run.bytes().enumerate();
            self.stops.extend(
                stops
                    .filter(|&(_, byte)| glyphs.ascii_stops[usize::from(byte)])
                    .map(|(i, _)| first + i),
            );
            let cell = |(i, byte)| Cell::new(range.start + i, char::from(byte), false);
            self.cells.extend(run.bytes().enumerate().map(cell));
            return;
        }
        if damaged.is_empty() {
            let cell = |(i, ch)| Cell::new(range.start + i, ch, false);
            self.cells.extend(run.char_indices().map(cell));
        } else {
            let mut next_damage = damaged.iter().map(|(range, _)| range).peekable();
            self.cells.extend(run.char_indices().map(|(i, ch)| {
                while next_damage.next_if(|range| range.end <= i).is_some() {}
                Cell::new(
                    range.start + i,
                    ch,
                    next_damage.peek().is_some_and(|range| range.contains(&i)),
                )
            }));
        }
        self.find_stops(glyphs, first);
    }

    /// Records the stops among the cells from index `first` on.
    fn find_stops(&mut self, glyphs: &Glyphs, first: usize) {
        let cells = self.cells[first..].iter().enumerate();
        self.stops.extend(
            cells
                .filter(|(_, cell)| glyphs.is_stop(cell.ch))
                .map(|(i, _)| first + i),
        );
    }
}

/// How far, in characters, the scanner looks around a mark for a word, a space or a
/// quote that could close; it bounds the work on pathological input (a megabyte without
/// a space) without limiting real text.
const WINDOW: usize = 256;

/// How many words after a comma or quotation mark a reporting verb may come and still
/// make a reporting clause (`, the prime minister said`).
const CLAUSE_WORDS: usize = 6;

/// One character of a paragraph: 12 bytes, since a 50 MB paragraph has millions.
#[derive(Debug, Clone, Copy)]
struct Cell {
    /// Byte offset in the text, in 32 bits (inputs over 4 GiB are refused when decoded).
    offset: u32,
    ch: char,
    /// Part of mojibake (`â€œ`): its quote-like characters are not quotes.
    damaged: bool,
}

impl Cell {
    fn new(at: usize, ch: char, damaged: bool) -> Self {
        Self {
            offset: u32::try_from(at).unwrap_or(u32::MAX),
            ch,
            damaged,
        }
    }

    /// The byte offset in the text.
    fn at(&self) -> usize {
        self.offset as usize
    }
}

/// What stands next to a mark, looking past other quotation marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    /// Whitespace, a paragraph edge or markup.
    Space,
    /// A letter or digit.
    Word,
    /// Punctuation that precedes a quotation: brackets, dashes, slashes.
    Opening,
    /// Any other punctuation.
    Closing,
}

/// What kind of neighbour `ch` is; `None` is a paragraph edge.
fn side_of(ch: Option<char>) -> Side {
    match ch {
        None => Side::Space,
        Some(c) if is_blank(c) => Side::Space,
        Some(c) if is_word_char(c) => Side::Word,
        Some('(' | '[' | '{' | '—' | '–' | '-' | '/') => Side::Opening,
        Some(c) if is_closing_punctuation(c) => Side::Closing,
        // Symbols (`○`, `$`, `#`, `■`, emoji) stand where a word would.
        Some(_) => Side::Word,
    }
}

/// Punctuation that may follow a closing quotation mark (or stand in its quotation, as
/// another mark): full stops, commas, closing brackets, quotation marks and their
/// full-width forms.
fn is_closing_punctuation(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
            | ']'
            | '}'
            | '>'
            | '…'
            | '\''
            | '"'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '«'
            | '»'
            | '„'
            | '‚'
            | '‹'
            | '›'
            | '%'
            | '*'
            | '\u{3001}'..='\u{3003}'
            | '\u{3008}'..='\u{3011}'
            | '\u{FF01}'..='\u{FF0F}'
            | '\u{FF1A}'..='\u{FF20}'
            | '\u{FF3B}'..='\u{FF40}'
            | '\u{FF5B}'..='\u{FF65}'
    )
}

/// Where a mark sits between its neighbours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flank {
    /// Before a word, after space: where an opening mark goes.
    Left,
    /// After a word, before space or punctuation: where a closing mark goes.
    Right,
    /// Text on both sides.
    Inside,
    /// Space on both sides.
    Free,
}

struct Open {
    cell: usize,
    pair: usize,
    /// Space just inside the opening mark, reported if the quotation closes.
    inner_space: Option<Range<usize>>,
    /// What it should have been: a closing mark used to open a quotation is reported as
    /// misdirected, with this repair, if the quotation closes, and as a lone mark if not.
    misdirected: Option<String>,
    /// Whether it may be a symbol (`» Home`): reported only if it pairs.
    free: bool,
}

struct Block<'a> {
    cells: &'a [Cell],
    /// The cells at which [`Glyphs::is_stop`] holds, in order: the only ones the scan
    /// must visit, a few in a hundred in a long paragraph.
    stops: &'a [usize],
    glyphs: &'a Glyphs,
    pairs: &'a [Pair],
    stack: Vec<Open>,
    scan: &'a mut Scan,
}

impl Block<'_> {
    fn run(mut self, next_opens: Option<char>) {
        let handled = self.pair_doubles(next_opens);
        let mut handled = handled.iter().peekable();
        // Every cell decided by the pairing of double marks holds a glyph, so is a stop.
        let stops = self.stops;
        for &i in stops {
            if handled.next_if(|&&cell| cell == i).is_some() {
                continue;
            }
            if !self.cells[i].damaged && self.is_quote_glyph(self.cells[i].ch) {
                self.mark(i);
            }
        }
        let continued = self
            .stack
            .first()
            .is_some_and(|open| Some(self.pairs[open.pair].open) == next_opens);
        if continued {
            for open in std::mem::take(&mut self.stack) {
                if !open.free {
                    self.record(open.cell, open.pair, Role::Open);
                }
            }
            return;
        }
        for open in std::mem::take(&mut self.stack) {
            self.unclosed(&open);
        }
    }

    fn unclosed(&mut self, open: &Open) {
        if open.free {
            return;
        }
        self.record(open.cell, open.pair, Role::Open);
        let at = self.cells[open.cell].at();
        let reason = if open.misdirected.is_some() {
            Reason::ClosingWithoutOpening
        } else {
            Reason::OpenedNeverClosed
        };
        self.problem(
            ProblemKind::Unbalanced,
            at..at + self.cells[open.cell].ch.len_utf8(),
            None,
            reason,
        );
    }

    fn is_quote_glyph(&self, ch: char) -> bool {
        self.glyphs.contains(ch)
    }

    fn ch(&self, i: usize) -> Option<char> {
        self.cells.get(i).map(|c| c.ch)
    }

    fn prev(&self, i: usize) -> Option<char> {
        i.checked_sub(1).and_then(|j| self.ch(j))
    }

    fn side(&self, ch: Option<char>) -> Side {
        side_of(ch)
    }

    /// Whether the cell at `i` stands between two letters or digits (`said”the`).
    fn is_glued(&self, i: usize) -> bool {
        let word = |c: Option<char>| c.is_some_and(is_word_char);
        word(self.prev(i)) && word(self.ch(i + 1))
    }

    /// The first neighbour on one side that is not a quotation mark (nested quotes put
    /// two or three marks together; more than four is noise, read as space).
    fn neighbour(&self, i: usize, forward: bool) -> Option<char> {
        let mut j = i;
        for _ in 0..4 {
            j = if forward { j + 1 } else { j.checked_sub(1)? };
            let ch = self.ch(j)?;
            if !self.is_quote_glyph(ch) && !matches!(ch, '’' | '\'') {
                return Some(ch);
            }
        }
        None
    }

    fn flank(&self, i: usize) -> Flank {
        let before = self.side(self.neighbour(i, false));
        let after = self.side(self.neighbour(i, true));
        let opens = matches!(before, Side::Space | Side::Opening);
        let closes = matches!(after, Side::Space | Side::Closing);
        match (opens, closes) {
            (true, false) => Flank::Left,
            (false, true) => Flank::Right,
            (false, false) => Flank::Inside,
            (true, true) => Flank::Free,
        }
    }

    fn mark(&mut self, i: usize) {
        let ch = self.cells[i].ch;
        if self.is_apostrophe(i) || self.is_prime(i) {
            return;
        }
        if self.is_reversed_apostrophe(i) {
            let at = self.cells[i].at();
            self.problem(
                ProblemKind::Misplaced,
                at..at + ch.len_utf8(),
                Some("’".to_string()),
                Reason::OpeningAsApostrophe,
            );
            return;
        }
        let flank = self.flank(i);
        let top_pair = self.stack.last().map(|open| open.pair);
        if top_pair.is_some_and(|p| self.pairs[p].close == ch) {
            if ch == '\'' && flank == Flank::Left {
                self.resync(i);
            } else {
                self.close(i, flank);
            }
            return;
        }
        if ch == '\'' && flank == Flank::Right {
            return;
        }
        if let Some(pair) = self.pairs.iter().position(|p| p.open == ch) {
            self.open_or_repair(i, pair, flank);
            return;
        }
        let depth = (0..self.stack.len())
            .rev()
            .take(WINDOW)
            .find(|&d| self.pairs[self.stack[d].pair].close == ch);
        if let Some(depth) = depth {
            for open in self.stack.split_off(depth + 1) {
                self.unclosed(&open);
            }
            self.close(i, flank);
            return;
        }
        let at = self.cells[i].at();
        let span = at..at + ch.len_utf8();
        let misdirected = self.pairs.iter().position(|p| p.close == ch);
        match misdirected {
            Some(pair) if flank == Flank::Left || self.is_glued(i) => {
                let open = self.pairs[pair].open;
                let repair = if flank == Flank::Left {
                    open.to_string()
                } else {
                    format!(" {open}")
                };
                self.push(i, pair, None);
                if let Some(top) = self.stack.last_mut() {
                    top.misdirected = Some(repair);
                }
            }
            _ if matches!(ch, '’' | '\'') || self.is_symbol(i) => {}
            _ => {
                self.record(i, misdirected.unwrap_or_default(), Role::Close);
                self.problem(
                    ProblemKind::Unbalanced,
                    span,
                    None,
                    Reason::ClosingWithoutOpening,
                );
            }
        }
    }

    /// A straight single mark that opens a word while another is open: the open one was
    /// an apostrophe the rules did not recognise (`the '70s'` style slips, code-like
    /// lists), so it is forgotten and the new mark opens.
    fn resync(&mut self, i: usize) {
        let open = self
            .stack
            .pop()
            .expect("resync is called with an open quotation");
        self.push(i, open.pair, None);
    }

    /// Whether the mark at `i` may be a symbol rather than a quote: a guillemet (`» Home`)
    /// or a straight mark (a ditto mark) with blanks (space, markup, a paragraph edge) on
    /// both sides. It counts as a quote only if it pairs.
    fn is_symbol(&self, i: usize) -> bool {
        let blank = |c: Option<char>| c.is_none_or(is_blank);
        matches!(self.cells[i].ch, '«' | '»' | '‹' | '›' | '"' | '\'')
            && blank(self.prev(i))
            && blank(self.ch(i + 1))
    }

    /// Closes the quotation on top of the stack with the mark at `i`.
    fn close(&mut self, i: usize, flank: Flank) {
        let open = self
            .stack
            .pop()
            .expect("close is called with an open quotation");
        let ch = self.cells[i].ch;
        let at = self.cells[i].at();
        self.record(open.cell, open.pair, Role::Open);
        self.record(i, open.pair, Role::Close);
        if let Some(repair) = open.misdirected {
            let start = self.cells[open.cell].at();
            self.problem(
                ProblemKind::Misplaced,
                start..start + self.cells[open.cell].ch.len_utf8(),
                Some(repair),
                Reason::ClosingUsedToOpen,
            );
        }
        if flank == Flank::Left {
            if let Some((span, repaired)) = self.repair_closing(i) {
                self.problem(
                    ProblemKind::Misplaced,
                    span,
                    Some(repaired),
                    Reason::ClosingAttachedToNextWord,
                );
            }
            return;
        }
        if let Some(space) = open.inner_space {
            let mark = self.cells[open.cell];
            self.problem(
                ProblemKind::InnerSpace,
                mark.at()..space.end,
                Some(mark.ch.to_string()),
                Reason::SpaceAfterOpening,
            );
        }
        if let Some(first) = self.space_before(i).filter(|_| open.cell + 1 < i) {
            let before_space = first.checked_sub(1).and_then(|j| self.ch(j));
            if before_space.is_some_and(|c| !is_blank(c)) {
                self.problem(
                    ProblemKind::InnerSpace,
                    self.cells[first].at()..at + ch.len_utf8(),
                    Some(ch.to_string()),
                    Reason::SpaceBeforeClosing,
                );
            }
        }
        if flank == Flank::Inside && self.side(self.ch(i + 1)) == Side::Word {
            self.problem(
                ProblemKind::MissingOuterSpace,
                at..at + ch.len_utf8(),
                Some(format!("{ch} ")),
                Reason::NoSpaceAfterClosing,
            );
        }
    }

    /// Opens a quotation with the mark at `i`, or repairs an opening mark in a closing
    /// position.
    fn open_or_repair(&mut self, i: usize, pair: usize, flank: Flank) {
        let ch = self.cells[i].ch;
        let at = self.cells[i].at();
        let symmetric = self.pairs[pair].open == self.pairs[pair].close;
        match flank {
            Flank::Left => self.push(i, pair, None),
            Flank::Free => {
                let inner = self
                    .space_after(i)
                    .map(|end| self.cells[i + 1].at()..self.cells[end].at());
                self.push(i, pair, inner);
            }
            Flank::Inside => {
                if self.side(self.prev(i)) == Side::Word {
                    self.problem(
                        ProblemKind::MissingOuterSpace,
                        at..at + ch.len_utf8(),
                        Some(format!(" {ch}")),
                        Reason::NoSpaceBeforeOpening,
                    );
                }
                self.push(i, pair, None);
            }
            Flank::Right if symmetric => self.push(i, pair, None),
            Flank::Right => {
                let same_open = self
                    .stack
                    .last()
                    .is_some_and(|open| self.pairs[open.pair].open == ch);
                if same_open {
                    let open = self.stack.pop().expect("checked just above");
                    self.record(open.cell, open.pair, Role::Open);
                    self.record(i, open.pair, Role::Close);
                    self.problem(
                        ProblemKind::Misplaced,
                        at..at + ch.len_utf8(),
                        Some(self.pairs[open.pair].close.to_string()),
                        Reason::OpeningUsedToClose,
                    );
                } else if let Some((span, repaired)) = self.repair_opening(i) {
                    self.problem(
                        ProblemKind::Misplaced,
                        span,
                        Some(repaired),
                        Reason::OpeningAttachedToPreviousWord,
                    );
                    self.push(i, pair, None);
                } else {
                    self.push(i, pair, None);
                }
            }
        }
    }

    /// Opens a quotation; its mark is recorded once it closes, or is reported unclosed.
    fn push(&mut self, i: usize, pair: usize, inner_space: Option<Range<usize>>) {
        let free = self.is_symbol(i);
        self.stack.push(Open {
            cell: i,
            pair,
            inner_space,
            misdirected: None,
            free,
        });
    }

    fn record(&mut self, i: usize, pair: usize, role: Role) {
        self.scan.marks.push(Mark {
            at: self.cells[i].at(),
            glyph: self.cells[i].ch,
            pair,
            role,
        });
    }

    fn problem(
        &mut self,
        kind: ProblemKind,
        span: Range<usize>,
        suggestion: Option<String>,
        reason: Reason,
    ) {
        self.scan.problems.push(Problem {
            kind,
            span,
            suggestion,
            reason,
        });
    }

    /// `people, ”the` → `people,” the`: the mark moves to the text before the space.
    fn repair_closing(&self, i: usize) -> Option<(Range<usize>, String)> {
        let first = self.space_before(i)?;
        let start = self.run_start(first, |c| !is_blank(c))?;
        if start == first {
            return None;
        }
        let end = self.run_end(i + 1, is_word_char)?;
        Some(self.rebuild(start, i, end, true))
    }

    /// `said“ we` → `said “we`: the mark moves to the text after the space.
    fn repair_opening(&self, i: usize) -> Option<(Range<usize>, String)> {
        let after = self.space_after(i)?;
        if self.side(self.ch(after)) != Side::Word {
            return None;
        }
        let start = self.run_start(i, is_word_char)?;
        let end = self.run_end(after, is_word_char)?;
        Some(self.rebuild(start, i, end, false))
    }

    /// The span of cells `start..end` and its text with the mark at `i` moved across the
    /// space next to it: backwards when `backwards`, else forwards.
    fn rebuild(
        &self,
        start: usize,
        i: usize,
        end: usize,
        backwards: bool,
    ) -> (Range<usize>, String) {
        let mark = self.cells[i].ch;
        let mut before = String::new();
        let mut spaces = String::new();
        let mut after = String::new();
        for cell in &self.cells[start..i] {
            if backwards && (cell.ch.is_whitespace() || !spaces.is_empty()) {
                spaces.push(cell.ch);
            } else {
                before.push(cell.ch);
            }
        }
        for cell in &self.cells[i + 1..end] {
            if !backwards && (cell.ch.is_whitespace() && after.is_empty()) {
                spaces.push(cell.ch);
            } else {
                after.push(cell.ch);
            }
        }
        let repaired = if backwards {
            format!("{before}{mark}{spaces}{after}")
        } else {
            format!("{before}{spaces}{mark}{after}")
        };
        let end_at = self.cells.get(end).map_or_else(
            || {
                let last = self.cells[end - 1];
                last.at() + last.ch.len_utf8()
            },
            |c| c.at(),
        );
        (self.cells[start].at()..end_at, repaired)
    }

    /// The first cell of the run of cells satisfying `inside` that ends just before `i`;
    /// `None` when the run is longer than the window.
    fn run_start(&self, i: usize, inside: impl Fn(char) -> bool) -> Option<usize> {
        let limit = i.saturating_sub(WINDOW);
        match (limit..i).rev().find(|&j| !inside(self.cells[j].ch)) {
            Some(j) => Some(j + 1),
            None if limit == 0 => Some(0),
            None => None,
        }
    }

    /// The cell just past the run of cells satisfying `inside` that starts at `from`;
    /// `None` when the run is longer than the window.
    fn run_end(&self, from: usize, inside: impl Fn(char) -> bool) -> Option<usize> {
        let limit = (from + WINDOW).min(self.cells.len());
        match (from..limit).find(|&j| !inside(self.cells[j].ch)) {
            Some(j) => Some(j),
            None if limit == self.cells.len() => Some(limit),
            None => None,
        }
    }

    /// The first cell of the run of horizontal space just before cell `i`, if any.
    fn space_before(&self, i: usize) -> Option<usize> {
        self.run_start(i, is_horizontal_space)
            .filter(|&first| first < i)
    }

    /// The first cell after the run of horizontal space just after cell `i`, if there is
    /// such a run and text follows it on the line.
    fn space_after(&self, i: usize) -> Option<usize> {
        let end = self.run_end(i + 1, is_horizontal_space)?;
        let text_follows = self.ch(end).is_some_and(|c| !is_blank(c));
        (end > i + 1 && text_follows).then_some(end)
    }

    /// An apostrophe, not a quote: `It’s`, `O’Brien`, `d’état`, `’90s`, `’em`, `students’`,
    /// and a contraction cut off by a stray space (`the mayor ’s office`), which
    /// `spacing.before-apostrophe` reports as what it is.
    fn is_apostrophe(&self, i: usize) -> bool {
        let ch = self.cells[i].ch;
        if !matches!(ch, '’' | '\'') {
            return false;
        }
        let prev = self.prev(i);
        let next = self.ch(i + 1);
        let word = |c: Option<char>| c.is_some_and(is_word_char);
        if word(prev) && word(next) {
            return true;
        }
        if !word(prev) && next.is_some_and(|c| c.is_ascii_digit()) {
            return true;
        }
        if !word(prev) && self.is_elision(i + 1) {
            return true;
        }
        if prev.is_some_and(|c| !c.is_whitespace()) && self.is_contraction(i + 1) {
            return true;
        }
        if prev == Some(' ') && self.is_contraction(i + 1) && self.follows_word_and_spaces(i) {
            return true;
        }
        if matches!(prev, Some('n' | 'N')) && i >= 2 && matches!(self.ch(i - 2), Some('’' | '\''))
        {
            return true;
        }
        if matches!(prev, Some('s' | 'S' | 'z' | 'Z')) && !word(next) {
            return !self.closes_single(i);
        }
        false
    }

    /// An opening single quote where an apostrophe belongs (`‘90s`, `‘Tis`): what
    /// word processors write when the apostrophe starts a word.
    fn is_reversed_apostrophe(&self, i: usize) -> bool {
        self.cells[i].ch == '‘'
            && !self.prev(i).is_some_and(is_word_char)
            && (self.ch(i + 1).is_some_and(|c| c.is_ascii_digit()) || self.is_elision(i + 1))
    }

    /// Whether the mark at `i`, after a plural `s`, is needed to close an open single
    /// quotation: nothing later in the paragraph could close it before another opens.
    fn closes_single(&self, i: usize) -> bool {
        let ch = self.cells[i].ch;
        let Some(open) = self
            .stack
            .last()
            .map(|open| self.pairs[open.pair])
            .filter(|pair| pair.close == ch)
        else {
            return false;
        };
        for j in (i + 1..self.cells.len()).take(WINDOW * 8) {
            let c = self.cells[j].ch;
            if c == open.open && c != open.close {
                return true;
            }
            let closes = c == ch
                && self
                    .prev(j)
                    .is_some_and(|p| !is_blank(p) && !matches!(p, 's' | 'S'))
                && !self.ch(j + 1).is_some_and(is_word_char);
            if closes {
                return false;
            }
        }
        true
    }

    /// Whether the word at cell `from` is an elided word written with a leading apostrophe.
    fn is_elision(&self, from: usize) -> bool {
        const ELIDED: [&str; 8] = ["em", "til", "tis", "twas", "cause", "n", "bout", "round"];
        let Some(end) = self.run_end(from, is_word_char) else {
            return false;
        };
        if end == from || end - from > 5 {
            return false;
        }
        let word: String = self.cells[from..end]
            .iter()
            .flat_map(|c| c.ch.to_lowercase())
            .collect();
        ELIDED.contains(&word.as_str())
    }

    /// Whether the word at cell `from` is a clitic (`s`, `ll`, `ve`…): after something that
    /// is not a word, such as markup or a symbol, `’s` is still a possessive (`C++’s`).
    fn is_contraction(&self, from: usize) -> bool {
        const CLITICS: [&str; 7] = ["s", "t", "ll", "re", "ve", "d", "m"];
        let Some(end) = self.run_end(from, is_word_char) else {
            return false;
        };
        let clitic = &self.cells[from..end];
        CLITICS.iter().any(|c| {
            c.chars().count() == clitic.len() && c.chars().zip(clitic).all(|(a, b)| a == b.ch)
        })
    }

    /// Whether cell `i` comes after one or more spaces and, before them, a word or what
    /// ends a name (`mayor ’s`, `Tiffany & Co. 's`, `"Funabashiya" 's`).
    fn follows_word_and_spaces(&self, i: usize) -> bool {
        let mut j = i;
        while j > 0 && self.ch(j - 1) == Some(' ') {
            j -= 1;
        }
        j < i
            && self
                .prev(j)
                .is_some_and(|c| c.is_alphabetic() || matches!(c, '.' | ')' | ']' | '"' | '”'))
    }

    /// A straight mark after a digit is a prime (`6'2"`, a `5" screen`) unless it closes
    /// an open quotation.
    fn is_prime(&self, i: usize) -> bool {
        let ch = self.cells[i].ch;
        let closes = self
            .stack
            .last()
            .is_some_and(|open| self.pairs[open.pair].close == ch);
        matches!(ch, '"' | '\'') && self.prev(i).is_some_and(|c| c.is_ascii_digit()) && !closes
    }
}

/// A double mark of a paragraph, as [`doubles`] pairs it.
struct DoubleMark {
    /// Its first cell.
    cell: usize,
    /// Whether it is written twice (`""`): two cells.
    doubled: bool,
    /// The index of the pair its glyph belongs to.
    pair: usize,
    candidate: Candidate,
}

/// The pairs of the double marks [`doubles`] decides, as indices into the scan's pairs.
struct DoublePairs {
    straight: usize,
    curly: Option<usize>,
    low: Option<usize>,
}

impl DoublePairs {
    /// The pairs, if straight double quotes are among them.
    fn new(pairs: &[Pair]) -> Option<Self> {
        let find = |open, close| {
            pairs
                .iter()
                .position(|p| p.open == open && p.close == close)
        };
        Some(Self {
            straight: find('"', '"')?,
            curly: find('“', '”'),
            low: find('„', '“'),
        })
    }

    /// The glyph of `ch` and its pair, if it is a double mark paired here.
    fn glyph(&self, ch: char) -> Option<(Glyph, usize)> {
        match ch {
            '"' => Some((Glyph::Straight, self.straight)),
            '“' => self.curly.or(self.low).map(|p| (Glyph::Opening, p)),
            '”' => self.curly.map(|p| (Glyph::Closing, p)),
            '„' => self.low.map(|p| (Glyph::Low, p)),
            _ => None,
        }
    }
}

impl Block<'_> {
    /// Pairs the double marks of a paragraph (see [`doubles`]) and reports their
    /// problems; returns the cells it decided, in order, which the stack then passes over
    /// (it pairs the single marks, guillemets and any other pairs). Without straight
    /// double quotes among the pairs, the stack pairs everything.
    fn pair_doubles(&mut self, next_opens: Option<char>) -> Vec<usize> {
        let Some(pairs) = DoublePairs::new(self.pairs) else {
            return Vec::new();
        };
        let marks = self.double_marks(&pairs);
        if marks.is_empty() {
            return Vec::new();
        }
        let candidates: Vec<Candidate> = marks.iter().map(|m| m.candidate).collect();
        let verdicts = doubles::pair(&candidates);
        let straight = candidates
            .iter()
            .filter(|c| c.glyph == Glyph::Straight)
            .count();
        let flag_straight = straight * 2 <= candidates.len();
        for (k, mark) in marks.iter().enumerate() {
            if mark.doubled {
                self.doubled(mark);
            }
            match verdicts[k] {
                Verdict::Opens(close) => {
                    let close = &marks[close];
                    self.record(mark.cell, mark.pair, Role::Open);
                    // A `“` closing a `„` belongs to the low-9 pair.
                    let closes_low = mark.candidate.glyph == Glyph::Low
                        && close.candidate.glyph == Glyph::Opening;
                    let pair = match pairs.low {
                        Some(low) if closes_low => low,
                        _ => close.pair,
                    };
                    self.record(close.cell, pair, Role::Close);
                    self.double_pair(mark, close, flag_straight);
                }
                Verdict::Closes(_) => {}
                Verdict::Alone => {
                    let continued = k + 1 == marks.len()
                        && next_opens.is_some_and(|c| pairs.glyph(c).is_some());
                    self.double_alone(mark, marks.get(k + 1), continued);
                }
            }
        }
        marks
            .iter()
            .flat_map(|m| [Some(m.cell), m.doubled.then_some(m.cell + 1)])
            .flatten()
            .collect()
    }

    /// The double marks of the paragraph, each with what the pairing needs to know.
    fn double_marks(&self, pairs: &DoublePairs) -> Vec<DoubleMark> {
        let mut marks = Vec::new();
        let mut sentences = 0;
        let mut attributions = 0;
        // Words since the last comma or quotation mark: a reporting verb among the first
        // few words after one makes a reporting clause.
        let mut words_since_break = usize::MAX;
        // The first cell not yet read: the second cell of a doubled mark is read with
        // the first.
        let mut next = 0;
        let stops = self.stops;
        for &i in stops {
            if i < next {
                continue;
            }
            self.count_words(next..i, &mut words_since_break, &mut attributions);
            next = i + 1;
            let cell = self.cells[i];
            if matches!(cell.ch, '.' | '!' | '?') && self.ends_sentence(i) {
                sentences += 1;
                words_since_break = usize::MAX;
            }
            if cell.ch == ',' {
                words_since_break = 0;
            }
            self.count_word(i, &mut words_since_break, &mut attributions);
            let glyph = pairs.glyph(cell.ch).filter(|_| !cell.damaged);
            let Some((glyph, pair)) = glyph else {
                continue;
            };
            words_since_break = 0;
            let second = self.cells.get(i + 1).filter(|c| !c.damaged);
            let doubled = second
                .and_then(|c| pairs.glyph(c.ch))
                .is_some_and(|(second, _)| {
                    !matches!(second, Glyph::Opening | Glyph::Low)
                        || !matches!(glyph, Glyph::Closing)
                });
            let last = if doubled { i + 1 } else { i };
            let flank = self.flank(i);
            let prime = cell.ch == '"' && self.prev(i).is_some_and(|c| c.is_ascii_digit());
            let candidate = Candidate {
                glyph,
                flank,
                before: self.before_space(i),
                capital_after: self.ch(last + 1).is_some_and(char::is_uppercase),
                attribution_after: self.attribution_after(last + 1),
                silent: prime,
                sentences,
                attributions,
                at: u32::try_from(i).unwrap_or(u32::MAX),
            };
            marks.push(DoubleMark {
                cell: i,
                doubled,
                pair,
                candidate,
            });
            next = last + 1;
        }
        marks
    }

    /// Counts the words starting in `cells`, which hold no stop, as [`Self::count_word`]
    /// does; past the first few words after a break none can make a reporting clause,
    /// so the rest of a long run is not read.
    fn count_words(&self, cells: Range<usize>, words: &mut usize, attributions: &mut u32) {
        let mut i = cells.start;
        while i < cells.end && *words < CLAUSE_WORDS {
            self.count_word(i, words, attributions);
            // No letter right after a letter starts a word: the rest of the letters are
            // passed over at once.
            let letter = self.cells[i].ch.is_alphabetic();
            i += 1;
            while letter && i < cells.end && self.cells[i].ch.is_alphabetic() {
                i += 1;
            }
        }
    }

    /// Counts the word starting at cell `i`, if one does, among the `words` since the
    /// last comma or quotation mark, and among the `attributions` if it is a reporting
    /// verb close enough after the break to make a reporting clause.
    fn count_word(&self, i: usize, words: &mut usize, attributions: &mut u32) {
        if self.cells[i].ch.is_alphabetic() && !self.prev(i).is_some_and(is_word_char) {
            if *words < CLAUSE_WORDS && self.is_reporting_verb(i) {
                *attributions += 1;
            }
            *words = words.saturating_add(1);
        }
    }

    /// Whether a verb of reporting speech is among the few words from cell `from` on,
    /// before the sentence or the quotation ends (`"the minister said`, `" he added`).
    fn attribution_after(&self, from: usize) -> bool {
        let mut words = 0;
        let mut i = from;
        while i < self.cells.len().min(from + 80) && words < 5 {
            let ch = self.cells[i].ch;
            if matches!(ch, '.' | '!' | '?' | '"' | '“' | '”') {
                return false;
            }
            if ch.is_alphabetic() && !self.prev(i).is_some_and(is_word_char) {
                if self.is_reporting_verb(i) {
                    return true;
                }
                words += 1;
            }
            i += 1;
        }
        false
    }

    /// Whether the word at cell `i` is a verb of reporting speech (`said`, `noted`,
    /// `wrote`), in the forms news text attributes a quotation with. Called on many words
    /// of a paragraph, it reads at most eleven letters and compares bytes: every verb is
    /// lowercase ASCII, of four to ten letters, so a capitalised or longer word, or one
    /// with a letter past Latin-1, is none.
    fn is_reporting_verb(&self, i: usize) -> bool {
        if !self.cells[i].ch.is_ascii_lowercase() {
            return false;
        }
        let mut word = [0; 10];
        let mut len = 0;
        for cell in self.cells[i..].iter().take_while(|c| c.ch.is_alphabetic()) {
            let Ok(byte) = u8::try_from(cell.ch) else {
                return false;
            };
            if len == word.len() {
                return false;
            }
            word[len] = byte;
            len += 1;
        }
        matches!(
            &word[..len],
            b"said"
                | b"says"
                | b"wrote"
                | b"writes"
                | b"noted"
                | b"notes"
                | b"added"
                | b"adds"
                | b"stressed"
                | b"stresses"
                | b"explained"
                | b"explains"
                | b"told"
                | b"asked"
                | b"asks"
                | b"emphasized"
                | b"emphasised"
                | b"stated"
                | b"concluded"
                | b"continued"
                | b"recalled"
                | b"warned"
                | b"quoted"
                | b"quotes"
                | b"reported"
                | b"reports"
                | b"commented"
                | b"insisted"
                | b"replied"
                | b"announced"
                | b"admitted"
                | b"claimed"
                | b"argued"
                | b"declared"
        )
    }

    /// Whether the `.`, `!` or `?` at cell `i` ends a sentence: it is the last of its run
    /// (`...`, `!?`), and space and a capital letter (or a quotation mark) follow.
    fn ends_sentence(&self, i: usize) -> bool {
        self.ch(i + 1).is_some_and(is_horizontal_space)
            && self
                .ch(i + 2)
                .is_some_and(|c| c.is_uppercase() || matches!(c, '"' | '“' | '‘' | '«'))
    }

    /// What stands before the space before cell `i`.
    fn before_space(&self, i: usize) -> Before {
        let Some(first) = self.space_before(i) else {
            return Before::Other;
        };
        match first.checked_sub(1).and_then(|j| self.ch(j)) {
            Some(c) if is_word_char(c) => Before::Word,
            Some(',' | ';') => Before::Comma,
            Some('.' | '!' | '?' | '…') => Before::Stop,
            _ => Before::Other,
        }
    }

    /// Reports a mark written twice.
    fn doubled(&mut self, mark: &DoubleMark) {
        let first = self.cells[mark.cell];
        let second = self.cells[mark.cell + 1];
        let keep = if first.ch == '"' { second.ch } else { first.ch };
        self.problem(
            ProblemKind::Doubled,
            first.at()..second.at() + second.ch.len_utf8(),
            Some(keep.to_string()),
            Reason::Doubled,
        );
    }

    /// Reports what is wrong with a pair of double marks: a mark against its flanking or
    /// glyph, space inside, no space outside, a straight mark paired with a curly one.
    fn double_pair(&mut self, open: &DoubleMark, close: &DoubleMark, flag_straight: bool) {
        let (o, c) = (open.cell, close.cell);
        let open_ch = self.cells[o].ch;
        let close_ch = self.cells[c].ch;
        let o_at = self.cells[o].at();
        let c_at = self.cells[c].at();
        let mut misplaced = false;
        if open.candidate.glyph == Glyph::Closing {
            let glued = self.prev(o).is_some_and(is_word_char);
            self.problem(
                ProblemKind::Misplaced,
                o_at..o_at + open_ch.len_utf8(),
                Some(if glued { " “" } else { "“" }.to_string()),
                Reason::ClosingUsedToOpen,
            );
            misplaced = true;
        } else if open.candidate.flank == Flank::Right {
            if let Some((span, repaired)) = self.repair_opening(o) {
                self.problem(
                    ProblemKind::Misplaced,
                    span,
                    Some(repaired),
                    Reason::OpeningAttachedToPreviousWord,
                );
                misplaced = true;
            }
        } else if open.candidate.flank == Flank::Inside && self.side(self.prev(o)) == Side::Word {
            self.problem(
                ProblemKind::MissingOuterSpace,
                o_at..o_at + open_ch.len_utf8(),
                Some(format!(" {open_ch}")),
                Reason::NoSpaceBeforeOpening,
            );
        } else if open.candidate.flank == Flank::Free
            && let Some(end) = self.space_after(o + usize::from(open.doubled))
        {
            let mark = self.cells[o + usize::from(open.doubled)];
            self.problem(
                ProblemKind::InnerSpace,
                mark.at()..self.cells[end].at(),
                Some(mark.ch.to_string()),
                Reason::SpaceAfterOpening,
            );
        }
        if close.candidate.glyph == Glyph::Opening && open.candidate.glyph != Glyph::Low {
            let english = if open.candidate.glyph == Glyph::Straight {
                '"'
            } else {
                '”'
            };
            self.problem(
                ProblemKind::Misplaced,
                c_at..c_at + close_ch.len_utf8(),
                Some(english.to_string()),
                Reason::OpeningUsedToClose,
            );
            return;
        }
        if close.candidate.flank == Flank::Left {
            match self.repair_closing(c) {
                Some((span, repaired)) => self.problem(
                    ProblemKind::Misplaced,
                    span,
                    Some(repaired),
                    Reason::ClosingAttachedToNextWord,
                ),
                None => self.problem(
                    ProblemKind::Misplaced,
                    c_at..c_at + close_ch.len_utf8(),
                    None,
                    Reason::ClosingAttachedToNextWord,
                ),
            }
            return;
        }
        if let Some(first) = self.space_before(c).filter(|_| o + 1 < c) {
            let before_space = first.checked_sub(1).and_then(|j| self.ch(j));
            if before_space.is_some_and(|ch| !is_blank(ch) && !self.is_quote_glyph(ch)) {
                self.problem(
                    ProblemKind::InnerSpace,
                    self.cells[first].at()..c_at + close_ch.len_utf8(),
                    Some(close_ch.to_string()),
                    Reason::SpaceBeforeClosing,
                );
            }
        }
        let last = c + usize::from(close.doubled);
        if close.candidate.flank == Flank::Inside && self.side(self.ch(last + 1)) == Side::Word {
            let last_ch = self.cells[last].ch;
            self.problem(
                ProblemKind::MissingOuterSpace,
                self.cells[last].at()..self.cells[last].at() + last_ch.len_utf8(),
                Some(format!("{last_ch} ")),
                Reason::NoSpaceAfterClosing,
            );
        }
        let straight = |m: &DoubleMark| m.candidate.glyph == Glyph::Straight;
        if straight(open) != straight(close) && !misplaced && !open.doubled && !close.doubled {
            let (mark, role) = if straight(open) == flag_straight {
                (open, Role::Open)
            } else {
                (close, Role::Close)
            };
            let ch = self.cells[mark.cell].ch;
            let other = match (ch, role) {
                ('"', Role::Open) => '“',
                ('"', Role::Close) => '”',
                _ => '"',
            };
            let at = self.cells[mark.cell].at();
            self.problem(
                ProblemKind::Mismatched,
                at..at + ch.len_utf8(),
                Some(other.to_string()),
                Reason::Mismatched,
            );
        }
    }

    /// Reports a double mark that pairs with none, saying why it is the one left out.
    fn double_alone(&mut self, mark: &DoubleMark, next: Option<&DoubleMark>, continued: bool) {
        let c = &mark.candidate;
        let closing = c.glyph == Glyph::Closing || c.flank == Flank::Right;
        let role = if closing { Role::Close } else { Role::Open };
        self.record(mark.cell, mark.pair, role);
        if c.silent || (continued && !closing) {
            return;
        }
        let opening = matches!(c.glyph, Glyph::Opening | Glyph::Low) || c.flank == Flank::Left;
        let cut_off = c.flank == Flank::Left
            && match c.before {
                Before::Comma => c.attribution_after,
                Before::Stop => !c.capital_after,
                Before::Word | Before::Other => false,
            };
        let reason = if closing {
            Reason::ClosingWithoutOpening
        } else if cut_off {
            Reason::ClosingCutOff
        } else if !opening {
            Reason::NoPartner
        } else {
            match next.map(|n| &n.candidate) {
                None => Reason::OpenedParagraphEnds,
                Some(n) if n.flank == Flank::Left || n.glyph == Glyph::Opening => {
                    Reason::OpenedNextOpens
                }
                Some(_) => Reason::OpenedNeverClosed,
            }
        };
        let at = self.cells[mark.cell].at();
        let last = mark.cell + usize::from(mark.doubled);
        let end = self.cells[last].at() + self.cells[last].ch.len_utf8();
        self.problem(ProblemKind::Unbalanced, at..end, None, reason);
    }
}

/// Stands for markup between two prose runs of a paragraph (`**`, a code span, a tag):
/// a boundary like a space for the flanking of a mark, but not a space in the text.
const GAP: char = '\u{FFFC}';

/// Whitespace or a markup gap.
fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == GAP
}

fn is_horizontal_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Decoded, Format};

    fn problems(format: Format, text: &str) -> Vec<(ProblemKind, String)> {
        let decoded = Decoded::utf8(text.to_string());
        let document = Document::new("test", format, decoded);
        let pairs = [
            Pair {
                open: '“',
                close: '”',
            },
            Pair {
                open: '\'',
                close: '\'',
            },
        ];
        Scanner::new(&pairs)
            .scan(&document)
            .problems
            .into_iter()
            .map(|p| (p.kind, document.text()[p.span].to_string()))
            .collect()
    }

    /// The shortcut for paragraphs of plain curly pairs records exactly what the full
    /// scan records, on every paragraph of up to five pieces drawn from words, spaces,
    /// punctuation, apostrophes and quotation marks.
    #[test]
    fn the_plain_pairs_shortcut_agrees_with_the_full_scan() {
        let pieces = [
            "“", "”", "word", " ", ",", ".", "’", "(", "\"", "«", "„", "‘", "â€œ",
        ];
        let pairs: Vec<Pair> = crate::rules::kinds::quotes::default_pairs()
            .into_iter()
            .map(|[open, close]| Pair { open, close })
            .collect();
        let mut texts = vec![String::new()];
        let mut checked = 0;
        for _ in 0..5 {
            texts = texts
                .iter()
                .flat_map(|text| pieces.iter().map(move |piece| format!("{text}{piece}")))
                .collect();
            for text in &texts {
                let document = Document::from_text("t", &format!("{text}\n\nSaid “so”.\n"));
                let glyphs = Glyphs::new(&pairs);
                let fast = scan_paragraphs(&document, &pairs, &glyphs, true);
                let full = scan_paragraphs(&document, &pairs, &glyphs, false);
                assert_eq!(fast.marks, full.marks, "{text:?}");
                assert_eq!(fast.problems, full.problems, "{text:?}");
                checked += 1;
            }
        }
        assert!(checked > 300_000);
    }

    #[test]
    fn markup_between_runs_is_a_boundary_not_a_space() {
        let text =
            "`serde`'s derive and [`Bump`]'s arena.\n\nHe said *“reform”* and **“crisis**” here.\n";
        assert_eq!(problems(Format::Markdown, text), []);
        let html = "<p>The <code>Bump</code>'s arena and <em>“reform”</em>.</p>";
        assert_eq!(problems(Format::Html, html), []);
    }

    #[test]
    fn paragraphs_are_paired_separately() {
        let text = "“Open and never closed.\n\nA new paragraph.”";
        assert_eq!(
            problems(Format::Text, text),
            [
                (ProblemKind::Unbalanced, "“".to_string()),
                (ProblemKind::Unbalanced, "”".to_string())
            ]
        );
    }
}
