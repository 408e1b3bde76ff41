//! Name candidates: the capitalised words of a document that may be names, each with
//! what the words around it say (a given name before it, a title such as `Ms.`), grouped
//! by spelling. Sentence-initial common words, words the document also uses in lowercase,
//! months, days and acronyms are left out; English possessives (`’s`, `'s`, `s’`) are
//! taken off first.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet, FxHasher};
use std::hash::Hasher;
use std::ops::Range;
use std::sync::LazyLock;

use super::Settings;
use super::cluster::Spelling;
use super::key;
use crate::document::{Document, TokenKind};

/// Common English words, never taken for names when capitalised.
static COMMON_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("common_words.txt")
        .lines()
        .filter(|line| !line.starts_with('#'))
        .flat_map(str::split_whitespace)
        .collect()
});

/// The most letters a name candidate has: longer words are not names, and leaving them
/// out keeps every comparison short whatever the input.
pub const MAX_LETTERS: usize = 64;

/// Titles that mark a woman: a feminine surname after one is her own name, not a case
/// ending of a man's.
const FEMININE_TITLES: &[&str] = &["ms", "mrs", "miss", "mme", "madam", "madame", "lady"];

/// Whether `word` (in lowercase) is a common English word.
pub fn is_common_word(word: &str) -> bool {
    COMMON_WORDS.contains(word)
}

/// Whether `word` (in lowercase) is common English: listed itself (`e-mail`, `x-ray`), or
/// hyphenated of listed words only (`first-hand`).
fn is_common(word: &str, hyphenated: bool) -> bool {
    is_common_word(word) || (hyphenated && word.split(['-', '‐']).all(is_common_word))
}

/// `word` without a plural `s` (`E-cards` → `E-card`); words of three letters or fewer
/// and words in `ss` are left whole. Only ever compared with the same word in another
/// case, so `Times` → `Time` is harmless: the lowercase `time` is a common word.
pub fn singular(word: &str) -> &str {
    match word.as_bytes() {
        [.., before, b's' | b'S'] if word.len() > 3 && !matches!(before, b's' | b'S') => {
            &word[..word.len() - 1]
        }
        _ => word,
    }
}

/// The key by which singular and plural of one name meet: a compound (`E-Cards`, the
/// names of products and games that change number from sentence to sentence) without its
/// plural `s`; any other word whole, as a plain name and its plural are told apart by
/// `names`' inflection rules, and folding every word would compare most English plurals.
pub fn number_key(word: &str) -> &str {
    if word.contains(['-', '‐']) {
        singular(word)
    } else {
        word
    }
}

/// [`hash_lowercase`] of the [`number_key`] of `word`, given the hash of `word` itself
/// (`lowercase`) and whether it is `hyphenated` (which the caller knows already): a word
/// that is no compound is its own key and is not hashed again.
fn number_key_hash(word: &str, lowercase: u64, hyphenated: bool) -> u64 {
    if hyphenated {
        hash_lowercase(singular(word))
    } else {
        lowercase
    }
}

/// Whether a capital follows a hyphen inside `word` (`E-Card`, `Covid-Omicron`): no
/// sentence position forces it.
fn has_inner_capital(word: &str) -> bool {
    let mut after_hyphen = false;
    for c in word.chars() {
        if after_hyphen && c.is_uppercase() {
            return true;
        }
        after_hyphen = matches!(c, '-' | '‐');
    }
    false
}

/// One spelling of a candidate, with everything that is the same for all its occurrences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// The spelling as written, possessive taken off: `Ukibaya`, `Kassym Jomart`.
    pub text: String,
    /// How many times it occurs.
    pub count: usize,
}

/// One occurrence of a candidate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    /// Byte range into [`Document::text`], without the possessive.
    pub span: Range<usize>,
    /// Index of its spelling in [`Candidates::forms`].
    pub form: usize,
    /// The spelling of the name just before it (`Aidos` before `Ukibay`), if any.
    pub given: Option<usize>,
    /// Whether another name follows it directly (it is then used as a given name).
    pub followed: bool,
    /// Whether a feminine title (`Ms.`, `Mrs.`) comes before it or its given name.
    pub feminine: bool,
}

/// The name candidates of a document.
#[derive(Debug, Clone, Default)]
pub struct Candidates {
    /// The distinct spellings, in order of first occurrence.
    pub forms: Vec<Form>,
    /// For each form, its plain form and comparison key, as clustering takes them.
    pub spellings: Vec<Spelling>,
    /// Every occurrence, in document order.
    pub occurrences: Vec<Occurrence>,
}

/// `word` without an English possessive: `Ukibaya’s` → `Ukibaya`, `Russians’` → `Russians`.
#[inline]
pub fn strip_possessive(word: &str) -> &str {
    // Every possessive ends in `s`, `S`, `'` or the last byte of `’`.
    if !matches!(word.as_bytes().last(), Some(b's' | b'S' | b'\'' | 0x99)) {
        return word;
    }
    for suffix in ["’s", "'s", "’S", "'S", "’", "'"] {
        if let Some(stripped) = word.strip_suffix(suffix) {
            return stripped;
        }
    }
    word
}

/// A hash of the lowercase form of `word`, without building it: ASCII words (most of
/// them) take a byte loop; others fold each character. Both paths hash the same values,
/// so equal lowercase forms hash alike.
pub fn hash_lowercase(word: &str) -> u64 {
    let mut hasher = FxHasher::default();
    if word.is_ascii() {
        for byte in word.bytes() {
            hasher.write_u32(u32::from(byte.to_ascii_lowercase()));
        }
    } else {
        for c in word.chars().flat_map(char::to_lowercase) {
            hasher.write_u32(u32::from(c));
        }
    }
    hasher.finish()
}

/// A capitalised word kept as a candidate, before grouping.
struct Raw {
    token: usize,
    span: Range<usize>,
    possessive: bool,
    hyphenated: bool,
    /// Whether a capital follows a hyphen inside it ([`has_inner_capital`]).
    inner_capital: bool,
    feminine: bool,
    /// [`hash_lowercase`] of the word without its possessive.
    lowercase: u64,
    /// [`hash_lowercase`] of its [`singular`]: singular and plural hash alike.
    singular: u64,
    /// Which of the document's distinct spellings (possessive taken off) it is.
    spelling: u32,
}

/// What a capitalised word was judged to be, once per document.
#[derive(Clone, Copy)]
struct Judged {
    core_length: usize,
    hyphenated: bool,
    inner_capital: bool,
    lowercase: u64,
    singular: u64,
    spelling: u32,
}

/// Which words could be a candidate written in lowercase: for each first lowercase ASCII
/// letter and length (up to 15) of the candidates' lowercase spellings, and of those
/// spellings with an ASCII possessive (`'s`, `'`), a bit per last byte. It is asked about
/// every ASCII token as written, possessive and all, with no branch on the token's kind:
/// nearly every token misses it and is passed over without being read further.
struct LowercaseFilter([[u64; 16]; ROWS]);

/// Rows of [`LowercaseFilter`]: one per lowercase ASCII letter, and [`EMPTY_ROW`].
const ROWS: usize = 27;

/// The row of tokens that start with any byte but a lowercase ASCII letter (capitals,
/// digits, punctuation): never marked, so such tokens never pass the filter.
const EMPTY_ROW: u8 = 26;

/// The [`LowercaseFilter`] row of a token's first byte.
const FILTER_ROWS: [u8; 256] = {
    let mut rows = [EMPTY_ROW; 256];
    let mut letter = 0;
    while letter < 26 {
        rows[(b'a' + letter) as usize] = letter;
        letter += 1;
    }
    rows
};

impl LowercaseFilter {
    /// Where a spelling of `length` bytes starting with `first` and ending with `last`
    /// goes: row, length column (up to 15) and the bit of its last byte (`| 0x20`
    /// lowercases letters and leaves apostrophes alike on both sides).
    fn slot(first: u8, length: usize, last: u8) -> (usize, usize, u64) {
        let row = usize::from(FILTER_ROWS[usize::from(first)]);
        (row, length.min(15), 1 << ((last | 0x20) & 63))
    }

    /// Marks a spelling (see [`LowercaseFilter::slot`]).
    fn set(&mut self, first: u8, length: usize, last: u8) {
        let (row, column, bit) = Self::slot(first, length, last);
        self.0[row][column] |= bit;
    }

    /// Adds a candidate's lowercase spelling, and the same with `'s` and `'` after it. One
    /// outside ASCII is left out: no ASCII word lowercases to it, and words outside ASCII
    /// are always looked up.
    fn insert(&mut self, lower: &str) {
        let bytes = lower.as_bytes();
        let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
            return;
        };
        if !lower.is_ascii() || FILTER_ROWS[usize::from(first)] == EMPTY_ROW {
            return;
        }
        self.set(first, bytes.len(), last);
        self.set(first, bytes.len() + 2, b's');
        self.set(first, bytes.len() + 1, b'\'');
        // The other number of a compound: `e-card` for `E-Cards`, `e-cards` (and
        // `e-cards'`) for `E-Card`.
        if !lower.contains(['-', '‐']) {
            return;
        }
        let single = singular(lower).as_bytes();
        if single.len() < bytes.len() {
            self.set(first, single.len(), single[single.len() - 1]);
        } else {
            self.set(first, bytes.len() + 1, b's');
            self.set(first, bytes.len() + 2, b'\'');
        }
    }

    /// Whether the ASCII `word`, as written, may be a candidate's lowercase spelling
    /// (possessive or not). Words starting with anything but a lowercase ASCII letter
    /// never may: their row is empty.
    fn may_hold(&self, word: &[u8]) -> bool {
        let (Some(&first), Some(&last)) = (word.first(), word.last()) else {
            return false;
        };
        self.may_hold_ends(first, word.len(), last)
    }

    /// [`LowercaseFilter::may_hold`] of a word known by its length and its ends.
    fn may_hold_ends(&self, first: u8, length: usize, last: u8) -> bool {
        let (row, column, bit) = Self::slot(first, length, last);
        self.0[row][column] & bit != 0
    }
}

/// What the characters of a capitalised word are, counted in one pass.
struct Letters {
    /// How many letters.
    count: usize,
    /// Whether any character is numeric.
    numeric: bool,
    /// Whether any letter is not uppercase (an acronym has none).
    lowercase: bool,
    /// Whether it holds a hyphen.
    hyphen: bool,
}

impl Letters {
    /// The letters of `word`, read as bytes when it is ASCII.
    fn of(word: &str) -> Self {
        let mut letters = Self {
            count: 0,
            numeric: false,
            lowercase: false,
            hyphen: false,
        };
        if word.is_ascii() {
            for byte in word.bytes() {
                letters.count += usize::from(byte.is_ascii_alphabetic());
                letters.numeric |= byte.is_ascii_digit();
                letters.lowercase |= byte.is_ascii_lowercase();
                letters.hyphen |= byte == b'-';
            }
            return letters;
        }
        for c in word.chars() {
            if c.is_alphabetic() {
                letters.count += 1;
                letters.lowercase |= !c.is_uppercase();
            }
            letters.numeric |= c.is_numeric();
            letters.hyphen |= matches!(c, '-' | '‐');
        }
        letters
    }
}

/// Finds the name candidates of `document`: capitalised words of at least `min_length`
/// letters (of `settings`) that are not common words, acronyms or words the document also
/// writes in lowercase, unless the capitalised word stands alone mid-sentence often enough
/// to be a name written in lowercase by mistake (`Ginza` … `ginza`): then its lowercase
/// occurrences are candidates too. A space-separated pair that another occurrence writes
/// as one word (`Kassym Jomart` beside `Kassym-Jomart`, `Tiger Mask` beside `Tigermask`)
/// is one candidate.
pub fn extract(document: &Document, settings: &Settings) -> Candidates {
    let min_length = settings.min_length;
    let text = document.text();
    let tokens = document.tokens();
    let mut lower = String::new();
    // At most one raw candidate per capitalised word (acronyms aside): reserved at once,
    // the list is not copied as it grows.
    let mut raws: Vec<Raw> = Vec::with_capacity(document.capitalised_words().len());
    let mut filter = LowercaseFilter([[0; 16]; ROWS]);
    let mut judged: HashMap<&str, Option<Judged>> =
        HashMap::with_capacity_and_hasher(256, Default::default());
    // The distinct spellings without possessives (`Ukibay` for `Ukibay` and `Ukibay’s`),
    // numbered as first judged: grouping finds a spelling's form by number.
    let mut spellings: HashMap<&str, u32> = HashMap::default();
    // Acronyms written with full stops (`U.S.`): the first token of each and its span.
    let mut dotted: Vec<(usize, Range<usize>)> = Vec::new();
    for index in document.capitalised_words() {
        let token = &tokens[index];
        if token.byte_len() == 1 {
            if let Some(span) = dotted_acronym(document, index) {
                if dotted.last().is_none_or(|(_, last)| last.end < span.start) {
                    dotted.push((index, span));
                }
            }
            continue;
        }
        let word = &text[token.range()];
        // A capitalised word is judged once per document: most recur (`The`, names).
        let judged = *judged.entry(word).or_insert_with(|| {
            let core = strip_possessive(word);
            let letters = Letters::of(core);
            if letters.count < min_length.max(2)
                || letters.count > MAX_LETTERS
                || letters.numeric
                || !letters.lowercase
            {
                return None;
            }
            lower.clear();
            if core.is_ascii() {
                lower.push_str(core);
                lower.make_ascii_lowercase();
            } else {
                lower.extend(core.chars().flat_map(char::to_lowercase));
            }
            if is_common(&lower, letters.hyphen) {
                return None;
            }
            filter.insert(&lower);
            let next = u32::try_from(spellings.len()).unwrap_or(u32::MAX);
            let lowercase = hash_lowercase(core);
            Some(Judged {
                core_length: core.len(),
                hyphenated: letters.hyphen,
                inner_capital: letters.hyphen && has_inner_capital(core),
                lowercase,
                singular: number_key_hash(core, lowercase, letters.hyphen),
                spelling: *spellings.entry(core).or_insert(next),
            })
        });
        let Some(judged) = judged else {
            continue;
        };
        raws.push(Raw {
            token: index,
            span: token.range().start..token.range().start + judged.core_length,
            possessive: judged.core_length < word.len(),
            hyphenated: judged.hyphenated,
            inner_capital: judged.inner_capital,
            feminine: after_feminine_title(document, index),
            lowercase: judged.lowercase,
            singular: judged.singular,
            spelling: judged.spelling,
        });
    }
    if !raws.is_empty() {
        // The lowercase words that may be a candidate's (by their hash), and where.
        let mut lowercase_words: Vec<Lowercase> = Vec::new();
        for (index, token) in tokens.iter().enumerate() {
            // Words outside ASCII are rare and always looked up; an ASCII token is looked
            // up only when the filter holds it. Its shape is read first: over half the
            // tokens start with no lowercase letter and are passed over by it alone.
            if !token.starts_lowercase() || token.kind != TokenKind::Word {
                continue;
            }
            let (first, last) = (token.first_byte(), token.last_byte());
            if token.is_ascii() && !filter.may_hold_ends(first, token.byte_len(), last) {
                continue;
            }
            let core = strip_possessive(&text[token.range()]);
            if !core.is_ascii() || filter.may_hold(core.as_bytes()) {
                let hash = hash_lowercase(core);
                let hyphenated = core.contains(['-', '‐']);
                lowercase_words.push(Lowercase {
                    hash,
                    singular: number_key_hash(core, hash, hyphenated),
                    index,
                });
            }
        }
        if !lowercase_words.is_empty() {
            lowercase_names(
                document,
                &mut raws,
                &lowercase_words,
                &mut spellings,
                settings,
            );
        }
    }
    if !dotted.is_empty() {
        acronyms(document, &dotted, &mut raws, &mut spellings);
    }
    group(document, raws, spellings.len())
}

/// The span of the acronym written with full stops that starts at the one-letter token
/// `index` (`U.S.`, `U.K.`, `U.S.S.R.`: capital letters each followed by a full stop, with
/// nothing between them), if there is one of two letters or more.
fn dotted_acronym(document: &Document, index: usize) -> Option<Range<usize>> {
    let tokens = document.tokens();
    let text = document.text().as_bytes();
    let mut at = index;
    let mut letters = 0;
    let mut end = tokens[index].range().start;
    while let (Some(letter), Some(stop)) = (tokens.get(at), tokens.get(at + 1)) {
        let continues = letter.range().start == end
            && letter.byte_len() == 1
            && text[letter.range().start].is_ascii_uppercase()
            && stop.kind == TokenKind::Punct
            && stop.range() == (letter.range().end..letter.range().end + 1)
            && text[stop.range().start] == b'.';
        if !continues {
            break;
        }
        letters += 1;
        end = stop.range().end;
        at += 2;
    }
    (letters >= 2).then(|| tokens[index].range().start..end)
}

/// Adds to `raws` the acronyms of a document that writes some of them with full stops
/// (`dotted`: first token and span): each dotted one, and each capitalised word that is
/// the same letters without the stops (`US` beside `U.S.`). Other acronyms stay out.
fn acronyms<'t>(
    document: &'t Document,
    dotted: &[(usize, Range<usize>)],
    raws: &mut Vec<Raw>,
    spellings: &mut HashMap<&'t str, u32>,
) {
    let text = document.text();
    let tokens = document.tokens();
    let letters = |span: &Range<usize>| -> String {
        text[span.clone()]
            .chars()
            .filter(char::is_ascii_uppercase)
            .collect()
    };
    let wanted: HashSet<String> = dotted.iter().map(|(_, span)| letters(span)).collect();
    let mut push = |raws: &mut Vec<Raw>, token: usize, span: Range<usize>, possessive: bool| {
        let next = u32::try_from(spellings.len()).unwrap_or(u32::MAX);
        let spelling = *spellings.entry(&text[span.clone()]).or_insert(next);
        let hash = hash_lowercase(&text[span.clone()]);
        raws.push(Raw {
            token,
            lowercase: hash,
            singular: hash,
            span,
            possessive,
            hyphenated: false,
            inner_capital: false,
            feminine: false,
            spelling,
        });
    };
    let before = raws.len();
    for (token, span) in dotted {
        push(raws, *token, span.clone(), false);
    }
    for index in document.capitalised_words() {
        let token = &tokens[index];
        let word = &text[token.range()];
        let core = strip_possessive(word);
        if core.len() >= 2 && core.bytes().all(|b| b.is_ascii_uppercase()) && wanted.contains(core)
        {
            let start = token.range().start;
            push(
                raws,
                index,
                start..start + core.len(),
                core.len() < word.len(),
            );
        }
    }
    if raws.len() > before {
        raws.sort_by_key(|raw| raw.token);
    }
}

/// A lowercase word that may be a candidate's: its [`hash_lowercase`], that of its
/// [`singular`], and its token.
struct Lowercase {
    hash: u64,
    singular: u64,
    index: usize,
}

/// How one name, singular and plural together, is used capitalised.
#[derive(Default)]
struct Capitalised {
    /// Every capitalised use.
    uses: usize,
    /// Uses standing alone mid-sentence ([`stands_alone`]).
    standalone: usize,
    /// Uses with a capital after a hyphen outside a title ([`in_title_case`]).
    inner: usize,
}

/// Leaves out the candidates that `lowercase_words` also write in lowercase (the same
/// word, same number), except the names among them; the lowercase occurrences of those,
/// singular or plural, become candidates. A name is capitalised where no position forces
/// it: alone mid-sentence at least `lowercase_min_uses` times, and `lowercase_ratio` times
/// as often as it is written in lowercase (`Ginza` … `ginza`); or with a capital after a
/// hyphen, outside a title, and capitalised at least twice as often as in lowercase
/// (`E-Cards` … `e-card`). Only lowercase words with no capital and that are not common
/// English (`time` beside `Times`) count as the name written in lowercase.
fn lowercase_names<'t>(
    document: &'t Document,
    raws: &mut Vec<Raw>,
    lowercase_words: &[Lowercase],
    spellings: &mut HashMap<&'t str, u32>,
    settings: &Settings,
) {
    let text = document.text();
    let tokens = document.tokens();
    let written = |word: &Lowercase| strip_possessive(&text[tokens[word.index].range()]);
    let mut lowercase: HashSet<u64> = HashSet::default();
    // Uses of a name in lowercase, by the hash of its singular.
    let mut uses: HashMap<u64, usize> = HashMap::default();
    for word in lowercase_words {
        lowercase.insert(word.hash);
        let core = written(word);
        if !core.chars().any(char::is_uppercase)
            && !is_common(singular(core), core.contains(['-', '‐']))
        {
            *uses.entry(word.singular).or_default() += 1;
        }
    }
    let mut capitalised: HashMap<u64, Capitalised> = HashMap::default();
    if settings.lowercase_min_uses > 0 {
        for raw in raws.iter() {
            if uses.contains_key(&raw.singular) {
                let entry = capitalised.entry(raw.singular).or_default();
                entry.uses += 1;
                entry.standalone += usize::from(stands_alone(document, raw.token));
                entry.inner +=
                    usize::from(raw.inner_capital && !in_title_case(document, raw.token));
            }
        }
    }
    let names: HashSet<u64> = capitalised
        .into_iter()
        .filter(|(hash, capitalised)| {
            let lowercase_uses = uses[hash] as f64;
            let standalone = capitalised.standalone >= settings.lowercase_min_uses
                && capitalised.standalone as f64 >= settings.lowercase_ratio * lowercase_uses;
            let inner = capitalised.inner > 0 && capitalised.uses as f64 >= 2.0 * lowercase_uses;
            standalone || inner
        })
        .map(|(hash, _)| hash)
        .collect();
    raws.retain(|raw| !lowercase.contains(&raw.lowercase) || names.contains(&raw.singular));
    if names.is_empty() {
        return;
    }
    for word in lowercase_words {
        let core = written(word);
        if !names.contains(&word.singular)
            || core.chars().any(char::is_uppercase)
            || is_common(singular(core), core.contains(['-', '‐']))
        {
            continue;
        }
        let start = tokens[word.index].range().start;
        let next = u32::try_from(spellings.len()).unwrap_or(u32::MAX);
        raws.push(Raw {
            token: word.index,
            span: start..start + core.len(),
            possessive: start + core.len() < tokens[word.index].range().end,
            hyphenated: core.contains(['-', '‐']),
            inner_capital: false,
            feminine: false,
            lowercase: word.hash,
            singular: word.singular,
            spelling: *spellings.entry(core).or_insert(next),
        });
    }
    raws.sort_by_key(|raw| raw.token);
}

/// Words that a title in title case leaves in lowercase.
const TITLE_SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "nor", "for", "of", "in", "on", "at", "to", "by", "with",
    "from", "as", "vs", "via", "per",
];

/// Whether the capitalised word at token `index` is part of a title in title case
/// (`Loans to Small and Medium-Sized Businesses`): the nearest word before or after it in
/// its sentence, small words of titles skipped, is capitalised too. The same word again
/// (a heading run into its paragraph: `E-Cards E-Cards are`) does not count.
fn in_title_case(document: &Document, index: usize) -> bool {
    let tokens = document.tokens();
    let segment = tokens[index].segment();
    let own = singular(strip_possessive(document.token_text(&tokens[index])));
    let capitalised_neighbour = |forward: bool| {
        let mut at = index;
        for _ in 0..4 {
            let next = if forward {
                at.checked_add(1)
            } else {
                at.checked_sub(1)
            };
            let Some(token) = next.and_then(|i| tokens.get(i)) else {
                return false;
            };
            at = next.unwrap_or_default();
            if token.kind != TokenKind::Word || token.segment() != segment {
                return false;
            }
            // A small word is skipped in either case: capitalised, it starts the
            // sentence after a heading run into it (`E-Card A two-player game`).
            let word = document.token_text(token);
            if TITLE_SMALL_WORDS
                .iter()
                .any(|small| small.eq_ignore_ascii_case(word))
            {
                continue;
            }
            return token.starts_uppercase()
                && !singular(strip_possessive(word)).eq_ignore_ascii_case(own);
        }
        false
    };
    capitalised_neighbour(false) || capitalised_neighbour(true)
}

/// Whether the capitalised word at token `index` stands alone mid-sentence: after a
/// lowercase word and not before another capitalised word or a number (so neither at the
/// start of a sentence nor inside a title, a longer name or a numbered label: `the Top 10`
/// says nothing of `the top spots`).
fn stands_alone(document: &Document, index: usize) -> bool {
    let tokens = document.tokens();
    let segment = tokens[index].segment();
    let word = |t: &&crate::document::Token| t.kind == TokenKind::Word && t.segment() == segment;
    let before = index
        .checked_sub(1)
        .and_then(|i| tokens.get(i))
        .filter(word);
    let after = tokens.get(index + 1).filter(|t| t.segment() == segment);
    before.is_some_and(|t| t.starts_lowercase())
        && !after.is_some_and(|t| {
            t.kind == TokenKind::Number || (t.kind == TokenKind::Word && t.starts_uppercase())
        })
}

/// The keys of a document's single-word candidates, asked whether two adjacent words are
/// one of them written apart (`Tiger Mask` for `Tigermask`). A bit per first byte and
/// length of a key answers most pairs without building their key.
struct Words<'s> {
    keys: Vec<&'s str>,
    lengths: [u64; 32],
}

impl<'s> Words<'s> {
    fn new(spelled: &'s [Option<Spelling>]) -> Self {
        let mut words = Self {
            keys: Vec::new(),
            lengths: [0; 32],
        };
        for spelling in spelled.iter().flatten() {
            let key = spelling.key.as_str();
            if let Some(&first) = key.as_bytes().first() {
                words.lengths[usize::from(first & 31)] |= 1 << key.len().min(63);
                words.keys.push(key);
            }
        }
        words
    }

    /// Whether some key starts as `a` does and is about as long as `a` and `b` together
    /// (folding at the join may shorten it by up to two letters).
    fn may_hold(&self, a: &Option<Spelling>, b: &Option<Spelling>) -> bool {
        let (Some(a), Some(b)) = (a, b) else {
            return false;
        };
        let (Some(&first), joined) = (a.key.as_bytes().first(), a.key.len() + b.key.len()) else {
            return false;
        };
        let lengths = self.lengths[usize::from(first & 31)];
        (joined.saturating_sub(2)..=joined).any(|length| lengths & (1 << length.min(63)) != 0)
    }

    /// Whether `key` is the key of a single-word candidate.
    fn holds(&self, key: &str) -> bool {
        self.keys.contains(&key)
    }
}

/// Particles inside a full name: `Marine Le Pen` is `Marine` followed by `Pen`, so
/// `Marine` is used as a given name there.
const PARTICLES: &[&str] = &[
    "le", "la", "de", "da", "di", "du", "del", "van", "von", "der", "den", "ter", "al", "el",
    "bin", "ibn", "ben", "dos", "das",
];

/// Whether `word` is a particle of a full name ([`PARTICLES`]), in any case.
fn is_particle(word: &str) -> bool {
    word.len() <= 3 && PARTICLES.iter().any(|p| p.eq_ignore_ascii_case(word))
}

/// Whether the words before token `index` are a feminine title (`Ms.`, `Mrs`).
fn after_feminine_title(document: &Document, index: usize) -> bool {
    let tokens = document.tokens();
    let word_at = |i: usize| {
        tokens
            .get(i)
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| document.token_text(t))
    };
    let before = index.checked_sub(1).and_then(|i| tokens.get(i));
    let title = match before {
        Some(t) if t.kind == TokenKind::Punct && document.token_text(t) == "." => {
            index.checked_sub(2).and_then(word_at)
        }
        Some(_) => index.checked_sub(1).and_then(word_at),
        None => None,
    };
    title.is_some_and(|t| FEMININE_TITLES.iter().any(|f| f.eq_ignore_ascii_case(t)))
}

/// Groups raw candidates by spelling (`spellings` distinct ones), links each to the name
/// before it, and joins space-separated pairs that are elsewhere written as one word,
/// with or without a hyphen.
fn group(document: &Document, raws: Vec<Raw>, spellings: usize) -> Candidates {
    let text = document.text();
    let tokens = document.tokens();
    let adjacent = |a: &Raw, b: &Raw| {
        (b.token == a.token + 1
            || (b.token == a.token + 2 && is_particle(document.token_text(&tokens[a.token + 1]))))
            && !a.possessive
            && tokens[a.token].segment() == tokens[b.token].segment()
            && !text[a.span.end..b.span.start].contains('\n')
    };
    // The spelling of each distinct word, computed once.
    let mut spelled: Vec<Option<Spelling>> = vec![None; spellings];
    for raw in &raws {
        spelled[raw.spelling as usize]
            .get_or_insert_with(|| Spelling::new(&text[raw.span.clone()]));
    }
    let words = Words::new(&spelled);
    // Each span with its spelling's number, `None` for a joined pair.
    let mut spans: Vec<(Range<usize>, bool, Option<u32>)> = Vec::with_capacity(raws.len());
    let mut chained: Vec<bool> = Vec::with_capacity(raws.len());
    let mut index = 0;
    while index < raws.len() {
        let raw = &raws[index];
        let joined = raws.get(index + 1).filter(|next| {
            !raw.hyphenated
                && !next.hyphenated
                && adjacent(raw, next)
                && words.may_hold(
                    &spelled[raw.spelling as usize],
                    &spelled[next.spelling as usize],
                )
                && words.holds(&key::key(&text[raw.span.start..next.span.end]))
        });
        let previous_adjacent = index > 0 && adjacent(&raws[index - 1], raw);
        match joined {
            Some(next) => {
                spans.push((raw.span.start..next.span.end, raw.feminine, None));
                index += 2;
            }
            None => {
                spans.push((raw.span.clone(), raw.feminine, Some(raw.spelling)));
                index += 1;
            }
        }
        chained.push(previous_adjacent);
    }
    let mut forms: Vec<Form> = Vec::new();
    let mut keys: Vec<Spelling> = Vec::new();
    // A form is found by its spelling's number, a joined pair by its text (which has a
    // space, so it is never the spelling of one word).
    let mut by_spelling: Vec<Option<usize>> = vec![None; spellings];
    let mut joined: HashMap<&str, Option<usize>> = HashMap::default();
    let mut occurrences: Vec<Occurrence> = Vec::with_capacity(spans.len());
    for (position, (span, feminine, spelling)) in spans.iter().enumerate() {
        let written = &text[span.clone()];
        let slot = match spelling {
            Some(number) => &mut by_spelling[*number as usize],
            None => joined.entry(written).or_default(),
        };
        let form = *slot.get_or_insert_with(|| {
            forms.push(Form {
                text: written.to_string(),
                count: 0,
            });
            keys.push(
                spelling
                    .and_then(|number| spelled[number as usize].take())
                    .unwrap_or_else(|| Spelling::new(written)),
            );
            forms.len() - 1
        });
        forms[form].count += 1;
        let given = (position > 0 && chained[position]).then(|| occurrences[position - 1].form);
        if given.is_some() {
            occurrences[position - 1].followed = true;
        }
        let given_feminine = given.is_some() && occurrences[position - 1].feminine;
        occurrences.push(Occurrence {
            span: span.clone(),
            form,
            given,
            followed: false,
            feminine: *feminine || given_feminine,
        });
    }
    Candidates {
        forms,
        spellings: keys,
        occurrences,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spellings(text: &str) -> Vec<String> {
        let document = Document::from_text("t", text);
        let candidates = extract(&document, &Settings::default());
        candidates
            .occurrences
            .iter()
            .map(|o| candidates.forms[o.form].text.clone())
            .collect()
    }

    #[test]
    fn overlong_words_are_not_candidates() {
        let long = format!("K{}", "a".repeat(MAX_LETTERS));
        assert!(spellings(&format!("{long} left. {long}a stayed.")).is_empty());
    }

    #[test]
    fn possessives_are_taken_off() {
        assert_eq!(
            spellings("Ukibaya’s account and Kazakhs’ land"),
            ["Ukibaya", "Kazakhs"]
        );
    }

    #[test]
    fn common_words_acronyms_months_and_lowercase_words_are_not_candidates() {
        assert!(spellings("However, in March the NATO Press said Monday.").is_empty());
        assert_eq!(
            spellings("Russian troops. The russian word."),
            Vec::<String>::new()
        );
        assert!(spellings("Separately, he left. It was signed separately.").is_empty());
    }

    #[test]
    fn a_word_written_in_lowercase_with_a_possessive_is_not_a_candidate() {
        for text in [
            "Steppe roads. The steppe's edge.",
            "Steppe roads. The steppe’s edge.",
            "Steppes roads. The steppes' edge.",
            "Steppes roads. The steppes’ edge.",
            "Élysée gardens. The élysée’s gardens.",
        ] {
            assert!(spellings(text).is_empty(), "{text}");
        }
        assert_eq!(
            spellings("Steppe roads. The steppes' edge."),
            ["Steppe"],
            "another word's possessive"
        );
        assert_eq!(
            spellings("Élysée gardens. The élysées’ gardens."),
            ["Élysée"]
        );
    }

    #[test]
    fn given_names_and_titles_are_recorded() {
        let document = Document::from_text("t", "Ms. Dariga Nazarbayeva met Aidos Ukibay.");
        let c = extract(&document, &Settings::default());
        let text = |i: usize| c.forms[i].text.as_str();
        assert_eq!(c.occurrences.len(), 4);
        assert!(c.occurrences[0].feminine && c.occurrences[0].followed);
        assert_eq!(c.occurrences[1].given.map(text), Some("Dariga"));
        assert!(c.occurrences[1].feminine);
        assert_eq!(c.occurrences[3].given.map(text), Some("Aidos"));
        assert!(!c.occurrences[3].feminine);
    }

    #[test]
    fn singular_takes_off_one_plural_s() {
        assert_eq!(singular("E-Cards"), "E-Card");
        assert_eq!(singular("e-card"), "e-card");
        assert_eq!(singular("Bus"), "Bus");
        assert_eq!(singular("Glass"), "Glass");
    }

    #[test]
    fn a_name_capitalised_after_a_hyphen_takes_in_its_lowercase_uses_of_either_number() {
        assert_eq!(
            spellings("The game E-Cards is sold. E-Cards are cheap, and he won an e-card."),
            ["E-Cards", "E-Cards", "e-card"]
        );
        // Capitalised as often as in lowercase: not enough.
        assert_eq!(
            spellings("The game E-Cards is sold, and he won an e-card."),
            ["E-Cards"]
        );
    }

    #[test]
    fn capitals_a_title_or_a_name_inside_forces_are_no_evidence() {
        for text in [
            "Aid to Small and Medium-Sized Businesses. Medium-sized firms grew, as medium-sized firms do.",
            "Anti-Russian laws. Anti-Russian moods grew, and anti-Russian slogans.",
            "E-Mail is free. E-Mail is fast, so send an e-mail.",
        ] {
            let document = Document::from_text("t", text);
            let candidates = extract(&document, &Settings::default());
            assert!(
                candidates.forms.iter().all(|f| !f.text.contains('-')),
                "{text}: {:?}",
                candidates.forms
            );
        }
    }

    #[test]
    fn a_plural_name_does_not_take_in_a_common_word() {
        let text = "The Times said it, the Times wrote, the Times added. At the time few knew.";
        assert_eq!(spellings(text), ["Times", "Times", "Times"]);
    }

    #[test]
    fn a_pair_written_elsewhere_with_a_hyphen_is_one_candidate() {
        assert_eq!(
            spellings("Kassym-Jomart Tokayev spoke. Kassym Jomart Tokayev left."),
            ["Kassym-Jomart", "Tokayev", "Kassym Jomart", "Tokayev"]
        );
    }
}
