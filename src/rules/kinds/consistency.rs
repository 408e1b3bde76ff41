//! `consistency`: groups of alternatives (`e-mail` / `email`) that must not be mixed in
//! one document. When a document uses more than one alternative of a group, the minority
//! spellings are flagged and the majority suggested; a tie goes to the alternative listed
//! first.

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
    let matcher = WordMatcher::new(&alternatives, spec.case_sensitive, spec.whole_words)
        .map_err(|err| SpecError::at("groups", &spec.groups, err.to_string()))?;
    Ok(Box::new(ConsistencyCheck {
        matcher,
        groups: groups.clone(),
        owners,
        message: spec.message,
    }))
}

struct ConsistencyCheck {
    matcher: WordMatcher,
    groups: Vec<Vec<String>>,
    /// For each alternative in the matcher: its group and its place in the group.
    owners: Vec<(usize, usize)>,
    message: String,
}

impl Check for ConsistencyCheck {
    fn check(&self, document: &Document, hits: &mut Vec<Hit>) {
        let mut occurrences = Vec::new();
        let mut counts: Vec<Vec<usize>> = self.groups.iter().map(|g| vec![0; g.len()]).collect();
        for segment in document.segments() {
            let text = document.segment_text(segment);
            for found in self.matcher.find_iter(text) {
                let (group, member) = self.owners[found.word];
                counts[group][member] += 1;
                let start = segment.range.start;
                occurrences.push((start + found.range.start..start + found.range.end, group, member));
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
