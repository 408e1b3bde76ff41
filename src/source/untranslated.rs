//! Untranslated and dropped text: a target paragraph that is its source unchanged, words
//! of the source left in the source's script, and a paragraph far shorter or longer than
//! its source.
//!
//! Machine translation fails silently in three ways an English reader cannot always see:
//! it passes a paragraph through untranslated (a headline, a caption, a list of names), it
//! copies a word or a phrase of the source into the English (`the ministry (Минфин)`,
//! `暮Lifestyle`), and it drops or invents text (a sentence lost, a sentence repeated). The
//! first two are certain once the source is at hand: the copied text is *in* the source.
//! The third can only be told from lengths, so it is a statistical test: the ratio of the
//! target's characters to the source's has a known spread for each language pair, learned
//! from human translations ([`bounds`]), and only a ratio well outside it is reported.
//!
//! - **Identical** ([`identical`]): the two paragraphs are the same once NFKC, case,
//!   whitespace and punctuation are set aside, and the source has letters of its own
//!   script (a paragraph of numbers, a URL or a Latin brand passes through unchanged
//!   legitimately).
//! - **Source text** ([`source_text`]): a run of the source's script in the target
//!   (Cyrillic for Russian, Ukrainian or Kazakh; Han and kana for Japanese; Han for
//!   Chinese; Hangul for Korean) that occurs in the source paragraph. The monolingual rule
//!   `script.foreign-run` reports such runs without the source; this says, in addition,
//!   that the run was copied from the source, which a rule can prefer. A run absent from
//!   the source (inflected otherwise, or invented) is left to that rule.
//! - **Length** ([`length_outlier`]): the target has fewer characters than the lowest
//!   ratio of the pair allows, or more than the highest, by more than a floor of
//!   [`FLOOR`] characters, so that headlines and bylines, where a word more or less is a
//!   large ratio, are not judged by ratio alone.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;
use unicode_script::{Script, UnicodeScript};

use super::language::Language;
use crate::web_address::is_web_address;

/// What is untranslated or dropped in a target paragraph.
#[derive(Debug, Clone, PartialEq)]
pub enum Untranslated {
    /// The target paragraph is its source, unchanged: the whole paragraph is untranslated.
    Identical,
    /// Text of the target copied from the source in the source's script.
    SourceText(SourceText),
    /// The target is far shorter (text dropped) or far longer (text invented or repeated)
    /// than its source.
    Length(LengthOutlier),
}

/// A run of the source's script in the target that occurs in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceText {
    /// Its byte range in the target.
    pub target: Range<usize>,
    /// The byte range of its first occurrence in the source.
    pub source: Range<usize>,
}

/// The ratios of target characters to source characters that human translations of a
/// language pair stay within.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    /// The lowest ratio of target to source characters not reported.
    pub low: f64,
    /// The highest ratio not reported.
    pub high: f64,
}

/// Whether the target is too short or too long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Fewer characters than the lowest ratio allows: text was probably dropped.
    Shorter,
    /// More characters than the highest ratio allows: text was probably added or repeated.
    Longer,
}

/// A target paragraph whose length is out of the bounds of its language pair.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LengthOutlier {
    /// Too short or too long.
    pub direction: Direction,
    /// Characters of the source paragraph, whitespace not counted.
    pub source_chars: usize,
    /// Characters of the target paragraph, whitespace not counted.
    pub target_chars: usize,
    /// The bounds the ratio was judged by.
    pub bounds: Bounds,
}

impl LengthOutlier {
    /// Target characters per source character.
    pub fn ratio(&self) -> f64 {
        self.target_chars as f64 / self.source_chars.max(1) as f64
    }
}

/// A difference of this many characters (whitespace not counted) or fewer is never
/// reported, whatever the ratio: about three English words, the liberty a translator
/// takes with a headline, a byline or a caption ("Photo:" added, a dateline left out).
pub const FLOOR: usize = 20;

/// Russian to English: characters of the English per character of the Russian, learned
/// from the WMT22 human references by
/// `cargo run --release --example source_measure -- ../shared/data/wmt22 ratios`:
/// the 1st and 99th percentiles of sentence pairs, divided and multiplied by 1.5.
const RUSSIAN: Bounds = Bounds {
    low: 0.48,
    high: 2.16,
};

/// Japanese to English, learned as `RUSSIAN` is: Japanese writes a word in two or three
/// characters where English needs six or seven.
const JAPANESE: Bounds = Bounds {
    low: 0.96,
    high: 6.95,
};

/// The bounds of a language pair into English, for the pairs learned from human
/// translations; `None` for the others (no ratio is guessed).
pub fn bounds(language: &Language) -> Option<Bounds> {
    match language {
        Language::Russian => Some(RUSSIAN),
        Language::Japanese => Some(JAPANESE),
        _ => None,
    }
}

/// Every report for one aligned pair of paragraphs. An identical paragraph is reported
/// alone (its runs and its length say nothing more).
pub fn check(source: &str, target: &str, language: &Language) -> Vec<Untranslated> {
    if identical(source, target, language) {
        return vec![Untranslated::Identical];
    }
    let mut found: Vec<Untranslated> = source_text(source, target, language)
        .into_iter()
        .map(Untranslated::SourceText)
        .collect();
    found.extend(length_outlier(source, target, language).map(Untranslated::Length));
    found
}

/// Whether `target` is `source` unchanged, or changed only in whitespace, punctuation,
/// width or case. The source must have letters of its own script; a source in Latin
/// script (or of unknown script) needs three words, since a name or a dateline keeps its
/// form in English.
pub fn identical(source: &str, target: &str, language: &Language) -> bool {
    let enough = || {
        let scripts = scripts(language, source);
        let own_letters = source
            .chars()
            .any(|c| c.is_alphabetic() && is_of(&scripts, c));
        own_letters
            || (source.chars().any(char::is_alphabetic) && source.split_whitespace().count() >= 3)
    };
    // The comparison stops at the first difference, which in a translation is nearly
    // always its first letter: it goes first, and the source's script is read only for
    // the rare paragraph that passes it.
    letters_and_digits(source).eq(letters_and_digits(target)) && enough()
}

/// The runs of the source's script in `target` that occur in `source`, in order. A run is
/// a stretch of letters of that script, joined across spaces, digits and the punctuation
/// inside phrases (`в 2021 году`, `Вперёд, Казахстан`); a run not found in the source as a
/// whole is looked for word by word. Words of space-separated scripts match whole words
/// of the source; Han and kana match anywhere, as Japanese and Chinese have no spaces.
pub fn source_text(source: &str, target: &str, language: &Language) -> Vec<SourceText> {
    let scripts = scripts(language, source);
    if scripts.is_empty() {
        return Vec::new();
    }
    let runs: Vec<Range<usize>> = runs(target, &scripts)
        .into_iter()
        .filter(|run| !is_web_address(target, run) && !is_mixed_word(target, run))
        .collect();
    if runs.is_empty() {
        return Vec::new();
    }
    let source_key = Key::new(source);
    let mut found = Vec::new();
    for run in runs {
        if let Some(at) = source_key.find(&target[run.clone()]) {
            found.push(SourceText {
                target: run,
                source: at,
            });
            continue;
        }
        for word in words(target, run, &scripts) {
            if let Some(at) = source_key.find(&target[word.clone()]) {
                found.push(SourceText {
                    target: word,
                    source: at,
                });
            }
        }
    }
    found
}

/// The target's length judged against its source's by the bounds of the pair (see the
/// module documentation); `None` when it is within them or the pair has no bounds.
pub fn length_outlier(source: &str, target: &str, language: &Language) -> Option<LengthOutlier> {
    let bounds = bounds(language)?;
    let source_chars = count_chars(source);
    let target_chars = count_chars(target);
    let (s, t) = (source_chars as f64, target_chars as f64);
    let floor = FLOOR as f64;
    let direction = if t + floor < bounds.low * s {
        Direction::Shorter
    } else if t > bounds.high * s + floor {
        Direction::Longer
    } else {
        return None;
    };
    Some(LengthOutlier {
        direction,
        source_chars,
        target_chars,
        bounds,
    })
}

/// The characters of a paragraph that its length is measured in: all but whitespace,
/// since Japanese writes none and English one per word.
pub fn count_chars(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// The scripts a source in `language` is written in, other than Latin. For a language the
/// checks do not know, the most frequent non-Latin script of the source itself.
fn scripts(language: &Language, source: &str) -> Vec<Script> {
    match language {
        Language::Japanese => vec![Script::Han, Script::Hiragana, Script::Katakana],
        Language::Chinese => vec![Script::Han],
        Language::Korean => vec![Script::Hangul, Script::Han],
        language if language.is_cyrillic() => vec![Script::Cyrillic],
        _ => {
            let mut counts: Vec<(Script, usize)> = Vec::new();
            for c in source.chars().filter(|c| c.is_alphabetic()) {
                let script = c.script();
                if matches!(script, Script::Latin | Script::Common | Script::Inherited) {
                    continue;
                }
                match counts.iter_mut().find(|(s, _)| *s == script) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((script, 1)),
                }
            }
            counts
                .into_iter()
                .max_by_key(|&(_, n)| n)
                .map(|(script, _)| vec![script])
                .unwrap_or_default()
        }
    }
}

/// Whether `c` is a letter of one of `scripts`, or a mark that belongs to the word around
/// it in such a script (the kana prolonged-sound mark `ー`, the iteration mark `々` is Han).
fn is_of(scripts: &[Script], c: char) -> bool {
    // The scripts compared are never Latin: ASCII is answered without a Unicode lookup.
    if c.is_ascii() {
        return false;
    }
    if c == 'ー' {
        return scripts.contains(&Script::Katakana);
    }
    c.is_alphabetic() && scripts.contains(&c.script())
}

/// Characters that may join two words into one run (spaces, digits, punctuation inside a
/// phrase), but never end one.
fn joins(c: char) -> bool {
    (c.is_whitespace() && c != '\n' && c != '\r')
        || c.is_ascii_digit()
        || "-‐–—'’.,:;・、０１２３４５６７８９".contains(c)
}

/// The runs of `scripts` in `text`: from a letter of those scripts to the last one before
/// a character that neither belongs to them nor joins.
fn runs(text: &str, scripts: &[Script]) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    let mut current: Option<Range<usize>> = None;
    for (at, c) in text.char_indices() {
        if is_of(scripts, c) {
            let end = at + c.len_utf8();
            match &mut current {
                Some(run) => run.end = end,
                None => current = Some(at..end),
            }
        } else if current.is_some() && !joins(c) {
            runs.extend(current.take());
        }
    }
    runs.extend(current);
    runs.retain(|run| has_letter(&text[run.clone()]));
    runs
}

/// Whether a run has a letter besides the prolonged-sound mark: a lone `ー` between
/// English words is a full-width dash.
fn has_letter(run: &str) -> bool {
    run.chars().any(|c| c.is_alphabetic() && c != 'ー')
}

/// The words (maximal stretches of letters of `scripts`) inside `run`.
fn words(text: &str, run: Range<usize>, scripts: &[Script]) -> Vec<Range<usize>> {
    let start = run.start;
    let mut words = Vec::new();
    let mut current: Option<Range<usize>> = None;
    for (at, c) in text[run].char_indices() {
        let at = start + at;
        if is_of(scripts, c) {
            let end = at + c.len_utf8();
            match &mut current {
                Some(word) => word.end = end,
                None => current = Some(at..end),
            }
        } else {
            words.extend(current.take());
        }
    }
    words.extend(current);
    words.retain(|word| has_letter(&text[word.clone()]));
    words
}

/// Whether a run of a space-separated script touches a Latin letter (`WНO` with a
/// Cyrillic `Н`): a look-alike inside a word, which `script.mixed-word` reports, not text
/// left untranslated. Han and kana touch Latin letters legitimately in Japanese and Chinese
/// (`Yahoo!ニュース`), so a kanji glued to an English word is still reported.
fn is_mixed_word(text: &str, run: &Range<usize>) -> bool {
    let is_latin =
        |c: Option<char>| c.is_some_and(|c| c.is_alphabetic() && c.script() == Script::Latin);
    let first = text[run.clone()].chars().next();
    if first.is_some_and(is_han_or_kana) {
        return false;
    }
    is_latin(text[..run.start].chars().next_back()) || is_latin(text[run.end..].chars().next())
}

fn is_han_or_kana(c: char) -> bool {
    matches!(
        c.script(),
        Script::Han | Script::Hiragana | Script::Katakana
    ) || c == 'ー'
}

/// A text folded for comparison (NFKC, lowercase, stress marks removed, runs of
/// whitespace as one space), with the byte offset in the original of every folded byte.
struct Key {
    folded: String,
    origin: Vec<usize>,
    end: usize,
}

impl Key {
    fn new(text: &str) -> Self {
        let mut folded = String::with_capacity(text.len());
        let mut origin = Vec::with_capacity(text.len());
        for (at, c) in text.char_indices() {
            if c.is_whitespace() {
                if !folded.is_empty() && !folded.ends_with(' ') {
                    folded.push(' ');
                    origin.push(at);
                }
                continue;
            }
            for folded_char in std::iter::once(c).nfkc().flat_map(char::to_lowercase) {
                // Russian texts mark stress with combining accents (`за́мок`).
                if matches!(folded_char, '\u{300}' | '\u{301}') {
                    continue;
                }
                folded.push(folded_char);
                origin.extend(std::iter::repeat_n(at, folded_char.len_utf8()));
            }
        }
        if folded.ends_with(' ') {
            folded.pop();
            origin.pop();
        }
        Self {
            folded,
            origin,
            end: text.len(),
        }
    }

    /// The original byte range of the first occurrence of `needle` (folded the same way):
    /// as a whole word when it is in a space-separated script, anywhere for Han and kana.
    fn find(&self, needle: &str) -> Option<Range<usize>> {
        let needle = Key::new(needle).folded;
        if needle.is_empty() {
            return None;
        }
        let unspaced = needle.chars().any(is_han_or_kana);
        let (at, _) = self.folded.match_indices(&needle).find(|&(at, _)| {
            unspaced || {
                let before = self.folded[..at].chars().next_back();
                let after = self.folded[at + needle.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            }
        })?;
        let start = *self.origin.get(at)?;
        let end = self
            .origin
            .get(at + needle.len())
            .copied()
            .unwrap_or(self.end);
        Some(start..end)
    }
}

/// The letters and digits of a text, NFKC-folded and lowercased: what is left of a
/// paragraph once whitespace and punctuation are set aside.
fn letters_and_digits(text: &str) -> impl Iterator<Item = char> + '_ {
    text.nfkc()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    const RU: Language = Language::Russian;
    const JA: Language = Language::Japanese;

    fn copied(source: &str, target: &str, language: &Language) -> Vec<(String, String)> {
        source_text(source, target, language)
            .into_iter()
            .map(|t| (target[t.target].to_string(), source[t.source].to_string()))
            .collect()
    }

    #[test]
    fn a_paragraph_passed_through_is_identical_even_with_other_spacing_and_punctuation() {
        let source = "Путин прибыл в Минск.";
        assert!(identical(source, "Путин прибыл в Минск.", &RU));
        assert!(identical(source, "  путин  прибыл в Минск ", &RU));
        assert!(identical(
            "東京都、感染者を確認",
            "東京都 感染者を確認。",
            &JA
        ));
        assert_eq!(
            check(source, "Путин прибыл в Минск", &RU),
            [Untranslated::Identical]
        );
    }

    #[test]
    fn numbers_urls_and_latin_names_pass_through_legitimately() {
        assert!(!identical("2021", "2021", &RU));
        assert!(!identical(
            "https://example.org",
            "https://example.org",
            &RU
        ));
        assert!(!identical("Reuters", "Reuters", &RU));
        assert!(!identical(
            "Путин прибыл в Минск.",
            "Putin arrived in Minsk.",
            &RU
        ));
        // A Latin-script source needs three words: a name passes through unchanged.
        let german = Language::from_code("de");
        assert!(!identical("Angela Merkel", "Angela Merkel", &german));
        assert!(identical(
            "Die Regierung tritt zurück.",
            "Die Regierung tritt zurück",
            &german
        ));
    }

    #[test]
    fn runs_copied_from_the_source_are_reported_with_where_they_come_from() {
        let source = "Министерство финансов (Минфин) сообщило: «Вперёд, Казахстан!» в 2021 году.";
        let target = "The ministry (Минфин) said “Вперёд, Казахстан!” в 2021 году.";
        assert_eq!(
            copied(source, target, &RU),
            [
                ("Минфин".into(), "Минфин".into()),
                ("Вперёд, Казахстан".into(), "Вперёд, Казахстан".into()),
                ("в 2021 году".into(), "в 2021 году".into()),
            ]
        );
    }

    #[test]
    fn a_run_not_found_whole_is_looked_for_word_by_word() {
        let source = "Москва и Минск подписали договор.";
        // `Минска` is inflected otherwise than in the source: left to script.foreign-run.
        assert_eq!(
            copied(source, "Talks in Москва, Минска ended.", &RU),
            [("Москва".into(), "Москва".into())]
        );
    }

    #[test]
    fn cyrillic_matches_whole_words_and_kanji_anywhere() {
        // `в` occurs inside `Москва` but not as a word of the source.
        assert!(copied("Москва ждёт", "the в word", &RU).is_empty());
        assert_eq!(
            copied(
                "暮らしの手帖によると、ラーメン店が増えた。",
                "\"hakobune\"暮Lifestyle and ラーメンBar.",
                &JA
            ),
            [
                ("暮".into(), "暮".into()),
                ("ラーメン".into(), "ラーメン".into())
            ]
        );
    }

    #[test]
    fn addresses_and_look_alikes_inside_latin_words_are_not_untranslated_text() {
        let source = "Сайт премии: https://премияарсеньева.рф/, пишите на почта@пример.рф. ВОЗ и Н.И. Пирогов";
        assert!(copied(
            source,
            "See https://премияарсеньева.рф/ or премияарсеньева.рф, write to почта@пример.рф; the WНO said.",
            &RU
        )
        .is_empty());
        // Not an address: a name with a Cyrillic "domain" that is none.
        assert_eq!(
            copied("цитирует Диалог.ua", "quotes Диалог.иа", &RU),
            [("Диалог".into(), "Диалог".into())]
        );
    }

    #[test]
    fn runs_absent_from_the_source_and_other_scripts_are_left_alone() {
        assert!(copied("Москва ждёт", "The 華為 and Киев", &RU).is_empty());
        assert!(copied("東京都は12日", "Tokyo (Москва) on the 12th", &JA).is_empty());
        // The prolonged-sound mark alone, between English words, is a dash.
        assert!(copied("ラーメンの店", "Culture ー Saga News", &JA).is_empty());
        // A stressed vowel and a full-width form still match.
        assert_eq!(
            copied("Это за́мок ＮＨＫ", "the замок", &RU),
            [("замок".into(), "за́мок".into())]
        );
    }

    #[test]
    fn a_target_far_shorter_or_longer_than_its_source_is_an_outlier() {
        let source = "В четверг правительство утвердило новый бюджет на следующий год, \
                      а депутаты одобрили его во втором чтении после долгих споров.";
        let shorter =
            length_outlier(source, "The government approved the budget.", &RU).expect("too short");
        assert_eq!(shorter.direction, Direction::Shorter);
        assert_eq!((shorter.source_chars, shorter.target_chars), (108, 31));
        let repeated = "On Thursday the government approved a new budget for next year. ".repeat(5);
        let longer = length_outlier(source, &repeated, &RU).expect("too long");
        assert_eq!(longer.direction, Direction::Longer);
        assert!(
            length_outlier(
                source,
                "On Thursday the government approved a new budget for next year, and deputies \
                 passed it in the second reading after a long debate.",
                &RU
            )
            .is_none()
        );
    }

    #[test]
    fn short_paragraphs_and_pairs_without_bounds_are_not_judged_by_ratio() {
        // A headline of 25 characters rendered in 6: a large ratio, but under the floor.
        assert!(length_outlier("Новости дня: главное", "News.", &RU).is_none());
        assert!(length_outlier("東京", "Tokyo, the capital of Japan, said", &JA).is_none());
        assert!(
            length_outlier(
                "Новини дня та головне за добу",
                "News",
                &Language::Ukrainian
            )
            .is_none()
        );
    }

    #[test]
    fn an_identical_paragraph_is_reported_alone() {
        let source = "Министерство финансов сообщило об этом в четверг вечером на своём официальном сайте в интернете.";
        assert_eq!(check(source, source, &RU), [Untranslated::Identical]);
        let found = check(source, "The Министерство.", &RU);
        assert_eq!(found.len(), 2);
        assert!(matches!(found[0], Untranslated::SourceText(_)));
        assert!(matches!(
            found[1],
            Untranslated::Length(LengthOutlier {
                direction: Direction::Shorter,
                ..
            })
        ));
    }
}
