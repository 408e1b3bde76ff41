//! `names`: spellings of one person, place or organisation that differ within an
//! article (a Russian case ending, another transliteration, diacritics, a hyphen, the
//! case of a letter) and, in corpus mode, across articles. The algorithm lives in
//! [`crate::names`]; this kind reads its thresholds from the rule file and turns its
//! variants into hits.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::document::Document;
use crate::names::{self, Params, Settings, Spelling, article, corpus};
use crate::rules::spec::{SpecError, rule_spec};
use crate::rules::{Check, CorpusCheck, Hit, Severity, message_with_specifics};

/// The placeholder of a `names` rule's message: the `{details}` of a variant (the forms,
/// their counts, where the canonical one is introduced).
pub const PLACEHOLDERS: &[&str] = &["details"];

/// Why a spelling is reported, beyond the variants within an article (`message`): each
/// reason has its own message in the rule file's `messages` table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// Corpus mode: a spelling used in a minority of the articles.
    AcrossTheCorpus,
}

rule_spec! {
    /// The rule-file fields of a `names` rule; every threshold has a default.
    pub struct Spec {
        /// Fewest letters a name candidate has.
        #[serde(default = "defaults::min_length")]
        pub min_length: usize,
        /// Fewest mid-sentence capitalised uses of a word for its lowercase uses to be
        /// flagged as the name in lowercase (0 turns it off).
        #[serde(default = "defaults::lowercase_min_uses")]
        pub lowercase_min_uses: usize,
        /// How many times as often as in lowercase the word must be used capitalised.
        #[serde(default = "defaults::lowercase_ratio")]
        pub lowercase_ratio: toml::Spanned<f64>,
        /// Shortest stem of a case form (`Ivan` + `a` needs 4).
        #[serde(default = "defaults::min_stem_length")]
        pub min_stem_length: usize,
        /// Largest edit distance between near spellings (0 turns them off, at most 2).
        #[serde(default = "defaults::near_distance")]
        pub near_distance: toml::Spanned<usize>,
        /// Shortest key (in letters) compared as a near spelling.
        #[serde(default = "defaults::near_min_length")]
        pub near_min_length: usize,
        /// Lowest Jaro–Winkler similarity of near spellings, from 0 to 1.
        #[serde(default = "defaults::near_similarity")]
        pub near_similarity: toml::Spanned<f64>,
        /// Leading letters near spellings must share.
        #[serde(default = "defaults::shared_prefix")]
        pub shared_prefix: usize,
        /// Largest block of the near-spelling index that is compared.
        #[serde(default = "defaults::max_block")]
        pub max_block: usize,
        /// Shortest key linked to the same key plus one final consonant (0 turns it off).
        #[serde(default = "defaults::final_letter_min_length")]
        pub final_letter_min_length: usize,
        /// Canonical spellings that override the chosen form (a glossary).
        #[serde(default)]
        pub names: Vec<String>,
        /// Spellings never flagged nor linked.
        #[serde(default)]
        pub ignore: Vec<String>,
        /// Corpus mode: the dominant spelling must be used in this many times more
        /// articles than a spelling that is flagged (at least 1).
        #[serde(default = "defaults::corpus_ratio")]
        pub corpus_ratio: toml::Spanned<f64>,
        /// Corpus mode: the fewest articles the dominant spelling is used in.
        #[serde(default = "defaults::corpus_min_articles")]
        pub corpus_min_articles: usize,
        /// The message of each reason a spelling is reported for; a reason not listed
        /// gets `message`.
        #[serde(default)]
        pub messages: BTreeMap<Reason, String>,
    }
}

/// The documented defaults of the parameters.
mod defaults {
    use crate::names::{Params, Settings};

    fn spanned<T>(value: T) -> toml::Spanned<T> {
        toml::Spanned::new(0..0, value)
    }

    pub fn min_length() -> usize {
        Settings::default().min_length
    }
    pub fn lowercase_min_uses() -> usize {
        Settings::default().lowercase_min_uses
    }
    pub fn lowercase_ratio() -> toml::Spanned<f64> {
        spanned(Settings::default().lowercase_ratio)
    }
    pub fn min_stem_length() -> usize {
        Params::default().min_stem_length
    }
    pub fn near_distance() -> toml::Spanned<usize> {
        spanned(Params::default().near_distance)
    }
    pub fn near_min_length() -> usize {
        Params::default().near_min_length
    }
    pub fn near_similarity() -> toml::Spanned<f64> {
        spanned(Params::default().near_similarity)
    }
    pub fn shared_prefix() -> usize {
        Params::default().shared_prefix
    }
    pub fn max_block() -> usize {
        Params::default().max_block
    }
    pub fn final_letter_min_length() -> usize {
        Params::default().final_letter_min_length
    }
    pub fn corpus_ratio() -> toml::Spanned<f64> {
        spanned(Settings::default().corpus_ratio)
    }
    pub fn corpus_min_articles() -> usize {
        Settings::default().corpus_min_articles
    }
}

/// Compiles a `names` rule.
pub fn compile(spec: Spec) -> Result<Box<dyn Check>, SpecError> {
    if *spec.near_distance.get_ref() > 2 {
        return Err(SpecError::at(
            "near_distance",
            &spec.near_distance,
            "must be 0, 1 or 2",
        ));
    }
    let similarity = *spec.near_similarity.get_ref();
    if !(0.0..=1.0).contains(&similarity) {
        return Err(SpecError::at(
            "near_similarity",
            &spec.near_similarity,
            "must be between 0 and 1",
        ));
    }
    let lowercase_ratio = *spec.lowercase_ratio.get_ref();
    if !lowercase_ratio.is_finite() || lowercase_ratio < 1.0 {
        return Err(SpecError::at(
            "lowercase_ratio",
            &spec.lowercase_ratio,
            "must be 1 or more",
        ));
    }
    let ratio = *spec.corpus_ratio.get_ref();
    if !ratio.is_finite() || ratio < 1.0 {
        return Err(SpecError::at(
            "corpus_ratio",
            &spec.corpus_ratio,
            "must be 1 or more",
        ));
    }
    let settings = Settings {
        params: Params {
            min_stem_length: spec.min_stem_length,
            near_distance: *spec.near_distance.get_ref(),
            near_min_length: spec.near_min_length,
            near_similarity: similarity,
            shared_prefix: spec.shared_prefix,
            max_block: spec.max_block,
            final_letter_min_length: spec.final_letter_min_length,
            inflection: true,
            contextual: true,
        },
        min_length: spec.min_length,
        lowercase_min_uses: spec.lowercase_min_uses,
        lowercase_ratio,
        glossary: spec
            .names
            .iter()
            .filter(|name| !name.trim().is_empty())
            .map(|name| (name.trim().to_string(), Spelling::new(name.trim())))
            .collect(),
        ignore: spec
            .ignore
            .iter()
            .map(|name| names::key::key(name))
            .collect(),
        corpus_ratio: ratio,
        corpus_min_articles: spec.corpus_min_articles,
    };
    Ok(Box::new(NamesCheck {
        settings,
        message: message_with_specifics(&spec.message, PLACEHOLDERS, |message| {
            format!("{}: {{details}}", trim(message))
        }),
        corpus_message: spec
            .messages
            .get(&Reason::AcrossTheCorpus)
            .cloned()
            .or_else(|| {
                message_with_specifics(&spec.message, PLACEHOLDERS, |message| {
                    format!("{} across the corpus: {{details}}", trim(message))
                })
            }),
    }))
}

struct NamesCheck {
    settings: Settings,
    /// The message of variants within an article, when it is not the rule's `message`
    /// (which then names no placeholder: the details follow it).
    message: Option<String>,
    /// The message of spellings used in a minority of the articles, when it is not the
    /// rule's `message`: the file's `across-the-corpus`, else the details after `message`.
    corpus_message: Option<String>,
}

/// A message without its closing punctuation, for the details to follow.
fn trim(message: &str) -> &str {
    message.trim_end_matches(['.', ':', ' '])
}

fn severity(strong: bool) -> Option<Severity> {
    (!strong).then_some(Severity::Info)
}

impl NamesCheck {
    /// The variants within the article.
    fn report(&self, analysis: &article::Analysis, hits: &mut Vec<Hit>) {
        hits.extend(analysis.variants.iter().map(|variant| Hit {
            span: variant.span.clone(),
            suggestion: Some(variant.suggestion.clone()),
            message: self.message.clone(),
            values: vec![("details", variant.message.clone())],
            severity: severity(variant.strong),
        }));
    }

    /// The spellings the corpus uses in a minority of articles, where they are not
    /// variants within the article.
    fn report_minorities(
        &self,
        analysis: &article::Analysis,
        verdict: &corpus::Verdict,
        hits: &mut Vec<Hit>,
    ) {
        let candidates = &analysis.candidates;
        for occurrence in &candidates.occurrences {
            if analysis.canonical[occurrence.form].is_some() {
                continue;
            }
            let text = &candidates.forms[occurrence.form].text;
            if let Some(minority) = verdict.minorities.get(text) {
                hits.push(Hit {
                    span: occurrence.span.clone(),
                    suggestion: Some(minority.dominant.clone()),
                    message: self.corpus_message.clone(),
                    values: vec![("details", minority.message.clone())],
                    severity: severity(minority.strong),
                });
            }
        }
    }
}

impl Check for NamesCheck {
    fn check(&self, document: &Document, hits: &mut Vec<Hit>) {
        self.report(&article::analyse(document, &self.settings), hits);
    }

    fn corpus(&self) -> Option<&dyn CorpusCheck> {
        Some(self)
    }
}

impl CorpusCheck for NamesCheck {
    fn summarize(&self, document: &Document, hits: &mut Vec<Hit>) -> corpus::Summary {
        let analysis = article::analyse(document, &self.settings);
        self.report(&analysis, hits);
        // The spellings `check_against_corpus` looks up among the minorities: those of the
        // forms that are not variants within the article.
        let forms = &analysis.candidates.forms;
        let spellings = (0..forms.len())
            .filter(|&form| analysis.canonical[form].is_none())
            .map(|form| corpus::spelling_hash(&forms[form].text))
            .collect();
        corpus::Summary {
            identity: document.identity(),
            spellings,
            names: analysis.names(),
        }
    }

    fn conclude(&self, summaries: &[corpus::Summary]) -> corpus::Verdict {
        corpus::conclude(summaries, &self.settings)
    }

    fn check_against_corpus(
        &self,
        document: &Document,
        verdict: &corpus::Verdict,
        hits: &mut Vec<Hit>,
    ) {
        self.report_minorities(&article::analyse(document, &self.settings), verdict, hits);
    }

    fn check_in_corpus(&self, document: &Document, verdict: &corpus::Verdict, hits: &mut Vec<Hit>) {
        let analysis = article::analyse(document, &self.settings);
        self.report(&analysis, hits);
        self.report_minorities(&analysis, verdict, hits);
    }
}
