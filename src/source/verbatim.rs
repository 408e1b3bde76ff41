//! What must reach the translation unchanged: the Latin-script words of a non-Latin
//! source (brands, outlets, product names: `Ivideon`, `iPhone`, `COVID-19`), URLs, e-mail
//! addresses, `@handles` and `#hashtags`.
//!
//! Machine translation "translates" such tokens surprisingly often (a brand rendered as
//! the common word it resembles, a handle spelled out, a URL's path changed), and nothing
//! in the English alone shows it. A token is looked for in the target as a whole word,
//! after both sides are folded by NFKC (the full-width `ＮＨＫ` of Japanese text is `NHK`)
//! and compared without regard to case: `LINE` rendered `Line` is the same brand, and a
//! case change is a house-style question, not a lost token. Roman numerals (`XXI век` is
//! `21st century`) and unit symbols (`100km`, `5GB`) are not tokens: translating them is
//! legitimate.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};
use unicode_script::{Script, UnicodeScript};

/// What kind of token must survive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// A URL (`https://…`, `www.…`).
    Url,
    /// An e-mail address.
    Email,
    /// A social-media handle (`@name`).
    Handle,
    /// A hashtag (`#name`).
    Hashtag,
    /// A Latin-script word in a non-Latin source.
    Word,
}

/// A token of the source that the target must contain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// What kind of token it is.
    pub kind: Kind,
    /// The token, folded by NFKC (as the target is searched for it).
    pub text: String,
    /// Its byte range in the source.
    pub span: Range<usize>,
}

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b(?:https?://|www\.)[^\s<>"«»()（）「」、。]+"#).expect("valid regex")
});
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
        .expect("valid regex")
});
static HANDLE_OR_HASHTAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[@#＃][\p{L}\p{N}_]{2,}").expect("valid regex"));
/// Latin words, with the digits, hyphens, dots, ampersands and apostrophes inside names
/// (`SARS-CoV-2`, `AT&T`, `O'Reilly`), in half or full width.
static LATIN_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-zＡ-Ｚａ-ｚ0-9０-９]+(?:[-.&'’][A-Za-zＡ-Ｚａ-ｚ0-9０-９]+)*")
        .expect("valid regex")
});

/// Unit symbols and abbreviations that a translation may legitimately spell out
/// (`100km` → `100 kilometers`); compared in lowercase.
const UNITS: &[&str] = &[
    "km", "m", "cm", "mm", "kg", "g", "mg", "t", "l", "ml", "ha", "kw", "kwh", "mw", "mwh", "gw",
    "gb", "mb", "tb", "kb", "hz", "ghz", "mhz", "db", "ppm", "pm", "am", "mph", "kmh", "sq",
];

/// The tokens of `source` that its translation must contain, in order. Latin words count
/// only when most of the source's letters are not Latin.
pub fn tokens(source: &str) -> Vec<Token> {
    let mut found: Vec<Token> = Vec::new();
    let mut covered: Vec<Range<usize>> = Vec::new();
    for m in URL.find_iter(source) {
        let text = m
            .as_str()
            .trim_end_matches(['.', ',', ';', ':', '!', '?', '»', '”']);
        let span = m.start()..m.start() + text.len();
        covered.push(span.clone());
        found.push(token(Kind::Url, source, span));
    }
    for m in EMAIL.find_iter(source) {
        if overlaps(&covered, &m.range()) {
            continue;
        }
        covered.push(m.range());
        found.push(token(Kind::Email, source, m.range()));
    }
    for m in HANDLE_OR_HASHTAG.find_iter(source) {
        let before = source[..m.start()].chars().next_back();
        if overlaps(&covered, &m.range()) || before.is_some_and(|c| c.is_alphanumeric() || c == '&')
        {
            continue;
        }
        let body = &m.as_str()[m.as_str().chars().next().map_or(1, char::len_utf8)..];
        if !body.chars().any(char::is_alphabetic) {
            continue;
        }
        let kind = if m.as_str().starts_with('@') {
            Kind::Handle
        } else {
            Kind::Hashtag
        };
        covered.push(m.range());
        found.push(token(kind, source, m.range()));
    }
    if mostly_non_latin(source, &covered) {
        for m in LATIN_WORD.find_iter(source) {
            if overlaps(&covered, &m.range()) || !is_brand_like(source, m.range()) {
                continue;
            }
            found.push(token(Kind::Word, source, m.range()));
        }
    }
    found.sort_by_key(|t| t.span.start);
    found
}

/// The tokens that `target` does not contain as a whole word (see the module
/// documentation for how they are compared).
pub fn missing<'a>(tokens: &'a [Token], target: &str) -> Vec<&'a Token> {
    // Most paragraphs of a non-Latin source have no such token: the target is folded only
    // when there is one to look for.
    if tokens.is_empty() {
        return Vec::new();
    }
    let target = fold(target);
    tokens
        .iter()
        .filter(|token| !contains_word(&target, &token.text.to_lowercase()))
        .collect()
}

fn token(kind: Kind, source: &str, span: Range<usize>) -> Token {
    Token {
        kind,
        text: source[span.clone()].nfkc().collect(),
        span,
    }
}

fn overlaps(covered: &[Range<usize>], range: &Range<usize>) -> bool {
    covered
        .iter()
        .any(|c| c.start < range.end && range.start < c.end)
}

/// NFKC, then lowercase.
fn fold(text: &str) -> String {
    // Nearly every text is in NFKC already (English with curly quotes is): the quick check
    // says so without composing it again.
    if is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        return text.to_lowercase();
    }
    text.nfkc().collect::<String>().to_lowercase()
}

/// Whether `needle` (folded) occurs in `haystack` (folded) with no letter or digit
/// touching it on either side.
fn contains_word(haystack: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    haystack.match_indices(needle).any(|(at, _)| {
        let before = haystack[..at].chars().next_back();
        let after = haystack[at + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Whether most letters of `text`, outside the `covered` ranges (URLs, addresses), are
/// of another script than Latin.
fn mostly_non_latin(text: &str, covered: &[Range<usize>]) -> bool {
    let (mut latin, mut other) = (0usize, 0usize);
    let letters = text
        .char_indices()
        .filter(|&(at, c)| c.is_alphabetic() && !covered.iter().any(|r| r.contains(&at)))
        .map(|(_, c)| c);
    for c in letters {
        match c.script() {
            Script::Latin => latin += 1,
            Script::Common | Script::Inherited => {}
            _ => other += 1,
        }
    }
    other > latin
}

/// Whether a Latin run is a token to keep: it has three letters or more and does not
/// start with a digit, is not glued to
/// a letter of another script (a look-alike inside a Cyrillic word is another check's
/// business), and is neither a Roman numeral nor a unit symbol.
fn is_brand_like(source: &str, range: Range<usize>) -> bool {
    let text: String = source[range.clone()].nfkc().collect();
    // Two-letter abbreviations (`EU`, `QB`, `VR`) are expanded by translations as often
    // as kept; ordinals (`3rd`) and scores (`3rd&14`) are numbers, the numbers check's.
    let letters = text.chars().filter(char::is_ascii_alphabetic).count();
    if letters < 3 || text.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let touching = |c: Option<char>| {
        c.is_some_and(|c| {
            c.is_alphabetic()
                && c.script() != Script::Latin
                && c.script() != Script::Han
                && c.script() != Script::Hiragana
                && c.script() != Script::Katakana
        })
    };
    if touching(source[..range.start].chars().next_back())
        || touching(source[range.end..].chars().next())
    {
        return false;
    }
    let lower = text.to_ascii_lowercase();
    let letters_only: String = lower.chars().filter(char::is_ascii_alphabetic).collect();
    !is_roman_numeral(&text) && !UNITS.contains(&letters_only.as_str())
}

/// `XXI`, `IV`, `MCMXCIX`: upper-case Roman numerals, validly formed.
fn is_roman_numeral(text: &str) -> bool {
    static ROMAN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
            .expect("valid regex")
    });
    !text.is_empty() && ROMAN.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(source: &str) -> Vec<(Kind, String)> {
        tokens(source)
            .into_iter()
            .map(|t| (t.kind, t.text))
            .collect()
    }

    fn missing_texts(source: &str, target: &str) -> Vec<String> {
        let tokens = tokens(source);
        missing(&tokens, target)
            .into_iter()
            .map(|t| t.text.clone())
            .collect()
    }

    #[test]
    fn latin_words_urls_addresses_handles_and_hashtags_of_a_cyrillic_source() {
        assert_eq!(
            listed(
                "Директор Ivideon сообщил в Telegram (@ivideon_news, #дипфейк) и на сайте \
                 https://example.org/news/1. Пишите на press@example.org о COVID-19 и AT&T."
            ),
            [
                (Kind::Word, "Ivideon".into()),
                (Kind::Word, "Telegram".into()),
                (Kind::Handle, "@ivideon_news".into()),
                (Kind::Hashtag, "#дипфейк".into()),
                (Kind::Url, "https://example.org/news/1".into()),
                (Kind::Email, "press@example.org".into()),
                (Kind::Word, "COVID-19".into()),
                (Kind::Word, "AT&T".into()),
            ]
        );
    }

    #[test]
    fn roman_numerals_units_single_letters_and_look_alikes_are_not_tokens() {
        assert!(
            listed("В XXI веке проехали 100km, группа A, ЕС и EU, 3rd&14 и Cоветский союз")
                .is_empty()
        );
    }

    #[test]
    fn full_width_latin_of_japanese_is_folded() {
        assert_eq!(
            listed("ＮＨＫによると、LINEで発表した。"),
            [(Kind::Word, "NHK".into()), (Kind::Word, "LINE".into())]
        );
    }

    #[test]
    fn a_latin_source_has_no_word_tokens_but_keeps_its_urls() {
        assert_eq!(
            listed("Die Firma Apple sagt, siehe www.example.de/info."),
            [(Kind::Url, "www.example.de/info".into())]
        );
    }

    #[test]
    fn the_target_must_hold_each_token_as_a_whole_word_in_any_case() {
        let source = "Компания Ivideon и сервис LINE, @mayor_msk";
        assert!(missing_texts(source, "Ivideon and the Line service, @mayor_msk").is_empty());
        assert_eq!(
            missing_texts(source, "The company Ivideonix and the service LINE, @mayor"),
            ["Ivideon", "@mayor_msk"]
        );
    }
}
