//! `--format sarif`: a SARIF 2.1.0 log for code-scanning services (GitHub code scanning,
//! Azure DevOps, IDE viewers). The log is one JSON document, written when the run ends.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde_json::{Value, json};

use super::Reporter;
use crate::finding::Finding;
use crate::rules::Severity;

/// What the log says about a rule in `tool.driver.rules`.
#[derive(Debug, Clone)]
pub struct RuleDescriptor {
    /// The rule id.
    pub id: String,
    /// Its one-line message.
    pub description: String,
    /// Its longer explanation (may be empty).
    pub help: String,
}

/// Buffers results and writes the SARIF log on `finish`.
pub struct SarifReport<W: Write> {
    out: W,
    known: BTreeMap<String, RuleDescriptor>,
    rules: Vec<Value>,
    indices: BTreeMap<String, usize>,
    results: Vec<Value>,
}

impl<W: Write> SarifReport<W> {
    /// A log written to `out`, describing the rules that produce results with `rules`.
    pub fn new(out: W, rules: Vec<RuleDescriptor>) -> Self {
        Self {
            out,
            known: rules.into_iter().map(|r| (r.id.clone(), r)).collect(),
            rules: Vec::new(),
            indices: BTreeMap::new(),
            results: Vec::new(),
        }
    }

    /// The index of `finding`'s rule in `tool.driver.rules`, adding it on first use.
    fn rule_index(&mut self, finding: &Finding) -> usize {
        if let Some(&index) = self.indices.get(&finding.rule) {
            return index;
        }
        let descriptor = self.known.get(&finding.rule);
        let description = descriptor.map_or(finding.message.as_str(), |d| &d.description);
        let mut rule = json!({
            "id": finding.rule,
            "shortDescription": { "text": description },
        });
        if let Some(help) = descriptor.map(|d| d.help.trim()).filter(|h| !h.is_empty()) {
            rule["help"] = json!({ "text": help });
        }
        let index = self.rules.len();
        self.rules.push(rule);
        self.indices.insert(finding.rule.clone(), index);
        index
    }
}

impl<W: Write> Reporter for SarifReport<W> {
    fn report(&mut self, findings: &[Finding]) -> io::Result<()> {
        for finding in findings {
            let index = self.rule_index(finding);
            self.results.push(result(finding, index));
        }
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        let log = json!({
            "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": { "driver": {
                    "name": "transcheck",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": std::mem::take(&mut self.rules),
                }},
                "columnKind": "unicodeCodePoints",
                "results": std::mem::take(&mut self.results),
            }],
        });
        serde_json::to_writer_pretty(&mut self.out, &log)?;
        self.out.write_all(b"\n")?;
        self.out.flush()
    }
}

fn result(finding: &Finding, rule_index: usize) -> Value {
    let level = match finding.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    };
    let artifact = json!({ "uri": uri(&finding.file) });
    let region = json!({
        "startLine": finding.line,
        "startColumn": finding.column,
        "endLine": finding.end_line,
        "endColumn": finding.end_column,
    });
    let mut snippet_region = region.clone();
    snippet_region["snippet"] = json!({ "text": finding.found });
    let mut result = json!({
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": level,
        "message": { "text": finding.message },
        "locations": [{ "physicalLocation": {
            "artifactLocation": artifact,
            "region": snippet_region,
        }}],
        "partialFingerprints": { "transcheck/v1": finding.fingerprint },
    });
    if let (true, Some(suggestion)) = (finding.fix, &finding.suggestion) {
        result["fixes"] = json!([{
            "description": { "text": if suggestion.is_empty() {
                "Delete the flagged text".to_string()
            } else {
                format!("Replace with {suggestion:?}")
            }},
            "artifactChanges": [{
                "artifactLocation": artifact,
                "replacements": [{
                    "deletedRegion": region,
                    "insertedContent": { "text": suggestion },
                }],
            }],
        }]);
    }
    result
}

/// A relative URI reference for a displayed path: `/` kept, unreserved characters kept,
/// everything else percent-encoded byte by byte.
pub fn uri(path: &str) -> String {
    let mut uri = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("news/a b.txt"), "news/a%20b.txt");
        assert_eq!(uri("<stdin>"), "%3Cstdin%3E");
        assert_eq!(
            uri("новости.md"),
            "%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8.md"
        );
    }
}
