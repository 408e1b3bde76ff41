//! `quotes`: quotation marks paired per paragraph. One kind serves several rules; its
//! `check` parameter says which problem a rule reports: `unbalanced`, `misplaced`,
//! `inner-space`, `missing-outer-space`, `mismatched` (a straight mark paired with a
//! curly one), `doubled` (`""`), `mixed-styles` (straight and curly quotes in one
//! document) or `foreign-style` (guillemets and low-9 quotes, with the English ones
//! suggested). Apostrophes (`It’s`, `students’`, `’90s`) and primes (`6'2"`) are not
//! quotes; the pairing itself lives in `crate::rules::quoting`.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::document::Document;
use crate::fnv::Fnv;
use crate::rules::quoting::{self, Mark, Pair, ProblemKind, Reason, Role};
use crate::rules::spec::{SpecError, rule_spec};
use crate::rules::{Check, Hit, message_with_specifics};

/// Which problem a `quotes` rule reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuoteCheck {
    /// A quote opened and never closed, or closed and never opened.
    Unbalanced,
    /// A closing quote that opens a word, an opening quote glued to the end of a word.
    Misplaced,
    /// Space just inside the quotes.
    InnerSpace,
    /// No space between a quote and the word outside it.
    MissingOuterSpace,
    /// A straight mark paired with a curly one.
    Mismatched,
    /// A mark written twice.
    Doubled,
    /// Straight and curly quotes in one document.
    MixedStyles,
    /// Quotes of another language's style.
    ForeignStyle,
}

/// A foreign pair of quotes and the English pair that replaces it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Foreign {
    /// The foreign opening and closing marks, such as `«` and `»`.
    pub pair: [char; 2],
    /// The English marks suggested instead, such as `“` and `”`.
    pub english: [char; 2],
}

/// The placeholders of a `quotes` rule's message: the number of `{straight}` and of
/// `{curly}` marks (`mixed-styles`).
pub const PLACEHOLDERS: &[&str] = &["straight", "curly"];

rule_spec! {
    /// The rule-file fields of a `quotes` rule.
    pub struct Spec {
        /// Which problem the rule reports.
        pub check: QuoteCheck,
        /// The pairs of opening and closing marks that are paired (default: see
        /// [`default_pairs`]).
        #[serde(default)]
        pub pairs: Option<toml::Spanned<Vec<[char; 2]>>>,
        /// Pairs of another language's style, each with its English replacement (default:
        /// guillemets and low-9 quotes, those of them that are among the pairs).
        #[serde(default)]
        pub foreign: Option<toml::Spanned<Vec<Foreign>>>,
        /// The message of each reason a mark is reported for (`opened-never-closed`,
        /// `closing-attached-to-next-word`, …); a reason not listed gets `message`.
        #[serde(default)]
        pub messages: BTreeMap<Reason, String>,
    }
}

/// The pairs a `quotes` rule pairs unless its file says otherwise: English curly quotes,
/// guillemets, low-9 quotes and straight quotes.
pub fn default_pairs() -> Vec<[char; 2]> {
    vec![
        ['“', '”'],
        ['‘', '’'],
        ['«', '»'],
        ['„', '“'],
        ['‚', '‘'],
        ['"', '"'],
        ['\'', '\''],
    ]
}

fn default_foreign() -> Vec<Foreign> {
    let foreign = |pair, english| Foreign { pair, english };
    vec![
        foreign(['«', '»'], ['“', '”']),
        foreign(['„', '“'], ['“', '”']),
        foreign(['‚', '‘'], ['‘', '’']),
    ]
}

/// Compiles a `quotes` rule.
pub fn compile(spec: Spec) -> Result<Box<dyn Check>, SpecError> {
    let pairs: Vec<Pair> = spec
        .pairs
        .as_ref()
        .map_or_else(default_pairs, |pairs| pairs.get_ref().clone())
        .into_iter()
        .map(|[open, close]| Pair { open, close })
        .collect();
    if let Some(given) = spec.pairs.as_ref().filter(|p| p.get_ref().is_empty()) {
        return Err(SpecError::at("pairs", given, "no pairs of quotes given"));
    }
    let index_of = |[open, close]: [char; 2]| {
        pairs
            .iter()
            .position(|p| p.open == open && p.close == close)
    };
    let mut foreign = vec![None; pairs.len()];
    match &spec.foreign {
        Some(given) => {
            for entry in given.get_ref() {
                let Some(index) = index_of(entry.pair) else {
                    let [open, close] = entry.pair;
                    return Err(SpecError::at(
                        "foreign",
                        given,
                        format!("`{open}{close}` is not one of the pairs"),
                    ));
                };
                foreign[index] = Some(entry.english);
            }
        }
        None => {
            for entry in default_foreign() {
                if let Some(index) = index_of(entry.pair) {
                    foreign[index] = Some(entry.english);
                }
            }
        }
    }
    let mut pairs_key = Fnv::default();
    for pair in &pairs {
        for mark in [pair.open, pair.close] {
            pairs_key.write(mark.encode_utf8(&mut [0; 4]).as_bytes());
        }
    }
    let pairs_key = pairs_key.finish();
    Ok(Box::new(QuotesCheck {
        check: spec.check,
        mixed_message: matches!(spec.check, QuoteCheck::MixedStyles)
            .then(|| {
                message_with_specifics(&spec.message, PLACEHOLDERS, |message| {
                    format!("{message} (straight {{straight}}×, curly {{curly}}×)")
                })
            })
            .flatten(),
        messages: spec.messages,
        scanner: quoting::Scanner::new(&pairs),
        pairs_key,
        foreign,
    }))
}

struct QuotesCheck {
    check: QuoteCheck,
    /// The message of each reason the rule file gives one for (others get `message`).
    messages: BTreeMap<Reason, String>,
    /// The message of `mixed-styles`, when it is not the rule's `message` (which then
    /// names no placeholder: the counts follow it).
    mixed_message: Option<String>,
    scanner: quoting::Scanner,
    /// Identifies the pairs, so that rules pairing the same marks share one scan.
    pairs_key: u64,
    /// For each pair: the English pair that replaces it, if it is foreign.
    foreign: Vec<Option<[char; 2]>>,
}

impl Check for QuotesCheck {
    fn check(&self, document: &Document, hits: &mut Vec<Hit>) {
        let scan = document.shared(self.pairs_key, || self.scanner.scan(document));
        let kind = match self.check {
            QuoteCheck::Unbalanced => ProblemKind::Unbalanced,
            QuoteCheck::Misplaced => ProblemKind::Misplaced,
            QuoteCheck::InnerSpace => ProblemKind::InnerSpace,
            QuoteCheck::MissingOuterSpace => ProblemKind::MissingOuterSpace,
            QuoteCheck::Mismatched => ProblemKind::Mismatched,
            QuoteCheck::Doubled => ProblemKind::Doubled,
            QuoteCheck::MixedStyles => return self.mixed_styles(&scan.marks, hits),
            QuoteCheck::ForeignStyle => return self.foreign_style(&scan.marks, hits),
        };
        for problem in scan.problems.iter().filter(|p| p.kind == kind) {
            hits.push(Hit {
                message: self.messages.get(&problem.reason).cloned(),
                ..Hit::new(problem.span.clone(), problem.suggestion.clone())
            });
        }
    }
}

impl QuotesCheck {
    /// Flags the minority style (straight or curly) of double and of single quotes.
    fn mixed_styles(&self, marks: &[Mark], hits: &mut Vec<Hit>) {
        for double in [true, false] {
            let styled: Vec<(&Mark, bool)> = marks
                .iter()
                .filter(|m| is_double(m.glyph) == double && self.foreign[m.pair].is_none())
                .map(|m| (m, m.glyph.is_ascii()))
                .collect();
            let straight = styled.iter().filter(|(_, s)| *s).count();
            let curly = styled.len() - straight;
            if straight == 0 || curly == 0 {
                continue;
            }
            let flag_straight = straight <= curly;
            for (mark, _) in styled.iter().filter(|(_, s)| *s == flag_straight) {
                let suggestion = match (flag_straight, double, mark.role) {
                    (true, true, Role::Open) => '“',
                    (true, true, Role::Close) => '”',
                    (true, false, Role::Open) => '‘',
                    (true, false, Role::Close) => '’',
                    (false, true, _) => '"',
                    (false, false, _) => '\'',
                };
                hits.push(Hit {
                    message: self.mixed_message.clone(),
                    ..Hit::new(
                        mark.at..mark.at + mark.glyph.len_utf8(),
                        Some(suggestion.to_string()),
                    )
                    .with_values(vec![
                        ("straight", straight.to_string()),
                        ("curly", curly.to_string()),
                    ])
                });
            }
        }
    }

    /// Flags every mark of a foreign pair, suggesting the English mark of the same role.
    fn foreign_style(&self, marks: &[Mark], hits: &mut Vec<Hit>) {
        for mark in marks {
            if let Some([open, close]) = self.foreign[mark.pair] {
                let english = if mark.role == Role::Open { open } else { close };
                hits.push(Hit::new(
                    mark.at..mark.at + mark.glyph.len_utf8(),
                    Some(english.to_string()),
                ));
            }
        }
    }
}

fn is_double(glyph: char) -> bool {
    matches!(glyph, '"' | '“' | '”' | '„' | '«' | '»' | '‟')
}
