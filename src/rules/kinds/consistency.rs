//! `consistency`: groups of alternatives (`e-mail` / `email`) that must not be mixed in
//! one document. When a document uses more than one alternative of a group, the minority
//! spellings are flagged and the majority suggested; a tie goes to the alternative listed
//! first. With `patterns = true` the alternatives are regular expressions for styles
//! (`2.5` against `2,5`); the first capture group, if any, is flagged, with no suggestion.

use regex::{Regex, RegexSet};

use crate::document::Document;
use crate::rules::spec::{SpecError, rule_spec};
use crate::rules::words::{WordMatcher, match_case};
use crate::rules::{Check, Hit};

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
        let set = RegexSet::new(&alternatives).map_err(|err| {
            SpecError::at("groups", &spec.groups, format!("invalid regex: {err}"))
        })?;
        Matcher::Patterns(set, regexes)
    } else {
        let words = WordMatcher::new(&alternatives, spec.case_sensitive, spec.whole_words)
            .map_err(|err| SpecError::at("groups", &spec.groups, err.to_string()))?;
        Matcher::Words(words)
    };
    Ok(Box::new(ConsistencyCheck {
        matcher,
        groups: groups.clone(),
        owners,
        message: spec.message,
    }))
}

/// How the alternatives are found.
enum Matcher {
    /// Literal alternatives, all in one pass.
    Words(WordMatcher),
    /// One regular expression per alternative, and all of them as a set: each run is
    /// tested against the set in one pass and searched only with the regexes that match.
    Patterns(RegexSet, Vec<Regex>),
}

impl Matcher {
    /// Every occurrence in `text`: its byte range and the index of its alternative.
    fn find(&self, text: &str, found: &mut Vec<(std::ops::Range<usize>, usize)>) {
        match self {
            Self::Words(words) => found.extend(words.find_iter(text).map(|m| (m.range, m.word))),
            Self::Patterns(set, regexes) => {
                for index in set.matches(text).iter() {
                    for captures in regexes[index].captures_iter(text) {
                        let flagged = captures
                            .get(1)
                            .or_else(|| captures.get(0))
                            .expect("group 0 is always present");
                        found.push((flagged.range(), index));
                    }
                }
            }
        }
    }
}

struct ConsistencyCheck {
    matcher: Matcher,
    groups: Vec<Vec<String>>,
    /// For each alternative in the matcher: its group and its place in the group.
    owners: Vec<(usize, usize)>,
    message: String,
}

impl Check for ConsistencyCheck {
    fn check(&self, document: &Document, hits: &mut Vec<Hit>) {
        let mut occurrences = Vec::new();
        let mut counts: Vec<Vec<usize>> = self.groups.iter().map(|g| vec![0; g.len()]).collect();
        let mut found = Vec::new();
        for segment in document.segments() {
            self.matcher.find(document.segment_text(segment), &mut found);
            let start = segment.range.start;
            for (range, alternative) in found.drain(..) {
                let (group, member) = self.owners[alternative];
                counts[group][member] += 1;
                occurrences.push((start + range.start..start + range.end, group, member));
            }
        }
        for (span, group, member) in occurrences {
            let group_counts = &counts[group];
            let majority = (0..group_counts.len())
                .max_by_key(|&m| (group_counts[m], std::cmp::Reverse(m)))
                .expect("groups have two or more alternatives");
            if member == majority {
                continue;
            }
            if matches!(self.matcher, Matcher::Patterns(..)) {
                hits.push(Hit {
                    message: Some(format!(
                        "{} (this form {}×, the majority form {}×)",
                        self.message, group_counts[member], group_counts[majority]
                    )),
                    ..Hit::new(span, None)
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
                message: Some(format!("{} ({usage})", self.message)),
                ..Hit::new(span, Some(match_case(found, preferred)))
            });
        }
    }
}
