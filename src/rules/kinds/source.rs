//! `source`: the translation checked against its source (`--source`, or XLIFF units). With
//! `check = "numbers"` it flags the numbers of a source paragraph that its translation
//! lacks and the numbers the translation adds (`source::numbers`); with `"verbatim"`, the
//! Latin-script words, URLs, addresses, handles and hashtags of the source that the
//! translation lacks (`source::verbatim`); with `"untranslated"`, a paragraph left as its
//! source, text copied from the source in its script, and a paragraph far shorter or
//! longer than its source (`source::untranslated`); with `"names"`, a source name the
//! translation renders as another word or leaves out (`source::names`); with `"marks"`, a
//! paragraph with fewer or more quotations or brackets than its source (`source::marks`).
//!
//! A document without a source gets nothing. When the paragraph counts differ, the
//! whole texts are compared by the checks that compare sets (numbers, verbatim tokens,
//! copied text); the identical-paragraph and length checks need paired paragraphs and do
//! not run. What only the source shows (a missing number or token, a length) is reported
//! as an empty span at the start of its target paragraph, naming the source's text.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::document::Document;
use crate::rules::spec::{SpecError, rule_spec};
use crate::rules::{Check, Hit, Values};
use crate::source::language::Language;
use crate::source::marks::{self, Direction as MarksDirection, Kind as MarksKind};
use crate::source::numbers::NamedMonths;
use crate::source::paired::{Aligned, Unit};
use crate::source::untranslated::{self, Direction, Untranslated};
use crate::source::{names, numbers, verbatim};

/// Which comparison a `source` rule makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceCheck {
    /// Numbers missing from the translation or added by it.
    Numbers,
    /// Tokens of the source that must reach the translation unchanged and did not.
    Verbatim,
    /// Text left untranslated, copied from the source, or dropped or added in bulk.
    Untranslated,
    /// Source names rendered as another word, or dropped.
    Names,
    /// Quotations and brackets dropped or added.
    Marks,
}

/// Why a `source` rule reports, each with its own message in the rule file's `messages`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// Source numbers, or source tokens, that the target paragraph lacks.
    Missing,
    /// A target number the source paragraph lacks.
    Added,
    /// A target date whose month the whole source never names.
    MonthAdded,
    /// A target paragraph identical to its source.
    Identical,
    /// A run of the source's script in the target, found in the source.
    Copied,
    /// A target paragraph far shorter than its source.
    Shorter,
    /// A target paragraph far longer than its source.
    Longer,
    /// A target word standing where a source name should, nothing like it.
    Misrendered,
    /// Such a word when the paragraph renders the name rightly elsewhere.
    Variant,
}

/// The placeholders of a `source` rule's message: the `{source}` text it is about (the
/// missing numbers or tokens, as the source writes them; a name), a name's `{romanised}`
/// form, for a length the `{source_chars}` and `{target_chars}` (characters other than
/// whitespace) and the `{ratio}` of the two, and for marks what they are (`{marks}`) and
/// how many each side has (`{source_count}`, `{target_count}`).
pub const PLACEHOLDERS: &[&str] = &[
    "source",
    "romanised",
    "source_chars",
    "target_chars",
    "ratio",
    "marks",
    "source_count",
    "target_count",
];

rule_spec! {
    /// The rule-file fields of a `source` rule.
    pub struct Spec {
        /// Which comparison the rule makes.
        pub check: SourceCheck,
        /// The message of each reason the rule reports for; a reason not listed gets
        /// `message`.
        #[serde(default)]
        pub messages: BTreeMap<Reason, String>,
    }
}

/// Compiles a `source` rule.
pub fn compile(spec: Spec) -> Result<Box<dyn Check>, SpecError> {
    Ok(Box::new(SourceRule {
        check: spec.check,
        messages: spec.messages,
    }))
}

struct SourceRule {
    check: SourceCheck,
    messages: BTreeMap<Reason, String>,
}

impl Check for SourceRule {
    fn check(&self, document: &Document, hits: &mut Vec<Hit>) {
        let Some(paired) = document.paired_source() else {
            return;
        };
        // A Latin-script source given no language: its digits are still read, as the
        // Russian scanner reads them.
        let unknown = Language::Other(String::new());
        let language = paired.language().unwrap_or(&unknown);
        let target = document.text();
        let (units, aligned) = paired.units(target.len());
        // Each paragraph's source numbers, read once and shared with the other targets of
        // the source; together they give the months the whole source names.
        let unit_numbers: Vec<_> = match self.check {
            SourceCheck::Numbers => units
                .iter()
                .map(|unit| {
                    paired.analysis(0, unit.source.clone(), |text| {
                        numbers::source_numbers(text, language)
                    })
                })
                .collect(),
            _ => Vec::new(),
        };
        let months = NamedMonths::of(unit_numbers.iter().flat_map(|n| n.iter()), language);
        for (index, unit) in units.iter().enumerate() {
            let source = &paired.text()[unit.source.clone()];
            let texts = Texts {
                source,
                target: &target[unit.target.clone()],
                unit,
            };
            match self.check {
                SourceCheck::Numbers => {
                    if let Some(numbers) = unit_numbers.get(index) {
                        self.numbers(&texts, numbers, months, hits);
                    }
                }
                SourceCheck::Verbatim => {
                    let tokens = paired.analysis(0, unit.source.clone(), verbatim::tokens);
                    self.verbatim(&texts, &tokens, hits);
                }
                SourceCheck::Untranslated => self.untranslated(&texts, language, aligned, hits),
                SourceCheck::Names => {
                    let side = paired.analysis(0, unit.source.clone(), |text| {
                        names::SourceSide::new(text, language)
                    });
                    self.names(&texts, &side, hits);
                }
                // Counts of marks compare paragraphs; whole texts of different paragraph
                // counts would hide a dropped pair behind an added one.
                SourceCheck::Marks if aligned == Aligned::Paragraphs => self.marks(&texts, hits),
                SourceCheck::Marks => {}
            }
        }
    }
}

/// One unit's source and target text, and where they are.
struct Texts<'a> {
    source: &'a str,
    target: &'a str,
    unit: &'a Unit,
}

impl Texts<'_> {
    /// The empty span at the start of the target paragraph, where what only the source
    /// shows is reported.
    fn start(&self) -> std::ops::Range<usize> {
        self.unit.target.start..self.unit.target.start
    }
}

impl SourceRule {
    fn hit(&self, reason: Reason, span: std::ops::Range<usize>, values: Values) -> Hit {
        Hit {
            message: self.messages.get(&reason).cloned(),
            ..Hit::new(span, None)
        }
        .with_values(values)
    }

    /// Compares the target paragraph's numbers with its source paragraph's (`source`),
    /// and its dates with the `months` the whole source names.
    fn numbers(
        &self,
        texts: &Texts<'_>,
        source: &[numbers::Number],
        months: Option<NamedMonths>,
        hits: &mut Vec<Hit>,
    ) {
        let target = numbers::english_numbers(texts.target);
        let comparison = numbers::compare(source, &target);
        if !comparison.missing.is_empty() {
            let missing = comparison
                .missing
                .iter()
                .map(|number| &texts.source[number.span.clone()]);
            hits.push(self.hit(
                Reason::Missing,
                texts.start(),
                vec![("source", listed(missing))],
            ));
        }
        let at = texts.unit.target.start;
        for added in &comparison.added {
            let span = at + added.span.start..at + added.span.end;
            hits.push(self.hit(Reason::Added, span, Vec::new()));
        }
        let made_up = months
            .into_iter()
            .flat_map(|months| months.made_up(&target, texts.target));
        for date in made_up.filter(|date| !comparison.added.contains(date)) {
            let span = at + date.span.start..at + date.span.end;
            hits.push(self.hit(Reason::MonthAdded, span, Vec::new()));
        }
    }

    /// Looks for the source paragraph's verbatim `tokens` in the target paragraph.
    fn verbatim(&self, texts: &Texts<'_>, tokens: &[verbatim::Token], hits: &mut Vec<Hit>) {
        let missing = verbatim::missing(tokens, texts.target);
        if !missing.is_empty() {
            let missing = missing
                .into_iter()
                .map(|token| &texts.source[token.span.clone()]);
            hits.push(self.hit(
                Reason::Missing,
                texts.start(),
                vec![("source", listed(missing))],
            ));
        }
    }

    fn untranslated(
        &self,
        texts: &Texts<'_>,
        language: &Language,
        aligned: Aligned,
        hits: &mut Vec<Hit>,
    ) {
        let found = match aligned {
            Aligned::Paragraphs => untranslated::check(texts.source, texts.target, language),
            Aligned::WholeDocument => {
                untranslated::source_text(texts.source, texts.target, language)
                    .into_iter()
                    .map(Untranslated::SourceText)
                    .collect()
            }
        };
        let at = texts.unit.target.start;
        for report in found {
            let hit = match report {
                Untranslated::Identical => self.hit(
                    Reason::Identical,
                    texts.unit.target.clone(),
                    vec![("source", texts.source.to_string())],
                ),
                Untranslated::SourceText(copied) => {
                    let span = at + copied.target.start..at + copied.target.end;
                    let source = texts
                        .source
                        .get(copied.source)
                        .unwrap_or_default()
                        .to_string();
                    self.hit(Reason::Copied, span, vec![("source", source)])
                }
                Untranslated::Length(outlier) => {
                    let reason = match outlier.direction {
                        Direction::Shorter => Reason::Shorter,
                        Direction::Longer => Reason::Longer,
                    };
                    self.hit(
                        reason,
                        texts.start(),
                        vec![
                            ("source_chars", outlier.source_chars.to_string()),
                            ("target_chars", outlier.target_chars.to_string()),
                            ("ratio", format!("{:.2}", outlier.ratio())),
                        ],
                    )
                }
            };
            hits.push(hit);
        }
    }

    /// Reports the names of the source paragraph (`side`) its translation gets wrong.
    fn names(&self, texts: &Texts<'_>, side: &names::SourceSide, hits: &mut Vec<Hit>) {
        let at = texts.unit.target.start;
        for wrong in names::misnamed_in(side, texts.target) {
            let values = vec![
                ("source", wrong.word.clone()),
                ("romanised", wrong.romanised.clone()),
            ];
            let hit = match (wrong.target, wrong.usual) {
                (Some(span), Some(usual)) => Hit {
                    suggestion: Some(usual),
                    ..self.hit(Reason::Variant, at + span.start..at + span.end, values)
                },
                (Some(span), None) => Hit {
                    suggestion: Some(wrong.romanised),
                    ..self.hit(Reason::Misrendered, at + span.start..at + span.end, values)
                },
                (None, _) => self.hit(Reason::Missing, texts.start(), values),
            };
            hits.push(hit);
        }
    }

    fn marks(&self, texts: &Texts<'_>, hits: &mut Vec<Hit>) {
        let at = texts.unit.target.start;
        for mismatch in marks::compare(texts.source, texts.target) {
            let what = match mismatch.kind {
                MarksKind::Quotation => "quotations",
                MarksKind::Bracket => "brackets",
            };
            let (reason, span) = match mismatch.direction {
                MarksDirection::Missing => (Reason::Missing, texts.start()),
                MarksDirection::Added => (
                    Reason::Added,
                    at + mismatch.span.start..at + mismatch.span.end,
                ),
            };
            hits.push(self.hit(
                reason,
                span,
                vec![
                    ("marks", what.to_string()),
                    ("source_count", mismatch.source.to_string()),
                    ("target_count", mismatch.target.to_string()),
                ],
            ));
        }
    }
}

/// The texts, each once, in the order of their first occurrence, separated by commas: a
/// name the source repeats is named once in the message.
fn listed<'a>(texts: impl Iterator<Item = &'a str>) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for text in texts {
        if !seen.contains(&text) {
            seen.push(text);
        }
    }
    seen.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_text_is_listed_once_in_first_order() {
        let texts = ["App", "Meesho", "App", "Moj", "Meesho"];
        assert_eq!(listed(texts.into_iter()), "App, Meesho, Moj");
    }
}
