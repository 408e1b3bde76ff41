//! `transcheck rules …`: list, explain and test the rules a `check` with the same flags
//! would load.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::{Status, load_config, print_errors, rule_folders};
use crate::cli::{RuleArgs, RulesCommand};
use crate::rules::{Rule, RuleSet, RuleSource, run_examples, selects};

/// Runs `transcheck rules …`.
pub(super) fn rules(command: RulesCommand) -> anyhow::Result<Status> {
    match command {
        RulesCommand::List(args) => {
            let Some(set) = load_rule_set(&args, &[])? else {
                return Ok(Status::Error);
            };
            list_rules(&set)?;
            Ok(Status::Clean)
        }
        RulesCommand::Explain { id, rule_args } => {
            let Some(set) = load_rule_set(&rule_args, &[])? else {
                return Ok(Status::Error);
            };
            if let Some(rule) = set.get(&id) {
                explain_rule(rule)?;
                return Ok(Status::Clean);
            }
            let category: Vec<&Rule> = set
                .rules()
                .iter()
                .filter(|rule| selects(&id, &rule.meta.id))
                .collect();
            if category.is_empty() {
                return Ok(print_errors([format!(
                    "unknown rule or category `{id}`; `transcheck rules list` shows the rules"
                )]));
            }
            explain_category(&id, &category)?;
            Ok(Status::Clean)
        }
        RulesCommand::Test { dirs, rule_args } => {
            let Some(set) = load_rule_set(&rule_args, &dirs)? else {
                return Ok(Status::Error);
            };
            test_rules(&set, &dirs)
        }
    }
}

/// Loads the rules for a `rules` subcommand exactly as `check` loads them with `extra`
/// given as `--rules`: the built-in pack, the configured folders, the command line's and
/// `extra`, so that both commands accept and refuse the same rule files (a duplicate of a
/// built-in id among them). `None` once errors are printed.
fn load_rule_set(args: &RuleArgs, extra: &[PathBuf]) -> anyhow::Result<Option<RuleSet>> {
    let loaded = load_config(args)?;
    let mut folders = rule_folders(args, &loaded);
    folders.extend(extra.iter().cloned());
    match RuleSet::load(true, &folders) {
        Ok(set) => Ok(Some(set)),
        Err(errors) => {
            print_errors(errors);
            Ok(None)
        }
    }
}

fn list_rules(set: &RuleSet) -> io::Result<()> {
    let rows: Vec<[String; 5]> = set
        .rules()
        .iter()
        .map(|rule| {
            let meta = &rule.meta;
            [
                meta.id.clone(),
                meta.kind.name().to_string(),
                meta.severity.to_string(),
                if meta.enabled { "on" } else { "off" }.to_string(),
                meta.source.to_string(),
            ]
        })
        .collect();
    let header = ["ID", "KIND", "SEVERITY", "DEFAULT", "SOURCE"].map(String::from);
    let mut widths = [0; 5];
    for row in std::iter::once(&header).chain(&rows) {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = io::stdout().lock();
    for row in std::iter::once(&header).chain(&rows) {
        let line: Vec<String> = row
            .iter()
            .zip(widths)
            .map(|(cell, width)| format!("{cell:width$}"))
            .collect();
        writeln!(out, "{}", line.join("  ").trim_end())?;
    }
    Ok(())
}

/// A category's rules, one line each: id, severity, whether a safe fix exists, whether it
/// runs by default, and its message.
fn explain_category(category: &str, rules: &[&Rule]) -> io::Result<()> {
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "{category}: {} rule{}; `transcheck rules explain ID` explains one",
        rules.len(),
        if rules.len() == 1 { "" } else { "s" }
    )?;
    let width = rules.iter().map(|r| r.meta.id.len()).max().unwrap_or(0);
    for rule in rules {
        let meta = &rule.meta;
        let mut notes = vec![meta.severity.to_string()];
        if meta.fix {
            notes.push("safe fix".to_string());
        }
        if !meta.enabled {
            notes.push("opt-in".to_string());
        }
        writeln!(
            out,
            "  {:width$}  {}: {}",
            meta.id,
            notes.join(", "),
            meta.message
        )?;
    }
    Ok(())
}

fn explain_rule(rule: &Rule) -> io::Result<()> {
    let meta = &rule.meta;
    let mut out = io::stdout().lock();
    writeln!(out, "{}", meta.id)?;
    writeln!(
        out,
        "kind: {}; severity: {}; {}; {}",
        meta.kind.name(),
        meta.severity,
        if meta.enabled {
            "on by default"
        } else {
            "off unless selected by id"
        },
        if meta.fix {
            "fix is safe to apply"
        } else {
            "no automatic fix"
        }
    )?;
    writeln!(out, "defined in {}", meta.source)?;
    writeln!(out, "\n## What it flags\n{}", meta.message)?;
    if !meta.explain.trim().is_empty() {
        writeln!(out, "\n## Why\n{}", meta.explain.trim())?;
    }
    for (title, flags) in [("Flagged", true), ("Not flagged", false)] {
        let examples: Vec<_> = meta
            .examples
            .iter()
            .filter(|e| (e.findings > 0) == flags)
            .collect();
        if !examples.is_empty() {
            writeln!(out, "\n## {title}")?;
            for example in examples {
                writeln!(out, "  {:?}", example.text)?;
                if let Some(source) = &example.source {
                    writeln!(out, "    source: {source:?}")?;
                }
            }
        }
    }
    Ok(())
}

/// Runs the examples of the rules defined under `dirs` (all rules when none is given).
fn test_rules(set: &RuleSet, dirs: &[PathBuf]) -> anyhow::Result<Status> {
    let tested: Vec<&Rule> = set
        .rules()
        .iter()
        .filter(|rule| dirs.is_empty() || defined_under(&rule.meta.source, dirs))
        .collect();
    let mut examples = 0;
    let mut failures = Vec::new();
    for rule in &tested {
        examples += rule.meta.examples.len();
        failures.extend(run_examples(rule));
    }
    let mut out = io::stdout().lock();
    for failure in &failures {
        writeln!(out, "FAIL {failure}")?;
    }
    writeln!(
        out,
        "{} rules, {examples} examples: {}",
        tested.len(),
        if failures.is_empty() {
            "all passed".to_string()
        } else {
            format!("{} failed", failures.len())
        }
    )?;
    Ok(if failures.is_empty() {
        Status::Clean
    } else {
        Status::Findings
    })
}

/// Whether a rule comes from a file at or under one of `dirs`.
fn defined_under(source: &RuleSource, dirs: &[PathBuf]) -> bool {
    let RuleSource::File(file) = source else {
        return false;
    };
    let canonical =
        |path: &Path| std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let file = canonical(file);
    dirs.iter().any(|dir| file.starts_with(canonical(dir)))
}
