//! The language of a source text, told from its script when nobody says it.
//!
//! Source-aware checks depend on the source language: Russian writes `2,5 млн` where
//! Japanese writes `250万`, and Cyrillic names are romanised by another table than kana.
//! A language given by the user (`--source-lang`) or by the file (an XLIFF attribute) is
//! always preferred ([`resolve`]); detection only fills the gap. Script alone cannot tell
//! Latin-script languages apart, so a Latin-script text has no detected language.

use unicode_script::{Script, UnicodeScript};

/// A source language, as far as the source-aware checks distinguish languages.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Language {
    /// Russian (`ru`).
    Russian,
    /// Ukrainian (`uk`).
    Ukrainian,
    /// Belarusian (`be`).
    Belarusian,
    /// Kazakh in Cyrillic (`kk`).
    Kazakh,
    /// Japanese (`ja`).
    Japanese,
    /// Chinese (`zh`).
    Chinese,
    /// Korean (`ko`).
    Korean,
    /// Any other language, by its primary language subtag in lowercase (`ar`, `el`, `tr`).
    Other(String),
}

impl Language {
    /// The language of a BCP 47 tag (`ru`, `ru-RU`, `zh_Hans`, `JA`): only the primary
    /// subtag counts.
    pub fn from_code(tag: &str) -> Self {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        match primary.as_str() {
            "ru" => Self::Russian,
            "uk" => Self::Ukrainian,
            "be" => Self::Belarusian,
            "kk" => Self::Kazakh,
            "ja" => Self::Japanese,
            "zh" => Self::Chinese,
            "ko" => Self::Korean,
            _ => Self::Other(primary),
        }
    }

    /// The primary language subtag: `ru`, `ja`, …
    pub fn code(&self) -> &str {
        match self {
            Self::Russian => "ru",
            Self::Ukrainian => "uk",
            Self::Belarusian => "be",
            Self::Kazakh => "kk",
            Self::Japanese => "ja",
            Self::Chinese => "zh",
            Self::Korean => "ko",
            Self::Other(code) => code,
        }
    }

    /// Whether the language is written in Cyrillic (so its names are romanised by the
    /// Cyrillic tables and it writes numbers as Russian does).
    pub fn is_cyrillic(&self) -> bool {
        matches!(
            self,
            Self::Russian | Self::Ukrainian | Self::Belarusian | Self::Kazakh
        ) || matches!(self, Self::Other(code) if ["bg", "mk", "sr", "ky", "tg", "mn"].contains(&code.as_str()))
    }
}

/// The language given, else the one detected in `text`.
pub fn resolve(given: Option<&str>, text: &str) -> Option<Language> {
    given
        .filter(|code| !code.trim().is_empty())
        .map(Language::from_code)
        .or_else(|| detect(text))
}

/// Letters only Kazakh writes among the Cyrillic languages checked here (arrays of
/// `char`, not strings: searching a string for a character runs a substring search per
/// letter of the text, most of the cost of detection).
const KAZAKH_LETTERS: &[char] = &[
    'ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'Ә', 'Ғ', 'Қ', 'Ң', 'Ө', 'Ұ', 'Ү', 'Һ',
];
/// Letters of Ukrainian that Russian lacks (`і` is shared with Belarusian and Kazakh).
const UKRAINIAN_LETTERS: &[char] = &['ї', 'є', 'ґ', 'Ї', 'Є', 'Ґ'];
/// Letters of Russian that Ukrainian lacks.
const RUSSIAN_LETTERS: &[char] = &['ы', 'э', 'ъ', 'ё', 'Ы', 'Э', 'Ъ', 'Ё'];

/// The language of `text` told from the script of its letters: Cyrillic is Russian unless
/// letters of Kazakh, Belarusian or Ukrainian say otherwise; Han with any kana is
/// Japanese (Japanese never goes a paragraph without kana), Han alone Chinese; Hangul is
/// Korean. `None` for Latin script, or for a text without letters.
pub fn detect(text: &str) -> Option<Language> {
    let mut counts = Counts::default();
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        match c.script() {
            Script::Cyrillic => {
                counts.cyrillic += 1;
                if KAZAKH_LETTERS.contains(&c) {
                    counts.kazakh += 1;
                } else if UKRAINIAN_LETTERS.contains(&c) {
                    counts.ukrainian += 1;
                } else if RUSSIAN_LETTERS.contains(&c) {
                    counts.russian += 1;
                } else if matches!(c, 'і' | 'І') {
                    counts.dotted_i += 1;
                } else if matches!(c, 'ў' | 'Ў') {
                    counts.short_u += 1;
                } else if matches!(c, 'и' | 'щ' | 'И' | 'Щ') {
                    counts.not_belarusian += 1;
                }
            }
            Script::Hiragana | Script::Katakana => counts.kana += 1,
            Script::Han => counts.han += 1,
            Script::Hangul => counts.hangul += 1,
            Script::Latin => counts.latin += 1,
            Script::Arabic => counts.other.push("ar"),
            Script::Hebrew => counts.other.push("he"),
            Script::Greek => counts.other.push("el"),
            Script::Georgian => counts.other.push("ka"),
            Script::Armenian => counts.other.push("hy"),
            Script::Thai => counts.other.push("th"),
            Script::Devanagari => counts.other.push("hi"),
            _ => {}
        }
    }
    counts.language()
}

#[derive(Default)]
struct Counts {
    cyrillic: usize,
    kazakh: usize,
    ukrainian: usize,
    russian: usize,
    dotted_i: usize,
    short_u: usize,
    not_belarusian: usize,
    kana: usize,
    han: usize,
    hangul: usize,
    latin: usize,
    other: Vec<&'static str>,
}

impl Counts {
    fn language(&self) -> Option<Language> {
        let cjk = self.kana + self.han;
        let largest = [
            self.cyrillic,
            cjk,
            self.hangul,
            self.latin,
            self.other.len(),
        ]
        .into_iter()
        .max()
        .unwrap_or(0);
        if largest == 0 {
            return None;
        }
        if self.cyrillic == largest {
            return Some(self.cyrillic_language());
        }
        if cjk == largest {
            return Some(if self.kana > 0 {
                Language::Japanese
            } else {
                Language::Chinese
            });
        }
        if self.hangul == largest {
            return Some(Language::Korean);
        }
        if self.latin == largest {
            return None;
        }
        // The most frequent of the other scripts.
        let mut codes = self.other.clone();
        codes.sort_unstable();
        let mut best = (0, "");
        for run in codes.chunk_by(|a, b| a == b) {
            if run.len() > best.0 {
                best = (run.len(), run[0]);
            }
        }
        Some(Language::Other(best.1.to_string()))
    }

    /// One Ukrainian or Kazakh name quoted in a Russian text must not make it Ukrainian
    /// or Kazakh: the marker letters must outnumber the letters the language lacks
    /// (Russian has `ы э ъ ё` about 2 % of its letters; Ukrainian `і ї є ґ` about 6 %;
    /// Belarusian writes `ў` and `і` but never `и` or `щ`).
    fn cyrillic_language(&self) -> Language {
        if self.kazakh > self.russian / 2 && self.kazakh * 200 >= self.cyrillic {
            Language::Kazakh
        } else if self.short_u > 0 && self.dotted_i > self.not_belarusian {
            Language::Belarusian
        } else if self.ukrainian + self.dotted_i > 2 * self.russian {
            Language::Ukrainian
        } else {
            Language::Russian
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cyrillic_languages_are_told_apart_by_their_own_letters() {
        let russian = "Президент заявил, что объём поставок вырос.";
        let ukrainian = "Президент заявив, що обсяг поставок зріс, а її їжа є.";
        let belarusian = "Прэзідэнт заявіў, што аб'ём паставак вырас.";
        let kazakh = "Президент Қазақстан халқына жолдау жариялады, үкімет өкілдері.";
        assert_eq!(detect(russian), Some(Language::Russian));
        assert_eq!(detect(ukrainian), Some(Language::Ukrainian));
        assert_eq!(detect(belarusian), Some(Language::Belarusian));
        assert_eq!(detect(kazakh), Some(Language::Kazakh));
    }

    #[test]
    fn a_ukrainian_name_in_russian_text_stays_russian() {
        let text = "Владимир Зеленський (так пишут его имя в Києві) выступил в Верховной \
                    Раде в четверг с обращением, которое было опубликовано на сайте.";
        assert_eq!(detect(text), Some(Language::Russian));
    }

    #[test]
    fn kana_makes_han_japanese() {
        assert_eq!(
            detect("東京都は12日、新たに感染者を確認した。"),
            Some(Language::Japanese)
        );
        assert_eq!(
            detect("国务院总理李强在北京会见了代表团。"),
            Some(Language::Chinese)
        );
        assert_eq!(detect("서울에서 회담이 열렸다"), Some(Language::Korean));
    }

    #[test]
    fn latin_brand_names_do_not_outweigh_the_script_of_the_text() {
        let text = "Компания Apple и Google представили новые iPhone и Pixel на выставке в Москве.";
        assert_eq!(detect(text), Some(Language::Russian));
    }

    #[test]
    fn latin_script_or_no_letters_is_unknown() {
        assert_eq!(detect("Der Minister sprach am Dienstag."), None);
        assert_eq!(detect("12 345 — 67%"), None);
        assert_eq!(detect(""), None);
    }

    #[test]
    fn other_scripts_give_their_code() {
        assert_eq!(
            detect("Ο υπουργός μίλησε"),
            Some(Language::Other("el".into()))
        );
    }

    #[test]
    fn a_given_language_wins_over_detection() {
        assert_eq!(resolve(Some("uk-UA"), "Москва"), Some(Language::Ukrainian));
        assert_eq!(resolve(Some(""), "Москва"), Some(Language::Russian));
        assert_eq!(resolve(None, "Москва"), Some(Language::Russian));
        assert_eq!(Language::from_code("ZH_Hans").code(), "zh");
        assert_eq!(Language::from_code("tr").code(), "tr");
        assert!(Language::from_code("ru").is_cyrillic());
        assert!(!Language::Japanese.is_cyrillic());
    }
}
