//! `transcheck.toml`: found in the working folder or a parent, strict (unknown keys are
//! errors), and layered under the command line: defaults, then the file, then flags.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use serde::Deserialize;
use thiserror::Error;

use crate::rules::Severity;

/// The name of the configuration file searched for.
pub const CONFIG_FILE: &str = "transcheck.toml";

/// The lowest severity that makes a run fail (exit 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    /// Fail on errors only.
    Error,
    /// Fail on warnings and errors.
    #[default]
    Warning,
    /// Fail on any finding.
    Info,
    /// Never fail because of findings.
    Never,
}

impl FailOn {
    /// Whether a finding of `severity` fails the run.
    pub fn fails(self, severity: Severity) -> bool {
        match self {
            Self::Error => severity >= Severity::Error,
            Self::Warning => severity >= Severity::Warning,
            Self::Info => true,
            Self::Never => false,
        }
    }
}

/// The settings a configuration file may hold. Paths are relative to the file's folder.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Folders (or files) of rule files to load besides the built-in pack.
    #[serde(default)]
    pub rules: Vec<PathBuf>,
    /// Rule ids or category prefixes to run; empty runs every rule enabled by default.
    #[serde(default)]
    pub select: Vec<String>,
    /// Rule ids or category prefixes never to run.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Severity overrides by rule id or category prefix.
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
    /// Extensions checked when walking folders, besides the default ones.
    #[serde(default)]
    pub extensions: Vec<String>,
    /// Only walked files matching one of these globs are checked.
    #[serde(default)]
    pub include: Vec<String>,
    /// Walked files matching one of these globs are skipped.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Where the CSV report is written.
    #[serde(default)]
    pub report: Option<PathBuf>,
    /// The lowest severity that fails the run.
    #[serde(default)]
    pub fail_on: Option<FailOn>,
    /// The encoding of files that are not UTF-8 (a WHATWG label such as `windows-1251`).
    #[serde(default)]
    pub encoding: Option<String>,
    /// The path of each checked file's source, as `--source` takes it (`{dir}`, `{stem}`,
    /// `{name}`).
    #[serde(default)]
    pub source: Option<String>,
    /// The language of the sources, as `--source-lang` takes it.
    #[serde(default)]
    pub source_lang: Option<String>,
    /// Rule ids or category prefixes ignored in the files matching a glob.
    #[serde(default)]
    pub per_file_ignores: BTreeMap<String, Vec<String>>,
}

/// A configuration file that cannot be used.
#[derive(Debug, Error)]
pub enum ConfigError {
    /// The file cannot be read.
    #[error("{}: cannot read configuration: {error}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        error: std::io::Error,
    },
    /// A syntax error or a key the schema does not know.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
}

/// A configuration and the folder its relative paths are relative to.
#[derive(Debug, Default)]
pub struct LoadedConfig {
    /// The settings.
    pub config: Config,
    /// The file, if one was found.
    pub path: Option<PathBuf>,
    /// The folder relative paths in the file are resolved against.
    pub base: PathBuf,
}

impl LoadedConfig {
    /// Loads `explicit`, else the nearest `transcheck.toml` from `start` upwards, else the
    /// defaults (with `start` as base).
    pub fn load(explicit: Option<&Path>, start: &Path) -> Result<Self, ConfigError> {
        let path = match explicit {
            Some(path) => Some(path.to_path_buf()),
            None => discover(start),
        };
        let Some(path) = path else {
            return Ok(Self {
                base: start.to_path_buf(),
                ..Self::default()
            });
        };
        let text = std::fs::read_to_string(&path).map_err(|error| ConfigError::Io {
            path: path.clone(),
            error,
        })?;
        let config: Config = toml::from_str(&text).map_err(|err| {
            let offset = err.span().map_or(0, |span| span.start);
            let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            ConfigError::Invalid {
                path: path.clone(),
                line: 1 + text[..offset].matches('\n').count(),
                column: 1 + text[line_start..offset].chars().count(),
                message: err.message().trim().to_string(),
            }
        })?;
        let absolute = std::path::absolute(&path).unwrap_or_else(|_| path.clone());
        let base = absolute
            .parent()
            .map_or_else(|| start.to_path_buf(), Path::to_path_buf);
        Ok(Self {
            config,
            path: Some(path),
            base,
        })
    }

    /// A path from the file, resolved against the file's folder.
    pub fn resolve(&self, path: &Path) -> PathBuf {
        self.base.join(path)
    }
}

/// The nearest `transcheck.toml` in `start` or one of its parents.
pub fn discover(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join(CONFIG_FILE))
        .find(|candidate| candidate.is_file())
}
