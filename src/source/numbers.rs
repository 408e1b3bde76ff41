//! Numbers of a source paragraph and of its English translation, as comparable values.
//!
//! A changed number is the costliest error machine translation makes in news (`2,5 млн`
//! read as `25 million`, a dropped `тыс.`, a day off by one), and the easiest for a checker
//! to miss, because every number is spelled right. Each side's numbers are extracted in
//! the way that language writes them and normalised to a [`Value`]: `2,5 млн`, `2.5
//! million`, `2,500,000` and `6.8億`-style multipliers all become one amount; `19.10.2021`,
//! `19 октября 2021 года`, `2021年10月19日` and `October 19, 2021` one date; `15:00`,
//! `午後3時` and `3 p.m.` one time. [`compare`] then lists the source numbers that no target
//! number renders and the target numbers that no source number accounts for.
//!
//! The comparison is deliberately tolerant, so that what it reports is worth an
//! editor's time:
//! - **Sets, not counts.** A number is missing only when its value appears nowhere on the
//!   other side: translations legitimately say "that year" for a repeated `2021`.
//! - **Spelled numbers are soft** ([`Number::soft`]): `two`, `twenty-five`, `first`,
//!   `dozen`, `два`, `пятеро`, `三人`, a bare month name (`in March`, `в марте`). They
//!   satisfy a number on the other side but are never reported themselves, since whether
//!   a writer spells a number is style and "one" is as often a pronoun as a number.
//! - **Dates compare by their fields**: a target date may add a year the source left
//!   implicit (`19 октября` → `October 19, 2021`: context, not an error), and a lone day
//!   or year matches a date holding it (`12日` → `on the 12th`).
//! - **Times compare modulo twelve hours** (`15:00` = `3 p.m.`), and a whole hour matches
//!   the bare number (`at 3 o'clock`).
//! - Units are not compared: `20%` and `20 percent` are both 20; a changed unit is
//!   another check's business.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::fmt;
use std::ops::Range;

use super::language::Language;

/// What a number means, normalised so that renderings in two languages compare equal.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    /// A count, amount, ordinal, percentage or year, with its multiplier applied.
    Amount(f64),
    /// A calendar date; any field may be unknown.
    Date {
        /// The year, when written.
        year: Option<i32>,
        /// The month (1–12), when written.
        month: Option<u8>,
        /// The day of the month, when written.
        day: Option<u8>,
    },
    /// A time of day.
    Time {
        /// 0–23.
        hour: u8,
        /// 0–59.
        minute: u8,
    },
}

/// A number found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    /// What it means.
    pub value: Value,
    /// Its byte range in the text it was found in.
    pub span: Range<usize>,
    /// Whether it was spelled in words (or is a bare month name): such a number can
    /// satisfy one on the other side but is never reported as missing or added.
    pub soft: bool,
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::Amount(value) => {
                if value.fract() == 0.0 && value.abs() < 1e15 {
                    write!(f, "{value:.0}")
                } else {
                    write!(f, "{value}")
                }
            }
            Self::Date { year, month, day } => {
                let parts: Vec<String> = [
                    year.map(|y| y.to_string()),
                    month.map(|m| format!("{m:02}")),
                    day.map(|d| format!("{d:02}")),
                ]
                .into_iter()
                .map(|part| part.unwrap_or_else(|| "?".into()))
                .collect();
                write!(f, "date {}", parts.join("-"))
            }
            Self::Time { hour, minute } => write!(f, "{hour:02}:{minute:02}"),
        }
    }
}

/// The numbers on each side that the other side lacks.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Comparison<'a> {
    /// Source numbers that no target number renders.
    pub missing: Vec<&'a Number>,
    /// Target numbers that no source number accounts for.
    pub added: Vec<&'a Number>,
}

/// Compares the numbers of a source paragraph with those of its translation (see the
/// module documentation for what counts as the same number).
pub fn compare<'a>(source: &'a [Number], target: &'a [Number]) -> Comparison<'a> {
    let unmatched = |mine: &'a [Number], theirs: &'a [Number]| -> Vec<&'a Number> {
        mine.iter()
            .filter(|n| !n.soft && !theirs.iter().any(|t| same(&n.value, &t.value)))
            .collect()
    };
    Comparison {
        missing: unmatched(source, target),
        added: unmatched(target, source),
    }
}

/// The months a source text names, as a set: a day the source gives without its month
/// (`12日`, "the 12th") is often given one by machine translation, and a different one by
/// each system (`December 12`, `June 12`), so a month the whole source never names is a
/// month the translation made up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NamedMonths(u16);

impl NamedMonths {
    /// The months named by `source`, the numbers of a whole source text in `language`;
    /// `None` for a language whose month names the scanner does not read in every form
    /// (any but Russian, Ukrainian, Japanese and Chinese), where every English month
    /// would look made up.
    pub fn of<'a>(
        source: impl IntoIterator<Item = &'a Number>,
        language: &Language,
    ) -> Option<Self> {
        if !matches!(
            language,
            Language::Russian | Language::Ukrainian | Language::Japanese | Language::Chinese
        ) {
            return None;
        }
        let mut named = 0u16;
        for number in source {
            if let Value::Date { month: Some(m), .. } = number.value {
                named |= 1u16.checked_shl(u32::from(m)).unwrap_or(0);
            }
        }
        Some(Self(named))
    }

    /// The dates of `target` (numbers read from `text`) whose month, written as a word,
    /// is not one of these (`January 10` where the source says only `10日`); a bare month
    /// (`in March`) is soft and a numeric date (`1/5`, which may be a fraction) is not
    /// judged.
    pub fn made_up<'a>(
        self,
        target: &'a [Number],
        text: &'a str,
    ) -> impl Iterator<Item = &'a Number> {
        target.iter().filter(move |number| {
            !number.soft
                && matches!(number.value, Value::Date { month: Some(m), .. }
                    if self.0 & 1u16.checked_shl(u32::from(m)).unwrap_or(0) == 0)
                && text
                    .get(number.span.clone())
                    .is_some_and(|found| found.chars().any(char::is_alphabetic))
        })
    }
}

/// Whether two values can be renderings of one number.
pub fn same(a: &Value, b: &Value) -> bool {
    use Value::{Amount, Date, Time};
    let close = |x: f64, y: f64| (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0);
    match (*a, *b) {
        (Amount(x), Amount(y)) => close(x, y),
        (
            Date {
                year: y1,
                month: m1,
                day: d1,
            },
            Date {
                year: y2,
                month: m2,
                day: d2,
            },
        ) => {
            let agree = |p: Option<i64>, q: Option<i64>| p.zip(q).is_none_or(|(p, q)| p == q);
            let shared = |p: Option<i64>, q: Option<i64>| p.is_some() && q.is_some();
            let (y1, y2) = (y1.map(i64::from), y2.map(i64::from));
            let (m1, m2) = (m1.map(i64::from), m2.map(i64::from));
            let (d1, d2) = (d1.map(i64::from), d2.map(i64::from));
            agree(y1, y2)
                && agree(m1, m2)
                && agree(d1, d2)
                && (shared(y1, y2) || shared(m1, m2) || shared(d1, d2))
        }
        (Date { year, day, .. }, Amount(x)) | (Amount(x), Date { year, day, .. }) => {
            day.is_some_and(|d| close(x, f64::from(d)))
                || year.is_some_and(|y| close(x, f64::from(y)))
        }
        (
            Time {
                hour: h1,
                minute: m1,
            },
            Time {
                hour: h2,
                minute: m2,
            },
        ) => h1 % 12 == h2 % 12 && m1 == m2,
        (Time { hour, minute }, Amount(x)) | (Amount(x), Time { hour, minute }) => {
            close(x, f64::from(hour))
                || close(x, f64::from(hour % 12))
                || (hour % 12 == 0 && close(x, 12.0))
                || (minute != 0 && close(x, f64::from(minute)))
        }
        (Date { .. }, Time { .. }) | (Time { .. }, Date { .. }) => false,
    }
}

/// The numbers of a source text in `language`: Cyrillic languages are read as Russian
/// writes numbers, Japanese and Chinese with their multipliers and date counters; any
/// other language as Russian does, which also reads plain digits.
pub fn source_numbers(text: &str, language: &Language) -> Vec<Number> {
    match language {
        Language::Japanese | Language::Chinese => Scanner::new(text, Style::Cjk).run(),
        _ => Scanner::new(text, Style::Russian).run(),
    }
}

/// The numbers of an English text.
pub fn english_numbers(text: &str) -> Vec<Number> {
    Scanner::new(text, Style::English).run()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Russian,
    Cjk,
    English,
}

/// A number being read, before ranges share their multiplier.
#[derive(Debug, Clone)]
struct Raw {
    number: Number,
    /// The value before its multiplier, for an amount that has one.
    multiplier: Option<f64>,
}

struct Scanner<'t> {
    text: &'t str,
    /// The characters with full-width digits and signs folded to ASCII, and their byte
    /// offsets in the text.
    chars: Vec<(usize, char)>,
    style: Style,
    out: Vec<Raw>,
}

/// Month names and the month they name: English and Russian with their abbreviations
/// (`Dec`, `дек`, as news datelines write them), Russian in the nominative, genitive,
/// prepositional, dative and instrumental cases (a month a source names in any case is one
/// the translation may write), Ukrainian in the same cases.
const MONTHS: &[(&str, u8)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
    ("январь", 1),
    ("января", 1),
    ("январе", 1),
    ("январю", 1),
    ("январём", 1),
    ("январем", 1),
    ("февраль", 2),
    ("февраля", 2),
    ("феврале", 2),
    ("февралю", 2),
    ("февралём", 2),
    ("февралем", 2),
    ("март", 3),
    ("марта", 3),
    ("марте", 3),
    ("марту", 3),
    ("мартом", 3),
    ("апрель", 4),
    ("апреля", 4),
    ("апреле", 4),
    ("апрелю", 4),
    ("апрелем", 4),
    ("май", 5),
    ("мая", 5),
    ("мае", 5),
    ("маю", 5),
    ("маем", 5),
    ("июнь", 6),
    ("июня", 6),
    ("июне", 6),
    ("июню", 6),
    ("июнем", 6),
    ("июль", 7),
    ("июля", 7),
    ("июле", 7),
    ("июлю", 7),
    ("июлем", 7),
    ("август", 8),
    ("августа", 8),
    ("августе", 8),
    ("августу", 8),
    ("августом", 8),
    ("сентябрь", 9),
    ("сентября", 9),
    ("сентябре", 9),
    ("сентябрю", 9),
    ("сентябрём", 9),
    ("сентябрем", 9),
    ("октябрь", 10),
    ("октября", 10),
    ("октябре", 10),
    ("октябрю", 10),
    ("октябрём", 10),
    ("октябрем", 10),
    ("ноябрь", 11),
    ("ноября", 11),
    ("ноябре", 11),
    ("ноябрю", 11),
    ("ноябрём", 11),
    ("ноябрем", 11),
    ("декабрь", 12),
    ("декабря", 12),
    ("декабре", 12),
    ("декабрю", 12),
    ("декабрём", 12),
    ("декабрем", 12),
    ("янв", 1),
    ("февр", 2),
    ("фев", 2),
    ("мар", 3),
    ("апр", 4),
    ("июн", 6),
    ("июл", 7),
    ("авг", 8),
    ("сент", 9),
    ("сен", 9),
    ("окт", 10),
    ("нояб", 11),
    ("ноя", 11),
    ("дек", 12),
    ("січня", 1),
    ("лютого", 2),
    ("березня", 3),
    ("квітня", 4),
    ("травня", 5),
    ("червня", 6),
    ("липня", 7),
    ("серпня", 8),
    ("вересня", 9),
    ("жовтня", 10),
    ("листопада", 11),
    ("грудня", 12),
    ("січень", 1),
    ("січню", 1),
    ("січнем", 1),
    ("січні", 1),
    ("лютий", 2),
    ("лютому", 2),
    ("лютим", 2),
    ("люті", 2),
    ("березень", 3),
    ("березню", 3),
    ("березнем", 3),
    ("березні", 3),
    ("квітень", 4),
    ("квітню", 4),
    ("квітнем", 4),
    ("квітні", 4),
    ("травень", 5),
    ("травню", 5),
    ("травнем", 5),
    ("травні", 5),
    ("червень", 6),
    ("червню", 6),
    ("червнем", 6),
    ("червні", 6),
    ("липень", 7),
    ("липню", 7),
    ("липнем", 7),
    ("липні", 7),
    ("серпень", 8),
    ("серпню", 8),
    ("серпнем", 8),
    ("серпні", 8),
    ("вересень", 9),
    ("вересню", 9),
    ("вереснем", 9),
    ("вересні", 9),
    ("жовтень", 10),
    ("жовтню", 10),
    ("жовтнем", 10),
    ("жовтні", 10),
    ("листопад", 11),
    ("листопаду", 11),
    ("листопадом", 11),
    ("листопаді", 11),
    ("грудень", 12),
    ("грудню", 12),
    ("груднем", 12),
    ("грудні", 12),
];

/// Multiplier words after a number, by their start (`тыс.`, `тысячи`, `млн`, `миллиона`).
const RUSSIAN_MULTIPLIERS: &[(&str, f64)] = &[
    ("тыс", 1e3),
    ("млн", 1e6),
    ("миллион", 1e6),
    ("млрд", 1e9),
    ("миллиард", 1e9),
    ("трлн", 1e12),
    ("триллион", 1e12),
    // Ukrainian.
    ("мільйон", 1e6),
    ("мільярд", 1e9),
];

/// English multiplier words (whole words).
const ENGLISH_MULTIPLIERS: &[(&str, f64)] = &[
    ("thousand", 1e3),
    ("thousands", 1e3),
    ("million", 1e6),
    ("millions", 1e6),
    ("mln", 1e6),
    ("mn", 1e6),
    ("billion", 1e9),
    ("billions", 1e9),
    ("bn", 1e9),
    ("bln", 1e9),
    ("trillion", 1e12),
    ("trillions", 1e12),
    ("tn", 1e12),
];

/// English number words, read as soft numbers.
const ENGLISH_WORDS: &[(&str, f64)] = &[
    ("zero", 0.0),
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
    ("hundred", 100.0),
    ("first", 1.0),
    ("second", 2.0),
    ("third", 3.0),
    ("fourth", 4.0),
    ("fifth", 5.0),
    ("sixth", 6.0),
    ("seventh", 7.0),
    ("eighth", 8.0),
    ("ninth", 9.0),
    ("tenth", 10.0),
    ("twice", 2.0),
    ("double", 2.0),
    ("triple", 3.0),
    ("half", 0.5),
    ("dozen", 12.0),
    ("dozens", 12.0),
    ("a", 1.0),
];

/// Russian number words (the common case forms), read as soft numbers.
const RUSSIAN_WORDS: &[(&str, f64)] = &[
    ("ноль", 0.0),
    ("один", 1.0),
    ("одна", 1.0),
    ("одно", 1.0),
    ("одного", 1.0),
    ("одной", 1.0),
    ("одну", 1.0),
    ("первый", 1.0),
    ("первая", 1.0),
    ("первое", 1.0),
    ("первого", 1.0),
    ("первой", 1.0),
    ("два", 2.0),
    ("две", 2.0),
    ("двух", 2.0),
    ("двум", 2.0),
    ("двумя", 2.0),
    ("двое", 2.0),
    ("второй", 2.0),
    ("второго", 2.0),
    ("вдвое", 2.0),
    ("оба", 2.0),
    ("обе", 2.0),
    ("три", 3.0),
    ("трех", 3.0),
    ("трёх", 3.0),
    ("трем", 3.0),
    ("трём", 3.0),
    ("тремя", 3.0),
    ("трое", 3.0),
    ("третий", 3.0),
    ("втрое", 3.0),
    ("четыре", 4.0),
    ("четырех", 4.0),
    ("четырёх", 4.0),
    ("четверо", 4.0),
    ("пять", 5.0),
    ("пяти", 5.0),
    ("пятеро", 5.0),
    ("шесть", 6.0),
    ("шести", 6.0),
    ("семь", 7.0),
    ("семи", 7.0),
    ("восемь", 8.0),
    ("восьми", 8.0),
    ("девять", 9.0),
    ("девяти", 9.0),
    ("десять", 10.0),
    ("десяти", 10.0),
    ("десятки", 10.0),
    ("десятков", 10.0),
    ("одиннадцать", 11.0),
    ("двенадцать", 12.0),
    ("пятнадцать", 15.0),
    ("двадцать", 20.0),
    ("двадцати", 20.0),
    ("тридцать", 30.0),
    ("сорок", 40.0),
    ("пятьдесят", 50.0),
    ("сто", 100.0),
    ("сотни", 100.0),
    ("сотен", 100.0),
    ("сутки", 24.0),
    ("суток", 24.0),
    ("сутках", 24.0),
    ("полтора", 1.5),
    ("полторы", 1.5),
    ("половина", 0.5),
    ("половину", 0.5),
    ("тысяча", 1e3),
    ("тысячи", 1e3),
    ("тысяч", 1e3),
    ("миллион", 1e6),
    ("миллионы", 1e6),
    ("миллионов", 1e6),
    ("миллиард", 1e9),
    ("миллиарды", 1e9),
];

/// Kanji numerals and their values; the last three multiply.
const KANJI_DIGITS: &[(char, u32)] = &[
    ('〇', 0),
    ('零', 0),
    ('一', 1),
    ('二', 2),
    ('三', 3),
    ('四', 4),
    ('五', 5),
    ('六', 6),
    ('七', 7),
    ('八', 8),
    ('九', 9),
    ('十', 10),
    ('百', 100),
    ('千', 1000),
];

/// Counters that make a run of kanji numerals a number (`三人`, `五つ`, `二十日`), rather
/// than part of a word (`一部`, `一緒`, `唯一`).
const KANJI_COUNTERS: &str = "人つ日月年回件歳台本枚度位番倍割万億個社校店軒隻頭匹";

/// Japanese era names and the Gregorian year before each era's first year
/// (Reiwa 1 = 2019, Heisei 1 = 1989, Showa 1 = 1926), from the Japanese government's
/// era proclamations.
const ERAS: &[(&str, i32)] = &[("令和", 2018), ("平成", 1988), ("昭和", 1925)];

impl<'t> Scanner<'t> {
    fn new(text: &'t str, style: Style) -> Self {
        let chars = text
            .char_indices()
            .map(|(at, c)| (at, fold_width(c)))
            .collect();
        Self {
            text,
            chars,
            style,
            out: Vec::new(),
        }
    }

    fn char_at(&self, i: usize) -> Option<char> {
        self.chars.get(i).map(|&(_, c)| c)
    }

    fn offset(&self, i: usize) -> usize {
        self.chars.get(i).map_or(self.text.len(), |&(at, _)| at)
    }

    fn is_digit(&self, i: usize) -> bool {
        self.char_at(i).is_some_and(|c| c.is_ascii_digit())
    }

    /// The digits starting at `i`: their value and where they end.
    fn digits(&self, i: usize) -> (u64, usize, usize) {
        let mut end = i;
        let mut value: u64 = 0;
        while let Some(c) = self.char_at(end).filter(char::is_ascii_digit) {
            value = value
                .saturating_mul(10)
                .saturating_add(u64::from(c as u8 - b'0'));
            end += 1;
        }
        (value, end, end - i)
    }

    /// The word (letters) at `i` in lowercase, and where it ends.
    fn word(&self, i: usize) -> (String, usize) {
        let mut end = i;
        let mut word = String::new();
        while let Some(c) = self
            .char_at(end)
            .filter(|c| c.is_alphabetic() && !is_cjk(*c))
        {
            word.extend(c.to_lowercase());
            end += 1;
        }
        (word, end)
    }

    /// Where the word at `i` ends, as [`Self::word`] reads it.
    fn word_end(&self, mut i: usize) -> usize {
        while self
            .char_at(i)
            .is_some_and(|c| c.is_alphabetic() && !is_cjk(c))
        {
            i += 1;
        }
        i
    }

    /// `i` moved past spaces (ordinary, no-break, thin).
    fn skip_spaces(&self, mut i: usize) -> usize {
        while self.char_at(i).is_some_and(is_space) {
            i += 1;
        }
        i
    }

    fn push(
        &mut self,
        value: Value,
        start: usize,
        end: usize,
        soft: bool,
        multiplier: Option<f64>,
    ) {
        let span = self.offset(start)..self.offset(end);
        // The number in the name of a disease is part of a name that translations render
        // freely (`新型コロナ` → `COVID-19`, `COVID-19` → `the coronavirus`).
        let before = &self.text.as_bytes()[..span.start];
        let ends_with = |suffix: &str| {
            before.len() >= suffix.len()
                && before[before.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
        };
        let soft = soft || ends_with("covid-") || ends_with("covid") || ends_with("cov-");
        self.out.push(Raw {
            number: Number { value, span, soft },
            multiplier,
        });
    }

    fn run(mut self) -> Vec<Number> {
        let mut i = 0;
        while i < self.chars.len() {
            let c = self.chars[i].1;
            let previous = i.checked_sub(1).and_then(|p| self.char_at(p));
            let after_letter = previous.is_some_and(|p| p.is_alphabetic() && !is_cjk(p));
            i = if c.is_ascii_digit() && !previous.is_some_and(|p| p.is_ascii_digit()) {
                if self.style == Style::Cjk {
                    self.cjk_number(i)
                } else {
                    self.number(i)
                }
            } else if c.is_alphabetic() && !is_cjk(c) && !after_letter {
                self.words(i)
            } else if self.style == Style::Cjk && is_cjk(c) {
                self.cjk_words(i)
            } else {
                i + 1
            };
        }
        share_range_multipliers(&mut self.out);
        self.out.into_iter().map(|raw| raw.number).collect()
    }

    /// A number written in digits, Russian or English style, at `i`.
    /// `COVID-19`, `Су-35` and `G7` give their numbers too: the same on both sides.
    fn number(&mut self, i: usize) -> usize {
        let (first, mut end, length) = self.digits(i);
        // Dates and times first: `19.10.2021`, `10/19/2021`, `2021-10-19`, `10:30`.
        if let Some(end) = self.numeric_date(i, first, end, length) {
            return end;
        }
        if let Some(end) = self.clock(i, first, end, length) {
            return end;
        }
        let mut integer = first as f64;
        let mut grouped = false;
        // Thousands groups: `1 000`, `1 000 000` (both styles), `1,000` (English).
        if length <= 3 {
            while let Some(separator) = self.char_at(end) {
                if !(is_space(separator) || (separator == ',' && self.style == Style::English)) {
                    break;
                }
                let (group, group_end, group_length) = self.digits(end + 1);
                if group_length != 3 || self.is_digit(group_end) {
                    break;
                }
                integer = integer * 1000.0 + group as f64;
                end = group_end;
                grouped = true;
            }
        }
        // A decimal part: `2,5` (Russian, or copied into English), `2.5`. In English a
        // comma before three digits groups thousands instead.
        let mut value = integer;
        if let Some(separator) = self.char_at(end).filter(|&s| s == ',' || s == '.') {
            let (fraction, fraction_end, fraction_length) = self.digits(end + 1);
            let english_comma = self.style == Style::English
                && separator == ','
                && (grouped || fraction_length == 3);
            if fraction_length > 0 && !english_comma && !self.is_digit(fraction_end) {
                value = integer + fraction as f64 / 10f64.powi(fraction_length as i32);
                end = fraction_end;
            }
        }
        // English decades (`1990s`) and ordinals (`5th`, `21st`) keep their value.
        let mut number_end = end;
        if self.style == Style::English {
            let (suffix, suffix_end) = self.word(end);
            if matches!(suffix.as_str(), "s" | "st" | "nd" | "rd" | "th") {
                number_end = suffix_end;
            }
        }
        // A time: `3 p.m.`, `3pm`, `10.30 a.m.`.
        if self.style == Style::English {
            if let Some((pm, meridiem_end)) = self.meridiem(number_end) {
                let hour = integer as u64;
                let minute = ((value - integer) * 100.0).round() as u64;
                if (1..=12).contains(&hour) && minute < 60 {
                    let hour = (hour % 12 + if pm { 12 } else { 0 }) as u8;
                    self.push(
                        Value::Time {
                            hour,
                            minute: minute as u8,
                        },
                        i,
                        meridiem_end,
                        false,
                        None,
                    );
                    return meridiem_end;
                }
            }
        }
        // A date with a month name after the day: `19 октября 2021`, `19 October 2021`,
        // `19th of October`.
        if let Some(end) = self.day_then_month(i, value, number_end) {
            return end;
        }
        // A multiplier: `2,5 млн`, `2.5 million`, `$3bn`.
        let after = self.skip_spaces(number_end);
        let (word, word_end) = self.word(after);
        let multiplier = self.multiplier(&word, after > number_end, i);
        let (value, end, multiplier) = match multiplier {
            Some(m) => {
                let mut end = word_end;
                if self.char_at(end) == Some('.') {
                    end += 1;
                }
                (value * m, end, Some(value))
            }
            None => (value, number_end, None),
        };
        self.push(Value::Amount(value), i, end, false, multiplier);
        end
    }

    /// The multiplier that `word` (just after a number) names.
    fn multiplier(&self, word: &str, spaced: bool, start: usize) -> Option<f64> {
        match self.style {
            Style::Russian => RUSSIAN_MULTIPLIERS
                .iter()
                .find(|(stem, _)| word.starts_with(stem))
                .map(|&(_, m)| m),
            Style::English => {
                if let Some(&(_, m)) = ENGLISH_MULTIPLIERS.iter().find(|(w, _)| *w == word) {
                    return Some(m);
                }
                // `$2.5m`, `£3k`: a bare `m` or `k` only after a currency sign.
                let currency = start
                    .checked_sub(1)
                    .and_then(|p| self.char_at(p))
                    .is_some_and(|c| matches!(c, '$' | '£' | '€' | '¥' | '₽'));
                match word {
                    "m" if currency && !spaced => Some(1e6),
                    "k" if currency && !spaced => Some(1e3),
                    "b" if currency && !spaced => Some(1e9),
                    _ => None,
                }
            }
            Style::Cjk => None,
        }
    }

    /// `a.m.`, `am`, `p.m.`, `pm` after a number: whether it is p.m., and where it ends.
    fn meridiem(&self, at: usize) -> Option<(bool, usize)> {
        let start = self.skip_spaces(at);
        let letters: String = self.chars[start.min(self.chars.len())..]
            .iter()
            .take(4)
            .map(|&(_, c)| c.to_ascii_lowercase())
            .collect();
        let (pm, length) = if letters.starts_with("a.m.") {
            (false, 4)
        } else if letters.starts_with("p.m.") {
            (true, 4)
        } else if letters.starts_with("am") {
            (false, 2)
        } else if letters.starts_with("pm") {
            (true, 2)
        } else {
            return None;
        };
        let end = start + length;
        if self.char_at(end).is_some_and(char::is_alphanumeric) {
            return None;
        }
        Some((pm, end))
    }

    /// `19.10.2021`, `19/10/2021`, `10/19/2021` (English: month first unless it cannot
    /// be), `2021-10-19`.
    fn numeric_date(&mut self, i: usize, first: u64, end: usize, length: usize) -> Option<usize> {
        let separator = self.char_at(end)?;
        if !matches!(separator, '.' | '/' | '-') {
            return None;
        }
        let (second, second_end, second_length) = self.digits(end + 1);
        if second_length == 0 || second_length > 2 {
            return None;
        }
        if self.char_at(second_end) != Some(separator) {
            // `11/26`: a month and day without a year (English and Japanese write the
            // month first).
            let month_first = self.style != Style::Russian && separator == '/';
            if !month_first
                || length > 2
                || !(1..=12).contains(&first)
                || !(1..=31).contains(&second)
                || self.is_digit(second_end)
            {
                return None;
            }
            self.push(
                Value::Date {
                    year: None,
                    month: u8::try_from(first).ok(),
                    day: u8::try_from(second).ok(),
                },
                i,
                second_end,
                false,
                None,
            );
            return Some(second_end);
        }
        let (third, third_end, third_length) = self.digits(second_end + 1);
        if self.is_digit(third_end) || third_length == 0 {
            return None;
        }
        let (year, month, day) = if length == 4 && third_length <= 2 {
            (first, second, third)
        } else if length <= 2 && (third_length == 4 || third_length == 2) {
            let year = if third_length == 2 {
                2000 + third
            } else {
                third
            };
            let month_first = self.style == Style::English && separator == '/' && first <= 12;
            if month_first {
                (year, first, second)
            } else {
                (year, second, first)
            }
        } else {
            return None;
        };
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return None;
        }
        self.push(
            Value::Date {
                year: i32::try_from(year).ok(),
                month: u8::try_from(month).ok(),
                day: u8::try_from(day).ok(),
            },
            i,
            third_end,
            false,
            None,
        );
        Some(third_end)
    }

    /// `10:30`, `9:05`.
    fn clock(&mut self, i: usize, hour: u64, end: usize, length: usize) -> Option<usize> {
        if length > 2 || self.char_at(end) != Some(':') {
            return None;
        }
        let (minute, minute_end, minute_length) = self.digits(end + 1);
        if minute_length != 2 || hour > 24 || minute > 59 || self.is_digit(minute_end) {
            return None;
        }
        let mut hour = hour as u8;
        let mut final_end = minute_end;
        if self.style == Style::English {
            if let Some((pm, meridiem_end)) = self.meridiem(minute_end) {
                hour = hour % 12 + if pm { 12 } else { 0 };
                final_end = meridiem_end;
            }
        }
        self.push(
            Value::Time {
                hour,
                minute: minute as u8,
            },
            i,
            final_end,
            false,
            None,
        );
        Some(final_end)
    }

    /// A day number followed by a month name (and maybe a year): `19 октября 2021 года`,
    /// `19 October 2021`, `19th of October`.
    fn day_then_month(&mut self, i: usize, day: f64, end: usize) -> Option<usize> {
        if day.fract() != 0.0 || !(1.0..=31.0).contains(&day) {
            return None;
        }
        let mut at = self.skip_spaces(end);
        if self.style == Style::English {
            let (word, word_end) = self.word(at);
            if word == "of" {
                at = self.skip_spaces(word_end);
            }
        }
        let (word, word_end) = self.word(at);
        let month = month_named(&word)?;
        let mut end = word_end;
        if self.char_at(end) == Some('.') && word.len() <= 4 {
            end += 1;
        }
        let after = self.skip_spaces(end);
        let (year, year_end, year_length) = self.digits(after);
        let year = if year_length == 4 && !self.is_digit(year_end) {
            end = year_end;
            i32::try_from(year).ok()
        } else {
            None
        };
        self.push(
            Value::Date {
                year,
                month: Some(month),
                day: Some(day as u8),
            },
            i,
            end,
            false,
            None,
        );
        Some(end)
    }

    /// A word at `i`: a month name (with a day and year after it in English: `October
    /// 19, 2021`), or a spelled number.
    fn words(&mut self, i: usize) -> usize {
        if self.style == Style::English {
            let end = self.word_end(i);
            if !ENGLISH_READ_WORDS.may_be(&self.chars[i..end]) {
                return end;
            }
        }
        let (word, end) = self.word(i);
        if let Some(month) = month_named(&word) {
            // `May` is also a verb and a name: only with a day after it.
            let mut at = end;
            if self.char_at(at) == Some('.') && word.len() <= 4 {
                at += 1;
            }
            let day_at = self.skip_spaces(at);
            let (day, day_end, day_length) = self.digits(day_at);
            if self.style == Style::English
                && day_at > at
                && (1..=2).contains(&day_length)
                && (1..=31).contains(&day)
            {
                let (suffix, suffix_end) = self.word(day_end);
                let mut date_end = if matches!(suffix.as_str(), "st" | "nd" | "rd" | "th") {
                    suffix_end
                } else {
                    day_end
                };
                let mut year = None;
                let mut year_at = date_end;
                if self.char_at(year_at) == Some(',') {
                    year_at += 1;
                }
                let year_at = self.skip_spaces(year_at);
                let (y, y_end, y_length) = self.digits(year_at);
                if y_length == 4 && !self.is_digit(y_end) && year_at > date_end {
                    year = i32::try_from(y).ok();
                    date_end = y_end;
                }
                self.push(
                    Value::Date {
                        year,
                        month: Some(month),
                        day: Some(day as u8),
                    },
                    i,
                    date_end,
                    false,
                    None,
                );
                return date_end;
            }
            let (y, y_end, y_length) = self.digits(day_at);
            if day_at > at && y_length == 4 && !self.is_digit(y_end) {
                self.push(
                    Value::Date {
                        year: i32::try_from(y).ok(),
                        month: Some(month),
                        day: None,
                    },
                    i,
                    y_end,
                    false,
                    None,
                );
                return y_end;
            }
            if word != "may" && word.chars().count() > 3 {
                self.push(
                    Value::Date {
                        year: None,
                        month: Some(month),
                        day: None,
                    },
                    i,
                    end,
                    true,
                    None,
                );
            }
            return end;
        }
        if self.style == Style::Russian {
            if let Some(value) = roman_value(&self.text[self.offset(i)..self.offset(end)]) {
                // `XXI век` is the 21st century: a Roman numeral, read as a soft number.
                self.push(Value::Amount(f64::from(value)), i, end, true, None);
                return end;
            }
        }
        let table = match self.style {
            Style::English => ENGLISH_WORDS,
            _ => RUSSIAN_WORDS,
        };
        let Some(&(_, mut value)) = table.iter().find(|(w, _)| *w == word) else {
            return end;
        };
        let mut final_end = end;
        if self.style == Style::English {
            // `twenty-five`, `two million`, `a dozen`.
            let tens = (20.0..100.0).contains(&value);
            if tens && (self.char_at(end) == Some('-') || self.char_at(end) == Some(' ')) {
                let (unit, unit_end) = self.word(end + 1);
                if let Some(&(_, u)) = ENGLISH_WORDS
                    .iter()
                    .find(|(w, _)| *w == unit)
                    .filter(|(_, u)| *u < 10.0)
                {
                    value += u;
                    final_end = unit_end;
                }
            }
            let after = self.skip_spaces(final_end);
            let (next, next_end) = self.word(after);
            if let Some(&(_, m)) = ENGLISH_MULTIPLIERS.iter().find(|(w, _)| *w == next) {
                value *= m;
                final_end = next_end;
            } else if next == "dozen" {
                value *= 12.0;
                final_end = next_end;
            } else if word == "a" {
                return end;
            }
        } else {
            // `пять тысяч долларов`, `два миллиона`: a spelled number with its multiplier.
            let after = self.skip_spaces(end);
            let (next, next_end) = self.word(after);
            if after > end
                && let Some(m) = self.multiplier(&next, true, after)
            {
                value *= m;
                final_end = next_end;
            }
        }
        self.push(Value::Amount(value), i, final_end, true, None);
        final_end
    }

    /// A number written in digits in Japanese or Chinese: `3万5000`, `6.8億`,
    /// `2021年10月19日`, `午後3時30分`, `10%`.
    fn cjk_number(&mut self, i: usize) -> usize {
        let (first, digits_end, length) = self.digits(i);
        if let Some(end) = self.numeric_date(i, first, digits_end, length) {
            return end;
        }
        if let Some(end) = self.clock(i, first, digits_end, length) {
            return end;
        }
        let (value, end, mantissa) = self.cjk_amount(i);
        let next = self.char_at(end);
        // Dates: year 年, month 月, day 日, in any run.
        if matches!(next, Some('年' | '月' | '日')) && value.fract() == 0.0 {
            return self.cjk_date(i, None);
        }
        if next == Some('時')
            && value.fract() == 0.0
            && value <= 24.0
            && self.char_at(end + 1) != Some('間')
        {
            return self.cjk_time(i, value as u8, end + 1);
        }
        self.push(Value::Amount(value), i, end, false, mantissa);
        end
    }

    /// Digits with thousands commas and a decimal point, then any `万`/`億`/`兆`/`千`
    /// multipliers with more digits after them: the value, where it ends, and the digits
    /// before the first multiplier if there is one.
    fn cjk_amount(&self, i: usize) -> (f64, usize, Option<f64>) {
        let mut total = 0.0;
        let mut mantissa = None;
        let mut at = i;
        loop {
            let (mut part, mut end, _) = {
                let (v, e, l) = self.digits(at);
                (v as f64, e, l)
            };
            while self.char_at(end) == Some(',') {
                let (group, group_end, group_length) = self.digits(end + 1);
                if group_length != 3 {
                    break;
                }
                part = part * 1000.0 + group as f64;
                end = group_end;
            }
            // Japanese also writes the decimal point as a middle dot (`1・5メートル`).
            if matches!(self.char_at(end), Some('.' | '・')) {
                let (fraction, fraction_end, fraction_length) = self.digits(end + 1);
                if fraction_length > 0 {
                    part += fraction as f64 / 10f64.powi(fraction_length as i32);
                    end = fraction_end;
                }
            }
            let multiplier = match self.char_at(end) {
                Some('兆') => 1e12,
                Some('億' | '亿') => 1e8,
                Some('万' | '萬') => 1e4,
                Some('千') => 1e3,
                _ => {
                    total += part;
                    return (total, end, mantissa);
                }
            };
            mantissa.get_or_insert(part);
            total += part * multiplier;
            at = end + 1;
            if !self.is_digit(at) {
                return (total, at, mantissa);
            }
        }
    }

    /// `2021年10月19日`, `10月19日`, `12日`, `令和3年`: one date, or a year as an amount.
    fn cjk_date(&mut self, i: usize, era_year: Option<(i32, usize)>) -> usize {
        let mut year = None;
        let mut month = None;
        let mut day = None;
        let mut at = i;
        let mut end = i;
        if let Some((y, after)) = era_year {
            year = Some(y);
            at = after;
            end = after;
        }
        while self.is_digit(at) {
            let (value, digits_end, _) = self.digits(at);
            match self.char_at(digits_end) {
                Some('年') if year.is_none() && month.is_none() => {
                    // `22年度` is fiscal 2022.
                    let fiscal = self.char_at(digits_end + 1) == Some('度') && value < 100;
                    year = i32::try_from(if fiscal { 2000 + value } else { value }).ok();
                }
                Some('月') if month.is_none() && day.is_none() && (1..=12).contains(&value) => {
                    // `3カ月` is a duration, not March: the counter follows the digits.
                    month = u8::try_from(value).ok();
                }
                Some('日') if day.is_none() && (1..=31).contains(&value) => {
                    if self.char_at(digits_end + 1) == Some('間') {
                        break;
                    }
                    day = u8::try_from(value).ok();
                }
                _ => break,
            }
            end = digits_end + 1;
            at = end;
        }
        if end == i {
            // Digits before a counter the date reader refused (`40日間`, `13月`).
            let (value, digits_end, _) = self.digits(i);
            self.push(Value::Amount(value as f64), i, digits_end, false, None);
            return digits_end;
        }
        let value = match (year, month, day) {
            (Some(y), None, None) => Value::Amount(f64::from(y)),
            _ => Value::Date { year, month, day },
        };
        // A small year after a kanji word is a year of an era this module does not know
        // (`慶長17年`): its Gregorian year cannot be told, so it is only soft.
        let previous = i.checked_sub(1).and_then(|p| self.char_at(p));
        let unknown_era = era_year.is_none()
            && year.is_some_and(|y| y < 100)
            && previous.is_some_and(|p| {
                is_cjk(p)
                    && !matches!(
                        p,
                        '同' | '約'
                            | '第'
                            | '計'
                            | '昨'
                            | '今'
                            | '来'
                            | '毎'
                            | 'の'
                            | 'は'
                            | 'で'
                            | 'に'
                            | 'を'
                            | 'が'
                            | 'と'
                            | 'も'
                    )
            });
        self.push(value, i, end, unknown_era, None);
        end
    }

    /// `3時`, `3時30分`, with `午後` (p.m.) or `午前` (a.m.) before it.
    fn cjk_time(&mut self, i: usize, hour: u8, after: usize) -> usize {
        let mut hour = hour;
        let mut start = i;
        if i >= 2 {
            let before: String = [self.char_at(i - 2), self.char_at(i - 1)]
                .into_iter()
                .flatten()
                .collect();
            if before == "午後" && hour < 12 {
                hour += 12;
                start = i - 2;
            } else if before == "午前" {
                start = i - 2;
            }
        }
        let mut minute = 0;
        let mut end = after;
        let (m, m_end, m_length) = self.digits(after);
        if m_length > 0 && m < 60 && self.char_at(m_end) == Some('分') {
            minute = m as u8;
            end = m_end + 1;
        } else if self.char_at(after) == Some('半') {
            minute = 30;
            end = after + 1;
        }
        self.push(Value::Time { hour, minute }, start, end, false, None);
        end
    }

    /// CJK text at `i`: an era year (`令和3年`), or kanji numerals before a counter (soft).
    fn cjk_words(&mut self, i: usize) -> usize {
        for &(era, offset) in ERAS {
            let length = era.chars().count();
            let name: String = (i..i + length).filter_map(|k| self.char_at(k)).collect();
            if name != era {
                continue;
            }
            let at = i + length;
            if self.char_at(at) == Some('元') && self.char_at(at + 1) == Some('年') {
                return self.cjk_date(i, Some((offset + 1, at + 2)));
            }
            let (value, end, length) = self.digits(at);
            if length > 0 && self.char_at(end) == Some('年') {
                let year = offset + i32::try_from(value).unwrap_or(0);
                return self.cjk_date(i, Some((year, end + 1)));
            }
        }
        let mut end = i;
        while self
            .char_at(end)
            .is_some_and(|c| KANJI_DIGITS.iter().any(|&(k, _)| k == c))
        {
            end += 1;
        }
        if end == i {
            return i + 1;
        }
        let previous = i.checked_sub(1).and_then(|p| self.char_at(p));
        let counter = self
            .char_at(end)
            .is_some_and(|c| KANJI_COUNTERS.contains(c));
        if counter && !previous.is_some_and(|p| matches!(p, '唯' | '同' | '統' | '万')) {
            let numerals: Vec<char> = (i..end).filter_map(|k| self.char_at(k)).collect();
            match kanji_value(&numerals) {
                // `十二月` is December: a month, named in words.
                Some(month @ 1..=12) if self.char_at(end) == Some('月') => {
                    let month = Value::Date {
                        year: None,
                        month: u8::try_from(month).ok(),
                        day: None,
                    };
                    self.push(month, i, end + 1, true, None);
                    return end + 1;
                }
                Some(value) => self.push(Value::Amount(f64::from(value)), i, end, true, None),
                None => {}
            }
        }
        end
    }
}

/// The value of an upper-case Roman numeral of two letters or more (`XXI` → 21).
fn roman_value(text: &str) -> Option<u32> {
    if text.len() < 2 || !text.bytes().all(|b| b"IVXLCDM".contains(&b)) {
        return None;
    }
    let digit = |b: u8| match b {
        b'I' => 1,
        b'V' => 5,
        b'X' => 10,
        b'L' => 50,
        b'C' => 100,
        b'D' => 500,
        _ => 1000,
    };
    let bytes = text.as_bytes();
    let mut total = 0;
    for (k, &b) in bytes.iter().enumerate() {
        let value = digit(b);
        if bytes.get(k + 1).is_some_and(|&next| digit(next) > value) {
            total -= value as i64;
        } else {
            total += value as i64;
        }
    }
    u32::try_from(total).ok().filter(|&v| v > 0)
}

/// The value of a run of kanji numerals (`三`, `二十五`, `三百`, `千二百`).
fn kanji_value(numerals: &[char]) -> Option<u32> {
    let mut total = 0;
    let mut digit: Option<u32> = None;
    for &c in numerals {
        let value = KANJI_DIGITS.iter().find(|&&(k, _)| k == c)?.1;
        if value >= 10 {
            total += digit.take().unwrap_or(1) * value;
        } else {
            digit = Some(digit.unwrap_or(0) * 10 + value);
        }
    }
    Some(total + digit.unwrap_or(0))
}

/// In `10-15 млн`, `10 to 15 million`, `10～15万`, the multiplier written once belongs to
/// both ends of the range.
fn share_range_multipliers(numbers: &mut [Raw]) {
    for k in 1..numbers.len() {
        let (before, after) = numbers.split_at_mut(k);
        let low = &mut before[k - 1];
        let high = &after[0];
        let (Some(mantissa), Value::Amount(low_value), None) =
            (high.multiplier, low.number.value, low.multiplier)
        else {
            continue;
        };
        let gap = high.number.span.start.saturating_sub(low.number.span.end);
        if gap == 0 || gap > 6 || low.number.soft || low_value >= mantissa {
            continue;
        }
        let scale = match high.number.value {
            Value::Amount(high_value) => high_value / mantissa,
            _ => continue,
        };
        low.number.value = Value::Amount(low_value * scale);
    }
}

/// The words an English text's numbers are read from (month names and number words),
/// lowercase, and their greatest length: most words of a text are none of them and are
/// passed over without being lowercased into a new string.
struct ReadWords {
    /// The words, lowercase.
    words: HashSet<&'static str>,
    /// The most characters a word has.
    longest: usize,
}

impl ReadWords {
    fn of(words: impl Iterator<Item = &'static str>) -> Self {
        let words: HashSet<&'static str> = words.collect();
        let longest = words.iter().map(|w| w.chars().count()).max().unwrap_or(0);
        Self { words, longest }
    }

    /// Whether the word of `chars` may be one of the words: an ASCII word is looked up,
    /// any other is let through to be read.
    fn may_be(&self, chars: &[(usize, char)]) -> bool {
        if chars.len() > self.longest {
            return false;
        }
        let mut lower = [0u8; 32];
        let Some(lower) = lower.get_mut(..chars.len()) else {
            return true;
        };
        for (byte, &(_, c)) in lower.iter_mut().zip(chars) {
            if !c.is_ascii() {
                return true;
            }
            *byte = (c as u8).to_ascii_lowercase();
        }
        std::str::from_utf8(lower).is_ok_and(|word| self.words.contains(word))
    }
}

static ENGLISH_READ_WORDS: std::sync::LazyLock<ReadWords> = std::sync::LazyLock::new(|| {
    ReadWords::of(
        MONTHS
            .iter()
            .map(|&(word, _)| word)
            .chain(ENGLISH_WORDS.iter().map(|&(word, _)| word)),
    )
});

/// The month names as a map: the scanner asks of every candidate word whether it is one.
static MONTH_NAMES: std::sync::LazyLock<HashMap<&'static str, u8>> =
    std::sync::LazyLock::new(|| MONTHS.iter().copied().collect());

fn month_named(word: &str) -> Option<u8> {
    MONTH_NAMES.get(word).copied()
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{3005}' | '\u{3007}')
}

/// Full-width digits and signs read as their ASCII forms (`１２` is 12, `．` a point).
fn fold_width(c: char) -> char {
    match c {
        '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
        '．' => '.',
        '，' => ',',
        '：' => ':',
        '／' => '/',
        '－' => '-',
        '％' => '%',
        c => c,
    }
}

#[cfg(test)]
mod tests;
