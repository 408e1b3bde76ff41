//! The CSV report (a contract, see the README): fixed columns, RFC 4180 quoting, cells
//! neutralised so that a spreadsheet never evaluates them as formulas.

use std::borrow::Cow;
use std::io::{self, Write};

use super::Reporter;
use crate::finding::Finding;

/// The header row, in order.
pub const HEADER: [&str; 12] = [
    "file",
    "line",
    "column",
    "end_line",
    "end_column",
    "rule",
    "severity",
    "message",
    "found",
    "suggestion",
    "context",
    "fingerprint",
];

/// Writes findings as CSV rows after the header.
pub struct CsvReport<W: Write> {
    writer: csv::Writer<W>,
}

impl<W: Write> CsvReport<W> {
    /// Starts a report on `out` and writes the header.
    pub fn new(out: W) -> io::Result<Self> {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(out);
        writer.write_record(HEADER)?;
        Ok(Self { writer })
    }

    /// Flushes and returns the underlying writer.
    pub fn into_inner(self) -> io::Result<W> {
        self.writer
            .into_inner()
            .map_err(|err| io::Error::other(err.to_string()))
    }
}

impl<W: Write> Reporter for CsvReport<W> {
    fn report(&mut self, findings: &[Finding]) -> io::Result<()> {
        for finding in findings {
            self.writer
                .write_record(cells(finding).iter().map(|cell| cell.as_bytes()))?;
        }
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

/// The cells of `finding`'s row, in [`HEADER`]'s order, neutralised: the one mapping of a
/// finding to the CSV report, which `report diff` writes too.
pub fn cells(finding: &Finding) -> [Cow<'_, str>; 12] {
    let number = |n: usize| Cow::Owned(n.to_string());
    [
        neutralise(&finding.file),
        number(finding.line),
        number(finding.column),
        number(finding.end_line),
        number(finding.end_column),
        neutralise(&finding.rule),
        Cow::Borrowed(finding.severity.as_str()),
        neutralise(&finding.message),
        neutralise(&finding.found),
        neutralise(finding.suggestion.as_deref().unwrap_or("")),
        neutralise(&finding.context),
        Cow::Borrowed(&*finding.fingerprint),
    ]
}

/// The first characters that make a spreadsheet read a cell as a formula.
pub(crate) const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab, carriage return
/// first) gets a leading apostrophe, which spreadsheets show as text and hide. So that
/// reading a report back is exact, a cell that already starts with apostrophes before
/// such a character gets one more: reading drops exactly one.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.trim_start_matches('\'').starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The CSV report file, written atomically: rows go to a temporary file in the same
/// folder, which replaces the target only once complete, so a reader never sees half a
/// report. The file starts with a UTF-8 byte-order mark so spreadsheets read it as UTF-8.
pub struct ReportFile {
    path: std::path::PathBuf,
    report: CsvReport<io::BufWriter<tempfile::NamedTempFile>>,
}

impl ReportFile {
    /// Creates the folder if needed and starts the temporary file. Errors say in plain
    /// words what is wrong with the report's path, never naming the temporary file.
    pub fn create(path: &std::path::Path) -> Result<Self, ReportPathError> {
        let folder = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => std::path::PathBuf::from("."),
        };
        if let Some(file) = folder
            .ancestors()
            .find(|ancestor| ancestor.exists())
            .filter(|ancestor| !ancestor.is_dir())
        {
            return Err(ReportPathError::NotAFolder {
                file: file.to_path_buf(),
            });
        }
        std::fs::create_dir_all(&folder).map_err(|error| ReportPathError::Folder {
            folder: folder.clone(),
            reason: reason(&error),
        })?;
        let mut builder = tempfile::Builder::new();
        builder.prefix(".transcheck-report").suffix(".tmp");
        // A temporary file is private (0600) by default; a report is for everyone who
        // reads the repository, so it gets the usual 0644.
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
        let start = |builder: &tempfile::Builder| -> io::Result<_> {
            let mut out = io::BufWriter::new(builder.tempfile_in(&folder)?);
            out.write_all("\u{feff}".as_bytes())?;
            CsvReport::new(out)
        };
        let report = start(&builder).map_err(|error| ReportPathError::NoFile {
            folder: folder.clone(),
            reason: reason(&error),
        })?;
        Ok(Self {
            path: path.to_path_buf(),
            report,
        })
    }

    /// The path the report will have.
    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    /// Writes out the rows and renames the temporary file over the target: the report is
    /// never seen half-written. It is not synced to disk first, as fixed source files are
    /// (`crate::fix`): a report is made again from its inputs, and the `fsync` of the 10 MB
    /// report of a 100 MB corpus held the end of the run up by 6 ms.
    pub fn persist(self) -> Result<(), ReportPathError> {
        let folder = self.path.parent().map(std::path::Path::to_path_buf);
        let written = self.report.into_inner().and_then(|out| {
            out.into_inner()
                .map_err(io::IntoInnerError::into_error)?
                .persist(&self.path)
                .map_err(|err| err.error)
        });
        written.map(drop).map_err(|error| ReportPathError::NoFile {
            folder: folder.unwrap_or_default(),
            reason: reason(&error),
        })
    }
}

/// Why the report file cannot be written, in plain words.
#[derive(Debug, thiserror::Error)]
pub enum ReportPathError {
    /// A part of the report's path is a file where a folder is needed.
    #[error("{} is a file, not a folder", file.display())]
    NotAFolder {
        /// The file in the way.
        file: std::path::PathBuf,
    },
    /// The report's folder cannot be created.
    #[error("cannot create the folder {}: {reason}", folder.display())]
    Folder {
        /// The folder.
        folder: std::path::PathBuf,
        /// Why, without the paths of temporary files.
        reason: String,
    },
    /// No file can be created or written in the report's folder.
    #[error(
        "cannot create a file in the folder {}: {reason}",
        display_folder(folder)
    )]
    NoFile {
        /// The folder.
        folder: std::path::PathBuf,
        /// Why, without the paths of temporary files.
        reason: String,
    },
}

/// A folder as the error messages show it: `.` for the working folder.
fn display_folder(folder: &std::path::Path) -> std::path::Display<'_> {
    if folder.as_os_str().is_empty() {
        std::path::Path::new(".").display()
    } else {
        folder.display()
    }
}

/// What went wrong, without the path `tempfile` adds to its errors (the name of a
/// temporary file means nothing to the user).
fn reason(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::ReadOnlyFilesystem => "the file system is read-only".to_string(),
        io::ErrorKind::StorageFull => "no space left on the device".to_string(),
        io::ErrorKind::NotFound => "it does not exist or takes no files".to_string(),
        kind => kind.to_string(),
    }
}

impl Reporter for ReportFile {
    fn report(&mut self, findings: &[Finding]) -> io::Result<()> {
        self.report.report(findings)
    }

    fn finish(&mut self) -> io::Result<()> {
        self.report.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_prefixes_are_neutralised() {
        for cell in ["=SUM(A1)", "+1", "-5", "@x", "\tx", "\rx"] {
            assert_eq!(neutralise(cell), format!("'{cell}"));
        }
        assert_eq!(neutralise("plain"), "plain");
        assert_eq!(neutralise("'-"), "''-");
        assert_eq!(neutralise("'x"), "'x");
        assert_eq!(neutralise(" - "), " - ");
    }
}
