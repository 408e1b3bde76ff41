//! Source names a translation renders as something else, found by a neighbour that it
//! renders right.
//!
//! A name missing from a paragraph is weak evidence alone: capitalised common words
//! (`Музее`, a museum; a headline's first word), translated place names and loanwords are
//! missing in human translations too. A name *beside another name* is not: in
//! `Александр Заяц`, once `Alexander` is found in the English, the word beside it stands
//! where `Заяц` should, and when that word is capitalised and nothing like `Zayats`
//! (`Alexander Hare`), the surname was translated as the common word it also is. The same
//! holds the other way round (`Любовь Безбах` → `Love Bezbakh`). When the paragraph
//! renders the name rightly elsewhere, the odd spelling is a variant of it, whatever its
//! shape. A katakana name with a title (`バイデン大統領`) is a person whatever the English
//! around it; with no rendering in its paragraph it was dropped or garbled.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use super::{
    SourceName, TargetWord, as_close, cyrillic_name, cyrillic_words, is_candidate, is_capitalised,
    mid_sentence, renders, similar_key, source_names, target_words,
};
use crate::source::language::Language;

/// A source name its translation gets wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Misnamed {
    /// The source word (`Заяц`).
    pub word: String,
    /// Its standard romanisation (`Zayats`).
    pub romanised: String,
    /// The target word standing where the name should (`Hare`), as a byte range of the
    /// target; `None` when the name has no rendering and no place in the target.
    pub target: Option<Range<usize>>,
    /// The rendering the target gives the name elsewhere, the most frequent one, when it
    /// has one: then the word at `target` is a variant of it.
    pub usual: Option<String>,
}

/// Given names, in the nominative: the commonest Russian and Ukrainian ones and the
/// foreign ones frequent in Russian news, hand-picked. A pair of capitalised words is
/// judged only when its first word is one of them in some case (`Александра`, `Сергею`):
/// Russian writes the given name first, and a pair without one is as often a place beside
/// a name (`в Индиане Ричард`, `Тайваня Одри`), whose English order differs.
const GIVEN_NAMES: &[&str] = &[
    "александр",
    "александра",
    "алексей",
    "алина",
    "алла",
    "анастасия",
    "анатолий",
    "ангела",
    "андрей",
    "анна",
    "антон",
    "антонио",
    "аркадий",
    "арсений",
    "артем",
    "артём",
    "бен",
    "бет",
    "богдан",
    "борис",
    "вадим",
    "валентин",
    "валентина",
    "валерий",
    "василий",
    "вера",
    "вероника",
    "виктор",
    "виктория",
    "виталий",
    "владимир",
    "владислав",
    "володимир",
    "вячеслав",
    "галина",
    "геннадий",
    "георгий",
    "глеб",
    "григорий",
    "дарья",
    "даниил",
    "денис",
    "джеймс",
    "джо",
    "джон",
    "джордж",
    "джастин",
    "дмитрий",
    "дональд",
    "дэвид",
    "евгений",
    "евгения",
    "егор",
    "екатерина",
    "елена",
    "елизавета",
    "жанна",
    "игорь",
    "илья",
    "ирина",
    "иван",
    "камала",
    "карина",
    "касым",
    "ким",
    "кирилл",
    "константин",
    "кристина",
    "ксения",
    "лариса",
    "лев",
    "леонид",
    "лидия",
    "любовь",
    "людмила",
    "льюис",
    "майкл",
    "максим",
    "маргарита",
    "марина",
    "мария",
    "марк",
    "михаил",
    "надежда",
    "наталья",
    "наталия",
    "никита",
    "николай",
    "нина",
    "нурсултан",
    "оксана",
    "олег",
    "олена",
    "олеся",
    "ольга",
    "павел",
    "петр",
    "пётр",
    "питер",
    "пол",
    "полина",
    "рамзан",
    "ричард",
    "роберт",
    "роман",
    "руслан",
    "светлана",
    "святослав",
    "семен",
    "семён",
    "сергей",
    "софья",
    "станислав",
    "степан",
    "тамара",
    "тарас",
    "татьяна",
    "тимур",
    "томас",
    "уилл",
    "уильям",
    "федор",
    "фёдор",
    "эдуард",
    "эммануэль",
    "эндрю",
    "юлия",
    "юрий",
    "яна",
    "ярослав",
];

/// English words that stand capitalised beside a name without rendering any source word:
/// titles and honorifics, and words that start a sentence or a heading.
const BESIDE_NAMES: &[&str] = &[
    "a",
    "ambassador",
    "an",
    "and",
    "as",
    "at",
    "but",
    "by",
    "captain",
    "chairman",
    "chancellor",
    "coach",
    "colonel",
    "commander",
    "deputy",
    "director",
    "doctor",
    "dr",
    "for",
    "from",
    "general",
    "governor",
    "he",
    "her",
    "his",
    "in",
    "it",
    "judge",
    "king",
    "lady",
    "lord",
    "madam",
    "major",
    "mayor",
    "minister",
    "miss",
    "mr",
    "mrs",
    "ms",
    "of",
    "on",
    "president",
    "prime",
    "prince",
    "princess",
    "professor",
    "queen",
    "said",
    "saint",
    "secretary",
    "senator",
    "she",
    "sir",
    "spokesman",
    "spokeswoman",
    "st",
    "the",
    "this",
    "to",
    "when",
    "with",
];

/// What [`misnamed`] reads of a source paragraph, whatever the target: made once per
/// source paragraph and shared by every translation of it (`PairedSource::analysis`).
#[derive(Debug)]
pub enum SourceSide {
    /// A Japanese paragraph: its titled katakana names.
    Titled(Vec<SourceName>),
    /// A Cyrillic paragraph: its pairs of a given name and a name beside it, and every
    /// capitalised word romanised (a target word any of them renders is no mistranslation).
    Neighbours {
        /// The pairs, each with how its anchor is used in the source.
        pairs: Vec<NeighbourPair>,
        /// The capitalised words of the paragraph as names.
        capitalised: Vec<SourceName>,
    },
    /// A language whose names are not judged (Chinese, Korean).
    Unjudged,
}

/// A source name beside its anchor (`Заяц` beside `Александр`).
#[derive(Debug)]
pub struct NeighbourPair {
    /// The name judged.
    name: SourceName,
    /// The neighbour by which its place in the target is found.
    anchor: SourceName,
    /// Whether the name comes after its anchor.
    after: bool,
    /// For each use of the anchor in the source, in order, whether the name stands beside
    /// it: a use alone (`Саакашвили` in a headline) has another neighbour by right.
    paired: Vec<bool>,
}

impl SourceSide {
    /// The source side of the paragraph `source` in `language`.
    pub fn new(source: &str, language: &Language) -> Self {
        match language {
            Language::Japanese => Self::Titled(
                source_names(source, language)
                    .into_iter()
                    .filter(|name| name.titled)
                    .collect(),
            ),
            Language::Chinese | Language::Korean => Self::Unjudged,
            _ => neighbour_pairs(source, language),
        }
    }
}

/// The source names of a paragraph (its `side`) that its translation (`target`) renders
/// as another word beside a rightly rendered neighbour, and the titled katakana names it
/// does not render at all.
pub fn misnamed_in(side: &SourceSide, target: &str) -> Vec<Misnamed> {
    match side {
        SourceSide::Titled(names) if !names.is_empty() => {
            let words = target_words(target);
            names
                .iter()
                .filter(|name| !words.iter().any(|word| renders(name, word)))
                .map(|name| Misnamed {
                    word: name.word.clone(),
                    romanised: name.romanised.clone(),
                    target: None,
                    usual: None,
                })
                .collect()
        }
        SourceSide::Neighbours { pairs, capitalised } if !pairs.is_empty() => {
            beside_neighbours(pairs, capitalised, target, &target_words(target))
        }
        SourceSide::Titled(_) | SourceSide::Neighbours { .. } | SourceSide::Unjudged => Vec::new(),
    }
}

/// The pairs of a capitalised Cyrillic given name and the capitalised word beside it (a
/// space between), either being judged by the other.
fn neighbour_pairs(source: &str, language: &Language) -> SourceSide {
    let source_words = cyrillic_words(source);
    let mid = mid_sentence(&source_words);
    let mut names: HashMap<&str, SourceName> = HashMap::new();
    let stems: Vec<String> = source_words.iter().map(|w| stem_of(w.text)).collect();
    let beside = |at: usize| {
        let next = source_words.get(at + 1)?;
        let between = source.get(source_words[at].span.end..next.span.start)?;
        (!between.is_empty() && between.chars().all(char::is_whitespace)).then_some(at + 1)
    };
    let mut pairs = Vec::new();
    for (at, first) in source_words.iter().enumerate() {
        let Some(next) = beside(at) else {
            continue;
        };
        let second = &source_words[next];
        if !is_capitalised(first.text) || !is_capitalised(second.text) {
            continue;
        }
        for (name_word, anchor_word, after) in [(second, first, true), (first, second, false)] {
            if !is_given_name(first.text)
                || !is_candidate(name_word, &mid)
                || is_patronymic(name_word.text)
                || is_patronymic(anchor_word.text)
            {
                continue;
            }
            let (anchor_at, name_at) = if after { (at, next) } else { (next, at) };
            let paired: Vec<bool> = (0..source_words.len())
                .filter(|&j| stems[j] == stems[anchor_at])
                .map(|j| {
                    let other = if after {
                        beside(j)
                    } else {
                        j.checked_sub(1).filter(|&k| beside(k) == Some(j))
                    };
                    other.is_some_and(|k| stems[k] == stems[name_at])
                })
                .collect();
            for word in [name_word, anchor_word] {
                names
                    .entry(word.text)
                    .or_insert_with(|| cyrillic_name(word, language));
            }
            let (Some(name), Some(anchor)) =
                (names.get(name_word.text), names.get(anchor_word.text))
            else {
                continue;
            };
            // A place or an institution is translated, not romanised (`Государственной
            // Думы`, State Duma): neither a name nor its anchor may have an exonym.
            if !name.exonyms.is_empty() || !anchor.exonyms.is_empty() {
                continue;
            }
            pairs.push(NeighbourPair {
                name: name.clone(),
                anchor: anchor.clone(),
                after,
                paired,
            });
        }
    }
    // Every capitalised word romanised is what a reported word is checked against last;
    // a paragraph without pairs reports nothing and needs none.
    let capitalised = if pairs.is_empty() {
        Vec::new()
    } else {
        source_words
            .iter()
            .filter(|w| is_capitalised(w.text))
            .map(|w| cyrillic_name(w, language))
            .collect()
    };
    SourceSide::Neighbours { pairs, capitalised }
}

/// The words of `target` standing where a paired source name should, beside the
/// rendering of its anchor, that are nothing like the name nor any other capitalised
/// source word (`capitalised`).
fn beside_neighbours(
    pairs: &[NeighbourPair],
    capitalised: &[SourceName],
    target: &str,
    words: &[TargetWord],
) -> Vec<Misnamed> {
    let mut found: BTreeMap<usize, Misnamed> = BTreeMap::new();
    for pair in pairs {
        let (name, after) = (&pair.name, pair.after);
        let renderings: Vec<usize> = (0..words.len())
            .filter(|&k| spells(&pair.anchor, &words[k]))
            .collect();
        // The target's renderings of the anchor pair with the source's uses in order
        // when they are as many; else only an anchor always beside the name is read.
        let judged: Vec<usize> = if renderings.len() == pair.paired.len() {
            renderings
                .into_iter()
                .zip(&pair.paired)
                .filter(|&(_, &beside)| beside)
                .map(|(k, _)| k)
                .collect()
        } else if pair.paired.iter().all(|&beside| beside) {
            renderings
        } else {
            Vec::new()
        };
        for at in judged {
            let word = &words[at];
            let neighbour = if after {
                words.get(at + 1)
            } else {
                at.checked_sub(1).and_then(|k| words.get(k))
            };
            let Some(neighbour) = neighbour else {
                continue;
            };
            let (left, right) = if after {
                (word, neighbour)
            } else {
                (neighbour, word)
            };
            let gap = target.get(left.span.end..right.span.start).unwrap_or("");
            if gap.is_empty() || !gap.chars().all(char::is_whitespace) {
                continue;
            }
            if stands_for_a_name(neighbour)
                && !resembles(name, neighbour)
                && !capitalised.iter().any(|n| renders(n, neighbour))
            {
                found
                    .entry(neighbour.span.start)
                    .or_insert_with(|| Misnamed {
                        word: name.word.clone(),
                        romanised: name.romanised.clone(),
                        target: Some(neighbour.span.clone()),
                        usual: usual(name, target, words),
                    });
            }
        }
    }
    found.into_values().collect()
}

/// The shortest stem of a Cyrillic word (its case ending off), by which its forms are
/// told to be one word.
fn stem_of(word: &str) -> String {
    let lower = word.to_lowercase();
    super::stems(&lower).into_iter().next().unwrap_or(lower)
}

/// Whether a capitalised target word spells the name by some romanisation (its keys
/// close), a stricter test than [`renders`], which also accepts consonant skeletons and
/// lowercase loanwords: an anchor must be the name itself.
fn spells(name: &SourceName, word: &TargetWord) -> bool {
    word.capitalised && name.keys.iter().any(|k| similar_key(k, &word.key))
}

/// Whether a source word is one of [`GIVEN_NAMES`], in the nominative or with a case
/// ending (`Сергея`, `Анной`, `Любови`).
fn is_given_name(word: &str) -> bool {
    const CASE_ENDINGS: &[&str] = &[
        "", "а", "я", "у", "ю", "ом", "ем", "ём", "е", "ы", "и", "ой", "ей", "ью", "й", "ь",
    ];
    let lower = word.to_lowercase();
    GIVEN_NAMES.iter().any(|given| {
        let stem = given
            .strip_suffix(['й', 'ь', 'а', 'я'])
            .filter(|stem| stem.chars().count() >= 2)
            .unwrap_or(given);
        lower
            .strip_prefix(stem)
            .is_some_and(|rest| CASE_ENDINGS.contains(&rest))
    })
}

/// Whether a target word can stand for a name: capitalised, two letters or more, letters
/// only, and not a title or a word that starts sentences ([`BESIDE_NAMES`]).
fn stands_for_a_name(word: &TargetWord) -> bool {
    word.capitalised
        && word.lower.len() >= 2
        && word.lower.bytes().all(|b| b.is_ascii_alphabetic())
        && !BESIDE_NAMES.contains(&word.lower.as_str())
}

/// Whether a target word is a rendering of the name, or near enough to be one by another
/// system or a spelling slip (half its letters the same): only a word nothing like the
/// name is reported, since a garbled spelling is the verbatim and variant rules' matter.
fn resembles(name: &SourceName, word: &TargetWord) -> bool {
    renders(name, word) || name.keys.iter().any(|k| as_close(k, &word.key, 0.5))
}

/// The patronymic of a Russian name (`Владимирович`, `Петровна`, `Ильиничной`), which
/// English leaves out.
fn is_patronymic(word: &str) -> bool {
    let lower = word.to_lowercase();
    ["ович", "евич", "овн", "евн", "ичн"]
        .iter()
        .any(|p| lower.find(p).is_some_and(|at| at >= 6))
}

/// The capitalised target word that renders the name most often in the paragraph (on a
/// tie, the first in alphabetical order), if any does.
fn usual(name: &SourceName, target: &str, words: &[TargetWord]) -> Option<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for word in words.iter().filter(|w| w.capitalised && renders(name, w)) {
        *counts.entry(&target[word.span.clone()]).or_default() += 1;
    }
    let most = counts.values().copied().max()?;
    counts
        .into_iter()
        .find(|&(_, n)| n == most)
        .map(|(text, _)| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn misnamed(source: &str, language: &Language, target: &str) -> Vec<Misnamed> {
        misnamed_in(&SourceSide::new(source, language), target)
    }

    fn found<'a>(source: &str, target: &'a str) -> Vec<(String, Option<&'a str>, Option<String>)> {
        misnamed(source, &Language::Russian, target)
            .into_iter()
            .map(|m| (m.word, m.target.map(|r| &target[r]), m.usual))
            .collect()
    }

    #[test]
    fn a_surname_translated_as_a_word_beside_its_first_name_is_found() {
        assert_eq!(
            found(
                "Об этом сказал Александр Заяц.",
                "This was said by Alexander Hare."
            ),
            [("Заяц".to_string(), Some("Hare"), None)]
        );
        assert_eq!(
            found(
                "Лучшей признана Любовь Безбах.",
                "The best was Love Bezbakh."
            ),
            [("Любовь".to_string(), Some("Love"), None)]
        );
    }

    #[test]
    fn another_rendering_elsewhere_makes_the_odd_one_a_variant() {
        assert_eq!(
            found(
                "Сказал Александр Заяц. Заяц добавил, что Заяц прав.",
                "Alexander Hare said. Zayats added that Zayats is right."
            ),
            [("Заяц".to_string(), Some("Hare"), Some("Zayats".to_string()))]
        );
    }

    #[test]
    fn accepted_romanisations_titles_and_translated_places_are_left_alone() {
        for (source, target) in [
            ("Заявил Владимир Зеленский.", "Said Volodymyr Zelenskiy."),
            ("Заявил Уилл Кристи.", "Said Will Christie."),
            (
                "Заявил Владимир Владимирович Путин.",
                "Said President Vladimir Putin.",
            ),
            (
                "Это в Музее Библии в Вашингтоне.",
                "It is in the Museum of the Bible in Washington.",
            ),
            (
                "Агентство Республики Казахстан.",
                "The Agency of Kazakhstan.",
            ),
            ("В Москве Владимир Путин.", "In Moscow Vladimir Putin."),
        ] {
            assert_eq!(found(source, target), [], "{source} / {target}");
        }
    }

    #[test]
    fn a_titled_katakana_name_with_no_rendering_is_missing() {
        let ja = Language::Japanese;
        let missing = misnamed("バイデン大統領は述べた。", &ja, "The president said.");
        assert_eq!(missing.len(), 1);
        assert_eq!(missing[0].word, "バイデン");
        assert_eq!(missing[0].target, None);
        assert_eq!(misnamed("バイデン大統領は述べた。", &ja, "Biden said."), []);
        assert_eq!(misnamed("ニューヨーク・ジェッツ戦", &ja, "the game"), []);
    }
}
