//! Whole-word matching of many words at once, and case-preserving replacement: what the
//! glossary (`terms`) and `consistency` kinds share.

use aho_corasick::{AhoCorasick, MatchKind};

/// Finds any of a list of words in one pass over the text.
#[derive(Debug)]
pub struct WordMatcher {
    search: Search,
    /// For each pattern, the index of the word it spells.
    words: Vec<usize>,
    whole_words: bool,
    /// For each word: a byte that every text it matches in holds, the rarest in prose of
    /// those bytes; `None` when there is no such byte.
    probes: Vec<Option<u8>>,
}

/// How the patterns (the words in the spellings searched for) are found.
#[derive(Debug)]
enum Search {
    /// Any patterns: one automaton, leftmost-longest.
    Automaton(AhoCorasick),
    /// Patterns no two of which can overlap in a text (`…` and `...`), with no ASCII letter
    /// whose case could matter: each is found on its own with a SIMD substring search,
    /// and the matches are merged. Where the automaton would stop at every common byte
    /// (every `.` for `...`), this passes over the text many bytes at a time.
    Separate(Vec<memchr::memmem::Finder<'static>>),
}

/// One occurrence of a word: its byte range and the index of the word in the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordMatch {
    /// Byte range in the searched text.
    pub range: std::ops::Range<usize>,
    /// Index of the word in the list the matcher was built from.
    pub word: usize,
}

impl WordMatcher {
    /// Builds a matcher for `words`. Unless `case_sensitive`, a word also matches in
    /// lowercase, capitalised and uppercase spellings (for any script) and in any ASCII case.
    pub fn new(
        words: &[impl AsRef<str>],
        case_sensitive: bool,
        whole_words: bool,
    ) -> Result<Self, aho_corasick::BuildError> {
        let mut patterns = Vec::new();
        let mut indices = Vec::new();
        for (index, word) in words.iter().enumerate() {
            let word = word.as_ref();
            let mut spellings = vec![word.to_string()];
            if !case_sensitive {
                spellings.extend([word.to_lowercase(), capitalise(word), word.to_uppercase()]);
                spellings.sort();
                spellings.dedup();
            }
            for spelling in spellings {
                patterns.push(spelling);
                indices.push(index);
            }
        }
        let ascii_case_matters = !case_sensitive
            && patterns
                .iter()
                .any(|p| p.bytes().any(|b| b.is_ascii_alphabetic()));
        let search = if !ascii_case_matters && no_overlaps(&patterns) {
            Search::Separate(
                patterns
                    .iter()
                    .map(|p| memchr::memmem::Finder::new(p).into_owned())
                    .collect(),
            )
        } else {
            Search::Automaton(
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .ascii_case_insensitive(!case_sensitive)
                    .build(&patterns)?,
            )
        };
        let probes = (0..words.len())
            .map(|word| {
                let spellings = patterns.iter().zip(&indices).filter(|&(_, &w)| w == word);
                probe(
                    spellings.map(|(pattern, _)| pattern.as_str()),
                    !case_sensitive,
                )
            })
            .collect();
        Ok(Self {
            search,
            words: indices,
            whole_words,
            probes,
        })
    }

    /// For each word, whether it may occur in `text`: `false` when its probe byte is not
    /// there. A `memchr` per word tells that most documents hold none of a rule's rarer
    /// words, before any is searched for.
    pub fn may_occur(&self, text: &str) -> Vec<bool> {
        self.probes
            .iter()
            .map(|probe| probe.is_none_or(|byte| memchr::memchr(byte, text.as_bytes()).is_some()))
            .collect()
    }

    /// Offsets in `text` of the bytes that any occurrence of any word holds (the words'
    /// probe bytes), in order: a part of the text without one holds no word. `None` when
    /// some word has no probe byte or there are more than three distinct ones (then every
    /// part may hold a word).
    pub fn probe_offsets<'a>(&self, text: &'a str) -> Option<Box<dyn Iterator<Item = usize> + 'a>> {
        let mut bytes: Vec<u8> = self.probes.iter().copied().collect::<Option<_>>()?;
        bytes.sort_unstable();
        bytes.dedup();
        let text = text.as_bytes();
        match *bytes.as_slice() {
            [a] => Some(Box::new(memchr::memchr_iter(a, text))),
            [a, b] => Some(Box::new(memchr::memchr2_iter(a, b, text))),
            [a, b, c] => Some(Box::new(memchr::memchr3_iter(a, b, c, text))),
            _ => None,
        }
    }

    /// Every occurrence in `text`, left to right, without overlaps.
    pub fn find_iter<'a>(&'a self, text: &'a str) -> Box<dyn Iterator<Item = WordMatch> + 'a> {
        let found: Box<dyn Iterator<Item = (std::ops::Range<usize>, usize)> + 'a> =
            match &self.search {
                Search::Automaton(automaton) => Box::new(
                    automaton
                        .find_iter(text)
                        .map(|m| (m.range(), m.pattern().as_usize())),
                ),
                Search::Separate(finders) => {
                    let mut found: Vec<(std::ops::Range<usize>, usize)> = finders
                        .iter()
                        .enumerate()
                        .flat_map(|(pattern, finder)| {
                            finder
                                .find_iter(text.as_bytes())
                                .map(move |start| (start..start + finder.needle().len(), pattern))
                        })
                        .collect();
                    found.sort_unstable_by_key(|(range, _)| range.start);
                    Box::new(found.into_iter())
                }
            };
        Box::new(
            found
                .filter(move |(range, _)| {
                    !self.whole_words || is_whole_word(text, range.start, range.end)
                })
                .map(|(range, pattern)| WordMatch {
                    range,
                    word: self.words[pattern],
                }),
        )
    }
}

/// A byte all of `spellings` hold (leaving out ASCII letters when their case does not
/// matter), chosen from the bytes rarest in English prose: continuation bytes of
/// characters outside ASCII, then lead bytes, then ASCII punctuation and digits; letters
/// and spaces never.
fn probe<'a>(mut spellings: impl Iterator<Item = &'a str>, ascii_case_free: bool) -> Option<u8> {
    let rarity = |byte: u8| match byte {
        b'a'..=b'z' | b'A'..=b'Z' | b' ' => 0,
        0..=0x7F => 1,
        0x80 | 0xC0..=0xFF => 2,
        _ => 3,
    };
    let first = spellings.next()?;
    let mut shared: Vec<u8> = first
        .bytes()
        .filter(|b| !(ascii_case_free && b.is_ascii_alphabetic()))
        .collect();
    for spelling in spellings {
        shared.retain(|b| spelling.as_bytes().contains(b));
    }
    shared
        .into_iter()
        .filter(|&b| rarity(b) > 0)
        .max_by_key(|&b| rarity(b))
}

/// Whether no occurrence of one pattern can overlap an occurrence of another: none holds
/// another, and no pattern ends with the beginning of another.
fn no_overlaps(patterns: &[String]) -> bool {
    patterns.iter().enumerate().all(|(i, a)| {
        patterns.iter().enumerate().all(|(j, b)| {
            i == j
                || (!a.contains(b.as_str())
                    && (1..a.len().min(b.len()))
                        .all(|k| !a.as_bytes().ends_with(&b.as_bytes()[..k])))
        })
    })
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether `text[start..end]` is not part of a longer word.
fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let first = text[start..end].chars().next();
    let last = text[start..end].chars().next_back();
    let joins = |outer: Option<char>, inner: Option<char>| matches!((outer, inner), (Some(o), Some(i)) if is_word_char(o) && is_word_char(i));
    !joins(before, first) && !joins(after, last)
}

/// `word` with its first letter in uppercase.
pub fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `replacement` in the case of `found`: all caps stays all caps, a capitalised word stays
/// capitalised, anything else takes the replacement as written.
pub fn match_case(found: &str, replacement: &str) -> String {
    let letters = || found.chars().filter(|c| c.is_alphabetic());
    let is_upper = letters().count() > 1 && letters().all(char::is_uppercase);
    if is_upper {
        replacement.to_uppercase()
    } else if letters().next().is_some_and(char::is_uppercase) {
        capitalise(replacement)
    } else {
        replacement.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_whole_words_in_any_case() {
        let matcher = WordMatcher::new(&["kiev", "Москва"], false, true).expect("builds");
        let text = "Kiev, KIEV and kievan; МОСКВА, москва.";
        let found: Vec<&str> = matcher.find_iter(text).map(|m| &text[m.range]).collect();
        assert_eq!(found, ["Kiev", "KIEV", "МОСКВА", "москва"]);
    }

    #[test]
    fn a_word_whose_probe_byte_is_missing_cannot_occur() {
        let matcher = WordMatcher::new(&["…", "...", " — ", "e-mail", "email", "Ёж"], false, false)
            .expect("builds");
        assert_eq!(
            matcher.probes,
            [
                Some(0xA6),
                Some(b'.'),
                Some(0x94),
                Some(b'-'),
                None,
                Some(0xD0)
            ]
        );
        let text = "An e-mail... ёж";
        assert_eq!(
            matcher.may_occur(text),
            [false, true, false, true, true, true]
        );
        assert_eq!(
            matcher.may_occur("Hedgehogs—"),
            [false, false, true, false, true, false]
        );
        assert!(
            matcher.probe_offsets(text).is_none(),
            "`email` has no probe byte"
        );
        let dashes = WordMatcher::new(&[" — ", " – ", "—"], false, false).expect("builds");
        let text = "A — b, c – d; “e”";
        let offsets: Vec<usize> = dashes.probe_offsets(text).expect("probes").collect();
        assert_eq!(
            offsets,
            [4, 13],
            "the last bytes of — and –, not of the quotes"
        );
        let found: Vec<usize> = matcher.find_iter(text).map(|m| m.word).collect();
        assert!(found.iter().all(|&word| matcher.may_occur(text)[word]));
    }

    #[test]
    fn words_that_cannot_overlap_are_found_alike_either_way() {
        let separate = WordMatcher::new(&["…", "..."], false, false).expect("builds");
        assert!(matches!(separate.search, Search::Separate(_)));
        let automaton = WordMatcher {
            search: Search::Automaton(
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(["…", "..."])
                    .expect("builds"),
            ),
            words: vec![0, 1],
            whole_words: false,
            probes: vec![None, None],
        };
        let text = "Wait… then.... and ...… or ..…. end...";
        let find = |m: &WordMatcher| m.find_iter(text).collect::<Vec<_>>();
        assert_eq!(find(&separate), find(&automaton));
        assert_eq!(find(&separate).len(), 6);
    }

    #[test]
    fn overlapping_or_lettered_words_use_the_automaton() {
        let dashes = WordMatcher::new(&[" — ", " – ", "—"], false, false).expect("builds");
        assert!(matches!(dashes.search, Search::Automaton(_)));
        let words = WordMatcher::new(&["e-mail", "email"], false, true).expect("builds");
        assert!(matches!(words.search, Search::Automaton(_)));
    }

    #[test]
    fn case_is_carried_over() {
        assert_eq!(match_case("Kiev", "kyiv"), "Kyiv");
        assert_eq!(match_case("KIEV", "Kyiv"), "KYIV");
        assert_eq!(match_case("e-mail", "email"), "email");
        assert_eq!(match_case("iphone", "iPhone"), "iPhone");
    }
}
