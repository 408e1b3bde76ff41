//! `capitals`: one name or title written with different capitals in one article (a
//! quoted title, a lowercase name capitalised once mid-sentence). The algorithm lives in
//! [`crate::names::capitals`]; this kind turns its variants into hits.

use std::collections::HashSet;

use crate::document::Document;
use crate::names::capitals::case_variants;
use crate::rules::spec::{SpecError, rule_spec};
use crate::rules::{Check, Hit};

/// The placeholders of a `capitals` rule's message: how many times the flagged `{uses}`
/// and the kept form's `{kept_uses}` are written.
pub const PLACEHOLDERS: &[&str] = &["uses", "kept_uses"];

rule_spec! {
    /// The rule-file fields of a `capitals` rule.
    pub struct Spec {
        /// Words and titles never compared, in any case (`state`, `Long Prose`).
        #[serde(default)]
        pub ignore: Vec<String>,
    }
}

/// Compiles a `capitals` rule.
pub fn compile(spec: Spec) -> Result<Box<dyn Check>, SpecError> {
    Ok(Box::new(CapitalsCheck {
        ignore: spec.ignore.iter().map(|word| word.to_lowercase()).collect(),
    }))
}

struct CapitalsCheck {
    ignore: HashSet<String>,
}

impl Check for CapitalsCheck {
    fn check(&self, document: &Document, hits: &mut Vec<Hit>) {
        for variant in case_variants(document) {
            if self.ignore.contains(&variant.suggestion.to_lowercase()) {
                continue;
            }
            hits.push(
                Hit::new(variant.span, Some(variant.suggestion)).with_values(vec![
                    ("uses", variant.uses.to_string()),
                    ("kept_uses", variant.suggestion_uses.to_string()),
                ]),
            );
        }
    }
}
