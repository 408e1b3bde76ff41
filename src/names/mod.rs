//! Name variants: finding the spellings that refer to one person, place or organisation,
//! without a dictionary, in one article ([`article`]) and across a corpus ([`corpus`]).
//!
//! The pipeline is pure code over a [`crate::document::Document`]: [`candidates`] picks the
//! capitalised words that may be names, [`key`] folds each spelling to a comparison key,
//! [`inflection`] proposes the bases of case forms, [`cluster`] links spellings through
//! hash indexes (never all pairs), and [`article`] / [`corpus`] choose the canonical form
//! and the variants to report. The `names` rule kind (`rules::kinds::names`) wraps it;
//! [`capitals`], one name or title written with different capitals, is the `capitals` kind's.

pub mod article;
pub mod candidates;
pub mod capitals;
pub mod cluster;
pub mod corpus;
pub mod inflection;
pub mod key;
pub mod romanise;

use rustc_hash::FxHashSet as HashSet;

pub use cluster::{Evidence, Params, Spelling};

/// Everything the names check is configured with: the clustering thresholds and the
/// user's lists. Built once per rule, shared by every document.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Clustering thresholds.
    pub params: Params,
    /// Fewest letters a name candidate has.
    pub min_length: usize,
    /// Fewest times a word must stand capitalised alone mid-sentence for its lowercase
    /// occurrences to be taken for the name written in lowercase (0 turns it off).
    pub lowercase_min_uses: usize,
    /// How many times as often as in lowercase such a word must be used capitalised.
    pub lowercase_ratio: f64,
    /// Canonical spellings that override the chosen form: `(spelling, its key)`.
    pub glossary: Vec<(String, Spelling)>,
    /// Keys of spellings that are never flagged nor linked.
    pub ignore: HashSet<String>,
    /// In corpus mode, how many times more articles the dominant spelling must be used in
    /// than a spelling that is flagged.
    pub corpus_ratio: f64,
    /// In corpus mode, the fewest articles the dominant spelling must be used in.
    pub corpus_min_articles: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            params: Params::default(),
            min_length: 3,
            lowercase_min_uses: 3,
            lowercase_ratio: 3.0,
            glossary: Vec::new(),
            ignore: HashSet::default(),
            corpus_ratio: 2.0,
            corpus_min_articles: 2,
        }
    }
}

impl Settings {
    /// The glossary spelling that `spelling` is a form of, if any.
    pub fn glossary_entry(&self, spelling: &Spelling) -> Option<&(String, Spelling)> {
        self.glossary.iter().find(|(_, entry)| {
            entry.key == spelling.key
                || (self.params.inflection
                    && cluster::is_inflected(spelling, &entry.key, &self.params))
        })
    }
}
