//! Comparison keys for name spellings: what two spellings of one name have in common once
//! case, diacritics, hyphens and the choices of different transliteration systems are
//! folded away (`Bakiyev` and `Bakiev`, `Zelenskyy` and `Zelenskiy`, `Erdoğan` and
//! `Erdogan`, `Kassym-Jomart` and `Kassym Jomart` get one key each). Keys are for
//! comparing only; nothing that a finding points into is ever changed.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The letters of `text` in lowercase, without diacritics, apostrophes, hyphens or spaces:
/// `Erdoğan` → `erdogan`, `Kassym-Jomart` → `kassymjomart`. Inflection endings are looked
/// for in this form.
pub fn plain(text: &str) -> String {
    if text.is_ascii() {
        // Most names are letters alone: lowercased in one copy.
        if text.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return text.to_ascii_lowercase();
        }
        // Pushed into a string of the right capacity: collecting a filtered iterator
        // grows the string from nothing.
        let mut out = String::with_capacity(text.len());
        for byte in text.bytes().filter(u8::is_ascii_alphanumeric) {
            out.push(char::from(byte.to_ascii_lowercase()));
        }
        return out;
    }
    let mut out = String::with_capacity(text.len());
    for c in text.nfd().filter(|&c| !is_combining_mark(c)) {
        match c {
            'ı' | 'İ' => out.push('i'),
            'ł' | 'Ł' => out.push('l'),
            'ø' | 'Ø' => out.push('o'),
            'đ' | 'Đ' => out.push('d'),
            'ß' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'þ' | 'Þ' => out.push_str("th"),
            c if c.is_alphanumeric() => out.extend(c.to_lowercase()),
            _ => {}
        }
    }
    out
}

/// Sequences that different transliteration systems write differently, and the one
/// spelling each is folded to. Applied left to right, longest first.
const SEQUENCES: &[(&str, &str)] = &[
    ("shch", "sh"),
    ("dzh", "j"),
    ("sch", "sh"),
    ("kh", "h"),
    ("tz", "ts"),
    ("dj", "j"),
    ("ph", "f"),
    ("x", "ks"),
    ("w", "v"),
    ("y", "i"),
];

/// Whether a byte starts one of the [`SEQUENCES`]: the bytes that start none (most) are
/// copied without trying each sequence there.
const STARTS_SEQUENCE: [bool; 256] = {
    let mut starts = [false; 256];
    let mut k = 0;
    while k < SEQUENCES.len() {
        starts[SEQUENCES[k].0.as_bytes()[0] as usize] = true;
        k += 1;
    }
    starts
};

/// Whether the ASCII byte `c` is a vowel letter (lowercase, `y` not counted).
pub fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// The comparison key of a spelling: [`plain`], then transliteration letters folded
/// (`kh`/`h`, `iy`/`y`/`i`, `ye`/`e`, `yu`/`iu`, `ya`/`ia`, `dzh`/`j`, `ts`/`tz`…) and
/// doubled letters collapsed, a final `-ich` written `-ic`: `Bakiyev`, `Bakiev` → `bakiev`;
/// `Yury`, `Iurii` → `iuri`; `Popovich`, `Popović` → `popovic`.
pub fn key(text: &str) -> String {
    fold(&plain(text))
}

/// [`key`] of a spelling that is already [`plain`].
pub fn fold(plain: &str) -> String {
    let bytes = plain.as_bytes();
    let mut folded: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut at = 0;
    'outer: while let Some(&byte) = bytes.get(at) {
        if !STARTS_SEQUENCE[usize::from(byte)] {
            folded.push(byte);
            at += 1;
            continue;
        }
        for (from, to) in SEQUENCES {
            if bytes[at..].starts_with(from.as_bytes()) {
                folded.extend_from_slice(to.as_bytes());
                at += from.len();
                continue 'outer;
            }
        }
        folded.push(byte);
        at += 1;
    }
    // An `i` (a transliterated й or a softening y) between a vowel and an `e`, or at the
    // start before an `e`, is a spelling choice: `Tokayev`/`Tokaev`, `Yevgeny`/`Evgeny`.
    // Compacted in place: the bytes kept so far (`folded[..kept]`) never reach the byte
    // being read, so no second buffer is needed.
    let mut kept: usize = 0;
    for index in 0..folded.len() {
        let c = folded[index];
        let next = folded.get(index + 1).copied();
        let previous = kept.checked_sub(1).map(|last| folded[last]);
        if c == b'i' && next == Some(b'e') && previous.is_none_or(is_vowel) {
            continue;
        }
        if previous == Some(c) && c.is_ascii_alphabetic() {
            continue;
        }
        folded[kept] = c;
        kept += 1;
    }
    folded.truncate(kept);
    // The South Slavic `-ić` of a surname is written `-ic` or, from Cyrillic, `-ich`:
    // `Popović`, `Popovic`, `Popovich`.
    if folded.len() >= 6 && folded.ends_with(b"ich") {
        folded.pop();
    }
    String::from_utf8(folded).expect("only ASCII bytes are replaced or dropped")
}

/// Whether two spellings differ at most in the style of apostrophes and hyphens
/// (`O'Brien`/`O’Brien`): the punctuation rules' business, not a name variant.
pub fn same_but_typography(a: &str, b: &str) -> bool {
    let style = |c: char| match c {
        '’' | 'ʼ' | '‘' => '\'',
        '‐' | '‑' => '-',
        c => c,
    };
    a.chars().map(style).eq(b.chars().map(style))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn same(a: &str, b: &str) {
        assert_eq!(key(a), key(b), "{a} / {b}");
    }

    #[test]
    fn transliteration_variants_share_a_key() {
        same("Bakiev", "Bakiyev");
        same("Zelensky", "Zelenskyy");
        same("Zelensky", "Zelenskiy");
        same("Tokayev", "Tokaev");
        same("Yury", "Yuri");
        same("Yury", "Iurii");
        same("Yevgeny", "Evgeny");
        same("Mukhtar", "Muhtar");
        same("Ablyazov", "Abliazov");
        same("Popovich", "Popović");
        same("Arestovich", "Arestovic");
    }

    #[test]
    fn diacritics_hyphens_and_case_are_folded() {
        same("Erdoğan", "Erdogan");
        same("Kassym-Jomart", "Kassym Jomart");
        same("McDonald", "Mcdonald");
        same("Erdog\u{306}an", "Erdogan");
        assert_eq!(plain("Ukibaya"), "ukibaya");
    }

    #[test]
    fn distinct_names_keep_distinct_keys() {
        assert_ne!(key("Akayev"), key("Bakiev"));
        assert_ne!(key("Austria"), key("Australia"));
        assert_ne!(key("Russia"), key("Russian"));
    }

    #[test]
    fn any_text_gives_a_key() {
        assert_eq!(key(""), "");
        assert_eq!(key("Москва"), "москва");
    }
}
