//! `repetition`: a word written twice in a row (`the the`), which spell checkers pass
//! because each copy is spelled right. Read from the document's tokens in one pass: two
//! words of one prose run separated only by whitespace, equal ignoring case.

use std::collections::HashSet;

use crate::document::{Document, Token, TokenKind};
use crate::rules::spec::{SpecError, rule_spec};
use crate::rules::{Check, Hit};

rule_spec! {
    /// The rule-file fields of a `repetition` rule.
    pub struct Spec {
        /// Words whose doubling is grammatical (`had had`, `that that`), in any case.
        #[serde(default)]
        pub allowed: Vec<String>,
        /// Flag only when the second copy starts in lowercase, so that names such as
        /// `Bora Bora` and `Sirhan Sirhan` pass.
        #[serde(default = "crate::rules::spec::enabled_by_default")]
        pub lowercase_second: bool,
    }
}

/// Compiles a `repetition` rule.
pub fn compile(spec: Spec) -> Result<Box<dyn Check>, SpecError> {
    Ok(Box::new(RepetitionCheck {
        allowed: spec
            .allowed
            .iter()
            .map(|word| word.to_lowercase())
            .collect(),
        lowercase_second: spec.lowercase_second,
    }))
}

struct RepetitionCheck {
    allowed: HashSet<String>,
    lowercase_second: bool,
}

/// Whether two words are equal ignoring case, without allocating.
fn equal_ignoring_case(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

impl Check for RepetitionCheck {
    fn check(&self, document: &Document, hits: &mut Vec<Hit>) {
        let text = document.text();
        for pair in document.tokens().windows(2) {
            let [first, second] = pair else { continue };
            // ASCII neighbours of one length starting with one letter (case aside) are
            // rare: this test, on two lengths and two bytes, passes over nearly every pair
            // at once, without reading the text.
            let lead = |token: &Token| token.first_byte() | 0x20;
            if (first.is_ascii() & second.is_ascii())
                && ((first.byte_len() != second.byte_len()) | (lead(first) != lead(second)))
            {
                continue;
            }
            if first.kind != TokenKind::Word
                || second.kind != TokenKind::Word
                || (self.lowercase_second && !second.starts_lowercase())
                || (first.is_ascii() && second.is_ascii() && first.byte_len() != second.byte_len())
                || first.segment() != second.segment()
            {
                continue;
            }
            let (one, two) = (&text[first.range()], &text[second.range()]);
            let between = &text[first.range().end..second.range().start];
            if !between.chars().all(char::is_whitespace)
                || !equal_ignoring_case(one, two)
                || (!self.allowed.is_empty() && self.allowed.contains(&one.to_lowercase()))
            {
                continue;
            }
            hits.push(Hit::new(
                first.range().start..second.range().end,
                Some(one.to_string()),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_is_ignored_without_allocating() {
        assert!(equal_ignoring_case("The", "the"));
        assert!(equal_ignoring_case("ÉTÉ", "été"));
        assert!(!equal_ignoring_case("the", "then"));
    }
}
