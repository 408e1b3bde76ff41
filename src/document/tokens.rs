//! Words, numbers and punctuation of the prose, found once per document and shared by
//! every detector that reads words (names, quotes, script).

use std::ops::Range;

use super::prose::Segment;

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
}

impl Token {
    fn new(range: Range<usize>, kind: TokenKind, segment: usize) -> Self {
        let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Self {
            start: narrow(range.start),
            end: narrow(range.end),
            segment: narrow(segment),
            kind,
        }
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

/// Tokenises the prose runs of a document.
pub fn tokenize(text: &str, segments: &[Segment]) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    for (index, segment) in segments.iter().enumerate() {
        let base = segment.range.start;
        let run = &text[segment.range.clone()];
        let bytes = run.as_bytes();
        let mut at = 0;
        while let Some((c, width)) = char_at(run, at) {
            let start = at;
            at += width;
            if c.is_whitespace() {
                continue;
            }
            if !is_word_char(c) {
                tokens.push(Token::new(base + start..base + at, TokenKind::Punct, index));
                continue;
            }
            let mut alphabetic = c.is_alphabetic();
            while let Some(byte) = bytes.get(at).filter(|b| b.is_ascii_alphanumeric()) {
                alphabetic |= byte.is_ascii_alphabetic();
                at += 1;
            }
            while let Some((next, width)) = char_at(run, at) {
                if is_word_char(next) {
                    alphabetic |= next.is_alphabetic();
                    at += width;
                    continue;
                }
                let after = char_at(run, at + width).map(|(c, _)| c);
                let joins = if alphabetic {
                    joins_words(next) && after.is_some_and(char::is_alphabetic)
                } else {
                    joins_numbers(next) && after.is_some_and(|a| a.is_ascii_digit())
                };
                if !joins {
                    break;
                }
                at += width;
            }
            let kind = if alphabetic {
                TokenKind::Word
            } else {
                TokenKind::Number
            };
            tokens.push(Token::new(base + start..base + at, kind, index));
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
            .into_iter()
            .map(|t| (&text[t.range()], t.kind))
            .collect()
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
    fn combining_marks_stay_in_the_word() {
        assert_eq!(tokens("Erdog\u{306}an")[0].0, "Erdog\u{306}an");
    }
}
