//! Loading rule files: the built-in pack embedded in the binary, and folders of the user's.
//! Every problem is collected and reported with its file, line and column, so a user fixes
//! all of them in one go; nothing is checked while any remains.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use thiserror::Error;

use super::Rule;
use super::kinds::Kind;
use super::spec::{self, RULE_ID, ReadRule, SpecError};

/// The built-in pack: file name and contents of every `rules/*.toml`.
const BUILTIN: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// Where a rule was defined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleSource {
    /// A file of the built-in pack (its name in `rules/`).
    Builtin(&'static str),
    /// A user's rule file.
    File(PathBuf),
}

impl fmt::Display for RuleSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Builtin(name) => write!(f, "builtin:rules/{name}"),
            Self::File(path) => write!(f, "{}", path.display()),
        }
    }
}

/// A rule file or folder that cannot be used.
#[derive(Debug, Error)]
pub enum RuleError {
    /// A syntax error, a schema error or an invalid value, at a position in a rule file.
    #[error("{source_name}:{line}:{column}: {message}")]
    Invalid {
        /// The rule file.
        source_name: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong, naming the rule and field where known.
        message: String,
    },
    /// A folder or file that cannot be read.
    #[error("{}: cannot read rules: {error}", path.display())]
    Io {
        /// The folder or file.
        path: PathBuf,
        /// The underlying error.
        error: std::io::Error,
    },
    /// A folder that holds no rule files, most likely a wrong path.
    #[error("{}: no rule files (*.toml) in this folder", path.display())]
    NoRuleFiles {
        /// The folder.
        path: PathBuf,
    },
}

impl RuleError {
    fn at(source: &RuleSource, text: &str, offset: usize, message: String) -> Self {
        let (line, column) = line_column(text, offset);
        Self::Invalid {
            source_name: source.to_string(),
            line,
            column,
            message,
        }
    }
}

/// The 1-based line and column of a byte offset in a rule file.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    (
        1 + text[..offset].matches('\n').count(),
        1 + text[line_start..offset].chars().count(),
    )
}

/// All loaded rules, in load order: the built-in pack, then the user's folders.
#[derive(Debug, Default)]
pub struct RuleSet {
    rules: Vec<Rule>,
}

impl RuleSet {
    /// Loads the built-in pack (unless `builtin` is false) and every rule file in `paths`
    /// (folders, searched recursively, or single files).
    pub fn load(builtin: bool, paths: &[PathBuf]) -> Result<Self, Vec<RuleError>> {
        let mut files: Vec<(RuleSource, String)> = Vec::new();
        let mut errors = Vec::new();
        if builtin {
            files.extend(
                BUILTIN
                    .iter()
                    .map(|&(name, text)| (RuleSource::Builtin(name), text.to_string())),
            );
        }
        // A folder named twice (configured, and given to `rules test`) is loaded once.
        let mut loaded = std::collections::HashSet::new();
        for path in paths {
            match rule_files(path) {
                Ok(found) if found.is_empty() => {
                    errors.push(RuleError::NoRuleFiles { path: path.clone() })
                }
                Ok(found) => {
                    for file in found {
                        let identity =
                            std::fs::canonicalize(&file).unwrap_or_else(|_| file.clone());
                        if !loaded.insert(identity) {
                            continue;
                        }
                        match std::fs::read_to_string(&file) {
                            Ok(text) => files.push((RuleSource::File(file), text)),
                            Err(error) => errors.push(RuleError::Io { path: file, error }),
                        }
                    }
                }
                Err(error) => errors.push(RuleError::Io {
                    path: path.clone(),
                    error,
                }),
            }
        }
        let set = Self::compile(&files, &mut errors);
        if errors.is_empty() {
            Ok(set)
        } else {
            Err(errors)
        }
    }

    /// Loads the rules of one rule file's `text` (shown as `path` in errors), without the
    /// built-in pack: for tools and fuzzing that hold a rule file in memory.
    pub fn from_text(path: &Path, text: &str) -> Result<Self, Vec<RuleError>> {
        let files = [(RuleSource::File(path.to_path_buf()), text.to_string())];
        let mut errors = Vec::new();
        let set = Self::compile(&files, &mut errors);
        if errors.is_empty() {
            Ok(set)
        } else {
            Err(errors)
        }
    }

    /// Parses and compiles the rules of `files`, adding every problem to `errors`. A
    /// user's `names` rule takes the place of the built-in one (the names check runs once;
    /// a second user `names` rule is an error).
    fn compile(files: &[(RuleSource, String)], errors: &mut Vec<RuleError>) -> Self {
        let mut set = Self::default();
        let mut first_seen: HashMap<String, String> = HashMap::new();
        let mut user_names: Option<String> = None;
        for (source, text) in files {
            let before = errors.len();
            set.compile_file(source, text, errors, &mut first_seen, &mut user_names);
            // Schema and compile errors of a file are found in two steps: shown in order.
            errors[before..].sort_by_key(|error| match error {
                RuleError::Invalid { line, column, .. } => (*line, *column),
                _ => (0, 0),
            });
        }
        set.check_supersedes(files, &first_seen, errors);
        set
    }

    /// Adds an error for every id a rule's `supersedes` names that no loaded rule has: a
    /// misspelled id would otherwise leave both findings in place without a word.
    fn check_supersedes(
        &self,
        files: &[(RuleSource, String)],
        known: &HashMap<String, String>,
        errors: &mut Vec<RuleError>,
    ) {
        for rule in &self.rules {
            let Some((source, text)) = files.iter().find(|(source, _)| *source == rule.meta.source)
            else {
                continue;
            };
            for other in rule
                .meta
                .supersedes
                .iter()
                .filter(|id| !known.contains_key(*id))
            {
                // The id is written quoted in the rule's `supersedes` list.
                let offset = text.find(&format!("\"{other}\"")).unwrap_or(0);
                errors.push(RuleError::at(
                    source,
                    text,
                    offset,
                    format!(
                        "rule `{}`: field `supersedes`: no rule `{other}` is loaded",
                        rule.meta.id
                    ),
                ));
            }
        }
    }

    /// Parses and compiles the rules of one file (`source`, holding `text`).
    fn compile_file(
        &mut self,
        source: &RuleSource,
        text: &str,
        errors: &mut Vec<RuleError>,
        first_seen: &mut HashMap<String, String>,
        user_names: &mut Option<String>,
    ) {
        let rules = match spec::parse(text) {
            Ok(rules) => rules,
            Err(err) => {
                errors.push(RuleError::at(source, text, err.span.start, err.message));
                return;
            }
        };
        for ReadRule {
            spec,
            errors: problems,
        } in rules
        {
            let usable = problems.is_empty();
            errors.extend(
                problems.into_iter().map(|problem| {
                    RuleError::at(source, text, problem.span.start, problem.message)
                }),
            );
            let Some(any) = spec else {
                continue;
            };
            let kind = any.kind();
            let id = any.id().get_ref().clone();
            let id_at = any.id().span().start;
            let (line, column) = line_column(text, id_at);
            let place = format!("{source}:{line}:{column}");
            let located = |message: String| RuleError::at(source, text, id_at, message);
            let mut usable = usable;
            if kind == Kind::Names && matches!(source, RuleSource::File(_)) {
                if let Some(first) = user_names.as_ref() {
                    errors.push(located(format!(
                        "rule `{id}`: field `kind`: a second `names` rule (the first is at \
                         {first}); the names check runs once: put every glossary and ignore \
                         list in one rule"
                    )));
                    usable = false;
                } else {
                    *user_names = Some(place.clone());
                    self.drop_builtin_names(first_seen);
                }
            }
            if RULE_ID.is_match(&id) {
                if let Some(first) = first_seen.get(&id) {
                    errors.push(located(format!(
                        "rule `{id}`: field `id`: duplicate id, first defined at {first}"
                    )));
                    usable = false;
                } else {
                    first_seen.insert(id.clone(), place);
                }
            }
            let meta = any.meta(source.clone());
            match any.compile() {
                Ok(check) if usable => self.rules.push(Rule { meta, check }),
                Ok(_) => {}
                Err(SpecError {
                    field,
                    span,
                    message,
                }) => {
                    let offset = span.map_or(id_at, |span| span.start);
                    errors.push(RuleError::at(
                        source,
                        text,
                        offset,
                        format!("rule `{id}`: field `{field}`: {message}"),
                    ));
                }
            }
        }
    }

    /// Removes the built-in `names` rules, which a user's `names` rule replaces.
    fn drop_builtin_names(&mut self, first_seen: &mut HashMap<String, String>) {
        self.rules.retain(|rule| {
            let builtin_names =
                rule.meta.kind == Kind::Names && matches!(rule.meta.source, RuleSource::Builtin(_));
            if builtin_names {
                first_seen.remove(&rule.meta.id);
            }
            !builtin_names
        });
    }

    /// The rules, in load order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The rule with this id.
    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|rule| rule.meta.id == id)
    }

    /// Takes the rules out of the set.
    pub fn into_rules(self) -> Vec<Rule> {
        self.rules
    }
}

/// The `.toml` files at `path` (a file, or a folder searched recursively), sorted.
fn rule_files(path: &Path) -> std::io::Result<Vec<PathBuf>> {
    if std::fs::metadata(path)?.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    let mut folders = vec![path.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let entry = entry?;
            let file_type = entry.file_type()?;
            let entry_path = entry.path();
            if file_type.is_dir() {
                folders.push(entry_path);
            } else if entry_path.extension().is_some_and(|e| e == "toml") {
                files.push(entry_path);
            }
        }
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn supersedes_must_name_a_loaded_rule() {
        let rule = "[[rule]]\nid = \"house.x\"\nkind = \"pattern\"\nseverity = \"info\"\n\
                    message = \"m\"\npattern = 'x'\nsupersedes = [\"house.y\"]\n";
        let errors = RuleSet::from_text(Path::new("house.toml"), rule).expect_err("unknown id");
        assert_eq!(
            errors.iter().map(ToString::to_string).collect::<Vec<_>>(),
            ["house.toml:7:15: rule `house.x`: field `supersedes`: no rule `house.y` is loaded"]
        );
        let both = format!(
            "{rule}{}",
            rule.replace("house.x", "house.y")
                .replace("house.y\"]", "house.x\"]")
        );
        assert!(RuleSet::from_text(Path::new("house.toml"), &both).is_ok());
    }

    #[test]
    fn a_rule_file_in_memory_loads_or_names_its_errors() {
        let rule = "[[rule]]\nid = \"house.x\"\nkind = \"pattern\"\nseverity = \"info\"\n\
                    message = \"m\"\npattern = 'x'\nexamples = [{ text = \"x\", findings = 1 }]\n";
        let set = RuleSet::from_text(Path::new("house.toml"), rule).expect("valid");
        assert_eq!(set.rules().len(), 1);
        assert!(set.get("house.x").is_some());
        let errors = RuleSet::from_text(Path::new("house.toml"), &rule.replace("'x'", "'('"))
            .expect_err("invalid regex");
        assert!(
            errors[0]
                .to_string()
                .starts_with("house.toml:6:11: rule `house.x`: field `pattern`"),
            "{}",
            errors[0]
        );
    }
}
