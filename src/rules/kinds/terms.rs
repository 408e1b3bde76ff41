//! `terms`: a glossary of wrong → right words, matched as whole words in one pass,
//! however many entries it has. The replacement takes the case of the text it replaces.

use std::collections::BTreeMap;

use crate::document::Document;
use crate::rules::spec::{SpecError, rule_spec};
use crate::rules::words::{WordMatcher, match_case};
use crate::rules::{Check, Hit};

rule_spec! {
    /// The rule-file fields of a `terms` rule.
    pub struct Spec {
        /// The glossary: each key is flagged and its value suggested.
        pub terms: toml::Spanned<BTreeMap<String, String>>,
        /// Match the keys only as written, not in other cases.
        #[serde(default)]
        pub case_sensitive: bool,
    }
}

/// Compiles a `terms` rule.
pub fn compile(spec: Spec) -> Result<Box<dyn Check>, SpecError> {
    let glossary = spec.terms.get_ref();
    if glossary.is_empty() {
        return Err(SpecError::at("terms", &spec.terms, "the glossary is empty"));
    }
    if let Some(blank) = glossary.keys().find(|wrong| wrong.trim().is_empty()) {
        return Err(SpecError::at(
            "terms",
            &spec.terms,
            format!("blank entry {blank:?}"),
        ));
    }
    let (wrong, right): (Vec<&String>, Vec<String>) =
        glossary.iter().map(|(w, r)| (w, r.clone())).unzip();
    let matcher = WordMatcher::new(&wrong, spec.case_sensitive, true)
        .map_err(|err| SpecError::at("terms", &spec.terms, err.to_string()))?;
    Ok(Box::new(TermsCheck { matcher, right }))
}

struct TermsCheck {
    matcher: WordMatcher,
    right: Vec<String>,
}

impl Check for TermsCheck {
    fn check(&self, document: &Document, hits: &mut Vec<Hit>) {
        for segment in document.segments() {
            let text = document.segment_text(segment);
            for found in self.matcher.find_iter(text) {
                let flagged = &text[found.range.clone()];
                let suggestion = match_case(flagged, &self.right[found.word]);
                if suggestion != flagged {
                    let start = segment.range.start;
                    hits.push(Hit::new(
                        start + found.range.start..start + found.range.end,
                        Some(suggestion),
                    ));
                }
            }
        }
    }
}
