//! `consistency`: groups of alternatives (`e-mail` / `email`) that must not be mixed in
//! one document. When a document uses more than one alternative of a group, the minority
//! spellings are flagged and the majority suggested; a tie goes to the alternative listed
//! first. With `patterns = true` the alternatives are regular expressions for styles
//! (`2.5` against `2,5`); the first capture group, if any, is flagged, with no suggestion.

use std::ops::Range;

use regex::Regex;

use rustc_hash::FxHashMap;

use crate::document::{Document, Token, TokenKind};
use crate::rules::spec::{SpecError, rule_spec};
use crate::rules::words::{WordMatcher, match_case};
use crate::rules::{Check, Hit, message_with_specifics};

/// The placeholders of a `consistency` rule's message: with `patterns = true`, the
/// `{count}` of this form and of the `{majority}` form; otherwise the `{usage}` of each
/// alternative (`` `Bakiev` 1×, `Bakiyev` 3× ``).
pub const PLACEHOLDERS: &[&str] = &["count", "majority", "usage"];

rule_spec! {
    /// The rule-file fields of a `consistency` rule.
    pub struct Spec {
        /// Each group lists two or more alternatives, the preferred one first.
        pub groups: toml::Spanned<Vec<Vec<String>>>,
        /// Match alternatives only as whole words (turn off for punctuation such as ` – `).
        #[serde(default = "crate::rules::spec::enabled_by_default")]
        pub whole_words: bool,
        /// Match alternatives only as written, not in other cases.
        #[serde(default)]
        pub case_sensitive: bool,
        /// The alternatives are regular expressions for styles, not words (`whole_words`
        /// and `case_sensitive` then do not apply; write them into the expressions).
        #[serde(default)]
        pub patterns: bool,
    }
}

/// Compiles a `consistency` rule.
pub fn compile(spec: Spec) -> Result<Box<dyn Check>, SpecError> {
    let groups = spec.groups.get_ref();
    if groups.is_empty() || groups.iter().any(|group| group.len() < 2) {
        return Err(SpecError::at(
            "groups",
            &spec.groups,
            "every group needs two or more alternatives",
        ));
    }
    let mut alternatives = Vec::new();
    let mut owners = Vec::new();
    for (group, members) in groups.iter().enumerate() {
        for (member, alternative) in members.iter().enumerate() {
            alternatives.push(alternative.clone());
            owners.push((group, member));
        }
    }
    let matcher = if spec.patterns {
        let regexes = alternatives
            .iter()
            .map(|alternative| {
                Regex::new(alternative).map_err(|err| {
                    SpecError::at("groups", &spec.groups, format!("invalid regex: {err}"))
                })
            })
            .collect::<Result<_, _>>()?;
        Matcher::Patterns(regexes)
    } else if spec.whole_words && spec.case_sensitive && alternatives.iter().all(|a| is_one_word(a))
    {
        let mut first_bytes = [false; 256];
        let mut words = FxHashMap::default();
        for (index, alternative) in alternatives.iter().enumerate() {
            first_bytes[usize::from(alternative.as_bytes()[0])] = true;
            words.insert(alternative.clone(), index);
        }
        let capitalised = alternatives
            .iter()
            .all(|a| a.chars().next().is_some_and(char::is_uppercase));
        Matcher::Tokens {
            first_bytes: Box::new(first_bytes),
            words,
            capitalised,
        }
    } else {
        let words = WordMatcher::new(&alternatives, spec.case_sensitive, spec.whole_words)
            .map_err(|err| SpecError::at("groups", &spec.groups, err.to_string()))?;
        Matcher::Words(words)
    };
    let message = message_with_specifics(&spec.message, PLACEHOLDERS, |message| {
        if spec.patterns {
            format!("{message} (this form {{count}}×, the majority form {{majority}}×)")
        } else {
            format!("{message} ({{usage}})")
        }
    });
    Ok(Box::new(ConsistencyCheck {
        matcher,
        groups: groups.clone(),
        owners,
        message,
    }))
}

/// Whether `alternative` is one word as the tokeniser reads it: letters and digits,
/// hyphens only inside (`Kyiv`, `Alma-Ata`).
fn is_one_word(alternative: &str) -> bool {
    alternative
        .chars()
        .next()
        .is_some_and(char::is_alphanumeric)
        && alternative.chars().all(|c| c.is_alphanumeric() || c == '-')
        && !alternative.ends_with('-')
        && !alternative.contains("--")
}

/// How the alternatives are found.
enum Matcher {
    /// Single words matched as written, looked up among the document's words (which other
    /// rules read too): no pass over the text of its own, whatever the number of words.
    /// A word with a possessive (`Kyiv's`) counts as the word.
    Tokens {
        /// The first bytes of the words: most words of a text start with none of them.
        first_bytes: Box<[bool; 256]>,
        /// Each word and the index of its alternative.
        words: FxHashMap<String, usize>,
        /// Whether every word is capitalised (names): then only the capitalised words of
        /// the document, which the tokeniser lists, are looked at.
        capitalised: bool,
    },
    /// Literal alternatives, all in one pass.
    Words(WordMatcher),
    /// One regular expression per alternative; the engine tests them against each prose
    /// run together with the other rules' (see [`Check::run_regexes`]).
    Patterns(Vec<Regex>),
}

struct ConsistencyCheck {
    matcher: Matcher,
    groups: Vec<Vec<String>>,
    /// For each alternative in the matcher: its group and its place in the group.
    owners: Vec<(usize, usize)>,
    /// The message, when it is not the rule's `message` (which then names no
    /// placeholder: the counts follow it).
    message: Option<String>,
}

impl Check for ConsistencyCheck {
    fn check(&self, document: &Document, hits: &mut Vec<Hit>) {
        let mut occurrences = Vec::new();
        match &self.matcher {
            Matcher::Tokens {
                first_bytes,
                words,
                capitalised,
            } => {
                let tokens = document.tokens();
                let candidates: Box<dyn Iterator<Item = &Token>> = if *capitalised {
                    Box::new(document.capitalised_words().map(|index| &tokens[index]))
                } else {
                    Box::new(tokens.iter())
                };
                for token in candidates {
                    if token.kind != TokenKind::Word
                        || !first_bytes[usize::from(token.first_byte())]
                    {
                        continue;
                    }
                    let text = document.token_text(token);
                    let word = ["’s", "'s"]
                        .iter()
                        .find_map(|possessive| text.strip_suffix(possessive))
                        .filter(|stem| words.contains_key(*stem))
                        .unwrap_or(text);
                    if let Some(&alternative) = words.get(word) {
                        let start = token.range().start;
                        occurrences.push((start..start + word.len(), alternative));
                    }
                }
            }
            Matcher::Words(words) => {
                // Only a group with two alternatives in the text can be mixed: most
                // documents have at most one of each group, told by a byte each.
                let present = words.may_occur(document.text());
                let mut per_group = vec![0; self.groups.len()];
                for (&(group, _), _) in self.owners.iter().zip(present).filter(|(_, p)| *p) {
                    per_group[group] += 1;
                }
                if per_group.iter().all(|&count| count < 2) {
                    return;
                }
                // Only the runs holding a probe byte of some alternative are searched.
                let segments = document.segments();
                let mut runs: Vec<usize> = match words.probe_offsets(document.text()) {
                    Some(offsets) => offsets
                        .map(|at| (at, segments.partition_point(|s| s.range.end <= at)))
                        .filter(|&(at, run)| {
                            segments.get(run).is_some_and(|s| s.range.contains(&at))
                        })
                        .map(|(_, run)| run)
                        .collect(),
                    None => (0..segments.len()).collect(),
                };
                runs.dedup();
                for segment in runs.iter().filter_map(|&run| segments.get(run)) {
                    let start = segment.range.start;
                    occurrences.extend(
                        words
                            .find_iter(document.segment_text(segment))
                            .map(|m| (start + m.range.start..start + m.range.end, m.word)),
                    );
                }
            }
            Matcher::Patterns(regexes) => {
                // Checked on its own (the engine could not join its regexes to the others'):
                // each regex tells the runs where it matches.
                let runs: Vec<Vec<usize>> = regexes
                    .iter()
                    .map(|regex| {
                        let segments = document.segments().iter().enumerate();
                        segments
                            .filter(|(_, segment)| regex.is_match(document.segment_text(segment)))
                            .map(|(run, _)| run)
                            .collect()
                    })
                    .collect();
                return self.check_runs(document, &runs, hits);
            }
        }
        self.report(document, occurrences, hits);
    }

    fn run_regexes(&self) -> Vec<&Regex> {
        match &self.matcher {
            Matcher::Tokens { .. } | Matcher::Words(_) => Vec::new(),
            Matcher::Patterns(regexes) => regexes.iter().collect(),
        }
    }

    /// Styles: only groups with two or more styles present in the document are searched
    /// for occurrences, and only in the runs where each style matched. Most articles use
    /// one style, so their numbers are never searched one by one.
    fn check_runs(&self, document: &Document, runs: &[Vec<usize>], hits: &mut Vec<Hit>) {
        let Matcher::Patterns(regexes) = &self.matcher else {
            return self.check(document, hits);
        };
        let mut occurrences = Vec::new();
        let mixed = |alternative: usize| {
            let (group, _) = self.owners[alternative];
            self.owners
                .iter()
                .zip(runs)
                .filter(|((g, _), runs)| *g == group && !runs.is_empty())
                .count()
                > 1
        };
        for (alternative, regex) in regexes.iter().enumerate() {
            if !mixed(alternative) {
                continue;
            }
            for &run in &runs[alternative] {
                let segment = &document.segments()[run];
                let start = segment.range.start;
                for captures in regex.captures_iter(document.segment_text(segment)) {
                    let flagged = captures
                        .get(1)
                        .or_else(|| captures.get(0))
                        .expect("group 0 is always present");
                    occurrences.push((start + flagged.start()..start + flagged.end(), alternative));
                }
            }
        }
        self.report(document, occurrences, hits);
    }
}

impl ConsistencyCheck {
    /// Flags the minority alternatives among `occurrences` (spans with the index of their
    /// alternative).
    fn report(
        &self,
        document: &Document,
        occurrences: Vec<(Range<usize>, usize)>,
        hits: &mut Vec<Hit>,
    ) {
        let mut counts: Vec<Vec<usize>> = self.groups.iter().map(|g| vec![0; g.len()]).collect();
        for (_, alternative) in &occurrences {
            let (group, member) = self.owners[*alternative];
            counts[group][member] += 1;
        }
        for (span, alternative) in occurrences {
            let (group, member) = self.owners[alternative];
            let group_counts = &counts[group];
            let majority = (0..group_counts.len())
                .max_by_key(|&m| (group_counts[m], std::cmp::Reverse(m)))
                .expect("groups have two or more alternatives");
            if member == majority {
                continue;
            }
            if matches!(self.matcher, Matcher::Patterns(..)) {
                hits.push(Hit {
                    message: self.message.clone(),
                    ..Hit::new(span, None).with_values(vec![
                        ("count", group_counts[member].to_string()),
                        ("majority", group_counts[majority].to_string()),
                    ])
                });
                continue;
            }
            let found = &document.text()[span.clone()];
            let preferred = &self.groups[group][majority];
            let usage = self.groups[group]
                .iter()
                .zip(group_counts)
                .filter(|&(_, &count)| count > 0)
                .map(|(alternative, count)| format!("`{alternative}` {count}×"))
                .collect::<Vec<_>>()
                .join(", ");
            hits.push(Hit {
                message: self.message.clone(),
                ..Hit::new(span, Some(match_case(found, preferred)))
                    .with_values(vec![("usage", usage)])
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::document::Document;
    use crate::engine::Engine;
    use crate::rules::load::RuleSet;

    /// The styles rule alone (each of its regexes on its own) and inside the engine (the
    /// engine's set) find the same thing.
    #[test]
    fn styles_are_found_alike_with_or_without_the_engine_set() {
        let rules = RuleSet::load(true, &[]).expect("the built-in pack loads");
        let rule = rules.get("style.mixed-numbers").expect("a built-in rule");
        let document = Document::from_text(
            "t",
            "Growth was 2.5% in May.\n\nIt was 3.1% in June, 2,7% in July.\n\n1,500 came; 3 000 left.",
        );
        let mut alone = Vec::new();
        rule.check.check(&document, &mut alone);
        let spans: Vec<&str> = alone
            .iter()
            .map(|h| &document.text()[h.span.clone()])
            .collect();
        assert_eq!(spans, ["2,7", "3 000"]);
        let engine = Engine::new(RuleSet::load(true, &[]).expect("loads").into_rules());
        let in_engine: Vec<String> = engine
            .check(&document)
            .into_iter()
            .filter(|f| f.rule == "style.mixed-numbers")
            .map(|f| f.found)
            .collect();
        assert_eq!(in_engine, ["2,7", "3 000"]);
    }
}
