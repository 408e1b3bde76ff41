//! Which files a run checks: the paths given, folders walked recursively as ripgrep does
//! (honouring `.gitignore`, skipping hidden files), filtered by extension and by the
//! configuration's include and exclude globs.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use thiserror::Error;

/// The extensions checked by default when walking folders.
pub const DEFAULT_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm", "xlf", "xliff"];

/// One thing to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Standard input (`-`), shown under the name `--stdin-filename` gives it.
    Stdin {
        /// The name it is shown and checked as, when one was given.
        name: Option<String>,
    },
    /// A file.
    File {
        /// Where to read it.
        path: PathBuf,
        /// How it is shown to users: as given or walked, with `/` separators.
        display: String,
    },
}

impl Input {
    /// The name shown for the input in reports.
    pub fn display(&self) -> &str {
        match self {
            Self::Stdin { name } => name.as_deref().unwrap_or("<stdin>"),
            Self::File { display, .. } => display,
        }
    }

    /// The path whose extension gives the input's format: the file, or the name given
    /// to standard input.
    pub fn format_path(&self) -> &Path {
        match self {
            Self::Stdin { name } => Path::new(name.as_deref().unwrap_or("")),
            Self::File { path, .. } => path,
        }
    }
}

/// A path that could not be used.
#[derive(Debug, Error)]
#[error("{path}: {message}")]
pub struct InputError {
    /// The path as given.
    pub path: String,
    /// Why it was skipped.
    pub message: String,
}

/// A glob that does not parse, in the configuration.
#[derive(Debug, Error)]
#[error("invalid glob `{glob}`: {message}")]
pub struct GlobError {
    glob: String,
    message: String,
}

/// Decides which walked files are checked.
#[derive(Debug)]
pub struct FileFilter {
    extensions: BTreeSet<String>,
    include: Option<GlobSet>,
    exclude: GlobSet,
    base: PathBuf,
}

impl FileFilter {
    /// A filter for files with the default extensions plus `extra_extensions`, matching
    /// `include` (when not empty) and not `exclude`. Globs are relative to `base` and match
    /// a file or any folder above it; a glob without a `/` matches a name in any folder, as
    /// in `.gitignore` (`drafts` skips every `drafts/` folder, `desk/drafts` only that one).
    pub fn new(
        extra_extensions: &[String],
        include: &[String],
        exclude: &[String],
        base: PathBuf,
    ) -> Result<Self, GlobError> {
        let extensions = DEFAULT_EXTENSIONS
            .iter()
            .map(|e| e.to_string())
            .chain(
                extra_extensions
                    .iter()
                    .map(|e| e.trim_start_matches('.').to_ascii_lowercase()),
            )
            .collect();
        let include = if include.is_empty() {
            None
        } else {
            Some(glob_set(include)?)
        };
        Ok(Self {
            extensions,
            include,
            exclude: glob_set(exclude)?,
            base,
        })
    }

    fn accepts(&self, path: &Path) -> bool {
        let extension_ok = path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
            self.extensions
                .iter()
                .any(|wanted| wanted.eq_ignore_ascii_case(e))
        });
        if !extension_ok {
            return false;
        }
        // Without globs nothing more is asked: no path to make absolute per file.
        if self.exclude.is_empty() && self.include.is_none() {
            return true;
        }
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let relative = absolute.strip_prefix(&self.base).unwrap_or(path);
        let matches = |set: &GlobSet| {
            relative
                .ancestors()
                .take_while(|p| !p.as_os_str().is_empty())
                .any(|p| set.is_match(p))
        };
        !matches(&self.exclude) && self.include.as_ref().is_none_or(matches)
    }
}

/// Compiles globs as the configuration writes them (see [`FileFilter::new`]).
pub(crate) fn glob_set(globs: &[String]) -> Result<GlobSet, GlobError> {
    let mut builder = GlobSetBuilder::new();
    for glob in globs {
        let pattern = if glob.contains('/') {
            glob.trim_start_matches('/').to_string()
        } else {
            format!("**/{glob}")
        };
        let compiled = GlobBuilder::new(&pattern)
            .literal_separator(true)
            .build()
            .map_err(|err| GlobError {
                glob: glob.clone(),
                message: err.kind().to_string(),
            })?;
        builder.add(compiled);
    }
    builder.build().map_err(|err| GlobError {
        glob: globs.join(", "),
        message: err.to_string(),
    })
}

/// The inputs named by `paths`, sorted by displayed path and without duplicates, and the
/// paths that could not be used. Files named explicitly are checked whatever their
/// extension; files found in folders pass through `filter`. Standard input (`-`) is
/// shown as `stdin_name` when there is one.
pub fn collect(
    paths: &[PathBuf],
    filter: &FileFilter,
    stdin_name: Option<&str>,
) -> (Vec<Input>, Vec<InputError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin {
                name: stdin_name.map(str::to_string),
            });
            continue;
        }
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, filter, &mut inputs, &mut errors),
            Ok(_) => inputs.push(file_input(path.clone())),
            Err(err) => errors.push(InputError {
                path: display(path),
                message: err.to_string(),
            }),
        }
    }
    inputs.sort_by(|a, b| a.display().cmp(b.display()));
    inputs.dedup();
    (inputs, errors)
}

fn walk(root: &Path, filter: &FileFilter, inputs: &mut Vec<Input>, errors: &mut Vec<InputError>) {
    let walker = ignore::WalkBuilder::new(root)
        .hidden(true)
        .git_ignore(true)
        .require_git(false)
        .follow_links(false)
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                if is_file && filter.accepts(entry.path()) {
                    inputs.push(file_input(entry.into_path()));
                }
            }
            Err(err) => errors.push(InputError {
                path: display(root),
                message: err.to_string(),
            }),
        }
    }
}

fn file_input(path: PathBuf) -> Input {
    Input::File {
        display: display(&path),
        path,
    }
}

fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_are_matched_in_any_ascii_case_with_or_without_globs() {
        let base = PathBuf::from("/news");
        let plain = FileFilter::new(&[".Rst".to_string()], &[], &[], base.clone()).expect("builds");
        let with_globs = FileFilter::new(&[], &[], &["drafts".to_string()], base).expect("builds");
        for (path, accepted) in [
            ("/news/a.TXT", true),
            ("/news/b.Md", true),
            ("/news/c.htm", true),
            ("/news/d.rst", true),
            ("/news/e.rs", false),
            ("/news/txt", false),
        ] {
            assert_eq!(plain.accepts(Path::new(path)), accepted, "{path}");
        }
        assert!(with_globs.accepts(Path::new("/news/a.TXT")));
        assert!(!with_globs.accepts(Path::new("/news/drafts/a.txt")));
        assert!(!with_globs.accepts(Path::new("/news/d.rst")));
    }
}
