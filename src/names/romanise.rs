//! Romanisation equivalents: the spellings that two romanisation systems, or two
//! transliteration habits, give one name, beyond what [`super::key`] folds for every word.
//! `Ōno`, `Ohno`, `Ono` and `Oono`; `Hatcho` and `Haccho`; `Risyo` and `Risho`; `Chou` and
//! `Zhou`; `Wong` and `Wang`; `Ryu` and `Yoo`; `Karakol` and `Qaraqol`; `Jablonski` and
//! `Yablonsky`; `Aboutalimov` and `Abutalimov`.
//!
//! These equivalences are looser than a key: `Ono` and `Ohno` are one name in a Japanese
//! article, and `Marc` and `Mark` may be two people. So a spelling gets a second, *loose*
//! key, and the article analysis accepts a link through it only where the context does not
//! speak against it (different given names, different surnames after two given names).
//!
//! The tables are small and standard:
//! - Japanese: modified Hepburn against Kunrei-shiki / Nihon-shiki (ISO 3602), and the
//!   long vowels Hepburn writes `ō`, `ou`, `oh` or `oo` (the Library of Congress ALA-LC
//!   romanisation table for Japanese lists the macron and its common substitutes);
//! - Chinese: Wade–Giles (apostrophes dropped, as MT drops them) against Hanyu Pinyin
//!   (ISO 7098), syllable by syllable, and the Cantonese (Hong Kong government) spellings
//!   of the commonest surnames;
//! - Korean: the commonest surnames in Revised Romanization, McCune–Reischauer and the
//!   spellings their bearers use (the National Institute of Korean Language's survey of
//!   surname romanisation);
//! - transliteration from Cyrillic and Turkic Latin: `c`/`k`/`q`, `j`/`y` before a vowel at
//!   the start, `x`/`kh` at the start, French-style `ou` for `u`.

use std::borrow::Cow;
use std::sync::LazyLock;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// The loose key of a [`super::key::plain`] spelling whose key is `key`, when it differs
/// from that key: romanisation equivalents are rewritten to one spelling, then the key's
/// folds apply.
pub fn loose(plain: &str, key: &str) -> Option<String> {
    if !plain.is_ascii() || plain.len() < 2 {
        return None;
    }
    let Cow::Owned(rewritten) = rewrite(plain) else {
        return None;
    };
    let loose = super::key::fold(&rewritten);
    (loose != key).then_some(loose)
}

/// Whether `plain` reads as a Korean surname or as Chinese or Japanese: a name that may
/// come surname first.
pub fn is_east_asian(plain: &str) -> bool {
    plain.is_ascii()
        && (korean_surname(plain).is_some() || chinese(plain).is_some() || is_japanese(plain))
}

/// `plain` with its romanisation choices rewritten, borrowed when nothing changes.
fn rewrite(plain: &str) -> Cow<'_, str> {
    if let Some(korean) = korean_surname(plain) {
        return Cow::Owned(korean.to_string());
    }
    if let Some(pinyin) = chinese(plain) {
        // A pinyin syllable is its own spelling (`""`), and no other rule applies to it:
        // `Jiang` is not `Yiang`, nor `Cao` `Kao`.
        return if pinyin.is_empty() {
            Cow::Borrowed(plain)
        } else {
            Cow::Owned(pinyin.to_string())
        };
    }
    if is_japanese(plain) {
        return japanese(plain);
    }
    cyrillic_and_turkic(plain)
}

/// Korean surnames in their common spellings, each row one surname (the first spelling
/// is the one the others are rewritten to). Two-letter spellings (`Yi`, `Oh`, `Ko`) are
/// below the shortest candidate and left out.
const KOREAN_SURNAMES: &[&[&str]] = &[
    &["lee", "rhee", "rhie", "yee"],
    &["park", "pak", "bak", "pack"],
    &["kim", "gim"],
    &["choi", "choe", "chey"],
    &["jung", "jeong", "chung", "cheong"],
    &["kang", "gang"],
    &["yoon", "yun", "youn"],
    &["lim", "rim", "leem"],
    &["shin", "sin", "shinn"],
    &["seo", "suh"],
    &["kwon", "gwon"],
    &["ryu", "yoo", "you", "rhyu", "ryoo"],
    &["jeon", "chun", "jun", "chon"],
    &["moon", "mun"],
    &["sohn", "son"],
    &["baek", "paik", "baik", "paek"],
    &["heo", "hur", "huh", "hoh"],
    &["noh", "roh"],
    &["kwak", "gwak"],
    &["sung", "seong"],
    &["koo", "kuh"],
];

/// [`KOREAN_SURNAMES`] by spelling, each with the first spelling of its row.
static KOREAN: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    KOREAN_SURNAMES
        .iter()
        .flat_map(|row| row.iter().map(|spelling| (*spelling, row[0])))
        .collect()
});

/// The first spelling of the row of a Korean surname.
fn korean_surname(plain: &str) -> Option<&'static str> {
    if plain.len() > 6 {
        return None;
    }
    KOREAN.get(plain).copied()
}

/// Pinyin syllables: initials and finals as ISO 7098 lists them.
const PINYIN_INITIALS: &[&str] = &[
    "zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r",
    "z", "c", "s", "y", "w", "",
];
const PINYIN_FINALS: &[&str] = &[
    "iang", "iong", "uang", "ueng", "ang", "eng", "ing", "ong", "uai", "iao", "ian", "uan", "van",
    "ai", "ei", "ao", "ou", "an", "en", "er", "in", "un", "vn", "ia", "ie", "iu", "ua", "uo", "ui",
    "ue", "ve", "a", "o", "e", "i", "u", "v",
];

/// Wade–Giles syllables (without apostrophes) and Cantonese surname spellings that differ
/// from the pinyin of the same character, each with that pinyin. Where Wade–Giles without
/// its apostrophe stands for two pinyin syllables (`chou`: `zhou` or `chou`), the commoner
/// is given.
const CHINESE_EQUIVALENTS: &[(&str, &str)] = &[
    // Wade–Giles.
    ("chou", "zhou"),
    ("chang", "zhang"),
    ("cheng", "zheng"),
    ("chao", "zhao"),
    ("chu", "zhu"),
    ("chung", "zhong"),
    ("chuang", "zhuang"),
    ("chih", "zhi"),
    ("chiang", "jiang"),
    ("chia", "jia"),
    ("chieh", "jie"),
    ("chien", "jian"),
    ("chin", "jin"),
    ("ching", "jing"),
    ("chiu", "qiu"),
    ("chiung", "qiong"),
    ("hsi", "xi"),
    ("hsia", "xia"),
    ("hsiang", "xiang"),
    ("hsiao", "xiao"),
    ("hsieh", "xie"),
    ("hsien", "xian"),
    ("hsin", "xin"),
    ("hsing", "xing"),
    ("hsiu", "xiu"),
    ("hsiung", "xiong"),
    ("hsu", "xu"),
    ("hsuan", "xuan"),
    ("hsueh", "xue"),
    ("hsun", "xun"),
    ("tsai", "cai"),
    ("tsao", "cao"),
    ("tsang", "cang"),
    ("tseng", "zeng"),
    ("tso", "zuo"),
    ("tsou", "zou"),
    ("tsui", "cui"),
    ("tsung", "zong"),
    ("tzu", "zi"),
    ("kuo", "guo"),
    ("kung", "gong"),
    ("kuan", "guan"),
    ("kuang", "guang"),
    ("kao", "gao"),
    ("teng", "deng"),
    ("tung", "dong"),
    ("tien", "tian"),
    ("ting", "ding"),
    ("tuan", "duan"),
    ("pai", "bai"),
    ("jen", "ren"),
    ("jung", "rong"),
    ("yung", "yong"),
    ("lung", "long"),
    ("sung", "song"),
    ("hung", "hong"),
    ("lien", "lian"),
    ("mien", "mian"),
    ("nien", "nian"),
    ("pien", "bian"),
    ("yeh", "ye"),
    // Cantonese spellings of surnames.
    ("chow", "zhou"),
    ("wong", "wang"),
    ("cheung", "zhang"),
    ("leung", "liang"),
    ("lau", "liu"),
    ("chan", "chen"),
    ("lam", "lin"),
    ("yip", "ye"),
    ("kwok", "guo"),
    ("tse", "xie"),
    ("yeung", "yang"),
    ("tam", "tan"),
    ("mak", "mai"),
    ("fung", "feng"),
    ("tong", "tang"),
    ("choy", "cai"),
];

/// [`CHINESE_EQUIVALENTS`] by spelling.
static CHINESE: LazyLock<HashMap<&'static str, &'static str>> =
    LazyLock::new(|| CHINESE_EQUIVALENTS.iter().copied().collect());

/// Every syllable that a pinyin initial and final make (a few more than Chinese uses,
/// which costs nothing here): what a word must be to read as one Chinese syllable.
static PINYIN: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let mut syllables = HashSet::default();
    for initial in PINYIN_INITIALS {
        for fin in PINYIN_FINALS {
            if !(initial.is_empty() && fin.starts_with(['i', 'u', 'v'])) {
                syllables.insert(format!("{initial}{fin}"));
            }
        }
    }
    syllables
});

/// A one-syllable Chinese name in pinyin, Wade–Giles or a Cantonese surname spelling,
/// made pinyin: `Chou` → `zhou`, `Zhou` → `zhou`. Longer names are not read: the
/// variants MT makes are of surnames, and a given name of two syllables that another
/// system writes otherwise (`Hsiao-ping`) comes apart at its hyphen only in the text.
fn chinese(plain: &str) -> Option<&'static str> {
    if plain.len() > 6 {
        return None;
    }
    CHINESE
        .get(plain)
        .copied()
        .or_else(|| PINYIN.get(plain).map(|_| ""))
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Whether `plain` reads as Japanese in Hepburn or Kunrei-shiki: syllables of an optional
/// consonant (or `sh`, `ch`, `ts`, `ky`…, doubled for a geminate, `tch` as Hepburn writes
/// it) and a vowel, a syllabic `n` (`m` before `b`, `p`, `m`), and `h` lengthening an `o`
/// before a consonant (`Ohno`).
pub fn is_japanese(plain: &str) -> bool {
    let bytes = plain.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let rest = &bytes[at..];
        if is_vowel(rest[0]) {
            at += 1;
            continue;
        }
        let next_is_consonant = |skip: usize| rest.get(skip).is_none_or(|&c| !is_vowel(c));
        // Syllabic n, and m before a labial.
        if rest[0] == b'n' && next_is_consonant(1) && rest.get(1) != Some(&b'y') {
            at += 1;
            continue;
        }
        if rest[0] == b'm' && matches!(rest.get(1), Some(b'b' | b'p' | b'm')) {
            at += 1;
            continue;
        }
        // A long `o` written `oh`.
        if rest[0] == b'h' && at > 0 && bytes[at - 1] == b'o' && next_is_consonant(1) {
            at += 1;
            continue;
        }
        let onset = japanese_onset(rest);
        if onset == 0 || !rest.get(onset).copied().is_some_and(is_vowel) {
            return false;
        }
        at += onset + 1;
    }
    true
}

/// The length of the consonant onset that `rest` starts with, 0 if none: one consonant,
/// `sh`, `ch`, `ts`, a consonant and `y` (`ky`, `sy`…), each possibly doubled for a
/// geminate (`kk`, `ssh`, `tch`, `cch`).
fn japanese_onset(rest: &[u8]) -> usize {
    let geminate = usize::from(
        rest.len() > 1
            && (rest[0] == rest[1] || (rest[0] == b't' && rest[1] == b'c'))
            && !matches!(rest[0], b'n' | b'y' | b'w' | b'h'),
    );
    let at = &rest[geminate..];
    let Some(&first) = at.first() else {
        return 0;
    };
    let second = at.get(1).copied();
    let length = match (first, second) {
        (b's' | b'c', Some(b'h')) | (b't', Some(b's')) => 2,
        (b'c', _) => return 0,
        (
            b'k' | b'g' | b'n' | b'h' | b'b' | b'p' | b'm' | b'r' | b's' | b'z' | b't' | b'd'
            | b'j',
            Some(b'y'),
        ) => 2,
        (
            b'k' | b'g' | b's' | b'z' | b't' | b'd' | b'n' | b'h' | b'b' | b'p' | b'm' | b'y'
            | b'r' | b'w' | b'f' | b'j',
            _,
        ) => 1,
        _ => return 0,
    };
    geminate + length
}

/// Kunrei-shiki (and Nihon-shiki) spellings of palatal syllables and their Hepburn, the
/// geminate `ch`, the long `o` and `n` before a labial. The other Kunrei syllables (`si`,
/// `ti`, `tu`, `hu`, `zi`) are left alone: read in English words they would make `Tina`
/// a spelling of `China`.
const JAPANESE_REWRITES: &[(&str, &str)] = &[
    ("sya", "sha"),
    ("syu", "shu"),
    ("syo", "sho"),
    ("tya", "cha"),
    ("tyu", "chu"),
    ("tyo", "cho"),
    ("zya", "ja"),
    ("zyu", "ju"),
    ("zyo", "jo"),
    ("dya", "ja"),
    ("dyu", "ju"),
    ("dyo", "jo"),
    ("tch", "ch"),
    ("cch", "ch"),
    ("ou", "o"),
    ("mb", "nb"),
    ("mp", "np"),
    ("mm", "nm"),
];

/// A Japanese spelling in Hepburn with short vowels: `Risyo` → `risho`, `Ohno` → `ono`,
/// `Fudouson` → `fudoson`, `Haccho` → `hacho`, `Shimbashi` → `shinbashi`.
fn japanese(plain: &str) -> Cow<'_, str> {
    let bytes = plain.as_bytes();
    let mut out = String::with_capacity(plain.len());
    let mut at = 0;
    'outer: while at < bytes.len() {
        // `oh` before a consonant or at the end is a long `o`.
        if bytes[at] == b'h'
            && at > 0
            && bytes[at - 1] == b'o'
            && bytes.get(at + 1).is_none_or(|&c| !is_vowel(c))
        {
            at += 1;
            continue;
        }
        for (from, to) in JAPANESE_REWRITES {
            if bytes[at..].starts_with(from.as_bytes()) {
                out.push_str(to);
                at += from.len();
                continue 'outer;
            }
        }
        out.push(char::from(bytes[at]));
        at += 1;
    }
    if out == plain {
        Cow::Borrowed(plain)
    } else {
        Cow::Owned(out)
    }
}

/// Transliteration choices from Cyrillic and Turkic Latin: `q` and a hard `c` as `k`, a
/// soft `c` as `s` (`Cenex`/`Senex`), `ck` as `k`, `j` before a vowel at the start as `y`
/// (`Jablonski`/`Yablonsky`), `x` at the start as `kh` (`Xasanov`/`Khasanov`), and `ou` as
/// `u` (`Aboutalimov`/`Abutalimov`).
fn cyrillic_and_turkic(plain: &str) -> Cow<'_, str> {
    let bytes = plain.as_bytes();
    let starts = matches!(bytes.first(), Some(b'j' | b'x'));
    if !starts && !bytes.iter().any(|&c| matches!(c, b'c' | b'q')) && !plain.contains("ou") {
        return Cow::Borrowed(plain);
    }
    let mut out = String::with_capacity(plain.len() + 1);
    let mut at = 0;
    while at < bytes.len() {
        let c = bytes[at];
        let next = bytes.get(at + 1).copied();
        match c {
            b'c' if next == Some(b'h') => {
                out.push_str("ch");
                at += 2;
                continue;
            }
            b'c' if next == Some(b'k') => out.push('k'),
            b'c' if matches!(next, Some(b'e' | b'i' | b'y')) => out.push('s'),
            b'c' | b'q' => out.push('k'),
            b'j' if at == 0 && next.is_some_and(is_vowel) => out.push('y'),
            b'x' if at == 0 => out.push_str("kh"),
            b'o' if next == Some(b'u') => {
                out.push('u');
                at += 2;
                continue;
            }
            _ => out.push(char::from(c)),
        }
        at += 1;
    }
    if out == plain {
        Cow::Borrowed(plain)
    } else {
        Cow::Owned(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::key;

    /// The loose key of a spelling, or its key when it has none.
    fn loosely(text: &str) -> String {
        let plain = key::plain(text);
        let key = key::fold(&plain);
        loose(&plain, &key).unwrap_or(key)
    }

    #[track_caller]
    fn same(a: &str, b: &str) {
        assert_eq!(loosely(a), loosely(b), "{a} / {b}");
    }

    #[track_caller]
    fn apart(a: &str, b: &str) {
        assert_ne!(loosely(a), loosely(b), "{a} / {b}");
    }

    #[test]
    fn japanese_long_vowels_and_kunrei_spellings() {
        same("Ōno", "Ohno");
        same("Ono", "Ohno");
        same("Oono", "Ono");
        same("Ryūko", "Ryukou");
        same("Fudouson", "Fudoson");
        same("Hatcho", "Haccho");
        same("Risyo", "Risho");
        apart("Tina", "China");
        same("Shimbashi", "Shinbashi");
        same("Yūki", "Yuuki");
        apart("Ono", "Ana");
    }

    #[test]
    fn chinese_romanisations() {
        same("Zhou", "Chou");
        same("Zhou", "Chow");
        same("Wang", "Wong");
        same("Hsieh", "Xie");
        same("Hsiao", "Xiao");
        same("Chiang", "Jiang");
        same("Tsai", "Cai");
        apart("Zhou", "Zhao");
        apart("Wang", "Wan");
    }

    #[test]
    fn korean_surnames() {
        same("Ryu", "Yoo");
        same("Park", "Bak");
        same("Lee", "Rhee");
        same("Choi", "Choe");
        apart("Park", "Kim");
    }

    #[test]
    fn cyrillic_and_turkic_transliterations() {
        same("Karakol", "Qaraqol");
        same("Jablonski", "Yablonsky");
        same("Aboutalimov", "Abutalimov");
        same("Xasanov", "Khasanov");
        same("Cenex", "Senex");
        same("Omicron", "Omikron");
        apart("Jablonski", "Kablonski");
    }

    #[test]
    fn words_without_such_choices_have_no_loose_key() {
        for word in ["putin", "bakiev", "", "москва"] {
            assert_eq!(loose(word, &key::fold(word)), None, "{word}");
        }
    }

    #[test]
    fn japanese_words_are_told_from_others() {
        for word in [
            "ohno",
            "hatcho",
            "kabukiza",
            "shimbashi",
            "tokyo",
            "ginza",
            "risyo",
        ] {
            assert!(is_japanese(word), "{word}");
        }
        for word in ["hamilton", "moscow", "karakol", "sergei", "kim"] {
            assert!(!is_japanese(word), "{word}");
        }
        for word in ["zhou", "hsieh", "ryu", "ohno", "wang"] {
            assert!(is_east_asian(word), "{word}");
        }
        for word in ["jury", "jablonski", "karakol"] {
            assert!(!is_east_asian(word), "{word}");
        }
    }
}
