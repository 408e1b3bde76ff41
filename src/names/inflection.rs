//! Russian and other Slavic case endings as they leak into transliterated names: the
//! genitive `Ukibaya` of `Ukibay`, the dative `Nazarbayevu`, the instrumental `Putinym`, the
//! prepositional `Nazarbayeve`, `Zelenskogo` of `Zelensky`. Given a spelling, this module
//! proposes the base spellings it could be an inflected form of; whether such a base is
//! really used is for the caller to check.

/// Endings of masculine names whose stem ends in a consonant or in `y` (`Ukibay`,
/// `Mukhtar`, `Nazarbayev`): genitive `-a`, dative `-u`, instrumental `-om`/`-em`,
/// prepositional `-e`.
const CONSONANT_ENDINGS: &[&str] = &["a", "u", "om", "em", "e"];

/// Instrumental endings of possessive surnames in `-ov`, `-ev`, `-in`, `-yn`:
/// `Nazarbayevym`, `Putinym`.
const POSSESSIVE_ENDINGS: &[&str] = &["ym", "im"];

/// Genitive endings of names in `-a` after a consonant (`Formula`, `Moskva`): `-y`/`-i`
/// (`Formuly`, `Formuli`). The accusative `-u` is left out: it would make `Taiwu` a form
/// of `Taiva`, and names in `-u` abound in Chinese and Japanese.
const A_STEM_ENDINGS: &[&str] = &["i", "y"];

/// Endings of adjectival surnames in `-sky`/`-skiy`/`-skyy`/`-tsky`: `Zelenskogo`,
/// `Zelenskomu`, `Zelenskim`, `Zelenskom`.
const ADJECTIVAL_ENDINGS: &[&str] = &["ogo", "omu", "im", "ym", "om"];

/// A base spelling proposed for an inflected one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Base {
    /// The base in [`super::key::plain`] form: `ukibay` for `ukibaya`.
    pub plain: String,
    /// The ending that was taken off: `a`.
    pub ending: &'static str,
}

/// Endings grouped by grammatical case: genitive, dative, instrumental, prepositional.
const CASES: &[&[&str]] = &[
    &["a", "ogo", "i", "y"],
    &["u", "omu"],
    &["om", "em", "ym", "im"],
    &["e", "om"],
];

/// Whether two endings can mark the same case, as a given name and a surname inflected
/// together do (`Nursultana Nazarbayeva`, genitive both; not `Simone Petrova`).
pub fn same_case(a: &str, b: &str) -> bool {
    CASES
        .iter()
        .any(|case| case.contains(&a) && case.contains(&b))
}

/// Whether a given name made of `base` (plain) and `ending` may be a feminine given name
/// in its own right rather than a case form: `-a` after a consonant other than `y`
/// (`Ivana`, `Paula`, `Stanislava`), not after `y` (`Sergeya` is only a case form).
pub fn may_be_feminine(base: &str, ending: &str) -> bool {
    ending == "a"
        && base
            .as_bytes()
            .last()
            .is_some_and(|&c| is_consonant(c) && c != b'y')
        && !is_surname_stem(base)
}

/// Whether `base` ends as Slavic surnames do and given names do not (`-ov`, `-ev`): its
/// `-a` form is a case form or a woman's surname, never a given name of its own
/// (`Arsenyeva`, not a woman called so beside a man called `Arsenyev`).
fn is_surname_stem(base: &str) -> bool {
    base.len() >= 5 && (base.ends_with("ov") || base.ends_with("ev"))
}

fn is_consonant(c: u8) -> bool {
    c.is_ascii_lowercase() && !matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// The bases `plain` (a [`super::key::plain`] spelling) could be an inflected form of,
/// keeping stems of at least `min_stem` letters.
pub fn bases(plain: &str, min_stem: usize) -> Vec<Base> {
    let mut found = Vec::new();
    if !plain.is_ascii() {
        return found;
    }
    let stem_of = |ending: &str| {
        plain
            .strip_suffix(ending)
            .filter(|stem| stem.len() >= min_stem.max(1))
    };
    for &ending in CONSONANT_ENDINGS {
        if let Some(stem) = stem_of(ending) {
            if stem.as_bytes().last().copied().is_some_and(is_consonant) {
                found.push(Base {
                    plain: stem.to_string(),
                    ending,
                });
            }
        }
    }
    for &ending in POSSESSIVE_ENDINGS {
        if let Some(stem) = stem_of(ending) {
            if ["ov", "ev", "in", "yn"].iter().any(|s| stem.ends_with(s)) {
                found.push(Base {
                    plain: stem.to_string(),
                    ending,
                });
            }
        }
    }
    for &ending in A_STEM_ENDINGS {
        if let Some(stem) = stem_of(ending) {
            let last = stem.as_bytes().last().copied();
            if last.is_some_and(is_consonant) && last != Some(b'y') {
                found.push(Base {
                    plain: format!("{stem}a"),
                    ending,
                });
            }
        }
    }
    for &ending in ADJECTIVAL_ENDINGS {
        if let Some(stem) = stem_of(ending) {
            if stem.ends_with("sk") || stem.ends_with("ck") {
                found.push(Base {
                    plain: format!("{stem}y"),
                    ending,
                });
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plains(word: &str) -> Vec<String> {
        bases(word, 4).into_iter().map(|b| b.plain).collect()
    }

    #[test]
    fn case_endings_of_consonant_and_y_stems() {
        assert!(plains("ukibaya").contains(&"ukibay".to_string()));
        assert!(plains("ukibayu").contains(&"ukibay".to_string()));
        assert!(plains("ukibayem").contains(&"ukibay".to_string()));
        assert!(plains("mukhtara").contains(&"mukhtar".to_string()));
        assert!(plains("nazarbayeve").contains(&"nazarbayev".to_string()));
        assert!(plains("nazarbayevu").contains(&"nazarbayev".to_string()));
    }

    #[test]
    fn possessive_and_adjectival_surnames() {
        assert!(plains("nazarbayevym").contains(&"nazarbayev".to_string()));
        assert!(plains("putinym").contains(&"putin".to_string()));
        assert!(plains("zelenskogo").contains(&"zelensky".to_string()));
        assert!(plains("zelenskomu").contains(&"zelensky".to_string()));
        assert!(plains("zelenskim").contains(&"zelensky".to_string()));
    }

    #[test]
    fn case_endings_of_a_stems() {
        assert!(plains("formuli").contains(&"formula".to_string()));
        assert!(plains("formuly").contains(&"formula".to_string()));
        assert!(!plains("taivu").contains(&"taiva".to_string()));
        assert!(plains("andrei").is_empty());
    }

    #[test]
    fn endings_of_one_case() {
        assert!(same_case("a", "a"));
        assert!(same_case("om", "ym"));
        assert!(same_case("a", "ogo"));
        assert!(!same_case("e", "a"));
    }

    #[test]
    fn feminine_given_names_are_told_from_case_forms() {
        assert!(may_be_feminine("ivan", "a"));
        assert!(may_be_feminine("paul", "a"));
        assert!(!may_be_feminine("sergey", "a"));
        assert!(!may_be_feminine("ivan", "u"));
        assert!(!may_be_feminine("arsenyev", "a"));
    }

    #[test]
    fn no_base_for_vowel_stems_short_stems_or_other_scripts() {
        assert!(plains("russian").is_empty());
        assert!(plains("ivaa").is_empty());
        assert!(plains("анна").is_empty());
        assert!(bases("", 4).is_empty());
    }
}
