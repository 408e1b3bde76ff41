//! Reading inputs: the bytes of a file or of standard input, decoded (UTF-8, or the
//! legacy encoding the user named) into a [`Document`] in the format its name says; with
//! `--source`, the target's source file read beside it and paired with it. An XLIFF file
//! carries its sources: its targets are paired with them, whatever `--source` says. The
//! one place a check run reads what it checks; the engine never does.

use std::collections::HashMap;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use crate::document::{Document, Format, decode_as};
use crate::inputs::Input;
use crate::source::paired::{PairedSource, SourceFile};
use crate::source::xliff;

/// Reads the inputs of a run.
#[derive(Debug, Clone, Copy, Default)]
pub struct Reader<'a> {
    /// The encoding of inputs that are not UTF-8, when the user named one.
    encoding: Option<&'static encoding_rs::Encoding>,
    /// Where each input's source is, when the run checks against sources.
    sources: Option<&'a Sources>,
    /// The sources' language (`--source-lang`), when given; else each XLIFF file's own,
    /// else told from each source's script.
    language: Option<&'a str>,
}

/// Where the sources of a run's inputs are, and the sources read so far.
#[derive(Debug)]
pub struct Sources {
    /// The path of a target's source with `{dir}`, `{stem}` and `{name}` standing for the
    /// target's folder, name without its last extension, and whole name.
    template: String,
    /// The source files read, by path: a source translated by several targets is read,
    /// and its language told and its paragraphs analysed, once.
    read: Mutex<HashMap<PathBuf, Arc<SourceFile>>>,
}

/// How many source files a run keeps read: enough for every target of a source to find
/// it when targets of one source are checked near each other or the sources are few (the
/// shared WMT data has 73 for 830 targets), and a bound on memory when every target has
/// its own source. Past it, the sources kept are dropped and read again when needed.
const SOURCES_KEPT: usize = 1024;

impl Sources {
    /// The sources at `template` (with `{dir}`, `{stem}`, `{name}`).
    pub fn new(template: String) -> Self {
        Self {
            template,
            read: Mutex::new(HashMap::new()),
        }
    }

    /// The source path of the target at `target`.
    pub fn path_for(&self, target: &Path) -> PathBuf {
        let dir = target
            .parent()
            .filter(|dir| !dir.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = target.file_name().unwrap_or_default().to_string_lossy();
        let stem = target.file_stem().unwrap_or_default().to_string_lossy();
        PathBuf::from(
            self.template
                .replace("{dir}", &dir.to_string_lossy())
                .replace("{stem}", &stem)
                .replace("{name}", &name),
        )
    }
}

impl<'a> Reader<'a> {
    /// A reader that decodes inputs that are not UTF-8 as `encoding` (`--encoding`);
    /// without one they are refused, with the encoding they look like named. With
    /// `sources`, each input is paired with its source file (decoded the same way), in
    /// `language` when given.
    pub fn new(
        encoding: Option<&'static encoding_rs::Encoding>,
        sources: Option<&'a Sources>,
        language: Option<&'a str>,
    ) -> Self {
        Self {
            encoding,
            sources,
            language,
        }
    }

    /// Reads and decodes one input; the error says why, in words for the user. A source
    /// that cannot be read leaves the document without one, with a notice saying so.
    pub fn read(&self, input: &Input) -> Result<Document, String> {
        let bytes = match input {
            Input::Stdin { .. } => {
                let mut bytes = Vec::new();
                io::stdin().lock().read_to_end(&mut bytes).map(|_| bytes)
            }
            Input::File { path, .. } => std::fs::read(path),
        };
        let bytes = bytes.map_err(|err| format!("cannot read: {err}"))?;
        let format = Format::from_path(input.format_path());
        let decoded = decode_as(bytes, self.encoding).map_err(|err| err.to_string())?;
        if format == Format::Xliff {
            let xliff = xliff::read(&decoded.text).map_err(|err| {
                format!(
                    "not valid XLIFF (line {}): {}; skipped",
                    err.line, err.message
                )
            })?;
            return Ok(Document::from_xliff(
                input.display(),
                decoded,
                &xliff,
                self.language,
            ));
        }
        let document = Document::new(input.display(), format, decoded);
        Ok(match self.sources {
            Some(sources) => self.pair(document, input, sources),
            None => document,
        })
    }

    /// `document` with its source, or with a notice saying why it has none or is paired
    /// only as a whole.
    fn pair(&self, document: Document, input: &Input, sources: &Sources) -> Document {
        let path = sources.path_for(input.format_path());
        let file = match self.source_file(&path, sources) {
            Ok(file) => file,
            Err(err) => {
                let shown = path.to_string_lossy().replace('\\', "/");
                let notice = format!(
                    "{}: no source read at {shown} ({err}): checked without it",
                    document.path()
                );
                return document.with_notice(notice);
            }
        };
        let paired = PairedSource::of_file(file, document.text());
        let notice = paired.mismatch().map(|(source, target)| {
            format!(
                "{}: its source {} has {source} paragraph{} and it has {target}: the paragraphs \
                 are not paired, only whole-document source checks run",
                document.path(),
                paired.path(),
                if source == 1 { "" } else { "s" },
            )
        });
        let document = document.with_paired_source(paired);
        match notice {
            Some(notice) => document.with_notice(notice),
            None => document,
        }
    }

    /// The source file at `path`, read now or earlier in the run (by any path to it:
    /// templates reach one source from many folders, `A/../../source/x` and
    /// `B/../../source/x`).
    fn source_file(&self, path: &Path, sources: &Sources) -> Result<Arc<SourceFile>, String> {
        let key = std::fs::canonicalize(path).map_err(|err| err.to_string())?;
        let kept = sources
            .read
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&key)
            .cloned();
        if let Some(file) = kept {
            return Ok(file);
        }
        let bytes = std::fs::read(path).map_err(|err| err.to_string())?;
        let decoded = decode_as(bytes, self.encoding).map_err(|err| err.to_string())?;
        let shown = path.to_string_lossy().replace('\\', "/");
        let file = Arc::new(SourceFile::new(shown, decoded.text, self.language));
        let mut read = sources.read.lock().unwrap_or_else(PoisonError::into_inner);
        if read.len() >= SOURCES_KEPT {
            read.clear();
        }
        read.insert(key, Arc::clone(&file));
        Ok(file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_names_the_source_by_the_target_s_folder_stem_and_name() {
        let sources = Sources::new("{dir}/../../source/{stem}.src.txt|{name}".into());
        assert_eq!(
            sources.path_for(Path::new("ru-en/mt/A/doc.1.txt")),
            PathBuf::from("ru-en/mt/A/../../source/doc.1.src.txt|doc.1.txt")
        );
        assert_eq!(
            sources.path_for(Path::new("doc.txt")),
            PathBuf::from("./../../source/doc.src.txt|doc.txt")
        );
    }
}
