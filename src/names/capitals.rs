//! One name or title written with different capitals in one article: a quoted title
//! (`"Short Prose"` … `"Short prose"`, `"HAKOBUNE"` … `"Hakobune"`), or a lowercase name
//! capitalised once mid-sentence (`the omicron strain` … `the Omicron strain`).
//!
//! Without a dictionary, capitals alone do not say what is a name: `the State` beside `the
//! state` is often two meanings. So only two shapes are compared, each where English
//! capitalisation carries no meaning of its own:
//!
//! - **Quoted names and titles.** A phrase of one to four words written inside quotation
//!   marks is a name or a title by the writer's own marking; every other occurrence of the
//!   same words is compared with it, but a common noun's (`a demon slayer`). The first
//!   letter is no evidence (a sentence start or a heading forces a capital, and `The Far
//!   East` prize is not `the Far East`), so forms that differ only there are one. The form
//!   used most wins; on a tie, a title of several words takes the form with more capitals
//!   (English capitalises titles), a single word the form used first.
//! - **A capital in the middle of a phrase.** A word capitalised right after a lowercase
//!   function word (`the`, `a`, `of` …) and before a lowercase word, where nothing around
//!   it is capitalised, is set apart from the usual capitalised names (`the Ministry of
//!   Health`, `Formula 1`); when the article also writes it in lowercase mid-sentence more
//!   often, the capital is the slip. (A name written mostly capitalised and sometimes in
//!   lowercase is the `names` kind's own check.)
//!
//! Common English words (the names detector's list) are never compared as single words.

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

use super::candidates::is_common_word;
use crate::document::{Document, Token, TokenKind};

/// An occurrence written otherwise than the article mostly writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseVariant {
    /// The occurrence, a byte range of the text.
    pub span: Range<usize>,
    /// The form the article uses most, to write instead.
    pub suggestion: String,
    /// How many times that form is used.
    pub suggestion_uses: usize,
    /// How many times this occurrence's form is used.
    pub uses: usize,
}

/// The most words a quoted name or title has: longer quotations are speech.
const MAX_TITLE_WORDS: usize = 4;

/// Lowercase words after which a capital is not forced by the sentence.
const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "of", "in", "with", "by", "for", "to", "from", "and", "or", "on", "at", "as",
    "this", "that", "its", "their", "his", "her",
];

/// Lowercase words that join the words of a longer capitalised name (`Ministry of
/// Tourism and Antiquities`, `Tohoku University of Art and Design`).
const NAME_JOINERS: &[&str] = &["of", "and", "for", "on", "in", "the", "de"];

/// The occurrences in `document` written with other capitals than the article mostly
/// uses.
pub fn case_variants(document: &Document) -> Vec<CaseVariant> {
    let words = Words {
        text: document.text(),
        tokens: document.tokens(),
    };
    let capitalised: Vec<usize> = document.capitalised_words().collect();
    let mut variants = quoted_titles(&words, document.non_ascii_tokens(), &capitalised);
    for variant in lone_capitals(&words, capitalised.into_iter()) {
        if !variants.iter().any(|known| known.span == variant.span) {
            variants.push(variant);
        }
    }
    variants.sort_by_key(|variant| variant.span.start);
    variants
}

/// The text and its tokens, with the small questions both shapes ask of them.
struct Words<'a> {
    text: &'a str,
    tokens: &'a [Token],
}

impl<'a> Words<'a> {
    fn word(&self, i: usize) -> Option<&'a str> {
        let token = self.tokens.get(i)?;
        (token.kind == TokenKind::Word).then(|| &self.text[token.range()])
    }

    fn punct(&self, i: usize) -> Option<char> {
        let token = self.tokens.get(i)?;
        if token.kind != TokenKind::Punct {
            return None;
        }
        // Most punctuation is ASCII: its first byte is the character, read without
        // slicing the text.
        let first = token.first_byte();
        if first.is_ascii() {
            return Some(char::from(first));
        }
        self.text[token.range()].chars().next()
    }

    /// The text between tokens `a` and `b` (`a` before `b`), or `None` when they belong
    /// to different prose runs.
    fn gap(&self, a: usize, b: usize) -> Option<&'a str> {
        let (first, second) = (self.tokens.get(a)?, self.tokens.get(b)?);
        (first.segment() == second.segment())
            .then(|| &self.text[first.range().end..second.range().start])
    }

    /// Whether tokens `a` and `b` stand next to each other with one space between:
    /// [`Words::gap`] is `" "`, told from the offsets and one byte (most pairs asked
    /// about are not, and the gap is never sliced).
    fn spaced(&self, a: usize, b: usize) -> bool {
        let (Some(first), Some(second)) = (self.tokens.get(a), self.tokens.get(b)) else {
            return false;
        };
        let end = first.range().end;
        first.segment() == second.segment()
            && second.range().start == end + 1
            && self.text.as_bytes().get(end) == Some(&b' ')
    }

    /// The index of the token that starts at byte `offset`, if one does.
    fn token_at(&self, offset: usize) -> Option<usize> {
        let i = self
            .tokens
            .partition_point(|token| token.range().start < offset);
        (self.tokens.get(i)?.range().start == offset).then_some(i)
    }

    /// The index of the word token spanning exactly `range`, if one does.
    fn word_at(&self, range: Range<usize>) -> Option<usize> {
        let i = self.token_at(range.start)?;
        let token = &self.tokens[i];
        (token.kind == TokenKind::Word && token.range().end == range.end).then_some(i)
    }

    /// Whether tokens `a` and `b` touch: [`Words::gap`] is empty.
    fn touching(&self, a: usize, b: usize) -> bool {
        let (Some(first), Some(second)) = (self.tokens.get(a), self.tokens.get(b)) else {
            return false;
        };
        first.segment() == second.segment() && second.range().start == first.range().end
    }
}

fn is_double_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '«' | '»' | '„')
}

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn lowercase_start(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_lowercase)
}

/// Whether `word` has a lowercase letter (`NATO` is written in capitals throughout: a
/// style, compared only as part of a quoted title).
fn has_lowercase(word: &str) -> bool {
    word.chars().any(char::is_lowercase)
}

/// The quoted names and titles written otherwise elsewhere. Quotation marks are found
/// by byte search (`"`) and among the tokens outside ASCII (`“ ” „ « »`), not by walking
/// every token.
fn quoted_titles(
    words: &Words,
    non_ascii: impl Iterator<Item = usize>,
    capitalised: &[usize],
) -> Vec<CaseVariant> {
    let mut marks: Vec<usize> = memchr::memchr_iter(b'"', words.text.as_bytes())
        .filter_map(|offset| words.token_at(offset))
        .collect();
    marks.extend(non_ascii.filter(|&i| matches!(words.tokens[i].first_byte(), 0xE2 | 0xC2)));
    marks.sort_unstable();
    let mut titles: Vec<Vec<String>> = Vec::new();
    // The first words of the quoted titles that start in lowercase but hold a capital
    // (`eBay`): words written so are found as written.
    let mut inner_capitals: Vec<&str> = Vec::new();
    for i in marks {
        if let Some(title) = quoted_title_at(words, i) {
            let key: Vec<String> = title.iter().map(|word| word.to_lowercase()).collect();
            let common_single = key.len() == 1 && is_common_word(&key[0]);
            if !common_single && !titles.contains(&key) {
                titles.push(key);
            }
            if lowercase_start(title[0]) && title[0].chars().any(char::is_uppercase) {
                inner_capitals.push(title[0]);
            }
        }
    }
    if titles.is_empty() {
        return Vec::new();
    }
    let starts = title_starts(words, &titles, capitalised, &inner_capitals);
    let mut variants = Vec::new();
    for (title, starts) in titles.iter().zip(starts) {
        let occurrences = occurrences_of(words, title, &starts);
        variants.extend(minority(&occurrences, title.len() > 1));
    }
    variants
}

/// For each title, the words that read as its first word (case aside), in order: the
/// capitalised words (an index the tokeniser keeps) that equal it, its lowercase form
/// found by a byte search of the text (SIMD, not a visit of every token), and the quoted
/// forms that start in lowercase and hold a capital (`eBay`), found as written.
fn title_starts(
    words: &Words,
    titles: &[Vec<String>],
    capitalised: &[usize],
    inner_capitals: &[&str],
) -> Vec<Vec<usize>> {
    let mut starts: Vec<Vec<usize>> = Vec::with_capacity(titles.len());
    for (k, title) in titles.iter().enumerate() {
        let first = title[0].as_str();
        if let Some(earlier) = titles[..k].iter().position(|earlier| earlier[0] == first) {
            starts.push(starts[earlier].clone());
            continue;
        }
        let mut found: Vec<usize> = capitalised
            .iter()
            .copied()
            .filter(|&i| {
                let token = &words.tokens[i];
                (token.byte_len() == first.len() || !token.is_ascii())
                    && equal_ignoring_case(&words.text[token.range()], first)
            })
            .collect();
        found.extend(written(words, first));
        for form in inner_capitals {
            if equal_ignoring_case(form, first) {
                found.extend(written(words, form));
            }
        }
        found.sort_unstable();
        found.dedup();
        starts.push(found);
    }
    starts
}

/// The words written exactly `form`, found by a byte search of the text.
fn written<'a>(words: &'a Words, form: &'a str) -> impl Iterator<Item = usize> + 'a {
    memchr::memmem::find_iter(words.text.as_bytes(), form.as_bytes())
        .filter_map(move |at| words.word_at(at..at + form.len()))
}

/// The words of a title quoted by the mark at `i`: one to four words, touching both
/// marks (a comma or full stop may stand before the closing one), one space apart.
fn quoted_title_at<'a>(words: &Words<'a>, i: usize) -> Option<Vec<&'a str>> {
    if !is_double_quote(words.punct(i)?) {
        return None;
    }
    let mut title = Vec::new();
    let mut at = i + 1;
    if !words.touching(i, at) {
        return None;
    }
    loop {
        title.push(words.word(at)?);
        let next = at + 1;
        if words.word(next).is_some() && words.spaced(at, next) {
            if title.len() == MAX_TITLE_WORDS {
                return None;
            }
            at = next;
            continue;
        }
        let close = match words.punct(next) {
            Some(',' | '.') if words.touching(at, next) => next + 1,
            _ => next,
        };
        let closes =
            words.punct(close).is_some_and(is_double_quote) && words.touching(close - 1, close);
        return closes.then_some(title);
    }
}

/// One use of a phrase: where, and its exact form.
struct Occurrence {
    span: Range<usize>,
    form: String,
    /// Whether something other than the name may force a capital on its first letter: a
    /// sentence, paragraph, heading or quotation starting there, or a capitalised word
    /// before it that it may be part of (`Sky Swamp`).
    forced: bool,
    /// Whether it is quoted as a title, alone between its marks (`from "hakobune"`).
    quoted: bool,
}

/// Whether `word` is `lowercase` but for case, without allocating.
fn equal_ignoring_case(word: &str, lowercase: &str) -> bool {
    if word.is_ascii() && lowercase.is_ascii() {
        return word.eq_ignore_ascii_case(lowercase);
    }
    word.chars()
        .flat_map(char::to_lowercase)
        .eq(lowercase.chars())
}

/// Every use of the lowercase words `title` from the words in `starts`, but a common
/// noun's (`a demon slayer`).
fn occurrences_of(words: &Words, title: &[String], starts: &[usize]) -> Vec<Occurrence> {
    let mut found = Vec::new();
    for &start in starts {
        let matches = title.iter().enumerate().skip(1).all(|(k, wanted)| {
            words
                .word(start + k)
                .is_some_and(|word| equal_ignoring_case(word, wanted))
                && words.spaced(start + k - 1, start + k)
        });
        if !matches {
            continue;
        }
        let last = start + title.len() - 1;
        let form = (start..=last)
            .filter_map(|k| words.word(k))
            .collect::<Vec<_>>()
            .join(" ");
        let common_noun = !form.chars().any(char::is_uppercase)
            && start > 0
            && words.spaced(start - 1, start)
            && words
                .word(start - 1)
                .is_some_and(|before| matches!(before, "a" | "an" | "A" | "An"));
        if common_noun {
            continue;
        }
        let span = words.tokens[start].range().start..words.tokens[last].range().end;
        let quoted = start > 0
            && words.touching(start - 1, start)
            && words.punct(start - 1).is_some_and(is_double_quote)
            && words
                .punct(last + 1)
                .is_some_and(|c| is_double_quote(c) || matches!(c, ',' | '.'))
            && words.touching(last, last + 1);
        found.push(Occurrence {
            span,
            form,
            forced: capital_forced(words, start, quoted),
            quoted,
        });
    }
    found
}

/// Whether a capital on the word at `i` may be forced by its place rather than by the
/// name: at the start of a prose run, after a full stop, question or exclamation mark,
/// colon, ellipsis or list mark (`■ Swamp`), at the start of a quotation longer than the
/// title (`"Review the …"`, when it is not `quoted` alone), or beside a capitalised word it
/// may be part of (`Sky Swamp`, `the Fake News Act`, `Town Disaster Prevention Day`), or
/// in a heading in title case ([`in_title_case_sentence`]).
fn capital_forced(words: &Words, i: usize, quoted: bool) -> bool {
    let mut at = i;
    if at > 0 && words.touching(at - 1, at) && words.punct(at - 1).is_some_and(is_opening) {
        if !quoted {
            return true;
        }
        at -= 1;
    }
    if at == 0 || words.gap(at - 1, at).is_none() {
        return true;
    }
    let joined = |a: usize, b: usize, word: Option<&str>| {
        words.spaced(a, b) && word.is_some_and(capitalised)
    };
    if joined(at - 1, at, words.word(at - 1)) || joined(i, i + 1, words.word(i + 1)) {
        return true;
    }
    let mut before = at - 1;
    while before > 0
        && words.gap(before - 1, before).is_some()
        && words.punct(before).is_some_and(is_closing)
    {
        before -= 1;
    }
    words.punct(before).is_some_and(|c| {
        matches!(
            c,
            '.' | '!'
                | '?'
                | ':'
                | '…'
                | '■'
                | '●'
                | '◆'
                | '◇'
                | '□'
                | '○'
                | '・'
                | '•'
                | '|'
                | '｜'
        )
    }) || in_title_case_sentence(words, i)
}

/// Marks that open a quotation or an aside.
fn is_opening(c: char) -> bool {
    matches!(c, '"' | '“' | '„' | '«' | '‘' | '(' | '[' | '\'')
}

/// Marks that close a quotation or an aside.
fn is_closing(c: char) -> bool {
    matches!(c, '"' | '”' | '»' | '’' | ')' | ']' | '\'')
}

/// A form with its first letter in lowercase: the capital a sentence start or a heading
/// forces is no evidence of how the name is written, so forms that differ only there
/// are one form.
fn fold_first_letter(form: &str) -> String {
    let mut chars = form.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let mut folded = String::with_capacity(form.len());
    folded.extend(first.to_lowercase());
    folded.push_str(chars.as_str());
    folded
}

/// `form`, capitalised when `like` is (the flagged occurrence starts a sentence).
fn with_first_letter_of(form: &str, like: &str) -> String {
    let mut chars = form.chars();
    match chars.next() {
        Some(first) if like.chars().next().is_some_and(char::is_uppercase) => {
            first.to_uppercase().chain(chars).collect()
        }
        _ => form.to_string(),
    }
}

/// The occurrences not in the form used most (first letters aside). On a tie, a title of
/// several words keeps the form with more capitals, a single word the form used first.
fn minority(occurrences: &[Occurrence], several_words: bool) -> Vec<CaseVariant> {
    // A single word the article quotes as a title in lowercase (`from "hakobune"`,
    // `"omicron" spreads`) is a name styled in lowercase: a capital on it is then evidence
    // wherever its place does not force one, and a forced one is no vote.
    let styled_lowercase = !several_words
        && occurrences.iter().any(|occurrence| {
            occurrence.quoted && !occurrence.forced && lowercase_start(&occurrence.form)
        });
    let key = |occurrence: &Occurrence| {
        if styled_lowercase && !occurrence.forced {
            occurrence.form.clone()
        } else {
            fold_first_letter(&occurrence.form)
        }
    };
    let votes = |occurrence: &&Occurrence| !styled_lowercase || !occurrence.forced;
    // Each form (first letter folded where it is no evidence), its uses, and the exact
    // form it is first written in.
    let mut counts: Vec<(String, usize, &str)> = Vec::new();
    for occurrence in occurrences.iter().filter(votes) {
        let folded = key(occurrence);
        match counts.iter_mut().find(|(form, ..)| *form == folded) {
            Some((_, count, _)) => *count += 1,
            None => counts.push((folded, 1, &occurrence.form)),
        }
    }
    if counts.len() < 2 {
        return Vec::new();
    }
    let capitals = |form: &str| form.split(' ').filter(|word| capitalised(word)).count();
    let mut best = 0;
    for (k, (form, count, _)) in counts.iter().enumerate() {
        let (best_form, best_count, _) = &counts[best];
        let better = count > best_count
            || (count == best_count && several_words && capitals(form) > capitals(best_form));
        if better {
            best = k;
        }
    }
    let (kept, kept_uses, kept_written) = &counts[best];
    occurrences
        .iter()
        .filter_map(|occurrence| {
            let folded = key(occurrence);
            let forced_alike = occurrence.forced
                && fold_first_letter(&occurrence.form) == fold_first_letter(kept_written);
            if folded == *kept || forced_alike {
                return None;
            }
            let uses = counts
                .iter()
                .find(|(form, ..)| *form == folded)
                .map_or(1, |(_, count, _)| *count);
            let suggestion = if styled_lowercase && !occurrence.forced {
                kept_written.to_string()
            } else {
                with_first_letter_of(kept_written, &occurrence.form)
            };
            Some(CaseVariant {
                span: occurrence.span.clone(),
                suggestion,
                suggestion_uses: *kept_uses,
                uses,
            })
        })
        .collect()
}

/// The lowercase words capitalised in the middle of a phrase, where the article writes
/// them in lowercase more often.
fn lone_capitals(words: &Words, capitalised: impl Iterator<Item = usize>) -> Vec<CaseVariant> {
    let mut capital: HashMap<String, Vec<usize>> = HashMap::default();
    for i in capitalised.filter(|&i| i > 0) {
        // The word before must be a lowercase function word: its token says whether it
        // starts lowercase, and none is longer than five letters.
        let before_token = &words.tokens[i - 1];
        if !before_token.starts_lowercase()
            || before_token.byte_len() > 5
            || !words.spaced(i - 1, i)
        {
            continue;
        }
        let Some(before) = words
            .word(i - 1)
            .filter(|before| FUNCTION_WORDS.contains(before))
        else {
            continue;
        };
        let Some(word) = words.word(i) else { continue };
        // An ASCII word (its token says so) has as many characters as bytes.
        let length = if words.tokens[i].is_ascii() {
            word.len()
        } else {
            word.chars().count()
        };
        if length < 3 || !has_lowercase(word) {
            continue;
        }
        if stands_alone(words, i, before) && !in_title_case_sentence(words, i) {
            let key = word.to_lowercase();
            if !is_common_word(&key) {
                capital.entry(key).or_default().push(i);
            }
        }
    }
    if capital.is_empty() {
        return Vec::new();
    }
    // The words found capitalised, each with its lowercase uses mid-sentence, found by
    // a byte search of the text (SIMD) rather than by visiting every token.
    let mut counted: Vec<(&str, usize)> = capital.keys().map(|key| (key.as_str(), 0)).collect();
    for (key, count) in &mut counted {
        *count = written(words, key)
            .filter(|&i| i > 0 && words.word(i - 1).is_some() && words.spaced(i - 1, i))
            .count();
    }
    let mut variants = Vec::new();
    for (key, lower_uses) in counted {
        let places = &capital[key];
        if lower_uses <= places.len() {
            continue;
        }
        for &i in places {
            variants.push(CaseVariant {
                span: words.tokens[i].range(),
                suggestion: key.to_string(),
                suggestion_uses: lower_uses,
                uses: 1,
            });
        }
    }
    variants
}

/// The most tokens a heading in title case spans on either side of a word: a longer
/// sentence is prose.
const HEADING_REACH: usize = 30;

/// The fewest words of four letters or more, all capitalised, that make a heading.
const HEADING_LONG_WORDS: usize = 3;

/// Whether the word at `i` is in a sentence written in title case, a heading run into its
/// article (`Ginza Used to be a Peninsula?`), where a capital says nothing of a name:
/// every word of four letters or more is capitalised, and there are at least
/// [`HEADING_LONG_WORDS`] of them (a short run of names, `Putin Met Xi`, is no heading).
fn in_title_case_sentence(words: &Words, i: usize) -> bool {
    let segment = words.tokens[i].segment();
    // Whether token `t` is past the sentence: in another prose run, or its end mark.
    let outside = |t: usize| {
        words.tokens[t].segment() != segment || matches!(words.punct(t), Some('.' | '!' | '?'))
    };
    let mut start = i;
    while let Some(t) = start.checked_sub(1).filter(|&t| !outside(t)) {
        if i - t > HEADING_REACH {
            return false;
        }
        start = t;
    }
    let mut long_words = 0;
    for t in (start..words.tokens.len()).take_while(|&t| !outside(t)) {
        if t > i + HEADING_REACH {
            return false;
        }
        let Some(word) = words.word(t) else { continue };
        if word.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
            if !capitalised(word) {
                return false;
            }
            long_words += 1;
        }
    }
    long_words >= HEADING_LONG_WORDS
}

/// Whether the capitalised word at `i`, after the lowercase function word `before`, stands
/// alone in the middle of a phrase: `before` does not join it to a capitalised word
/// before, and a lowercase word after does not join it to a name.
fn stands_alone(words: &Words, i: usize, before: &str) -> bool {
    let joined_before = NAME_JOINERS.contains(&before)
        && i >= 2
        && words.spaced(i - 2, i - 1)
        && words.word(i - 2).is_some_and(capitalised);
    if joined_before {
        return false;
    }
    let next = i + 1;
    match words.word(next) {
        Some(after) if words.spaced(i, next) => {
            lowercase_start(after) && !NAME_JOINERS.contains(&after)
        }
        Some(_) => false,
        None => match words.tokens.get(next) {
            None => true,
            Some(_) => words
                .punct(next)
                .is_some_and(|c| matches!(c, ',' | '.' | ';' | ':' | ')' | '!' | '?')),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn variants(text: &str) -> Vec<(String, String)> {
        let document = Document::from_text("t.txt", text);
        case_variants(&document)
            .into_iter()
            .map(|variant| (text[variant.span].to_string(), variant.suggestion))
            .collect()
    }

    #[test]
    fn a_quoted_title_written_with_other_capitals_is_flagged() {
        assert_eq!(
            variants(
                "Works competed in \"Long Prose\" and \"Short Prose\". The winner in \
                 \"Long Prose\" was Filkin; in \"Short prose\" it was Bezbakh."
            ),
            [("Short prose".to_string(), "Short Prose".to_string())]
        );
    }

    #[test]
    fn a_capital_in_a_heading_in_title_case_is_no_slip() {
        let body = " The area was once a peninsula. The peninsula grew.";
        assert!(variants(&format!("Ginza Used to be a Peninsula?{body}")).is_empty());
        assert!(variants(&format!("\"Yes.\" Could That Coast be a Peninsula?!{body}")).is_empty());
        assert!(
            variants(
                "Could That Knee Pain be Gonarthrosis?! It is called \"gonarthrosis\". \
                 Symptoms of gonarthrosis vary."
            )
            .is_empty()
        );
        // Two long words are no heading; nor is a sentence with a lowercase one, nor one
        // longer than a heading.
        let long: String = (0..31).map(|n| format!("Word{n} ")).collect();
        assert_eq!(
            variants(&format!("{long}on a Peninsula.{body}")),
            [("Peninsula".to_string(), "peninsula".to_string())]
        );
        assert_eq!(
            variants(&format!("Putin Met Xi at a Peninsula.{body}")),
            [("Peninsula".to_string(), "peninsula".to_string())]
        );
        assert_eq!(
            variants(&format!("The Town was built on a Peninsula.{body}")),
            [("Peninsula".to_string(), "peninsula".to_string())]
        );
    }

    #[test]
    fn on_a_tie_a_single_word_keeps_its_first_form_and_a_title_its_capitals() {
        assert_eq!(
            variants("Fish from \"HAKOBUNE\" sells well, and \"Hakobune\" is busy."),
            [("Hakobune".to_string(), "HAKOBUNE".to_string())]
        );
        assert_eq!(
            variants("In \"Long prose\" and again in \"Long Prose\" the jury met."),
            [("Long prose".to_string(), "Long Prose".to_string())]
        );
    }

    #[test]
    fn the_first_letter_is_no_evidence_and_a_common_noun_is_no_title() {
        assert!(variants("He ate a \"tartar sauce\" sandwich. Tartar sauce is old.").is_empty());
        assert!(
            variants("The prize \"The Far East\" went to a writer from the Far East.").is_empty()
        );
        assert!(variants("Fish from \"hakobune\" sells well. \"Hakobune\" is busy.").is_empty());
        assert!(variants("The anime \"Demon Slayer\" asks what makes a demon slayer.").is_empty());
        assert_eq!(
            variants("Fish from \"Short Prose\" sells. short prose is busy."),
            [("short prose".to_string(), "Short Prose".to_string())]
        );
    }

    #[test]
    fn a_capital_on_a_name_quoted_in_lowercase_is_flagged_where_nothing_forces_it() {
        assert_eq!(
            variants("Lunch from \"hakobune\" sells out, and \"Hakobune\" opens at ten."),
            [("Hakobune".to_string(), "hakobune".to_string())]
        );
        assert!(variants("Fish from \"hakobune\" sells well. \"Hakobune\" is busy.").is_empty());
        assert!(
            variants("■ Swamp is a game. Its \"swamp\" of traps, the \"Sky Swamp\" bridge.")
                .is_empty()
        );
        assert!(variants("Fans of the zodiac \"Tiger\" ate, and the tiger slept.").is_empty());
    }

    #[test]
    fn a_lowercase_name_capitalised_once_mid_sentence_is_flagged() {
        assert_eq!(
            variants(
                "The omicron strain spreads, and the omicron strain may dominate. Deaths \
                 from the Omicron strain rose."
            ),
            [("Omicron".to_string(), "omicron".to_string())]
        );
    }

    #[test]
    fn capitals_inside_longer_names_and_common_words_are_left_alone() {
        assert!(
            variants(
                "Students of the University of Art and Design met. The art of design \
                 and the art of war. The press service of Formula 1 said the formula \
                 worked, and the formula held."
            )
            .is_empty()
        );
        assert!(variants("Enter the State Duma. The state said the state will pay.").is_empty());
        assert!(variants("He said \"for\" and \"For\" twice.").is_empty());
    }
}
