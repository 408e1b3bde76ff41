//! Quotation marks and brackets of a source paragraph against those of its translation.
//!
//! A quotation that loses its marks turns a person's words into the newspaper's; a
//! parenthesis that disappears takes its content with it (`約68億円` gone from a price), and
//! one that appears from nowhere is often the translator's gloss or an invention. Machine
//! translation does all three, and the English alone cannot show it. The check counts, per
//! paragraph, the quotations and the bracket pairs on each side, in any style (`«»`,
//! `„“`, `“”`, `""`, `「」`, `『』`, `《》`, `＂`, and English single quotes, not apostrophes;
//! `()`, `（）`, `[]`, `［］`, `【】`, `〔〕`), and reports a side that has fewer or more.
//!
//! Translation changes some marks legitimately, by the conventions of each language, and
//! those are *optional*: a translation may drop them, or add them, without a report.
//! - **Quoted names and terms.** Russian quotes the names of companies, newspapers, teams
//!   and products (`«Газпром»`, `«Известия»`); English writes them bare, and quotes terms
//!   and nicknames the source writes bare. A quotation of three words or fewer (a word
//!   counted per three Han or kana characters, which write a word in two or three) is
//!   optional on either side; a longer one is speech, expected on both.
//! - **Japanese corner brackets** `「」` mark speech and terms alike, and English renders
//!   the speech as often in indirect speech ("said that …") as in quotation marks: the
//!   human references of the WMT22 Japanese news do it in four articles of 25. They are
//!   optional, as are titles of works in `『』` or `《》`, which become italics.
//! - **Glosses in brackets.** A bracket that holds only a number (an age: `田中さん（45）`
//!   is `Tanaka, 45`), only Latin script in a non-Latin text (the original spelling of a
//!   name the English already writes), only kana (a reading), or one weekday (`（金）`).
//!
//! A target with fewer marks than the source's required ones is reported on the whole
//! paragraph (which quotation went missing cannot be told from counts); a target with more
//! required marks than all the source's marks, on the first required mark beyond the
//! source's count, where a reader starts looking.

use std::ops::Range;

use unicode_script::{Script, UnicodeScript};

/// Quotation or bracket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// A quotation, in any style of quotation marks.
    Quotation,
    /// A pair of round, square or lenticular brackets.
    Bracket,
}

/// One quotation or bracket pair of a text, or a lone mark whose partner is missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    /// Quotation or bracket.
    pub kind: Kind,
    /// The byte range of its first mark (the opening one, or the lone mark).
    pub mark: Range<usize>,
    /// The byte range of what it encloses; `None` for a lone mark.
    pub content: Option<Range<usize>>,
    /// Whether a translation may leave its marks out (see the module documentation).
    pub optional: bool,
}

/// Whether the target has fewer or more marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// The target has fewer than the source's required marks.
    Missing,
    /// The target has more than all the source's marks.
    Added,
}

/// A paragraph whose quotations or brackets differ in number from its source's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// Quotations or brackets.
    pub kind: Kind,
    /// Fewer or more.
    pub direction: Direction,
    /// Pairs of this kind in the source paragraph.
    pub source: usize,
    /// Of those, the pairs a translation must keep.
    pub required: usize,
    /// Pairs of this kind in the target paragraph.
    pub target: usize,
    /// Of those, the pairs that are not optional (what an added mark is judged by).
    pub target_required: usize,
    /// Where to look in the target: the whole paragraph, or the first extra mark.
    pub span: Range<usize>,
}

/// Compares the quotations and brackets of a source paragraph with its translation's.
pub fn compare(source: &str, target: &str) -> Vec<Mismatch> {
    let source_pairs = pairs(source);
    let target_pairs = pairs(target);
    let mut found = Vec::new();
    for kind in [Kind::Quotation, Kind::Bracket] {
        let mine: Vec<&Pair> = source_pairs.iter().filter(|p| p.kind == kind).collect();
        let theirs: Vec<&Pair> = target_pairs.iter().filter(|p| p.kind == kind).collect();
        let required = mine.iter().filter(|p| !p.optional).count();
        let theirs_required: Vec<&&Pair> = theirs.iter().filter(|p| !p.optional).collect();
        let (direction, span) = if theirs.len() < required {
            (Direction::Missing, 0..target.len())
        } else if let Some(extra) = theirs_required.get(mine.len()) {
            (Direction::Added, extra.mark.clone())
        } else {
            continue;
        };
        found.push(Mismatch {
            kind,
            direction,
            source: mine.len(),
            required,
            target: theirs.len(),
            target_required: theirs_required.len(),
            span,
        });
    }
    found
}

/// The quotations and bracket pairs of `text`, in the order of their first marks.
pub fn pairs(text: &str) -> Vec<Pair> {
    let non_latin = is_mostly_non_latin(text);
    let mut found = Vec::new();
    let mut quotes: Vec<(char, Range<usize>)> = Vec::new();
    let mut brackets: Vec<(char, Range<usize>)> = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(at, c)) in chars.iter().enumerate() {
        let before = i.checked_sub(1).and_then(|j| chars.get(j)).map(|&(_, c)| c);
        let after = chars.get(i + 1).map(|&(_, c)| c);
        let mark = at..at + c.len_utf8();
        if let Some(close) = closing_bracket(c) {
            brackets.push((close, mark));
        } else if is_closing_bracket(c) {
            if let Some(k) = brackets.iter().rposition(|&(close, _)| close == c) {
                let (_, open) = brackets.remove(k);
                found.push(bracket(text, open, Some(at), non_latin));
            }
        } else {
            match quote_role(c, before, after, &quotes) {
                Role::Open => quotes.push((c, mark)),
                Role::Close => {
                    match quotes.iter().rposition(|&(open, _)| closes(open, c)) {
                        Some(k) => {
                            let (open, start) = quotes.remove(k);
                            found.push(quotation(text, open, start, Some(at)));
                        }
                        // A closing mark with nothing to close stands for a quotation
                        // whose opening mark is elsewhere.
                        None if !is_single(c) => found.push(Pair {
                            kind: Kind::Quotation,
                            mark,
                            content: None,
                            optional: true,
                        }),
                        None => {}
                    }
                }
                Role::None => {}
            }
        }
    }
    for (open, mark) in quotes {
        // An unclosed single mark is more likely an apostrophe (`'Tis`) than a quotation.
        if !is_single(open) {
            found.push(quotation(text, open, mark, None));
        }
    }
    for (_, mark) in brackets {
        found.push(bracket(text, mark, None, non_latin));
    }
    found.sort_by_key(|p| p.mark.start);
    found
}

/// What a quotation mark does where it stands.
enum Role {
    Open,
    Close,
    /// Not a quotation mark here (an apostrophe, a prime) or not a quotation mark at all.
    None,
}

fn quote_role(
    c: char,
    before: Option<char>,
    after: Option<char>,
    open: &[(char, Range<usize>)],
) -> Role {
    let innermost = open.last().map(|&(c, _)| c);
    let opens_here = before.is_none_or(|b| b.is_whitespace() || is_opening_punctuation(b))
        && after.is_some_and(|a| !a.is_whitespace());
    match c {
        '«' | '„' | '「' | '『' | '《' | '〝' => Role::Open,
        '»' | '」' | '』' | '》' | '〞' | '〟' => Role::Close,
        // A closing mark where a quotation opens, with none to close, is a misdirected
        // opening mark (`”reform”`).
        '”' if opens_here && !open.iter().any(|&(o, _)| closes(o, c)) => Role::Open,
        '”' => Role::Close,
        // German and Russian close `„` with `“`; English opens with it.
        '“' if innermost == Some('„') => Role::Close,
        '“' => Role::Open,
        '"' | '＂' => {
            if opens_here || !open.iter().any(|&(o, _)| o == c) {
                Role::Open
            } else {
                Role::Close
            }
        }
        '\'' | '‘' | '’' => {
            let after_letter = after.is_some_and(char::is_alphanumeric);
            if c != '’' && opens_here && after_letter && !is_elision(after) {
                Role::Open
            } else if c != '‘'
                && innermost.is_some_and(is_single)
                && before.is_some_and(|b| !b.is_whitespace())
                && !after_letter
            {
                Role::Close
            } else {
                // An apostrophe (`O’Brien`, `students’`, `’90s`).
                Role::None
            }
        }
        _ => Role::None,
    }
}

/// Characters after which a quotation mark opens: opening brackets and quotes, dashes.
fn is_opening_punctuation(c: char) -> bool {
    "([{（［【〔«„“‘「『《〝\"'—–-/".contains(c)
}

/// `’90s`, `’em`: an apostrophe at the start of a word. Only digits are told apart here;
/// `’em` is rare in news.
fn is_elision(after: Option<char>) -> bool {
    after.is_some_and(|c| c.is_ascii_digit())
}

fn is_single(c: char) -> bool {
    matches!(c, '\'' | '‘' | '’')
}

/// Whether `close` can close a quotation opened by `open`.
fn closes(open: char, close: char) -> bool {
    match open {
        '«' => matches!(close, '»' | '“' | '”'),
        '„' => matches!(close, '“' | '”'),
        '“' | '”' => matches!(close, '”' | '"'),
        '"' => matches!(close, '"' | '”'),
        '＂' => close == '＂',
        '「' => close == '」',
        '『' => close == '』',
        '《' => close == '》',
        '〝' => matches!(close, '〞' | '〟'),
        '\'' | '‘' => matches!(close, '\'' | '’'),
        _ => false,
    }
}

/// The closing bracket of an opening one.
fn closing_bracket(c: char) -> Option<char> {
    Some(match c {
        '(' => ')',
        '（' => '）',
        '[' => ']',
        '［' => '］',
        '【' => '】',
        '〔' => '〕',
        _ => return None,
    })
}

fn is_closing_bracket(c: char) -> bool {
    matches!(c, ')' | '）' | ']' | '］' | '】' | '〕')
}

fn quotation(text: &str, open: char, mark: Range<usize>, close: Option<usize>) -> Pair {
    let content = close.map(|end| mark.end..end);
    let optional = match &content {
        // Speech or terms (`「」`), titles of works (`『』`, `《》`).
        _ if matches!(open, '「' | '『' | '《') => true,
        Some(range) => words(&text[range.clone()]) <= 3,
        None => true,
    };
    Pair {
        kind: Kind::Quotation,
        mark,
        content,
        optional,
    }
}

fn bracket(text: &str, mark: Range<usize>, close: Option<usize>, non_latin: bool) -> Pair {
    let content = close.map(|end| mark.end..end);
    let optional = content
        .as_ref()
        .is_some_and(|range| is_gloss(text[range.clone()].trim(), non_latin));
    Pair {
        kind: Kind::Bracket,
        mark,
        content,
        optional,
    }
}

/// Words of a quotation, a word counted per three Han or kana characters.
fn words(text: &str) -> usize {
    let cjk = text.chars().filter(|&c| is_han_or_kana(c)).count();
    let spaced = text
        .split(|c: char| c.is_whitespace() || is_han_or_kana(c))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    spaced + cjk.div_ceil(3)
}

/// Whether the content of a bracket is a gloss a translation may drop: a number, the
/// Latin spelling of a name in a non-Latin text, a reading in kana (`総菜（そうざい）`,
/// `ＣＯＴＴＯＲＩ（コトリ）`), a weekday, or nothing.
fn is_gloss(content: &str, non_latin: bool) -> bool {
    let mut chars = content.chars().filter(|c| !c.is_whitespace());
    let number = content
        .chars()
        .all(|c| c.is_numeric() || c.is_whitespace() || ".,+-–~～歳".contains(c));
    let latin = non_latin
        && content.chars().any(char::is_alphabetic)
        && content
            .chars()
            .all(|c| !c.is_alphabetic() || c.script() == Script::Latin);
    let reading = content
        .chars()
        .all(|c| matches!(c.script(), Script::Hiragana | Script::Katakana) || c == 'ー');
    let weekday = matches!(
        (chars.next(), chars.next()),
        (
            Some('月' | '火' | '水' | '木' | '金' | '土' | '日' | '祝'),
            None
        )
    );
    number || latin || reading || weekday
}

fn is_han_or_kana(c: char) -> bool {
    matches!(
        c.script(),
        Script::Han | Script::Hiragana | Script::Katakana
    )
}

/// Whether most letters of `text` are of another script than Latin.
fn is_mostly_non_latin(text: &str) -> bool {
    let (mut latin, mut other) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        match c.script() {
            Script::Latin => latin += 1,
            Script::Common | Script::Inherited => {}
            _ => other += 1,
        }
    }
    other > latin
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(kind, optional, content)` of each pair.
    fn listed(text: &str) -> Vec<(Kind, bool, Option<&str>)> {
        pairs(text)
            .into_iter()
            .map(|p| (p.kind, p.optional, p.content.map(|r| &text[r])))
            .collect()
    }

    /// `(kind, direction, source, required, target, target required, the span's text)`.
    type Row = (Kind, Direction, usize, usize, usize, usize, String);

    fn mismatches(source: &str, target: &str) -> Vec<Row> {
        compare(source, target)
            .into_iter()
            .map(|m| {
                (
                    m.kind,
                    m.direction,
                    m.source,
                    m.required,
                    m.target,
                    m.target_required,
                    target[m.span].to_string(),
                )
            })
            .collect()
    }

    use Direction::{Added, Missing};
    use Kind::{Bracket, Quotation};

    #[test]
    fn quotations_of_every_style_are_paired_and_short_ones_are_optional() {
        assert_eq!(
            listed("«Газпром» заявил: «Мы не будем снижать цены на газ» — и „так далее“."),
            [
                (Quotation, true, Some("Газпром")),
                (Quotation, false, Some("Мы не будем снижать цены на газ")),
                (Quotation, true, Some("так далее")),
            ]
        );
        assert_eq!(
            listed(
                "「何人の命が失われたか分からない」と説明した。『鬼滅の刃』と\"ふるさと納税の見直しを進める\""
            ),
            [
                (Quotation, true, Some("何人の命が失われたか分からない")),
                (Quotation, true, Some("鬼滅の刃")),
                (Quotation, false, Some("ふるさと納税の見直しを進める")),
            ]
        );
    }

    #[test]
    fn straight_quotes_nest_by_their_place_and_apostrophes_are_not_quotes() {
        assert_eq!(
            listed("Компания \"ООО \"Ромашка\"\" и \"Спартак\""),
            [
                (Quotation, true, Some("ООО \"Ромашка\"")),
                (Quotation, true, Some("Ромашка")),
                (Quotation, true, Some("Спартак")),
            ]
        );
        assert_eq!(
            listed("“He called it ‘a farce’,” O’Brien said of the students’ ’90s protest."),
            [
                (Quotation, false, Some("He called it ‘a farce’,")),
                (Quotation, true, Some("a farce")),
            ]
        );
        assert!(listed("It's rock 'n roll, 6'2 tall, the ’90s.").is_empty());
        // A closing mark used to open is an opening mark.
        assert_eq!(
            listed("He called it ”a disgrace” on Monday."),
            [(Quotation, true, Some("a disgrace"))]
        );
    }

    #[test]
    fn brackets_holding_a_gloss_are_optional() {
        assert_eq!(
            listed(
                "田中さん（45）は（金）、総菜（そうざい）とセネックス（Senex Energy）を【写真】（約68億円）"
            ),
            [
                (Bracket, true, Some("45")),
                (Bracket, true, Some("金")),
                (Bracket, true, Some("そうざい")),
                (Bracket, true, Some("Senex Energy")),
                (Bracket, false, Some("写真")),
                (Bracket, false, Some("約68億円")),
            ]
        );
        // Latin content is a gloss only in a non-Latin text; a list's `1)` is not a pair.
        assert_eq!(
            listed("The World Health Organization (WHO) said: 1) wait"),
            [(Bracket, false, Some("WHO"))]
        );
    }

    #[test]
    fn a_required_quotation_or_bracket_missing_from_the_target_is_reported_on_the_paragraph() {
        let source = "Министр сказал: «Мы не будем снижать цены на газ» (в четверг).";
        let target = "The minister said they would not cut gas prices on Thursday.";
        assert_eq!(
            mismatches(source, target),
            [
                (Quotation, Missing, 1, 1, 0, 0, target.to_string()),
                (Bracket, Missing, 1, 1, 0, 0, target.to_string()),
            ]
        );
    }

    #[test]
    fn an_extra_mark_in_the_target_is_reported_where_it_is() {
        let source = "Министр сказал, что цены не снизятся (в четверг).";
        let target = "The minister said (on Thursday) that \"prices would not fall\" (this year).";
        assert_eq!(
            mismatches(source, target),
            [
                (Quotation, Added, 0, 0, 1, 1, "\"".to_string()),
                (Bracket, Added, 1, 1, 2, 2, "(".to_string()),
            ]
        );
        let span = compare(source, target)[1].span.clone();
        assert_eq!(&target[span.start..], "(this year).");
        // Doubled quotation marks: two quotations of speech where the source has one.
        let source = "«Мы не будем снижать цены на газ», сказал он.";
        let target = "\"\"We will not cut gas prices,\"\" he said.";
        let found = compare(source, target);
        assert_eq!(
            mismatches(source, target),
            [(Quotation, Added, 1, 1, 2, 2, "\"".to_string())]
        );
        assert_eq!(found[0].span, 1..2);
    }

    #[test]
    fn names_unquoted_glosses_dropped_and_styles_changed_are_clean() {
        // Quoted names written bare, an age and a reading dropped, 「」 as “”.
        assert!(
            mismatches(
                "«Газпром» и «Роснефть» заявили: «Мы не будем снижать цены на газ».",
                "Gazprom and Rosneft said: “We will not cut gas prices.”"
            )
            .is_empty()
        );
        assert!(
            mismatches(
                "田中さん（45）は「何人の命が失われたか分からない」と話した。",
                "Tanaka, 45, said, \"We do not know how many lives were lost.\""
            )
            .is_empty()
        );
        // Terms quoted by the English only, and 「」 speech rendered as indirect speech.
        assert!(
            mismatches(
                "Он назвал это провалом.",
                "He called it a “total failure” and a 'farce'."
            )
            .is_empty()
        );
        assert!(
            mismatches(
                "「何人の命が失われたか分からない」と説明した。",
                "He explained that it was not known how many lives were lost."
            )
            .is_empty()
        );
        // Nested quotations on both sides.
        assert!(
            mismatches(
                "Он сказал: «Это „Спутник V“, и он работает хорошо».",
                "He said: “This is ‘Sputnik V’, and it works well.”"
            )
            .is_empty()
        );
    }
}
