//! Words, numbers and punctuation of the prose, found once per document and shared by
//! every detector that reads words (names, quotes, script).

use std::ops::Range;

use super::prose::Segment;
use crate::ascii;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (any script, with combining marks), possibly with digits, joined by inner
    /// apostrophes or hyphens: `Kazakhstan`, `O’Brien`, `Kassym-Jomart`, `Ukibaya’s`.
    Word,
    /// Digits with inner separators: `2006`, `2,5`, `1,250,000`, `10:30`.
    Number,
    /// Any other visible character, one per token: `,` `“` `«` `—`.
    Punct,
}

/// A token: its byte range in [`super::Document::text`], its kind and its prose run.
/// Offsets are kept as `u32` (inputs over 4 GiB are refused when decoded), so a token
/// takes 16 bytes: a document holds about one per five bytes of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    start: u32,
    end: u32,
    segment: u32,
    /// What it is.
    pub kind: TokenKind,
    /// [`Shape`] bits, set while tokenising: detectors that look only at capitalised,
    /// lowercase or non-ASCII words skip the others without reading their text.
    shape: u8,
    /// The first and the last byte of its text, in what would otherwise be padding:
    /// detectors that pass over nearly every token by its ends decide without reading
    /// the text.
    first: u8,
    last: u8,
}

/// What the tokeniser noticed about a token's letters.
struct Shape;

impl Shape {
    const ASCII: u8 = 1;
    const UPPERCASE_START: u8 = 2;
    const LOWERCASE_START: u8 = 4;

    /// The bits of a token starting with `first`, ASCII throughout or not.
    fn of(first: char, ascii: bool) -> u8 {
        let mut shape = 0;
        if ascii {
            shape |= Self::ASCII;
        }
        if first.is_uppercase() {
            shape |= Self::UPPERCASE_START;
        } else if first.is_lowercase() {
            shape |= Self::LOWERCASE_START;
        }
        shape
    }
}

impl Token {
    /// The token at `range` (never empty) of `text`.
    fn new(text: &[u8], range: Range<usize>, kind: TokenKind, segment: usize, shape: u8) -> Self {
        let byte = |at: Option<usize>| at.and_then(|at| text.get(at)).copied().unwrap_or(0);
        let first = byte(Some(range.start));
        let last = byte(range.end.checked_sub(1));
        Self::with_ends(range, kind, segment, shape, first, last)
    }

    /// The token at `range` whose first and last bytes the caller has read already.
    fn with_ends(
        range: Range<usize>,
        kind: TokenKind,
        segment: usize,
        shape: u8,
        first: u8,
        last: u8,
    ) -> Self {
        let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Self {
            start: narrow(range.start),
            end: narrow(range.end),
            segment: narrow(segment),
            kind,
            shape,
            first,
            last,
        }
    }

    /// The first byte of its text.
    pub fn first_byte(&self) -> u8 {
        self.first
    }

    /// The last byte of its text.
    pub fn last_byte(&self) -> u8 {
        self.last
    }

    /// Whether every character is ASCII.
    pub fn is_ascii(&self) -> bool {
        self.shape & Shape::ASCII != 0
    }

    /// Whether it starts with an uppercase letter (`Astana`, `NATO`, `Élysée`).
    pub fn starts_uppercase(&self) -> bool {
        self.shape & Shape::UPPERCASE_START != 0
    }

    /// Whether it starts with a lowercase letter.
    pub fn starts_lowercase(&self) -> bool {
        self.shape & Shape::LOWERCASE_START != 0
    }

    /// Its length in bytes.
    pub fn byte_len(&self) -> usize {
        (self.end - self.start) as usize
    }

    /// Byte range into the checked text.
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Index of the segment (prose run) it lies in.
    pub fn segment(&self) -> usize {
        self.segment as usize
    }
}

/// Whether `c` can be part of a word: a letter, a digit or a combining mark.
pub fn is_word_char(c: char) -> bool {
    // General punctuation (curly quotes, dashes, the ellipsis) fills news text and holds
    // no letter, digit or mark: answered without a Unicode table lookup.
    if ('\u{2000}'..='\u{206F}').contains(&c) {
        return false;
    }
    c.is_alphanumeric() || is_combining_mark(c)
}

fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

fn joins_words(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '‐')
}

fn joins_numbers(c: char) -> bool {
    matches!(c, '.' | ',' | ':')
}

/// The character at byte `at` of `text` (a character boundary) and its length; ASCII,
/// the common case, without decoding.
fn char_at(text: &str, at: usize) -> Option<(char, usize)> {
    let byte = *text.as_bytes().get(at)?;
    if byte.is_ascii() {
        return Some((char::from(byte), 1));
    }
    text[at..].chars().next().map(|c| (c, c.len_utf8()))
}

/// What an ASCII byte is to the tokeniser: white space (between tokens), a letter or a
/// digit (in a word or number), or punctuation (a token of its own). Looked up in a
/// table, since most bytes of English text are ASCII.
#[derive(Clone, Copy, PartialEq, Eq)]
enum AsciiClass {
    Space,
    Letter,
    Digit,
    Punct,
}

const ASCII_CLASSES: [AsciiClass; 128] = {
    let mut classes = [AsciiClass::Punct; 128];
    let mut byte = 0;
    while byte < 128 {
        let b = byte as u8;
        if matches!(b, b' ' | 0x09..=0x0D) {
            classes[byte] = AsciiClass::Space;
        } else if b.is_ascii_alphabetic() {
            classes[byte] = AsciiClass::Letter;
        } else if b.is_ascii_digit() {
            classes[byte] = AsciiClass::Digit;
        }
        byte += 1;
    }
    classes
};

/// The tokens of a document, with the indices of the few that detectors look for by
/// shape, listed while tokenising: a detector of capitalised words or of characters
/// outside ASCII visits those alone instead of testing every token.
#[derive(Debug, Default)]
pub struct Tokens {
    /// Every token, in order.
    pub all: Vec<Token>,
    /// Indices of the words that start with an uppercase letter.
    pub capitalised: Vec<u32>,
    /// Indices of the tokens holding a character outside ASCII.
    pub non_ascii: Vec<u32>,
}

impl Tokens {
    fn push(&mut self, token: Token) {
        let index = u32::try_from(self.all.len()).unwrap_or(u32::MAX);
        if token.kind == TokenKind::Word && token.starts_uppercase() {
            self.capitalised.push(index);
        }
        if !token.is_ascii() {
            self.non_ascii.push(index);
        }
        self.all.push(token);
    }

    /// Pushes an ASCII word (never listed among the tokens outside ASCII), listing it
    /// among the capitalised words when it is one: the tokeniser's hot path, with none
    /// of the general case's tests.
    fn push_ascii_word(&mut self, token: Token) {
        if token.starts_uppercase() {
            let index = u32::try_from(self.all.len()).unwrap_or(u32::MAX);
            self.capitalised.push(index);
        }
        self.all.push(token);
    }
}

/// The end of the ASCII word that starts at `start` of `bytes` with a letter, when it is
/// complete there: when the byte after its letters and digits is none, or ASCII and
/// neither an apostrophe nor a hyphen (which may join it to more). Most words are.
fn plain_ascii_word_end(bytes: &[u8], start: usize) -> Option<usize> {
    let end = start + 1 + ascii::alphanumeric_prefix(bytes.get(start + 1..)?);
    bytes
        .get(end)
        .is_none_or(|&b| b.is_ascii() && b != b'\'' && b != b'-')
        .then_some(end)
}

/// Tokenises the prose runs of a document.
pub fn tokenize(text: &str, segments: &[Segment]) -> Tokens {
    // News text has a token per five or six bytes; dense text (numbers, short words)
    // one per three or four. Reserving for one per three means a huge document is
    // tokenised without the vector doubling and copying hundreds of megabytes; the part
    // never written is never touched, so it costs address space rather than memory.
    let mut tokens = Tokens {
        all: Vec::with_capacity(text.len() / 3 + 1),
        ..Tokens::default()
    };
    let all_bytes = text.as_bytes();
    for (index, segment) in segments.iter().enumerate() {
        let base = segment.range.start;
        let run = &text[segment.range.clone()];
        let bytes = run.as_bytes();
        let mut at = 0;
        'run: while let Some(&byte) = bytes.get(at) {
            let mut start = at;
            let c = match ASCII_CLASSES.get(usize::from(byte)) {
                Some(AsciiClass::Space) => {
                    at += 1;
                    continue;
                }
                Some(AsciiClass::Punct) => {
                    at += 1;
                    let range = base + start..base + at;
                    let token =
                        Token::with_ends(range, TokenKind::Punct, index, Shape::ASCII, byte, byte);
                    tokens.all.push(token);
                    continue;
                }
                Some(AsciiClass::Letter) => {
                    // A run of complete ASCII words one space apart (most of prose) is
                    // pushed word after word, the spaces stepped over without a visit.
                    let mut first = byte;
                    while let Some(end) = plain_ascii_word_end(bytes, at) {
                        let case = if first.is_ascii_uppercase() {
                            Shape::UPPERCASE_START
                        } else {
                            Shape::LOWERCASE_START
                        };
                        tokens.push_ascii_word(Token::with_ends(
                            base + at..base + end,
                            TokenKind::Word,
                            index,
                            Shape::ASCII | case,
                            first,
                            bytes[end - 1],
                        ));
                        match bytes.get(end..end + 2) {
                            Some(&[b' ', next]) if next.is_ascii_alphabetic() => {
                                at = end + 1;
                                first = next;
                            }
                            _ => {
                                at = end;
                                continue 'run;
                            }
                        }
                    }
                    // A word an apostrophe, a hyphen or a character outside ASCII may
                    // go on: the general case below.
                    start = at;
                    at += 1;
                    char::from(first)
                }
                Some(AsciiClass::Digit) => {
                    at += 1;
                    char::from(byte)
                }
                None => {
                    let Some((c, width)) = char_at(run, at) else {
                        break;
                    };
                    at += width;
                    if c.is_whitespace() {
                        continue;
                    }
                    if !is_word_char(c) {
                        // Not ASCII, and neither upper- nor lowercase: no character that is
                        // not a word character is either (a test checks them all).
                        tokens.push(Token::new(
                            all_bytes,
                            base + start..base + at,
                            TokenKind::Punct,
                            index,
                            0,
                        ));
                        continue;
                    }
                    c
                }
            };
            let mut alphabetic = c.is_alphabetic();
            let mut ascii = c.is_ascii();
            let rest = ascii::alphanumeric_prefix(&bytes[at..]);
            alphabetic = alphabetic || bytes[at..at + rest].iter().any(u8::is_ascii_alphabetic);
            at += rest;
            // An ASCII byte that cannot join what came so far to more ends it: most words
            // and numbers end so, and need none of the checks below. (Apostrophes and
            // hyphens join words, full stops, commas and colons join numbers.)
            let ends = bytes.get(at).is_none_or(|&b| {
                b.is_ascii()
                    && if alphabetic {
                        !matches!(b, b'\'' | b'-')
                    } else {
                        !matches!(b, b'.' | b',' | b':')
                    }
            });
            while let Some((next, width)) = char_at(run, at).filter(|_| !ends) {
                if is_word_char(next) {
                    alphabetic |= next.is_alphabetic();
                    ascii &= width == 1;
                    at += width;
                    continue;
                }
                let after = || char_at(run, at + width).map(|(c, _)| c);
                let joins = if alphabetic {
                    joins_words(next) && after().is_some_and(char::is_alphabetic)
                } else {
                    joins_numbers(next) && after().is_some_and(|a| a.is_ascii_digit())
                };
                if !joins {
                    break;
                }
                ascii &= width == 1;
                at += width;
            }
            let kind = if alphabetic {
                TokenKind::Word
            } else {
                TokenKind::Number
            };
            let shape = Shape::of(c, ascii);
            tokens.push(Token::new(
                all_bytes,
                base + start..base + at,
                kind,
                index,
                shape,
            ));
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<(&str, TokenKind)> {
        let segments = [Segment {
            range: 0..text.len(),
            block: 0,
        }];
        tokenize(text, &segments)
            .all
            .into_iter()
            .map(|t| (&text[t.range()], t.kind))
            .collect()
    }

    #[test]
    fn each_token_knows_the_bytes_at_its_ends() {
        let text = "Ukibaya’s “Kassym-Jomart” paid 2,5 million — Élysée, O'Brien.";
        let segments = [Segment {
            range: 0..text.len(),
            block: 0,
        }];
        for token in tokenize(text, &segments).all {
            let bytes = &text.as_bytes()[token.range()];
            assert_eq!(token.first_byte(), bytes[0], "{:?}", &text[token.range()]);
            assert_eq!(
                token.last_byte(),
                bytes[bytes.len() - 1],
                "{:?}",
                &text[token.range()]
            );
        }
    }

    #[test]
    fn no_character_outside_words_has_a_case() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if !is_word_char(c) {
                assert!(!c.is_uppercase() && !c.is_lowercase(), "{c:?}");
            }
        }
    }

    #[test]
    fn words_keep_inner_apostrophes_and_hyphens() {
        use TokenKind::*;
        assert_eq!(
            tokens("Ukibaya’s Kassym-Jomart, O'Brien — ’90s"),
            [
                ("Ukibaya’s", Word),
                ("Kassym-Jomart", Word),
                (",", Punct),
                ("O'Brien", Word),
                ("—", Punct),
                ("’", Punct),
                ("90s", Word),
            ]
        );
    }

    #[test]
    fn a_run_of_plain_words_hands_a_joined_word_to_the_general_case() {
        use TokenKind::*;
        assert_eq!(
            tokens("met O'Brien and Kassym-Jomart in Erdog\u{306}an x9 7 ok"),
            [
                ("met", Word),
                ("O'Brien", Word),
                ("and", Word),
                ("Kassym-Jomart", Word),
                ("in", Word),
                ("Erdog\u{306}an", Word),
                ("x9", Word),
                ("7", Number),
                ("ok", Word),
            ]
        );
    }

    #[test]
    fn numbers_keep_inner_separators() {
        use TokenKind::*;
        assert_eq!(
            tokens("2,5 million at 10:30, 1,250,000."),
            [
                ("2,5", Number),
                ("million", Word),
                ("at", Word),
                ("10:30", Number),
                (",", Punct),
                ("1,250,000", Number),
                (".", Punct),
            ]
        );
    }

    #[test]
    fn shapes_tell_case_and_ascii() {
        let text = "Astana’s élite, O'Brien and naïve NATO 2,5 «";
        let segments = [Segment {
            range: 0..text.len(),
            block: 0,
        }];
        let shapes: Vec<(&str, bool, bool, bool)> = tokenize(text, &segments)
            .all
            .iter()
            .map(|t| {
                let word = &text[t.range()];
                (
                    word,
                    t.is_ascii(),
                    t.starts_uppercase(),
                    t.starts_lowercase(),
                )
            })
            .collect();
        assert_eq!(
            shapes,
            [
                ("Astana’s", false, true, false),
                ("élite", false, false, true),
                (",", true, false, false),
                ("O'Brien", true, true, false),
                ("and", true, false, true),
                ("naïve", false, false, true),
                ("NATO", true, true, false),
                ("2,5", true, false, false),
                ("«", false, false, false),
            ]
        );
        let tokens = tokenize(text, &segments);
        assert!(tokens.all.iter().all(|t| t.byte_len() == t.range().len()));
        let listed = |list: &[u32]| -> Vec<&str> {
            list.iter()
                .map(|&index| &text[tokens.all[index as usize].range()])
                .collect()
        };
        assert_eq!(listed(&tokens.capitalised), ["Astana’s", "O'Brien", "NATO"]);
        assert_eq!(
            listed(&tokens.non_ascii),
            ["Astana’s", "élite", "naïve", "«"]
        );
    }

    #[test]
    fn general_punctuation_holds_no_word_character() {
        let word_characters: Vec<char> = ('\u{2000}'..='\u{206F}')
            .filter(|&c| c.is_alphanumeric() || is_combining_mark(c))
            .collect();
        assert!(word_characters.is_empty(), "{word_characters:?}");
    }

    #[test]
    fn combining_marks_stay_in_the_word() {
        assert_eq!(tokens("Erdog\u{306}an")[0].0, "Erdog\u{306}an");
    }
}
