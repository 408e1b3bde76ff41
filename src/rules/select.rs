//! Which rules run, and at what severity: `select`, `ignore` and severity overrides from
//! the configuration and the command line, by rule id or category prefix.

use std::collections::BTreeMap;

use thiserror::Error;

use super::{Rule, Severity};

/// The user's choice of rules.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Only these ids or prefixes run; empty means every rule enabled by default.
    pub select: Vec<String>,
    /// These ids or prefixes never run.
    pub ignore: Vec<String>,
    /// Severity overrides by id or prefix; the longest matching key wins.
    pub severity: BTreeMap<String, Severity>,
}

/// A selector that names no loaded rule: almost always a typo.
#[derive(Debug, Error)]
#[error(
    "unknown rule or category `{selector}` in `{setting}`; `transcheck rules list` shows the rules"
)]
pub struct SelectionError {
    /// The selector as written.
    pub selector: String,
    /// The setting it was given in.
    pub setting: &'static str,
}

/// Whether `selector` (an id or a category prefix such as `names` or `quotes.unbalanced`)
/// names the rule `id`.
pub fn selects(selector: &str, id: &str) -> bool {
    id == selector
        || id
            .strip_prefix(selector)
            .is_some_and(|rest| rest.starts_with('.'))
}

impl Selection {
    /// Keeps the rules the selection enables and applies severity overrides. A rule with
    /// `enabled = false` (opt-in) runs only when a selector names it alone or with other
    /// opt-in rules only: its full id, or a category of opt-in rules such as `style`. A
    /// category that also holds rules on by default (`unicode`) leaves its opt-in ones off,
    /// so that selecting a category never brings in a house-style rule by surprise.
    pub fn apply(&self, rules: Vec<Rule>) -> Result<Vec<Rule>, SelectionError> {
        let settings = [
            ("select", self.select.iter().collect::<Vec<_>>()),
            ("ignore", self.ignore.iter().collect()),
            ("severity", self.severity.keys().collect()),
        ];
        for (setting, selectors) in settings {
            if let Some(unknown) = selectors
                .into_iter()
                .find(|s| !rules.iter().any(|rule| selects(s, &rule.meta.id)))
            {
                return Err(SelectionError {
                    selector: unknown.clone(),
                    setting,
                });
            }
        }
        let opt_in_selectors: Vec<&String> = self
            .select
            .iter()
            .filter(|s| {
                !rules
                    .iter()
                    .any(|rule| rule.meta.enabled && selects(s, &rule.meta.id))
            })
            .collect();
        Ok(rules
            .into_iter()
            .filter(|rule| self.runs(&rule.meta.id, rule.meta.enabled, &opt_in_selectors))
            .map(|mut rule| {
                if let Some(severity) = self.severity_of(&rule.meta.id) {
                    rule.meta.severity = severity;
                }
                rule
            })
            .collect())
    }

    /// Whether the rule `id` runs; `opt_in_selectors` are the selectors that name opt-in
    /// rules only.
    fn runs(&self, id: &str, enabled: bool, opt_in_selectors: &[&String]) -> bool {
        let selected = if self.select.is_empty() {
            enabled
        } else if enabled {
            self.select.iter().any(|s| selects(s, id))
        } else {
            opt_in_selectors.iter().any(|s| selects(s, id))
        };
        selected && !self.ignore.iter().any(|s| selects(s, id))
    }

    fn severity_of(&self, id: &str) -> Option<Severity> {
        self.severity
            .iter()
            .filter(|(selector, _)| selects(selector, id))
            .max_by_key(|(selector, _)| selector.len())
            .map(|(_, &severity)| severity)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_select_whole_categories_only() {
        assert!(selects("spacing", "spacing.double-space"));
        assert!(selects("spacing.double-space", "spacing.double-space"));
        assert!(!selects("spac", "spacing.double-space"));
        assert!(!selects("spacing.double", "spacing.double-space"));
    }
}
