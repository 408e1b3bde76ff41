//! Mojibake: UTF-8 text decoded as Windows-1252 or Latin-1 (`â€™` for `’`, `Ã©` for `é`,
//! `Ð°` for `а`). Found where characters re-encode to UTF-8 byte sequences, and repaired
//! only when the bytes decode to printable text. The `unicode` kind reports it; the quotes
//! scan ignores the quote-like characters inside it (`â€œ` holds a `œ`, `Å“` a `“`).

use std::ops::Range;

/// The byte that `c` stands for when UTF-8 was decoded as Windows-1252 (or as Latin-1,
/// which maps the bytes 0x80–0x9F to C1 controls).
fn byte_of(c: char) -> Option<u8> {
    const WINDOWS_1252: [(char, u8); 27] = [
        ('€', 0x80),
        ('‚', 0x82),
        ('ƒ', 0x83),
        ('„', 0x84),
        ('…', 0x85),
        ('†', 0x86),
        ('‡', 0x87),
        ('ˆ', 0x88),
        ('‰', 0x89),
        ('Š', 0x8A),
        ('‹', 0x8B),
        ('Œ', 0x8C),
        ('Ž', 0x8E),
        ('‘', 0x91),
        ('’', 0x92),
        ('“', 0x93),
        ('”', 0x94),
        ('•', 0x95),
        ('–', 0x96),
        ('—', 0x97),
        ('˜', 0x98),
        ('™', 0x99),
        ('š', 0x9A),
        ('›', 0x9B),
        ('œ', 0x9C),
        ('ž', 0x9E),
        ('Ÿ', 0x9F),
    ];
    match u32::from(c) {
        code @ 0..=0xFF => u8::try_from(code).ok(),
        _ => WINDOWS_1252
            .iter()
            .find(|&&(ch, _)| ch == c)
            .map(|&(_, b)| b),
    }
}

/// One mojibake sequence starting at `at`: its end and the character it stands for.
/// `None` as the character marks the truncated `â€` whose third byte was lost.
fn sequence_at(text: &str, at: usize) -> Option<(usize, Option<char>)> {
    let mut chars = text[at..].char_indices();
    let (_, lead) = chars.next()?;
    if lead.is_ascii() {
        return None;
    }
    let first = byte_of(lead).filter(|b| (0xC2..=0xF4).contains(b))?;
    let needed = match first {
        0xC2..=0xDF => 1,
        0xE0..=0xEF => 2,
        _ => 3,
    };
    let mut bytes = [first, 0, 0, 0];
    let mut count = 1;
    let mut end = at + lead.len_utf8();
    for (offset, c) in chars.take(needed) {
        match byte_of(c).filter(|b| (0x80..=0xBF).contains(b)) {
            Some(b) => {
                bytes[count] = b;
                count += 1;
                end = at + offset + c.len_utf8();
            }
            None => break,
        }
    }
    let bytes = &bytes[..count];
    if count == needed + 1 {
        let decoded = std::str::from_utf8(bytes).ok()?.chars().next()?;
        return Some((end, Some(decoded)));
    }
    (bytes == [0xE2, 0x80]).then_some((end, None))
}

/// Repairs every complete mojibake sequence of `text`.
fn repair_once(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while let Some(c) = text[at..].chars().next() {
        match sequence_at(text, at) {
            Some((end, Some(decoded))) => {
                out.push(decoded);
                at = end;
            }
            _ => {
                out.push(c);
                at += c.len_utf8();
            }
        }
    }
    out
}

/// Mojibake in `text`: each damaged word-part with its repaired text, when the repair
/// round-trips to printable text (text decoded more than once is repaired as many times).
pub fn find(text: &str) -> Vec<(Range<usize>, Option<String>)> {
    let mut spans: Vec<(Range<usize>, bool)> = Vec::new();
    let mut at = 0;
    // Every sequence starts with a character from U+00C2 to U+00F4, all encoded with the
    // lead byte 0xC3: jump from one such byte to the next.
    while let Some(found) = memchr::memchr(0xC3, &text.as_bytes()[at..]) {
        at += found;
        let Some((end, decoded)) = sequence_at(text, at) else {
            at += 1;
            continue;
        };
        let joins = spans.last().is_some_and(|(last, _)| {
            text[last.end..at]
                .chars()
                .all(|between| between.is_ascii_alphanumeric())
        });
        match spans.last_mut() {
            Some((last, complete)) if joins => {
                last.end = end;
                *complete &= decoded.is_some();
            }
            _ => spans.push((at..end, decoded.is_some())),
        }
        at = end;
    }
    spans
        .into_iter()
        .map(|(range, complete)| {
            let mut repaired = repair_once(&text[range.clone()]);
            for _ in 0..2 {
                let again = repair_once(&repaired);
                if again == repaired {
                    break;
                }
                repaired = again;
            }
            let certain = complete && !repaired.chars().any(char::is_control);
            (range, certain.then_some(repaired))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repaired(text: &str) -> Vec<(&str, Option<String>)> {
        find(text)
            .into_iter()
            .map(|(range, fix)| (&text[range], fix))
            .collect()
    }

    #[test]
    fn mojibake_is_repaired_when_it_round_trips() {
        assert_eq!(
            repaired("â€œHelloâ€\u{9d} and cafÃ©, Ð°Ð±"),
            [
                ("â€œHelloâ€\u{9d}", Some("“Hello”".to_string())),
                ("Ã©", Some("é".to_string())),
                ("Ð°Ð±", Some("аб".to_string())),
            ]
        );
        assert_eq!(repaired("Ã¢â‚¬â„¢"), [("Ã¢â‚¬â„¢", Some("’".to_string()))]);
        assert_eq!(repaired("itâ€ s"), [("â€", None)]);
        assert_eq!(
            repaired("Ã¢â‚¬Â\u{9d}"),
            [("Ã¢â‚¬Â\u{9d}", Some("”".to_string()))]
        );
        assert_eq!(repaired("Â\u{85}"), [("Â\u{85}", None)]);
    }

    #[test]
    fn accented_words_are_not_mojibake() {
        assert!(repaired("Zürich, café”, Ærø, São Paulo, naïve, à la, Ÿ").is_empty());
    }
}
