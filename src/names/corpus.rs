//! Name consistency across a corpus: each article is reduced to a small summary (its
//! names and how often it uses them), the summaries of all articles are clustered once,
//! and a spelling used in a minority of articles (`Bakiev` in 1, `Bakiyev` in 9) is
//! flagged wherever it is used, suggesting the dominant spelling.

use std::collections::BTreeMap;

use std::hash::Hasher;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet, FxHasher};

use super::cluster::{self, Evidence, Params, Spelling};
use super::{Settings, key};

/// What the corpus pass keeps of one article: its names (the canonical spelling of each
/// group of variants, and every lone spelling) with their occurrence counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// `(spelling, occurrences)`, one per name.
    pub names: Vec<(String, usize)>,
    /// The article's [`crate::document::Document::identity`].
    pub identity: u64,
    /// A hash ([`spelling_hash`]) of every spelling the second pass could flag as a corpus
    /// minority (those that are not variants within the article). The second pass
    /// analyses the article again only if one of them is a minority.
    pub spellings: Vec<u64>,
}

/// A hash of a spelling, for telling whether an article uses a minority spelling without
/// keeping its spellings as text.
pub fn spelling_hash(spelling: &str) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(spelling.as_bytes());
    hasher.finish()
}

/// A spelling the corpus uses in a minority of articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Minority {
    /// The dominant spelling.
    pub dominant: String,
    /// Whether the spellings share a key (a different transliteration, diacritics or
    /// case); otherwise they are near spellings, weak evidence.
    pub strong: bool,
    /// The message, with the number of articles of each spelling.
    pub message: String,
}

/// The outcome of the corpus pass: the minority spellings, by spelling.
#[derive(Debug, Clone, Default)]
pub struct Verdict {
    /// Minority spelling → what to say about it.
    pub minorities: HashMap<String, Minority>,
    /// The [`crate::document::Document::identity`] of every article that uses no
    /// minority spelling.
    quiet: HashSet<u64>,
}

impl Verdict {
    /// Whether the document of `identity` ([`crate::document::Document::identity`]) is
    /// known to use no minority spelling. Such articles, nearly all of a corpus, are not
    /// analysed a second time (nor read again, when nothing else needs their text); a
    /// document changed since it was summarised (fixed) has another identity and is
    /// analysed.
    pub fn is_quiet(&self, identity: u64) -> bool {
        self.quiet.contains(&identity)
    }
}

/// Clusters the names of all `summaries` and finds the minority spellings. Case forms,
/// romanisation equivalents and a final letter are not linked across articles (a `-a` form
/// in another article is as likely a woman of the same family, `Mark` as likely another
/// man than `Marc`); a glossary entry overrides the dominant spelling.
pub fn conclude(summaries: &[Summary], settings: &Settings) -> Verdict {
    let mut usage: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for summary in summaries {
        for (name, count) in &summary.names {
            let entry = usage.entry(name.as_str()).or_default();
            entry.0 += 1;
            entry.1 += count;
        }
    }
    let names: Vec<(&str, (usize, usize))> = usage.into_iter().collect();
    let spellings: Vec<Spelling> = names.iter().map(|(name, _)| Spelling::new(name)).collect();
    let params = Params {
        inflection: false,
        contextual: false,
        ..settings.params.clone()
    };
    let mut minorities = HashMap::default();
    for group in cluster::cluster(&spellings, &params) {
        let glossary = group
            .iter()
            .find_map(|&m| settings.glossary_entry(&spellings[m]));
        let dominant = group
            .iter()
            .copied()
            .max_by_key(|&m| (names[m].1, std::cmp::Reverse(m)))
            .expect("a group has members");
        let (dominant_text, dominant_articles) = match glossary {
            Some((text, _)) => {
                let articles = group
                    .iter()
                    .find(|&&m| names[m].0 == text)
                    .map_or(usize::MAX, |&m| names[m].1.0);
                (text.as_str(), articles)
            }
            None => (names[dominant].0, names[dominant].1.0),
        };
        if glossary.is_none() && dominant_articles < settings.corpus_min_articles {
            continue;
        }
        let dominant_spelling = Spelling::new(dominant_text);
        let counts = group
            .iter()
            .map(|&m| format!("`{}` in {}", names[m].0, articles(names[m].1.0)))
            .collect::<Vec<_>>()
            .join(", ");
        for &member in &group {
            let (name, (articles_used, _)) = names[member];
            let minority = glossary.is_some()
                || (articles_used as f64) * settings.corpus_ratio <= dominant_articles as f64;
            if key::same_but_typography(name, dominant_text)
                || !minority
                || settings.ignore.contains(&spellings[member].key)
            {
                continue;
            }
            let strong = cluster::relation(&spellings[member], &dominant_spelling, &params)
                == Some(Evidence::Same);
            let message = format!(
                "`{name}` for `{dominant_text}`{}; spellings: {counts}",
                if glossary.is_some() {
                    " (the glossary spelling)"
                } else {
                    ""
                }
            );
            minorities.insert(
                name.to_string(),
                Minority {
                    dominant: dominant_text.to_string(),
                    strong,
                    message,
                },
            );
        }
    }
    let minority_hashes: HashSet<u64> = minorities.keys().map(|m| spelling_hash(m)).collect();
    let quiet = summaries
        .iter()
        .filter(|s| !s.spellings.iter().any(|h| minority_hashes.contains(h)))
        .map(|s| s.identity)
        .collect();
    Verdict { minorities, quiet }
}

fn articles(n: usize) -> String {
    if n == 1 {
        "1 article".to_string()
    } else {
        format!("{n} articles")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;

    fn summary(names: &[(&str, usize)]) -> Summary {
        Summary {
            names: names.iter().map(|&(n, c)| (n.to_string(), c)).collect(),
            ..Summary::default()
        }
    }

    #[test]
    fn the_minority_spelling_is_flagged() {
        let mut summaries = vec![summary(&[("Bakiev", 2), ("Akayev", 1)])];
        summaries.extend((0..9).map(|_| summary(&[("Bakiyev", 1)])));
        let verdict = conclude(&summaries, &Settings::default());
        assert_eq!(verdict.minorities.len(), 1);
        let minority = &verdict.minorities["Bakiev"];
        assert_eq!(minority.dominant, "Bakiyev");
        assert!(minority.strong);
        assert!(
            minority
                .message
                .contains("`Bakiev` in 1 article, `Bakiyev` in 9 articles")
        );
    }

    /// An article is not analysed again in the second pass only if it uses no minority
    /// spelling and is the very text that was summarised.
    #[test]
    fn only_unchanged_articles_without_minority_spellings_are_quiet() {
        let quiet = |document: &Document, spellings: &[&str]| Summary {
            names: spellings.iter().map(|s| (s.to_string(), 1)).collect(),
            identity: document.identity(),
            spellings: spellings.iter().map(|s| spelling_hash(s)).collect(),
        };
        let plain = Document::from_text("a.txt", "Akayev spoke.");
        let minority = Document::from_text("b.txt", "Bakiev spoke.");
        let mut summaries = vec![quiet(&plain, &["Akayev"]), quiet(&minority, &["Bakiev"])];
        summaries.extend((0..9).map(|_| summary(&[("Bakiyev", 1)])));
        let verdict = conclude(&summaries, &Settings::default());
        let quiet = |document: Document| verdict.is_quiet(document.identity());
        assert!(quiet(plain));
        assert!(!quiet(minority));
        assert!(!quiet(Document::from_text("a.txt", "Akayev  spoke.")));
        assert!(!quiet(Document::from_text("c.txt", "Akayev spoke.")));
    }

    #[test]
    fn a_close_split_is_not_flagged() {
        let mut summaries: Vec<Summary> = (0..4).map(|_| summary(&[("Bakiev", 1)])).collect();
        summaries.extend((0..5).map(|_| summary(&[("Bakiyev", 1)])));
        assert!(
            conclude(&summaries, &Settings::default())
                .minorities
                .is_empty()
        );
    }
}
