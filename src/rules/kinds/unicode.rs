//! `unicode`: damage that text picks up on its way through pipelines. Its `check` parameter
//! says which: `not-nfc` (decomposed accents), `invisible` (zero-width and bidirectional
//! controls, soft hyphens, a byte-order mark inside text, C0/C1 controls),
//! `replacement-character` (U+FFFD, where a decoder gave up), `mojibake` (UTF-8 read as
//! Windows-1252 or Latin-1: `â€™`, `Ã©`, `Ð°`), `non-breaking-space` or `full-width`
//! (the full-width punctuation, brackets, letters and digits and the ideographic space
//! of Chinese and Japanese text, with the English characters suggested).

use std::ops::Range;
use std::sync::LazyLock;

use serde::Deserialize;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
use unicode_script::{Script, UnicodeScript};

use crate::document::Document;
use crate::rules::mojibake;
use crate::rules::spec::{SpecError, rule_spec};
use crate::rules::{Check, Hit, Values};

/// Which damage a `unicode` rule reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum UnicodeCheck {
    /// Text not in Normalization Form C.
    NotNfc,
    /// Invisible and control characters.
    Invisible,
    /// U+FFFD REPLACEMENT CHARACTER.
    ReplacementCharacter,
    /// UTF-8 decoded as Windows-1252 or Latin-1.
    Mojibake,
    /// No-break spaces (U+00A0, U+202F, U+2007).
    NonBreakingSpace,
    /// Full-width forms and CJK punctuation (`，` `。` `（` `「` `Ａ` `１`, U+3000).
    FullWidth,
}

/// The placeholders of a `unicode` rule's message: the `{codepoint}` (`U+200B`) and
/// `{name}` of the first invisible character of a run (`invisible`).
pub const PLACEHOLDERS: &[&str] = &["codepoint", "name"];

rule_spec! {
    /// The rule-file fields of a `unicode` rule.
    pub struct Spec {
        /// Which damage the rule reports.
        pub check: UnicodeCheck,
    }
}

/// Compiles a `unicode` rule.
pub fn compile(spec: Spec) -> Result<Box<dyn Check>, SpecError> {
    Ok(Box::new(UnicodeRule { check: spec.check }))
}

struct UnicodeRule {
    check: UnicodeCheck,
}

impl Check for UnicodeRule {
    fn check(&self, document: &Document, hits: &mut Vec<Hit>) {
        // Asked once of the whole text (which holds every prose run) before each run: most
        // documents hold nothing of the kind. One census of the text answers every
        // `unicode` rule of the document, where each rule's own scan would read it again.
        let census = document.shared(CENSUS, || Census::of(document.text()));
        if !census.may_hold(self.check) {
            return;
        }
        for segment in document.segments() {
            let text = document.segment_text(segment);
            if !may_hold(self.check, text) {
                continue;
            }
            let base = segment.range.start;
            let shift = |r: Range<usize>| base + r.start..base + r.end;
            match self.check {
                UnicodeCheck::NotNfc => {
                    for (range, nfc) in not_nfc(text) {
                        hits.push(Hit::new(shift(range), Some(nfc)));
                    }
                }
                UnicodeCheck::Invisible => {
                    for (range, values) in invisible(text) {
                        hits.push(Hit::new(shift(range), Some(String::new())).with_values(values));
                    }
                }
                UnicodeCheck::ReplacementCharacter => {
                    for range in runs(text, |c| c == '\u{FFFD}') {
                        hits.push(Hit::new(shift(range), None));
                    }
                }
                UnicodeCheck::Mojibake => {
                    for (range, repaired) in mojibake::find(text) {
                        hits.push(Hit::new(shift(range), repaired));
                    }
                }
                UnicodeCheck::NonBreakingSpace => {
                    for range in runs(text, is_no_break_space) {
                        hits.push(Hit::new(shift(range), Some(" ".to_string())));
                    }
                }
                UnicodeCheck::FullWidth => {
                    for range in runs(text, |c| english_of(c).is_some()) {
                        if is_kana_length_mark(text, &range) {
                            continue;
                        }
                        let english = text[range.clone()].chars().filter_map(english_of).collect();
                        hits.push(Hit::new(shift(range), Some(english)));
                    }
                }
            }
        }
    }
}

/// The key of [`Census`] among a document's shared analyses (its only kind).
const CENSUS: u64 = 0;

/// What a text may hold for each `unicode` check, taken in one pass: its ASCII is read
/// eight bytes at a time and only its other characters are decoded. Each flag is exactly
/// what [`may_hold`] answers for the same text and check.
#[derive(Debug, Default, PartialEq, Eq)]
struct Census {
    not_nfc: bool,
    invisible: bool,
    replacement: bool,
    mojibake: bool,
    no_break_space: bool,
    full_width: bool,
}

impl Census {
    fn of(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut census = Self {
            invisible: holds_control(bytes),
            ..Self::default()
        };
        let mut at = 0;
        while let Some(found) = next_non_ascii(&bytes[at..]) {
            at += found;
            // U+2010–U+2027 (dashes, curly quotes, the ellipsis) fill news text and matter
            // to no check: passed over without decoding.
            if let [0xE2, 0x80, 0x90..=0xA7, ..] = bytes[at..] {
                at += 3;
                continue;
            }
            let Some(c) = text[at..].chars().next() else {
                break;
            };
            census.note(c);
            at += c.len_utf8();
        }
        census
    }

    /// Notes a character outside ASCII. The ranges are those of the lead bytes
    /// [`may_hold`] looks for: `C3` is U+00C0–U+00FF; `C2` U+0080–U+00BF, `D8`
    /// U+0600–U+063F, `E1` U+1000–U+1FFF, `EF` U+F000–U+FFFF.
    fn note(&mut self, c: char) {
        self.not_nfc |= !is_nfc_inert(c);
        self.replacement |= c == '\u{FFFD}';
        self.no_break_space |= is_no_break_space(c);
        self.full_width |= english_of(c).is_some();
        self.mojibake |= ('\u{C0}'..='\u{FF}').contains(&c);
        self.invisible |= matches!(
            c,
            '\u{80}'..='\u{BF}'
                | '\u{600}'..='\u{63F}'
                | '\u{1000}'..='\u{1FFF}'
                | '\u{F000}'..='\u{FFFF}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2069}'
        );
    }

    fn may_hold(&self, check: UnicodeCheck) -> bool {
        match check {
            UnicodeCheck::NotNfc => self.not_nfc,
            UnicodeCheck::Invisible => self.invisible,
            UnicodeCheck::ReplacementCharacter => self.replacement,
            UnicodeCheck::Mojibake => self.mojibake,
            UnicodeCheck::NonBreakingSpace => self.no_break_space,
            UnicodeCheck::FullWidth => self.full_width,
        }
    }
}

/// Whether `bytes` hold a C0 control other than tab and line ends, or DEL. Folded without
/// stopping early, so that the compiler tests many bytes at once.
fn holds_control(bytes: &[u8]) -> bool {
    let control = |b: &u8| (*b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || *b == 0x7F;
    bytes
        .chunks(64)
        .any(|chunk| chunk.iter().fold(false, |any, b| any | control(b)))
}

/// Whether `text` may hold what `check` looks for, decided on bytes: most prose holds
/// nothing of the kind, and a byte scan is far cheaper than decoding every character.
fn may_hold(check: UnicodeCheck, text: &str) -> bool {
    let bytes = text.as_bytes();
    match check {
        UnicodeCheck::ReplacementCharacter => {
            static FINDER: LazyLock<memchr::memmem::Finder<'static>> =
                LazyLock::new(|| memchr::memmem::Finder::new("\u{FFFD}".as_bytes()));
            FINDER.find(bytes).is_some()
        }
        UnicodeCheck::Invisible => {
            // Every invisible character above ASCII is encoded with one of these lead bytes:
            // C1 controls and the soft hyphen (C2), U+061C (D8), U+180E (E1), the U+20xx
            // spaces, marks and controls (E2), U+FEFF (EF).
            holds_control(bytes)
                || memchr::memchr3(0xC2, 0xD8, 0xE1, bytes).is_some()
                || memchr::memchr(0xEF, bytes).is_some()
                || memchr::memchr_iter(0xE2, bytes).any(|at| {
                    matches!(
                        (bytes.get(at + 1), bytes.get(at + 2)),
                        (Some(0x80), Some(0x8B..=0x8F | 0xAA..=0xAE)) | (Some(0x81), Some(0xA0..=0xA9))
                    )
                })
        }
        UnicodeCheck::Mojibake => memchr::memchr(0xC3, bytes).is_some(),
        UnicodeCheck::NotNfc => may_change_under_nfc(text),
        UnicodeCheck::NonBreakingSpace => {
            static FINDERS: LazyLock<[memchr::memmem::Finder<'static>; 3]> = LazyLock::new(|| {
                ["\u{A0}", "\u{202F}", "\u{2007}"].map(memchr::memmem::Finder::new)
            });
            FINDERS.iter().any(|finder| finder.find(bytes).is_some())
        }
        // Every character `english_of` maps starts with E3 (U+3000–U+303F) or EF
        // (U+FF01–U+FFEE).
        UnicodeCheck::FullWidth => memchr::memchr2_iter(0xE3, 0xEF, bytes).any(|at| {
            text.get(at..)
                .and_then(|rest| rest.chars().next())
                .is_some_and(|c| english_of(c).is_some())
        }),
    }
}

/// The English character for a full-width form or a CJK punctuation mark: the ASCII
/// character a full-width one stands for (`，` `（` `Ａ` `１`), a space for the
/// ideographic space, `.` and `,` for the ideographic full stop and comma, curly quotes
/// for corner and angle brackets (`「」` `『』` `《》`), square brackets for lenticular
/// ones (`【】`). `None` for any other character.
fn english_of(c: char) -> Option<char> {
    match c {
        '\u{3000}' => Some(' '),
        '、' | '､' => Some(','),
        '。' | '｡' => Some('.'),
        '「' | '『' | '《' | '〈' | '｢' => Some('“'),
        '」' | '』' | '》' | '〉' | '｣' => Some('”'),
        '【' | '〔' | '〖' | '〘' | '〚' => Some('['),
        '】' | '〕' | '〗' | '〙' | '〛' => Some(']'),
        '〜' => Some('~'),
        'ー' | 'ｰ' => Some('—'),
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0),
        '￠' => Some('¢'),
        '￡' => Some('£'),
        '￥' => Some('¥'),
        '￦' => Some('₩'),
        _ => None,
    }
}

/// Whether `range` of `text` is the long-vowel mark `ー` written beside kana, where it is
/// part of a Japanese word (`ニュース`) that `script.foreign-run` reports whole; between
/// English words it is a separator left from the source (`BunkaーSaga`).
fn is_kana_length_mark(text: &str, range: &Range<usize>) -> bool {
    let is_kana = |c: Option<char>| {
        c.is_some_and(|c| matches!(c.script(), Script::Katakana | Script::Hiragana))
    };
    text[range.clone()].chars().all(|c| matches!(c, 'ー' | 'ｰ'))
        && (is_kana(text[..range.start].chars().next_back())
            || is_kana(text[range.end..].chars().next()))
}

/// Characters that never change under NFC and never reorder with their neighbours
/// (quick check `Yes`, combining class 0) though they are not ASCII: everything below
/// U+0300, where the combining marks start, and the punctuation of U+2002–U+206F (dashes,
/// curly quotes, ellipsis), which fills news text.
fn is_nfc_inert(c: char) -> bool {
    c < '\u{300}' || ('\u{2002}'..='\u{206F}').contains(&c)
}

/// The offset of the first byte of `bytes` outside ASCII, eight bytes at a time.
fn next_non_ascii(bytes: &[u8]) -> Option<usize> {
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    let mut chunks = bytes.chunks_exact(8);
    let mut offset = 0;
    for chunk in chunks.by_ref() {
        let word = u64::from_le_bytes(chunk.try_into().expect("chunks of eight bytes"));
        if word & HIGH_BITS != 0 {
            break;
        }
        offset += 8;
    }
    bytes[offset..]
        .iter()
        .position(|b| !b.is_ascii())
        .map(|found| offset + found)
}

/// Whether `text` holds a character that may change under NFC: the ASCII between the
/// other characters is passed over eight bytes at a time.
fn may_change_under_nfc(text: &str) -> bool {
    let mut at = 0;
    while let Some(found) = next_non_ascii(&text.as_bytes()[at..]) {
        at += found;
        let Some(c) = text[at..].chars().next() else {
            break;
        };
        if !is_nfc_inert(c) {
            return true;
        }
        at += c.len_utf8();
    }
    false
}

fn is_no_break_space(c: char) -> bool {
    matches!(c, '\u{A0}' | '\u{202F}' | '\u{2007}')
}

/// Maximal runs of characters that satisfy `wanted`.
fn runs(text: &str, wanted: impl Fn(char) -> bool) -> Vec<Range<usize>> {
    let mut found: Vec<Range<usize>> = Vec::new();
    for (at, c) in text.char_indices().filter(|&(_, c)| wanted(c)) {
        match found.last_mut() {
            Some(run) if run.end == at => run.end = at + c.len_utf8(),
            _ => found.push(at..at + c.len_utf8()),
        }
    }
    found
}

/// Stretches that change under NFC, each a base character with its combining marks, and
/// their NFC form.
fn not_nfc(text: &str) -> Vec<(Range<usize>, String)> {
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut start = 0;
    let check = |range: Range<usize>, found: &mut Vec<(Range<usize>, String)>| {
        let cluster = &text[range.clone()];
        let nfc: String = cluster.nfc().collect();
        if !range.is_empty() && nfc != cluster {
            found.push((range, nfc));
        }
    };
    for (at, c) in text.char_indices() {
        let starter = canonical_combining_class(c) == 0
            && is_nfc_quick(std::iter::once(c)) != IsNormalized::Maybe;
        if starter && at > start {
            check(start..at, &mut found);
            start = at;
        }
    }
    check(start..text.len(), &mut found);
    found
}

/// The name of an invisible or control character that does not belong in prose text.
fn invisible_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{200B}' => "zero-width space",
        '\u{200C}' => "zero-width non-joiner",
        '\u{200D}' => "zero-width joiner",
        '\u{2060}' => "word joiner",
        '\u{00AD}' => "soft hyphen",
        '\u{FEFF}' => "byte-order mark",
        '\u{180E}' => "Mongolian vowel separator",
        '\u{2061}'..='\u{2064}' => "invisible operator",
        '\u{200E}' | '\u{200F}' | '\u{061C}' => "bidirectional mark",
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => "bidirectional control",
        '\t' | '\n' | '\r' => return None,
        '\u{0}'..='\u{1F}' | '\u{7F}' => "control character",
        '\u{80}'..='\u{9F}' => "C1 control character",
        _ => return None,
    })
}

/// Whether a joiner at `at` sits between letters of scripts that use joiners (Arabic,
/// Indic) or inside an emoji sequence, where it is meaningful.
fn joiner_is_meaningful(text: &str, at: usize, c: char) -> bool {
    let plain = |n: Option<char>| {
        n.is_none_or(|n| n.is_ascii() || n.is_whitespace() || n.script() == Script::Latin)
    };
    let before = text[..at].chars().next_back();
    let after = text[at + c.len_utf8()..].chars().next();
    !(plain(before) && plain(after))
}

/// Runs of invisible characters, each with the placeholder values naming the first of
/// them.
fn invisible(text: &str) -> Vec<(Range<usize>, Values)> {
    let damaged = if text.chars().any(|c| ('\u{80}'..='\u{9F}').contains(&c)) {
        mojibake::find(text)
    } else {
        Vec::new()
    };
    let in_mojibake = |at: usize| damaged.iter().any(|(range, _)| range.contains(&at));
    let mut found: Vec<(Range<usize>, Values)> = Vec::new();
    for (at, c) in text.char_indices() {
        let Some(name) = invisible_name(c) else {
            continue;
        };
        if matches!(c, '\u{200C}' | '\u{200D}') && joiner_is_meaningful(text, at, c) {
            continue;
        }
        if in_mojibake(at) {
            continue;
        }
        match found.last_mut() {
            Some((run, _)) if run.end == at => run.end = at + c.len_utf8(),
            _ => found.push((
                at..at + c.len_utf8(),
                vec![
                    ("codepoint", format!("U+{:04X}", c as u32)),
                    ("name", name.to_string()),
                ],
            )),
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The characters the NFC prefilter passes over must be those the quick check passes.
    #[test]
    fn nfc_inert_characters_are_stable_starters() {
        for c in (0..0x3000)
            .filter_map(char::from_u32)
            .filter(|&c| is_nfc_inert(c))
        {
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
        }
        assert!(!may_change_under_nfc("“Café” – 10 km…"));
        assert!(may_change_under_nfc("Zu\u{308}rich"));
        assert!(may_change_under_nfc("5 \u{2126}"));
        assert!(may_change_under_nfc("\u{2000}"));
        assert_eq!(next_non_ascii(b"abcdefgh\xC3\xA9"), Some(8));
        assert_eq!(next_non_ascii(b"abcdefghij"), None);
    }

    const CHECKS: [UnicodeCheck; 6] = [
        UnicodeCheck::NotNfc,
        UnicodeCheck::Invisible,
        UnicodeCheck::ReplacementCharacter,
        UnicodeCheck::Mojibake,
        UnicodeCheck::NonBreakingSpace,
        UnicodeCheck::FullWidth,
    ];

    /// Text with every kind of character the checks tell apart: ASCII and its controls,
    /// the lead bytes looked for and their neighbours, curly quotes and the invisible
    /// marks among the general punctuation.
    fn mixed_text() -> impl Strategy<Value = String> {
        proptest::string::string_regex(
            "[ a-z\\t\\n\\x00-\\x1F\\x7F\\u{80}-\\u{FF}\\u{100}\\u{5FF}-\\u{640}\\u{FFF}-\\u{1000}\\u{1FFF}-\\u{2000}\\u{2007}\\u{200A}-\\u{2010}\\u{201C}\\u{2029}-\\u{202F}\\u{205F}-\\u{206A}\\u{300}\\u{2126}\\u{EFFF}-\\u{F000}\\u{FEFF}\\u{FFFD}\\u{10000}\\u{2FFF}-\\u{3003}\\u{3008}\\u{300C}\\u{3011}\\u{301C}\\u{FF00}-\\u{FF02}\\u{FF5E}-\\u{FF61}\\u{FFE0}-\\u{FFE6}]{0,40}",
        )
        .expect("a valid regex")
    }

    proptest! {
        #[test]
        fn a_census_answers_as_each_check_would(text in mixed_text()) {
            let census = Census::of(&text);
            for check in CHECKS {
                prop_assert_eq!(census.may_hold(check), may_hold(check, &text), "{:?}", check);
            }
        }
    }

    #[test]
    fn a_census_of_plain_prose_holds_nothing_and_notes_each_kind() {
        assert_eq!(Census::of("“Astana” – 10 km… don’t"), Census::default());
        for (text, check) in [
            ("Zu\u{308}rich", UnicodeCheck::NotNfc),
            ("soft\u{AD}hyphen", UnicodeCheck::Invisible),
            ("bell\u{7}", UnicodeCheck::Invisible),
            ("lost \u{FFFD}", UnicodeCheck::ReplacementCharacter),
            ("donâ€™t", UnicodeCheck::Mojibake),
            ("10\u{202F}km", UnicodeCheck::NonBreakingSpace),
            ("Yes（no）", UnicodeCheck::FullWidth),
            ("Ginza\u{3000}store", UnicodeCheck::FullWidth),
        ] {
            let census = Census::of(text);
            assert!(census.may_hold(check), "{text:?} {check:?}");
            assert!(may_hold(check, text), "{text:?} {check:?}");
        }
    }

    #[test]
    fn decomposed_accents_are_found() {
        let text = "Erdog\u{306}an and Zu\u{308}rich, café, 5 \u{2126}";
        let found: Vec<_> = not_nfc(text)
            .into_iter()
            .map(|(r, nfc)| (&text[r], nfc))
            .collect();
        assert_eq!(
            found,
            [
                ("g\u{306}", "ğ".to_string()),
                ("u\u{308}", "ü".to_string()),
                ("\u{2126}", "\u{3A9}".to_string())
            ]
        );
    }
}
