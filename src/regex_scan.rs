//! Which of many regexes match in each of many texts (a document's prose runs), found in
//! one pass of a lazy DFA over each text.
//!
//! `regex::RegexSet` answers the same question, but steps its DFA over every byte. Prose
//! is mostly words and single spaces, and inside a word the DFA of patterns about
//! punctuation, digits and spacing sits in one state that every ASCII letter leads back
//! to, and that a space and a letter lead back to as well. Where the DFA is in such a
//! state (checked on the DFA itself, for every byte class holding an ASCII letter), the
//! run of letters, or of words and single spaces, ahead is passed over eight bytes at a
//! time: the DFA would end where it started, and no match can end inside the run, since
//! neither the state nor the one after a space is a match state. On the 100 MB test
//! corpus 61 % of the bytes are passed over.

use std::sync::{Mutex, OnceLock};

use regex::RegexSet;
use regex_automata::hybrid::LazyStateID;
use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::{Input, MatchKind, PatternSet};

use crate::ascii;

/// Regexes searched together; see the module documentation.
#[derive(Debug)]
pub struct RegexScan {
    dfa: DFA,
    /// The regexes as given, for the fallback.
    patterns: Vec<String>,
    /// The same regexes as a set, for a text the DFA cannot search (a regex with a Unicode
    /// word boundary makes it stop at the first byte outside ASCII). Built the first time
    /// it is needed: most pattern packs never need it, and building it would delay every
    /// run. `None` if it cannot be built; every regex is then taken to match.
    fallback: OnceLock<Option<RegexSet>>,
    /// One byte of each of the DFA's byte classes that hold an ASCII letter.
    letter_classes: Vec<u8>,
    /// Lazy DFA caches, one taken per document by each thread at work, each with the
    /// looping state found with it.
    caches: Mutex<Vec<(Cache, Option<Looping>)>>,
}

/// Why a text was not searched to its end by the DFA.
enum Stop {
    /// The lazy DFA met a byte it does not handle (see [`RegexScan::fallback`]).
    Quit,
    /// The DFA's cache was cleared while a state was being tested, so the state in hand
    /// is no longer valid: the text is searched again, without passing over letters.
    Cleared,
}

impl RegexScan {
    /// The scan of `patterns` (regex syntax, as `regex::Regex` takes it), in the order
    /// given: pattern `i` is reported as `i`. `None` when they cannot be built together.
    pub fn new(patterns: &[&str]) -> Option<Self> {
        let dfa = DFA::builder()
            .configure(
                DFA::config()
                    .match_kind(MatchKind::All)
                    .unicode_word_boundary(true),
            )
            .build_many(patterns)
            .ok()?;
        let mut letter_classes: Vec<u8> = Vec::new();
        let classes = dfa.byte_classes();
        for letter in (b'a'..=b'z').chain(b'A'..=b'Z') {
            if !letter_classes
                .iter()
                .any(|&seen| classes.get(seen) == classes.get(letter))
            {
                letter_classes.push(letter);
            }
        }
        Some(Self {
            dfa,
            patterns: patterns.iter().map(|p| p.to_string()).collect(),
            fallback: OnceLock::new(),
            letter_classes,
            caches: Mutex::new(Vec::new()),
        })
    }

    /// How many regexes.
    pub fn len(&self) -> usize {
        self.dfa.pattern_len()
    }

    /// Whether there are no regexes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Calls `found(text, regex)` for each of `texts` (by index) and each regex that
    /// matches somewhere in it, texts in order.
    pub fn each_match<'t>(
        &self,
        texts: impl IntoIterator<Item = &'t str>,
        mut found: impl FnMut(usize, usize),
    ) {
        let taken = self.caches.lock().ok().and_then(|mut caches| caches.pop());
        let (mut cache, mut looping) = taken.unwrap_or_else(|| (self.dfa.create_cache(), None));
        let mut matched = PatternSet::new(self.len());
        for (index, text) in texts.into_iter().enumerate() {
            matched.clear();
            let mut outcome = self.search(&mut cache, text, Some(&mut looping), &mut matched);
            if matches!(outcome, Err(Stop::Cleared)) {
                outcome = self.search(&mut cache, text, None, &mut matched);
            }
            if outcome.is_err() {
                let fallback = self
                    .fallback
                    .get_or_init(|| RegexSet::new(&self.patterns).ok());
                match fallback {
                    Some(set) => set
                        .matches(text)
                        .iter()
                        .for_each(|regex| found(index, regex)),
                    None => (0..self.len()).for_each(|regex| found(index, regex)),
                }
                continue;
            }
            for regex in matched.iter() {
                found(index, regex.as_usize());
            }
        }
        if let Ok(mut caches) = self.caches.lock() {
            caches.push((cache, looping));
        }
    }

    /// Adds to `matched` the regexes matching in `text`. Given where to keep the
    /// [`Looping`] state (found in an earlier text, or to be found in this one), runs of
    /// ASCII letters are passed over where the DFA is in it.
    fn search(
        &self,
        cache: &mut Cache,
        text: &str,
        mut looping: Option<&mut Option<Looping>>,
        matched: &mut PatternSet,
    ) -> Result<(), Stop> {
        let bytes = text.as_bytes();
        let input = Input::new(bytes);
        let mut state = self
            .dfa
            .start_state_forward(cache, &input)
            .map_err(|_| Stop::Quit)?;
        // States of this text found not to loop.
        let mut tested: Vec<LazyStateID> = Vec::new();
        let mut at = 0;
        while let Some(&byte) = bytes.get(at) {
            if let Some(known) = looping.as_deref_mut()
                && byte.is_ascii_alphabetic()
                && !state.is_tagged()
            {
                let generation = cache.clear_count();
                match known.filter(|l| l.generation == generation) {
                    Some(l) if l.state == state => {
                        at += if l.spaced {
                            ascii::words_prefix(&bytes[at..])
                        } else {
                            ascii::letters_prefix(&bytes[at..])
                        };
                        continue;
                    }
                    Some(_) => {}
                    None => {
                        // A state is tested once, and only inside a word (a letter before
                        // this one), where the looping state is met.
                        let inside_word = at > 0 && bytes[at - 1].is_ascii_alphabetic();
                        if inside_word && !tested.contains(&state) {
                            if self.leads_back_on_letters(cache, state, state)? {
                                *known = Some(Looping {
                                    generation,
                                    state,
                                    spaced: self.loops_over_spaced_words(cache, state)?,
                                });
                                continue;
                            }
                            if tested.len() < MOST_TESTED {
                                tested.push(state);
                            }
                        }
                    }
                }
            }
            state = self
                .dfa
                .next_state(cache, state, byte)
                .map_err(|_| Stop::Quit)?;
            at += 1;
            if state.is_tagged() && self.record(cache, state, matched)? {
                return Ok(());
            }
        }
        state = self
            .dfa
            .next_eoi_state(cache, state)
            .map_err(|_| Stop::Quit)?;
        self.record(cache, state, matched)?;
        Ok(())
    }

    /// Records the regexes of a match state; tells whether the search can stop (every
    /// regex matched, or the DFA can match nothing more).
    fn record(
        &self,
        cache: &Cache,
        state: LazyStateID,
        matched: &mut PatternSet,
    ) -> Result<bool, Stop> {
        if state.is_match() {
            for index in 0..self.dfa.match_len(cache, state) {
                matched.insert(self.dfa.match_pattern(cache, state, index));
            }
            return Ok(matched.is_full());
        }
        if state.is_quit() {
            return Err(Stop::Quit);
        }
        Ok(state.is_dead())
    }

    /// Whether every ASCII letter leads `from` to `to`.
    fn leads_back_on_letters(
        &self,
        cache: &mut Cache,
        from: LazyStateID,
        to: LazyStateID,
    ) -> Result<bool, Stop> {
        let generation = cache.clear_count();
        for &letter in &self.letter_classes {
            let next = self
                .dfa
                .next_state(cache, from, letter)
                .map_err(|_| Stop::Quit)?;
            if cache.clear_count() != generation {
                return Err(Stop::Cleared);
            }
            if next != to {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Whether `looping` (a state every ASCII letter leads back to) is also where a single
    /// space and a letter after it lead: then whole runs of words separated by single
    /// spaces keep the DFA in it, and no match ends inside them (the state after the
    /// space is not a match state either).
    fn loops_over_spaced_words(
        &self,
        cache: &mut Cache,
        looping: LazyStateID,
    ) -> Result<bool, Stop> {
        let generation = cache.clear_count();
        let spaced = self
            .dfa
            .next_state(cache, looping, b' ')
            .map_err(|_| Stop::Quit)?;
        if cache.clear_count() != generation {
            return Err(Stop::Cleared);
        }
        Ok(!spaced.is_tagged() && self.leads_back_on_letters(cache, spaced, looping)?)
    }
}

/// A state every ASCII letter leads back to, found once per DFA cache and kept with it
/// for every later text: valid while the cache is not cleared (clearing renumbers the
/// states).
#[derive(Debug, Clone, Copy)]
struct Looping {
    /// The cache's clear count when it was found.
    generation: usize,
    /// The state.
    state: LazyStateID,
    /// Whether a single space and a letter after it also lead back to it.
    spaced: bool,
}

/// The most states of one text remembered as not looping: a DFA with no looping state
/// does not fill memory with them.
const MOST_TESTED: usize = 8;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What the scan finds in `texts`, searched twice: the second search takes the cache,
    /// and the looping state, that the first left.
    fn with_scan(patterns: &[&str], texts: &[&str]) -> Vec<Vec<usize>> {
        let scan = RegexScan::new(patterns).expect("builds");
        let search = || {
            let mut found = vec![Vec::new(); texts.len()];
            scan.each_match(texts.iter().copied(), |text, regex| found[text].push(regex));
            found
        };
        let first = search();
        assert_eq!(search(), first, "searched again with the cache kept");
        first
    }

    fn with_set(patterns: &[&str], texts: &[&str]) -> Vec<Vec<usize>> {
        let set = RegexSet::new(patterns).expect("builds");
        texts
            .iter()
            .map(|t| set.matches(t).iter().collect())
            .collect()
    }

    /// The built-in pack's run regexes, as the engine gathers them.
    fn builtin_patterns() -> Vec<String> {
        let rules = crate::rules::RuleSet::load(true, &[]).expect("the built-in pack loads");
        rules
            .rules()
            .iter()
            .flat_map(|rule| rule.check.run_regexes())
            .map(|regex| regex.as_str().to_string())
            .collect()
    }

    #[test]
    fn finds_what_a_regex_set_finds() {
        let patterns = ["\\d+,\\d", "(?m)\\S( +)$", "^The", "\\p{L}( +)[,.]", "ab+c"];
        let texts = [
            "The rate was 2,5 percent ",
            "Nothing here at all",
            "A word , then",
            "xabbbbbbbbbbbbbbbbbbbbc and the end",
            "",
            "Ünïcödé wörds , 3,4",
        ];
        assert_eq!(with_scan(&patterns, &texts), with_set(&patterns, &texts));
        assert_eq!(with_scan(&patterns, &texts)[0], [0, 1, 2]);
    }

    #[test]
    fn a_unicode_word_boundary_outside_ascii_falls_back_to_the_set() {
        let patterns = ["\\bрыба\\b", "x"];
        let texts = ["это рыба, да", "рыбалка x", "plain"];
        assert_eq!(with_scan(&patterns, &texts), [vec![0], vec![1], vec![]]);
    }

    #[test]
    fn letters_are_passed_over_inside_words_for_the_builtin_patterns() {
        let patterns = builtin_patterns();
        let patterns: Vec<&str> = patterns.iter().map(String::as_str).collect();
        let scan = RegexScan::new(&patterns).expect("builds");
        let mut cache = scan.dfa.create_cache();
        let text = "Somewhere beyond the mountains, everything continued";
        let input = Input::new(text);
        let mut state = scan
            .dfa
            .start_state_forward(&mut cache, &input)
            .expect("starts");
        for &byte in &text.as_bytes()[..6] {
            state = scan.dfa.next_state(&mut cache, state, byte).expect("steps");
        }
        assert!(
            matches!(
                scan.leads_back_on_letters(&mut cache, state, state),
                Ok(true)
            ),
            "inside a word the DFA loops over letters"
        );
        assert!(
            matches!(scan.loops_over_spaced_words(&mut cache, state), Ok(true)),
            "and over single spaces between words"
        );
        scan.each_match([text], |_, _| {});
        let pool = scan.caches.lock().expect("not poisoned");
        assert!(
            matches!(pool.as_slice(), [(_, Some(Looping { spaced: true, .. }))]),
            "the looping state is kept with the cache for the next document"
        );
    }

    fn prose() -> impl Strategy<Value = String> {
        // Letters, spaces and the characters the built-in patterns are about.
        proptest::string::string_regex(
            "([a-zA-Z]{1,12}|[ ]{1,3}|[0-9]{1,5}|[.,;:!?'’\"“”()\\[\\]%\\-—–…\t\n]|\u{A0}|é|Д)*",
        )
        .expect("a valid strategy")
    }

    proptest! {
        #[test]
        fn finds_what_a_regex_set_finds_for_the_builtin_patterns(
            texts in proptest::collection::vec(prose(), 1..8)
        ) {
            let patterns = builtin_patterns();
            let patterns: Vec<&str> = patterns.iter().map(String::as_str).collect();
            let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
            prop_assert_eq!(with_scan(&patterns, &texts), with_set(&patterns, &texts));
        }
    }
}
